"""Checkers fed by the intake queues: each reads a RECEIVED upload, checks it, and records ACCEPTED or
REJECTED with every reason at once. Idempotent: a slot no longer RECEIVED is left alone.

A checker reads the version intake pinned (its sha256 verified) and writes its verdict only while the
application is still editable (in the same transaction): after submission the document set is frozen, and an
upload still being checked then is cancelled, never accepted. The normalized copy is named after the checked
version's sha256 and carries its own hash, so a copy is tied to the bytes it was made from."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from ektp.domain.application import DocumentType
from ektp.domain.extracted import Extracted
from ektp.domain.reasons import Reason, reason
from ektp.domain.records import ApplicationRecord, DocumentRecord, TimelineEvent
from ektp.domain.status import EDITABLE, DocumentStatus
from ektp.ports import ApplicationRepository, ConflictError, DocumentChecker, DocumentStore
from ektp.services.clock import utcnow
from ektp.services.stored_documents import cancelled_after_submit, processed_key, read_original

PROCESSED_PREFIX = "processed"


class CheckRequest(BaseModel):
    """A checker queue's message: which upload to check (ektp.services.intake.checker_message sends it)."""

    application_id: str
    document_type: DocumentType
    upload_id: str


@dataclass(frozen=True)
class CheckOutcome:
    accepted: bool
    reasons: list[Reason]
    measurements: dict[str, Any]
    extracted: Extracted = dataclass_field(default_factory=Extracted)  # what OCR read (papers only)
    processed: tuple[bytes, str] | None = None  # (bytes, content type) of a normalized copy to keep


class DocumentCheckService:
    def __init__(
        self,
        repository: ApplicationRepository,
        store: DocumentStore,
        checker: DocumentChecker,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._repo = repository
        self._store = store
        self._checker = checker
        self._clock = clock

    def process(self, application_id: str, document_type: str, upload_id: str) -> DocumentRecord | None:
        document = self._repo.get_document(application_id, DocumentType(document_type), upload_id)
        application = self._repo.get(application_id)
        if document is None or application is None or document.status is not DocumentStatus.RECEIVED:
            return document  # already checked (a duplicate message) or gone
        if application.status not in EDITABLE:
            return self._cancel(document)  # arrived just before the submit froze the set: never used
        # Exactly the version intake hashed (a later POST to the key is another version, never this one).
        data = read_original(self._store, document)
        outcome = self._checker(data, document, application)
        processed, processed_sha256 = None, None
        if outcome.processed is not None:
            processed = processed_key(document, PROCESSED_PREFIX)
            processed_sha256 = hashlib.sha256(outcome.processed[0]).hexdigest()
            self._store.put(processed, outcome.processed[0], outcome.processed[1])
        now = self._clock()
        status = DocumentStatus.ACCEPTED if outcome.accepted else DocumentStatus.REJECTED
        updated = document.model_copy(
            update={
                "status": status,
                "reasons": outcome.reasons,
                "measurements": outcome.measurements,
                "extracted": outcome.extracted,
                "processed_key": processed,
                "processed_sha256": processed_sha256,
                "updated_at": now,
            }
        )
        event = TimelineEvent(
            at=now,
            kind=f"DOCUMENT_{status}",
            actor="system",
            detail=document_type,
            reasons=[r.code for r in outcome.reasons],
        )
        try:
            self._repo.update_document(updated, DocumentStatus.RECEIVED, event, application_statuses=EDITABLE)
        except ConflictError:
            current = self._repo.get_document(application_id, DocumentType(document_type), upload_id)
            if current is not None and current.status is DocumentStatus.RECEIVED:
                return self._cancel(current)  # the submit landed while it was being checked
            return current
        return updated

    def _cancel(self, document: DocumentRecord) -> DocumentRecord | None:
        cancelled, event = cancelled_after_submit(document, self._clock())
        try:
            self._repo.update_document(cancelled, DocumentStatus.RECEIVED, event)
        except ConflictError:
            return self._repo.get_document(
                document.application_id, document.document_type, document.upload_id
            )
        return cancelled


def photo_checker(data: bytes, document: DocumentRecord, application: ApplicationRecord) -> CheckOutcome:
    if document.document_type is DocumentType.FINGERPRINT:
        return fingerprint_capture_checker(data)
    if document.document_type is DocumentType.LIVENESS:
        return liveness_strip_checker(data)
    from ektp.photo import check_photo  # OpenCV is only in the photo function's layer

    kind: Literal["id_photo", "selfie"] = (
        "id_photo" if document.document_type is DocumentType.PHOTO else "selfie"
    )
    result = check_photo(data, kind, birth_year=application.applicant.birth_date.year)
    normalized = result.normalized_jpeg
    return CheckOutcome(
        accepted=result.verdict == "ACCEPTED",
        reasons=list(result.reasons),
        measurements=dict(result.measurements),
        processed=(normalized, "image/jpeg") if normalized else None,
    )


def fingerprint_capture_checker(data: bytes) -> CheckOutcome:
    """A scanner capture: decoded safely and checked for what a re-capture fixes (ektp.photo.fingerprint_capture)."""
    from ektp.photo.fingerprint_capture import check_fingerprint_capture

    result = check_fingerprint_capture(data)
    return CheckOutcome(accepted=result.accepted, reasons=result.reasons, measurements=result.measurements)


def liveness_strip_checker(data: bytes) -> CheckOutcome:
    """The frames of a liveness answer: decodable, laid out as frames, enough and large enough."""
    from ektp.photo.liveness_strip import split_strip

    result = split_strip(data)
    return CheckOutcome(accepted=result.accepted, reasons=result.reasons, measurements=result.measurements)


# The OCR engine's name for each paper document type.
OCR_KIND: dict[DocumentType, Any] = {  # values are ektp.ocr's DocumentKind literals
    DocumentType.KK: "kk",
    DocumentType.AKTA_KELAHIRAN: "akta",
    DocumentType.OLD_KTP: "ktp",
    DocumentType.SKPWNI: "skpwni",
    DocumentType.MARRIAGE_CERTIFICATE: "marriage",
}


def ocr_checker(data: bytes, document: DocumentRecord, application: ApplicationRecord) -> CheckOutcome:
    from ektp.ocr import extract_document  # Tesseract is only in the OCR function's container image

    kind = OCR_KIND.get(document.document_type)
    result = extract_document(data, declared_type=kind)
    if kind is None:
        return _letter_outcome(result, document.document_type)
    reasons = list(result.reasons)
    extracted = Extracted(
        document_type=result.document_type,
        fields=result.fields,
        members=result.members,
        text=result.text,  # the page's lines, for the claim checks of the verification stages
        pages=result.pages,
        engine=result.engine,
    )
    return CheckOutcome(
        accepted=not any(r.severity == "error" for r in reasons),
        reasons=reasons,
        measurements={"pages": result.pages},
        extracted=extracted,
    )


def _letter_outcome(result: Any, document_type: DocumentType) -> CheckOutcome:
    """A letter with no form model (the police report): its file must be sound and its page legible text; the
    officer reads it. One of the forms we know (a KK sent as the letter) is the wrong document."""
    reasons = [r for r in result.reasons if r.code != "DOCUMENT_NOT_RECOGNISED"]
    if result.document_type is not None:
        reasons.append(
            reason("DOCUMENT_WRONG_TYPE", measured=str(result.document_type), threshold=str(document_type))
        )
    return CheckOutcome(
        accepted=not any(r.severity == "error" for r in reasons),
        reasons=reasons,
        measurements={"pages": result.pages},
        extracted=Extracted(pages=result.pages, engine=result.engine),
    )
