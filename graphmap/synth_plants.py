"""Planted exposures for :mod:`graphmap.synth`: small, clear-cut cases of
every analysis family added to a background company, each recorded with
the analysis that must find it and the subjects it must name."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graphmap.synth import Planted, _World

__all__ = ["plant"]


def plant(world: _World) -> list[Planted]:
    """Add the planted cases to ``world``; return what was planted."""
    return []
