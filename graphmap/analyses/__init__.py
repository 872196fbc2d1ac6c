"""The analysis catalogue: pure functions over the exposure graph.

Each family module lists its analyses in ``ANALYSES``; :func:`catalogue`
collects them in a fixed order and :func:`run_analyses` runs a selection
with parameter overrides and returns findings sorted by severity, score
and id.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from graphmap.analyses.base import (
    SEVERITY_RANK,
    Analysis,
    AnalysisMeta,
    Context,
    Evidence,
    Finding,
    Severity,
    finding_id,
)

__all__ = [
    "FAMILIES",
    "Analysis",
    "AnalysisMeta",
    "Context",
    "Evidence",
    "Finding",
    "Severity",
    "catalogue",
    "find_analysis",
    "finding_id",
    "run_analyses",
    "select",
]

#: Family modules, in the order findings and reports list them.
FAMILIES: tuple[str, ...] = (
    "knowledge",
    "people",
    "access",
    "vendors",
    "flows",
    "contracts",
    "ownership",
    "overseas",
    "research",
    "paths",
    "structure",
)


def catalogue() -> list[Analysis]:
    """Every analysis, family by family."""
    out: list[Analysis] = []
    for family in FAMILIES:
        module = importlib.import_module(f"graphmap.analyses.{family}")
        out.extend(module.ANALYSES)
    return out


def find_analysis(analysis_id: str) -> Analysis:
    for a in catalogue():
        if a.meta.id == analysis_id:
            return a
    raise KeyError(analysis_id)


def select(only: Iterable[str] | None = None) -> list[Analysis]:
    """Analyses matching ``only``: family names, analysis ids or
    ``family/id``; everything when empty."""
    wanted = [w.strip() for w in (only or []) if w.strip()]
    items = catalogue()
    if not wanted:
        return items
    out = []
    for a in items:
        for w in wanted:
            if w in (a.meta.id, a.meta.family, f"{a.meta.family}/{a.meta.id}"):
                out.append(a)
                break
    if not out:
        raise KeyError(", ".join(wanted))
    return out


def run_analyses(
    g: nx.MultiDiGraph,
    *,
    as_of: dt.date | None = None,
    only: Iterable[str] | None = None,
    min_severity: Severity | str = Severity.low,
    params: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Finding]:
    """Run the selected analyses; findings at or above ``min_severity``,
    most severe first.  ``params`` maps an analysis id to overrides."""
    from graphmap.gcpause import paused_gc

    floor = SEVERITY_RANK[Severity(min_severity)]
    findings: list[Finding] = []
    # the analyses make large indexes and no reference cycles: the cyclic
    # collector would only re-traverse them (see graphmap.gcpause)
    with paused_gc():
        ctx = Context(g, as_of)
        for a in select(only):
            kwargs = a.meta.defaults()
            kwargs.update((params or {}).get(a.meta.id, {}))
            findings.extend(f for f in a(ctx, **kwargs) if SEVERITY_RANK[f.severity] >= floor)
        # freed here by reference counting: alive when the collector comes
        # back on, the indexes would all be traversed by its first
        # collection (everything made while paused counts as new)
        del ctx
    findings.sort(key=Finding.sort_key)
    return findings
