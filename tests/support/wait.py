"""One way for a test to wait on the local stack: its executions, queues and streams run in threads."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(
    read: Callable[[], T],
    until: Callable[[T], object] = bool,
    *,
    timeout: float,
    interval: float = 0.1,
    what: str = "condition",
) -> T:
    """Read until `until(value)` holds and return that value; TimeoutError naming the last value read when
    `timeout` seconds pass first. The read is always tried at least once."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if until(value):
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{what}: still {value!r} after {timeout:.0f} s")
        time.sleep(interval)
