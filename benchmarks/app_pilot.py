"""In-app timings for `bench_app.py`: one document, one run, one JSON object on stdout.

    python benchmarks/app_pilot.py FILE [--width 160 --height 48]

Runs `ReaderApp` headless under Pilot (`app.run_test`). Every interaction is
timed from posting the key (or calling the action) to the first frame the
compositor renders in which the result is visible: a wrapper around
`App._display` sees every frame (headless Textual still composes each frame,
it only skips writing it to the terminal). Each timing has two figures:

* latency: wall time, key → frame. It includes Textual's frame pacing (frames
  are drawn on a 60 Hz timer, so 0–17 ms of waiting is part of every figure);
* cpu: CPU time of the UI thread over the same interval, i.e. the work done
  for that key (handlers + layout + rendering), without the pacing wait.

Pilot's own `press`/`pause` are not used for timing: each waits for the
process to be idle for at least 20 ms, which would swamp a 16 ms target.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import resource
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter, thread_time

TICK = 0.01
"""Interval of the probe timer that measures how long the event loop is held."""

TYPING_GAP = 0.08
"""Seconds between timed search keystrokes: a fast typist's 12 keys a second. A key sent the
instant the last answer is drawn would also wait for Textual's next 60 Hz frame slot."""


@dataclass
class Waiter:
    done: object  # () -> bool, checked at each rendered frame
    event: asyncio.Event = field(default_factory=asyncio.Event)
    at: float = 0.0
    cpu: float = 0.0


class Probe:
    """Frame hook, loop-responsiveness ticker and launch milestones for one app."""

    def __init__(self, app) -> None:
        self.app = app
        self.first_frame: float | None = None
        self.frames = 0
        self.waiter: Waiter | None = None
        self.mounted: float | None = None
        self.last_tick: float | None = None
        self.max_gap = 0.0
        self.gaps = 0
        self.entities_at: float | None = None
        self.entities_failed = False
        self.nav_at: float | None = None
        self.timer = None
        display = app._display

        def hooked(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is None or app._batch_count:
                return
            now = perf_counter()
            self.frames += 1
            if self.first_frame is None:
                self.first_frame = now
            waiter = self.waiter
            if waiter is not None and not waiter.event.is_set() and waiter.done():
                waiter.at, waiter.cpu = now, thread_time()
                waiter.event.set()

        app._display = hooked

    def start(self) -> None:
        self.mounted = perf_counter()
        self.timer = self.app.set_interval(TICK, self.tick, name="bench-probe")

    def tick(self) -> None:
        now = perf_counter()
        screen = self.app.screen
        if self.entities_at is None:
            # The entity worker starts once the screen is assembled (its first frame and
            # the mounting of its panes come before, and are timed as launch figures).
            if self.last_tick is not None and getattr(screen, "ready", True):
                self.max_gap = max(self.max_gap, now - self.last_tick)
                self.gaps += 1
            self.last_tick = now
            pane = _entities_pane(screen)
            if getattr(screen, "entities", None) is not None:
                self.entities_at = now
            elif pane is not None and getattr(pane, "failed", False):
                self.entities_at, self.entities_failed = now, True
        if self.nav_at is None and navigator_complete(screen):
            self.nav_at = now
        if self.entities_at is not None and self.nav_at is not None and self.timer is not None:
            self.timer.stop()
            self.timer = None


def _entities_pane(screen):
    from reader.ui.entities import EntitiesPane

    try:
        found = screen.query(EntitiesPane)
        return found.first() if found else None
    except Exception:
        return None


def navigator_complete(screen) -> bool:
    """True once the Sections tree holds a node for every section, the last one included."""
    from reader.ui.sections import SectionsTree

    doc = getattr(screen, "doc", None)
    if doc is None:
        return False
    try:
        trees = screen.query(SectionsTree)
    except Exception:
        return False
    if not trees:
        return False
    want = doc.all_sections
    if not want:
        return True
    last, count, seen_last = want[-1], 0, False
    stack = list(trees.first().root.children)
    while stack:
        node = stack.pop()
        count += 1
        seen_last = seen_last or node.data is last
        stack.extend(node.children)
    return seen_last and count >= len(want)


def _css_paths(cls):
    """`cls.CSS_PATH` made absolute, relative paths taken beside `cls`'s module."""
    paths = cls.CSS_PATH
    if paths is None:
        return None
    base = Path(inspect.getfile(cls)).parent
    many = isinstance(paths, (list, tuple))
    fixed = [p if Path(p).is_absolute() else base / p for p in (paths if many else [paths])]
    return fixed if many else fixed[0]


async def scenario(path: Path, width: int, height: int) -> dict:
    from textual import events
    from textual.geometry import Size

    from reader.core.store import Store
    from reader.ui.app import ReaderApp

    class ProbeApp(ReaderApp):
        # A relative CSS_PATH is read beside the class's module: point back at the app's own.
        CSS_PATH = _css_paths(ReaderApp)

        # Textual calls `on_mount` of every class in the MRO: ReaderApp's still pushes the screen.
        def on_mount(self) -> None:
            self.probe.start()

    from reader.cli import PREVIEW
    from reader.core.store import ISOLATE

    out: dict = {"doc": path.name}
    started = perf_counter()
    # As `reader FILE` opens it: a big file from a preview, its entities prefetched
    # in a child process started as soon as the file is read.
    store = Store.open(path, preview=PREVIEW, prefetch="rules")
    isolate = store.size >= ISOLATE
    out["open_s"] = perf_counter() - started
    app = ProbeApp([store], isolate_entities=isolate)
    probe = app.probe = Probe(app)

    def key(name: str, char: str | None = None) -> None:
        event = events.Key(name, char)
        event.set_sender(app)
        app.post_message(event)

    async def measure(action, done, timeout: float = 10.0):
        waiter = probe.waiter = Waiter(done)
        t0, c0 = perf_counter(), thread_time()
        action()
        try:
            await asyncio.wait_for(waiter.event.wait(), timeout)
        except (TimeoutError, asyncio.TimeoutError):
            return None
        finally:
            probe.waiter = None
        return [waiter.at - t0, waiter.cpu - c0]

    async with app.run_test(size=(width, height)) as pilot:
        out["ready_s"] = perf_counter() - started
        deadline = perf_counter() + 180
        while (probe.entities_at is None or probe.nav_at is None) and perf_counter() < deadline:
            if app._exception is not None or not app.is_running:
                break
            await asyncio.sleep(TICK)
        screen = app.screen
        article = screen.article
        if probe.first_frame is not None:
            out["first_frame_s"] = probe.first_frame - started
        if probe.entities_at is not None:
            out["entities_s"] = probe.entities_at - started
            out["entities_after_mount_s"] = probe.entities_at - probe.mounted
            out["entities_failed"] = probe.entities_failed
            out["worker_max_gap_s"] = probe.max_gap
        if probe.nav_at is not None and probe.first_frame is not None:
            out["nav_after_first_frame_s"] = max(0.0, probe.nav_at - probe.first_frame)
        doc = store.finish()  # the whole document (parsed by the child, or here)
        out["sections"] = len(doc.all_sections)

        async def settle() -> None:
            await pilot.pause()
            await asyncio.sleep(0.03)

        await settle()

        async def type_query(word: str, timed: bool) -> list:
            results = []
            await measure(lambda: key("slash", "/"), lambda: app.focused is screen.search_bar.input)
            for i, ch in enumerate(word):
                prefix = word[: i + 1]

                def shown(prefix=prefix) -> bool:
                    return screen.search_text == prefix and (
                        screen.counter().startswith(prefix + " ") or not screen.matches
                    )

                if timed:
                    await asyncio.sleep(TYPING_GAP)  # as typed: not the instant the last answer shows
                    results.append(await measure(lambda ch=ch: key(ch, ch), shown))
                else:
                    key(ch, ch)
            await settle()
            return results

        # -- incremental search, each keystroke until the counter is on screen
        out["search"] = {}
        for word in ("napoleon", "the"):
            times = await type_query(word, timed=True)
            out["search"][word] = {"times": times, "hits": len(screen.matches)}
            key("escape", "\x1b")
            await settle()

        # -- n: next match (napoleon when it occurs, else "the")
        word = "napoleon" if out["search"]["napoleon"]["hits"] >= 2 else "the"
        await type_query(word, timed=False)
        key("enter", "\r")
        await settle()
        article.focus()
        await settle()
        out["next_word"] = word
        out["next"] = []
        for _ in range(5):
            before = screen.matches.current
            out["next"].append(await measure(lambda: key("n", "n"), lambda b=before: screen.matches.current != b))
            await asyncio.sleep(0.03)
        key("escape", "\x1b")
        await settle()

        # -- G: end of the book, from the top
        article.focus()
        key("g", "g")
        await settle()
        out["end"] = [await measure(lambda: key("G", "G"), lambda: article.scroll_y >= article.max_scroll_y - 0.5 and article.scroll_y > 0)]
        await settle()

        # -- jumps to sections
        out["section"] = []
        sections = doc.all_sections
        if sections:
            targets = []
            for i in (-5, len(sections) // 3, -1, 0):
                s = sections[max(-len(sections), min(i, len(sections) - 1))]
                if s not in targets:
                    targets.append(s)
            for s in targets:
                y0 = round(article.scroll_y)
                if screen.section is s:
                    continue
                out["section"].append(await measure(lambda s=s: screen.go_to_section(s), lambda s=s, y0=y0: screen.section is s))
                await settle()

        # -- page down, from the top
        key("g", "g")
        await settle()
        out["page"] = []
        for _ in range(15):
            y0 = article.scroll_y
            if y0 >= article.max_scroll_y:
                break
            out["page"].append(await measure(lambda: key("pagedown"), lambda y0=y0: article.scroll_y != y0))
            await asyncio.sleep(0.03)

        # -- resize: re-wrap at a narrower measure and back, position kept
        middle = sections[len(sections) // 2] if sections else None
        if middle is not None:
            screen.go_to_section(middle)
        else:
            article.scroll_to(y=min(article.max_scroll_y, 7), animate=False)
        await settle()
        article.scroll_to(y=min(article.max_scroll_y, article.scroll_y + 7), animate=False)
        await settle()
        out["resize"] = []
        blocks = [doc.block_index_at(article.top_offset)]
        for w, h in ((72, 40), (width, height)):
            size = Size(w, h)
            old_wrap = getattr(article, "wrap", None)

            def resize(size=size) -> None:
                driver = app._driver
                if hasattr(driver, "_size"):  # the headless driver reports this size from now on
                    driver._size = size
                app.post_message(events.Resize(size, size))

            def rewrapped(size=size, old_wrap=old_wrap) -> bool:
                return app.size == size and getattr(article, "wrap", None) is not old_wrap

            out["resize"].append(await measure(resize, rewrapped))
            await settle()
            blocks.append(doc.block_index_at(article.top_offset))
        out["resize_blocks"] = blocks
        out["position_kept"] = len(set(blocks)) == 1
        app.exit()
    out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["total_s"] = perf_counter() - started
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--width", type=int, default=160)
    parser.add_argument("--height", type=int, default=48)
    args = parser.parse_args()
    try:
        result = asyncio.run(scenario(args.path, args.width, args.height))
    except BaseException as error:  # report, don't hide: the parent prints it
        result = {"doc": args.path.name, "error": f"{type(error).__name__}: {error}", "traceback": traceback.format_exc()}
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
