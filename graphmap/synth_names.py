"""Vocabulary for :mod:`graphmap.synth`: names of people, organisations,
units, technologies and process steps that make a synthetic company read
like a real Japanese manufacturer and its partners.

Only data lives here; the generator combines these pools with a seeded
random source, so a seed always gives the same company.
"""

from __future__ import annotations

__all__ = [
    "ASSET_KINDS",
    "COUNTRY_FACTS",
    "FOREIGN_PERSON_NAMES",
    "GIVEN_NAMES_JA",
    "MATERIALS",
    "ORG_WORDS",
    "PARTNER_COUNTRIES",
    "PROCESSES",
    "ROLES",
    "SITE_PLACES_JA",
    "STEP_NAMES",
    "SURNAMES_JA",
    "UNIT_FIELDS",
    "UNIVERSITY_NAMES",
]

SURNAMES_JA: tuple[str, ...] = tuple(
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 清水 "
    "山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 "
    "斉藤 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 "
    "上田 原 内田 柴田 酒井 宮崎 横山 高木 安藤 宮本 大野 小島 谷口 今井 工藤 高田 増田 丸山 杉山 村田 "
    "大塚 新井 小山 平野 藤本 河野 上野 野口 武田 松井 千葉 岩崎 菅原 木下 久保 佐野 野村 松尾 市川 菊地 "
    "北村 相川 杉本 桜井 大西 片山 浅野 服部 永井 荒木".split()
)

GIVEN_NAMES_JA: tuple[str, ...] = tuple(
    "翔太 大輔 健太 拓也 直樹 誠 浩 隆 聡 剛 達也 和也 亮 修 博之 康弘 雅人 哲也 健一 一郎 宗一郎 悠斗 蓮 "
    "陽翔 湊 大和 颯太 樹 悠真 陸 由美 陽子 恵子 直美 智子 裕子 真由美 久美子 美穂 綾子 彩 愛 さくら 美咲 "
    "葵 結衣 陽菜 凛 千尋 菜摘 明美 幸子 京子 香織 麻衣 沙織 優子 紀子 理恵 舞 健 淳 豊 実 勉 茂 昭 進 清 "
    "稔 俊介 将大 優太 涼 光 匠 航 駿 慎也 圭".split()
)

#: Given and family names of partner staff by country (romanised where the
#: partner's own records are kept in Latin script).
FOREIGN_PERSON_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "CN": (
        ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"),
        ("伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "军", "杰"),
    ),
    "TW": (("陳", "林", "黃", "張", "李", "王", "吳", "劉"), ("志明", "淑芬", "俊傑", "雅婷", "家豪", "怡君")),
    "HK": (("陳", "李", "張", "黃", "何"), ("嘉欣", "志強", "詠詩", "偉文")),
    "KR": (("김", "이", "박", "최", "정", "강", "조"), ("민준", "서연", "지훈", "하은", "도윤", "수빈")),
    "US": (
        ("Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Garcia"),
        ("James", "Mary", "Robert", "Linda", "Michael", "Sarah"),
    ),
    "DE": (
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner"),
        ("Lukas", "Anna", "Jonas", "Lena", "Felix", "Marie"),
    ),
    "TH": (
        ("Saetang", "Wongsakul", "Chaiyaporn", "Srisuk", "Boonmee"),
        ("Somchai", "Nattaya", "Kittisak", "Siriporn", "Anan"),
    ),
    "VN": (("Nguyen", "Tran", "Le", "Pham", "Hoang"), ("Minh", "Lan", "Hung", "Thu", "Duc")),
    "MY": (("Tan", "Lim", "Wong", "Abdullah", "Ismail"), ("Wei Ming", "Siti", "Ahmad", "Mei Ling")),
    "SG": (("Tan", "Lee", "Ng", "Goh"), ("Jun Jie", "Hui Min", "Wei Lun", "Xin Yi")),
    "IN": (("Sharma", "Patel", "Iyer", "Reddy", "Gupta"), ("Arjun", "Priya", "Rahul", "Ananya", "Vikram")),
    "FR": (("Martin", "Bernard", "Dubois", "Moreau"), ("Louis", "Camille", "Hugo", "Chloé")),
    "GB": (("Taylor", "Jones", "Evans", "Wilson"), ("Oliver", "Emily", "Harry", "Sophie")),
    "MX": (("Hernández", "López", "Martínez", "González"), ("José", "María", "Juan", "Guadalupe")),
    "AU": (("Smith", "Nguyen", "Kelly", "Walsh"), ("Jack", "Charlotte", "Liam", "Olivia")),
    "NL": (("de Jong", "Jansen", "de Vries", "Bakker"), ("Daan", "Emma", "Sem", "Julia")),
}

#: Countries partners come from, with a weight (how common such partners are).
PARTNER_COUNTRIES: tuple[tuple[str, int], ...] = (
    ("JP", 60),
    ("CN", 6),
    ("KR", 4),
    ("TW", 4),
    ("US", 5),
    ("DE", 3),
    ("TH", 3),
    ("VN", 2),
    ("MY", 2),
    ("SG", 1),
    ("IN", 2),
    ("FR", 1),
    ("GB", 1),
    ("MX", 1),
    ("AU", 1),
    ("NL", 1),
    ("HK", 1),
)

#: Country facts beyond the shipped reference list (which fills names and
#: the export-control group): data-access, intelligence-cooperation and
#: first-filing laws as a company's country review would record them.
COUNTRY_FACTS: dict[str, tuple[str, str, str]] = {
    "JP": ("no", "no", "unknown"),
    "CN": ("yes", "yes", "yes"),
    "HK": ("yes", "unknown", "unknown"),
    "RU": ("yes", "yes", "yes"),
    "US": ("unknown", "unknown", "yes"),
    "IN": ("unknown", "unknown", "yes"),
    "KR": ("unknown", "unknown", "no"),
    "DE": ("unknown", "unknown", "no"),
}

ORG_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (Japanese name stems, English name stems)
    "supplier": (
        ("化学工業", "マテリアル", "化成", "鉱産", "精錬", "ケミカル"),
        ("Chemical", "Materials", "Mining", "Refining"),
    ),
    "customer": (("電池", "エナジー", "電子", "自動車", "電機"), ("Battery", "Energy", "Electronics", "Motors")),
    "equipment_maker": (
        ("炉機", "機械製作所", "エンジニアリング", "精機", "装置"),
        ("Furnace", "Machinery", "Engineering", "Systems"),
    ),
    "contract_manufacturer": (("製造", "加工", "工業", "プロセス"), ("Manufacturing", "Processing", "Industrial")),
    "licensee": (("新素材", "技研", "先端材料"), ("Advanced Materials", "Technologies", "New Materials")),
    "jv_partner": (("材料集団", "産業", "ホールディングス"), ("Materials Group", "Industries", "Holdings")),
    "consultant": (("コンサルティング", "総研", "技術士事務所"), ("Consulting", "Advisory", "Partners")),
    "recycler": (("リサイクル", "資源", "環境サービス"), ("Recycling", "Resources", "Environmental")),
    "external_service": (("クラウド", "ITサービス", "データセンター"), ("Cloud", "IT Services", "Data")),
    "competitor": (("セラミックス", "先端素材", "化学"), ("Ceramics", "Advanced Materials", "Chemicals")),
    "other": (("商事", "物流", "通商"), ("Trading", "Logistics", "Commerce")),
}

UNIVERSITY_NAMES: tuple[str, ...] = tuple(
    "東北 名古屋 九州 北海道 京都 大阪 東京工業 筑波 広島 神戸 岡山 金沢 信州 熊本 千葉 横浜国立 静岡 "
    "新潟 山形 岐阜".split()
)

#: Word stems for Japanese organisation names (place or lucky words).
ORG_PREFIXES_JA: tuple[str, ...] = tuple(
    "北辰 西海 東邦 大和 昭和 日進 三光 富士 朝日 明星 瑞穂 扶桑 東亜 新星 光洋 協和 中央 太平 日東 旭 "
    "青葉 白山 桜 若葉 丸和 宝 泰平 常盤 信越 瀬戸".split()
)
ORG_PREFIXES_EN: tuple[str, ...] = (
    "Pacific",
    "Golden",
    "Great Wall",
    "Everbright",
    "Summit",
    "Harbor",
    "Orient",
    "Silverline",
    "Red River",
    "Blue Ocean",
    "Northstar",
    "Evergreen",
    "Sunrise",
    "Jade",
    "Crescent",
    "Atlas",
    "Pioneer",
    "Lotus",
)

MATERIALS: tuple[str, ...] = tuple(
    "高ニッケル正極材 硫化物系固体電解質 チタン酸バリウム微粒子 窒化ケイ素基板 炭化ケイ素ウェハ "
    "高純度アルミナ ジルコニア粉末 フェライトコア リン酸鉄リチウム シリコン負極材 酸化物系固体電解質 "
    "セラミック分離膜 圧電セラミックス 蛍光体 低温焼成セラミック基板 導電性ペースト 高熱伝導窒化アルミ "
    "光学ガラス 触媒担体 半導体封止材".split()
)
PROCESSES: tuple[str, ...] = tuple(
    "焼成技術 合成技術 精製技術 成膜技術 粉砕・分級技術 表面処理技術 積層技術 配合設計技術 評価・解析技術 "
    "リサイクル技術".split()
)

STEP_NAMES: tuple[str, ...] = tuple(
    "原料の受入検査 秤量・配合 乾式混合 湿式混合 造粒 成形 脱脂 予備焼成 本焼成 雰囲気制御 冷却 解砕 粉砕 "
    "分級 表面被覆 洗浄 乾燥 熱処理 研磨 成膜 焼結 検査 特性評価 包装・出荷".split()
)

ASSET_KINDS: tuple[tuple[str, str, str], ...] = (
    # name suffix, form, default secrecy
    ("製造仕様書", "document", "top_secret"),
    ("配合・焼成プロファイル", "data", "top_secret"),
    ("工程作業指示書", "document", "department_only"),
    ("設備図面", "drawing", "department_only"),
    ("工程実測ログ", "data", "department_only"),
    ("制御ソフトウェア", "software", "department_only"),
    ("評価用サンプル", "sample", "company_internal"),
    ("装置仕様書", "equipment_spec", "department_only"),
    ("品質規格書", "document", "company_internal"),
)

UNIT_FIELDS: tuple[str, ...] = tuple(
    "電池材料 電子セラミックス 機能性粉体 半導体材料 環境・リサイクル 次世代材料 基板材料 光学材料 触媒 "
    "生産技術".split()
)

SITE_PLACES_JA: tuple[str, ...] = tuple(
    "四日市 つくば 川崎 姫路 豊田 北九州 仙台 富山 新居浜 鹿島 岡山 滋賀 長野 苫小牧 大分 徳山 相模原 浜松".split()
)

ROLES: tuple[str, ...] = tuple(
    "技術員 技術員 技術員 研究員 研究員 主任 主任研究員 係長 課長 製造オペレーター 製造オペレーター "
    "品質保証担当 設備保全担当 生産技術担当".split()
)
