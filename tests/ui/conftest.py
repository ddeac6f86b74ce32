"""Fixtures for the reader UI tests: the sample article and small hand-made documents."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path


import pytest

from reader.core.store import Store
from reader.ui.app import ReaderApp
from reader.ui.screen import ReaderScreen
from ui_helpers import wait_for

SAMPLE = Path(__file__).resolve().parents[2] / "seeds" / "czech-republic-restricts-russian-diplomats.txt"


@pytest.fixture(scope="session")
def sample_store() -> Store:
    """The sample article as the CLI would open it (shared: its entities are computed once)."""
    return Store.open(SAMPLE)


@pytest.fixture
def sample_app(sample_store: Store) -> ReaderApp:
    return ReaderApp([sample_store])


@pytest.fixture(autouse=True)
def assembled_screens(monkeypatch):
    """`run_test` hands over the pilot once the reader screen has every pane.

    The reader mounts its navigator, search bar and entity lists just after
    its first frame (keys pressed before are held and replayed; tests of that
    post their keys from `on_mount`); tests that query those widgets start
    from the assembled screen.
    """
    original = ReaderApp.run_test

    @asynccontextmanager
    async def run_test(self, *args, **kwargs):
        async with original(self, *args, **kwargs) as pilot:
            assert await wait_for(pilot, lambda: not isinstance(self.screen, ReaderScreen) or self.screen.ready)
            yield pilot

    monkeypatch.setattr(ReaderApp, "run_test", run_test)
