"""Option and argument types shared by every ``graphmap`` command module."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["AsOfOpt", "LangOpt", "OutputOpt", "Sources", "WorkspaceOpt"]

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
