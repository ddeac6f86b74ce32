"""Properties of the entity layer over generated text: offsets always point at the mention."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.entities import extract_entities
from reader.core.model import Block, BlockKind, Document, Section
from reader.core.store import Store

WORDS = [
    "the", "The", "of", "and", "in", "Czech", "czech", "Republic", "republic", "Russian", "russian",
    "EU", "U.S.", "NATO", "(BIS)", "Mr.", "Dr.", "Jan", "Lipavsky", "Lipavsky’s", "Republic’s",
    "pan-European", "europe", "May", "2024", "Army", "of", "the", "Potomac", "St.", "Louis",
    "University", "River", "said", "while", "While", "—", "“Kill”", "O'Neil", "AT&T", "É", "Émile",
    "naïve", "x", "I", ",", ".", ":", ";", "!", "?", "\n", "\n\n", "* ", "# ", "  ", "é", "İstanbul",
]

texts = st.lists(st.sampled_from(WORDS), max_size=80).map(
    lambda ws: "".join(w if w in ",.:;!?\n" or w.startswith("\n") else " " + w for w in ws)
)


def make_doc(text: str) -> Document:
    """A document straight from text: first line a title, each further line a paragraph."""
    blocks, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        kind = BlockKind.TITLE if i == 0 else BlockKind.PARAGRAPH
        if line:
            blocks.append(Block(kind, pos, pos + len(line)))
        pos += len(line) + 1
    root = Section(title="", level=0, start=0, end=len(text))
    return Document(source="<test>", format="txt", title="", text=text, blocks=blocks, root=root)


def _check(doc: Document) -> None:
    ents = extract_entities(doc)
    seen = set()
    for e in ents:
        assert e.name and e.type in {"person", "organization", "place", "group", "event", "work", "date", "misc"}
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text
            assert m.kind in ("name", "demonym")
            assert (m.start, m.end) not in seen
            seen.add((m.start, m.end))


@settings(max_examples=150, deadline=None)
@given(texts)
def test_offsets_hold_on_raw_blocks(text):
    _check(make_doc(text))


@settings(max_examples=60, deadline=None)
@given(texts)
def test_offsets_hold_through_the_parser(text):
    _check(Store.from_text(text).doc)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_safe(text):
    _check(make_doc(text))


def test_empty_document():
    assert extract_entities(make_doc("")) == []


RUN_WORDS = WORDS + ["e.g.", "mr.", "co.", "zorblax", "republic", "of", "said", "(said)", "—the", ",\n", "\n ",
             "(europe)", "—europe", "europe,"]
run_texts = st.lists(st.sampled_from(RUN_WORDS), max_size=80).map(
    lambda ws: "".join(w if w[0] in ",.:;!?\n" else " " + w for w in ws)
)


@settings(max_examples=200, deadline=None)
@given(run_texts)
def test_scanner_fast_path_sees_what_a_word_by_word_scan_sees(text):
    """Stepping over runs of plain words changes no chunk, word flag or year."""
    from reader.core.entities.lexicon import lexicon
    from reader.core.entities.scan import Scanner, zones_of

    doc = Store.from_text(text).doc

    def scan(skip: bool):
        sc = Scanner(doc.text, zones_of(doc), lexicon(), skip_runs=skip)
        chunks = [([(t.start, t.end, t.text, t.weak, t.low) for t in c.toks], c.title, c.prev, c.possessive)
                  for c in sc.chunks()]
        return chunks, [(y.start, y.end) for y in sc.years]

    assert scan(True) == scan(False)


PLAIN_FORM = re.compile(
    r"((?:[A-Za-z]\.){2,}|[^\W_](?:[\w&’'\-]*[^\W_])?)"
    r"((?:(?:[ ,()\u2014]+|[ ,]*\n *)[a-z]+(?:['’][a-z]+)*(?![\w&’'\-]|\.\w))+)?"
)
"""`scan.TOKENS` as first written: no possessive quantifier, one group for the whole run."""


@settings(max_examples=300, deadline=None)
@given(run_texts | st.text(alphabet=st.sampled_from("ab Z,()—\n'’.-&é_1"), max_size=60))
def test_the_scanner_pattern_matches_as_its_plain_form(text):
    """Possessive quantifiers change no match; groups 2 and 3 are the run's first and last word."""
    from reader.core.entities.scan import TOKENS

    fast = [(m.span(1), m.end(), m.group(2), m.group(3)) for m in TOKENS.finditer(text)]
    plain = []
    for m in PLAIN_FORM.finditer(text):
        words = re.findall(r"[a-z'’]+", m.group(2) or "")
        plain.append((m.span(1), m.end(), words[0] if words else None, words[-1] if len(words) > 1 else None))
    assert fast == plain
