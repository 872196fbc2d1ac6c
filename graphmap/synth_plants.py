"""Planted exposures for :mod:`graphmap.synth`: small, clear-cut cases of
every analysis family added to a background company, each recorded with
the analysis that must find it and the subjects a finding must name.

Each case is a short story told with fresh records (its own technology,
people, partners, contracts and disclosures), so the background company
cannot blur it and the case does not disturb the background.  The
planted technologies are numbered after the background ones and their
people and partners likewise, so nothing in the ids gives them away.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphmap import model as m

if TYPE_CHECKING:
    from graphmap.synth import Planted, _World

__all__ = ["plant"]


@dataclass(frozen=True)
class _Core:
    """The planted core technology most cases revolve around."""

    tech: str
    steps: list[str]
    spec: str


class _Planter:
    """Creates records in the background's id spaces and notes the cases."""

    def __init__(self, world: _World) -> None:
        from graphmap.synth import Planted

        self.w = world
        self.planted: list[Planted] = []
        self._planted_cls = Planted
        self.next_person = len(world.p_unit)
        self.next_tech = len(world.techs)
        self.today = world.today
        f = 0
        self.division = world.units[world.division_of_field[f]]["id"]
        self.section = world.units[world.field_units[f][0]]["id"]
        self.lab = world.labs[0]
        self.factory = world.factories[0]

    def note(self, analysis: str, subjects: list[str], note: str) -> None:
        self.planted.append(self._planted_cls(analysis, tuple(subjects), note))

    def day(self, days_ago: int) -> dt.date:
        return dt.date.fromordinal(self.today - days_ago)

    # ---- records
    def person(
        self,
        name: str,
        *,
        employer: str = "ORG-SELF",
        status: str = "active",
        left: int | None = None,
        site: str | None = None,
        **extra: Any,
    ) -> str:
        pid = self.w.person_id(self.next_person)
        self.next_person += 1
        internal = employer == "ORG-SELF"
        row: dict[str, Any] = {
            "id": pid,
            "name": name,
            "employer": employer,
            "unit": self.section if internal else None,
            "site": site or (self.lab if internal else None),
            "role": "主任研究員" if internal else "担当者",
            "status": status,
            "joined": self.day(18 * 365) if internal else None,
            "left": self.day(left) if left is not None else None,
            "nationality": "JP" if internal else None,
            "residency": "resident" if internal else "unknown",
            "confidentiality_pledge": True,
            "non_compete_pledge": True if internal else None,
            "trained": self.day(120) if internal and status == "active" else None,
        }
        row.update(extra)
        self.w.add(m.Person, row)
        return pid

    def org(self, name: str, kind: str, country: str = "JP", **extra: Any) -> str:
        oid = self.w.next_id("ORG", 6)
        row: dict[str, Any] = {"id": oid, "name": name, "kind": kind, "country": country, "listed": False}
        row.update(extra)
        self.w.add(m.Organisation, row)
        return oid

    def dd(self, subject: str, scope: str = "organisation") -> None:
        self.w.add(
            m.DueDiligence,
            {
                "id": self.w.next_id("DD", 6),
                "subject": subject,
                "scope": scope,
                "date": self.day(200),
                "outcome": "cleared",
            },
        )

    def contract(self, org: str, kind: str, *, techs: list[str] | None = None, **clauses: Any) -> str:
        cid = self.w.next_id("CTR", 6)
        row: dict[str, Any] = {
            "id": cid,
            "title": f"{m.enum_label(kind, 'ja', m.ContractKind)}（{org}）",
            "kind": kind,
            "parties": [org],
            "start": self.day(5 * 365),
            "covered_technologies": techs or [],
        }
        for name in (
            "confidentiality",
            "purpose_limitation",
            "no_third_party_disclosure",
            "subcontract_approval",
            "no_copying",
            "no_reverse_engineering",
            "return_or_destroy",
            "named_participants",
            "scope_defined",
            "foreground_ip",
            "non_compete",
            "audit_rights",
            "change_of_control",
            "publication_approval",
            "stakeholders_briefed",
        ):
            row[name] = True
        row["survival_years"] = 5
        row["governing_law"] = "japan"
        row.update(clauses)
        self.w.add(m.Contract, row)
        return cid

    def partner(
        self, name: str, kind: str, country: str = "JP", *, contract_kind: str = "nda", **extra: Any
    ) -> tuple[str, str]:
        """An organisation with a full contract and a recent due diligence."""
        oid = self.org(name, kind, country, **extra)
        cid = self.contract(oid, contract_kind)
        self.dd(oid)
        return oid, cid

    def tech(
        self, name: str, grading: list[str], n_steps: int, *, protection: str = "trade_secret"
    ) -> tuple[str, list[str]]:
        self.next_tech += 1
        tid = f"TECH-{self.next_tech:05d}"
        self.w.add(
            m.Technology,
            {
                "id": tid,
                "name": name,
                "grading": grading,
                "choke_point": False,
                "forms": ["data", "tacit"],
                "protection": protection,
                "owner_unit": self.division,
            },
        )
        steps = []
        for order in range(1, n_steps + 1):
            sid = f"STEP-{self.next_tech:05d}-{order:02d}"
            steps.append(sid)
            self.w.add(m.ProcessStep, {"id": sid, "technology": tid, "order": order, "name": f"{name} 工程{order}"})
        return tid, steps

    def asset(
        self,
        name: str,
        *,
        tech: str | None = None,
        steps: list[str] | None = None,
        secrecy: str = "department_only",
        form: str = "document",
        **extra: Any,
    ) -> str:
        aid = self.w.next_id("AST", 7)
        row: dict[str, Any] = {
            "id": aid,
            "name": name,
            "technologies": [tech] if tech else [],
            "steps": steps or [],
            "secrecy": secrecy,
            "trade_secret": secrecy != "public",
            "marked": secrecy != "public",
            "access_restricted": secrecy != "public",
            "form": form,
            "site": self.lab,
            "owner_unit": self.division,
        }
        row.update(extra)
        self.w.add(m.InformationAsset, row)
        return aid

    def knows(self, person: str, steps: list[str], depth: str = "full") -> None:
        for s in steps:
            self.w.add(m.Knowledge, {"person": person, "step": s, "depth": depth, "mode": "tacit"})

    def access(self, person: str, asset: str, level: str = "download", **extra: Any) -> None:
        row: dict[str, Any] = {"person": person, "asset": asset, "level": level, "granted": self.day(3 * 365)}
        row.update(extra)
        self.w.add(m.Access, row)

    def disclose(self, sender: str, recipient: str, assets: list[str], days_ago: int, **extra: Any) -> str:
        did = self.w.next_id("DISC", 8)
        row: dict[str, Any] = {
            "id": did,
            "date": self.day(days_ago),
            "assets": assets,
            "sender": sender,
            "recipient": recipient,
            "channel": "email",
            "purpose": "技術打合せ",
            "codenamed": True,
            "copied_to_recipient": False,
            "return_status": "not_required",
        }
        row.update(extra)
        self.w.add(m.Disclosure, row)
        return did


def plant(world: _World) -> list[Planted]:
    """Add the planted cases to ``world``; return what was planted."""
    p = _Planter(world)
    core = _knowledge_and_people(p)
    _access(p, core)
    _vendors_and_flows(p, core)
    _contracts_and_ownership(p, core)
    _overseas_and_research(p, core)
    _paths_and_structure(p)
    return p.planted


def _knowledge_and_people(p: _Planter) -> _Core:
    # A core technology whose whole process lives in one head, with a
    # colleague who knows the first half and a former engineer now at a
    # competitor.
    tk, steps = p.tech("全固体電池用高イオン伝導硫化物電解質の焼成技術", ["core", "security"], 10)
    a = p.person("石黒 宗一郎", planned_retirement=p.day(-3000))
    b = p.person("片岡 由美")
    rival = p.org("北斗先端素材株式会社", "competitor")
    c = p.person("村井 健", status="left", left=200, destination=rival)
    p.knows(a, steps)
    p.knows(b, steps[:6])
    p.knows(c, steps[:4])
    spec = p.asset("硫化物電解質 焼成条件書", tech=tk, secrecy="top_secret")
    p.access(a, spec, "edit")
    p.access(b, spec, "read")
    p.note("full_process_knowers", [tk, a], "one engineer alone knows every step of a core technology")
    p.note("sole_knowers", [steps[-1], a], "the last steps of the same technology are known by that engineer only")
    p.note("truck_factor", [tk], "two departures leave the whole process unknown")
    p.note("key_person_departure_risk", [c], "an engineer who knew core steps left for a competitor")

    # An outside individual handed ever more secret material by one of ours.
    d = p.person("大森 直樹")
    cust, _ = p.partner("瑞穂エナジー株式会社", "customer")
    e = p.person("Kevin Hartmann", employer=cust)
    catalogue = p.asset("硫化物電解質 製品紹介資料", tech=tk, secrecy="public")
    memo = p.asset("硫化物電解質 評価データ概要", tech=tk, secrecy="company_internal")
    p.disclose(d, e, [catalogue], 500, channel="meeting")
    p.disclose(d, e, [memo], 300)
    p.disclose(d, e, [spec], 90)
    p.note(
        "escalating_disclosures", [d, e], "one outside contact received public, then internal, then top-secret material"
    )
    return _Core(tk, steps, spec)


def _access(p: _Planter, core: _Core) -> None:
    tk = core.tech
    spec = core.spec
    steps = core.steps
    f = p.person("三宅 悠斗", status="left", left=300)
    p.access(f, spec, "download")
    p.note("access_after_departure", [f], "a former engineer keeps download access to a top-secret specification")

    data = p.asset("硫化物電解質 工程データ集", steps=steps[2:5])
    staff = p.w.field_staff[0][:18]
    for i in staff:
        p.access(p.w.person_id(i), data, "read")
    p.note("broad_access", [data], "eighteen people can read one department-only data set")

    trial = p.asset("硫化物電解質 試作記録", tech=tk, marked=False)
    p.note("trade_secret_protection_gap", [trial], "a declared trade secret carries no secrecy marking")

    g = p.person("永田 亮", trained=p.day(3 * 365))
    p.access(g, spec, "read")
    p.note("missing_training", [g], "a holder of top-secret access was last trained three years ago")

    tu, u_steps = p.tech("高純度ジルコニア粉末の湿式精製技術", [], 3)
    p.knows(g, u_steps)
    p.asset("ジルコニア精製 工程条件", tech=tu)
    p.note("ungraded_technologies", [tu], "a trade-secret technology that was never graded")

    pol = "POL-004"
    p.w.add(
        m.Policy,
        {
            "id": pol,
            "title": "技術資料の持出し管理要領",
            "owner_unit": "UNIT-TIM",
            "topics": ["removable_media"],
            "reviewed": p.day(6 * 365),
        },
    )
    p.note("missing_governance", [pol], "a policy not reviewed for six years")


def _vendors_and_flows(p: _Planter, core: _Core) -> None:
    tk = core.tech
    steps = core.steps
    engineer = p.person("堀 圭")
    docs = [p.asset(f"硫化物電解質 工程{i + 1} 作業指示書", steps=[s]) for i, s in enumerate(steps)]
    for doc in docs:
        p.access(engineer, doc, "download")

    v, v_ctr = p.partner("若葉化成株式会社", "supplier")
    first = ""
    for doc in docs[:7]:
        d = p.disclose(engineer, v, [doc], 400, contract=v_ctr)
        first = first or d
    p.note("vendor_concentration", [v, tk], "one supplier received the instructions of seven of ten steps")

    ss, ss_ctr = p.partner("常盤鉱産株式会社", "supplier", sole_source=True)
    p.disclose(engineer, ss, [docs[8]], 200, contract=ss_ctr)
    p.note("sole_source_direction", [ss], "a sole-source supplier was told graded process conditions")

    maker, _ = p.partner("白山炉機株式会社", "equipment_maker", contract_kind="maintenance")
    eq = p.w.next_id("EQ", 6)
    p.w.add(
        m.Equipment,
        {
            "id": eq,
            "name": "硫化物電解質 雰囲気焼成炉（専用仕様）",
            "customised": True,
            "owner": "ORG-SELF",
            "site": p.factory,
            "maker": maker,
            "maintainer": maker,
            "embodies": [steps[6]],
            "disposal_plan": True,
            "spec_restored_for_repair": False,
        },
    )
    p.note(
        "equipment_maker_restrictions", [eq, maker], "a customised furnace goes to its maker for repair as customised"
    )

    stranger = p.org("光洋電子株式会社", "customer")
    p.dd(stranger)
    uncovered = p.disclose(engineer, stranger, [docs[9]], 100)
    p.note("uncovered_disclosures", [uncovered], "graded instructions went to a customer with no contract")

    sub, sub_ctr = p.partner("協和プロセス株式会社", "contract_manufacturer")
    onward = p.disclose(v, sub, [docs[0]], 350, contract=sub_ctr, onward_of=first, onward_approved=False)
    p.note("onward_flows", [onward], "the supplier passed our instructions to its subcontractor without approval")

    sample = p.asset("硫化物電解質 評価用サンプル", steps=[steps[7]], form="sample")
    p.access(engineer, sample, "edit")
    overdue = p.disclose(
        engineer,
        v,
        [sample],
        300,
        contract=v_ctr,
        channel="sample_shipment",
        return_status="outstanding",
        return_due=p.day(200),
    )
    p.note("samples_and_returns", [overdue], "a sample lent to the supplier is 200 days overdue")

    cn, cn_ctr = p.partner(
        "Suzhou Everbright Processing Co., Ltd.", "contract_manufacturer", "CN", contract_kind="manufacturing"
    )
    plain = p.disclose(engineer, cn, [docs[1]], 150, contract=cn_ctr, codenamed=False)
    p.note("uncodenamed_overseas_flows", [plain], "core process instructions went abroad under their real names")

    requested = p.disclose(
        engineer, cn, [docs[2]], 120, contract=cn_ctr, foreign_government_request=True, request_reviewed=False
    )
    p.note("foreign_government_requests", [requested], "a foreign authority's request was answered without review")


def _contracts_and_ownership(p: _Planter, core: _Core) -> None:
    steps = core.steps
    engineer = p.person("小野寺 翔太")
    doc = p.asset("硫化物電解質 原料規格", steps=[steps[0]])
    org = p.org("朝日ケミカル株式会社", "supplier")
    p.dd(org)
    weak = p.contract(org, "nda", confidentiality=False, purpose_limitation=False)
    p.disclose(engineer, org, [doc], 250, contract=weak)
    p.note("contract_clause_gaps", [weak], "an NDA recorded without confidentiality or purpose limitation")

    gov = p.org("China State Materials Investment Commission", "government", "CN")
    hold = p.org("Great Wall Materials Holdings Ltd.", "other", "HK")
    target, _ = p.partner("Ningbo Red River Chemical Co., Ltd.", "supplier", "CN", contract_kind="basic_supply")
    p.w.add(m.Ownership, {"owner": gov, "owned": hold, "votes_pct": 100.0, "capital_pct": 100.0})
    p.w.add(m.Ownership, {"owner": hold, "owned": target, "votes_pct": 60.0, "capital_pct": 55.0})
    p.note(
        "foreign_government_influence", [target], "a supplier controlled by a foreign state through a holding company"
    )

    licensee = p.org("桜先端材料株式会社", "licensee")
    p.contract(licensee, "licence")
    p.note("partner_due_diligence", [licensee], "a licensee that was never checked")


def _overseas_and_research(p: _Planter, core: _Core) -> None:
    tk = core.tech
    steps = core.steps
    spec = core.spec
    site = p.w.next_id("SITE", 4)
    p.w.add(
        m.Site,
        {
            "id": site,
            "name": "天津新工場（計画）",
            "kind": "factory",
            "country": "CN",
            "operator": "ORG-SELF",
            "stage": "planning",
        },
    )
    p.note("overseas_site_risks", [site], "a planned factory in a country with government data-access laws")

    owner = p.org("Rayong Precision Industrial Ltd.", "contract_manufacturer", "TH")
    eq = p.w.next_id("EQ", 6)
    abroad = p.w.overseas_sites[0] if p.w.overseas_sites else site
    p.w.add(
        m.Equipment,
        {
            "id": eq,
            "name": "硫化物電解質 焼成炉（海外委託先所有）",
            "customised": True,
            "owner": owner,
            "site": abroad,
            "maker": owner,
            "maintainer": owner,
            "embodies": [steps[4]],
            "disposal_plan": False,
            "spec_restored_for_repair": True,
        },
    )
    p.note(
        "overseas_equipment", [eq], "a furnace embodying a core step abroad, owned by a partner, with no disposal plan"
    )

    closing = p.w.next_id("SITE", 4)
    p.w.add(
        m.Site,
        {
            "id": closing,
            "name": "ドンナイ工場（撤退中）",
            "kind": "factory",
            "country": "VN",
            "operator": "ORG-SELF",
            "stage": "withdrawal",
        },
    )
    local = p.person("Nguyen Van Minh", site=closing, nationality="VN")
    p.access(local, spec, "read")
    p.note("withdrawal_access", [closing, local], "staff at a site being closed still reach a top-secret specification")

    uni, u_ctr = p.partner("信州大学", "university", contract_kind="joint_research")
    researcher = p.person("小松 葵")
    prof = p.person("上野 誠", employer=uni)
    p.dd(prof, "individual")
    prj = p.w.next_id("PRJ", 5)
    p.w.add(
        m.Project,
        {
            "id": prj,
            "name": "硫化物電解質の大気安定化に関する共同研究",
            "partners": [uni],
            "themes": [tk],
            "participants": [researcher, prof],
            "phase": "execution",
            "start": p.day(400),
            "end": p.day(-400),
            "contract": u_ctr,
            "research_plan_acknowledged": False,
            "own_platform": True,
        },
    )
    p.note("joint_research_exposure", [prj], "joint research started without an acknowledged research plan")


def _paths_and_structure(p: _Planter) -> None:
    # A technology whose only way out is an engineer who left for a rival.
    tp, steps = p.tech("リン酸鉄リチウム正極材の炭素被覆技術", ["core"], 3)
    keeper = p.person("桜井 美穂")
    rival = p.org("日東ネクストマテリアル株式会社", "competitor")
    gone = p.person("浅野 拓也", status="left", left=150, destination=rival)
    p.knows(keeper, steps)
    p.knows(gone, steps)
    p.note("leakage_paths", [tp, rival], "the technology reaches a competitor through the engineer who moved there")

    ts, steps = p.tech("圧電セラミックス薄膜の低温成膜技術", ["core"], 4)
    x = p.person("宮本 剛")
    y = p.person("杉山 陽子")
    p.knows(x, steps)
    p.knows(y, steps[:3])
    doc = p.asset("圧電薄膜 成膜条件表", tech=ts)
    p.access(x, doc, "download")
    p.access(y, doc, "read")
    partner, ctr = p.partner("明星エレクトロニクス株式会社", "customer")
    contact = p.person("藤井 淳", employer=partner)
    p.disclose(x, contact, [doc], 60, contract=ctr)
    p.note(
        "structural_choke_points",
        [ts, contact],
        "every route from the technology to the outside runs through one contact",
    )
