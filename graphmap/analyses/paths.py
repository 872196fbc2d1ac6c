"""Analyses of the paths family: the most likely leakage paths.

The exposure graph is first reduced to a weighted *flow network*: a plain
:class:`networkx.DiGraph` whose edges ("hops") say "information about the
technology can pass from here to there", each with a likelihood ``p`` in
(0, 1] read from the hop's attributes through a :class:`PathScoring` table.
A hop's weight is ``-log p``, so the shortest path is the most likely one
and its probability is the product of the hops' ``p``.

Hops (original edge types in brackets):

* Technology -> InformationAsset describing it or one of its steps
  [DESCRIBES];
* InformationAsset -> person with live access [CAN_ACCESS]; -> outside
  operator of the site keeping it [KEPT_AT];
* Technology -> person who knows its steps [KNOWS];
* Person -> employer [EMPLOYED_BY]; -> destination after leaving
  [MOVED_TO];
* every Disclosure, collapsed: asset -> recipient for each asset carried
  and sender -> recipient [DISCLOSED_TO], with the disclosure ids kept on
  the hop (onward disclosures give organisation -> organisation hops);
* Technology -> joint-research partner of a project on it [PARTNER];
* Organisation -> owner controlling it (votes at or above the control
  threshold, or a golden share) [OWNS]: a controlling owner can demand
  information;
* Technology -> Equipment embodying it [EMBODIES] -> maker [MADE_BY],
  maintainer [MAINTAINED_BY], owner [OWNED_BY].

Concern endpoints are organisations that are competitors, sanctioned or on
an end-user list, foreign government bodies or under their influence,
located in a high-risk country, or external services (cloud /
generative-AI tools), and people bound to cooperate with a foreign
government.  Endpoints absorb: a path ends at the first endpoint it
reaches.

All technologies' best paths come from ONE Dijkstra: a virtual sink is
joined (weight 0) from every endpoint and the search runs from the sink on
the reversed network.  Yen's k-shortest paths then run only for the few
technologies shown in detail, on the part of the network that can lie on a
path at or above the probability floor.  See docs/analyses/leakage-paths.md.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import Any, NamedTuple, cast

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

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
    DisclosureView,
    contract_in_force,
    disclosures,
    graded_technologies,
    is_graded_asset,
    is_outside,
    steps_of,
)
from graphmap.gcpause import paused_gc
from graphmap.resources import HOME_COUNTRY

__all__ = [
    "ANALYSES",
    "ENDPOINT_REASONS",
    "HOP_ITEMS",
    "HOP_REASONS",
    "SINK",
    "FlowNetwork",
    "Hop",
    "LeakagePath",
    "PathHop",
    "PathScoring",
    "SinkPaths",
    "best_paths",
    "concern_endpoints",
    "flow_network",
    "leakage_paths",
    "nearest_endpoints",
    "path_items",
]

#: The virtual sink joined from every concern endpoint.  Real ids start
#: with a letter or digit, so this name cannot clash with one.
SINK = "__leakage_sink__"


# ---------------------------------------------------------------- scoring


class PathScoring(BaseModel):
    """Likelihood table of the flow network: one number per kind of hop,
    and factors that raise or lower it.  Each hop's ``p`` is clamped to
    ``[min_p, 1]``.  The defaults are judgement calls documented in
    ``docs/analyses/leakage-paths.md``; override any of them through the
    ``scoring`` parameter (a :class:`PathScoring` or a mapping)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # technology -> information asset
    asset_describes_technology: float = Field(1.0, gt=0, le=1)
    asset_describes_step: float = Field(0.8, gt=0, le=1)
    #: factor for assets classed public; 0 leaves them out (nothing secret)
    public_asset_factor: float = Field(0.0, ge=0)
    # information asset -> holder
    access_read: float = Field(0.3, gt=0, le=1)
    access_download: float = Field(0.6, gt=0, le=1)
    access_edit: float = Field(0.6, gt=0, le=1)
    kept_at_outside_site: float = Field(0.5, gt=0, le=1)
    # technology -> person who knows its steps
    knows_all_steps: float = Field(0.95, gt=0, le=1)
    knows_full: float = Field(0.7, gt=0, le=1)
    knows_partial: float = Field(0.4, gt=0, le=1)
    documented_knowledge_factor: float = Field(0.7, gt=0)
    # person -> organisation
    employer: float = Field(0.8, gt=0, le=1)
    moved_to_competitor: float = Field(0.9, gt=0, le=1)
    moved_elsewhere: float = Field(0.5, gt=0, le=1)
    non_compete_factor: float = Field(0.7, gt=0)
    # disclosures (asset -> recipient, sender -> recipient)
    disclosure_covered: float = Field(0.1, gt=0, le=1)
    disclosure_weak_contract: float = Field(0.4, gt=0, le=1)
    disclosure_lapsed_contract: float = Field(0.7, gt=0, le=1)
    disclosure_uncovered: float = Field(0.9, gt=0, le=1)
    onward_unapproved: float = Field(0.95, gt=0, le=1)
    dd_cleared_factor: float = Field(0.7, gt=0)
    dd_rejected_factor: float = Field(1.5, gt=0)
    codenamed_factor: float = Field(0.6, gt=0)
    copied_factor: float = Field(1.3, gt=0)
    overdue_return_factor: float = Field(1.5, gt=0)
    foreign_request_unreviewed_factor: float = Field(1.5, gt=0)
    channel_factors: dict[str, float] = Field(default_factory=lambda: {"social_network": 1.5, "exhibition": 1.3})
    ungraded_channel_factor: float = Field(0.5, gt=0)
    # joint research
    project_partner_covered: float = Field(0.2, gt=0, le=1)
    project_partner_uncovered: float = Field(0.6, gt=0, le=1)
    # ownership
    control_votes_pct: float = Field(50.0, ge=0, le=100)
    owner_control: float = Field(0.7, gt=0, le=1)
    golden_share: float = Field(0.5, gt=0, le=1)
    # equipment
    embodies_customised: float = Field(0.9, gt=0, le=1)
    embodies_standard: float = Field(0.3, gt=0, le=1)
    equipment_maker: float = Field(0.6, gt=0, le=1)
    equipment_maintainer: float = Field(0.5, gt=0, le=1)
    spec_restored_factor: float = Field(0.3, gt=0)
    equipment_owner: float = Field(0.8, gt=0, le=1)
    # floor
    min_p: float = Field(1e-4, gt=0, le=1)

    def clamp(self, p: float) -> float:
        return min(1.0, max(self.min_p, p))


def _scoring(value: PathScoring | Mapping[str, Any] | None) -> PathScoring:
    if value is None:
        return PathScoring()
    if isinstance(value, PathScoring):
        return value
    return PathScoring(**dict(value))


#: Why a hop may carry information, in Japanese and English.
HOP_REASONS: dict[str, tuple[str, str]] = {
    "describes_technology": ("技術全体を記述した情報資産", "asset describing the whole technology"),
    "describes_step": ("工程を記述した情報資産", "asset describing a process step"),
    "access_read": ("閲覧権限あり", "can read the asset"),
    "access_download": ("ダウンロード権限あり", "can download the asset"),
    "access_edit": ("編集権限あり", "can edit the asset"),
    "kept_at_outside_site": ("社外が運営する拠点に保管", "kept at a site run by another party"),
    "knows_all_steps": ("全工程を把握", "knows every process step"),
    "knows_full": ("工程を深く把握", "knows a step in full"),
    "knows_partial": ("工程の一部を把握", "knows part of a step"),
    "employer": ("所属組織", "employer"),
    "moved_to_competitor": ("競合企業へ転職", "left for a competitor"),
    "moved_elsewhere": ("他組織へ転職", "left for another organisation"),
    "disclosure_covered": (
        "秘密保持義務のある有効な契約のもとで提供",
        "disclosed under a contract in force with confidentiality",
    ),
    "disclosure_weak_contract": (
        "秘密保持義務のない契約のもとで提供",
        "disclosed under a contract without confidentiality",
    ),
    "disclosure_lapsed_contract": (
        "提供日に契約が有効でない",
        "the contract was not in force on the disclosure date",
    ),
    "disclosure_uncovered": ("契約なしで提供", "disclosed with no contract"),
    "onward_unapproved": ("承認のない再開示", "onward disclosure without approval"),
    "project_partner_covered": (
        "秘密保持義務のある共同研究の相手方",
        "joint-research partner under confidentiality",
    ),
    "project_partner_uncovered": (
        "秘密保持義務のない共同研究の相手方",
        "joint-research partner without confidentiality",
    ),
    "owner_control": ("議決権の過半を持つ株主", "shareholder controlling the votes"),
    "golden_share": ("黄金株を持つ株主", "holder of a golden share"),
    "embodies_customised": ("技術を体化したカスタマイズ装置", "customised equipment embodying it"),
    "embodies_standard": ("技術に関わる標準装置", "standard equipment used for it"),
    "equipment_maker": ("装置メーカー", "equipment maker"),
    "equipment_maintainer": ("保守業者", "maintainer of the equipment"),
    "equipment_owner": ("装置の所有者", "owner of the equipment"),
    "link": ("つながり", "link"),
}

#: Why an organisation is a concern endpoint, in Japanese and English.
ENDPOINT_REASONS: dict[str, tuple[str, str]] = {
    "competitor": ("競合企業", "competitor"),
    "sanctioned": ("制裁対象", "sanctioned"),
    "end_user_listed": ("外国ユーザーリスト掲載", "on an end-user list"),
    "foreign_government": ("外国政府機関", "foreign government body"),
    "foreign_government_influence": (
        "外国政府等の影響下にある組織",
        "under foreign-government influence",
    ),
    "high_risk_country": ("懸念のある国に所在", "in a high-risk country"),
    "external_service": ("外部ツール・生成AI", "external tool or generative-AI service"),
    "foreign_government_obligation": (
        "外国政府への協力義務を負う個人",
        "person bound to cooperate with a foreign government",
    ),
}


# ---------------------------------------------------------------- records


class Hop(NamedTuple):
    """A hop as stored on the flow network: the light twin of
    :class:`PathHop` (millions are built for a large company, so a named
    tuple: a third of a frozen dataclass's construction cost)."""

    source: str
    target: str
    type: str
    p: float
    reason: str
    disclosures: tuple[str, ...] = ()
    evidence_nodes: tuple[str, ...] = ()
    evidence_edges: tuple[tuple[str, str, str], ...] = ()


class PathHop(BaseModel):
    """One hop of a leakage path with its likelihood and the graph edges
    that justify it (real edges of the exposure graph)."""

    model_config = ConfigDict(frozen=True)

    source: str
    target: str
    type: str
    p: float
    reason: str
    disclosures: list[str] = Field(default_factory=list)
    evidence_nodes: list[str] = Field(default_factory=list)
    evidence_edges: list[tuple[str, str, str]] = Field(default_factory=list)

    @classmethod
    def of(cls, raw: Hop) -> PathHop:
        return cls(
            source=raw.source,
            target=raw.target,
            type=raw.type,
            p=raw.p,
            reason=raw.reason,
            disclosures=list(raw.disclosures),
            evidence_nodes=list(raw.evidence_nodes),
            evidence_edges=list(raw.evidence_edges),
        )

    def raw(self) -> Hop:
        return Hop(
            self.source,
            self.target,
            self.type,
            self.p,
            self.reason,
            tuple(self.disclosures),
            tuple(self.evidence_nodes),
            tuple(self.evidence_edges),
        )

    def reason_text(self, lang: str = "ja") -> str:
        ja, en = HOP_REASONS.get(self.reason, (self.reason, self.reason))
        return en if lang == "en" else ja

    def fact(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "type": self.type,
            "p": self.p,
            "reason": self.reason,
            "reason_ja": self.reason_text("ja"),
            "reason_en": self.reason_text("en"),
            "disclosures": list(self.disclosures),
        }


class LeakagePath(BaseModel):
    """A path from a technology to a concern endpoint."""

    model_config = ConfigDict(frozen=True)

    technology: str
    endpoint: str
    nodes: list[str]
    hops: list[PathHop]
    probability: float = Field(gt=0, le=1)

    @property
    def evidence_nodes(self) -> list[str]:
        out = list(self.nodes)
        for h in self.hops:
            out.extend(h.evidence_nodes)
        return list(dict.fromkeys(out))

    @property
    def evidence_edges(self) -> list[tuple[str, str, str]]:
        out: list[tuple[str, str, str]] = []
        for h in self.hops:
            out.extend(h.evidence_edges)
        return list(dict.fromkeys(out))


@dataclass
class FlowNetwork:
    """The weighted flow network: ``g`` holds every hop (edge attributes
    ``p``, ``weight`` = -log p, ``hop`` = :class:`Hop`) and the sink,
    joined from each endpoint with weight 0.  ``endpoints`` maps each
    concern endpoint to its reasons."""

    g: nx.DiGraph
    endpoints: dict[str, list[str]] = field(default_factory=dict)
    sink: str = SINK

    @classmethod
    def from_hops(cls, hops: Iterable[Hop | PathHop], endpoints: Mapping[str, Iterable[str]]) -> FlowNetwork:
        """A network from hops and endpoints.  Hops leaving an endpoint
        are dropped (endpoints absorb); when two hops join the same pair the
        more likely one is kept (the first on a tie) and the disclosure ids
        of all of them are kept on it.

        Complexity: O(hops).
        """
        ends = {e: sorted(set(r)) for e, r in endpoints.items()}
        g = nx.DiGraph()
        # one pass filling the adjacency dicts directly, in the order
        # add_edges_from would add the pairs as first seen, without its
        # per-edge checks (millions of hops); a better hop for a pair seen
        # before updates the attribute dict both directions share
        node, succ, pred = g._node, g._succ, g._pred
        log = math.log
        extra: dict[tuple[str, str], set[str]] = {}
        for item in hops:
            # a type test: pydantic's isinstance check costs more than the rest
            hop = item if type(item) is Hop else cast(PathHop, item).raw()
            u, v = hop.source, hop.target
            if u in ends or u == v:
                continue
            row = succ.get(u)
            if row is None:
                node[u] = {}
                row = succ[u] = {}
                pred[u] = {}
            d = row.get(v)
            if d is None:
                if v not in node:
                    node[v] = {}
                    succ[v] = {}
                    pred[v] = {}
                p = hop.p
                row[v] = pred[v][u] = {"p": p, "weight": -log(p) if p < 1.0 else 0.0, "hop": hop}
                continue
            old: Hop = d["hop"]
            if hop.p > old.p:
                p = hop.p
                d["p"], d["weight"], d["hop"] = p, (-log(p) if p < 1.0 else 0.0), hop
            if hop.disclosures or old.disclosures:
                bag = extra.get((u, v))
                if bag is None:
                    bag = extra[(u, v)] = set(old.disclosures)
                bag.update(hop.disclosures)
        for (u, v), bag in extra.items():
            d = succ[u][v]
            hop = d["hop"]
            merged = tuple(sorted(bag.union(hop.disclosures)))
            if merged != hop.disclosures:
                d["hop"] = hop._replace(disclosures=merged)
        g.add_edges_from((e, SINK, {"p": 1.0, "weight": 0.0, "hop": None}) for e in sorted(ends))
        return cls(g=g, endpoints=ends)

    def hop(self, u: str, v: str) -> PathHop:
        """The hop from ``u`` to ``v`` as a :class:`PathHop`."""
        # the adjacency, not ``g.edges``: that view, cached on the graph,
        # refers back to it, and the cycle would keep the whole network
        # alive after the context is gone until a full collection
        raw: Hop = self.g._succ[u][v]["hop"]
        return PathHop.of(raw)


def _weight(p: float) -> float:
    return max(0.0, -math.log(p))


# ---------------------------------------------------------------- endpoints


def _sorted_edges(ctx: Context, etype: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every ``etype`` edge as (source, target, attributes), sorted by
    (source, target) so results never depend on input order: the context's
    per-source target lists are sorted already, so only the sources are
    sorted here, not millions of edge tuples.

    Complexity: O(E_type + S log S) for S sources."""
    by_source = ctx.edges_of(etype)
    succ = ctx.g._succ
    for u in sorted(by_source):
        around = succ[u]
        for v in by_source[u]:
            yield u, v, around[v][etype]


def _first_target(ctx: Context, etype: str) -> dict[str, str]:
    """Each source's first (smallest) ``etype`` target."""
    return {u: vs[0] for u, vs in ctx.edges_of(etype).items()}


def _is_foreign_government(ctx: Context, org: str, located: Mapping[str, str]) -> bool:
    if ctx.attr(org, "kind") != "government":
        return False
    country = located.get(org)
    return country is not None and country != HOME_COUNTRY


def concern_endpoints(ctx: Context, scoring: PathScoring | Mapping[str, Any] | None = None) -> dict[str, list[str]]:
    """Organisations (and people) that are concern endpoints, each with its
    reason codes (see :data:`ENDPOINT_REASONS`).  The company itself (kind
    ``self``) is never an endpoint; a person is one when recorded with an
    obligation to cooperate with a foreign government.

    Foreign-government influence: votes at or above
    ``scoring.control_votes_pct`` (or a golden share) held by a foreign
    government body directly or one controlling level up, or, through the
    ownership family's :func:`~graphmap.analyses.ownership.ownership_view`,
    effective votes of state-influenced holders at or above that share
    through longer chains, or a golden share they hold up the chain.

    Complexity: O(organisations + people + OWNS edges + LOCATED_IN edges),
    plus the ownership view of each organisation that has an owner.
    """
    sc = _scoring(scoring)
    located = _first_target(ctx, "LOCATED_IN")
    orgs = ctx.nodes("Organisation")
    foreign_gov = {o for o in orgs if _is_foreign_government(ctx, o, located)}
    # organisation -> owners that control it (votes or golden share)
    controllers: dict[str, set[str]] = {}
    has_owner: set[str] = set()
    for owner, owned, d in _sorted_edges(ctx, "OWNS"):
        has_owner.add(owned)
        votes = d.get("votes_pct")
        if d.get("golden_share") or (votes is not None and votes >= sc.control_votes_pct):
            controllers.setdefault(owned, set()).add(owner)

    def gov_controlled(org: str) -> bool:
        direct = controllers.get(org, set())
        if direct & foreign_gov:
            return True
        if any(controllers.get(up, set()) & foreign_gov for up in direct):
            return True
        return org in has_owner and _influenced_through_chains(ctx, org, sc.control_votes_pct)

    out: dict[str, list[str]] = {}
    for org in orgs:
        kind = ctx.attr(org, "kind")
        if kind in INTERNAL_KINDS:
            continue
        reasons: list[str] = []
        if kind == "competitor":
            reasons.append("competitor")
        if ctx.attr(org, "sanctioned"):
            reasons.append("sanctioned")
        if ctx.attr(org, "end_user_listed"):
            reasons.append("end_user_listed")
        if org in foreign_gov:
            reasons.append("foreign_government")
        elif gov_controlled(org):
            reasons.append("foreign_government_influence")
        country = located.get(org)
        if country is not None and country in ctx.g and _high_risk_country(ctx, country):
            reasons.append("high_risk_country")
        if kind == "external_service":
            reasons.append("external_service")
        if reasons:
            out[org] = reasons
    for person in ctx.nodes("Person"):
        if ctx.attr(person, "foreign_gov_obligation") is True:
            out[person] = ["foreign_government_obligation"]
    return dict(sorted(out.items()))


def _influenced_through_chains(ctx: Context, org: str, votes_pct: float) -> bool:
    """The ownership family's view, when available: effective votes of
    foreign governments and parties bound to cooperate with state
    intelligence through multi-level chains, and golden shares up the
    chain."""
    try:
        from graphmap.analyses.ownership import ownership_view
    except ImportError:  # pragma: no cover - the family is optional here
        return False
    view = ownership_view(ctx, org)
    return bool(view.votes >= votes_pct or view.golden)


def _high_risk_country(ctx: Context, country: str) -> bool:
    if country == HOME_COUNTRY:
        return False
    return (
        ctx.attr(country, "strict_export_control") is False
        or bool(ctx.attr(country, "sanctions"))
        or ctx.attr(country, "intelligence_cooperation_law") == "yes"
    )


# ---------------------------------------------------------------- flow network


def flow_network(ctx: Context, scoring: PathScoring | Mapping[str, Any] | None = None) -> FlowNetwork:
    """The flow network of the context's graph, built once per context and
    scoring table.

    Complexity: O(E log E) for one pass over the edges by type (sorted for
    stable results) plus O(disclosures * assets).
    """
    sc = _scoring(scoring)
    cache = ctx.cache("_paths_cache")
    key = ("flow", sc.model_dump_json())
    if key not in cache:
        with paused_gc():
            hops = _hops(ctx, sc)
            cache[key] = FlowNetwork.from_hops(hops, concern_endpoints(ctx, sc))
    net: FlowNetwork = cache[key]
    return net


def _hop(
    sc: PathScoring,
    u: str,
    v: str,
    etype: str,
    p: float,
    reason: str,
    edges: Iterable[tuple[str, str, str]],
    nodes: Iterable[str] = (),
    discl: Iterable[str] = (),
) -> Hop:
    lo = sc.min_p  # sc.clamp(p), inlined: this runs once per hop
    p = lo if p < lo else 1.0 if p > 1.0 else p
    return Hop(u, v, etype, p, reason, tuple(discl), tuple(nodes), tuple(edges))


def _hops(ctx: Context, sc: PathScoring) -> list[Hop]:
    hops: list[Hop] = []
    step_tech = _first_target(ctx, "STEP_OF")
    as_of = ctx.as_of

    # technology -> information asset (DESCRIBES)
    for asset, target, _ in _sorted_edges(ctx, "DESCRIBES"):
        if ctx.label(asset) != "InformationAsset":
            continue
        factor = sc.public_asset_factor if ctx.attr(asset, "secrecy") == "public" else 1.0
        if factor <= 0:
            continue
        if ctx.label(target) == "Technology":
            p, why = sc.asset_describes_technology, "describes_technology"
            hops.append(_hop(sc, target, asset, "DESCRIBES", p * factor, why, [(asset, target, "DESCRIBES")]))
        elif ctx.label(target) == "ProcessStep" and target in step_tech:
            tech = step_tech[target]
            p, why = sc.asset_describes_step, "describes_step"
            hops.append(
                _hop(
                    sc,
                    tech,
                    asset,
                    "DESCRIBES",
                    p * factor,
                    why,
                    [(asset, target, "DESCRIBES"), (target, tech, "STEP_OF")],
                    [target],
                )
            )

    # information asset -> person with live access (CAN_ACCESS)
    # (one hop per access right: the most numerous hop, built inline)
    level_p = {"read": sc.access_read, "download": sc.access_download, "edit": sc.access_edit}
    level_hop = {level: (sc.clamp(p), f"access_{level}") for level, p in level_p.items()}
    read_hop = level_hop["read"]
    for person, asset, d in _sorted_edges(ctx, "CAN_ACCESS"):
        revoked = d.get("revoked")
        if revoked is not None and revoked <= as_of:
            continue
        p, why = level_hop.get(d.get("level", "read"), read_hop)
        hops.append(Hop(asset, person, "CAN_ACCESS", p, why, (), (), ((person, asset, "CAN_ACCESS"),)))

    # information asset -> outside operator of the site keeping it (KEPT_AT)
    operator = _first_target(ctx, "OPERATED_BY")
    for asset, site, _ in _sorted_edges(ctx, "KEPT_AT"):
        org = operator.get(site)
        if org is None or ctx.attr(org, "kind") in INTERNAL_KINDS:
            continue
        hops.append(
            _hop(
                sc,
                asset,
                org,
                "KEPT_AT",
                sc.kept_at_outside_site,
                "kept_at_outside_site",
                [(asset, site, "KEPT_AT"), (site, org, "OPERATED_BY")],
                [site],
            )
        )

    # technology -> person who knows its steps (KNOWS)
    # grouped by technology, then person: the order of sorted (tech, person)
    # pairs without sorting a million of them
    known: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = {}
    for person, step, d in _sorted_edges(ctx, "KNOWS"):
        step_of = step_tech.get(step)
        if step_of is None:
            continue
        by_person = known.get(step_of)
        if by_person is None:
            by_person = known[step_of] = {}
        items = by_person.get(person)
        if items is None:
            by_person[person] = [(step, d)]
        else:
            items.append((step, d))
    for tech in sorted(known):
        all_steps = set(steps_of(ctx, tech))
        by_person = known[tech]
        for person in sorted(by_person):
            items = by_person[person]
            full_steps = {s for s, d in items if d.get("depth", "full") == "full"}
            documented = all(d.get("mode", "tacit") == "documented" for _, d in items)
            if all_steps and all_steps <= full_steps:
                p, why = sc.knows_all_steps, "knows_all_steps"
            elif full_steps:
                p, why = sc.knows_full, "knows_full"
            else:
                p, why = sc.knows_partial, "knows_partial"
            if documented:
                p *= sc.documented_knowledge_factor
            edges = []
            for s, _ in items:
                edges += [(person, s, "KNOWS"), (s, tech, "STEP_OF")]
            hops.append(_hop(sc, tech, person, "KNOWS", p, why, edges, [s for s, _ in items]))

    # person -> employer, person -> destination after leaving
    for person, org, _ in _sorted_edges(ctx, "EMPLOYED_BY"):
        hops.append(
            _hop(
                sc,
                person,
                org,
                "EMPLOYED_BY",
                sc.employer,
                "employer",
                [(person, org, "EMPLOYED_BY")],
            )
        )
    for person, org, _ in _sorted_edges(ctx, "MOVED_TO"):
        if ctx.attr(org, "kind") == "competitor":
            p, why = sc.moved_to_competitor, "moved_to_competitor"
        else:
            p, why = sc.moved_elsewhere, "moved_elsewhere"
        if ctx.attr(person, "non_compete_pledge"):
            p *= sc.non_compete_factor
        hops.append(_hop(sc, person, org, "MOVED_TO", p, why, [(person, org, "MOVED_TO")]))

    # disclosures: asset -> recipient and sender -> recipient.  The hops
    # of one pair are merged here as FlowNetwork.from_hops would merge
    # them (the most likely first seen, every disclosure id kept) instead
    # of building a hop per disclosure and asset: a large company logs
    # hundreds of thousands of disclosures between the same few pairs
    dd = _due_diligence(ctx)
    employer = _first_target(ctx, "EMPLOYED_BY")
    lo = sc.min_p
    # (source, target) -> [p, reason, view, asset or None, disclosure ids]
    pairs: dict[tuple[str, str], list[Any]] = {}

    # per sender: a few thousand behind 500k disclosures
    own_sender: dict[str, bool] = {}
    for view in disclosures(ctx):
        if view.date is not None and view.date > as_of:
            continue
        p, why = _disclosure_p(ctx, sc, view, dd, employer)
        # the hops this disclosure offers: (source, probability, asset or None)
        offers: list[tuple[str, float, str | None]] = (
            # the assets themselves went to the recipient
            [(asset, p, asset) for asset in view.assets] if view.onward_of is None else []
        )
        own = own_sender.get(view.sender)
        if own is None:
            own = own_sender[view.sender] = ctx.label(view.sender) == "Organisation" and (
                ctx.attr(view.sender, "kind") in INTERNAL_KINDS
            )
        # the company's own disclosures carry only the assets listed; any
        # other is a channel between two parties: a person's know-how, or an
        # onward (subcontracting) disclosure from one organisation to another
        if not own:
            graded = any(is_graded_asset(ctx, a) for a in view.assets)
            offers.append((view.sender, p if graded else p * sc.ungraded_channel_factor, None))
        recipient, vid = view.recipient, view.id
        for u, q, given in offers:
            q = lo if q < lo else 1.0 if q > 1.0 else q
            entry = pairs.get((u, recipient))
            if entry is None:
                pairs[(u, recipient)] = [q, why, view, given, [vid]]
                continue
            if q > entry[0]:
                entry[:4] = [q, why, view, given]
            entry[4].append(vid)
    for (u, v), (p, why, view, asset, ids) in pairs.items():
        edges = [(view.sender, view.id, "DISCLOSED"), (view.id, view.recipient, "DISCLOSED_TO")]
        if asset is not None:
            edges.append((view.id, asset, "USED"))
        discl = tuple(sorted(set(ids))) if len(ids) > 1 else (ids[0],)
        hops.append(Hop(u, v, "DISCLOSED_TO", p, why, discl, (view.id,), tuple(edges)))

    # technology -> joint-research partner (PARTNER)
    project_contract = _first_target(ctx, "UNDER_CONTRACT")
    partners: dict[str, list[str]] = {}
    for project, org, _ in _sorted_edges(ctx, "PARTNER"):
        partners.setdefault(project, []).append(org)
    for project, tech, _ in _sorted_edges(ctx, "THEME"):
        contract = project_contract.get(project)
        covered = contract is not None and bool(ctx.attr(contract, "confidentiality"))
        for org in partners.get(project, []):
            if covered:
                p, why = sc.project_partner_covered, "project_partner_covered"
            else:
                p, why = sc.project_partner_uncovered, "project_partner_uncovered"
            p *= _dd_factor(sc, dd.get(org))
            hops.append(
                _hop(
                    sc,
                    tech,
                    org,
                    "PARTNER",
                    p,
                    why,
                    [(project, tech, "THEME"), (project, org, "PARTNER")],
                    [project],
                )
            )

    # owned organisation -> controlling owner (OWNS)
    for owner, owned, d in _sorted_edges(ctx, "OWNS"):
        votes = d.get("votes_pct")
        if votes is not None and votes >= sc.control_votes_pct:
            p, why = sc.owner_control, "owner_control"
        elif d.get("golden_share"):
            p, why = sc.golden_share, "golden_share"
        else:
            continue
        hops.append(_hop(sc, owned, owner, "OWNS", p, why, [(owner, owned, "OWNS")]))

    # technology -> equipment -> maker / maintainer / owner
    for equip, target, _ in _sorted_edges(ctx, "EMBODIES"):
        if ctx.label(target) == "Technology":
            tech, edges, nodes = target, [(equip, target, "EMBODIES")], []
        elif target in step_tech:
            tech = step_tech[target]
            edges = [(equip, target, "EMBODIES"), (target, tech, "STEP_OF")]
            nodes = [target]
        else:
            continue
        if ctx.attr(equip, "customised"):
            p, why = sc.embodies_customised, "embodies_customised"
        else:
            p, why = sc.embodies_standard, "embodies_standard"
        hops.append(_hop(sc, tech, equip, "EMBODIES", p, why, edges, nodes))
    for etype, p0, why in (
        ("MADE_BY", sc.equipment_maker, "equipment_maker"),
        ("MAINTAINED_BY", sc.equipment_maintainer, "equipment_maintainer"),
        ("OWNED_BY", sc.equipment_owner, "equipment_owner"),
    ):
        for equip, org, _ in _sorted_edges(ctx, etype):
            if ctx.label(equip) != "Equipment":
                continue
            p = p0
            if etype == "MAINTAINED_BY" and ctx.attr(equip, "spec_restored_for_repair"):
                p *= sc.spec_restored_factor
            hops.append(_hop(sc, equip, org, etype, p, why, [(equip, org, etype)]))
    return hops


def _due_diligence(ctx: Context) -> dict[str, str]:
    """Latest due-diligence outcome per assessed subject."""
    latest: dict[str, tuple[dt.date, str, str]] = {}
    for review, subject, _ in _sorted_edges(ctx, "ASSESSES"):
        date = ctx.attr(review, "date") or dt.date.min
        entry = (date, review, str(ctx.attr(review, "outcome", "cleared")))
        if subject not in latest or entry[:2] > latest[subject][:2]:
            latest[subject] = entry
    return {s: e[2] for s, e in latest.items()}


def _dd_factor(sc: PathScoring, outcome: str | None) -> float:
    if outcome in ("cleared", "conditional"):
        return sc.dd_cleared_factor
    if outcome == "rejected":
        return sc.dd_rejected_factor
    return 1.0


def _disclosure_p(
    ctx: Context,
    sc: PathScoring,
    view: DisclosureView,
    dd: Mapping[str, str],
    employer: Mapping[str, str],
) -> tuple[float, str]:
    attrs = view.attrs
    if view.contract is None:
        p, why = sc.disclosure_uncovered, "disclosure_uncovered"
    elif view.date is not None and not contract_in_force(ctx, view.contract, view.date):
        p, why = sc.disclosure_lapsed_contract, "disclosure_lapsed_contract"
    elif ctx.attr(view.contract, "confidentiality"):
        p, why = sc.disclosure_covered, "disclosure_covered"
    else:
        p, why = sc.disclosure_weak_contract, "disclosure_weak_contract"
    if view.onward_of is not None and not attrs.get("onward_approved"):
        if sc.onward_unapproved > p:
            p, why = sc.onward_unapproved, "onward_unapproved"
    outcome = dd.get(view.recipient)
    if outcome is None and view.recipient in employer:
        outcome = dd.get(employer[view.recipient])
    p *= _dd_factor(sc, outcome)
    if attrs.get("codenamed"):
        p *= sc.codenamed_factor
    if attrs.get("copied_to_recipient"):
        p *= sc.copied_factor
    due = attrs.get("return_due")
    if attrs.get("return_status") == "outstanding" and due is not None and due < ctx.as_of:
        p *= sc.overdue_return_factor
    if attrs.get("foreign_government_request") and not attrs.get("request_reviewed"):
        p *= sc.foreign_request_unreviewed_factor
    p *= sc.channel_factors.get(str(attrs.get("channel", "")), 1.0)
    return p, why


# ---------------------------------------------------------------- search


class SinkPaths(Mapping[str, list[str]]):
    """The most likely path from each node to the sink, unfolded from the
    search's predecessors only when asked for: node -> ... -> endpoint
    (sink left out).  Built up front, every node the search reached (some
    hundreds of thousands at L) got a path list and a reversed copy, while
    callers read a few thousand of them."""

    __slots__ = ("_pred", "_sink")

    def __init__(self, pred: Mapping[str, list[str]], sink: str) -> None:
        self._pred = pred
        self._sink = sink

    def __getitem__(self, node: str) -> list[str]:
        if node == self._sink or node not in self._pred:
            raise KeyError(node)
        out = []
        pred, sink = self._pred, self._sink
        while node != sink:
            out.append(node)
            # the first predecessor is the one of the last strict
            # improvement: the path Dijkstra itself would have kept
            node = pred[node][0]
        return out

    def __iter__(self) -> Iterator[str]:
        return (n for n in self._pred if n != self._sink)

    def __len__(self) -> int:
        return len(self._pred) - (self._sink in self._pred)


def nearest_endpoints(
    net: FlowNetwork, cutoff: float | None = None
) -> tuple[dict[str, float], Mapping[str, list[str]]]:
    """Distance (-log probability) and most likely path from every node to
    its nearest concern endpoint, in ONE Dijkstra from the sink on the
    reversed network.  Paths run node -> ... -> endpoint (sink removed),
    the same path Dijkstra would record, unfolded on demand (:class:`SinkPaths`).

    Complexity: O((V + E) log V) on the flow network, and O(length) per
    path looked up.
    """
    if net.sink not in net.g:
        return {}, {}
    with paused_gc():
        pred, dist = nx.dijkstra_predecessor_and_distance(
            net.g.reverse(copy=False), net.sink, cutoff=cutoff, weight="weight"
        )
    dist.pop(net.sink, None)
    return dist, SinkPaths(pred, net.sink)


def _as_path(net: FlowNetwork, nodes: list[str]) -> LeakagePath:
    hops = [net.hop(u, v) for u, v in pairwise(nodes)]
    prob = math.prod(h.p for h in hops)
    return LeakagePath(technology=nodes[0], endpoint=nodes[-1], nodes=nodes, hops=hops, probability=prob)


def _k_best(net: FlowNetwork, tech: str, k: int, to_sink: Mapping[str, float], cutoff: float) -> list[list[str]]:
    """The k most likely simple paths from ``tech`` to the sink (Yen),
    searched only among nodes that lie on some path within ``cutoff``."""
    if k <= 0 or tech not in net.g or tech not in to_sink:
        return []
    from_tech = nx.single_source_dijkstra_path_length(net.g, tech, cutoff=cutoff, weight="weight")
    keep = [n for n, d in from_tech.items() if n in to_sink and d + to_sink[n] <= cutoff + 1e-12]
    keep.append(net.sink)
    sub = _induced(net.g, keep)
    try:
        gen = nx.shortest_simple_paths(sub, tech, net.sink, weight="weight")
        return [p[:-1] for p in islice(gen, k)]
    except nx.NetworkXNoPath:
        return []


def _induced(g: nx.DiGraph, nodes: Iterable[str]) -> nx.DiGraph:
    """A copy of the subgraph induced by ``nodes``, built in a fixed order
    (sorted nodes, adjacency order of ``g``) so results never depend on
    set iteration order."""
    keep = sorted(set(nodes))
    inside = set(keep)
    sub = nx.DiGraph()
    sub.add_nodes_from(keep)
    for u in keep:
        for v, d in g.adj[u].items():
            if v in inside:
                sub.add_edge(u, v, **d)
    return sub


def best_paths(
    ctx: Context,
    tech: str,
    k: int = 3,
    scoring: PathScoring | Mapping[str, Any] | None = None,
    *,
    min_probability: float = 1e-3,
) -> list[LeakagePath]:
    """The ``k`` most likely leakage paths from ``tech`` to any concern
    endpoint, most likely first (Yen's algorithm on the flow network).

    Complexity: one Dijkstra over the flow network (cached per context
    and scoring) plus Yen on the part of it that can carry a path at or
    above ``min_probability``.
    """
    net = flow_network(ctx, scoring)
    cutoff = _weight(min_probability) if min_probability > 0 else math.inf
    to_sink = _to_sink(ctx, net, cutoff)
    return [_as_path(net, p) for p in _k_best(net, tech, k, to_sink, cutoff)]


def _to_sink(ctx: Context, net: FlowNetwork, cutoff: float) -> dict[str, float]:
    cache = ctx.cache("_paths_cache")
    key = ("to_sink", id(net), cutoff)
    if key not in cache:
        cache[key] = nearest_endpoints(net, None if math.isinf(cutoff) else cutoff)
    dist: dict[str, float] = cache[key][0]
    return dist


# ---------------------------------------------------------------- analysis


def _severity(prob: float, critical: float, high: float, medium: float) -> Severity:
    if prob >= critical:
        return Severity.critical
    if prob >= high:
        return Severity.high
    if prob >= medium:
        return Severity.medium
    return Severity.low


#: The checklist item a hop's reason points at: an uncovered or
#: unapproved flow is a contract gap (S3), a move to another employer a
#: departing engineer (P5), a controlling owner an unchecked partner (S1).
HOP_ITEMS: dict[str, str] = {
    "disclosure_uncovered": "S3",
    "disclosure_weak_contract": "S3",
    "disclosure_lapsed_contract": "S3",
    "onward_unapproved": "S3",
    "project_partner_uncovered": "S3",
    "moved_to_competitor": "P5",
    "moved_elsewhere": "P5",
    "owner_control": "S1",
    "golden_share": "S1",
}


def path_items(ctx: Context, path: LeakagePath, all_items: Iterable[str]) -> list[str]:
    """The checklist item of a path's weakest hop: among the hops whose
    reason maps to an item (:data:`HOP_ITEMS`), or that carry information
    to a party with no due diligence on record (S1), the most likely one
    (the first on a tie).  ``all_items`` when no hop maps to an item.

    Complexity: O(hops) after one pass over the due-diligence and
    employment edges, cached per context."""
    cache = ctx.cache("_paths_cache")
    if "path_items" not in cache:
        cache["path_items"] = (_due_diligence(ctx), _first_target(ctx, "EMPLOYED_BY"))
    dd: dict[str, str]
    employer: dict[str, str]
    dd, employer = cache["path_items"]
    best: tuple[float, str] | None = None
    for h in path.hops:
        item = HOP_ITEMS.get(h.reason)
        if item is None and h.type in ("DISCLOSED_TO", "PARTNER") and is_outside(ctx, h.target):
            if h.target not in dd and employer.get(h.target, h.target) not in dd:
                item = "S1"
        if item is not None and (best is None or h.p > best[0]):
            best = (h.p, item)
    return [best[1]] if best else list(all_items)


def _endpoint_text(reasons: list[str], lang: str) -> str:
    idx = 1 if lang == "en" else 0
    sep = ", " if lang == "en" else "・"
    return sep.join(ENDPOINT_REASONS[r][idx] for r in reasons)


@analysis(
    id="leakage_paths",
    family="paths",
    title_ja="最も起こりやすい流出経路",
    title_en="Most likely leakage paths",
    checklist=["S1", "S3", "P5"],
    why_ja=(
        "文書・人・取引先・装置をつなぐ経路の先に競合企業や懸念国の組織があると、"
        "一つひとつは小さな隙でも重なって技術が流出します。"
    ),
    why_en=(
        "When documents, people, partners and machines form a chain that ends at a "
        "competitor or a party of concern, small gaps add up to a leak."
    ),
    remedy_ja=(
        "経路上で最も起こりやすい区間（契約のない提供、承認のない再開示、競合への転職など）"
        "から手当てし、秘密保持契約・アクセス制限・相手方確認で経路を断ちます。"
    ),
    remedy_en=(
        "Fix the likeliest hop first (uncovered disclosure, unapproved onward disclosure, "
        "a move to a competitor) and break the chain with NDAs, access limits and partner "
        "due diligence."
    ),
    params=[
        Param(name="k", default=3, ja="詳細表示する経路の本数", en="paths shown per technology"),
        Param(
            name="top_n",
            default=5,
            ja="詳細表示する技術の数（show 未指定時）",
            en="technologies shown in detail when show is not given",
        ),
        Param(
            name="show",
            default=None,
            ja="詳細表示する技術のID一覧",
            en="ids of technologies shown in detail",
        ),
        Param(
            name="critical_probability",
            default=0.5,
            ja="重大とする経路確率",
            en="path probability for critical",
        ),
        Param(
            name="high_probability",
            default=0.2,
            ja="高とする経路確率",
            en="path probability for high",
        ),
        Param(
            name="medium_probability",
            default=0.05,
            ja="中とする経路確率",
            en="path probability for medium",
        ),
        Param(
            name="min_probability",
            default=0.001,
            ja="報告する最小の経路確率",
            en="smallest path probability reported",
        ),
        Param(
            name="scoring",
            default=None,
            ja="区間の確率表（PathScoring）",
            en="hop likelihood table (PathScoring)",
        ),
    ],
    requires=["Technology", "Organisation"],
    complexity="O((V + E) log V) on the flow network, plus Yen for the shown technologies",
)
def leakage_paths(
    ctx: Context,
    *,
    k: int = 3,
    top_n: int = 5,
    show: list[str] | None = None,
    critical_probability: float = 0.5,
    high_probability: float = 0.2,
    medium_probability: float = 0.05,
    min_probability: float = 0.001,
    scoring: PathScoring | Mapping[str, Any] | None = None,
) -> list[Finding]:
    """The most likely path from each graded technology to a concern
    endpoint (competitor, sanctioned or listed party, foreign-government
    body or one it controls, party in a high-risk country, external
    service).

    One finding per graded technology that reaches an endpoint with
    probability at least ``min_probability``; the ``k`` best alternative
    paths are added for the technologies in ``show`` (default: the
    ``top_n`` most exposed).

    Checklist: S1, S3, P5: each finding names the item of its path's
    weakest hop (:func:`path_items`: an uncovered or unapproved flow S3, a
    party without due diligence or a controlling owner S1, a departed
    engineer P5), or all three when no hop points at one.

    Complexity: one Dijkstra from a virtual sink on the reversed flow
    network, O((V + E) log V), for all technologies together; Yen's
    k-shortest paths only for the shown technologies, on the nodes that
    can lie on a path above ``min_probability``.

    Examples
    --------
    >>> import networkx as nx
    >>> ctx = Context(nx.MultiDiGraph())
    >>> leakage_paths(ctx)
    []
    """
    meta = leakage_paths.meta
    net = flow_network(ctx, scoring)
    cutoff = _weight(min_probability) if min_probability > 0 else math.inf
    dist, paths = nearest_endpoints(net, None if math.isinf(cutoff) else cutoff)
    ctx.cache("_paths_cache")[("to_sink", id(net), cutoff)] = (dist, paths)

    best: dict[str, LeakagePath] = {}
    for tech in graded_technologies(ctx):
        nodes = paths.get(tech)
        if not nodes or len(nodes) < 2:
            continue
        path = _as_path(net, nodes)
        if path.probability >= min_probability:
            best[tech] = path

    ranked = sorted(best, key=lambda t: (-best[t].probability, t))
    shown = set(show) if show is not None else set(ranked[:top_n])

    findings = []
    for tech in ranked:
        path = best[tech]
        end = path.endpoint
        reasons = net.endpoints.get(end, [])
        facts: dict[str, Any] = {
            "probability": path.probability,
            "endpoint": end,
            "endpoint_reasons": list(reasons),
            "hops": [h.fact() for h in path.hops],
        }
        if tech in shown:
            alternatives = [_as_path(net, p) for p in _k_best(net, tech, k, dist, cutoff)]
            facts["alternatives"] = [
                {"nodes": a.nodes, "endpoint": a.endpoint, "probability": a.probability} for a in alternatives
            ]
        chain = " → ".join(ctx.name(n) for n in path.nodes)
        pct = f"{path.probability * 100:.1f}%"
        findings.append(
            make_finding(
                meta,
                [tech, end],
                _severity(path.probability, critical_probability, high_probability, medium_probability),
                100.0 * path.probability,
                f"「{ctx.name(tech)}」は「{ctx.name(end)}」"
                f"（{_endpoint_text(reasons, 'ja')}）に届くおそれがあります。"
                f"最も起こりやすい経路: {chain}（確率 {pct}）",
                f"{ctx.name(tech)} can reach {ctx.name(end)} "
                f"({_endpoint_text(reasons, 'en')}). Most likely path: {chain} "
                f"(probability {pct}).",
                nodes=path.evidence_nodes,
                edges=path.evidence_edges,
                facts=facts,
                checklist=path_items(ctx, path, meta.checklist),
            )
        )
    return findings


ANALYSES: tuple[Analysis, ...] = (leakage_paths,)
