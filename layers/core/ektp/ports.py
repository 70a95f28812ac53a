"""The small interfaces the use cases depend on. AWS adapters implement them; tests use in-memory fakes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from ektp.domain.application import DocumentType
from ektp.domain.records import ApplicationRecord, DocumentRecord, StageResult, TimelineEvent
from ektp.domain.status import ApplicationStatus, DocumentStatus


class ConflictError(Exception):
    """A conditional write lost: someone else changed the record first, or it already exists."""


class TaskGone(Exception):
    """A task token that no execution waits on any more (stopped, timed out, or already answered)."""


class NotFoundError(Exception):
    pass


@dataclass(frozen=True)
class ApplicationView:
    application: ApplicationRecord
    documents: list[DocumentRecord]
    events: list[TimelineEvent]
    stages: list[StageResult]


class ApplicationRepository(Protocol):
    def create(self, record: ApplicationRecord, event: TimelineEvent) -> None:
        """Store a new application; ConflictError if the id exists."""

    def get(self, application_id: str) -> ApplicationRecord | None: ...

    def view(self, application_id: str) -> ApplicationView | None:
        """The application with its documents, timeline and stage results, in one read."""

    def list_by_owner(self, owner: str, limit: int = 50) -> list[ApplicationRecord]: ...

    def save(
        self,
        record: ApplicationRecord,
        expected_version: int,
        event: TimelineEvent | None = None,
        expected_status: ApplicationStatus | None = None,
    ) -> ApplicationRecord:
        """Write the record if its stored version is still `expected_version` (and status, if given);
        returns it with the new version. ConflictError otherwise. The event is written atomically with it."""

    def add_document_slot(
        self, record: ApplicationRecord, document: DocumentRecord, max_uploads: int
    ) -> None:
        """Create a PENDING_UPLOAD slot and count it against the application's upload budget, atomically.
        ConflictError when the budget is spent or the application changed."""

    def get_document(
        self, application_id: str, document_type: DocumentType, upload_id: str
    ) -> DocumentRecord | None: ...

    def update_document(
        self,
        document: DocumentRecord,
        expected_status: DocumentStatus,
        event: TimelineEvent | None = None,
        *,
        application_statuses: frozenset[ApplicationStatus] | None = None,
    ) -> None:
        """Write the document if its stored status is still `expected_status` (and, if given, the application's
        status is one of `application_statuses`, checked in the same transaction); ConflictError otherwise."""

    def list_documents(self, application_id: str) -> list[DocumentRecord]: ...

    def add_event(self, application_id: str, event: TimelineEvent) -> None: ...

    def save_stage(self, application_id: str, result: StageResult) -> None:
        """Idempotent: writing the same stage of the same attempt again replaces it."""

    def list_review_queue(self, district_code: str, limit: int = 50) -> list[ApplicationRecord]:
        """Applications IN_REVIEW in one district, oldest first."""

    def applications_for_nik(self, nik: str) -> list[ApplicationRecord]:
        """Every stored application whose applicant is on this NIK, any account, any status (DRAFT and REJECTED
        too; purged ones are gone): who else claims the NIK, and how often it was submitted."""

    def get_review_token(self, application_id: str, attempt: int) -> str | None: ...


@dataclass(frozen=True)
class PresignedPost:
    url: str
    fields: Mapping[str, str]
    expires_in: int


@dataclass(frozen=True)
class StoredObject:
    size: int
    content_type: str | None
    version_id: str | None = None  # the S3 version this describes (None on an unversioned store)


class DocumentStore(Protocol):
    def presign_post(self, key: str, content_type: str, max_bytes: int, expires_in: int) -> PresignedPost: ...

    def head(self, key: str, version_id: str | None = None) -> StoredObject | None:
        """The object's current version, or the given version; None when it does not exist."""

    def read(self, key: str, version_id: str | None = None) -> bytes:
        """The current version's bytes, or exactly the given version's (what a document record pinned)."""

    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def delete(self, key: str, version_id: str | None = None) -> None:
        """Without a version: a delete marker (versions stay). With one: that version is removed for good."""

    def presign_get(self, key: str, expires_in: int, version_id: str | None = None) -> str:
        """A short-lived URL to read one object, or one version of it (officers' evidence view)."""


class Workflow(Protocol):
    def start(self, name: str, payload: Mapping[str, Any]) -> str:
        """Start the verification chain; starting the same name again returns the same execution id."""

    def send_task_success(self, token: str, output: Mapping[str, Any]) -> None:
        """Resume a waiting task; TaskGone when nothing waits on the token any more."""

    def send_task_failure(self, token: str, error: str, cause: str) -> None:
        """Fail a waiting task (its Retry and Catch apply); TaskGone as above."""


class WorkQueue(Protocol):
    def send(self, queue: str, message: Mapping[str, Any]) -> None: ...
