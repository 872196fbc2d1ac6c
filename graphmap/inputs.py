"""Resolve what a command reads: source files and folders, or a workspace."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from graphmap.dataset import Dataset, ProblemsFound
from graphmap.workspace import DEFAULT_WORKSPACE, is_workspace, load_dataset

__all__ = ["InputError", "load_input"]


class InputError(Exception):
    """A user error with a message key (see :mod:`graphmap.i18n`)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def load_input(
    sources: Sequence[Path],
    *,
    workspace: Path | None = None,
    on_item: Callable[[str], None] | None = None,
) -> Dataset:
    """The dataset named by ``sources``: a single workspace folder, or files
    and folders to import and check.  With no sources, the workspace
    (default ``.graphmap``).  Raises :class:`ProblemsFound` on bad input."""
    from importers import read_sources

    if not sources:
        ws = workspace or DEFAULT_WORKSPACE
        if is_workspace(ws):
            return load_dataset(ws)
        raise InputError("cli.no_source")
    for s in sources:
        if not s.exists():
            raise InputError("cli.not_found", path=str(s))
    if len(sources) == 1 and is_workspace(sources[0]):
        return load_dataset(sources[0])
    ds, problems, total = read_sources(sources, on_item=on_item)
    if problems:
        raise ProblemsFound(problems, total)
    return ds
