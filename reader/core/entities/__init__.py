"""Entities: who and what a document is about, merged, typed, with every mention.

`extract_entities(doc)` runs an extractor over `doc.text` and merges what it
finds. Two extractors feed the same merge layer: the default rule extractor
(gazetteers and capitalisation cues, no model, fast) and an optional spaCy
pipeline (`backend="spacy"` or `"spacy:MODEL"`). Nothing here imports Textual;
everything is safe to call from a worker thread.
"""

from __future__ import annotations

from ..gcpause import gc_paused
from ..model import Document, Entity
from .merge import build_entities
from .rules import RuleExtractor

__all__ = ["EntityBackendError", "extract_entities"]


class EntityBackendError(Exception):
    """The requested extractor cannot run (unknown name, spaCy or its model missing)."""


def extract_entities(doc: Document, backend: str = "rules", *, workers: int = 1) -> list[Entity]:
    """The entities of `doc`, sorted by salience, highest first.

    `backend` is "rules" (default) or "spacy" / "spacy:MODEL". `workers > 1`
    lets the rule extractor fork that many processes for a big document: only
    from a process without other threads (see `parallel`).
    """
    if backend == "spacy" or backend.startswith("spacy:"):
        from .spacy_backend import spacy_extract

        return build_entities(doc, spacy_extract(doc, backend.partition(":")[2] or None))
    if backend != "rules":
        raise EntityBackendError(f"unknown entity backend {backend!r} (use 'rules' or 'spacy[:MODEL]')")
    # The rule extractor makes a few hundred thousand small, acyclic objects;
    # each cyclic-GC pass they trigger would also walk the whole parsed document
    # (a quarter of the time on a novel).
    with gc_paused():
        return build_entities(doc, RuleExtractor(doc).run(workers))
