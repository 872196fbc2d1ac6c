"""The columnar CSV path (``SheetReader.read_table`` with
``graphmap.model.RecordBuilder``) against the row-by-row path with
``model_validate``: the same records (values, types, fields set, order),
locations, problems, notices and failed ids, on every kind of input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

from graphmap import model as m
from graphmap.dataset import Dataset, Problem
from importers import read_sources
from importers.csvfiles import read_csv
from importers.tabular import header_for

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
EXAMPLE = ROOT / "examples" / "company" / "csv"


def _record(r: m.Record) -> tuple[Any, ...]:
    """Everything a record holds: class, values with their types and in
    their order, the fields set, the extra and private parts."""
    return (
        type(r),
        [(k, type(v), repr(v)) for k, v in r.__dict__.items()],
        sorted(r.model_fields_set),
        r.__pydantic_extra__,
        r.__pydantic_private__,
        repr(r),
        r.model_dump(),
    )


def _problems(problems: list[Problem]) -> list[dict[str, Any]]:
    return [p.model_dump() for p in problems]


def _state(ds: Dataset, problems: list[Problem]) -> dict[str, Any]:
    for label, recs in ds.records.items():
        lists = [id(v) for r in recs for v in r.__dict__.values() if isinstance(v, list)]
        assert len(lists) == len(set(lists)), f"{label}: records share a list"
        assert recs == [type(recs[0]).model_validate(r.model_dump()) for r in recs]
    return {
        "records": {label: [_record(r) for r in recs] for label, recs in ds.records.items()},
        "locations": {label: list(locs) for label, locs in ds.locations.items()},
        "problems": _problems(problems),
        "notices": _problems(ds.notices),
        "failed": sorted(ds.failed_ids),
    }


def _both(read: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], dict[str, Any]]:
    """``read()`` (returning dataset and problems) by the columnar path,
    then by the row-by-row path (no record type has a builder)."""
    columnar = _state(*read())
    with monkeypatch.context() as mp:
        mp.setattr(m, "record_builder", lambda cls: None)
        rows = _state(*read())
    return columnar, rows


def _read_file(path: Path) -> Any:
    def read() -> tuple[Dataset, list[Problem]]:
        ds = Dataset()
        return ds, read_csv(path, ds)

    return read


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows([header, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def test_every_record_type_has_a_builder() -> None:
    for cls in m.RECORD_TYPES:
        assert m.record_builder(cls) is not None, cls.label


def test_builder_is_refused_for_rules_it_cannot_reproduce() -> None:
    class Base(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
        a: str
        b: str = ""

    class Before(Base):
        @field_validator("a", mode="before")
        @classmethod
        def _a(cls, v: Any) -> Any:
            return v

    class ReadsOthers(Base):
        @field_validator("b")
        @classmethod
        def _b(cls, v: str, info: ValidationInfo) -> str:
            return v + info.data["a"]

    class Wrap(Base):
        @model_validator(mode="before")
        @classmethod
        def _all(cls, data: Any) -> Any:
            return data

    class Lower(Base):
        model_config = ConfigDict(str_to_lower=True)

    class PostInit(Base):
        def model_post_init(self, context: Any) -> None:
            pass

    assert m.RecordBuilder.supports(Base)  # type: ignore[arg-type]
    for cls in (Before, ReadsOthers, Wrap, Lower, PostInit):
        assert not m.RecordBuilder.supports(cls), cls.__name__  # type: ignore[arg-type]


def test_builder_gives_what_model_validate_gives() -> None:
    b = m.record_builder(m.Disclosure)
    assert b is not None
    data = {
        "id": "D1",
        "date": dt.date(2024, 1, 2),
        "assets": ["IA1", "IA2"],
        "sender": "P1",
        "recipient": "ORG-1",
        "channel": "email",
    }
    checked = {k: b.field_values(k, [v])[0] for k, v in data.items()}
    assert _record(b.make(checked)) == _record(m.Disclosure.model_validate(data))
    # whole-record rule: sender and recipient are the same
    same = dict(checked, recipient=checked["sender"])
    with pytest.raises(ValueError):
        b.make(same)
    made = list(b.make_many(tuple(checked), [tuple(checked.values()), tuple(same.values())]))
    assert made[0] == m.Disclosure.model_validate(data) and made[1] is None
    # field rules: ids normalised and interned, codes become members, constraints hold
    assert b.field_values("sender", [" ＰＥＲ－１ ", "bad id!"]) == ["PER-1", m.REFUSED]
    assert b.field_values("channel", ["email", "carrier pigeon"]) == [m.Channel.email, m.REFUSED]
    assert b.field_values("assets", [[], ["IA1"]]) == [m.REFUSED, ["IA1"]]
    c = m.record_builder(m.Country)
    assert c is not None and c.field_values("id", ["jp", "JPN"]) == ["JP", m.REFUSED]
    o = m.record_builder(m.Ownership)
    assert o is not None and o.field_values("votes_pct", [50.0, 150.0]) == [50.0, m.REFUSED]
    with pytest.raises(ValueError):
        b.make({"id": "D1"})  # required fields missing
    with pytest.raises(ValueError):
        b.make({**checked, "colour": "red"})  # not a field


@pytest.mark.parametrize("folder", sorted(p.name for p in CORPUS.iterdir() if p.is_dir()))
def test_corpus_same_both_ways(folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def read() -> tuple[Dataset, list[Problem]]:
        ds, problems, _total = read_sources([CORPUS / folder])
        return ds, problems

    columnar, rows = _both(read, monkeypatch)
    assert columnar == rows


def test_example_same_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    def read() -> tuple[Dataset, list[Problem]]:
        ds, problems, _total = read_sources([EXAMPLE])
        return ds, problems

    columnar, rows = _both(read, monkeypatch)
    assert columnar == rows
    assert sum(len(v) for v in columnar["records"].values()) > 50


def test_records_take_no_more_memory_than_validated_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    fast, _problems, _total = read_sources([EXAMPLE])
    with monkeypatch.context() as mp:
        mp.setattr(m, "record_builder", lambda cls: None)
        slow, _problems, _total = read_sources([EXAMPLE])
    for label, recs in fast.records.items():
        for a, b in zip(recs, slow.records[label], strict=True):
            assert a == b
            assert sys.getsizeof(a.__pydantic_fields_set__) <= sys.getsizeof(b.__pydantic_fields_set__)
            assert sys.getsizeof(a.__dict__) <= sys.getsizeof(b.__dict__)


def _h(cls: type[m.Record], name: str) -> str:
    return header_for(cls.field(name))


MESSY: dict[type[m.Record], tuple[list[str], list[list[str]]]] = {
    m.Organisation: (
        ["id", "name", "kind", "country", "listed", "founded", "certifications", "備考", "#own"],
        [
            ["ORG-1", "Acme", "supplier", "jp", "yes", "2001-02-03", "isms;tics", "x", "y"],
            ["ORG-2", "  Beta  ", "仕入先", "CN", "はい", "2001/2/3", "ISMS、プライバシーマーク", "", ""],
            ["ＯＲＧ－３", "Gamma", "customer", "", "", "", "", "", ""],  # normalised id: notice
            ["ORG-4", "Delta", "pirate", "US", "maybe", "2024-02-30", "isms", "", ""],  # three bad cells
            ["", "", "", "", "", "", "", "", ""],  # blank row
            ["ORG-5", "", "supplier", "US", "", "", "", "", ""],  # missing name
            ["ORG-6", "'=SUM(A1)", "supplier", "US", "no", "45000", ";;", "", ""],  # formula text, serial date
            ["ORG-7", "'\t padded", "supplier", "US", "", "", "", "", ""],  # unneutralised, then stripped
            ["ORG-8", "Short row", "supplier"],
            ["ORG-9", "Long row", "supplier", "US", "", "", "", "", "", "extra"],
            ["bad id!", "Epsilon", "supplier", "US", "", "", "", "", ""],
            ["ORG-10", "Zeta", "supplier", "USA", "", "", "", "", ""],
            ["ORG-1", "Duplicate", "supplier", "US", "", "", "", "", ""],
            ["ORG-11", "Eta", " supplier ", " US ", " yes ", " 2001-02-03 ", " isms ; tics ", "", ""],
            ["ORG-12", "Theta", "Supplier", "us", "TRUE", "2001年2月3日", "other", "", ""],
        ],
    ),
    m.Disclosure: (
        ["id", "date", "assets", "sender", "recipient", "channel", "return status", "return due", "codenamed"],
        [
            ["D1", "2024-01-02", "IA1;IA2", "P1", "ORG-1", "email", "", "", "yes"],
            ["D2", "2024-01-02", "IA1;IA2", "P1", "P1", "email", "", "", ""],  # sender is recipient
            ["D3", "2024-01-02", "", "P1", "ORG-1", "", "", "", ""],  # no assets
            ["D4", "2024-01-02", ";", "P1", "ORG-1", "", "", "", ""],  # a list with no item
            ["D5", "2024-01-02", "IA1;IA2", "P2", "ORG-1", "email", "outstanding", "2024-03-01", "no"],
            ["D6", "", "IA1", "P2", "ORG-1", "", "", "", ""],  # missing date
            ["D7", "2024-01-02", "IA1;ＩＡ２", "P2", "ORG-1", "", "", "", ""],  # normalised list item
        ],
    ),
    m.Person: (
        ["id", "name", "employment status", "joined", "left", "student", "residency"],
        [
            ["P1", "Sato", "left", "2020-01-01", "2019-01-01", "", ""],  # left before joined
            ["P2", "Suzuki", "退職", "2010-01-01", "2020-01-01", "いいえ", "居住者"],
            ["P3", "Tanaka", "", "", "", "", ""],
        ],
    ),
    m.Ownership: (
        ["owner", "owned", "votes %", "capital %", "golden share"],
        [
            ["ORG-1", "ORG-2", "50", "40%", "no"],
            ["ORG-1", "ORG-1", "10", "", ""],  # owns itself
            ["ORG-2", "ORG-3", "150", "", ""],  # not a percentage
            ["ORG-2", "ORG-4", "1,5", "", ""],
            ["ORG-2", "ORG-5", "", "abc", ""],
        ],
    ),
    m.ProcessStep: (
        ["id", "technology", "order", "name"],
        [
            ["S1", "T1", "1", "Mix"],
            ["S2", "T1", "0", "Fire"],  # order below 1
            ["S3", "T1", "2.5", "Cool"],
            ["S4", "T1", "3.0", "Pack"],
        ],
    ),
    m.Contract: (
        ["id", "title", "kind", "parties", "start", "end", "survival period (years)"],
        [
            ["C1", "NDA", "nda", "ORG-1;ORG-2", "2020-01-01", "2021-01-01", "3"],
            ["C2", "NDA", "nda", "ORG-1", "2021-01-01", "2020-01-01", "-1"],
            ["C3", "NDA", "秘密保持契約", "ORG-1,ORG-1", "", "", ""],
        ],
    ),
}


@pytest.mark.parametrize("cls", list(MESSY), ids=lambda c: c.label)
def test_messy_tables_same_both_ways(cls: type[m.Record], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    header, rows = MESSY[cls]
    path = _write(tmp_path / f"{cls.sheet_en}.csv", header, rows)
    columnar, by_row = _both(_read_file(path), monkeypatch)
    assert columnar == by_row
    assert columnar["problems"], "the table has problems to report"


def test_location_rows_count_records_not_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(
        tmp_path / "units.csv",
        ["id", "name"],
        [["U1", "line one\nline two"], ["U2", "b"], ["", ""], ["U3", "c"], ["U 4", "d"]],
    )
    columnar, by_row = _both(_read_file(path), monkeypatch)
    assert columnar == by_row
    assert [loc.row for loc in columnar["locations"]["Unit"]] == [2, 3, 5]


# ------------------------------------------------------------- random tables

EXAMPLES = int(os.environ.get("GRAPHMAP_FUZZ_EXAMPLES", "0")) or 40
FUZZ_TYPES = (m.Organisation, m.Person, m.Disclosure, m.Ownership, m.Contract, m.Country)
CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "ORG-1",
            "ORG-2",
            "ＯＲＧ－１",
            "P1",
            "jp",
            "CN",
            "supplier",
            "仕入先",
            "active",
            "退職",
            "yes",
            "いいえ",
            "maybe",
            "2024-01-31",
            "2024/1/31",
            "2024-02-30",
            "45000",
            "0",
            "150",
            "-1",
            "1.5",
            "IA1;IA2",
            ";",
            "=1+1",
            "'=1+1",
            "'\t x",
            "email",
            "nda",
        ]
    ),
    st.text(max_size=6),
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_tables_same_both_ways(tmp_path_factory: Any, data: Any) -> None:
    cls = data.draw(st.sampled_from(FUZZ_TYPES))
    names = [f.name for f in cls.fields()]
    required = [f.name for f in cls.fields() if f.required]
    extra = data.draw(st.lists(st.sampled_from(names), max_size=5, unique=True))
    header = list(dict.fromkeys([*required, *extra]))
    header = data.draw(st.permutations(header))
    width = len(header)
    rows = data.draw(st.lists(st.lists(CELLS, min_size=width - 1, max_size=width + 1), max_size=12))
    path = _write(tmp_path_factory.mktemp("t") / f"{cls.sheet_en}.csv", list(header), rows)
    with pytest.MonkeyPatch.context() as monkeypatch:
        columnar, by_row = _both(_read_file(path), monkeypatch)
    assert columnar == by_row


@settings(max_examples=EXAMPLES * 5, deadline=None, derandomize=os.environ.get("CI") == "true")
@given(
    cls_field=st.sampled_from(
        [(cls, f) for cls in m.RECORD_TYPES for f in cls.fields() if f.many],
    ),
    parts=st.lists(
        st.one_of(
            st.sampled_from(["ORG-1", " IA1 ", "ＩＡ２", "core", "コア技術", "isms", "'=x", "a b", "", " "]),
            st.text(max_size=5),
        ),
        max_size=5,
    ),
    seps=st.lists(st.sampled_from([";", "；", "、", "\n", ",", "，", "; ", "\r\n"]), min_size=5, max_size=5),
)
def test_list_cells_parse_item_by_item_as_before(
    cls_field: tuple[type[m.Record], m.FieldInfo], parts: list[str], seps: list[str]
) -> None:
    """A list cell's items go through the field's single-value parser (with
    its fast path for canonical text); the result, or the problem, is the
    one the general parser gives for the whole cell."""
    from importers.tabular import _cell_parser, _CellError, _parse_cell

    _cls, f = cls_field
    cell = "".join(p + s for p, s in zip(parts, seps, strict=False))

    def run(fn: Any) -> Any:
        try:
            return ("ok", fn())
        except _CellError as err:
            return ("error", err.kind, err.value, err.expected)

    assert run(lambda: _cell_parser(f)(cell)) == run(lambda: _parse_cell(cell, f))
