"""The markdown-it shortcuts change no token and no parsed document."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import reader.core.markdown as markdown
from reader.core.mdquick import is_plain, plain_runs, quicken
from reader.core.parse import parse_source
from tests_support import shared_file


def plain_md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


ALL_KINDS = """# Title

Para *em* and **strong** and `code` and ~~gone~~, a [link](http://x.y) and ![img](a.png).
A line with two trailing spaces  
then a hard break, a tab\there, &amp; an entity, <b>html</b> and \\*escaped\\*.

## Heading
Setext heading
--------------

* item one
  continued
- item two

  > quoted in a list
1. ordered
2) other

> quote
lazy line
- - -
```python
code = 1
```
~~~
tilde fence
~~~

    indented code

| a | b |
|---|:-:|
| 1 | 2 |

<div>
html block
</div>

[ref]: http://example.com
A [ref] use, 3 < 4 & 5 > 2, a_b_c, x!y
"""


def runs_of(children) -> list[tuple[str, str | None]]:
    """markdown-it's inline children of plain text, as `plain_runs` reports them."""
    runs, text = [], ""
    for tok in children:
        if tok.type == "text":
            text += tok.content
        else:
            runs.append((text, tok.type))
            text = ""
    runs.append((text, None))
    return runs


def document(source: str, name: str, quick: bool):
    with pytest.MonkeyPatch.context() as m:
        if not quick:
            m.setattr(markdown, "quicken", lambda md: md)
        doc = parse_source(source, name)
    # the map back to the source, offset by offset (a line per run or a run per paragraph alike)
    stride = 1 if len(doc.text) < 100_000 else 7
    return (
        doc.title,
        doc.text,
        [(b.kind, b.start, b.end, b.level, b.label, b.spans) for b in doc.blocks],
        [doc.to_source(i) for i in range(0, len(doc.text) + 1, stride)],
        [(s.title, s.level, s.start, s.end) for s in doc.all_sections],
    )


plain_text = st.text(alphabet=st.sampled_from(list("ab !-:#.\t \n\n'\"é")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(plain_text)
def test_plain_runs_are_what_the_inline_parser_makes(src):
    assert is_plain(src)
    md = plain_md()
    assert list(plain_runs(src)) == runs_of(md.inline.parse(src, md, {}, []))


def test_rule_characters_are_not_plain():
    for ch in "\\`~*_[<&":
        assert not is_plain(f"a {ch} b")


def strip_plain(tokens):
    return [dataclasses.replace(t, children=None) if t.type == "inline" and is_plain(t.content) else t
            for t in tokens]


def same_tokens(source: str) -> bool:
    return strip_plain(quicken(plain_md()).parse(source)) == strip_plain(plain_md().parse(source))


def test_block_tokens_are_unchanged():
    assert same_tokens(ALL_KINDS)


def lines_of(choices: list[str], most: int):
    """Sources of up to `most` lines, each one of `choices`."""
    return st.lists(st.sampled_from(choices), max_size=most).map("\n".join)


markdown_lines = lines_of(
    [
        "", "", "text line", "text line", "  indented text", "trailing one ", " lead\ttab", "Text with *em* here", "# Head", "## Sub", "* item", "- item",
        "1. one", "> quote", "```", "~~~", "    code", "| a | b |", "|---|---|", "<div>", "</div>", "---",
        "===", "trailing  ", "tab\tin", "a & b", "[x]: http://e.com", "see [x]", "x!y :-", "\t\tdeep",
        "+ plus", "2) two", "   - three spaces", "a | b", ": colon", "_under_", "`tick`", "#nospace", "text = sum",
        "crlf ends\r", "lone\rcarriage", "nul\x00byte", "# head\r",
    ],
    30,
)


@settings(max_examples=300, deadline=None)
@given(markdown_lines)
def test_quick_parse_makes_the_same_tokens(source):
    assert same_tokens(source)


@settings(max_examples=200, deadline=None)
@given(markdown_lines)
def test_quick_parse_makes_the_same_document(source):
    assert document(source, "x.md", True) == document(source, "x.md", False)


def test_every_kind_of_block_parses_the_same():
    assert document(ALL_KINDS, "x.md", True) == document(ALL_KINDS, "x.md", False)


def test_the_book_parses_the_same():
    source = shared_file("corpus/war-and-peace.md").read_text(encoding="utf-8")
    assert same_tokens(source)
    assert document(source, "b.md", True) == document(source, "b.md", False)


@settings(max_examples=300)
@given(st.text(alphabet=" \t\na#>-\r", max_size=40))
def test_quick_line_markers_are_markdown_its(src):
    """The block state's line markers, computed a line at a time, are those markdown-it's loop computes."""
    from markdown_it.rules_block import StateBlock

    from reader.core.mdquick import QuickStateBlock

    md = plain_md()
    slow, quick = StateBlock(src, md, {}, []), QuickStateBlock(src, md, {}, [])
    for name in ("bMarks", "eMarks", "tShift", "sCount", "bsCount", "lineMax", "src", "line", "_code_enabled"):
        assert getattr(quick, name) == getattr(slow, name), name


simple_lines = lines_of(
    [
        "", "", "", "text line", "text line", "  lead", "trail ", "two trail  ", "# Head", "## Sub ##", "### x##",
        "#", "# ", "#\tx", "  ## indented head", "####### seven", "#nospace", "# *em* head #", "## ###",
        "text *em* and `code`", "a &amp; b", "esc \\*", "x!y", "1805, a year", "é accent", "    code",
        "     * note", "      ", "    ", "        deeper", "    \tx", "  two",
        "* item", "> quote", "---", "[r]: /u",
    ],
    40,
)


@settings(max_examples=300, deadline=None)
@given(simple_lines)
def test_sections_read_without_the_block_parser_parse_the_same(source):
    """Paragraphs and headings read by `simple_blocks`, section by section, make markdown-it's document."""
    assert document(source, "x.md", True) == document(source, "x.md", False)


@settings(max_examples=200, deadline=None)
@given(simple_lines)
def test_simple_blocks_are_markdown_its_blocks(source):
    from reader.core.mdquick import CODE, simple_blocks

    blocks = simple_blocks(source)
    if blocks is None:
        return
    tokens = plain_md().parse(source)
    starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]  # each line's offset

    def offset(line: int) -> int:
        return starts[line] if line < len(starts) else len(source)

    expected = [
        (CODE if t.type == "code_block" else int(tokens[i - 1].tag[1:]) if tokens[i - 1].type == "heading_open" else 0,
         offset(t.map[0]), t.content, offset(t.map[1]) if t.type == "code_block" else 0)
        for i, t in enumerate(tokens) if t.type in ("inline", "code_block")
    ]  # fmt: skip
    assert blocks == expected


@settings(max_examples=150, deadline=None)
@given(simple_lines, st.integers(min_value=0, max_value=3), st.integers(min_value=0, max_value=2))
def test_sources_of_many_sections_are_read_whole_the_same(source, sections, parses):
    """Past a few sections, or a few pieces for markdown-it, a source is read whole: the same document."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(markdown, "MAX_SECTIONS", sections)
        m.setattr(markdown, "MAX_PARSES", parses)
        assert document(source, "x.md", True) == document(source, "x.md", False)


@pytest.mark.parametrize(("sections", "parses"), [(100, 100), (100, 1), (3, 100)])
def test_alternating_sections_are_read_as_markdown_it_reads_them(sections, parses):
    source = "# Simple\n\nplain text\nmore\n\n## Quoted\n\n> a quote\n\n## Code\n\n    code\n\n" * 4 + "# End\n\nlast\n"
    with pytest.MonkeyPatch.context() as m:
        m.setattr(markdown, "MAX_SECTIONS", sections)
        m.setattr(markdown, "MAX_PARSES", parses)
        assert document(source, "x.md", True) == document(source, "x.md", False)
