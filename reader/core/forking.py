"""Helpers for work done in a forked copy of this process (POSIX)."""

from __future__ import annotations

import os
import pickle
import struct
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    """True where `os.fork` exists and this process runs a single thread.

    A fork copies only the calling thread; a lock another thread held at
    that moment would stay locked in the copy forever, so a process with
    threads (the reader once Textual runs) starts a fresh interpreter instead.
    """
    return hasattr(os, "fork") and threading.active_count() == 1


def available_workers() -> int:
    """How many processes may split the work: the cores this process may use, if it can fork."""
    if not hasattr(os, "fork"):
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def detach_standard_streams() -> None:
    """Point a forked child's stdin, stdout and stderr at the null device.

    The child then never writes to the terminal or to a pipe its parent
    reads, and its parent's pipes reach end-of-file when the parent is done.
    """
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


def fork_call(body: Callable[[], object]) -> int:
    """Fork; the copy runs `body()` and leaves, with status 0 (1 if it raised), without
    running this process's exit handlers. Returns the copy's pid; raises `OSError` if
    there can be no copy.
    """
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            body()
            status = 0
        finally:
            os._exit(status)
    return pid


def exited_cleanly(pid: int) -> bool:
    """Wait for the child `pid`; True if it exited with status 0."""
    _, status = os.waitpid(pid, 0)
    return status == 0


def fork_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    encode: Callable[[R], Any] = lambda r: r,
    decode: Callable[[Any], R] = lambda r: r,
    *,
    processes: int | None = None,
) -> list[R]:
    """`[fn(item) for item in items]`, computed by this process and forked children.

    `processes` (this one included; default one per item) take the items
    one at a time, each the next that nobody has taken: whoever the machine
    gives more time does more of them, so all finish together. A child's
    results travel as `pickle(encode(result))` and come back through
    `decode`; an item whose child could not start or failed is computed here
    afterwards, so the answer never depends on the forking.
    """
    processes = min(len(items), processes or len(items))
    if processes < 2 or len(items) > MAX_ITEMS or not can_fork():
        return [fn(item) for item in items]
    try:
        claims = _claims(len(items))
    except OSError:
        return [fn(item) for item in items]
    children = [_fork(fn, items, claims, encode) for _ in range(processes - 1)]
    results: dict[int, R] = {}
    try:
        with claims:
            for i in _claimed(claims):
                results[i] = fn(items[i])
    finally:  # collected even if an item failed here: no child is left behind
        for child in children:
            for i, packed in _collect(child):
                results[i] = decode(packed)
    return [results[i] if i in results else fn(item) for i, item in enumerate(items)]


MAX_ITEMS = 1024
"""Items `fork_map` shares out at most: their indices must fit in a pipe before anyone reads
(a pipe holds at least a page, 4 KB); more run here one after another."""


_INDEX = struct.Struct("=I")


def _claims(count: int) -> IO[bytes]:
    """A pipe holding the indices 0 … `count` - 1, its writing end closed: whoever reads one, takes it.

    On Linux a pipe read of a few bytes is atomic, so processes sharing it never
    take the same index. (Were a read ever short, that index would be computed
    here at the end: the answer does not depend on it.)
    """
    read, write = os.pipe()
    with os.fdopen(write, "wb") as out:  # a few bytes per item: far below the pipe's capacity
        out.write(b"".join(_INDEX.pack(i) for i in range(count)))
    return os.fdopen(read, "rb", buffering=0)


def _claimed(claims: IO[bytes]) -> Iterator[int]:
    """The indices this process takes from `claims`, one at a time, until none is left."""
    while len(data := os.read(claims.fileno(), _INDEX.size)) == _INDEX.size:
        yield _INDEX.unpack(data)[0]


def _fork(
    fn: Callable[[T], R], items: Sequence[T], claims: IO[bytes], encode: Callable[[R], Any]
) -> tuple[int, int] | None:
    """Start a child computing `fn` of the items it claims; (its pid, the pipe to read from), or None.

    The child sends its results once it has claimed the last: sent as they come, they would
    fill the pipe while this process is busy with its own items, and stop the child.
    """
    try:
        read, write = os.pipe()
    except OSError:
        return None

    def child() -> None:
        os.close(read)
        detach_standard_streams()
        done = [(i, encode(fn(items[i]))) for i in _claimed(claims)]
        data = pickle.dumps(done, pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as out:
            out.write(data)

    try:
        pid = fork_call(child)
    except OSError:
        os.close(read)
        os.close(write)
        return None
    os.close(write)
    return pid, read


def _collect(child: tuple[int, int] | None) -> list[tuple[int, Any]]:
    """A child's (index, encoded result) pairs; none if it failed."""
    if child is None:
        return []
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    if not exited_cleanly(pid) or not data:
        return []
    try:
        return pickle.loads(data)
    except Exception:  # a truncated message: the child died while writing
        return []
