"""Helpers for work done in a forked copy of this process (POSIX)."""

from __future__ import annotations

import os
import threading


def can_fork() -> bool:
    """True where `os.fork` exists and this process runs a single thread.

    A fork copies only the calling thread; a lock another thread held at
    that moment would stay locked in the copy forever, so a process with
    threads (the reader once Textual runs) starts a fresh interpreter instead.
    """
    return hasattr(os, "fork") and threading.active_count() == 1


def detach_standard_streams() -> None:
    """Point a forked child's stdin, stdout and stderr at the null device.

    The child then never writes to the terminal or to a pipe its parent
    reads, and its parent's pipes reach end-of-file when the parent is done.
    """
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
