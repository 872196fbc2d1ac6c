"""User-facing strings in Japanese and English.

Every message shown to a user is looked up here by key; ``t(key, lang,
**params)`` formats it.  The default language is Japanese, overridable by
the ``GRAPHMAP_LANG`` environment variable or ``--lang``.
"""

from __future__ import annotations

import os
from typing import Literal

__all__ = ["Lang", "MESSAGES", "t", "default_lang", "normalise_lang"]

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
    "findings.none": ("指摘事項はありません。", "no findings."),
    "findings.title": ("指摘事項（{count} 件）", "findings ({count})"),
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
