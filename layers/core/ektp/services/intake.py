"""Upload intake: the one front door every uploaded object passes, before any checker sees it.

It records the arrival (size, sha256, the type sniffed from the bytes, and the S3 version it read: every
later reader reads that version), rejects a wrong type or size with a reason, and hands accepted arrivals to
the right checker's queue. It is idempotent: a duplicated S3 event for the same version changes nothing.

It refuses, unread, and removes (that version only) any object that arrives for an application that is not
DRAFT or REJECTED (the document set froze at submission), and any new version under a key whose slot has
already received one (a presigned POST stays valid for its lifetime): both are noted on the timeline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from ektp.domain.application import DocumentType, allowed_content_types
from ektp.domain.filetypes import sniff_content_type
from ektp.domain.limits import DAILY_WINDOW, MAX_UPLOAD_REFUSALS_RECORDED_PER_DAY
from ektp.domain.reasons import Reason, reason
from ektp.domain.records import DocumentRecord, TimelineEvent
from ektp.domain.status import EDITABLE, DocumentStatus
from ektp.ports import ApplicationRepository, ConflictError, DocumentStore, StoredObject, WorkQueue
from ektp.services.applications import parse_upload_key
from ektp.services.clock import utcnow
from ektp.services.stored_documents import cancelled_after_submit

Outcome = Literal["received", "rejected", "duplicate", "unexpected", "refused"]

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

    def receive(self, key: str, version_id: str | None = None) -> IntakeResult:
        """One S3 ObjectCreated event: `version_id` is the event's versionId (None when the event has none,
        as moto's: then the key's current version is the one that arrived)."""
        parsed = parse_upload_key(key)
        document = self._repo.get_document(*parsed) if parsed else None
        if document is None:
            # No slot was issued for this key: not ours to keep. Remove it so it is never read as evidence.
            self._store.delete(key, version_id)
            return IntakeResult("unexpected")
        if document.status is not DocumentStatus.PENDING_UPLOAD:
            return self._after_arrival(document, version_id)
        application = self._repo.get(document.application_id)
        if application is None or application.status not in EDITABLE:
            return self._cancel_slot(document, version_id)

        stored = self._store.head(key, version_id)
        if stored is None:
            return IntakeResult("unexpected", document)
        updated = self._inspected(document, stored)
        event = TimelineEvent(
            at=updated.updated_at,
            kind=f"DOCUMENT_{updated.status}",
            actor="system",
            detail=str(document.document_type),
            reasons=[r.code for r in updated.reasons],
        )
        try:
            # Only while the application is still editable: a submit that wins the race freezes the set.
            self._repo.update_document(
                updated, DocumentStatus.PENDING_UPLOAD, event, application_statuses=EDITABLE
            )
        except ConflictError:
            current = self._repo.get_document(*parsed) if parsed else None
            if current is not None and current.status is DocumentStatus.PENDING_UPLOAD:
                return self._cancel_slot(current, stored.version_id)
            return self._after_arrival(current, stored.version_id) if current else IntakeResult("duplicate")

        if updated.status is DocumentStatus.RECEIVED:
            self._dispatch(updated)
        return IntakeResult("rejected" if updated.reasons else "received", updated)

    def _inspected(self, document: DocumentRecord, stored: StoredObject) -> DocumentRecord:
        """The slot after this arrival: exactly one version read (never a later one), its hash and verdict."""
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
            data = self._store.read(document.object_key, stored.version_id)
            sniffed, reasons = inspect_upload(data, document)
        status = DocumentStatus.REJECTED if reasons else DocumentStatus.RECEIVED
        if (
            not reasons
            and document.document_type not in OCR_TYPES
            and not document.document_type.is_image_only
        ):
            status = DocumentStatus.ACCEPTED  # nothing to read automatically: the officer sees it as is
        return document.model_copy(
            update={
                "status": status,
                "size": stored.size,
                "sha256": hashlib.sha256(data).hexdigest() if data else None,
                "version_id": stored.version_id,
                "sniffed_content_type": sniffed,
                "reasons": reasons,
                "updated_at": self._clock(),
            }
        )

    def _after_arrival(self, document: DocumentRecord, version_id: str | None) -> IntakeResult:
        """An event for a slot that already received its object (or was cancelled): the same version again is
        a duplicate; any other version is refused and removed, unread."""
        arrived = version_id
        if arrived is None:
            current = self._store.head(document.object_key)
            arrived = current.version_id if current else None
        unpinned = document.version_id is None and document.status is not DocumentStatus.CANCELLED
        if arrived is None or arrived == document.version_id or unpinned:
            # The same version (a retried event), nothing left to look at, or a slot filled before versions
            # were pinned. A retried event after a failed hand-off is sent again (checkers act only on RECEIVED).
            if document.status is DocumentStatus.RECEIVED:
                self._dispatch(document)
            return IntakeResult("duplicate", document)
        if self._store.head(document.object_key, arrived) is None:
            return IntakeResult("duplicate", document)  # a repeated event for a version already removed
        code = (
            "UPLOAD_AFTER_SUBMIT"
            if document.status is DocumentStatus.CANCELLED
            else "UPLOAD_OVERWRITE_REFUSED"
        )
        self._refuse(document, arrived, code)
        return IntakeResult("refused", document)

    def _cancel_slot(self, document: DocumentRecord, version_id: str | None) -> IntakeResult:
        """A slot still waiting when the application left DRAFT/REJECTED: close it; what arrived is not read."""
        cancelled, event = cancelled_after_submit(document, self._clock())
        try:
            self._repo.update_document(cancelled, DocumentStatus.PENDING_UPLOAD, event)
        except ConflictError:
            current = self._repo.get_document(
                document.application_id, document.document_type, document.upload_id
            )
            return self._after_arrival(current, version_id) if current else IntakeResult("duplicate")
        arrived = version_id or self._current_version(document.object_key)
        if arrived is not None:
            self._store.delete(document.object_key, arrived)
        return IntakeResult("refused", cancelled)

    def _refuse(self, document: DocumentRecord, version_id: str, code: str) -> None:
        # Removed for good (that version only: the checked one stays, and stays the one read), then noted on the
        # timeline, which the audit trail keeps. The version id is S3's opaque token, not personal data.
        self._store.delete(document.object_key, version_id)
        # Each record is kept 5 years under Object Lock, and a presigned POST can be sent again and again for
        # minutes: past the day's allowance a refusal is done without another record (domain/limits.py).
        if not self._repo.take_allowance(
            document.application_id,
            "UPLOAD_REFUSAL_RECORD",
            MAX_UPLOAD_REFUSALS_RECORDED_PER_DAY,
            self._clock(),
            DAILY_WINDOW,
        ):
            return
        self._repo.add_event(
            document.application_id,
            TimelineEvent(
                at=self._clock(),
                kind="UPLOAD_REFUSED",
                actor="system",
                detail=f"{document.document_type} version {version_id}",
                reasons=[code],
            ),
        )

    def _current_version(self, key: str) -> str | None:
        current = self._store.head(key)
        return current.version_id if current else None

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
