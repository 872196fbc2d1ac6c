"""The hostile and broken input corpus: one case per folder, each either
imported with the values the user meant or refused with a clear message
naming file, sheet, row and column; through the CLI, exit code 2, no
traceback, nothing written.

Readable cases are folders in ``tests/corpus/``; binary and large ones are
built by ``tests/corpus/make_corpus.py`` into a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graphmap import model as m
from graphmap.dataset import NOTICE_KINDS, Dataset, Problem, ProblemKind
from importers import read_sources

CORPUS = Path(__file__).resolve().parent / "corpus"

#: (kind, file name, sheet, row, column) of one problem or notice; None
#: matches anything (used only where the value is not graphmap's to choose).
Where = tuple[ProblemKind, str, str | None, int | None, str | None]


@dataclass
class Case:
    name: str
    #: records expected per label (only the labels named are checked)
    records: dict[str, int] = field(default_factory=dict)
    problems: list[Where] = field(default_factory=list)
    notices: list[Where] = field(default_factory=list)
    #: further checks of the dataset read
    check: Callable[[Dataset], None] | None = None
    #: problems whose message must contain these words (English)
    words: tuple[str, ...] = ()


def _orgs(ds: Dataset) -> dict[str, Any]:
    return {o.id: o for o in ds.of(m.Organisation)}


def _people(ds: Dataset) -> dict[str, Any]:
    return {p.id: p for p in ds.of(m.Person)}


def _check_encodings(ds: Dataset) -> None:
    orgs = _orgs(ds)
    assert orgs["ORG-SELF"].name == "東邦テスト株式会社" and orgs["ORG-SELF"].kind == m.OrgKind.self_
    assert orgs["ORG-A"].name == "仕入先Ａ" and orgs["ORG-A"].country == "CN"


def _check_fullwidth(ds: Dataset) -> None:
    assert set(_orgs(ds)) == {"ORG-SELF", "ORG-A"}
    assert _orgs(ds)["ORG-SELF"].country == "JP"
    assert _people(ds)["PER-001"].employer == "ORG-SELF"


def _check_serial_csv(ds: Dataset) -> None:
    p = _people(ds)
    assert p["PER-1"].joined == dt.date(2023, 3, 15) and p["PER-1"].left == dt.date(2023, 3, 15)
    assert p["PER-2"].joined == dt.date(2000, 1, 1)  # full-width serial number


def _check_serial_xlsx(ds: Dataset) -> None:
    p = _people(ds)["PER-1"]
    assert (p.joined, p.left, p.planned_retirement) == (dt.date(2023, 3, 15), dt.date(2024, 4, 1), dt.date(2030, 3, 31))


def _check_merged(ds: Dataset) -> None:
    p = _people(ds)
    assert set(p) == {"PER-1", "PER-2", "PER-3"}
    assert {x.employer for x in p.values()} == {"ORG-SELF"}  # merged down over three rows
    assert (p["PER-1"].unit, p["PER-2"].unit, p["PER-3"].unit) == ("U-RD", "U-RD", None)
    assert ds.of(m.Unit)[0].organisation == "ORG-SELF"


def _check_formulas(ds: Dataset) -> None:
    assert {o.id: o.name for o in ds.of(m.Organisation)} == {"ORG-1": "ABC", "ORG-2": "2"}


def _check_formula_text(ds: Dataset) -> None:
    orgs = _orgs(ds)
    assert orgs["ORG-1"].name == '=HYPERLINK("http://x")'  # kept as text, never evaluated
    assert orgs["ORG-1"].past_incidents == "+cmd|' /C calc'!A0"
    assert orgs["ORG-2"].name == "=1+1"  # graphmap's own guard quote removed again
    assert orgs["ORG-2"].kind == m.OrgKind.customer


def _check_cycle(ds: Dataset) -> None:
    from graphmap.analyses import run_analyses
    from graphmap.graph import build_graph

    findings = run_analyses(build_graph(ds), as_of=dt.date(2026, 11, 21))
    assert len({f.id for f in findings}) == len(findings)


def _check_long_text(ds: Dataset) -> None:
    assert len(_orgs(ds)["ORG-1"].past_incidents) == 500_000


def _check_huge_cells(ds: Dataset) -> None:
    assert len(ds.of(m.Organisation)) == 40
    assert {len(o.past_incidents) for o in ds.of(m.Organisation)} == {32767}


P = ProblemKind
CASES: list[Case] = [
    # ---- CSV encodings and bytes
    Case("csv_cp932", {"Organisation": 2}, check=_check_encodings),
    Case("csv_utf8_bom", {"Organisation": 2}, check=_check_encodings),
    Case("csv_utf16", {"Organisation": 2}, check=_check_encodings),
    Case("csv_mixed_newlines", {"Organisation": 3}),
    Case("csv_undecodable", problems=[(P.undecodable, "organisations.csv", None, 3, None)], words=("decode",)),
    Case("csv_nul_byte", problems=[(P.bad_file, "organisations.csv", None, None, None)], words=("NUL",)),
    Case(
        "csv_huge_cell",
        problems=[(P.bad_file, "organisations.csv", None, 3, None)],
        words=("field larger than field limit",),
    ),
    Case("csv_huge_row", {"Organisation": 1}),
    Case("csv_long_text", {"Organisation": 1}, check=_check_long_text),
    Case("broken_quotes", problems=[(P.missing_field, "organisations.csv", None, 2, "kind")]),
    # ---- headers
    Case(
        "duplicate_headers",
        problems=[(P.duplicate_column, "organisations.csv", None, 1, "name")],
        words=("duplicate column",),
    ),
    Case("missing_header", problems=[(P.missing_column, "organisations.csv", None, 1, None)], words=("kind",)),
    Case(
        "no_header_row",
        problems=[
            (P.missing_column, "organisations.csv", None, 1, None),
            (P.missing_column, "organisations.csv", None, 1, None),
            (P.missing_column, "organisations.csv", None, 1, None),
            (P.unknown_column, "organisations.csv", None, 1, "ORG-1"),
            (P.unknown_column, "organisations.csv", None, 1, "甲"),
            (P.unknown_column, "organisations.csv", None, 1, "supplier"),
        ],
    ),
    Case("unknown_sheet", problems=[(P.unknown_sheet, "widgets.csv", None, None, None)]),
    # ---- values
    Case(
        "bad_dates",
        problems=[
            (P.bad_date, "people.csv", None, 2, "joined"),
            (P.bad_date, "people.csv", None, 3, "joined"),
            (P.bad_date, "people.csv", None, 4, "joined"),
        ],
        words=("2024-02-30", "yesterday"),
    ),
    Case("serial_dates", {"Person": 2}, check=_check_serial_csv),
    Case(
        "fullwidth_ids",
        {"Organisation": 2, "Person": 1},
        notices=[
            (ProblemKind.normalised, "organisations.csv", None, 2, "ID"),
            (ProblemKind.normalised, "organisations.csv", None, 2, "国"),
            (ProblemKind.normalised, "organisations.csv", None, 3, "ID"),
            (ProblemKind.normalised, "people.csv", None, 2, "ID"),
            (ProblemKind.normalised, "people.csv", None, 2, "所属組織"),
        ],
        check=_check_fullwidth,
    ),
    Case("formula_text", {"Organisation": 2}, check=_check_formula_text),
    # ---- references and record rules
    Case(
        "unknown_reference",
        problems=[(P.unknown_reference, "people.csv", None, 3, "所属組織 / employer")],
        words=("ORG-NOWHERE",),
    ),
    Case("ownership_cycle", {"Ownership": 4}, check=_check_cycle),
    Case(
        "self_disclosure",
        problems=[(P.invalid, "disclosures.csv", None, 2, "from")],
        words=("sender and recipient are the same",),
    ),
    Case(
        "self_ownership",
        problems=[(P.invalid, "ownership.csv", None, 2, None)],
        words=("cannot own itself",),
    ),
    Case(
        "negative_share", problems=[(P.invalid, "ownership.csv", None, 2, "votes %")], words=("-5", "between 0 and 100")
    ),
    Case("share_over_100", problems=[(P.invalid, "ownership.csv", None, 2, "capital %")], words=("150",)),
    Case(
        "future_dates",
        {"Disclosure": 1, "Person": 1},
        # the planned retirement and the return due date may lie ahead
        notices=[
            (ProblemKind.future_date, "disclosures.csv", None, 2, "提供日 / date"),
            (ProblemKind.future_date, "people.csv", None, 2, "入社日 / joined"),
        ],
    ),
    # ---- workbooks
    Case("xlsx_truncated", problems=[(P.bad_file, "book.xlsx", None, None, None)], words=("not a valid .xlsx",)),
    Case("xlsx_corrupt", problems=[(P.bad_file, "book.xlsx", "組織", None, None)], words=("corrupt",)),
    Case("xlsx_renamed_pdf", problems=[(P.bad_file, "book.xlsx", None, None, None)], words=("not a valid .xlsx",)),
    Case("xlsx_renamed_csv", problems=[(P.bad_file, "book.xlsx", None, None, None)], words=("not a valid .xlsx",)),
    Case("xlsx_renamed_zip", problems=[(P.bad_file, "book.xlsx", None, None, None)], words=("not an Excel workbook",)),
    Case("xlsx_empty_file", problems=[(P.bad_file, "book.xlsx", None, None, None)]),
    Case("xlsx_zip_bomb", problems=[(P.bad_file, "book.xlsx", None, None, None)], words=("zip bomb",)),
    Case("xlsx_zip_bomb_lying_small", problems=[(P.bad_file, "book.xlsx", "組織", None, None)], words=("corrupt",)),
    Case("xlsx_zip_bomb_declared_huge", problems=[(P.bad_file, "book.xlsx", None, None, None)], words=("512 MiB",)),
    Case(
        "xlsx_stray_far_cell",
        problems=[(P.bad_file, "book.xlsx", "組織", None, None)],
        words=("XFD1048576", "stray cells"),
    ),
    Case(
        "xlsx_stray_far_cell_no_dimension",
        problems=[(P.bad_file, "book.xlsx", "組織", None, None)],
        words=("XFD1048576",),
    ),
    Case(
        "xlsx_merged_and_blank_rows",
        {"Person": 3, "Organisation": 2, "Unit": 1},
        notices=[
            (ProblemKind.merged_cells, "book.xlsx", "人員", 4, "所属組織"),
            (ProblemKind.merged_cells, "book.xlsx", "人員", 4, "部署"),
        ],
        check=_check_merged,
    ),
    Case("xlsx_formulas_cached", {"Organisation": 2}, check=_check_formulas),
    Case(
        # formulas a program wrote and no spreadsheet ever computed have no
        # value to read: the required name is reported empty where it is
        "xlsx_formulas_uncomputed",
        problems=[
            (P.missing_field, "book.xlsx", "組織", 2, "組織名"),
            (P.missing_field, "book.xlsx", "組織", 3, "組織名"),
        ],
    ),
    Case("xlsx_serial_dates", {"Person": 1}, check=_check_serial_xlsx),
    Case("xlsx_huge_cells", {"Organisation": 40}, check=_check_huge_cells),
    # ---- YAML, JSON, RDF
    Case("yaml_python_tag", problems=[(P.bad_file, "company.yaml", None, 2, None)], words=("constructor",)),
    Case("yaml_billion_laughs", problems=[(ProblemKind.nested_value, "company.yaml", "organisations", 1, "name")]),
    Case("yaml_deep_nesting", problems=[(ProblemKind.nested_value, "organisations.yaml", None, None, None)]),
    Case("json_deep_nesting", problems=[(ProblemKind.nested_value, "organisations.json", None, None, None)]),
    Case(
        "yaml_not_records",
        problems=[(P.bad_file, "company.yaml", "organisations", None, None)],
        words=("list of records",),
    ),
    Case("turtle_broken", problems=[(P.bad_file, "company.ttl", None, 3, None)]),
    Case("turtle_not_utf8", problems=[(P.undecodable, "company.ttl", None, None, None)]),
    Case(
        "jsonld_remote_context",
        problems=[(ProblemKind.remote_context, "company.jsonld", None, None, None)],
        words=("127.0.0.1:9",),
    ),
]
BY_NAME = {c.name: c for c in CASES}


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.corpus.make_corpus import build

    return build(tmp_path_factory.mktemp("corpus"))


def _source(case: str, generated: Path) -> Path:
    committed = CORPUS / case
    return committed if committed.is_dir() else generated / case


def _where(p: Problem) -> Where:
    return (p.kind, Path(p.location.file).name, p.location.sheet, p.location.row, p.location.column)


def test_every_case_has_an_expectation_and_a_source() -> None:
    from tests.corpus.make_corpus import CASES as GENERATED

    committed = {p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert committed.isdisjoint(GENERATED)
    assert committed | set(GENERATED) == set(BY_NAME)


def test_the_corpus_covers_the_issue() -> None:
    """Every kind of broken input the issue lists has a case."""
    names = " ".join(BY_NAME)
    for needed in (
        "truncated", "corrupt", "renamed", "zip_bomb", "cp932", "utf8_bom", "utf16", "mixed_newlines",
        "undecodable", "duplicate_headers", "missing_header", "merged", "blank_rows", "huge_cell", "huge_row",
        "formulas", "serial_dates", "fullwidth", "unknown_reference", "ownership_cycle", "self_disclosure",
        "negative_share", "share_over_100", "future_dates",
    ):  # fmt: skip
        assert needed in names, needed


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case_reads_as_expected(case: Case, generated: Path) -> None:
    ds, problems, total = read_sources([_source(case.name, generated)])
    assert total == len(problems)
    assert sorted(map(_where, problems), key=repr) == sorted(case.problems, key=repr), [
        p.render("en") for p in problems
    ]
    assert sorted(map(_where, ds.notices), key=repr) == sorted(case.notices, key=repr)
    assert all(n.kind in NOTICE_KINDS for n in ds.notices)
    assert not any(p.kind in NOTICE_KINDS for p in problems)
    messages = " ".join(p.render("en") for p in problems)
    for word in case.words:
        assert word in messages, (word, messages)
    for p in [*problems, *ds.notices]:
        assert p.render("ja") and p.render("en")
    if not problems:
        counts = ds.counts()
        for label, n in case.records.items():
            assert counts[label] == n, (label, counts)
        if case.check is not None:
            case.check(ds)


def _invoke(args: list[str]) -> Any:
    from graphmap.cli import app

    return CliRunner().invoke(app, args, env={"GRAPHMAP_LANG": "en", "COLUMNS": "200", "NO_COLOR": "1"})


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case_through_the_cli(case: Case, generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``validate`` and ``import``: exit 2 with every problem located and
    nothing written, or exit 0 with the notices shown."""
    monkeypatch.chdir(tmp_path)
    source = str(_source(case.name, generated))
    workspace = tmp_path / "ws"
    for args in (["validate", source], ["import", source, "--workspace", str(workspace)]):
        res = _invoke(args)
        out = res.stdout + res.stderr
        assert "Traceback" not in out
        assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
        if case.problems:
            assert res.exit_code == 2, out
            assert "Nothing was written" in res.stderr
            for _kind, file, sheet, row, _column in case.problems:
                line = f"{file}" + (f", sheet {sheet}" if sheet else "") + (f", row {row}" if row else "")
                assert line in res.stderr, (line, res.stderr)
            assert not workspace.exists()
        else:
            assert res.exit_code == 0, out
            if case.notices:
                assert f"{len(case.notices)} notice(s)" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if case.problems else ["ws"])


# ------------------------------------------------- bounded time and memory

_MEASURE = (
    "import atexit, resource, sys, time\n"
    "t0 = time.monotonic()\n"
    "atexit.register(lambda: print('MEASURE', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
    " time.monotonic() - t0, file=sys.stderr))\n"
    "from graphmap.cli import main\n"
    "sys.argv = ['graphmap', *sys.argv[1:]]\n"
    "main()\n"
)


def _measured(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run graphmap in a fresh process; (result, peak RSS in MiB, seconds)."""
    env = {**os.environ, "GRAPHMAP_LANG": "en", "COLUMNS": "200", "NO_COLOR": "1"}
    res = subprocess.run(
        [sys.executable, "-c", _MEASURE, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    line = next(x for x in res.stderr.splitlines() if x.startswith("MEASURE "))
    _, rss_kib, seconds = line.split()
    return res, int(rss_kib) / 1024, float(seconds)


@pytest.fixture(scope="module")
def baseline_rss(generated: Path, tmp_path_factory: pytest.TempPathFactory) -> float:
    """Peak memory of validating a small clean workbook-free source."""
    res, rss, _ = _measured("validate", str(generated / "csv_cp932"), cwd=tmp_path_factory.mktemp("base"))
    assert res.returncode == 0, res.stderr
    return rss


@pytest.mark.parametrize(
    "case", ["xlsx_zip_bomb", "xlsx_zip_bomb_lying_small", "xlsx_zip_bomb_declared_huge", "xlsx_stray_far_cell"]
)
def test_bombs_are_refused_quickly_in_little_memory(
    case: str, generated: Path, baseline_rss: float, tmp_path: Path
) -> None:
    """A zip bomb, a lying zip directory and a sheet whose used range is 17
    billion cells are each refused before anything large is allocated."""
    baseline = baseline_rss
    res, rss, seconds = _measured("validate", str(generated / case), cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    # a few tens of MiB over a clean run, not the hundreds of MiB (or the
    # hundreds of GiB) the file would expand to
    assert rss < baseline + 150, (rss, baseline)
    assert seconds < 30, seconds


# ------------------------------------------------------------- no network


def test_jsonld_never_fetches_a_remote_context(tmp_path: Path) -> None:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(b'{"@context": {"name": "https://graphmap.example/ontology#Organisation.name"}}')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/ctx.jsonld"
        for doc in (
            {"@context": url, "@id": "ORG-1", "name": "x"},
            {"@context": [{"@vocab": "https://graphmap.example/ontology#"}, url], "@id": "ORG-1"},
            {"@context": {"@import": url}, "@id": "ORG-1"},
            {"@graph": [{"@context": url, "@id": "ORG-1"}]},
        ):
            path = tmp_path / "company.jsonld"
            path.write_text(json.dumps(doc), "utf-8")
            _, problems, _ = read_sources([path])
            assert [p.kind for p in problems] == [ProblemKind.remote_context], problems
        time.sleep(0.2)
    finally:
        server.shutdown()
    assert hits == []
