"""Analyses of the overseas family: production sites and partners abroad
(host-country laws, transfers of core technology, equipment left at
overseas sites, access kept through a withdrawal)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graphmap.analyses.base import (
    Analysis,
    Context,
    Finding,
    Severity,
    analysis,
    make_finding,
)
from graphmap.analyses.common import (
    INTERNAL_KINDS,
    country_of,
    disclosures,
    gradings,
    is_graded_asset,
    is_outside,
    party_organisation,
    technology_of_step,
)
from graphmap.analyses.ownership import (
    access_active,
    country_name,
    country_reviewed,
    out_edge_data,
    risky_laws,
    technology_gradings_of_asset,
)
from graphmap.resources import HOME_COUNTRY

__all__ = [
    "ANALYSES",
    "overseas_equipment",
    "overseas_site_risks",
    "withdrawal_access",
]

FAMILY = "overseas"

_LAW_LABELS = {
    "government_access_law": ("政府によるデータアクセス法", "government data-access law"),
    "intelligence_cooperation_law": ("情報活動への協力義務法", "intelligence-cooperation law"),
    "first_filing_rule": ("第一国出願義務", "first-filing rule"),
}

#: Contract kinds that transfer technology to run abroad (production
#: transfer proper: licensing, joint ventures, contract manufacturing).
_TRANSFER_KINDS = frozenset({"licence", "jv", "manufacturing"})


def _laws_text(laws: list[str], lang: str) -> str:
    i = 0 if lang == "ja" else 1
    return ("、" if lang == "ja" else ", ").join(_LAW_LABELS[law][i] for law in laws)


def _list(ctx: Context, nodes: list[str], lang: str, limit: int = 5) -> str:
    shown = [country_name(ctx, n, lang) for n in nodes[:limit]]
    text = ("、" if lang == "ja" else ", ").join(shown)
    rest = len(nodes) - len(shown)
    if rest > 0:
        text += f" ほか{rest}件" if lang == "ja" else f" and {rest} more"
    return text


def _core_asset(ctx: Context, asset: str) -> bool:
    """A non-public asset describing a core technology."""
    return ctx.attr(asset, "secrecy") != "public" and "core" in technology_gradings_of_asset(ctx, asset)


def _is_abroad(country: str | None) -> bool:
    return country is not None and country != HOME_COUNTRY


def _embodied_gradings(ctx: Context, equipment: str) -> tuple[list[str], set[str]]:
    """Technologies an equipment embodies (directly or through a step)
    and the union of their gradings."""
    techs: set[str] = set()
    for target in ctx.out(equipment, "EMBODIES"):
        label = ctx.label(target)
        if label == "Technology":
            techs.add(target)
        elif label == "ProcessStep":
            tech = technology_of_step(ctx, target)
            if tech:
                techs.add(tech)
    grades: set[str] = set()
    for t in techs:
        grades.update(gradings(ctx, t))
    return sorted(techs), grades


def _graded_access(ctx: Context, person: str) -> list[str]:
    """Graded assets the person can reach on as-of (active CAN_ACCESS)."""
    return sorted(
        a for a, d in out_edge_data(ctx, person, "CAN_ACCESS") if access_active(ctx, d) and is_graded_asset(ctx, a)
    )


@dataclass
class _Exposure:
    graded: bool = False
    core: bool = False
    nodes: set[str] = field(default_factory=set)
    edges: set[tuple[str, str, str]] = field(default_factory=set)


def _site_exposure(ctx: Context, site: str) -> _Exposure:
    """What graded technology sits at a site: equipment embodying it,
    graded assets kept there, people working there with graded access."""
    ex = _Exposure()
    for eq in ctx.into(site, "INSTALLED_AT"):
        _, grades = _embodied_gradings(ctx, eq)
        if grades:
            ex.graded = True
            ex.core = ex.core or "core" in grades
            ex.nodes.add(eq)
            ex.edges.add((eq, site, "INSTALLED_AT"))
    for asset in ctx.into(site, "KEPT_AT"):
        if is_graded_asset(ctx, asset):
            ex.graded = True
            ex.core = ex.core or _core_asset(ctx, asset)
            ex.nodes.add(asset)
            ex.edges.add((asset, site, "KEPT_AT"))
    for person in ctx.into(site, "WORKS_AT"):
        assets = _graded_access(ctx, person)
        if assets:
            ex.graded = True
            ex.core = ex.core or any(_core_asset(ctx, a) for a in assets)
            ex.nodes.add(person)
            ex.edges.add((person, site, "WORKS_AT"))
    return ex


@analysis(
    id="overseas_site_risks",
    family=FAMILY,
    title_ja="海外拠点・海外提供先の法制度リスクとコア技術の移転",
    title_en="Host-country law risks abroad and transfers of core technology",
    checklist=["O1", "O3"],
    why_ja=(
        "政府によるデータへのアクセス、情報活動への協力義務、第一国出願義務などを定める国に"
        "拠点や提供先があると、契約では防げない形で技術が現地政府に渡り得ます。"
        "国の審査をしないまま進出・提供している場合や、コア技術を海外へ移転するのに"
        "取締役会・株主などへの事前説明をしていない場合も危険です。"
    ),
    why_en=(
        "Where a host country can compel access to data, oblige cooperation with its "
        "intelligence services or require inventions to be filed there first, technology at a "
        "site or with a recipient there can reach that state in ways no contract prevents. "
        "Going there without a country review, or moving core technology abroad without "
        "briefing the board and other stakeholders, adds to the risk."
    ),
    remedy_ja=(
        "進出先・提供先の国ごとに法制度を確認して記録し、必要に応じて提供範囲や保管場所を"
        "見直してください。コア技術の海外移転は事前にステークホルダーへ説明し、記録してください。"
    ),
    remedy_en=(
        "Review and record each host or recipient country's laws and adjust what is provided "
        "or kept there; brief stakeholders before core technology moves abroad and record it."
    ),
    params=[],
    requires=["Site", "Country"],
    complexity="O(S + D + C + E): sites, disclosures, contracts and their local edges",
)
def overseas_site_risks(ctx: Context) -> list[Finding]:
    """Sites and recipients abroad in risky or unreviewed countries, and
    transfers of core technology abroad without a stakeholder briefing.

    Sites outside the home country, and organisations abroad receiving
    disclosures, whose country has a government-access,
    intelligence-cooperation or first-filing law recorded as "yes"
    (``laws``) or has no country review (``unreviewed``); disclosures of
    assets describing core technology to an organisation abroad, and
    licence / JV contracts with a party abroad covering core technology,
    whose contract does not record that stakeholders were briefed
    (``transfer``; ``transfer_uncontracted`` with no contract at all).

    Checklist: O1 (``laws``, ``unreviewed``), O3 (``transfer``,
    ``transfer_uncontracted``).

    Complexity: O(S + D + C + E_l): sites, disclosures, contracts and the
    edges incident to them.

    Examples
    --------
    >>> import datetime as dt
    >>> from graphmap.graph import build_graph
    >>> from graphmap.dataset import Dataset, check_dataset
    >>> from graphmap import model as m
    >>> ds = Dataset()
    >>> ds.add(m.Country(id="CN", government_access_law="yes"))
    >>> ds.add(m.Site(id="S", name="上海工場", country="CN"))
    >>> check_dataset(ds)
    []
    >>> ctx = Context(build_graph(ds), dt.date(2026, 1, 1))
    >>> [(f.subjects, f.evidence.facts["kind"]) for f in overseas_site_risks(ctx)]
    [(['S'], 'laws')]
    """
    meta = overseas_site_risks.meta
    findings: list[Finding] = []

    def law_finding(
        subject: str,
        country: str,
        graded: bool,
        core: bool,
        what_ja: str,
        what_en: str,
        edges: list[tuple[str, str, str]],
        nodes: list[str],
        prefix: str,
    ) -> Finding | None:
        laws = risky_laws(ctx, country)
        reviewed = country_reviewed(ctx, country)
        cja, cen = country_name(ctx, country, "ja"), country_name(ctx, country, "en")
        graded_ja = "（重要技術あり）" if graded else ""
        graded_en = " (graded technology involved)" if graded else ""
        if laws:
            if graded and core and not reviewed:
                sev = Severity.critical
            elif graded:
                sev = Severity.high
            else:
                sev = Severity.medium
            review_ja = "国別の審査記録もありません。" if not reviewed else ""
            review_en = " No country review is on record." if not reviewed else ""
            return make_finding(
                meta,
                [subject],
                sev,
                50 + 10 * len(laws) + (15 if graded else 0) + (10 if not reviewed else 0),
                (f"{what_ja}{graded_ja}の所在国「{cja}」には{_laws_text(laws, 'ja')}があります。{review_ja}"),
                (f"{what_en}{graded_en} is in {cen}, which has a {_laws_text(laws, 'en')}.{review_en}"),
                nodes=[country, *nodes],
                edges=edges,
                facts={
                    "kind": f"{prefix}laws",
                    "country": country,
                    "laws": laws,
                    "reviewed": reviewed,
                    "graded": graded,
                    "core": core,
                },
                discriminator=f"{prefix}laws",
                checklist=["O1"],
            )
        if not reviewed:
            return make_finding(
                meta,
                [subject],
                Severity.medium if graded else Severity.low,
                35 + (20 if graded else 0),
                f"{what_ja}{graded_ja}の所在国「{cja}」について法制度の審査記録がありません。",
                f"{what_en}{graded_en} is in {cen}, whose laws have not been reviewed.",
                nodes=[country, *nodes],
                edges=edges,
                facts={
                    "kind": f"{prefix}unreviewed",
                    "country": country,
                    "laws": [],
                    "reviewed": False,
                    "graded": graded,
                    "core": core,
                },
                discriminator=f"{prefix}unreviewed",
                checklist=["O1"],
            )
        return None

    # sites abroad
    for site in ctx.nodes("Site"):
        country = country_of(ctx, site)
        if country is None or not _is_abroad(country):
            continue
        ex = _site_exposure(ctx, site)
        name = ctx.name(site)
        f = law_finding(
            site,
            country,
            ex.graded,
            ex.core,
            f"拠点「{name}」",
            f"Site {name}",
            [(site, country, "LOCATED_IN"), *sorted(ex.edges)],
            sorted(ex.nodes),
            "",
        )
        if f:
            findings.append(f)

    # flows to organisations (or unaffiliated people) abroad
    flows: dict[str, list[str]] = defaultdict(list)
    flow_edges: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    graded_to: dict[str, bool] = defaultdict(bool)
    core_to: dict[str, bool] = defaultdict(bool)
    core_flows: list[tuple[str, str, str | None]] = []  # (disclosure, party, contract)
    core_edges: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for d in disclosures(ctx):
        party = party_organisation(ctx, d.recipient) or d.recipient
        if not _is_abroad(country_of(ctx, party)):
            continue
        flows[party].append(d.id)
        flow_edges[party].add((d.id, d.recipient, "DISCLOSED_TO"))
        if d.recipient != party:
            flow_edges[party].add((d.recipient, party, "EMPLOYED_BY"))
        graded = any(is_graded_asset(ctx, a) for a in d.assets)
        core = any(_core_asset(ctx, a) for a in d.assets)
        graded_to[party] = graded_to[party] or graded
        core_to[party] = core_to[party] or core
        if core:
            core_flows.append((d.id, party, d.contract))
            if d.recipient != party:
                core_edges[party].add((d.recipient, party, "EMPLOYED_BY"))
            core_edges[party].add((d.id, d.recipient, "DISCLOSED_TO"))
    for party in sorted(flows):
        country = country_of(ctx, party)
        assert country is not None
        name = ctx.name(party)
        f = law_finding(
            party,
            country,
            graded_to[party],
            core_to[party],
            f"情報の提供先「{name}」",
            f"Recipient {name}",
            [(party, country, "LOCATED_IN"), *sorted(flow_edges[party])],
            flows[party],
            "flow_",
        )
        if f:
            findings.append(f)

    # transfers of core technology abroad
    by_contract: dict[str, dict[str, set[str]]] = defaultdict(
        lambda: {"disclosures": set(), "parties": set(), "covered": set()}
    )
    uncontracted: dict[str, list[str]] = defaultdict(list)
    for did, party, contract in core_flows:
        if contract is None:
            uncontracted[party].append(did)
        else:
            by_contract[contract]["disclosures"].add(did)
            by_contract[contract]["parties"].add(party)
    for contract in ctx.nodes("Contract"):
        if ctx.attr(contract, "kind") not in _TRANSFER_KINDS:
            continue
        abroad = [p for p in ctx.out(contract, "PARTY") if _is_abroad(country_of(ctx, p))]
        if not abroad:
            continue
        covered = []
        for target in ctx.out(contract, "COVERS"):
            label = ctx.label(target)
            if (label == "Technology" and "core" in gradings(ctx, target)) or (
                label == "InformationAsset" and _core_asset(ctx, target)
            ):
                covered.append(target)
        if covered:
            by_contract[contract]["parties"].update(abroad)
            by_contract[contract]["covered"].update(covered)
    for contract in sorted(by_contract):
        if ctx.attr(contract, "stakeholders_briefed") is True:
            continue
        info = by_contract[contract]
        parties = sorted(info["parties"])
        countries = sorted({c for p in parties if (c := country_of(ctx, p))})
        risky = any(risky_laws(ctx, c) for c in countries)
        transfer_kind = ctx.attr(contract, "kind") in _TRANSFER_KINDS
        if transfer_kind:
            sev = Severity.critical if risky else Severity.high
        else:
            sev = Severity.high if risky else Severity.medium
        title = ctx.name(contract)
        edges = [(contract, p, "PARTY") for p in parties if ctx.g.has_edge(contract, p, "PARTY")]
        edges += [(contract, t, "COVERS") for t in sorted(info["covered"])]
        edges += [(d, contract, "UNDER_CONTRACT") for d in sorted(info["disclosures"])]
        findings.append(
            make_finding(
                meta,
                [contract],
                sev,
                (70 if transfer_kind else 45) + (20 if risky else 0),
                (
                    f"契約「{title}」のもとでコア技術が海外の「{_list(ctx, parties, 'ja')}」へ"
                    "移転されていますが、ステークホルダーへの事前説明が記録されていません。"
                ),
                (
                    f"Core technology moves abroad to {_list(ctx, parties, 'en')} under "
                    f"{title}, with no record that stakeholders were briefed beforehand."
                ),
                nodes=[
                    *parties,
                    *countries,
                    *sorted(info["covered"]),
                    *sorted(info["disclosures"]),
                ],
                edges=edges,
                facts={
                    "kind": "transfer",
                    "parties": parties,
                    "countries": countries,
                    "disclosures": sorted(info["disclosures"]),
                    "covered": sorted(info["covered"]),
                    "stakeholders_briefed": ctx.attr(contract, "stakeholders_briefed"),
                    "contract_kind": ctx.attr(contract, "kind"),
                    "risky_laws": risky,
                },
                discriminator="transfer",
                checklist=["O3"],
            )
        )
    for party in sorted(uncontracted):
        dids = sorted(uncontracted[party])
        country = country_of(ctx, party)
        risky = bool(country and risky_laws(ctx, country))
        name = ctx.name(party)
        findings.append(
            make_finding(
                meta,
                [party],
                Severity.high if risky else Severity.medium,
                65 if risky else 45,
                (
                    f"海外の「{name}」へコア技術を含む情報が契約なしで提供されており、"
                    "ステークホルダーへの事前説明も記録されていません。"
                ),
                (
                    f"Information carrying core technology went to {name} abroad without a "
                    "contract and with no record that stakeholders were briefed."
                ),
                nodes=[*([country] if country else []), *dids],
                edges=sorted(core_edges[party]),
                facts={
                    "kind": "transfer_uncontracted",
                    "country": country,
                    "disclosures": dids,
                    "risky_laws": risky,
                },
                discriminator="transfer_uncontracted",
                checklist=["O3"],
            )
        )
    return findings


@analysis(
    id="overseas_equipment",
    family=FAMILY,
    title_ja="海外拠点の製造設備の所有・処分・保守",
    title_en="Ownership, disposal and maintenance of equipment abroad",
    checklist=["O7", "O9"],
    why_ja=(
        "重要技術を体化した製造設備が相手先の所有であったり、返還・廃棄の計画がなかったりすると、"
        "撤退時に設備ごと技術が残ります。カスタマイズした設備を自社やメーカー以外の第三者が"
        "保守すると、改良点がその第三者に知られます。"
    ),
    why_en=(
        "Equipment embodying graded technology that the partner owns, or that has no return or "
        "disposal plan, stays behind with the technology when the site is left. Customised "
        "equipment serviced by a third party, neither in-house nor by its maker, shows that "
        "party what was changed."
    ),
    remedy_ja=(
        "重要技術を体化した設備は自社所有とし、返還・廃棄計画を定めてください。"
        "カスタマイズ設備の保守は自社またはメーカーに限定し、やむを得ない場合は仕様を戻してから"
        "引き渡してください。"
    ),
    remedy_en=(
        "Keep equipment embodying graded technology in own ownership with a return or "
        "disposal plan; have customised equipment serviced in-house or by its maker, and "
        "restore catalogue spec before anyone else touches it."
    ),
    params=[],
    requires=["Equipment", "INSTALLED_AT"],
    complexity="O(Q + E_q): equipment and its own edges",
)
def overseas_equipment(ctx: Context) -> list[Finding]:
    """Equipment at overseas sites that may leave technology behind.

    Equipment installed at a site outside the home country that embodies
    a graded technology (directly or through one of its steps) and is
    owned by an outside organisation (``partner_owned``) or has no return
    or disposal plan (``no_disposal_plan``); customised equipment there
    maintained by an outside organisation that is not its maker
    (``third_party_maintenance``).  Core technology and sites in the
    withdrawal stage raise the severity.

    Checklist: O9 (``partner_owned``, ``no_disposal_plan``), O7
    (``third_party_maintenance``).

    Complexity: O(Q + E_q): every equipment node and its incident edges.

    Examples
    --------
    >>> import datetime as dt
    >>> from graphmap.graph import build_graph
    >>> from graphmap.dataset import Dataset, check_dataset
    >>> from graphmap import model as m
    >>> ds = Dataset()
    >>> ds.add(m.Technology(id="T", name="焼成", grading=["core"]))
    >>> ds.add(m.Site(id="S", name="タイ工場", country="TH"))
    >>> ds.add(m.Equipment(id="E", name="焼成炉", site="S", embodies=["T"], disposal_plan=True))
    >>> check_dataset(ds)
    []
    >>> overseas_equipment(Context(build_graph(ds), dt.date(2026, 1, 1)))
    []
    """
    meta = overseas_equipment.meta
    findings: list[Finding] = []
    for eq in ctx.nodes("Equipment"):
        sites = ctx.out(eq, "INSTALLED_AT")
        if not sites:
            continue
        site = sites[0]
        country = country_of(ctx, site)
        if not _is_abroad(country):
            continue
        assert country is not None
        techs, grades = _embodied_gradings(ctx, eq)
        core = "core" in grades
        withdrawal = ctx.attr(site, "stage") == "withdrawal"
        name, site_name = ctx.name(eq), ctx.name(site)
        base_edges = [(eq, site, "INSTALLED_AT"), (site, country, "LOCATED_IN")]
        base_edges += [(eq, t, "EMBODIES") for t in ctx.out(eq, "EMBODIES")]
        facts = {
            "site": site,
            "country": country,
            "technologies": techs,
            "gradings": sorted(grades),
            "stage": ctx.attr(site, "stage"),
        }
        tech_ja = _list(ctx, techs, "ja")
        tech_en = _list(ctx, techs, "en")

        o9_sev = Severity.critical if core and withdrawal else (Severity.high if core else Severity.medium)

        if grades:
            owners = ctx.out(eq, "OWNED_BY")
            outside_owners = [o for o in owners if ctx.attr(o, "kind") not in INTERNAL_KINDS]
            if outside_owners:
                owner = outside_owners[0]
                findings.append(
                    make_finding(
                        meta,
                        [eq],
                        o9_sev,
                        (85 if core else 60) + (10 if withdrawal else 0),
                        (
                            f"海外拠点「{site_name}」の設備「{name}」は{tech_ja}を体化していますが、"
                            f"所有者は「{ctx.name(owner)}」です。"
                        ),
                        (f"{name} at {site_name} abroad embodies {tech_en} but belongs to {ctx.name(owner)}."),
                        nodes=[site, owner, *techs],
                        edges=[*base_edges, (eq, owner, "OWNED_BY")],
                        facts={**facts, "kind": "partner_owned", "owner": owner},
                        discriminator="partner_owned",
                        checklist=["O9"],
                    )
                )
            if ctx.attr(eq, "disposal_plan") is not True:
                findings.append(
                    make_finding(
                        meta,
                        [eq],
                        o9_sev,
                        (75 if core else 50) + (15 if withdrawal else 0),
                        (
                            f"海外拠点「{site_name}」の設備「{name}」は{tech_ja}を体化していますが、"
                            "返還・廃棄の計画がありません。"
                        ),
                        (f"{name} at {site_name} abroad embodies {tech_en} and has no return or disposal plan."),
                        nodes=[site, *techs],
                        edges=base_edges,
                        facts={
                            **facts,
                            "kind": "no_disposal_plan",
                            "disposal_plan": ctx.attr(eq, "disposal_plan"),
                        },
                        discriminator="no_disposal_plan",
                        checklist=["O9"],
                    )
                )
        if ctx.attr(eq, "customised") is True:
            makers = ctx.out(eq, "MADE_BY")
            third = [
                o for o in ctx.out(eq, "MAINTAINED_BY") if ctx.attr(o, "kind") not in INTERNAL_KINDS and o not in makers
            ]
            if third:
                maint = third[0]
                if core:
                    s = Severity.high
                elif grades:
                    s = Severity.medium
                else:
                    s = Severity.low
                findings.append(
                    make_finding(
                        meta,
                        [eq],
                        s,
                        {Severity.high: 80, Severity.medium: 55, Severity.low: 30}[s],
                        (
                            f"海外拠点「{site_name}」のカスタマイズ設備「{name}」を、自社でも"
                            f"メーカーでもない「{ctx.name(maint)}」が保守しています。"
                        ),
                        (
                            f"Customised equipment {name} at {site_name} abroad is serviced by "
                            f"{ctx.name(maint)}, neither in-house nor its maker."
                        ),
                        nodes=[site, maint, *makers, *techs],
                        edges=[
                            *base_edges,
                            (eq, maint, "MAINTAINED_BY"),
                            *((eq, mk, "MADE_BY") for mk in makers),
                        ],
                        facts={
                            **facts,
                            "kind": "third_party_maintenance",
                            "maintainer": maint,
                            "makers": makers,
                        },
                        discriminator="third_party_maintenance",
                        checklist=["O7"],
                    )
                )
    return findings


@analysis(
    id="withdrawal_access",
    family=FAMILY,
    title_ja="撤退段階の拠点に残るアクセス権",
    title_en="Access kept at sites being withdrawn from",
    checklist=["O8"],
    why_ja=(
        "撤退を計画・実施している拠点の現地従業員や運営会社の従業員が重要な情報資産への"
        "アクセス権を持ち続けていると、撤退の混乱の中で情報が持ち出されやすくなります。"
    ),
    why_en=(
        "Local staff, or staff of the operating company, who keep access to graded assets while "
        "a site is being wound down can take information with them in the disorder of the exit."
    ),
    remedy_ja=("撤退計画の初期段階でアクセス権を棚卸しし、不要な権限を剥奪してください。"),
    remedy_en="Inventory and revoke access to graded assets early in the withdrawal plan.",
    params=[],
    requires=["Site", "CAN_ACCESS"],
    complexity="O(W * (P_w + A_w)): sites in withdrawal, their people and access edges",
)
def withdrawal_access(ctx: Context) -> list[Finding]:
    """People at sites in the withdrawal stage who still reach graded assets.

    For every site whose stage is ``withdrawal``: people who work at the
    site, or are employed by its (outside) operator, holding a CAN_ACCESS
    edge to a graded asset that is not revoked on as-of.  One finding per
    site and person.

    Checklist: O8.

    Complexity: O(W * (P_w + A_w)) for W sites in withdrawal, the people
    attached to them and their access edges.

    Examples
    --------
    >>> import datetime as dt
    >>> from graphmap.graph import build_graph
    >>> from graphmap.dataset import Dataset, check_dataset
    >>> from graphmap import model as m
    >>> ds = Dataset()
    >>> ds.add(m.Site(id="S", name="撤退工場", country="TH", stage="withdrawal"))
    >>> ds.add(m.Person(id="P", name="現地社員", site="S"))
    >>> ds.add(m.InformationAsset(id="A", name="配合表", secrecy="top_secret"))
    >>> ds.add(m.Access(person="P", asset="A"))
    >>> check_dataset(ds)
    []
    >>> [f.subjects for f in withdrawal_access(Context(build_graph(ds), dt.date(2026, 1, 1)))]
    [['S', 'P']]
    """
    meta = withdrawal_access.meta
    findings: list[Finding] = []
    for site in ctx.nodes("Site"):
        if ctx.attr(site, "stage") != "withdrawal":
            continue
        people: dict[str, tuple[str, str, str]] = {}
        for person in ctx.into(site, "WORKS_AT"):
            people[person] = (person, site, "WORKS_AT")
        for op in ctx.out(site, "OPERATED_BY"):
            if ctx.attr(op, "kind") in INTERNAL_KINDS:
                continue
            for person in ctx.into(op, "EMPLOYED_BY"):
                people.setdefault(person, (person, op, "EMPLOYED_BY"))
        site_name = ctx.name(site)
        for person in sorted(people):
            assets = _graded_access(ctx, person)
            if not assets:
                continue
            severe = any(ctx.attr(a, "secrecy") == "top_secret" or _core_asset(ctx, a) for a in assets)
            local = is_outside(ctx, person)
            if not local:
                sev = Severity.medium
            else:
                sev = Severity.critical if severe else Severity.high
            name = ctx.name(person)
            link = people[person]
            edges = [link] if link[2] == "WORKS_AT" else [link, (site, link[1], "OPERATED_BY")]
            findings.append(
                make_finding(
                    meta,
                    [site, person],
                    sev,
                    min(100, (80 if severe else 60) - (25 if not local else 0) + 2 * len(assets)),
                    (
                        f"撤退段階の拠点「{site_name}」に関わる「{name}」が、重要な情報資産"
                        f"{len(assets)}件（{_list(ctx, assets, 'ja')}）への"
                        "アクセス権を保持しています。"
                    ),
                    (
                        f"{name}, attached to {site_name} which is being withdrawn from, still "
                        f"has access to {len(assets)} graded asset(s): {_list(ctx, assets, 'en')}."
                    ),
                    nodes=assets,
                    edges=[*edges, *((person, a, "CAN_ACCESS") for a in assets)],
                    facts={
                        "kind": "withdrawal_access",
                        "assets": assets,
                        "via": link[2],
                        "outside": local,
                    },
                )
            )
    return findings


ANALYSES: tuple[Analysis, ...] = (overseas_site_risks, overseas_equipment, withdrawal_access)
