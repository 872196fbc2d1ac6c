"""YAML and JSON sources.

A file is either a mapping from record type (sheet name, Japanese or
English) to a list of records, or a plain list of records when the file
is named after one record type (``people.yaml``).  Keys are the same
headers a sheet accepts; the row reported for a problem is the record's
position in its list (1-based)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from graphmap import model as m
from graphmap.dataset import Dataset, Location, Problem, ProblemKind
from importers.csvfiles import _unknown_sheet, decode
from importers.tabular import match_record_type, parse_rows

__all__ = ["read_structured"]


def _load(path: Path, text: str) -> Any:
    if path.suffix.lower() == ".json":
        return json.loads(text)
    return yaml.safe_load(text)


def read_structured(path: Path, ds: Dataset) -> list[Problem]:
    """Read a YAML or JSON file into ``ds``."""
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        return [Problem(kind=ProblemKind.bad_file, location=Location(file=file), value=err.strerror or "")]
    text, problem = decode(raw, file)
    if problem is not None or text is None:
        return [problem] if problem else []
    try:
        data = _load(path, text)
    except RecursionError:
        return [Problem(kind=ProblemKind.nested_value, location=Location(file=file))]
    except (yaml.YAMLError, json.JSONDecodeError) as err:
        mark = getattr(err, "problem_mark", None)
        line = (mark.line + 1) if mark is not None else getattr(err, "lineno", None)
        return [
            Problem(
                kind=ProblemKind.bad_file,
                location=Location(file=file, row=line),
                value=str(err).splitlines()[0][:200],
            )
        ]
    if data is None:
        return []
    if isinstance(data, list):
        cls = match_record_type(path.stem)
        if cls is None:
            return [_unknown_sheet(file, path.stem)]
        return _read_list(cls, data, ds, file, None)
    if not isinstance(data, dict):
        return [Problem(kind=ProblemKind.bad_file, location=Location(file=file), value="expected a mapping or a list")]
    problems: list[Problem] = []
    for key, items in data.items():
        cls = match_record_type(str(key))
        if cls is None:
            if str(key).startswith(("_", "#")) or str(key) in ("meta", "graphmap"):
                continue
            problems.append(_unknown_sheet(file, str(key)))
            continue
        problems.extend(_read_list(cls, items, ds, file, str(key)))
    return problems


def _read_list(cls: type[m.Record], items: Any, ds: Dataset, file: str, sheet: str | None) -> list[Problem]:
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return [
            Problem(
                kind=ProblemKind.bad_file,
                location=Location(file=file, sheet=sheet),
                value="expected a list of records (mappings)",
            )
        ]
    header: list[str] = []
    nested: list[Problem] = []
    for i, item in enumerate(items):
        for key, value in item.items():
            if str(key) not in header:
                header.append(str(key))
            if _nested(value):
                # YAML aliases can make a small file describe an enormous
                # tree; record values are flat, so refuse anything deeper
                nested.append(
                    Problem(
                        kind=ProblemKind.nested_value,
                        location=Location(file=file, sheet=sheet, row=i + 1, column=str(key)),
                    )
                )
    if nested:
        return nested
    rows = ((i + 1, [item.get(h) for h in header]) for i, item in enumerate(items))
    return parse_rows(cls, header, rows, ds, file=file, sheet=sheet, header_row=0)


def _nested(value: Any) -> bool:
    """True for a mapping, or a list holding anything but scalars."""
    if isinstance(value, dict):
        return True
    if isinstance(value, list):
        return any(isinstance(v, (list, dict)) for v in value)
    return False
