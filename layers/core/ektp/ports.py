"""Every small interface the use cases depend on, in one place. AWS adapters implement them (ektp.adapters,
ektp.issuance.aws, ektp.issuance.signing); tests use the in-memory fakes (tests/support/fakes.py), proven
equal to the adapters by the contract tests (tests/unit/core/test_*_contract.py). The engines' interfaces
(FaceEngine, FingerprintEngine, OcrEngine) stay beside their engines.

Types named only in annotations are imported for the type checker alone: this module is imported by every
function, the small zip ones included.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from ektp.domain.application import DocumentType
from ektp.domain.appointments import Booking, CaptureRecord
from ektp.domain.records import ApplicationRecord, DocumentRecord, StageResult, TimelineEvent
from ektp.domain.status import ApplicationStatus, DocumentStatus

if TYPE_CHECKING:
    from ektp.biometrics.gallery import GalleryManifest
    from ektp.domain.registry import BirthDateCandidate, RegistryPerson
    from ektp.issuance.card import CardEvent, CardRecord, CardRevocation
    from ektp.services.document_checks import CheckOutcome


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

    def release_document_slot(self, document: DocumentRecord, event: TimelineEvent | None = None) -> None:
        """Close a slot that never received an object (its upload failed, was aborted or expired) and give its
        place in the upload budget back, atomically. ConflictError when the slot is no longer PENDING_UPLOAD."""

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

    def live_born_on(self, birth_date: str) -> list[ApplicationRecord]:
        """Applications born on this ISO date that are SUBMITTED or further along (VERIFYING, IN_REVIEW,
        APPROVED, ISSUED), any account: the live side of the demographic duplicate check."""

    def put_review_token(self, application_id: str, attempt: int, token: str) -> None:
        """Keep the task token the officer's decision completes (one per attempt; a second put replaces it)."""

    def get_review_token(self, application_id: str, attempt: int) -> str | None: ...

    def take_allowance(
        self, application_id: str, purpose: str, limit: int, now: datetime, window: timedelta
    ) -> bool:
        """Count one use of the application's `purpose` allowance in its current window (a new window once the
        last ran out), atomically; False, counting nothing, when the window already holds `limit` uses."""


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


@dataclass(frozen=True)
class UploadedPart:
    number: int
    size: int
    etag: str


class MultipartStore(Protocol):
    """S3 multipart uploads of one object, in parts the resident's browser PUTs to presigned URLs."""

    def create_multipart(self, key: str, content_type: str) -> str:
        """Start a multipart upload of `key`; returns S3's upload id."""

    def presign_part(
        self, key: str, multipart_id: str, part_number: int, content_length: int, expires_in: int
    ) -> str:
        """A URL that PUTs exactly `content_length` bytes as this part (S3 refuses any other length)."""

    def list_parts(self, key: str, multipart_id: str) -> list[UploadedPart] | None:
        """The parts uploaded so far, by number; None when no such upload of this key is open."""

    def complete_multipart(self, key: str, multipart_id: str, parts: list[UploadedPart]) -> None: ...

    def abort_multipart(self, key: str, multipart_id: str) -> None:
        """Abort the upload and free its parts; nothing when it is already gone."""

    def open_multiparts(self, key: str) -> list[str]:
        """The upload ids still open on `key` (the lifecycle rule aborts stale ones)."""


class Workflow(Protocol):
    def start(self, name: str, payload: Mapping[str, Any]) -> str:
        """Start the verification chain; starting the same name again returns the same execution id."""

    def send_task_success(self, token: str, output: Mapping[str, Any]) -> None:
        """Resume a waiting task; TaskGone when nothing waits on the token any more."""

    def send_task_failure(self, token: str, error: str, cause: str) -> None:
        """Fail a waiting task (its Retry and Catch apply); TaskGone as above."""


class WorkQueue(Protocol):
    def send(self, queue: str, message: Mapping[str, Any]) -> None: ...


class DocumentChecker(Protocol):
    """A photo or OCR check of one upload (services/document_checks.py: photo_checker, ocr_checker)."""

    def __call__(
        self, data: bytes, document: DocumentRecord, application: ApplicationRecord
    ) -> CheckOutcome: ...


# --- maintenance: the sweep's and the purge's view of the table and the bucket ---------------------------------
class AgedApplications(Protocol):
    def older_than(
        self, status: ApplicationStatus, cutoff: str, limit: int = 500
    ) -> list[ApplicationRecord]: ...

    def delete_application(self, application_id: str) -> int: ...

    def record_purge(self, day: str, application_id: str, items: int, objects: int) -> None: ...

    def get(self, application_id: str) -> ApplicationRecord | None: ...

    def save(
        self,
        record: ApplicationRecord,
        expected_version: int,
        event: TimelineEvent | None = None,
        expected_status: ApplicationStatus | None = None,
    ) -> ApplicationRecord: ...


class ObjectPurger(Protocol):
    def delete_prefix(self, prefix: str) -> int: ...


# --- the public status lookup ----------------------------------------------------------------------------------
class AttemptCounter(Protocol):
    def take(self, key: str, limit: int, now: datetime, window: timedelta) -> bool:
        """Count one attempt in the key's current window (a new window when the last one ran out), atomically;
        False, counting nothing, when the window already holds `limit` attempts."""

    def give_back(self, key: str) -> None:
        """Uncount one attempt (a lookup that succeeded)."""


# --- the population registry (a replica in DynamoDB) ------------------------------------------------------------
class PopulationRegistry(Protocol):
    def person(self, nik: str) -> RegistryPerson | None: ...

    def family(self, kk_number: str) -> list[RegistryPerson]: ...

    def born_on(self, birth_date: date) -> list[BirthDateCandidate]:
        """Everyone born that day: the blocking key of the demographic duplicate check."""


# --- cards, signing, revocations, notifications -----------------------------------------------------------------
class CardStore(Protocol):
    def issue(
        self,
        card: CardRecord,
        token: str,
        *,
        current: CardRecord | None,
        revocation: CardRevocation | None = None,
        events: Sequence[CardEvent] = (),
    ) -> None:
        """One transaction: the new card (never over an existing one), its pointers, the NIK's current-card
        pointer (only if it still names `current`, or no card when None), the revocation of the replaced
        card with its revocation-list entry, and the timeline events. ConflictError if any condition fails."""

    def revoke(self, revocation: CardRevocation, events: Sequence[CardEvent] = ()) -> None:
        """One transaction: the card REVOKED (only from the version and status read), its revocation-list
        entry and the timeline events. ConflictError if the card changed."""

    def update(self, card: CardRecord, token: str) -> CardRecord:
        """Write the card if its stored version is still `card.version`; the stored card (version + 1)."""

    def for_application(self, application_id: str) -> tuple[CardRecord, str] | None: ...
    def by_card_id(self, card_id: str) -> tuple[CardRecord, str] | None: ...
    def current_for_nik(self, nik: str) -> tuple[CardRecord, str] | None: ...

    def is_revoked(self, revoked_id: str) -> bool:
        """A card id or a credential id on the revocation list."""

    def revoked_ids(self, first: date, last: date) -> list[str]:
        """The ids listed until a day in [first, last]: what a revocation list published on `first` holds."""


class RevokedIds(Protocol):
    def revoked_ids(self, first: date, last: date) -> list[str]: ...


class HeldCard(Protocol):
    @property
    def application_id(self) -> str:
        """The application the card was issued for (its record names the account that owns it)."""


class CardHolders(Protocol):
    def current_for_nik(self, nik: str) -> tuple[HeldCard, str] | None:
        """The NIK's current card and its credential (the cards repository), or None when no card was issued."""


class Signer(Protocol):
    @property
    def key_id(self) -> str:
        """The `kid` put in the JWS header."""

    def sign(self, message: bytes) -> bytes:
        """The ES256 signature of `message` in JOSE form: R || S, 64 bytes."""

    def public_key_pem(self) -> str: ...


class Sender(Protocol):
    def send_email(self, to: str, subject: str, body: str) -> str:
        """Send; returns the provider's message id. Raise to signal a failure."""

    def send_sms(self, to: str, body: str) -> str: ...


# --- the face gallery -----------------------------------------------------------------------------------------
class ManifestStore(Protocol):
    def load(self) -> tuple[GalleryManifest, int]:
        """The current manifest and its stored version (0 when the gallery is empty)."""

    def save(self, manifest: GalleryManifest, expected_version: int) -> None:
        """Conditional on the stored version: ConflictError when another enrolment won."""


# --- biometric recording: bookings, the officer's capture, the chain's task token ------------------------------
class BookingRefused(Exception):
    """A booking write the store's conditions refused; `code` says which (SLOT_FULL, BOOKING_EXISTS,
    NOT_AWAITING_RECORDING)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class RecordingStore(Protocol):
    def get_booking(self, application_id: str) -> Booking | None: ...

    def book(self, booking: Booking, previous: Booking | None, capacity: int) -> Booking:
        """One transaction: the application still AWAITING_BIOMETRIC_RECORDING at the booking's attempt; the
        booking item still as read (`previous`, or none); the new slot's count raised while below `capacity`
        (no slot for a home visit); an active previous slot's count lowered. BookingRefused otherwise."""

    def cancel(self, cancelled: Booking, previous: Booking) -> Booking:
        """The booking as read becomes `cancelled` and its slot's place is given back, in one transaction."""

    def booked_counts(self, office_id: str, first: datetime, last: datetime) -> dict[datetime, int]:
        """Places taken in each of the office's slots starting in [first, last]."""

    def record_capture(
        self, capture: CaptureRecord, documents: Sequence[DocumentRecord], event: TimelineEvent
    ) -> None:
        """One transaction: the application still AWAITING_BIOMETRIC_RECORDING at the capture's attempt, no capture
        for that attempt yet, the captured documents, the capture and its timeline event; an active booking is
        marked ATTENDED. BookingRefused("NOT_AWAITING_RECORDING") otherwise."""

    def get_capture(self, application_id: str, attempt: int) -> CaptureRecord | None: ...

    def put_recording_token(self, application_id: str, attempt: int, token: str) -> None:
        """The task token the officer's capture completes (one per attempt; a later wait replaces it)."""

    def get_recording_token(self, application_id: str, attempt: int) -> str | None: ...


# --- help requests (ektp.domain.help_requests) ---------------------------------------------------------
from datetime import datetime as _Instant  # noqa: E402  (an addition at the end, beside its protocols)

from ektp.domain.help_requests import (  # noqa: E402
    HelpMessage,
    HelpNotice,
    HelpOpenings,
    HelpRequest,
    HelpState,
)


class HelpRequestStore(Protocol):
    """One partition per request: the request, its messages and its audit events (HELP#<id>)."""

    def create(
        self,
        request: HelpRequest,
        message: HelpMessage,
        event: TimelineEvent,
        openings: HelpOpenings | None = None,
    ) -> None:
        """The request, its first message and its event in one transaction; ConflictError if the id exists.
        With `openings`: also the account's brake, stored as version openings.version + 1 only if the stored
        one is still openings.version (none when 0), in the same transaction; ConflictError otherwise."""

    def openings(self, owner: str) -> HelpOpenings | None:
        """The account's stored brake on opening requests (strongly consistent), or None before its first."""

    def get(self, request_id: str) -> HelpRequest | None: ...

    def messages(self, request_id: str) -> list[HelpMessage]:
        """Oldest first."""

    def save(
        self, request: HelpRequest, expected_version: int, message: HelpMessage | None, event: TimelineEvent
    ) -> HelpRequest:
        """Write the request if its stored version is still `expected_version`, with its new message and its
        event, atomically; returns it with the new version. ConflictError otherwise."""

    def add_event(self, request_id: str, event: TimelineEvent) -> None: ...

    def list_by_owner(self, owner: str, limit: int = 50) -> list[HelpRequest]:
        """The resident's requests, newest first."""

    def list_for_district(self, district_code: str, state: HelpState, limit: int = 50) -> list[HelpRequest]:
        """One district's requests in one state, the longest waiting first."""

    def list_open_due_before(self, when: _Instant) -> list[HelpRequest]:
        """OPEN requests whose answer was due before `when`, any district (the overdue sweep)."""


class HelpNotices(Protocol):
    def __call__(self, notice: HelpNotice) -> None:
        """Tell the other side (ids and codes only); never raises: the request is already stored."""


# --- field verification of domicile (ektp.domain.field_visits, issue 20 item 4) -----------------------------
from ektp.domain.field_visits import FieldVisitRecord, FieldVisitTask  # noqa: E402


class FieldVisitRefused(Exception):
    """A visit write the store's conditions refused; `code` is a reason code (NOT_AWAITING_FIELD_VISIT,
    FIELD_VISIT_ALREADY_RECORDED)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class FieldVisitStore(Protocol):
    """One attempt's visit task, each round's answer and the chain's task token, beside the application."""

    def get_task(self, application_id: str, attempt: int) -> FieldVisitTask | None: ...

    def put_task(self, task: FieldVisitTask, previous: FieldVisitTask | None) -> FieldVisitTask:
        """Write `task` if the stored one is still `previous` (none, or its version); returns it with the next
        version. An OPEN task is listed in its district's open visits, any other state is not. ConflictError."""

    def record_outcome(self, task: FieldVisitTask, record: FieldVisitRecord, event: TimelineEvent) -> None:
        """One transaction: the application still AWAITING_FIELD_VERIFICATION at the record's attempt, the task
        still OPEN as read (`task`) at the record's round, no answer for that round yet; then the task DONE (off
        the district's list), the answer and its timeline event. FieldVisitRefused otherwise."""

    def get_outcome(self, application_id: str, attempt: int, visit_round: int) -> FieldVisitRecord | None: ...

    def open_for_district(self, district_code: str, limit: int = 50) -> list[FieldVisitTask]:
        """The district's OPEN visits, the longest waiting first."""

    def put_visit_token(self, application_id: str, attempt: int, token: str) -> None:
        """The task token the visit's answer completes (one per attempt; a later wait replaces it)."""

    def get_visit_token(self, application_id: str, attempt: int) -> str | None: ...
