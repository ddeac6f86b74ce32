"""Keep a still widget's drawn lines between the frames that do not touch it.

Textual redraws every widget whose container holds something that changed:
each page down of the article redrew the bordered panes beside it, the title
bar and the footer, line by line through the styles cache, about 3 ms of a
frame. Their lines change only when Textual marks them dirty (a refresh, a
style or theme change), exactly when its styles cache forgets them too; until
then `KeptLines` hands out the very same strips, whose cuts the compositor
has already cached as well.
"""

from __future__ import annotations

from textual.geometry import Region, Size
from textual.strip import Strip


class KeptLines:
    """Mix into a `Widget` drawn through its styles cache (no custom `render_lines`)."""

    _kept: tuple[Region, Size, list[Strip]] | None = None

    def _set_dirty(self, *regions: Region) -> None:
        self._kept = None  # where Textual invalidates its styles cache: any repaint
        super()._set_dirty(*regions)

    def render_lines(self, crop: Region) -> list[Strip]:
        kept = self._kept
        size = self.size
        if kept is not None and kept[0] == crop and kept[1] == size:
            return kept[2]
        lines = super().render_lines(crop)
        self._kept = (crop, size, lines)
        return lines
