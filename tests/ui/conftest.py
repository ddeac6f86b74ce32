"""Fixtures for the reader UI tests: the sample article and small hand-made documents."""

from __future__ import annotations

from pathlib import Path


import pytest

from reader.core.store import Store
from reader.ui.app import ReaderApp

SAMPLE = Path(__file__).resolve().parents[2] / "seeds" / "czech-republic-restricts-russian-diplomats.txt"


@pytest.fixture(scope="session")
def sample_store() -> Store:
    """The sample article as the CLI would open it (shared: its entities are computed once)."""
    return Store.open(SAMPLE)


@pytest.fixture
def sample_app(sample_store: Store) -> ReaderApp:
    return ReaderApp([sample_store])
