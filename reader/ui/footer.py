"""The footer: Textual's, shown from the second frame on, rebuilt only when its keys change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class ReaderFooter(Footer):
    """Textual's `Footer` re-mounts every key whenever bindings *may* have changed.

    That is on every focus move and screen change: five rebuilds before the
    first frame, a quarter of a second. This footer waits for `show_keys`
    (the screen calls it once the first frame is up), then compares what it
    would show and rebuilds only when that differs.
    """

    _shown: tuple[object, ...] | None = None
    _showing = False

    def show_keys(self, screen: Screen) -> None:
        """Start showing the screen's keys."""
        self._showing = True
        self.bindings_changed(screen)

    def bindings_changed(self, screen: Screen) -> None:
        if not self._showing:
            return
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)
