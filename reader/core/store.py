"""The parsed-document store: one document, parsed once, read by every view.

The store owns the `Document`, answers searches over it and computes its
entities once per backend (thread-safe, so the TUI can do it in a worker).

For a big file the reader can show the start before the whole is parsed:
`Store.open(path, preview=N)` parses only the first ~N characters (cut at a
paragraph break) and `finish()` parses the rest later. Parsing is
deterministic and local, so the preview's blocks are the full document's
first blocks, at the same offsets.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.loader import DEFAULT_MAX_BYTES, STDIN, read_document
from reader.core.model import Document, Entity, Section
from reader.core.outline import scan_outline
from reader.core.parse import parse_source, sniff_format
from reader.core.search import Query, SearchResult, search

ISOLATE = 300_000
"""From this many characters, entities are extracted in a child process (seconds of work)."""

if TYPE_CHECKING:  # the child-process machinery is imported only for a big document
    from reader.core.isolated import EntityJob


@dataclass(frozen=True, slots=True)
class _Pending:
    """What `finish()` needs to parse the whole document."""

    source: str
    name: str
    fmt: str | None
    raw: bool

    def job(self, backend: str) -> EntityJob:
        """A child process parsing the whole source and extracting its entities with `backend`."""
        from reader.core.isolated import EntityJob, source_request

        return EntityJob(source_request(self.source, self.name, self.fmt, self.raw), backend)


def preview_cut(source: str, size: int) -> int:
    """Where to cut `source` near `size` characters: after a blank line, else a line end."""
    if len(source) <= size:
        return len(source)
    blank = source.find("\n\n", size)
    if blank != -1 and blank < size * 2:
        return blank + 1
    line = source.find("\n", size)
    return len(source) if line == -1 else line + 1


class Store:
    """A parsed document with its search and entity layers."""

    def __init__(
        self, doc: Document, *, pending: _Pending | None = None, jobs: dict[str, EntityJob] | None = None
    ) -> None:
        self.doc = doc
        self._pending = pending
        self._entities: dict[str, list[Entity]] = {}
        self._lock = threading.Lock()  # guards the document swap in `finish`
        self._entity_lock = threading.Lock()  # one extraction at a time, never twice
        self._jobs: dict[str, EntityJob] = jobs or {}

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        raw: bool = False,
        fmt: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        preview: int | None = None,
        prefetch: str | None = None,
    ) -> Store:
        """Read and parse `path`; raises `LoadError` for what cannot be read.

        With `preview`, a file longer than twice that is parsed only up to
        about `preview` characters until `finish()` is called. With
        `prefetch`, a file of `ISOLATE` characters or more has its entities
        extracted by that backend in a child process (see `prefetch_entities`):
        one shown from a preview, started as soon as the file is read, so that
        the child parses it while this process makes the preview.
        """
        loaded = read_document(path, max_bytes=max_bytes)
        name = str(path)
        if name == STDIN and fmt is None:
            fmt = sniff_format(loaded.text)  # no file name to tell
        prefetch = prefetch if len(loaded.text) >= ISOLATE else None
        cut = preview_cut(loaded.text, preview) if preview else len(loaded.text)
        if cut < len(loaded.text) and preview and len(loaded.text) > 2 * preview:
            pending = _Pending(loaded.text, name, fmt, raw)
            jobs = {prefetch: pending.job(prefetch)} if prefetch is not None else {}
            store = cls(parse_source(loaded.text[:cut], name, fmt=fmt, raw=raw), pending=pending, jobs=jobs)
        else:
            store = cls(parse_source(loaded.text, name, fmt=fmt, raw=raw))
            if prefetch is not None:
                store.prefetch_entities(prefetch)  # the document is parsed: the child gets it whole
        store.doc.notes.extend(loaded.notes)
        return store

    @classmethod
    def from_text(cls, text: str, source: str = "<text>", *, fmt: str | None = None, raw: bool = False) -> Store:
        """Parse text that is already in memory."""
        return cls(parse_source(text, source, fmt=fmt, raw=raw))

    @property
    def size(self) -> int:
        """Characters in the whole document's source (parsed or not yet)."""
        return len(self._pending.source) if self._pending is not None else len(self.doc.text)

    @property
    def complete(self) -> bool:
        """False while only a preview of a big file is parsed."""
        return self._pending is None

    def outline(self) -> Section:
        """The outline of the whole document, even while only a preview is parsed.

        Before `finish()`, it comes from a quick scan of the source (Markdown
        headings, a book's BOOK/CHAPTER lines): the same titles, levels and
        order as the parsed document's sections, with source offsets.
        """
        pending = self._pending
        if pending is None or self.doc.format == "text":
            return self.doc.root
        return scan_outline(pending.source, self.doc.format, self.doc.title)

    def finish(self) -> Document:
        """Parse the whole document if only a preview was (safe to call from a thread)."""
        with self._lock:
            pending = self._pending
            if pending is not None:
                doc = self._document_from_child()
                if doc is None:
                    doc = parse_source(pending.source, pending.name, fmt=pending.fmt, raw=pending.raw)
                doc.notes.extend(self.doc.notes)
                self.doc = doc
                self._pending = None
            return self.doc

    def _document_from_child(self) -> Document | None:
        """The whole document as parsed by a prefetching child, if one is at work."""
        job = next((j for j in list(self._jobs.values()) if j.sends_document), None)
        if job is None:
            return None
        try:
            return job.document()
        except Exception:  # the child failed: parse here instead (entities will report it)
            return None

    def search(
        self,
        query: str,
        *,
        regex: bool = False,
        case: bool | None = None,
        whole_word: bool = False,
        accents: bool | None = None,
        timeout: float | None = None,
    ) -> SearchResult:
        """All hits of `query`; raises `SearchError` for an invalid or too slow regex."""
        q = Query(query, regex=regex, case=case, whole_word=whole_word, accents=accents)
        return search(self.doc, q) if timeout is None else search(self.doc, q, timeout=timeout)

    def prefetch_entities(self, backend: str = "rules") -> None:
        """Start extracting entities in a child process now; `entities(isolated=True)` collects them.

        A big file shown from a preview is sent as source text, so the child
        parses it in parallel with the reader instead of after it.
        """
        from reader.core.isolated import EntityJob, document_request

        with self._entity_lock:
            if backend in self._entities or backend in self._jobs:
                return
            pending = self._pending
            if pending is None:
                self._jobs[backend] = EntityJob(document_request(self.doc), backend)
            else:
                self._jobs[backend] = pending.job(backend)

    def entities(self, backend: str = "rules", *, isolated: bool = False) -> list[Entity]:
        """The whole document's entities by salience, computed once per backend.

        `isolated=True` runs the extractor in a child process (or collects the
        one `prefetch_entities` started), so a reader's interface thread never
        waits for the interpreter lock meanwhile.
        """
        if isolated:
            self.prefetch_entities(backend)
        doc = self.finish()
        with self._entity_lock:
            cached = self._entities.get(backend)
            if cached is None:
                job = self._jobs.pop(backend, None)
                if job is not None:
                    cached = job.result()
                else:
                    from reader.core.entities import extract_entities

                    cached = extract_entities(doc, backend)
                self._entities[backend] = cached
            return cached

    def entities_ready(self, backend: str = "rules") -> bool:
        """True once `entities(backend)` will answer at once."""
        return backend in self._entities
