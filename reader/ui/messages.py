"""Messages: from the entity worker thread to the screen, and the base of widget messages."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widget import Widget

from reader.core.model import Document, Entity, Section
from reader.core.ranges import Ranges
from reader.ui.wrap import WrapMap


@dataclass
class EntitiesReady(Message):
    """The background worker finished: `entities` in salience order."""

    entities: list[Entity]


@dataclass
class MentionsIndexed(Message):
    """Every mention in text order (`mentions`), with the entity it belongs to (`owners`).

    Sent after `EntitiesReady`: the list goes on screen without waiting for
    the index (50 ms for a book's mentions), which only clicks in the article need."""

    mentions: Ranges
    owners: list[Entity]


@dataclass
class EntitiesFailed(Message):
    """The background worker raised: the article stays usable, the sidebar says so."""

    error: str


@dataclass
class OutlineScanned(Message):
    """The outline of the whole of a big document, known before it is parsed."""

    outline: Section


@dataclass
class DocumentParsed(Message):
    """The whole of a big document is parsed (only a preview was): the outline is complete."""

    doc: Document


@dataclass
class DocumentWrapped(Message):
    """The whole document is wrapped at `wrap.measure`, ready for the article to swap in."""

    doc: Document
    wrap: WrapMap


@dataclass
class WidgetMessage(Message):
    """A message about something the reader did in `widget`, which `@on(..., selector)` matches."""

    widget: Widget

    @property
    def control(self) -> Widget:
        return self.widget
