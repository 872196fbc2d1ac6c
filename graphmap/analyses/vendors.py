"""Analyses of the vendors family: what suppliers and equipment makers
have learnt about graded technology, and whether that was bounded.

Each analysis indexes the disclosures, contracts and equipment once per
call and then walks those indexes, so time stays linear in the graph.

What an asset describes, or a machine embodies, is read as a *detail
map*: technology -> the steps of it named explicitly.  An empty step set
means "the technology as a whole, no step detail" (a product sample, a
roadmap, an annual report); it counts towards a vendor's share of a
technology's assets but not of its steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphmap.analyses.base import Analysis, Context, Finding, Param, analysis, make_finding
from graphmap.analyses.common import (
    DisclosureView,
    disclosure_index,
    disclosures,
    is_graded_asset,
    is_outside,
    party_organisation,
    steps_of,
    technology_of_step,
)
from graphmap.analyses.common import gradings as tech_gradings
from graphmap.analyses.flows import (
    asset_rank,
    names,
    party_contracts,
    party_of,
    rank_step,
    severity_at,
    tech_rank,
)

__all__ = [
    "ANALYSES",
    "equipment_maker_restrictions",
    "sole_source_direction",
    "vendor_concentration",
]

#: technology -> explicitly named steps of it (empty: the whole technology).
Detail = Mapping[str, frozenset[str]]


def _detail(ctx: Context, node: str, etype: str, cache: dict[str, Detail]) -> Detail:
    """The detail map of an asset (``DESCRIBES``) or machine (``EMBODIES``)."""
    if node not in cache:
        out: dict[str, set[str]] = {}
        for target in ctx.out(node, etype):
            label = ctx.label(target)
            if label == "Technology":
                out.setdefault(target, set())
            elif label == "ProcessStep":
                tech = technology_of_step(ctx, target)
                if tech:
                    out.setdefault(tech, set()).add(target)
        cache[node] = {t: frozenset(s) for t, s in out.items()}
    return cache[node]


def _merge(details: list[Detail]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for d in details:
        for t, steps in d.items():
            out.setdefault(t, set()).update(steps)
    return {t: frozenset(s) for t, s in out.items()}


def _recipient_edges(ctx: Context, view: DisclosureView) -> list[tuple[str, str, str]]:
    """Edges from a disclosure to the organisation it counts for."""
    edges = [(view.id, view.recipient, "DISCLOSED_TO")]
    org = party_organisation(ctx, view.recipient)
    if org is not None and org != view.recipient:
        edges.append((view.recipient, org, "EMPLOYED_BY"))
    return edges


def _customised(ctx: Context) -> list[str]:
    return [e for e in ctx.nodes("Equipment") if ctx.attr(e, "customised") is True]


def _outside_orgs(ctx: Context, node: str, etype: str) -> list[str]:
    return [o for o in ctx.out(node, etype) if is_outside(ctx, o)]


# ----------------------------------------------------- vendor concentration


@dataclass
class _Holding:
    """What one outside organisation holds of one technology."""

    steps: set[str] = field(default_factory=set)
    assets: set[str] = field(default_factory=set)
    disclosures: set[str] = field(default_factory=set)
    spec_disclosures: set[str] = field(default_factory=set)
    equipment: set[str] = field(default_factory=set)
    edges: set[tuple[str, str, str]] = field(default_factory=set)


@analysis(
    id="vendor_concentration",
    family="vendors",
    title_ja="一社の取引先への技術情報の集中",
    title_en="One vendor holding most of a graded technology",
    checklist=["S4", "S5", "S6"],
    why_ja=(
        "一つの取引先や装置メーカーに工程の大半や装置仕様が集まると、その一社から技術の全体像が"
        "流出し得ます。複数社への分散や提供範囲の限定が必要です。"
    ),
    why_en=(
        "When one supplier or equipment maker learns most of a technology's steps or holds the "
        "specs of its customised machines, the whole picture can leak through that one firm; "
        "split what each vendor sees."
    ),
    remedy_ja=(
        "提供範囲を工程単位に絞り、複数の取引先に分散してください。装置のカスタマイズは可能な限り社内で行ってください。"
    ),
    remedy_en=(
        "Limit disclosures to the steps each vendor needs, dual-source, and customise "
        "equipment in-house where possible."
    ),
    params=[
        Param(
            name="share_threshold",
            default=0.5,
            ja="集中とみなす工程・資産の割合",
            en="share of steps or assets that counts as concentration",
        ),
        Param(
            name="critical_share",
            default=0.8,
            ja="重大とみなす割合（コア・安全保障技術）",
            en="share that makes it critical for core or security technology",
        ),
        Param(
            name="min_assets",
            default=2,
            ja="資産の割合を評価する最小の資産数",
            en="fewest non-public assets a technology needs for the asset share to count",
        ),
    ],
    requires=["Technology", "DISCLOSED_TO"],
    complexity="O(D·a + E + A) for D disclosures of a assets, E machines, A assets",
)
def vendor_concentration(
    ctx: Context,
    *,
    share_threshold: float = 0.5,
    critical_share: float = 0.8,
    min_assets: int = 2,
) -> list[Finding]:
    """Outside organisations that hold more than ``share_threshold`` of a
    graded technology's steps or of its non-public assets, or that made
    customised equipment for it / received its equipment specifications.

    Disclosures to a person count for their employer (people with no
    employer on record are left to the flows family).  Public assets count
    for nothing.  Steps held are those the received assets name and those
    the organisation's customised machines embody; the asset share counts
    only when the technology has at least ``min_assets`` non-public
    assets.  Severity follows the technology's grading (core and security
    high, critical from ``critical_share``; economic security medium; to
    acquire low).

    Checklist: S6 when the organisation made customised equipment for
    the technology or received its equipment specifications (what
    equipment makers receive); otherwise S5 for a customer (know-how and
    process conditions given to customers) and S4 for anyone else (what
    suppliers and other vendors receive).

    Complexity: O(D·a + E + A): one pass over disclosures, customised
    equipment and assets.

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> vendor_concentration(Context(nx.MultiDiGraph()))
    []
    """
    meta = vendor_concentration.meta
    cache: dict[str, Detail] = {}
    holdings: dict[tuple[str, str], _Holding] = {}
    # per recipient and per asset, worked out once: a few thousand of each
    # lie behind hundreds of thousands of disclosures
    holder: dict[str, str | None] = {}  # the outside organisation it counts for
    graded_detail: dict[str, tuple[bool, list[tuple[str, frozenset[str]]]]] = {}
    for view in disclosures(ctx):
        if view.recipient in holder:
            party = holder[view.recipient]
        else:
            org = party_of(ctx, view.recipient) if is_outside(ctx, view.recipient) else None
            party = holder[view.recipient] = org if org is not None and ctx.label(org) == "Organisation" else None
        if party is None:
            continue
        for a in view.assets:
            known = graded_detail.get(a)
            if known is None:
                public = ctx.attr(a, "secrecy") == "public"
                known = graded_detail[a] = (
                    ctx.attr(a, "form") == "equipment_spec",
                    []
                    if public
                    else [(t, st) for t, st in _detail(ctx, a, "DESCRIBES", cache).items() if tech_gradings(ctx, t)],
                )
            spec, graded = known
            for t, steps in graded:
                h = holdings.get((party, t))
                if h is None:  # (setdefault would build a holding per call)
                    h = holdings[(party, t)] = _Holding()
                h.assets.add(a)
                h.disclosures.add(view.id)
                h.steps |= steps
                if spec:
                    h.spec_disclosures.add(view.id)
                # the disclosure's edges are drawn only for a holding
                # reported (see below): most holdings are not
    for e in _customised(ctx):
        makers = _outside_orgs(ctx, e, "MADE_BY")
        if not makers:
            continue
        for t, steps in sorted(_detail(ctx, e, "EMBODIES", cache).items()):
            if not tech_gradings(ctx, t):
                continue
            for mk in makers:
                h = holdings.get((mk, t))
                if h is None:
                    h = holdings[(mk, t)] = _Holding()
                h.equipment.add(e)
                h.steps |= steps
                h.edges.add((e, mk, "MADE_BY"))
                h.edges.update((e, x, "EMBODIES") for x in ctx.out(e, "EMBODIES") if x == t or x in steps)
    if not holdings:
        return []
    tech_assets: dict[str, int] = {}
    for a in ctx.nodes("InformationAsset"):
        if ctx.attr(a, "secrecy") == "public":
            continue
        for t in _detail(ctx, a, "DESCRIBES", cache):
            tech_assets[t] = tech_assets.get(t, 0) + 1

    out: list[Finding] = []
    for (party, t), h in sorted(holdings.items()):
        total_steps = len(steps_of(ctx, t))
        total_assets = tech_assets.get(t, 0)
        step_share = len(h.steps) / total_steps if total_steps else 0.0
        asset_share = len(h.assets) / total_assets if total_assets >= max(1, min_assets) else 0.0
        share = max(step_share, asset_share)
        by_share = share > share_threshold
        by_equipment = bool(h.equipment or h.spec_disclosures)
        if not (by_share or by_equipment):
            continue
        rank = tech_rank(ctx, t)
        step = {3: 2, 2: 1}.get(rank, 0)
        if share >= critical_share:
            step += 1
        reasons_ja = [f"工程{len(h.steps)}/{total_steps}、非公開の情報資産{len(h.assets)}/{total_assets}を保有"]
        reasons_en = [
            f"holds {len(h.steps)} of {total_steps} steps and {len(h.assets)} of {total_assets} non-public assets"
        ]
        if h.equipment:
            reasons_ja.append(f"カスタマイズ装置{names(ctx, sorted(h.equipment), 'ja')}を製造")
            reasons_en.append(f"built the customised {names(ctx, sorted(h.equipment), 'en')}")
        if h.spec_disclosures:
            reasons_ja.append(f"装置仕様の提供{len(h.spec_disclosures)}件を受領")
            reasons_en.append(f"received {len(h.spec_disclosures)} equipment-spec disclosures")
        for d in h.disclosures:
            view = disclosure_index(ctx)[d]
            h.edges.update(_recipient_edges(ctx, view))
            h.edges.update((d, a, "USED") for a in view.assets if any(x == t for x, _ in graded_detail[a][1]))
        who = ctx.name(party)
        out.append(
            make_finding(
                meta,
                [party, t],
                severity_at(step),
                25 + 10 * rank + 40 * share + (5 if by_equipment else 0),
                f"{who}に技術「{ctx.name(t)}」の情報が集中しています（" + "、".join(reasons_ja) + "）。",
                f"{who} concentrates knowledge of the technology '{ctx.name(t)}': " + "; ".join(reasons_en) + ".",
                nodes=[
                    *sorted(h.disclosures),
                    *sorted(h.assets),
                    *sorted(h.equipment),
                    *sorted(h.steps),
                ],
                edges=sorted(h.edges),
                facts={
                    "grading": tech_gradings(ctx, t),
                    "step_share": round(step_share, 4),
                    "asset_share": round(asset_share, 4),
                    "steps_held": sorted(h.steps),
                    "steps_total": total_steps,
                    "assets_held": sorted(h.assets),
                    "assets_total": total_assets,
                    "disclosures": sorted(h.disclosures),
                    "spec_disclosures": sorted(h.spec_disclosures),
                    "equipment": sorted(h.equipment),
                },
                checklist=[_concentration_item(ctx, party, by_equipment)],
            )
        )
    return out


def _concentration_item(ctx: Context, party: str, by_equipment: bool) -> str:
    if by_equipment:
        return "S6"
    return "S5" if ctx.attr(party, "kind") == "customer" else "S4"


# ---------------------------------------------------- sole-source direction


@analysis(
    id="sole_source_direction",
    family="vendors",
    title_ja="唯一の仕入先への重要情報・開発方針の提供",
    title_en="Graded information given to a sole-source supplier",
    checklist=["S4"],
    why_ja=(
        "唯一の調達先に開発の方向性や工程情報を伝えると、代替が利かないまま相手に知見が蓄積します。"
        "競合他社とも取引している場合、その知見が競合に渡るおそれがあります。"
    ),
    why_en=(
        "Telling the only source of a material where development is heading builds up knowledge "
        "we cannot take back; when the supplier also serves competitors, it may reach them."
    ),
    remedy_ja=("仕入先へは必要な仕様だけを伝え、開発方針は開示しないでください。代替調達先の確保を検討してください。"),
    remedy_en=(
        "Give the supplier only the specification it needs, keep development direction "
        "in-house, and work on a second source."
    ),
    params=[],
    requires=["Organisation", "DISCLOSED_TO"],
    complexity="O(D·a + N) for D disclosures of a assets and N organisations",
)
def sole_source_direction(ctx: Context) -> list[Finding]:
    """Sole-source suppliers that received graded information, directly or
    through their people.

    High for core/security information, medium otherwise; one step more
    when the supplier also serves competitors.

    Checklist: S4.

    Complexity: O(D·a + N).

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> sole_source_direction(Context(nx.MultiDiGraph()))
    []
    """
    meta = sole_source_direction.meta
    sole = {o for o in ctx.nodes("Organisation") if ctx.attr(o, "sole_source") is True}
    if not sole:
        return []
    received: dict[str, list[tuple[DisclosureView, list[str]]]] = {}
    for view in disclosures(ctx):
        org = party_organisation(ctx, view.recipient)
        if org not in sole or not is_outside(ctx, org):
            continue
        graded = [a for a in view.assets if is_graded_asset(ctx, a)]
        if graded:
            received.setdefault(org, []).append((view, graded))
    out: list[Finding] = []
    for org in sorted(received):
        items = received[org]
        assets = sorted({a for _, g in items for a in g})
        rank = max(asset_rank(ctx, a) for a in assets)
        competitors = ctx.attr(org, "serves_competitors")
        step = rank_step(rank) + (1 if competitors is True else 0)
        edges: list[tuple[str, str, str]] = []
        for view, graded in items:
            edges.extend(_recipient_edges(ctx, view))
            edges.extend((view.id, a, "USED") for a in graded)
        if competitors is True:
            tail_ja = "この仕入先は競合他社とも取引しています。"
            tail_en = " It also supplies competitors."
        elif competitors is None:
            tail_ja = "競合他社との取引の有無は記録されていません。"
            tail_en = " Whether it also supplies competitors is not recorded."
        else:
            tail_ja = ""
            tail_en = ""
        who = ctx.name(org)
        out.append(
            make_finding(
                meta,
                [org],
                severity_at(step),
                35 + 10 * rank + (20 if competitors is True else 0) + min(10, len(items)),
                f"唯一の調達先である{who}に、重要情報{names(ctx, assets, 'ja')}が"
                f"{len(items)}件の提供で渡っています。{tail_ja}",
                f"{who}, our sole source, received graded information ({names(ctx, assets, 'en')}) "
                f"in {len(items)} disclosures.{tail_en}",
                nodes=[*(v.id for v, _ in items), *assets],
                edges=sorted(set(edges)),
                facts={
                    "disclosures": [v.id for v, _ in items],
                    "assets": assets,
                    "serves_competitors": competitors,
                    "kind": ctx.attr(org, "kind"),
                    "rank": rank,
                },
            )
        )
    return out


# ------------------------------------------- equipment-maker restrictions


@analysis(
    id="equipment_maker_restrictions",
    family="vendors",
    title_ja="装置メーカーへの仕様提供と保守時の管理",
    title_en="Equipment makers' use of our specs, and maintenance hand-overs",
    checklist=["S6"],
    why_ja=(
        "カスタマイズ装置の仕様を受け取ったメーカーが、目的外に利用して競合へ同じ装置を販売する"
        "事例があります。修理に出す際にカスタマイズ部分を戻さないと、保守業者にノウハウが渡ります。"
    ),
    why_en=(
        "Makers given the specs of a customised machine have reused them for competitors' "
        "machines; equipment sent out for repair with its customisation in place hands the "
        "know-how to whoever services it."
    ),
    remedy_ja=(
        "装置メーカーとの契約に目的外使用禁止（特許出願の制限を含む）を定めてください。"
        "修理・保守に出す前にカタログ仕様へ戻す手順を定めて記録してください。"
    ),
    remedy_en=(
        "Bind equipment makers to purpose limitation (including patent filings) by contract, "
        "and restore catalogue spec before any outside repair, with a record of it."
    ),
    params=[],
    requires=["Equipment", "MADE_BY"],
    complexity="O(E + D·a·m + C) for E machines, D disclosures of a assets, m machines per technology, C contracts",
)
def equipment_maker_restrictions(ctx: Context) -> list[Finding]:
    """Customised equipment whose outside maker received the specs without
    a purpose-limitation clause, and customised equipment handed to an
    outside party for maintenance without its catalogue spec restored.

    A disclosure concerns a machine when what its assets describe overlaps
    what the machine embodies (a shared step, or a shared technology named
    as a whole); an equipment specification that describes nothing in
    particular concerns every machine of the maker it went to.

    ``purpose``: the maker's disclosures concerning the machine went with
    no contract, a contract the maker is not party to, or one whose
    ``purpose_limitation`` is not true; with none on record, none of the
    maker's contracts carries purpose limitation.
    ``maintenance``: an outside maintainer (``MAINTAINED_BY``), or the
    recipient of a maintenance-channel disclosure concerning the machine
    (attributed to the machines it maintains, else those it made, else all
    it concerns), while ``spec_restored_for_repair`` is not true.

    Checklist: S6.

    Complexity: O(E + D·a·m + C).

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> equipment_maker_restrictions(Context(nx.MultiDiGraph()))
    []
    """
    meta = equipment_maker_restrictions.meta
    machines = _customised(ctx)
    if not machines:
        return []
    cache: dict[str, Detail] = {}
    makers_of = {e: _outside_orgs(ctx, e, "MADE_BY") for e in machines}
    keepers_of = {e: _outside_orgs(ctx, e, "MAINTAINED_BY") for e in machines}
    # Machines by technology, by technology named as a whole, and by step,
    # so the machines a disclosure concerns are looked up, not searched.
    by_tech: dict[str, list[str]] = {}
    by_whole: dict[str, list[str]] = {}
    by_step: dict[str, list[str]] = {}
    by_maker: dict[str, list[str]] = {}
    for e in machines:
        for t, steps in _detail(ctx, e, "EMBODIES", cache).items():
            by_tech.setdefault(t, []).append(e)
            if not steps:
                by_whole.setdefault(t, []).append(e)
            for st in steps:
                by_step.setdefault(st, []).append(e)
        for mk in makers_of[e]:
            by_maker.setdefault(mk, []).append(e)
    by_party = party_contracts(ctx)

    def concerning(vdet: Detail) -> list[str]:
        found: set[str] = set()
        for t, steps in vdet.items():
            if not steps:
                found.update(by_tech.get(t, ()))
                continue
            found.update(by_whole.get(t, ()))
            for st in steps:
                found.update(by_step.get(st, ()))
        return sorted(found)

    spec_views: dict[tuple[str, str], list[DisclosureView]] = {}
    maint_views: dict[str, list[DisclosureView]] = {}
    for view in disclosures(ctx):
        maintenance = view.attrs.get("channel") == "maintenance"
        party = party_of(ctx, view.recipient)
        if not (maintenance or party in by_maker) or not is_outside(ctx, view.recipient):
            continue
        details = [_detail(ctx, a, "DESCRIBES", cache) for a in view.assets]
        concerned = concerning(_merge(details))
        generic = any(
            ctx.attr(a, "form") == "equipment_spec" and not d for a, d in zip(view.assets, details, strict=True)
        )
        to_maker = {e for e in concerned if party in makers_of[e]}
        if generic:
            to_maker.update(by_maker.get(party, []))
        for e in sorted(to_maker):
            spec_views.setdefault((party, e), []).append(view)
        if maintenance:
            kept = [e for e in concerned if party in keepers_of[e]]
            made = [e for e in concerned if party in makers_of[e]]
            for e in kept or made or concerned:
                maint_views.setdefault(e, []).append(view)

    out: list[Finding] = []
    for e in machines:
        techs = sorted(cache[e])
        rank = max((tech_rank(ctx, t) for t in techs), default=0)
        base = rank_step(rank)
        for mk in makers_of[e]:
            specs = spec_views.get((mk, e), [])
            finding = _purpose_gap(ctx, e, mk, specs, by_party.get(mk, []), base, rank)
            if finding is not None:
                out.append(finding)
        restored = ctx.attr(e, "spec_restored_for_repair")
        if restored is True:
            continue
        handlers: dict[str, list[DisclosureView]] = {mt: [] for mt in keepers_of[e]}
        for v in maint_views.get(e, []):
            handlers.setdefault(party_of(ctx, v.recipient), []).append(v)
        for party in sorted(handlers):
            views = handlers[party]
            step = base - (1 if restored is None else 0)
            edges: list[tuple[str, str, str]] = []
            if party in keepers_of[e]:
                edges.append((e, party, "MAINTAINED_BY"))
            for v in views:
                edges.extend(_recipient_edges(ctx, v))
                edges.extend((v.id, a, "USED") for a in v.assets)
            state_ja = "戻されていません" if restored is False else "戻した記録がありません"
            state_en = "was not restored" if restored is False else "has no record of being restored"
            who = ctx.name(party)
            out.append(
                make_finding(
                    meta,
                    [e, party],
                    severity_at(step),
                    30 + 10 * rank + (10 if restored is False else 0),
                    f"カスタマイズ装置「{ctx.name(e)}」は{who}の保守を受けていますが、カタログ仕様に{state_ja}。",
                    f"The customised machine '{ctx.name(e)}' is serviced by {who}, but its catalogue spec {state_en}.",
                    nodes=[*(v.id for v in views), *techs],
                    edges=sorted(set(edges)),
                    facts={
                        "spec_restored_for_repair": restored,
                        "maintainer_is_maker": party in makers_of[e],
                        "maintenance_disclosures": [v.id for v in views],
                        "technologies": techs,
                        "rank": rank,
                    },
                    discriminator="maintenance",
                )
            )
    return out


def _purpose_gap(
    ctx: Context,
    equipment: str,
    maker: str,
    specs: list[DisclosureView],
    contracts: list[str],
    base: int,
    rank: int,
) -> Finding | None:
    meta = equipment_maker_restrictions.meta
    facts: dict[str, Any] = {"maker": maker, "rank": rank}
    edges: list[tuple[str, str, str]] = [(equipment, maker, "MADE_BY")]
    if specs:
        bad: list[DisclosureView] = []
        missing = False
        for v in specs:
            c = v.contract
            pl = ctx.attr(c, "purpose_limitation") if c else None
            if c is None or maker not in ctx.out(c, "PARTY") or pl is False:
                bad.append(v)
                missing = True
            elif pl is not True:
                bad.append(v)
        if not bad:
            return None
        facts["spec_disclosures"] = [v.id for v in bad]
        facts["contracts"] = sorted({v.contract for v in bad if v.contract})
        for v in bad:
            edges.extend(_recipient_edges(ctx, v))
            edges.extend((v.id, a, "USED") for a in v.assets)
            if v.contract:
                edges.append((v.id, v.contract, "UNDER_CONTRACT"))
        nodes = [*(v.id for v in bad), *facts["contracts"]]
    else:
        values = [ctx.attr(c, "purpose_limitation") for c in contracts]
        if any(v is True for v in values):
            return None
        missing = not contracts or any(v is False for v in values)
        facts["spec_disclosures"] = []
        facts["contracts"] = sorted(contracts)
        nodes = list(facts["contracts"])
    facts["state"] = "missing" if missing else "unrecorded"
    step = base - (0 if missing else 1)
    who = ctx.name(maker)
    if missing and not facts["contracts"]:
        state_ja = "目的外使用を禁じる契約がありません"
        state_en = "no contract bars using them for other purposes"
    elif missing:
        state_ja = "契約に目的外使用の禁止がありません"
        state_en = "the contract does not bar using them for other purposes"
    else:
        state_ja = "契約に目的外使用禁止が定められているか記録されていません"
        state_en = "whether a contract bars other uses is not recorded"
    return make_finding(
        meta,
        [equipment, maker],
        severity_at(step),
        35 + 10 * rank + (10 if missing else 0),
        f"{who}はカスタマイズ装置「{ctx.name(equipment)}」の仕様を知り得ますが、{state_ja}。",
        f"{who} knows the specs of the customised machine '{ctx.name(equipment)}', but {state_en}.",
        nodes=nodes,
        edges=sorted(set(edges)),
        facts=facts,
        discriminator="purpose",
    )


ANALYSES: tuple[Analysis, ...] = (
    vendor_concentration,
    sole_source_direction,
    equipment_maker_restrictions,
)
