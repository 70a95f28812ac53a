"""Attack: fill the five-year audit store from one account, a GET or a PATCH at a time.

Every timeline event is streamed to the audit bucket under Object Lock in compliance mode (5 years: nobody may
delete it early). Two resident routes wrote one for every call and had no brake: the data export (GET
/applications/{id}/export records DATA_EXPORTED) and the correction of a draft (PATCH records DATA_CORRECTED and
rewrites the record). Before, 300 exports and 300 corrections of one draft wrote 600 events, each an audit
record nobody may remove, and grew the application's own timeline without end (the s6 review bounded the same
churn through resumable uploads: test_upload_churn_attacks). Now each is an allowance per application and day
(domain/limits.py, one conditional write): past it 429 DATA_EXPORT_LIMIT_REACHED / CORRECTION_LIMIT_REACHED,
nothing written.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ektp.domain.limits import MAX_CORRECTIONS_PER_DAY, MAX_DATA_EXPORTS_PER_DAY
from ektp.errors import ServiceError
from ektp.services.applications import ApplicationService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def world() -> tuple[InMemoryRepository, ApplicationService, _Clock, str]:
    repository, clock = InMemoryRepository(), _Clock()
    service = ApplicationService(
        repository, InMemoryStore(), RecordingWorkflow(), clock=clock, today=lambda: date(2026, 12, 3)
    )
    return repository, service, clock, service.register("mallory", application_request()).application_id


def _events(repository: InMemoryRepository, application_id: str, kind: str) -> int:
    return sum(1 for e in repository.events[application_id] if e.kind == kind)


def test_attack_exports_without_end_stop_at_the_days_allowance(
    world: tuple[InMemoryRepository, ApplicationService, _Clock, str],
) -> None:
    repository, service, clock, app_id = world
    refused = 0
    for _ in range(300):
        try:
            service.export("mallory", app_id)
        except ServiceError as exc:
            assert exc.code == "DATA_EXPORT_LIMIT_REACHED" and exc.http_status == 429
            refused += 1
    assert _events(repository, app_id, "DATA_EXPORTED") == MAX_DATA_EXPORTS_PER_DAY
    assert refused == 300 - MAX_DATA_EXPORTS_PER_DAY
    clock.now += timedelta(days=1, minutes=1)  # the access right is the resident's again the next day
    assert service.export("mallory", app_id).application.application_id == app_id


def test_attack_corrections_without_end_stop_at_the_days_allowance(
    world: tuple[InMemoryRepository, ApplicationService, _Clock, str],
) -> None:
    repository, service, clock, app_id = world
    corrected = 0
    for i in range(300):
        applicant = application_request(address=f"JL. KEBON SIRIH NO. {i + 1}").applicant
        try:
            service.update_applicant("mallory", app_id, applicant)
            corrected += 1
        except ServiceError as exc:
            assert exc.code == "CORRECTION_LIMIT_REACHED" and exc.http_status == 429
    assert corrected == MAX_CORRECTIONS_PER_DAY
    assert _events(repository, app_id, "DATA_CORRECTED") == MAX_CORRECTIONS_PER_DAY


def test_a_refused_correction_spends_nothing(
    world: tuple[InMemoryRepository, ApplicationService, _Clock, str],
) -> None:
    _, service, _, app_id = world
    invalid = application_request(place_of_birth="ＪＡＫＡＲＴＡ").applicant
    for _ in range(MAX_CORRECTIONS_PER_DAY + 5):
        with pytest.raises(ServiceError, match="VALIDATION_FAILED"):
            service.update_applicant("mallory", app_id, invalid)
    service.update_applicant("mallory", app_id, application_request().applicant)  # still allowed
