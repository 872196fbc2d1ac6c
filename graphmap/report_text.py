"""Findings as text: a Rich table for the terminal, JSON and CSV for tools.

CSV cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import csv
import io
import json

from rich.markup import escape
from rich.table import Table

from graphmap.analyses import Finding
from graphmap.analyses.base import SEVERITY_LABELS, Severity
from graphmap.checklist import ChecklistItemStatus
from graphmap.i18n import t

__all__ = [
    "SEVERITY_STYLE",
    "checklist_csv",
    "checklist_json",
    "checklist_table",
    "findings_csv",
    "findings_json",
    "findings_summary",
    "findings_table",
    "severity_label",
]

SEVERITY_STYLE = {
    Severity.critical: "bold white on red",
    Severity.high: "bold red",
    Severity.medium: "yellow",
    Severity.low: "dim",
}


def severity_label(sev: Severity, lang: str) -> str:
    ja, en = SEVERITY_LABELS[sev]
    return en if lang == "en" else ja


def _titles() -> dict[str, tuple[str, str]]:
    from graphmap.analyses import catalogue

    return {a.meta.id: (a.meta.title_ja, a.meta.title_en) for a in catalogue()}


def _title(titles: dict[str, tuple[str, str]], analysis: str, lang: str) -> str:
    ja, en = titles.get(analysis, (analysis, analysis))
    return en if lang == "en" else ja


def findings_summary(findings: list[Finding], lang: str) -> str:
    """One line: how many findings, by severity."""
    from collections import Counter

    counts = Counter(f.severity for f in findings)
    parts = [f"{severity_label(s, lang)} {counts.get(s, 0)}" for s in Severity]
    return f"{t('findings.title', lang, count=len(findings))}: " + ", ".join(parts)


def findings_table(findings: list[Finding], lang: str, *, limit: int = 0) -> Table | str:
    """A terminal table of findings, most severe first (the first ``limit``
    when ``limit`` > 0)."""
    if not findings:
        return t("findings.none", lang)
    titles = _titles()
    shown = findings[:limit] if limit > 0 else findings
    caption = t("findings.more", lang, count=len(findings) - len(shown)) if len(shown) < len(findings) else None
    table = Table(title=findings_summary(findings, lang), caption=caption, show_lines=True, expand=True)
    table.add_column(t("findings.severity", lang), no_wrap=True, width=8)
    table.add_column(t("findings.message", lang), ratio=4, overflow="fold")
    table.add_column(t("findings.checklist", lang), ratio=1, overflow="fold")
    table.add_column(t("findings.id", lang), ratio=1, overflow="fold", style="dim")
    for f in shown:
        table.add_row(
            f"[{SEVERITY_STYLE[f.severity]}]{severity_label(f.severity, lang)}[/]",
            f"{escape(f.message(lang))}\n[dim]{escape(_title(titles, f.analysis, lang))}[/]",
            ",".join(f.checklist),
            f.id,
        )
    return table


def findings_json(findings: list[Finding]) -> str:
    """Findings as a JSON list (full evidence)."""
    return json.dumps([f.model_dump(mode="json") for f in findings], ensure_ascii=False, indent=1) + "\n"


def _safe(text: str) -> str:
    from importers.tabular import neutralise_formula

    return neutralise_formula(text)


def findings_csv(findings: list[Finding], lang: str) -> str:
    """Findings as CSV, one row each, formula-safe."""
    titles = _titles()
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["id", "severity", "score", "analysis", "title", "checklist", "subjects", "message"])
    for f in findings:
        w.writerow(
            [
                f.id,
                f.severity.value,
                f"{f.score:g}",
                f.analysis,
                _safe(_title(titles, f.analysis, lang)),
                ";".join(f.checklist),
                _safe(";".join(f.subjects)),
                _safe(f.message(lang)),
            ]
        )
    return buf.getvalue()


# ---------------------------------------------------------------- checklist

_STATE_STYLE = {"met": "green", "missed": "bold red", "not_evidenced": "yellow"}


def checklist_table(statuses: list[ChecklistItemStatus], lang: str) -> Table:
    """The 32 items grouped by route, with their state and findings."""
    from graphmap.checklist import STATUS_LABELS, ChecklistState, by_route, summary

    counts = summary(statuses)
    title = (
        t("checklist.title", lang)
        + ": "
        + ", ".join(f"{STATUS_LABELS[ChecklistState(k)][1 if lang == 'en' else 0]} {v}" for k, v in counts.items())
    )
    table = Table(title=title, expand=True)
    table.add_column("ID", no_wrap=True, width=4)
    table.add_column(t("checklist.item", lang), ratio=3, overflow="fold")
    table.add_column(t("checklist.state", lang), ratio=1, no_wrap=True)
    table.add_column(t("checklist.findings", lang), ratio=1, justify="right")
    for _route, items in by_route(statuses).items():
        table.add_section()
        table.add_row("", f"[bold]{escape(items[0].route_label(lang))}[/]", "", "")
        for s in items:
            table.add_row(
                s.id,
                escape(s.label(lang)),
                f"[{_STATE_STYLE[s.status.value]}]{escape(s.status_label(lang))}[/]",
                str(len(s.finding_ids)) if s.finding_ids else "",
            )
    return table


def checklist_json(statuses: list[ChecklistItemStatus]) -> str:
    return json.dumps([s.model_dump(mode="json") for s in statuses], ensure_ascii=False, indent=1) + "\n"


def checklist_csv(statuses: list[ChecklistItemStatus], lang: str) -> str:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["id", "route", "item", "status", "findings", "pages"])
    for s in statuses:
        w.writerow(
            [
                s.id,
                _safe(s.route_label(lang)),
                _safe(s.label(lang)),
                s.status.value,
                ";".join(s.finding_ids),
                ";".join(str(p) for p in s.pages),
            ]
        )
    return buf.getvalue()
