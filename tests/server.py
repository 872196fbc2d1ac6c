"""The Bolt test server: ArcadeDB from the ``arcadedb-embedded`` wheel.

The wheel bundles the server jars, the Bolt plugin and a JRE, so nothing
but ``pip install`` is needed.  :class:`ArcadeDBProcess` starts
``com.arcadedb.server.ArcadeDBServer`` with the bundled ``java`` on two free
loopback ports (Bolt and HTTP), both bound to 127.0.0.1:

* ``arcadedb.bolt.host=127.0.0.1`` binds the Bolt plugin (its default is
  0.0.0.0, i.e. every interface);
* ``arcadedb.server.httpIncomingHost=127.0.0.1`` binds the HTTP server (and
  the MCP endpoint the server mounts on it).

The root password is random per run and reaches the server through a file
(``arcadedb.server.rootPasswordPath``, mode 0600 in a private temporary
folder), so it is never on the command line: only the file's path is.

It waits for ``ArcadeDB Server started`` in the log (with a time limit) and
stops with SIGTERM, then SIGKILL if the server has not gone within the
grace period (it can take over 15 s).  The pytest fixtures FAIL, never skip,
when the server cannot start: CI must run the server tests.

The JVM's maximum heap is 1 GiB unless ``ArcadeDBProcess(heap=...)`` or
``GRAPHMAP_TEST_SERVER_HEAP`` says otherwise (e.g. ``4g``).

Run ``python tests/server.py`` to start one by hand; it prints the
``NEO4J_*`` variables to use and stops on Ctrl-C.
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

__all__ = [
    "ArcadeDBProcess",
    "ServerInfo",
    "ServerStartError",
    "arcadedb_server",
    "neo4j_db",
    "package_dir",
    "pushed",
]

#: The line the server logs once every listener is up.
READY_LINE = "ArcadeDB Server started"
START_TIMEOUT = float(os.environ.get("GRAPHMAP_TEST_SERVER_START_TIMEOUT", "120"))
STOP_GRACE = 30.0
DEFAULT_DATABASE = "gm"
#: The JVM's maximum heap unless told otherwise: enough for the tests'
#: graphs; ``GRAPHMAP_TEST_SERVER_HEAP`` overrides it.
DEFAULT_HEAP = os.environ.get("GRAPHMAP_TEST_SERVER_HEAP", "1g")
_HEAP_RE = re.compile(r"[1-9][0-9]*[mMgG]")


class ServerStartError(RuntimeError):
    """The test server did not come up."""


def package_dir() -> Path:
    """The installed ``arcadedb_embedded`` folder, found without importing
    it (importing would start a JVM inside this process)."""
    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or spec.origin is None:
        raise ServerStartError("arcadedb-embedded is not installed: pip install '.[test]' (it is in the test extra)")
    return Path(spec.origin).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class ServerInfo:
    """Where the running test server listens and how to log in."""

    bolt_port: int
    http_port: int
    user: str
    password: str = field(repr=False)
    database: str = DEFAULT_DATABASE
    log: Path = Path()

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def env(self, database: str | None = None) -> dict[str, str]:
        """``NEO4J_*`` variables pointing graphmap at this server."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USER": self.user,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": database or self.database,
        }

    def settings(self, database: str | None = None):  # type: ignore[no-untyped-def]
        from graphmap.neo4j import Neo4jSettings

        return Neo4jSettings(uri=self.uri, user=self.user, password=self.password, database=database or self.database)

    # ---- HTTP admin API (databases are created and dropped through it)

    def _server_command(self, command: str) -> None:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.http_port}/api/v1/server",
            data=json.dumps({"command": command}).encode(),
            headers={"Authorization": f"Basic {token}", "Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=60) as resp:
            resp.read()

    def create_database(self, name: str) -> None:
        self._server_command(f"create database {name}")

    def drop_database(self, name: str) -> None:
        self._server_command(f"drop database {name}")


class ArcadeDBProcess:
    """One ArcadeDB server process with the Bolt plugin, on loopback."""

    def __init__(self, workdir: Path | None = None, *, heap: str = DEFAULT_HEAP) -> None:
        """``heap``: the JVM's maximum heap (``-Xmx``), e.g. ``"1g"`` or
        ``"512m"`` (only digits and a unit: it goes on the command line)."""
        if not _HEAP_RE.fullmatch(heap):
            raise ValueError(f"not a JVM heap size like 1g or 512m: {heap!r}")
        self.heap = heap
        self._own_dir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="graphmap-arcadedb-"))
        os.chmod(self.workdir, 0o700)
        self.proc: subprocess.Popen[bytes] | None = None
        self.info: ServerInfo | None = None
        self._password: str | None = None

    def command(self, bolt_port: int, http_port: int, password_file: Path) -> list[str]:
        pkg = package_dir()
        java = pkg / "jre" / "bin" / ("java.exe" if os.name == "nt" else "java")
        if not java.is_file():
            raise ServerStartError(f"no bundled JRE at {java}")
        root = self.workdir / "root"
        return [
            str(java),
            "-Xms128m",
            f"-Xmx{self.heap}",
            "-cp",
            str(pkg / "jars" / "*"),
            f"-Darcadedb.server.rootPath={root}",
            f"-Darcadedb.server.rootPasswordPath={password_file}",
            f"-Darcadedb.server.defaultDatabases={DEFAULT_DATABASE}[root]",
            "-Darcadedb.server.mode=development",
            "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            f"-Darcadedb.bolt.port={bolt_port}",
            "-Darcadedb.bolt.host=127.0.0.1",
            f"-Darcadedb.server.httpIncomingPort={http_port}",
            "-Darcadedb.server.httpIncomingHost=127.0.0.1",
            "-Darcadedb.support.autoRegister=false",
            "com.arcadedb.server.ArcadeDBServer",
        ]

    def start(self, timeout: float = START_TIMEOUT, attempts: int = 3, *, keep_data: bool = False) -> ServerInfo:
        """Start the server.  ``keep_data``: reopen the databases of the
        previous run in this folder (same root password) instead of
        starting empty, e.g. after :meth:`kill`."""
        last = ""
        for _ in range(attempts):
            try:
                return self._start_once(timeout, keep_data=keep_data)
            except ServerStartError as exc:
                last = str(exc)
                self.stop()
                # a port taken between picking and binding: try new ports
                if "Address already in use" not in last and "BindException" not in last:
                    break
        raise ServerStartError(last)

    def _start_once(self, timeout: float, *, keep_data: bool = False) -> ServerInfo:
        bolt_port, http_port = _free_port(), _free_port()
        while http_port == bolt_port:
            http_port = _free_port()
        if not (keep_data and self._password):
            self._password = secrets.token_urlsafe(24)
            shutil.rmtree(self.workdir / "root", ignore_errors=True)
        password = self._password
        password_file = self.workdir / "root-password"
        fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(password)
        log = self.workdir / "server.log"
        log.unlink(missing_ok=True)
        with open(log, "wb") as out:
            self.proc = subprocess.Popen(
                self.command(bolt_port, http_port, password_file),
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.workdir,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = log.read_text("utf-8", errors="replace")
            if READY_LINE in text:
                self.info = ServerInfo(
                    bolt_port=bolt_port,
                    http_port=http_port,
                    user="root",
                    password=password,
                    log=log,
                )
                return self.info
            if self.proc.poll() is not None:
                raise ServerStartError(f"ArcadeDB exited with code {self.proc.returncode}:\n{_tail(text)}")
            time.sleep(0.2)
        raise ServerStartError(
            f"ArcadeDB did not start within {timeout:.0f} s:\n" + _tail(log.read_text("utf-8", errors="replace"))
        )

    def stop(self, grace: float = STOP_GRACE) -> None:
        """SIGTERM, then SIGKILL after ``grace`` seconds."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                proc.wait(timeout=30)
        self.info = None

    def kill(self) -> None:
        """SIGKILL at once, as a crash or a pulled plug would stop it."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            proc.wait(timeout=30)
        self.info = None

    def cleanup(self) -> None:
        self.stop()
        if self._own_dir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> ServerInfo:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.cleanup()


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def arcadedb_server() -> Iterator[ServerInfo]:
    """A running ArcadeDB Bolt server for the whole session.  Fails (never
    skips) when it cannot start."""
    server = ArcadeDBProcess()
    try:
        info = server.start()
    except ServerStartError as exc:
        server.cleanup()
        pytest.fail(f"the ArcadeDB test server did not start: {exc}", pytrace=False)
    try:
        yield info
    finally:
        server.cleanup()


@pytest.fixture()
def neo4j_db(arcadedb_server: ServerInfo) -> Iterator[tuple[ServerInfo, str]]:
    """A fresh, empty database on the test server for one test."""
    name = f"t{uuid.uuid4().hex[:12]}"
    try:
        arcadedb_server.create_database(name)
    except (urllib.error.URLError, OSError) as exc:
        pytest.fail(f"cannot create a test database: {exc}", pytrace=False)
    try:
        yield arcadedb_server, name
    finally:
        with contextlib.suppress(urllib.error.URLError, OSError):
            arcadedb_server.drop_database(name)


if __name__ == "__main__":  # pragma: no cover - manual use
    # SIGTERM (e.g. from kill) stops the server too, not only Ctrl-C
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with ArcadeDBProcess() as info:
        for k, v in info.env().items():
            print(f"export {k}={v!s}")
        print(f"# log: {info.log}; Ctrl-C stops the server", file=sys.stderr)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


@pytest.fixture(scope="session")
def pushed(arcadedb_server: ServerInfo) -> Iterator[Any]:
    """``pushed(name, build)``: the graph of ``build()`` pushed once per
    session into its own database; returns (graph, settings)."""
    from graphmap.graph import build_graph
    from graphmap.neo4j import push

    cache: dict[str, tuple[Any, Any]] = {}
    created: list[str] = []

    def get(name: str, build: Any) -> tuple[Any, Any]:
        if name not in cache:
            db = "p" + uuid.uuid4().hex[:12]
            arcadedb_server.create_database(db)
            created.append(db)
            g = build_graph(build())
            settings = arcadedb_server.settings(db)
            push(g, settings)
            cache[name] = (g, settings)
        return cache[name]

    yield get
    for db in created:
        with contextlib.suppress(urllib.error.URLError, OSError):
            arcadedb_server.drop_database(db)


# ------------------------------------------------------------- faulty links


class LoopbackProxy:
    """A TCP proxy on a free loopback port to ``target_port``, for
    breaking the link between graphmap and the server on purpose.
    :meth:`chunk` sees every chunk before it is forwarded; returning False
    ends that connection (both sockets are closed)."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.lock = threading.Lock()
        self.socks: list[socket.socket] = []
        self.closed = threading.Event()
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = int(self.listener.getsockname()[1])
        threading.Thread(target=self._accept, daemon=True).start()

    def chunk(self, data: bytes, from_server: bool) -> bool:
        return True

    def _accept(self) -> None:
        while not self.closed.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self.lock:
                self.socks += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, True), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, from_server: bool) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data or not self.chunk(data, from_server):
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.close()

    def close(self) -> None:
        """Stop listening and cut every connection."""
        self.closed.set()
        with contextlib.suppress(OSError):
            self.listener.close()
        with self.lock:
            for sock in self.socks:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()


class DroppingProxy(LoopbackProxy):
    """Once ``limit`` bytes went from client to server, cuts every
    connection and stops listening: the server seems to vanish mid-push."""

    def __init__(self, target_port: int, limit: int) -> None:
        self.limit = limit
        self.sent = 0
        super().__init__(target_port)

    def chunk(self, data: bytes, from_server: bool) -> bool:
        if from_server:
            return True
        with self.lock:
            self.sent += len(data)
            over = self.sent > self.limit
        if over:
            self.close()
        return not over


class DelayingProxy(LoopbackProxy):
    """Holds every chunk the server sends for ``delay`` seconds; with
    ``stall_after`` it stops forwarding the server's bytes for good once
    that many went through (a server that hangs mid-answer)."""

    def __init__(self, target_port: int, delay: float, stall_after: int | None = None) -> None:
        self.delay = delay
        self.stall_after = stall_after
        self.received = 0
        self.stalled = threading.Event()
        super().__init__(target_port)

    def chunk(self, data: bytes, from_server: bool) -> bool:
        if not from_server:
            return True
        time.sleep(self.delay)
        with self.lock:
            self.received += len(data)
            stall = self.stall_after is not None and self.received > self.stall_after
        if stall:
            self.stalled.set()
            self.closed.wait()  # hold the answer until the test ends
        return not stall
