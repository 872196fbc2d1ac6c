"""Option and argument types shared by every ``graphmap`` command module."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = [
    "AsOfOpt",
    "KeyFileOpt",
    "LangOpt",
    "NoPersonalOpt",
    "OutputOpt",
    "RedactOpt",
    "Sources",
    "WorkspaceOpt",
]

Sources = Annotated[
    list[Path] | None,
    typer.Argument(
        help="入力（ブック・CSV/YAML/JSON/Turtle・フォルダ・ワークスペース）。省略時は .graphmap。"
        " / Inputs: workbook, CSV/YAML/JSON/Turtle files, folders or a workspace; default .graphmap.",
        show_default=False,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="表示言語 ja|en / message language ja|en (env GRAPHMAP_LANG)."),
]
WorkspaceOpt = Annotated[
    Path | None,
    typer.Option("--workspace", "-w", help="ワークスペースのフォルダ / workspace folder."),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="基準日 YYYY-MM-DD（既定: 今日） / date to judge by (default: today)."),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="出力ファイル（既定: 画面） / output file (default: screen).")
]
RedactOpt = Annotated[
    bool,
    typer.Option(
        "--redact",
        help="人物・取引先の名前とIDを固定のコードネームに置き換える（再識別キーは別ファイル）"
        " / replace people's and partners' names and ids by stable codenames; the key is kept apart.",
    ),
]
KeyFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--key-file",
        help="再識別キーの保存先（既定: ワークスペース内 redaction-key.json）"
        " / where to keep the re-identification key (default: redaction-key.json in the workspace).",
    ),
]
NoPersonalOpt = Annotated[
    bool,
    typer.Option(
        "--no-personal-data",
        help="国籍・居住性区分・兼業などの個人情報を出力から除く"
        " / drop personal attributes (nationality, residency, side jobs, ...) from every output.",
    ),
]
