"""The title bar: the document's title on one row, like Textual's `Header`.

Textual's `Header` is four widgets (icon, title, clock space and the bar);
this is one, drawn in one `render`, because the first frame of a document
pays for every widget it styles. Clicking the `≡` icon opens the command
palette, as Header's does.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

from reader.ui.kept import KeptLines
from reader.ui.layout import ICON, title_line


class TitleBar(KeptLines, Widget):
    """` ≡ ` at the left, the screen's title (document text, shown literally) centred."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "title", lambda _title: self.refresh(), init=False)

    def render(self) -> Text:
        return Text(title_line(self.screen.title or self.app.title, self.size.width), no_wrap=True)

    def on_click(self, event: events.Click) -> None:
        if event.x < len(ICON):
            self.app.action_command_palette()
