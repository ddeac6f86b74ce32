"""Entity-layer figures: quality on wikigold (clean and noisy) and speed.

    python benchmarks/bench_entities.py [--backend rules|spacy[:MODEL]] [--quick]

Needs `../shared` beside the repository (the gold data, its scorer and the
War and Peace corpus); without it, says so and exits 0. Speed figures are
medians of several runs, after the word lists are loaded once.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "seeds" / "czech-republic-restricts-russian-diplomats.txt"

sys.path.insert(0, str(ROOT))
from reader.core.entities import extract_entities  # noqa: E402
from reader.core.isolated import entity_workers  # noqa: E402
from reader.core.store import Store  # noqa: E402


def _entity_json(entities) -> dict:
    return {
        "entities": [
            {"type": e.type, "mentions": [{"text": m.text, "kind": m.kind} for m in e.mentions]}
            for e in entities
        ]
    }


def score(noisy: bool, backend: str, workdir: Path) -> str:
    """Write the gold documents, extract, and return score.py's report."""
    gold = SHARED / "ner" / "wikigold-dev.conll"
    scorer = SHARED / "ner" / "score.py"
    flag = ["--noisy"] if noisy else []
    docs = workdir / ("noisy" if noisy else "clean")
    subprocess.run([sys.executable, str(scorer), "make", str(gold), str(docs), *flag], check=True, capture_output=True)
    pred = workdir / f"pred-{'noisy' if noisy else 'clean'}.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for path in sorted(docs.glob("doc*.txt")):
            ents = extract_entities(Store.open(path).doc, backend)
            out.write(json.dumps(_entity_json(ents)) + "\n")
    res = subprocess.run([sys.executable, str(scorer), "score", str(gold), str(pred), *flag], capture_output=True, text=True)
    return res.stdout.strip()


def timing(path: Path, runs: int, backend: str, workers: int = 1) -> tuple[float, int]:
    """Median seconds to extract entities from the parsed document at `path`
    (`workers > 1`: split over that many forked processes, as the reader's child does)."""
    doc = Store.open(path).doc
    times, n = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        n = len(extract_entities(doc, backend, workers=workers))
        times.append(time.perf_counter() - t0)
    return statistics.median(times), n


def main() -> None:
    """Print every figure."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backend", default="rules")
    ap.add_argument("--quick", action="store_true", help="fewer timing runs")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print(f"no shared data at {SHARED.name}/ beside the repository: nothing to measure")
        return
    t0 = time.perf_counter()
    extract_entities(Store.open(SAMPLE).doc, args.backend)
    print(f"first call (loads word lists): {time.perf_counter() - t0:.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        for noisy in (False, True):
            print(f"wikigold-dev {'noisy' if noisy else 'clean'} ({args.backend}):")
            print(score(noisy, args.backend, Path(tmp)))
    runs = 3 if args.quick else 5
    sec, n = timing(SAMPLE, runs * 4, args.backend)
    print(f"sample: {sec * 1000:.1f} ms median of {runs * 4} runs ({n} entities; budget 50 ms)")
    wp = SHARED / "corpus" / "war-and-peace.txt"
    if wp.exists():
        sec, n = timing(wp, runs, args.backend)
        print(f"war-and-peace.txt: {sec:.2f} s median of {runs} runs ({n} entities; budget 3 s)")
        workers = entity_workers()
        if workers > 1 and args.backend == "rules":
            sec, n = timing(wp, runs, args.backend, workers)
            print(f"war-and-peace.txt split over {workers} processes: {sec:.2f} s median of {runs} runs ({n} entities)")


if __name__ == "__main__":
    main()
