"""What a map shows: view selection and aggregation over the exposure graph.

A view is a :class:`MapView`: the graph nodes and edges it draws, the nodes
and edges to highlight, and the groups nodes may be folded into.  View
functions only select; they read the graph's structure and, for the
finding and path views, the evidence of findings passed in.  They judge
nothing: severity, coverage and scores come from the findings.

Views:

* :func:`company_view`: the whole graph; above ``max_nodes`` visible
  nodes, people are folded by unit (or employer), organisations by kind and
  country, and so on, until the view fits (see :data:`AGGREGATION_ORDER`);
* :func:`tech_view`: one technology, its steps, knowers, assets,
  equipment and every party its information reached;
* :func:`finding_view`: a finding's evidence over its neighbourhood;
* :func:`path_view`: the evidence of a ``leakage_paths`` finding;
* :func:`country_view` and :func:`org_view`: everything that flowed to
  one place.

Every view folds groups the same way when it is larger than ``max_nodes``
(focus and highlighted nodes are never folded).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphmap import model as m
from graphmap.analyses.base import Finding, Walk
from graphmap.analyses.common import organisation_of
from graphmap.i18n import t

__all__ = [
    "AGGREGATION_ORDER",
    "DEFAULT_MAX_NODES",
    "GraphWalk",
    "MapGroup",
    "MapView",
    "UnknownId",
    "company_view",
    "country_of_node",
    "country_view",
    "finding_view",
    "group_key",
    "node_name",
    "org_view",
    "path_view",
    "tech_nodes",
    "tech_view",
]

#: Largest number of visible nodes drawn one by one; larger views fold groups.
DEFAULT_MAX_NODES = 2000

#: Labels folded into groups, in the order they are folded when a view is
#: too large: the most numerous, least individually telling kinds first.
AGGREGATION_ORDER: tuple[str, ...] = (
    "Disclosure",
    "DueDiligence",
    "Person",
    "InformationAsset",
    "Organisation",
    "Contract",
    "ProcessStep",
    "Equipment",
)

#: Neighbours shown around each evidence node in the finding and path views.
DEFAULT_CONTEXT = 8

Edge = tuple[str, str, str]


class UnknownId(KeyError):
    """A view was asked for an id the graph (or the findings) lacks.

    ``kind`` names what was looked for (``tech``, ``org``, ``country``,
    ``finding``, ``path``) and ``value`` the id given."""

    def __init__(self, kind: str, value: str) -> None:
        super().__init__(value)
        self.kind = kind
        self.value = value


@dataclass(frozen=True)
class MapGroup:
    """Nodes of one label that a map may fold into one node."""

    id: str
    label: str
    name_ja: str
    name_en: str
    members: tuple[str, ...]
    #: the node the group is defined by (its unit, technology, site or
    #: employer) and the edge type that ties members to it
    anchor: str | None = None
    via: str | None = None

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_ja


@dataclass
class MapView:
    """A subgraph to draw.

    ``nodes`` and ``edges`` are graph ids and ``(source, target, type)``
    edges in the graph's own direction.  ``groups`` holds every group of
    two or more view nodes (used to fold and to lay out); ``collapsed`` the
    groups drawn folded when the page opens.  A folded group is drawn as one
    node; edges to its members are drawn to it, one per (end, end, type).
    """

    kind: str
    nodes: list[str]
    edges: list[Edge]
    focus: list[str] = field(default_factory=list)
    highlight_nodes: list[str] = field(default_factory=list)
    highlight_edges: list[Edge] = field(default_factory=list)
    #: the path's nodes in order (path view)
    path: list[str] = field(default_factory=list)
    groups: dict[str, MapGroup] = field(default_factory=dict)
    group_of: dict[str, str] = field(default_factory=dict)
    collapsed: set[str] = field(default_factory=set)
    #: findings the view is about (finding and path views)
    findings: list[str] = field(default_factory=list)
    max_nodes: int = DEFAULT_MAX_NODES
    #: each node's label (Person, Organisation ...)
    labels: dict[str, str] = field(default_factory=dict)
    #: company view: group id -> the node drawn at the centre of its disc
    centres: dict[str, str] = field(default_factory=dict)
    #: edges the drawing already says (a member inside its unit's disc):
    #: drawn only while their group is folded; edge -> group id
    implied: dict[Edge, str] = field(default_factory=dict)

    def rep(self, node: str) -> str:
        """The id drawn for ``node``: its group's id when folded."""
        grp = self.group_of.get(node)
        return grp if grp is not None and grp in self.collapsed else node

    def visible_nodes(self) -> list[str]:
        """Ids drawn when the page opens: nodes and folded groups."""
        return list(dict.fromkeys(self.rep(n) for n in self.nodes))

    def visible_edges(self) -> list[Edge]:
        """Edges drawn when the page opens: one per (end, end, type) after
        folding; edges inside one folded group are not drawn."""
        out: dict[Edge, None] = {}
        for u, v, k in self.edges:
            grp = self.implied.get((u, v, k))
            if grp is not None and grp not in self.collapsed:
                continue
            ru, rv = self.rep(u), self.rep(v)
            if ru != rv:
                out[(ru, rv, k)] = None
        return list(out)


# ------------------------------------------------------------------ names


def node_name(g: nx.MultiDiGraph, node: str, lang: str = "ja") -> str:
    """A node's display name in ``lang``: its name or title, a country's
    name, a disclosure's date and channel, a review's scope and date."""
    d = g.nodes[node]
    label = d.get("label")
    if label == "Country":
        name = d.get("name_en") if lang == "en" else d.get("name_ja")
        return str(name or d.get("name_ja") or d.get("name_en") or node)
    if label == "Disclosure":
        channel = m.enum_label(str(d.get("channel", "other")), lang, m.Channel)
        return f"{_iso(d.get('date'))} {channel}".strip()
    if label == "DueDiligence":
        scope = m.enum_label(str(d.get("scope", "")), lang, m.DDScope)
        return f"DD {scope} {_iso(d.get('date'))}".strip()
    return str(d.get("name") or d.get("title") or node)


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")


# ---------------------------------------------------------------- helpers


def _out(g: nx.MultiDiGraph, node: str, etype: str) -> list[str]:
    return sorted(v for _, v, k in g.out_edges(node, keys=True) if k == etype)


def _into(g: nx.MultiDiGraph, node: str, etype: str) -> list[str]:
    return sorted(u for u, _, k in g.in_edges(node, keys=True) if k == etype)


def _label(g: nx.MultiDiGraph, node: str) -> str:
    return str(g.nodes[node].get("label", ""))


class GraphWalk:
    """A :class:`~graphmap.analyses.base.Walk` read straight from the
    graph's adjacency: nothing to build first, so one view of a large graph
    starts at once, but each look-up scans all of the node's edges."""

    __slots__ = ("g",)

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.g = g

    def out(self, node: str, etype: str) -> list[str]:
        return _out(self.g, node, etype)

    def into(self, node: str, etype: str) -> list[str]:
        return _into(self.g, node, etype)

    def label(self, node: str) -> str:
        return _label(self.g, node)


def country_of_node(g: nx.MultiDiGraph, node: str, _depth: int = 0) -> str | None:
    """The country a node sits in, for the map's country filter: an
    organisation's or site's country; a person's work site, else employer;
    equipment's site, else owner; an asset's site; a disclosure's
    recipient; a review's subject; a unit's organisation."""
    if _depth > 3 or node not in g:
        return None
    label = _label(g, node)
    if label == "Country":
        return node
    if label in ("Organisation", "Site"):
        found = _out(g, node, "LOCATED_IN")
        return found[0] if found else None
    chains: dict[str, tuple[str, ...]] = {
        "Person": ("WORKS_AT", "EMPLOYED_BY"),
        "Equipment": ("INSTALLED_AT", "OWNED_BY"),
        "InformationAsset": ("KEPT_AT",),
        "Disclosure": ("DISCLOSED_TO",),
        "DueDiligence": ("ASSESSES",),
        "Unit": ("UNIT_OF",),
    }
    for etype in chains.get(label, ()):
        for target in _out(g, node, etype):
            found_c = country_of_node(g, target, _depth + 1)
            if found_c:
                return found_c
    return None


def _org_of(g: nx.MultiDiGraph, party: str) -> str | None:
    return organisation_of(GraphWalk(g), party)


def _org_group(g: nx.MultiDiGraph, org: str) -> tuple[str, dict[str, str]]:
    kind = str(g.nodes[org].get("kind", "other"))
    country = country_of_node(g, org) or "--"
    return f"{kind}:{country}", {"kind": kind, "country": country}


def group_key(g: nx.MultiDiGraph, node: str) -> tuple[str, str, dict[str, str]] | None:
    """The group a node folds into: (group id, message key, parameters of
    the group's name), or None for nodes that are never folded
    (technologies, units, sites, countries, policies, projects, the
    company itself)."""
    label = _label(g, node)
    if label == "Person":
        units = _out(g, node, "MEMBER_OF")
        if units:
            return f"grp:Person:unit:{units[0]}", "map.group.people_unit", {"unit": units[0]}
        org = _org_of(g, node)
        if org:
            return f"grp:Person:org:{org}", "map.group.people_org", {"org": org}
        return "grp:Person:none", "map.group.people_none", {}
    if label == "Organisation":
        if g.nodes[node].get("kind") == "self":
            return None
        key, params = _org_group(g, node)
        return f"grp:Organisation:{key}", "map.group.orgs", params
    if label == "Disclosure":
        recipients = _out(g, node, "DISCLOSED_TO")
        org = _org_of(g, recipients[0]) if recipients else None
        if org is None:
            return "grp:Disclosure:none", "map.group.disclosures_none", {}
        if g.nodes[org].get("kind") == "self":
            return "grp:Disclosure:self", "map.group.disclosures_self", {"org": org}
        key, params = _org_group(g, org)
        return f"grp:Disclosure:{key}", "map.group.disclosures", params
    if label == "DueDiligence":
        subjects = _out(g, node, "ASSESSES")
        subject = subjects[0] if subjects else None
        if subject is None:
            return "grp:DueDiligence:none", "map.group.dd_none", {}
        if _label(g, subject) == "Organisation" and g.nodes[subject].get("kind") != "self":
            key, params = _org_group(g, subject)
            return f"grp:DueDiligence:{key}", "map.group.dd_orgs", params
        return (
            f"grp:DueDiligence:{_label(g, subject)}",
            "map.group.dd_other",
            {"label": _label(g, subject)},
        )
    if label == "Contract":
        kind = str(g.nodes[node].get("kind", "other"))
        return f"grp:Contract:{kind}", "map.group.contracts", {"ckind": kind}
    if label == "InformationAsset":
        units = _out(g, node, "OWNED_BY_UNIT")
        if units:
            return f"grp:InformationAsset:{units[0]}", "map.group.assets_unit", {"unit": units[0]}
        return "grp:InformationAsset:none", "map.group.assets_none", {}
    if label == "ProcessStep":
        techs = _out(g, node, "STEP_OF")
        if techs:
            return f"grp:ProcessStep:{techs[0]}", "map.group.steps", {"tech": techs[0]}
        return None
    if label == "Equipment":
        sites = _out(g, node, "INSTALLED_AT")
        if sites:
            return f"grp:Equipment:{sites[0]}", "map.group.equipment_site", {"site": sites[0]}
        return "grp:Equipment:none", "map.group.equipment_none", {}
    return None


#: Groups whose disc can be centred on the node that defines them, in the
#: order they claim it: message key -> (parameter naming the node, edge
#: type from a member to it).
ANCHORS: dict[str, tuple[str, str]] = {
    "map.group.people_unit": ("unit", "MEMBER_OF"),
    "map.group.steps": ("tech", "STEP_OF"),
    "map.group.equipment_site": ("site", "INSTALLED_AT"),
    "map.group.people_org": ("org", "EMPLOYED_BY"),
    "map.group.assets_unit": ("unit", "OWNED_BY_UNIT"),
}


def _group_name(g: nx.MultiDiGraph, key: str, params: Mapping[str, str], lang: str) -> str:
    values: dict[str, str] = {}
    for name, value in params.items():
        if name == "kind":
            values[name] = m.enum_label(value, lang, m.OrgKind)
        elif name == "ckind":
            values[name] = m.enum_label(value, lang, m.ContractKind)
        elif name == "country":
            values[name] = node_name(g, value, lang) if value in g else t("map.ui.no_country", lang)
        elif name == "label":
            values[name] = t(f"map.label.{value}", lang)
        else:
            values[name] = node_name(g, value, lang) if value in g else value
    return t(key, lang, **values)


def _groups(g: nx.MultiDiGraph, nodes: Iterable[str]) -> tuple[dict[str, MapGroup], dict[str, str]]:
    """Groups of two or more of ``nodes``, and each grouped node's group."""
    members: dict[str, list[str]] = defaultdict(list)
    meta: dict[str, tuple[str, str, dict[str, str]]] = {}
    for n in nodes:
        key = group_key(g, n)
        if key is None:
            continue
        members[key[0]].append(n)
        meta.setdefault(key[0], (_label(g, n), key[1], key[2]))
    groups: dict[str, MapGroup] = {}
    group_of: dict[str, str] = {}
    for gid in sorted(members):
        items = members[gid]
        if len(items) < 2:
            continue
        label, msg, params = meta[gid]
        anchor = ANCHORS.get(msg)
        groups[gid] = MapGroup(
            id=gid,
            label=label,
            name_ja=_group_name(g, msg, params, "ja"),
            name_en=_group_name(g, msg, params, "en"),
            members=tuple(sorted(items)),
            anchor=params.get(anchor[0]) if anchor else None,
            via=anchor[1] if anchor else None,
        )
        for n in items:
            group_of[n] = gid
    return groups, group_of


def _fold(view: MapView, g: nx.MultiDiGraph, keep: Iterable[str] = ()) -> MapView:
    """Fold groups, label by label in :data:`AGGREGATION_ORDER`, until the
    view has at most ``view.max_nodes`` visible nodes.  Groups holding a
    node of ``keep`` stay open."""
    groups, group_of = _groups(g, view.nodes)
    pinned = {group_of[n] for n in keep if n in group_of}
    view.groups, view.group_of = groups, group_of
    view.collapsed = set()
    if len(view.nodes) <= view.max_nodes:
        return view
    by_label: dict[str, list[str]] = defaultdict(list)
    for gid, grp in groups.items():
        if gid not in pinned:
            by_label[grp.label].append(gid)
    count = len(view.nodes)
    for label in AGGREGATION_ORDER:
        for gid in by_label.get(label, []):
            view.collapsed.add(gid)
            count -= len(groups[gid].members) - 1
        if count <= view.max_nodes:
            break
    return view


def _centre_groups(g: nx.MultiDiGraph, view: MapView) -> MapView:
    """Company view: draw each unit (technology, site, employer) at the
    centre of the disc of its people (steps, equipment); the edges from the
    members to it then go without saying and are drawn only while the
    group is folded.  A person's employment by the unit's own organisation
    goes the same way.  One disc per centre, claimed in :data:`ANCHORS`
    order."""
    inside = set(view.nodes)
    order = {via: i for i, (_, via) in enumerate(ANCHORS.values())}
    claimed: set[str] = set()
    present = set(view.edges)
    for gid, grp in sorted(view.groups.items(), key=lambda kv: (order.get(kv[1].via or "", 99), kv[0])):
        anchor = grp.anchor
        if anchor is None or grp.via is None or anchor not in inside or anchor in view.group_of or anchor in claimed:
            continue
        claimed.add(anchor)
        view.centres[gid] = anchor
        owners = set(_out(g, anchor, "UNIT_OF")) if grp.via == "MEMBER_OF" else set()
        for member in grp.members:
            edge = (member, anchor, grp.via)
            if edge in present:
                view.implied[edge] = gid
            for org in owners:
                if (member, org, "EMPLOYED_BY") in present:
                    view.implied[(member, org, "EMPLOYED_BY")] = gid
    return view


def _induced_edges(g: nx.MultiDiGraph, nodes: Iterable[str]) -> list[Edge]:
    inside = set(nodes)
    out: list[Edge] = []
    for u in sorted(inside):
        for _, v, k in g.out_edges(u, keys=True):
            if v in inside:
                out.append((u, v, k))
    out.sort()
    return out


def _require(g: nx.MultiDiGraph, node: str, label: str, kind: str) -> None:
    if node not in g or _label(g, node) != label:
        raise UnknownId(kind, node)


def _ordered(nodes: Iterable[str]) -> list[str]:
    return sorted(dict.fromkeys(nodes))


def _view(
    g: nx.MultiDiGraph,
    kind: str,
    nodes: Iterable[str],
    *,
    focus: Sequence[str] = (),
    highlight_nodes: Sequence[str] = (),
    highlight_edges: Sequence[Edge] = (),
    path: Sequence[str] = (),
    findings: Sequence[str] = (),
    max_nodes: int = DEFAULT_MAX_NODES,
) -> MapView:
    node_list = _ordered(n for n in nodes if n in g)
    edges = _induced_edges(g, node_list)
    present = set(edges)
    inside = set(node_list)
    view = MapView(
        kind=kind,
        nodes=node_list,
        edges=edges,
        focus=[n for n in focus if n in inside],
        highlight_nodes=[n for n in dict.fromkeys(highlight_nodes) if n in inside],
        highlight_edges=[e for e in dict.fromkeys(highlight_edges) if e in present],
        path=[n for n in path if n in inside],
        findings=list(findings),
        max_nodes=max_nodes,
        labels={n: _label(g, n) for n in node_list},
    )
    return _fold(view, g, keep=[*view.focus, *view.highlight_nodes])


# ------------------------------------------------------------------ views


def company_view(g: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES) -> MapView:
    """The whole graph, folded into groups when it has more than
    ``max_nodes`` nodes.

    Complexity: O(V + E).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("T", label="Technology", name="焼成")
    >>> company_view(g).visible_nodes()
    ['T']
    """
    return _centre_groups(g, _view(g, "company", g.nodes, max_nodes=max_nodes))


def tech_nodes(walk: Walk, tech: str) -> set[str]:
    """A technology's steps, knowers, assets, equipment, projects and every
    party its information reached (disclosures and onward disclosures of
    its assets, their senders, recipients and recipients' employers;
    equipment makers, maintainers and owners; project partners; where
    knowers went after leaving).

    ``walk`` is a :class:`~graphmap.analyses.base.Context` where many
    technologies are walked over one graph, else ``GraphWalk(g)``.

    Complexity: O(edges of the nodes reached).
    """
    out, into, label = walk.out, walk.into, walk.label
    steps = into(tech, "STEP_OF")
    nodes: set[str] = {tech, *steps}
    assets: set[str] = set()
    knowers: set[str] = set()
    for target in (tech, *steps):
        assets.update(a for a in into(target, "DESCRIBES") if label(a) == "InformationAsset")
        knowers.update(into(target, "KNOWS"))
        for eq in into(target, "EMBODIES"):
            nodes.add(eq)
            for etype in ("MADE_BY", "MAINTAINED_BY", "OWNED_BY"):
                nodes.update(out(eq, etype))
    nodes.update(assets)
    nodes.update(knowers)
    for person in knowers:
        nodes.update(out(person, "MOVED_TO"))
    for asset in assets:
        nodes.update(into(asset, "CAN_ACCESS"))
    for project in into(tech, "THEME"):
        nodes.add(project)
        nodes.update(out(project, "PARTNER"))
    # disclosures carrying the assets, then onward disclosures of those
    queue = sorted({d for a in assets for d in into(a, "USED")})
    seen: set[str] = set()
    while queue:
        d = queue.pop()
        if d in seen:
            continue
        seen.add(d)
        queue.extend(o for o in into(d, "ONWARD_OF") if o not in seen)
    for d in seen:
        nodes.add(d)
        nodes.update(into(d, "DISCLOSED"))
        for r in out(d, "DISCLOSED_TO"):
            nodes.add(r)
            org = organisation_of(walk, r)
            if org:
                nodes.add(org)
        nodes.update(out(d, "UNDER_CONTRACT"))
    return nodes


def tech_view(g: nx.MultiDiGraph, tech: str, *, max_nodes: int = DEFAULT_MAX_NODES) -> MapView:
    """One technology and everything around it (see :func:`tech_nodes`).

    Raises :class:`UnknownId` when ``tech`` is not a technology.

    Complexity: O(V + E) in the worst case.
    """
    _require(g, tech, "Technology", "tech")
    return _view(g, "tech", tech_nodes(GraphWalk(g), tech), focus=[tech], max_nodes=max_nodes)


def _inflow_nodes(g: nx.MultiDiGraph, places: set[str]) -> set[str]:
    """Everything that flowed to ``places`` (organisations, sites): their
    people, disclosures to any of them and the disclosures those passed on,
    the assets, technologies, senders and contracts involved; equipment
    there or made, kept or serviced by them; people who moved to them and
    what they knew; projects they are partners of; their owners."""
    receivers = set(places)
    for place in places:
        label = _label(g, place)
        if label == "Organisation":
            receivers.update(_into(g, place, "EMPLOYED_BY"))
            receivers.update(_into(g, place, "OPERATED_BY"))
        elif label == "Site":
            receivers.update(_into(g, place, "WORKS_AT"))
    nodes: set[str] = set(receivers)
    incoming = {d for r in receivers for d in _into(g, r, "DISCLOSED_TO")}
    outgoing = {d for r in receivers for d in _out(g, r, "DISCLOSED")}
    chain = set(incoming)
    queue = sorted(incoming)
    while queue:  # the earlier hops that brought the information here
        d = queue.pop()
        for parent in _out(g, d, "ONWARD_OF"):
            if parent not in chain:
                chain.add(parent)
                queue.append(parent)
    for d in sorted(chain | outgoing):
        nodes.add(d)
        nodes.update(_into(g, d, "DISCLOSED"))
        nodes.update(_out(g, d, "DISCLOSED_TO"))
        nodes.update(_out(g, d, "UNDER_CONTRACT"))
        nodes.update(_out(g, d, "USED"))
    for r in sorted(receivers):
        nodes.update(_out(g, r, "CAN_ACCESS"))
        label = _label(g, r)
        if label == "Organisation":
            for etype in ("MADE_BY", "MAINTAINED_BY", "OWNED_BY"):
                nodes.update(_into(g, r, etype))
            for person in _into(g, r, "MOVED_TO"):
                nodes.add(person)
                nodes.update(_out(g, person, "KNOWS"))
            for project in _into(g, r, "PARTNER"):
                nodes.add(project)
                nodes.update(_out(g, project, "THEME"))
            nodes.update(_into(g, r, "OWNS"))
            nodes.update(_into(g, r, "PARTY"))
        elif label == "Site":
            nodes.update(_into(g, r, "INSTALLED_AT"))
            nodes.update(_into(g, r, "KEPT_AT"))
    # what the information was about: equipment embodies, assets describe
    for n in sorted(nodes):
        label = _label(g, n)
        if label == "Equipment":
            nodes.update(_out(g, n, "EMBODIES"))
        elif label == "InformationAsset":
            nodes.update(_out(g, n, "DESCRIBES"))
    for n in sorted(nodes):
        if _label(g, n) == "ProcessStep":
            nodes.update(_out(g, n, "STEP_OF"))
    return nodes


def country_view(g: nx.MultiDiGraph, code: str, *, max_nodes: int = DEFAULT_MAX_NODES) -> MapView:
    """Everything that flowed to one country: to its organisations, sites
    and the people there.

    Raises :class:`UnknownId` when no node of the graph is in ``code``.
    """
    code = code.strip().upper()
    places = {
        n
        for n, d in g.nodes(data=True)
        if d.get("label") in ("Organisation", "Site") and code in _out(g, n, "LOCATED_IN")
    }
    if code not in g and not places:
        raise UnknownId("country", code)
    nodes = _inflow_nodes(g, places)
    if code in g:
        nodes.add(code)
    return _view(g, "country", nodes, focus=[code] if code in g else sorted(places), max_nodes=max_nodes)


def org_view(g: nx.MultiDiGraph, org: str, *, max_nodes: int = DEFAULT_MAX_NODES) -> MapView:
    """Everything that flowed to one organisation, its people and the
    sites it operates.

    Raises :class:`UnknownId` when ``org`` is not an organisation.
    """
    _require(g, org, "Organisation", "org")
    nodes = _inflow_nodes(g, {org})
    nodes.update(_out(g, org, "LOCATED_IN"))
    return _view(g, "org", nodes, focus=[org], max_nodes=max_nodes)


def _scores(findings: Iterable[Finding]) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for f in findings:
        for s in f.subjects:
            out[s] += f.score
    return out


def _neighbourhood(g: nx.MultiDiGraph, centre: Iterable[str], scores: Mapping[str, float], per_node: int) -> set[str]:
    """Up to ``per_node`` neighbours of each centre node, the most exposed
    (highest summed finding score) first, then by id."""
    out: set[str] = set()
    for n in centre:
        if n not in g:
            continue
        near = {v for _, v in g.out_edges(n)} | {u for u, _ in g.in_edges(n)}
        ranked = sorted(near, key=lambda x: (-scores.get(x, 0.0), x))
        out.update(ranked[:per_node])
    return out


def finding_view(
    g: nx.MultiDiGraph,
    finding: Finding,
    findings: Sequence[Finding] = (),
    *,
    context: int = DEFAULT_CONTEXT,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> MapView:
    """A finding's evidence, highlighted over up to ``context`` neighbours
    of each evidence node (the most exposed first)."""
    ev_nodes = [n for n in [*finding.subjects, *finding.evidence.nodes] if n in g]
    ev_edges = [tuple(e) for e in finding.evidence.edges]
    for u, v, _ in ev_edges:
        ev_nodes.extend(x for x in (u, v) if x in g)
    ev_nodes = list(dict.fromkeys(ev_nodes))
    near = _neighbourhood(g, ev_nodes, _scores(findings or [finding]), context)
    return _view(
        g,
        "finding",
        [*ev_nodes, *near],
        focus=[s for s in finding.subjects if s in g],
        highlight_nodes=ev_nodes,
        highlight_edges=[(e[0], e[1], e[2]) for e in ev_edges],
        findings=[finding.id],
        max_nodes=max_nodes,
    )


def path_view(
    g: nx.MultiDiGraph,
    findings: Sequence[Finding],
    tech: str,
    *,
    context: int = DEFAULT_CONTEXT,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> MapView:
    """The most likely leakage path of ``tech``: the evidence of its
    ``leakage_paths`` finding highlighted, the path's nodes in order, the
    alternative paths' nodes and a small neighbourhood around them.

    Raises :class:`UnknownId` (kind ``tech``) when ``tech`` is not a
    technology and (kind ``path``) when no finding gives it a path.
    """
    _require(g, tech, "Technology", "tech")
    found = [f for f in findings if f.analysis == "leakage_paths" and f.subjects[:1] == [tech]]
    if not found:
        raise UnknownId("path", tech)
    finding = found[0]
    facts = finding.evidence.facts
    path: list[str] = []
    for hop in facts.get("hops", []):
        # a disclosure hop is drawn through its disclosure node(s)
        path.extend([str(hop.get("from")), *map(str, hop.get("disclosures", [])[:1])])
    if facts.get("hops"):
        path.append(str(facts["hops"][-1].get("to")))
    path = [n for n in dict.fromkeys(path) if n in g]
    alternatives = [n for alt in facts.get("alternatives", []) for n in alt.get("nodes", []) if n in g]
    ev_nodes = [n for n in [*finding.subjects, *finding.evidence.nodes] if n in g]
    ev_edges = [(e[0], e[1], e[2]) for e in finding.evidence.edges]
    for u, v, _ in ev_edges:
        ev_nodes.extend(x for x in (u, v) if x in g)
    ev_nodes = list(dict.fromkeys(ev_nodes))
    near = _neighbourhood(g, ev_nodes, _scores(findings), context)
    return _view(
        g,
        "path",
        [*ev_nodes, *alternatives, *near],
        focus=[tech],
        highlight_nodes=ev_nodes,
        highlight_edges=ev_edges,
        path=path,
        findings=[finding.id],
        max_nodes=max_nodes,
    )
