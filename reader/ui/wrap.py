"""The wrap map: visual rows of the article, computed without Textual.

A row is a slice `text[start:end]` of one block, drawn after a prefix (a
bullet, a hanging indent, a quote bar). Blank rows separate blocks. The map
answers the two questions the article view asks all the time: which text is
on row `y` (rendering) and which row shows offset `o` (jumps, highlights).
Rows are kept in flat integer lists so that a 3 MB book wraps in tens of
milliseconds and costs a few bytes per row.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import get_character_cell_size

from reader.core.model import Block, BlockKind, Document

BLANK = -1
"""The block index of a blank separator row."""

# Characters that are not exactly one cell wide once controls are replaced:
# combining marks, zero-width characters and East Asian wide/fullwidth ranges.
_NOT_SINGLE = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f"
    "\u1100-\u115f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u20d0-\u20ff"
    "\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe0f\ufe20-\ufe2f\ufe30-\ufe4f"
    "\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)

# C0 controls (except newline) and DEL become Unicode control pictures, C1
# controls become U+FFFD: one visible cell each, so offsets stay aligned.
_CONTROLS = {c: 0x2400 + c for c in range(0x20) if c != 0x0A}
_CONTROLS[0x09] = 0x20  # a tab reads as a space
_CONTROLS[0x7F] = 0x2421
_CONTROLS.update({c: 0xFFFD for c in range(0x80, 0xA0)})


def sanitize(text: str) -> str:
    """`text` with every control character replaced by a visible stand-in of the same length."""
    return text.translate(_CONTROLS)


@dataclass(frozen=True, slots=True)
class Row:
    """One visual row: `block` (or BLANK), the text slice and its prefix."""

    block: int
    start: int
    end: int
    prefix: str


def block_prefixes(block: Block) -> tuple[str, str]:
    """The prefix of a block's first row and of its continuation rows."""
    depth = max(1, block.level)
    if block.kind is BlockKind.LIST_ITEM:
        return "  " * (depth - 1) + "• ", "  " * depth
    if block.kind is BlockKind.QUOTE:
        return "│ " * depth, "│ " * depth
    if block.kind is BlockKind.CODE:
        return "    ", "    "
    return "", ""


def _wrap_fast(text: str, start: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    """Greedy word wrap of `text[start:end]`, every character one cell wide."""
    pos = start
    while end - pos > width:
        brk = text.rfind(" ", pos + 1, pos + width + 1)
        if brk == -1:
            out.append((pos, pos + width))
            pos += width
        else:
            out.append((pos, brk))
            pos = brk + 1
    out.append((pos, end))


def _wrap_cells(text: str, start: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    """Greedy word wrap of `text[start:end]` measuring each character's cells."""
    pos, used, space = start, 0, -1
    i = start
    while i < end:
        char = text[i]
        cells = get_character_cell_size(sanitize(char))
        if used + cells > width and i > pos:
            if space > pos:
                out.append((pos, space))
                pos = space + 1
            else:
                out.append((pos, i))
                pos = i
            used, space = 0, -1
            i = pos
            continue
        if char == " ":
            space = i
        used += cells
        i += 1
    out.append((pos, end))


def wrap_slice(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """The (start, end) rows of `text[start:end]` wrapped to `width` cells."""
    out: list[tuple[int, int]] = []
    width = max(1, width)
    if _NOT_SINGLE.search(text, start, end):
        _wrap_cells(text, start, end, width, out)
    else:
        _wrap_fast(text, start, end, width, out)
    return out


def _tight(previous: Block, block: Block) -> bool:
    """Whether two consecutive blocks sit without a blank row between them (list items)."""
    return previous.kind is BlockKind.LIST_ITEM and block.kind is BlockKind.LIST_ITEM


class WrapMap:
    """Visual rows of a document at one measure (text width in cells)."""

    def __init__(self, doc: Document, measure: int) -> None:
        self.doc = doc
        self.measure = max(8, measure)
        self._blocks: list[int] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._first: list[bool] = []
        self._build()

    def _add(self, block: int, start: int, end: int, first: bool) -> None:
        self._blocks.append(block)
        self._starts.append(start)
        self._ends.append(end)
        self._first.append(first)

    def _build(self) -> None:
        text = self.doc.text
        previous: Block | None = None
        for index, block in enumerate(self.doc.blocks):
            if previous is not None and not _tight(previous, block):
                self._add(BLANK, previous.end, previous.end, False)
            first_prefix, _ = block_prefixes(block)
            width = self.measure - len(first_prefix)
            lines = [(block.start, block.end)]
            if block.kind is BlockKind.CODE:
                lines = _split_lines(text, block.start, block.end)
            for line_start, line_end in lines:
                for n, (start, end) in enumerate(wrap_slice(text, line_start, line_end, width)):
                    self._add(index, start, end, n == 0 and line_start == block.start)
            previous = block

    def __len__(self) -> int:
        return len(self._starts)

    def row(self, y: int) -> Row:
        """The row at visual line `y` (0 ≤ y < len(self))."""
        block = self._blocks[y]
        if block == BLANK:
            return Row(BLANK, self._starts[y], self._ends[y], "")
        first, rest = block_prefixes(self.doc.blocks[block])
        return Row(block, self._starts[y], self._ends[y], first if self._first[y] else rest)

    def row_of(self, offset: int) -> int:
        """The row showing text offset `offset` (the row before it if it is a hidden space)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def offset_of(self, y: int) -> int:
        """The text offset at the start of row `y` (clamped to the map)."""
        if not self._starts:
            return 0
        return self._starts[min(max(0, y), len(self._starts) - 1)]


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The hard lines of a code block."""
    lines = []
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        if nl == -1:
            lines.append((pos, end))
            return lines
        lines.append((pos, nl))
        pos = nl + 1
