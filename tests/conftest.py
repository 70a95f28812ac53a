from __future__ import annotations

from collections.abc import Iterator

import pytest

from local_runtime import WITHOUT_LIVENESS_POLICY, LocalStack


@pytest.fixture(scope="session")
def stack() -> Iterator[LocalStack]:
    """The whole synthesized stack on moto, shared by every test of one worker that needs it (one local
    stack per process: the functions' clients and caches are process-wide, as in one Lambda sandbox)."""
    # Liveness is required for first applications by policy (infra.settings); the tests' applicants do not
    # film themselves, so the shared stack turns the policy off. The policy is tested in the chain's unit
    # tests (test_attack_missing_evidence) and `make demo` runs with it on, liveness frames and all.
    with LocalStack(WITHOUT_LIVENESS_POLICY) as local:
        yield local
