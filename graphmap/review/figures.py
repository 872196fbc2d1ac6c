"""Key figures per technology: the numbers a quarterly review follows.

One function, :func:`key_figures`, derives every figure from the findings
of the analyses (and, where an analysis reports only past a threshold, by
running that analysis with the threshold opened up), so snapshots, diffs,
decks and reports all show the same numbers.

Per graded technology:

* ``truck_factor``: fewest current staff whose departure orphans more than
  half of its steps (:func:`graphmap.analyses.knowledge.truck_factor`),
  exact up to :data:`TRUCK_FACTOR_CAP`; above it the value is ``None`` and
  ``truck_factor_over_cap`` is true; also ``None`` when no knowledge is on
  record;
* ``full_process_knowers``: current staff who know every step;
* ``uncovered_disclosures``: disclosures of its information not covered by
  a contract (distinct disclosures among ``uncovered_disclosures``);
* ``vendor_concentration``: outside parties holding most of it
  (``vendor_concentration`` findings), with the largest step share;
* ``foreign_influenced_partners``: partners its information reached that
  a foreign government influences (``foreign_government_influence``);
* ``checklist_met``: checklist items with evidence that no finding of
  medium severity or above about this technology marks missed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from graphmap.analyses.base import SEVERITY_RANK, Context, Finding, Severity
from graphmap.checklist import ChecklistItemStatus, ChecklistState, summary

__all__ = [
    "FIGURES",
    "TRUCK_FACTOR_CAP",
    "KeyFigures",
    "TechFigures",
    "figure_label",
    "finding_technologies",
    "key_figures",
]

#: Largest truck factor computed exactly; larger ones read "more than".
TRUCK_FACTOR_CAP = 4

#: The figures followed per technology, in display order, with labels and
#: which way is better (+1: higher is better, -1: lower, 0: neither).
FIGURES: dict[str, tuple[str, str, int]] = {
    "truck_factor": ("トラックファクター", "truck factor", 1),
    "full_process_knowers": ("全工程を知る在籍者", "full-process knowers", 0),
    "uncovered_disclosures": ("契約外の情報提供", "uncovered disclosures", -1),
    "vendor_concentration": ("集中している取引先", "concentrated vendors", -1),
    "foreign_influenced_partners": ("外国政府の影響下の相手先", "foreign-influenced partners", -1),
    "checklist_met": ("チェックリスト対応済み", "checklist items met", 1),
}

_TECH_LABELS = ("Technology",)


def figure_label(name: str, lang: str = "ja") -> str:
    ja, en, _ = FIGURES[name]
    return en if lang == "en" else ja


class TechFigures(BaseModel):
    """The key figures of one technology."""

    model_config = ConfigDict(frozen=True)

    technology: str
    name: str
    grading: list[str] = Field(default_factory=list)
    owner_unit: str | None = None
    truck_factor: int | None = None
    truck_factor_over_cap: bool = False
    full_process_knowers: int = 0
    uncovered_disclosures: int = 0
    vendor_concentration: int = 0
    top_vendor_share: float = 0.0
    foreign_influenced_partners: int = 0
    checklist_met: int = 0
    checklist_evidenced: int = 0
    findings: int = 0

    def value(self, name: str) -> float | None:
        """A figure as a number for charts and deltas (a truck factor above
        the cap counts as cap + 1)."""
        if name == "truck_factor":
            if self.truck_factor_over_cap:
                return float(TRUCK_FACTOR_CAP + 1)
            return None if self.truck_factor is None else float(self.truck_factor)
        v: Any = getattr(self, name)
        return float(v)

    def text(self, name: str) -> str:
        """A figure as shown to people."""
        if name == "truck_factor":
            if self.truck_factor_over_cap:
                return f">{TRUCK_FACTOR_CAP}"
            return "-" if self.truck_factor is None else str(self.truck_factor)
        if name == "checklist_met":
            return f"{self.checklist_met}/{self.checklist_evidenced}"
        return str(getattr(self, name))


class KeyFigures(BaseModel):
    """Key figures of one dataset on one day."""

    model_config = ConfigDict(frozen=True)

    technologies: list[TechFigures] = Field(default_factory=list)
    findings_by_severity: dict[str, int] = Field(default_factory=dict)
    checklist: dict[str, int] = Field(default_factory=dict)

    def tech(self, tech: str) -> TechFigures | None:
        for tf in self.technologies:
            if tf.technology == tech:
                return tf
        return None

    def total(self, name: str) -> float | None:
        """A company-wide figure: the smallest truck factor, the checklist
        items met company-wide, otherwise the sum over technologies."""
        if name == "checklist_met":
            return float(self.checklist.get(ChecklistState.met.value, 0))
        values = [v for tf in self.technologies if (v := tf.value(name)) is not None]
        if name == "truck_factor":
            return min(values) if values else None
        return float(sum(values))


def _walk_strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk_strings(k)
            yield from _walk_strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _walk_strings(v)


def finding_technologies(ctx: Context, f: Finding) -> set[str]:
    """The technologies a finding concerns: technologies among its subjects,
    evidence nodes and facts, and those of the steps and assets named there.

    Complexity: O(size of the finding's evidence).
    """
    from graphmap.analyses.common import asset_technologies, technology_of_step

    out: set[str] = set()
    g = ctx.g
    for node in {*f.subjects, *f.evidence.nodes, *_walk_strings(f.evidence.facts)}:
        if node not in g:
            continue
        label = ctx.label(node)
        if label == "Technology":
            out.add(node)
        elif label == "ProcessStep":
            tech = technology_of_step(ctx, node)
            if tech:
                out.add(tech)
        elif label == "InformationAsset":
            out.update(asset_technologies(ctx, node))
    return out


def key_figures(
    g: nx.MultiDiGraph,
    findings: Sequence[Finding],
    statuses: Sequence[ChecklistItemStatus],
    *,
    as_of: dt.date | None = None,
) -> KeyFigures:
    """The key figures of every graded technology of ``g``.

    ``findings`` are those of :func:`graphmap.analyses.run_analyses` on
    ``g`` (any parameters) and ``statuses`` the checklist built from them.
    The truck factor and the full-process knowers are recomputed with their
    thresholds opened up, so every technology has a value, not only those
    past an alert threshold.

    Complexity: O(V + E + F * evidence) plus the truck-factor search and,
    where any partner is foreign-influenced, one walk of each technology's
    neighbourhood (:func:`graphmap.render.views.tech_nodes`) over the
    context's index.

    >>> import networkx as nx
    >>> key_figures(nx.MultiDiGraph(), [], []).technologies
    []
    """
    from graphmap.analyses.common import graded_technologies
    from graphmap.analyses.knowledge import full_process_knowers, truck_factor
    from graphmap.render.views import tech_nodes

    ctx = Context(g, as_of)
    techs = graded_technologies(ctx)

    tf: dict[str, int] = {}
    for f in truck_factor(ctx, max_alert=TRUCK_FACTOR_CAP):
        tech = str(f.evidence.facts.get("technology", f.subjects[0]))
        tf[tech] = int(f.evidence.facts.get("truck_factor", 0))
    fpk: dict[str, int] = {}
    for f in full_process_knowers(ctx, max_full_knowers=0):
        fpk[str(f.evidence.facts.get("technology", f.subjects[0]))] = int(f.evidence.facts.get("count", 0))

    # each technology's findings, and the concentration findings naming it
    mine_of: dict[str, list[Finding]] = defaultdict(list)
    vendors_of: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        for tech in finding_technologies(ctx, f):
            mine_of[tech].append(f)
        if f.analysis == "vendor_concentration":
            for tech in dict.fromkeys(f.subjects[1:]):
                vendors_of[tech].append(f)
    foreign = {f.subjects[0] for f in findings if f.analysis == "foreign_government_influence" and f.subjects}
    evidenced = [s for s in statuses if s.status != ChecklistState.not_evidenced]
    floor = SEVERITY_RANK[Severity.medium]
    owners = {t: _first(ctx.out(t, "OWNED_BY_UNIT")) for t in techs}

    out: list[TechFigures] = []
    for tech in techs:
        mine = mine_of.get(tech, [])
        uncovered = {f.subjects[0] for f in mine if f.analysis == "uncovered_disclosures" and f.subjects}
        vendors = vendors_of.get(tech, [])
        share = max((float(f.evidence.facts.get("step_share", 0) or 0) for f in vendors), default=0.0)
        # the walk only matters where some partner is foreign-influenced
        reached = tech_nodes(ctx, tech) if foreign else set()
        missed = {item for f in mine if SEVERITY_RANK[f.severity] >= floor for item in f.checklist}
        has_knowledge = any(ctx.into(s, "KNOWS") for s in ctx.into(tech, "STEP_OF"))
        value = tf.get(tech)
        out.append(
            TechFigures(
                technology=tech,
                name=ctx.name(tech),
                grading=list(ctx.attr(tech, "grading", []) or []),
                owner_unit=owners[tech],
                truck_factor=value,
                truck_factor_over_cap=value is None and has_knowledge,
                full_process_knowers=fpk.get(tech, 0),
                uncovered_disclosures=len(uncovered),
                vendor_concentration=len({f.subjects[0] for f in vendors}),
                top_vendor_share=round(100 * share, 1),
                foreign_influenced_partners=len(foreign & reached),
                checklist_met=sum(1 for s in evidenced if s.id not in missed),
                checklist_evidenced=len(evidenced),
                findings=len(mine),
            )
        )
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return KeyFigures(technologies=out, findings_by_severity=counts, checklist=summary(statuses))


def _first(items: Sequence[str]) -> str | None:
    return items[0] if items else None
