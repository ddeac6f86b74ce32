"""The article: a line-API view over the whole document.

One `ScrollView` draws only the rows on screen from a `WrapMap`, so a 3 MB
book costs the same per frame as a news article. A row is a plain string (the
document text with control characters replaced, never markup) cut into
segments at the edges of its styles, which come from the component classes of
the packaged stylesheet. The layout of a row without highlights is cached;
search matches and entity mentions are laid over it when it is drawn, and a
new search redraws only the lines whose highlights changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.ui.messages import WidgetMessage
from reader.ui.scrollbars import SteadyScrollbars, filtered
from reader.core.model import Block, BlockKind, Document
from reader.ui import layout
from reader.core.ranges import Ranges
from reader.ui.wrap import BLANK, Row, WrapMap, sanitize

_BLOCK_CLASSES = {
    BlockKind.TITLE: "article--title",
    BlockKind.QUOTE: "article--quote",
    BlockKind.CODE: "article--code",
}
_SPAN_CLASSES = {"bold": "article--bold", "italic": "article--italic", "code": "article--code"}

Paint = tuple[int, int, Style]
"""A style laid over `[start, end)` of a row's string; later paints win."""

Highlights = tuple[tuple[str, int, int], ...]
"""The mention and match highlights on one row: (component class, start, end) in text offsets."""


@dataclass(frozen=True, slots=True)
class RowLayout:
    """A row as a string (margin, prefix, sanitized text) and its paints without highlights."""

    text: str
    cells: int
    lead: int  # where the document text starts in `text`
    start: int  # its text offset
    paints: list[Paint]


def row_segments(text: str, paints: list[Paint], combined: dict[tuple[Style, ...], Style]) -> list[Segment]:
    """`text` cut at every paint's edges, each piece styled by the paints covering it, in order.

    The same pieces and styles as `rich.text.Text.render` with these spans, without
    its generality: `combined` caches the sum of each run of styles.
    """
    if len(paints) == 1 and paints[0][:2] == (0, len(text)):
        return [Segment(text, paints[0][2])]
    edges = sorted({0, len(text), *(edge for start, end, _ in paints for edge in (start, end))})
    segments = []
    for left, right in zip(edges, edges[1:]):
        styles = tuple(style for start, end, style in paints if start <= left and right <= end)
        style = combined.get(styles)
        if style is None:
            style = combined[styles] = Style.combine(styles) if styles else Style.null()
        segments.append(Segment(text[left:right], style))
    return segments


class ArticleView(SteadyScrollbars, ScrollView, can_focus=True):
    """Scrollable, wrapped, highlighted view of a `Document`."""

    MAX_MEASURE = layout.MAX_MEASURE
    """The widest text column, in cells: a comfortable reading measure."""

    PREPARE_STEP = 8
    """Rows drawn ahead per step (see `_prepare_rows`)."""

    KEPT_WRAPS = 3
    """How many wrap maps of the document (one per measure) are kept for resizes."""

    COMPONENT_CLASSES = {
        "article--title", "article--h1", "article--h2", "article--h3",
        "article--bold", "article--italic", "article--code", "article--quote",
        "article--label", "article--bullet",
        "article--match", "article--match-current",
        "article--mention", "article--mention-current",
    }  # fmt: skip

    BINDINGS: list[BindingType] = [
        # less and vim spell these with and without Ctrl
        Binding("down,j,ctrl+e", "scroll_rows(1)", "Line down", show=False, id="article.line_down"),
        Binding("up,k,ctrl+y", "scroll_rows(-1)", "Line up", show=False, id="article.line_up"),
        Binding("space,pagedown,f,ctrl+f", "scroll_pages(1)", "Page down", id="article.page_down"),
        Binding("b,pageup,ctrl+b", "scroll_pages(-1)", "Page up", show=False, id="article.page_up"),
        Binding("d,ctrl+d", "scroll_half(1)", "Half page down", show=False, id="article.half_down"),
        Binding("u,ctrl+u", "scroll_half(-1)", "Half page up", show=False, id="article.half_up"),
        Binding("g,home", "scroll_top", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_bottom", "Bottom", show=False, id="article.bottom"),
        # The scroll view's sideways keys, bound to nothing: wrapped text has no sideways (no
        # description, so the help leaves them out)
        Binding("left,right,ctrl+pageup,ctrl+pagedown", "scroll_rows(0)", "", show=False),
    ]

    @dataclass
    class FirstDrawn(WidgetMessage):
        """The first lines are in a frame: what waited for them can start."""

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
        self._wraps: dict[int, WrapMap] = {}  # by measure, least recently used first
        self.matches = Ranges()
        self.mentions = Ranges()
        # Rows drawn, by (row, width, highlights): a new search finds the rows it
        # does not touch here as they were.
        self._cache: LRUCache[tuple[int, int, Highlights], Strip] = LRUCache(1024)
        self._layouts: LRUCache[tuple[int, int], RowLayout] = LRUCache(1024)
        self._painted: dict[int, tuple[int, Highlights]] = {}  # screen line -> (row, highlights) drawn there
        self._upcoming: dict[int, Highlights] = {}  # row -> highlights, worked out for the next frame
        self._styles: dict[str, Style] = {}
        self._combined: dict[tuple[Style, ...], Style] = {}
        self._base: Style | None = None
        self._anchor = 0  # the offset kept at the top across re-wraps
        self._preparing = False  # rows of the pages around the view are being drawn ahead
        self._to_prepare: list[int] | None = None  # rows to draw ahead; None: work them out anew
        self._drawn = False

    # -- layout -----------------------------------------------------------

    @staticmethod
    def _column(width: int) -> tuple[int, int]:
        """The text width and the left margin, centring it, in a view `width` cells wide.

        `reader.ui.layout` decides, so the instant first screen agrees cell for cell.
        """
        return layout.measure(width), layout.margin(width)

    @property
    def measure(self) -> int:
        """Text width for the current size: the comfortable measure, or less when narrow."""
        return self._column(self.size.width)[0]

    @property
    def margin(self) -> int:
        """Blank cells left of the text column, centring it."""
        return self._column(self.size.width)[1]

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap when the measure changes, keeping the reader's place at the top."""
        if self.size.width <= 0:
            return
        anchor = self._anchor
        if self.wrap is None or self.wrap.measure != self.measure:
            self.wrap = self._wrap_at(self.measure)
            self._forget_rows()
        self.virtual_size = Size(self.size.width, len(self.wrap))
        self.scroll_to(y=self.wrap.row_of(anchor), animate=False, force=True)
        self._anchor = anchor
        self._prepare_soon()
        self._post_position()

    def _wrap_at(self, measure: int) -> WrapMap:
        """The document wrapped at `measure`: kept from an earlier size, or wrapped now.

        The last few maps are kept, so that going back to a size (a pane
        toggled, a terminal zoomed and restored) does not wrap the book again.
        """
        wrap = self._wraps.pop(measure, None)
        if wrap is None or wrap.doc is not self.doc:
            wrap = WrapMap(self.doc, measure, previous=self.wrap)
        self._keep_wrap(wrap)
        return wrap

    def _keep_wrap(self, wrap: WrapMap) -> None:
        self._wraps[wrap.measure] = wrap
        while len(self._wraps) > self.KEPT_WRAPS:
            del self._wraps[next(iter(self._wraps))]  # the least recently used

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
            self._wraps.clear()
            self._keep_wrap(wrap)
            self.wrap = wrap
            self.virtual_size = Size(self.size.width, len(wrap))
            self._forget_rows()
            self.scroll_to(y=wrap.row_of(anchor), animate=False, force=True)
            self.refresh()
            self._prepare_soon()
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
            self._prepare_soon()

    def _prepare_soon(self) -> None:
        """Once this frame is drawn, draw the neighbouring pages ahead, a few rows at a time."""
        if not self._preparing:
            self.call_after_refresh(self._prepare_rows)
        self._preparing = True
        self._to_prepare = None  # the view moved: start again from where it is now

    def _prepare_rows(self) -> None:
        """Draw the page below and the page above into the row cache, as `less` would read ahead.

        A page down then finds its rows drawn (half the work of its frame).
        The rows go `PREPARE_STEP` at a time, each step a message of its own,
        so a key pressed meanwhile waits for one step at most.
        """
        if self.wrap is None or self._base is None or self.size.height <= 0:
            self._preparing = False
            return
        (width, height), top = self.size, round(self.scroll_y)
        if self._to_prepare is None:
            step = self._page_rows
            below = range(top + height, min(len(self.wrap), top + step + height))
            self._to_prepare = [*below, *range(max(0, top - step), top)][::-1]
        background, filters = self.background_colors[1], self.get_line_filters()
        for _ in range(min(self.PREPARE_STEP, len(self._to_prepare))):
            index = self._to_prepare.pop()
            filtered(self._strip_for(index, width, self._highlights(index)), filters, background)  # cached for its frame
        if self._to_prepare:
            self.call_later(self._prepare_rows)
        else:
            self._preparing = False
            self.app.collector.between_frames()

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
        self.scroll_to(y=self.scroll_y + pages * self._page_rows, animate=False)

    @property
    def _page_rows(self) -> int:
        """Rows a page moves: the view's height less two, kept for context, as in `less`."""
        return max(1, self.size.height - 2)

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
        self._refresh_highlighted()

    def set_mentions(self, mentions: Ranges) -> None:
        """Show these entity mentions (and their `current`)."""
        self.mentions = mentions
        self._refresh_highlighted()

    def _refresh_highlighted(self) -> None:
        """Redraw the screen lines whose highlights differ from those drawn there.

        A keystroke of a search usually changes a few rows, or none (`napoleo`
        → `napoleon`); the other lines stay as they are, and so does the work
        Textual does for each redrawn line.
        """
        if self.wrap is None:
            return
        (width, height), top, painted = self.size, round(self.scroll_y), self._painted
        # Worked out once for the comparison and the drawing both.
        self._upcoming = upcoming = {top + y: self._highlights(top + y) for y in range(height)}
        dirty = [Region(0, y, width, 1) for y in range(height) if painted.get(y) != (top + y, upcoming[top + y])]
        if dirty:
            self.refresh(*dirty)

    def repaint(self) -> None:
        """Forget rendered rows and redraw the visible ones."""
        self._forget_rows()
        self.refresh()

    def _forget_rows(self) -> None:
        self._cache.clear()
        self._layouts.clear()
        self._painted.clear()
        self._upcoming.clear()

    def notify_style_update(self) -> None:
        """Theme or CSS changed: component styles and cached rows are stale."""
        super().notify_style_update()
        self._styles.clear()
        self._combined.clear()
        self._forget_rows()

    # -- rendering --------------------------------------------------------

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the lines in `crop`: the widget's own style is looked up once for all of them."""
        if not self._drawn:
            self._drawn = True
            self.post_message(self.FirstDrawn(self))
            self._prepare_soon()
        base = self.rich_style
        if base != self._base:
            if self._base is not None and crop != self.size.region:
                self.refresh()  # the lines outside `crop` were drawn with the old style
            self._base = base
            self._combined.clear()
            self._forget_rows()
        styles = self.styles
        if (
            styles.gutter
            or self.opacity < 1
            or styles.tint.a
            or styles.text_opacity < 1
            or any(edge for edge, _ in styles.outline)
            or (styles.has_rule("hatch") and styles.hatch != "none")
        ):
            return super().render_lines(crop)
        # A bare box (no border, padding, tint or opacity): the rows are final as drawn,
        # and going through Textual's styles cache would only rebuild every line of
        # every frame (3 ms of a page down on a 160×48 screen). Filters (NO_COLOR,
        # ANSI themes) still apply, and are cached on the rows.
        # Without a border or padding, the text box is the whole region (the scrollbar
        # is drawn over its last column).
        width, height = self.size  # looked up once: `size` walks the screen's map
        top = round(self.scroll_y)
        background = self.background_colors[1]
        filters = self.get_line_filters()
        blank = Strip.blank(width, self._base)
        lines = []
        for y in crop.line_range:
            strip = self._row_strip(top, y, width) if y < height else blank
            lines.append(filtered(strip, filters, background).crop(crop.x, crop.right))
        return lines

    def render_line(self, y: int) -> Strip:
        """Draw visual row `scroll_y + y`."""
        return self._row_strip(round(self.scroll_y), y, self.size.width)

    def _row_strip(self, top: int, y: int, width: int) -> Strip:
        """Visual row `top + y` at `width`, noted as drawn on screen line `y`."""
        index = top + y
        highlights = self._upcoming.pop(index, None)
        if highlights is None:
            highlights = self._highlights(index)
        self._painted[y] = (index, highlights)
        return self._strip_for(index, width, highlights)

    def _strip_for(self, index: int, width: int, highlights: Highlights) -> Strip:
        """Row `index` drawn at `width` with `highlights`, from the cache if it is there."""
        key = (index, width, highlights)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._cache[key] = self._render_row(index, width, highlights)
        return strip

    def _highlights(self, index: int) -> Highlights:
        """The mentions and matches on row `index`, clipped to it (mentions first, as painted)."""
        wrap = self.wrap
        if wrap is None or not 0 <= index < len(wrap) or not (self.mentions or self.matches):
            return ()
        start, end = wrap.span(index)
        found = []
        for ranges, name in ((self.mentions, "article--mention"), (self.matches, "article--match")):
            for i in ranges.overlapping(start, end):
                first, last = ranges.span(i)
                left, right = max(first, start), min(last, end)
                if left < right:
                    found.append((f"{name}-current" if i == ranges.current else name, left, right))
        return tuple(found)

    def _render_row(self, index: int, width: int, highlights: Highlights) -> Strip:
        base = self._base if self._base is not None else self.rich_style
        if self.wrap is None or index >= len(self.wrap):
            return Strip.blank(width, base)
        layout = self._layout(index, width, base)
        if layout is None:
            return Strip.blank(width, base)
        paints = layout.paints
        if highlights:
            shift = layout.lead - layout.start
            laid = [(left + shift, right + shift, self._style(name)) for name, left, right in highlights]
            paints = paints + [paint for paint in laid if paint[2]]
        segments = row_segments(layout.text, paints, self._combined)
        if layout.cells < width:
            segments.append(Segment(" " * (width - layout.cells), base))
            return Strip(segments, width)
        return Strip(segments, layout.cells).crop(0, width)

    def _layout(self, index: int, width: int, base: Style) -> RowLayout | None:
        """Row `index` at `width` without highlights (None for a blank row), cached."""
        layout = self._layouts.get((index, width))
        if layout is None:
            row = self.wrap.row(index)
            if row.block == BLANK:
                return None
            layout = self._layouts[index, width] = self._lay_out(row, self.doc.blocks[row.block], width, base)
        return layout

    def _lay_out(self, row: Row, block: Block, width: int, base: Style) -> RowLayout:
        """The string of one row (margin, prefix, then the literal document text) and its paints."""
        margin = self._column(width)[1]
        lead = margin + len(row.prefix)
        body = sanitize(self.doc.text[row.start : row.end])
        text = " " * margin + row.prefix + body
        length = len(text)
        paints: list[Paint] = [(0, length, base)] if base and length else []

        def paint(style: Style, start: int, end: int) -> None:
            start, end = max(0, start), min(length, end)
            if start < end and style:
                paints.append((start, end, style))

        if row.prefix:
            paint(self._style("article--bullet"), margin, lead)
        shift = lead - row.start

        def paint_text(name: str, start: int, end: int) -> None:
            start, end = max(start, row.start), min(end, row.end)
            if start < end and name:
                paint(self._style(name), start + shift, end + shift)

        paint_text(self._block_class(block), block.start, block.end)
        for span in block.spans:
            paint_text(_SPAN_CLASSES.get(span.style, "article--bold"), span.start, span.end)
        if block.label is not None:
            paint_text("article--label", block.label.start, block.label.end)
        return RowLayout(text, cell_len(text), lead, row.start, paints)

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
