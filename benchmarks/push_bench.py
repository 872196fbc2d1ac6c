"""Batched push against one statement per row: relationships per second.

:func:`push_rates` takes any graphmap graph, pushes it with
:func:`graphmap.neo4j.push` into a fresh database of an ArcadeDB Bolt
server (the test server from the ``arcadedb-embedded`` wheel, started on
loopback unless one is given) and times the relationship phase

* batched: what ``graphmap neo4j push`` does, ``batch_size`` rows per
  ``UNWIND`` statement and transaction;
* one row per statement and transaction (the naive loop), on the first
  ``single_rows`` relationships, into another fresh database holding the
  nodes (written batched, not timed).

Both run after a warm-up (``warmup`` relationships pushed both ways into a
scratch database) so that the JVM's JIT compilation does not count against
whichever mode runs first.  The warm-up and the one-per-row run carry only
the nodes at the ends of their relationships: a push with ``batch_size=1``
writes its nodes one per statement too, which for the 912k nodes of the L
company took over an hour and was why the L push never finished.

The scale benchmark calls :func:`push_rates` with its synthetic company;
run this file for a synthetic graph of people who know process steps::

    python benchmarks/push_bench.py [--people 2000] [--steps 200] [--per-person 10]
                                    [--batch-size 1000] [--single-rows 2000]
                                    [--warmup 20000] [--rounds 1] [--heap 1g]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from graphmap.neo4j import DEFAULT_BATCH_SIZE, Neo4jSettings, push  # noqa: E402
from tests.server import DEFAULT_HEAP, ArcadeDBProcess, ServerInfo  # noqa: E402

__all__ = ["PushRates", "push_rates", "server_heap", "synthetic"]


@dataclass(frozen=True)
class PushRates:
    """Relationships written and seconds taken, batched and one per row."""

    batched: int
    batched_seconds: float
    single: int
    single_seconds: float
    #: the whole batched push: preparing rows, schema, nodes, relationships
    batched_push_seconds: float = 0.0

    @property
    def batched_per_second(self) -> float:
        return self.batched / self.batched_seconds if self.batched_seconds else 0.0

    @property
    def single_per_second(self) -> float:
        return self.single / self.single_seconds if self.single_seconds else 0.0

    @property
    def speedup(self) -> float:
        """How many times faster batching is."""
        single = self.single_per_second
        return self.batched_per_second / single if single else 0.0

    def summary(self) -> str:
        return (
            f"batched {self.batched:,} rels in {self.batched_seconds:.2f} s = "
            f"{self.batched_per_second:,.0f} rels/s; one per row {self.single:,} rels in "
            f"{self.single_seconds:.2f} s = {self.single_per_second:,.0f} rels/s; "
            f"batching {self.speedup:.1f}x faster"
        )


def synthetic(people: int = 2000, steps: int = 200, per_person: int = 10) -> nx.MultiDiGraph:
    """People who know process steps: ``people * per_person`` ``KNOWS``
    relationships with two properties each."""
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


def _nodes_only(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``g``'s nodes without relationships."""
    h = nx.MultiDiGraph()
    h.add_nodes_from(g.nodes(data=True))
    return h


def _first_edges(g: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """``g``'s first ``limit`` relationships and the nodes at their ends
    (no other node: pushing this graph one row per statement must not
    write every node of a large graph one at a time)."""
    edges = list(itertools.islice(g.edges(keys=True, data=True), limit))
    ends = {n for u, v, _, _ in edges for n in (u, v)}
    h = nx.MultiDiGraph()
    h.add_nodes_from((n, d) for n, d in g.nodes(data=True) if n in ends)
    h.add_edges_from(edges)
    return h


#: Relationships beyond which :func:`server_heap` gives the server more heap.
LARGE_PUSH = 1_000_000


def server_heap(relationships: int) -> str:
    """The test server's JVM heap for a push of ``relationships``:
    ``GRAPHMAP_TEST_SERVER_HEAP`` when set, else the tests' 1 GiB up to
    :data:`LARGE_PUSH` and 4 GiB beyond.

    ArcadeDB keeps a quarter of its heap as page cache.  At L (912k nodes,
    4.9M relationships) 1 GiB held the push (live heap 250-400 MB after
    collections) but spent about a tenth of the time in GC pauses; the
    benchmark's push stage ran 15.0k rels/s with 1 GiB and 18.3k with 4 GiB.
    """
    explicit = os.environ.get("GRAPHMAP_TEST_SERVER_HEAP")
    if explicit:
        return explicit
    return "4g" if relationships > LARGE_PUSH else DEFAULT_HEAP


@contextmanager
def _database(server: ServerInfo, tag: str) -> Iterator[Neo4jSettings]:
    """A fresh database on ``server`` for one measurement, dropped as soon
    as it is done (a pushed L graph is gigabytes on disk and in the
    server's page cache)."""
    name = f"bench_{tag}_{uuid.uuid4().hex[:8]}"
    server.create_database(name)
    try:
        yield server.settings(name)
    finally:
        try:
            server.drop_database(name)
        except OSError:
            pass


def push_rates(
    g: nx.MultiDiGraph,
    server: ServerInfo | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    single_rows: int = 2000,
    warmup: int = 20_000,
    heap: str = DEFAULT_HEAP,
) -> PushRates:
    """Relationships per second pushing ``g`` batched and one per row.

    ``server``: a running ArcadeDB test server (:class:`tests.server.ServerInfo`);
    when None one is started for the measurement (with ``heap`` as the
    JVM's maximum heap) and stopped afterwards.  Each mode writes into a
    database of its own, dropped afterwards.
    """
    if server is None:
        with ArcadeDBProcess(heap=heap) as started:
            return push_rates(g, started, batch_size=batch_size, single_rows=single_rows, warmup=warmup)
    if warmup:
        with _database(server, "warmup") as settings:
            push(_first_edges(g, warmup), settings, batch_size=batch_size)
        with _database(server, "warmup_single") as settings:
            push(_first_edges(g, max(1, warmup // 10)), settings, batch_size=1)
    with _database(server, "batched") as settings:
        batched = push(g, settings, batch_size=batch_size)
    with _database(server, "single") as settings:
        # every node, batched and not timed, so that relationships find
        # their ends in indexes as large as the batched run's; then the
        # first relationships one per statement (push writes their end
        # nodes again, one per statement; only relationships are timed)
        push(_nodes_only(g), settings, batch_size=batch_size)
        single = push(_first_edges(g, single_rows), settings, batch_size=1)
    return PushRates(
        batched.relationships,
        batched.relationship_seconds,
        single.relationships,
        single.relationship_seconds,
        batched.seconds,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--per-person", type=int, default=10)
    ap.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    ap.add_argument("--single-rows", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=1, help="measure this many times on one server")
    ap.add_argument("--heap", default=DEFAULT_HEAP, help="the server JVM's maximum heap, e.g. 1g or 4g")
    args = ap.parse_args()

    g = synthetic(args.people, args.steps, args.per_person)
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} KNOWS relationships")
    with ArcadeDBProcess(heap=args.heap) as server:
        for i in range(args.rounds):
            rates = push_rates(
                g,
                server,
                batch_size=args.batch_size,
                single_rows=args.single_rows,
                warmup=args.warmup if i == 0 else 0,
            )
            print(f"round {i + 1}: {rates.summary()}", flush=True)


if __name__ == "__main__":
    main()
