"""Shared fixtures: the bundled sample; Hypothesis profiles."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from reader.core.store import Store
from tests_support import SAMPLE

# Hypothesis: a bounded run in CI; `--hypothesis-profile=thorough` for long local runs.
settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile("ci")


@pytest.fixture(scope="session")
def sample_store() -> Store:
    """The sample article, parsed once for the session."""
    return Store.open(SAMPLE)


@pytest.fixture(scope="session")
def sample_source() -> str:
    """The sample's source text."""
    return SAMPLE.read_text(encoding="utf-8")
