"""Saved queries: the catalogue is valid and complete, parameters parse,
no Cypher is built from data, and both engines return the same rows.

Parity tests push the example company, each case dataset and the small
dataset covering every record type into the ArcadeDB test server (one
database each, once per session) and compare rows."""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from graphmap.explore import EXPLORERS, quarter_of
from graphmap.graph import EDGE_TYPES, NODE_LABELS, build_graph
from graphmap.inputs import InputError
from graphmap.saved_queries import (
    COLUMNS_OF_EXPOSURE,
    catalogue_problems,
    cypher_parameters,
    get_query,
    load_catalogue,
    parse_cypher_file,
    resolve_params,
    rows_to_findings,
    run_embedded,
    run_server,
)
from tests.conftest import GRAPHMAP

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_TODAY = dt.date(2026, 11, 21)


def _examples() -> Any:
    from examples import build_examples

    return build_examples


def _small() -> Any:
    from tests.test_importers import small_dataset

    return small_dataset()


# ---------------------------------------------------------------- catalogue


def test_catalogue_is_valid() -> None:
    queries, problems = catalogue_problems()
    assert problems == []
    assert queries, "no saved queries shipped"
    assert load_catalogue().keys() == queries.keys()


def test_every_exploratory_query_has_an_embedded_function_and_back() -> None:
    exploratory = {q.id for q in load_catalogue().values() if q.meta.kind == "exploratory"}
    assert exploratory == set(EXPLORERS)
    assert {
        "who_knows_step",
        "organisation_received",
        "flows_into_country",
        "contracts_expiring",
        "left_with_access",
        "paths_between",
    } <= exploratory


def test_twins_and_analyses_match() -> None:
    """Every exposure entry names a real analysis with the same family and
    parameters; every analysis has exactly one entry (a Cypher twin or an
    embedded-only note), and an analysis claiming a Cypher twin has one."""
    from graphmap.analyses import catalogue

    analyses = {a.meta.id: a for a in catalogue()}
    entries: dict[str, list[str]] = {}
    for q in load_catalogue().values():
        if q.meta.kind != "exposure":
            continue
        twin = q.meta.twin
        assert twin in analyses, f"{q.source}: no analysis {twin}"
        a = analyses[twin]
        assert q.meta.family == a.meta.family, q.source
        assert q.id == twin, f"{q.source}: id = file stem = the Python function name"
        defaults = a.meta.defaults()
        for p in q.meta.parameters:
            if p.name == "as_of":
                continue
            assert p.name in defaults, f"{q.source}: {p.name} is not a parameter of {twin}"
            assert p.default == defaults[p.name] or list(p.default or []) == list(
                defaults[p.name] or []
            ), (
                q.source,
                p.name,
            )
        entries.setdefault(twin, []).append(q.id)
        if q.cypher is not None:
            assert set(COLUMNS_OF_EXPOSURE) <= {c.name for c in q.meta.columns}
    missing = sorted(set(analyses) - set(entries))
    assert not missing, (
        "analyses without a saved-query entry: add queries/<family>/<id>.cypher (a twin) or "
        f"<id>.yml with embedded_only: true for each of {missing}"
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


GOOD = """// ---
// id: {id}
// title: {{ja: 試験, en: test}}
// family: explore
// kind: exploratory
// description: {{ja: 試験, en: test}}
// parameters:
//   - {{name: x, type: integer, default: 1, description: {{ja: x, en: x}}}}
// columns:
//   - {{name: n, ja: n, en: n}}
// revision: 1
// ---
RETURN $x AS n
"""


def test_checker_finds_stray_files_bad_metadata_and_mismatches(tmp_path: Path) -> None:
    _write(tmp_path / "__init__.py", "")
    _write(tmp_path / "explore" / "good.cypher", GOOD.format(id="good"))
    _write(tmp_path / "explore" / "renamed.cypher", GOOD.format(id="other"))
    _write(tmp_path / "explore" / "notes.txt", "x")
    _write(
        tmp_path / "explore" / "extra.cypher",
        GOOD.format(id="extra").replace("// revision: 1", "// revision: 1\n// colour: red"),
    )
    _write(
        tmp_path / "explore" / "unused.cypher",
        GOOD.format(id="unused").replace("RETURN $x AS n", "RETURN $y AS n"),
    )
    _write(tmp_path / "explore" / "good.yml", "id: good\n")
    _write(tmp_path / "nofamily" / "q.cypher", GOOD.format(id="q"))
    _write(tmp_path / "stray.cypher", "RETURN 1")
    _write(tmp_path / "explore" / "plain.cypher", "MATCH (n) RETURN n")
    found, problems = catalogue_problems(tmp_path)
    text = "\n".join(problems)
    assert "good" in found
    for expected in (
        "renamed.cypher: id 'other'",
        "notes.txt: stray",
        "colour",
        "undeclared parameters ['y']",
        "declared parameters not used ['x']",
        "a second entry for good",
        "nofamily/",
        "stray.cypher: stray",
        "no front matter",
    ):
        assert expected in text, expected


def test_front_matter_and_parameters_parse() -> None:
    meta, body = parse_cypher_file(GOOD.format(id="g"))
    assert meta["id"] == "g" and body == "RETURN $x AS n"
    assert cypher_parameters("MATCH (n {id: $a}) WHERE n.x = '$b' // $c\nRETURN $d") == {"a", "d"}
    q = get_query("paths_between")
    assert resolve_params(q.meta, {"source": "A", "target": "B"}) == {
        "source": "A",
        "target": "B",
        "max_hops": 6,
    }
    with pytest.raises(InputError) as e:
        resolve_params(q.meta, {"source": "A"})
    assert e.value.key == "query.missing_param"
    with pytest.raises(InputError) as e:
        resolve_params(q.meta, {"source": "A", "target": "B", "max_hops": "11"})
    assert e.value.key == "query.bad_param"
    with pytest.raises(InputError) as e:
        resolve_params(q.meta, {"source": "A", "target": "B", "hops": "1"})
    assert e.value.key == "query.unknown_param"
    c = get_query("contracts_expiring")
    assert resolve_params(c.meta, {}, today=EXAMPLE_TODAY) == {"as_of": EXAMPLE_TODAY}
    assert resolve_params(c.meta, {"as_of": "2025-02-03"}) == {"as_of": dt.date(2025, 2, 3)}
    w = get_query("who_knows_step")
    assert (
        resolve_params(w.meta, {"step": "S", "include_partial": "no"})["include_partial"] is False
    )


def test_quarter_bounds() -> None:
    assert quarter_of(dt.date(2026, 1, 1)) == (dt.date(2026, 1, 1), dt.date(2026, 4, 1))
    assert quarter_of(dt.date(2026, 12, 31)) == (dt.date(2026, 10, 1), dt.date(2027, 1, 1))
    assert quarter_of(dt.date(2026, 6, 30)) == (dt.date(2026, 4, 1), dt.date(2026, 7, 1))


# ------------------------------------------------- no Cypher built from data

_CYPHER_WORDS = re.compile(r"\b(MATCH|MERGE|CREATE|UNWIND|DETACH|DELETE|RETURN|REQUIRE)\b")
#: The only functions whose results may be spliced into Cypher: they accept
#: nothing but the ontology's labels, types and fields.
_WHITELIST = {
    "cypher_label",
    "cypher_rel_type",
    "cypher_rel_property",
    "cypher_rel_property_map",
    "cypher_property",
    "_constraint_name",
    "_index_name",
}


def _cypher_fstrings(tree: ast.AST) -> list[ast.JoinedStr]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                v.value
                for v in node.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
            if _CYPHER_WORDS.search(text):
                out.append(node)
    return out


def test_no_cypher_is_formatted_from_data() -> None:
    """Every f-string that looks like Cypher interpolates only whitelisted
    names; no %-formatting or .format() of Cypher text anywhere."""
    files = sorted((ROOT / "graphmap").rglob("*.py"))
    assert files
    checked = 0
    for path in files:
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for js in _cypher_fstrings(tree):
            checked += 1
            for part in js.values:
                if not isinstance(part, ast.FormattedValue):
                    continue
                v = part.value
                ok = (
                    isinstance(v, ast.Call)
                    and isinstance(v.func, ast.Name)
                    and v.func.id in _WHITELIST
                )
                assert ok, f"{path.name}:{js.lineno}: Cypher f-string interpolates {ast.unparse(v)}"
        for node in ast.walk(tree):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
                left = node.left
                if isinstance(left, ast.Constant) and isinstance(left.value, str):
                    assert not _CYPHER_WORDS.search(left.value), f"{path.name}:{node.lineno}"
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format"
            ):
                target = node.func.value
                if isinstance(target, ast.Constant) and isinstance(target.value, str):
                    assert not _CYPHER_WORDS.search(target.value), f"{path.name}:{node.lineno}"
    assert checked >= 5  # the push statements are among them


def test_whitelist_rejects_everything_else() -> None:
    from graphmap.neo4j import (
        cypher_label,
        cypher_property,
        cypher_rel_type,
        node_statement,
        relationship_statement,
        schema_statements,
    )

    for bad in ("person", "Person`) DETACH DELETE (n", "Person:Admin", "", "Other"):
        with pytest.raises(ValueError):
            cypher_label(bad)
    for bad in ("knows", "KNOWS]->() DELETE r //", "FOO"):
        with pytest.raises(ValueError):
            cypher_rel_type(bad)
    with pytest.raises(ValueError):
        cypher_property("Person", "name} RETURN 1 //")
    assert all(cypher_label(lb) == lb for lb in NODE_LABELS)
    assert all(cypher_rel_type(rt) == rt for rt in EDGE_TYPES)
    assert len([s for s in schema_statements() if "REQUIRE n.id IS UNIQUE" in s]) == len(
        NODE_LABELS
    )
    assert all("IF NOT EXISTS" in s for s in schema_statements())
    assert "$rows" in node_statement("Person") and "MERGE" in relationship_statement(
        "KNOWS", "Person", "ProcessStep"
    )


# ---------------------------------------------------------- embedded engine


def test_exploratory_rows_have_the_declared_columns() -> None:
    g = build_graph(_examples().build_company())
    samples = {
        "who_knows_step": {"step": "STEP-BTO-01"},
        "organisation_received": {"organisation": "ORG-CUS-001"},
        "flows_into_country": {"country": "kr"},
        "contracts_expiring": {},
        "left_with_access": {},
        "paths_between": {"source": "PER-0001", "target": "ORG-CUS-001"},
    }
    for qid, params in samples.items():
        q = get_query(qid)
        res = run_embedded(q, g, params, as_of=EXAMPLE_TODAY)
        assert res.rows, qid
        assert all(list(r) == [c.name for c in q.meta.columns] for r in res.rows), qid


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "GRAPHMAP_LANG": "en", "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        if env is None or key not in env:
            full.pop(key, None)
    full["XDG_CONFIG_HOME"] = str(cwd / "no-config")
    return subprocess.run(
        [*GRAPHMAP, *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


@pytest.fixture(scope="module")
def small_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from importers import write_source

    path = tmp_path_factory.mktemp("src") / "small"
    write_source(_small(), path)
    return path


def test_cli_list_show_and_run_embedded(tmp_path: Path, small_source: Path) -> None:
    res = run_cli("query", "list", "--format", "json", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    ids = {q["id"] for q in json.loads(res.stdout)}
    assert ids == set(load_catalogue())
    res = run_cli("query", "show", "who_knows_step", cwd=tmp_path)
    assert res.returncode == 0 and "MATCH" in res.stdout and "include_partial" in res.stdout
    res = run_cli("query", "show", "who_knows_step", "--lang", "ja", cwd=tmp_path)
    assert "工程を知っている人" in res.stdout
    res = run_cli(
        "query",
        "run",
        "who_knows_step",
        str(small_source),
        "--param",
        "step=S-1",
        "-f",
        "json",
        cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    assert [r["person"] for r in rows] == ["P-1"]
    res = run_cli(
        "query",
        "run",
        "flows_into_country",
        str(small_source),
        "-p",
        "country=CN",
        "-f",
        "csv",
        cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[0].startswith("disclosure,date,sender")


def test_cli_query_errors_exit_2(tmp_path: Path, small_source: Path) -> None:
    cases = [
        ("query", "run", "no_such_query", str(small_source)),
        ("query", "run", "who_knows_step", str(small_source)),  # step missing
        (
            "query",
            "run",
            "paths_between",
            str(small_source),
            "-p",
            "source=A",
            "-p",
            "target=B",
            "-p",
            "max_hops=x",
        ),
        ("query", "run", "who_knows_step", str(small_source), "-p", "nonsense"),
        (
            "query",
            "run",
            "who_knows_step",
            str(small_source),
            "-p",
            "step=S-1",
            "--engine",
            "cloud",
        ),
        ("query", "show", "no_such_query"),
        ("query", "run", "truck_factor", "--engine", "neo4j"),  # embedded only
    ]
    for args in cases:
        res = run_cli(*args, cwd=tmp_path)
        assert res.returncode == 2, (args, res.stdout, res.stderr)
        assert "Traceback" not in res.stderr
    own = tmp_path / "mine.cypher"
    own.write_text("MATCH (n) RETURN count(n) AS c", "utf-8")
    res = run_cli("query", "run", str(own), "--engine", "embedded", cwd=tmp_path)
    assert res.returncode == 2 and "server only" in res.stderr


# ------------------------------------------------------------------- parity


def _parity_cases(g: Any) -> list[tuple[str, dict[str, Any]]]:
    """Parameters exercising every exploratory query on graph ``g``."""

    def ids(label: str) -> list[str]:
        return sorted(n for n, d in g.nodes(data=True) if d.get("label") == label)

    steps, orgs, people = ids("ProcessStep"), ids("Organisation"), ids("Person")
    countries = ids("Country")
    out: list[tuple[str, dict[str, Any]]] = []
    for s in steps[:6]:
        out.append(("who_knows_step", {"step": s}))
        out.append(("who_knows_step", {"step": s, "include_partial": "false"}))
    out += [("organisation_received", {"organisation": o}) for o in orgs[:10]]
    out += [("flows_into_country", {"country": c}) for c in countries[:8]]
    for day in ("2026-11-21", "2026-02-15", "2025-09-30", "2027-01-01"):
        out.append(("contracts_expiring", {"as_of": day}))
        out.append(("left_with_access", {"as_of": day}))
    ends = [*people[:3], *orgs[:3], *steps[:2]]
    for a, b in zip(ends, reversed(ends), strict=True):
        if a != b:
            out.append(("paths_between", {"source": a, "target": b}))
    out.append(("paths_between", {"source": ends[0], "target": ends[-1], "max_hops": "2"}))
    return out


def edge_cases() -> Any:
    """A small dataset for the branches the examples may not reach: former
    and partial knowers, a leaver gone to a competitor, an ended project
    next to a running one, overdue samples, a contract without a
    destruction certificate, trade secrets unmarked or unrecorded."""
    from graphmap import model as m
    from graphmap.dataset import Dataset, check_dataset

    d = dt.date
    ds = Dataset()
    ds.add(m.Organisation(id="SELF", name="自社", kind="self", country="JP"))
    ds.add(m.Organisation(id="UNI", name="大学", kind="university", country="US"))
    ds.add(m.Organisation(id="RIVAL", name="競合", kind="competitor", country="CN"))
    ds.add(m.Technology(id="T-CORE", name="core", grading=["core"], protection="trade_secret"))
    ds.add(m.Technology(id="T-ECON", name="econ", grading=["econ_security"]))
    ds.add(m.Technology(id="T-NONE", name="ungraded", protection="trade_secret"))
    for i in range(1, 4):
        ds.add(m.ProcessStep(id=f"C{i}", technology="T-CORE", order=i, name=f"c{i}"))
        ds.add(m.ProcessStep(id=f"E{i}", technology="T-ECON", order=i, name=f"e{i}"))
    ds.add(m.Person(id="P-A", name="a", employer="SELF"))
    ds.add(m.Person(id="P-B", name="b", employer="SELF"))
    ds.add(
        m.Person(
            id="P-GONE",
            name="gone",
            employer="SELF",
            status="left",
            left=d(2025, 3, 31),
            destination="RIVAL",
        )
    )
    ds.add(
        m.Person(id="P-LATER", name="later", employer="SELF", status="left", left=d(2027, 3, 31))
    )
    ds.add(m.Person(id="P-RET", name="retired", employer="SELF", status="retired"))
    ds.add(m.Person(id="P-UNI", name="prof", employer="UNI"))
    for step in ("C1", "C2", "C3"):
        ds.add(m.Knowledge(person="P-A", step=step))
    ds.add(m.Knowledge(person="P-B", step="C1", depth="partial", mode="documented"))
    ds.add(m.Knowledge(person="P-GONE", step="C2"))
    ds.add(m.Knowledge(person="P-LATER", step="E1", mode="documented"))
    ds.add(m.Knowledge(person="P-RET", step="E2"))
    ds.add(m.Knowledge(person="P-B", step="E3", depth="partial"))
    assets = [
        ("A-CORE", "department_only", ["T-CORE"], [], None, None, None),
        ("A-STEP", "company_internal", [], ["E1"], True, False, None),
        ("A-PUB", "public", ["T-NONE"], [], True, True, True),
        ("A-TS", "top_secret", [], [], True, True, False),
        ("A-NONE", "company_internal", ["T-NONE"], [], None, None, True),
    ]
    for aid, secrecy, techs, steps, ts, marked, restricted in assets:
        ds.add(
            m.InformationAsset(
                id=aid,
                name=aid,
                secrecy=secrecy,
                technologies=techs,
                steps=steps,
                trade_secret=ts,
                marked=marked,
                access_restricted=restricted,
            )
        )
    ds.add(m.Access(person="P-GONE", asset="A-CORE", level="read"))
    ds.add(m.Access(person="P-RET", asset="A-PUB", level="edit", revoked=d(2030, 1, 1)))
    ds.add(m.Access(person="P-LATER", asset="A-TS", level="download"))
    ds.add(m.Access(person="P-UNI", asset="A-CORE", level="download"))
    ds.add(m.Access(person="P-UNI", asset="A-STEP", level="read"))
    ds.add(m.Access(person="P-UNI", asset="A-TS", level="read", granted=d(2027, 1, 1)))
    ds.add(
        m.Contract(
            id="K-OLD",
            title="old",
            kind="joint_research",
            parties=["UNI"],
            start=d(2020, 1, 1),
            end=d(2024, 12, 31),
            return_or_destroy=True,
        )
    )
    ds.add(
        m.Contract(
            id="K-CERT",
            title="cert",
            kind="nda",
            parties=["UNI"],
            end=d(2024, 1, 31),
            return_or_destroy=True,
            destruction_certificate=True,
        )
    )
    ds.add(
        m.Project(
            id="PRJ-OLD",
            name="old",
            partners=["UNI"],
            themes=["T-CORE"],
            participants=["P-UNI"],
            phase="ended",
            contract="K-OLD",
        )
    )
    ds.add(
        m.Project(
            id="PRJ-LIVE",
            name="live",
            partners=["UNI"],
            themes=["T-ECON"],
            participants=["P-UNI"],
            end=d(2027, 12, 31),
        )
    )
    ds.add(
        m.Project(
            id="PRJ-PAST", name="past", partners=["UNI"], participants=["P-UNI"], end=d(2026, 1, 1)
        )
    )
    ds.add(
        m.Disclosure(
            id="D-1",
            date=d(2024, 1, 10),
            assets=["A-CORE", "A-STEP"],
            sender="P-A",
            recipient="P-UNI",
            contract="K-OLD",
            project="PRJ-OLD",
            return_status="outstanding",
            return_due=d(2026, 1, 1),
            channel="sample_shipment",
        )
    )
    ds.add(
        m.Disclosure(
            id="D-2",
            date=d(2024, 2, 10),
            assets=["A-PUB"],
            sender="SELF",
            recipient="UNI",
            project="PRJ-PAST",
            return_status="outstanding",
            return_due=d(2026, 11, 1),
        )
    )
    ds.add(
        m.Disclosure(
            id="D-3",
            date=d(2023, 5, 1),
            assets=["A-TS"],
            sender="SELF",
            recipient="UNI",
            contract="K-CERT",
            return_status="returned",
        )
    )
    ds.add(
        m.Disclosure(
            id="D-4",
            date=d(2024, 3, 1),
            assets=["A-NONE"],
            sender="P-B",
            recipient="UNI",
            contract="K-OLD",
            return_status="not_required",
        )
    )
    ds.add(
        m.Disclosure(
            id="D-5",
            date=d(2025, 3, 1),
            assets=["A-TS"],
            sender="P-B",
            recipient="RIVAL",
            return_status="outstanding",
            return_due=d(2026, 11, 21),
        )
    )
    assert check_dataset(ds) == []
    return ds


def edge_cases_more() -> Any:
    """Branches of the newer twins the other datasets may not reach: a site
    abroad being withdrawn from with its operator's staff and local staff,
    equipment that is graded but not core, ungraded but customised, an
    asset too many people reach, ungraded technologies at every severity,
    training long overdue, and exhibition disclosures."""
    from graphmap import model as m
    from graphmap.dataset import Dataset, check_dataset

    d = dt.date
    ds = Dataset()
    ds.add(m.Organisation(id="SELF", name="自社", kind="self", country="JP"))
    ds.add(m.Organisation(id="OPCO", name="運営会社", kind="jv_partner", country="TH"))
    ds.add(m.Organisation(id="MAKER", name="メーカー", kind="equipment_maker", country="DE"))
    ds.add(m.Organisation(id="FIXER", name="保守業者", kind="supplier", country="TH"))
    ds.add(m.Unit(id="U-TOP", name="本部", organisation="SELF"))
    ds.add(m.Unit(id="U-SUB", name="課", organisation="SELF", parent="U-TOP"))
    ds.add(m.Unit(id="U-OTHER", name="他部署", organisation="SELF"))
    ds.add(m.Technology(id="T-ECON", name="econ", grading=["econ_security"], owner_unit="U-TOP"))
    ds.add(m.Technology(id="T-SEC", name="sec", grading=["security"]))
    ds.add(m.Technology(id="T-FREE", name="free"))
    ds.add(m.Technology(id="T-CHOKE", name="choke", choke_point=True))
    ds.add(m.Technology(id="T-IDLE", name="idle"))
    ds.add(m.ProcessStep(id="F1", technology="T-FREE", order=1, name="f1"))
    ds.add(m.ProcessStep(id="K1", technology="T-CHOKE", order=1, name="k1"))
    ds.add(m.ProcessStep(id="S1", technology="T-SEC", order=1, name="s1"))
    ds.add(m.Site(id="SITE-TH", name="タイ工場", country="TH", operator="OPCO", stage="withdrawal"))
    ds.add(m.Site(id="SITE-VN", name="ベトナム工場", country="VN"))
    for i in range(1, 20):
        ds.add(
            m.Person(
                id=f"P-{i:02d}",
                name=f"p{i}",
                employer="SELF",
                unit=["U-SUB", "U-OTHER", None][i % 3],
                trained=d(2026, 6, 1) if i % 2 else d(2023, 1, 15),
            )
        )
    ds.add(m.Person(id="P-OP", name="op", employer="OPCO"))
    ds.add(m.Person(id="P-LOCAL", name="local", employer="SELF", site="SITE-TH"))
    ds.add(m.Person(id="P-NOEMP", name="noemp", site="SITE-TH", trained=d(2025, 1, 1)))
    ds.add(m.Person(id="P-EXPO", name="expo", employer="SELF", trained=d(2026, 1, 1)))
    ds.add(m.Knowledge(person="P-01", step="F1"))
    ds.add(m.Knowledge(person="P-02", step="K1"))
    ds.add(m.Knowledge(person="P-04", step="S1"))
    ds.add(m.InformationAsset(id="A-ECON", name="econ", secrecy="company_internal", technologies=["T-ECON"]))
    ds.add(m.InformationAsset(id="A-DEPT", name="dept", secrecy="department_only", owner_unit="U-TOP"))
    ds.add(m.InformationAsset(id="A-FREE", name="free", secrecy="company_internal", steps=["F1"]))
    ds.add(m.InformationAsset(id="A-PUB", name="pub", secrecy="public", technologies=["T-SEC"]))
    for i in range(1, 20):
        ds.add(m.Access(person=f"P-{i:02d}", asset="A-ECON", level="read"))
    for i in (1, 2, 3, 5):
        ds.add(m.Access(person=f"P-{i:02d}", asset="A-DEPT", level="edit"))
    ds.add(m.Access(person="P-OP", asset="A-ECON", level="download"))
    ds.add(m.Access(person="P-OP", asset="A-DEPT", level="read", revoked=d(2026, 1, 1)))
    ds.add(m.Access(person="P-LOCAL", asset="A-DEPT", level="read"))
    ds.add(m.Access(person="P-NOEMP", asset="A-ECON", level="read"))
    ds.add(m.Access(person="P-NOEMP", asset="A-PUB", level="read"))
    ds.add(
        m.Equipment(
            id="EQ-ECON",
            name="econ",
            site="SITE-TH",
            embodies=["T-ECON"],
            owner="OPCO",
            customised=True,
            maker="MAKER",
            maintainer="MAKER",
        )
    )
    ds.add(
        m.Equipment(
            id="EQ-FREE",
            name="free",
            site="SITE-VN",
            embodies=["F1"],
            customised=True,
            maker="MAKER",
            maintainer="FIXER",
        )
    )
    ds.add(
        m.Equipment(
            id="EQ-SEC",
            name="sec",
            site="SITE-VN",
            embodies=["S1"],
            owner="SELF",
            disposal_plan=True,
            customised=True,
            maintainer="FIXER",
        )
    )
    ds.add(
        m.Disclosure(
            id="X-1",
            date=d(2026, 5, 1),
            assets=["A-FREE"],
            sender="P-EXPO",
            recipient="OPCO",
            channel="exhibition",
        )
    )
    ds.add(
        m.Disclosure(
            id="X-2",
            date=d(2026, 6, 1),
            assets=["A-PUB", "A-DEPT"],
            sender="P-EXPO",
            recipient="MAKER",
            channel="exhibition",
        )
    )
    ds.add(
        m.Disclosure(
            id="X-3",
            date=d(2026, 7, 1),
            assets=["A-PUB"],
            sender="P-03",
            recipient="MAKER",
            channel="exhibition",
        )
    )
    # due diligence: rejected, stale, pending, dated after the reference day,
    # of the wrong scope; partners reached through an employee, a contract
    # covering a graded asset, a project participant, foreign obligations
    ds.add(m.Organisation(id="UNI2", name="大学", kind="university", country="US"))
    ds.add(m.Organisation(id="LONE", name="顧客", kind="customer", country="KR"))
    ds.add(m.Person(id="P-PROF", name="prof", employer="UNI2", foreign_gov_obligation=True))
    ds.add(m.Person(id="P-SILENT", name="silent", employer="FIXER", foreign_gov_obligation=True))
    ds.add(m.Person(id="P-BUYER", name="buyer", employer="LONE"))
    ds.add(m.Person(id="P-OBL", name="obl", employer="OPCO", foreign_gov_obligation=True))
    ds.add(m.Access(person="P-OBL", asset="A-ECON", level="read"))
    ds.add(m.Contract(id="K-FIX", title="fix", kind="nda", parties=["FIXER"], covered_assets=["A-DEPT"]))
    ds.add(m.Project(id="PRJ-X", name="x", partners=["UNI2"], themes=["T-FREE"], participants=["P-PROF"]))
    ds.add(m.Disclosure(id="X-4", date=d(2026, 8, 1), assets=["A-ECON"], sender="P-01", recipient="P-BUYER"))
    for did, subject, scope, day, outcome in [
        ("DD-1", "FIXER", "organisation", d(2026, 1, 1), "rejected"),
        ("DD-2", "MAKER", "organisation", d(2020, 1, 1), "cleared"),
        ("DD-3", "MAKER", "organisation", d(2027, 1, 1), "cleared"),
        ("DD-4", "OPCO", "organisation", d(2026, 2, 1), "pending"),
        ("DD-5", "OPCO", "individual", d(2026, 3, 1), "cleared"),
        ("DD-6", "UNI2", "organisation", d(2021, 1, 1), "conditional"),
        ("DD-7", "P-PROF", "individual", d(2026, 1, 1), "rejected"),
        ("DD-8", "P-PROF", "individual", d(2025, 1, 1), "cleared"),
    ]:
        ds.add(m.DueDiligence(id=did, subject=subject, scope=scope, date=day, outcome=outcome))
    assert check_dataset(ds) == []
    return ds


def edge_cases_flows() -> Any:
    """Every gap of ``uncovered_disclosures``: a cited contract not yet
    started or already ended, none cited before a later contract, none
    cited while another contract is in force, a contract the recipient is
    not party to, assets outside a contract's scope abroad and in joint
    research, missing and unrecorded clauses, a recipient working at a site
    abroad for a domestic employer, one with no employer; and flows the
    analysis leaves alone (onward, sent from outside, public only)."""
    from graphmap import model as m
    from graphmap.dataset import Dataset, check_dataset

    d = dt.date
    ds = Dataset()
    ds.add(m.Organisation(id="SELF", name="自社", kind="self", country="JP"))
    ds.add(m.Organisation(id="US-CO", name="米社", kind="customer", country="US"))
    ds.add(m.Organisation(id="JP-CO", name="国内社", kind="supplier", country="JP"))
    ds.add(m.Organisation(id="DE-LAB", name="独研究所", kind="university", country="DE"))
    ds.add(m.Organisation(id="OTHER", name="他社", kind="supplier", country="KR"))
    ds.add(m.Site(id="SITE-US", name="米拠点", country="US", operator="JP-CO"))
    ds.add(m.Site(id="SITE-AA", name="国内拠点", country="JP", operator="JP-CO"))
    ds.add(m.Technology(id="T-CORE", name="core", grading=["core"]))
    ds.add(m.Technology(id="T-ECON", name="econ", grading=["econ_security"]))
    ds.add(m.Technology(id="T-ACQ", name="acq", grading=["to_acquire"]))
    ds.add(m.ProcessStep(id="E1", technology="T-ECON", order=1, name="e1"))
    ds.add(m.Person(id="P-IN", name="in", employer="SELF"))
    ds.add(m.Person(id="P-FREE", name="free"))
    ds.add(m.Person(id="P-US", name="us", employer="US-CO"))
    ds.add(m.Person(id="P-AWAY", name="away", employer="JP-CO", site="SITE-US"))
    ds.add(m.Person(id="P-HOME", name="home", employer="US-CO", site="SITE-AA"))
    for aid, secrecy, techs, steps in [
        ("A-CORE", "company_internal", ["T-CORE"], []),
        ("A-ECON", "company_internal", [], ["E1"]),
        ("A-MIX", "company_internal", ["T-CORE", "T-ACQ"], []),
        ("A-TS", "top_secret", [], []),
        ("A-DEPT", "department_only", [], []),
        ("A-PUB", "public", ["T-CORE"], []),
        ("A-PLAIN", "company_internal", [], []),
    ]:
        ds.add(m.InformationAsset(id=aid, name=aid, secrecy=secrecy, technologies=techs, steps=steps))
    clauses = {"confidentiality": True, "purpose_limitation": True, "subcontract_approval": True}
    for kid, kind, parties, start, end, extra in [
        ("K-LATER", "nda", ["US-CO"], d(2025, 1, 1), None, clauses),
        ("K-ENDED", "nda", ["US-CO"], d(2020, 1, 1), d(2022, 12, 31), clauses),
        ("K-JP", "nda", ["JP-CO"], d(2019, 1, 1), None, {"confidentiality": True}),
        ("K-WEAK", "basic_supply", ["US-CO"], d(2019, 1, 1), None, {"purpose_limitation": False}),
        (
            "K-SCOPE",
            "nda",
            ["OTHER"],
            d(2019, 1, 1),
            None,
            {**clauses, "covered_technologies": ["T-CORE"], "covered_assets": ["A-DEPT"]},
        ),
        ("K-JR", "joint_research", ["DE-LAB"], None, None, {**clauses, "covered_technologies": ["T-ECON"]}),
    ]:
        ds.add(m.Contract(id=kid, title=kid, kind=kind, parties=parties, start=start, end=end, **extra))
    for did, day, assets, sender, recipient, contract, extra in [
        ("F-01", d(2024, 6, 1), ["A-CORE"], "P-IN", "P-US", "K-LATER", {}),  # cited, not started
        ("F-02", d(2018, 6, 1), ["A-ECON"], "SELF", "US-CO", None, {}),  # none cited, later only
        ("F-03", d(2023, 6, 1), ["A-ECON"], "SELF", "US-CO", "K-ENDED", {}),  # ended, K-WEAK in force
        ("F-04", d(2023, 6, 1), ["A-TS"], "SELF", "US-CO", None, {}),  # none cited, one in force
        ("F-05", d(2023, 6, 1), ["A-DEPT"], "P-IN", "P-US", "K-JP", {}),  # recipient not a party
        ("F-06", d(2023, 6, 1), ["A-MIX", "A-DEPT", "A-TS"], "SELF", "OTHER", "K-SCOPE", {}),  # scope abroad
        ("F-07", d(2023, 6, 1), ["A-CORE"], "SELF", "DE-LAB", "K-JR", {}),  # scope, joint research
        ("F-08", d(2023, 6, 1), ["A-ECON"], "P-IN", "P-AWAY", "K-JP", {}),  # site abroad: unrecorded
        ("F-09", d(2023, 6, 1), ["A-CORE"], "P-IN", "P-HOME", "K-WEAK", {}),  # site at home: missing
        ("F-10", d(2023, 6, 1), ["A-TS"], "P-IN", "P-FREE", None, {}),  # no employer
        ("F-11", d(2023, 7, 1), ["A-TS"], "P-US", "OTHER", None, {"onward_of": "F-04"}),  # onward
        ("F-12", d(2023, 7, 1), ["A-TS"], "P-FREE", "US-CO", None, {}),  # sent from outside
        ("F-13", d(2023, 7, 1), ["A-PUB", "A-PLAIN"], "SELF", "US-CO", None, {}),  # nothing graded
        ("F-14", d(2023, 7, 1), ["A-CORE"], "P-IN", "P-AWAY", None, {}),  # inside to a domestic firm
    ]:
        ds.add(
            m.Disclosure(
                id=did,
                date=day,
                assets=assets,
                sender=sender,
                recipient=recipient,
                contract=contract,
                **extra,
            )
        )
    assert check_dataset(ds) == []
    return ds


def _datasets() -> list[tuple[str, Any]]:
    ex = _examples()
    out: list[tuple[str, Any]] = [
        ("small", _small),
        ("edge_cases", edge_cases),
        ("edge_cases_more", edge_cases_more),
        ("edge_cases_flows", edge_cases_flows),
        ("company", ex.build_company),
    ]
    out += [(f"case:{cid}", (lambda c=cid: ex.build_case(c))) for cid in ex.CASES]
    return out


@pytest.mark.server
@pytest.mark.parametrize("name,build", _datasets(), ids=[n for n, _ in _datasets()])
def test_exploratory_queries_agree_on_both_engines(pushed: Any, name: str, build: Any) -> None:
    g, settings = pushed(name, build)
    queries = load_catalogue()
    checked = 0
    for qid, params in _parity_cases(g):
        q = queries[qid]
        emb = run_embedded(q, g, params, as_of=EXAMPLE_TODAY)
        srv = run_server(q, settings, params, as_of=EXAMPLE_TODAY)
        assert srv.columns == [c.name for c in q.meta.columns], qid
        assert srv.rows == emb.rows, (name, qid, params)
        checked += len(emb.rows)
    if name == "company":
        assert checked > 100


def _exposure_twins() -> list[str]:
    return sorted(
        q.id
        for q in load_catalogue().values()
        if q.meta.kind == "exposure" and q.cypher is not None
    )


#: Twins whose Cypher does not (yet) narrow each finding's checklist items as
#: the Python analysis does, with the reason; their checklists are not compared.
CHECKLIST_PARITY_EXCEPTIONS: dict[str, str] = {}


def _finding_keys(
    findings: list[Any], *, checklist: bool = True
) -> list[tuple[Any, ...]]:
    return sorted(
        (f.id, tuple(f.subjects), f.severity.value, f.score)
        + ((tuple(f.checklist),) if checklist else ())
        for f in findings
    )


@pytest.mark.server
@pytest.mark.parametrize("name,build", _datasets(), ids=[n for n, _ in _datasets()])
def test_cypher_twins_give_the_python_findings(pushed: Any, name: str, build: Any) -> None:
    """Each twin's Cypher, run on the server, yields the same findings (id,
    subjects, severity, score and checklist items, narrowed per finding by
    the twin's ``checklist`` column) as its Python analysis on the same
    data."""
    twins = _exposure_twins()
    if not twins:
        pytest.fail("no Cypher twins shipped")
    g, settings = pushed(name, build)
    for qid in twins:
        q = load_catalogue()[qid]
        emb = run_embedded(q, g, {}, as_of=EXAMPLE_TODAY)
        srv = run_server(q, settings, {}, as_of=EXAMPLE_TODAY)
        assert srv.findings is not None
        full = qid not in CHECKLIST_PARITY_EXCEPTIONS
        assert _finding_keys(srv.findings, checklist=full) == _finding_keys(
            emb.findings or [], checklist=full
        ), (name, qid)
        assert _finding_keys(rows_to_findings(q, srv.rows)) == _finding_keys(srv.findings)


#: Twins run with parameters other than their defaults, on the dataset whose
#: findings the parameters change.
TWIN_PARAMETER_CASES: list[tuple[str, str, Any, dict[str, str]]] = [
    ("uncovered_disclosures", "edge_cases_flows", edge_cases_flows, {"required_flow_clauses": c})
    for c in ("scope_defined,named_participants", "confidentiality", "[]")
]


@pytest.mark.server
@pytest.mark.parametrize("qid,name,build,params", TWIN_PARAMETER_CASES)
def test_cypher_twins_follow_their_parameters(
    pushed: Any, qid: str, name: str, build: Any, params: dict[str, str]
) -> None:
    g, settings = pushed(name, build)
    q = load_catalogue()[qid]
    emb = run_embedded(q, g, params, as_of=EXAMPLE_TODAY)
    srv = run_server(q, settings, params, as_of=EXAMPLE_TODAY)
    default = run_embedded(q, g, {}, as_of=EXAMPLE_TODAY)
    assert srv.findings is not None and emb.findings is not None
    assert _finding_keys(srv.findings) == _finding_keys(emb.findings)
    assert _finding_keys(emb.findings) != _finding_keys(default.findings or [])


def test_query_metadata_checklist_matches_the_python_analysis() -> None:
    """A query's checklist items are its analysis's: the two never drift."""
    from graphmap.analyses import catalogue
    from graphmap.saved_queries import load_catalogue

    metas = {a.meta.id: a.meta for a in catalogue()}
    for q in load_catalogue().values():
        if q.id in metas:
            assert sorted(q.meta.checklist) == sorted(metas[q.id].checklist), q.id


def test_checklist_parity_exceptions_name_twins() -> None:
    assert set(CHECKLIST_PARITY_EXCEPTIONS) <= set(_exposure_twins())


def test_rows_to_findings_narrows_the_checklist() -> None:
    """A twin's optional ``checklist`` column narrows the finding's items
    (as ``make_finding`` does); absent or null it keeps them all, and an
    item outside the analysis's checklist is refused."""
    q = load_catalogue()["samples_and_returns"]
    base = {"subjects": ["D-1"], "discriminator": "overdue", "severity": "high", "score": 50}
    [narrowed] = rows_to_findings(q, [{**base, "checklist": ["S5"]}])
    assert narrowed.checklist == ["S5"]
    assert "checklist" not in narrowed.evidence.facts
    [whole] = rows_to_findings(q, [base])
    assert whole.checklist == ["S5", "O5"]
    [null] = rows_to_findings(q, [{**base, "checklist": None}])
    assert null.checklist == ["S5", "O5"]
    assert narrowed.id == whole.id
    with pytest.raises(ValueError):
        rows_to_findings(q, [{**base, "checklist": ["P3"]}])
    with pytest.raises(ValueError):
        rows_to_findings(q, [{**base, "checklist": []}])
