"""The graph server: settings and secrets, retries, push (idempotent, wipe
limited to graphmap's labels), failures as one-line errors with a non-zero
exit, and the neo4j-admin CSV export.

Tests marked ``server`` run against the ArcadeDB Bolt server the
``arcadedb_server`` fixture starts; they fail, never skip, without it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import secrets
import socket
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from graphmap.graph import build_graph
from graphmap.neo4j import (
    GraphmapServerError,
    Neo4jSettings,
    graph_counts,
    load_settings,
    push,
    run_cypher,
    with_retries,
)
from tests.conftest import GRAPHMAP
from tests.server import DroppingProxy


def _small() -> Any:
    from tests.test_importers import small_dataset

    return small_dataset()


def _company() -> Any:
    from examples.build_examples import build_company

    return build_company()


def _expected_counts(g: Any) -> tuple[dict[str, int], dict[str, int]]:
    nodes = Counter(d["label"] for _, d in g.nodes(data=True))
    rels = Counter(k for _, _, k in g.edges(keys=True))
    return dict(nodes), dict(rels)


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    full.update(
        {
            "GRAPHMAP_LANG": "en",
            "COLUMNS": "200",
            "NO_COLOR": "1",
            "XDG_CONFIG_HOME": str(cwd / "no-config"),
            **(env or {}),
        }
    )
    return subprocess.run(
        [*GRAPHMAP, *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def _one_line_error(res: subprocess.CompletedProcess[str], *, secret: str | None = None) -> str:
    assert res.returncode == 3, (res.returncode, res.stdout, res.stderr)
    assert "Traceback" not in res.stderr + res.stdout
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    if secret:
        assert secret not in res.stderr + res.stdout
    return lines[0]


# ------------------------------------------------------------------ settings


def test_settings_hide_the_password() -> None:
    s = Neo4jSettings(uri="neo4j+s://abc.databases.neo4j.io", user="neo4j", password="hunter2-secret")
    assert "hunter2" not in repr(s) and "hunter2" not in str(s)
    assert "hunter2" not in s.model_dump_json()
    assert s.password.get_secret_value() == "hunter2-secret"
    for bad in ("http://x", "x", "bolt://", "neo4j+z://x"):
        with pytest.raises(ValueError):
            Neo4jSettings(uri=bad, password="p")


def test_settings_from_environment_and_private_config(tmp_path: Path) -> None:
    cfg = tmp_path / "neo4j.toml"
    cfg.write_text(
        '[neo4j]\nuri = "neo4j+s://db.example:7687"\nuser = "gm"\npassword = "file-pw-123"\n',
        "utf-8",
    )
    os.chmod(cfg, 0o600)
    s = load_settings(cfg, environ={})
    assert (s.uri, s.user, s.password.get_secret_value(), s.database) == (
        "neo4j+s://db.example:7687",
        "gm",
        "file-pw-123",
        None,
    )
    s = load_settings(cfg, environ={"NEO4J_PASSWORD": "env-pw", "NEO4J_DATABASE": "gm"})
    assert s.password.get_secret_value() == "env-pw" and s.database == "gm" and s.user == "gm"
    # the default location, through XDG_CONFIG_HOME
    (tmp_path / "graphmap").mkdir()
    (tmp_path / "graphmap" / "neo4j.toml").write_bytes(cfg.read_bytes())
    os.chmod(tmp_path / "graphmap" / "neo4j.toml", 0o600)
    assert load_settings(environ={"XDG_CONFIG_HOME": str(tmp_path)}).user == "gm"


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_config_readable_by_others_is_refused(tmp_path: Path) -> None:
    cfg = tmp_path / "neo4j.toml"
    cfg.write_text('password = "leaky-pw"\n', "utf-8")
    for mode in (0o644, 0o640, 0o604, 0o660):
        os.chmod(cfg, mode)
        with pytest.raises(GraphmapServerError) as e:
            load_settings(cfg, environ={})
        assert e.value.key == "neo4j.config_permissions"
        assert "chmod 600" in e.value.message("en") and "leaky" not in e.value.message("en")


def test_errors_never_show_the_password(tmp_path: Path) -> None:
    with pytest.raises(GraphmapServerError) as e:
        load_settings(None, environ={"XDG_CONFIG_HOME": str(tmp_path)})
    assert e.value.key == "neo4j.no_password"
    cfg = tmp_path / "bad.toml"
    cfg.write_text('uri = "ftp://x"\npassword = "pw-in-file-987"\nport = 1\n', "utf-8")
    os.chmod(cfg, 0o600)
    with pytest.raises(GraphmapServerError) as e:
        load_settings(cfg, environ={})
    assert e.value.key == "neo4j.bad_settings"
    for lang in ("ja", "en"):
        assert "pw-in-file-987" not in e.value.message(lang)
    assert "uri" in e.value.message("en") and "port" in e.value.message("en")


def test_cli_has_no_password_option(tmp_path: Path) -> None:
    for args in (
        ["neo4j", "push", "--help"],
        ["neo4j", "check", "--help"],
        ["query", "run", "--help"],
    ):
        res = run_cli(*args, cwd=tmp_path)
        assert res.returncode == 0 and "--password" not in res.stdout
    res = run_cli("neo4j", "check", "--password", "x", cwd=tmp_path)
    assert res.returncode != 0


# ------------------------------------------------------------------- retries


def test_transient_failures_are_retried_with_growing_waits() -> None:
    from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError

    failures = [TransientError("busy"), ServiceUnavailable("down"), SessionExpired("gone")]
    waits: list[float] = []

    def flaky() -> str:
        if failures:
            raise failures.pop(0)
        return "ok"

    assert with_retries(flaky, retries=5, delay=0.5, sleep=waits.append, jitter=0) == "ok"
    assert waits == [0.5, 1.0, 2.0]

    waits.clear()

    def always() -> None:
        raise ServiceUnavailable("down")

    with pytest.raises(ServiceUnavailable):
        with_retries(always, retries=3, delay=1, sleep=waits.append, jitter=0, max_delay=3)
    assert waits == [1, 2, 3]


def test_other_failures_are_not_retried() -> None:
    from neo4j.exceptions import AuthError, CypherSyntaxError

    for exc in (AuthError("no"), CypherSyntaxError("bad"), ValueError("x")):
        calls: list[int] = []

        def fail(e: Exception = exc, calls: list[int] = calls) -> None:
            calls.append(1)
            raise e

        with pytest.raises(type(exc)):
            with_retries(fail, retries=5, delay=0.01, sleep=lambda s: None)
        assert calls == [1]


# ---------------------------------------------------------------- CSV export


def test_neo4j_csv_export(tmp_path: Path) -> None:
    from graphmap.neo4j_csv import write_neo4j_csv

    g = build_graph(_small())
    res = write_neo4j_csv(g, tmp_path / "out")
    assert res.nodes == g.number_of_nodes() and res.relationships == g.number_of_edges()
    files = {p.name for p in (tmp_path / "out").iterdir()}
    assert "nodes_Person.csv" in files and "rels_KNOWS.csv" in files and "neo4j-admin-import.txt" in files
    if os.name != "nt":
        assert all((p.stat().st_mode & 0o077) == 0 for p in (tmp_path / "out").iterdir())

    def read(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO((tmp_path / "out" / name).read_text("utf-8"))))

    steps = read("nodes_ProcessStep.csv")
    assert list(steps[0]) == ["id:ID", ":LABEL", "order:int", "name"]
    assert {(r["id:ID"], r[":LABEL"], r["order:int"]) for r in steps} == {
        ("S-1", "ProcessStep", "1"),
        ("S-2", "ProcessStep", "2"),
    }
    people = {r["id:ID"]: r for r in read("nodes_Person.csv")}
    assert people["P-1"]["joined:date"] == "1995-04-01" and people["P-1"]["confidentiality_pledge:boolean"] == "true"
    tech = read("nodes_Technology.csv")[0]
    assert tech["grading:string[]"] == "core;econ_security"
    orgs = {r["id:ID"]: r for r in read("nodes_Organisation.csv")}
    assert orgs["ORG-SUP"]["name"] == "'=SUM(A1)"  # formula neutralised
    owns = read("rels_OWNS.csv")[0]
    assert (owns[":START_ID"], owns[":END_ID"], owns[":TYPE"], owns["votes_pct:float"]) == (
        "ORG-SELF",
        "ORG-SUP",
        "OWNS",
        "12.5",
    )
    access = read("rels_CAN_ACCESS.csv")[0]
    assert access["granted:date"] == "2024-01-01" and access["revoked:date"] == ""
    total = sum(len(read(p)) for p in files if p.startswith("rels_"))
    assert total == g.number_of_edges()


def test_cli_export_neo4j_csv(tmp_path: Path) -> None:
    from importers import write_source

    write_source(_small(), tmp_path / "src")
    res = run_cli("export", "neo4j-csv", str(tmp_path / "src"), "-o", "out", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out" / "nodes_Person.csv").is_file()
    res = run_cli("export", "neo4j-csv", str(tmp_path / "src"), "-o", "out", cwd=tmp_path)
    assert res.returncode == 2 and "--force" in res.stderr
    (tmp_path / "out" / "nodes_Stale.csv").write_text("x", "utf-8")
    res = run_cli("export", "neo4j-csv", str(tmp_path / "src"), "-o", "out", "--force", cwd=tmp_path)
    assert res.returncode == 0 and not (tmp_path / "out" / "nodes_Stale.csv").exists()


# -------------------------------------------------------------------- server


def _server_counts(settings: Any) -> tuple[dict[str, int], dict[str, int], int, int]:
    nodes, rels = graph_counts(settings)
    _, rows = run_cypher(settings, "MATCH (n) RETURN count(n) AS c")
    _, rrows = run_cypher(settings, "MATCH ()-[r]->() RETURN count(r) AS c")
    return nodes, rels, int(rows[0]["c"]), int(rrows[0]["c"])


def _relationship_dump(settings: Any) -> list[Any]:
    _, rows = run_cypher(
        settings,
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p",
    )
    return sorted((r["a"], r["t"], r["b"], sorted(r["p"].items())) for r in rows)


@pytest.mark.server
@pytest.mark.parametrize("build", [_small, _company], ids=["every_record_type", "example_company"])
def test_push_twice_gives_the_same_graph(neo4j_db: Any, build: Any) -> None:
    server, db = neo4j_db
    settings = server.settings(db)
    g = build_graph(build())
    seen: list[tuple[int, int]] = []
    first = push(g, settings, batch_size=97, progress=lambda done, total: seen.append((done, total)))
    assert first.nodes == g.number_of_nodes() and first.relationships == g.number_of_edges()
    assert seen[-1] == (g.number_of_nodes() + g.number_of_edges(),) * 2
    once = _server_counts(settings)
    created = _relationship_dump(settings)
    assert set(first.created_types) == {k for _, _, k in g.edges(keys=True)}
    second = push(g, settings, batch_size=500)
    assert second.created_types == []  # every type is on the server now: MERGE
    twice = _server_counts(settings)
    assert once == twice
    # CREATE with the properties in the pattern stores what MERGE ... SET r = map does
    assert _relationship_dump(settings) == created
    nodes, rels = _expected_counts(g)
    assert twice == (nodes, rels, g.number_of_nodes(), g.number_of_edges())


@pytest.mark.server
def test_values_arrive_typed_and_cleared_values_are_cleared(neo4j_db: Any) -> None:
    server, db = neo4j_db
    settings = server.settings(db)
    g = build_graph(_small())
    push(g, settings)
    _, rows = run_cypher(
        settings,
        "MATCH (p:Person {id: $id}) RETURN p.joined AS joined, p.joined.year AS year, "
        "p.confidentiality_pledge AS pledge, p.name AS name",
        {"id": "P-1"},
    )
    assert rows == [{"joined": "1995-04-01", "year": 1995, "pledge": True, "name": "山田 太郎"}]
    _, rows = run_cypher(settings, "MATCH (t:Technology) RETURN t.grading AS g, t.forms AS f")
    assert rows == [{"g": ["core", "econ_security"], "f": ["tacit", "data"]}]
    _, rows = run_cypher(
        settings,
        "MATCH (:Organisation)-[o:OWNS]->(:Organisation) RETURN o.votes_pct AS v, o.capital_pct AS c",
    )
    assert rows == [{"v": 12.5, "c": 10.0}]
    _, rows = run_cypher(settings, "MATCH (o:Organisation {id: 'ORG-SUP'}) RETURN o.name AS n")
    assert rows == [{"n": "=SUM(A1)"}]
    # a value removed at the source is removed on the server by the next push
    del g.nodes["ORG-SELF"]["listed"]
    g.edges["P-2", "A-1", "CAN_ACCESS"]["revoked"] = dt.date(2025, 1, 1)
    push(g, settings)
    _, rows = run_cypher(settings, "MATCH (o:Organisation {id: 'ORG-SELF'}) RETURN o.listed AS l")
    assert rows == [{"l": None}]
    _, rows = run_cypher(settings, "MATCH ()-[x:CAN_ACCESS]->() RETURN x.revoked AS r")
    assert rows == [{"r": "2025-01-01"}]


@pytest.mark.server
def test_wipe_removes_only_graphmap_labels(neo4j_db: Any) -> None:
    import neo4j

    server, db = neo4j_db
    settings = server.settings(db)
    driver = neo4j.GraphDatabase.driver(settings.uri, auth=(server.user, server.password))
    try:
        with driver.session(database=db) as s:
            s.run("CREATE (:Other {id: 'keep-1', note: 'not ours'})").consume()
            s.run("CREATE (:Other {id: 'keep-2'})").consume()
            s.run("CREATE (:Person {id: 'ghost', name: 'stale'})").consume()
    finally:
        driver.close()
    g = build_graph(_small())
    result = push(g, settings, wipe=True)
    assert result.deleted == 1
    nodes, rels, total, _ = _server_counts(settings)
    assert (nodes, rels) == _expected_counts(g)
    assert total == g.number_of_nodes() + 2
    _, rows = run_cypher(settings, "MATCH (n:Other) RETURN n.id AS id ORDER BY id")
    assert [r["id"] for r in rows] == ["keep-1", "keep-2"]
    again = push(g, settings, wipe=True)
    assert _server_counts(settings)[2] == g.number_of_nodes() + 2
    # the server still knows every type, but holds none of its relationships
    # after the wipe: they are created again, once each
    assert set(again.created_types) == set(rels)
    assert _server_counts(settings)[:2] == _expected_counts(g)


@pytest.mark.server
def test_cli_push_and_user_cypher_file(neo4j_db: Any, tmp_path: Path) -> None:
    from importers import write_source

    server, db = neo4j_db
    write_source(_small(), tmp_path / "src")
    env = server.env(db)
    for _ in range(2):
        res = run_cli("neo4j", "push", str(tmp_path / "src"), "--batch-size", "5", cwd=tmp_path, env=env)
        assert res.returncode == 0, res.stderr
        assert "wrote 18 nodes and 36 relationships" in res.stdout
        assert server.password not in res.stdout + res.stderr
    res = run_cli("neo4j", "check", cwd=tmp_path, env=env)
    assert res.returncode == 0 and "ArcadeDB" in res.stdout
    own = tmp_path / "mine.cypher"
    own.write_text(
        "// my own query\nMATCH (p:Person)-[:KNOWS]->(s:ProcessStep {id: $step})\nRETURN p.id AS who",
        "utf-8",
    )
    res = run_cli("query", "run", str(own), "-p", "step=S-1", "-f", "json", cwd=tmp_path, env=env)
    assert res.returncode == 0, res.stderr
    assert '"who": "P-1"' in res.stdout
    res = run_cli(
        "query",
        "run",
        "who_knows_step",
        "--engine",
        "neo4j",
        "-p",
        "step=S-1",
        "-f",
        "csv",
        cwd=tmp_path,
        env=env,
    )
    assert res.returncode == 0 and res.stdout.splitlines()[1].startswith("P-1,")


@pytest.mark.server
def test_wrong_password_is_one_clear_line(arcadedb_server: Any, tmp_path: Path) -> None:
    wrong = "wrong-" + secrets.token_hex(8)
    env = {**arcadedb_server.env(), "NEO4J_PASSWORD": wrong}
    res = run_cli("neo4j", "check", cwd=tmp_path, env=env)
    line = _one_line_error(res, secret=wrong)
    assert "wrong password" in line and "root" in line
    res = run_cli(
        "query",
        "run",
        "who_knows_step",
        "-e",
        "neo4j",
        "-p",
        "step=S",
        "--lang",
        "ja",
        cwd=tmp_path,
        env=env,
    )
    assert "パスワード" in _one_line_error(res, secret=wrong)


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_stopped_server_is_one_clear_line(tmp_path: Path) -> None:
    env = {
        "NEO4J_URI": f"bolt://127.0.0.1:{_dead_port()}",
        "NEO4J_PASSWORD": "pw-" + secrets.token_hex(6),
        "GRAPHMAP_NEO4J_MAX_RETRIES": "2",
        "GRAPHMAP_NEO4J_RETRY_DELAY": "0.05",
    }
    from importers import write_source

    write_source(_small(), tmp_path / "src")
    res = run_cli("neo4j", "push", str(tmp_path / "src"), cwd=tmp_path, env=env)
    line = _one_line_error(res, secret=env["NEO4J_PASSWORD"])
    assert "cannot connect to graph server" in line and "not running" in line


@pytest.mark.server
def test_unknown_database_is_one_clear_line(arcadedb_server: Any, tmp_path: Path) -> None:
    res = run_cli("neo4j", "check", cwd=tmp_path, env=arcadedb_server.env("nosuchdb"))
    res2 = run_cli(
        "query",
        "run",
        "who_knows_step",
        "-e",
        "neo4j",
        "-p",
        "step=S",
        cwd=tmp_path,
        env=arcadedb_server.env("nosuchdb"),
    )
    line = _one_line_error(res2, secret=arcadedb_server.password)
    assert "nosuchdb" in line
    assert res.returncode in (0, 3)


@pytest.mark.server
def test_dropped_connection_is_one_clear_line(neo4j_db: Any, tmp_path: Path) -> None:
    from importers import write_source

    server, db = neo4j_db
    write_source(_small(), tmp_path / "src")
    proxy = DroppingProxy(server.bolt_port, limit=12_000)
    try:
        env = {
            **server.env(db),
            "NEO4J_URI": f"bolt://127.0.0.1:{proxy.port}",
            "GRAPHMAP_NEO4J_MAX_RETRIES": "2",
            "GRAPHMAP_NEO4J_RETRY_DELAY": "0.05",
        }
        res = run_cli("neo4j", "push", str(tmp_path / "src"), "--batch-size", "1", cwd=tmp_path, env=env)
    finally:
        proxy.close()
    assert proxy.sent > 12_000, "the push never got far enough to be cut"
    line = _one_line_error(res, secret=server.password)
    assert "was lost" in line


class _TypesConn:
    """Answers the fresh-type look-up like a server holding ``held``
    relationships (by type) and knowing the types ``known``."""

    def __init__(self, known: set[str] | None, held: set[str]) -> None:
        self.known, self.held, self.statements = known, held, []

    def read(self, statement: str, params: Any = None) -> tuple[list[str], list[dict[str, Any]]]:
        self.statements.append(statement)
        if "db.relationshipTypes" in statement:
            if self.known is None:  # a server without the procedure
                raise GraphmapServerError("neo4j.query_failed", reason="no such procedure")
            return ["relationshipType"], [{"relationshipType": t} for t in sorted(self.known)]
        rel_type = statement.split("[r:")[1].split("]")[0]
        assert "LIMIT 1" in statement and "count(" not in statement
        return ["x"], [{"x": 1}] if rel_type in self.held else []


def test_fresh_types_ask_once_then_only_about_known_types() -> None:
    from graphmap.neo4j import _fresh_types

    types = {"KNOWS", "CAN_ACCESS", "OWNS"}
    empty = _TypesConn(set(), set())
    assert _fresh_types(empty, types) == (types, 1)  # type: ignore[arg-type]
    # KNOWS outlived its relationships (a wipe): looked at, and fresh
    wiped = _TypesConn({"KNOWS", "OWNS", "MEMBER_OF"}, {"OWNS"})
    assert _fresh_types(wiped, types) == ({"KNOWS", "CAN_ACCESS"}, 3)  # type: ignore[arg-type]
    old = _TypesConn(None, {"OWNS"})
    assert _fresh_types(old, types) == ({"KNOWS", "CAN_ACCESS"}, 4)  # type: ignore[arg-type]


def test_create_without_properties_does_not_look_them_up() -> None:
    from graphmap.neo4j import relationship_create_statement

    bare = relationship_create_statement("MEMBER_OF", "Person", "Unit", ())
    assert "$props" not in bare and bare.endswith("CREATE (a)-[:MEMBER_OF]->(b)")
    with_props = relationship_create_statement("KNOWS", "Person", "ProcessStep", ["depth"])
    assert "$props[row[2]] AS p" in with_props and "{depth: p.depth}" in with_props


@pytest.mark.server
def test_push_rates_measures_both_modes(arcadedb_server: Any) -> None:
    """The benchmark function the scale benchmark calls works on any graph."""
    from benchmarks.push_bench import push_rates, synthetic

    g = synthetic(people=40, steps=8, per_person=3)
    rates = push_rates(g, arcadedb_server, batch_size=50, single_rows=20, warmup=0)
    assert (rates.batched, rates.single) == (120, 20)
    assert rates.batched_per_second > 0 and rates.single_per_second > 0 and rates.speedup > 0
    assert "rels/s" in rates.summary()


def test_one_per_row_runs_carry_only_the_nodes_they_need() -> None:
    """The benchmark's one-per-row pushes write their nodes one per
    statement too: they get the ends of their relationships, not every
    node (at L that was 912k single statements, over an hour)."""
    from benchmarks.push_bench import _first_edges, _nodes_only, synthetic

    g = synthetic(people=40, steps=8, per_person=3)
    h = _first_edges(g, 5)
    assert h.number_of_edges() == 5
    ends = {n for u, v in h.edges() for n in (u, v)}
    assert set(h.nodes) == ends and len(ends) < g.number_of_nodes()
    assert all(h.nodes[n] == g.nodes[n] for n in h.nodes)
    nodes = _nodes_only(g)
    assert nodes.number_of_nodes() == g.number_of_nodes() and nodes.number_of_edges() == 0


def test_benchmark_server_heap_grows_with_the_push(monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks.push_bench import LARGE_PUSH, server_heap
    from tests.server import DEFAULT_HEAP

    monkeypatch.delenv("GRAPHMAP_TEST_SERVER_HEAP", raising=False)
    assert server_heap(LARGE_PUSH) == DEFAULT_HEAP
    assert server_heap(LARGE_PUSH + 1) == "4g"
    monkeypatch.setenv("GRAPHMAP_TEST_SERVER_HEAP", "2g")
    assert server_heap(10) == server_heap(10 * LARGE_PUSH) == "2g"


def test_the_driver_packs_parameters_in_rust() -> None:
    """``neo4j-rust-ext`` (a dependency) is installed and matches the
    driver: without it the driver silently packs in pure Python and a
    batched push is much slower (``docs/neo4j.md``)."""
    from neo4j._codec.packstream import v1

    assert v1._rust_pack is not None
