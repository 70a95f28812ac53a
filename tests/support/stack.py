"""The whole synthesized stack on moto, as a pytest fixture for the suites that need it (tests/integration,
tests/browser: their conftest.py imports it as `local_stack`; tests ask for `stack`). Kept out of the root conftest so that a domain or service test
loads nothing of the local runtime, moto or boto3."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from local_runtime import WITHOUT_LIVENESS_POLICY, LocalStack


# The integration and browser conftests each import the fixture below, which makes two session fixtures: when one
# worker runs tests of both folders (pytest -n 2 --dist loadfile), both ask for a stack, and a process holds one.
# They share it: the first to ask starts it, the last to finish stops it.
class _Shared:
    """The worker's one stack and how many session fixtures hold it."""

    def __init__(self) -> None:
        self.stack: LocalStack | None = None
        self.holders = 0
        self.exits = ExitStack()

    def take(self) -> LocalStack:
        if self.stack is None:
            self.stack = self.exits.enter_context(LocalStack(WITHOUT_LIVENESS_POLICY))
        self.holders += 1
        return self.stack

    def give_back(self) -> None:
        self.holders -= 1
        if self.holders == 0:
            self.stack = None
            self.exits.close()


_SHARED = _Shared()


@pytest.fixture(scope="session", name="stack")
def local_stack() -> Iterator[LocalStack]:
    """One local stack per worker process, shared by every test of that worker that needs it (the functions'
    clients and caches are process-wide, as in one Lambda sandbox)."""
    # Liveness is required for first applications by policy (infra.settings); the tests' applicants do not
    # film themselves, so the shared stack turns the policy off. The policy is tested in the chain's unit
    # tests (test_attack_missing_evidence) and `make demo` runs with it on, liveness frames and all.
    stack = _SHARED.take()
    try:
        yield stack
    finally:
        _SHARED.give_back()
