"""Document text is data: markup and escape sequences in a document never act."""

from __future__ import annotations

from reader.core.store import Store
from reader.ui.app import ReaderApp
from reader.ui.article import ArticleView
from reader.ui.wrap import sanitize
from ui_helpers import StubStore, entity_for, screen_text, wait_for_entities

NASTY = (
    "Title with [bold]markup[/bold]\n\n"
    "## Section [@click=app.quit]quit[/]\n\n"
    "A paragraph with [red]red[/red] and [@click=app.quit]x[/] and \x1b[31mescape\x1b[0m and \x07bell.\n"
)


async def test_markup_and_escapes_show_literally():
    store = Store.from_text(NASTY, "nasty.md")
    app = ReaderApp([StubStore(store, [entity_for(store, "[red]red[/red]", "misc")])])
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        text = screen_text(app)
        assert "[@click=app.quit]x[/]" in text
        assert "[red]red[/red]" in text
        assert "Section [@click=app.quit]quit[/]" in text  # in the article, the tree and the status line
        assert "\x1b" not in text and "\x07" not in text
        await pilot.click(ArticleView, offset=(10, 2))
        assert app.is_running


async def test_render_line_never_emits_control_bytes_even_if_the_store_keeps_them():
    store = Store.from_text("Heading\n\nplain \u241b[31m text\n", "x.txt")
    store.doc.text = store.doc.text.replace("\u241b", "\x1b")  # as if the store did not strip it
    app = ReaderApp([store])
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        article = app.screen.query_one(ArticleView)
        rendered = "".join(seg.text for y in range(article.size.height) for seg in article.render_line(y))
        assert "\x1b" not in rendered and "\u241b[31m" in rendered


def test_sanitize_keeps_length_and_newlines():
    raw = "a\x1bb\x00c\x9bd\x7f\ne\tf"
    clean = sanitize(raw)
    assert len(clean) == len(raw) and "\n" in clean
    assert not any(ord(ch) < 32 and ch != "\n" or 0x7F <= ord(ch) < 0xA0 for ch in clean)
