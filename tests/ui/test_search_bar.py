"""Search: typing, counter, stepping, toggles, invalid regex, Enter and Escape."""

from __future__ import annotations

from reader.ui.app import ReaderApp
from reader.ui.article import ArticleView
from reader.ui.search_bar import SearchBar
from ui_helpers import wait_for, screen_text


def true_count(app, needle: str) -> int:
    return app.screen.doc.text.lower().count(needle.lower())


async def type_search(pilot, text: str) -> None:
    await pilot.press("slash", *text)
    await pilot.pause()


async def test_typing_highlights_and_counts(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        await type_search(pilot, "espionage")
        n = true_count(sample_app, "espionage")
        assert n > 1
        bar = sample_app.screen.query_one(SearchBar)
        assert bar.display and isinstance(sample_app.focused.parent, SearchBar)
        status = sample_app.screen.query_one("#status")
        assert not status.display  # the prompt takes the status line's row, as in less and vim
        text = screen_text(sample_app)
        assert f"1/{n}" in text and f"espionage 1/{n}" not in text
        article = sample_app.screen.query_one(ArticleView)
        assert len(article.matches) == n and article.matches.current == 0
        await pilot.press("enter")
        await pilot.pause()
        assert not bar.display and status.display
        assert f"espionage 1/{n}" in screen_text(sample_app)  # the status line counter, for n/N


async def test_the_prompt_leaves_the_panes_their_size(sample_app):
    """Opening and closing the search bar swaps it with the status line: no pane resizes."""
    async with sample_app.run_test(size=(160, 48)) as pilot:
        screen = sample_app.screen
        panes = (screen.article, screen.sections_tree, screen.entities_pane.entity_list)
        sizes = [pane.size for pane in panes]
        for keys in (("slash", "e"), ("tab",), ("slash",), ("escape",)):
            await pilot.press(*keys)
            await pilot.pause()
            assert [pane.size for pane in panes] == sizes
        assert screen.query_one("#status").display and not screen.search_bar.display


async def test_incremental_counts_change_per_keystroke(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        await type_search(pilot, "r")
        article = sample_app.screen.query_one(ArticleView)
        many = len(article.matches)
        await pilot.press("u", "s", "s")
        await pilot.pause()
        assert len(article.matches) == true_count(sample_app, "russ") < many


async def test_enter_returns_focus_and_n_steps_with_wrap(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        await type_search(pilot, "espionage")
        await pilot.press("enter")
        article = sample_app.screen.query_one(ArticleView)
        assert sample_app.focused is article
        n = len(article.matches)
        await pilot.press("n")
        assert article.matches.current == 1
        assert f"espionage 2/{n}" in screen_text(sample_app)
        await pilot.press("N", "N")
        assert article.matches.current == n - 1  # wrapped backwards
        await pilot.press("n")
        assert article.matches.current == 0


async def test_step_scrolls_the_match_into_view(sample_app):
    async with sample_app.run_test(size=(80, 24)) as pilot:
        await type_search(pilot, "Ukraine")
        await pilot.press("enter", "N")  # the last one, near the end
        article = sample_app.screen.query_one(ArticleView)
        row = article.wrap.row_of(article.matches.span(article.matches.current)[0])
        assert article.scroll_y <= row < article.scroll_y + article.size.height


async def test_smart_case_and_case_toggle(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        article = sample_app.screen.query_one(ArticleView)
        await type_search(pilot, "czech")
        insensitive = len(article.matches)
        await pilot.press("ctrl+t")  # smart → match case
        await pilot.pause()
        assert len(article.matches) == sample_app.screen.doc.text.count("czech") < insensitive
        await pilot.press("ctrl+t", "ctrl+t", "backspace", "backspace", "backspace", "backspace", "backspace")
        await pilot.press(*"Czech")  # smart case: an upper-case letter makes it exact
        await pilot.pause()
        assert len(article.matches) == sample_app.screen.doc.text.count("Czech")


async def test_invalid_regex_is_an_error_state_not_a_crash(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        article = sample_app.screen.query_one(ArticleView)
        await pilot.press("slash", "ctrl+r", *"Russia(n")
        await pilot.pause()
        bar = sample_app.screen.query_one(SearchBar)
        assert bar.input.has_class("-error")
        assert "invalid" in screen_text(sample_app)
        assert len(article.matches) == 0
        await pilot.press(")")  # "Russia(n)" is a valid pattern
        await pilot.pause()
        assert not bar.input.has_class("-error")
        assert len(article.matches) > 0


async def test_escape_clears_and_hides(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        await type_search(pilot, "espionage")
        await pilot.press("escape")
        await pilot.pause()
        article = sample_app.screen.query_one(ArticleView)
        assert not sample_app.screen.query_one(SearchBar).display
        assert len(article.matches) == 0 and sample_app.focused is article
        assert "espionage 1/" not in screen_text(sample_app)


async def test_escape_from_the_article_also_clears_a_kept_search(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        await type_search(pilot, "espionage")
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert len(sample_app.screen.query_one(ArticleView).matches) == 0


async def test_keys_typed_in_a_burst_after_slash_reach_the_input(sample_app):
    """As from tmux send-keys or a fast typist: all keys queued before any is handled."""
    from textual import events

    async with sample_app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        for char in "/espionage/":
            sample_app.post_message(events.Key("slash" if char == "/" else char, char))
        await pilot.pause(0.2)
        bar = sample_app.screen.query_one(SearchBar)
        assert bar.search_text == "espionage/"  # a second `/` is a character, not a re-open


async def test_keys_typed_in_a_burst_after_enter_reach_the_article(sample_app):
    """`/espionage` Enter `n` `n` in one burst: the n's step the search, they are not typed."""
    from textual import events

    async with sample_app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        keys = [("slash", "/"), *[(c, c) for c in "espionage"], ("enter", "\r"), ("n", "n"), ("n", "n")]
        for key, char in keys:
            sample_app.post_message(events.Key(key, char))
        await wait_for(pilot, lambda: sample_app.screen.counter() == "espionage 3/5")
        bar = sample_app.screen.query_one(SearchBar)
        assert bar.search_text == "espionage"
        assert sample_app.screen.counter() == "espionage 3/5"


async def test_catastrophic_regex_is_stopped_and_the_screen_stays_responsive():
    """`(a|aa)+$` against a long line of a's: keys work while it runs; it ends with a message."""
    from textual import events

    from reader.core.store import Store
    from reader.ui.app import ReaderApp

    store = Store.from_text("Title\n\n" + "a" * 60 + "!\n\n" + "More text.\n" * 50, "slow.txt")
    app = ReaderApp([store], isolate_entities=False)
    async with app.run_test(size=(100, 30)) as pilot:
        bar = app.screen.query_one(SearchBar)
        count = bar.query_one("#search-count")
        await pilot.press("slash", "ctrl+r")
        for char in "(a|aa)+$":  # posted, not pressed: Pilot's press waits for the search
            app.post_message(events.Key(char, char))
        assert await wait_for(pilot, lambda: bar.search_text == "(a|aa)+$")
        app.post_message(events.Key("ctrl+t", None))
        assert await wait_for(pilot, lambda: bar.case is True)  # a key answered...
        assert "too slow" not in str(count.render())  # ...while the pattern is still being tried
        assert await wait_for(pilot, lambda: "too slow" in str(count.render()), timeout=15)
        assert app.is_running
        assert "too slow" in screen_text(app)
        assert len(app.screen.matches) == 0


async def test_keys_typed_before_the_screen_is_assembled_are_replayed(sample_store):
    """Typed ahead while the reader starts: held until the search bar exists, then replayed in order.

    The newline (ctrl+j) is what Enter becomes when typed before the terminal
    is in raw mode; it submits too.
    """
    from textual import events

    keys = [("slash", "/"), *[(c, c) for c in "espionage"], ("ctrl+j", "\n"), ("n", "n"), ("n", "n")]
    held = []

    class TypedAhead(ReaderApp):
        def on_mount(self) -> None:
            super().on_mount()
            for key, char in keys:  # before the screen's first frame: it has no search bar yet
                self.post_message(events.Key(key, char))
            self.call_later(lambda: held.append(len(self.held_keys)))

    app = TypedAhead([sample_store])
    async with app.run_test(size=(160, 48)) as pilot:
        assert await wait_for(pilot, lambda: app.screen.counter() == "espionage 3/5")
        assert app.screen.query_one(SearchBar).search_text == "espionage"
        assert held == [len(keys)]


async def test_a_keystroke_draws_the_letter_and_its_matches_in_one_frame(sample_app):
    """The typed letter, the highlights and the counter reach the screen together, not a frame apart."""
    async with sample_app.run_test(size=(160, 48)) as pilot:
        await type_search(pilot, "")
        screen = sample_app.screen
        screen.search_bar.input.cursor_blink = False
        await pilot.pause()
        drawn = []
        display = sample_app._display

        def recorded(target, update) -> None:
            display(target, update)
            if update is not None:
                painted = any(marks for _, marks in screen.article._painted.values())
                drawn.append((screen.search_bar.input.value, painted, screen.counter()))

        sample_app._display = recorded
        await pilot.press("e")
        await pilot.pause()
        n = true_count(sample_app, "e")
        assert drawn and drawn[0] == ("e", True, f"e 1/{n}")


async def test_a_search_without_accents_finds_accented_names():
    """`/natasha` finds `Natásha` (as a browser's find does); `/natásha` only the accented one."""
    from reader.core.store import Store

    app = ReaderApp([Store.from_text("Title\n\nNatásha Rostóva and Natasha Smith.\n")])
    async with app.run_test(size=(100, 24)) as pilot:
        await type_search(pilot, "natasha")
        article = app.screen.query_one(ArticleView)
        spans = [article.matches.span(i) for i in range(len(article.matches))]
        assert [app.screen.doc.text[a:b] for a, b in spans] == ["Natásha", "Natasha"]
        assert "1/2" in screen_text(app)
        await pilot.press(*["backspace"] * 4, *"ásha")
        await pilot.pause()
        assert len(article.matches) == 1
        assert "1/1" in screen_text(app)


async def test_the_indexes_without_accents_are_made_once_the_entities_are_listed():
    from reader.core.store import Store

    store = Store.from_text("Title\n\nNatásha Rostóva met Natasha Smith.\n")
    app = ReaderApp([store])
    async with app.run_test(size=(100, 24)) as pilot:
        assert await wait_for(pilot, lambda: app.screen.entities is not None)
        assert await wait_for(pilot, lambda: len(store.doc._unaccented) == 2)  # made by a worker of their own
        made, text = store.doc._unaccented, store.doc.text
        plain = text.replace("á", "a").replace("ó", "o")
        assert "Natásha" in text and made == {True: plain.lower(), False: plain}
