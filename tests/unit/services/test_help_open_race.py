"""Attack: parallel opens of help requests by one account must not pass the account's limits (each open e-mails
a district's helpdesk: a spam lever).

The limits (domain/limits.py: MAX_OPEN_HELP_REQUESTS waiting at once, MAX_HELP_REQUESTS_PER_DAY opened in
HELP_OPEN_WINDOW) were checked on a read of the account's requests, then the request was written: N opens that
all read before any wrote all passed. Each test below lets every open read before any writes (the gate), the
interleaving parallel API calls produce, on the in-memory fake and on the DynamoDB adapter against moto.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ektp.adapters.help_requests_dynamodb import DynamoHelpRequestStore
from ektp.domain.access import Principal
from ektp.domain.help_requests import HelpState
from ektp.domain.limits import HELP_OPEN_WINDOW, MAX_HELP_REQUESTS_PER_DAY, MAX_OPEN_HELP_REQUESTS
from ektp.errors import ServiceError
from ektp.services.help_requests import HelpRequestService
from tests.support.fakes import InMemoryHelpRequestStore, InMemoryRepository, RecordingHelpNotices
from tests.unit.core.test_help_request_store_contract import _opened

# The applications table on moto, with DynamoDB's atomic conditional writes (local_runtime.moto_patches).
from tests.unit.core.test_store_contract import TABLE, aws  # noqa: F401

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
ANI = Principal("ani", frozenset({"resident"}))
PARALLEL = 12
READS = frozenset({"list_by_owner", "openings"})  # what an open reads before it decides


class ReadTogether:
    """The store, with each thread's first read held until every thread has read (or a second passed)."""

    def __init__(self, store: Any, parties: int) -> None:
        self._store = store
        self._gate = threading.Barrier(parties, timeout=1)
        self._seen = threading.local()

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._store, name)
        if name not in READS or getattr(self._seen, "read", False):
            return attribute

        def gated(*args: Any, **kwargs: Any) -> Any:
            result = attribute(*args, **kwargs)
            self._seen.read = True
            # The attack is on the race, not on this gate: a late thread goes on.
            with contextlib.suppress(threading.BrokenBarrierError):
                self._gate.wait()
            return result

        return gated


def _stores() -> dict[str, Callable[[], Any]]:
    return {"fake": InMemoryHelpRequestStore, "dynamodb-on-moto": lambda: DynamoHelpRequestStore(TABLE)}


def _in_parallel(action: Callable[[], object]) -> list[str]:
    def attempt(_: int) -> str:
        try:
            action()
        except ServiceError as exc:
            return exc.code
        return "OPENED"

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        return list(pool.map(attempt, range(PARALLEL)))


def _helpdesk_mail(notices: RecordingHelpNotices) -> int:
    return sum(1 for n in notices.sent if n.notify == "helpdesk" and n.change == "HELP_OPENED")


@pytest.mark.parametrize("make", _stores().values(), ids=_stores().keys())
def test_parallel_opens_never_pass_the_open_requests_limit(aws: None, make: Any) -> None:  # noqa: F811
    store = make()
    notices = RecordingHelpNotices()
    service = HelpRequestService(
        ReadTogether(store, PARALLEL), InMemoryRepository(), notices, clock=lambda: NOW
    )

    outcomes = _in_parallel(lambda: service.open(ANI, "OTHER", "Tolong", district_code="31.71.01"))

    assert outcomes.count("OPENED") == MAX_OPEN_HELP_REQUESTS, outcomes
    assert set(outcomes) == {"OPENED", "HELP_REQUEST_LIMIT_REACHED"}
    assert len(store.list_by_owner("ani")) == MAX_OPEN_HELP_REQUESTS
    assert _helpdesk_mail(notices) == MAX_OPEN_HELP_REQUESTS


@pytest.mark.parametrize("make", _stores().values(), ids=_stores().keys())
def test_parallel_open_and_close_never_pass_the_requests_per_day(aws: None, make: Any) -> None:  # noqa: F811
    store = make()
    notices = RecordingHelpNotices()
    service = HelpRequestService(
        ReadTogether(store, PARALLEL), InMemoryRepository(), notices, clock=lambda: NOW
    )

    def open_and_close() -> None:
        thread = service.open(ANI, "OTHER", "Tolong", district_code="31.71.01")
        service.close_as_resident(ANI, thread.request.request_id)  # closing frees a place, not the day's

    outcomes = _in_parallel(open_and_close)

    assert outcomes.count("OPENED") == MAX_HELP_REQUESTS_PER_DAY, outcomes
    assert set(outcomes) == {"OPENED", "HELP_REQUEST_LIMIT_REACHED"}
    mine = store.list_by_owner("ani")
    assert len(mine) == MAX_HELP_REQUESTS_PER_DAY and {r.state for r in mine} == {HelpState.CLOSED}
    assert _helpdesk_mail(notices) == MAX_HELP_REQUESTS_PER_DAY


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.mark.parametrize("make", _stores().values(), ids=_stores().keys())
def test_the_brake_keeps_the_limits_meaning(aws: None, make: Any) -> None:  # noqa: F811
    """One at a time, as before: closing (by either side) frees a place, not the day's; ANSWERED still waits;
    the day is rolling from each request's opening."""
    store, clock = make(), Clock()
    service = HelpRequestService(store, InMemoryRepository(), RecordingHelpNotices(), clock=clock)
    desk = Principal("desk-1", frozenset({"helpdesk"}), district="31.71.01")

    def ask() -> str:
        clock.now += timedelta(minutes=1)
        return service.open(ANI, "OTHER", "Tolong", district_code="31.71.01").request.request_id

    first, second, third = ask(), ask(), ask()
    service.answer(desk, first, "Sudah kami periksa.")  # ANSWERED waits for the resident: still counted
    with pytest.raises(ServiceError, match="HELP_REQUEST_LIMIT_REACHED"):
        ask()
    service.close_as_helpdesk(desk, first)
    fourth = ask()
    service.close_as_resident(ANI, second)
    ask()  # the fifth of the day
    service.close_as_resident(ANI, third)
    service.close_as_resident(ANI, fourth)
    with pytest.raises(ServiceError, match="HELP_REQUEST_LIMIT_REACHED"):
        ask()  # two waiting, but five opened in the last HELP_OPEN_WINDOW
    clock.now = NOW + HELP_OPEN_WINDOW  # ask() moves on a minute: the first one's day is just over
    ask()
    with pytest.raises(ServiceError, match="HELP_REQUEST_LIMIT_REACHED"):  # the second one's is not
        service.open(ANI, "OTHER", "Tolong", district_code="31.71.01")
    assert len(store.list_by_owner("ani")) == MAX_HELP_REQUESTS_PER_DAY + 1


@pytest.mark.parametrize("make", _stores().values(), ids=_stores().keys())
def test_an_account_whose_requests_predate_the_brake_is_counted_from_them(aws: None, make: Any) -> None:  # noqa: F811
    store = make()
    earlier = []
    for minutes in range(MAX_OPEN_HELP_REQUESTS):  # written before the brake existed: no openings item
        change = _opened("ani", "31.71.01", NOW - timedelta(days=3, minutes=minutes))
        assert change.message is not None
        store.create(change.request, change.message, change.event)
        earlier.append(change.request.request_id)
    service = HelpRequestService(store, InMemoryRepository(), RecordingHelpNotices(), clock=lambda: NOW)
    with pytest.raises(ServiceError, match="HELP_REQUEST_LIMIT_REACHED"):
        service.open(ANI, "OTHER", "Tolong", district_code="31.71.01")
    service.close_as_resident(ANI, earlier[0])
    opened = service.open(ANI, "OTHER", "Tolong", district_code="31.71.01").request.request_id
    brake = store.openings("ani")
    assert brake is not None and set(brake.waiting) == {*earlier[1:], opened}


def test_an_open_cancelled_for_another_transaction_is_read_again(
    aws: None,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DynamoDB cancels one of two transactions in flight on one item (TransactionConflict), which moto never
    does: that open reads the brake again, rather than answering 500."""
    store = DynamoHelpRequestStore(TABLE)
    db = store._applications._db
    write = db.transact_write_items
    cancelled: list[int] = []

    def conflicting_once(**kwargs: Any) -> Any:
        if not cancelled:
            cancelled.append(len(kwargs["TransactItems"]))
            reasons = [{"Code": "None"}, {"Code": "TransactionConflict"}]
            raise ClientError(
                {"Error": {"Code": "TransactionCanceledException"}, "CancellationReasons": reasons},
                "TransactWriteItems",
            )
        return write(**kwargs)

    monkeypatch.setattr(db, "transact_write_items", conflicting_once)
    service = HelpRequestService(store, InMemoryRepository(), RecordingHelpNotices(), clock=lambda: NOW)
    opened = service.open(ANI, "OTHER", "Tolong", district_code="31.71.01").request.request_id
    assert cancelled and [r.request_id for r in store.list_by_owner("ani")] == [opened]
    brake = store.openings("ani")
    assert brake is not None and brake.waiting == (opened,) and brake.version == 1
