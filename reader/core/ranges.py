"""Sorted, non-overlapping ranges of text with a current one: search hits and entity mentions.

The article asks for the ranges overlapping a row, so thousands of hits cost
nothing on rows that show none. `Ranges` holds its offsets in two lists;
`search.LiteralHits` answers the same questions while locating its hits only
where they are asked for. Both are read only through the methods below.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence


class Ranges:
    """Sorted `(start, end)` ranges; overlapping or empty ones are dropped."""

    starts: Sequence[int]
    ends: Sequence[int]

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(ranges):
            if end <= start or (ends and start < ends[-1]):
                continue
            starts.append(start)
            ends.append(end)
        self.starts, self.ends = starts, ends
        self.current: int | None = None

    @classmethod
    def from_sorted(cls, starts: Sequence[int], ends: Sequence[int]) -> Ranges:
        """Ranges from sequences already sorted and non-overlapping (search results): no copy."""
        ranges = cls()
        ranges.starts, ranges.ends = starts, ends
        return ranges

    def __len__(self) -> int:
        return len(self.starts)

    def __bool__(self) -> bool:
        return len(self) > 0

    def span(self, index: int) -> tuple[int, int]:
        """The `(start, end)` of range `index`."""
        return self.starts[index], self.ends[index]

    def overlapping(self, start: int, end: int) -> range:
        """Indexes of the ranges that overlap `[start, end)`."""
        return range(bisect_right(self.ends, start), bisect_left(self.starts, end))

    def index_from(self, offset: int) -> int:
        """Index of the first range starting at or after `offset` (`len(self)` if none)."""
        return bisect_left(self.starts, offset)

    def at(self, offset: int) -> int | None:
        """Index of the range containing `offset`, if any."""
        i = self.index_from(offset + 1) - 1
        if i >= 0 and offset < self.span(i)[1]:
            return i
        return None

    def first_from(self, offset: int) -> int:
        """Index of the first range starting at or after `offset`, wrapping to 0."""
        i = self.index_from(offset)
        return i if i < len(self) else 0

    def step(self, forward: bool = True) -> int:
        """Move `current` to the next (or previous) range, wrapping; returns it."""
        count = len(self)
        if self.current is None:
            self.current = 0 if forward else count - 1
        else:
            self.current = (self.current + (1 if forward else -1)) % count
        return self.current
