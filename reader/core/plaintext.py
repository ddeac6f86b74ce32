"""Parse plain text: scraped articles (a paragraph per line) and hard-wrapped books.

An article's first short line is its title; headings are found by shape
(short, no closing punctuation, followed by body text); `* `, `- ` and `• `
lines are bullets, with an optional `Label: text`. A hard-wrapped book has its
blank-line-separated paragraphs reflowed into one block each, and its
`BOOK …`/`EPILOGUE`/`CHAPTER …` lines become nested sections.
"""

from __future__ import annotations

import re
from itertools import accumulate, count, repeat
from operator import add
from typing import NamedTuple

from reader.core.builder import Piece, TextBuilder
from reader.core.model import Block, BlockKind

_BULLET = re.compile(r"^([ \t]*)(?:[*•\-–‣◦▪]|\d{1,3}[.)])[ \t]+(?=\S)")
_BULLET_AFTER_BREAK = re.compile(r"\n[ \t]*(?:[*•\-–‣◦▪]|\d{1,3}[.)])[ \t]+(?=\S)")  # `_BULLET` on a line after the first
_LABEL = re.compile(r"^([^:.!?]{2,60}?):[ \t]+\S")
_BOOK_PART = re.compile(
    r"^(?:(?:BOOK|PART|VOLUME)\s+[A-Z0-9IVXLC]+\b.*"
    r"|(?:(?:FIRST|SECOND|THIRD|FOURTH)\s+)?EPILOGUE\b.*|PROLOGUE|PREFACE)$",
    re.IGNORECASE,
)
_CHAPTER = re.compile(r"^CHAPTER\s+(?:[0-9]+|[IVXLC]+|[A-Z]+)\b.*$", re.IGNORECASE)
_CLOSING = tuple('.,;:!?"”’\'…)]')
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_DATELINE = re.compile(rf"^(?:\w+,\s*)?(?:{_MONTHS})\b.*\d{{4}}$|^\d{{4}}-\d\d-\d\d$", re.IGNORECASE)
_SENTENCE_END = tuple('.!?"”:')
_SPACES = " \t"
_BREAK = re.compile(r"\r\n|\r|\n")


class Line(NamedTuple):
    """A source line without its line break: `text` starts at source offset `src`."""

    text: str
    src: int
    stripped: str

    def pieces(self) -> list[Piece]:
        """The line without surrounding blanks, as builder pieces."""
        lead = len(self.text) - len(self.text.lstrip(_SPACES))
        return [Piece(self.stripped, self.src + lead)]


def make_line(text: str, src: int) -> Line:
    """A `Line`, with its stripped text."""
    return Line(text, src, text.strip(_SPACES))


def split_lines(source: str) -> list[Line]:
    """Split `source` on `\n`, `\r\n` or `\r`, keeping each line's offset."""
    if "\r" in source:
        bounds = [(m.start(), m.end()) for m in _BREAK.finditer(source)]
        starts = [0] + [b for _, b in bounds]
        ends = [a for a, _ in bounds] + [len(source)]
        texts = [source[a:b] for a, b in zip(starts, ends)]
    else:
        texts = source.split("\n")
        starts = list(map(add, accumulate(map(len, texts), initial=0), count()))  # each line's length + 1
    if texts and not texts[-1]:
        texts.pop()
    # tuple.__new__ makes each Line in C, at half the cost of calling the class
    return list(map(tuple.__new__, repeat(Line), zip(texts, starts, [t.strip(_SPACES) for t in texts])))


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Group lines into runs separated by blank lines."""
    groups: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.stripped:
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


WRAP_SAMPLE = 4000
"""Lines `is_hard_wrapped` looks at."""


def is_hard_wrapped(lines: list[Line], sample: int = WRAP_SAMPLE) -> bool:
    """True when most lines are cut at a fixed width, as in a Gutenberg book.

    Only the first `sample` lines are looked at: enough to tell, and the same
    answer for a file and for a long enough prefix of it.
    """
    texts = [line.stripped for line in lines[:sample] if line.stripped]
    lengths = sorted(len(text) for text in texts)
    if len(lengths) < 8:
        return False
    ended = sum(1 for text in texts if text.endswith(_SENTENCE_END))
    if ended > len(texts) * 0.5:  # wrapped lines mostly end mid-sentence
        return False
    width = lengths[int(len(lengths) * 0.9)]
    if width > 100:
        return False
    near = sum(1 for n in lengths if n >= width * 0.6)
    return near >= len(lengths) * 0.5


def book_level(text: str) -> int:
    """1 for a `BOOK`/`EPILOGUE` line, 2 for a `CHAPTER` line, 0 otherwise."""
    if len(text) > 60:
        return 0
    if _BOOK_PART.match(text):
        return 1
    if _CHAPTER.match(text):
        return 2
    return 0


def looks_like_heading(line: str, following: str | None) -> bool:
    """A heading by shape: short, no closing punctuation, followed by body text."""
    if following is None or len(line) > 90 or _BULLET.match(line) or _DATELINE.match(line):
        return False
    words = line.split()
    if not 1 <= len(words) <= 12 or line.endswith(_CLOSING):
        return False
    if not any(ch.isalpha() for ch in line):
        return False
    return len(following) > len(line) or following.endswith(_CLOSING)


class PlainTextParser:
    """Turns decoded plain text into blocks in a `TextBuilder`."""

    def __init__(self, builder: TextBuilder) -> None:
        self.builder = builder
        self.source = ""
        self.breaks_only = True

    def parse(self, source: str, *, titled: bool = True, wrapped: bool | None = None) -> tuple[Block | None, str]:
        """Parse `source`; return the title block (if any) and the detected format.

        A later part of a document (see `parts`) is parsed with `titled=False`
        and the whole document's `wrapped`, which its first lines decide.
        """
        self.source = source
        self.breaks_only = "\r" not in source  # lines end with "\n" alone
        lines = split_lines(source)
        groups = paragraphs(lines)
        if not groups:
            return None, "text"
        if wrapped is None:
            wrapped = is_hard_wrapped(lines)
        title = self._title(groups) if titled else None
        for group in groups:
            if wrapped:
                self._wrapped_group(group)
            else:
                self._line_group(group)
        return title, "book" if wrapped else "text"

    def _title(self, groups: list[list[Line]]) -> Block | None:
        """Take the first line as the title when it is short and not a heading."""
        first = groups[0][0]
        text = first.stripped
        if len(text) > 150 or book_level(text) or _BULLET.match(text):
            return None
        rest = groups[0][1:] or (groups[1][:1] if len(groups) > 1 else [])
        if not rest:
            return None  # a one-line file: that line is its body
        block = self.builder.add(BlockKind.TITLE, first.pieces())
        groups[0] = groups[0][1:]
        if not groups[0]:
            groups.pop(0)
        return block

    def _wrapped_group(self, group: list[Line]) -> None:
        """A blank-line-separated group of a hard-wrapped text: one paragraph or a list."""
        first = group[0].stripped
        if len(group) == 1 and book_level(first):
            self.builder.add(BlockKind.HEADING, group[0].pieces(), level=book_level(first))
            return
        first_bullet = self._first_bullet(group)
        if first_bullet is None:
            self._add_paragraph(BlockKind.PARAGRAPH, group)
            return
        if first_bullet:
            self._add_paragraph(BlockKind.PARAGRAPH, group[:first_bullet])
        self._list(group[first_bullet:])

    def _first_bullet(self, group: list[Line]) -> int | None:
        """The index of the group's first line that opens with a bullet, if one does.

        A line break followed by a bullet is looked for in the group's stretch of
        source at once (most groups have none) rather than line by line.
        """
        if _BULLET.match(group[0].text):
            return 0
        last = group[-1]
        if self.breaks_only and _BULLET_AFTER_BREAK.search(self.source, group[0].src, last.src + len(last.text)) is None:
            return None
        return next((i for i, line in enumerate(group) if _BULLET.match(line.text)), None)

    def _line_group(self, group: list[Line]) -> None:
        """Lines of an unwrapped text: each line is a block of its own."""
        for i, line in enumerate(group):
            text = line.stripped
            following = group[i + 1].stripped if i + 1 < len(group) else None
            level = book_level(text)
            if level:
                self.builder.add(BlockKind.HEADING, line.pieces(), level=level)
            elif _BULLET.match(line.text):
                self._list([line])
            elif looks_like_heading(text, following):
                self.builder.add(BlockKind.HEADING, line.pieces(), level=1)
            else:
                self.builder.add(BlockKind.PARAGRAPH, line.pieces())

    def _list(self, group: list[Line]) -> None:
        """Bullets, each with the indented or unmarked lines that continue it."""
        items: list[list[Line]] = []
        for line in group:
            if _BULLET.match(line.text) or not items:
                items.append([line])
            else:
                items[-1].append(line)
        for item in items:
            self._add_paragraph(BlockKind.LIST_ITEM, item)

    def _add_paragraph(self, kind: BlockKind, group: list[Line]) -> None:
        """Reflow `group` into one block; a bullet marker and a `Label:` are recognised."""
        level = 0
        first = group[0]
        bullet = _BULLET.match(first.text) if kind is BlockKind.LIST_ITEM else None
        if bullet:
            indent = len(bullet.group(1).expandtabs(4))
            level = 1 + indent // 2
            first = make_line(first.text[bullet.end() :], first.src + bullet.end())
        pieces = _reflow([first, *group[1:]], self.source)
        label = _LABEL.match(first.stripped) if bullet else None
        label_end = len(label.group(1)) if label and len(label.group(1).split()) <= 6 else 0
        self.builder.add(kind, pieces, level=level, label_end=label_end)


def _unpadded(span: str) -> bool:
    """No line of `span` (lines that are not blank) starts or ends with a space or a tab."""
    return (
        span[0] not in _SPACES
        and span[-1] not in _SPACES
        and not any(pad in span for pad in (" \n", "\t\n", "\n ", "\n\t"))
    )


def _reflow(lines: list[Line], source: str) -> list[Piece]:
    """Join lines into one run of text, each line break becoming a space."""
    if len(lines) == 1:
        return lines[0].pieces()
    first, last = lines[0], lines[-1]
    span = source[first.src : last.src + len(last.text)]
    if "\r" not in span and _unpadded(span):  # "\n" breaks only, no line with blanks around it
        return [Piece(span.replace("\n", " "), first.src)]
    pieces: list[Piece] = []
    for i, line in enumerate(lines):
        if i:
            prev = lines[i - 1]
            pieces.append(Piece(" ", prev.src + len(prev.text), copied=False))
        pieces.extend(line.pieces())
    return pieces
