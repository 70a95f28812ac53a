"""Officer review: the district queue, the evidence of one case, and the decision that resumes the chain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from ektp.biometrics.candidates import photo_candidates
from ektp.domain.access import Principal
from ektp.domain.disclosure import staff_role
from ektp.domain.duties import approval_refusal, own_case_refusal, participants
from ektp.domain.reasons import CATALOGUE, Reason
from ektp.domain.records import (
    ApplicationRecord,
    DocumentRecord,
    StageResult,
    TimelineEvent,
    latest_documents,
)
from ektp.domain.registration_number import parse_registration_number
from ektp.domain.stages import Stage
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.ports import ApplicationRepository, DocumentStore, TaskGone, Workflow
from ektp.services.clock import utcnow
from ektp.services.stored_documents import original_url

EVIDENCE_URL_SECONDS = 300


class EnrolledPhoto(Protocol):
    @property
    def photo_key(self) -> str | None:
        """The card's own copy of its photo (cards/<card_id>/photo.jpg in the uploads bucket)."""


class EnrolledCards(Protocol):
    def current_for_nik(self, nik: str) -> tuple[EnrolledPhoto, str] | None:
        """The NIK's current card and its credential, or None."""


@dataclass(frozen=True)
class CandidatePhoto:
    """One 1:N candidate as the officer compares it: the stage's finding and a short-lived link to the enrolled
    photo (None when the NIK has no card photo on file)."""

    finding: dict[str, Any]
    photo_url: str | None


@dataclass(frozen=True)
class Evidence:
    application: ApplicationRecord
    stages: list[StageResult]
    documents: list[tuple[DocumentRecord, str | None, str | None]]  # record, original URL, normalized URL
    candidates: list[CandidatePhoto] = field(default_factory=list)


class ReviewService:
    def __init__(
        self,
        repository: ApplicationRepository,
        store: DocumentStore,
        workflow: Workflow,
        *,
        cards: EnrolledCards | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._repo = repository
        self._store = store
        self._workflow = workflow
        self._cards = cards  # the 1:N candidates' enrolled photos
        self._clock = clock

    def queue(self, officer: Principal, district: str | None = None) -> list[ApplicationRecord]:
        wanted = district or officer.district
        if wanted is None:
            raise ServiceError("FORBIDDEN")
        if officer.has("officer") and not officer.has("operator") and wanted != officer.district:
            raise ServiceError("FORBIDDEN")  # an officer sees only their own district
        return self._repo.list_review_queue(wanted)

    def _case(self, officer: Principal, application_id: str) -> ApplicationRecord:
        canonical = parse_registration_number(application_id)
        record = self._repo.get(canonical) if canonical else None
        # A case of another district is indistinguishable from a missing one.
        if record is None or record.district_code != officer.district:
            raise ServiceError("APPLICATION_NOT_FOUND")
        # Their own or their family's: neither its evidence nor any decision (domain/duties.py).
        refusal = own_case_refusal(officer.nik, record, self._repo.list_documents(record.application_id))
        if refusal is not None:
            raise ServiceError(refusal)
        return record

    def evidence(self, officer: Principal, application_id: str) -> Evidence:
        record = self._case(officer, application_id)
        if record.status is not ApplicationStatus.IN_REVIEW:
            # Documents are opened for a decision, not browsed: a decided, issued or draft case is closed.
            raise ServiceError("CASE_NOT_IN_REVIEW")
        view = self._repo.view(record.application_id)
        stages = [s for s in (view.stages if view else []) if s.attempt == record.attempt]
        documents: list[tuple[DocumentRecord, str | None, str | None]] = []
        for document in latest_documents(view.documents if view else []).values():
            # The pinned version: what the checks read, not whatever a later POST to the key left there.
            original = original_url(self._store, document, EVIDENCE_URL_SECONDS)
            normalized = (
                self._store.presign_get(document.processed_key, EVIDENCE_URL_SECONDS)
                if document.processed_key
                else None
            )
            documents.append((document, original, normalized))
        self._repo.add_event(
            record.application_id,
            TimelineEvent(
                at=self._clock(),
                kind="EVIDENCE_VIEWED",
                actor="officer",
                detail=staff_role(officer),
                staff_id=officer.subject,
            ),
        )
        return Evidence(
            application=record, stages=stages, documents=documents, candidates=self._candidate_photos(stages)
        )

    def _candidate_photos(self, stages: list[StageResult]) -> list[CandidatePhoto]:
        """The 1:N candidates to compare, each with its enrolled photo: only here, for an officer of the case's
        district (checked by `evidence`), through links that expire with the documents' (never logged)."""
        face = next((s for s in stages if s.stage == Stage.FACE_DUPLICATES), None)
        if face is None:
            return []
        out = []
        for finding in photo_candidates(face.details):
            held = self._cards.current_for_nik(str(finding["id"])) if self._cards else None
            key = held[0].photo_key if held else None
            url = self._store.presign_get(key, EVIDENCE_URL_SECONDS) if key else None
            out.append(CandidatePhoto(finding=dict(finding), photo_url=url))
        return out

    def _check_independent(self, officer: Principal, record: ApplicationRecord) -> None:
        """Four eyes (domain/duties.py): whoever entered, captured or visited for the case does not approve it."""
        view = self._repo.view(record.application_id)
        took_part = participants(record, view.events if view else [], view.documents if view else [])
        refusal = approval_refusal(officer.subject, took_part)
        if refusal is not None:
            raise ServiceError(refusal)

    def decide(
        self,
        officer: Principal,
        application_id: str,
        decision: Literal["APPROVE", "REJECT", "FIELD_VISIT"],
        reason_codes: list[str],
        note: str | None = None,
    ) -> ApplicationRecord:
        record = self._case(officer, application_id)
        if record.status is not ApplicationStatus.IN_REVIEW:
            raise ServiceError("INVALID_STATUS_TRANSITION")
        unknown = [code for code in reason_codes if code not in CATALOGUE]
        if unknown or (decision == "REJECT" and not reason_codes):
            raise ServiceError(
                "VALIDATION_FAILED",
                [
                    Reason(
                        code="VALIDATION_FAILED",
                        message_id="Alasan penolakan wajib dan harus berupa kode yang dikenal.",
                        message_en="A rejection needs known reason codes.",
                        field="reasons",
                        measured=",".join(unknown) or None,
                    )
                ],
            )
        if decision == "APPROVE":
            self._check_independent(officer, record)
        token = self._repo.get_review_token(record.application_id, record.attempt)
        if token is None:
            raise ServiceError("INVALID_STATUS_TRANSITION")
        if note:
            # On the record and the audit trail (the table's stream), never in the workflow's execution history.
            self._repo.add_event(
                record.application_id,
                TimelineEvent(
                    at=self._clock(),
                    kind="REVIEW_NOTE",
                    actor="officer",
                    detail=staff_role(officer),
                    staff_id=officer.subject,
                    note=note[:500],
                ),
            )
        if decision == "FIELD_VISIT":
            reason_codes = []  # the visit decides what the resident reads (ektp.domain.field_visits)
        output: dict[str, Any] = {"decision": decision, "reasons": reason_codes, "officer": officer.subject}
        # The chain records the outcome (RecordReviewDecision): one writer for the status, with its checks.
        try:
            self._workflow.send_task_success(token, output)
        except TaskGone as exc:
            # Another officer's decision on the same reading went first (or the wait timed out): theirs stands.
            raise ServiceError("INVALID_STATUS_TRANSITION") from exc
        return record
