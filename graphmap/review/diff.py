"""What changed between two quarters: findings new, resolved and persisting
(matched by their stable id) and the movement of the key figures of every
technology and of the company as a whole."""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field

from graphmap.analyses.base import Finding, Severity
from graphmap.review.figures import FIGURES, KeyFigures, TechFigures
from graphmap.review.snapshot import Snapshot

__all__ = ["FigureMove", "SnapshotDiff", "diff_figures", "diff_json", "diff_snapshots"]

#: The technology id used for company-wide totals.
TOTAL = "*"


class FigureMove(BaseModel):
    """One figure of one technology in two quarters."""

    model_config = ConfigDict(frozen=True)

    technology: str
    name: str
    figure: str
    old: float | None
    new: float | None
    old_text: str
    new_text: str

    @property
    def delta(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return round(self.new - self.old, 2)

    def better(self) -> bool | None:
        """True when the figure moved the right way, False the wrong way,
        None when it did not move or has no good direction."""
        direction = FIGURES[self.figure][2]
        d = self.delta
        if not d or not direction:
            return None
        return (d > 0) == (direction > 0)

    def delta_text(self) -> str:
        d = self.delta
        if d is None:
            return "" if self.old == self.new else "new" if self.old is None else "gone"
        if d == 0:
            return "±0"
        return f"{d:+g}"


class SnapshotDiff(BaseModel):
    """Findings and figures of ``new_quarter`` against ``old_quarter``."""

    model_config = ConfigDict(frozen=True)

    old_quarter: str
    new_quarter: str
    new: list[Finding] = Field(default_factory=list)
    resolved: list[Finding] = Field(default_factory=list)
    persisting: list[Finding] = Field(default_factory=list)
    #: persisting finding id -> (old severity, new severity), when it changed
    severity_changes: dict[str, tuple[Severity, Severity]] = Field(default_factory=dict)
    figures: list[FigureMove] = Field(default_factory=list)
    totals: list[FigureMove] = Field(default_factory=list)

    def moves_of(self, tech: str) -> list[FigureMove]:
        return [m for m in self.figures if m.technology == tech]

    def total(self, figure: str) -> FigureMove | None:
        for m in self.totals:
            if m.figure == figure:
                return m
        return None


def _text(tf: TechFigures | None, figure: str) -> str:
    return "-" if tf is None else tf.text(figure)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def diff_figures(old: KeyFigures, new: KeyFigures) -> tuple[list[FigureMove], list[FigureMove]]:
    """Per-technology and company-wide figure moves, technologies of either
    quarter, in id order."""
    techs = sorted({t.technology for t in old.technologies} | {t.technology for t in new.technologies})
    moves: list[FigureMove] = []
    for tech in techs:
        a, b = old.tech(tech), new.tech(tech)
        name = (b or a).name if (b or a) else tech  # type: ignore[union-attr]
        for figure in FIGURES:
            moves.append(
                FigureMove(
                    technology=tech,
                    name=name,
                    figure=figure,
                    old=None if a is None else a.value(figure),
                    new=None if b is None else b.value(figure),
                    old_text=_text(a, figure),
                    new_text=_text(b, figure),
                )
            )
    totals = []
    for figure in FIGURES:
        o, n = old.total(figure), new.total(figure)
        totals.append(
            FigureMove(technology=TOTAL, name=TOTAL, figure=figure, old=o, new=n, old_text=_num(o), new_text=_num(n))
        )
    return moves, totals


def diff_snapshots(old: Snapshot, new: Snapshot) -> SnapshotDiff:
    """Compare two snapshots (normally an earlier quarter with a later one).

    Complexity: O(F log F + T) for F findings and T technologies.
    """
    before = {f.id: f for f in old.findings}
    after = {f.id: f for f in new.findings}
    moves, totals = diff_figures(old.figures, new.figures)
    changes = {
        fid: (before[fid].severity, f.severity)
        for fid, f in after.items()
        if fid in before and before[fid].severity != f.severity
    }
    return SnapshotDiff(
        old_quarter=old.quarter,
        new_quarter=new.quarter,
        new=sorted((f for fid, f in after.items() if fid not in before), key=Finding.sort_key),
        resolved=sorted((f for fid, f in before.items() if fid not in after), key=Finding.sort_key),
        persisting=sorted((f for fid, f in after.items() if fid in before), key=Finding.sort_key),
        severity_changes=changes,
        figures=moves,
        totals=totals,
    )


def diff_json(d: SnapshotDiff) -> str:
    """The diff as JSON for tools: finding ids and headline facts, figure
    moves with their deltas."""

    def brief(f: Finding) -> dict[str, object]:
        return {
            "id": f.id,
            "analysis": f.analysis,
            "severity": f.severity.value,
            "score": f.score,
            "subjects": f.subjects,
            "message_ja": f.message_ja,
            "message_en": f.message_en,
        }

    def move(m: FigureMove) -> dict[str, object]:
        return {
            "technology": m.technology,
            "figure": m.figure,
            "old": m.old,
            "new": m.new,
            "delta": m.delta,
            "old_text": m.old_text,
            "new_text": m.new_text,
        }

    body = {
        "old_quarter": d.old_quarter,
        "new_quarter": d.new_quarter,
        "counts": {"new": len(d.new), "resolved": len(d.resolved), "persisting": len(d.persisting)},
        "new": [brief(f) for f in d.new],
        "resolved": [brief(f) for f in d.resolved],
        "persisting": [brief(f) for f in d.persisting],
        "severity_changes": {k: [a.value, b.value] for k, (a, b) in sorted(d.severity_changes.items())},
        "figures": [move(m) for m in d.figures],
        "totals": [move(m) for m in d.totals],
    }
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"
