"""Parse a big source in parts at once, each part in its own process.

A book's source is cut where a new block is bound to start whatever came
before it, each part is parsed on its own (later parts in forked copies of
this process, see `forking.fork_map`), and the parts are joined into the
document one parse of the whole makes: the same text, blocks, offset map and
outline (tests compare the two).

Where a cut is safe:

- Plain text: at a line that follows an empty line. Blocks never cross a
  blank line; the title comes from the first part; whether the text is
  hard-wrapped is decided on its first lines (`is_hard_wrapped`) before the
  cut and handed to every part.
- Markdown: at an ATX heading (`# …`) in the first column after an empty
  line, outside a fenced code block. Such a line closes every open block.
  Markdown that could carry state past it is never cut: link reference
  definitions (they apply to the whole document: any `]:` keeps it whole),
  a line opening with `<` (an HTML block, which can span blank lines), or a
  fence that is indented. The title (a lone first `#` heading) is settled
  when the parts are joined.
- Neither, in a source with carriage returns (their line ends vary).

Display repair and the removal of invisible characters look no further
than a line, so each part applies its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.builder import TextBuilder
from reader.core.forking import can_fork, fork_map
from reader.core.model import Block, BlockKind, OffsetMap, Span, block_from_values, block_values
from reader.core.plaintext import WRAP_SAMPLE, PlainTextParser, is_hard_wrapped, split_lines

SPLIT_MIN_CHARS = 200_000
"""Below this many characters one parse is quicker than forking for several."""

_MD_CUT = re.compile(r"\n[ \t]*\n(?=#{1,6}(?:[ \t]|\n))")
_TEXT_CUT = re.compile(r"\n\n")  # a cut starts the line after an empty one
# Each opens with a line break, a literal `re` finds fast (`^` would try every position
# of a book); a source's first line is matched on its own.
_FENCE_LINE = re.compile(r"\n( {0,3})(`{3,}|~{3,})(.*)$", re.MULTILINE)
_HTML_LINE = re.compile(r"\n {0,3}<")
_NOT_BLANK = re.compile(r"[^ \t\n]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(slots=True)
class Part:
    """A parsed part: its display text, blocks and offset map (source offsets of its own slice)."""

    text: str
    blocks: list[Block]
    offset_map: OffsetMap
    fmt: str
    title: int | None  # index in `blocks` of the title block
    h1_count: int  # Markdown: level-1 headings seen (a title must be the only one)
    first_src: int | None  # where its first block starts in its own slice of the source (None: no block)


def cut_points(source: str, fmt: str, parts: int) -> list[int]:
    """Offsets cutting `source` into up to `parts` parts of about equal size; [] when it cannot be cut."""
    if parts < 2 or len(source) < SPLIT_MIN_CHARS or "\r" in source:
        return []
    if fmt == "markdown":
        fences = _markdown_fences(source)
        if fences is None:
            return []
    else:
        fences = []
    cuts: list[int] = []
    floor = 0 if fmt == "markdown" else _second_group(source)
    for i in range(1, parts):
        cut = _cut_after(source, fmt, fences, max(len(source) * i // parts, cuts[-1] + 1 if cuts else floor))
        if cut is None:
            break
        cuts.append(cut)
    return cuts


def markdown_cuts(source: str, most: int) -> list[int] | None:
    """Every offset where a Markdown source can be cut (see the module's docstring), in order;
    None if there are more than `most`."""
    fences = None if "\r" in source else _markdown_fences(source)
    cuts: list[int] = []
    while fences is not None and (cut := _cut_after(source, "markdown", fences, cuts[-1] if cuts else 0)) is not None:
        if len(cuts) == most:
            return None
        cuts.append(cut)
    return cuts


def _markdown_fences(source: str) -> list[tuple[int, int]] | None:
    """The fenced code blocks of a Markdown source that can be cut; None if it cannot be."""
    if "]:" in source or _HTML_LINE.search("\n" + source):
        return None
    return _fence_spans(source)


def _cut_after(source: str, fmt: str, fences: list[tuple[int, int]], pos: int) -> int | None:
    """The first safe cut at or after `pos` (see the module's docstring), or None."""
    pattern = _MD_CUT if fmt == "markdown" else _TEXT_CUT
    while (m := pattern.search(source, pos)) is not None:
        cut = m.end()
        fence_end = next((end for start, end in fences if start < cut < end), None)
        if fence_end is None:
            return cut if cut < len(source) else None
        pos = fence_end
    return None


def _second_group(source: str) -> int:
    """Just past the start of plain text's second run of lines: its title is settled by then.

    (A one-line first paragraph is a title only if more text follows it.)
    """
    first = _NOT_BLANK.search(source)
    gap = first and _BLANK_LINE.search(source, first.start())
    second = gap and _NOT_BLANK.search(source, gap.end())
    return second.start() + 1 if second else len(source)


def _fence_spans(source: str) -> list[tuple[int, int]] | None:
    """The (start, end) of each fenced code block, or None if a fence is indented.

    Fences in the first column are top-level blocks whatever precedes them
    (none of Markdown's containers continues a line that starts with one),
    so pairing them needs no parse; an indented one may sit in a list item,
    where it ends with the item, which only a parse knows.
    """
    spans: list[tuple[int, int]] = []
    opened: tuple[int, str, int] | None = None  # start, fence character, length
    for m in _FENCE_LINE.finditer("\n" + source):  # offsets one on
        if m.group(1):
            return None
        mark, rest = m.group(2), m.group(3)
        if opened is None:
            if mark[0] == "`" and "`" in rest:
                continue  # not a fence: an inline code span
            opened = (m.start(), mark[0], len(mark))  # the line break before it, one on: the line's start
        elif mark[0] == opened[1] and len(mark) >= opened[2] and not rest.strip(" \t"):
            spans.append((opened[0], m.end() - 1))
            opened = None
    if opened is not None:
        spans.append((opened[0], len(source)))
    return spans


def parse_part(job: tuple[str, str, bool, int, int, bool | None]) -> Part:
    """Parse `source[start:end]`: the first part of a document when `start` is 0."""
    source, fmt, raw, start, end, wrapped = job
    builder = TextBuilder(raw=raw)
    piece = source[start:end]  # the whole source itself, not a copy, for one part
    h1_count = 0
    if fmt == "markdown":
        from reader.core.markdown import MarkdownParser  # markdown-it costs 40 ms to import

        parser = MarkdownParser(builder)
        title_block = parser.parse(piece, titled=start == 0)
        h1_count = parser.h1_count
    else:
        title_block, fmt = PlainTextParser(builder).parse(piece, titled=start == 0, wrapped=wrapped)
    text, blocks, offset_map = builder.finish()
    title = None if title_block is None else next((i for i, b in enumerate(blocks) if b is title_block), None)
    return Part(text, blocks, offset_map, fmt, title, h1_count, builder.first_src)


def parse_joined(source: str, fmt: str, raw: bool, parts: int = 1) -> tuple[str, list[Block], OffsetMap, Block | None, str]:
    """`source` parsed as `join_parts` returns it: in up to `parts` parts, all but the first in forked copies."""
    cuts = cut_points(source, fmt, parts) if can_fork() else []
    bounds = [0, *cuts, len(source)]
    wrapped = None
    if cuts and fmt != "markdown":
        head = source[: _line_end(source, WRAP_SAMPLE)]
        wrapped = is_hard_wrapped(split_lines(head))
    jobs = [(source, fmt, raw, a, b, wrapped) for a, b in zip(bounds, bounds[1:])]
    return join_parts(fork_map(parse_part, jobs, pack_part, unpack_part), bounds)


def _line_end(source: str, lines: int) -> int:
    """The offset just after the first `lines` line breaks (the end of `source` if fewer)."""
    pos = 0
    for _ in range(lines):
        pos = source.find("\n", pos) + 1
        if pos == 0:
            return len(source)
    return pos


def join_parts(parts: list[Part], bounds: list[int]) -> tuple[str, list[Block], OffsetMap, Block | None, str]:
    """The parts as one display text, blocks and offset map, as one builder would have made them.

    `bounds[i]` is where part `i` starts in the source. Returns the text, the
    blocks, the map, the title block and the format.
    """
    first = parts[0]
    texts, blocks, offset_map = [first.text], list(first.blocks), first.offset_map
    length, started = len(first.text), first.first_src is not None
    for part, base in zip(parts[1:], bounds[1:]):
        if part.first_src is None:
            continue
        if started:  # the newline a builder puts between two blocks
            offset_map.add_run(length, part.first_src + base, False)
            texts.append("\n")
            length += 1
        for display, src, copied in part.offset_map.runs():
            offset_map.add_run(display + length, src + base, copied)
        blocks.extend(_moved(b, length) for b in part.blocks)
        texts.append(part.text)
        length += len(part.text)
        started = True
    title = first.blocks[first.title] if first.title is not None else None
    if title is not None and title.kind is BlockKind.TITLE and any(p.h1_count for p in parts[1:]):
        title.kind = BlockKind.HEADING  # a level-1 heading further on: the first is not the title
        title = None
    return "".join(texts), blocks, offset_map, title, first.fmt


def _moved(block: Block, by: int) -> Block:
    """`block` with every offset moved `by` characters on."""
    block.start += by
    block.end += by
    if block.label is not None:
        block.label = Span(block.label.start + by, block.label.end + by, block.label.style)
    if block.spans:
        block.spans = [Span(s.start + by, s.end + by, s.style) for s in block.spans]
    return block


def pack_part(part: Part) -> tuple:
    """A part as plain values (pickling slotted dataclasses one by one is ten times slower)."""
    blocks = [block_values(b) for b in part.blocks]
    return part.text, blocks, part.offset_map.columns(), part.fmt, part.title, part.h1_count, part.first_src


def unpack_part(packed: tuple) -> Part:
    """The part `pack_part` packed."""
    text, blocks, columns, fmt, title, h1_count, first_src = packed
    return Part(
        text, [block_from_values(b) for b in blocks], OffsetMap.from_columns(*columns), fmt, title, h1_count, first_src
    )
