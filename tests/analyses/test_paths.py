"""Tests of the paths family (most likely leakage paths) on tiny graphs."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmap import model as m
from graphmap.analyses.base import Severity, finding_id
from graphmap.analyses.paths import (
    SINK,
    FlowNetwork,
    PathHop,
    PathScoring,
    best_paths,
    concern_endpoints,
    flow_network,
    leakage_paths,
    nearest_endpoints,
)
from graphmap.dataset import Dataset
from tests.analyses.helpers import ctx_of, supplier_and_competitor

D = dt.date



base = supplier_and_competitor


def nda(cid: str = "C1", party: str = "SUP", **kw: Any) -> m.Contract:
    fields: dict[str, Any] = {
        "id": cid,
        "title": f"秘密保持契約{cid}",
        "kind": "nda",
        "parties": [party],
        "start": D(2024, 1, 1),
        "end": D(2027, 12, 31),
        "confidentiality": True,
    }
    fields.update(kw)
    return m.Contract(**fields)


# ---------------------------------------------------------------- endpoints


def test_concern_endpoints_kinds_and_reasons() -> None:
    ds = base()
    ds.add(m.Organisation(id="GOV", name="某国政府", kind="government", country="CN"))
    ds.add(m.Organisation(id="JPGOV", name="経産省", kind="government", country="JP"))
    ds.add(m.Organisation(id="FRONT", name="前線商事", kind="other", country="SG"))
    ds.add(m.Organisation(id="HOLD", name="持株会社", kind="other", country="US"))
    ds.add(m.Organisation(id="SUBX", name="子会社X", kind="supplier", country="US"))
    ds.add(m.Organisation(id="AI", name="生成AIサービス", kind="external_service", country="US"))
    ds.add(m.Organisation(id="LIST", name="リスト社", kind="supplier", end_user_listed=True))
    ds.add(m.Ownership(owner="GOV", owned="HOLD", votes_pct=60))
    ds.add(m.Ownership(owner="HOLD", owned="SUBX", votes_pct=51))
    ctx = ctx_of(ds)
    ends = concern_endpoints(ctx)
    assert ends["COMP"] == ["competitor"]
    assert ends["GOV"] == ["foreign_government", "high_risk_country"]
    assert ends["HOLD"] == ["foreign_government_influence"]
    assert ends["SUBX"] == ["foreign_government_influence"]  # one level up
    assert ends["FRONT"] == ["high_risk_country"]  # Singapore: outside the strict group
    assert ends["AI"] == ["external_service"]
    assert ends["LIST"] == ["end_user_listed"]
    for safe in ("SELF", "SUP", "JPGOV"):
        assert safe not in ends


def test_minority_foreign_government_stake_is_not_an_endpoint() -> None:
    ds = base()
    ds.add(m.Organisation(id="GOV", name="某国政府", kind="government", country="US"))
    ds.add(m.Organisation(id="HOLD", name="持株会社", kind="other", country="US"))
    ds.add(m.Ownership(owner="GOV", owned="HOLD", votes_pct=30))
    ends = concern_endpoints(ctx_of(ds))
    assert "HOLD" not in ends
    assert ends["GOV"] == ["foreign_government"]


# ---------------------------------------------------------------- leakage_paths


def onward_case() -> Dataset:
    """A1 goes to the supplier with no contract; the supplier passes it
    on, unapproved, to a subcontractor in a high-risk country."""
    ds = base()
    ds.add(m.Organisation(id="SUBX", name="海外加工", kind="contract_manufacturer", country="CN"))
    ds.add(
        m.Disclosure(id="D1", date=D(2026, 1, 10), assets=["A1"], sender="SELF", recipient="SUP")
    )
    ds.add(
        m.Disclosure(
            id="D2",
            date=D(2026, 2, 1),
            assets=["A1"],
            sender="SUP",
            recipient="SUBX",
            onward_of="D1",
        )
    )
    return ds


def test_onward_disclosure_path_to_high_risk_subcontractor() -> None:
    ctx = ctx_of(onward_case())
    findings = leakage_paths(ctx)
    assert [f.subjects for f in findings] == [["T1", "SUBX"]]
    f = findings[0]
    assert f.id == finding_id("leakage_paths", ["T1", "SUBX"])
    assert f.severity == Severity.critical
    hops = f.evidence.facts["hops"]
    assert [(h["from"], h["to"], h["type"]) for h in hops] == [
        ("T1", "A1", "DESCRIBES"),
        ("A1", "SUP", "DISCLOSED_TO"),
        ("SUP", "SUBX", "DISCLOSED_TO"),
    ]
    assert hops[1]["disclosures"] == ["D1"] and hops[2]["disclosures"] == ["D2"]
    assert hops[1]["reason"] == "disclosure_uncovered"
    assert hops[2]["reason"] == "onward_unapproved"
    sc = PathScoring()
    assert f.evidence.facts["probability"] == pytest.approx(
        sc.disclosure_uncovered * sc.onward_unapproved
    )
    assert f.score == pytest.approx(100 * sc.disclosure_uncovered * sc.onward_unapproved, abs=0.01)
    assert ("D2", "SUBX", "DISCLOSED_TO") in f.evidence.edges
    assert ("SUP", "D2", "DISCLOSED") in f.evidence.edges
    assert {"D1", "D2"} <= set(f.evidence.nodes)
    assert f.evidence.facts["endpoint_reasons"] == ["high_risk_country"]
    assert "海外加工" in f.message_ja and "海外加工" in f.message_en


def test_covered_and_approved_flows_are_less_likely() -> None:
    ds = base()
    ds.add(m.Organisation(id="SUBX", name="海外加工", kind="contract_manufacturer", country="CN"))
    ds.add(nda("C1", "SUP"))
    ds.add(m.DueDiligence(id="DD1", subject="SUP", scope="organisation", date=D(2025, 1, 1)))
    ds.add(
        m.Disclosure(
            id="D1",
            date=D(2026, 1, 10),
            assets=["A1"],
            sender="SELF",
            recipient="SUP",
            contract="C1",
            codenamed=True,
        )
    )
    ds.add(
        m.Disclosure(
            id="D2",
            date=D(2026, 2, 1),
            assets=["A1"],
            sender="SUP",
            recipient="SUBX",
            onward_of="D1",
            onward_approved=True,
            contract="C1",
        )
    )
    ctx = ctx_of(ds)
    findings = leakage_paths(ctx, min_probability=0.0)
    assert [f.subjects for f in findings] == [["T1", "SUBX"]]
    f = findings[0]
    sc = PathScoring()
    p1 = sc.disclosure_covered * sc.dd_cleared_factor * sc.codenamed_factor
    assert [h["p"] for h in f.evidence.facts["hops"]] == pytest.approx([1.0, p1, 0.1])
    assert f.severity == Severity.low
    # below the floor: dropped
    assert leakage_paths(ctx, min_probability=0.01) == []


def test_no_concern_endpoint_gives_nothing() -> None:
    ds = base()
    ds.add(
        m.Disclosure(id="D1", date=D(2026, 1, 10), assets=["A1"], sender="SELF", recipient="SUP")
    )
    ds.add(m.Person(id="E1", name="山田太郎", employer="SELF"))
    ds.add(m.Knowledge(person="E1", step="S1"))
    assert leakage_paths(ctx_of(ds)) == []


def test_ungraded_technology_is_not_reported() -> None:
    ds = Dataset()
    ds.add(m.Organisation(id="COMP", name="競合工業", kind="competitor", country="JP"))
    ds.add(m.Technology(id="T9", name="梱包技術"))
    ds.add(m.InformationAsset(id="A9", name="梱包手順", technologies=["T9"], secrecy="top_secret"))
    ds.add(
        m.Disclosure(id="D9", date=D(2026, 1, 1), assets=["A9"], sender="COMP", recipient="COMP2")
    )
    ds.add(m.Organisation(id="COMP2", name="競合二", kind="competitor"))
    assert leakage_paths(ctx_of(ds)) == []


def test_engineer_leaving_for_competitor_with_tacit_know_how() -> None:
    ds = base()
    ds.add(
        m.Person(
            id="E1",
            name="山田太郎",
            employer="SELF",
            status="left",
            left=D(2026, 3, 31),
            destination="COMP",
        )
    )
    ds.add(m.Knowledge(person="E1", step="S1", depth="full", mode="tacit"))
    ds.add(m.Knowledge(person="E1", step="S2", depth="full", mode="tacit"))
    ds.add(
        m.Person(
            id="E2",
            name="鈴木花子",
            employer="SELF",
            status="left",
            destination="COMP",
            non_compete_pledge=True,
        )
    )
    ds.add(m.Knowledge(person="E2", step="S1", depth="partial"))
    f = leakage_paths(ctx_of(ds))[0]
    assert f.subjects == ["T1", "COMP"]
    hops = f.evidence.facts["hops"]
    assert [(h["from"], h["to"], h["type"], h["reason"]) for h in hops] == [
        ("T1", "E1", "KNOWS", "knows_all_steps"),
        ("E1", "COMP", "MOVED_TO", "moved_to_competitor"),
    ]
    assert ("E1", "S1", "KNOWS") in f.evidence.edges
    assert ("E1", "COMP", "MOVED_TO") in f.evidence.edges
    sc = PathScoring()
    assert f.evidence.facts["probability"] == pytest.approx(
        sc.knows_all_steps * sc.moved_to_competitor
    )
    assert f.severity == Severity.critical


def test_equipment_route_to_maker_abroad() -> None:
    ds = base()
    ds.add(m.Organisation(id="MAK", name="装置メーカー", kind="equipment_maker", country="TW"))
    ds.add(
        m.Equipment(
            id="EQ1", name="焼成炉", customised=True, embodies=["S2"], maker="MAK", owner="SELF"
        )
    )
    f = leakage_paths(ctx_of(ds))[0]
    assert f.subjects == ["T1", "MAK"]
    assert [(h["type"]) for h in f.evidence.facts["hops"]] == ["EMBODIES", "MADE_BY"]
    assert ("EQ1", "S2", "EMBODIES") in f.evidence.edges
    assert ("EQ1", "MAK", "MADE_BY") in f.evidence.edges


def test_partner_staff_access_and_owner_control() -> None:
    ds = base()
    ds.add(m.Organisation(id="GOV", name="某国政府", kind="government", country="CN"))
    ds.add(m.Organisation(id="JV", name="合弁会社", kind="jv_partner", country="JP"))
    ds.add(m.Ownership(owner="GOV", owned="JV", votes_pct=20, golden_share=True))
    ds.add(m.Person(id="V1", name="李", employer="JV"))
    ds.add(m.Access(person="V1", asset="A1", level="download"))
    f = leakage_paths(ctx_of(ds))[0]
    assert f.subjects == ["T1", "JV"]  # golden share: JV itself is controlled
    assert [h["type"] for h in f.evidence.facts["hops"]] == [
        "DESCRIBES",
        "CAN_ACCESS",
        "EMPLOYED_BY",
    ]


def test_findings_name_the_item_of_the_weakest_hop() -> None:
    # uncovered and unapproved flows: a contract gap
    [f] = leakage_paths(ctx_of(onward_case()))
    assert f.checklist == ["S3"]
    # a covered, approved chain to a subcontractor nobody checked: due diligence
    ds = base()
    ds.add(m.Organisation(id="SUBX", name="海外加工", kind="contract_manufacturer", country="CN"))
    ds.add(nda("C1", "SUP"))
    ds.add(m.DueDiligence(id="DD1", subject="SUP", scope="organisation", date=D(2025, 1, 1)))
    ds.add(
        m.Disclosure(
            id="D1",
            date=D(2026, 1, 10),
            assets=["A1"],
            sender="SELF",
            recipient="SUP",
            contract="C1",
        )
    )
    ds.add(
        m.Disclosure(
            id="D2",
            date=D(2026, 2, 1),
            assets=["A1"],
            sender="SUP",
            recipient="SUBX",
            onward_of="D1",
            onward_approved=True,
            contract="C1",
        )
    )
    [f] = leakage_paths(ctx_of(ds), min_probability=0.0)
    assert f.checklist == ["S1"]
    # an engineer who left for a competitor: retention of know-how holders
    ds = base()
    ds.add(m.Person(id="E1", name="山田太郎", employer="SELF", status="left", destination="COMP"))
    ds.add(m.Knowledge(person="E1", step="S1"))
    ds.add(m.Knowledge(person="E1", step="S2"))
    [f] = leakage_paths(ctx_of(ds))
    assert f.checklist == ["P5"]
    # a machine route: no hop points at one item, all of them are kept
    ds = base()
    ds.add(m.Organisation(id="MAK", name="装置メーカー", kind="equipment_maker", country="TW"))
    ds.add(m.Equipment(id="EQ1", name="焼成炉", customised=True, embodies=["S2"], maker="MAK"))
    [f] = leakage_paths(ctx_of(ds))
    assert f.checklist == leakage_paths.meta.checklist == ["S1", "S3", "P5"]


def test_revoked_access_is_not_a_route() -> None:
    ds = base()
    ds.add(m.Person(id="V1", name="李", employer="COMP"))
    ds.add(m.Access(person="V1", asset="A1", granted=D(2025, 1, 1), revoked=D(2025, 6, 1)))
    assert leakage_paths(ctx_of(ds)) == []


def test_future_disclosure_is_ignored() -> None:
    ds = base()
    ds.add(
        m.Disclosure(id="D1", date=D(2027, 1, 1), assets=["A1"], sender="SELF", recipient="COMP")
    )
    assert leakage_paths(ctx_of(ds)) == []


def test_best_paths_and_alternatives() -> None:
    ds = onward_case()
    ds.add(m.Person(id="E1", name="山田太郎", employer="SELF", status="left", destination="COMP"))
    ds.add(m.Knowledge(person="E1", step="S1", depth="partial"))
    ctx = ctx_of(ds)
    paths = best_paths(ctx, "T1", k=5)
    assert len(paths) == 2
    assert paths[0].probability >= paths[1].probability
    assert paths[0].nodes == ["T1", "A1", "SUP", "SUBX"]
    assert paths[1].nodes == ["T1", "E1", "COMP"]
    assert paths[1].endpoint == "COMP"
    for p in paths:
        assert p.probability == pytest.approx(math.prod(h.p for h in p.hops))
    assert best_paths(ctx, "T1", k=1)[0].nodes == paths[0].nodes
    assert best_paths(ctx, "NOPE") == []

    f = leakage_paths(ctx, k=2)[0]
    alts = f.evidence.facts["alternatives"]
    assert [a["nodes"] for a in alts] == [p.nodes for p in paths]
    # not shown -> no alternatives
    f = leakage_paths(ctx, show=[])[0]
    assert "alternatives" not in f.evidence.facts
    f = leakage_paths(ctx, top_n=0)[0]
    assert "alternatives" not in f.evidence.facts


def test_scoring_override_changes_probability_and_severity() -> None:
    ctx = ctx_of(onward_case())
    low = leakage_paths(ctx, scoring={"disclosure_uncovered": 0.3, "onward_unapproved": 0.3})
    assert low[0].evidence.facts["probability"] == pytest.approx(0.09)
    assert low[0].severity == Severity.medium
    with pytest.raises(ValueError):
        PathScoring(no_such_field=1)  # type: ignore[call-arg]


def test_severity_thresholds_are_parameters() -> None:
    ctx = ctx_of(onward_case())
    f = leakage_paths(ctx, critical_probability=0.99, high_probability=0.5)[0]
    assert f.severity == Severity.high


def test_ids_and_paths_stable_across_input_order() -> None:
    ds = onward_case()
    ds.add(m.Person(id="E1", name="山田太郎", employer="SELF", status="left", destination="COMP"))
    ds.add(m.Knowledge(person="E1", step="S1", depth="full"))
    ds.add(m.Knowledge(person="E1", step="S2", depth="full"))
    rev = Dataset()
    for rec in reversed(list(ds)):
        rev.add(rec)
    a = leakage_paths(ctx_of(ds))
    b = leakage_paths(ctx_of(rev))
    assert [f.id for f in a] == [f.id for f in b]
    assert [f.evidence.facts for f in a] == [f.evidence.facts for f in b]


def test_runner_defaults_match_signature() -> None:
    meta = leakage_paths.meta
    ctx = ctx_of(onward_case())
    assert leakage_paths(ctx, **meta.defaults()) == leakage_paths(ctx)


# ---------------------------------------------------------------- properties

NAMES = [f"N{i}" for i in range(7)]


@st.composite
def flow_networks(draw: Any) -> tuple[list[tuple[str, str, float]], set[str], list[str]]:
    edges = draw(
        st.lists(
            st.tuples(
                st.sampled_from(NAMES),
                st.sampled_from(NAMES),
                st.floats(min_value=0.01, max_value=1.0),
            ),
            max_size=20,
        )
    )
    edges = [(u, v, p) for u, v, p in edges if u != v]
    ends = set(draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3)))
    sources = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
    return edges, ends, sources


def make_net(edges: list[tuple[str, str, float]], ends: set[str]) -> FlowNetwork:
    hops = [PathHop(source=u, target=v, type="X", p=p, reason="link") for u, v, p in edges]
    return FlowNetwork.from_hops(hops, {e: ["competitor"] for e in ends})


def best_probability(net: FlowNetwork, source: str) -> float:
    dist, _ = nearest_endpoints(net)
    return math.exp(-dist[source]) if source in dist else 0.0


def per_source_best(edges: list[tuple[str, str, float]], ends: set[str], source: str) -> float:
    """The reference: a plain Dijkstra from one source over all hops
    (endpoints not absorbing), best over the endpoints."""
    g = nx.DiGraph()
    g.add_nodes_from(NAMES)
    for u, v, p in edges:
        if not g.has_edge(u, v) or g.edges[u, v]["p"] < p:
            g.add_edge(u, v, p=p, weight=-math.log(p))
    dist = nx.single_source_dijkstra_path_length(g, source, weight="weight")
    reached = [dist[e] for e in ends if e in dist]
    return math.exp(-min(reached)) if reached else 0.0


@settings(max_examples=50, deadline=None)
@given(flow_networks())
def test_one_pass_sink_search_matches_per_source_search(
    case: tuple[list[tuple[str, str, float]], set[str], list[str]],
) -> None:
    edges, ends, sources = case
    net = make_net(edges, ends)
    for s in sources:
        assert best_probability(net, s) == pytest.approx(per_source_best(edges, ends, s))


@settings(max_examples=50, deadline=None)
@given(flow_networks(), st.data())
def test_raising_a_hop_never_lowers_the_best_path(
    case: tuple[list[tuple[str, str, float]], set[str], list[str]], data: Any
) -> None:
    edges, ends, sources = case
    if not edges:
        return
    i = data.draw(st.integers(min_value=0, max_value=len(edges) - 1))
    u, v, p = edges[i]
    raised = list(edges)
    raised[i] = (u, v, data.draw(st.floats(min_value=p, max_value=1.0)))
    before, after = make_net(edges, ends), make_net(raised, ends)
    for s in sources:
        assert best_probability(after, s) >= best_probability(before, s) - 1e-12


@settings(max_examples=50, deadline=None)
@given(flow_networks())
def test_path_probability_is_the_product_of_hops(
    case: tuple[list[tuple[str, str, float]], set[str], list[str]],
) -> None:
    edges, ends, _ = case
    net = make_net(edges, ends)
    dist, paths = nearest_endpoints(net)
    for node, nodes in paths.items():
        prob = math.prod(net.g.edges[a, b]["p"] for a, b in itertools.pairwise(nodes))
        assert 0 < prob <= 1
        assert prob == pytest.approx(math.exp(-dist[node]))
        assert nodes[-1] in ends and SINK not in nodes


@settings(max_examples=80, deadline=None)
@given(flow_networks(), st.booleans())
def test_paths_unfolded_on_demand_are_the_ones_dijkstra_records(
    case: tuple[list[tuple[str, str, float]], set[str], list[str]], tied: bool
) -> None:
    """Following the first predecessor gives the very path a Dijkstra that
    records paths keeps, ties included (findings stay byte-identical)."""
    edges, ends, _ = case
    if tied:  # equal probabilities: many paths of the same length
        edges = [(u, v, 0.5) for u, v, _ in edges]
    net = make_net(edges, ends)
    dist, paths = nearest_endpoints(net)
    if SINK not in net.g:
        assert dist == {} and dict(paths) == {}
        return
    ref_dist, ref_paths = nx.single_source_dijkstra(net.g.reverse(copy=False), SINK, weight="weight")
    expected = {n: list(reversed(p))[:-1] for n, p in ref_paths.items() if n != SINK}
    assert dict(paths) == expected
    assert dist == {n: d for n, d in ref_dist.items() if n != SINK}
    assert len(paths) == len(expected) and SINK not in paths


ORGS = ["O1", "O2", "O3", "O4"]
KINDS = ["supplier", "competitor", "customer", "external_service", "equipment_maker"]
PEOPLE = ["P1", "P2", "P3"]


@st.composite
def datasets(draw: Any) -> Dataset:
    """Small random companies: one or two graded technologies, assets,
    people who know steps, access, moves, disclosures with or without
    contracts, ownership and equipment."""
    ds = Dataset()
    ds.add(m.Organisation(id="SELF", name="自社", kind="self", country="JP"))
    for o in ORGS:
        ds.add(
            m.Organisation(
                id=o,
                name=f"組織{o}",
                kind=draw(st.sampled_from(KINDS)),
                country=draw(st.sampled_from(["JP", "US", "CN"])),
            )
        )
    for t in ("T1", "T2"):
        ds.add(m.Technology(id=t, name=f"技術{t}", grading=["core"]))
        for i in (1, 2):
            ds.add(m.ProcessStep(id=f"{t}S{i}", technology=t, order=i, name=f"工程{i}"))
    assets = ["A1", "A2", "A3"]
    for a in assets:
        ds.add(
            m.InformationAsset(
                id=a,
                name=f"資産{a}",
                secrecy=draw(st.sampled_from(["top_secret", "public"])),
                technologies=[draw(st.sampled_from(["T1", "T2"]))],
            )
        )
    ds.add(nda("C1", "O1", confidentiality=draw(st.booleans())))
    for p in PEOPLE:
        moved = draw(st.sampled_from([None, *ORGS]))
        ds.add(
            m.Person(
                id=p,
                name=f"人{p}",
                employer=draw(st.sampled_from(["SELF", *ORGS])),
                status="left" if moved else "active",
                destination=moved,
            )
        )
        for step in draw(st.lists(st.sampled_from(["T1S1", "T1S2", "T2S1"]), unique=True)):
            ds.add(
                m.Knowledge(person=p, step=step, depth=draw(st.sampled_from(["full", "partial"])))
            )
        for a in draw(st.lists(st.sampled_from(assets), unique=True, max_size=2)):
            ds.add(m.Access(person=p, asset=a, level=draw(st.sampled_from(["read", "edit"]))))
    parties = ["SELF", *ORGS, *PEOPLE]
    for i in range(draw(st.integers(0, 4))):
        sender = draw(st.sampled_from(parties))
        recipient = draw(st.sampled_from([x for x in parties if x != sender]))
        ds.add(
            m.Disclosure(
                id=f"D{i}",
                date=D(2026, 1, 1 + i),
                sender=sender,
                recipient=recipient,
                assets=draw(st.lists(st.sampled_from(assets), min_size=1, unique=True)),
                contract=draw(st.sampled_from([None, "C1"])),
                onward_of=f"D{i - 1}" if i and draw(st.booleans()) else None,
                codenamed=draw(st.sampled_from([None, True])),
            )
        )
    if draw(st.booleans()):
        ds.add(m.Ownership(owner="O2", owned="O1", votes_pct=draw(st.floats(0, 100))))
    if draw(st.booleans()):
        ds.add(
            m.Equipment(
                id="EQ",
                name="装置",
                customised=draw(st.booleans()),
                embodies=["T1S2"],
                maker=draw(st.sampled_from(ORGS)),
            )
        )
    return ds


@settings(max_examples=40, deadline=None)
@given(datasets())
def test_reported_probability_is_product_of_hops_on_random_companies(ds: Dataset) -> None:
    ctx = ctx_of(ds)
    net = flow_network(ctx)
    for f in leakage_paths(ctx, min_probability=0.0, top_n=2):
        facts = f.evidence.facts
        prob = facts["probability"]
        assert 0 < prob <= 1
        assert prob == pytest.approx(math.prod(h["p"] for h in facts["hops"]))
        assert f.subjects[1] == facts["hops"][-1]["to"] and f.subjects[1] in net.endpoints
        for h in facts["hops"]:
            assert 0 < h["p"] <= 1
        for alt in facts.get("alternatives", []):
            assert alt["probability"] <= prob + 1e-12
        assert f.score == pytest.approx(100 * prob, abs=0.01)


@settings(max_examples=30, deadline=None)
@given(
    datasets(),
    st.sampled_from(
        [
            "disclosure_uncovered",
            "knows_full",
            "employer",
            "access_edit",
            "moved_elsewhere",
            "equipment_maker",
        ]
    ),
)
def test_raising_a_scoring_entry_never_lowers_best_paths(ds: Dataset, entry: str) -> None:
    ctx = ctx_of(ds)
    before = {
        f.subjects[0]: f.evidence.facts["probability"]
        for f in leakage_paths(ctx, min_probability=0.0, top_n=0)
    }
    after = {
        f.subjects[0]: f.evidence.facts["probability"]
        for f in leakage_paths(ctx, min_probability=0.0, top_n=0, scoring={entry: 1.0})
    }
    for tech, prob in before.items():
        assert after[tech] >= prob - 1e-12


# ---------------------------------------------------------------- examples


def examples() -> Any:
    return pytest.importorskip("examples.build_examples")


@pytest.mark.parametrize(
    ("case", "subjects", "via"),
    [
        ("poached_engineer_usb", ["TECH-CATHODE", "ORG-COMP-CN"], "PER-0101"),
        ("contract_manufacturer_resubcontract", ["TECH-CATHODE", "ORG-CM-SUB"], "DISC-02"),
        ("licensee_to_subsidiary", ["TECH-BTO", "ORG-LIC-SUB"], "DISC-02"),
        ("exhibition_drawings", ["TECH-BTO", "ORG-TRADER"], "ASSET-DWG"),
        ("overseas_sample_overdue", ["TECH-SOLIDELEC", "ORG-PROS"], "ASSET-SE-SAMPLE"),
        ("jv_withdrawal_equipment", ["TECH-CATHODE", "ORG-JVP"], "EQ-KILN-CN"),
    ],
)
def test_case_datasets_give_the_expected_path(case: str, subjects: list[str], via: str) -> None:
    ctx = ctx_of(examples().build_case(case))
    findings = {tuple(f.subjects): f for f in leakage_paths(ctx)}
    assert tuple(subjects) in findings, sorted(findings)
    f = findings[tuple(subjects)]
    assert via in f.evidence.nodes
    assert f.id == finding_id("leakage_paths", subjects)


def test_case_poached_engineer_path_is_critical_know_how_then_move() -> None:
    ctx = ctx_of(examples().build_case("poached_engineer_usb"))
    [f] = leakage_paths(ctx)
    assert f.severity == Severity.critical
    assert [h["type"] for h in f.evidence.facts["hops"]] == ["KNOWS", "MOVED_TO"]
    assert "competitor" in f.evidence.facts["endpoint_reasons"]


def test_case_resubcontract_keeps_the_unapproved_onward_hop() -> None:
    ctx = ctx_of(examples().build_case("contract_manufacturer_resubcontract"))
    [f] = leakage_paths(ctx)
    last = f.evidence.facts["hops"][-1]
    assert (last["from"], last["to"]) == ("ORG-CM", "ORG-CM-SUB")
    assert last["disclosures"] == ["DISC-02"] and last["reason"] == "onward_unapproved"


def test_company_gives_some_but_not_absurdly_many_paths() -> None:
    ex = examples()
    ctx = ctx_of(ex.build_company())
    findings = leakage_paths(ctx)
    graded = [t for t in ctx.nodes("Technology") if ctx.attr(t, "grading")]
    assert 1 <= len(findings) <= len(graded)
    assert len({f.subjects[0] for f in findings}) == len(findings)
    shown = [f for f in findings if "alternatives" in f.evidence.facts]
    assert 1 <= len(shown) <= 5


def test_scoring_document_names_every_entry() -> None:
    from pathlib import Path

    doc = Path(__file__).resolve().parents[2] / "docs" / "analyses" / "leakage-paths.md"
    if not doc.exists():
        pytest.skip("docs not present")
    text = doc.read_text("utf-8")
    missing = [name for name in PathScoring.model_fields if f"`{name}`" not in text]
    assert missing == []
