"""Tests of the ownership family on tiny hand-built graphs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmap import model as m
from graphmap.analyses.base import Context, Finding, Severity, finding_id
from graphmap.analyses.ownership import (
    counterparties,
    dd_item,
    foreign_government_influence,
    ownership_view,
    partner_due_diligence,
)
from graphmap.dataset import Dataset, check_dataset
from graphmap.graph import build_graph
from tests.analyses.helpers import ctx_of

D = dt.date


def base() -> Dataset:
    """Our company, a core technology with a secret asset, a foreign
    government, a partner in Singapore that received the asset under a
    contract, and a holding company between them."""
    ds = Dataset()
    ds.add(m.Organisation(id="SELF", name="自社", kind="self", country="JP"))
    ds.add(m.Organisation(id="GOV", name="X国政府", kind="government", country="CN"))
    ds.add(m.Organisation(id="HOLD", name="持株会社", kind="other", country="SG"))
    ds.add(m.Organisation(id="P", name="提携先", kind="licensee", country="SG"))
    ds.add(m.Technology(id="T1", name="焼成技術", grading=["core"]))
    ds.add(
        m.InformationAsset(id="A1", name="焼成条件表", technologies=["T1"], secrecy="top_secret")
    )
    ds.add(m.Person(id="E1", name="山田太郎", employer="SELF"))
    ds.add(m.Contract(id="C1", title="ライセンス契約", kind="licence", parties=["P"]))
    ds.add(
        m.Disclosure(
            id="D1", date=D(2025, 6, 1), assets=["A1"], sender="E1", recipient="P", contract="C1"
        )
    )
    return ds



def by_kind(findings: list[Finding], subject: str) -> dict[str, Finding]:
    return {f.evidence.facts["kind"]: f for f in findings if f.subjects == [subject]}


def own(owner: str, owned: str, votes: float | None = None, **kw: Any) -> m.Ownership:
    return m.Ownership(owner=owner, owned=owned, votes_pct=votes, **kw)


# ------------------------------------------------------------ shareholdings


def test_control_through_a_two_level_chain() -> None:
    ds = base()
    ds.add(own("GOV", "HOLD", 80))
    ds.add(own("HOLD", "P", 70))
    ctx = ctx_of(ds)
    view = ownership_view(ctx, "P")
    assert view.votes == pytest.approx(56.0)
    found = by_kind(foreign_government_influence(ctx), "P")
    f = found["control"]
    assert f.severity == Severity.critical  # P received graded information
    assert f.id == finding_id("foreign_government_influence", ["P"], "control")
    assert ("GOV", "HOLD", "OWNS") in f.evidence.edges
    assert ("HOLD", "P", "OWNS") in f.evidence.edges
    assert f.evidence.facts["holders"] == ["GOV"]
    assert "X国政府" in f.message_ja and "提携先" in f.message_en


def test_diluted_chain_is_a_minority_not_control() -> None:
    ds = base()
    ds.add(own("GOV", "HOLD", 80))
    ds.add(own("HOLD", "P", 40))
    found = by_kind(foreign_government_influence(ctx_of(ds)), "P")
    assert "control" not in found
    assert found["minority"].severity == Severity.medium
    assert found["minority"].evidence.facts["votes_pct"] == pytest.approx(32.0)


def test_capital_counts_when_votes_are_missing() -> None:
    ds = base()
    ds.add(m.Ownership(owner="GOV", owned="P", capital_pct=55))
    found = by_kind(foreign_government_influence(ctx_of(ds)), "P")
    assert found["control"].evidence.facts["capital_pct"] == pytest.approx(55.0)


def test_threshold_is_a_parameter() -> None:
    ds = base()
    ds.add(own("GOV", "P", 40))
    ctx = ctx_of(ds)
    assert "control" not in by_kind(foreign_government_influence(ctx), "P")
    assert "control" in by_kind(foreign_government_influence(ctx, votes_threshold=40), "P")


def test_home_government_is_not_foreign() -> None:
    ds = base()
    ds.add(m.Organisation(id="JGOV", name="日本政府", kind="government", country="JP"))
    ds.add(own("JGOV", "P", 100))
    assert foreign_government_influence(ctx_of(ds)) == []


def test_person_with_foreign_obligation_counts_as_holder() -> None:
    ds = base()
    ds.add(m.Person(id="X1", name="王某", foreign_gov_obligation=True))
    ds.add(own("X1", "P", 60))
    f = by_kind(foreign_government_influence(ctx_of(ds)), "P")["control"]
    assert f.evidence.facts["holders"] == ["X1"]


def test_organisation_in_intelligence_law_country_counts_as_holder() -> None:
    ds = base()
    ds.add(m.Country(id="CN", intelligence_cooperation_law="yes"))
    ds.add(m.Organisation(id="CNCO", name="華北集団", kind="other", country="CN"))
    ds.add(own("CNCO", "P", 51))
    found = by_kind(foreign_government_influence(ctx_of(ds)), "P")
    assert found["control"].evidence.facts["holders"] == ["CNCO"]


def test_organisation_that_receives_nothing_is_not_examined() -> None:
    ds = base()
    ds.add(m.Organisation(id="Q", name="無関係", kind="other", country="SG"))
    ds.add(own("GOV", "Q", 100))
    assert [f for f in foreign_government_influence(ctx_of(ds)) if "Q" in f.subjects] == []


def test_cross_holdings_terminate_and_respect_depth() -> None:
    ds = base()
    ds.add(m.Organisation(id="B", name="相互保有先", kind="other", country="SG"))
    ds.add(own("GOV", "P", 30))
    ds.add(own("P", "B", 50))
    ds.add(own("B", "P", 40))
    ctx = ctx_of(ds)
    # the chain GOV->P->B->P adds 30 * 0.5 * 0.4 = 6 % per loop
    assert ownership_view(ctx, "P", max_depth=1).votes == pytest.approx(30.0)
    assert ownership_view(ctx, "P", max_depth=3).votes == pytest.approx(36.0)
    deep = ownership_view(ctx, "P", max_depth=40).votes
    assert deep == pytest.approx(37.5, abs=1e-6)  # 30 / (1 - 0.2)
    found = by_kind(foreign_government_influence(ctx), "P")
    assert "control" not in found and "minority" in found


def test_golden_share_up_the_chain() -> None:
    ds = base()
    ds.add(own("GOV", "HOLD", None, golden_share=True))
    ds.add(own("HOLD", "P", 30))
    found = by_kind(foreign_government_influence(ctx_of(ds)), "P")
    f = found["golden_share"]
    assert f.severity == Severity.critical
    assert ("GOV", "HOLD", "OWNS") in f.evidence.edges
    assert ("HOLD", "P", "OWNS") in f.evidence.edges
    assert "minority" not in found  # the golden share's unknown % is not reported twice


def test_golden_share_of_a_private_owner_is_ignored() -> None:
    ds = base()
    ds.add(own("HOLD", "P", 30, golden_share=True))
    assert foreign_government_influence(ctx_of(ds)) == []


# ---------------------------------------------------------------- directors


def directors(ds: Dataset, n: int, nominated: dict[int, str]) -> None:
    for i in range(n):
        ds.add(m.Person(id=f"DIR{i}", name=f"取締役{i}"))
        ds.add(
            m.Directorship(
                person=f"DIR{i}",
                organisation="P",
                nominated_by=nominated.get(i),
                representative=i == 0,
            )
        )


def test_third_of_directors_nominated_by_a_government() -> None:
    ds = base()
    directors(ds, 3, {1: "GOV"})
    f = by_kind(foreign_government_influence(ctx_of(ds)), "P")["directors"]
    assert f.evidence.facts["linked"] == ["DIR1"]
    assert f.evidence.facts["nominators"] == ["GOV"]
    assert ("DIR1", "P", "DIRECTOR_OF") in f.evidence.edges


def test_quarter_of_directors_is_below_the_threshold() -> None:
    ds = base()
    directors(ds, 4, {1: "GOV"})
    assert "directors" not in by_kind(foreign_government_influence(ctx_of(ds)), "P")


def test_representative_director_nominated_by_a_controlled_organisation() -> None:
    ds = base()
    ds.add(own("GOV", "HOLD", 75))
    directors(ds, 4, {0: "HOLD"})  # 1 of 4 directors, but the only representative
    f = by_kind(foreign_government_influence(ctx_of(ds)), "P")["directors"]
    assert f.evidence.facts["representative_ratio"] == 1.0
    assert f.evidence.facts["nominators"] == ["HOLD"]


# ------------------------------------------------------------------ listing


def test_sanctioned_owner_up_the_chain() -> None:
    ds = base()
    ds.add(m.Organisation(id="BAD", name="制裁企業", kind="other", country="SG", sanctioned=True))
    ds.add(own("BAD", "HOLD", 20))
    ds.add(own("HOLD", "P", 50))
    ctx = ctx_of(ds)
    f = by_kind(foreign_government_influence(ctx), "P")["listed"]
    assert f.evidence.facts["listed"] == ["BAD"]
    assert f.evidence.facts["stakes"]["BAD"] == pytest.approx(10.0)
    assert ("BAD", "HOLD", "OWNS") in f.evidence.edges
    # a minimum stake along the chain filters it out
    assert "listed" not in by_kind(foreign_government_influence(ctx, listed_owner_min_pct=15), "P")


def test_listed_organisation_itself_is_critical() -> None:
    ds = base()
    ds.add(
        m.Organisation(id="Q", name="掲載企業", kind="customer", country="SG", end_user_listed=True)
    )
    ds.add(m.Contract(id="C2", title="売買契約", kind="basic_supply", parties=["Q"]))
    f = by_kind(foreign_government_influence(ctx_of(ds)), "Q")["listed"]
    assert f.severity == Severity.critical


def test_foreign_government_as_recipient() -> None:
    ds = base()
    ds.add(m.Disclosure(id="D2", date=D(2025, 7, 1), assets=["A1"], sender="E1", recipient="GOV"))
    f = by_kind(foreign_government_influence(ctx_of(ds)), "GOV")["government_counterparty"]
    assert f.severity == Severity.critical


def test_ids_do_not_depend_on_input_order() -> None:
    records = [own("GOV", "HOLD", 80), own("HOLD", "P", 70)]
    ids = []
    for order in (records, list(reversed(records))):
        ds = base()
        for r in order:
            ds.add(r)
        ids.append(sorted(f.id for f in foreign_government_influence(ctx_of(ds))))
    assert ids[0] == ids[1] and ids[0]


# ------------------------------------------------------ properties (shares)

N_ORGS = 5
_pairs = [(i, j) for i in range(N_ORGS) for j in range(N_ORGS) if i != j]


def _ownership_ds(stakes: dict[tuple[int, int], float], gov: dict[int, float]) -> Dataset:
    ds = Dataset()
    ds.add(m.Organisation(id="GOV", name="X国政府", kind="government", country="CN"))
    for i in range(N_ORGS):
        ds.add(m.Organisation(id=f"O{i}", name=f"会社{i}", kind="other", country="SG"))
    for (i, j), pct in sorted(stakes.items()):
        ds.add(own(f"O{i}", f"O{j}", pct))
    for j, pct in sorted(gov.items()):
        ds.add(own("GOV", f"O{j}", pct))
    return ds


stakes_st = st.dictionaries(
    st.sampled_from(_pairs), st.floats(min_value=0, max_value=100), max_size=12
)
gov_st = st.dictionaries(
    st.integers(min_value=0, max_value=N_ORGS - 1), st.floats(min_value=0, max_value=100)
)


@settings(max_examples=50, deadline=None)
@given(stakes=stakes_st, gov=gov_st, depth=st.integers(min_value=1, max_value=8))
def test_share_stays_within_bounds_with_cycles(
    stakes: dict[tuple[int, int], float], gov: dict[int, float], depth: int
) -> None:
    ctx = ctx_of(_ownership_ds(stakes, gov))
    for i in range(N_ORGS):
        view = ownership_view(ctx, f"O{i}", max_depth=depth)
        assert 0.0 <= view.votes <= 100.0
        assert 0.0 <= view.capital <= 100.0


@settings(max_examples=50, deadline=None)
@given(
    stakes=stakes_st,
    gov=gov_st,
    target=st.integers(min_value=0, max_value=N_ORGS - 1),
    pct=st.floats(min_value=0, max_value=100),
    extra=st.sampled_from(_pairs),
    extra_pct=st.floats(min_value=0, max_value=100),
)
def test_adding_a_government_stake_never_lowers_the_share(
    stakes: dict[tuple[int, int], float],
    gov: dict[int, float],
    target: int,
    pct: float,
    extra: tuple[int, int],
    extra_pct: float,
) -> None:
    before = ctx_of(_ownership_ds(stakes, gov))
    # a new government stake (or a larger one where one exists)
    more_gov = dict(gov)
    more_gov[target] = max(gov.get(target, 0.0), pct)
    after = ctx_of(_ownership_ds(stakes, more_gov))
    # and, independently, an extra private stake linking two companies
    more_links = dict(stakes)
    more_links.setdefault(extra, extra_pct)
    linked = ctx_of(_ownership_ds(more_links, gov))
    for i in range(N_ORGS):
        org = f"O{i}"
        base_share = ownership_view(before, org).votes
        assert ownership_view(after, org).votes >= base_share - 1e-9
        assert ownership_view(linked, org).votes >= base_share - 1e-9


# ------------------------------------------------------------ due diligence


def dd(
    did: str, subject: str, date: dt.date, scope: str = "organisation", **kw: Any
) -> m.DueDiligence:
    return m.DueDiligence(id=did, subject=subject, scope=scope, date=date, **kw)


def dd_findings(ds: Dataset, **kw: Any) -> dict[tuple[str, str], Finding]:
    return {
        (f.subjects[0], f.evidence.facts["gap"]): f for f in partner_due_diligence(ctx_of(ds), **kw)
    }


def test_partner_receiving_graded_information_without_dd() -> None:
    found = dd_findings(base())
    f = found[("P", "missing")]
    assert f.severity == Severity.high
    assert f.id == finding_id("partner_due_diligence", ["P"], "organisation:missing")
    assert ("D1", "P", "DISCLOSED_TO") in f.evidence.edges
    assert "提携先" in f.message_ja


def test_recent_cleared_dd_is_enough() -> None:
    ds = base()
    ds.add(dd("DD1", "P", D(2025, 1, 1)))
    assert dd_findings(ds) == {}


@pytest.mark.parametrize(
    ("date", "outcome", "gap", "severity"),
    [
        (D(2020, 1, 1), "cleared", "stale", Severity.medium),
        (D(2026, 1, 1), "rejected", "rejected", Severity.critical),
        (D(2026, 1, 1), "pending", "pending", Severity.high),
        (D(2027, 1, 1), "cleared", "missing", Severity.high),  # after as-of: not done yet
    ],
)
def test_dd_gaps(date: dt.date, outcome: str, gap: str, severity: Severity) -> None:
    ds = base()
    ds.add(dd("DD1", "P", date, outcome=outcome))
    found = dd_findings(ds)
    assert list(found) == [("P", gap)]
    assert found[("P", gap)].severity == severity


def test_max_age_is_a_parameter() -> None:
    ds = base()
    ds.add(dd("DD1", "P", D(2025, 1, 1)))
    assert ("P", "stale") in dd_findings(ds, max_age_days=100)


def test_partner_without_graded_flow_is_lower() -> None:
    ds = base()
    ds.add(dd("DD1", "P", D(2025, 1, 1)))
    ds.add(m.Organisation(id="Q", name="清掃業者", kind="other", country="JP"))
    ds.add(m.Contract(id="C2", title="清掃委託", kind="other", parties=["Q"]))
    found = dd_findings(ds)
    assert list(found) == [("Q", "missing")]
    assert found[("Q", "missing")].severity == Severity.medium


def test_country_dd_does_not_count_for_the_organisation() -> None:
    ds = base()
    ds.add(dd("DD1", "SG", D(2025, 1, 1), scope="country"))
    assert ("P", "missing") in dd_findings(ds)


def project_ds() -> Dataset:
    ds = base()
    ds.add(dd("DD1", "P", D(2025, 1, 1)))
    ds.add(m.Person(id="X1", name="Tan", employer="P"))
    ds.add(
        m.Project(
            id="R1", name="共同研究", partners=["P"], themes=["T1"], participants=["E1", "X1"]
        )
    )
    return ds


def test_outside_participant_without_individual_dd() -> None:
    found = dd_findings(project_ds())
    assert list(found) == [("X1", "missing")]
    f = found[("X1", "missing")]
    assert f.severity == Severity.high  # the project's theme is graded
    assert f.id == finding_id("partner_due_diligence", ["X1"], "individual:missing")
    assert ("X1", "R1", "PARTICIPATES_IN") in f.evidence.edges


def test_outside_participant_with_individual_dd() -> None:
    ds = project_ds()
    ds.add(dd("DD2", "X1", D(2025, 3, 1), scope="individual"))
    assert dd_findings(ds) == {}


def test_partner_person_with_foreign_obligation() -> None:
    ds = project_ds()
    ds.add(dd("DD2", "X1", D(2025, 3, 1), scope="individual"))
    ds.add(m.Person(id="X2", name="Lee", employer="P", foreign_gov_obligation=True))
    found = dd_findings(ds)
    assert list(found) == [("X2", "foreign_obligation")]
    assert found[("X2", "foreign_obligation")].severity == Severity.medium
    ds.add(m.Access(person="X2", asset="A1"))
    assert dd_findings(ds)[("X2", "foreign_obligation")].severity == Severity.high


# ------------------------------------------------------ checklist narrowing


def route_ds() -> Dataset:
    """Counterparties of every route around the licensee P of base()."""
    ds = base()
    for oid, kind, country in [
        ("SUP", "supplier", "JP"),
        ("CUS", "customer", "US"),
        ("CM", "contract_manufacturer", "VN"),
        ("SUB", "other", "VN"),
        ("SVC", "external_service", "US"),
        ("MNT", "other", "TH"),
        ("UNI", "university", "JP"),
        ("RP", "other", "DE"),
    ]:
        ds.add(m.Organisation(id=oid, name=f"相手先{oid}", kind=kind, country=country))
    ds.add(m.Person(id="PX", name="Nguyen", employer="P"))
    ds.add(m.Contract(id="C2", title="基本契約", kind="basic_supply", parties=["SUP", "CUS"]))
    ds.add(m.Contract(id="C3", title="製造委託", kind="manufacturing", parties=["CM"]))
    ds.add(m.Contract(id="C4", title="AI利用規約", kind="other", parties=["SVC"]))
    ds.add(m.Contract(id="C5", title="保守契約", kind="maintenance", parties=["MNT"]))
    ds.add(m.Contract(id="C6", title="共同研究", kind="joint_research", parties=["UNI"]))
    ds.add(
        m.Disclosure(
            id="D2", date=D(2025, 7, 1), assets=["A1"], sender="PX", recipient="SUB", onward_of="D1"
        )
    )
    ds.add(m.Site(id="SITE-TH", name="タイ工場", country="TH"))
    ds.add(m.Equipment(id="EQ", name="焼成炉", site="SITE-TH", maintainer="MNT"))
    ds.add(m.Project(id="R1", name="共同研究", partners=["RP"], themes=["T1"]))
    return ds


def test_dd_item_follows_the_route_of_the_relationship() -> None:
    ctx = ctx_of(route_ds())
    cps = counterparties(ctx)
    routes = {org: dd_item(ctx, org, cps.get(org)) for org in sorted(cps)}
    assert routes == {
        "CM": "O2",  # party abroad to a manufacturing contract: production transfer
        "CUS": "S1",  # a customer, even abroad
        "MNT": "O2",  # maintains equipment at our site abroad: a local entity
        "P": "O2",  # licensee
        "RP": "J3",  # joint-research partner
        "SUB": "O2",  # received the licensee's information abroad
        "SUP": "S1",
        "SVC": "S1",  # a service abroad, no production transfer
        "UNI": "J3",
    }


def test_due_diligence_findings_name_the_route_item() -> None:
    ds = route_ds()
    ds.add(m.Person(id="X1", name="Tan", employer="RP"))
    ds.add(m.Person(id="X2", name="Lee", employer="RP", foreign_gov_obligation=True))
    ds.add(m.Person(id="X3", name="Ho", employer="SUP", foreign_gov_obligation=True))
    ds.add(
        m.Project(id="R2", name="共同研究2", partners=["UNI"], themes=["T1"], participants=["X1"])
    )
    found = dd_findings(ds)
    assert found[("P", "missing")].checklist == ["O2"]
    assert found[("SUP", "missing")].checklist == ["S1"]
    assert found[("RP", "missing")].checklist == ["J3"]
    assert found[("X1", "missing")].checklist == ["J4"]  # a participant, individually
    assert found[("X2", "foreign_obligation")].checklist == ["J4"]  # research partner's staff
    assert found[("X3", "foreign_obligation")].checklist == ["S1"]  # the supplier's set-up


def test_influence_findings_name_j3_and_the_route_item() -> None:
    ds = route_ds()
    ds.add(m.Country(id="CN", intelligence_cooperation_law="yes"))
    ds.add(m.Organisation(id="CNCO", name="華北集団", kind="other", country="CN"))
    ds.add(own("GOV", "P", 60))
    ds.add(own("GOV", "SUP", 60))
    ds.add(own("CNCO", "RP", 60))  # a country-level fact: the holder's country law
    ds.add(own("GOV", "UNI", 60))
    by = {f.subjects[0]: f.checklist for f in foreign_government_influence(ctx_of(ds))}
    assert by == {"P": ["O2", "J3"], "SUP": ["S1", "J3"], "RP": ["J2", "J3"], "UNI": ["J3"]}


# ------------------------------------------------------------------ examples


def _examples() -> Any:
    return pytest.importorskip("examples.build_examples")


def _run(ds: Dataset, fn: Any) -> list[Finding]:
    ex = _examples()
    assert check_dataset(ds) == []
    result: list[Finding] = fn(Context(build_graph(ds), ex.TODAY))
    return result


@pytest.mark.parametrize(
    ("case", "subject", "gap"),
    [
        ("sole_supplier_direction", "ORG-SUP-NI", "stale"),
        ("equipment_maker_design_data", "ORG-EQ-MIT", "missing"),
        ("overseas_sample_overdue", "ORG-PROS", "missing"),
        ("contract_manufacturer_resubcontract", "ORG-CM-SUB", "missing"),
        ("licensee_to_subsidiary", "ORG-LIC-SUB", "missing"),
        ("exhibition_drawings", "ORG-TRADER", "missing"),
        ("jr_partner_employee_copy", "PER-0201", "missing"),
        ("subcontracted_lab_students", "ORG-LAB", "missing"),
        ("subcontracted_lab_students", "PER-0301", "foreign_obligation"),
        ("prototype_photographed_precontract", "ORG-PROS", "missing"),
    ],
)
def test_cases_partner_due_diligence(case: str, subject: str, gap: str) -> None:
    ex = _examples()
    found = _run(ex.build_case(case), partner_due_diligence)
    assert (subject, gap) in {(f.subjects[0], f.evidence.facts["gap"]) for f in found}


def test_case_jv_partner_controls_the_jv() -> None:
    ex = _examples()
    found = _run(ex.build_case("jv_withdrawal_equipment"), foreign_government_influence)
    kinds = {(f.subjects[0], f.evidence.facts["kind"]) for f in found}
    assert ("ORG-JV", "control") in kinds


def test_company_ownership_findings() -> None:
    ex = _examples()
    ds = ex.build_company()
    fgi = _run(ds, foreign_government_influence)
    kinds = {(f.subjects[0], f.evidence.facts["kind"]) for f in fgi}
    assert ("ORG-JVP-CN", "control") in kinds
    assert ("ORG-JVP-CN", "directors") in kinds
    assert ("ORG-CM-002", "golden_share") in kinds
    control = next(
        f for f in fgi if f.subjects == ["ORG-JVP-CN"] and f.evidence.facts["kind"] == "control"
    )
    assert control.evidence.facts["votes_pct"] == pytest.approx(68.0)
    assert 3 <= len(fgi) <= 20
    pdd = _run(ds, partner_due_diligence)
    gaps = {(f.subjects[0], f.evidence.facts["gap"]) for f in pdd}
    for org in ("ORG-SUP-001", "ORG-JVP-CN", "ORG-EQ-001", "ORG-LIC-001"):
        assert (org, "stale") in gaps
    for org in (
        "ORG-LAB-001",
        "ORG-CM-002",
        "ORG-LIC-001-VN",
        "ORG-MNT-001",
        "ORG-EQ-002",
        "ORG-SVC-001",
    ):
        assert (org, "missing") in gaps
    assert 10 <= len(pdd) <= 60
