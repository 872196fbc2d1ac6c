"""Rows to records and back: the transform shared by every tabular source.

A sheet (or CSV file, or YAML list) is a header row and data rows.  Headers
may be Japanese (``氏名``), English (``name``, ``employment status``) or the
template's bilingual form (``氏名 / name``).  Cell values are parsed by the
field's kind: enums accept the English code or the Japanese / English
label, yes/no accepts はい/いいえ, ○/×, true/false..., dates accept
``2024-01-31``, ``2024/1/31``, ``2024年1月31日``, date cells and Excel
serial numbers, lists are separated by ``;`` ``、`` or new lines.  Every
problem is reported with its file, sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, cast

from pydantic import ValidationError

from graphmap import model as m
from graphmap.dataset import Dataset, Location, Problem, ProblemKind

__all__ = [
    "IGNORED_COLUMNS",
    "SheetReader",
    "cell_text",
    "dataset_to_tables",
    "enum_choices",
    "header_for",
    "match_record_type",
    "neutralise_formula",
    "parse_rows",
    "unneutralise",
]

#: Columns users keep for themselves; ignored on import.
IGNORED_COLUMNS = {"備考", "メモ", "notes", "note", "memo", "comment", "comments"}

_LIST_SPLIT = re.compile(r"[;；、\n,，]")
_TRUE = {"yes", "y", "true", "t", "1", "はい", "○", "〇", "◯", "✓", "✔", "有", "あり", "済"}
_FALSE = {"no", "n", "false", "f", "0", "いいえ", "×", "✗", "✕", "無", "なし", "未"}
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _fold(text: str) -> str:
    """Fold a header or enum label for matching: NFKC, lower case, no
    spaces, hyphens or underscores."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return re.sub(r"[\s_\-・]+", "", text)


def header_for(f: m.FieldInfo) -> str:
    """The bilingual header the template and writers use: ``氏名 / name``."""
    return f"{f.ja} / {f.name}"


def _header_index(cls: type[m.Record]) -> dict[str, m.FieldInfo]:
    out: dict[str, m.FieldInfo] = {}
    for f in cls.fields():
        for alias in (f.name, f.ja, f.en, header_for(f)):
            out.setdefault(_fold(alias), f)
    return out


def match_record_type(name: str) -> type[m.Record] | None:
    """The record type a sheet or file stem names: ``people``, ``人員``,
    ``Person``, or a combination such as ``人員_people`` / ``人員 (people)``."""
    folded = _fold(name)
    candidates: dict[str, type[m.Record]] = {}
    for cls in m.RECORD_TYPES:
        for alias in (cls.sheet_en, cls.sheet_ja, cls.label):
            candidates[_fold(alias)] = cls
    if folded in candidates:
        return candidates[folded]
    for token in re.split(r"[\s_/()（）\[\]・]+", unicodedata.normalize("NFKC", name)):
        if token and _fold(token) in candidates:
            return candidates[_fold(token)]
    return None


def enum_choices(enum: type[StrEnum], lang: str = "ja") -> list[str]:
    """The labels a user may pick for an enum (for drop-downs and messages)."""
    return [m.enum_label(v, lang, enum) for v in enum]


def _enum_index(enum: type[StrEnum]) -> dict[str, str]:
    out: dict[str, str] = {}
    labels = m.ENUM_LABELS.get(enum, {})
    for v in enum:
        out[_fold(v.value)] = v.value
        out[_fold(v.name)] = v.value
        ja, en = labels.get(v.value, (v.value, v.value))
        out.setdefault(_fold(ja), v.value)
        out.setdefault(_fold(en), v.value)
    return out


_ENUM_CACHE: dict[type[StrEnum], dict[str, str]] = {}


def cell_text(value: Any) -> str:
    """A cell value as text, with integral floats written without ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def neutralise_formula(text: str) -> str:
    """Prefix a quote to text a spreadsheet would run as a formula."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise_formula` on import."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


class _CellError(Exception):
    def __init__(self, kind: ProblemKind, value: str, expected: str = "") -> None:
        super().__init__(value)
        self.kind = kind
        self.value = value
        self.expected = expected


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel serial day numbers up to 9999-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise _CellError(ProblemKind.bad_date, cell_text(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return _EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    match = re.fullmatch(
        r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(:\d{2})?)?",
        text,
    )
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise _CellError(ProblemKind.bad_date, text)


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _CellError(ProblemKind.bad_bool, cell_text(value))


def _parse_number(value: Any, kind: str) -> int | float:
    if isinstance(value, bool):
        raise _CellError(ProblemKind.bad_number, str(value), kind)
    if isinstance(value, (int, float)):
        number: float = float(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
        text = text.rstrip("%").strip()
        try:
            number = float(text)
        except ValueError:
            raise _CellError(
                ProblemKind.bad_number, cell_text(value), "整数 / integer" if kind == "int" else "数値 / number"
            ) from None
    if kind == "int":
        if not number.is_integer():
            raise _CellError(ProblemKind.bad_number, cell_text(value), "整数 / integer")
        return int(number)
    return number


def _parse_enum(value: Any, enum: type[StrEnum]) -> str:
    index = _ENUM_CACHE.get(enum)
    if index is None:
        index = _ENUM_CACHE[enum] = _enum_index(enum)
    text = cell_text(value)
    code = index.get(_fold(text))
    if code is None:
        allowed = ", ".join(f"{v.value} ({m.enum_label(v, 'ja', enum)})" for v in enum)
        raise _CellError(ProblemKind.bad_enum, text, allowed)
    return code


def _parse_scalar(value: Any, f: m.FieldInfo) -> Any:
    if f.kind == "date":
        return _parse_date(value)
    if f.kind == "bool":
        return _parse_bool(value)
    if f.kind in ("int", "float"):
        return _parse_number(value, f.kind)
    if f.kind == "enum":
        return _parse_enum(value, f.enum)
    text = unneutralise(cell_text(value))
    if f.kind == "ref" or f.name == "id":
        normalised = m.normalise_id(text)
        if not m.ID_PATTERN.match(normalised):
            raise _CellError(ProblemKind.bad_id, text)
        return normalised
    return text


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_BOOL_TEXT = {**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}


def _cell_parser(f: m.FieldInfo) -> Callable[[Any], Any]:
    """The parser of one column: :func:`_parse_cell` with a fast path for
    the common case of plain text already in canonical form (what CSV files
    and generated workbooks hold).  Any other value takes the general path,
    so results and problems are the same."""
    if f.many:
        item = _cell_parser(f.model_copy(update={"many": False}))
        split = _LIST_SPLIT.split

        def parse_list(value: Any) -> Any:
            if value.__class__ is str:  # each item as one cell of the field's kind
                return [item(part) for part in split(value) if part.strip()]
            return _parse_cell(value, f)

        return parse_list

    def slow(value: Any) -> Any:
        return _parse_scalar(value, f)

    if f.kind == "ref" or f.name == "id":
        match = m.ID_PATTERN.match

        def parse_id(value: Any) -> Any:
            if value.__class__ is str:
                text = value.strip()
                if text.isascii() and match(text):
                    return text
            return slow(value)

        return parse_id
    if f.kind == "enum":
        codes = {v.value: v.value for v in f.enum}

        def parse_enum(value: Any) -> Any:
            if value.__class__ is str:
                code = codes.get(value.strip())
                if code is not None:
                    return code
            return slow(value)

        return parse_enum
    if f.kind == "date":
        iso = dt.date.fromisoformat

        def parse_date(value: Any) -> Any:
            if value.__class__ is str:
                text = value.strip()
                if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
                    try:
                        return iso(text)
                    except ValueError:
                        pass
            return slow(value)

        return parse_date
    if f.kind == "bool":

        def parse_bool(value: Any) -> Any:
            if value.__class__ is str:
                flag = _BOOL_TEXT.get(value.strip().lower())
                if flag is not None:
                    return flag
            return slow(value)

        return parse_bool
    if f.kind == "str":

        def parse_text(value: Any) -> Any:
            if value.__class__ is str:
                return unneutralise(value.strip())
            return slow(value)

        return parse_text
    return slow


def _blank_row(cells: Sequence[Any]) -> bool:
    try:
        return not "".join(cells).strip()
    except TypeError:  # not all text (workbook cells)
        return all(_is_blank(c) for c in cells)


def _parse_cell(value: Any, f: m.FieldInfo) -> Any:
    if f.many:
        if isinstance(value, list):
            parts: Sequence[Any] = value
        else:
            parts = [p for p in _LIST_SPLIT.split(cell_text(value)) if p.strip()]
        return [_parse_scalar(p, f) for p in parts if not _is_blank(p)]
    return _parse_scalar(value, f)


@dataclass
class _Columns:
    """A header read once: the columns used, and what each row needs."""

    #: (cell index, field, header as written)
    columns: list[tuple[int, m.FieldInfo, str]]
    #: field name -> header as written
    used: dict[str, str]
    #: (cell index, field name, header, parser), one per column used
    parsers: list[tuple[int, str, str, Callable[[Any], Any]]]
    #: fields holding ids (NFKC-normalised, with a notice when that changed one)
    id_columns: set[str]
    required: list[m.FieldInfo]


#: A blank cell in the columnar path (the field is left at its default).
_BLANK: Any = type("Blank", (), {"__repr__": lambda self: "BLANK", "__slots__": ()})()


@dataclass
class SheetReader:
    """Turns the rows of one sheet into records of one type.

    ``header`` is the header row as written; rows are (row number, cells).
    """

    cls: type[m.Record]
    file: str
    sheet: str | None = None
    header_row: int = 1

    def _columns(self, header: Sequence[Any], problems: list[Problem]) -> _Columns | None:
        """Match the header to the fields; None when a required column is missing."""
        index = _header_index(self.cls)
        columns: list[tuple[int, m.FieldInfo, str]] = []
        used: dict[str, str] = {}
        for i, raw in enumerate(header):
            title = cell_text(raw) if raw is not None else ""
            if not title:
                continue
            loc = Location(file=self.file, sheet=self.sheet, row=self.header_row, column=title)
            if title.startswith("#") or _fold(title) in {_fold(c) for c in IGNORED_COLUMNS}:
                continue
            f = index.get(_fold(title))
            if f is None:
                expected = ", ".join(header_for(x) for x in self.cls.fields())
                problems.append(Problem(kind=ProblemKind.unknown_column, location=loc, value=title, expected=expected))
                continue
            if f.name in used:
                problems.append(Problem(kind=ProblemKind.duplicate_column, location=loc, value=title))
                continue
            used[f.name] = title
            columns.append((i, f, title))
        missing = [f for f in self.cls.fields() if f.required and f.name not in used]
        for f in missing:
            problems.append(
                Problem(
                    kind=ProblemKind.missing_column,
                    location=Location(file=self.file, sheet=self.sheet, row=self.header_row),
                    value=header_for(f),
                )
            )
        if missing:
            return None
        return _Columns(
            columns=columns,
            used=used,
            # one parser per column, chosen once
            parsers=[(i, f.name, title, _cell_parser(f)) for i, f, title in columns],
            id_columns={f.name for f in self.cls.fields() if f.kind == "ref" or f.name == "id"},
            required=[f for f in self.cls.fields() if f.required],
        )

    def read(self, header: Sequence[Any], rows: Iterable[tuple[int, Sequence[Any]]], ds: Dataset) -> list[Problem]:
        problems: list[Problem] = []
        cols = self._columns(header, problems)
        if cols is not None:
            self._read_rows(cols, rows, ds, problems)
        return problems

    def _read_rows(
        self, cols: _Columns, rows: Iterable[tuple[int, Sequence[Any]]], ds: Dataset, problems: list[Problem]
    ) -> None:
        """Row by row: every cell parsed, then the record validated by the
        model; each problem with its row and column."""
        parsers, id_columns, required, used = cols.parsers, cols.id_columns, cols.required, cols.used
        validate = self.cls.model_validate
        file, sheet = self.file, self.sheet
        for row_no, cells in rows:
            if _blank_row(cells):
                continue
            row_loc = Location(file, sheet, row_no)
            data: dict[str, Any] = {}
            row_problems: list[Problem] = []
            width = len(cells)
            for i, name, title, parse in parsers:
                if i >= width:
                    continue
                value = cells[i]
                if value is None or (value.__class__ is str and not value.strip()):
                    continue
                try:
                    parsed = parse(value)
                except _CellError as err:
                    row_problems.append(
                        Problem(
                            kind=err.kind,
                            location=row_loc.at(title),
                            value=_short(err.value),
                            expected=err.expected,
                        )
                    )
                    continue
                if parsed != []:
                    data[name] = parsed
                    if name in id_columns and not _is_ascii(value):
                        _note_normalised(ds, value, parsed, row_loc.at(title))
            for f in required:
                if f.name not in data and not any(p.location.column == used.get(f.name) for p in row_problems):
                    row_problems.append(
                        Problem(
                            kind=ProblemKind.missing_field,
                            location=row_loc.at(used[f.name]),
                            expected=header_for(f),
                        )
                    )
            if row_problems:
                problems.extend(row_problems)
                _note_failed(ds, data)
                continue
            try:
                record = validate(data)
            except ValidationError as exc:
                problems.extend(_validation_problems(exc, row_loc, used, data))
                _note_failed(ds, data)
                continue
            ds.add(record, row_loc)

    def read_table(self, header: Sequence[Any], rows: list[list[str]], ds: Dataset, *, first_row: int) -> list[Problem]:
        """Rows of text (a CSV file) a column at a time; ``first_row`` is
        the row number of ``rows[0]``.

        Each column's distinct cells are parsed once, then checked by the
        field's own rules (:meth:`graphmap.model.RecordBuilder.field_values`),
        and every row whose cells all passed becomes a record through
        :meth:`~graphmap.model.RecordBuilder.make`, which runs the
        whole-record rules.  Any other row (a cell that does not parse, is
        refused, is a required blank or an id changed by normalisation, a
        row of another length, a whole-record rule broken) is read by the
        row-by-row path, so its problems and notices are exactly those
        :meth:`read` gives.  Records, problems and notices come out in row
        order, as from :meth:`read`.
        """
        problems: list[Problem] = []
        cols = self._columns(header, problems)
        if cols is None:
            return problems
        builder = m.record_builder(self.cls)
        if builder is None or not rows:
            self._read_rows(cols, ((first_row + k, r) for k, r in enumerate(rows)), ds, problems)
            return problems

        width = len(header)
        slow: set[int] = set()  # rows for the row-by-row path
        table: list[list[str]] = rows
        if set(map(len, rows)) != {width}:
            blank = [""] * width
            table = []
            for k, row in enumerate(rows):
                if len(row) == width:
                    table.append(row)
                else:
                    table.append(blank)
                    slow.add(k)
        by_column = list(zip(*table, strict=True))
        del table

        names: list[str] = []
        values: list[list[Any]] = []
        sparse: list[str] = []  # optional fields with blank cells
        order = {f.name: n for n, f in enumerate(self.cls.fields())}  # records list fields in this order
        used = sorted(zip(cols.columns, cols.parsers, strict=True), key=lambda c: order[c[0][1].name])
        for (i, f, _title), (_i, name, _t, parse) in used:
            column, blanks, refused = _column_values(by_column[i], f, parse, builder, name in cols.id_columns)
            if refused or (blanks and f.required):
                required = f.required
                slow.update(k for k, v in enumerate(column) if v is m.REFUSED or (required and v is _BLANK))
            if blanks and not f.required:
                sparse.append(name)
            names.append(name)
            values.append(column)
        del by_column

        file, sheet = self.file, self.sheet
        made = builder.make_many(
            names,
            zip(*values, strict=True)
            if not slow
            else (r for k, r in enumerate(zip(*values, strict=True)) if k not in slow),
            blank=_BLANK,
            sparse=sparse,
        )
        if not slow:
            batch = list(made)
            if all(r is not None for r in batch):  # every row a record: the common case
                if batch:
                    ds.records.setdefault(self.cls.label, []).extend(cast(list[m.Record], batch))
                    ds.locations.setdefault(self.cls.label, []).extend(
                        Location.of_rows(file, sheet, range(first_row, first_row + len(rows)))
                    )
                return problems
            made = iter(batch)
        for k, row in enumerate(rows):
            record = None if k in slow else next(made)
            if record is None:
                self._read_rows(cols, ((first_row + k, row),), ds, problems)
            else:
                ds.add(record, Location(file, sheet, first_row + k))
        return problems


def _column_values(
    column: Sequence[str],
    f: m.FieldInfo,
    parse: Callable[[Any], Any],
    builder: m.RecordBuilder,
    is_id: bool,
) -> tuple[list[Any], bool, bool]:
    """One column's values as the model holds them: each distinct cell
    parsed once and checked by the field's rules; :data:`_BLANK` for blank
    cells (and lists with no item), :data:`graphmap.model.REFUSED` for cells
    the row-by-row path must read (a parse error, a value the field refuses,
    an id not written in ASCII, which gets a notice there).  Also whether
    any cell was blank, and whether any was refused."""
    cells: list[str] = []
    parsed: list[Any] = []
    index: dict[str, Any] = {}
    blanks = refused = False
    for cell in set(column):
        if not cell.strip():
            index[cell] = _BLANK
            blanks = True
            continue
        if is_id and not cell.isascii():
            index[cell] = m.REFUSED
            refused = True
            continue
        try:
            value = parse(cell)
        except _CellError:
            index[cell] = m.REFUSED
            refused = True
            continue
        if value == []:
            index[cell] = _BLANK
            blanks = True
            continue
        cells.append(cell)
        parsed.append(value)
    checked = builder.field_values(f.name, parsed)
    refused = refused or any(v is m.REFUSED for v in checked)
    index.update(zip(cells, checked, strict=True))
    out = list(map(index.__getitem__, column))
    if f.many and len(index) < len(column):  # rows sharing a cell get a list each
        out = [v.copy() if v.__class__ is list else v for v in out]
    return out, blanks, refused


def _is_ascii(value: Any) -> bool:
    if isinstance(value, str):
        return value.isascii()
    if isinstance(value, list):
        return all(_is_ascii(v) for v in value)
    return True


def _note_normalised(ds: Dataset, raw: Any, parsed: Any, loc: Location) -> None:
    """Tell the user when an id was changed by NFKC normalisation
    (full-width letters, digits, dashes and spaces)."""
    values = parsed if isinstance(parsed, list) else [parsed]
    if isinstance(raw, list):
        written = [unneutralise(cell_text(v)) for v in raw if not _is_blank(v)]
    elif isinstance(parsed, list):
        written = [unneutralise(p.strip()) for p in _LIST_SPLIT.split(cell_text(raw)) if p.strip()]
    else:
        written = [unneutralise(cell_text(raw))]
    if written != values:
        ds.notices.append(
            Problem(
                kind=ProblemKind.normalised,
                location=loc,
                value=_short("; ".join(written)),
                expected=_short("; ".join(values)),
            )
        )


def _note_failed(ds: Dataset, data: dict[str, Any]) -> None:
    if isinstance(data.get("id"), str):
        ds.failed_ids.add(data["id"])


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _validation_problems(
    exc: ValidationError, loc: Location, used: dict[str, str], data: dict[str, Any]
) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        field = str(err["loc"][0]) if err["loc"] else _field_in_message(str(err.get("msg", "")), used)
        column = used.get(field) if field else None
        value = data.get(field) if field else None
        message = str(err.get("msg", "")).removeprefix("Value error, ")
        out.append(
            Problem(
                kind=ProblemKind.invalid,
                location=loc.at(column),
                value=_short(cell_text(value)) if value is not None else "",
                expected=message,
            )
        )
    return out


def _field_in_message(message: str, used: dict[str, str]) -> str | None:
    """The first field a whole-record rule's message names ("sender and
    recipient are the same", "left is before joined"), so the problem
    points at a column."""
    for word in re.findall(r"[a-z_]+", message):
        if word in used:
            return str(word)
    return None


def parse_rows(
    cls: type[m.Record],
    header: Sequence[Any],
    rows: Iterable[tuple[int, Sequence[Any]]],
    ds: Dataset,
    *,
    file: str,
    sheet: str | None = None,
    header_row: int = 1,
) -> list[Problem]:
    """Parse one table into ``ds``; return the problems found."""
    return SheetReader(cls, file, sheet, header_row).read(header, rows, ds)


# ------------------------------------------------------------------ writing


def _write_value(value: Any, f: m.FieldInfo, *, labels: str | None) -> Any:
    """A value as a cell: enum codes or labels (``labels='ja'``), lists
    joined with ``;``, booleans, numbers and dates kept native."""
    if value is None:
        return None
    if isinstance(value, list):
        if not value:
            return None
        return ";".join(str(_write_value(v, f, labels=labels)) for v in value)
    if isinstance(value, StrEnum):
        return m.enum_label(value, labels, type(value)) if labels else value.value
    if isinstance(value, str):
        return neutralise_formula(value)
    return value


def dataset_to_tables(
    ds: Dataset, *, labels: str | None = None, include_empty: bool = False
) -> dict[type[m.Record], tuple[list[str], list[list[Any]]]]:
    """Each record type's header (bilingual) and rows, for the writers.

    ``labels='ja'`` writes enum values as their Japanese labels (the
    workbook), ``None`` as codes (CSV).  Values are native Python values;
    writers turn them into text as their format needs.
    """
    out: dict[type[m.Record], tuple[list[str], list[list[Any]]]] = {}
    for cls in m.RECORD_TYPES:
        records = ds.of(cls)
        if not records and not include_empty:
            continue
        fields = cls.fields()
        header = [header_for(f) for f in fields]
        rows = [[_write_value(getattr(r, f.name), f, labels=labels) for f in fields] for r in records]
        out[cls] = (header, rows)
    return out
