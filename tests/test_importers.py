"""Importers: every source kind, header language, encoding and problem kind."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from graphmap import model as m
from graphmap.dataset import Dataset, ProblemKind, check_dataset
from graphmap.graph import build_graph, canonical_form
from importers import read_sources, write_source
from importers.csvfiles import decode
from importers.tabular import match_record_type, parse_rows


def small_dataset() -> Dataset:
    """A dataset with one record of every type and every field kind."""
    ds = Dataset()
    ds.add(m.Country(id="CN", government_access_law="yes", reviewed=dt.date(2025, 1, 10)))
    ds.add(m.Organisation(id="ORG-SELF", name="東邦セラミックス", kind="self", country="JP", listed=True))
    ds.add(
        m.Organisation(
            id="ORG-SUP",
            name="=SUM(A1)",  # must survive as text, not become a formula
            kind="supplier",
            country="CN",
            certifications=["isms", "tics"],
            sole_source=True,
            founded=dt.date(2019, 6, 1),
        )
    )
    ds.add(m.Unit(id="U-RD", name="研究開発部", organisation="ORG-SELF", leakage_owner=True))
    ds.add(m.Policy(id="POL-1", title="技術情報管理規程", owner_unit="U-RD", topics=["storage", "devices"]))
    ds.add(m.Site(id="SITE-CN", name="蘇州工場", country="CN", operator="ORG-SUP", stage="withdrawal"))
    ds.add(
        m.Technology(
            id="T-1",
            name="焼成技術",
            grading=["core", "econ_security"],
            choke_point=True,
            forms=["tacit", "data"],
            protection="trade_secret",
            owner_unit="U-RD",
        )
    )
    ds.add(m.ProcessStep(id="S-1", technology="T-1", order=1, name="原料配合"))
    ds.add(m.ProcessStep(id="S-2", technology="T-1", order=2, name="焼成"))
    ds.add(
        m.InformationAsset(
            id="A-1",
            name="焼成条件表",
            technologies=["T-1"],
            steps=["S-1", "S-2"],
            secrecy="top_secret",
            trade_secret=True,
            marked=False,
            form="data",
            site="SITE-CN",
        )
    )
    ds.add(
        m.Person(
            id="P-1",
            name="山田 太郎",
            employer="ORG-SELF",
            unit="U-RD",
            joined=dt.date(1995, 4, 1),
            planned_retirement=dt.date(2027, 3, 31),
            confidentiality_pledge=True,
            non_compete_pledge=False,
        )
    )
    ds.add(m.Person(id="P-2", name="李 明", employer="ORG-SUP", residency="non_resident"))
    ds.add(
        m.Equipment(id="EQ-1", name="焼成炉", customised=True, owner="ORG-SUP", site="SITE-CN", embodies=["T-1", "S-2"])
    )
    ds.add(
        m.Contract(
            id="C-1",
            title="取引基本契約",
            kind="basic_supply",
            parties=["ORG-SUP"],
            start=dt.date(2024, 1, 1),
            end=dt.date(2026, 12, 31),
            covered_assets=["A-1"],
            confidentiality=True,
            purpose_limitation=False,
            survival_years=5,
            governing_law="japan",
        )
    )
    ds.add(
        m.Project(
            id="PRJ-1",
            name="次世代焼成",
            partners=["ORG-SUP"],
            themes=["T-1"],
            participants=["P-1", "P-2"],
            contract="C-1",
        )
    )
    ds.add(
        m.DueDiligence(
            id="DD-1", subject="ORG-SUP", scope="organisation", date=dt.date(2023, 5, 1), outcome="conditional"
        )
    )
    ds.add(
        m.Disclosure(
            id="D-1",
            date=dt.date(2024, 3, 1),
            assets=["A-1"],
            sender="P-1",
            recipient="ORG-SUP",
            channel="sample_shipment",
            contract="C-1",
            return_status="outstanding",
            return_due=dt.date(2024, 6, 1),
            codenamed=False,
        )
    )
    ds.add(m.Knowledge(person="P-1", step="S-1", depth="full", mode="tacit"))
    ds.add(m.Access(person="P-2", asset="A-1", level="download", granted=dt.date(2024, 1, 1)))
    ds.add(m.Ownership(owner="ORG-SELF", owned="ORG-SUP", votes_pct=12.5, capital_pct=10, golden_share=False))
    ds.add(m.Directorship(person="P-2", organisation="ORG-SUP", representative=True, nominated_by="ORG-SELF"))
    assert check_dataset(ds) == []
    return ds


def test_small_dataset_covers_every_record_type() -> None:
    ds = small_dataset()
    assert {cls.label for cls in m.RECORD_TYPES} <= set(ds.records)


@pytest.mark.parametrize("target", ["book.xlsx", "csvdir"])
def test_written_source_reads_back_to_the_same_graph(tmp_path: Path, target: str) -> None:
    ds = small_dataset()
    write_source(ds, tmp_path / target)
    back, problems, total = read_sources([tmp_path / target])
    assert problems == [] and total == 0
    assert canonical_form(build_graph(back)) == canonical_form(build_graph(ds.sorted()))
    org = back.nodes_by_id()["ORG-SUP"]
    assert isinstance(org, m.Organisation) and org.name == "=SUM(A1)"


def test_workbook_and_csv_give_the_same_graph(tmp_path: Path) -> None:
    ds = small_dataset()
    write_source(ds, tmp_path / "b.xlsx")
    write_source(ds, tmp_path / "c")
    a, pa, _ = read_sources([tmp_path / "b.xlsx"])
    b, pb, _ = read_sources([tmp_path / "c"])
    assert pa == pb == []
    assert canonical_form(build_graph(a)) == canonical_form(build_graph(b))


def test_csv_formula_text_is_neutralised_on_disk(tmp_path: Path) -> None:
    write_source(small_dataset(), tmp_path / "c")
    text = (tmp_path / "c" / "organisations.csv").read_text("utf-8-sig")
    assert "'=SUM(A1)" in text


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


ORGS_JA = "ID,組織名,種別,国\nORG-1,株式会社テスト,仕入先,JP\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "utf-16"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    _write(tmp_path / "組織.csv", ORGS_JA, encoding)
    ds, problems, _ = read_sources([tmp_path])
    assert problems == []
    (org,) = ds.of(m.Organisation)
    assert org.name == "株式会社テスト" and org.kind == m.OrgKind.supplier


def test_csv_mixed_newlines_and_english_headers(tmp_path: Path) -> None:
    _write(tmp_path / "organisations.csv", "id,name,kind\r\nO1,A,supplier\nO2,B,customer\rO3,C,competitor\r\n")
    ds, problems, _ = read_sources([tmp_path])
    assert problems == []
    assert [o.id for o in ds.of(m.Organisation)] == ["O1", "O2", "O3"]


@pytest.mark.parametrize("junk", [b"\xff\xfe\xfa\x80bad", b"\x81\x39bad"])
def test_undecodable_csv_reports_line(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "organisations.csv"
    path.write_bytes(b"id,name,kind\nO1,ok,supplier\nO2," + junk + b",supplier\n")
    _, problems, _ = read_sources([path])
    (p,) = problems
    assert p.kind == ProblemKind.undecodable and p.location.row == 3


def test_full_width_ids_are_normalised(tmp_path: Path) -> None:
    _write(tmp_path / "organisations.csv", "ID,組織名,種別\nＯＲＧ－００１,全角,supplier\n")
    ds, problems, _ = read_sources([tmp_path])
    assert problems == []
    assert ds.of(m.Organisation)[0].id == "ORG-001"


def test_date_forms(tmp_path: Path) -> None:
    _write(
        tmp_path / "people.csv",
        "id,name,joined,left,planned_retirement\nP1,a,2020-04-01,2021/5/6,2030年3月31日\nP2,b,45000,,\n",
    )
    ds, problems, _ = read_sources([tmp_path])
    assert problems == []
    p1, p2 = ds.of(m.Person)
    assert (p1.joined, p1.left, p1.planned_retirement) == (
        dt.date(2020, 4, 1),
        dt.date(2021, 5, 6),
        dt.date(2030, 3, 31),
    )
    assert p2.joined == dt.date(2023, 3, 15)  # Excel serial 45000


def _kinds(problems: list) -> list[str]:
    return sorted(p.kind.value for p in problems)


def test_every_problem_kind_has_a_test() -> None:
    """Each kind is exercised somewhere in this module or the hostile-input corpus."""
    source = Path(__file__).read_text("utf-8") + (Path(__file__).parent / "test_corpus.py").read_text("utf-8")
    for kind in ProblemKind:
        assert f"ProblemKind.{kind.name}" in source or f'"{kind.value}"' in source, kind


def test_every_problem_kind_is_reported_with_location(tmp_path: Path) -> None:
    _write(
        tmp_path / "organisations.csv",
        "id,name,kind,country,founded,listed\n"
        "O1,A,supplier,JP,2020-01-01,yes\n"
        "O1,dup,supplier,JP,,\n"  # duplicate id
        "O2,B,bogus,JP,,\n"  # bad enum
        "O3,C,supplier,ZZ,,\n"  # unknown reference (country)
        "O4,D,supplier,JP,2020-13-45,\n"  # bad date
        "O5,,supplier,JP,,\n"  # missing required
        "O6,F,supplier,JP,,perhaps\n"  # bad yes/no
        "O 7,G,supplier,JP,,\n",  # bad id
    )
    _write(tmp_path / "people.csv", "id,name,employer\nP1,x,NOPE\nP2,y,O1\n")
    _write(tmp_path / "ownership.csv", "owner,owned,votes_pct\nO1,P2,120\nO6,O1,half\n")
    _write(tmp_path / "knowledge.csv", "person,step\nP2,ST1\nP2,ST1\n")
    _write(tmp_path / "process_steps.csv", "id,technology,order,name\nST1,T1,1,a\n")
    _write(tmp_path / "technologies.csv", "id,name\nT1,t\n")
    _, problems, total = read_sources([tmp_path])
    assert total == len(problems)
    by_kind = {p.kind: p for p in problems}
    assert set(by_kind) >= {
        ProblemKind.duplicate_id,
        ProblemKind.bad_enum,
        ProblemKind.unknown_reference,
        ProblemKind.bad_date,
        ProblemKind.missing_field,
        ProblemKind.bad_bool,
        ProblemKind.bad_id,
        ProblemKind.invalid,
        ProblemKind.bad_number,
        ProblemKind.duplicate_link,
    }
    number = by_kind[ProblemKind.bad_number]
    assert (number.location.row, number.location.column, number.value) == (3, "votes_pct", "half")
    link = by_kind[ProblemKind.duplicate_link]
    assert link.location.file.endswith("knowledge.csv") and link.location.row == 3
    dup = by_kind[ProblemKind.duplicate_id]
    assert dup.location.file.endswith("organisations.csv") and dup.location.row == 3
    enum = by_kind[ProblemKind.bad_enum]
    assert (enum.location.row, enum.location.column, enum.value) == (4, "kind", "bogus")
    assert "supplier" in enum.expected
    date = by_kind[ProblemKind.bad_date]
    assert (date.location.row, date.location.column) == (6, "founded")
    missing = by_kind[ProblemKind.missing_field]
    assert (missing.location.row, missing.location.column) == (7, "name")
    refs = [p for p in problems if p.kind == ProblemKind.unknown_reference]
    assert {(Path(p.location.file).name, p.location.row, p.value) for p in refs} == {
        ("organisations.csv", 5, "ZZ"),
        ("people.csv", 2, "NOPE"),
    }
    invalid = by_kind[ProblemKind.invalid]  # votes over 100 (and P2 is not an organisation)
    assert invalid.location.file.endswith("ownership.csv")
    for p in problems:
        assert p.render("ja") and p.render("en")


def test_wrong_reference_type(tmp_path: Path) -> None:
    _write(tmp_path / "organisations.csv", "id,name,kind\nO1,A,supplier\n")
    _write(tmp_path / "people.csv", "id,name,employer\nP1,x,O1\nP2,y,P1\n")
    _, problems, _ = read_sources([tmp_path])
    (p,) = problems
    assert p.kind == ProblemKind.wrong_reference_type and p.actual == "Person"


def test_header_problems(tmp_path: Path) -> None:
    _write(tmp_path / "organisations.csv", "id,name,name,colour\nO1,a,b,red\n")
    _write(tmp_path / "technologies.csv", "id,grading\nT1,core\n")
    _write(tmp_path / "widgets.csv", "id\nW1\n")
    _, problems, _ = read_sources([tmp_path])
    assert _kinds(problems) == [
        "duplicate_column",
        "missing_column",  # organisations: kind
        "missing_column",  # technologies: name
        "unknown_column",
        "unknown_sheet",
    ]


def test_notes_columns_are_ignored(tmp_path: Path) -> None:
    _write(tmp_path / "organisations.csv", "id,name,kind,備考,#mine\nO1,a,supplier,memo,x\n")
    _, problems, _ = read_sources([tmp_path])
    assert problems == []


def test_yaml_and_json_sources(tmp_path: Path) -> None:
    _write(
        tmp_path / "company.yaml",
        "組織:\n  - {ID: O1, 組織名: 甲社, 種別: 自社, 国: JP}\n"
        "technologies:\n  - {id: T1, name: 技術, grading: [core, security]}\n",
    )
    (tmp_path / "people.json").write_text(
        json.dumps([{"id": "P1", "name": "乙", "employer": "O1"}], ensure_ascii=False), "utf-8"
    )
    ds, problems, _ = read_sources([tmp_path])
    assert problems == []
    assert ds.of(m.Technology)[0].grading == [m.Grading.core, m.Grading.security]
    assert ds.of(m.Person)[0].employer == "O1"


def test_bad_yaml_reports_line(tmp_path: Path) -> None:
    _write(tmp_path / "x.yaml", "organisations:\n  - {id: O1, name: [unclosed\n")
    _, problems, _ = read_sources([tmp_path])
    (p,) = problems
    assert p.kind == ProblemKind.bad_file and p.location.row is not None


def test_problems_are_capped_but_counted(tmp_path: Path) -> None:
    rows = "".join(f"O{i},x,bogus\n" for i in range(300))
    _write(tmp_path / "organisations.csv", "id,name,kind\n" + rows)
    _, problems, total = read_sources([tmp_path])
    assert total == 300 and len(problems) == 200


def test_corrupt_and_renamed_workbooks(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_bytes(b"PK\x03\x04garbage")
    (tmp_path / "b.xlsx").write_text("id,name\n", "utf-8")
    for name in ("a.xlsx", "b.xlsx"):
        _, problems, _ = read_sources([tmp_path / name])
        (p,) = problems
        assert p.kind == ProblemKind.bad_file and p.location.file.endswith(name)


def test_workbook_problem_locations(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "組織"
    ws.append(["ID", "組織名", "種別"])
    ws.append(["O1", "甲", "仕入先"])
    ws.append([None, None, None])  # blank row from a hand-made sheet
    ws.append(["O2", "乙", "不明な種別"])
    wb.save(tmp_path / "book.xlsx")
    ds, problems, _ = read_sources([tmp_path / "book.xlsx"])
    (p,) = problems
    assert (p.location.sheet, p.location.row, p.location.column) == ("組織", 4, "種別")
    assert [o.id for o in ds.of(m.Organisation)] == ["O1"]


def test_template_has_every_sheet_and_imports_empty(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from importers.excel import HELP_SHEET, write_workbook

    path = tmp_path / "t.xlsx"
    write_workbook(Dataset(), path, template=True)
    wb = load_workbook(path)
    sheets = [s for s in wb.sheetnames if not s.startswith("_") and s != HELP_SHEET]
    assert {match_record_type(s) for s in sheets} == set(m.RECORD_TYPES)
    people = wb[next(s for s in sheets if match_record_type(s) is m.Person)]
    headers = [c.value for c in people[1]]
    assert "氏名 / name" in headers
    lists = [dv for dv in people.data_validations.dataValidation]
    assert lists, "enum and yes/no columns need drop-downs"
    _, problems, _ = read_sources([path])
    assert problems == []


def test_header_aliases_are_unambiguous() -> None:
    from importers.tabular import _fold, _header_index

    for cls in m.RECORD_TYPES:
        index = _header_index(cls)
        for f in cls.fields():
            for alias in (f.name, f.ja, f.en):
                assert index[_fold(alias)].name == f.name, (cls.label, alias)


def test_decode_prefers_utf8_then_cp932() -> None:
    assert decode("工程".encode(), "x")[0] == "工程"
    assert decode("工程".encode("cp932"), "x")[0] == "工程"


def test_parse_rows_skips_blank_rows() -> None:
    ds = Dataset()
    problems = parse_rows(m.Unit, ["id", "name"], [(2, ["U1", "a"]), (3, ["", None]), (4, ["U2", "b"])], ds, file="f")
    assert problems == [] and [u.id for u in ds.of(m.Unit)] == ["U1", "U2"]
