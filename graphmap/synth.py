"""Synthetic enterprises: a realistic manufacturer, its partners and its
records at any scale, with planted exposures the analyses must find.

``generate(directory, size="M", seed=1)`` writes one CSV file per record
type (the layout :func:`importers.csvfiles.read_csv` reads), optionally a
workbook (``xlsx/company.xlsx``), and ``planted.jsonl``: the exposures deliberately placed in the
data, each as an analysis id and the subjects a finding of that analysis
must name.  The company is a Japanese materials maker with business
divisions, research and production units, technologies split into
ordered process steps, heavy-tailed know-how (a few experts know many
steps), suppliers with ownership chains, customers, equipment makers,
contract manufacturers, universities, licensees, JV partners and
overseas subsidiaries.  Most of it is well run; the planted cases (see
:mod:`graphmap.synth_plants`) and a small, realistic minority of gaps are
not.

Rows are streamed to the files (never held as model records), so the L
and XL sizes (millions of rows) need little memory.  The same seed and
size give byte-identical files.

Complexity: O(rows) time; memory O(people + organisations + assets).

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "s"
>>> summary = generate(out, size="S", seed=1)
>>> summary.counts["people"] >= 1000
True
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import itertools
import json
import os
import random
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphmap import model as m
from graphmap import synth_names as vocab
from graphmap.fileio import atomic_path, atomic_write_text, private_dir
from importers.tabular import header_for, neutralise_formula

__all__ = [
    "DEFAULT_AS_OF",
    "FORMATS",
    "SIZES",
    "Planted",
    "SizeSpec",
    "SynthSummary",
    "generate",
    "missed_exposures",
    "read_manifest",
]

#: The day the synthetic records are dated against (analyse ``--as-of`` it).
DEFAULT_AS_OF = dt.date(2026, 9, 30)

FORMATS = ("csv", "xlsx", "both")

#: The manifest of planted exposures: JSON lines (a header line, then one
#: line per exposure), a suffix the importers do not read.
MANIFEST = "planted.jsonl"
_STAGE_PREFIX = ".synth-staging-"
#: Where the workbook goes: a sub-folder, so loading the CSV folder does
#: not read the same records twice.
WORKBOOK = Path("xlsx") / "company.xlsx"


@dataclass(frozen=True)
class SizeSpec:
    """How big a synthetic company is."""

    name: str
    people: int
    technologies: int
    organisations: int
    knowledge: int
    access: int
    disclosures: int
    excel: bool

    def targets(self) -> dict[str, int]:
        """The counts this size aims at (recorded in the manifest, so a
        folder generated for an earlier definition of the size is told
        apart)."""
        return {
            k: getattr(self, k)
            for k in ("people", "technologies", "organisations", "knowledge", "access", "disclosures")
        }


#: S = 1k people; M = 10k people; L = 100k people with 50k steps, 50k
#: organisations, 1M knowledge, 1M access and 500k disclosure records;
#: XL = three times L.  M is one tenth of L in every record stream, so its
#: knowledge, access and disclosure records (the links between people,
#: assets and partners) number 250k as L's number 2.5M, and the benchmark's
#: time(L) / time(M) compares the same company at ten times the size.
SIZES: dict[str, SizeSpec] = {
    "S": SizeSpec("S", 1_000, 40, 500, 6_000, 6_000, 1_000, True),
    "M": SizeSpec("M", 10_000, 400, 5_000, 100_000, 100_000, 50_000, True),
    "L": SizeSpec("L", 100_000, 4_000, 50_000, 1_000_000, 1_000_000, 500_000, False),
    "XL": SizeSpec("XL", 300_000, 12_000, 150_000, 3_000_000, 3_000_000, 1_500_000, False),
}


@dataclass(frozen=True)
class Planted:
    """One planted exposure: a finding of ``analysis`` whose subjects
    include every id of ``subjects`` must come out of ``analyze``."""

    analysis: str
    subjects: tuple[str, ...]
    note: str

    def to_jsonable(self) -> dict[str, Any]:
        return {"analysis": self.analysis, "subjects": list(self.subjects), "note": self.note}


def missed_exposures(planted: Iterable[Planted], findings: Iterable[Any]) -> list[Planted]:
    """The planted exposures no finding of their analysis names in full
    (the recall rule of the tests and the benchmark: a finding of
    ``p.analysis`` whose subjects include every id of ``p.subjects``).
    """
    named: dict[str, list[set[str]]] = {}
    for f in findings:
        named.setdefault(f.analysis, []).append(set(f.subjects))
    return [p for p in planted if not any(set(p.subjects) <= s for s in named.get(p.analysis, ()))]


@dataclass
class SynthSummary:
    """What :func:`generate` wrote."""

    directory: Path
    size: str
    seed: int
    as_of: dt.date
    counts: dict[str, int]
    files: list[Path]
    planted: list[Planted]


# ------------------------------------------------------------------ writing


def _cell(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return neutralise_formula(value) if value and value[0] in "=+-@\t\r" else value
    if value is None:
        return ""
    if kind is bool:
        return "yes" if value else "no"
    if kind is list or kind is tuple:
        return ";".join(_cell(v) for v in value)
    if kind is dt.date:
        return value.isoformat()  # type: ignore[no-any-return]
    if kind is float and value.is_integer():
        return str(int(value))
    return str(value)


def _write_csv(directory: Path, cls: type[m.Record], rows: Iterable[dict[str, Any] | list[str]]) -> tuple[Path, int]:
    """Stream ``rows`` into ``<sheet_en>.csv`` in the layout the CSV
    importer reads: UTF-8 with BOM, bilingual headers, CRLF.  A row is a
    mapping of field name to value, or (the fast path of the large link
    tables) a list of cell texts in field order."""
    fields = [f.name for f in cls.fields()]
    target = directory / f"{cls.sheet_en}.csv"
    count = 0
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow([header_for(f) for f in cls.fields()])
        for row in rows:
            if type(row) is list:
                writer.writerow(row)
            else:
                writer.writerow([_cell(row.get(name)) for name in fields])  # type: ignore[union-attr]
            count += 1
    return target, count


# ------------------------------------------------------------------ helpers


def _day(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


class _Zipf:
    """Draws ranks 0..n-1 with weight 1/(rank+1)**s: a few ranks often."""

    def __init__(self, n: int, s: float = 1.0) -> None:
        self.n = n
        self.cum = list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))

    def draw(self, rng: random.Random) -> int:
        return bisect.bisect_left(self.cum, rng.random() * self.cum[-1])

    def distinct(self, rng: random.Random, k: int) -> list[int]:
        k = min(k, self.n)
        seen: dict[int, None] = {}
        tries = 0
        while len(seen) < k and tries < 8 * k:
            seen.setdefault(self.draw(rng), None)
            tries += 1
        if len(seen) < k:  # fill from the top ranks when the tail is slow
            for i in range(self.n):
                if len(seen) >= k:
                    break
                seen.setdefault(i, None)
        return list(seen)


@dataclass
class _Org:
    id: str
    name: str
    kind: str
    country: str
    techs: list[int] = field(default_factory=list)
    assets: list[int] = field(default_factory=list)
    contract: str | None = None
    contract_start: int = 0
    staff: list[int] = field(default_factory=list)
    weight: float = 1.0
    row: dict[str, Any] = field(default_factory=dict)
    subcontractor: _Org | None = None


@dataclass
class _Tech:
    id: str
    field_no: int
    steps: list[str]
    gradings: list[str]
    assets: list[int] = field(default_factory=list)
    team: list[int] = field(default_factory=list)
    step_names: list[str] = field(default_factory=list)


@dataclass
class _Asset:
    id: str
    tech: int
    form: str
    secrecy: str
    steps: list[str]
    whole: bool


# ------------------------------------------------------------------ the world


class _World:
    """The background company: everything but the planted exposures.

    Small tables are built in memory as rows; large ones (people,
    knowledge, access, disclosures) are produced by generators from
    compact per-person arrays.
    """

    def __init__(self, spec: SizeSpec, seed: int, as_of: dt.date) -> None:
        self.spec = spec
        self.seed = seed
        self.as_of = as_of
        self.today = as_of.toordinal()
        self.rows: dict[type[m.Record], list[dict[str, Any]]] = {cls: [] for cls in m.RECORD_TYPES}
        # people arrays (index = person number)
        self.p_unit: list[int] = []  # index into self.units, -1 for outside staff
        self.p_org: list[str] = []  # employer id
        self.p_site: list[str | None] = []
        self.p_status: list[str] = []
        self.p_left: list[int] = []  # ordinal or 0
        self.p_joined: list[int] = []
        self.p_country: list[str] = []
        self.p_student: list[bool] = []
        self.units: list[dict[str, Any]] = []
        self.unit_field: list[int] = []  # field number per unit, -1 for corporate
        self.field_units: dict[int, list[int]] = {}
        self.field_staff: dict[int, list[int]] = {}  # active own staff per field
        self.field_left: dict[int, list[int]] = {}
        self.orgs: list[_Org] = []
        self.techs: list[_Tech] = []
        self.assets: list[_Asset] = []
        self.sites: list[dict[str, Any]] = []
        self.counter: dict[str, int] = {}
        self.pids: list[str] = []
        self._zipf_cache: dict[tuple[int, float], _Zipf] = {}
        self._iso_cache: dict[int, str] = {}

    # ---- random sources: one per section, so sections do not shift each other
    def rng(self, section: str) -> random.Random:
        return random.Random(f"graphmap-synth:{self.seed}:{self.spec.name}:{section}")

    def zipf(self, n: int, s: float = 1.0) -> _Zipf:
        """A rank sampler, shared by all draws of the same shape."""
        key = (n, s)
        z = self._zipf_cache.get(key)
        if z is None:
            z = self._zipf_cache[key] = _Zipf(n, s)
        return z

    def iso(self, ordinal: int) -> str:
        """A day as ``YYYY-MM-DD`` (memoised: the large tables repeat days)."""
        text = self._iso_cache.get(ordinal)
        if text is None:
            text = self._iso_cache[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return text

    def next_id(self, prefix: str, width: int) -> str:
        n = self.counter.get(prefix, 0) + 1
        self.counter[prefix] = n
        return f"{prefix}-{n:0{width}d}"

    def add(self, cls: type[m.Record], row: dict[str, Any]) -> dict[str, Any]:
        self.rows[cls].append(row)
        return row

    # ---- build order
    def build(self) -> None:
        self.company_name = self._company_name()
        self._countries()
        self._organisations()
        self._units()
        self._policies()
        self._sites()
        self._technologies()
        self._people()
        self._person_ids()
        self._relations()
        self._equipment()
        self._contracts()
        self._projects()
        self._due_diligence()
        self._ownership()
        self._directorships()

    def _company_name(self) -> str:
        rng = self.rng("company")
        return rng.choice(vocab.ORG_PREFIXES_JA) + rng.choice(("セラミックス", "マテリアルズ", "化学工業", "素材"))

    # ---- countries
    def _countries(self) -> None:
        used = {c for c, _ in vocab.PARTNER_COUNTRIES} | {"JP"}
        review = self.today - 200
        for code in sorted(used):
            laws = vocab.COUNTRY_FACTS.get(code, ("unknown", "unknown", "unknown"))
            self.add(
                m.Country,
                {
                    "id": code,
                    "government_access_law": laws[0],
                    "intelligence_cooperation_law": laws[1],
                    "first_filing_rule": laws[2],
                    "reviewed": None if code == "JP" else _day(review - (_hash_str(code) % 300)),
                },
            )

    # ---- organisations
    def _organisations(self) -> None:
        rng = self.rng("organisations")
        n = self.spec.organisations
        self.self_org = _Org("ORG-SELF", self.company_name + "株式会社", "self", "JP")
        self.self_org.row = {
            "id": "ORG-SELF",
            "name": self.self_org.name,
            "kind": "self",
            "country": "JP",
            "listed": True,
            "founded": dt.date(1952, 6, 1),
            "certifications": ["isms"],
        }
        self.add(m.Organisation, self.self_org.row)
        # overseas and domestic subsidiaries
        sub_countries = ["TH", "CN", "US", "DE", "VN", "MY", "KR", "TW", "IN", "MX", "JP", "JP"]
        n_sub = max(4, n // 400)
        self.subsidiaries: list[_Org] = []
        for i in range(n_sub):
            c = sub_countries[i % len(sub_countries)]
            oid = self.next_id("ORG-SUB", 4)
            if c == "JP":
                name = f"{self.company_name}{rng.choice(vocab.SITE_PLACES_JA)}株式会社"
            else:
                en = self.company_name_en()
                name = f"{en} ({_COUNTRY_EN.get(c, c)}) Co., Ltd." + ("" if i < len(sub_countries) else f" {i}")
            org = _Org(oid, name, "subsidiary", c)
            org.row = {
                "id": oid,
                "name": name,
                "kind": "subsidiary",
                "country": c,
                "founded": _day(rng.randint(726000, 738000)),
            }
            self.subsidiaries.append(org)
            self.add(m.Organisation, org.row)
        kinds = (
            ("supplier", 30),
            ("customer", 18),
            ("equipment_maker", 6),
            ("contract_manufacturer", 8),
            ("licensee", 2),
            ("jv_partner", 1),
            ("university", 3),
            ("lab", 2),
            ("research_institute", 1),
            ("consultant", 4),
            ("recycler", 2),
            ("external_service", 3),
            ("competitor", 4),
            ("other", 6),
        )
        kind_names = [k for k, _ in kinds]
        kind_cum = list(itertools.accumulate(w for _, w in kinds))
        c_names = [c for c, _ in vocab.PARTNER_COUNTRIES]
        c_cum = list(itertools.accumulate(w for _, w in vocab.PARTNER_COUNTRIES))
        # a fifth of the budget goes to parent companies (ownership chains)
        n_partners = max(40, n - n_sub - 1 - n // 5)
        self.partners: list[_Org] = []
        for _ in range(n_partners):
            kind = rng.choices(kind_names, cum_weights=kind_cum)[0]
            if kind in ("university", "lab", "research_institute"):
                country = "JP" if rng.random() < 0.8 else rng.choices(c_names, cum_weights=c_cum)[0]
            else:
                country = rng.choices(c_names, cum_weights=c_cum)[0]
            self.partners.append(self._new_org(rng, kind, country))
        self.parents: list[_Org] = []
        self._parent_budget = max(10, n - n_sub - 1 - n_partners)

    def company_name_en(self) -> str:
        return "Toho Materials" if "東邦" in self.company_name else "Nippon Advanced Materials"

    def _new_org(self, rng: random.Random, kind: str, country: str, *, name: str | None = None) -> _Org:
        oid = self.next_id("ORG", 6)
        if name is None:
            name = self._org_name(rng, kind, country)
        org = _Org(oid, name, kind, country)
        org.row = {
            "id": oid,
            "name": name,
            "kind": kind,
            "country": country,
            "listed": rng.random() < 0.25,
            "founded": _day(rng.randint(700000, 738500)),
            "certifications": ["isms"] if rng.random() < 0.4 else [],
            "sole_source": True if kind == "supplier" and rng.random() < 0.02 else None,
            "serves_competitors": True if kind in ("supplier", "equipment_maker") and rng.random() < 0.3 else None,
        }
        self.orgs.append(org)
        self.add(m.Organisation, org.row)
        return org

    def _org_name(self, rng: random.Random, kind: str, country: str) -> str:
        if kind in ("university", "lab", "research_institute"):
            if country == "JP":
                uni = rng.choice(vocab.UNIVERSITY_NAMES)
                if kind == "university":
                    return f"{uni}大学"
                if kind == "lab":
                    return f"{uni}大学 {rng.choice(vocab.UNIT_FIELDS)}研究室"
                return f"{rng.choice(vocab.ORG_PREFIXES_JA)}{rng.choice(vocab.UNIT_FIELDS)}研究所"
            place = _COUNTRY_EN.get(country, country)
            if kind == "university":
                return f"{rng.choice(vocab.ORG_PREFIXES_EN)} University of {place}"
            return f"{place} Institute of {rng.choice(('Materials', 'Energy', 'Ceramics', 'Chemistry'))}"
        if kind == "government":
            return f"{_COUNTRY_EN.get(country, country)} State Assets Supervision Commission"
        ja_words, en_words = vocab.ORG_WORDS.get(kind, vocab.ORG_WORDS["other"])
        if country == "JP":
            return f"{rng.choice(vocab.ORG_PREFIXES_JA)}{rng.choice(ja_words)}株式会社"
        suffix = {"CN": "Co., Ltd.", "KR": "Co., Ltd.", "TW": "Corp.", "US": "Inc.", "DE": "GmbH"}.get(country, "Ltd.")
        place = {"CN": rng.choice(("Shenzhen", "Suzhou", "Ningbo", "Tianjin", "Changsha")), "KR": "Korea"}.get(
            country, ""
        )
        return " ".join(x for x in (place, rng.choice(vocab.ORG_PREFIXES_EN), rng.choice(en_words), suffix) if x)

    # ---- units
    def _units(self) -> None:
        corporate = (
            ("UNIT-MGMT", "経営企画部", None, None),
            ("UNIT-TIM", "技術情報管理室", "UNIT-MGMT", True),
            ("UNIT-LEGAL", "法務知財部", None, None),
            ("UNIT-IT", "情報システム部", None, None),
            ("UNIT-HR", "人事部", None, None),
            ("UNIT-PROC", "調達部", None, None),
            ("UNIT-SALES", "営業本部", None, None),
            ("UNIT-OVS", "海外事業部", None, None),
        )
        self.corporate_units: list[int] = []
        for uid, name, parent, owner in corporate:
            self._unit(uid, name, parent, owner, -1)
            self.corporate_units.append(len(self.units) - 1)
        self.n_fields = max(3, min(len(vocab.UNIT_FIELDS), self.spec.technologies // 4))
        internal = int(self.spec.people * 0.85)
        sections_per_kind = max(1, internal // (self.n_fields * 4 * 45))
        # a department holds at most twelve sections of about 45 people; a
        # larger company has several departments of a kind (第1製造部, ...)
        n_depts = -(-sections_per_kind // 12)
        sections = -(-sections_per_kind // n_depts)
        self.division_of_field: dict[int, int] = {}
        for f in range(self.n_fields):
            fname = vocab.UNIT_FIELDS[f]
            div_id = f"UNIT-D{f + 1:02d}"
            self._unit(div_id, f"{fname}事業本部", None, None, f)
            self.division_of_field[f] = len(self.units) - 1
            self.field_units[f] = []
            for d, dname in enumerate(("研究開発部", "製造部", "生産技術部", "品質保証部")):
                for j in range(n_depts):
                    dept_id = f"{div_id}-{d + 1}" + (chr(ord("A") + j) if n_depts > 1 else "")
                    dept_name = f"{fname}{dname}" if n_depts == 1 else f"{fname}第{j + 1}{dname}"
                    self._unit(dept_id, dept_name, div_id, None, f)
                    for k in range(sections):
                        self._unit(f"{dept_id}-{k + 1:02d}", f"{dept_name} 第{k + 1}課", dept_id, None, f)
                        self.field_units[f].append(len(self.units) - 1)

    def _unit(self, uid: str, name: str, parent: str | None, owner: bool | None, field_no: int) -> None:
        row = {"id": uid, "name": name, "organisation": "ORG-SELF", "parent": parent, "leakage_owner": owner}
        self.units.append(row)
        self.unit_field.append(field_no)
        self.add(m.Unit, row)

    # ---- policies
    def _policies(self) -> None:
        reviewed = self.today - 180
        for pid, title, topics in (
            ("POL-001", "技術情報管理規程", ["storage", "devices", "removable_media", "social_network", "visitors"]),
            ("POL-002", "生成AI利用ガイドライン", ["generative_ai"]),
            ("POL-003", "展示会・海外出張時の情報管理要領", ["exhibitions", "travel"]),
        ):
            self.add(
                m.Policy,
                {"id": pid, "title": title, "owner_unit": "UNIT-TIM", "topics": topics, "reviewed": _day(reviewed)},
            )

    # ---- sites
    def _sites(self) -> None:
        self.site_hq = self._site("本社（東京都中央区）", "office", "JP", "ORG-SELF")
        places = list(vocab.SITE_PLACES_JA)
        n_lab = max(2, self.spec.people // 4000)
        n_fac = max(3, self.spec.people // 1500)
        self.labs = [
            self._site(f"{places[i % len(places)]}研究所" + _nth(i, len(places)), "lab", "JP", "ORG-SELF")
            for i in range(n_lab)
        ]
        self.factories = [
            self._site(f"{places[(i + 3) % len(places)]}工場" + _nth(i + 3, len(places)), "factory", "JP", "ORG-SELF")
            for i in range(n_fac)
        ]
        self._site("物流センター（千葉）", "warehouse", "JP", "ORG-SELF")
        self._site("データセンター（大阪）", "data_centre", "JP", "ORG-SELF")
        self.overseas_sites: list[str] = []
        for sub in self.subsidiaries:
            if sub.country == "JP":
                self.factories.append(self._site(f"{sub.name} 工場", "factory", "JP", sub.id))
                continue
            self.overseas_sites.append(self._site(f"{sub.name} Plant", "factory", sub.country, sub.id))

    def _site(self, name: str, kind: str, country: str, operator: str) -> str:
        sid = self.next_id("SITE", 4)
        row = {"id": sid, "name": name, "kind": kind, "country": country, "operator": operator, "stage": "operation"}
        self.sites.append(row)
        self.add(m.Site, row)
        return sid

    # ---- technologies, steps, assets
    def _technologies(self) -> None:
        rng = self.rng("technologies")
        seen: dict[str, int] = {}
        for i in range(self.spec.technologies):
            f = i % self.n_fields
            tid = f"TECH-{i + 1:05d}"
            base = f"{rng.choice(vocab.MATERIALS)}の{rng.choice(vocab.PROCESSES)}"
            seen[base] = seen.get(base, 0) + 1
            name = base if seen[base] == 1 else f"{base}（第{seen[base]}世代）"
            r = rng.random()
            if r < 0.55:
                grading = ["core"]
            elif r < 0.7:
                grading = ["core", "econ_security"]
            elif r < 0.8:
                grading = ["core", "security", "econ_security"]
            elif r < 0.95:
                grading = ["econ_security"]
            else:
                grading = ["to_acquire"]
            protection = "trade_secret" if rng.random() < 0.6 else "patent"
            forms = sorted(
                rng.sample(["documents", "data", "software", "tacit", "equipment", "samples"], rng.randint(2, 4))
            )
            owner = self.units[self.division_of_field[f]]["id"]
            self.add(
                m.Technology,
                {
                    "id": tid,
                    "name": name,
                    "grading": grading,
                    "choke_point": rng.random() < 0.1,
                    "easily_developed": False,
                    "forms": forms,
                    "protection": protection,
                    "owner_unit": owner,
                },
            )
            n_steps = rng.randint(8, 17)
            names = sorted(rng.sample(range(len(vocab.STEP_NAMES)), n_steps))
            steps = []
            for order, k in enumerate(names, start=1):
                sid = f"STEP-{i + 1:05d}-{order:02d}"
                steps.append(sid)
                self.add(m.ProcessStep, {"id": sid, "technology": tid, "order": order, "name": vocab.STEP_NAMES[k]})
            tech = _Tech(tid, f, steps, grading, step_names=[vocab.STEP_NAMES[k] for k in names])
            self.techs.append(tech)
            self._assets_for(rng, len(self.techs) - 1, name, protection, owner)

    def _assets_for(self, rng: random.Random, t: int, tname: str, protection: str, owner: str) -> None:
        tech = self.techs[t]
        secret = protection == "trade_secret"

        def asset(name: str, form: str, secrecy: str, steps: list[str], whole: bool, site: str | None = None) -> None:
            aid = self.next_id("AST", 7)
            self.assets.append(_Asset(aid, t, form, secrecy, steps, whole))
            tech.assets.append(len(self.assets) - 1)
            self.add(
                m.InformationAsset,
                {
                    "id": aid,
                    "name": name,
                    "technologies": [tech.id] if whole else [],
                    "steps": [] if whole else steps,
                    "secrecy": secrecy,
                    "trade_secret": secret if secrecy != "public" else False,
                    "marked": True if secrecy != "public" else None,
                    "access_restricted": True if secrecy != "public" else None,
                    "form": form,
                    "site": site or rng.choice(self.labs),
                    "owner_unit": owner,
                },
            )

        asset(f"{tname} 製造仕様書", "document", "top_secret", [], True)
        asset(f"{tname} 品質規格書", "document", "company_internal", [], True)
        asset(f"{tname} 製品カタログ", "document", "public", [], True)
        key = rng.sample(tech.steps, max(2, len(tech.steps) // 4))
        asset(f"{tname} 配合・条件プロファイル", "data", "top_secret", sorted(key), False)
        for s in tech.steps:
            order = int(s.rsplit("-", 1)[1])
            asset(
                f"{tname} 工程{order} 作業指示書", "document", "department_only", [s], False, rng.choice(self.factories)
            )
            kind = rng.choice(("工程実測ログ", "設備図面", "評価用サンプル", "装置仕様書", "制御ソフトウェア"))
            form = {
                "工程実測ログ": "data",
                "設備図面": "drawing",
                "評価用サンプル": "sample",
                "装置仕様書": "equipment_spec",
                "制御ソフトウェア": "software",
            }[kind]
            asset(f"{tname} 工程{order} {kind}", form, "department_only", [s], False, rng.choice(self.factories))

    # ---- people (arrays only; rows are streamed)
    def _people(self) -> None:
        rng = self.rng("people")
        n = self.spec.people
        internal = int(n * 0.85)
        n_corporate = max(len(self.corporate_units) * 3, internal // 12)
        today = self.today
        for f in self.field_units:
            self.field_staff[f] = []
            self.field_left[f] = []
        for i in range(internal):
            if i < n_corporate:
                u = self.corporate_units[i % len(self.corporate_units)]
            else:
                f = i % self.n_fields
                units = self.field_units[f]
                u = units[(i // self.n_fields) % len(units)]
            fno = self.unit_field[u]
            joined = today - rng.randint(200, 38 * 365)
            r = rng.random()
            if r < 0.05:
                status, left = "left", rng.randint(joined + 100, today - 30)
            elif r < 0.07:
                status, left = "retired", rng.randint(joined + 100, today - 30)
            elif r < 0.08:
                status, left = "on_leave", 0
            else:
                status, left = "active", 0
            self.p_unit.append(u)
            self.p_org.append("ORG-SELF")
            if fno < 0:
                site = self.site_hq
            elif "研究開発" in self.units[u]["name"]:
                site = self.labs[fno % len(self.labs)]
            else:
                site = self.factories[fno % len(self.factories)]
            self.p_site.append(site)
            self.p_status.append(status)
            self.p_left.append(left)
            self.p_joined.append(joined)
            self.p_country.append("JP")
            self.p_student.append(False)
            if fno >= 0:
                (self.field_staff if status in ("active", "on_leave") else self.field_left)[fno].append(i)
        # partner staff: people of partners and of the subsidiaries abroad
        staffed = [o for o in self.partners if o.kind not in ("government", "external_service")] + self.subsidiaries
        z = self.zipf(len(staffed), 0.6)
        for i in range(internal, n):
            org = staffed[z.draw(rng)]
            org.staff.append(i)
            self.p_unit.append(-1)
            self.p_org.append(org.id)
            self.p_site.append(None)
            self.p_status.append("active")
            self.p_left.append(0)
            self.p_joined.append(today - rng.randint(200, 20 * 365))
            self.p_country.append(org.country)
            self.p_student.append(org.kind in ("university", "lab") and rng.random() < 0.5)

    def person_id(self, i: int) -> str:
        if i < len(self.pids):
            return self.pids[i]
        return f"PER-{i + 1:07d}"

    def person_rows(self) -> Iterator[dict[str, Any]]:
        rng = self.rng("people-rows")
        today = self.today
        for i in range(len(self.p_unit)):
            u = self.p_unit[i]
            country = self.p_country[i]
            status = self.p_status[i]
            internal = self.p_org[i] == "ORG-SELF"
            if internal or country == "JP":
                name = f"{rng.choice(vocab.SURNAMES_JA)} {rng.choice(vocab.GIVEN_NAMES_JA)}"
            else:
                family, given = vocab.FOREIGN_PERSON_NAMES.get(country, vocab.FOREIGN_PERSON_NAMES["US"])
                f, g = rng.choice(family), rng.choice(given)
                name = f"{f}{g}" if country in ("CN", "TW", "HK", "KR") else f"{g} {f}"
            joined = self.p_joined[i]
            left = self.p_left[i]
            row: dict[str, Any] = {
                "id": self.person_id(i),
                "name": name,
                "employer": self.p_org[i],
                "unit": self.units[u]["id"] if u >= 0 else None,
                "site": self.p_site[i],
                "status": status,
                "joined": _day(joined) if internal else None,
                "left": _day(left) if left else None,
                "nationality": country,
                "residency": "resident" if country == "JP" or internal else "non_resident",
                "student": True if self.p_student[i] else None,
                "confidentiality_pledge": True,
            }
            if internal:
                row["role"] = rng.choice(vocab.ROLES)
                row["non_compete_pledge"] = True
                if status in ("active", "on_leave"):
                    row["trained"] = _day(today - rng.randint(10, 300))
                age_years = (today - joined) // 365
                if age_years > 33:
                    row["planned_retirement"] = _day(joined + 365 * 42)
            else:
                row["role"] = "研究生" if self.p_student[i] else "担当者"
            yield row

    # ---- who works with whom
    def _person_ids(self) -> None:
        self.pids = [f"PER-{i + 1:07d}" for i in range(len(self.p_unit))]

    def _relations(self) -> None:
        """Each partner gets the technologies and assets it deals with."""
        rng = self.rng("relations")
        by_field: dict[int, list[int]] = {}
        for t, tech in enumerate(self.techs):
            by_field.setdefault(tech.field_no, []).append(t)
        receiving = {
            "supplier",
            "customer",
            "equipment_maker",
            "contract_manufacturer",
            "licensee",
            "jv_partner",
            "university",
            "lab",
            "research_institute",
            "consultant",
            "recycler",
        }
        self.receivers: list[_Org] = []
        for org in [*self.partners, *self.subsidiaries]:
            if org.kind not in receiving and org.kind != "subsidiary":
                continue
            f = rng.randrange(self.n_fields)
            choices = by_field[f]
            if org.kind in _RESEARCH_KINDS:
                # joint research is on technologies to acquire or of economic
                # importance, not on the core and security-graded ones
                choices = [t for t in choices if not {"core", "security"} & set(self.techs[t].gradings)] or choices
            techs = rng.sample(choices, min(len(choices), rng.randint(1, 2)))
            org.techs = techs
            for t in techs:
                tech = self.techs[t]
                # partners get step documents, never the top-secret recipe or
                # the specification of customised machines
                pool = [
                    a
                    for a in tech.assets
                    if self.assets[a].secrecy == "department_only"
                    and not self.assets[a].whole
                    and self.assets[a].form != "equipment_spec"
                ]
                # a partner sees a few steps' documents, never most of a technology
                k = max(1, min(len(pool) // 5, rng.randint(1, 3)))
                org.assets.extend(rng.sample(pool, k))
            org.weight = rng.paretovariate(1.5)
            self.receivers.append(org)
        # contract manufacturers pass work on to subcontractors of their own,
        # with our approval (the onward disclosures of disclosure_rows)
        makers = [o for o in self.receivers if o.kind == "contract_manufacturer"]
        for org in makers:
            if len(makers) > 1 and rng.random() < 0.5:
                sub = rng.choice(makers)
                org.subcontractor = sub if sub is not org else None
        # technology teams.  Expertise is heavy-tailed: every engineer has a
        # Pareto-distributed weight; the field's top 5% sit on many teams and
        # each team is ranked by weight, so the same few experts know many
        # steps of many technologies.
        weight = {p: rng.paretovariate(1.2) for f in sorted(self.field_staff) for p in self.field_staff[f]}
        ranked = {f: sorted(pool, key=lambda p: (-weight[p], p)) for f, pool in self.field_staff.items()}
        for tech in self.techs:
            pool = ranked[tech.field_no]
            size = min(len(pool), max(12, int(self._knowers_per_step() * 2.5)))
            experts = pool[: max(1, len(pool) // 20)]
            n_exp = min(len(experts), size // 4)
            chosen = set(rng.sample(experts, n_exp))
            rest = [p for p in pool if p not in chosen] if len(pool) < 4 * size else pool
            while len(chosen) < size:
                chosen.add(rng.choice(rest))
            tech.team = sorted(chosen, key=lambda p: (-weight[p], p))

    def _knowers_per_step(self) -> float:
        steps = sum(len(t.steps) for t in self.techs) or 1
        return max(4.0, self.spec.knowledge / steps)

    # ---- equipment
    def _equipment(self) -> None:
        rng = self.rng("equipment")
        makers = [o for o in self.partners if o.kind == "equipment_maker"] or self.partners[:1]
        self.equipment_makers = makers
        for tech in self.techs:
            for s, step_name in zip(tech.steps, tech.step_names, strict=True):
                if rng.random() > 0.35:
                    continue
                maker = rng.choice(makers)
                customised = rng.random() < 0.05
                site = self.factories[tech.field_no % len(self.factories)]
                self.add(
                    m.Equipment,
                    {
                        "id": self.next_id("EQ", 6),
                        "name": f"{step_name}装置（{tech.id} 向け）",
                        "customised": customised,
                        "owner": "ORG-SELF",
                        "site": site,
                        "maker": maker.id,
                        "maintainer": maker.id,
                        "embodies": [s],
                        "disposal_plan": True,
                        "spec_restored_for_repair": True,
                    },
                )

    # ---- contracts
    def _contracts(self) -> None:
        rng = self.rng("contracts")
        kind_of = {
            "supplier": "basic_supply",
            "customer": "nda",
            "equipment_maker": "maintenance",
            "contract_manufacturer": "manufacturing",
            "licensee": "licence",
            "jv_partner": "jv",
            "university": "joint_research",
            "lab": "joint_research",
            "research_institute": "joint_research",
            "consultant": "consulting",
            "recycler": "other",
            "subsidiary": "licence",
        }
        receiving = {id(o) for o in self.receivers}
        for org in [*self.receivers, *(o for o in self.equipment_makers if id(o) not in receiving)]:
            kind = kind_of.get(org.kind, "nda")
            start = self.today - rng.randint(400, 12 * 365)
            cid = self.next_id("CTR", 6)
            org.contract, org.contract_start = cid, start
            self.add(m.Contract, self._contract_row(cid, kind, org, start, [self.techs[t].id for t in org.techs]))

    def _contract_row(self, cid: str, kind: str, org: _Org, start: int, techs: list[str]) -> dict[str, Any]:
        title = f"{m.enum_label(kind, 'ja', m.ContractKind)}（{org.name}）"
        return {
            "id": cid,
            "title": title,
            "kind": kind,
            "parties": [org.id],
            "start": _day(start),
            "covered_technologies": techs,
            "confidentiality": True,
            "purpose_limitation": True,
            "no_third_party_disclosure": True,
            "subcontract_approval": True,
            "no_copying": True,
            "no_reverse_engineering": True,
            "return_or_destroy": True,
            "survival_years": 5,
            "named_participants": True,
            "scope_defined": True,
            "foreground_ip": True,
            "non_compete": True,
            "audit_rights": True,
            "change_of_control": True,
            "publication_approval": True,
            "governing_law": "japan",
            "stakeholders_briefed": True,
        }

    # ---- projects
    def _projects(self) -> None:
        rng = self.rng("projects")
        self.project_of: dict[str, str] = {}
        self.project_people: dict[str, list[int]] = {}
        for org in self.receivers:
            if org.kind not in ("university", "lab", "research_institute") or not org.techs:
                continue
            pid = self.next_id("PRJ", 5)
            tech = self.techs[org.techs[0]]
            ours = tech.team[: rng.randint(2, 4)]
            theirs = org.staff[:4]
            self.project_of[org.id] = pid
            self.project_people[pid] = ours + theirs
            start = max(org.contract_start, self.today - 3 * 365)
            self.add(
                m.Project,
                {
                    "id": pid,
                    "name": f"{org.name}との共同研究（{tech.id}）",
                    "partners": [org.id],
                    "themes": [tech.id],
                    "participants": [self.person_id(p) for p in ours + theirs],
                    "phase": "execution",
                    "start": _day(start),
                    "end": _day(self.today + rng.randint(100, 900)),
                    "contract": org.contract,
                    "research_plan_acknowledged": True,
                    "own_platform": True,
                },
            )

    # ---- due diligence
    def _due_diligence(self) -> None:
        rng = self.rng("dd")
        for code in sorted({c for c, _ in vocab.PARTNER_COUNTRIES} - {"JP"}):
            self.add(
                m.DueDiligence,
                {
                    "id": self.next_id("DD", 6),
                    "subject": code,
                    "scope": "country",
                    "date": _day(self.today - rng.randint(30, 700)),
                    "outcome": "cleared",
                },
            )
        done: set[str] = set()
        for org in [*self.receivers, *self.equipment_makers]:
            if org.id in done:
                continue
            done.add(org.id)
            self.add(
                m.DueDiligence,
                {
                    "id": self.next_id("DD", 6),
                    "subject": org.id,
                    "scope": "organisation",
                    "date": _day(self.today - rng.randint(30, 900)),
                    "outcome": "cleared",
                },
            )
        for pid, people in self.project_people.items():
            for p in people:
                if self.p_org[p] != "ORG-SELF":
                    self.add(
                        m.DueDiligence,
                        {
                            "id": self.next_id("DD", 6),
                            "subject": self.person_id(p),
                            "scope": "individual",
                            "date": _day(self.today - rng.randint(30, 900)),
                            "outcome": "cleared",
                            "notes": f"{pid} 参加者確認",
                        },
                    )

    # ---- ownership chains
    def _ownership(self) -> None:
        rng = self.rng("ownership")
        for sub in self.subsidiaries:
            self.add(m.Ownership, {"owner": "ORG-SELF", "owned": sub.id, "votes_pct": 100.0, "capital_pct": 100.0})
        budget = self._parent_budget
        candidates = [
            o for o in self.partners if o.kind not in ("university", "lab", "research_institute", "government")
        ]
        rng.shuffle(candidates)
        for org in candidates:
            if budget <= 0:
                break
            depth = rng.choice((1, 1, 1, 2, 2, 3))
            child = org
            for _ in range(depth):
                if budget <= 0:
                    break
                # parents stay in the child's country, privately held
                parent = self._new_org(rng, "other", child.country, name=self._holding_name(rng, child))
                self.parents.append(parent)
                budget -= 1
                votes = rng.choice((100.0, 100.0, 80.0, 66.7, 51.0, 35.0))
                self.add(m.Ownership, {"owner": parent.id, "owned": child.id, "votes_pct": votes, "capital_pct": votes})
                child = parent

    def _holding_name(self, rng: random.Random, child: _Org) -> str:
        if child.country == "JP":
            return f"{rng.choice(vocab.ORG_PREFIXES_JA)}ホールディングス株式会社"
        return f"{rng.choice(vocab.ORG_PREFIXES_EN)} Holdings {'Ltd.' if child.country != 'US' else 'Inc.'}"

    # ---- directorships
    def _directorships(self) -> None:
        rng = self.rng("directorships")
        corp = [
            i
            for i in range(len(self.p_unit))
            if self.p_unit[i] in self.corporate_units[:1] and self.p_status[i] == "active"
        ]
        board = corp[:8]
        for k, p in enumerate(board):
            self.add(
                m.Directorship,
                {
                    "person": self.person_id(p),
                    "organisation": "ORG-SELF",
                    "representative": k == 0,
                    "since": _day(self.today - rng.randint(100, 3000)),
                },
            )
        for sub in self.subsidiaries:
            for k, p in enumerate(sub.staff[:2]):
                self.add(
                    m.Directorship,
                    {
                        "person": self.person_id(p),
                        "organisation": sub.id,
                        "representative": k == 0,
                        "nominated_by": "ORG-SELF",
                        "since": _day(self.today - rng.randint(100, 3000)),
                    },
                )

    # ---- large streamed tables
    def knowledge_rows(self) -> Iterator[list[str]]:
        """Knowledge rows (person, step, depth, mode) as cell texts."""
        rng = self.rng("knowledge")
        mean = self._knowers_per_step()
        for tech in self.techs:
            team = tech.team
            if len(team) < 3:
                continue
            z = self.zipf(len(team), 0.9)
            rows: list[tuple[int, str, str, str]] = []
            for s in tech.steps:
                k = min(len(team), 3 + int(rng.expovariate(1.0 / max(0.5, (mean - 3) * 1.1))))
                picked = z.distinct(rng, k)
                depths = ["full" if rng.random() < 0.6 else "partial" for _ in picked]
                # at least three people know each step in full: no sole knowers
                for j in range(len(depths)):
                    if depths.count("full") >= 3:
                        break
                    depths[-1 - j] = "full"
                for r, depth in zip(picked, depths, strict=True):
                    mode = "tacit" if rng.random() < 0.5 else "documented"
                    rows.append((team[r], s, depth, mode))
            rows = _limit_full_knowers(rows, len(tech.steps))
            for p, s, depth, mode in rows:
                yield [self.person_id(p), s, depth, mode]

    def access_rows(self) -> Iterator[list[str]]:
        """Access rows (person, asset, level, granted, revoked) as cell texts."""
        rng = self.rng("access")
        n_assets = len(self.assets) or 1
        mean = max(2.0, self.spec.access / n_assets)
        for a in self.assets:
            tech = self.techs[a.tech]
            staff = self.field_staff[tech.field_no]
            left = self.field_left[tech.field_no]
            team = tech.team
            k_in = min(14, len(team), 1 + int(rng.expovariate(1.0 / max(0.5, mean * 1.15 - 1))))
            if a.secrecy == "public":
                k_in = min(k_in, 3)
            z = self.zipf(len(team), 0.9)
            chosen = [team[r] for r in z.distinct(rng, k_in)]
            for p in chosen:
                granted = max(self.p_joined[p] + 30, self.today - rng.randint(60, 3000))
                level = rng.choices(("read", "download", "edit"), (6, 3, 1))[0]
                yield [self.person_id(p), a.id, level, self.iso(min(granted, self.today)), ""]
            # former holders: revoked when they left or moved on
            n_old = int(rng.expovariate(1.0 / max(0.1, mean * 0.15)))
            olds = set(chosen)
            for _ in range(n_old):
                pool = left if left and rng.random() < 0.5 else staff
                if not pool:
                    break
                p = rng.choice(pool)
                if p in olds:
                    continue
                olds.add(p)
                granted = self.p_joined[p] + rng.randint(30, 400)
                revoked = self.p_left[p] or rng.randint(granted + 30, max(granted + 31, self.today - 1))
                if revoked <= granted:
                    revoked = granted + 1
                revoked = min(revoked, self.today)
                if granted >= revoked:
                    continue
                yield [self.person_id(p), a.id, "read", self.iso(granted), self.iso(revoked)]

    def disclosure_rows(self) -> Iterator[list[str]]:
        """Disclosure rows as cell texts in field order (see ``_LIST_ROWS``)."""
        rng = self.rng("disclosures")
        receivers = [o for o in self.receivers if o.assets and o.contract]
        cum = list(itertools.accumulate(o.weight for o in receivers))
        channels = ("meeting", "email", "shared_platform", "site_visit", "email", "meeting")
        made = 0
        while made < self.spec.disclosures:
            made += 1
            org = receivers[bisect.bisect_left(cum, rng.random() * cum[-1])]
            a = self.assets[rng.choice(org.assets)]
            tech = self.techs[a.tech]
            sender = tech.team[int(len(tech.team) * rng.random() ** 2)]
            start = max(org.contract_start, self.p_joined[sender] + 30)
            date = rng.randint(min(start, self.today - 1), self.today - 1)
            project = self.project_of.get(org.id)
            recipient = org.id
            if org.staff and rng.random() < 0.4:
                # in a project only its named participants receive anything
                people = self.project_people.get(project, []) if project else org.staff
                theirs = [p for p in people if self.p_org[p] == org.id]
                if theirs:
                    recipient = self.person_id(rng.choice(theirs))
            sample = a.form == "sample"
            did = self.next_id("DISC", 8)
            yield [
                did,
                self.iso(date),
                a.id,
                self.person_id(sender),
                recipient,
                "sample_shipment" if sample else rng.choice(channels),
                org.contract or "",
                project or "",
                "仕様・品質条件のすり合わせ",
                "yes",
                "no",
                "returned" if sample else "not_required",
                self.iso(date + 60) if sample else "",
                "",
                "",
                "",
                "",
            ]
            sub = org.subcontractor
            if sub is not None and sub.contract and recipient == org.id and not sample and rng.random() < 0.3:
                made += 1
                later = min(self.today - 1, date + rng.randint(5, 60))
                yield [
                    self.next_id("DISC", 8),
                    self.iso(later),
                    a.id,
                    org.id,
                    sub.id,
                    "email",
                    sub.contract,
                    "",
                    "再委託先への作業指示",
                    "yes",
                    "no",
                    "not_required",
                    "",
                    did,
                    "yes",
                    "",
                    "",
                ]


def _limit_full_knowers(rows: list[tuple[int, str, str, str]], n_steps: int) -> list[tuple[int, str, str, str]]:
    """Keep the number of people who know every step in full at two or
    three (not one, not many): the background is a well-split process."""
    full: dict[int, set[str]] = {}
    for p, s, depth, _ in rows:
        if depth == "full":
            full.setdefault(p, set()).add(s)
    whole = sorted(p for p, steps in full.items() if len(steps) == n_steps)
    if len(whole) == 1 or len(whole) > 3:
        demote = set(whole) if len(whole) == 1 else set(whole[3:])
        out = []
        done: set[int] = set()
        for p, s, depth, mode in rows:
            if p in demote and p not in done and depth == "full":
                out.append((p, s, "partial", mode))
                done.add(p)
            else:
                out.append((p, s, depth, mode))
        return out
    return rows


def _hash_str(text: str) -> int:
    """A stable small hash (Python's ``hash`` is salted per process)."""
    h = 0
    for ch in text:
        h = (h * 131 + ord(ch)) % 1_000_003
    return h


def _nth(i: int, n: int) -> str:
    return "" if i < n else f" 第{i // n + 1}"


_RESEARCH_KINDS = frozenset({"university", "lab", "research_institute"})

_COUNTRY_EN = {
    "TH": "Thailand",
    "CN": "China",
    "US": "USA",
    "DE": "Germany",
    "VN": "Vietnam",
    "MY": "Malaysia",
    "KR": "Korea",
    "TW": "Taiwan",
    "IN": "India",
    "MX": "Mexico",
    "SG": "Singapore",
    "FR": "France",
    "GB": "UK",
    "AU": "Australia",
    "NL": "Netherlands",
    "HK": "Hong Kong",
    "JP": "Japan",
    "RU": "Russia",
}


# ------------------------------------------------------------------ public API


def generate(
    directory: Path,
    *,
    size: str = "S",
    seed: int = 1,
    formats: str = "csv",
    as_of: dt.date = DEFAULT_AS_OF,
    on_table: Callable[[str, int], None] | None = None,
) -> SynthSummary:
    """Write a synthetic company of ``size`` into ``directory``.

    ``formats`` is ``csv`` (one file per record type in ``directory``),
    ``xlsx`` (one workbook ``xlsx/company.xlsx``, sizes S and M only) or
    ``both``.  The manifest ``planted.jsonl`` lists the planted
    exposures.  Everything is written into a staging folder first and
    moved in at the end, so a failure leaves ``directory`` as it was.

    Raises :class:`graphmap.inputs.InputError` for an unknown size or
    format, Excel above M, or a ``directory`` that holds other files (it
    must be new, empty or an earlier synth output).
    """
    from graphmap.inputs import InputError
    from graphmap.synth_plants import plant

    if size not in SIZES:
        raise InputError("synth.bad_size", value=size, expected=", ".join(SIZES))
    if formats not in FORMATS:
        raise InputError("synth.bad_format", value=formats, expected=", ".join(FORMATS))
    spec = SIZES[size]
    if formats != "csv" and not spec.excel:
        raise InputError("synth.excel_too_big", size=size)
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise InputError("synth.not_a_folder", path=str(directory))
    if directory.is_dir():
        # staging folders of a run that was killed are ours to clear
        for stale in directory.glob(f"{_STAGE_PREFIX}*"):
            shutil.rmtree(stale, ignore_errors=True)
        if any(directory.iterdir()) and not (directory / MANIFEST).exists():
            raise InputError("synth.folder_not_empty", path=str(directory))

    world = _World(spec, seed, as_of)
    world.build()
    planted = plant(world)
    out = private_dir(directory)
    stage = Path(tempfile.mkdtemp(prefix=_STAGE_PREFIX, dir=out))
    try:
        counts = _write_tables(world, stage, on_table)
        if formats in ("xlsx", "both"):
            _write_workbook(stage, stage / WORKBOOK)
        header = {
            "synth": {"size": size, "seed": seed, "as_of": as_of.isoformat(), "spec": spec.targets(), "counts": counts}
        }
        lines = [json.dumps(header, ensure_ascii=False)]
        lines.extend(json.dumps(p.to_jsonable(), ensure_ascii=False) for p in planted)
        atomic_write_text(stage / MANIFEST, "\n".join(lines) + "\n")
        files = _move_in(stage, out, csv=formats != "xlsx", xlsx=formats != "csv")
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return SynthSummary(out, size, seed, as_of, counts, files, planted)


#: Field order of the link tables the generator writes as plain cell lists.
_LIST_ROWS: dict[type[m.Record], tuple[str, ...]] = {
    m.Knowledge: ("person", "step", "depth", "mode"),
    m.Access: ("person", "asset", "level", "granted", "revoked"),
    m.Disclosure: (
        "id",
        "date",
        "assets",
        "sender",
        "recipient",
        "channel",
        "contract",
        "project",
        "purpose",
        "codenamed",
        "copied_to_recipient",
        "return_status",
        "return_due",
        "onward_of",
        "onward_approved",
        "foreign_government_request",
        "request_reviewed",
    ),
}


def _write_tables(world: _World, directory: Path, on_table: Callable[[str, int], None] | None) -> dict[str, int]:
    for cls, order in _LIST_ROWS.items():
        if tuple(f.name for f in cls.fields()) != order:  # the model changed: update the row builders
            raise RuntimeError(f"synth writes {cls.sheet_en} as {order}; the model now has other fields")
    counts: dict[str, int] = {}
    streams: dict[type[m.Record], Callable[[], Iterable[dict[str, Any] | list[str]]]] = {
        m.Person: world.person_rows,
        m.Knowledge: world.knowledge_rows,
        m.Access: world.access_rows,
        m.Disclosure: world.disclosure_rows,
    }
    for cls in m.RECORD_TYPES:
        stream = streams.get(cls)
        extra = world.rows[cls]
        rows: Iterable[dict[str, Any] | list[str]] = itertools.chain(stream(), extra) if stream else extra
        _, count = _write_csv(directory, cls, rows)
        counts[cls.sheet_en] = count
        if on_table is not None:
            on_table(cls.sheet_en, count)
    return counts


def _move_in(stage: Path, out: Path, *, csv: bool, xlsx: bool) -> list[Path]:
    """Rename the staged files into ``out`` (the manifest last)."""
    moves: list[tuple[Path, Path]] = []
    if csv:
        moves.extend((stage / f"{cls.sheet_en}.csv", out / f"{cls.sheet_en}.csv") for cls in m.RECORD_TYPES)
    if xlsx:
        private_dir(out / WORKBOOK.parent)
        moves.append((stage / WORKBOOK, out / WORKBOOK))
    moves.append((stage / MANIFEST, out / MANIFEST))
    for src, dst in moves:
        os.replace(src, dst)
    return [dst for _, dst in moves]


def _write_workbook(csv_dir: Path, target: Path) -> None:
    """The staged CSV files as one workbook (read back through the CSV
    importer, so the workbook holds exactly what the files hold)."""
    from importers import read_sources
    from importers.excel import write_workbook

    ds, problems, total = read_sources([csv_dir])
    if total:
        raise RuntimeError(f"synthetic data has {total} problems, first: {problems[0].render('en')}")
    private_dir(target.parent)
    write_workbook(ds, target)


def read_manifest(directory: Path) -> tuple[dt.date, list[Planted]]:
    """The as-of date and the planted exposures recorded in ``directory``."""
    lines = [json.loads(x) for x in (Path(directory) / MANIFEST).read_text("utf-8").splitlines() if x.strip()]
    header = lines[0]["synth"]
    planted = [Planted(p["analysis"], tuple(p["subjects"]), p.get("note", "")) for p in lines[1:]]
    return dt.date.fromisoformat(header["as_of"]), planted
