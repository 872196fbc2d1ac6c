"""Tests of the checklist status report."""

from __future__ import annotations

import datetime as dt

import networkx as nx

from graphmap import model as m
from graphmap.analyses import catalogue, run_analyses
from graphmap.analyses.base import Context, Finding, analysis, make_finding
from graphmap.checklist import (
    ChecklistItemStatus,
    ChecklistState,
    by_route,
    checklist_status,
    present_types,
    summary,
)
from graphmap.dataset import Dataset, check_dataset
from graphmap.graph import build_graph
from graphmap.resources import checklist

AS_OF = dt.date(2026, 11, 21)
ALL_IDS = [i["id"] for i in checklist()["items"]]


def tiny_graph() -> nx.MultiDiGraph:
    ds = Dataset()
    ds.add(m.Organisation(id="SELF", name="自社", kind="self", country="JP"))
    ds.add(m.Technology(id="T1", name="焼成技術", grading=["core"]))
    ds.add(m.ProcessStep(id="S1", technology="T1", order=1, name="混合"))
    ds.add(m.Person(id="E1", name="山田太郎", employer="SELF"))
    ds.add(m.Knowledge(person="E1", step="S1"))
    assert check_dataset(ds) == []
    return build_graph(ds)


@analysis(
    id="fake_knowers",
    family="test",
    title_ja="試験",
    title_en="test",
    checklist=["P4"],
    why_ja="-",
    why_en="-",
    remedy_ja="-",
    remedy_en="-",
    requires=["KNOWS"],
)
def fake_knowers(ctx: Context) -> list[Finding]:
    return [make_finding(fake_knowers.meta, ["S1", "E1"], "high", 80, "一人だけ", "only one")]


@analysis(
    id="fake_grading",
    family="test",
    title_ja="試験",
    title_en="test",
    checklist=["F2", "P4"],
    why_ja="-",
    why_en="-",
    remedy_ja="-",
    remedy_en="-",
    requires=["Technology"],
)
def fake_grading(ctx: Context) -> list[Finding]:
    return []


@analysis(
    id="fake_equipment",
    family="test",
    title_ja="試験",
    title_en="test",
    checklist=["S6", "O9"],
    why_ja="-",
    why_en="-",
    remedy_ja="-",
    remedy_en="-",
    requires=["Equipment", "EMBODIES"],
)
def fake_equipment(ctx: Context) -> list[Finding]:
    return []


def test_missed_met_and_not_evidenced() -> None:
    g = tiny_graph()
    ctx = Context(g, AS_OF)
    fakes = [fake_knowers, fake_grading, fake_equipment]
    findings = [f for a in fakes for f in a(ctx)]
    statuses = checklist_status(g, findings, fakes)
    by_id = {s.id: s for s in statuses}
    assert [s.id for s in statuses] == ALL_IDS and len(ALL_IDS) == 32

    p4 = by_id["P4"]
    assert p4.status == ChecklistState.missed
    assert p4.finding_ids == [findings[0].id]
    assert p4.analyses == ["fake_grading", "fake_knowers"]
    assert p4.route == "people" and p4.route_en == "Leakage through people"
    assert p4.status_label("ja") == "要対応" and p4.status_label("en") == "missed"

    f2 = by_id["F2"]
    assert f2.status == ChecklistState.met
    assert f2.evidenced_by == ["fake_grading"] and f2.finding_ids == []
    assert f2.label("ja") == "重点的に守るべき技術の特定・評価"
    assert f2.label("en") == "Identify and grade technologies to protect"

    s6 = by_id["S6"]
    assert s6.status == ChecklistState.not_evidenced
    assert s6.missing_data == ["EMBODIES", "Equipment"]
    assert s6.analyses == ["fake_equipment"] and s6.evidenced_by == []

    j1 = by_id["J1"]  # no fake analysis covers it
    assert j1.status == ChecklistState.not_evidenced
    assert j1.analyses == [] and j1.missing_data == []

    assert summary(statuses) == {"met": 1, "missed": 1, "not_evidenced": 30}


def test_groups_by_route_in_checklist_order() -> None:
    statuses = checklist_status(nx.MultiDiGraph(), [], [])
    groups = by_route(statuses)
    assert list(groups) == ["foundation", "people", "suriawase", "overseas", "joint_research"]
    assert [len(v) for v in groups.values()] == [3, 5, 7, 9, 8]
    assert groups["foundation"][0].route_label("ja") == "まず最初にやるべき対策"
    assert all(s.status == ChecklistState.not_evidenced for s in statuses)


def test_present_types_lists_labels_and_edge_types() -> None:
    types = present_types(tiny_graph())
    assert {"Technology", "Person", "KNOWS", "STEP_OF", "EMPLOYED_BY"} <= types
    assert "Equipment" not in types


def test_real_catalogue_reports_all_32() -> None:
    g = tiny_graph()
    findings = run_analyses(g, as_of=AS_OF)
    statuses = checklist_status(g, findings)
    assert [s.id for s in statuses] == ALL_IDS
    known = {f.id for f in findings}
    for s in statuses:
        assert isinstance(s, ChecklistItemStatus)
        assert set(s.finding_ids) <= known
        if s.status == ChecklistState.missed:
            assert s.finding_ids
        if s.status == ChecklistState.met:
            assert s.evidenced_by and not s.finding_ids
    covered = {c for a in catalogue() for c in a.meta.checklist}
    for s in statuses:
        if s.id not in covered:
            assert s.status == ChecklistState.not_evidenced
