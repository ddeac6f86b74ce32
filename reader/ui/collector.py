"""Garbage collections, moved to when the reader is idle or between frames.

The parsed document and the entities are put out of the collector's reach
once they are in (`gc.freeze`), but a session makes new long-lived objects
(rows drawn, search results, Textual's own caches). Python collects them in
a full collection every ten young ones, and that walk (20-150 ms, measured
on a book) lands on whatever key is being answered: a page down, a letter
of a search. `IdleCollector` raises that threshold out of reach and runs
the same collection instead once no key or mouse event came for a while.
"""

from __future__ import annotations

import gc
from time import monotonic

IDLE = 1.0
"""Seconds without input before a due full collection runs."""

DUE = 10
"""Young (generation 1) collections since the last full one that make a full one due (Python's default)."""

SOON = 3
"""Young collections before a middle-generation one is due that make it worth running early."""

BUSY_LIMIT = 10_000
"""The threshold while the reader runs: a full collection still happens after this many young ones."""


class IdleCollector:
    """Start it with the app, call `touched` on input and `tick` from a timer; `stop` at exit.

    Nothing is collected until `settled` is set: while a big document's
    entities are being extracted, the reader's idle moments belong to the
    child processes doing it (and `gc.freeze` will soon take most objects
    out of reach anyway).
    """

    def __init__(self) -> None:
        self.last_input = monotonic()
        self.settled = False
        """Set once the document and its entities are in: before, the reader is busy even when idle."""
        self._saved: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Take full collections off the allocation count."""
        if self._saved is None:
            self._saved = gc.get_threshold()
            gc.set_threshold(self._saved[0], self._saved[1], BUSY_LIMIT)

    def stop(self) -> None:
        """Give Python back its thresholds."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def touched(self) -> None:
        """The reader pressed a key or used the mouse."""
        self.last_input = monotonic()

    def between_frames(self) -> bool:
        """Run a middle-generation collection now if one is about to fall due; True if it ran.

        Python runs one every ten young collections: 5-10 ms on a book, which
        lands on a key's frame unless taken early, in the pause after a frame
        (the article calls this when it has drawn ahead).
        """
        if not gc.isenabled() or gc.get_count()[1] < gc.get_threshold()[1] - SOON:
            return False
        gc.collect(1)
        return True

    def tick(self) -> bool:
        """Run a due full collection if the reader has been idle; True if one ran."""
        if not self.settled or not gc.isenabled() or gc.get_count()[2] < DUE or monotonic() - self.last_input < IDLE:
            return False
        gc.collect()
        return True
