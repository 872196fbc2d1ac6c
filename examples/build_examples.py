"""The bundled example data: one fictional company and one small dataset per case.

The example company is 東邦セラミックス株式会社 (Toho Ceramics), a fictional
Japanese maker of battery materials and electronic ceramics with a Thai
subsidiary, a Chinese joint venture being wound down, a licensee in Korea,
two joint-research projects and some thirty partner organisations.  Most of
its records describe sound practice; a visible minority carry the gaps an
exposure analysis should find (see :data:`COMPANY_GAPS`).

Each case in :data:`CASES` is a small dataset (10-40 records) capturing the
situation *before* one of the leaks the METI guidance and its handbook
describe, with bilingual text, the route, the checklist items it concerns and
the findings an analysis is expected to report.

Everything is built in code from :mod:`graphmap.model` records.  The build is
deterministic: fixed dates (2026-11-21 counts as "today"), a seeded
:class:`random.Random` for bulk rows, no iteration over unordered sets.

Run ``python examples/build_examples.py`` to (re)write:

* ``examples/company/company.xlsx``: the example company as a workbook;
* ``examples/cases/<case_id>/``: one folder of CSV files per case;
* ``examples/cases/README.md``: the case list with descriptions.
"""

# This module is mostly data: one record per line reads better than the
# formatter's one-field-per-line layout, so formatting is off and long lines
# are allowed here.
# fmt: off

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

try:
    from graphmap import model as m
except ImportError:  # run as a script from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from graphmap import model as m

from graphmap.dataset import Dataset, check_dataset
from graphmap.resources import reference_countries

__all__ = ["CASES", "COMPANY_GAPS", "COMPANY_ID", "TODAY", "build_case", "build_cases", "build_company", "main", "write_examples"]

D = dt.date

#: The date the examples treat as "today".
TODAY = D(2026, 11, 21)

#: The id of the example company itself, in the company and in every case.
COMPANY_ID = "ORG-SELF"
COMPANY_NAME = "東邦セラミックス株式会社"

EXAMPLES_DIR = Path(__file__).resolve().parent

#: Country facts the example company has recorded (law flags are user data;
#: names and the export-control group come from the shipped reference list).
COUNTRY_FACTS: dict[str, dict[str, Any]] = {
    "CN": {"government_access_law": "yes", "intelligence_cooperation_law": "yes", "first_filing_rule": "yes", "reviewed": D(2023, 5, 10)},
    "TH": {"government_access_law": "unknown", "reviewed": D(2025, 1, 20)},
    "KR": {"first_filing_rule": "no", "reviewed": D(2020, 6, 1)},
    "US": {"first_filing_rule": "yes", "reviewed": D(2025, 7, 1)},
    "DE": {"first_filing_rule": "no", "reviewed": D(2024, 2, 15)},
    "AU": {"reviewed": D(2025, 4, 20)},
    "BE": {"reviewed": D(2024, 7, 15)},
    "JP": {"government_access_law": "no", "intelligence_cooperation_law": "no"},
}


# ----------------------------------------------------------------- helpers


def _add(ds: Dataset, cls: type[m.Record], **fields: Any) -> Any:
    """Validate one record and add it to ``ds``; dropped ``None`` values
    keep the JSON form small."""
    rec = cls(**{k: v for k, v in fields.items() if v is not None})
    ds.add(rec)
    return rec


def _add_countries(ds: Dataset) -> None:
    """Add a Country record for every country code the dataset refers to,
    from the shipped reference list plus :data:`COUNTRY_FACTS`, so that
    ``check_dataset`` has nothing to complete (and the dump is stable)."""
    ref = reference_countries()
    have = {c.id for c in ds.of(m.Country)}
    used: list[str] = []
    for rec in ds:
        for f in rec.fields():
            if "Country" not in f.ref:
                continue
            value = getattr(rec, f.name)
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, str) and len(v) == 2 and v.isalpha() and v.upper() in ref:
                    used.append(v.upper())
    for code in sorted(set(used) - have):
        row = {**ref[code].model_dump(exclude_none=True), **COUNTRY_FACTS.get(code, {})}
        ds.add(m.Country.model_validate(row))


def _days(start: dt.date, end: dt.date, n: int, rng: random.Random) -> list[dt.date]:
    """``n`` sorted dates drawn from [start, end]."""
    span = (end - start).days
    return sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))


# ================================================================ company

#: Units of the example company: id, name, parent, leakage owner.
UNITS: list[tuple[str, str, str | None, bool | None]] = [
    ("UNIT-MGMT", "経営企画部", None, None),
    ("UNIT-TIM", "技術情報管理室", "UNIT-MGMT", True),
    ("UNIT-LEGAL", "法務知財部", None, None),
    ("UNIT-IT", "情報システム部", None, None),
    ("UNIT-HR", "人事総務部", None, None),
    ("UNIT-RD", "中央研究所", None, None),
    ("UNIT-RD-BATT", "電池材料研究部", "UNIT-RD", None),
    ("UNIT-RD-CER", "電子セラミックス研究部", "UNIT-RD", None),
    ("UNIT-RD-NEXT", "次世代材料開発室", "UNIT-RD", None),
    ("UNIT-MFG", "生産本部", None, None),
    ("UNIT-MFG-ENG", "生産技術部", "UNIT-MFG", None),
    ("UNIT-MFG-YOK", "四日市工場 製造部", "UNIT-MFG", None),
    ("UNIT-QA", "品質保証部", "UNIT-MFG", None),
    ("UNIT-PROC", "調達部", None, None),
    ("UNIT-SALES", "営業部", None, None),
    ("UNIT-OVS", "海外事業部", None, None),
]

#: Where members of a unit usually work.
UNIT_SITE = {"UNIT-RD": "SITE-LAB", "UNIT-RD-BATT": "SITE-LAB", "UNIT-RD-CER": "SITE-LAB", "UNIT-RD-NEXT": "SITE-LAB", "UNIT-MFG": "SITE-FAC", "UNIT-MFG-ENG": "SITE-FAC", "UNIT-MFG-YOK": "SITE-FAC", "UNIT-QA": "SITE-FAC"}

#: Technologies: id, name, grading, choke point, easily developed, forms,
#: protection, owner unit, ordered step names.
TECHNOLOGIES: list[tuple[str, str, list[str], bool | None, bool | None, list[str], str | None, str, list[str]]] = [
    (
        "TECH-CATHODE",
        "高ニッケル正極材の焼成技術",
        ["core", "econ_security"],
        False,
        False,
        ["data", "tacit", "equipment", "samples"],
        "trade_secret",
        "UNIT-RD-BATT",
        ["前駆体の受入検査", "リチウム源の配合", "乾式混合", "予備焼成", "酸素雰囲気での本焼成", "解砕・分級", "水洗・脱リチウム残渣除去", "表面処理と再焼成", "磁選・異物除去", "出荷前評価"],
    ),
    (
        "TECH-SOLIDELEC",
        "硫化物系固体電解質の合成技術",
        ["core", "security", "econ_security"],
        True,
        False,
        ["data", "tacit", "equipment", "samples"],
        "trade_secret",
        "UNIT-RD-NEXT",
        ["硫化リチウム原料の精製", "不活性雰囲気下での秤量", "メカノケミカル合成", "熱処理・結晶化", "粉砕・粒度調整", "ドーパント添加", "イオン伝導度評価", "防湿包装"],
    ),
    (
        "TECH-BTO",
        "積層セラミックコンデンサ用チタン酸バリウム微粒子の水熱合成技術",
        ["core"],
        False,
        False,
        ["documents", "data", "equipment"],
        "patent",
        "UNIT-RD-CER",
        ["原料スラリーの調製", "水熱合成", "固液分離・洗浄", "乾燥", "仮焼", "分散処理", "粒径分布検査"],
    ),
    ("TECH-RECYCLE", "使用済み正極材のダイレクトリサイクル技術", ["to_acquire", "econ_security"], None, None, ["data", "samples"], None, "UNIT-RD-BATT", ["セル解体・選別", "ブラックマス回収", "不純物除去", "リチウム補填", "再焼成", "特性評価"]),
    (
        # deliberately ungraded although it flows to a contract manufacturer
        "TECH-COATING",
        "正極粒子の表面ナノコーティング技術",
        [],
        None,
        True,
        ["data", "tacit"],
        None,
        "UNIT-MFG-ENG",
        ["コート剤の調製", "湿式被覆", "乾燥", "熱処理", "被覆率評価"],
    ),
]

_STEP_PREFIX = {t[0]: t[0].removeprefix("TECH-") for t in TECHNOLOGIES}


def step_id(tech: str, order: int) -> str:
    """``step_id("TECH-CATHODE", 3) == "STEP-CATHODE-03"``."""
    return f"STEP-{_STEP_PREFIX.get(tech, tech.removeprefix('TECH-'))}-{order:02d}"


def _steps(tech: str, *orders: int) -> list[str]:
    return [step_id(tech, o) for o in orders]


#: Organisations: id, name, kind, country, extra fields.
ORGANISATIONS: list[tuple[str, str, str, str, dict[str, Any]]] = [
    (COMPANY_ID, COMPANY_NAME, "self", "JP", {"listed": True, "founded": D(1952, 6, 1), "certifications": ["isms"]}),
    ("ORG-SUB-TH", "Toho Ceramics (Thailand) Co., Ltd.", "subsidiary", "TH", {"founded": D(2012, 3, 1)}),
    ("ORG-JV-CN", "蘇州東邦華晟新材料有限公司（合弁会社）", "other", "CN", {"founded": D(2014, 9, 1)}),
    ("ORG-JVP-CN", "華晟材料集団有限公司", "jv_partner", "CN", {"listed": True, "founded": D(2001, 4, 18)}),
    ("ORG-HOLD-CN", "華東産業投資控股集団有限公司", "other", "CN", {"founded": D(1998, 11, 2)}),
    ("ORG-GOV-CN", "華東省人民政府 国有資産監督管理委員会", "government", "CN", {}),
    ("ORG-SUP-001", "北辰化学工業株式会社", "supplier", "JP", {"founded": D(1961, 5, 1), "sole_source": True, "serves_competitors": True}),
    ("ORG-SUP-002", "西海リチウム株式会社", "supplier", "JP", {"founded": D(1979, 2, 1), "certifications": ["isms"]}),
    ("ORG-SUP-003", "Austral Lithium Pty Ltd", "supplier", "AU", {"listed": True, "founded": D(2009, 8, 3)}),
    ("ORG-SUP-004", "大和ジルコニア株式会社", "supplier", "JP", {"founded": D(1970, 10, 1)}),
    ("ORG-SUP-005", "Hanbit Chemical Co., Ltd.", "supplier", "KR", {"founded": D(2004, 7, 1), "serves_competitors": True}),
    ("ORG-CUS-001", "日本電池エナジー株式会社", "customer", "JP", {"listed": True, "certifications": ["isms"]}),
    ("ORG-CUS-002", "Seorin Energy Solutions Co., Ltd.", "customer", "KR", {"listed": True}),
    ("ORG-CUS-003", "Apex Motive Power Inc.", "customer", "US", {"founded": D(2019, 1, 15)}),
    ("ORG-CUS-004", "旭光電子部品株式会社", "customer", "JP", {"listed": True, "certifications": ["isms"]}),
    ("ORG-EQ-001", "株式会社三葉炉機", "equipment_maker", "JP", {"founded": D(1966, 4, 1)}),
    ("ORG-EQ-002", "Kessler Thermprozess GmbH", "equipment_maker", "DE", {"founded": D(1988, 1, 1), "certifications": ["isms"]}),
    ("ORG-MNT-001", "Thai Siam Plant Service Co., Ltd.", "other", "TH", {"founded": D(2016, 6, 1)}),
    ("ORG-CM-001", "東和ファインプロセス株式会社", "contract_manufacturer", "JP", {"founded": D(1983, 9, 1), "certifications": ["isms"]}),
    ("ORG-CM-002", "江南精密粉体有限公司", "contract_manufacturer", "CN", {"founded": D(2020, 12, 8)}),
    ("ORG-LIC-001", "Daesung Advanced Materials Co., Ltd.", "licensee", "KR", {"listed": True, "certifications": ["isms"]}),
    ("ORG-LIC-001-VN", "Daesung Materials Vietnam Co., Ltd.", "other", "VN", {"founded": D(2021, 3, 1)}),
    ("ORG-UNI-001", "東都工業大学", "university", "JP", {"founded": D(1949, 5, 31)}),
    ("ORG-LAB-001", "東都工業大学 無機材料化学研究室", "lab", "JP", {}),
    ("ORG-RI-001", "Institut für Keramische Werkstoffe Dresden", "research_institute", "DE", {"certifications": ["isms"]}),
    ("ORG-CON-001", "Meridian Process Consulting Pte. Ltd.", "consultant", "SG", {"founded": D(2017, 2, 1)}),
    ("ORG-REC-001", "Circulo Metals NV", "recycler", "BE", {"certifications": ["isms"]}),
    ("ORG-SVC-001", "LinguaPilot AI（生成AI翻訳サービス）", "external_service", "US", {}),
    ("ORG-SVC-002", "SkyVault Storage Inc.", "external_service", "US", {"certifications": ["isms", "other"]}),
    ("ORG-COMP-001", "深圳鋒鋰新能源材料有限公司", "competitor", "CN", {"founded": D(2015, 3, 1), "past_incidents": "2024年に他社の営業秘密の不正取得で現地で提訴された"}),
    ("ORG-COMP-002", "Mirae Cathode Co., Ltd.", "competitor", "KR", {"listed": True}),
    ("ORG-COMP-003", "中部マテリアル株式会社", "competitor", "JP", {"listed": True}),
    ("ORG-FUND-HK", "Pacific Bridge Capital Ltd.", "other", "HK", {"founded": D(2018, 5, 1)}),
]

#: Handcrafted people of the company: id, name, unit, role, joined, extra.
KEY_STAFF: list[tuple[str, str, str, str, dt.date, dict[str, Any]]] = [
    ("PER-0001", "岡本 宗一郎", "UNIT-MGMT", "代表取締役社長", D(1986, 4, 1), {"trained": D(2026, 5, 20)}),
    ("PER-0002", "相川 直人", "UNIT-RD", "取締役 技術本部長", D(1990, 4, 1), {"trained": D(2026, 5, 20)}),
    ("PER-0003", "北村 綾子", "UNIT-TIM", "技術情報管理室長", D(1996, 4, 1), {"special_training": D(2026, 3, 10)}),
    ("PER-0004", "三浦 健", "UNIT-TIM", "主任", D(2012, 4, 1), {}),
    ("PER-0005", "松井 玲奈", "UNIT-LEGAL", "法務知財部長", D(1998, 4, 1), {}),
    ("PER-0006", "平野 隆之", "UNIT-IT", "情報システム部長", D(1997, 10, 1), {}),
    ("PER-0010", "桑原 正樹", "UNIT-RD-BATT", "主席技師", D(1989, 4, 1), {"planned_retirement": D(2027, 3, 31), "non_compete_pledge": None, "trained": D(2026, 4, 15)}),
    ("PER-0011", "野口 博之", "UNIT-MFG-ENG", "生産技術課長", D(2003, 4, 1), {"side_jobs": "個人での技術コンサルティング（届出済み）", "non_compete_pledge": False, "trained": D(2025, 11, 20)}),
    ("PER-0012", "今井 恵子", "UNIT-RD-BATT", "主任研究員", D(2008, 4, 1), {}),
    ("PER-0015", "大西 拓海", "UNIT-RD-BATT", "主任研究員", D(2009, 4, 1), {"status": "left", "left": D(2025, 8, 31), "destination": "ORG-COMP-001", "non_compete_pledge": False, "trained": D(2025, 2, 10)}),
    ("PER-0016", "藤原 和夫", "UNIT-MFG-YOK", "製造課長", D(1982, 4, 1), {"status": "retired", "left": D(2024, 3, 31), "destination": "ORG-CON-001", "trained": D(2023, 6, 1)}),
    ("PER-0017", "川口 里奈", "UNIT-RD-CER", "研究員", D(2014, 4, 1), {"status": "left", "left": D(2024, 11, 30), "destination": "ORG-COMP-003", "trained": D(2024, 5, 10)}),
    ("PER-0018", "西田 翼", "UNIT-RD-NEXT", "研究員", D(2018, 4, 1), {"status": "left", "left": D(2026, 6, 30), "trained": D(2025, 12, 3)}),
    ("PER-0019", "原田 美穂", "UNIT-QA", "品質保証担当", D(2011, 4, 1), {"status": "on_leave"}),
    ("PER-0020", "久保 大地", "UNIT-RD-NEXT", "主任研究員", D(2011, 4, 1), {"trained": D(2024, 2, 5)}),
    ("PER-0021", "石田 光", "UNIT-RD-NEXT", "研究員", D(2019, 4, 1), {}),
    ("PER-0022", "朴 成浩", "UNIT-RD-NEXT", "研究員", D(2020, 10, 1), {"nationality": "KR"}),
    ("PER-0023", "劉 暁明", "UNIT-RD-NEXT", "研究員", D(2021, 4, 1), {"nationality": "CN", "residency": "specific_category", "side_jobs": "海外大学の客員研究員（報酬あり）"}),
    ("PER-0025", "荒木 翔", "UNIT-RD-BATT", "研究員（リサイクル担当）", D(2015, 4, 1), {}),
    ("PER-0026", "杉山 真央", "UNIT-RD-BATT", "研究員", D(2021, 4, 1), {}),
    ("PER-0030", "菅原 修", "UNIT-RD-CER", "技師長", D(1987, 4, 1), {"planned_retirement": D(2026, 12, 31), "non_compete_pledge": None}),
    ("PER-0031", "内田 聡子", "UNIT-RD-CER", "主任研究員", D(2005, 4, 1), {}),
    ("PER-0035", "上田 航", "UNIT-MFG-ENG", "主任", D(2010, 4, 1), {"side_jobs": "週末に地元企業の技術顧問", "non_compete_pledge": False}),
    ("PER-0040", "横山 誠司", "UNIT-SALES", "営業課長", D(2002, 4, 1), {"special_training": D(2026, 2, 14)}),
    ("PER-0041", "吉川 萌", "UNIT-SALES", "技術営業", D(2020, 4, 1), {}),
    ("PER-0042", "丸山 啓介", "UNIT-SALES", "技術営業", D(2013, 4, 1), {"special_training": D(2023, 9, 1)}),
    ("PER-0045", "新井 陽一", "UNIT-PROC", "調達課長", D(2000, 4, 1), {}),
    ("PER-0046", "島田 千夏", "UNIT-PROC", "調達担当", D(2017, 4, 1), {}),
    ("PER-0050", "小松 英明", "UNIT-OVS", "海外事業部長", D(1993, 4, 1), {"special_training": D(2026, 1, 22)}),
    ("PER-0051", "柴田 浩", "UNIT-OVS", "蘇州合弁 総経理", D(1995, 4, 1), {"site": "SITE-CN", "special_training": D(2025, 4, 8)}),
    ("PER-0052", "村田 涼", "UNIT-OVS", "タイ工場 技術指導", D(2009, 4, 1), {"site": "SITE-TH"}),
]

#: Bulk members per unit (generated with the seeded random source).
BULK: list[tuple[str, int, str]] = [
    ("UNIT-MGMT", 2, "企画担当"),
    ("UNIT-TIM", 1, "担当"),
    ("UNIT-LEGAL", 2, "知財担当"),
    ("UNIT-IT", 2, "システム担当"),
    ("UNIT-HR", 2, "人事担当"),
    ("UNIT-RD-BATT", 7, "研究員"),
    ("UNIT-RD-CER", 5, "研究員"),
    ("UNIT-RD-NEXT", 3, "研究員"),
    ("UNIT-MFG-ENG", 6, "技術員"),
    ("UNIT-MFG-YOK", 8, "製造オペレーター"),
    ("UNIT-QA", 3, "検査員"),
    ("UNIT-PROC", 1, "調達担当"),
    ("UNIT-SALES", 3, "営業"),
    ("UNIT-OVS", 1, "海外事業担当"),
]

FAMILY_NAMES = ("佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本").split()
GIVEN_NAMES = ("健太 翔太 大輔 拓也 直樹 誠 浩二 亮 智子 由美 恵 美咲 陽子 裕子 和也 聡 学 崇 彩 真理子 達也 康弘 優子 奈々 悠斗 隆 修 淳 香織 千尋").split()

#: Partner staff, students and outside directors: id, name, employer, extra.
OUTSIDE_PEOPLE: list[tuple[str, str, str, dict[str, Any]]] = [
    # Thai subsidiary
    ("PER-0201", "Somchai Wongsakul", "ORG-SUB-TH", {"role": "工場長", "site": "SITE-TH", "nationality": "TH", "residency": "non_resident", "confidentiality_pledge": True, "trained": D(2026, 2, 2)}),
    ("PER-0202", "Nattaya Srisuk", "ORG-SUB-TH", {"role": "製造リーダー", "site": "SITE-TH", "nationality": "TH", "residency": "non_resident", "confidentiality_pledge": True, "trained": D(2026, 2, 2)}),
    ("PER-0203", "Anan Chaiyaporn", "ORG-SUB-TH", {"role": "保全担当", "site": "SITE-TH", "nationality": "TH", "residency": "non_resident", "confidentiality_pledge": True}),
    # JV local staff (site in withdrawal)
    ("PER-0211", "王 建国", "ORG-JV-CN", {"role": "製造部長", "site": "SITE-CN", "nationality": "CN", "residency": "non_resident", "confidentiality_pledge": True}),
    ("PER-0212", "李 静", "ORG-JV-CN", {"role": "品質管理主管", "site": "SITE-CN", "nationality": "CN", "residency": "non_resident", "confidentiality_pledge": True}),
    ("PER-0213", "張 偉", "ORG-JV-CN", {"role": "設備エンジニア", "site": "SITE-CN", "nationality": "CN", "residency": "non_resident", "status": "left", "left": D(2026, 7, 31), "destination": "ORG-COMP-001"}),
    # contract manufacturer, licensee, customer
    ("PER-0221", "片山 浩", "ORG-CM-001", {"role": "製造部長", "nationality": "JP", "residency": "resident"}),
    ("PER-0222", "宮本 理恵", "ORG-CM-001", {"role": "品質保証課長", "nationality": "JP", "residency": "resident"}),
    ("PER-0231", "Kim Ji-hoon", "ORG-LIC-001", {"role": "技術導入責任者", "nationality": "KR", "residency": "non_resident"}),
    ("PER-0271", "Michael Torres", "ORG-CUS-003", {"role": "Materials sourcing lead", "nationality": "US", "residency": "non_resident"}),
    # university lab (joint research PRJ-001)
    ("PER-0241", "森下 徹", "ORG-LAB-001", {"role": "教授", "nationality": "JP", "residency": "resident", "confidentiality_pledge": True, "side_jobs": "国内学会理事"}),
    ("PER-0242", "大野 沙織", "ORG-LAB-001", {"role": "准教授", "nationality": "JP", "residency": "resident", "confidentiality_pledge": True}),
    ("PER-0243", "田村 悠", "ORG-LAB-001", {"role": "修士課程2年", "student": True, "nationality": "JP", "residency": "resident", "confidentiality_pledge": True}),
    ("PER-0244", "Nguyen Van Minh", "ORG-LAB-001", {"role": "博士課程1年", "student": True, "nationality": "VN", "residency": "non_resident", "confidentiality_pledge": False}),
    ("PER-0245", "工藤 遥", "ORG-LAB-001", {"role": "学部4年", "student": True, "nationality": "JP", "residency": "resident"}),
    ("PER-0246", "陳 思遠", "ORG-LAB-001", {"role": "博士課程2年", "student": True, "nationality": "CN", "residency": "non_resident", "confidentiality_pledge": True}),
    # research institute (joint research PRJ-002)
    ("PER-0251", "Katrin Vogel", "ORG-RI-001", {"role": "Gruppenleiterin", "nationality": "DE", "residency": "non_resident", "confidentiality_pledge": True}),
    ("PER-0252", "Jonas Weber", "ORG-RI-001", {"role": "Wissenschaftler", "nationality": "DE", "residency": "non_resident", "confidentiality_pledge": True}),
    # outside directors
    ("PER-0301", "周 国平", "ORG-JVP-CN", {"role": "董事長", "nationality": "CN"}),
    ("PER-0302", "劉 洋", "ORG-JVP-CN", {"role": "董事", "nationality": "CN"}),
    ("PER-0303", "黄 志強", "ORG-JVP-CN", {"role": "董事", "nationality": "CN"}),
    ("PER-0304", "孫 麗", "ORG-JVP-CN", {"role": "董事 兼 副総経理", "nationality": "CN"}),
    ("PER-0305", "趙 明", "ORG-JVP-CN", {"role": "独立董事", "nationality": "CN"}),
    ("PER-0306", "呉 磊", "ORG-JVP-CN", {"role": "董事", "nationality": "CN"}),
    ("PER-0307", "鄭 海", "ORG-HOLD-CN", {"role": "董事長", "nationality": "CN"}),
    ("PER-0308", "馬 超", "ORG-JV-CN", {"role": "董事長", "nationality": "CN"}),
]

#: Information assets (fields of :class:`graphmap.model.InformationAsset`).
ASSETS: list[dict[str, Any]] = [
    # cathode
    dict(
        id="ASSET-CATH-SPEC",
        name="正極材焼成工程 製造仕様書",
        technologies=["TECH-CATHODE"],
        steps=_steps("TECH-CATHODE", *range(1, 11)),
        secrecy="top_secret",
        trade_secret=True,
        marked=True,
        access_restricted=True,
        form="document",
        site="SITE-FAC",
        owner_unit="UNIT-MFG-ENG",
    ),
    dict(
        id="ASSET-CATH-RECIPE",
        name="リチウム配合比・焼成プロファイル",
        technologies=["TECH-CATHODE"],
        steps=_steps("TECH-CATHODE", 2, 4, 5),
        secrecy="top_secret",
        trade_secret=True,
        marked=True,
        access_restricted=True,
        form="data",
        site="SITE-LAB",
        owner_unit="UNIT-RD-BATT",
    ),
    dict(id="ASSET-CATH-FIRELOG", name="焼成炉 実測温度・酸素濃度ログ", steps=_steps("TECH-CATHODE", 5), secrecy="department_only", trade_secret=True, marked=False, access_restricted=True, form="data", site="SITE-FAC", owner_unit="UNIT-MFG-ENG"),
    dict(
        id="ASSET-CATH-WI-TH", name="ラヨーン工場 焼成工程 作業指示書", steps=_steps("TECH-CATHODE", 3, 5, 6), secrecy="company_internal", trade_secret=True, marked=True, access_restricted=True, form="document", site="SITE-TH", owner_unit="UNIT-OVS"
    ),
    dict(id="ASSET-CATH-WI-CN", name="蘇州工場 焼成工程 作業指示書", steps=_steps("TECH-CATHODE", 3, 5, 6), secrecy="department_only", trade_secret=True, marked=True, access_restricted=True, form="document", site="SITE-CN", owner_unit="UNIT-OVS"),
    dict(id="ASSET-CATH-SAMPLE", name="開発品サンプル（コード K-7）", technologies=["TECH-CATHODE"], secrecy="company_internal", marked=True, form="sample", site="SITE-LAB", owner_unit="UNIT-RD-BATT"),
    dict(id="ASSET-CATH-ROADMAP", name="次世代正極材 開発ロードマップ", technologies=["TECH-CATHODE"], secrecy="department_only", trade_secret=True, marked=True, access_restricted=True, form="document", site="SITE-LAB", owner_unit="UNIT-RD-BATT"),
    dict(id="ASSET-CATH-PRECURSOR-SPEC", name="前駆体 要求仕様書", steps=_steps("TECH-CATHODE", 1), secrecy="company_internal", trade_secret=False, marked=True, form="document", site="SITE-HQ", owner_unit="UNIT-PROC"),
    dict(id="ASSET-CATH-QC", name="正極材 出荷検査基準書", steps=_steps("TECH-CATHODE", 10), secrecy="company_internal", trade_secret=False, marked=True, form="document", site="SITE-FAC", owner_unit="UNIT-QA"),
    dict(id="ASSET-CATH-DATASHEET", name="正極材 製品データシート", technologies=["TECH-CATHODE"], secrecy="public", form="document", owner_unit="UNIT-SALES"),
    dict(
        id="ASSET-KILN-SPEC", name="ローラーハースキルン 改造仕様書", steps=_steps("TECH-CATHODE", 4, 5), secrecy="top_secret", trade_secret=True, marked=True, access_restricted=True, form="equipment_spec", site="SITE-FAC", owner_unit="UNIT-MFG-ENG"
    ),
    dict(id="ASSET-CN-PERMIT", name="蘇州工場 環境許可申請書類", technologies=["TECH-CATHODE"], secrecy="company_internal", marked=True, form="document", site="SITE-CN", owner_unit="UNIT-OVS"),
    dict(id="ASSET-LI-SPEC", name="水酸化リチウム 受入規格", steps=_steps("TECH-CATHODE", 2), secrecy="company_internal", trade_secret=False, marked=True, form="document", site="SITE-HQ", owner_unit="UNIT-PROC"),
    dict(id="ASSET-FACTORY-LAYOUT", name="四日市工場 設備レイアウト図", technologies=["TECH-CATHODE"], secrecy="company_internal", marked=True, access_restricted=True, form="drawing", site="SITE-FAC", owner_unit="UNIT-MFG-ENG"),
    # solid electrolyte
    dict(
        id="ASSET-SE-RECIPE",
        name="固体電解質 組成・合成条件",
        technologies=["TECH-SOLIDELEC"],
        steps=_steps("TECH-SOLIDELEC", 3, 4, 6),
        secrecy="top_secret",
        trade_secret=True,
        marked=True,
        access_restricted=True,
        form="data",
        site="SITE-LAB",
        owner_unit="UNIT-RD-NEXT",
    ),
    dict(id="ASSET-SE-LABNOTE", name="合成実験ノート（電子）", steps=_steps("TECH-SOLIDELEC", 3, 4), secrecy="department_only", trade_secret=True, marked=True, access_restricted=False, form="data", site="SITE-LAB", owner_unit="UNIT-RD-NEXT"),
    dict(id="ASSET-SE-MILL-SPEC", name="遊星ボールミル 改造図面", steps=_steps("TECH-SOLIDELEC", 3), secrecy="department_only", trade_secret=True, marked=True, access_restricted=True, form="drawing", site="SITE-LAB", owner_unit="UNIT-RD-NEXT"),
    dict(id="ASSET-SE-SAMPLE", name="固体電解質サンプル（コード S-Blue）", technologies=["TECH-SOLIDELEC"], secrecy="company_internal", marked=True, form="sample", site="SITE-LAB", owner_unit="UNIT-RD-NEXT"),
    dict(id="ASSET-SE-CONDUCTIVITY", name="イオン伝導度 評価データ", steps=_steps("TECH-SOLIDELEC", 7), secrecy="company_internal", marked=True, access_restricted=True, form="data", site="SITE-LAB", owner_unit="UNIT-RD-NEXT"),
    dict(id="ASSET-LI2S-SPEC", name="硫化リチウム 要求仕様", steps=_steps("TECH-SOLIDELEC", 1), secrecy="company_internal", trade_secret=False, marked=True, form="document", site="SITE-HQ", owner_unit="UNIT-PROC"),
    dict(id="ASSET-SE-PAPER", name="学会発表資料（固体電解質の大気安定性）", technologies=["TECH-SOLIDELEC"], secrecy="public", form="document", owner_unit="UNIT-RD-NEXT"),
    # barium titanate
    dict(
        id="ASSET-BTO-SPEC", name="水熱合成 条件書", technologies=["TECH-BTO"], steps=_steps("TECH-BTO", 2, 3), secrecy="top_secret", trade_secret=True, marked=True, access_restricted=True, form="document", site="SITE-LAB", owner_unit="UNIT-RD-CER"
    ),
    dict(id="ASSET-BTO-PATENT", name="特許公報（チタン酸バリウム微粒子の製造方法）", technologies=["TECH-BTO"], secrecy="public", form="document", owner_unit="UNIT-LEGAL"),
    dict(id="ASSET-BTO-AUTOCLAVE-DWG", name="水熱合成オートクレーブ 設計図", steps=_steps("TECH-BTO", 2), secrecy="department_only", trade_secret=True, marked=True, access_restricted=True, form="drawing", site="SITE-FAC", owner_unit="UNIT-RD-CER"),
    dict(id="ASSET-BTO-SAMPLE", name="微粒子サンプル（コード T-30）", technologies=["TECH-BTO"], secrecy="company_internal", marked=True, form="sample", site="SITE-LAB", owner_unit="UNIT-RD-CER"),
    dict(id="ASSET-BTO-PSD", name="粒径分布 測定データ", steps=_steps("TECH-BTO", 7), secrecy="company_internal", marked=True, form="data", site="SITE-LAB", owner_unit="UNIT-RD-CER"),
    # recycling (joint research)
    dict(id="ASSET-REC-DATA", name="ブラックマス 組成分析データ", technologies=["TECH-RECYCLE"], steps=_steps("TECH-RECYCLE", 2, 3), secrecy="company_internal", marked=True, form="data", site="SITE-LAB", owner_unit="UNIT-RD-BATT"),
    dict(id="ASSET-REC-PLAN", name="共同研究計画書（ダイレクトリサイクル）", technologies=["TECH-RECYCLE"], secrecy="company_internal", marked=True, form="document", site="SITE-LAB", owner_unit="UNIT-RD-BATT"),
    dict(
        id="ASSET-REC-RELITH",
        name="リチウム補填・再焼成条件（試作）",
        technologies=["TECH-RECYCLE", "TECH-CATHODE"],
        steps=_steps("TECH-RECYCLE", 4, 5),
        secrecy="department_only",
        trade_secret=True,
        marked=True,
        access_restricted=True,
        form="data",
        site="SITE-LAB",
        owner_unit="UNIT-RD-BATT",
    ),
    # coating (ungraded technology)
    dict(id="ASSET-COAT-RECIPE", name="コート剤 処方", steps=_steps("TECH-COATING", 1, 2), secrecy="department_only", trade_secret=True, marked=False, access_restricted=False, form="data", site="SITE-FAC", owner_unit="UNIT-MFG-ENG"),
    dict(id="ASSET-COAT-WI", name="被覆工程 作業標準書", steps=_steps("TECH-COATING", 2, 3, 4), secrecy="company_internal", marked=True, form="document", site="SITE-FAC", owner_unit="UNIT-MFG-ENG"),
    dict(id="ASSET-COAT-SAMPLE", name="被覆品サンプル（コード C-2）", technologies=["TECH-COATING"], secrecy="company_internal", marked=True, form="sample", site="SITE-FAC", owner_unit="UNIT-MFG-ENG"),
    dict(id="ASSET-ZR-SPEC", name="ジルコニウム系コート原料 受入規格", steps=_steps("TECH-COATING", 1), secrecy="company_internal", trade_secret=False, marked=True, form="document", site="SITE-HQ", owner_unit="UNIT-PROC"),
    # general
    dict(id="ASSET-ANNUAL-TECH-REPORT", name="年次技術報告書", technologies=["TECH-CATHODE", "TECH-SOLIDELEC", "TECH-BTO"], secrecy="company_internal", marked=True, access_restricted=True, form="document", site="SITE-HQ", owner_unit="UNIT-RD"),
]

#: Gaps built into the example company on purpose (short English phrases).
COMPANY_GAPS: list[str] = [
    "ungraded technology TECH-COATING with flows to ORG-CM-001 and knowers",
    "trade-secret assets lacking marking or access restriction: ASSET-CATH-FIRELOG, ASSET-SE-LABNOTE, ASSET-COAT-RECIPE",
    "policy POL-003 on exhibitions and travel not reviewed since 2022",
    "TECH-SOLIDELEC known in full only by PER-0020 (steps 03 and 04 have no other holder)",
    "full-process knower PER-0015 of TECH-CATHODE left for foreign competitor ORG-COMP-001",
    "access of departed PER-0015 to ASSET-CATH-RECIPE, PER-0018 to ASSET-SE-LABNOTE and PER-0090 to ASSET-CATH-SPEC survives departure",
    "key knowers near retirement: PER-0030 (2026-12-31), PER-0010 (2027-03-31)",
    "full-process knowers with side jobs or without non-compete pledge: PER-0011, PER-0035",
    "ASSET-CATH-SPEC accessible to many people including sales",
    "development roadmap ASSET-CATH-ROADMAP disclosed uncodenamed to sole-source supplier ORG-SUP-001 who serves competitors",
    "stale due diligence on ORG-SUP-001, ORG-JVP-CN, ORG-EQ-001 (since change of control), ORG-LIC-001",
    "no due diligence on ORG-LAB-001, ORG-JV-CN, ORG-CM-002, ORG-LIC-001-VN, ORG-MNT-001, ORG-EQ-002, ORG-SVC-001; individual review of student PER-0244 pending",
    "disclosures to ORG-CUS-003 and ORG-EQ-002 before their NDAs start",
    "confidential data typed into external AI service ORG-SVC-001 with no contract",
    "process audit by customer ORG-CUS-001 shown the full specification ASSET-CATH-SPEC",
    "samples outstanding past due at ORG-CUS-002 and ORG-CUS-003",
    "onward disclosure ORG-CM-001 -> ORG-CM-002 (CN) and ORG-LIC-001 -> ORG-LIC-001-VN without approval",
    "ORG-JVP-CN controlled by foreign government ORG-GOV-CN (68% through ORG-HOLD-CN) with half its directors government-nominated",
    "golden share of ORG-GOV-CN in ORG-CM-002",
    "site SITE-CN in withdrawal: local staff keep access to ASSET-CATH-WI-CN; EQ-KILN-CN owned by JV partner with no disposal plan",
    "JV contract CTR-018 without return/destruction duty, under partner law, stakeholders not briefed",
    "foreign-government request for ASSET-CATH-WI-CN not reviewed",
    "customised kiln EQ-KILN-TH at SITE-TH maintained by third party ORG-MNT-001 without restoring catalogue spec",
    "three customised kilns all made by ORG-EQ-001 (vendor concentration for TECH-CATHODE)",
    "students PER-0244 and PER-0245 of ORG-LAB-001 access project data without being named participants; pledges missing",
    "project PRJ-001 shares data by copy (no own platform); ASSET-REC-RELITH flows outside the contract's scope",
    "researcher PER-0251 keeps access after PRJ-002 ended; no destruction certificate for CTR-021",
    "ended NDA CTR-008 with ORG-CUS-002 without destruction certificate",
    "licence CTR-017 without third-party disclosure ban or audit rights",
]


class _Company:
    """Builds the example company; one instance per build."""

    def __init__(self) -> None:
        self.rng = random.Random(20261121)
        self.ds = Dataset()
        self.people: dict[str, dict[str, Any]] = {}  # id -> fields, in insertion order
        self.members: dict[str, list[str]] = {}  # unit -> person ids
        self.disclosure_no = 0

    # -- structure

    def build(self) -> Dataset:
        self.organisations()
        self.units_and_policies()
        self.sites()
        self.technologies()
        self.assets()
        self.staff()
        self.outside_people()
        self.write_people()
        self.equipment()
        self.contracts()
        self.projects()
        self.due_diligence()
        self.disclosures()
        self.knowledge()
        self.access()
        self.ownership()
        self.directorships()
        _add_countries(self.ds)
        return self.ds

    def organisations(self) -> None:
        for oid, name, kind, country, extra in ORGANISATIONS:
            _add(self.ds, m.Organisation, id=oid, name=name, kind=kind, country=country, **extra)

    def units_and_policies(self) -> None:
        for uid, name, parent, owner in UNITS:
            _add(self.ds, m.Unit, id=uid, name=name, organisation=COMPANY_ID, parent=parent, leakage_owner=owner)
            self.members[uid] = []
        _add(self.ds, m.Policy, id="POL-001", title="技術情報管理規程", owner_unit="UNIT-TIM", topics=["storage", "devices", "removable_media", "social_network", "visitors"], reviewed=D(2025, 4, 1))
        _add(self.ds, m.Policy, id="POL-002", title="生成AI利用ガイドライン", owner_unit="UNIT-IT", topics=["generative_ai"], reviewed=D(2024, 9, 15))
        _add(self.ds, m.Policy, id="POL-003", title="展示会・海外出張時の情報管理要領", owner_unit="UNIT-TIM", topics=["exhibitions", "travel"], reviewed=D(2022, 6, 1))

    def sites(self) -> None:
        rows = [
            ("SITE-HQ", "本社（東京都港区）", "office", "JP", COMPANY_ID, "operation"),
            ("SITE-LAB", "つくば中央研究所", "lab", "JP", COMPANY_ID, "operation"),
            ("SITE-FAC", "四日市工場", "factory", "JP", COMPANY_ID, "operation"),
            ("SITE-TH", "ラヨーン工場（タイ）", "factory", "TH", "ORG-SUB-TH", "operation"),
            ("SITE-CN", "蘇州合弁工場（中国）", "factory", "CN", "ORG-JV-CN", "withdrawal"),
        ]
        for sid, name, kind, country, operator, stage in rows:
            _add(self.ds, m.Site, id=sid, name=name, kind=kind, country=country, operator=operator, stage=stage)

    def technologies(self) -> None:
        for tid, name, grading, choke, easy, forms, protection, unit, steps in TECHNOLOGIES:
            _add(self.ds, m.Technology, id=tid, name=name, grading=grading, choke_point=choke, easily_developed=easy, forms=forms, protection=protection, owner_unit=unit)
            for order, step_name in enumerate(steps, start=1):
                _add(self.ds, m.ProcessStep, id=step_id(tid, order), technology=tid, order=order, name=step_name)

    def assets(self) -> None:
        for row in ASSETS:
            _add(self.ds, m.InformationAsset, **row)

    # -- people

    def _person(self, pid: str, **fields: Any) -> None:
        self.people[pid] = {"id": pid, **fields}
        unit = fields.get("unit")
        if unit:
            self.members[unit].append(pid)

    def staff(self) -> None:
        rng = self.rng
        for pid, name, unit, role, joined, extra in KEY_STAFF:
            fields: dict[str, Any] = {
                "name": name,
                "employer": COMPANY_ID,
                "unit": unit,
                "site": UNIT_SITE.get(unit, "SITE-HQ"),
                "role": role,
                "joined": joined,
                "nationality": "JP",
                "residency": "resident",
                "confidentiality_pledge": True,
                "non_compete_pledge": True if unit.startswith(("UNIT-RD", "UNIT-MFG")) else None,
                "trained": D(2026, 3, 1) + dt.timedelta(days=rng.randint(0, 200)),
            }
            fields.update(extra)
            self._person(pid, **fields)
        used = {p["name"] for p in self.people.values()}
        number = 60
        for unit, count, role in BULK:
            for _ in range(count):
                while True:
                    name = f"{rng.choice(FAMILY_NAMES)} {rng.choice(GIVEN_NAMES)}"
                    if name not in used:
                        used.add(name)
                        break
                number += 1
                joined = D(rng.randint(1990, 2024), 4, 1)
                fields = {"name": name, "employer": COMPANY_ID, "unit": unit, "site": UNIT_SITE.get(unit, "SITE-HQ"), "role": role, "joined": joined, "nationality": "JP", "residency": "resident"}
                if joined.year < 1996:
                    fields["planned_retirement"] = D(2027 + (joined.year - 1990) * 1 + rng.randint(0, 2), 3, 31)
                r = rng.random()
                if r < 0.80:
                    fields["trained"] = D(2025, 12, 1) + dt.timedelta(days=rng.randint(0, 320))
                elif r < 0.93:
                    fields["trained"] = D(2023, 1, 10) + dt.timedelta(days=rng.randint(0, 680))
                fields["confidentiality_pledge"] = rng.random() < 0.95 or None
                if unit.startswith(("UNIT-RD", "UNIT-MFG")):
                    fields["non_compete_pledge"] = rng.choice([True, True, True, True, True, False, None])
                if rng.random() < 0.05:
                    fields["side_jobs"] = rng.choice(["家業の手伝い", "週末の塾講師", "技術系ブログの執筆"])
                self._person(f"PER-{number:04d}", **fields)
        # a few departures among the bulk staff (fixed choices, no clock)
        departures = [
            ("PER-0066", "left", D(2025, 3, 31), "ORG-CUS-001"),
            ("PER-0072", "left", D(2024, 9, 30), None),
            ("PER-0079", "retired", D(2025, 3, 31), None),
            ("PER-0084", "left", D(2026, 1, 31), "ORG-COMP-002"),
            ("PER-0090", "left", D(2024, 6, 30), None),
        ]
        for pid, status, left, dest in departures:
            p = self.people[pid]
            p.update(status=status, left=left, destination=dest)
            p.pop("planned_retirement", None)
        # two staff members with a foreign nationality among the bulk
        self.people["PER-0075"].update(nationality="VN")
        self.people["PER-0093"].update(nationality="CN")

    def outside_people(self) -> None:
        for pid, name, employer, extra in OUTSIDE_PEOPLE:
            self._person(pid, name=name, employer=employer, **extra)

    def write_people(self) -> None:
        for fields in self.people.values():
            _add(self.ds, m.Person, **fields)

    def active(self, unit: str) -> list[str]:
        return [p for p in self.members[unit] if self.people[p].get("status", "active") in ("active", "on_leave")]

    # -- equipment, agreements, projects

    def equipment(self) -> None:
        rows: list[dict[str, Any]] = [
            dict(
                id="EQ-KILN-01",
                name="ローラーハースキルン 1号機（酸素雰囲気仕様）",
                customised=True,
                owner=COMPANY_ID,
                site="SITE-FAC",
                maker="ORG-EQ-001",
                maintainer="ORG-EQ-001",
                embodies=["TECH-CATHODE", step_id("TECH-CATHODE", 5)],
                spec_restored_for_repair=True,
            ),
            dict(id="EQ-KILN-02", name="ローラーハースキルン 2号機（予備焼成）", customised=True, owner=COMPANY_ID, site="SITE-FAC", maker="ORG-EQ-001", maintainer="ORG-EQ-001", embodies=[step_id("TECH-CATHODE", 4)], spec_restored_for_repair=True),
            dict(id="EQ-KILN-TH", name="ラヨーン工場 焼成炉", customised=True, owner="ORG-SUB-TH", site="SITE-TH", maker="ORG-EQ-001", maintainer="ORG-MNT-001", embodies=["TECH-CATHODE", step_id("TECH-CATHODE", 5)], spec_restored_for_repair=False),
            dict(id="EQ-KILN-CN", name="蘇州工場 焼成炉", customised=True, owner="ORG-JVP-CN", site="SITE-CN", maker="ORG-EQ-001", maintainer="ORG-JV-CN", embodies=["TECH-CATHODE", step_id("TECH-CATHODE", 5)], disposal_plan=False),
            dict(id="EQ-CLASS-CN", name="蘇州工場 気流分級機", customised=False, owner="ORG-JV-CN", site="SITE-CN", maker="ORG-EQ-002", maintainer="ORG-JV-CN", embodies=[step_id("TECH-CATHODE", 6)], disposal_plan=True),
            dict(
                id="EQ-MILL-01", name="遊星ボールミル（改造型）", customised=True, owner=COMPANY_ID, site="SITE-LAB", maker="ORG-EQ-002", maintainer=COMPANY_ID, embodies=["TECH-SOLIDELEC", step_id("TECH-SOLIDELEC", 3)], spec_restored_for_repair=True
            ),
            dict(id="EQ-AUTOCLAVE-01", name="水熱合成オートクレーブ", customised=True, owner=COMPANY_ID, site="SITE-FAC", maker="ORG-EQ-002", maintainer=COMPANY_ID, embodies=["TECH-BTO", step_id("TECH-BTO", 2)]),
            dict(id="EQ-COATER-01", name="流動層コーティング装置", customised=False, owner=COMPANY_ID, site="SITE-FAC", maker="ORG-EQ-001", maintainer="ORG-EQ-001", embodies=[step_id("TECH-COATING", 2)]),
            dict(id="EQ-GLOVEBOX-01", name="アルゴン置換グローブボックス", customised=False, owner=COMPANY_ID, site="SITE-LAB", maker="ORG-EQ-002", maintainer="ORG-EQ-002"),
        ]
        for row in rows:
            _add(self.ds, m.Equipment, **row)

    def contracts(self) -> None:
        good = dict(confidentiality=True, purpose_limitation=True, no_third_party_disclosure=True, subcontract_approval=True, return_or_destroy=True, survival_years=5, governing_law="japan")
        rows: list[dict[str, Any]] = [
            dict(id="CTR-001", title="秘密保持契約（北辰化学工業）", kind="nda", parties=["ORG-SUP-001"], start=D(2019, 4, 1), **good),
            dict(
                id="CTR-002",
                title="取引基本契約（北辰化学工業）",
                kind="basic_supply",
                parties=["ORG-SUP-001"],
                start=D(2019, 6, 1),
                covered_assets=["ASSET-CATH-PRECURSOR-SPEC"],
                confidentiality=True,
                no_third_party_disclosure=True,
                governing_law="japan",
            ),
            dict(id="CTR-003", title="取引基本契約（西海リチウム）", kind="basic_supply", parties=["ORG-SUP-002"], start=D(2020, 1, 15), covered_assets=["ASSET-LI-SPEC"], **good),
            dict(id="CTR-004", title="Supply Agreement (Austral Lithium)", kind="basic_supply", parties=["ORG-SUP-003"], start=D(2022, 7, 1), covered_assets=["ASSET-LI-SPEC"], **{**good, "governing_law": "neutral"}, stakeholders_briefed=True),
            dict(id="CTR-005", title="取引基本契約（大和ジルコニア）", kind="basic_supply", parties=["ORG-SUP-004"], start=D(2021, 3, 1), covered_assets=["ASSET-ZR-SPEC"], **good),
            dict(id="CTR-006", title="Non-Disclosure Agreement (Hanbit Chemical)", kind="nda", parties=["ORG-SUP-005"], start=D(2024, 2, 1), end=D(2027, 1, 31), covered_assets=["ASSET-LI2S-SPEC"], **{**good, "governing_law": "neutral"}, stakeholders_briefed=True),
            dict(id="CTR-007", title="取引基本契約（日本電池エナジー）", kind="basic_supply", parties=["ORG-CUS-001"], start=D(2018, 4, 1), no_reverse_engineering=True, audit_rights=True, **good),
            dict(id="CTR-008", title="Non-Disclosure Agreement (Seorin Energy)", kind="nda", parties=["ORG-CUS-002"], start=D(2023, 4, 1), end=D(2025, 3, 31), no_reverse_engineering=True, destruction_certificate=False, **good, stakeholders_briefed=True),
            dict(id="CTR-009", title="Basic Supply Agreement (Seorin Energy)", kind="basic_supply", parties=["ORG-CUS-002"], start=D(2025, 4, 1), no_reverse_engineering=False, **{**good, "governing_law": "neutral"}, stakeholders_briefed=True),
            dict(id="CTR-010", title="Mutual NDA (Apex Motive Power)", kind="nda", parties=["ORG-CUS-003"], start=D(2025, 6, 1), end=D(2028, 5, 31), no_reverse_engineering=True, **{**good, "governing_law": "neutral"}),
            dict(id="CTR-011", title="取引基本契約（旭光電子部品）", kind="basic_supply", parties=["ORG-CUS-004"], start=D(2017, 10, 1), no_reverse_engineering=True, **good),
            dict(
                id="CTR-012",
                title="ローラーハースキルン改造 開発委託契約",
                kind="other",
                parties=["ORG-EQ-001"],
                start=D(2021, 9, 1),
                covered_assets=["ASSET-KILN-SPEC"],
                confidentiality=True,
                purpose_limitation=False,
                foreground_ip=False,
                governing_law="japan",
            ),
            dict(id="CTR-013", title="焼成炉 保守契約（三葉炉機）", kind="maintenance", parties=["ORG-EQ-001"], start=D(2022, 4, 1), confidentiality=True, purpose_limitation=True, no_third_party_disclosure=True, governing_law="japan", subcontract_approval=True, return_or_destroy=True),
            dict(id="CTR-014", title="Geheimhaltungsvereinbarung / NDA (Kessler)", kind="nda", parties=["ORG-EQ-002"], start=D(2024, 10, 1), **{**good, "governing_law": "neutral"}, stakeholders_briefed=True),
            dict(id="CTR-015", title="Maintenance Service Agreement (Thai Siam Plant Service)", kind="maintenance", parties=["ORG-MNT-001", "ORG-SUB-TH"], start=D(2023, 1, 1), confidentiality=True, governing_law="partner"),
            dict(id="CTR-016", title="製造委託契約（東和ファインプロセス）", kind="manufacturing", parties=["ORG-CM-001"], start=D(2022, 10, 1), covered_technologies=["TECH-COATING"], audit_rights=True, no_copying=True, **good),
            dict(
                id="CTR-017",
                title="Technology Licence Agreement (Daesung)",
                kind="licence",
                parties=["ORG-LIC-001"],
                start=D(2023, 1, 1),
                end=D(2030, 12, 31),
                covered_technologies=["TECH-BTO"],
                covered_assets=["ASSET-BTO-SPEC", "ASSET-BTO-PATENT", "ASSET-BTO-PSD"],
                confidentiality=True,
                purpose_limitation=True,
                no_third_party_disclosure=False,
                subcontract_approval=False,
                return_or_destroy=True,
                survival_years=5,
                scope_defined=True,
                audit_rights=False,
                change_of_control=True,
                governing_law="neutral",
                stakeholders_briefed=True,
            ),
            dict(
                id="CTR-018",
                title="合弁契約（華晟材料集団）",
                kind="jv",
                parties=["ORG-JVP-CN", "ORG-JV-CN"],
                start=D(2014, 5, 1),
                end=D(2027, 4, 30),
                covered_technologies=["TECH-CATHODE"],
                confidentiality=True,
                purpose_limitation=True,
                return_or_destroy=False,
                scope_defined=False,
                change_of_control=False,
                governing_law="partner",
                stakeholders_briefed=False,
            ),
            dict(
                id="CTR-019",
                title="技術ライセンス契約（タイ子会社）",
                kind="licence",
                parties=["ORG-SUB-TH"],
                start=D(2019, 1, 1),
                covered_technologies=["TECH-CATHODE"],
                covered_assets=["ASSET-CATH-WI-TH", "ASSET-CATH-QC"],
                scope_defined=True,
                audit_rights=True,
                named_participants=True,
                stakeholders_briefed=True,
                **good,
            ),
            dict(
                id="CTR-020",
                title="共同研究契約（東都工業大学）",
                kind="joint_research",
                parties=["ORG-UNI-001", "ORG-LAB-001"],
                start=D(2025, 4, 1),
                end=D(2027, 3, 31),
                covered_technologies=["TECH-RECYCLE"],
                covered_assets=["ASSET-REC-DATA", "ASSET-REC-PLAN"],
                named_participants=True,
                scope_defined=True,
                foreground_ip=True,
                publication_approval=True,
                non_compete=False,
                **good,
            ),
            dict(
                id="CTR-021",
                title="Cooperative Research Agreement (IKW Dresden)",
                kind="joint_research",
                parties=["ORG-RI-001"],
                start=D(2024, 4, 1),
                end=D(2026, 3, 31),
                covered_technologies=["TECH-SOLIDELEC"],
                covered_assets=["ASSET-SE-CONDUCTIVITY", "ASSET-SE-SAMPLE"],
                named_participants=True,
                scope_defined=True,
                foreground_ip=True,
                publication_approval=True,
                audit_rights=True,
                no_reverse_engineering=True,
                stakeholders_briefed=True,
                destruction_certificate=False,
                **{**good, "governing_law": "neutral"},
            ),
            dict(id="CTR-022", title="Consulting Agreement (Meridian Process Consulting)", kind="consulting", parties=["ORG-CON-001"], start=D(2025, 1, 1), end=D(2026, 12, 31), confidentiality=True, purpose_limitation=True, governing_law="neutral", no_third_party_disclosure=True, subcontract_approval=True, return_or_destroy=True, survival_years=5),
            dict(id="CTR-023", title="Recycling Service Agreement (Circulo Metals)", kind="other", parties=["ORG-REC-001"], start=D(2024, 9, 1), confidentiality=True, return_or_destroy=True, destruction_certificate=True, governing_law="neutral", purpose_limitation=True, no_third_party_disclosure=True, subcontract_approval=True, stakeholders_briefed=True),
            dict(id="CTR-024", title="クラウドストレージ利用契約（SkyVault）", kind="other", parties=["ORG-SVC-002"], start=D(2023, 4, 1), confidentiality=True, governing_law="partner"),
            dict(id="CTR-025", title="秘密保持契約（東和ファインプロセス）", kind="nda", parties=["ORG-CM-001"], start=D(2022, 6, 1), **good),
            dict(id="CTR-026", title="Non-Disclosure Agreement (Daesung, pre-licence)", kind="nda", parties=["ORG-LIC-001"], start=D(2022, 3, 1), end=D(2022, 12, 31), destruction_certificate=True, **{**good, "governing_law": "neutral"}),
            dict(id="CTR-027", title="秘密保持契約（東都工業大学）", kind="nda", parties=["ORG-UNI-001"], start=D(2024, 10, 1), **good),
        ]
        for row in rows:
            _add(self.ds, m.Contract, **row)

    def projects(self) -> None:
        _add(
            self.ds,
            m.Project,
            id="PRJ-001",
            name="使用済み正極材ダイレクトリサイクル共同研究",
            partners=["ORG-UNI-001", "ORG-LAB-001"],
            themes=["TECH-RECYCLE", "TECH-CATHODE"],
            participants=["PER-0025", "PER-0026", "PER-0010", "PER-0241", "PER-0242", "PER-0243", "PER-0246"],
            phase="execution",
            start=D(2025, 4, 1),
            end=D(2027, 3, 31),
            contract="CTR-020",
            research_plan_acknowledged=True,
            own_platform=False,
        )
        _add(
            self.ds,
            m.Project,
            id="PRJ-002",
            name="硫化物固体電解質の大気安定性向上",
            partners=["ORG-RI-001"],
            themes=["TECH-SOLIDELEC"],
            participants=["PER-0020", "PER-0021", "PER-0251", "PER-0252"],
            phase="ended",
            start=D(2024, 4, 1),
            end=D(2026, 3, 31),
            contract="CTR-021",
            research_plan_acknowledged=True,
            own_platform=True,
        )

    def due_diligence(self) -> None:
        rows = [
            ("DD-001", "CN", "country", D(2023, 5, 10), "conditional", "政府のデータアクセス・情報活動協力・第一国出願の各法制あり"),
            ("DD-002", "TH", "country", D(2025, 1, 20), "cleared", None),
            ("DD-003", "KR", "country", D(2020, 6, 1), "cleared", None),
            ("DD-004", "ORG-SUP-001", "organisation", D(2019, 3, 15), "cleared", "取引開始時のみ"),
            ("DD-005", "ORG-SUP-003", "organisation", D(2025, 5, 1), "cleared", None),
            ("DD-006", "ORG-SUP-005", "organisation", D(2024, 1, 20), "conditional", "競合他社にも供給している"),
            ("DD-007", "ORG-CUS-003", "organisation", D(2025, 7, 10), "pending", "設立5年未満、主要株主を確認中"),
            ("DD-008", "ORG-EQ-001", "organisation", D(2021, 8, 1), "cleared", "2025年の株主変更後は未実施"),
            ("DD-009", "ORG-CM-001", "organisation", D(2025, 5, 20), "cleared", "ISMS認証の更新を確認"),
            ("DD-010", "ORG-LIC-001", "organisation", D(2022, 2, 10), "cleared", None),
            ("DD-011", "ORG-JVP-CN", "organisation", D(2013, 11, 1), "conditional", "国有資本の関与あり"),
            ("DD-012", "ORG-UNI-001", "organisation", D(2024, 9, 1), "cleared", "大学全体のみ確認、研究室単位は未確認"),
            ("DD-013", "PER-0241", "individual", D(2024, 9, 5), "cleared", None),
            ("DD-014", "PER-0244", "individual", D(2025, 5, 1), "pending", "奨学金の出所を確認中"),
            ("DD-015", "ORG-RI-001", "organisation", D(2024, 2, 15), "cleared", None),
            ("DD-016", "DE", "country", D(2024, 2, 15), "cleared", None),
            ("DD-017", "ORG-CON-001", "organisation", D(2024, 12, 10), "cleared", None),
            ("DD-018", "ORG-REC-001", "organisation", D(2024, 8, 1), "conditional", "処理後の残渣の扱いを契約で担保"),
            ("DD-019", "ORG-CUS-002", "organisation", D(2025, 3, 1), "cleared", "取引基本契約の締結前に再確認"),
            ("DD-020", "ORG-SUB-TH", "organisation", D(2025, 1, 20), "cleared", None),
            ("DD-021", "PER-0023", "individual", D(2025, 6, 1), "conditional", "海外大学からの報酬あり（特定類型）"),
            ("DD-022", "US", "country", D(2025, 7, 1), "cleared", None),
            ("DD-023", "ORG-SVC-002", "organisation", D(2025, 3, 20), "cleared", None),
            ("DD-024", "ORG-SUP-002", "organisation", D(2025, 10, 1), "cleared", None),
            ("DD-025", "ORG-SUP-004", "organisation", D(2025, 11, 1), "cleared", None),
            ("DD-026", "ORG-CUS-001", "organisation", D(2024, 6, 12), "cleared", None),
            ("DD-027", "ORG-CUS-004", "organisation", D(2023, 12, 4), "cleared", None),
            ("DD-028", "PER-0251", "individual", D(2024, 2, 20), "cleared", None),
            ("DD-029", "PER-0252", "individual", D(2024, 2, 20), "cleared", None),
            ("DD-030", "PER-0242", "individual", D(2025, 3, 10), "cleared", None),
            ("DD-031", "PER-0243", "individual", D(2025, 3, 10), "cleared", None),
            ("DD-032", "PER-0246", "individual", D(2025, 3, 10), "conditional", "国費留学生（奨学金の条件を確認済み）"),
        ]
        for did, subject, scope, date, outcome, notes in rows:
            _add(self.ds, m.DueDiligence, id=did, subject=subject, scope=scope, date=date, outcome=outcome, notes=notes)

    # -- disclosures

    def _disclose(self, **fields: Any) -> str:
        self.disclosure_no += 1
        did = f"DISC-{self.disclosure_no:04d}"
        _add(self.ds, m.Disclosure, id=did, **fields)
        return did

    def _stream(
        self,
        recipient: str,
        contract: str | None,
        assets: Sequence[str],
        *,
        n: int,
        start: dt.date,
        end: dt.date,
        senders: Sequence[str],
        channels: Sequence[str] = ("email", "meeting"),
        codenamed: float = 0.9,
        purpose: str,
        project: str | None = None,
        sample_return: bool = True,
    ) -> list[str]:
        """``n`` ordinary disclosures to ``recipient`` between ``start`` and
        ``end``; samples go by shipment with a return date 90 days later
        (returned or destroyed once due, outstanding before)."""
        rng = self.rng
        forms = {a["id"]: a.get("form", "document") for a in ASSETS}
        out = []
        for date in _days(max(start, D(2024, 1, 5)), min(end, D(2026, 11, 13)), n, rng):
            asset = rng.choice(list(assets))
            fields: dict[str, Any] = dict(date=date, assets=[asset], sender=rng.choice(list(senders)), recipient=recipient, contract=contract, project=project, purpose=purpose)
            if forms[asset] == "sample":
                fields["channel"] = "sample_shipment"
                fields["codenamed"] = True
                if sample_return:
                    due = date + dt.timedelta(days=90)
                    fields["return_due"] = due
                    fields["return_status"] = "outstanding" if due >= TODAY else rng.choice(["returned", "returned", "destroyed"])
            else:
                channel = rng.choice(list(channels))
                fields["channel"] = channel
                fields["codenamed"] = rng.random() < codenamed
                fields["copied_to_recipient"] = {"email": True, "shared_platform": False}.get(channel, False)
            out.append(self._disclose(**fields))
        return out

    def disclosures(self) -> None:
        s = self._stream
        # upstream suppliers
        s("ORG-SUP-001", "CTR-002", ["ASSET-CATH-PRECURSOR-SPEC"], n=8, start=D(2024, 1, 1), end=D(2026, 11, 1), senders=["PER-0045", "PER-0046", "PER-0012"], codenamed=1.0, purpose="前駆体の品質要求の伝達")
        self._disclose(date=D(2025, 9, 12), assets=["ASSET-CATH-ROADMAP"], sender="PER-0010", recipient="ORG-SUP-001", channel="meeting", contract="CTR-002", purpose="次期製品に向けた前駆体改良の相談", codenamed=False, copied_to_recipient=False)
        self._disclose(date=D(2026, 4, 22), assets=["ASSET-CATH-ROADMAP"], sender="PER-0045", recipient="ORG-SUP-001", channel="email", contract="CTR-002", purpose="前駆体改良の進捗確認", codenamed=True, copied_to_recipient=True)
        s("ORG-SUP-002", "CTR-003", ["ASSET-LI-SPEC"], n=5, start=D(2024, 1, 1), end=D(2026, 11, 1), senders=["PER-0045", "PER-0046"], channels=["email"], codenamed=1.0, purpose="受入規格の改訂連絡")
        s("ORG-SUP-003", "CTR-004", ["ASSET-LI-SPEC"], n=4, start=D(2024, 1, 1), end=D(2026, 11, 1), senders=["PER-0046"], channels=["email"], codenamed=1.0, purpose="受入規格の改訂連絡")
        s("ORG-SUP-004", "CTR-005", ["ASSET-ZR-SPEC"], n=4, start=D(2024, 1, 1), end=D(2026, 11, 1), senders=["PER-0045", "PER-0035"], codenamed=1.0, purpose="コート原料の品質要求")
        s("ORG-SUP-005", "CTR-006", ["ASSET-LI2S-SPEC"], n=4, start=D(2024, 2, 1), end=D(2026, 11, 1), senders=["PER-0020", "PER-0046"], codenamed=1.0, purpose="硫化リチウムの評価依頼")
        # customers
        s("ORG-CUS-001", "CTR-007", ["ASSET-CATH-SAMPLE", "ASSET-CATH-QC", "ASSET-CATH-DATASHEET", "ASSET-COAT-SAMPLE"], n=13, start=D(2024, 1, 1), end=D(2026, 11, 1), senders=["PER-0040", "PER-0041", "PER-0042"], purpose="量産品の品質保証・評価")
        self._disclose(date=D(2025, 7, 8), assets=["ASSET-CATH-SPEC"], sender="PER-0011", recipient="ORG-CUS-001", channel="site_visit", contract="CTR-007", purpose="顧客による工程監査", codenamed=False, copied_to_recipient=False)
        s("ORG-CUS-002", "CTR-008", ["ASSET-CATH-SAMPLE", "ASSET-CATH-DATASHEET", "ASSET-CATH-QC"], n=5, start=D(2024, 1, 1), end=D(2025, 3, 31), senders=["PER-0040", "PER-0042"], purpose="採用評価")
        s("ORG-CUS-002", "CTR-009", ["ASSET-CATH-SAMPLE", "ASSET-CATH-QC"], n=5, start=D(2025, 4, 1), end=D(2026, 5, 31), senders=["PER-0040", "PER-0042"], purpose="量産前評価")
        self._disclose(
            date=D(2026, 6, 20), assets=["ASSET-CATH-SAMPLE"], sender="PER-0042", recipient="ORG-CUS-002", channel="sample_shipment", contract="CTR-009", purpose="改良品の評価", codenamed=True, return_status="outstanding", return_due=D(2026, 9, 30)
        )
        self._disclose(date=D(2025, 3, 5), assets=["ASSET-CATH-DATASHEET"], sender="PER-0041", recipient="ORG-CUS-003", channel="exhibition", purpose="展示会での製品紹介")
        self._disclose(date=D(2025, 5, 20), assets=["ASSET-CATH-QC"], sender="PER-0041", recipient="PER-0271", channel="meeting", purpose="商談（NDA締結前）", codenamed=True, copied_to_recipient=False)
        self._disclose(
            date=D(2025, 5, 28), assets=["ASSET-CATH-SAMPLE"], sender="PER-0041", recipient="ORG-CUS-003", channel="sample_shipment", purpose="初期評価用サンプル（NDA締結前）", codenamed=True, return_status="returned", return_due=D(2025, 8, 31)
        )
        self._disclose(
            date=D(2025, 9, 10),
            assets=["ASSET-CATH-SAMPLE"],
            sender="PER-0041",
            recipient="ORG-CUS-003",
            channel="sample_shipment",
            contract="CTR-010",
            purpose="量産検討用サンプル",
            codenamed=True,
            return_status="outstanding",
            return_due=D(2025, 12, 31),
        )
        s("ORG-CUS-003", "CTR-010", ["ASSET-CATH-DATASHEET", "ASSET-CATH-QC"], n=4, start=D(2025, 6, 1), end=D(2026, 11, 1), senders=["PER-0041", "PER-0040"], purpose="量産検討")
        s("ORG-CUS-004", "CTR-011", ["ASSET-BTO-SAMPLE", "ASSET-BTO-PSD", "ASSET-BTO-PATENT"], n=8, start=D(2024, 1, 1), end=D(2026, 11, 1), senders=["PER-0040", "PER-0031"], purpose="MLCC用粉体の評価")
        self._disclose(date=D(2024, 10, 16), assets=["ASSET-BTO-PATENT"], sender="PER-0042", recipient="ORG-CUS-004", channel="exhibition", purpose="展示会での技術紹介")
        self._disclose(date=D(2024, 10, 17), assets=["ASSET-CATH-DATASHEET"], sender="PER-0042", recipient="ORG-CUS-002", channel="exhibition", purpose="展示会での製品紹介")
        # equipment makers and maintenance
        s("ORG-EQ-001", "CTR-012", ["ASSET-KILN-SPEC"], n=3, start=D(2024, 1, 1), end=D(2025, 6, 30), senders=["PER-0011"], codenamed=0.0, purpose="焼成炉の改造設計")
        s("ORG-EQ-001", "CTR-013", ["ASSET-KILN-SPEC"], n=3, start=D(2024, 1, 1), end=D(2026, 11, 1), senders=["PER-0011", "PER-0035"], channels=["maintenance"], codenamed=0.0, purpose="定期保守")
        self._disclose(date=D(2024, 9, 10), assets=["ASSET-BTO-AUTOCLAVE-DWG"], sender="PER-0030", recipient="ORG-EQ-002", channel="meeting", purpose="装置更新の打診（NDA締結前）", codenamed=False, copied_to_recipient=False)
        s("ORG-EQ-002", "CTR-014", ["ASSET-SE-MILL-SPEC", "ASSET-BTO-AUTOCLAVE-DWG"], n=4, start=D(2024, 10, 1), end=D(2026, 11, 1), senders=["PER-0030", "PER-0020"], purpose="装置の改造・更新")
        # Thai subsidiary and its maintenance contractor
        th = s("ORG-SUB-TH", "CTR-019", ["ASSET-CATH-WI-TH", "ASSET-CATH-QC"], n=8, start=D(2024, 1, 1), end=D(2026, 11, 1), senders=["PER-0052", "PER-0011"], channels=["shared_platform"], codenamed=1.0, purpose="現地生産の技術指導")
        first_wi = next(d for d in th if self._asset_of(d) == "ASSET-CATH-WI-TH")
        self._disclose(
            date=D(2026, 3, 9),
            assets=["ASSET-CATH-WI-TH"],
            sender="ORG-SUB-TH",
            recipient="ORG-MNT-001",
            channel="maintenance",
            contract="CTR-015",
            purpose="焼成炉の修理",
            onward_of=first_wi,
            onward_approved=True,
            codenamed=True,
            copied_to_recipient=False,
        )
        # JV (being wound down) and the local government
        s("ORG-JV-CN", "CTR-018", ["ASSET-CATH-WI-CN"], n=6, start=D(2024, 1, 1), end=D(2026, 4, 30), senders=["PER-0051", "PER-0011"], channels=["email"], codenamed=0.0, purpose="合弁工場の生産支援")
        self._disclose(date=D(2024, 8, 20), assets=["ASSET-CN-PERMIT"], sender="ORG-JV-CN", recipient="ORG-GOV-CN", channel="other", purpose="環境許可の更新申請", foreign_government_request=True, request_reviewed=True)
        self._disclose(
            date=D(2026, 5, 14),
            assets=["ASSET-CATH-WI-CN"],
            sender="ORG-JV-CN",
            recipient="ORG-GOV-CN",
            channel="other",
            purpose="立入検査での工程資料の提出要請",
            foreign_government_request=True,
            request_reviewed=False,
            codenamed=False,
            copied_to_recipient=True,
        )
        # contract manufacturer and its unapproved subcontractor
        s("ORG-CM-001", "CTR-016", ["ASSET-COAT-WI", "ASSET-COAT-RECIPE", "ASSET-COAT-SAMPLE"], n=7, start=D(2024, 1, 1), end=D(2026, 11, 1), senders=["PER-0035", "PER-0011"], codenamed=0.5, purpose="被覆工程の委託製造")
        base = self._disclose(date=D(2025, 10, 6), assets=["ASSET-COAT-WI", "ASSET-COAT-RECIPE"], sender="PER-0035", recipient="PER-0221", channel="email", contract="CTR-016", purpose="増産対応の工程条件", codenamed=False, copied_to_recipient=True)
        self._disclose(date=D(2026, 2, 10), assets=["ASSET-COAT-WI"], sender="ORG-CM-001", recipient="ORG-CM-002", channel="email", purpose="繁忙期の再委託", onward_of=base, onward_approved=False, codenamed=False, copied_to_recipient=True)
        # licensee and its subsidiary
        s("ORG-LIC-001", "CTR-017", ["ASSET-BTO-PATENT", "ASSET-BTO-PSD", "ASSET-BTO-SPEC"], n=5, start=D(2024, 1, 1), end=D(2026, 11, 1), senders=["PER-0031", "PER-0030"], channels=["email", "shared_platform"], purpose="ライセンス技術の移転")
        lic = self._disclose(date=D(2025, 2, 14), assets=["ASSET-BTO-SPEC"], sender="PER-0031", recipient="PER-0231", channel="email", contract="CTR-017", purpose="量産立上げ支援", codenamed=True, copied_to_recipient=True)
        self._disclose(
            date=D(2025, 11, 3), assets=["ASSET-BTO-SPEC"], sender="ORG-LIC-001", recipient="ORG-LIC-001-VN", channel="email", purpose="グループ内での生産移管", onward_of=lic, onward_approved=False, codenamed=True, copied_to_recipient=True
        )
        # joint research PRJ-001 (university lab)
        self._disclose(date=D(2024, 11, 12), assets=["ASSET-REC-PLAN"], sender="PER-0025", recipient="ORG-UNI-001", channel="meeting", contract="CTR-027", purpose="共同研究テーマの事前協議", codenamed=True, copied_to_recipient=False)
        s("ORG-LAB-001", "CTR-020", ["ASSET-REC-DATA", "ASSET-REC-PLAN"], n=6, start=D(2025, 4, 1), end=D(2026, 11, 1), senders=["PER-0025", "PER-0026"], channels=["email"], purpose="共同研究データの共有", project="PRJ-001")
        s("PER-0241", "CTR-020", ["ASSET-REC-DATA", "ASSET-REC-RELITH"], n=4, start=D(2025, 4, 1), end=D(2026, 11, 1), senders=["PER-0025", "PER-0010"], channels=["email", "meeting"], purpose="実験条件の検討", project="PRJ-001")
        # joint research PRJ-002 (research institute, ended)
        s("ORG-RI-001", "CTR-021", ["ASSET-SE-CONDUCTIVITY", "ASSET-SE-SAMPLE"], n=8, start=D(2024, 4, 1), end=D(2026, 3, 15), senders=["PER-0020", "PER-0021"], channels=["shared_platform"], purpose="大気安定性の共同評価", project="PRJ-002")
        # consultant, recycler, cloud and AI services
        s("ORG-CON-001", "CTR-022", ["ASSET-CATH-QC", "ASSET-FACTORY-LAYOUT"], n=4, start=D(2025, 1, 1), end=D(2026, 11, 1), senders=["PER-0011", "PER-0050"], purpose="歩留まり改善の助言")
        self._disclose(date=D(2025, 6, 17), assets=["ASSET-CATH-FIRELOG"], sender="PER-0011", recipient="ORG-CON-001", channel="email", contract="CTR-022", purpose="焼成ばらつきの原因分析", codenamed=False, copied_to_recipient=True)
        s("ORG-REC-001", "CTR-023", ["ASSET-CATH-SAMPLE"], n=3, start=D(2024, 9, 1), end=D(2026, 11, 1), senders=[COMPANY_ID], purpose="不良品・評価後サンプルの再資源化", sample_return=False)
        for date, asset, sender in [(D(2025, 2, 3), "ASSET-SE-LABNOTE", "PER-0018"), (D(2025, 10, 27), "ASSET-CATH-FIRELOG", "PER-0035"), (D(2026, 8, 5), "ASSET-SE-LABNOTE", "PER-0021")]:
            self._disclose(date=date, assets=[asset], sender=sender, recipient="ORG-SVC-001", channel="other", purpose="生成AIによる英訳・要約", codenamed=False, copied_to_recipient=True)
        s("ORG-SVC-002", "CTR-024", ["ASSET-ANNUAL-TECH-REPORT"], n=2, start=D(2024, 1, 1), end=D(2026, 11, 1), senders=["PER-0006"], channels=["shared_platform"], codenamed=0.0, purpose="社内共有用クラウドへの保存")

    def _asset_of(self, disclosure_id: str) -> str:
        for rec in self.ds.of(m.Disclosure):
            if rec.id == disclosure_id:
                return str(rec.assets[0])
        raise KeyError(disclosure_id)

    # -- knowledge and access

    def knowledge(self) -> None:
        rng = self.rng
        techs = {t[0]: len(t[8]) for t in TECHNOLOGIES}
        known: dict[tuple[str, str], tuple[str, str]] = {}  # (person, step) -> (depth, mode)

        def know(person: str, tech: str, orders: Iterable[int], depth: str = "full", mode: str = "tacit") -> None:
            for o in orders:
                known[(person, step_id(tech, o))] = (depth, mode)

        # full-process knowers
        for p in ("PER-0010", "PER-0011", "PER-0015"):
            know(p, "TECH-CATHODE", range(1, 11))
        know("PER-0020", "TECH-SOLIDELEC", range(1, 9))
        for p in ("PER-0030", "PER-0031"):
            know(p, "TECH-BTO", range(1, 8))
        # sole holders of single steps
        know("PER-0025", "TECH-RECYCLE", [2, 3, 4, 5])
        know("PER-0035", "TECH-COATING", [1, 2, 3, 4])
        # overseas and partner staff
        know("PER-0052", "TECH-CATHODE", [3, 5, 6, 9], mode="documented")
        know("PER-0051", "TECH-CATHODE", [5, 6], depth="partial", mode="documented")
        for p in ("PER-0201", "PER-0202"):
            know(p, "TECH-CATHODE", [3, 5, 6], depth="partial", mode="documented")
        for p in ("PER-0211", "PER-0212", "PER-0213"):
            know(p, "TECH-CATHODE", [5, 6], depth="partial", mode="documented")
        know("PER-0016", "TECH-CATHODE", [4, 5, 6], mode="tacit")
        know("PER-0241", "TECH-RECYCLE", [1, 2, 3], depth="partial", mode="documented")
        know("PER-0221", "TECH-COATING", [2, 3, 4], depth="partial", mode="documented")
        know("PER-0231", "TECH-BTO", [2, 3], depth="partial", mode="documented")

        sole = {step_id("TECH-SOLIDELEC", 3), step_id("TECH-SOLIDELEC", 4), step_id("TECH-RECYCLE", 4), step_id("TECH-COATING", 1)}
        full = {"TECH-CATHODE": {"PER-0010", "PER-0011", "PER-0015"}, "TECH-SOLIDELEC": {"PER-0020"}, "TECH-BTO": {"PER-0030", "PER-0031"}}
        pools = {
            "TECH-CATHODE": ["UNIT-RD-BATT", "UNIT-MFG-ENG", "UNIT-MFG-YOK", "UNIT-QA"],
            "TECH-SOLIDELEC": ["UNIT-RD-NEXT"],
            "TECH-BTO": ["UNIT-RD-CER", "UNIT-MFG-YOK"],
            "TECH-RECYCLE": ["UNIT-RD-BATT"],
            "TECH-COATING": ["UNIT-MFG-ENG", "UNIT-MFG-YOK"],
        }
        for tech, nsteps in techs.items():
            pool = [p for u in pools[tech] for p in self.members[u] if p not in full.get(tech, set())]
            pool = [p for p in pool if p not in ("PER-0025", "PER-0035")]
            rng.shuffle(pool)
            weights = [1.0 / (i + 1) ** 0.8 for i in range(len(pool))]  # a few people know much
            for order in range(1, nsteps + 1):
                sid = step_id(tech, order)
                if sid in sole:
                    continue
                k = rng.choice([1, 2, 2, 3, 3, 4, 5])
                for p in rng.choices(pool, weights=weights, k=k):
                    if (p, sid) not in known:
                        known[(p, sid)] = (rng.choice(["partial", "partial", "full"]), rng.choice(["tacit", "documented", "documented"]))
            # nobody outside the named full knowers may end up knowing it all
            for p in pool:
                steps = [step_id(tech, o) for o in range(1, nsteps + 1)]
                if all((p, s) in known for s in steps):
                    del known[(p, steps[-1])]
        for (person, sid), (depth, mode) in known.items():
            _add(self.ds, m.Knowledge, person=person, step=sid, depth=depth, mode=mode)

    def access(self) -> None:
        rng = self.rng
        rows: dict[tuple[str, str], dict[str, Any]] = {}
        survives = {("PER-0015", "ASSET-CATH-RECIPE"), ("PER-0018", "ASSET-SE-LABNOTE"), ("PER-0090", "ASSET-CATH-SPEC")}

        def grant(people: Iterable[str], asset: str, level: str = "read", granted: dt.date | None = None, revoked: dt.date | None = None) -> None:
            for p in people:
                if (p, asset) in rows:
                    continue
                info = self.people[p]
                g = granted or max(info.get("joined") or D(2019, 4, 1), D(2019, 4, 1))
                r = revoked
                if r is None and info.get("left") and (p, asset) not in survives and info.get("employer") == COMPANY_ID:
                    r = info["left"]
                rows[(p, asset)] = dict(person=p, asset=asset, level=level, granted=g, revoked=r)

        def members(*units: str) -> list[str]:
            return [p for u in units for p in self.members[u]]

        # over-broad: the full cathode specification
        grant(["PER-0010", "PER-0011"], "ASSET-CATH-SPEC", "edit")
        grant(members("UNIT-RD-BATT", "UNIT-MFG-ENG", "UNIT-MFG-YOK", "UNIT-QA"), "ASSET-CATH-SPEC")
        grant(["PER-0040", "PER-0041", "PER-0042", "PER-0050", "PER-0051", "PER-0052", "PER-0002"], "ASSET-CATH-SPEC")
        # need-to-know elsewhere
        grant(["PER-0010"], "ASSET-CATH-RECIPE", "edit")
        grant(["PER-0011", "PER-0012", "PER-0015"], "ASSET-CATH-RECIPE", "download")
        grant(["PER-0011", "PER-0035"], "ASSET-CATH-FIRELOG", "edit")
        grant(self.active("UNIT-MFG-ENG")[:4], "ASSET-CATH-FIRELOG")
        grant(["PER-0052"], "ASSET-CATH-WI-TH", "edit")
        grant(["PER-0050", "PER-0201", "PER-0202", "PER-0203"], "ASSET-CATH-WI-TH", granted=D(2019, 2, 1))
        grant(["PER-0051"], "ASSET-CATH-WI-CN", "edit")
        grant(["PER-0211", "PER-0212"], "ASSET-CATH-WI-CN", "download", granted=D(2015, 4, 1))
        grant(["PER-0213"], "ASSET-CATH-WI-CN", "download", granted=D(2017, 8, 1), revoked=D(2026, 7, 31))
        grant(["PER-0002", "PER-0010", "PER-0012", "PER-0045", "PER-0001"], "ASSET-CATH-ROADMAP")
        grant(["PER-0011", "PER-0035"], "ASSET-KILN-SPEC", "edit")
        grant(self.active("UNIT-MFG-ENG")[:3], "ASSET-KILN-SPEC")
        grant(["PER-0020"], "ASSET-SE-RECIPE", "edit")
        grant(["PER-0021", "PER-0023", "PER-0002"], "ASSET-SE-RECIPE")
        grant(members("UNIT-RD-NEXT"), "ASSET-SE-LABNOTE", "edit")
        grant(["PER-0020", "PER-0021"], "ASSET-SE-MILL-SPEC", "edit")
        grant(members("UNIT-RD-NEXT"), "ASSET-SE-CONDUCTIVITY")
        grant(["PER-0251"], "ASSET-SE-CONDUCTIVITY", granted=D(2024, 4, 15))
        grant(["PER-0252"], "ASSET-SE-CONDUCTIVITY", granted=D(2024, 4, 15), revoked=D(2026, 4, 10))
        grant(["PER-0030", "PER-0031"], "ASSET-BTO-SPEC", "edit")
        grant(members("UNIT-RD-CER"), "ASSET-BTO-SPEC")
        grant(["PER-0030", "PER-0031"], "ASSET-BTO-AUTOCLAVE-DWG", "edit")
        grant(self.active("UNIT-MFG-ENG")[:2], "ASSET-BTO-AUTOCLAVE-DWG")
        grant(members("UNIT-RD-CER"), "ASSET-BTO-PSD")
        grant(["PER-0025", "PER-0026"], "ASSET-REC-DATA", "edit")
        grant(["PER-0010", "PER-0241", "PER-0242", "PER-0243", "PER-0244", "PER-0245", "PER-0246"], "ASSET-REC-DATA", "download", granted=D(2025, 4, 10))
        grant(["PER-0025", "PER-0010"], "ASSET-REC-RELITH", "edit")
        grant(["PER-0241"], "ASSET-REC-RELITH", "download", granted=D(2025, 9, 1))
        grant(["PER-0035", "PER-0011"], "ASSET-COAT-RECIPE", "edit")
        grant(self.active("UNIT-MFG-YOK")[:3], "ASSET-COAT-RECIPE")
        grant(members("UNIT-MFG-YOK"), "ASSET-COAT-WI")
        # internal documents: a random spread
        everyone = [p for p in self.people if self.people[p].get("employer") == COMPANY_ID]
        for asset in ("ASSET-ANNUAL-TECH-REPORT", "ASSET-FACTORY-LAYOUT", "ASSET-CATH-QC"):
            grant(sorted(rng.sample(everyone, 14)), asset)
        for row in rows.values():
            _add(self.ds, m.Access, **row)

    # -- capital and boards

    def ownership(self) -> None:
        rows = [
            (COMPANY_ID, "ORG-SUB-TH", 100.0, 100.0, None),
            (COMPANY_ID, "ORG-JV-CN", 49.0, 49.0, None),
            ("ORG-JVP-CN", "ORG-JV-CN", 51.0, 51.0, None),
            ("ORG-HOLD-CN", "ORG-JVP-CN", 68.0, 62.0, None),
            ("ORG-GOV-CN", "ORG-HOLD-CN", 100.0, 100.0, None),
            ("ORG-HOLD-CN", "ORG-COMP-001", 40.0, 40.0, None),
            ("ORG-GOV-CN", "ORG-CM-002", 0.0, 0.1, True),
            ("ORG-LIC-001", "ORG-LIC-001-VN", 100.0, 100.0, None),
            ("ORG-FUND-HK", "ORG-EQ-001", 60.0, 60.0, None),
            ("ORG-COMP-002", "ORG-SUP-001", 30.0, 30.0, None),
        ]
        for owner, owned, votes, capital, golden in rows:
            _add(self.ds, m.Ownership, owner=owner, owned=owned, votes_pct=votes, capital_pct=capital, golden_share=golden)

    def directorships(self) -> None:
        rows = [
            ("PER-0001", COMPANY_ID, True, None, D(2018, 6, 28)),
            ("PER-0002", COMPANY_ID, False, None, D(2021, 6, 25)),
            ("PER-0050", "ORG-SUB-TH", True, COMPANY_ID, D(2019, 4, 1)),
            ("PER-0201", "ORG-SUB-TH", False, COMPANY_ID, D(2020, 4, 1)),
            ("PER-0050", "ORG-JV-CN", False, COMPANY_ID, D(2019, 4, 1)),
            ("PER-0051", "ORG-JV-CN", False, COMPANY_ID, D(2021, 4, 1)),
            ("PER-0308", "ORG-JV-CN", True, "ORG-JVP-CN", D(2014, 9, 1)),
            ("PER-0301", "ORG-JV-CN", False, "ORG-JVP-CN", D(2018, 1, 1)),
            ("PER-0304", "ORG-JV-CN", False, "ORG-JVP-CN", D(2022, 3, 1)),
            ("PER-0301", "ORG-JVP-CN", True, "ORG-GOV-CN", D(2017, 6, 1)),
            ("PER-0302", "ORG-JVP-CN", False, "ORG-GOV-CN", D(2020, 6, 1)),
            ("PER-0303", "ORG-JVP-CN", False, "ORG-GOV-CN", D(2023, 6, 1)),
            ("PER-0304", "ORG-JVP-CN", False, "ORG-HOLD-CN", D(2019, 6, 1)),
            ("PER-0305", "ORG-JVP-CN", False, None, D(2021, 6, 1)),
            ("PER-0306", "ORG-JVP-CN", False, None, D(2022, 6, 1)),
            ("PER-0307", "ORG-HOLD-CN", True, "ORG-GOV-CN", D(2016, 1, 1)),
        ]
        for person, org, rep, nominated, since in rows:
            _add(self.ds, m.Directorship, person=person, organisation=org, representative=rep, nominated_by=nominated, since=since)


def build_company() -> Dataset:
    """The example company 東邦セラミックス株式会社 as a dataset.

    >>> ds = build_company()
    >>> len(ds.of(m.Technology))
    5
    """
    return _Company().build()


# ================================================================== cases


class _Case:
    """A small case dataset with the company, one unit and one technology."""

    def __init__(self, tech: str, tech_name: str, grading: Sequence[str], steps: Sequence[str], *, protection: str | None = "trade_secret", forms: Sequence[str] = ("data", "tacit")) -> None:
        self.ds = Dataset()
        self.tech = tech
        self.add(m.Organisation, id=COMPANY_ID, name=COMPANY_NAME, kind="self", country="JP")
        self.add(m.Unit, id="UNIT-TIM", name="技術情報管理室", organisation=COMPANY_ID, leakage_owner=True)
        self.add(m.Unit, id="UNIT-RD", name="中央研究所", organisation=COMPANY_ID)
        self.add(m.Technology, id=tech, name=tech_name, grading=list(grading), protection=protection, forms=list(forms), owner_unit="UNIT-RD")
        for i, name in enumerate(steps, start=1):
            self.add(m.ProcessStep, id=step_id(tech, i), technology=tech, order=i, name=name)

    def add(self, cls: type[m.Record], **fields: Any) -> Any:
        return _add(self.ds, cls, **fields)

    def step(self, order: int) -> str:
        return step_id(self.tech, order)

    def employee(self, pid: str, name: str, **fields: Any) -> None:
        base: dict[str, Any] = dict(employer=COMPANY_ID, unit="UNIT-RD", nationality="JP", residency="resident", confidentiality_pledge=True, trained=D(2026, 4, 10))
        base.update(fields)
        self.add(m.Person, id=pid, name=name, **base)

    def done(self) -> Dataset:
        _add_countries(self.ds)
        return self.ds


_CATHODE_STEPS = ["前駆体の受入検査", "リチウム源の配合", "酸素雰囲気での本焼成", "解砕・分級"]
_SE_STEPS = ["原料の精製", "メカノケミカル合成", "熱処理・結晶化"]
_BTO_STEPS = ["原料スラリーの調製", "水熱合成", "固液分離・洗浄"]


def _case_sole_supplier_direction() -> Dataset:
    c = _Case("TECH-CATHODE", "高ニッケル正極材の焼成技術", ["core", "econ_security"], _CATHODE_STEPS)
    c.add(m.Organisation, id="ORG-SUP-NI", name="北辰化学工業株式会社", kind="supplier", country="JP", sole_source=True, serves_competitors=True)
    c.add(m.InformationAsset, id="ASSET-ROADMAP", name="次世代正極材 開発方針メモ", technologies=[c.tech], secrecy="top_secret", trade_secret=True, marked=True, access_restricted=True, owner_unit="UNIT-RD")
    c.add(m.InformationAsset, id="ASSET-PRECURSOR-SPEC", name="前駆体 要求仕様書", steps=[c.step(1)], secrecy="company_internal", marked=True, access_restricted=True)
    c.employee("PER-0101", "桑原 正樹", role="主席技師")
    c.employee("PER-0102", "新井 陽一", role="調達課長", unit=None)
    c.add(m.Contract, id="CTR-SUP-NI", title="取引基本契約（北辰化学工業）", kind="basic_supply", parties=["ORG-SUP-NI"], start=D(2019, 6, 1), confidentiality=True, purpose_limitation=False, governing_law="japan")
    c.add(m.Disclosure, id="DISC-01", date=D(2025, 3, 10), assets=["ASSET-PRECURSOR-SPEC"], sender="PER-0102", recipient="ORG-SUP-NI", channel="email", contract="CTR-SUP-NI", codenamed=True, copied_to_recipient=True, purpose="前駆体の品質要求")
    c.add(m.Disclosure, id="DISC-02", date=D(2025, 9, 12), assets=["ASSET-ROADMAP"], sender="PER-0101", recipient="ORG-SUP-NI", channel="meeting", contract="CTR-SUP-NI", codenamed=False, purpose="次期製品に向けた前駆体改良の相談")
    c.add(m.Disclosure, id="DISC-03", date=D(2025, 11, 4), assets=["ASSET-ROADMAP"], sender="PER-0101", recipient="ORG-SUP-NI", channel="email", contract="CTR-SUP-NI", codenamed=False, copied_to_recipient=True, purpose="試作条件のすり合わせ")
    c.add(m.DueDiligence, id="DD-SUP-NI", subject="ORG-SUP-NI", scope="organisation", date=D(2018, 4, 1), outcome="cleared", notes="取引開始時のみ")
    c.add(m.Knowledge, person="PER-0101", step=c.step(2))
    c.add(m.Knowledge, person="PER-0101", step=c.step(3))
    return c.done()


def _case_equipment_maker_design_data() -> Dataset:
    c = _Case("TECH-BTO", "MLCC用チタン酸バリウム微粒子の水熱合成技術", ["core"], _BTO_STEPS, forms=("documents", "equipment"))
    c.add(m.Site, id="SITE-FAC", name="四日市工場", kind="factory", country="JP", operator=COMPANY_ID)
    c.add(m.Organisation, id="ORG-EQ-MIT", name="株式会社三葉炉機", kind="equipment_maker", country="JP", serves_competitors=True)
    c.add(m.InformationAsset, id="ASSET-PRODUCT-DWG", name="製品設計データ（粒子仕様・反応条件）", technologies=[c.tech], steps=[c.step(2)], secrecy="top_secret", trade_secret=True, marked=True, access_restricted=True, form="drawing")
    c.add(m.InformationAsset, id="ASSET-AUTOCLAVE-SPEC", name="専用オートクレーブ 要求仕様", steps=[c.step(2), c.step(3)], secrecy="department_only", trade_secret=True, marked=True, access_restricted=True, form="equipment_spec")
    c.add(m.Equipment, id="EQ-AUTOCLAVE", name="専用水熱合成オートクレーブ", customised=True, owner=COMPANY_ID, site="SITE-FAC", maker="ORG-EQ-MIT", maintainer="ORG-EQ-MIT", embodies=[c.tech, c.step(2)], spec_restored_for_repair=False)
    c.add(m.Equipment, id="EQ-SEPARATOR", name="専用固液分離装置", customised=True, owner=COMPANY_ID, site="SITE-FAC", maker="ORG-EQ-MIT", maintainer="ORG-EQ-MIT", embodies=[c.step(3)])
    c.employee("PER-0101", "菅原 修", role="技師長")
    c.add(
        m.Contract, id="CTR-EQ-DEV", title="専用装置 開発委託契約", kind="other", parties=["ORG-EQ-MIT"], start=D(2024, 4, 1), confidentiality=True, purpose_limitation=False, no_third_party_disclosure=False, foreground_ip=False, governing_law="japan"
    )
    c.add(
        m.Disclosure,
        id="DISC-01",
        date=D(2024, 5, 10),
        assets=["ASSET-PRODUCT-DWG"],
        sender="PER-0101",
        recipient="ORG-EQ-MIT",
        channel="email",
        contract="CTR-EQ-DEV",
        codenamed=False,
        copied_to_recipient=True,
        purpose="装置設計のための製品データ提供",
    )
    c.add(m.Disclosure, id="DISC-02", date=D(2024, 6, 3), assets=["ASSET-AUTOCLAVE-SPEC"], sender="PER-0101", recipient="ORG-EQ-MIT", channel="meeting", contract="CTR-EQ-DEV", codenamed=False, purpose="仕様打合せ")
    c.add(m.Disclosure, id="DISC-03", date=D(2026, 2, 20), assets=["ASSET-AUTOCLAVE-SPEC"], sender=COMPANY_ID, recipient="ORG-EQ-MIT", channel="maintenance", contract="CTR-EQ-DEV", purpose="故障修理（装置を持ち帰り）")
    c.add(m.Knowledge, person="PER-0101", step=c.step(2))
    return c.done()


def _case_overseas_sample_overdue() -> Dataset:
    c = _Case("TECH-SOLIDELEC", "硫化物系固体電解質の合成技術", ["core", "security"], _SE_STEPS, forms=("data", "samples"))
    c.add(m.Organisation, id="ORG-PROS", name="深圳新能電池科技有限公司", kind="customer", country="CN", founded=D(2021, 7, 1))
    c.add(m.InformationAsset, id="ASSET-SE-SAMPLE", name="固体電解質サンプル（コード S-Blue）", technologies=[c.tech], secrecy="company_internal", marked=True, access_restricted=True, form="sample")
    c.add(m.InformationAsset, id="ASSET-SE-DATASHEET", name="固体電解質 技術資料（公開版）", technologies=[c.tech], secrecy="public")
    c.employee("PER-0101", "吉川 萌", role="技術営業", special_training=D(2024, 1, 15))
    c.add(m.Person, id="PER-0201", name="Chen Hao", employer="ORG-PROS", role="購買マネージャー", nationality="CN", residency="non_resident")
    c.add(
        m.Contract,
        id="CTR-NDA-PROS",
        title="秘密保持契約（深圳新能電池科技）",
        kind="nda",
        parties=["ORG-PROS"],
        start=D(2025, 10, 1),
        confidentiality=True,
        purpose_limitation=True,
        no_reverse_engineering=False,
        return_or_destroy=True,
        governing_law="partner",
    )
    c.add(m.Disclosure, id="DISC-01", date=D(2025, 9, 20), assets=["ASSET-SE-DATASHEET"], sender="PER-0101", recipient="PER-0201", channel="exhibition", purpose="展示会での紹介")
    c.add(
        m.Disclosure,
        id="DISC-02",
        date=D(2026, 1, 15),
        assets=["ASSET-SE-SAMPLE"],
        sender="PER-0101",
        recipient="ORG-PROS",
        channel="sample_shipment",
        contract="CTR-NDA-PROS",
        codenamed=True,
        return_status="outstanding",
        return_due=D(2026, 4, 15),
        purpose="採用評価用サンプル",
    )
    return c.done()


def _case_contract_manufacturer_resubcontract() -> Dataset:
    c = _Case("TECH-CATHODE", "高ニッケル正極材の焼成技術", ["core"], _CATHODE_STEPS)
    c.add(m.Organisation, id="ORG-CM", name="東和ファインプロセス株式会社", kind="contract_manufacturer", country="JP", certifications=["isms"])
    c.add(m.Organisation, id="ORG-CM-SUB", name="江南精密粉体有限公司", kind="contract_manufacturer", country="CN", founded=D(2020, 12, 8))
    c.add(m.InformationAsset, id="ASSET-WI", name="焼成・分級工程 作業指示書", technologies=[c.tech], steps=[c.step(3), c.step(4)], secrecy="department_only", trade_secret=True, marked=True, access_restricted=True)
    c.employee("PER-0101", "上田 航", role="生産技術主任")
    c.add(m.Person, id="PER-0201", name="片山 浩", employer="ORG-CM", role="製造部長", nationality="JP", residency="resident")
    c.add(
        m.Contract,
        id="CTR-MFG",
        title="製造委託契約（東和ファインプロセス）",
        kind="manufacturing",
        parties=["ORG-CM"],
        start=D(2022, 10, 1),
        covered_assets=["ASSET-WI"],
        confidentiality=True,
        purpose_limitation=True,
        no_third_party_disclosure=True,
        subcontract_approval=True,
        audit_rights=False,
        governing_law="japan",
    )
    c.add(m.Disclosure, id="DISC-01", date=D(2025, 4, 1), assets=["ASSET-WI"], sender="PER-0101", recipient="PER-0201", channel="email", contract="CTR-MFG", codenamed=False, copied_to_recipient=True, purpose="委託製造の工程条件")
    c.add(
        m.Disclosure, id="DISC-02", date=D(2025, 11, 20), assets=["ASSET-WI"], sender="ORG-CM", recipient="ORG-CM-SUB", channel="email", onward_of="DISC-01", onward_approved=False, codenamed=False, copied_to_recipient=True, purpose="繁忙期の再委託"
    )
    c.add(m.DueDiligence, id="DD-CM", subject="ORG-CM", scope="organisation", date=D(2024, 12, 1), outcome="cleared")
    return c.done()


def _case_licensee_to_subsidiary() -> Dataset:
    c = _Case("TECH-BTO", "MLCC用チタン酸バリウム微粒子の水熱合成技術", ["core"], _BTO_STEPS, protection="patent", forms=("documents", "data"))
    c.add(m.Organisation, id="ORG-LIC", name="Daesung Advanced Materials Co., Ltd.", kind="licensee", country="KR", listed=True)
    c.add(m.Organisation, id="ORG-LIC-SUB", name="Daesung Materials Vietnam Co., Ltd.", kind="other", country="VN", founded=D(2021, 3, 1))
    c.add(m.Ownership, owner="ORG-LIC", owned="ORG-LIC-SUB", votes_pct=100.0, capital_pct=100.0)
    c.add(m.InformationAsset, id="ASSET-BTO-SPEC", name="水熱合成 条件書", technologies=[c.tech], steps=[c.step(2), c.step(3)], secrecy="top_secret", trade_secret=True, marked=True, access_restricted=True)
    c.add(m.InformationAsset, id="ASSET-BTO-PATENT", name="特許公報（製造方法）", technologies=[c.tech], secrecy="public")
    c.employee("PER-0101", "内田 聡子", role="主任研究員")
    c.add(
        m.Contract,
        id="CTR-LIC",
        title="Technology Licence Agreement (Daesung)",
        kind="licence",
        parties=["ORG-LIC"],
        start=D(2023, 1, 1),
        end=D(2030, 12, 31),
        covered_technologies=[c.tech],
        covered_assets=["ASSET-BTO-SPEC", "ASSET-BTO-PATENT"],
        confidentiality=True,
        purpose_limitation=True,
        no_third_party_disclosure=False,
        subcontract_approval=False,
        audit_rights=False,
        scope_defined=True,
        return_or_destroy=True,
        governing_law="neutral",
        stakeholders_briefed=True,
    )
    c.add(
        m.Disclosure,
        id="DISC-01",
        date=D(2024, 3, 1),
        assets=["ASSET-BTO-SPEC", "ASSET-BTO-PATENT"],
        sender="PER-0101",
        recipient="ORG-LIC",
        channel="email",
        contract="CTR-LIC",
        codenamed=True,
        copied_to_recipient=True,
        purpose="ライセンス技術の移転",
    )
    c.add(m.Disclosure, id="DISC-02", date=D(2025, 8, 15), assets=["ASSET-BTO-SPEC"], sender="ORG-LIC", recipient="ORG-LIC-SUB", channel="email", onward_of="DISC-01", onward_approved=False, copied_to_recipient=True, purpose="グループ内での生産移管")
    c.add(m.DueDiligence, id="DD-LIC", subject="ORG-LIC", scope="organisation", date=D(2022, 11, 10), outcome="cleared")
    return c.done()


def _case_jv_withdrawal_equipment() -> Dataset:
    c = _Case("TECH-CATHODE", "高ニッケル正極材の焼成技術", ["core", "econ_security"], _CATHODE_STEPS, forms=("data", "equipment"))
    c.add(m.Organisation, id="ORG-JV", name="蘇州東邦華晟新材料有限公司（合弁会社）", kind="other", country="CN")
    c.add(m.Organisation, id="ORG-JVP", name="華晟材料集団有限公司", kind="jv_partner", country="CN")
    c.add(m.Organisation, id="ORG-EQ-MIT", name="株式会社三葉炉機", kind="equipment_maker", country="JP")
    c.add(m.Ownership, owner=COMPANY_ID, owned="ORG-JV", votes_pct=49.0, capital_pct=49.0)
    c.add(m.Ownership, owner="ORG-JVP", owned="ORG-JV", votes_pct=51.0, capital_pct=51.0)
    c.add(m.Site, id="SITE-CN-JV", name="蘇州合弁工場", kind="factory", country="CN", operator="ORG-JV", stage="withdrawal")
    c.add(m.Equipment, id="EQ-KILN-CN", name="蘇州工場 焼成炉（酸素雰囲気仕様）", customised=True, owner="ORG-JVP", site="SITE-CN-JV", maker="ORG-EQ-MIT", maintainer="ORG-JV", embodies=[c.tech, c.step(3)], disposal_plan=False)
    c.add(m.InformationAsset, id="ASSET-WI-CN", name="蘇州工場 焼成工程 作業指示書", technologies=[c.tech], steps=[c.step(2), c.step(3), c.step(4)], secrecy="department_only", trade_secret=True, marked=True, access_restricted=True, site="SITE-CN-JV")
    c.employee("PER-0101", "柴田 浩", role="合弁会社 総経理", site="SITE-CN-JV", unit=None)
    for pid, name, revoked in (("PER-0201", "王 建国", None), ("PER-0202", "李 静", None), ("PER-0203", "張 偉", D(2026, 7, 31))):
        c.add(m.Person, id=pid, name=name, employer="ORG-JV", site="SITE-CN-JV", nationality="CN", residency="non_resident", confidentiality_pledge=True)
        c.add(m.Access, person=pid, asset="ASSET-WI-CN", level="download", granted=D(2016, 4, 1), revoked=revoked)
    c.add(
        m.Contract,
        id="CTR-JV",
        title="合弁契約（華晟材料集団）",
        kind="jv",
        parties=["ORG-JVP", "ORG-JV"],
        start=D(2014, 5, 1),
        end=D(2027, 4, 30),
        covered_technologies=[c.tech],
        confidentiality=True,
        purpose_limitation=True,
        return_or_destroy=False,
        change_of_control=False,
        governing_law="partner",
        stakeholders_briefed=False,
    )
    c.add(m.Disclosure, id="DISC-01", date=D(2023, 6, 1), assets=["ASSET-WI-CN"], sender="PER-0101", recipient="ORG-JV", channel="email", contract="CTR-JV", codenamed=False, copied_to_recipient=True, purpose="工程改訂の展開")
    return c.done()


def _case_sns_stranger() -> Dataset:
    c = _Case("TECH-SOLIDELEC", "硫化物系固体電解質の合成技術", ["core", "security"], _SE_STEPS)
    c.add(m.Policy, id="POL-001", title="技術情報管理規程", owner_unit="UNIT-TIM", topics=["storage", "removable_media"], reviewed=D(2021, 4, 1))
    c.add(m.InformationAsset, id="ASSET-SE-PAPER", name="学会発表資料", technologies=[c.tech], secrecy="public")
    c.add(m.InformationAsset, id="ASSET-SE-COND", name="イオン伝導度 評価データ（社内報告）", steps=[c.step(3)], secrecy="company_internal", marked=True, access_restricted=True, form="data")
    c.employee("PER-0101", "久保 大地", role="主任研究員", trained=D(2023, 3, 1))
    c.add(m.Person, id="PER-X", name="Kevin Lin（自称ヘッドハンター）", role="SNS上の連絡相手（身元未確認）")
    c.add(m.Access, person="PER-0101", asset="ASSET-SE-COND", level="download", granted=D(2022, 4, 1))
    c.add(m.Knowledge, person="PER-0101", step=c.step(2))
    c.add(m.Knowledge, person="PER-0101", step=c.step(3))
    c.add(m.Disclosure, id="DISC-01", date=D(2026, 7, 3), assets=["ASSET-SE-PAPER"], sender="PER-0101", recipient="PER-X", channel="social_network", purpose="ビジネスSNSでの質問への回答")
    c.add(m.Disclosure, id="DISC-02", date=D(2026, 8, 20), assets=["ASSET-SE-COND"], sender="PER-0101", recipient="PER-X", channel="social_network", codenamed=False, copied_to_recipient=True, purpose="追加質問への回答（測定値）")
    return c.done()


def _case_poached_engineer_usb() -> Dataset:
    c = _Case("TECH-CATHODE", "高ニッケル正極材の焼成技術", ["core", "econ_security"], _CATHODE_STEPS)
    c.add(m.Organisation, id="ORG-COMP-CN", name="深圳鋒鋰新能源材料有限公司", kind="competitor", country="CN")
    c.add(m.Policy, id="POL-001", title="技術情報管理規程", owner_unit="UNIT-TIM", topics=["storage", "devices"], reviewed=D(2024, 4, 1))
    c.add(m.InformationAsset, id="ASSET-RECIPE", name="リチウム配合比・焼成プロファイル", technologies=[c.tech], steps=[c.step(2), c.step(3)], secrecy="top_secret", trade_secret=True, marked=True, access_restricted=True, form="data")
    c.employee("PER-0101", "大西 拓海", role="主任研究員", status="left", joined=D(2009, 4, 1), left=D(2026, 10, 31), destination="ORG-COMP-CN", non_compete_pledge=False)
    c.employee("PER-0102", "今井 恵子", role="研究員", non_compete_pledge=True)
    for i in range(1, 5):
        c.add(m.Knowledge, person="PER-0101", step=c.step(i))
    c.add(m.Knowledge, person="PER-0102", step=c.step(2), depth="partial", mode="documented")
    c.add(m.Access, person="PER-0101", asset="ASSET-RECIPE", level="download", granted=D(2019, 4, 1))
    c.add(m.Access, person="PER-0102", asset="ASSET-RECIPE", level="read", granted=D(2021, 4, 1))
    return c.done()


def _case_exhibition_drawings() -> Dataset:
    c = _Case("TECH-BTO", "MLCC用チタン酸バリウム微粒子の水熱合成技術", ["core"], _BTO_STEPS, forms=("documents", "equipment"))
    c.add(m.Policy, id="POL-EXH", title="展示会・海外出張時の情報管理要領", owner_unit="UNIT-TIM", topics=["exhibitions", "travel"], reviewed=D(2025, 5, 1))
    c.add(m.Organisation, id="ORG-TRADER", name="Golden Harbour Trading Ltd.", kind="other", country="HK", founded=D(2024, 2, 1))
    c.add(m.InformationAsset, id="ASSET-CATALOG", name="製品カタログ", technologies=[c.tech], secrecy="public")
    c.add(m.InformationAsset, id="ASSET-DWG", name="反応容器 詳細図面", steps=[c.step(2)], secrecy="department_only", trade_secret=True, marked=True, access_restricted=True, form="drawing")
    c.employee("PER-0101", "丸山 啓介", role="技術営業", unit=None, special_training=None)
    c.add(m.Person, id="PER-0201", name="Jason Wu", employer="ORG-TRADER", role="展示会で名刺交換した商社担当")
    c.add(m.Access, person="PER-0101", asset="ASSET-DWG", level="download", granted=D(2023, 4, 1))
    c.add(m.Disclosure, id="DISC-01", date=D(2026, 9, 18), assets=["ASSET-CATALOG"], sender="PER-0101", recipient="PER-0201", channel="exhibition", purpose="展示会での製品紹介")
    c.add(m.Disclosure, id="DISC-02", date=D(2026, 10, 7), assets=["ASSET-DWG"], sender="PER-0101", recipient="PER-0201", channel="email", codenamed=False, copied_to_recipient=True, purpose="商談を進めるための詳細資料")
    return c.done()


def _case_acquaintance_escalation() -> Dataset:
    c = _Case("TECH-CATHODE", "高ニッケル正極材の焼成技術", ["core"], _CATHODE_STEPS)
    c.add(m.InformationAsset, id="ASSET-PUB", name="製品データシート", technologies=[c.tech], secrecy="public")
    c.add(m.InformationAsset, id="ASSET-INT", name="社内技術報告（概要）", technologies=[c.tech], secrecy="company_internal", marked=True, access_restricted=True)
    c.add(m.InformationAsset, id="ASSET-DEPT", name="焼成条件の検討資料", steps=[c.step(3)], secrecy="department_only", trade_secret=True, marked=True, access_restricted=True)
    c.add(m.InformationAsset, id="ASSET-TOP", name="リチウム配合比", steps=[c.step(2)], secrecy="top_secret", trade_secret=True, marked=True, access_restricted=True, form="data")
    c.employee("PER-0101", "野口 博之", role="生産技術課長", trained=D(2023, 6, 1))
    c.add(m.Person, id="PER-0301", name="高田 圭（私的な知人）", role="会食で知り合った知人（勤務先不明）")
    c.add(m.Access, person="PER-0101", asset="ASSET-DEPT", level="download", granted=D(2020, 4, 1))
    c.add(m.Access, person="PER-0101", asset="ASSET-TOP", level="download", granted=D(2020, 4, 1))
    steps = [
        ("DISC-01", D(2025, 11, 8), "ASSET-PUB", "meeting", "雑談での製品紹介"),
        ("DISC-02", D(2026, 2, 14), "ASSET-INT", "email", "業界動向についての意見交換"),
        ("DISC-03", D(2026, 5, 23), "ASSET-DEPT", "meeting", "会食の席での相談への回答"),
        ("DISC-04", D(2026, 8, 29), "ASSET-TOP", "email", "謝礼を受けた後の具体的な質問への回答"),
    ]
    for did, date, asset, channel, purpose in steps:
        c.add(m.Disclosure, id=did, date=date, assets=[asset], sender="PER-0101", recipient="PER-0301", channel=channel, copied_to_recipient=channel == "email", purpose=purpose)
    return c.done()


def _case_jr_partner_employee_copy() -> Dataset:
    c = _Case("TECH-SOLIDELEC", "硫化物系固体電解質の合成技術", ["core", "security"], _SE_STEPS)
    c.add(m.Organisation, id="ORG-PART", name="共栄電池開発株式会社", kind="other", country="JP")
    c.add(m.InformationAsset, id="ASSET-DATA", name="共同研究 実験データ一式", technologies=[c.tech], steps=[c.step(2), c.step(3)], secrecy="department_only", trade_secret=True, marked=True, access_restricted=True, form="data")
    c.employee("PER-0101", "石田 光", role="研究員")
    c.add(m.Person, id="PER-0201", name="小田 慎也", employer="ORG-PART", role="研究員", nationality="JP", residency="resident", confidentiality_pledge=True)
    c.add(
        m.Contract,
        id="CTR-JR",
        title="共同研究契約（共栄電池開発）",
        kind="joint_research",
        parties=["ORG-PART"],
        start=D(2025, 4, 1),
        end=D(2027, 3, 31),
        covered_assets=["ASSET-DATA"],
        confidentiality=True,
        purpose_limitation=True,
        return_or_destroy=True,
        named_participants=True,
        scope_defined=True,
        foreground_ip=True,
        non_compete=False,
        audit_rights=False,
        governing_law="japan",
    )
    c.add(
        m.Project,
        id="PRJ-JR",
        name="固体電解質シートの共同開発",
        partners=["ORG-PART"],
        themes=[c.tech],
        participants=["PER-0101", "PER-0201"],
        phase="execution",
        start=D(2025, 4, 1),
        end=D(2027, 3, 31),
        contract="CTR-JR",
        research_plan_acknowledged=True,
        own_platform=False,
    )
    c.add(m.Access, person="PER-0201", asset="ASSET-DATA", level="download", granted=D(2025, 4, 15))
    c.add(m.Disclosure, id="DISC-01", date=D(2025, 6, 2), assets=["ASSET-DATA"], sender="PER-0101", recipient="PER-0201", channel="email", contract="CTR-JR", project="PRJ-JR", copied_to_recipient=True, purpose="測定データの共有")
    c.add(m.Disclosure, id="DISC-02", date=D(2026, 3, 16), assets=["ASSET-DATA"], sender="PER-0101", recipient="PER-0201", channel="email", contract="CTR-JR", project="PRJ-JR", copied_to_recipient=True, purpose="合成条件の全データ共有")
    c.add(m.DueDiligence, id="DD-PART", subject="ORG-PART", scope="organisation", date=D(2025, 2, 1), outcome="cleared")
    return c.done()


def _case_subcontracted_lab_students() -> Dataset:
    c = _Case("TECH-RECYCLE", "使用済み正極材のダイレクトリサイクル技術", ["to_acquire", "econ_security"], ["ブラックマス回収", "不純物除去", "リチウム補填"], protection=None)
    c.add(m.Organisation, id="ORG-PART", name="共栄電池開発株式会社", kind="other", country="JP")
    c.add(m.Organisation, id="ORG-UNI", name="北陸理工大学", kind="university", country="JP")
    c.add(m.Organisation, id="ORG-LAB", name="北陸理工大学 資源化学研究室", kind="lab", country="JP")
    c.add(m.InformationAsset, id="ASSET-DATA", name="共同研究 分析データ", technologies=[c.tech], steps=[c.step(1), c.step(2)], secrecy="department_only", trade_secret=True, marked=True, access_restricted=True, form="data")
    c.employee("PER-0101", "荒木 翔", role="研究員")
    c.add(m.Person, id="PER-0201", name="小田 慎也", employer="ORG-PART", role="研究員", nationality="JP", residency="resident", confidentiality_pledge=True)
    c.add(m.Person, id="PER-0301", name="劉 振華", employer="ORG-LAB", role="教授", nationality="CN", residency="resident", foreign_gov_obligation=True, side_jobs="海外大学の兼任教授（人材招致プログラム）")
    c.add(m.Person, id="PER-0302", name="Wang Lei", employer="ORG-LAB", role="博士課程", student=True, nationality="CN", residency="non_resident", confidentiality_pledge=False)
    c.add(m.Person, id="PER-0303", name="Li Na", employer="ORG-LAB", role="修士課程", student=True, nationality="CN", residency="non_resident", confidentiality_pledge=False)
    c.add(m.Person, id="PER-0304", name="松田 彩", employer="ORG-LAB", role="修士課程", student=True, nationality="JP", residency="resident", confidentiality_pledge=True)
    c.add(
        m.Contract,
        id="CTR-JR",
        title="共同研究契約（共栄電池開発）",
        kind="joint_research",
        parties=["ORG-PART"],
        start=D(2025, 1, 1),
        end=D(2026, 12, 31),
        covered_assets=["ASSET-DATA"],
        confidentiality=True,
        purpose_limitation=True,
        no_third_party_disclosure=True,
        subcontract_approval=True,
        named_participants=True,
        governing_law="japan",
    )
    c.add(
        m.Project,
        id="PRJ-JR",
        name="リサイクル正極材の評価",
        partners=["ORG-PART"],
        themes=[c.tech],
        participants=["PER-0101", "PER-0201"],
        phase="execution",
        start=D(2025, 1, 1),
        end=D(2026, 12, 31),
        contract="CTR-JR",
        research_plan_acknowledged=True,
        own_platform=False,
    )
    c.add(m.Disclosure, id="DISC-01", date=D(2025, 3, 3), assets=["ASSET-DATA"], sender="PER-0101", recipient="ORG-PART", channel="email", contract="CTR-JR", project="PRJ-JR", copied_to_recipient=True, purpose="分析データの共有")
    c.add(
        m.Disclosure,
        id="DISC-02",
        date=D(2025, 6, 9),
        assets=["ASSET-DATA"],
        sender="ORG-PART",
        recipient="ORG-LAB",
        channel="shared_platform",
        project="PRJ-JR",
        onward_of="DISC-01",
        onward_approved=False,
        copied_to_recipient=True,
        purpose="分析の再委託",
    )
    for pid in ("PER-0301", "PER-0302", "PER-0303", "PER-0304"):
        c.add(m.Access, person=pid, asset="ASSET-DATA", level="download" if pid == "PER-0301" else "read", granted=D(2025, 6, 10))
    return c.done()


def _case_prototype_photographed_precontract() -> Dataset:
    c = _Case("TECH-SE-SHEET", "全固体電池用 固体電解質シートの成形技術", ["core"], ["スラリー調製", "薄膜塗工", "加圧焼結"], forms=("samples", "tacit"))
    c.add(m.Site, id="SITE-LAB", name="つくば中央研究所", kind="lab", country="JP", operator=COMPANY_ID)
    c.add(m.Organisation, id="ORG-PROS", name="Formosa Cell Technology Corp.", kind="customer", country="TW", founded=D(2022, 5, 1))
    c.add(m.InformationAsset, id="ASSET-PROTO", name="電解質シート 試作品", technologies=[c.tech], steps=[c.step(2), c.step(3)], secrecy="department_only", trade_secret=True, marked=True, access_restricted=True, form="sample", site="SITE-LAB")
    c.add(m.InformationAsset, id="ASSET-PRESENTATION", name="試作品の技術説明資料", technologies=[c.tech], secrecy="company_internal", marked=True, access_restricted=True)
    c.employee("PER-0101", "朴 成浩", role="研究員", nationality="KR")
    c.add(
        m.Contract,
        id="CTR-NDA",
        title="Non-Disclosure Agreement (Formosa Cell)",
        kind="nda",
        parties=["ORG-PROS"],
        start=D(2026, 3, 1),
        confidentiality=True,
        purpose_limitation=True,
        no_reverse_engineering=True,
        return_or_destroy=True,
        governing_law="neutral",
    )
    c.add(m.Project, id="PRJ-PROTO", name="電解質シートの共同評価（検討中）", partners=["ORG-PROS"], themes=[c.tech], participants=["PER-0101"], phase="preparation", contract="CTR-NDA")
    c.add(m.Disclosure, id="DISC-01", date=D(2026, 1, 20), assets=["ASSET-PROTO"], sender="PER-0101", recipient="ORG-PROS", channel="site_visit", project="PRJ-PROTO", codenamed=False, purpose="研究所見学での試作品紹介（撮影制限なし）")
    c.add(m.Disclosure, id="DISC-02", date=D(2026, 2, 5), assets=["ASSET-PRESENTATION"], sender="PER-0101", recipient="ORG-PROS", channel="email", project="PRJ-PROTO", codenamed=False, copied_to_recipient=True, purpose="見学後の補足資料")
    return c.done()


def _case_samples_kept_after_end() -> Dataset:
    c = _Case("TECH-BIOLEACH", "バイオリーチング菌株による有価金属回収技術", ["core", "to_acquire"], ["菌株の培養", "浸出", "金属の分離回収"], forms=("samples", "data"))
    c.add(m.Organisation, id="ORG-RI", name="Pan-Asia Bioprocess Institute", kind="research_institute", country="SG")
    c.add(m.InformationAsset, id="ASSET-STRAIN", name="金属回収用 改良菌株", technologies=[c.tech], steps=[c.step(1)], secrecy="top_secret", trade_secret=True, marked=True, access_restricted=True, form="sample")
    c.add(m.InformationAsset, id="ASSET-STRAIN-DATA", name="菌株の培養条件と浸出データ", steps=[c.step(1), c.step(2)], secrecy="department_only", trade_secret=True, marked=True, access_restricted=True, form="data")
    c.employee("PER-0101", "杉山 真央", role="研究員")
    c.add(m.Person, id="PER-0201", name="Tan Wei Ming", employer="ORG-RI", role="Senior scientist", nationality="SG", residency="non_resident", confidentiality_pledge=True)
    c.add(
        m.Contract,
        id="CTR-JR",
        title="Joint Research Agreement (Pan-Asia Bioprocess)",
        kind="joint_research",
        parties=["ORG-RI"],
        start=D(2024, 4, 1),
        end=D(2025, 12, 31),
        covered_assets=["ASSET-STRAIN", "ASSET-STRAIN-DATA"],
        confidentiality=True,
        purpose_limitation=True,
        no_reverse_engineering=True,
        return_or_destroy=True,
        destruction_certificate=False,
        publication_approval=False,
        foreground_ip=True,
        governing_law="neutral",
    )
    c.add(
        m.Project,
        id="PRJ-BIO",
        name="菌株による浸出効率の共同評価",
        partners=["ORG-RI"],
        themes=[c.tech],
        participants=["PER-0101", "PER-0201"],
        phase="ended",
        start=D(2024, 4, 1),
        end=D(2025, 12, 31),
        contract="CTR-JR",
        research_plan_acknowledged=True,
        own_platform=True,
    )
    c.add(
        m.Disclosure,
        id="DISC-01",
        date=D(2024, 6, 10),
        assets=["ASSET-STRAIN"],
        sender="PER-0101",
        recipient="ORG-RI",
        channel="sample_shipment",
        contract="CTR-JR",
        project="PRJ-BIO",
        codenamed=True,
        return_status="outstanding",
        return_due=D(2026, 1, 31),
        purpose="共同評価用の菌株提供",
    )
    c.add(
        m.Disclosure,
        id="DISC-02",
        date=D(2024, 7, 1),
        assets=["ASSET-STRAIN-DATA"],
        sender="PER-0101",
        recipient="PER-0201",
        channel="shared_platform",
        contract="CTR-JR",
        project="PRJ-BIO",
        codenamed=True,
        copied_to_recipient=False,
        purpose="培養条件の共有",
    )
    c.add(m.Access, person="PER-0201", asset="ASSET-STRAIN-DATA", level="download", granted=D(2024, 7, 1))
    return c.done()


def _case_personal_email_former_employee() -> Dataset:
    c = _Case("TECH-CATHODE", "高ニッケル正極材の焼成技術", ["core"], _CATHODE_STEPS)
    c.add(m.Policy, id="POL-001", title="技術情報管理規程", owner_unit="UNIT-TIM", topics=["storage"], reviewed=D(2020, 10, 1))
    c.add(m.InformationAsset, id="ASSET-PROCESS-DATA", name="焼成工程 実測データ（温度・雰囲気）", technologies=[c.tech], steps=[c.step(3)], secrecy="department_only", trade_secret=True, marked=False, access_restricted=False, form="data")
    c.employee("PER-0101", "西田 翼", role="研究員", status="left", joined=D(2018, 4, 1), left=D(2026, 9, 30), confidentiality_pledge=False, non_compete_pledge=None)
    c.employee("PER-0102", "今井 恵子", role="主任研究員")
    c.add(m.Access, person="PER-0101", asset="ASSET-PROCESS-DATA", level="download", granted=D(2018, 5, 1))
    c.add(m.Access, person="PER-0102", asset="ASSET-PROCESS-DATA", level="edit", granted=D(2015, 5, 1))
    c.add(m.Knowledge, person="PER-0101", step=c.step(3), depth="partial", mode="documented")
    c.add(m.Knowledge, person="PER-0102", step=c.step(3))
    return c.done()


#: Case metadata.  ``expected``: what an exposure analysis should report on
#: the case dataset, as short English phrases naming the ids involved.
CASES: dict[str, dict[str, Any]] = {
    "sole_supplier_direction": {
        "title_ja": "唯一の原料調達先に開発の方向性を伝えた",
        "title_en": "Development direction told to the sole raw-material supplier",
        "description_ja": "正極材の前駆体を一社からしか調達していない。その仕入先は競合他社にも供給している。開発担当者が次世代品の方針をコード名なしで打合せとメールで伝えたが、契約に目的外使用の禁止がなく、仕入先の確認も取引開始時のままである。",
        "description_en": "The cathode precursor comes from a single supplier that also sells to competitors. An engineer shared the next-generation roadmap with it, uncodenamed, in a meeting and by e-mail; the supply contract has no purpose limitation and the supplier was last reviewed when the deal began.",
        "route": "suriawase",
        "checklist": ["S4", "S1", "S3"],
        "expected": [
            "upstream supplier ORG-SUP-NI receives graded development direction ASSET-ROADMAP for TECH-CATHODE",
            "sole-source supplier ORG-SUP-NI also serves competitors (vendor concentration for TECH-CATHODE)",
            "disclosures DISC-02 and DISC-03 not codenamed",
            "contract CTR-SUP-NI lacks purpose limitation",
            "stale due diligence on ORG-SUP-NI",
        ],
        "build": _case_sole_supplier_direction,
    },
    "equipment_maker_design_data": {
        "title_ja": "専用装置のために製品設計データを装置メーカーへ渡した",
        "title_en": "Product design data given to an equipment maker for a custom machine",
        "description_ja": "専用の合成装置を外部メーカーに作らせるため、製品の設計データと装置仕様を渡した。同じメーカーが二台の専用装置を作り保守もしており、修理の際もカタログ仕様に戻していない。契約には目的外使用の禁止も改良発明の扱いもない。",
        "description_en": "To have custom synthesis equipment built, the company gave the maker its product design data and the machine specification. The same maker built and services both customised machines, takes them back for repair without restoring catalogue spec, and the contract neither limits use nor settles ownership of improvements.",
        "route": "suriawase",
        "checklist": ["S6", "S3", "S1"],
        "expected": [
            "equipment maker ORG-EQ-MIT holds customised-equipment specs for core technology TECH-BTO (vendor concentration)",
            "product design data ASSET-PRODUCT-DWG disclosed to equipment maker ORG-EQ-MIT",
            "contract CTR-EQ-DEV lacks purpose limitation, third-party ban and ownership of improvements",
            "customised equipment EQ-AUTOCLAVE sent for repair without restoring catalogue spec",
            "no due diligence on ORG-EQ-MIT",
        ],
        "build": _case_equipment_maker_design_data,
    },
    "overseas_sample_overdue": {
        "title_ja": "海外の見込み客がサンプルを期限を過ぎても返さない",
        "title_en": "Overseas prospect keeps a sample past its due date",
        "description_ja": "展示会で知り合った海外の見込み客に、安全保障上も重要な固体電解質のサンプルを送った。返却期限を大きく過ぎても戻っていない。秘密保持契約には解析禁止の条項がなく、相手先の確認も行っていない。",
        "description_en": "A sample of a security-sensitive solid electrolyte went to an overseas prospect met at an exhibition. It is long past its return date; the NDA has no ban on analysis or reverse engineering and the prospect was never vetted.",
        "route": "suriawase",
        "checklist": ["S5", "S1", "S3"],
        "expected": [
            "sample ASSET-SE-SAMPLE outstanding at ORG-PROS past its return due date (2026-04-15)",
            "NDA CTR-NDA-PROS lacks no-reverse-engineering clause",
            "no due diligence on overseas prospect ORG-PROS",
            "samples of security-graded TECH-SOLIDELEC sent to a country outside the strict export-control group (CN)",
        ],
        "build": _case_overseas_sample_overdue,
    },
    "contract_manufacturer_resubcontract": {
        "title_ja": "委託製造先が承認なく海外企業に再委託した",
        "title_en": "Contract manufacturer re-subcontracted abroad without approval",
        "description_ja": "国内の委託製造先に作業指示書を渡した。契約では再委託に事前承認が必要だが、委託先は繁忙期に承認を得ずに中国の企業へ同じ資料を渡した。再委託先とは契約も確認もない。",
        "description_en": "A domestic contract manufacturer received the work instructions under a contract requiring prior approval for subcontracting. In a busy season it passed them to a Chinese firm without asking; there is no contract with, or review of, that firm.",
        "route": "suriawase",
        "checklist": ["S3", "S1", "O6"],
        "expected": [
            "onward disclosure DISC-02 from ORG-CM to ORG-CM-SUB without approval",
            "graded information ASSET-WI reached foreign organisation ORG-CM-SUB with no contract",
            "no due diligence on ORG-CM-SUB",
            "contract CTR-MFG lacks audit rights",
        ],
        "build": _case_contract_manufacturer_resubcontract,
    },
    "licensee_to_subsidiary": {
        "title_ja": "ライセンシーが自社の子会社に技術を渡した",
        "title_en": "Licensee passed the technology to its own subsidiary",
        "description_ja": "韓国のライセンシーに製造条件書を提供した。契約は提供範囲を定めていたが、第三者開示の禁止・再委託の承認・監査権が抜けており、ライセンシーはベトナムの子会社へ条件書を渡した。子会社とは契約も確認もない。",
        "description_en": "A Korean licensee received the process conditions. The licence defined the scope but left out the third-party ban, subcontracting approval and audit rights, and the licensee handed the document to its Vietnamese subsidiary, with which the company has no contract and which it never reviewed.",
        "route": "overseas",
        "checklist": ["O2", "O4", "S3"],
        "expected": [
            "onward disclosure DISC-02 from ORG-LIC to its subsidiary ORG-LIC-SUB without approval",
            "licence CTR-LIC lacks third-party disclosure ban, subcontracting control and audit rights",
            "no contract or due diligence covering ORG-LIC-SUB (VN, no country review)",
            "core technology TECH-BTO transferred overseas",
        ],
        "build": _case_licensee_to_subsidiary,
    },
    "jv_withdrawal_equipment": {
        "title_ja": "合弁撤退時、設備が合弁相手の所有で処分できない",
        "title_en": "JV withdrawal: equipment owned by the partner cannot be scrapped",
        "description_ja": "中国の合弁工場から撤退する段階に入った。ノウハウを組み込んだ専用焼成炉は合弁相手の所有で、返還・廃棄の計画がない。現地従業員は作業指示書へのアクセスを保持したままで、合弁契約に返還・廃棄義務もない。",
        "description_en": "The Chinese JV plant is being wound down. The customised kiln embodying the know-how belongs to the JV partner and has no return or disposal plan; local staff still hold access to the work instructions, and the JV contract has no return-or-destroy duty.",
        "route": "overseas",
        "checklist": ["O8", "O9", "O5", "O6"],
        "expected": [
            "site SITE-CN-JV in withdrawal where local staff PER-0201 and PER-0202 keep access to graded asset ASSET-WI-CN",
            "customised equipment EQ-KILN-CN embodying TECH-CATHODE owned by JV partner ORG-JVP with no disposal plan",
            "JV contract CTR-JV lacks return/destruction duty",
            "uncodenamed flow DISC-01 of core technology to overseas JV ORG-JV",
        ],
        "build": _case_jv_withdrawal_equipment,
    },
    "sns_stranger": {
        "title_ja": "ビジネスSNSで見知らぬ相手の質問に答えた",
        "title_en": "Engineer answered a stranger on a business social network",
        "description_ja": "研究者がビジネスSNSで身元のわからない相手から質問を受け、最初は公開資料で、次には社内の測定データで答えた。社内規程にSNSの扱いがなく、研修も数年受けていない。",
        "description_en": "A researcher was approached on a business social network by someone whose identity was never checked, answered first with public material and then with internal measurement data. The internal rules say nothing about social networks and his training is years old.",
        "route": "people",
        "checklist": ["P1", "P2", "P3"],
        "expected": ["disclosure DISC-02 of internal data ASSET-SE-COND via social network to unidentified person PER-X with no contract", "engineer PER-0101 training out of date", "no internal rule covering social networks (POL-001 reviewed 2021)"],
        "build": _case_sns_stranger,
    },
    "poached_engineer_usb": {
        "title_ja": "外国の競合に引き抜かれた技術者がデータを持ち出した",
        "title_en": "Engineer poached by a foreign competitor leaves with data",
        "description_ja": "工程全体を知る唯一の技術者が中国の競合企業へ転職した。競業避止の誓約がなく、退職後も配合データのダウンロード権限が残っている。社内規程は外部記録媒体を扱っていない。",
        "description_en": "The only engineer who knows the whole process moved to a Chinese competitor. He signed no non-compete pledge, his download right to the recipe data survived his departure, and the internal rules do not cover removable media.",
        "route": "people",
        "checklist": ["P5", "P4", "P3", "P1"],
        "expected": [
            "full-process knower PER-0101 of TECH-CATHODE left for foreign competitor ORG-COMP-CN",
            "PER-0101 was the only full-process knower of TECH-CATHODE (bus factor 1)",
            "download access of departed PER-0101 to ASSET-RECIPE survives departure",
            "no non-compete pledge from PER-0101",
            "no internal rule on removable media",
        ],
        "build": _case_poached_engineer_usb,
    },
    "exhibition_drawings": {
        "title_ja": "展示会で知り合った相手に詳細図面を渡した",
        "title_en": "Drawings handed to an exhibition contact",
        "description_ja": "展示会で名刺交換した商社の担当者に、商談を進めたい一心で反応容器の詳細図面をメールで送った。秘密保持契約はなく、相手先は設立間もない香港の会社で、担当者は展示会向けの研修を受けていない。",
        "description_en": "Keen to move a deal forward, a sales engineer e-mailed detailed reactor drawings to a trading-company contact met at an exhibition. No NDA exists, the firm is a newly founded Hong Kong company, and the engineer never took the exhibition training.",
        "route": "people",
        "checklist": ["P2", "S2", "S3", "S1"],
        "expected": ["drawing ASSET-DWG sent to exhibition contact PER-0201 with no contract", "PER-0101 lacks exhibition/travel training", "no due diligence on recently founded ORG-TRADER"],
        "build": _case_exhibition_drawings,
    },
    "acquaintance_escalation": {
        "title_ja": "私的な知人の要求が公開情報から極秘情報へ段階的に進んだ",
        "title_en": "A private acquaintance escalated from public to secret information",
        "description_ja": "会食で知り合った知人に、最初は公開資料、次に社内資料、さらに部外秘・極秘の情報を渡すようになった。いずれも契約はなく、本人の研修も古い。",
        "description_en": "Over a year a friendly acquaintance moved an engineer from public brochures to internal reports and finally to department-only and top-secret data, with gifts along the way. No contract covers any of it and the engineer's training is stale.",
        "route": "people",
        "checklist": ["P2", "P3", "P5"],
        "expected": [
            "repeated disclosures from PER-0101 to private contact PER-0301 escalating from public to top secret (DISC-01..DISC-04)",
            "disclosures of graded assets ASSET-DEPT and ASSET-TOP with no contract",
            "engineer PER-0101 training out of date",
        ],
        "build": _case_acquaintance_escalation,
    },
    "jr_partner_employee_copy": {
        "title_ja": "共同研究先の社員がデータを複製し外国の競合へ転職",
        "title_en": "Joint-research partner's employee copies data (and later moves to a foreign competitor)",
        "description_ja": "共同研究の実験データを自社管理の基盤ではなくメールで相手先に渡しており、相手先の研究員がダウンロード権限も持つ。研究員個人の確認はなく、契約には競業避止も監査権もない。",
        "description_en": "Joint-research data goes to the partner by e-mail instead of through a platform the company controls, and the partner's researcher also holds download rights. Nobody vetted him personally, and the contract has neither a non-compete nor audit rights.",
        "route": "joint_research",
        "checklist": ["J8", "J4", "P3"],
        "expected": [
            "graded data ASSET-DATA copied to partner devices instead of own platform in PRJ-JR",
            "partner employee PER-0201 holds download access to ASSET-DATA",
            "no individual due diligence on participant PER-0201",
            "contract CTR-JR lacks non-compete for named members and audit rights",
        ],
        "build": _case_jr_partner_employee_copy,
    },
    "subcontracted_lab_students": {
        "title_ja": "共同研究先が再委託した大学研究室で留学生がデータを閲覧",
        "title_en": "Partner's subcontracted university lab lets foreign students browse the data",
        "description_ja": "共同研究の相手企業が承認を得ずに大学の研究室へ分析を再委託した。研究室の学生は参加者として名前がなく、誓約書のない学生もいる。教授は外国政府系の人材招致プログラムに参加しており、研究室の確認は誰もしていない。",
        "description_en": "The joint-research partner subcontracted analysis to a university lab without approval. The lab's students are not named participants and some signed no pledge; the professor takes part in a foreign-government talent programme, and no one vetted the lab.",
        "route": "joint_research",
        "checklist": ["J5", "J4", "J3", "S3"],
        "expected": [
            "people with access to project data ASSET-DATA who are not named participants of PRJ-JR: PER-0301, PER-0302, PER-0303, PER-0304",
            "students PER-0302 and PER-0303 without confidentiality pledges",
            "onward disclosure DISC-02 to subcontracted lab ORG-LAB without approval",
            "professor PER-0301 with an obligation to a foreign government",
            "no due diligence on ORG-LAB or its members",
        ],
        "build": _case_subcontracted_lab_students,
    },
    "prototype_photographed_precontract": {
        "title_ja": "契約前の見学で試作品を撮影され、先に特許出願された",
        "title_en": "Prototype photographed during pre-contract talks",
        "description_ja": "共同評価を検討中の海外企業を研究所に招き、秘密保持契約の締結前に試作品を見せ、補足資料も送った。技術は特許出願せず営業秘密として扱っており、相手先の確認もしていない。",
        "description_en": "A foreign prospect considering joint evaluation toured the lab before any NDA was signed, saw the prototype and received follow-up material. The technology is kept as a trade secret with no patent filed, and the prospect was not vetted.",
        "route": "joint_research",
        "checklist": ["S2", "J1", "J3"],
        "expected": [
            "disclosures DISC-01 and DISC-02 to ORG-PROS before NDA CTR-NDA starts (2026-03-01)",
            "prototype ASSET-PROTO shown on a site visit during pre-contract talks",
            "core technology TECH-SE-SHEET disclosed without a patent filing",
            "no due diligence on ORG-PROS",
        ],
        "build": _case_prototype_photographed_precontract,
    },
    "samples_kept_after_end": {
        "title_ja": "共同研究終了後も相手が試料を保持し続けた",
        "title_en": "Partner kept the samples after the project ended",
        "description_ja": "共同研究は終了したが、提供した菌株は返却期限を過ぎても戻らず、廃棄証明書も受け取っていない。相手の研究者は培養データへのアクセスを保持したままで、契約には公表・出願の事前承認がない。",
        "description_en": "The project has ended but the strain provided has not come back after its due date and no destruction certificate arrived. The partner's scientist still reaches the culture data, and the contract requires no prior approval of publications or patent filings.",
        "route": "joint_research",
        "checklist": ["J8", "O5", "J6"],
        "expected": [
            "sample ASSET-STRAIN still outstanding at ORG-RI after project PRJ-BIO ended",
            "ended contract CTR-JR without destruction certificate",
            "partner researcher PER-0201 keeps access to ASSET-STRAIN-DATA after project end",
            "contract CTR-JR lacks publication/patent approval clause",
        ],
        "build": _case_samples_kept_after_end,
    },
    "personal_email_former_employee": {
        "title_ja": "元従業員が工程データを私用メールへ送った",
        "title_en": "Process data e-mailed to a personal address by a former employee",
        "description_ja": "営業秘密として扱うはずの工程実測データに秘密表示もアクセス制限もない。退職者のダウンロード権限が残り、本人は秘密保持の誓約もしていない。社内規程は保管しか扱っていない。",
        "description_en": "Process measurements meant to be a trade secret carry no secrecy mark and no access restriction. A former employee's download right was never removed, he signed no confidentiality pledge, and the internal rules cover storage only.",
        "route": "foundation",
        "checklist": ["F3", "P3", "P1"],
        "expected": [
            "trade-secret asset ASSET-PROCESS-DATA lacks marking and access restriction",
            "access of departed PER-0101 to ASSET-PROCESS-DATA survives departure",
            "no confidentiality pledge from PER-0101",
            "internal rule POL-001 lacks devices/removable-media coverage and is stale",
        ],
        "build": _case_personal_email_former_employee,
    },
}


def build_case(case_id: str) -> Dataset:
    """The dataset of one case in :data:`CASES`."""
    builder = CASES[case_id]["build"]
    ds: Dataset = builder()
    return ds


def build_cases() -> dict[str, Dataset]:
    """Every case dataset, keyed by case id (in :data:`CASES` order)."""
    return {case_id: build_case(case_id) for case_id in CASES}


# ================================================================= writing


def _cases_readme(cases: dict[str, Dataset]) -> str:
    lines = [
        "# Case scenarios / 事例シナリオ",
        "",
        "Generated by `python examples/build_examples.py`; do not edit by hand.",
        "`examples/build_examples.py` は本ファイルを自動生成します。直接編集しないでください。",
        "",
        "Each folder holds one small dataset (one CSV per record type) capturing the",
        "situation *before* a leak described in the METI guidance; `CASES` in",
        "`build_examples.py` lists what an analysis is expected to flag.",
        "",
    ]
    for case_id, meta in CASES.items():
        lines += [
            f"## `{case_id}`: {meta['title_en']}",
            "",
            f"**{meta['title_ja']}**",
            "",
            meta["description_ja"],
            "",
            meta["description_en"],
            "",
            f"- route: `{meta['route']}`; checklist: {', '.join(meta['checklist'])}; records: {len(cases[case_id])}",
            "- expected findings:",
            *[f"  - {e}" for e in meta["expected"]],
            "",
        ]
    return "\n".join(lines)


def _stabilise_xlsx(path: Path) -> None:
    """Pin the time stamps openpyxl writes (document properties and zip
    entry times) to :data:`TODAY`, so that the same data gives the same
    bytes on every run and the committed workbook only changes with its data."""
    stamp = f"{TODAY.isoformat()}T00:00:00Z"
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "docProps/core.xml":
                    text = data.decode("utf-8")
                    text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", text)
                    data = text.encode("utf-8")
                entry = zipfile.ZipInfo(info.filename, date_time=(TODAY.year, TODAY.month, TODAY.day, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = info.external_attr
                dst.writestr(entry, data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _check(name: str, ds: Dataset) -> None:
    problems = check_dataset(ds)
    if problems:
        listing = "\n".join(p.render("en") for p in problems[:20])
        raise SystemExit(f"{name}: {len(problems)} problem(s)\n{listing}")


def write_examples(out: Path = EXAMPLES_DIR, *, fmt: str = "source") -> list[Path]:
    """Build, check and write every example dataset under ``out``.

    ``fmt="source"`` writes the company as a workbook and each case as a
    folder of CSV files through :func:`importers.write_source`; ``fmt="json"``
    (and the fallback when that function is missing) writes ``ds.dumps()``.
    """
    company = build_company()
    cases = build_cases()
    _check("company", company)
    for case_id, ds in cases.items():
        _check(case_id, ds)
    write_source: Callable[[Dataset, Path], list[Path]] | None = None
    if fmt == "source":
        try:
            import importers
        except ImportError:
            pass
        else:
            write_source = getattr(importers, "write_source", None)
    written: list[Path] = []
    (out / "company").mkdir(parents=True, exist_ok=True)
    (out / "cases").mkdir(parents=True, exist_ok=True)
    if write_source is not None:
        workbook = out / "company" / "company.xlsx"
        written += write_source(company, workbook)
        _stabilise_xlsx(workbook)
        written += write_source(company, out / "company" / "csv")
        for case_id, ds in cases.items():
            written += write_source(ds, out / "cases" / case_id)
    else:
        target = out / "company" / "company.json"
        target.write_text(company.dumps() + "\n", encoding="utf-8")
        written.append(target)
        for case_id, ds in cases.items():
            target = out / "cases" / f"{case_id}.json"
            target.write_text(ds.dumps() + "\n", encoding="utf-8")
            written.append(target)
    readme = out / "cases" / "README.md"
    readme.write_text(_cases_readme(cases), encoding="utf-8")
    written.append(readme)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python examples/build_examples.py [--out DIR] [--json]``."""
    parser = argparse.ArgumentParser(description="Write the bundled example datasets.")
    parser.add_argument("--out", type=Path, default=EXAMPLES_DIR, help="output folder (default: examples/)")
    parser.add_argument("--json", action="store_true", help="write JSON (Dataset.dumps) instead of xlsx/CSV")
    args = parser.parse_args(argv)
    written = write_examples(args.out, fmt="json" if args.json else "source")
    company = build_company()
    counts = ", ".join(f"{k}={v}" for k, v in company.counts().items() if v)
    print(f"company: {counts}")
    print(f"cases: {len(CASES)}; files written: {len(written)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
