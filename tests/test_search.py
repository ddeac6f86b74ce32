"""Search over the store: literal and regex, smart case, whole words, sections, errors."""

import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests_support import shared_file
from reader.core import search as search_module
from reader.core.ranges import Ranges
from reader.core.search import SearchError
from reader.core.store import Store


def texts(store, result):
    return [store.doc.text[m.start : m.end] for m in result]


def test_literal_smart_case(sample_store):
    lower = sample_store.search("russian")
    assert len(lower) == 12
    assert {t.lower() for t in texts(sample_store, lower)} == {"russian"}
    capital = sample_store.search("Russian")
    assert len(capital) == 10  # two "russian" stay lower-case mid-sentence
    assert len(sample_store.search("Russian", case=False)) == 12
    assert len(sample_store.search("russian", case=True)) == 2


def test_matches_are_ordered_with_sections(sample_store):
    result = sample_store.search("espionage")
    starts = [m.start for m in result]
    assert starts == sorted(starts) and len(starts) == 5
    doc = sample_store.doc
    for m in result:
        assert doc.text[m.start : m.end].lower() == "espionage"
        expected = doc.section_at(m.start).index
        assert m.section == expected
    assert result[0].section == -1  # the title and lede sit before the first heading
    assert result[len(result) - 1].section == doc.sections[2].index


def test_whole_word(sample_store):
    whole = sample_store.search("eu", whole_word=True)
    assert len(sample_store.search("eu")) > len(whole) == 5
    assert {sample_store.doc.text[m.start : m.end] for m in whole} == {"EU"}


def test_regex(sample_store):
    result = sample_store.search(r"Czech \w+", regex=True)
    assert "Czech Republic" in texts(sample_store, result)
    assert len(sample_store.search(r"\d{4}", regex=True)) == 1


def test_literal_is_not_a_regex(sample_store):
    assert len(sample_store.search(".*")) == 0


@pytest.mark.parametrize("pattern", ["(", "[a-", "a{2,1}", "*x"])
def test_invalid_regex_is_a_clear_error(sample_store, pattern):
    with pytest.raises(SearchError, match="invalid regex"):
        sample_store.search(pattern, regex=True)


def test_catastrophic_regex_is_stopped():
    store = Store.from_text("T\n" + "a" * 60 + "!\n")
    started = time.monotonic()
    assert len(store.search(r"(a+)+$", regex=True, timeout=0.5)) == 0  # the engine copes with this one
    with pytest.raises(SearchError, match="too slow"):
        store.search(r"(a|aa)+$", regex=True, timeout=0.2)
    assert time.monotonic() - started < 5


def test_empty_query_and_zero_width_matches(sample_store):
    assert len(sample_store.search("")) == 0
    assert len(sample_store.search(r"\b", regex=True)) == 0


def test_stepping_helpers(sample_store):
    result = sample_store.search("czech")
    mid = result[3].start
    assert result.first_from(mid) == 3
    assert result.first_from(mid + 1) == 4
    assert result.first_from(len(sample_store.doc.text)) == 0
    window = result.between(result[1].start, result[3].start)
    assert list(window) == [1, 2]


def test_war_and_peace_napoleon():
    """All 588 case-insensitive `napoleon`s; without accents asked for, the 5 `Napoléon`s too."""
    store = Store.open(shared_file("corpus/war-and-peace.txt"))
    assert len(store.search("napoleon", accents=True)) == 588
    found = store.search("napoleon")
    assert len(found) == 593
    spelt = [store.doc.text[m.start : m.end] for m in found]
    assert spelt.count("Napoléon") == 5 and {s.lower() for s in spelt} == {"napoleon", "napoléon"}


@given(st.text(alphabet="ab ", max_size=40), st.text(alphabet="ab", min_size=1, max_size=4), st.integers(1, 6))
def test_literal_hits_answer_like_the_hit_lists(haystack, needle, block):
    """Counted per block and located on demand, the hits are those of a full left-to-right scan."""
    occurrences = [i for i in range(len(haystack)) if haystack.startswith(needle, i)]
    overlapping = any(b - a < len(needle) for a, b in zip(occurrences, occurrences[1:]))
    assert search_module._overlaps(haystack, needle) == overlapping
    if overlapping:
        return
    scanned = [m.start() for m in re.finditer(re.escape(needle), haystack)]
    eager = Ranges((start, start + len(needle)) for start in scanned)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_module, "BLOCK", block)
        lazy = search_module.LiteralHits(haystack, needle)
        assert len(lazy) == len(eager)
        assert [lazy.span(i) for i in range(len(lazy))] == [eager.span(i) for i in range(len(eager))]
        for offset in range(-1, len(haystack) + 2):
            assert lazy.index_from(offset) == eager.index_from(offset)
            assert lazy.at(offset) == eager.at(offset)
            assert lazy.first_from(offset) == eager.first_from(offset)
            for end in range(offset, len(haystack) + 2):
                assert lazy.overlapping(offset, end) == eager.overlapping(offset, end)


@given(st.text(alphabet="aΣς σ\nİ.ﬃ", max_size=60), st.integers(1, 8))
def test_the_case_blind_index_is_lowered_piece_by_piece_exactly(text, piece):
    """Lowered a piece at a time (so a worker thread lets the screen run), the index is `text.lower()`."""
    from reader.core import model

    doc = Store.from_text("T\n").doc
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(model, "LOWER_PIECE", piece)
        patch.setattr(doc, "text", text, raising=False)
        patch.setattr(doc, "_lowered", None, raising=False)
        lowered = doc.lowered()
    expected = text.lower() if len(text.lower()) == len(text) else ""
    assert lowered == (expected or None)
