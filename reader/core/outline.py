"""Build the nested section tree from a document's heading blocks."""

from __future__ import annotations

import re
from bisect import bisect_right

from reader.core.model import Block, BlockKind, Section
from reader.core.plaintext import book_level


def build_outline(title: str, text: str, blocks: list[Block]) -> Section:
    """Return the root section (level 0, titled `title`) holding the heading tree.

    A heading opens a section that runs to the next heading of the same or a
    higher level (or the end of the text); deeper headings nest inside it.
    """
    root = Section(title=title, level=0, start=0, end=len(text))
    stack: list[Section] = [root]
    for block in blocks:
        if block.kind is not BlockKind.HEADING:
            continue
        level = max(1, block.level)
        while stack[-1].level >= level:
            stack.pop().end = block.start
        section = Section(text[block.start : block.end], level, block.start, len(text))
        stack[-1].children.append(section)
        stack.append(section)
    return root


_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
_BOOK_LINE = re.compile(
    r"^[ \t]*(?:BOOK|PART|VOLUME|CHAPTER|EPILOGUE|PROLOGUE|PREFACE|FIRST|SECOND|THIRD|FOURTH)\b[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)


def scan_outline(source: str, fmt: str, title: str) -> Section:
    """A quick outline of a whole source, before it is parsed: titles and levels.

    Offsets are source offsets, good only for ordering: the outline exists so
    a navigator can list every section of a big file at once, while the
    document itself is still being parsed. Markdown ATX headings outside code
    fences, or a book's `BOOK`/`CHAPTER` lines, as the parsers see them.
    """
    if fmt == "markdown":
        fences = [m.start() for m in _FENCE.finditer(source)]
        found = [
            (len(m.group(1)), m.group(2).strip(), m.start())
            for m in _ATX.finditer(source)
            if bisect_right(fences, m.start()) % 2 == 0
        ]
    else:
        found = []
        for m in _BOOK_LINE.finditer(source):
            line = m.group().strip()
            level = book_level(line)
            if level and _alone(source, m.start(), m.end()):
                found.append((level, line, m.start()))
    return _tree(title, found, len(source))


def _alone(source: str, start: int, end: int) -> bool:
    """True when the line at [start, end) has a blank line (or the file's edge) on each side."""
    before = source[max(0, start - 2) : start]
    after = source[end : end + 2]
    return (start == 0 or before.endswith("\n\n") or before == "\n") and (
        end >= len(source) or after.startswith("\n\n") or after == "\n"
    )


def _tree(title: str, found: list[tuple[int, str, int]], length: int) -> Section:
    root = Section(title=title, level=0, start=0, end=length)
    stack: list[Section] = [root]
    for level, heading, start in found:
        while stack[-1].level >= level:
            stack.pop().end = start
        section = Section(heading, level, start, length)
        stack[-1].children.append(section)
        stack.append(section)
    for index, section in enumerate(s for s in root.walk() if s is not root):
        section.index = index
        for child in section.children:
            child.parent = section
    for child in root.children:
        child.parent = root
    return root
