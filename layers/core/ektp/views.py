"""What the API returns: response models shaped for residents (and documented in the OpenAPI document)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from ektp.domain.application import Applicant, ApplicationType, DocumentType, required_documents
from ektp.domain.reasons import Reason
from ektp.domain.records import ApplicationRecord, DocumentRecord, latest_documents
from ektp.domain.status import NEXT_ACTION, SIAK_STATUS, ApplicationStatus, DocumentStatus
from ektp.ports import ApplicationView
from ektp.services.clock import today_jakarta


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


class UploadTicket(BaseModel):
    """A presigned POST: send the file as multipart/form-data with these fields, the file field last."""

    document_type: DocumentType
    upload_id: str
    url: str
    fields: dict[str, str]
    expires_in: int
    max_bytes: int
    content_type: str


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
