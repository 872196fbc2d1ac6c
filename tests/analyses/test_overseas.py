"""Tests of the overseas family on tiny hand-built graphs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from graphmap import model as m
from graphmap.analyses.base import Context, Finding, Severity, finding_id
from graphmap.analyses.overseas import (
    overseas_equipment,
    overseas_site_risks,
    withdrawal_access,
)
from graphmap.dataset import Dataset, check_dataset
from graphmap.graph import build_graph
from tests.analyses.helpers import ctx_of

D = dt.date


def base(**cn: Any) -> Dataset:
    """Our company, a core technology with one secret asset and one
    public one, China with recorded law flags, a Chinese partner."""
    ds = Dataset()
    ds.add(m.Organisation(id="SELF", name="自社", kind="self", country="JP"))
    ds.add(
        m.Country(
            id="CN",
            government_access_law=cn.get("government_access_law", "yes"),
            intelligence_cooperation_law=cn.get("intelligence_cooperation_law", "unknown"),
            reviewed=cn.get("reviewed"),
        )
    )
    ds.add(m.Organisation(id="P", name="華東材料", kind="jv_partner", country="CN"))
    ds.add(m.Technology(id="T1", name="焼成技術", grading=["core"]))
    ds.add(m.Technology(id="T2", name="梱包技術"))
    ds.add(
        m.InformationAsset(id="A1", name="焼成条件表", technologies=["T1"], secrecy="top_secret")
    )
    ds.add(m.InformationAsset(id="A0", name="製品カタログ", technologies=["T1"], secrecy="public"))
    ds.add(m.Person(id="E1", name="山田太郎", employer="SELF"))
    return ds



def kinds(findings: list[Finding]) -> dict[tuple[str, ...], Finding]:
    return {(*f.subjects, f.evidence.facts["kind"]): f for f in findings}


# ------------------------------------------------------------ site risks


def test_site_in_country_with_risky_laws() -> None:
    ds = base(reviewed=D(2024, 1, 1))
    ds.add(m.Site(id="S1", name="蘇州工場", country="CN", operator="P"))
    ds.add(m.Equipment(id="Q1", name="焼成炉", site="S1", embodies=["T1"], disposal_plan=True))
    found = kinds(overseas_site_risks(ctx_of(ds)))
    f = found[("S1", "laws")]
    assert f.severity == Severity.high  # graded technology at the site, country reviewed
    assert f.evidence.facts["laws"] == ["government_access_law"]
    assert ("S1", "CN", "LOCATED_IN") in f.evidence.edges
    assert ("Q1", "S1", "INSTALLED_AT") in f.evidence.edges
    assert f.id == finding_id("overseas_site_risks", ["S1"], "laws")
    assert "蘇州工場" in f.message_ja and "政府によるデータアクセス法" in f.message_ja


def test_unreviewed_risky_country_with_core_technology_is_critical() -> None:
    ds = base()
    ds.add(m.Site(id="S1", name="蘇州工場", country="CN"))
    ds.add(m.Equipment(id="Q1", name="焼成炉", site="S1", embodies=["T1"], disposal_plan=True))
    assert kinds(overseas_site_risks(ctx_of(ds)))[("S1", "laws")].severity == Severity.critical


def test_site_without_graded_technology_is_medium() -> None:
    ds = base(reviewed=D(2024, 1, 1))
    ds.add(m.Site(id="S1", name="上海事務所", country="CN", kind="office"))
    assert kinds(overseas_site_risks(ctx_of(ds)))[("S1", "laws")].severity == Severity.medium


def test_home_sites_are_not_flagged() -> None:
    ds = base()
    ds.add(m.Site(id="S1", name="四日市工場", country="JP"))
    assert overseas_site_risks(ctx_of(ds)) == []


def test_unreviewed_country_without_risky_laws() -> None:
    ds = base()
    ds.add(m.Site(id="S2", name="ラヨーン工場", country="TH"))
    found = kinds(overseas_site_risks(ctx_of(ds)))
    assert found[("S2", "unreviewed")].severity == Severity.low
    assert found[("S2", "unreviewed")].evidence.facts["country"] == "TH"


def test_country_review_by_due_diligence() -> None:
    ds = base()
    ds.add(m.Site(id="S2", name="ラヨーン工場", country="TH"))
    ds.add(m.DueDiligence(id="DD1", subject="TH", scope="country", date=D(2025, 1, 1)))
    assert overseas_site_risks(ctx_of(ds)) == []


def test_recipient_abroad_and_core_transfer_under_licence() -> None:
    ds = base(reviewed=D(2024, 1, 1))
    ds.add(
        m.Contract(id="C1", title="合弁契約", kind="jv", parties=["P"], covered_technologies=["T1"])
    )
    ds.add(
        m.Disclosure(
            id="D1", date=D(2025, 1, 1), assets=["A1"], sender="E1", recipient="P", contract="C1"
        )
    )
    found = kinds(overseas_site_risks(ctx_of(ds)))
    assert found[("P", "flow_laws")].severity == Severity.high
    t = found[("C1", "transfer")]
    assert t.severity == Severity.critical  # JV into a country with risky laws
    assert ("C1", "T1", "COVERS") in t.evidence.edges
    assert ("D1", "C1", "UNDER_CONTRACT") in t.evidence.edges
    assert t.evidence.facts["parties"] == ["P"]


def test_briefed_stakeholders_clear_the_transfer() -> None:
    ds = base(reviewed=D(2024, 1, 1))
    ds.add(
        m.Contract(
            id="C1",
            title="ライセンス契約",
            kind="licence",
            parties=["P"],
            covered_technologies=["T1"],
            stakeholders_briefed=True,
        )
    )
    assert [
        f for f in overseas_site_risks(ctx_of(ds)) if "transfer" in f.evidence.facts["kind"]
    ] == []


def test_uncontracted_core_flow_abroad() -> None:
    ds = base(reviewed=D(2024, 1, 1))
    ds.add(m.Person(id="X1", name="王", employer="P"))
    ds.add(m.Disclosure(id="D1", date=D(2025, 1, 1), assets=["A1"], sender="E1", recipient="X1"))
    f = kinds(overseas_site_risks(ctx_of(ds)))[("P", "transfer_uncontracted")]
    assert f.severity == Severity.high
    assert ("X1", "P", "EMPLOYED_BY") in f.evidence.edges


def test_public_material_is_not_a_core_transfer() -> None:
    ds = base(reviewed=D(2024, 1, 1))
    ds.add(m.Disclosure(id="D1", date=D(2025, 1, 1), assets=["A0"], sender="E1", recipient="P"))
    found = kinds(overseas_site_risks(ctx_of(ds)))
    assert ("P", "transfer_uncontracted") not in found
    assert found[("P", "flow_laws")].severity == Severity.medium  # nothing graded went there


# -------------------------------------------------------------- equipment


def equipment_ds(stage: str = "operation", **eq: Any) -> Dataset:
    ds = base(reviewed=D(2024, 1, 1))
    ds.add(m.Organisation(id="MK", name="三葉炉機", kind="equipment_maker", country="JP"))
    ds.add(m.Organisation(id="SVC", name="現地保守", kind="other", country="CN"))
    ds.add(m.Site(id="S1", name="蘇州工場", country="CN", stage=stage))
    fields: dict[str, Any] = {
        "id": "Q1",
        "name": "焼成炉",
        "site": "S1",
        "embodies": ["T1"],
        "owner": "SELF",
        "maker": "MK",
        "maintainer": "MK",
        "customised": True,
        "disposal_plan": True,
    }
    fields.update(eq)
    ds.add(m.Equipment(**fields))
    return ds


def test_well_managed_equipment_is_quiet() -> None:
    assert overseas_equipment(ctx_of(equipment_ds())) == []


def test_equipment_owned_by_the_partner() -> None:
    found = kinds(overseas_equipment(ctx_of(equipment_ds(owner="P"))))
    f = found[("Q1", "partner_owned")]
    assert f.severity == Severity.high
    assert ("Q1", "P", "OWNED_BY") in f.evidence.edges
    assert f.id == finding_id("overseas_equipment", ["Q1"], "partner_owned")


def test_equipment_without_disposal_plan_at_withdrawal_is_critical() -> None:
    found = kinds(overseas_equipment(ctx_of(equipment_ds("withdrawal", disposal_plan=None))))
    assert found[("Q1", "no_disposal_plan")].severity == Severity.critical


def test_ungraded_equipment_needs_no_disposal_plan() -> None:
    ds = equipment_ds(embodies=["T2"], owner="P", disposal_plan=False, customised=False)
    assert overseas_equipment(ctx_of(ds)) == []


def test_equipment_embodying_a_step_of_a_core_technology() -> None:
    ds = equipment_ds(embodies=["ST1"], disposal_plan=False)
    ds.add(m.ProcessStep(id="ST1", technology="T1", order=1, name="本焼成"))
    assert ("Q1", "no_disposal_plan") in kinds(overseas_equipment(ctx_of(ds)))


def test_customised_equipment_maintained_by_a_third_party() -> None:
    found = kinds(overseas_equipment(ctx_of(equipment_ds(maintainer="SVC"))))
    f = found[("Q1", "third_party_maintenance")]
    assert f.severity == Severity.high
    assert ("Q1", "SVC", "MAINTAINED_BY") in f.evidence.edges
    assert ("Q1", "MK", "MADE_BY") in f.evidence.edges


def test_in_house_maintenance_is_fine() -> None:
    assert overseas_equipment(ctx_of(equipment_ds(maintainer="SELF"))) == []


def test_domestic_equipment_is_out_of_scope() -> None:
    ds = equipment_ds(site="S9", owner="P", maintainer="SVC", disposal_plan=False)
    ds.add(m.Site(id="S9", name="四日市工場", country="JP"))
    assert overseas_equipment(ctx_of(ds)) == []


# ------------------------------------------------------------- withdrawal


def withdrawal_ds(stage: str = "withdrawal") -> Dataset:
    ds = base(reviewed=D(2024, 1, 1))
    ds.add(m.Organisation(id="JV", name="蘇州合弁", kind="other", country="CN"))
    ds.add(m.Site(id="S1", name="蘇州工場", country="CN", operator="JV", stage=stage))
    ds.add(m.InformationAsset(id="A2", name="社内報", secrecy="company_internal"))
    ds.add(m.Person(id="L1", name="王建国", employer="JV", site="S1"))
    ds.add(m.Person(id="L2", name="李静", employer="JV", site="S1"))
    ds.add(m.Person(id="L3", name="張偉", employer="JV"))  # operator staff, not on site
    ds.add(m.Person(id="E2", name="柴田浩", employer="SELF", site="S1"))
    ds.add(m.Access(person="L1", asset="A1", granted=D(2016, 4, 1)))
    ds.add(m.Access(person="L2", asset="A1", revoked=D(2026, 7, 31)))
    ds.add(m.Access(person="L2", asset="A2"))  # not graded
    ds.add(m.Access(person="L3", asset="A1"))
    ds.add(m.Access(person="E2", asset="A1"))
    return ds


def test_local_staff_keep_access_during_withdrawal() -> None:
    found = {tuple(f.subjects): f for f in withdrawal_access(ctx_of(withdrawal_ds()))}
    assert sorted(found) == [("S1", "E2"), ("S1", "L1"), ("S1", "L3")]
    assert found[("S1", "L1")].severity == Severity.critical
    assert ("L1", "A1", "CAN_ACCESS") in found[("S1", "L1")].evidence.edges
    assert found[("S1", "L3")].evidence.facts["via"] == "EMPLOYED_BY"
    assert ("S1", "JV", "OPERATED_BY") in found[("S1", "L3")].evidence.edges
    assert found[("S1", "E2")].severity == Severity.medium  # own staff running the exit
    assert found[("S1", "L1")].id == finding_id("withdrawal_access", ["S1", "L1"])


def test_revocation_after_as_of_still_counts() -> None:
    ds = withdrawal_ds()
    ds.add(m.Person(id="L4", name="趙", employer="JV", site="S1"))
    ds.add(m.Access(person="L4", asset="A1", revoked=D(2027, 1, 1)))
    subjects = {tuple(f.subjects) for f in withdrawal_access(ctx_of(ds))}
    assert ("S1", "L4") in subjects


def test_operating_site_is_not_flagged() -> None:
    assert withdrawal_access(ctx_of(withdrawal_ds("operation"))) == []


# ------------------------------------------------------ checklist narrowing


def test_overseas_findings_name_the_item_of_their_gap() -> None:
    ds = base()  # China not reviewed
    ds.add(m.Site(id="S1", name="蘇州工場", country="CN"))
    ds.add(m.Organisation(id="Q", name="新加坡顧問", kind="consultant", country="SG"))
    ds.add(
        m.Contract(id="C1", title="合弁契約", kind="jv", parties=["P"], covered_technologies=["T1"])
    )
    ds.add(m.Disclosure(id="D1", date=D(2025, 1, 1), assets=["A1"], sender="E1", recipient="Q"))
    by = {k: f.checklist for k, f in kinds(overseas_site_risks(ctx_of(ds))).items()}
    assert by == {
        ("S1", "laws"): ["O1"],
        ("Q", "flow_unreviewed"): ["O1"],
        ("C1", "transfer"): ["O3"],
        ("Q", "transfer_uncontracted"): ["O3"],
    }

    ds = equipment_ds("withdrawal", owner="P", disposal_plan=None, maintainer="SVC")
    by = {k: f.checklist for k, f in kinds(overseas_equipment(ctx_of(ds))).items()}
    assert by == {
        ("Q1", "partner_owned"): ["O9"],
        ("Q1", "no_disposal_plan"): ["O9"],
        ("Q1", "third_party_maintenance"): ["O7"],
    }


# ------------------------------------------------------------------ examples


def _examples() -> Any:
    return pytest.importorskip("examples.build_examples")


def _run(ds: Dataset, fn: Any) -> list[Finding]:
    ex = _examples()
    assert check_dataset(ds) == []
    result: list[Finding] = fn(Context(build_graph(ds), ex.TODAY))
    return result


def test_case_jv_withdrawal() -> None:
    ex = _examples()
    ds = ex.build_case("jv_withdrawal_equipment")
    wa = {tuple(f.subjects) for f in _run(ds, withdrawal_access)}
    assert ("SITE-CN-JV", "PER-0201") in wa and ("SITE-CN-JV", "PER-0202") in wa
    assert ("SITE-CN-JV", "PER-0203") not in wa  # revoked before today
    eq = kinds(_run(ds, overseas_equipment))
    assert eq[("EQ-KILN-CN", "partner_owned")].evidence.facts["owner"] == "ORG-JVP"
    assert ("EQ-KILN-CN", "no_disposal_plan") in eq
    sr = kinds(_run(ds, overseas_site_risks))
    assert ("SITE-CN-JV", "laws") in sr
    assert ("CTR-JV", "transfer") in sr


@pytest.mark.parametrize(
    ("case", "key"),
    [
        ("licensee_to_subsidiary", ("ORG-LIC-SUB", "flow_unreviewed")),
        ("licensee_to_subsidiary", ("ORG-LIC-SUB", "transfer_uncontracted")),
        ("contract_manufacturer_resubcontract", ("ORG-CM-SUB", "flow_laws")),
    ],
)
def test_cases_overseas_site_risks(case: str, key: tuple[str, str]) -> None:
    ex = _examples()
    assert key in kinds(_run(ex.build_case(case), overseas_site_risks))


def test_company_overseas_findings() -> None:
    ex = _examples()
    ds = ex.build_company()
    sr = _run(ds, overseas_site_risks)
    keys = kinds(sr)
    assert ("SITE-CN", "laws") in keys
    assert ("CTR-018", "transfer") in keys
    assert 5 <= len(sr) <= 60
    eq = kinds(_run(ds, overseas_equipment))
    assert ("EQ-KILN-CN", "partner_owned") in eq
    assert ("EQ-KILN-CN", "no_disposal_plan") in eq
    assert eq[("EQ-KILN-TH", "third_party_maintenance")].evidence.facts["maintainer"] == (
        "ORG-MNT-001"
    )
    assert len(eq) <= 20
    wa = _run(ds, withdrawal_access)
    assert {f.subjects[0] for f in wa} == {"SITE-CN"}
    assert 1 <= len(wa) <= 20
