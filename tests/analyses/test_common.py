"""Tests of the helpers the analysis families share."""

from __future__ import annotations

import datetime as dt

import networkx as nx
from hypothesis import example, given, settings
from hypothesis import strategies as st

from graphmap.analyses.base import Context
from graphmap.analyses.common import contract_in_force, contract_span, disclosures

DISCLOSURE_EDGES = ("USED", "DISCLOSED_TO", "UNDER_CONTRACT", "IN_PROJECT", "ONWARD_OF", "STEP_OF")

# a few disclosures and other nodes, and any edges between them: several
# recipients, contracts or senders, none at all, other edge types
edge = st.tuples(
    st.sampled_from(["D1", "D2", "D3"]),
    st.sampled_from(["X1", "X2", "X3", "D1", "D2"]),
    st.sampled_from(DISCLOSURE_EDGES),
)
sent = st.tuples(
    st.sampled_from(["P1", "P2", "P3"]), st.sampled_from(["D1", "D2", "D3"]), st.sampled_from(["DISCLOSED", "KNOWS"])
)


@settings(max_examples=300, deadline=None)
@given(st.lists(edge, max_size=20), st.lists(sent, max_size=6), st.permutations(["D1", "D2", "D3"]))
@example(  # two assets and two recipients listed out of order
    [("D1", "X2", "USED"), ("D1", "X3", "DISCLOSED_TO"), ("D1", "X1", "USED"), ("D1", "X2", "DISCLOSED_TO")],
    [("P2", "D1", "DISCLOSED"), ("P1", "D1", "DISCLOSED")],
    ["D1", "D2", "D3"],
)
def test_disclosure_views_are_what_the_sorted_edge_lists_say(
    out_edges: list[tuple[str, str, str]], in_edges: list[tuple[str, str, str]], order: list[str]
) -> None:
    g = nx.MultiDiGraph()
    days = {"D1": dt.date(2026, 3, 1), "D2": dt.date(2026, 1, 5), "D3": dt.date(2026, 3, 1)}
    for d in order:
        g.add_node(d, label="Disclosure", date=days[d])
    for u, v, k in [*out_edges, *in_edges]:
        g.add_edge(u, v, key=k, type=k)
    ctx = Context(g)

    def first(node: str, etype: str) -> str | None:
        found = ctx.out(node, etype)
        return found[0] if found else None

    expected = []
    for d in sorted(order, key=lambda n: (days[n], n)):
        senders, recipients = ctx.into(d, "DISCLOSED"), ctx.out(d, "DISCLOSED_TO")
        if senders and recipients:
            used = tuple(ctx.out(d, "USED"))
            ends = (first(d, "UNDER_CONTRACT"), first(d, "IN_PROJECT"), first(d, "ONWARD_OF"))
            expected.append((d, days[d], senders[0], recipients[0], used, *ends))
    views = disclosures(ctx)
    assert [tuple(v)[:-1] for v in views] == expected
    assert all(dict(v.attrs) == g.nodes[v.id] for v in views)


def test_contract_in_force_reads_open_ends_as_open() -> None:
    g = nx.MultiDiGraph()
    g.add_node("C1", label="Contract", start=dt.date(2025, 4, 1), end=dt.date(2026, 3, 31))
    g.add_node("C2", label="Contract", start=dt.date(2025, 4, 1))
    g.add_node("C3", label="Contract")
    ctx = Context(g)
    assert contract_span(ctx, "C1") == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert contract_span(ctx, "C3") == (None, None)
    day = dt.date
    assert [
        contract_in_force(ctx, "C1", x) for x in (day(2025, 3, 31), day(2025, 4, 1), day(2026, 3, 31), day(2026, 4, 1))
    ] == [
        False,
        True,
        True,
        False,
    ]
    assert contract_in_force(ctx, "C2", day(2040, 1, 1)) and not contract_in_force(ctx, "C2", day(2025, 1, 1))
    assert contract_in_force(ctx, "C3", day(1990, 1, 1))
