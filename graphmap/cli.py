"""The ``graphmap`` command line (Typer + Rich).

Thin by design: each command parses its options, calls the library and
prints.  Bad input ends with every problem listed, exit code 2 and no
traceback; nothing is written when input has problems.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from graphmap.cli_options import AsOfOpt, KeyFileOpt, LangOpt, NoPersonalOpt, OutputOpt, RedactOpt, Sources
from graphmap.dataset import Dataset, ProblemsFound
from graphmap.i18n import default_lang, normalise_lang, t
from graphmap.inputs import InputError, load_input
from graphmap.privacy import OutputPrivacy, Redactor
from graphmap.workspace import DEFAULT_WORKSPACE

__all__ = ["app", "main"]

app = typer.Typer(
    name="graphmap",
    help=("技術流出の経路を知識グラフで可視化・分析します。 / Knowledge-graph exposure mapper for technology leakage."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
export_app = typer.Typer(help="グラフを書き出します。 / Export the graph.", no_args_is_help=True)
app.add_typer(export_app, name="export")

err_console = Console(stderr=True, highlight=False)
out_console = Console(highlight=False)

EXIT_BAD_INPUT = 2

FormatOpt = Annotated[str, typer.Option("--format", "-f", help="出力形式 table|json / output format table|json.")]
WorkspaceOpt = Annotated[
    Path,
    typer.Option("--workspace", "-w", help="ワークスペースのフォルダ / workspace folder."),
]


def _lang(lang: str | None) -> str:
    return normalise_lang(lang) if lang else default_lang()


F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def _progress(lang: str) -> Iterator[Callable[[str], None]]:
    """A progress display on stderr while sources are read."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )
    with progress:
        task = progress.add_task(t("cli.reading", lang), total=None)

        def advance(name: str) -> None:
            progress.update(task, description=f"{t('cli.reading', lang)}: {name}", advance=1)

        yield advance


def _load(
    sources: list[Path] | None,
    lang: str,
    workspace: Path | None = None,
    privacy: OutputPrivacy | None = None,
) -> Dataset:
    """Read and check the sources; then apply ``--no-personal-data`` and
    ``--redact`` so nothing downstream ever sees what they remove."""
    return _load_private(sources, lang, workspace, privacy)[0]


def _load_private(
    sources: list[Path] | None,
    lang: str,
    workspace: Path | None = None,
    privacy: OutputPrivacy | None = None,
) -> tuple[Dataset, Redactor | None]:
    """:func:`_load`, also giving the redactor (to translate ids a user typed)."""
    with _progress(lang) as advance:
        ds = load_input(sources or [], workspace=workspace, on_item=advance)
    _print_notices(ds, lang)
    if privacy is None:
        return ds, None
    home = workspace or DEFAULT_WORKSPACE
    ds, redactor = privacy.apply(ds, home)
    if redactor is not None:
        err_console.print(
            t("privacy.key_written", lang, path=str(privacy.key_path(home)), count=len(redactor.codenames))
        )
    return ds, redactor


#: The most notices one run prints; the rest are counted.
MAX_NOTICES = 20


def _print_notices(ds: Dataset, lang: str) -> None:
    """Tell the user how the input was read where it was not taken as
    written (ids normalised, merged cells filled, dates in the future)."""
    if not ds.notices:
        return
    for p in ds.notices[:MAX_NOTICES]:
        err_console.print(p.render(lang), markup=False, soft_wrap=True, style="yellow")
    if len(ds.notices) > MAX_NOTICES:
        err_console.print(t("cli.notices.more", lang, count=len(ds.notices) - MAX_NOTICES))
    err_console.print(f"[yellow]{t('cli.notices', lang, count=len(ds.notices))}[/]")


def _print_problems(exc: ProblemsFound, lang: str) -> None:
    if not err_console.is_terminal:
        # one line per problem: readable in logs and easy to grep
        for p in exc.problems:
            err_console.print(p.render(lang), markup=False, soft_wrap=True)
    else:
        _problem_table(exc, lang)
    if exc.total > len(exc.problems):
        err_console.print(t("problem.truncated", lang, value=len(exc.problems)))
    err_console.print(f"[bold red]{t('cli.problems', lang, count=exc.total)}[/]")


def _problem_table(exc: ProblemsFound, lang: str) -> None:
    table = Table(show_header=True, header_style="bold", expand=False)
    for key in ("loc.file", "loc.sheet", "loc.row", "loc.column", "problem.header"):
        table.add_column(t(key, lang), overflow="fold")
    for p in exc.problems:
        loc = p.location
        table.add_row(
            loc.file,
            loc.sheet or "",
            "" if loc.row is None else str(loc.row),
            loc.column or "",
            p.message(lang),
        )
    err_console.print(table)


def _guard(lang: str, fn: Callable[[], None]) -> None:
    """Run ``fn``; turn expected failures into a message and exit code 2."""
    try:
        fn()
    except ProblemsFound as exc:
        _print_problems(exc, lang)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except InputError as exc:
        err_console.print(f"[bold red]{t(exc.key, lang, **exc.params)}[/]")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except KeyboardInterrupt:
        err_console.print("interrupted / 中断しました")
        raise typer.Exit(130) from None


# ------------------------------------------------------------------ commands


@app.command("import")
def import_(
    sources: Sources = None,
    workspace: WorkspaceOpt = DEFAULT_WORKSPACE,
    lang: LangOpt = None,
) -> None:
    """取り込み: 入力を検証してワークスペースに保存します。 / Import: check the inputs and store them in a workspace."""
    lg = _lang(lang)

    def run() -> None:
        from graphmap.workspace import save_dataset

        if not sources:
            raise InputError("cli.no_source")
        ds = _load(sources, lg)
        path = save_dataset(workspace, ds)
        out_console.print(t("cli.import.ok", lg, count=len(ds), path=str(path.parent)))

    _guard(lg, run)


@app.command()
def validate(
    sources: Sources = None,
    shacl: Annotated[
        bool, typer.Option("--shacl/--no-shacl", help="SHACL 検証も行う / also run SHACL validation.")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """検証: 入力の問題をすべて表示します（書き込みなし）。 / Validate: list every problem in the inputs; writes nothing."""
    lg = _lang(lang)

    def run() -> None:
        if shacl:
            _shacl_on_rdf_files(sources or [], lg)
        ds = _load(sources, lg)
        out_console.print(t("cli.validate.ok", lg, count=len(ds)))
        if shacl:
            _run_shacl(ds, lg)

    _guard(lg, run)


def _shacl_on_rdf_files(sources: list[Path], lang: str) -> None:
    """SHACL on RDF sources as written, before they are read into records,
    so a broken Turtle file gets the shapes' own messages."""
    from importers import source_files
    from importers.turtle import RDF_FORMATS, parse_rdf_file

    for source in sources:
        for file in source_files(source) if source.exists() else []:
            if file.suffix.lower() not in RDF_FORMATS:
                continue
            graph, problems = parse_rdf_file(file)
            if graph is None:
                raise ProblemsFound(problems)
            _shacl_report(graph, lang)


def _run_shacl(ds: Dataset, lang: str) -> None:
    from graphmap.rdf import dataset_to_rdf

    _shacl_report(dataset_to_rdf(ds), lang)


def _shacl_report(graph: Any, lang: str) -> None:
    from graphmap.rdf import validate_shacl

    conforms, violations = validate_shacl(graph)
    if conforms:
        out_console.print(t("cli.shacl.ok", lang))
        return
    for v in violations:
        err_console.print(f"- {v.render(lang)}")
    err_console.print(f"[bold red]{t('cli.shacl.fail', lang, count=len(violations))}[/]")
    raise typer.Exit(EXIT_BAD_INPUT)


@app.command()
def template(
    output: Annotated[Path, typer.Option("--output", "-o", help="出力先 .xlsx / output workbook.")] = Path(
        "graphmap-template.xlsx"
    ),
    force: Annotated[bool, typer.Option("--force", help="上書きする / overwrite.")] = False,
    lang: LangOpt = None,
) -> None:
    """テンプレート: 全シート・日英見出し・選択肢付きの空のブックを書き出します。 / Template: write an empty workbook with every sheet, bilingual headers and drop-downs."""
    lg = _lang(lang)

    def run() -> None:
        from importers.excel import write_workbook

        if output.exists() and not force:
            raise InputError("cli.exists", path=str(output))
        write_workbook(Dataset(), output, template=True)
        out_console.print(t("cli.template.ok", lg, path=str(output)))

    _guard(lg, run)


@app.command()
def stats(
    sources: Sources = None,
    fmt: FormatOpt = "table",
    lang: LangOpt = None,
) -> None:
    """件数: ノードの種類・エッジの種類ごとの件数を表示します。 / Stats: counts per node label and edge type."""
    lg = _lang(lang)

    def run() -> None:
        from collections import Counter

        from graphmap.graph import build_graph

        g = build_graph(_load(sources, lg))
        nodes = Counter(d["label"] for _, d in g.nodes(data=True))
        edges = Counter(k for _, _, k in g.edges(keys=True))
        if fmt == "json":
            sys.stdout.write(
                json.dumps({"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}, indent=1)
                + "\n"
            )
            return
        table = Table(title=t("stats.title", lg))
        table.add_column(t("stats.type", lg))
        table.add_column(t("stats.count", lg), justify="right")
        for label, n in sorted(nodes.items()):
            table.add_row(f"{t('stats.nodes', lg)}: {label}", str(n))
        for etype, n in sorted(edges.items()):
            table.add_row(f"{t('stats.edges', lg)}: {etype}", str(n))
        out_console.print(table)

    _guard(lg, run)


def _as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError("cli.bad_date", value=value) from None


def _emit(text: str, output: Path | None, lang: str) -> None:
    """Print ``text`` or write it atomically to ``output``."""
    if output is None:
        sys.stdout.write(text)
        return
    from graphmap.fileio import atomic_write_text

    atomic_write_text(output, text, encoding="utf-8-sig" if output.suffix.lower() == ".csv" else "utf-8")
    err_console.print(t("cli.written", lang, path=str(output)))


def _parse_params(values: list[str] | None) -> dict[str, dict[str, Any]]:
    """``analysis.param=value`` pairs; values parsed as JSON when they can be."""
    out: dict[str, dict[str, Any]] = {}
    for item in values or []:
        key, sep, raw = item.partition("=")
        analysis_id, dot, name = key.partition(".")
        if not sep or not dot or not analysis_id or not name:
            raise InputError("cli.bad_param", value=item)
        try:
            value: Any = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        out.setdefault(analysis_id, {})[name] = value
    return out


@app.command()
def analyze(
    sources: Sources = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
    only: Annotated[
        list[str] | None,
        typer.Option("--only", help="分析の絞り込み（系統・ID・系統/ID） / family, id or family/id; repeatable."),
    ] = None,
    min_severity: Annotated[str, typer.Option("--min-severity", help="critical | high | medium | low")] = "low",
    param: Annotated[
        list[str] | None,
        typer.Option("--param", help="パラメータ 分析ID.名前=値 / analysis.param=value; repeatable."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="表に出す件数（0 で全件） / rows in the table (0: all).")] = 30,
    map_path: Annotated[
        Path | None,
        typer.Option("--map", help="会社全体の地図を HTML で書き出す / also write the company map (HTML)."),
    ] = None,
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
    redact: RedactOpt = False,
    key_file: KeyFileOpt = None,
    no_personal: NoPersonalOpt = False,
    lang: LangOpt = None,
) -> None:
    """分析: 集中点・未カバーの提供・支配関係・流出経路を検出します。 / Analyze: find concentration points, uncovered flows, control chains and leakage paths."""
    lg = _lang(lang)

    def run() -> None:
        from graphmap.analyses import Severity, run_analyses
        from graphmap.graph import build_graph
        from graphmap.report_text import findings_csv, findings_json, findings_table

        if min_severity not in {s.value for s in Severity}:
            raise InputError("cli.bad_choice", value=min_severity, expected="critical, high, medium, low")
        if fmt not in ("table", "json", "csv"):
            raise InputError("cli.bad_choice", value=fmt, expected="table, json, csv")
        day = _as_of(as_of)
        params = _parse_params(param)
        g = build_graph(_load(sources, lg, privacy=OutputPrivacy(redact, no_personal, key_file)))
        try:
            findings = run_analyses(g, as_of=day, only=only, min_severity=min_severity, params=params)
        except KeyError as exc:
            raise InputError("cli.unknown_analysis", value=str(exc).strip("'")) from None
        except TypeError as exc:
            raise InputError("cli.bad_param", value=str(exc)) from None
        if fmt == "json":
            _emit(findings_json(findings), output, lg)
        elif fmt == "csv":
            _emit(findings_csv(findings, lg), output, lg)
        else:
            out_console.print(findings_table(findings, lg, limit=limit))
        if map_path is not None:
            from graphmap.render import company_view, write_map

            write_map(map_path, g, company_view(g), findings, lang=lg, as_of=day)
            err_console.print(t("cli.map.written", lg, path=str(map_path.resolve())))

    _guard(lg, run)


@app.command()
def checklist(
    sources: Sources = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
    redact: RedactOpt = False,
    key_file: KeyFileOpt = None,
    lang: LangOpt = None,
) -> None:
    """チェックリスト: 32項目の対応状況（対応済み・要対応・判断材料なし）を経路別に表示します。 / Checklist: all 32 measures by route: met, missed (with findings) or not evidenced."""
    lg = _lang(lang)

    def run() -> None:
        from graphmap.analyses import run_analyses
        from graphmap.checklist import checklist_status
        from graphmap.graph import build_graph
        from graphmap.report_text import checklist_csv, checklist_json, checklist_table

        if fmt not in ("table", "json", "csv"):
            raise InputError("cli.bad_choice", value=fmt, expected="table, json, csv")
        day = _as_of(as_of)
        g = build_graph(_load(sources, lg, privacy=OutputPrivacy(redact=redact, key_file=key_file)))
        statuses = checklist_status(g, run_analyses(g, as_of=day))
        if fmt == "json":
            _emit(checklist_json(statuses), output, lg)
        elif fmt == "csv":
            _emit(checklist_csv(statuses, lg), output, lg)
        else:
            out_console.print(checklist_table(statuses, lg))

    _guard(lg, run)


@export_app.command("rdf")
def export_rdf(
    sources: Sources = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="出力先 / output file.")] = Path("graphmap.ttl"),
    rdf_format: Annotated[str, typer.Option("--rdf-format", help="turtle | json-ld | nt")] = "turtle",
    redact: RedactOpt = False,
    key_file: KeyFileOpt = None,
    no_personal: NoPersonalOpt = False,
    lang: LangOpt = None,
) -> None:
    """RDF 書き出し（Turtle など）。 / Export the graph as RDF (Turtle, JSON-LD, N-Triples)."""
    lg = _lang(lang)

    def run() -> None:
        from graphmap.fileio import atomic_write_text
        from graphmap.rdf import dataset_to_rdf

        g = dataset_to_rdf(_load(sources, lg, privacy=OutputPrivacy(redact, no_personal, key_file)))
        atomic_write_text(output, g.serialize(format=rdf_format))
        out_console.print(t("cli.export.ok", lg, path=str(output), count=len(g)))

    _guard(lg, run)


@app.command()
def redact(
    sources: Sources = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="出力先（.xlsx またはCSVフォルダ） / output workbook (.xlsx) or CSV folder."),
    ] = Path("graphmap-redacted.xlsx"),
    key_file: KeyFileOpt = None,
    no_personal: NoPersonalOpt = False,
    force: Annotated[bool, typer.Option("--force", help="上書きする / overwrite.")] = False,
    lang: LangOpt = None,
) -> None:
    """秘匿化: 人物・取引先をコードネームにした入力データを書き出します（キーは別ファイル）。 / Redact: write the inputs with people and partners replaced by codenames; the key is kept apart."""
    lg = _lang(lang)

    def run() -> None:
        from importers import write_source

        if output.exists() and not force:
            raise InputError("cli.exists", path=str(output))
        ds = _load(sources, lg, privacy=OutputPrivacy(True, no_personal, key_file))
        write_source(ds, output)
        out_console.print(t("privacy.redacted", lg, path=str(output), count=len(ds)))

    _guard(lg, run)


# ------------------------------------------------------- commands elsewhere
# Larger command groups live in their own modules and register here.


def _register_extensions() -> None:
    import importlib

    for module in _EXTENSIONS:
        importlib.import_module(module).register(app)


#: Modules with a ``register(app)`` function adding their commands.
_EXTENSIONS: tuple[str, ...] = ("graphmap.cli_neo4j", "graphmap.cli_map", "graphmap.cli_synth", "graphmap.cli_review")

_register_extensions()


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
