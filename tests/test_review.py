"""Quarterly review: snapshots (hash, immutability, interrupted writes),
diffs, key figures, the HTML report and redaction."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import re
import signal
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphmap.analyses import run_analyses
from graphmap.analyses.base import Context
from graphmap.analyses.knowledge import truck_factor
from graphmap.checklist import checklist_status
from graphmap.graph import build_graph
from graphmap.inputs import InputError
from graphmap.review.content import Review, build_review
from graphmap.review.diff import diff_snapshots
from graphmap.review.figures import TRUCK_FACTOR_CAP, key_figures
from graphmap.review.snapshot import (
    build_snapshot,
    list_snapshots,
    load_snapshot,
    parse_quarter,
    quarter_end,
    save_snapshot,
    snapshot_path,
)
from tests.conftest import GRAPHMAP
from tests.review_fixtures import EXAMPLE, REMOVED, example, original_ids, original_names, two_quarters, without


def run(*args: str, cwd: Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GRAPHMAP_LANG": lang, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [*GRAPHMAP, *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300
    )


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workspace = tmp_path_factory.mktemp("review") / "ws"
    two_quarters(workspace)
    return workspace


@pytest.fixture(scope="module")
def review(ws: Path) -> Review:
    return build_review(ws, "2026Q4", compare="2026Q3", lang="ja")


# ----------------------------------------------------------- quarters


def test_quarters_are_validated() -> None:
    assert parse_quarter("2026q4") == "2026Q4"
    assert quarter_end("2026Q4") == dt.date(2026, 12, 31)
    assert quarter_end("2024Q1") == dt.date(2024, 3, 31)
    for bad in ("2026Q5", "2026Q0", "26Q1", "2026-Q1", "Q4 2026", ""):
        with pytest.raises(InputError) as info:
            parse_quarter(bad)
        assert info.value.key == "review.bad_quarter"


def test_bad_quarter_on_the_command_line(tmp_path: Path) -> None:
    for lang, expected in (("en", "bad quarter: 2026Q7"), ("ja", "四半期の指定が不正です: 2026Q7")):
        res = run("snapshot", "--quarter", "2026Q7", str(EXAMPLE), "-w", str(tmp_path / "w"), cwd=tmp_path, lang=lang)
        assert res.returncode == 2
        assert expected in res.stderr
        assert "Traceback" not in res.stderr
    assert not (tmp_path / "w").exists()


# ----------------------------------------------------------- snapshots


def test_snapshot_round_trip_and_hash(ws: Path) -> None:
    assert list_snapshots(ws) == ["2026Q3", "2026Q4"]
    snap = load_snapshot(ws, "2026Q4")
    assert snap.as_of == dt.date(2026, 12, 31)
    assert snap.findings and len(snap.checklist) == 32
    data = json.loads(snapshot_path(ws, "2026Q4").read_text("utf-8"))
    assert data["manifest"]["sha256"] == snap.sha256()
    assert data["manifest"]["quarter"] == "2026Q4"
    ids = {r.id for r in snap.records() if hasattr(r, "id")}
    assert "TECH-CATHODE" in ids and not ids & REMOVED
    assert snapshot_path(ws, "2026Q4").stat().st_mode & 0o077 == 0


def test_tampered_snapshot_is_refused(tmp_path: Path, ws: Path) -> None:
    target = tmp_path / "ws" / "snapshots"
    target.mkdir(parents=True)
    source = snapshot_path(ws, "2026Q4").read_text("utf-8")
    # a finding's score edited by hand
    edited = re.sub(r'"score":(\d+)', lambda mt: f'"score":{int(mt.group(1)) // 2 + 1}', source, count=1)
    assert edited != source
    (target / "2026Q4.json").write_text(edited, "utf-8")
    (target / "2026Q3.json").write_text(source[: len(source) // 2], "utf-8")  # truncated
    with pytest.raises(InputError) as info:
        load_snapshot(tmp_path / "ws", "2026Q4")
    assert info.value.key == "review.snapshot_corrupt" and info.value.params["reason"] == "sha256"
    with pytest.raises(InputError) as info:
        load_snapshot(tmp_path / "ws", "2026Q3")
    assert info.value.key == "review.snapshot_corrupt"
    res = run("diff", "2026Q3", "2026Q4", "-w", str(tmp_path / "ws"), cwd=tmp_path)
    assert res.returncode == 2
    assert "snapshot damaged or altered" in res.stderr and "Traceback" not in res.stderr


def test_snapshot_with_a_record_that_is_not_an_object_is_refused(tmp_path: Path, ws: Path) -> None:
    """The hash is no signature: content rewritten with a matching hash
    still has to hold records as objects."""
    import hashlib

    from graphmap.review.snapshot import canonical_json

    data = json.loads(snapshot_path(ws, "2026Q4").read_text("utf-8"))
    rows = next(iter(data["content"]["dataset"].values()))
    rows[0] = "not a record"
    data["manifest"]["sha256"] = hashlib.sha256(canonical_json(data["content"]).encode()).hexdigest()
    target = tmp_path / "ws" / "snapshots"
    target.mkdir(parents=True)
    (target / "2026Q4.json").write_text(canonical_json(data), "utf-8")
    with pytest.raises(InputError) as info:
        load_snapshot(tmp_path / "ws", "2026Q4")
    assert info.value.key == "review.snapshot_corrupt" and info.value.params["reason"] == "dataset"


def test_missing_snapshot_names_the_stored_quarters(tmp_path: Path, ws: Path) -> None:
    res = run("diff", "2025Q4", "2026Q4", "-w", str(ws), cwd=tmp_path)
    assert res.returncode == 2
    assert "no snapshot of 2025Q4" in res.stderr and "2026Q3, 2026Q4" in res.stderr


def test_snapshot_is_immutable_unless_replaced(tmp_path: Path) -> None:
    w = tmp_path / "w"
    first = run("snapshot", "--quarter", "2026Q4", str(EXAMPLE), "-w", str(w), "--as-of", "2026-11-21", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "stored the snapshot of 2026Q4" in first.stdout
    before = snapshot_path(w, "2026Q4").read_bytes()
    again = run("snapshot", "--quarter", "2026Q4", str(EXAMPLE), "-w", str(w), cwd=tmp_path)
    assert again.returncode == 2
    assert "already exists" in again.stderr and "--replace" in again.stderr
    assert snapshot_path(w, "2026Q4").read_bytes() == before
    replaced = run("snapshot", "--quarter", "2026Q4", str(EXAMPLE), "-w", str(w), "--replace", cwd=tmp_path)
    assert replaced.returncode == 0, replaced.stderr
    after = load_snapshot(w, "2026Q4")
    assert after.as_of == dt.date(2026, 12, 31)  # the quarter's end by default
    assert snapshot_path(w, "2026Q4").read_bytes() != before
    assert sorted(p.name for p in (w / "snapshots").iterdir()) == ["2026Q4.json"]


def test_interrupted_write_keeps_the_previous_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ds = example()
    w = tmp_path / "w"
    save_snapshot(w, build_snapshot(ds, "2026Q4", as_of=dt.date(2026, 11, 21)))
    before = snapshot_path(w, "2026Q4").read_bytes()
    real = Path.write_bytes

    def half_then_interrupt(self: Path, data: bytes) -> int:  # type: ignore[override]
        real(self, data[: len(data) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_bytes", half_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        save_snapshot(w, build_snapshot(without(ds, REMOVED), "2026Q4"), replace=True)
    with pytest.raises(KeyboardInterrupt):
        save_snapshot(w, build_snapshot(ds, "2026Q3"))
    monkeypatch.undo()
    assert snapshot_path(w, "2026Q4").read_bytes() == before
    assert list_snapshots(w) == ["2026Q4"]
    assert sorted(p.name for p in (w / "snapshots").iterdir()) == ["2026Q4.json"]  # no temporary left
    assert load_snapshot(w, "2026Q4").as_of == dt.date(2026, 11, 21)


_CHILD = r"""
import datetime as dt, sys, time
from pathlib import Path
from graphmap.inputs import load_input
from graphmap.review.snapshot import build_snapshot, save_snapshot
snap = build_snapshot(load_input([Path(sys.argv[2])]), "2026Q4", as_of=dt.date(2026, 12, 31))
real = Path.write_bytes
def slow(self, data):
    with open(self, "wb") as fh:
        fh.write(data[: len(data) // 3])
        fh.flush()
        print("writing", flush=True)
        time.sleep(600)
        fh.write(data[len(data) // 3 :])
    return len(data)
Path.write_bytes = slow
save_snapshot(Path(sys.argv[1]), snap, replace=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_mid_write_leaves_the_previous_state(tmp_path: Path) -> None:
    w = tmp_path / "w"
    save_snapshot(w, build_snapshot(example(), "2026Q4", as_of=dt.date(2026, 11, 21)))
    before = snapshot_path(w, "2026Q4").read_bytes()
    # run from tmp_path: with ``-c`` the working folder comes first on
    # sys.path, and the repository's folder would shadow the installed package
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(w), str(EXAMPLE)], stdout=subprocess.PIPE, text=True, cwd=tmp_path
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writing"
        temps = list((w / "snapshots").glob(".2026Q4.json.*.tmp"))
        assert temps and temps[0].stat().st_size > 0  # caught mid-write
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert snapshot_path(w, "2026Q4").read_bytes() == before
    assert list_snapshots(w) == ["2026Q4"]  # the stray temporary is not a snapshot
    assert load_snapshot(w, "2026Q4").as_of == dt.date(2026, 11, 21)


# ----------------------------------------------------------- figures


def test_key_figures_follow_the_analyses() -> None:
    ds = example()
    day = dt.date(2026, 11, 21)
    g = build_graph(ds)
    findings = run_analyses(g, as_of=day)
    kf = key_figures(g, findings, checklist_status(g, findings), as_of=day)
    by = {tf.technology: tf for tf in kf.technologies}
    assert set(by) == {"TECH-BTO", "TECH-CATHODE", "TECH-RECYCLE", "TECH-SOLIDELEC"}  # graded only
    # truck factors agree with the analysis wherever it reports one
    ctx = Context(g, day)
    for f in truck_factor(ctx, max_alert=TRUCK_FACTOR_CAP):
        assert by[f.subjects[0]].truck_factor == f.evidence.facts["truck_factor"]
    for f in findings:
        if f.analysis == "truck_factor":
            assert by[f.subjects[0]].truck_factor == f.evidence.facts["truck_factor"]
        if f.analysis == "full_process_knowers":
            assert by[f.evidence.facts["technology"]].full_process_knowers == f.evidence.facts["count"]
    assert all(tf.truck_factor is not None or tf.truck_factor_over_cap for tf in by.values())
    # one person knows the whole solid-electrolyte process (critical finding)
    assert by["TECH-SOLIDELEC"].full_process_knowers == 1
    vendors = {(f.subjects[0], f.subjects[1]) for f in findings if f.analysis == "vendor_concentration"}
    for tech, tf in by.items():
        assert tf.vendor_concentration == len({v for v, t in vendors if t == tech})
        assert 0 <= tf.checklist_met <= tf.checklist_evidenced <= 32
    assert by["TECH-CATHODE"].foreign_influenced_partners >= 1  # the Chinese JV
    # counted over the technology's whole map view; the indexed walk the
    # figures take sees exactly what the map draws
    from graphmap.render.views import GraphWalk, tech_nodes, tech_view

    foreign = {f.subjects[0] for f in findings if f.analysis == "foreign_government_influence"}
    for tech in g.nodes:
        if g.nodes[tech].get("label") != "Technology":
            continue
        drawn = set(tech_view(g, tech, max_nodes=10**9).nodes)
        assert tech_nodes(ctx, tech) == tech_nodes(GraphWalk(g), tech) == drawn
        if tech in by:
            assert by[tech].foreign_influenced_partners == len(foreign & drawn)
    assert by["TECH-CATHODE"].uncovered_disclosures > by["TECH-RECYCLE"].uncovered_disclosures
    assert sum(kf.checklist.values()) == 32
    assert sum(kf.findings_by_severity.values()) == len(findings)


# ----------------------------------------------------------- diff


def test_diff_new_resolved_persisting(ws: Path) -> None:
    old, new = load_snapshot(ws, "2026Q3"), load_snapshot(ws, "2026Q4")
    d = diff_snapshots(old, new)
    assert d.new and d.resolved and d.persisting
    ids_new, ids_res, ids_per = ({f.id for f in x} for x in (d.new, d.resolved, d.persisting))
    assert ids_new | ids_per == {f.id for f in new.findings}
    assert ids_res | ids_per == {f.id for f in old.findings}
    assert not ids_new & ids_res
    # the removed disclosures' findings are resolved
    assert any(set(f.subjects) & REMOVED for f in d.resolved)
    assert not any(set(f.subjects) & REMOVED for f in [*d.new, *d.persisting])
    move = next(m for m in d.figures if m.technology == "TECH-SOLIDELEC" and m.figure == "uncovered_disclosures")
    assert move.delta is not None and move.delta < 0 and move.better() is True
    assert {m.figure for m in d.totals} == {m.figure for m in d.figures}


def test_diff_command(tmp_path: Path, ws: Path) -> None:
    res = run("diff", "2026Q3", "2026Q4", "-w", str(ws), "--format", "json", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    body = json.loads(res.stdout)
    assert body["counts"]["resolved"] == len(body["resolved"]) > 0
    assert body["counts"]["new"] == len(body["new"]) > 0
    assert {"technology", "figure", "old", "new", "delta"} <= set(body["figures"][0])
    table = run("diff", "2026q3", "2026Q4", "-w", str(ws), cwd=tmp_path, lang="ja")
    assert table.returncode == 0, table.stderr
    assert "2026Q3 → 2026Q4 の変化" in table.stdout and "解消" in table.stdout
    same = run("diff", "2026Q4", "2026Q4", "-w", str(ws), cwd=tmp_path)
    assert same.returncode == 2 and "both quarters are the same" in same.stderr


# ----------------------------------------------------------- report


def test_report_is_one_self_contained_page(review: Review, tmp_path: Path) -> None:
    from graphmap.review.report import CSP, write_report

    out = tmp_path / "report.html"
    write_report(out, review)
    page = out.read_text("utf-8")
    assert out.stat().st_mode & 0o077 == 0
    assert f'content="{html.escape(CSP)}"' in page
    # nothing loaded from anywhere: no src/href to a URL, no external sheet
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert "<link" not in page.lower()
    assert page.count("<iframe") == len(review.techs) == 4
    assert page.count('sandbox="allow-scripts"') == 4
    for tp in review.techs:
        assert html.escape(tp.figures.name) in page
    outer = re.sub(r'srcdoc="[^"]*"', "", page)
    # one static map per technology and the trend charts, all inline
    assert len(re.findall(r'<img alt="[^"]*" src="data:image/png;base64,', outer)) == 4 + 1
    assert outer.count("<img") == 4 + 1
    for text in ("エグゼクティブサマリー", "チェックリスト", "流出経路", "付録: 方法", "2026Q3 以降に解消した指摘"):
        assert text in page
    # the embedded map pages are complete documents, escaped into the attribute
    srcdocs = re.findall(r'srcdoc="([^"]*)"', page)
    assert len(srcdocs) == 4 and all(html.unescape(s).startswith("<!DOCTYPE html>") for s in srcdocs)


def test_report_escapes_hostile_names(tmp_path: Path) -> None:
    from graphmap.review.report import render_report
    from tests.map_fixtures import XSS_PAYLOADS, xss_dataset

    w = tmp_path / "w"
    save_snapshot(w, build_snapshot(xss_dataset(), "2026Q4"))
    page = render_report(build_review(w, "2026Q4", lang="en"))
    outer = re.sub(r'srcdoc="[^"]*"', "", page)
    for payload in XSS_PAYLOADS:
        if "<" in payload:
            assert payload not in outer
    assert "<img src=x" not in outer and "<svg onload" not in outer
    for s in re.findall(r'srcdoc="([^"]*)"', page):
        inner = html.unescape(s)
        assert "<img src=x" not in inner.split("<script")[0]


def test_report_command_and_english(tmp_path: Path, ws: Path) -> None:
    res = run("report", "--quarter", "2026Q4", "-w", str(ws), "-o", str(tmp_path / "r.html"), cwd=tmp_path, lang="en")
    assert res.returncode == 0, res.stderr
    page = (tmp_path / "r.html").read_text("utf-8")
    assert '<html lang="en">' in page and "Executive summary" in page and "Appendix: method" in page
    assert "Findings resolved since" not in page  # no --compare


# ----------------------------------------------------------- redaction


def leaks(text: str, names: list[str], ids: list[str]) -> list[str]:
    """Original names anywhere in ``text``, and original ids as whole words
    (one pass each)."""
    by_length = sorted(names, key=len, reverse=True)
    found = set(re.findall("|".join(map(re.escape, by_length)), text))
    found |= set(re.findall(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])", text))
    return sorted(found)


def test_redacted_report_and_images_hold_no_original_name(tmp_path: Path, ws: Path) -> None:
    from graphmap.render.views import tech_view
    from graphmap.review.charts import exposure_map_png

    ds = example()
    names, ids = original_names(ds), original_ids(ds)
    assert leaks(f"a {names[0]} b {ids[0]}. c {ids[0]}X", names, ids) == sorted([names[0], ids[0]])
    key = tmp_path / "key.json"
    out = tmp_path / "red.html"
    res = run(
        "report", "--quarter", "2026Q4", "--compare", "2026Q3", "-w", str(ws), "-o", str(out),
        "--redact", "--key-file", str(key), cwd=tmp_path,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    page = html.unescape(html.unescape(out.read_text("utf-8")))  # the page, and the map pages inside it
    assert leaks(page, names, ids) == []
    assert re.search(r"\bP-[0-9A-Za-z]{6,}", page) and re.search(r"\bO-[0-9A-Za-z]{6,}", page)
    # the key maps every codename back, owner-only
    rows = json.loads(key.read_text("utf-8"))["codenames"]
    assert {r["name"] for r in rows} >= set(names)
    assert key.stat().st_mode & 0o077 == 0
    # labels drawn into the static maps come from the redacted graph
    red = build_review(ws, "2026Q4", lang="en", redact=True, key_file=tmp_path / "key2.json")
    assert set(red.redacted_names) >= set(names)
    for tp in red.techs:
        svg = exposure_map_png(red.graph, tech_view(red.graph, tp.figures.technology), red.findings, fmt="svg")
        text = html.unescape(svg.decode("utf-8"))
        assert "<text" in text
        assert [n for n in names if n in text] == []


def test_redacted_deck_holds_no_original_name(tmp_path: Path, ws: Path) -> None:
    import zipfile

    ds = example()
    names, ids = original_names(ds), original_ids(ds)
    out = tmp_path / "red.pptx"
    res = run(
        "deck", "--quarter", "2026Q4", "--compare", "2026Q3", "-w", str(ws), "-o", str(out), "--redact",
        "--key-file", str(tmp_path / "k.json"), cwd=tmp_path, lang="ja",
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    with zipfile.ZipFile(out) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    assert any(n.startswith("ppt/notesSlides/") for n in parts) and "docProps/core.xml" in parts
    text = html.unescape(
        "\n".join(b.decode("utf-8", "replace") for n, b in parts.items() if n.endswith((".xml", ".rels")))
    )
    assert leaks(text, names, ids) == []
    assert re.search(r"\bP-[0-9A-Za-z]{6,}", text)
    assert "<dc:creator>graphmap</dc:creator>" in text and "<cp:lastModifiedBy>graphmap</cp:lastModifiedBy>" in text


# ----------------------------------------------------------- fonts


def test_images_fall_back_without_a_japanese_font(monkeypatch: pytest.MonkeyPatch, review: Review) -> None:
    import matplotlib

    from graphmap.review import charts

    before = dict(matplotlib.rcParams)
    monkeypatch.setattr(charts, "japanese_font", lambda: None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = charts.trend_png([("2026Q3", review.figures), ("2026Q4", review.figures)], lang="ja")
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    assert any(issubclass(w.category, charts.FontWarning) for w in caught)
    assert dict(matplotlib.rcParams) == before  # styles are scoped to the drawing


def test_japanese_font_is_installed() -> None:
    from graphmap.review.charts import japanese_font

    assert japanese_font() == "Noto Sans CJK JP", "install Debian's fonts-noto-cjk (.ci/run does)"


def test_help_on_the_review_commands(tmp_path: Path) -> None:
    options = {"snapshot": "--replace", "diff": "--format", "deck": "--compare", "report": "--redact"}
    for command, option in options.items():
        res = run(command, "--help", cwd=tmp_path)
        assert res.returncode == 0, res.stderr
        assert "Usage" in res.stdout and option in res.stdout


def test_only_the_most_exposed_technologies_get_a_page(ws: Path) -> None:
    """A company with many graded technologies gets a readable deck: the
    most exposed few have a page and a map, the rest one shared table."""
    from graphmap.review.deck import deck_bytes
    from graphmap.review.report import render_report

    everything = build_review(ws, "2026Q4", lang="en", tech_pages=0)
    assert len(everything.techs) >= 3 and not everything.other_techs
    one = build_review(ws, "2026Q4", lang="en", tech_pages=1)
    assert len(one.techs) == 1
    assert len(one.other_techs) == len(everything.techs) - 1
    ranked = [p.figures for p in everything.techs]
    assert one.techs[0].figures.findings == max(tf.findings for tf in ranked)
    assert all(one.techs[0].figures.findings >= tf.findings for tf in one.other_techs)
    # the others are still shown, as rows of one table, in deck and page
    from pptx import Presentation

    slides = Presentation(io.BytesIO(deck_bytes(one))).slides
    texts = ["\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in slides]
    tables = [
        "\n".join(c.text for row in sh.table.rows for c in row.cells) for s in slides for sh in s.shapes if sh.has_table
    ]
    assert any("Other technologies" in x for x in texts)
    for tf in one.other_techs:
        assert any(tf.name in x for x in tables), tf.name
    assert len(slides) < len(Presentation(io.BytesIO(deck_bytes(everything))).slides)
    page = render_report(one)
    assert all(html.escape(tf.name) in page for tf in one.other_techs)
    assert page.count("<iframe") == 1


# ----------------------------------------------------------- canonical JSON

_json_leaf = (
    st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.floats(allow_nan=False, allow_infinity=False)
)
_json = st.recursive(
    _json_leaf,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=4), inner, max_size=5),
    max_leaves=40,
)


@given(data=_json, slice_len=st.integers(1, 4))
def test_canonical_chunks_join_to_the_canonical_json(data: object, slice_len: int) -> None:
    from graphmap.review.snapshot import canonical_chunks, canonical_json

    assert "".join(canonical_chunks(data, slice_len=slice_len)) == canonical_json(data)


def test_snapshot_file_is_its_canonical_json(ws: Path) -> None:
    """The stored file is exactly the canonical JSON of manifest and
    content, the hash over the content as one string."""
    import hashlib

    from graphmap.review.snapshot import canonical_json

    text = snapshot_path(ws, "2026Q4").read_text("utf-8")
    data = json.loads(text)
    assert text == canonical_json(data) + "\n"
    assert data["manifest"]["sha256"] == hashlib.sha256(canonical_json(data["content"]).encode()).hexdigest()
