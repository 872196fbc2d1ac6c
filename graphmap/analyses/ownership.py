"""Analyses of the ownership family: who stands behind an outside
organisation (foreign-government influence through shareholdings,
golden shares and nominated directors; sanctions up the chain) and
whether the partners we share information with have been checked.

The helpers here (due-diligence look-ups, country reviews, the
counterparty index and :func:`ownership_view`) are also used by the
``overseas`` and ``research`` families.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

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
    asset_technologies,
    country_of,
    disclosures,
    gradings,
    is_graded_asset,
    is_outside,
    party_organisation,
)
from graphmap.resources import HOME_COUNTRY

__all__ = [
    "ANALYSES",
    "RISKY_LAWS",
    "Counterparty",
    "OwnershipView",
    "access_active",
    "counterparties",
    "country_name",
    "country_reviewed",
    "dd_item",
    "dd_status",
    "edges_of_type",
    "foreign_government_influence",
    "holder_kind",
    "in_edge_data",
    "latest_due_diligence",
    "out_edge_data",
    "ownership_view",
    "partner_due_diligence",
    "risky_laws",
    "technology_gradings_of_asset",
]

FAMILY = "ownership"

#: Country law flags that make a host or partner country risky when "yes".
RISKY_LAWS: tuple[str, ...] = (
    "government_access_law",
    "intelligence_cooperation_law",
    "first_filing_rule",
)

_HOLDER_NAMES = {
    "foreign_government": ("外国政府", "foreign government"),
    "intelligence_duty": (
        "情報活動協力義務を負う者",
        "party bound to cooperate with state intelligence",
    ),
}


# ------------------------------------------------------------------ caching


def _cache(ctx: Context) -> dict[Any, Any]:
    cache = ctx.cache("_ownership_family_cache")
    assert isinstance(cache, dict)
    return cache


def edges_of_type(ctx: Context, etype: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Every edge of ``etype`` as (source, target, attributes), sorted by
    source then target; cached per context."""
    cache = ctx.cache("_ownership.edges_by_type")
    if etype not in cache:
        cache[etype] = sorted(ctx.typed_edges(etype), key=itemgetter(0, 1))
    rows: list[tuple[str, str, dict[str, Any]]] = cache[etype]
    return rows


# ------------------------------------------------ fast neighbourhood access
# The graph keys edges by their type, so a node's adjacency dictionaries
# answer "which neighbours by edge type T" without building edge views.
# These give a node's (neighbour, attributes) pairs of one edge type, by
# neighbour; the families here call them in their inner loops (plain
# neighbour lists come from Context.out / Context.into).


def out_edge_data(ctx: Context, node: str, etype: str) -> list[tuple[str, dict[str, Any]]]:
    """(target, attributes) of ``node``'s outgoing ``etype`` edges, by target."""
    return sorted(
        ((v, keys[etype]) for v, keys in ctx.g._succ[node].items() if etype in keys),
        key=lambda r: r[0],
    )


def in_edge_data(ctx: Context, node: str, etype: str) -> list[tuple[str, dict[str, Any]]]:
    """(source, attributes) of ``node``'s incoming ``etype`` edges, by source."""
    return sorted(
        ((u, keys[etype]) for u, keys in ctx.g._pred[node].items() if etype in keys),
        key=lambda r: r[0],
    )


def _join(names: list[str], lang: str) -> str:
    return ("、" if lang == "ja" else ", ").join(names)


def _names(ctx: Context, nodes: list[str], lang: str = "ja", limit: int = 5) -> str:
    shown = [country_name(ctx, n, lang) for n in nodes[:limit]]
    rest = len(nodes) - len(shown)
    text = _join(shown, lang)
    if rest > 0:
        text += f" ほか{rest}件" if lang == "ja" else f" and {rest} more"
    return text


def country_name(ctx: Context, node: str, lang: str = "ja") -> str:
    """A node's display name; countries by their name in ``lang``."""
    if lang == "en" and ctx.label(node) == "Country":
        return str(ctx.attr(node, "name_en") or ctx.attr(node, "name_ja") or node)
    return ctx.name(node)


# ------------------------------------------------------------ due diligence


def _dd_index(ctx: Context) -> dict[tuple[str, str], list[str]]:
    """(subject, scope) -> DueDiligence ids dated on or before as-of,
    oldest first."""
    cache = _cache(ctx)
    if "dd_index" not in cache:
        index: dict[tuple[str, str], list[str]] = defaultdict(list)
        for dd, subject, _ in edges_of_type(ctx, "ASSESSES"):
            date = ctx.attr(dd, "date")
            if date is not None and date > ctx.as_of:
                continue
            index[(subject, str(ctx.attr(dd, "scope", "")))].append(dd)
        for rows in index.values():
            rows.sort(key=lambda d: (ctx.attr(d, "date") or dt.date.min, d))
        cache["dd_index"] = dict(index)
    result: dict[tuple[str, str], list[str]] = cache["dd_index"]
    return result


def latest_due_diligence(ctx: Context, subject: str, scope: str) -> str | None:
    """The most recent DueDiligence of ``scope`` assessing ``subject``
    (ignoring reviews dated after as-of), or None."""
    rows = _dd_index(ctx).get((subject, scope), [])
    return rows[-1] if rows else None


def dd_status(ctx: Context, subject: str, scope: str, max_age_days: int) -> tuple[str, str | None]:
    """(status, latest review id): status is ``missing``, ``rejected``,
    ``pending``, ``stale`` (older than ``max_age_days``), ``conditional``
    or ``cleared``."""
    dd = latest_due_diligence(ctx, subject, scope)
    if dd is None:
        return "missing", None
    outcome = str(ctx.attr(dd, "outcome", "cleared"))
    if outcome in ("rejected", "pending"):
        return outcome, dd
    date = ctx.attr(dd, "date")
    if date is None or (ctx.as_of - date).days > max_age_days:
        return "stale", dd
    return outcome, dd


def risky_laws(ctx: Context, country: str) -> list[str]:
    """The law flags of ``country`` recorded as ``yes``."""
    return [law for law in RISKY_LAWS if ctx.attr(country, law) == "yes"]


def country_reviewed(ctx: Context, country: str) -> bool:
    """True when the country carries a review date or a country-scope due
    diligence (other than a pending one) assesses it."""
    if ctx.attr(country, "reviewed") is not None:
        return True
    rows = _dd_index(ctx).get((country, "country"), [])
    return any(ctx.attr(d, "outcome", "cleared") != "pending" for d in rows)


def technology_gradings_of_asset(ctx: Context, asset: str) -> set[str]:
    """Every grading held by a technology the asset describes."""
    out: set[str] = set()
    for tech in asset_technologies(ctx, asset):
        out.update(gradings(ctx, tech))
    return out


def access_active(ctx: Context, data: dict[str, Any]) -> bool:
    """True when a CAN_ACCESS edge is in force on as-of: granted (or no
    grant date) and not revoked by then."""
    granted = data.get("granted")
    revoked = data.get("revoked")
    if granted is not None and granted > ctx.as_of:
        return False
    return revoked is None or revoked > ctx.as_of


# ----------------------------------------------------------- counterparties


@dataclass
class Counterparty:
    """An outside organisation we deal with, and how."""

    org: str
    roles: set[str] = field(default_factory=set)
    disclosures: set[str] = field(default_factory=set)
    projects: set[str] = field(default_factory=set)
    contracts: set[str] = field(default_factory=set)
    graded: bool = False
    edges: set[tuple[str, str, str]] = field(default_factory=set)


def _contract_graded(ctx: Context, contract: str) -> bool:
    for target in ctx.out(contract, "COVERS"):
        label = ctx.label(target)
        if label == "Technology" and gradings(ctx, target):
            return True
        if label == "InformationAsset" and is_graded_asset(ctx, target):
            return True
    return False


def _project_graded(ctx: Context, project: str) -> bool:
    return any(gradings(ctx, t) for t in ctx.out(project, "THEME"))


def counterparties(ctx: Context) -> dict[str, Counterparty]:
    """Outside organisations (kind other than ``self``) that receive a
    disclosure (directly or through one of their people), partner in a
    project or are party to a contract, with whether graded information
    reaches them (a graded asset disclosed, a contract covering graded
    technology or assets, a project on a graded theme).

    Complexity: O(disclosures + PARTNER + PARTY edges), cached per context.
    """
    cache = _cache(ctx)
    if "counterparties" in cache:
        result: dict[str, Counterparty] = cache["counterparties"]
        return result
    out: dict[str, Counterparty] = {}

    def get(org: str) -> Counterparty | None:
        if ctx.label(org) != "Organisation" or ctx.attr(org, "kind") in INTERNAL_KINDS:
            return None
        if org not in out:
            out[org] = Counterparty(org)
        return out[org]

    # recipient -> its counterparty (None: not an outside organisation's),
    # found once: far fewer recipients than disclosures
    holder: dict[str, Counterparty | None] = {}
    for d in disclosures(ctx):
        if d.recipient in holder:
            cp = holder[d.recipient]
        else:
            org = party_organisation(ctx, d.recipient)
            cp = holder[d.recipient] = None if org is None else get(org)
            if cp is not None and org is not None:
                cp.roles.add("recipient")
                if d.recipient != org:
                    cp.edges.add((d.recipient, org, "EMPLOYED_BY"))
        if cp is None:
            continue
        cp.disclosures.add(d.id)
        cp.edges.add((d.id, d.recipient, "DISCLOSED_TO"))
        if not cp.graded and any(is_graded_asset(ctx, a) for a in d.assets):
            cp.graded = True
    for project, org, _ in edges_of_type(ctx, "PARTNER"):
        cp = get(org)
        if cp is None:
            continue
        cp.roles.add("partner")
        cp.projects.add(project)
        cp.edges.add((project, org, "PARTNER"))
        if _project_graded(ctx, project):
            cp.graded = True
    for contract, org, _ in edges_of_type(ctx, "PARTY"):
        cp = get(org)
        if cp is None:
            continue
        cp.roles.add("party")
        cp.contracts.add(contract)
        cp.edges.add((contract, org, "PARTY"))
        if _contract_graded(ctx, contract):
            cp.graded = True
    cache["counterparties"] = out
    return out


#: Organisation kinds whose due diligence belongs to each checklist route:
#: research partners (J3), recipients of a production transfer (licensees,
#: joint ventures, subsidiaries: O2) and supply-chain partners (S1).
RESEARCH_KINDS = frozenset({"university", "lab", "research_institute"})
TRANSFER_KINDS = frozenset({"licensee", "jv_partner", "subsidiary"})
SUPPLY_KINDS = frozenset({"supplier", "customer", "equipment_maker"})
#: Contract kinds that transfer technology for production.
TRANSFER_CONTRACTS = frozenset({"licence", "jv", "manufacturing"})


def _abroad(country: str | None) -> bool:
    return country is not None and country != HOME_COUNTRY


def _transfer_index(ctx: Context) -> tuple[frozenset[str], dict[str, set[str]]]:
    """Organisations a production transfer abroad goes to, and the outside
    organisations that passed information on to each organisation.
    Cached per context.

    A transfer recipient is a licensee, JV partner or subsidiary; an
    organisation abroad party to a licence / JV / manufacturing contract;
    or a local entity of one of our sites abroad: its operator, or the
    maintainer or owner of equipment installed there."""
    cache = _cache(ctx)
    if "transfer_index" not in cache:
        transfer = {o for o in ctx.nodes("Organisation") if ctx.attr(o, "kind") in TRANSFER_KINDS}
        for contract, org, _ in edges_of_type(ctx, "PARTY"):
            if ctx.attr(contract, "kind") in TRANSFER_CONTRACTS and _abroad(country_of(ctx, org)):
                transfer.add(org)
        for site in ctx.nodes("Site"):
            if not _abroad(country_of(ctx, site)):
                continue
            transfer.update(ctx.out(site, "OPERATED_BY"))
            for eq in ctx.into(site, "INSTALLED_AT"):
                transfer.update(ctx.out(eq, "MAINTAINED_BY"))
                transfer.update(ctx.out(eq, "OWNED_BY"))
        transfer = {o for o in transfer if ctx.label(o) == "Organisation" and ctx.attr(o, "kind") not in INTERNAL_KINDS}
        onward_from: dict[str, set[str]] = defaultdict(set)
        # each sender and recipient pair once: hundreds of thousands of
        # disclosures at L run between far fewer pairs
        for sender, recipient in dict.fromkeys((d.sender, d.recipient) for d in disclosures(ctx)):
            to = party_organisation(ctx, recipient)
            by = party_organisation(ctx, sender)
            if to and by and to != by and ctx.attr(by, "kind") not in INTERNAL_KINDS:
                onward_from[to].add(by)
        cache["transfer_index"] = (frozenset(transfer), onward_from)
    result: tuple[frozenset[str], dict[str, set[str]]] = cache["transfer_index"]
    return result


def dd_item(ctx: Context, org: str, cp: Counterparty | None = None) -> str:
    """The checklist item an organisation's due diligence falls under.

    J3 for a joint-research partner (a project partner, or a university,
    lab or research institute).  O2 for a recipient of a production
    transfer abroad: a licensee, JV partner or subsidiary; an organisation
    abroad party to a licence / JV / manufacturing contract; the operator
    of one of our sites abroad or the maintainer or owner of equipment
    there; and an organisation abroad receiving information passed on by
    one of these (a local entity receiving technology).  S1 for the rest:
    suppliers, customers, equipment makers and other partners of the
    supply chain, at home or abroad.

    Complexity: O(1) after one O(V + E) index per context.
    """
    kind = ctx.attr(org, "kind")
    if (cp is not None and "partner" in cp.roles) or kind in RESEARCH_KINDS:
        return "J3"
    transfer, onward_from = _transfer_index(ctx)
    if org in transfer:
        return "O2"
    if kind in SUPPLY_KINDS or not _abroad(country_of(ctx, org)):
        return "S1"
    return "O2" if onward_from.get(org, set()) & transfer else "S1"


# ---------------------------------------------------------------- ownership


def holder_kind(ctx: Context, node: str) -> str | None:
    """Why a shareholder or nominator counts as a state-influenced holder:
    ``foreign_government`` (an organisation of kind government located in
    a country other than the home country) or ``intelligence_duty`` (an
    outside organisation located in a country whose
    intelligence-cooperation law is "yes", or a person recorded with an
    obligation to a foreign government); None otherwise."""
    cache = ctx.cache("_ownership.holder_kind")
    if node in cache:
        result: str | None = cache[node]
        return result
    kind: str | None = None
    label = ctx.label(node)
    if label == "Organisation":
        country = country_of(ctx, node)
        foreign = country is not None and country != HOME_COUNTRY
        if ctx.attr(node, "kind") == "government" and foreign:
            kind = "foreign_government"
        elif (
            foreign
            and ctx.attr(node, "kind") not in INTERNAL_KINDS
            and country is not None
            and ctx.attr(country, "intelligence_cooperation_law") == "yes"
        ):
            kind = "intelligence_duty"
    elif label == "Person" and ctx.attr(node, "foreign_gov_obligation") is True:
        kind = "intelligence_duty"
    cache[node] = kind
    return kind


@dataclass(frozen=True)
class OwnershipView:
    """The ownership ancestry of one organisation within ``max_depth``
    OWNS hops, and what state-influenced holders hold in it.

    ``votes`` and ``capital`` are effective percentages: the stake of each
    chain is the product of its percentages, chains are summed, a holder
    ends its chains, and values are capped at 100.  ``stake`` is, for every
    ancestor, the largest product of vote percentages (capital where votes
    are missing) along one chain into the organisation (0 when a stake on
    the way is unknown); ``via`` points from an ancestor to the next
    organisation on that chain.
    """

    org: str
    votes: float
    capital: float
    stake: dict[str, float]
    via: dict[str, str]
    edges: tuple[tuple[str, str], ...]
    holders: tuple[str, ...]
    unknown_holders: tuple[str, ...]
    golden: tuple[tuple[str, str], ...] = ()

    def chain(self, ancestor: str) -> list[tuple[str, str, str]]:
        """OWNS edges from ``ancestor`` down to the organisation."""
        out: list[tuple[str, str, str]] = []
        seen = {ancestor}
        node = ancestor
        while node != self.org and node in self.via:
            nxt = self.via[node]
            out.append((node, nxt, "OWNS"))
            if nxt in seen:
                break
            seen.add(nxt)
            node = nxt
        return out

    def holder_edges(self) -> list[tuple[str, str, str]]:
        """OWNS edges through which holders' stakes reach the organisation."""
        down: dict[str, list[str]] = defaultdict(list)
        for o, x in self.edges:
            down[o].append(x)
        seen = set(self.holders)
        stack = sorted(self.holders)
        out: set[tuple[str, str, str]] = set()
        while stack:
            o = stack.pop()
            for x in down.get(o, ()):
                out.add((o, x, "OWNS"))
                if x not in seen:
                    seen.add(x)
                    stack.append(x)
        return sorted(out)


def _weights(data: dict[str, Any]) -> tuple[float, float]:
    votes = data.get("votes_pct")
    capital = data.get("capital_pct")
    v = votes if votes is not None else capital
    c = capital if capital is not None else votes
    return float(v or 0.0), float(c or 0.0)


def _owners_index(ctx: Context) -> dict[str, list[tuple[str, float, float, bool]]]:
    cache = _cache(ctx)
    if "owners" not in cache:
        index: dict[str, list[tuple[str, float, float, bool]]] = defaultdict(list)
        for owner, owned, data in edges_of_type(ctx, "OWNS"):
            wv, wc = _weights(data)
            index[owned].append((owner, wv, wc, data.get("golden_share") is True))
        cache["owners"] = dict(index)
    result: dict[str, list[tuple[str, float, float, bool]]] = cache["owners"]
    return result


def ownership_view(ctx: Context, org: str, *, max_depth: int = 6) -> OwnershipView:
    """The ownership ancestry of ``org`` and the effective share of
    state-influenced holders (see :func:`holder_kind`) in it.

    Works on the OWNS edges reaching ``org`` within ``max_depth`` hops
    only, so cross-holdings (cycles) are handled: the share counts every
    chain of at most ``max_depth`` hops, computed by ``max_depth`` rounds
    of propagation over that sub-graph, never by listing paths.  Memoised
    per context.

    Complexity: O(max_depth * E_a) where E_a is the number of OWNS edges
    within ``max_depth`` hops above ``org``.
    """
    memo = ctx.cache(f"_ownership.ownership_view.{max_depth}")
    if org in memo:
        cached: OwnershipView = memo[org]
        return cached
    owners = _owners_index(ctx)
    # depth-limited reverse BFS: the ancestry and its edges
    dist = {org: 0}
    ins: dict[str, list[tuple[str, float, float, bool]]] = {}
    frontier = [org]
    for depth in range(max_depth):
        nxt: list[str] = []
        for x in frontier:
            rows = owners.get(x, [])
            ins[x] = rows
            for o, *_ in rows:
                if o not in dist:
                    dist[o] = depth + 1
                    nxt.append(o)
        frontier = nxt
        if not frontier:
            break
    nodes = sorted(dist)
    is_holder = {n: holder_kind(ctx, n) is not None and n != org for n in nodes}

    # effective holder share: max_depth rounds of propagation (Jacobi)
    cur_v = dict.fromkeys(nodes, 0.0)
    cur_c = dict.fromkeys(nodes, 0.0)
    for _ in range(max_depth):
        new_v: dict[str, float] = {}
        new_c: dict[str, float] = {}
        for x in nodes:
            sv = sc = 0.0
            for o, wv, wc, _g in ins.get(x, ()):
                base_v = 100.0 if is_holder[o] else cur_v[o]
                base_c = 100.0 if is_holder[o] else cur_c[o]
                sv += wv * base_v / 100.0
                sc += wc * base_c / 100.0
            new_v[x] = min(100.0, sv)
            new_c[x] = min(100.0, sc)
        if new_v == cur_v and new_c == cur_c:
            break
        cur_v, cur_c = new_v, new_c

    # best single-chain stake of each ancestor (max product), with pointers
    stake: dict[str, float] = {org: 100.0}
    via: dict[str, str] = {}
    level = [org]
    for _ in range(max_depth):
        improved: set[str] = set()
        for x in level:
            for o, wv, _wc, _g in ins.get(x, ()):
                s = stake[x] * wv / 100.0
                if o not in stake or s > stake[o] + 1e-9:
                    stake[o] = s
                    via[o] = x
                    improved.add(o)
        level = sorted(improved)
        if not level:
            break

    edges = tuple(sorted((o, x) for x, rows in ins.items() for o, *_ in rows))
    holders = tuple(n for n in nodes if is_holder[n])
    unknown = tuple(
        sorted(
            {o for rows in ins.values() for o, wv, _wc, gold in rows if is_holder[o] and wv == 0}
            - {o for rows in ins.values() for o, _wv, _wc, gold in rows if gold}
        )
    )
    golden = tuple(sorted((o, x) for x, rows in ins.items() for o, _wv, _wc, gold in rows if gold and is_holder[o]))
    view = OwnershipView(
        org=org,
        golden=golden,
        votes=round(cur_v[org], 6),
        capital=round(cur_c[org], 6),
        stake=stake,
        via=via,
        edges=edges,
        holders=holders,
        unknown_holders=unknown,
    )
    memo[org] = view
    return view


def _verb(nodes: list[str]) -> str:
    return "holds" if len(nodes) == 1 else "hold"


def _holder_label(ctx: Context, nodes: list[str], lang: str) -> str:
    parts = []
    for n in nodes[:5]:
        kind = holder_kind(ctx, n) or "foreign_government"
        ja, en = _HOLDER_NAMES[kind]
        parts.append(f"{ctx.name(n)}（{ja}）" if lang == "ja" else f"{ctx.name(n)} ({en})")
    text = _join(parts, lang)
    if len(nodes) > 5:
        text += f" ほか{len(nodes) - 5}件" if lang == "ja" else f" and {len(nodes) - 5} more"
    return text


# ----------------------------------------------------------------- analyses


@analysis(
    id="foreign_government_influence",
    family=FAMILY,
    title_ja="外国政府等による支配・影響",
    title_en="Foreign-government influence over partners",
    checklist=["S1", "O2", "J2", "J3"],
    why_ja=(
        "情報を受け取る相手先が、資本関係の連鎖・黄金株・役員の指名を通じて外国政府や"
        "情報活動への協力義務を負う者の影響下にあると、提供した技術が相手国政府に渡るおそれがあります。"
        "制裁対象・外国ユーザーリスト掲載の株主がいる場合も同様です。"
    ),
    why_en=(
        "When a recipient is steered by a foreign government, or by someone bound to cooperate "
        "with state intelligence, through chains of shareholdings, a golden share or the "
        "directors it nominates, technology we hand over can end up with that state. The same "
        "holds when the recipient or one of its shareholders is sanctioned or on an end-user list."
    ),
    remedy_ja=(
        "最終親会社までの株主・役員構成を確認し、影響が認められる場合は提供範囲の縮小、"
        "支配権変更時の解除条項、取引の見直しを検討してください。"
    ),
    remedy_en=(
        "Trace shareholders up to the ultimate parent and the board's nominators; where influence "
        "is confirmed, narrow what is provided, add change-of-control termination, or reconsider "
        "the relationship."
    ),
    params=[
        Param(name="max_depth", default=6, ja="資本関係をたどる最大段数", en="ownership hops followed"),
        Param(
            name="votes_threshold",
            default=50.0,
            ja="支配とみなす実質議決権・出資比率（%）",
            en="effective votes or capital % counted as control",
        ),
        Param(
            name="directors_threshold",
            default=1 / 3,
            ja="支配とみなす指名役員の割合",
            en="share of nominated directors counted as control",
        ),
        Param(
            name="minority_pct",
            default=10.0,
            ja="少数持分として報告する実質比率（%）",
            en="effective % reported as a minority stake",
        ),
        Param(
            name="listed_owner_min_pct",
            default=0.0,
            ja="制裁・リスト掲載株主を報告する最小持分（%）",
            en="least stake of a sanctioned or listed owner to report (%)",
        ),
    ],
    requires=["Organisation", "OWNS"],
    complexity="O(T * max_depth * E_a): T counterparties, E_a OWNS edges near each",
)
def foreign_government_influence(
    ctx: Context,
    *,
    max_depth: int = 6,
    votes_threshold: float = 50.0,
    directors_threshold: float = 1 / 3,
    minority_pct: float = 10.0,
    listed_owner_min_pct: float = 0.0,
) -> list[Finding]:
    """Outside organisations under foreign-government influence.

    For every organisation that receives information, partners in a
    project or is party to a contract: the effective share of votes and
    of capital held by foreign governments or parties bound to cooperate
    with state intelligence through multi-level OWNS chains (cycles
    allowed), golden shares such holders have anywhere up the chain, the
    share of directors they (or organisations they control) nominated,
    and sanctioned or end-user-listed organisations up the chain.

    Checklist: every finding names J3 (organisation due diligence on
    foreign-government influence) and, for a partner outside joint
    research, the due-diligence item of its route (S1 for suppliers,
    customers and other domestic partners, O2 for licensees, JV partners
    and recipients abroad, see :func:`dd_item`); J2 (the partner's
    country) only when a joint-research partner's finding rests on a
    country-level fact: a holder bound to cooperate with state
    intelligence because of its country's law.

    Complexity: O(T * max_depth * E_a) for T counterparties and E_a OWNS
    edges within ``max_depth`` hops above each; views are memoised.

    Examples
    --------
    >>> from graphmap.graph import build_graph
    >>> from graphmap.dataset import Dataset, check_dataset
    >>> from graphmap import model as m
    >>> ds = Dataset()
    >>> ds.add(m.Organisation(id="G", name="X国政府", kind="government", country="CN"))
    >>> ds.add(m.Organisation(id="P", name="相手先", kind="jv_partner", country="CN"))
    >>> ds.add(m.Contract(id="C", title="合弁", kind="jv", parties=["P"]))
    >>> ds.add(m.Ownership(owner="G", owned="P", votes_pct=60))
    >>> check_dataset(ds)
    []
    >>> [f.evidence.facts["kind"] for f in foreign_government_influence(Context(build_graph(ds)))]
    ['control']
    """
    meta = foreign_government_influence.meta
    findings: list[Finding] = []
    for org, cp in sorted(counterparties(ctx).items()):
        route = dd_item(ctx, org, cp)
        base_edges = sorted(cp.edges)
        graded = cp.graded
        name = ctx.name(org)
        kind_of_target = holder_kind(ctx, org)
        if kind_of_target == "foreign_government":
            findings.append(
                make_finding(
                    meta,
                    [org],
                    Severity.critical if graded else Severity.high,
                    95 if graded else 80,
                    f"外国政府機関「{name}」が情報の受領者・取引相手になっています。",
                    f"{name}, a foreign government body, receives information or is a counterparty.",
                    edges=base_edges,
                    facts={"kind": "government_counterparty", "graded": graded},
                    discriminator="government_counterparty",
                    checklist=_influence_items(ctx, route),
                )
            )
        view = ownership_view(ctx, org, max_depth=max_depth)
        share = max(view.votes, view.capital)
        holder_edges = view.holder_edges()
        holders = list(view.holders)
        facts_base = {
            "votes_pct": round(view.votes, 2),
            "capital_pct": round(view.capital, 2),
            "holders": holders,
            "graded": graded,
        }
        if share >= votes_threshold:
            findings.append(
                make_finding(
                    meta,
                    [org],
                    Severity.critical if graded else Severity.high,
                    60 + 0.4 * share,
                    (
                        f"「{name}」の実質議決権{view.votes:.1f}%・出資{view.capital:.1f}%を"
                        f"{_holder_label(ctx, holders, 'ja')}が"
                        "資本関係の連鎖を通じて保有しています。"
                    ),
                    (
                        f"{_holder_label(ctx, holders, 'en')} {_verb(holders)} effectively "
                        f"{view.votes:.1f}% of the votes and {view.capital:.1f}% of the capital "
                        f"of {name} through chains of shareholdings."
                    ),
                    nodes=holders,
                    edges=[*holder_edges, *base_edges],
                    facts={**facts_base, "kind": "control"},
                    discriminator="control",
                    checklist=_influence_items(ctx, route, holders),
                )
            )
        elif holders and (share >= minority_pct or view.unknown_holders):
            unknown = list(view.unknown_holders)
            extra_ja = "（持分比率不明の保有あり）" if unknown else ""
            extra_en = " (some stakes have no percentage on record)" if unknown else ""
            findings.append(
                make_finding(
                    meta,
                    [org],
                    Severity.medium if graded else Severity.low,
                    20 + 0.6 * share,
                    (
                        f"「{name}」には{_holder_label(ctx, holders, 'ja')}が"
                        f"実質{share:.1f}%の少数持分を有しています{extra_ja}。"
                    ),
                    (
                        f"{_holder_label(ctx, holders, 'en')} {_verb(holders)} an effective "
                        f"minority stake of {share:.1f}% in {name}{extra_en}."
                    ),
                    nodes=holders,
                    edges=[*holder_edges, *base_edges],
                    facts={**facts_base, "kind": "minority", "unknown_stakes": unknown},
                    discriminator="minority",
                    checklist=_influence_items(ctx, route, holders),
                )
            )

        # golden shares held by a holder anywhere up the chain
        golden = list(view.golden)
        if golden:
            g_edges: list[tuple[str, str, str]] = []
            for o, x in golden:
                g_edges.append((o, x, "OWNS"))
                g_edges.extend(view.chain(x))
            g_holders = sorted({o for o, _ in golden})
            findings.append(
                make_finding(
                    meta,
                    [org],
                    Severity.critical if graded else Severity.high,
                    85,
                    f"{_holder_label(ctx, g_holders, 'ja')}が「{name}」の資本系列に黄金株を保有しています。",
                    f"{_holder_label(ctx, g_holders, 'en')} {_verb(g_holders)} a golden share "
                    f"in the ownership chain of {name}.",
                    nodes=g_holders + [x for _, x in golden],
                    edges=[*dict.fromkeys(g_edges), *base_edges],
                    facts={
                        "kind": "golden_share",
                        "golden": [list(p) for p in golden],
                        "graded": graded,
                    },
                    discriminator="golden_share",
                    checklist=_influence_items(ctx, route, g_holders),
                )
            )

        # directors nominated by holders or by organisations they control
        directors = in_edge_data(ctx, org, "DIRECTOR_OF")
        if directors:
            linked: list[str] = []
            nominators: set[str] = set()
            for person, data in directors:
                nom = data.get("nominated_by")
                hit = holder_kind(ctx, person) is not None
                if nom and nom in ctx.g and nom != org:
                    if holder_kind(ctx, nom) is not None:
                        hit = True
                        nominators.add(nom)
                    elif ctx.label(nom) == "Organisation":
                        nv = ownership_view(ctx, nom, max_depth=max_depth)
                        if max(nv.votes, nv.capital) >= votes_threshold:
                            hit = True
                            nominators.add(nom)
                if hit:
                    linked.append(person)
            reps = [p for p, d in directors if d.get("representative") is True]
            linked_reps = [p for p in reps if p in linked]
            ratio = len(linked) / len(directors)
            rep_ratio = len(linked_reps) / len(reps) if reps else 0.0
            if linked and (ratio >= directors_threshold or rep_ratio >= directors_threshold):
                findings.append(
                    make_finding(
                        meta,
                        [org],
                        Severity.critical if graded else Severity.high,
                        60 + 40 * max(ratio, rep_ratio),
                        (
                            f"「{name}」の役員{len(directors)}名のうち{len(linked)}名"
                            f"（代表取締役{len(reps)}名のうち{len(linked_reps)}名）が"
                            "外国政府等またはその支配下の組織による指名、もしくは外国政府への協力義務を負う者です。"
                        ),
                        (
                            f"{len(linked)} of the {len(directors)} directors of {name} "
                            f"({len(linked_reps)} of {len(reps)} representative directors) were "
                            "nominated by a foreign government, a party bound to cooperate with "
                            "state intelligence or an organisation they control, or carry such a "
                            "duty themselves."
                        ),
                        nodes=sorted(set(linked) | nominators),
                        edges=[*((p, org, "DIRECTOR_OF") for p in linked), *base_edges],
                        facts={
                            "kind": "directors",
                            "directors": len(directors),
                            "linked": linked,
                            "nominators": sorted(nominators),
                            "ratio": round(ratio, 4),
                            "representative_ratio": round(rep_ratio, 4),
                            "graded": graded,
                        },
                        discriminator="directors",
                        checklist=_influence_items(ctx, route, [*linked, *nominators]),
                    )
                )

        # sanctions / end-user listing of the organisation or an owner up the chain
        listed = [
            n
            for n in sorted(view.stake)
            if (ctx.attr(n, "sanctioned") is True or ctx.attr(n, "end_user_listed") is True)
            and (n == org or view.stake[n] >= listed_owner_min_pct)
        ]
        if listed:
            itself = org in listed
            l_edges: list[tuple[str, str, str]] = []
            for n in listed:
                l_edges.extend(view.chain(n))
            if itself:
                msg_ja = f"「{name}」自体が制裁対象または外国ユーザーリスト掲載先です。"
                msg_en = f"{name} itself is sanctioned or on an end-user list."
            else:
                owners_text_ja = _names(ctx, listed, "ja")
                owners_text_en = _names(ctx, listed, "en")
                msg_ja = f"「{name}」の資本系列に制裁対象・外国ユーザーリスト掲載の株主（{owners_text_ja}）がいます。"
                msg_en = (
                    f"The ownership chain of {name} includes sanctioned or end-user-listed "
                    f"shareholders ({owners_text_en})."
                )
            findings.append(
                make_finding(
                    meta,
                    [org],
                    Severity.critical if itself or graded else Severity.high,
                    95 if itself else 85,
                    msg_ja,
                    msg_en,
                    nodes=listed,
                    edges=[*dict.fromkeys(l_edges), *base_edges],
                    facts={
                        "kind": "listed",
                        "listed": listed,
                        "stakes": {n: round(view.stake[n], 2) for n in listed},
                        "graded": graded,
                    },
                    discriminator="listed",
                    checklist=_influence_items(ctx, route),
                )
            )
    return findings


def _influence_items(ctx: Context, route: str, holders: Iterable[str] = ()) -> list[str]:
    """Checklist items of a foreign-influence finding on a partner whose
    due-diligence item is ``route``: J3, and the route's item for a partner
    outside joint research; J2 as well for a joint-research partner when a
    holder counts only because its country's law binds it to cooperate
    with state intelligence (a country-level fact)."""
    if route != "J3":
        return [route, "J3"]
    country_law = any(ctx.label(h) == "Organisation" and holder_kind(ctx, h) == "intelligence_duty" for h in holders)
    return ["J2", "J3"] if country_law else ["J3"]


_DD_GAPS = {
    "missing": ("デューデリジェンスの記録がありません", "has no due-diligence record"),
    "stale": ("最新のデューデリジェンスが古くなっています", "was last reviewed too long ago"),
    "rejected": ("デューデリジェンスの結果が「不可」です", "was rejected in due diligence"),
    "pending": ("デューデリジェンスが確認中のままです", "has due diligence still pending"),
}


def _dd_severity(status: str, exposed: bool) -> Severity:
    if exposed:
        return {
            "rejected": Severity.critical,
            "missing": Severity.high,
            "pending": Severity.high,
        }.get(status, Severity.medium)
    return {
        "rejected": Severity.high,
        "missing": Severity.medium,
        "pending": Severity.medium,
    }.get(status, Severity.low)


_DD_SCORE = {"rejected": 90.0, "missing": 70.0, "pending": 60.0, "stale": 40.0}


@analysis(
    id="partner_due_diligence",
    family=FAMILY,
    title_ja="相手先・参加者のデューデリジェンス不足",
    title_en="Partners and participants without due diligence",
    checklist=["S1", "O2", "J3", "J4"],
    why_ja=(
        "重要な情報を受け取る取引先・共同研究先・ライセンシーについて、組織としての信頼性"
        "（違反歴、情報管理体制、株主構成、実績）を確認していないと、流出の兆候に気づけません。"
        "共同研究の相手側参加者の個人としての確認や、外国政府への協力義務の把握も必要です。"
    ),
    why_en=(
        "Without checking a partner's track record, information management and shareholders "
        "before it receives important information, warning signs go unnoticed. Joint research "
        "also needs checks on the partner's individual participants, including any duty to a "
        "foreign government."
    ),
    remedy_ja=(
        "相手先ごとに組織のデューデリジェンスを実施・更新し、結果が「不可」「確認中」の相手への"
        "提供を止めるか条件を付けてください。相手側参加者には個人の確認を行ってください。"
    ),
    remedy_en=(
        "Run or refresh organisation due diligence for each partner; stop or condition flows "
        "to partners rejected or still pending; check the partner's named participants "
        "individually."
    ),
    params=[
        Param(
            name="max_age_days",
            default=1095,
            ja="デューデリジェンスの有効期間（日）",
            en="days a due-diligence review stays current",
        ),
    ],
    requires=["Organisation"],
    complexity="O(D + P + C + people of partners): one pass over flows, projects and contracts",
)
def partner_due_diligence(ctx: Context, *, max_age_days: int = 1095) -> list[Finding]:
    """Partners and participants whose due diligence is missing or weak.

    Organisations outside the company that receive information, partner
    in a project or are party to a contract, with no organisation-scope
    due diligence, or whose latest is older than ``max_age_days``,
    rejected or pending; outside named participants of projects with no
    current individual due diligence; partner-side people recorded with
    an obligation to a foreign government.

    Checklist: an organisation's gap names the due-diligence item of its
    route (:func:`dd_item`: S1 supply chain, O2 production transfer and
    recipients abroad, J3 joint research); individual gaps of project
    participants name J4, and so does a foreign-government obligation of
    a participant or of a joint-research partner's employee (another
    partner's employee names the partner's route item).

    Complexity: O(D + P + C + E_p): disclosures, project partners,
    contract parties and the people employed by those partners.

    Examples
    --------
    >>> import datetime as dt
    >>> from graphmap.graph import build_graph
    >>> from graphmap.dataset import Dataset, check_dataset
    >>> from graphmap import model as m
    >>> ds = Dataset()
    >>> ds.add(m.Organisation(id="P", name="相手先", kind="licensee", country="JP"))
    >>> ds.add(m.Contract(id="C", title="ライセンス", kind="licence", parties=["P"]))
    >>> check_dataset(ds)
    []
    >>> ctx = Context(build_graph(ds), dt.date(2026, 1, 1))
    >>> [(f.subjects, f.evidence.facts["gap"]) for f in partner_due_diligence(ctx)]
    [(['P'], 'missing')]
    """
    meta = partner_due_diligence.meta
    findings: list[Finding] = []
    cps = counterparties(ctx)
    for org, cp in sorted(cps.items()):
        status, dd = dd_status(ctx, org, "organisation", max_age_days)
        if status not in _DD_GAPS:
            continue
        name = ctx.name(org)
        gap_ja, gap_en = _DD_GAPS[status]
        roles = sorted(cp.roles)
        graded_ja = "重要情報を受け取る" if cp.graded else ""
        graded_en = " receiving graded information" if cp.graded else ""
        age = (ctx.as_of - ctx.attr(dd, "date")).days if dd and ctx.attr(dd, "date") else None
        edges = sorted(cp.edges)
        if dd:
            edges.append((dd, org, "ASSESSES"))
        findings.append(
            make_finding(
                meta,
                [org],
                _dd_severity(status, cp.graded),
                _DD_SCORE[status] + (10 if cp.graded else 0),
                f"{graded_ja}相手先「{name}」について、{gap_ja}。",
                f"Partner {name}{graded_en} {gap_en}.",
                nodes=[dd] if dd else [],
                edges=edges,
                facts={
                    "scope": "organisation",
                    "gap": status,
                    "latest": dd,
                    "age_days": age,
                    "roles": roles,
                    "graded": cp.graded,
                },
                discriminator=f"organisation:{status}",
                checklist=[dd_item(ctx, org, cp)],
            )
        )

    # outside named participants of projects: individual due diligence
    participants: dict[str, set[str]] = defaultdict(set)
    for person, project, _ in edges_of_type(ctx, "PARTICIPATES_IN"):
        if ctx.label(person) == "Person" and is_outside(ctx, person):
            participants[person].add(project)
    for person in sorted(participants):
        status, dd = dd_status(ctx, person, "individual", max_age_days)
        if status not in _DD_GAPS:
            continue
        projects = sorted(participants[person])
        sensitive = any(_project_graded(ctx, p) for p in projects)
        gap_ja, gap_en = _DD_GAPS[status]
        name = ctx.name(person)
        edges = [(person, p, "PARTICIPATES_IN") for p in projects]
        if dd:
            edges.append((dd, person, "ASSESSES"))
        findings.append(
            make_finding(
                meta,
                [person],
                _dd_severity(status, sensitive),
                _DD_SCORE[status] - 10 + (10 if sensitive else 0),
                (f"共同研究「{_names(ctx, projects, 'ja')}」の相手側参加者「{name}」について、個人としての{gap_ja}。"),
                (f"{name}, a partner-side participant in {_names(ctx, projects, 'en')}, {gap_en} as an individual."),
                nodes=[*projects, *([dd] if dd else [])],
                edges=edges,
                facts={
                    "scope": "individual",
                    "gap": status,
                    "latest": dd,
                    "projects": projects,
                    "graded": sensitive,
                },
                discriminator=f"individual:{status}",
                checklist=["J4"],
            )
        )

    # partner-side people with an obligation to a foreign government
    recipients: set[str] = {d.recipient for d in disclosures(ctx)}
    for org in sorted(cps):
        route = dd_item(ctx, org, cps[org])
        if route == "J3":
            route = "J4"  # a joint-research partner's people: individual due diligence
        for person in ctx.into(org, "EMPLOYED_BY"):
            if ctx.attr(person, "foreign_gov_obligation") is not True:
                continue
            involved = person in participants or person in recipients
            has_access = any(
                access_active(ctx, d) and is_graded_asset(ctx, a) for a, d in out_edge_data(ctx, person, "CAN_ACCESS")
            )
            exposed = involved or has_access
            name = ctx.name(person)
            org_name = ctx.name(org)
            findings.append(
                make_finding(
                    meta,
                    [person],
                    Severity.high if exposed else Severity.medium,
                    80 if exposed else 55,
                    f"相手先「{org_name}」の「{name}」は外国政府への協力義務を負っています。",
                    f"{name} of partner {org_name} has an obligation to a foreign government.",
                    nodes=[org],
                    edges=[(person, org, "EMPLOYED_BY")],
                    facts={
                        "scope": "individual",
                        "gap": "foreign_obligation",
                        "participant": person in participants,
                        "recipient": person in recipients,
                        "graded_access": has_access,
                    },
                    discriminator="individual:foreign_obligation",
                    checklist=["J4"] if person in participants else [route],
                )
            )
    return findings


ANALYSES: tuple[Analysis, ...] = (foreign_government_influence, partner_due_diligence)
