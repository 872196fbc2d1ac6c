"""Shipped data files (ontology, shapes, reference data, saved queries),
loaded with :mod:`importlib.resources` so an installed wheel finds them."""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from graphmap import model as m

__all__ = ["HOME_COUNTRY", "checklist", "ontology_file", "queries_dir", "reference_countries"]

#: The home country of the guidance; flows abroad are flows outside it.
HOME_COUNTRY = "JP"


def ontology_file(name: str) -> Traversable:
    """A file of the shipped ``ontology/`` folder, e.g. ``graphmap.ttl``."""
    return resources.files("graphmap.ontology").joinpath(name)


def queries_dir() -> Traversable:
    """The shipped ``queries/`` folder."""
    return resources.files("graphmap.queries")


@cache
def _countries_yaml() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ontology_file("countries.yaml").read_text("utf-8"))
    countries: dict[str, Any] = data["countries"]
    return countries


def reference_countries() -> dict[str, m.Country]:
    """The reference country records: the strict export-control group and
    other common partner countries; law flags unknown."""
    return {
        code: m.Country(id=code, name_ja=v["ja"], name_en=v["en"], strict_export_control=v["strict"])
        for code, v in _countries_yaml().items()
    }


@cache
def checklist() -> dict[str, Any]:
    """The 32-item checklist with routes (``ontology/checklist.yaml``)."""
    data: dict[str, Any] = yaml.safe_load(ontology_file("checklist.yaml").read_text("utf-8"))
    return data
