"""Neo4j (and other Bolt servers): settings, push, and running Cypher.

graphmap writes its graph to a Neo4j 5 server, a cluster or Aura through
the official ``neo4j`` driver, and runs saved Cypher there.  The tests and
CI use ArcadeDB, which speaks Bolt and Neo4j-style Cypher (see
``docs/neo4j.md`` for where it differs).

Safety rules kept here:

* **No data is formatted into Cypher.**  Values always travel as
  parameters.  Labels and relationship types cannot be parameters in
  Cypher, so they are spliced in only through :func:`cypher_label` and
  :func:`cypher_rel_type`, which accept nothing but the ontology's whitelist
  (:data:`graphmap.graph.NODE_LABELS` / :data:`graphmap.graph.EDGE_TYPES`).
* **The password never leaves** :class:`Neo4jSettings`: it is a
  :class:`~pydantic.SecretStr` (masked in ``repr``), read from the
  environment or an owner-only config file (never from the command line),
  and scrubbed from every error message.
* **Pushing is idempotent**: constraints and indexes are created with
  ``IF NOT EXISTS``; nodes and relationships are ``MERGE``\\ d in batches
  (``UNWIND $rows``), so pushing the same graph twice leaves the same graph.
  ``wipe`` deletes only nodes carrying graphmap's labels.
* **Transient failures are retried** with exponential back-off
  (:class:`~neo4j.exceptions.TransientError`,
  :class:`~neo4j.exceptions.ServiceUnavailable`,
  :class:`~neo4j.exceptions.SessionExpired`); everything else becomes a
  :class:`GraphmapServerError` with a one-line, bilingual message.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import re
import stat
import threading
import time
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from graphmap.graph import EDGE_TYPES, NODE_LABELS
from graphmap.i18n import t

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "URI_SCHEMES",
    "GraphmapServerError",
    "Neo4jSettings",
    "PushResult",
    "StatementTimeout",
    "bolt_value",
    "config_path",
    "cypher_label",
    "cypher_property",
    "cypher_rel_property",
    "cypher_rel_property_map",
    "cypher_rel_type",
    "graph_counts",
    "load_settings",
    "node_params",
    "node_statement",
    "open_driver",
    "plain_result_value",
    "push",
    "relationship_create_statement",
    "relationship_params",
    "relationship_statement",
    "run_cypher",
    "schema_statements",
    "with_deadline",
    "with_retries",
]

log = logging.getLogger(__name__)

#: Rows per ``UNWIND`` statement.
DEFAULT_BATCH_SIZE = 1000

#: URI schemes the driver accepts: direct (``bolt``) or routed (``neo4j``),
#: plain, TLS with verified certificates (``+s``) or self-signed (``+ssc``).
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

#: Extra indexes beyond the uniqueness constraints: properties the saved
#: queries filter on.
INDEXES: tuple[tuple[str, str], ...] = (
    ("Person", "status"),
    ("Disclosure", "date"),
    ("Contract", "end"),
)

T = TypeVar("T")


# -------------------------------------------------------------------- errors


class GraphmapServerError(Exception):
    """A failure talking to the graph server, with a message key (see
    :mod:`graphmap.i18n`).  ``str()`` gives the English one-line message."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "ja") -> str:
        return t(self.key, lang, **self.params)


def _one_line(text: str, secret: str | None = None, limit: int = 300) -> str:
    """First line of ``text``, the secret masked, cut to ``limit``."""
    if secret:
        text = text.replace(secret, "***")
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


# ------------------------------------------------------------------ settings


class Neo4jSettings(BaseModel):
    """Where the graph server is and how to log in.

    >>> s = Neo4jSettings(uri="neo4j+s://x.databases.neo4j.io", password="secret")
    >>> "secret" in repr(s)
    False
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    uri: str = "bolt://localhost:7687"
    user: str = "neo4j"
    password: SecretStr = Field(repr=False)
    #: the database name; None: the server's default database
    database: str | None = None
    #: retries of one statement after a transient failure
    max_retries: int = Field(4, ge=0, le=20)
    #: the first back-off in seconds; doubled after each retry
    retry_delay: float = Field(0.5, gt=0, le=60)
    #: seconds to wait for a connection
    connection_timeout: float = Field(15.0, gt=0, le=600)
    #: seconds to wait for the answer to one statement (0: no limit); a
    #: server that does not answer in time ends the run with a clear error
    timeout: float = Field(300.0, ge=0, le=86_400)

    @field_validator("uri")
    @classmethod
    def _scheme(cls, v: str) -> str:
        scheme, sep, rest = v.partition("://")
        if not sep or scheme not in URI_SCHEMES or not rest:
            raise ValueError("a bolt://, bolt+s://, neo4j:// or neo4j+s:// URI")
        return v

    @field_validator("database")
    @classmethod
    def _db(cls, v: str | None) -> str | None:
        return v or None


_ENV_KEYS = {
    "uri": ("NEO4J_URI",),
    "user": ("NEO4J_USER", "NEO4J_USERNAME"),
    "password": ("NEO4J_PASSWORD",),
    "database": ("NEO4J_DATABASE",),
    "max_retries": ("GRAPHMAP_NEO4J_MAX_RETRIES",),
    "retry_delay": ("GRAPHMAP_NEO4J_RETRY_DELAY",),
    "timeout": ("GRAPHMAP_NEO4J_TIMEOUT",),
}


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """The default config file: ``$GRAPHMAP_NEO4J_CONFIG``, else
    ``$XDG_CONFIG_HOME/graphmap/neo4j.toml`` (``~/.config/...``)."""
    env = os.environ if environ is None else environ
    explicit = env.get("GRAPHMAP_NEO4J_CONFIG")
    if explicit:
        return Path(explicit)
    base = Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "graphmap" / "neo4j.toml"


def _check_private(path: Path) -> None:
    """Refuse a config file that others could read or change."""
    if os.name == "nt":  # POSIX modes do not describe Windows ACLs
        return
    st = path.stat()
    if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise GraphmapServerError("neo4j.config_permissions", path=str(path), mode=oct(stat.S_IMODE(st.st_mode)))


def _read_config(path: Path) -> dict[str, Any]:
    try:
        _check_private(path)
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise GraphmapServerError("neo4j.config_unreadable", path=str(path), reason=exc.strerror or "") from None
    except tomllib.TOMLDecodeError as exc:
        raise GraphmapServerError("neo4j.config_unreadable", path=str(path), reason=str(exc)) from None
    section = data.get("neo4j", data)
    if not isinstance(section, dict):
        raise GraphmapServerError("neo4j.config_unreadable", path=str(path), reason="[neo4j]")
    return dict(section)


def load_settings(
    config: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Neo4jSettings:
    """Settings from a TOML config file overlaid by the environment.

    The file is ``config`` when given (it must exist), else
    :func:`config_path` when it exists.  Keys: ``uri``, ``user``,
    ``password``, ``database``, ``max_retries``, ``retry_delay``,
    ``connection_timeout``, ``timeout`` (top level or under ``[neo4j]``).  The file must
    be readable by its owner only (``chmod 600``).  Environment variables
    ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``
    win over the file.
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = config if config is not None else config_path(env)
    if config is not None and not path.exists():
        raise GraphmapServerError("neo4j.config_unreadable", path=str(path), reason="not found")
    if path.exists():
        values.update(_read_config(path))
    for name, keys in _ENV_KEYS.items():
        for key in keys:
            if env.get(key):
                values[name] = env[key]
                break
    if not values.get("password"):
        raise GraphmapServerError("neo4j.no_password", path=str(path))
    try:
        return Neo4jSettings(**values)
    except ValidationError as exc:
        # never echo input values: one of them is the password
        fields = ", ".join(".".join(str(p) for p in e["loc"]) + f" ({e['msg']})" for e in exc.errors())
        raise GraphmapServerError("neo4j.bad_settings", fields=fields) from None


# ------------------------------------------------------- whitelisted names


_LABEL_RE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_TYPE_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")


def cypher_label(name: str) -> str:
    """A node label for splicing into Cypher: only graphmap's own labels.

    >>> cypher_label("Person")
    'Person'
    >>> cypher_label("Person) DETACH DELETE (n")
    Traceback (most recent call last):
    ...
    ValueError: not a graphmap node label: 'Person) DETACH DELETE (n'
    """
    if name not in NODE_LABELS or not _LABEL_RE.match(name):
        raise ValueError(f"not a graphmap node label: {name!r}")
    return name


def cypher_rel_type(name: str) -> str:
    """A relationship type for splicing into Cypher: only graphmap's own types."""
    if name not in EDGE_TYPES or not _TYPE_RE.match(name):
        raise ValueError(f"not a graphmap relationship type: {name!r}")
    return name


def cypher_property(label: str, name: str) -> str:
    """A property name for splicing into Cypher: only a field of the
    record type behind ``label``."""
    from graphmap.model import record_type

    fields = {f.name for f in record_type(cypher_label(label)).fields()} | {"id"}
    if name not in fields or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ValueError(f"not a property of {label}: {name!r}")
    return name


def _index_name(label: str, prop: str) -> str:
    return f"graphmap_{cypher_label(label).lower()}_{cypher_property(label, prop)}"


def _constraint_name(label: str) -> str:
    return f"graphmap_{cypher_label(label).lower()}_id"


def schema_statements() -> list[str]:
    """``CREATE CONSTRAINT`` (one uniqueness constraint on ``id`` per label)
    and ``CREATE INDEX`` statements, all ``IF NOT EXISTS``."""
    out = [
        f"CREATE CONSTRAINT {_constraint_name(label)} IF NOT EXISTS "
        f"FOR (n:{cypher_label(label)}) REQUIRE n.id IS UNIQUE"
        for label in NODE_LABELS
    ]
    for label, prop in INDEXES:
        out.append(
            f"CREATE INDEX {_index_name(label, prop)} IF NOT EXISTS "
            f"FOR (n:{cypher_label(label)}) ON (n.{cypher_property(label, prop)})"
        )
    return out


def node_statement(label: str) -> str:
    """The batched MERGE of nodes of ``label``; each row is the node's
    property map, ``id`` included (see :func:`node_params`).

    ``SET n = row`` (not ``+=``) so a value cleared in the source is
    cleared on the server too.
    """
    return f"UNWIND $rows AS row MERGE (n:{cypher_label(label)} {{id: row.id}}) SET n = row"


def relationship_statement(rel_type: str, source_label: str, target_label: str) -> str:
    """The batched MERGE of ``rel_type`` relationships between nodes of the
    given labels; parameters from :func:`relationship_params`: ``$rows``
    are ``[source id, target id, i]`` triples and ``$props`` the distinct
    property maps of the batch, ``i`` indexing it.

    Both ends are matched with their label, so the server looks them up in
    the ``id`` uniqueness index.  Rows are short lists and each distinct
    property map travels once per batch: with the driver's pure-Python
    PackStream encoder a list of maps per row cost more than the server's
    work (see ``docs/neo4j.md``).
    """
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{cypher_label(source_label)} {{id: row[0]}}) "
        f"MATCH (b:{cypher_label(target_label)} {{id: row[1]}}) "
        f"MERGE (a)-[r:{cypher_rel_type(rel_type)}]->(b) SET r = $props[row[2]]"
    )


def cypher_rel_property(rel_type: str, name: str) -> str:
    """A relationship property name for splicing into Cypher: only a field
    of the link record behind ``rel_type`` (e.g. ``depth`` of ``KNOWS``)."""
    from graphmap import model as m

    cypher_rel_type(rel_type)
    fields: set[str] = set()
    for rec in m.RECORD_TYPES:
        link = getattr(rec, "link", None)
        if link is not None and link[2] == rel_type:
            fields |= {f.name for f in rec.fields()} - {link[0], link[1]}
    if name not in fields or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ValueError(f"not a property of {rel_type}: {name!r}")
    return name


def relationship_create_statement(rel_type: str, source_label: str, target_label: str, keys: Sequence[str] = ()) -> str:
    """The batched ``CREATE`` of ``rel_type`` relationships whose property
    maps all have exactly ``keys``; same parameters as
    :func:`relationship_statement`.

    Used only where the server holds no relationship of ``rel_type`` yet
    (a first push, or after ``--wipe``), so creating cannot duplicate; a
    retry of such a batch runs :func:`relationship_statement` instead (the
    first attempt may have committed).  The properties are written in the
    ``CREATE`` pattern itself: on ArcadeDB this costs about half the
    server time of ``MERGE ... SET r = map`` (see ``docs/neo4j.md``).
    Without properties (most types) the statement does not look the map
    up at all: projecting it per row cost ArcadeDB about a quarter more
    server time (medians of 42 against 32 µs a relationship).
    """
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{cypher_label(source_label)} {{id: row[0]}}) "
        f"MATCH (b:{cypher_label(target_label)} {{id: row[1]}}) "
        + ("WITH a, b, $props[row[2]] AS p " if keys else "")
        + f"CREATE (a)-[:{cypher_rel_type(rel_type)}{cypher_rel_property_map(rel_type, keys, 'p')}]->(b)"
    )


def cypher_rel_property_map(rel_type: str, keys: Sequence[str], var: str) -> str:
    """`` {k: var.k, ...}`` for whitelisted properties ``keys`` of
    ``rel_type`` (empty text for no keys); ``var`` is a Cypher variable
    name.

    >>> cypher_rel_property_map("KNOWS", ["depth", "mode"], "p")
    ' {depth: p.depth, mode: p.mode}'
    """
    if not re.fullmatch(r"[a-z][a-z0-9_]*", var):
        raise ValueError(f"not a variable name: {var!r}")
    if not keys:
        return ""
    names = [cypher_rel_property(rel_type, k) for k in keys]
    return " {" + ", ".join(f"{k}: {var}.{k}" for k in names) + "}"


#: The relationship types the server knows (Neo4j 5, ArcadeDB): a type it
#: does not list has no relationship.
_RELATIONSHIP_TYPES_STATEMENT = "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType"


def _relationship_exists_statement(rel_type: str) -> str:
    """One row when the server holds a ``rel_type`` relationship, none
    otherwise (``LIMIT 1``: a count would read every relationship)."""
    return f"MATCH ()-[r:{cypher_rel_type(rel_type)}]->() RETURN 1 AS x LIMIT 1"


def node_params(batch: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Parameters of :func:`node_statement` for rows ``{id, props}``."""
    return {"rows": [row["props"] for row in batch]}


def relationship_params(batch: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Parameters of :func:`relationship_statement` for rows
    ``{s, t, props}``: ``rows`` as ``[s, t, i]`` and ``props`` the distinct
    property maps, in order of first use.

    >>> relationship_params([{"s": "a", "t": "b", "props": {"x": 1}},
    ...                      {"s": "a", "t": "c", "props": {"x": 1}}])
    {'rows': [['a', 'b', 0], ['a', 'c', 0]], 'props': [{'x': 1}]}
    """
    table: list[Mapping[str, Any]] = []
    index: dict[str, int] = {}
    out: list[list[Any]] = []
    for row in batch:
        props = row["props"]
        # props maps come with sorted keys (see _relationship_rows), so
        # equal maps have equal reprs; unequal orders only dedupe less
        key = repr(props)
        i = index.get(key)
        if i is None:
            i = index[key] = len(table)
            table.append(props)
        out.append([row["s"], row["t"], i])
    return {"rows": out, "props": table}


def _wipe_statement(label: str) -> str:
    return f"MATCH (n:{cypher_label(label)}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"


# ------------------------------------------------------------------- values


def bolt_value(value: Any) -> Any:
    """A graph attribute as a Bolt parameter: dates stay dates (the driver
    sends them as Cypher ``Date``), enums become their code, tuples and
    sets become lists, and anything else unknown becomes text.

    >>> bolt_value(dt.date(2026, 1, 2)), bolt_value(("a", "b"))
    (datetime.date(2026, 1, 2), ['a', 'b'])
    """
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, list | tuple):
        return [bolt_value(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(bolt_value(v) for v in value)
    return str(value)


def _props(data: Mapping[str, Any], skip: Iterable[str]) -> dict[str, Any]:
    skipped = set(skip)
    return {k: bolt_value(v) for k, v in sorted(data.items()) if k not in skipped and v is not None}


def plain_result_value(value: Any) -> Any:
    """A value read from the server as plain, JSON-friendly Python: Cypher
    dates and times as ISO text, nodes as their properties plus
    ``_labels``, relationships as properties plus ``_type``, paths as the
    ids of their nodes."""
    import neo4j.graph
    import neo4j.time

    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return value.iso_format()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, neo4j.time.Duration):
        return str(value)
    if isinstance(value, neo4j.graph.Node):
        return {
            "_labels": sorted(value.labels),
            **{k: plain_result_value(v) for k, v in value.items()},
        }
    if isinstance(value, neo4j.graph.Relationship):
        return {"_type": value.type, **{k: plain_result_value(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return [n.get("id") for n in value.nodes]
    if isinstance(value, list | tuple):
        return [plain_result_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain_result_value(v) for k, v in value.items()}
    return str(value)


# ------------------------------------------------------------------ retries


def _retryable(exc: BaseException) -> bool:
    from neo4j import exceptions as ne

    if isinstance(exc, ne.AuthError):
        return False
    if isinstance(exc, ne.TransientError | ne.ServiceUnavailable | ne.SessionExpired):
        return True
    if isinstance(exc, ne.Neo4jError | ne.DriverError):
        try:
            return bool(exc.is_retryable())
        except Exception:  # pragma: no cover - older drivers
            return False
    return False


def with_retries(
    fn: Callable[[], T],
    *,
    retries: int,
    delay: float,
    sleep: Callable[[float], None] = time.sleep,
    jitter: float = 0.2,
    max_delay: float = 30.0,
) -> T:
    """Call ``fn``; on a transient failure wait ``delay``, ``2*delay``,
    ``4*delay`` ... (each ±``jitter``, at most ``max_delay``) and try again,
    ``retries`` times at most; then re-raise the last failure.
    Non-transient failures are raised at once."""
    attempt = 0
    while True:
        try:
            return fn()
        except Exception as exc:
            if attempt >= retries or not _retryable(exc):
                raise
            wait = min(max_delay, delay * (2**attempt))
            if jitter:
                wait *= 1 + random.uniform(-jitter, jitter)
            log.info(
                "graph server: %s; retry %d of %d in %.1f s",
                type(exc).__name__,
                attempt + 1,
                retries,
                wait,
            )
            sleep(wait)
            attempt += 1


# ------------------------------------------------------------------- driver


def open_driver(settings: Neo4jSettings) -> Any:
    """A driver for ``settings`` (not yet connected)."""
    import neo4j
    from neo4j import exceptions as ne

    try:
        return neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password.get_secret_value()),
            connection_timeout=settings.connection_timeout,
            user_agent="graphmap",
        )
    except (ne.ConfigurationError, ValueError) as exc:
        raise GraphmapServerError(
            "neo4j.bad_uri",
            uri=settings.uri,
            reason=_one_line(str(exc), settings.password.get_secret_value()),
        ) from None


def translate_error(exc: BaseException, settings: Neo4jSettings, *, connected: bool) -> GraphmapServerError:
    """The one-line :class:`GraphmapServerError` for a driver failure."""
    from neo4j import exceptions as ne

    secret = settings.password.get_secret_value()
    reason = _one_line(str(exc), secret) or type(exc).__name__
    if isinstance(exc, GraphmapServerError):
        return exc
    if isinstance(exc, ne.AuthError):
        return GraphmapServerError("neo4j.auth", user=settings.user, uri=settings.uri)
    if isinstance(exc, StatementTimeout):
        return GraphmapServerError("neo4j.timeout", uri=settings.uri, seconds=f"{exc.seconds:g}")
    if isinstance(exc, ne.ServiceUnavailable | ne.SessionExpired | ne.IncompleteCommit | OSError):
        key = "neo4j.dropped" if connected else "neo4j.unavailable"
        return GraphmapServerError(key, uri=settings.uri, reason=reason)
    if isinstance(exc, ne.ClientError) and "DatabaseNotFound" in (exc.code or ""):
        return GraphmapServerError("neo4j.no_database", database=settings.database or "", uri=settings.uri)
    if isinstance(exc, ne.ClientError):
        return GraphmapServerError("neo4j.query_failed", reason=reason)
    if isinstance(exc, ne.ConfigurationError):
        return GraphmapServerError("neo4j.bad_uri", uri=settings.uri, reason=reason)
    return GraphmapServerError("neo4j.server_error", uri=settings.uri, reason=reason)


class StatementTimeout(Exception):
    """The server did not answer one statement within the time limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no answer within {seconds:g} s")
        self.seconds = seconds


def with_deadline(fn: Callable[[], T], seconds: float) -> T:
    """``fn()``, or :class:`StatementTimeout` when it has not returned
    within ``seconds`` (0: wait as long as it takes).

    The driver has no read timeout of its own (a Neo4j server may send
    one as a connection hint; other servers do not), so a stalled server
    would block forever.  ``fn`` runs in a daemon thread; on timeout it is
    abandoned (the connection it holds is not reused).
    """
    if not seconds:
        return fn()
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the caller
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="graphmap-bolt", daemon=True).start()
    if not done.wait(seconds):
        raise StatementTimeout(seconds)
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value


class _Connection:
    """A driver with retries, a time limit per statement and error
    translation, used as a context manager."""

    def __init__(self, settings: Neo4jSettings) -> None:
        self.settings = settings
        self.driver: Any = None
        self.connected = False
        self.stalled = False

    def __enter__(self) -> _Connection:
        self.driver = open_driver(self.settings)
        try:
            self._retry(self.driver.verify_connectivity)
        except Exception as exc:
            self._close()
            raise translate_error(exc, self.settings, connected=False) from None
        self.connected = True
        return self

    def __exit__(self, *exc: object) -> None:
        self._close()

    def _close(self) -> None:
        driver, self.driver = self.driver, None
        if driver is None:
            return
        if self.stalled:
            # a thread may still wait on the stalled server: do not wait for it
            threading.Thread(target=driver.close, name="graphmap-bolt-close", daemon=True).start()
        else:
            driver.close()

    def _retry(self, fn: Callable[[], T]) -> T:
        def limited() -> T:
            try:
                return with_deadline(fn, self.settings.timeout)
            except StatementTimeout:
                self.stalled = True
                raise

        return with_retries(limited, retries=self.settings.max_retries, delay=self.settings.retry_delay)

    def _session(self, read: bool = False) -> Any:
        import neo4j

        kwargs: dict[str, Any] = {}
        if self.settings.database:
            kwargs["database"] = self.settings.database
        if read:
            kwargs["default_access_mode"] = neo4j.READ_ACCESS
        return self.driver.session(**kwargs)

    def write(
        self,
        statement: str,
        params: Mapping[str, Any] | None = None,
        *,
        retry_statement: str | None = None,
    ) -> list[dict[str, Any]]:
        """Run ``statement`` in its own write transaction, retried as a
        whole; retries run ``retry_statement`` when given (an idempotent
        form of a statement that must not run twice)."""
        attempts = 0

        def work() -> list[dict[str, Any]]:
            nonlocal attempts
            text = statement if attempts == 0 or retry_statement is None else retry_statement
            attempts += 1
            with self._session() as session:
                tx = session.begin_transaction()
                try:
                    result = tx.run(text, dict(params or {}))
                    rows = [dict(r) for r in result]
                    tx.commit()
                finally:
                    if not tx.closed():
                        tx.close()
                return rows

        try:
            return self._retry(work)
        except Exception as exc:
            raise translate_error(exc, self.settings, connected=self.connected) from None

    def read(self, statement: str, params: Mapping[str, Any] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
        """Run ``statement`` read-only; (column names, rows of plain values)."""

        def work() -> tuple[list[str], list[dict[str, Any]]]:
            with self._session(read=True) as session:
                tx = session.begin_transaction()
                try:
                    result = tx.run(statement, dict(params or {}))
                    keys = list(result.keys())
                    rows = [{k: plain_result_value(v) for k, v in zip(keys, r.values(), strict=True)} for r in result]
                    tx.commit()
                finally:
                    if not tx.closed():
                        tx.close()
                return keys, rows

        try:
            return self._retry(work)
        except Exception as exc:
            raise translate_error(exc, self.settings, connected=self.connected) from None


# --------------------------------------------------------------------- push


@dataclass
class PushResult:
    """What a push wrote."""

    nodes: int = 0
    relationships: int = 0
    deleted: int = 0
    statements: int = 0
    seconds: float = 0.0
    by_label: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)
    #: seconds spent writing relationships (after the nodes)
    relationship_seconds: float = 0.0
    #: relationship types written with ``CREATE`` (none on the server before)
    created_types: list[str] = field(default_factory=list)


def _batches(rows: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _node_rows(g: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, data in sorted(g.nodes(data=True), key=lambda nd: str(nd[0])):
        label = cypher_label(str(data.get("label")))
        props = _props(data, ("label", "id"))
        props["id"] = str(node)
        by_label[label].append({"id": str(node), "props": props})
    return dict(by_label)


def _relationship_rows(g: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Rows ``{s, t, props}`` by (type, source label, target label), groups
    and rows in sorted order.  Names are checked once per group; this runs
    once per relationship, so it avoids per-row work it can."""
    label_of = {n: d.get("label") for n, d in g.nodes(data=True)}
    names: dict[tuple[Any, Any, Any], tuple[str, str, str]] = {}
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, key, data in g.edges(keys=True, data=True):
        raw = (key, label_of[u], label_of[v])
        group = names.get(raw)
        if group is None:
            group = names[raw] = (
                cypher_rel_type(str(key)),
                cypher_label(str(raw[1])),
                cypher_label(str(raw[2])),
            )
        props = (
            {}
            if len(data) == 1 and "type" in data
            else {k: bolt_value(x) for k, x in sorted(data.items()) if k != "type" and x is not None}
        )
        groups[group].append({"s": str(u), "t": str(v), "props": props})
    by_ends = itemgetter("s", "t")
    return {key: sorted(rows, key=by_ends) for key, rows in sorted(groups.items())}


def _fresh_types(conn: _Connection, rel_types: Iterable[str]) -> tuple[set[str], int]:
    """The relationship types of which the server holds none yet, and the
    number of statements it took to find them.

    One ``db.relationshipTypes()`` call names the types the server knows;
    only those are looked at one by one (``LIMIT 1``), since a type can
    outlive its relationships (e.g. after ``--wipe``).  On a fresh database
    that is one statement instead of one per type: on ArcadeDB every new
    statement text costs a parse and plan in each database, a fixed cost
    that weighed on small pushes.  A server without the procedure gets the
    one-by-one look for every type."""
    wanted = sorted(set(rel_types))
    statements = 1
    try:
        _, rows = conn.read(_RELATIONSHIP_TYPES_STATEMENT)
        known = {str(row.get("relationshipType")) for row in rows}
    except GraphmapServerError as exc:
        if exc.key != "neo4j.query_failed":
            raise
        known = set(wanted)
    fresh = {rel_type for rel_type in wanted if rel_type not in known}
    for rel_type in wanted:
        if rel_type in known:
            _, rows = conn.read(_relationship_exists_statement(rel_type))
            statements += 1
            if not rows:
                fresh.add(rel_type)
    return fresh, statements


def _relationship_parts(
    rel_type: str, src: str, dst: str, rows: list[dict[str, Any]], fresh: bool
) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """How to write one group of relationships: ``(None, rows)`` to
    ``MERGE`` them; for a type the server holds none of, one ``CREATE``
    statement per set of property names (so no property is written as
    null), each with its rows."""
    if not fresh:
        return [(None, rows)]
    by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_keys[tuple(sorted(row["props"]))].append(row)
    parts: list[tuple[str | None, list[dict[str, Any]]]] = []
    for keys, part in sorted(by_keys.items()):
        try:
            parts.append((relationship_create_statement(rel_type, src, dst, keys), part))
        except ValueError:  # a property outside the model: MERGE sends it as data
            parts.append((None, part))
    return parts


def push(
    g: nx.MultiDiGraph,
    settings: Neo4jSettings,
    *,
    wipe: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> PushResult:
    """Write ``g`` to the server: schema first, then nodes label by label,
    then relationships type by type, each in batches of ``batch_size`` rows
    (one ``UNWIND`` statement and transaction per batch).

    Nodes are ``MERGE``\\ d.  Relationships are ``MERGE``\\ d too, except
    those of a type the server holds none of when the relationships start
    (a first push, or after ``wipe``): those are ``CREATE``\\ d, which is
    about twice as fast on ArcadeDB and cannot duplicate anything; a
    retried batch is ``MERGE``\\ d, since its first attempt may have
    committed.  A push cut short and run again finds those types present
    and merges, so it completes the graph without duplicates.  Two pushes
    into the same database at the same time are not supported.

    Idempotent: pushing the same graph again changes nothing.  With
    ``wipe``, nodes with graphmap's labels (and their relationships) are
    deleted first; other nodes are left alone.  ``progress(done, total)``
    is called after each batch with counts of nodes and relationships.

    Complexity: O(nodes + relationships) rows in
    O((nodes + relationships) / batch_size + labels + types) statements.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.perf_counter()
    result = PushResult()
    node_rows = _node_rows(g)
    rel_rows = _relationship_rows(g)
    total = sum(len(r) for r in node_rows.values()) + sum(len(r) for r in rel_rows.values())
    done = 0
    with _Connection(settings) as conn:
        for statement in schema_statements():
            conn.write(statement)
            result.statements += 1
        if wipe:
            for label in NODE_LABELS:
                while True:
                    rows = conn.write(_wipe_statement(label), {"limit": max(batch_size, 1000)})
                    result.statements += 1
                    deleted = int(rows[0]["deleted"]) if rows else 0
                    result.deleted += deleted
                    if deleted == 0:
                        break
        if progress:
            progress(0, total)
        for label in NODE_LABELS:
            rows = node_rows.get(label, [])
            for batch in _batches(rows, batch_size):
                conn.write(node_statement(label), node_params(batch))
                result.statements += 1
                done += len(batch)
                if progress:
                    progress(done, total)
            if rows:
                result.by_label[label] = len(rows)
                result.nodes += len(rows)
        rel_started = time.perf_counter()
        fresh: set[str] = set()
        if rel_rows:
            fresh, statements = _fresh_types(conn, {key[0] for key in rel_rows})
            result.statements += statements
        for (rel_type, src, dst), rows in rel_rows.items():
            merge = relationship_statement(rel_type, src, dst)
            for create, part in _relationship_parts(rel_type, src, dst, rows, rel_type in fresh):
                for batch in _batches(part, batch_size):
                    params = relationship_params(batch)
                    if create is None:
                        conn.write(merge, params)
                    else:
                        conn.write(create, params, retry_statement=merge)
                    result.statements += 1
                    done += len(batch)
                    if progress:
                        progress(done, total)
            result.by_type[rel_type] = result.by_type.get(rel_type, 0) + len(rows)
            result.relationships += len(rows)
        result.relationship_seconds = time.perf_counter() - rel_started
        result.created_types = sorted(fresh)
    result.seconds = time.perf_counter() - started
    return result


def graph_counts(settings: Neo4jSettings) -> tuple[dict[str, int], dict[str, int]]:
    """(nodes per graphmap label, relationships per graphmap type) on the
    server; labels and types graphmap does not own are not counted."""
    nodes: dict[str, int] = {}
    rels: dict[str, int] = {}
    with _Connection(settings) as conn:
        for label in NODE_LABELS:
            _, rows = conn.read(f"MATCH (n:{cypher_label(label)}) RETURN count(n) AS c")
            if rows and rows[0]["c"]:
                nodes[label] = int(rows[0]["c"])
        for rel_type in EDGE_TYPES:
            _, rows = conn.read(f"MATCH ()-[r:{cypher_rel_type(rel_type)}]->() RETURN count(r) AS c")
            if rows and rows[0]["c"]:
                rels[rel_type] = int(rows[0]["c"])
    return nodes, rels


def run_cypher(
    settings: Neo4jSettings, statement: str, params: Mapping[str, Any] | None = None
) -> tuple[list[str], list[dict[str, Any]]]:
    """Run one read-only statement with parameters; (columns, rows).

    Runs in a read transaction (``READ_ACCESS``): on Neo4j a statement
    that writes fails rather than changing the graph."""
    with _Connection(settings) as conn:
        return conn.read(statement, {k: bolt_value(v) for k, v in (params or {}).items()})


def verify(settings: Neo4jSettings) -> str:
    """Connect and return the server's agent string (e.g. ``Neo4j/5.26.0``)."""
    with _Connection(settings) as conn:
        try:
            info = conn.driver.get_server_info()
        except Exception as exc:
            raise translate_error(exc, settings, connected=True) from None
        return str(info.agent)
