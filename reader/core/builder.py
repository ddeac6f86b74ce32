"""Assemble the display text block by block, keeping the map back to the source.

A parser hands each block over as a `Piece` list: runs of display text, each
copied from a known source offset. The builder makes the text safe to show
(control characters become visible symbols, invisible ones are dropped),
applies display repair, and records every run in the document's `OffsetMap`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from reader.core.model import Block, BlockKind, OffsetMap, Span
from reader.core.repair import repair

# C0 controls (but newline), DEL and C1 controls: shown as visible symbols.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Invisible characters that only confuse a terminal's idea of width: dropped.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff]+")


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
    """Replace control characters one for one with visible symbols (tab becomes a space)."""
    return _CONTROL.sub(_visible, text)


@dataclass(slots=True)
class Piece:
    """A run of block text copied from `source[src:src + len(text)]`.

    `copied=False` marks synthesised text (e.g. the space that joins two
    hard-wrapped lines whose source break was `\\r\\n`).
    """

    text: str
    src: int
    copied: bool = True


def split_invisible(text: str, src: int) -> list[Piece]:
    """Cut `text` into pieces around invisible characters, dropping them."""
    if not _INVISIBLE.search(text):
        return [Piece(text, src)]
    pieces: list[Piece] = []
    pos = 0
    for match in _INVISIBLE.finditer(text):
        if match.start() > pos:
            pieces.append(Piece(text[pos : match.start()], src + pos))
        pos = match.end()
    if pos < len(text):
        pieces.append(Piece(text[pos:], src + pos))
    return pieces


class TextBuilder:
    """Accumulates blocks into one display text joined by newlines."""

    def __init__(self, *, raw: bool = False) -> None:
        self.raw = raw
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []
        self.offset_map = OffsetMap()

    @property
    def text(self) -> str:
        """The display text so far."""
        return "".join(self._parts)

    def add(
        self,
        kind: BlockKind,
        pieces: list[Piece],
        *,
        level: int = 0,
        label_end: int = 0,
        spans: list[Span] | None = None,
    ) -> Block | None:
        """Append a block made of `pieces`; return it, or None if it is empty.

        `label_end` (local offset into the block's text) marks a bold label;
        `spans` are styled runs in local offsets. Both are shifted by the
        spaces repair inserts.
        """
        pieces = [p for p in pieces if p.text]
        if not pieces:
            return None
        local = "".join(p.text for p in pieces)
        if not local.strip():
            return None
        local = make_visible(local)
        if self.raw or kind is BlockKind.CODE:
            inserts: list[int] = []
        else:
            local, inserts = repair(local, heading=kind in (BlockKind.TITLE, BlockKind.HEADING))
        if self._parts:
            self._append("\n", pieces[0].src, copied=False)
        start = self._length
        self._emit(local, pieces, inserts)
        shift = _Shifter(inserts, start)
        block = Block(kind, start, self._length, level)
        if label_end:
            block.label = Span(start, shift.end(label_end), "bold")
        if spans:
            block.spans = [Span(shift.start(s.start), shift.end(s.end), s.style) for s in spans]
        self.blocks.append(block)
        return block

    def _append(self, text: str, src: int, *, copied: bool) -> None:
        self.offset_map.add_run(self._length, src, copied)
        self._parts.append(text)
        self._length += len(text)

    def _emit(self, local: str, pieces: list[Piece], inserts: list[int]) -> None:
        """Append `local` (the repaired text of `pieces`) with its offset runs."""
        # `local` is the pieces' text with spaces inserted before each position in
        # `inserts` (positions in the unrepaired text).
        ins = iter(inserts)
        next_ins = next(ins, None)
        shift = 0
        pos = 0  # position in the unrepaired text
        for piece in pieces:
            end = pos + len(piece.text)
            cut = pos
            while next_ins is not None and next_ins < end:
                self._copy(local, cut + shift, next_ins + shift, piece, cut - pos)
                self._append(" ", piece.src + next_ins - pos, copied=False)
                shift += 1
                cut = next_ins
                next_ins = next(ins, None)
            self._copy(local, cut + shift, end + shift, piece, cut - pos)
            pos = end

    def _copy(self, local: str, a: int, b: int, piece: Piece, offset: int) -> None:
        if a >= b:
            return
        src = piece.src + offset if piece.copied else piece.src
        self._append(local[a:b], src, copied=piece.copied)


class _Shifter:
    """Turns local offsets of unrepaired text into display offsets."""

    def __init__(self, inserts: list[int], base: int) -> None:
        self.inserts = inserts
        self.base = base

    def start(self, local: int) -> int:
        """A span start: a space inserted at `local` goes before it."""
        return self.base + local + bisect_right(self.inserts, local)

    def end(self, local: int) -> int:
        """A span end (exclusive): a space inserted at `local` comes after it."""
        return self.base + local + bisect_left(self.inserts, local)
