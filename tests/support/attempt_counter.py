"""An in-memory AttemptCounter (services/status_lookup.py) with the DynamoDB adapter's window semantics."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from ektp.domain.status_lookup import window_open


class InMemoryAttemptCounter:
    def __init__(self) -> None:
        self.windows: dict[str, tuple[datetime, int]] = {}  # key -> (window start, attempts)
        self._lock = threading.Lock()

    def take(self, key: str, limit: int, now: datetime, window: timedelta) -> bool:
        with self._lock:
            started, attempts = self.windows.get(key, (now, 0))
            if not window_open(started, now, window):
                started, attempts = now, 0  # the last window ran out: a new one
            if attempts >= limit:
                return False
            self.windows[key] = (started, attempts + 1)
            return True

    def give_back(self, key: str) -> None:
        with self._lock:
            if key in self.windows and self.windows[key][1] > 0:
                started, attempts = self.windows[key]
                self.windows[key] = (started, attempts - 1)
