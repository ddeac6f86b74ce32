"""The instant first screen: painted before Textual, in the cells the reader screen then uses."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import tty

import pytest

from reader.core.store import Store
from reader.ui import instant
from reader.ui.app import ReaderApp, keep_screen_driver
from tests_support import make_book
from ui_helpers import screen_text

MARKDOWN = """# Markdown Title

Intro paragraph with *emphasis* and a [link](http://example.com) that runs on long enough to wrap twice at eighty columns.

## First section

- a bullet point
- another bullet point that is rather longer than the first and so wraps onto a second row
  - nested bullet

> a quote

```
code block line
```
"""


def documents(sample_store: Store) -> dict[str, Store]:
    return {
        "sample": sample_store,
        "markdown": Store.from_text(MARKDOWN, "doc.md"),
        "book": Store.from_text(make_book(chapters=3), "book.txt"),
    }


@pytest.mark.parametrize("size", [(160, 48), (130, 30), (129, 30), (80, 24), (40, 12)])
@pytest.mark.parametrize("name", ["sample", "markdown", "book"])
async def test_instant_rows_sit_where_the_reader_draws_them(sample_store, name, size):
    """Every painted row is, cell for cell, on the reader's first screen: nothing moves when Textual paints."""
    store = documents(sample_store)[name]
    rows = instant.first_rows(store.doc, *size)
    assert len(rows) > 3
    app = ReaderApp([store])
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
    for y, x, text, _bold in rows:
        assert lines[y][x : x + len(text)] == text, f"row {y}"


def _pty(columns: int, lines: int):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    return master, open(slave, "w", encoding="utf-8", closefd=True)


def _read_all_nowait(master: int) -> str:
    """Whatever is waiting (nothing, if nothing was echoed)."""
    import select

    out = b""
    while select.select([master], [], [], 0.05)[0]:
        out += os.read(master, 65536)
    return out.decode("utf-8")


def test_paint_writes_the_rows_to_a_terminal_and_leave_restores_it(sample_store, monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    master, term = _pty(100, 30)
    try:
        assert instant.paint(sample_store.doc, out=term, keys=term)
        painted = _read_all_nowait(master)
        assert painted.startswith(instant.ENTER)
        assert "The Czech Republic has taken a decisive step" in painted
        instant.leave(out=term)
        assert _read_all_nowait(master).startswith("\x1b[?1049l")
        assert termios.tcgetattr(term.fileno())[3] & termios.ECHO
        instant.leave(out=term)  # only once
        assert _read_all_nowait(master) == ""
    finally:
        term.close()
        os.close(master)


def test_keys_wait_unechoed_until_textual_takes_over(sample_store, monkeypatch):
    """`/word` and Enter typed at once must reach the reader as keys, not be echoed or turned into newlines."""
    monkeypatch.setenv("TERM", "xterm-256color")
    master, term = _pty(100, 30)
    try:
        before = termios.tcgetattr(term.fileno())
        assert before[3] & termios.ECHO and before[3] & termios.ICANON and before[0] & termios.ICRNL
        assert instant.paint(sample_store.doc, out=term, keys=term)
        _read_all_nowait(master)
        held = termios.tcgetattr(term.fileno())
        assert not held[3] & (termios.ECHO | termios.ICANON) and not held[0] & termios.ICRNL
        assert held[3] & termios.ISIG  # ctrl+c still stops it
        os.write(master, b"/esp\r")
        assert _read_all_nowait(master) == ""  # not echoed over the text
        instant.handed_over()
        assert termios.tcgetattr(term.fileno()) == before
        tty.setraw(term.fileno(), termios.TCSANOW)  # what Textual does next
        assert os.read(term.fileno(), 100) == b"/esp\r"  # queued as typed
        instant.leave(out=term)
        assert _read_all_nowait(master) == ""  # nothing to undo: Textual leaves the alternate screen itself
    finally:
        term.close()
        os.close(master)


def test_paint_shows_control_bytes_as_symbols(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    store = Store.from_text("Title \x1b]0;pwned\x07\n\nBody \x1b[31mred\x1b[0m and \x1b[2J text.\n", "evil.txt")
    master, term = _pty(100, 30)
    try:
        assert instant.paint(store.doc, out=term, keys=term)
        painted = _read_all_nowait(master)
        instant.leave(out=term)
    finally:
        term.close()
        os.close(master)
    assert "␛[31mred" in painted
    assert "\x1b]0;" not in painted and "\x1b[31m" not in painted and "\x07" not in painted


def test_no_paint_without_a_terminal(sample_store, tmp_path, monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    with open(tmp_path / "out", "w") as out:
        assert not instant.paint(sample_store.doc, out=out, keys=out)
    assert (tmp_path / "out").read_text() == ""
    master, term = _pty(100, 30)
    try:
        monkeypatch.setenv("TERM", "dumb")
        assert not instant.paint(sample_store.doc, out=term, keys=term)
        monkeypatch.setenv("TERM", "xterm-256color")
        small_master, small = _pty(10, 3)
        try:
            assert not instant.paint(sample_store.doc, out=small, keys=small)
        finally:
            small.close()
            os.close(small_master)
    finally:
        term.close()
        os.close(master)


def test_driver_skips_only_the_first_enter_and_hands_over():
    """Textual's driver re-entering the alternate screen would clear the painted text on xterm."""
    driver_class = keep_screen_driver()
    written = []
    driver = driver_class.__new__(driver_class)
    driver._writer_thread = type("W", (), {"write": lambda self, data: written.append(data)})()
    instant._state["active"] = True
    driver.write(instant.ENTER)
    driver.write("\x1b[?1000h")
    driver.write(instant.ENTER)
    assert written == ["\x1b[?1000h", instant.ENTER]
    assert not instant._state["active"]


def test_instant_paint_imports_no_textual():
    """The point is to paint before Textual is imported."""
    code = "import sys, reader.ui.instant; print(sorted(m for m in sys.modules if m.startswith('textual')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
