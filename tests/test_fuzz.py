"""Fuzzing: every importer on random input ends in a dataset or in located
problems, never in another exception; the analyses on random valid graphs
never crash and keep their invariants.

Example counts are bounded so the whole module runs in well under a
minute; set ``GRAPHMAP_FUZZ_EXAMPLES`` to run more locally.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from graphmap import model as m
from graphmap.dataset import Dataset, Problem, ProblemKind, check_dataset
from importers import read_sources

EXAMPLES = int(os.environ.get("GRAPHMAP_FUZZ_EXAMPLES", "0")) or None


def fuzz(n: int) -> Any:
    """Hypothesis settings for one fuzz test: ``n`` examples (CI)."""
    return settings(
        max_examples=EXAMPLES or n,
        deadline=None,
        derandomize=os.environ.get("CI") == "true",
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def _read(path: Path) -> tuple[Dataset, list[Problem]]:
    """Read one source; any exception escaping the importer fails the test."""
    ds, problems, total = read_sources([path])
    assert total >= len(problems)
    for p in problems:
        assert isinstance(p.kind, ProblemKind)
        assert p.location.file
        assert p.render("ja") and p.render("en")
    if not problems:
        assert check_dataset(ds) == []
    return ds, problems


# ------------------------------------------------------------- importers

HEADERS = [h for f in m.Organisation.fields() for h in (f.name, f.ja)] + ["", "id", "名前", "#x", "備考"]
CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["ORG-1", "ＯＲＧ－１", "supplier", "仕入先", "JP", "cn", "2024-02-30", "45000", "=1+1", "yes"]),
    st.integers(-(10**6), 10**6).map(str),
)


@fuzz(60)
@given(data=st.binary(max_size=3000))
def test_csv_bytes(tmp_path_factory: Any, data: bytes) -> None:
    path = tmp_path_factory.mktemp("f") / "organisations.csv"
    path.write_bytes(data)
    _read(path)


@fuzz(60)
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    rows=st.lists(st.lists(CELL, max_size=9), max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp932"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_csv_tables(
    tmp_path_factory: Any, header: list[str], rows: list[list[str]], encoding: str, newline: str
) -> None:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator=newline).writerows([header, *rows])
    text = buf.getvalue()
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    path = tmp_path_factory.mktemp("f") / "組織.csv"
    path.write_bytes(data)
    _read(path)


XLSX_CELL = st.one_of(
    st.none(),
    CELL,
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 1, 1)),
)


@fuzz(20)
@given(
    sheet=st.sampled_from(["組織", "organisations", "人員", "people", "Sheet", "_lists", "説明_help"]),
    header=st.lists(st.sampled_from([*HEADERS, "氏名", "所属組織", "入社日"]), min_size=1, max_size=6),
    rows=st.lists(st.lists(XLSX_CELL, max_size=7), max_size=6),
)
def test_workbooks(tmp_path_factory: Any, sheet: str, header: list[str], rows: list[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    try:
        ws.append(header)
        for row in rows:
            ws.append(row)
    except IllegalCharacterError:
        return  # openpyxl cannot write control characters; nothing to read
    path = tmp_path_factory.mktemp("f") / "book.xlsx"
    wb.save(path)
    _read(path)


@fuzz(30)
@given(data=st.binary(max_size=2000))
def test_workbook_bytes(tmp_path_factory: Any, data: bytes) -> None:
    path = tmp_path_factory.mktemp("f") / "book.xlsx"
    path.write_bytes(b"PK\x03\x04" + data)
    _read(path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(HEADERS), inner, max_size=4),
    max_leaves=20,
)


@fuzz(40)
@given(
    doc=st.one_of(
        JSON_VALUES,
        st.dictionaries(
            st.sampled_from(["organisations", "組織", "people", "_anchors", "widgets"]),
            st.lists(st.dictionaries(st.sampled_from(HEADERS), JSON_VALUES, max_size=5), max_size=4) | JSON_VALUES,
            max_size=3,
        ),
    ),
    kind=st.sampled_from(["json", "yaml"]),
)
def test_structured(tmp_path_factory: Any, doc: Any, kind: str) -> None:
    import yaml

    text = json.dumps(doc, ensure_ascii=False) if kind == "json" else yaml.safe_dump(doc, allow_unicode=True)
    path = tmp_path_factory.mktemp("f") / f"company.{kind}"
    path.write_text(text, "utf-8")
    _read(path)


@fuzz(40)
@given(text=st.text(max_size=400))
def test_yaml_text(tmp_path_factory: Any, text: str) -> None:
    path = tmp_path_factory.mktemp("f") / "organisations.yaml"
    path.write_text(text, "utf-8")
    _read(path)


TURTLE_PARTS = st.sampled_from(
    [
        "@prefix gm: <https://graphmap.example/ontology#> .\n",
        "<ORG-1> a gm:Organisation ; gm:Organisation.name \"甲\" ; gm:Organisation.kind \"supplier\" .\n",
        "<ORG-1> gm:Organisation.country <CN> .\n",
        "<PER-1> a gm:Person ; gm:Person.name \"乙\" ; gm:Person.employer <ORG-1> .\n",
        "<PER-1> gm:Person.joined \"2024-02-30\"^^<http://www.w3.org/2001/XMLSchema#date> .\n",
        "<X> <y> <z> .\n",
        '"unterminated',
        "( ( ( ) ) )",
        "<ORG-1> a gm:Nothing .\n",
    ]
)


@fuzz(40)
@given(parts=st.lists(TURTLE_PARTS | st.text(max_size=20), max_size=8), suffix=st.sampled_from(["ttl", "jsonld"]))
def test_rdf(tmp_path_factory: Any, parts: list[str], suffix: str) -> None:
    path = tmp_path_factory.mktemp("f") / f"company.{suffix}"
    path.write_text("".join(parts), "utf-8")
    _read(path)


# ------------------------------------------------------ random valid graphs

COUNTRIES = ["JP", "CN", "US", "KR", "TW", "DE", "RU"]
SIZES = {
    "Country": 0,
    "Organisation": 6,
    "Unit": 3,
    "Policy": 2,
    "Site": 3,
    "Technology": 3,
    "ProcessStep": 6,
    "InformationAsset": 6,
    "Person": 10,
    "Equipment": 3,
    "Contract": 4,
    "Project": 2,
    "DueDiligence": 3,
    "Disclosure": 10,
    "Knowledge": 15,
    "Access": 12,
    "Ownership": 6,
    "Directorship": 4,
}


def _value(rnd: random.Random, f: m.FieldInfo, ids: dict[str, list[str]]) -> Any:
    if f.kind == "ref":
        pool = [i for label in f.ref for i in ids.get(label, [])]
        if not pool:
            return [] if f.many else None
        if f.many:
            return rnd.sample(pool, rnd.randint(1 if f.required else 0, min(3, len(pool))))
        return rnd.choice(pool) if f.required or rnd.random() < 0.7 else None
    if not f.required and rnd.random() < 0.3:
        return None
    if f.kind == "enum":
        values = list(f.enum)
        return rnd.sample(values, rnd.randint(1, 2)) if f.many else rnd.choice(values)
    if f.kind == "bool":
        return rnd.choice([True, False])
    if f.kind == "int":
        return rnd.randint(1, 12)
    if f.kind == "float":
        return round(rnd.uniform(0, 100), 1)
    if f.kind == "date":
        return dt.date(2010, 1, 1) + dt.timedelta(days=rnd.randint(0, 6000))
    return rnd.choice(["甲", "乙", "Alpha", "<b>x</b>", "=1+1", "長い名前" * 3])


def random_dataset(seed: int, scale: float) -> Dataset:
    """A valid dataset of every record type, fields filled at random from
    the model's metadata (so new fields are fuzzed without editing this)."""
    rnd = random.Random(seed)
    ds = Dataset()
    ids: dict[str, list[str]] = {"Country": []}
    for code in rnd.sample(COUNTRIES, rnd.randint(1, len(COUNTRIES))):
        ds.add(m.Country(id=code, strict_export_control=rnd.random() < 0.3))
        ids["Country"].append(code)
    seen_links: set[tuple[str, ...]] = set()
    for cls in m.RECORD_TYPES:
        if cls is m.Country:
            continue
        for i in range(max(0, round(SIZES[cls.label] * scale * rnd.uniform(0.3, 1.5)))):
            data: dict[str, Any] = {}
            for f in cls.fields():
                if f.name == "id":
                    data["id"] = f"{cls.label}-{i}"
                    continue
                value = _value(rnd, f, ids)
                if value is not None and value != []:
                    data[f.name] = value
            if cls is m.Organisation and i == 0:
                data["kind"] = "self"
            try:
                rec = cls.model_validate(data)
            except ValidationError:
                continue  # a random combination a rule forbids (dates out of order, self-links)
            if isinstance(rec, m.LinkRecord):
                key = (rec.label, *rec.key())
                if key in seen_links:
                    continue
                seen_links.add(key)
            ds.add(rec)
            if isinstance(rec, m.NodeRecord):
                ids.setdefault(cls.label, []).append(rec.id)
    assert check_dataset(ds, complete_countries=False) == []
    return ds


@fuzz(25)
@given(seed=st.integers(0, 2**32 - 1), scale=st.sampled_from([0.0, 0.3, 1.0, 2.0]))
def test_analyses_on_random_graphs(seed: int, scale: float) -> None:
    from graphmap.analyses import Severity, catalogue, run_analyses
    from graphmap.analyses.access import COMPANY
    from graphmap.checklist import checklist_status
    from graphmap.graph import build_graph

    ds = random_dataset(seed, scale)
    g = build_graph(ds)
    day = dt.date(2026, 11, 21)
    findings = run_analyses(g, as_of=day)
    again = run_analyses(build_graph(ds), as_of=day)
    assert [f.model_dump() for f in findings] == [f.model_dump() for f in again]  # deterministic
    assert len({f.id for f in findings}) == len(findings)  # ids unique
    known = {a.meta.id: a.meta for a in catalogue()}
    for f in findings:
        assert f.severity in set(Severity)
        assert 0 <= f.score <= 100
        assert f.analysis in known and f.family == known[f.analysis].family
        assert set(f.checklist) <= set(known[f.analysis].checklist)
        # subjects are graph nodes; a company-wide gap with no organisation
        # of kind self names the documented pseudo-subject instead
        assert f.subjects and all(s in g or s == COMPANY for s in f.subjects), (f.analysis, f.subjects)
        assert all(n in g or n == COMPANY for n in f.evidence.nodes), (f.analysis, f.evidence.nodes)
        assert f.message("ja") and f.message("en")
    statuses = checklist_status(g, findings)
    assert len(statuses) == 32


@fuzz(10)
@given(seed=st.integers(0, 2**32 - 1))
def test_random_graphs_survive_every_writer_and_read_back(tmp_path_factory: Any, seed: int) -> None:
    """Writing a random dataset as a workbook and as CSV, then reading it,
    gives the same graph."""
    from graphmap.graph import build_graph, canonical_form
    from importers import write_source

    ds = random_dataset(seed, 0.5)
    assert check_dataset(ds) == []  # countries completed, as reading does
    out = tmp_path_factory.mktemp("w")
    expected = canonical_form(build_graph(ds.sorted()))
    for target in (out / "b.xlsx", out / "csv"):
        write_source(ds, target)
        back, problems, _ = read_sources([target])
        assert problems == [], [p.render("en") for p in problems[:5]]
        assert canonical_form(build_graph(back)) == expected
