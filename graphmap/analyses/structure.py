"""Analyses of the structure family: structural choke points.

A choke point is a person or an organisation through which every route
from a technology to the outside world passes.  The search runs on the
flow network of :mod:`graphmap.analyses.paths`, restricted to the
technology's neighbourhood (nodes it reaches within ``radius`` hops), in
an undirected view: the question is which parties hold the technology's
information together, not which way it flows.  Betweenness centrality is
computed on that neighbourhood only (sampled when it is large), never on
the whole graph.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

from graphmap.analyses.base import (
    Analysis,
    Context,
    Finding,
    Param,
    Severity,
    analysis,
    make_finding,
)
from graphmap.analyses.common import (
    INTERNAL_KINDS,
    graded_technologies,
    is_outside,
    organisation_of,
)
from graphmap.analyses.paths import FlowNetwork, flow_network

__all__ = [
    "ANALYSES",
    "minimum_party_cut",
    "neighbourhood",
    "single_separators",
    "structural_choke_points",
]

_OUT = "__outside__"
_SINK_NODE = (_OUT, 0)


def _reach(net: FlowNetwork, tech: str, radius: int) -> set[str]:
    """The nodes ``tech`` reaches within ``radius`` directed hops of the
    flow network, the sink left out: breadth-first over the adjacency
    dicts, a layer at a time with set operations (this runs once per
    graded technology, over neighbourhoods of tens of thousands)."""
    succ = net.g._succ
    seen = {tech}
    frontier: set[str] = {tech}
    for _ in range(radius):
        nxt: set[str] = set()
        for u in frontier:
            nxt.update(succ[u])
        nxt -= seen
        if not nxt:
            break
        seen |= nxt
        frontier = nxt
    seen.discard(net.sink)
    return seen


class _Within(dict[str, list[str]]):
    """The undirected adjacency of the flow network restricted to
    ``inside``, each node's neighbours listed when first asked for: the
    cut search usually stops after a few walks, long before it has seen
    the whole neighbourhood, so most of it is never built."""

    def __init__(self, net: FlowNetwork, inside: set[str]) -> None:
        super().__init__()
        self._succ = net.g._succ
        self._pred = net.g._pred
        self._inside = inside

    def __missing__(self, u: str) -> list[str]:
        inside, after, before = self._inside, self._succ[u], self._pred[u]
        found = [v for v in after if v in inside]
        if len(before) <= len(inside):
            found.extend(v for v in before if v in inside and v not in after)
        else:  # a hub (the company itself, which every employee points at):
            # the keys view intersected with the smaller set looks each
            # member of ``inside`` up in ``before``
            found.extend(w for w in before.keys() & inside if w not in after)
        self[u] = found
        return found

    def __contains__(self, node: object) -> bool:
        return node in self._inside

    def __iter__(self) -> Iterator[str]:
        return iter(self._inside)


def neighbourhood(net: FlowNetwork, tech: str, radius: int) -> nx.Graph:
    """The undirected view of the flow network on the nodes ``tech``
    reaches within ``radius`` directed hops (the sink left out), built in a
    fixed order.

    Complexity: O(nodes + edges of the neighbourhood).
    """
    if tech not in net.g:
        return nx.Graph()
    seen = _reach(net, tech, radius)
    succ = net.g._succ
    keep = sorted(seen)
    h = nx.Graph()
    # what h.add_nodes_from(keep) and h.add_edge(u, v) for each pair do
    # (one attribute dict shared by both directions, first-seen order),
    # without their per-call cost
    node = h._node
    adj: dict[str, dict[str, dict[str, Any]]] = h._adj
    for u in keep:
        node[u] = {}
        adj[u] = {}
    for u in keep:
        around = adj[u]
        for v in succ[u]:
            if v in seen and v not in around:
                around[v] = adj[v][u] = {}
    return h


def minimum_party_cut(
    h: nx.Graph | Mapping[str, list[str]],
    source: str,
    targets: Iterable[str],
    cuttable: Callable[[str], bool],
    limit: int | None = None,
) -> list[str] | None:
    """A minimum set of cuttable nodes whose removal separates ``source``
    from every node of ``targets`` (targets may themselves be cut); None
    when no such set exists or, with ``limit``, when every such set has
    more than ``limit`` nodes.

    The node-splitting construction of :func:`networkx.minimum_node_cut`
    (each node an in- and an out-half joined by an arc of capacity 1),
    except that only cuttable nodes have a finite capacity, so only people
    and outside organisations are ever named, never documents, machines or
    the company itself.  The maximum flow is found by unit augmenting
    paths (searched on the implicit split graph) and stops after
    ``limit + 1`` of them, so a large neighbourhood costs at most
    ``limit + 1`` linear passes.  Among minimum cuts the one nearest
    ``source`` is returned (the people and partners closest to the
    technology rather than the outside parties themselves).

    ``h`` is the undirected graph, or any mapping of each node to its
    neighbours that answers ``in`` and iterates over all the nodes.

    Complexity: O(min(cut, limit + 1) * (nodes + edges)).
    """
    wanted = set(targets) - {source}
    if not wanted or source not in h:
        return None
    # the plain adjacency dicts (no view object per lookup), or the mapping given
    adj: Mapping[str, Iterable[str]] = h._adj if isinstance(h, nx.Graph) else h
    memo: dict[str, bool] = {}

    def cuttable_(v: str) -> bool:
        ok = memo.get(v)
        if ok is None:
            ok = memo[v] = cuttable(v)
        return ok

    # flow on the in -> out arc of a node, and on the arcs between nodes
    through: dict[str, int] = {}
    across: dict[tuple[str, str], int] = {}
    # v -> the nodes u whose arc u_out -> v_in carries flow (its residual
    # arc back): a few per path, where scanning adj[v] for them would
    # look at every neighbour of every node searched
    carried: dict[str, dict[str, None]] = {}
    start = (source, 1)

    def residual_walk() -> tuple[dict[tuple[str, int], tuple[str, int] | None], bool]:
        """Search of the residual network from the source, last found
        first (a stack: it dives towards the many targets and stops at the
        first, where breadth-first would sweep most of the neighbourhood
        every time); (parents, whether the virtual sink was reached).  Any
        augmenting path will do: the cut read off the final residual
        network is the same whichever paths carried the flow."""
        parent: dict[tuple[str, int], tuple[str, int] | None] = {start: None}
        queue = deque([start])
        while queue:
            node = queue.pop()
            v, side = node
            if side == 0:
                nxt: list[tuple[str, int]] = []
                if v == source or not cuttable_(v) or through.get(v, 0) < 1:
                    nxt.append((v, 1))
                back = carried.get(v)
                if back:
                    nxt.extend((u, 1) for u in back)
            else:
                if v in wanted:
                    parent[_SINK_NODE] = node
                    return parent, True
                nxt = [(w, 0) for w in adj[v]]
                if through.get(v, 0) > 0:
                    nxt.append((v, 0))
            for x in nxt:
                if x not in parent:
                    parent[x] = node
                    queue.append(x)
        return parent, False

    flow = 0
    while True:
        parent, found = residual_walk()
        if not found:
            break
        flow += 1
        if limit is not None and flow > limit:
            return None
        finite = False
        node = parent[_SINK_NODE]
        while node is not None and node != start:
            prev = parent[node]
            assert prev is not None
            (v, side), (u, pside) = node, prev
            if side == 1 and pside == 0 and u == v:  # in -> out arc of v
                through[v] = through.get(v, 0) + 1
                finite = finite or (v != source and cuttable_(v))
            elif side == 0 and pside == 1 and u == v:  # undo an in -> out arc
                through[v] -= 1
                finite = True
            elif side == 0:  # u_out -> v_in
                across[(u, v)] = across.get((u, v), 0) + 1
                carried.setdefault(v, {})[u] = None
            else:  # undo v_out -> u_in
                across[(v, u)] -= 1
                if not across[(v, u)]:
                    del carried[u][v]
                finite = True
            node = prev
        if not finite:
            return None  # a path of unlimited arcs only: no finite cut
    reach = residual_walk()[0]
    return sorted(v for v in h if (v, 0) in reach and (v, 1) not in reach)


def single_separators(h: nx.Graph, source: str, targets: Iterable[str], cuttable: Callable[[str], bool]) -> list[str]:
    """Every cuttable node that alone separates ``source`` from all of
    ``targets``: the articulation points on the block-cut-tree path from
    ``source`` to a virtual node joined to the targets (a single target is
    not reported as separating the source from itself).

    Complexity: O(nodes + edges) (biconnected components).
    """
    wanted = sorted(set(targets) - {source})
    if not wanted or source not in h:
        return []
    h2 = nx.Graph(h)
    h2.add_edges_from((t, _OUT) for t in wanted)
    blocks = list(nx.biconnected_components(h2))
    arts = set(nx.articulation_points(h2))
    tree = nx.Graph()
    home: dict[str, int] = {}
    for i, block in enumerate(blocks):
        tree.add_node(("B", i))
        for n in sorted(block):
            home.setdefault(n, i)
            if n in arts:
                tree.add_edge(("B", i), ("A", n))

    def rep(n: str) -> tuple[str, Any]:
        return ("A", n) if n in arts else ("B", home[n])

    if source not in home:  # isolated: nothing to separate
        return []
    try:
        path = nx.shortest_path(tree, rep(source), rep(_OUT))
    except nx.NetworkXNoPath:
        return []
    # a lone target trivially separates the source from itself: not a gate
    trivial = {source, _OUT, *(wanted if len(wanted) == 1 else [])}
    return sorted(x[1] for x in path if x[0] == "A" and x[1] not in trivial and cuttable(x[1]))


def _cuttable(ctx: Context) -> Callable[[str], bool]:
    memo: dict[str, bool] = {}

    def ok(n: str) -> bool:
        known = memo.get(n)
        if known is not None:
            return known
        if n not in ctx.g:
            result = False
        else:
            label = ctx.label(n)
            result = label == "Person" or (label == "Organisation" and ctx.attr(n, "kind") not in INTERNAL_KINDS)
        memo[n] = result
        return result

    return ok


#: How many names a message spells out before "and N more".
_LISTED = 5


def _names(ctx: Context, nodes: list[str], lang: str) -> str:
    sep = ", " if lang == "en" else "、"
    text = sep.join(ctx.name(n) for n in nodes[:_LISTED])
    rest = len(nodes) - _LISTED
    if rest > 0:
        text += f" and {rest} more" if lang == "en" else f" ほか{rest}者"
    return text


def gate_items(ctx: Context, members: list[str]) -> list[str]:
    """Checklist items of a choke point's gates: P4 for one of our people
    (or a person with no employer on record); for an organisation, or an
    outside person counted for their employer, the vendor item: S6 for an
    equipment maker, S5 for a customer, S4 for any other partner."""
    items: list[str] = []
    for n in members:
        org = organisation_of(ctx, n) if ctx.label(n) == "Person" else n
        if org is None or not is_outside(ctx, org):
            items.append("P4")
            continue
        kind = ctx.attr(org, "kind")
        items.append("S6" if kind == "equipment_maker" else "S5" if kind == "customer" else "S4")
    return list(dict.fromkeys(items))


@analysis(
    id="structural_choke_points",
    family="structure",
    title_ja="技術が社外へ届く経路の関所",
    title_en="Structural choke points between a technology and the outside",
    checklist=["P4", "S4", "S5", "S6"],
    why_ja=(
        "技術の情報が社外に届く経路がごく少数の人や取引先に集中していると、"
        "その一者が退職・転職したり取引先が買収されたりしただけで、技術全体が外に出ます。"
    ),
    why_en=(
        "When every route from a technology to outside parties runs through a few people "
        "or partners, one departure or one change of control exposes the whole technology."
    ),
    remedy_ja=(
        "名前の挙がった人・組織を重点管理の対象にし（誓約・アクセスの見直し・接触先の把握）、"
        "一者に集まる知識や仕様は工程分割や複数社発注で分散させます。"
    ),
    remedy_en=(
        "Put the named people and partners under closer control (pledges, access review, "
        "contacts), and split what they alone hold across steps or vendors."
    ),
    params=[
        Param(name="radius", default=4, ja="近傍とするホップ数", en="neighbourhood radius (hops)"),
        Param(
            name="few_gates",
            default=3,
            ja="少数の関所とみなす最大人数・組織数",
            en="largest cut counted as a few gates",
        ),
        Param(
            name="max_cut",
            default=10,
            ja="関所として報告する最大人数・組織数",
            en="largest cut reported as a choke point",
        ),
        Param(name="betweenness_k", default=200, ja="媒介中心性の標本数", en="betweenness sample size"),
        Param(
            name="betweenness_seed",
            default=0,
            ja="媒介中心性の乱数シード",
            en="betweenness sampling seed",
        ),
    ],
    requires=["Technology", "Person", "Organisation"],
    complexity="O(T * (n + m) * min(k, n)) for T technologies with neighbourhoods of n nodes and m edges",
)
def structural_choke_points(
    ctx: Context,
    *,
    radius: int = 4,
    few_gates: int = 3,
    max_cut: int = 10,
    betweenness_k: int = 200,
    betweenness_seed: int = 0,
) -> list[Finding]:
    """People and organisations through which every route from a graded
    technology to the outside (and to concern endpoints) passes.

    For each graded technology: the neighbourhood of the flow network
    within ``radius`` hops, undirected; a minimum cut of people and
    outside organisations between the technology and a virtual node
    joined to every outside party in it; every articulation point that
    alone separates the two; members ranked by betweenness centrality on
    the neighbourhood (``betweenness_k`` samples with a fixed seed when it
    has more nodes).  Cuts larger than ``max_cut`` are not choke points,
    nor is a cut made only of every outside party itself (the technology
    reaches each of them on its own).

    Severity: high for a single gate with a concern endpoint in the
    neighbourhood; medium for a single gate, or at most ``few_gates`` with
    a concern endpoint; low otherwise.

    Checklist: P4 when one of our people is among the gates (few people
    hold the way out); for an outside gate (an organisation, or a person
    counted for their employer) the vendor-concentration item: S6 for an
    equipment maker, S5 for a customer, S4 for any other partner (see
    :func:`gate_items`).

    Complexity: per technology, linear in the neighbourhood for the
    search, one max-flow for the cut, O(k * m) for sampled betweenness;
    never on the whole graph.

    Examples
    --------
    >>> import networkx as nx
    >>> structural_choke_points(Context(nx.MultiDiGraph()))
    []
    """
    meta = structural_choke_points.meta
    net = flow_network(ctx)
    cuttable = _cuttable(ctx)
    # outside people and organisations and concern endpoints, found once:
    # the same nodes recur in many technologies' neighbourhoods
    all_parties = {
        n
        for n in net.g
        if n != net.sink and ctx.label(n) in ("Person", "Organisation") and (n in net.endpoints or is_outside(ctx, n))
    }

    findings = []
    for tech in graded_technologies(ctx):
        if tech not in net.g:
            continue
        inside = _reach(net, tech, radius)
        parties = inside & all_parties
        parties.discard(tech)
        if not parties:
            continue
        # the cut on the neighbourhood's adjacency built as the search asks
        # for it; the whole neighbourhood only for a choke point reported
        cut = minimum_party_cut(_Within(net, inside), tech, parties, cuttable, limit=max_cut)
        if not cut or len(cut) > max_cut or set(cut) == set(parties):
            # no cut, exposure too spread, or the cut is merely every
            # outside party itself: no choke point to report
            continue
        h = neighbourhood(net, tech, radius)
        singles = single_separators(h, tech, parties, cuttable) if len(cut) == 1 else []
        concern = sorted(n for n in parties if n in net.endpoints)
        concern_cut = minimum_party_cut(h, tech, concern, cuttable, limit=max_cut) if concern else None
        k = betweenness_k if h.number_of_nodes() > betweenness_k else None
        bc = nx.betweenness_centrality(h, k=k, seed=betweenness_seed)
        members = sorted(set(cut) | set(singles), key=lambda n: (-bc.get(n, 0.0), n))

        if len(cut) == 1 and concern:
            severity = Severity.high
        elif len(cut) == 1 or (concern and len(cut) <= few_gates):
            severity = Severity.medium
        else:
            severity = Severity.low
        score = (100.0 if concern else 60.0) / len(cut)

        facts: dict[str, Any] = {
            "cut_size": len(cut),
            "members": [{"id": n, "betweenness": round(bc.get(n, 0.0), 6), "single": n in singles} for n in members],
            "outside_parties": len(parties),
            "concern_endpoints": concern,
            "concern_cut": concern_cut or [],
            "neighbourhood_size": h.number_of_nodes(),
            "radius": radius,
            "betweenness_sampled": k is not None,
        }
        note_ja = f"懸念先（{_names(ctx, concern[:3], 'ja')}など）もこの先にあります。" if concern else ""
        note_en = f" Parties of concern ({_names(ctx, concern[:3], 'en')}) lie beyond them." if concern else ""
        findings.append(
            make_finding(
                meta,
                [tech, *members],
                severity,
                score,
                f"「{ctx.name(tech)}」の情報が社外の{len(parties)}者に届く経路は、"
                f"すべて {_names(ctx, members, 'ja')} を通ります。{note_ja}",
                f"Every route from {ctx.name(tech)} to its {len(parties)} outside "
                f"parties passes through {_names(ctx, members, 'en')}.{note_en}",
                nodes=[*members, *concern],
                facts=facts,
                checklist=gate_items(ctx, members),
            )
        )
    return findings


ANALYSES: tuple[Analysis, ...] = (structural_choke_points,)
