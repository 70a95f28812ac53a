"""The public status lookup (issue 20 item 6), attacked first: each test performs one misuse.

- Enumeration: an unknown number, a malformed one and a wrong date of birth must be indistinguishable.
- Brute force of the date of birth on one number: locked after the limit, even for the right date, and a lock
  that only numbers that exist get would itself be an oracle.
- Many numbers from one source: the source is locked.
- Parallel guesses cannot run past the limit (the counter is one atomic conditional write).
- The answer carries no personal data.
The counter runs on the in-memory fake and on the DynamoDB adapter against moto (the same contract).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta

import boto3
import pytest

from ektp.adapters.attempts_dynamodb import DynamoAttemptCounter
from ektp.domain.registration_number import new_registration_number, parse_registration_number
from ektp.domain.status import NEXT_ACTION, ApplicationStatus
from ektp.domain.status_lookup import (
    MAX_FAILURES_PER_NUMBER,
    WINDOW,
    birth_date_matches,
)
from ektp.errors import ServiceError
from ektp.ports import AttemptCounter
from ektp.services.applications import ApplicationService
from ektp.services.status_lookup import StatusLookupService
from tests.support.applicants import application_request
from tests.support.attempt_counter import InMemoryAttemptCounter
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow

# The applications table on moto: the repository contract tests' fixture.
from tests.unit.core.test_store_contract import aws  # noqa: F401

BORN = date(2001, 3, 14)
IP = "203.0.113.7"


COUNTERS: dict[str, Callable[[], AttemptCounter]] = {
    "fake": InMemoryAttemptCounter,
    "dynamodb-on-moto": lambda: DynamoAttemptCounter("applications"),
}


@pytest.fixture(params=list(COUNTERS), ids=list(COUNTERS))
def counter(request: pytest.FixtureRequest) -> AttemptCounter:
    if request.param == "dynamodb-on-moto":
        request.getfixturevalue("aws")
    return COUNTERS[request.param]()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _setup(
    counter: AttemptCounter, **limits: int
) -> tuple[StatusLookupService, str, InMemoryRepository, Clock]:
    repo = InMemoryRepository()
    record = ApplicationService(repo, InMemoryStore(), RecordingWorkflow()).register(
        "alice", application_request(birth_date=BORN)
    )
    clock = Clock()
    return StatusLookupService(repo, counter, clock=clock, **limits), record.application_id, repo, clock


def _refusal(service: StatusLookupService, number: str, born: date, ip: str = IP) -> tuple[str, int]:
    with pytest.raises(ServiceError) as refused:
        service.lookup(number, born, ip)
    return refused.value.code, refused.value.http_status


def _unknown_number() -> str:
    return new_registration_number()


def test_unknown_malformed_and_wrong_birth_date_get_one_and_the_same_answer(counter: AttemptCounter) -> None:
    service, number, _, _ = _setup(counter)
    answers = {
        "wrong birth date": _refusal(service, number, date(2001, 3, 15)),
        "unknown number": _refusal(service, _unknown_number(), BORN),
        "malformed number": _refusal(service, "NOT-A-NUMBER", BORN),
        "bad check symbol": _refusal(service, number[:-1] + ("0" if number[-1] != "0" else "1"), BORN),
    }
    assert set(answers.values()) == {("APPLICATION_NOT_FOUND", 404)}, answers


def test_guessing_the_birth_date_of_one_number_locks_it_even_for_the_right_date(
    counter: AttemptCounter,
) -> None:
    service, number, _, clock = _setup(counter)
    for day in range(1, MAX_FAILURES_PER_NUMBER + 1):
        assert _refusal(service, number, date(1990, 1, day))[0] == "APPLICATION_NOT_FOUND"
    assert _refusal(service, number, BORN) == ("STATUS_LOOKUP_LOCKED", 429)
    # From another source too: the lock is on the number.
    assert _refusal(service, number, BORN, "198.51.100.9")[0] == "STATUS_LOOKUP_LOCKED"
    clock.now += WINDOW  # the window ran out: the resident gets their answer again
    assert service.lookup(number, BORN, IP).status == ApplicationStatus.DRAFT


def test_an_unknown_number_locks_exactly_like_a_known_one(counter: AttemptCounter) -> None:
    service, _, _, _ = _setup(counter)
    unknown = _unknown_number()
    codes = [_refusal(service, unknown, date(1990, 1, d))[0] for d in range(1, MAX_FAILURES_PER_NUMBER + 2)]
    assert codes == ["APPLICATION_NOT_FOUND"] * MAX_FAILURES_PER_NUMBER + ["STATUS_LOOKUP_LOCKED"]


def test_a_resident_who_mistypes_once_still_gets_the_answer_and_successes_do_not_count(
    counter: AttemptCounter,
) -> None:
    service, number, _, _ = _setup(counter)
    _refusal(service, number, date(2001, 4, 13))
    for _ in range(3 * MAX_FAILURES_PER_NUMBER):  # a resident refreshing the page is never locked out
        assert service.lookup(number, BORN, IP).registration_number == number


def test_many_numbers_from_one_source_lock_the_source(counter: AttemptCounter) -> None:
    service, number, _, _ = _setup(counter, max_failures_per_source=8)
    for _ in range(8):
        assert _refusal(service, _unknown_number(), BORN)[0] == "APPLICATION_NOT_FOUND"
    assert _refusal(service, number, BORN) == ("STATUS_LOOKUP_LOCKED", 429)
    assert service.lookup(number, BORN, "198.51.100.9").status == ApplicationStatus.DRAFT  # another source


def test_malformed_numbers_count_against_their_source(counter: AttemptCounter) -> None:
    service, number, _, _ = _setup(counter, max_failures_per_source=3)
    for text in ("x", "1234", "ABCD-EFGH"):
        _refusal(service, text, BORN)
    assert _refusal(service, number, BORN)[0] == "STATUS_LOOKUP_LOCKED"


def test_parallel_guesses_cannot_run_past_the_limit(counter: AttemptCounter) -> None:
    service, number, _, _ = _setup(counter)
    codes: list[str] = []
    lock = threading.Lock()

    def guess(day: int) -> None:
        code = _refusal(service, number, date(1980, 1, day))[0]
        with lock:
            codes.append(code)

    threads = [threading.Thread(target=guess, args=(d,)) for d in range(1, 21)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes.count("APPLICATION_NOT_FOUND") == MAX_FAILURES_PER_NUMBER
    assert codes.count("STATUS_LOOKUP_LOCKED") == 20 - MAX_FAILURES_PER_NUMBER


@pytest.mark.parametrize("status", list(ApplicationStatus))
def test_the_answer_is_the_status_and_the_next_step_and_nothing_personal(status: ApplicationStatus) -> None:
    service, number, repo, _ = _setup(InMemoryAttemptCounter())
    record = repo.applications[number]
    repo.applications[number] = record.model_copy(update={"status": status})
    answer = service.lookup(number.lower().replace("-", " "), BORN, IP)  # typed as on paper
    assert answer.registration_number == number == parse_registration_number(number)
    assert (answer.next_action_id, answer.next_action_en) == NEXT_ACTION[status]
    assert answer.last_changed == record.updated_at.date()
    text = json.dumps(asdict(answer), default=str)
    applicant = record.applicant
    for personal in (applicant.nik, applicant.full_name, applicant.kk_number, BORN.isoformat(), record.owner):
        assert personal not in text
    assert set(asdict(answer)) == {
        "registration_number",
        "status",
        "next_action_id",
        "next_action_en",
        "last_changed",
    }


def test_the_birth_date_comparison_never_matches_an_unknown_number() -> None:
    assert birth_date_matches(BORN, BORN) and not birth_date_matches(BORN, date(2001, 3, 15))
    assert not birth_date_matches(None, date(1900, 1, 1))  # the stand-in itself


@pytest.mark.usefixtures("aws")
def test_a_window_that_ran_out_restarts_on_the_adapter_before_ttl_removes_it() -> None:
    counter = DynamoAttemptCounter("applications")
    now = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    assert all(counter.take("N#X", 2, now, WINDOW) for _ in range(2))
    assert not counter.take("N#X", 2, now + timedelta(minutes=59), WINDOW)
    assert counter.take("N#X", 2, now + WINDOW, WINDOW)
    item = boto3.client("dynamodb", region_name="ap-southeast-3").get_item(
        TableName="applications", Key={"PK": {"S": "LOOKUP#N#X"}, "SK": {"S": "COUNTER"}}
    )["Item"]
    assert item["attempts"]["N"] == "1" and int(item["expires_at"]["N"]) > (now + WINDOW).timestamp()
