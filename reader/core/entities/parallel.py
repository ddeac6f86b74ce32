"""Cut a big document's first pass into parts that processes can share (`forking.fork_map`).

The first pass (chunks to candidates) is local to each block, so a book's
blocks can be cut in runs, each scanned on its own, and the outputs joined
in order are what one scan produces; the second pass and the merge then run
once over the whole. A part's output crosses between processes as tuples.
"""

from __future__ import annotations

from .candidates import Candidate
from .scan import Tok, Zone, can_split_at

PARALLEL_MIN_CHARS = 200_000
"""Below this many characters one process is quicker than forking several."""

PassOne = tuple[list[Candidate], list[list[Tok]], list[Candidate]]
"""A first pass's output: candidates, deferred word runs, year candidates."""


def split_zones(text: str, zones: list[Zone], parts: int) -> list[list[Zone]]:
    """`zones` cut into up to `parts` runs, each cut where a scan can resume: the first half
    twice as long as the rest, so that the processes taking them one at a time end together
    (the last ones taken are short; each is about 0.1 s of a book's scan)."""
    if parts < 2 or len(text) < PARALLEL_MIN_CHARS:
        return [zones]
    weights = [2] * (parts // 2) + [1] * (parts - parts // 2)
    total = sum(weights)
    cuts, share = [0], 0
    for weight in weights[:-1]:
        share += weight
        target = len(text) * share // total
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
