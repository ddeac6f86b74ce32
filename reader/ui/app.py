"""The reader application: one `ReaderScreen` per open document.

`ReaderApp(stores)` is the single factory used by the CLI, the tests and the
screenshot script, so all three run the same app.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from reader.ui.collector import IDLE, IdleCollector
from reader.ui.commands import EntitiesProvider, SectionsProvider
from reader.ui.screen import ReaderScreen
from reader.ui.wrap import sanitize

if TYPE_CHECKING:
    from textual.driver import Driver

    from reader.core.store import Store


def keep_screen_driver() -> type[Driver]:
    """Textual's terminal driver, minus its first "enter the alternate screen".

    The instant first screen is there already, and xterm clears the alternate
    screen on entering it even from within: the text would blink out until
    Textual's first frame. Everything else (raw mode, mouse, leaving the
    alternate screen on exit) is Textual's own.
    """
    from textual.drivers.linux_driver import LinuxDriver

    from reader.ui import instant

    class KeepScreenDriver(LinuxDriver):
        _entered = False

        def write(self, data: str) -> None:
            if data == instant.ENTER and not self._entered:
                self._entered = True
                instant.handed_over()
                return
            super().write(data)

    return KeepScreenDriver


class ReaderApp(App[None]):
    """A terminal reader for articles: sections, article, entities, search."""

    TITLE = "reader"
    CSS_PATH = Path(__file__).with_name("reader.tcss")  # absolute: subclasses elsewhere find it too
    COMMANDS = App.COMMANDS | {SectionsProvider, EntitiesProvider}
    BINDINGS: list[BindingType] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+o", "next_document", "Next document", id="app.next_document"),
    ]

    def __init__(
        self, stores: list[Store], *, ner_backend: str = "rules", isolate_entities: bool = True, painted: bool = False
    ) -> None:
        """`isolate_entities` runs the extractor in a child process (see `reader.core.isolated`).

        `painted`: `reader.ui.instant` has painted the first screen in the
        alternate screen already; the driver takes it over without clearing it.
        """
        if not stores:
            raise ValueError("ReaderApp needs at least one document")
        super().__init__(driver_class=keep_screen_driver() if painted else None)
        self.stores = stores
        self.ner_backend = ner_backend
        self.isolate_entities = isolate_entities
        self.document_index = 0
        self.held_keys: list[events.Key] = []  # pressed while a reader screen was being assembled
        self.collector = IdleCollector()

    def on_mount(self) -> None:
        self.collector.start()
        self.set_interval(IDLE / 2, self.collector.tick, name="idle-collector")
        self.push_screen(self._reader_screen(0))

    def on_unmount(self) -> None:
        self.collector.stop()

    async def on_event(self, event: events.Event) -> None:
        """Hold keys pressed before the reader screen is assembled; it releases them then.

        The first frame shows the document before the navigator, search bar
        and entity lists exist (see `ReaderScreen.compose`); a key typed in
        that instant (`/` and a word, in a burst, or typed ahead while the
        file loads) must wait for them rather than reach a screen without its
        search bar.
        """
        if isinstance(event, (events.Key, events.MouseEvent)):
            self.collector.touched()
        if isinstance(event, events.Key) and not event.is_forwarded and self._assembling():
            self.held_keys.append(event)
            return
        await super().on_event(event)

    def _assembling(self) -> bool:
        stack = self.screen_stack
        return not stack or (isinstance(stack[-1], ReaderScreen) and not stack[-1].ready)

    def release_keys(self) -> None:
        """Replay the held keys, in order, ahead of any typed from now on."""
        held, self.held_keys = self.held_keys, []
        for key in held:
            self.post_message(events.Key(key.key, key.character))

    def _reader_screen(self, index: int) -> str:
        """The name of document `index`'s screen, installed on first use so switching keeps its state."""
        name = f"document-{index}"
        if not self.is_screen_installed(name):
            self.install_screen(ReaderScreen(self.stores[index], ner_backend=self.ner_backend), name)
        return name

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "Next document" when only one is open."""
        if action == "next_document":
            return len(self.stores) > 1
        return True

    def show_document(self, index: int) -> None:
        """Switch to document `index` (its screen keeps its own reading state)."""
        index %= len(self.stores)
        if index == self.document_index:
            return
        screen = self._reader_screen(index)
        self.document_index = index
        self.switch_screen(screen)

    def action_next_document(self) -> None:
        """Show the next open document."""
        self.show_document(self.document_index + 1)

    def action_help(self) -> None:
        """Show every key binding, grouped by pane."""
        from reader.ui.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        screen = self.screen
        panes = [("Everywhere", self), ("Reading", screen)]
        for title, selector in (("Article", "#article"), ("Sections", "#sections-tree"),
                                ("Entities", "#entity-list"), ("Search bar", "#search")):  # fmt: skip
            found = screen.query(selector)
            if found:
                panes.append((title, found.first()))
        self.push_screen(HelpScreen(panes))

    def action_toggle_pane(self, name: str) -> None:
        """Palette entry point for the reader screen's pane toggles."""
        if isinstance(self.screen, ReaderScreen):
            self.screen.action_toggle_pane(name)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands (theme, quit, keys…) plus the reader's."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            yield SystemCommand("Toggle sections pane", "Show or hide the Sections navigator",
                                lambda: screen.action_toggle_pane("sections"))  # fmt: skip
            yield SystemCommand("Toggle entities pane", "Show or hide the Entities sidebar",
                                lambda: screen.action_toggle_pane("entities"))  # fmt: skip
            yield SystemCommand("Toggle dates", "Show or hide date entities", screen.action_toggle_dates)
            yield SystemCommand("Search", "Open the search bar", screen.action_open_search)
        for index, store in enumerate(self.stores):
            if index != self.document_index:
                title = sanitize(store.doc.title)
                yield SystemCommand(f"Open document: {title}", store.doc.source, lambda i=index: self.show_document(i))
