"""What the system stores about an application: the entities the repository reads and writes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from ektp.domain.application import Applicant, ApplicationType, Contact, DocumentType
from ektp.domain.capture import CaptureSource
from ektp.domain.extracted import Extracted
from ektp.domain.liveness import Pose
from ektp.domain.reasons import Reason
from ektp.domain.status import ApplicationStatus, DocumentStatus

Actor = Literal["resident", "system", "officer", "operator"]
# ONLINE: the resident registered it from their own account; ASSISTED: an officer entered it at the office for a
# resident present there (services/assisted.py), its owner the district's assisted namespace, never a resident.
Channel = Literal["ONLINE", "ASSISTED"]


class ApplicationRecord(BaseModel):
    model_config = ConfigDict(extra="ignore", hide_input_in_errors=True)

    application_id: str  # the registration number, canonical form
    owner: str  # the resident's identity-provider subject; only they (and officers) may read it
    application_type: ApplicationType
    status: ApplicationStatus
    version: int = 0  # bumped on every write of this record; writes are conditional on it
    attempt: int = 0  # one per submission; names the workflow execution
    applicant: Applicant
    contact: Contact
    district_code: str  # the domicile district: routes the case to that district's officers
    created_at: datetime
    updated_at: datetime
    upload_count: int = 0
    reasons: list[Reason] = Field(default_factory=list)  # why it was rejected (resident-facing)
    warnings: list[Reason] = Field(default_factory=list)  # what an officer must look at
    decision: str | None = None
    execution_arn: str | None = None
    # The last active-liveness challenge handed out (ektp.domain.liveness): the frames must answer it.
    liveness_challenge: list[Pose] = Field(default_factory=list)
    liveness_challenge_at: datetime | None = None
    # Automatic re-drives after a system fault (services/maintenance.py): each is a new attempt started by the
    # system, not a submission by the resident; bounded, then an operator is alerted.
    redrives: int = 0
    channel: Channel = "ONLINE"
    entered_by: str | None = None  # ASSISTED: the officer who entered it (their user id, from their token)

    def as_new_attempt(self, now: datetime, **changes: Any) -> ApplicationRecord:
        """SUBMITTED as the next attempt (a resident's submission or a re-drive): a new execution to start, the
        last decision and its reasons cleared."""
        return self.model_copy(
            update={
                "status": ApplicationStatus.SUBMITTED,
                "attempt": self.attempt + 1,
                "updated_at": now,
                "execution_arn": None,
                "reasons": [],
                "decision": None,
                **changes,
            }
        )


class DocumentRecord(BaseModel):
    model_config = ConfigDict(extra="ignore", hide_input_in_errors=True)

    application_id: str
    document_type: DocumentType
    upload_id: str  # time-ordered: the latest upload of a type is the one that counts
    status: DocumentStatus
    object_key: str
    declared_content_type: str
    max_bytes: int
    created_at: datetime
    updated_at: datetime
    size: int | None = None
    sha256: str | None = None
    # The S3 version intake read and hashed: every later reader reads this version, never "the latest".
    version_id: str | None = None
    sniffed_content_type: str | None = None
    reasons: list[Reason] = Field(default_factory=list)
    measurements: dict[str, Any] = Field(default_factory=dict)
    extracted: Extracted = Field(default_factory=Extracted)  # OCR fields, for the verification stages
    # Who captured it (a fingerprint from an officer's station or a registered device); None: the resident's
    # own upload, which is never biometric evidence that clears anything (domain/capture.py).
    captured_by: CaptureSource | None = None
    # The officer who opened the slot (an ASSISTED upload through the office's routes, from their token): they
    # chose the bytes that land in it, so they took part in the case (domain/duties.py). None: the resident's.
    requested_by: str | None = None
    processed_key: str | None = None  # named after the checked version's sha256: tied to the bytes checked
    processed_sha256: str | None = None

    @field_serializer("extracted")
    def _extracted_as_stored(self, extracted: Extracted) -> dict[str, Any]:
        return extracted.stored()  # the keys that were set: stored items keep the shape they always had


class TimelineEvent(BaseModel):
    model_config = ConfigDict(extra="ignore", hide_input_in_errors=True)

    at: datetime
    kind: str  # CREATED, UPDATED, DOCUMENT_*, SUBMITTED, STAGE_*, DECIDED, ...
    actor: Actor
    status: ApplicationStatus | None = None
    detail: str | None = None  # a short non-personal note (codes, stage names), never personal data
    reasons: list[str] = Field(default_factory=list)  # reason codes
    # For the audit trail and officers only, never on the resident's timeline: which member of staff acted
    # (their user id), and an officer's internal note on a decision.
    staff_id: str | None = None
    note: str | None = Field(default=None, max_length=500)


class StageResult(BaseModel):
    """One verification stage's outcome for one attempt."""

    model_config = ConfigDict(extra="ignore", hide_input_in_errors=True)

    stage: str
    attempt: int
    outcome: Literal["pass", "warn", "fail"]
    reasons: list[Reason] = Field(default_factory=list)
    details: dict[str, Any] = Field(default_factory=dict)
    at: datetime


def stage_outcome(reasons: list[Reason]) -> Literal["pass", "warn", "fail"]:
    """A stage fails on any error, warns on warnings only, passes otherwise."""
    if any(r.severity == "error" for r in reasons):
        return "fail"
    return "warn" if reasons else "pass"


def latest_documents(documents: list[DocumentRecord]) -> dict[DocumentType, DocumentRecord]:
    """The upload that counts for each type: the latest one that has arrived (a pending slot does not count,
    nor a slot cancelled at submission: nothing in it is ever read)."""
    latest: dict[DocumentType, DocumentRecord] = {}
    for doc in sorted(documents, key=lambda d: d.upload_id):
        if doc.status not in (DocumentStatus.PENDING_UPLOAD, DocumentStatus.CANCELLED):
            latest[doc.document_type] = doc
    return latest
