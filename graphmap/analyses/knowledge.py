"""Analyses of the knowledge family: who holds the process know-how of the
graded technologies (checklist P4, "split the process; few people know
all of it").

All three read the ``KNOWS`` edges (Person -> ProcessStep, attributes
``depth`` full/partial and ``mode`` tacit/documented) and count only people
still employed as knowers; former employees are the people family's
concern.  Each builds its indexes with one pass over the edges.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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
from graphmap.analyses.common import graded_technologies, gradings, is_active_person, steps_of
from graphmap.model import Grading, KnowledgeMode, enum_label

__all__ = [
    "ANALYSES",
    "full_process_knowers",
    "grades",
    "grading_text",
    "is_current",
    "name_list",
    "sole_knowers",
    "step_knowers",
    "truck_factor",
    "typed_edges",
]

_EDGE_INDEX_KEY = "_graphmap_typed_edges"
_KNOWERS_KEY = "_graphmap_step_knowers"
_ACTIVE_KEY = "_graphmap_active"
_GRADES_KEY = "_graphmap_grades"

#: Gradings whose loss is treated as the most serious.
_TOP_GRADINGS = frozenset({"core", "security"})


# ------------------------------------------------------------------ helpers
# Shared with the people and access families (candidates for common.py).


def typed_edges(ctx: Context, etype: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every edge of type ``etype`` as (source, target, attributes)."""
    return ctx.typed_edges(etype)


def is_current(ctx: Context, person: str) -> bool:
    """:func:`~graphmap.analyses.common.is_active_person` as of today,
    memoised on the context."""
    memo: dict[str, bool] = ctx.cache(_ACTIVE_KEY)
    value = memo.get(person)
    if value is None:
        value = memo[person] = is_active_person(ctx, person)
    return value


def grades(ctx: Context, tech: str) -> frozenset[str]:
    """The technology's gradings as a set, memoised on the context."""
    memo: dict[str, frozenset[str]] = ctx.cache(_GRADES_KEY)
    value = memo.get(tech)
    if value is None:
        value = memo[tech] = frozenset(gradings(ctx, tech))
    return value


def step_knowers(ctx: Context) -> dict[str, dict[str, dict[str, Any]]]:
    """step -> person -> attributes of the ``KNOWS`` edge (cached)."""
    cached: dict[str, dict[str, dict[str, Any]]] = ctx.cache(_KNOWERS_KEY)
    if not cached:
        for person, step, d in typed_edges(ctx, "KNOWS"):
            cached.setdefault(step, {})[person] = d
    return cached


def _counts(d: dict[str, Any], count_partial: bool) -> bool:
    """Whether a KNOWS edge counts as holding the step."""
    return count_partial or d.get("depth", "full") == "full"


def name_list(ctx: Context, ids: Sequence[str], lang: str, limit: int = 5) -> str:
    """Names of ``ids`` for a message: 「A」「B」ほか3件 / A, B and 3 more."""
    shown = [ctx.name(i) for i in ids[:limit]]
    rest = len(ids) - len(shown)
    if lang == "ja":
        text = "".join(f"「{n}」" for n in shown)
        return text + (f"ほか{rest}件" if rest > 0 else "")
    text = ", ".join(shown)
    return text + (f" and {rest} more" if rest > 0 else "")


def grading_text(ctx: Context, tech: str, lang: str) -> str:
    """The technology's gradings as words (コア技術・… / core technology, …)."""
    sep = "・" if lang == "ja" else ", "
    return sep.join(enum_label(Grading(g), lang) for g in gradings(ctx, tech))


def _top_graded(ctx: Context, tech: str) -> bool:
    return not _TOP_GRADINGS.isdisjoint(grades(ctx, tech))


def _knows_edges(people: Iterable[str], steps: Sequence[str]) -> list[tuple[str, str, str]]:
    return [(p, s, "KNOWS") for p in people for s in steps]


# ---------------------------------------------------------- full knowers


@analysis(
    id="full_process_knowers",
    family="knowledge",
    title_ja="全工程を知る人の集中・過多",
    title_en="People who know the whole process",
    checklist=["P4"],
    why_ja=(
        "工程をすべて知る人が1人だけだと、その人の退職や引き抜きで技術が失われ、"
        "その人を通じて全体が流出します。逆に全体を知る人が多すぎると、"
        "工程を分割して守る対策が働いていません。"
    ),
    why_en=(
        "When only one person knows every step, the technology is lost, or leaks whole, "
        "with that person; when many people know every step, the process has not been "
        "split to limit what any one person can take."
    ),
    remedy_ja=(
        "全工程を知る人を意図して少数（2〜3人）に絞り、後継者を育てつつ、"
        "それ以外の人には担当工程だけを知らせてください。"
    ),
    remedy_en=(
        "Keep the people who know the whole process few and deliberate (two or three), "
        "train a successor, and give everyone else only the steps their job needs."
    ),
    params=[
        Param(
            name="max_full_knowers",
            default=3,
            ja="全工程を知る人数の上限",
            en="most people who may know every step",
        ),
        Param(
            name="count_partial",
            default=False,
            ja="一部のみの知識も「知っている」に数える",
            en="count partial knowledge of a step as knowing it",
        ),
    ],
    requires=["Technology", "ProcessStep", "KNOWS"],
    complexity="O(V + E)",
)
def full_process_knowers(ctx: Context, *, max_full_knowers: int = 3, count_partial: bool = False) -> list[Finding]:
    """Graded technologies whose whole process is known by a single current
    employee, or by more than ``max_full_knowers``.

    A full-process knower is an active person with a ``KNOWS`` edge of depth
    ``full`` (any depth when ``count_partial``) to every step of the
    technology.

    Checklist: P4.

    Complexity: O(V + E): each KNOWS edge is read once per technology its
    step belongs to.

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> full_process_knowers(Context(nx.MultiDiGraph()))
    []
    """
    meta = full_process_knowers.meta
    knowers = step_knowers(ctx)
    out: list[Finding] = []
    for tech in graded_technologies(ctx):
        steps = steps_of(ctx, tech)
        if not steps:
            continue
        counts: dict[str, int] = {}
        for step in steps:
            for person, d in knowers.get(step, {}).items():
                if _counts(d, count_partial) and is_current(ctx, person):
                    counts[person] = counts.get(person, 0) + 1
        full = sorted(p for p, c in counts.items() if c == len(steps))
        if not full or (1 < len(full) <= max_full_knowers):
            continue
        facts: dict[str, Any] = {
            "technology": tech,
            "grading": gradings(ctx, tech),
            "steps": len(steps),
            "full_knowers": full,
            "count": len(full),
            "max_full_knowers": max_full_knowers,
            "count_partial": count_partial,
        }
        edges = _knows_edges(full, steps)
        tname = ctx.name(tech)
        if len(full) == 1:
            person = full[0]
            pname = ctx.name(person)
            top = _top_graded(ctx, tech)
            out.append(
                make_finding(
                    meta,
                    [tech, person],
                    Severity.critical if top else Severity.high,
                    90 if top else 75,
                    f"「{tname}」（{grading_text(ctx, tech, 'ja')}）の全{len(steps)}工程を"
                    f"知っている在籍者は「{pname}」ただ1人です。この人が抜ければ工程全体の"
                    "ノウハウが失われ、この人を通じて全体が流出するおそれもあります。",
                    f"Only one current employee, {pname}, knows all {len(steps)} steps of "
                    f"{tname} ({grading_text(ctx, tech, 'en')}): the whole process depends on, "
                    "and could leave with, this one person.",
                    nodes=steps,
                    edges=edges,
                    facts=facts,
                    discriminator="single",
                )
            )
        else:
            excess = len(full) - max_full_knowers
            core = "core" in grades(ctx, tech)
            out.append(
                make_finding(
                    meta,
                    [tech],
                    Severity.high if core else Severity.medium,
                    min(90.0, (55 if core else 40) + 5 * excess),
                    f"「{tname}」の全{len(steps)}工程を知っている在籍者が{len(full)}人います"
                    f"（目安の上限は{max_full_knowers}人）。工程が分割されておらず、"
                    f"{name_list(ctx, full, 'ja')}の誰からでも全体が漏れえます。",
                    f"{len(full)} current staff know all {len(steps)} steps of {tname} "
                    f"(the limit is {max_full_knowers}): the process is not split, and any of "
                    f"{name_list(ctx, full, 'en')} could leak all of it.",
                    nodes=[*full, *steps],
                    edges=edges,
                    facts=facts,
                    discriminator="many",
                )
            )
    return out


# ---------------------------------------------------------- sole knowers


@analysis(
    id="sole_knowers",
    family="knowledge",
    title_ja="1人しか知らない工程・誰も知らない工程",
    title_en="Process steps known by one person, or by nobody",
    checklist=["P4"],
    why_ja=(
        "1人しか知らない工程は、その人の退職・引き抜きで失われ、その人の判断ひとつで"
        "外に出ます。在籍者の誰も知らない工程は、ノウハウが記録・継承されていません。"
    ),
    why_en=(
        "A step only one person knows is lost, or leaks, with that person; a step no current "
        "employee knows means the know-how was never captured or has already walked out."
    ),
    remedy_ja=(
        "後継者を指名して知識を共有し、暗黙知は文書化して管理下の資産にしてください。"
        "誰も知らない工程は、知っている人（退職者を含む）を特定して記録してください。"
    ),
    remedy_en=(
        "Name a successor and share the know-how; turn tacit know-how into a controlled "
        "document. For steps nobody knows, find who does (former staff included) and record it."
    ),
    params=[
        Param(
            name="count_partial",
            default=False,
            ja="一部のみの知識も「知っている」に数える",
            en="count partial knowledge of a step as knowing it",
        ),
    ],
    requires=["Technology", "ProcessStep", "KNOWS"],
    complexity="O(V + E)",
)
def sole_knowers(ctx: Context, *, count_partial: bool = False) -> list[Finding]:
    """Steps of graded technologies known by exactly one current employee
    (discriminator ``sole``), or by none (``unknown``, lower severity: the
    knowledge is not captured; higher when former staff knew it).
    Technologies with no recorded knowledge at all are skipped: their
    know-how was never inventoried, a gap in the data rather than one
    finding per step.

    Checklist: P4.

    Complexity: O(V + E).

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> sole_knowers(Context(nx.MultiDiGraph()))
    []
    """
    meta = sole_knowers.meta
    knowers = step_knowers(ctx)
    out: list[Finding] = []
    for tech in graded_technologies(ctx):
        top = _top_graded(ctx, tech)
        tname = ctx.name(tech)
        steps = steps_of(ctx, tech)
        if not any(knowers.get(s) for s in steps):
            continue  # knowledge of this technology was never recorded
        for step in steps:
            entries = knowers.get(step, {})
            active = sorted(p for p, d in entries.items() if _counts(d, count_partial) and is_current(ctx, p))
            sname = ctx.name(step)
            if len(active) == 1:
                person = active[0]
                mode = str(entries[person].get("mode", "tacit"))
                tacit = mode != "documented"
                rank = (0 if top else 1) + (0 if tacit else 1)
                severity = (Severity.critical, Severity.high, Severity.medium)[rank]
                pname = ctx.name(person)
                mode_ja = enum_label(KnowledgeMode(mode), "ja")
                mode_en = enum_label(KnowledgeMode(mode), "en")
                out.append(
                    make_finding(
                        meta,
                        [step, person],
                        severity,
                        (85, 65, 45)[rank],
                        f"「{tname}」の工程「{sname}」を知っている在籍者は「{pname}」だけです"
                        f"（知識の形態: {mode_ja}）。",
                        f"Only {pname} among current staff knows the step {sname} of {tname} ({mode_en} knowledge).",
                        nodes=[tech],
                        edges=[(person, step, "KNOWS"), (step, tech, "STEP_OF")],
                        facts={
                            "technology": tech,
                            "grading": gradings(ctx, tech),
                            "knower": person,
                            "mode": mode,
                            "depth": entries[person].get("depth", "full"),
                            "count_partial": count_partial,
                        },
                        discriminator="sole",
                    )
                )
            elif not active:
                former = sorted(p for p in entries if not is_current(ctx, p))
                partial = sorted(p for p, d in entries.items() if not _counts(d, count_partial) and is_current(ctx, p))
                rank = (1 if top else 2) - (1 if former else 0)
                severity = (Severity.high, Severity.medium, Severity.low)[rank]
                extra_ja = extra_en = ""
                if former:
                    extra_ja += f"以前は{name_list(ctx, former, 'ja')}が知っていました（退職済み）。"
                    extra_en += f" It was known by former staff: {name_list(ctx, former, 'en')}."
                if partial:
                    extra_ja += f"一部だけ知る人: {name_list(ctx, partial, 'ja')}。"
                    extra_en += f" Known in part by {name_list(ctx, partial, 'en')}."
                out.append(
                    make_finding(
                        meta,
                        [step],
                        severity,
                        (60, 40, 25)[rank],
                        f"「{tname}」の工程「{sname}」を知っている在籍者が記録されていません。" + extra_ja,
                        f"No current employee is recorded as knowing the step {sname} of {tname}." + extra_en,
                        nodes=[tech, *former, *partial],
                        edges=[
                            (step, tech, "STEP_OF"),
                            *((p, step, "KNOWS") for p in [*former, *partial]),
                        ],
                        facts={
                            "technology": tech,
                            "grading": gradings(ctx, tech),
                            "former_knowers": former,
                            "partial_knowers": partial,
                            "count_partial": count_partial,
                        },
                        discriminator="unknown",
                    )
                )
    return out


# ----------------------------------------------------------- truck factor


def _greedy_truck_factor(
    known: dict[str, set[str]], steps: Sequence[str], coverage_threshold: float
) -> tuple[int, list[str]]:
    """Avelino et al. (2016): remove people in order of how many steps they
    know (ties by id) until more than ``coverage_threshold`` of the steps
    have no knower.  Returns (truck factor, the people removed)."""
    cover = {s: 0 for s in steps}
    for ss in known.values():
        for s in ss:
            cover[s] += 1
    limit = coverage_threshold * len(steps)
    orphaned = sum(1 for c in cover.values() if c == 0)
    removed: list[str] = []
    for person in sorted(known, key=lambda p: (-len(known[p]), p)):
        if orphaned > limit:
            break
        removed.append(person)
        for s in known[person]:
            cover[s] -= 1
            if cover[s] == 0:
                orphaned += 1
    return len(removed), removed


def _smallest_departure_set(
    known: dict[str, set[str]], steps: Sequence[str], coverage_threshold: float, max_size: int
) -> tuple[int, list[str]] | None:
    """The smallest set of people (at most ``max_size``) whose departure
    leaves more than ``coverage_threshold`` of ``steps`` with no knower, or
    None when every such set is larger.

    An orphaned step has all its knowers in the set, so only steps with at
    most ``max_size`` knowers ("fragile" steps) matter and the set is a
    union of their knower sets.  The search enumerates those unions, pruned
    by an upper bound on the steps a set can orphan (each orphaned step is
    known by one of its members).  Among the smallest sets it prefers the
    one orphaning most steps, then the lowest ids.

    Complexity: O(F^k 2^k) for F distinct fragile knower sets and
    k = ``max_size`` in the worst case; in practice the bound prunes most.
    """
    limit = coverage_threshold * len(steps)
    step_set = set(steps)
    holders: dict[str, set[str]] = {s: set() for s in steps}
    for person, ss in known.items():
        for s in ss:
            if s in step_set:
                holders[s].add(person)
    zero = sum(1 for h in holders.values() if not h)
    if zero > limit:
        return 0, []
    weight: dict[frozenset[str], int] = {}
    fragile_of: dict[str, int] = {}
    for h in holders.values():
        if 0 < len(h) <= max_size:
            key = frozenset(h)
            weight[key] = weight.get(key, 0) + 1
            for p in h:
                fragile_of[p] = fragile_of.get(p, 0) + 1
    ranked = sorted(fragile_of, key=lambda p: (-fragile_of[p], p))

    def bound(members: frozenset[str]) -> int:
        budget = max_size - len(members)
        extra = 0
        for p in ranked:
            if budget <= 0:
                break
            if p not in members:
                extra += fragile_of[p]
                budget -= 1
        return zero + sum(fragile_of.get(p, 0) for p in members) + extra

    def orphaned(members: frozenset[str]) -> int:
        total = zero
        items = sorted(members)
        n = len(items)
        for mask in range(1, 1 << n):
            sub = frozenset(items[i] for i in range(n) if mask >> i & 1)
            total += weight.get(sub, 0)
        return total

    if bound(frozenset()) <= limit:
        return None
    sets = sorted(weight, key=lambda s: (len(s), sorted(s)))
    best: tuple[int, int, list[str]] | None = None
    seen: set[frozenset[str]] = set()
    stack: list[frozenset[str]] = [frozenset()]
    while stack:
        current = stack.pop()
        for group in sets:
            union = current | group
            if len(union) > max_size or union == current or union in seen:
                continue
            seen.add(union)
            count = orphaned(union)
            if count > limit:
                cand = (len(union), -count, sorted(union))
                if best is None or cand < best:
                    best = cand
            elif (best is None or len(union) < best[0]) and bound(union) > limit:
                stack.append(union)
    if best is None:
        return None
    return best[0], best[2]


@analysis(
    id="truck_factor",
    family="knowledge",
    title_ja="技術のトラックファクター（何人抜けると過半の工程を失うか）",
    title_en="Truck factor of a technology",
    checklist=["P4"],
    why_ja=(
        "ごく少数の人が抜けるだけで過半の工程を知る人がいなくなる技術は、"
        "その人たちの退職・引き抜きに対して脆弱で、流出先にまとまった知識が渡ります。"
    ),
    why_en=(
        "When a handful of departures would leave most of a technology's steps with no one "
        "who knows them, the technology is fragile, and whoever hires those people gets most "
        "of it."
    ),
    remedy_ja=(
        "名前の挙がった人の知識を他の人と共有・文書化し、引き留めと退職時の手続き"
        "（誓約・アクセス削除）を優先してください。"
    ),
    remedy_en=(
        "Share and document what the named people know, and give them priority in retention "
        "and in exit procedures (pledges, access removal)."
    ),
    params=[
        Param(
            name="coverage_threshold",
            default=0.5,
            ja="失われると危険な工程の割合（これを超えたら）",
            en="share of steps left with no knower that counts as losing the technology",
        ),
        Param(
            name="max_alert",
            default=2,
            ja="この人数以下なら指摘する",
            en="report truck factors up to this value",
        ),
        Param(
            name="count_partial",
            default=False,
            ja="一部のみの知識も「知っている」に数える",
            en="count partial knowledge of a step as knowing it",
        ),
    ],
    requires=["Technology", "ProcessStep", "KNOWS"],
    complexity="O(V + E) plus a search over at most max_alert people among the knowers of fragile steps",
)
def truck_factor(
    ctx: Context,
    *,
    coverage_threshold: float = 0.5,
    max_alert: int = 2,
    count_partial: bool = False,
) -> list[Finding]:
    """Per graded technology, the smallest number of current employees
    whose departure leaves more than ``coverage_threshold`` of its steps
    with no knower; reported, with the people named, when at most
    ``max_alert``.

    The value is exact up to ``max_alert`` (a bounded search over the
    knowers of steps with few knowers), so adding a knower never lowers it.
    The Avelino et al. (2016) greedy estimate (remove whoever knows most
    steps, ties by id) is given beside it in the facts; it is an upper
    bound and can move down when knowledge is added.  Technologies with no
    recorded knowledge at all are left to :func:`sole_knowers`.

    Severity: 0 or 1 critical, 2 high, 3 medium, more low.

    Checklist: P4.

    Complexity: O(V + E) for the indexes; the search is O(F^k 2^k) for F
    distinct knower sets of steps with at most k = ``max_alert`` knowers,
    pruned by an upper bound.

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> truck_factor(Context(nx.MultiDiGraph()))
    []
    """
    meta = truck_factor.meta
    knowers = step_knowers(ctx)
    out: list[Finding] = []
    for tech in graded_technologies(ctx):
        steps = steps_of(ctx, tech)
        if not steps or not any(knowers.get(s) for s in steps):
            continue
        known: dict[str, set[str]] = {}
        for step in steps:
            for person, d in knowers.get(step, {}).items():
                if _counts(d, count_partial) and is_current(ctx, person):
                    known.setdefault(person, set()).add(step)
        result = _smallest_departure_set(known, steps, coverage_threshold, max_alert)
        if result is None:
            continue
        tf, people = result
        greedy_tf, greedy_people = _greedy_truck_factor(known, steps, coverage_threshold)
        remaining = {s for p, ss in known.items() if p not in people for s in ss}
        lost = [s for s in steps if s not in remaining]
        severity = (
            Severity.critical if tf <= 1 else Severity.high if tf == 2 else Severity.medium if tf == 3 else Severity.low
        )
        score = max(20.0, 95 - 15 * max(0, tf - 1)) - (0 if _top_graded(ctx, tech) else 10)
        tname = ctx.name(tech)
        share = round(100 * len(lost) / len(steps))
        former = sorted({p for s in lost for p in knowers.get(s, {}) if not is_current(ctx, p)})
        if tf == 0:
            msg_ja = (
                f"「{tname}」は、すでに全{len(steps)}工程のうち{len(lost)}工程（{share}%）を"
                "知る在籍者がいません（トラックファクター0）。"
            )
            msg_en = (
                f"{tname} has already lost its know-how: {len(lost)} of its {len(steps)} "
                f"steps ({share}%) have no current knower (truck factor 0)."
            )
            if former:
                msg_ja += f"これらを知っていたのは退職した{name_list(ctx, former, 'ja')}です。"
                msg_en += f" They were known by {name_list(ctx, former, 'en')}, who left."
        else:
            msg_ja = (
                f"「{tname}」のトラックファクターは{tf}です。{name_list(ctx, people, 'ja')}が"
                f"抜けると、全{len(steps)}工程のうち{len(lost)}工程（{share}%）を知る人が"
                "いなくなります。"
            )
            msg_en = (
                f"The truck factor of {tname} is {tf}: if {name_list(ctx, people, 'en')} "
                f"left, {len(lost)} of its {len(steps)} steps ({share}%) would have no one "
                "who knows them."
            )
        out.append(
            make_finding(
                meta,
                [tech],
                severity,
                score,
                msg_ja,
                msg_en,
                nodes=[*people, *lost, *former],
                edges=[(p, s, "KNOWS") for p in people for s in steps if s in known[p]],
                facts={
                    "technology": tech,
                    "grading": gradings(ctx, tech),
                    "truck_factor": tf,
                    "people": people,
                    "steps": len(steps),
                    "orphaned_steps": lost,
                    "coverage_threshold": coverage_threshold,
                    "greedy_truck_factor": greedy_tf,
                    "greedy_people": greedy_people,
                    "former_knowers": former,
                    "count_partial": count_partial,
                },
            )
        )
    return out


ANALYSES: tuple[Analysis, ...] = (full_process_knowers, sole_knowers, truck_factor)
