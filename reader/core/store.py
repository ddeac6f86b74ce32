"""The parsed-document store: one document, parsed once, read by every view.

The store owns the `Document`, answers searches over it and computes its
entities once per backend (thread-safe, so the TUI can do it in a worker).
"""

from __future__ import annotations

import threading
from pathlib import Path

from reader.core.loader import DEFAULT_MAX_BYTES, read_document
from reader.core.model import Document, Entity
from reader.core.parse import parse_source
from reader.core.search import Query, SearchResult, search


class Store:
    """A parsed document with its search and entity layers."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._entities: dict[str, list[Entity]] = {}
        self._lock = threading.Lock()

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        raw: bool = False,
        fmt: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> Store:
        """Read and parse `path`; raises `LoadError` for what cannot be read."""
        loaded = read_document(path, max_bytes=max_bytes)
        doc = parse_source(loaded.text, str(path), fmt=fmt, raw=raw)
        doc.notes.extend(loaded.notes)
        return cls(doc)

    @classmethod
    def from_text(cls, text: str, source: str = "<text>", *, fmt: str | None = None, raw: bool = False) -> Store:
        """Parse text that is already in memory."""
        return cls(parse_source(text, source, fmt=fmt, raw=raw))

    def search(
        self,
        query: str,
        *,
        regex: bool = False,
        case: bool | None = None,
        whole_word: bool = False,
        timeout: float | None = None,
    ) -> SearchResult:
        """All hits of `query`; raises `SearchError` for an invalid or too slow regex."""
        q = Query(query, regex=regex, case=case, whole_word=whole_word)
        return search(self.doc, q) if timeout is None else search(self.doc, q, timeout=timeout)

    def entities(self, backend: str = "rules") -> list[Entity]:
        """The document's entities by salience, computed once per backend."""
        with self._lock:
            cached = self._entities.get(backend)
            if cached is None:
                from reader.core.entities import extract_entities

                cached = self._entities[backend] = extract_entities(self.doc, backend)
            return cached

    def entities_ready(self, backend: str = "rules") -> bool:
        """True once `entities(backend)` will answer at once."""
        return backend in self._entities
