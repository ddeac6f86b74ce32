"""The rule extractor split over forked processes finds exactly what one process finds."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import forking
from reader.core.entities import extract_entities, parallel
from reader.core.entities.lexicon import lexicon
from reader.core.entities.rules import RuleExtractor
from reader.core.entities.scan import Scanner, can_split_at, zones_of
from reader.core.store import Store
from tests_support import SAMPLE, make_book, shared_file

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="splitting forks processes")


@pytest.fixture(autouse=True)
def forking_allowed(monkeypatch):
    """Fork even if the test runner has threads (these children touch no lock)."""
    monkeypatch.setattr(forking, "can_fork", lambda: True)

MARKDOWN_PART = """# A Report on Paris

* **Increased Vigilance**: the Czech Republic asked NATO for help in
  Prague and Brno, said Minister Jan Lipavsky.

```
Code Block With Names Like Moscow And Berlin
```

> He lived in
Vienna for years; the Bank of England and the EU (European Union) agreed.

1805 was the year. "A Beautiful Lie" played in London, England.
"""


def mixed_text(copies: int = 4) -> str:
    """Markdown with titles, labels, code, quotes and years, then a sample article and a book."""
    article = SAMPLE.read_text(encoding="utf-8")
    return "\n\n".join([MARKDOWN_PART] * copies + [article, make_book(books=2, chapters=3)])


def candidates(extraction) -> list[tuple]:
    return [
        (c.start, c.end, c.text, c.type, c.weight, c.kind, c.canon, c.weak, c.heading, c.tokens)
        for c in extraction.candidates
    ]


def links(extraction) -> list[tuple]:
    return [((a.start, a.end), (b.start, b.end)) for a, b in extraction.acronyms]


def summary(entities) -> list[tuple]:
    return [(e.id, e.name, e.type, e.aliases, e.salience, [(m.start, m.end, m.kind, m.section) for m in e.mentions])
            for e in entities]


def scan(doc, zones, resume=False) -> tuple[list, list]:
    sc = Scanner(doc.text, zones, lexicon(), resume=resume)
    chunks = [([(t.start, t.end, t.text, t.weak, t.low) for t in c.toks], c.title, c.prev, c.possessive)
              for c in sc.chunks()]
    return chunks, [(y.start, y.end) for y in sc.years]


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_a_scan_resumed_at_any_zone_continues_the_whole_scan(fmt):
    doc = Store.from_text(mixed_text(copies=2), fmt=fmt).doc
    zones = zones_of(doc)
    whole_chunks, whole_years = scan(doc, zones)
    for k in range(1, len(zones), 7):
        assert can_split_at(doc.text, zones, k)
        head, tail = scan(doc, zones[:k]), scan(doc, zones[k:], resume=True)
        assert head[0] + tail[0] == whole_chunks
        assert head[1] + tail[1] == whole_years


@pytest.mark.parametrize("workers", [2, 3, 5])
@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_split_extraction_equals_one_process(monkeypatch, fmt, workers):
    doc = Store.from_text(mixed_text(), fmt=fmt).doc
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 1000)
    assert len(parallel.split_zones(doc.text, zones_of(doc), workers)) == workers
    one, split = RuleExtractor(doc).run(1), RuleExtractor(doc).run(workers)
    assert candidates(split) == candidates(one)
    assert links(split) == links(one)
    assert links(one)  # the acronym in brackets is found across the parts
    assert summary(extract_entities(doc, workers=workers)) == summary(extract_entities(doc))


def test_split_extraction_of_the_book_equals_one_process():
    doc = Store.open(shared_file("corpus/war-and-peace.txt")).doc
    assert len(parallel.split_zones(doc.text, zones_of(doc), 2)) == 2
    assert summary(extract_entities(doc, workers=2)) == summary(extract_entities(doc))


def test_small_documents_are_not_split(sample_store):
    doc = sample_store.doc
    assert parallel.split_zones(doc.text, zones_of(doc), 4) == [zones_of(doc)]


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=2, max_value=8))
def test_parts_cover_every_zone_in_order_and_cut_where_a_scan_resumes(parts):
    doc = Store.from_text(mixed_text(copies=1), fmt="markdown").doc
    zones = zones_of(doc)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
        split = parallel.split_zones(doc.text, zones, parts)
    assert 1 <= len(split) <= parts
    assert [z for part in split for z in part] == zones
    start = 0
    for part in split[:-1]:
        start += len(part)
        assert can_split_at(doc.text, zones, start)


def test_the_last_parts_are_the_short_ones(monkeypatch):
    """Processes take parts one at a time; short ones last let them end together."""
    doc = Store.from_text(mixed_text(copies=40), fmt="markdown").doc
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 1000)
    split = parallel.split_zones(doc.text, zones_of(doc), 8)
    sizes = [part[-1].end - part[0].start for part in split]
    assert len(split) == 8
    assert 0.6 < sum(sizes[:4]) / sum(sizes) < 0.73  # two thirds of the text in the first half
    assert max(sizes[4:]) < min(sizes[:4])
