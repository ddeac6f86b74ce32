"""The parsers: the sample article, hard-wrapped books, Markdown, and the model's invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests_support import make_book, shared_file
from reader.core.model import BlockKind, Document
from reader.core.parse import parse_source, title_from_name
from reader.core.store import Store

SAMPLE_HEADINGS = [
    "A Response to Escalating Security Threats",
    "Details of the New restrictions",
    "Broader Implications for European Security",
    "Czech Republic’s Support for Ukraine",
    "Looking Ahead",
]


def check_invariants(doc: Document) -> None:
    """Blocks ordered and disjoint, block text without newlines, sections nested and covering."""
    prev_end = -1
    for block in doc.blocks:
        assert prev_end < block.start < block.end <= len(doc.text) or (block.start == 0 and prev_end == -1)
        assert block.start >= prev_end
        content = doc.text[block.start : block.end]
        assert content.strip()
        if block.kind is not BlockKind.CODE:
            assert "\n" not in content
        if block.label:
            assert block.start <= block.label.start < block.label.end <= block.end
        prev_end = block.end
    assert doc.root.start == 0 and doc.root.end == len(doc.text)
    for section in doc.root.walk():
        children = section.children
        for a, b in zip(children, children[1:]):
            assert a.end == b.start
        if children:
            assert section.start <= children[0].start and children[-1].end == section.end
    top = doc.sections
    if top:
        assert top[-1].end == len(doc.text)
    for offset in range(0, len(doc.text), max(1, len(doc.text) // 500)):
        section = doc.section_at(offset)
        assert section.start <= offset < section.end or section is doc.root


def headings(doc: Document) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if b.kind is BlockKind.HEADING]


def test_sample_title_lede_and_exactly_five_headings(sample_store):
    doc = sample_store.doc
    check_invariants(doc)
    assert doc.title.startswith("Czech Republic Leads EU")
    assert doc.text.startswith("Czech Republic Leads EU")
    assert doc.blocks[0].kind is BlockKind.TITLE
    assert doc.blocks[1].kind is BlockKind.PARAGRAPH
    assert doc.text[doc.blocks[1].start :].startswith("The Czech Republic has taken")
    assert headings(doc) == SAMPLE_HEADINGS
    assert [s.title for s in doc.sections] == SAMPLE_HEADINGS
    assert all(not s.children for s in doc.sections)


def test_sample_bullets_with_labels_under_the_third_heading(sample_store):
    doc = sample_store.doc
    items = [b for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    labels = [doc.text[b.label.start : b.label.end] for b in items]
    assert labels == ["Increased Vigilance", "Strengthened Cooperation", "Deterrence"]
    assert {doc.section_at(b.start).title for b in items} == {SAMPLE_HEADINGS[2]}


def test_sample_display_repair(sample_store, sample_source):
    text = sample_store.doc.text
    for fixed in ("EU. Specifically", "continent, fueled", "Ukraine, coupled", "diplomats, underscores"):
        assert fixed in text
        offset = text.index(fixed)
        source_offset = sample_store.doc.to_source(offset)
        assert sample_source[source_offset : source_offset + 3] == fixed[:3]


def test_raw_keeps_the_damage(sample_source):
    doc = parse_source(sample_source, "sample.txt", raw=True)
    assert "EU.Specifically" in doc.text and "continent,fueled" in doc.text
    assert doc.text[doc.blocks[1].start :].startswith("the Czech Republic")


def test_every_display_offset_maps_back_to_the_same_character(sample_store, sample_source):
    doc = sample_store.doc
    for offset, ch in enumerate(doc.text):
        src = doc.to_source(offset)
        assert 0 <= src <= len(sample_source)
        if ch.isalnum():
            assert sample_source[src].lower() == ch.lower()


def test_blank_line_separated_paragraphs_crlf_bom_tabs_and_trailing_blanks():
    source = "\ufeffMy Title\r\n\r\nFirst paragraph here.\r\n\r\nA Heading\r\n\tSecond\tparagraph follows here.\r\n\r\n\r\n"
    doc = parse_source(source.lstrip("\ufeff"), "x.txt")
    check_invariants(doc)
    assert doc.title == "My Title"
    assert headings(doc) == ["A Heading"]
    assert "Second paragraph follows here." in doc.text
    assert "\r" not in doc.text and "\t" not in doc.text


def test_heading_shapes():
    source = "Title line\nIntro paragraph, long enough to be body text.\nlower-case heading here\nBody text follows the heading.\nNot a heading.\nBody again and again.\n"
    doc = parse_source(source, "x.txt")
    assert headings(doc) == ["Lower-case heading here"]


def test_dateline_is_not_a_heading():
    doc = parse_source("A title\nThursday, February 23, 2006\nThe body of the article goes here.\n", "n.txt")
    assert headings(doc) == []


@pytest.mark.parametrize("bullet", ["* ", "- ", "• "])
def test_bullet_markers(bullet):
    doc = parse_source(f"T\nIntro text is here.\n{bullet}Label: item text.\n{bullet}plain item.\n", "b.txt")
    items = [b for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert len(items) == 2
    assert doc.text[items[0].label.start : items[0].label.end] == "Label"
    assert items[1].label is None


def test_generated_book_reflows_paragraphs_and_nests_chapters():
    doc = parse_source(make_book(books=3, chapters=4), "my-book.txt")
    check_invariants(doc)
    assert doc.format == "book"
    assert doc.title == "My Book"
    assert [s.title for s in doc.sections] == ["BOOK I: 1800", "BOOK II: 1801", "BOOK III: 1802", "EPILOGUE"]
    assert [len(s.children) for s in doc.sections] == [4, 4, 4, 0]
    paragraphs = [b for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    assert len(paragraphs) == 3 * 4 * 3 + 1
    assert all(doc.text[p.end - 1] == "." for p in paragraphs)


def test_war_and_peace_structure():
    for name in ("war-and-peace.txt", "war-and-peace.md"):
        store = Store.open(shared_file(f"corpus/{name}"))
        doc = store.doc
        assert len(doc.sections) == 17
        assert sum(len(s.children) for s in doc.sections) == 365
        assert doc.sections[-2].title.startswith("FIRST EPILOGUE")
        paragraphs = [b for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
        assert len(paragraphs) > 10_000
        check_invariants(doc)


def test_markdown_headings_lists_emphasis_and_quotes():
    source = (
        "# Report\n\nIntro with *emphasis* and **bold** and `code`.\n\n"
        "## Part one\n\n- item one\n- item two\n  - nested item\n\n> quoted text\n\n"
        "### Deeper\n\nText &amp; more.\n\n```\ncode block\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    doc = parse_source(source, "r.md")
    check_invariants(doc)
    assert doc.format == "markdown"
    assert doc.title == "Report" and doc.blocks[0].kind is BlockKind.TITLE
    assert [(s.title, s.level) for s in doc.all_sections] == [("Part one", 2), ("Deeper", 3)]
    assert doc.sections[0].children[0].title == "Deeper"
    items = [(doc.text[b.start : b.end], b.level) for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [("Item one", 1), ("Item two", 1), ("Nested item", 2)]
    intro = doc.blocks[1]
    styles = {doc.text[s.start : s.end]: s.style for s in intro.spans}
    assert styles == {"emphasis": "italic", "bold": "bold", "code": "code"}
    assert any(b.kind is BlockKind.QUOTE for b in doc.blocks)
    assert "Text & more." in doc.text
    assert any(b.kind is BlockKind.CODE and doc.text[b.start : b.end] == "code block" for b in doc.blocks)
    assert "1 │ 2" in doc.text


def test_markdown_offsets_map_into_the_source():
    source = "# Title\n\nSome *styled* words here.\n"
    doc = parse_source(source, "t.md")
    offset = doc.text.index("styled")
    assert source[doc.to_source(offset) :].startswith("styled")


def test_title_from_name():
    assert title_from_name("corpus/war-and-peace.txt") == "War and Peace"
    assert title_from_name("") == "Untitled"


@pytest.mark.parametrize("source", ["", "   \n\n\t\n", "\n"])
def test_empty_documents(source):
    doc = parse_source(source, "empty.txt")
    check_invariants(doc)
    assert doc.blocks == [] and doc.sections == []


def test_control_characters_become_visible():
    doc = parse_source("Title\nAn \x1b[31mevil\x07 line with a\u200b zero width.\n", "c.txt")
    assert "\x1b" not in doc.text and "\x07" not in doc.text and "\u200b" not in doc.text
    assert "␛[31mevil␇" in doc.text


def test_preview_is_the_start_of_the_whole_document(tmp_path):
    path = tmp_path / "big-book.txt"
    path.write_text(make_book(books=4, chapters=10, paragraphs=6), encoding="utf-8")
    preview = Store.open(path, preview=4000)
    whole = Store.open(path)
    assert not preview.complete and whole.complete
    partial = preview.doc
    assert len(partial.text) < len(whole.doc.text)
    shown = partial.blocks[:-1]  # the last block may be cut
    assert [(b.kind, b.start, b.end) for b in shown] == [(b.kind, b.start, b.end) for b in whole.doc.blocks[: len(shown)]]
    assert whole.doc.text.startswith(partial.text[: shown[-1].end])
    finished = preview.finish()
    assert preview.complete and finished is preview.doc and preview.finish() is finished
    assert finished.text == whole.doc.text
    assert len(finished.all_sections) == len(whole.doc.all_sections) == 4 * 11 + 1


def test_small_files_are_parsed_whole_even_with_a_preview(sample_store):
    store = Store.open(sample_store.doc.source, preview=100_000)
    assert store.complete and store.doc.text == sample_store.doc.text


def test_scanned_outline_matches_the_parsed_one(tmp_path):
    from reader.core.outline import scan_outline

    book = make_book(books=4, chapters=6)
    markdown = "# Part A\n\ntext\n\n```\n# not a heading\n```\n\n## Chapter 1 ##\n\nmore\n\n# Part B\n\nend\n"
    for source, name, fmt in ((book, "b.txt", "book"), (markdown, "m.md", "markdown")):
        doc = parse_source(source, name)
        scanned = [(s.title, s.level, s.index) for s in scan_outline(source, fmt, "T").walk()][1:]
        assert scanned == [(s.title, s.level, s.index) for s in doc.all_sections]


def test_a_source_without_a_name_is_sniffed():
    from reader.core.parse import sniff_format

    assert sniff_format("Title\n\n## Part\n\nText.\n") == "markdown"
    assert sniff_format("Title\n\n```\ncode\n```\n") == "markdown"
    assert sniff_format("Title\n\nText with a # in it and #hashtag.\n") == "text"


def _outline_by_lines(source: str, fmt: str) -> list[tuple[int, str]]:
    """`scan_outline`'s headings found as first written: a line-anchored regex tried at every line."""
    import re
    from bisect import bisect_right

    from reader.core.outline import _alone
    from reader.core.plaintext import book_level

    if fmt == "markdown":
        fences = [m.start() for m in re.finditer(r"^ {0,3}(?:```|~~~)", source, re.M)]
        atx = re.finditer(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", source, re.M)
        return [(len(m.group(1)), m.group(2).strip()) for m in atx if bisect_right(fences, m.start()) % 2 == 0]
    words = "BOOK|PART|VOLUME|CHAPTER|EPILOGUE|PROLOGUE|PREFACE|FIRST|SECOND|THIRD|FOURTH"
    found = []
    for m in re.finditer(rf"^[ \t]*(?:{words})\b[^\n]*$", source, re.M | re.I):
        line = m.group().strip()
        if book_level(line) and _alone(source, m.start(), m.end()):
            found.append((book_level(line), line))
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["\n", "\n\n", " ", "   ", "    ", "#", "## ", "####### ", "Part", "x", "```",
                                 "~~~", "`", "CHAPTER I", "chapter 2", "BOOK ONE", "\t", "Epilogue", "#x"]),
                max_size=40).map("".join))
def test_the_quick_outline_finds_what_a_line_by_line_scan_finds(source):
    from reader.core.outline import scan_outline

    for fmt in ("markdown", "book"):
        scanned = [(s.level, s.title) for s in scan_outline(source, fmt, "T").walk()][1:]
        assert scanned == _outline_by_lines(source, fmt), fmt


_text_lines = st.lists(st.sampled_from(["word", "two words", " lead", "trail ", "\ttab", "tab\t", "- item", "* x",
                                        "1. one", "12) x", "-no", "   ", "", "é", "a\rb", "c\r"]),
                       min_size=1, max_size=12)


@settings(max_examples=400, deadline=None)
@given(_text_lines, st.sampled_from(["\n", "\r\n", "\r"]))
def test_the_line_helpers_agree_with_their_line_by_line_forms(lines, brk):
    """Lines, a group's first bullet and its reflow, as a line-by-line reading finds them."""
    import re as regex

    from reader.core.builder import TextBuilder
    from reader.core.plaintext import _BULLET, Line, PlainTextParser, _reflow, paragraphs, split_lines

    source = brk.join(lines) + brk
    pieces = regex.split(r"\r\n|\r|\n", source)[:-1]
    starts = [m.end() for m in regex.finditer(r"\r\n|\r|\n", source)]
    assert split_lines(source) == [Line(t, a, t.strip(" \t")) for t, a in zip(pieces, [0, *starts])]
    parser = PlainTextParser(TextBuilder())
    parser.source, parser.breaks_only = source, "\r" not in source
    for group in paragraphs(split_lines(source)):
        assert parser._first_bullet(group) == next((i for i, ln in enumerate(group) if _BULLET.match(ln.text)), None)
        first, last = group[0], group[-1]
        span = source[first.src : last.src + len(last.text)]
        # one copied run when lines are parted by "\n" alone and none has blanks around it (a lone
        # "\r" between two lines once went into that run, and showed as ␍ instead of a space)
        one_run = all(ln.stripped == ln.text for ln in group) and span == "\n".join(ln.text for ln in group)
        assert (len(_reflow(group, source)) == 1) == (one_run or len(group) == 1)
        assert "".join(p.text for p in _reflow(group, source)) == " ".join(ln.stripped for ln in group)
