"""Turn decoded source text into a `Document`, choosing the parser by format."""

from __future__ import annotations

import re
from pathlib import PurePath

from reader.core.model import Document
from reader.core.outline import build_outline
from reader.core.parts import parse_joined

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
_SMALL_WORDS = frozenset("a an and as at but by for in nor of on or the to".split())


def detect_format(name: str) -> str:
    """"markdown" for Markdown file names, else "text" (refined to "book" by parsing)."""
    return "markdown" if PurePath(name).suffix.lower() in MARKDOWN_SUFFIXES else "text"


_MARKDOWN_LINE = re.compile(r"^(?:#{1,6}[ \t]+\S|```|~~~)", re.MULTILINE)
SNIFFED = 1 << 16
"""Characters `sniff_format` looks at."""


def sniff_format(source: str) -> str:
    """The format of a source with no name to go by (standard input): "markdown" when a line
    of its first `SNIFFED` characters opens with a Markdown heading or code fence, else "text"."""
    return "markdown" if _MARKDOWN_LINE.search(source, 0, SNIFFED) else "text"


def title_from_name(name: str) -> str:
    """A readable title from a file name: `war-and-peace.txt` → `War and Peace`."""
    stem = PurePath(name).stem.replace("_", " ").replace("-", " ").strip() or "Untitled"
    words = stem.split()
    return " ".join(
        w if (i and w.lower() in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def parse_source(
    source: str, name: str = "<text>", *, fmt: str | None = None, raw: bool = False, workers: int = 1
) -> Document:
    """Parse decoded `source` (read from `name`) into a document.

    `fmt` forces "markdown" or "text"; `raw` turns display repair off;
    `workers > 1` lets a big source be parsed in that many parts at once
    (forked processes, see `parts`), with the same result.
    """
    fmt = fmt or detect_format(name)
    text, blocks, offset_map, title_block, fmt = parse_joined(source, fmt, raw, workers)
    title = text[title_block.start : title_block.end] if title_block else title_from_name(name)
    root = build_outline(title, text, blocks)
    return Document(name, fmt, title, text, blocks, root, offset_map)
