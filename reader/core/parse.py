"""Turn decoded source text into a `Document`, choosing the parser by format."""

from __future__ import annotations

from pathlib import PurePath

from reader.core.builder import TextBuilder
from reader.core.model import Document
from reader.core.outline import build_outline
from reader.core.plaintext import PlainTextParser

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
_SMALL_WORDS = frozenset("a an and as at but by for in nor of on or the to".split())


def detect_format(name: str) -> str:
    """"markdown" for Markdown file names, else "text" (refined to "book" by parsing)."""
    return "markdown" if PurePath(name).suffix.lower() in MARKDOWN_SUFFIXES else "text"


def title_from_name(name: str) -> str:
    """A readable title from a file name: `war-and-peace.txt` → `War and Peace`."""
    stem = PurePath(name).stem.replace("_", " ").replace("-", " ").strip() or "Untitled"
    words = stem.split()
    return " ".join(
        w if (i and w.lower() in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def parse_source(source: str, name: str = "<text>", *, fmt: str | None = None, raw: bool = False) -> Document:
    """Parse decoded `source` (read from `name`) into a document.

    `fmt` forces "markdown" or "text"; `raw` turns display repair off.
    """
    fmt = fmt or detect_format(name)
    builder = TextBuilder(raw=raw)
    if fmt == "markdown":
        from reader.core.markdown import MarkdownParser  # markdown-it costs 40 ms to import

        title_block = MarkdownParser(builder).parse(source)
    else:
        title_block, fmt = PlainTextParser(builder).parse(source)
    text, blocks, offset_map = builder.finish()
    title = text[title_block.start : title_block.end] if title_block else title_from_name(name)
    root = build_outline(title, text, blocks)
    return Document(name, fmt, title, text, blocks, root, offset_map)
