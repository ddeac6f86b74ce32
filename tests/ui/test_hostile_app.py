"""Hostile input in the app: every corpus file opens, shows its text literally, and nothing crashes.

Also tiny and rapidly changing terminal sizes, and NO_COLOR.
"""

from __future__ import annotations

import random

import pytest

from hostile.make_corpus import SMALL, build, large
from reader.core.store import Store
from reader.ui.app import ReaderApp
from reader.ui.wrap import sanitize
from ui_helpers import screen_text, wait_for

NAMES = sorted((set(SMALL) | set(large())) - {"binary.bin"})
LITERAL = {
    "markup.txt": "Markup [bold red]x[/] in a title",
    "markup.md": "[@click=app.quit]click[/]",
    "escapes.txt": "␛[31mred␛[0m",
    "table.md": "x1 │ [b]1[/b]",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return {p.name: p for p in build(tmp_path_factory.mktemp("hostile-app"))}


@pytest.mark.parametrize("name", NAMES)
async def test_every_file_opens_and_shows_literally(corpus, name):
    store = Store.open(corpus[name], preview=100_000)
    app = ReaderApp([store], isolate_entities=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: store.complete and app.screen.article.doc is store.doc, 60)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        doc = store.doc
        if name in LITERAL:
            assert LITERAL[name] in text
        elif doc.blocks:
            first = doc.blocks[0]
            assert sanitize(doc.text[first.start : first.end])[:12] in text
        assert "\x1b" not in text and "\x00" not in text
        for key in ("G", "g", "j", "space", "b", "right_square_bracket", "slash", "x", "enter", "n", "question_mark"):
            await pilot.press(key)
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("size", [(20, 6), (1, 1), (2, 40), (200, 3)])
async def test_tiny_terminals(sample_store, size):
    app = ReaderApp([sample_store])
    async with app.run_test(size=size) as pilot:
        for key in ("j", "G", "right_square_bracket", "S", "E", "slash", "e", "enter", "n", "question_mark", "escape"):
            await pilot.press(key)
        await pilot.pause()
        assert app.is_running


async def test_rapid_resizing_keeps_the_place(sample_store):
    app = ReaderApp([sample_store])
    rng = random.Random(7)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        screen.go_to_section(sample_store.doc.sections[2])
        await pilot.pause()
        block = sample_store.doc.block_index_at(screen.article.top_offset)
        for _ in range(30):
            await pilot.resize_terminal(rng.randint(1, 220), rng.randint(1, 70))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.is_running
        assert abs(sample_store.doc.block_index_at(screen.article.top_offset) - block) <= 1


def _grey(colour) -> bool:
    return colour is None or colour.triplet is None or len(set(colour.triplet)) == 1


async def test_no_color_is_honoured(sample_store, monkeypatch):
    from textual.filter import Monochrome, NoColor

    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp([sample_store])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.no_color
        colourless = next(f for f in app._filters if isinstance(f, (NoColor, Monochrome)))
        screen = app.screen
        screen.run_search("Russia")  # highlights are the most colourful rows
        await pilot.pause()
        background = screen.background_colors[1]
        rows = [colourless.apply(list(screen.article.render_line(y)), background) for y in range(20)]
        styles = [seg.style for row in rows for seg in row if seg.style]
        assert styles and all(_grey(s.color) and _grey(s.bgcolor) for s in styles)
