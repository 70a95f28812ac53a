"""Biometric recording: when the chain waits, the resident's booking (capacity, one active booking, rebooking,
cancelling, home visits) and the chain's reminder, officer task and missed recording."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, time, timedelta

import pytest

from ektp.domain.appointments import (
    AppointmentError,
    Office,
    OpeningHours,
    check_slot,
    default_office,
    home_visit_reason,
    needs_recording,
    offices_for,
    slot_starts,
)
from ektp.domain.decision import Stage, required_stages
from ektp.domain.reasons import reason
from ektp.domain.records import StageResult
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from tests.unit.services.recording_world import (
    NOW,
    OFFICE,
    TUESDAY_0800_WIB,
    TUESDAY_0830_WIB,
    world,
)

# --- domain --------------------------------------------------------------------------------------------------


def test_every_district_has_an_office_and_the_configured_ones_come_first() -> None:
    gambir = offices_for("31.71.01")
    assert [o.office_id for o in gambir] == ["KEC-31.71.01", "MPP-31.71.01"]
    assert offices_for("32.73.01") == [default_office("32.73.01")]


def test_slots_follow_the_local_hours_of_the_offices_time_zone() -> None:
    tuesday = date(2026, 12, 8)
    jakarta = slot_starts(default_office("31.71.01"), tuesday)  # WIB, 08:00-15:00, 30 min
    assert jakarta[0] == datetime.combine(tuesday, time(1), UTC) and len(jakarta) == 14
    denpasar = slot_starts(default_office("51.71.01"), tuesday)  # WITA: 08:00 is 00:00 UTC
    assert denpasar[0] == datetime.combine(tuesday, time(0), UTC)
    jayapura = slot_starts(default_office("91.71.01"), tuesday)  # WIT: 08:00 is 23:00 UTC the day before
    assert jayapura[0] == datetime.combine(tuesday - timedelta(days=1), time(23), UTC)
    assert slot_starts(default_office("31.71.01"), date(2026, 12, 12)) == []  # Saturday: closed
    friday = slot_starts(default_office("31.71.01"), date(2026, 12, 11))  # until 11:30
    assert len(friday) == 7


@pytest.mark.parametrize(
    ("start", "code"),
    [
        (TUESDAY_0800_WIB + timedelta(minutes=10), "SLOT_NOT_OFFERED"),  # not on a slot boundary
        (datetime(2026, 12, 8, 9, 0, tzinfo=UTC), "SLOT_NOT_OFFERED"),  # 16:00 WIB: closed
        (datetime(2026, 12, 8, 1, 0), "SLOT_NOT_OFFERED"),  # no time zone: no instant
        (NOW, "SLOT_OUT_OF_RANGE"),  # now: within the lead time
        (TUESDAY_0800_WIB + timedelta(days=28), "SLOT_OUT_OF_RANGE"),  # beyond the horizon
    ],
)
def test_a_slot_must_be_offered_and_within_the_booking_window(start: datetime, code: str) -> None:
    with pytest.raises(AppointmentError) as refused:
        check_slot(OFFICE, start, NOW)
    assert refused.value.code == code


def test_an_office_of_another_zone_offers_its_own_local_hours() -> None:
    office = Office(
        office_id="X-51.71.01",
        district_code="51.71.01",
        name="x",
        hours=(OpeningHours(weekday=1, opens=time(9), closes=time(10)),),
        slot_minutes=60,
    )
    assert check_slot(office, datetime(2026, 12, 8, 1, 0, tzinfo=UTC), NOW) == datetime(
        2026, 12, 8, 1, tzinfo=UTC
    )


def test_a_home_visit_needs_one_of_the_reasons() -> None:
    assert home_visit_reason("ELDERLY") == "ELDERLY"
    for bad in (None, "", "BUSY", "elderly"):
        with pytest.raises(AppointmentError):
            home_visit_reason(bad)


def test_who_waits_for_a_recording() -> None:
    assert needs_recording(policy_on=True, data_rejected=False, trusted_on_file=False)
    assert not needs_recording(policy_on=True, data_rejected=False, trusted_on_file=True)
    assert not needs_recording(policy_on=True, data_rejected=True, trusted_on_file=False)
    assert not needs_recording(policy_on=False, data_rejected=False, trusted_on_file=False)


def test_a_recorded_application_needs_its_fingerprint_comparison() -> None:
    assert Stage.FINGERPRINT_MATCH in required_stages("NEW", recorded=True)
    assert Stage.FINGERPRINT_MATCH not in required_stages("NEW")


# --- the chain's wait ------------------------------------------------------------------------------------------


def test_a_first_application_without_trusted_biometrics_waits_with_a_reason_to_act_on() -> None:
    w = world()
    w.wait()
    record = w.record
    assert record.status is ApplicationStatus.AWAITING_BIOMETRIC_RECORDING
    assert [r.code for r in record.reasons] == ["BIOMETRIC_RECORDING_REQUIRED"]
    assert w.recordings.get_recording_token(w.app_id, 1) == "token-1"
    assert w.published[-1].status == "AWAITING_BIOMETRIC_RECORDING"


@pytest.mark.parametrize("application_type", ["REPLACEMENT_LOST", "DATA_CHANGE", "NEW"])
def test_a_nik_with_trusted_biometrics_skips_the_appointment(application_type: str) -> None:
    w = world()
    w.repo.applications[w.app_id] = w.record.model_copy(update={"application_type": application_type})
    w.trusted.add(w.record.applicant.nik)
    assert w.run_to_plan() is False
    assert w.record.status is ApplicationStatus.VERIFYING


def test_data_that_must_be_fixed_first_is_not_sent_to_an_office() -> None:
    w = world()
    w.repo.save_stage(
        w.app_id,
        StageResult(
            stage="personal_data",
            attempt=1,
            outcome="fail",
            reasons=[reason("NAME_MISMATCH")],
            at=datetime.now(UTC),
        ),
    )
    assert w.run_to_plan() is False


def test_a_resumed_wait_without_a_capture_changes_nothing() -> None:
    """Attack: a replayed or forged task token resumes the chain; with no officer's capture on record for this
    attempt, record_recording answers captured=False (the chain waits again) and the status stays."""
    w = world()
    w.wait()
    assert w.chain.record_recording(w.app_id, 1).captured is False
    assert w.record.status is ApplicationStatus.AWAITING_BIOMETRIC_RECORDING


def test_the_first_timeout_reminds_once_then_an_officer_task_then_missed() -> None:
    w = world()
    w.wait()
    assert w.chain.remind_recording(w.app_id, 1).reminded is True
    w.chain.remind_recording(w.app_id, 1)  # a retried step
    reminders = [p for p in w.published if p.reason_codes == ["BIOMETRIC_RECORDING_REMINDER"]]
    assert len(reminders) == 1
    w.chain.request_recording(w.app_id, 1, "token-2")  # the second wait replaces the token
    assert w.recordings.get_recording_token(w.app_id, 1) == "token-2"
    w.chain.recording_officer_task(w.app_id, 1)
    w.chain.recording_officer_task(w.app_id, 1)
    assert [x.code for x in w.record.warnings].count("BIOMETRIC_RECORDING_OVERDUE") == 1
    assert any(e.kind == "RECORDING_OFFICER_TASK" for e in w.repo.events[w.app_id])
    service = w.appointments()
    service.book("alice", w.app_id, OFFICE.office_id, TUESDAY_0800_WIB)
    assert w.chain.recording_missed(w.app_id, 1).captured is False
    assert w.record.status is ApplicationStatus.REJECTED
    assert [r.code for r in w.record.reasons] == ["BIOMETRIC_RECORDING_MISSED"]
    assert w.recordings.slots == {f"{OFFICE.office_id}#2026-12-08T01:00Z": 0}  # the place is given back


# --- booking -----------------------------------------------------------------------------------------------------


def test_booking_rebooking_and_cancelling_keep_one_active_booking_and_the_counts() -> None:
    w = world()
    w.wait()
    service = w.appointments()
    first = service.book("alice", w.app_id, OFFICE.office_id, TUESDAY_0800_WIB)
    assert first.active and first.slot_start == TUESDAY_0800_WIB
    assert w.published[-1].reason_codes == ["BIOMETRIC_APPOINTMENT_BOOKED"]
    moved = service.book("alice", w.app_id, OFFICE.office_id, TUESDAY_0830_WIB)
    assert moved.slot_start == TUESDAY_0830_WIB and moved.version == first.version + 1
    assert w.recordings.slots == {
        f"{OFFICE.office_id}#2026-12-08T01:00Z": 0,
        f"{OFFICE.office_id}#2026-12-08T01:30Z": 1,
    }
    (listing,) = [o for o in service.offices("alice", w.app_id) if o.office.office_id == OFFICE.office_id]
    assert dict(listing.slots)[TUESDAY_0830_WIB] == OFFICE.capacity - 1
    cancelled = service.cancel("alice", w.app_id)
    assert (
        cancelled.status == "CANCELLED" and w.recordings.slots[f"{OFFICE.office_id}#2026-12-08T01:30Z"] == 0
    )
    with pytest.raises(ServiceError, match="BOOKING_NOT_FOUND"):
        service.cancel("alice", w.app_id)
    visit = service.request_home_visit("alice", w.app_id, "DISABILITY")
    assert visit.kind == "HOME_VISIT" and visit.home_visit_reason == "DISABILITY"
    kinds = [e.kind for e in w.repo.events[w.app_id]]
    assert kinds.count("APPOINTMENT_BOOKED") == 2 and "HOME_VISIT_REQUESTED" in kinds


def test_a_booking_beyond_capacity_fails() -> None:
    """Attack: more residents than places book one slot; the last is refused, the count stays at capacity."""
    w = world()
    w.wait()
    service = w.appointments()
    service.book("alice", w.app_id, OFFICE.office_id, TUESDAY_0800_WIB)
    for n in range(OFFICE.capacity - 1):
        other = w.another_waiting_application(f"resident-{n}")
        service.book(f"resident-{n}", other, OFFICE.office_id, TUESDAY_0800_WIB)
    late = w.another_waiting_application("late")
    with pytest.raises(ServiceError, match="SLOT_FULL"):
        service.book("late", late, OFFICE.office_id, TUESDAY_0800_WIB)
    assert w.recordings.slots[f"{OFFICE.office_id}#2026-12-08T01:00Z"] == OFFICE.capacity
    assert w.recordings.get_booking(late) is None


def test_twenty_parallel_bookings_never_exceed_the_capacity() -> None:
    w = world()
    w.wait()
    service = w.appointments()
    apps = [w.another_waiting_application(f"r{n}") for n in range(20)]
    outcomes: list[str] = []
    barrier = threading.Barrier(20)

    def book(n: int) -> None:
        barrier.wait()
        try:
            service.book(f"r{n}", apps[n], OFFICE.office_id, TUESDAY_0800_WIB)
            outcomes.append("booked")
        except ServiceError as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=book, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("booked") == OFFICE.capacity
    assert outcomes.count("SLOT_FULL") == 20 - OFFICE.capacity
    assert w.recordings.slots[f"{OFFICE.office_id}#2026-12-08T01:00Z"] == OFFICE.capacity


@pytest.mark.parametrize(
    ("owner", "office", "code"),
    [
        ("mallory", OFFICE.office_id, "APPLICATION_NOT_FOUND"),  # another resident's application
        ("alice", "KEC-32.73.01", "OFFICE_NOT_IN_DISTRICT"),  # an office of another district
        ("alice", "NOWHERE-1", "OFFICE_NOT_IN_DISTRICT"),
    ],
)
def test_a_booking_is_the_owners_at_an_office_of_their_district(owner: str, office: str, code: str) -> None:
    w = world()
    w.wait()
    with pytest.raises(ServiceError, match=code):
        w.appointments().book(owner, w.app_id, office, TUESDAY_0800_WIB)
    assert w.recordings.slots == {}


def test_no_booking_unless_the_application_waits_for_its_recording() -> None:
    w = world()
    w.run_to_plan()  # VERIFYING: the chain has not asked yet
    with pytest.raises(ServiceError, match="NOT_AWAITING_RECORDING"):
        w.appointments().book("alice", w.app_id, OFFICE.office_id, TUESDAY_0800_WIB)
    with pytest.raises(ServiceError, match="NOT_AWAITING_RECORDING"):
        w.appointments().request_home_visit("alice", w.app_id, "ELDERLY")


@pytest.mark.parametrize("why", [None, "BUSY"])
def test_a_home_visit_without_a_reason_is_refused(why: str | None) -> None:
    w = world()
    w.wait()
    with pytest.raises(ServiceError, match="HOME_VISIT_REASON_REQUIRED"):
        w.appointments().request_home_visit("alice", w.app_id, why)
