"""The reader's app benchmark (issue 5): launch as a user sees it, in-app timings, memory.

    python benchmarks/bench_app.py [--runs N] [--book-viewer] [--only launch|app]
                                   [--viewer-runs N] [--corpus DIR] [--json FILE]

Run it with the project's venv (`.venv/bin/python benchmarks/bench_app.py`):
`reader` is started as `sys.executable -m reader` from this checkout.

1. Launch (needs tmux): the package's bytecode is written first (as pip
   does on install), then each app is started in a fresh tmux session of
   160×48 on a private tmux server, and `tmux capture-pane -p` is polled every
   ~10 ms until a given text is on screen; the time counts from the moment
   `tmux new-session -d` is spawned. Measured in the same run, interleaved
   round by round: the floor (a bare Textual app showing one line,
   `app_floor.py`), `reader` on the sample, on the first 100 KB of
   `war-and-peace.md` (cut at a line end, in a temporary file) and on the
   whole book (.txt and .md), and Textual's `MarkdownViewer` with its table of
   contents (`app_markdown_viewer.py`) on the 100 KB file — on the book only
   with `--book-viewer` (about a minute a run). For `reader` three moments
   are timed: the document's first lines on screen (painted before Textual
   starts, by `reader.ui.instant`), the reader's own first frame (the
   navigator's border drawn around them), and the Entities pane listing its
   entities; the process's peak RSS (VmHWM) is read at that last moment.
2. In-app (Pilot, headless 160×48, `app_pilot.py` in a fresh process per
   run and document): search keystrokes (`napoleon`, `the`), `n`, `G`,
   section jumps, page down, resize re-wrap (160×48 → 72×40 → back, the top
   paragraph must stay the same), navigator and entities completion, and the
   longest time the event loop was held while the entity worker ran. Times
   are from the key (or call) to the first rendered frame showing the result:
   "latency" is wall time (it includes Textual's 60 Hz frame pacing, 0–17 ms),
   "cpu" is the UI thread's CPU time over the same interval (the work itself).

The War and Peace files are read from `../shared/corpus` beside the checkout
(or `--corpus DIR`); without them only the sample (and the floor) is
measured. Medians of `--runs` runs (default 5; `--viewer-runs`, default 3,
for MarkdownViewer). The machine's load average is printed at the start and
at the end: on a loaded machine every figure moves, the ratios less so.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
SAMPLE = ROOT / "seeds" / "czech-republic-restricts-russian-diplomats.txt"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
WIDTH, HEIGHT = 160, 48
POLL = 0.01
SLOW_POLL = 0.05
"""Polling interval once the first text and the reader's frame are up (waiting for the entities)."""
MEDIUM_BYTES = 100_000

SAMPLE_NEEDLE = "decisive step"
BOOK_NEEDLE = "Genoa and Lucca"
FLOOR_NEEDLE = "floor ready"
UI_NEEDLE = "─ Sections ─"
"""The navigator's border: on screen once Textual has drawn the reader's first frame.

The first lines of the document come before it: `reader.ui.instant` paints
them before Textual is even imported. Both moments are reported."""
ENTITIES_DONE = re.compile(r"\d+ entities ·|entities unavailable")
"""The Entities pane's status once the worker is done (or failed)."""

# Targets (issue 5).
BOOK_RATIO, SAMPLE_RATIO = 1.5, 1.2
NAV_S, ENTITIES_S, GAP_S = 0.5, 3.0, 0.100
KEY_MEDIAN_S, KEY_WORST_S, JUMP_S, PAGE_S, RESIZE_S = 0.030, 0.100, 0.050, 0.016, 0.300
MEMORY_MB = 250


def note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the documents ---------------------------------------------------------------


@dataclass
class Doc:
    key: str  # column label
    path: Path
    needle: str
    book: bool = False


def documents(corpus: Path, tmp: Path) -> list[Doc]:
    docs = [Doc("sample", SAMPLE, SAMPLE_NEEDLE)]
    txt, md = corpus / "war-and-peace.txt", corpus / "war-and-peace.md"
    if not (txt.is_file() and md.is_file()):
        return docs
    data = md.read_bytes()[:MEDIUM_BYTES]
    data = data[: data.rfind(b"\n") + 1]
    medium = tmp / "war-and-peace-100k.md"
    medium.write_bytes(data)
    docs += [
        Doc("100 KB .md", medium, BOOK_NEEDLE),
        Doc("book .txt", txt, BOOK_NEEDLE, book=True),
        Doc("book .md", md, BOOK_NEEDLE, book=True),
    ]
    return docs


# -- launch under tmux -------------------------------------------------------------


@dataclass
class Launch:
    seconds: float | None = None  # to the needle
    after: float | None = None  # to the Entities pane's final status (reader only)
    ui: float | None = None  # to the reader's own frame: panes drawn (reader only)
    peak_mb: float | None = None
    error: str | None = None
    screen: str = ""


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def peak_rss_mb(pid: int) -> float | None:
    """VmHWM of `pid` plus that of any live descendants (an upper bound if there are some)."""
    total = None
    for p in [pid, *_descendants(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total = (total or 0.0) + int(line.split()[1]) / 1024
        except OSError:
            continue
    return total


class Tmux:
    """A private tmux server (own socket, no config), sessions created and killed one by one."""

    def __init__(self) -> None:
        self.socket = f"bench-app-{os.getpid()}"
        self.count = 0
        self.base = ["tmux", "-L", self.socket, "-f", "/dev/null"]
        # A keeper session holds the server up, so server start-up is not in any timing.
        self.keeper = self._name()
        self._run("new-session", "-d", "-s", self.keeper, "-x", str(WIDTH), "-y", str(HEIGHT), "sleep 86400")
        for option in (("status", "off"), ("remain-on-exit", "on"), ("default-size", f"{WIDTH}x{HEIGHT}")):
            self._run("set-option", "-g", *option)
        self.path = self._run("display-message", "-p", "#{socket_path}").stdout.strip()

    def _name(self) -> str:
        self.count += 1
        return f"{self.socket}-{self.count}"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*self.base, *args], capture_output=True, text=True, check=False)

    def close(self) -> None:
        """Kill the keeper session: the server exits with its last session; remove its socket file."""
        self._run("kill-session", "-t", self.keeper)
        for _ in range(50):
            if self._run("list-sessions").returncode != 0:
                if self.path and Path(self.path).is_socket():
                    Path(self.path).unlink(missing_ok=True)
                break
            time.sleep(0.02)

    def launch(self, argv: list[str], needle: str, *, until: re.Pattern | None = None, ui: str | None = None,
               timeout: float = 60) -> Launch:  # fmt: skip
        name = self._name()
        command = "exec " + shlex.join(argv)
        result = Launch()
        started = time.perf_counter()
        spawned = self._run(
            "new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT), "-c", str(ROOT),
            "-P", "-F", "#{pane_pid}", command,
        )  # fmt: skip
        try:
            if spawned.returncode != 0:
                result.error = f"tmux new-session failed: {spawned.stderr.strip()}"
                return result
            pid = int(spawned.stdout.strip())
            waiting_for: re.Pattern | str = needle
            deadline = started + timeout
            while True:
                poll_start = time.perf_counter()
                shot = self._run("capture-pane", "-p", "-t", name, ";", "display-message", "-p", "-t", name, "#{pane_dead}")
                now = time.perf_counter()
                screen, _, dead = shot.stdout.rstrip("\n").rpartition("\n")
                result.screen = screen
                if ui is not None and result.ui is None and ui in screen:
                    result.ui = now - started
                found = needle in screen if isinstance(waiting_for, str) else bool(waiting_for.search(screen))
                if found and isinstance(waiting_for, str):
                    result.seconds = now - started
                    if until is None:
                        break
                    waiting_for = until
                    found = bool(until.search(screen))
                if found:
                    result.after = now - started
                    break
                if dead.strip() == "1":
                    result.error = "the app exited"
                    break
                if now > deadline:
                    result.error = f"timed out after {timeout:.0f} s waiting for {getattr(waiting_for, 'pattern', waiting_for)!r}"
                    break
                # The first text and frame are timed to 10 ms; the entities, seconds later, to 50 ms:
                # a `tmux capture-pane` every 10 ms takes a third of one of the two cores
                # from the processes being timed.
                poll = POLL if result.seconds is None or (ui is not None and result.ui is None) else SLOW_POLL
                time.sleep(max(0.0, poll - (time.perf_counter() - poll_start)))
            result.peak_mb = peak_rss_mb(pid)
            return result
        finally:
            self._run("kill-session", "-t", name)


@dataclass
class Config:
    key: str
    label: str
    argv: list[str]
    needle: str
    runs: int
    doc: Doc | None = None  # reader runs: wait for entities too
    timeout: float = 60
    results: list[Launch] = field(default_factory=list)


def launch_configs(docs: list[Doc], runs: int, viewer_runs: int, book_viewer: bool) -> list[Config]:
    py = sys.executable
    configs = [Config("floor", "floor: bare Textual app, one line", [py, str(BENCH / "app_floor.py")], FLOOR_NEEDLE, runs)]
    for doc in docs:
        configs.append(Config(doc.key, f"reader {doc.key}", [py, "-m", "reader", str(doc.path)], doc.needle, runs, doc=doc))
    viewer = [py, str(BENCH / "app_markdown_viewer.py")]
    for doc in docs:
        if doc.key == "100 KB .md" or (book_viewer and doc.key == "book .md"):
            timeout = 300 if doc.book else 60
            configs.append(Config(f"viewer {doc.key}", f"MarkdownViewer {doc.key}", [*viewer, str(doc.path)], doc.needle, viewer_runs, timeout=timeout))
    return configs


def compile_bytecode() -> None:
    """Write the package's bytecode first, as `pip install` does for a user.

    A checkout run with PYTHONDONTWRITEBYTECODE (or never imported before)
    would otherwise compile every module from source at each launch, about
    50 ms that no installed `reader` pays; Textual, installed by pip, has
    its bytecode already, so without this the comparison with the floor is
    unfair. `compileall` writes it even when that variable is set.
    """
    compileall.compile_dir(ROOT / "reader", quiet=1)


def run_launches(configs: list[Config]) -> None:
    compile_bytecode()
    tmux = Tmux()
    try:
        for round_ in range(max(c.runs for c in configs)):
            for config in configs:
                if round_ >= config.runs:
                    continue
                reader = config.doc is not None
                result = tmux.launch(config.argv, config.needle, until=ENTITIES_DONE if reader else None,
                                     ui=UI_NEEDLE if reader else None, timeout=config.timeout)  # fmt: skip
                config.results.append(result)
                shown = "error: " + result.error if result.seconds is None else f"{result.seconds:.2f} s"
                extra = f", entities {result.after:.2f} s" if result.after is not None else ""
                note(f"  launch {round_ + 1}/{config.runs} {config.label}: {shown}{extra}")
                time.sleep(0.2)
    finally:
        tmux.close()


# -- in-app timings (Pilot, in a child process) ---------------------------------------


def run_pilot(doc: Doc) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
    try:
        done = subprocess.run(
            [sys.executable, str(BENCH / "app_pilot.py"), str(doc.path), "--width", str(WIDTH), "--height", str(HEIGHT)],
            capture_output=True, text=True, cwd=ROOT, env=env, timeout=600, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"error": "timed out after 600 s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"error": f"no result (exit {done.returncode}): {done.stderr.strip()[-500:]}"}
    return json.loads(lines[-1])


# -- figures and the table ------------------------------------------------------------


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def worst(values):
    values = [v for v in values if v is not None]
    return max(values) if values else None


def ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 1000:.0f} ms"


def secs(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


def mark(value: float | None, limit: float) -> str:
    return "" if value is None else (" ✓" if value <= limit else " ✗")


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for n, row in enumerate([header, *rows]):
        cells = [str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def launch_table(configs: list[Config]) -> str:
    floor = median(r.seconds for r in configs[0].results)
    rows = []
    for c in configs:
        times = [r.seconds for r in c.results if r.seconds is not None]
        m = median(times)
        ratio = None if m is None or not floor else m / floor
        limit = SAMPLE_RATIO if c.key == "sample" else BOOK_RATIO if c.key.startswith("book") else None
        target = "" if limit is None else f"≤ {limit}×" + mark(ratio, limit)
        spread = f"{min(times):.2f}–{max(times):.2f} s" if times else "n/a"
        failed = len(c.results) - len(times)
        peak = median(r.peak_mb for r in c.results if r.seconds is not None and r.after is None)
        rows.append([c.label, secs(m), spread, "n/a" if ratio is None else f"{ratio:.2f}×", target,
                     "" if peak is None else f"{peak:.0f} MB", f"{len(times)}" + (f" ({failed} failed)" if failed else "")])  # fmt: skip
    header = ["time to first text on screen", "median", "min–max", "÷ floor", "target", "peak RSS then", "runs"]
    return table(header, rows)


def after_launch_table(configs: list[Config]) -> str:
    readers = [c for c in configs if c.doc is not None]
    floor = median(r.seconds for r in configs[0].results)
    rows = [["reader's own frame (panes drawn)"], ["  ÷ floor"], ["entities listed, from launch"], ["peak RSS (VmHWM) then"]]
    for c in readers:
        ui = median(r.ui for r in c.results)
        rows[0].append(secs(ui))
        rows[1].append("n/a" if ui is None or not floor else f"{ui / floor:.2f}×")
        after = median(r.after for r in c.results)
        peak = median(r.peak_mb for r in c.results if r.after is not None)
        rows[2].append(secs(after) + (mark(after, ENTITIES_S) if c.doc.book else ""))
        rows[3].append(("n/a" if peak is None else f"{peak:.0f} MB") + (mark(peak, MEMORY_MB) if c.doc.book else ""))
    rows[0].append("")
    rows[1].append("")
    rows[2].append(f"≤ {ENTITIES_S:g} s (book)")
    rows[3].append(f"≤ {MEMORY_MB} MB (book)")
    return table(["reader under tmux (median)", *[c.doc.key for c in readers], "target"], rows)


def pilot_table(docs: list[Doc], results: dict[str, list[dict]]) -> str:
    def ok(doc: Doc) -> list[dict]:
        return [r for r in results[doc.key] if "error" not in r]

    def pooled(doc: Doc, getter, column: int = 0) -> list[float]:
        values = []
        for r in ok(doc):
            for item in getter(r) or []:
                values.append(None if item is None else item[column])
        return values

    def scalar(doc: Doc, name: str) -> list[float]:
        return [r.get(name) for r in ok(doc)]

    def row(label: str, target: str, cell) -> list[str]:
        return [label, *[cell(doc) for doc in docs], target]

    def med_worst(doc, getter, limit_med=None, limit_worst=None, column=0) -> str:
        values = pooled(doc, getter, column)
        missing = sum(v is None for v in values)
        m, w = median(values), worst(values)
        text = f"{ms(m)}{mark(m, limit_med) if limit_med else ''} / {ms(w)}{mark(w, limit_worst) if limit_worst else ''}"
        return text + (f" ({missing} no frame)" if missing else "")

    def search(word):
        return lambda r: r.get("search", {}).get(word, {}).get("times")

    def hits(doc, word):
        found = {r.get("search", {}).get(word, {}).get("hits") for r in ok(doc)}
        return "/".join(str(h) for h in sorted(h for h in found if h is not None)) or "n/a"

    rows = [
        row("runs ok", "", lambda d: f"{len(ok(d))}/{len(results[d.key])}"),
        row("Store.open (read + parse the preview)", "", lambda d: secs(median(scalar(d, "open_s")))),
        row("first frame, from start", "", lambda d: secs(median(scalar(d, "first_frame_s")))),
        row("navigator complete after 1st frame", f"≤ {NAV_S:g} s",
            lambda d: secs(m := median(scalar(d, "nav_after_first_frame_s"))) + mark(m, NAV_S)),
        row("entities ready, from start", f"≤ {ENTITIES_S:g} s",
            lambda d: secs(m := median(scalar(d, "entities_s"))) + mark(m, ENTITIES_S)
            + (" (failed)" if any(r.get("entities_failed") for r in ok(d)) else "")),
        row("longest loop stall during worker (worst)", f"≤ {GAP_S * 1000:.0f} ms",
            lambda d: ms(w := worst(scalar(d, "worker_max_gap_s"))) + mark(w, GAP_S)),
        row("search 'napoleon' key: median / worst", f"≤ {KEY_MEDIAN_S * 1000:.0f} / {KEY_WORST_S * 1000:.0f} ms",
            lambda d: med_worst(d, search("napoleon"), KEY_MEDIAN_S, KEY_WORST_S)),
        row("  (cpu)", "", lambda d: med_worst(d, search("napoleon"), column=1)),
        row("  hits", "593 (book: 588 + 5 Napoléon)", lambda d: hits(d, "napoleon")),
        row("search 'the' key: median / worst", f"≤ {KEY_MEDIAN_S * 1000:.0f} / {KEY_WORST_S * 1000:.0f} ms",
            lambda d: med_worst(d, search("the"), KEY_MEDIAN_S, KEY_WORST_S)),
        row("  (cpu)", "", lambda d: med_worst(d, search("the"), column=1)),
        row("  hits", "", lambda d: hits(d, "the")),
        row("n next match: median / worst", f"≤ {JUMP_S * 1000:.0f} ms",
            lambda d: med_worst(d, lambda r: r.get("next"), JUMP_S, JUMP_S)),
        row("G end of document: median / worst", f"≤ {JUMP_S * 1000:.0f} ms",
            lambda d: med_worst(d, lambda r: r.get("end"), JUMP_S, JUMP_S)),
        row("go_to_section: median / worst", f"≤ {JUMP_S * 1000:.0f} ms",
            lambda d: med_worst(d, lambda r: r.get("section"), JUMP_S, JUMP_S)),
        row("page down latency: median / worst", "",
            lambda d: med_worst(d, lambda r: r.get("page"))),
        row("page down cpu per frame: median / worst", f"≤ {PAGE_S * 1000:.0f} ms",
            lambda d: med_worst(d, lambda r: r.get("page"), PAGE_S, PAGE_S, column=1)),
        row("resize re-wrap 160→72→160: median / worst", f"≤ {RESIZE_S * 1000:.0f} ms",
            lambda d: med_worst(d, lambda r: r.get("resize"), RESIZE_S, RESIZE_S)),
        row("  same paragraph at top", "yes",
            lambda d: "n/a" if not ok(d) else ("yes ✓" if all(r.get("position_kept") for r in ok(d)) else "no ✗")),
        row("peak RSS of the Pilot process", f"(≤ {MEMORY_MB} MB book)",
            lambda d: "n/a" if (m := median(scalar(d, "maxrss_mb"))) is None else f"{m:.0f} MB"),
    ]  # fmt: skip
    return table(["Pilot, headless 160×48", *[d.key for d in docs], "target"], rows)


# -- main -----------------------------------------------------------------------------


def describe() -> str:
    def out(*args: str) -> str:
        try:
            return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False).stdout.strip()
        except OSError:
            return ""

    commit = out("git", "rev-parse", "--short", "HEAD") or "? (not a git checkout)"
    dirty = out("git", "--no-optional-locks", "status", "--porcelain", "--untracked-files=no", "--", "reader")
    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:
        textual = "?"
    python = ".".join(map(str, sys.version_info[:3]))
    return f"commit {commit}{' + uncommitted changes in reader/' if dirty else ''}, Python {python}, Textual {textual}"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--viewer-runs", type=int, default=3, help="runs of MarkdownViewer (default 3)")
    parser.add_argument("--book-viewer", action="store_true", help="also time MarkdownViewer on the whole book (~1 min a run)")
    parser.add_argument("--only", choices=("launch", "app"), help="only the tmux launch part, or only the in-app (Pilot) part")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder holding war-and-peace.txt/.md (default ../shared/corpus)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every raw measurement to FILE")
    args = parser.parse_args()

    started = time.strftime("%Y-%m-%d %H:%M")
    print(f"reader app benchmark, {started}: {describe()}")
    print(f"load average at start: {load()}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-app-"))
    raw: dict = {"started": started, "load_start": os.getloadavg()}
    try:
        docs = documents(args.corpus, tmp)
        if len(docs) == 1:
            print(f"note: {args.corpus} has no war-and-peace.txt/.md (../shared missing?): measuring the sample only")
        if args.only != "app":
            if shutil.which("tmux") is None:
                print("note: tmux is not installed: the launch part is skipped")
            else:
                note("launch under tmux…")
                configs = launch_configs(docs, args.runs, min(args.viewer_runs, args.runs), args.book_viewer)
                run_launches(configs)
                raw["launch"] = {c.label: [vars(r) for r in c.results] for c in configs}
                print()
                print(f"Launch under tmux {WIDTH}×{HEIGHT}: spawn of `tmux new-session -d` → the text on screen"
                      f" (capture-pane every {POLL * 1000:.0f} ms, every {SLOW_POLL * 1000:.0f} ms once the frame is up); medians")  # fmt: skip
                print(launch_table(configs))
                print()
                print(after_launch_table(configs))
                errors = [(c, r) for c in configs for r in c.results if r.error]
                for c, r in errors[:3]:
                    print(f"\n{c.label}: {r.error}; last screen:\n" + "\n".join(r.screen.rstrip().splitlines()[-12:]))
        if args.only != "launch":
            results: dict[str, list[dict]] = {d.key: [] for d in docs}
            note("in-app timings (Pilot)…")
            for n in range(args.runs):
                for doc in docs:
                    result = run_pilot(doc)
                    results[doc.key].append(result)
                    note(f"  pilot {n + 1}/{args.runs} {doc.key}: " + ("error: " + result["error"] if "error" in result else f"{result.get('total_s', 0):.1f} s"))
            raw["pilot"] = results
            print()
            print("In-app, Pilot: key (or call) → first rendered frame showing the result; latency is wall time"
                  " (includes 60 Hz frame pacing), cpu the UI thread's CPU time; median / worst over all runs' samples")  # fmt: skip
            print(pilot_table(docs, results))
            print("Documents open as `reader FILE` opens them: a book from a 100 KB preview, its entities prefetched"
                  " in a child process before the app starts")  # fmt: skip
            print("search: each key typed 80 ms after the last one's answer showed (a fast typist), timed until its answer shows")
            print("n: steps through 'napoleon' (through 'the' where napoleon has < 2 hits); go_to_section: to the"
                  " 5th-last, a third-way, the last and the first section; page down: 15 pages from the top")  # fmt: skip
            for doc in docs:
                for r in results[doc.key]:
                    if "error" in r:
                        print(f"\n{doc.key}: {r['error']}\n{r.get('traceback', '')[-1500:]}")
                        break
        print(f"\nload average at end: {load()}")
        raw["load_end"] = os.getloadavg()
        if args.json:
            args.json.write_text(json.dumps(raw, indent=1, default=str))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
