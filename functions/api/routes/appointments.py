"""Residents: the biometric-recording appointment of their own application (issue 20): the offices of their
district with free slots, booking and rebooking a slot, cancelling it, or asking for a home visit. Only while the
application waits for its recording (ektp.services.appointments checks the owner and the status on the record)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Body
from pydantic import BaseModel, ConfigDict, Field

from ektp.domain.appointments import Booking, HomeVisitReason, OpeningHours, utc_offset_hours
from ektp.services.appointments import OfficeSlots
from ektp.wiring import appointment_service

from .base import AudienceRouter, RegistrationNumber, responses

router = AudienceRouter("resident")


class SlotView(BaseModel):
    start: datetime
    places_left: int


class OfficeView(BaseModel):
    office_id: str
    name: str
    address: str
    hours: list[OpeningHours]
    utc_offset_hours: int
    slots: list[SlotView]


class BookingView(BaseModel):
    kind: Literal["OFFICE", "HOME_VISIT"]
    status: Literal["ACTIVE", "CANCELLED", "ATTENDED"]
    office_id: str | None
    slot_start: datetime | None
    home_visit_reason: HomeVisitReason | None
    updated_at: datetime


class AppointmentView(BaseModel):
    booking: BookingView | None
    offices: list[OfficeView]


class BookingRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    office_id: str = Field(max_length=48)
    slot_start: datetime = Field(description="a slot's start as listed, with its time zone")


class HomeVisitRequest(BaseModel):
    """Only the reason, never a description: a home visit's reason is health data, kept to its code."""

    model_config = ConfigDict(extra="forbid")

    reason: HomeVisitReason


def _booking(booking: Booking) -> BookingView:
    return BookingView(
        kind=booking.kind,
        status=booking.status,
        office_id=booking.office_id,
        slot_start=booking.slot_start,
        home_visit_reason=booking.home_visit_reason,
        updated_at=booking.updated_at,
    )


def _office(listing: OfficeSlots) -> OfficeView:
    office = listing.office
    return OfficeView(
        office_id=office.office_id,
        name=office.name,
        address=office.address,
        hours=list(office.hours),
        utc_offset_hours=utc_offset_hours(office.district_code),
        slots=[SlotView(start=start, places_left=left) for start, left in listing.slots],
    )


@router.get(
    "/applications/<registration_number>/appointment",
    summary="My recording appointment and the free slots of my district's offices",
    responses=responses("The booking (if any) and the offices with their free slots"),
)
def appointment(registration_number: RegistrationNumber) -> AppointmentView:
    service = appointment_service(router.settings)
    owner = router.owner()
    booking = service.current(owner, registration_number)
    return AppointmentView(
        booking=_booking(booking) if booking is not None else None,
        offices=[_office(o) for o in service.offices(owner, registration_number)],
    )


@router.post(
    "/applications/<registration_number>/appointment",
    summary="Book a recording slot, or move my booking to another slot",
    responses=responses("Booked"),
)
def book(registration_number: RegistrationNumber, body: Annotated[BookingRequest, Body()]) -> BookingView:
    booking = appointment_service(router.settings).book(
        router.owner(), registration_number, body.office_id, body.slot_start
    )
    return _booking(booking)


@router.delete(
    "/applications/<registration_number>/appointment",
    summary="Cancel my recording appointment (its place is given back)",
    responses=responses("Cancelled"),
)
def cancel(registration_number: RegistrationNumber) -> BookingView:
    return _booking(appointment_service(router.settings).cancel(router.owner(), registration_number))


@router.post(
    "/applications/<registration_number>/home-visit",
    summary="Ask for the recording at home (elderly, disability, illness)",
    responses=responses("Requested"),
)
def home_visit(
    registration_number: RegistrationNumber, body: Annotated[HomeVisitRequest, Body()]
) -> BookingView:
    booking = appointment_service(router.settings).request_home_visit(
        router.owner(), registration_number, body.reason
    )
    return _booking(booking)
