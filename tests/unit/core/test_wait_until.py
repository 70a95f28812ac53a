"""The tests' one polling helper: returns the first value that satisfies, times out naming the last value."""

from __future__ import annotations

import itertools

import pytest

from tests.support.wait import wait_until


def test_returns_the_first_value_that_satisfies_the_condition() -> None:
    counter = itertools.count()
    assert wait_until(lambda: next(counter), lambda n: n >= 3, timeout=5, interval=0) == 3


def test_a_falsy_read_is_waited_on_by_default() -> None:
    reads = iter([[], [], ["event"]])
    assert wait_until(lambda: next(reads), timeout=5, interval=0) == ["event"]


def test_times_out_naming_the_last_value_read() -> None:
    with pytest.raises(TimeoutError, match="chain: still 'RUNNING'"):
        wait_until(lambda: "RUNNING", lambda s: s != "RUNNING", timeout=0.05, interval=0.01, what="chain")
