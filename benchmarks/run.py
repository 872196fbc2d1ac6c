"""The graphmap benchmark: every stage of a run on synthetic companies.

For each size (S, M, L; XL for the Neo4j path) it generates the company
with :func:`graphmap.synth.generate` (cached under ``--data``), then
measures, each size in fresh processes so that one size's memory never
counts against another's:

* ``floor``: the raw parse of the same CSV files by pyarrow and by
  pandas ``read_csv`` (text only, no checks): the least any import can cost;
* ``csv_import``: what ``graphmap import`` does with the CSV folder, read +
  validate (``read_sources``) and build the graph (``build_graph``);
* ``excel_import``: the same from the workbook (S and M only);
* ``catalogue``: the full catalogue right after import (``run_analyses``
  on a fresh context, as ``graphmap analyze`` runs it) and its recall: how
  many of the company's planted exposures it found again (at every size,
  so L and XL are checked here rather than in CI), then ``analyses``:
  every analysis on its own, on one shared context, ``--rounds`` times
  (each round on a fresh context), each analysis keeping its fastest round,
  with :func:`graph_pass` (one plain pass over the whole graph) beside them
  as the reference for time(L)/time(M);
* ``focused_map``: ``tech_view`` + ``write_map`` of the technology with
  the largest neighbourhood (the slowest single-technology map);
* ``snapshot``: import, analyses, key figures and the snapshot written
  (``graphmap snapshot``);
* ``deck``: the review read back from that snapshot and ``write_deck``
  (``graphmap deck``), in a process of its own as the command runs;
* ``push``: relationships per second into the ArcadeDB test server,
  batched (what ``graphmap neo4j push`` does) against one statement per row
  (:func:`benchmarks.push_bench.push_rates`).

Time is wall clock (``time.perf_counter``) with CPU time beside it (and
the kernel's part of that CPU time, ``ru_stime``); memory
is the peak resident set size of the stage (``VmHWM``, reset before each
stage through ``/proc/self/clear_refs``) and of the whole process.

Results go to ``benchmarks/results/<size>.json`` (machine readable, with
the machine, the commit and the targets of issue 7 checked) and a table of
every size measured to ``benchmarks/results/README.md``.

Usage::

    python benchmarks/run.py --size S --size M [--size L] [--seed 1]
        [--data DIR] [--skip push --skip deck ...] [--only-stage csv_import ...]
        [--rounds 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_DATA = ROOT / "benchmarks" / "data"
SIZES = ("S", "M", "L", "XL")
#: Which worker process measures which stages (each a fresh process).
GROUPS: dict[str, tuple[str, ...]] = {
    "floor": ("floor",),
    "main": ("csv_import", "catalogue", "analyses", "focused_map"),
    "excel": ("excel_import",),
    "snapshot": ("snapshot",),
    "deck": ("deck",),
    "push": ("push",),
}
STAGES = tuple(s for group in GROUPS.values() for s in group)
#: Stages each size runs by default (Excel only where synth writes it).
DEFAULT_STAGES = {
    "S": STAGES,
    "M": STAGES,
    "L": tuple(s for s in STAGES if s != "excel_import"),
    "XL": ("floor", "csv_import", "catalogue", "push"),
}

# ---------------------------------------------------------------- measuring


def _status_kb(field: str) -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: kB


def _reset_peak() -> bool:
    """Reset the process's peak RSS to its current RSS (Linux 4.0+)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


#: The peak RSS (kB) each open measurement had seen when an inner one reset
#: the kernel's counter, innermost last; and the whole process's.
_OPEN_PEAKS: list[list[int]] = []
_PROCESS_PEAK_KB = [0]


def _fold_peak() -> None:
    """Fold the current peak into every open measurement and the process
    (before the counter is reset)."""
    hwm = _status_kb("VmHWM")
    for peak in (*_OPEN_PEAKS, _PROCESS_PEAK_KB):
        peak[0] = max(peak[0], hwm)


def process_peak_mb() -> float:
    """The process's peak RSS so far, over every reset of the counter."""
    _fold_peak()
    return round(max(_PROCESS_PEAK_KB[0], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024, 1)


@contextmanager
def measured(into: dict[str, Any]) -> Iterator[None]:
    """Time the block (wall and CPU, and of the CPU the kernel's share,
    mostly page faults on fresh memory) and record its peak RSS in ``into``
    (stages nest: an inner stage's reset keeps the outer stage's peak)."""
    _fold_peak()
    reset = _reset_peak()
    rss_before = _status_kb("VmRSS")
    wall, cpu = time.perf_counter(), time.process_time()
    system = resource.getrusage(resource.RUSAGE_SELF).ru_stime
    _OPEN_PEAKS.append(peak := [0])
    try:
        yield
    finally:
        _fold_peak()  # the counter since the last reset (this stage's or an inner one's)
        _OPEN_PEAKS.pop()
    into["seconds"] = round(time.perf_counter() - wall, 3)
    into["cpu_seconds"] = round(time.process_time() - cpu, 3)
    into["system_seconds"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_stime - system, 3)
    into["peak_rss_mb"] = round(peak[0] / 1024, 1)
    into["rss_before_mb"] = round(rss_before / 1024, 1)
    into["peak_is_stage_only"] = reset


# ---------------------------------------------------------------- the stages


def _csv_files(data: Path) -> list[Path]:
    return sorted(p for p in data.glob("*.csv"))


def stage_floor(data: Path, out: dict[str, Any]) -> None:
    """The raw parse of the CSV files: pyarrow (multi-threaded), pandas (C
    parser); every column as text, nothing checked."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.csv as pacsv

    files = _csv_files(data)
    rows = 0
    arrow: dict[str, Any] = {}
    with measured(arrow):
        for f in files:
            names = pacsv.read_csv(f, read_options=pacsv.ReadOptions(block_size=1 << 24)).column_names
            table = pacsv.read_csv(
                f, convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()))
            )
            rows += table.num_rows
            del table
    pdres: dict[str, Any] = {}
    with measured(pdres):
        for f in files:
            frame = pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            del frame
    out["rows"] = rows
    out["files"] = len(files)
    out["bytes"] = sum(f.stat().st_size for f in files)
    out["pyarrow"] = arrow
    out["pandas"] = pdres
    out["design"] = _design_floor(data, files)


def _add_timed(into: dict[str, Any], make: Callable[..., Any], *args: Any) -> None:
    """Add the time ``list(make(*args))`` takes (collector paused, as in
    the importer) to ``into``; what it made is freed outside the measurement."""
    from graphmap.gcpause import paused_gc

    one: dict[str, Any] = {}
    with paused_gc(), measured(one):
        kept = list(make(*args))
    del kept
    into["seconds"] = round(into["seconds"] + one["seconds"], 3)
    into["cpu_seconds"] = round(into["cpu_seconds"] + one["cpu_seconds"], 3)


def _design_floor(data: Path, files: list[Path]) -> dict[str, Any]:
    """The floors of graphmap's own import design, each step measured
    alone on the same company: the standard library's CSV parse (what the
    importer tokenises with); making every record from values already
    parsed and checked, by ``RecordBuilder.make_many`` (the importer's way)
    and by ``model_validate`` (the way before it); filling the graph's
    adjacency dicts with nodes and edges whose attribute dicts are already
    made.  What each step needs is prepared outside its measurement."""
    import csv
    import io

    from graphmap import model as m
    from graphmap.gcpause import paused_gc
    from graphmap.graph import build_graph

    floor: dict[str, Any] = {}
    stdlib: dict[str, Any] = {}
    with paused_gc(), measured(stdlib):
        for f in files:
            rows = list(csv.reader(io.StringIO(f.read_bytes().decode("utf-8-sig"), newline="")))
            del rows
    floor["stdlib_csv"] = stdlib

    ds = _import_csv(data)
    made: dict[str, Any] = {"seconds": 0.0, "cpu_seconds": 0.0}
    validated: dict[str, Any] = {"seconds": 0.0, "cpu_seconds": 0.0}
    for cls in m.RECORD_TYPES:
        recs = ds.of(cls)
        builder = m.record_builder(cls)
        if not recs or builder is None:
            continue
        values = [tuple(r.__dict__.values()) for r in recs]
        _add_timed(made, builder.make_many, tuple(cls.model_fields), values)
        del values
        plain = [r.model_dump() for r in recs]
        _add_timed(validated, map, cls.model_validate, plain)
        del plain
    floor["records_builder"] = made
    floor["records_model_validate"] = validated

    g = build_graph(ds)
    del ds
    nodes = list(g.nodes(data=True))
    edges = list(g.edges(keys=True, data=True))
    del g
    fill: dict[str, Any] = {}
    with paused_gc(), measured(fill):
        node: dict[str, Any] = {}
        succ: dict[str, Any] = {}
        pred: dict[str, Any] = {}
        for n, attrs in nodes:
            node[n] = attrs
            succ[n] = {}
            pred[n] = {}
        for u, v, k, attrs in edges:
            keydict = succ[u].get(v)
            if keydict is None:
                succ[u][v] = pred[v][u] = {k: attrs}
            else:
                keydict[k] = attrs
    fill["nodes"], fill["edges"] = len(nodes), len(edges)
    floor["graph_adjacency"] = fill
    return floor


def _import_csv(data: Path) -> Any:
    from importers import read_sources

    ds, problems, total = read_sources([data])
    if problems:
        raise SystemExit(f"{data}: {total} problems, first: {problems[0].render('en')}")
    return ds


def stage_main(data: Path, as_of: dt.date, out: dict[str, Any], stages: tuple[str, ...], rounds: int) -> None:
    from graphmap.analyses import run_analyses
    from graphmap.graph import build_graph
    from graphmap.synth import missed_exposures, read_manifest

    res: dict[str, Any] = {}
    with measured(res):
        read: dict[str, Any] = {}
        with measured(read):
            ds = _import_csv(data)
        graph: dict[str, Any] = {}
        with measured(graph):
            g = build_graph(ds)
    res["read_validate"] = read
    res["build_graph"] = graph
    res["records"] = len(ds)
    res["nodes"] = g.number_of_nodes()
    res["edges"] = g.number_of_edges()
    out["csv_import"] = res
    del ds  # as in `graphmap analyze`: only the graph lives on
    print(f"  csv_import {res['seconds']:.1f} s ({res['records']:,} records, {res['edges']:,} edges)", flush=True)

    # the catalogue first, right after import, as `graphmap analyze` runs it:
    # measured after the one-by-one stage it also paid for the memory that
    # stage had just freed
    findings: list[Any] = []
    if "catalogue" in stages or "focused_map" in stages:
        cat: dict[str, Any] = {}
        with measured(cat):
            findings = run_analyses(g, as_of=as_of)
        cat["findings"] = len(findings)
        # recall: the planted exposures the catalogue found again
        _, planted = read_manifest(data)
        lost = missed_exposures(planted, findings)
        cat["planted"] = len(planted)
        cat["planted_found"] = len(planted) - len(lost)
        cat["planted_missed"] = [p.to_jsonable() for p in lost]
        out["catalogue"] = cat
        print(
            f"  catalogue {cat['seconds']:.1f} s ({len(findings):,} findings, "
            f"{cat['planted_found']} of {len(planted)} planted exposures found)",
            flush=True,
        )

    if "analyses" in stages:
        per: dict[str, Any] = {"rounds": rounds}
        with measured(per):
            for _ in range(rounds):
                _keep_fastest(per, _analyses_round(g, as_of))
                gc.collect()  # the round's context and memos, before the next
        out["analyses"] = per
        print(f"  analyses one by one, {rounds} rounds {per['seconds']:.1f} s", flush=True)

    if "focused_map" in stages:
        from graphmap.render.html_map import write_map
        from graphmap.render.views import tech_view

        tech, reach = _largest_technology(g)
        fm: dict[str, Any] = {"technology": tech, "technology_reach": reach}
        with tempfile.TemporaryDirectory() as tmp, measured(fm):
            view: dict[str, Any] = {}
            with measured(view):
                v = tech_view(g, tech)
            html: dict[str, Any] = {}
            with measured(html):
                write_map(Path(tmp) / "tech.html", g, v, findings, as_of=as_of)
            fm["html_bytes"] = (Path(tmp) / "tech.html").stat().st_size
        fm["view"] = view
        fm["render_write"] = html
        fm["visible_nodes"] = len(v.visible_nodes())
        out["focused_map"] = fm
        print(f"  focused_map {fm['seconds']:.1f} s ({tech})", flush=True)


def _analyses_round(g: Any, as_of: dt.date) -> dict[str, dict[str, Any]]:
    """One round of every analysis on its own: a fresh shared ``Context``
    (its one-pass edge index timed first, then :func:`graph_pass`), the
    catalogue in order, the collector paused over the whole loop as
    ``run_analyses`` pauses it (switched back on between analyses, its full
    collections over every memo built so far fell inside whichever analysis
    came next)."""
    from graphmap.analyses import Context, catalogue
    from graphmap.gcpause import paused_gc

    timed: dict[str, dict[str, Any]] = {}
    ctx = Context(g, as_of)
    with paused_gc():
        index: dict[str, Any] = {}
        with measured(index):
            ctx._index  # noqa: B018 - the shared one-pass index, timed on its own
            ctx.by_label  # noqa: B018
        timed["context_index"] = index
        scan: dict[str, Any] = {}
        with measured(scan):
            scan["pairs"], scan["across"] = graph_pass(g)
        timed["graph_pass"] = scan
        for a in catalogue():
            one: dict[str, Any] = {}
            with measured(one):
                found = a(ctx, **a.meta.defaults())
            one["findings"] = len(found)
            timed[a.meta.id] = one
            del found
    return timed


def graph_pass(g: Any) -> tuple[int, int]:
    """The reference the per-analysis ratios are read against: the least
    an analysis that looks at the whole graph does in Python, reading every
    node's attribute dict and, for every edge, its target's (the adjacency
    dicts, no index, one comparison per edge).  Its time(L)/time(M) is what
    work linear in the graph costs on the machine as the graph outgrows the
    processor's caches.  Returns the (source, target) pairs visited and how
    many of them join nodes of different labels."""
    attrs = g._node
    pairs = across = 0
    for u, targets in g._succ.items():
        label = attrs[u].get("label")
        pairs += len(targets)
        for v in targets:
            if attrs[v].get("label") != label:
                across += 1
    return pairs, across


def _keep_fastest(per: dict[str, Any], timed: dict[str, dict[str, Any]]) -> None:
    """Fold one round into ``per``: each analysis keeps the figures of its
    fastest round (the least disturbed by other work on the machine, as
    ``timeit`` takes the minimum) and the seconds of every round."""
    for aid, one in timed.items():
        kept = per.get(aid)
        every = [*kept["round_seconds"], one["seconds"]] if kept else [one["seconds"]]
        if kept is not None and kept.get("findings") != one.get("findings"):
            raise SystemExit(f"{aid}: {kept['findings']} findings in one round, {one['findings']} in another")
        if kept is None or one["seconds"] < kept["seconds"]:
            per[aid] = one
        per[aid]["round_seconds"] = every


def _largest_technology(g: Any) -> tuple[str, int]:
    """The technology with the most steps, assets and people knowing its
    steps: the biggest single-technology map."""
    from graphmap.analyses import Context

    ctx = Context(g)
    best, best_n = "", -1
    for tech in ctx.nodes("Technology"):
        steps = ctx.into(tech, "STEP_OF")
        n = len(steps) + len(ctx.into(tech, "DESCRIBES"))
        n += sum(len(ctx.into(s, "KNOWS")) for s in steps)
        if n > best_n:
            best, best_n = tech, n
    return best, best_n


def stage_excel(data: Path, out: dict[str, Any]) -> None:
    from graphmap.graph import build_graph
    from graphmap.synth import WORKBOOK

    book = data / WORKBOOK
    if not book.exists():
        out["excel_import"] = {"skipped": f"no workbook {book}"}
        return
    res: dict[str, Any] = {"bytes": book.stat().st_size}
    with measured(res):
        read: dict[str, Any] = {}
        with measured(read):
            ds = _import_csv(book)
        graph: dict[str, Any] = {}
        with measured(graph):
            g = build_graph(ds)
    res["read_validate"] = read
    res["build_graph"] = graph
    res["records"] = len(ds)
    res["edges"] = g.number_of_edges()
    out["excel_import"] = res
    print(f"  excel_import {res['seconds']:.1f} s", flush=True)


def _workspace(data: Path) -> Path:
    """The benchmark's review workspace, beside the synthetic company."""
    return data / "bench-workspace"


def stage_snapshot(data: Path, as_of: dt.date, out: dict[str, Any]) -> None:
    """``graphmap snapshot``: import, every analysis, key figures, the
    snapshot file written (into a fresh workspace the deck stage reads)."""
    import shutil

    from graphmap.review.snapshot import build_snapshot, parse_quarter, save_snapshot, snapshot_path

    ws = _workspace(data)
    shutil.rmtree(ws, ignore_errors=True)
    quarter = parse_quarter(f"{as_of.year}Q{(as_of.month - 1) // 3 + 1}")
    res: dict[str, Any] = {"quarter": quarter}
    with measured(res):
        ds = _import_csv(data)
        snap = build_snapshot(ds, quarter, as_of=as_of)
        save_snapshot(ws, snap)
    res["findings"] = len(snap.findings)
    res["snapshot_bytes"] = snapshot_path(ws, quarter).stat().st_size
    out["snapshot"] = res
    print(f"  snapshot {res['seconds']:.1f} s", flush=True)


def stage_deck(data: Path, as_of: dt.date, out: dict[str, Any]) -> None:
    """``graphmap deck``: the review built from the stored snapshot (read,
    hash checked, records validated, graph rebuilt, maps and charts drawn)
    and the deck written."""
    from graphmap.review.content import build_review
    from graphmap.review.deck import write_deck
    from graphmap.review.snapshot import list_snapshots

    ws = _workspace(data)
    quarters = list_snapshots(ws)
    if not quarters:
        out["deck"] = {"skipped": "no snapshot: run the snapshot stage first"}
        return
    res: dict[str, Any] = {"quarter": quarters[-1]}
    with tempfile.TemporaryDirectory() as tmp, measured(res):
        content: dict[str, Any] = {}
        with measured(content):
            review = build_review(ws, quarters[-1], lang="ja")
        deck: dict[str, Any] = {}
        with measured(deck):
            res["slides"] = write_deck(Path(tmp) / "deck.pptx", review)
        res["deck_bytes"] = (Path(tmp) / "deck.pptx").stat().st_size
    res["review"] = content
    res["write_deck"] = deck
    out["deck"] = res
    print(f"  deck {res['seconds']:.1f} s", flush=True)


def stage_push(data: Path, out: dict[str, Any], single_rows: int) -> None:
    from benchmarks.push_bench import push_rates, server_heap
    from graphmap.graph import build_graph

    g = build_graph(_import_csv(data))
    heap = server_heap(g.number_of_edges())
    res: dict[str, Any] = {"relationships": g.number_of_edges(), "nodes": g.number_of_nodes(), "server_heap": heap}
    with measured(res):
        rates = push_rates(g, single_rows=single_rows, heap=heap)
    res.update(
        batched=rates.batched,
        batched_seconds=round(rates.batched_seconds, 3),
        batched_per_second=round(rates.batched_per_second),
        batched_push_seconds=round(rates.batched_push_seconds, 1),
        single=rates.single,
        single_seconds=round(rates.single_seconds, 3),
        single_per_second=round(rates.single_per_second, 1),
        speedup=round(rates.speedup, 1),
    )
    out["push"] = res
    print(f"  push {rates.summary()}", flush=True)


# ---------------------------------------------------------------- processes


def worker(args: argparse.Namespace) -> None:
    data = Path(args.data_dir)
    as_of = dt.date.fromisoformat(args.as_of)
    stages = tuple(args.stage)
    out: dict[str, Any] = {}
    whole: dict[str, Any] = {}
    with measured(whole):
        if "floor" in stages:
            stage_floor(data, out.setdefault("floor", {}))
        if "csv_import" in stages:
            stage_main(data, as_of, out, stages, args.rounds)
        if "excel_import" in stages:
            stage_excel(data, out)
        if "snapshot" in stages:
            stage_snapshot(data, as_of, out)
        if "deck" in stages:
            stage_deck(data, as_of, out)
        if "push" in stages:
            stage_push(data, out, args.single_rows)
    out["process_peak_rss_mb"] = process_peak_mb()
    Path(args.worker_out).write_text(json.dumps(out, indent=1), encoding="utf-8")


def _generate(size: str, seed: int, data: Path) -> tuple[Path, dict[str, Any]]:
    """The synthetic company of ``size`` (generated once, then reused
    while the size's definition stays the same)."""
    from graphmap.synth import SIZES as DEFINED

    target = data / f"{size}-{seed}"
    manifest = target / "planted.jsonl"
    if not manifest.exists() or _synth_header(manifest).get("spec") != DEFINED[size].targets():
        formats = "both" if size in ("S", "M") else "csv"
        print(f"generating {size} (seed {seed}) into {target} ...", flush=True)
        started = time.perf_counter()
        code = (
            "import sys; from pathlib import Path; from graphmap.synth import generate; "
            f"generate(Path(sys.argv[1]), size={size!r}, seed={seed}, formats={formats!r})"
        )
        # -P: with -c the working folder would come first on sys.path, and a
        # checkout's graphmap/ (without its installed data) would shadow the package
        subprocess.run([sys.executable, "-P", "-c", code, str(target)], check=True)
        print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)
    return target, _synth_header(manifest)


def _synth_header(manifest: Path) -> dict[str, Any]:
    with manifest.open(encoding="utf-8") as fh:
        header: dict[str, Any] = json.loads(fh.readline())["synth"]
    return header


def _run_group(
    size: str, target: Path, as_of: str, stages: tuple[str, ...], single_rows: int, rounds: int
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    try:
        cmd = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            "--data-dir",
            str(target),
            "--as-of",
            as_of,
            "--worker-out",
            str(out),
            "--single-rows",
            str(single_rows),
            "--rounds",
            str(rounds),
        ]
        for s in stages:
            cmd += ["--stage", s]
        done = subprocess.run(cmd, check=False)
        if done.returncode != 0:  # keep what the other stages measured
            print(f"  {', '.join(stages)} failed (exit {done.returncode})", flush=True)
            return {"process_peak_rss_mb": None, **{s: {"failed": done.returncode} for s in stages}}
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return result
    finally:
        out.unlink(missing_ok=True)


def _machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    versions: dict[str, str | None] = {}
    for package in ("networkx", "pydantic", "pydantic_core", "pyarrow", "pandas"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:  # pyarrow and pandas come with the bench extra
            versions[package] = None
    info["versions"] = versions
    return info


def _commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no", "graphmap", "importers"],
            capture_output=True,
            text=True,
        )
        return head.stdout.strip() + ("+local changes" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


# ---------------------------------------------------------------- targets


def _get(d: dict[str, Any], *keys: str) -> Any:
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


#: The input each analysis's work grows with (the record type of the
#: synthetic company it iterates most); the others grow with the people.
#: M is one tenth of L in every record stream, so the growth is about 10x
#: in each; the heavy-tailed draws make it differ by a few percent.
DRIVERS: dict[str, str] = {
    **dict.fromkeys(("full_process_knowers", "sole_knowers", "truck_factor", "key_person_departure_risk"), "knowledge"),
    **dict.fromkeys(
        (
            "access_after_departure",
            "broad_access",
            "missing_training",
            "overseas_equipment",
            "withdrawal_access",
        ),
        "access",
    ),
    **dict.fromkeys(
        (
            "escalating_disclosures",
            "ungraded_technologies",
            "overseas_site_risks",
            "vendor_concentration",
            "sole_source_direction",
            "equipment_maker_restrictions",
            "uncovered_disclosures",
            "onward_flows",
            "samples_and_returns",
            "uncodenamed_overseas_flows",
            "foreign_government_requests",
            "contract_clause_gaps",
            "foreign_government_influence",
            "joint_research_exposure",
            "leakage_paths",
            "structural_choke_points",
        ),
        "disclosures",
    ),
}


#: The row of :func:`graph_pass` in the scaling table.
REFERENCE = "(reference) one pass over the graph"


def scaling(large: dict[str, Any], medium: dict[str, Any]) -> list[dict[str, Any]]:
    """time(L)/time(M) of every analysis beside the growth of the input it
    iterates (:data:`DRIVERS`): a ratio near the input's growth is linear.
    The first row, :data:`REFERENCE`, is :func:`graph_pass`."""
    rows = []

    def add(name: str, m_seconds: float, l_seconds: float, least: float, driver: str, growth: float) -> None:
        ratio = l_seconds / max(m_seconds, least)
        rows.append(
            {
                "analysis": name,
                "seconds_M": m_seconds,
                "seconds_L": l_seconds,
                "ratio": round(ratio, 1),
                "input": driver,
                "input_growth": round(growth, 1),
                "ratio_over_input_growth": round(ratio / growth, 2),
            }
        )

    scan_l, scan_m = _get(large, "stages", "analyses", "graph_pass"), _get(medium, "stages", "analyses", "graph_pass")
    if scan_l and scan_m:
        growth = scan_l["pairs"] / max(scan_m["pairs"], 1)
        add(REFERENCE, scan_m["seconds"], scan_l["seconds"], 0.001, "edges (node pairs)", growth)
    for aid, v in (_get(large, "stages", "analyses") or {}).items():
        m = _get(medium, "stages", "analyses", aid)
        if not isinstance(v, dict) or "findings" not in v or not isinstance(m, dict):
            continue
        driver = DRIVERS.get(aid, "people")
        growth = large["counts"][driver] / max(medium["counts"][driver], 1)
        # below 50 ms at M the ratio is noise
        add(aid, m["seconds"], v["seconds"], 0.05, driver, growth)
    return rows


def check_targets(size: str, r: dict[str, Any], other: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The targets of issue 7 that this size's results can be held to."""
    out: list[dict[str, Any]] = []

    def target(
        name: str, value: float | None, limit: float, unit: str, higher: bool = False, reference: float | None = None
    ) -> None:
        if value is None:
            return
        ok = value >= limit if higher else value <= limit
        out.append({"target": name, "value": round(value, 2), "limit": limit, "unit": unit, "met": ok})
        if reference is not None:
            out[-1]["reference"] = round(reference, 2)

    imp = _get(r, "stages", "csv_import", "seconds")
    cat = _get(r, "stages", "catalogue", "seconds")
    fmap = _get(r, "stages", "focused_map", "seconds")
    floor_pd = _get(r, "stages", "floor", "pandas", "seconds")
    floor_pa = _get(r, "stages", "floor", "pyarrow", "seconds")
    planted, found = _get(r, "stages", "catalogue", "planted"), _get(r, "stages", "catalogue", "planted_found")
    if planted:
        name = f"planted exposures found by the catalogue ({found} of {planted})"
        target(name, 100 * found / planted, 100, "%", higher=True)
    if size == "L":
        target("CSV import to graph", imp, 90, "s")
        target("full analysis catalogue", cat, 120, "s")
        peak = max(
            (v.get("process_peak_rss_mb") or 0 for k, v in r.get("processes", {}).items() if k != "push"), default=None
        )
        target("peak RSS (import, analyses, map, deck)", peak / 1024 if peak else None, 8, "GiB")
        target("focused map of one technology", fmap, 5, "s")
    if size == "M" and imp is not None and cat is not None and fmap is not None:
        target("import + full catalogue + one focused map", imp + cat + fmap, 20, "s")
    if size in ("M", "L") and imp is not None:
        if floor_pd:
            target("import over raw parse (pandas read_csv)", imp / floor_pd, 4, "x")
        if floor_pa:
            target("import over raw parse (pyarrow read_csv)", imp / floor_pa, 4, "x")
    if size == "L" and "M" in other:
        rows = scaling(r, other["M"])
        per = [row for row in rows if row["analysis"] != REFERENCE]
        if per:
            worst = max(per, key=lambda row: row["ratio"])
            # beside it, the same ratio for the plain pass over the graph
            scan = [row["ratio"] for row in rows if row["analysis"] == REFERENCE]
            target(
                f"worst analysis time(L)/time(M) ({worst['analysis']})",
                worst["ratio"],
                15,
                "x",
                reference=scan[0] if scan else None,
            )
    push = _get(r, "stages", "push")
    if isinstance(push, dict) and "batched_per_second" in push:
        target("batched push", push["batched_per_second"], 20_000, "rels/s", higher=True)
        target("batched over one statement per row", push["speedup"], 10, "x", higher=True)
    return out


# ---------------------------------------------------------------- the table


def _fmt(v: Any, unit: str = "s") -> str:
    if v is None:
        return "-"
    if unit == "s":
        return f"{v:.1f}" if v >= 1 else f"{v:.2f}"
    return f"{v:,.0f}"


def write_table(results: dict[str, dict[str, Any]]) -> str:
    sizes = [s for s in SIZES if s in results]
    head = "| stage | " + " | ".join(sizes) + " |\n|---|" + "---:|" * len(sizes) + "\n"

    def row(label: str, fn: Callable[[dict[str, Any]], Any], unit: str = "s") -> str:
        return f"| {label} | " + " | ".join(_fmt(fn(results[s]), unit) for s in sizes) + " |\n"

    def st(*keys: str) -> Callable[[dict[str, Any]], Any]:
        return lambda r: _get(r, "stages", *keys)

    def ratio(r: dict[str, Any]) -> str:
        imp, fl = _get(r, "stages", "csv_import", "seconds"), _get(r, "stages", "floor", "pandas", "seconds")
        return f"{imp / fl:.1f}x" if imp and fl else "-"

    def recall(r: dict[str, Any]) -> str:
        planted = _get(r, "stages", "catalogue", "planted")
        return f"{_get(r, 'stages', 'catalogue', 'planted_found')} of {planted}" if planted else "-"

    lines = [
        "| company | " + " | ".join(sizes) + " |\n|---|" + "---:|" * len(sizes) + "\n",
        row("people", lambda r: _get(r, "counts", "people"), "n"),
        row("records", st("csv_import", "records"), "n"),
        row("graph edges", st("csv_import", "edges"), "n"),
        "\n",
        head,
        row("raw CSV parse, pyarrow (floor)", st("floor", "pyarrow", "seconds")),
        row("raw CSV parse, pandas (floor)", st("floor", "pandas", "seconds")),
        row("CSV import: read + validate", st("csv_import", "read_validate", "seconds")),
        row("CSV import: build graph", st("csv_import", "build_graph", "seconds")),
        row("**CSV import to graph**", st("csv_import", "seconds")),
        row("CSV import to graph, CPU", st("csv_import", "cpu_seconds")),
        row("CSV import to graph, of it kernel CPU", st("csv_import", "system_seconds")),
        "| import / pandas parse | " + " | ".join(ratio(results[s]) for s in sizes) + " |\n",
        row("Excel import to graph", st("excel_import", "seconds")),
        row("**full analysis catalogue**", st("catalogue", "seconds")),
        "| planted exposures found | " + " | ".join(recall(results[s]) for s in sizes) + " |\n",
        row("full analysis catalogue, CPU", st("catalogue", "cpu_seconds")),
        row("full analysis catalogue, of it kernel CPU", st("catalogue", "system_seconds")),
        row("slowest single analysis", lambda r: _slowest(r)[1]),
        row("focused map (largest technology)", st("focused_map", "seconds")),
        row("snapshot", st("snapshot", "seconds")),
        row("deck (from the snapshot)", st("deck", "seconds")),
        row("push batched, rels/s", st("push", "batched_per_second"), "n"),
        row("push one per row, rels/s", st("push", "single_per_second"), "n"),
        row(
            "peak RSS, import + analyses + map, MiB", lambda r: _get(r, "processes", "main", "process_peak_rss_mb"), "n"
        ),
    ]
    text = "".join(lines)
    slow = [f"{s}: {_slowest(results[s])[0]}" for s in sizes if _slowest(results[s])[0]]
    if slow:
        text += "\nSlowest analysis: " + "; ".join(slow) + ".\n"
    return text


def _slowest(r: dict[str, Any]) -> tuple[str, float | None]:
    per = _get(r, "stages", "analyses") or {}
    items = [(k, v["seconds"]) for k, v in per.items() if isinstance(v, dict) and "findings" in v]
    if not items:
        return "", None
    return max(items, key=lambda kv: kv[1])


def render_readme(results: dict[str, dict[str, Any]]) -> str:
    parts = [
        "# Benchmark results\n\n",
        "Written by `python benchmarks/run.py` (see its docstring); one JSON file per size holds every\n",
        "figure, the machine and the commit. Seconds are wall clock unless marked CPU (the process's own\n",
        "CPU time: on a shared machine, the wall clock also counts time other processes held the cores);\n",
        "kernel CPU is the part of it spent in the kernel, mostly on the page faults of fresh memory.\n\n",
    ]
    for s in SIZES:
        if s in results:
            r = results[s]
            m = r.get("machine", {})
            parts.append(
                f"- {s}: commit {r.get('commit')}, {r.get('measured')}, {m.get('cpus')} CPUs ({m.get('cpu', '?')}), "
                f"{m.get('memory_gib')} GiB, Python {m.get('python')}, load at start {m.get('load_average_at_start')}\n"
            )
            kept = [
                f"{g} (commit {p.get('commit')}, {p.get('measured')})"
                for g, p in r.get("processes", {}).items()
                if p.get("commit", r.get("commit")) != r.get("commit")
            ]
            if kept:
                parts.append(f"  - kept from earlier runs: {'; '.join(kept)}\n")
    parts.append("\n" + write_table(results) + "\n")
    parts.append("## Targets (issue 7)\n\n| size | target | measured | limit | met |\n|---|---|---:|---:|---|\n")
    for s in SIZES:
        for t in results.get(s, {}).get("targets", []):
            beside = f" (one pass over the graph: {t['reference']:,} {t['unit']})" if "reference" in t else ""
            parts.append(
                f"| {s} | {t['target']} | {t['value']:,} {t['unit']}{beside} | {t['limit']:,} {t['unit']} | "
                f"{'yes' if t['met'] else '**no**'} |\n"
            )
    if "L" in results and "M" in results:
        parts.append(
            "\n## Scaling from M to L, per analysis\n\n"
            "The input each analysis iterates, how much more of it L has than M, and time(L)/time(M); "
            "the last column near 1 means linear in that input. Each time is the analysis's fastest of "
            f"{_get(results['L'], 'stages', 'analyses', 'rounds') or 1} rounds at L and "
            f"{_get(results['M'], 'stages', 'analyses', 'rounds') or 1} at M, each round on a fresh context. "
            "The first row is the reference: one plain pass over every node and edge of the graph "
            "(`graph_pass`), what linear work costs on this machine as the graph outgrows the caches.\n\n"
            "| analysis | M s | L s | L/M | input | input L/M | (L/M) / input growth |\n"
            "|---|---:|---:|---:|---|---:|---:|\n"
        )
        for row in scaling(results["L"], results["M"]):
            parts.append(
                f"| {row['analysis']} | {row['seconds_M']:.2f} | {row['seconds_L']:.2f} | {row['ratio']}x | "
                f"{row['input']} | {row['input_growth']}x | {row['ratio_over_input_growth']} |\n"
            )
    return "".join(parts)


def load_results(where: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for s in SIZES:
        p = where / f"{s}.json"
        if p.exists():
            out[s] = json.loads(p.read_text(encoding="utf-8"))
    return out


# ---------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", action="append", choices=SIZES, help="S, M, L or XL (repeatable; default S and M)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="where synthetic companies are cached")
    ap.add_argument("--skip", action="append", default=[], choices=STAGES, help="leave a stage out (repeatable)")
    ap.add_argument("--only-stage", action="append", default=[], choices=STAGES, help="run only these stages")
    ap.add_argument("--single-rows", type=int, default=2000, help="relationships pushed one per row")
    ap.add_argument(
        "--rounds", type=int, default=3, help="rounds of the analyses one by one; each keeps its fastest (default 3)"
    )
    ap.add_argument("--results", type=Path, default=RESULTS, help="where results go (default benchmarks/results)")
    # worker mode (one process per group of stages)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--data-dir", help=argparse.SUPPRESS)
    ap.add_argument("--as-of", help=argparse.SUPPRESS)
    ap.add_argument("--worker-out", help=argparse.SUPPRESS)
    ap.add_argument("--stage", action="append", default=[], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    if args.worker:
        worker(args)
        return

    sizes = args.size or ["S", "M"]
    results = load_results(args.results)
    for size in sizes:
        target, header = _generate(size, args.seed, args.data)
        wanted = [s for s in DEFAULT_STAGES[size] if s not in args.skip]
        if args.only_stage:
            wanted = [s for s in wanted if s in args.only_stage]
        print(f"== {size}: {', '.join(wanted)}", flush=True)
        record: dict[str, Any] = {
            "size": size,
            "seed": args.seed,
            "as_of": header["as_of"],
            "counts": header["counts"],
            "measured": dt.datetime.now().isoformat(timespec="minutes"),
            "commit": _commit(),
            "machine": _machine(),
            "stages": {},
            "processes": {},
        }
        previous = results.get(size, {})
        same_company = previous.get("seed") == args.seed and previous.get("counts") == header["counts"]
        if (args.only_stage or args.skip) and same_company:
            # keep the stages not re-run (left out by --only-stage or --skip)
            # from the last run of the same company, each process group with
            # the commit and time it was measured at (results written before
            # groups recorded them get the earlier run's, marked "or earlier")
            record["stages"] = dict(previous.get("stages", {}))
            record["processes"] = {
                g: {
                    "commit": f"{previous.get('commit')} or earlier",
                    "measured": f"{previous.get('measured')} or earlier",
                    **p,
                }
                for g, p in previous.get("processes", {}).items()
            }
        for group, group_stages in GROUPS.items():
            chosen = tuple(s for s in group_stages if s in wanted)
            if not chosen:
                continue
            if group == "main" and "csv_import" not in chosen:
                chosen = ("csv_import", *chosen)
            out = _run_group(size, target, header["as_of"], chosen, args.single_rows, args.rounds)
            record["processes"][group] = {
                "process_peak_rss_mb": out.pop("process_peak_rss_mb"),
                "commit": record["commit"],
                "measured": record["measured"],
            }
            record["stages"].update(out)
        results[size] = record
        others = {k: v for k, v in results.items() if k != size}
        record["targets"] = check_targets(size, record, others)
        if size == "M" and "L" in results:
            results["L"]["targets"] = check_targets("L", results["L"], {**results, "M": record})
        for t in record["targets"]:
            print(
                f"  target {t['target']}: {t['value']} {t['unit']} (limit {t['limit']})"
                + (f" [one pass over the graph: {t['reference']} {t['unit']}]" if "reference" in t else ""),
                "met" if t["met"] else "NOT MET",
            )
        args.results.mkdir(parents=True, exist_ok=True)
        for s in (size, "L") if size == "M" and "L" in results else (size,):
            (args.results / f"{s}.json").write_text(json.dumps(results[s], indent=1) + "\n", encoding="utf-8")
        (args.results / "README.md").write_text(render_readme(results), encoding="utf-8")
    print()
    print(write_table({s: results[s] for s in SIZES if s in results}))


if __name__ == "__main__":
    main()
