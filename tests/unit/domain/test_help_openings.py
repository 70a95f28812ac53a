"""The account's brake on opening help requests (HelpOpenings): what it counts, what it forgets, where it
refuses. The service keeps it in one stored item written on the version read (tests/unit/services/
test_help_open_race.py); here, the pure rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ektp.domain.help_requests import (
    HelpOpenings,
    HelpRequest,
    close,
    open_request,
    open_request_refusal,
    openings_of,
    openings_refusal,
    still_waiting,
    with_opened,
)
from ektp.domain.limits import HELP_OPEN_WINDOW, MAX_HELP_REQUESTS_PER_DAY, MAX_OPEN_HELP_REQUESTS

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


def _request(at: datetime) -> HelpRequest:
    return open_request(
        owner="ani",
        district_code="31.71.01",
        application_id=None,
        topic="OTHER",
        body="Tolong",
        now=at,
        working_days=2,
    ).request


def _brake(waiting: int, opened: list[datetime]) -> HelpOpenings:
    return HelpOpenings(
        owner="ani", waiting=tuple(f"H{i:012d}" for i in range(waiting)), opened=tuple(opened)
    )


def test_the_limits_refuse_at_their_counts_and_not_below() -> None:
    below = MAX_OPEN_HELP_REQUESTS - 1
    assert openings_refusal(_brake(below, [NOW] * below), NOW) is None
    assert openings_refusal(_brake(MAX_OPEN_HELP_REQUESTS, []), NOW) == "HELP_REQUEST_LIMIT_REACHED"
    day = [NOW - timedelta(hours=h) for h in range(MAX_HELP_REQUESTS_PER_DAY)]
    assert openings_refusal(_brake(0, day), NOW) == "HELP_REQUEST_LIMIT_REACHED"
    assert openings_refusal(_brake(0, day[:-1]), NOW) is None


def test_the_day_is_rolling_from_each_opening() -> None:
    day = [NOW] * MAX_HELP_REQUESTS_PER_DAY
    assert openings_refusal(_brake(0, day), NOW + HELP_OPEN_WINDOW - SECOND) == "HELP_REQUEST_LIMIT_REACHED"
    assert openings_refusal(_brake(0, day), NOW + HELP_OPEN_WINDOW) is None


def test_a_new_request_is_counted_and_old_times_are_forgotten() -> None:
    request = _request(NOW)
    old, recent = NOW - HELP_OPEN_WINDOW, NOW - HELP_OPEN_WINDOW + SECOND
    after = with_opened(_brake(1, [old, recent]).model_copy(update={"version": 4}), request)
    assert after.waiting == ("H000000000000", request.request_id)
    assert after.opened == (recent, NOW) and after.version == 4  # the version read, for the conditional write


def test_closed_and_vanished_requests_no_longer_wait() -> None:
    kept, closed = _request(NOW), _request(NOW)
    shut = close(closed, "resident", "ani", NOW).request
    brake = HelpOpenings(
        owner="ani", waiting=(kept.request_id, closed.request_id, "HGONE00000000"), version=2
    )
    assert still_waiting(brake, [kept, shut]).waiting == (kept.request_id,)
    assert still_waiting(brake, [kept, shut]).version == 2


def test_the_first_count_comes_from_the_accounts_requests() -> None:
    waiting, closed = _request(NOW - timedelta(days=3)), _request(NOW)
    shut = close(closed, "resident", "ani", NOW).request
    brake = openings_of("ani", [shut, waiting])
    assert brake.waiting == (waiting.request_id,) and brake.version == 0
    assert brake.opened == (waiting.opened_at, shut.opened_at)
    assert open_request_refusal([shut, waiting], NOW) == openings_refusal(brake, NOW)
