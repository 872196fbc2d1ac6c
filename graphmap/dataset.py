"""A dataset: the validated records of one company, with where each came from.

Importers produce a :class:`Dataset` plus a list of :class:`Problem`;
:func:`check_dataset` adds the checks that need every record at once
(duplicate ids, unknown references, references to the wrong type).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter
from typing import Any

from pydantic import BaseModel, ConfigDict

from graphmap import model as m
from graphmap.i18n import t
from graphmap.resources import reference_countries

__all__ = [
    "MAX_PROBLEMS",
    "NOTICE_KINDS",
    "Dataset",
    "Location",
    "Problem",
    "ProblemKind",
    "ProblemsFound",
    "check_dataset",
]

#: The most problems one run lists; the rest are counted.
MAX_PROBLEMS = 200


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value came from: file, sheet (workbooks), row (1-based, as
    the spreadsheet shows it) and column (the header as written).

    A slotted dataclass rather than a model: every imported row keeps one,
    so at a million rows its size and construction time count."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def render(self, lang: str = "ja") -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"{t('loc.sheet', lang)} {self.sheet}")
        if self.row is not None:
            parts.append(f"{t('loc.row', lang)} {self.row}")
        if self.column:
            parts.append(f"{t('loc.column', lang)} {self.column}")
        return ", ".join(parts)

    def at(self, column: str | None) -> Location:
        return Location(self.file, self.sheet, self.row, column)

    @classmethod
    def of_rows(cls, file: str, sheet: str | None, rows: Iterable[int]) -> list[Location]:
        """The locations of many rows of one file (and sheet), equal to
        ``Location(file, sheet, row)`` each, made at half the cost: the
        frozen dataclass's ``__init__`` sets each field through
        ``object.__setattr__``, here the slots are written directly."""
        new = object.__new__
        put_file, put_sheet, put_row, put_column = (
            cls.__dict__[name].__set__ for name in ("file", "sheet", "row", "column")
        )
        out: list[Location] = []
        for row in rows:
            loc = new(cls)
            put_file(loc, file)
            put_sheet(loc, sheet)
            put_row(loc, row)
            put_column(loc, None)
            out.append(loc)
        return out


class ProblemKind(StrEnum):
    unknown_reference = "unknown_reference"
    wrong_reference_type = "wrong_reference_type"
    duplicate_id = "duplicate_id"
    duplicate_link = "duplicate_link"
    bad_enum = "bad_enum"
    bad_date = "bad_date"
    bad_number = "bad_number"
    bad_bool = "bad_bool"
    bad_id = "bad_id"
    missing_field = "missing_field"
    invalid = "invalid"
    undecodable = "undecodable"
    bad_file = "bad_file"
    unknown_sheet = "unknown_sheet"
    unknown_column = "unknown_column"
    duplicate_column = "duplicate_column"
    missing_column = "missing_column"
    nested_value = "nested_value"
    remote_context = "remote_context"
    # notices: the input was read, and the user should know how
    normalised = "normalised"
    merged_cells = "merged_cells"
    future_date = "future_date"


#: Kinds that are notices (told to the user, never a reason to refuse input).
NOTICE_KINDS = frozenset({ProblemKind.normalised, ProblemKind.merged_cells, ProblemKind.future_date})


class Problem(BaseModel):
    """One thing wrong with the input, with where it is and what was expected."""

    model_config = ConfigDict(frozen=True)

    kind: ProblemKind
    location: Location
    value: str = ""
    expected: str = ""
    actual: str = ""
    first: str = ""

    def message(self, lang: str = "ja") -> str:
        return t(
            f"problem.{self.kind.value}",
            lang,
            value=self.value,
            expected=self.expected,
            actual=self.actual,
            first=self.first,
        )

    def render(self, lang: str = "ja") -> str:
        return f"{self.location.render(lang)}: {self.message(lang)}"


class ProblemsFound(Exception):
    """Raised when input has problems; carries every problem found."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        super().__init__(f"{total or len(problems)} problem(s)")
        self.problems = problems
        self.total = total if total is not None else len(problems)


@dataclass
class Dataset:
    """Records by label, each with its source location (None when made in code)."""

    records: dict[str, list[m.Record]] = field(default_factory=dict)
    locations: dict[str, list[Location | None]] = field(default_factory=dict)
    #: ids of rows that were read but failed validation: references to them
    #: are not reported again as unknown
    failed_ids: set[str] = field(default_factory=set)
    #: things the user should be told that do not stop the import (values
    #: normalised, merged cells filled, dates in the future)
    notices: list[Problem] = field(default_factory=list)

    def add(self, record: m.Record, location: Location | None = None) -> None:
        self.records.setdefault(record.label, []).append(record)
        self.locations.setdefault(record.label, []).append(location)

    def extend(self, other: Dataset) -> None:
        for label, recs in other.records.items():
            for rec, loc in zip(recs, other.locations[label], strict=True):
                self.add(rec, loc)
        self.failed_ids |= other.failed_ids
        self.notices.extend(other.notices)

    def of(self, cls: type[m.Record]) -> list[Any]:
        return self.records.get(cls.label, [])

    def __iter__(self) -> Iterator[m.Record]:
        for cls in m.RECORD_TYPES:
            yield from self.records.get(cls.label, [])

    def __len__(self) -> int:
        return sum(len(v) for v in self.records.values())

    def with_locations(self) -> Iterator[tuple[m.Record, Location | None]]:
        for cls in m.RECORD_TYPES:
            recs = self.records.get(cls.label, [])
            yield from zip(recs, self.locations.get(cls.label, [None] * len(recs)), strict=True)

    def counts(self) -> dict[str, int]:
        return {cls.label: len(self.records.get(cls.label, [])) for cls in m.RECORD_TYPES}

    def nodes_by_id(self) -> dict[str, m.NodeRecord]:
        out: dict[str, m.NodeRecord] = {}
        for rec in self:
            if isinstance(rec, m.NodeRecord):
                out.setdefault(rec.id, rec)
        return out

    def sorted(self) -> Dataset:
        """A copy with records in a canonical order (by key), so that two
        sources holding the same data give equal datasets whatever their row
        order."""
        out = Dataset()
        for cls in m.RECORD_TYPES:
            recs = self.records.get(cls.label, [])
            if not recs:
                continue
            locs = self.locations.get(cls.label, [])
            if len(locs) != len(recs):
                raise ValueError(f"{cls.label}: {len(recs)} records but {len(locs)} locations")
            # by the values of Record.key(), all text: one stable sort per
            # key field, last first (the order of sorting by the tuple of
            # them, at a third of the cost: text compares fastest)
            order = list(range(len(recs)))
            for name in reversed(cls.key_fields()):
                keys = list(map(attrgetter(name), recs))
                order.sort(key=keys.__getitem__)
            out.records[cls.label] = list(map(recs.__getitem__, order))
            out.locations[cls.label] = list(map(locs.__getitem__, order))
        out.failed_ids = set(self.failed_ids)
        out.notices = list(self.notices)
        return out

    # -- plain-data form (workspace files, JSON export)

    def to_jsonable(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for cls in m.RECORD_TYPES:
            recs = self.records.get(cls.label)
            if recs:
                out[cls.sheet_en] = [r.model_dump(mode="json", exclude_defaults=True) for r in recs]
        return out

    @classmethod
    def from_jsonable(cls, data: dict[str, list[dict[str, Any]]]) -> Dataset:
        ds = cls()
        for rtype in m.RECORD_TYPES:
            for row in data.get(rtype.sheet_en, []):
                ds.add(rtype.model_validate(row))
        return ds

    def dumps(self) -> str:
        return json.dumps(self.to_jsonable(), ensure_ascii=False, indent=1, sort_keys=True)


def _loc(loc: Location | None, column: str | None = None) -> Location:
    base = loc or Location(file="<data>")
    return base.at(column) if column else base


def check_dataset(ds: Dataset, *, complete_countries: bool = True) -> list[Problem]:
    """Checks needing the whole dataset: duplicate ids and link entries,
    unknown references, references of the wrong type.

    With ``complete_countries``, country codes referenced but not supplied
    are added from the shipped reference list, and supplied countries get
    their export-control group from it when left blank.
    """
    problems: list[Problem] = []
    if complete_countries:
        _complete_countries(ds)

    # one pass per record type with its fields looked up once: at a few
    # million rows, per-record field lookups dominated the whole import.
    # Each check first asks, in bulk, whether the type has anything to
    # report (ids given once, links listed once, every reference known and
    # of an allowed type); only then does it go record by record, so the
    # problems and their order are those of the record-by-record loop.
    tables = [(cls, recs, ds.locations.get(cls.label) or [None] * len(recs)) for cls, recs in _tables(ds)]
    labels: dict[str, str] = {}  # id -> label of its (first) node record
    for cls, recs, _locs in tables:
        if issubclass(cls, m.NodeRecord):
            size = len(labels)
            labels.update(dict.fromkeys(map(_ID, recs), cls.label))
            if len(labels) != size + len(recs):
                labels = _duplicate_ids(tables, problems)
                break

    for cls, recs, locs in tables:
        if cls.link is None:
            continue
        keys = list(map(attrgetter(cls.link[0], cls.link[1]), recs))
        if len(set(keys)) == len(keys):
            continue
        link_seen: dict[tuple[str, str], int] = {}
        for i, (rec, k) in enumerate(zip(recs, keys, strict=True)):
            j = link_seen.setdefault(k, i)
            if j != i:
                first = locs[j]
                problems.append(
                    Problem(
                        kind=ProblemKind.duplicate_link,
                        location=_loc(locs[i]),
                        value=" / ".join(rec.key()),
                        first=first.render("en") if first else "",
                    )
                )

    failed = ds.failed_ids
    for cls, recs, locs in tables:
        refs = [(f.name, f.ref) for f in cls.fields() if f.ref]
        if all(_resolved(recs, f, labels, failed) for f in cls.fields() if f.ref):
            continue
        for rec, loc in zip(recs, locs, strict=True):
            values = rec.__dict__
            for name, allowed in refs:
                value = values[name]
                if value is None:
                    continue
                for v in value if isinstance(value, list) else (value,):
                    target = labels.get(v)
                    if target is not None and target in allowed:
                        continue
                    if target is None and v in failed:
                        continue
                    if target is None:
                        problems.append(
                            Problem(
                                kind=ProblemKind.unknown_reference,
                                location=_loc(loc, _col(loc, name, rec)),
                                value=v,
                                expected=" / ".join(allowed),
                            )
                        )
                    else:
                        problems.append(
                            Problem(
                                kind=ProblemKind.wrong_reference_type,
                                location=_loc(loc, _col(loc, name, rec)),
                                value=v,
                                expected=" / ".join(allowed),
                                actual=target,
                            )
                        )
    return problems


_ID = attrgetter("id")


def _duplicate_ids(
    tables: list[tuple[type[m.Record], list[m.Record], list[Location | None]]], problems: list[Problem]
) -> dict[str, str]:
    """Report every id given twice (in record order, pointing at the first);
    return each id's label, that of its first record."""
    seen: dict[str, tuple[str, Location | None]] = {}
    for cls, recs, locs in tables:
        if not issubclass(cls, m.NodeRecord):
            continue
        label = cls.label
        for rec, loc in zip(recs, locs, strict=True):
            rid: str = rec.__dict__["id"]
            if rid in seen:
                first = seen[rid][1]
                problems.append(
                    Problem(
                        kind=ProblemKind.duplicate_id,
                        location=_loc(loc, _col(loc, "id", rec)),
                        value=rid,
                        first=first.render("en") if first else "",
                    )
                )
            else:
                seen[rid] = (label, loc)
    return {rid: label for rid, (label, _loc_) in seen.items()}


def _distinct(recs: list[m.Record], f: m.FieldInfo) -> set[str]:
    """The distinct values of field ``f`` (items of a list field) in ``recs``."""
    values = map(attrgetter(f.name), recs)
    out: set[str] = set()
    if f.many:
        for value in values:
            if value:
                out.update(value)
    else:
        out.update(values)
        out.discard(None)
    return out


def _resolved(recs: list[m.Record], f: m.FieldInfo, labels: dict[str, str], failed: set[str]) -> bool:
    """Whether every reference of field ``f`` in ``recs`` is to a record of
    a type it allows, or to a row that failed (reported already); each
    distinct id looked at once."""
    allowed = set(f.ref)
    for v in _distinct(recs, f):
        label = labels.get(v)
        if label is None:
            if v not in failed:
                return False
        elif label not in allowed:
            return False
    return True


def _tables(ds: Dataset) -> list[tuple[type[m.Record], list[m.Record]]]:
    return [(cls, ds.records[cls.label]) for cls in m.RECORD_TYPES if ds.records.get(cls.label)]


def _col(loc: Location | None, name: str, rec: m.Record | None = None) -> str:
    """The column header to report for a field: the record type's field
    name, which every importer accepts as a header."""
    if rec is not None:
        f = rec.field(name)
        return f"{f.ja} / {f.name}"
    return name


def _complete_countries(ds: Dataset) -> None:
    ref = reference_countries()
    supplied = {c.id: c for c in ds.of(m.Country)}
    # fill blanks of supplied countries from the reference list
    countries: list[Any] = ds.records.get(m.Country.label, [])
    for i, c in enumerate(countries):
        base = ref.get(c.id)
        if base is None:
            continue
        update = {
            name: getattr(base, name)
            for name in ("name_ja", "name_en", "strict_export_control")
            if getattr(c, name) is None
        }
        if update:
            countries[i] = c.model_copy(update=update)
    referenced: set[str] = set()
    for cls, recs in _tables(ds):
        for f in cls.fields():
            if "Country" not in f.ref:
                continue
            values = _distinct(recs, f)
            referenced.update(v.upper() for v in values if v and len(v) == 2 and v.isalpha())
    for code in sorted(referenced - set(supplied)):
        if code in ref:
            ds.add(ref[code], None)


def iter_problems_sorted(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in a stable order: file, sheet, row, column."""
    return sorted(
        problems,
        key=lambda p: (
            p.location.file,
            p.location.sheet or "",
            p.location.row or 0,
            p.location.column or "",
            p.kind.value,
        ),
    )
