"""Tests of the structure family (structural choke points) on tiny graphs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmap import model as m
from graphmap.analyses.base import Severity, finding_id
from graphmap.analyses.paths import FlowNetwork, PathHop
from graphmap.analyses.structure import (
    _reach,
    _Within,
    gate_items,
    minimum_party_cut,
    neighbourhood,
    single_separators,
    structural_choke_points,
)
from graphmap.dataset import Dataset
from tests.analyses.helpers import ctx_of, supplier_and_competitor

D = dt.date


base = supplier_and_competitor


def test_two_gates_with_concern_beyond_are_medium() -> None:
    ds = base()
    ds.add(m.Person(id="E1", name="山田花子", employer="SELF", status="left", destination="COMP"))
    ds.add(m.Person(id="E2", name="鈴木一郎", employer="SELF"))
    ds.add(m.Knowledge(person="E1", step="S1"))
    ds.add(m.Knowledge(person="E1", step="S2"))
    ds.add(m.Knowledge(person="E2", step="S2", depth="partial"))
    ds.add(m.Person(id="V1", name="佐藤", employer="SUP"))
    ds.add(m.Disclosure(id="D1", date=D(2026, 1, 1), assets=["A1"], sender="E1", recipient="V1"))
    ds.add(m.Access(person="E1", asset="A1", level="edit"))
    ctx = ctx_of(ds)
    findings = structural_choke_points(ctx)
    # A1 reaches V1 directly (disclosure) and E1 leads to COMP: cut {E1, V1}
    assert [f.subjects for f in findings] == [["T1", "E1", "V1"]]
    f = findings[0]
    assert f.id == finding_id("structural_choke_points", ["T1", "E1", "V1"])
    assert f.severity == Severity.medium  # two gates, concern beyond
    assert f.evidence.facts["cut_size"] == 2
    assert f.evidence.facts["concern_endpoints"] == ["COMP"]
    assert f.evidence.facts["concern_cut"] == ["E1"]


def test_one_engineer_is_the_only_gate() -> None:
    ds = base()
    ds.add(m.Person(id="E1", name="山田花子", employer="SELF", status="left", destination="COMP"))
    ds.add(m.Person(id="E2", name="鈴木一郎", employer="SELF"))
    ds.add(m.Knowledge(person="E1", step="S1"))
    ds.add(m.Knowledge(person="E2", step="S2", depth="partial"))
    ds.add(m.Disclosure(id="D1", date=D(2026, 1, 1), assets=["A1"], sender="SELF", recipient="E1"))
    ctx = ctx_of(ds)
    [f] = structural_choke_points(ctx)
    assert f.subjects == ["T1", "E1"]
    assert f.severity == Severity.high
    assert f.evidence.facts["members"][0]["id"] == "E1"
    assert f.evidence.facts["members"][0]["single"] is True
    assert f.evidence.facts["members"][0]["betweenness"] > 0
    assert "山田花子" in f.message_ja and "山田花子" in f.message_en


def test_single_supplier_gate_without_concern_is_medium() -> None:
    ds = base()
    ds.add(m.Organisation(id="SUB", name="外注加工", kind="contract_manufacturer", country="JP"))
    ds.add(m.Disclosure(id="D1", date=D(2026, 1, 1), assets=["A1"], sender="SELF", recipient="SUP"))
    ds.add(
        m.Disclosure(
            id="D2",
            date=D(2026, 2, 1),
            assets=["A1"],
            sender="SUP",
            recipient="SUB",
            onward_of="D1",
            onward_approved=True,
        )
    )
    [f] = structural_choke_points(ctx_of(ds))
    assert f.subjects == ["T1", "SUP"]
    assert f.severity == Severity.medium
    assert f.evidence.facts["outside_parties"] == 2


def test_gates_name_p4_for_our_people_and_the_vendor_item_otherwise() -> None:
    ds = base()
    ds.add(m.Organisation(id="MK", name="炉機製作所", kind="equipment_maker", country="JP"))
    ds.add(m.Organisation(id="CUS", name="電池商事", kind="customer", country="JP"))
    ds.add(m.Person(id="E1", name="山田花子", employer="SELF"))
    ds.add(m.Person(id="V1", name="佐藤", employer="SUP"))
    ds.add(m.Person(id="X1", name="SNSの相手"))
    ctx = ctx_of(ds)
    assert gate_items(ctx, ["E1"]) == ["P4"]
    assert gate_items(ctx, ["X1"]) == ["P4"]  # no employer on record: a person gate
    assert gate_items(ctx, ["V1", "SUP"]) == ["S4"]  # a supplier's engineer counts for it
    assert gate_items(ctx, ["MK", "E1", "CUS"]) == ["S6", "P4", "S5"]


def test_choke_point_findings_name_the_items_of_their_gates() -> None:
    ds = base()
    ds.add(m.Person(id="E1", name="山田花子", employer="SELF", status="left", destination="COMP"))
    ds.add(m.Person(id="E2", name="鈴木一郎", employer="SELF"))
    ds.add(m.Knowledge(person="E1", step="S1"))
    ds.add(m.Knowledge(person="E2", step="S2", depth="partial"))
    ds.add(m.Disclosure(id="D1", date=D(2026, 1, 1), assets=["A1"], sender="SELF", recipient="E1"))
    [f] = structural_choke_points(ctx_of(ds))
    assert f.checklist == ["P4"]
    ds = base()
    ds.add(m.Organisation(id="SUB", name="外注加工", kind="contract_manufacturer", country="JP"))
    ds.add(m.Disclosure(id="D1", date=D(2026, 1, 1), assets=["A1"], sender="SELF", recipient="SUP"))
    ds.add(
        m.Disclosure(
            id="D2",
            date=D(2026, 2, 1),
            assets=["A1"],
            sender="SUP",
            recipient="SUB",
            onward_of="D1",
            onward_approved=True,
        )
    )
    [f] = structural_choke_points(ctx_of(ds))
    assert f.subjects == ["T1", "SUP"] and f.checklist == ["S4"]


def test_nothing_outside_gives_nothing() -> None:
    ds = base()
    ds.add(m.Person(id="E1", name="山田花子", employer="SELF"))
    ds.add(m.Knowledge(person="E1", step="S1"))
    ds.add(m.Access(person="E1", asset="A1"))
    assert structural_choke_points(ctx_of(ds)) == []


def test_spread_exposure_is_not_a_choke_point() -> None:
    """Twelve customers each receive the asset directly and each passes it
    on to the same agent: twelve gates, too many to be a choke point."""
    ds = base()
    ds.add(m.Organisation(id="AGT", name="代理店", kind="other", country="JP"))
    for i in range(12):
        ds.add(m.Organisation(id=f"C{i}", name=f"顧客{i}", kind="customer", country="JP"))
        ds.add(m.Disclosure(id=f"D{i}", date=D(2026, 1, 1 + i), assets=["A1"], sender="SELF", recipient=f"C{i}"))
        ds.add(
            m.Disclosure(
                id=f"X{i}",
                date=D(2026, 2, 1 + i),
                assets=["A1"],
                sender=f"C{i}",
                recipient="AGT",
                onward_of=f"D{i}",
                onward_approved=True,
            )
        )
    ctx = ctx_of(ds)
    assert structural_choke_points(ctx) == []
    [f] = structural_choke_points(ctx, max_cut=12)
    assert f.severity == Severity.low and f.evidence.facts["cut_size"] == 12
    assert f.subjects[0] == "T1" and sorted(f.subjects[1:]) == sorted(f"C{i}" for i in range(12))
    assert "ほか7者" in f.message_ja and "and 7 more" in f.message_en


def test_every_outside_party_reached_directly_is_not_a_choke_point() -> None:
    ds = base()
    for i in range(3):
        ds.add(m.Organisation(id=f"C{i}", name=f"顧客{i}", kind="customer", country="JP"))
        ds.add(m.Disclosure(id=f"D{i}", date=D(2026, 1, 1 + i), assets=["A1"], sender="SELF", recipient=f"C{i}"))
    assert structural_choke_points(ctx_of(ds)) == []


def test_radius_limits_the_neighbourhood() -> None:
    ds = base()
    ds.add(m.Person(id="E1", name="山田花子", employer="SELF", status="left", destination="COMP"))
    ds.add(m.Knowledge(person="E1", step="S1"))
    # T1 -> E1 -> COMP is two hops
    assert structural_choke_points(ctx_of(ds), radius=1) == []
    assert len(structural_choke_points(ctx_of(ds), radius=2)) == 1


def test_betweenness_is_sampled_on_large_neighbourhoods_and_stable() -> None:
    ds = base()
    for i in range(30):
        ds.add(m.Person(id=f"E{i}", name=f"社員{i}", employer="SELF"))
        ds.add(m.Access(person=f"E{i}", asset="A1"))
        ds.add(
            m.Disclosure(
                id=f"D{i}",
                date=D(2026, 1, 1),
                assets=["A1"],
                sender=f"E{i}",
                recipient="SUP",
                codenamed=True,
            )
        )
    ds.add(m.Organisation(id="SUB", name="外注加工", kind="contract_manufacturer", country="JP"))
    ds.add(
        m.Disclosure(
            id="DX",
            date=D(2026, 2, 1),
            assets=["A1"],
            sender="SUP",
            recipient="SUB",
            onward_of="D0",
            onward_approved=True,
        )
    )
    ctx = ctx_of(ds)
    a = structural_choke_points(ctx, betweenness_k=5)
    b = structural_choke_points(ctx_of(ds), betweenness_k=5)
    assert a == b
    assert a[0].subjects == ["T1", "SUP"]
    assert a[0].evidence.facts["betweenness_sampled"] is True


def test_stable_across_input_order() -> None:
    ds = base()
    ds.add(m.Person(id="E1", name="山田花子", employer="SELF", status="left", destination="COMP"))
    ds.add(m.Person(id="E2", name="鈴木一郎", employer="SELF", status="left", destination="SUP"))
    ds.add(m.Knowledge(person="E1", step="S1"))
    ds.add(m.Knowledge(person="E2", step="S2"))
    rev = Dataset()
    for rec in reversed(list(ds)):
        rev.add(rec)
    assert structural_choke_points(ctx_of(ds)) == structural_choke_points(ctx_of(rev))


# ---------------------------------------------------------------- cut helpers


def always(_: str) -> bool:
    return True


def test_minimum_party_cut_skips_uncuttable_nodes() -> None:
    h = nx.Graph([("t", "doc"), ("doc", "p1"), ("doc", "p2"), ("p1", "x"), ("p2", "y")])
    # the document is the natural cut but cannot be cut; of the two cuts of
    # size 2 the one nearest the technology is named
    assert minimum_party_cut(h, "t", ["x", "y"], lambda n: n != "doc") == ["p1", "p2"]
    assert minimum_party_cut(h, "t", ["x", "y"], always) == ["doc"]
    assert single_separators(h, "t", ["x", "y"], always) == ["doc"]
    assert single_separators(h, "t", ["x", "y"], lambda n: n != "doc") == []
    # a lone target is not a gate to itself
    assert single_separators(h, "t", ["x"], lambda n: n != "doc") == ["p1"]
    assert minimum_party_cut(h, "t", [], always) is None


@st.composite
def graphs(draw: Any) -> tuple[nx.Graph, list[str]]:
    nodes = [f"n{i}" for i in range(8)]
    edges = draw(st.lists(st.tuples(st.sampled_from(nodes), st.sampled_from(nodes)), max_size=20))
    h = nx.Graph()
    h.add_nodes_from(["t", *nodes])
    h.add_edges_from((u, v) for u, v in edges if u != v)
    h.add_edges_from(("t", n) for n in draw(st.lists(st.sampled_from(nodes), max_size=3)))
    targets = draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=3, unique=True))
    return h, targets


@settings(max_examples=50, deadline=None)
@given(graphs())
def test_cut_separates_and_single_separators_are_cuts(case: tuple[nx.Graph, list[str]]) -> None:
    h, targets = case
    cut = minimum_party_cut(h, "t", targets, always)
    assert cut is not None
    rest = h.copy()
    rest.remove_nodes_from(cut)
    reach = nx.node_connected_component(rest, "t")
    assert not reach & set(targets)
    # minimal: the networkx reference cut has the same size
    ref = h.copy()
    ref.add_edges_from((t, "OUT") for t in targets)
    if any(nx.has_path(h, "t", x) for x in targets):
        assert len(cut) == len(nx.minimum_node_cut(ref, "t", "OUT"))
    else:
        assert cut == []
    for s in single_separators(h, "t", targets, always):
        rest = h.copy()
        rest.remove_node(s)
        assert not nx.node_connected_component(rest, "t") & set(targets)


# ---------------------------------------------------------------- examples


def examples() -> Any:
    import pytest

    return pytest.importorskip("examples.build_examples")


def test_case_datasets_name_the_gatekeeper() -> None:
    ex = examples()
    expected = {
        "poached_engineer_usb": ["TECH-CATHODE", "PER-0101"],
        "licensee_to_subsidiary": ["TECH-BTO", "ORG-LIC"],
        "contract_manufacturer_resubcontract": ["TECH-CATHODE", "PER-0201"],
        "exhibition_drawings": ["TECH-BTO", "PER-0201"],
    }
    for case, subjects in expected.items():
        findings = structural_choke_points(ctx_of(ex.build_case(case)))
        assert [f.subjects for f in findings] == [subjects], case
        assert findings[0].severity == Severity.high
        assert findings[0].id == finding_id("structural_choke_points", subjects)


def test_company_gives_few_choke_points() -> None:
    ex = examples()
    ctx = ctx_of(ex.build_company())
    findings = structural_choke_points(ctx)
    graded = [t for t in ctx.nodes("Technology") if ctx.attr(t, "grading")]
    assert len(findings) <= len(graded)
    for f in findings:
        assert 1 <= f.evidence.facts["cut_size"] <= 10


@st.composite
def flow_networks(draw: Any) -> tuple[FlowNetwork, int, list[str]]:
    nodes = [f"n{i}" for i in range(9)]
    pairs = draw(st.lists(st.tuples(st.sampled_from(["t", *nodes]), st.sampled_from(nodes)), max_size=24))
    hops = [PathHop(source=u, target=v, type="X", p=0.5, reason="link") for u, v in pairs]
    ends = draw(st.lists(st.sampled_from(nodes), max_size=2, unique=True))
    targets = draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=3, unique=True))
    return FlowNetwork.from_hops(hops, {e: ["competitor"] for e in ends}), draw(st.integers(1, 4)), targets


@settings(max_examples=60, deadline=None)
@given(flow_networks(), st.sampled_from([None, 1, 2]))
def test_cut_on_the_lazy_adjacency_equals_the_cut_on_the_neighbourhood(
    case: tuple[FlowNetwork, int, list[str]], limit: int | None
) -> None:
    # the analysis searches the cut on adjacency built as the search asks
    # for it; it must name exactly what the built neighbourhood gives
    net, radius, targets = case
    if "t" not in net.g:
        return
    h = neighbourhood(net, "t", radius)
    inside = _reach(net, "t", radius)
    assert inside == set(h)
    lazy = _Within(net, inside)
    wanted = [x for x in targets if x in inside]
    cuttable = lambda n: n != "n0"  # noqa: E731 - one uncuttable node
    assert minimum_party_cut(lazy, "t", wanted, cuttable, limit) == minimum_party_cut(h, "t", wanted, cuttable, limit)
    assert {u: sorted(lazy[u]) for u in inside} == {u: sorted(h[u]) for u in h}


def test_lazy_adjacency_of_a_hub_lists_only_neighbours_inside() -> None:
    # "self" is pointed at by many nodes outside the neighbourhood: its
    # neighbours inside are found from the inside, not from all its sources
    hops = [PathHop(source="t", target="a", type="X", p=0.5, reason="link")]
    hops += [PathHop(source="a", target="self", type="X", p=0.5, reason="link")]
    hops += [PathHop(source=f"o{i}", target="self", type="X", p=0.5, reason="link") for i in range(20)]
    hops += [PathHop(source="self", target="b", type="X", p=0.5, reason="link")]
    net = FlowNetwork.from_hops(hops, {})
    inside = _reach(net, "t", 3)
    assert inside == {"t", "a", "self", "b"}
    lazy = _Within(net, inside)
    assert sorted(lazy["self"]) == ["a", "b"] == sorted(neighbourhood(net, "t", 3)["self"])
