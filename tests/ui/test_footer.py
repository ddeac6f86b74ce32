"""The footer: the keys of what has focus, the palette key on the right, clicks press keys."""

from __future__ import annotations

from reader.ui.footer import ReaderFooter
from reader.ui.search_bar import SearchBar
from ui_helpers import screen_text


def footer_line(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_footer_follows_focus_and_keeps_the_palette_key_right(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        reading = footer_line(sample_app)
        assert "Page down" in reading and "Search" in reading and "Regex" not in reading
        assert reading.rstrip().endswith("▏^p palette")
        await pilot.press("slash")
        await pilot.pause()
        searching = footer_line(sample_app)
        assert "Regex" in searching and "Match case" in searching and "Page down" not in searching
        await pilot.press("escape")
        await pilot.pause()
        assert footer_line(sample_app) == reading


async def test_a_narrow_footer_cuts_the_keys_not_the_palette_key(sample_app):
    async with sample_app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        line = footer_line(sample_app)
        assert len(line) <= 60 and line.rstrip().endswith("▏^p palette")


async def test_clicking_a_key_presses_it(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        line = footer_line(sample_app)
        x = line.index("Search")
        assert await pilot.click(ReaderFooter, offset=(x, 0))
        await pilot.pause()
        assert sample_app.screen.query_one(SearchBar).display
        assert sample_app.focused is sample_app.screen.search_bar.input


async def test_clicking_the_palette_key_opens_the_palette_even_where_keys_are_cut(sample_app):
    from textual.command import CommandPalette

    async with sample_app.run_test(size=(80, 24)) as pilot:
        line = footer_line(sample_app)
        assert await pilot.click(ReaderFooter, offset=(line.index("palette"), 0))
        await pilot.pause()
        assert isinstance(sample_app.screen, CommandPalette)
