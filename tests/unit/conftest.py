"""Fixtures for every unit test: spies on decoders, which a test of a hostile file watches (the decoder must never
run on it)."""

from __future__ import annotations

from typing import Any

import cv2
import pytest


@pytest.fixture
def imdecode_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The buffer sizes `cv2.imdecode` was called with during the test (it still decodes)."""
    calls: list[int] = []
    real = cv2.imdecode

    def spy(buf: Any, flags: int) -> Any:
        calls.append(len(buf))
        return real(buf, flags)

    monkeypatch.setattr(cv2, "imdecode", spy)
    return calls
