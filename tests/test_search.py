"""Search over the store: literal and regex, smart case, whole words, sections, errors."""

import time

import pytest

from tests_support import shared_file
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
    mid = result.starts[3]
    assert result.first_from(mid) == 3
    assert result.first_from(mid + 1) == 4
    assert result.first_from(len(sample_store.doc.text)) == 0
    window = result.between(result.starts[1], result.starts[3])
    assert list(window) == [1, 2]


def test_war_and_peace_napoleon():
    store = Store.open(shared_file("corpus/war-and-peace.txt"))
    assert len(store.search("napoleon")) == 588
