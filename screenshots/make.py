"""Make the README screenshots from the real app: `python screenshots/make.py`.

Each state is driven with Pilot keys on the sample article (real store, real
entity extractor), saved as Textual's SVG, then converted to PNG with
`rsvg-convert` (Debian: `apt-get install librsvg2-bin`) when it is installed.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from textual.widgets import Input

from reader.core.store import Store
from reader.ui.app import ReaderApp

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "seeds" / "czech-republic-restricts-russian-diplomats.txt"

# name: (size, keys pressed once entities are ready)
STATES: dict[str, tuple[tuple[int, int], list[str]]] = {
    "sample-160x48": ((160, 48), []),
    "sample-80x24": ((80, 24), []),
    "search-160x48": ((160, 48), ["slash", *"espionage", "enter", "n"]),
    "search-80x24": ((80, 24), ["slash", *"espionage"]),
    "entity-160x48": ((160, 48), ["e", *"russia", "enter", "n"]),
    "sections-80x24": ((80, 24), ["S", "right_square_bracket", "right_square_bracket"]),
}

_TEXT = re.compile(r'(<text [^>]*?x=")([\d.]+)("[^>]*?textLength=")([\d.]+)("[^>]*>)((?:&#160;)+)([^<]*)(</text>)')


def _chars(markup: str) -> int:
    return len(re.sub(r"&#?\w+;", "x", markup))


def _shift_leading_spaces(svg: str) -> str:
    """rsvg-convert drops leading non-breaking spaces; move such text right instead."""

    def fix(m: re.Match[str]) -> str:
        head, x, mid, length, tail, spaces, rest, end = m.groups()
        n, total = _chars(spaces), _chars(spaces + rest)
        if not rest:
            return ""
        cell = float(length) / total
        return f"{head}{float(x) + n * cell:.1f}{mid}{float(length) - n * cell:.1f}{tail}{rest}{end}"

    return _TEXT.sub(fix, svg)


async def capture(name: str, size: tuple[int, int], keys: list[str]) -> Path:
    """Run the app at `size`, press `keys`, save `name.svg`."""
    app = ReaderApp([Store.open(SAMPLE)])
    async with app.run_test(size=size) as pilot:
        while not app.screen.ready:  # every pane mounted (the first frame has only the article)
            await pilot.pause(0.02)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys)
        for widget in app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.pause(0.3)
        return Path(app.save_screenshot(f"{name}.svg", path=str(HERE)))


def to_png(svg: Path) -> Path | None:
    """Convert an SVG screenshot to PNG next to it, if rsvg-convert is available."""
    if shutil.which("rsvg-convert") is None:
        return None
    png = svg.with_suffix(".png")
    with tempfile.NamedTemporaryFile("w", suffix=".svg", delete=False) as fixed:
        fixed.write(_shift_leading_spaces(svg.read_text()))
    subprocess.run(["rsvg-convert", fixed.name, "-o", str(png)], check=True)
    Path(fixed.name).unlink()
    return png


def main(names: list[str]) -> None:
    for name, (size, keys) in STATES.items():
        if names and name not in names:
            continue
        svg = asyncio.run(capture(name, size, keys))
        png = to_png(svg)
        print(svg.relative_to(HERE.parent), png.relative_to(HERE.parent) if png else "(no rsvg-convert: SVG only)")


if __name__ == "__main__":
    main(sys.argv[1:])
