"""Run the entity extractor in a child process.

Extraction is pure Python and takes seconds on a book; in a thread it would
hold the interpreter lock and make the reader's interface stutter. A child
interpreter runs it on the machine's other core: the request goes in on its
stdin and the entities come back on its stdout, both pickled.

The request is either a parsed `Document` or the source text with the
arguments to parse it: the reader starts the child before it has parsed a
big file itself, and parsing is deterministic, so both sides agree on every
offset.

(A plain subprocess rather than `multiprocessing`: under Textual, stderr is
captured and has no file descriptor, which multiprocessing's spawn needs.)
"""

from __future__ import annotations

import atexit
import pickle
import subprocess
import sys
import threading
from typing import Any

from reader.core.model import Document, Entity


def document_request(doc: Document) -> tuple[Any, ...]:
    """A request to extract from an already parsed document."""
    return ("doc", doc)


def source_request(source: str, name: str, fmt: str | None, raw: bool) -> tuple[Any, ...]:
    """A request to parse `source` (as `parse_source` would) and extract from it."""
    return ("source", source, name, fmt, raw)


class EntityJob:
    """An extraction running in a child interpreter; `result()` waits for it."""

    def __init__(self, request: tuple[Any, ...], backend: str) -> None:
        # -P: don't put the working directory on the child's path (it may hold another `reader`)
        command = [sys.executable, "-P", "-m", "reader.core.isolated", backend]
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        payload = pickle.dumps(request, pickle.HIGHEST_PROTOCOL)
        threading.Thread(target=self._send, args=(payload,), daemon=True, name="entity-request").start()
        atexit.register(self.cancel)

    def _send(self, payload: bytes) -> None:
        try:
            with self._process.stdin as stdin:  # type: ignore[union-attr]
                stdin.write(payload)
        except OSError:  # the child died early: `result()` reports why
            pass

    def result(self) -> list[Entity]:
        """The entities, or the child's error raised here."""
        out = self._process.stdout.read()  # type: ignore[union-attr]
        err = self._process.stderr.read()  # type: ignore[union-attr]
        code = self._process.wait()
        atexit.unregister(self.cancel)
        if code != 0 or not out:
            lines = err.decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(lines[-1] if lines else f"the entity extractor exited with {code}")
        ok, payload = pickle.loads(out)
        if not ok:
            raise payload
        return payload

    def cancel(self) -> None:
        """Stop the child if it is still running (the reader is quitting)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()


def extract_in_child(doc: Document, backend: str) -> list[Entity]:
    """`extract_entities(doc, backend)`, computed in a child interpreter."""
    return EntityJob(document_request(doc), backend).result()


def _document(request: tuple[Any, ...]) -> Document:
    if request[0] == "doc":
        return request[1]
    from reader.core.parse import parse_source

    _, source, name, fmt, raw = request
    return parse_source(source, name, fmt=fmt, raw=raw)


def main() -> None:
    """The child: a pickled request on stdin, `(ok, entities or error)` on stdout."""
    from reader.core.entities import extract_entities

    request = pickle.load(sys.stdin.buffer)
    try:
        result = (True, extract_entities(_document(request), sys.argv[1]))
    except Exception as error:  # sent back and raised in the parent
        result = (False, error)
    sys.stdout.buffer.write(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
