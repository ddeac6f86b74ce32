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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import repeat

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


def _not_single_offsets(text: str) -> list[int]:
    """Sorted offsets of the characters of `text` that are not one cell wide.

    A cheap scan for anything past U+02FF first (every such character is
    beyond it), then the exact test on those few candidates.
    """
    if text.isascii():
        return []
    match = _NOT_SINGLE.match
    return [m.start() for m in _BEYOND_U02FF.finditer(text) if match(text, m.start())]


_BEYOND_U02FF = re.compile("[^\x00-\u02ff]")


def _wrap_fast(text: str, start: int, end: int, width: int, starts: list[int], ends: list[int]) -> None:
    """Greedy word wrap of `text[start:end]`, every character one cell wide."""
    rfind, add_start, add_end = text.rfind, starts.append, ends.append
    pos = start
    while end - pos > width:
        brk = rfind(" ", pos + 1, pos + width + 1)
        add_start(pos)
        if brk == -1:
            pos += width
            add_end(pos)
        else:
            add_end(brk)
            pos = brk + 1
    add_start(pos)
    add_end(end)


def _wrap_cells(text: str, start: int, end: int, width: int, starts: list[int], ends: list[int]) -> None:
    """Greedy word wrap of `text[start:end]` measuring each character's cells."""
    pos, used, space = start, 0, -1
    i = start
    while i < end:
        char = text[i]
        cells = get_character_cell_size(sanitize(char))
        if used + cells > width and i > pos:
            starts.append(pos)
            if space > pos:
                ends.append(space)
                pos = space + 1
            else:
                ends.append(i)
                pos = i
            used, space = 0, -1
            i = pos
            continue
        if char == " ":
            space = i
        used += cells
        i += 1
    starts.append(pos)
    ends.append(end)


def _any_between(offsets: list[int], start: int, end: int) -> bool:
    """Whether the sorted `offsets` hold one in `[start, end)`."""
    i = bisect_left(offsets, start)
    return i < len(offsets) and offsets[i] < end


_PREFIXED = (BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.CODE)


class WrapMap:
    """Visual rows of a document at one measure (text width in cells).

    `previous`, a map of the same document at another measure, lends the
    positions of its wide characters, so a re-wrap after a resize does not
    scan the text again.
    """

    def __init__(self, doc: Document, measure: int, *, previous: WrapMap | None = None) -> None:
        self.doc = doc
        self.measure = max(8, measure)
        if previous is not None and previous.doc is doc:
            self._wide = previous._wide
        else:
            self._wide = _not_single_offsets(doc.text)
        self._blocks: list[int] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._build()

    def _build(self) -> None:
        text, wide, measure = self.doc.text, self._wide, self.measure
        row_blocks, starts, ends = self._blocks, self._starts, self._ends
        list_item, code = BlockKind.LIST_ITEM, BlockKind.CODE
        previous: Block | None = None
        for index, block in enumerate(self.doc.blocks):
            kind = block.kind
            if previous is not None and not (kind is list_item and previous.kind is list_item):
                row_blocks.append(BLANK)  # consecutive list items sit tight, other blocks apart
                starts.append(previous.end)
                ends.append(previous.end)
            count = len(starts)
            width = max(1, measure - len(block_prefixes(block)[0])) if kind in _PREFIXED else measure
            lines = _split_lines(text, block.start, block.end) if kind is code else ((block.start, block.end),)
            for line_start, line_end in lines:
                if wide and _any_between(wide, line_start, line_end):
                    _wrap_cells(text, line_start, line_end, width, starts, ends)
                else:
                    _wrap_fast(text, line_start, line_end, width, starts, ends)
            row_blocks.extend(repeat(index, len(starts) - count))
            previous = block

    def __len__(self) -> int:
        return len(self._starts)

    def row(self, y: int) -> Row:
        """The row at visual line `y` (0 ≤ y < len(self))."""
        index, start = self._blocks[y], self._starts[y]
        if index == BLANK:
            return Row(BLANK, start, self._ends[y], "")
        block = self.doc.blocks[index]
        first, rest = block_prefixes(block)
        # Rows of a block start strictly after one another: only its first starts with it.
        return Row(index, start, self._ends[y], first if start == block.start else rest)

    def span(self, y: int) -> tuple[int, int]:
        """The text offsets `(start, end)` of row `y`: what highlights on it must overlap."""
        return self._starts[y], self._ends[y]

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
