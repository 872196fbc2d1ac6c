"""Command groups for the graph server and saved queries.

* ``graphmap neo4j push [SOURCES] [--wipe] [--batch-size N]``
* ``graphmap neo4j check``
* ``graphmap query list | show ID | run ID_OR_FILE [SOURCES] [--param k=v ...]
  [--engine embedded|neo4j] [--format table|json|csv]``
* ``graphmap export neo4j-csv [SOURCES] -o DIR``

Server settings come from ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE`` or an owner-only config file (``--config``); there is
deliberately no password option, so it never reaches argv or shell history.
A server that is down, a wrong password or a dropped connection ends with one
line on stderr and exit code 3; bad input ends with exit code 2.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from graphmap.cli_options import LangOpt, NoPersonalOpt, Sources, WorkspaceOpt

__all__ = ["EXIT_SERVER", "register"]

#: Exit code when the graph server cannot be reached or refuses us.
EXIT_SERVER = 3

neo4j_app = typer.Typer(
    help="グラフサーバー（Neo4j 5・Aura・Bolt 対応サーバー）。 / The graph server (Neo4j 5, Aura, Bolt servers).",
    no_args_is_help=True,
)
query_app = typer.Typer(
    help="保存クエリの一覧・表示・実行。 / List, show and run saved queries.",
    no_args_is_help=True,
)

ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="接続設定ファイル（TOML、chmod 600）。既定: ~/.config/graphmap/neo4j.toml。"
        " / Connection settings file (TOML, chmod 600); default ~/.config/graphmap/neo4j.toml.",
    ),
]

TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=0,
        max=86_400,
        help="1文の応答を待つ秒数（0: 無制限、既定 300、GRAPHMAP_NEO4J_TIMEOUT）。"
        " / Seconds to wait for the server to answer one statement (0: no limit; default 300,"
        " GRAPHMAP_NEO4J_TIMEOUT).",
    ),
]


def _cli() -> Any:
    from graphmap import cli

    return cli


def _lang(lang: str | None) -> str:
    return str(_cli()._lang(lang))


def _guard(lang: str, fn: Callable[[], None]) -> None:
    """cli's guard (bad input: exit 2), plus server failures: one line, exit 3."""
    from graphmap.neo4j import GraphmapServerError
    from graphmap.saved_queries import QueryCatalogueError

    cli = _cli()
    _quiet_driver_log()

    def run() -> None:
        try:
            fn()
        except GraphmapServerError as exc:
            cli.err_console.print(exc.message(lang), style="bold red", markup=False, soft_wrap=True)
            raise typer.Exit(EXIT_SERVER) from None
        except QueryCatalogueError as exc:
            cli.err_console.print(
                _t("query.catalogue_invalid", lang, reason="; ".join(exc.problems)),
                style="bold red",
                markup=False,
                soft_wrap=True,
            )
            raise typer.Exit(cli.EXIT_BAD_INPUT) from None

    cli._guard(lang, run)


def _quiet_driver_log() -> None:
    """The driver logs connection failures itself; the CLI reports them in
    one line of its own, so its records go nowhere (unless GRAPHMAP_DEBUG)."""
    import logging
    import os

    if os.environ.get("GRAPHMAP_DEBUG"):
        logging.basicConfig(level=logging.DEBUG)
        return
    driver_log = logging.getLogger("neo4j")
    if not any(isinstance(h, logging.NullHandler) for h in driver_log.handlers):
        driver_log.addHandler(logging.NullHandler())
    driver_log.propagate = False


def _t(key: str, lang: str, **params: object) -> str:
    from graphmap.i18n import t

    return t(key, lang, **params)


def _settings(config: Path | None, timeout: float | None = None) -> Any:
    from graphmap.neo4j import load_settings

    settings = load_settings(config)
    return settings if timeout is None else settings.model_copy(update={"timeout": timeout})


def _graph(
    sources: list[Path] | None, lang: str, workspace: Path | None, *, no_personal: bool = False
) -> Any:
    from graphmap.graph import build_graph
    from graphmap.privacy import OutputPrivacy

    privacy = OutputPrivacy(no_personal=True) if no_personal else None
    return build_graph(_cli()._load(sources, lang, workspace, privacy))


# --------------------------------------------------------------------- neo4j


@neo4j_app.command("push")
def neo4j_push(
    sources: Sources = None,
    wipe: Annotated[
        bool,
        typer.Option(
            "--wipe",
            help="先に graphmap のラベルを持つノードを削除する（他のノードは残す） / first delete nodes with graphmap's labels (others are kept).",
        ),
    ] = False,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size", min=1, max=100_000, help="1文で書き込む行数 / rows per statement."
        ),
    ] = 1000,
    config: ConfigOpt = None,
    timeout: TimeoutOpt = None,
    workspace: WorkspaceOpt = None,
    no_personal: NoPersonalOpt = False,
    lang: LangOpt = None,
) -> None:
    """書き込み: グラフをサーバーへ MERGE します（2回実行しても同じ結果）。 / Push: MERGE the graph into the server (pushing twice changes nothing)."""
    lg = _lang(lang)

    def run() -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        from graphmap.neo4j import push

        settings = _settings(config, timeout)
        g = _graph(sources, lg, workspace, no_personal=no_personal)
        cli = _cli()
        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=cli.err_console,
            transient=True,
            disable=not cli.err_console.is_terminal,
        )
        with progress:
            task = progress.add_task(_t("neo4j.pushing", lg), total=None)

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            result = push(g, settings, wipe=wipe, batch_size=batch_size, progress=advance)
        if wipe:
            cli.out_console.print(_t("neo4j.push.wiped", lg, count=result.deleted), markup=False)
        cli.out_console.print(
            _t(
                "neo4j.push.ok",
                lg,
                uri=settings.uri,
                nodes=result.nodes,
                relationships=result.relationships,
                seconds=result.seconds,
            ),
            markup=False,
            soft_wrap=True,
        )

    _guard(lg, run)


@neo4j_app.command("check")
def neo4j_check(
    config: ConfigOpt = None, timeout: TimeoutOpt = None, lang: LangOpt = None
) -> None:
    """接続確認: 設定どおりにサーバーへ接続できるか確かめます。 / Check: connect with the current settings."""
    lg = _lang(lang)

    def run() -> None:
        from graphmap.neo4j import verify

        settings = _settings(config, timeout)
        agent = verify(settings)
        _cli().out_console.print(
            _t("neo4j.check.ok", lg, uri=settings.uri, agent=agent), markup=False
        )

    _guard(lg, run)


# --------------------------------------------------------------------- query


@query_app.command("list")
def query_list(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
    lang: LangOpt = None,
) -> None:
    """一覧: 保存クエリを系統ごとに表示します。 / List the saved queries by family."""
    lg = _lang(lang)

    def run() -> None:
        from rich.table import Table

        from graphmap.inputs import InputError
        from graphmap.saved_queries import load_catalogue

        if fmt not in ("table", "json"):
            raise InputError("cli.bad_choice", value=fmt, expected="table, json")
        queries = load_catalogue()
        if fmt == "json":
            data = [
                {
                    "id": q.id,
                    "family": q.meta.family,
                    "kind": q.meta.kind,
                    "title": q.meta.title.get(lg),
                    "engines": list(q.engines()),
                    "twin": q.meta.twin,
                }
                for q in queries.values()
            ]
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
            return
        table = Table(title=_t("query.list.title", lg, count=len(queries)))
        for key in (
            "query.col.family",
            "query.col.id",
            "query.col.title",
            "query.col.kind",
            "query.col.engines",
        ):
            table.add_column(_t(key, lg), overflow="fold", no_wrap=key == "query.col.id")
        for q in queries.values():
            table.add_row(
                q.meta.family,
                q.id,
                q.meta.title.get(lg),
                _t(f"query.kind.{q.meta.kind}", lg),
                ", ".join(q.engines()),
            )
        _cli().out_console.print(table)

    _guard(lg, run)


@query_app.command("show")
def query_show(
    query_id: Annotated[str, typer.Argument(metavar="ID", help="クエリID / query id.")],
    lang: LangOpt = None,
) -> None:
    """表示: クエリの説明・パラメータ・返す列・Cypher を表示します。 / Show a query: description, parameters, columns, Cypher."""
    lg = _lang(lang)

    def run() -> None:
        from rich.markup import escape

        from graphmap.saved_queries import get_query

        q = get_query(query_id)
        meta = q.meta
        out = _cli().out_console
        out.print(f"[bold]{escape(meta.title.get(lg))}[/] ({escape(q.id)}, {escape(meta.family)})")
        out.print(f"{_t('query.show.description', lg)}: {escape(meta.description.get(lg))}")
        if meta.checklist:
            out.print(f"{_t('query.show.checklist', lg)}: {', '.join(meta.checklist)}")
        if meta.references:
            refs = "; ".join(
                f"{r.document} p.{','.join(map(str, r.pages))}" for r in meta.references
            )
            out.print(f"{_t('query.show.references', lg)}: {escape(refs)}")
        out.print(f"{_t('query.show.revision', lg)}: {meta.revision}")
        if meta.twin:
            out.print(f"{_t('query.show.twin', lg)}: graphmap.analyses.{meta.family}.{meta.twin}")
        if meta.parameters:
            out.print(f"{_t('query.show.parameters', lg)}:")
            for p in meta.parameters:
                extra = (
                    _t("query.show.required", lg)
                    if p.required
                    else f"{_t('query.show.default', lg)} {p.default}"
                )
                out.print(
                    f"  {p.name} ({p.type}, {escape(str(extra))}): {escape(p.description.get(lg))}"
                )
        if meta.columns:
            cols = ", ".join(f"{c.name} ({c.heading(lg)})" for c in meta.columns)
            out.print(f"{_t('query.show.columns', lg)}: {escape(cols)}")
        if q.cypher is None:
            out.print(_t("query.show.embedded_only", lg))
        else:
            out.print("")
            sys.stdout.flush()
            out.print(q.cypher, markup=False, highlight=False, soft_wrap=True)

    _guard(lg, run)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _rows_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    from importers.tabular import neutralise_formula

    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for row in rows:
        cells = []
        for c in columns:
            v = row.get(c)
            text = ";".join(_cell(x) for x in v) if isinstance(v, list) else _cell(v)
            cells.append(neutralise_formula(text) if isinstance(v, str | list | dict) else text)
        w.writerow(cells)
    return buf.getvalue()


@query_app.command("run")
def query_run(
    target: Annotated[
        str,
        typer.Argument(
            metavar="ID_OR_FILE",
            help="クエリID または .cypher ファイル / query id or a .cypher file.",
        ),
    ],
    sources: Sources = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="パラメータ 名前=値（繰り返し可） / parameter name=value; repeatable.",
        ),
    ] = None,
    engine: Annotated[
        str | None,
        typer.Option(
            "--engine",
            "-e",
            help="embedded（既定、NetworkX）| neo4j（サーバー） / embedded (default, NetworkX) | neo4j (server).",
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
    findings: Annotated[
        bool,
        typer.Option(
            "--findings",
            help="流出リスク分析の結果を指摘事項として表示 / show an exposure query's rows as findings.",
        ),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="基準日 YYYY-MM-DD（既定: 今日） / date to judge by (default: today)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="出力ファイル（既定: 画面） / output file (default: screen)."
        ),
    ] = None,
    config: ConfigOpt = None,
    timeout: TimeoutOpt = None,
    workspace: WorkspaceOpt = None,
    lang: LangOpt = None,
) -> None:
    """実行: 保存クエリ（または自分の .cypher ファイル）を実行します。 / Run a saved query, or your own .cypher file on the server."""
    lg = _lang(lang)

    def run() -> None:
        from graphmap.inputs import InputError
        from graphmap.saved_queries import (
            get_query,
            parse_param_args,
            run_cypher_text,
            run_embedded,
            run_server,
        )

        cli = _cli()
        if fmt not in ("table", "json", "csv"):
            raise InputError("cli.bad_choice", value=fmt, expected="table, json, csv")
        if engine not in (None, "embedded", "neo4j"):
            raise InputError("cli.bad_choice", value=engine, expected="embedded, neo4j")
        day = cli._as_of(as_of)
        given = parse_param_args(param)
        is_file = target.endswith(".cypher") or Path(target).is_file()
        headings: dict[str, str] = {}
        if is_file:
            path = Path(target)
            if not path.is_file():
                raise InputError("cli.not_found", path=target)
            if engine == "embedded":
                raise InputError("query.file_needs_server", value=target)
            if sources:
                raise InputError(
                    "cli.bad_choice", value=" ".join(map(str, sources)), expected="--engine neo4j"
                )
            result = run_cypher_text(
                path.read_text("utf-8-sig"), _settings(config, timeout), given, name=path.name
            )
        else:
            q = get_query(target)
            headings = {c.name: c.heading(lg) for c in q.meta.columns}
            if (engine or "embedded") == "embedded":
                result = run_embedded(q, _graph(sources, lg, workspace), given, as_of=day)
            else:
                if sources:
                    raise InputError(
                        "cli.bad_choice",
                        value=" ".join(map(str, sources)),
                        expected="--engine neo4j",
                    )
                if q.cypher is None:
                    raise InputError("query.embedded_only", value=q.id)
                result = run_server(q, _settings(config, timeout), given, as_of=day)
        if findings and result.findings is not None:
            from graphmap.report_text import findings_csv, findings_json, findings_table

            if fmt == "json":
                cli._emit(findings_json(result.findings), output, lg)
            elif fmt == "csv":
                cli._emit(findings_csv(result.findings, lg), output, lg)
            else:
                cli.out_console.print(findings_table(result.findings, lg))
            return
        if fmt == "json":
            text = json.dumps(result.rows, ensure_ascii=False, indent=1, default=str) + "\n"
            cli._emit(text, output, lg)
        elif fmt == "csv":
            cli._emit(_rows_csv(result.columns, result.rows), output, lg)
        else:
            _print_table(result.columns, result.rows, headings, lg)

    _guard(lg, run)


def _print_table(
    columns: list[str], rows: list[dict[str, Any]], headings: dict[str, str], lang: str
) -> None:
    from rich.table import Table

    out = _cli().out_console
    if not rows:
        out.print(_t("query.none", lang))
        return
    table = Table(caption=_t("query.rows", lang, count=len(rows)))
    for c in columns:
        table.add_column(headings.get(c, c), overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    out.print(table)


# -------------------------------------------------------------------- export


def export_neo4j_csv(
    sources: Sources = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="出力フォルダ / output folder.")
    ] = Path("neo4j-import"),
    force: Annotated[
        bool, typer.Option("--force", help="既存の出力を置き換える / replace an earlier export.")
    ] = False,
    workspace: WorkspaceOpt = None,
    no_personal: NoPersonalOpt = False,
    lang: LangOpt = None,
) -> None:
    """neo4j-admin import 用の CSV（ノード・リレーション）を書き出します。 / Export node and relationship CSV files for neo4j-admin import."""
    lg = _lang(lang)

    def run() -> None:
        from graphmap.inputs import InputError
        from graphmap.neo4j_csv import OUR_FILES, write_neo4j_csv

        replacing = output.exists() and (not output.is_dir() or any(output.iterdir()))
        if replacing and (not force or not output.is_dir()):
            raise InputError("cli.exists", path=str(output))
        # read and check first, then replace file by file (each atomically),
        # and only then drop files of the earlier export that this one did
        # not write: bad input or a crash never leaves the folder emptied
        g = _graph(sources, lg, workspace, no_personal=no_personal)
        result = write_neo4j_csv(g, output)
        if replacing:
            written = {p.name for p in result.files}
            for pattern in OUR_FILES:
                for stale in output.glob(pattern):
                    if stale.name not in written:
                        stale.unlink()
        _cli().out_console.print(
            _t(
                "export.neo4j_csv.ok",
                lg,
                path=str(output),
                nodes=result.nodes,
                relationships=result.relationships,
            ),
            markup=False,
            soft_wrap=True,
        )

    _guard(lg, run)


# ------------------------------------------------------------------ register


def register(app: typer.Typer) -> None:
    """Add the ``neo4j`` and ``query`` groups and ``export neo4j-csv``."""
    app.add_typer(neo4j_app, name="neo4j")
    app.add_typer(query_app, name="query")
    for group in app.registered_groups:
        if group.name == "export" and group.typer_instance is not None:
            group.typer_instance.command("neo4j-csv")(export_neo4j_csv)
            break
    else:  # pragma: no cover - cli.py always has the export group
        export = typer.Typer(
            help="グラフを書き出します。 / Export the graph.", no_args_is_help=True
        )
        export.command("neo4j-csv")(export_neo4j_csv)
        app.add_typer(export, name="export")
