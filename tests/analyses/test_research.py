"""Tests of the research family on tiny hand-built graphs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from graphmap import model as m
from graphmap.analyses.base import Context, Finding, Severity, finding_id
from graphmap.analyses.research import joint_research_exposure
from graphmap.dataset import Dataset, check_dataset
from graphmap.graph import build_graph

AS_OF = dt.date(2026, 11, 21)
D = dt.date


def base(
    project: dict[str, Any] | None = None,
    partner_country: str = "JP",
    *,
    disclosure: dict[str, Any] | None = None,
    flows: bool = True,
    partner_dd: bool = True,
) -> Dataset:
    """Our company and a partner with a cleared review; a clean project on
    a core theme with one participant on each side and data shared on our
    own platform."""
    ds = Dataset()
    ds.add(m.Organisation(id="SELF", name="自社", kind="self", country="JP"))
    ds.add(m.Organisation(id="P", name="共栄電池", kind="other", country=partner_country))
    ds.add(m.Technology(id="T1", name="固体電解質", grading=["core", "security"]))
    ds.add(m.Technology(id="T2", name="梱包技術"))
    ds.add(
        m.InformationAsset(
            id="A1", name="実験データ", technologies=["T1"], secrecy="department_only"
        )
    )
    ds.add(m.Person(id="E1", name="石田光", employer="SELF"))
    ds.add(m.Person(id="X1", name="小田慎也", employer="P", confidentiality_pledge=True))
    if partner_dd:
        ds.add(m.DueDiligence(id="DD1", subject="P", scope="organisation", date=D(2025, 2, 1)))
    fields: dict[str, Any] = {
        "id": "R",
        "name": "電解質シート共同開発",
        "partners": ["P"],
        "themes": ["T2"],
        "participants": ["E1", "X1"],
        "phase": "execution",
        "start": D(2025, 4, 1),
        "end": D(2027, 3, 31),
        "research_plan_acknowledged": True,
        "own_platform": True,
    }
    fields.update(project or {})
    ds.add(m.Project(**fields))
    if flows:
        d_fields: dict[str, Any] = {
            "id": "D1",
            "date": D(2025, 6, 2),
            "assets": ["A1"],
            "sender": "E1",
            "recipient": "X1",
            "project": "R",
            "channel": "shared_platform",
        }
        d_fields.update(disclosure or {})
        ds.add(m.Disclosure(**d_fields))
    return ds


def run(ds: Dataset, **kw: Any) -> dict[str, Finding]:
    assert check_dataset(ds) == []
    findings = joint_research_exposure(Context(build_graph(ds), AS_OF), **kw)
    out = {f.evidence.facts["kind"]: f for f in findings}
    assert len(out) == len(findings)  # one finding per project and kind
    return out


def test_clean_project_is_quiet() -> None:
    assert run(base()) == {}


# -------------------------------------------------------------------- J1


def test_sensitive_theme_with_cleared_partner_is_low() -> None:
    f = run(base({"themes": ["T1"]}))["theme"]
    assert f.severity == Severity.low
    assert f.subjects == ["R"]
    assert f.id == finding_id("joint_research_exposure", ["R"], "theme")
    assert ("R", "T1", "THEME") in f.evidence.edges


def test_sensitive_theme_with_unchecked_partner_is_high() -> None:
    f = run(base({"themes": ["T1"]}, partner_dd=False))["theme"]
    assert f.severity == Severity.high
    assert f.evidence.facts["partners"] == {"P": "missing"}
    assert "電解質シート共同開発" in f.message_ja and "no due diligence" in f.message_en


def test_sensitive_gradings_are_a_parameter() -> None:
    assert "theme" not in run(base({"themes": ["T1"]}), sensitive_gradings=["econ_security"])


# -------------------------------------------------------------------- J2


def test_partner_in_unreviewed_non_strict_country() -> None:
    found = run(base(partner_country="CN"))
    f = found["country"]
    assert f.severity == Severity.high  # graded data went into the project
    assert f.evidence.facts["partners"] == {"P": ["non_strict"]}
    assert ("P", "CN", "LOCATED_IN") in f.evidence.edges


def test_reviewed_country_is_fine() -> None:
    ds = base(partner_country="CN")
    ds.add(m.DueDiligence(id="DD9", subject="CN", scope="country", date=D(2025, 1, 1)))
    assert "country" not in run(ds)


def test_strict_group_country_is_fine() -> None:
    assert "country" not in run(base(partner_country="DE"))


def test_sanctioned_country_is_critical_even_when_reviewed() -> None:
    ds = base(partner_country="RU")
    ds.add(m.Country(id="RU", sanctions=True, reviewed=D(2025, 1, 1)))
    f = run(ds)["country"]
    assert f.severity == Severity.critical
    assert "sanctions" in f.evidence.facts["partners"]["P"]


# -------------------------------------------------------------------- J5


def test_people_of_a_recipient_organisation_who_are_not_named() -> None:
    ds = base()
    ds.add(m.Person(id="X2", name="大野", employer="P"))
    ds.add(
        m.Disclosure(
            id="D2", date=D(2025, 7, 1), assets=["A1"], sender="E1", recipient="P", project="R"
        )
    )
    f = run(ds)["unnamed"]
    assert f.evidence.facts["people"] == ["X2"]  # X1 is named
    assert ("X2", "P", "EMPLOYED_BY") in f.evidence.edges
    assert f.severity == Severity.high


def test_subcontracted_lab_students_reached_by_onward_disclosure() -> None:
    ds = base()
    ds.add(m.Organisation(id="LAB", name="資源化学研究室", kind="lab", country="JP"))
    ds.add(m.Person(id="S1", name="Wang", employer="LAB", student=True))
    ds.add(
        m.Person(id="S2", name="松田", employer="LAB", student=True, confidentiality_pledge=True)
    )
    ds.add(
        m.Disclosure(
            id="D2",
            date=D(2025, 7, 1),
            assets=["A1"],
            sender="P",
            recipient="LAB",
            onward_of="D1",
        )
    )
    found = run(ds)
    assert found["unnamed"].evidence.facts["people"] == ["S1", "S2"]
    assert found["unnamed"].evidence.facts["students"] == ["S1", "S2"]
    f = found["student_pledge"]
    assert f.evidence.facts["students"] == ["S1"]
    assert f.id == finding_id("joint_research_exposure", ["R"], "student_pledge")


def test_outside_access_to_project_assets_counts_as_receiving() -> None:
    ds = base()
    ds.add(m.Person(id="Y1", name="外部者"))
    ds.add(m.Access(person="Y1", asset="A1"))
    assert run(ds)["unnamed"].evidence.facts["people"] == ["Y1"]


def test_own_staff_are_not_unnamed_outsiders() -> None:
    ds = base()
    ds.add(m.Person(id="E2", name="今井", employer="SELF"))
    ds.add(m.Access(person="E2", asset="A1"))
    assert "unnamed" not in run(ds)


# -------------------------------------------------------------------- J4


def test_named_student_without_pledge() -> None:
    ds = base({"participants": ["E1", "X1", "S1"]})
    ds.add(m.Person(id="S1", name="Li", employer="P", student=True))
    found = run(ds)
    assert found["student_pledge"].evidence.facts["students"] == ["S1"]
    assert ("S1", "R", "PARTICIPATES_IN") in found["student_pledge"].evidence.edges
    assert "unnamed" not in found


# -------------------------------------------------------------------- J7


def test_missing_research_plan() -> None:
    f = run(base({"research_plan_acknowledged": None}))["plan"]
    assert f.severity == Severity.medium  # graded data shared


def test_missing_plan_in_preparation_without_flows_is_low() -> None:
    ds = base({"research_plan_acknowledged": False, "phase": "preparation"}, flows=False)
    assert run(ds)["plan"].severity == Severity.low


# -------------------------------------------------------------------- J8


def test_no_own_platform_and_copies() -> None:
    ds = base({"own_platform": False}, disclosure={"copied_to_recipient": True})
    f = run(ds)["platform"]
    assert f.severity == Severity.high
    assert f.evidence.facts["copied"] == ["D1"]
    assert ("D1", "R", "IN_PROJECT") in f.evidence.edges


def test_unknown_platform_without_copies_is_not_flagged() -> None:
    assert "platform" not in run(base({"own_platform": None}))


def test_access_kept_after_the_project_ended() -> None:
    ds = base({"phase": "ended", "end": D(2025, 12, 31)})
    ds.add(m.Access(person="X1", asset="A1", granted=D(2025, 6, 2)))
    ds.add(m.Access(person="E1", asset="A1"))  # own staff keep their own data
    f = run(ds)["access_after_end"]
    assert f.evidence.facts["access"] == {"X1": ["A1"]}
    assert ("X1", "A1", "CAN_ACCESS") in f.evidence.edges
    assert f.severity == Severity.high


def test_end_date_in_the_past_counts_as_ended() -> None:
    ds = base({"end": D(2026, 3, 31)})
    ds.add(m.Access(person="X1", asset="A1"))
    assert "access_after_end" in run(ds)


def test_revoked_access_after_end_is_fine() -> None:
    ds = base({"phase": "ended", "end": D(2025, 12, 31)})
    ds.add(m.Access(person="X1", asset="A1", revoked=D(2026, 1, 5)))
    assert "access_after_end" not in run(ds)


def test_each_kind_of_gap_names_its_own_item() -> None:
    ds = base(
        {
            "themes": ["T1"],
            "phase": "ended",
            "end": D(2025, 12, 31),
            "research_plan_acknowledged": None,
            "own_platform": False,
        },
        partner_country="VN",
        partner_dd=False,
    )
    ds.add(m.Person(id="X2", name="学生", employer="P", student=True))
    ds.add(
        m.Disclosure(
            id="D2", date=D(2025, 7, 1), assets=["A1"], sender="E1", recipient="X2", project="R"
        )
    )
    ds.add(m.Access(person="X1", asset="A1"))
    found = run(ds)
    by = {kind: f.checklist for kind, f in found.items()}
    assert by == {
        "theme": ["J1"],
        "country": ["J2"],
        "unnamed": ["J5"],
        "student_pledge": ["J4"],
        "plan": ["J7"],
        "platform": ["J8"],
        "access_after_end": ["J8"],
    }


def test_ids_are_stable_across_input_order() -> None:
    ds1 = base({"own_platform": False, "research_plan_acknowledged": None})
    ds2 = Dataset()
    for label in reversed(list(ds1.records)):
        for rec in reversed(ds1.records[label]):
            ds2.add(rec)
    ids1 = sorted(f.id for f in run(ds1).values())
    ids2 = sorted(f.id for f in run(ds2).values())
    assert ids1 == ids2 and len(ids1) == 2


# ------------------------------------------------------------------ examples


def _examples() -> Any:
    return pytest.importorskip("examples.build_examples")


def _run_example(ds: Dataset) -> dict[tuple[str, str], Finding]:
    ex = _examples()
    assert check_dataset(ds) == []
    findings = joint_research_exposure(Context(build_graph(ds), ex.TODAY))
    return {(f.subjects[0], f.evidence.facts["kind"]): f for f in findings}


def test_case_partner_employee_copy() -> None:
    ex = _examples()
    found = _run_example(ex.build_case("jr_partner_employee_copy"))
    f = found[("PRJ-JR", "platform")]
    assert f.evidence.facts["graded_copied"] == ["DISC-01", "DISC-02"]


def test_case_subcontracted_lab_students() -> None:
    ex = _examples()
    found = _run_example(ex.build_case("subcontracted_lab_students"))
    people = found[("PRJ-JR", "unnamed")].evidence.facts["people"]
    assert people == ["PER-0301", "PER-0302", "PER-0303", "PER-0304"]
    assert found[("PRJ-JR", "student_pledge")].evidence.facts["students"] == [
        "PER-0302",
        "PER-0303",
    ]


def test_case_samples_kept_after_end() -> None:
    ex = _examples()
    found = _run_example(ex.build_case("samples_kept_after_end"))
    access = found[("PRJ-BIO", "access_after_end")].evidence.facts["access"]
    assert access == {"PER-0201": ["ASSET-STRAIN-DATA"]}


def test_case_prototype_theme_without_partner_check() -> None:
    ex = _examples()
    found = _run_example(ex.build_case("prototype_photographed_precontract"))
    assert found[("PRJ-PROTO", "theme")].severity == Severity.high


def test_company_research_findings() -> None:
    ex = _examples()
    found = _run_example(ex.build_company())
    assert ("PRJ-001", "platform") in found
    unnamed = found[("PRJ-001", "unnamed")].evidence.facts["people"]
    assert {"PER-0244", "PER-0245"} <= set(unnamed)
    assert {"PER-0244", "PER-0245"} <= set(
        found[("PRJ-001", "student_pledge")].evidence.facts["students"]
    )
    assert "PER-0251" in found[("PRJ-002", "access_after_end")].evidence.facts["access"]
    assert len(found) <= 20
