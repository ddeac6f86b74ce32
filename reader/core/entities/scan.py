"""Split display text into chunks of capitalised words: the raw material of names.

One compiled regex walks the whole text, matching a word together with the
run of plain lower-case words after it; such a run, which can hold no name,
is stepped over in one go (a test checks that this sees exactly what a
word-by-word scan sees). A chunk is a run of capitalised words (`Army of the Potomac` joins over `of the`),
broken by punctuation, line ends and possessives. Each word records whether
its capital is evidence of a name: not at a sentence start, and not in a
Title Case title or heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..model import BlockKind, Document
from . import cues
from .lexicon import Lexicon

_WORD = r"(?:[A-Za-z]\.){2,}|[^\W_](?:[\w&’'\-]*[^\W_])?"
WORD = re.compile(_WORD)
_SEP = r"(?:[ ,()\u2014]++|[ ,]*+\n *+)"  # spaces, commas, brackets, dashes or one line break
_END = r"(?![\w&’'\-]|\.\w)"
_PLAIN = rf"[a-z]++(?:['’][a-z]++)*+{_END}"
#: A word (group 1), then the plain lower-case words that follow it within the sentence:
#: groups 2 and 3 are the run's first and last (3 is None for a run of one). Possessive
#: quantifiers: backtracking into a run never makes a match (the plain form of this
#: pattern matches the same), and they halve its time on a book.
TOKENS = re.compile(rf"({_WORD})(?:{_SEP}({_PLAIN})(?:{_SEP}({_PLAIN}))*+)?")
LINE_STARTS = re.compile(r"\n *([a-z'’]+)")
ABBREV = frozenset("mr mrs ms dr st jr sr inc ltd co corp mt ft gen col capt lt sgt prof rev vs no".split())
SENT_END = frozenset(".!?:;\n\"“”•*|")
POSSESSIVE = ("'s", "’s")
QUOTES_CLOSE = frozenset("\"”")
YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}")


@dataclass(slots=True)
class Tok:
    """A word of a chunk. `weak`: its capital proves nothing; `low`: written in lower case."""

    start: int
    end: int
    text: str
    weak: bool
    low: bool = False


@dataclass(slots=True)
class Chunk:
    """A run of name-like words, with the context the typer needs."""

    toks: list[Tok]
    title: bool  # inside a Title Case title or heading
    prev: str = ""  # the lower-case word just before, for `in Paris`
    possessive: bool = False


@dataclass(slots=True)
class Zone:
    """A block's extent, whether it is Title Case, and its bold label to skip."""

    start: int
    end: int
    title: bool
    label: tuple[int, int] | None


def zones_of(doc: Document) -> list[Zone]:
    """The document's blocks as zones (one plain zone when there are none)."""
    out = []
    for b in doc.blocks:
        title = b.kind in (BlockKind.TITLE, BlockKind.HEADING) and b.end - b.start <= 200
        label = (b.label.start, b.label.end) if b.label else None
        if b.kind is not BlockKind.CODE:
            out.append(Zone(b.start, b.end, title, label))
    return out or [Zone(0, len(doc.text), False, None)]


def can_split_at(text: str, zones: list[Zone], k: int) -> bool:
    """Whether scanning `zones[k:]` on its own sees what a scan of all zones sees there.

    No chunk or context crosses a line break between two zones, and the
    scanner forgets the previous word at each new zone, so a scan can resume
    at any zone that starts on a new line (every block does).
    """
    return 0 < k < len(zones) and "\n" in text[zones[k - 1].end : zones[k].start]


def _words(run: str) -> list[str]:
    """The plain words of a run `TOKENS` matched (in half the time a `findall` takes)."""
    return run.replace(",", " ").replace("(", " ").replace(")", " ").replace("\u2014", " ").split()


class Scanner:
    """Walks the text once, yielding chunks and year tokens.

    `resume=True` scans `zones` as the tail of a longer zone list (cut where
    `can_split_at` allows): it starts at the first zone, on a new line.
    """

    def __init__(
        self, text: str, zones: list[Zone], lex: Lexicon, skip_runs: bool = True, *, resume: bool = False
    ) -> None:
        self.text = text
        self.zones = zones
        self.lex = lex
        self.skip_runs = skip_runs  # False: look at every word (the reference the tests compare with)
        self.start = zones[0].start if resume else 0
        self.years: list[Tok] = []

    def chunks(self) -> Iterator[Chunk]:
        """Every chunk in text order.

        Each regex match is a word plus the run of plain lower-case words after
        it. When the run holds no word that counts in lower case (nor one that
        could start a name at a line start), stays in the block, and either no
        chunk is open or the run's first word cannot join one (`of`, `republic`),
        the run can only close the open chunk and set the previous word: it is
        stepped over at once. Otherwise the search resumes at the run's first word.
        """
        text, zones, lex = self.text, self.zones, self.lex
        common, lower_ok, tails, single = lex.common, lex.lower_ok, lex.tails, lex.lower_single
        tail_pairs = lex.tail_pairs
        connectors, function = cues.CONNECTORS, cues.FUNCTION
        joiners = connectors | tails
        search, skip_runs = TOKENS.search, self.skip_runs
        zi, nz, last_end = 0, len(zones), zones[-1].end
        zone = zones[0]
        zone_start, zone_end, label, title = zone.start, zone.end, zone.label, zone.title
        # a resumed scan starts after the line break before its first zone
        pos, m = self.start, None
        prev_end, prev_word = max(pos - 1, 0), ""
        cur: Chunk | None = None
        pending: list[Tok] = []
        while True:
            if m is not None:  # step past the last match
                rs, rend = m.end(1), m.end()
                if rs == rend:
                    pos = rend
                else:
                    last = m.group(3) or m.group(2)
                    if (
                        skip_runs
                        and (cur is None or m.group(2) not in joiners)
                        and single.isdisjoint(_words(text[rs:rend]))
                        and rend <= zone_end
                        and not (label and rs < label[1])
                        and not (text[rend : rend + 1] == "." and last in ABBREV)
                        and (text.find("\n", rs, rend) < 0 or self._plain_lines(rs, rend))
                    ):
                        if cur is not None:
                            yield cur
                            cur, pending = None, []
                        prev_end, prev_word, pos = rend, last, rend
                    else:
                        pos = rs
            m = search(text, pos)
            if m is None:
                break
            s, e = m.span(1)
            if s >= last_end:
                break  # past the last zone: nothing more to see
            if s >= zone_end:
                while zi < nz - 1 and s >= zones[zi].end:
                    zi += 1
                zone = zones[zi]
                zone_start, zone_end, label, title = zone.start, zone.end, zone.label, zone.title
                prev_word = ""  # context ends with the block
            if not zone_start <= s < zone_end:
                pos, m = e, None
                continue  # in a code block (every word of it), or between blocks
            if s == prev_end + 1 and text[prev_end] == " ":
                gap = " "
                initial = s == zone_start
            else:
                gap = text[prev_end:s]
                initial = prev_end == 0 or not SENT_END.isdisjoint(gap) or s == zone_start
            w = text[s:e]
            c = w[0]
            if text[e : e + 1] == "." and (len(w) == 1 and c.isupper() or w.lower() in ABBREV):
                e += 1
            prev_end = e
            if cur is not None and gap != " " and gap != "\u00a0":
                yield cur
                cur, pending = None, []
            if label and label[0] <= s < label[1]:
                if cur is not None:
                    yield cur
                cur, pending = None, []
                pos, m = e, None
                continue
            if c.isupper() or (c.isdigit() and not w.islower() and not w.isdigit()):
                tok = Tok(s, e, w, initial or title)
            elif c.isdigit():
                if len(w) == 4 and YEAR.fullmatch(w):
                    self.years.append(Tok(s, e, w, False))
                if cur is not None:
                    yield cur
                cur, pending, prev_word = None, [], ""
                continue
            else:
                lw = w.lower()
                if cur is not None:
                    if lw in connectors:
                        pending.append(Tok(s, e, w, False, True))
                        continue
                    # `Czech republic`, `Bosnia and herzegovina`; not `I see` (`Holy See`) nor `Seven new`
                    if lw in tails and f"{(pending or cur.toks)[-1].text.lower()} {lw}" in tail_pairs:
                        pending.append(Tok(s, e, w, True, True))
                        cur.toks.extend(pending)
                        pending = []
                        continue
                if "-" in w:
                    if cur is not None:
                        yield cur
                    cur, pending = None, []
                    yield from self._hyphen_parts(s, w, title)
                    prev_word = lw
                    continue
                if lw in lower_ok or (
                    initial
                    and lw not in common
                    and lw not in function
                    and len(w) > 2
                    and gap.rstrip()[-1:] not in QUOTES_CLOSE  # `"Go," ejaculated Nesvítski`: the sentence goes on
                ):
                    tok = Tok(s, e, w, True, True)
                else:
                    if cur is not None:
                        yield cur
                    cur, pending, prev_word = None, [], lw
                    continue
            if w.endswith(POSSESSIVE):
                tok.end -= 2
                tok.text = w[:-2]
                if cur is None:
                    cur = Chunk([tok], title, prev_word)
                else:
                    cur.toks.extend(pending)
                    cur.toks.append(tok)
                cur.possessive = True
                yield cur
                cur, pending = None, []
                continue
            if cur is None:
                cur = Chunk([tok], title, prev_word)
            else:
                if pending:
                    cur.toks.extend(pending)
                cur.toks.append(tok)
            pending = []
        if cur is not None:
            yield cur

    def _plain_lines(self, start: int, end: int) -> bool:
        """No word opening a line in `text[start:end]` could start a name there."""
        common, function = self.lex.common, cues.FUNCTION
        return all(
            w in common or w in function or len(w) <= 2 for w in LINE_STARTS.findall(self.text, start, end)
        )

    def _hyphen_parts(self, s: int, w: str, title: bool) -> Iterator[Chunk]:
        """Capitalised parts of a lower-case-led hyphenated word (`pan-European`)."""
        pos = 0
        for part in w.split("-"):
            if part[:1].isupper():
                yield Chunk([Tok(s + pos, s + pos + len(part), part, title)], title)
            pos += len(part) + 1
