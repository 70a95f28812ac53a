"""The integration tests run against the whole local stack (tests/support/stack.py)."""

from __future__ import annotations

from tests.support.stack import local_stack  # noqa: F401  (the session fixture, shared by every test here)
