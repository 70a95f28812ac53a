from __future__ import annotations

from collections.abc import Iterator

import pytest

from local_runtime import LocalStack


@pytest.fixture(scope="session")
def stack() -> Iterator[LocalStack]:
    """The whole synthesized stack on moto, shared by every test of one worker that needs it (one local
    stack per process: the functions' clients and caches are process-wide, as in one Lambda sandbox)."""
    with LocalStack() as local:
        yield local
