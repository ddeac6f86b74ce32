"""Garbage collections wait for an idle reader, or for the pause after a frame."""

from __future__ import annotations

import gc

from reader.ui import collector
from reader.ui.collector import BUSY_LIMIT, DUE, IDLE, IdleCollector
from ui_helpers import wait_for_entities


def test_thresholds_are_raised_while_running_and_given_back():
    before = gc.get_threshold()
    idle = IdleCollector()
    idle.start()
    assert gc.get_threshold() == (before[0], before[1], BUSY_LIMIT)
    idle.stop()
    assert gc.get_threshold() == before


def test_a_due_collection_runs_only_once_the_reader_is_idle(monkeypatch):
    now = [100.0]
    collected = []
    monkeypatch.setattr(collector, "monotonic", lambda: now[0])
    monkeypatch.setattr(gc, "collect", lambda *args: collected.append(args) or 0)
    count = [(0, 0, DUE - 1)]
    monkeypatch.setattr(gc, "get_count", lambda: count[0])
    idle = IdleCollector()
    now[0] += IDLE + 1
    count[0] = (0, 0, DUE)
    assert not idle.tick() and not collected  # the document is not settled yet
    idle.settled = True
    count[0] = (0, 0, DUE - 1)
    assert not idle.tick() and not collected  # not due yet
    count[0] = (0, 0, DUE)
    idle.touched()
    assert not idle.tick() and not collected  # due, but a key was just pressed
    now[0] += IDLE
    assert idle.tick() and len(collected) == 1


async def test_the_app_collects_when_idle(sample_app, monkeypatch):
    ran = []
    monkeypatch.setattr(IdleCollector, "tick", lambda self: ran.append(True))
    async with sample_app.run_test(size=(80, 24)) as pilot:
        assert gc.get_threshold()[2] == BUSY_LIMIT
        await wait_for_entities(pilot)
        assert sample_app.collector.settled
        await pilot.pause(IDLE)
    assert ran and gc.get_threshold()[2] != BUSY_LIMIT


def test_a_middle_collection_about_to_fall_due_runs_between_frames(monkeypatch):
    collected = []
    monkeypatch.setattr(gc, "collect", lambda *args: collected.append(args) or 0)
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, BUSY_LIMIT))
    idle = IdleCollector()
    monkeypatch.setattr(gc, "get_count", lambda: (5, 10 - collector.SOON - 1, 0))
    assert not idle.between_frames() and not collected
    monkeypatch.setattr(gc, "get_count", lambda: (5, 10 - collector.SOON, 0))
    assert idle.between_frames() and collected == [(1,)]


async def test_the_article_collects_once_it_has_drawn_ahead(sample_app, monkeypatch):
    ran = []
    monkeypatch.setattr(IdleCollector, "between_frames", lambda self: ran.append(True))
    async with sample_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ran.clear()
        await pilot.press("pagedown")
        await pilot.pause()
        assert ran
