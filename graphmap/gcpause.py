"""Pausing Python's cyclic garbage collector while building large data.

Importing a large company allocates millions of small objects (records,
locations, attribute dicts) that hold no reference cycles.  The cyclic
collector still traverses the ever-growing heap again and again while they
are made, which costs more than building them.  Reference counting frees
everything as usual while the collector is paused; only cycles wait until
it is switched back on.

When the collector comes back on, its next full collection would traverse
all of that data once more, and again every time the heap has grown by a
quarter, during the analyses.  With ``freeze=True`` the objects built are
moved to the collector's permanent generation instead (:func:`gc.freeze`):
later collections skip them, while reference counting still frees them
as soon as they are no longer used.  The price is that reference cycles
already unreachable at that moment are kept until the process ends; the
importers and the graph builder make none, so that is at most the small
change of the calling program.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc(*, freeze: bool = False) -> Iterator[None]:
    """Disable the cyclic garbage collector for the block, restoring its
    previous state afterwards (nested uses are fine); with ``freeze``,
    move every object tracked so far to the permanent generation on the
    way out.

    >>> with paused_gc():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()
