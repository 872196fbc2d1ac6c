"""Status of the 32 checklist items of the technology-leakage handbook.

Each item is reported as

* ``missed``: at least one finding of severity ``min_severity`` (default
  medium) or above names the item (its ids are listed);
* ``met``: an analysis covering the item ran on a graph holding the data
  it requires, and found nothing at or above ``min_severity``;
* ``not_evidenced``: no analysis that ran covers the item, or every
  covering analysis lacks data it requires (``AnalysisMeta.requires``:
  node labels or edge types absent from the graph).

Findings below ``min_severity`` (low ones by default: a fact not recorded,
a sensitive theme whose partner was cleared) do not decide the status;
their ids are kept apart as points "to check".

The items, routes and labels come from ``ontology/checklist.yaml`` through
:func:`graphmap.resources.checklist`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from graphmap.analyses.base import SEVERITY_RANK, Analysis, Finding, Severity
from graphmap.resources import checklist as load_checklist

__all__ = [
    "STATUS_LABELS",
    "ChecklistItemStatus",
    "ChecklistState",
    "by_route",
    "checklist_status",
    "present_types",
    "summary",
]


class ChecklistState(StrEnum):
    met = "met"
    missed = "missed"
    not_evidenced = "not_evidenced"


#: User-facing labels of the states.
STATUS_LABELS: dict[ChecklistState, tuple[str, str]] = {
    ChecklistState.met: ("対応済み", "met"),
    ChecklistState.missed: ("要対応", "missed"),
    ChecklistState.not_evidenced: ("判断材料なし", "not evidenced"),
}


class ChecklistItemStatus(BaseModel):
    """Where one checklist item stands, with the findings and analyses
    behind the verdict."""

    model_config = ConfigDict(frozen=True)

    id: str
    route: str
    route_ja: str
    route_en: str
    label_ja: str
    label_en: str
    pages: list[int] = Field(default_factory=list)
    status: ChecklistState
    #: ids of the findings at or above ``min_severity`` that name the item
    #: (``missed``)
    finding_ids: list[str] = Field(default_factory=list)
    #: ids of the findings below ``min_severity`` that name the item: points
    #: to check, which do not make the item missed
    to_check: list[str] = Field(default_factory=list)
    #: analyses that ran and cover the item
    analyses: list[str] = Field(default_factory=list)
    #: covering analyses that ran with their required data present
    evidenced_by: list[str] = Field(default_factory=list)
    #: required labels / edge types absent from the graph
    missing_data: list[str] = Field(default_factory=list)

    def label(self, lang: str = "ja") -> str:
        return self.label_en if lang == "en" else self.label_ja

    def route_label(self, lang: str = "ja") -> str:
        return self.route_en if lang == "en" else self.route_ja

    def status_label(self, lang: str = "ja") -> str:
        ja, en = STATUS_LABELS[self.status]
        return en if lang == "en" else ja


def present_types(g: nx.MultiDiGraph) -> set[str]:
    """Node labels and edge types present in the graph.

    Complexity: O(V + E).
    """
    out = {str(d.get("label", "")) for _, d in g.nodes(data=True)}
    out.update(str(k) for _, _, k in g.edges(keys=True))
    out.discard("")
    return out


def checklist_status(
    g: nx.MultiDiGraph,
    findings: Iterable[Finding],
    catalogue: Iterable[Analysis] | None = None,
    *,
    min_severity: Severity | str = Severity.medium,
) -> list[ChecklistItemStatus]:
    """The status of every checklist item, in checklist order.

    ``catalogue`` is the analyses that were run to produce ``findings``
    (default: the whole catalogue).  An item is ``missed`` when a finding
    of severity ``min_severity`` or above names it, ``met`` when a covering
    analysis ran on its required data and found nothing at or above
    ``min_severity``, ``not_evidenced`` otherwise.  Findings below
    ``min_severity`` are listed in ``to_check`` and do not change the
    status; ``min_severity="low"`` lets every finding count.

    Complexity: O(V + E + findings + analyses * items).

    >>> import networkx as nx
    >>> items = checklist_status(nx.MultiDiGraph(), [], [])
    >>> len(items), items[0].id, items[0].status.value
    (32, 'F1', 'not_evidenced')
    """
    if catalogue is None:
        from graphmap.analyses import catalogue as full_catalogue

        catalogue = full_catalogue()
    metas = [a.meta for a in catalogue]
    present = present_types(g)
    data = load_checklist()
    routes: dict[str, Any] = data.get("routes", {})

    floor = SEVERITY_RANK[Severity(min_severity)]
    by_item: dict[str, list[str]] = {}
    below: dict[str, list[str]] = {}
    for f in findings:
        bucket = by_item if SEVERITY_RANK[f.severity] >= floor else below
        for item in f.checklist:
            bucket.setdefault(item, []).append(f.id)

    out: list[ChecklistItemStatus] = []
    for item in data.get("items", []):
        iid = str(item["id"])
        covering = sorted(m.id for m in metas if iid in m.checklist)
        evidenced = sorted(
            m.id for m in metas if iid in m.checklist and all(r in present for r in m.requires)
        )
        missing = sorted(
            {r for m in metas if iid in m.checklist for r in m.requires if r not in present}
        )
        ids = sorted(set(by_item.get(iid, [])))
        if ids:
            state = ChecklistState.missed
        elif evidenced:
            state = ChecklistState.met
        else:
            state = ChecklistState.not_evidenced
        route = str(item.get("route", ""))
        names = routes.get(route, {})
        out.append(
            ChecklistItemStatus(
                id=iid,
                route=route,
                route_ja=str(names.get("ja", route)),
                route_en=str(names.get("en", route)),
                label_ja=str(item.get("label_ja", iid)),
                label_en=str(item.get("label_en", iid)),
                pages=[int(p) for p in item.get("pages", [])],
                status=state,
                finding_ids=ids,
                to_check=sorted(set(below.get(iid, []))),
                analyses=covering,
                evidenced_by=evidenced,
                missing_data=missing if not evidenced else [],
            )
        )
    return out


def by_route(statuses: Sequence[ChecklistItemStatus]) -> dict[str, list[ChecklistItemStatus]]:
    """Statuses grouped by route, routes in checklist order, items in
    their given order."""
    order = list(load_checklist().get("routes", {}))
    groups: dict[str, list[ChecklistItemStatus]] = {r: [] for r in order}
    for s in statuses:
        groups.setdefault(s.route, []).append(s)
    return {r: items for r, items in groups.items() if items}


def summary(statuses: Iterable[ChecklistItemStatus]) -> dict[str, int]:
    """How many items are met, missed and not evidenced."""
    counts = {s.value: 0 for s in ChecklistState}
    for s in statuses:
        counts[s.status.value] += 1
    return counts
