"""Server faults: a graph server that is killed mid-push, answers slowly,
stalls or drops the connection ends a run with one clear line and a
non-zero exit (or a success after retries), and running the push again
completes the graph with no duplicates.  Also: a config file others can
read is refused on the command line in both languages, and a retried
``CREATE`` batch runs its ``MERGE`` form.

Tests marked ``server`` use the ArcadeDB Bolt test server (see
``tests/server.py``); the crash test starts a server of its own and
SIGKILLs it.  They fail, never skip, when a server cannot start."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graphmap.graph import build_graph
from graphmap.neo4j import (
    GraphmapServerError,
    Neo4jSettings,
    StatementTimeout,
    _Connection,
    push,
    relationship_create_statement,
    relationship_statement,
    run_cypher,
    with_deadline,
)
from tests.conftest import GRAPHMAP
from tests.server import (
    DEFAULT_HEAP,
    ArcadeDBProcess,
    DelayingProxy,
    DroppingProxy,
    ServerInfo,
    ServerStartError,
)
from tests.test_neo4j import (
    _company,
    _expected_counts,
    _one_line_error,
    _server_counts,
    _small,
    run_cli,
)

DUPLICATES = "MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(r) AS n WHERE n > 1 RETURN count(*) AS c"


def _assert_complete(settings: Any, g: Any) -> None:
    """The server holds exactly ``g``: counts per label and type, totals,
    and no relationship twice."""
    nodes, rels = _expected_counts(g)
    assert _server_counts(settings) == (nodes, rels, g.number_of_nodes(), g.number_of_edges())
    _, rows = run_cypher(settings, DUPLICATES)
    assert rows[0]["c"] == 0


def _write_source(tmp_path: Path, build: Any) -> Path:
    from importers import write_source

    src = tmp_path / "src"
    if not src.exists():
        write_source(build(), src)
    return src


# ------------------------------------------------------------ no server needed


def test_deadline_returns_raises_and_times_out() -> None:
    assert with_deadline(lambda: 7, 5) == 7
    assert with_deadline(lambda: 8, 0) == 8
    with pytest.raises(KeyError):
        with_deadline(lambda: {}["x"], 5)
    release = threading.Event()
    started = time.monotonic()
    with pytest.raises(StatementTimeout) as e:
        with_deadline(lambda: release.wait(30), 0.3)
    release.set()
    assert time.monotonic() - started < 5
    assert e.value.seconds == 0.3


def test_server_heap_is_an_option(tmp_path: Path) -> None:
    server = ArcadeDBProcess(tmp_path, heap="3g")
    cmd = server.command(7687, 2480, tmp_path / "pw")
    assert "-Xmx3g" in cmd and not any(c.startswith("-Xmx") and c != "-Xmx3g" for c in cmd)
    assert f"-Xmx{DEFAULT_HEAP}" in ArcadeDBProcess(tmp_path).command(7687, 2480, tmp_path / "pw")
    for bad in ("3", "3gb", "-3g", "3g -XX:+Foo", ""):
        with pytest.raises(ValueError):
            ArcadeDBProcess(tmp_path, heap=bad)


class _FakeTx:
    def __init__(self, log: list[str], fail: list[Exception]) -> None:
        self.log, self.fail, self._closed = log, fail, False

    def run(self, text: str, params: dict[str, Any]) -> list[Any]:
        self.log.append(text)
        if self.fail:
            raise self.fail.pop(0)
        return []

    def commit(self) -> None:
        self._closed = True

    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        self._closed = True


class _FakeSession:
    def __init__(self, tx: _FakeTx) -> None:
        self.tx = tx

    def __enter__(self) -> _FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def begin_transaction(self) -> _FakeTx:
        self.tx._closed = False
        return self.tx


def test_a_retried_create_batch_runs_its_merge_form() -> None:
    """The first attempt of a CREATE batch may have committed before the
    connection failed: its retry must not create the relationships twice."""
    from neo4j.exceptions import ServiceUnavailable

    log: list[str] = []
    tx = _FakeTx(log, [ServiceUnavailable("connection reset")])
    settings = Neo4jSettings(password="pw", retry_delay=0.01, timeout=5)
    conn = _Connection(settings)
    conn.driver = type("D", (), {"session": lambda self, **kw: _FakeSession(tx)})()
    create = relationship_create_statement("KNOWS", "Person", "ProcessStep", ["depth"])
    merge = relationship_statement("KNOWS", "Person", "ProcessStep")
    conn.write(create, {"rows": [], "props": []}, retry_statement=merge)
    assert log == [create, merge]
    assert "CREATE (a)-[:KNOWS {depth: p.depth}]->(b)" in create and "MERGE" in merge


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits; Windows ACLs are not checked")
@pytest.mark.parametrize("lang,expected", [("en", "chmod 600"), ("ja", "chmod 600")])
def test_cli_refuses_a_config_file_others_can_read(tmp_path: Path, lang: str, expected: str) -> None:
    cfg = tmp_path / "neo4j.toml"
    cfg.write_text('password = "shared-pw-4242"\n', "utf-8")
    os.chmod(cfg, 0o644)
    res = run_cli("neo4j", "check", "--config", str(cfg), "--lang", lang, cwd=tmp_path)
    line = _one_line_error(res, secret="shared-pw-4242")
    assert expected in line and str(cfg) in line
    if lang == "ja":
        assert any("\u3040" <= ch <= "\u30ff" for ch in line)


# ------------------------------------------------------------- slow or stalled


@pytest.mark.server
def test_a_slow_server_still_gets_the_whole_graph(neo4j_db: Any, tmp_path: Path) -> None:
    server, db = neo4j_db
    src = _write_source(tmp_path, _small)
    proxy = DelayingProxy(server.bolt_port, delay=0.005)
    try:
        env = {**server.env(db), "NEO4J_URI": f"bolt://127.0.0.1:{proxy.port}"}
        res = run_cli("neo4j", "push", str(src), "--timeout", "20", cwd=tmp_path, env=env)
    finally:
        proxy.close()
    assert res.returncode == 0, res.stderr
    assert proxy.received > 0
    _assert_complete(server.settings(db), build_graph(_small()))


@pytest.mark.server
def test_a_stalled_server_times_out_and_a_rerun_completes(neo4j_db: Any, tmp_path: Path) -> None:
    server, db = neo4j_db
    src = _write_source(tmp_path, _small)
    proxy = DelayingProxy(server.bolt_port, delay=0, stall_after=6_000)
    try:
        env = {
            **server.env(db),
            "NEO4J_URI": f"bolt://127.0.0.1:{proxy.port}",
            "GRAPHMAP_NEO4J_MAX_RETRIES": "1",
            "GRAPHMAP_NEO4J_RETRY_DELAY": "0.05",
        }
        started = time.monotonic()
        res = run_cli("neo4j", "push", str(src), "--batch-size", "5", "--timeout", "1.5", cwd=tmp_path, env=env)
        took = time.monotonic() - started
        assert proxy.stalled.is_set(), "the push finished before the proxy stalled"
    finally:
        proxy.close()
    line = _one_line_error(res, secret=server.password)
    assert "did not answer within 1.5 s" in line
    assert took < 60
    g = build_graph(_small())
    push(g, server.settings(db))
    _assert_complete(server.settings(db), g)


@pytest.mark.server
def test_a_dropped_push_completes_when_run_again(neo4j_db: Any, tmp_path: Path) -> None:
    server, db = neo4j_db
    src = _write_source(tmp_path, _small)
    proxy = DroppingProxy(server.bolt_port, limit=12_000)
    try:
        env = {
            **server.env(db),
            "NEO4J_URI": f"bolt://127.0.0.1:{proxy.port}",
            "GRAPHMAP_NEO4J_MAX_RETRIES": "1",
            "GRAPHMAP_NEO4J_RETRY_DELAY": "0.05",
        }
        res = run_cli("neo4j", "push", str(src), "--batch-size", "3", cwd=tmp_path, env=env)
    finally:
        proxy.close()
    assert "was lost" in _one_line_error(res, secret=server.password)
    g = build_graph(_small())
    _, _, n, r = _server_counts(server.settings(db))
    assert 0 < n + r < g.number_of_nodes() + g.number_of_edges(), "the cut was not mid-push"
    again = push(g, server.settings(db))
    assert again.created_types  # types the cut never reached are created, the others merged
    _assert_complete(server.settings(db), g)


# ------------------------------------------------------------------ crash


@pytest.fixture()
def crash_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArcadeDBProcess]:
    """A server of this test's own, to be SIGKILLed; cleaned up without the
    usual grace period (its data is thrown away)."""
    server = ArcadeDBProcess(tmp_path_factory.mktemp("crash"))
    try:
        server.start()
    except ServerStartError as exc:
        server.stop(grace=0)
        pytest.fail(f"the ArcadeDB test server did not start: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.kill()


@pytest.mark.server
def test_a_server_killed_mid_push_then_restarted_gets_the_whole_graph(
    crash_server: ArcadeDBProcess, tmp_path: Path
) -> None:
    """SIGKILL the server while a push is writing: one clear line, exit 3;
    restart it on the same data and push again: the graph is complete and
    nothing is duplicated."""
    assert crash_server.info is not None
    info: ServerInfo = crash_server.info
    src = _write_source(tmp_path, _company)
    g = build_graph(_company())
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")},
        **info.env(),
        "GRAPHMAP_LANG": "en",
        "GRAPHMAP_NEO4J_MAX_RETRIES": "1",
        "GRAPHMAP_NEO4J_RETRY_DELAY": "0.05",
        "XDG_CONFIG_HOME": str(tmp_path / "no-config"),
    }
    proc = subprocess.Popen(
        [*GRAPHMAP, "neo4j", "push", str(src), "--batch-size", "2"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    settings = info.settings()
    deadline = time.monotonic() + 120
    written = 0
    while time.monotonic() < deadline and proc.poll() is None:
        _, rows = run_cypher(settings, "MATCH ()-[r]->() RETURN count(r) AS c")
        written = int(rows[0]["c"])
        if written >= 20:
            break
        time.sleep(0.1)
    assert proc.poll() is None, "the push ended before the server could be killed"
    crash_server.kill()
    out, err = proc.communicate(timeout=120)
    res = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    line = _one_line_error(res, secret=info.password)
    assert "graph server" in line and info.uri in line

    restarted = crash_server.start(keep_data=True)
    settings = restarted.settings()
    r = _server_counts(settings)[3]
    assert r >= written and r < g.number_of_edges()  # what was committed survived the crash
    push(g, settings)
    _assert_complete(settings, g)


def test_server_error_lines_name_no_password() -> None:
    """Every server error message of the catalogue, in both languages,
    has no placeholder for a password."""
    from graphmap.i18n import MESSAGES

    keys = [k for k in MESSAGES if k.startswith("neo4j.")]
    assert "neo4j.timeout" in keys
    for key in keys:
        for text in MESSAGES[key]:
            assert "{password" not in text
    err = GraphmapServerError("neo4j.timeout", uri="bolt://x", seconds="2")
    assert "2 s" in str(err) and "\n" not in err.message("ja")
