"""--redact, graphmap redact and --no-personal-data: what they remove must
be gone from every output, the codenames must be stable, and the key must
lead back."""

from __future__ import annotations

import collections
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphmap import model as m
from graphmap.analyses import run_analyses
from graphmap.dataset import Dataset, check_dataset
from graphmap.graph import build_graph
from graphmap.inputs import load_input
from graphmap.privacy import KEY_FILE, SECRET_FILE, Redactor, drop_personal, personal_fields, workspace_secret
from tests.conftest import EXAMPLE_TODAY, ROOT
from tests.test_cli import run

EXAMPLE = ROOT / "examples" / "company" / "company.xlsx"
SECRET = b"s" * 32


@pytest.fixture(scope="module")
def example() -> Dataset:
    return load_input([EXAMPLE])


def redacted_names(ds: Dataset) -> list[str]:
    """Every name a redacted output must not contain."""
    names = [p.name for p in ds.of(m.Person)]
    names += [o.name for o in ds.of(m.Organisation) if o.kind != m.OrgKind.self_]
    assert len(names) > 100
    return names


def leaks(text: str, ds: Dataset) -> list[str]:
    ids = [p.id for p in ds.of(m.Person)] + [o.id for o in ds.of(m.Organisation) if o.kind != m.OrgKind.self_]
    return [n for n in redacted_names(ds) if n in text] + [i for i in ids if f'"{i}"' in text or f",{i}," in text]


# ------------------------------------------------------------------ library


def test_redacted_dataset_holds_no_name_or_id_and_still_checks_clean(example: Dataset) -> None:
    r = Redactor.for_dataset(example, SECRET)
    out = r.dataset(example)
    assert leaks(out.dumps(), example) == []
    assert check_dataset(out) == []
    assert out.counts() == example.counts()
    # the company itself keeps its name: the review is about it
    assert {o.name for o in out.of(m.Organisation) if o.kind == m.OrgKind.self_} == {
        o.name for o in example.of(m.Organisation) if o.kind == m.OrgKind.self_
    }


def test_analyses_find_the_same_exposures_after_redaction(example: Dataset) -> None:
    """Renaming people and partners must not change what is found."""
    r = Redactor.for_dataset(example, SECRET)
    plain = run_analyses(build_graph(example), as_of=EXAMPLE_TODAY)
    coded = run_analyses(build_graph(r.dataset(example)), as_of=EXAMPLE_TODAY)
    key = lambda fs: collections.Counter((f.analysis, f.severity, f.score) for f in fs)  # noqa: E731
    assert key(plain) == key(coded)
    # and redacting the findings themselves gives the redacted run's subjects
    assert sorted(tuple(sorted(f.subjects)) for f in r.findings(plain)) == sorted(
        tuple(sorted(f.subjects)) for f in coded
    )
    assert leaks(json.dumps([f.model_dump(mode="json") for f in r.findings(plain)], ensure_ascii=False), example) == []


def test_codenames_are_stable_per_secret_and_differ_across_secrets(example: Dataset) -> None:
    a = Redactor.for_dataset(example, SECRET).codenames
    b = Redactor.for_dataset(example, SECRET).codenames
    c = Redactor.for_dataset(example, b"t" * 32).codenames
    assert a == b
    assert a != c
    assert len(set(a.values())) == len(a)  # no two subjects share a codename
    # a subset of the data (another quarter) keeps the codenames it shares
    smaller = Dataset()
    for rec in example:
        if not (isinstance(rec, m.Person) and rec.id.endswith("1")):
            smaller.add(rec)
    d = Redactor.for_dataset(smaller, SECRET).codenames
    assert all(a[k] == v for k, v in d.items())


def test_text_scrubbing_matches_spellings_and_respects_id_boundaries() -> None:
    ds = Dataset()
    ds.add(m.Organisation(id="ORG-SELF", name="自社", kind="self"))
    ds.add(m.Organisation(id="ORG-A", name="Acme Materials", kind="supplier"))
    ds.add(m.Person(id="P1", name="山田 太郎", employer="ORG-SELF"))
    ds.add(m.Person(id="P10", name="Li Wei", employer="ORG-A"))
    ds.add(m.Person(id="P11", name="Tan", employer="ORG-A"))
    r = Redactor.for_dataset(ds, SECRET)
    p1, p10, acme = r.codenames["P1"], r.codenames["P10"], r.codenames["ORG-A"]
    assert r.text("山田太郎と山田　太郎、山田 太郎") == f"{p1}と{p1}、{p1}"
    assert r.text("P1 met P10 (P1x, xP1)") == f"{p1} met {p10} (P1x, xP1)"
    assert r.text("Acme Materials' lab; xAcme MaterialsX") == f"{acme}' lab; x{acme}X"
    assert r.text("Tantalum from Tan.") == f"Tantalum from {r.codenames['P11']}."
    assert r.text("Ｌｉ Ｗｅｉ") == p10  # full-width spelling: NFKC form of the name
    assert r.text("自社") == "自社"


@given(st.text(max_size=60))
def test_scrubbing_never_leaves_a_name_it_was_given(noise: str) -> None:
    ds = Dataset()
    ds.add(m.Person(id="P1", name="佐藤 花子"))
    ds.add(m.Organisation(id="O1", name="Kessler GmbH", kind="supplier"))
    r = Redactor.for_dataset(ds, SECRET)
    out = r.text(f"{noise}佐藤 花子{noise}Kessler GmbH.")
    assert "佐藤 花子" not in out.replace(r.codenames["P1"], "")
    assert "Kessler GmbH" not in out


def test_drop_personal_clears_every_personal_field(example: Dataset) -> None:
    assert set(personal_fields(m.Person)) >= {"nationality", "residency", "foreign_gov_obligation", "side_jobs"}
    had = [p for p in example.of(m.Person) if p.nationality or p.side_jobs]
    assert had, "the example should carry personal data to drop"
    out = drop_personal(example)
    for cls in m.RECORD_TYPES:
        for name in personal_fields(cls):
            default = cls.model_fields[name].get_default(call_default_factory=True)
            assert all(getattr(rec, name) == default for rec in out.of(cls)), (cls.label, name)
    assert out.counts() == example.counts()


def test_workspace_secret_is_created_once_and_owner_only(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    first = workspace_secret(ws)
    assert workspace_secret(ws) == first
    assert len(first) == 32
    if os.name == "posix":
        assert (ws / SECRET_FILE).stat().st_mode & 0o077 == 0


# ---------------------------------------------------------------- commands


def test_redacted_outputs_name_nobody(tmp_path: Path, example: Dataset) -> None:
    src = str(EXAMPLE)
    res = run("analyze", src, "--redact", "--format", "json", "-o", "f.json", "--map", "m.html", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    res = run("analyze", src, "--redact", "--format", "csv", "-o", "f.csv", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    res = run("export", "rdf", src, "--redact", "-o", "g.ttl", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    res = run("map", src, "--redact", "--country", "CN", "-o", "cn.html", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    res = run("checklist", src, "--redact", "--format", "json", "-o", "c.json", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    for name in ("f.json", "f.csv", "m.html", "g.ttl", "cn.html", "c.json"):
        text = (tmp_path / name).read_text("utf-8-sig")
        assert leaks(text, example) == [], name
    # the key sits in the workspace, owner-only, and leads back to everyone
    key = tmp_path / ".graphmap" / KEY_FILE
    rows = json.loads(key.read_text("utf-8"))["codenames"]
    assert {r["name"] for r in rows} == set(redacted_names(example))
    if os.name == "posix":
        assert key.stat().st_mode & 0o077 == 0
    assert "redaction-key.json" in res.stderr
    # and the codenames in the output are the key's codenames
    findings = json.loads((tmp_path / "f.json").read_text("utf-8"))
    codes = {r["codename"] for r in rows}
    subjects = {s for f in findings for s in f["subjects"]}
    assert subjects & codes


def test_redact_command_writes_importable_data_and_a_separate_key(tmp_path: Path, example: Dataset) -> None:
    res = run("redact", str(EXAMPLE), "-o", "out.xlsx", "--key-file", "keys/k.json", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    back = load_input([tmp_path / "out.xlsx"])
    assert back.counts() == example.counts()
    from importers import write_source

    write_source(back, tmp_path / "csv")
    text = "".join(p.read_text("utf-8-sig") for p in (tmp_path / "csv").glob("*.csv"))
    assert leaks(text, example) == []
    rows = json.loads((tmp_path / "keys" / "k.json").read_text("utf-8"))["codenames"]
    by_code = {r["codename"]: r["id"] for r in rows}
    person = back.of(m.Person)[0]
    assert by_code[person.id] in {p.id for p in example.of(m.Person)}
    # the same workspace gives the same codenames the next time
    res = run("redact", str(EXAMPLE), "-o", "out2.xlsx", "--key-file", "keys/k.json", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    again = load_input([tmp_path / "out2.xlsx"])
    assert sorted(p.id for p in again.of(m.Person)) == sorted(p.id for p in back.of(m.Person))
    # refuses to overwrite without --force
    res = run("redact", str(EXAMPLE), "-o", "out.xlsx", cwd=tmp_path)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr


def test_no_personal_data_leaves_no_personal_value(tmp_path: Path, example: Dataset) -> None:
    side_jobs = {p.side_jobs for p in example.of(m.Person) if p.side_jobs}
    assert side_jobs
    res = run("export", "rdf", str(EXAMPLE), "--no-personal-data", "-o", "g.ttl", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    res = run("redact", str(EXAMPLE), "--no-personal-data", "-o", "csv", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    res = run("export", "neo4j-csv", str(EXAMPLE), "--no-personal-data", "-o", "n4j", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    n4j = "".join(p.read_text("utf-8-sig") for p in (tmp_path / "n4j").glob("*.csv"))
    assert n4j and not [s for s in side_jobs if s in n4j]
    ttl = (tmp_path / "g.ttl").read_text("utf-8")
    assert not [s for s in side_jobs if s in ttl]
    assert "nationality" not in ttl.split("@prefix")[-1] or "gm:nationality" not in ttl
    people = (tmp_path / "csv" / "people.csv").read_text("utf-8-sig").splitlines()
    header = people[0].split(",")
    col = next(i for i, h in enumerate(header) if h.endswith("nationality"))
    assert all(row.split(",")[col] == "" for row in people[1:])
    # without the flag the same export does carry it (the test can fail)
    res = run("export", "rdf", str(EXAMPLE), "-o", "g2.ttl", cwd=tmp_path)
    assert [s for s in side_jobs if s in (tmp_path / "g2.ttl").read_text("utf-8")]
