"""Analyses of the contracts family: whether each agreement carries the
clauses its kind calls for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graphmap import model as m
from graphmap.analyses.base import Analysis, Context, Finding, Param, analysis, make_finding
from graphmap.analyses.common import country_of, disclosures, is_graded_asset
from graphmap.analyses.flows import (
    asset_rank,
    clause_gap_text,
    severity_at,
)
from graphmap.resources import HOME_COUNTRY

__all__ = [
    "ANALYSES",
    "DEFAULT_CONTEXT_CLAUSES",
    "DEFAULT_REQUIRED_CLAUSES",
    "contract_clause_gaps",
]

_NDA = ["confidentiality", "purpose_limitation", "no_third_party_disclosure", "return_or_destroy"]
_TRANSFER = [
    *_NDA,
    "subcontract_approval",
    "scope_defined",
    "audit_rights",
    "change_of_control",
]

#: Clauses each contract kind is expected to carry (guidance ch.2 §2,
#: ch.4 §2, ch.5 §2).  ``governing_law`` is met by Japanese or neutral law.
DEFAULT_REQUIRED_CLAUSES: dict[str, list[str]] = {
    "nda": list(_NDA),
    "joint_research": [
        *_NDA,
        "named_participants",
        "scope_defined",
        "foreground_ip",
        "publication_approval",
        "audit_rights",
        "change_of_control",
        "non_compete",
        "governing_law",
    ],
    "licence": list(_TRANSFER),
    "jv": list(_TRANSFER),
    "manufacturing": list(_TRANSFER),
    "basic_supply": [
        "confidentiality",
        "purpose_limitation",
        "subcontract_approval",
        "no_reverse_engineering",
    ],
    "consulting": list(_NDA),
    "maintenance": ["confidentiality", "purpose_limitation"],
    "other": ["confidentiality", "purpose_limitation", "no_third_party_disclosure"],
}

#: Clauses a situation adds whatever the contract's kind: samples handed
#: over under the contract call for a ban on analysis; an equipment maker
#: as counterparty for purpose limitation and ownership of improvements
#: (patent filings on what it learnt); an overseas counterparty for
#: Japanese or neutral governing law.
DEFAULT_CONTEXT_CLAUSES: dict[str, list[str]] = {
    "samples": ["no_reverse_engineering"],
    "equipment_maker": ["purpose_limitation", "foreground_ip"],
    "overseas": ["governing_law"],
}

#: Clause names a contract can be checked for: its yes/no clause fields
#: and ``governing_law``.
CLAUSES: tuple[str, ...] = (
    *(
        f.name
        for f in m.Contract.fields()
        if f.kind == "bool" and f.name not in ("destruction_certificate", "stakeholders_briefed")
    ),
    "governing_law",
)

#: Governing-law choices that meet the clause.
_GOOD_LAW = ("japan", "neutral")

#: Clauses binding how the recipient handles the information: a flow of
#: graded information needs them (checklist S3).
HANDLING_CLAUSES = frozenset(
    {
        "confidentiality",
        "purpose_limitation",
        "subcontract_approval",
        "no_third_party_disclosure",
        "no_copying",
    }
)

#: Clauses defining, for a counterparty abroad, what is provided, who may
#: handle it and what it may be used for (checklist O4).
OVERSEAS_SCOPE_CLAUSES = frozenset(
    {"scope_defined", "named_participants", "purpose_limitation", "subcontract_approval"}
)


def clause_items(clause: str, kind: str, situations: Sequence[str]) -> list[str]:
    """The checklist items a missing or unrecorded clause concerns.

    Handling clauses (confidentiality, purpose limitation, subcontracting,
    third-party disclosure, copying) are S3; return or destruction is O5;
    in a joint-research contract named participants are J5 and the
    provided scope and foreground IP J6; with a counterparty abroad (other
    than in joint research) scope, named handlers, purpose limitation and
    subcontracting are O4; an equipment maker's purpose limitation and
    foreground IP are S6; a ban on analysing samples handed over is S5.
    A clause none of these name (audit rights, change of control,
    governing law, ...) is a handling rule of the contract: S3.

    >>> clause_items("return_or_destroy", "nda", [])
    ['O5']
    >>> clause_items("purpose_limitation", "licence", ["overseas"])
    ['S3', 'O4']
    >>> clause_items("scope_defined", "joint_research", ["overseas"])
    ['J6']
    >>> clause_items("change_of_control", "jv", ["overseas"])
    ['S3']
    """
    research = kind == "joint_research"
    items: list[str] = []
    if clause in HANDLING_CLAUSES:
        items.append("S3")
    if "overseas" in situations and not research and clause in OVERSEAS_SCOPE_CLAUSES:
        items.append("O4")
    if clause == "return_or_destroy":
        items.append("O5")
    if research and clause == "named_participants":
        items.append("J5")
    if research and clause in ("scope_defined", "foreground_ip"):
        items.append("J6")
    if "equipment_maker" in situations and clause in ("purpose_limitation", "foreground_ip"):
        items.append("S6")
    if "samples" in situations and clause == "no_reverse_engineering":
        items.append("S5")
    return items or ["S3"]


def _state(ctx: Context, contract: str, clause: str, overseas: bool) -> bool | None:
    """True when a clause is present, False when recorded absent, None when
    not recorded.  Governing law: Japanese or neutral is present; the
    partner's law is absent; unspecified counts as not recorded, or as
    absent for overseas counterparties."""
    if clause == "governing_law":
        law = ctx.attr(contract, "governing_law", "unspecified")
        if law in _GOOD_LAW:
            return True
        if law == "partner" or overseas:
            return False
        return None
    value = ctx.attr(contract, clause)
    return value if isinstance(value, bool) else None


@analysis(
    id="contract_clause_gaps",
    family="contracts",
    title_ja="契約に必要な条項の欠落",
    title_en="Contracts missing the clauses their kind needs",
    checklist=["S3", "S5", "S6", "O4", "O5", "J5", "J6"],
    why_ja=(
        "秘密保持・目的外使用禁止・再委託承認・返還廃棄・参加者の特定・提供範囲・成果の帰属・"
        "支配権変更時の解除・準拠法などが契約に欠けていると、情報が漏れても差止めや回収ができません。"
    ),
    why_en=(
        "Without confidentiality, purpose limitation, subcontract approval, return or "
        "destruction, named participants, defined scope, foreground IP, change-of-control "
        "termination and a safe governing law, a leak cannot be stopped or undone."
    ),
    remedy_ja="欠けている条項を覚書や契約更新で追加し、未記録の条項は契約書を確認して記録してください。",
    remedy_en=(
        "Add the missing clauses by amendment or at renewal, and check the contract text to "
        "record the clauses left blank."
    ),
    params=[
        Param(
            name="required_clauses",
            default={k: list(v) for k, v in DEFAULT_REQUIRED_CLAUSES.items()},
            ja="契約種別ごとに必要な条項",
            en="clauses required per contract kind",
        ),
        Param(
            name="context_clauses",
            default={k: list(v) for k, v in DEFAULT_CONTEXT_CLAUSES.items()},
            ja="状況に応じて追加で必要な条項（samples / equipment_maker / overseas）",
            en="clauses a situation adds (samples / equipment_maker / overseas)",
        ),
        Param(
            name="home_country",
            default=HOME_COUNTRY,
            ja="自国（国コード）",
            en="home country code",
        ),
    ],
    requires=["Contract"],
    complexity="O(C·k + D·a) for C contracts with k clauses, D disclosures of a assets",
)
def contract_clause_gaps(
    ctx: Context,
    *,
    required_clauses: Mapping[str, Sequence[str]] = DEFAULT_REQUIRED_CLAUSES,
    context_clauses: Mapping[str, Sequence[str]] = DEFAULT_CONTEXT_CLAUSES,
    home_country: str = HOME_COUNTRY,
) -> list[Finding]:
    """Contracts lacking clauses their kind requires.

    One finding per contract listing the clauses recorded as absent
    (``missing``) and those left blank (``unrecorded``).  The clauses
    expected are those of the contract's kind (``required_clauses``) plus
    those its situation adds (``context_clauses``): samples given under
    it, an equipment maker as counterparty, an overseas counterparty (for
    which a partner's or unspecified governing law is a gap).  Severity: a contract that carried
    graded information (a disclosure under it of a graded asset) is high
    for missing clauses and medium for unrecorded ones, critical when it
    carried core or security information and lacks confidentiality or
    purpose limitation; a contract with no graded flows is medium / low.

    Checklist: S3, S5, S6, O4, O5, J5, J6; each finding names the items
    of its missing and unrecorded clauses (see :func:`clause_items`).

    Complexity: O(C·k + D·a).

    Raises
    ------
    ValueError
        When ``required_clauses`` names a clause a contract does not have.

    Examples
    --------
    >>> from graphmap.analyses.base import Context
    >>> import networkx as nx
    >>> contract_clause_gaps(Context(nx.MultiDiGraph()))
    []
    """
    meta = contract_clause_gaps.meta
    named = {c for cs in required_clauses.values() for c in cs}
    named |= {c for cs in context_clauses.values() for c in cs}
    unknown = sorted(named - set(CLAUSES))
    if unknown:
        raise ValueError(f"required_clauses names unknown clauses: {', '.join(unknown)} (known: {', '.join(CLAUSES)})")
    graded_flows: dict[str, list[str]] = {}
    ranks: dict[str, int] = {}
    with_samples: set[str] = set()
    for view in disclosures(ctx):
        if view.contract is None:
            continue
        if any(ctx.attr(a, "form") == "sample" for a in view.assets):
            with_samples.add(view.contract)
        graded = [a for a in view.assets if is_graded_asset(ctx, a)]
        if graded:
            graded_flows.setdefault(view.contract, []).append(view.id)
            rank = max(asset_rank(ctx, a) for a in graded)
            ranks[view.contract] = max(ranks.get(view.contract, 0), rank)

    out: list[Finding] = []
    for contract in ctx.nodes("Contract"):
        kind = str(ctx.attr(contract, "kind", "other"))
        parties = list(ctx.out(contract, "PARTY"))
        overseas = sorted(p for p in parties if (c := country_of(ctx, p)) is not None and c != home_country)
        situations = []
        if contract in with_samples:
            situations.append("samples")
        if any(ctx.attr(p, "kind") == "equipment_maker" for p in parties):
            situations.append("equipment_maker")
        if overseas:
            situations.append("overseas")
        wanted = list(required_clauses.get(kind, []))
        for situation in situations:
            wanted.extend(context_clauses.get(situation, []))
        wanted = list(dict.fromkeys(wanted))
        missing: list[str] = []
        unrecorded: list[str] = []
        for clause in wanted:
            state = _state(ctx, contract, clause, bool(overseas))
            if state is False:
                missing.append(clause)
            elif state is None:
                unrecorded.append(clause)
        if not (missing or unrecorded):
            continue
        flows = graded_flows.get(contract, [])
        rank = ranks.get(contract, 0)
        step = (1 if flows else 0) + (1 if missing else 0)
        if rank >= 3 and {"confidentiality", "purpose_limitation"} & set(missing):
            step += 1
        kind_ja = m.enum_label(kind, "ja", m.ContractKind)
        kind_en = m.enum_label(kind, "en", m.ContractKind)
        carried_ja = f"この契約のもとで重要情報が{len(flows)}回提供されています。" if flows else ""
        carried_en = f" Graded information went out under it {len(flows)} time(s)." if flows else ""
        facts: dict[str, Any] = {
            "kind": kind,
            "missing": missing,
            "unrecorded": unrecorded,
            "required": wanted,
            "graded_disclosures": flows,
            "rank": rank,
            "overseas_parties": overseas,
            "situations": situations,
            "governing_law": ctx.attr(contract, "governing_law", "unspecified"),
        }
        by_clause = {c: clause_items(c, kind, situations) for c in (*missing, *unrecorded)}
        items = list(dict.fromkeys(i for found in by_clause.values() for i in found))
        facts["clause_items"] = by_clause
        out.append(
            make_finding(
                meta,
                [contract],
                severity_at(step),
                20 + 6 * len(missing) + 2 * len(unrecorded) + 8 * rank + (10 if flows else 0),
                f"契約「{ctx.name(contract)}」（{kind_ja}）では"
                + clause_gap_text(missing, unrecorded, "ja")
                + carried_ja,
                f"In the contract '{ctx.name(contract)}' ({kind_en}), "
                + clause_gap_text(missing, unrecorded, "en")
                + carried_en,
                nodes=[*parties, *flows],
                edges=[(contract, p, "PARTY") for p in parties] + [(d, contract, "UNDER_CONTRACT") for d in flows],
                facts=facts,
                checklist=items,
            )
        )
    return out


ANALYSES: tuple[Analysis, ...] = (contract_clause_gaps,)
