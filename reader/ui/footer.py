"""The footer: the keys of whatever has focus, drawn as one line.

Textual's `Footer` mounts a widget per key and mounts them all again whenever
the bindings may have changed: every focus move. Moving into the search bar
then cost 20-40 ms of mounting, styling and layout, landing on the first
letters typed. This footer is one widget with Textual's footer look (key in
the key colours, description after it, the command palette key on the right):
a focus move recomputes a line of text, and repaints it only if it differs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import ActiveBinding
from textual.screen import Screen
from textual.widget import Widget

from reader.ui.kept import KeptLines


@dataclass(frozen=True, slots=True)
class FooterKey:
    """One key shown: what it displays and what pressing (or clicking) it sends."""

    key: str
    display: str
    description: str
    enabled: bool


class ReaderFooter(KeptLines, Widget):
    """The active keys of the screen, shown once `show_keys` is called (after the first frame)."""

    ALLOW_SELECT = False

    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description", "footer--palette-edge"}

    DEFAULT_CSS = """
    ReaderFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer--palette-edge {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._keys: tuple[FooterKey, ...] = ()
        self._palette: FooterKey | None = None
        self._spans: list[tuple[int, int, FooterKey]] = []  # cells [start, end) of each key, as last drawn
        self._showing = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def show_keys(self, screen: Screen) -> None:
        """Start showing the screen's keys."""
        self._showing = True
        self.bindings_changed(screen)

    def bindings_changed(self, screen: Screen) -> None:
        """Focus moved or bindings changed: repaint if the keys to show differ."""
        if not self._showing or screen is not self.screen:
            return
        active = screen.active_bindings  # worked out anew at each read: read once
        keys, palette = tuple(self._shown(active)), self._palette_key(active)
        if (keys, palette) != (self._keys, self._palette):
            self._keys, self._palette = keys, palette
            self.refresh()

    def _shown(self, active: dict[str, ActiveBinding]) -> Iterator[FooterKey]:
        """The first shown binding of each action, in the screen's order (as Textual's footer)."""
        seen: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING
        for key, (_node, binding, enabled, _tooltip) in active.items():
            if not binding.show or binding.action in seen or key == palette:
                continue
            seen.add(binding.action)
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description, enabled)

    def _palette_key(self, active: dict[str, ActiveBinding]) -> FooterKey | None:
        if not self.app.ENABLE_COMMAND_PALETTE:
            return None
        found = active.get(self.app.COMMAND_PALETTE_BINDING)
        if found is None:
            return None
        _node, binding, enabled, _tooltip = found
        return FooterKey(binding.key, self.app.get_key_display(binding), binding.description, enabled)

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        spans: list[tuple[int, int, FooterKey]] = []

        def append(line: Text, key: FooterKey, key_text: str, description_text: str) -> None:
            start = line.cell_len
            line.append(key_text, key_style if key.enabled else key_style + "dim")
            if key.description:
                line.append(description_text, description_style if key.enabled else description_style + "dim")
            spans.append((start, line.cell_len, key))

        line = Text(no_wrap=True, overflow="crop", end="")
        for key in self._keys:
            append(line, key, f" {key.display} ", f"{key.description} ")
        width = self.size.width
        if self._palette is not None:
            # Docked right and compact, as in Textual's footer: an edge, `^p palette`, a cell
            # of padding; the keys before it are cut where it starts.
            palette = Text("▏", self.get_component_rich_style("footer--palette-edge"), end="")
            key = self._palette
            append(palette, key, key.display, f" {key.description}")
            palette.append(" ")
            room = max(0, width - palette.cell_len)
            line.truncate(room, pad=True)
            start, end, key = spans.pop()
            spans = [(left, min(right, room), k) for left, right, k in spans if left < room]  # what shows
            spans.append((start + room, end + room, key))
            line.append_text(palette)
        self._spans = [(start, min(end, width), key) for start, end, key in spans if start < width]
        return line

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key presses it (a disabled one rings the bell)."""
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
