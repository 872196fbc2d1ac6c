"""User-facing strings in Japanese and English.

Every message shown to a user is looked up here by key; ``t(key, lang,
**params)`` formats it.  The default language is Japanese, overridable by
the ``GRAPHMAP_LANG`` environment variable or ``--lang``.
"""

from __future__ import annotations

import os
from typing import Literal

__all__ = ["MESSAGES", "Lang", "default_lang", "normalise_lang", "t"]

Lang = Literal["ja", "en"]

MESSAGES: dict[str, tuple[str, str]] = {
    # problem kinds
    "problem.unknown_reference": (
        "参照先が見つかりません: {value}（{expected} のIDが必要です）",
        "unknown reference: {value} (expected the id of a {expected})",
    ),
    "problem.wrong_reference_type": (
        "参照先の種類が違います: {value} は {actual} です（{expected} が必要です）",
        "reference of the wrong type: {value} is a {actual} (expected a {expected})",
    ),
    "problem.duplicate_id": (
        "IDが重複しています: {value}（最初の定義: {first}）",
        "duplicate id: {value} (first defined at {first})",
    ),
    "problem.duplicate_link": (
        "同じ組み合わせが重複しています: {value}（最初の定義: {first}）",
        "duplicate entry: {value} (first defined at {first})",
    ),
    "problem.bad_enum": (
        "値が不正です: {value}（使える値: {expected}）",
        "bad value: {value} (allowed: {expected})",
    ),
    "problem.bad_date": (
        "日付が不正です: {value}（YYYY-MM-DD の形式が必要です）",
        "bad date: {value} (expected YYYY-MM-DD)",
    ),
    "problem.bad_number": (
        "数値が不正です: {value}（{expected}）",
        "bad number: {value} (expected {expected})",
    ),
    "problem.bad_bool": (
        "真偽値が不正です: {value}（はい/いいえ、yes/no、true/false、○/×）",
        "bad yes/no value: {value} (expected yes/no, true/false, はい/いいえ, ○/×)",
    ),
    "problem.bad_id": (
        "IDが不正です: {value}（英数字と _ . : - のみ）",
        "bad id: {value} (letters, digits and _ . : - only)",
    ),
    "problem.missing_field": (
        "必須項目が空です（{expected}）",
        "required field is empty ({expected})",
    ),
    "problem.invalid": ("値が不正です: {value}（{expected}）", "invalid: {value} ({expected})"),
    "problem.undecodable": (
        "文字コードを判別できません（UTF-8、UTF-8 BOM付き、Shift_JIS/cp932 に対応）",
        "cannot decode the text (UTF-8, UTF-8 with BOM and Shift_JIS/cp932 are supported)",
    ),
    "problem.bad_file": ("ファイルを読み込めません: {value}", "cannot read the file: {value}"),
    "problem.unknown_sheet": (
        "不明なシート・ファイル名です: {value}（使える名前: {expected}）",
        "unknown sheet or file name: {value} (expected one of: {expected})",
    ),
    "problem.unknown_column": (
        "不明な列です: {value}（使える列: {expected}）",
        "unknown column: {value} (expected one of: {expected})",
    ),
    "problem.duplicate_column": ("列名が重複しています: {value}", "duplicate column: {value}"),
    "problem.missing_column": (
        "必須の列がありません: {value}",
        "required column is missing: {value}",
    ),
    "problem.truncated": (
        "問題が多すぎるため、最初の {value} 件のみ表示しています",
        "too many problems: only the first {value} are listed",
    ),
    "problem.normalised": (
        "全角文字などを正規化しました（NFKC）: {value} → {expected}",
        "normalised (NFKC): {value} -> {expected}",
    ),
    # locations
    "loc.file": ("ファイル", "file"),
    "loc.sheet": ("シート", "sheet"),
    "loc.row": ("行", "row"),
    "loc.column": ("列", "column"),
    # CLI
    "cli.import.ok": (
        "{count} 件のレコードを読み込みました（問題 0 件）。ワークスペース: {path}",
        "imported {count} records with no problems. Workspace: {path}",
    ),
    "cli.problems": (
        "{count} 件の問題が見つかりました。何も書き込んでいません。",
        "{count} problem(s) found. Nothing was written.",
    ),
    "cli.validate.ok": (
        "問題は見つかりませんでした（{count} 件のレコード）。",
        "no problems found ({count} records).",
    ),
    "cli.shacl.ok": ("SHACL 検証に合格しました。", "SHACL validation passed."),
    "cli.shacl.fail": (
        "SHACL 検証で {count} 件の違反が見つかりました。",
        "SHACL validation found {count} violation(s).",
    ),
    "cli.template.ok": ("テンプレートを書き出しました: {path}", "template written: {path}"),
    "cli.export.ok": ("書き出しました: {path}（{count} トリプル）", "written: {path} ({count} triples)"),
    "cli.no_source": (
        "入力がありません。ファイル・フォルダを指定するか、先に graphmap import を実行してください。",
        "no input: name files or folders, or run graphmap import first.",
    ),
    "cli.not_found": ("見つかりません: {path}", "not found: {path}"),
    "cli.reading": ("読み込み中", "reading"),
    "cli.exists": (
        "出力先が既に存在します: {path}（上書きするには --force）",
        "output exists: {path} (use --force to overwrite)",
    ),
    "cli.bad_date": ("日付が不正です: {value}（YYYY-MM-DD）", "bad date: {value} (expected YYYY-MM-DD)"),
    "cli.bad_param": (
        "パラメータが不正です: {value}（分析ID.名前=値）",
        "bad parameter: {value} (expected analysis.param=value)",
    ),
    "cli.bad_choice": ("値が不正です: {value}（使える値: {expected}）", "bad value: {value} (allowed: {expected})"),
    "cli.unknown_analysis": ("不明な分析です: {value}", "unknown analysis: {value}"),
    "cli.written": ("書き出しました: {path}", "written: {path}"),
    "cli.map.written": (
        "地図を書き出しました（ブラウザで開いてください）: {path}",
        "map written (open it in a browser): {path}",
    ),
    "findings.none": ("指摘事項はありません。", "no findings."),
    "findings.title": ("指摘事項（{count} 件）", "findings ({count})"),
    "checklist.title": ("チェックリスト（32項目）", "checklist (32 items)"),
    "checklist.item": ("項目", "item"),
    "checklist.state": ("状況", "status"),
    "checklist.findings": ("指摘", "findings"),
    "findings.more": (
        "ほか {count} 件（すべて表示: --limit 0、または --format json / csv）",
        "{count} more (show all: --limit 0, or --format json / csv)",
    ),
    "findings.severity": ("重大度", "severity"),
    "findings.analysis": ("分析", "analysis"),
    "findings.message": ("内容", "finding"),
    "findings.checklist": ("チェック項目", "checklist"),
    "findings.score": ("スコア", "score"),
    "findings.id": ("ID", "id"),
    "stats.title": ("グラフの内訳", "graph contents"),
    "stats.type": ("種類", "type"),
    "stats.count": ("件数", "count"),
    "stats.nodes": ("ノード", "nodes"),
    "stats.edges": ("エッジ", "edges"),
    "problem.header": ("問題", "problem"),
    # exposure map (graphmap map)
    "map.title.company": ("全社マップ: {name}", "Company map: {name}"),
    "map.title.company_plain": ("全社マップ", "Company map"),
    "map.title.tech": ("技術マップ: {name}", "Technology map: {name}"),
    "map.title.finding": ("指摘事項マップ: {name}", "Finding map: {name}"),
    "map.title.path": ("流出経路マップ: {name}", "Leakage path map: {name}"),
    "map.title.country": ("流入先マップ（国）: {name}", "What flowed to a country: {name}"),
    "map.title.org": ("流入先マップ（組織）: {name}", "What flowed to an organisation: {name}"),
    "map.subtitle": (
        "ノード {nodes} 件・エッジ {edges} 件・指摘事項 {findings} 件（基準日 {as_of}）",
        "{nodes} nodes, {edges} edges, {findings} findings (as of {as_of})",
    ),
    "map.aggregated": (
        "{max_nodes} 件を超えるため、一部をグループにまとめて表示しています（ダブルクリックで展開）。",
        "More than {max_nodes} nodes: some are folded into groups (double-click to unfold).",
    ),
    "map.label.Unit": ("部署", "unit"),
    "map.label.Policy": ("社内規程", "policy"),
    "map.label.Country": ("国・地域", "country"),
    "map.label.Organisation": ("組織", "organisation"),
    "map.label.Site": ("拠点", "site"),
    "map.label.Technology": ("技術", "technology"),
    "map.label.ProcessStep": ("工程", "process step"),
    "map.label.InformationAsset": ("情報資産", "information asset"),
    "map.label.Person": ("人員", "person"),
    "map.label.Equipment": ("製造設備", "equipment"),
    "map.label.Contract": ("契約", "contract"),
    "map.label.Project": ("共同研究", "joint research project"),
    "map.label.DueDiligence": ("デューデリジェンス", "due diligence"),
    "map.label.Disclosure": ("情報提供", "disclosure"),
    "map.edge.UNIT_OF": ("所属組織", "unit of"),
    "map.edge.PART_OF": ("上位部署", "part of"),
    "map.edge.OWNED_BY_UNIT": ("管理部署", "owner unit"),
    "map.edge.LOCATED_IN": ("所在国", "located in"),
    "map.edge.OPERATED_BY": ("運営組織", "operated by"),
    "map.edge.STEP_OF": ("技術の工程", "step of"),
    "map.edge.DESCRIBES": ("記述する技術・工程", "describes"),
    "map.edge.KEPT_AT": ("保管拠点", "kept at"),
    "map.edge.EMPLOYED_BY": ("所属組織", "employed by"),
    "map.edge.MEMBER_OF": ("所属部署", "member of"),
    "map.edge.WORKS_AT": ("勤務拠点", "works at"),
    "map.edge.MOVED_TO": ("転職先", "moved to"),
    "map.edge.OWNED_BY": ("設備の所有者", "owned by"),
    "map.edge.INSTALLED_AT": ("設置拠点", "installed at"),
    "map.edge.MADE_BY": ("メーカー", "made by"),
    "map.edge.MAINTAINED_BY": ("保守業者", "maintained by"),
    "map.edge.EMBODIES": ("体化する技術・工程", "embodies"),
    "map.edge.PARTY": ("契約の相手方", "party"),
    "map.edge.COVERS": ("契約の対象", "covers"),
    "map.edge.PARTNER": ("共同研究の相手方", "partner"),
    "map.edge.THEME": ("テーマ技術", "theme"),
    "map.edge.PARTICIPATES_IN": ("共同研究への参加", "participates in"),
    "map.edge.UNDER_CONTRACT": ("根拠となる契約", "under contract"),
    "map.edge.ASSESSES": ("確認の対象", "assesses"),
    "map.edge.USED": ("提供した情報資産", "assets given"),
    "map.edge.DISCLOSED": ("提供元", "disclosed by"),
    "map.edge.DISCLOSED_TO": ("提供先", "disclosed to"),
    "map.edge.IN_PROJECT": ("共同研究での提供", "in project"),
    "map.edge.ONWARD_OF": ("再開示の元の提供", "onward disclosure of"),
    "map.edge.KNOWS": ("工程知識", "knows"),
    "map.edge.CAN_ACCESS": ("アクセス権", "can access"),
    "map.edge.OWNS": ("資本関係（株主）", "shareholding"),
    "map.edge.DIRECTOR_OF": ("役員", "director of"),
    "map.group.people_unit": ("{unit}の人員", "people in {unit}"),
    "map.group.people_org": ("{org}の人員", "people at {org}"),
    "map.group.people_none": ("所属不明の人員", "people with no employer"),
    "map.group.orgs": ("{kind}（{country}）", "{kind} ({country})"),
    "map.group.disclosures": ("{kind}（{country}）への情報提供", "disclosures to {kind} ({country})"),
    "map.group.disclosures_self": ("{org}内の情報提供", "disclosures inside {org}"),
    "map.group.disclosures_none": ("提供先不明の情報提供", "disclosures with no recipient"),
    "map.group.dd_orgs": ("{kind}（{country}）のデューデリジェンス", "due diligence on {kind} ({country})"),
    "map.group.dd_other": ("{label}のデューデリジェンス", "due diligence on a {label}"),
    "map.group.dd_none": ("対象不明のデューデリジェンス", "due diligence with no subject"),
    "map.group.contracts": ("{ckind}", "{ckind} contracts"),
    "map.group.assets_unit": ("{unit}の情報資産", "assets of {unit}"),
    "map.group.assets_none": ("管理部署のない情報資産", "assets with no owner unit"),
    "map.group.steps": ("{tech}の工程", "steps of {tech}"),
    "map.group.equipment_site": ("{site}の設備", "equipment at {site}"),
    "map.group.equipment_none": ("設置拠点不明の設備", "equipment with no site"),
    "map.ui.no_country": ("国不明", "no country"),
    "map.ui.search": ("検索（名前・ID）", "Search (name or id)"),
    "map.ui.search_clear": ("検索を解除", "Clear search"),
    "map.ui.types": ("種類", "Types"),
    "map.ui.severity": ("重大度", "Severity"),
    "map.ui.severity_all": ("すべて表示", "show all"),
    "map.ui.severity_min": ("{label}以上の指摘があるもの", "with a finding of {label} or above"),
    "map.ui.country": ("国", "Country"),
    "map.ui.country_all": ("すべての国", "all countries"),
    "map.ui.freeze": ("配置を固定", "Freeze layout"),
    "map.ui.unfreeze": ("配置を動かす", "Unfreeze layout"),
    "map.ui.fit": ("全体表示", "Fit"),
    "map.ui.reset": ("リセット", "Reset"),
    "map.ui.legend": ("凡例", "Legend"),
    "map.ui.legend_nodes": ("ノード（クリックで表示切替）", "Nodes (click to show or hide)"),
    "map.ui.legend_edges": ("エッジ（提供の契約カバー）", "Edges (contract coverage of flows)"),
    "map.ui.legend_markers": ("指摘事項の重大度", "Finding severity"),
    "map.ui.legend_size": ("大きさ = 指摘スコアの合計", "size = sum of finding scores"),
    "map.ui.legend_arrow": ("矢印 = 情報の流れる向き", "arrows = direction information flows"),
    "map.ui.covered": ("契約あり（指摘なし）", "covered by a contract"),
    "map.ui.uncovered": ("契約の裏付けなし（指摘あり）", "not covered (finding)"),
    "map.ui.unknown": ("不明（契約の記録なし）", "unknown (no contract on record)"),
    "map.ui.other_edge": ("その他のつながり", "other link"),
    "map.ui.ended": ("終了・剥奪・退職（破線）", "ended, revoked or left (dashed)"),
    "map.ui.group": ("グループ（ダブルクリックで展開）", "group (double-click to unfold)"),
    "map.ui.members": ("{count} 件", "{count} members"),
    "map.ui.expand": ("グループを展開", "Unfold group"),
    "map.ui.collapse": ("グループにまとめる", "Fold into group"),
    "map.ui.findings": ("指摘事項", "Findings"),
    "map.ui.no_findings": ("このノードに指摘事項はありません。", "No findings on this node."),
    "map.ui.score": ("スコア", "score"),
    "map.ui.attributes": ("属性", "Attributes"),
    "map.ui.id": ("ID", "id"),
    "map.ui.type": ("種類", "type"),
    "map.ui.matches": ("{count} 件一致", "{count} match(es)"),
    "map.ui.no_match": ("一致なし", "no match"),
    "map.ui.visible": ("表示中 {nodes} ノード・{edges} エッジ", "showing {nodes} nodes, {edges} edges"),
    "map.ui.hint": (
        "クリックで詳細、ダブルクリックでグループを展開、ドラッグで移動、ホイールで拡大縮小",
        "Click for details, double-click to unfold a group, drag to move, wheel to zoom",
    ),
    "map.ui.path": ("流出経路", "Leakage path"),
    "map.ui.probability": ("経路の確率 {value}", "path probability {value}"),
    "map.ui.coverage": ("契約カバー", "coverage"),
    "map.ui.count": ("{count} 本", "{count} links"),
    "map.ui.yes": ("はい", "yes"),
    "map.ui.no": ("いいえ", "no"),
    "map.ui.more": ("ほか {count} 件", "and {count} more"),
    "map.ui.flows": ("情報の流れ", "information flow"),
    "map.ui.close": ("閉じる", "Close"),
    "map.ui.top_findings": ("重大度の高い指摘事項（クリックで表示）", "Most severe findings (click to show)"),
    "map.unknown_tech": ("技術が見つかりません: {value}", "no technology with id {value}"),
    "map.unknown_org": ("組織が見つかりません: {value}", "no organisation with id {value}"),
    "map.unknown_country": (
        "国が見つかりません: {value}（データ中の国コード: {expected}）",
        "no country {value} in the data (countries present: {expected})",
    ),
    "map.unknown_finding": (
        "指摘事項が見つかりません: {value}（graphmap analyze で ID を確認してください）",
        "no finding with id {value} (list ids with graphmap analyze)",
    ),
    "map.no_path": (
        "技術 {value} から懸念先への流出経路は見つかりませんでした。",
        "no leakage path from technology {value} to a party of concern was found.",
    ),
    "map.one_view": (
        "表示対象は一つだけ指定してください（--tech, --finding, --path, --country, --org）。",
        "choose one view only (--tech, --finding, --path, --country, --org).",
    ),
    "map.bad_max_nodes": ("--max-nodes は 1 以上です: {value}", "--max-nodes must be 1 or more: {value}"),
    "map.written": (
        "マップを書き出しました: {path}（ノード {nodes} 件・エッジ {edges} 件）",
        "map written: {path} ({nodes} nodes, {edges} edges)",
    ),
    # graph server (Neo4j / Bolt)
    "neo4j.config_permissions": (
        "設定ファイル {path} は所有者以外も読み書きできます（{mode}）。chmod 600 {path} を実行してください。",
        "config file {path} is accessible to others ({mode}); run chmod 600 {path}",
    ),
    "neo4j.config_unreadable": (
        "設定ファイルを読み込めません: {path}（{reason}）",
        "cannot read config file {path} ({reason})",
    ),
    "neo4j.no_password": (
        "グラフサーバーのパスワードがありません。環境変数 NEO4J_PASSWORD か設定ファイル {path}（chmod 600）で指定してください。",
        "no graph server password: set NEO4J_PASSWORD or put it in {path} (chmod 600)",
    ),
    "neo4j.bad_settings": (
        "グラフサーバーの設定が不正です: {fields}",
        "bad graph server settings: {fields}",
    ),
    "neo4j.bad_uri": (
        "グラフサーバーの URI が不正です: {uri}（{reason}）",
        "bad graph server URI: {uri} ({reason})",
    ),
    "neo4j.auth": (
        "グラフサーバー {uri} にユーザー {user} でログインできません（パスワードが違います）。",
        "graph server {uri} rejected user {user}: wrong password",
    ),
    "neo4j.unavailable": (
        "グラフサーバー {uri} に接続できません（起動していないか、アドレスが違います）: {reason}",
        "cannot connect to graph server {uri} (not running or wrong address): {reason}",
    ),
    "neo4j.dropped": (
        "グラフサーバー {uri} との接続が切れました（再試行後も回復しません）: {reason}",
        "connection to graph server {uri} was lost and did not come back: {reason}",
    ),
    "neo4j.no_database": (
        "グラフサーバー {uri} にデータベース {database} がありません。",
        "graph server {uri} has no database {database}",
    ),
    "neo4j.query_failed": ("クエリが失敗しました: {reason}", "query failed: {reason}"),
    "neo4j.server_error": (
        "グラフサーバー {uri} でエラーが発生しました: {reason}",
        "graph server {uri} failed: {reason}",
    ),
    "neo4j.pushing": ("グラフサーバーへ書き込み中", "writing to the graph server"),
    "neo4j.push.ok": (
        "{uri} に {nodes} ノード・{relationships} リレーションを書き込みました（{seconds:.1f} 秒）。",
        "wrote {nodes} nodes and {relationships} relationships to {uri} ({seconds:.1f} s)",
    ),
    "neo4j.push.wiped": (
        "graphmap のラベルを持つノード {count} 件を削除しました。",
        "deleted {count} nodes with graphmap labels",
    ),
    "neo4j.check.ok": ("{uri} に接続しました（{agent}）。", "connected to {uri} ({agent})"),
    # saved queries
    "query.unknown": (
        "不明なクエリです: {value}（graphmap query list で一覧を表示）",
        "unknown query: {value} (graphmap query list shows them)",
    ),
    "query.bad_param": (
        "パラメータ {name} の値が不正です: {value}（{expected} が必要です）",
        "bad value for parameter {name}: {value} (expected {expected})",
    ),
    "query.param_syntax": (
        "パラメータの形式が不正です: {value}（名前=値）",
        "bad parameter: {value} (expected name=value)",
    ),
    "query.unknown_param": (
        "クエリ {query} にパラメータ {name} はありません（使えるもの: {expected}）",
        "query {query} has no parameter {name} (expected one of: {expected})",
    ),
    "query.missing_param": (
        "クエリ {query} にはパラメータ {name} が必要です（--param {name}=値）",
        "query {query} needs parameter {name} (--param {name}=value)",
    ),
    "query.embedded_only": (
        "{value} は組み込みエンジン専用の分析です（Cypher 版はありません）。--engine embedded で実行してください。",
        "{value} runs on the embedded engine only (no Cypher version): use --engine embedded",
    ),
    "query.file_needs_server": (
        "Cypher ファイル {value} はサーバーでのみ実行できます（--engine neo4j）。",
        "the Cypher file {value} runs on the server only (--engine neo4j)",
    ),
    "query.catalogue_invalid": (
        "保存クエリの定義に問題があります: {reason}",
        "the saved query catalogue is invalid: {reason}",
    ),
    "query.none": ("該当する行はありません。", "no rows."),
    "query.rows": ("{count} 行", "{count} row(s)"),
    "query.list.title": ("保存クエリ（{count} 件）", "saved queries ({count})"),
    "query.col.id": ("ID", "id"),
    "query.col.family": ("系統", "family"),
    "query.col.title": ("名称", "title"),
    "query.col.kind": ("種類", "kind"),
    "query.col.engines": ("エンジン", "engines"),
    "query.kind.exposure": ("流出リスク分析", "exposure"),
    "query.kind.exploratory": ("探索", "exploratory"),
    "query.show.description": ("説明", "description"),
    "query.show.parameters": ("パラメータ", "parameters"),
    "query.show.columns": ("返す列", "columns"),
    "query.show.checklist": ("チェック項目", "checklist"),
    "query.show.references": ("参照（ガイダンス）", "references (guidance)"),
    "query.show.revision": ("改訂", "revision"),
    "query.show.twin": ("Python 版の分析", "Python twin"),
    "query.show.embedded_only": (
        "組み込みエンジン専用（Cypher 版なし）",
        "embedded engine only (no Cypher version)",
    ),
    "query.show.required": ("必須", "required"),
    "query.show.default": ("既定値", "default"),
    # neo4j-admin CSV export
    "export.neo4j_csv.ok": (
        "neo4j-admin import 用 CSV を書き出しました: {path}（ノード {nodes}、リレーション {relationships}）",
        "wrote CSV files for neo4j-admin import to {path} ({nodes} nodes, {relationships} relationships)",
    ),
    # privacy: --redact, --no-personal-data, graphmap redact
    "privacy.key_written": (
        "再識別キー（{count} 件のコードネーム）を {path} に保存しました。出力とは別に保管してください",
        "kept the re-identification key ({count} codenames) in {path}; store it apart from the output",
    ),
    "privacy.redacted": (
        "人物・取引先をコードネームにしたデータ（{count} 件）を書き出しました: {path}",
        "wrote the data ({count} records) with people and partners as codenames: {path}",
    ),
    # quarterly review: snapshots, diff, deck, report (graphmap/review, graphmap/cli_review.py)
    "review.bad_quarter": (
        "四半期の指定が不正です: {value}（YYYYQn の形式、例: 2026Q4）",
        "bad quarter: {value} (expected YYYYQn, e.g. 2026Q4)",
    ),
    "review.snapshot_exists": (
        "{quarter} のスナップショットはすでにあります: {path}（置き換えるには --replace）",
        "a snapshot of {quarter} already exists: {path} (use --replace to replace it)",
    ),
    "review.no_snapshot": (
        "{quarter} のスナップショットがありません: {path}（保存済み: {available}）。先に graphmap snapshot --quarter {quarter} を実行してください",
        "no snapshot of {quarter}: {path} (stored: {available}); run graphmap snapshot --quarter {quarter} first",
    ),
    "review.snapshot_corrupt": (
        "スナップショットが壊れているか改変されています: {path}（{reason}）。--replace で取り直してください",
        "snapshot damaged or altered: {path} ({reason}); take it again with --replace",
    ),
    "review.same_quarter": (
        "比較する四半期が同じです: {value}",
        "both quarters are the same: {value}",
    ),
    "review.snapshot.ok": (
        "{quarter} のスナップショットを保存しました: {path}（基準日 {as_of}、指摘 {findings} 件、sha256 {sha}）",
        "stored the snapshot of {quarter}: {path} (as of {as_of}, {findings} findings, sha256 {sha})",
    ),
    "review.deck.ok": ("スライドを書き出しました: {path}（{slides} 枚）", "wrote the deck: {path} ({slides} slides)"),
    "review.report.ok": ("レポートを書き出しました: {path}", "wrote the report: {path}"),
    "review.key.ok": (
        "再識別キーを書き出しました（成果物とは別に保管してください）: {path}",
        "wrote the re-identification key (keep it apart from the output): {path}",
    ),
    "review.font_missing": (
        "日本語フォントが見つかりません（fonts-noto-cjk を入れてください）。画像の日本語が表示されないことがあります",
        "no Japanese-capable font found (install fonts-noto-cjk); Japanese text in images may not render",
    ),
    "review.diff.title": ("{old} → {new} の変化", "changes from {old} to {new}"),
    "review.diff.counts": (
        "新規 {new} 件、解消 {resolved} 件、継続 {persisting} 件（重大度の変化 {changed} 件）",
        "{new} new, {resolved} resolved, {persisting} persisting ({changed} changed severity)",
    ),
    "review.title": ("{company} 技術流出リスク 四半期レビュー {quarter}", "{company} technology-leakage risk review {quarter}"),
    "review.subject": ("技術流出リスクの四半期レビュー", "quarterly technology-leakage risk review"),
    "review.subtitle": ("基準日 {as_of}・graphmap で作成", "as of {as_of}, made with graphmap"),
    "review.subtitle.compare": ("基準日 {as_of}・{compare} との比較・graphmap で作成", "as of {as_of}, compared with {compare}, made with graphmap"),
    "review.redacted_note": (
        "人名と社外の組織名はコードネームに置き換えています",
        "people and outside organisations are shown by codename",
    ),
    "review.none": ("該当なし", "none"),
    "review.section.summary": ("エグゼクティブサマリー", "Executive summary"),
    "review.section.new": ("{compare} 以降の新しい指摘", "New findings since {compare}"),
    "review.section.resolved": ("{compare} 以降に解消した指摘", "Findings resolved since {compare}"),
    "review.section.checklist": ("チェックリスト", "Checklist"),
    "review.section.top": ("重要な指摘", "Top findings"),
    "review.section.tech": ("技術", "Technology"),
    "review.section.other_techs": ("その他の技術（{count} 件）", "Other technologies ({count})"),
    "review.section.paths": ("流出経路", "Leakage paths"),
    "review.section.trends": ("主要指標の推移（{quarters}）", "Key figures over time ({quarters})"),
    "review.section.method": ("付録: 方法", "Appendix: method"),
    "review.section.map": ("インタラクティブマップ", "Interactive map"),
    "review.col.figure": ("指標", "figure"),
    "review.col.delta": ("増減", "change"),
    "review.col.severity": ("重大度", "severity"),
    "review.col.analysis": ("分析", "analysis"),
    "review.col.message": ("内容", "finding"),
    "review.col.finding": ("指摘", "finding"),
    "review.col.owner": ("担当", "owner"),
    "review.col.remediation": ("対策", "remediation"),
    "review.col.item": ("項目", "item"),
    "review.col.measure": ("対策", "measure"),
    "review.col.status": ("状況", "status"),
    "review.col.findings": ("指摘数", "findings"),
    "review.col.technology": ("技術", "technology"),
    "review.col.endpoint": ("到達先", "reaches"),
    "review.col.probability": ("確からしさ", "likelihood"),
    "review.col.route": ("経路", "route"),
    "review.col.quarter": ("四半期", "quarter"),
    "review.col.old": ("前", "before"),
    "review.col.new": ("後", "after"),
    "review.col.id": ("ID", "id"),
    "review.state.new": ("新規", "new"),
    "review.state.persisting": ("継続", "persisting"),
    "review.state.resolved": ("解消", "resolved"),
    "review.total.truck_factor": ("最小のトラックファクター", "lowest truck factor"),
    "review.total.full_process_knowers": ("全工程を知る在籍者（延べ）", "full-process knowers (all technologies)"),
    "review.total.uncovered_disclosures": ("契約外の情報提供（延べ）", "uncovered disclosures (all technologies)"),
    "review.total.vendor_concentration": ("集中している取引先（延べ）", "concentrated vendors (all technologies)"),
    "review.total.foreign_influenced_partners": ("外国政府の影響下の相手先（延べ）", "foreign-influenced partners (all technologies)"),
    "review.total.checklist_met": ("チェックリスト対応済み（全社、32項目中）", "checklist items met (company, of 32)"),
    "review.total.findings": ("指摘の件数", "findings"),
    "review.company_wide": ("全社", "company-wide"),
    "review.summary.severity": (
        "指摘の重大度: 重大 {critical}・高 {high}・中 {medium}・低 {low}",
        "findings by severity: critical {critical}, high {high}, medium {medium}, low {low}",
    ),
    "review.summary.checklist": (
        "チェックリスト32項目: 対応済み {met}・要対応 {missed}・判断材料なし {not_evidenced}",
        "checklist (32 items): met {met}, missed {missed}, not evidenced {not_evidenced}",
    ),
    "review.summary.changes": (
        "{compare} と比べて: 新規 {new} 件、解消 {resolved} 件、継続 {persisting} 件",
        "against {compare}: {new} new, {resolved} resolved, {persisting} persisting",
    ),
    "review.tech.grading": ("格付け: {grading}", "grading: {grading}"),
    "review.tech.findings": ("この技術に関わる指摘: {count} 件", "findings concerning this technology: {count}"),
    "review.method.1": (
        "データ: {quarter} のスナップショット（基準日 {as_of}）。取り込んだ台帳から作ったグラフと、その日の全分析の結果を、内容の sha256 付きでワークスペースに保存したものです。",
        "Data: the snapshot of {quarter} (as of {as_of}): the graph built from the imported registers and every analysis run on that day, stored in the workspace with the sha256 of its content.",
    ),
    "review.method.2": (
        "指摘: 各分析はグラフ上の規則で、重大度と0〜100の点数を付けます。指摘IDは分析と対象から決まるため、四半期をまたいで同じ指摘を追えます（新規・解消・継続）。",
        "Findings: each analysis is a rule over the graph that assigns a severity and a 0-100 score. A finding's id depends only on the analysis and its subjects, so the same finding can be followed across quarters (new, resolved, persisting).",
    ),
    "review.method.3": (
        "主要指標（格付けされた技術ごと）: トラックファクター＝工程の半分超を知る人がいなくなる最少の退職者数、全工程を知る在籍者数、契約でカバーされていない情報提供の件数、技術の大半を握る社外の取引先数、外国政府の影響下にあり情報が届いた相手先数、この技術について要対応の指摘がないチェックリスト項目数。",
        "Key figures (per graded technology): truck factor = fewest departures that leave over half of the steps with no knower; current staff who know every step; disclosures not covered by a contract; outside parties holding most of the technology; partners under foreign-government influence that its information reached; checklist items with no medium-or-worse finding about it.",
    ),
    "review.method.4": (
        "チェックリスト: 中以上の指摘があれば「要対応」、対応する分析が必要なデータの上で何も見つけなければ「対応済み」、データがなければ「判断材料なし」です。",
        "Checklist: an item is missed when a finding of medium severity or above names it, met when a covering analysis ran on the data it needs and found nothing, not evidenced when that data is absent.",
    ),
    "review.method.5": (
        "流出経路: 技術から社外への各区間に起こりやすさを置き、その積が最大の経路を示します（docs/analyses/leakage-paths.md）。",
        "Leakage paths: each hop from the technology outwards carries a likelihood; the path with the highest product is shown (docs/analyses/leakage-paths.md).",
    ),
    "review.method.6": (
        "地図: 色は種類、外周の色は最も重い指摘の重大度、大きさは指摘の点数の合計です。台帳に記録されていない関係は表れません。",
        "Maps: colour shows the kind of node, the ring the severity of its worst finding, the size its summed finding scores. Relationships not recorded in the registers do not appear.",
    ),
    "review.method.redacted": (
        "秘匿化: 人名と社外の組織名は、ワークスペースの秘密鍵から作ったコードネームで表しています。対応表は別の鍵ファイルにあります。",
        "Redaction: people and outside organisations appear under codenames derived from the workspace secret; the key file kept apart maps them back.",
    ),
    "review.family.knowledge": ("技術の所管部署（工程知識）", "technology owner (process knowledge)"),
    "review.family.people": ("人事部門", "human resources"),
    "review.family.access": ("情報管理部門", "information security"),
    "review.family.vendors": ("調達部門", "procurement"),
    "review.family.flows": ("法務・知財部門", "legal and IP"),
    "review.family.contracts": ("法務部門", "legal"),
    "review.family.ownership": ("法務・リスク管理部門", "legal and risk management"),
    "review.family.overseas": ("海外事業部門", "overseas operations"),
    "review.family.research": ("研究開発部門", "research and development"),
    "review.family.paths": ("技術流出対策の責任部署", "leakage-countermeasures owner"),
    "review.family.structure": ("技術流出対策の責任部署", "leakage-countermeasures owner"),
    # reliability: notices about hostile or messy input (issue 8)
    "problem.merged_cells": (
        "結合セル {value} の値を各行に補いました",
        "merged cells {value}: the value was given to every row of the block",
    ),
    "problem.future_date": (
        "未来の日付です: {value}（今日 {expected} より後。入力ミスでないか確認してください。分析では起きたこととして扱います）",
        "date in the future: {value} (after today, {expected}; check for a typo: analyses treat it as having happened)",
    ),
    "problem.nested_value": (
        "値の入れ子は使えません（文字列・数値・日付、またはそれらのリスト）",
        "nested value: expected text, a number, a date or a list of them",
    ),
    "problem.remote_context": (
        "外部の JSON-LD コンテキストは読み込みません: {value}（コンテキストをファイル内に書いてください）",
        "remote JSON-LD context not fetched: {value} (write the context inside the file)",
    ),
    "cli.notices": (
        "{count} 件のお知らせ（読み込みは続行しました）",
        "{count} notice(s); the input was read",
    ),
    "cli.notices.more": ("ほか {count} 件", "and {count} more"),
    # synth: graphmap synth (synthetic companies with planted exposures)
    "synth.bad_size": ("規模 {value} は使えません（使える規模: {expected}）", "unknown size {value} (expected one of {expected})"),
    "synth.bad_format": (
        "出力形式 {value} は使えません（使える形式: {expected}）",
        "unknown format {value} (expected one of {expected})",
    ),
    "synth.excel_too_big": (
        "Excel での出力は規模 S と M だけです（{size} は --format csv で出力してください）",
        "Excel output is for sizes S and M only; write {size} with --format csv",
    ),
    "synth.not_a_folder": ("出力先 {path} はフォルダではありません", "the output {path} is not a folder"),
    "synth.folder_not_empty": (
        "出力先フォルダ {path} には他のファイルがあります。新しいフォルダ・空のフォルダ・以前の synth の出力先を指定してください",
        "the output folder {path} holds other files; give a new or empty folder, or an earlier synth output",
    ),
    "synth.written": (
        "規模 {size} の合成データ（{records} 件、仕込んだ露出 {planted} 件）を {path} に書き出しました。分析は --as-of {as_of} で実行してください",
        "wrote a size {size} synthetic company ({records} records, {planted} planted exposures) to {path}; analyse it with --as-of {as_of}",
    ),
    # ---- neo4j: server time limit (issue 8, server faults)
    "neo4j.timeout": (
        "グラフサーバー {uri} が {seconds} 秒以内に応答しません（--timeout または GRAPHMAP_NEO4J_TIMEOUT で延長できます）。"
        "書き込みの途中なら、もう一度 push すると重複なく完成します。",
        "graph server {uri} did not answer within {seconds} s (raise it with --timeout or GRAPHMAP_NEO4J_TIMEOUT); "
        "an interrupted push completes without duplicates when run again",
    ),
}


def normalise_lang(lang: str | None) -> Lang:
    """``ja`` or ``en`` from a user value such as ``en_US.UTF-8`` or ``JA``."""
    if lang and lang.strip().lower().startswith("en"):
        return "en"
    return "ja"


def default_lang() -> Lang:
    """The language from ``GRAPHMAP_LANG``; Japanese when unset."""
    return normalise_lang(os.environ.get("GRAPHMAP_LANG") or "ja")


def t(key: str, lang: str = "ja", **params: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``params``.

    >>> t("loc.row", "en")
    'row'
    """
    ja, en = MESSAGES[key]
    text = en if normalise_lang(lang) == "en" else ja
    return text.format(**params) if params else text
