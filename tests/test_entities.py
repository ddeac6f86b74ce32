"""The entity layer on the sample article: exactly the expected entities, merged and counted."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.core.entities import EntityBackendError, extract_entities
from reader.core.model import Entity
from reader.core.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "seeds" / "czech-republic-restricts-russian-diplomats.txt"


@pytest.fixture(scope="module")
def doc():
    return Store.open(str(SAMPLE)).doc


@pytest.fixture(scope="module")
def ents(doc) -> dict[str, Entity]:
    return {e.name: e for e in extract_entities(doc) if e.type != "date"}


def test_exactly_the_expected_entities(ents):
    assert set(ents) == {
        "Czech Republic", "Russia", "European Union", "Ukraine", "NATO", "Schengen Area",
        "Czech Security Details Service", "Jan Lipavsky", "Europe",
    }


@pytest.mark.parametrize(
    ("name", "type_", "names", "demonyms"),
    [
        ("Czech Republic", "place", 10, 3),
        ("Russia", "place", 4, 12),
        ("European Union", "organization", 6, 0),
        ("Europe", "place", 1, 6),
        ("Ukraine", "place", 4, 0),
        ("NATO", "organization", 1, 0),
        ("Schengen Area", "place", 1, 0),
        ("Czech Security Details Service", "organization", 2, 0),
        ("Jan Lipavsky", "person", 1, 0),
    ],
)
def test_types_and_counts(ents, name, type_, names, demonyms):
    e = ents[name]
    assert (e.type, e.name_count, e.demonym_count) == (type_, names, demonyms)


def test_variants_merge(ents):
    cz = {m.text for m in ents["Czech Republic"].mentions if m.kind == "name"}
    assert {"Czech Republic", "Czech republic", "czech Republic"} <= cz
    assert {m.text for m in ents["European Union"].mentions} == {"European Union", "EU"}
    assert {m.text for m in ents["Czech Security Details Service"].mentions} == {
        "Czech Security Details Service", "BIS"}
    assert "russian" in {m.text for m in ents["Russia"].mentions}
    assert "europe" in {m.text for m in ents["Europe"].mentions}
    assert {m.text for m in ents["Czech Republic"].mentions if m.kind == "demonym"} == {"Czech"}


def test_no_structure_words(doc):
    texts = {m.text for e in extract_entities(doc) for m in e.mentions}
    for word in ("Restricting", "Diplomatic", "Activity", "Amid", "Espionage", "Concerns",
                 "Increased Vigilance", "Deterrence", "The", "While", "This", "Minister",
                 "Foreign Minister", "Looking Ahead", "Response", "Security"):
        assert word not in texts


def test_offsets_and_sections(doc):
    ents = extract_entities(doc)
    for e in ents:
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text
            assert m.section == doc.section_at(m.start).index
    assert [e.salience for e in ents] == sorted((e.salience for e in ents), reverse=True)
    assert ents[0].name == "Czech Republic"
    assert len({e.id for e in ents}) == len(ents)


def test_dates_are_typed_date(doc):
    dates = {e.name for e in extract_entities(doc) if e.type == "date"}
    assert dates <= {"May", "2024"}


def test_country_name_variants():
    doc = Store.from_text("Czechia and the Czech Republic\n\nCzechia signed. Officials in the Czech Republic agreed.\n").doc
    names = [e.name for e in extract_entities(doc) if e.type == "place"]
    assert names == ["Czech Republic"]


def test_well_known_acronym_without_expansion():
    doc = Store.from_text("Talks\n\nThe talks at the UN and NATO went on. The EU agreed.\n").doc
    got = {e.name: e.type for e in extract_entities(doc)}
    assert got == {"United Nations": "organization", "NATO": "organization", "European Union": "organization"}


def test_unknown_backend():
    doc = Store.from_text("Hello\n\nText.\n").doc
    with pytest.raises(EntityBackendError):
        extract_entities(doc, "nonsense")


def test_threads_agree(doc):
    results: list[list[str]] = []

    def run() -> None:
        results.append([e.id for e in extract_entities(doc)])

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(r == results[0] for r in results)


def test_core_does_not_import_textual():
    import subprocess
    import sys

    code = "import sys, reader.core.entities as e, reader.core.entities.spacy_backend; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_collector_state_is_restored(doc):
    import gc

    extract_entities(doc)
    assert gc.isenabled()
    gc.disable()
    try:
        extract_entities(doc)
        assert not gc.isenabled()  # a caller's choice is left alone
    finally:
        gc.enable()


@pytest.mark.parametrize("data", ["a\tA\tcity\nb\tB\n", "a\tA\tcity\n\nb\tB\tcity\n", "a\tA\tcity\tx\n", "a\tA\nb\tB\tc\tx\n"])
def test_a_word_list_with_a_short_or_blank_line_is_refused(monkeypatch, data):
    """Columns are split from the whole file at once: a line out of shape would shift every cell after it."""
    from reader.core.entities import lexicon

    monkeypatch.setattr(lexicon, "_text", lambda name: data)
    with pytest.raises(ValueError, match="tab-separated"):
        lexicon._columns("places.tsv", 3)


def test_a_word_list_reads_as_its_columns(monkeypatch):
    from reader.core.entities import lexicon

    monkeypatch.setattr(lexicon, "_text", lambda name: "a\tA\tcity\nb\tB\tstate\n")
    assert lexicon._columns("places.tsv", 3) == [["a", "b"], ["A", "B"], ["city", "state"]]
