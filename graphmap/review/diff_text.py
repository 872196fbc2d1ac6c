"""A quarter-to-quarter diff as Rich tables for the terminal."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table

from graphmap.analyses.base import Finding
from graphmap.i18n import t
from graphmap.report_text import SEVERITY_STYLE, severity_label
from graphmap.review.diff import TOTAL, FigureMove, SnapshotDiff
from graphmap.review.figures import figure_label

__all__ = ["diff_tables"]


def _move_cell(m: FigureMove) -> str:
    text = escape(m.delta_text())
    better = m.better()
    if better is None:
        return text
    return f"[green]{text}[/]" if better else f"[red]{text}[/]"


def diff_tables(d: SnapshotDiff, lang: str, *, limit: int = 15) -> list[Table]:
    """Figures per technology, then new, resolved and persisting findings
    (at most ``limit`` each; 0 lists all)."""
    out: list[Table] = []
    figures = Table(title=t("review.diff.title", lang, old=d.old_quarter, new=d.new_quarter))
    for key in ("review.col.technology", "review.col.figure", "review.col.old", "review.col.new", "review.col.delta"):
        figures.add_column(t(key, lang))
    for m in [*d.totals, *d.figures]:
        name = t("review.company_wide", lang) if m.technology == TOTAL else m.name
        figures.add_row(
            escape(name), figure_label(m.figure, lang), escape(m.old_text), escape(m.new_text), _move_cell(m)
        )
    out.append(figures)
    counts = t(
        "review.diff.counts",
        lang,
        new=len(d.new),
        resolved=len(d.resolved),
        persisting=len(d.persisting),
        changed=len(d.severity_changes),
    )
    for state, items in (("new", d.new), ("resolved", d.resolved), ("persisting", d.persisting)):
        table = Table(
            title=f"{t('review.state.' + state, lang)} ({len(items)})", caption=counts if state == "new" else None
        )
        table.add_column(t("review.col.severity", lang))
        table.add_column(t("review.col.id", lang), overflow="fold")
        table.add_column(t("review.col.message", lang), overflow="fold")
        shown: list[Finding] = items if limit <= 0 else items[:limit]
        for f in shown:
            sev = severity_label(f.severity, lang)
            change = d.severity_changes.get(f.id)
            if change is not None:
                sev = f"{severity_label(change[0], lang)} → {sev}"
            table.add_row(f"[{SEVERITY_STYLE[f.severity]}]{escape(sev)}[/]", escape(f.id), escape(f.message(lang)))
        out.append(table)
    return out
