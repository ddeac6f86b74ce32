"""Search a document's display text: literal or regex, smart case, whole words.

Results are `Ranges` of offsets, with `Match` objects made on demand. A
literal query is counted at C speed and its hits located only where they are
asked for (a search for `e` in a book has 300,000 of them). Regex
search runs with a time limit, so a catastrophic pattern such as `(a+)+$`
ends with a `SearchError` instead of hanging the reader.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING

from reader.core.accents import has_accents
from reader.core.model import Document
from reader.core.ranges import Ranges

if TYPE_CHECKING:
    import regex

_CODED = re.compile(r"\\[xuUNpP]")
"""A regex escape that names a character by code, name or property."""

DEFAULT_TIMEOUT = 2.0
MAX_MATCHES = 200_000


class SearchError(ValueError):
    """A query that cannot be run: an invalid regex, or one that took too long."""


@dataclass(frozen=True, slots=True)
class Query:
    """What to look for and how.

    `case` is True (match case), False (ignore case) or None: smart case, as
    in vim, ignoring case unless the query has a capital letter. `accents`
    works alike: None ignores accents on Latin letters (`natasha` finds
    `Natásha`, as a browser's find does) unless the query has one.
    """

    text: str
    regex: bool = False
    case: bool | None = None
    whole_word: bool = False
    accents: bool | None = None

    @property
    def case_sensitive(self) -> bool:
        if self.case is not None:
            return self.case
        return any(ch.isupper() for ch in self.text)

    @property
    def accent_sensitive(self) -> bool:
        if self.accents is not None:
            return self.accents
        # a regex may spell a character by its code (`caf\xe9`, `[^\x00-\x7f]`): it meant it exactly
        return has_accents(self.text) or (self.regex and _CODED.search(self.text) is not None)

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

    def __init__(self, doc: Document, query: Query, hits: Ranges, truncated: bool = False) -> None:
        self.doc = doc
        self.query = query
        self.hits = hits
        self.truncated = truncated

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, i: int) -> Match:
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        start, end = self.hits.span(i % len(self))
        return Match(start, end, self.doc.section_at(start).index)

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def first_from(self, offset: int) -> int:
        """Index of the first hit at or after `offset`, wrapping to 0 past the last one."""
        return self.hits.first_from(offset)

    def between(self, start: int, end: int) -> range:
        """Indices of the hits that overlap `[start, end)`, for drawing highlights."""
        return self.hits.overlapping(start, end)


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


def _split_starts(haystack: str, needle: str, offset: int = 0, limit: int = -1) -> list[int]:
    """Starts of the leftmost non-overlapping hits of `needle` in `haystack`, plus `offset`.

    `str.split` finds them at C speed, and thousands of hits (`e`, `the` in a
    book) cost one int each and no match objects.
    """
    parts = haystack.split(needle, limit)
    parts.pop()
    size = len(needle)
    # The i-th hit starts after the first i+1 parts and i needles.
    starts = list(accumulate(map(add, map(len, parts), repeat(size)), initial=offset - size))
    starts.pop(0)
    return starts


BLOCK = 1 << 15
"""Characters per block of a `LiteralHits`: its hits are located one block at a time."""


class LiteralHits(Ranges):
    """Every hit of a literal `needle` in `haystack`, counted at once and located on demand.

    Only for a needle no two of whose occurrences overlap in `haystack` (see
    `_overlaps`): then the hits are simply its occurrences, the hits starting
    in any block are those `str.count` and `str.split` find in that block
    (plus `len(needle) - 1` characters), and a keystroke of an incremental
    search over a book costs a C-speed count of each block and the hits of the
    one or two blocks on screen, however many there are (`e`: 300,000).
    """

    def __init__(self, haystack: str, needle: str) -> None:  # no `starts`/`ends` lists: see `span`
        self.current: int | None = None
        self.haystack, self.needle, self.size = haystack, needle, len(needle)
        reach = BLOCK + self.size - 1
        counts = (haystack.count(needle, block, block + reach) for block in range(0, len(haystack), BLOCK))
        self.firsts = list(accumulate(counts, initial=0))
        """Index of the first hit of each block; the last item is the number of hits."""
        self._located: dict[int, list[int]] = {}

    def _block(self, k: int) -> list[int]:
        """The starts of the hits in block `k`."""
        starts = self._located.get(k)
        if starts is None:
            begin = k * BLOCK
            starts = _split_starts(self.haystack[begin : begin + BLOCK + self.size - 1], self.needle, begin)
            self._located[k] = starts
        return starts

    def __len__(self) -> int:
        return self.firsts[-1]

    def span(self, index: int) -> tuple[int, int]:
        if not 0 <= index < len(self):
            raise IndexError(index)
        k = bisect_right(self.firsts, index) - 1  # the last block starting at or before it: never an empty one
        start = self._block(k)[index - self.firsts[k]]
        return start, start + self.size

    def index_from(self, offset: int) -> int:
        k = max(0, offset) // BLOCK
        if k >= len(self.firsts) - 1:
            return len(self)
        return self.firsts[k] + bisect_left(self._block(k), offset)

    def overlapping(self, start: int, end: int) -> range:
        return range(self.index_from(start - self.size + 1), self.index_from(end))


def _overlaps(haystack: str, needle: str) -> bool:
    """Whether two occurrences of `needle` overlap somewhere in `haystack` (`aa` in `aaa`).

    Occurrences `q` apart can overlap only when `q` is a period of the needle
    (its last `len - q` characters repeat its first ones); such a pair reads
    `needle[:q] + needle`. A needle with many periods (`aaaa`) counts as
    overlapping without looking.
    """
    size = len(needle)
    periods = [q for q in range(1, size) if needle.startswith(needle[q:])]
    return len(periods) > 4 or any(needle[:q] + needle in haystack for q in periods)


def _literal(doc: Document, query: Query) -> SearchResult | None:
    """The result of a plain literal query, or None when it needs the regex engine."""
    if query.regex or query.whole_word:
        return None
    if query.case_sensitive:
        haystack, needle = _haystack(doc, query), query.text
    else:
        haystack, needle = _haystack(doc, query, lower=True), query.text.lower()
        if haystack is None or len(needle) != len(query.text):
            return None
    if not _overlaps(haystack, needle):
        return SearchResult(doc, query, LiteralHits(haystack, needle))
    # `split` finds the same leftmost, non-overlapping hits as a regex scan.
    starts = _split_starts(haystack, needle, 0, MAX_MATCHES)
    hits = Ranges.from_sorted(starts, _Shifted(starts, len(needle)))
    return SearchResult(doc, query, hits, len(starts) >= MAX_MATCHES)


def _haystack(doc: Document, query: Query, *, lower: bool = False) -> str | None:
    """The copy of `doc.text` that `query` runs over (every offset the same): as written or
    lower-cased, with its accents or without; None (lower-cased only) where that would move offsets."""
    if query.accent_sensitive:
        return doc.lowered() if lower else doc.text
    return doc.unaccented(lower=lower)


def search(doc: Document, query: Query, *, timeout: float = DEFAULT_TIMEOUT) -> SearchResult:
    """Find every non-empty, non-overlapping hit of `query` in `doc.text`, in order."""
    if not query.text:
        return SearchResult(doc, query, Ranges())
    found = _literal(doc, query)
    if found is not None:
        return found
    pattern = query.compile()
    starts: list[int] = []
    ends: list[int] = []
    try:
        for m in pattern.finditer(_haystack(doc, query), timeout=timeout, concurrent=True):
            if m.end() > m.start():
                starts.append(m.start())
                ends.append(m.end())
                if len(starts) >= MAX_MATCHES:
                    return SearchResult(doc, query, Ranges.from_sorted(starts, ends), True)
    except TimeoutError:
        raise SearchError(f"too slow: gave up after {timeout:g} s") from None
    return SearchResult(doc, query, Ranges.from_sorted(starts, ends))
