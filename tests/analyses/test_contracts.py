"""Tests of the contracts family on tiny hand-built graphs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmap import model as m
from graphmap.analyses.base import SEVERITY_RANK, Context, Finding, finding_id
from graphmap.analyses.contracts import (
    CLAUSES,
    DEFAULT_REQUIRED_CLAUSES,
    clause_items,
    contract_clause_gaps,
)
from graphmap.dataset import Dataset, check_dataset
from graphmap.graph import build_graph

AS_OF = dt.date(2026, 11, 21)
D = dt.date

NDA_CLAUSES = {
    "confidentiality": True,
    "purpose_limitation": True,
    "no_third_party_disclosure": True,
    "return_or_destroy": True,
}


def base() -> Dataset:
    ds = Dataset()
    ds.add(m.Organisation(id="SELF", name="自社", kind="self", country="JP"))
    ds.add(m.Organisation(id="VEN", name="部材商事", kind="supplier", country="JP"))
    ds.add(m.Organisation(id="CNP", name="華東材料", kind="customer", country="CN"))
    ds.add(m.Organisation(id="MK", name="炉機製作所", kind="equipment_maker", country="JP"))
    ds.add(m.Technology(id="T1", name="焼成技術", grading=["core"]))
    ds.add(m.ProcessStep(id="S1", technology="T1", order=1, name="焼成"))
    ds.add(m.InformationAsset(id="A1", name="焼成条件", steps=["S1"], secrecy="top_secret"))
    ds.add(m.InformationAsset(id="A0", name="カタログ", technologies=["T1"], secrecy="public"))
    ds.add(
        m.InformationAsset(
            id="SM", name="試作品", technologies=["T1"], secrecy="public", form="sample"
        )
    )
    ds.add(m.Person(id="E1", name="山田太郎", employer="SELF"))
    return ds


def contract(cid: str = "C1", kind: str = "nda", party: str = "VEN", **kw: Any) -> m.Contract:
    fields: dict[str, Any] = {
        "id": cid,
        "title": f"契約{cid}",
        "kind": kind,
        "parties": [party],
        "start": D(2024, 1, 1),
        "governing_law": "japan",
    }
    fields.update(kw)
    return m.Contract(**fields)


def flow(did: str, contract_id: str, assets: list[str], recipient: str = "VEN") -> m.Disclosure:
    return m.Disclosure(
        id=did,
        date=D(2025, 6, 1),
        assets=assets,
        sender="E1",
        recipient=recipient,
        contract=contract_id,
    )


def run(ds: Dataset, **params: Any) -> list[Finding]:
    assert check_dataset(ds) == []
    kwargs = contract_clause_gaps.meta.defaults()
    kwargs.update(params)
    return list(contract_clause_gaps(Context(build_graph(ds), AS_OF), **kwargs))


def test_complete_domestic_nda_is_clean() -> None:
    ds = base()
    ds.add(contract(**NDA_CLAUSES))
    ds.add(flow("D1", "C1", ["A1"]))
    assert run(ds) == []


def test_nda_missing_confidentiality_with_core_flow_is_critical() -> None:
    ds = base()
    ds.add(contract(**{**NDA_CLAUSES, "confidentiality": False, "return_or_destroy": None}))
    ds.add(flow("D1", "C1", ["A1"]))
    [f] = run(ds)
    assert f.subjects == ["C1"]
    assert f.id == finding_id("contract_clause_gaps", ["C1"])
    assert f.severity == "critical"
    assert f.evidence.facts["missing"] == ["confidentiality"]
    assert f.evidence.facts["unrecorded"] == ["return_or_destroy"]
    assert f.evidence.facts["graded_disclosures"] == ["D1"]
    assert ("D1", "C1", "UNDER_CONTRACT") in f.evidence.edges
    assert "秘密保持義務が定められておらず" in f.message_ja


def test_severity_by_graded_flows_and_missing_vs_unrecorded() -> None:
    ds = base()
    # unrecorded only, nothing graded under it: low
    ds.add(contract("C1", **{**NDA_CLAUSES, "no_third_party_disclosure": None}))
    # missing, nothing graded (public catalogue only): medium
    ds.add(contract("C2", **{**NDA_CLAUSES, "return_or_destroy": False}))
    ds.add(flow("D2", "C2", ["A0"]))
    # unrecorded, graded flow: medium
    ds.add(contract("C3", **{**NDA_CLAUSES, "no_third_party_disclosure": None}))
    ds.add(flow("D3", "C3", ["A1"]))
    # missing (not confidentiality / purpose), graded flow: high
    ds.add(contract("C4", **{**NDA_CLAUSES, "return_or_destroy": False}))
    ds.add(flow("D4", "C4", ["A1"]))
    sev = {f.subjects[0]: f.severity for f in run(ds)}
    assert sev == {"C1": "low", "C2": "medium", "C3": "medium", "C4": "high"}


def test_joint_research_needs_more_clauses() -> None:
    ds = base()
    ds.add(contract(kind="joint_research", **NDA_CLAUSES))
    [f] = run(ds)
    assert f.evidence.facts["kind"] == "joint_research"
    assert set(f.evidence.facts["unrecorded"]) == {
        "named_participants",
        "scope_defined",
        "foreground_ip",
        "publication_approval",
        "audit_rights",
        "change_of_control",
        "non_compete",
    }
    assert f.evidence.facts["missing"] == []


def test_overseas_counterparty_needs_japanese_or_neutral_law() -> None:
    ds = base()
    clauses = {
        "confidentiality": True,
        "purpose_limitation": True,
        "subcontract_approval": True,
        "no_reverse_engineering": True,
    }
    ds.add(
        contract("C1", kind="basic_supply", party="CNP", **{**clauses, "governing_law": "partner"})
    )
    ds.add(
        contract(
            "C2", kind="basic_supply", party="CNP", **{**clauses, "governing_law": "unspecified"}
        )
    )
    ds.add(
        contract("C3", kind="basic_supply", party="CNP", **{**clauses, "governing_law": "neutral"})
    )
    ds.add(
        contract(
            "C4", kind="basic_supply", party="VEN", **{**clauses, "governing_law": "unspecified"}
        )
    )
    out = {f.subjects[0]: f for f in run(ds)}
    assert sorted(out) == ["C1", "C2"]
    assert out["C1"].evidence.facts["missing"] == ["governing_law"]
    assert out["C1"].evidence.facts["overseas_parties"] == ["CNP"]
    assert out["C2"].evidence.facts["missing"] == ["governing_law"]
    assert "日本法または第三国法" in out["C1"].message_ja


def test_context_clauses_samples_and_equipment_maker() -> None:
    ds = base()
    ds.add(contract("C1", **NDA_CLAUSES))
    ds.add(flow("D1", "C1", ["SM"]))  # a sample went out under it
    ds.add(
        contract(
            "C2",
            kind="other",
            party="MK",
            confidentiality=True,
            purpose_limitation=True,
            no_third_party_disclosure=True,
            foreground_ip=False,
        )
    )
    out = {f.subjects[0]: f for f in run(ds)}
    assert out["C1"].evidence.facts["unrecorded"] == ["no_reverse_engineering"]
    assert out["C1"].evidence.facts["situations"] == ["samples"]
    assert out["C2"].evidence.facts["missing"] == ["foreground_ip"]
    assert run(ds, context_clauses={}) == []


def test_required_clauses_parameter() -> None:
    ds = base()
    ds.add(contract(confidentiality=True))
    assert [f.subjects for f in run(ds)] == [["C1"]]
    assert run(ds, required_clauses={"nda": ["confidentiality"]}) == []
    with pytest.raises(ValueError, match="no_such_clause"):
        run(ds, required_clauses={"nda": ["no_such_clause"]})


def test_default_table_names_only_known_clauses() -> None:
    named = {c for cs in DEFAULT_REQUIRED_CLAUSES.values() for c in cs}
    assert named <= set(CLAUSES)
    assert set(DEFAULT_REQUIRED_CLAUSES) <= {k.value for k in m.ContractKind}


_VALUES = st.sampled_from([True, False, None])


@settings(max_examples=50, deadline=None)
@given(
    values=st.fixed_dictionaries(
        {c: _VALUES for c in DEFAULT_REQUIRED_CLAUSES["joint_research"] if c != "governing_law"}
    ),
    clause=st.sampled_from(
        [c for c in DEFAULT_REQUIRED_CLAUSES["joint_research"] if c != "governing_law"]
    ),
    graded=st.booleans(),
)
def test_property_adding_a_clause_never_makes_it_worse(
    values: Any, clause: str, graded: bool
) -> None:
    def severity(vals: dict[str, Any]) -> int:
        ds = base()
        ds.add(contract(kind="joint_research", **vals))
        if graded:
            ds.add(flow("D1", "C1", ["A1"]))
        out = run(ds)
        return SEVERITY_RANK[out[0].severity] if out else 0

    before = severity(values)
    after = severity({**values, clause: True})
    assert after <= before


# ------------------------------------------------------------------ examples


def _examples() -> Any:
    return pytest.importorskip("examples.build_examples")


@pytest.mark.parametrize(
    ("case", "contract_id", "missing"),
    [
        ("sole_supplier_direction", "CTR-SUP-NI", ["purpose_limitation"]),
        (
            "equipment_maker_design_data",
            "CTR-EQ-DEV",
            ["purpose_limitation", "no_third_party_disclosure", "foreground_ip"],
        ),
        ("overseas_sample_overdue", "CTR-NDA-PROS", ["no_reverse_engineering"]),
        ("contract_manufacturer_resubcontract", "CTR-MFG", ["audit_rights"]),
        (
            "licensee_to_subsidiary",
            "CTR-LIC",
            ["no_third_party_disclosure", "subcontract_approval", "audit_rights"],
        ),
        ("jv_withdrawal_equipment", "CTR-JV", ["return_or_destroy"]),
        ("jr_partner_employee_copy", "CTR-JR", ["non_compete", "audit_rights"]),
        ("samples_kept_after_end", "CTR-JR", ["publication_approval"]),
    ],
)
def test_cases_flag_the_expected_contract(case: str, contract_id: str, missing: list[str]) -> None:
    ex = _examples()
    out = {f.subjects[0]: f for f in run(ex.build_case(case))}
    assert contract_id in out
    assert set(missing) <= set(out[contract_id].evidence.facts["missing"])
    assert SEVERITY_RANK[out[contract_id].severity] >= SEVERITY_RANK["high"]


def test_company_gives_a_sane_number_of_findings() -> None:
    ex = _examples()
    ds = ex.build_company()
    out = run(ds)
    n_contracts = len(ds.of(m.Contract))
    assert 1 <= len(out) <= n_contracts
    got = {f.subjects[0]: f for f in out}
    assert {"no_third_party_disclosure", "audit_rights"} <= set(
        got["CTR-017"].evidence.facts["missing"]
    )
    assert "return_or_destroy" in got["CTR-018"].evidence.facts["missing"]


# ------------------------------------------------------ checklist narrowing


def test_clause_items_mapping() -> None:
    assert clause_items("confidentiality", "nda", []) == ["S3"]
    assert clause_items("no_third_party_disclosure", "licence", []) == ["S3"]
    assert clause_items("return_or_destroy", "jv", ["overseas"]) == ["O5"]
    assert clause_items("subcontract_approval", "licence", ["overseas"]) == ["S3", "O4"]
    assert clause_items("scope_defined", "jv", ["overseas"]) == ["O4"]
    assert clause_items("scope_defined", "manufacturing", []) == ["S3"]  # domestic: handling
    assert clause_items("named_participants", "joint_research", []) == ["J5"]
    assert clause_items("foreground_ip", "joint_research", ["overseas"]) == ["J6"]
    assert clause_items("purpose_limitation", "other", ["equipment_maker"]) == ["S3", "S6"]
    assert clause_items("no_reverse_engineering", "nda", ["samples"]) == ["S5"]
    assert clause_items("change_of_control", "jv", ["overseas"]) == ["S3"]  # no item of its own


def test_findings_name_the_items_of_their_clauses() -> None:
    ds = base()
    # an NDA lacking only the return-or-destroy duty concerns O5 alone
    ds.add(contract("C1", **{**NDA_CLAUSES, "return_or_destroy": False}))
    # a joint-research contract without named participants or defined scope
    ds.add(m.Organisation(id="UNI", name="北大学", kind="university", country="JP"))
    jr = {c: True for c in DEFAULT_REQUIRED_CLAUSES["joint_research"] if c != "governing_law"}
    jr.update(named_participants=False, scope_defined=None)
    ds.add(contract("C2", kind="joint_research", party="UNI", **jr))
    # a licence abroad without a subcontracting clause
    lic = {c: True for c in DEFAULT_REQUIRED_CLAUSES["licence"]}
    ds.add(contract("C3", kind="licence", party="CNP", **{**lic, "subcontract_approval": False}))
    # an equipment maker's contract without foreground IP
    ds.add(contract("C4", kind="maintenance", party="MK", confidentiality=True))
    by = {f.subjects[0]: f.checklist for f in run(ds)}
    assert by == {"C1": ["O5"], "C2": ["J5", "J6"], "C3": ["S3", "O4"], "C4": ["S3", "S6"]}
    found = {f.subjects[0]: f for f in run(ds)}
    assert found["C4"].evidence.facts["clause_items"] == {
        "purpose_limitation": ["S3", "S6"],
        "foreground_ip": ["S6"],
    }
