"""Durability: every file graphmap writes goes to a temporary file and is
renamed over its target, so a process killed mid-write leaves the previous
file intact; outputs and the folders made for them are owner-only.

Each writer is exercised through the real command in a child process that
pauses at a chosen point of the write and is then killed with SIGKILL:

* ``half``: the temporary file holds half of the new bytes;
* ``full``: the temporary file is complete, the rename has not happened;

``full:1`` lets the command's first write through and pauses in the second.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from graphmap.fileio import atomic_write_text
from tests.conftest import GRAPHMAP

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and file modes are POSIX")

#: A graphmap run that pauses inside a write and says where.
CHILD = r"""
import os, pathlib, sys, time
import graphmap.fileio as fio

mode, _, skip = sys.argv[1].partition(":")
skip = int(skip or 0)  # writes to let through before pausing

def pause(path):
    global skip
    if skip > 0:
        skip -= 1
        return
    sys.stderr.write(f"@@PAUSED@@ {path}\n")
    sys.stderr.flush()
    time.sleep(600)

if mode == "half":
    real_write = pathlib.Path.write_bytes
    def write_bytes(self, data):
        if self.name.endswith(".tmp"):
            with open(self, "wb") as fh:
                fh.write(data[: len(data) // 2])
                fh.flush()
                os.fsync(fh.fileno())
            pause(self)
        return real_write(self, data)
    pathlib.Path.write_bytes = write_bytes
else:
    real_fsync = fio._fsync
    def fsync(path):
        real_fsync(path)
        pause(path)
    fio._fsync = fsync

from graphmap.cli import main
sys.argv = ["graphmap", *sys.argv[2:]]
main()
"""

ENV = {**os.environ, "GRAPHMAP_LANG": "en", "COLUMNS": "200", "NO_COLOR": "1"}
TMP_NAME = re.compile(r"^\.(?P<target>.+)\.(?P<pid>[0-9]+)\.[a-z0-9_]{8}\.tmp$")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    res = subprocess.run([*GRAPHMAP, *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    return res


def kill_mid_write(mode: str, *args: str, cwd: Path) -> Path:
    """Run graphmap ``args`` until it pauses inside a write, SIGKILL it and
    return the temporary file it was writing."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, mode, *args],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    found: list[str] = []

    def watch() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith("@@PAUSED@@ "):
                found.append(line.split(" ", 1)[1].strip())
                return

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    t.join(timeout=240)
    try:
        assert found, "the child never reached the write"
        tmp = Path(found[0])
        assert tmp.exists()
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return tmp if tmp.is_absolute() else cwd / tmp


def assert_private(path: Path) -> None:
    mode = stat.S_IMODE(path.stat().st_mode)
    expected = 0o700 if path.is_dir() else 0o600
    assert mode & 0o077 == 0 and mode & 0o700 == expected & 0o700, (path, oct(mode))


def assert_previous_intact(target: Path, previous: bytes, tmp: Path) -> None:
    assert target.read_bytes() == previous, "the killed write touched the target"
    m = TMP_NAME.match(tmp.name)
    assert m and m["target"] == target.name, tmp.name  # hidden, named after the target, never the target
    assert tmp.parent == target.parent
    assert_private(tmp)  # even the leftover is owner-only


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from importers import write_source
    from tests.test_importers import small_dataset

    out = tmp_path_factory.mktemp("src") / "data"
    write_source(small_dataset(), out)
    return out


@pytest.fixture(scope="module")
def workspace(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with the small dataset and one snapshot."""
    home = tmp_path_factory.mktemp("home")
    run("import", str(source), "-w", str(home / "ws"), cwd=home)
    run("snapshot", "-q", "2026Q4", "-w", str(home / "ws"), "--as-of", "2026-11-21", cwd=home)
    return home / "ws"


# one row per writer: (name, command line with {out}, target inside {out}, modes)
WRITERS: list[tuple[str, list[str], str, tuple[str, ...]]] = [
    ("import", ["import", "{src}", "-w", "{out}"], "dataset.json", ("half", "full")),
    ("export rdf", ["export", "rdf", "{src}", "-o", "{out}/g.ttl"], "g.ttl", ("half", "full")),
    ("export neo4j-csv", ["export", "neo4j-csv", "{src}", "-o", "{out}", "--force"], "nodes_Contract.csv", ("half",)),
    ("map", ["map", "{src}", "-o", "{out}/m.html", "--as-of", "2026-11-21"], "m.html", ("half", "full")),
    (
        "analyze -o",
        ["analyze", "{src}", "-f", "json", "-o", "{out}/f.json", "--as-of", "2026-11-21"],
        "f.json",
        ("half",),
    ),
    ("analyze --map", ["analyze", "{src}", "--map", "{out}/m.html", "--as-of", "2026-11-21"], "m.html", ("full",)),
    (
        "checklist -o",
        ["checklist", "{src}", "-f", "csv", "-o", "{out}/c.csv", "--as-of", "2026-11-21"],
        "c.csv",
        ("half",),
    ),
    ("template", ["template", "-o", "{out}/t.xlsx", "--force"], "t.xlsx", ("full",)),
    (  # redact writes the re-identification key first, then the workbook
        "redact",
        ["redact", "{src}", "-o", "{out}/r.xlsx", "--force", "--key-file", "{out}/key.json"],
        "r.xlsx",
        ("full:1",),
    ),
    (
        "redaction key",
        ["redact", "{src}", "-o", "{out}/r", "--force", "--key-file", "{out}/key.json"],
        "key.json",
        ("half", "full"),
    ),
    ("deck", ["deck", "-q", "2026Q4", "-w", "{ws}", "-o", "{out}/d.pptx"], "d.pptx", ("full",)),
    ("report", ["report", "-q", "2026Q4", "-w", "{ws}", "-o", "{out}/r.html"], "r.html", ("half", "full")),
]
CASES = [(name, args, target, mode) for name, args, target, modes in WRITERS for mode in modes]


@pytest.mark.parametrize(("name", "args", "target", "mode"), CASES, ids=[f"{c[0]}-{c[3]}" for c in CASES])
def test_killed_write_leaves_the_previous_file(
    name: str, args: list[str], target: str, mode: str, source: Path, workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    argv = [a.format(src=source, out=out, ws=workspace) for a in args]
    # a first, complete run gives the file a kill must not damage
    run(*argv, cwd=tmp_path)
    path = out / target
    previous = path.read_bytes()
    assert previous
    assert_private(path)
    tmp = kill_mid_write(mode, *argv, cwd=tmp_path)
    assert_previous_intact(path, previous, tmp)
    # the next complete run replaces it and clears what the killed run left
    run(*argv, cwd=tmp_path)
    assert path.exists() and not tmp.exists()
    assert not [p.name for p in out.rglob("*.tmp")]


def test_snapshot_killed_mid_write_keeps_the_stored_quarter(source: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run("import", str(source), "-w", str(ws), cwd=tmp_path)
    run("snapshot", "-q", "2026Q4", "-w", str(ws), "--as-of", "2026-11-21", cwd=tmp_path)
    (stored,) = [p for p in ws.rglob("*") if p.is_file() and "2026Q4" in p.name]
    previous = stored.read_bytes()
    tmp = kill_mid_write(
        "full", "snapshot", "-q", "2026Q4", "-w", str(ws), "--as-of", "2026-11-21", "--replace", cwd=tmp_path
    )
    assert_previous_intact(stored, previous, tmp)
    run("snapshot", "-q", "2026Q4", "-w", str(ws), "--as-of", "2026-11-21", "--replace", cwd=tmp_path)
    assert not tmp.exists()


def test_outputs_and_new_folders_are_owner_only(source: Path, workspace: Path, tmp_path: Path) -> None:
    """Every file a command writes is 0600 and every folder it creates for
    its output 0700, however deep, whatever the umask lets others read."""
    old = os.umask(0o022)
    try:
        out = tmp_path / "a" / "b"
        ws = tmp_path / "new" / "ws"
        run("import", str(source), "-w", str(ws), cwd=tmp_path)
        for args in (
            ["map", str(source), "-o", str(out / "maps" / "m.html"), "--as-of", "2026-11-21"],
            ["export", "rdf", str(source), "-o", str(out / "rdf" / "g.ttl")],
            ["export", "neo4j-csv", str(source), "-o", str(out / "neo4j")],
            ["analyze", str(source), "-f", "csv", "-o", str(out / "f" / "f.csv"), "--as-of", "2026-11-21"],
            ["template", "-o", str(out / "t" / "t.xlsx")],
            ["redact", str(source), "-o", str(out / "red"), "--key-file", str(out / "key" / "key.json")],
            ["snapshot", "-q", "2026Q4", "-w", str(ws), "--as-of", "2026-11-21"],
            ["report", "-q", "2026Q4", "-w", str(ws), "-o", str(out / "rep" / "r.html")],
            ["deck", "-q", "2026Q4", "-w", str(ws), "-o", str(out / "deck" / "d.pptx")],
        ):
            run(*args, cwd=tmp_path)
    finally:
        os.umask(old)
    written = [p for root in (tmp_path / "a", tmp_path / "new") for p in root.rglob("*")]
    assert len([p for p in written if p.is_file()]) >= 12
    for p in [tmp_path / "a", tmp_path / "new", *written]:
        assert_private(p)


def test_atomic_write_survives_a_failure_inside_the_write(tmp_path: Path) -> None:
    """An exception while writing (disk full, Ctrl-C) removes the
    temporary file and keeps the previous one."""
    from graphmap.fileio import atomic_path

    target = tmp_path / "f.txt"
    atomic_write_text(target, "old")
    for exc in (OSError(28, "No space left on device"), KeyboardInterrupt()):
        with pytest.raises(type(exc)), atomic_path(target) as tmp:
            tmp.write_text("new, partial")
            raise exc
        assert target.read_text() == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_stale_temporary_files_of_live_processes_are_kept(tmp_path: Path) -> None:
    """Only leftovers of processes that no longer run are removed: a write
    in progress elsewhere keeps its temporary file."""
    target = tmp_path / "f.txt"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f".f.txt.{sleeper.pid}.abcd1234.tmp"
        live.write_text("in progress")
        dead_pid = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
        )
        dead = tmp_path / f".f.txt.{int(dead_pid.stdout)}.efgh5678.tmp"
        dead.write_text("left by a killed run")
        other = tmp_path / ".f.txt.notes.tmp"  # not ours: not graphmap's pattern
        other.write_text("keep")
        atomic_write_text(target, "new")
        assert live.exists() and other.exists() and not dead.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_every_writer_goes_through_fileio() -> None:
    """No module writes a file directly: open(..., 'w'), write_text,
    write_bytes, to_csv or save() only appear inside graphmap.fileio (the
    one place that knows how to write safely) or on its temporary path."""
    root = Path(__file__).resolve().parent.parent
    direct = re.compile(
        r"open\([^)]*['\"][wax]b?\+?['\"]|\.write_text\(|\.write_bytes\(|\.to_csv\(|\.save\((?!tmp\b|buf\b)|shutil\.copy"
    )
    allowed = {
        "graphmap/fileio.py",  # the safe writer itself
        "graphmap/ontology_gen.py",  # developer tool regenerating files in the repository
    }
    offenders = []
    for folder in ("graphmap", "importers"):
        for path in sorted((root / folder).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if rel in allowed:
                continue
            for no, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                code = line.split("#", 1)[0]
                if direct.search(code) and ">>>" not in line and "tmp" not in code:
                    offenders.append(f"{rel}:{no}: {line.strip()}")
    assert offenders == []
