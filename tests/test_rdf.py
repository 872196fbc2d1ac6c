"""RDF export and import (graphmap.rdf), SHACL validation, the Turtle importer."""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, Graph, Literal, URIRef

# XSD through its module: pytest's collection probes a test module's names,
# and XSD warns about every name it does not define
from rdflib import namespace as rdfns

from graphmap import model as m
from graphmap.dataset import Dataset, ProblemKind, check_dataset
from graphmap.graph import build_graph, canonical_form
from graphmap.rdf import (
    DATA,
    GM,
    class_iri,
    dataset_to_rdf,
    enum_iri,
    link_iri,
    load_shapes,
    node_iri,
    property_iri,
    rdf_to_dataset,
    shortcut_iri,
    validate_shacl,
)
from importers.turtle import read_turtle

D = dt.date

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

# ---------------------------------------------------------------- fixture


def full_dataset() -> Dataset:
    """A small company touching every record type and every field, with
    Japanese text, False next to missing booleans, lists out of canonical
    order, floats that are awkward in decimal and ids needing quoting."""
    ds = Dataset()
    add = ds.add
    add(
        m.Country(
            id="JP",
            name_ja="日本",
            name_en="Japan",
            strict_export_control=False,
            sanctions=False,
            government_access_law=m.TriState.no,
            intelligence_cooperation_law=m.TriState.no,
            first_filing_rule=m.TriState.no,
            reviewed=D(2025, 4, 1),
        )
    )
    add(m.Country(id="CN", name_ja="中国", government_access_law=m.TriState.yes))
    add(m.Country(id="US", name_en="United States", strict_export_control=True, sanctions=None))
    add(
        m.Organisation(
            id="ORG-SELF",
            name="株式会社サンプル精機",
            kind=m.OrgKind.self_,
            country="JP",
            listed=True,
            founded=D(1961, 5, 10),
            sanctioned=False,
            end_user_listed=False,
            past_incidents="2019年 元従業員による図面持ち出し（示談）",
            certifications=[m.Certification.privacy_mark, m.Certification.isms],
            sole_source=False,
            serves_competitors=False,
        )
    )
    add(
        m.Organisation(
            id="ORG-SUP",
            name="Foshan Materials Co., Ltd.",
            kind=m.OrgKind.supplier,
            country="CN",
            sole_source=True,
            serves_competitors=True,
            certifications=[m.Certification.isms, m.Certification.isms],
        )
    )
    add(m.Organisation(id="ORG-UNI", name="東都大学 材料研究室", kind=m.OrgKind.lab, country="JP"))
    add(m.Organisation(id="ORG:HOLD", name="Holding AG", kind=m.OrgKind.other, country="US"))
    add(
        m.Unit(
            id="U-RD",
            name="研究開発部",
            organisation="ORG-SELF",
            leakage_owner=False,
        )
    )
    add(
        m.Unit(
            id="U-LEGAL",
            name="法務・知財部",
            organisation="ORG-SELF",
            parent="U-RD",
            leakage_owner=True,
        )
    )
    add(
        m.Policy(
            id="POL-1",
            title="技術情報管理規程",
            owner_unit="U-LEGAL",
            topics=[m.PolicyTopic.travel, m.PolicyTopic.storage, m.PolicyTopic.generative_ai],
            reviewed=D(2024, 10, 1),
        )
    )
    add(
        m.Site(
            id="SITE-1",
            name="浜松工場",
            kind=m.SiteKind.factory,
            country="JP",
            operator="ORG-SELF",
            stage=m.LifecycleStage.operation,
        )
    )
    add(
        m.Site(
            id="SITE-2",
            name="蘇州工場",
            kind=m.SiteKind.lab,
            country="CN",
            stage=m.LifecycleStage.withdrawal,
        )
    )
    add(
        m.Technology(
            id="T-1",
            name="高純度セラミック焼成",
            grading=[m.Grading.econ_security, m.Grading.core],
            choke_point=True,
            easily_developed=False,
            forms=[m.TechForm.tacit, m.TechForm.data],
            protection=m.Protection.trade_secret,
            owner_unit="U-RD",
        )
    )
    add(m.Technology(id="T-2", name="Coating", grading=[m.Grading.core, m.Grading.security]))
    add(m.ProcessStep(id="S-1", technology="T-1", order=1, name="原料配合"))
    add(m.ProcessStep(id="S-2", technology="T-1", order=2, name="焼成（温度プロファイル）"))
    add(
        m.InformationAsset(
            id="A-1",
            name='配合比率表 "v3"\n改訂版',
            technologies=["T-2", "T-1"],
            steps=["S-1"],
            secrecy=m.SecrecyClass.top_secret,
            trade_secret=True,
            marked=False,
            access_restricted=True,
            form=m.AssetForm.data,
            location="ファイルサーバ \\\\fs01\\rd",
            site="SITE-1",
            owner_unit="U-RD",
        )
    )
    add(m.InformationAsset(id="A-2", name="焼成炉図面", secrecy=m.SecrecyClass.department_only))
    add(
        m.Person(
            id="PER-0001",
            name="山田 太郎",
            employer="ORG-SELF",
            unit="U-RD",
            site="SITE-1",
            role="主任技師",
            status=m.EmploymentStatus.left,
            joined=D(1990, 4, 1),
            left=D(2024, 3, 31),
            planned_retirement=D(2030, 3, 31),
            destination="ORG-SUP",
            student=False,
            nationality="JP",
            residency=m.Residency.resident,
            foreign_gov_obligation=False,
            side_jobs="なし",
            disciplinary="2019年 けん責",
            confidentiality_pledge=True,
            non_compete_pledge=False,
            trained=D(2023, 6, 1),
            special_training=D(2022, 1, 20),
        )
    )
    add(m.Person(id="PER-0002", name="Li Wei", employer="ORG-SUP", student=None))
    add(m.Person(id="PER-0003", name="佐藤 花子", employer="ORG-UNI", student=True))
    add(
        m.Equipment(
            id="EQ-1",
            name="連続焼成炉 #3",
            customised=True,
            owner="ORG-SELF",
            site="SITE-1",
            maker="ORG-SUP",
            maintainer="ORG-SUP",
            embodies=["T-1", "S-2"],
            disposal_plan=False,
            spec_restored_for_repair=True,
        )
    )
    add(
        m.Contract(
            id="C-1",
            title="共同研究契約（東都大学）",
            kind=m.ContractKind.joint_research,
            parties=["ORG-UNI", "ORG-SUP"],
            start=D(2023, 4, 1),
            end=D(2026, 3, 31),
            covered_assets=["A-1"],
            covered_technologies=["T-1"],
            confidentiality=True,
            purpose_limitation=True,
            no_third_party_disclosure=False,
            subcontract_approval=True,
            no_copying=False,
            no_reverse_engineering=True,
            return_or_destroy=True,
            destruction_certificate=False,
            survival_years=5,
            named_participants=True,
            scope_defined=False,
            foreground_ip=True,
            non_compete=False,
            audit_rights=True,
            change_of_control=False,
            publication_approval=True,
            governing_law=m.GoverningLaw.japan,
            stakeholders_briefed=False,
        )
    )
    add(
        m.Contract(
            id="C-2", title="NDA", kind=m.ContractKind.nda, parties=["ORG-SUP"], survival_years=0
        )
    )
    add(
        m.Project(
            id="PRJ-1",
            name="次世代焼成プロジェクト",
            partners=["ORG-UNI"],
            themes=["T-1"],
            participants=["PER-0003", "PER-0001"],
            phase=m.ProjectPhase.contract,
            start=D(2023, 4, 1),
            end=D(2026, 3, 31),
            contract="C-1",
            research_plan_acknowledged=True,
            own_platform=False,
        )
    )
    add(
        m.DueDiligence(
            id="DD-1",
            subject="ORG-SUP",
            scope=m.DDScope.organisation,
            date=D(2023, 1, 15),
            outcome=m.DDOutcome.conditional,
            notes="株主構成を確認中。\n再確認: 2024年",
        )
    )
    add(m.DueDiligence(id="DD-2", subject="CN", scope=m.DDScope.country, date=D(2023, 1, 10)))
    add(
        m.Disclosure(
            id="DIS-1",
            date=D(2023, 5, 20),
            assets=["A-2", "A-1"],
            sender="ORG-SELF",
            recipient="PER-0002",
            channel=m.Channel.email,
            contract="C-2",
            project="PRJ-1",
            purpose="試作評価",
            codenamed=False,
            copied_to_recipient=True,
            return_status=m.ReturnStatus.outstanding,
            return_due=D(2024, 5, 20),
            onward_approved=False,
            foreign_government_request=False,
            request_reviewed=True,
        )
    )
    add(
        m.Disclosure(
            id="DIS-2",
            date=D(2023, 7, 1),
            assets=["A-1"],
            sender="PER-0002",
            recipient="ORG-SUP",
            onward_of="DIS-1",
        )
    )
    add(
        m.Knowledge(
            person="PER-0001",
            step="S-1",
            depth=m.KnowledgeDepth.partial,
            mode=m.KnowledgeMode.documented,
        )
    )
    add(m.Knowledge(person="PER-0001", step="S-2"))
    add(
        m.Access(
            person="PER-0001",
            asset="A-1",
            level=m.AccessLevel.download,
            granted=D(2020, 1, 1),
            revoked=D(2024, 3, 31),
        )
    )
    add(
        m.Ownership(
            owner="ORG:HOLD",
            owned="ORG-SUP",
            votes_pct=33.333333333333336,
            capital_pct=0.1,
            golden_share=False,
        )
    )
    add(
        m.Ownership(
            owner="PER-0002", owned="ORG-SUP", votes_pct=100.0, capital_pct=1e-05, golden_share=True
        )
    )
    add(
        m.Directorship(
            person="PER-0002",
            organisation="ORG-SUP",
            representative=True,
            nominated_by="ORG:HOLD",
            since=D(2021, 6, 30),
        )
    )
    add(
        m.Directorship(
            person="PER-0001", organisation="ORG-SUP", representative=False, nominated_by="PER-0002"
        )
    )
    return ds


@pytest.fixture(scope="module")
def full() -> Dataset:
    return full_dataset()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def assert_same(a: Dataset, b: Dataset) -> None:
    assert b.sorted().dumps() == a.sorted().dumps()
    assert canonical_form(build_graph(b)) == canonical_form(build_graph(a))


# ---------------------------------------------------------------- the fixture itself


def test_fixture_is_valid_and_complete(full: Dataset) -> None:
    assert check_dataset(full, complete_countries=False) == []
    for cls in m.RECORD_TYPES:
        records = full.of(cls)
        assert records, f"no {cls.label} in the fixture"
        for f in cls.fields():
            values = [getattr(r, f.name) for r in records]
            assert any(v not in (None, []) for v in values), f"{cls.label}.{f.name} never set"


# ---------------------------------------------------------------- round trip


def test_round_trip_in_memory(full: Dataset) -> None:
    back, problems = rdf_to_dataset(dataset_to_rdf(full))
    assert problems == []
    assert_same(full, back)


@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "nt", "xml"])
def test_round_trip_through_text(full: Dataset, fmt: str) -> None:
    text = dataset_to_rdf(full).serialize(format=fmt)
    back, problems = rdf_to_dataset(Graph().parse(data=text, format=fmt))
    assert problems == []
    assert_same(full, back)


def test_round_trip_keeps_false_apart_from_missing(full: Dataset) -> None:
    g = dataset_to_rdf(full)
    per1, per2 = node_iri("PER-0001"), node_iri("PER-0002")
    student = property_iri(m.Person, "student")
    assert g.value(per1, student) == Literal(False)
    assert g.value(per2, student) is None
    back, _ = rdf_to_dataset(g)
    people = {p.id: p for p in back.of(m.Person)}
    assert people["PER-0001"].student is False
    assert people["PER-0002"].student is None
    assert people["PER-0003"].student is True


def test_every_boolean_false_and_every_optional_missing(full: Dataset) -> None:
    ds = Dataset()
    for cls in m.RECORD_TYPES:
        first = full.of(cls)[0]
        bools = {f.name: False for f in cls.fields() if f.kind == "bool"}
        ds.add(first.model_copy(update=bools))
        blank: dict[str, Any] = {
            f.name: ([] if f.many else None)
            for f in cls.fields()
            if (not f.required and cls.model_fields[f.name].default is None)
            or (f.many and not f.required)
        }
        second = full.of(cls)[-1]
        if isinstance(second, m.NodeRecord):
            blank["id"] = "KR" if cls is m.Country else second.id + "-blank"
        ds.add(cls.model_validate({**second.model_dump(), **blank}))
    g = dataset_to_rdf(ds)
    for f in m.Person.fields():
        if f.kind == "bool":
            assert g.value(node_iri("PER-0001"), property_iri(m.Person, f.name)) == Literal(False)
    back, problems = rdf_to_dataset(g)
    assert problems == []
    assert_same(ds, back)


def test_list_order_and_repeats_survive(full: Dataset) -> None:
    back, _ = rdf_to_dataset(dataset_to_rdf(full))
    tech = {t.id: t for t in back.of(m.Technology)}
    assert tech["T-1"].grading == [m.Grading.econ_security, m.Grading.core]
    org = {o.id: o for o in back.of(m.Organisation)}
    assert org["ORG-SUP"].certifications == [m.Certification.isms, m.Certification.isms]
    contract = {c.id: c for c in back.of(m.Contract)}
    assert contract["C-1"].parties == ["ORG-UNI", "ORG-SUP"]


def test_canonical_lists_need_no_order_note() -> None:
    ds = Dataset()
    ds.add(m.Technology(id="T1", name="x", grading=[m.Grading.core, m.Grading.security]))
    g = dataset_to_rdf(ds)
    assert not list(g.objects(None, GM.listOrder))
    back, _ = rdf_to_dataset(g)
    assert_same(ds, back)


def test_export_vocabulary_and_iris(full: Dataset) -> None:
    g = dataset_to_rdf(full)
    per = node_iri("PER-0001")
    assert (per, RDF.type, class_iri(m.Person)) in g
    assert g.value(per, property_iri(m.Person, "name")) == Literal("山田 太郎")
    assert g.value(per, property_iri(m.Person, "joined")) == Literal(
        "1990-04-01", datatype=rdfns.XSD.date
    )
    assert g.value(per, property_iri(m.Person, "status")) == enum_iri(m.EmploymentStatus, "left")
    assert g.value(per, property_iri(m.Person, "employer")) == node_iri("ORG-SELF")
    # ids are url-quoted in IRIs and kept verbatim in the id property
    hold = node_iri("ORG:HOLD")
    assert str(hold) == str(DATA) + "ORG%3AHOLD"
    assert g.value(hold, property_iri(m.Organisation, "id")) == Literal("ORG:HOLD")
    # link records: a resource with a key-made IRI plus the direct shortcut
    k = link_iri(m.Knowledge(person="PER-0001", step="S-1"))
    assert str(k) == str(DATA) + "Knowledge/PER-0001/S-1"
    assert (k, RDF.type, class_iri(m.Knowledge)) in g
    assert (per, shortcut_iri(m.Knowledge), node_iri("S-1")) in g
    # numbers
    own = link_iri(m.Ownership(owner="PER-0002", owned="ORG-SUP"))
    assert g.value(own, property_iri(m.Ownership, "capital_pct")) == Literal(
        "0.00001", datatype=rdfns.XSD.decimal
    )


def test_export_is_stable(full: Dataset) -> None:
    first = dataset_to_rdf(full).serialize(format="nt")
    shuffled = Dataset()
    for rec in reversed(list(full)):
        shuffled.add(rec)
    second = dataset_to_rdf(shuffled).serialize(format="nt")
    assert sorted(first.splitlines()) == sorted(second.splitlines())
    assert dataset_to_rdf(full).serialize(format="turtle") == dataset_to_rdf(full).serialize(
        format="turtle"
    )
    assert "_:" not in dataset_to_rdf(Dataset()).serialize(format="nt")


def test_duplicate_links_get_their_own_resources() -> None:
    ds = Dataset()
    ds.add(m.Knowledge(person="P1", step="S1"))
    ds.add(m.Knowledge(person="P1", step="S1", depth=m.KnowledgeDepth.partial))
    g = dataset_to_rdf(ds)
    assert len(set(g.subjects(RDF.type, class_iri(m.Knowledge)))) == 2
    back, problems = rdf_to_dataset(g)
    assert problems == []
    assert_same(ds, back)


# ---------------------------------------------------------------- import problems


def _one_person(**fields: Any) -> Graph:
    g = Graph()
    s = node_iri("PER-0009")
    g.add((s, RDF.type, class_iri(m.Person)))
    for name, value in fields.items():
        g.add((s, property_iri(m.Person, name), value))
    return g


def test_missing_field_becomes_a_problem() -> None:
    ds, problems = rdf_to_dataset(_one_person(), "people.ttl")
    assert len(ds) == 0
    [p] = problems
    assert p.kind is ProblemKind.missing_field
    assert (p.location.file, p.location.sheet, p.location.row, p.location.column) == (
        "people.ttl",
        "Person",
        None,
        "name",
    )
    assert p.value == "PER-0009"
    assert "氏名" in p.expected


def test_bad_enum_date_number_and_id_become_problems() -> None:
    g = _one_person(
        name=Literal("x"),
        status=enum_iri(m.EmploymentStatus, "fired"),
        joined=Literal("2024-13-01", datatype=rdfns.XSD.date),
    )
    g.add((node_iri("ORG-1"), RDF.type, class_iri(m.Organisation)))
    g.add((node_iri("ORG-1"), property_iri(m.Organisation, "name"), Literal("o")))
    g.add((node_iri("ORG-1"), property_iri(m.Organisation, "kind"), Literal("bank")))
    own = URIRef(str(DATA) + "own1")
    g.add((own, RDF.type, class_iri(m.Ownership)))
    g.add((own, property_iri(m.Ownership, "owner"), node_iri("PER-0009")))
    g.add((own, property_iri(m.Ownership, "owned"), URIRef("http://elsewhere.example/x y")))
    g.add((own, property_iri(m.Ownership, "votes_pct"), Literal("150.0", datatype=rdfns.XSD.decimal)))
    _, problems = rdf_to_dataset(g, "x.ttl")
    found = {(p.location.sheet, p.location.column, p.kind, p.value) for p in problems}
    assert ("Person", "status", ProblemKind.bad_enum, "PER-0009") in found
    assert ("Person", "joined", ProblemKind.bad_date, "PER-0009") in found
    assert ("Organisation", "kind", ProblemKind.bad_enum, "ORG-1") in found
    assert ("Ownership", "owned", ProblemKind.bad_id, "own1") in found
    assert ("Ownership", "votes_pct", ProblemKind.invalid, "own1") in found
    bad_kind = next(p for p in problems if p.location.column == "kind")
    assert bad_kind.actual == "bank"
    assert "supplier" in bad_kind.expected


def test_several_values_for_a_single_field() -> None:
    g = _one_person(name=Literal("a"))
    g.add((node_iri("PER-0009"), property_iri(m.Person, "name"), Literal("b")))
    ds, [p] = rdf_to_dataset(g)
    assert len(ds) == 0
    assert (p.kind, p.location.column, p.value) == (ProblemKind.invalid, "name", "PER-0009")
    assert p.actual == "a, b"


def test_literal_where_a_reference_belongs_and_iri_where_a_literal_belongs() -> None:
    g = _one_person(name=node_iri("X"))
    _, [p] = rdf_to_dataset(g)
    assert (p.kind, p.location.column) == (ProblemKind.invalid, "name")


def test_unknown_property_untyped_resource_and_unknown_class() -> None:
    g = _one_person(name=Literal("x"))
    g.add((node_iri("PER-0009"), GM["Person.shoe_size"], Literal(42)))
    g.add((node_iri("PER-0010"), property_iri(m.Person, "name"), Literal("untyped")))
    g.add((node_iri("X-1"), RDF.type, GM.Spaceship))
    g.add((node_iri("PER-0009"), URIRef("http://xmlns.com/foaf/0.1/nick"), Literal("ok")))
    ds, problems = rdf_to_dataset(g)
    assert [p.id for p in ds.of(m.Person)] == ["PER-0009"]
    kinds = {(p.kind, p.value, p.actual) for p in problems}
    assert (ProblemKind.unknown_column, "gm:Person.shoe_size", "PER-0009") in kinds
    assert (ProblemKind.invalid, "PER-0010", "") in kinds
    assert (ProblemKind.unknown_sheet, "gm:Spaceship", "X-1") in kinds
    assert len(problems) == 3


def test_two_record_types_on_one_resource() -> None:
    g = _one_person(name=Literal("x"))
    g.add((node_iri("PER-0009"), RDF.type, class_iri(m.Organisation)))
    ds, [p] = rdf_to_dataset(g)
    assert len(ds) == 0
    assert p.kind is ProblemKind.invalid and "Organisation" in p.actual


def test_foreign_iris_and_shortcut_only_links() -> None:
    """Hand-written data may name resources anything and give links by
    their shortcut only."""
    ttl = """
    @prefix gm: <https://graphmap.example/ontology#> .
    @prefix ex: <http://example.org/> .
    ex:yamada a gm:Person ; gm:Person.id "PER-1" ; gm:Person.name "山田" .
    ex:mix a gm:ProcessStep ; gm:ProcessStep.id "S-1" ; gm:ProcessStep.technology ex:t ;
        gm:ProcessStep.order 1 ; gm:ProcessStep.name "配合" .
    ex:t a gm:Technology ; gm:Technology.id "T-1" ; gm:Technology.name "焼成" .
    ex:yamada gm:knows ex:mix .
    """
    ds, problems = rdf_to_dataset(Graph().parse(data=ttl, format="turtle"))
    assert problems == []
    assert ds.of(m.Knowledge) == [m.Knowledge(person="PER-1", step="S-1")]
    assert ds.of(m.ProcessStep)[0].technology == "T-1"
    assert check_dataset(ds, complete_countries=False) == []


# ---------------------------------------------------------------- SHACL


def test_shacl_passes_on_valid_data(full: Dataset, shapes: Graph) -> None:
    conforms, violations = validate_shacl(dataset_to_rdf(full), shapes)
    assert violations == []
    assert conforms


def test_shacl_default_shapes() -> None:
    ds = Dataset()
    ds.add(m.Country(id="JP"))
    assert validate_shacl(dataset_to_rdf(ds)) == (True, [])


def _violations(g: Graph, shapes: Graph) -> list[Any]:
    conforms, violations = validate_shacl(g, shapes)
    assert not conforms
    assert violations
    return violations


def test_shacl_person_without_name(full: Dataset, shapes: Graph) -> None:
    g = dataset_to_rdf(full)
    g.remove((node_iri("PER-0001"), property_iri(m.Person, "name"), None))
    [v] = _violations(g, shapes)
    assert (v.label, v.node, v.path, v.severity) == ("Person", "PER-0001", "name", "Violation")
    assert v.message_en == "Person PER-0001: 氏名 / name is required"
    assert v.message_ja == "人員 PER-0001: 氏名 / name は必須です"
    assert v.message("en") == v.message_en
    assert v.render("ja") == v.message_ja


def test_shacl_organisation_kind_not_in_enum(full: Dataset, shapes: Graph) -> None:
    g = dataset_to_rdf(full)
    s, p = node_iri("ORG-SUP"), property_iri(m.Organisation, "kind")
    g.set((s, p, enum_iri(m.OrgKind, "bank")))
    [v] = _violations(g, shapes)
    assert (v.node, v.path, v.value) == ("ORG-SUP", "kind", "gm:OrgKind.bank")
    assert "ORG-SUP" in v.message_en and "kind" in v.message_en and "supplier" in v.message_en
    assert "ORG-SUP" in v.message_ja and "種別" in v.message_ja


def test_shacl_disclosure_sent_by_a_country(full: Dataset, shapes: Graph) -> None:
    g = dataset_to_rdf(full)
    g.set((node_iri("DIS-2"), property_iri(m.Disclosure, "sender"), node_iri("CN")))
    [v] = _violations(g, shapes)
    assert (v.label, v.node, v.path, v.value) == ("Disclosure", "DIS-2", "sender", "CN")
    assert v.message_en == (
        "Disclosure DIS-2: 提供元 / sender must refer to a Person or Organisation (value: CN)"
    )
    assert "DIS-2" in v.message_ja and "提供元" in v.message_ja


def test_shacl_domain_rules(full: Dataset, shapes: Graph) -> None:
    g = dataset_to_rdf(full)
    dis = node_iri("DIS-1")
    g.set((dis, property_iri(m.Disclosure, "recipient"), node_iri("ORG-SELF")))
    own = link_iri(m.Ownership(owner="ORG:HOLD", owned="ORG-SUP"))
    g.set((own, property_iri(m.Ownership, "votes_pct"), Literal("150.0", datatype=rdfns.XSD.decimal)))
    per = node_iri("PER-0001")
    g.set((per, property_iri(m.Person, "left"), Literal("1980-01-01", datatype=rdfns.XSD.date)))
    g.set((per, property_iri(m.Person, "joined"), Literal("1990-04-01")))  # no datatype
    dup = URIRef(str(DATA) + "Knowledge/extra")
    g.add((dup, RDF.type, class_iri(m.Knowledge)))
    g.add((dup, property_iri(m.Knowledge, "person"), node_iri("PER-0001")))
    g.add((dup, property_iri(m.Knowledge, "step"), node_iri("S-2")))
    g.add((node_iri("XX"), RDF.type, class_iri(m.Country)))
    g.add((node_iri("bad id"), RDF.type, class_iri(m.Unit)))
    g.add((node_iri("bad id"), property_iri(m.Unit, "id"), Literal("bad id")))
    g.add((node_iri("bad id"), property_iri(m.Unit, "name"), Literal("u")))
    violations = _violations(g, shapes)
    by = {(v.node, v.path, v.constraint) for v in violations}
    assert ("DIS-1", "sender", "DisjointConstraintComponent") in by
    assert ("ORG:HOLD / ORG-SUP", "votes_pct", "MaxInclusiveConstraintComponent") in by
    assert ("PER-0001", "joined", "LessThanOrEqualsConstraintComponent") in by
    assert ("PER-0001", "joined", "DatatypeConstraintComponent") in by
    assert ("PER-0001 / S-2", "", "SPARQLConstraintComponent") in by
    assert (
        "Knowledge PER-0001 / S-2: another Knowledge has the same 人員 / person and 工程 / step"
        in {v.message_en for v in violations}
    )
    assert ("bad id", "id", "PatternConstraintComponent") in by
    messages = {v.message_en for v in violations}
    assert (
        "Ownership ORG:HOLD / ORG-SUP: 議決権比率（%） / votes_pct must be between 0 and 100"
        " (value: 150.0)" in messages
    )
    assert (
        "Disclosure DIS-1: 提供元 / sender and 提供先 / recipient must differ (value: ORG-SELF)"
        in messages
    )
    # the id property is required even where the IRI holds the id
    assert ("XX", "id", "MinCountConstraintComponent") in by


def test_shacl_country_id_pattern(shapes: Graph) -> None:
    g = Graph()
    g.add((node_iri("jpn"), RDF.type, class_iri(m.Country)))
    g.add((node_iri("jpn"), property_iri(m.Country, "id"), Literal("jpn")))
    [v] = _violations(g, shapes)
    assert v.path == "id" and "ISO 3166" in v.message_en


# ---------------------------------------------------------------- Turtle importer


def test_read_turtle_and_jsonld(full: Dataset, tmp_path: Path) -> None:
    g = dataset_to_rdf(full)
    ttl = tmp_path / "company.ttl"
    ttl.write_text(g.serialize(format="turtle"), encoding="utf-8")
    jsonld = tmp_path / "company.jsonld"
    jsonld.write_text(g.serialize(format="json-ld"), encoding="utf-8")
    for path in (ttl, jsonld):
        ds, problems = read_turtle(path)
        assert problems == []
        assert_same(full, ds)
        assert ds.locations["Person"][0] is not None
        assert ds.locations["Person"][0].file == str(path)


def test_read_turtle_relative_iris_resolve_to_the_data_namespace(tmp_path: Path) -> None:
    path = tmp_path / "t.ttl"
    path.write_text(
        "@prefix gm: <https://graphmap.example/ontology#> .\n"
        '<T-1> a gm:Technology ; gm:Technology.name "焼成" .\n',
        encoding="utf-8",
    )
    ds, problems = read_turtle(path)
    assert problems == []
    assert [t.id for t in ds.of(m.Technology)] == ["T-1"]


def test_read_turtle_syntax_error(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text('@prefix gm: <x#> .\n<a> gm:b "c" ;\n  gm:d .\n', encoding="utf-8")
    ds, [p] = read_turtle(path)
    assert len(ds) == 0
    assert p.kind is ProblemKind.bad_file
    assert p.location.file == str(path)
    assert p.location.row == 3
    assert "Traceback" not in p.value and p.value


def test_read_turtle_bad_jsonld_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"@id": ', encoding="utf-8")
    _, [p] = read_turtle(bad)
    assert p.kind is ProblemKind.bad_file and p.location.file == str(bad)
    _, [p] = read_turtle(tmp_path / "nope.ttl")
    assert p.kind is ProblemKind.bad_file
    sjis = tmp_path / "sjis.ttl"
    sjis.write_bytes('<a> <b> "山田" .'.encode("cp932"))
    _, [p] = read_turtle(sjis)
    assert p.kind is ProblemKind.undecodable


def test_read_turtle_ill_typed_literal_is_a_problem_not_a_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "t.ttl"
    path.write_text(
        "@prefix gm: <https://graphmap.example/ontology#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<https://graphmap.example/id/P1> a gm:Person ; gm:Person.name "x" ;\n'
        '  gm:Person.joined "2024-02-30"^^xsd:date .\n',
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING):
        _, [p] = read_turtle(path)
    assert not caplog.records
    assert (p.kind, p.value, p.location.column) == (ProblemKind.bad_date, "P1", "joined")


# ---------------------------------------------------------------- the example company


def _examples() -> Any:
    """The examples module, or None before it exists."""
    path = Path(__file__).resolve().parent.parent / "examples" / "build_examples.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("_graphmap_examples_for_rdf", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _check_round_trip_and_shapes(ds: Dataset, shapes: Graph) -> None:
    g = dataset_to_rdf(ds)
    back, problems = rdf_to_dataset(
        Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    )
    assert problems == []
    assert_same(ds, back)
    conforms, violations = validate_shacl(g, shapes)
    assert [v.message_en for v in violations] == []
    assert conforms


def test_round_trip_example_company(shapes: Graph) -> None:
    examples = _examples()
    if examples is None or not hasattr(examples, "build_company"):
        pytest.skip("examples/build_examples.py with build_company() not there yet")
    _check_round_trip_and_shapes(examples.build_company(), shapes)


def test_round_trip_example_cases(shapes: Graph) -> None:
    examples = _examples()
    if examples is None or not hasattr(examples, "build_cases"):
        pytest.skip("examples/build_examples.py with build_cases() not there yet")
    cases = examples.build_cases()
    assert cases
    for case_id, ds in sorted(cases.items()):
        back, problems = rdf_to_dataset(dataset_to_rdf(ds), case_id)
        assert problems == [], case_id
        assert_same(ds, back)
        conforms, violations = validate_shacl(dataset_to_rdf(ds), shapes)
        assert [v.message_en for v in violations] == [], case_id
        assert conforms
