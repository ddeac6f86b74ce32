"""Entities: worker, grouping, selection, mention stepping, mentions panel, clicks, filter."""

from __future__ import annotations

import threading

from reader.ui.app import ReaderApp
from reader.ui.article import ArticleView
from reader.ui.entities import EntitiesPane, EntityList, MentionsList
from ui_helpers import StubStore, entity_for, screen_text, wait_for_entities


def stub_app(sample_store, *names: str) -> ReaderApp:
    entities = [entity_for(sample_store, name) for name in names]
    return ReaderApp([StubStore(sample_store, entities)])


async def test_sidebar_fills_in_from_the_worker_grouped_with_counts(sample_store):
    app = ReaderApp([StubStore(sample_store, [entity_for(sample_store, "Russia"),
                                               entity_for(sample_store, "Jan Lipavsky", "person"),
                                               entity_for(sample_store, "BIS", "organization")])])  # fmt: skip
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        text = screen_text(app)
        russia = sample_store.doc.text.count("Russia")
        assert "People (1)" in text and "Organisations (1)" in text and "Places (1)" in text
        assert text.index("People") < text.index("Organisations") < text.index("Places")
        assert f"Russia  {russia}" in text
        assert "computing…" not in text


async def test_sidebar_says_computing_until_the_worker_reports(sample_store):
    gate = threading.Event()
    app = ReaderApp([StubStore(sample_store, [entity_for(sample_store, "Russia")], gate)])
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("j", "j")  # the article is usable while the worker runs
        pane = app.screen.query_one(EntitiesPane)
        assert app.screen.query_one(ArticleView).scroll_y == 2
        assert not pane.ready
        assert "computing…" in screen_text(app)
        gate.set()
        await wait_for_entities(pilot)
        assert pane.ready and "computing…" not in screen_text(app)


async def test_a_failing_worker_notifies_and_the_reader_keeps_working(sample_store):
    app = ReaderApp([StubStore(sample_store, RuntimeError("model missing"))])
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        text = screen_text(app)
        assert "entities unavailable" in text
        assert any("model missing" in str(n.message) for n in app._notifications)
        await pilot.press("j", "right_square_bracket")
        assert app.screen.query_one(ArticleView).scroll_y > 0


async def test_selecting_an_entity_highlights_jumps_and_steps(sample_store):
    app = stub_app(sample_store, "Ukraine", "Russia")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_entities(pilot)
        await pilot.press("e")  # folded at 80 columns: `e` shows the pane and focuses the list
        assert isinstance(app.focused, EntityList)
        await pilot.press("down", "enter")  # first entry under "Places (2)": Russia (more mentions)
        await pilot.pause()
        screen = app.screen
        article = screen.query_one(ArticleView)
        count = sample_store.doc.text.count("Russia")
        assert screen.entity.name == "Russia"
        assert len(article.mentions) == count and article.mentions.current == 0
        first_row = article.wrap.row_of(article.mentions.span(0)[0])
        assert article.scroll_y <= first_row < article.scroll_y + article.size.height
        assert f"Russia 1/{count}" in screen_text(app)
        assert isinstance(app.focused, ArticleView)  # choosing returns to reading
        await pilot.press("n", "n")
        assert article.mentions.current == 2
        assert f"Russia 3/{count}" in screen_text(app)
        await pilot.press("N", "N", "N")
        assert article.mentions.current == count - 1  # wrapped


async def test_n_steps_whichever_was_chosen_last(sample_store):
    app = stub_app(sample_store, "Russia")
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        screen = app.screen
        article = screen.query_one(ArticleView)
        await pilot.press("slash", *"espionage", "enter")
        await pilot.press("n")
        assert article.matches.current == 1
        screen.select_entity(screen.entities[0])
        await pilot.press("n")
        assert article.mentions.current == 1 and article.matches.current == 1
        await pilot.press("slash", "enter", "n")  # back to the search: it was chosen last
        assert article.matches.current == 2 and article.mentions.current == 1


async def test_mentions_panel_lists_context_and_jumps(sample_store):
    app = stub_app(sample_store, "Ukraine")
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        screen = app.screen
        screen.select_entity(screen.entities[0])
        await pilot.pause()
        panel = screen.query_one(MentionsList)
        assert panel.display and panel.option_count == sample_store.doc.text.count("Ukraine")
        assert "Czech Republic’s Support for: This assertive stance" in screen_text(app) or \
            "aid to Ukraine" in screen_text(app)
        panel.focus()
        await pilot.press("end", "enter")
        await pilot.pause()
        article = screen.query_one(ArticleView)
        assert article.mentions.current == panel.option_count - 1


async def test_clicking_a_mention_selects_its_entity(sample_store):
    app = stub_app(sample_store, "Jan Lipavsky")
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        article = app.screen.query_one(ArticleView)
        start = app.screen.entities[0].mentions[0].start
        row = article.wrap.row_of(start)
        x = article.margin + start - article.wrap.offset_of(row) + 2
        await pilot.click(ArticleView, offset=(x, row - round(article.scroll_y)))
        await pilot.pause()
        assert app.screen.entity is app.screen.entities[0]
        assert app.screen.query_one(EntityList).highlighted is not None


async def test_a_mention_clicked_before_the_index_arrives_still_selects_its_entity(sample_store):
    from reader.core.ranges import Ranges

    app = stub_app(sample_store, "Jan Lipavsky")
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        screen = app.screen
        screen._mention_index, screen._mention_owner = Ranges(), []  # listed, not yet indexed
        start = screen.entities[0].mentions[0].start
        screen._offset_clicked(ArticleView.OffsetClicked(screen.article, start + 1))
        await pilot.pause()
        assert screen.entity is screen.entities[0]


async def test_typing_in_the_sidebar_filters_it(sample_store):
    app = stub_app(sample_store, "Russia", "Ukraine", "Europe")
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        await pilot.press("e", "u", "k")
        await pilot.pause()
        text = screen_text(app)
        assert "filter: uk" in text and "Ukraine" in text and "Russia  " not in text
        assert not app.screen.query_one(ArticleView).matches  # typed keys did not act as bindings
        await pilot.press("escape")
        await pilot.pause()
        assert "Russia  " in screen_text(app)
        await pilot.press("escape")  # nothing left to clear: back to the article, where q quits
        assert isinstance(app.focused, ArticleView)


async def test_a_burst_after_e_filters_the_list(sample_store):
    """`e` then a name, as fast as a paste: every letter reaches the list, none acts as a key binding."""
    from textual import events

    app = stub_app(sample_store, "Russia", "Ukraine", "Europe")
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        for char in "eUkrs":  # U: nothing; k: line up; s: focus sections, if they left the list
            app.post_message(events.Key(char, char))
        await pilot.pause()
        assert isinstance(app.focused, EntityList)
        assert "filter: Ukrs" in screen_text(app)


async def test_dates_are_hidden_until_toggled(sample_store):
    app = stub_app(sample_store, "Russia")
    app.stores[0]._entities.append(entity_for(sample_store, "2024", "date"))
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        assert "Dates" not in screen_text(app)
        await pilot.press("D")
        await pilot.pause()
        assert "Dates (1)" in screen_text(app)


async def test_a_long_list_shows_the_most_salient_and_a_filter_reaches_the_rest():
    """A book has thousands of entities: the list holds the MAX_LISTED most salient, typing finds any."""
    from reader.core.model import Entity, Mention
    from reader.core.store import Store
    from reader.ui.entities import MAX_LISTED

    count = MAX_LISTED + 40
    names = [f"Person{n:04d}" for n in range(count)]
    store = Store.from_text("Roll Call\n\n" + " ".join(names) + ".\n", "roll.txt")
    text = store.doc.text
    entities = []
    for n, name in enumerate(names):
        start = text.index(name)
        mention = Mention(start, start + len(name), name, "name", 0)
        entities.append(Entity(name.lower(), name, "person", mentions=[mention], salience=float(count - n)))
    app = ReaderApp([StubStore(store, entities)])
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        entity_list = app.screen.query_one(EntityList)
        listed = [o.id for o in entity_list.options if o.id]
        assert listed == [e.id for e in entities[:MAX_LISTED]]  # the most salient, in order
        assert str(entity_list.options[-1].prompt) == "… 40 more: type to filter"
        assert f"People ({count})" in str(entity_list.options[0].prompt)
        rare = entities[-1]
        app.screen.select_entity(rare)  # as from a click in the article or the palette
        await pilot.pause()
        assert entity_list.highlighted is not None
        assert entity_list.options[entity_list.highlighted].id == rare.id
        assert app.screen.counter() == f"{rare.name} 1/1"


async def test_a_long_list_fills_in_after_its_first_screenful(sample_store):
    """A screenful of entities at once, the rest a frame later; any of them can be chosen meanwhile."""
    from reader.core.model import Entity, Mention

    word = "Czech"
    at = sample_store.doc.text.find(word)
    many = [
        Entity(f"e{i}", f"Place {i:03}", "place", [Mention(at, at + len(word), word, "name", -1)], salience=1000.0 - i)
        for i in range(150)
    ]
    app = ReaderApp([StubStore(sample_store, many)])
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        entity_list = app.screen.query_one(EntityList)
        entity_list.show(many)
        assert entity_list.option_count == entity_list.size.height + 2  # a screenful, and a little more
        entity_list.select_entity(many[140])  # not drawn yet: added at once
        assert entity_list.highlighted == entity_list.get_option_index("e140")
        entity_list.show(many)
        await pilot.pause()
        assert entity_list.option_count == 151  # the heading and every entity, once


async def test_an_entity_name_is_shown_literally_in_the_mentions_title(sample_store):
    entity = entity_for(sample_store, "Russia")
    entity.name = "[b]Russia[/b] [/]"  # document text that looks like markup
    app = ReaderApp([StubStore(sample_store, [entity])])
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_entities(pilot)
        app.screen.select_entity(entity)
        await pilot.pause()
        assert "Mentions of [b]Russia[/b] [/]" in screen_text(app)
