"""Display repair: what it fixes, and what it must leave alone."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.repair import last_word, repair


@pytest.mark.parametrize(
    ("damaged", "fixed"),
    [
        ("within the EU.Specifically, Czech", "Within the EU. Specifically, Czech"),
        ("the continent,fueled by", "The continent, fueled by"),
        ("to Ukraine,coupled with", "To Ukraine, coupled with"),
        ("russian diplomats,underscores the", "Russian diplomats, underscores the"),
        ("the Czech Republic has taken", "The Czech Republic has taken"),
        ("It rained. the end came.", "It rained. The end came."),
        ("He left!then she came", "He left!then she came"),
        ("broader Implications for European Security", "Broader Implications for European Security"),
    ],
)
def test_repairs(damaged, fixed):
    assert repair(damaged)[0] == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "The U.S. economy grew 3.5 percent.",
        "Some 1,000 people, e.g. the ones in Prague, came.",
        "Visit https://example.com/a.Path,b or www.example.org today.",
        "Write to press.office@example.com for Node.js and README.md notes.",
        "Mr. smith and Dr. jones met at 5 p.m. today.",
        "Wait... what happened?",
        "iPhone sales rose.",
        "It costs $3,500,000.",
    ],
)
def test_leaves_alone(clean):
    assert repair(clean) == (clean, [])


def test_insert_positions_refer_to_the_original_text():
    text, inserts = repair("EU.Specifically,Czech")
    assert text == "EU. Specifically, Czech"
    assert inserts == [3, 16]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab. \n\t\u00a0\u2003\x1c!?")), max_size=30), st.data())
def test_the_last_word_is_what_the_regex_finds(text, data):
    end = data.draw(st.integers(min_value=0, max_value=len(text)))
    lo = data.draw(st.integers(min_value=0, max_value=end))
    marked = text[:end] + "." + text[end:]  # the sentence end the repair looks before
    found = re.compile(r"(\S+)[.!?]$").search(marked, lo, end + 1)
    assert last_word(marked, lo, end) == (found.group(1) if found else None)


def _found_by_class_patterns(text: str) -> tuple[list[int], list[int]]:
    """`find_repairs` as first written: one pattern per kind, opened by a class or `^`."""
    from reader.core import repair as r

    letter = r"[^\W\d_]"
    inserts = [m.end() for m in re.finditer(rf"[.!?,;](?={letter}{letter})", text) if r._glued(text, m.start(), m.end())]
    upper = [m.start(2) for m in re.finditer(rf"[.!?]( +)({letter}+)\b(?![.'’@:/])", text) if r._sentence_start(text, m)]
    blocks = re.finditer(rf"^[ \"'“‘«(]*({letter}[\w'’-]*)", text, re.MULTILINE)
    upper += [m.start(1) for m in blocks if r._capitalisable(text, m.start(1), m.group(1))]
    return inserts, sorted(set(upper))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "bc", "The", "é", "Éa", "É", ".", "!", "?", ",", ";", " ", "  ", "\n", "(", "“",
                                 "'", "e.g", "Mr", "www.x", "@", "3", "_", "x.js"]), max_size=30).map("".join))
def test_the_repair_scan_finds_what_the_class_patterns_find(text):
    from reader.core.repair import find_repairs

    assert find_repairs(text) == _found_by_class_patterns(text)
