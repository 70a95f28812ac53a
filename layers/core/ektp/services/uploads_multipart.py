"""Resumable uploads: one document sent as an S3 multipart upload, in parts the browser PUTs to presigned URLs.

The slot is opened exactly as a presigned POST's (ApplicationService.open_slot: same key scheme, same checks,
counted against the upload budget), then S3's multipart upload is created server-side on that key. A dropped
part is sent again to a fresh URL of the same upload, so a bad connection spends no new slot. Completion is the
server's: it lists what S3 holds, checks the parts (numbered 1..n, each but the last at least S3's minimum,
the whole within the document's size limit) and only then completes; the file's size is declared at the start
and each part URL signed for its exact length, so S3 refuses an oversized part before storing it; S3's ObjectCreated event then goes
through intake like any other arrival (version pinning, no overwrite of an accepted object).

A failed attempt gives its budget place back: an aborted upload, one refused at completion, and a slot whose
URLs expired with nothing arrived and no multipart upload still open (the bucket's lifecycle rule aborts
stale ones) are closed as CANCELLED with UPLOAD_ABANDONED and uncounted. A slot whose object arrived stays
counted, accepted or rejected: the budget brakes the checkers' work, and only arrivals make any.

Giving places back must not make start/abort an endless loop of slot items and audit events (s6 attack review,
finding 8): an application may start MAX_UPLOAD_STARTS uploads a day, and give back MAX_UPLOAD_RELEASES places
a day; past that, a closed attempt (its S3 upload aborted) keeps its place until the next window's
release_stale gives it back, so a failed attempt still never costs a place for good (domain/limits.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from ektp.domain.application import DocumentType, max_upload_bytes
from ektp.domain.limits import (
    MAX_UPLOAD_RELEASES,
    MAX_UPLOAD_STARTS,
    UPLOAD_RELEASE_WINDOW,
    UPLOAD_START_WINDOW,
)
from ektp.domain.reasons import reason
from ektp.domain.records import ApplicationRecord, DocumentRecord, TimelineEvent
from ektp.domain.status import EDITABLE, DocumentStatus
from ektp.errors import ServiceError
from ektp.ports import ApplicationRepository, ConflictError, DocumentStore, MultipartStore, UploadedPart
from ektp.services.applications import ApplicationService
from ektp.services.clock import utcnow

# S3's minimum size of every part but the last. The client cuts its file at this size.
PART_BYTES = 5 * 1024 * 1024
# How many part URLs one request may ask for (a whole document is at most a few parts).
MAX_PART_URLS = 10


class UploadStore(DocumentStore, MultipartStore, Protocol):
    """The uploads bucket: objects and the multipart uploads under way."""


@dataclass(frozen=True)
class MultipartTicket:
    document: DocumentRecord
    multipart_id: str
    part_bytes: int
    max_parts: int
    expires_in: int


@dataclass(frozen=True)
class PartUrls:
    urls: dict[int, str]
    uploaded: list[UploadedPart]  # what S3 already holds: a resumed client skips these
    expires_in: int


def max_parts(max_bytes: int) -> int:
    """The most parts a document within `max_bytes` can take at PART_BYTES each (the last one shorter)."""
    return max(1, -(-max_bytes // PART_BYTES))


def part_length(file_bytes: int, number: int) -> int:
    """The exact length of part `number` of a file of `file_bytes` cut at PART_BYTES: what its URL is signed for."""
    return max(0, min(PART_BYTES, file_bytes - (number - 1) * PART_BYTES))


def parts_refusal(parts: list[UploadedPart], max_bytes: int, part_count: int) -> str | None:
    """The error code that refuses completing these parts as a file of `part_count` parts (the client's
    count: S3 cannot know a missing last part), or None when they make one acceptable file."""
    if sum(p.size for p in parts) > max_bytes or max(len(parts), part_count) > max_parts(max_bytes):
        return "UPLOAD_TOO_LARGE"
    if not parts or [p.number for p in parts] != list(range(1, part_count + 1)):
        return "UPLOAD_PARTS_INVALID"
    if any(p.size < PART_BYTES for p in parts[:-1]) or parts[-1].size == 0:
        return "UPLOAD_PARTS_INVALID"  # S3 would refuse them too; say so before asking it
    return None


class MultipartUploads:
    def __init__(
        self,
        applications: ApplicationService,
        repository: ApplicationRepository,
        store: UploadStore,
        *,
        url_ttl_seconds: int = 300,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._applications = applications
        self._repo = repository
        self._store = store
        self._ttl = url_ttl_seconds
        self._clock = clock

    def start(
        self,
        owner: str,
        application_id: str,
        document_type: str,
        content_type: str,
        *,
        size: int,
        staff_id: str | None = None,
    ) -> MultipartTicket:
        """`size`: the file's length, declared before any byte is sent (at most the document type's limit): the
        slot's limit becomes that size and every part URL is signed for its exact share of it, so S3 itself
        refuses a larger part (s11 attack: unsigned part URLs took up to 5 GB each). `staff_id`: the officer
        uploading a scan of an ASSISTED application: the slot is theirs alone (its parts, completion and abort),
        and they took part in the case (domain/duties.py)."""
        record = self._applications.owned(owner, application_id)
        if document_type in DocumentType.__members__ and size > max_upload_bytes(DocumentType(document_type)):
            raise ServiceError("UPLOAD_TOO_LARGE")  # before the day's allowance is spent on it
        if not self._repo.take_allowance(
            record.application_id, "UPLOAD_START", MAX_UPLOAD_STARTS, self._clock(), UPLOAD_START_WINDOW
        ):
            raise ServiceError("UPLOAD_START_LIMIT_REACHED")
        self.release_stale(record)  # expired attempts give their places back before the budget is checked
        document = self._applications.open_slot(
            owner, application_id, document_type, content_type, staff_id=staff_id, declared_bytes=size
        )
        try:
            multipart_id = self._store.create_multipart(document.object_key, content_type)
        except Exception:
            self._release(document)  # nothing can arrive in a slot S3 never opened
            raise
        return MultipartTicket(
            document=document,
            multipart_id=multipart_id,
            part_bytes=PART_BYTES,
            max_parts=max_parts(document.max_bytes),
            expires_in=self._ttl,
        )

    def part_urls(
        self,
        owner: str,
        application_id: str,
        document_type: str,
        upload_id: str,
        multipart_id: str,
        part_numbers: Iterable[int],
        *,
        staff_id: str | None = None,
    ) -> PartUrls:
        document = self._pending(owner, application_id, document_type, upload_id, staff_id)
        numbers = sorted(set(part_numbers))
        limit = max_parts(document.max_bytes)
        if len(numbers) > MAX_PART_URLS or any(not 1 <= n <= limit for n in numbers):
            raise ServiceError("UPLOAD_TOO_LARGE")  # no part beyond what the size limit can hold
        uploaded = self._parts(document, multipart_id)
        urls = {
            n: self._store.presign_part(
                document.object_key, multipart_id, n, part_length(document.max_bytes, n), self._ttl
            )
            for n in numbers
        }
        return PartUrls(urls=urls, uploaded=uploaded, expires_in=self._ttl)

    def complete(
        self,
        owner: str,
        application_id: str,
        document_type: str,
        upload_id: str,
        multipart_id: str,
        part_count: int,
        *,
        staff_id: str | None = None,
    ) -> DocumentRecord:
        document = self._owned_document(owner, application_id, document_type, upload_id, staff_id)
        parts = self._store.list_parts(document.object_key, multipart_id)
        if parts is None and self._store.head(document.object_key) is not None:
            return document  # completed already (a retried request whose answer was lost)
        document = self._editable(document)
        if parts is None:
            raise ServiceError("UPLOAD_NOT_FOUND")
        refusal = parts_refusal(parts, document.max_bytes, part_count)
        if refusal == "UPLOAD_TOO_LARGE":
            # Not resumable into anything acceptable: drop the parts and give the place back.
            self._store.abort_multipart(document.object_key, multipart_id)
            self._release(document)
        if refusal is not None:
            raise ServiceError(refusal)
        self._store.complete_multipart(document.object_key, multipart_id, parts)
        return document

    def abort(
        self,
        owner: str,
        application_id: str,
        document_type: str,
        upload_id: str,
        multipart_id: str,
        *,
        staff_id: str | None = None,
    ) -> DocumentRecord:
        document = self._pending(owner, application_id, document_type, upload_id, staff_id)
        if self._store.list_parts(document.object_key, multipart_id) is None:
            raise ServiceError("UPLOAD_NOT_FOUND")
        self._store.abort_multipart(document.object_key, multipart_id)
        return self._release(document)

    def release_stale(self, record: ApplicationRecord) -> int:
        """Close the application's slots that can no longer receive anything: older than the URLs' lifetime,
        nothing arrived, no multipart upload open. Returns how many places went back to the budget."""
        cutoff = self._clock() - timedelta(seconds=self._ttl)
        released = 0
        for document in self._repo.list_documents(record.application_id):
            if document.status is not DocumentStatus.PENDING_UPLOAD or document.created_at > cutoff:
                continue
            if self._store.head(document.object_key) is not None:
                continue  # arrived: intake decides (its event may still be on its way)
            if self._store.open_multiparts(document.object_key):
                continue  # still resumable
            try:
                closed = self._release(document)
            except ServiceError:
                continue  # intake or a submit changed it meanwhile: theirs to decide
            if closed.status is DocumentStatus.PENDING_UPLOAD:
                break  # no more places given back in this window
            released += 1
        return released

    # --- helpers ---------------------------------------------------------------------------------------
    def _owned_document(
        self, owner: str, application_id: str, document_type: str, upload_id: str, staff_id: str | None
    ) -> DocumentRecord:
        record = self._applications.owned(owner, application_id)
        if document_type not in DocumentType.__members__:
            raise ServiceError("UNKNOWN_DOCUMENT_TYPE")
        document = self._repo.get_document(record.application_id, DocumentType(document_type), upload_id)
        # An office's slot is its officer's: a colleague sending parts into it would put bytes in the case that
        # no record ties to them (four eyes), so another's slot answers as a missing one.
        if document is None or document.requested_by != staff_id:
            raise ServiceError("UPLOAD_NOT_FOUND")
        return document

    def _editable(self, document: DocumentRecord) -> DocumentRecord:
        """The slot, while it still waits for its object and the application's document set is open."""
        if document.status is not DocumentStatus.PENDING_UPLOAD:
            raise ServiceError(
                "UPLOAD_NOT_FOUND"
            )  # arrived, refused or closed: a new upload needs a new slot
        application = self._repo.get(document.application_id)
        if application is None or application.status not in EDITABLE:
            raise ServiceError("INVALID_STATUS_TRANSITION")
        return document

    def _pending(
        self, owner: str, application_id: str, document_type: str, upload_id: str, staff_id: str | None
    ) -> DocumentRecord:
        return self._editable(self._owned_document(owner, application_id, document_type, upload_id, staff_id))

    def _parts(self, document: DocumentRecord, multipart_id: str) -> list[UploadedPart]:
        # S3 answers only for an upload id open on this very key: another slot's (or resident's) id is unknown.
        parts = self._store.list_parts(document.object_key, multipart_id)
        if parts is None:
            raise ServiceError("UPLOAD_NOT_FOUND")
        return parts

    def _release(self, document: DocumentRecord) -> DocumentRecord:
        """Close the slot and give its place back; the slot unchanged (still PENDING_UPLOAD, nothing can arrive
        once its S3 upload is gone) when this window gave back its share: release_stale does it later."""
        now = self._clock()
        if not self._repo.take_allowance(
            document.application_id, "UPLOAD_RELEASE", MAX_UPLOAD_RELEASES, now, UPLOAD_RELEASE_WINDOW
        ):
            return document
        closed = document.model_copy(
            update={
                "status": DocumentStatus.CANCELLED,
                "reasons": [reason("UPLOAD_ABANDONED", field=f"documents.{document.document_type}")],
                "updated_at": now,
            }
        )
        event = TimelineEvent(
            at=now,
            kind="UPLOAD_ABANDONED",
            actor="system",
            detail=str(document.document_type),
            reasons=["UPLOAD_ABANDONED"],
        )
        try:
            self._repo.release_document_slot(closed, event)
        except ConflictError as exc:
            raise ServiceError("UPLOAD_NOT_FOUND") from exc
        return closed
