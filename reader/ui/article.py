"""The article: a line-API view over the whole document.

One `ScrollView` draws only the rows on screen from a `WrapMap`, so a 3 MB
book costs the same per frame as a news article. Document text becomes
`rich.text.Text` objects built from plain strings (never markup) after
control characters are replaced, and highlights are layered on at render time
from the component classes of the packaged stylesheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.ui.messages import WidgetMessage
from reader.core.model import Block, BlockKind, Document
from reader.ui.highlights import Ranges
from reader.ui.wrap import BLANK, Row, WrapMap, sanitize

_BLOCK_CLASSES = {
    BlockKind.TITLE: "article--title",
    BlockKind.QUOTE: "article--quote",
    BlockKind.CODE: "article--code",
}
_SPAN_CLASSES = {"bold": "article--bold", "italic": "article--italic", "code": "article--code"}


class ArticleView(ScrollView, can_focus=True):
    """Scrollable, wrapped, highlighted view of a `Document`."""

    MAX_MEASURE = 80
    """The widest text column, in cells: a comfortable reading measure."""

    COMPONENT_CLASSES = {
        "article--title", "article--h1", "article--h2", "article--h3",
        "article--bold", "article--italic", "article--code", "article--quote",
        "article--label", "article--bullet",
        "article--match", "article--match-current",
        "article--mention", "article--mention-current",
    }  # fmt: skip

    BINDINGS: list[BindingType] = [
        Binding("down,j", "scroll_rows(1)", "Line down", show=False, id="article.line_down"),
        Binding("up,k", "scroll_rows(-1)", "Line up", show=False, id="article.line_up"),
        Binding("space,pagedown,f", "scroll_pages(1)", "Page down", id="article.page_down"),
        Binding("b,pageup", "scroll_pages(-1)", "Page up", show=False, id="article.page_up"),
        Binding("d", "scroll_half(1)", "Half page down", show=False, id="article.half_down"),
        Binding("u", "scroll_half(-1)", "Half page up", show=False, id="article.half_up"),
        Binding("g,home", "scroll_top", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_bottom", "Bottom", show=False, id="article.bottom"),
    ]

    @dataclass
    class PositionChanged(WidgetMessage):
        """The top of the view moved (scroll, jump, resize); fired often, so replaceable."""

        offset: int
        percent: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArticleView.PositionChanged)

    @dataclass
    class OffsetClicked(WidgetMessage):
        """The reader clicked the character at `offset`."""

        offset: int

    def __init__(self, doc: Document, **kwargs) -> None:
        super().__init__(**kwargs)
        self.doc = doc
        self.wrap: WrapMap | None = None
        self.matches = Ranges()
        self.mentions = Ranges()
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self._anchor = 0  # the offset kept at the top across re-wraps

    # -- layout -----------------------------------------------------------

    @property
    def measure(self) -> int:
        """Text width for the current size: the comfortable measure, or less when narrow."""
        return max(8, min(self.MAX_MEASURE, self.size.width - 2))

    @property
    def margin(self) -> int:
        """Blank cells left of the text column, centring it."""
        return max(0, (self.size.width - self.measure) // 2)

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap when the measure changes, keeping the reader's place at the top."""
        if self.size.width <= 0:
            return
        anchor = self._anchor
        if self.wrap is None or self.wrap.measure != self.measure:
            self.wrap = WrapMap(self.doc, self.measure)
        self.virtual_size = Size(self.size.width, len(self.wrap))
        self._cache.clear()
        self.scroll_to(y=self.wrap.row_of(anchor), animate=False, force=True)
        self._anchor = anchor
        self._post_position()

    def set_document(self, doc: Document, wrap: WrapMap | None = None) -> None:
        """Show `doc` (which starts with the text shown so far), keeping the top row.

        `wrap` is its wrap map when computed elsewhere (a worker thread); it is
        redone here if the measure has changed since.
        """
        anchor = self.top_offset
        self.doc = doc
        if self.size.width > 0:
            if wrap is None or wrap.measure != self.measure:
                wrap = WrapMap(doc, self.measure)
            self.wrap = wrap
            self.virtual_size = Size(self.size.width, len(wrap))
            self._cache.clear()
            self.scroll_to(y=wrap.row_of(anchor), animate=False, force=True)
            self.refresh()
        self._anchor = anchor

    @property
    def top_offset(self) -> int:
        """The text offset of the top visible row."""
        if self.wrap is None:
            return self._anchor
        return self.wrap.offset_of(round(self.scroll_y))

    @property
    def percent(self) -> int:
        """How far through the document the bottom of the view is, 0–100."""
        if self.wrap is None or len(self.wrap) == 0:
            return 100
        bottom = min(len(self.wrap), round(self.scroll_y) + self.size.height)
        return round(100 * bottom / len(self.wrap))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Repaint and tell the screen where the reader is (scroll-spy)."""
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._post_position()

    def _post_position(self) -> None:
        """Tell the screen where the top is; remember it as the reader's place.

        When the view is pinned at the end because the text no longer fills it
        (a taller or wider terminal), the place stays where the reader left it,
        so a later resize brings it back.
        """
        top = self.top_offset
        if self.wrap is not None:
            y = round(self.scroll_y)
            if not (y >= self.max_scroll_y and self.wrap.row_of(self._anchor) > y):
                self._anchor = top
        self.post_message(self.PositionChanged(self, top, self.percent))

    # -- jumps ------------------------------------------------------------

    def scroll_to_offset(self, offset: int, *, top: bool = True) -> None:
        """Put the row showing `offset` at the top, or (top=False) just bring it into view."""
        if self.wrap is None:
            self._anchor = offset
            return
        row = self.wrap.row_of(offset)
        if not top:
            first = round(self.scroll_y)
            if first <= row < first + self.size.height:
                return
            row = max(0, row - self.size.height // 3)
        self.scroll_to(y=row, animate=False, force=True)

    def action_scroll_rows(self, rows: int) -> None:
        """Scroll by `rows` rows."""
        self.scroll_to(y=self.scroll_y + rows, animate=False)

    def action_scroll_pages(self, pages: int) -> None:
        """Scroll by whole pages, keeping two rows of context."""
        self.scroll_to(y=self.scroll_y + pages * max(1, self.size.height - 2), animate=False)

    def action_scroll_half(self, direction: int) -> None:
        """Scroll by half a page."""
        self.scroll_to(y=self.scroll_y + direction * max(1, self.size.height // 2), animate=False)

    def action_scroll_top(self) -> None:
        """Go to the start of the document."""
        self.scroll_to(y=0, animate=False)

    def action_scroll_bottom(self) -> None:
        """Go to the end of the document."""
        self.scroll_to(y=self.max_scroll_y, animate=False)

    # -- highlights -------------------------------------------------------

    def set_matches(self, matches: Ranges) -> None:
        """Show these search matches (and their `current`)."""
        self.matches = matches
        self.repaint()

    def set_mentions(self, mentions: Ranges) -> None:
        """Show these entity mentions (and their `current`)."""
        self.mentions = mentions
        self.repaint()

    def repaint(self) -> None:
        """Forget rendered rows and redraw the visible ones."""
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        """Theme or CSS changed: component styles and cached rows are stale."""
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    # -- rendering --------------------------------------------------------

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    def render_line(self, y: int) -> Strip:
        """Draw visual row `scroll_y + y`."""
        index = round(self.scroll_y) + y
        width = self.size.width
        key = (index, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._cache[key] = self._render_row(index, width)
        return strip

    def _render_row(self, index: int, width: int) -> Strip:
        base = self.rich_style
        if self.wrap is None or index >= len(self.wrap):
            return Strip.blank(width, base)
        row = self.wrap.row(index)
        if row.block == BLANK:
            return Strip.blank(width, base)
        text = self._row_text(row, self.doc.blocks[row.block])
        text.stylize_before(base)
        return Strip(text.render(self.app.console)).crop_extend(0, width, base)

    def _row_text(self, row: Row, block: Block) -> Text:
        """The styled Text of one row: margin, prefix, then the literal document text."""
        lead = self.margin + len(row.prefix)
        body = sanitize(self.doc.text[row.start : row.end])
        text = Text(" " * self.margin + row.prefix + body, no_wrap=True, end="")
        if row.prefix:
            text.stylize(self._style("article--bullet"), self.margin, lead)

        def paint(name: str, start: int, end: int) -> None:
            start, end = max(start, row.start), min(end, row.end)
            if start < end and name:
                text.stylize(self._style(name), lead + start - row.start, lead + end - row.start)

        paint(self._block_class(block), block.start, block.end)
        for span in block.spans:
            paint(_SPAN_CLASSES.get(span.style, "article--bold"), span.start, span.end)
        if block.label is not None:
            paint("article--label", block.label.start, block.label.end)
        for ranges, name in ((self.mentions, "article--mention"), (self.matches, "article--match")):
            for i in ranges.overlapping(row.start, row.end):
                current = i == ranges.current
                paint(f"{name}-current" if current else name, *ranges.span(i))
        return text

    @staticmethod
    def _block_class(block: Block) -> str:
        if block.kind is BlockKind.HEADING:
            return f"article--h{min(3, max(1, block.level))}"
        return _BLOCK_CLASSES.get(block.kind, "")

    # -- mouse ------------------------------------------------------------

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under widget cell (x, y), if it shows document text."""
        if self.wrap is None:
            return None
        index = round(self.scroll_y) + y
        if index >= len(self.wrap):
            return None
        row = self.wrap.row(index)
        column = x - self.margin - len(row.prefix)
        if row.block == BLANK or column < 0:
            return None
        for offset in range(row.start, row.end):
            column -= get_character_cell_size(sanitize(self.doc.text[offset]))
            if column < 0:
                return offset
        return None

    def on_click(self, event: events.Click) -> None:
        """Report which character was clicked, so the screen can select its entity."""
        offset = self.offset_at(event.x, event.y)
        if offset is not None:
            self.post_message(self.OffsetClicked(self, offset))
