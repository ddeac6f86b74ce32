"""Parse timings: the sample and War and Peace (.txt and .md), medians of several runs.

    python benchmarks/bench_parse.py [--runs N]

Reads War and Peace from ../shared/corpus beside the checkout; without it,
only the sample is measured. The garbage collector is off while timing, as it
is in the child process that parses a book for the reader: its collections
landing in one run and not the next made the figures vary by half.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

from reader.core.loader import read_document
from reader.core.parse import parse_source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def median_seconds(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            func()
            times.append(time.perf_counter() - started)
        finally:
            gc.enable()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    files = [ROOT / "seeds" / "czech-republic-restricts-russian-diplomats.txt"]
    if CORPUS.exists():
        files += [CORPUS / "war-and-peace.txt", CORPUS / "war-and-peace.md"]
    else:
        print(f"note: {CORPUS} not found: War and Peace is not measured")
    print(f"{'file':<52} {'size':>9} {'read+parse':>11} {'top':>4} {'all':>4} {'blocks':>7}")
    for path in files:
        source = read_document(path).text
        doc = parse_source(source, str(path))
        seconds = median_seconds(lambda: parse_source(read_document(path).text, str(path)), args.runs)
        print(
            f"{path.name:<52} {path.stat().st_size / 1e6:>7.2f}MB {seconds * 1000:>9.0f}ms"
            f" {len(doc.sections):>4} {len(doc.all_sections):>4} {len(doc.blocks):>7}"
        )


if __name__ == "__main__":
    main()
