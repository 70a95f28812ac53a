"""One script on the in-memory recording store and on DynamoRecordingStore (moto): the same answers, the same
refusals; and 20 residents booking one slot at once never take more places than it has, on both."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from moto import mock_aws

from ektp.adapters.aws import reset_clients
from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.adapters.recordings_dynamodb import DynamoRecordingStore
from ektp.domain.appointments import Booking, CapturedFile, CaptureRecord
from ektp.domain.records import TimelineEvent
from ektp.domain.registration_number import new_registration_number, parse_registration_number
from ektp.domain.status import ApplicationStatus
from ektp.ports import BookingRefused
from local_runtime import moto_patches
from tests.support.fakes import InMemoryRecordingStore, InMemoryRepository
from tests.support.moto_tables import create_applications_table
from tests.unit.issuance.conftest import approved_record

NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
SLOT_1 = datetime(2026, 12, 8, 1, 0, tzinfo=UTC)
SLOT_2 = datetime(2026, 12, 8, 1, 30, tzinfo=UTC)
TABLE = "contract-recordings"
OFFICE = "KEC-31.71.01"


def _number() -> str:
    number = parse_registration_number(new_registration_number())
    assert number is not None
    return number


def _application(repo: Any, status: ApplicationStatus, owner: str = "alice") -> str:
    number = _number()
    record = approved_record().model_copy(
        update={"application_id": number, "owner": owner, "status": status, "attempt": 1, "version": 0}
    )
    repo.create(record, TimelineEvent(at=NOW, kind="CREATED", actor="resident"))
    return number


def _booking(application_id: str, start: datetime | None = SLOT_1, **fields: Any) -> Booking:
    slot = {"office_id": OFFICE, "slot_start": start} if start else {"home_visit_reason": "ELDERLY"}
    return Booking.model_validate(
        {
            "application_id": application_id,
            "attempt": 1,
            "kind": "OFFICE" if start else "HOME_VISIT",
            "district_code": "31.71.01",
            "created_at": NOW,
            "updated_at": NOW,
            **slot,
            **fields,
        }
    )


def _capture(application_id: str) -> CaptureRecord:
    file = CapturedFile(part="FACE", key="captures/x", sha256="0" * 64, content_type="image/jpeg", size=2000)
    return CaptureRecord(
        application_id=application_id,
        attempt=1,
        officer_id="officer-1",
        device_id="scanner-1",
        captured_at=NOW,
        person_confirmed=True,
        files=(file,),
    )


def _try(action: Any) -> str:
    try:
        action()
    except BookingRefused as exc:
        return exc.code
    return "applied"


def _script(repo: Any, store: Any) -> list[Any]:
    a = _application(repo, ApplicationStatus.AWAITING_BIOMETRIC_RECORDING)
    b = _application(repo, ApplicationStatus.VERIFYING)
    c = _application(repo, ApplicationStatus.AWAITING_BIOMETRIC_RECORDING)
    log: list[Any] = []
    log.append(("book a", _try(lambda: store.book(_booking(a), None, 2))))
    log.append(("book b, not waiting", _try(lambda: store.book(_booking(b), None, 2))))
    log.append(("book a again as if none", _try(lambda: store.book(_booking(a, SLOT_2), None, 2))))
    log.append(("book c", _try(lambda: store.book(_booking(c), None, 1))))  # capacity 1, one taken: full
    first = store.get_booking(a)
    log.append(("move a", _try(lambda: store.book(_booking(a, SLOT_2), first, 2))))
    log.append(("move a from the stale read", _try(lambda: store.book(_booking(a), first, 2))))
    log.append(("counts", sorted(store.booked_counts(OFFICE, NOW, NOW + timedelta(days=2)).items())))
    moved = store.get_booking(a)
    cancelled = moved.model_copy(update={"status": "CANCELLED"})
    log.append(("cancel a", _try(lambda: store.cancel(cancelled, moved))))
    log.append(("cancel a again", _try(lambda: store.cancel(cancelled, moved))))
    log.append(("home visit a", _try(lambda: store.book(_booking(a, None), store.get_booking(a), 0))))
    log.append(("counts after", sorted(store.booked_counts(OFFICE, NOW, NOW + timedelta(days=2)).items())))
    event = TimelineEvent(at=NOW, kind="BIOMETRICS_RECORDED", actor="officer", staff_id="officer-1")
    log.append(("capture a", _try(lambda: store.record_capture(_capture(a), [], event))))
    log.append(("capture a again", _try(lambda: store.record_capture(_capture(a), [], event))))
    log.append(("capture b, not waiting", _try(lambda: store.record_capture(_capture(b), [], event))))
    final = store.get_booking(a)
    log.append(("booking a", final.kind, final.status, final.version))
    log.append(
        ("captures", store.get_capture(a, 1) is not None, store.get_capture(b, 1), store.get_capture(a, 2))
    )
    store.put_recording_token(a, 1, "t1")
    store.put_recording_token(a, 1, "t2")
    log.append(("token", store.get_recording_token(a, 1), store.get_recording_token(b, 1)))
    return log


@pytest.fixture
def dynamo(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[DynamoApplicationRepository, DynamoRecordingStore]]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-3")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    moto_patches.install()  # DynamoDB's atomic conditional writes: the contracts race on purpose
    with mock_aws():
        reset_clients()
        create_applications_table(TABLE)
        yield DynamoApplicationRepository(TABLE), DynamoRecordingStore(TABLE)
    reset_clients()


def test_the_fake_and_dynamodb_give_the_same_answers(
    dynamo: tuple[DynamoApplicationRepository, DynamoRecordingStore],
) -> None:
    fake_repo = InMemoryRepository()
    fake = _script(fake_repo, InMemoryRecordingStore(fake_repo))
    real = _script(*dynamo)
    assert real == fake
    assert dict((step, outcome) for step, outcome, *_ in real if isinstance(outcome, str)) == {
        "book a": "applied",
        "book b, not waiting": "NOT_AWAITING_RECORDING",
        "book a again as if none": "BOOKING_EXISTS",
        "book c": "SLOT_FULL",
        "move a": "applied",
        "move a from the stale read": "BOOKING_EXISTS",
        "cancel a": "applied",
        "cancel a again": "BOOKING_NOT_FOUND",
        "home visit a": "applied",
        "capture a": "applied",
        "capture a again": "NOT_AWAITING_RECORDING",
        "capture b, not waiting": "NOT_AWAITING_RECORDING",
        "booking a": "HOME_VISIT",
        "token": "t2",
    }
    assert ("counts", [(SLOT_1, 0), (SLOT_2, 1)]) in real
    assert ("counts after", [(SLOT_1, 0), (SLOT_2, 0)]) in real


def _parallel_bookings(repo: Any, store: Any, capacity: int = 4, residents: int = 20) -> list[str]:
    apps = [
        _application(repo, ApplicationStatus.AWAITING_BIOMETRIC_RECORDING, f"r{n}") for n in range(residents)
    ]
    outcomes: list[str] = []
    barrier = threading.Barrier(residents)

    def book(application_id: str) -> None:
        barrier.wait()
        outcomes.append(_try(lambda: store.book(_booking(application_id), None, capacity)))

    threads = [threading.Thread(target=book, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    booked = [app for app in apps if store.get_booking(app) is not None]
    counts = store.booked_counts(OFFICE, NOW, NOW + timedelta(days=2))
    assert counts == {SLOT_1: len(booked)}  # every place counted is a booking, and every booking counted
    return outcomes


def test_twenty_parallel_bookings_on_dynamodb_never_exceed_the_capacity(
    dynamo: tuple[DynamoApplicationRepository, DynamoRecordingStore],
) -> None:
    # moto 5.2's TransactWriteItems is not isolated between threads (it deep-copies and restores whole tables:
    # concurrent writes vanish or fail with HTTP 500); DynamoDB's are serializable per item. bench/load.py's
    # isolated_transactions gives moto that per-item isolation and changes nothing of the code under test.
    from bench.load import isolated_transactions

    with isolated_transactions():
        outcomes = _parallel_bookings(*dynamo)
    assert outcomes.count("applied") == 4
    assert sorted(set(outcomes) - {"applied"}) == ["SLOT_FULL"]


def test_twenty_parallel_bookings_on_the_fake_never_exceed_the_capacity() -> None:
    repo = InMemoryRepository()
    outcomes = _parallel_bookings(repo, InMemoryRecordingStore(repo))
    assert outcomes.count("applied") == 4 and outcomes.count("SLOT_FULL") == 16
