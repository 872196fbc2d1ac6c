"""Batched UNWIND push against one statement per row: relationships per second.

Starts the ArcadeDB test server from the ``arcadedb-embedded`` wheel on
loopback (see ``tests/server.py``), pushes a synthetic graph of people who
know process steps, and times writing its ``KNOWS`` relationships

* in batches: ``UNWIND $rows AS row MATCH ... MERGE ...``, ``--batch-size``
  rows per statement and transaction (what ``graphmap neo4j push`` does);
* one row per statement and transaction (the naive loop), on a sample.

Both are timed after a warm-up (``--warmup`` relationships pushed both ways
into a scratch database) so that the JVM's JIT compilation does not count
against whichever mode runs first on the fresh server.

Usage::

    python benchmarks/push_bench.py [--people 2000] [--steps 200] [--per-person 10]
                                    [--batch-size 1000] [--single-rows 2000]
                                    [--warmup 20000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))

from graphmap.neo4j import (  # noqa: E402
    _Connection,
    _relationship_rows,
    push,
    relationship_params,
    relationship_statement,
)
from tests.server import ArcadeDBProcess  # noqa: E402


def synthetic(people: int, steps: int, per_person: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for s in range(steps):
        g.add_node(f"S{s:05d}", label="ProcessStep", name=f"step {s}", order=s % 20 + 1)
    for p in range(people):
        pid = f"P{p:06d}"
        g.add_node(pid, label="Person", name=f"person {p}", status="active")
        for k in range(per_person):
            step = f"S{(p * 7 + k * 13) % steps:05d}"
            g.add_edge(
                pid,
                step,
                key="KNOWS",
                type="KNOWS",
                depth="full" if k % 3 else "partial",
                mode="tacit",
            )
    return g


def nodes_only(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    h = nx.MultiDiGraph()
    h.add_nodes_from(g.nodes(data=True))
    return h


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--per-person", type=int, default=10)
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--single-rows", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=20000)
    args = ap.parse_args()

    g = synthetic(args.people, args.steps, args.per_person)
    ((key, rows),) = _relationship_rows(g).items()
    statement = relationship_statement(*key)
    print(f"graph: {g.number_of_nodes()} nodes, {len(rows)} KNOWS relationships")
    with ArcadeDBProcess() as server:
        if args.warmup:
            server.create_database("bench_warmup")
            settings = server.settings("bench_warmup")
            push(nodes_only(g), settings, batch_size=args.batch_size)
            with _Connection(settings) as conn:
                warm = rows[: args.warmup]
                for i in range(0, len(warm), args.batch_size):
                    conn.write(statement, relationship_params(warm[i : i + args.batch_size]))
                for row in warm[: max(1, args.warmup // 10)]:
                    conn.write(statement, relationship_params([row]))
        results = {}
        for mode in ("batched", "single"):
            db = f"bench_{mode}"
            server.create_database(db)
            settings = server.settings(db)
            push(nodes_only(g), settings, batch_size=args.batch_size)  # schema and nodes
            sample = rows if mode == "batched" else rows[: args.single_rows]
            with _Connection(settings) as conn:
                started = time.perf_counter()
                if mode == "batched":
                    for i in range(0, len(sample), args.batch_size):
                        conn.write(statement, relationship_params(sample[i : i + args.batch_size]))
                else:
                    for row in sample:
                        conn.write(statement, relationship_params([row]))
                seconds = time.perf_counter() - started
            results[mode] = (len(sample), seconds)
            print(
                f"{mode:8s} {len(sample):7d} rels in {seconds:7.2f} s "
                f"= {len(sample) / seconds:9.0f} rels/s"
            )
        (nb, sb), (ns, ss) = results["batched"], results["single"]
        print(f"speed-up of batching: {(nb / sb) / (ns / ss):.1f}x")


if __name__ == "__main__":
    main()
