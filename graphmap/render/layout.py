"""Node positions for a map, computed once in Python so the browser draws
with physics off (a browser-side force layout of 500 nodes takes tens of
seconds to settle; precomputed positions draw thousands at once).

Three layouts, all deterministic and near-linear:

* :func:`cluster_layout` (company view): each group is a disc of its
  members, the most exposed in the middle; discs and ungrouped nodes are
  placed by a small force layout of the group graph, then pushed apart
  until no two overlap.
* :func:`radial_layout` (technology, finding, country, organisation
  views): the focus in the centre, rings by distance from it, each ring
  ordered by the angles of its neighbours in the ring inside (fewer
  crossings); crowded rings wrap onto extra rings.
* :func:`path_layout` (path view): the path left to right, everything
  else fanned above and below the path node it is closest to.

Members of a folded group always get positions on their group's disc, so
the page can unfold the group in place.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from graphmap.render.views import MapView

__all__ = [
    "Positions",
    "cluster_layout",
    "disc",
    "folded_position",
    "layout",
    "path_layout",
    "radial_layout",
]

Positions = dict[str, tuple[float, float]]

#: Distance between neighbouring nodes, in pixels at zoom 1 (room for a label).
SPACING = 78.0
GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
#: Up to this many circles, forces are computed between every pair.
DENSE_LIMIT = 500


def disc(n: int, spacing: float = SPACING) -> list[tuple[float, float]]:
    """``n`` offsets filling a disc evenly (a sunflower spiral), the first
    at the centre.

    >>> disc(1)
    [(0.0, 0.0)]
    """
    c = spacing / math.sqrt(math.pi) * 1.05
    out = []
    for i in range(n):
        r = 0.0 if i == 0 else c * math.sqrt(i + 0.5)
        a = i * GOLDEN_ANGLE
        out.append((r * math.cos(a), r * math.sin(a)))
    return out


def disc_radius(n: int, spacing: float = SPACING) -> float:
    """The radius of a disc of ``n`` nodes (see :func:`disc`)."""
    if n <= 1:
        return spacing / 2
    return spacing / math.sqrt(math.pi) * 1.05 * math.sqrt(n + 0.5) + spacing / 2


def _place_members(
    view: MapView,
    pos: Positions,
    priority: Mapping[str, float],
    *,
    folded_only: bool = False,
    spacing: float = SPACING,
) -> None:
    """Members of every group (or every folded group) on a disc around the
    group's centre, most exposed first.  An open group that keeps its
    members' own positions gets their centroid as its centre."""
    for gid, grp in view.groups.items():
        if folded_only and gid not in view.collapsed:
            xs = [pos[n] for n in grp.members if n in pos]
            if xs:
                pos[gid] = (sum(x for x, _ in xs) / len(xs), sum(y for _, y in xs) / len(xs))
            continue
        cx, cy = pos.get(gid, (0.0, 0.0))
        members = sorted(grp.members, key=lambda n: (-priority.get(n, 0.0), n))
        centre = view.centres.get(gid)
        offsets = disc(len(members) + (1 if centre else 0), spacing)
        if centre:
            pos[centre] = (cx, cy)
            offsets = offsets[1:]
        for n, (dx, dy) in zip(members, offsets, strict=True):
            pos[n] = (cx + dx, cy + dy)


# ---------------------------------------------------------------- forces


def _force(
    n: int,
    edges: Sequence[tuple[int, int, float]],
    radii: np.ndarray,
    *,
    iterations: int = 120,
    seed: int = 7,
) -> np.ndarray:
    """A Fruchterman-Reingold layout of ``n`` circles with ``radii``:
    edges pull their ends to touching distance, every pair (or, for many
    circles, every nearby pair) pushes apart, a weak pull keeps the whole
    round.  Returns an (n, 2) array.

    Complexity: O(iterations * n^2) up to :data:`DENSE_LIMIT` circles, O(iterations * n *
    neighbours) above (k-d tree).
    """
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    rng = np.random.default_rng(seed)
    total = float(np.sqrt((radii**2).sum()) * 2.2)
    # start on a spiral, biggest circles in the middle
    order = np.argsort(-radii, kind="stable")
    pos = np.zeros((n, 2))
    for rank, i in enumerate(order):
        r = total * math.sqrt((rank + 0.5) / n)
        a = rank * GOLDEN_ANGLE
        pos[i] = (r * math.cos(a), r * math.sin(a))
    pos += rng.normal(0, 1.0, size=(n, 2))
    if edges:
        e = np.array([(i, j) for i, j, _ in edges], dtype=np.int64)
        w = np.array([wt for _, _, wt in edges], dtype=float)
    else:
        e = np.zeros((0, 2), dtype=np.int64)
        w = np.zeros(0)
    temp = total / 4
    cool = (1.0 / 200.0) ** (1.0 / iterations)
    dense = n <= DENSE_LIMIT
    gap = SPACING * 0.8
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        if dense:
            delta = pos[:, None, :] - pos[None, :, :]
            dist = np.sqrt((delta**2).sum(-1)) + 1e-6
            want = radii[:, None] + radii[None, :] + gap
            force = (want**2) / dist
            np.fill_diagonal(force, 0.0)
            disp += (delta / dist[..., None] * force[..., None]).sum(1)
        else:
            reach = float(radii.max() * 2 + gap) * 3
            pairs = _close_pairs(pos, reach)
            if len(pairs):
                i, j = pairs[:, 0], pairs[:, 1]
                delta = pos[i] - pos[j]
                dist = np.sqrt((delta**2).sum(-1)) + 1e-6
                want = radii[i] + radii[j] + gap
                f = ((want**2) / dist)[:, None] * delta / dist[:, None]
                np.add.at(disp, i, f)
                np.add.at(disp, j, -f)
        if len(e):
            delta = pos[e[:, 0]] - pos[e[:, 1]]
            dist = np.sqrt((delta**2).sum(-1)) + 1e-6
            want = radii[e[:, 0]] + radii[e[:, 1]] + gap
            f = (w * (dist - want) * dist / want)[:, None] * delta / dist[:, None]
            np.add.at(disp, e[:, 0], -f)
            np.add.at(disp, e[:, 1], f)
        disp -= pos * 0.02 * (1 + len(e) / n)
        length = np.sqrt((disp**2).sum(-1)) + 1e-9
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp *= cool
    return _separate(pos, radii, gap=SPACING * 0.35)


def _close_pairs(pos: np.ndarray, reach: float) -> np.ndarray:
    """Index pairs (i, j) of points closer than ``reach`` (each pair once):
    all pairs up to :data:`DENSE_LIMIT` points, a uniform grid above.

    >>> _close_pairs(np.array([[0.0, 0.0], [1.0, 0.0], [9.0, 0.0]]), 2.0).tolist()
    [[0, 1]]
    """
    n = len(pos)
    if n <= DENSE_LIMIT:
        i, j = np.triu_indices(n, 1)
    else:
        i, j = _grid_candidates(pos, reach)
    delta = pos[i] - pos[j]
    near = (delta**2).sum(-1) < reach * reach
    return np.stack([i[near], j[near]], axis=1)


def _grid_candidates(pos: np.ndarray, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of points in the same or neighbouring grid cells of side
    ``reach``: every pair closer than ``reach`` is among them."""
    cells = np.floor((pos - pos.min(axis=0)) / reach).astype(np.int64)
    height = int(cells[:, 1].max()) + 3
    key = (cells[:, 0] + 1) * height + (cells[:, 1] + 1)
    order = np.argsort(key, kind="stable")
    sorted_keys = key[order]
    firsts, lasts = [], []
    for dx, dy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):
        target = key + dx * height + dy
        lo = np.searchsorted(sorted_keys, target, side="left")
        hi = np.searchsorted(sorted_keys, target, side="right")
        counts = hi - lo
        total = int(counts.sum())
        if total == 0:
            continue
        a = np.repeat(np.arange(len(pos)), counts)
        step = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        b = order[np.repeat(lo, counts) + step]
        if dx == 0 and dy == 0:
            keep = a < b
            a, b = a[keep], b[keep]
        firsts.append(a)
        lasts.append(b)
    if not firsts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(firsts), np.concatenate(lasts)


def _separate(pos: np.ndarray, radii: np.ndarray, *, gap: float, rounds: int = 60) -> np.ndarray:
    """Push overlapping circles apart until none overlap (or ``rounds``)."""
    n = len(pos)
    if n < 2:
        return pos
    reach = float(radii.max() * 2 + gap)
    for _ in range(rounds):
        pairs = _close_pairs(pos, reach)
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = pos[i] - pos[j]
        dist = np.sqrt((delta**2).sum(-1)) + 1e-6
        want = radii[i] + radii[j] + gap
        over = want - dist
        mask = over > 0.5
        if not mask.any():
            break
        i, j, delta, dist, over = i[mask], j[mask], delta[mask], dist[mask], over[mask]
        move = (over / 2)[:, None] * delta / dist[:, None]
        shift = np.zeros_like(pos)
        np.add.at(shift, i, move)
        np.add.at(shift, j, -move)
        pos = pos + shift
    return pos


# --------------------------------------------------------------- layouts


def cluster_layout(view: MapView, priority: Mapping[str, float] | None = None) -> Positions:
    """Groups as discs of their members, placed by a force layout of the
    group graph (see the module docstring).  Returns positions for every
    node and every group id of ``view``.

    Complexity: O(V + E) plus the force layout of the group graph.
    """
    prio = priority or {}
    units: list[str] = []
    unit_of: dict[str, int] = {}
    radii: list[float] = []
    index: dict[str, int] = {}
    for gid, grp in view.groups.items():
        index[gid] = len(units)
        units.append(gid)
        centre = view.centres.get(gid)
        radii.append(disc_radius(len(grp.members) + (1 if centre else 0)))
        for member in (*grp.members, *([centre] if centre else [])):
            unit_of[member] = index[gid]
    for n in view.nodes:
        if n not in unit_of:
            unit_of[n] = len(units)
            units.append(n)
            radii.append(SPACING / 2)
    weights: dict[tuple[int, int], float] = defaultdict(float)
    for u, v, k in view.edges:
        if (u, v, k) in view.implied:
            continue
        a, b = unit_of[u], unit_of[v]
        if a != b:
            weights[(min(a, b), max(a, b))] += 1.0
    # hubs (the company, its home country) would pull everything into one
    # knot: a link's pull shrinks with the number of links its ends have
    degree: dict[int, int] = defaultdict(int)
    for a, b in weights:
        degree[a] += 1
        degree[b] += 1
    edges = [
        (a, b, (0.1 + 0.4 * math.log1p(wt)) / math.sqrt(min(degree[a], degree[b])))
        for (a, b), wt in sorted(weights.items())
    ]
    xy = _force(len(units), edges, np.array(radii, dtype=float))
    pos: Positions = {}
    for i, unit in enumerate(units):
        pos[unit] = (float(xy[i, 0]), float(xy[i, 1]))
    _place_members(view, pos, prio)
    return pos


def _adjacency(view: MapView) -> dict[str, set[str]]:
    adj: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in view.visible_edges():
        adj[u].add(v)
        adj[v].add(u)
    return adj


def _layers(
    nodes: Sequence[str], adj: Mapping[str, set[str]], roots: Iterable[str]
) -> dict[str, int]:
    """Breadth-first distance from ``roots``; nodes not reached go one
    ring beyond the farthest."""
    dist: dict[str, int] = {}
    queue: deque[str] = deque()
    for r in roots:
        if r in adj or r in nodes:
            dist.setdefault(r, 0)
            queue.append(r)
    while queue:
        n = queue.popleft()
        for m in sorted(adj.get(n, ())):
            if m not in dist:
                dist[m] = dist[n] + 1
                queue.append(m)
    far = max(dist.values(), default=0) + 1
    for n in nodes:
        dist.setdefault(n, far)
    return dist


def _rep_size(view: MapView, rep: str) -> float:
    grp = view.groups.get(rep)
    if grp is not None and rep in view.collapsed:
        return SPACING * 1.4
    return SPACING


def _spread(wanted: Sequence[float], gaps: Sequence[float]) -> list[float]:
    """Angles as close to ``wanted`` (sorted, radians) as the minimum
    ``gaps`` between neighbours allow; evenly spaced when they cannot fit."""
    n = len(wanted)
    if n == 0:
        return []
    if sum(gaps) >= 2 * math.pi:
        total = sum(gaps)
        out, acc = [], wanted[0]
        for g in gaps:
            out.append(acc)
            acc += g * 2 * math.pi / total
        return out
    out = [wanted[0]]
    for i in range(1, n):
        out.append(max(wanted[i], out[-1] + (gaps[i - 1] + gaps[i]) / 2))
    shift = sum(o - w for o, w in zip(out, wanted, strict=True)) / n
    out = [o - shift for o in out]
    # the ring closes: the last may not come round onto the first
    overlap = out[-1] - (out[0] + 2 * math.pi) + (gaps[-1] + gaps[0]) / 2
    if overlap > 0:
        out = [o - overlap * (i / max(n - 1, 1)) for i, o in enumerate(out)]
    return out


def _kind(view: MapView, rep: str) -> str:
    grp = view.groups.get(rep)
    if grp is not None and rep in view.collapsed:
        return grp.label
    return view.labels.get(rep, "")


def radial_layout(view: MapView, priority: Mapping[str, float] | None = None) -> Positions:
    """The focus in the centre, rings by distance (see the module
    docstring).  Returns positions for every node and group id.

    Complexity: O(V log V + E).
    """
    prio = priority or {}
    reps = view.visible_nodes()
    adj = _adjacency(view)
    roots = [view.rep(f) for f in view.focus] or reps[:1]
    dist = _layers(reps, adj, roots)
    rings: dict[int, list[str]] = defaultdict(list)
    for n in reps:
        rings[dist[n]].append(n)
    pos: Positions = {}
    angle: dict[str, float] = {}
    centre = sorted(rings.get(0, []))
    for n, (dx, dy) in zip(centre, disc(len(centre), SPACING * 1.3), strict=True):
        pos[n] = (dx, dy)
        angle[n] = math.atan2(dy, dx) if (dx or dy) else 0.0
    radius = disc_radius(len(centre), SPACING * 1.3) if len(centre) > 1 else 0.0
    for k in sorted(r for r in rings if r > 0):
        ring = rings[k]
        wanted: dict[str, float] = {}
        if k == 1 and len(centre) <= 1:
            # around a single centre every angle is as good: spread evenly,
            # kinds together
            ring.sort(key=lambda n: (_kind(view, n), -prio.get(n, 0.0), n))
        for i, n in enumerate(ring):
            inner = [angle[m] for m in adj.get(n, ()) if m in angle]
            if inner and not (k == 1 and len(centre) <= 1):
                s = sum(math.sin(a) for a in inner)
                c = sum(math.cos(a) for a in inner)
                wanted[n] = math.atan2(s, c) % (2 * math.pi)
            else:
                wanted[n] = 2 * math.pi * i / len(ring)
        ring.sort(key=lambda n: (wanted[n], -prio.get(n, 0.0), n))
        sizes = [_rep_size(view, n) for n in ring]
        big = max(sizes)
        radius += max(SPACING * 2.2, big * 1.6)
        # how many concentric rings this layer needs
        rows, room = 1, 2 * math.pi * radius
        while room < sum(sizes) * 1.3:
            room += 2 * math.pi * (radius + rows * big * 0.9)
            rows += 1
        for row in range(rows):
            idx = list(range(row, len(ring), rows))
            if not idx:
                continue
            rr = radius + row * big * 0.9
            angles = _spread([wanted[ring[i]] for i in idx], [sizes[i] * 1.25 / rr for i in idx])
            for i, a in zip(idx, angles, strict=True):
                pos[ring[i]] = (rr * math.cos(a), rr * math.sin(a))
                angle[ring[i]] = a
        radius += (rows - 1) * big * 0.9
    _place_members(view, pos, prio, folded_only=True)
    return pos


def path_layout(view: MapView, priority: Mapping[str, float] | None = None) -> Positions:
    """The path left to right at y = 0; every other node above or below
    the path node it is nearest to, one row per step away.

    Complexity: O(V log V + E).
    """
    prio = priority or {}
    reps = view.visible_nodes()
    adj = _adjacency(view)
    path = [view.rep(n) for n in view.path] or [view.rep(f) for f in view.focus]
    path = list(dict.fromkeys(p for p in path if p in set(reps)))
    col = SPACING * 1.6
    per_row = 4
    dx = col * (per_row + 0.6)
    pos: Positions = {p: (i * dx, 0.0) for i, p in enumerate(path)}
    # multi-source BFS: nearest path node and distance
    owner: dict[str, str] = {p: p for p in path}
    dist: dict[str, int] = {p: 0 for p in path}
    queue: deque[str] = deque(path)
    while queue:
        n = queue.popleft()
        for m in sorted(adj.get(n, ())):
            if m not in dist:
                dist[m] = dist[n] + 1
                owner[m] = owner[n]
                queue.append(m)
    anchor = path[-1] if path else None
    far = max(dist.values(), default=0) + 1
    rows: dict[tuple[str | None, int], list[str]] = defaultdict(list)
    for n in reps:
        if n in pos:
            continue
        rows[(owner.get(n, anchor), dist.get(n, far))].append(n)
    # alternate rows above and below each path node
    for (own, d), members in sorted(rows.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        members.sort(key=lambda n: (-prio.get(n, 0.0), n))
        cx = pos[own][0] if own in pos else 0.0
        for idx, n in enumerate(members):
            row, column = divmod(idx, per_row)
            sign = -1 if (row % 2 == 0) else 1
            level = d + row // 2
            count = min(per_row, len(members) - row * per_row)
            x = cx + (column - (count - 1) / 2) * col
            y = sign * (level + 0.3 * (d > 1)) * SPACING * 1.2
            pos[n] = (x, y)
    _place_members(view, pos, prio, folded_only=True)
    return pos


def folded_position(view: MapView, pos: Positions, gid: str) -> tuple[float, float]:
    """Where a folded group is drawn: its disc's centre, or just above it
    when the disc is centred on the group's unit (which stays drawn)."""
    x, y = pos.get(gid, (0.0, 0.0))
    return (x, y - SPACING) if gid in view.centres else (x, y)


def layout(view: MapView, priority: Mapping[str, float] | None = None) -> Positions:
    """Positions for ``view`` with the layout that suits its kind."""
    if view.kind == "company":
        return cluster_layout(view, priority)
    if view.kind == "path" and view.path:
        return path_layout(view, priority)
    return radial_layout(view, priority)
