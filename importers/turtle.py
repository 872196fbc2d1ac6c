"""RDF sources: Turtle (``.ttl``), JSON-LD (``.jsonld``) and the other
syntaxes rdflib reads (``.nt``, ``.nq``, ``.trig``, ``.n3``, ``.rdf``,
``.owl``, ``.xml``), in the graphmap vocabulary (:mod:`graphmap.rdf`).

Relative IRIs resolve against the data namespace, so a hand-written file
may say ``<PER-0001> a gm:Person``.  A file that does not parse gives one
``bad_file`` problem naming the file (and the line, when the parser says),
never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graphmap.dataset import Dataset, Location, Problem, ProblemKind
from graphmap.rdf import DATA, quiet_rdflib, rdf_to_dataset

__all__ = ["RDF_FORMATS", "parse_rdf_file", "rdf_format", "read_turtle"]

#: rdflib parser name by file suffix.
RDF_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".jsonld": "json-ld",
    ".json-ld": "json-ld",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".n3": "n3",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


def rdf_format(path: Path) -> str:
    """The rdflib format of a file by its suffix (Turtle when unknown)."""
    return RDF_FORMATS.get(path.suffix.lower(), "turtle")


def _parse_error(err: Exception) -> tuple[str, int | None]:
    """A one-line reason and the 1-based line, from any parser's error."""
    why = getattr(err, "_why", None)
    lines = getattr(err, "lines", None)
    if why is not None:
        line = lines + 1 if isinstance(lines, int) else None
        return str(why), line
    lineno = getattr(err, "lineno", None)
    text = str(err).strip().splitlines()
    reason = text[0] if text else type(err).__name__
    return reason[:200], lineno if isinstance(lineno, int) else None


def read_turtle(path: Path | str) -> tuple[Dataset, list[Problem]]:
    """Read an RDF file into a dataset.

    Parameters
    ----------
    path : Path or str
        A Turtle or JSON-LD file (syntax chosen by suffix, see
        :data:`RDF_FORMATS`), UTF-8 with or without BOM.

    Returns
    -------
    tuple[Dataset, list[Problem]]
        The records read and the problems met: ``bad_file`` when the file
        is missing or does not parse, ``undecodable`` when it is not UTF-8,
        else the problems of :func:`graphmap.rdf.rdf_to_dataset` with
        ``file`` set to ``str(path)``.  Whole-dataset checks are left to
        :func:`graphmap.dataset.check_dataset`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.ttl").write_text("<a> <b> .", encoding="utf-8")
    >>> ds, problems = read_turtle(d / "a.ttl")
    >>> problems[0].kind.value
    'bad_file'
    """
    graph, problems = parse_rdf_file(path)
    if graph is None:
        return Dataset(), problems
    with quiet_rdflib():
        return rdf_to_dataset(graph, source=str(path))


def parse_rdf_file(path: Path | str) -> tuple[Graph | None, list[Problem]]:
    """Parse an RDF file into an rdflib graph (None and the problem when it
    cannot be read, decoded or parsed)."""
    path = Path(path)
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [
            Problem(
                kind=ProblemKind.bad_file,
                location=Location(file=file),
                value=err.strerror or type(err).__name__,
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(kind=ProblemKind.undecodable, location=Location(file=file))]
    fmt = rdf_format(path)
    if fmt == "json-ld":
        remote = _remote_context(text)
        if remote is not None:
            return None, [Problem(kind=ProblemKind.remote_context, location=Location(file=file), value=remote)]
    g = Graph()
    with quiet_rdflib():
        try:
            g.parse(data=text, format=fmt, publicID=str(DATA))
        except Exception as err:  # any parser, any syntax: report, never a traceback
            reason, line = _parse_error(err)
            return None, [
                Problem(
                    kind=ProblemKind.bad_file, location=Location(file=file, row=line), value=reason
                )
            ]
    return g, []


def _remote_context(text: str) -> str | None:
    """The first ``@context`` or ``@import`` of a JSON-LD document that
    names another document (which rdflib would fetch over the network),
    else None.  Malformed JSON is left to the parser to report."""
    import json

    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return None
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    for ctx in value if isinstance(value, list) else [value]:
                        if isinstance(ctx, str):
                            return ctx[:200]
                stack.append(value)
    return None
