"""The HTML maps in a real browser: Debian's headless Chromium driven by
Playwright's Python package (no Playwright browser download).

Each map is opened from a file:// URL with every request routed through
the test: anything but the file itself fails the test.  Screenshots of
every view and the measured load times go to ``test-artifacts/``.

These tests fail (not skip) when Chromium or Playwright is missing:
``.ci/run`` installs both.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphmap.analyses import Finding, run_analyses
from graphmap.graph import build_graph
from graphmap.render import (
    MapView,
    company_view,
    country_view,
    finding_view,
    org_view,
    path_view,
    tech_view,
    write_map,
)
from tests.map_fixtures import XSS_PAYLOADS, synthetic_company, xss_dataset

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("GRAPHMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TODAY = __import__("datetime").date(2026, 11, 21)
READY = "window.__graphmap && window.__graphmap.ready === true"
JAPANESE = r"/[\u3040-\u30ff\u3400-\u9fff]/"


# --------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium package "
            "(.ci/run does) or set GRAPHMAP_CHROMIUM"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright Python package is missing: pip install '.[test]'")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclasses.dataclass
class Opened:
    page: Any
    errors: list[str]
    requests: list[str]
    blocked: list[str]
    dialogs: list[str]
    seconds: float

    def api(self, expr: str) -> Any:
        return self.page.evaluate(f"window.__graphmap.{expr}")


def wait_until(page: Any, expr: str, timeout: float = 30.0) -> None:
    """Poll ``expr`` in the page until it is truthy.  (Playwright's
    wait_for_function evaluates strings with eval, which the map's
    Content-Security-Policy rightly refuses.)"""
    end = time.monotonic() + timeout
    while not page.evaluate(expr):
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {expr}")
        page.wait_for_timeout(25)


def open_map(browser: Any, path: Path, *, width: int = 1600, height: int = 1000) -> Opened:
    page = browser.new_page(viewport={"width": width, "height": height})
    target = path.resolve().as_uri()
    opened = Opened(page, [], [], [], [], 0.0)

    def route(r: Any) -> None:
        if r.request.url == target:
            r.continue_()
        else:
            opened.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda r: opened.requests.append(r.url))
    page.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: opened.errors.append(str(exc)))

    def on_dialog(d: Any) -> None:
        opened.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    start = time.perf_counter()
    page.goto(target)
    wait_until(page, READY)
    opened.seconds = time.perf_counter() - start
    return opened


def assert_clean(opened: Opened, path: Path) -> None:
    assert opened.errors == [], opened.errors
    assert opened.blocked == [], opened.blocked
    target = path.resolve().as_uri()
    outside = [u for u in opened.requests if u != target and not u.startswith("data:")]
    assert outside == [], outside
    assert opened.dialogs == []


def record_timing(name: str, nodes: int, edges: int, opened: Opened) -> float:
    ready_ms = float(opened.api("readyMs"))
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "map-timings.json"
    data = json.loads(log.read_text("utf-8")) if log.exists() else {}
    data[name] = {
        "nodes": nodes,
        "edges": edges,
        "ready_ms": round(ready_ms),
        "wall_s": round(opened.seconds, 2),
    }
    log.write_text(json.dumps(data, indent=1, ensure_ascii=False), "utf-8")
    return ready_ms


def screenshot(opened: Opened, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.wait_for_timeout(200)
    opened.page.screenshot(path=str(ARTIFACTS / f"map-{name}.png"))


# ----------------------------------------------------------------- maps


@dataclasses.dataclass
class Map:
    path: Path
    view: MapView
    graph: nx.MultiDiGraph


@pytest.fixture(scope="module")
def example() -> tuple[nx.MultiDiGraph, list[Finding]]:
    from examples.build_examples import build_company

    g = build_graph(build_company())
    return g, run_analyses(g, as_of=TODAY)


def _views(g: nx.MultiDiGraph, findings: list[Finding]) -> dict[str, MapView]:
    lp = next(f for f in findings if f.analysis == "leakage_paths")
    return {
        "company": company_view(g),
        "company-folded": company_view(g, max_nodes=150),
        "tech": tech_view(g, lp.subjects[0]),
        "path": path_view(g, findings, lp.subjects[0]),
        "finding": finding_view(g, findings[0], findings),
        "country": country_view(g, "CN"),
        "org": org_view(g, "ORG-JV-CN"),
    }


@pytest.fixture(scope="module")
def maps(
    tmp_path_factory: pytest.TempPathFactory, example: tuple[nx.MultiDiGraph, list[Finding]]
) -> dict[str, Map]:
    g, findings = example
    out = tmp_path_factory.mktemp("maps")
    result = {}
    for name, view in _views(g, findings).items():
        path = out / f"{name}.html"
        write_map(path, g, view, findings, lang="ja", as_of=TODAY)
        result[name] = Map(path, view, g)
    en = out / "company-en.html"
    write_map(en, g, result["company"].view, findings, lang="en", as_of=TODAY)
    result["company-en"] = Map(en, result["company"].view, g)
    return result


VIEW_NAMES = [
    "company",
    "company-folded",
    "tech",
    "path",
    "finding",
    "country",
    "org",
    "company-en",
]


# ----------------------------------------------------------------- tests


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_view_opens_offline_without_errors(browser: Any, maps: dict[str, Map], name: str) -> None:
    m = maps[name]
    opened = open_map(browser, m.path)
    try:
        assert_clean(opened, m.path)
        nodes, edges = len(m.view.visible_nodes()), len(m.view.visible_edges())
        # the page's network holds exactly the view's nodes and edges
        assert opened.api("counts()") == {"nodes": nodes, "edges": edges}
        assert opened.page.evaluate("window.__graphmap.network.body.nodeIndices.length") == nodes
        assert opened.api("shown") == {"nodes": nodes, "edges": edges}
        record_timing(f"example-{name}", nodes, edges, opened)
        labels = opened.page.evaluate("window.__graphmap.nodes.get().map(n => n.label)")
        if name.endswith("-en"):
            assert opened.page.inner_text("#gm-title").startswith("Company map")
            assert "technology" in opened.page.inner_text("#gm-legend")
        else:
            assert "マップ" in opened.page.inner_text("#gm-title")
            assert "技術" in opened.page.inner_text("#gm-legend")
            assert opened.page.evaluate(
                f"{JAPANESE}.test(document.getElementById('gm-details').textContent)"
            )
        assert any(any("\u3040" <= ch <= "\u9fff" for ch in label) for label in labels)
        screenshot(opened, name)
    finally:
        opened.page.close()


def test_names_with_script_stay_text(browser: Any, tmp_path: Path) -> None:
    g = build_graph(xss_dataset())
    findings = run_analyses(g, as_of=TODAY)
    path = tmp_path / "xss.html"
    view = company_view(g)
    write_map(path, g, view, findings, as_of=TODAY)
    opened = open_map(browser, path)
    page = opened.page
    try:
        page.evaluate("window.__xss = undefined")  # nothing may set it from here on
        assert_clean(opened, path)
        assert page.evaluate("document.querySelectorAll('img, svg, iframe, object').length") == 0
        # the panel shows every hostile name as text
        for node in ("ORG-X", "ORG-SELF", "T-1", "S-1", "P-2", "A-1"):
            page.evaluate(f"window.__graphmap.select({json.dumps(node)})")
            text = page.inner_text("#gm-details")
            name = g.nodes[node]["name"]
            assert name.replace("\u2028", "").split("\n")[0][:12] in text, (node, text)
        assert XSS_PAYLOADS[0] in page.inner_text("#gm-details")  # P-2's name
        # the tooltip too: hover P-2, whose name closes a script element
        vid = page.evaluate("window.__graphmap.select('P-2')")
        page.click("#gm-title")  # move focus away; the canvas keeps the node
        box = page.locator("#gm-network").bounding_box()
        pos = page.evaluate(
            "(() => { const n = window.__graphmap.network; "
            f"return n.canvasToDOM(n.getPosition('{vid}')); }})()"
        )
        page.mouse.move(box["x"] + pos["x"] - 20, box["y"] + pos["y"] - 20)
        page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"], steps=4)
        page.wait_for_selector("#gm-tooltip:not([hidden])", timeout=5000)
        assert XSS_PAYLOADS[0] in page.inner_text("#gm-tooltip")
        assert (
            page.evaluate("document.querySelectorAll('#gm-tooltip img, #gm-tooltip script').length")
            == 0
        )
        # searching for markup finds the node and runs nothing
        assert opened.api("search('<img src=x')") >= 1
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None
        assert opened.dialogs == []
        assert opened.errors == []
        screenshot(opened, "xss")
    finally:
        page.close()


def test_search_and_filters_change_what_is_visible(browser: Any, maps: dict[str, Map]) -> None:
    m = maps["company"]
    opened = open_map(browser, m.path)
    page = opened.page
    try:
        total = len(m.view.visible_nodes())

        def visible() -> list[str]:
            ids: list[str] = page.evaluate("window.__graphmap.visibleIds()")
            return ids

        assert len(visible()) == total
        # the panel lists the most severe findings; one click shows the node
        page.locator("#gm-details .gm-clickable li").first.click()
        assert page.evaluate("window.__graphmap.network.getSelectedNodes().length") == 1
        assert page.locator("#gm-details h3").first.inner_text() == "指摘事項"
        # search through the real input box (debounced)
        target = next(n for n in m.view.nodes if m.graph.nodes[n].get("label") == "Technology")
        name = m.graph.nodes[target]["name"]
        page.fill("#gm-search", name)
        wait_until(page, "window.__graphmap.hits && window.__graphmap.hits.length > 0")
        shown = visible()
        assert target in shown and len(shown) < total
        assert "件一致" in page.inner_text("#gm-search-status")
        page.fill("#gm-search", "")
        wait_until(page, f"window.__graphmap.visibleIds().length === {total}")

        # severity: only nodes with a critical finding
        page.select_option("#gm-severity", "4")
        critical = visible()
        assert 0 < len(critical) < total
        page.select_option("#gm-severity", "0")
        assert len(visible()) == total

        # country
        page.select_option("#gm-country", "CN")
        cn = visible()
        assert 0 < len(cn) < total and "ORG-JV-CN" in cn
        page.select_option("#gm-country", "")

        # type: untick people in the legend
        page.locator("#gm-legend input[data-label='Person']").uncheck()
        left = visible()
        assert not any(m.graph.nodes[n].get("label") == "Person" for n in left if n in m.graph)
        assert len(left) < total
        # reset shows everything again
        page.click("#gm-reset")
        assert len(visible()) == total
        assert opened.errors == []
        screenshot(opened, "company-after-reset")
    finally:
        page.close()


def test_folded_group_unfolds_in_place(browser: Any, maps: dict[str, Map]) -> None:
    m = maps["company-folded"]
    view = m.view
    gid = max(
        (g for g in view.collapsed if view.groups[g].label == "Person"),
        key=lambda g: len(view.groups[g].members),
    )
    opened = open_map(browser, m.path)
    page = opened.page
    try:
        index = page.evaluate(f"window.__graphmap.groupIndex({json.dumps(gid)})")
        box = page.locator("#gm-network").bounding_box()
        pos = page.evaluate(
            "(() => { const n = window.__graphmap.network; "
            f"return n.canvasToDOM(n.getPosition('g{index}')); }})()"
        )
        page.mouse.dblclick(box["x"] + pos["x"], box["y"] + pos["y"])
        wait_until(page, f"!window.__graphmap.nodes.get('g{index}')")
        unfolded = dataclasses.replace(view, collapsed=set(view.collapsed) - {gid})
        expected = {"nodes": len(unfolded.visible_nodes()), "edges": len(unfolded.visible_edges())}
        assert opened.api("counts()") == expected
        members = set(page.evaluate("window.__graphmap.visibleIds()"))
        assert set(view.groups[gid].members) <= members
        screenshot(opened, "company-folded-unfolded")
        page.evaluate(f"window.__graphmap.collapse({json.dumps(gid)})")
        assert opened.api("counts()") == {
            "nodes": len(view.visible_nodes()),
            "edges": len(view.visible_edges()),
        }
        assert opened.errors == []
    finally:
        page.close()


def test_freeze_button_toggles_the_layout(browser: Any, maps: dict[str, Map]) -> None:
    m = maps["path"]
    opened = open_map(browser, m.path)
    page = opened.page
    try:
        button = page.locator("#gm-freeze")
        assert button.get_attribute("aria-pressed") == "true"
        physics = "window.__graphmap.network.physics.options.enabled"
        assert page.evaluate(physics) is False
        button.click()
        assert button.get_attribute("aria-pressed") == "false"
        assert page.evaluate(physics) is True
        button.click()
        assert page.evaluate(physics) is False
        assert opened.errors == []
    finally:
        page.close()


@pytest.fixture(scope="module")
def big_maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Map]:
    out = tmp_path_factory.mktemp("big")
    result = {}
    g = build_graph(synthetic_company(1350, disclosures=450))
    findings = run_analyses(g, as_of=TODAY)
    view = company_view(g, max_nodes=5000)
    write_map(out / "2000.html", g, view, findings, as_of=TODAY)
    result["2000"] = Map(out / "2000.html", view, g)
    big = build_graph(synthetic_company(5000, units=60, assets=800, partners=200, disclosures=2500))
    view = company_view(big)
    write_map(out / "folded.html", big, view, [], as_of=TODAY)
    result["folded"] = Map(out / "folded.html", view, big)
    return result


def test_two_thousand_nodes_are_ready_within_five_seconds(
    browser: Any, big_maps: dict[str, Map]
) -> None:
    m = big_maps["2000"]
    nodes, edges = len(m.view.visible_nodes()), len(m.view.visible_edges())
    assert nodes >= 2000
    opened = open_map(browser, m.path)
    try:
        assert_clean(opened, m.path)
        assert opened.api("counts()") == {"nodes": nodes, "edges": edges}
        ready_ms = record_timing("synthetic-2000", nodes, edges, opened)
        assert ready_ms < 5000, f"ready after {ready_ms:.0f} ms"
        # and it stays responsive: a search over every node
        start = opened.page.evaluate("performance.now()")
        assert opened.api("search('焼成技術1')") > 0
        took = opened.page.evaluate("performance.now()") - start
        assert took < 1000, f"search took {took:.0f} ms"
        screenshot(opened, "synthetic-2000")
    finally:
        opened.page.close()


def test_larger_views_are_folded_not_drawn(browser: Any, big_maps: dict[str, Map]) -> None:
    m = big_maps["folded"]
    assert m.graph.number_of_nodes() > 8000
    nodes, edges = len(m.view.visible_nodes()), len(m.view.visible_edges())
    assert nodes <= 2000
    opened = open_map(browser, m.path)
    try:
        assert_clean(opened, m.path)
        assert opened.api("counts()") == {"nodes": nodes, "edges": edges}
        ready_ms = record_timing(
            f"synthetic-{m.graph.number_of_nodes()}-folded", nodes, edges, opened
        )
        assert ready_ms < 5000, f"ready after {ready_ms:.0f} ms"
        assert opened.page.is_visible("#gm-notice")
        screenshot(opened, "synthetic-folded")
    finally:
        opened.page.close()
