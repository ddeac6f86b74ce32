"""Accents: Latin letters read as their plain letter, offsets kept; searches smart about them."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reader.core import accents
from reader.core.accents import has_accents, plain_letter, strip_accents
from reader.core.store import Store
from reader.ui.entities import group_entities
from reader.core.model import Entity


def reference_strip(text: str) -> str:
    """Each character on its own: its NFD form without marks, if that is one ASCII letter."""
    out = []
    for char in text:
        bare = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        out.append(bare if len(bare) == 1 and bare.isascii() and bare.isalpha() else char)
    return "".join(out)


def test_plain_letters():
    assert strip_accents("Natásha Rostóva, Napoléon, Curaçao, São Paulo, Erdoğan") == (
        "Natasha Rostova, Napoleon, Curacao, Sao Paulo, Erdogan"
    )
    assert strip_accents("ÉCOLE") == "ECOLE"
    # letters of their own stay: Polish ł, Danish ø, German ß, Russian й, Greek ά
    assert strip_accents("łøßйά") == "łøßйά"
    assert plain_letter("’") == "’" and plain_letter("a") == "a"


def test_has_accents():
    assert has_accents("natásha") and has_accents("Ç")
    assert not has_accents("natasha") and not has_accents("привет") and not has_accents("“quoted”")


@given(st.text(alphabet="aeéEÉçÇñ’ łйά\n", max_size=80), st.integers(1, 9), st.sampled_from([0, 32]))
def test_stripping_keeps_every_offset(text, piece, few):
    """Stripped piece by piece (a worker lets the screen run between pieces), by replacing
    letter after letter or through a table (`few`: 0), the text is the one each character
    stripped alone gives, and just as long."""
    saved = accents.PIECE, accents.FEW_LETTERS
    accents.PIECE, accents.FEW_LETTERS = piece, few
    try:
        stripped = strip_accents(text)
    finally:
        accents.PIECE, accents.FEW_LETTERS = saved
    assert stripped == reference_strip(text) and len(stripped) == len(text)


DOC = "Title\n\nNatásha met NATASHA and natasha at the café. Cafe au lait, CAFÉ noir.\n"


def spans(store, query, **kwargs):
    return [store.doc.text[m.start : m.end] for m in store.search(query, **kwargs)]


def test_a_query_without_accents_ignores_them():
    store = Store.from_text(DOC)
    assert spans(store, "natasha") == ["Natásha", "NATASHA", "natasha"]
    assert spans(store, "cafe") == ["café", "Cafe", "CAFÉ"]
    assert spans(store, "Natasha") == ["Natásha"]  # smart case still holds
    assert spans(store, "nat.sha", regex=True) == ["Natásha", "NATASHA", "natasha"]
    assert spans(store, "cafe", whole_word=True) == ["café", "Cafe", "CAFÉ"]


def test_a_query_with_an_accent_matches_it_exactly():
    store = Store.from_text(DOC)
    assert spans(store, "natásha") == ["Natásha"]
    assert spans(store, "café") == ["café", "CAFÉ"]
    assert spans(store, "natasha", accents=True) == ["NATASHA", "natasha"]
    assert spans(store, "nat[aá]sha", regex=True) == ["Natásha", "NATASHA", "natasha"]


@given(st.text(alphabet="aáAÁbB ", max_size=40), st.text(alphabet="aAbB", min_size=1, max_size=3))
def test_literal_search_without_accents_is_a_scan_of_the_stripped_text(body, needle):
    """Smart case on top: a needle with a capital matches case; either way accents are ignored."""
    store = Store.from_text("T\n\n" + body + "\n")
    plain = strip_accents(store.doc.text)
    if needle.islower():
        plain = plain.lower()
    expected = [m.span() for m in re.finditer(re.escape(needle), plain)]
    assert [(m.start, m.end) for m in store.search(needle)] == expected


def entity(name: str, *aliases: str) -> Entity:
    return Entity(f"person:{name}", name, "person", list(aliases), [], 1.0)


def test_the_entity_filter_is_smart_about_accents_too():
    people = [entity("Natásha Rostóva", "Natásha"), entity("Natasha Smith")]
    names = lambda needle: [e.name for _, group in group_entities(people, dates=False, needle=needle) for e in group]
    assert sorted(names("natasha")) == ["Natasha Smith", "Natásha Rostóva"]
    assert names("rostov") == ["Natásha Rostóva"]
    assert names("natásha") == ["Natásha Rostóva"]


def test_a_regex_that_spells_a_character_by_code_matches_it_exactly():
    store = Store.from_text(DOC)
    assert spans(store, r"caf\xe9", regex=True) == ["café", "CAFÉ"]
    assert spans(store, r"NAT\u00c1SHA", regex=True, case=True) == []
    assert spans(store, r"[^\x00-\x7f]sha", regex=True) == ["ásha"]


def test_the_entity_filter_strips_before_it_folds_case():
    # casefolded first, `İ` would become `i` and a combining dot that stripping keeps
    places = [Entity("place:istanbul", "İstanbul", "place", [], [], 1.0)]
    assert [e.name for _, group in group_entities(places, dates=False, needle="istanbul") for e in group] == [
        "İstanbul"
    ]
