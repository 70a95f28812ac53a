"""Officers: the biometric capture station (issue 20). At the appointment the officer finds the application by
registration number or NIK (their district's, waiting for its recording), checks the person against the photo,
and sends the face, the scanner's fingerprints and the signature; the capture is stored as trusted (the officer's
id from the token, the scanner's id from the station) and the verification chain goes on. The district and the
status are checked on the record (ektp.services.capture); no request field can name who captured."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Body
from pydantic import BaseModel, ConfigDict, Field

from ektp.domain.appointments import CAPTURE_MAX_BYTES, CaptureRecord, Finger
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.services.capture import Arrival, CaptureFile
from ektp.wiring import capture_service

from .base import AudienceRouter, RegistrationNumber, responses

router = AudienceRouter("officer")
_BASE64_MAX = (CAPTURE_MAX_BYTES * 4) // 3 + 4


class ArrivalView(BaseModel):
    """Enough to confirm the person: the number, the name and birth date on the application, the checked photo."""

    registration_number: str
    status: ApplicationStatus
    full_name: str
    birth_date: str
    photo_url: str | None = Field(description="a 300 s link to the ID photo the checks accepted")


class CapturedFileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data_base64: str = Field(max_length=_BASE64_MAX, description="the image file (JPEG or PNG), base64")


class FingerIn(CapturedFileIn):
    finger: Finger


class CaptureRequest(BaseModel):
    """What the station sends. Who captured is not a field: it is the signed-in officer."""

    model_config = ConfigDict(extra="forbid")

    device_id: str = Field(min_length=3, max_length=64, description="the fingerprint scanner's registered id")
    person_confirmed: bool = Field(description="the officer compared the person present with the photo")
    face: CapturedFileIn
    fingerprints: list[FingerIn] = Field(min_length=1, max_length=10)
    signature: CapturedFileIn


class CaptureView(BaseModel):
    registration_number: str
    attempt: int
    captured_at: datetime
    device_id: str
    parts: list[Literal["FACE", "FINGERPRINT", "SIGNATURE"]]


def _decoded(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ServiceError("CAPTURE_INVALID") from exc


def _arrival(arrival: Arrival) -> ArrivalView:
    record = arrival.application
    return ArrivalView(
        registration_number=record.application_id,
        status=record.status,
        full_name=record.applicant.full_name,
        birth_date=record.applicant.birth_date.isoformat(),
        photo_url=arrival.photo_url,
    )


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    q: str = Field(min_length=5, max_length=32, description="registration number or NIK")


# A POST, not a GET with `?q=`: a NIK in a query string would be written to the CDN's and the gateway's access
# logs, which keep URLs for a year outside the customer-managed key.
@router.post(
    "/capture/search",
    summary="Officers: find an application waiting for its recording, by registration number or NIK",
    responses=responses("The applications of my district waiting for a recording"),
)
def search(body: Annotated[SearchRequest, Body()]) -> list[ArrivalView]:
    return [_arrival(a) for a in capture_service(router.settings).find(router.principal(), body.q)]


@router.post(
    "/capture/<registration_number>",
    summary="Officers: record the face, fingerprints and signature; the chain goes on",
    responses=responses("Recorded"),
)
def capture(registration_number: RegistrationNumber, body: Annotated[CaptureRequest, Body()]) -> CaptureView:
    files = [
        CaptureFile("FACE", _decoded(body.face.data_base64)),
        *(CaptureFile("FINGERPRINT", _decoded(f.data_base64), finger=f.finger) for f in body.fingerprints),
        CaptureFile("SIGNATURE", _decoded(body.signature.data_base64)),
    ]
    recorded: CaptureRecord = capture_service(router.settings).capture(
        router.principal(),
        registration_number,
        device_id=body.device_id,
        person_confirmed=body.person_confirmed,
        files=files,
    )
    return CaptureView(
        registration_number=recorded.application_id,
        attempt=recorded.attempt,
        captured_at=recorded.captured_at,
        device_id=recorded.device_id,
        parts=sorted({f.part for f in recorded.files}),
    )
