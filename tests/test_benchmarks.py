"""The benchmark script runs end to end at S and records what it measured.

The push stage has its own tests in ``test_neo4j.py`` (``push_rates``
against the ArcadeDB test server) and is left out here; the raw-parse
floor (pyarrow and pandas, in the ``test`` extra) runs on its own.
Results go to a temporary folder, never to the committed ``benchmarks/results``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graphmap.synth import SIZES
from tests.conftest import ROOT


def run_benchmark(tmp_path: Path, results: Path, *stages: str) -> subprocess.CompletedProcess[str]:
    """``benchmarks/run.py`` at size S with its data under ``tmp_path`` and
    its results in ``results``; ``stages``: the stage options."""
    data = tmp_path / "data"
    script = ROOT / "benchmarks" / "run.py"
    return subprocess.run(
        [sys.executable, "-P", str(script), "--size", "S", "--data", str(data), "--results", str(results), *stages],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_benchmark_runs_every_stage_at_s(tmp_path: Path) -> None:
    results = tmp_path / "results"
    done = run_benchmark(tmp_path, results, "--skip", "floor", "--skip", "push")
    assert done.returncode == 0, done.stderr[-2000:]
    r = json.loads((results / "S.json").read_text("utf-8"))
    stages = r["stages"]
    assert set(stages) >= {"csv_import", "analyses", "catalogue", "focused_map", "excel_import", "snapshot", "deck"}
    for name in ("csv_import", "catalogue", "focused_map", "excel_import", "snapshot", "deck"):
        assert stages[name]["seconds"] > 0 and stages[name]["peak_rss_mb"] > 0, name
        assert 0 <= stages[name]["system_seconds"] <= stages[name]["cpu_seconds"], name
    # the snapshot holds what the catalogue finds; the deck was read back from it
    assert stages["snapshot"]["findings"] == stages["catalogue"]["findings"] > 0
    assert stages["deck"]["quarter"] == stages["snapshot"]["quarter"]
    assert stages["deck"]["slides"] > 5 and stages["deck"]["deck_bytes"] > 10_000
    assert stages["csv_import"]["edges"] == stages["excel_import"]["edges"] > 20_000
    # every analysis ran once per round on a fresh context and keeps its fastest
    per = stages["analyses"]
    timed = {k: v for k, v in per.items() if isinstance(v, dict) and "findings" in v}
    assert per["rounds"] == 3 and len(timed) >= 28
    for aid, one in timed.items():
        assert len(one["round_seconds"]) == 3 and one["seconds"] == min(one["round_seconds"]), aid
    # and so did the reference pass over the whole graph
    scan = per["graph_pass"]
    assert len(scan["round_seconds"]) == 3 and scan["seconds"] == min(scan["round_seconds"])
    assert 0 < scan["across"] <= scan["pairs"] <= stages["csv_import"]["edges"]
    # every process measured its peak memory; the table has a row per stage
    assert set(r["processes"]) == {"main", "excel", "snapshot", "deck"}
    table = (results / "README.md").read_text("utf-8")
    for row in ("**CSV import to graph**", "| CSV import to graph, of it kernel CPU |", "| deck (from the snapshot) |"):
        assert row in table
    # the catalogue it timed found every planted exposure again (the recall
    # check L and XL get only here), in the JSON, the targets and the table
    cat = stages["catalogue"]
    assert cat["planted"] >= 28 and cat["planted_found"] == cat["planted"] and cat["planted_missed"] == []
    (recall,) = [t for t in r["targets"] if t["target"].startswith("planted exposures found")]
    assert recall["met"] and recall["value"] == 100
    assert f"| planted exposures found | {cat['planted']} of {cat['planted']} |" in table

    # re-running one stage keeps the other groups with the commit they were
    # measured at, and the table says which ones came from earlier runs
    assert all(p["commit"] == r["commit"] for p in r["processes"].values())
    r["processes"]["deck"]["commit"] = "0000000"
    (results / "S.json").write_text(json.dumps(r), "utf-8")
    # a company generated for an earlier definition of the size is made anew
    manifest = tmp_path / "data" / "S-1" / "planted.jsonl"
    head, rest = manifest.read_text("utf-8").split("\n", 1)
    stale = json.loads(head)
    stale["synth"]["spec"]["disclosures"] += 1
    manifest.write_text(json.dumps(stale) + "\n" + rest, "utf-8")
    again = run_benchmark(tmp_path, results, "--only-stage", "focused_map")
    assert again.returncode == 0, again.stderr[-2000:]
    assert "generating S" in again.stdout
    assert json.loads(manifest.read_text("utf-8").split("\n", 1)[0])["synth"]["spec"] == SIZES["S"].targets()
    r2 = json.loads((results / "S.json").read_text("utf-8"))
    assert r2["processes"]["deck"]["commit"] == "0000000"
    assert r2["processes"]["main"]["commit"] == r2["commit"] != "0000000"
    assert r2["stages"]["deck"] == stages["deck"]
    assert "kept from earlier runs: deck (commit 0000000" in (results / "README.md").read_text("utf-8")
    # --skip keeps what the skipped stage measured before, like --only-stage
    third = run_benchmark(tmp_path, results, "--skip", "floor", "--skip", "push", "--skip", "deck", "--rounds", "1")
    assert third.returncode == 0, third.stderr[-2000:]
    r3 = json.loads((results / "S.json").read_text("utf-8"))
    assert r3["stages"]["deck"] == stages["deck"] and r3["processes"]["deck"]["commit"] == "0000000"
    assert r3["stages"]["analyses"]["rounds"] == 1


def test_rounds_keep_each_analysis_fastest_and_refuse_differing_findings() -> None:
    from benchmarks.run import _keep_fastest

    per: dict[str, Any] = {}
    for seconds in (2.0, 1.0, 1.5):
        _keep_fastest(per, {"a": {"seconds": seconds, "findings": 3}, "b": {"seconds": 4 - seconds, "findings": 0}})
    assert per["a"]["seconds"] == 1.0 and per["a"]["round_seconds"] == [2.0, 1.0, 1.5]
    assert per["b"]["seconds"] == 2.0 and per["b"]["round_seconds"] == [2.0, 3.0, 2.5]
    # an analysis that finds something else on a fresh context is not timed
    with pytest.raises(SystemExit, match="a: 3 findings in one round, 4 in another"):
        _keep_fastest(per, {"a": {"seconds": 0.5, "findings": 4}})


def test_graph_pass_is_the_reference_beside_the_per_analysis_ratios() -> None:
    import networkx as nx

    from benchmarks.run import REFERENCE, check_targets, graph_pass, scaling

    g = nx.MultiDiGraph()
    g.add_nodes_from(["P1", "P2"], label="Person")
    g.add_node("S1", label="ProcessStep")
    g.add_edge("P1", "S1", key="KNOWS")
    g.add_edge("P1", "S1", key="ACCESSES")  # the same pair again
    g.add_edge("P2", "P1", key="REPORTS_TO")
    assert graph_pass(g) == (2, 1)

    def result(scale: int, scan: float, analysis: float) -> dict[str, Any]:
        return {
            "counts": {"knowledge": 1000 * scale},
            "stages": {
                "analyses": {
                    "graph_pass": {"seconds": scan, "pairs": 5000 * scale},
                    "truck_factor": {"seconds": analysis, "findings": 3},
                }
            },
        }

    medium, large = result(1, 0.1, 1.0), result(10, 1.8, 12.0)
    rows = scaling(large, medium)
    assert [r["analysis"] for r in rows] == [REFERENCE, "truck_factor"]
    assert rows[0]["ratio"] == 18.0 and rows[0]["input_growth"] == 10.0
    assert rows[1]["ratio"] == 12.0 and rows[1]["ratio_over_input_growth"] == 1.2
    (worst,) = [t for t in check_targets("L", large, {"M": medium}) if "time(L)/time(M)" in t["target"]]
    assert worst == {
        "target": "worst analysis time(L)/time(M) (truck_factor)",
        "value": 12.0,
        "limit": 15,
        "unit": "x",
        "met": True,
        "reference": 18.0,
    }


def test_floor_stage_parses_the_rows_the_import_reads(tmp_path: Path) -> None:
    results = tmp_path / "results"
    done = run_benchmark(tmp_path, results, "--only-stage", "floor", "--only-stage", "csv_import")
    assert done.returncode == 0, done.stderr[-2000:]
    stages = json.loads((results / "S.json").read_text("utf-8"))["stages"]
    floor, imported = stages["floor"], stages["csv_import"]
    # the same files, every row, parsed by both libraries beside the import
    assert floor["files"] >= 15 and floor["rows"] == imported["records"] > 10_000
    assert floor["pyarrow"]["seconds"] > 0 and floor["pandas"]["seconds"] > 0
    design = floor["design"]
    for step in ("stdlib_csv", "records_builder", "records_model_validate", "graph_adjacency"):
        assert design[step]["seconds"] > 0, step
    assert design["graph_adjacency"]["edges"] == imported["edges"]
    table = (results / "README.md").read_text("utf-8")
    assert "| raw CSV parse, pandas (floor) | " in table and "| import / pandas parse | " in table
    assert "| import / pandas parse | - |" not in table


def test_a_missed_planted_exposure_fails_the_recall_target() -> None:
    from benchmarks.run import check_targets

    r = {"stages": {"catalogue": {"seconds": 1.0, "planted": 29, "planted_found": 28}}}
    (recall,) = check_targets("XL", r, {})
    assert recall["target"] == "planted exposures found by the catalogue (28 of 29)"
    assert recall["value"] == round(100 * 28 / 29, 2) and recall["limit"] == 100 and not recall["met"]


def test_peaks_survive_the_resets_of_inner_stages() -> None:
    from benchmarks.run import measured, process_peak_mb

    outer: dict[str, Any] = {}
    inner: dict[str, Any] = {}
    after: dict[str, Any] = {}
    with measured(outer):
        with measured(inner):
            block = b"x" * (200 << 20)  # 200 MiB, every page written
            del block
        with measured(after):  # resets the kernel's counter again
            pass
    assert inner["peak_rss_mb"] >= inner["rss_before_mb"] + 190
    assert after["peak_rss_mb"] < inner["peak_rss_mb"] - 150
    assert outer["peak_rss_mb"] >= inner["peak_rss_mb"]
    assert process_peak_mb() >= inner["peak_rss_mb"]
