"""Durable file writing: every file graphmap writes goes to a temporary file
in the same folder first and is renamed over the target only when complete,
so a crash or Ctrl-C leaves the previous file intact.  New files are
created readable by the owner only (the data maps a company's secrets).

A process killed outright (SIGKILL, power cut) cannot remove its temporary
file: it stays beside the target as a hidden ``.<name>.<pid>.<random>.tmp``
(owner-only).  The next successful write of the same target removes such
files left by processes that no longer run (POSIX)."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = [
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "atomic_path",
    "atomic_write_bytes",
    "atomic_write_text",
    "private_dir",
]

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], *, private: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success rename it over
    ``target``, on any error remove it and leave ``target`` untouched.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "a.txt") as tmp:
    ...     _ = tmp.write_text("ok")
    >>> (d / "a.txt").read_text()
    'ok'
    """
    path = Path(target)
    if private:
        private_dir(path.parent)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if private:
            with contextlib.suppress(OSError):
                os.chmod(tmp, PRIVATE_FILE_MODE)
        _fsync(tmp)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _remove_stale_temps(path)


def _remove_stale_temps(path: Path) -> None:
    """Remove temporary files of ``path`` left by killed processes."""
    if os.name != "posix":
        return  # os.kill cannot probe a process there
    prefix = f".{path.name}."
    try:
        siblings = [p for p in path.parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(".tmp")]
    except OSError:
        return
    pattern = re.compile(re.escape(prefix) + r"([0-9]+)\.[a-z0-9_]{8}\.tmp")
    for p in siblings:
        match = pattern.fullmatch(p.name)
        if match is None or int(match[1]) == os.getpid():
            continue
        try:
            os.kill(int(match[1]), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                p.unlink()
        except OSError:
            pass  # alive, or not ours to ask about


def _fsync(path: Path) -> None:
    try:
        with open(path, "rb+") as fh:
            os.fsync(fh.fileno())
    except OSError:
        pass


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable across a power cut (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(target: str | os.PathLike[str], data: bytes | memoryview, *, private: bool = True) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target, private=private) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(
    target: str | os.PathLike[str], text: str, *, encoding: str = "utf-8", private: bool = True
) -> None:
    """Write ``text`` to ``target`` atomically."""
    atomic_write_bytes(target, text.encode(encoding), private=private)


def private_dir(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` as an owner-only folder if missing, and every missing
    parent owner-only too (``mkdir(parents=True)`` would give the parents
    the default, often world-readable, mode).  Existing folders are left
    as they are."""
    p = Path(path)
    missing: list[Path] = []
    q = p
    while not q.exists() and q != q.parent:
        missing.append(q)
        q = q.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=PRIVATE_DIR_MODE)
    return p
