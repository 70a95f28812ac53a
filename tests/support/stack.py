"""The whole synthesized stack on moto, as a pytest fixture for the suites that need it (tests/integration,
tests/browser: their conftest.py imports it as `local_stack`; tests ask for `stack`). Kept out of the root conftest so that a domain or service test
loads nothing of the local runtime, moto or boto3."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from local_runtime import WITHOUT_LIVENESS_POLICY, LocalStack


@pytest.fixture(scope="session", name="stack")
def local_stack() -> Iterator[LocalStack]:
    """One local stack per worker process, shared by every test of that worker that needs it (the functions'
    clients and caches are process-wide, as in one Lambda sandbox)."""
    # Liveness is required for first applications by policy (infra.settings); the tests' applicants do not
    # film themselves, so the shared stack turns the policy off. The policy is tested in the chain's unit
    # tests (test_attack_missing_evidence) and `make demo` runs with it on, liveness frames and all.
    with LocalStack(WITHOUT_LIVENESS_POLICY) as local:
        yield local
