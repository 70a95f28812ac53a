"""Upload intake: the one front door every uploaded object passes, before any checker sees it.

It records the arrival (size, sha256, the type sniffed from the bytes), rejects a wrong type or size with a
reason, and hands accepted arrivals to the right checker's queue. It is idempotent: a duplicated S3 event finds
the slot already past PENDING_UPLOAD and changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from ektp.domain.application import DocumentType, allowed_content_types
from ektp.domain.filetypes import sniff_content_type
from ektp.domain.reasons import Reason, reason
from ektp.domain.records import DocumentRecord, TimelineEvent
from ektp.domain.status import DocumentStatus
from ektp.ports import ApplicationRepository, ConflictError, DocumentStore, WorkQueue
from ektp.services.applications import parse_upload_key
from ektp.services.clock import utcnow

Outcome = Literal["received", "rejected", "duplicate", "unexpected"]

# Documents read by OCR; the rest are kept for the officer as they are.
OCR_TYPES = frozenset(
    {
        DocumentType.KK,
        DocumentType.AKTA_KELAHIRAN,
        DocumentType.SKPWNI,
        DocumentType.MARRIAGE_CERTIFICATE,
        DocumentType.OLD_KTP,
        DocumentType.POLICE_REPORT,  # no form model: structure and legible text (document_checks)
    }
)


@dataclass(frozen=True)
class IntakeResult:
    outcome: Outcome
    document: DocumentRecord | None = None


def inspect_upload(data: bytes, document: DocumentRecord) -> tuple[str | None, list[Reason]]:
    """(sniffed content type, reasons to reject) for the bytes that arrived in this slot."""
    sniffed = sniff_content_type(data[:16])
    reasons: list[Reason] = []
    if not data:
        reasons.append(reason("UPLOAD_EMPTY", field=f"documents.{document.document_type}"))
    elif len(data) > document.max_bytes:
        reasons.append(
            reason(
                "UPLOAD_TOO_LARGE",
                field=f"documents.{document.document_type}",
                measured=len(data),
                threshold=document.max_bytes,
            )
        )
    if data and sniffed not in allowed_content_types(document.document_type):
        reasons.append(
            reason(
                "UPLOAD_TYPE_MISMATCH",
                field=f"documents.{document.document_type}",
                measured=sniffed or "unknown",
                threshold=", ".join(allowed_content_types(document.document_type)),
            )
        )
    return sniffed, reasons


class IntakeService:
    def __init__(
        self,
        repository: ApplicationRepository,
        store: DocumentStore,
        queue: WorkQueue,
        *,
        photo_queue: str,
        ocr_queue: str,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._repo = repository
        self._store = store
        self._queue = queue
        self._photo_queue = photo_queue
        self._ocr_queue = ocr_queue
        self._clock = clock

    def receive(self, key: str) -> IntakeResult:
        parsed = parse_upload_key(key)
        document = self._repo.get_document(*parsed) if parsed else None
        if document is None:
            # No slot was issued for this key: not ours to keep. Remove it so it is never read as evidence.
            self._store.delete(key)
            return IntakeResult("unexpected")
        if document.status is not DocumentStatus.PENDING_UPLOAD:
            if document.status is DocumentStatus.RECEIVED:
                # A retried event after a failed hand-off: send again (checkers act only on RECEIVED slots).
                self._dispatch(document)
            return IntakeResult("duplicate", document)

        stored = self._store.head(key)
        if stored is None:
            return IntakeResult("unexpected", document)
        # Check the size before reading: never pull a huge object into memory (moto and a leaked URL
        # do not enforce the POST policy's content-length-range).
        if stored.size > document.max_bytes:
            data = b""
            sniffed = None
            reasons = [
                reason(
                    "UPLOAD_TOO_LARGE",
                    field=f"documents.{document.document_type}",
                    measured=stored.size,
                    threshold=document.max_bytes,
                )
            ]
        else:
            data = self._store.read(key)
            sniffed, reasons = inspect_upload(data, document)

        now = self._clock()
        status = DocumentStatus.REJECTED if reasons else DocumentStatus.RECEIVED
        if not reasons and document.document_type not in OCR_TYPES and not document.document_type.is_image_only:
            status = DocumentStatus.ACCEPTED  # nothing to read automatically: the officer sees it as is
        updated = document.model_copy(
            update={
                "status": status,
                "size": stored.size,
                "sha256": hashlib.sha256(data).hexdigest() if data else None,
                "sniffed_content_type": sniffed,
                "reasons": reasons,
                "updated_at": now,
            }
        )
        event = TimelineEvent(
            at=now,
            kind=f"DOCUMENT_{status}",
            actor="system",
            detail=str(document.document_type),
            reasons=[r.code for r in reasons],
        )
        try:
            self._repo.update_document(updated, DocumentStatus.PENDING_UPLOAD, event)
        except ConflictError:
            return IntakeResult("duplicate", self._repo.get_document(*parsed) if parsed else None)

        if status is DocumentStatus.RECEIVED:
            self._dispatch(updated)
        return IntakeResult("rejected" if reasons else "received", updated)

    def _dispatch(self, document: DocumentRecord) -> None:
        # Photos, selfies and fingerprint captures go to the image checker (OpenCV), papers to OCR.
        queue = self._photo_queue if document.document_type.is_image_only else self._ocr_queue
        self._queue.send(queue, checker_message(document))


def checker_message(document: DocumentRecord) -> dict[str, str]:
    return {
        "application_id": document.application_id,
        "document_type": str(document.document_type),
        "upload_id": document.upload_id,
    }
