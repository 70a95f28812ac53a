"""The verification chain's steps. Each Step Functions task calls one method with ids only, and every step
is idempotent: Step Functions may run a task twice (retry after a timeout), and a re-run must not change
the outcome or write twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ektp.domain import claims, verification
from ektp.domain.application import DocumentType
from ektp.domain.decision import Decision, decide, required_stages
from ektp.domain.disclosure import for_resident, officer_role
from ektp.domain.reasons import Reason, reason
from ektp.domain.records import (
    ApplicationRecord,
    DocumentRecord,
    StageResult,
    TimelineEvent,
    latest_documents,
    stage_outcome,
)
from ektp.domain.status import ApplicationStatus, DocumentStatus, check_transition
from ektp.domain.validation import validate_applicant
from ektp.issuance.notifications import StatusChangedDetail
from ektp.ports import ApplicationRepository, ConflictError, PopulationRegistry
from ektp.services.applications import ApplicationService
from ektp.services.clock import today_jakarta, utcnow


def status_event(record: ApplicationRecord, previous: ApplicationStatus | None) -> StatusChangedDetail:
    """The status-change event: ids, statuses and reason codes only, never personal data."""
    return StatusChangedDetail(
        registration_number=record.application_id,
        status=str(record.status),
        previous_status=str(previous) if previous else None,
        attempt=record.attempt,
        at=record.updated_at,
        reason_codes=[r.code for r in record.reasons],
    )


class StaleAttempt(Exception):
    """The task belongs to an attempt that is no longer the application's current one."""


class ChainService:
    def __init__(
        self,
        repository: ApplicationRepository,
        *,
        completeness: Callable[[ApplicationRecord], list[Reason]],
        registry: PopulationRegistry | None = None,
        publish: Callable[[StatusChangedDetail], None] | None = None,
        clock: Callable[[], datetime] = utcnow,
        today: Callable[[], date] = today_jakarta,
        liveness_required_for: frozenset[str] = frozenset(),
    ) -> None:
        self._repo = repository
        self._completeness = completeness
        self._liveness_required_for = liveness_required_for
        self._registry = registry
        self._publish = publish
        self._clock = clock
        self._today = today

    @classmethod
    def for_applications(
        cls,
        repository: ApplicationRepository,
        applications: ApplicationService,
        registry: PopulationRegistry | None = None,
        publish: Callable[[StatusChangedDetail], None] | None = None,
        *,
        liveness_required_for: frozenset[str] = frozenset(),
    ) -> ChainService:
        def completeness(record: ApplicationRecord) -> list[Reason]:
            return applications.missing_documents(record, repository.list_documents(record.application_id))

        return cls(
            repository,
            completeness=completeness,
            registry=registry,
            publish=publish,
            liveness_required_for=liveness_required_for,
        )

    def _current(self, application_id: str, attempt: int) -> ApplicationRecord:
        record = self._repo.get(application_id)
        if record is None or record.attempt != attempt:
            raise StaleAttempt(f"attempt {attempt} is not current")
        return record

    def _transition(
        self,
        record: ApplicationRecord,
        target: ApplicationStatus,
        *,
        kind: str,
        actor: str = "system",
        reasons: list[Reason] | None = None,
        decision: str | None = None,
        detail: str | None = None,
        warnings: list[Reason] | None = None,
        staff_id: str | None = None,
    ) -> ApplicationRecord:
        check_transition(record.status, target)
        now = self._clock()
        update: dict[str, Any] = {"status": target, "updated_at": now}
        if warnings is not None:
            update["warnings"] = warnings
        if reasons is not None:
            update["reasons"] = reasons
        if decision is not None:
            update["decision"] = decision
        event = TimelineEvent(
            at=now,
            kind=kind,
            actor=actor,  # type: ignore[arg-type]
            status=target,
            detail=detail,
            reasons=[r.code for r in reasons or []],
            staff_id=staff_id,
        )
        saved = self._repo.save(
            record.model_copy(update=update), record.version, event, expected_status=record.status
        )
        if self._publish is not None:
            self._publish(status_event(saved, record.status))
        return saved

    def _record_stage(
        self, record: ApplicationRecord, stage: str, reasons: list[Reason], **details: Any
    ) -> StageResult:
        result = StageResult(
            stage=stage,
            attempt=record.attempt,
            outcome=stage_outcome(reasons),
            reasons=reasons,
            details=details,
            at=self._clock(),
        )
        self._repo.save_stage(record.application_id, result)
        return result

    # --- steps -------------------------------------------------------------------------------------
    def load(self, application_id: str, attempt: int) -> dict[str, Any]:
        record = self._current(application_id, attempt)
        for _ in range(3):
            if record.status is not ApplicationStatus.SUBMITTED:
                break
            try:
                record = self._transition(record, ApplicationStatus.VERIFYING, kind="VERIFICATION_STARTED")
            except ConflictError:
                # A retried task already did it, or the submit path saved the execution id after starting
                # this chain (still SUBMITTED, one version on): read again and try again.
                record = self._current(application_id, attempt)
        if record.status is not ApplicationStatus.VERIFYING:
            raise StaleAttempt(f"application is {record.status}, not VERIFYING")
        return {"application_type": str(record.application_type)}

    def check_completeness(self, application_id: str, attempt: int) -> dict[str, Any]:
        """Documents still complete and accepted, and the form's rules re-run on the stored data."""
        record = self._current(application_id, attempt)
        errors, warnings = validate_applicant(record.applicant, self._today())
        result = self._record_stage(record, "completeness", self._completeness(record) + errors + warnings)
        return {"outcome": result.outcome}

    def _accepted(self, application_id: str) -> dict[DocumentType, DocumentRecord]:
        latest = latest_documents(self._repo.list_documents(application_id))
        return {t: d for t, d in latest.items() if d.status is DocumentStatus.ACCEPTED}

    @staticmethod
    def _fields(document: DocumentRecord | None) -> dict[str, Any] | None:
        fields = dict(document.extracted.get("fields") or {}) if document else {}
        if document is not None and document.extracted.get("text"):
            fields[claims.TEXT_KEY] = list(document.extracted["text"])  # for claim checks (domain.claims)
        return fields or None

    @staticmethod
    def _members(document: DocumentRecord | None) -> list[dict[str, Any]]:
        return list(document.extracted.get("members") or []) if document else []

    def _save_check(
        self, record: ApplicationRecord, stage: str, result: verification.CheckResult
    ) -> dict[str, Any]:
        saved = self._record_stage(
            record, stage, result.reasons, comparisons=[c.model_dump(mode="json") for c in result.comparisons]
        )
        return {"outcome": saved.outcome}

    def check_personal_data(self, application_id: str, attempt: int) -> dict[str, Any]:
        """Stage 2: the form against the registry, the akta and the applicant's KK row."""
        record = self._current(application_id, attempt)
        docs = self._accepted(application_id)
        person = self._registry.person(record.applicant.nik) if self._registry else None
        member = verification.kk_member_for(record.applicant.nik, self._members(docs.get(DocumentType.KK)))
        result = verification.check_personal_data(
            record.applicant,
            person,
            self._fields(docs.get(DocumentType.AKTA_KELAHIRAN)),
            member,
            old_ktp=self._fields(docs.get(DocumentType.OLD_KTP)),
        )
        return self._save_check(record, "personal_data", result)

    def confirm_domicile(self, application_id: str, attempt: int) -> dict[str, Any]:
        """Stage 3: the address codes, the KK's address, the registry's, and the SKPWNI for a move."""
        record = self._current(application_id, attempt)
        docs = self._accepted(application_id)
        person = self._registry.person(record.applicant.nik) if self._registry else None
        result = verification.check_domicile(
            record.applicant,
            record.application_type,
            person,
            self._fields(docs.get(DocumentType.KK)),
            self._fields(docs.get(DocumentType.SKPWNI)),
        )
        return self._save_check(record, "domicile", result)

    def check_documents(self, application_id: str, attempt: int) -> dict[str, Any]:
        """Stage 4: the applicant is a member of the KK uploaded, under the KK number declared."""
        record = self._current(application_id, attempt)
        kk = self._accepted(application_id).get(DocumentType.KK)
        result = verification.check_documents(record.applicant, self._fields(kk), self._members(kk))
        return self._save_check(record, "documents", result)

    def check_duplicates(self, application_id: str, attempt: int) -> dict[str, Any]:
        """Stage 5: the same person (name, birth date, mother) under another NIK in the registry, and another
        application on this NIK in any state, DRAFT and REJECTED included (applications_for_nik). The NIK's
        issued application is its card holder's: the biometric stage compares this face with theirs
        (NIK_ALREADY_HOLDS_CARD, ENROLLED_FACE_MISMATCH)."""
        record = self._current(application_id, attempt)
        candidates = self._registry.born_on(record.applicant.birth_date) if self._registry else []
        nik = record.applicant.nik
        others = [  # other NIKs, submitted or later: one person under two identities
            other
            for other in self._repo.live_born_on(record.applicant.birth_date.isoformat())
            if other.applicant.nik != nik
        ]
        others += [  # this NIK, any account, any status but its holder's ISSUED one (a DRAFT, a REJECTED ...)
            other
            for other in self._repo.applications_for_nik(nik)
            if other.application_id != record.application_id and other.status is not ApplicationStatus.ISSUED
        ]
        live = [(other.application_id, other.applicant) for other in others]
        result = verification.check_duplicates(record.applicant, candidates, live)
        return self._save_check(record, "duplicates", result)

    def decide(self, application_id: str, attempt: int) -> dict[str, Any]:
        record = self._current(application_id, attempt)
        decision = self._decision_of(application_id, attempt)
        self._record_stage(record, "decision", [], decision=decision.decision, rule=decision.rule)
        return {"decision": decision.decision}

    def _decision_of(self, application_id: str, attempt: int) -> Decision:
        view = self._repo.view(application_id)
        stages = [s for s in (view.stages if view else []) if s.attempt == attempt and s.stage != "decision"]
        # The face stage records whether the NIK holds a card: then liveness is required whatever the type.
        holds_card = any(s.stage == "face_match" and s.details.get("holds_card") for s in stages)
        required = (
            required_stages(
                view.application.application_type, self._liveness_required_for, holds_card=holds_card
            )
            if view
            else ()
        )
        return decide(stages, required=required)

    def record_decision(self, application_id: str, attempt: int) -> dict[str, Any]:
        """APPROVE or REJECT from the rules table (the automatic path)."""
        record = self._current(application_id, attempt)
        decision = self._decision_of(application_id, attempt)
        target = ApplicationStatus.APPROVED if decision.decision == "APPROVE" else ApplicationStatus.REJECTED
        if record.status is target:
            return {"status": str(target)}  # retried task
        self._transition(
            record,
            target,
            kind="DECIDED",
            reasons=for_resident(decision.reasons),  # the officer keeps the scores in the stage details
            decision=decision.decision,
            detail=decision.rule,
        )
        return {"status": str(target)}

    def escalate_review(self, application_id: str, attempt: int) -> dict[str, Any]:
        """The officer's time ran out: record it, flag the case for the district's supervisor."""
        record = self._current(application_id, attempt)
        if any(w.code == "REVIEW_TIMEOUT" for w in record.warnings):
            return {"escalated": True}  # a retried task
        now = self._clock()
        escalated = record.model_copy(
            update={
                "warnings": [*record.warnings, reason("REVIEW_TIMEOUT", severity="warning")],
                "updated_at": now,
            }
        )
        event = TimelineEvent(
            at=now, kind="REVIEW_ESCALATED", actor="system", status=record.status, reasons=["REVIEW_TIMEOUT"]
        )
        self._repo.save(escalated, record.version, event, expected_status=ApplicationStatus.IN_REVIEW)
        return {"escalated": True}

    def request_review(
        self, application_id: str, attempt: int, task_token: str, *, escalated: bool = False
    ) -> dict[str, Any]:
        """Put the case in its district's review queue; the officer's decision completes the task token."""
        record = self._current(application_id, attempt)
        decision = self._decision_of(application_id, attempt)
        self._repo.put_review_token(application_id, attempt, task_token)
        if record.status is not ApplicationStatus.IN_REVIEW:
            self._transition(
                record,
                ApplicationStatus.IN_REVIEW,
                kind="REVIEW_REQUESTED",
                decision="REVIEW",
                # No rule on the resident's timeline: which rule sent a case to review tells how close a guess
                # against the registry came. The decision stage keeps it for the officer.
                warnings=decision.reasons,  # what the officer must look at
            )
        return {"queued": True}

    def record_review_outcome(
        self, application_id: str, attempt: int, decision: str, reason_codes: list[str], officer: str
    ) -> dict[str, Any]:
        record = self._current(application_id, attempt)
        target = ApplicationStatus.APPROVED if decision == "APPROVE" else ApplicationStatus.REJECTED
        if record.status is target:
            return {"status": str(target)}
        reasons = [reason(code) for code in reason_codes] if target is ApplicationStatus.REJECTED else []
        self._transition(
            record,
            target,
            kind="REVIEW_DECIDED",
            actor="officer",
            reasons=reasons,
            decision=decision,
            detail=officer_role(record.district_code),  # the resident sees the office, the audit trail the id
            staff_id=officer,
        )
        return {"status": str(target)}

    def mark_issued(self, application_id: str, attempt: int) -> dict[str, Any]:
        """APPROVED -> ISSUED once the card record and its digital ID exist."""
        record = self._current(application_id, attempt)
        if record.status is ApplicationStatus.APPROVED:
            self._transition(record, ApplicationStatus.ISSUED, kind="CARD_ISSUED")
        return {"status": str(ApplicationStatus.ISSUED)}

    def record_failure(self, application_id: str, attempt: int, error: str) -> dict[str, Any]:
        """The Catch of every step: no application is left in VERIFYING when the chain breaks."""
        try:
            record = self._current(application_id, attempt)
        except StaleAttempt:
            return {"status": "stale"}
        if record.status in (
            ApplicationStatus.PROCESSING_ERROR,
            ApplicationStatus.ISSUED,
            ApplicationStatus.REJECTED,
        ):
            return {"status": str(record.status)}
        # Only the error name: a cause can quote personal data.
        self._transition(
            record,
            ApplicationStatus.PROCESSING_ERROR,
            kind="PROCESSING_FAILED",
            reasons=[reason("PROCESSING_FAILED")],
            detail=error[:80],
        )
        return {"status": str(ApplicationStatus.PROCESSING_ERROR)}
