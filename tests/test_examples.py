"""The bundled example data: the company and the case scenarios are valid,
meet their advertised shape, and are built deterministically."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from graphmap import model as m
from graphmap.dataset import Dataset, check_dataset
from graphmap.graph import build_graph
from graphmap.resources import HOME_COUNTRY, checklist

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "examples" / "build_examples.py"
TODAY = __import__("datetime").date(2026, 11, 21)


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_graphmap_build_examples", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ex() -> ModuleType:
    return _load()


@pytest.fixture(scope="module")
def company(ex: ModuleType) -> Dataset:
    ds: Dataset = ex.build_company()
    return ds


@pytest.fixture(scope="module")
def cases(ex: ModuleType) -> dict[str, Dataset]:
    out: dict[str, Dataset] = ex.build_cases()
    return out


def _by_id(ds: Dataset, cls: type[m.Record]) -> dict[str, Any]:
    return {r.id: r for r in ds.of(cls)}


# ------------------------------------------------------------------ validity


def test_company_passes_checks_and_builds_a_graph(company: Dataset) -> None:
    before = company.dumps()
    assert [p.render("en") for p in check_dataset(company)] == []
    # every referenced country is supplied: the check had nothing to add
    assert company.dumps() == before
    g = build_graph(company)
    assert g.number_of_nodes() == sum(1 for r in company if isinstance(r, m.NodeRecord))


@pytest.mark.parametrize("case_id", sorted(_load().CASES))
def test_case_passes_checks_and_builds_a_graph(cases: dict[str, Dataset], case_id: str) -> None:
    ds = cases[case_id]
    assert [p.render("en") for p in check_dataset(ds)] == []
    assert 10 <= len(ds) <= 40
    build_graph(ds)


# ------------------------------------------------------------ company shape


def test_company_counts(company: Dataset) -> None:
    techs = company.of(m.Technology)
    assert 3 <= len(techs) <= 5
    steps: dict[str, list[int]] = defaultdict(list)
    for s in company.of(m.ProcessStep):
        steps[s.technology].append(s.order)
    for t in techs:
        orders = sorted(steps[t.id])
        assert 5 <= len(orders) <= 12, t.id
        assert orders == list(range(1, len(orders) + 1)), t.id
    assert 40 <= len(company.of(m.Person)) <= 120
    orgs = company.of(m.Organisation)
    assert 20 <= len(orgs) <= 40
    assert len({o.country for o in orgs if o.country}) >= 5
    assert len(company.of(m.Disclosure)) >= 100


def test_company_gradings(company: Dataset) -> None:
    techs = company.of(m.Technology)
    seen = {g for t in techs for g in t.grading}
    assert seen == set(m.Grading)
    assert any(len(t.grading) > 1 for t in techs)
    # one ungraded technology that nevertheless has flows and knowers
    ungraded = [t.id for t in techs if not t.grading]
    assert len(ungraded) == 1
    tech = ungraded[0]
    step_ids = {s.id for s in company.of(m.ProcessStep) if s.technology == tech}
    assets = {
        a.id
        for a in company.of(m.InformationAsset)
        if tech in a.technologies or step_ids & set(a.steps)
    }
    assert any(set(d.assets) & assets for d in company.of(m.Disclosure))
    assert any(k.step in step_ids for k in company.of(m.Knowledge))


def test_company_foundation(company: Dataset) -> None:
    assert [u.id for u in company.of(m.Unit) if u.leakage_owner] != []
    assert len(company.of(m.Policy)) >= 2
    assets = company.of(m.InformationAsset)
    assert {a.secrecy for a in assets} == set(m.SecrecyClass)
    gaps = [
        a.id
        for a in assets
        if a.trade_secret and (a.marked is not True or a.access_restricted is not True)
    ]
    secrets = [a.id for a in assets if a.trade_secret]
    assert 1 <= len(gaps) < len(secrets) / 2


def test_company_overseas_sites(company: Dataset) -> None:
    overseas = [s for s in company.of(m.Site) if s.country != HOME_COUNTRY]
    assert len(overseas) == 2
    assert sorted(str(s.stage) for s in overseas) == ["operation", "withdrawal"]
    withdrawal = next(s for s in overseas if s.stage == "withdrawal")
    people = _by_id(company, m.Person)
    local = {p.id for p in people.values() if p.site == withdrawal.id and p.employer != "ORG-SELF"}
    assert any(a.person in local and a.revoked is None for a in company.of(m.Access))
    orgs = _by_id(company, m.Organisation)
    left_behind = [
        e
        for e in company.of(m.Equipment)
        if e.site == withdrawal.id
        and e.owner
        and orgs[e.owner].kind == "jv_partner"
        and e.disposal_plan is False
    ]
    assert left_behind


def test_company_projects(company: Dataset) -> None:
    projects = company.of(m.Project)
    assert len(projects) == 2
    orgs = _by_id(company, m.Organisation)
    people = company.of(m.Person)
    labs = [o for p in projects for o in p.partners if orgs[o].kind == "lab"]
    assert len(labs) == 1
    students = [p for p in people if p.student and p.employer == labs[0]]
    assert students
    assert any(p.confidentiality_pledge is not True for p in students)
    named = {x for p in projects for x in p.participants}
    assert any(s.id not in named for s in students)


def _chains(ds: Dataset) -> dict[str, list[tuple[str, float]]]:
    out: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for o in ds.of(m.Ownership):
        out[o.owner].append((o.owned, (o.votes_pct or 0.0) / 100))
    return out


def test_company_ownership_and_boards(company: Dataset) -> None:
    owns = _chains(company)

    def depth(org: str) -> int:
        return 1 + max((depth(child) for child, _ in owns.get(org, [])), default=0)

    assert max(depth(o) for o in owns) - 1 >= 2
    orgs = _by_id(company, m.Organisation)
    governments = [
        o.id for o in orgs.values() if o.kind == "government" and o.country != HOME_COUNTRY
    ]
    assert governments

    def effective(org: str, share: float, level: int) -> dict[str, float]:
        out: dict[str, float] = {}
        for child, votes in owns.get(org, []):
            out[child] = max(out.get(child, 0.0), share * votes)
            for k, v in effective(child, share * votes, level + 1).items():
                out[k] = max(out.get(k, 0.0), v)
        return out

    reached = {k: v for g in governments for k, v in effective(g, 1.0, 0).items()}
    # a partner reached through at least two levels with >= 50% effective votes
    direct = {child for g in governments for child, _ in owns.get(g, [])}
    assert any(v >= 0.5 and k not in direct and orgs[k].kind != "other" for k, v in reached.items())
    assert any(o.golden_share and o.owner in governments for o in company.of(m.Ownership))
    assert any(d.nominated_by in governments for d in company.of(m.Directorship))


def test_company_people(company: Dataset) -> None:
    people = company.of(m.Person)
    orgs = _by_id(company, m.Organisation)
    staff = [p for p in people if p.employer == "ORG-SELF"]
    gone = [p for p in staff if p.status in ("left", "retired")]
    assert 3 <= len(gone) < len(staff) / 5
    assert any(
        p.destination
        and orgs[p.destination].kind == "competitor"
        and orgs[p.destination].country != HOME_COUNTRY
        for p in gone
    )
    assert any(p.planned_retirement and (p.planned_retirement - TODAY).days < 365 for p in staff)
    assert any(p.side_jobs for p in staff)
    assert any(p.confidentiality_pledge is not True or p.non_compete_pledge is False for p in staff)
    assert any(p.employer not in ("ORG-SELF", None) and not p.student for p in people)
    trained_recently = [p for p in staff if p.trained and (TODAY - p.trained).days <= 365]
    assert len(staff) / 2 < len(trained_recently) < len(staff)
    # departures with access that survived them, but only a few
    by_id = {p.id: p for p in people}
    survivors = {
        a.person
        for a in company.of(m.Access)
        if by_id[a.person].status in ("left", "retired")
        and a.revoked is None
        and by_id[a.person].employer == "ORG-SELF"
    }
    assert 1 <= len(survivors) < len(gone)


def test_company_knowledge(company: Dataset) -> None:
    steps: dict[str, set[str]] = defaultdict(set)
    for s in company.of(m.ProcessStep):
        steps[s.technology].add(s.id)
    knowers: dict[str, set[str]] = defaultdict(set)
    for k in company.of(m.Knowledge):
        knowers[k.step].add(k.person)
    full_by_tech = {
        t: {p for p in set.union(*(knowers[s] for s in ss)) if all(p in knowers[s] for s in ss)}
        for t, ss in steps.items()
    }
    assert any(1 <= len(v) <= 3 for v in full_by_tech.values())
    assert any(len(v) == 1 for v in full_by_tech.values())  # a single full holder
    assert any(len(knowers[s]) == 1 for ss in steps.values() for s in ss)  # sole knowers of a step
    per_person = Counter(k.person for k in company.of(m.Knowledge))
    counts = sorted(per_person.values(), reverse=True)
    assert counts[0] >= 3 * counts[len(counts) // 2]  # skewed


def test_company_supply_chain(company: Dataset) -> None:
    orgs = company.of(m.Organisation)
    kinds = Counter(str(o.kind) for o in orgs)
    for kind in (
        "supplier",
        "customer",
        "equipment_maker",
        "contract_manufacturer",
        "licensee",
        "jv_partner",
        "university",
        "lab",
        "research_institute",
        "consultant",
        "recycler",
        "external_service",
        "competitor",
        "government",
    ):
        assert kinds[kind] >= 1, kind
    assert any(o.sole_source and o.serves_competitors for o in orgs)
    contract_kinds = {str(c.kind) for c in company.of(m.Contract)}
    assert {
        "nda",
        "joint_research",
        "licence",
        "basic_supply",
        "manufacturing",
        "jv",
        "consulting",
        "maintenance",
    } <= contract_kinds
    equipment = company.of(m.Equipment)
    assert any(e.customised and e.maintainer not in (None, "ORG-SELF", e.maker) for e in equipment)
    makers = Counter(e.maker for e in equipment if e.customised)
    assert makers.most_common(1)[0][1] >= 2
    dd_subjects = {d.subject for d in company.of(m.DueDiligence)}
    assert any((TODAY - d.date).days > 3 * 365 for d in company.of(m.DueDiligence))
    partners = [o.id for o in orgs if o.kind not in ("self", "competitor", "government")]
    assert any(p not in dd_subjects for p in partners)


def test_company_disclosures(company: Dataset) -> None:
    discs = company.of(m.Disclosure)
    contracts = _by_id(company, m.Contract)
    channels = {str(d.channel) for d in discs}
    assert len(channels) >= 6
    no_contract = [d for d in discs if d.contract is None]
    assert 1 <= len(no_contract) < len(discs) / 5
    early = [
        d
        for d in discs
        if d.contract and contracts[d.contract].start and d.date < contracts[d.contract].start
    ]
    late = [
        d
        for d in discs
        if d.contract and contracts[d.contract].end and d.date > contracts[d.contract].end
    ]
    assert early == [] and late == []  # pre-contract flows are recorded without a contract
    first_contract: dict[str, Any] = {}
    for c in contracts.values():
        for party in c.parties:
            if c.start and (party not in first_contract or c.start < first_contract[party]):
                first_contract[party] = c.start
    assert any(
        d.recipient in first_contract and d.date < first_contract[d.recipient] for d in discs
    )
    onward = [d for d in discs if d.onward_of]
    assert {d.onward_approved for d in onward} >= {True, False}
    overdue = [
        d
        for d in discs
        if d.return_status == "outstanding" and d.return_due and d.return_due < TODAY
    ]
    assert 1 <= len(overdue) <= 5
    assert {d.codenamed for d in discs} >= {True, False}
    assert {d.copied_to_recipient for d in discs} >= {True, False}
    assert any(d.foreign_government_request and d.request_reviewed is False for d in discs)


# ------------------------------------------------------------------- cases


ID_IN_TEXT = re.compile(
    r"\b(?:ORG|PER|ASSET|CTR|DISC|PRJ|EQ|SITE|TECH|STEP|POL|DD|UNIT)-[A-Za-z0-9-]*[A-Za-z0-9]"
)


def test_case_metadata(ex: ModuleType, cases: dict[str, Dataset]) -> None:
    assert 12 <= len(ex.CASES) <= 16
    assert list(cases) == list(ex.CASES)
    items = {i["id"] for i in checklist()["items"]}
    routes = set(checklist()["routes"])
    for case_id, meta in ex.CASES.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]+", case_id)
        for key in ("title_ja", "title_en", "description_ja", "description_en"):
            assert isinstance(meta[key], str) and meta[key].strip(), (case_id, key)
        assert meta["route"] in routes, case_id
        assert meta["checklist"] and set(meta["checklist"]) <= items, case_id
        assert meta["expected"] and all(isinstance(e, str) and e for e in meta["expected"])


@pytest.mark.parametrize("case_id", sorted(_load().CASES))
def test_case_expected_findings_name_real_records(
    ex: ModuleType, cases: dict[str, Dataset], case_id: str
) -> None:
    ids = set(cases[case_id].nodes_by_id())
    named = {i for e in ex.CASES[case_id]["expected"] for i in ID_IN_TEXT.findall(e)}
    assert named, case_id
    assert named <= ids, sorted(named - ids)


def test_company_gaps_name_real_records(ex: ModuleType, company: Dataset) -> None:
    ids = set(company.nodes_by_id())
    named = {i for gap in ex.COMPANY_GAPS for i in ID_IN_TEXT.findall(gap)}
    assert named and named <= ids, sorted(named - ids)


def test_every_route_has_a_case(ex: ModuleType) -> None:
    assert {meta["route"] for meta in ex.CASES.values()} == set(checklist()["routes"])


# ------------------------------------------------------------- determinism


def test_build_is_deterministic(
    ex: ModuleType, company: Dataset, cases: dict[str, Dataset]
) -> None:
    assert ex.build_company().dumps() == company.dumps()
    again = ex.build_cases()
    assert {k: v.dumps() for k, v in again.items()} == {k: v.dumps() for k, v in cases.items()}


def _digest_in_subprocess(seed: str) -> str:
    code = (
        "import hashlib, importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('ex', {str(SCRIPT)!r})\n"
        "mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)\n"
        "h = hashlib.sha256(mod.build_company().dumps().encode())\n"
        "for k, v in mod.build_cases().items():\n"
        "    h.update(k.encode()); h.update(v.dumps().encode())\n"
        "print(h.hexdigest())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        # -P: import the installed graphmap, not the source folder beside the cwd
        [sys.executable, "-P", "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_build_does_not_depend_on_hash_seed(company: Dataset, cases: dict[str, Dataset]) -> None:
    h = hashlib.sha256(company.dumps().encode())
    for k, v in cases.items():
        h.update(k.encode())
        h.update(v.dumps().encode())
    assert _digest_in_subprocess("1") == _digest_in_subprocess("4242") == h.hexdigest()


# ----------------------------------------------------------------- writing


def test_write_json(ex: ModuleType, tmp_path: Path, company: Dataset) -> None:
    ex.write_examples(tmp_path, fmt="json")
    data = json.loads((tmp_path / "company" / "company.json").read_text("utf-8"))
    assert Dataset.from_jsonable(data).dumps() == company.dumps()
    assert sorted(p.stem for p in (tmp_path / "cases").glob("*.json")) == sorted(ex.CASES)
    assert (tmp_path / "cases" / "README.md").read_text("utf-8").count("## `") == len(ex.CASES)


def test_write_sources_round_trip(
    ex: ModuleType, tmp_path: Path, company: Dataset, cases: dict[str, Dataset]
) -> None:
    importers = pytest.importorskip("importers")
    if not hasattr(importers, "write_source"):
        pytest.skip("importers.write_source not available")
    ex.write_examples(tmp_path)
    workbook = tmp_path / "company" / "company.xlsx"
    ds, problems, total = importers.read_sources([workbook])
    assert total == 0, [p.render("en") for p in problems]
    assert ds.dumps() == company.sorted().dumps()
    for case_id, expected in cases.items():
        ds, problems, total = importers.read_sources([tmp_path / "cases" / case_id])
        assert total == 0, (case_id, [p.render("en") for p in problems])
        assert ds.dumps() == expected.sorted().dumps(), case_id
    # same bytes on a second run
    first = workbook.read_bytes()
    ex.write_examples(tmp_path)
    assert workbook.read_bytes() == first


def test_shipped_workbook_and_csv_are_current_and_equal(company: Dataset) -> None:
    """The committed example files import with zero problems, give the same
    graph as each other, and match what the builder makes today."""
    from graphmap.graph import canonical_form
    from importers import read_sources

    root = Path(__file__).resolve().parent.parent / "examples"
    book, p1, _ = read_sources([root / "company" / "company.xlsx"])
    csv_copy, p2, _ = read_sources([root / "company" / "csv"])
    assert p1 == [] and p2 == []
    expected = Dataset()
    expected.extend(company)
    check_dataset(expected)
    want = canonical_form(build_graph(expected.sorted()))
    assert canonical_form(build_graph(book)) == want
    assert canonical_form(build_graph(csv_copy)) == want


@pytest.mark.parametrize("case_id", sorted(__import__("examples.build_examples", fromlist=["CASES"]).CASES))
def test_shipped_case_folders_import_cleanly(case_id: str) -> None:
    from importers import read_sources

    root = Path(__file__).resolve().parent.parent / "examples" / "cases" / case_id
    ds, problems, _ = read_sources([root])
    assert problems == [] and len(ds) > 0
