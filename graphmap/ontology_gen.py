"""Generate the OWL ontology and the SHACL shapes from :mod:`graphmap.model`.

The model is the one source of truth; ``ontology/graphmap.ttl`` and
``ontology/shapes.ttl`` are built from it here and committed, and a test
checks the committed files are what this module builds.  After changing
the model, run::

    python -m graphmap.ontology_gen          # rewrite both files
    python -m graphmap.ontology_gen --check  # exit 1 if they are stale

Naming follows :mod:`graphmap.rdf`: ``gm:Person``, ``gm:Person.name``,
``gm:OrgKind.supplier``, ``gm:knows``.

The few rules the model states in code rather than metadata (sender and
recipient differ, a date not before another) are listed in
:data:`DISJOINT_RULES` and :data:`ORDER_RULES`; the alignment with W3C
PROV-O and ODRL in :data:`CLASS_ALIGNMENT`, :data:`PROPERTY_ALIGNMENT` and
:data:`CONTRACT_CLAUSES`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, Final

import annotated_types as at
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, RDFS, SH, SKOS, XSD
from rdflib.term import Node

from graphmap import model as m
from graphmap.rdf import (
    ANNOTATION_PROPERTIES,
    GM,
    ODRL,
    ONTOLOGY_IRI,
    SHAPES,
    SHAPES_IRI,
    bind_namespaces,
    class_iri,
    enum_class_iri,
    enum_iri,
    property_iri,
    shortcut_iri,
)

__all__ = [
    "CLASS_ALIGNMENT",
    "CONTRACT_CLAUSES",
    "DISJOINT_RULES",
    "ID_PATTERNS",
    "ONTOLOGY_FILE",
    "ORDER_RULES",
    "PROPERTY_ALIGNMENT",
    "SHAPES_FILE",
    "XSD_OF_KIND",
    "build_ontology",
    "build_shapes",
    "field_bounds",
    "main",
    "same_graph",
    "serialise",
    "write_files",
]

ONTOLOGY_FILE: Final = "graphmap.ttl"
SHAPES_FILE: Final = "shapes.ttl"

#: Range of a plain field by its kind.
XSD_OF_KIND: Final[dict[str, URIRef]] = {
    "str": XSD.string,
    "int": XSD.integer,
    "float": XSD.decimal,
    "bool": XSD.boolean,
    "date": XSD.date,
}

#: How a kind is named in messages (ja, en).
_KIND_WORDS: Final[dict[str, tuple[str, str]]] = {
    "str": ("文字列", "a string"),
    "int": ("整数", "an integer"),
    "float": ("数値（xsd:decimal、例 12.5）", "a decimal number (xsd:decimal, e.g. 12.5)"),
    "bool": ("真偽値（true / false）", "true or false"),
    "date": ("日付（YYYY-MM-DD）", "a date (YYYY-MM-DD)"),
}

#: Record classes that are kinds of PROV-O / ODRL classes.
CLASS_ALIGNMENT: Final[dict[str, tuple[URIRef, ...]]] = {
    "Person": (PROV.Person, PROV.Agent),
    "Organisation": (PROV.Organization, PROV.Agent),
    "InformationAsset": (PROV.Entity,),
    "Disclosure": (PROV.Activity,),
    "Contract": (ODRL.Agreement,),
}

#: Fields that are kinds of PROV-O properties: a disclosure used its
#: assets, was carried out with its sender and recipient (the subproperty
#: tells the role), and an onward disclosure was informed by the first.
PROPERTY_ALIGNMENT: Final[dict[tuple[str, str], tuple[URIRef, ...]]] = {
    ("Disclosure", "assets"): (PROV.used,),
    ("Disclosure", "sender"): (PROV.wasAssociatedWith,),
    ("Disclosure", "recipient"): (PROV.wasAssociatedWith,),
    ("Disclosure", "onward_of"): (PROV.wasInformedBy,),
}

#: Contract clause flags as ODRL rules: (rule, action or None).
CONTRACT_CLAUSES: Final[dict[str, tuple[URIRef, URIRef | None]]] = {
    "confidentiality": (ODRL.duty, None),
    "purpose_limitation": (ODRL.prohibition, ODRL.use),
    "no_third_party_disclosure": (ODRL.prohibition, ODRL.distribute),
    "subcontract_approval": (ODRL.duty, ODRL.obtainConsent),
    "no_copying": (ODRL.prohibition, ODRL.reproduce),
    "no_reverse_engineering": (ODRL.prohibition, ODRL.derive),
    "return_or_destroy": (ODRL.duty, ODRL.delete),
    "non_compete": (ODRL.prohibition, None),
    "audit_rights": (ODRL.permission, None),
    "change_of_control": (ODRL.permission, None),
    "publication_approval": (ODRL.duty, ODRL.obtainConsent),
}

#: (record type, field, other field): the two must differ (the model's
#: ``_self`` validators).
DISJOINT_RULES: Final[tuple[tuple[str, str, str], ...]] = (
    ("Disclosure", "sender", "recipient"),
    ("Ownership", "owner", "owned"),
)

#: (record type, earlier, later): the earlier date may not come after the
#: later one (the model's ``_dates`` validators).
ORDER_RULES: Final[tuple[tuple[str, str, str], ...]] = tuple(
    (cls.label, earlier, later) for cls in m.RECORD_TYPES for earlier, later in cls.date_order
)

#: Id patterns by record type; the rest use :data:`graphmap.model.ID_PATTERN`.
ID_PATTERNS: Final[dict[str, tuple[str, str, str]]] = {
    "Country": (
        "^[A-Z]{2}$",
        "ISO 3166 の2文字の国コード（大文字）",
        "a two-letter ISO 3166 country code in capitals",
    ),
}
_ID_WORDS: Final = (
    "英数字と _ . : - のみ、先頭は英数字、128文字まで",
    "letters, digits and _ . : - only, starting with a letter or digit, up to 128 characters",
)

_HEADER: Final = (
    "# Generated from graphmap/model.py by `python -m graphmap.ontology_gen`.\n"
    "# Do not edit by hand: change the model and regenerate.\n"
)


# ------------------------------------------------------------------ helpers


def _words(label: str) -> str:
    """``InformationAsset`` -> ``Information asset``."""
    parts = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", label)
    text = " ".join(p.lower() for p in parts)
    return text[:1].upper() + text[1:]


def _ja_en(g: Graph, subject: Node, pred: URIRef, ja: str | None, en: str | None) -> None:
    if ja:
        g.add((subject, pred, Literal(ja, lang="ja")))
    if en:
        g.add((subject, pred, Literal(en, lang="en")))


def _list(g: Graph, items: Sequence[Node]) -> BNode:
    head = BNode()
    Collection(g, head, list(items))
    return head


def _class_expr(g: Graph, labels: Sequence[str]) -> Node:
    """One class, or the union of several."""
    if len(labels) == 1:
        return class_iri(labels[0])
    union = BNode()
    g.add((union, RDF.type, OWL.Class))
    g.add((union, OWL.unionOf, _list(g, [class_iri(x) for x in labels])))
    return union


def _label(f: m.FieldInfo) -> str:
    """How a field is named in messages: the column header importers take."""
    return f"{f.ja} / {f.name}"


def _cls(label: str) -> type[m.Record]:
    return next(c for c in m.RECORD_TYPES if c.label == label)


def field_bounds(cls: type[m.Record], name: str) -> tuple[Decimal | None, Decimal | None]:
    """(minimum, maximum), inclusive, of a numeric field: from its
    ``ge``/``le`` constraints and from the model's percentage validator."""
    info = cls.model_fields[name]
    lo: Decimal | None = None
    hi: Decimal | None = None
    for meta in info.metadata:
        if isinstance(meta, at.Ge):
            lo = Decimal(str(meta.ge))
        elif isinstance(meta, at.Le):
            hi = Decimal(str(meta.le))
    for dec in cls.__pydantic_decorators__.field_validators.values():
        func = getattr(dec.func, "__func__", dec.func)
        if func is m._pct and name in dec.info.fields:
            lo, hi = Decimal(0), Decimal(100)
    return lo, hi


def _enums() -> list[type[StrEnum]]:
    return list(m.ENUM_LABELS)


# ------------------------------------------------------------------ ontology


def _declare_annotations(g: Graph) -> None:
    words: dict[URIRef, tuple[str, str, str]] = {
        GM.edgeType: (
            "エッジ種別",
            "edge type",
            "The edge type (Cypher relationship type) a field or link becomes in the graph.",
        ),
        GM.reverseEdge: (
            "逆向きエッジ",
            "reverse edge",
            "True when the edge runs from the referenced node to the record.",
        ),
        GM.personalData: (
            "個人データ",
            "personal data",
            "True for personal data, left out with --no-personal-data.",
        ),
        GM.sheetName: (
            "シート名",
            "sheet name",
            "The sheet or file name a record type is read from.",
        ),
        GM.linkSource: (
            "リンク元の項目",
            "link source field",
            "The field of a link record the edge starts from.",
        ),
        GM.linkTarget: (
            "リンク先の項目",
            "link target field",
            "The field of a link record the edge goes to.",
        ),
        GM.shortcut: (
            "直接の関係",
            "shortcut property",
            "The direct property a link record type stands for.",
        ),
        GM.odrlRule: (
            "ODRLの規則",
            "ODRL rule",
            "The ODRL rule (duty, prohibition, permission) a clause flag states.",
        ),
        GM.odrlAction: ("ODRLの行為", "ODRL action", "The ODRL action a clause flag is about."),
        GM.listOrder: (
            "並び順",
            "list order",
            "The order a source listed a field's values in; carries no meaning.",
        ),
        GM.listField: ("並び順の項目", "list field", "The field a list-order note is about."),
        GM.listItems: ("並び順の値", "list items", "The values of a list-order note, in order."),
    }
    assert set(words) == set(ANNOTATION_PROPERTIES)
    for iri in ANNOTATION_PROPERTIES:
        ja, en, comment = words[iri]
        g.add((iri, RDF.type, OWL.AnnotationProperty))
        _ja_en(g, iri, RDFS.label, ja, en)
        g.add((iri, RDFS.comment, Literal(comment, lang="en")))


def _add_enum(g: Graph, enum: type[StrEnum]) -> None:
    cls = enum_class_iri(enum)
    g.add((cls, RDF.type, OWL.Class))
    g.add((cls, RDF.type, SKOS.ConceptScheme))
    _ja_en(g, cls, RDFS.label, None, _words(enum.__name__))
    members = []
    for value in enum:
        code = str(value.value)
        ind = enum_iri(enum, code)
        members.append(ind)
        ja, en = m.ENUM_LABELS[enum][code]
        g.add((ind, RDF.type, OWL.NamedIndividual))
        g.add((ind, RDF.type, cls))
        g.add((ind, RDF.type, SKOS.Concept))
        g.add((ind, SKOS.inScheme, cls))
        g.add((ind, SKOS.topConceptOf, cls))
        g.add((cls, SKOS.hasTopConcept, ind))
        g.add((ind, SKOS.notation, Literal(code)))
        _ja_en(g, ind, RDFS.label, ja, en)
        _ja_en(g, ind, SKOS.prefLabel, ja, en)
    one_of = BNode()
    g.add((one_of, RDF.type, OWL.Class))
    g.add((one_of, OWL.oneOf, _list(g, members)))
    g.add((cls, OWL.equivalentClass, one_of))


def _add_field(g: Graph, cls: type[m.Record], f: m.FieldInfo) -> None:
    prop = property_iri(cls, f.name)
    if f.kind in ("ref", "enum"):
        g.add((prop, RDF.type, OWL.ObjectProperty))
        if f.kind == "ref":
            g.add((prop, RDFS.range, _class_expr(g, f.ref)))
        else:
            g.add((prop, RDFS.range, enum_class_iri(f.enum)))
    else:
        g.add((prop, RDF.type, OWL.DatatypeProperty))
        g.add((prop, RDFS.range, XSD_OF_KIND[f.kind]))
    if not f.many:
        g.add((prop, RDF.type, OWL.FunctionalProperty))
    g.add((prop, RDFS.domain, class_iri(cls)))
    _ja_en(g, prop, RDFS.label, f.ja, f.en)
    if f.edge:
        g.add((prop, GM.edgeType, Literal(f.edge)))
    if f.reverse:
        g.add((prop, GM.reverseEdge, Literal(True)))
    if f.personal:
        g.add((prop, GM.personalData, Literal(True)))
    for sup in PROPERTY_ALIGNMENT.get((cls.label, f.name), ()):
        g.add((prop, RDFS.subPropertyOf, sup))
    if cls is m.Contract and f.name in CONTRACT_CLAUSES:
        rule, action = CONTRACT_CLAUSES[f.name]
        g.add((prop, GM.odrlRule, rule))
        if action is not None:
            g.add((prop, GM.odrlAction, action))


def _add_link(g: Graph, cls: type[m.Record]) -> None:
    assert cls.link is not None
    src, dst, edge = cls.link
    c = class_iri(cls)
    sc = shortcut_iri(cls)
    g.add((c, GM.edgeType, Literal(edge)))
    g.add((c, GM.linkSource, property_iri(cls, src)))
    g.add((c, GM.linkTarget, property_iri(cls, dst)))
    g.add((c, GM.shortcut, sc))
    g.add((sc, RDF.type, OWL.ObjectProperty))
    _ja_en(g, sc, RDFS.label, cls.sheet_ja, edge.lower().replace("_", " "))
    g.add((sc, RDFS.comment, Literal(cls.description_ja, lang="ja")))
    g.add((sc, RDFS.comment, Literal(cls.description_en, lang="en")))
    g.add((sc, RDFS.domain, _class_expr(g, cls.field(src).ref)))
    g.add((sc, RDFS.range, _class_expr(g, cls.field(dst).ref)))
    g.add((sc, GM.edgeType, Literal(edge)))
    inverse = BNode()
    g.add((inverse, OWL.inverseOf, property_iri(cls, src)))
    g.add((sc, OWL.propertyChainAxiom, _list(g, [inverse, property_iri(cls, dst)])))


def build_ontology() -> Graph:
    """The OWL ontology of the model.

    Returns
    -------
    rdflib.Graph
        One ``owl:Class`` per record type (labels and comments in Japanese
        and English), one property per field (``owl:DatatypeProperty`` with
        an XSD range for plain fields, ``owl:ObjectProperty`` for references
        and enums; functional when single-valued), one class and SKOS
        concept scheme per enum with one individual per value, one shortcut
        property per link type with its property chain, and the PROV-O and
        ODRL alignments.

    Examples
    --------
    >>> g = build_ontology()
    >>> (class_iri(m.Person), RDF.type, OWL.Class) in g
    True
    """
    g = bind_namespaces(Graph())
    o = ONTOLOGY_IRI
    g.add((o, RDF.type, OWL.Ontology))
    _ja_en(
        g,
        o,
        RDFS.label,
        "graphmap 技術流出リスクのオントロジー",
        "graphmap technology-leakage ontology",
    )
    _ja_en(
        g,
        o,
        RDFS.comment,
        "技術流出防止の指針に沿って、技術・人・組織・契約・情報提供の関係を表す語彙。"
        "graphmap のデータモデルから生成。",
        "Vocabulary for technologies, people, organisations, contracts and disclosures "
        "along the METI technology-leakage guidance; generated from the graphmap data model.",
    )
    g.add((o, RDFS.seeAlso, URIRef("http://www.w3.org/ns/prov-o")))
    g.add((o, RDFS.seeAlso, URIRef(str(ODRL))))
    _declare_annotations(g)

    for enum in _enums():
        _add_enum(g, enum)

    for cls in m.RECORD_TYPES:
        c = class_iri(cls)
        g.add((c, RDF.type, OWL.Class))
        _ja_en(g, c, RDFS.label, cls.sheet_ja, _words(cls.label))
        _ja_en(g, c, RDFS.comment, cls.description_ja, cls.description_en)
        _ja_en(g, c, GM.sheetName, cls.sheet_ja, cls.sheet_en)
        for sup in CLASS_ALIGNMENT.get(cls.label, ()):
            g.add((c, RDFS.subClassOf, sup))
        for f in cls.fields():
            _add_field(g, cls, f)
        if cls.link is not None:
            _add_link(g, cls)

    disjoint = BNode()
    g.add((disjoint, RDF.type, OWL.AllDisjointClasses))
    g.add((disjoint, OWL.members, _list(g, [class_iri(c) for c in m.RECORD_TYPES])))
    return g


# ------------------------------------------------------------------ shapes


def _shape(
    g: Graph,
    node_shape: URIRef,
    name: str,
    cls: type[m.Record],
    f: m.FieldInfo,
    ja: str,
    en: str,
    constraints: Iterable[tuple[URIRef, Node]],
) -> URIRef:
    shape = SHAPES[f"{cls.label}.{f.name}-{name}"]
    # Targeted itself rather than hung off the node shape with sh:property:
    # pyshacl checks a sh:property once per focus node, a targeted shape
    # once for all of them (about ten times faster on a company's data).
    g.add((shape, SH.targetClass, class_iri(cls)))
    g.add((shape, RDFS.isDefinedBy, node_shape))
    g.add((shape, RDF.type, SH.PropertyShape))
    g.add((shape, SH.path, property_iri(cls, f.name)))
    _ja_en(g, shape, SH.name, f.ja, f.en)
    for pred, obj in constraints:
        g.add((shape, pred, obj))
    _ja_en(g, shape, SH.message, ja, en)
    return shape


def _field_shapes(g: Graph, ns: URIRef, cls: type[m.Record], f: m.FieldInfo) -> None:
    lbl = _label(f)
    if f.required:
        if f.many:
            ja, en = f"{lbl} は1つ以上必要です", f"{lbl} needs at least one value"
        else:
            ja, en = f"{lbl} は必須です", f"{lbl} is required"
        _shape(g, ns, "required", cls, f, ja, en, [(SH.minCount, Literal(1))])
    if not f.many:
        _shape(
            g,
            ns,
            "single",
            cls,
            f,
            f"{lbl} には値を1つだけ指定できます",
            f"{lbl} takes a single value",
            [(SH.maxCount, Literal(1))],
        )
    if f.kind in XSD_OF_KIND:
        w_ja, w_en = _KIND_WORDS[f.kind]
        _shape(
            g,
            ns,
            "datatype",
            cls,
            f,
            f"{lbl} は{w_ja}で指定してください",
            f"{lbl} must be {w_en}",
            [(SH.datatype, XSD_OF_KIND[f.kind])],
        )
    if f.kind == "enum":
        codes = [str(v.value) for v in f.enum]
        _shape(
            g,
            ns,
            "values",
            cls,
            f,
            f"{lbl} の値が一覧にありません（使える値: {', '.join(codes)}）",
            f"{lbl} has a value not in the list (allowed: {', '.join(codes)})",
            [(SH["in"], _list(g, [enum_iri(f.enum, c) for c in codes]))],
        )
    if f.kind == "ref":
        targets = [_cls(x) for x in f.ref]
        t_ja = "または".join(f"「{t.sheet_ja}」" for t in targets)
        t_en = " or ".join(t.label for t in targets)
        if len(targets) == 1:
            constraint: tuple[URIRef, Node] = (SH["class"], class_iri(targets[0]))
        else:
            alternatives = []
            for t in targets:
                alt = BNode()
                g.add((alt, SH["class"], class_iri(t)))
                alternatives.append(alt)
            constraint = (SH["or"], _list(g, alternatives))
        _shape(
            g,
            ns,
            "class",
            cls,
            f,
            f"{lbl} は{t_ja}のIDを指す必要があります",
            f"{lbl} must refer to a {t_en}",
            [constraint],
        )
    if f.name == "id":
        pattern, w_ja, w_en = ID_PATTERNS.get(cls.label, (m.ID_PATTERN.pattern, *_ID_WORDS))
        _shape(
            g,
            ns,
            "pattern",
            cls,
            f,
            f"{lbl} の形式が不正です（{w_ja}）",
            f"{lbl} is not a valid id ({w_en})",
            [(SH.pattern, Literal(pattern))],
        )
    if f.kind in ("int", "float"):
        lo, hi = field_bounds(cls, f.name)
        bounds: list[tuple[URIRef, Node]] = []

        def num(x: Decimal) -> Literal:
            if f.kind == "int":
                return Literal(int(x))
            # the lexical form Turtle writes back, so the file reads as built
            text = format(x, "f")
            return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)

        if lo is not None:
            bounds.append((SH.minInclusive, num(lo)))
        if hi is not None:
            bounds.append((SH.maxInclusive, num(hi)))
        if lo is not None and hi is not None:
            ja, en = f"{lbl} は {lo} 以上 {hi} 以下です", f"{lbl} must be between {lo} and {hi}"
        elif lo is not None:
            ja, en = f"{lbl} は {lo} 以上です", f"{lbl} must be at least {lo}"
        elif hi is not None:
            ja, en = f"{lbl} は {hi} 以下です", f"{lbl} must be at most {hi}"
        if bounds:
            _shape(g, ns, "range", cls, f, ja, en, bounds)


def _rule_shapes(g: Graph, ns: URIRef, cls: type[m.Record]) -> None:
    for label, name, other in DISJOINT_RULES:
        if label != cls.label:
            continue
        f, o = cls.field(name), cls.field(other)
        _shape(
            g,
            ns,
            "differs",
            cls,
            f,
            f"{_label(f)} と {_label(o)} が同じです",
            f"{_label(f)} and {_label(o)} must differ",
            [(SH.disjoint, property_iri(cls, other))],
        )
    for label, earlier, later in ORDER_RULES:
        if label != cls.label:
            continue
        f, o = cls.field(earlier), cls.field(later)
        _shape(
            g,
            ns,
            "order",
            cls,
            f,
            f"{_label(f)} が {_label(o)} より後になっています",
            f"{_label(f)} is after {_label(o)}",
            [(SH.lessThanOrEquals, property_iri(cls, later))],
        )
    if cls.link is not None:
        src, dst, _ = cls.link
        fs, fd = cls.field(src), cls.field(dst)
        p_src, p_dst = property_iri(cls, src).n3(), property_iri(cls, dst).n3()
        # One query over the whole graph, run once (its focus node is the
        # class; the duplicate is the value): a per-link query is parsed and
        # run for every link, which is slow.  The properties belong to this
        # class only, so no type test is needed.
        query = (
            "SELECT $this ?value WHERE {\n"
            f"  ?value {p_src} ?a .\n"
            f"  ?value {p_dst} ?b .\n"
            f"  ?other {p_src} ?a .\n"
            f"  ?other {p_dst} ?b .\n"
            "  FILTER (?other != ?value)\n"
            "}"
        )
        unique = SHAPES[f"{cls.label}-unique"]
        rule = SHAPES[f"{cls.label}-unique-query"]
        g.add((unique, RDF.type, SH.NodeShape))
        g.add((unique, SH.targetNode, class_iri(cls)))
        g.add((unique, RDFS.isDefinedBy, ns))
        g.add((unique, SH.sparql, rule))
        g.add((rule, RDF.type, SH.SPARQLConstraint))
        g.add((rule, SH.select, Literal(query)))
        _ja_en(
            g,
            rule,
            SH.message,
            f"同じ {_label(fs)} と {_label(fd)} の組み合わせが重複しています",
            f"another {cls.label} has the same {_label(fs)} and {_label(fd)}",
        )


def build_shapes() -> Graph:
    """The SHACL shapes of the model.

    Returns
    -------
    rdflib.Graph
        One ``sh:NodeShape`` per record type (``gmsh:Person``, targeting
        ``gm:Person``; node records must be IRIs) and, per field, one
        property shape per constraint, so that every result carries a
        precise message in Japanese and English.  Property shapes target
        the class themselves and point at their node shape with
        ``rdfs:isDefinedBy`` (pyshacl checks targeted shapes in one pass
        over all focus nodes, ``sh:property`` once per node).  Constraints:
        ``sh:minCount 1`` for required fields, ``sh:maxCount 1`` for single
        values, ``sh:datatype`` for plain fields, ``sh:in`` for
        enums, ``sh:class`` (``sh:or`` of them for several types) for
        references, ``sh:pattern`` for ids, numeric bounds; plus the
        model's rules: values that must differ (``sh:disjoint``), dates in
        order (``sh:lessThanOrEquals``) and unique link keys (SPARQL).

    Examples
    --------
    >>> g = build_shapes()
    >>> (SHAPES["Person"], SH.targetClass, class_iri(m.Person)) in g
    True
    """
    g = bind_namespaces(Graph())
    g.add((SHAPES_IRI, RDF.type, OWL.Ontology))
    g.add((SHAPES_IRI, OWL.imports, ONTOLOGY_IRI))
    _ja_en(g, SHAPES_IRI, RDFS.label, "graphmap のSHACLシェイプ", "graphmap SHACL shapes")
    for cls in m.RECORD_TYPES:
        ns = SHAPES[cls.label]
        g.add((ns, RDF.type, SH.NodeShape))
        g.add((ns, SH.targetClass, class_iri(cls)))
        _ja_en(g, ns, RDFS.label, cls.sheet_ja, cls.label)
        if issubclass(cls, m.NodeRecord):
            g.add((ns, SH.nodeKind, SH.IRI))
            _ja_en(
                g,
                ns,
                SH.message,
                f"{cls.sheet_ja}は IRI で表します（空白ノードは使えません）",
                f"a {cls.label} must be an IRI, not a blank node",
            )
        for f in cls.fields():
            _field_shapes(g, ns, cls, f)
        _rule_shapes(g, ns, cls)
    return g


# ------------------------------------------------------------------ files


def serialise(g: Graph) -> str:
    """Turtle text of a generated graph, with the do-not-edit header."""
    return _HEADER + "\n" + g.serialize(format="turtle")


def _default_dir() -> Path:
    """The checkout's ``ontology/`` folder (beside the ``graphmap/`` package),
    else wherever the installed ``graphmap.ontology`` package lives."""
    checkout = Path(__file__).resolve().parent.parent / "ontology"
    if (checkout / "__init__.py").exists():
        return checkout
    return Path(str(resources.files("graphmap.ontology")))


def write_files(directory: Path | None = None) -> list[Path]:
    """Write ``graphmap.ttl`` and ``shapes.ttl`` into ``directory`` (the
    ``ontology/`` folder of the checkout by default); return the paths."""
    out_dir = directory or _default_dir()
    paths = []
    for name, g in ((ONTOLOGY_FILE, build_ontology()), (SHAPES_FILE, build_shapes())):
        path = out_dir / name
        path.write_text(serialise(g), encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def _tree_signature(g: Graph) -> list[str] | None:
    """A sorted, comparable form of a graph whose blank nodes form trees
    (each used as an object at most once, no cycles), as the generated
    graphs' lists and class expressions do: every blank node is replaced
    by the signature of what it says.  None for other graphs."""
    uses: dict[Node, int] = {}
    for o in g.objects():
        if isinstance(o, BNode):
            uses[o] = uses.get(o, 0) + 1
    if any(n > 1 for n in uses.values()):
        return None
    memo: dict[Node, str] = {}

    def sig(node: Node, depth: int = 0) -> str:
        if not isinstance(node, BNode):
            return node.n3()
        if depth > 200:
            raise RecursionError("blank-node cycle")
        if node not in memo:
            inner = sorted(f"{p.n3()} {sig(o, depth + 1)}" for p, o in g.predicate_objects(node))
            memo[node] = "[" + " ; ".join(inner) + "]"
        return memo[node]

    try:
        out = [
            f"{sig(s)} {p.n3()} {sig(o)}"
            for s, p, o in g
            if not isinstance(s, BNode) or s not in uses
        ]
    except RecursionError:
        return None
    return sorted(out)


def same_graph(a: Graph, b: Graph) -> bool:
    """Whether two graphs hold the same triples up to blank-node names:
    a linear-time comparison for tree-shaped blank nodes, else
    :func:`rdflib.compare.isomorphic` (which is slow on the generated
    files' hundreds of lists)."""
    sa, sb = _tree_signature(a), _tree_signature(b)
    if sa is not None and sb is not None:
        return sa == sb
    return isomorphic(a, b)


def _stale(directory: Path) -> list[str]:
    stale = []
    for name, build in ((ONTOLOGY_FILE, build_ontology), (SHAPES_FILE, build_shapes)):
        path = directory / name
        if not path.exists():
            stale.append(name)
            continue
        current = Graph().parse(data=path.read_text("utf-8"), format="turtle")
        if not same_graph(current, build()):
            stale.append(name)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: rewrite the files, or with ``--check`` report stale ones."""
    parser = argparse.ArgumentParser(prog="python -m graphmap.ontology_gen", description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="folder to write to")
    parser.add_argument("--check", action="store_true", help="exit 1 if the files are stale")
    args: Any = parser.parse_args(argv)
    directory = args.out or _default_dir()
    if args.check:
        stale = _stale(directory)
        for name in stale:
            print(f"stale: {directory / name}", file=sys.stderr)
        return 1 if stale else 0
    for path in write_files(directory):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
