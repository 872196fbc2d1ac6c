"""Shared by the analysis tests: build a checked graph context."""

from __future__ import annotations

import datetime as dt

from graphmap.analyses.base import Context
from graphmap.dataset import Dataset, check_dataset
from graphmap.graph import build_graph

#: The date the analysis tests judge by (the bundled example's "today").
AS_OF = dt.date(2026, 11, 21)


def ctx_of(ds: Dataset, as_of: dt.date = AS_OF) -> Context:
    """The analysis context of ``ds``, which must pass the dataset checks."""
    assert check_dataset(ds) == []
    return Context(build_graph(ds), as_of)
