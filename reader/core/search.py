"""Search a document's display text: literal or regex, smart case, whole words.

Results are kept as two parallel offset lists (a search for `the` in a book
has tens of thousands of hits), with `Match` objects made on demand. Regex
search runs with a time limit, so a catastrophic pattern such as `(a+)+$`
ends with a `SearchError` instead of hanging the reader.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING

from reader.core.model import Document

if TYPE_CHECKING:
    import regex

DEFAULT_TIMEOUT = 2.0
MAX_MATCHES = 200_000


class SearchError(ValueError):
    """A query that cannot be run: an invalid regex, or one that took too long."""


@dataclass(frozen=True, slots=True)
class Query:
    """What to look for and how.

    `case` is True (match case), False (ignore case) or None: smart case, as
    in vim, ignoring case unless the query has a capital letter.
    """

    text: str
    regex: bool = False
    case: bool | None = None
    whole_word: bool = False

    @property
    def case_sensitive(self) -> bool:
        if self.case is not None:
            return self.case
        return any(ch.isupper() for ch in self.text)

    def compile(self) -> regex.Pattern[str]:
        """The compiled pattern, or `SearchError` with a readable reason."""
        import regex  # imported on first search: start-up stays fast

        pattern = self.text if self.regex else regex.escape(self.text)
        if self.whole_word:
            pattern = rf"(?<!\w)(?:{pattern})(?!\w)"
        flags = regex.V0 | (0 if self.case_sensitive else regex.IGNORECASE)
        try:
            return regex.compile(pattern, flags)
        except (regex.error, OverflowError, RecursionError) as error:
            raise SearchError(f"invalid regex: {error}") from None


@dataclass(frozen=True, slots=True)
class Match:
    """One hit: `text[start:end]`, inside the section with index `section` (-1: front matter)."""

    start: int
    end: int
    section: int


class SearchResult:
    """The ordered hits of one query over one document."""

    def __init__(self, doc: Document, query: Query, starts: list[int], ends: list[int], truncated: bool) -> None:
        self.doc = doc
        self.query = query
        self.starts = starts
        self.ends = ends
        self.truncated = truncated

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> Match:
        start = self.starts[i]
        return Match(start, self.ends[i], self.doc.section_at(start).index)

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def first_from(self, offset: int) -> int:
        """Index of the first hit at or after `offset`, wrapping to 0 past the last one."""
        i = bisect_left(self.starts, offset)
        return i if i < len(self.starts) else 0

    def between(self, start: int, end: int) -> range:
        """Indices of the hits that overlap `[start, end)`, for drawing highlights."""
        first = bisect_left(self.ends, start + 1)
        last = bisect_left(self.starts, end)
        return range(first, max(first, last))


class _Shifted(Sequence[int]):
    """`values[i] + shift`, made on demand: the ends of hits that all have one length."""

    __slots__ = ("values", "shift")

    def __init__(self, values: list[int], shift: int) -> None:
        self.values, self.shift = values, shift

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [value + self.shift for value in self.values[i]]
        return self.values[i] + self.shift


def _literal(doc: Document, query: Query) -> tuple[list[int], Sequence[int]] | None:
    """Hits of a plain literal query by `str.split` (C speed), or None when it does not apply.

    `split` finds the same leftmost, non-overlapping hits as a regex scan, and
    thousands of them (`e`, `the` in a book) cost no match objects.
    """
    if query.regex or query.whole_word:
        return None
    if query.case_sensitive:
        haystack, needle = doc.text, query.text
    else:
        haystack, needle = doc.lowered(), query.text.lower()
        if haystack is None or len(needle) != len(query.text):
            return None
    parts = haystack.split(needle, MAX_MATCHES)
    parts.pop()
    size = len(needle)
    # All in C, one int made per hit: the i-th hit starts after the first i+1 parts and i needles.
    starts = list(accumulate(map(add, map(len, parts), repeat(size)), initial=-size))
    starts.pop(0)
    return starts, _Shifted(starts, size)


def search(doc: Document, query: Query, *, timeout: float = DEFAULT_TIMEOUT) -> SearchResult:
    """Find every non-empty, non-overlapping hit of `query` in `doc.text`, in order."""
    if not query.text:
        return SearchResult(doc, query, [], [], False)
    fast = _literal(doc, query)
    if fast is not None:
        starts, ends = fast
        return SearchResult(doc, query, starts, ends, len(starts) >= MAX_MATCHES)
    pattern = query.compile()
    starts: list[int] = []
    ends: list[int] = []
    try:
        for m in pattern.finditer(doc.text, timeout=timeout, concurrent=True):
            if m.end() > m.start():
                starts.append(m.start())
                ends.append(m.end())
                if len(starts) >= MAX_MATCHES:
                    return SearchResult(doc, query, starts, ends, True)
    except TimeoutError:
        raise SearchError(f"too slow: gave up after {timeout:g} s") from None
    return SearchResult(doc, query, starts, ends, False)
