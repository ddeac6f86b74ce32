"""Helpers shared by the UI tests."""

from __future__ import annotations

import io
import threading
from time import monotonic

from rich.console import Console

from reader.core.model import Entity, Mention
from reader.core.store import Store
from reader.ui.app import ReaderApp


def screen_text(app: ReaderApp) -> str:
    """Everything on screen as plain text, one line per row: what a user sees."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(),
                      force_terminal=True, record=True, legacy_windows=False)  # fmt: skip
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def wait_for_entities(pilot, timeout: float = 30.0) -> None:
    """Let the entity worker finish and its messages land: the entities listed and their mentions
    indexed, or the failure shown (either settles the app's collector).

    The worker starts after the screen's first frame, so a first look may find none running
    yet (and a busy machine may not have started it): look again until it has settled.
    """
    deadline = monotonic() + timeout
    while True:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if pilot.app.collector.settled or monotonic() > deadline:
            return
        await pilot.pause(0.02)


class StubStore:
    """A Store whose entities are given (or fail), for worker and click tests."""

    def __init__(self, store: Store, entities: list[Entity] | Exception, gate: threading.Event | None = None) -> None:
        self._store = store
        self._gate = gate
        self.doc = store.doc
        self._entities = entities

    def search(self, query: str, **kwargs):
        return self._store.search(query, **kwargs)

    complete = True

    def entities(self, backend: str = "rules", *, isolated: bool = False) -> list[Entity]:
        if self._gate is not None:
            self._gate.wait(10)
        if isinstance(self._entities, Exception):
            raise self._entities
        return self._entities


def entity_for(store: Store, name: str, kind: str = "place") -> Entity:
    """An entity whose mentions are every occurrence of `name` in the text."""
    text = store.doc.text
    mentions, pos = [], text.find(name)
    while pos != -1:
        mentions.append(Mention(pos, pos + len(name), name, "name", store.doc.section_at(pos).index))
        pos = text.find(name, pos + 1)
    return Entity(name.lower(), name, kind, mentions=mentions, salience=float(len(mentions)))


async def wait_for(pilot, condition, timeout: float = 5.0) -> bool:
    """Pause until `condition()` holds (or `timeout` passes); return whether it held."""
    steps = int(timeout / 0.02)
    for _ in range(steps):
        if condition():
            return True
        await pilot.pause(0.02)
    return condition()
