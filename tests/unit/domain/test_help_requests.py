"""The help request's states, its response-time target in working days, and what its events carry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from ektp.domain.help_requests import (
    REQUEST_ID,
    ClosedRequest,
    HelpState,
    close,
    due_after,
    helpdesk_answers,
    is_overdue,
    new_request_id,
    notice_of,
    open_request,
    parse_holidays,
    resident_writes,
)

FRIDAY_10_WIB = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)  # 10:00 in Jakarta


def test_the_target_counts_working_days_in_jakarta() -> None:
    assert due_after(FRIDAY_10_WIB, 2) == FRIDAY_10_WIB + timedelta(days=4)  # Tuesday 10:00
    saturday = FRIDAY_10_WIB + timedelta(days=1)
    assert due_after(saturday, 2) == FRIDAY_10_WIB + timedelta(days=4)  # the weekend does not count
    assert due_after(FRIDAY_10_WIB, 1, [date(2026, 12, 7)]) == FRIDAY_10_WIB + timedelta(days=4)
    # Friday 23:30 UTC is Saturday 06:30 in Jakarta: two working days end Tuesday 06:30 there, which is
    # Monday 23:30 UTC (counted on the UTC calendar it would be a day later).
    late = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
    assert due_after(late, 2) == datetime(2026, 12, 7, 23, 30, tzinfo=UTC)
    assert parse_holidays(" 2026-12-25, ,2027-01-01") == (date(2026, 12, 25), date(2027, 1, 1))


def test_a_request_goes_open_answered_open_closed_and_is_overdue_only_while_open() -> None:
    opened = open_request(
        owner="ani",
        district_code="31.71.01",
        application_id=None,
        topic="OTHER",
        body="Bagaimana cara mengganti foto?",
        now=FRIDAY_10_WIB,
        working_days=2,
    )
    request = opened.request
    assert request.state is HelpState.OPEN and REQUEST_ID.fullmatch(request.request_id)
    assert not is_overdue(request, FRIDAY_10_WIB + timedelta(days=4))
    assert is_overdue(request, FRIDAY_10_WIB + timedelta(days=4, seconds=1))

    follow = resident_writes(request, "Halo?", FRIDAY_10_WIB + timedelta(days=1), 2)
    assert follow.request.due_at == request.due_at  # writing again does not push the helpdesk's target

    answered = helpdesk_answers(follow.request, "desk-1", "Unggah ulang di halaman dokumen.", FRIDAY_10_WIB)
    assert answered.request.state is HelpState.ANSWERED and answered.request.due_at is None
    assert not is_overdue(answered.request, FRIDAY_10_WIB + timedelta(days=30))

    later = FRIDAY_10_WIB + timedelta(days=10)
    reopened = resident_writes(answered.request, "Masih gagal.", later, 2)
    assert reopened.request.state is HelpState.OPEN and reopened.request.due_at == due_after(later, 2)

    closed = close(reopened.request, "helpdesk", "desk-1", later)
    assert closed.request.state is HelpState.CLOSED and closed.event.staff_id == "desk-1"
    writes: tuple[Callable[[], object], ...] = (
        lambda: resident_writes(closed.request, "lagi", later, 2),
        lambda: helpdesk_answers(closed.request, "desk-1", "x", later),
        lambda: close(closed.request, "resident", "ani", later),
    )
    for write in writes:
        with pytest.raises(ClosedRequest):
            write()


def test_events_and_notices_carry_codes_and_ids_never_the_words() -> None:
    body = "Nama ibu saya Siti Aminah, NIK 3171010101900001"
    opened = open_request(
        owner="ani",
        district_code="31.71.01",
        application_id=None,
        topic="ACCOUNT",
        body=body,
        now=FRIDAY_10_WIB,
        working_days=2,
    )
    answered = helpdesk_answers(opened.request, "desk-1", body, FRIDAY_10_WIB)
    for change in (opened, answered):
        assert body not in change.event.model_dump_json() and body not in change.request.model_dump_json()
        assert body not in notice_of(change).model_dump_json()
    assert notice_of(opened).notify == "helpdesk" and notice_of(answered).notify == "resident"
    assert answered.event.actor == "officer" and answered.event.staff_id == "desk-1"


def test_request_ids_are_not_sequential() -> None:
    ids = {new_request_id() for _ in range(200)}
    assert len(ids) == 200 and all(REQUEST_ID.fullmatch(i) for i in ids)
