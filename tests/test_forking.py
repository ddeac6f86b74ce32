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
    time.sleep(0.2)  # far longer than a fork: every process gets to take one
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


def test_the_items_a_failing_child_took_are_computed_here(tmp_path):
    parent = os.getpid()

    def square(x: int) -> int:
        time.sleep(0.05)  # slow enough for the child to take some
        if os.getpid() != parent:
            (tmp_path / f"child-took-{x}").touch()
            raise RuntimeError("child failure")
        return x * x

    assert forking.fork_map(square, [1, 2, 3, 4], processes=2) == [1, 4, 9, 16]
    assert list(tmp_path.glob("child-took-*"))  # the child did take some, and failed


def test_more_items_than_a_pipe_holds_run_here(monkeypatch):
    monkeypatch.setattr(forking, "MAX_ITEMS", 3)
    assert forking.fork_map(lambda _: os.getpid(), range(4), processes=2) == [os.getpid()] * 4


def test_a_failure_here_still_collects_the_children(monkeypatch):
    parent = os.getpid()
    started = []
    fork = forking._fork

    def recording(*args):
        child = fork(*args)
        started.append(child[0])
        return child

    def fail_here(x: int) -> int:
        time.sleep(0.05)
        if os.getpid() == parent:
            raise ValueError("here")
        return x

    monkeypatch.setattr(forking, "_fork", recording)
    with pytest.raises(ValueError):
        forking.fork_map(fail_here, range(4), processes=2)
    assert started
    for pid in started:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # already waited for: not left running or unreaped


def test_fork_map_encodes_what_crosses_the_pipe():
    got = forking.fork_map(lambda x: {x}, [1, 2], encode=sorted, decode=set)
    assert got == [{1}, {2}]
