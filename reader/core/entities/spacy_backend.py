"""Optional extractor: a spaCy pipeline's entities, fed to the same merge layer.

spaCy is not a dependency of the reader (`pip install reader[spacy]` and an
English pipeline such as `en_core_web_sm`). Pipelines are loaded once per
name and shared; spaCy's `Language.__call__` is safe for concurrent reads,
and loading is guarded by a lock.
"""

from __future__ import annotations

import threading
from typing import Any

from ..model import Document
from .candidates import Candidate, Extraction

DEFAULT_MODEL = "en_core_web_sm"

#: spaCy / OntoNotes labels -> the reader's types (others are dropped).
LABELS = {
    "PERSON": "person", "PER": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
    "FAC": "place", "NORP": "group", "EVENT": "event", "WORK_OF_ART": "work", "LAW": "work",
    "PRODUCT": "misc", "LANGUAGE": "misc", "MISC": "misc", "DATE": "date",
}

_lock = threading.Lock()
_pipelines: dict[str, Any] = {}


def load_pipeline(model: str) -> Any:
    """The named pipeline, loaded on first use; `EntityBackendError` when unavailable."""
    from . import EntityBackendError

    with _lock:
        nlp = _pipelines.get(model)
        if nlp is None:
            try:
                import spacy
            except ImportError:
                raise EntityBackendError("the spaCy backend needs spaCy: pip install 'reader[spacy]'") from None
            try:
                nlp = spacy.load(model)
            except OSError:
                raise EntityBackendError(
                    f"spaCy model {model!r} is not installed (e.g. python -m spacy download {DEFAULT_MODEL})"
                ) from None
            _pipelines[model] = nlp
        return nlp


def register_pipeline(name: str, nlp: Any) -> None:
    """Make an in-memory pipeline available as `spacy:NAME` (used by tests)."""
    with _lock:
        _pipelines[name] = nlp


def spacy_extract(doc: Document, model: str | None = None) -> Extraction:
    """Candidates from spaCy's named entities over the display text."""
    from .lexicon import lexicon

    nlp = load_pipeline(model or DEFAULT_MODEL)
    lex = lexicon()
    out: list[Candidate] = []
    for ent in nlp(doc.text).ents:
        kind = LABELS.get(ent.label_)
        if kind is None:
            continue
        start, end, text = ent.start_char, ent.end_char, ent.text
        if text.lower().startswith("the "):
            start, text = start + 4, text[4:]
        if text.endswith(("'s", "’s")):
            end, text = end - 2, text[:-2]
        if not text.strip():
            continue
        canon, mkind = None, "name"
        if kind == "group" and text.lower() in lex.demonyms:
            canon, mkind, kind = lex.demonyms[text.lower()], "demonym", "place"
        elif kind == "place" and text.lower() in lex.places:
            canon = lex.places[text.lower()].name
        out.append(Candidate(start, end, text, kind, 1.0, kind=mkind, canon=canon, tokens=text.split()))
    return Extraction(out)
