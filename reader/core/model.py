"""The parsed-document model: plain dataclasses holding character offsets.

Every offset is an index into `Document.text`, the display text. Nothing here
knows about Textual; widgets, the CLI and the JSON output all read these
objects.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from reader.core.accents import strip_accents


class BlockKind(str, Enum):
    """What a block of the article is, for layout."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CODE = "code"


@dataclass(slots=True, frozen=True)
class Span:
    """A styled run inside a block (`style` is "bold", "italic" or "code")."""

    start: int
    end: int
    style: str = "bold"


@dataclass(slots=True)
class Block:
    """One displayed unit of the article: `text[start:end]` is its content.

    `level` is the heading level for headings and the nesting depth (1 = top)
    for list items and quotes. `label` is the bold lead-in of a list item
    (`Increased Vigilance` in `* Increased Vigilance: ...`).
    """

    kind: BlockKind
    start: int
    end: int
    level: int = 0
    label: Span | None = None
    spans: list[Span] = field(default_factory=list)


def block_values(block: Block) -> tuple:
    """A block as plain values: pickled, a tenth of the time of the dataclass."""
    label = (block.label.start, block.label.end) if block.label else None
    return block.kind.value, block.start, block.end, block.level, label, [(s.start, s.end, s.style) for s in block.spans]


def block_from_values(values: tuple) -> Block:
    """The block `block_values` made `values` of."""
    kind, start, end, level, label, spans = values
    return Block(BlockKind(kind), start, end, level, Span(*label) if label else None, [Span(*s) for s in spans])


@dataclass(slots=True)
class Section:
    """A node of the outline: a heading and everything up to the next one of its level.

    `start` is the offset of the heading itself, so jumping to a section shows
    its heading; `end` is exclusive. Children nest inside and cover their parent
    from the first child's start to the parent's end.
    """

    title: str
    level: int
    start: int
    end: int
    children: list[Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False, compare=False)
    index: int = -1  # position in document order (pre-order), set by the document

    def walk(self):
        """Yield this section and all its descendants in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def path(self) -> list[Section]:
        """The chain of sections from the top level down to this one."""
        chain: list[Section] = []
        node: Section | None = self
        while node is not None and node.level > 0:
            chain.append(node)
            node = node.parent
        return chain[::-1]


class OffsetMap:
    """Maps display offsets back to offsets in the source file's decoded text.

    The display text is built from runs: each run is either copied from the
    source (one display character per source character, possibly with its
    case changed) or synthesised (a space inserted by repair, a newline
    between blocks). Synthesised characters map to the source offset where
    they were inserted.
    """

    __slots__ = ("_display", "_source", "_copied")

    def __init__(self) -> None:
        self._display: list[int] = []
        self._source: list[int] = []
        self._copied: list[bool] = []

    def add_run(self, display_start: int, source_start: int, copied: bool) -> None:
        """Record that display text from `display_start` on comes from `source_start`."""
        if self._display and self._display[-1] == display_start:
            self._display.pop()
            self._source.pop()
            self._copied.pop()
        elif (
            self._copied
            and copied
            and self._copied[-1]
            and display_start - self._display[-1] == source_start - self._source[-1]
        ):
            return  # continues the previous run
        self._display.append(display_start)
        self._source.append(source_start)
        self._copied.append(copied)

    def to_source(self, offset: int) -> int:
        """The source offset of display offset `offset`."""
        i = bisect_right(self._display, offset) - 1
        if i < 0:
            return 0
        if self._copied[i]:
            return self._source[i] + offset - self._display[i]
        return self._source[i]

    def runs(self):
        """Yield (display start, source start, copied) for each run, in order."""
        return zip(self._display, self._source, self._copied)

    def columns(self) -> tuple[list[int], list[int], list[bool]]:
        """The runs as three lists (display starts, source starts, copied): quick to pickle.

        The map's own lists, not copies: for sending, not for changing."""
        return self._display, self._source, self._copied

    @classmethod
    def from_columns(cls, display: list[int], source: list[int], copied: list[bool]) -> OffsetMap:
        """The map whose `columns()` these are."""
        offset_map = cls()
        offset_map._display, offset_map._source, offset_map._copied = display, source, copied
        return offset_map

    def __len__(self) -> int:
        return len(self._display)


@dataclass(slots=True)
class Document:
    """One parsed document: the display text and its structure.

    `root` is an implicit level-0 section spanning the whole text, titled with
    the document title; its children are the top-level sections
    (`sections`). Text before the first heading (the title, a lede, front
    matter) belongs to the root.
    """

    source: str
    format: str
    title: str
    text: str
    blocks: list[Block]
    root: Section
    offset_map: OffsetMap = field(default_factory=OffsetMap, repr=False)
    notes: list[str] = field(default_factory=list)
    _change_offsets: list[int] = field(default_factory=list, repr=False)
    _deepest: list[Section] = field(default_factory=list, repr=False)
    _flat: list[Section] = field(default_factory=list, repr=False)
    _block_starts: list[int] = field(default_factory=list, repr=False)
    _lowered: str | None = field(default=None, repr=False)
    _unaccented: dict[bool, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index_sections()
        self._block_starts = [b.start for b in self.blocks]

    def _index_sections(self) -> None:
        """One walk of the outline: each section's parent and index, the flat list, and
        where the deepest section changes in text order (for `section_at`).

        A section starts its own stretch and, at its end, hands back to its
        parent; of several changes at one offset the last holds (a section
        ending where the next begins).
        """
        flat: list[Section] = []
        offsets: list[int] = [0]
        deepest: list[Section] = [self.root]

        def visit(section: Section, parent: Section) -> None:
            section.parent, section.index = parent, len(flat)
            flat.append(section)
            offsets.append(section.start)
            deepest.append(section)
            for child in section.children:
                visit(child, section)
            offsets.append(section.end)
            deepest.append(parent)

        for top in self.root.children:
            visit(top, self.root)
        self._flat, self._change_offsets, self._deepest = flat, offsets, deepest

    @property
    def sections(self) -> list[Section]:
        """The top-level sections."""
        return self.root.children

    @property
    def all_sections(self) -> list[Section]:
        """Every section below the root, in document order."""
        return self._flat

    def section_at(self, offset: int) -> Section:
        """The deepest section containing `offset` (the root before the first heading)."""
        return self._deepest[max(0, bisect_right(self._change_offsets, offset) - 1)]

    def block_index_at(self, offset: int) -> int:
        """Index of the block containing `offset`, or of the block before it."""
        return max(0, bisect_right(self._block_starts, offset) - 1)

    def to_source(self, offset: int) -> int:
        """The offset in the decoded source text that display `offset` came from."""
        return self.offset_map.to_source(offset)

    def lowered(self) -> str | None:
        """`text.lower()`, cached, when it keeps every offset (else None): the case-blind search index."""
        if self._lowered is None:
            lowered = "".join(map(str.lower, _pieces(self.text)))
            self._lowered = lowered if len(lowered) == len(self.text) else ""
        return self._lowered or None

    def unaccented(self, lower: bool = False) -> str | None:
        """`text`, or `lowered()`, with accented Latin letters plain (`Natásha` → `Natasha`),
        cached: the search index of a query without accents. Every offset is kept; None
        where `lowered()` is None."""
        cached = self._unaccented.get(lower)
        if cached is None:
            with _INDEXING:  # a keystroke waits for the worker that is making it, rather than making it twice
                cached = self._unaccented.get(lower)
                if cached is None:
                    base = self.lowered() if lower else self.text
                    if base is None:
                        return None
                    cached = self._unaccented[lower] = strip_accents(base)
        return cached


_INDEXING = threading.Lock()
"""Held while a search index without accents is made, so that a search (in the interface
thread or a regex thread) waits for the worker making it rather than making it twice. One lock
for every document: the reader indexes one at a time."""

LOWER_PIECE = 1 << 16
"""Characters lowered per call: a book's text is lowered by a worker thread, and one
`str.lower` of 3 MB of non-ASCII text holds the interpreter lock for 50 ms."""


def _pieces(text: str) -> Iterator[str]:
    """`text` cut after line ends about `LOWER_PIECE` apart.

    `str.lower` looks at neighbours only for a final sigma, never across a
    line end, so the pieces lowered one by one join to `text.lower()`.
    """
    start = 0
    while start < len(text):
        cut = text.find("\n", start + LOWER_PIECE)
        end = len(text) if cut == -1 else cut + 1
        yield text[start:end]
        start = end


@dataclass(slots=True)
class Mention:
    """One place the text refers to an entity: `text[start:end] == self.text`.

    `kind` is "name" (`Russia`, `EU`) or "demonym" (`Russian`). `section` is
    the index of the section it falls in (`Document.all_sections`), -1 for the
    front matter before the first heading.
    """

    start: int
    end: int
    text: str
    kind: str = "name"
    section: int = -1


@dataclass(slots=True)
class Entity:
    """A person, organisation, place, group or other named thing, merged across spellings.

    `type` is one of "person", "organization", "place", "group", "event",
    "work", "date", "misc". `name` is the fullest proper form; `aliases` are the
    other surface forms seen. `salience` orders the sidebar (higher first).
    """

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    salience: float = 0.0

    @property
    def name_count(self) -> int:
        """How many mentions use a name (not a demonym)."""
        return sum(1 for m in self.mentions if m.kind == "name")

    @property
    def demonym_count(self) -> int:
        """How many mentions are nationality words (`Russian` for Russia)."""
        return sum(1 for m in self.mentions if m.kind == "demonym")
