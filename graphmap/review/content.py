"""The content of a quarterly review, built once and rendered twice: as a
PowerPoint deck (:mod:`graphmap.review.deck`) and as one HTML page
(:mod:`graphmap.review.report`), so both show the same figures, findings
and pictures.

With redaction, the datasets and findings of every snapshot used are
redacted before anything is derived from them: names in text, notes,
image labels and metadata all come from the redacted copies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from graphmap import model as m
from graphmap.analyses.base import SEVERITY_LABELS, Finding
from graphmap.checklist import ChecklistItemStatus, by_route
from graphmap.dataset import Dataset
from graphmap.i18n import t
from graphmap.review.diff import FigureMove, SnapshotDiff, diff_snapshots
from graphmap.review.figures import KeyFigures, TechFigures
from graphmap.review.snapshot import list_snapshots, load_snapshot, parse_quarter

if TYPE_CHECKING:
    from graphmap.privacy import Redactor

__all__ = ["LeakagePath", "PathStep", "Review", "ReviewFinding", "TechPage", "build_review"]

#: Findings on the "top findings" pages and per technology.
TOP_FINDINGS = 10
TECH_FINDINGS = 3
#: Technologies given a page of their own (the most exposed first); the
#: rest share one table, so a company with a hundred graded technologies
#: still gets a deck a meeting can read.
TECH_PAGES = 12
#: Technologies drawn in the trend chart: the most exposed, as many as a
#: legend can name readably.
TREND_TECHS = 8


@dataclass(frozen=True)
class ReviewFinding:
    """A finding as the review shows it: with its analysis title, owner,
    remediation and whether it is new since the compared quarter."""

    finding: Finding
    title: str
    owner: str
    remediation: str
    severity: str
    state: str = ""  # "new", "persisting" or "" (no comparison)

    def message(self, lang: str) -> str:
        return self.finding.message(lang)


@dataclass(frozen=True)
class PathStep:
    source: str
    target: str
    reason: str
    p: float


@dataclass(frozen=True)
class LeakagePath:
    finding: Finding
    technology: str
    endpoint: str
    probability: float
    steps: list[PathStep]


@dataclass
class TechPage:
    figures: TechFigures
    moves: list[FigureMove]
    findings: list[ReviewFinding]
    image_png: bytes


@dataclass
class Review:
    """Everything a deck or report shows."""

    lang: str
    quarter: str
    compare: str | None
    as_of: dt.date
    company: str
    redacted: bool
    figures: KeyFigures
    totals: list[FigureMove] | None
    diff: SnapshotDiff | None
    checklist: dict[str, list[ChecklistItemStatus]]
    top: list[ReviewFinding]
    techs: list[TechPage]
    paths: list[LeakagePath]
    history: list[str]
    trend_png: bytes
    graph: nx.MultiDiGraph
    findings: list[Finding]
    #: technologies without a page of their own, most exposed first
    other_techs: list[TechFigures] = field(default_factory=list)
    new_findings: list[ReviewFinding] = field(default_factory=list)
    resolved_findings: list[ReviewFinding] = field(default_factory=list)
    #: original names (people and outside organisations) when redacted
    redacted_names: list[str] = field(default_factory=list)
    #: where the re-identification key was merged (redacted reviews)
    key_path: Path | None = None
    codenames: int = 0

    def title(self) -> str:
        return t("review.title", self.lang, company=self.company, quarter=self.quarter)

    def subtitle(self) -> str:
        key = "review.subtitle.compare" if self.compare else "review.subtitle"
        return t(key, self.lang, as_of=self.as_of.isoformat(), compare=self.compare or "")

    def summary_lines(self) -> list[str]:
        """The executive summary's sentences under its table."""
        lines = [
            t("review.summary.severity", self.lang, **self.figures.findings_by_severity),
            t("review.summary.checklist", self.lang, **self.figures.checklist),
        ]
        if self.diff:
            lines.append(
                t(
                    "review.summary.changes",
                    self.lang,
                    new=len(self.diff.new),
                    resolved=len(self.diff.resolved),
                    persisting=len(self.diff.persisting),
                    compare=self.diff.old_quarter,
                )
            )
        return lines


def _company(ds: Dataset) -> str:
    for org in ds.of(m.Organisation):
        if org.kind == m.OrgKind.self_:
            return str(org.name)
    return "graphmap"


def _merged_redactor(datasets: Sequence[Dataset], secret: bytes) -> Redactor:
    """One redactor over several quarters' datasets: codenames are an HMAC
    of the id, so a person keeps one codename across quarters."""
    from graphmap.privacy import Redactor

    rows: dict[str, dict[str, str]] = {}
    for ds in datasets:
        for row in Redactor.for_dataset(ds, secret).key_rows():
            rows.setdefault(row["id"], row)
    return Redactor.from_rows(rows.values())


def _titles() -> dict[str, tuple[str, str, str, str]]:
    from graphmap.analyses import catalogue

    return {a.meta.id: (a.meta.title_ja, a.meta.title_en, a.meta.remedy_ja, a.meta.remedy_en) for a in catalogue()}


def _owner(g: nx.MultiDiGraph, f: Finding, techs: set[str], lang: str) -> str:
    """Who should act: the owning units of the technologies (or assets) the
    finding concerns, else the team answering for the analysis family."""
    units: list[str] = []
    candidates = sorted(techs) + [n for n in f.evidence.nodes if g.nodes.get(n, {}).get("label") == "InformationAsset"]
    for node in candidates:
        if node not in g:
            continue
        for _, unit, k in g.out_edges(node, keys=True):
            if k == "OWNED_BY_UNIT" and unit in g:
                units.append(str(g.nodes[unit].get("name") or unit))
    if units:
        return "、".join(dict.fromkeys(units)) if lang != "en" else ", ".join(dict.fromkeys(units))
    return t(f"review.family.{f.family}", lang)


def _review_finding(
    g: nx.MultiDiGraph,
    f: Finding,
    techs: set[str],
    titles: dict[str, tuple[str, str, str, str]],
    lang: str,
    state: str = "",
) -> ReviewFinding:
    tja, ten, rja, ren = titles.get(f.analysis, (f.analysis, f.analysis, "", ""))
    sja, sen = SEVERITY_LABELS[f.severity]
    return ReviewFinding(
        finding=f,
        title=ten if lang == "en" else tja,
        owner=_owner(g, f, techs, lang),
        remediation=ren if lang == "en" else rja,
        severity=sen if lang == "en" else sja,
        state=state,
    )


def _paths(g: nx.MultiDiGraph, findings: Sequence[Finding], lang: str) -> list[LeakagePath]:
    from graphmap.render.views import node_name

    def name(n: str) -> str:
        return node_name(g, n, lang) if n in g else n

    out = []
    for f in findings:
        if f.analysis != "leakage_paths" or not f.subjects:
            continue
        facts = f.evidence.facts
        steps = [
            PathStep(
                source=name(str(h.get("from", ""))),
                target=name(str(h.get("to", ""))),
                reason=str(h.get("reason_en" if lang == "en" else "reason_ja", h.get("reason", ""))),
                p=float(h.get("p", 0) or 0),
            )
            for h in facts.get("hops", [])
        ]
        out.append(
            LeakagePath(
                finding=f,
                technology=name(f.subjects[0]),
                endpoint=name(str(facts.get("endpoint", f.subjects[-1]))),
                probability=float(facts.get("probability", 0) or 0),
                steps=steps,
            )
        )
    return out


def build_review(
    workspace: Path,
    quarter: str,
    *,
    compare: str | None = None,
    lang: str = "ja",
    redact: bool = False,
    no_personal: bool = False,
    key_file: Path | None = None,
    tech_pages: int = TECH_PAGES,
) -> Review:
    """Read the snapshots of ``quarter`` (and ``compare``) from ``workspace``
    and build the review content.  Trend charts use every stored quarter up
    to ``quarter``.  With ``redact``, people and outside organisations are
    replaced by codenames from the workspace secret before anything is
    derived (see :mod:`graphmap.privacy`) and their key is merged into
    ``key_file`` (default: the workspace's key file); with ``no_personal``,
    personal attributes are dropped first.  The ``tech_pages`` most
    exposed technologies (by findings, then uncovered disclosures) get a
    page with a map; the others are listed in ``other_techs`` (0: all get
    a page).

    Raises :class:`~graphmap.inputs.InputError` for a quarter not stored or
    a snapshot that fails its hash check.
    """
    from graphmap.analyses.base import Context
    from graphmap.graph import build_graph
    from graphmap.review.charts import exposure_map_png, trend_png
    from graphmap.review.figures import finding_technologies

    lang = "en" if lang == "en" else "ja"
    q = parse_quarter(quarter)
    current = load_snapshot(workspace, q)
    old = load_snapshot(workspace, parse_quarter(compare)) if compare else None
    ds = current.records()
    # the records are in ``ds`` now: let the stored JSON objects go (at a
    # few million records they take more memory than the graph)
    current = current.model_copy(update={"dataset": {}})
    company = _company(ds)
    names: list[str] = []
    key_path: Path | None = None
    codenames = 0
    if no_personal:
        from graphmap.privacy import drop_personal

        ds = drop_personal(ds)
    if redact:
        from graphmap.privacy import OutputPrivacy, merge_key_file, workspace_secret

        red = _merged_redactor([ds] + ([old.records()] if old else []), workspace_secret(workspace))
        key_path = merge_key_file(OutputPrivacy(redact=True, key_file=key_file).key_path(workspace), red)
        codenames = len(red.codenames)
        names = red.names()
        ds = red.dataset(ds)
        current = current.model_copy(update={"findings": red.findings(current.findings)})
        if old is not None:
            old = old.model_copy(update={"findings": red.findings(old.findings)})
    g = build_graph(ds)
    ctx = Context(g, current.as_of)
    titles = _titles()
    diff = diff_snapshots(old, current) if old is not None else None
    new_ids = {f.id for f in diff.new} if diff else set()

    def state(f: Finding) -> str:
        if diff is None:
            return ""
        return "new" if f.id in new_ids else "persisting"

    related = {f.id: finding_technologies(ctx, f) for f in current.findings}
    top = [_review_finding(g, f, related[f.id], titles, lang, state(f)) for f in current.findings[:TOP_FINDINGS]]

    from graphmap.render.views import tech_view

    ranked = sorted(
        (tf for tf in current.figures.technologies if tf.technology in g),
        key=lambda tf: (-tf.findings, -tf.uncovered_disclosures, tf.name, tf.technology),
    )
    cut = len(ranked) if tech_pages <= 0 else tech_pages
    pages = []
    for tf in ranked[:cut]:
        mine = [f for f in current.findings if tf.technology in related[f.id]]
        image = exposure_map_png(g, tech_view(g, tf.technology), current.findings, lang=lang)
        pages.append(
            TechPage(
                figures=tf,
                moves=diff.moves_of(tf.technology) if diff else [],
                findings=[_review_finding(g, f, {tf.technology}, titles, lang, state(f)) for f in mine[:TECH_FINDINGS]],
                image_png=image,
            )
        )

    history = [s for s in list_snapshots(workspace) if s <= q]
    loaded = {current.quarter: current.figures}
    if old is not None:
        loaded[old.quarter] = old.figures
    series = [(s, loaded[s] if s in loaded else load_snapshot(workspace, s).figures) for s in history]
    review = Review(
        lang=lang,
        quarter=q,
        compare=old.quarter if old else None,
        as_of=current.as_of,
        company=company,
        redacted=redact,
        figures=current.figures,
        totals=diff.totals if diff else None,
        diff=diff,
        checklist=by_route(current.checklist),
        top=top,
        techs=pages,
        other_techs=ranked[cut:],
        paths=_paths(g, current.findings, lang),
        history=history,
        trend_png=trend_png(series, lang=lang, techs=[tf.technology for tf in ranked[:TREND_TECHS]]),
        graph=g,
        findings=list(current.findings),
        redacted_names=names,
        key_path=key_path,
        codenames=codenames,
    )
    if diff is not None and old is not None:
        review.new_findings = [
            _review_finding(g, f, related.get(f.id, set()), titles, lang, "new") for f in diff.new[:TOP_FINDINGS]
        ]
        review.resolved_findings = [
            _review_finding(g, f, finding_technologies(ctx, f), titles, lang, "resolved")
            for f in diff.resolved[:TOP_FINDINGS]
        ]
    return review
