"""Helpers for tests in any folder: paths, generated books, the optional shared corpus."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "czech-republic-restricts-russian-diplomats.txt"
SHARED = ROOT.parent / "shared"

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
WORDS = "the prince said that he would go to Moscow in the morning and Natasha smiled at him".split()


def make_book(books: int = 3, chapters: int = 4, paragraphs: int = 3) -> str:
    """A hard-wrapped book in the shape of a Gutenberg text, with BOOK and CHAPTER lines."""
    out: list[str] = []
    n = 0
    for b in range(books):
        out.append(f"BOOK {ROMAN[b]}: 18{b:02d}\n\n\n")
        for c in range(chapters):
            out.append(f"CHAPTER {ROMAN[c]}\n\n")
            for _ in range(paragraphs):
                words = [WORDS[(n + i * 7) % len(WORDS)] for i in range(60)]
                n += 1
                sentence = " ".join(words).capitalize() + f" number {n}."
                out.append(textwrap.fill(sentence, 72) + "\n\n")
    out.append("EPILOGUE\n\n" + textwrap.fill("It ended. " * 30, 72) + "\n")
    return "".join(out)


def make_book_file(directory: Path, **shape: int) -> Path:
    """Write a generated hard-wrapped book and return its path."""
    path = directory / "generated-book.txt"
    path.write_text(make_book(**shape), encoding="utf-8")
    return path


def shared_file(relative: str) -> Path:
    """A file of the shared corpus, or skip the test when this checkout has none beside it."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{relative} is not available (no ../shared beside the checkout)")
    return path
