"""A big source parsed in parts, in forked processes, is the document one parse makes."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import forking, parts
from reader.core.loader import read_document
from reader.core.model import BlockKind
from reader.core.parse import detect_format, parse_source
from tests_support import SAMPLE, make_book, shared_file

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the parts are parsed by forked processes")


@pytest.fixture(autouse=True)
def small_parts(monkeypatch):
    """Cut small sources too, and fork even though the test runner has threads (the children touch no lock)."""
    monkeypatch.setattr(parts, "SPLIT_MIN_CHARS", 0)
    monkeypatch.setattr(parts, "can_fork", lambda: True)
    monkeypatch.setattr(forking, "can_fork", lambda: True)


def assert_same(split, whole) -> None:
    assert split.text == whole.text
    assert split.blocks == whole.blocks
    assert (split.title, split.format) == (whole.title, whole.format)
    assert split.root == whole.root
    assert list(split.offset_map.runs()) == list(whole.offset_map.runs())


def both(source: str, name: str, workers: int):
    """The document parsed in up to `workers` parts, and parsed whole."""
    return parse_source(source, name, workers=workers), parse_source(source, name)


MARKDOWN = """# The Only Title

A lede with *emphasis* and `code`, EU.Specifically glued.

## First Part

* **Label**: an item
  continued here.
* another item

```
# not a heading: inside a fence

# still inside
```

> A quote
that goes on lazily.

## Second Part

| a | b |
|---|---|
| Paris | London |

~~~~ tilde fence

# inside the tilde fence
~~~~

### Deeper

Text with a\u200bzero-width space and a control \x1b character.
"""


@pytest.mark.parametrize("workers", [2, 3, 5])
def test_markdown_in_parts_equals_one_parse(workers):
    source = MARKDOWN * 6
    cuts = parts.cut_points(source, "markdown", workers)
    assert len(cuts) == workers - 1
    split, whole = both(source, "report.md", workers)
    assert_same(split, whole)


def test_a_lone_first_heading_stays_the_title_across_parts():
    source = MARKDOWN.replace("## ", "# ", 0) + MARKDOWN.replace("# The Only Title", "## Not a title") * 5
    split, whole = both(source, "report.md", 3)
    assert whole.title == "The Only Title" and whole.blocks[0].kind is BlockKind.TITLE
    assert_same(split, whole)


def test_a_level_one_heading_in_a_later_part_means_no_title():
    source = MARKDOWN + MARKDOWN.replace("# The Only Title", "## Body") * 4 + "\n# Another Top Heading\n\nText.\n"
    split, whole = both(source, "report.md", 2)
    assert whole.title == "Report" and whole.blocks[0].kind is BlockKind.HEADING
    assert_same(split, whole)


@pytest.mark.parametrize("workers", [2, 4])
@pytest.mark.parametrize("source", [make_book(books=4, chapters=5), SAMPLE.read_text(encoding="utf-8") * 8])
def test_plain_text_in_parts_equals_one_parse(source, workers):
    assert len(parts.cut_points(source, "text", workers)) == workers - 1
    split, whole = both(source, "book.txt", workers)
    assert_same(split, whole)


def test_a_hard_wrapped_book_is_told_by_its_first_lines_in_every_part():
    # a book of more lines than `is_hard_wrapped` reads, then a tail twice as long of pairs of
    # lines that end their sentences: the second part, all tail, is not hard-wrapped on its
    # own (each line a paragraph), but the book's lines are joined in pairs
    book = make_book(books=10, chapters=12, paragraphs=6)
    tail = "".join(f"Line {i} ends here.\nAnd so does this one.\n\n" for i in range(2 * len(book) // 40))
    source = book + tail
    cuts = parts.cut_points(source, "text", 2)
    assert cuts and cuts[0] > len(book)
    split, whole = both(source, "book.txt", 2)
    assert whole.format == "book"
    assert_same(split, whole)


@pytest.mark.parametrize(
    "source",
    [
        "[ref]: https://example.org\n\n# A\n\ntext\n\n# B\n\ntext\n",  # a reference definition
        "<!--\n\n# A\n\n-->\n\n# B\n\ntext\n",  # an HTML block spans blank lines
        "- item\n\n  ```\n  open\n\n# A\n\ntext\n",  # an indented fence
        "# A\r\n\r\ntext\r\n\r\n# B\r\n\r\ntext\r\n",  # carriage returns
    ],
)
def test_markdown_that_could_carry_state_over_a_cut_is_not_cut(source):
    assert parts.cut_points(source * 3, "markdown", 2) == []


def test_no_cut_falls_inside_a_fence():
    source = "# A\n\n```\n\n# in code\n\n```\n\n# B\n\ntext\n" * 20
    fences = parts._fence_spans(source)
    for cut in parts.cut_points(source, "markdown", 8):
        assert source.startswith("# ", cut)
        assert not any(a < cut < b for a, b in fences)


def test_an_unclosed_fence_runs_to_the_end():
    source = "# A\n\ntext\n\n" * 3 + "```\n\n# C\n\n# D\n" + "\n# E\n" * 4
    fence = source.index("```")
    assert parts._fence_spans(source) == [(fence, len(source))]
    cuts = parts.cut_points(source, "markdown", 4)
    assert cuts and all(cut < fence for cut in cuts)


# Blocks of every kind but those that keep Markdown from being cut (reference
# definitions, HTML: see `test_markdown_that_could_carry_state_over_a_cut_is_not_cut`),
# so that most generated documents are cut and each part compared.
BLOCKS = st.sampled_from([
    "# Heading", "## Sub heading", "###### Six", "#", "Plain paragraph with Paris.", "line one\nline two",
    "* bullet\n* bullet two", "1. first\n2. second", "  - nested", "> quote\ncontinued", "    indented code",
    "    multi\n    line", "```\nmulti\nline\n```", "```", "```python", "~~~", "````",
    "| a | b |\n|---|---|\n| c | d |", "Setext\n===", "---", "a [link][x] here", "***bold***", "`code`",
    "\t# tabbed", "   # three spaces", "word\u200b\u00adword", "ctrl \x07 bell", "it.Next glued", "",
    "BOOK I: 1805", "CHAPTER II", "EPILOGUE", "• dot bullet", "Label: text",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(BLOCKS, min_size=1, max_size=40), st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n", "\n \n"]), min_size=1),
       st.integers(min_value=2, max_value=4), st.sampled_from(["doc.md", "doc.txt"]))
def test_any_document_in_parts_equals_one_parse(blocks, gaps, workers, name):
    source = "".join(block + gaps[i % len(gaps)] for i, block in enumerate(blocks))
    split, whole = both(source, name, workers)
    assert_same(split, whole)


@pytest.mark.parametrize("name", ["war-and-peace.txt", "war-and-peace.md"])
def test_the_book_in_two_parts_equals_one_parse(monkeypatch, name):
    monkeypatch.setattr(parts, "SPLIT_MIN_CHARS", 200_000)
    path = shared_file(f"corpus/{name}")
    source = read_document(path, max_bytes=1 << 30).text
    assert len(parts.cut_points(source, detect_format(name), 2)) == 1
    split, whole = both(source, name, 2)
    assert_same(split, whole)
