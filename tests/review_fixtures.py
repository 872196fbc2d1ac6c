"""A workspace with two quarterly snapshots of the example company, for the
review tests: 2026Q3 is the example as of the quarter's end; by 2026Q4 the
three disclosures to the outside generative-AI service have been taken out
of the records (those findings resolve) and a quarter has passed (samples
fall overdue, training expires: new findings)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graphmap import model as m
from graphmap.dataset import Dataset, check_dataset
from graphmap.inputs import load_input

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "company" / "company.xlsx"
#: disclosures gone by 2026Q4
REMOVED = frozenset({"DISC-0142", "DISC-0143", "DISC-0144"})


def example() -> Dataset:
    return load_input([EXAMPLE])


def without(ds: Dataset, ids: frozenset[str]) -> Dataset:
    out = Dataset()
    for rec in ds:
        if isinstance(rec, m.NodeRecord) and rec.id in ids:
            continue
        out.add(rec)
    assert not check_dataset(out), "the 2026Q4 copy must stay a valid dataset"
    return out


def original_names(ds: Dataset) -> list[str]:
    """Every person's and outside organisation's name (what a redacted
    output must not contain)."""
    names = [p.name for p in ds.of(m.Person)]
    names += [o.name for o in ds.of(m.Organisation) if o.kind != m.OrgKind.self_]
    return sorted(set(names))


def original_ids(ds: Dataset) -> list[str]:
    ids = [p.id for p in ds.of(m.Person)]
    ids += [o.id for o in ds.of(m.Organisation) if o.kind != m.OrgKind.self_]
    return sorted(ids)


def two_quarters(workspace: Path) -> Dataset:
    """Store 2026Q3 and 2026Q4 snapshots in ``workspace``; returns the full
    example dataset."""
    from graphmap.review.snapshot import build_snapshot, save_snapshot

    ds = example()
    save_snapshot(workspace, build_snapshot(ds, "2026Q3", as_of=dt.date(2026, 9, 30)))
    save_snapshot(workspace, build_snapshot(without(ds, REMOVED), "2026Q4"))
    return ds
