"""Property-based tests: for arbitrary text the store keeps its invariants.

The number of examples is bounded for CI; run more locally with
`pytest --hypothesis-profile=thorough tests/test_properties.py`.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.parse import parse_source
from reader.core.search import SearchError, search, Query
from reader.core.store import Store
from test_parse import check_invariants

# Text built from the pieces that matter to the parsers: words, punctuation,
# bullets, headings, blank lines, CR/LF, tabs, controls and invisible characters.
TOKENS = st.sampled_from(
    [
        "word", "Word", "EU", "U.S.", "e.g.", "3.5", "1,000", "the", "Czech", "Republic", ".", ",", ";", "!",
        "?", ":", " ", " ", " ", "\n", "\n\n", "\r\n", "\r", "\t", "* ", "- ", "• ", "# ", "## ", "> ",
        "```", "`", "*", "_", "CHAPTER I\n\n", "BOOK ONE\n\n", "Label: ", "\x1b[31m", "\x00", "\u200b",
        "\u202e", "é", "ß", "İ", "日本", "👍", "[bold]", "&amp;", "http://x.org/a.B", "a@b.co",
    ]
)
DOCUMENTS = st.lists(TOKENS | st.text(max_size=8), max_size=80).map("".join)


@given(DOCUMENTS, st.sampled_from(["t.txt", "t.md"]), st.booleans())
def test_parse_invariants_and_offset_map(source, name, raw):
    doc = parse_source(source, name, raw=raw)
    check_invariants(doc)
    assert not any(ch in doc.text for ch in "\x00\x1b\r\u202e\u200b")
    for offset in range(len(doc.text)):
        assert 0 <= doc.to_source(offset) <= len(source)
    if raw and name.endswith(".txt"):
        for offset, ch in enumerate(doc.text):
            if ch.isalnum():
                assert source[doc.to_source(offset)] == ch


@given(DOCUMENTS, st.text(min_size=1, max_size=6), st.booleans(), st.sampled_from([None, True, False]), st.booleans())
def test_search_hits_are_what_they_say(source, query, regex, case, whole):
    doc = parse_source(source, "s.txt")
    try:
        result = search(doc, Query(query, regex=regex, case=case, whole_word=whole), timeout=1.0)
    except SearchError:
        assert regex
        return
    previous_end = 0
    for match in result:
        assert previous_end <= match.start < match.end <= len(doc.text)
        previous_end = match.end
        if not regex:
            found = doc.text[match.start : match.end]
            assert found == query if (case or (case is None and query != query.lower())) else found.lower() == query.lower() or found.casefold() == query.casefold()
        assert doc.section_at(match.start).index == match.section


@given(DOCUMENTS)
def test_store_from_text_never_raises(source):
    store = Store.from_text(source, "x.txt")
    assert store.doc.text == parse_source(source, "x.txt").text


HEADINGS = st.lists(st.tuples(st.integers(min_value=1, max_value=4), st.sampled_from(["", "Body text.\n\nMore.", "x"])), max_size=12)


@given(HEADINGS, st.data())
def test_section_at_is_the_deepest_section_holding_the_offset(headings, data):
    source = "Lede.\n\n" + "".join(f"{'#' * level} Heading {i}\n\n{body}\n\n" for i, (level, body) in enumerate(headings))
    doc = parse_source(source, "t.md")
    for offset in data.draw(st.lists(st.integers(min_value=-2, max_value=len(doc.text) + 2), max_size=20)):
        holding = [s for s in doc.all_sections if s.start <= offset < s.end]
        assert doc.section_at(offset) is (holding[-1] if holding else doc.root)
