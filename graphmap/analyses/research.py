"""Analyses of the research family: joint-research projects, from theme
choice and partner checks through named participants and data handling
to closing access after the end."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

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
    country_of,
    disclosures,
    gradings,
    is_graded_asset,
    is_outside,
)
from graphmap.analyses.ownership import (
    access_active,
    country_name,
    country_reviewed,
    dd_status,
    in_edge_data,
    out_edge_data,
    risky_laws,
)
from graphmap.resources import HOME_COUNTRY

__all__ = ["ANALYSES", "joint_research_exposure"]

FAMILY = "research"

_DD_LABELS = {
    "missing": ("DDなし", "no due diligence"),
    "stale": ("DDが古い", "due diligence out of date"),
    "rejected": ("DD結果が不可", "rejected in due diligence"),
    "pending": ("DD確認中", "due diligence pending"),
    "conditional": ("DD条件付き", "cleared with conditions"),
    "cleared": ("DD問題なし", "cleared"),
}

_COUNTRY_REASONS = {
    "sanctions": ("制裁対象国", "under sanctions"),
    "non_strict": ("輸出管理厳格国以外", "outside the strict export-control group"),
    "laws": ("政府アクセス・情報協力等の法制度あり", "forced-access or intelligence laws"),
}


def _list(ctx: Context, nodes: list[str], lang: str, limit: int = 5) -> str:
    shown = [country_name(ctx, n, lang) for n in nodes[:limit]]
    text = ("、" if lang == "ja" else ", ").join(shown)
    rest = len(nodes) - len(shown)
    if rest > 0:
        text += f" ほか{rest}名・件" if lang == "ja" else f" and {rest} more"
    return text


@dataclass
class _ProjectView:
    """A project's people, flows and assets, read once."""

    id: str
    partners: list[str]
    themes: list[str]
    participants: list[str]
    flows: list[DisclosureView] = field(default_factory=list)
    #: people who received project information -> the edges showing how
    receivers: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    assets: list[str] = field(default_factory=list)
    graded: bool = False


def _project_flows(ctx: Context) -> dict[str, list[DisclosureView]]:
    """Disclosures of each project, with their onward disclosures (to
    subcontractors and others) followed through ONWARD_OF."""
    views = disclosures(ctx)
    children: dict[str, list[DisclosureView]] = defaultdict(list)
    for d in views:
        if d.onward_of:
            children[d.onward_of].append(d)
    out: dict[str, list[DisclosureView]] = defaultdict(list)
    for d in views:
        if not d.project:
            continue
        out[d.project].append(d)
    for project, direct in out.items():
        seen = {d.id for d in direct}
        stack = list(direct)
        while stack:
            d = stack.pop()
            for child in children.get(d.id, ()):
                if child.id not in seen:
                    seen.add(child.id)
                    out[project].append(child)
                    stack.append(child)
        out[project].sort(key=lambda v: (v.date, v.id))
    return out


def _family_cache(ctx: Context, name: str) -> dict[str, list[str]]:
    cache = ctx.cache("_research_family_cache")
    sub = cache.get(name)
    if sub is None:
        sub = cache[name] = {}
    assert isinstance(sub, dict)
    return sub


def _outside_accessors(ctx: Context, asset: str) -> list[str]:
    """Outside people holding access to ``asset`` on as-of (cached)."""
    cache = _family_cache(ctx, "outside_accessors")
    if asset not in cache:
        cache[asset] = [
            person
            for person, data in in_edge_data(ctx, asset, "CAN_ACCESS")
            if access_active(ctx, data) and is_outside(ctx, person)
        ]
    return cache[asset]


def _project_view(ctx: Context, project: str, flows: list[DisclosureView]) -> _ProjectView:
    pv = _ProjectView(
        id=project,
        partners=ctx.out(project, "PARTNER"),
        themes=ctx.out(project, "THEME"),
        participants=ctx.into(project, "PARTICIPATES_IN"),
        flows=flows,
    )
    receivers: dict[str, list[tuple[str, str, str]]] = {}
    assets: set[str] = set()
    expanded: set[str] = set()
    for d in flows:
        assets.update(d.assets)
        recipient = d.recipient
        if ctx.label(recipient) == "Person":
            receivers.setdefault(recipient, [(d.id, recipient, "DISCLOSED_TO")])
        elif ctx.label(recipient) == "Organisation" and recipient not in expanded:
            expanded.add(recipient)
            for person in ctx.into(recipient, "EMPLOYED_BY"):
                receivers.setdefault(person, [(d.id, recipient, "DISCLOSED_TO"), (person, recipient, "EMPLOYED_BY")])
    pv.assets = sorted(assets)
    for asset in pv.assets:
        for person in _outside_accessors(ctx, asset):
            receivers.setdefault(person, [(person, asset, "CAN_ACCESS")])
    pv.receivers = receivers
    pv.graded = any(gradings(ctx, t) for t in pv.themes) or any(is_graded_asset(ctx, a) for a in pv.assets)
    return pv


@analysis(
    id="joint_research_exposure",
    family=FAMILY,
    title_ja="共同研究の管理の抜け",
    title_en="Gaps in joint-research controls",
    checklist=["J1", "J2", "J4", "J5", "J7", "J8"],
    why_ja=(
        "共同研究では相手先だけでなく、その下請けや学生まで情報が届きます。テーマの重要性と"
        "相手の確認、参加者の特定、学生の誓約、利用ルール、自社管理の基盤での共有、終了時の"
        "アクセス停止のどれかが欠けると、研究データがそのまま持ち出されるおそれがあります。"
    ),
    why_en=(
        "Joint research carries information to the partner and on to its subcontractors and "
        "students. A gap in any of theme choice against partner checks, named participants, "
        "students' pledges, usage rules, sharing on an own controlled platform, or closing "
        "access at the end lets research data walk out."
    ),
    remedy_ja=(
        "重要技術を含むテーマは相手先の確認を済ませてから始め、参加者を契約で特定し、"
        "学生からは個別に誓約を取り、研究計画と取扱ルールの確認を得て、自社管理の基盤で共有し、"
        "終了時にはアクセス権を剥奪してください。"
    ),
    remedy_en=(
        "Start projects on graded themes only after partner checks; name participants in the "
        "contract; take personal pledges from students; have the research plan and handling "
        "rules acknowledged; share on an own controlled platform; revoke access at the end."
    ),
    params=[
        Param(
            name="max_age_days",
            default=1095,
            ja="相手先デューデリジェンスの有効期間（日）",
            en="days a partner's due diligence stays current",
        ),
        Param(
            name="sensitive_gradings",
            default=["core", "security"],
            ja="慎重なテーマ選定を要する格付け",
            en="gradings that make a theme sensitive",
        ),
    ],
    requires=["Project"],
    complexity="O(R + D + E_r): projects, disclosures and the edges around them",
)
def joint_research_exposure(
    ctx: Context,
    *,
    max_age_days: int = 1095,
    sensitive_gradings: list[str] | tuple[str, ...] = ("core", "security"),
) -> list[Finding]:
    """Per joint-research project, one finding per kind of gap.

    ``theme``: themes with a sensitive grading, weighed against the
    partners' organisation due diligence (J1). ``country``: partners in a
    country that is sanctioned, or outside the strict export-control
    group or with forced-access laws and not reviewed (J2).
    ``unnamed``: people who received project information (recipients of
    the project's disclosures and onward disclosures, the people of a
    recipient organisation, outside people with access to disclosed
    assets) who are not named participants (J5). ``student_pledge``:
    students among participants and receivers without a confidentiality
    pledge (J4). ``plan``: no acknowledged research plan (J7).
    ``platform``: not on an own controlled platform, or data copied to the
    recipient's devices (J8). ``access_after_end``: outside participants
    or receivers keeping access to disclosed assets after the project
    ended (J8).

    Checklist: J1, J2, J4, J5, J7, J8: each finding names the item of
    its kind of gap, as listed above.

    Complexity: O(R + D + E_r): projects, disclosures and the edges
    incident to the projects' partners, people and assets.

    Examples
    --------
    >>> import datetime as dt
    >>> from graphmap.graph import build_graph
    >>> from graphmap.dataset import Dataset, check_dataset
    >>> from graphmap import model as m
    >>> ds = Dataset()
    >>> ds.add(m.Project(id="R", name="研究", research_plan_acknowledged=True, own_platform=True))
    >>> check_dataset(ds)
    []
    >>> joint_research_exposure(Context(build_graph(ds), dt.date(2026, 1, 1)))
    []
    """
    meta = joint_research_exposure.meta
    sensitive = set(sensitive_gradings)
    findings: list[Finding] = []
    flows_by_project = _project_flows(ctx)
    for project in ctx.nodes("Project"):
        pv = _project_view(ctx, project, flows_by_project.get(project, []))
        pname = ctx.name(project)
        partner_edges = [(project, p, "PARTNER") for p in pv.partners]
        phase = ctx.attr(project, "phase", "execution")
        end = ctx.attr(project, "end")
        ended = phase == "ended" or (end is not None and end < ctx.as_of)

        # J1: sensitive themes weighed against partner due diligence
        hot = [t for t in pv.themes if sensitive & set(gradings(ctx, t))]
        if hot:
            statuses = {p: dd_status(ctx, p, "organisation", max_age_days) for p in pv.partners}
            kinds = {s for s, _ in statuses.values()}
            if "rejected" in kinds:
                sev, score = Severity.critical, 95.0
            elif kinds & {"missing", "pending", "stale"}:
                sev, score = Severity.high, 80.0
            elif "conditional" in kinds:
                sev, score = Severity.medium, 55.0
            else:
                sev, score = Severity.low, 25.0
            dd_ja = _list_dd(ctx, statuses, "ja")
            dd_en = _list_dd(ctx, statuses, "en")
            edges = [*partner_edges, *((project, t, "THEME") for t in hot)]
            edges += [(dd, p, "ASSESSES") for p, (_, dd) in sorted(statuses.items()) if dd]
            findings.append(
                make_finding(
                    meta,
                    [project],
                    sev,
                    score,
                    (
                        f"共同研究「{pname}」のテーマに重要技術（{_list(ctx, hot, 'ja')}）が"
                        f"含まれます。相手先の確認状況: {dd_ja}。"
                    ),
                    (
                        f"Joint research {pname} works on sensitive technology "
                        f"({_list(ctx, hot, 'en')}). Partner checks: {dd_en}."
                    ),
                    nodes=[*hot, *pv.partners],
                    edges=edges,
                    facts={
                        "kind": "theme",
                        "themes": hot,
                        "partners": {p: s for p, (s, _) in sorted(statuses.items())},
                    },
                    discriminator="theme",
                    checklist=["J1"],
                )
            )

        # J2: partner countries
        country_hits: dict[str, list[str]] = {}
        countries: dict[str, str] = {}
        for p in pv.partners:
            c = country_of(ctx, p)
            if c is None or c == HOME_COUNTRY:
                continue
            reasons = []
            if ctx.attr(c, "sanctions") is True:
                reasons.append("sanctions")
            if ctx.attr(c, "strict_export_control") is not True:
                reasons.append("non_strict")
            if risky_laws(ctx, c):
                reasons.append("laws")
            reviewed = country_reviewed(ctx, c)
            if "sanctions" in reasons or (reasons and not reviewed):
                country_hits[p] = reasons
                countries[p] = c
        if country_hits:
            sanctioned = any("sanctions" in r for r in country_hits.values())
            if sanctioned:
                sev, score = Severity.critical, 95.0
            elif pv.graded:
                sev, score = Severity.high, 75.0
            else:
                sev, score = Severity.medium, 50.0
            hit_partners = sorted(country_hits)
            desc_ja = "、".join(
                f"{ctx.name(p)}（{country_name(ctx, countries[p], 'ja')}: "
                + "・".join(_COUNTRY_REASONS[r][0] for r in country_hits[p])
                + "）"
                for p in hit_partners
            )
            desc_en = "; ".join(
                f"{ctx.name(p)} ({country_name(ctx, countries[p], 'en')}: "
                + ", ".join(_COUNTRY_REASONS[r][1] for r in country_hits[p])
                + ")"
                for p in hit_partners
            )
            cs = sorted(set(countries.values()))
            findings.append(
                make_finding(
                    meta,
                    [project],
                    sev,
                    score,
                    (f"共同研究「{pname}」の相手先の所在国に、審査の済んでいない注意国があります: {desc_ja}。"),
                    (
                        f"Partners of joint research {pname} sit in countries that need care "
                        f"and have not been reviewed: {desc_en}."
                    ),
                    nodes=[*hit_partners, *cs],
                    edges=[
                        *((project, p, "PARTNER") for p in hit_partners),
                        *((p, countries[p], "LOCATED_IN") for p in hit_partners),
                    ],
                    facts={
                        "kind": "country",
                        "partners": {p: country_hits[p] for p in hit_partners},
                        "countries": cs,
                    },
                    discriminator="country",
                    checklist=["J2"],
                )
            )

        # J5: people who received project information but are not named
        named = set(pv.participants)
        unnamed = sorted(p for p in pv.receivers if p not in named and is_outside(ctx, p))
        if unnamed:
            students = [p for p in unnamed if ctx.attr(p, "student") is True]
            obliged = [p for p in unnamed if ctx.attr(p, "foreign_gov_obligation") is True]
            severe = bool(students or obliged or pv.graded)
            edges = []
            for p in unnamed:
                edges.extend(pv.receivers[p])
            findings.append(
                make_finding(
                    meta,
                    [project],
                    Severity.high if severe else Severity.medium,
                    min(100.0, (65.0 if severe else 45.0) + 3 * len(unnamed)),
                    (
                        f"共同研究「{pname}」の情報を、参加者として特定されていない"
                        f"{len(unnamed)}名（{_list(ctx, unnamed, 'ja')}）が受け取っています。"
                    ),
                    (
                        f"{len(unnamed)} people received information of joint research {pname} "
                        f"without being named participants: {_list(ctx, unnamed, 'en')}."
                    ),
                    nodes=unnamed,
                    edges=list(dict.fromkeys(edges)),
                    facts={
                        "kind": "unnamed",
                        "people": unnamed,
                        "students": students,
                        "foreign_gov_obligation": obliged,
                        "graded": pv.graded,
                    },
                    discriminator="unnamed",
                    checklist=["J5"],
                )
            )

        # J4: students without a confidentiality pledge
        people = sorted(named | set(pv.receivers))
        students = [
            p
            for p in people
            if ctx.label(p) == "Person"
            and ctx.attr(p, "student") is True
            and ctx.attr(p, "confidentiality_pledge") is not True
        ]
        if students:
            edges = []
            for p in students:
                if p in named:
                    edges.append((p, project, "PARTICIPATES_IN"))
                else:
                    edges.extend(pv.receivers[p])
            findings.append(
                make_finding(
                    meta,
                    [project],
                    Severity.high if pv.graded else Severity.medium,
                    min(100.0, (70.0 if pv.graded else 45.0) + 3 * len(students)),
                    (
                        f"共同研究「{pname}」に関わる学生{len(students)}名"
                        f"（{_list(ctx, students, 'ja')}）から秘密保持の誓約を得ていません。"
                    ),
                    (
                        f"{len(students)} student(s) involved in joint research {pname} have "
                        f"given no confidentiality pledge: {_list(ctx, students, 'en')}."
                    ),
                    nodes=students,
                    edges=list(dict.fromkeys(edges)),
                    facts={"kind": "student_pledge", "students": students, "graded": pv.graded},
                    discriminator="student_pledge",
                    checklist=["J4"],
                )
            )

        # J7: research plan and handling rules acknowledged
        if ctx.attr(project, "research_plan_acknowledged") is not True:
            early = phase == "preparation" and not pv.flows
            if early:
                sev, score = Severity.low, 20.0
            elif pv.graded:
                sev, score = Severity.medium, 55.0
            else:
                sev, score = Severity.low, 35.0
            findings.append(
                make_finding(
                    meta,
                    [project],
                    sev,
                    score,
                    (f"共同研究「{pname}」では、研究計画と情報の取扱ルールについて参加者の確認が記録されていません。"),
                    (
                        f"Joint research {pname} has no record that participants acknowledged "
                        "the research plan and the handling rules."
                    ),
                    edges=partner_edges,
                    facts={
                        "kind": "plan",
                        "research_plan_acknowledged": ctx.attr(project, "research_plan_acknowledged"),
                        "phase": phase,
                    },
                    discriminator="plan",
                    checklist=["J7"],
                )
            )

        # J8: own controlled platform, no copies
        copies = [d for d in pv.flows if d.attrs.get("copied_to_recipient") is True]
        no_platform = ctx.attr(project, "own_platform") is False
        if copies or no_platform:
            graded_copies = [d for d in copies if any(is_graded_asset(ctx, a) for a in d.assets)]
            severe = bool(graded_copies) or (no_platform and pv.graded)
            parts_ja, parts_en = [], []
            if no_platform:
                parts_ja.append(f"共同研究「{pname}」は自社管理の共有基盤を使っていません。")
                parts_en.append(f"Joint research {pname} does not use an own controlled platform.")
            if copies:
                parts_ja.append(
                    f"共同研究「{pname}」の情報提供のうち{len(copies)}件で、データが相手方の端末へ複製されています。"
                )
                parts_en.append(
                    f"In {len(copies)} disclosure(s) of joint research {pname} the data was "
                    "copied to the recipient's devices."
                )
            edges = []
            for d in copies:
                if d.project == project:
                    edges.append((d.id, project, "IN_PROJECT"))
                elif d.onward_of:
                    edges.append((d.id, d.onward_of, "ONWARD_OF"))
                edges.append((d.id, d.recipient, "DISCLOSED_TO"))
                edges.extend((d.id, a, "USED") for a in d.assets)
            findings.append(
                make_finding(
                    meta,
                    [project],
                    Severity.high if severe else Severity.medium,
                    (75.0 if severe else 50.0) + min(20.0, 2 * len(copies)),
                    "".join(parts_ja),
                    " ".join(parts_en),
                    nodes=[d.id for d in copies],
                    edges=edges,
                    facts={
                        "kind": "platform",
                        "own_platform": ctx.attr(project, "own_platform"),
                        "copied": [d.id for d in copies],
                        "graded_copied": [d.id for d in graded_copies],
                    },
                    discriminator="platform",
                    checklist=["J8"],
                )
            )

        # J8: access kept after the end
        if ended and pv.assets:
            asset_set = set(pv.assets)
            holders = sorted(p for p in named | set(pv.receivers) if ctx.label(p) == "Person" and is_outside(ctx, p))
            kept: dict[str, list[str]] = {}
            for p in holders:
                reach = sorted(
                    a for a, data in out_edge_data(ctx, p, "CAN_ACCESS") if a in asset_set and access_active(ctx, data)
                )
                if reach:
                    kept[p] = reach
            if kept:
                kept_people = sorted(kept)
                kept_assets = sorted({a for v in kept.values() for a in v})
                graded = any(is_graded_asset(ctx, a) for a in kept_assets)
                findings.append(
                    make_finding(
                        meta,
                        [project],
                        Severity.high if graded else Severity.medium,
                        min(100.0, (75.0 if graded else 50.0) + 2 * len(kept_people)),
                        (
                            f"終了した共同研究「{pname}」の相手側関係者{len(kept_people)}名"
                            f"（{_list(ctx, kept_people, 'ja')}）が、提供した情報資産への"
                            "アクセス権を保持したままです。"
                        ),
                        (
                            f"Joint research {pname} has ended, yet {len(kept_people)} "
                            f"partner-side people still have access to assets it shared: "
                            f"{_list(ctx, kept_people, 'en')}."
                        ),
                        nodes=[*kept_people, *kept_assets],
                        edges=[(p, a, "CAN_ACCESS") for p in kept_people for a in kept[p]],
                        facts={
                            "kind": "access_after_end",
                            "access": kept,
                            "phase": phase,
                            "end": end.isoformat() if end else None,
                        },
                        discriminator="access_after_end",
                        checklist=["J8"],
                    )
                )
    return findings


def _list_dd(ctx: Context, statuses: dict[str, tuple[str, str | None]], lang: str) -> str:
    if not statuses:
        return "相手先の登録なし" if lang == "ja" else "no partner on record"
    i = 0 if lang == "ja" else 1
    parts = [
        f"{ctx.name(p)}（{_DD_LABELS[s][i]}）" if lang == "ja" else f"{ctx.name(p)} ({_DD_LABELS[s][i]})"
        for p, (s, _) in sorted(statuses.items())
    ]
    return ("、" if lang == "ja" else ", ").join(parts)


ANALYSES: tuple[Analysis, ...] = (joint_research_exposure,)
