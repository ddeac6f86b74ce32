"""The Entities sidebar: entities grouped by type, a type-to-filter, and a mentions panel.

The pane shows "computing…" until the screen hands it the entities from its
worker. It only reports choices (an entity, a mention); the screen owns the
selection and the highlights.
"""

from __future__ import annotations

import heapq
import time
from dataclasses import dataclass
from functools import lru_cache

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.timer import Timer
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.ui.kept import KeptLines
from reader.ui.scrollbars import SteadyScrollbars
from reader.ui.messages import WidgetMessage
from reader.core.accents import has_accents, strip_accents
from reader.core.model import Document, Entity, Mention
from reader.ui.wrap import sanitize

GROUPS = [
    ("person", "People"),
    ("organization", "Organisations"),
    ("place", "Places"),
    ("group", "Groups"),
    ("event", "Events"),
    ("work", "Works"),
    ("misc", "Other"),
    ("date", "Dates"),
]
"""Sidebar groups in display order: (entity type, heading)."""

NAME_WIDTH = 26
"""Longer entity names are cut with an ellipsis so the count stays on the same line."""

MAX_LISTED = 300
"""The most entities listed at once, the most salient first: a book has thousands, and
Textual's OptionList measures every option it is given (half a second for 2,000, on
every keystroke of the filter). Typing a filter reaches the rest."""


@lru_cache(maxsize=1 << 14)
def _plain_key(name: str) -> str:
    """A name as a filter without accents compares it: accents off, then case-folded
    (folded first, `İ` would leave a combining dot behind)."""
    return strip_accents(name).casefold()


def group_entities(entities: list[Entity], *, dates: bool, needle: str = "") -> list[tuple[str, list[Entity]]]:
    """Entities by group heading, in salience order, filtered by `needle` (any name or alias;
    case-blind, and accent-blind unless the needle has an accent, as the search is)."""
    key = str.casefold if has_accents(needle) else _plain_key
    needle = key(needle)
    known = {kind for kind, _ in GROUPS}
    groups = []
    for kind, heading in GROUPS:
        if kind == "date" and not dates:
            continue
        members = [
            e for e in entities
            if (e.type == kind or (kind == "misc" and e.type not in known))
            and (not needle or any(needle in key(n) for n in [e.name, *e.aliases]))
        ]  # fmt: skip
        if members:
            members.sort(key=lambda e: (-e.salience, e.name))
            groups.append((heading, members))
    return groups


def mention_context(doc: Document, start: int, end: int, width: int = 60) -> Text:
    """One line around a mention, the mention in bold, from the block that holds it."""
    block = doc.blocks[doc.block_index_at(start)]
    before = max(block.start, start - width // 3)
    after = min(block.end, end + width)
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(("…" if before > block.start else "") + sanitize(doc.text[before:start]).replace("\n", " "))
    text.append(sanitize(doc.text[start:end]), style="bold")
    text.append(sanitize(doc.text[end:after]).replace("\n", " "))
    return text


def _options(items: list[Option | Entity]) -> list[Option]:
    """The list's options: headings as they are, and an option for each entity (made only when listed)."""
    options = []
    for item in items:
        if isinstance(item, Option):
            options.append(item)
            continue
        name = sanitize(item.name)
        label = Text(name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…")
        label.append(f"  {len(item.mentions)}", style="dim")
        options.append(Option(label, id=item.id))
    return options


class EntityList(SteadyScrollbars, OptionList):
    """The entity list; printable keys typed here filter it."""

    FIRST_BATCH = 30
    """Options listed at once before the list has a size; then a screenful (see `rebuild`)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entities: list[Entity] = []
        self.by_id: dict[str, Entity] = {}
        self.needle = ""
        self.dates = False
        self._listed_ids: set[str] = set()
        self._rest: list[Option | Entity] = []  # items still to list after the first frame

    def show(self, entities: list[Entity]) -> None:
        """Replace the entities listed."""
        self.entities = entities
        self.by_id = {e.id: e for e in entities}
        self.rebuild()

    def rebuild(self) -> None:
        """Re-list the entities under the current filter and date setting (at most `MAX_LISTED`)."""
        self.clear_options()
        options: list[Option | Entity] = []
        groups = group_entities(self.entities, dates=self.dates, needle=self.needle)
        matching = [entity for _, members in groups for entity in members]
        shown = None
        if len(matching) > MAX_LISTED:
            top = heapq.nsmallest(MAX_LISTED, matching, key=lambda e: (-e.salience, e.name))
            shown = {id(entity) for entity in top}
        for heading, members in groups:
            options.append(Option(Text(f"{heading} ({len(members)})", style="bold"), disabled=True))
            options.extend(entity for entity in members if shown is None or id(entity) in shown)
        if shown is not None:
            more = len(matching) - MAX_LISTED
            options.append(Option(Text(f"… {more:,} more: type to filter", style="dim italic"), disabled=True))
        self._listed_ids = {item.id for item in options if isinstance(item, Entity)}
        # A screenful now, the rest after that frame: making and measuring 300 options
        # holds the screen for 30 ms, and each option listed makes that frame longer.
        first = self.size.height + 2 if self.size.height else self.FIRST_BATCH
        self.add_options(_options(options[:first]))
        self._rest = options[first:]
        if self._rest:
            self.call_after_refresh(self._complete)
        self.parent_pane().update_status()

    def _complete(self) -> None:
        """Add the options `rebuild` left for after its first frame, if they are not in yet."""
        rest, self._rest = self._rest, []
        if rest:
            self.add_options(_options(rest))

    def parent_pane(self) -> EntitiesPane:
        return self.query_ancestor(EntitiesPane)

    def select_entity(self, entity: Entity) -> None:
        """Move the highlight to `entity`: clear a filter that hides it, or filter by its name
        if it is not among the entities listed."""
        for needle in ("", entity.name):
            if self._listed(entity):
                break
            self.needle = needle
            self.rebuild()
        if self._listed(entity):
            self._complete()  # it may be among the options still to come
            self.highlighted = self.get_option_index(entity.id)

    def _listed(self, entity: Entity) -> bool:
        return entity.id in self._listed_ids

    def on_key(self, event: events.Key) -> None:
        """Type to filter: printable keys edit the filter, Backspace/Escape undo it."""
        if event.is_printable and event.character and event.character not in "\t":
            self._set_needle(self.needle + event.character)
        elif event.key == "backspace" and self.needle:
            self._set_needle(self.needle[:-1])
        elif event.key == "escape" and self.needle:
            self._set_needle("")
        else:
            return
        event.stop()
        event.prevent_default()

    def _set_needle(self, needle: str) -> None:
        self.needle = needle
        self.rebuild()
        if self.option_count:
            self.action_first()


class MentionsList(SteadyScrollbars, OptionList):
    """Each mention of the selected entity with a line of context."""


class EntitiesPane(KeptLines, Vertical):
    """Status line, entity list, mentions panel."""

    @dataclass
    class EntityChosen(WidgetMessage):
        """The reader chose an entity."""

        entity: Entity

    @dataclass
    class MentionChosen(WidgetMessage):
        """The reader chose mention `index` of the selected entity."""

        index: int

    SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"

    TICK = 0.25
    """Seconds between progress updates: each is a frame, and frames take the CPU the extraction needs."""

    def __init__(self, doc: Document, **kwargs) -> None:
        super().__init__(**kwargs)
        self.doc = doc
        self.ready = False
        self.failed = False
        self.border_title = "Entities"
        self._started = time.monotonic()
        self._ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("computing…", id="entities-status")

    async def mount_lists(self) -> None:
        """Add the entity and mention lists (after the first frame: see `ReaderScreen.compose`)."""
        await self.mount_all([EntityList(id="entity-list"), MentionsList(id="mentions")])

    def on_mount(self) -> None:
        """Tick the progress line while the entities are being computed."""
        if not (self.ready or self.failed):
            self._ticker = self.set_interval(self.TICK, self.update_status)

    @property
    def entity_list(self) -> EntityList:
        return self.query_one(EntityList)

    def show_entities(self, entities: list[Entity]) -> None:
        """The worker finished: list the entities."""
        self.ready = True
        self.entity_list.show(entities)

    def show_failure(self) -> None:
        """The worker failed: say so instead of "computing…"."""
        self.failed = True
        self.update_status()

    def set_dates(self, dates: bool) -> None:
        """Show or hide date entities."""
        self.entity_list.dates = dates
        self.entity_list.rebuild()

    def update_status(self) -> None:
        """The one-line status above the list: progress, filter, or counts."""
        if (self.ready or self.failed) and self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        if self.failed:
            status = "entities unavailable"
        elif not self.ready:
            elapsed = time.monotonic() - self._started
            spin = self.SPINNER[int(elapsed / self.TICK) % len(self.SPINNER)]
            status = f"{spin} computing… {elapsed:.1f} s"
        elif needle := self.entity_list.needle:
            status = f"filter: {sanitize(needle)}"
        else:
            status = f"{len(self.entity_list.entities)} entities · type to filter"
        self.query_one("#entities-status", Static).update(Text(status), layout=False)

    def show_mentions(self, entity: Entity | None, mentions: list[Mention]) -> None:
        """List `mentions` of `entity` in this order (None hides the panel)."""
        panel = self.query_one(MentionsList)
        panel.clear_options()
        panel.display = entity is not None
        if entity is None:
            return
        # a Text, not a string: a string title is read as markup, and a name is document text
        panel.border_title = Text(f"Mentions of {sanitize(entity.name)} ({len(mentions)})")
        sections = self.doc.all_sections
        options = []
        for i, mention in enumerate(mentions):
            where = sections[mention.section].title if 0 <= mention.section < len(sections) else "Top"
            line = Text(sanitize(where)[:24] + ": ", style="dim", no_wrap=True, overflow="ellipsis")
            line.append_text(mention_context(self.doc, mention.start, mention.end))
            options.append(Option(line, id=str(i)))
        panel.add_options(options)

    def highlight_mention(self, index: int) -> None:
        """Keep the mentions panel's highlight on the current mention."""
        mentions = self.query_one(MentionsList)
        if mentions.display and index < mentions.option_count:
            mentions.highlighted = index

    @on(OptionList.OptionSelected, "#entity-list")
    def _entity_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entity = self.entity_list.by_id.get(event.option.id or "")
        if entity is not None:
            self.post_message(self.EntityChosen(self, entity))

    @on(OptionList.OptionSelected, "#mentions")
    def _mention_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.MentionChosen(self, int(event.option.id or 0)))
