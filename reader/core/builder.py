"""Assemble the display text block by block, keeping the map back to the source.

A parser hands each block over as a `Piece` list: runs of display text, each
copied from a known source offset. When parsing is done, `finish()` applies
display repair to the whole text in one pass and shifts blocks and the offset
map by the spaces it inserts.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.model import Block, BlockKind, OffsetMap, Span
from reader.core.repair import apply_repairs, find_repairs

# C0 controls (but newline), DEL, C1 controls and bidi overrides: made visible.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Invisible characters that only confuse a terminal's idea of width: dropped.
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]+")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x09:
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def make_visible(text: str) -> str:
    """Replace control characters one for one with visible symbols (a tab becomes a space)."""
    return _CONTROL.sub(_visible, text)


@dataclass(slots=True)
class Piece:
    """A run of block text copied from `source[src:src + len(text)]`.

    `copied=False` marks synthesised text (the space joining two hard-wrapped
    lines whose break was `\\r\\n`, a decoded `&amp;`), mapped to `src`.
    """

    text: str
    src: int
    copied: bool = True


class TextBuilder:
    """Accumulates blocks into one display text, blocks joined by newlines."""

    def __init__(self, *, raw: bool = False) -> None:
        self.raw = raw
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []
        self.offset_map = OffsetMap()
        self.first_src: int | None = None  # where the first block's text comes from

    def add(
        self,
        kind: BlockKind,
        pieces: list[Piece],
        *,
        level: int = 0,
        label_end: int = 0,
        spans: list[Span] | None = None,
    ) -> Block | None:
        """Append a block made of `pieces`; return it, or None if it is blank.

        `label_end` (an offset into the block's text) ends a bold label;
        `spans` are styled runs in offsets into the block's text.
        """
        if not any(p.text.strip() for p in pieces):
            return None
        if self._parts:
            self._append("\n", pieces[0].src, copied=False)
        else:
            self.first_src = pieces[0].src
        start = self._length
        for piece in pieces:
            if piece.text:
                self._append(piece.text, piece.src, copied=piece.copied)
        block = Block(kind, start, self._length, level)
        if label_end:
            block.label = Span(start, start + label_end, "bold")
        if spans:
            block.spans = [Span(start + s.start, start + s.end, s.style) for s in spans]
        self.blocks.append(block)
        return block

    def _append(self, text: str, src: int, *, copied: bool) -> None:
        self.offset_map.add_run(self._length, src, copied)
        self._parts.append(text)
        self._length += len(text)

    def finish(self) -> tuple[str, list[Block], OffsetMap]:
        """The display text, its blocks and offset map, with repair applied unless raw."""
        text = make_visible("".join(self._parts))
        if any(c in text for c in _INVISIBLE_CHARS):  # 1 ms on a book, where the regex takes 70
            text = self._drop_invisible(text)
        if self.raw:
            return text, self.blocks, self.offset_map
        code = [(b.start, b.end) for b in self.blocks if b.kind is BlockKind.CODE]
        starts = [a for a, _ in code]

        def in_code(pos: int) -> bool:
            i = bisect_right(starts, pos) - 1
            return i >= 0 and pos < code[i][1]

        inserts, upper = find_repairs(text, in_code if code else None)
        if inserts:
            _shift_blocks(self.blocks, inserts)
            self.offset_map = _edit_map(self.offset_map, inserts, len(text), insert=True)
        text = apply_repairs(text, inserts, upper)
        return text, self.blocks, self.offset_map


    def _drop_invisible(self, text: str) -> str:
        """Remove zero-width and soft-hyphen characters, shifting blocks and the map."""
        gone = [m.start() + i for m in _INVISIBLE.finditer(text) for i in range(len(m.group()))]

        def shift(pos: int) -> int:
            return pos - bisect_left(gone, pos)

        _move_blocks(self.blocks, shift, shift)
        self.offset_map = _edit_map(self.offset_map, gone, len(text), insert=False)
        text = _INVISIBLE.sub("", text)
        self.blocks = [b for b in self.blocks if text[b.start : b.end].strip()]
        return text


def _shift_blocks(blocks: list[Block], inserts: list[int]) -> None:
    """Move block, label and span offsets past the inserted spaces."""

    def start(pos: int) -> int:  # a space inserted at `pos` goes before the character there
        return pos + bisect_right(inserts, pos)

    def end(pos: int) -> int:  # ... and after an exclusive end at `pos`
        return pos + bisect_left(inserts, pos)

    _move_blocks(blocks, start, end)


def _move_blocks(blocks: list[Block], start: Callable[[int], int], end: Callable[[int], int]) -> None:
    """Apply an offset change to every block, label and span (`end` for exclusive ends)."""
    for block in blocks:
        block.start, block.end = start(block.start), end(block.end)
        if block.label is not None:
            block.label = Span(start(block.label.start), end(block.label.end), block.label.style)
        block.spans = [Span(start(s.start), end(s.end), s.style) for s in block.spans]


def _edit_map(old: OffsetMap, positions: list[int], length: int, *, insert: bool) -> OffsetMap:
    """The offset map after an edit of the `length`-character text it maps.

    `insert=True`: a synthesised space goes before each position; otherwise
    the character at each position is removed. `positions` are sorted.
    """
    new = OffsetMap()
    step = 1 if insert else -1
    runs = [*old.runs(), (length, 0, False)]
    k = 0  # positions passed so far
    for (d0, s0, copied), (d1, _, _) in zip(runs, runs[1:]):

        def source(at: int) -> int:
            return s0 + (at - d0) if copied else s0

        cut = d0
        while k < len(positions) and positions[k] < d1:
            p = positions[k]
            if p > cut:
                new.add_run(cut + step * k, source(cut), copied)
            if insert:
                new.add_run(p + k, source(p), False)
            k += 1
            cut = p if insert else p + 1
        if d1 > cut:
            new.add_run(cut + step * k, source(cut), copied)
    return new
