"""The optional spaCy backend: a blank English pipeline with an EntityRuler feeds the merge layer."""

from __future__ import annotations

import pytest

from reader.core.entities import EntityBackendError, extract_entities
from reader.core.store import Store

TEXT = "Prague talks\n\nThe Czech Republic and Russia met. Jan Lipavsky spoke for the Czech Republic’s government. Russian diplomats left.\n"


def test_missing_model_is_a_clear_error():
    pytest.importorskip("spacy")
    doc = Store.from_text(TEXT).doc
    with pytest.raises(EntityBackendError, match="not installed"):
        extract_entities(doc, "spacy:no_such_pipeline_xyz")


def test_blank_pipeline_with_ruler_feeds_the_merge_layer():
    spacy = pytest.importorskip("spacy")
    from reader.core.entities.spacy_backend import register_pipeline

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "GPE", "pattern": "Czech Republic"},
        {"label": "GPE", "pattern": "Russia"},
        {"label": "NORP", "pattern": "Russian"},
        {"label": "PERSON", "pattern": "Jan Lipavsky"},
    ])
    register_pipeline("test_ruler", nlp)
    doc = Store.from_text(TEXT).doc
    ents = {e.name: e for e in extract_entities(doc, "spacy:test_ruler")}
    assert ents["Czech Republic"].type == "place" and ents["Czech Republic"].name_count == 2
    assert ents["Russia"].name_count == 1 and ents["Russia"].demonym_count == 1
    assert ents["Jan Lipavsky"].type == "person"
    for e in ents.values():
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text


def test_without_spacy_the_message_names_the_extra(monkeypatch):
    import sys

    from reader.core.entities import spacy_backend

    monkeypatch.setitem(sys.modules, "spacy", None)
    monkeypatch.setattr(spacy_backend, "_pipelines", {})
    doc = Store.from_text(TEXT).doc
    with pytest.raises(EntityBackendError, match="needs spaCy"):
        extract_entities(doc, "spacy")
