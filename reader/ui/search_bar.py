"""The search bar: an input, regex/case toggles and the `i/N` counter.

The bar only reports what the reader asks for (`Changed` on every keystroke
or toggle, `Submitted` on Enter, `Cleared` on Escape); the screen runs the
search and tells the bar the counter or the error to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Input, Static

from reader.ui.messages import WidgetMessage


class SearchInput(Input):
    """The query box.

    Keys that reach it after Enter in the same burst (a paste, `tmux send-keys
    / e s p Enter n`) were typed for the article: they are passed on to the
    newly focused widget instead of being typed into the query. A newline
    (ctrl+j) submits like Enter: it is what Enter becomes when typed ahead,
    before the terminal is in raw mode.
    """

    BINDINGS: list[BindingType] = [
        Binding("ctrl+j", "submit", "Search", show=False, id="search.submit_newline"),
    ]

    _submitted = False

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        """Never a layout: the box is 1fr × 1, and a layout of the screen per keystroke costs ~5 ms."""
        return super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)

    def _watch_value(self, value: str) -> None:
        """Report the new query at once, not through `Input.Changed`.

        `Input.Changed` would reach the screen through this input's and the
        bar's queues, after the input's own repaint: Textual would draw the
        typed letter in one frame and the matches a frame later (16 ms on).
        Posted from here, the query is searched before that repaint, and both
        show in one frame.
        """
        super()._watch_value(value)
        if isinstance(self.parent, SearchBar):
            self.parent.report_change()

    def _on_focus(self, event: events.Focus) -> None:
        self._submitted = False
        super()._on_focus(event)

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("enter", "ctrl+j"):
            self._submitted = True  # the Enter binding submits; focus moves soon after
        elif self._submitted:
            # Typed after Enter: hand it back to the app, which gives it to
            # whatever has focus by then (the article).
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        await super()._on_key(event)


class SearchBar(Horizontal):
    """The bottom prompt, as in `less` and vim: in the status line's place from `/` to Enter or Escape."""

    BINDINGS: list[BindingType] = [
        Binding("ctrl+r", "toggle_regex", "Regex", id="search.regex"),
        Binding("ctrl+t", "toggle_case", "Match case", id="search.case"),
        Binding("escape", "clear", "Clear search", id="search.clear"),
    ]

    regex: reactive[bool] = reactive(False)
    case: reactive[bool | None] = reactive(None)  # None = smart case

    @dataclass
    class Changed(WidgetMessage):
        """The query or a toggle changed: search again."""

        query: str
        regex: bool
        case: bool | None

    @dataclass
    class Submitted(WidgetMessage):
        """Enter: keep the search, go back to reading."""

    @dataclass
    class Cleared(WidgetMessage):
        """Escape: drop the search."""

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-slash")
        yield SearchInput(placeholder="search (literal, smart case)", id="search-input", select_on_focus=False)
        yield Static(id="search-flags")
        yield Static(id="search-count")

    def on_mount(self) -> None:
        self._show_flags()

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def search_text(self) -> str:
        """The text being searched for."""
        return self.input.value

    def open(self) -> None:
        """Show the bar and put the cursor in it (the screen hides the status line it replaces)."""
        self.display = True
        # Focus now, not after the next refresh (`focus()` defers): keys typed right
        # after `/` in a fast burst (paste, tmux send-keys) must land in the input.
        self.screen.set_focus(self.input)
        self.input.cursor_position = len(self.input.value)

    def set_count(self, current: int | None, total: int) -> None:
        """Show `i/N` (or `N` when no match is current), leaving any error state."""
        self.input.remove_class("-error")
        label = f"{current + 1}/{total}" if current is not None and total else f"{total} matches" if self.search_text else ""
        if self.search_text and not total:
            label = "no match"
        self.query_one("#search-count", Static).update(Text(label), layout=False)

    def set_error(self, message: str) -> None:
        """Show an invalid query (bad regex) as an error, not a crash."""
        self.input.add_class("-error")
        self.query_one("#search-count", Static).update(Text(message[:28]), layout=False)

    def _show_flags(self) -> None:
        case = {None: "smart", True: "Aa", False: "aa"}[self.case]
        flags = Text()
        flags.append(" .* ", style="reverse" if self.regex else "dim")
        flags.append(" ")
        flags.append(f" {case} ", style="reverse" if self.case is not None else "dim")
        self.query_one("#search-flags", Static).update(flags, layout=False)

    def report_change(self) -> None:
        """Tell the screen the query or a toggle changed: posted to it directly, ahead of any repaint."""
        self.screen.post_message(self.Changed(self, self.search_text, self.regex, self.case))

    def action_toggle_regex(self) -> None:
        """Treat the query as a regular expression, or literally."""
        self.regex = not self.regex
        self._toggled()

    def action_toggle_case(self) -> None:
        """Cycle smart case → match case → ignore case."""
        self.case = {None: True, True: False, False: None}[self.case]
        self._toggled()

    def _toggled(self) -> None:
        self._show_flags()
        self.report_change()

    def action_clear(self) -> None:
        """Empty the bar and drop the search (the screen puts the status line back in its place)."""
        self.input.value = ""
        self.post_message(self.Cleared(self))

    @on(Input.Changed, "#search-input")
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()  # already reported by the input itself

    @on(Input.Submitted, "#search-input")
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self))
