"""The reader screen's geometry, without Textual.

Shared by the Textual widgets and by `reader.ui.instant`, which paints the
first screen before Textual is imported: both must put every character in
the same cell, or the first real frame would visibly move the text.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

NARROW = 130
"""Below this many columns the side panes fold away (toggle them with S and E)."""
SECTIONS_WIDTH = 30
"""The navigator's width in cells, border included (`#sections` in reader.tcss)."""
ENTITIES_WIDTH = 36
"""The entity sidebar's width in cells, border included (`EntitiesPane` in reader.tcss)."""
MAX_MEASURE = 80
"""The widest text column, in cells: a comfortable reading measure."""
ICON = " ≡ "
"""The title bar's left end (it opens the command palette)."""


def measure(width: int) -> int:
    """The text width of an article `width` cells wide: the comfortable measure, or less when narrow."""
    return max(8, min(MAX_MEASURE, width - 2))


def margin(width: int) -> int:
    """Blank cells left of the text column, centring it in an article `width` cells wide."""
    return max(0, (width - measure(width)) // 2)


def article_box(columns: int) -> tuple[int, int]:
    """(first column, width) of the article on a screen `columns` wide, side panes shown if wide enough."""
    if columns >= NARROW:
        return SECTIONS_WIDTH, columns - SECTIONS_WIDTH - ENTITIES_WIDTH
    return 0, columns


def title_line(title: str, width: int) -> str:
    """The title bar's text: the icon, then `title` centred (cut with … when too long)."""
    room = max(0, width - 2 * len(ICON))
    if cell_len(title) > room:
        title = set_cell_size(title, max(0, room - 1)) + "…" if room else ""
    return ICON + " " * ((room - cell_len(title)) // 2) + title
