"""Focus keys, Tab order, pane toggles at 80×24, help, the command palette, documents."""

from __future__ import annotations

from reader.core.store import Store
from reader.ui.app import ReaderApp
from reader.ui.article import ArticleView
from reader.ui.entities import EntitiesPane, EntityList
from reader.ui.help import HelpScreen
from reader.ui.sections import SectionsTree
from ui_helpers import StubStore, entity_for, screen_text, wait_for_entities


async def test_focus_keys_and_tab(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        await pilot.press("s")
        assert isinstance(sample_app.focused, SectionsTree)
        await pilot.press("a")
        assert isinstance(sample_app.focused, ArticleView)
        await pilot.press("e")
        assert isinstance(sample_app.focused, EntityList)
        await pilot.press("shift+tab")
        assert isinstance(sample_app.focused, ArticleView)
        await pilot.press("shift+tab")
        assert isinstance(sample_app.focused, SectionsTree)
        await pilot.press("tab")
        assert isinstance(sample_app.focused, ArticleView)


async def test_side_panes_fold_at_80x24_and_toggle(sample_app):
    async with sample_app.run_test(size=(80, 24)) as pilot:
        screen = sample_app.screen
        sections, entities = screen.query_one("#sections"), screen.query_one(EntitiesPane)
        await pilot.pause()
        assert not sections.display and not entities.display
        article = screen.query_one(ArticleView)
        assert article.size.width >= 78 and article.measure >= 70
        assert "The Czech Republic has taken a decisive step" in screen_text(sample_app)
        await pilot.press("S")
        await pilot.pause()
        assert sections.display and "Sections" in screen_text(sample_app)
        await pilot.press("E")
        await pilot.pause()
        assert entities.display and "Entities" in screen_text(sample_app)
        await pilot.press("S", "E")
        await pilot.pause()
        assert not sections.display and not entities.display


async def test_wide_terminal_keeps_a_reading_measure(sample_app):
    async with sample_app.run_test(size=(220, 40)) as pilot:
        await pilot.pause()
        article = sample_app.screen.query_one(ArticleView)
        assert article.measure == ArticleView.MAX_MEASURE < article.size.width
        assert article.margin > 0
        widest = max(len(article.wrap.row(i).prefix) + article.wrap.row(i).end - article.wrap.row(i).start
                     for i in range(len(article.wrap)))  # fmt: skip
        assert widest <= article.measure


async def test_help_lists_every_binding(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(sample_app.screen, HelpScreen)
        text = screen_text(sample_app)
        for binding in ArticleView.BINDINGS + sample_app.screen_stack[-2].BINDINGS:
            assert binding.description in text, binding.description
        assert "↓ / j" in text and "pgdn / space / f" in text  # aliases merged on one line
        assert "Scroll Left" not in text and "Page Right" not in text  # wrapped text has no sideways
        await pilot.press("escape")
        assert not isinstance(sample_app.screen, HelpScreen)


async def test_palette_goes_to_a_section(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Looking Ahead")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        screen = sample_app.screen
        last = screen.doc.all_sections[-1]
        assert screen.section is last
        assert screen.query_one(SectionsTree).current is last


async def test_palette_jumps_to_an_entity(sample_store):
    app = ReaderApp([StubStore(sample_store, [entity_for(sample_store, "Ukraine")])])
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        await pilot.press("ctrl+p", *"entity Ukraine")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.entity is not None and app.screen.entity.name == "Ukraine"
        assert "Ukraine 1/" in screen_text(app)


async def test_palette_toggles_a_pane(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        await pilot.press("ctrl+p", *"Toggle sections pane")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert not sample_app.screen.query_one("#sections").display


async def test_two_documents_switch_with_ctrl_o(sample_store):
    other = Store.from_text("Second Document\n\nIntro line.\n\n## Part\n\nBody text here.\n", "two.md")
    app = ReaderApp([sample_store, other])
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.screen.doc is other.doc
        assert "Body text here." in screen_text(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.screen.doc is sample_store.doc


async def test_kept_pane_lines_follow_focus_and_theme(sample_app):
    """The bordered panes keep their drawn lines between frames, but not across a focus or theme change."""
    from textual.geometry import Region

    async with sample_app.run_test(size=(160, 48)) as pilot:
        pane = sample_app.screen.query_one(EntitiesPane)

        def top_border():  # asked for as the compositor asks: the whole pane
            return pane.render_lines(Region(0, 0, *pane.region.size))[0]

        unfocused = top_border()
        assert top_border() is unfocused  # kept while nothing changes
        await pilot.press("e")
        await pilot.pause()
        focused = top_border()
        assert focused.text == unfocused.text and focused != unfocused  # the accent border
        sample_app.theme = "textual-light" if sample_app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert top_border() != focused
