"""Display repair of scraping damage: missing spaces and lower-case sentence starts.

`repair(text)` returns the repaired text and the positions (in the original
text) before which a space was inserted; case changes keep lengths, so the
builder can map every display offset back to the source.

It fixes `EU.Specifically` → `EU. Specifically`, `continent,fueled` →
`continent, fueled` and `the Czech Republic has` → `The Czech Republic has`,
and leaves `U.S.`, `e.g.`, `3.5`, `1,000`, URLs, e-mail addresses and file
names such as `Node.js` alone.
"""

from __future__ import annotations

import re

# (The standard `re` module, with case checked in Python on the rare
# candidates: it is several times faster here than `\p{Ll}` classes.)
_LETTER = r"[^\W\d_]"
# A sentence end glued to the next sentence: two letters of one case, then
# `.`, `!` or `?`, then a capitalised word (`EU.Specifically`, `said.The`).
_GLUED_SENTENCE = re.compile(rf"[.!?](?={_LETTER}{_LETTER})")
# A comma or semicolon glued to the next word (`continent,fueled`); digits
# (`1,000`) and single letters are left alone.
_GLUED_COMMA = re.compile(rf"[,;](?={_LETTER}{_LETTER})")
# A lower-case word starting a sentence: after `.`, `!` or `?` and a space.
_SENTENCE_START = re.compile(rf"[.!?](\s+)({_LETTER}+)\b(?![.'’@:/])")
# The word that closes the sentence before a candidate start.
_LAST_WORD = re.compile(r"(\S+)[.!?]$")
# Things that are not prose: URLs, e-mail addresses, domain and file names.
_PROTECTED = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\w+(?:\.[a-z0-9]+)+\b"
)
_MAYBE_PROTECTED = re.compile(r"://|@|www\.|\.[a-z0-9]")
_ABBREVIATIONS = frozenset(
    """al approx ca cf co corp dept dr e.g etc fig gen gov i.e inc jr lt ltd mr mrs ms
    mt no nos op p pp prof rev sr st vol vs""".split()
)
# A first word that must keep its case: `iPhone`, `eBay`, `pH`.
_FIRST_WORD = re.compile(rf"^\W*?({_LETTER}[\w'’-]*)")


def repair(text: str, *, heading: bool = False) -> tuple[str, list[int]]:
    """Repair one block's text; return it with the sorted positions of inserted spaces."""
    protected = _protected_spans(text)
    inserts = [
        m.end() for m in _GLUED_SENTENCE.finditer(text) if _one_case(text, m.start() - 2, m.end())
    ]
    inserts += [m.end() for m in _GLUED_COMMA.finditer(text) if _letters(text, m.start() - 2)]
    inserts = [pos for pos in inserts if not _inside(pos - 1, protected)]
    upper = _sentence_starts(text, protected)
    first = _FIRST_WORD.match(text)
    if first and _lower_word(first.group(1)) and not _inside(first.start(1), protected):
        upper.append(first.start(1))
    if not inserts and not upper:
        return text, []
    return _apply(text, sorted(set(inserts)), set(upper)), sorted(set(inserts))


def _protected_spans(text: str) -> list[tuple[int, int]]:
    if not _MAYBE_PROTECTED.search(text):
        return []
    return [m.span() for m in _PROTECTED.finditer(text) if not m.group().endswith(".")]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _sentence_starts(text: str, protected: list[tuple[int, int]]) -> list[int]:
    """Positions of lower-case words that start a sentence and should be capitalised."""
    starts = []
    for m in _SENTENCE_START.finditer(text):
        if not _lower_word(m.group(2)) or _inside(m.start(2), protected):
            continue
        before = _LAST_WORD.search(text, max(0, m.start(1) - 80), m.start(1))
        if before is None or _is_abbreviation(before.group(1)):
            continue
        starts.append(m.start(2))
    return starts


def _letters(text: str, at: int) -> bool:
    """True when the two characters from `at` are letters."""
    return at >= 0 and text[at : at + 2].isalpha()


def _one_case(text: str, before: int, after: int) -> bool:
    """`EU.Sp` or `ds.Th`: two letters of one case before, a capitalised word after."""
    pair = text[before : before + 2]
    if before < 0 or not pair.isalpha() or not (pair.islower() or pair.isupper()):
        return False
    return text[after].isupper() and text[after + 1].islower()


def _lower_word(word: str) -> bool:
    """A plain lower-case word (not `iPhone`, `eBay`): safe to capitalise."""
    return word[:1].islower() and (word.islower() or not any(c.isupper() for c in word[1:]))


def _is_abbreviation(word: str) -> bool:
    """True for `U.S`, `e.g`, `Mr`, `etc` and ellipses: no sentence ends there."""
    word = word.lstrip("(\"'“‘")
    if word.endswith("..") or "." in word:
        return True
    return word.lower() in _ABBREVIATIONS or len(word) == 1


def _apply(text: str, inserts: list[int], upper: set[int]) -> str:
    chars = list(text)
    for pos in upper:
        chars[pos] = chars[pos].upper() if len(chars[pos].upper()) == 1 else chars[pos]
    for pos in reversed(inserts):
        chars.insert(pos, " ")
    return "".join(chars)
