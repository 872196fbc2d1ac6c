"""The workspace: a folder where ``graphmap import`` keeps the checked
dataset, so later commands need not re-read the spreadsheets.

Layout::

    WORKSPACE/
      workspace.json      marker: format version
      dataset.json        the records (plain JSON, sorted), written atomically
"""

from __future__ import annotations

import json
from pathlib import Path

from graphmap.dataset import Dataset
from graphmap.fileio import atomic_write_text, private_dir

__all__ = ["DEFAULT_WORKSPACE", "FORMAT_VERSION", "is_workspace", "load_dataset", "save_dataset"]

DEFAULT_WORKSPACE = Path(".graphmap")
FORMAT_VERSION = 1
_MARKER = "workspace.json"
_DATASET = "dataset.json"


def is_workspace(path: Path) -> bool:
    """True when ``path`` is a folder written by :func:`save_dataset`."""
    return path.is_dir() and (path / _MARKER).is_file()


def save_dataset(workspace: Path, ds: Dataset) -> Path:
    """Store ``ds`` in ``workspace`` (created owner-only if missing)."""
    private_dir(workspace)
    target = workspace / _DATASET
    atomic_write_text(target, ds.dumps())
    atomic_write_text(workspace / _MARKER, json.dumps({"graphmap_workspace": FORMAT_VERSION}))
    return target


def load_dataset(workspace: Path) -> Dataset:
    """The dataset stored in ``workspace``."""
    data = json.loads((workspace / _DATASET).read_text("utf-8"))
    return Dataset.from_jsonable(data)
