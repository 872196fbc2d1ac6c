"""Analyses of the overseas family."""

from __future__ import annotations

from graphmap.analyses.base import Analysis

__all__ = ["ANALYSES"]

ANALYSES: tuple[Analysis, ...] = ()
