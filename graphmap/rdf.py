"""RDF export and import of a dataset, and SHACL validation.

The vocabulary is the ontology shipped in ``ontology/graphmap.ttl`` (built
from :mod:`graphmap.model` by :mod:`graphmap.ontology_gen`).  Its terms are
named after the model, following the ``Class.property`` convention of
ISO 19150-2 (ontologies derived from application schemas), because the same
field name means different things in different record types (``site`` is
where a person works but where an asset is kept):

* a record type is a class: ``gm:Person``;
* a field is a property of its record type: ``gm:Person.name``,
  ``gm:Disclosure.assets``;
* an enum is a class whose members are SKOS concepts: ``gm:OrgKind``,
  ``gm:OrgKind.supplier``;
* a node record is the resource ``id:<id>`` (``https://graphmap.example/id/``
  plus the url-quoted id), typed with its class, carrying its id again as
  ``gm:<Class>.id``;
* a link record (``Knowledge``, ``Access``, ``Ownership``, ``Directorship``)
  is a resource of its class whose IRI is made from its key
  (``id:Knowledge/PER-0001/STEP-1``), so an export is stable; the direct
  shortcut (``PER-0001 gm:knows STEP-1``) is written beside it.

Values: strings as plain literals, integers as ``xsd:integer``, numbers as
``xsd:decimal``, booleans as ``xsd:boolean`` (``false`` is written, a
missing value is not), dates as ``xsd:date``, enum values and references as
IRIs, list fields as one triple per value.  RDF values of a property are a
set; when a list's order is not the canonical one (or it repeats a value),
the order is kept in a ``gm:listOrder`` note so export then import gives an
equal dataset.

>>> from graphmap import model as m
>>> ds = Dataset()
>>> ds.add(m.Technology(id="T1", name="焼成", grading=["core"]))
>>> back, problems = rdf_to_dataset(dataset_to_rdf(ds))
>>> back.dumps() == ds.dumps(), problems
(True, [])
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final
from urllib.parse import quote, unquote

from pydantic import ValidationError
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDFS, SH, SKOS, XSD
from rdflib.term import Node

from graphmap import model as m
from graphmap.dataset import Dataset, Location, Problem, ProblemKind
from graphmap.resources import ontology_file

__all__ = [
    "ANNOTATION_PROPERTIES",
    "BASE_IRI",
    "DATA",
    "GM",
    "ODRL",
    "ONTOLOGY_IRI",
    "SHAPES",
    "SHAPES_IRI",
    "ShaclViolation",
    "bind_namespaces",
    "class_iri",
    "dataset_to_rdf",
    "enum_class_iri",
    "enum_iri",
    "field_of_property",
    "link_iri",
    "load_ontology",
    "load_shapes",
    "node_iri",
    "property_iri",
    "quiet_rdflib",
    "rdf_to_dataset",
    "record_class_of",
    "shortcut_iri",
    "validate_shacl",
]

#: The one IRI base every graphmap IRI hangs from.
BASE_IRI: Final = "https://graphmap.example/"
#: The ontology (``ontology/graphmap.ttl``).
ONTOLOGY_IRI: Final = URIRef(BASE_IRI + "ontology")
#: The SHACL shapes graph (``ontology/shapes.ttl``).
SHAPES_IRI: Final = URIRef(BASE_IRI + "shapes")
#: Classes and properties: ``gm:Person``, ``gm:Person.name``.
GM: Final = Namespace(BASE_IRI + "ontology#")
#: Data: ``id:PER-0001``.
DATA: Final = Namespace(BASE_IRI + "id/")
#: Shapes: ``gmsh:Person``.
SHAPES: Final = Namespace(BASE_IRI + "shapes#")
#: W3C ODRL 2.2.
ODRL: Final = Namespace("http://www.w3.org/ns/odrl/2/")

#: Annotation and helper properties the ontology declares besides the
#: record fields and link shortcuts.
ANNOTATION_PROPERTIES: Final[tuple[URIRef, ...]] = (
    GM.edgeType,
    GM.reverseEdge,
    GM.personalData,
    GM.sheetName,
    GM.linkSource,
    GM.linkTarget,
    GM.shortcut,
    GM.odrlRule,
    GM.odrlAction,
    GM.listOrder,
    GM.listField,
    GM.listItems,
)

_NODE_TYPES: Final = tuple(c for c in m.RECORD_TYPES if issubclass(c, m.NodeRecord))
_LINK_TYPES: Final = tuple(c for c in m.RECORD_TYPES if issubclass(c, m.LinkRecord))


# ------------------------------------------------------------------ naming


def bind_namespaces(g: Graph) -> Graph:
    """Bind the prefixes graphmap writes (``gm``, ``id``, ``gmsh``, ``prov``,
    ``odrl``, ``skos`` ...) on ``g`` and return it."""
    g.bind("gm", GM)
    g.bind("id", DATA)
    g.bind("gmsh", SHAPES)
    g.bind("prov", PROV)
    g.bind("odrl", ODRL)
    g.bind("skos", SKOS)
    g.bind("owl", OWL)
    g.bind("sh", SH)
    g.bind("xsd", XSD)
    g.bind("rdfs", RDFS)
    return g


def class_iri(cls: type[m.Record] | str) -> URIRef:
    """The class of a record type: ``gm:Person``.

    >>> class_iri(m.Person).n3()
    '<https://graphmap.example/ontology#Person>'
    """
    return GM[cls if isinstance(cls, str) else cls.label]


def property_iri(cls: type[m.Record], field: str) -> URIRef:
    """The property of one field of a record type: ``gm:Person.name``."""
    return GM[f"{cls.label}.{field}"]


def enum_class_iri(enum: type[StrEnum]) -> URIRef:
    """The class (and SKOS concept scheme) of an enum: ``gm:OrgKind``."""
    return GM[enum.__name__]


def enum_iri(enum: type[StrEnum], code: str) -> URIRef:
    """The individual of one enum value: ``gm:OrgKind.supplier``."""
    return GM[f"{enum.__name__}.{code}"]


def _lower_camel(edge: str) -> str:
    head, *rest = edge.lower().split("_")
    return head + "".join(w.capitalize() for w in rest)


def shortcut_iri(cls: type[m.Record]) -> URIRef:
    """The direct property a link record type stands for: ``gm:knows`` for
    ``Knowledge`` (edge ``KNOWS``), ``gm:canAccess`` for ``Access``."""
    if cls.link is None:
        raise ValueError(f"{cls.label} is not a link record type")
    return GM[_lower_camel(cls.link[2])]


def node_iri(node_id: str) -> URIRef:
    """The resource of a node record: ``id:`` plus the url-quoted id."""
    return DATA[quote(node_id, safe="")]


def link_iri(rec: m.Record, occurrence: int = 0) -> URIRef:
    """The resource of a link record, made from its key (ids never contain
    ``/``, so it cannot clash with a node).  ``occurrence`` numbers the
    second and later records with the same key (which
    :func:`graphmap.dataset.check_dataset` reports)."""
    parts = [rec.label, *(quote(k, safe="") for k in rec.key())]
    if occurrence:
        parts.append(str(occurrence + 1))
    return DATA["/".join(parts)]


def record_class_of(iri: Node) -> type[m.Record] | None:
    """The record type of a class IRI, or None."""
    if isinstance(iri, URIRef) and str(iri).startswith(str(GM)):
        name = str(iri)[len(str(GM)) :]
        for cls in m.RECORD_TYPES:
            if cls.label == name:
                return cls
    return None


def field_of_property(iri: Node) -> tuple[type[m.Record], m.FieldInfo] | None:
    """The record type and field of a property IRI, or None."""
    if not (isinstance(iri, URIRef) and str(iri).startswith(str(GM))):
        return None
    label, _, name = str(iri)[len(str(GM)) :].partition(".")
    cls = record_class_of(GM[label])
    if cls is None:
        return None
    for f in cls.fields():
        if f.name == name:
            return cls, f
    return None


# ------------------------------------------------------------------ export


def _decimal_lexical(value: float) -> str:
    """An ``xsd:decimal`` lexical form that reads back as the same float."""
    text = format(Decimal(repr(float(value))), "f")
    return text if "." in text else text + ".0"


def _term(f: m.FieldInfo, value: Any) -> Node:
    if f.kind == "ref":
        return node_iri(str(value))
    if f.kind == "enum":
        return enum_iri(f.enum, str(value.value if isinstance(value, StrEnum) else value))
    if f.kind == "float":
        return Literal(_decimal_lexical(value), datatype=XSD.decimal)
    if f.kind == "int":
        return Literal(int(value), datatype=XSD.integer)
    if f.kind == "bool":
        return Literal(bool(value), datatype=XSD.boolean)
    if f.kind == "date":
        return Literal(value.isoformat(), datatype=XSD.date)
    return Literal(str(value))


def _stable_bnode(subject: Node, prop: Node, part: str) -> BNode:
    """A blank node whose label depends only on what it describes, so the
    same dataset serialises to the same text."""
    digest = hashlib.sha1(f"{subject}|{prop}|{part}".encode()).hexdigest()[:20]
    return BNode(f"gm{digest}")


def _canonical(f: m.FieldInfo, values: Sequence[str]) -> list[str]:
    """A list field's values as a set in canonical order: enum values in
    declaration order, anything else sorted."""
    unique = set(values)
    if f.kind == "enum":
        order = {str(e.value): i for i, e in enumerate(f.enum)}
        return sorted(unique, key=lambda v: (order.get(v, len(order)), v))
    return sorted(unique)


def dataset_to_rdf(ds: Dataset) -> Graph:
    """The dataset as an RDF graph in the graphmap vocabulary.

    Parameters
    ----------
    ds : Dataset
        The records; they need not be checked (dangling references are
        written as they are and reported by :func:`validate_shacl`).

    Returns
    -------
    rdflib.Graph
        One resource per record, prefixes bound.  The same dataset always
        gives the same triples (no blank nodes except list-order notes).

    Notes
    -----
    Complexity: O(records x fields).

    Examples
    --------
    >>> ds = Dataset()
    >>> ds.add(m.Country(id="JP", name_ja="日本"))
    >>> g = dataset_to_rdf(ds)
    >>> str(g.value(node_iri("JP"), property_iri(m.Country, "name_ja")))
    '日本'
    """
    g = bind_namespaces(Graph())
    seen: Counter[tuple[str, ...]] = Counter()
    for rec in ds:
        cls = type(rec)
        if isinstance(rec, m.NodeRecord):
            subject = node_iri(rec.id)
        else:
            key = (rec.label, *rec.key())
            subject = link_iri(rec, seen[key])
            seen[key] += 1
        g.add((subject, RDF.type, class_iri(cls)))
        for f in cls.fields():
            value = getattr(rec, f.name)
            if value is None:
                continue
            prop = property_iri(cls, f.name)
            if not f.many:
                g.add((subject, prop, _term(f, value)))
                continue
            terms = [_term(f, v) for v in value]
            for t in terms:
                g.add((subject, prop, t))
            codes = [str(v.value if isinstance(v, StrEnum) else v) for v in value]
            if len(codes) > 1 and codes != _canonical(f, codes):
                note = _stable_bnode(subject, prop, "note")
                cells = [_stable_bnode(subject, prop, str(i)) for i in range(len(terms))]
                for i, (cell, t) in enumerate(zip(cells, terms, strict=True)):
                    g.add((cell, RDF.first, t))
                    g.add((cell, RDF.rest, cells[i + 1] if i + 1 < len(cells) else RDF.nil))
                head = cells[0]
                g.add((subject, GM.listOrder, note))
                g.add((note, GM.listField, prop))
                g.add((note, GM.listItems, head))
        if cls.link is not None:
            src, dst, _ = cls.link
            g.add(
                (
                    node_iri(getattr(rec, src)),
                    shortcut_iri(cls),
                    node_iri(getattr(rec, dst)),
                )
            )
    return g


# ------------------------------------------------------------------ import


def _local_id(term: Node) -> str | None:
    """The id in a data IRI (``id:PER-0001``), or None for another IRI."""
    text = str(term)
    if isinstance(term, URIRef) and text.startswith(str(DATA)):
        return unquote(text[len(str(DATA)) :])
    return None


def _short(term: Node) -> str:
    """A term as a user reads it: ids for data IRIs, ``gm:`` names,
    lexical forms for literals."""
    text = str(term)
    local = _local_id(term)
    if local is not None:
        return local
    if isinstance(term, URIRef) and text.startswith(str(GM)):
        return "gm:" + text[len(str(GM)) :]
    return text


class _Reader:
    """State of one :func:`rdf_to_dataset` run."""

    def __init__(self, g: Graph, source: str) -> None:
        self.g = g
        self.source = source
        self.problems: list[Problem] = []
        self.ids: dict[Node, str] = {}
        self.unknown_properties: set[tuple[type[m.Record], Node]] = set()

    def problem(
        self,
        kind: ProblemKind,
        cls: type[m.Record] | None,
        column: str | None,
        value: str,
        expected: str = "",
        actual: str = "",
    ) -> None:
        self.problems.append(
            Problem(
                kind=kind,
                location=Location(
                    file=self.source, sheet=cls.label if cls else None, row=None, column=column
                ),
                value=value,
                expected=expected,
                actual=actual[:200],
            )
        )

    def ref_id(self, term: Node) -> str:
        if term in self.ids:
            return self.ids[term]
        local = _local_id(term)
        return local if local is not None else str(term)

    def ref_id_of(self, s: Node, cls: type[m.Record], field: str) -> str:
        """The id a resource's reference field points at, or ``""``."""
        term = self.g.value(s, property_iri(cls, field))
        return self.ref_id(term) if term is not None else ""

    def value(self, f: m.FieldInfo, term: Node) -> str:
        """The model input for one RDF value (lexical forms; the model
        parses them)."""
        if f.kind == "ref":
            return self.ref_id(term)
        if f.kind == "enum":
            prefix = str(enum_class_iri(f.enum)) + "."
            text = str(term)
            return text[len(prefix) :] if text.startswith(prefix) else text
        return str(term)

    def list_order(self, subject: Node, prop: URIRef) -> list[Node] | None:
        for note in self.g.objects(subject, GM.listOrder):
            if self.g.value(note, GM.listField) == prop:
                head = self.g.value(note, GM.listItems)
                if head is not None:
                    return list(Collection(self.g, head))
        return None


def _kind_of_error(err: Any, f: m.FieldInfo | None) -> ProblemKind:
    etype = str(err.get("type", ""))
    if etype == "missing":
        return ProblemKind.missing_field
    if etype in ("enum", "literal_error") or (f is not None and f.kind == "enum"):
        return ProblemKind.bad_enum
    if etype.startswith(("date", "datetime")):
        return ProblemKind.bad_date
    if etype.startswith(("int", "float", "decimal", "greater", "less", "finite")):
        return ProblemKind.bad_number
    if etype.startswith("bool"):
        return ProblemKind.bad_bool
    if "not a valid id" in str(err.get("msg", "")):
        return ProblemKind.bad_id
    return ProblemKind.invalid


def _expected(kind: ProblemKind, f: m.FieldInfo | None, err: Any) -> str:
    if kind is ProblemKind.missing_field and f is not None:
        return f"{f.ja} / {f.name}"
    if kind is ProblemKind.bad_enum and f is not None and f.enum is not None:
        return ", ".join(str(e.value) for e in f.enum)
    msg = str(err.get("msg", ""))
    return msg.removeprefix("Value error, ")


def rdf_to_dataset(g: Graph, source: str = "<rdf>") -> tuple[Dataset, list[Problem]]:
    """Read the records an RDF graph holds in the graphmap vocabulary.

    Parameters
    ----------
    g : rdflib.Graph
        Any graph; resources typed with a graphmap record class are read,
        everything outside the ``gm:`` vocabulary is ignored.
    source : str
        The file name reported in problems and record locations.

    Returns
    -------
    tuple[Dataset, list[Problem]]
        The records that passed model validation (in a stable order) and
        one problem per thing wrong: location ``file=source``,
        ``sheet=<class label>``, ``row=None``, ``column=<field name>``,
        ``value=<node id>``, ``actual=<the offending value>``.
        Whole-dataset checks (unknown references, duplicates) are left to
        :func:`graphmap.dataset.check_dataset`.

    Notes
    -----
    A node's id is its ``gm:<Class>.id`` value, else the id in its IRI.
    A link given only by its shortcut (``PER-1 gm:knows STEP-1``) becomes a
    link record with default values.  Complexity: O(triples).

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((node_iri("T1"), RDF.type, class_iri(m.Technology)))
    >>> ds, problems = rdf_to_dataset(g, "x.ttl")
    >>> len(ds), problems[0].kind.value, problems[0].location.column
    (0, 'missing_field', 'name')
    """
    r = _Reader(g, source)
    ds = Dataset()

    # types: which subjects are which records
    types: dict[Node, list[type[m.Record]]] = {}
    enum_classes = {enum_class_iri(e) for e in m.ENUM_LABELS}
    unknown: dict[Node, list[Node]] = {}
    for s, o in g.subject_objects(RDF.type):
        cls = record_class_of(o)
        if cls is not None:
            types.setdefault(s, []).append(cls)
        elif isinstance(o, URIRef) and str(o).startswith(str(GM)) and o not in enum_classes:
            unknown.setdefault(o, []).append(s)
    for o, nodes in sorted(unknown.items(), key=lambda kv: str(kv[0])):
        # one problem per unknown class, naming its first resource
        first = sorted(nodes, key=str)[0]
        more = f" (+{len(nodes) - 1})" if len(nodes) > 1 else ""
        r.problem(
            ProblemKind.unknown_sheet,
            None,
            None,
            _short(o),
            ", ".join(c.label for c in m.RECORD_TYPES),
            _short(first) + more,
        )
    chosen: dict[Node, type[m.Record]] = {}
    for s, classes in types.items():
        if len(set(classes)) > 1:
            r.problem(
                ProblemKind.invalid,
                classes[0],
                None,
                _short(s),
                "one record type",
                ", ".join(sorted(c.label for c in set(classes))),
            )
            continue
        chosen[s] = classes[0]

    # ids of node resources, so references may use any IRI
    for s, cls in chosen.items():
        if issubclass(cls, m.NodeRecord):
            given = g.value(s, property_iri(cls, "id"))
            if given is not None:
                r.ids[s] = str(given)
            elif _local_id(s) is not None:
                r.ids[s] = str(_local_id(s))

    # resources using graphmap fields without a record type
    field_props = {property_iri(c, f.name) for c in m.RECORD_TYPES for f in c.fields()}
    untyped = {s for s, p in g.subject_predicates() if p in field_props and s not in types}
    for s in sorted(untyped, key=str):
        r.problem(ProblemKind.invalid, None, None, _short(s), "rdf:type gm:<record type>", "")

    shortcuts = {shortcut_iri(c) for c in _LINK_TYPES}
    helper = set(ANNOTATION_PROPERTIES)
    read_keys: set[tuple[str, ...]] = set()
    for cls in m.RECORD_TYPES:
        subjects = sorted((s for s, c in chosen.items() if c is cls), key=str)
        for s in subjects:
            rec = _read_record(r, cls, s, shortcuts | helper)
            if cls.link is not None:
                src, dst, _ = cls.link
                key_data = (cls.label, r.ref_id_of(s, cls, src), r.ref_id_of(s, cls, dst))
                read_keys.add(key_data)
            if rec is not None:
                ds.add(rec, Location(file=source, sheet=cls.label))
        if cls.link is not None:
            _read_shortcuts(r, cls, read_keys, ds)
    return ds, r.problems


def _read_record(
    r: _Reader, cls: type[m.Record], s: Node, allowed_extra: set[URIRef]
) -> m.Record | None:
    g = r.g
    node_id = r.ids.get(s) or _short(s)
    data: dict[str, Any] = {}
    failed = False
    props = {property_iri(cls, f.name): f for f in cls.fields()}
    for p in sorted(set(g.predicates(s)), key=str):
        if (
            isinstance(p, URIRef)
            and str(p).startswith(str(GM))
            and p not in props
            and p not in allowed_extra
            and (cls, p) not in r.unknown_properties
        ):
            # one problem per unknown property of a record type, naming the
            # first resource that uses it
            r.unknown_properties.add((cls, p))
            r.problem(
                ProblemKind.unknown_column,
                cls,
                _short(p),
                _short(p),
                ", ".join(f.name for f in cls.fields()),
                node_id,
            )
    for prop, f in props.items():
        terms = sorted(set(g.objects(s, prop)), key=lambda t: (type(t).__name__, str(t)))
        if not terms:
            continue
        bad = [
            t
            for t in terms
            if (f.kind in ("ref", "enum") and isinstance(t, BNode))
            or (f.kind not in ("ref", "enum") and not isinstance(t, Literal))
        ]
        if bad:
            r.problem(
                ProblemKind.invalid,
                cls,
                f.name,
                node_id,
                "a literal value" if f.kind not in ("ref", "enum") else "an IRI",
                _short(bad[0]),
            )
            failed = True
            continue
        if not f.many:
            if len(terms) > 1:
                r.problem(
                    ProblemKind.invalid,
                    cls,
                    f.name,
                    node_id,
                    "a single value",
                    ", ".join(_short(t) for t in terms),
                )
                failed = True
                continue
            data[f.name] = r.value(f, terms[0])
            continue
        ordered = r.list_order(s, prop)
        if ordered is not None and set(ordered) == set(terms):
            data[f.name] = [r.value(f, t) for t in ordered]
        else:
            data[f.name] = _canonical(f, [r.value(f, t) for t in terms])
    if failed:
        return None
    if issubclass(cls, m.NodeRecord) and "id" not in data and s in r.ids:
        data["id"] = r.ids[s]
    return _validate(r, cls, data, node_id)


def _validate(
    r: _Reader, cls: type[m.Record], data: dict[str, Any], node_id: str
) -> m.Record | None:
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = err.get("loc", ())
            name = str(loc[0]) if loc else None
            f = next((x for x in cls.fields() if x.name == name), None)
            kind = _kind_of_error(err, f)
            actual = "" if kind is ProblemKind.missing_field else str(err.get("input", ""))
            if isinstance(err.get("input"), dict):
                actual = ""
            r.problem(kind, cls, name, node_id, _expected(kind, f, err), actual)
        return None


def _read_shortcuts(
    r: _Reader, cls: type[m.Record], read_keys: set[tuple[str, ...]], ds: Dataset
) -> None:
    """Link records given only by their shortcut property."""
    assert cls.link is not None
    src, dst, _ = cls.link
    pairs = sorted(
        ((r.ref_id(s), r.ref_id(o)) for s, o in r.g.subject_objects(shortcut_iri(cls))),
    )
    for a, b in pairs:
        key = (cls.label, a, b)
        if key in read_keys:
            continue
        read_keys.add(key)
        rec = _validate(r, cls, {src: a, dst: b}, f"{a} / {b}")
        if rec is not None:
            ds.add(rec, Location(file=r.source, sheet=cls.label))


# ------------------------------------------------------------------ SHACL


def load_ontology() -> Graph:
    """The shipped ontology (``ontology/graphmap.ttl``) as a graph."""
    g = bind_namespaces(Graph())
    g.parse(data=ontology_file("graphmap.ttl").read_text("utf-8"), format="turtle")
    return g


def load_shapes() -> Graph:
    """The shipped SHACL shapes (``ontology/shapes.ttl``) as a graph."""
    g = bind_namespaces(Graph())
    g.parse(data=ontology_file("shapes.ttl").read_text("utf-8"), format="turtle")
    return g


@dataclass(frozen=True)
class ShaclViolation:
    """One SHACL validation result, readable in Japanese and English.

    Attributes
    ----------
    focus : str
        The IRI (or blank-node id) of the resource at fault.
    node : str
        The resource as a user knows it: the node id, or the key of a link
        record (``PER-0001 / STEP-1``).
    label : str
        Its record type (``Person``), or ``""`` when untyped.
    path : str
        The field name (``name``), or the property IRI outside graphmap,
        or ``""`` for a rule on the whole resource.
    value : str | None
        The offending value, when there is one.
    message_ja, message_en : str
        Full messages, e.g. ``Person PER-0001: 氏名 / name is required``.
    severity : str
        ``Violation``, ``Warning`` or ``Info``.
    constraint : str
        The SHACL constraint component (``MinCountConstraintComponent``).
    """

    focus: str
    node: str
    label: str
    path: str
    value: str | None
    message_ja: str
    message_en: str
    severity: str
    constraint: str

    def message(self, lang: str = "ja") -> str:
        """The message in ``lang`` (``ja`` or ``en``)."""
        return self.message_ja if lang == "ja" else self.message_en

    def render(self, lang: str = "ja") -> str:
        """The message in ``lang``, with the severity unless it is a
        violation (same shape as :meth:`graphmap.dataset.Problem.render`)."""
        if self.severity == "Violation":
            return self.message(lang)
        return f"[{self.severity}] {self.message(lang)}"


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Silence rdflib's logged warnings (with tracebacks) about ill-typed
    literals while parsing; the model reports those values instead."""
    logger = logging.getLogger("rdflib.term")

    def _drop(record: logging.LogRecord) -> bool:
        return False

    logger.addFilter(_drop)
    try:
        yield
    finally:
        logger.removeFilter(_drop)


def _describe(g: Graph, focus: Node) -> tuple[str, str, str, str]:
    """(node, class label, ja class label, en class label) of a focus node."""
    classes = [c for c in (record_class_of(o) for o in g.objects(focus, RDF.type)) if c]
    if not classes:
        return _short(focus), "", "", ""
    cls = sorted(classes, key=lambda c: c.label)[0]
    if issubclass(cls, m.NodeRecord):
        given = g.value(focus, property_iri(cls, "id"))
        node = str(given) if given is not None else _short(focus)
    elif cls.link is not None:
        parts = []
        for name in cls.link[:2]:
            term = g.value(focus, property_iri(cls, name))
            parts.append(_short(term) if term is not None else "?")
        node = " / ".join(parts)
    else:  # pragma: no cover - every record is a node or a link
        node = _short(focus)
    return node, cls.label, cls.sheet_ja, cls.label


def _texts(results: Graph, r: Node, pred: URIRef) -> dict[str, str]:
    out: dict[str, str] = {}
    for lit in results.objects(r, pred):
        if isinstance(lit, Literal):
            out.setdefault(lit.language or "", str(lit))
    return out


_VALUE_WORD = {"ja": "値", "en": "value"}


def validate_shacl(g: Graph, shapes: Graph | None = None) -> tuple[bool, list[ShaclViolation]]:
    """Validate a graph against the shipped SHACL shapes.

    Parameters
    ----------
    g : rdflib.Graph
        The data, e.g. from :func:`dataset_to_rdf` or a Turtle file.
    shapes : rdflib.Graph, optional
        Shapes to use instead of the shipped ones (pass
        :func:`load_shapes` once to validate many graphs).

    Returns
    -------
    tuple[bool, list[ShaclViolation]]
        Whether the data conforms, and the results in a stable order, with
        messages naming the record and the field, e.g.
        ``Person PER-0001: 氏名 / name is required``.

    Notes
    -----
    No inference is run (``inference="none"``): the data is checked as
    written.  Complexity: O(shapes x focus nodes) plus the SPARQL rules.

    Examples
    --------
    >>> ds = Dataset()
    >>> ds.add(m.Country(id="JP"))
    >>> validate_shacl(dataset_to_rdf(ds))
    (True, [])
    """
    import pyshacl

    shapes_graph = shapes if shapes is not None else load_shapes()
    conforms, results, _ = pyshacl.validate(
        data_graph=g,
        shacl_graph=shapes_graph,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
        meta_shacl=False,
    )
    assert isinstance(results, Graph)
    out: list[ShaclViolation] = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        if focus is None:  # pragma: no cover - pyshacl always sets it
            continue
        value_term = results.value(r, SH.value)
        if record_class_of(focus) is not None and value_term is not None:
            # whole-graph rules (unique link keys) report the class as focus
            # and the offending resource as value
            focus, value_term = value_term, None
        node, label, label_ja, label_en = _describe(g, focus)
        path_term = results.value(r, SH.resultPath)
        fp = field_of_property(path_term) if path_term is not None else None
        path = fp[1].name if fp else (_short(path_term) if isinstance(path_term, URIRef) else "")
        value = _short(value_term) if value_term is not None else None
        texts = _texts(results, r, SH.resultMessage)
        if not ("ja" in texts and "en" in texts):
            # pyshacl drops the language tags of SPARQL constraint messages;
            # read them from the shapes instead
            for source in (SH.sourceConstraint, SH.sourceShape):
                origin = results.value(r, source)
                tagged = _texts(shapes_graph, origin, SH.message) if origin is not None else {}
                if "ja" in tagged and "en" in tagged:
                    texts = tagged
                    break
        severity_term = results.value(r, SH.resultSeverity)
        severity = str(severity_term).rsplit("#", 1)[-1] if severity_term else "Violation"
        component = results.value(r, SH.sourceConstraintComponent)
        constraint = str(component).rsplit("#", 1)[-1] if component else ""
        messages: dict[str, str] = {}
        for lang, cls_label in (("ja", label_ja), ("en", label_en)):
            body = texts.get(lang) or texts.get("") or next(iter(texts.values()), constraint)
            head = f"{cls_label} {node}".strip() if cls_label else node
            text = f"{head}: {body}"
            if value is not None and value not in body and value != node:
                text += f" ({_VALUE_WORD[lang]}: {value})"
            messages[lang] = text
        out.append(
            ShaclViolation(
                focus=str(focus),
                node=node,
                label=label,
                path=path,
                value=value,
                message_ja=messages["ja"],
                message_en=messages["en"],
                severity=severity,
                constraint=constraint,
            )
        )
    out.sort(key=lambda v: (v.label, v.node, v.path, v.constraint, v.message_en))
    return bool(conforms), out
