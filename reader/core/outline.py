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


# Each pattern opens with a literal (`#`, a fence, a blank line), which `re` finds as fast
# as `str.find` does; a line-anchored `^`, a repeat or an alternation first makes it try
# every position of a 3 MB book (30-70 ms).
_ATX = re.compile(r"#(#{0,5})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_FENCES = (re.compile("```"), re.compile("~~~"))
_BOOK_LINE = re.compile(
    r"\n\n[ \t]*((?i:BOOK|PART|VOLUME|CHAPTER|EPILOGUE|PROLOGUE|PREFACE|FIRST|SECOND|THIRD|FOURTH)\b[^\n]*)$",
    re.MULTILINE,
)


def scan_outline(source: str, fmt: str, title: str) -> Section:
    """A quick outline of a whole source, before it is parsed: titles and levels.

    Offsets are source offsets, good only for ordering: the outline exists so
    a navigator can list every section of a big file at once, while the
    document itself is still being parsed. Markdown ATX headings outside code
    fences, or a book's `BOOK`/`CHAPTER` lines alone between blank lines, as
    the parsers see them.
    """
    if fmt == "markdown":
        fences = sorted(m.start() for fence in _FENCES for m in fence.finditer(source) if _indented(source, m.start()))
        found = [
            (1 + len(m.group(1)), m.group(2).strip(), m.start())
            for m in _ATX.finditer(source)
            if _indented(source, m.start()) and bisect_right(fences, m.start()) % 2 == 0
        ]
    else:
        # a book line follows a blank line, or opens the source (after at most one line
        # break): two line breaks put before the source stand for its edge (offsets two on)
        found = []
        for m in _BOOK_LINE.finditer("\n\n" + source):
            line = m.group(1).strip()
            level = book_level(line)
            start = m.start()  # of the line, in `source`
            if level and _alone(source, start, m.end() - 2):
                found.append((level, line, start))
    return _tree(title, found, len(source))


def _indented(source: str, pos: int) -> bool:
    """True when `pos` opens its line after at most three spaces (where a Markdown block may start)."""
    start = source.rfind("\n", 0, pos) + 1
    return pos - start <= 3 and source[start:pos] == " " * (pos - start)


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
