"""Analyses of the access family: who can reach graded information, whether
trade secrets are managed as secrets, and whether the foundations (an
accountable owner, grading, rules, training) exist (checklist F1, F2, F3,
P1, P2, P3, J8)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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
    asset_technologies,
    disclosures,
    gradings,
    is_graded_asset,
    organisation_of,
    technology_of_step,
)
from graphmap.analyses.knowledge import grades, is_current, name_list, step_knowers, typed_edges
from graphmap.analyses.people import (
    access_current,
    employed_outside,
    is_own_staff,
    person_links,
)
from graphmap.model import PolicyTopic, enum_label

__all__ = [
    "ANALYSES",
    "access_after_departure",
    "broad_access",
    "missing_governance",
    "missing_training",
    "trade_secret_protection_gap",
    "ungraded_technologies",
]

_TOP_GRADINGS = frozenset({"core", "security"})
_TOP_ASSET_KEY = "_graphmap_top_assets"
_WRITE_LEVELS = frozenset({"download", "edit"})
#: The subject of company-wide findings when no organisation of kind self exists.
COMPANY = "company"


# ------------------------------------------------------------------ helpers


def _current_access(ctx: Context) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """person -> [(asset, edge attributes)] for CAN_ACCESS edges in force."""
    out: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for person, asset, d in typed_edges(ctx, "CAN_ACCESS"):
        if access_current(d, ctx.as_of):
            out.setdefault(person, []).append((asset, d))
    for items in out.values():
        items.sort(key=lambda item: item[0])
    return out


def _top_asset(ctx: Context, asset: str) -> bool:
    """A top-secret asset or one describing a core / security technology
    (memoised on the context)."""
    memo: dict[str, bool] = ctx.cache(_TOP_ASSET_KEY)
    value = memo.get(asset)
    if value is None:
        value = memo[asset] = ctx.attr(asset, "secrecy") == "top_secret" or any(
            not _TOP_GRADINGS.isdisjoint(grades(ctx, t)) for t in asset_technologies(ctx, asset)
        )
    return value


def _access_severity(ctx: Context, items: Sequence[tuple[str, dict[str, Any]]]) -> Severity:
    """critical: a graded asset with download / edit; high: a graded asset;
    medium: internal information; low: public information only."""
    graded = [(a, d) for a, d in items if is_graded_asset(ctx, a)]
    if any(d.get("level") in _WRITE_LEVELS for _, d in graded):
        return Severity.critical
    if graded:
        return Severity.high
    if any(ctx.attr(a, "secrecy") != "public" for a, _ in items):
        return Severity.medium
    return Severity.low


_SEVERITY_SCORE = {Severity.critical: 85, Severity.high: 65, Severity.medium: 45, Severity.low: 20}


def _self_organisations(ctx: Context) -> list[str]:
    return [o for o in ctx.nodes("Organisation") if ctx.attr(o, "kind") == "self"]


# ------------------------------------------------- access after departure


def _project_ended(ctx: Context, project: str) -> bool:
    end = ctx.attr(project, "end")
    return ctx.attr(project, "phase") == "ended" or (end is not None and end < ctx.as_of)


@analysis(
    id="access_after_departure",
    family="access",
    title_ja="退職後・共同研究終了後も残るアクセス権",
    title_en="Access that survives departure or the end of a project",
    checklist=["P3", "J8"],
    why_ja=(
        "退職者や終了した共同研究の相手方に残ったアクセス権は、持ち出しの経路そのものです。"
        "退職・終了の時点で権限を外すのがアクセス管理の基本です。"
    ),
    why_en=(
        "Access left to people who have gone, or to partners after a project ended, is an open "
        "door for taking information out; access control means removing it when they leave."
    ),
    remedy_ja="該当するアクセス権を直ちに削除し、退職・終了時の権限削除を手続きに組み込んでください。",
    remedy_en=("Revoke the access listed now, and make revocation a step of the exit and project-close procedures."),
    params=[],
    requires=["CAN_ACCESS"],
    complexity="O(V + E)",
)
def access_after_departure(ctx: Context) -> list[Finding]:
    """Access in force (not revoked as of today) held by people who have
    left (discriminator ``departed``), or by outside participants of a
    project that ended (phase ``ended`` or end date past) to assets of that
    project (disclosed in it, or describing one of its theme technologies)
    that no still-running project of theirs justifies (``project_ended``).

    Severity: critical when a graded asset can be downloaded or edited (or
    the person left for a competitor), high for other graded assets, medium
    for internal, low for public information.

    Checklist: P3 (``departed``), J8 (``project_ended``).

    Complexity: O(V + E).

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> access_after_departure(Context(nx.MultiDiGraph()))
    []
    """
    meta = access_after_departure.meta
    current = _current_access(ctx)
    projects_of: dict[str, list[str]] = {}
    for person, project, _ in typed_edges(ctx, "PARTICIPATES_IN"):
        projects_of.setdefault(person, []).append(project)
    themes: dict[str, set[str]] = {}
    for project, tech, _ in typed_edges(ctx, "THEME"):
        themes.setdefault(project, set()).add(tech)
    disclosed: dict[str, set[str]] = {}
    for view in disclosures(ctx):
        if view.project:
            disclosed.setdefault(view.project, set()).update(view.assets)

    def belongs(asset: str, project: str) -> bool:
        if asset in disclosed.get(project, ()):
            return True
        return bool(themes.get(project, set()).intersection(asset_technologies(ctx, asset)))

    out: list[Finding] = []
    for person in sorted(current):
        items = current[person]
        pname = ctx.name(person)
        if not is_current(ctx, person):
            severity = _access_severity(ctx, items)
            dests = person_links(ctx, "MOVED_TO").get(person, [])
            to_competitor = any(ctx.attr(d, "kind") == "competitor" for d in dests)
            if to_competitor and any(is_graded_asset(ctx, a) for a, _ in items):
                severity = Severity.critical
            left = ctx.attr(person, "left")
            assets = [a for a, _ in items]
            when_ja = f"{left.isoformat()}に" if left else ""
            when_en = f" on {left.isoformat()}" if left else ""
            days = (ctx.as_of - left).days if left else None
            out.append(
                make_finding(
                    meta,
                    [person],
                    severity,
                    _SEVERITY_SCORE[severity] + min(10, len(assets)),
                    f"「{pname}」は{when_ja}退職していますが、{len(assets)}件の情報資産"
                    f"（{name_list(ctx, assets, 'ja', 3)}）へのアクセス権が残っています。",
                    f"{pname} left{when_en} but can still reach {len(assets)} information "
                    f"asset(s): {name_list(ctx, assets, 'en', 3)}.",
                    nodes=[*assets, *dests],
                    edges=[(person, a, "CAN_ACCESS") for a in assets] + [(person, d, "MOVED_TO") for d in dests],
                    facts={
                        "status": ctx.attr(person, "status", "active"),
                        "left": left,
                        "days_since_left": days,
                        "assets": assets,
                        "levels": {a: d.get("level", "read") for a, d in items},
                        "destination": dests[0] if dests else None,
                        "to_competitor": to_competitor,
                    },
                    discriminator="departed",
                    checklist=["P3"],
                )
            )
            continue
        projects = projects_of.get(person, [])
        if not projects or not employed_outside(ctx, person):
            continue
        ended = sorted(p for p in projects if _project_ended(ctx, p))
        live = [p for p in projects if not _project_ended(ctx, p)]
        for project in ended:
            kept = [(a, d) for a, d in items if belongs(a, project) and not any(belongs(a, q) for q in live)]
            if not kept:
                continue
            severity = _access_severity(ctx, kept)
            assets = [a for a, _ in kept]
            org = organisation_of(ctx, person)
            who_ja = f"「{pname}」（{ctx.name(org)}）" if org else f"「{pname}」"
            who_en = f"{pname} ({ctx.name(org)})" if org else pname
            prname = ctx.name(project)
            out.append(
                make_finding(
                    meta,
                    [person, project],
                    severity,
                    _SEVERITY_SCORE[severity] + min(10, len(assets)),
                    f"共同研究「{prname}」は終了していますが、参加者{who_ja}に"
                    f"{len(assets)}件の情報資産（{name_list(ctx, assets, 'ja', 3)}）への"
                    "アクセス権が残っています。",
                    f"The joint project {prname} has ended, but its participant {who_en} "
                    f"can still reach {len(assets)} of its information asset(s): "
                    f"{name_list(ctx, assets, 'en', 3)}.",
                    nodes=assets,
                    edges=[(person, project, "PARTICIPATES_IN")] + [(person, a, "CAN_ACCESS") for a in assets],
                    facts={
                        "project_phase": ctx.attr(project, "phase"),
                        "project_end": ctx.attr(project, "end"),
                        "organisation": org,
                        "assets": assets,
                        "levels": {a: d.get("level", "read") for a, d in kept},
                    },
                    discriminator="project_ended",
                    checklist=["J8"],
                )
            )
    return out


# ---------------------------------------------------------- broad access


def _unit_parents(ctx: Context) -> dict[str, str]:
    return {u: p for u, p, _ in typed_edges(ctx, "PART_OF") if ctx.label(u) == "Unit"}


def _within(unit: str, owners: set[str], parents: dict[str, str]) -> bool:
    """Whether ``unit`` is one of ``owners`` or lies below one of them."""
    seen: set[str] = set()
    node: str | None = unit
    while node is not None and node not in seen:
        if node in owners:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


@analysis(
    id="broad_access",
    family="access",
    title_ja="必要以上に広い格付け資産へのアクセス",
    title_en="Graded assets reachable by too many, or by outsiders",
    checklist=["P3"],
    why_ja=(
        "重要な情報に触れられる人が多いほど、また所管部署や社外の人が触れられるほど、"
        "漏えいの経路が増え、漏れたときに誰からかを特定できなくなります。"
    ),
    why_en=(
        "The more people, and the more people outside the owning unit or the company, can reach "
        "important information, the more ways it can leak and the harder a leak is to trace."
    ),
    remedy_ja=(
        "職務上必要な人だけに権限を絞り（need-to-know）、所管部署外・社外の権限は理由を確認して削除してください。"
    ),
    remedy_en=(
        "Cut access to the people whose job needs it (need-to-know); check and remove access "
        "held outside the owning unit or the company."
    ),
    params=[
        Param(
            name="max_readers",
            default=15,
            ja="1つの格付け資産にアクセスできる人数の上限",
            en="most people who may reach one graded asset",
        ),
    ],
    requires=["CAN_ACCESS"],
    complexity="O(V + E)",
)
def broad_access(ctx: Context, *, max_readers: int = 15) -> list[Finding]:
    """Graded assets reachable (access in force) by more than
    ``max_readers`` people (``too_many``), or by people outside the owning
    unit or outside the company (``outside_unit``).

    The owning unit is the asset's ``OWNED_BY_UNIT``, else that of the
    technologies it describes; members of a sub-unit (``PART_OF``) count as
    inside.  Staff with no unit on record are listed in the facts, not
    flagged.

    Checklist: P3.

    Complexity: O(V + E) (unit ancestry walks are bounded by the depth of
    the unit tree).

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> broad_access(Context(nx.MultiDiGraph()))
    []
    """
    meta = broad_access.meta
    holders: dict[str, dict[str, dict[str, Any]]] = {}
    for person, asset, d in typed_edges(ctx, "CAN_ACCESS"):
        if access_current(d, ctx.as_of):
            holders.setdefault(asset, {})[person] = d
    owned_by: dict[str, set[str]] = {}
    for node, unit, _ in typed_edges(ctx, "OWNED_BY_UNIT"):
        owned_by.setdefault(node, set()).add(unit)
    units_of: dict[str, set[str]] = {}
    for person, unit, _ in typed_edges(ctx, "MEMBER_OF"):
        units_of.setdefault(person, set()).add(unit)
    parents = _unit_parents(ctx)

    out: list[Finding] = []
    for asset in sorted(holders):
        if not is_graded_asset(ctx, asset):
            continue
        people = sorted(holders[asset])
        aname = ctx.name(asset)
        top = _top_asset(ctx, asset)
        if len(people) > max_readers:
            excess = len(people) - max_readers
            out.append(
                make_finding(
                    meta,
                    [asset],
                    Severity.high if top else Severity.medium,
                    min(90.0, (60 if top else 40) + 2 * excess),
                    f"格付け資産「{aname}」に{len(people)}人がアクセスできます（上限の目安は{max_readers}人）。",
                    f"{len(people)} people can reach the graded asset {aname} (the limit is {max_readers}).",
                    nodes=people,
                    edges=[(p, asset, "CAN_ACCESS") for p in people],
                    facts={"count": len(people), "max_readers": max_readers, "people": people},
                    discriminator="too_many",
                )
            )
        owners = set(owned_by.get(asset, set()))
        if not owners:
            for tech in asset_technologies(ctx, asset):
                owners |= owned_by.get(tech, set())
        outsiders = [p for p in people if employed_outside(ctx, p)]
        other_unit: list[str] = []
        no_unit: list[str] = []
        if owners:
            outside_set = set(outsiders)
            for p in people:
                if p in outside_set:
                    continue
                units = units_of.get(p)
                if not units:
                    no_unit.append(p)
                elif not any(_within(u, owners, parents) for u in units):
                    other_unit.append(p)
        if not outsiders and not other_unit:
            continue
        secrecy = ctx.attr(asset, "secrecy")
        writes = any(holders[asset][p].get("level") in _WRITE_LEVELS for p in outsiders)
        if outsiders and top and writes:
            severity = Severity.critical
        elif outsiders or secrecy == "department_only":
            severity = Severity.high
        else:
            severity = Severity.medium
        flagged = [*outsiders, *other_unit]
        parts_ja: list[str] = []
        parts_en: list[str] = []
        if outsiders:
            parts_ja.append(f"社外の{len(outsiders)}人（{name_list(ctx, outsiders, 'ja', 3)}）")
            parts_en.append(f"{len(outsiders)} outside the company ({name_list(ctx, outsiders, 'en', 3)})")
        if other_unit:
            parts_ja.append(f"所管部署外の{len(other_unit)}人（{name_list(ctx, other_unit, 'ja', 3)}）")
            parts_en.append(f"{len(other_unit)} outside the owning unit ({name_list(ctx, other_unit, 'en', 3)})")
        out.append(
            make_finding(
                meta,
                [asset],
                severity,
                _SEVERITY_SCORE[severity] + min(10, len(flagged)),
                f"格付け資産「{aname}」に、{'と'.join(parts_ja)}がアクセスできます。",
                f"The graded asset {aname} can be reached by {' and '.join(parts_en)}.",
                nodes=[*flagged, *sorted(owners)],
                edges=[(p, asset, "CAN_ACCESS") for p in flagged],
                facts={
                    "owner_units": sorted(owners),
                    "outside_company": outsiders,
                    "outside_unit": other_unit,
                    "unit_unknown": no_unit,
                    "secrecy": secrecy,
                },
                discriminator="outside_unit",
            )
        )
    return out


# ------------------------------------------------- trade-secret protection


@analysis(
    id="trade_secret_protection_gap",
    family="access",
    title_ja="営業秘密の管理の不備（秘密表示・アクセス制限）",
    title_en="Trade secrets not managed as secrets",
    checklist=["F3"],
    why_ja=(
        "営業秘密として法的な保護を受けるには、秘密として管理されていること（秘密表示や"
        "アクセス制限）が必要です。欠けていると、漏れても差止めや損害賠償を求められません。"
    ),
    why_en=(
        "A trade secret is protected by law only if it is managed as a secret (marking, access "
        "restriction); without that, a leak has no legal remedy."
    ),
    remedy_ja="該当資産に秘密表示を付け、アクセスできる人を限定し、その状態を台帳に記録してください。",
    remedy_en=("Mark the assets as secret, restrict who can reach them, and record both in the asset register."),
    params=[],
    requires=["InformationAsset"],
    complexity="O(V + E)",
)
def trade_secret_protection_gap(ctx: Context) -> list[Finding]:
    """Assets declared trade secrets (``trade_secret`` true, or left blank
    and describing a technology protected as a trade secret) that are not
    marked, not access-restricted, or classed public.

    ``False`` (confirmed missing) and ``None`` (not recorded) are told
    apart: confirmed gaps are high (critical for core technology);
    unrecorded ones medium for core, else low.

    Checklist: F3.

    Complexity: O(V + E).

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> trade_secret_protection_gap(Context(nx.MultiDiGraph()))
    []
    """
    meta = trade_secret_protection_gap.meta
    ts_techs = {t for t in ctx.nodes("Technology") if ctx.attr(t, "protection") == "trade_secret"}
    out: list[Finding] = []
    for asset in ctx.nodes("InformationAsset"):
        declared = ctx.attr(asset, "trade_secret")
        if declared is False:
            continue
        techs = asset_technologies(ctx, asset)
        via_tech = sorted(ts_techs.intersection(techs))
        if declared is None and not via_tech:
            continue
        secrecy = ctx.attr(asset, "secrecy")
        if declared is None and secrecy == "public":
            continue
        confirmed: list[tuple[str, str, str]] = []
        unrecorded: list[tuple[str, str, str]] = []
        for field, ja, en in (
            ("marked", "秘密表示", "secret marking"),
            ("access_restricted", "アクセス制限", "access restriction"),
        ):
            value = ctx.attr(asset, field)
            if value is False:
                confirmed.append((f"no_{field}", f"{ja}なし", f"it has no {en}"))
            elif value is None:
                unrecorded.append(
                    (
                        f"{field}_unrecorded",
                        f"{ja}の記録なし",
                        f"{en} is not recorded",
                    )
                )
        if secrecy == "public":
            confirmed.append(("classed_public", "秘密区分が「公開」", "it is classed public"))
        if not confirmed and not unrecorded:
            continue
        core = any("core" in grades(ctx, t) for t in techs)
        if confirmed:
            severity = Severity.critical if core else Severity.high
        else:
            severity = Severity.medium if core else Severity.low
        gaps = [*confirmed, *unrecorded]
        aname = ctx.name(asset)
        why_ja = "営業秘密として管理する資産" if declared else "営業秘密として守る技術を記した資産"
        why_en = (
            "is declared a trade secret"
            if declared
            else f"describes {name_list(ctx, via_tech, 'en')}, which is protected as a trade secret"
        )
        out.append(
            make_finding(
                meta,
                [asset],
                severity,
                _SEVERITY_SCORE[severity] + 5 * len(confirmed),
                f"「{aname}」は{why_ja}ですが、次の不備があります: " + "、".join(g[1] for g in gaps) + "。"
                "このままでは漏れても営業秘密として法的保護を受けられないおそれがあります。",
                f"{aname} {why_en}, but " + " and ".join(g[2] for g in gaps) + "; "
                "a leak may get no legal remedy as a trade secret.",
                nodes=[*techs],
                edges=[(asset, t, "DESCRIBES") for t in via_tech],
                facts={
                    "declared": "asset" if declared else "technology",
                    "trade_secret_technologies": via_tech,
                    "marked": ctx.attr(asset, "marked"),
                    "access_restricted": ctx.attr(asset, "access_restricted"),
                    "secrecy": secrecy,
                    "gaps": [g[0] for g in gaps],
                    "core": core,
                },
            )
        )
    return out


# ------------------------------------------------------------- training


@analysis(
    id="missing_training",
    family="access",
    title_ja="研修の未受講・期限切れ",
    title_en="Missing or out-of-date training",
    checklist=["P2"],
    why_ja=(
        "重要な情報に触れる人が情報管理の研修を定期的に受けていないと、何が秘密で"
        "どう扱うべきかが伝わらず、うっかり漏えいや巧妙な接近に対応できません。"
        "展示会や海外出張に出る人には専用の研修が必要です。"
    ),
    why_en=(
        "People who handle important information without regular training do not know what is "
        "secret or how to handle it, and miss careless leaks and clever approaches; people who "
        "staff exhibitions or travel abroad need the special module."
    ),
    remedy_ja="対象者に研修を受講させ、受講日を記録してください。展示会の担当者には事前に専用研修を実施してください。",
    remedy_en=(
        "Train the people listed and record the date; give exhibition staff the special module before the event."
    ),
    params=[
        Param(
            name="training_period_days",
            default=365,
            ja="研修の有効期間（日）",
            en="days a training stays valid",
        ),
    ],
    requires=["Person"],
    complexity="O(V + E)",
)
def missing_training(ctx: Context, *, training_period_days: int = 365) -> list[Finding]:
    """Current own staff with access in force to graded assets or knowing
    steps of graded technologies whose last training is missing or older
    than ``training_period_days`` (``periodic``); and staff who disclosed
    at an exhibition with no exhibition / travel training on record
    (``exhibition``).

    Checklist: P2.

    Complexity: O(V + E).

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> missing_training(Context(nx.MultiDiGraph()))
    []
    """
    meta = missing_training.meta
    techs_of: dict[str, set[str]] = {}
    for step, entries in step_knowers(ctx).items():
        tech = technology_of_step(ctx, step)
        if tech is None or not grades(ctx, tech):
            continue
        for person in entries:
            techs_of.setdefault(person, set()).add(tech)
    assets_of: dict[str, set[str]] = {}
    for person, asset, d in typed_edges(ctx, "CAN_ACCESS"):
        if access_current(d, ctx.as_of) and is_graded_asset(ctx, asset):
            assets_of.setdefault(person, set()).add(asset)

    out: list[Finding] = []
    for person in sorted(set(techs_of) | set(assets_of)):
        if not is_current(ctx, person) or not is_own_staff(ctx, person):
            continue
        trained: dt.date | None = ctx.attr(person, "trained")
        age = (ctx.as_of - trained).days if trained else None
        if age is not None and age <= training_period_days:
            continue
        techs = sorted(techs_of.get(person, set()))
        assets = sorted(assets_of.get(person, set()))
        top = any(not _TOP_GRADINGS.isdisjoint(grades(ctx, t)) for t in techs) or any(
            _top_asset(ctx, a) for a in assets
        )
        pname = ctx.name(person)
        knows_ja = f"{name_list(ctx, techs, 'ja', 3)}の工程を知"
        reach_ja = f"格付け資産{len(assets)}件にアクセスでき"
        if techs and assets:
            holds_ja = f"{knows_ja}り、{reach_ja}ますが"
        elif techs:
            holds_ja = f"{knows_ja}っていますが"
        else:
            holds_ja = f"{reach_ja}ますが"
        holds_en = " and ".join(
            ([f"knows steps of {name_list(ctx, techs, 'en', 3)}"] if techs else [])
            + ([f"can reach {len(assets)} graded asset(s)"] if assets else [])
        )
        if trained is None:
            severity = Severity.high if top else Severity.medium
            score = 70.0 if top else 50.0
            state_ja = "研修の受講記録がありません"
            state_en = "has no training on record"
        else:
            assert age is not None
            severity = Severity.medium if top else Severity.low
            score = min(65.0, (40 if top else 20) + (age - training_period_days) / 30)
            state_ja = f"最後の研修は{trained.isoformat()}（{age}日前）です"
            state_en = f"was last trained on {trained.isoformat()} ({age} days ago)"
        out.append(
            make_finding(
                meta,
                [person],
                severity,
                score,
                f"「{pname}」は{holds_ja}、{state_ja}（有効期間{training_period_days}日）。",
                f"{pname} {holds_en} but {state_en} (valid for {training_period_days} days).",
                nodes=[*techs, *assets],
                edges=[(person, a, "CAN_ACCESS") for a in assets],
                facts={
                    "trained": trained,
                    "days_since_training": age,
                    "training_period_days": training_period_days,
                    "technologies": techs,
                    "assets": assets,
                },
                discriminator="periodic",
            )
        )

    exhibitions: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for view in disclosures(ctx):
        if view.attrs.get("channel") == "exhibition" and ctx.label(view.sender) == "Person":
            exhibitions.setdefault(view.sender, []).append((view.id, view.assets))
    for person in sorted(exhibitions):
        if not is_current(ctx, person) or not is_own_staff(ctx, person):
            continue
        if ctx.attr(person, "special_training") is not None:
            continue
        events = exhibitions[person]
        ids = [e for e, _ in events]
        assets = sorted({a for _, ass in events for a in ass})
        graded = [a for a in assets if is_graded_asset(ctx, a)]
        pname = ctx.name(person)
        extra_ja = f"（格付け資産{len(graded)}件を含む）" if graded else ""
        extra_en = f", {len(graded)} of them graded" if graded else ""
        out.append(
            make_finding(
                meta,
                [person],
                Severity.high if graded else Severity.medium,
                70 if graded else 45,
                f"「{pname}」は展示会で{len(ids)}回情報を提供しています{extra_ja}が、"
                "展示会・海外出張向けの研修を受けた記録がありません。",
                f"{pname} gave out information at exhibitions {len(ids)} time(s) "
                f"({len(assets)} asset(s){extra_en}) with no exhibition / travel training on "
                "record.",
                nodes=[*ids, *assets],
                edges=[(person, e, "DISCLOSED") for e in ids],
                facts={"disclosures": ids, "assets": assets, "graded_assets": graded},
                discriminator="exhibition",
            )
        )
    return out


# --------------------------------------------------- ungraded technologies


@analysis(
    id="ungraded_technologies",
    family="access",
    title_ja="格付けのない技術",
    title_en="Technologies with no grading",
    checklist=["F2"],
    why_ja=(
        "守るべき技術を特定・格付けしていないと、その技術を知る人や記した資料、"
        "社外への提供に、重要度に見合った管理がかかりません。"
    ),
    why_en=(
        "A technology that was never graded gets no protection matched to its importance, "
        "although people know it, documents carry it and it flows to others."
    ),
    remedy_ja="技術の重要度を評価し、コア技術・安全保障上重要な技術などの格付けを記録してください（該当しない場合もその旨を判断してください）。",
    remedy_en=(
        "Assess the technology and record its grading (core, security, economic security, to "
        "acquire), or decide deliberately that none applies."
    ),
    params=[],
    requires=["Technology"],
    complexity="O(V + E)",
)
def ungraded_technologies(ctx: Context) -> list[Finding]:
    """Technologies with no grading that nevertheless have knowers
    (``KNOWS`` to their steps), assets describing them, or disclosures of
    such assets.

    Severity: high when marked a choke point or protected as a trade
    secret, medium when disclosed, otherwise low.

    Checklist: F2.

    Complexity: O(V + E).

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> ungraded_technologies(Context(nx.MultiDiGraph()))
    []
    """
    meta = ungraded_technologies.meta
    ungraded = [t for t in ctx.nodes("Technology") if not gradings(ctx, t)]
    if not ungraded:
        return []
    # only the ungraded technologies are gathered for: each asset's ones
    # are worked out once, and most assets (and disclosures) have none
    unrated = set(ungraded)
    of_asset: dict[str, list[str]] = {}

    def unrated_of(asset: str) -> list[str]:
        found = of_asset.get(asset)
        if found is None:
            found = of_asset[asset] = [t for t in asset_technologies(ctx, asset) if t in unrated]
        return found

    knowers: dict[str, set[str]] = {}
    for step, entries in step_knowers(ctx).items():
        tech = technology_of_step(ctx, step)
        if tech in unrated:
            knowers.setdefault(tech, set()).update(entries)
    assets: dict[str, set[str]] = {}
    for asset, _, _ in typed_edges(ctx, "DESCRIBES"):
        if ctx.label(asset) == "InformationAsset":
            for tech in unrated_of(asset):
                assets.setdefault(tech, set()).add(asset)
    flows: dict[str, set[str]] = {}
    for view in disclosures(ctx):
        for asset in view.assets:
            for tech in unrated_of(asset):
                flows.setdefault(tech, set()).add(view.id)

    out: list[Finding] = []
    for tech in ungraded:
        k = sorted(knowers.get(tech, set()))
        a = sorted(assets.get(tech, set()))
        f = sorted(flows.get(tech, set()))
        if not (k or a or f):
            continue
        signal = ctx.attr(tech, "choke_point") is True or ctx.attr(tech, "protection") == "trade_secret"
        if signal:
            severity = Severity.high
        elif f:
            severity = Severity.medium
        else:
            severity = Severity.low
        tname = ctx.name(tech)
        out.append(
            make_finding(
                meta,
                [tech],
                severity,
                min(
                    100.0,
                    {Severity.high: 65, Severity.medium: 45, Severity.low: 20}[severity] + len(f) + len(k) / 5,
                ),
                f"技術「{tname}」には格付けがありませんが、知っている人{len(k)}人、"
                f"記した資産{len(a)}件、社外などへの提供{len(f)}件があります。",
                f"The technology {tname} has no grading, yet {len(k)} people know it, "
                f"{len(a)} asset(s) describe it and it was disclosed {len(f)} time(s).",
                nodes=[*a, *f],
                edges=[],
                facts={
                    "knowers": len(k),
                    "assets": a,
                    "disclosures": f,
                    "choke_point": ctx.attr(tech, "choke_point"),
                    "protection": ctx.attr(tech, "protection"),
                },
            )
        )
    return out


# ------------------------------------------------------ missing governance


@analysis(
    id="missing_governance",
    family="access",
    title_ja="推進体制・社内規程の不備",
    title_en="Missing accountable owner or internal rules",
    checklist=["F1", "P1"],
    why_ja=(
        "技術流出対策の責任部署がないと、対策が部門ごとにばらばらになり誰も全体を見ません。"
        "保管・端末・SNSなどを定めた社内規程がない、または見直されていないと、"
        "従業員が守るべき基準がなく、漏えい時に処分や法的措置の根拠にもなりません。"
    ),
    why_en=(
        "Without a unit accountable for leakage countermeasures, measures stay scattered and "
        "no one sees the whole; without current rules on storage, devices and social networks, "
        "staff have no standard to follow and the company no basis for action after a leak."
    ),
    remedy_ja=(
        "技術流出対策の責任部署を定め、保管・端末・SNSを含む社内規程を整備し、"
        "定期的に見直して見直し日を記録してください。"
    ),
    remedy_en=(
        "Name the accountable unit; write rules covering storage, devices and social networks; "
        "review them regularly and record the review date."
    ),
    params=[
        Param(
            name="policy_review_days",
            default=730,
            ja="規程の見直し間隔の上限（日）",
            en="most days since a policy's last review",
        ),
        Param(
            name="required_topics",
            default=("storage", "devices", "social_network"),
            ja="規程が扱うべき対象",
            en="topics the rules must cover",
        ),
    ],
    requires=[],
    complexity="O(V)",
)
def missing_governance(
    ctx: Context,
    *,
    policy_review_days: int = 730,
    required_topics: Sequence[str] = ("storage", "devices", "social_network"),
) -> list[Finding]:
    """Company-wide gaps: no unit accountable for leakage countermeasures
    (``no_owner``, F1); no policy (``no_policy``) or ``required_topics``
    not covered by any policy (``topics_missing``) (P1); and per policy, a
    last review older than ``policy_review_days`` or not recorded
    (``policy_stale``, P1).

    The subject of company-wide gaps is the company's own organisation
    (kind ``self``, the first by id) or the pseudo-subject ``"company"``
    when none is recorded; a stale policy is its own subject.

    Checklist: F1 (``no_owner``), P1 (the policy gaps).

    Complexity: O(V).

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> [f.evidence.facts["gap"] for f in missing_governance(Context(nx.MultiDiGraph()))]
    ['no_owner', 'no_policy']
    """
    meta = missing_governance.meta
    selves = _self_organisations(ctx)
    subject = selves[0] if selves else COMPANY
    cname = ctx.name(subject) if selves else None
    who_ja = f"「{cname}」" if cname else "自社"
    who_en = cname or "The company"
    out: list[Finding] = []

    owners = [u for u in ctx.nodes("Unit") if ctx.attr(u, "leakage_owner") is True]
    if not owners:
        out.append(
            make_finding(
                meta,
                [subject],
                Severity.high,
                75,
                f"{who_ja}には技術流出対策の責任部署が記録されていません。",
                f"{who_en} has no unit recorded as accountable for leakage countermeasures.",
                facts={"gap": "no_owner", "checklist_item": "F1", "units": len(ctx.nodes("Unit"))},
                discriminator="no_owner",
                checklist=["F1"],
            )
        )

    policies = ctx.nodes("Policy")
    if not policies:
        out.append(
            make_finding(
                meta,
                [subject],
                Severity.high,
                70,
                f"{who_ja}には技術情報の取扱いに関する社内規程が記録されていません。",
                f"{who_en} has no internal rule on handling technical information on record.",
                facts={"gap": "no_policy", "checklist_item": "P1"},
                discriminator="no_policy",
                checklist=["P1"],
            )
        )
        return out

    stale = []
    for policy in policies:
        last = ctx.attr(policy, "reviewed")
        if last is None or (ctx.as_of - last).days > policy_review_days:
            stale.append((policy, last))
    all_stale = len(stale) == len(policies)
    for policy, last in stale:
        ptitle = ctx.name(policy)
        if last is None:
            state_ja = "は見直し日が記録されていません"
            state_en = "has no review date on record"
        else:
            days = (ctx.as_of - last).days
            state_ja = f"の最後の見直しは{last.isoformat()}（{days}日前）です"
            state_en = f"was last reviewed on {last.isoformat()} ({days} days ago)"
        out.append(
            make_finding(
                meta,
                [policy],
                Severity.medium,
                55 if all_stale else 40,
                f"社内規程「{ptitle}」{state_ja}（見直し間隔の目安は{policy_review_days}日）。",
                f"The internal rule {ptitle} {state_en} (reviews are due every {policy_review_days} days).",
                facts={
                    "gap": "policy_stale",
                    "checklist_item": "P1",
                    "reviewed": last,
                    "policy_review_days": policy_review_days,
                    "no_current_policy": all_stale,
                },
                discriminator="policy_stale",
                checklist=["P1"],
            )
        )

    covered: set[str] = set()
    for p in policies:
        covered.update(str(t) for t in ctx.attr(p, "topics", []) or [])
    missing = [t for t in required_topics if t not in covered]
    if missing:
        labels_ja = "、".join(_topic_label(t, "ja") for t in missing)
        labels_en = ", ".join(_topic_label(t, "en") for t in missing)
        out.append(
            make_finding(
                meta,
                [subject],
                Severity.medium,
                45 + 5 * len(missing),
                f"{who_ja}の社内規程は次の対象を定めていません: {labels_ja}。",
                f"{who_en}'s internal rules do not cover: {labels_en}.",
                nodes=policies,
                facts={
                    "gap": "topics_missing",
                    "checklist_item": "P1",
                    "missing_topics": missing,
                    "covered_topics": sorted(covered),
                },
                discriminator="topics_missing",
                checklist=["P1"],
            )
        )
    return out


def _topic_label(topic: str, lang: str) -> str:
    try:
        return enum_label(PolicyTopic(topic), lang)
    except ValueError:
        return topic


ANALYSES: tuple[Analysis, ...] = (
    access_after_departure,
    broad_access,
    trade_secret_protection_gap,
    missing_training,
    ungraded_technologies,
    missing_governance,
)
