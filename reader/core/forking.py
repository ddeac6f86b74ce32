"""Helpers for work done in a forked copy of this process (POSIX)."""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

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


def fork_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    encode: Callable[[R], Any] = lambda r: r,
    decode: Callable[[Any], R] = lambda r: r,
) -> list[R]:
    """`[fn(item) for item in items]`, the first here and each other in a forked child.

    A child's result travels as `pickle(encode(result))` and comes back
    through `decode`; a part whose child could not start or failed is computed
    here afterwards, so the answer never depends on the forking.
    """
    if len(items) < 2 or not can_fork():
        return [fn(item) for item in items]
    children = [_fork(fn, item, encode) for item in items[1:]]
    results = [fn(items[0])]
    for item, child in zip(items[1:], children):
        packed = _collect(child)
        results.append(fn(item) if packed is _FAILED else decode(packed))
    return results


_FAILED = object()


def _fork(fn: Callable[[T], R], item: T, encode: Callable[[R], Any]) -> tuple[int, int] | None:
    """Start a child computing `fn(item)`; (its pid, the pipe to read it from), or None."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: compute, send, and leave without running any exit handler
        status = 1
        try:
            os.close(read)
            detach_standard_streams()
            data = pickle.dumps(encode(fn(item)), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _collect(child: tuple[int, int] | None) -> Any:
    """A child's decoded-to-pickle result, or `_FAILED`."""
    if child is None:
        return _FAILED
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return _FAILED
    try:
        return pickle.loads(data)
    except Exception:  # a truncated message: the child died while writing
        return _FAILED
