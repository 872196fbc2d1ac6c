"""``graphmap map``: write the interactive exposure map as one HTML file.

Registered into the main app through :data:`graphmap.cli._EXTENSIONS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graphmap.cli_options import AsOfOpt, KeyFileOpt, NoPersonalOpt, RedactOpt, Sources

__all__ = ["register"]


def map_command(
    sources: Sources = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="出力先 .html / output HTML file.")
    ] = Path("map.html"),
    tech: Annotated[
        str | None,
        typer.Option(
            "--tech",
            help="技術のID: その技術と情報の届いた先"
            " / technology id: it and everywhere its information reached.",
        ),
    ] = None,
    finding: Annotated[
        str | None,
        typer.Option(
            "--finding", help="指摘事項のID: 根拠を強調表示 / finding id: its evidence highlighted."
        ),
    ] = None,
    path: Annotated[
        str | None,
        typer.Option(
            "--path",
            help="技術のID: 最も起こりやすい流出経路"
            " / technology id: its most likely leakage path.",
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            help="国コード: その国へ流れたもの / country code: everything that flowed there.",
        ),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help="組織のID: その組織へ流れたもの / organisation id: everything that flowed to it.",
        ),
    ] = None,
    max_nodes: Annotated[
        int,
        typer.Option(
            "--max-nodes",
            help="これを超えるとグループにまとめて表示 / above this many nodes, fold groups.",
        ),
    ] = 2000,
    as_of: AsOfOpt = None,
    redact: RedactOpt = False,
    key_file: KeyFileOpt = None,
    no_personal: NoPersonalOpt = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="表示言語 ja|en / map language ja|en (env GRAPHMAP_LANG)."),
    ] = None,
) -> None:
    """マップ: 全社・技術・指摘事項・流出経路・国・組織の対話型マップ（HTML）を書き出します。 / Map: write an interactive, offline HTML exposure map of the company, a technology, a finding, a leakage path, a country or an organisation."""
    from graphmap import cli
    from graphmap.privacy import OutputPrivacy

    lg = cli._lang(lang)

    def run() -> None:
        nonlocal org
        from graphmap.analyses import run_analyses
        from graphmap.graph import build_graph
        from graphmap.i18n import t
        from graphmap.inputs import InputError
        from graphmap.render import views as v
        from graphmap.render.html_map import write_map

        chosen = [x for x in (tech, finding, path, country, org) if x is not None]
        if len(chosen) > 1:
            raise InputError("map.one_view")
        if max_nodes < 1:
            raise InputError("map.bad_max_nodes", value=max_nodes)
        day = cli._as_of(as_of)
        ds, redactor = cli._load_private(sources, lg, privacy=OutputPrivacy(redact, no_personal, key_file))
        if redactor is not None and org is not None:
            org = redactor.ident(org)  # the user names the partner by its real id
        g = build_graph(ds)
        findings = run_analyses(g, as_of=day)
        try:
            if tech is not None:
                view = v.tech_view(g, tech.strip(), max_nodes=max_nodes)
            elif finding is not None:
                found = [f for f in findings if f.id == finding.strip()]
                if not found:
                    raise v.UnknownId("finding", finding)
                view = v.finding_view(g, found[0], findings, max_nodes=max_nodes)
            elif path is not None:
                view = v.path_view(g, findings, path.strip(), max_nodes=max_nodes)
            elif country is not None:
                view = v.country_view(g, country, max_nodes=max_nodes)
            elif org is not None:
                view = v.org_view(g, org.strip(), max_nodes=max_nodes)
            else:
                view = v.company_view(g, max_nodes=max_nodes)
        except v.UnknownId as exc:
            if exc.kind == "country":
                present = sorted(n for n, d in g.nodes(data=True) if d.get("label") == "Country")
                raise InputError(
                    "map.unknown_country", value=exc.value, expected=", ".join(present) or "-"
                ) from None
            key = {"path": "map.no_path"}.get(exc.kind, f"map.unknown_{exc.kind}")
            raise InputError(key, value=exc.value) from None
        write_map(output, g, view, findings, lang=lg, as_of=day)
        cli.out_console.print(
            t(
                "map.written",
                lg,
                path=str(output),
                nodes=len(view.visible_nodes()),
                edges=len(view.visible_edges()),
            ),
            markup=False,
            soft_wrap=True,
        )

    cli._guard(lg, run)


def register(app: typer.Typer) -> None:
    """Add ``graphmap map`` to ``app``."""
    app.command("map")(map_command)
