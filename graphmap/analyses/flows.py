"""Analyses of the flows family: where graded information went, and
whether a contract, an approval or a return duty followed it.

Every analysis here starts from the disclosure register
(:func:`~graphmap.analyses.common.disclosures`): one pass over the
disclosures, with per-call indexes for contracts, projects and
organisations, so each runs in time linear in the graph size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from graphmap import model as m
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
    DisclosureView,
    asset_technologies,
    contract_in_force,
    contract_span,
    country_of,
    disclosure_index,
    disclosures,
    is_graded_asset,
    is_outside,
    party_organisation,
)
from graphmap.analyses.common import gradings as tech_gradings
from graphmap.resources import HOME_COUNTRY

__all__ = [
    "ANALYSES",
    "foreign_government_requests",
    "onward_flows",
    "samples_and_returns",
    "uncodenamed_overseas_flows",
    "uncovered_disclosures",
]

# ----------------------------------------------------------------- helpers
# Small helpers the vendors and contracts families import too.


#: Severities from least to most severe; analyses count steps on this scale.
SEVERITY_SCALE: tuple[Severity, ...] = (
    Severity.low,
    Severity.medium,
    Severity.high,
    Severity.critical,
)

#: Gradings that make a technology a crown jewel for severity purposes.
TOP_GRADINGS = frozenset({"core", "security"})


def severity_at(step: int) -> Severity:
    """The severity ``step`` places up the scale (clamped: 0 low … 3 critical)."""
    return SEVERITY_SCALE[max(0, min(len(SEVERITY_SCALE) - 1, step))]


def tech_rank(ctx: Context, tech: str) -> int:
    """How much a technology's grading weighs: 3 core/security,
    2 economic security, 1 to acquire, 0 ungraded."""
    grades = set(tech_gradings(ctx, tech))
    if grades & TOP_GRADINGS:
        return 3
    if "econ_security" in grades:
        return 2
    return 1 if grades else 0


def asset_rank(ctx: Context, asset: str) -> int:
    """How much an asset weighs: the highest rank of the technologies it
    describes, and at least 2 for 極秘 and 1 for 部外秘; 0 for public
    assets."""
    memo = ctx.cache("_flows_memo.rank")
    if asset in memo:
        cached: int = memo[asset]
        return cached
    secrecy = ctx.attr(asset, "secrecy")
    rank = 0
    if secrecy != "public":
        rank = max((tech_rank(ctx, t) for t in asset_technologies(ctx, asset)), default=0)
        if secrecy == "top_secret":
            rank = max(rank, 2)
        elif secrecy == "department_only":
            rank = max(rank, 1)
    memo[asset] = rank
    return rank


def rank_step(rank: int) -> int:
    """Base severity step for a rank: core/security high, other graded
    medium, ungraded low."""
    return 2 if rank >= 3 else (1 if rank >= 1 else 0)


def names(ctx: Context, ids: Iterable[str], lang: str, limit: int = 3) -> str:
    """Names of ``ids`` joined for a message, the tail summarised."""
    items = [ctx.name(i) for i in ids]
    shown = items[:limit]
    rest = len(items) - len(shown)
    if lang == "ja":
        text = "、".join(f"「{n}」" for n in shown)
        return text + (f"ほか{rest}件" if rest else "")
    text = ", ".join(f"'{n}'" for n in shown)
    return text + (f" and {rest} more" if rest else "")


def party_name(ctx: Context, party: str, lang: str) -> str:
    """A party's name, a person's with their employer in brackets."""
    org = party_organisation(ctx, party) if ctx.label(party) == "Person" else None
    if org is None:
        return ctx.name(party)
    if lang == "ja":
        return f"{ctx.name(party)}（{ctx.name(org)}）"
    return f"{ctx.name(party)} ({ctx.name(org)})"


def party_of(ctx: Context, party: str) -> str:
    """The party a flow counts for: a person's employer, or the party
    itself (an organisation, or a person with no employer on record)."""
    return party_organisation(ctx, party) or party


def flow_edges(view: DisclosureView, assets: Iterable[str] = ()) -> list[tuple[str, str, str]]:
    """The edges that draw one disclosure: sender, recipient, the assets
    given, its contract."""
    edges = [(view.sender, view.id, "DISCLOSED"), (view.id, view.recipient, "DISCLOSED_TO")]
    edges.extend((view.id, a, "USED") for a in assets)
    if view.contract:
        edges.append((view.id, view.contract, "UNDER_CONTRACT"))
    return edges


def _iso(day: Any) -> str:
    return day.isoformat() if isinstance(day, dt.date) else str(day)


def _contract_parties(ctx: Context, contract: str, cache: dict[str, frozenset[str]]) -> frozenset[str]:
    if contract not in cache:
        cache[contract] = frozenset(ctx.out(contract, "PARTY"))
    return cache[contract]


def party_contracts(ctx: Context) -> dict[str, list[str]]:
    """Contracts by counterparty, built once from the PARTY edges."""
    out: dict[str, list[str]] = {}
    for c in ctx.nodes("Contract"):
        for p in ctx.out(c, "PARTY"):
            out.setdefault(p, []).append(c)
    return out


# --------------------------------------------------------- uncovered flows

_UNCOVERED_TEXT = {
    "no_contract": (
        "契約の裏付けがないまま",
        "with no contract covering it",
    ),
    "not_party": (
        "提供先が当事者ではない契約のもとで",
        "under a contract the recipient is not a party to",
    ),
    "before_start": (
        "契約開始前に",
        "before the contract started",
    ),
    "not_in_force": (
        "契約の終了後に",
        "after the contract had ended",
    ),
    "out_of_scope": (
        "契約の対象範囲の外で",
        "outside the scope the contract covers",
    ),
    "weak_contract": (
        "必要な条項を欠く契約のもとで",
        "under a contract lacking key clauses",
    ),
}


@analysis(
    id="uncovered_disclosures",
    family="flows",
    title_ja="契約に裏付けられていない情報提供",
    title_en="Disclosures not covered by a contract",
    checklist=["S2", "S3", "O4", "J6"],
    why_ja=(
        "重要情報を社外に渡すときは、事前に秘密保持・目的外使用禁止・再委託管理を定めた契約が"
        "必要です。契約前・契約終了後・対象範囲外の提供は、漏えいしても法的に守れません。"
    ),
    why_en=(
        "Graded information should leave the company only under a contract in force that "
        "names the recipient, covers the information and binds it to confidentiality, purpose "
        "and subcontracting limits; otherwise a leak has no contractual remedy."
    ),
    remedy_ja=("提供前に相手方と秘密保持契約を締結し、対象情報を契約に明記し、不足条項を補う覚書を交わしてください。"),
    remedy_en=(
        "Sign an NDA with the recipient before disclosing, list the information it covers and "
        "add the missing clauses by amendment."
    ),
    params=[
        Param(
            name="required_flow_clauses",
            default=["confidentiality", "purpose_limitation", "subcontract_approval"],
            ja="重要情報の提供に必要な契約条項",
            en="contract clauses a flow of graded information needs",
        ),
    ],
    requires=["Disclosure", "DISCLOSED_TO"],
    complexity="O(D·a + C) for D disclosures of a assets each and C contracts",
)
def uncovered_disclosures(
    ctx: Context,
    *,
    required_flow_clauses: Sequence[str] = (
        "confidentiality",
        "purpose_limitation",
        "subcontract_approval",
    ),
) -> list[Finding]:
    """Graded information given to an outside party without a contract
    that covers it.

    For each first-hand disclosure (the sender is inside the company, the
    recipient outside) carrying graded, non-public assets, one finding per
    gap:

    * ``no_contract`` (S3): none cited, or the cited contract does not
      name the recipient's organisation as a party;
    * ``before_start`` (S2): the cited contract had not started, or none
      was cited and the recipient's only contracts start later;
    * ``not_in_force`` (S3): the cited contract had ended;
    * ``out_of_scope``: the contract lists what it covers, and a graded
      asset is not listed and describes a graded technology the contract
      does not cover (J6 for joint research, O4 for a recipient abroad,
      S3 otherwise);
    * ``weak_contract`` (S3, and O4 when a recipient abroad lacks purpose
      limitation or subcontracting control): a clause of
      ``required_flow_clauses`` is ``False`` (missing) or not recorded
      (one step lower).

    Severity starts at high for core / security information and medium
    otherwise; flows with no contract in force with the recipient that day
    go one step up.  Onward flows between outside parties are left to
    :func:`onward_flows`.

    Checklist: S2, S3, O4, J6 (each finding names the item of its gap,
    see :func:`uncovered_items`).

    Complexity: O(D·a + C): one pass over the disclosures and their
    assets, contracts indexed once.

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> uncovered_disclosures(Context(nx.MultiDiGraph()))
    []
    """
    meta = uncovered_disclosures.meta
    parties_cache: dict[str, frozenset[str]] = {}
    by_party = party_contracts(ctx)
    # per organisation and per contract, worked out once (hundreds of
    # thousands of disclosures cite a few tens of thousands of contracts)
    own_of: dict[str, list[str]] = {}  # organisation -> its contracts, sorted
    scope_of: dict[str, frozenset[str]] = {}  # contract -> what it covers
    # (contract, asset) -> (asset beyond the contract's scope, its graded technologies outside it)
    beyond_of: dict[tuple[str, str], tuple[bool, list[str]]] = {}
    clauses_of: dict[str, tuple[list[str], list[str]]] = {}  # contract -> missing, unrecorded
    out: list[Finding] = []
    for view in disclosures(ctx):
        if view.onward_of or is_outside(ctx, view.sender) or not is_outside(ctx, view.recipient):
            continue
        graded = [a for a in view.assets if is_graded_asset(ctx, a)]
        if not graded:
            continue
        org = party_organisation(ctx, view.recipient)
        contract = view.contract
        # (kind, severity step above the base of what was given, facts, assets)
        gaps: list[tuple[str, int, dict[str, Any], list[str]]] = []
        parties = _contract_parties(ctx, contract, parties_cache) if contract else frozenset()
        own: list[str] = []
        if org:
            found = own_of.get(org)
            own = found if found is not None else own_of.setdefault(org, sorted(by_party.get(org, [])))
        # Contracts with the recipient's organisation in force that day (an
        # uncovered flow is one step less severe when one exists), the rank
        # and the base step: worked out only for a gap, which most
        # disclosures do not have.
        if contract is None or org is None or org not in parties:
            in_force = [c for c in own if contract_in_force(ctx, c, view.date)]
            later = [c for c in own if (st := ctx.attr(c, "start")) is not None and view.date < st]
            facts: dict[str, Any] = {"party_contracts_in_force": in_force}
            if contract is None and later and not in_force:
                kind = "before_start"
                facts["later_contracts"] = later
                facts["contract_start"] = _iso(min(ctx.attr(c, "start") for c in later))
            else:
                kind = "no_contract"
            facts["reason"] = kind if contract is None else "not_party"
            if contract is not None:
                facts["contract"] = contract
                facts["contract_parties"] = sorted(parties)
            gaps.append((kind, 0 if in_force else 1, facts, graded))
        else:
            start, end = contract_span(ctx, contract)
            if start is not None and view.date < start:
                in_force = [c for c in own if contract_in_force(ctx, c, view.date)]
                facts = {
                    "contract": contract,
                    "contract_start": _iso(start),
                    "party_contracts_in_force": in_force,
                    "reason": "before_start",
                }
                gaps.append(("before_start", 0 if in_force else 1, facts, graded))
            elif end is not None and view.date > end:
                in_force = [c for c in own if contract_in_force(ctx, c, view.date)]
                facts = {
                    "contract": contract,
                    "contract_end": _iso(end),
                    "party_contracts_in_force": in_force,
                    "reason": "not_in_force",
                }
                gaps.append(("not_in_force", 0 if in_force else 1, facts, graded))
            else:
                cov = scope_of.get(contract)
                if cov is None:
                    cov = scope_of[contract] = frozenset(ctx.out(contract, "COVERS"))
                if cov:
                    outside_scope: list[str] = []
                    stray: set[str] = set()
                    for a in graded:
                        if a in cov:
                            continue
                        beyond = beyond_of.get((contract, a))
                        if beyond is None:
                            techs = asset_technologies(ctx, a)
                            loose = [t for t in techs if t not in cov and tech_gradings(ctx, t)]
                            beyond = beyond_of[(contract, a)] = (
                                not techs or bool(loose) or not any(t in cov for t in techs),
                                loose,
                            )
                        if beyond[0]:
                            outside_scope.append(a)
                            stray.update(beyond[1])
                    if outside_scope:
                        facts = {
                            "contract": contract,
                            "out_of_scope_assets": outside_scope,
                            "uncovered_technologies": sorted(stray),
                            "covered": sorted(cov),
                            "reason": "out_of_scope",
                        }
                        gaps.append(("out_of_scope", 0, facts, outside_scope))
                clauses = clauses_of.get(contract)
                if clauses is None:
                    clauses = clauses_of[contract] = (
                        [c for c in required_flow_clauses if ctx.attr(contract, c) is False],
                        [c for c in required_flow_clauses if ctx.attr(contract, c) is None],
                    )
                missing, unrecorded = clauses
                if missing or unrecorded:
                    facts = {
                        "contract": contract,
                        "missing_clauses": list(missing),
                        "unrecorded_clauses": list(unrecorded),
                        "reason": "weak_contract",
                    }
                    gaps.append(("weak_contract", 0 if missing else -1, facts, graded))
        if not gaps:
            continue
        rank = max(asset_rank(ctx, a) for a in graded)
        base = rank_step(rank)
        for kind, above, facts, assets in gaps:
            step = base + above
            reason = facts["reason"]
            ja_how, en_how = _UNCOVERED_TEXT[reason]
            who_ja = party_name(ctx, view.recipient, "ja")
            who_en = party_name(ctx, view.recipient, "en")
            day = view.date.isoformat()
            ja = f"{day}、{names(ctx, assets, 'ja')}が{ja_how}{who_ja}へ提供されています。"
            en = f"On {day} {names(ctx, assets, 'en')} went to {who_en} {en_how}."
            named = facts.get("contract") or (facts.get("later_contracts") or [None])[0]
            if reason == "weak_contract":
                gap = (facts["missing_clauses"], facts["unrecorded_clauses"])
                ja += f"契約「{ctx.name(named)}」では" + clause_gap_text(*gap, "ja")
                en += f" In the contract '{ctx.name(named)}', " + clause_gap_text(*gap, "en")
            elif named is not None:
                when = facts.get("contract_start") or facts.get("contract_end")
                suffix_ja = f"（{when}）" if when else ""
                suffix_en = f" ({when})" if when else ""
                ja += f"該当する契約: 「{ctx.name(named)}」{suffix_ja}。"
                en += f" Contract concerned: '{ctx.name(named)}'{suffix_en}."
            facts = {
                **facts,
                "date": view.date.isoformat(),
                "recipient": view.recipient,
                "recipient_organisation": org,
                "graded_assets": graded,
                "rank": rank,
            }
            nodes = [view.sender, view.recipient, *assets]
            if org and org != view.recipient:
                nodes.append(org)
            if facts.get("contract"):
                nodes.append(facts["contract"])
            items = uncovered_items(ctx, view, kind, facts)
            out.append(
                make_finding(
                    meta,
                    [view.id],
                    severity_at(step),
                    40 + 10 * rank + 8 * step,
                    ja,
                    en,
                    nodes=nodes,
                    edges=flow_edges(view, assets),
                    facts=facts,
                    discriminator=kind,
                    checklist=items,
                )
            )
    return out


#: Clauses whose absence in a contract with a party abroad leaves what is
#: provided and who may handle it undefined (checklist O4).
OVERSEAS_SCOPE_CLAUSES = frozenset(
    {"scope_defined", "named_participants", "purpose_limitation", "subcontract_approval"}
)


def _abroad(ctx: Context, party: str) -> bool:
    where = country_of(ctx, party)
    return where is not None and where != HOME_COUNTRY


def _research_flow(ctx: Context, view: DisclosureView, contract: str | None) -> bool:
    return view.project is not None or (contract is not None and ctx.attr(contract, "kind") == "joint_research")


def uncovered_items(ctx: Context, view: DisclosureView, kind: str, facts: dict[str, Any]) -> list[str]:
    """The checklist items one gap of :func:`uncovered_disclosures` concerns.

    ``before_start`` is S2 (disclosure before the deal); ``no_contract``,
    ``not_in_force`` and ``weak_contract`` are S3 (a flow not covered by a
    contract with the handling clauses), a weak contract with a recipient
    abroad lacking purpose limitation or subcontracting control also O4;
    ``out_of_scope`` is J6 in joint research (the provided scope), O4 for
    a recipient abroad (what is and is not provided) and S3 otherwise.
    """
    if kind == "before_start":
        return ["S2"]
    contract = facts.get("contract")
    research = _research_flow(ctx, view, contract)
    abroad = _abroad(ctx, view.recipient) and not research
    if kind == "out_of_scope":
        items = (["J6"] if research else []) + (["O4"] if abroad else [])
        return items or ["S3"]
    if kind == "weak_contract":
        gaps = {*facts.get("missing_clauses", ()), *facts.get("unrecorded_clauses", ())}
        return ["S3", "O4"] if abroad and gaps & OVERSEAS_SCOPE_CLAUSES else ["S3"]
    return ["S3"]


def clause_gap_text(missing: Sequence[str], unrecorded: Sequence[str], lang: str) -> str:
    """A clause sentence tail: which clauses are absent, which unrecorded.

    >>> clause_gap_text(["confidentiality"], ["no_copying"], "en")
    'confidentiality is missing and no copying is not recorded.'
    """
    if lang == "ja":
        absent = "、".join(_clause_label(c, "ja") for c in missing)
        blank = "、".join(_clause_label(c, "ja") for c in unrecorded)
        if absent and blank:
            return f"{absent}が定められておらず、{blank}は記録がありません。"
        if absent:
            return f"{absent}が定められていません。"
        return f"{blank}の記録がありません。"
    absent = ", ".join(_clause_label(c, "en") for c in missing)
    blank = ", ".join(_clause_label(c, "en") for c in unrecorded)
    verb_a = "are" if len(missing) > 1 else "is"
    verb_b = "are" if len(unrecorded) > 1 else "is"
    if absent and blank:
        return f"{absent} {verb_a} missing and {blank} {verb_b} not recorded."
    if absent:
        return f"{absent} {verb_a} missing."
    return f"{blank} {verb_b} not recorded."


def _grading_label(code: str, lang: str) -> str:
    return m.enum_label(code, lang, m.Grading)


def _clause_label(name: str, lang: str) -> str:
    if name == "governing_law":
        return "日本法または第三国法の準拠法" if lang == "ja" else "Japanese or neutral governing law"
    try:
        f = m.Contract.field(name)
    except KeyError:
        return name
    return f.ja if lang == "ja" else f.en


# ------------------------------------------------------------ onward flows


@analysis(
    id="onward_flows",
    family="flows",
    title_ja="承認のない再開示・参加者以外への提供",
    title_en="Unapproved onward disclosures and flows to non-participants",
    checklist=["S3", "J5"],
    why_ja=(
        "提供先がさらに再委託先・研究室・学生などに情報を渡すと、管理の目が届かなくなります。"
        "再開示は事前の書面承認を条件とし、共同研究の情報は特定された参加者だけに限る必要があります。"
    ),
    why_en=(
        "Once a partner passes our information on to its subcontractors, labs or students, "
        "we lose sight of it. Onward disclosure needs our prior written approval, and project "
        "information should reach named participants only."
    ),
    remedy_ja=(
        "再開示の経緯を確認して承認の有無を記録し、未承認の場合は回収・廃棄を求めてください。"
        "参加者名簿を更新し、名簿外の者への提供を止めてください。"
    ),
    remedy_en=(
        "Trace the onward flow, record whether it was approved, and ask for return or deletion "
        "if it was not; update the participant list and stop flows to people not on it."
    ),
    params=[],
    requires=["Disclosure", "DISCLOSED_TO"],
    complexity="O(D·a + P) for D disclosures of a assets and P project participations",
)
def onward_flows(ctx: Context) -> list[Finding]:
    """Onward disclosures that were not approved, and project flows to
    people who are not named participants.

    A disclosure is onward when it is ``ONWARD_OF`` another one, or when an
    outside organisation or person sends our graded assets on.  It gives an
    ``unapproved`` finding (S3) when the recipient is outside, belongs to
    another organisation than the sender and ``onward_approved`` is not true;
    severity starts from the grading of what was passed on and rises one
    step when the recipient has no contract with us, and one when it is a
    student or competitor or the flow crosses into a third country.  Any
    disclosure in a project (its own or that of the disclosure it passes on)
    to an outside person who is not a named participant gives a
    ``not_participant`` finding (J5).

    Checklist: S3 (``unapproved``), J5 (``not_participant``).

    Complexity: O(D·a + P): one pass over the disclosures; participants
    read once per project.

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> onward_flows(Context(nx.MultiDiGraph()))
    []
    """
    meta = onward_flows.meta
    views = disclosures(ctx)
    participants: dict[str, frozenset[str]] = {}
    by_party = party_contracts(ctx)
    project_memo: dict[str, str | None] = {}

    def project_of(view: DisclosureView) -> str | None:
        # Follow ONWARD_OF to the first disclosure that names a project.
        chain: list[str] = []
        cur: DisclosureView | None = view
        found: str | None = None
        seen: set[str] = set()
        while cur is not None and cur.id not in seen:
            if cur.id in project_memo:
                found = project_memo[cur.id]
                break
            seen.add(cur.id)
            chain.append(cur.id)
            if cur.project:
                found = cur.project
                break
            if not cur.onward_of:
                break
            cur = disclosure_index(ctx).get(cur.onward_of)
        for d in chain:
            project_memo[d] = found
        return found

    # per party, looked up once: (outside, a person); a few thousand
    # parties stand behind hundreds of thousands of disclosures
    parties: dict[str, tuple[bool, bool]] = {}
    out: list[Finding] = []
    for view in views:
        recipient = parties.get(view.recipient)
        if recipient is None:
            r = view.recipient
            recipient = parties[r] = (is_outside(ctx, r), ctx.label(r) == "Person")
        if not recipient[0]:
            continue
        sender = parties.get(view.sender)
        if sender is None:
            s = view.sender
            sender = parties[s] = (is_outside(ctx, s), ctx.label(s) == "Person")
        # what was passed on weighs only when the sender is outside or the
        # flow reaches a project outsider: most disclosures are neither
        rank = -1
        approved = None
        unapproved = False
        if sender[0]:
            approved = view.attrs.get("onward_approved")
            rank = max((asset_rank(ctx, a) for a in view.assets), default=0)
            if view.onward_of is not None or rank > 0:
                unapproved = approved is not True and party_of(ctx, view.recipient) != party_of(ctx, view.sender)
        project = project_of(view) if recipient[1] else None
        named: frozenset[str] = frozenset()
        if project is not None:
            if project not in participants:
                participants[project] = frozenset(ctx.into(project, "PARTICIPATES_IN"))
            named = participants[project]
            if view.recipient in named:
                project = None
        if not unapproved and project is None:
            continue
        if rank < 0:
            rank = max((asset_rank(ctx, a) for a in view.assets), default=0)
        recipient_party = party_of(ctx, view.recipient)

        r_country = country_of(ctx, view.recipient)
        s_country = country_of(ctx, view.sender)
        crosses = (
            r_country is not None and r_country != HOME_COUNTRY and s_country is not None and r_country != s_country
        )
        is_student = ctx.label(view.recipient) == "Person" and ctx.attr(view.recipient, "student") is True
        competitor = ctx.label(recipient_party) == "Organisation" and ctx.attr(recipient_party, "kind") == "competitor"
        bump = 1 if (crosses or is_student or competitor) else 0
        base = rank_step(rank)
        day = view.date.isoformat()
        common_facts: dict[str, Any] = {
            "date": day,
            "sender": view.sender,
            "recipient": view.recipient,
            "recipient_organisation": (recipient_party if recipient_party != view.recipient else None),
            "onward_of": view.onward_of,
            "rank": rank,
            "recipient_is_student": is_student,
            "recipient_country": r_country,
            "crosses_border": crosses,
        }
        nodes = [view.sender, view.recipient, *view.assets]
        edges = flow_edges(view, view.assets)
        if view.onward_of:
            nodes.append(view.onward_of)
            edges.append((view.id, view.onward_of, "ONWARD_OF"))
        who_ja = party_name(ctx, view.recipient, "ja")
        who_en = party_name(ctx, view.recipient, "en")
        what_ja = names(ctx, view.assets, "ja")
        what_en = names(ctx, view.assets, "en")
        if unapproved:
            state_ja = "承認されていません" if approved is False else "承認の記録がありません"
            state_en = "was not approved" if approved is False else "has no recorded approval"
            ours = [c for c in by_party.get(recipient_party, []) if contract_in_force(ctx, c, view.date)]
            if not ours:
                state_ja += "。提供先と当社の間に契約もありません"
                state_en += ", and the recipient has no contract with us"
            from_ja = party_name(ctx, view.sender, "ja")
            from_en = party_name(ctx, view.sender, "en")
            out.append(
                make_finding(
                    meta,
                    [view.id],
                    severity_at(base + bump + (0 if ours else 1)),
                    35 + 12 * rank + 10 * bump + (0 if ours else 8),
                    f"{from_ja}が{what_ja}を{who_ja}へ再開示しており（{day}）、{state_ja}。",
                    f"{from_en} passed {what_en} on to {who_en} on {day}; the onward disclosure {state_en}.",
                    nodes=nodes,
                    edges=edges,
                    facts={
                        **common_facts,
                        "onward_approved": approved,
                        "recipient_contracts_in_force": sorted(ours),
                    },
                    discriminator="unapproved",
                    checklist=["S3"],
                )
            )
        if project is None:
            continue
        p_name = ctx.name(project)
        extra_ja = "（参加者名簿が登録されていません）" if not named else ""
        extra_en = " (the project has no named participants on record)" if not named else ""
        out.append(
            make_finding(
                meta,
                [view.id],
                severity_at(base + bump),
                35 + 12 * rank + 10 * bump,
                f"共同研究「{p_name}」の情報{what_ja}が、参加者として特定されていない{who_ja}に"
                f"渡っています（{day}）{extra_ja}。",
                f"Information of the project '{p_name}' ({what_en}) reached {who_en}, "
                f"who is not a named participant, on {day}{extra_en}.",
                nodes=[*nodes, project],
                edges=[*edges, (view.id, project, "IN_PROJECT")] if view.project else edges,
                facts={
                    **common_facts,
                    "project": project,
                    "named_participants": sorted(named),
                },
                discriminator="not_participant",
                checklist=["J5"],
            )
        )
    return out


# ------------------------------------------------------ samples and returns


@analysis(
    id="samples_and_returns",
    family="flows",
    title_ja="返却期限切れのサンプル・廃棄証明のない契約終了",
    title_en="Overdue samples and ended contracts without a destruction certificate",
    checklist=["S5", "O5"],
    why_ja=(
        "期限を過ぎても返却されないサンプルは解析（リバースエンジニアリング）の対象になり得ます。"
        "契約終了後に返還・廃棄が確認できない情報は相手方に残り続けます。"
    ),
    why_en=(
        "A sample kept past its due date may be reverse engineered; information not returned "
        "or certified destroyed after a contract ends stays with the partner."
    ),
    remedy_ja=(
        "期限切れのサンプルの返却を督促し、返却時の状態を確認してください。"
        "終了した契約については廃棄証明書の提出を求めてください。"
    ),
    remedy_en=(
        "Chase overdue samples and check their state on return; ask for a destruction "
        "certificate for every ended contract with a return-or-destroy duty."
    ),
    params=[
        Param(
            name="grace_days",
            default=0,
            ja="返却期限の猶予日数",
            en="days of grace after the due date",
        ),
        Param(
            name="severe_days",
            default=90,
            ja="深刻とみなす超過日数",
            en="days overdue that raise the severity",
        ),
    ],
    requires=["Disclosure"],
    complexity="O(D·a + C) for D disclosures of a assets and C contracts",
)
def samples_and_returns(ctx: Context, *, grace_days: int = 0, severe_days: int = 90) -> list[Finding]:
    """Samples and information that should have come back and did not.

    ``overdue``: a disclosure whose ``return_status`` is outstanding and
    whose ``return_due`` lies more than ``grace_days`` before as-of (S5);
    severity rises with the grading and when more than ``severe_days``
    overdue.  ``no_certificate``: a contract that ended before as-of with a
    return-or-destroy duty but no destruction certificate, under which
    assets went out and were not returned (O5).

    Checklist: S5 (``overdue``), O5 (``no_certificate``).

    Complexity: O(D·a + C).

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> samples_and_returns(Context(nx.MultiDiGraph()))
    []
    """
    meta = samples_and_returns.meta
    out: list[Finding] = []
    by_contract: dict[str, list[DisclosureView]] = {}
    for view in disclosures(ctx):
        if view.contract:
            by_contract.setdefault(view.contract, []).append(view)
        if view.attrs.get("return_status") != "outstanding":
            continue
        due = view.attrs.get("return_due")
        if due is None:
            continue
        days = (ctx.as_of - due).days
        if days <= grace_days:
            continue
        rank = max((asset_rank(ctx, a) for a in view.assets), default=0)
        step = rank_step(rank) + (1 if days > severe_days else 0)
        who_ja = party_name(ctx, view.recipient, "ja")
        who_en = party_name(ctx, view.recipient, "en")
        out.append(
            make_finding(
                meta,
                [view.id],
                severity_at(step),
                30 + 10 * rank + min(30, days / 10),
                f"{who_ja}に渡した{names(ctx, view.assets, 'ja')}が返却期限（{due.isoformat()}）を"
                f"{days}日過ぎても返却されていません。",
                f"{names(ctx, view.assets, 'en')} lent to {who_en} is {days} days past its return "
                f"date ({due.isoformat()}) and still not back.",
                nodes=[view.recipient, *view.assets],
                edges=flow_edges(view, view.assets),
                facts={
                    "return_due": due.isoformat(),
                    "days_overdue": days,
                    "recipient": view.recipient,
                    "channel": view.attrs.get("channel"),
                    "rank": rank,
                },
                discriminator="overdue",
                checklist=["S5"],
            )
        )
    for contract in ctx.nodes("Contract"):
        end = ctx.attr(contract, "end")
        if end is None or end >= ctx.as_of:
            continue
        if ctx.attr(contract, "return_or_destroy") is not True:
            continue
        if ctx.attr(contract, "destruction_certificate") is True:
            continue
        held = [v for v in by_contract.get(contract, []) if v.attrs.get("return_status") != "returned"]
        if not held:
            continue
        assets = sorted({a for v in held for a in v.assets})
        rank = max((asset_rank(ctx, a) for a in assets), default=0)
        edges = [(v.id, contract, "UNDER_CONTRACT") for v in held]
        edges += [(v.id, a, "USED") for v in held for a in v.assets]
        out.append(
            make_finding(
                meta,
                [contract],
                severity_at(rank_step(rank)),
                30 + 12 * rank,
                f"契約「{ctx.name(contract)}」は{end.isoformat()}に終了しましたが、返還・廃棄義務のある"
                f"{names(ctx, assets, 'ja')}について廃棄証明書を受領していません。",
                f"The contract '{ctx.name(contract)}' ended on {end.isoformat()}, yet no "
                f"destruction certificate was received for {names(ctx, assets, 'en')} given "
                "under it.",
                nodes=[*(v.id for v in held), *assets, *ctx.out(contract, "PARTY")],
                edges=edges,
                facts={
                    "end": end.isoformat(),
                    "disclosures": [v.id for v in held],
                    "assets": assets,
                    "destruction_certificate": ctx.attr(contract, "destruction_certificate"),
                    "rank": rank,
                },
                discriminator="no_certificate",
                checklist=["O5"],
            )
        )
    return out


# ---------------------------------------------------- uncodenamed overseas


@analysis(
    id="uncodenamed_overseas_flows",
    family="flows",
    title_ja="海外へのコードネーム化されていないコア技術情報の提供",
    title_en="Core technology sent abroad without codenames",
    checklist=["O6", "S5"],
    why_ja=(
        "海外拠点や顧客に材料名・仕入先名をそのまま渡すと、技術の中身を推測されやすくなります。"
        "コードネーム化などでブラックボックス化することが求められます。"
    ),
    why_en=(
        "Real material and supplier names sent abroad let the recipient reconstruct the "
        "technology; codenames keep the provided information a black box."
    ),
    remedy_ja="材料名・仕入先名をコードネームに置き換えた資料で提供し直し、提供記録を更新してください。",
    remedy_en=("Re-issue the material with codenames for materials and suppliers and update the register."),
    params=[
        Param(
            name="home_country",
            default=HOME_COUNTRY,
            ja="自国（国コード）",
            en="home country code",
        ),
        Param(
            name="gradings",
            default=["core"],
            ja="対象とする技術の格付け",
            en="technology gradings this applies to",
        ),
    ],
    requires=["Disclosure", "LOCATED_IN"],
    complexity="O(D·a)",
)
def uncodenamed_overseas_flows(
    ctx: Context,
    *,
    home_country: str = HOME_COUNTRY,
    gradings: Sequence[str] = ("core",),
) -> list[Finding]:
    """Disclosures of assets of core technologies to a party in another
    country than ``home_country`` that were not codenamed.

    ``codenamed`` false gives high severity, not recorded medium; one step
    more when the country is outside the strict export-control group.

    Checklist: O6 (black-boxing), and S5 too when the recipient is a
    customer (customers receiving uncodenamed names).

    Complexity: O(D·a).

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> uncodenamed_overseas_flows(Context(nx.MultiDiGraph()))
    []
    """
    meta = uncodenamed_overseas_flows.meta
    wanted = set(gradings)
    out: list[Finding] = []
    for view in disclosures(ctx):
        codenamed = view.attrs.get("codenamed")
        if codenamed is True:
            continue
        where = country_of(ctx, view.recipient)
        if where is None or where == home_country:
            continue
        hits: list[str] = []
        techs: set[str] = set()
        matched: set[str] = set()
        for a in view.assets:
            if ctx.attr(a, "secrecy") == "public":
                continue
            hit = False
            for t in asset_technologies(ctx, a):
                common = wanted & set(tech_gradings(ctx, t))
                if common:
                    hit = True
                    techs.add(t)
                    matched |= common
            if hit:
                hits.append(a)
        if not hits:
            continue
        strict = ctx.attr(where, "strict_export_control") if where in ctx.g else None
        step = (2 if codenamed is False else 1) + (0 if strict is True else 1)
        cname_ja = ctx.attr(where, "name_ja") if where in ctx.g else None
        cname_en = ctx.attr(where, "name_en") if where in ctx.g else None
        recipient_org = party_organisation(ctx, view.recipient)
        customer = recipient_org is not None and ctx.attr(recipient_org, "kind") == "customer"
        who_ja = party_name(ctx, view.recipient, "ja")
        who_en = party_name(ctx, view.recipient, "en")
        if codenamed is False:
            state_ja = "コードネーム化されていません"
            state_en = "without codenames"
        else:
            state_ja = "コードネーム化の記録がありません"
            state_en = "with no record of codenaming"
        grade_ja = "・".join(_grading_label(g, "ja") for g in sorted(matched))
        grade_en = ", ".join(_grading_label(g, "en") for g in sorted(matched))
        day = view.date.isoformat()
        out.append(
            make_finding(
                meta,
                [view.id],
                severity_at(step),
                45 + 15 * step,
                f"{cname_ja or where}の{who_ja}に渡した{names(ctx, hits, 'ja')}（{day}）は"
                f"{grade_ja}の情報ですが、{state_ja}。",
                f"{names(ctx, hits, 'en')}, carrying {grade_en} information, went to "
                f"{who_en} in {cname_en or where} on {day} {state_en}.",
                nodes=[view.recipient, *hits, *sorted(techs), where],
                edges=flow_edges(view, hits),
                facts={
                    "country": where,
                    "strict_export_control": strict,
                    "codenamed": codenamed,
                    "technologies": sorted(techs),
                    "assets": hits,
                    "customer": customer,
                },
                checklist=["O6", "S5"] if customer else ["O6"],
            )
        )
    return out


# --------------------------------------------- foreign-government requests


@analysis(
    id="foreign_government_requests",
    family="flows",
    title_ja="審査されていない外国政府等の要請による情報開示",
    title_en="Disclosures on foreign-government demand without review",
    checklist=["S7"],
    why_ja=(
        "外国政府等の要請を背景とした開示要求は、技術流出の経路になり得ます。"
        "法務・経営層による審査を経ずに応じてはいけません。"
    ),
    why_en=(
        "Demands backed by a foreign government can be a route for technology to leave; they "
        "need a legal and management review before anything is handed over."
    ),
    remedy_ja="要請の根拠と範囲を法務部門で審査し、開示の可否と範囲を記録してください。",
    remedy_en="Have legal review the basis and scope of the demand and record the decision.",
    params=[],
    requires=["Disclosure"],
    complexity="O(D·a)",
)
def foreign_government_requests(ctx: Context) -> list[Finding]:
    """Disclosures made on a foreign government's request that were not
    reviewed (``request_reviewed`` not true).

    Core or security-graded information is critical; a review that is
    only unrecorded (rather than recorded as not done) is one step lower.

    Checklist: S7.

    Complexity: O(D·a).

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> foreign_government_requests(Context(nx.MultiDiGraph()))
    []
    """
    meta = foreign_government_requests.meta
    out: list[Finding] = []
    for view in disclosures(ctx):
        if view.attrs.get("foreign_government_request") is not True:
            continue
        reviewed = view.attrs.get("request_reviewed")
        if reviewed is True:
            continue
        rank = max((asset_rank(ctx, a) for a in view.assets), default=0)
        step = rank_step(rank) + 1 - (1 if reviewed is None else 0)
        who_ja = party_name(ctx, view.recipient, "ja")
        who_en = party_name(ctx, view.recipient, "en")
        state_ja = "審査されていません" if reviewed is False else "審査の記録がありません"
        state_en = "was not reviewed" if reviewed is False else "has no recorded review"
        out.append(
            make_finding(
                meta,
                [view.id],
                severity_at(step),
                50 + 10 * rank + (10 if reviewed is False else 0),
                f"外国政府等の要請に基づき{who_ja}へ{names(ctx, view.assets, 'ja')}を開示しましたが"
                f"（{view.date.isoformat()}）、{state_ja}。",
                f"{names(ctx, view.assets, 'en')} went to {who_en} on {view.date.isoformat()} at a "
                f"foreign government's request that {state_en}.",
                nodes=[view.recipient, *view.assets],
                edges=flow_edges(view, view.assets),
                facts={
                    "request_reviewed": reviewed,
                    "recipient": view.recipient,
                    "country": country_of(ctx, view.recipient),
                    "rank": rank,
                },
            )
        )
    return out


ANALYSES: tuple[Analysis, ...] = (
    uncovered_disclosures,
    onward_flows,
    samples_and_returns,
    uncodenamed_overseas_flows,
    foreign_government_requests,
)
