"""Tests of the people family on tiny hand-built graphs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmap import model as m
from graphmap.analyses.base import Context, Finding, Severity, finding_id
from graphmap.analyses.people import key_person_departure_risk
from graphmap.dataset import Dataset, check_dataset
from graphmap.graph import build_graph

AS_OF = dt.date(2026, 11, 21)
D = dt.date

#: Fields of an employee with nothing to report.
SAFE: dict[str, Any] = {
    "employer": "SELF",
    "confidentiality_pledge": True,
    "non_compete_pledge": True,
}


def base() -> Dataset:
    """Our company (JP), a core technology T1 (two steps), an ungraded T9,
    a domestic competitor, a foreign non-competitor and a partner."""
    ds = Dataset()
    ds.add(m.Organisation(id="SELF", name="自社", kind="self", country="JP"))
    ds.add(m.Organisation(id="COMP", name="競合化学", kind="competitor", country="JP"))
    ds.add(m.Organisation(id="COMP-CN", name="華南材料", kind="competitor", country="CN"))
    ds.add(m.Organisation(id="CONS-SG", name="Lion Consulting", kind="consultant", country="SG"))
    ds.add(m.Organisation(id="PART", name="共同開発社", kind="other", country="JP"))
    ds.add(m.Technology(id="T1", name="焼成技術", grading=["core"]))
    ds.add(m.Technology(id="T2", name="検査技術", grading=["to_acquire"]))
    ds.add(m.Technology(id="T9", name="梱包技術"))
    ds.add(m.ProcessStep(id="S1", technology="T1", order=1, name="配合"))
    ds.add(m.ProcessStep(id="S2", technology="T1", order=2, name="焼成"))
    ds.add(m.ProcessStep(id="S3", technology="T2", order=1, name="測定"))
    ds.add(m.ProcessStep(id="U1", technology="T9", order=1, name="梱包"))
    ds.add(
        m.InformationAsset(id="A1", name="焼成条件表", technologies=["T1"], secrecy="top_secret")
    )
    ds.add(m.InformationAsset(id="A0", name="カタログ", technologies=["T1"], secrecy="public"))
    return ds


def person(ds: Dataset, pid: str, knows: tuple[str, ...] = ("S1",), **fields: Any) -> None:
    ds.add(m.Person(id=pid, name=f"技術者{pid}", **{**SAFE, **fields}))
    for s in knows:
        ds.add(m.Knowledge(person=pid, step=s))


def run(ds: Dataset, **params: Any) -> list[Finding]:
    assert check_dataset(ds) == []
    return key_person_departure_risk(Context(build_graph(ds), AS_OF), **params)


def only(found: list[Finding], pid: str) -> Finding:
    matches = [f for f in found if f.subjects == [pid]]
    assert len(matches) == 1, [f.subjects for f in found]
    f = matches[0]
    assert f.id == finding_id("key_person_departure_risk", [pid])
    return f


def test_core_knower_who_left_for_a_competitor_is_critical() -> None:
    ds = base()
    person(ds, "E1", status="left", left=D(2026, 6, 30), destination="COMP")
    f = only(run(ds), "E1")
    assert f.severity == Severity.critical
    assert f.evidence.facts["reasons"][:2] == ["left", "to_competitor"]
    assert ("E1", "COMP", "MOVED_TO") in f.evidence.edges
    assert ("E1", "S1", "KNOWS") in f.evidence.edges
    assert "競合化学" in f.message_ja and "競合化学" in f.message_en


def test_left_abroad_to_a_non_competitor() -> None:
    ds = base()
    person(ds, "E1", status="left", left=D(2025, 1, 31), destination="CONS-SG")
    f = only(run(ds), "E1")
    assert f.evidence.facts["reasons"] == ["left", "abroad"]
    assert f.evidence.facts["destination_country"] == "SG"
    assert f.severity == Severity.high


def test_home_country_comes_from_the_company() -> None:
    ds = base()
    person(ds, "E1", status="left", left=D(2025, 1, 31), destination="CONS-SG")
    # a fallback that disagrees is ignored while the company has a country
    f = only(run(ds, home_country="SG"), "E1")
    assert "abroad" in f.evidence.facts["reasons"]


def test_near_retirement() -> None:
    ds = base()
    person(ds, "E1", planned_retirement=D(2027, 1, 31))
    person(ds, "E2", planned_retirement=D(2030, 4, 1))  # outside the window
    found = run(ds)
    f = only(found, "E1")
    assert f.evidence.facts["reasons"] == ["retirement_near"]
    assert f.severity == Severity.medium
    assert [x.subjects for x in found] == [["E1"]]
    assert [x.subjects for x in run(ds, retirement_window_days=30)] == []


def test_side_jobs_obligations_and_pledges() -> None:
    ds = base()
    person(
        ds,
        "E1",
        side_jobs="大学の非常勤講師",
        foreign_gov_obligation=True,
        non_compete_pledge=False,
        confidentiality_pledge=None,
    )
    f = only(run(ds), "E1")
    assert f.evidence.facts["reasons"] == [
        "foreign_gov_obligation",
        "side_jobs",
        "no_non_compete",
        "confidentiality_unrecorded",
    ]
    assert f.evidence.facts["weights"]["foreign_gov_obligation"] == 35
    assert f.severity == Severity.high  # 35 + 15 + 15 + 10


def test_missing_and_unrecorded_pledges_are_told_apart() -> None:
    ds = base()
    person(ds, "E1", non_compete_pledge=False)
    person(ds, "E2", non_compete_pledge=None)
    # an unrecorded pledge alone is a data gap, reported only on request
    assert [f.subjects for f in run(ds)] == [["E1"]]
    found = run(ds, report_unrecorded_only=True)
    assert only(found, "E1").evidence.facts["reasons"] == ["no_non_compete"]
    assert only(found, "E2").evidence.facts["reasons"] == ["non_compete_unrecorded"]
    assert "競業避止誓約なし" in only(found, "E1").message_ja
    assert "記録なし" in only(found, "E2").message_ja
    assert only(found, "E1").score > only(found, "E2").score


def test_non_core_knowledge_weighs_less() -> None:
    ds = base()
    person(ds, "E1", knows=("S1",), side_jobs="家業", non_compete_pledge=False)
    person(ds, "E2", knows=("S3",), side_jobs="家業", non_compete_pledge=False)
    found = run(ds)
    assert only(found, "E1").score > only(found, "E2").score


def test_download_access_without_knowledge_counts() -> None:
    ds = base()
    person(ds, "E1", knows=(), status="left", left=D(2026, 1, 31), destination="COMP-CN")
    person(ds, "E2", knows=(), status="left", left=D(2026, 1, 31), destination="COMP-CN")
    ds.add(m.Access(person="E1", asset="A1", level="download", revoked=D(2026, 1, 31)))
    ds.add(m.Access(person="E2", asset="A1", level="read"))
    ds.add(m.Access(person="E2", asset="A0", level="download"))  # public: no weight
    found = run(ds)
    f = only(found, "E1")
    assert f.severity == Severity.critical
    assert f.evidence.facts["assets"] == ["A1"]
    assert [x.subjects for x in found] == [["E1"]]


def test_nothing_to_report() -> None:
    ds = base()
    person(ds, "E1")  # pledges signed, no retirement, no side job
    person(ds, "E2", knows=("U1",), side_jobs="副業", status="left", destination="COMP")
    person(ds, "E3", side_jobs="なし")
    # partner staff who know a step are the research / vendor families' concern
    ds.add(m.Person(id="X1", name="相手先研究員", employer="PART", side_jobs="兼業"))
    ds.add(m.Knowledge(person="X1", step="S2"))
    assert run(ds) == []


_reason_fields = st.fixed_dictionaries(
    {
        "side_jobs": st.sampled_from([None, "兼業"]),
        "foreign_gov_obligation": st.sampled_from([None, False, True]),
        "non_compete_pledge": st.sampled_from([None, False, True]),
        "confidentiality_pledge": st.sampled_from([None, False, True]),
    }
)


@settings(max_examples=40, deadline=None)
@given(fields=_reason_fields)
def test_leaving_for_a_competitor_never_lowers_the_risk(fields: dict[str, Any]) -> None:
    """The same person, staying or leaving for a competitor: leaving never
    gives a lower score or severity."""
    from graphmap.analyses.base import SEVERITY_RANK

    stay = base()
    person(stay, "E1", **fields)
    gone = base()
    person(gone, "E1", status="left", left=D(2026, 5, 31), destination="COMP", **fields)
    before = run(stay)
    after = only(run(gone), "E1")
    assert after.severity == Severity.critical
    if before:
        assert after.score >= before[0].score
        assert SEVERITY_RANK[after.severity] >= SEVERITY_RANK[before[0].severity]


# ------------------------------------------------------------------- examples


def _examples() -> Any:
    pytest.importorskip("examples.build_examples")
    from examples import build_examples as ex

    return ex


def _run_example(ds: Dataset, today: dt.date) -> list[Finding]:
    assert check_dataset(ds) == []
    return key_person_departure_risk(Context(build_graph(ds), today))


def test_case_poached_engineer() -> None:
    ex = _examples()
    found = _run_example(ex.build_case("poached_engineer_usb"), ex.TODAY)
    f = only(found, "PER-0101")
    assert f.severity == Severity.critical
    assert {"left", "to_competitor", "abroad", "no_non_compete"} <= set(f.evidence.facts["reasons"])
    assert f.evidence.facts["destination"] == "ORG-COMP-CN"


def test_case_personal_email_former_employee() -> None:
    ex = _examples()
    found = _run_example(ex.build_case("personal_email_former_employee"), ex.TODAY)
    f = only(found, "PER-0101")
    assert "no_confidentiality" in f.evidence.facts["reasons"]
    assert f.severity == Severity.high


def test_company_departure_risks() -> None:
    ex = _examples()
    found = _run_example(ex.build_company(), ex.TODAY)
    by_person = {f.subjects[0]: f for f in found}
    # COMPANY_GAPS: PER-0015 left for a foreign competitor; PER-0030 and
    # PER-0010 near retirement; PER-0011 and PER-0035 side jobs / no pledge
    assert by_person["PER-0015"].severity == Severity.critical
    assert "retirement_near" in by_person["PER-0030"].evidence.facts["reasons"]
    assert "retirement_near" in by_person["PER-0010"].evidence.facts["reasons"]
    assert "side_jobs" in by_person["PER-0011"].evidence.facts["reasons"]
    assert "no_non_compete" in by_person["PER-0035"].evidence.facts["reasons"]
    assert 5 <= len(found) <= 60
    assert sum(f.severity == Severity.critical for f in found) <= 6


# ------------------------------------------------------ escalating_disclosures


def _escalation_dataset(secrecies: list[str], *, recipient_outside: bool = True) -> Dataset:
    ds = Dataset()
    ds.add(m.Organisation(id="O-SELF", name="自社", kind="self"))
    ds.add(m.Organisation(id="O-X", name="他社", kind="other"))
    ds.add(m.Technology(id="T", name="技術", grading=["core"]))
    ds.add(m.Person(id="P-IN", name="社員", employer="O-SELF"))
    ds.add(m.Person(id="P-OUT", name="知人", employer="O-X" if recipient_outside else "O-SELF"))
    for i, secrecy in enumerate(secrecies):
        ds.add(m.InformationAsset(id=f"A{i}", name=f"資料{i}", technologies=["T"], secrecy=secrecy))
        ds.add(
            m.Disclosure(
                id=f"D{i}",
                date=dt.date(2026, 1, 1) + dt.timedelta(days=30 * i),
                assets=[f"A{i}"],
                sender="P-IN",
                recipient="P-OUT",
            )
        )
    assert check_dataset(ds) == []
    return ds


def test_escalating_disclosures_flags_a_climb_to_top_secret() -> None:
    from graphmap.analyses import run_analyses

    g = build_graph(_escalation_dataset(["public", "company_internal", "top_secret"]))
    (f,) = run_analyses(g, only=["escalating_disclosures"])
    assert f.subjects == ["P-IN", "P-OUT"] and f.severity.value == "critical"
    assert f.evidence.facts["disclosures"] == ["D0", "D1", "D2"]


def test_escalating_disclosures_ignores_flat_public_and_internal_pairs() -> None:
    from graphmap.analyses import run_analyses

    for secrecies, outside in (
        (["top_secret", "company_internal"], True),  # falling, not climbing
        (["public", "company_internal"], True),  # never reaches graded secrecy
        (["public", "top_secret"], False),  # colleague inside the company
        (["top_secret"], True),  # a single disclosure is no pattern
    ):
        g = build_graph(_escalation_dataset(secrecies, recipient_outside=outside))
        assert run_analyses(g, only=["escalating_disclosures"]) == [], secrecies


def test_escalating_disclosures_on_the_acquaintance_case() -> None:
    from examples.build_examples import build_case
    from graphmap.analyses import run_analyses

    ds = build_case("acquaintance_escalation")
    check_dataset(ds)
    (f,) = run_analyses(build_graph(ds), as_of=dt.date(2026, 11, 21), only=["escalating_disclosures"])
    assert f.subjects == ["PER-0101", "PER-0301"] and f.severity == Severity.critical
