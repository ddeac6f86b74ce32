"""The extractor's word lists, loaded once from `data/` (thread-safe, lazily).

Everything is keyed by the lower-cased form so that scraped text with broken
capitalisation (`czech Republic`, `europe`) still finds its entry.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib import resources
from itertools import repeat
from typing import NamedTuple

from . import cues


class Place(NamedTuple):
    """A gazetteer entry: the canonical name and what kind of place it is.

    (A named tuple, made with `tuple.__new__`: 40,000 of them cost a fraction of
    what frozen dataclasses do, on the way to a book's first entity.)
    """

    name: str
    kind: str  # country, state, county, region, city, continent, org (for well-known orgs)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Read-only word lists shared by every extraction."""

    common: frozenset[str]
    first_names: frozenset[str]
    surnames: frozenset[str]
    places: dict[str, Place]
    demonyms: dict[str, str]
    #: lower-case forms that count as a name even when written in lower case
    lower_ok: frozenset[str]
    #: the one-word members of `lower_ok` (the scanner may not skip over these)
    lower_single: frozenset[str]
    #: lower-case words that continue a multi-word place (`Czech republic`)
    tails: frozenset[str]
    #: the word pairs such a word continues (`czech republic`, `holy see`: not `i see`)
    tail_pairs: frozenset[str]
    #: longest gazetteer key, in words
    max_words: int


_lock = threading.Lock()
_lexicon: Lexicon | None = None


def _text(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


def _lines(name: str) -> list[str]:
    return [line for line in _text(name).splitlines() if line]


def _columns(name: str, count: int) -> list[list[str]]:
    """The `count` tab-separated columns of a data file, one row a line (split in C, not line by line)."""
    text = _text(name).rstrip("\n")
    if set(map(str.count, text.split("\n"), repeat("\t"))) != {count - 1}:
        raise ValueError(f"{name}: every line must hold {count} tab-separated cells")
    cells = text.replace("\n", "\t").split("\t")
    return [cells[i::count] for i in range(count)]


def _load_places(common: frozenset[str]) -> dict[str, Place]:
    """Gazetteer entries by lower-case spelling (of two, the higher kind: a country before a city).

    A town's spelling without its accents that is an English word (`Sale` for
    Salé, `To` for Tô, `God` for Göd) is left out: in English text it is the word.
    """
    rank = {"country": 0, "continent": 0, "state": 1, "region": 2, "county": 3, "city": 4}
    surfaces, canons, kinds = _columns("places.tsv", 3)
    places: dict[str, Place] = {}
    get, make = places.get, tuple.__new__
    for key, surface, canon, kind in zip(map(str.lower, surfaces), surfaces, canons, kinds):
        if kind == "city" and surface != canon and (key in common or key in cues.ENGLISH_NOT_TOWNS):
            continue
        old = get(key)
        if old is None or rank[kind] < rank[old.kind]:
            places[key] = make(Place, (canon, kind))
    for key, canon in cues.EXTRA_PLACES.items():
        places[key] = Place(canon, "continent" if canon == key.title() else "country")
    for key, canon in cues.KNOWN_ORGS.items():
        places[key] = Place(canon, "org")
    return places


def _load_demonyms() -> dict[str, str]:
    dem: dict[str, str] = {}
    for line in _lines("demonyms.tsv"):
        word, canon = line.split("\t")
        dem.setdefault(word.lower(), canon)
    dem.update(cues.EXTRA_DEMONYMS)
    return dem


def _build() -> Lexicon:
    common = frozenset(_lines("common.txt"))
    places = _load_places(common)
    demonyms = _load_demonyms()
    majors = [(k, p.kind) for k, p in places.items() if p.kind in ("country", "continent", "org")]
    major = [k.split() for k, _ in majors]
    tails = frozenset(w for words in major for w in words[1:]) - cues.FUNCTION
    lower_ok = frozenset(
        k for (k, kind), words in zip(majors, major) if kind != "org" and words[0] not in common
    ) | frozenset(d for d in demonyms if d not in common)
    lower_ok -= cues.AMBIGUOUS_LOWER
    return Lexicon(
        common=common.difference(demonyms),
        first_names=frozenset(n.lower() for n in _lines("firstnames.txt")),
        surnames=frozenset(n.lower() for n in _lines("surnames.txt")),
        places=places,
        demonyms=demonyms,
        lower_ok=lower_ok,
        lower_single=frozenset(k for k in lower_ok if " " not in k),
        tails=tails,
        tail_pairs=frozenset(f"{a} {b}" for words in major for a, b in zip(words, words[1:]) if b in tails),
        max_words=max(map(len, map(str.split, places))),
    )


def lexicon() -> Lexicon:
    """The shared lexicon, built on first use (safe to call from any thread)."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                _lexicon = _build()
    return _lexicon
