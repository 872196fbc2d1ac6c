"""Synthetic enterprises: ``graphmap synth`` output loads with no problems
in CSV and Excel form, is the same for the same seed, looks like a real
company (heavy-tailed know-how, the sizes the issue asks for) and carries
planted exposures of every analysis that ``analyze`` finds again (the
recall test, at S and M)."""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from graphmap import model as m
from graphmap.analyses import FAMILIES, catalogue, run_analyses
from graphmap.graph import build_graph
from graphmap.synth import MANIFEST, SIZES, WORKBOOK, Planted, generate, missed_exposures, read_manifest
from importers import read_sources
from tests.conftest import GRAPHMAP


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GRAPHMAP_LANG": "en", "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [*GRAPHMAP, *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300
    )


def digest(directory: Path) -> dict[str, str]:
    return {
        p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def load(source: Path) -> Any:
    ds, problems, total = read_sources([source])
    assert total == 0, [p.render("en") for p in problems]
    return ds


def missed(directory: Path, ds: Any) -> tuple[list[str], int]:
    """Planted exposures no finding of their analysis names."""
    as_of, planted = read_manifest(directory)
    findings = run_analyses(build_graph(ds), as_of=as_of)
    return [f"{p.analysis} {list(p.subjects)}: {p.note}" for p in missed_exposures(planted, findings)], len(findings)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "S"
    generate(out, size="S", seed=7, formats="both")
    return out


@pytest.fixture(scope="module")
def medium(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "M"
    generate(out, size="M", seed=11)
    return out


# ------------------------------------------------------------------ recall


def test_every_analysis_has_a_planted_exposure(small: Path) -> None:
    _, planted = read_manifest(small)
    ids = {a.meta.id for a in catalogue()}
    assert {p.analysis for p in planted} == ids
    assert {a.meta.family for a in catalogue() if a.meta.id in {p.analysis for p in planted}} == set(FAMILIES)
    assert all(p.subjects and p.note for p in planted)


def test_a_planted_exposure_counts_only_when_one_finding_of_its_analysis_names_every_subject() -> None:
    from graphmap.analyses import Finding

    def finding(analysis: str, *subjects: str) -> Any:
        return Finding.model_construct(analysis=analysis, subjects=list(subjects))

    both = Planted("sole_knowers", ("PER-1", "STEP-1"), "")
    alone = Planted("truck_factor", ("TEC-1",), "")
    findings = [
        finding("sole_knowers", "PER-1"),  # one subject of two
        finding("sole_knowers", "STEP-1", "TEC-9"),  # the other, in another finding
        finding("broad_access", "PER-1", "STEP-1"),  # both, but another analysis
        finding("truck_factor", "TEC-1", "PER-7"),
    ]
    assert missed_exposures([both, alone], findings) == [both]
    assert missed_exposures([both, alone], [*findings, finding("sole_knowers", "STEP-1", "PER-1", "X")]) == []
    assert missed_exposures([both], []) == [both]


def test_recall_small_csv(small: Path) -> None:
    lost, total = missed(small, load(small))
    assert lost == []
    # a well-run background: findings stay a small fraction of the records
    assert total < 400


def test_recall_small_workbook(small: Path) -> None:
    lost, _ = missed(small, load(small / WORKBOOK))
    assert lost == []


def test_recall_medium(medium: Path) -> None:
    ds = load(medium)
    lost, total = missed(medium, ds)
    assert lost == []
    assert total < 3000


# ------------------------------------------------------------------ output


def test_workbook_holds_the_same_records_as_the_csv_files(small: Path) -> None:
    from graphmap.graph import canonical_form

    from_csv = load(small)
    from_xlsx = load(small / WORKBOOK)
    assert from_csv.counts() == from_xlsx.counts()
    assert canonical_form(build_graph(from_csv)) == canonical_form(build_graph(from_xlsx))


def test_layout_is_what_the_csv_importer_reads(small: Path) -> None:
    names = {p.name for p in small.iterdir() if p.is_file()}
    assert names == {f"{cls.sheet_en}.csv" for cls in m.RECORD_TYPES} | {MANIFEST}
    assert (small / WORKBOOK).is_file()
    # nothing staged is left behind, and the files are owner-only
    assert not [p for p in small.iterdir() if p.name.startswith(".")]
    if os.name == "posix":
        assert all(p.stat().st_mode & 0o077 == 0 for p in small.rglob("*") if p.is_file())
    head = (small / "people.csv").read_bytes()[:40]
    assert head.startswith(b"\xef\xbb\xbf") and "氏名 / name".encode() in (small / "people.csv").read_bytes()[:200]


def test_same_seed_same_bytes_other_seed_other_company(tmp_path: Path) -> None:
    generate(tmp_path / "a", size="S", seed=3)
    generate(tmp_path / "b", size="S", seed=3)
    generate(tmp_path / "c", size="S", seed=4)
    a, b, c = (digest(tmp_path / x) for x in "abc")
    assert a == b
    assert a["people.csv"] != c["people.csv"]
    assert a["knowledge.csv"] != c["knowledge.csv"]
    # and a rerun into an earlier output folder replaces it in place
    generate(tmp_path / "a", size="S", seed=4)
    assert digest(tmp_path / "a") == c


def test_sizes_are_those_of_the_issue() -> None:
    assert SIZES["S"].people == 1_000
    assert SIZES["M"].people == 10_000
    large = SIZES["L"]
    assert (large.people, large.organisations, large.knowledge, large.access, large.disclosures) == (
        100_000,
        50_000,
        1_000_000,
        1_000_000,
        500_000,
    )
    xl = SIZES["XL"]
    assert (xl.people, xl.knowledge, xl.access, xl.disclosures) == (300_000, 3_000_000, 3_000_000, 1_500_000)
    assert [s for s, spec in SIZES.items() if spec.excel] == ["S", "M"]


def test_medium_is_a_tenth_of_large_with_skewed_knowledge(medium: Path) -> None:
    large, mid = SIZES["L"], SIZES["M"]
    for stream, count in large.targets().items():
        assert count == 10 * mid.targets()[stream], stream
    ds = load(medium)
    # about 250k links between people, assets and partners (L: 2.5M)
    links = sum(len(ds.of(cls)) for cls in (m.Knowledge, m.Access, m.Disclosure))
    assert 230_000 <= links <= 260_000
    assert 9_900 <= len(ds.of(m.Person)) <= 10_200
    steps = len(ds.of(m.ProcessStep))
    assert 4_000 <= steps <= 6_000
    per_person = collections.Counter(k.person for k in ds.of(m.Knowledge))
    counts = sorted(per_person.values(), reverse=True)
    top = counts[: max(1, len(counts) // 20)]
    # heavy tail: the top 5% of knowers hold at least a fifth of all know-how
    assert sum(top) >= 0.2 * sum(counts)
    assert counts[0] >= 8 * counts[len(counts) // 2]


def test_records_are_plausible(small: Path) -> None:
    ds = load(small)
    kinds = {o.kind for o in ds.of(m.Organisation)}
    assert set(m.OrgKind) - kinds <= {m.OrgKind.lab, m.OrgKind.research_institute, m.OrgKind.jv_partner}
    staff = [p for p in ds.of(m.Person) if p.employer == "ORG-SELF"]
    assert all(p.joined is not None and (p.left is None or p.joined < p.left) for p in staff)
    assert sum(p.status == m.EmploymentStatus.active for p in staff) > 0.85 * len(staff)
    # own staff in Japan have Japanese names: a family and a given name in kanji
    japanese = [p for p in staff if p.nationality == "JP"]
    assert len(japanese) > 0.95 * len(staff)
    assert all(" " in p.name and not p.name.isascii() for p in japanese)
    # ownership chains: holdings above partners, some of them more than one level deep
    owned_by: dict[str, list[str]] = collections.defaultdict(list)
    for o in ds.of(m.Ownership):
        owned_by[o.owned].append(o.owner)
    deep = [x for x, owners in owned_by.items() if any(o in owned_by for o in owners)]
    assert deep
    # contracts mostly carry their clauses, and most people were trained this year
    assert sum(c.confidentiality is True for c in ds.of(m.Contract)) > 0.95 * len(ds.of(m.Contract))
    as_of, _ = read_manifest(small)
    recent = [p for p in staff if p.trained and (as_of - p.trained) <= dt.timedelta(days=365)]
    assert len(recent) > 0.85 * sum(p.status == m.EmploymentStatus.active for p in staff)


# ------------------------------------------------------------------ the command


def test_cli_writes_a_company_and_says_how_to_analyse_it(tmp_path: Path) -> None:
    r = run_cli("synth", "--size", "s", "--seed", "2", "-o", str(tmp_path / "co"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "--as-of 2026-09-30" in r.stdout and "28 planted" in r.stdout
    r = run_cli("analyze", str(tmp_path / "co"), "--as-of", "2026-09-30", "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--size", "L", "--format", "xlsx"), "Excel output is for sizes S and M only"),
        (
            (
                "--size",
                "XXL",
            ),
            "unknown size XXL",
        ),
        (
            (
                "--format",
                "pdf",
            ),
            "unknown format pdf",
        ),
        (
            (
                "--as-of",
                "2026-13-01",
            ),
            "2026-13-01",
        ),
    ],
)
def test_cli_refuses_bad_options_and_writes_nothing(tmp_path: Path, args: tuple[str, ...], expected: str) -> None:
    r = run_cli("synth", "-o", str(tmp_path / "out"), *args, cwd=tmp_path)
    assert r.returncode == 2
    assert expected in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


def test_a_killed_run_does_not_block_the_next(tmp_path: Path) -> None:
    out = tmp_path / "co"
    (out / ".synth-staging-abc123").mkdir(parents=True)
    (out / ".synth-staging-abc123" / "people.csv").write_text("half", "utf-8")
    generate(out, size="S", seed=1)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    assert load(out).counts()["Person"] > 1000


def test_cli_will_not_write_into_a_folder_of_other_files(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "people.csv").write_text("id,name\nP1,山田\n", "utf-8")
    r = run_cli("synth", "-o", str(target), cwd=tmp_path)
    assert r.returncode == 2
    assert "holds other files" in r.stderr
    assert [p.name for p in target.iterdir()] == ["people.csv"]
    assert (target / "people.csv").read_text("utf-8") == "id,name\nP1,山田\n"
