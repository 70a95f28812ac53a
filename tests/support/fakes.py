"""In-memory adapters for unit tests: the same contracts as the AWS adapters, including conditional writes."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from ektp.domain.application import DocumentType
from ektp.domain.records import ApplicationRecord, DocumentRecord, StageResult, TimelineEvent
from ektp.domain.status import EDITABLE, ApplicationStatus, DocumentStatus
from ektp.ports import ApplicationView, ConflictError, PresignedPost, StoredObject, TaskGone


class InMemoryRepository:
    def __init__(self) -> None:
        self.applications: dict[str, ApplicationRecord] = {}
        self.documents: dict[tuple[str, DocumentType, str], DocumentRecord] = {}
        self.events: dict[str, list[TimelineEvent]] = {}
        self.stages: dict[tuple[str, int, str], StageResult] = {}
        self.tokens: dict[tuple[str, int], str] = {}
        self._lock = threading.Lock()

    def create(self, record: ApplicationRecord, event: TimelineEvent) -> None:
        with self._lock:
            if record.application_id in self.applications:
                raise ConflictError("exists")
            self.applications[record.application_id] = record
            self.events.setdefault(record.application_id, []).append(event)

    def get(self, application_id: str) -> ApplicationRecord | None:
        return self.applications.get(application_id)

    def view(self, application_id: str) -> ApplicationView | None:
        record = self.applications.get(application_id)
        if record is None:
            return None
        return ApplicationView(
            application=record,
            documents=self.list_documents(application_id),
            events=list(self.events.get(application_id, [])),
            stages=[s for (a, _, _), s in self.stages.items() if a == application_id],
        )

    def list_by_owner(self, owner: str, limit: int = 50) -> list[ApplicationRecord]:
        return [r for r in self.applications.values() if r.owner == owner][:limit]

    def save(
        self,
        record: ApplicationRecord,
        expected_version: int,
        event: TimelineEvent | None = None,
        expected_status: ApplicationStatus | None = None,
    ) -> ApplicationRecord:
        with self._lock:
            current = self.applications.get(record.application_id)
            if current is None or current.version != expected_version:
                raise ConflictError("version")
            if expected_status is not None and current.status is not expected_status:
                raise ConflictError("status")
            new = record.model_copy(update={"version": expected_version + 1})
            self.applications[record.application_id] = new
            if event:
                self.events.setdefault(record.application_id, []).append(event)
            return new

    def add_document_slot(
        self, record: ApplicationRecord, document: DocumentRecord, max_uploads: int
    ) -> None:
        with self._lock:
            current = self.applications[record.application_id]
            if current.status not in EDITABLE or current.upload_count >= max_uploads:
                raise ConflictError("budget")
            key = (document.application_id, document.document_type, document.upload_id)
            if key in self.documents:
                raise ConflictError("exists")
            self.applications[record.application_id] = current.model_copy(
                update={"upload_count": current.upload_count + 1}
            )
            self.documents[key] = document

    def get_document(
        self, application_id: str, document_type: DocumentType, upload_id: str
    ) -> DocumentRecord | None:
        return self.documents.get((application_id, document_type, upload_id))

    def update_document(
        self, document: DocumentRecord, expected_status: DocumentStatus, event: TimelineEvent | None = None
    ) -> None:
        with self._lock:
            key = (document.application_id, document.document_type, document.upload_id)
            current = self.documents.get(key)
            if current is None or current.status is not expected_status:
                raise ConflictError("status")
            self.documents[key] = document
            if event:
                self.events.setdefault(document.application_id, []).append(event)

    def list_documents(self, application_id: str) -> list[DocumentRecord]:
        return [d for (a, _, _), d in self.documents.items() if a == application_id]

    def add_event(self, application_id: str, event: TimelineEvent) -> None:
        self.events.setdefault(application_id, []).append(event)

    def save_stage(self, application_id: str, result: StageResult) -> None:
        self.stages[(application_id, result.attempt, result.stage)] = result

    def live_born_on(self, birth_date: str) -> list[ApplicationRecord]:
        live = {
            ApplicationStatus.SUBMITTED, ApplicationStatus.VERIFYING, ApplicationStatus.IN_REVIEW,
            ApplicationStatus.APPROVED, ApplicationStatus.ISSUED,
        }
        return [
            r for r in self.applications.values()
            if r.status in live and r.applicant.birth_date.isoformat() == birth_date
        ]

    def list_review_queue(self, district_code: str, limit: int = 50) -> list[ApplicationRecord]:
        cases = [
            r for r in self.applications.values()
            if r.status is ApplicationStatus.IN_REVIEW and r.district_code == district_code
        ]
        return sorted(cases, key=lambda r: r.updated_at)[:limit]

    def put_review_token(self, application_id: str, attempt: int, token: str) -> None:
        self.tokens[(application_id, attempt)] = token

    def get_review_token(self, application_id: str, attempt: int) -> str | None:
        return self.tokens.get((application_id, attempt))


class InMemoryStore:
    def __init__(self) -> None:
        self.objects: dict[str, tuple[bytes, str]] = {}
        self.deleted: list[str] = []

    def presign_post(self, key: str, content_type: str, max_bytes: int, expires_in: int) -> PresignedPost:
        return PresignedPost(
            url="memory://uploads", fields={"key": key, "Content-Type": content_type}, expires_in=expires_in
        )

    def head(self, key: str) -> StoredObject | None:
        obj = self.objects.get(key)
        return StoredObject(size=len(obj[0]), content_type=obj[1]) if obj else None

    def read(self, key: str) -> bytes:
        return self.objects[key][0]

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.objects[key] = (data, content_type)

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)
        self.deleted.append(key)

    def presign_get(self, key: str, expires_in: int) -> str:
        return f"memory://{key}?expires={expires_in}"


class RecordingWorkflow:
    def __init__(self, fail: bool = False) -> None:
        self.started: dict[str, Mapping[str, Any]] = {}
        self.fail = fail
        self.gone: set[str] = set()  # tokens no execution waits on any more

    def start(self, name: str, payload: Mapping[str, Any]) -> str:
        if self.fail:
            raise RuntimeError("throttled")
        self.started.setdefault(name, payload)  # the same name twice is the same execution
        return f"arn:execution:{name}"

    def send_task_success(self, token: str, output: Mapping[str, Any]) -> None:
        if token in self.gone:
            raise TaskGone(token)
        self.started[f"token:{token}"] = output

    def send_task_failure(self, token: str, error: str, cause: str) -> None:
        if token in self.gone:
            raise TaskGone(token)
        self.started[f"token:{token}"] = {"error": error}


class RecordingQueue:
    def __init__(self) -> None:
        self.messages: list[tuple[str, Mapping[str, Any]]] = []

    def send(self, queue: str, message: Mapping[str, Any]) -> None:
        self.messages.append((queue, message))
