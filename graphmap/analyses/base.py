"""The shared shape of every analysis: metadata, the Finding model, and
the context analyses read the graph through.

An analysis is a pure function ``fn(ctx: Context, **params) ->
list[Finding]`` decorated with :func:`analysis`, which attaches its
:class:`AnalysisMeta` as ``fn.meta``.  Thresholds are parameters with
defaults declared in the metadata, never constants in the body.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from functools import cached_property
from typing import Any, Protocol

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "SEVERITY_RANK",
    "Analysis",
    "AnalysisMeta",
    "Context",
    "Evidence",
    "Finding",
    "Param",
    "Severity",
    "Walk",
    "analysis",
    "finding_id",
    "make_finding",
]


class Severity(StrEnum):
    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"


SEVERITY_RANK = {Severity.critical: 4, Severity.high: 3, Severity.medium: 2, Severity.low: 1}

SEVERITY_LABELS = {
    Severity.critical: ("重大", "critical"),
    Severity.high: ("高", "high"),
    Severity.medium: ("中", "medium"),
    Severity.low: ("低", "low"),
}


class Evidence(BaseModel):
    """What makes a finding true, enough to draw it on a map: node ids,
    edges as (source, target, type) and the attribute values relied on."""

    model_config = ConfigDict(frozen=True)

    nodes: list[str] = Field(default_factory=list)
    edges: list[tuple[str, str, str]] = Field(default_factory=list)
    facts: dict[str, Any] = Field(default_factory=dict)


class Finding(BaseModel):
    """One result of one analysis.  ``id`` is stable: the same analysis on
    the same subjects gives the same id in every run and every quarter."""

    model_config = ConfigDict(frozen=True)

    id: str
    analysis: str
    family: str
    checklist: list[str]
    severity: Severity
    score: float = Field(ge=0, le=100)
    subjects: list[str]
    message_ja: str
    message_en: str
    evidence: Evidence = Field(default_factory=Evidence)

    def message(self, lang: str = "ja") -> str:
        return self.message_en if lang == "en" else self.message_ja

    def sort_key(self) -> tuple[int, float, str]:
        return (-SEVERITY_RANK[self.severity], -self.score, self.id)


def finding_id(analysis_id: str, subjects: Sequence[str], discriminator: str = "") -> str:
    """A stable id from the analysis id, the subjects (order-free) and an
    optional discriminator (e.g. the kind of gap).

    >>> finding_id("sole_knowers", ["S2", "P1"]) == finding_id("sole_knowers", ["P1", "S2"])
    True
    """
    key = "\x1f".join([analysis_id, *sorted(subjects), discriminator])
    return f"{analysis_id}:{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


class Param(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    default: Any
    ja: str
    en: str


class AnalysisMeta(BaseModel):
    """Metadata of one analysis."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    family: str
    title_ja: str
    title_en: str
    checklist: list[str]
    why_ja: str
    why_en: str
    remedy_ja: str
    remedy_en: str
    params: list[Param] = Field(default_factory=list)
    #: node labels / edge types whose absence means "not evidenced"
    requires: list[str] = Field(default_factory=list)
    complexity: str = ""

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def title(self, lang: str = "ja") -> str:
        return self.title_en if lang == "en" else self.title_ja


class Analysis(Protocol):
    meta: AnalysisMeta

    def __call__(self, ctx: Context, **params: Any) -> list[Finding]: ...


def analysis(**meta: Any) -> Callable[[Callable[..., list[Finding]]], Analysis]:
    """Attach :class:`AnalysisMeta` to an analysis function.

    The function's name must equal the metadata id.
    """
    info = AnalysisMeta(**meta)

    def wrap(fn: Callable[..., list[Finding]]) -> Analysis:
        if fn.__name__ != info.id:
            raise ValueError(f"analysis {fn.__name__} declares id {info.id}")
        fn.meta = info  # type: ignore[attr-defined]
        return fn  # type: ignore[return-value]

    return wrap


_EMPTY: list[str] = []


class Walk(Protocol):
    """Typed neighbours of a node: :class:`Context` (an index built once,
    for many look-ups) or :class:`graphmap.render.views.GraphWalk` (the
    graph's own adjacency, nothing to build first)."""

    def out(self, node: str, etype: str) -> Sequence[str]: ...

    def into(self, node: str, etype: str) -> Sequence[str]: ...

    def label(self, node: str) -> str: ...


class Context:
    """The graph and the date analyses judge "now" by, with cached indexes
    that several analyses share.  Build one per graph and run."""

    def __init__(self, g: nx.MultiDiGraph, as_of: dt.date | None = None) -> None:
        self.g = g
        self.as_of = as_of or dt.date.today()
        # the graph's own node-attribute dict: a lookup in it costs a
        # fraction of going through the ``g.nodes`` view, and analyses make
        # millions of them
        self._attrs: dict[str, dict[str, Any]] = g._node
        self._caches: defaultdict[str, dict[Any, Any]] = defaultdict(dict)
        #: ``cache(name)``: the context's memo dict called ``name`` (created
        #: empty on first use).  Analyses keep values they share or look up
        #: again there, valid for as long as the context (one graph, one
        #: date).  The dict's own bound look-up: memoised helpers reach
        #: their memo through it millions of times at L, and a method call
        #: cost more than the look-up behind it.
        self.cache: Callable[[str], dict[Any, Any]] = self._caches.__getitem__
        # edge type -> node -> sorted targets (sources), see _grouped
        self._outs: dict[str, dict[str, list[str]]] = {}
        self._intos: dict[str, dict[str, list[str]]] = {}

    # ---- node access

    def label(self, node: str) -> str:
        label: str = self._attrs[node].get("label", "")
        return label

    def attr(self, node: str, name: str, default: Any = None) -> Any:
        return self._attrs[node].get(name, default)

    def name(self, node: str) -> str:
        d = self._attrs[node]
        return str(d.get("name") or d.get("title") or d.get("name_ja") or node)

    @cached_property
    def by_label(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for n, d in self.g.nodes(data=True):
            out.setdefault(d.get("label", ""), []).append(n)
        for v in out.values():
            v.sort()
        return out

    def nodes(self, label: str) -> list[str]:
        return self.by_label.get(label, [])

    @cached_property
    def _index(self) -> dict[str, tuple[list[str], list[str], list[dict[str, Any]]]]:
        """One pass over the edges (O(E)), shared by every analysis: every
        edge of a type as parallel lists of sources, targets and attributes,
        in graph order (a million stored tuples would set off repeated full
        garbage collections).  The per-node views (:meth:`out`,
        :meth:`into`) are built from it per edge type on first use."""
        by_type: dict[str, tuple[list[str], list[str], list[dict[str, Any]]]] = {}
        # the adjacency dicts themselves (graph order, as g.edges gives):
        # this runs once per edge of graphs with millions
        for u, nbrs in self.g._succ.items():
            for v, keyed in nbrs.items():
                for k, d in keyed.items():
                    lists = by_type.get(k)
                    if lists is None:
                        lists = by_type[k] = ([], [], [])
                    lists[0].append(u)
                    lists[1].append(v)
                    lists[2].append(d)
        return by_type

    def _grouped(self, etype: str, reverse: bool) -> dict[str, list[str]]:
        """``etype`` edges grouped by source (targets sorted), or with
        ``reverse`` by target (sources sorted); built once per type and
        direction."""
        cache = self._intos if reverse else self._outs
        grouped = cache.get(etype)
        if grouped is None:
            grouped = cache[etype] = {}
            lists = self._index.get(etype)
            if lists is not None:
                keys, values = (lists[1], lists[0]) if reverse else (lists[0], lists[1])
                for key, value in zip(keys, values, strict=True):
                    found = grouped.get(key)
                    if found is None:
                        grouped[key] = [value]
                    else:
                        found.append(value)
                for nodes in grouped.values():
                    if len(nodes) > 1:
                        nodes.sort()
        return grouped

    def typed_edges(self, etype: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Every ``etype`` edge as (source, target, attributes), in graph order."""
        lists = self._index.get(etype)
        return zip(*lists, strict=True) if lists else iter(())

    def out(self, node: str, etype: str) -> list[str]:
        """Targets of ``node``'s outgoing edges of ``etype`` (sorted; do not
        modify the returned list)."""
        grouped = self._outs.get(etype)
        if grouped is None:
            grouped = self._grouped(etype, False)
        return grouped.get(node, _EMPTY)

    def into(self, node: str, etype: str) -> list[str]:
        """Sources of ``node``'s incoming edges of ``etype`` (sorted; do not
        modify the returned list)."""
        grouped = self._intos.get(etype)
        if grouped is None:
            grouped = self._grouped(etype, True)
        return grouped.get(node, _EMPTY)

    def edges_of(self, etype: str) -> dict[str, list[str]]:
        """Every source node of ``etype`` edges mapped to its sorted targets
        (do not modify)."""
        return self._grouped(etype, False)

    def edges_into(self, etype: str) -> dict[str, list[str]]:
        """Every target node of ``etype`` edges mapped to its sorted sources
        (do not modify)."""
        return self._grouped(etype, True)

    def edge(self, u: str, v: str, etype: str) -> dict[str, Any]:
        data: dict[str, Any] = self.g.get_edge_data(u, v, etype) or {}
        return data

    def has_edge_types(self, names: Iterable[str]) -> bool:
        present = self.present_types
        return all(n in present for n in names)

    @cached_property
    def present_types(self) -> set[str]:
        types = set(self._index)  # the edge types, from the one-pass index
        types.update(self.by_label)
        return types


def make_finding(
    meta: AnalysisMeta,
    subjects: Sequence[str],
    severity: Severity | str,
    score: float,
    message_ja: str,
    message_en: str,
    *,
    nodes: Iterable[str] = (),
    edges: Iterable[tuple[str, str, str]] = (),
    facts: dict[str, Any] | None = None,
    discriminator: str = "",
    checklist: Sequence[str] | None = None,
) -> Finding:
    """Build a :class:`Finding` of ``meta``'s analysis with a stable id.

    Evidence nodes default to the subjects; ``score`` is clamped to 0-100.
    ``checklist`` narrows the analysis's checklist items to the ones this
    finding actually concerns (it must be a subset of ``meta.checklist``).
    """
    items = list(meta.checklist) if checklist is None else [c for c in meta.checklist if c in checklist]
    if checklist is not None and (not items or set(checklist) - set(meta.checklist)):
        raise ValueError(f"{meta.id}: checklist {list(checklist)} not within {meta.checklist}")
    ev_nodes = list(dict.fromkeys([*subjects, *nodes]))
    return Finding(
        id=finding_id(meta.id, subjects, discriminator),
        analysis=meta.id,
        family=meta.family,
        checklist=items,
        severity=Severity(severity),
        score=round(max(0.0, min(100.0, float(score))), 2),
        subjects=list(subjects),
        message_ja=message_ja,
        message_en=message_en,
        evidence=Evidence(nodes=ev_nodes, edges=list(edges), facts=facts or {}),
    )
