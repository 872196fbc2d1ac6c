"""The ontology and the shapes stay in step with the model.

Every record type has a class and a node shape, every field a property of
the right kind and the shapes that check it, every enum value an
individual; the ontology holds nothing the model lacks; and the committed
files are exactly what ``python -m graphmap.ontology_gen`` builds.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib import namespace as rdfns  # XSD through it: see tests/test_rdf.py
from rdflib.collection import Collection
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import OWL, PROV, RDFS, SH, SKOS
from rdflib.term import Node

from graphmap import model as m
from graphmap import ontology_gen as gen
from graphmap.rdf import (
    ANNOTATION_PROPERTIES,
    GM,
    ODRL,
    SHAPES,
    class_iri,
    enum_class_iri,
    enum_iri,
    load_ontology,
    load_shapes,
    property_iri,
    shortcut_iri,
)
from graphmap.resources import ontology_file

LINK_TYPES = [c for c in m.RECORD_TYPES if c.link is not None]
ENUMS = list(m.ENUM_LABELS)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _langs(g: Graph, s: Node, p: URIRef) -> dict[str, str]:
    return {o.language or "": str(o) for o in g.objects(s, p) if isinstance(o, Literal)}


def _members(g: Graph, head: Node | None) -> list[Node]:
    assert head is not None
    return list(Collection(g, head))


def _class_targets(g: Graph, expr: Node | None) -> set[Node]:
    """The named classes of a class expression (a class or a union)."""
    assert expr is not None
    union = g.value(expr, OWL.unionOf)
    return set(_members(g, union)) if union is not None else {expr}


def _fields() -> Iterator[tuple[type[m.Record], m.FieldInfo]]:
    for cls in m.RECORD_TYPES:
        for f in cls.fields():
            yield cls, f


# ------------------------------------------------------------ committed files


@pytest.mark.parametrize(
    ("name", "build"),
    [(gen.ONTOLOGY_FILE, gen.build_ontology), (gen.SHAPES_FILE, gen.build_shapes)],
)
def test_committed_file_is_what_the_generator_builds(name: str, build: object) -> None:
    assert callable(build)
    shipped = Graph().parse(data=ontology_file(name).read_text("utf-8"), format="turtle")
    built = build()
    if not gen.same_graph(shipped, built):
        _, only_shipped, only_built = graph_diff(to_isomorphic(shipped), to_isomorphic(built))
        pytest.fail(
            f"ontology/{name} is stale: run `python -m graphmap.ontology_gen`\n"
            f"only in the file: {sorted(map(str, only_shipped))[:5]}\n"
            f"only in the model: {sorted(map(str, only_built))[:5]}"
        )


def test_generator_check_mode(tmp_path: Path) -> None:
    assert gen.main(["--out", str(tmp_path), "--check"]) == 1
    assert gen.main(["--out", str(tmp_path)]) == 0
    assert gen.main(["--out", str(tmp_path), "--check"]) == 0
    text = (tmp_path / gen.ONTOLOGY_FILE).read_text("utf-8")
    assert text.startswith("# Generated from graphmap/model.py")
    assert gen.serialise(gen.build_ontology()) == text  # byte-stable output


# ------------------------------------------------------------ ontology


def test_every_record_type_is_a_class(onto: Graph) -> None:
    for cls in m.RECORD_TYPES:
        c = class_iri(cls)
        assert (c, RDF.type, OWL.Class) in onto, cls.label
        assert _langs(onto, c, RDFS.label)["ja"] == cls.sheet_ja
        assert _langs(onto, c, RDFS.label)["en"]
        assert _langs(onto, c, RDFS.comment) == {"ja": cls.description_ja, "en": cls.description_en}
        assert _langs(onto, c, GM.sheetName) == {"ja": cls.sheet_ja, "en": cls.sheet_en}


def test_every_field_is_a_property_of_the_right_kind(onto: Graph) -> None:
    for cls, f in _fields():
        p = property_iri(cls, f.name)
        where = f"{cls.label}.{f.name}"
        assert onto.value(p, RDFS.domain) == class_iri(cls), where
        assert _langs(onto, p, RDFS.label) == {"ja": f.ja, "en": f.en}, where
        assert ((p, RDF.type, OWL.FunctionalProperty) in onto) is (not f.many), where
        rng = onto.value(p, RDFS.range)
        if f.kind == "ref":
            assert (p, RDF.type, OWL.ObjectProperty) in onto, where
            assert _class_targets(onto, rng) == {class_iri(x) for x in f.ref}, where
            assert (onto.value(p, GM.edgeType) or None) == (Literal(f.edge) if f.edge else None)
            assert ((p, GM.reverseEdge, Literal(True)) in onto) is f.reverse, where
        elif f.kind == "enum":
            assert (p, RDF.type, OWL.ObjectProperty) in onto, where
            assert rng == enum_class_iri(f.enum), where
        else:
            assert (p, RDF.type, OWL.DatatypeProperty) in onto, where
            assert rng == gen.XSD_OF_KIND[f.kind], where
        assert ((p, GM.personalData, Literal(True)) in onto) is f.personal, where


def test_every_enum_value_is_an_individual(onto: Graph) -> None:
    used = {f.enum for _, f in _fields() if f.enum is not None}
    assert used <= set(ENUMS), "an enum without labels in ENUM_LABELS"
    for enum in ENUMS:
        c = enum_class_iri(enum)
        assert (c, RDF.type, OWL.Class) in onto
        assert (c, RDF.type, SKOS.ConceptScheme) in onto
        one_of = onto.value(c, OWL.equivalentClass)
        listed = _members(onto, onto.value(one_of, OWL.oneOf))
        assert listed == [enum_iri(enum, str(v.value)) for v in enum]
        assert set(onto.subjects(RDF.type, c)) == set(listed)
        assert set(m.ENUM_LABELS[enum]) == {str(v.value) for v in enum}
        for v in enum:
            ind = enum_iri(enum, str(v.value))
            ja, en = m.ENUM_LABELS[enum][str(v.value)]
            assert _langs(onto, ind, RDFS.label) == {"ja": ja, "en": en}
            assert _langs(onto, ind, SKOS.prefLabel) == {"ja": ja, "en": en}
            assert onto.value(ind, SKOS.notation) == Literal(str(v.value))
            assert onto.value(ind, SKOS.inScheme) == c


def test_links_are_reified_with_a_shortcut(onto: Graph) -> None:
    for cls in LINK_TYPES:
        assert cls.link is not None
        src, dst, edge = cls.link
        c, sc = class_iri(cls), shortcut_iri(cls)
        assert onto.value(c, GM.shortcut) == sc
        assert onto.value(c, GM.linkSource) == property_iri(cls, src)
        assert onto.value(c, GM.linkTarget) == property_iri(cls, dst)
        assert onto.value(sc, GM.edgeType) == Literal(edge)
        assert (sc, RDF.type, OWL.ObjectProperty) in onto
        chain = _members(onto, onto.value(sc, OWL.propertyChainAxiom))
        assert onto.value(chain[0], OWL.inverseOf) == property_iri(cls, src)
        assert chain[1] == property_iri(cls, dst)
        assert _class_targets(onto, onto.value(sc, RDFS.domain)) == {
            class_iri(x) for x in cls.field(src).ref
        }
    assert shortcut_iri(m.Knowledge) == GM.knows
    assert shortcut_iri(m.Access) == GM.canAccess
    assert shortcut_iri(m.Ownership) == GM.owns
    assert shortcut_iri(m.Directorship) == GM.directorOf


def test_nothing_in_the_ontology_that_the_model_lacks(onto: Graph) -> None:
    expected: set[Node] = {class_iri(c) for c in m.RECORD_TYPES}
    expected |= {property_iri(c, f.name) for c, f in _fields()}
    expected |= {shortcut_iri(c) for c in LINK_TYPES}
    expected |= {enum_class_iri(e) for e in ENUMS}
    expected |= {enum_iri(e, str(v.value)) for e in ENUMS for v in e}
    expected |= set(ANNOTATION_PROPERTIES)
    defined = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(str(GM))}
    used = {
        t for triple in onto for t in triple if isinstance(t, URIRef) and str(t).startswith(str(GM))
    }
    assert defined == expected
    assert used <= expected
    declared_types = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    for s in expected:
        kinds = set(onto.objects(s, RDF.type))
        assert kinds & (declared_types | {OWL.NamedIndividual}), s


def test_prov_and_odrl_alignment(onto: Graph) -> None:
    assert (class_iri(m.Disclosure), RDFS.subClassOf, PROV.Activity) in onto
    assert (class_iri(m.InformationAsset), RDFS.subClassOf, PROV.Entity) in onto
    for cls in (m.Person, m.Organisation):
        assert (class_iri(cls), RDFS.subClassOf, PROV.Agent) in onto
    assert (property_iri(m.Disclosure, "assets"), RDFS.subPropertyOf, PROV.used) in onto
    for name in ("sender", "recipient"):
        assert (
            property_iri(m.Disclosure, name),
            RDFS.subPropertyOf,
            PROV.wasAssociatedWith,
        ) in onto
    assert (class_iri(m.Contract), RDFS.subClassOf, ODRL.Agreement) in onto
    confidentiality = property_iri(m.Contract, "confidentiality")
    assert onto.value(confidentiality, GM.odrlRule) == ODRL.duty
    no_copying = property_iri(m.Contract, "no_copying")
    assert onto.value(no_copying, GM.odrlRule) == ODRL.prohibition
    assert onto.value(no_copying, GM.odrlAction) == ODRL.reproduce
    for name in gen.CONTRACT_CLAUSES:
        assert m.Contract.field(name).kind == "bool"
    for (label, name), _ in gen.PROPERTY_ALIGNMENT.items():
        m.record_type(label).field(name)


def test_same_graph_agrees_with_rdflib_isomorphism() -> None:
    a = Graph().parse(data="<x:a> <x:p> ( <x:b> [ <x:q> 1 ] ) . [] <x:r> <x:c> .", format="turtle")
    b = Graph().parse(data="[] <x:r> <x:c> . <x:a> <x:p> ( <x:b> [ <x:q> 1 ] ) .", format="turtle")
    c = Graph().parse(data="<x:a> <x:p> ( [ <x:q> 1 ] <x:b> ) . [] <x:r> <x:c> .", format="turtle")
    assert gen.same_graph(a, b) and isomorphic(a, b)
    assert not gen.same_graph(a, c) and not isomorphic(a, c)
    shared = Graph().parse(
        data="<x:a> <x:p> _:n . <x:b> <x:p> _:n . _:n <x:q> 1 .", format="turtle"
    )
    assert gen.same_graph(shared, shared)  # falls back to rdflib


def test_record_classes_are_disjoint(onto: Graph) -> None:
    [group] = list(onto.subjects(RDF.type, OWL.AllDisjointClasses))
    assert isinstance(group, BNode)
    assert _members(onto, onto.value(group, OWL.members)) == [class_iri(c) for c in m.RECORD_TYPES]


# ------------------------------------------------------------ shapes


def _property_shapes(shapes: Graph, cls: type[m.Record], name: str) -> list[Node]:
    path = property_iri(cls, name)
    return [
        s for s in shapes.subjects(SH.path, path) if (s, SH.targetClass, class_iri(cls)) in shapes
    ]


def _constraint(shapes: Graph, cls: type[m.Record], name: str, pred: URIRef) -> list[Node]:
    return [o for s in _property_shapes(shapes, cls, name) for o in shapes.objects(s, pred)]


def test_every_record_type_has_a_node_shape(shapes: Graph) -> None:
    for cls in m.RECORD_TYPES:
        ns = SHAPES[cls.label]
        assert (ns, RDF.type, SH.NodeShape) in shapes
        assert shapes.value(ns, SH.targetClass) == class_iri(cls)
        assert set(_langs(shapes, ns, RDFS.label)) == {"ja", "en"}
        if issubclass(cls, m.NodeRecord):
            assert shapes.value(ns, SH.nodeKind) == SH.IRI


def test_every_field_has_matching_shapes(shapes: Graph) -> None:
    for cls, f in _fields():
        where = f"{cls.label}.{f.name}"
        found = _property_shapes(shapes, cls, f.name)
        assert found, where
        for s in found:
            assert shapes.value(s, RDFS.isDefinedBy) == SHAPES[cls.label], where
            assert set(_langs(shapes, s, SH.message)) == {"ja", "en"}, where
            assert _langs(shapes, s, SH.name) == {"ja": f.ja, "en": f.en}, where
        min_count = _constraint(shapes, cls, f.name, SH.minCount)
        assert min_count == ([Literal(1)] if f.required else []), where
        max_count = _constraint(shapes, cls, f.name, SH.maxCount)
        assert max_count == ([] if f.many else [Literal(1)]), where
        datatype = _constraint(shapes, cls, f.name, SH.datatype)
        assert datatype == ([gen.XSD_OF_KIND[f.kind]] if f.kind in gen.XSD_OF_KIND else []), where
        allowed = _constraint(shapes, cls, f.name, SH["in"])
        if f.kind == "enum":
            [head] = allowed
            assert _members(shapes, head) == [enum_iri(f.enum, str(v.value)) for v in f.enum]
        else:
            assert allowed == [], where
        classes: set[Node | None] = set(_constraint(shapes, cls, f.name, SH["class"]))
        for alternatives in _constraint(shapes, cls, f.name, SH["or"]):
            classes |= {shapes.value(a, SH["class"]) for a in _members(shapes, alternatives)}
        assert classes == {class_iri(x) for x in f.ref}, where
        pattern = _constraint(shapes, cls, f.name, SH.pattern)
        assert len(pattern) == (1 if f.name == "id" else 0), where


def test_every_shape_targets_a_model_class_and_path(shapes: Graph) -> None:
    classes = {class_iri(c) for c in m.RECORD_TYPES}
    props = {property_iri(c, f.name) for c, f in _fields()}
    for s in shapes.subjects(RDF.type, SH.PropertyShape):
        assert shapes.value(s, SH.targetClass) in classes
        assert shapes.value(s, SH.path) in props
    for s in shapes.subjects(RDF.type, SH.NodeShape):
        target = shapes.value(s, SH.targetClass) or shapes.value(s, SH.targetNode)
        assert target in classes


def test_domain_rules_in_the_shapes(shapes: Graph) -> None:
    votes = _constraint(shapes, m.Ownership, "votes_pct", SH.maxInclusive)
    assert [float(x) for x in votes if isinstance(x, Literal)] == [100.0]
    assert _constraint(shapes, m.Ownership, "votes_pct", SH.minInclusive) == [
        Literal("0.0", datatype=rdfns.XSD.decimal)
    ]
    assert _constraint(shapes, m.ProcessStep, "order", SH.minInclusive) == [Literal(1)]
    assert _constraint(shapes, m.Disclosure, "sender", SH.disjoint) == [
        property_iri(m.Disclosure, "recipient")
    ]
    assert _constraint(shapes, m.Person, "joined", SH.lessThanOrEquals) == [
        property_iri(m.Person, "left")
    ]
    for label, a, b in (*gen.DISJOINT_RULES, *gen.ORDER_RULES):
        cls = m.record_type(label)
        cls.field(a), cls.field(b)
    for cls in LINK_TYPES:
        assert (SHAPES[f"{cls.label}-unique"], SH.targetNode, class_iri(cls)) in shapes
