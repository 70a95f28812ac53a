"""Biometric recording (perekaman) appointments: offices, their slots, bookings and home visits. Pure Python.

A first e-KTP needs fingerprints, face and signature recorded by an officer. Once the chain has verified the data
and documents of an application whose NIK has no trusted biometrics on file, the resident books a slot at an
office of their own district (kecamatan), or asks for a home visit when they cannot come (elderly, disability,
illness). Offices come from a configuration table (`ektp/data/offices.json`); a district without an entry is
served by its kecamatan office with the default hours, so every district has at least one office.

Times: an office keeps local hours in its own time zone (WIB, WITA or WIT, from the province); slots are
stored and compared as UTC instants.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ektp.domain.filetypes import pixels_within

OFFICES_FILE = Path(__file__).resolve().parents[1] / "data" / "offices.json"

HomeVisitReason = Literal["ELDERLY", "DISABILITY", "ILLNESS"]
HOME_VISIT_REASONS: tuple[HomeVisitReason, ...] = ("ELDERLY", "DISABILITY", "ILLNESS")
BookingKind = Literal["OFFICE", "HOME_VISIT"]
BookingStatus = Literal["ACTIVE", "CANCELLED", "ATTENDED"]

# Provinces east of WIB (UTC+7): WITA (UTC+8) and WIT (UTC+9), by the first two digits of the region code.
_WITA_PROVINCES = frozenset({"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"})
_WIT_PROVINCES = frozenset({"81", "82", "91", "92", "93", "94", "95", "96", "97"})


def utc_offset_hours(district_code: str) -> int:
    """The local time zone of a district: WIB +7, WITA +8, WIT +9."""
    province = district_code[:2]
    if province in _WIT_PROVINCES:
        return 9
    return 8 if province in _WITA_PROVINCES else 7


class OpeningHours(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    weekday: int = Field(ge=0, le=6)  # Monday 0
    opens: time
    closes: time


# Public-service hours of a kecamatan office: Monday to Thursday 08:00-15:00, Friday until 11:30 (Friday prayer).
DEFAULT_HOURS: tuple[OpeningHours, ...] = (
    *(OpeningHours(weekday=d, opens=time(8), closes=time(15)) for d in range(4)),
    OpeningHours(weekday=4, opens=time(8), closes=time(11, 30)),
)


class Office(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    office_id: str = Field(pattern=r"^[A-Z0-9][A-Z0-9.\-]{2,40}$")
    district_code: str = Field(pattern=r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$")
    name: str
    address: str = ""
    hours: tuple[OpeningHours, ...] = DEFAULT_HOURS
    slot_minutes: int = Field(default=30, ge=5, le=240)
    capacity: int = Field(default=4, ge=1, le=100)  # residents one slot takes (recording stations x turns)
    # The capture devices (fingerprint scanners) enrolled at this office's recording stations: a capture names one
    # of its district's (domain/capture_devices.py). The kecamatan office a district gets by default has none.
    devices: tuple[str, ...] = ()

    @property
    def zone(self) -> timezone:
        return timezone(timedelta(hours=utc_offset_hours(self.district_code)))


def default_office(district_code: str) -> Office:
    """The kecamatan office every district has, with the default hours and capacity."""
    return Office(
        office_id=f"KEC-{district_code}",
        district_code=district_code,
        name=f"Kantor Kecamatan {district_code} (layanan Dukcapil)",
    )


@lru_cache(maxsize=1)
def _configured(path: Path = OFFICES_FILE) -> tuple[Office, ...]:
    raw = json.loads(path.read_text()) if path.exists() else []
    return tuple(Office.model_validate(entry) for entry in raw)


def offices_for(district_code: str, table: tuple[Office, ...] | None = None) -> list[Office]:
    """The offices that serve a district: the configured ones, or its kecamatan office when none is."""
    configured = [o for o in (_configured() if table is None else table) if o.district_code == district_code]
    return configured or [default_office(district_code)]


def office_by_id(
    office_id: str, district_code: str, table: tuple[Office, ...] | None = None
) -> Office | None:
    """An office of this district by id; None for an unknown office or one of another district."""
    return next((o for o in offices_for(district_code, table) if o.office_id == office_id), None)


def slot_starts(office: Office, day: date) -> list[datetime]:
    """Every slot the office offers on a (local) day, as UTC instants."""
    starts: list[datetime] = []
    step = timedelta(minutes=office.slot_minutes)
    for hours in (h for h in office.hours if h.weekday == day.weekday()):
        start = datetime.combine(day, hours.opens, office.zone)
        end = datetime.combine(day, hours.closes, office.zone)
        while start + step <= end:
            starts.append(start.astimezone(UTC))
            start += step
    return sorted(starts)


class BookingRules(BaseModel):
    """How far ahead a slot may be booked: not within the lead time (the office plans its day), not beyond the
    horizon (the chain's first wait runs about that long)."""

    model_config = ConfigDict(frozen=True)

    lead: timedelta = timedelta(hours=2)
    horizon: timedelta = timedelta(days=14)


DEFAULT_RULES = BookingRules()


class AppointmentError(Exception):
    """A booking request the rules refuse: a code from the reason catalogue."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _far_from(start: datetime, now: datetime, horizon: timedelta) -> bool:
    """Whether `start` lies well outside the bookable window, judged on its wall-clock reading: converting a
    time near the calendar's ends (9999-12-31T23:59-05:00) to UTC or to the office's zone overflows, and a
    zone moves the reading by less than a day."""
    wall_gap = start.replace(tzinfo=None) - now.astimezone(UTC).replace(tzinfo=None)
    return abs(wall_gap) > horizon + timedelta(days=2)


def check_slot(
    office: Office, start: datetime, now: datetime, rules: BookingRules = DEFAULT_RULES
) -> datetime:
    """The slot as stored (UTC), if the office offers it and it may be booked now; AppointmentError otherwise."""
    if start.tzinfo is None:
        raise AppointmentError("SLOT_NOT_OFFERED")  # a time without a zone names no instant
    if _far_from(start, now, rules.horizon):
        raise AppointmentError("SLOT_OUT_OF_RANGE")
    start = start.astimezone(UTC)
    if start not in slot_starts(office, start.astimezone(office.zone).date()):
        raise AppointmentError("SLOT_NOT_OFFERED")
    if start < now + rules.lead or start > now + rules.horizon:
        raise AppointmentError("SLOT_OUT_OF_RANGE")
    return start


def open_slots(
    office: Office, now: datetime, booked: dict[datetime, int], rules: BookingRules = DEFAULT_RULES
) -> list[tuple[datetime, int]]:
    """(slot start, places left) for every bookable slot from now to the horizon with a place left."""
    first = now.astimezone(office.zone).date()
    days = (rules.horizon.days or 1) + 1
    out: list[tuple[datetime, int]] = []
    for offset in range(days):
        for start in slot_starts(office, first + timedelta(days=offset)):
            if now + rules.lead <= start <= now + rules.horizon:
                left = office.capacity - booked.get(start, 0)
                if left > 0:
                    out.append((start, left))
    return out


def slot_key(office_id: str, start: datetime) -> str:
    """The slot's identity: its office and its UTC start, to the minute."""
    return f"{office_id}#{start.astimezone(UTC).strftime('%Y-%m-%dT%H:%MZ')}"


class Booking(BaseModel):
    """The application's recording appointment: one per application (a new booking replaces it atomically)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    application_id: str
    attempt: int
    kind: BookingKind
    status: BookingStatus = "ACTIVE"
    office_id: str | None = None
    slot_start: datetime | None = None
    # The reason alone, never a description: a home visit's reason is health data (UU PDP), kept to a code.
    home_visit_reason: HomeVisitReason | None = None
    district_code: str
    created_at: datetime
    updated_at: datetime
    version: int = 0

    @property
    def slot(self) -> str | None:
        return slot_key(self.office_id, self.slot_start) if self.office_id and self.slot_start else None

    @property
    def active(self) -> bool:
        return self.status == "ACTIVE"


def home_visit_reason(value: str | None) -> HomeVisitReason:
    if value not in HOME_VISIT_REASONS:
        raise AppointmentError("HOME_VISIT_REASON_REQUIRED")
    return value


def needs_recording(*, policy_on: bool, data_rejected: bool, trusted_on_file: bool) -> bool:
    """Whether the chain waits for an officer's capture: the deployment asks for it, the data and documents did
    not fail (a resident who must fix them is not asked to travel first), and the NIK has no trusted biometrics
    (an enrolled face with a finger from an officer's or a registered device's capture). A replacement or data
    change for such a NIK skips it: its selfie is compared 1:1 with the enrolled face."""
    return policy_on and not data_rejected and not trusted_on_file


# --- the officer's capture at the appointment ------------------------------------------------------------------
CapturePart = Literal["FACE", "FINGERPRINT", "SIGNATURE"]
Finger = Literal[
    "RIGHT_THUMB",
    "RIGHT_INDEX",
    "RIGHT_MIDDLE",
    "RIGHT_RING",
    "RIGHT_LITTLE",
    "LEFT_THUMB",
    "LEFT_INDEX",
    "LEFT_MIDDLE",
    "LEFT_RING",
    "LEFT_LITTLE",
]
# The finger the verification chain matches and enrols (the KTP-el's right index, as a resident's upload is).
MATCHED_FINGER: Finger = "RIGHT_INDEX"
CAPTURE_TYPES = frozenset({"image/jpeg", "image/png"})
CAPTURE_MIN_BYTES = 1024  # smaller is no scan of a finger nor a face
CAPTURE_MAX_BYTES = 5 * 1024 * 1024
# A 500 dpi finger scan is under a megapixel and a station's camera a few: a file's header stating more is a
# decompression bomb (a 279 KB PNG of one colour states 16,000 x 16,000), which the chain's decoders would expand.
CAPTURE_MAX_PIXELS = 25_000_000


class CapturedFile(BaseModel):
    """One stored capture: where, which bytes (sha256), what they are (sniffed, never declared)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    part: CapturePart
    finger: Finger | None = None
    key: str
    version_id: str | None = None
    sha256: str
    content_type: str
    size: int


class CaptureRecord(BaseModel):
    """What an officer recorded for one attempt. Its presence is what lets the chain go on: a resumed task
    without it resumes nothing (services/chain.py record_recording)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    application_id: str
    attempt: int
    officer_id: str
    device_id: str
    captured_at: datetime
    person_confirmed: bool
    files: tuple[CapturedFile, ...]


def capture_problem(data: bytes, sniffed: str | None) -> str | None:
    """Why a captured file is refused (its size, its real type), or None."""
    if not CAPTURE_MIN_BYTES <= len(data) <= CAPTURE_MAX_BYTES:
        return "size"
    if sniffed not in CAPTURE_TYPES:
        return "type"
    if not pixels_within(data, CAPTURE_MAX_PIXELS):
        return "pixels"
    return None


def matched_finger(fingers: list[Finger]) -> Finger | None:
    """The finger the chain compares: the right index when it was captured, else the first one captured."""
    if not fingers:
        return None
    return MATCHED_FINGER if MATCHED_FINGER in fingers else fingers[0]
