"""check_dataset asks in bulk whether a record type has anything to report
and only then goes record by record; these tests hold it to the plain
record-by-record checks (same problems, same order) on random datasets full
of duplicate ids and links, unknown references, references of the wrong
type and references to rows that failed."""

from __future__ import annotations

import dataclasses
import os
from operator import attrgetter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphmap import model as m
from graphmap.dataset import Dataset, Location, Problem, ProblemKind, check_dataset

EXAMPLES = int(os.environ.get("GRAPHMAP_FUZZ_EXAMPLES", "0")) or 60


def _loc(loc: Location | None, column: str | None = None) -> Location:
    base = loc or Location(file="<data>")
    return base.at(column) if column else base


def _col(rec: m.Record, name: str) -> str:
    f = rec.field(name)
    return f"{f.ja} / {f.name}"


def reference_checks(ds: Dataset) -> list[Problem]:
    """The checks one record at a time (check_dataset without countries)."""
    problems: list[Problem] = []
    tables = [
        (cls, ds.records[cls.label], ds.locations.get(cls.label) or [None] * len(ds.records[cls.label]))
        for cls in m.RECORD_TYPES
        if ds.records.get(cls.label)
    ]
    seen: dict[str, tuple[str, Location | None]] = {}
    for cls, recs, locs in tables:
        if not issubclass(cls, m.NodeRecord):
            continue
        for rec, loc in zip(recs, locs, strict=True):
            if rec.id in seen:
                first = seen[rec.id][1]
                problems.append(
                    Problem(
                        kind=ProblemKind.duplicate_id,
                        location=_loc(loc, _col(rec, "id")),
                        value=rec.id,
                        first=first.render("en") if first else "",
                    )
                )
            else:
                seen[rec.id] = (cls.label, loc)
    for cls, recs, locs in tables:
        if cls.link is None:
            continue
        link_seen: dict[Any, int] = {}
        for i, rec in enumerate(recs):
            j = link_seen.setdefault(attrgetter(cls.link[0], cls.link[1])(rec), i)
            if j != i:
                first = locs[j]
                problems.append(
                    Problem(
                        kind=ProblemKind.duplicate_link,
                        location=_loc(locs[i]),
                        value=" / ".join(rec.key()),
                        first=first.render("en") if first else "",
                    )
                )
    for cls, recs, locs in tables:
        for rec, loc in zip(recs, locs, strict=True):
            for f in cls.fields():
                value = getattr(rec, f.name)
                if not f.ref or value is None:
                    continue
                for v in value if isinstance(value, list) else [value]:
                    target = seen.get(v)
                    if (target is not None and target[0] in f.ref) or (target is None and v in ds.failed_ids):
                        continue
                    problems.append(
                        Problem(
                            kind=ProblemKind.unknown_reference if target is None else ProblemKind.wrong_reference_type,
                            location=_loc(loc, _col(rec, f.name)),
                            value=v,
                            expected=" / ".join(f.ref),
                            actual="" if target is None else target[0],
                        )
                    )
    return problems


IDS = st.sampled_from(["A1", "A2", "A3", "P1", "P2", "S1", "S2", "T1", "X9"])
LOCS = st.one_of(st.none(), st.builds(Location, file=st.just("f.csv"), row=st.integers(2, 50)))


@st.composite
def datasets(draw: Any) -> Dataset:
    ds = Dataset()
    for rid in draw(st.lists(IDS, max_size=4)):
        ds.add(m.Organisation(id=rid, name="o", kind="supplier"), draw(LOCS))
    for rid in draw(st.lists(IDS, max_size=4)):
        employer = draw(st.one_of(st.none(), IDS))
        ds.add(m.Person(id=rid, name="p", employer=employer), draw(LOCS))
    ds.add(m.Technology(id="T1", name="t"), draw(LOCS))
    for rid in draw(st.lists(IDS, max_size=3)):
        ds.add(m.ProcessStep(id=rid, technology=draw(IDS), order=1, name="s"), draw(LOCS))
    for rid in draw(st.lists(IDS, max_size=3)):
        parties = draw(st.lists(IDS, min_size=1, max_size=3))
        ds.add(m.Contract(id=rid, title="c", kind="nda", parties=parties), draw(LOCS))
    for person, step in draw(st.lists(st.tuples(IDS, IDS), max_size=6)):
        ds.add(m.Knowledge(person=person, step=step), draw(LOCS))
    ds.failed_ids.update(draw(st.sets(IDS, max_size=2)))
    return ds


@settings(
    max_examples=EXAMPLES * 5,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow],
)
@given(ds=datasets())
def test_same_problems_in_the_same_order_as_record_by_record(ds: Dataset) -> None:
    want = [p.model_dump() for p in reference_checks(ds)]
    assert [p.model_dump() for p in check_dataset(ds, complete_countries=False)] == want


def test_a_clean_dataset_has_no_problems_and_a_dirty_one_all_of_them() -> None:
    ds = Dataset()
    ds.add(m.Organisation(id="O1", name="o", kind="supplier"))
    ds.add(m.Person(id="P1", name="p", employer="O1"))
    ds.add(m.Person(id="P2", name="q", employer="O1"))
    assert check_dataset(ds, complete_countries=False) == []
    ds.add(m.Person(id="O1", name="dup", employer="P1"), Location(file="people.csv", row=9))
    kinds = [p.kind for p in check_dataset(ds, complete_countries=False)]
    assert kinds == [ProblemKind.duplicate_id, ProblemKind.wrong_reference_type]


@settings(max_examples=EXAMPLES, deadline=None, derandomize=os.environ.get("CI") == "true")
@given(pairs=st.lists(st.tuples(IDS, IDS, st.sampled_from(["full", "partial"])), min_size=1, max_size=30))
def test_sorted_is_a_stable_sort_by_key(pairs: list[tuple[str, str, str]]) -> None:
    ds = Dataset()
    for i, (person, step, depth) in enumerate(pairs):
        ds.add(m.Knowledge(person=person, step=step, depth=depth), Location(file="k.csv", row=i + 2))
    ds.add(m.Organisation(id="B", name="b", kind="other"))
    ds.add(m.Organisation(id="A", name="a", kind="other"), Location(file="o.csv", row=2))
    want = sorted(zip(ds.records["Knowledge"], ds.locations["Knowledge"], strict=True), key=lambda p: p[0].key())
    out = ds.sorted()
    assert list(zip(out.records["Knowledge"], out.locations["Knowledge"], strict=True)) == want
    assert [r.id for r in out.records["Organisation"]] == ["A", "B"]
    assert out.locations["Organisation"] == [Location(file="o.csv", row=2), None]


def test_locations_of_rows_are_ordinary_locations() -> None:
    made = Location.of_rows("people.csv", "人員", range(2, 5))
    want = [Location("people.csv", "人員", row) for row in range(2, 5)]
    assert made == want
    assert [hash(x) for x in made] == [hash(x) for x in want]
    assert [repr(x) for x in made] == [repr(x) for x in want]
    assert made[0].at("id") == Location("people.csv", "人員", 2, "id")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made[0].row = 9  # type: ignore[misc]
