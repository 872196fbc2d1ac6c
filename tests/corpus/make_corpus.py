"""Write the binary and large members of the hostile-input corpus.

The small, readable cases live beside this script as folders of CSV, YAML
and Turtle files.  The cases here are bytes that do not belong in git
(workbooks, other encodings, zip bombs, megabyte cells), so the tests
build them into a temporary folder::

    python tests/corpus/make_corpus.py OUT_DIR

Each case is one folder ``OUT_DIR/<case>/`` holding the source files of
that case; ``tests/test_corpus.py`` says what each must give.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["CASES", "build"]

ORGS_JA = "ID,組織名,種別,国\nORG-SELF,東邦テスト株式会社,自社,JP\nORG-A,仕入先Ａ,仕入先,CN\n"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# ------------------------------------------------------------------ CSV


def csv_cp932(out: Path) -> None:
    _write(out / "組織.csv", ORGS_JA.replace("\n", "\r\n").encode("cp932"))


def csv_utf8_bom(out: Path) -> None:
    _write(out / "組織.csv", ORGS_JA.encode("utf-8-sig"))


def csv_utf16(out: Path) -> None:
    _write(out / "組織.csv", ORGS_JA.replace("\n", "\r\n").encode("utf-16"))


def csv_mixed_newlines(out: Path) -> None:
    _write(out / "organisations.csv", b"id,name,kind\r\nORG-1,a,supplier\nORG-2,b,customer\rORG-3,c,competitor\r\n")


def csv_undecodable(out: Path) -> None:
    # valid UTF-8 and cp932 lines, then bytes neither can decode on line 3
    _write(
        out / "organisations.csv", "id,name,kind\nORG-1,甲,supplier\n".encode() + b"ORG-2,\xff\xfe\x80\x81,customer\n"
    )


def csv_nul_byte(out: Path) -> None:
    _write(out / "organisations.csv", b"id,name,kind\nORG-1,a\x00b,supplier\n")


def csv_huge_cell(out: Path) -> None:
    # one cell over the 1 MB field limit (a paste gone wrong)
    _write(out / "organisations.csv", b"id,name,kind\nORG-1,ok,supplier\nORG-2," + b"x" * 2_000_000 + b",customer\n")


def csv_huge_row(out: Path) -> None:
    # 100 000 cells in one row, all but three beyond the header: ignored
    extra = b"," * 100_000
    _write(out / "organisations.csv", b"id,name,kind\nORG-1,a,supplier" + extra + b"\n")


def csv_long_text(out: Path) -> None:
    # a 500 kB free-text cell (below the limit) imports whole
    _write(out / "organisations.csv", b"id,name,kind,past incidents\nORG-1,a,supplier," + b"y" * 500_000 + b"\n")


# -------------------------------------------------------------- workbooks


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    first = True
    for name, rows in sheets.items():
        ws = wb.active if first else wb.create_sheet(name)
        assert ws is not None
        ws.title = name
        first = False
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


ORG_ROWS: list[list[object]] = [
    ["ID", "組織名", "種別", "国"],
    ["ORG-SELF", "東邦", "自社", "JP"],
    ["ORG-A", "甲", "仕入先", "CN"],
]


def xlsx_truncated(out: Path) -> None:
    data = _workbook({"組織": ORG_ROWS})
    _write(out / "book.xlsx", data[: len(data) // 2])


def xlsx_corrupt(out: Path) -> None:
    data = bytearray(_workbook({"組織": ORG_ROWS}))
    middle = len(data) // 2
    data[middle : middle + 200] = b"\x00" * 200
    _write(out / "book.xlsx", bytes(data))


def xlsx_renamed_pdf(out: Path) -> None:
    _write(out / "book.xlsx", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")


def xlsx_renamed_csv(out: Path) -> None:
    _write(out / "book.xlsx", ORGS_JA.encode("cp932"))


def xlsx_renamed_zip(out: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "not a workbook")
    _write(out / "book.xlsx", buf.getvalue())


def xlsx_empty_file(out: Path) -> None:
    _write(out / "book.xlsx", b"")


def _rezip(data: bytes, replace: Callable[[str, bytes], bytes]) -> bytes:
    """A copy of a zip with some members' bytes replaced."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace(info.filename, src.read(info.filename)))
    return buf.getvalue()


def _pad_sheet(size: int) -> Callable[[str, bytes], bytes]:
    def replace(name: str, body: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return body
        head, tail = body.split(b"</sheetData>")
        return head + b" " * size + b"</sheetData>" + tail

    return replace


def xlsx_zip_bomb(out: Path) -> None:
    # a real workbook whose sheet inflates to 60 MB of blanks from ~60 kB
    _write(out / "book.xlsx", _rezip(_workbook({"組織": ORG_ROWS}), _pad_sheet(60_000_000)))


def _patch_sizes(data: bytes, member: str, size: int) -> bytes:
    """Make the zip headers lie about one member's uncompressed size."""
    raw = bytearray(data)
    name = member.encode()
    i = raw.find(b"PK\x03\x04")
    while i != -1:
        n = struct.unpack_from("<H", raw, i + 26)[0]
        if raw[i + 30 : i + 30 + n] == name:
            struct.pack_into("<I", raw, i + 22, size)
        i = raw.find(b"PK\x03\x04", i + 4)
    j = raw.find(b"PK\x01\x02")
    while j != -1:
        n = struct.unpack_from("<H", raw, j + 28)[0]
        if raw[j + 46 : j + 46 + n] == name:
            struct.pack_into("<I", raw, j + 24, size)
        j = raw.find(b"PK\x01\x02", j + 4)
    return bytes(raw)


def xlsx_zip_bomb_lying_small(out: Path) -> None:
    # 20 MB of blanks declared as 4 kB: the reader must not trust the header
    data = _rezip(_workbook({"組織": ORG_ROWS}), _pad_sheet(20_000_000))
    _write(out / "book.xlsx", _patch_sizes(data, "xl/worksheets/sheet1.xml", 4000))


def xlsx_zip_bomb_declared_huge(out: Path) -> None:
    # a small workbook whose directory claims a 4 GB sheet
    _write(out / "book.xlsx", _patch_sizes(_workbook({"組織": ORG_ROWS}), "xl/worksheets/sheet1.xml", 0xFFFF0000))


def xlsx_stray_far_cell(out: Path) -> None:
    # someone typed into the last cell of the sheet: a 5 kB file whose used
    # range is 17 billion cells
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "組織"
    for row in ORG_ROWS:
        ws.append(row)
    ws.cell(row=1048576, column=16384, value="x")
    buf = io.BytesIO()
    wb.save(buf)
    _write(out / "book.xlsx", buf.getvalue())


def xlsx_stray_far_cell_no_dimension(out: Path) -> None:
    # the same, with the <dimension> element removed so only a scan finds it
    import re

    data = io.BytesIO()
    xlsx_stray_far_cell(out)
    data.write((out / "book.xlsx").read_bytes())
    fixed = _rezip(
        data.getvalue(),
        lambda name, body: re.sub(rb"<dimension [^>]*/>", b"", body) if name.startswith("xl/worksheets/") else body,
    )
    _write(out / "book.xlsx", fixed)


def xlsx_merged_and_blank_rows(out: Path) -> None:
    """A hand-made workbook: a title above the table, a blank row, the
    header, a unit merged down beside three people, blank rows between,
    and a header cell merged over two columns."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "人員"
    ws.append([])  # leading blank rows
    ws.append([])
    ws.append(["ID", "氏名", "所属組織", "部署"])  # header on row 3
    ws.append(["PER-1", "山田", "ORG-SELF", "U-RD"])
    ws.append(["PER-2", "佐藤", None, None])
    ws.append([None, None, None, None])  # a blank row inside the table
    ws.append(["PER-3", "鈴木", None, None])
    ws.merge_cells("C4:C7")  # one employer written once for three people
    ws.merge_cells("D4:D5")
    orgs = wb.create_sheet("組織")
    for row in ORG_ROWS:
        orgs.append(row)
    orgs.append([None, None, None, None])
    orgs.append([None, None, None, None])
    units = wb.create_sheet("部署")
    units.append(["ID", "部署名", "所属組織", None])
    units.merge_cells("C1:D1")  # header merged over two columns
    units.append(["U-RD", "研究開発部", "ORG-SELF", None])
    buf = io.BytesIO()
    wb.save(buf)
    _write(out / "book.xlsx", buf.getvalue())


def _formula_book(cached: bool) -> bytes:
    """A workbook whose name column holds formulas; with ``cached`` each
    formula carries the value Excel computed when it saved the file."""
    import re

    data = _workbook(
        {"組織": [["ID", "組織名", "種別"], ["ORG-1", '=UPPER("abc")', "supplier"], ["ORG-2", "=1+1", "customer"]]}
    )

    def add_values(name: str, body: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return body
        body = re.sub(
            rb'<c r="B2"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>', rb'<c r="B2" t="str"><f>\2</f><v>ABC</v></c>', body
        )
        return re.sub(rb'<c r="B3"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>', rb'<c r="B3"><f>\2</f><v>2</v></c>', body)

    return _rezip(data, add_values) if cached else data


def xlsx_formulas_cached(out: Path) -> None:
    _write(out / "book.xlsx", _formula_book(cached=True))


def xlsx_formulas_uncomputed(out: Path) -> None:
    _write(out / "book.xlsx", _formula_book(cached=False))


def xlsx_serial_dates(out: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "人員"
    ws.append(["ID", "氏名", "入社日", "退職日", "定年予定日"])
    ws.append(["PER-1", "山田", 45000, dt.date(2024, 4, 1), "2030/3/31"])  # a number, a date cell, text
    ws.cell(row=2, column=3).number_format = "General"
    buf = io.BytesIO()
    wb.save(buf)
    _write(out / "book.xlsx", buf.getvalue())


def xlsx_huge_cells(out: Path) -> None:
    # 40 rows, each with a different 32 767-character cell (Excel's maximum)
    import random

    rnd = random.Random(8)
    text = "技術情報の管理と流出経路の確認を行う製造工程条件表設計図面試料契約秘密保持"
    rows: list[list[object]] = [["ID", "組織名", "種別", "past incidents"]]
    rows += [[f"ORG-{i}", f"組織{i}", "supplier", "".join(rnd.choices(text, k=32767))] for i in range(40)]
    _write(out / "book.xlsx", _workbook({"組織": rows}))


# ------------------------------------------------------------ structured


def json_deep_nesting(out: Path) -> None:
    _write(out / "organisations.json", b"[" * 200_000 + b"]" * 200_000)


def yaml_deep_nesting(out: Path) -> None:
    _write(out / "organisations.yaml", b"[" * 3_000 + b"]" * 3_000)


def jsonld_remote_context(out: Path) -> None:
    # rdflib would fetch this context: graphmap must refuse, not connect
    _write(
        out / "company.jsonld",
        b'{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "ORG-1", "name": "x"}',
    )


def turtle_not_utf8(out: Path) -> None:
    _write(out / "company.ttl", '<ORG-1> <name> "東邦" .\n'.encode("cp932"))


CASES: dict[str, Callable[[Path], None]] = {
    f.__name__: f
    for f in (
        csv_cp932,
        csv_utf8_bom,
        csv_utf16,
        csv_mixed_newlines,
        csv_undecodable,
        csv_nul_byte,
        csv_huge_cell,
        csv_huge_row,
        csv_long_text,
        xlsx_truncated,
        xlsx_corrupt,
        xlsx_renamed_pdf,
        xlsx_renamed_csv,
        xlsx_renamed_zip,
        xlsx_empty_file,
        xlsx_zip_bomb,
        xlsx_zip_bomb_lying_small,
        xlsx_zip_bomb_declared_huge,
        xlsx_stray_far_cell,
        xlsx_stray_far_cell_no_dimension,
        xlsx_merged_and_blank_rows,
        xlsx_formulas_cached,
        xlsx_formulas_uncomputed,
        xlsx_serial_dates,
        xlsx_huge_cells,
        json_deep_nesting,
        yaml_deep_nesting,
        jsonld_remote_context,
        turtle_not_utf8,
    )
}


def build(out: Path, names: list[str] | None = None) -> Path:
    """Write the generated cases (all, or ``names``) under ``out``."""
    for name in names or list(CASES):
        CASES[name](out / name)
    return out


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("corpus-out"))
