"""Quarterly review commands: ``graphmap snapshot``, ``diff``, ``deck`` and
``report``.

Registered into the main app through :data:`graphmap.cli._EXTENSIONS`.
Snapshots live in the workspace (``WORKSPACE/snapshots/<quarter>.json``);
see :mod:`graphmap.review.snapshot`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from graphmap.cli_options import (
    AsOfOpt,
    KeyFileOpt,
    LangOpt,
    NoPersonalOpt,
    OutputOpt,
    RedactOpt,
    Sources,
    WorkspaceOpt,
)
from graphmap.i18n import t
from graphmap.review.content import TECH_PAGES

__all__ = ["register"]

QuarterOpt = Annotated[
    str, typer.Option("--quarter", "-q", help="四半期 YYYYQn（例: 2026Q4） / quarter YYYYQn, e.g. 2026Q4.")
]
CompareOpt = Annotated[
    str | None,
    typer.Option("--compare", help="比較する四半期（例: 2026Q3） / quarter to compare with, e.g. 2026Q3."),
]


def _workspace(workspace: Path | None) -> Path:
    from graphmap.workspace import DEFAULT_WORKSPACE

    return workspace or DEFAULT_WORKSPACE


def snapshot(
    quarter: QuarterOpt,
    sources: Sources = None,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="保存済みの四半期を置き換える / replace a stored quarter.")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """スナップショット: 四半期のグラフと指摘を改変検知付きで保存します（既定の基準日は四半期末）。 / Snapshot: store the quarter's graph and findings, content-hashed (as of the quarter's last day unless --as-of)."""
    from graphmap import cli

    lg = cli._lang(lang)

    def run() -> None:
        from graphmap.inputs import InputError
        from graphmap.review.snapshot import build_snapshot, parse_quarter, save_snapshot, snapshot_path

        q = parse_quarter(quarter)
        ws = _workspace(workspace)
        day = cli._as_of(as_of)
        if snapshot_path(ws, q).exists() and not replace:
            raise InputError("review.snapshot_exists", quarter=q, path=str(snapshot_path(ws, q)))
        ds = cli._load(sources, lg, workspace)
        snap = build_snapshot(ds, q, as_of=day)
        path = save_snapshot(ws, snap, replace=replace)
        cli.out_console.print(
            t(
                "review.snapshot.ok",
                lg,
                quarter=q,
                path=str(path),
                as_of=snap.as_of.isoformat(),
                findings=len(snap.findings),
                sha=snap.sha256()[:12],
            ),
            markup=False,
        )

    cli._guard(lg, run)


def diff(
    old: Annotated[str, typer.Argument(help="前の四半期 / earlier quarter, e.g. 2026Q3.", show_default=False)],
    new: Annotated[str, typer.Argument(help="後の四半期 / later quarter, e.g. 2026Q4.", show_default=False)],
    workspace: WorkspaceOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
    limit: Annotated[int, typer.Option("--limit", help="表に出す指摘の件数 / findings listed per group.")] = 15,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """差分: 2つの四半期の指摘（新規・解消・継続）と技術ごとの主要指標の増減を表示します。 / Diff: findings new, resolved and persisting between two quarters, and how each technology's key figures moved."""
    from graphmap import cli

    lg = cli._lang(lang)

    def run() -> None:
        from graphmap.inputs import InputError
        from graphmap.review.diff import diff_json, diff_snapshots
        from graphmap.review.snapshot import load_snapshot, parse_quarter

        if fmt not in ("table", "json"):
            raise InputError("cli.bad_choice", value=fmt, expected="table, json")
        a, b = parse_quarter(old), parse_quarter(new)
        if a == b:
            raise InputError("review.same_quarter", value=a)
        ws = _workspace(workspace)
        d = diff_snapshots(load_snapshot(ws, a), load_snapshot(ws, b))
        if fmt == "json":
            cli._emit(diff_json(d), output, lg)
            return
        from graphmap.review.diff_text import diff_tables

        for table in diff_tables(d, lg, limit=limit):
            cli.out_console.print(table)

    cli._guard(lg, run)


TechPagesOpt = Annotated[
    int,
    typer.Option(
        "--tech-pages",
        min=0,
        help="地図付きのページにする技術の数（流出リスクの高い順、残りは一覧表。0 で全部）"
        " / technologies given a page with a map, most exposed first; the rest share a table (0: all).",
    ),
]


def _review_output(
    kind: str,
    quarter: str,
    compare: str | None,
    output: Path,
    workspace: Path | None,
    lang: str | None,
    redact: bool,
    no_personal: bool,
    key_file: Path | None,
    tech_pages: int,
) -> None:
    from graphmap import cli

    lg = cli._lang(lang)

    def run() -> None:
        from graphmap.inputs import InputError
        from graphmap.review.content import build_review
        from graphmap.review.snapshot import parse_quarter

        q = parse_quarter(quarter)
        c = parse_quarter(compare) if compare else None
        if c == q:
            raise InputError("review.same_quarter", value=q)
        ws = _workspace(workspace)
        review = build_review(
            ws,
            q,
            compare=c,
            lang=lg,
            redact=redact,
            no_personal=no_personal,
            key_file=key_file,
            tech_pages=tech_pages,
        )
        if review.key_path is not None:
            cli.err_console.print(
                t("privacy.key_written", lg, path=str(review.key_path), count=review.codenames), markup=False
            )
        if kind == "deck":
            from graphmap.review.deck import write_deck

            slides = write_deck(output, review)
            cli.out_console.print(t("review.deck.ok", lg, path=str(output), slides=slides), markup=False)
        else:
            from graphmap.review.report import write_report

            write_report(output, review)
            cli.out_console.print(t("review.report.ok", lg, path=str(output)), markup=False)

    cli._guard(lg, run)


def deck(
    quarter: QuarterOpt,
    output: Annotated[Path, typer.Option("--output", "-o", help="出力先 .pptx / output deck.")] = Path("review.pptx"),
    compare: CompareOpt = None,
    workspace: WorkspaceOpt = None,
    redact: RedactOpt = False,
    no_personal: NoPersonalOpt = False,
    key_file: KeyFileOpt = None,
    tech_pages: TechPagesOpt = TECH_PAGES,
    lang: LangOpt = None,
) -> None:
    """スライド: 四半期レビューの PowerPoint（要約・チェックリスト・重要な指摘・技術ごとの地図・流出経路・推移・方法）。 / Deck: the quarterly review as PowerPoint: summary, checklist, top findings, a map per technology, leakage paths, trends, method."""
    _review_output("deck", quarter, compare, output, workspace, lang, redact, no_personal, key_file, tech_pages)


def report(
    quarter: QuarterOpt,
    output: Annotated[Path, typer.Option("--output", "-o", help="出力先 .html / output page.")] = Path("report.html"),
    compare: CompareOpt = None,
    workspace: WorkspaceOpt = None,
    redact: RedactOpt = False,
    no_personal: NoPersonalOpt = False,
    key_file: KeyFileOpt = None,
    tech_pages: TechPagesOpt = TECH_PAGES,
    lang: LangOpt = None,
) -> None:
    """レポート: スライドと同じ内容を、操作できる地図入りの1つの HTML ファイルで書き出します。 / Report: the deck's content as one self-contained HTML page with the interactive maps embedded."""
    _review_output("report", quarter, compare, output, workspace, lang, redact, no_personal, key_file, tech_pages)


def register(app: typer.Typer) -> None:
    app.command("snapshot")(snapshot)
    app.command("diff")(diff)
    app.command("deck")(deck)
    app.command("report")(report)


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: graphmap snapshot|diff|deck|report")
