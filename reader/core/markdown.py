"""Parse Markdown with markdown-it-py into the same blocks as plain text.

Headings keep their levels, paragraphs and list items become blocks (nested
lists and quotes carry their depth in `level`), emphasis and inline code
become styled spans. Inline text is located in the source so every display
offset still maps back to the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.core.builder import Piece, TextBuilder
from reader.core.mdquick import CODE, is_plain, is_quickened, plain_runs, quicken, simple_blocks
from reader.core.parts import markdown_cuts
from reader.core.model import Block, BlockKind, Span

_STYLES = {"strong": "bold", "em": "italic", "s": "strike"}

MAX_SECTIONS = 4096
"""A source cut into more sections than this is read whole (see `MarkdownParser._sections`)."""
MAX_PARSES = 256
"""A source markdown-it would read in more pieces than this is read whole."""


class _Inline:
    """Collects an inline token's display pieces and styled spans."""

    def __init__(self, source: str, cursor: int) -> None:
        self.source = source
        self.cursor = cursor
        self.pieces: list[Piece] = []
        self.spans: list[Span] = []
        self.length = 0
        self._open: dict[str, list[int]] = {}

    def text(self, content: str, style: str | None = None) -> None:
        if not content:
            return
        found = self.source.find(content, self.cursor, self.cursor + 4 * len(content) + 200)
        start = self.length
        if found >= 0:
            self.pieces.append(Piece(content, found))
            self.cursor = found + len(content)
        else:  # entity-decoded or escaped text: synthesised at the cursor
            self.pieces.append(Piece(content, self.cursor, copied=False))
        self.length += len(content)
        if style:
            self.spans.append(Span(start, self.length, style))

    def read(self, tok: Token) -> None:
        """An inline token's children, or its plain content when `mdquick` left it untokenised."""
        if tok.children:
            self.walk(tok.children)
        elif is_plain(tok.content):
            self.plain(tok.content)

    def plain(self, content: str) -> None:
        """Content markdown-it left untokenised (see `mdquick`): text and line breaks.

        Lines written as they show (no blanks around the breaks) at the cursor
        are one copied run, each newline shown as a space: the same text and
        source offsets as a piece per line, in a tenth of the pieces.
        """
        if (
            self.source.startswith(content, self.cursor)
            and " \n" not in content
            and "\n " not in content
            and "\n\t" not in content
        ):
            self.pieces.append(Piece(content.replace("\n", " "), self.cursor))
            self.cursor += len(content)
            self.length += len(content)
            return
        for text, brk in plain_runs(content):
            self.text(text)
            if brk is not None:
                self.pieces.append(Piece(" ", self.cursor, copied=False))
                self.length += 1

    def walk(self, children: list[Token]) -> None:
        for tok in children:
            kind = tok.type
            if kind == "text":
                self.text(tok.content)
            elif kind in ("softbreak", "hardbreak"):
                self.pieces.append(Piece(" ", self.cursor, copied=False))
                self.length += 1
            elif kind == "code_inline":
                self.text(tok.content, "code")
            elif kind == "image":
                self.walk(tok.children or [])
            elif kind.endswith("_open") and kind[:-5] in _STYLES:
                self._open.setdefault(kind[:-5], []).append(self.length)
            elif kind.endswith("_close") and self._open.get(kind[:-6]):
                start = self._open[kind[:-6]].pop()
                if self.length > start:
                    self.spans.append(Span(start, self.length, _STYLES[kind[:-6]]))


class MarkdownParser:
    """Turns Markdown source into blocks in a `TextBuilder`."""

    def __init__(self, builder: TextBuilder) -> None:
        self.builder = builder
        self.md = quicken(MarkdownIt("commonmark").enable("table").enable("strikethrough"))
        self.simple = is_quickened(self.md)  # else markdown-it reads every source whole
        self.h1_count = 0

    def parse(self, source: str, *, titled: bool = True) -> Block | None:
        """Parse `source`; return the title block, if the document has one.

        The title is a lone level-1 heading that opens the document. `titled=False`
        parses a later part of a document (see `parts`), which has none; either
        way `h1_count` tells how many level-1 headings there were.

        A source is read in sections, cut before each top-level heading where
        nothing can run on past the cut (`parts.markdown_cuts`); a section
        of nothing but paragraphs, ATX headings and indented code is read
        without markdown-it's block parser (`simple_blocks`).
        """
        self.h1_count = 0
        opening: Block | None = None
        opened = False  # by a first block (a heading or not) in some section
        for start, end, blocks in self._sections(source):
            if blocks is not None:
                any_block, first = bool(blocks), self._simple(source, start, blocks)
            else:
                any_block, first = self._tokens(source, start, end)
            if not opened:
                opened, opening = any_block, first
        if titled and self.h1_count == 1 and opening is not None:
            opening.kind = BlockKind.TITLE
            return opening
        return None

    def _sections(self, source: str) -> list[tuple[int, int, list[tuple[int, int, str, int]] | None]]:
        """`source` cut into sections: (start, end, `simple_blocks` or None for markdown-it to read).

        Sections markdown-it reads one after another are read as one. A source of
        very many sections, or of many it must read, is read whole: a parse call
        each would cost more than they save (a hostile source is all headings).
        """
        cuts = markdown_cuts(source, MAX_SECTIONS) if self.simple else []
        if not cuts:
            return [(0, len(source), simple_blocks(source) if self.simple else None)]
        bounds = [0, *cuts, len(source)]
        sections: list[tuple[int, int, list[tuple[int, int, str, int]] | None]] = []
        for start, end in zip(bounds, bounds[1:]):
            blocks = simple_blocks(source[start:end])
            if blocks is None and sections and sections[-1][2] is None:
                sections[-1] = (sections[-1][0], end, None)
            else:
                sections.append((start, end, blocks))
        if sum(1 for _, _, blocks in sections if blocks is None) > MAX_PARSES:
            return [(0, len(source), None)]
        return sections

    def _tokens(self, source: str, start: int, end: int) -> tuple[bool, Block | None]:
        """Add the blocks markdown-it makes of `source[start:end]`: whether it made any,
        and the first if it is a level-1 heading."""
        piece = source if (start, end) == (0, len(source)) else source[start:end]
        tokens = self.md.parse(piece)
        line_starts = [start + offset for offset in _line_starts(piece)]
        self.h1_count += sum(1 for t in tokens if t.type == "heading_open" and t.tag == "h1")
        opening = None
        depth = {"list": 0, "quote": 0}
        for i, tok in enumerate(tokens):
            if tok.type in ("bullet_list_open", "ordered_list_open"):
                depth["list"] += 1
            elif tok.type in ("bullet_list_close", "ordered_list_close"):
                depth["list"] -= 1
            elif tok.type == "blockquote_open":
                depth["quote"] += 1
            elif tok.type == "blockquote_close":
                depth["quote"] -= 1
            elif tok.type in ("fence", "code_block"):
                self._code(tok, source, line_starts, end)
            elif tok.type == "inline" and i > 0:
                opener = tokens[i - 1]
                first = i > 1 and tokens[i - 2].type == "list_item_open"
                block = self._inline(tok, opener, source, line_starts, depth, first)
                if i == 1 and opener.tag == "h1" and opener.type == "heading_open":
                    opening = block
            elif tok.type == "tr_open":
                self._row(tokens, i, source, line_starts)
        return bool(tokens), opening

    def _simple(self, source: str, start: int, blocks: list[tuple[int, int, str, int]]) -> Block | None:
        """Add the blocks `simple_blocks` read, as the tokens' walk would."""
        opening = None
        for i, (level, offset, content, end) in enumerate(blocks):
            if level == CODE:
                self._code_block(content, source, start + offset, start + end)
                continue
            inline = _Inline(source, start + offset)
            if is_plain(content):
                inline.plain(content)
            else:
                inline.walk(self.md.parseInline(content)[0].children or [])
            kind = BlockKind.HEADING if level else BlockKind.PARAGRAPH
            block = self.builder.add(kind, inline.pieces, level=level, spans=inline.spans)
            if level == 1:
                self.h1_count += 1
                if i == 0:
                    opening = block
        return opening

    def _inline(self, tok, opener, source, line_starts, depth, first_in_item):  # noqa: PLR0913
        start = _offset(tok, line_starts)
        inline = _Inline(source, start)
        inline.read(tok)
        if opener.type == "heading_open":
            kind = BlockKind.HEADING
            level = int(opener.tag[1:])
        elif opener.type == "paragraph_open" and depth["list"]:
            kind = BlockKind.LIST_ITEM if first_in_item else BlockKind.PARAGRAPH
            level = depth["list"]
        elif opener.type == "paragraph_open" and depth["quote"]:
            kind, level = BlockKind.QUOTE, depth["quote"]
        elif opener.type == "paragraph_open":
            kind, level = BlockKind.PARAGRAPH, 0
        else:
            return None  # table cells are handled per row
        return self.builder.add(kind, inline.pieces, level=level, spans=inline.spans)

    def _code(self, tok: Token, source: str, line_starts: list[int], limit: int) -> None:
        start = _offset(tok, line_starts)
        end = line_starts[tok.map[1]] if tok.map and tok.map[1] < len(line_starts) else limit
        self._code_block(tok.content, source, start, end)

    def _code_block(self, content: str, source: str, start: int, end: int) -> None:
        """A code block whose lines are `source[start:end]`."""
        content = content.rstrip("\n")
        # within the block's own lines: an indented block's lines lose their indent, and the
        # same text further on (another block) is not where this one came from
        found = source.find(content, start, end) if content else -1
        piece = Piece(content, found if found >= 0 else start, copied=found >= 0)
        self.builder.add(BlockKind.CODE, [piece])

    def _row(self, tokens: list[Token], i: int, source: str, line_starts: list[int]) -> None:
        """A table row becomes one paragraph, its cells joined by a bar."""
        inline = _Inline(source, _offset(tokens[i], line_starts))
        for tok in _until(tokens, i, "tr_close"):
            if tok.type == "inline":
                if inline.length:
                    inline.pieces.append(Piece(" │ ", inline.cursor, copied=False))
                    inline.length += 3
                inline.read(tok)
        self.builder.add(BlockKind.PARAGRAPH, inline.pieces, spans=inline.spans)


def _until(tokens: list[Token], i: int, closing: str) -> Iterator[Token]:
    for tok in tokens[i + 1 :]:
        if tok.type == closing:
            return
        yield tok


def _line_starts(source: str) -> list[int]:
    starts = [0]
    pos = source.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = source.find("\n", pos + 1)
    return starts


def _offset(tok: Token, line_starts: list[int]) -> int:
    if tok.map:
        return line_starts[min(tok.map[0], len(line_starts) - 1)]
    return line_starts[0]
