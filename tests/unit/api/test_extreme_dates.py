"""A date or a time at the edge of the calendar is a refusal the resident can read (4xx), never a 500.

Attack (s12, both failed on the code before the fix with 500 INTERNAL_ERROR): a registration with the birth date
9999-12-31 (the NIK's two-digit year resolved to year 10001, past Python's calendar, before the rule that
refuses a future birth date could run); a booking of the slot 9999-12-31T23:59:59-05:00 (turned into UTC, the
instant falls past the calendar's end; 0001-01-01T00:00:00+05:00 before its start). Any resident can send
either; every such request was a logged crash, an alarm's worth of noise an attacker controls.
"""

from __future__ import annotations

import json
from datetime import date
from types import ModuleType
from typing import Any

import pytest

from ektp.domain.appointments import AppointmentError, check_slot
from ektp.domain.nik import validate_nik
from tests.support.applicants import applicant_data, request_data
from tests.unit.api.conftest import LambdaContext, http_event
from tests.unit.services.recording_world import NOW, OFFICE, TUESDAY_0800_WIB, world
from tests.unit.services.test_applications import make_service

ALICE = {"sub": "alice", "cognito:groups": "[residents]"}


def _send(api: ModuleType, event: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    answer = api.handler(event, LambdaContext())
    return answer["statusCode"], json.loads(answer["body"])


@pytest.mark.parametrize("birth_date", ["9999-12-31", "9950-06-15"])
def test_attack_a_birth_date_at_the_calendars_end_is_refused_as_in_the_future(
    api: ModuleType, monkeypatch: pytest.MonkeyPatch, birth_date: str
) -> None:
    service, repo = make_service()
    monkeypatch.setattr(api.resident, "application_service", lambda settings: service)
    body = request_data()
    body["applicant"]["birth_date"] = birth_date
    status, answer = _send(api, http_event("POST", "/applications", ALICE, body))
    assert status == 422, answer
    assert "BIRTH_DATE_IN_FUTURE" in [r["code"] for r in answer["error"]["reasons"]]
    assert not repo.applications


@pytest.mark.parametrize(
    "slot_start", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00", "9999-12-31T16:00:00+07:00"]
)
def test_attack_a_slot_at_the_calendars_edge_is_out_of_range(
    api: ModuleType, monkeypatch: pytest.MonkeyPatch, slot_start: str
) -> None:
    w = world()
    w.wait()
    monkeypatch.setattr(api.appointments, "appointment_service", lambda settings: w.appointments())
    path = f"/applications/{w.app_id}/appointment"
    body = {"office_id": OFFICE.office_id, "slot_start": slot_start}
    status, answer = _send(api, http_event("POST", path, ALICE, body))
    assert (status, answer["error"]["code"]) == (422, "SLOT_OUT_OF_RANGE"), answer


def test_an_ordinary_slot_still_books_and_a_far_one_is_still_out_of_range() -> None:
    """The guard: the range check before any conversion leaves the real rules as they were."""
    assert check_slot(OFFICE, TUESDAY_0800_WIB, NOW) == TUESDAY_0800_WIB
    with pytest.raises(AppointmentError) as refused:
        check_slot(OFFICE, TUESDAY_0800_WIB.replace(year=2031), NOW)
    assert refused.value.code == "SLOT_OUT_OF_RANGE"


@pytest.mark.parametrize("declared", [date(9999, 12, 31), date(1, 1, 1)])
def test_the_nik_reads_its_date_whatever_the_declared_year(declared: date) -> None:
    data = applicant_data()
    check = validate_nik(data["nik"], sex="F", birth_date=declared)
    assert check is not None  # a reading, mismatched or not, never an exception
