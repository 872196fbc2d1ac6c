"""The command line, run as a user runs it: a subprocess of the installed
``graphmap`` console script.  Bad input must exit 2 with every problem
listed, no traceback, and nothing written."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import GRAPHMAP


def run(*args: str, cwd: Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GRAPHMAP_LANG": lang, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [*GRAPHMAP, *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


GOOD = {
    "organisations.csv": "id,name,kind,country\nORG-SELF,東邦,self,JP\nORG-S,仕入先A,supplier,CN\n",
    "technologies.csv": "id,name,grading\nT1,焼成,core\n",
    "process_steps.csv": "id,technology,order,name\nS1,T1,1,配合\nS2,T1,2,焼成\n",
    "people.csv": "id,name,employer\nP1,山田,ORG-SELF\n",
    "knowledge.csv": "person,step\nP1,S1\nP1,S2\n",
}


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    for name, text in GOOD.items():
        write(src / name, text)
    return src


def test_help_on_every_command(tmp_path: Path) -> None:
    for args in (
        ["--help"],
        ["import", "--help"],
        ["validate", "--help"],
        ["template", "--help"],
        ["stats", "--help"],
        ["export", "rdf", "--help"],
        ["analyze", "--help"],
    ):
        res = run(*args, cwd=tmp_path)
        assert res.returncode == 0, (args, res.stderr)
        assert "Usage" in res.stdout


def test_import_then_stats_from_workspace(tmp_path: Path, good: Path) -> None:
    res = run("import", str(good), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / ".graphmap" / "dataset.json").is_file()
    res = run("stats", "--format", "json", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    counts = json.loads(res.stdout)
    assert counts["nodes"]["ProcessStep"] == 2 and counts["edges"]["KNOWS"] == 2
    assert counts["nodes"]["Country"] == 2  # JP and CN completed from reference data


def test_bad_input_exits_2_lists_everything_and_writes_nothing(tmp_path: Path, good: Path) -> None:
    write(good / "people.csv", "id,name,employer,joined\nP1,山田,ORG-SELF,2020-02-30\nP2,佐藤,ORG-NONE,\n")
    write(good / "technologies.csv", "id,name,grading\nT1,焼成,crown-jewel\n")
    res = run("import", str(good), cwd=tmp_path)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr + res.stdout
    for expected in ("people.csv", "2020-02-30", "ORG-NONE", "technologies.csv", "crown-jewel", "3 problem"):
        assert expected in res.stderr, expected
    assert not (tmp_path / ".graphmap").exists()


def test_messages_in_japanese(tmp_path: Path, good: Path) -> None:
    write(good / "technologies.csv", "id,name,grading\nT1,焼成,crown-jewel\n")
    res = run("validate", str(good), cwd=tmp_path, lang="ja")
    assert res.returncode == 2
    assert "値が不正です" in res.stderr and "件の問題" in res.stderr
    res = run("validate", str(good), "--lang", "en", cwd=tmp_path, lang="ja")
    assert "bad value" in res.stderr


def test_missing_source_and_no_workspace(tmp_path: Path) -> None:
    res = run("stats", cwd=tmp_path)
    assert res.returncode == 2 and "no input" in res.stderr
    res = run("validate", "nope.xlsx", cwd=tmp_path)
    assert res.returncode == 2 and "not found" in res.stderr


def test_template_refuses_to_overwrite(tmp_path: Path) -> None:
    assert run("template", "-o", "t.xlsx", cwd=tmp_path).returncode == 0
    res = run("template", "-o", "t.xlsx", cwd=tmp_path)
    assert res.returncode == 2 and "--force" in res.stderr
    assert run("template", "-o", "t.xlsx", "--force", cwd=tmp_path).returncode == 0


def test_analyze_rejects_bad_options(tmp_path: Path, good: Path) -> None:
    for args in (
        ["--min-severity", "extreme"],
        ["--format", "xml"],
        ["--only", "no_such_analysis"],
        ["--as-of", "yesterday"],
        ["--param", "broken"],
    ):
        res = run("analyze", str(good), *args, cwd=tmp_path)
        assert res.returncode == 2, (args, res.stderr)
        assert "Traceback" not in res.stderr


def test_analyze_json_is_parseable(tmp_path: Path, good: Path) -> None:
    res = run("analyze", str(good), "--format", "json", "--as-of", "2026-11-21", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    findings = json.loads(res.stdout)
    assert isinstance(findings, list)


def test_export_rdf_then_shacl_passes_and_a_broken_copy_fails(tmp_path: Path, good: Path) -> None:
    res = run("export", "rdf", str(good), "-o", "g.ttl", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    res = run("validate", "g.ttl", "--shacl", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "SHACL validation passed" in res.stdout
    text = (tmp_path / "g.ttl").read_text("utf-8")
    broken = text.replace("gm:Person.name", "gm:Person.role", 1)
    assert broken != text
    (tmp_path / "bad.ttl").write_text(broken, "utf-8")
    res = run("validate", "bad.ttl", "--shacl", cwd=tmp_path)
    assert res.returncode == 2
    assert "P1" in res.stderr and "name is required" in res.stderr
    assert "Traceback" not in res.stderr


def test_checklist_reports_all_32_items(tmp_path: Path, good: Path) -> None:
    res = run("checklist", str(good), "--format", "json", "--as-of", "2026-11-21", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    items = json.loads(res.stdout)
    assert len(items) == 32 and len({i["id"] for i in items}) == 32
    by_id = {i["id"]: i for i in items}
    # the tiny input has knowledge but no disclosures: P4 is judged, S2 cannot be
    assert by_id["P4"]["status"] in ("met", "missed")
    assert by_id["S2"]["status"] == "not_evidenced"
    res = run("checklist", str(good), "--lang", "ja", cwd=tmp_path)
    assert res.returncode == 0 and "工程の細分化" in res.stdout


def test_main_job_writes_the_company_map(tmp_path: Path, good: Path) -> None:
    """The README's first command: findings on screen, the map on disk."""
    res = run("analyze", str(good), "--map", "m.html", "--as-of", "2026-11-21", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    html = (tmp_path / "m.html").read_text("utf-8")
    assert "焼成" in html and "<script src=" not in html
    assert str((tmp_path / "m.html").resolve()) in res.stderr


def test_broken_copy_of_the_example_reports_every_problem(tmp_path: Path) -> None:
    """The issue's acceptance case: a copy of the example CSV with a bad enum,
    a dangling reference, a duplicate id and a bad date, one file saved in
    cp932 as Japanese Excel writes it."""
    import shutil

    root = Path(__file__).resolve().parent.parent / "examples" / "company" / "csv"
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)

    orgs = copy / "organisations.csv"
    text = orgs.read_text("utf-8-sig").replace(
        "ORG-SELF,東邦セラミックス株式会社,self", "ORG-SELF,東邦セラミックス株式会社,自社グループ", 1
    )
    orgs.write_text(text, "utf-8-sig")  # a bad enum in row 2

    people = copy / "people.csv"
    lines = people.read_text("utf-8-sig").splitlines(keepends=True)
    lines[1] = lines[1].replace(",1986-04-01,", ",1986-13-01,", 1)  # bad date, row 2
    lines.append(lines[2])  # duplicate id, last row
    people.write_bytes("".join(lines).encode("cp932"))  # saved as Japanese Excel does

    disc = copy / "disclosures.csv"
    dtext = disc.read_text("utf-8-sig").replace(
        "DISC-0001,2024-02-13,ASSET-CATH-PRECURSOR-SPEC,PER-0012,ORG-SUP-001",
        "DISC-0001,2024-02-13,ASSET-CATH-PRECURSOR-SPEC,PER-0012,ORG-NOWHERE",
        1,
    )
    disc.write_text(dtext, "utf-8-sig")

    res = run("import", str(copy), cwd=tmp_path)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    err = res.stderr
    dup_row = len(lines)
    for expected in (
        "organisations.csv, row 2, column 種別 / kind: bad value: 自社グループ",
        "people.csv, row 2, column 入社日 / joined: bad date: 1986-13-01",
        f"people.csv, row {dup_row}, column ID / id: duplicate id",
        "disclosures.csv, row 2, column 提供先 / recipient: unknown reference: ORG-NOWHERE",
    ):
        assert expected in err, (expected, err)
    assert not (tmp_path / ".graphmap").exists()
