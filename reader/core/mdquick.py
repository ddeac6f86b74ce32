"""Make markdown-it-py parse a long document faster, to exactly the same tokens.

A book is mostly plain paragraphs, where markdown-it-py spends its time on
work that cannot change the result:

- Each block rule that can end a paragraph is tried on every line of every
  paragraph (twice: the setext-heading rule looks ahead the same way). Such a
  rule matches only a line whose first non-blank character is one of a few
  (the table rule: a line whose next line's is), so one dispatcher looks at
  the line and calls only the rules that could match; elsewhere, a guard
  turns any other line down without calling the rule.
- The source is normalised (`\\r\\n` and NUL replaced) only if it has either.
- Inline text with no character that can start an inline rule
  (`\\`, backtick, `~*_[<&`) can only become text and line breaks: it is
  left untokenised (no children) and `plain_runs` reads it directly, as the
  newline rule would, without a hundred thousand `Token` objects.

- A stretch of only paragraphs, ATX headings and indented code (most of a
  book) need not go through the block parser at all: `simple_blocks` reads
  it as markdown-it's rules for those three would (`MarkdownParser` decides
  where such a stretch can be cut off from the rest).

These rely on markdown-it internals (rule names, the commonmark rule set); if
those differ, the parser is left as it is. Tests compare the tokens, the blocks
and the documents with and without these changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import accumulate

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.normalize import normalize

_OPENERS: dict[str, tuple[str, int]] = {
    "table": ("|-:", 1),
    "fence": ("`~", 0),
    "blockquote": (">", 0),
    "hr": ("*-_", 0),
    "list": ("*-+0123456789", 0),
    "html_block": ("<", 0),
    "heading": ("#", 0),
}
"""Block rule -> the characters a line must open with for it to match, and which line (0: this, 1: the next)."""

_INLINE_RULES = (
    ["text", "newline", "escape", "backticks", "strikethrough", "emphasis", "link", "image", "autolink",
     "html_inline", "entity"],
    ["balance_pairs", "strikethrough", "emphasis", "fragments_join"],
)  # fmt: skip
"""The enabled inline rules (then post-processing rules) the plain-text shortcut is exact for."""

_SIMPLE_RULES = (
    ["table", "code", "fence", "blockquote", "hr", "list", "reference", "html_block", "heading",
     "reader_plain_paragraph", "lheading", "reader_paragraph_end", "paragraph"],
    ["normalize", "block", "inline", "text_join"],
)  # fmt: skip
"""The enabled block (then core) rules, after `quicken`, that `simple_blocks` reads a source as."""

_RULE_START = re.compile(r"[\\`~*_\[<&]")
"""A character where one of `_INLINE_RULES` other than text and newline could match."""


def quicken(md: MarkdownIt) -> MarkdownIt:
    """Install the shortcuts on `md` (where its rules are the expected ones); return it.

    Afterwards an inline token whose content `is_plain` has no children:
    read it with `plain_runs`.
    """
    _guard_block_rules(md)
    if _rule(md.core.ruler, "normalize") is normalize:
        md.core.ruler.at("normalize", _normalize_if_needed)
    if type(md.block).parse is ParserBlock.parse:
        md.block.parse = _quick_block_parse(md.block)  # this parser only, not the class
    if [_enabled(md.inline.ruler), _enabled(md.inline.ruler2)] == list(_INLINE_RULES):
        md.core.ruler.at("inline", _inline_unless_plain)
        md.reader_simple = [_enabled(md.block.ruler), _enabled(md.core.ruler)] == list(_SIMPLE_RULES)
    return md


def is_quickened(md: MarkdownIt) -> bool:
    """True if `md` has the rules `simple_blocks` reads a source as (see `quicken`)."""
    return getattr(md, "reader_simple", False)


def is_plain(content: str) -> bool:
    """True if no inline rule but text and newline can match in `content`."""
    return _RULE_START.search(content) is None


def _normalize_if_needed(state: StateCore) -> None:
    """markdown-it's normalize rule, skipped for a source without `\\r` or NUL, which it leaves as is.

    (Its two regex passes take 70 ms over a book.)
    """
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def _rule(ruler, name: str) -> Callable | None:
    """The function of `ruler`'s rule `name`, if it has one by that name."""
    return next((rule.fn for rule in getattr(ruler, "__rules__", ()) if rule.name == name), None)


def _inline_unless_plain(state: StateCore) -> None:
    """markdown-it's core inline rule, skipping plain content."""
    md, env = state.md, state.env
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if not is_plain(token.content):
                md.inline.parse(token.content, md, env, token.children)


def _enabled(ruler) -> list[str]:
    return [rule.name for rule in getattr(ruler, "__rules__", ()) if rule.enabled]


def _guard_block_rules(md: MarkdownIt) -> None:
    """Guard each `_OPENERS` rule, and try those that can end a paragraph through one dispatcher.

    The dispatcher replaces them in the paragraph chain: it looks at the line
    once and calls only the rules that could match it (the chain asks whether
    any matches, and a rule that does not has no effect, so the order is free).
    """
    ruler = md.block.ruler
    rules = [r for r in getattr(ruler, "__rules__", ()) if r.enabled]
    if not any(r.name == "paragraph" for r in rules):
        return
    enders = [r for r in rules if "paragraph" in r.alt]
    if not all(r.name in _OPENERS for r in enders):  # an unknown rule: guard each but keep the chain
        enders = []
    dispatch: dict[int, dict[str, list]] = {0: {}, 1: {}}
    for r in enders:
        chars, ahead = _OPENERS[r.name]
        for ch in chars:
            dispatch[ahead].setdefault(ch, []).append(r.fn)
    for r in rules:
        if r.name in _OPENERS:
            alt = [a for a in r.alt if not (enders and a == "paragraph")]
            ruler.at(r.name, _guarded(r.fn, *_OPENERS[r.name]), {"alt": alt})
    if enders and any(r.name == "lheading" for r in rules):
        ruler.before("paragraph", "reader_paragraph_end", _paragraph_end(dispatch), {"alt": ["paragraph"]})
        ruler.before("lheading", "reader_plain_paragraph", _plain_paragraph)


_NOT_PLAIN = frozenset("".join(chars for chars, _ in _OPENERS.values()) + "=")
"""First characters of a line that might end a paragraph or underline it (setext)."""


def _plain_paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A top-level paragraph none of whose lines could end it early or underline it.

    Makes the tokens markdown-it's paragraph rule makes, after one look at
    each line's first character, where the setext-heading and paragraph
    rules would each try every terminator on every line. Any other paragraph
    is left to them.
    """
    # top level only (not in a quote or list; `parentType` won't tell: the setext rule leaves it changed)
    if silent or state.level or state.blkIndent or end != state.lineMax:
        return False
    src, b_marks, t_shift, e_marks = state.src, state.bMarks, state.tShift, state.eMarks
    line = start + 1
    while line < end:
        pos = b_marks[line] + t_shift[line]
        if pos >= e_marks[line]:
            break  # an empty line ends it
        if src[pos] in _NOT_PLAIN:
            return False
        line += 1
    content = mdTrim(state.getLines(start, line, state.blkIndent, False))
    state.line = line
    token = state.push("paragraph_open", "p", 1)
    token.map = [start, line]
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [start, line]
    token.children = []
    state.push("paragraph_close", "p", -1)
    return True


def _paragraph_end(dispatch: dict[int, dict[str, list]]) -> Callable[..., bool]:
    """One terminator for the paragraph chain: the rules for this line's (or the next's) first character."""
    same, following = dispatch[0], dispatch[1]

    def ends_paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not silent:
            return False  # in the main chain: the rules themselves come next
        src = state.src
        pos = state.bMarks[start] + state.tShift[start]
        for rule in same.get(src[pos], ()) if pos < len(src) else ():
            if rule(state, start, end, True):
                return True
        if following and start + 1 < end:
            pos = state.bMarks[start + 1] + state.tShift[start + 1]
            for rule in following.get(src[pos], ()) if pos < len(src) else ():
                if rule(state, start, end, True):
                    return True
        return False

    return ends_paragraph


def _guarded(rule: Callable[..., bool], chars: str, ahead: int) -> Callable[..., bool]:
    """`rule`, answered False at once for a line it cannot match."""

    def guarded(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        line = start + ahead
        if ahead and line >= end:
            return False
        pos = state.bMarks[line] + state.tShift[line]
        if pos >= len(src := state.src) or src[pos] not in chars:
            return False
        return rule(state, start, end, silent)

    return guarded


class QuickStateBlock(StateBlock):
    """markdown-it's block state, its line markers computed a line at a time in C.

    `StateBlock` finds them with a Python loop over every line (60,000 in a
    book, a fifth of its parse); these are the same lists: each line's start,
    end, leading spaces and tabs (`tShift`) and their width with tabs
    expanded to 4 (`sCount`), and no line for a last one with no line end
    that holds only spaces and tabs.
    """

    def __init__(self, src: str, md: MarkdownIt, env, tokens: list) -> None:
        super().__init__("", md, env, tokens)  # every other field, and no line to scan
        self.src = src
        lines = src.split("\n")
        last = lines.pop()  # after the last line end: a line only if it holds more than blanks
        if last.strip(" \t"):
            lines.append(last)
        lengths = list(map(len, lines))
        starts = list(accumulate([n + 1 for n in lengths], initial=0))
        starts.pop()
        shifts = [n - m for n, m in zip(lengths, map(len, map(_lstrip_blanks, lines)))]
        counts = shifts[:]
        if "\t" in src:  # widths differ from counts only where a tab indents a line
            for i, line in enumerate(lines):
                if shifts[i] and "\t" in line[: shifts[i]]:
                    counts[i] = _expanded_width(line[: shifts[i]])
        length = len(src)
        self.bMarks = [*starts, length]
        self.eMarks = [*(b + n for b, n in zip(starts, lengths)), length]
        self.tShift = [*shifts, 0]
        self.sCount = [*counts, 0]
        self.bsCount = [0] * (len(lines) + 1)
        self.lineMax = len(lines)


def _lstrip_blanks(line: str) -> str:
    return line.lstrip(" \t")


def _expanded_width(blanks: str) -> int:
    """The width of leading spaces and tabs, a tab reaching the next multiple of 4 (as markdown-it counts)."""
    width = 0
    for ch in blanks:
        width += 4 - width % 4 if ch == "\t" else 1
    return width


def _quick_block_parse(block: ParserBlock) -> Callable[..., list | None]:
    """`ParserBlock.parse` with a `QuickStateBlock`."""

    def parse(src: str, md: MarkdownIt, env, out_tokens: list) -> list | None:
        if not src:
            return None
        state = QuickStateBlock(src, md, env, out_tokens)
        block.tokenize(state, state.line, state.lineMax)
        return state.tokens

    return parse


def plain_runs(src: str) -> Iterator[tuple[str, str | None]]:
    """What markdown-it makes of plain `src`: (text, the break after it or None) per line.

    As its newline rule: a line's trailing spaces go, two or more making a
    hard break; the next line's leading spaces and tabs go; an empty text
    stands for no text token.
    """
    lines = src.split("\n")
    last = len(lines) - 1
    for i, line in enumerate(lines):
        if i:
            line = line.lstrip(" \t")
        if i == last:
            yield line, None
        elif line.endswith("  "):
            yield line.rstrip(" "), "hardbreak"
        else:
            yield (line[:-1] if line.endswith(" ") else line), "softbreak"


_NOT_SIMPLE = re.compile(r"\n {0,3}(?:[|:`~>*\-_+<=\[\t]|\d{1,9}[.)](?:[ \t\n]|$))")
"""A line some block rule but a paragraph's, an ATX heading's or indented code's could take
(a table, a fence, a quote, a break, a list, a reference, HTML, a setext underline), or
that a tab indents."""

CODE = -1
"""The level `simple_blocks` gives an indented code block."""


def simple_blocks(source: str) -> list[tuple[int, int, str, int]] | None:
    """The blocks markdown-it makes of `source`, read without it where it can only make
    paragraphs, ATX headings and indented code: (heading level, 0 for a paragraph or `CODE`;
    offset of the block's first line; its content; for code, the offset of the line after
    it), in order; None for any other source.

    A book in Markdown is nearly all paragraphs, where markdown-it's block parser still
    pushes three tokens and tries the terminating rules on every line (a third of a book's
    parse). Only the rules this needs are read here, as markdown-it reads them: a
    paragraph runs to a blank line or a heading, lines indented by four or more included,
    and its content is its lines as they are, trimmed (`paragraph`); a heading's line
    (`heading`); code is lines indented by four or more where no paragraph is open, with
    the blank lines between them, each less four spaces (`code`). Tests compare them.
    """
    if "\r" in source or "\0" in source or _NOT_SIMPLE.search("\n" + source):
        return None
    lines = source.split("\n")
    starts = list(accumulate([len(line) + 1 for line in lines], initial=0))
    blocks: list[tuple[int, int, str, int]] = []
    para = -1  # the open paragraph's first line
    i = 0
    while i < len(lines):
        line = lines[i]
        lead = _indent(line)  # no tab within the first four columns (see _NOT_SIMPLE)
        blank = not line.strip(" \t")
        if blank or (lead < 4 and line[lead] == "#" and (heading := _atx(line, lead)) is not None):
            if para >= 0:
                blocks.append((0, starts[para], mdTrim(source[starts[para] : starts[i] - 1]), 0))
                para = -1
            if not blank:
                level, content = heading
                blocks.append((level, starts[i], content, 0))
        elif para >= 0:
            pass  # the paragraph goes on (an indented line too)
        elif lead >= 4:
            end = _code_end(lines, i)
            content = "\n".join(line[min(4, _indent(line)) :] for line in lines[i:end])  # less four spaces
            blocks.append((CODE, starts[i], content + "\n", starts[end] if end < len(lines) else len(source)))
            i = end
            continue
        else:
            para = i
        i += 1
    if para >= 0:
        blocks.append((0, starts[para], mdTrim(source[starts[para] :]), 0))
    return blocks


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _code_end(lines: list[str], first: int) -> int:
    """Just past the last line of the indented code that opens at line `first` (blank lines
    go on with it, and the first line indented by less than four ends it)."""
    end = line = first + 1
    while line < len(lines):
        if not lines[line].strip(" \t"):
            line += 1
        elif _indent(lines[line]) >= 4:
            line += 1
            end = line
        else:
            break
    return end


def _atx(line: str, first: int) -> tuple[int, str] | None:
    """(level, content) of the ATX heading `line` is (its first character, a `#`, at `first`), or None.

    markdown-it's `heading` rule: one to six `#` then a blank or the line end; a closing
    run of `#` after a blank goes, and blanks around the content.
    """
    pos, level, end = first + 1, 1, len(line)
    while pos < end and line[pos] == "#" and level <= 6:
        level += 1
        pos += 1
    if level > 6 or (pos < end and line[pos] not in " \t"):
        return None
    while end > pos and line[end - 1] in " \t":
        end -= 1
    tail = end
    while tail > pos and line[tail - 1] == "#":
        tail -= 1
    if tail > pos and line[tail - 1] in " \t":
        end = tail
    return level, mdTrim(line[pos:end])
