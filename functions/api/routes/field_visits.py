"""Officers: field verification of domicile (issue 20 item 4). The district's open visits (the name and the address,
nothing more), the visit photo's presigned POST, and the answer (outcome, note, photo) that resumes the chain. The
district, the status and the open round are checked on the record (ektp.services.field_visits); who visited is the
signed-in officer, never a request field."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Body
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ektp.domain.application import message_text
from ektp.domain.field_visits import NOTE_MAX_CHARS, PHOTO_MAX_BYTES, FieldVisitOutcome
from ektp.services.field_visits import OpenVisit
from ektp.wiring import field_visit_service

from .base import AudienceRouter, RegistrationNumber, responses

router = AudienceRouter("officer")


class OpenVisitView(BaseModel):
    """Where to go and whom to ask for. No NIK, no birth date, no phone."""

    registration_number: str
    visit_round: int = Field(description="1, or 2 when the resident was not met the first time")
    requested_at: datetime
    overdue: bool = Field(description="the visit's first wait ran out; the supervisor was reminded")
    full_name: str
    address: str
    rt: str
    rw: str
    village: str = Field(description="kelurahan/desa")
    district: str = Field(description="kecamatan")


class PhotoUploadRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content_type: Literal["image/jpeg", "image/png"]


class PhotoUploadTicket(BaseModel):
    """A presigned POST: send the photo as multipart/form-data with these fields, the file field last; then name
    `photo_key` in the outcome."""

    photo_key: str
    url: str
    fields: dict[str, str]
    expires_in: int
    max_bytes: int
    content_type: str


class OutcomeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: FieldVisitOutcome
    note: Annotated[str, AfterValidator(message_text)] = Field(  # on the audit trail: shown as it reads
        max_length=NOTE_MAX_CHARS, description="what the officer found (10-500 characters)"
    )
    photo_key: str | None = Field(
        default=None,
        max_length=200,
        description="the uploaded photo (required for CONFIRMED, LIVES_ELSEWHERE)",
    )


class OutcomeView(BaseModel):
    registration_number: str
    visit_round: int
    outcome: FieldVisitOutcome
    recorded_at: datetime
    photo: bool


def _view(visit: OpenVisit) -> OpenVisitView:
    return OpenVisitView.model_validate(visit, from_attributes=True)


@router.get(
    "/field-visits",
    summary="Officers: the open field visits of my district",
    responses=responses("The district's open visits, the longest waiting first"),
)
def open_visits() -> list[OpenVisitView]:
    return [_view(v) for v in field_visit_service(router.settings).open_visits(router.principal())]


@router.post(
    "/field-visits/<registration_number>/photo",
    summary="Officers: a presigned POST for the visit's photo",
    responses=responses("Upload the photo with these fields"),
)
def photo_upload(
    registration_number: RegistrationNumber, body: Annotated[PhotoUploadRequest, Body()]
) -> PhotoUploadTicket:
    upload = field_visit_service(router.settings).photo_upload(
        router.principal(), registration_number, body.content_type
    )
    return PhotoUploadTicket(
        photo_key=upload.key,
        url=upload.post.url,
        fields=dict(upload.post.fields),
        expires_in=upload.post.expires_in,
        max_bytes=PHOTO_MAX_BYTES,
        content_type=body.content_type,
    )


@router.post(
    "/field-visits/<registration_number>/outcome",
    summary="Officers: record what the visit found; the chain goes on",
    responses=responses("Recorded"),
)
def record_outcome(
    registration_number: RegistrationNumber, body: Annotated[OutcomeRequest, Body()]
) -> OutcomeView:
    answer = field_visit_service(router.settings).record(
        router.principal(),
        registration_number,
        outcome=body.outcome,
        note=body.note,
        photo_key=body.photo_key,
    )
    return OutcomeView(
        registration_number=answer.application_id,
        visit_round=answer.visit_round,
        outcome=answer.outcome,
        recorded_at=answer.recorded_at,
        photo=answer.photo is not None,
    )
