"""The reader screen: one document, its panes, and the reading state they share.

The screen owns the state (search matches, selected entity, which of the two
`n`/`N` steps, the current section); the widgets below only draw what they
are given and post messages about what the reader did.
"""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from reader.core.gcpause import gc_paused
from reader.core.model import Document, Entity, Section
from reader.ui.article import ArticleView
from reader.ui.entities import EntitiesPane
from reader.ui.footer import ReaderFooter
from reader.ui.kept import KeptLines
from reader.core.ranges import Ranges
from reader.ui.layout import NARROW
from reader.ui.messages import (
    DocumentParsed,
    DocumentWrapped,
    EntitiesFailed,
    EntitiesReady,
    MentionsIndexed,
    OutlineScanned,
)
from reader.ui.title_bar import TitleBar
from reader.ui.wrap import WrapMap, sanitize

if TYPE_CHECKING:
    from reader.core.search import Query, SearchResult
    from reader.core.store import Store
    from reader.ui.search_bar import SearchBar
    from reader.ui.sections import SectionsTree



class Panes(Horizontal):
    """The row of panes. They cover it, so it draws blank lines of its background
    rather than going through the styles cache on every frame (Textual redraws
    a container whenever anything inside it changes)."""

    BLANK = True


class SectionsPane(KeptLines, Vertical):
    """The navigator's bordered frame (see `KeptLines`)."""


class ReaderScreen(Screen):
    """Sections | article | entities, with search bar, status line and footer."""

    BLANK = True  # covered by its widgets: see `Panes`

    BINDINGS: list[BindingType] = [
        # priority: handled as the key arrives, so keys typed right after `/` reach the input
        Binding("slash", "open_search", "Search", priority=True, id="reader.search"),
        Binding("n", "step(True)", "Next hit", id="reader.next"),
        Binding("N", "step(False)", "Prev hit", show=False, id="reader.previous"),
        Binding("right_square_bracket", "next_section", "Next section", id="reader.next_section"),
        Binding("left_square_bracket", "previous_section", "Prev section", show=False, id="reader.previous_section"),
        Binding("escape", "clear", "Clear search/entity, back to article", show=False, id="reader.clear"),
        # priority, as `/`: `e` and a name typed in a burst must all reach the entity list
        Binding("s", "focus_pane('sections')", "Focus sections", show=False, priority=True, id="reader.focus_sections"),
        Binding("a", "focus_pane('article')", "Focus article", show=False, priority=True, id="reader.focus_article"),
        Binding("e", "focus_pane('entities')", "Focus entities", show=False, priority=True, id="reader.focus_entities"),
        Binding("S", "toggle_pane('sections')", "Sections pane", id="reader.toggle_sections"),
        Binding("E", "toggle_pane('entities')", "Entities pane", id="reader.toggle_entities"),
        Binding("D", "toggle_dates", "Show/hide dates", show=False, id="reader.toggle_dates"),
    ]  # fmt: skip

    def __init__(self, store: Store, *, ner_backend: str = "rules") -> None:
        super().__init__()
        self.store = store
        self.doc = store.doc
        self.ner_backend = ner_backend
        self.title = sanitize(self.doc.title)
        self.entities: list[Entity] | None = None
        self.matches = Ranges()
        self.search_text = ""
        self.entity: Entity | None = None
        self.mentions = Ranges()
        self.active: Literal["search", "entity"] | None = None
        self.section: Section = self.doc.root
        self._pinned: tuple[Section, float] | None = None  # a jump target the view cannot scroll to the top
        self._following = False  # the navigator and status line are to follow the article's next frame
        self._followed: Section | None = None  # the section the navigator was last moved to
        self._mention_index = Ranges()
        self._mention_owner: list[Entity] = []
        self._narrow: bool | None = None
        self._pending_jump: int | None = None  # a section past the preview, chosen while parsing
        self._wanted: Query | None = None  # the search last asked for
        self.ready = False  # every pane mounted (see `_assemble`)
        self._assembly_started = False

    def compose(self) -> ComposeResult:
        """The first frame: the title, the article and the panes' frames.

        The navigator, the search bar, the entity lists and the footer's keys
        are added by `_assemble` once that frame is on screen: every widget
        styled before it delays the first lines of the document.
        """
        yield TitleBar()
        with Panes(id="main"):
            sections = SectionsPane(id="sections")
            sections.border_title = "Sections"
            yield sections
            yield ArticleView(self.doc, id="article")
            yield EntitiesPane(self.doc, id="entities")
        yield Static(id="status")
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.article.focus()
        # In case the article is never drawn (a terminal too small to show it).
        self.set_timer(0.5, self._assemble)

    def on_article_view_first_drawn(self) -> None:
        self.call_after_refresh(self._assemble)

    async def _assemble(self) -> None:
        """After the first frame: mount the rest, replay keys typed meanwhile, start the slow work."""
        if self._assembly_started:
            return
        self._assembly_started = True
        from reader.ui.search_bar import SearchBar
        from reader.ui.sections import SectionsTree

        tree = SectionsTree(self.doc, id="sections-tree")
        search = SearchBar(id="search")
        search.display = False
        await self.query_one("#sections").mount(tree)
        await self.mount(search, before="#status")
        await self.entities_pane.mount_lists()
        self.ready = True
        tree.follow(self.section)
        footer = self.query_one(ReaderFooter)
        footer.show_keys(self)
        # From the app's own context: a key "sent" by this screen would not bubble back up to it.
        self.app.call_later(self.app.release_keys)
        # After the frame that shows all that: the worker's thread shares the interpreter.
        self.call_after_refresh(self._start_entities if self.store.complete else self._finish_document)

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search")  # type: ignore[return-value]

    @property
    def sections_tree(self) -> SectionsTree | None:
        """The navigator, once mounted."""
        return self.query_one("#sections-tree") if self.ready else None  # type: ignore[return-value]

    @property
    def entities_pane(self) -> EntitiesPane:
        return self.query_one(EntitiesPane)

    # -- background work ----------------------------------------------------

    @work(thread=True, exclusive=True, group="document")
    def _finish_document(self) -> None:
        """Outline, parse and wrap the rest of a big document shown from a preview."""
        self.post_message(OutlineScanned(self.store.outline()))
        doc = self.store.finish()
        self._freeze()  # at once: before the collections its arrival sets off walk it
        self.post_message(DocumentParsed(doc))
        self.post_message(DocumentWrapped(doc, WrapMap(doc, self.article.measure)))

    def on_outline_scanned(self, message: OutlineScanned) -> None:
        """The navigator lists every section at once (a jump waits for the text)."""
        self.sections_tree.set_outline(message.outline)
        self._refollow()

    def on_document_parsed(self, message: DocumentParsed) -> None:
        """The parsed outline replaces the scanned one."""
        self.sections_tree.set_outline(message.doc.root)
        self._refollow()

    def _refollow(self) -> None:
        """A new outline in the navigator: move its cursor to the current section again."""
        self._followed = None
        self._follow_soon()

    def on_document_wrapped(self, message: DocumentWrapped) -> None:
        """The article shows the whole document; searches cover it; entities can start."""
        self.doc = message.doc
        self.entities_pane.doc = message.doc
        self.article.set_document(message.doc, message.wrap)
        # The preview may have taken a level-1 heading for the title (its only one of the
        # book's many): with the whole, the title and the section at the top are looked at again.
        self.title = sanitize(message.doc.title)  # the title bar watches it
        self._pinned = None
        self.section = self.doc.section_at(self.article.top_offset)
        self._refollow()
        if self.search_text:
            self.run_search(self.search_text, regex=self.search_bar.regex, case=self.search_bar.case)
        if self._pending_jump is not None and self._pending_jump < len(self.doc.all_sections):
            self.go_to_section(self.doc.all_sections[self._pending_jump])
        self._pending_jump = None
        self._freeze()
        self._start_entities()

    def _start_entities(self) -> None:
        self.app.collector.settled = False  # until the entities are in (another document's may be already)
        self._compute_entities()

    @staticmethod
    def _freeze() -> None:
        """Put what exists now out of the garbage collector's reach.

        The document, its wrap maps and the entities live as long as the app;
        left in reach, every full collection walks them all (70-300 ms on a
        book), landing on a keystroke or a page down.
        """
        gc.freeze()

    @work(thread=True, exclusive=True, group="entities")
    def _compute_entities(self) -> None:
        """Extract entities in a child process; the article is usable meanwhile.

        The index of every mention (for clicks in the article) is built here
        too, off the event loop: a book has tens of thousands.
        """
        # The entities and their index come in bursts of tens of thousands of objects, kept
        # for good: frozen at once, they are not walked again by the collections the burst
        # sets off (10-20 ms each, holding the lock the screen needs).
        try:
            entities = list(self.store.entities(backend=self.ner_backend, isolated=self.app.isolate_entities))
        except Exception as error:  # any extractor failure must leave the reader running
            self.post_message(EntitiesFailed(f"{type(error).__name__}: {error}"))
            return
        self._freeze()
        self.post_message(EntitiesReady(entities))
        with gc_paused():
            owned = sorted((m.start, m.end, n) for n, e in enumerate(entities) for m in e.mentions)
            mentions = Ranges.from_sorted([t[0] for t in owned], [t[1] for t in owned])
            owners = [entities[t[2]] for t in owned]
            self._freeze()
        self.post_message(MentionsIndexed(mentions, owners))

    def on_entities_ready(self, message: EntitiesReady) -> None:
        self.entities = message.entities
        self.entities_pane.show_entities(message.entities)

    def on_mentions_indexed(self, message: MentionsIndexed) -> None:
        self._mention_index = message.mentions
        self._mention_owner = message.owners
        self.app.collector.settled = True
        self.call_after_refresh(self._index_without_accents)

    @work(thread=True, exclusive=True, group="accents")
    def _index_without_accents(self) -> None:
        """The search indexes, lower-case and without accents (`natasha` finds `Natásha`), made
        once the entity list is on screen rather than on a first keystroke: 30-100 ms each for
        a book. Not sooner: a thread sharing the interpreter would slow the list's frame, and
        while a child process extracts the entities, work here takes a core from it."""
        self.doc.unaccented(lower=True)
        self.doc.unaccented()

    def on_entities_failed(self, message: EntitiesFailed) -> None:
        self.entities_pane.show_failure()
        self.app.collector.settled = True
        # markup=False: the error may quote document text
        self.notify(f"Entities could not be computed: {message.error}", title="Entities", severity="error", markup=False)

    # -- position, sections -----------------------------------------------

    @on(ArticleView.PositionChanged)
    def _position_changed(self, event: ArticleView.PositionChanged) -> None:
        if self._pinned is not None and self._pinned[1] != self.article.scroll_y:
            self._pinned = None
        section = self._pinned[0] if self._pinned else self.doc.section_at(event.offset)
        # The navigator and the status line follow in the frame after this one. The
        # compositor redraws the rectangle around everything that changed in a frame:
        # the status line (the whole width) or the tree with the article's new page is
        # the whole screen, twice the work of the page alone.
        self.section = section
        self._follow_soon()

    def _follow_soon(self) -> None:
        """Have the navigator and the status line follow `section` in the frame after this one."""
        if not self._following:
            self._following = True
            self.call_after_refresh(self._follow_position)

    def _follow_position(self) -> None:
        self._following = False
        if (tree := self.sections_tree) and self.section is not self._followed:
            tree.follow(self.section)  # only on a change: the reader may be browsing the tree
            self._followed = self.section
        self.update_status()

    def go_to_section(self, section: Section) -> None:
        """Put `section`'s heading at the top (or as high as the end of the text allows).

        A section of a scanned outline is found by its index in the parsed
        document; past the preview, the jump waits for the rest of the text.
        """
        sections = self.doc.all_sections
        if section.index >= len(sections) or sections[section.index] is not section:
            if section.index >= len(sections):
                self._pending_jump = section.index
                self.notify("Still reading the document: jumping there in a moment", timeout=2)
                return
            section = sections[section.index]
        article = self.article
        article.scroll_to_offset(section.start)
        self._pinned = (section, article.scroll_y)
        self.section = section
        self._follow_soon()

    def on_sections_tree_chosen(self, event: SectionsTree.Chosen) -> None:
        self.go_to_section(event.section)

    def action_next_section(self) -> None:
        """Jump to the next section in document order."""
        sections = self.doc.all_sections
        here = self.section.start if self.section.level else self.article.top_offset
        i = bisect_right([s.start for s in sections], here)
        if i < len(sections):
            self.go_to_section(sections[i])

    def action_previous_section(self) -> None:
        """Jump to the start of this section, or the previous one if already there."""
        sections = self.doc.all_sections
        here = self.section.start if self.section.level else 0
        if self.section.level and self.article.top_offset > here and not self._pinned:
            self.go_to_section(self.section)
            return
        i = bisect_left([s.start for s in sections], here) - 1
        if i >= 0:
            self.go_to_section(sections[i])
        else:
            self.article.action_scroll_top()

    # -- search -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Where letters are typed, the letter keys are letters: `/` in the search input
        (regexes use it), `s` `a` `e` there and in the entity list (which they filter)."""
        if not self.ready:
            return True
        if action == "open_search":
            return self.focused is not self.search_bar.input
        if action == "focus_pane":
            return self.focused not in (self.search_bar.input, self.entities_pane.entity_list)
        return True

    def action_open_search(self) -> None:
        """Show the search bar and type into it."""
        self._prompting(True)
        self.search_bar.open()

    def _prompting(self, prompt: bool) -> None:
        """Put the search bar in the status line's place, or the status line back.

        One row swaps for another, so the panes keep their size: a taller or
        shorter article, navigator and entity list would each lay out and
        redraw again (on a book, 50-100 ms on the first letter typed).
        """
        self.search_bar.display = prompt
        self.query_one("#status").display = not prompt

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Leaving the prompt for another pane (Tab, a click) keeps the search, as Enter does."""
        if self.ready and self.search_bar.display and event.widget is not self.search_bar.input:
            self._prompting(False)

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        self.run_search(event.query, regex=event.regex, case=event.case)
        self._draw_together(self.article, *self.search_bar.children, self.query_one("#status"))

    @staticmethod
    def _draw_together(*widgets: Widget) -> None:
        """Hand the screen these widgets' pending repaints now, for its next frame.

        A widget tells its screen about a repaint only once its own message
        queue is idle; by then the screen may have drawn a frame with the
        typed letter but without the matches, and the rest waits a frame
        (16 ms). `_check_refresh` is what each widget would run when idle.
        """
        for widget in widgets:
            widget._check_refresh()

    def run_search(self, query: str, *, regex: bool = False, case: bool | None = None) -> None:
        """Search the whole document; highlight every match, bring the first after the reading position into view.

        A literal search answers at once; a regex search runs in a thread (a
        slow pattern must not freeze the screen), its answer shown only if the
        query is still the one typed.
        """
        self.search_text = query
        if not query:
            self._set_matches(Ranges())
            self.search_bar.set_count(None, 0)
            return
        from reader.core.search import Query  # the first search pays for the module, not the first frame

        wanted = self._wanted = Query(query, regex=regex, case=case)
        if regex:
            self._search_in_thread(wanted, self.doc)
            return
        self._show_found(wanted, self._search(wanted, self.doc))

    @staticmethod
    def _search(query: Query, doc: Document) -> SearchResult | str:
        """The matches, or why there are none to show (an invalid or too slow regex)."""
        from reader.core.search import SearchError, search

        try:
            return search(doc, query)
        except SearchError as error:
            return str(error)

    @work(thread=True, exclusive=True, group="search")
    def _search_in_thread(self, query: Query, doc: Document) -> None:
        found = self._search(query, doc)
        self.app.call_from_thread(self._show_found, query, found)

    def _show_found(self, query: Query, found: SearchResult | str) -> None:
        if query != self._wanted:
            return  # a stale answer: the reader has typed on
        if isinstance(found, str):
            self._set_matches(Ranges())
            self.search_bar.set_error(found)
            return
        matches = found.hits
        if matches:
            matches.current = matches.first_from(self.article.top_offset)
            self.article.scroll_to_offset(matches.span(matches.current)[0], top=False)
        self.active = "search"
        self._set_matches(matches)

    def _set_matches(self, matches: Ranges) -> None:
        self.matches = matches
        if not matches and self.active == "search":
            self.active = "entity" if self.entity else None
        self.article.set_matches(matches)
        self.search_bar.set_count(matches.current, len(matches))
        self.update_status()

    def on_search_bar_submitted(self) -> None:
        if self.matches:
            self.active = "search"  # Enter re-chooses the search for n/N
            self.update_status()
        self._prompting(False)  # the status line shows the counter n/N step
        self.article.focus()

    def on_search_bar_cleared(self) -> None:
        self.search_text = ""
        self._set_matches(Ranges())
        self._prompting(False)
        self.article.focus()

    # -- entities -----------------------------------------------------------

    @on(EntitiesPane.EntityChosen)
    def _entity_chosen(self, event: EntitiesPane.EntityChosen) -> None:
        self.select_entity(event.entity)
        self.article.focus()  # letters typed in the list filter it; reading keys need the article

    def select_entity(self, entity: Entity | None, *, current: int = 0, jump: bool = True) -> None:
        """Highlight every mention of `entity` and go to mention `current` (None: deselect)."""
        self.entity = entity
        mentions = sorted(entity.mentions, key=lambda m: m.start) if entity else []
        self.mentions = Ranges((m.start, m.end) for m in mentions)
        self.entities_pane.show_mentions(entity, mentions)
        if entity is None or not self.mentions:
            self.active = "search" if self.matches else None
            self.article.set_mentions(self.mentions)
            self.update_status()
            return
        self.active = "entity"
        self.mentions.current = min(current, len(self.mentions) - 1)
        self.entities_pane.entity_list.select_entity(entity)
        self._show_current(self.mentions, jump)

    @on(EntitiesPane.MentionChosen)
    def _mention_chosen(self, event: EntitiesPane.MentionChosen) -> None:
        if self.mentions:
            self.mentions.current = min(event.index, len(self.mentions) - 1)
            self.active = "entity"
            self._show_current(self.mentions, True)

    @on(ArticleView.OffsetClicked)
    def _offset_clicked(self, event: ArticleView.OffsetClicked) -> None:
        i = self._mention_index.at(event.offset)
        if i is not None:
            entity = self._mention_owner[i]
        elif self.entities and not self._mention_owner:  # listed a moment before their index is ready
            offset = event.offset
            entity = next((e for e in self.entities if any(m.start <= offset < m.end for m in e.mentions)), None)
        else:
            entity = None
        if entity is None:
            return
        ordered = sorted(entity.mentions, key=lambda m: m.start)
        current = next((n for n, m in enumerate(ordered) if m.start <= event.offset < m.end), 0)
        self.select_entity(entity, current=current, jump=False)

    def action_toggle_dates(self) -> None:
        """Show or hide date entities in the sidebar."""
        pane = self.entities_pane
        pane.set_dates(not pane.entity_list.dates)

    # -- stepping -------------------------------------------------------------

    def action_step(self, forward: bool) -> None:
        """n/N: the next or previous search match or entity mention, whichever was chosen last."""
        ranges = self.matches if self.active == "search" else self.mentions if self.active == "entity" else None
        if not ranges:
            self.notify("Nothing to step through: search with / or choose an entity", timeout=2)
            return
        ranges.step(forward)
        self._show_current(ranges, True)

    def _show_current(self, ranges: Ranges, jump: bool) -> None:
        if jump and ranges.current is not None:
            self.article.scroll_to_offset(ranges.span(ranges.current)[0], top=False)
        if ranges is self.matches:
            self.search_bar.set_count(ranges.current, len(ranges))
            self.article.set_matches(ranges)
        else:
            self.article.set_mentions(ranges)
            self.entities_pane.highlight_mention(ranges.current or 0)
        self.update_status()

    def action_clear(self) -> None:
        """Escape: drop the search if there is one, else the selected entity, else go back to the article.

        In the entity list letters filter it (`q` too), so Escape is the way out.
        """
        if self.search_text:
            self.search_bar.action_clear()
        elif self.entity is not None:
            self.select_entity(None)
        else:
            self.article.focus()

    # -- status -------------------------------------------------------------

    def counter(self) -> str:
        """`espionage 2/5` or `Russia 3/16` for whichever n/N steps, else ''."""
        if self.active == "search" and self.search_text:
            ranges, label = self.matches, self.search_text
        elif self.active == "entity" and self.entity is not None:
            ranges, label = self.mentions, self.entity.name
        else:
            return ""
        current = "-" if ranges.current is None else ranges.current + 1
        return f"{sanitize(label)} {current}/{len(ranges)}"

    def update_status(self) -> None:
        """Redraw the status line: section, position, counter."""
        section = self.section.title if self.section.level else "Top"
        parts = [f"§ {sanitize(section)}", f"{self.article.percent}%"]
        if counter := self.counter():
            parts.append(counter)
        self.query_one("#status", Static).update(Text("  │  ".join(parts)), layout=False)

    # -- panes and focus ------------------------------------------------------

    def on_resize(self) -> None:
        """Fold the side panes away on narrow terminals, bring them back on wide ones."""
        narrow = self.size.width < NARROW
        if narrow != self._narrow:
            self._narrow = narrow
            self.query_one("#sections").display = not narrow
            self.entities_pane.display = not narrow

    def _pane(self, name: str):
        return {"sections": self.query_one("#sections"), "article": self.article, "entities": self.entities_pane}[name]

    def action_toggle_pane(self, name: str) -> None:
        """Show or hide a side pane."""
        pane = self._pane(name)
        pane.display = not pane.display
        if not pane.display and self.focused is not None and pane in self.focused.ancestors_with_self:
            self.article.focus()

    def action_focus_pane(self, name: str) -> None:
        """Focus a pane, showing it first if folded away.

        At once, not after the next refresh (`focus()` defers): `e` then `Nap`
        typed in a burst must filter the entity list, not step back a hit.
        """
        pane = self._pane(name)
        pane.display = True
        if name == "entities":
            self.set_focus(pane.entity_list)
        elif name == "sections":
            self.set_focus(self.sections_tree)
        else:
            self.set_focus(pane)
