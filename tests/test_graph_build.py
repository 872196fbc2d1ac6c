"""build_graph writes NetworkX's adjacency dictionaries directly for speed;
these tests hold it to the graph that NetworkX's own ``add_node`` /
``add_edge`` build from the same records."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import networkx as nx

from graphmap import model as m
from graphmap.dataset import Dataset
from graphmap.graph import build_graph, canonical_form
from importers import read_sources

ROOT = Path(__file__).resolve().parent.parent


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def reference_graph(ds: Dataset) -> nx.MultiDiGraph:
    """The graph built one add_node / add_edge call at a time."""
    g = nx.MultiDiGraph()

    def attrs(rec: m.Record, skip: set[str]) -> dict[str, Any]:
        out = {}
        for f in rec.fields():
            if f.name in skip or (f.ref and f.edge):
                continue
            value = getattr(rec, f.name)
            if value is not None and value != []:
                out[f.name] = _plain(value)
        return out

    for rec in ds:
        if isinstance(rec, m.NodeRecord):
            g.add_node(rec.id, label=rec.label, **attrs(rec, {"id"}))
    for rec in ds:
        if rec.link is not None:
            src, dst, etype = rec.link
            g.add_edge(getattr(rec, src), getattr(rec, dst), key=etype, type=etype, **attrs(rec, {src, dst}))
            continue
        assert isinstance(rec, m.NodeRecord)
        for f in rec.fields():
            if not (f.ref and f.edge):
                continue
            value = getattr(rec, f.name)
            for target in value if isinstance(value, list) else [value]:
                if target is not None:
                    u, v = (target, rec.id) if f.reverse else (rec.id, target)
                    g.add_edge(u, v, key=f.edge, type=f.edge)
    return g


def test_same_graph_as_networkx_builds_for_the_example() -> None:
    ds, problems, _ = read_sources([ROOT / "examples/company/company.xlsx"])
    assert not problems
    g = build_graph(ds)
    want = reference_graph(ds)
    assert canonical_form(g) == canonical_form(want)
    assert g.number_of_edges() == want.number_of_edges() > 500
    # attribute values are plain (enum codes, not members), as before
    for _, d in g.nodes(data=True):
        assert not any(isinstance(v, Enum) for v in d.values())


def test_adjacency_is_consistent() -> None:
    ds, _, _ = read_sources([ROOT / "examples/company/company.xlsx"])
    g = build_graph(ds)
    for u, v, k, d in g.edges(keys=True, data=True):
        assert g.pred[v][u][k] is d
        assert g.succ[u][v][k] is d
        assert d["type"] == k
    assert set(g.succ) == set(g.pred) == set(g.nodes)
    # NetworkX's own views and algorithms see the same graph
    rev = g.reverse(copy=True)
    assert rev.number_of_edges() == g.number_of_edges()
    assert sum(d for _, d in g.in_degree()) == sum(d for _, d in g.out_degree()) == g.number_of_edges()


def test_unchecked_duplicates_merge_like_add_edge() -> None:
    ds = Dataset()
    ds.add(m.Person(id="P1", name="a", unit="U1"))
    ds.add(m.ProcessStep(id="S1", technology="T1", order=1, name="s"))
    ds.add(m.Knowledge(person="P1", step="S1", depth="partial"))
    ds.add(m.Knowledge(person="P1", step="S1", depth="full"))
    g = build_graph(ds)
    want = reference_graph(ds)
    assert canonical_form(g) == canonical_form(want)
    assert g.get_edge_data("P1", "S1", "KNOWS")["depth"] == "full"
    # referenced but absent nodes exist without attributes, as add_edge leaves them
    assert g.nodes["T1"] == {} and g.nodes["U1"] == {}


def test_type_only_edges_share_one_dict_per_type() -> None:
    ds, _, _ = read_sources([ROOT / "examples/company/company.xlsx"])
    g = build_graph(ds)
    by_type: dict[str, set[int]] = {}
    for _, _, k, d in g.edges(keys=True, data=True):
        if d.keys() == {"type"}:
            by_type.setdefault(k, set()).add(id(d))
    assert len(by_type) > 10
    assert all(len(ids) == 1 for ids in by_type.values()), by_type
    # the many edges of a reference type really are one object
    disclosed_to = [d for _, _, k, d in g.edges(keys=True, data=True) if k == "DISCLOSED_TO"]
    assert len(disclosed_to) > 5 and all(d is disclosed_to[0] for d in disclosed_to)
    # a copy gives each edge its own dict again, for whoever must change one
    h = g.copy()
    e = next((u, v) for u, v, k in h.edges(keys=True) if k == "DISCLOSED_TO")
    h.edges[e[0], e[1], "DISCLOSED_TO"]["note"] = "x"
    assert all("note" not in d for _, _, d in g.edges(data=True))


def test_link_records_never_merge_into_a_shared_dict() -> None:
    """A duplicate link record updates its edge's dict in place, so a link
    type must not also be the type of a reference edge, whose dict is
    shared (see build_graph)."""
    from graphmap.graph import _plan

    links = {cls.link[2] for cls in m.RECORD_TYPES if cls.link is not None}
    references = {edge for cls in m.RECORD_TYPES for _, edge, _ in _plan(cls)[1]}
    assert links and references
    assert not links & references
