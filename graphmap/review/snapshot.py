"""Quarterly snapshots: the dataset, its findings, checklist status and key
figures as they stood on one day, kept in the workspace.

Layout::

    WORKSPACE/snapshots/2026Q4.json

One file per quarter holding ``{"manifest": {...}, "content": {...}}``.  The
manifest records the sha256 of the content in canonical JSON (sorted keys,
no spaces); reading a snapshot recomputes it, so a file edited or damaged
after it was written is refused with a clear message.  Files are written
through :mod:`graphmap.fileio` (temporary file, then rename), so a crash or
Ctrl-C during a write leaves the previous state; temporary files start with
a dot and are never listed.  A stored quarter is not overwritten unless the
caller asks for it (``replace=True``), and the replacement is atomic too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graphmap.analyses.base import Finding
from graphmap.checklist import ChecklistItemStatus
from graphmap.dataset import Dataset
from graphmap.inputs import InputError
from graphmap.review.figures import KeyFigures

__all__ = [
    "FORMAT_VERSION",
    "SNAPSHOT_DIR",
    "Snapshot",
    "build_snapshot",
    "canonical_chunks",
    "canonical_json",
    "list_snapshots",
    "load_snapshot",
    "parse_quarter",
    "quarter_end",
    "save_snapshot",
    "snapshot_path",
]

FORMAT_VERSION = 1
SNAPSHOT_DIR = "snapshots"
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")


def parse_quarter(value: str) -> str:
    """``YYYYQn`` normalised (``2026q4`` -> ``2026Q4``); anything else raises
    :class:`~graphmap.inputs.InputError` (``review.bad_quarter``).

    >>> parse_quarter(" 2026q4 ")
    '2026Q4'
    """
    match = _QUARTER.match(value.strip())
    if not match:
        raise InputError("review.bad_quarter", value=value)
    return f"{match.group(1)}Q{match.group(2)}"


def quarter_end(quarter: str) -> dt.date:
    """The last day of a quarter.

    >>> quarter_end("2026Q1")
    datetime.date(2026, 3, 31)
    """
    q = parse_quarter(quarter)
    year, n = int(q[:4]), int(q[5])
    first_next = dt.date(year + 1, 1, 1) if n == 4 else dt.date(year, 3 * n + 1, 1)
    return first_next - dt.timedelta(days=1)


def canonical_json(data: Any) -> str:
    """The JSON a snapshot's hash is taken over: sorted keys, no spaces,
    non-ASCII kept, no NaN."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


#: List items encoded per call by :func:`canonical_chunks`.
_SLICE = 10_000


def canonical_chunks(data: Any, *, slice_len: int = _SLICE, _depth: int = 0) -> Iterator[str]:
    """:func:`canonical_json` of ``data`` in pieces: joined they are the
    same text.  The top levels' dictionaries are split by key and long lists
    into slices of ``slice_len`` items, so that a snapshot of millions of
    records is hashed and written without holding its whole JSON text
    twice."""
    if _depth < 4 and isinstance(data, dict) and all(type(k) is str for k in data):
        yield "{"
        for i, key in enumerate(sorted(data)):
            yield ("," if i else "") + canonical_json(key) + ":"
            yield from canonical_chunks(data[key], slice_len=slice_len, _depth=_depth + 1)
        yield "}"
    elif _depth < 4 and isinstance(data, list) and len(data) > slice_len:
        yield "["
        for i in range(0, len(data), slice_len):
            yield ("," if i else "") + canonical_json(data[i : i + slice_len])[1:-1]
        yield "]"
    else:
        yield canonical_json(data)


def content_sha256(content: Any) -> str:
    """The sha256 of ``content`` in canonical JSON."""
    digest = hashlib.sha256()
    for chunk in canonical_chunks(content):
        digest.update(chunk.encode("utf-8"))
    return digest.hexdigest()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("graphmap")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


class Snapshot(BaseModel):
    """One quarter's stored state."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    quarter: str
    as_of: dt.date
    graphmap_version: str
    #: record type -> records as JSON objects (as ``Dataset.to_jsonable``
    #: gives them): kept as they are, not copied or re-checked, since a
    #: large company's dataset is millions of them; :meth:`records`
    #: validates each record.
    dataset: dict[str, list[Any]] = Field(default_factory=dict)
    findings: list[Finding] = Field(default_factory=list)
    checklist: list[ChecklistItemStatus] = Field(default_factory=list)
    figures: KeyFigures = Field(default_factory=KeyFigures)

    def records(self) -> Dataset:
        """The stored dataset as records."""
        return Dataset.from_jsonable(self.dataset)

    def content(self) -> dict[str, Any]:
        """The hashed part of the file (the dataset itself, not a copy)."""
        data: dict[str, Any] = self.model_dump(mode="json", exclude={"dataset"})
        data["dataset"] = self.dataset
        return data

    def sha256(self) -> str:
        return content_sha256(self.content())


def build_snapshot(ds: Dataset, quarter: str, *, as_of: dt.date | None = None) -> Snapshot:
    """Run every analysis on ``ds`` as of ``as_of`` (default: the last day of
    the quarter) and collect what a snapshot keeps."""
    from graphmap.analyses import run_analyses
    from graphmap.checklist import checklist_status
    from graphmap.graph import build_graph
    from graphmap.review.figures import key_figures

    q = parse_quarter(quarter)
    day = as_of or quarter_end(q)
    g = build_graph(ds)
    findings = run_analyses(g, as_of=day)
    statuses = checklist_status(g, findings)
    figures = key_figures(g, findings, statuses, as_of=day)
    del g  # the records' JSON objects below can take the graph's memory
    return Snapshot(
        quarter=q,
        as_of=day,
        graphmap_version=_version(),
        dataset=ds.sorted().to_jsonable(),
        findings=findings,
        checklist=statuses,
        figures=figures,
    )


def snapshot_path(workspace: Path, quarter: str) -> Path:
    return Path(workspace) / SNAPSHOT_DIR / f"{parse_quarter(quarter)}.json"


def save_snapshot(workspace: Path, snap: Snapshot, *, replace: bool = False) -> Path:
    """Store ``snap`` in ``workspace`` atomically; refuse an existing quarter
    unless ``replace``.  Returns the file written."""
    from graphmap.fileio import atomic_write_bytes, private_dir

    path = snapshot_path(workspace, snap.quarter)
    if path.exists() and not replace:
        raise InputError("review.snapshot_exists", quarter=snap.quarter, path=str(path))
    private_dir(workspace)
    private_dir(path.parent)
    content = snap.content()
    manifest = {
        "format": FORMAT_VERSION,
        "quarter": snap.quarter,
        "as_of": snap.as_of.isoformat(),
        "graphmap_version": snap.graphmap_version,
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "sha256": content_sha256(content),
        "records": sum(len(v) for v in snap.dataset.values()),
        "findings": len(snap.findings),
    }
    buf = io.BytesIO()
    for chunk in canonical_chunks({"manifest": manifest, "content": content}):
        buf.write(chunk.encode("utf-8"))
    buf.write(b"\n")
    atomic_write_bytes(path, buf.getbuffer())
    return path


def list_snapshots(workspace: Path) -> list[str]:
    """Quarters stored in ``workspace``, oldest first (temporary and foreign
    files ignored)."""
    folder = Path(workspace) / SNAPSHOT_DIR
    if not folder.is_dir():
        return []
    out = []
    for p in folder.iterdir():
        if p.suffix == ".json" and _QUARTER.match(p.stem) and p.is_file():
            out.append(p.stem)
    return sorted(out)


def load_snapshot(workspace: Path, quarter: str) -> Snapshot:
    """The stored snapshot of ``quarter``, its hash checked.

    Raises :class:`~graphmap.inputs.InputError`: ``review.no_snapshot`` when
    the quarter is not stored, ``review.snapshot_corrupt`` when the file does
    not parse or its content no longer matches the recorded hash."""
    q = parse_quarter(quarter)
    path = snapshot_path(workspace, q)
    if not path.is_file():
        stored = ", ".join(list_snapshots(workspace)) or "-"
        raise InputError("review.no_snapshot", quarter=q, path=str(path), available=stored)

    def corrupt(reason: str) -> InputError:
        return InputError("review.snapshot_corrupt", path=str(path), reason=reason)

    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise corrupt(type(exc).__name__) from None
    if not isinstance(data, dict) or not isinstance(data.get("manifest"), dict) or "content" not in data:
        raise corrupt("manifest")
    manifest = data["manifest"]
    if manifest.get("format") != FORMAT_VERSION:
        raise corrupt(f"format {manifest.get('format')!r}")
    try:
        digest = content_sha256(data["content"])
    except (TypeError, ValueError):
        raise corrupt("content") from None
    if digest != manifest.get("sha256"):
        raise corrupt("sha256")
    try:
        snap = Snapshot.model_validate(data["content"])
    except ValidationError as exc:
        raise corrupt(f"content: {exc.error_count()} errors") from None
    if snap.quarter != q:
        raise corrupt(f"quarter {snap.quarter}")
    if not all(type(row) is dict for rows in snap.dataset.values() for row in rows):
        raise corrupt("dataset")
    return snap
