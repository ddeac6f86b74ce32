"""Sorted, non-overlapping ranges of text to highlight, with a current one.

Search matches and entity mentions are both kept as a `Ranges`; the article
asks for the ranges overlapping a row with two bisects, so thousands of hits
cost nothing on rows that show none. Textual-free.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class Ranges:
    """Sorted `(start, end)` ranges; overlapping or empty ones are dropped."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(ranges):
            if end <= start or (self.ends and start < self.ends[-1]):
                continue
            self.starts.append(start)
            self.ends.append(end)
        self.current: int | None = None

    @classmethod
    def from_sorted(cls, starts: list[int], ends: list[int]) -> Ranges:
        """Ranges from lists already sorted and non-overlapping (search results): no copy."""
        ranges = cls()
        ranges.starts, ranges.ends = starts, ends
        return ranges

    def __len__(self) -> int:
        return len(self.starts)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def overlapping(self, start: int, end: int) -> range:
        """Indexes of the ranges that overlap `[start, end)`."""
        return range(bisect_right(self.ends, start), bisect_left(self.starts, end))

    def at(self, offset: int) -> int | None:
        """Index of the range containing `offset`, if any."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.ends[i]:
            return i
        return None

    def first_from(self, offset: int) -> int:
        """Index of the first range starting at or after `offset`, wrapping to 0."""
        i = bisect_left(self.starts, offset)
        return i if i < len(self.starts) else 0

    def step(self, forward: bool = True) -> int:
        """Move `current` to the next (or previous) range, wrapping; returns it."""
        count = len(self.starts)
        if self.current is None:
            self.current = 0 if forward else count - 1
        else:
            self.current = (self.current + (1 if forward else -1)) % count
        return self.current

    def span(self, index: int) -> tuple[int, int]:
        """The `(start, end)` of range `index`."""
        return self.starts[index], self.ends[index]
