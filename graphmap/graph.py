"""The one place where records become a graph.

Node records become nodes keyed by their id, with ``label`` (PascalCase)
and their plain fields as attributes (enums as their code, dates as
:class:`datetime.date`, lists as lists; empty values are left out).
Reference fields become edges typed in UPPER_SNAKE as the model declares;
link records become one edge carrying their own fields.  The edge key in
the :class:`networkx.MultiDiGraph` is the edge type, so
``G.has_edge(person, step, "KNOWS")`` reads naturally.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

import networkx as nx

from graphmap import model as m
from graphmap.dataset import Dataset

__all__ = [
    "EDGE_TYPES",
    "NODE_LABELS",
    "build_graph",
    "canonical_form",
    "nodes_with_label",
    "plain_value",
]

#: Every node label the graph can hold.
NODE_LABELS: tuple[str, ...] = tuple(c.label for c in m.RECORD_TYPES if issubclass(c, m.NodeRecord))


def _edge_types() -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for cls in m.RECORD_TYPES:
        if cls.link is not None:
            seen[cls.link[2]] = None
        for f in cls.fields():
            if f.edge:
                seen[f.edge] = None
    return tuple(seen)


#: Every edge type the graph can hold.
EDGE_TYPES: tuple[str, ...] = _edge_types()


def plain_value(value: Any) -> Any:
    """An attribute value as stored in the graph: enums as their code."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [plain_value(v) for v in value]
    return value


def _attributes(rec: m.Record, skip: Iterable[str]) -> dict[str, Any]:
    skipped = set(skip)
    out: dict[str, Any] = {}
    for f in rec.fields():
        if f.name in skipped or (f.ref and f.edge):
            continue
        value = getattr(rec, f.name)
        if value is None or value == []:
            continue
        out[f.name] = plain_value(value)
    return out


def build_graph(ds: Dataset) -> nx.MultiDiGraph:
    """Turn a checked dataset into the exposure graph.

    Complexity: O(records + references).

    >>> ds = Dataset()
    >>> ds.add(m.Technology(id="T1", name="焼成", grading=["core"]))
    >>> ds.add(m.ProcessStep(id="S1", technology="T1", order=1, name="混合"))
    >>> g = build_graph(ds)
    >>> g.nodes["T1"]["label"], list(g.edges("S1", keys=True))
    ('Technology', [('S1', 'T1', 'STEP_OF')])
    """
    g = nx.MultiDiGraph()
    for rec in ds:
        if isinstance(rec, m.NodeRecord):
            g.add_node(rec.id, label=rec.label, **_attributes(rec, ("id",)))
    for rec in ds:
        if isinstance(rec, m.LinkRecord):
            assert rec.link is not None
            src_f, dst_f, etype = rec.link
            attrs = _attributes(rec, (src_f, dst_f))
            g.add_edge(getattr(rec, src_f), getattr(rec, dst_f), key=etype, type=etype, **attrs)
            continue
        assert isinstance(rec, m.NodeRecord)
        for f in rec.fields():
            if not (f.ref and f.edge):
                continue
            value = getattr(rec, f.name)
            for target in value if isinstance(value, list) else [value]:
                if target is None:
                    continue
                u, v = (target, rec.id) if f.reverse else (rec.id, target)
                g.add_edge(u, v, key=f.edge, type=f.edge)
    return g


def nodes_with_label(g: nx.MultiDiGraph, label: str) -> list[str]:
    """Ids of the nodes with ``label``, sorted."""
    return sorted(n for n, d in g.nodes(data=True) if d.get("label") == label)


def canonical_form(g: nx.MultiDiGraph) -> tuple[list[Any], list[Any]]:
    """Sorted, comparable nodes and edges with attributes: two graphs with
    the same content give equal canonical forms whatever their build order."""

    def norm(d: dict[str, Any]) -> list[tuple[str, str]]:
        return sorted((k, repr(v)) for k, v in d.items())

    nodes = sorted((n, norm(d)) for n, d in g.nodes(data=True))
    edges = sorted((u, v, k, norm(d)) for u, v, k, d in g.edges(keys=True, data=True))
    return nodes, edges
