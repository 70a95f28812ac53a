"""In-memory adapters for unit tests: the same contracts as the AWS adapters, including conditional writes."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from ektp.domain.application import DocumentType
from ektp.domain.records import ApplicationRecord, DocumentRecord, StageResult, TimelineEvent
from ektp.domain.status import EDITABLE, ApplicationStatus, DocumentStatus
from ektp.ports import (
    ApplicationView,
    ConflictError,
    PresignedPost,
    StoredObject,
    TaskGone,
    UploadedPart,
)
from tests.support.attempt_counter import InMemoryAttemptCounter


class InMemoryRepository:
    def __init__(self) -> None:
        self.applications: dict[str, ApplicationRecord] = {}
        self.documents: dict[tuple[str, DocumentType, str], DocumentRecord] = {}
        self.events: dict[str, list[TimelineEvent]] = {}
        self.stages: dict[tuple[str, int, str], StageResult] = {}
        self.tokens: dict[tuple[str, int], str] = {}
        self.allowances = InMemoryAttemptCounter()  # take_allowance: the adapter's ALLOWANCE#<purpose> items
        self._lock = threading.Lock()

    def take_allowance(
        self, application_id: str, purpose: str, limit: int, now: datetime, window: timedelta
    ) -> bool:
        return self.allowances.take(f"{application_id}#{purpose}", limit, now, window)

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
            events=sorted(self.events.get(application_id, []), key=lambda e: e.at),  # as EVT#<time> sorts
            stages=[s for (a, _, _), s in self.stages.items() if a == application_id],
        )

    def list_by_owner(self, owner: str, limit: int = 50) -> list[ApplicationRecord]:
        mine = [r for r in self.applications.values() if r.owner == owner]
        return sorted(mine, key=lambda r: r.created_at, reverse=True)[:limit]  # newest first, as ByOwner

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
            current = self.applications.get(record.application_id)
            if current is None or current.status not in EDITABLE or current.upload_count >= max_uploads:
                raise ConflictError("budget")
            key = (document.application_id, document.document_type, document.upload_id)
            if key in self.documents:
                raise ConflictError("exists")
            self.applications[record.application_id] = current.model_copy(
                update={"upload_count": current.upload_count + 1}
            )
            self.documents[key] = document

    def release_document_slot(self, document: DocumentRecord, event: TimelineEvent | None = None) -> None:
        with self._lock:
            key = (document.application_id, document.document_type, document.upload_id)
            current = self.documents.get(key)
            application = self.applications.get(document.application_id)
            if current is None or current.status is not DocumentStatus.PENDING_UPLOAD or application is None:
                raise ConflictError("status")
            self.documents[key] = document
            self.applications[document.application_id] = application.model_copy(
                update={"upload_count": max(0, application.upload_count - 1)}
            )
            if event:
                self.events.setdefault(document.application_id, []).append(event)

    def get_document(
        self, application_id: str, document_type: DocumentType, upload_id: str
    ) -> DocumentRecord | None:
        return self.documents.get((application_id, document_type, upload_id))

    def update_document(
        self,
        document: DocumentRecord,
        expected_status: DocumentStatus,
        event: TimelineEvent | None = None,
        *,
        application_statuses: frozenset[ApplicationStatus] | None = None,
    ) -> None:
        with self._lock:
            key = (document.application_id, document.document_type, document.upload_id)
            current = self.documents.get(key)
            if current is None or current.status is not expected_status:
                raise ConflictError("status")
            application = self.applications.get(document.application_id)
            if application_statuses is not None and (
                application is None or application.status not in application_statuses
            ):
                raise ConflictError("application status")
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
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.VERIFYING,
            ApplicationStatus.IN_REVIEW,
            ApplicationStatus.APPROVED,
            ApplicationStatus.ISSUED,
        }
        return [
            r
            for r in self.applications.values()
            if r.status in live and r.applicant.birth_date.isoformat() == birth_date
        ]

    def applications_for_nik(self, nik: str) -> list[ApplicationRecord]:
        return [r for r in self.applications.values() if r.applicant.nik == nik]

    def list_review_queue(self, district_code: str, limit: int = 50) -> list[ApplicationRecord]:
        cases = [
            r
            for r in self.applications.values()
            if r.status is ApplicationStatus.IN_REVIEW and r.district_code == district_code
        ]
        return sorted(cases, key=lambda r: r.updated_at)[:limit]

    def put_review_token(self, application_id: str, attempt: int, token: str) -> None:
        self.tokens[(application_id, attempt)] = token

    def get_review_token(self, application_id: str, attempt: int) -> str | None:
        return self.tokens.get((application_id, attempt))


class InMemoryStore:
    """Versioned, as the S3 buckets are: every put adds a version; a delete without a version adds a delete
    marker (the versions stay); a delete of one version removes it and the one before becomes current again.
    tests/unit/core/test_store_contract.py runs the same script on this fake and on S3DocumentStore (moto)."""

    def __init__(self) -> None:
        # key -> versions, oldest first: (version id, bytes, content type); bytes None is a delete marker
        self.versions: dict[str, list[tuple[str, bytes | None, str]]] = {}
        self.deleted: list[str] = []
        self.deleted_versions: list[tuple[str, str]] = []
        self.reads: list[
            tuple[str, str]
        ] = []  # (key, version id) of every read: what was never read is provable
        self._serial = 0
        # (key, upload id) -> (content type, part number -> bytes): open multipart uploads
        self.multiparts: dict[tuple[str, str], tuple[str, dict[int, bytes]]] = {}

    @property
    def objects(self) -> dict[str, tuple[bytes, str]]:
        """The current version of every key that has one (a read-only view)."""
        current = {key: versions[-1] for key, versions in self.versions.items() if versions}
        return {key: (data, ctype) for key, (_, data, ctype) in current.items() if data is not None}

    def _find(self, key: str, version_id: str | None) -> tuple[str, bytes, str] | None:
        versions = self.versions.get(key, [])
        found = (
            (versions[-1] if versions else None)
            if version_id is None
            else next((v for v in versions if v[0] == version_id), None)
        )
        if found is None or found[1] is None:
            return None
        return found[0], found[1], found[2]

    def _new_version(self) -> str:
        self._serial += 1
        return f"v{self._serial:06d}"

    def presign_post(self, key: str, content_type: str, max_bytes: int, expires_in: int) -> PresignedPost:
        return PresignedPost(
            url="memory://uploads", fields={"key": key, "Content-Type": content_type}, expires_in=expires_in
        )

    def head(self, key: str, version_id: str | None = None) -> StoredObject | None:
        found = self._find(key, version_id)
        return StoredObject(size=len(found[1]), content_type=found[2], version_id=found[0]) if found else None

    def read(self, key: str, version_id: str | None = None) -> bytes:
        found = self._find(key, version_id)
        if found is None:
            raise KeyError(f"{key} {version_id or ''}")  # S3: NoSuchKey / NoSuchVersion
        self.reads.append((key, found[0]))
        return found[1]

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.versions.setdefault(key, []).append((self._new_version(), data, content_type))

    def delete(self, key: str, version_id: str | None = None) -> None:
        if version_id is None:
            self.versions.setdefault(key, []).append((self._new_version(), None, ""))
            self.deleted.append(key)
            return
        self.versions[key] = [v for v in self.versions.get(key, []) if v[0] != version_id]
        self.deleted_versions.append((key, version_id))

    def presign_get(self, key: str, expires_in: int, version_id: str | None = None) -> str:
        version = f"&versionId={version_id}" if version_id else ""
        return f"memory://{key}?expires={expires_in}{version}"

    # --- multipart uploads (ports.MultipartStore), as S3 keeps them: by key and upload id -----------------
    def create_multipart(self, key: str, content_type: str) -> str:
        self._serial += 1
        multipart_id = f"mp{self._serial:06d}"
        self.multiparts[(key, multipart_id)] = (content_type, {})
        return multipart_id

    def presign_part(
        self, key: str, multipart_id: str, part_number: int, content_length: int, expires_in: int
    ) -> str:
        return (
            f"memory://{key}?uploadId={multipart_id}&partNumber={part_number}"
            f"&contentLength={content_length}&expires={expires_in}"
        )

    def put_to_part_url(self, url: str, data: bytes) -> None:
        """A PUT to a presigned part URL: S3 checks the signed Content-Length (SignatureDoesNotMatch, 403)."""
        key, _, query = url.removeprefix("memory://").partition("?")
        params = dict(pair.split("=", 1) for pair in query.split("&"))
        if int(params["contentLength"]) != len(data):
            raise PermissionError("SignatureDoesNotMatch: the signed Content-Length differs")
        self.upload_part(key, params["uploadId"], int(params["partNumber"]), data)

    def upload_part(self, key: str, multipart_id: str, part_number: int, data: bytes) -> None:
        """What a browser's PUT to a presigned part URL does (S3 refuses an upload id not open on the key)."""
        if (key, multipart_id) not in self.multiparts:
            raise KeyError(f"NoSuchUpload {key}")
        self.multiparts[(key, multipart_id)][1][part_number] = data

    def list_parts(self, key: str, multipart_id: str) -> list[UploadedPart] | None:
        upload = self.multiparts.get((key, multipart_id))
        if upload is None:
            return None
        return [
            UploadedPart(number=n, size=len(d), etag=f"etag{n}-{len(d)}")
            for n, d in sorted(upload[1].items())
        ]

    def complete_multipart(self, key: str, multipart_id: str, parts: list[UploadedPart]) -> None:
        content_type, uploaded = self.multiparts.pop((key, multipart_id))
        self.put(key, b"".join(uploaded[p.number] for p in parts), content_type)

    def abort_multipart(self, key: str, multipart_id: str) -> None:
        self.multiparts.pop((key, multipart_id), None)

    def open_multiparts(self, key: str) -> list[str]:
        return [mid for (k, mid) in self.multiparts if k == key]


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


class InMemoryCardStore:
    """The card store (adapters/cards_dynamodb.py) in memory: the same conditions, each write all or nothing.
    Timeline events go to the repository's timeline, as the DynamoDB store writes them in its transaction.
    tests/unit/core/test_card_store_contract.py runs the same script on this fake and on DynamoCardStore."""

    def __init__(self, repository: InMemoryRepository) -> None:
        self._repository = repository
        self.cards: dict[str, tuple[Any, str]] = {}  # application id -> (card, token)
        self.by_card: dict[str, str] = {}  # card id -> application id
        self.current: dict[str, str] = {}  # nik -> application id
        self.revoked: dict[str, str] = {}  # card or credential id -> reason
        self.listed: dict[str, set[str]] = {}  # ISO day -> card ids
        self._lock = threading.Lock()

    def _check_version(self, card: Any, expected_status: Any = None) -> None:
        stored = self.cards.get(card.application_id)
        if stored is None or stored[0].version != card.version:
            raise ConflictError("card version")
        if expected_status is not None and stored[0].status != expected_status:
            raise ConflictError("card status")

    def _apply_revocation(self, revocation: Any) -> None:
        card = revocation.card
        revoked = card.model_copy(update={"version": card.version + 1})
        self.cards[card.application_id] = (revoked, revocation.token)
        self.revoked[card.card_id] = str(card.revocation_reason)
        self.listed.setdefault(revocation.listed_until.isoformat(), set()).add(card.card_id)

    def _add_events(self, events: Any) -> None:
        for application_id, event in events:
            self._repository.events.setdefault(application_id, []).append(event)

    def issue(self, card: Any, token: str, *, current: Any, revocation: Any = None, events: Any = ()) -> None:
        with self._lock:
            if card.application_id in self.cards or card.card_id in self.by_card:
                raise ConflictError("card exists")
            if self.current.get(card.nik) != (current.application_id if current is not None else None):
                raise ConflictError("the NIK's current card changed")
            if revocation is not None:
                self._check_version(revocation.card, revocation.previous_status)
                self._apply_revocation(revocation)
            self.cards[card.application_id] = (card, token)
            self.by_card[card.card_id] = card.application_id
            self.current[card.nik] = card.application_id
            self._add_events(events)

    def revoke(self, revocation: Any, events: Any = ()) -> None:
        with self._lock:
            self._check_version(revocation.card, revocation.previous_status)
            self._apply_revocation(revocation)
            self._add_events(events)

    def update(self, card: Any, token: str) -> Any:
        with self._lock:
            self._check_version(card)
            stored = card.model_copy(update={"version": card.version + 1})
            self.cards[card.application_id] = (stored, token)
            return stored

    def for_application(self, application_id: str) -> tuple[Any, str] | None:
        return self.cards.get(application_id)

    def by_card_id(self, card_id: str) -> tuple[Any, str] | None:
        application_id = self.by_card.get(card_id)
        return self.cards.get(application_id) if application_id else None

    def current_for_nik(self, nik: str) -> tuple[Any, str] | None:
        application_id = self.current.get(nik)
        return self.cards.get(application_id) if application_id else None

    def is_revoked(self, revoked_id: str) -> bool:
        return revoked_id in self.revoked

    def revoked_ids(self, first: Any, last: Any) -> list[str]:
        days = {day for day in self.listed if first.isoformat() <= day <= last.isoformat()}
        return sorted(card_id for day in days for card_id in self.listed[day])


class InMemoryRecordingStore:
    """Bookings, captures and the recording token (adapters/recordings_dynamodb.py) in memory, with the same
    conditions: each write all or nothing under one lock, so concurrent bookings never exceed a slot.
    tests/unit/services/test_recording_store_contract.py runs the same script on this fake and on DynamoDB."""

    def __init__(self, repository: InMemoryRepository) -> None:
        self._repository = repository
        self.bookings: dict[str, Any] = {}
        self.slots: dict[str, int] = {}  # slot key -> places taken
        self.captures: dict[tuple[str, int], Any] = {}
        self.tokens: dict[tuple[str, int], str] = {}
        self._lock = threading.Lock()

    def _check_awaiting(self, application_id: str, attempt: int) -> None:
        from ektp.ports import BookingRefused

        record = self._repository.applications.get(application_id)
        if (
            record is None
            or record.status is not ApplicationStatus.AWAITING_BIOMETRIC_RECORDING
            or record.attempt != attempt
        ):
            raise BookingRefused("NOT_AWAITING_RECORDING")

    def _check_read(self, application_id: str, previous: Any, code: str) -> None:
        from ektp.ports import BookingRefused

        stored = self.bookings.get(application_id)
        if (stored.version if stored else None) != (previous.version if previous else None):
            raise BookingRefused(code)

    def get_booking(self, application_id: str) -> Any:
        return self.bookings.get(application_id)

    def book(self, booking: Any, previous: Any, capacity: int) -> Any:
        from ektp.ports import BookingRefused

        with self._lock:
            self._check_awaiting(booking.application_id, booking.attempt)
            self._check_read(booking.application_id, previous, "BOOKING_EXISTS")
            stored = booking.model_copy(update={"version": previous.version + 1 if previous else 0})
            held = previous.slot if previous is not None and previous.active else None
            if stored.slot is not None and stored.slot != held:
                if self.slots.get(stored.slot, 0) >= capacity:
                    raise BookingRefused("SLOT_FULL")
                self.slots[stored.slot] = self.slots.get(stored.slot, 0) + 1
            if held is not None and held != stored.slot:
                self.slots[held] -= 1
            self.bookings[booking.application_id] = stored
            return stored

    def cancel(self, cancelled: Any, previous: Any) -> Any:
        with self._lock:
            self._check_read(previous.application_id, previous, "BOOKING_NOT_FOUND")
            stored = cancelled.model_copy(update={"version": previous.version + 1})
            if previous.active and previous.slot is not None:
                self.slots[previous.slot] -= 1
            self.bookings[previous.application_id] = stored
            return stored

    def booked_counts(self, office_id: str, first: Any, last: Any) -> dict[Any, int]:
        from datetime import UTC, datetime

        counts: dict[Any, int] = {}
        for key, taken in self.slots.items():
            office, _, when = key.rpartition("#")
            start = datetime.strptime(when, "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
            if office == office_id and first <= start <= last:
                counts[start] = taken
        return counts

    def record_capture(self, capture: Any, documents: Any, event: TimelineEvent) -> None:
        from ektp.ports import BookingRefused

        with self._lock:
            self._check_awaiting(capture.application_id, capture.attempt)
            if (capture.application_id, capture.attempt) in self.captures:
                raise BookingRefused("NOT_AWAITING_RECORDING")
            self.captures[(capture.application_id, capture.attempt)] = capture
            for document in documents:
                self._repository.documents[
                    (document.application_id, document.document_type, document.upload_id)
                ] = document
            self._repository.events.setdefault(capture.application_id, []).append(event)
            booking = self.bookings.get(capture.application_id)
            if booking is not None and booking.active and booking.attempt == capture.attempt:
                self.bookings[capture.application_id] = booking.model_copy(
                    update={"status": "ATTENDED", "version": booking.version + 1}
                )

    def get_capture(self, application_id: str, attempt: int) -> Any:
        return self.captures.get((application_id, attempt))

    def put_recording_token(self, application_id: str, attempt: int, token: str) -> None:
        self.tokens[(application_id, attempt)] = token

    def get_recording_token(self, application_id: str, attempt: int) -> str | None:
        return self.tokens.get((application_id, attempt))


# --- help requests (the DynamoDB store: ektp.adapters.help_requests_dynamodb) ----------------------------
from datetime import datetime as _Instant  # noqa: E402  (an addition at the end, beside its fake)

from ektp.domain.help_requests import (  # noqa: E402
    HelpMessage,
    HelpNotice,
    HelpOpenings,
    HelpRequest,
    HelpState,
)


class InMemoryHelpRequestStore:
    def __init__(self) -> None:
        self.requests: dict[str, HelpRequest] = {}
        self.messages_of: dict[str, list[HelpMessage]] = {}
        self.events: dict[str, list[TimelineEvent]] = {}
        self.brakes: dict[str, HelpOpenings] = {}  # per account, as the adapter's HELPOPENINGS# item
        self._lock = threading.Lock()

    def create(
        self,
        request: HelpRequest,
        message: HelpMessage,
        event: TimelineEvent,
        openings: HelpOpenings | None = None,
    ) -> None:
        with self._lock:
            if request.request_id in self.requests:
                raise ConflictError("exists")
            if openings is not None:
                stored = self.brakes.get(openings.owner)
                if (stored.version if stored else 0) != openings.version:
                    raise ConflictError("openings version")
                self.brakes[openings.owner] = openings.model_copy(update={"version": openings.version + 1})
            self.requests[request.request_id] = request
            self.messages_of[request.request_id] = [message]
            self.events[request.request_id] = [event]

    def openings(self, owner: str) -> HelpOpenings | None:
        return self.brakes.get(owner)

    def get(self, request_id: str) -> HelpRequest | None:
        return self.requests.get(request_id)

    def messages(self, request_id: str) -> list[HelpMessage]:
        return sorted(self.messages_of.get(request_id, []), key=lambda m: m.at)

    def save(
        self, request: HelpRequest, expected_version: int, message: HelpMessage | None, event: TimelineEvent
    ) -> HelpRequest:
        with self._lock:
            current = self.requests.get(request.request_id)
            if current is None or current.version != expected_version:
                raise ConflictError("version")
            saved = request.model_copy(update={"version": expected_version + 1})
            self.requests[request.request_id] = saved
            if message is not None:
                self.messages_of[request.request_id].append(message)
            self.events[request.request_id].append(event)
            return saved

    def add_event(self, request_id: str, event: TimelineEvent) -> None:
        self.events.setdefault(request_id, []).append(event)

    def list_by_owner(self, owner: str, limit: int = 50) -> list[HelpRequest]:
        mine = [r for r in self.requests.values() if r.owner == owner]
        return sorted(mine, key=lambda r: r.opened_at, reverse=True)[:limit]

    def list_for_district(self, district_code: str, state: HelpState, limit: int = 50) -> list[HelpRequest]:
        desk = [r for r in self.requests.values() if r.district_code == district_code and r.state is state]
        return sorted(desk, key=lambda r: r.updated_at)[:limit]

    def list_open_due_before(self, when: _Instant) -> list[HelpRequest]:
        due = [
            r
            for r in self.requests.values()
            if r.state is HelpState.OPEN and r.due_at is not None and r.due_at < when
        ]
        return sorted(due, key=lambda r: (r.due_at or when, r.request_id))


class RecordingHelpNotices:
    def __init__(self) -> None:
        self.sent: list[HelpNotice] = []

    def __call__(self, notice: HelpNotice) -> None:
        self.sent.append(notice)


# --- field visits (the DynamoDB store: ektp.adapters.field_visits_dynamodb) --------------------------------
from ektp.domain.field_visits import FieldVisitRecord, FieldVisitTask  # noqa: E402


class InMemoryFieldVisitStore:
    """Visit tasks, answers and the visit token in memory, with the adapter's conditions under one lock
    (tests/unit/core/test_field_visit_store_contract.py runs the same script on this fake and on DynamoDB)."""

    def __init__(self, repository: InMemoryRepository) -> None:
        self._repository = repository
        self.tasks: dict[tuple[str, int], FieldVisitTask] = {}
        self.outcomes: dict[tuple[str, int, int], FieldVisitRecord] = {}
        self.tokens: dict[tuple[str, int], str] = {}
        self._lock = threading.Lock()

    def get_task(self, application_id: str, attempt: int) -> FieldVisitTask | None:
        return self.tasks.get((application_id, attempt))

    def put_task(self, task: FieldVisitTask, previous: FieldVisitTask | None) -> FieldVisitTask:
        with self._lock:
            stored = self.tasks.get((task.application_id, task.attempt))
            if (stored.version if stored else None) != (previous.version if previous else None):
                raise ConflictError("visit task changed")
            saved = task.model_copy(update={"version": previous.version + 1 if previous else 0})
            self.tasks[(task.application_id, task.attempt)] = saved
            return saved

    def record_outcome(self, task: FieldVisitTask, record: FieldVisitRecord, event: TimelineEvent) -> None:
        from ektp.ports import FieldVisitRefused

        key = (record.application_id, record.attempt)
        with self._lock:
            application = self._repository.applications.get(record.application_id)
            if (
                application is None
                or application.status is not ApplicationStatus.AWAITING_FIELD_VERIFICATION
                or application.attempt != record.attempt
            ):
                raise FieldVisitRefused("NOT_AWAITING_FIELD_VISIT")
            stored = self.tasks.get(key)
            if (
                stored is None
                or stored.state != "OPEN"
                or stored.version != task.version
                or stored.visit_round != record.visit_round
                or (*key, record.visit_round) in self.outcomes
            ):
                raise FieldVisitRefused("FIELD_VISIT_ALREADY_RECORDED")
            self.outcomes[(*key, record.visit_round)] = record
            self.tasks[key] = stored.model_copy(update={"state": "DONE", "version": stored.version + 1})
            self._repository.events.setdefault(record.application_id, []).append(event)

    def get_outcome(self, application_id: str, attempt: int, visit_round: int) -> FieldVisitRecord | None:
        return self.outcomes.get((application_id, attempt, visit_round))

    def open_for_district(self, district_code: str, limit: int = 50) -> list[FieldVisitTask]:
        open_tasks = [
            t for t in self.tasks.values() if t.state == "OPEN" and t.district_code == district_code
        ]
        return sorted(open_tasks, key=lambda t: t.requested_at)[:limit]

    def put_visit_token(self, application_id: str, attempt: int, token: str) -> None:
        self.tokens[(application_id, attempt)] = token

    def get_visit_token(self, application_id: str, attempt: int) -> str | None:
        return self.tokens.get((application_id, attempt))
