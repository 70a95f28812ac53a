"""Attack (s11): run past the account and NIK limits with parallel requests.

The limits on registrations per account (5), submissions per account (10) and submissions per applied NIK across
accounts (10: many throwaway accounts walking one person's registry record) were counted from the ByOwner and
ByNik indexes, read before the write: requests sent together all read the count before any of them wrote (and a
GSI read may lag the table anyway), so 20 parallel registrations from one account made 20 applications, and 20
throwaway accounts submitting on one NIK at once asked the registry 20 questions. Each limit is now also taken
from a counter item (one conditional write, domain/limits.py account_allowance_key / nik_allowance_key), so at
most the limit's count goes through however the requests interleave; the rest answer 429 as before.

The race is made deterministic: every request reads the index, then all wait at a barrier until each has read,
as a burst of parallel requests does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from typing import Any

from ektp.domain.limits import (
    MAX_APPLICATIONS_PER_ACCOUNT,
    MAX_SUBMISSIONS_PER_ACCOUNT,
    MAX_SUBMISSIONS_PER_NIK,
)
from ektp.domain.records import ApplicationRecord
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.services.applications import ApplicationService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow
from tests.unit.services.test_applications import upload_all

BURST = 20
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


class BurstRepository(InMemoryRepository):
    """Index reads that all happen before any request of the burst writes (the barrier), as in a parallel burst."""

    def __init__(self) -> None:
        super().__init__()
        self.barrier: threading.Barrier | None = None

    def _together(self, answer: list[ApplicationRecord]) -> list[ApplicationRecord]:
        if self.barrier is not None:
            self.barrier.wait(timeout=10)
        return answer

    def list_by_owner(self, owner: str, limit: int = 50) -> list[ApplicationRecord]:
        return self._together(super().list_by_owner(owner, limit))

    def applications_for_nik(self, nik: str) -> list[ApplicationRecord]:
        return self._together(super().applications_for_nik(nik))


def _world() -> tuple[BurstRepository, ApplicationService]:
    repo = BurstRepository()
    service = ApplicationService(
        repo, InMemoryStore(), RecordingWorkflow(), clock=lambda: NOW, today=lambda: date(2026, 12, 4)
    )
    return repo, service


def _burst(repo: BurstRepository, calls: list[Callable[[], Any]]) -> tuple[int, set[str]]:
    """Run the calls in parallel, every index read of each behind the shared barrier (a register reads one
    index, a submit two: each round waits for all); returns (how many went through, the refusals' codes)."""
    repo.barrier = threading.Barrier(len(calls))  # reusable: each round of index reads waits for all
    done, refused = 0, set()
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        for future in [pool.submit(call) for call in calls]:
            try:
                future.result(timeout=30)
                done += 1
            except ServiceError as exc:
                refused.add(exc.code)
    repo.barrier = None
    return done, refused


def test_attack_a_burst_of_registrations_from_one_account_stops_at_the_accounts_limit() -> None:
    repo, service = _world()
    done, refused = _burst(repo, [lambda: service.register("mallory", application_request())] * BURST)
    assert done == MAX_APPLICATIONS_PER_ACCOUNT and refused == {"REGISTRATION_LIMIT_REACHED"}
    assert len(repo.applications) == MAX_APPLICATIONS_PER_ACCOUNT


def test_attack_throwaway_accounts_submitting_on_one_nik_at_once_stop_at_the_niks_limit() -> None:
    repo, service = _world()
    ready = []
    for account in range(BURST):  # each account's application on the victim's NIK, complete
        owner = f"throwaway-{account}"
        app_id = service.register(owner, application_request()).application_id
        upload_all(service, repo, owner, app_id)
        ready.append((owner, app_id))
    done, refused = _burst(repo, [lambda o=owner, a=app_id: service.submit(o, a) for owner, app_id in ready])
    assert done == MAX_SUBMISSIONS_PER_NIK and refused == {"SUBMISSION_LIMIT_REACHED"}
    submitted = [r for r in repo.applications.values() if r.status is ApplicationStatus.SUBMITTED]
    assert len(submitted) == MAX_SUBMISSIONS_PER_NIK


def test_attack_one_accounts_applications_submitted_at_once_stop_at_the_accounts_limit() -> None:
    repo, service = _world()
    mine = []
    for serial in range(MAX_APPLICATIONS_PER_ACCOUNT):  # five NIKs: the NIK limit is not what stops it
        app_id = service.register("mallory", application_request(serial=40 + serial)).application_id
        upload_all(service, repo, "mallory", app_id)
        mine.append(app_id)

    def rejected_again() -> None:  # each decided, so it may be resubmitted
        for app_id in mine:
            record = repo.applications[app_id]
            repo.applications[app_id] = record.model_copy(update={"status": ApplicationStatus.REJECTED})

    sent = 0
    for app_id in mine[:-1]:  # one after another: 4 of the account's 10 submissions
        service.submit("mallory", app_id)
        sent += 1
    rejected_again()
    for app_id in mine[:-1]:  # 8
        service.submit("mallory", app_id)
        sent += 1
    rejected_again()
    # Then all five at once: each reads 8 of 10 used; only two more may go.
    done, refused = _burst(repo, [lambda a=app_id: service.submit("mallory", a) for app_id in mine])
    assert sent + done == MAX_SUBMISSIONS_PER_ACCOUNT and refused == {"SUBMISSION_LIMIT_REACHED"}


def test_sequential_registrations_and_submissions_are_counted_as_before() -> None:
    """The guard: one request after another meets the same limits, with the same codes, as the index count."""
    repo, service = _world()
    made = 0
    for _ in range(MAX_APPLICATIONS_PER_ACCOUNT + 2):
        try:
            service.register("alice", application_request())
            made += 1
        except ServiceError as exc:
            assert exc.code == "REGISTRATION_LIMIT_REACHED"
    assert made == MAX_APPLICATIONS_PER_ACCOUNT
    app_id = service.register("bob", application_request(serial=61)).application_id
    upload_all(service, repo, "bob", app_id)
    assert service.submit("bob", app_id).status is ApplicationStatus.SUBMITTED
