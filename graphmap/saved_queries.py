"""Saved queries: one query per file, two engines.

The shipped ``queries/`` folder (:func:`graphmap.resources.queries_dir`)
holds one folder per family and, in it, one entry per query:

* ``<id>.cypher``: Cypher that Neo4j 5 accepts, parameters as ``$name``,
  with its metadata as a YAML front matter in ``//`` comments::

      // ---
      // id: who_knows_step
      // title: {ja: 工程を知っている人, en: Who knows a process step}
      // ...
      // ---
      MATCH ...

* ``<id>.yml``: metadata alone, for an analysis Cypher cannot express well
  (``embedded_only: true``): it runs on the embedded engine only.

:class:`QueryMeta` (``extra="forbid"``) validates every entry;
:func:`load_catalogue` also checks that ids equal file stems, families equal
folder names, every ``$parameter`` is declared and every declared parameter
used, and that nothing stray lies in the folder.

Engines:

* ``embedded`` (NetworkX): an exploratory query runs its Python function in
  :mod:`graphmap.explore`; an exposure query runs its Python twin in
  :mod:`graphmap.analyses` and returns one row per finding.
* ``neo4j``: the Cypher runs on the server with parameters, read-only.
  Rows of an exposure query carry ``subjects``, ``discriminator``,
  ``severity`` and ``score`` so they turn into the same
  :class:`~graphmap.analyses.Finding` (same stable id) as the Python twin;
  an optional ``checklist`` column (a list of item ids) narrows the
  finding's checklist items as the twin does, and must lie within them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources.abc import Traversable
from typing import Any, Literal

import networkx as nx
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from graphmap.inputs import InputError
from graphmap.resources import checklist, queries_dir

__all__ = [
    "CHECKLIST_COLUMN",
    "COLUMNS_OF_EXPOSURE",
    "Column",
    "QueryCatalogueError",
    "QueryMeta",
    "QueryParam",
    "QueryResult",
    "Reference",
    "SavedQuery",
    "Text",
    "catalogue_problems",
    "cypher_parameters",
    "get_query",
    "load_catalogue",
    "parse_cypher_file",
    "parse_param_args",
    "resolve_params",
    "rows_to_findings",
    "run_cypher_text",
    "run_embedded",
    "run_server",
]

#: Families of saved queries: the analysis families plus ``explore``.
EXPLORE_FAMILY = "explore"

#: Columns every exposure query's Cypher returns, so its rows become findings.
COLUMNS_OF_EXPOSURE = ("subjects", "discriminator", "severity", "score")

#: An optional column of an exposure query: the checklist item ids the row's
#: finding concerns, narrowing the analysis's items as the Python twin does
#: (``make_finding(..., checklist=...)``); absent or null means all of them.
CHECKLIST_COLUMN = "checklist"

ParamType = Literal["string", "integer", "float", "boolean", "date", "list"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A text in Japanese and English."""

    ja: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


class QueryParam(_Strict):
    """One ``$parameter`` of a query."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: ParamType = "string"
    #: the value used when none is given; for a date, ``today`` means the
    #: day the query runs (or ``--as-of``)
    default: Any = None
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    description: Text

    @model_validator(mode="after")
    def _default_fits(self) -> QueryParam:
        if self.required and self.default is not None:
            raise ValueError(f"{self.name}: a required parameter has no default")
        if self.default is not None:
            convert_value(self, self.default)
        return self


class Column(_Strict):
    """A returned column and its heading in both languages."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    ja: str
    en: str

    def heading(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


class Reference(_Strict):
    """Where the guidance discusses what the query looks for."""

    document: Literal["guidance", "handbook"] = "guidance"
    pages: list[int] = Field(min_length=1)
    note: str | None = None


class QueryMeta(_Strict):
    """The metadata of one saved query."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Text
    family: str
    kind: Literal["exposure", "exploratory"]
    checklist: list[str] = Field(default_factory=list)
    parameters: list[QueryParam] = Field(default_factory=list)
    columns: list[Column] = Field(default_factory=list)
    description: Text
    references: list[Reference] = Field(default_factory=list)
    revision: int = Field(ge=1)
    #: the Python analysis this query mirrors (exposure queries)
    twin: str | None = None
    #: True for an analysis Cypher does not express well: no Cypher, the
    #: embedded engine only
    embedded_only: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> QueryMeta:
        names = [p.name for p in self.parameters]
        if len(names) != len(set(names)):
            raise ValueError("parameter names repeat")
        cols = [c.name for c in self.columns]
        if len(cols) != len(set(cols)):
            raise ValueError("column names repeat")
        if self.kind == "exposure" and not self.twin:
            raise ValueError("an exposure query names its Python twin")
        if self.kind == "exploratory" and (self.twin or self.embedded_only):
            raise ValueError("an exploratory query has no twin and is not embedded_only")
        if self.embedded_only and self.columns:
            raise ValueError("an embedded-only entry returns findings, not columns")
        if self.kind == "exposure" and not self.embedded_only:
            missing = [c for c in COLUMNS_OF_EXPOSURE if c not in cols]
            if missing:
                raise ValueError(f"an exposure query returns {', '.join(missing)}")
        if not self.embedded_only and not self.columns:
            raise ValueError("columns are declared")
        return self

    def param(self, name: str) -> QueryParam:
        for p in self.parameters:
            if p.name == name:
                return p
        raise KeyError(name)


@dataclass(frozen=True)
class SavedQuery:
    """A query's metadata, its Cypher (None when embedded-only) and file."""

    meta: QueryMeta
    cypher: str | None
    source: str

    @property
    def id(self) -> str:
        return self.meta.id

    def engines(self) -> tuple[str, ...]:
        return ("embedded",) if self.cypher is None else ("embedded", "neo4j")


class QueryCatalogueError(Exception):
    """The shipped queries are not valid (a packaging or authoring bug)."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


# ------------------------------------------------------------------ parsing

_FRONT = "// ---"


def parse_cypher_file(text: str) -> tuple[dict[str, Any], str]:
    """(metadata, Cypher body) of a ``.cypher`` file with ``//`` front matter.

    >>> meta, body = parse_cypher_file("// ---\\n// id: x\\n// ---\\nRETURN 1\\n")
    >>> meta, body
    ({'id': 'x'}, 'RETURN 1')
    """
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != _FRONT:
        raise ValueError("no front matter: the file starts with '// ---'")
    for end in range(1, len(lines)):
        if lines[end].rstrip() == _FRONT:
            break
    else:
        raise ValueError("front matter is not closed with '// ---'")
    yaml_lines = []
    for line in lines[1:end]:
        if not line.startswith("//"):
            raise ValueError(f"front matter line without '//': {line!r}")
        body = line[2:]
        yaml_lines.append(body[1:] if body.startswith(" ") else body)
    meta = yaml.safe_load("\n".join(yaml_lines)) or {}
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping")
    return meta, "\n".join(lines[end + 1 :]).strip()


_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def cypher_parameters(cypher: str) -> set[str]:
    """The ``$parameters`` a Cypher text uses (strings and comments ignored)."""
    text = _STRINGS.sub("''", cypher)
    text = _COMMENTS.sub(" ", text)
    return set(_PARAM.findall(text))


def _families() -> tuple[str, ...]:
    from graphmap.analyses import FAMILIES

    return (*FAMILIES, EXPLORE_FAMILY)


def _checklist_ids() -> set[str]:
    return {str(item["id"]) for item in checklist()["items"]}


def _read_entry(path: Traversable, family: str, problems: list[str]) -> SavedQuery | None:
    name = path.name
    stem, _, ext = name.rpartition(".")
    where = f"{family}/{name}"
    try:
        text = path.read_text("utf-8")
        if ext == "cypher":
            raw, body = parse_cypher_file(text)
            if not body:
                problems.append(f"{where}: no Cypher after the front matter")
                return None
        else:
            raw = yaml.safe_load(text) or {}
            body = ""
            if not isinstance(raw, dict):
                problems.append(f"{where}: metadata is not a mapping")
                return None
        meta = QueryMeta.model_validate(raw)
    except (ValueError, yaml.YAMLError, UnicodeDecodeError) as exc:
        if isinstance(exc, ValidationError):
            detail = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or '-'}: {e['msg']}" for e in exc.errors()
            )
        else:
            detail = str(exc)
        problems.append(f"{where}: {detail}")
        return None
    if meta.id != stem:
        problems.append(f"{where}: id {meta.id!r} is not the file name {stem!r}")
    if meta.family != family:
        problems.append(f"{where}: family {meta.family!r} is not the folder {family!r}")
    unknown_items = sorted(set(meta.checklist) - _checklist_ids())
    if unknown_items:
        problems.append(f"{where}: unknown checklist items {unknown_items}")
    if ext == "cypher":
        if meta.embedded_only:
            problems.append(f"{where}: embedded_only but has Cypher")
        used = cypher_parameters(body)
        declared = {p.name for p in meta.parameters}
        if used - declared:
            problems.append(f"{where}: undeclared parameters {sorted(used - declared)}")
        if declared - used:
            problems.append(f"{where}: declared parameters not used {sorted(declared - used)}")
        return SavedQuery(meta=meta, cypher=body, source=where)
    if not meta.embedded_only:
        problems.append(
            f"{where}: a .yml entry must be embedded_only (Cypher goes in a .cypher file)"
        )
    return SavedQuery(meta=meta, cypher=None, source=where)


_ALLOWED_AT_ROOT = {"__init__.py", "__pycache__", "README.md"}


def catalogue_problems(root: Traversable | None = None) -> tuple[dict[str, SavedQuery], list[str]]:
    """Every saved query under ``root`` (default: the shipped folder) and
    every problem found: invalid metadata, ids that repeat or differ from
    the file name, stray files and folders."""
    base = root if root is not None else queries_dir()
    problems: list[str] = []
    found: dict[str, SavedQuery] = {}
    families = _families()
    for entry in sorted(base.iterdir(), key=lambda p: p.name):
        if entry.name in _ALLOWED_AT_ROOT:
            continue
        if not entry.is_dir():
            problems.append(f"{entry.name}: stray file (queries live in <family>/<id>.cypher)")
            continue
        if entry.name not in families:
            problems.append(f"{entry.name}/: not a family ({', '.join(families)})")
            continue
        stems: dict[str, str] = {}
        for item in sorted(entry.iterdir(), key=lambda p: p.name):
            if item.name == "__pycache__":
                continue
            ext = item.name.rpartition(".")[2]
            if item.is_dir() or ext not in ("cypher", "yml"):
                problems.append(f"{entry.name}/{item.name}: stray (only .cypher and .yml files)")
                continue
            stem = item.name.rpartition(".")[0]
            if stem in stems:
                problems.append(
                    f"{entry.name}/{item.name}: a second entry for {stem} ({stems[stem]})"
                )
                continue
            stems[stem] = item.name
            q = _read_entry(item, entry.name, problems)
            if q is None:
                continue
            if q.id in found:
                problems.append(f"{q.source}: id {q.id} repeats {found[q.id].source}")
                continue
            found[q.id] = q
    return found, problems


@cache
def load_catalogue() -> dict[str, SavedQuery]:
    """The shipped saved queries by id; raises :class:`QueryCatalogueError`."""
    found, problems = catalogue_problems()
    if problems:
        raise QueryCatalogueError(problems)
    return dict(sorted(found.items(), key=lambda kv: (_families().index(kv[1].meta.family), kv[0])))


def get_query(query_id: str) -> SavedQuery:
    """The saved query ``query_id``; :class:`InputError` when unknown."""
    queries = load_catalogue()
    if query_id not in queries:
        raise InputError("query.unknown", value=query_id)
    return queries[query_id]


# --------------------------------------------------------------- parameters


def convert_value(param: QueryParam, value: Any) -> Any:
    """``value`` (text from the command line, or a YAML default) as the
    parameter's type; ``ValueError`` when it does not fit."""
    kind = param.type
    if kind == "date":
        if isinstance(value, dt.date):
            out: Any = value
        elif value == "today":
            return "today"
        else:
            out = dt.date.fromisoformat(str(value))
    elif kind == "boolean":
        if isinstance(value, bool):
            out = value
        elif str(value).strip().lower() in ("true", "yes", "1", "はい"):
            out = True
        elif str(value).strip().lower() in ("false", "no", "0", "いいえ"):
            out = False
        else:
            raise ValueError(value)
    elif kind == "integer":
        if isinstance(value, bool):
            raise ValueError(value)
        out = int(value) if not isinstance(value, float) or value.is_integer() else None
        if out is None:
            raise ValueError(value)
    elif kind == "float":
        if isinstance(value, bool):
            raise ValueError(value)
        out = float(value)
    elif kind == "list":
        if isinstance(value, list | tuple):
            out = [str(v) for v in value]
        else:
            text = str(value).strip()
            if text.startswith("["):
                loaded = json.loads(text)
                if not isinstance(loaded, list):
                    raise ValueError(value)
                out = [str(v) for v in loaded]
            else:
                out = [v.strip() for v in text.split(",") if v.strip()]
    else:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise ValueError(value)
        out = str(value)
    if isinstance(out, int | float) and not isinstance(out, bool):
        if param.minimum is not None and out < param.minimum:
            raise ValueError(value)
        if param.maximum is not None and out > param.maximum:
            raise ValueError(value)
    return out


_EXPECTED = {
    "string": "text",
    "integer": "an integer",
    "float": "a number",
    "boolean": "true/false",
    "date": "YYYY-MM-DD",
    "list": "a,b,c",
}


def parse_param_args(values: Sequence[str] | None) -> dict[str, str]:
    """``name=value`` pairs from the command line."""
    out: dict[str, str] = {}
    for item in values or []:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            raise InputError("query.param_syntax", value=item)
        out[name.strip()] = raw
    return out


def resolve_params(
    meta: QueryMeta, given: Mapping[str, Any], *, today: dt.date | None = None
) -> dict[str, Any]:
    """Every declared parameter with its value: given, else the default;
    typed; ``today`` resolved.  :class:`InputError` for unknown, missing or
    ill-typed parameters."""
    declared = {p.name: p for p in meta.parameters}
    for name in given:
        if name not in declared:
            raise InputError(
                "query.unknown_param", query=meta.id, name=name, expected=", ".join(declared) or "-"
            )
    out: dict[str, Any] = {}
    for name, p in declared.items():
        if name in given:
            try:
                value = convert_value(p, given[name])
            except (ValueError, TypeError, json.JSONDecodeError):
                raise InputError(
                    "query.bad_param", name=name, value=str(given[name]), expected=_describe(p)
                ) from None
        elif p.required:
            raise InputError("query.missing_param", query=meta.id, name=name)
        else:
            value = p.default
        if value == "today" and p.type == "date":
            value = today or dt.date.today()
        out[name] = value
    return out


def _describe(p: QueryParam) -> str:
    text = _EXPECTED[p.type]
    if p.minimum is not None or p.maximum is not None:
        low = "" if p.minimum is None else f"{p.minimum:g}"
        high = "" if p.maximum is None else f"{p.maximum:g}"
        text += f" [{low}..{high}]"
    return text


def _server_params(values: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters for the server: dates as ISO text (the Cypher reads them
    with ``date($name)``), so one form works on every Bolt server."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}


# ------------------------------------------------------------------ engines


@dataclass
class QueryResult:
    """Rows of one query run, with the columns in order; ``findings`` for
    exposure queries."""

    query: str
    engine: str
    columns: list[str]
    rows: list[dict[str, Any]]
    findings: list[Any] | None = None
    params: dict[str, Any] = field(default_factory=dict)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _analysis_kwargs(analysis: Any, params: Mapping[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = dict(analysis.meta.defaults())
    for name, value in params.items():
        if name == "as_of":
            continue
        if name in kwargs:
            kwargs[name] = value
    return kwargs


def run_embedded(
    query: SavedQuery, g: nx.MultiDiGraph, given: Mapping[str, Any], *, as_of: dt.date | None = None
) -> QueryResult:
    """Run ``query`` on the in-process graph."""
    params = resolve_params(query.meta, given, today=as_of)
    if query.meta.kind == "exploratory":
        from graphmap.explore import EXPLORERS

        fn = EXPLORERS[query.id]
        rows = [{k: _plain(v) for k, v in row.items()} for row in fn(g, **params)]
        return QueryResult(
            query.id, "embedded", [c.name for c in query.meta.columns], rows, params=params
        )
    from graphmap.analyses import find_analysis
    from graphmap.analyses.base import Context

    assert query.meta.twin is not None
    analysis = find_analysis(query.meta.twin)
    day = params.get("as_of") or as_of
    findings = sorted(
        analysis(Context(g, day), **_analysis_kwargs(analysis, params)), key=lambda f: f.sort_key()
    )
    rows = [
        {
            "finding": f.id,
            "subjects": list(f.subjects),
            "severity": f.severity.value,
            "score": f.score,
            "message": f.message_ja,
            "message_en": f.message_en,
        }
        for f in findings
    ]
    return QueryResult(
        query.id,
        "embedded",
        ["finding", "subjects", "severity", "score", "message", "message_en"],
        rows,
        findings=findings,
        params=params,
    )


def run_server(
    query: SavedQuery, settings: Any, given: Mapping[str, Any], *, as_of: dt.date | None = None
) -> QueryResult:
    """Run ``query``'s Cypher on the graph server."""
    from graphmap.neo4j import run_cypher

    if query.cypher is None:
        raise InputError("query.embedded_only", value=query.id)
    params = resolve_params(query.meta, given, today=as_of)
    columns, rows = run_cypher(settings, query.cypher, _server_params(params))
    if not columns and not rows:
        # ArcadeDB sends no column names with an empty result; Neo4j does
        columns = [c.name for c in query.meta.columns]
    result = QueryResult(query.id, "neo4j", columns, rows, params=params)
    if query.meta.kind == "exposure":
        result.findings = rows_to_findings(query, rows)
    return result


def run_cypher_text(
    text: str, settings: Any, given: Mapping[str, str], *, name: str = "<file>"
) -> QueryResult:
    """Run a user's own Cypher on the server; parameter values are parsed
    as JSON when they can be (``5``, ``true``, ``["a"]``), else text."""
    from graphmap.neo4j import run_cypher

    params: dict[str, Any] = {}
    for key, raw in given.items():
        try:
            params[key] = json.loads(raw)
        except json.JSONDecodeError:
            params[key] = raw
    columns, rows = run_cypher(settings, text, params)
    return QueryResult(name, "neo4j", columns, rows, params=params)


def rows_to_findings(query: SavedQuery, rows: Sequence[Mapping[str, Any]]) -> list[Any]:
    """Findings from an exposure query's rows: the same stable ids as the
    Python twin's (analysis id, subjects, discriminator)."""
    from graphmap.analyses import find_analysis
    from graphmap.analyses.base import make_finding

    assert query.meta.twin is not None
    meta = find_analysis(query.meta.twin).meta
    out = []
    for row in rows:
        subjects = [str(s) for s in row["subjects"]]
        items = row.get(CHECKLIST_COLUMN)
        if isinstance(items, str):
            items = [items]
        out.append(
            make_finding(
                meta,
                subjects,
                str(row["severity"]),
                float(row["score"]),
                f"{meta.title_ja}: {'、'.join(subjects)}",
                f"{meta.title_en}: {', '.join(subjects)}",
                discriminator=str(row.get("discriminator") or ""),
                facts={
                    k: v
                    for k, v in row.items()
                    if k not in COLUMNS_OF_EXPOSURE and k != CHECKLIST_COLUMN
                },
                checklist=None if items is None else [str(i) for i in items],
            )
        )
    out.sort(key=lambda f: f.sort_key())
    return out
