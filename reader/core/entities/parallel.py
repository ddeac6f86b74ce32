"""Run the rule extractor's first pass over parts of a big document at once.

The first pass (chunks to candidates) is local to each block, so a book's
blocks can be cut in a few runs, each scanned by its own process, and the
outputs joined in order are what one scan produces; the second pass and the
merge then run once over the whole. Processes are forked (POSIX only): a
forked child shares the parsed document and the word lists for free and
sends back only its candidates, as tuples. Wherever forking is unavailable or
a child fails, its part is done in this process instead.

Forks only from a process with no other threads (the entity child of
`reader.core.isolated` has none); elsewhere the parts run one after another.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..forking import can_fork, detach_standard_streams
from .candidates import Candidate
from .scan import Tok, Zone, can_split_at

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_MIN_CHARS = 200_000
"""Below this many characters one process is quicker than forking several."""

PassOne = tuple[list[Candidate], list[list[Tok]], list[Candidate]]
"""A first pass's output: candidates, deferred word runs, year candidates."""


def available_workers() -> int:
    """How many processes may split the work: the cores this process may use, if it can fork."""
    if not hasattr(os, "fork"):
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def split_zones(text: str, zones: list[Zone], parts: int) -> list[list[Zone]]:
    """`zones` cut into up to `parts` runs of about equal text, each cut where a scan can resume."""
    if parts < 2 or len(text) < PARALLEL_MIN_CHARS:
        return [zones]
    cuts = [0]
    for i in range(1, parts):
        target = len(text) * i // parts
        k = cuts[-1] + 1
        while k < len(zones) and (zones[k].start < target or not can_split_at(text, zones, k)):
            k += 1
        if k >= len(zones):
            break
        cuts.append(k)
    cuts.append(len(zones))
    return [zones[a:b] for a, b in zip(cuts, cuts[1:])]


def pack_pass(result: PassOne) -> tuple:
    """A first pass's output as plain tuples (a tenth of the pickling cost of the dataclasses)."""
    out, deferred, years = result
    return (
        [(c.start, c.end, c.text, c.type, c.weight, c.kind, c.canon, c.weak, c.heading, c.tokens) for c in out],
        [[(t.start, t.end, t.text, t.weak, t.low) for t in run] for run in deferred],
        [(c.start, c.end, c.text, c.type, c.weight, c.kind, c.canon, c.weak, c.heading, c.tokens) for c in years],
    )


def unpack_pass(packed: tuple) -> PassOne:
    """The output `pack_pass` packed."""
    out, deferred, years = packed
    return (
        [Candidate(*c) for c in out],
        [[Tok(*t) for t in run] for run in deferred],
        [Candidate(*c) for c in years],
    )


def fork_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    encode: Callable[[R], Any] = lambda r: r,
    decode: Callable[[Any], R] = lambda r: r,
) -> list[R]:
    """`[fn(item) for item in items]`, the first here and each other in a forked child.

    A child's result travels as `pickle(encode(result))` and comes back
    through `decode`; a part whose child could not start or failed is computed
    here afterwards, so the answer never depends on the forking.
    """
    if len(items) < 2 or not can_fork():
        return [fn(item) for item in items]
    children = [_fork(fn, item, encode) for item in items[1:]]
    results = [fn(items[0])]
    for item, child in zip(items[1:], children):
        packed = _collect(child)
        results.append(fn(item) if packed is _FAILED else decode(packed))
    return results


_FAILED = object()


def _fork(fn: Callable[[T], R], item: T, encode: Callable[[R], Any]) -> tuple[int, int] | None:
    """Start a child computing `fn(item)`; (its pid, the pipe to read it from), or None."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: compute, send, and leave without running any exit handler
        status = 1
        try:
            os.close(read)
            detach_standard_streams()
            data = pickle.dumps(encode(fn(item)), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _collect(child: tuple[int, int] | None) -> Any:
    """A child's decoded-to-pickle result, or `_FAILED`."""
    if child is None:
        return _FAILED
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return _FAILED
    try:
        return pickle.loads(data)
    except Exception:  # a truncated message: the child died while writing
        return _FAILED
