"""Attack review s6 finding 2: re-rolling the active-liveness challenge until a pre-recorded order comes up.

Before: CENTER plus a permutation of 4 moves (24 orders) and no limit on new challenges, so a recording made once
in a fixed order came up after a few dozen requests, all at the same instant. Now each application has a budget of
challenges (domain/limits.py, one conditional write on the repository: the fake and the DynamoDB adapter on moto),
and every challenge is drawn from 4^8 orders (domain/liveness.py; the replay chance is tested in
tests/unit/biometrics/test_liveness_replay.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.domain.limits import LIVENESS_CHALLENGE_WINDOW, MAX_LIVENESS_CHALLENGES
from ektp.domain.liveness import Pose
from ektp.errors import ServiceError
from ektp.ports import ApplicationRepository
from ektp.services.applications import ApplicationService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow
from tests.unit.core.test_store_contract import TABLE, aws  # noqa: F401  (fixture: moto's table)

RECORDED = [Pose.CENTER, Pose.LEFT, Pose.RIGHT, Pose.UP, Pose.DOWN]  # the one replayable recording
NOW = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)


@pytest.fixture(params=["fake", "dynamodb-on-moto"])
def repository(request: pytest.FixtureRequest, aws: None) -> ApplicationRepository:  # noqa: F811
    return InMemoryRepository() if request.param == "fake" else DynamoApplicationRepository(TABLE)


def service(repo: ApplicationRepository, clock: Callable[[], datetime] = lambda: NOW) -> ApplicationService:
    return ApplicationService(
        repo, InMemoryStore(), RecordingWorkflow(), clock=clock, today=lambda: date(2026, 12, 3)
    )


def test_challenges_cannot_be_rerolled_until_a_recorded_order_comes_up(
    repository: ApplicationRepository,
) -> None:
    apps = service(repository)
    app_id = apps.register("mallory", application_request()).application_id
    issued: list[list[Pose]] = []
    for _ in range(500):
        try:
            issued.append(list(apps.issue_liveness_challenge("mallory", app_id).liveness_challenge or []))
        except ServiceError as exc:
            assert exc.code == "LIVENESS_CHALLENGE_LIMIT_REACHED"
            break
    assert len(issued) == MAX_LIVENESS_CHALLENGES
    assert RECORDED not in issued
    assert all(len(c) == 9 and c[0] is Pose.CENTER for c in issued)


def test_the_budget_is_per_application_and_comes_back_after_its_window(
    repository: ApplicationRepository,
) -> None:
    now = [NOW]
    apps = service(repository, clock=lambda: now[0])
    first = apps.register("ani", application_request()).application_id
    second = apps.register("ani", application_request()).application_id
    for _ in range(MAX_LIVENESS_CHALLENGES):
        apps.issue_liveness_challenge("ani", first)
    with pytest.raises(ServiceError):
        apps.issue_liveness_challenge("ani", first)
    assert apps.issue_liveness_challenge("ani", second).liveness_challenge  # another application's budget
    now[0] = NOW + LIVENESS_CHALLENGE_WINDOW + timedelta(seconds=1)
    assert apps.issue_liveness_challenge("ani", first).liveness_challenge


def test_a_refused_challenge_leaves_the_last_one_in_place(repository: ApplicationRepository) -> None:
    apps = service(repository)
    app_id = apps.register("ani", application_request()).application_id
    for _ in range(MAX_LIVENESS_CHALLENGES):
        last = apps.issue_liveness_challenge("ani", app_id)
    with pytest.raises(ServiceError):
        apps.issue_liveness_challenge("ani", app_id)
    stored = repository.get(app_id)
    assert stored is not None and stored.liveness_challenge == last.liveness_challenge
