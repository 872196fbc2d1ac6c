"""The HTML exposure map without a browser: view selection, folding,
encoding, escaping, the no-external-URL rule and the ``map`` command."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from graphmap import model as m
from graphmap.analyses import Evidence, Finding, Severity, run_analyses
from graphmap.dataset import Dataset
from graphmap.graph import build_graph
from graphmap.render import (
    UnknownId,
    company_view,
    country_view,
    disclosure_coverage,
    finding_view,
    map_payload,
    node_exposure,
    org_view,
    path_view,
    render_html,
    tech_view,
    write_map,
)
from graphmap.render.html_map import json_for_html
from graphmap.render.layout import folded_position, layout
from tests.conftest import GRAPHMAP
from tests.map_fixtures import XSS_PAYLOADS, synthetic_company, xss_dataset
from tests.test_importers import small_dataset

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 21)  # the example company's today
EXAMPLE_TODAY = TODAY


@pytest.fixture(scope="module")
def small() -> nx.MultiDiGraph:
    return build_graph(small_dataset())


@pytest.fixture(scope="module")
def company() -> tuple[nx.MultiDiGraph, list[Finding]]:
    from examples.build_examples import build_company

    g = build_graph(build_company())
    return g, run_analyses(g, as_of=EXAMPLE_TODAY)


def _finding(analysis: str, subjects: list[str], **kw: object) -> Finding:
    return Finding(
        id=f"{analysis}:{'-'.join(subjects)}",
        analysis=analysis,
        family="flows",
        checklist=["S2"],
        severity=kw.get("severity", Severity.high),  # type: ignore[arg-type]
        score=float(kw.get("score", 50.0)),  # type: ignore[arg-type]
        subjects=subjects,
        message_ja="指摘",
        message_en="finding",
        evidence=Evidence(nodes=subjects),
    )


# ------------------------------------------------------------------ views


def test_company_view_draws_every_node_and_edge_when_small(small: nx.MultiDiGraph) -> None:
    view = company_view(small)
    assert sorted(view.visible_nodes()) == sorted(small.nodes)
    assert not view.collapsed
    # every edge is drawn but those a disc already says (steps around their technology)
    assert set(view.implied) == {("S-1", "T-1", "STEP_OF"), ("S-2", "T-1", "STEP_OF")}
    assert len(view.visible_edges()) == small.number_of_edges() - len(view.implied)


def test_tech_view_holds_steps_knowers_assets_equipment_and_recipients(
    small: nx.MultiDiGraph,
) -> None:
    view = tech_view(small, "T-1")
    nodes = set(view.nodes)
    # the technology, its steps, the asset, who knows and who can access,
    # the equipment and whoever it is with, the disclosure and its recipient
    assert {"T-1", "S-1", "S-2", "A-1", "P-1", "P-2", "EQ-1", "ORG-SUP", "D-1", "PRJ-1"} <= nodes
    assert "DD-1" not in nodes and "POL-1" not in nodes
    assert view.focus == ["T-1"]
    assert all(u in nodes and v in nodes for u, v, _ in view.edges)


def test_tech_view_follows_onward_disclosures() -> None:
    ds = small_dataset()
    ds.add(
        m.Organisation(id="ORG-SUB", name="再委託先", kind="contract_manufacturer", country="CN")
    )
    ds.add(
        m.Disclosure(
            id="D-2",
            date=dt.date(2024, 4, 1),
            assets=["A-1"],
            sender="ORG-SUP",
            recipient="ORG-SUB",
            onward_of="D-1",
        )
    )
    g = build_graph(ds)
    nodes = set(tech_view(g, "T-1").nodes)
    assert {"D-2", "ORG-SUB"} <= nodes


def test_country_and_org_views_gather_what_flowed_there(small: nx.MultiDiGraph) -> None:
    cn = set(country_view(small, "cn").nodes)
    # the supplier and the site in China, the disclosure to it, what it carried
    assert {"CN", "ORG-SUP", "SITE-CN", "D-1", "A-1", "P-1", "T-1", "EQ-1"} <= cn
    org = set(org_view(small, "ORG-SUP").nodes)
    assert {"ORG-SUP", "D-1", "A-1", "P-1", "P-2", "EQ-1", "C-1", "PRJ-1"} <= org


@pytest.mark.parametrize(
    ("call", "kind"),
    [
        (lambda g: tech_view(g, "NOPE"), "tech"),
        (lambda g: tech_view(g, "ORG-SUP"), "tech"),
        (lambda g: org_view(g, "T-1"), "org"),
        (lambda g: country_view(g, "XX"), "country"),
        (lambda g: path_view(g, [], "T-1"), "path"),
    ],
)
def test_unknown_ids_are_reported(small: nx.MultiDiGraph, call: object, kind: str) -> None:
    with pytest.raises(UnknownId) as info:
        call(small)  # type: ignore[operator]
    assert info.value.kind == kind


def test_finding_view_highlights_the_evidence(
    company: tuple[nx.MultiDiGraph, list[Finding]],
) -> None:
    g, findings = company
    f = findings[0]
    view = finding_view(g, f, findings)
    assert set(f.subjects) <= set(view.highlight_nodes)
    assert set(view.highlight_nodes) <= set(view.nodes)
    assert {tuple(e) for e in f.evidence.edges} <= set(view.highlight_edges)
    assert view.findings == [f.id]


def test_path_view_orders_the_leakage_path(company: tuple[nx.MultiDiGraph, list[Finding]]) -> None:
    g, findings = company
    lp = next(f for f in findings if f.analysis == "leakage_paths")
    tech, end = lp.subjects
    view = path_view(g, findings, tech)
    assert view.path[0] == tech and view.path[-1] == end
    assert set(lp.evidence.nodes) <= set(view.highlight_nodes)
    pos = layout(view)
    xs = [pos[n][0] for n in view.path]
    assert xs == sorted(xs), "the path reads left to right"


# ------------------------------------------------------------- folding


def test_large_company_is_folded_below_max_nodes() -> None:
    g = build_graph(synthetic_company(600, disclosures=300))
    assert g.number_of_nodes() > 1000
    view = company_view(g, max_nodes=400)
    visible = view.visible_nodes()
    assert len(visible) <= 400
    assert view.collapsed
    # people fold by unit, organisations by kind and country
    kinds = {view.groups[gid].label for gid in view.collapsed}
    assert {"Person", "Disclosure"} <= kinds
    person_groups = [gid for gid in view.collapsed if view.groups[gid].label == "Person"]
    assert all(gid.startswith("grp:Person:unit:") for gid in person_groups)
    # every member of a folded group is drawn as that group; no edge inside a group
    for gid in view.collapsed:
        assert all(view.rep(n) == gid for n in view.groups[gid].members)
    edges = view.visible_edges()
    assert all(u != v for u, v, _ in edges)
    assert len(set(edges)) == len(edges)
    drawn = set(visible)
    assert all(u in drawn and v in drawn for u, v, _ in edges)
    # every folded edge stands for at least one real edge
    real = {(view.rep(u), view.rep(v), k) for u, v, k in view.edges}
    assert set(edges) <= real


def test_company_view_centres_units_in_their_people() -> None:
    g = build_graph(synthetic_company(200, disclosures=50))
    view = company_view(g)
    gid = "grp:Person:unit:U-001"
    assert view.centres[gid] == "U-001"
    pos = layout(view)
    assert pos["U-001"] == pos[gid]
    # membership goes without saying while the disc is open ...
    member = view.groups[gid].members[0]
    edge = (member, "U-001", "MEMBER_OF")
    assert edge in view.edges and view.implied[edge] == gid
    assert edge not in view.visible_edges()
    assert (member, "ORG-SELF", "EMPLOYED_BY") not in view.visible_edges()
    # ... and is drawn (as one edge) when the group is folded
    view.collapsed.add(gid)
    assert (gid, "U-001", "MEMBER_OF") in view.visible_edges()


def test_groups_are_not_folded_below_max_nodes() -> None:
    g = build_graph(synthetic_company(200, disclosures=50))
    view = company_view(g, max_nodes=10_000)
    assert not view.collapsed and view.groups


def test_focus_and_evidence_are_never_folded() -> None:
    from graphmap.render.views import _view

    g = build_graph(synthetic_company(600, disclosures=300))
    view = org_view(g, "ORG-0001", max_nodes=5)
    assert view.collapsed
    assert "ORG-0001" in view.visible_nodes()
    whole = _view(
        g, "company", g.nodes, focus=["ORG-0001"], highlight_nodes=["P-00007"], max_nodes=50
    )
    assert len(whole.collapsed) > 10
    assert {"ORG-0001", "P-00007"} <= set(whole.visible_nodes())


# ------------------------------------------------------------- encoding


def test_exposure_sums_scores_and_keeps_the_worst_severity() -> None:
    f1 = _finding("a", ["X"], score=30, severity=Severity.low)
    f2 = _finding("b", ["X", "Y"], score=20, severity=Severity.critical)
    out = node_exposure([f1, f2])
    assert out["X"] == (50.0, 4, [f1.id, f2.id])
    assert out["Y"] == (20.0, 4, [f2.id])


def test_coverage_comes_from_findings_and_contracts(small: nx.MultiDiGraph) -> None:
    g = small.copy()
    g.add_node("D-9", label="Disclosure", date=dt.date(2024, 1, 1))
    assert disclosure_coverage(g, []) == {"D-1": "covered", "D-9": "unknown"}
    flagged = disclosure_coverage(g, [_finding("uncovered_disclosures", ["D-1"])])
    assert flagged["D-1"] == "uncovered"
    # a map asks only about its own nodes; other labels and unknown ids are passed over
    assert disclosure_coverage(g, [], ["D-9", "P-2", "NOT-THERE"]) == {"D-9": "unknown"}


def test_payload_encodes_flow_direction_coverage_and_ended(small: nx.MultiDiGraph) -> None:
    g = small.copy()
    g.edges["P-2", "A-1", "CAN_ACCESS"]["revoked"] = dt.date(2025, 1, 1)
    view = company_view(g)
    data = map_payload(g, view, [_finding("uncovered_disclosures", ["D-1"])], as_of=TODAY)
    ids = [n["id"] for n in data["nodes"]]
    etypes = [e["code"] for e in data["etypes"]]

    def edge(src: str, dst: str, etype: str) -> list[object]:
        for row in data["edges"]:
            if (ids[row[0]], ids[row[1]], etypes[row[2]]) == (src, dst, etype):
                return row
        raise AssertionError((src, dst, etype))

    # know-how flows from the step to the person who knows it
    assert edge("S-1", "P-1", "KNOWS")[4] == 0
    # revoked access is dashed
    assert edge("A-1", "P-2", "CAN_ACCESS")[4] == 1
    # the disclosure's hops are uncovered (code 2)
    assert edge("D-1", "ORG-SUP", "DISCLOSED_TO")[3] == 2
    assert edge("P-1", "D-1", "DISCLOSED")[3] == 2
    assert data["expected"] == {
        "nodes": len(view.visible_nodes()),
        "edges": len(view.visible_edges()),
    }
    flows = {e["code"]: e["flow"] for e in data["etypes"]}
    assert flows["KNOWS"] and not flows["MEMBER_OF"]


def test_labels_are_japanese_or_english(small: nx.MultiDiGraph) -> None:
    view = company_view(small)
    ja = map_payload(small, view, [], lang="ja", as_of=TODAY)
    en = map_payload(small, view, [], lang="en", as_of=TODAY)
    assert ja["title"].startswith("全社マップ") and en["title"].startswith("Company map")
    assert {t["name"] for t in ja["types"]} >= {"技術", "人員", "組織"}
    assert {t["name"] for t in en["types"]} >= {"technology", "person", "organisation"}
    assert ja["ui"]["search"] == "検索（名前・ID）" and en["ui"]["search"].startswith("Search")
    d1 = next(n for n in ja["nodes"] if n["id"] == "D-1")
    assert "サンプル送付" in d1["n"]
    # personal data stays out of tooltips
    p2 = next(n for n in ja["nodes"] if n["id"] == "P-2")
    assert not any(caption == "居住性区分" for caption, _ in p2["a"])


def test_layout_is_deterministic_and_places_every_node() -> None:
    g = build_graph(synthetic_company(300, disclosures=100))
    for view in (company_view(g), company_view(g, max_nodes=100), tech_view(g, "T-01")):
        a, b = layout(view), layout(view)
        assert a == b
        assert set(view.nodes) <= set(a)
        assert set(view.groups) <= set(a)
        drawn = {
            folded_position(view, a, n) if n in view.collapsed else a[n]
            for n in view.visible_nodes()
        }
        assert len(drawn) == len(view.visible_nodes()), "two nodes on the same spot"


# ------------------------------------------------------------- HTML safety


def test_json_for_html_escapes_everything_that_could_end_the_element() -> None:
    text = json_for_html({"n": "</script><!-- &amp; \u2028\u2029"})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == {"n": "</script><!-- &amp; \u2028\u2029"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: dict[str, str] = {}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open = dict(attrs).get("id")

    def handle_data(self, data: str) -> None:
        if self._open:
            self.data[self._open] = self.data.get(self._open, "") + data


@pytest.fixture(scope="module")
def xss_html() -> str:
    g = build_graph(xss_dataset())
    return render_html(g, company_view(g), run_analyses(g, as_of=TODAY), as_of=TODAY)


def test_names_never_reach_the_page_as_markup(xss_html: str) -> None:
    for payload in XSS_PAYLOADS:
        assert payload not in xss_html
    parser = _Tags()
    parser.feed(xss_html)
    tags = [t for t, _ in parser.tags]
    assert tags.count("script") == 3  # data, vis-network, the map
    assert "img" not in tags and "svg" not in tags and "b" not in tags
    assert xss_html.count("</script>") == 3
    # the data element holds JSON that reads back to the original names
    data = json.loads(parser.data["gm-data"])
    names = {n["n"] for n in data["nodes"]}
    assert XSS_PAYLOADS[0] in names and XSS_PAYLOADS[1] in names
    assert "window.__xss" not in re.sub(
        r'<script type="application/json".*?</script>', "", xss_html, flags=re.S
    )


def test_page_has_no_external_url(xss_html: str) -> None:
    parser = _Tags()
    parser.feed(xss_html)
    for tag, attrs in parser.tags:
        assert tag not in ("link", "iframe", "img", "object", "embed", "base", "form")
        for name in ("src", "href", "action", "srcset", "data", "poster"):
            assert name not in attrs, (tag, attrs)
    lowered = xss_html.lower()
    assert "node_modules" not in lowered
    assert "cdn" not in re.sub(r"[a-z]cdn|cdn[a-z]", "", lowered)
    assert "@import" not in lowered
    for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", xss_html):
        assert url.startswith("data:"), url
    # the only http(s) strings are inside the vis-network licence comment and
    # its bundled libraries' messages, never in an attribute or our own code
    ours = xss_html.split("<script>")[-1]
    assert "http" not in ours and "//" not in ours.split("*/", 1)[1].replace("// ", "")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', xss_html)
    assert csp and "default-src &#x27;none&#x27;" in csp.group(1)


def test_write_map_is_atomic_and_private(tmp_path: Path, small: nx.MultiDiGraph) -> None:
    target = tmp_path / "map.html"
    write_map(target, small, company_view(small), [], as_of=TODAY)
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
    if os.name == "posix":
        assert target.stat().st_mode & 0o077 == 0
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


# ------------------------------------------------------------------ CLI



def _run(*args: str, cwd: Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GRAPHMAP_LANG": lang, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [*GRAPHMAP, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from importers import write_source

    out = tmp_path_factory.mktemp("src") / "data"
    write_source(small_dataset(), out)
    return out


def test_map_command_writes_each_view(tmp_path: Path, source: Path) -> None:
    for args in ([], ["--tech", "T-1"], ["--country", "CN"], ["--org", "ORG-SUP"]):
        out = tmp_path / "m.html"
        res = _run("map", str(source), "-o", str(out), "--as-of", "2026-11-21", *args, cwd=tmp_path)
        assert res.returncode == 0, res.stderr
        assert "map written" in res.stdout
        assert "gm-data" in out.read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tech", "NOPE"], "no technology with id NOPE"),
        (["--org", "NOPE"], "no organisation with id NOPE"),
        (["--country", "ZZ"], "no country ZZ"),
        (["--finding", "x:1"], "no finding with id x:1"),
        (["--tech", "T-1", "--org", "ORG-SUP"], "choose one view only"),
        (["--max-nodes", "0"], "--max-nodes must be 1 or more"),
        (["--as-of", "yesterday"], "bad date"),
    ],
)
def test_map_command_reports_bad_requests(
    tmp_path: Path, source: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "m.html"
    res = _run("map", str(source), "-o", str(out), *args, cwd=tmp_path)
    assert res.returncode == 2
    assert message in res.stderr
    assert "Traceback" not in res.stderr
    assert not out.exists()


def test_map_command_on_an_empty_dataset(tmp_path: Path) -> None:
    g = build_graph(Dataset())
    html = render_html(g, company_view(g), [], lang="en", as_of=TODAY)
    assert '"nodes":[]' in html
