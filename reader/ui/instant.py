"""The instant first screen: the document's first lines, painted before Textual is imported.

Importing Textual and building the reader screen takes a few tenths of a
second; `less` shows a file in a hundredth. So `reader` in a terminal first
writes the title and the article's first rows itself — in the alternate
screen, in exactly the cells the reader screen will use (`reader.ui.layout`,
the same `WrapMap`) — and Textual's first frame then paints the panes,
colours and keys around text that does not move. Nothing here imports
Textual (a test checks it), and all text goes through `sanitize`: no control
byte of the document reaches the terminal.

`paint` enters the alternate screen and stops the terminal from echoing or
translating keys (a reader who types `/word` and Enter at once must get a
search, not `^M` drawn over the text); from then on either Textual takes over
(`handed_over`, called by the app's driver, which skips re-entering the
alternate screen — xterm would clear it — and gets the terminal's settings
back first, so it restores those on exit) or `leave` restores the terminal.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from reader.core.model import BlockKind, Document
from reader.ui.layout import article_box, margin, measure, title_line
from reader.ui.wrap import BLANK, WrapMap, sanitize

ENTER = "\x1b[?1049h"
"""Enter the alternate screen (what Textual writes first, too)."""
_LEAVE = "\x1b[?1049l\x1b[?25h"
_BOLD_KINDS = (BlockKind.TITLE, BlockKind.HEADING)

_state: dict = {"active": False}  # painted and not handed over; "tty": the settings to restore


def first_rows(doc: Document, columns: int, lines: int) -> list[tuple[int, int, str, bool]]:
    """(row, column, text, bold) of everything painted on a `columns`×`lines` screen."""
    left, width = article_box(columns)
    rows = [(0, 0, title_line(sanitize(doc.title), columns), False)]
    wrap = WrapMap(doc, measure(width))
    pad = " " * margin(width)
    for y in range(min(max(0, lines - 3), len(wrap))):  # the title bar, the status line and the footer
        row = wrap.row(y)
        if row.block == BLANK:
            continue
        kind = doc.blocks[row.block].kind
        text = pad + row.prefix + sanitize(doc.text[row.start : row.end])
        rows.append((y + 1, left, text, kind in _BOLD_KINDS))
    return rows


def _terminal() -> TextIO:
    """Where Textual draws: the process's original stderr (stdout stays free for pipes)."""
    return sys.__stderr__


def paint(doc: Document, out: TextIO | None = None, keys: TextIO | None = None) -> bool:
    """Paint `doc`'s first screen on the terminal `out`; False when it is not a usable terminal.

    `out` defaults to where Textual draws, `keys` to stdin: both must be
    terminals, as for the reader itself.
    """
    if sys.platform == "win32":  # Textual's Windows driver would clear it anyway
        return False
    out, keys = out or _terminal(), keys or sys.stdin
    try:
        if not (out.isatty() and keys.isatty()) or os.environ.get("TERM", "") in ("", "dumb"):
            return False
        size = os.get_terminal_size(out.fileno())
    except (OSError, ValueError):
        return False
    if size.columns < 20 or size.lines < 6:
        return False
    parts = [ENTER, "\x1b[?25l\x1b[H\x1b[2J"]
    for y, x, text, bold in first_rows(doc, size.columns, size.lines):
        parts.append(f"\x1b[{y + 1};{x + 1}H" + (f"\x1b[1m{text}\x1b[22m" if bold else text))
    hold_keys(keys)
    out.write("".join(parts))
    out.flush()
    _state["active"] = True
    return True


def hold_keys(keys: TextIO | None = None) -> None:
    """Keys typed from now on wait, unechoed and untranslated, for Textual to read them.

    The CLI calls this first thing when it is going to open the reader, so
    that even keys typed while the file is read are kept for it.
    """
    if "tty" in _state or sys.platform == "win32":
        return
    import termios

    keys = keys or sys.stdin
    try:
        if not keys.isatty():
            return
        fd = keys.fileno()
        before = termios.tcgetattr(fd)
        quiet = termios.tcgetattr(fd)
        quiet[0] &= ~(termios.ICRNL | termios.IXON)  # Enter stays \r; ctrl+s is a key
        quiet[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN)  # ctrl+c still interrupts
        quiet[6][termios.VMIN], quiet[6][termios.VTIME] = 1, 0
        termios.tcsetattr(fd, termios.TCSANOW, quiet)
    except (termios.error, OSError, ValueError):
        return
    _state["tty"] = (fd, before)


def _release_keys() -> None:
    """The terminal's own settings back (keys already typed stay queued)."""
    saved = _state.pop("tty", None)
    if saved is None:
        return
    import termios

    try:
        termios.tcsetattr(saved[0], termios.TCSANOW, saved[1])
    except termios.error:
        pass


def handed_over() -> None:
    """Textual takes the screen now: give it the terminal's own settings, which it restores on exit."""
    _release_keys()
    _state["active"] = False


def leave(out: TextIO | None = None) -> None:
    """Leave the alternate screen if Textual never took it over (it failed to start, or ctrl+c)."""
    _release_keys()
    if _state["active"]:
        out = out or _terminal()
        out.write(_LEAVE)
        out.flush()
        _state["active"] = False
