"""Guess what kind of thing a name is from its own words and its context."""

from __future__ import annotations

import re
from functools import lru_cache

from . import cues
from .lexicon import Lexicon


_ROMAN = re.compile(r"[ivx]+")
_SAINT = {"st.": "saint", "st": "saint", "ste.": "sainte"}
_MODEL = re.compile(r"[A-Z]{1,3}-?\d+[A-Z]?$")


def _norm(word: str) -> str:
    return word.lower().replace("’", "'").rstrip(".")


def guess_type(words: list[str], prev: str, lex: Lexicon, person_cue: bool) -> tuple[str, float]:
    """(type, weight) for a name that is not in the gazetteer.

    Head words decide first (`University`, `River`, `Cup`), then person cues
    (a title before, a known first name), then shape (an acronym is an
    organisation), then context (`in X` is a place); else a weak default.
    """
    low = [_norm(w) for w in words]
    while len(low) > 1 and _ROMAN.fullmatch(low[-1]):
        low = low[:-1]
    head = low[-1]
    if len(low) > 2 and " ".join(low[-3:]) in cues.ORG_PHRASES:
        return "organization", 2.0  # `Hockey Hall of Fame`
    for joint in ("of", "for"):
        if joint in low[1:-1]:
            # `Army of the North`, `Battles of Tucumán`, `Centre for Control of ...`:
            # in English the noun before `of` or `for` is the head
            kind = head_kind(low[low.index(joint) - 1])
            if kind is not None:
                return kind, 2.0
            break
    if head in cues.ORG_WORDS or low[0] in ("university", "bank", "church"):
        return "organization", 2.0
    if head in cues.PLACE_WORDS or low[0] in ("mount", "lake", "fort", "port", "cape", "isle"):
        return "place", 2.0
    if head in cues.EVENT_WORDS or (len(low) > 2 and low[0] in ("battle", "siege")):
        return "event", 2.0
    if head in cues.MISC_WORDS:
        return "misc", 1.5
    if any(w in cues.ORG_WORDS for w in low[1:-1]):
        return "organization", 1.0
    if person_cue:
        return "person", 2.0
    if head in cues.MISC_NAMES:
        return "group", 2.0  # `Jews`, `European Jews`
    if any(_MODEL.match(w) for w in words):
        return "misc", 1.5  # `F-86 Sabre`, `AGS JH21`: a model, not a person
    if (
        len(low) > 1
        and (low[0] not in lex.first_names or (low[-1] in lex.common and low[-1] not in lex.surnames))
        and _led_by_place([w.lower() for w in words], lex)
    ):
        return "organization", 1.0  # `Perth Glory`, `Boston Globe`, `Buffalo Bisons`, `Australia First`
    if len(low) > 1 and low[0] in lex.first_names and _not_major_place(low[0], lex):
        return "person", 1.5
    if len(low) > 1 and low[0] in cues.COMPASS:
        return "place", 1.0
    if len(words) == 1 and _is_acronym(words[0]):
        return "organization", 0.6
    if len(low) == 1 and low[0] in lex.places:
        place = lex.places[low[0]]
        return ("organization" if place.kind == "org" else "place"), 1.5
    if prev in cues.PLACE_PREPS and len(low) <= 2:
        return "place", 0.5
    if prev == "of" and len(low) == 1 and low[0] not in lex.surnames and low[0] not in lex.first_names:
        return "place", 0.4  # `the village of Heydour`, `north of Vilcapugio`
    names = [w for w in low if w not in cues.CONNECTORS]
    if len(names) in (2, 3) and all(_namelike(w, lex) for w in names):
        return "person", 0.8
    if len(low) > 1 and low[-1] in lex.surnames:
        return "person", 0.5
    if len(names) in (2, 3) and sum(w not in lex.common for w in names) >= len(names) - 1:
        return "person", 0.4
    if len(low) == 1:
        if low[0] in lex.surnames or low[0] in lex.first_names:
            return "person", 0.3
        return "misc", 0.1
    return "organization", 0.1


def _led_by_place(low: list[str], lex: Lexicon) -> bool:
    """The name's first word or two are a town, state or country and the rest is no
    place: a team, paper or party named after its home (`St. Louis Cardinals`)."""
    low = [_SAINT.get(w, w) for w in low if w != "the"]
    for n in (2, 1):
        if len(low) > n:
            place = lex.places.get(" ".join(low[:n]))
            if place is not None and place.kind in ("city", "state", "region", "country"):
                return low[n] not in cues.CONNECTORS and low[-1] not in cues.PLACE_WORDS
    return False


@lru_cache(maxsize=1 << 14)
def head_kind(word: str) -> str | None:
    """The type a head noun gives its name (`army` -> organization), if any.

    Asked of the word after most unknown names (`Pierre said`): cached."""
    for w in (word, word[:-1] if word.endswith("s") else word):
        if w in cues.ORG_WORDS:
            return "organization"
        if w in cues.PLACE_WORDS or w in cues.REALM_WORDS:
            return "place"
        if w in cues.EVENT_WORDS:
            return "event"
        if w in cues.MISC_WORDS:
            return "misc"
        if w in cues.PERSON_TITLES:
            return "person"
    return None


def _not_major_place(word: str, lex: Lexicon) -> bool:
    place = lex.places.get(word)
    return place is None or place.kind in ("city", "county")


def _namelike(word: str, lex: Lexicon) -> bool:
    return word not in lex.common or word in lex.surnames or word in lex.first_names


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_acronym(word: str) -> bool:
    """True for `EU`, `U.S.`, `6PR`: every letter upper-case."""
    return _is_acronym(word)
