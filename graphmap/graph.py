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
from graphmap.gcpause import paused_gc

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
        return value._value_  # the plain attribute behind ``.value``, without its descriptor
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


_Plan = tuple[list[tuple[str, int]], list[tuple[str, str, bool]]]

#: How a field's value becomes an attribute: as it is, an enum's code, a
#: list through :func:`plain_value`.
_AS_IS, _ENUM, _LIST = 0, 1, 2


def _plan(cls: type[m.Record]) -> _Plan:
    """For one record type: the fields that become attributes (name, how:
    :data:`_AS_IS`, :data:`_ENUM` or :data:`_LIST`) and the reference fields
    that become edges (name, edge type, reversed)."""
    skip = {"id"} if cls.link is None else {cls.link[0], cls.link[1]}
    attrs: list[tuple[str, int]] = []
    edges: list[tuple[str, str, bool]] = []
    for f in cls.fields():
        if f.ref and f.edge:
            edges.append((f.name, f.edge, f.reverse))
        elif f.name not in skip:
            attrs.append((f.name, _LIST if f.many else _ENUM if f.kind == "enum" else _AS_IS))
    return attrs, edges


def build_graph(ds: Dataset) -> nx.MultiDiGraph:
    """Turn a checked dataset into the exposure graph.

    Complexity: O(records + references).  Each record type's fields are
    looked at once, and nodes and edges go straight into the graph's
    adjacency dictionaries (what :meth:`~networkx.MultiDiGraph.add_edge`
    does, without its per-call overhead: a million edges take seconds, not
    tens of seconds).  The result is the graph ``add_node`` / ``add_edge``
    would build: same nodes, edges, keys and attributes, each edge's
    attribute dict shared by its successor and predecessor entries.

    Edges that carry nothing but their type (a reference field such as a
    disclosure's contract: six in ten edges) share one ``{"type": ...}``
    dict per type, which saves a dict per edge (half a GiB at 5M edges)
    and keeps the traversals that read it in cache.  Edge attributes are
    therefore read-only: copy the graph (``g.copy()``) to change them.
    Link records (knowledge, access, ownership, directorships) have types
    of their own (a test keeps it so), so merging a duplicate link never
    writes to a shared dict.

    >>> ds = Dataset()
    >>> ds.add(m.Technology(id="T1", name="焼成", grading=["core"]))
    >>> ds.add(m.ProcessStep(id="S1", technology="T1", order=1, name="混合"))
    >>> g = build_graph(ds)
    >>> g.nodes["T1"]["label"], list(g.edges("S1", keys=True))
    ('Technology', [('S1', 'T1', 'STEP_OF')])
    """
    with paused_gc(freeze=True):  # see graphmap.gcpause
        return _build(ds)


def _build(ds: Dataset) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    node: dict[str, dict[str, Any]] = g._node
    succ: dict[str, dict[str, dict[str, dict[str, Any]]]] = g._succ
    pred: dict[str, dict[str, dict[str, dict[str, Any]]]] = g._pred
    plans = {cls: _plan(cls) for cls in m.RECORD_TYPES}
    # one attribute dict per reference edge type, shared by all its edges
    shared = {edge: {"type": edge} for cls in plans for _, edge, _ in plans[cls][1]}

    def add_node(n: str, attrs: dict[str, Any]) -> None:
        if n in node:
            node[n].update(attrs)
        else:
            node[n] = attrs
            succ[n] = {}
            pred[n] = {}

    # add_node, add_edge and the attribute filling (as _attributes does it:
    # declaration order, empty values left out, enums as codes) are written
    # out in the loops: with a call per record or edge the build took a
    # quarter longer at M.
    for cls in m.RECORD_TYPES:
        if cls.link is not None:
            continue
        label = cls.label
        fields = plans[cls][0]
        for rec in ds.of(cls):
            values = rec.__dict__
            attrs: dict[str, Any] = {"label": label}
            for name, how in fields:
                value = values[name]
                if value is None:
                    continue
                if how == _AS_IS:
                    attrs[name] = value
                elif how == _ENUM:
                    attrs[name] = value._value_ if isinstance(value, Enum) else value
                elif value != []:
                    attrs[name] = plain_value(value)
            n = values["id"]
            if n in node:
                node[n].update(attrs)
            else:
                node[n] = attrs
                succ[n] = {}
                pred[n] = {}
    for cls in m.RECORD_TYPES:
        records = ds.of(cls)
        if not records:
            continue
        fields, edge_fields = plans[cls]
        if cls.link is not None:
            src_f, dst_f, etype = cls.link
            for rec in records:
                values = rec.__dict__
                attrs = {"type": etype}
                for name, how in fields:
                    value = values[name]
                    if value is None:
                        continue
                    if how == _AS_IS:
                        attrs[name] = value
                    elif how == _ENUM:
                        attrs[name] = value._value_ if isinstance(value, Enum) else value
                    elif value != []:
                        attrs[name] = plain_value(value)
                u, v = values[src_f], values[dst_f]
                if u not in node:
                    add_node(u, {})
                if v not in node:
                    add_node(v, {})
                keydict = succ[u].get(v)
                if keydict is None:
                    succ[u][v] = pred[v][u] = {etype: attrs}
                elif etype in keydict:
                    keydict[etype].update(attrs)
                else:
                    keydict[etype] = attrs
            continue
        for rec in records:
            values = rec.__dict__
            rid = values["id"]
            for name, edge, reverse in edge_fields:
                value = values[name]
                if value is None:
                    continue
                for target in value if value.__class__ is list else (value,):
                    if target not in node:
                        add_node(target, {})
                    u, v = (target, rid) if reverse else (rid, target)
                    keydict = succ[u].get(v)
                    if keydict is None:
                        succ[u][v] = pred[v][u] = {edge: shared[edge]}
                    elif edge not in keydict:
                        keydict[edge] = shared[edge]
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
