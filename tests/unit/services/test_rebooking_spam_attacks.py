"""Attack review s6 finding 6: rebooking in a loop sends a message each time.

Before: 100 alternating rebookings and 50 home-visit/rebook toggles published 200 confirmations to the notifier
(SMS, e-mail or WhatsApp to the form's contact, which nobody verified: an SMS bomb at the deployment's cost) and
wrote 200 timeline events. Now an application may change its booking MAX_BOOKING_CHANGES_PER_DAY times a day and
MAX_BOOKING_CHANGES in 30 days (counted by the repository's conditional allowance), and the resident is messaged
at most once per BOOKING_NOTICE_WINDOW; every change that is accepted is stored and on the timeline.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from ektp.domain.limits import (
    BOOKING_NOTICE_WINDOW,
    MAX_BOOKING_CHANGES,
    MAX_BOOKING_CHANGES_PER_DAY,
)
from ektp.errors import ServiceError
from ektp.services.appointments import AppointmentService
from tests.unit.services.recording_world import (
    NOW,
    OFFICE,
    TUESDAY_0800_WIB,
    TUESDAY_0830_WIB,
    World,
    world,
)

CONFIRMATIONS = {"BIOMETRIC_APPOINTMENT_BOOKED", "HOME_VISIT_REQUESTED"}


def _confirmations(w: World) -> int:
    return sum(1 for p in w.published if set(p.reason_codes) & CONFIRMATIONS)


def _service(w: World, clock: list[datetime]) -> AppointmentService:
    return AppointmentService(
        w.repo, w.recordings, offices=(OFFICE,), publish=w.published.append, clock=lambda: clock[0]
    )


def test_rebooking_in_a_loop_does_not_send_a_message_each_time() -> None:
    w = world()
    w.wait()
    service = w.appointments()
    done = 0
    for i in range(100):
        slot = TUESDAY_0800_WIB if i % 2 == 0 else TUESDAY_0830_WIB
        try:
            service.book("alice", w.app_id, OFFICE.office_id, slot)
            done += 1
        except ServiceError as exc:
            assert exc.code == "BOOKING_CHANGE_LIMIT_REACHED"
            break
    for _ in range(50):
        with pytest.raises(ServiceError):
            service.request_home_visit("alice", w.app_id, "ELDERLY")
    assert done == MAX_BOOKING_CHANGES_PER_DAY
    assert _confirmations(w) == 1
    booked = [e for e in w.repo.events[w.app_id] if e.kind == "APPOINTMENT_BOOKED"]
    assert len(booked) == done  # every accepted change is on the timeline
    current = service.current("alice", w.app_id)
    # The last accepted change holds: the fifth, i = 4.
    assert current is not None and current.slot_start == TUESDAY_0800_WIB


def test_a_message_at_most_once_an_hour_and_a_limit_over_the_month() -> None:
    w = world()
    w.wait()
    clock = [NOW]
    service = _service(w, clock)
    changes = 0
    for hour in range(24 * 6):
        clock[0] = NOW + timedelta(hours=hour)
        try:
            service.request_home_visit("alice", w.app_id, "ELDERLY")
            changes += 1
        except ServiceError as exc:
            assert exc.code == "BOOKING_CHANGE_LIMIT_REACHED"
    assert changes == MAX_BOOKING_CHANGES  # 5 a day on the first two days, then nothing for 30 days
    assert _confirmations(w) == changes  # an hour apart: each is told
    visits = [e for e in w.repo.events[w.app_id] if e.kind == "HOME_VISIT_REQUESTED"]
    assert len(visits) == changes


def test_changes_within_the_hour_are_stored_and_told_once() -> None:
    w = world()
    w.wait()
    clock = [NOW]
    service = _service(w, clock)
    service.book("alice", w.app_id, OFFICE.office_id, TUESDAY_0800_WIB)
    clock[0] += BOOKING_NOTICE_WINDOW / 2
    visit = service.request_home_visit("alice", w.app_id, "ELDERLY")
    assert _confirmations(w) == 1
    assert service.current("alice", w.app_id) == visit and visit.kind == "HOME_VISIT"
    clock[0] = NOW + BOOKING_NOTICE_WINDOW
    service.book("alice", w.app_id, OFFICE.office_id, TUESDAY_0830_WIB)
    assert _confirmations(w) == 2
