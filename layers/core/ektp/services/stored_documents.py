"""Reading an upload exactly as it was checked.

Intake pins the S3 version it read and that version's sha256 on the document record. The upload bucket is
versioned and a presigned POST stays valid for its lifetime, so "the object under this key" may be a later,
unchecked version: every reader (the checkers, the biometric stages, the officer's evidence links, issuance)
names the pinned version, and where the bytes pass through our code their hash is verified too.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from ektp.domain.records import DocumentRecord, TimelineEvent
from ektp.domain.status import DocumentStatus
from ektp.ports import DocumentStore


class DocumentIntegrityError(Exception):
    """The stored bytes are not the ones hashed when they were checked: refuse to use them."""


def verify_sha256(data: bytes, expected: str | None, what: str) -> bytes:
    if expected is not None and hashlib.sha256(data).hexdigest() != expected:
        raise DocumentIntegrityError(f"{what}: sha256 differs from the one recorded when it was checked")
    return data


def read_original(store: DocumentStore, document: DocumentRecord) -> bytes:
    """The uploaded bytes intake checked: the pinned version, its sha256 verified."""
    data = store.read(document.object_key, document.version_id)
    return verify_sha256(data, document.sha256, f"{document.document_type} upload")


def read_for_matching(store: DocumentStore, document: DocumentRecord) -> bytes:
    """The normalized copy the photo check made from the pinned version, or the original when there is none."""
    if document.processed_key is None:
        return read_original(store, document)
    data = store.read(document.processed_key)
    return verify_sha256(data, document.processed_sha256, f"{document.document_type} normalized copy")


def original_url(store: DocumentStore, document: DocumentRecord, expires_in: int) -> str:
    """A short-lived link to the pinned version (a later POST to the key is not what the officer sees)."""
    return store.presign_get(document.object_key, expires_in, document.version_id)


def processed_key(document: DocumentRecord, prefix: str = "processed") -> str:
    """Where the normalized copy of a checked upload goes: named after the source's sha256, so a copy made
    from other bytes can never pass for it."""
    source = document.sha256 or "unhashed"
    return f"{prefix}/{document.application_id}/{document.document_type}/{document.upload_id}/{source}"


def cancelled_after_submit(
    document: DocumentRecord, now: datetime, kind: str = "UPLOAD_REFUSED"
) -> tuple[DocumentRecord, TimelineEvent]:
    """The slot closed because the application left DRAFT/REJECTED (its document set is frozen), and the
    timeline event that says so: nothing in a cancelled slot is ever read."""
    cancelled = document.model_copy(update={"status": DocumentStatus.CANCELLED, "updated_at": now})
    event = TimelineEvent(
        at=now, kind=kind, actor="system", detail=str(document.document_type), reasons=["UPLOAD_AFTER_SUBMIT"]
    )
    return cancelled, event
