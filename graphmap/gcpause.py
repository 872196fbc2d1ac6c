"""Pausing Python's cyclic garbage collector while building large data.

Importing a large company allocates millions of small objects (records,
locations, attribute dicts) that hold no reference cycles.  The cyclic
collector still traverses the ever-growing heap again and again while they
are made, which costs more than building them.  Reference counting frees
everything as usual while the collector is paused; only cycles wait until
it is switched back on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic garbage collector for the block, restoring its
    previous state afterwards (nested uses are fine).

    >>> with paused_gc():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
