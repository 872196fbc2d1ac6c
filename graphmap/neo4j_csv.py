"""The graph as CSV files for ``neo4j-admin database import``.

For graphs too large to push statement by statement, the offline bulk
importer of Neo4j reads one CSV file per node label and per relationship
type with typed headers::

    nodes_Person.csv     id:ID,:LABEL,name,joined:date,trained:date,...
    rels_KNOWS.csv       :START_ID,:END_ID,:TYPE,depth,mode

Headers come from the model (:mod:`graphmap.model`), not from the data, so
every export of a label has the same columns: ``int`` fields as ``:int``,
``float`` as ``:float``, ``bool`` as ``:boolean``, dates as ``:date``, lists
as ``:string[]`` joined with ``;`` (``--array-delimiter=';'``).  Ids are
global in graphmap, so one id space serves every label, and ``id:ID``
stores the id in the ``id`` property as ``graphmap neo4j push`` does.

Text cells a spreadsheet would run as formulas (``=``, ``+``, ``-``, ``@``
first) are prefixed with ``'`` (:func:`importers.tabular.neutralise_formula`),
as in every CSV graphmap writes.  Files are UTF-8 without BOM, written
atomically, in an owner-only folder, with the ``neo4j-admin`` command to
load them in ``neo4j-admin-import.txt``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import networkx as nx

from graphmap import model as m
from graphmap.fileio import atomic_write_text, private_dir
from graphmap.neo4j import cypher_label, cypher_rel_type

__all__ = ["OUR_FILES", "CsvExport", "node_header", "relationship_header", "write_neo4j_csv"]

ARRAY_DELIMITER = ";"
#: Glob patterns of the files an export writes (and a forced export replaces).
OUR_FILES = ("nodes_*.csv", "rels_*.csv", "neo4j-admin-import.txt")

_SUFFIX = {"int": ":int", "float": ":float", "bool": ":boolean", "date": ":date"}


def _typed(f: m.FieldInfo) -> str:
    if f.many:
        base = _SUFFIX.get(f.kind, ":string").replace(":", "")
        return f"{f.name}:{base}[]"
    return f.name + _SUFFIX.get(f.kind, "")


def _node_fields(label: str) -> list[m.FieldInfo]:
    cls = m.record_type(cypher_label(label))
    return [f for f in cls.fields() if f.name != "id" and not (f.ref and f.edge)]


def node_header(label: str) -> list[str]:
    """The header of ``nodes_<label>.csv``.

    >>> node_header("ProcessStep")
    ['id:ID', ':LABEL', 'order:int', 'name']
    """
    return ["id:ID", ":LABEL", *(_typed(f) for f in _node_fields(label))]


def _link_fields(rel_type: str) -> list[m.FieldInfo]:
    for cls in m.RECORD_TYPES:
        if cls.link is not None and cls.link[2] == rel_type:
            keys = {cls.link[0], cls.link[1]}
            return [f for f in cls.fields() if f.name not in keys and not (f.ref and f.edge)]
    return []


def relationship_header(rel_type: str) -> list[str]:
    """The header of ``rels_<type>.csv``.

    >>> relationship_header("KNOWS")
    [':START_ID', ':END_ID', ':TYPE', 'depth', 'mode']
    """
    cypher_rel_type(rel_type)
    return [":START_ID", ":END_ID", ":TYPE", *(_typed(f) for f in _link_fields(rel_type))]


def _text(value: str) -> str:
    from importers.tabular import neutralise_formula

    return neutralise_formula(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return _text(str(value.value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, list | tuple):
        return ARRAY_DELIMITER.join(_cell(v) for v in value)
    return _text(str(value))


def _csv(header: list[str], rows: Iterable[list[str]]) -> str:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


@dataclass
class CsvExport:
    """What an export wrote."""

    folder: Path
    nodes: int = 0
    relationships: int = 0
    files: list[Path] = field(default_factory=list)


def write_neo4j_csv(g: nx.MultiDiGraph, folder: Path) -> CsvExport:
    """Write ``g`` into ``folder`` as neo4j-admin import CSV files.

    Complexity: O(nodes + relationships).
    """
    private_dir(folder)
    result = CsvExport(folder=folder)
    by_label: dict[str, list[str]] = defaultdict(list)
    for node, data in g.nodes(data=True):
        by_label[cypher_label(str(data.get("label")))].append(str(node))
    node_files: list[str] = []
    for label in sorted(by_label):
        fields = _node_fields(label)
        rows = (
            [_text(node), label, *(_cell(g.nodes[node].get(f.name)) for f in fields)]
            for node in sorted(by_label[label])
        )
        path = folder / f"nodes_{label}.csv"
        atomic_write_text(path, _csv(node_header(label), rows))
        node_files.append(path.name)
        result.files.append(path)
        result.nodes += len(by_label[label])
    by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for u, v, key, data in g.edges(keys=True, data=True):
        by_type[cypher_rel_type(str(key))].append((str(u), str(v), data))
    rel_files: list[str] = []
    for rel_type in sorted(by_type):
        fields = _link_fields(rel_type)
        edges = sorted(by_type[rel_type], key=lambda e: (e[0], e[1]))
        rows = (
            [_text(u), _text(v), rel_type, *(_cell(d.get(f.name)) for f in fields)]
            for u, v, d in edges
        )
        path = folder / f"rels_{rel_type}.csv"
        atomic_write_text(path, _csv(relationship_header(rel_type), rows))
        rel_files.append(path.name)
        result.files.append(path)
        result.relationships += len(edges)
    command = [
        "neo4j-admin database import full neo4j \\",
        *(f"  --nodes={name} \\" for name in node_files),
        *(f"  --relationships={name} \\" for name in rel_files),
        f"  --array-delimiter='{ARRAY_DELIMITER}' --multiline-fields=true",
        "",
    ]
    note = folder / "neo4j-admin-import.txt"
    atomic_write_text(
        note,
        "# Run in this folder with the database stopped (Neo4j 5).\n"
        "# Text cells starting with = + - @ carry a leading ' (formula guard).\n"
        + "\n".join(command),
    )
    result.files.append(note)
    return result
