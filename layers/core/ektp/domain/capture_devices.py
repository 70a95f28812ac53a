"""The register of enrolled capture devices: which scanners may record biometrics for a district. Pure Python.

A capture is trusted because an officer AND a named scanner made it (domain/capture.py). A name the officer types
freely proves nothing, so the name must be one the district enrolled: the devices of its offices in the office
table (ektp/data/offices.json, each office's `devices`), plus any a deployment enrols in the setting
`capture_devices` ("31.71.01=scanner-a,scanner-b;51.71.01=kit-1"), e.g. a district served by its default
kecamatan office, or a mobile kit for home visits. "*=<device>" enrols a device for every district: for local
and test stacks only, whose synthetic residents live in any district. A district with no enrolled device
cannot record until one is enrolled (fail closed).

Enrolment binds a device id to a district; it does not authenticate the device itself (a signed capture from a
registered kiosk is issue 20's device source).
"""

from __future__ import annotations

from collections.abc import Mapping

from ektp.domain.appointments import Office, offices_for

REFUSAL = "CAPTURE_DEVICE_NOT_ENROLLED"
EVERY_DISTRICT = "*"

Enrolments = Mapping[str, frozenset[str]]


def parse_enrolments(text: str) -> dict[str, frozenset[str]]:
    """The setting's "district=device,device;district=device" as a map; blanks and malformed parts are ignored."""
    found: dict[str, set[str]] = {}
    for part in text.split(";"):
        district, _, devices = part.partition("=")
        names = {d.strip() for d in devices.split(",") if d.strip()}
        if district.strip() and names:
            found.setdefault(district.strip(), set()).update(names)
    return {district: frozenset(names) for district, names in found.items()}


def enrolled_devices(
    district: str, table: tuple[Office, ...] | None = None, extra: Enrolments | None = None
) -> frozenset[str]:
    """Every device id enrolled for the district: its offices' and the deployment's."""
    extra = extra or {}
    offices = {d for office in offices_for(district, table) for d in office.devices}
    return frozenset(offices | extra.get(district, frozenset()) | extra.get(EVERY_DISTRICT, frozenset()))


def device_refusal(
    device_id: str, district: str, table: tuple[Office, ...] | None = None, extra: Enrolments | None = None
) -> str | None:
    """Why a capture by this device for this district is refused (a reason code), or None."""
    return None if device_id in enrolled_devices(district, table, extra) else REFUSAL
