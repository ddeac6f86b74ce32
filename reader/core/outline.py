"""Build the nested section tree from a document's heading blocks."""

from __future__ import annotations

from reader.core.model import Block, BlockKind, Section


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
