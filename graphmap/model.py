"""The domain model: one source of truth for record types, fields, enums and labels.

Every record type is a Pydantic v2 model.  Each field carries, in its
``json_schema_extra``, its Japanese label (``ja``), English label (``en``)
and, for references, the labels it may point at (``ref``) and the edge type
it becomes in the graph (``edge``).  Importers, the template workbook, the
graph builder, the RDF mapping and the ontology test all read this metadata,
so a field is declared once, here.

Two shapes of record exist:

* node records (``Technology``, ``Person`` ...) have an ``id`` and become a
  node labelled with the class's ``label``;
* link records (``Knowledge``, ``Access``, ``Ownership``, ``Directorship``)
  have no id of their own and become one edge between two referenced nodes,
  carrying their remaining fields as edge attributes.

Ids are global: no two node records of any type may share one.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "ENUM_LABELS",
    "ID_PATTERN",
    "RECORD_TYPES",
    "REFUSED",
    "Access",
    "AccessLevel",
    "AssetForm",
    "Certification",
    "Channel",
    "Contract",
    "ContractKind",
    "Country",
    "DDOutcome",
    "DDScope",
    "Directorship",
    "Disclosure",
    "DueDiligence",
    "EmploymentStatus",
    "Equipment",
    "FieldInfo",
    "GoverningLaw",
    # enums
    "Grading",
    "InformationAsset",
    "Knowledge",
    "KnowledgeDepth",
    "KnowledgeMode",
    "LifecycleStage",
    "LinkRecord",
    "NodeRecord",
    "OrgKind",
    "Organisation",
    "Ownership",
    "Person",
    "Policy",
    "PolicyTopic",
    "ProcessStep",
    "Project",
    "ProjectPhase",
    "Protection",
    "Record",
    "RecordBuilder",
    "Residency",
    "ReturnStatus",
    "SecrecyClass",
    "Site",
    "SiteKind",
    "TechForm",
    "Technology",
    "TriState",
    # records
    "Unit",
    "enum_label",
    "field_meta",
    "normalise_id",
    "record_builder",
    "record_type",
]

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}$")


def normalise_id(value: str) -> str:
    """Normalise an identifier: NFKC (full-width digits and letters become
    ASCII), surrounding white space removed.

    >>> normalise_id(" ＰＥＲ－００１ ")
    'PER-001'
    """
    text = unicodedata.normalize("NFKC", value).strip()
    # NFKC leaves some dash look-alikes; fold the common ones to '-'.
    return re.sub(r"[\u2010-\u2015\u2212\u30fc\uff0d]", "-", text)


# --------------------------------------------------------------------- enums
# Enum values are the English codes stored in the graph; ENUM_LABELS gives
# the Japanese and English labels shown to users (and accepted by importers).


class Grading(StrEnum):
    core = "core"
    security = "security"
    econ_security = "econ_security"
    to_acquire = "to_acquire"


class TechForm(StrEnum):
    documents = "documents"
    data = "data"
    software = "software"
    tacit = "tacit"
    equipment = "equipment"
    samples = "samples"


class Protection(StrEnum):
    patent = "patent"
    trade_secret = "trade_secret"
    public = "public"


class SecrecyClass(StrEnum):
    top_secret = "top_secret"
    department_only = "department_only"
    company_internal = "company_internal"
    public = "public"


class AssetForm(StrEnum):
    document = "document"
    drawing = "drawing"
    data = "data"
    software = "software"
    sample = "sample"
    equipment_spec = "equipment_spec"
    other = "other"


class EmploymentStatus(StrEnum):
    active = "active"
    on_leave = "on_leave"
    left = "left"
    retired = "retired"


class Residency(StrEnum):
    resident = "resident"
    non_resident = "non_resident"
    specific_category = "specific_category"
    unknown = "unknown"


class OrgKind(StrEnum):
    self_ = "self"
    subsidiary = "subsidiary"
    supplier = "supplier"
    customer = "customer"
    equipment_maker = "equipment_maker"
    contract_manufacturer = "contract_manufacturer"
    licensee = "licensee"
    jv_partner = "jv_partner"
    university = "university"
    lab = "lab"
    research_institute = "research_institute"
    consultant = "consultant"
    recycler = "recycler"
    external_service = "external_service"
    competitor = "competitor"
    government = "government"
    other = "other"


class Certification(StrEnum):
    isms = "isms"
    tics = "tics"
    privacy_mark = "privacy_mark"
    other = "other"


class TriState(StrEnum):
    yes = "yes"
    no = "no"
    unknown = "unknown"


class SiteKind(StrEnum):
    factory = "factory"
    lab = "lab"
    office = "office"
    warehouse = "warehouse"
    data_centre = "data_centre"


class LifecycleStage(StrEnum):
    planning = "planning"
    contract = "contract"
    operation = "operation"
    withdrawal = "withdrawal"


class ContractKind(StrEnum):
    nda = "nda"
    joint_research = "joint_research"
    licence = "licence"
    basic_supply = "basic_supply"
    manufacturing = "manufacturing"
    jv = "jv"
    consulting = "consulting"
    maintenance = "maintenance"
    other = "other"


class GoverningLaw(StrEnum):
    japan = "japan"
    neutral = "neutral"
    partner = "partner"
    unspecified = "unspecified"


class ProjectPhase(StrEnum):
    preparation = "preparation"
    contract = "contract"
    execution = "execution"
    ended = "ended"


class DDScope(StrEnum):
    country = "country"
    organisation = "organisation"
    individual = "individual"


class DDOutcome(StrEnum):
    cleared = "cleared"
    conditional = "conditional"
    rejected = "rejected"
    pending = "pending"


class KnowledgeDepth(StrEnum):
    full = "full"
    partial = "partial"


class KnowledgeMode(StrEnum):
    tacit = "tacit"
    documented = "documented"


class AccessLevel(StrEnum):
    read = "read"
    download = "download"
    edit = "edit"


class Channel(StrEnum):
    meeting = "meeting"
    email = "email"
    sample_shipment = "sample_shipment"
    shared_platform = "shared_platform"
    site_visit = "site_visit"
    maintenance = "maintenance"
    social_network = "social_network"
    exhibition = "exhibition"
    other = "other"


class ReturnStatus(StrEnum):
    not_required = "not_required"
    outstanding = "outstanding"
    returned = "returned"
    destroyed = "destroyed"


class PolicyTopic(StrEnum):
    storage = "storage"
    devices = "devices"
    social_network = "social_network"
    removable_media = "removable_media"
    generative_ai = "generative_ai"
    visitors = "visitors"
    exhibitions = "exhibitions"
    travel = "travel"


ENUM_LABELS: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    Grading: {
        "core": ("コア技術", "core technology"),
        "security": ("安全保障上重要な技術", "security-sensitive"),
        "econ_security": ("経済安全保障上重要な技術", "economic-security"),
        "to_acquire": ("獲得すべき技術", "to acquire"),
    },
    TechForm: {
        "documents": ("文書・図面", "documents and drawings"),
        "data": ("データ", "data"),
        "software": ("ソフトウェア", "software"),
        "tacit": ("暗黙知・ノウハウ", "tacit know-how"),
        "equipment": ("製造装置に体化", "embodied in equipment"),
        "samples": ("サンプル・材料", "samples and materials"),
    },
    Protection: {
        "patent": ("特許", "patent"),
        "trade_secret": ("営業秘密", "trade secret"),
        "public": ("公開", "public"),
    },
    SecrecyClass: {
        "top_secret": ("極秘", "top secret"),
        "department_only": ("部外秘", "department only"),
        "company_internal": ("社外秘", "company internal"),
        "public": ("公開", "public"),
    },
    AssetForm: {
        "document": ("文書", "document"),
        "drawing": ("図面", "drawing"),
        "data": ("データ", "data"),
        "software": ("ソフトウェア", "software"),
        "sample": ("サンプル", "sample"),
        "equipment_spec": ("装置仕様", "equipment specification"),
        "other": ("その他", "other"),
    },
    EmploymentStatus: {
        "active": ("在籍", "active"),
        "on_leave": ("休職", "on leave"),
        "left": ("退職", "left"),
        "retired": ("定年退職", "retired"),
    },
    Residency: {
        "resident": ("居住者", "resident"),
        "non_resident": ("非居住者", "non-resident"),
        "specific_category": ("特定類型該当", "specific category"),
        "unknown": ("不明", "unknown"),
    },
    OrgKind: {
        "self": ("自社", "own company"),
        "subsidiary": ("子会社", "subsidiary"),
        "supplier": ("仕入先", "supplier"),
        "customer": ("顧客", "customer"),
        "equipment_maker": ("製造装置メーカー", "equipment maker"),
        "contract_manufacturer": ("委託製造先", "contract manufacturer"),
        "licensee": ("ライセンシー", "licensee"),
        "jv_partner": ("合弁相手", "JV partner"),
        "university": ("大学", "university"),
        "lab": ("研究室", "lab"),
        "research_institute": ("研究機関", "research institute"),
        "consultant": ("コンサルタント", "consultant"),
        "recycler": ("リサイクル業者", "recycler"),
        "external_service": ("外部ツール・クラウド", "external tool or cloud service"),
        "competitor": ("競合企業", "competitor"),
        "government": ("政府機関", "government body"),
        "other": ("その他", "other"),
    },
    Certification: {
        "isms": ("ISMS", "ISMS"),
        "tics": ("TICS", "TICS"),
        "privacy_mark": ("プライバシーマーク", "Privacy Mark"),
        "other": ("その他", "other"),
    },
    TriState: {
        "yes": ("あり", "yes"),
        "no": ("なし", "no"),
        "unknown": ("不明", "unknown"),
    },
    SiteKind: {
        "factory": ("工場", "factory"),
        "lab": ("研究所", "lab"),
        "office": ("事務所", "office"),
        "warehouse": ("倉庫", "warehouse"),
        "data_centre": ("データセンター", "data centre"),
    },
    LifecycleStage: {
        "planning": ("計画", "planning"),
        "contract": ("契約", "contract"),
        "operation": ("操業", "operation"),
        "withdrawal": ("撤退", "withdrawal"),
    },
    ContractKind: {
        "nda": ("秘密保持契約", "NDA"),
        "joint_research": ("共同研究契約", "joint research"),
        "licence": ("ライセンス契約", "licence"),
        "basic_supply": ("取引基本契約", "basic supply"),
        "manufacturing": ("製造委託契約", "manufacturing"),
        "jv": ("合弁契約", "joint venture"),
        "consulting": ("コンサルティング契約", "consulting"),
        "maintenance": ("保守契約", "maintenance"),
        "other": ("その他", "other"),
    },
    GoverningLaw: {
        "japan": ("日本法", "Japanese law"),
        "neutral": ("第三国法", "neutral law"),
        "partner": ("相手国法", "partner's law"),
        "unspecified": ("定めなし", "unspecified"),
    },
    ProjectPhase: {
        "preparation": ("準備", "preparation"),
        "contract": ("契約", "contract"),
        "execution": ("実施", "execution"),
        "ended": ("終了", "ended"),
    },
    DDScope: {
        "country": ("国", "country"),
        "organisation": ("組織", "organisation"),
        "individual": ("個人", "individual"),
    },
    DDOutcome: {
        "cleared": ("問題なし", "cleared"),
        "conditional": ("条件付き", "conditional"),
        "rejected": ("不可", "rejected"),
        "pending": ("確認中", "pending"),
    },
    KnowledgeDepth: {
        "full": ("全体", "full"),
        "partial": ("一部", "partial"),
    },
    KnowledgeMode: {
        "tacit": ("暗黙知", "tacit"),
        "documented": ("文書化済み", "documented"),
    },
    AccessLevel: {
        "read": ("閲覧", "read"),
        "download": ("ダウンロード", "download"),
        "edit": ("編集", "edit"),
    },
    Channel: {
        "meeting": ("打合せ", "meeting"),
        "email": ("電子メール", "e-mail"),
        "sample_shipment": ("サンプル送付", "sample shipment"),
        "shared_platform": ("共有プラットフォーム", "shared platform"),
        "site_visit": ("工場見学・工程監査", "site visit or process audit"),
        "maintenance": ("保守作業", "maintenance"),
        "social_network": ("SNS", "social network"),
        "exhibition": ("展示会", "exhibition"),
        "other": ("その他", "other"),
    },
    ReturnStatus: {
        "not_required": ("返却不要", "not required"),
        "outstanding": ("未返却", "outstanding"),
        "returned": ("返却済み", "returned"),
        "destroyed": ("廃棄済み", "destroyed"),
    },
    PolicyTopic: {
        "storage": ("保管", "storage"),
        "devices": ("端末・機器", "devices"),
        "social_network": ("SNS", "social networks"),
        "removable_media": ("外部記録媒体", "removable media"),
        "generative_ai": ("生成AI", "generative AI"),
        "visitors": ("来訪者", "visitors"),
        "exhibitions": ("展示会", "exhibitions"),
        "travel": ("海外出張", "overseas travel"),
    },
}


def enum_label(value: StrEnum | str, lang: str = "ja", enum: type[StrEnum] | None = None) -> str:
    """The user-facing label of an enum value in ``lang`` (``ja`` or ``en``)."""
    cls = enum or (type(value) if isinstance(value, StrEnum) else None)
    if cls is None or cls not in ENUM_LABELS:
        return str(value)
    pair = ENUM_LABELS[cls].get(str(value))
    if pair is None:
        return str(value)
    return pair[0] if lang == "ja" else pair[1]


# -------------------------------------------------------------- field metadata


class FieldInfo(BaseModel):
    """Metadata of one field, read from its ``json_schema_extra``."""

    model_config = ConfigDict(frozen=True)

    name: str
    ja: str
    en: str
    ref: tuple[str, ...] = ()
    edge: str | None = None
    reverse: bool = False
    many: bool = False
    required: bool = False
    personal: bool = False
    enum: Any = None
    kind: str = "str"  # str, int, float, bool, date, enum, ref


def field_meta(
    ja: str,
    en: str,
    default: Any = None,
    *,
    ref: str | tuple[str, ...] | None = None,
    edge: str | None = None,
    reverse: bool = False,
    personal: bool = False,
    ident: bool = False,
    **kwargs: Any,
) -> Any:
    """Declare a field with its bilingual labels and graph mapping.

    ``ref`` names the node label(s) the value points at; ``edge`` the edge
    type it becomes (from this record to the referenced node, or the other
    way with ``reverse=True``).  ``personal`` marks personal data dropped by
    ``--no-personal-data``.  ``ident`` marks a record's own id.  Ids and
    references are normalised (:func:`normalise_id`; country codes upper
    case) and checked against :data:`ID_PATTERN` by a validator attached to
    these fields only, so that other fields pay nothing for it.
    """
    extra: dict[str, Any] = {"ja": ja, "en": en}
    if ref is not None:
        extra["ref"] = [ref] if isinstance(ref, str) else list(ref)
        extra["edge"] = edge
        extra["reverse"] = reverse
    if personal:
        extra["personal"] = True
    if "default_factory" in kwargs:
        info = Field(title=ja, description=en, json_schema_extra=extra, **kwargs)
    else:
        info = Field(default, title=ja, description=en, json_schema_extra=extra, **kwargs)
    if ref is not None or ident:
        country = ref == "Country" or ref == ("Country",)
        info.metadata.append(AfterValidator(_country_ids if country else _ids))
    return info


def _id(value: str) -> str:
    # ASCII text matching the pattern is already normal (NFKC is the
    # identity on ASCII, the pattern admits no spaces or dash look-alikes)
    if not (value.isascii() and ID_PATTERN.match(value)):
        value = normalise_id(value)
        if not ID_PATTERN.match(value):
            raise ValueError(f"not a valid id: {value!r} (letters, digits, _ . : - only)")
    # interned: an id referenced from a hundred thousand rows is one string
    # in memory, in the records and in the graph's adjacency dicts alike
    return sys.intern(value)


def _ids(value: Any) -> Any:
    if isinstance(value, str):
        return _id(value)
    if isinstance(value, list):
        return [_id(v) for v in value]
    return value


def _country_ids(value: Any) -> Any:
    if isinstance(value, str):
        return _id(value).upper()
    if isinstance(value, list):
        return [_id(v).upper() for v in value]
    return value


# -------------------------------------------------------------------- records


class Record(BaseModel):
    """Base of every record type."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    label: ClassVar[str]
    sheet_ja: ClassVar[str]
    sheet_en: ClassVar[str]
    description_ja: ClassVar[str]
    description_en: ClassVar[str]
    #: For link records: (source field, target field, edge type).
    link: ClassVar[tuple[str, str, str] | None] = None
    #: (earlier, later) date fields: the later may not precede the earlier.
    date_order: ClassVar[tuple[tuple[str, str], ...]] = ()

    @model_validator(mode="after")
    def _date_order(self) -> Record:
        for earlier, later in self.date_order:
            a, b = getattr(self, earlier), getattr(self, later)
            if a is not None and b is not None and b < a:
                raise ValueError(f"{later} is before {earlier}")
        return self

    @classmethod
    def fields(cls) -> list[FieldInfo]:
        return _fields_of(cls)

    @classmethod
    def field(cls, name: str) -> FieldInfo:
        for f in cls.fields():
            if f.name == name:
                return f
        raise KeyError(name)

    @classmethod
    def key_fields(cls) -> tuple[str, ...]:
        if cls.link is not None:
            return (cls.link[0], cls.link[1])
        return ("id",)

    def key(self) -> tuple[str, ...]:
        return tuple(str(getattr(self, f)) for f in self.key_fields())

    def references(self) -> list[tuple[str, str]]:
        """(field name, referenced id) for every reference this record makes."""
        out: list[tuple[str, str]] = []
        for f in self.fields():
            if not f.ref:
                continue
            value = getattr(self, f.name)
            if value is None:
                continue
            if isinstance(value, list):
                out.extend((f.name, v) for v in value)
            else:
                out.append((f.name, value))
        return out


class NodeRecord(Record):
    id: str = field_meta("ID", "id", ..., ident=True)


class LinkRecord(Record):
    pass


_FIELD_CACHE: dict[type, list[FieldInfo]] = {}


def _kind_of(annotation: Any) -> tuple[str, Any, bool]:
    """(kind, enum class or None, many) of a field annotation."""
    import types
    import typing

    many = False
    ann = annotation
    args = typing.get_args(ann)
    origin = typing.get_origin(ann)
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        ann = non_none[0]
        origin = typing.get_origin(ann)
        args = typing.get_args(ann)
    if origin is list:
        many = True
        ann = args[0]
    if isinstance(ann, type) and issubclass(ann, StrEnum):
        return "enum", ann, many
    for t, name in ((bool, "bool"), (int, "int"), (float, "float"), (dt.date, "date"), (str, "str")):
        if ann is t:
            return name, None, many
    return "str", None, many


def _fields_of(cls: type) -> list[FieldInfo]:
    cached = _FIELD_CACHE.get(cls)
    if cached is not None:
        return cached
    out = []
    for name, finfo in cls.model_fields.items():  # type: ignore[attr-defined]
        extra = finfo.json_schema_extra if isinstance(finfo.json_schema_extra, dict) else {}
        kind, enum, many = _kind_of(finfo.annotation)
        ref = tuple(extra.get("ref", ()))
        out.append(
            FieldInfo(
                name=name,
                ja=str(extra.get("ja", name)),
                en=str(extra.get("en", name)),
                ref=ref,
                edge=extra.get("edge"),
                reverse=bool(extra.get("reverse", False)),
                many=many,
                required=finfo.is_required(),
                personal=bool(extra.get("personal", False)),
                enum=enum,
                kind="ref" if ref else kind,
            )
        )
    _FIELD_CACHE[cls] = out
    return out


def _pct(value: float | None) -> float | None:
    if value is not None and not 0 <= value <= 100:
        raise ValueError("a percentage between 0 and 100")
    return value


# ---- organisation structure


class Unit(NodeRecord):
    label: ClassVar[str] = "Unit"
    sheet_ja: ClassVar[str] = "部署"
    sheet_en: ClassVar[str] = "units"
    description_ja: ClassVar[str] = "社内の部署・組織単位"
    description_en: ClassVar[str] = "An organisational unit (department, division)"

    name: str = field_meta("部署名", "name", ...)
    organisation: str | None = field_meta("所属組織", "organisation", ref="Organisation", edge="UNIT_OF")
    parent: str | None = field_meta("上位部署", "parent unit", ref="Unit", edge="PART_OF")
    leakage_owner: bool | None = field_meta("技術流出対策の責任部署", "accountable for leakage countermeasures")


class Policy(NodeRecord):
    label: ClassVar[str] = "Policy"
    sheet_ja: ClassVar[str] = "社内規程"
    sheet_en: ClassVar[str] = "policies"
    description_ja: ClassVar[str] = "技術情報の取扱いに関する社内規程"
    description_en: ClassVar[str] = "An internal rule on handling technical information"

    title: str = field_meta("規程名", "title", ...)
    owner_unit: str | None = field_meta("所管部署", "owner unit", ref="Unit", edge="OWNED_BY_UNIT")
    topics: list[PolicyTopic] = field_meta("対象", "topics covered", default_factory=list)
    reviewed: dt.date | None = field_meta("最終見直し日", "last reviewed")


# ---- places and organisations


class Country(NodeRecord):
    label: ClassVar[str] = "Country"
    sheet_ja: ClassVar[str] = "国"
    sheet_en: ClassVar[str] = "countries"
    description_ja: ClassVar[str] = "国・地域（ISO 3166 2文字コード）"
    description_en: ClassVar[str] = "A country or region (ISO 3166 alpha-2 code as id)"

    name_ja: str | None = field_meta("国名（日本語）", "name (Japanese)")
    name_en: str | None = field_meta("国名（英語）", "name (English)")
    strict_export_control: bool | None = field_meta("輸出管理厳格国", "strict export-control group")
    sanctions: bool | None = field_meta("制裁対象", "under sanctions")
    government_access_law: TriState = field_meta(
        "政府によるデータアクセス法", "government data-access law", TriState.unknown
    )
    intelligence_cooperation_law: TriState = field_meta(
        "情報活動協力義務法", "intelligence-cooperation law", TriState.unknown
    )
    first_filing_rule: TriState = field_meta("第一国出願義務", "first-filing rule", TriState.unknown)
    reviewed: dt.date | None = field_meta("国別審査日", "country review date")

    @field_validator("id")
    @classmethod
    def _upper(cls, v: str) -> str:
        if not re.fullmatch(r"[A-Za-z]{2}", v):
            raise ValueError("a two-letter ISO 3166 country code")
        return v.upper()


class Organisation(NodeRecord):
    label: ClassVar[str] = "Organisation"
    sheet_ja: ClassVar[str] = "組織"
    sheet_en: ClassVar[str] = "organisations"
    description_ja: ClassVar[str] = "自社・取引先・共同研究先などの組織"
    description_en: ClassVar[str] = "The company itself or an outside organisation"

    name: str = field_meta("組織名", "name", ...)
    kind: OrgKind = field_meta("種別", "kind", ...)
    country: str | None = field_meta("国", "country", ref="Country", edge="LOCATED_IN")
    listed: bool | None = field_meta("上場", "listed")
    founded: dt.date | None = field_meta("設立日", "founded")
    sanctioned: bool | None = field_meta("制裁対象", "sanctioned")
    end_user_listed: bool | None = field_meta("外国ユーザーリスト掲載", "on an end-user list")
    past_incidents: str | None = field_meta("過去の違反・訴訟・漏えい", "past incidents")
    certifications: list[Certification] = field_meta(
        "情報管理認証", "information-management certification", default_factory=list
    )
    sole_source: bool | None = field_meta("唯一の調達先", "sole source")
    serves_competitors: bool | None = field_meta("競合他社とも取引", "also serves competitors")


class Site(NodeRecord):
    label: ClassVar[str] = "Site"
    sheet_ja: ClassVar[str] = "拠点"
    sheet_en: ClassVar[str] = "sites"
    description_ja: ClassVar[str] = "工場・研究所などの拠点"
    description_en: ClassVar[str] = "A factory, lab or office"

    name: str = field_meta("拠点名", "name", ...)
    kind: SiteKind = field_meta("種別", "kind", SiteKind.factory)
    country: str = field_meta("国", "country", ..., ref="Country", edge="LOCATED_IN")
    operator: str | None = field_meta("運営組織", "operator", ref="Organisation", edge="OPERATED_BY")
    stage: LifecycleStage = field_meta("段階", "lifecycle stage", LifecycleStage.operation)


# ---- technology and information


class Technology(NodeRecord):
    label: ClassVar[str] = "Technology"
    sheet_ja: ClassVar[str] = "技術"
    sheet_en: ClassVar[str] = "technologies"
    description_ja: ClassVar[str] = "守るべき技術とその格付け"
    description_en: ClassVar[str] = "A technology and its grading"

    name: str = field_meta("技術名", "name", ...)
    grading: list[Grading] = field_meta("格付け", "grading", default_factory=list)
    choke_point: bool | None = field_meta("チョークポイント", "choke point")
    easily_developed: bool | None = field_meta("他社が容易に開発可能", "easily developed by others")
    forms: list[TechForm] = field_meta("形態", "forms", default_factory=list)
    protection: Protection | None = field_meta("保護方法", "protection")
    owner_unit: str | None = field_meta("所管部署", "owner unit", ref="Unit", edge="OWNED_BY_UNIT")


class ProcessStep(NodeRecord):
    label: ClassVar[str] = "ProcessStep"
    sheet_ja: ClassVar[str] = "工程"
    sheet_en: ClassVar[str] = "process_steps"
    description_ja: ClassVar[str] = "技術を構成する工程（順序付き）"
    description_en: ClassVar[str] = "An ordered process step of a technology"

    technology: str = field_meta("技術", "technology", ..., ref="Technology", edge="STEP_OF")
    order: int = field_meta("順序", "order", ..., ge=1)
    name: str = field_meta("工程名", "name", ...)


class InformationAsset(NodeRecord):
    label: ClassVar[str] = "InformationAsset"
    sheet_ja: ClassVar[str] = "情報資産"
    sheet_en: ClassVar[str] = "information_assets"
    description_ja: ClassVar[str] = "技術を担う文書・データ・ソフトウェア・サンプル"
    description_en: ClassVar[str] = "A document, data set, software or sample carrying technology"

    name: str = field_meta("名称", "name", ...)
    technologies: list[str] = field_meta(
        "対象技術", "technologies described", default_factory=list, ref="Technology", edge="DESCRIBES"
    )
    steps: list[str] = field_meta(
        "対象工程", "steps described", default_factory=list, ref="ProcessStep", edge="DESCRIBES"
    )
    secrecy: SecrecyClass = field_meta("秘密区分", "secrecy class", ...)
    trade_secret: bool | None = field_meta("営業秘密として管理", "declared trade secret")
    marked: bool | None = field_meta("秘密表示", "marked as secret")
    access_restricted: bool | None = field_meta("アクセス制限", "access restricted")
    form: AssetForm = field_meta("形態", "form", AssetForm.document)
    location: str | None = field_meta("保管場所", "where it is kept")
    site: str | None = field_meta("保管拠点", "site kept at", ref="Site", edge="KEPT_AT")
    owner_unit: str | None = field_meta("管理部署", "owner unit", ref="Unit", edge="OWNED_BY_UNIT")


# ---- people


class Person(NodeRecord):
    label: ClassVar[str] = "Person"
    sheet_ja: ClassVar[str] = "人員"
    sheet_en: ClassVar[str] = "people"
    description_ja: ClassVar[str] = "従業員・退職者・相手方の担当者・学生"
    description_en: ClassVar[str] = "An employee, former employee, partner staff member or student"
    date_order: ClassVar[tuple[tuple[str, str], ...]] = (("joined", "left"),)

    name: str = field_meta("氏名", "name", ...)
    employer: str | None = field_meta("所属組織", "employer", ref="Organisation", edge="EMPLOYED_BY")
    unit: str | None = field_meta("部署", "unit", ref="Unit", edge="MEMBER_OF")
    site: str | None = field_meta("勤務拠点", "work site", ref="Site", edge="WORKS_AT")
    role: str | None = field_meta("役職・職種", "role")
    status: EmploymentStatus = field_meta("在籍状況", "employment status", EmploymentStatus.active)
    joined: dt.date | None = field_meta("入社日", "joined")
    left: dt.date | None = field_meta("退職日", "left")
    planned_retirement: dt.date | None = field_meta("定年予定日", "planned retirement")
    destination: str | None = field_meta("転職先", "destination after leaving", ref="Organisation", edge="MOVED_TO")
    student: bool | None = field_meta("学生", "student")
    nationality: str | None = field_meta("国籍", "nationality", personal=True)
    residency: Residency = field_meta("居住性区分", "export-control residency", Residency.unknown, personal=True)
    foreign_gov_obligation: bool | None = field_meta(
        "外国政府への協力義務", "obligation to a foreign government", personal=True
    )
    side_jobs: str | None = field_meta("兼業・副業", "side jobs", personal=True)
    disciplinary: str | None = field_meta("懲戒・処分歴", "disciplinary record", personal=True)
    confidentiality_pledge: bool | None = field_meta("秘密保持誓約", "confidentiality pledge")
    non_compete_pledge: bool | None = field_meta("競業避止誓約", "non-compete pledge")
    trained: dt.date | None = field_meta("研修受講日", "last training")
    special_training: dt.date | None = field_meta("展示会・海外出張研修受講日", "exhibition / travel training")


class Equipment(NodeRecord):
    label: ClassVar[str] = "Equipment"
    sheet_ja: ClassVar[str] = "製造設備"
    sheet_en: ClassVar[str] = "equipment"
    description_ja: ClassVar[str] = "製造装置（カスタマイズの有無・所有・保守）"
    description_en: ClassVar[str] = "Production equipment: customisation, ownership, maintenance"

    name: str = field_meta("設備名", "name", ...)
    customised: bool | None = field_meta("カスタマイズ", "customised")
    owner: str | None = field_meta("所有者", "owner", ref="Organisation", edge="OWNED_BY")
    site: str | None = field_meta("設置拠点", "site", ref="Site", edge="INSTALLED_AT")
    maker: str | None = field_meta("メーカー", "maker", ref="Organisation", edge="MADE_BY")
    maintainer: str | None = field_meta("保守業者", "maintainer", ref="Organisation", edge="MAINTAINED_BY")
    embodies: list[str] = field_meta(
        "体化する技術・工程",
        "technologies or steps embodied",
        default_factory=list,
        ref=("Technology", "ProcessStep"),
        edge="EMBODIES",
    )
    disposal_plan: bool | None = field_meta("返還・廃棄計画", "return or disposal plan")
    spec_restored_for_repair: bool | None = field_meta(
        "修理時のカタログ仕様復元", "catalogue spec restored before repair"
    )


# ---- agreements and projects


class Contract(NodeRecord):
    label: ClassVar[str] = "Contract"
    sheet_ja: ClassVar[str] = "契約"
    sheet_en: ClassVar[str] = "contracts"
    description_ja: ClassVar[str] = "秘密保持・共同研究・ライセンス等の契約と条項"
    description_en: ClassVar[str] = "An agreement and its clauses"
    date_order: ClassVar[tuple[tuple[str, str], ...]] = (("start", "end"),)

    title: str = field_meta("契約名", "title", ...)
    kind: ContractKind = field_meta("種別", "kind", ...)
    parties: list[str] = field_meta("相手方", "counterparties", ..., ref="Organisation", edge="PARTY", min_length=1)
    start: dt.date | None = field_meta("開始日", "start")
    end: dt.date | None = field_meta("終了日", "end")
    covered_assets: list[str] = field_meta(
        "対象情報資産", "covered assets", default_factory=list, ref="InformationAsset", edge="COVERS"
    )
    covered_technologies: list[str] = field_meta(
        "対象技術", "covered technologies", default_factory=list, ref="Technology", edge="COVERS"
    )
    confidentiality: bool | None = field_meta("秘密保持義務", "confidentiality")
    purpose_limitation: bool | None = field_meta("目的外使用禁止", "purpose limitation")
    no_third_party_disclosure: bool | None = field_meta("第三者開示禁止", "no third-party disclosure")
    subcontract_approval: bool | None = field_meta("再委託の事前承認", "subcontracting needs approval")
    no_copying: bool | None = field_meta("複製禁止", "no copying")
    no_reverse_engineering: bool | None = field_meta("解析禁止", "no reverse engineering")
    return_or_destroy: bool | None = field_meta("返還・廃棄義務", "return or destroy at end")
    destruction_certificate: bool | None = field_meta("廃棄証明書の受領", "destruction certificate received")
    survival_years: int | None = field_meta("存続期間（年）", "survival period (years)", ge=0)
    named_participants: bool | None = field_meta("参加者の特定", "named participants")
    scope_defined: bool | None = field_meta("提供範囲の明確化", "provided scope defined")
    foreground_ip: bool | None = field_meta("成果の帰属", "foreground IP ownership")
    non_compete: bool | None = field_meta("競業避止", "non-compete")
    audit_rights: bool | None = field_meta("監査権", "audit rights")
    change_of_control: bool | None = field_meta("支配権変更時の解除", "change-of-control termination")
    publication_approval: bool | None = field_meta("公表の事前承認", "publication approval")
    governing_law: GoverningLaw = field_meta("準拠法", "governing law", GoverningLaw.unspecified)
    stakeholders_briefed: bool | None = field_meta("ステークホルダーへの事前説明", "stakeholders briefed")


class Project(NodeRecord):
    label: ClassVar[str] = "Project"
    sheet_ja: ClassVar[str] = "共同研究"
    sheet_en: ClassVar[str] = "projects"
    description_ja: ClassVar[str] = "共同研究プロジェクト"
    description_en: ClassVar[str] = "A joint-research project"
    date_order: ClassVar[tuple[tuple[str, str], ...]] = (("start", "end"),)

    name: str = field_meta("名称", "name", ...)
    partners: list[str] = field_meta("相手方", "partners", default_factory=list, ref="Organisation", edge="PARTNER")
    themes: list[str] = field_meta(
        "テーマ技術", "theme technologies", default_factory=list, ref="Technology", edge="THEME"
    )
    participants: list[str] = field_meta(
        "参加者",
        "named participants",
        default_factory=list,
        ref="Person",
        edge="PARTICIPATES_IN",
        reverse=True,
    )
    phase: ProjectPhase = field_meta("段階", "phase", ProjectPhase.execution)
    start: dt.date | None = field_meta("開始日", "start")
    end: dt.date | None = field_meta("終了日", "end")
    contract: str | None = field_meta("契約", "contract", ref="Contract", edge="UNDER_CONTRACT")
    research_plan_acknowledged: bool | None = field_meta("研究計画・取扱ルールの確認", "research plan acknowledged")
    own_platform: bool | None = field_meta("自社管理の共有基盤", "own controlled platform")


class DueDiligence(NodeRecord):
    label: ClassVar[str] = "DueDiligence"
    sheet_ja: ClassVar[str] = "デューデリジェンス"
    sheet_en: ClassVar[str] = "due_diligence"
    description_ja: ClassVar[str] = "国・組織・個人の観点での相手方確認"
    description_en: ClassVar[str] = "A due-diligence review of a country, organisation or individual"

    subject: str = field_meta("対象", "subject", ..., ref=("Organisation", "Person", "Country"), edge="ASSESSES")
    scope: DDScope = field_meta("観点", "scope", ...)
    date: dt.date = field_meta("実施日", "date", ...)
    outcome: DDOutcome = field_meta("結果", "outcome", DDOutcome.cleared)
    notes: str | None = field_meta("備考", "notes")


class Disclosure(NodeRecord):
    label: ClassVar[str] = "Disclosure"
    sheet_ja: ClassVar[str] = "情報提供"
    sheet_en: ClassVar[str] = "disclosures"
    description_ja: ClassVar[str] = "情報資産が誰から誰へ、いつ、どの契約のもとで渡ったか"
    description_en: ClassVar[str] = "Which assets went from whom to whom, when, under which contract"

    date: dt.date = field_meta("提供日", "date", ...)
    assets: list[str] = field_meta("情報資産", "assets", ..., ref="InformationAsset", edge="USED", min_length=1)
    sender: str = field_meta("提供元", "from", ..., ref=("Person", "Organisation"), edge="DISCLOSED", reverse=True)
    recipient: str = field_meta("提供先", "to", ..., ref=("Person", "Organisation"), edge="DISCLOSED_TO")
    channel: Channel = field_meta("手段", "channel", Channel.meeting)
    contract: str | None = field_meta("契約", "contract", ref="Contract", edge="UNDER_CONTRACT")
    project: str | None = field_meta("共同研究", "project", ref="Project", edge="IN_PROJECT")
    purpose: str | None = field_meta("目的", "purpose")
    codenamed: bool | None = field_meta("コードネーム化", "codenamed")
    copied_to_recipient: bool | None = field_meta("相手方端末への複製", "copied to the recipient's devices")
    return_status: ReturnStatus = field_meta("返却状況", "return status", ReturnStatus.not_required)
    return_due: dt.date | None = field_meta("返却期限", "return due")
    onward_of: str | None = field_meta("元の提供", "onward disclosure of", ref="Disclosure", edge="ONWARD_OF")
    onward_approved: bool | None = field_meta("再開示の承認", "onward disclosure approved")
    foreign_government_request: bool | None = field_meta("外国政府等の要請", "requested by a foreign government")
    request_reviewed: bool | None = field_meta("要請の審査", "request reviewed")

    @model_validator(mode="after")
    def _self(self) -> Disclosure:
        if self.sender == self.recipient:
            raise ValueError("sender and recipient are the same")
        return self


# ---- link records (edges)


class Knowledge(LinkRecord):
    label: ClassVar[str] = "Knowledge"
    sheet_ja: ClassVar[str] = "工程知識"
    sheet_en: ClassVar[str] = "knowledge"
    description_ja: ClassVar[str] = "誰がどの工程を知っているか"
    description_en: ClassVar[str] = "Who knows which process step"
    link: ClassVar[tuple[str, str, str] | None] = ("person", "step", "KNOWS")

    person: str = field_meta("人員", "person", ..., ref="Person")
    step: str = field_meta("工程", "process step", ..., ref="ProcessStep")
    depth: KnowledgeDepth = field_meta("深さ", "depth", KnowledgeDepth.full)
    mode: KnowledgeMode = field_meta("知識の形態", "mode", KnowledgeMode.tacit)


class Access(LinkRecord):
    label: ClassVar[str] = "Access"
    sheet_ja: ClassVar[str] = "アクセス権"
    sheet_en: ClassVar[str] = "access"
    description_ja: ClassVar[str] = "誰がどの情報資産にアクセスできるか"
    description_en: ClassVar[str] = "Who can reach which information asset"
    date_order: ClassVar[tuple[tuple[str, str], ...]] = (("granted", "revoked"),)
    link: ClassVar[tuple[str, str, str] | None] = ("person", "asset", "CAN_ACCESS")

    person: str = field_meta("人員", "person", ..., ref="Person")
    asset: str = field_meta("情報資産", "asset", ..., ref="InformationAsset")
    level: AccessLevel = field_meta("権限", "level", AccessLevel.read)
    granted: dt.date | None = field_meta("付与日", "granted")
    revoked: dt.date | None = field_meta("剥奪日", "revoked")


class Ownership(LinkRecord):
    label: ClassVar[str] = "Ownership"
    sheet_ja: ClassVar[str] = "資本関係"
    sheet_en: ClassVar[str] = "ownership"
    description_ja: ClassVar[str] = "株主と議決権・出資比率"
    description_en: ClassVar[str] = "A shareholding: votes, capital, golden share"
    link: ClassVar[tuple[str, str, str] | None] = ("owner", "owned", "OWNS")

    owner: str = field_meta("株主", "owner", ..., ref=("Organisation", "Person"))
    owned: str = field_meta("被保有組織", "owned", ..., ref="Organisation")
    votes_pct: float | None = field_meta("議決権比率（%）", "votes %")
    capital_pct: float | None = field_meta("出資比率（%）", "capital %")
    golden_share: bool | None = field_meta("黄金株", "golden share")

    _v = field_validator("votes_pct", "capital_pct")(_pct)

    @model_validator(mode="after")
    def _self(self) -> Ownership:
        if self.owner == self.owned:
            raise ValueError("an organisation cannot own itself")
        return self


class Directorship(LinkRecord):
    label: ClassVar[str] = "Directorship"
    sheet_ja: ClassVar[str] = "役員"
    sheet_en: ClassVar[str] = "directorships"
    description_ja: ClassVar[str] = "役員の就任と指名元"
    description_en: ClassVar[str] = "A director's seat and who nominated them"
    link: ClassVar[tuple[str, str, str] | None] = ("person", "organisation", "DIRECTOR_OF")

    person: str = field_meta("役員", "director", ..., ref="Person")
    organisation: str = field_meta("組織", "organisation", ..., ref="Organisation")
    representative: bool | None = field_meta("代表取締役", "representative director")
    nominated_by: str | None = field_meta("指名元", "nominated by", ref=("Organisation", "Person"))
    since: dt.date | None = field_meta("就任日", "since")


#: Every record type, in load order (referenced types first where possible).
RECORD_TYPES: tuple[type[Record], ...] = (
    Country,
    Organisation,
    Unit,
    Policy,
    Site,
    Technology,
    ProcessStep,
    InformationAsset,
    Person,
    Equipment,
    Contract,
    Project,
    DueDiligence,
    Disclosure,
    Knowledge,
    Access,
    Ownership,
    Directorship,
)


def record_type(label: str) -> type[Record]:
    """The record class for a label (``Person``) or sheet name (``people``, ``人員``)."""
    for cls in RECORD_TYPES:
        if label in (cls.label, cls.sheet_en, cls.sheet_ja):
            return cls
    raise KeyError(label)


# ------------------------------------------------------------ bulk building

#: What :meth:`RecordBuilder.field_values` gives for a value its field's
#: rules refuse (the row then takes ``model_validate`` and its message).
REFUSED: Any = type("Refused", (), {"__repr__": lambda self: "REFUSED", "__slots__": ()})()

#: Model settings whose effect :class:`RecordBuilder` reproduces; a record
#: type with any other setting has no builder.
_BUILDER_CONFIG = frozenset({"extra", "frozen", "str_strip_whitespace"})


def _one_argument(func: Any) -> bool:
    """Whether a validator takes just the value (or the model): one
    validating a field from the others (``info``) has no builder."""
    import inspect

    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return False
    required = [p for p in params if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(required) == 1 and all(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params)


class RecordBuilder:
    """Makes records of one type from parsed values in bulk, giving what
    ``model_validate`` gives, for the importers' fast path.

    ``model_validate`` costs several microseconds a record, most of it in
    calling the same Python validators again and again on values many rows
    share.  Here the work is split the way the model's rules are:

    * :meth:`field_values` takes all the values of one field (say each
      distinct cell of a column) and runs them through a pydantic
      ``TypeAdapter`` built from that field's own annotation, constraints and
      validators: its ``Field`` metadata (``ge``, ``min_length``, the id
      validator) then its ``@field_validator(mode="after")`` functions, in
      the order pydantic applies them, with the model's string settings.
      So each value is converted and checked by pydantic itself, by the very
      rules of the field (enum codes become members, ids are normalised and
      interned, country codes upper-cased, constraints hold); a value they
      refuse comes back as :data:`REFUSED`.
    * :meth:`make` assembles one record from the checked values of one row
      as pydantic does (fields in declaration order, defaults and default
      factories for the fields not given, the given ones as the fields set)
      and runs every ``@model_validator(mode="after")`` of the type on it
      (date order, sender differs from recipient, ...).  It raises
      whatever a rule raises: the caller then gives the row to
      ``model_validate`` for its message.

    Only types whose validation consists of exactly those parts have a
    builder (:func:`record_builder` gives None otherwise: before, wrap or
    plain validators, validators reading other fields, aliases,
    ``model_post_init``, private attributes or model settings other than
    :data:`_BUILDER_CONFIG`); tests hold every record type's builder to
    ``model_validate``.
    """

    __slots__ = (
        "_adapters",
        "_compiled",
        "_factories",
        "_model_checks",
        "_names",
        "_required",
        "_single",
        "_template",
        "cls",
    )

    def __init__(self, cls: type[Record]) -> None:
        from typing import Annotated, cast

        from pydantic import AfterValidator, TypeAdapter

        self.cls = cls
        config = ConfigDict(str_strip_whitespace=bool(cls.model_config.get("str_strip_whitespace", False)))
        decorators = cls.__pydantic_decorators__
        self._adapters: dict[str, TypeAdapter[list[Any]]] = {}
        self._single: dict[str, TypeAdapter[Any]] = {}
        template: dict[str, Any] = {}
        factories: list[tuple[str, Any]] = []
        required: set[str] = set()
        for name, info in cls.model_fields.items():
            extra = [
                AfterValidator(d.func)
                for d in decorators.field_validators.values()
                if name in d.info.fields or "*" in d.info.fields
            ]
            parts = (info.annotation, *info.metadata, *extra)
            form: Any = cast(Any, Annotated)[parts] if len(parts) > 1 else info.annotation
            self._single[name] = TypeAdapter(form, config=config)
            self._adapters[name] = TypeAdapter(list[form], config=config)
            if info.is_required():
                required.add(name)
                template[name] = None
            elif info.default_factory is not None:
                factories.append((name, info.default_factory))
                template[name] = None
            else:
                template[name] = info.get_default()
        self._names = frozenset(template)
        self._required = frozenset(required)
        self._template = template
        self._factories = tuple(factories)
        self._model_checks = tuple(d.func for d in decorators.model_validators.values())
        self._compiled: dict[tuple[tuple[str, ...], frozenset[str]], Any] = {}

    @staticmethod
    def supports(cls: type[Record]) -> bool:
        """Whether :class:`RecordBuilder` reproduces ``model_validate`` of
        ``cls`` (see the class documentation)."""
        if set(cls.model_config) - _BUILDER_CONFIG:
            return False
        if cls.__pydantic_post_init__ is not None or cls.__private_attributes__:
            return False
        decorators = cls.__pydantic_decorators__
        if decorators.validators or decorators.root_validators:
            return False
        for d in decorators.field_validators.values():
            if d.info.mode != "after" or d.shim is not None or not _one_argument(d.func):
                return False
        for m in decorators.model_validators.values():
            if m.info.mode != "after" or m.shim is not None or not _one_argument(m.func):
                return False
        for info in cls.model_fields.values():
            if info.alias is not None or info.validation_alias is not None or info.validate_default:
                return False
        return True

    def field_values(self, name: str, values: list[Any]) -> list[Any]:
        """``values`` of field ``name`` as a record validated by the model
        would hold them, each :data:`REFUSED` where the field's rules
        refuse it.  Every value must already have the field's Python type
        (text, code, date, number, list), as the importers' cell parsers give."""
        try:
            return self._adapters[name].validate_python(values)
        except Exception:  # sorted out one value at a time below
            pass
        one = self._single[name].validate_python
        out: list[Any] = []
        for value in values:
            try:
                out.append(one(value))
            except Exception:  # the row takes model_validate, which says what is wrong
                out.append(REFUSED)
        return out

    def make(self, data: dict[str, Any]) -> Record:
        """One record from the values of the fields given (each from
        :meth:`field_values`, none :data:`REFUSED`), the others at their
        defaults.  Raises when a field is unknown or a required one is
        missing, and whatever a whole-record rule raises."""
        names = tuple(data)
        for rec in self.make_many(names, [tuple(data.values())]):
            if rec is None:
                raise ValueError("a whole-record rule refused the values")
            return rec
        raise AssertionError("unreachable")

    def make_many(
        self,
        names: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        blank: Any = REFUSED,
        sparse: Collection[str] = (),
    ) -> Iterator[Record | None]:
        """Records from rows of values of the fields ``names`` (in that
        order, each value from :meth:`field_values`), the other fields at
        their defaults.  A value ``blank`` of a field in ``sparse`` leaves
        that field unset too.  None for a row a whole-record rule refuses
        (the caller gives it to ``model_validate``, which says why).

        Raises ValueError when a name is not a field (or given twice), a
        required field is not among them or in ``sparse``."""
        key = (tuple(names), frozenset(sparse))
        build = self._compiled.get(key)
        if build is None:
            given = frozenset(key[0])
            if len(given) != len(key[0]) or not self._required <= given <= self._names or not key[1] <= given:
                raise ValueError(f"{self.cls.label}: fields missing, repeated or unknown: {', '.join(names)}")
            if self._required & key[1]:
                raise ValueError(f"{self.cls.label}: a required field may not be left blank")
            build = self._compiled[key] = self._compile(*key)
        return build(rows, blank)  # type: ignore[no-any-return]

    def _compile(self, names: tuple[str, ...], sparse: frozenset[str]) -> Any:
        """The loop of :meth:`make_many` for one set of fields, written out
        as a function the way :mod:`dataclasses` writes ``__init__``: each
        row unpacked into locals and the record's ``__dict__`` written as a
        literal in declaration order.  Building the dictionary and the fields
        set by ``dict(zip(...))`` and loops cost twice as much at 20 fields.
        The fields set is copied from the names given, per pattern of blank
        cells, in the form that gives the smallest set (at millions of
        records, fields sets are a good part of the memory).  Only field
        names (identifiers) and numbered locals appear in the source; values
        come from the namespace."""
        position = {name: i for i, name in enumerate(names)}
        factories = dict(self._factories)
        ns: dict[str, Any] = {"new": _new_object, "cls": self.cls}
        # the instance's slots written through their descriptors, as
        # object.__setattr__ would after looking each name up (a fifth faster)
        for var, slot in (
            ("put_dict", "__dict__"),
            ("put_fields", "__pydantic_fields_set__"),
            ("put_extra", "__pydantic_extra__"),
            ("put_private", "__pydantic_private__"),
        ):
            ns[var] = next(c.__dict__[slot] for c in self.cls.__mro__ if slot in c.__dict__).__set__
        entries: list[str] = []
        blanks: list[str] = []
        for j, name in enumerate(self._template):
            if name in position:
                entries.append(f"{name!r}: v{position[name]}")
            elif name in factories:
                ns[f"f{j}"] = factories[name]
                entries.append(f"{name!r}: f{j}()")
            else:
                ns[f"d{j}"] = self._template[name]
                entries.append(f"{name!r}: d{j}")
            if name in sparse:
                if name in factories:
                    ns[f"f{j}"], default = factories[name], f"f{j}()"
                else:
                    ns[f"d{j}"], default = self._template[name], f"d{j}"
                blanks.append(
                    f"        if v{position[name]} is blank:\n"
                    f"            values[{name!r}] = {default}\n"
                    f"            shape |= {1 << len(blanks)}\n"
                )
        checks = []
        for k, check in enumerate(self._model_checks):
            ns[f"c{k}"] = check
            checks.append(f"            rec = c{k}(rec)\n")
        unpack = "".join(f"v{i}, " for i in range(len(names)))
        check_lines = "".join(checks) or "            pass\n"
        blank_names = [name for name in names if name in sparse]  # bit i: the i-th of them is blank
        shapes: dict[int, Any] = {}

        def fields_of(shape: int) -> Any:
            """What the fields set of a row with these blanks is copied from:
            their names as a frozenset or a tuple, whichever gives the smaller
            set (sets copied from a frozenset are sized for its length, sets
            filled one name at a time as pydantic does for theirs; at some
            lengths one, at others the other is half the size)."""
            left = {name for i, name in enumerate(blank_names) if shape >> i & 1}
            present = tuple(name for name in names if name not in left)
            frozen = frozenset(present)
            shapes[shape] = frozen if sys.getsizeof(set(frozen)) <= sys.getsizeof(set(present)) else present
            return shapes[shape]

        ns["shapes"], ns["fields_of"] = shapes, fields_of
        source = (
            "def build(rows, blank):\n"
            f"    for {unpack} in rows:\n"
            f"        values = {{{', '.join(entries)}}}\n"
            "        shape = 0\n"
            f"{''.join(blanks)}"
            "        fields = set(shapes[shape] if shape in shapes else fields_of(shape))\n"
            "        rec = new(cls)\n"
            "        put_dict(rec, values)\n"
            "        put_fields(rec, fields)\n"
            "        put_extra(rec, None)\n"
            "        put_private(rec, None)\n"
            "        try:\n"
            f"{check_lines}"
            "        except Exception:  # the rule's message comes from model_validate\n"
            "            yield None\n"
            "            continue\n"
            "        yield rec\n"
        )
        exec(compile(source, f"<record builder {self.cls.label}>", "exec"), ns)  # source made above from field names
        return ns["build"]


_new_object: Any = object.__new__
_BUILDERS: dict[type[Record], RecordBuilder | None] = {}


def record_builder(cls: type[Record]) -> RecordBuilder | None:
    """The :class:`RecordBuilder` of a record type (made once), or None when
    only ``model_validate`` gives its records exactly."""
    if cls not in _BUILDERS:
        _BUILDERS[cls] = RecordBuilder(cls) if RecordBuilder.supports(cls) else None
    return _BUILDERS[cls]
