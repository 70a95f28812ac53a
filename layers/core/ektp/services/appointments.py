"""The resident's biometric-recording appointment: the offices of their district and the free slots, booking,
rebooking and cancelling a slot, or asking for a home visit.

Only while the application waits for its recording (AWAITING_BIOMETRIC_RECORDING, the chain waiting on a task
token): the store's writes are conditional on that status and attempt, on the slot's capacity and on the booking
read (services/ports: RecordingStore), so concurrent bookings never exceed a slot and an application never holds
two active bookings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ektp.domain.appointments import (
    DEFAULT_RULES,
    AppointmentError,
    Booking,
    BookingRules,
    Office,
    check_slot,
    home_visit_reason,
    office_by_id,
    offices_for,
    open_slots,
)
from ektp.domain.limits import (
    BOOKING_CHANGES_WINDOW,
    BOOKING_NOTICE_WINDOW,
    MAX_BOOKING_CHANGES,
    MAX_BOOKING_CHANGES_PER_DAY,
)
from ektp.domain.records import ApplicationRecord, TimelineEvent
from ektp.domain.registration_number import parse_registration_number
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.issuance.notifications import StatusChangedDetail
from ektp.ports import ApplicationRepository, BookingRefused, RecordingStore
from ektp.services.clock import utcnow


@dataclass(frozen=True)
class OfficeSlots:
    office: Office
    slots: list[tuple[datetime, int]]  # (start, places left)


class AppointmentService:
    def __init__(
        self,
        repository: ApplicationRepository,
        store: RecordingStore,
        *,
        offices: tuple[Office, ...] | None = None,  # None: the configured table (ektp/data/offices.json)
        rules: BookingRules = DEFAULT_RULES,
        publish: Callable[[StatusChangedDetail], None] | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._repo = repository
        self._store = store
        self._offices = offices
        self._rules = rules
        self._publish = publish
        self._clock = clock

    def _waiting(self, owner: str, application_id: str) -> ApplicationRecord:
        canonical = parse_registration_number(application_id)
        if canonical is None:
            raise ServiceError("INVALID_REGISTRATION_NUMBER")
        record = self._repo.get(canonical)
        if record is None or record.owner != owner:
            raise ServiceError("APPLICATION_NOT_FOUND")  # another resident's: as if missing
        if record.status is not ApplicationStatus.AWAITING_BIOMETRIC_RECORDING:
            raise ServiceError("NOT_AWAITING_RECORDING")
        return record

    # --- reads -------------------------------------------------------------------------------------
    def offices(self, owner: str, application_id: str) -> list[OfficeSlots]:
        """The offices of the application's district with their free slots up to the booking horizon."""
        record = self._waiting(owner, application_id)
        now = self._clock()
        out: list[OfficeSlots] = []
        for office in offices_for(record.district_code, self._offices):
            booked = self._store.booked_counts(office.office_id, now, now + self._rules.horizon)
            out.append(OfficeSlots(office, open_slots(office, now, booked, self._rules)))
        return out

    def current(self, owner: str, application_id: str) -> Booking | None:
        record = self._waiting(owner, application_id)
        booking = self._store.get_booking(record.application_id)
        return booking if booking is not None and booking.attempt == record.attempt else None

    # --- writes ------------------------------------------------------------------------------------
    def book(self, owner: str, application_id: str, office_id: str, start: datetime) -> Booking:
        """Book a slot, or move the active booking to it (one transaction: the old place is given back)."""
        record = self._waiting(owner, application_id)
        office = office_by_id(office_id, record.district_code, self._offices)
        if office is None:
            raise ServiceError("OFFICE_NOT_IN_DISTRICT")
        now = self._clock()
        try:
            slot = check_slot(office, start, now, self._rules)
        except AppointmentError as exc:
            raise ServiceError(exc.code) from exc
        booking = self._new_booking(record, now, kind="OFFICE", office_id=office.office_id, slot_start=slot)
        return self._save(
            record, booking, office.capacity, "APPOINTMENT_BOOKED", "BIOMETRIC_APPOINTMENT_BOOKED"
        )

    def request_home_visit(self, owner: str, application_id: str, reason: str | None) -> Booking:
        """A home visit instead of a slot, for a reason the office can act on; replaces an active slot booking."""
        record = self._waiting(owner, application_id)
        try:
            why = home_visit_reason(reason)
        except AppointmentError as exc:
            raise ServiceError(exc.code) from exc
        booking = self._new_booking(record, self._clock(), kind="HOME_VISIT", home_visit_reason=why)
        return self._save(record, booking, 0, "HOME_VISIT_REQUESTED", "HOME_VISIT_REQUESTED")

    def cancel(self, owner: str, application_id: str) -> Booking:
        record = self._waiting(owner, application_id)
        previous = self._store.get_booking(record.application_id)
        if previous is None or not previous.active or previous.attempt != record.attempt:
            raise ServiceError("BOOKING_NOT_FOUND")
        now = self._clock()
        cancelled = previous.model_copy(update={"status": "CANCELLED", "updated_at": now})
        try:
            stored = self._store.cancel(cancelled, previous)
        except BookingRefused as exc:
            raise ServiceError(exc.code) from exc
        self._repo.add_event(
            record.application_id,
            TimelineEvent(at=now, kind="APPOINTMENT_CANCELLED", actor="resident", status=record.status),
        )
        return stored

    def _new_booking(self, record: ApplicationRecord, now: datetime, **fields: object) -> Booking:
        return Booking.model_validate(
            {
                "application_id": record.application_id,
                "attempt": record.attempt,
                "district_code": record.district_code,
                "created_at": now,
                "updated_at": now,
                **fields,
            }
        )

    def _count_change(self, record: ApplicationRecord, now: datetime) -> None:
        """Each booking change may message the form's contact, which nobody verified: a few a day, a few more
        in a month (domain/limits.py); the office changes a booking past them."""
        take = self._repo.take_allowance
        if not (
            take(
                record.application_id,
                "BOOKING_CHANGES_DAY",
                MAX_BOOKING_CHANGES_PER_DAY,
                now,
                timedelta(days=1),
            )
            and take(
                record.application_id, "BOOKING_CHANGES", MAX_BOOKING_CHANGES, now, BOOKING_CHANGES_WINDOW
            )
        ):
            raise ServiceError("BOOKING_CHANGE_LIMIT_REACHED")

    def _save(
        self, record: ApplicationRecord, booking: Booking, capacity: int, kind: str, code: str
    ) -> Booking:
        self._count_change(record, booking.created_at)
        previous = self._store.get_booking(record.application_id)
        try:
            stored = self._store.book(booking, previous, capacity)
        except BookingRefused as exc:
            raise ServiceError(exc.code) from exc
        # The timeline names the office and the reason code, never a free-text note (a reason is health data).
        detail = booking.office_id or booking.home_visit_reason
        self._repo.add_event(
            record.application_id,
            TimelineEvent(
                at=booking.created_at, kind=kind, actor="resident", status=record.status, detail=detail
            ),
        )
        if self._publish is not None and self._repo.take_allowance(
            record.application_id, "BOOKING_NOTICE", 1, booking.created_at, BOOKING_NOTICE_WINDOW
        ):  # the confirmation, through the notifier like every status message; one an hour at most (the
            # message names no slot: a later change within the hour is on the resident's screen and timeline)
            self._publish(
                StatusChangedDetail(
                    registration_number=record.application_id,
                    status=str(record.status),
                    previous_status=str(record.status),
                    attempt=record.attempt,
                    at=booking.created_at,
                    reason_codes=[code],
                )
            )
        return stored
