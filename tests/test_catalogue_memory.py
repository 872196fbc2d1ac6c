"""What the catalogue builds is freed as it returns, by reference counting.

``run_analyses`` runs with the cyclic collector paused (see
``graphmap.gcpause``).  Anything the analyses leave in a reference cycle
outlives the run and is traversed, object by object, by the collector's
first pass once it is back on: the leakage-path network alone (a million
objects at M) cost the M catalogue most of a second that way, and the L
catalogue 22 s in two passes.  So the analyses must make no cycles, and
the catalogue frees its context before the collector comes back."""

from __future__ import annotations

import datetime as dt
import gc
import weakref
from collections import Counter
from pathlib import Path

import pytest

import graphmap.analyses
from graphmap.analyses import Context, run_analyses
from graphmap.analyses.paths import flow_network
from graphmap.dataset import Dataset
from graphmap.graph import build_graph
from importers import read_sources
from tests.analyses.helpers import ctx_of

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def example() -> Dataset:
    ds, problems, _ = read_sources([ROOT / "examples/company/company.xlsx"])
    assert not problems
    return ds


def _garbage_after(run: object) -> Counter[str]:
    """The objects in unreachable cycles that ``run()`` leaves, by type."""
    was = gc.isenabled()
    gc.disable()
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        run()  # type: ignore[operator]
        gc.collect()
        return Counter(type(o).__name__ for o in gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()


def test_the_catalogue_leaves_nothing_for_the_cyclic_collector(example: Dataset) -> None:
    g = build_graph(example)
    assert run_analyses(g, as_of=AS_OF)  # first run: libraries' one-time set-up
    left = _garbage_after(lambda: run_analyses(g, as_of=AS_OF))
    assert "DiGraph" not in left and "Hop" not in left, left
    assert sum(left.values()) < 20, left


def test_reading_a_hop_leaves_the_flow_network_free_of_cycles(example: Dataset) -> None:
    def build_and_read() -> None:
        net = flow_network(ctx_of(example))
        u, v = next((u, v) for u, nbrs in net.g._succ.items() for v, d in nbrs.items() if d["hop"] is not None)
        assert net.hop(u, v).source == u
        # no view cached on the graph that refers back to it
        assert "edges" not in net.g.__dict__

    left = _garbage_after(build_and_read)
    assert "DiGraph" not in left and "Hop" not in left, left


def test_the_context_is_gone_before_the_collector_comes_back(example: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """Everything made while the collector is paused counts as new to it, so
    its first pass after the catalogue would traverse every index the
    context still holds: the context must be freed before."""
    g = build_graph(example)
    contexts: list[weakref.ref[Context]] = []

    class Tracked(Context):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            contexts.append(weakref.ref(self))

    alive_at_collection: list[bool] = []

    def on_collection(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and contexts:
            alive_at_collection.append(contexts[0]() is not None)

    monkeypatch.setattr(graphmap.analyses, "Context", Tracked)
    was = gc.isenabled()
    gc.enable()
    gc.callbacks.append(on_collection)
    try:
        assert run_analyses(g, as_of=AS_OF)
        gc.collect()  # at the latest
    finally:
        gc.callbacks.remove(on_collection)
        if not was:
            gc.disable()
    assert len(contexts) == 1
    assert alive_at_collection and not any(alive_at_collection)
