"""``graphmap synth``: write a synthetic company with planted exposures.

Registered into the main app through :data:`graphmap.cli._EXTENSIONS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graphmap.cli_options import LangOpt

__all__ = ["register"]


def synth_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="出力先フォルダ（新規・空・以前の synth 出力のいずれか）"
            " / output folder: new, empty or an earlier synth output.",
        ),
    ],
    size: Annotated[
        str,
        typer.Option(
            "--size",
            help="規模 S（1千人）・M（1万人）・L（10万人）・XL（30万人）"
            " / size S (1k people), M (10k), L (100k), XL (300k).",
        ),
    ] = "S",
    seed: Annotated[
        int, typer.Option("--seed", help="乱数の種: 同じ種なら同じファイル / seed: the same seed gives the same files.")
    ] = 1,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="csv（レコード種別ごとのCSV）・xlsx（ブック、S・Mのみ）・both"
            " / csv (one file per record type), xlsx (workbook, S and M only) or both.",
        ),
    ] = "csv",
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="データの基準日 YYYY-MM-DD（既定 2026-09-30、分析でも同じ日を指定）"
            " / the day the data is dated against (default 2026-09-30; analyse with the same --as-of).",
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """合成データ: 仕込んだ露出を含む架空の製造業のデータを書き出します。 / Synth: write a synthetic manufacturer's records with planted exposures (planted.jsonl lists them)."""
    from graphmap import cli

    lg = cli._lang(lang)

    def run() -> None:
        from graphmap.i18n import t
        from graphmap.synth import DEFAULT_AS_OF, generate

        day = cli._as_of(as_of) or DEFAULT_AS_OF
        summary = generate(output, size=size.strip().upper(), seed=seed, formats=fmt.strip().lower(), as_of=day)
        cli.out_console.print(
            t(
                "synth.written",
                lg,
                size=summary.size,
                records=sum(summary.counts.values()),
                planted=len(summary.planted),
                path=str(summary.directory),
                as_of=summary.as_of.isoformat(),
            ),
            markup=False,
            soft_wrap=True,
        )

    cli._guard(lg, run)


def register(app: typer.Typer) -> None:
    """Add ``graphmap synth`` to ``app``."""
    app.command("synth")(synth_command)
