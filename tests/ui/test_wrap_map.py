"""The wrap map: the rows of a document, checked against a plain reference wrapper."""

from __future__ import annotations

import pytest
from rich.cells import get_character_cell_size

from reader.core.model import BlockKind
from reader.core.store import Store
from reader.ui.wrap import BLANK, WrapMap, block_prefixes, sanitize

from conftest import SAMPLE

MIXED = (
    "A title\n\n"
    "## Heading with 漢字 and more words to wrap around the measure\n\n"
    "A paragraph of plain words that goes on and on and on, long enough to wrap several times at a "
    "narrow measure, with a-very-long-hyphenated-word-that-cannot-break-anywhere-at-all-inside-it.\n\n"
    "Wide: 日本語のテキストは一文字が二つのセルを使います。 mixed with latin text, e\u0301 combining, "
    "zero\u200bwidth and emoji \U0001f600 too.\n\n"
    "* **Label**: a list item with a label and enough words to wrap onto a second row\n"
    "* second item\n"
    "  * nested item, deeper, with words enough to wrap at the narrow widths used here\n\n"
    "> a quote that is long enough to wrap onto more than one row of the view\n\n"
    "```\ncode line one that is rather long and has to be wrapped somewhere\n\n    indented 漢字 line\n```\n\n"
    "Words  with  double  spaces,exactly-eight chars then\tcontrol\x07characters.\n"
)


def reference_rows(doc, measure: int) -> list[tuple[int, int, int, str]]:
    """Each row as (block, start, end, prefix): a greedy wrap measuring every character.

    Where every character is one cell wide, a break may fall on the space right
    after a full row (`str.rfind` over `width + 1` characters), as the reader does.
    """
    rows, text, previous = [], doc.text, None
    for index, block in enumerate(doc.blocks):
        if previous is not None and not (previous.kind is block.kind is BlockKind.LIST_ITEM):
            rows.append((BLANK, previous.end, previous.end, ""))
        first, rest = block_prefixes(block)
        width = max(1, measure - len(first))
        lines, pos = [], block.start
        if block.kind is BlockKind.CODE:
            for part in text[block.start : block.end].split("\n"):
                lines.append((pos, pos + len(part)))
                pos += len(part) + 1
        else:
            lines.append((block.start, block.end))
        for start, end in lines:
            cells = [get_character_cell_size(sanitize(ch)) for ch in text[start:end]]
            single = all(c == 1 for c in cells)
            pos = start
            while True:
                used, cut = 0, pos
                while cut < end and used + cells[cut - start] <= width:
                    used += cells[cut - start]
                    cut += 1
                if cut == end and not (single and end - pos > width):
                    rows.append((index, pos, end, first if pos == block.start else rest))
                    break
                cut = max(cut, pos + 1)
                look = cut + 1 if single and cut < end else cut
                space = text.rfind(" ", pos + 1, look)
                if space == -1:
                    rows.append((index, pos, cut, first if pos == block.start else rest))
                    pos = cut
                else:
                    rows.append((index, pos, space, first if pos == block.start else rest))
                    pos = space + 1
        previous = block
    return rows


def rows_of(wrap: WrapMap) -> list[tuple[int, int, int, str]]:
    return [(r.block, r.start, r.end, r.prefix) for r in map(wrap.row, range(len(wrap)))]


@pytest.mark.parametrize("measure", [8, 9, 13, 20, 33, 80])
def test_rows_match_a_plain_greedy_wrap(measure):
    doc = Store.from_text(MIXED, "mixed.md").doc
    assert rows_of(WrapMap(doc, measure)) == reference_rows(doc, measure)


def test_sample_rows_match_the_reference():
    doc = Store.open(SAMPLE).doc
    for measure in (30, 78):
        assert rows_of(WrapMap(doc, measure)) == reference_rows(doc, measure)


def test_rewrap_borrows_the_wide_characters_of_the_same_document_only():
    doc = Store.from_text(MIXED, "mixed.md").doc
    other = Store.from_text(MIXED.replace("漢字", "ab"), "mixed.md").doc
    wide = WrapMap(doc, 30)
    again = WrapMap(doc, 20, previous=wide)
    assert again._wide is wide._wide and rows_of(again) == rows_of(WrapMap(doc, 20))
    assert rows_of(WrapMap(other, 20, previous=wide)) == rows_of(WrapMap(other, 20))


def test_span_row_of_and_offset_of_agree():
    doc = Store.from_text(MIXED, "mixed.md").doc
    wrap = WrapMap(doc, 20)
    for y in range(len(wrap)):
        start, end = wrap.span(y)
        assert (start, end) == (wrap.row(y).start, wrap.row(y).end) and wrap.offset_of(y) == start
        if wrap.row(y).block != BLANK and end > start:
            assert wrap.row_of(start) == y
