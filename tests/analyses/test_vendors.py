"""Tests of the vendors family on tiny hand-built graphs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmap import model as m
from graphmap.analyses.base import Context, Finding, finding_id
from graphmap.analyses.vendors import (
    equipment_maker_restrictions,
    sole_source_direction,
    vendor_concentration,
)
from graphmap.dataset import Dataset, check_dataset
from graphmap.graph import build_graph

AS_OF = dt.date(2026, 11, 21)
D = dt.date


def base(grading: tuple[str, ...] = ("core",)) -> Dataset:
    """Our company with one graded technology of four steps and four
    non-public assets (A1: steps 1-2, A2: step 3, A3: step 4, A4: the
    technology as a whole), a public catalogue, and outside organisations."""
    ds = Dataset()
    ds.add(m.Organisation(id="SELF", name="自社", kind="self", country="JP"))
    ds.add(m.Organisation(id="VEN", name="部材商事", kind="supplier", country="JP"))
    ds.add(m.Organisation(id="MK", name="炉機製作所", kind="equipment_maker", country="JP"))
    ds.add(m.Technology(id="T1", name="焼成技術", grading=list(grading)))
    for i in range(1, 5):
        ds.add(m.ProcessStep(id=f"S{i}", technology="T1", order=i, name=f"工程{i}"))
    ds.add(m.InformationAsset(id="A1", name="配合表", steps=["S1", "S2"], secrecy="top_secret"))
    ds.add(m.InformationAsset(id="A2", name="焼成条件", steps=["S3"], secrecy="department_only"))
    ds.add(m.InformationAsset(id="A3", name="検査基準", steps=["S4"], secrecy="company_internal"))
    ds.add(
        m.InformationAsset(
            id="A4",
            name="開発サンプル",
            technologies=["T1"],
            secrecy="company_internal",
            form="sample",
        )
    )
    ds.add(
        m.InformationAsset(
            id="A0",
            name="カタログ",
            technologies=["T1"],
            steps=["S1", "S2", "S3"],
            secrecy="public",
        )
    )
    ds.add(m.Person(id="E1", name="山田太郎", employer="SELF"))
    ds.add(m.Person(id="V1", name="佐藤次郎", employer="VEN"))
    return ds


def disclosure(did: str, assets: list[str], **kw: Any) -> m.Disclosure:
    fields: dict[str, Any] = {
        "id": did,
        "date": D(2025, 6, 1),
        "assets": assets,
        "sender": "E1",
        "recipient": "VEN",
    }
    fields.update(kw)
    return m.Disclosure(**fields)


def run(fn: Any, ds: Dataset, **params: Any) -> list[Finding]:
    assert check_dataset(ds) == []
    kwargs = fn.meta.defaults()
    kwargs.update(params)
    return list(fn(Context(build_graph(ds), AS_OF), **kwargs))


# --------------------------------------------------------- vendor_concentration


def test_concentration_by_steps_counts_people_for_their_employer() -> None:
    ds = base()
    ds.add(disclosure("D1", ["A1"]))
    ds.add(disclosure("D2", ["A2"], recipient="V1"))
    [f] = run(vendor_concentration, ds)
    assert f.subjects == ["VEN", "T1"]
    assert f.id == finding_id("vendor_concentration", ["VEN", "T1"])
    assert f.severity == "high"  # core, 3/4 steps: above half, below the critical share
    assert f.evidence.facts["steps_held"] == ["S1", "S2", "S3"]
    assert f.evidence.facts["step_share"] == 0.75
    assert f.evidence.facts["disclosures"] == ["D1", "D2"]
    assert ("V1", "VEN", "EMPLOYED_BY") in f.evidence.edges
    assert "部材商事" in f.message_ja


def test_concentration_whole_process_is_critical() -> None:
    ds = base()
    ds.add(disclosure("D1", ["A1", "A2", "A3"]))
    [f] = run(vendor_concentration, ds)
    assert f.severity == "critical"
    assert f.evidence.facts["step_share"] == 1.0


def test_concentration_negative_half_or_public_or_unemployed_person() -> None:
    ds = base()
    ds.add(disclosure("D1", ["A1"]))  # 2 of 4 steps, 1 of 4 assets: not above half
    ds.add(disclosure("D2", ["A0"]))  # public catalogue counts for nothing
    ds.add(m.Person(id="X1", name="SNSの相手"))
    ds.add(disclosure("D3", ["A1", "A2", "A3"], recipient="X1"))  # not an organisation
    assert run(vendor_concentration, ds) == []


def test_concentration_by_asset_share_respects_min_assets() -> None:
    ds = base()
    ds.add(disclosure("D1", ["A4", "A3", "A2"]))  # steps 3-4 of 4; 3 of 4 assets
    [f] = run(vendor_concentration, ds)
    assert f.evidence.facts["asset_share"] == 0.75
    assert f.evidence.facts["step_share"] == 0.5
    assert run(vendor_concentration, ds, min_assets=5) == []


def test_concentration_customised_equipment_maker() -> None:
    ds = base()
    ds.add(
        m.Equipment(id="EQ1", name="専用焼成炉", customised=True, maker="MK", embodies=["T1", "S3"])
    )
    ds.add(
        m.Equipment(
            id="EQ2", name="汎用乾燥機", customised=False, maker="VEN", embodies=["S1", "S2", "S3"]
        )
    )
    ds.add(m.Equipment(id="EQ3", name="自社改造機", customised=True, maker="SELF", embodies=["S4"]))
    [f] = run(vendor_concentration, ds)
    assert f.subjects == ["MK", "T1"]
    assert f.severity == "high"
    assert f.evidence.facts["equipment"] == ["EQ1"]
    assert f.evidence.facts["steps_held"] == ["S3"]
    assert ("EQ1", "MK", "MADE_BY") in f.evidence.edges


def test_concentration_names_the_item_of_the_vendor() -> None:
    ds = base()
    ds.add(m.Organisation(id="CUS", name="電池商事", kind="customer", country="JP"))
    ds.add(disclosure("D1", ["A1", "A2"]))  # supplier: 3 of 4 steps
    ds.add(disclosure("D2", ["A1", "A2"], recipient="CUS"))  # customer: 3 of 4 steps
    ds.add(m.Equipment(id="EQ1", name="専用焼成炉", customised=True, maker="MK", embodies=["S3"]))
    by = {f.subjects[0]: f.checklist for f in run(vendor_concentration, ds)}
    assert by == {"VEN": ["S4"], "CUS": ["S5"], "MK": ["S6"]}


def test_concentration_severity_follows_grading() -> None:
    ds = base(grading=("econ_security",))
    ds.add(disclosure("D1", ["A1", "A2"]))
    [f] = run(vendor_concentration, ds)
    assert f.severity == "medium"
    ds = base(grading=("to_acquire",))
    ds.add(disclosure("D1", ["A1", "A2"]))
    [f] = run(vendor_concentration, ds)
    assert f.severity == "low"


@settings(max_examples=40, deadline=None)
@given(
    picks=st.lists(
        st.tuples(
            st.sampled_from(["A0", "A1", "A2", "A3", "A4"]), st.sampled_from(["VEN", "V1", "MK"])
        ),
        min_size=1,
        max_size=6,
    ),
    threshold=st.sampled_from([0.25, 0.5, 0.75]),
)
def test_property_raising_the_threshold_never_adds_findings(picks: Any, threshold: float) -> None:
    ds = base()
    for i, (asset, who) in enumerate(picks):
        ds.add(disclosure(f"D{i}", [asset], recipient=who))
    low = {f.id for f in run(vendor_concentration, ds, share_threshold=threshold)}
    high = {f.id for f in run(vendor_concentration, ds, share_threshold=threshold + 0.2)}
    assert high <= low


# ------------------------------------------------------- sole_source_direction


def test_sole_source_serving_competitors_is_critical() -> None:
    ds = base()
    ds.add(
        m.Organisation(
            id="SUP",
            name="北辰化学",
            kind="supplier",
            country="JP",
            sole_source=True,
            serves_competitors=True,
        )
    )
    ds.add(m.Person(id="P1", name="営業担当", employer="SUP"))
    ds.add(disclosure("D1", ["A1"], recipient="P1"))
    ds.add(disclosure("D2", ["A0"], recipient="SUP"))  # public: no direction given
    [f] = run(sole_source_direction, ds)
    assert f.subjects == ["SUP"]
    assert f.id == finding_id("sole_source_direction", ["SUP"])
    assert f.severity == "critical"
    assert f.evidence.facts["disclosures"] == ["D1"]
    assert f.evidence.facts["serves_competitors"] is True


def test_sole_source_not_serving_competitors_or_unknown_is_high() -> None:
    for flag in (False, None):
        ds = base()
        ds.add(
            m.Organisation(
                id="SUP",
                name="北辰化学",
                kind="supplier",
                sole_source=True,
                serves_competitors=flag,
            )
        )
        ds.add(disclosure("D1", ["A2"], recipient="SUP"))
        [f] = run(sole_source_direction, ds)
        assert f.severity == "high"
        assert f.evidence.facts["serves_competitors"] is flag


def test_sole_source_negative() -> None:
    ds = base()
    ds.add(
        m.Organisation(
            id="SUP", name="北辰化学", kind="supplier", sole_source=False, serves_competitors=True
        )
    )
    ds.add(m.Organisation(id="SUP2", name="南海化学", kind="supplier", sole_source=True))
    ds.add(disclosure("D1", ["A1"], recipient="SUP"))
    ds.add(disclosure("D2", ["A0"], recipient="SUP2"))
    assert run(sole_source_direction, ds) == []


# ------------------------------------------------ equipment_maker_restrictions


def kiln(**kw: Any) -> m.Equipment:
    fields: dict[str, Any] = {
        "id": "EQ1",
        "name": "専用焼成炉",
        "customised": True,
        "maker": "MK",
        "embodies": ["T1", "S3"],
        "spec_restored_for_repair": True,
    }
    fields.update(kw)
    return m.Equipment(**fields)


def maker_contract(**kw: Any) -> m.Contract:
    fields: dict[str, Any] = {
        "id": "CM",
        "title": "装置開発委託契約",
        "kind": "other",
        "parties": ["MK"],
        "start": D(2024, 1, 1),
        "confidentiality": True,
        "purpose_limitation": True,
    }
    fields.update(kw)
    return m.Contract(**fields)


def test_maker_without_any_contract() -> None:
    ds = base()
    ds.add(kiln())
    [f] = run(equipment_maker_restrictions, ds)
    assert f.subjects == ["EQ1", "MK"]
    assert f.id == finding_id("equipment_maker_restrictions", ["EQ1", "MK"], "purpose")
    assert f.severity == "high"
    assert f.evidence.facts["state"] == "missing"


def test_maker_contract_with_purpose_limitation_is_clean() -> None:
    ds = base()
    ds.add(kiln())
    ds.add(maker_contract())
    ds.add(
        m.InformationAsset(
            id="SP", name="炉の改造仕様", steps=["S3"], secrecy="top_secret", form="equipment_spec"
        )
    )
    ds.add(disclosure("D1", ["SP"], recipient="MK", contract="CM"))
    assert run(equipment_maker_restrictions, ds) == []


def test_maker_spec_flows_under_weak_or_unrecorded_contract() -> None:
    ds = base()
    ds.add(kiln())
    ds.add(maker_contract(purpose_limitation=None))
    ds.add(
        m.InformationAsset(
            id="SP", name="炉の改造仕様", steps=["S3"], secrecy="top_secret", form="equipment_spec"
        )
    )
    ds.add(disclosure("D1", ["SP"], recipient="MK", contract="CM"))
    ds.add(disclosure("D2", ["A3"], recipient="MK", contract="CM"))  # step 4: not this machine
    [f] = run(equipment_maker_restrictions, ds)
    assert f.severity == "medium"
    assert f.evidence.facts["state"] == "unrecorded"
    assert f.evidence.facts["spec_disclosures"] == ["D1"]
    ds = base()
    ds.add(kiln())
    ds.add(maker_contract())  # has purpose limitation, but D1 went without citing it
    ds.add(disclosure("D1", ["A2"], recipient="MK"))
    [f] = run(equipment_maker_restrictions, ds)
    assert f.evidence.facts["state"] == "missing"
    assert f.evidence.facts["spec_disclosures"] == ["D1"]


def test_maintenance_by_third_party_without_restoring_spec() -> None:
    ds = base()
    ds.add(m.Organisation(id="SRV", name="保守サービス", kind="other", country="TH"))
    ds.add(maker_contract())
    ds.add(kiln(maintainer="SRV", spec_restored_for_repair=False))
    [f] = run(equipment_maker_restrictions, ds)
    assert f.subjects == ["EQ1", "SRV"]
    assert f.id == finding_id("equipment_maker_restrictions", ["EQ1", "SRV"], "maintenance")
    assert f.severity == "high"
    assert ("EQ1", "SRV", "MAINTAINED_BY") in f.evidence.edges
    # unrecorded restoration is one step lower; restored is clean
    ds = base()
    ds.add(m.Organisation(id="SRV", name="保守サービス", kind="other", country="TH"))
    ds.add(maker_contract())
    ds.add(kiln(maintainer="SRV", spec_restored_for_repair=None))
    [f] = run(equipment_maker_restrictions, ds)
    assert f.severity == "medium"
    ds = base()
    ds.add(m.Organisation(id="SRV", name="保守サービス", kind="other", country="TH"))
    ds.add(maker_contract())
    ds.add(kiln(maintainer="SRV"))
    assert run(equipment_maker_restrictions, ds) == []


def test_maintenance_disclosure_is_attributed_to_the_machine_it_concerns() -> None:
    ds = base()
    ds.add(m.Organisation(id="SRV", name="修理工房", kind="other", country="JP"))
    ds.add(maker_contract())
    ds.add(kiln(spec_restored_for_repair=False))
    ds.add(kiln(id="EQ2", name="検査装置", embodies=["S4"], spec_restored_for_repair=False))
    ds.add(disclosure("D1", ["A2"], recipient="SRV", channel="maintenance"))
    [f] = run(equipment_maker_restrictions, ds)
    assert f.subjects == ["EQ1", "SRV"]
    assert f.evidence.facts["maintenance_disclosures"] == ["D1"]


def test_in_house_or_catalogue_equipment_is_ignored() -> None:
    ds = base()
    ds.add(kiln(maker="SELF", spec_restored_for_repair=False))
    ds.add(kiln(id="EQ2", customised=False, maintainer="VEN", spec_restored_for_repair=False))
    assert run(equipment_maker_restrictions, ds) == []


# ------------------------------------------------------------------ examples


def _examples() -> Any:
    return pytest.importorskip("examples.build_examples")


def _run_case(fn: Any, case: str) -> list[Finding]:
    ex = _examples()
    return run(fn, ex.build_case(case))


def test_case_sole_supplier_direction() -> None:
    [f] = _run_case(sole_source_direction, "sole_supplier_direction")
    assert f.subjects == ["ORG-SUP-NI"]
    assert f.severity == "critical"
    assert "ASSET-ROADMAP" in f.evidence.facts["assets"]
    subjects = [f.subjects for f in _run_case(vendor_concentration, "sole_supplier_direction")]
    assert ["ORG-SUP-NI", "TECH-CATHODE"] in subjects


def test_case_equipment_maker_design_data() -> None:
    conc = _run_case(vendor_concentration, "equipment_maker_design_data")
    [f] = [f for f in conc if f.subjects == ["ORG-EQ-MIT", "TECH-BTO"]]
    assert f.evidence.facts["equipment"] == ["EQ-AUTOCLAVE", "EQ-SEPARATOR"]
    assert f.severity == "critical"
    out = _run_case(equipment_maker_restrictions, "equipment_maker_design_data")
    got = {f.id for f in out}
    assert (
        finding_id("equipment_maker_restrictions", ["EQ-AUTOCLAVE", "ORG-EQ-MIT"], "purpose") in got
    )
    assert (
        finding_id("equipment_maker_restrictions", ["EQ-AUTOCLAVE", "ORG-EQ-MIT"], "maintenance")
        in got
    )


@pytest.mark.parametrize(
    "fn", [vendor_concentration, sole_source_direction, equipment_maker_restrictions]
)
def test_company_gives_a_sane_number_of_findings(fn: Any) -> None:
    ex = _examples()
    out = run(fn, ex.build_company())
    assert 1 <= len(out) <= 40
    assert len({f.id for f in out}) == len(out)


def test_company_expected_vendor_gaps() -> None:
    ex = _examples()
    ds = ex.build_company()
    conc = {tuple(f.subjects) for f in run(vendor_concentration, ds)}
    assert ("ORG-EQ-001", "TECH-CATHODE") in conc
    sole = [f.subjects for f in run(sole_source_direction, ds)]
    assert ["ORG-SUP-001"] in sole
    eq = {f.id for f in run(equipment_maker_restrictions, ds)}
    assert (
        finding_id("equipment_maker_restrictions", ["EQ-KILN-TH", "ORG-MNT-001"], "maintenance")
        in eq
    )
