"""Shared by the analysis tests: build a checked graph context."""

from __future__ import annotations

import datetime as dt

from graphmap import model as m
from graphmap.analyses.base import Context
from graphmap.dataset import Dataset, check_dataset
from graphmap.graph import build_graph

#: The date the analysis tests judge by (the bundled example's "today").
AS_OF = dt.date(2026, 11, 21)


def ctx_of(ds: Dataset, as_of: dt.date = AS_OF) -> Context:
    """The analysis context of ``ds``, which must pass the dataset checks."""
    assert check_dataset(ds) == []
    return Context(build_graph(ds), as_of)


def supplier_and_competitor() -> Dataset:
    """Our company, one core technology with two steps and one top-secret
    asset, a domestic supplier and a competitor."""
    ds = Dataset()
    ds.add(m.Organisation(id="SELF", name="自社", kind="self", country="JP"))
    ds.add(m.Organisation(id="SUP", name="部材商事", kind="supplier", country="JP"))
    ds.add(m.Organisation(id="COMP", name="競合工業", kind="competitor", country="JP"))
    ds.add(m.Technology(id="T1", name="焼成技術", grading=["core"]))
    ds.add(m.ProcessStep(id="S1", technology="T1", order=1, name="混合"))
    ds.add(m.ProcessStep(id="S2", technology="T1", order=2, name="焼成"))
    ds.add(m.InformationAsset(id="A1", name="焼成条件表", technologies=["T1"], secrecy="top_secret"))
    return ds
