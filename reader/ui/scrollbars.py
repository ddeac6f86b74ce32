"""Scrollbars that cost little per frame, for the views that scroll a lot.

Textual draws a scrollbar as a Rich renderable, rendered line by line through
the styles cache on every frame it moves in: about 1.5 ms for a 45-row bar,
several times a page down (the article's, the navigator's following it). A
vertical bar is a handful of distinct cells (track above, thumb, track below,
the two eighth-block ends), so `StripScrollBar` draws it as that many shared
strips.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.color import Color as RichColor
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region, Size
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip


def filtered(strip: Strip, filters: Sequence[LineFilter], background: Color) -> Strip:
    """`strip` through the app's line filters (NO_COLOR, ANSI themes), as the styles cache
    would pass it; each result is cached on the strip it came from."""
    for line_filter in filters:
        strip = strip.apply_filter(line_filter, background)
    return strip


class StripScrollBar(ScrollBar):
    """A `ScrollBar` whose vertical form is drawn straight into strips.

    The glyphs, styles and mouse actions are those of `ScrollBarRender.render_bar`;
    only the path from its segments to the screen is shorter. A horizontal
    bar, or one given another `renderer`, is drawn the usual way.
    """

    def render_lines(self, crop: Region) -> list[Strip]:
        bar = self.render()
        if not self.vertical or type(bar) is not ScrollBarRender or self.opacity < 1:
            return super().render_lines(crop)
        width, height = self.size
        style = bar.style  # a Style: `ScrollBar.render` builds it
        segments = bar.render_bar(
            size=height,
            virtual_size=bar.virtual_size,
            window_size=bar.window_size,
            position=bar.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor or RichColor.parse("#555555"),
            bar_color=style.color or RichColor.parse("bright_magenta"),
        ).segments
        background = self.background_colors[1]
        filters = self.get_line_filters()
        strips: dict[int, Strip] = {}  # one strip per distinct segment: the track repeats one
        lines = []
        for y in crop.line_range:
            segment = segments[y] if y < len(segments) else segments[-1]
            strip = strips.get(id(segment))
            if strip is None:
                strip = strips[id(segment)] = filtered(Strip([segment], width), filters, background)
            lines.append(strip.crop(crop.x, crop.right))
        return lines


class SteadyScrollbars:
    """For a scrolling widget: a `StripScrollBar`, and no scrollbar redraw on layouts that change nothing.

    `ScrollView._size_updated` compares the virtual size the layout passes
    with the one the view set itself (they never match), so every layout of
    the screen (one per keystroke in the search input) redrew the scrollbar
    from scratch. Used by the article, the navigator and the entity lists.
    """

    _sizes_seen: tuple[Size, ...] = ()

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        seen = (size, virtual_size, container_size, self.virtual_size)
        if seen == self._sizes_seen:
            return self._container_size != container_size  # what ScrollView answers then
        self._sizes_seen = seen
        return super()._size_updated(size, virtual_size, container_size, layout)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's `Widget.vertical_scrollbar`, making a `StripScrollBar`."""
        if self._vertical_scrollbar is None:
            bar = self._vertical_scrollbar = StripScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar
