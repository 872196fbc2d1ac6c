"""Domain helpers several analysis families share: what a technology's
steps are, which technologies an asset carries, who is outside the
company, which contract was in force on a date.  All read the graph
through :class:`~graphmap.analyses.base.Context` and cache per context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from graphmap.analyses.base import Context, Walk

__all__ = [
    "INTERNAL_KINDS",
    "DisclosureView",
    "asset_steps",
    "asset_technologies",
    "contract_in_force",
    "contract_span",
    "country_of",
    "disclosure_index",
    "disclosures",
    "graded_technologies",
    "gradings",
    "is_active_person",
    "is_graded_asset",
    "is_outside",
    "organisation_of",
    "party_organisation",
    "steps_of",
    "technology_of_step",
]

#: Organisation kinds that count as the company itself.
INTERNAL_KINDS = frozenset({"self"})


def _cache(ctx: Context) -> dict[str, Any]:
    cache = ctx.cache("_common_cache")
    assert isinstance(cache, dict)
    return cache


def steps_of(ctx: Context, tech: str) -> list[str]:
    """The technology's process steps in their declared order."""
    cache = ctx.cache("_common.steps_of")
    if tech not in cache:
        steps = ctx.into(tech, "STEP_OF")
        cache[tech] = sorted(steps, key=lambda s: (ctx.attr(s, "order", 0), s))
    result: list[str] = cache[tech]
    return result


def technology_of_step(ctx: Context, step: str) -> str | None:
    techs = ctx.out(step, "STEP_OF")
    return techs[0] if techs else None


def gradings(ctx: Context, tech: str) -> list[str]:
    return list(ctx.attr(tech, "grading", []) or [])


def graded_technologies(ctx: Context) -> list[str]:
    """Technologies holding at least one grading, sorted by id."""
    return [t for t in ctx.nodes("Technology") if gradings(ctx, t)]


def asset_technologies(ctx: Context, asset: str) -> list[str]:
    """Technologies an asset describes, directly or through its steps."""
    cache = ctx.cache("_common.asset_tech")
    if asset not in cache:
        out = set()
        for target in ctx.out(asset, "DESCRIBES"):
            label = ctx.label(target)
            if label == "Technology":
                out.add(target)
            elif label == "ProcessStep":
                tech = technology_of_step(ctx, target)
                if tech:
                    out.add(tech)
        cache[asset] = sorted(out)
    result: list[str] = cache[asset]
    return result


def asset_steps(ctx: Context, asset: str) -> list[str]:
    """Steps an asset covers: those it describes, or every step of a
    technology it describes as a whole."""
    out: set[str] = set()
    for target in ctx.out(asset, "DESCRIBES"):
        if ctx.label(target) == "ProcessStep":
            out.add(target)
        elif ctx.label(target) == "Technology":
            out.update(steps_of(ctx, target))
    return sorted(out)


def is_graded_asset(ctx: Context, asset: str) -> bool:
    """An asset carries graded information when it is not public and
    describes a graded technology or is classed 極秘 / 部外秘.  Worked out
    once per asset and context: analyses ask it for every disclosure."""
    memo: dict[str, bool] = ctx.cache("_common.graded_asset")
    found = memo.get(asset)
    if found is None:
        secrecy = ctx.attr(asset, "secrecy")
        if secrecy == "public":
            found = False
        elif secrecy in ("top_secret", "department_only"):
            found = True
        else:
            found = any(gradings(ctx, t) for t in asset_technologies(ctx, asset))
        memo[asset] = found
    return found


def organisation_of(ctx: Walk, party: str) -> str | None:
    """The organisation a party stands for: itself, or a person's employer
    (``ctx`` may be any :class:`~graphmap.analyses.base.Walk`)."""
    label = ctx.label(party)
    if label == "Organisation":
        return party
    if label == "Person":
        employers = ctx.out(party, "EMPLOYED_BY")
        return employers[0] if employers else None
    return None


def party_organisation(ctx: Context, party: str) -> str | None:
    """:func:`organisation_of`, worked out once per party and context:
    analyses ask it for every disclosure."""
    memo: dict[str, str | None] = ctx.cache("_common.party_org")
    if party in memo:
        found: str | None = memo[party]
        return found
    found = memo[party] = organisation_of(ctx, party)
    return found


def is_outside(ctx: Context, party: str) -> bool:
    """True when a person or organisation is outside the company: an
    organisation whose kind is not ``self``, or a person employed by one
    (a person with no employer on record counts as outside)."""
    memo: dict[str, bool] = ctx.cache("is_outside")
    found = memo.get(party)
    if found is None:
        org = organisation_of(ctx, party)
        found = memo[party] = org is None or ctx.attr(org, "kind") not in INTERNAL_KINDS
    return found


def country_of(ctx: Context, party: str) -> str | None:
    """The country of an organisation, site or person (work site first,
    then employer), worked out once per party and context."""
    memo: dict[str, str | None] = ctx.cache("_common.country")
    if party in memo:
        known: str | None = memo[party]
        return known
    label = ctx.label(party)
    found: str | None = None
    if label in ("Organisation", "Site"):
        countries = ctx.out(party, "LOCATED_IN")
        found = countries[0] if countries else None
    elif label == "Person":
        for site in ctx.out(party, "WORKS_AT"):
            found = country_of(ctx, site)
            if found:
                break
        if found is None:
            org = party_organisation(ctx, party)
            found = country_of(ctx, org) if org else None
    memo[party] = found
    return found


class DisclosureView(NamedTuple):
    """A disclosure node read into plain fields (immutable; a named tuple
    because a large company has hundreds of thousands: a frozen
    dataclass costs several times as much to build)."""

    id: str
    date: dt.date
    sender: str
    recipient: str
    assets: tuple[str, ...]
    contract: str | None
    project: str | None
    onward_of: str | None
    #: the disclosure node's attributes, read-only
    attrs: Mapping[str, Any]


def disclosures(ctx: Context) -> list[DisclosureView]:
    """Every disclosure with a sender and a recipient, sorted by date then
    id; where a disclosure has several edges of one kind, the smallest id
    stands (assets: all of them, sorted)."""
    cache = _cache(ctx)
    if "disclosures" not in cache:
        out = []
        # each disclosure's own few edges read straight from the adjacency
        # dicts: grouping five edge types by disclosure first cost more
        succ, pred, attrs_of = ctx.g._succ, ctx.g._pred, ctx.g._node
        for d in ctx.nodes("Disclosure"):
            sender = None
            for u, keyed in pred[d].items():
                if "DISCLOSED" in keyed and (sender is None or u < sender):
                    sender = u
            if sender is None:
                continue
            recipient = contract = project = onward = None
            assets: list[str] = []
            for v, keyed in succ[d].items():
                for etype in keyed:
                    if etype == "USED":
                        assets.append(v)
                    elif etype == "DISCLOSED_TO":
                        if recipient is None or v < recipient:
                            recipient = v
                    elif etype == "UNDER_CONTRACT":
                        if contract is None or v < contract:
                            contract = v
                    elif etype == "IN_PROJECT":
                        if project is None or v < project:
                            project = v
                    elif etype == "ONWARD_OF" and (onward is None or v < onward):
                        onward = v
            if recipient is None:
                continue
            if len(assets) > 1:
                assets.sort()
            attrs = attrs_of[d]
            out.append(
                DisclosureView(
                    d,
                    attrs.get("date"),
                    sender,
                    recipient,
                    tuple(assets),
                    contract,
                    project,
                    onward,
                    MappingProxyType(attrs),
                )
            )
        # by date, then id: the nodes come sorted by id and the sort is stable
        out.sort(key=lambda v: v.date or dt.date.min)
        cache["disclosures"] = out
    result: list[DisclosureView] = cache["disclosures"]
    return result


def disclosure_index(ctx: Context) -> dict[str, DisclosureView]:
    """The :func:`disclosures` by id, built once per context when first
    asked for."""
    cache = _cache(ctx)
    if "disclosure_index" not in cache:
        cache["disclosure_index"] = {v.id: v for v in disclosures(ctx)}
    index: dict[str, DisclosureView] = cache["disclosure_index"]
    return index


def contract_span(ctx: Context, contract: str) -> tuple[dt.date | None, dt.date | None]:
    """A contract's start and end dates (``None`` where open), read once:
    analyses ask for them for every disclosure."""
    spans: dict[str, tuple[dt.date | None, dt.date | None]] = ctx.cache("_common.span")
    span = spans.get(contract)
    if span is None:
        span = spans[contract] = (ctx.attr(contract, "start"), ctx.attr(contract, "end"))
    return span


def contract_in_force(ctx: Context, contract: str, on: dt.date) -> bool:
    """True when ``contract`` had started and not ended on ``on`` (a
    missing start or end date is open-ended)."""
    start, end = contract_span(ctx, contract)
    return (start is None or start <= on) and (end is None or on <= end)


def is_active_person(ctx: Context, person: str, on: dt.date | None = None) -> bool:
    """True when a person is still employed on ``on`` (default: as of)."""
    day = on or ctx.as_of
    status = ctx.attr(person, "status", "active")
    left = ctx.attr(person, "left")
    if left is not None and left <= day:
        return False
    return status not in ("left", "retired") or (left is not None and left > day)
