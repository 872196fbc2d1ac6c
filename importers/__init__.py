"""Importers: read the spreadsheets a company keeps into a checked dataset.

A source is a workbook (.xlsx), a single file (.csv named after its record
type, .yaml/.yml/.json, .ttl/.jsonld) or a folder of such files.  Readers do
I/O and hand rows to :mod:`importers.tabular`, which turns them into model
records; :func:`read_sources` then runs the whole-dataset checks.  Every
problem of a run is collected (up to :data:`graphmap.dataset.MAX_PROBLEMS`
listed) with its file, sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from operator import attrgetter
from pathlib import Path

from graphmap.dataset import (
    MAX_PROBLEMS,
    Dataset,
    Location,
    Problem,
    ProblemKind,
    check_dataset,
    iter_problems_sorted,
)

__all__ = [
    "EVENT_DATES",
    "SUFFIXES",
    "future_date_notices",
    "read_source",
    "read_sources",
    "source_files",
    "write_source",
]

SUFFIXES = {".xlsx", ".xlsm", ".csv", ".yaml", ".yml", ".json", ".ttl", ".jsonld"}


def source_files(path: Path) -> list[Path]:
    """The files a source stands for: itself, or a folder's readable files
    (sorted; hidden files and Excel lock files ``~$...`` skipped)."""
    if path.is_dir():
        return sorted(
            p
            for p in path.iterdir()
            if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$"))
        )
    return [path]


def read_source(path: Path, ds: Dataset, *, on_item: Callable[[str], None] | None = None) -> list[Problem]:
    """Read one file into ``ds`` by its suffix; return its problems."""
    from importers.csvfiles import read_csv
    from importers.excel import read_workbook
    from importers.yamljson import read_structured

    suffix = path.suffix.lower()
    if not path.exists():
        return [Problem(kind=ProblemKind.bad_file, location=Location(file=str(path)), value="not found")]
    if on_item is not None and suffix not in (".xlsx", ".xlsm"):
        on_item(path.name)
    if suffix in (".xlsx", ".xlsm"):
        return read_workbook(path, ds, on_sheet=on_item)
    if suffix == ".csv":
        return read_csv(path, ds)
    if suffix in (".yaml", ".yml", ".json"):
        return read_structured(path, ds)
    if suffix in (".ttl", ".jsonld"):
        from importers.turtle import read_turtle

        sub, problems = read_turtle(path)
        ds.extend(sub)
        return problems
    return [
        Problem(
            kind=ProblemKind.bad_file,
            location=Location(file=str(path)),
            value=f"unsupported file type {suffix or '(none)'}; expected one of {', '.join(sorted(SUFFIXES))}",
        )
    ]


def read_sources(
    paths: Iterable[Path], *, on_item: Callable[[str], None] | None = None
) -> tuple[Dataset, list[Problem], int]:
    """Read every source, then check the whole dataset.

    Returns the dataset (in canonical order), the problems (sorted, at most
    ``MAX_PROBLEMS``) and the total number of problems.
    """
    from graphmap.gcpause import paused_gc

    with paused_gc(freeze=True):  # millions of acyclic objects: see graphmap.gcpause
        ds = Dataset()
        problems: list[Problem] = []
        for path in paths:
            for file in source_files(Path(path)):
                problems.extend(read_source(file, ds, on_item=on_item))
        problems.extend(check_dataset(ds))
        ds.notices.extend(future_date_notices(ds))
        ds.notices[:] = iter_problems_sorted(ds.notices)
        ordered = iter_problems_sorted(problems)
        return ds.sorted(), ordered[:MAX_PROBLEMS], len(ordered)


#: Date fields recording something that has happened (as opposed to plans
#: and terms such as a planned retirement, a contract's end or a return
#: due date, or a scheduled revocation or departure).  One of these after
#: today is most likely a typo, so the user is told; the record is kept.
EVENT_DATES: dict[str, tuple[str, ...]] = {
    "Country": ("reviewed",),
    "Organisation": ("founded",),
    "Policy": ("reviewed",),
    "Person": ("joined", "trained", "special_training"),
    "DueDiligence": ("date",),
    "Disclosure": ("date",),
    "Access": ("granted",),
    "Directorship": ("since",),
}


def future_date_notices(ds: Dataset, today: dt.date | None = None) -> list[Problem]:
    """A ``future_date`` notice for every event date (:data:`EVENT_DATES`)
    after ``today`` (default: the system date)."""
    day = today or dt.date.today()
    out: list[Problem] = []
    # the rule is no event date after the day: record types without one are
    # passed over in bulk, the others gone through record by record
    later = {
        label
        for label, names in EVENT_DATES.items()
        for name in names
        if any(d is not None and d > day for d in map(attrgetter(name), ds.records.get(label, ())))
    }
    if not later:
        return out
    for rec, loc in ds.with_locations():
        names = EVENT_DATES.get(rec.label)
        if not names or rec.label not in later:
            continue
        for name in names:
            value = getattr(rec, name)
            if value is not None and value > day:
                f = rec.field(name)
                base = loc or Location(file="<data>")
                out.append(
                    Problem(
                        kind=ProblemKind.future_date,
                        location=base.at(f"{f.ja} / {f.name}"),
                        value=value.isoformat(),
                        expected=day.isoformat(),
                    )
                )
    return out


def write_source(ds: Dataset, path: Path) -> list[Path]:
    """Write ``ds`` as a workbook (path ending in .xlsx) or a folder of CSV
    files (any other path)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from importers.excel import write_workbook

        write_workbook(ds, path)
        return [path]
    from importers.csvfiles import write_csv_dir

    return write_csv_dir(ds, path)
