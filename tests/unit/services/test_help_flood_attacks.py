"""Attack review s6 finding 5: one account floods a district's helpdesk (and its overdue alarm).

Before: one account opened 300 requests (300 helpdesk e-mails), 200 follow-ups on one request sent 200 e-mails,
and district 99.99.99 (well formed, not a district) was accepted: no helpdesk could ever see or close it, so the
overdue alarm would fire for good. Now the open requests per account, the requests a day and the follow-ups per
request per window are limited (domain/limits.py), a follow-up tells the helpdesk at most once an hour unless it
reopens an answered request, and the district must exist in the region data.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from ektp.domain.help_requests import HelpState
from ektp.domain.limits import (
    FOLLOW_UP_WINDOW,
    HELP_OPEN_WINDOW,
    HELPDESK_NOTICE_WINDOW,
    MAX_FOLLOW_UPS_PER_WINDOW,
    MAX_HELP_REQUESTS_PER_DAY,
    MAX_OPEN_HELP_REQUESTS,
)
from ektp.errors import ServiceError
from tests.unit.services.test_help_requests import ANI, BUDI, DESK, QUESTION, World


def _helpdesk_mail(w: World, change: str) -> int:
    return sum(1 for n in w.notices.sent if n.notify == "helpdesk" and n.change == change)


def _refusal(action: object) -> str:
    with pytest.raises(ServiceError) as raised:
        action()  # type: ignore[operator]
    return raised.value.code


def test_one_account_cannot_open_unlimited_help_requests() -> None:
    w = World()
    opened = 0
    for _ in range(300):
        try:
            w.service.open(ANI, "OTHER", QUESTION, district_code="31.71.01")
            opened += 1
        except ServiceError as exc:
            assert exc.code == "HELP_REQUEST_LIMIT_REACHED"
    assert opened == MAX_OPEN_HELP_REQUESTS
    assert _helpdesk_mail(w, "HELP_OPENED") == MAX_OPEN_HELP_REQUESTS
    assert w.service.open(
        BUDI, "OTHER", QUESTION, district_code="31.71.01"
    )  # another account is not held back


def test_closing_frees_a_place_but_not_more_than_the_day_allows() -> None:
    w = World()
    opened = 0
    for _ in range(50):
        try:
            thread = w.service.open(ANI, "OTHER", QUESTION, district_code="31.71.01")
        except ServiceError as exc:
            assert exc.code == "HELP_REQUEST_LIMIT_REACHED"
            break
        opened += 1
        w.service.close_as_resident(ANI, thread.request.request_id)
    assert opened == MAX_HELP_REQUESTS_PER_DAY
    w.now += HELP_OPEN_WINDOW
    assert w.service.open(ANI, "OTHER", QUESTION, district_code="31.71.01").request.state is HelpState.OPEN


def test_follow_ups_cannot_mail_the_helpdesk_without_limit() -> None:
    w = World()
    request_id = w.service.open(ANI, "OTHER", QUESTION, district_code="31.71.01").request.request_id
    written = 0
    for i in range(200):
        try:
            w.service.follow_up(ANI, request_id, f"ping {i}")
            written += 1
        except ServiceError as exc:
            assert exc.code == "HELP_FOLLOW_UP_LIMIT_REACHED"
    assert written == MAX_FOLLOW_UPS_PER_WINDOW
    assert _helpdesk_mail(w, "HELP_FOLLOWED_UP") == 0  # told of the request a moment ago: coalesced
    assert len(w.store.messages(request_id)) == 1 + MAX_FOLLOW_UPS_PER_WINDOW  # every accepted one is kept
    w.now += FOLLOW_UP_WINDOW
    w.service.follow_up(ANI, request_id, "a day later")  # a new window
    assert _helpdesk_mail(w, "HELP_FOLLOWED_UP") == 1


def test_a_follow_up_notice_once_an_hour_and_always_when_it_reopens_an_answer() -> None:
    w = World()
    request_id = w.service.open(ANI, "OTHER", QUESTION, district_code="31.71.01").request.request_id
    w.now += HELPDESK_NOTICE_WINDOW
    w.service.follow_up(ANI, request_id, "still waiting")
    w.service.follow_up(ANI, request_id, "and again")
    assert _helpdesk_mail(w, "HELP_FOLLOWED_UP") == 1
    w.service.answer(DESK, request_id, "Unggah ulang foto KK.")
    w.service.follow_up(ANI, request_id, "Sudah.")  # reopens: the helpdesk owes a new answer, so it is told
    assert _helpdesk_mail(w, "HELP_FOLLOWED_UP") == 2


def test_a_help_request_for_a_district_that_does_not_exist_is_refused() -> None:
    w = World()
    assert _refusal(lambda: w.service.open(ANI, "OTHER", QUESTION, district_code="99.99.99")) == (
        "HELP_DISTRICT_UNKNOWN"
    )
    w.now += timedelta(days=7)
    assert w.service.overdue() == [] and w.store.requests == {}
    assert _helpdesk_mail(w, "HELP_OPENED") == 0
