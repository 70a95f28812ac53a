"""One script on the in-memory field-visit store and on DynamoFieldVisitStore (moto): the same answers and the same
refusals (an answer twice, a stale task, an application no longer waiting), and the district's list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from moto import mock_aws

from ektp.adapters.aws import reset_clients
from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.adapters.field_visits_dynamodb import DynamoFieldVisitStore
from ektp.domain.field_visits import FieldVisitRecord, FieldVisitTask
from ektp.domain.records import TimelineEvent
from ektp.domain.registration_number import new_registration_number, parse_registration_number
from ektp.domain.status import ApplicationStatus
from ektp.ports import ConflictError, FieldVisitRefused
from local_runtime import moto_patches
from tests.support.fakes import InMemoryFieldVisitStore, InMemoryRepository
from tests.support.moto_tables import create_applications_table
from tests.unit.issuance.conftest import approved_record

NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
TABLE = "contract-field-visits"
EVENT = TimelineEvent(at=NOW, kind="FIELD_VISIT_RECORDED", actor="officer", staff_id="officer-1")


def _application(repo: Any, status: ApplicationStatus) -> str:
    number = parse_registration_number(new_registration_number())
    assert number is not None
    record = approved_record().model_copy(
        update={"application_id": number, "status": status, "attempt": 1, "version": 0}
    )
    repo.create(record, TimelineEvent(at=NOW, kind="CREATED", actor="resident"))
    return number


def _task(application_id: str, district: str = "31.71.01", **fields: Any) -> FieldVisitTask:
    return FieldVisitTask(
        application_id=application_id, attempt=1, district_code=district, requested_at=NOW, **fields
    )


def _answer(application_id: str, outcome: str = "CONFIRMED", visit_round: int = 1) -> FieldVisitRecord:
    return FieldVisitRecord.model_validate(
        {
            "application_id": application_id,
            "attempt": 1,
            "visit_round": visit_round,
            "outcome": outcome,
            "note": "Rumah ditemukan dan pemohon ada.",
            "officer_id": "officer-1",
            "recorded_at": NOW,
        }
    )


def _try(action: Any) -> str:
    try:
        action()
    except FieldVisitRefused as exc:
        return exc.code
    except ConflictError:
        return "conflict"
    return "applied"


def _script(repo: Any, store: Any) -> list[Any]:
    a = _application(repo, ApplicationStatus.AWAITING_FIELD_VERIFICATION)
    b = _application(repo, ApplicationStatus.VERIFYING)
    log: list[Any] = []
    task_a = store.put_task(_task(a), None)
    log.append(("open a again as if none", _try(lambda: store.put_task(_task(a), None))))
    task_b = store.put_task(_task(b), None)
    store.put_task(_task(_application(repo, ApplicationStatus.AWAITING_FIELD_VERIFICATION), "32.73.01"), None)
    log.append(("listed", sorted(t.application_id == a for t in store.open_for_district("31.71.01"))))
    log.append(("answer b, not waiting", _try(lambda: store.record_outcome(task_b, _answer(b), EVENT))))
    log.append(
        (
            "answer a, wrong round",
            _try(lambda: store.record_outcome(task_a, _answer(a, "NOT_FOUND", 2), EVENT)),
        )
    )
    log.append(("answer a", _try(lambda: store.record_outcome(task_a, _answer(a), EVENT))))
    log.append(("answer a again", _try(lambda: store.record_outcome(task_a, _answer(a, "NOT_FOUND"), EVENT))))
    log.append(("kept", store.get_outcome(a, 1, 1).outcome, store.get_outcome(a, 1, 2)))
    done = store.get_task(a, 1)
    log.append(("task a", done.state, done.version))
    log.append(("listed after", [t.application_id == a for t in store.open_for_district("31.71.01")]))
    log.append(
        ("stale write", _try(lambda: store.put_task(done.model_copy(update={"overdue": True}), task_a)))
    )
    reopened = store.put_task(
        done.model_copy(update={"visit_round": 2, "state": "OPEN", "acted_round": 1}), done
    )
    log.append(("round 2", reopened.visit_round, reopened.version))
    log.append(
        ("answer round 2", _try(lambda: store.record_outcome(reopened, _answer(a, "UNREACHABLE", 2), EVENT)))
    )
    store.put_visit_token(a, 1, "t1")
    store.put_visit_token(a, 1, "t2")
    log.append(("token", store.get_visit_token(a, 1), store.get_visit_token(b, 1)))
    return log


@pytest.fixture
def dynamo(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[DynamoApplicationRepository, DynamoFieldVisitStore]]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-3")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    moto_patches.install()
    with mock_aws():
        reset_clients()
        create_applications_table(TABLE)
        yield DynamoApplicationRepository(TABLE), DynamoFieldVisitStore(TABLE)
    reset_clients()


def test_the_fake_and_dynamodb_give_the_same_answers(
    dynamo: tuple[DynamoApplicationRepository, DynamoFieldVisitStore],
) -> None:
    fake_repo = InMemoryRepository()
    fake = _script(fake_repo, InMemoryFieldVisitStore(fake_repo))
    real = _script(*dynamo)
    assert real == fake
    assert dict((step, outcome) for step, outcome, *_ in real if isinstance(outcome, str)) == {
        "open a again as if none": "conflict",
        "answer b, not waiting": "NOT_AWAITING_FIELD_VISIT",
        "answer a, wrong round": "FIELD_VISIT_ALREADY_RECORDED",
        "answer a": "applied",
        "answer a again": "FIELD_VISIT_ALREADY_RECORDED",
        "kept": "CONFIRMED",
        "task a": "DONE",
        "stale write": "conflict",
        "answer round 2": "applied",
        "token": "t2",
    }
    assert ("listed", [False, True]) in real and ("listed after", [False]) in real  # b stays listed
    assert ("round 2", 2, 2) in real
