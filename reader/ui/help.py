"""The `?` help screen, generated from the live bindings so it never goes stale."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static


def binding_rows(node: DOMNode) -> list[tuple[str, str]]:
    """(keys, description) for each action bound on `node`, aliases merged ("j / down")."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for key, binding in node._bindings:
        if not binding.description or binding.system:
            continue
        keys = grouped.setdefault((binding.action, binding.description), [])
        display = node.app.get_key_display(Binding(key, binding.action))
        if display not in keys:
            keys.append(display)
    return [(" / ".join(keys), description) for (_, description), keys in grouped.items()]


def help_table(sections: Iterable[tuple[str, DOMNode]]) -> Table:
    """One table: a heading row per pane, then its keys."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for heading, node in sections:
        rows = binding_rows(node)
        if not rows:
            continue
        table.add_row(Text(heading, style="bold underline"), "")
        for keys, description in rows:
            table.add_row(Text(keys), Text(description))
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """Every key binding of the reader, by pane."""

    BINDINGS: list[BindingType] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, sections: list[tuple[str, DOMNode]]) -> None:
        super().__init__()
        self._sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys  (Esc to close)"
            yield Static(help_table(self._sections), id="help-table")
