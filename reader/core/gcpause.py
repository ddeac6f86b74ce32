"""Pause the cyclic garbage collector around bursts of small, acyclic objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic GC inside the block.

    Building (or unpickling) a few hundred thousand small objects triggers
    collections that each walk every object alive, the parsed document too,
    which can double the cost. Only the block that paused the collector turns
    it back on, so nested and concurrent uses are safe.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
