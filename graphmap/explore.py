"""Exploratory queries on the embedded engine (NetworkX).

Each function here is the embedded twin of one Cypher file in
``queries/explore/`` and returns the same rows (same columns, same values,
dates as :class:`datetime.date`) as the Cypher does on a server, so
``graphmap query run ID --engine embedded`` and ``--engine neo4j`` agree.
The parity tests hold them to that.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("P1", label="Person", name="山田", status="active")
>>> g.add_node("S1", label="ProcessStep", name="焼成", order=1)
>>> g.add_edge("P1", "S1", key="KNOWS", type="KNOWS", depth="full", mode="tacit")
>>> who_knows_step(g, step="S1")[0]["person"]
'P1'
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

__all__ = [
    "EXPLORERS",
    "contracts_expiring",
    "flows_into_country",
    "left_with_access",
    "organisation_received",
    "paths_between",
    "quarter_of",
    "who_knows_step",
]

Row = dict[str, Any]


# ------------------------------------------------------------------ helpers


def _label(g: nx.MultiDiGraph, node: str) -> str:
    return str(g.nodes[node].get("label", ""))


def _attr(g: nx.MultiDiGraph, node: str | None, name: str) -> Any:
    if node is None:
        return None
    return g.nodes[node].get(name)


def _out(g: nx.MultiDiGraph, node: str, etype: str, label: str | None = None) -> list[str]:
    return sorted(
        v
        for _, v, k in g.out_edges(node, keys=True)
        if k == etype and (label is None or _label(g, v) == label)
    )


def _into(g: nx.MultiDiGraph, node: str, etype: str, label: str | None = None) -> list[str]:
    return sorted(
        u
        for u, _, k in g.in_edges(node, keys=True)
        if k == etype and (label is None or _label(g, u) == label)
    )


def _first(items: list[str]) -> str | None:
    return items[0] if items else None


def _nodes(g: nx.MultiDiGraph, label: str) -> list[str]:
    return sorted(n for n, d in g.nodes(data=True) if d.get("label") == label)


def _sorted(rows: Iterable[Row], *keys: str) -> list[Row]:
    def key(row: Row) -> tuple[Any, ...]:
        # Cypher sorts nulls last in ascending order
        return tuple((row[k] is None, row[k] if row[k] is not None else "") for k in keys)

    return sorted(rows, key=key)


def _disclosure_parts(
    g: nx.MultiDiGraph, d: str
) -> tuple[str | None, str | None, list[str], str | None]:
    """(sender, recipient, assets, contract) of a disclosure."""
    return (
        _first(_into(g, d, "DISCLOSED")),
        _first(_out(g, d, "DISCLOSED_TO")),
        _out(g, d, "USED", "InformationAsset"),
        _first(_out(g, d, "UNDER_CONTRACT", "Contract")),
    )


def _inactive(g: nx.MultiDiGraph, person: str, day: dt.date) -> bool:
    """Left the company on ``day``: a leaving date on or before it, or a
    status of left / retired with no leaving date."""
    left = _attr(g, person, "left")
    if left is not None:
        return bool(left <= day)
    return _attr(g, person, "status") in ("left", "retired")


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first day of ``day``'s calendar quarter and of the next one.

    >>> quarter_of(dt.date(2026, 11, 21))
    (datetime.date(2026, 10, 1), datetime.date(2027, 1, 1))
    """
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    nxt = dt.date(day.year + (first_month == 10), (first_month + 2) % 12 + 1, 1)
    return start, nxt


# ------------------------------------------------------------------ queries


def who_knows_step(g: nx.MultiDiGraph, *, step: str, include_partial: bool = True) -> list[Row]:
    """People with a ``KNOWS`` edge to ``step`` (full depth only unless
    ``include_partial``), with their status and employer.

    Complexity: O(degree of the step)."""
    if step not in g or _label(g, step) != "ProcessStep":
        return []
    rows = []
    for person in _into(g, step, "KNOWS", "Person"):
        k = g.get_edge_data(person, step, "KNOWS") or {}
        if not include_partial and (k.get("depth") or "full") != "full":
            continue
        rows.append(
            {
                "person": person,
                "name": _attr(g, person, "name"),
                "status": _attr(g, person, "status"),
                "left": _attr(g, person, "left"),
                "depth": k.get("depth"),
                "mode": k.get("mode"),
                "employer": _first(_out(g, person, "EMPLOYED_BY", "Organisation")),
            }
        )
    return _sorted(rows, "person")


def organisation_received(g: nx.MultiDiGraph, *, organisation: str) -> list[Row]:
    """Every information asset disclosed to ``organisation`` or to one of
    its people: one row per disclosure and asset.

    Complexity: O(disclosures)."""
    if organisation not in g or _label(g, organisation) != "Organisation":
        return []
    rows = []
    for d in _nodes(g, "Disclosure"):
        sender, recipient, assets, contract = _disclosure_parts(g, d)
        if recipient is None:
            continue
        if not (
            recipient == organisation
            or (
                _label(g, recipient) == "Person"
                and organisation in _out(g, recipient, "EMPLOYED_BY")
            )
        ):
            continue
        for asset in assets:
            rows.append(
                {
                    "disclosure": d,
                    "date": _attr(g, d, "date"),
                    "asset": asset,
                    "asset_name": _attr(g, asset, "name"),
                    "secrecy": _attr(g, asset, "secrecy"),
                    "sender": sender,
                    "recipient": recipient,
                    "channel": _attr(g, d, "channel"),
                    "contract": contract,
                    "return_status": _attr(g, d, "return_status"),
                }
            )
    return _sorted(rows, "date", "disclosure", "asset")


def _country_of_party(g: nx.MultiDiGraph, party: str) -> str | None:
    """An organisation's country; a person's work-site country, else
    their employer's."""
    label = _label(g, party)
    if label == "Organisation":
        return _first(_out(g, party, "LOCATED_IN", "Country"))
    if label == "Person":
        for site in _out(g, party, "WORKS_AT", "Site"):
            c = _first(_out(g, site, "LOCATED_IN", "Country"))
            if c:
                return c
        for org in _out(g, party, "EMPLOYED_BY", "Organisation"):
            c = _first(_out(g, org, "LOCATED_IN", "Country"))
            if c:
                return c
    return None


def flows_into_country(g: nx.MultiDiGraph, *, country: str) -> list[Row]:
    """Every disclosure whose recipient is in ``country`` (an organisation
    located there, or a person working at a site there or, failing that,
    employed by an organisation there): one row per disclosure and asset.

    Complexity: O(disclosures)."""
    code = country.strip().upper()
    rows = []
    for d in _nodes(g, "Disclosure"):
        sender, recipient, assets, contract = _disclosure_parts(g, d)
        if recipient is None or _country_of_party(g, recipient) != code:
            continue
        for asset in assets:
            rows.append(
                {
                    "disclosure": d,
                    "date": _attr(g, d, "date"),
                    "sender": sender,
                    "recipient": recipient,
                    "recipient_kind": _label(g, recipient),
                    "asset": asset,
                    "secrecy": _attr(g, asset, "secrecy"),
                    "channel": _attr(g, d, "channel"),
                    "contract": contract,
                }
            )
    return _sorted(rows, "date", "disclosure", "asset")


def contracts_expiring(g: nx.MultiDiGraph, *, as_of: dt.date) -> list[Row]:
    """Contracts whose end date falls in the calendar quarter of ``as_of``
    (those already ended earlier in the quarter included, with negative
    days left), with their counterparties.

    Complexity: O(contracts)."""
    start, nxt = quarter_of(as_of)
    rows = []
    for c in _nodes(g, "Contract"):
        end = _attr(g, c, "end")
        if end is None or not (start <= end < nxt):
            continue
        rows.append(
            {
                "contract": c,
                "title": _attr(g, c, "title"),
                "kind": _attr(g, c, "kind"),
                "end_date": end,
                "days_left": (end - as_of).days,
                "parties": _out(g, c, "PARTY", "Organisation"),
            }
        )
    return _sorted(rows, "end_date", "contract")


def left_with_access(g: nx.MultiDiGraph, *, as_of: dt.date) -> list[Row]:
    """People who had left on ``as_of`` and still hold access to an
    information asset (an access grant not revoked by then).

    Complexity: O(access edges)."""
    rows = []
    for person in _nodes(g, "Person"):
        if not _inactive(g, person, as_of):
            continue
        for asset in _out(g, person, "CAN_ACCESS", "InformationAsset"):
            x = g.get_edge_data(person, asset, "CAN_ACCESS") or {}
            revoked = x.get("revoked")
            if revoked is not None and revoked <= as_of:
                continue
            rows.append(
                {
                    "person": person,
                    "name": _attr(g, person, "name"),
                    "status": _attr(g, person, "status"),
                    "left": _attr(g, person, "left"),
                    "asset": asset,
                    "asset_name": _attr(g, asset, "name"),
                    "secrecy": _attr(g, asset, "secrecy"),
                    "level": x.get("level"),
                    "granted": x.get("granted"),
                }
            )
    return _sorted(rows, "person", "asset")


#: The longest path :func:`paths_between` looks for (the Cypher's bound).
MAX_PATH_HOPS = 10


def paths_between(g: nx.MultiDiGraph, *, source: str, target: str, max_hops: int = 6) -> list[Row]:
    """Every shortest path between two nodes, ignoring direction, of at
    most ``max_hops`` relationships: one row per path (a pair of nodes
    linked by two relationships gives two paths), as node ids and
    relationship types.

    Complexity: O(V + E) for the breadth-first search, plus the paths."""
    if source not in g or target not in g or source == target:
        return []
    und = nx.Graph(g.to_undirected(as_view=True))
    try:
        node_paths = list(nx.all_shortest_paths(und, source, target))
    except nx.NetworkXNoPath:
        return []
    rows = []
    for nodes in node_paths:
        hops = len(nodes) - 1
        if hops > min(max_hops, MAX_PATH_HOPS):
            continue
        choices = []
        for u, v in itertools.pairwise(nodes):
            rels = list(g[u][v]) if g.has_edge(u, v) else []
            rels += list(g[v][u]) if g.has_edge(v, u) else []
            choices.append(sorted(rels))
        for types in itertools.product(*choices):
            rows.append({"hops": hops, "nodes": list(nodes), "types": list(types)})
    return sorted(rows, key=lambda r: (r["nodes"], r["types"]))


#: Exploratory query id -> its embedded implementation.
EXPLORERS: dict[str, Callable[..., list[Row]]] = {
    "who_knows_step": who_knows_step,
    "organisation_received": organisation_received,
    "flows_into_country": flows_into_country,
    "contracts_expiring": contracts_expiring,
    "left_with_access": left_with_access,
    "paths_between": paths_between,
}
