"""Display repair of scraping damage: missing spaces and lower-case sentence starts.

`find_repairs(text)` scans a whole display text (blocks separated by
newlines) once and returns where a space must be inserted and which letters
must be capitalised; `apply_repairs` makes the repaired text. Case changes keep
lengths and inserted spaces are recorded, so every display offset still maps
back to the source.

It fixes `EU.Specifically` → `EU. Specifically`, `continent,fueled` →
`continent, fueled` and `the Czech Republic has` → `The Czech Republic has`,
and leaves `U.S.`, `e.g.`, `3.5`, `1,000`, URLs, e-mail addresses and file
names such as `Node.js` alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Patterns find candidates cheaply over the whole text; the rare candidates
# are then checked in Python (case, abbreviations, URLs), which is much faster
# than lookbehinds or `\p{Ll}` classes on a 3 MB book. Each pattern opens with
# one literal character, which `re` finds fast; opened with a class (`[.!?]`) or
# a line-anchored `^`, it tries every position (30-40 ms a pattern on a book).
_LETTER = r"[^\W\d_]"
# A sentence end or comma glued to the next word: `EU.Specifically`, `continent,fueled`.
_GLUED = [re.compile(rf"{re.escape(mark)}(?={_LETTER}{_LETTER})") for mark in ".!?,;"]
# A word starting a sentence, after `.`, `!` or `?` and spaces: not one with an
# ASCII capital (most are), which cannot need one.
_SENTENCE_START = [re.compile(rf"{re.escape(mark)}( +)(?![A-Z])({_LETTER}+)\b(?![.'’@:/])") for mark in ".!?"]
# The first word of a block (a line of the display text), when it opens with no ASCII capital.
_BLOCK_WORD = rf"[ \"'“‘«(]*(?![A-Z])({_LETTER}[\w'’-]*)"
_BLOCK_START = re.compile(rf"\n{_BLOCK_WORD}")
_FIRST_BLOCK_START = re.compile(_BLOCK_WORD)
# Tokens that are not prose: URLs, e-mail addresses, domain and file names.
_PROTECTED = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\w+(?:\.[a-z0-9]+)+\b"
)
_TOKEN_WINDOW = 300  # how far to look for the ends of a URL-like token
_ABBREVIATIONS = frozenset(
    """al approx ca cf co corp dept dr e.g etc fig gen gov i.e inc jr lt ltd mr mrs ms
    mt no nos op p pp prof rev sr st vol vs""".split()
)


def find_repairs(text: str, skip: Callable[[int], bool] | None = None) -> tuple[list[int], list[int]]:
    """Scan `text`; return (positions to insert a space before, positions to capitalise).

    `skip(pos)` may veto a position (e.g. inside a code block). Both lists are
    sorted and refer to `text` before any insertion.
    """
    inserts = sorted(m.end() for glued in _GLUED for m in glued.finditer(text) if _glued(text, m.start(), m.end()))
    upper = [m.start(2) for start in _SENTENCE_START for m in start.finditer(text) if _sentence_start(text, m)]
    blocks = [_FIRST_BLOCK_START.match(text), *_BLOCK_START.finditer(text)]
    upper += [m.start(1) for m in blocks if m and _capitalisable(text, m.start(1), m.group(1))]
    if skip is not None:
        inserts = [p for p in inserts if not skip(p)]
        upper = [p for p in upper if not skip(p)]
    return inserts, sorted(set(upper))


def apply_repairs(text: str, inserts: list[int], upper: list[int]) -> str:
    """The repaired text: capitals applied, then spaces inserted."""
    if not inserts and not upper:
        return text
    parts: list[str] = []
    pos = 0
    events = sorted([(p, 1) for p in inserts] + [(p, 0) for p in upper])
    for at, kind in events:
        parts.append(text[pos:at])
        pos = at
        if kind:
            parts.append(" ")
        else:
            ch = text[at].upper()
            if len(ch) == 1:
                parts.append(ch)
                pos = at + 1
    parts.append(text[pos:])
    return "".join(parts)


def repair(text: str) -> tuple[str, list[int]]:
    """Repair one piece of text; return it with the sorted positions of inserted spaces."""
    inserts, upper = find_repairs(text)
    return apply_repairs(text, inserts, upper), inserts


def _glued(text: str, mark: int, after: int) -> bool:
    """`EU.Sp`, `ds.Th`, `nt,fu`: two letters before the mark, and a real word after it."""
    pair = text[mark - 2 : mark] if mark >= 2 else ""
    if not pair.isalpha() or _protected(text, mark):
        return False
    if text[mark] in ",;":
        return True
    # After `.`, `!` or `?`: same-case letters before, a capitalised word after.
    return (pair.islower() or pair.isupper()) and text[after].isupper() and text[after + 1].islower()


def _sentence_start(text: str, m: re.Match[str]) -> bool:
    word = m.group(2)
    if not _lower_word(word) or _protected(text, m.start(2)):
        return False
    before = last_word(text, max(0, m.start() - 80), m.start())
    return before is not None and not _is_abbreviation(before)


def last_word(text: str, lo: int, end: int) -> str | None:
    """The run of non-blank characters of `text[lo:end]` that ends at `end`, if any.

    (What `(\\S+)$` finds there, without the regex's quadratic backtracking:
    it tried every start in the window, 0.2 ms a sentence.)
    """
    if end <= lo or text[end - 1].isspace():
        return None
    return text[lo:end].split()[-1]


def _capitalisable(text: str, pos: int, word: str) -> bool:
    return _lower_word(word) and not _protected(text, pos)


def _lower_word(word: str) -> bool:
    """A plain lower-case word (not `iPhone`, `eBay`): safe to capitalise."""
    return word[:1].islower() and not any(c.isupper() for c in word[1:])


def _protected(text: str, pos: int) -> bool:
    """True when `pos` lies in a URL, e-mail address, domain or file name."""
    lo, hi = max(0, pos - _TOKEN_WINDOW), min(len(text), pos + _TOKEN_WINDOW)
    start = max(text.rfind(" ", lo, pos), text.rfind("\n", lo, pos), lo - 1) + 1
    end = min(i for i in (text.find(" ", pos, hi), text.find("\n", pos, hi), hi) if i >= 0)
    token = text[start:end]
    if "@" not in token and "." not in token:
        return False
    return any(a <= pos - start < b for a, b in (m.span() for m in _PROTECTED.finditer(token)))


def _is_abbreviation(word: str) -> bool:
    """True for `U.S`, `e.g`, `Mr`, `etc` and ellipses: no sentence ends there."""
    word = word.lstrip("(\"'“‘")
    if word.endswith("..") or "." in word:
        return True
    return word.lower() in _ABBREVIATIONS or len(word) == 1
