"""The repository's allowances (take_allowance): one conditional write per use, the same on the fake and on the
DynamoDB adapter against moto, parallel uses included; the items live under the application and go with it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ektp.ports import ApplicationRepository
from tests.unit.core.test_store_contract import _repositories, _stored, aws  # noqa: F401  (fixture)

T0 = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_an_allowance_refuses_past_its_limit_until_its_window_ran_out(aws: None, make: Any) -> None:  # noqa: F811
    repository: ApplicationRepository = make()
    app = _stored(repository).application_id
    other = _stored(repository).application_id
    assert [repository.take_allowance(app, "X", 2, T0, HOUR) for _ in range(3)] == [True, True, False]
    assert repository.take_allowance(app, "Y", 2, T0, HOUR)  # another purpose
    assert repository.take_allowance(other, "X", 2, T0, HOUR)  # another application
    assert not repository.take_allowance(app, "X", 2, T0 + HOUR - timedelta(seconds=1), HOUR)
    assert repository.take_allowance(app, "X", 2, T0 + HOUR + timedelta(seconds=1), HOUR)  # a new window
    view = repository.view(app)
    assert view is not None and view.application.application_id == app  # the counters do not disturb a read


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_parallel_uses_never_run_past_the_limit(aws: None, make: Any) -> None:  # noqa: F811
    repository: ApplicationRepository = make()
    app = _stored(repository).application_id
    with ThreadPoolExecutor(max_workers=8) as pool:
        taken = list(pool.map(lambda _: repository.take_allowance(app, "X", 5, T0, HOUR), range(24)))
    assert sum(taken) == 5
