"""Resident-facing use cases: register, correct, request an upload URL, submit, read the status."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from ektp.domain.application import (
    Applicant,
    Contact,
    DocumentType,
    allowed_content_types,
    allowed_documents,
    max_upload_bytes,
    required_documents,
)
from ektp.domain.forms import ApplicationRequest
from ektp.domain.limits import (
    ACCOUNT_WINDOW,
    DAILY_WINDOW,
    LIVENESS_CHALLENGE_WINDOW,
    MAX_APPLICATIONS_PER_ACCOUNT,
    MAX_CORRECTIONS_PER_DAY,
    MAX_DATA_EXPORTS_PER_DAY,
    MAX_LIVENESS_CHALLENGES,
    MAX_SUBMISSIONS_PER_ACCOUNT,
    MAX_SUBMISSIONS_PER_NIK,
    account_allowance_key,
    nik_allowance_key,
    nik_change_refusal,
    nik_submission_refusal,
    registration_refusal,
    submission_refusal,
)
from ektp.domain.liveness import new_challenge
from ektp.domain.reasons import Reason, reason
from ektp.domain.records import ApplicationRecord, DocumentRecord, TimelineEvent, latest_documents
from ektp.domain.registration_number import new_registration_number, parse_registration_number
from ektp.domain.status import EDITABLE, ApplicationStatus, DocumentStatus, check_transition
from ektp.domain.validation import validate_applicant, validate_contact
from ektp.errors import ServiceError
from ektp.ports import (
    ApplicationRepository,
    ApplicationView,
    ConflictError,
    DocumentStore,
    PresignedPost,
    Workflow,
)
from ektp.services.clock import new_upload_id, today_jakarta, utcnow
from ektp.services.stored_documents import cancelled_after_submit

UPLOAD_PREFIX = "uploads"


def upload_key(application_id: str, document_type: DocumentType, upload_id: str) -> str:
    return f"{UPLOAD_PREFIX}/{application_id}/{document_type}/{upload_id}"


def parse_upload_key(key: str) -> tuple[str, DocumentType, str] | None:
    parts = key.split("/")
    if len(parts) != 4 or parts[0] != UPLOAD_PREFIX:
        return None
    application_id = parse_registration_number(parts[1])
    if application_id is None or application_id != parts[1] or parts[2] not in DocumentType.__members__:
        return None
    return application_id, DocumentType(parts[2]), parts[3]


def execution_name(application_id: str, attempt: int) -> str:
    # Deterministic per attempt: a repeated submit cannot start a second execution.
    return f"{application_id}-a{attempt}"


@dataclass(frozen=True)
class UploadGrant:
    document: DocumentRecord
    post: PresignedPost


class ApplicationService:
    def __init__(
        self,
        repository: ApplicationRepository,
        store: DocumentStore,
        workflow: Workflow,
        *,
        upload_url_ttl_seconds: int = 300,
        max_uploads_per_application: int = 60,
        clock: Callable[[], datetime] = utcnow,
        today: Callable[[], date] = today_jakarta,
    ) -> None:
        self._repo = repository
        self._store = store
        self._workflow = workflow
        self._ttl = upload_url_ttl_seconds
        self._max_uploads = max_uploads_per_application
        self._clock = clock
        self._today = today

    # --- reads -------------------------------------------------------------------------------------
    def _owned(self, owner: str, application_id: str) -> ApplicationRecord:
        canonical = parse_registration_number(application_id)
        if canonical is None:
            raise ServiceError("INVALID_REGISTRATION_NUMBER")
        record = self._repo.get(canonical)
        # Someone else's application is indistinguishable from a missing one.
        if record is None or record.owner != owner:
            raise ServiceError("APPLICATION_NOT_FOUND")
        return record

    def owned(self, owner: str, application_id: str) -> ApplicationRecord:
        """The caller's own application (someone else's answers as a missing one)."""
        return self._owned(owner, application_id)

    def view(self, owner: str, application_id: str) -> ApplicationView:
        record = self._owned(owner, application_id)
        view = self._repo.view(record.application_id)
        if view is None:  # deleted between the two reads
            raise ServiceError("APPLICATION_NOT_FOUND")
        return view

    def export(self, owner: str, application_id: str) -> ApplicationView:
        """The resident's access right: the view, after recording that it was exported."""
        record = self._owned(owner, application_id)
        self._take_daily(record, "DATA_EXPORT", MAX_DATA_EXPORTS_PER_DAY, "DATA_EXPORT_LIMIT_REACHED")
        self._repo.add_event(
            record.application_id, TimelineEvent(at=self._clock(), kind="DATA_EXPORTED", actor="resident")
        )
        view = self._repo.view(record.application_id)
        if view is None:
            raise ServiceError("APPLICATION_NOT_FOUND")
        return view

    def _take_daily(self, record: ApplicationRecord, purpose: str, limit: int, refusal: str) -> None:
        """One use of a day's allowance for a write the audit store keeps for years (domain/limits.py)."""
        if not self._repo.take_allowance(record.application_id, purpose, limit, self._clock(), DAILY_WINDOW):
            raise ServiceError(refusal)

    def list_for(self, owner: str) -> list[ApplicationRecord]:
        return self._repo.list_by_owner(owner)

    # --- writes ------------------------------------------------------------------------------------
    def _validated(self, applicant: Applicant, contact: Contact) -> list[Reason]:
        errors, warnings = validate_applicant(applicant, self._today())
        errors += validate_contact(contact, applicant)  # a channel choice the resident can be reached on
        if errors:
            raise ServiceError("VALIDATION_FAILED", errors + warnings)
        return warnings

    def register(
        self, owner: str, request: ApplicationRequest, *, entered_by: str | None = None
    ) -> ApplicationRecord:
        """`entered_by`: an officer entering it at the office (services/assisted.py, never a request field); the
        owner is then the district's assisted namespace, not an account, so the per-account limit is not its."""
        if not request.declaration_accepted:
            raise ServiceError(
                "VALIDATION_FAILED", [reason("VALIDATION_FAILED", field="declaration_accepted")]
            )
        refusal = None if entered_by else registration_refusal(self._repo.list_by_owner(owner), self._clock())
        if refusal:
            raise ServiceError(refusal)
        contact = request.contact.resolved(request.applicant.email)
        warnings = self._validated(request.applicant, contact)
        now = self._clock()
        if not entered_by and not self._repo.take_allowance(
            account_allowance_key(owner), "REGISTRATION", MAX_APPLICATIONS_PER_ACCOUNT, now, ACCOUNT_WINDOW
        ):
            raise ServiceError("REGISTRATION_LIMIT_REACHED")  # parallel registrations past the index's count
        for _ in range(3):  # 60 random bits: a collision is astronomically rare, but never overwrite one
            record = ApplicationRecord(
                application_id=new_registration_number(),
                owner=owner,
                application_type=request.application_type,
                status=ApplicationStatus.DRAFT,
                applicant=request.applicant,
                contact=contact,
                district_code=request.applicant.district_code,
                created_at=now,
                updated_at=now,
                warnings=warnings,
                channel="ASSISTED" if entered_by else "ONLINE",
                entered_by=entered_by,
            )
            event = TimelineEvent(
                at=now,
                kind="CREATED",
                actor="officer" if entered_by else "resident",
                status=ApplicationStatus.DRAFT,
                detail="ASSISTED" if entered_by else None,
                staff_id=entered_by,
            )
            try:
                self._repo.create(record, event)
                return record
            except ConflictError:
                continue
        raise ServiceError("INTERNAL_ERROR")

    def update_applicant(
        self, owner: str, application_id: str, applicant: Applicant, *, staff_id: str | None = None
    ) -> ApplicationRecord:
        """`staff_id`: the officer correcting an ASSISTED application (services/assisted.py)."""
        record = self._owned(owner, application_id)
        if record.status not in EDITABLE:
            raise ServiceError("INVALID_STATUS_TRANSITION")
        refusal = nik_change_refusal(record, applicant.nik)
        if refusal:
            raise ServiceError(refusal)
        warnings = self._validated(applicant, record.contact)  # e.g. the e-mail its only channel removed
        self._take_daily(record, "CORRECTION", MAX_CORRECTIONS_PER_DAY, "CORRECTION_LIMIT_REACHED")
        now = self._clock()
        updated = record.model_copy(
            update={
                "applicant": applicant,
                "district_code": applicant.district_code,
                "warnings": warnings,
                "updated_at": now,
            }
        )
        event = TimelineEvent(
            at=now,
            kind="DATA_CORRECTED",
            actor="officer" if staff_id else "resident",
            status=record.status,
            staff_id=staff_id,
        )
        try:
            return self._repo.save(updated, record.version, event, expected_status=record.status)
        except ConflictError as exc:
            raise ServiceError("CONCURRENT_UPDATE") from exc

    def request_upload(
        self,
        owner: str,
        application_id: str,
        document_type: str,
        content_type: str,
        *,
        staff_id: str | None = None,
    ) -> UploadGrant:
        document = self.open_slot(owner, application_id, document_type, content_type, staff_id=staff_id)
        post = self._store.presign_post(document.object_key, content_type, document.max_bytes, self._ttl)
        return UploadGrant(document=document, post=post)

    def open_slot(
        self,
        owner: str,
        application_id: str,
        document_type: str,
        content_type: str,
        *,
        staff_id: str | None = None,
        declared_bytes: int | None = None,
    ) -> DocumentRecord:
        """A PENDING_UPLOAD slot under a new key, counted against the upload budget (a presigned POST's, or a
        multipart upload's: services/uploads_multipart.py). `staff_id`: the officer uploading a scan of an
        ASSISTED application (services/assisted.py), recorded on the slot: whoever chose the bytes took part.
        `declared_bytes`: the file's size as the client declares it (a multipart upload): the slot's limit is
        that size, so the part URLs are signed for it and intake refuses a larger object (UPLOAD_TOO_LARGE)."""
        record = self._owned(owner, application_id)
        if document_type not in DocumentType.__members__:
            raise ServiceError("UNKNOWN_DOCUMENT_TYPE")
        doc_type = DocumentType(document_type)
        if doc_type not in allowed_documents(record.application_type):
            raise ServiceError("DOCUMENT_TYPE_NOT_ALLOWED")
        if content_type not in allowed_content_types(doc_type):
            raise ServiceError("CONTENT_TYPE_NOT_ALLOWED")
        if record.status not in EDITABLE:
            raise ServiceError("INVALID_STATUS_TRANSITION")
        limit = max_upload_bytes(doc_type)
        if declared_bytes is not None and not 1 <= declared_bytes <= limit:
            raise ServiceError("UPLOAD_TOO_LARGE" if declared_bytes > limit else "UPLOAD_EMPTY")
        now = self._clock()
        upload_id = new_upload_id()
        document = DocumentRecord(
            application_id=record.application_id,
            document_type=doc_type,
            upload_id=upload_id,
            status=DocumentStatus.PENDING_UPLOAD,
            object_key=upload_key(record.application_id, doc_type, upload_id),
            declared_content_type=content_type,
            max_bytes=declared_bytes or limit,
            created_at=now,
            updated_at=now,
            requested_by=staff_id,
        )
        try:
            self._repo.add_document_slot(record, document, self._max_uploads)
        except ConflictError as exc:
            # A retry whose first attempt went in (its answer lost to a timeout) fails its own condition: the
            # slot is there, counted once, and it is the resident's.
            if self._repo.get_document(record.application_id, doc_type, upload_id) is not None:
                return document
            current = self._repo.get(record.application_id)
            if current is not None and current.status not in EDITABLE:
                raise ServiceError("INVALID_STATUS_TRANSITION") from exc
            raise ServiceError("TOO_MANY_UPLOADS") from exc
        return document

    def missing_documents(self, record: ApplicationRecord, documents: list[DocumentRecord]) -> list[Reason]:
        latest = latest_documents(documents)
        missing: list[Reason] = []
        for doc_type in required_documents(record.application_type, record.applicant, self._today()):
            doc = latest.get(doc_type)
            if doc is None or doc.status is not DocumentStatus.ACCEPTED:
                missing.append(
                    reason(
                        "APPLICATION_INCOMPLETE",
                        field=f"documents.{doc_type}",
                        measured=str(doc.status) if doc else "MISSING",
                    )
                )
        return missing

    def issue_liveness_challenge(self, owner: str, application_id: str) -> ApplicationRecord:
        """A new random head-pose sequence; the LIVENESS upload must answer it within CHALLENGE_TTL."""
        record = self._owned(owner, application_id)
        if record.status not in EDITABLE:
            raise ServiceError("INVALID_STATUS_TRANSITION")
        now = self._clock()
        # Each challenge is one more chance for a replayed recording: the budget bounds them (domain/liveness.py).
        if not self._repo.take_allowance(
            record.application_id,
            "LIVENESS_CHALLENGE",
            MAX_LIVENESS_CHALLENGES,
            now,
            LIVENESS_CHALLENGE_WINDOW,
        ):
            raise ServiceError("LIVENESS_CHALLENGE_LIMIT_REACHED")
        updated = record.model_copy(
            update={"liveness_challenge": new_challenge(), "liveness_challenge_at": now, "updated_at": now}
        )
        event = TimelineEvent(
            at=now, kind="LIVENESS_CHALLENGE_ISSUED", actor="resident", status=record.status
        )
        try:
            return self._repo.save(updated, record.version, event, expected_status=record.status)
        except ConflictError as exc:
            raise ServiceError("CONCURRENT_UPDATE") from exc

    def submit(self, owner: str, application_id: str, *, staff_id: str | None = None) -> ApplicationRecord:
        """`staff_id`: the officer submitting an ASSISTED application (services/assisted.py)."""
        record = self._owned(owner, application_id)
        if record.status is ApplicationStatus.SUBMITTED and record.execution_arn is None:
            # The previous submit stored the status but did not get to start the chain: finish its job.
            return self._start_chain(record)
        if record.status not in EDITABLE:
            raise ServiceError("ALREADY_SUBMITTED")
        now = self._clock()
        # Per application and account, then across accounts: how often one person's record was asked about.
        on_nik = self._repo.applications_for_nik(record.applicant.nik)
        # An ASSISTED owner is a district's namespace, not a person's account: its per-account count is not theirs;
        # the per-application and per-NIK limits hold as for anyone.
        account = [record] if record.channel == "ASSISTED" else self._repo.list_by_owner(owner)
        refusal = submission_refusal(record, account, now) or nik_submission_refusal(on_nik, now)
        if refusal:
            raise ServiceError(refusal)
        self._validated(record.applicant, record.contact)
        missing = self.missing_documents(record, self._repo.list_documents(record.application_id))
        if missing:
            raise ServiceError("APPLICATION_INCOMPLETE", missing)
        check_transition(record.status, ApplicationStatus.SUBMITTED)
        now = self._clock()
        self._take_submission_allowances(record, owner, now)
        submitted = record.as_new_attempt(now)
        event = TimelineEvent(
            at=now,
            kind="SUBMITTED",
            actor="officer" if staff_id else "resident",
            status=ApplicationStatus.SUBMITTED,
            detail=f"attempt {submitted.attempt}",
            staff_id=staff_id,
        )
        try:
            saved = self._repo.save(submitted, record.version, event, expected_status=record.status)
        except ConflictError as exc:
            raise ServiceError("ALREADY_SUBMITTED") from exc
        return self._start_chain(saved)

    def _take_submission_allowances(self, record: ApplicationRecord, owner: str, now: datetime) -> None:
        """The account's and the NIK's counts, each one conditional write: parallel submissions (or ones inside
        the indexes' lag) cannot all pass the counts submission_refusal read. A submission refused after its
        allowance was taken (a concurrent submit of the same application) stays counted: stricter, never looser."""
        take = self._repo.take_allowance
        if record.channel != "ASSISTED" and not take(
            account_allowance_key(owner), "SUBMISSION", MAX_SUBMISSIONS_PER_ACCOUNT, now, ACCOUNT_WINDOW
        ):
            raise ServiceError("SUBMISSION_LIMIT_REACHED")
        if not take(
            nik_allowance_key(record.applicant.nik),
            "SUBMISSION",
            MAX_SUBMISSIONS_PER_NIK,
            now,
            ACCOUNT_WINDOW,
        ):
            raise ServiceError("SUBMISSION_LIMIT_REACHED")

    def restart_chain(self, record: ApplicationRecord) -> ApplicationRecord:
        """Operators and the maintenance sweep: start the chain of a SUBMITTED application that has none."""
        return self._start_chain(record)

    def _freeze_documents(self, record: ApplicationRecord) -> None:
        """Submission freezes the document set: slots still waiting for an upload are cancelled, so nothing that
        arrives in them later (a URL handed out before submitting) can reach the chain, the officer or the card.
        Intake and the checkers also refuse to change a document of an application that is not editable, in
        the same transaction as their write, so a slot this misses (a race) is still closed."""
        for document in self._repo.list_documents(record.application_id):
            if document.status is not DocumentStatus.PENDING_UPLOAD:
                continue
            cancelled, event = cancelled_after_submit(document, self._clock(), kind="DOCUMENT_CANCELLED")
            try:
                self._repo.update_document(cancelled, DocumentStatus.PENDING_UPLOAD, event)
            except ConflictError:
                continue  # intake filled it first, while still editable: the checker's write refuses it now

    def _start_chain(self, record: ApplicationRecord) -> ApplicationRecord:
        self._freeze_documents(record)
        arn = self._workflow.start(
            execution_name(record.application_id, record.attempt),
            # Ids only: personal data never enters the workflow's execution history.
            {"application_id": record.application_id, "attempt": record.attempt},
        )
        try:
            return self._repo.save(
                record.model_copy(update={"execution_arn": arn}),
                record.version,
                expected_status=ApplicationStatus.SUBMITTED,
            )
        except ConflictError:
            # The chain already moved it on (it started fast): the execution id is recorded there, or unneeded.
            current = self._repo.get(record.application_id)
            return current or record
