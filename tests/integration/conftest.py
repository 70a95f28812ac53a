from __future__ import annotations

from collections.abc import Iterator

import pytest

from local_runtime import LocalStack


@pytest.fixture(scope="session")
def stack() -> Iterator[LocalStack]:
    """The whole synthesized stack on moto, shared by the integration tests of one worker."""
    with LocalStack() as local:
        yield local
