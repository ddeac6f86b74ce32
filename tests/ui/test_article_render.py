"""Article rows: cached layouts with highlights laid over them draw what a full render draws."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from reader.core.store import Store
from reader.ui.app import ReaderApp
from reader.ui.article import ArticleView, row_segments
from reader.core.ranges import Ranges
from reader.ui.wrap import BLANK, sanitize

from test_wrap_map import MIXED
from ui_helpers import StubStore

SPANS = {"bold": "article--bold", "italic": "article--italic", "code": "article--code"}


def reference_row(article: ArticleView, index: int) -> Strip:
    """Row `index` the straightforward way: one rich `Text` with every style stylized onto it."""
    width, base = article.size.width, article.rich_style
    if index >= len(article.wrap) or article.wrap.row(index).block == BLANK:
        return Strip.blank(width, base)
    row = article.wrap.row(index)
    block = article.doc.blocks[row.block]
    margin = article.margin
    lead = margin + len(row.prefix)
    text = Text(" " * margin + row.prefix + sanitize(article.doc.text[row.start : row.end]), no_wrap=True, end="")
    style = lambda name: article.get_component_rich_style(name, partial=True)  # noqa: E731
    if row.prefix:
        text.stylize(style("article--bullet"), margin, lead)

    def paint(name: str, start: int, end: int) -> None:
        start, end = max(start, row.start), min(end, row.end)
        if start < end and name:
            text.stylize(style(name), lead + start - row.start, lead + end - row.start)

    paint(article._block_class(block), block.start, block.end)
    for span in block.spans:
        paint(SPANS.get(span.style, "article--bold"), span.start, span.end)
    if block.label is not None:
        paint("article--label", block.label.start, block.label.end)
    for ranges, name in ((article.mentions, "article--mention"), (article.matches, "article--match")):
        for i in ranges.overlapping(row.start, row.end):
            paint(f"{name}-current" if i == ranges.current else name, *ranges.span(i))
    text.stylize_before(base)
    return Strip(text.render(article.app.console)).crop_extend(0, width, base)


def found(text: str, word: str) -> Ranges:
    hits, pos = [], text.find(word)
    while pos != -1:
        hits.append((pos, pos + len(word)))
        pos = text.find(word, pos + 1)
    return Ranges(hits)


def assert_rows_as_reference(article: ArticleView) -> None:
    top = round(article.scroll_y)
    for y in range(article.size.height):
        assert list(article.render_line(y)) == list(reference_row(article, top + y)), f"row {top + y}"


@asynccontextmanager
async def article_of(source: str, size: tuple[int, int]):
    """The article of a reader opened on `source` (markdown) at `size`, and its pilot."""
    app = ReaderApp([StubStore(Store.from_text(source, "mixed.md"), [])])
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app.screen.query_one(ArticleView), pilot


def test_row_segments_cut_at_every_paint_edge_like_rich_text():
    console = Console()
    red, bold, under = Style(color="red"), Style(bold=True), Style(underline=True)
    for paints in (
        [(0, 10, red), (2, 6, bold), (4, 8, under), (4, 5, Style(bold=False))],
        [(0, 10, red)],
        [(3, 7, bold), (5, 9, under)],  # parts painted by nothing
        [(0, 10, red), (0, 10, bold), (9, 10, under)],
    ):
        text = Text("0123456789", end="")
        for start, end, style in paints:
            text.stylize(style, start, end)
        assert row_segments("0123456789", paints, {}) == list(text.render(console))


async def test_rows_with_and_without_highlights_match_a_full_render():
    async with article_of(MIXED, (90, 40)) as (article, pilot):
        text = article.doc.text
        assert_rows_as_reference(article)
        # matches inside words, across a row break and on wide text; mentions under them
        article.set_mentions(found(text, "item"))
        matches = found(text, "wra")
        matches.current = 1
        article.set_matches(matches)
        await pilot.pause()
        assert_rows_as_reference(article)
        mentions = found(text, "漢字")
        mentions.current = 0
        article.set_mentions(mentions)
        article.set_matches(found(text, "o"))
        await pilot.pause()
        assert_rows_as_reference(article)
        article.set_matches(Ranges())
        article.set_mentions(Ranges())
        await pilot.pause()
        assert_rows_as_reference(article)


async def test_narrow_view_crops_rows_like_a_full_render():
    async with article_of(MIXED, (7, 30)) as (article, pilot):
        article.set_matches(found(article.doc.text, "a"))
        await pilot.pause()
        assert article.size.width < article.measure
        assert_rows_as_reference(article)


async def test_screen_lines_are_never_left_stale_by_partial_redraws():
    """After each change, what the view shows equals a redraw of every line from scratch."""
    async with article_of(MIXED, (90, 40)) as (article, pilot):
        text = article.doc.text
        region = article.size.region

        async def shown_is_fresh() -> None:
            await pilot.pause()
            shown = [list(strip) for strip in article.render_lines(region)]
            article._styles_cache.clear()
            article._forget_rows()
            assert [list(strip) for strip in article.render_lines(region)] == shown

        for word in ("w", "wr", "wra", "wrap", "wrapx", "wrap"):
            article.set_matches(found(text, word))
            await shown_is_fresh()
        matches = article.matches
        for _ in range(3):
            matches.step()
            article.set_matches(matches)  # the same object, its current moved
            await shown_is_fresh()
        article.set_mentions(found(text, "item"))
        await shown_is_fresh()
        article.scroll_to(y=5, animate=False)
        article.set_matches(found(text, "o"))
        await shown_is_fresh()


async def test_a_search_redraws_only_the_lines_it_changes():
    async with article_of(MIXED, (90, 40)) as (article, pilot):
        text = article.doc.text
        article.set_matches(found(text, "quote"))
        await pilot.pause()
        row = article.wrap.row_of(text.find("quote"))
        while article._preparing:  # the pages around the view, drawn ahead, are not this search's
            await pilot.pause(0.02)
        drawn = []
        render_row = article._render_row
        article._render_row = lambda index, *rest: drawn.append(index) or render_row(index, *rest)
        article.set_matches(found(text, "quote t"))  # the same row changes, no other
        await pilot.pause()
        assert drawn and set(drawn) == {row}
        drawn.clear()
        article.set_matches(found(text, "quote t"))  # nothing changes
        await pilot.pause()
        assert drawn == []


async def test_going_back_to_a_size_reuses_its_wrap_and_keeps_the_place():
    book = "".join(f"## Chapter {n}\n\n" + "Words of a paragraph that wraps. " * 20 + "\n\n" for n in range(30))
    async with article_of(book, (160, 40)) as (article, pilot):
        article.scroll_to_offset(article.doc.text.find("Chapter 17"))
        await pilot.pause()
        wide, block = article.wrap, article.doc.block_index_at(article.top_offset)
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        narrow = article.wrap
        assert narrow is not wide and narrow.measure < wide.measure
        assert article.doc.block_index_at(article.top_offset) == block
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        assert article.wrap is wide
        assert article.doc.block_index_at(article.top_offset) == block
        assert_rows_as_reference(article)
        article.set_document(Store.from_text(book + "More.\n", "longer.md").doc)
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        assert article.wrap is not narrow and article.wrap.doc is article.doc


async def test_a_layout_that_changes_nothing_leaves_the_scrollbar_alone():
    async with article_of(MIXED, (90, 30)) as (article, pilot):
        bar = article.vertical_scrollbar
        bar.refresh = lambda *args, **kwargs: pytest.fail("scrollbar redrawn")
        article.screen.refresh(layout=True)
        await pilot.pause()
        del bar.refresh
        article.scroll_to(y=3, animate=False)
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        assert bar.window_virtual_size == len(article.wrap) and bar.position == article.scroll_y


async def test_the_next_page_is_drawn_ahead_while_the_reader_reads():
    async with article_of(MIXED * 20, (90, 30)) as (article, pilot):
        while article._preparing:
            await pilot.pause(0.02)
        drawn = []
        render_row = article._render_row
        article._render_row = lambda index, *rest: drawn.append(index) or render_row(index, *rest)
        article.action_scroll_pages(1)
        await pilot.pause()
        top, height = round(article.scroll_y), article.size.height
        assert not set(drawn) & set(range(top, top + height))  # the page down found its rows drawn already
        while article._preparing:
            await pilot.pause(0.02)
        assert set(range(top + height, top + 2 * height - 2)) <= set(drawn)  # and the next page is ready now
