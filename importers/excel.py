"""Excel workbooks (.xlsx): one sheet per record type, header in row 1.

Reading uses python-calamine (fast, values not formulas: a formula cell
yields its last computed value); writing uses openpyxl.  Sheets that name
no record type (a help sheet, the lists behind drop-downs) are skipped when
their name starts with ``_`` or is the help sheet; any other unknown sheet
is reported.  Before opening, the zip directory is checked so a corrupt
file, a file of another kind renamed to .xlsx or a zip bomb is refused with
a clear message instead of exhausting memory; so is a sheet whose used
range is huge (a stray cell at XFD1048576 of an otherwise small sheet
would make the reader allocate a grid of 17 billion cells).

Merged cells: a block merged down one column in the data rows (a unit
written once beside several people) gives its value to every row of the
block, as the sheet shows it, and the user is told; other merges keep the
value in their top-left cell only.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graphmap import model as m
from graphmap.dataset import Dataset, Location, Problem, ProblemKind
from graphmap.fileio import atomic_path
from importers.csvfiles import _unknown_sheet
from importers.tabular import dataset_to_tables, enum_choices, header_for, match_record_type, parse_rows

__all__ = ["HELP_SHEET", "MAX_CELLS", "MAX_RATIO", "MAX_UNCOMPRESSED", "read_workbook", "write_workbook"]

HELP_SHEET = "説明_help"
LISTS_SHEET = "_lists"
#: Refuse workbooks that would expand beyond this (bytes) ...
MAX_UNCOMPRESSED = 512 * 1024 * 1024
#: ... or whose members compress better than this (a zip bomb's signature).
MAX_RATIO = 200
#: Refuse a sheet whose used range (first to last non-empty cell) holds
#: more cells than this: the reader allocates the whole rectangle.
MAX_CELLS = 20_000_000
#: Sheets up to this size (uncompressed XML) are scanned cell by cell for
#: their extent; larger ones are trusted to their ``<dimension>`` unless a
#: cell reference outside its letter and digit counts shows it is wrong.
_FULL_SCAN_BYTES = 16 * 1024 * 1024
_CELL_REF = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?\"")
_ZIP_ERRORS = (zipfile.BadZipFile, EOFError, OSError, zlib.error, NotImplementedError, RuntimeError, ValueError)
_SHEET_TARGET = re.compile(r"worksheets/[^/]+\.xml$")


def _check_zip(path: Path) -> str | None:
    """None when the file looks like a sane xlsx, else the reason."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
                return "not an Excel workbook (.xlsx)"
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED:
                return (
                    f"expands to {total // (1024 * 1024)} MiB, over the {MAX_UNCOMPRESSED // (1024 * 1024)} MiB limit"
                )
            for i in infos:
                if i.compress_size and i.file_size / i.compress_size > MAX_RATIO and i.file_size > 10_000_000:
                    return f"member {i.filename} compresses {i.file_size // i.compress_size}:1 (zip bomb?)"
    except (zipfile.BadZipFile, ValueError, NotImplementedError, EOFError):
        return "not a valid .xlsx (zip) file: corrupt, truncated or another kind of file"
    except OSError as err:
        return err.strerror or str(err)
    return None


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _scan_extent(data: bytes) -> tuple[int, int]:
    """(last row, last column) of the cells in a sheet's XML."""
    rows = {int(r) for r in set(re.findall(rb"<(?:\w+:)?c\s[^>]*?\br=\"[A-Z]{1,3}([0-9]{1,7})\"", data))}
    cols = {_column_number(c) for c in set(re.findall(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,3})[0-9]", data))}
    return max(rows, default=0), max(cols, default=0)


def _sheet_extent(zf: zipfile.ZipFile, member: str) -> tuple[int, int]:
    """An upper bound of (last row, last column) of a worksheet part."""
    with zf.open(member) as fh:
        data = fh.read()
    size = len(data)
    dim = _DIMENSION.search(data, 0, 65536)
    if size > _FULL_SCAN_BYTES and dim is not None:
        last_col, last_row = (dim[3], dim[4]) if dim[3] else (dim[1], dim[2])
        # a cell with more column letters or row digits than the dimension
        # claims proves it wrong; then count for real
        longer = re.compile(
            rb"<(?:\w+:)?c\s[^>]*?\br=\"(?:[A-Z]{%d,}|[A-Z]{1,3}[0-9]{%d,})\""
            % (len(last_col) + 1, len(last_row) + 1)
        )
        if longer.search(data) is None:
            return int(last_row), _column_number(last_col)
    return _scan_extent(data)


def _check_extents(path: Path) -> list[tuple[str, str]]:
    """(sheet part, reason) for every worksheet whose used range is over
    :data:`MAX_CELLS`."""
    out = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if not (name.startswith("xl/") and _SHEET_TARGET.search(name)):
                continue
            try:
                rows, cols = _sheet_extent(zf, name)
            except _ZIP_ERRORS as err:
                out.append((name, f"corrupt worksheet ({err})"))
                continue
            if rows * cols > MAX_CELLS:
                out.append(
                    (
                        name,
                        f"the used range reaches cell {_column_letters(cols)}{rows} ({rows * cols:,} cells, "
                        f"over the {MAX_CELLS:,} limit): delete stray cells far from the table",
                    )
                )
    return out


def _sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name -> worksheet part (``xl/worksheets/sheet1.xml``)."""
    out: dict[str, str] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            book = zf.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except (KeyError, *_ZIP_ERRORS):
        return out
    targets: dict[str, str] = {}
    for rel in re.finditer(r"<(?:\w+:)?Relationship\s[^>]*>", rels):
        rid = re.search(r'\bId="([^"]*)"', rel[0])
        target = re.search(r'\bTarget="([^"]*)"', rel[0])
        if rid and target:
            targets[rid[1]] = target[1]
    for sheet in re.finditer(r"<(?:\w+:)?sheet\s[^>]*>", book):
        tag = sheet[0]
        name = re.search(r'\bname="([^"]*)"', tag)
        rid = re.search(r'\br:id="([^"]*)"', tag) or re.search(r'\b\w+:id="([^"]*)"', tag)
        if name and rid and rid[1] in targets:
            part = targets[rid[1]].lstrip("/")
            out[_unescape(name[1])] = part if part.startswith("xl/") else "xl/" + part
    return out


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def read_workbook(path: Path, ds: Dataset, *, on_sheet: Callable[[str], None] | None = None) -> list[Problem]:
    """Read every record sheet of a workbook into ``ds``."""
    from python_calamine import CalamineWorkbook

    file = str(path)
    reason = _check_zip(path)
    if reason:
        return [Problem(kind=ProblemKind.bad_file, location=Location(file=file), value=reason)]
    oversized = _check_extents(path)
    if oversized:
        parts = {part: name for name, part in _sheet_parts(path).items()}
        return [
            Problem(kind=ProblemKind.bad_file, location=Location(file=file, sheet=parts.get(part, part)), value=why)
            for part, why in oversized
        ]
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as err:  # calamine raises its own error types
        return [Problem(kind=ProblemKind.bad_file, location=Location(file=file), value=str(err)[:200])]
    problems: list[Problem] = []
    for name in wb.sheet_names:
        if name.startswith("_") or name == HELP_SHEET:
            continue
        cls = match_record_type(name)
        if cls is None:
            problems.append(_unknown_sheet(file, name).model_copy(update={"location": Location(file=file, sheet=name)}))
            continue
        if on_sheet is not None:
            on_sheet(name)
        try:
            sheet = wb.get_sheet_by_name(name)
            rows: list[list[Any]] = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
        except Exception as err:
            problems.append(
                Problem(kind=ProblemKind.bad_file, location=Location(file=file, sheet=name), value=str(err)[:200])
            )
            continue
        # skip leading blank rows (hand-made sheets sometimes start lower)
        start = 0
        while start < len(rows) and all(c in (None, "") for c in rows[start]):
            start += 1
        if start >= len(rows):
            continue
        header = rows[start]
        if merged:
            ds.notices.extend(_fill_merged_down(rows, merged, start, file, name))
        body = ((start + i + 2, r) for i, r in enumerate(rows[start + 1 :]))
        problems.extend(parse_rows(cls, header, body, ds, file=file, sheet=name, header_row=start + 1))
    return problems


def _fill_merged_down(
    rows: list[list[Any]], merged: list[Any], header_index: int, file: str, sheet: str
) -> list[Problem]:
    """Copy the value of each single-column block merged over data rows into
    every row of the block; return one notice per block filled."""
    notices = []
    for (r0, c0), (r1, c1) in merged:
        if c0 != c1 or r1 <= r0 or r0 <= header_index or r1 >= len(rows):
            continue
        if c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        if value in (None, ""):
            continue
        for r in range(r0 + 1, r1 + 1):
            row = rows[r]
            # a blank row inside the block stays blank (and is skipped)
            if c0 < len(row) and row[c0] in (None, "") and any(v not in (None, "") for v in row):
                row[c0] = value
        letter = _column_letters(c0 + 1)
        header = rows[header_index][c0] if c0 < len(rows[header_index]) else None
        notices.append(
            Problem(
                kind=ProblemKind.merged_cells,
                location=Location(file=file, sheet=sheet, row=r0 + 1, column=str(header) if header else letter),
                value=f"{letter}{r0 + 1}:{letter}{r1 + 1}",
            )
        )
    return notices


def _sheet_name(cls: type[m.Record]) -> str:
    return f"{cls.sheet_ja}_{cls.sheet_en}"[:31]


def write_workbook(ds: Dataset, path: Path, *, template: bool = False) -> None:
    """Write ``ds`` (or, with ``template``, empty sheets for every record
    type) as a workbook with bilingual headers, drop-down lists for enum
    and yes/no columns, and a help sheet.  Written atomically."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    help_ws = wb.active
    assert help_ws is not None
    help_ws.title = HELP_SHEET
    lists_ws = wb.create_sheet(LISTS_SHEET)
    lists_ws.sheet_state = "hidden"
    tables = dataset_to_tables(ds, labels="ja", include_empty=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F3")
    list_col = 0
    enum_ranges: dict[Any, str] = {}

    def list_range(key: Any, values: list[str]) -> str:
        nonlocal list_col
        if key not in enum_ranges:
            list_col += 1
            letter = get_column_letter(list_col)
            lists_ws.cell(row=1, column=list_col, value=str(key))
            for i, v in enumerate(values, start=2):
                lists_ws.cell(row=i, column=list_col, value=v)
            enum_ranges[key] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
        return enum_ranges[key]

    for cls, (header, rows) in tables.items():
        ws = wb.create_sheet(_sheet_name(cls))
        ws.append(header)
        for cell, f in zip(ws[1], cls.fields(), strict=True):
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True)
            note = f.en + (" (required / 必須)" if f.required else "")
            if f.many:
                note += "; several values separated by ; / 複数は ; 区切り"
            cell.comment = Comment(note, "graphmap")
        if not template:
            for row in rows:
                ws.append(row)
        ws.freeze_panes = "A2"
        last = max(len(rows) + 1, 1000)
        for col, f in enumerate(cls.fields(), start=1):
            ws.column_dimensions[get_column_letter(col)].width = max(12, min(40, len(header[col - 1]) + 4))
            values: list[str] | None = None
            if f.kind == "enum" and not f.many:
                values = enum_choices(f.enum, "ja")
            elif f.kind == "bool":
                values = ["はい", "いいえ"]
            if values is None:
                continue
            dv = DataValidation(type="list", formula1=list_range(f.enum or "bool", values), allow_blank=True)
            dv.error = "一覧から選んでください / pick a value from the list"
            dv.showErrorMessage = True
            letter = get_column_letter(col)
            dv.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(dv)

    _write_help(help_ws, tables)
    with atomic_path(path) as tmp:
        wb.save(tmp)


def _write_help(ws: Any, tables: dict[type[m.Record], Any]) -> None:
    from openpyxl.styles import Font

    ws.append(["graphmap 入力テンプレート / input template"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    ws.append(
        [
            "各シートが1種類のレコードです。1行目が見出し（日本語 / English）、2行目以降にデータを入力します。"
            " / Each sheet holds one record type: headers in row 1, data from row 2."
        ]
    )
    ws.append(
        [
            "IDは英数字と _ . : - で、全シートを通じて一意にします。参照列には他シートのIDを書きます。"
            " / Ids use letters, digits, _ . : - and are unique across all sheets; reference columns hold ids."
        ]
    )
    ws.append(
        ["日付は 2025-04-01 の形式、複数の値は ; で区切ります。 / Dates as 2025-04-01; several values separated by ;"]
    )
    ws.append([])
    ws.append(["シート / sheet", "内容 / contents", "必須列 / required columns"])
    for cls in tables:
        required = ", ".join(header_for(f) for f in cls.fields() if f.required)
        ws.append([_sheet_name(cls), f"{cls.description_ja} / {cls.description_en}", required])
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].width = 60
