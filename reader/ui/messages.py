"""Messages: from the entity worker thread to the screen, and the base of widget messages."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widget import Widget

from reader.core.model import Entity


@dataclass
class EntitiesReady(Message):
    """The background worker finished: `entities` in salience order."""

    entities: list[Entity]


@dataclass
class EntitiesFailed(Message):
    """The background worker raised: the article stays usable, the sidebar says so."""

    error: str


@dataclass
class WidgetMessage(Message):
    """A message about something the reader did in `widget`, which `@on(..., selector)` matches."""

    widget: Widget

    @property
    def control(self) -> Widget:
        return self.widget
