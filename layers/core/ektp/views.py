"""What the API returns: response models shaped for residents (and documented in the OpenAPI document)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, RootModel

from ektp.domain.application import (
    Applicant,
    ApplicationType,
    DocumentType,
    message_text,
    required_documents,
)
from ektp.domain.audit import purpose_of
from ektp.domain.disclosure import resident_stage
from ektp.domain.liveness import CHALLENGE_TTL, FRAME_ASPECT, MAX_LIVENESS_FRAMES, Pose
from ektp.domain.reasons import Reason
from ektp.domain.records import ApplicationRecord, DocumentRecord, latest_documents
from ektp.domain.status import NEXT_ACTION, SIAK_STATUS, ApplicationStatus, DocumentStatus
from ektp.domain.status_lookup import PublicStatus
from ektp.issuance.card import CardStatus
from ektp.ports import ApplicationView
from ektp.services.applications import UploadGrant
from ektp.services.clock import today_jakarta
from ektp.services.review import Evidence


class Message(BaseModel):
    message_id: str
    message_en: str


class ErrorBody(BaseModel):
    code: str
    message_id: str
    message_en: str
    reasons: list[Reason] = []


class ErrorResponse(BaseModel):
    error: ErrorBody


class GatewayMessage(BaseModel):
    """What API Gateway answers by itself, before any function runs (e.g. the JWT authorizer's 401)."""

    message: str


class Unauthorized(RootModel[ErrorResponse | GatewayMessage]):
    """A 401: the JWT authorizer's own body, or the error shape should a function refuse the identity."""


class DocumentView(BaseModel):
    document_type: DocumentType
    required: bool
    status: DocumentStatus | None  # None: nothing uploaded yet
    upload_id: str | None = None
    size: int | None = None
    reasons: list[Reason] = []
    measurements: dict[str, Any] = {}
    updated_at: datetime | None = None


class TimelineEntry(BaseModel):
    at: datetime
    kind: str
    actor: str
    status: ApplicationStatus | None = None
    detail: str | None = None
    reasons: list[str] = []


class ApplicationSummary(BaseModel):
    registration_number: str
    application_type: ApplicationType
    status: ApplicationStatus
    created_at: datetime
    updated_at: datetime


class ApplicationDetail(ApplicationSummary):
    siak_status: str
    attempt: int
    next_action: Message
    reasons: list[Reason]
    applicant: Applicant
    documents: list[DocumentView]
    timeline: list[TimelineEntry]


class ProcessingRecord(BaseModel):
    """One processing activity on the resident's data (UU PDP art. 31): when, by whom (role), what, why."""

    at: datetime
    actor: str
    activity: str
    purpose: str


class DataExport(BaseModel):
    """Everything held about the resident in this application and every processing of it (UU PDP access right)."""

    registration_number: str
    exported_at: datetime
    applicant: Applicant
    application_type: ApplicationType
    status: ApplicationStatus
    documents: list[DocumentView]
    extracted_from_documents: dict[str, Any]
    verification_outcomes: list[dict[str, Any]]
    processing_history: list[ProcessingRecord]
    retention: str


class DigitalId(BaseModel):
    card_id: str
    card_status: str
    credential: str = Field(description="Compact JWS (ES256), the content of the QR code")


class UploadRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content_type: str = Field(
        max_length=100, description="The file's MIME type: image/jpeg, image/png or application/pdf"
    )


class MultipartStartRequest(UploadRequest):
    """A resumable upload declares the file's size first: each part URL is signed for its exact length."""

    size: int = Field(ge=1, le=2**31, description="The file's length in bytes (at most the document's limit)")


class VerifyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    credential: str = Field(max_length=4096, description="The compact JWS read from the QR code")


class CardStatusRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: CardStatus
    detail: str | None = Field(default=None, max_length=64, description="a code, never personal data")


class UploadTicket(BaseModel):
    """A presigned POST: send the file as multipart/form-data with these fields, the file field last."""

    document_type: DocumentType
    upload_id: str
    url: str
    fields: dict[str, str]
    expires_in: int
    max_bytes: int
    content_type: str


class LivenessChallenge(BaseModel):
    """Turn the head through `poses` in order, one frame per pose (more are allowed), and upload the frames
    side by side, left to right, as one JPEG or PNG of `frame_aspect` frames, as document type LIVENESS."""

    poses: list[Pose]
    issued_at: datetime
    expires_at: datetime
    frame_aspect: str = f"{FRAME_ASPECT[0]}:{FRAME_ASPECT[1]}"
    max_frames: int = MAX_LIVENESS_FRAMES


def liveness_challenge(record: ApplicationRecord) -> LivenessChallenge:
    issued = record.liveness_challenge_at or record.updated_at
    return LivenessChallenge(
        poses=record.liveness_challenge, issued_at=issued, expires_at=issued + CHALLENGE_TTL
    )


class ReviewCase(BaseModel):
    registration_number: str
    application_type: ApplicationType
    district_code: str
    waiting_since: datetime
    warnings: list[str]


class StageView(BaseModel):
    stage: str
    outcome: str
    reasons: list[Reason]
    details: dict[str, Any]


class EvidenceDocument(BaseModel):
    document_type: DocumentType
    status: DocumentStatus
    reasons: list[Reason]
    measurements: dict[str, Any]
    extracted: dict[str, Any]
    original_url: str | None
    normalized_url: str | None


class CandidateView(BaseModel):
    """A 1:N candidate beside the probe: the enrolled photo (a link valid a few minutes) and the scores."""

    rank: int
    nik: str
    distance: float  # dlib
    score: float
    basis: str = "dlib"  # "fused": re-scored with SFace; "dlib": no SFace template on one side
    sface_cosine: float | None = None
    face_fused: float | None = None  # dlib + SFace z-score, the candidates' order
    finger: str  # match, no_match, not_compared (trusted prints on both sides only)
    finger_score: int | None = None
    outcome: str  # a row of ektp.domain.decision.GALLERY_OUTCOMES
    officer_confirms: bool
    photo_url: str | None


class CaseEvidence(BaseModel):
    """What an officer sees: the data, every stage's comparisons and the documents (never biometric templates)."""

    registration_number: str
    application_type: ApplicationType
    status: ApplicationStatus
    attempt: int
    applicant: Applicant
    warnings: list[Reason]
    stages: list[StageView]
    documents: list[EvidenceDocument]
    candidates: list[CandidateView] = []  # the 1:N search's candidates to compare with the PHOTO document
    channel: Literal["ONLINE", "ASSISTED"] = "ONLINE"
    entered_by: str | None = Field(
        default=None, description="ASSISTED: the officer who entered it at the office"
    )


MAX_DECISION_REASONS = 20


def _each_once(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))


class ReviewDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # FIELD_VISIT: an officer of the district visits the domicile first (issue 20 item 4; services/field_visits.py).
    decision: Literal["APPROVE", "REJECT", "FIELD_VISIT"]
    # Bounded and each code once: the codes travel in the chain's task output (256 KB) and onto the record and
    # the audit trail; an unbounded list failed the chain or repeated one reason a thousand times to the resident.
    reasons: Annotated[list[Annotated[str, Field(max_length=64)]], AfterValidator(_each_once)] = Field(
        default_factory=list,
        max_length=MAX_DECISION_REASONS,
        description="Reason codes the resident will see (REJECT)",
    )
    # Kept on the audit trail for five years and read by other officers: a bidi override or a zero-width
    # character there would make it read as other text (tests/unit/api/test_staff_note_characters.py).
    note: Annotated[str, AfterValidator(message_text)] | None = Field(
        default=None, max_length=500, description="Internal note; not shown to the resident"
    )


def review_case(record: ApplicationRecord) -> ReviewCase:
    return ReviewCase(
        registration_number=record.application_id,
        application_type=record.application_type,
        district_code=record.district_code,
        waiting_since=record.updated_at,
        warnings=[r.code for r in record.warnings],
    )


def case_evidence(evidence: Evidence) -> CaseEvidence:
    record = evidence.application
    return CaseEvidence(
        registration_number=record.application_id,
        application_type=record.application_type,
        status=record.status,
        attempt=record.attempt,
        applicant=record.applicant,
        warnings=record.warnings,
        stages=[
            StageView(stage=s.stage, outcome=s.outcome, reasons=s.reasons, details=s.details)
            for s in evidence.stages
        ],
        documents=[
            EvidenceDocument(
                document_type=d.document_type,
                status=d.status,
                reasons=d.reasons,
                measurements=d.measurements,
                extracted=d.extracted.stored(),
                original_url=original,
                normalized_url=normalized,
            )
            for d, original, normalized in evidence.documents
        ],
        candidates=[
            CandidateView.model_validate({**c.finding, "nik": c.finding["id"], "photo_url": c.photo_url})
            for c in evidence.candidates
        ],
        channel=record.channel,
        entered_by=record.entered_by,
    )


def retention_notice(raw_upload_retention_days: int) -> str:
    """What the export tells the resident is kept and for how long: the days are the deployment's lifecycle rule."""
    return (
        f"Raw uploads are deleted {raw_upload_retention_days} days after upload; the application record and its "
        "history are kept as population-administration records; biometric templates only in the enrolled gallery "
        "once approved."
    )


def data_export(view: ApplicationView, exported_at: datetime, retention: str) -> DataExport:
    record = view.application
    latest = latest_documents(view.documents)
    return DataExport(
        registration_number=record.application_id,
        exported_at=exported_at,
        applicant=record.applicant,
        application_type=record.application_type,
        status=record.status,
        documents=_document_views(record, view.documents),
        extracted_from_documents={
            str(t): d.extracted.stored() for t, d in latest.items() if not d.extracted.empty
        },
        # Outcomes and reason codes only: the duplicate search's candidates are other people's data.
        # What the resident may see of each stage (domain.disclosure): officer-facing findings are left out.
        verification_outcomes=[resident_stage(s) for s in view.stages if not s.stage.startswith("gallery:")],
        processing_history=[
            ProcessingRecord(
                at=e.at,
                actor=e.actor,
                activity=e.kind,
                purpose=purpose_of(e.kind),
            )
            for e in view.events
        ],
        retention=retention,
    )


def summary(record: ApplicationRecord) -> ApplicationSummary:
    return ApplicationSummary(
        registration_number=record.application_id,
        application_type=record.application_type,
        status=record.status,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


def _document_views(record: ApplicationRecord, documents: list[DocumentRecord]) -> list[DocumentView]:
    required = required_documents(record.application_type, record.applicant, today_jakarta())
    latest = latest_documents(documents)
    pending = {d.document_type for d in documents if d.status is DocumentStatus.PENDING_UPLOAD}
    views = []
    for doc_type in [*required, *(t for t in sorted(latest.keys() | pending) if t not in required)]:
        doc = latest.get(doc_type)
        views.append(
            DocumentView(
                document_type=doc_type,
                required=doc_type in required,
                status=doc.status
                if doc
                else (DocumentStatus.PENDING_UPLOAD if doc_type in pending else None),
                upload_id=doc.upload_id if doc else None,
                size=doc.size if doc else None,
                reasons=doc.reasons if doc else [],
                measurements=doc.measurements if doc else {},
                updated_at=doc.updated_at if doc else None,
            )
        )
    return views


def detail(view: ApplicationView) -> ApplicationDetail:
    record = view.application
    next_id, next_en = NEXT_ACTION[record.status]
    return ApplicationDetail(
        **summary(record).model_dump(),
        siak_status=SIAK_STATUS[record.status],
        attempt=record.attempt,
        next_action=Message(message_id=next_id, message_en=next_en),
        reasons=record.reasons,
        applicant=record.applicant,
        documents=_document_views(record, view.documents),
        timeline=[TimelineEntry.model_validate(e.model_dump()) for e in view.events],
    )


class StatusLookupRequest(BaseModel):
    """The public status lookup: what the receipt gives (the number) and what only the resident knows."""

    model_config = ConfigDict(extra="forbid")
    # Any text up to 32: a malformed number gets the same 404 as an unknown one (domain/status_lookup.py).
    registration_number: str = Field(
        max_length=32, description="As printed on the receipt, e.g. 7K3M-9QXD-2B4F-X"
    )
    birth_date: date = Field(description="The applicant's date of birth (YYYY-MM-DD)")


class StatusLookupAnswer(BaseModel):
    """The status and the next step only: nothing about the person."""

    registration_number: str
    status: str
    next_action_id: str
    next_action_en: str
    last_changed: date = Field(description="The day of the application's last change (UTC)")


def status_answer(found: PublicStatus) -> StatusLookupAnswer:
    return StatusLookupAnswer(
        registration_number=found.registration_number,
        status=str(found.status),
        next_action_id=found.next_action_id,
        next_action_en=found.next_action_en,
        last_changed=found.last_changed,
    )


class AssistedCase(ApplicationDetail):
    """An officer's view of an application they entered at the office for a resident (issue 20 item 3)."""

    channel: Literal["ONLINE", "ASSISTED"]
    entered_by: str | None


class AssistedEntry(ApplicationSummary):
    """One line of the district's list of applications entered at the office: the officer recognises the
    resident present by name and follows the status."""

    full_name: str
    entered_by: str | None


def assisted_entry(record: ApplicationRecord) -> AssistedEntry:
    return AssistedEntry(
        **summary(record).model_dump(), full_name=record.applicant.full_name, entered_by=record.entered_by
    )


def assisted_case(view: ApplicationView) -> AssistedCase:
    record = view.application
    return AssistedCase(**detail(view).model_dump(), channel=record.channel, entered_by=record.entered_by)


def upload_ticket(grant: UploadGrant) -> UploadTicket:
    return UploadTicket(
        document_type=grant.document.document_type,
        upload_id=grant.document.upload_id,
        url=grant.post.url,
        fields=dict(grant.post.fields),
        expires_in=grant.post.expires_in,
        max_bytes=grant.document.max_bytes,
        content_type=grant.document.declared_content_type,
    )
