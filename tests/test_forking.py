"""`fork_map`: work shared with forked children, the same answers as without them."""

from __future__ import annotations

import os
import time

import pytest

from reader.core import forking

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks processes")


@pytest.fixture(autouse=True)
def forking_allowed(monkeypatch):
    """Fork even if the test runner has threads (these children touch no lock)."""
    monkeypatch.setattr(forking, "can_fork", lambda: True)


def slow_pid(_: object) -> int:
    time.sleep(0.1)
    return os.getpid()


def test_each_process_takes_the_next_item_nobody_has_taken():
    pids = forking.fork_map(slow_pid, range(6), processes=3)
    assert len(pids) == 6 and os.getpid() in pids
    assert len(set(pids)) == 3  # every process took a share


def test_by_default_each_item_has_its_process():
    assert len(set(forking.fork_map(slow_pid, range(3)))) == 3


def test_without_fork_the_parts_run_here(monkeypatch):
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    assert forking.fork_map(lambda _: os.getpid(), [1, 2]) == [os.getpid()] * 2


def test_the_items_a_failing_child_took_are_computed_here():
    parent = os.getpid()

    def square(x: int) -> int:
        time.sleep(0.05)  # slow enough for the child to take some
        if os.getpid() != parent:
            raise RuntimeError("child failure")
        return x * x

    assert forking.fork_map(square, [1, 2, 3, 4], processes=2) == [1, 4, 9, 16]


def test_fork_map_encodes_what_crosses_the_pipe():
    got = forking.fork_map(lambda x: {x}, [1, 2], encode=sorted, decode=set)
    assert got == [{1}, {2}]
