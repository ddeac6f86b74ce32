"""Guess what kind of thing a name is from its own words and its context."""

from __future__ import annotations

from . import cues
from .lexicon import Lexicon


def _norm(word: str) -> str:
    return word.lower().replace("’", "'").rstrip(".")


def guess_type(words: list[str], prev: str, lex: Lexicon, person_cue: bool) -> tuple[str, float]:
    """(type, weight) for a name that is not in the gazetteer.

    Head words decide first (`University`, `River`, `Cup`), then person cues
    (a title before, a known first name), then shape (an acronym is an
    organisation), then context (`in X` is a place); else a weak default.
    """
    low = [_norm(w) for w in words]
    head = low[-1]
    if head in cues.ORG_WORDS or low[0] in ("university", "bank", "church"):
        return "organization", 2.0
    if head in cues.PLACE_WORDS or low[0] in ("mount", "lake", "fort", "port", "cape", "isle"):
        return "place", 2.0
    if head in cues.EVENT_WORDS or (len(low) > 2 and low[0] == "battle"):
        return "event", 2.0
    if head in cues.MISC_WORDS:
        return "misc", 1.5
    if any(w in cues.ORG_WORDS for w in low[1:-1]):
        return "organization", 1.0
    if person_cue:
        return "person", 2.0
    if len(low) > 1 and low[0] in lex.first_names and low[0] not in lex.places:
        return "person", 1.5
    if len(words) == 1 and _is_acronym(words[0]):
        return "organization", 0.6
    if len(low) == 1 and low[0] in lex.places:
        place = lex.places[low[0]]
        return ("organization" if place.kind == "org" else "place"), 1.5
    if prev in cues.PLACE_PREPS and len(low) <= 2:
        return "place", 0.5
    if len(low) in (2, 3) and all(w not in lex.common for w in low):
        return "person", 0.8
    if len(low) > 1 and low[-1] in lex.surnames:
        return "person", 0.5
    if len(low) == 1:
        return "person", 0.3
    return "organization", 0.3


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_acronym(word: str) -> bool:
    """True for `EU`, `U.S.`, `6PR`: every letter upper-case."""
    return _is_acronym(word)
