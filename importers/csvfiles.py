"""CSV files: one file per record type, named after it (``people.csv``,
``人員.csv``).  Text may be UTF-8, UTF-8 with BOM, UTF-16 with BOM or
Shift_JIS / cp932 (what Japanese Excel writes); newlines may be mixed."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from graphmap import model as m
from graphmap.dataset import Dataset, Location, Problem, ProblemKind
from graphmap.fileio import atomic_write_text, private_dir
from importers.tabular import SheetReader, cell_text, dataset_to_tables

__all__ = ["decode", "read_csv", "write_csv_dir"]

_SUSPECT = re.compile("[\x80-\x9f\uf8f0-\uf8f3]")

#: A cell larger than this is refused (a hand-made file gone wrong).
MAX_FIELD = 1_000_000


def decode(data: bytes, file: str) -> tuple[str | None, Problem | None]:
    """Decode CSV bytes, trying UTF-8 (with or without BOM), UTF-16 (BOM)
    and cp932 in turn.  On failure, the problem names the first bad line."""
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp932"]
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "cp932" and _SUSPECT.search(text):
            # cp932 maps some stray bytes to C1 controls or private-use
            # characters: that is a file in neither encoding, not text
            continue
        return text, None
    try:
        data.decode(encodings[0])
        line = 1
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
    return None, Problem(kind=ProblemKind.undecodable, location=Location(file=file, row=line))


def read_csv(path: Path, ds: Dataset, *, record_type: type[m.Record] | None = None) -> list[Problem]:
    """Read one CSV file of one record type into ``ds``."""
    file = str(path)
    cls = record_type
    if cls is None:
        from importers.tabular import match_record_type

        cls = match_record_type(path.stem)
    if cls is None:
        return [_unknown_sheet(file, path.stem)]
    try:
        data = path.read_bytes()
    except OSError as err:
        return [Problem(kind=ProblemKind.bad_file, location=Location(file=file), value=err.strerror or "")]
    text, problem = decode(data, file)
    if problem is not None or text is None:
        return [problem] if problem else []
    if "\x00" in text:
        return [Problem(kind=ProblemKind.bad_file, location=Location(file=file), value="NUL byte")]
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as err:
        return [
            Problem(
                kind=ProblemKind.bad_file,
                location=Location(file=file, row=reader.line_num),
                value=str(err),
            )
        ]
    if not rows:
        return []
    # the row number is the line a spreadsheet shows; quoted newlines make
    # csv rows and lines differ, so count records (1-based, header = 1)
    return SheetReader(cls, file).read_table(rows[0], rows[1:], ds, first_row=2)


def _unknown_sheet(file: str, name: str) -> Problem:
    expected = ", ".join(f"{c.sheet_en} ({c.sheet_ja})" for c in m.RECORD_TYPES)
    return Problem(kind=ProblemKind.unknown_sheet, location=Location(file=file), value=name, expected=expected)


def write_csv_dir(ds: Dataset, directory: Path) -> list[Path]:
    """Write one UTF-8 (with BOM, so Excel opens it right) CSV per record
    type into ``directory``, each written atomically."""
    private_dir(directory)
    written = []
    for cls, (header, rows) in dataset_to_tables(ds).items():
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else _csv_cell(v) for v in row])
        target = directory / f"{cls.sheet_en}.csv"
        atomic_write_text(target, buf.getvalue(), encoding="utf-8-sig")
        written.append(target)
    return written


def _csv_cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return cell_text(value)
