"""Analyses of the people family: engineers holding know-how of graded
technologies who may take it with them (checklist P5)."""

from __future__ import annotations

import datetime as dt
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
    country_of,
    graded_technologies,
    is_graded_asset,
    steps_of,
)
from graphmap.analyses.knowledge import grades, is_current, name_list, step_knowers, typed_edges

__all__ = [
    "ANALYSES",
    "SECRECY_RANK",
    "access_current",
    "destination",
    "employed_outside",
    "escalating_disclosures",
    "is_own_staff",
    "key_person_departure_risk",
    "own_country",
    "person_links",
]

#: Values of the free-text side-jobs field that mean "none".
_NO_SIDE_JOB = frozenset({"", "-", "—", "なし", "無", "無し", "特になし", "none", "no", "n/a"})

#: Gradings whose know-how makes a departure most serious.
_TOP_GRADINGS = frozenset({"core", "security"})


# ------------------------------------------------------------------ helpers
# Shared with the access family (candidates for common.py).


def person_links(ctx: Context, etype: str) -> dict[str, list[str]]:
    """person -> sorted targets of their ``etype`` edges (``EMPLOYED_BY``,
    ``MOVED_TO``, ``MEMBER_OF`` ...): the context's shared index."""
    return ctx.edges_of(etype)


def is_own_staff(ctx: Context, person: str) -> bool:
    """Whether a person is (or was) the company's own staff: employed by an
    organisation of kind ``self``, with no employer on record, or with a
    recorded destination after leaving.  Partner staff are excluded."""
    employers = person_links(ctx, "EMPLOYED_BY").get(person)
    if not employers or any(ctx.attr(o, "kind") == "self" for o in employers):
        return True
    return person in person_links(ctx, "MOVED_TO")


def employed_outside(ctx: Context, person: str) -> bool:
    """A person employed by an outside organisation (no employer on record
    does not count: an internal roster often leaves it blank)."""
    employers = person_links(ctx, "EMPLOYED_BY").get(person, [])
    return bool(employers) and not any(ctx.attr(o, "kind") == "self" for o in employers)


def destination(ctx: Context, person: str) -> str | None:
    """Where a person went after leaving (first ``MOVED_TO`` by id)."""
    dests = person_links(ctx, "MOVED_TO").get(person)
    return dests[0] if dests else None


def access_current(d: dict[str, Any], on: dt.date) -> bool:
    """Whether a ``CAN_ACCESS`` edge is in force on ``on``: granted (or no
    grant date) and not revoked by then."""
    granted = d.get("granted")
    revoked = d.get("revoked")
    return (granted is None or granted <= on) and (revoked is None or revoked > on)


def own_country(ctx: Context, fallback: str) -> str:
    """The company's own country: that of the first organisation of kind
    ``self`` with one, else ``fallback``."""
    for org in ctx.nodes("Organisation"):
        if ctx.attr(org, "kind") == "self":
            country = country_of(ctx, org)
            if country:
                return country
    return fallback


def _has_side_job(value: Any) -> bool:
    return value is not None and str(value).strip().lower() not in _NO_SIDE_JOB


# ------------------------------------------------------ departure risk


@analysis(
    id="key_person_departure_risk",
    family="people",
    title_ja="ノウハウを持つ人の流出リスク",
    title_en="Departure risk of people holding know-how",
    checklist=["P5"],
    why_ja=(
        "格付け技術の工程を知る人や重要資料を持ち出せる人が、定年間近・兼業・外国政府への"
        "協力義務・誓約なし・競合や海外への転職といった状況にあると、ノウハウが人とともに"
        "社外へ出ていきます。"
    ),
    why_en=(
        "Know-how of graded technologies leaves with people: those close to retirement, with "
        "side jobs, with duties to a foreign government, without pledges, or already gone to "
        "a competitor or abroad are where it leaves first."
    ),
    remedy_ja=(
        "対象者と面談して処遇・再雇用・技術伝承を検討し、秘密保持・競業避止の誓約を取り、"
        "退職者には退職時の誓約の確認と転職先での利用の監視を行ってください。"
    ),
    remedy_en=(
        "Talk to the people named: retention, re-employment and hand-over of know-how; obtain "
        "confidentiality and non-compete pledges; for those who left, confirm their exit "
        "pledges and watch for use of the know-how at their new employer."
    ),
    params=[
        Param(
            name="retirement_window_days",
            default=730,
            ja="定年予定日までの日数がこれ以下なら指摘",
            en="report planned retirements within this many days",
        ),
        Param(
            name="home_country",
            default="JP",
            ja="自社の国（自社組織に国がない場合）",
            en="the company's country when its own organisation has none",
        ),
        Param(
            name="report_unrecorded_only",
            default=False,
            ja="誓約の記録がないことだけが要因の人も指摘する",
            en="also report people whose only factor is a pledge not on record",
        ),
    ],
    requires=["Person"],
    complexity="O(V + E)",
)
def key_person_departure_risk(
    ctx: Context,
    *,
    retirement_window_days: int = 730,
    home_country: str = "JP",
    report_unrecorded_only: bool = False,
) -> list[Finding]:
    """Own staff who know steps of graded technologies (any depth) or hold
    download / edit access to graded assets, and who are near retirement,
    leaving, have side jobs or a foreign-government obligation, lack a
    non-compete or confidentiality pledge (``False``: missing, ``None``:
    not recorded), or have already left (worse to a competitor or abroad,
    per ``MOVED_TO``).  One finding per person listing the reasons; people
    whose only factor is an unrecorded pledge are left out unless
    ``report_unrecorded_only`` (a data gap more than a risk signal).

    For people still employed only current access counts; for people who
    left, any download / edit access they held.

    Severity: critical when someone who knows core or security steps left
    for a competitor; otherwise from a score adding up the reasons
    (weights in ``facts['weights']``; x0.75 when no core or security
    know-how is held): 80 critical, 50 high, 25 medium, below that low.

    Checklist: P5.

    Complexity: O(V + E).

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> key_person_departure_risk(Context(nx.MultiDiGraph()))
    []
    """
    meta = key_person_departure_risk.meta
    home = own_country(ctx, home_country)
    knowers = step_knowers(ctx)
    holds_steps: dict[str, dict[str, list[str]]] = {}
    for tech in graded_technologies(ctx):
        for step in steps_of(ctx, tech):
            for person in knowers.get(step, {}):
                holds_steps.setdefault(person, {}).setdefault(tech, []).append(step)
    holds_assets: dict[str, set[str]] = {}
    for person, asset, d in typed_edges(ctx, "CAN_ACCESS"):
        if d.get("level") not in ("download", "edit") or not is_graded_asset(ctx, asset):
            continue
        if is_current(ctx, person) and not access_current(d, ctx.as_of):
            continue
        holds_assets.setdefault(person, set()).add(asset)

    out: list[Finding] = []
    for person in sorted(set(holds_steps) | set(holds_assets)):
        if ctx.label(person) != "Person" or not is_own_staff(ctx, person):
            continue
        techs = holds_steps.get(person, {})
        assets = sorted(holds_assets.get(person, set()))
        tech_ids = sorted(set(techs) | {t for a in assets for t in asset_technologies(ctx, a)})
        top = any(not _TOP_GRADINGS.isdisjoint(grades(ctx, t)) for t in tech_ids)
        reasons = _reasons(ctx, person, home, retirement_window_days)
        if not reasons or (not report_unrecorded_only and all(r[0].endswith("_unrecorded") for r in reasons)):
            continue
        codes = [r[0] for r in reasons]
        raw = sum(r[1] for r in reasons)
        score = min(100.0, raw * (1.0 if top else 0.75))
        if "to_competitor" in codes and top:
            severity = Severity.critical
        elif score >= 80:
            severity = Severity.critical
        elif score >= 50:
            severity = Severity.high
        elif score >= 25:
            severity = Severity.medium
        else:
            severity = Severity.low

        holds_ja: list[str] = []
        holds_en: list[str] = []
        if techs:
            tlist = sorted(techs)
            holds_ja.append(f"{name_list(ctx, tlist, 'ja')}の工程知識")
            holds_en.append(f"knowledge of steps of {name_list(ctx, tlist, 'en')}")
        if assets:
            holds_ja.append(f"格付け資産{len(assets)}件のダウンロード・編集権限")
            holds_en.append(f"download or edit access to {len(assets)} graded asset(s)")
        pname = ctx.name(person)
        edges: list[tuple[str, str, str]] = [(person, s, "KNOWS") for t in sorted(techs) for s in techs[t]]
        edges += [(person, a, "CAN_ACCESS") for a in assets]
        dest = destination(ctx, person)
        if dest is not None:
            edges.append((person, dest, "MOVED_TO"))
        out.append(
            make_finding(
                meta,
                [person],
                severity,
                score,
                f"「{pname}」は{'と'.join(holds_ja)}を持っています。流出リスクの要因: "
                + "、".join(r[2] for r in reasons)
                + "。",
                f"{pname} holds {' and '.join(holds_en)}. Risk factors: " + "; ".join(r[3] for r in reasons) + ".",
                nodes=[*tech_ids, *assets, *([dest] if dest else [])],
                edges=edges,
                facts={
                    "reasons": codes,
                    "weights": {r[0]: r[1] for r in reasons},
                    "technologies": tech_ids,
                    "steps_known": sum(len(v) for v in techs.values()),
                    "assets": assets,
                    "core_or_security": top,
                    "active": is_current(ctx, person),
                    "left": ctx.attr(person, "left"),
                    "planned_retirement": ctx.attr(person, "planned_retirement"),
                    "destination": dest,
                    "destination_kind": ctx.attr(dest, "kind") if dest else None,
                    "destination_country": country_of(ctx, dest) if dest else None,
                },
            )
        )
    return out


def _reasons(ctx: Context, person: str, home: str, window: int) -> list[tuple[str, int, str, str]]:
    """(code, weight, Japanese text, English text) for each risk factor."""
    out: list[tuple[str, int, str, str]] = []
    left = ctx.attr(person, "left")
    if not is_current(ctx, person):
        dest = destination(ctx, person)
        when_ja = f"{left.isoformat()}に退職済み" if left else "退職済み"
        when_en = f"left on {left.isoformat()}" if left else "has left"
        if dest is None:
            out.append(("left", 25, when_ja, when_en))
            out.append(("destination_unknown", 5, "転職先は不明", "destination unknown"))
        else:
            dname = ctx.name(dest)
            out.append(("left", 25, f"{when_ja}（転職先「{dname}」）", f"{when_en} (to {dname})"))
            if ctx.attr(dest, "kind") == "competitor":
                out.append(
                    (
                        "to_competitor",
                        40,
                        f"転職先「{dname}」は競合企業",
                        f"{dname} is a competitor",
                    )
                )
            country = country_of(ctx, dest)
            if country and country != home:
                out.append(
                    (
                        "abroad",
                        25,
                        f"転職先は海外（{country}）",
                        f"the destination is abroad ({country})",
                    )
                )
    else:
        planned = ctx.attr(person, "planned_retirement")
        if left is not None and left > ctx.as_of:
            out.append(
                (
                    "leaving_scheduled",
                    40,
                    f"{left.isoformat()}に退職予定",
                    f"leaves on {left.isoformat()}",
                )
            )
        elif planned is not None:
            days = (planned - ctx.as_of).days
            if days < 0:
                out.append(
                    (
                        "retirement_near",
                        45,
                        f"定年予定日（{planned.isoformat()}）を過ぎています",
                        f"planned retirement date {planned.isoformat()} has passed",
                    )
                )
            elif days <= window:
                out.append(
                    (
                        "retirement_near",
                        45 if days <= window // 4 else 35 if days <= window // 2 else 30,
                        f"{planned.isoformat()}に定年予定（あと{days}日）",
                        f"retires on {planned.isoformat()} (in {days} days)",
                    )
                )
    if ctx.attr(person, "foreign_gov_obligation") is True:
        out.append(
            (
                "foreign_gov_obligation",
                35,
                "外国政府への協力義務あり",
                "has an obligation to a foreign government",
            )
        )
    if _has_side_job(ctx.attr(person, "side_jobs")):
        out.append(("side_jobs", 15, "兼業・副業あり", "has side jobs"))
    for field, code, weight_missing, ja, en in (
        ("non_compete_pledge", "non_compete", 15, "競業避止誓約", "non-compete pledge"),
        (
            "confidentiality_pledge",
            "confidentiality",
            20,
            "秘密保持誓約",
            "confidentiality pledge",
        ),
    ):
        value = ctx.attr(person, field)
        if value is False:
            out.append((f"no_{code}", weight_missing, f"{ja}なし", f"no {en}"))
        elif value is None:
            out.append((f"{code}_unrecorded", weight_missing // 2, f"{ja}の記録なし", f"{en} not recorded"))
    return out


#: Secrecy classes from least to most protected.
SECRECY_RANK = {"public": 0, "company_internal": 1, "department_only": 2, "top_secret": 3}


@analysis(
    id="escalating_disclosures",
    family="people",
    title_ja="段階的に機密度が上がる個人への情報提供",
    title_en="Disclosures to one outside person that climb in secrecy",
    checklist=["P3", "P5"],
    why_ja=(
        "社外の個人（知人・SNSや展示会で知り合った相手など）に、公開情報から始めて少しずつ秘密度の高い情報を渡していくのは、"
        "産業スパイが信頼関係を築きながら情報を引き出す典型的な手口です。"
    ),
    why_en=(
        "Handing one outside individual first public, then ever more secret material is the classic pattern of "
        "a contact who builds trust to draw information out step by step."
    ),
    remedy_ja="相手と経緯を確認し、秘密情報の提供を止め、本人に面談・研修を行ってアクセス権を見直してください。",
    remedy_en=(
        "Review the contact and the history, stop secret disclosures, talk to and retrain the employee, "
        "review their access."
    ),
    params=[
        Param(
            name="min_disclosures",
            default=2,
            ja="パターンとみなす提供の回数",
            en="disclosures to the same person that make a pattern",
        ),
    ],
    requires=["Disclosure", "DISCLOSED_TO"],
    complexity="O(D log D) for D disclosures",
)
def escalating_disclosures(ctx: Context, *, min_disclosures: int = 2) -> list[Finding]:
    """Our people who disclosed to the same outside individual repeatedly,
    with the secrecy of what they gave rising over time and reaching
    graded information (checklist P3, P5).

    Complexity: O(D log D) over the disclosures; no pairwise search.
    """
    from graphmap.analyses.common import disclosures, is_outside

    meta = escalating_disclosures.meta
    pairs: dict[tuple[str, str], list[Any]] = {}
    for d in disclosures(ctx):
        if ctx.label(d.sender) != "Person" or ctx.label(d.recipient) != "Person":
            continue
        if is_outside(ctx, d.sender) or not is_outside(ctx, d.recipient):
            continue
        pairs.setdefault((d.sender, d.recipient), []).append(d)
    out: list[Finding] = []
    for (sender, recipient), items in sorted(pairs.items()):
        if len(items) < min_disclosures:
            continue
        ranks = [max((SECRECY_RANK.get(ctx.attr(a, "secrecy"), 0) for a in d.assets), default=0) for d in items]
        graded = any(is_graded_asset(ctx, a) for d in items for a in d.assets)
        if ranks[-1] <= ranks[0] or max(ranks) < 2 or not graded:
            continue
        top = max(ranks)
        severity = Severity.critical if top >= 3 else Severity.high
        ids = [d.id for d in items]
        out.append(
            make_finding(
                meta,
                [sender, recipient],
                severity,
                50 + 12 * top + min(len(items), 5) * 2,
                f"「{ctx.name(sender)}」が社外の個人「{ctx.name(recipient)}」に {len(items)} 回情報を提供し、"
                f"秘密度が段階的に上がっています（{items[0].date}〜{items[-1].date}）。",
                f"{ctx.name(sender)} gave outside individual {ctx.name(recipient)} information {len(items)} times, "
                f"climbing in secrecy ({items[0].date} to {items[-1].date}).",
                nodes=ids,
                edges=[(d.id, recipient, "DISCLOSED_TO") for d in items],
                facts={"disclosures": ids, "secrecy_ranks": ranks},
            )
        )
    return out


ANALYSES: tuple[Analysis, ...] = (key_person_departure_risk, escalating_disclosures)
