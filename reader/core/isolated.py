"""Run the entity extractor in a child process.

Extraction is pure Python and takes seconds on a book; in a thread it would
hold the interpreter lock and make the reader's interface stutter. A child
process runs it on the machine's other core. Before Textual starts, the
reader has a single thread and the child is a fork of it (no interpreter to
start, the request already in its memory); later, or where there is no
fork, it is a fresh interpreter with the pickled request on its stdin.
Either way the answers come back pickled through a pipe.

The request is either a parsed `Document` or the source text with the
arguments to parse it: the reader starts the child before it has parsed a
big file itself, and parsing is deterministic, so both sides agree on every
offset.

Each message from the child is length-prefixed and drained at once by a
reader thread here, so the child never waits for the reader to ask for it
(the reader collects the document and the entities only when it is ready).
Entities travel as plain tuples: pickling slotted dataclasses one by one
costs ten times as much.

(Not `multiprocessing`: under Textual, stderr is captured and has no file
descriptor, which multiprocessing's spawn needs.)
"""

from __future__ import annotations

import atexit
import gc
import io
import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO, Any

from reader.core.forking import available_workers, can_fork, detach_standard_streams, exited_cleanly, fork_call
from reader.core.gcpause import gc_paused
from reader.core.model import Document, Entity, Mention, OffsetMap, block_from_values, block_values
from reader.core.outline import build_outline

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

_LENGTH = struct.Struct(">Q")
MAX_WORKERS = 4
"""At most this many processes share a big document's extraction (the reader keeps a core too)."""


def document_request(doc: Document) -> tuple[Any, ...]:
    """A request to extract from an already parsed document."""
    return ("doc", doc)


def source_request(source: str, name: str, fmt: str | None, raw: bool) -> tuple[Any, ...]:
    """A request to parse `source` (as `parse_source` would) and extract from it."""
    return ("source", source, name, fmt, raw)


def pack_entities(entities: list[Entity]) -> list[tuple]:
    """Entities as nested tuples of plain values (fast to pickle)."""
    return [
        (e.id, e.name, e.type, e.aliases, e.salience, [(m.start, m.end, m.text, m.kind, m.section) for m in e.mentions])
        for e in entities
    ]


def pack_document(doc: Document) -> list:
    """A parsed document as a flat list of plain values, for `write_message` to send in parts.

    Pickled whole, a book's document took one `pickle.loads` of 70 ms to read,
    holding the reader's interpreter lock all along; in parts, its interface
    runs between them. The outline is rebuilt from the blocks on arrival.
    """
    head = (doc.source, doc.format, doc.title, doc.notes)
    return [head, doc.text, doc.offset_map.columns(), *map(block_values, doc.blocks)]


def unpack_document(values: list) -> Document:
    """The document `pack_document` packed."""
    (source, fmt, title, notes), text, columns, *packed = values
    blocks = [block_from_values(b) for b in packed]
    return Document(source, fmt, title, text, blocks, build_outline(title, text, blocks),
                    OffsetMap.from_columns(*columns), list(notes))


def unpack_entities(packed: list[tuple]) -> list[Entity]:
    """The entities `pack_entities` packed."""
    return [
        Entity(eid, name, etype, aliases, [Mention(*m) for m in mentions], salience)
        for eid, name, etype, aliases, salience, mentions in packed
    ]


ENTITY_PARTS = 32
"""Pickles the entities travel in (see `write_message`)."""

DOC_PARTS = 32
"""Pickles a parsed document travels in (see `pack_document`)."""

PIPE_SIZE = 1 << 20
"""Pipe capacity asked for (Linux's default ceiling for an unprivileged process)."""


def widen_pipe(pipe: IO[bytes] | None) -> None:
    """Let `pipe` hold a megabyte (Linux), not 64 KB.

    A megabyte document crosses a 64 KB pipe in dozens of reads, and each
    needs the reader's interpreter lock, which its interface thread holds
    for up to 5 ms at a time while it starts: a third of a second lost.
    """
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if pipe is None or set_size is None:
        return
    try:
        fcntl.fcntl(pipe.fileno(), set_size, PIPE_SIZE)
    except OSError:  # over this system's limit: keep the default
        pass


def write_message(out: IO[bytes], kind: str, payload: object, *, parts: int = 1) -> None:
    """Write one length-prefixed message: `kind`, then `payload` pickled.

    A list payload may go as several pickles one after the other (`parts`),
    so that `read_message` unpickles it in as many calls: the reader's
    worker thread then lets its interface thread run between them (one
    `pickle.loads` of a book's 25,000 mentions holds the lock for 60 ms).
    """
    dump = pickle.dumps
    if parts > 1 and isinstance(payload, list) and len(payload) > 1:
        size = -(-len(payload) // parts)
        pickles = [dump(payload[i : i + size], pickle.HIGHEST_PROTOCOL) for i in range(0, len(payload), size)]
    else:
        pickles = [dump(payload, pickle.HIGHEST_PROTOCOL)]
    head = dump((kind, len(pickles)), pickle.HIGHEST_PROTOCOL)
    out.writelines([_LENGTH.pack(len(head) + sum(map(len, pickles))), head, *pickles])  # no copy of a 7 MB document
    out.flush()


def read_message(frame: bytes) -> tuple[str, object]:
    """The `(kind, payload)` of a frame `write_message` wrote (a split list joined again)."""
    stream = io.BytesIO(frame)
    kind, count = pickle.load(stream)
    if count == 1:
        return kind, pickle.load(stream)
    payload: list = []
    for _ in range(count):
        payload.extend(pickle.load(stream))
    return kind, payload


def read_frames(stream: IO[bytes], frames: queue.SimpleQueue) -> None:
    """Put each message's bytes from `stream` on `frames` as it arrives; None at the end."""
    try:
        while True:
            head = stream.read(_LENGTH.size)
            if len(head) < _LENGTH.size:
                break
            (size,) = _LENGTH.unpack(head)
            data = stream.read(size)
            if len(data) < size:
                break
            frames.put(data)
    except (OSError, ValueError):  # the pipe closed under us (the job was cancelled)
        pass
    finally:
        frames.put(None)


class _Spawned:
    """A child interpreter started as `python -m reader.core.isolated`; the request goes on its stdin."""

    def __init__(self, request: tuple[Any, ...], backend: str) -> None:
        # -P: don't put the working directory on the child's path (it may hold another `reader`)
        command = [sys.executable, "-P", "-m", "reader.core.isolated", backend]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for pipe in (self.process.stdin, self.process.stdout):
            widen_pipe(pipe)
        self.output: IO[bytes] = self.process.stdout  # type: ignore[assignment]
        payload = pickle.dumps(request, pickle.HIGHEST_PROTOCOL)
        threading.Thread(target=self._send, args=(payload,), daemon=True, name="entity-request").start()

    def _send(self, payload: bytes) -> None:
        try:
            with self.process.stdin as stdin:  # type: ignore[union-attr]
                stdin.write(payload)
        except OSError:  # the child died early: `failure()` reports why
            pass

    def failure(self) -> str:
        """Why the child ended without answering: its last line on stderr."""
        code = self.process.wait()
        lines = self.process.stderr.read().decode("utf-8", "replace").strip().splitlines()  # type: ignore[union-attr]
        return lines[-1] if lines else f"the entity extractor exited with {code}"

    def wait(self) -> None:
        self.process.wait()

    def running(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class _Forked:
    """A forked copy of this (single-threaded) process: no interpreter to start, no request to send."""

    def __init__(self, request: tuple[Any, ...], backend: str) -> None:
        read, write = os.pipe()
        try:
            self.pid = fork_call(lambda: _forked_main(request, backend, read, write))
        except OSError:
            os.close(read)
            os.close(write)
            raise
        os.close(write)
        self.output = os.fdopen(read, "rb")
        widen_pipe(self.output)
        self._status: int | None = None

    def failure(self) -> str:
        return f"the entity extractor exited with {self.wait()}"

    def wait(self) -> int:
        if self._status is None:
            _, status = os.waitpid(self.pid, 0)
            self._status = os.waitstatus_to_exitcode(status)
        return self._status

    def running(self) -> bool:
        if self._status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self._status = os.waitstatus_to_exitcode(status)
        return self._status is None

    def kill(self) -> None:
        if self._status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.wait()


def _start_child(request: tuple[Any, ...], backend: str) -> _Spawned | _Forked:
    """A forked child where that is safe and the system allows it, else a spawned one."""
    if can_fork():
        try:
            return _Forked(request, backend)
        except OSError:  # out of processes or pipes for now: try the other way
            pass
    return _Spawned(request, backend)


def _forked_main(request: tuple[Any, ...], backend: str, read: int, write: int) -> None:
    """The forked child: answer on `write`."""
    os.close(read)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the reader stops it; Ctrl+C is the reader's
    detach_standard_streams()
    gc.disable()  # see `main`
    with os.fdopen(write, "wb") as out:
        serve(request, backend, out)


class EntityJob:
    """An extraction running in a child process; `result()` waits for it.

    The child is a fork of this process when that is safe (POSIX, no other
    thread yet: the reader prefetching before Textual starts), which saves
    starting an interpreter and sending the source; else a fresh interpreter.
    A child given source text sends its parsed `Document` first
    (`document()`), so the reader need not parse a big file a second time.
    """

    def __init__(self, request: tuple[Any, ...], backend: str) -> None:
        self._child = _start_child(request, backend)
        self.sends_document = request[0] == "source"
        self._doc: Document | None = None
        self._error: BaseException | None = None
        self._reading = threading.Lock()
        self._frames: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(
            target=read_frames, args=(self._child.output, self._frames), daemon=True, name="entity-results"
        ).start()
        atexit.register(self.cancel)

    @property
    def forked(self) -> bool:
        """True if the child is a fork of this process."""
        return isinstance(self._child, _Forked)

    def _next(self, expected: str) -> Any:
        """The payload of the child's next message, of kind `expected`; its failure raised here."""
        if self._error is not None:
            raise self._error
        frame = self._frames.get()
        if frame is None:
            self._error = RuntimeError(self._child.failure())
            raise self._error from None
        with gc_paused():
            kind, payload = read_message(frame)
        if kind == "error":
            self._error = payload
            raise payload
        if kind != expected:  # the child's messages are not in the order agreed
            self._error = RuntimeError(f"the entity process sent {kind!r} where {expected!r} was due")
            raise self._error
        return payload

    def document(self) -> Document:
        """The document the child parsed from source text (waits for it)."""
        with self._reading:
            if self._doc is None:
                values = self._next("doc")
                with gc_paused():
                    self._doc = unpack_document(values)
            return self._doc

    def result(self) -> list[Entity]:
        """The entities, or the child's error raised here."""
        if self.sends_document:
            self.document()
        with self._reading:
            packed = self._next("entities")
            with gc_paused():
                entities = unpack_entities(packed)
        self._child.wait()
        atexit.unregister(self.cancel)
        return entities

    @property
    def running(self) -> bool:
        """True while the child process is alive."""
        return self._child.running()

    def cancel(self) -> None:
        """Stop the child if it is still running (the reader is quitting)."""
        self._child.kill()


def extract_in_child(doc: Document, backend: str) -> list[Entity]:
    """`extract_entities(doc, backend)`, computed in a child interpreter."""
    return EntityJob(document_request(doc), backend).result()


def entity_workers() -> int:
    """Processes a big document's parse and extraction are split over."""
    return min(available_workers(), MAX_WORKERS)


def _document(request: tuple[Any, ...]) -> Document:
    if request[0] == "doc":
        return request[1]
    from reader.core.parse import parse_source

    _, source, name, fmt, raw = request
    # The reader is starting Textual meanwhile (a second of one core's time):
    # parsing in as many parts as there are other cores leaves it that core.
    return parse_source(source, name, fmt=fmt, raw=raw, workers=entity_workers() - 1)


def serve(request: tuple[Any, ...], backend: str, out: IO[bytes]) -> None:
    """Answer `request` on `out`: for a source request ("doc", `pack_document` of the
    parsed document), then ("entities", packed entities) or ("error", exception)."""
    from reader.core.entities import extract_entities

    sender = None
    try:
        doc = _document(request)
        sender = _send_aside(out, "doc", lambda: pack_document(doc), DOC_PARTS) if request[0] == "source" else None
        entities = extract_entities(doc, backend, workers=entity_workers())
        _sent(sender)
        sender = None
        write_message(out, "entities", pack_entities(entities), parts=ENTITY_PARTS)
    except Exception as error:  # sent back and raised in the parent
        try:
            _sent(sender)  # never write into the pipe while the copy is writing the document
        except Exception as failed:  # no document went: the error says why
            error = failed
        write_message(out, "error", error)


def _sent(sender: int | None) -> None:
    """Wait for the copy `_send_aside` made to finish writing; raise if it failed."""
    if sender is not None and not exited_cleanly(sender):
        raise RuntimeError("the parsed document could not be sent")


def _send_aside(out: IO[bytes], kind: str, payload: Callable[[], list], parts: int) -> int | None:
    """Write a message (the list `payload()` makes, in `parts`) from a forked copy of this
    process, so the extraction starts at once.

    Packing and pickling a book's document and pushing 7 MB through a pipe the
    reader drains between frames took this process 50-100 ms. Returns the
    copy's pid, to wait for before writing anything else; without fork (or
    when it fails), writes here and returns None.
    """
    out.flush()
    try:
        pid = fork_call(lambda: write_message(out, kind, payload(), parts=parts)) if can_fork() else -1
    except OSError:  # no memory or processes left for a copy
        pid = -1
    if pid < 0:
        write_message(out, kind, payload(), parts=parts)
        return None
    return pid


def main() -> None:
    """The spawned child: a pickled request on stdin, the answer on stdout (see `serve`)."""
    gc.disable()  # a short-lived process of many small acyclic objects: see `gc_paused`
    request = pickle.load(sys.stdin.buffer)
    serve(request, sys.argv[1], sys.stdout.buffer)


if __name__ == "__main__":
    main()
