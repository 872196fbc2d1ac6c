"""Datasets for the map tests: hostile names, and synthetic companies of a
chosen size (deterministic)."""

from __future__ import annotations

import datetime as dt
import random

from graphmap import model as m
from graphmap.dataset import Dataset, check_dataset

D = dt.date

#: Names that would run script if a page ever treated them as HTML.
XSS_PAYLOADS: tuple[str, ...] = (
    '</script><img src=x onerror="window.__xss=1">',
    "<img src=x onerror=alert(1)>",
    '"><svg onload="window.__xss=2">',
    "\u2028\u2029'; window.__xss=3; //",
    "${window.__xss=4} {{7*7}} &lt;b&gt; &amp;",
    "<style>body{display:none}</style><b onmouseover=alert(5)>太字</b>",
)


def xss_dataset() -> Dataset:
    """A small company whose names and free-text attributes are script
    payloads, with a disclosure, knowledge and a finding-worthy flow."""
    p = XSS_PAYLOADS
    ds = Dataset()
    ds.add(m.Country(id="CN", name_ja=p[4], name_en=p[4], government_access_law="yes"))
    ds.add(m.Country(id="JP", name_ja="日本", name_en="Japan"))
    ds.add(m.Organisation(id="ORG-SELF", name=p[1], kind="self", country="JP"))
    ds.add(
        m.Organisation(id="ORG-X", name=p[0], kind="competitor", country="CN", past_incidents=p[2])
    )
    ds.add(m.Unit(id="U-1", name=p[3], organisation="ORG-SELF"))
    ds.add(m.Technology(id="T-1", name=p[2], grading=["core"]))
    ds.add(m.ProcessStep(id="S-1", technology="T-1", order=1, name=p[5]))
    ds.add(
        m.InformationAsset(
            id="A-1", name=p[0], technologies=["T-1"], secrecy="top_secret", location=p[1]
        )
    )
    ds.add(m.Person(id="P-1", name=p[1], employer="ORG-SELF", unit="U-1", role=p[5]))
    ds.add(
        m.Person(
            id="P-2",
            name=p[0],
            employer="ORG-SELF",
            unit="U-1",
            role=p[2],
            status="left",
            left=D(2025, 1, 1),
            destination="ORG-X",
        )
    )
    ds.add(m.Knowledge(person="P-1", step="S-1"))
    ds.add(m.Knowledge(person="P-2", step="S-1"))
    ds.add(m.Access(person="P-2", asset="A-1", level="download"))
    ds.add(
        m.Disclosure(
            id="D-1",
            date=D(2025, 3, 1),
            assets=["A-1"],
            sender="P-1",
            recipient="ORG-X",
            purpose=p[3],
            channel="email",
        )
    )
    assert check_dataset(ds) == []
    return ds


_SURNAMES = "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本".split()
_GIVEN = "太郎 花子 健一 由美 大輔 美咲 翔太 愛 直樹 陽子 拓海 真央".split()


def synthetic_company(
    people: int = 1000,
    *,
    units: int = 24,
    technologies: int = 6,
    steps: int = 6,
    assets: int = 200,
    partners: int = 80,
    disclosures: int = 400,
    seed: int = 11,
) -> Dataset:
    """A deterministic company of roughly ``people + assets + partners +
    disclosures + ...`` nodes: staff in units who know steps and reach
    assets, partners in a few countries, disclosures to them (some under a
    contract, some not)."""
    rng = random.Random(seed)
    ds = Dataset()
    countries = ["JP", "CN", "TH", "KR", "US", "DE"]
    for c in countries:
        ds.add(
            m.Country(
                id=c,
                name_ja={
                    "JP": "日本",
                    "CN": "中国",
                    "TH": "タイ",
                    "KR": "韓国",
                    "US": "米国",
                    "DE": "ドイツ",
                }[c],
                name_en=c,
            )
        )
    ds.add(
        m.Organisation(id="ORG-SELF", name="合成セラミックス株式会社", kind="self", country="JP")
    )
    kinds = [
        "supplier",
        "customer",
        "contract_manufacturer",
        "university",
        "licensee",
        "equipment_maker",
        "competitor",
    ]
    for i in range(partners):
        ds.add(
            m.Organisation(
                id=f"ORG-{i:04d}",
                name=f"取引先{i:04d}株式会社",
                kind=kinds[i % len(kinds)],
                country=countries[i % len(countries)],
            )
        )
    for u in range(units):
        ds.add(m.Unit(id=f"U-{u:03d}", name=f"第{u + 1}開発部", organisation="ORG-SELF"))
    ds.add(m.Site(id="SITE-1", name="四日市工場", country="JP", operator="ORG-SELF"))
    step_ids: list[str] = []
    for t in range(technologies):
        ds.add(m.Technology(id=f"T-{t:02d}", name=f"焼成技術{t + 1}", grading=["core"]))
        for s in range(steps):
            sid = f"S-{t:02d}-{s}"
            step_ids.append(sid)
            ds.add(m.ProcessStep(id=sid, technology=f"T-{t:02d}", order=s + 1, name=f"工程{s + 1}"))
    for a in range(assets):
        t = a % technologies
        ds.add(
            m.InformationAsset(
                id=f"A-{a:04d}",
                name=f"製造仕様書{a:04d}",
                technologies=[f"T-{t:02d}"],
                secrecy=["top_secret", "department_only", "company_internal"][a % 3],
                owner_unit=f"U-{a % units:03d}",
                site="SITE-1",
            )
        )
    for c in range(partners // 2):
        ds.add(
            m.Contract(
                id=f"C-{c:04d}",
                title=f"秘密保持契約{c:04d}",
                kind="nda",
                parties=[f"ORG-{c:04d}"],
                start=D(2020, 1, 1),
                end=D(2030, 12, 31),
                confidentiality=True,
                purpose_limitation=True,
                subcontract_approval=True,
            )
        )
    for p in range(people):
        name = f"{rng.choice(_SURNAMES)} {rng.choice(_GIVEN)}{p}"
        left = p % 37 == 0
        ds.add(
            m.Person(
                id=f"P-{p:05d}",
                name=name,
                employer="ORG-SELF",
                unit=f"U-{p % units:03d}",
                site="SITE-1",
                status="left" if left else "active",
                left=D(2025, 6, 30) if left else None,
            )
        )
    for p in range(people):
        pid = f"P-{p:05d}"
        for sid in rng.sample(step_ids, 1 + (p % 3 == 0)):
            ds.add(m.Knowledge(person=pid, step=sid, depth="full" if p % 2 else "partial"))
        if p % 2 == 0:
            ds.add(
                m.Access(
                    person=pid,
                    asset=f"A-{rng.randrange(assets):04d}",
                    revoked=D(2026, 1, 1) if p % 10 == 0 else None,
                )
            )
    for d in range(disclosures):
        org = rng.randrange(partners)
        covered = org < partners // 2 and d % 4 != 0
        ds.add(
            m.Disclosure(
                id=f"D-{d:05d}",
                date=D(2024, 1, 1) + dt.timedelta(days=d % 700),
                assets=[f"A-{rng.randrange(assets):04d}"],
                sender=f"P-{rng.randrange(people):05d}",
                recipient=f"ORG-{org:04d}",
                contract=f"C-{org:04d}" if covered else None,
                channel="email",
            )
        )
    return ds
