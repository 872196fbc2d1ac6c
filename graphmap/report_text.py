"""Findings as text: a Rich table for the terminal, JSON and CSV for tools.

CSV cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import csv
import io
import json

from rich.table import Table

from graphmap.analyses import Finding
from graphmap.analyses.base import SEVERITY_LABELS, Severity
from graphmap.i18n import t

__all__ = ["findings_table", "findings_json", "findings_csv", "severity_label", "SEVERITY_STYLE"]

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


def findings_table(findings: list[Finding], lang: str) -> Table | str:
    """A terminal table of findings, most severe first."""
    if not findings:
        return t("findings.none", lang)
    titles = _titles()
    table = Table(title=t("findings.title", lang, count=len(findings)), show_lines=False)
    table.add_column(t("findings.severity", lang), no_wrap=True)
    table.add_column(t("findings.analysis", lang))
    table.add_column(t("findings.message", lang), overflow="fold")
    table.add_column(t("findings.checklist", lang), no_wrap=True)
    table.add_column(t("findings.id", lang), no_wrap=True, style="dim")
    for f in findings:
        table.add_row(
            f"[{SEVERITY_STYLE[f.severity]}]{severity_label(f.severity, lang)}[/]",
            _title(titles, f.analysis, lang),
            f.message(lang),
            ",".join(f.checklist),
            f.id,
            end_section=False,
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
