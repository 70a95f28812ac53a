"""The verification chain's steps. Each Step Functions task calls one method with ids only, and every step
is idempotent: Step Functions may run a task twice (retry after a timeout), and a re-run must not change
the outcome or write twice."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ektp.domain import claims, verification
from ektp.domain.application import DocumentType
from ektp.domain.appointments import needs_recording
from ektp.domain.decision import DATA_STAGES, Decision, decide, required_stages
from ektp.domain.disclosure import for_resident, officer_role
from ektp.domain.field_visits import (
    MAX_ROUNDS,
    REJECTION_CODE,
    FieldVisitRecord,
    FieldVisitTask,
    Requester,
    next_step,
)
from ektp.domain.reasons import Reason, reason
from ektp.domain.records import (
    ApplicationRecord,
    DocumentRecord,
    StageResult,
    TimelineEvent,
    latest_documents,
    stage_outcome,
)
from ektp.domain.stages import Stage
from ektp.domain.status import ApplicationStatus, DocumentStatus, check_transition
from ektp.domain.validation import validate_applicant
from ektp.issuance.notifications import StatusChangedDetail
from ektp.ports import (
    ApplicationRepository,
    ConflictError,
    FieldVisitStore,
    PopulationRegistry,
    RecordingStore,
    TaskGone,
    Workflow,
)
from ektp.services.applications import ApplicationService
from ektp.services.clock import today_jakarta, utcnow
from ektp.services.step_results import (
    Captured,
    Decided,
    Escalated,
    Loaded,
    OfficerTasked,
    RecordingPlanned,
    Reminded,
    ReviewQueued,
    StageOutcome,
    StatusSet,
    VisitNext,
    VisitWaiting,
    Waiting,
)


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


@dataclass(frozen=True)
class RecordingSetup:
    """The biometric-recording wait (services/appointments.py, services/capture.py): where bookings, captures and
    the task token live, whether the NIK has trusted biometrics on file, the workflow that a capture made between
    two waits resumes, and whether the deployment asks for a recording at all."""

    store: RecordingStore
    trusted_on_file: Callable[[str], bool]
    workflow: Workflow | None = None
    required: bool = True


@dataclass(frozen=True)
class FieldVisitSetup:
    """The field-verification wait (services/field_visits.py): where visit tasks, answers and the task token live,
    and the workflow that an answer recorded between two waits resumes."""

    store: FieldVisitStore
    workflow: Workflow | None = None


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
        recording: RecordingSetup | None = None,
        field_visits: FieldVisitSetup | None = None,
    ) -> None:
        self._field_visits = field_visits
        self._repo = repository
        self._completeness = completeness
        self._liveness_required_for = liveness_required_for
        self._recording = recording
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
        recording: RecordingSetup | None = None,
        field_visits: FieldVisitSetup | None = None,
    ) -> ChainService:
        def completeness(record: ApplicationRecord) -> list[Reason]:
            return applications.missing_documents(record, repository.list_documents(record.application_id))

        return cls(
            repository,
            completeness=completeness,
            registry=registry,
            publish=publish,
            liveness_required_for=liveness_required_for,
            recording=recording,
            field_visits=field_visits,
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
    def load(self, application_id: str, attempt: int) -> Loaded:
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
        return Loaded(application_type=str(record.application_type))

    def check_completeness(self, application_id: str, attempt: int) -> StageOutcome:
        """Documents still complete and accepted, and the form's rules re-run on the stored data."""
        record = self._current(application_id, attempt)
        errors, warnings = validate_applicant(record.applicant, self._today())
        result = self._record_stage(
            record, Stage.COMPLETENESS, self._completeness(record) + errors + warnings
        )
        return StageOutcome(outcome=result.outcome)

    def _accepted(self, application_id: str) -> dict[DocumentType, DocumentRecord]:
        latest = latest_documents(self._repo.list_documents(application_id))
        return {t: d for t, d in latest.items() if d.status is DocumentStatus.ACCEPTED}

    @staticmethod
    def _fields(document: DocumentRecord | None) -> dict[str, Any] | None:
        fields: dict[str, Any] = dict(document.extracted.fields) if document else {}
        if document is not None and document.extracted.text:
            fields[claims.TEXT_KEY] = list(document.extracted.text)  # for claim checks (domain.claims)
        return fields or None

    @staticmethod
    def _members(document: DocumentRecord | None) -> list[dict[str, Any]]:
        return [dict(row) for row in document.extracted.members] if document else []

    def _save_check(
        self, record: ApplicationRecord, stage: str, result: verification.CheckResult
    ) -> StageOutcome:
        saved = self._record_stage(
            record, stage, result.reasons, comparisons=[c.model_dump(mode="json") for c in result.comparisons]
        )
        return StageOutcome(outcome=saved.outcome)

    def check_personal_data(self, application_id: str, attempt: int) -> StageOutcome:
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
        return self._save_check(record, Stage.PERSONAL_DATA, result)

    def check_domicile(self, application_id: str, attempt: int) -> StageOutcome:
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
        return self._save_check(record, Stage.DOMICILE, result)

    def check_documents(self, application_id: str, attempt: int) -> StageOutcome:
        """Stage 4: the applicant is a member of the KK uploaded, under the KK number declared."""
        record = self._current(application_id, attempt)
        kk = self._accepted(application_id).get(DocumentType.KK)
        result = verification.check_documents(record.applicant, self._fields(kk), self._members(kk))
        return self._save_check(record, Stage.DOCUMENTS, result)

    def check_duplicates(self, application_id: str, attempt: int) -> StageOutcome:
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
        return self._save_check(record, Stage.DUPLICATES, result)

    def decide(self, application_id: str, attempt: int) -> Decided:
        record = self._current(application_id, attempt)
        decision = self._decision_of(application_id, attempt)
        self._record_stage(record, Stage.DECISION, [], decision=decision.decision, rule=decision.rule)
        return Decided(decision=decision.decision)

    def _decision_of(self, application_id: str, attempt: int) -> Decision:
        view = self._repo.view(application_id)
        stages = [
            s for s in (view.stages if view else []) if s.attempt == attempt and s.stage != Stage.DECISION
        ]
        # The face stage records whether the NIK holds a card: then liveness is required whatever the type.
        holds_card = any(s.stage == Stage.FACE_MATCH and s.details.get("holds_card") for s in stages)
        # An application that waited for an officer's capture must have its trusted finger compared.
        recorded = any(s.stage == Stage.RECORDING and s.details.get("needed") for s in stages)
        required = (
            required_stages(
                view.application.application_type,
                self._liveness_required_for,
                holds_card=holds_card,
                recorded=recorded,
            )
            if view
            else ()
        )
        return decide(stages, required=required)

    def record_decision(self, application_id: str, attempt: int) -> StatusSet:
        """APPROVE or REJECT from the rules table (the automatic path)."""
        record = self._current(application_id, attempt)
        decision = self._decision_of(application_id, attempt)
        target = ApplicationStatus.APPROVED if decision.decision == "APPROVE" else ApplicationStatus.REJECTED
        if record.status is target:
            return StatusSet(status=str(target))  # retried task
        self._transition(
            record,
            target,
            kind="DECIDED",
            reasons=for_resident(decision.reasons),  # the officer keeps the scores in the stage details
            decision=decision.decision,
            detail=decision.rule,
        )
        return StatusSet(status=str(target))

    def escalate_review(self, application_id: str, attempt: int) -> Escalated:
        """The officer's time ran out: record it, flag the case for the district's supervisor."""
        record = self._current(application_id, attempt)
        if any(w.code == "REVIEW_TIMEOUT" for w in record.warnings):
            return Escalated()  # a retried task
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
        return Escalated()

    def request_review(
        self, application_id: str, attempt: int, task_token: str, *, escalated: bool = False
    ) -> ReviewQueued:
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
        return ReviewQueued()

    def record_review_outcome(
        self, application_id: str, attempt: int, decision: str, reason_codes: list[str], officer: str
    ) -> StatusSet:
        record = self._current(application_id, attempt)
        target = ApplicationStatus.APPROVED if decision == "APPROVE" else ApplicationStatus.REJECTED
        if record.status is target:
            return StatusSet(status=str(target))
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
        return StatusSet(status=str(target))

    def mark_issued(self, application_id: str, attempt: int) -> StatusSet:
        """APPROVED -> ISSUED once the card record and its digital ID exist."""
        record = self._current(application_id, attempt)
        if record.status is ApplicationStatus.APPROVED:
            self._transition(record, ApplicationStatus.ISSUED, kind="CARD_ISSUED")
        return StatusSet(status=str(ApplicationStatus.ISSUED))

    def record_failure(self, application_id: str, attempt: int, error: str) -> StatusSet:
        """The Catch of every step: no application is left in VERIFYING when the chain breaks."""
        try:
            record = self._current(application_id, attempt)
        except StaleAttempt:
            return StatusSet(status="stale")
        if record.status in (
            ApplicationStatus.PROCESSING_ERROR,
            ApplicationStatus.ISSUED,
            ApplicationStatus.REJECTED,
        ):
            return StatusSet(status=str(record.status))
        # Only the error name: a cause can quote personal data.
        self._transition(
            record,
            ApplicationStatus.PROCESSING_ERROR,
            kind="PROCESSING_FAILED",
            reasons=[reason("PROCESSING_FAILED")],
            detail=error[:80],
        )
        return StatusSet(status=str(ApplicationStatus.PROCESSING_ERROR))

    # --- biometric recording (perekaman): the wait for an officer's capture ------------------------------------
    def _recording_setup(self) -> RecordingSetup:
        if self._recording is None:
            raise RuntimeError("the recording steps need a RecordingSetup")
        return self._recording

    def plan_recording(self, application_id: str, attempt: int) -> RecordingPlanned:
        """Whether the chain waits for an officer's capture before the biometric stage: the data and documents
        passed (or only need an officer) and the NIK has no trusted biometrics on file."""
        record = self._current(application_id, attempt)
        view = self._repo.view(application_id)
        data = [s for s in (view.stages if view else []) if s.attempt == attempt and s.stage in DATA_STAGES]
        setup = self._recording
        trusted = setup.trusted_on_file(record.applicant.nik) if setup is not None else False
        needed = needs_recording(
            policy_on=setup is not None and setup.required,
            data_rejected=decide(data).decision == "REJECT",
            trusted_on_file=trusted,
        )
        self._record_stage(record, Stage.RECORDING, [], needed=needed, trusted_on_file=trusted)
        return RecordingPlanned(needed=needed)

    def request_recording(self, application_id: str, attempt: int, task_token: str) -> Waiting:
        """Keep the task token for the officer's capture and tell the resident to book (the first wait)."""
        setup = self._recording_setup()
        record = self._current(application_id, attempt)
        setup.store.put_recording_token(application_id, attempt, task_token)
        if record.status is ApplicationStatus.VERIFYING:
            record = self._transition(
                record,
                ApplicationStatus.AWAITING_BIOMETRIC_RECORDING,
                kind="RECORDING_REQUESTED",
                reasons=[reason("BIOMETRIC_RECORDING_REQUIRED", severity="warning")],
            )
        elif record.status is not ApplicationStatus.AWAITING_BIOMETRIC_RECORDING:
            raise StaleAttempt(f"application is {record.status}, not waiting for a recording")
        if setup.workflow is not None and setup.store.get_capture(application_id, attempt) is not None:
            # Captured while no wait was open (its token had timed out): go on at once.
            with suppress(TaskGone):
                setup.workflow.send_task_success(task_token, {"captured": True})
        return Waiting()

    def _since_submission(self, application_id: str) -> list[TimelineEvent]:
        view = self._repo.view(application_id)
        events = view.events if view else []
        submitted = max((i for i, e in enumerate(events) if e.kind == "SUBMITTED"), default=-1)
        return events[submitted + 1 :]

    def _notify_waiting(self, record: ApplicationRecord, code: str) -> None:
        """A message about the wait, through the notifier: the same status, the reason code says what to do."""
        if self._publish is None:
            return
        status = str(record.status)
        self._publish(
            StatusChangedDetail(
                registration_number=record.application_id,
                status=status,
                previous_status=status,
                attempt=record.attempt,
                at=self._clock(),
                reason_codes=[code],
            )
        )

    def remind_recording(self, application_id: str, attempt: int) -> Reminded:
        """The first wait timed out: remind the resident once (a retried step sends nothing twice)."""
        setup = self._recording_setup()
        record = self._current(application_id, attempt)
        if setup.store.get_capture(application_id, attempt) is not None:
            return Reminded(reminded=False)
        if any(e.kind == "RECORDING_REMINDED" for e in self._since_submission(application_id)):
            return Reminded(reminded=True)
        self._repo.add_event(
            application_id,
            TimelineEvent(
                at=self._clock(),
                kind="RECORDING_REMINDED",
                actor="system",
                status=record.status,
                reasons=["BIOMETRIC_RECORDING_REMINDER"],
            ),
        )
        self._notify_waiting(record, "BIOMETRIC_RECORDING_REMINDER")
        return Reminded(reminded=True)

    def recording_officer_task(self, application_id: str, attempt: int) -> OfficerTasked:
        """The reminder went unanswered: an officer task for the district (contact the resident, arrange a visit);
        the case carries BIOMETRIC_RECORDING_OVERDUE for the officers, and the resident is told."""
        setup = self._recording_setup()
        record = self._current(application_id, attempt)
        if setup.store.get_capture(application_id, attempt) is not None:
            return OfficerTasked(task=False)
        if any(w.code == "BIOMETRIC_RECORDING_OVERDUE" for w in record.warnings):
            return OfficerTasked(task=True)  # a retried step
        now = self._clock()
        overdue = reason("BIOMETRIC_RECORDING_OVERDUE", severity="warning")
        event = TimelineEvent(
            at=now,
            kind="RECORDING_OFFICER_TASK",
            actor="system",
            status=record.status,
            detail=officer_role(record.district_code),
            reasons=[overdue.code],
        )
        saved = self._repo.save(
            record.model_copy(update={"warnings": [*record.warnings, overdue], "updated_at": now}),
            record.version,
            event,
            expected_status=ApplicationStatus.AWAITING_BIOMETRIC_RECORDING,
        )
        self._notify_waiting(saved, overdue.code)
        return OfficerTasked(task=True)

    def record_recording(self, application_id: str, attempt: int) -> Captured:
        """The wait was resumed: go on only if an officer's capture for this attempt is on record. A resume with a
        replayed or forged token finds none and changes nothing (the chain waits again)."""
        setup = self._recording_setup()
        record = self._current(application_id, attempt)
        captured = setup.store.get_capture(application_id, attempt) is not None
        if not captured:
            return Captured(captured=False)
        if record.status is ApplicationStatus.AWAITING_BIOMETRIC_RECORDING:
            self._transition(record, ApplicationStatus.VERIFYING, kind="RECORDING_COMPLETED", reasons=[])
        return Captured(captured=True)

    def recording_missed(self, application_id: str, attempt: int) -> Captured:
        """Every wait timed out: REJECTED with a reason the resident acts on (submit again, book again); the
        booked place is given back. A capture that landed at the last moment still counts."""
        setup = self._recording_setup()
        if setup.store.get_capture(application_id, attempt) is not None:
            return self.record_recording(application_id, attempt)
        record = self._current(application_id, attempt)
        booking = setup.store.get_booking(application_id)
        if booking is not None and booking.active:
            setup.store.cancel(
                booking.model_copy(update={"status": "CANCELLED", "updated_at": self._clock()}), booking
            )
        if record.status is ApplicationStatus.AWAITING_BIOMETRIC_RECORDING:
            self._transition(
                record,
                ApplicationStatus.REJECTED,
                kind="RECORDING_MISSED",
                reasons=[reason("BIOMETRIC_RECORDING_MISSED")],
                decision="REJECT",
            )
        return Captured(captured=False)

    # --- field verification of domicile (verifikasi lapangan): the wait for an officer's visit -------------------
    def _visit_setup(self) -> FieldVisitSetup:
        if self._field_visits is None:
            raise RuntimeError("the field-visit steps need a FieldVisitSetup")
        return self._field_visits

    def _open_visit(
        self, record: ApplicationRecord, task: FieldVisitTask | None
    ) -> tuple[FieldVisitTask, bool]:
        """The visit this wait is for, and whether an answer (or the end of the visits) waits to be acted on."""
        store = self._visit_setup().store
        requested_by: Requester = "officer" if record.status is ApplicationStatus.IN_REVIEW else "decision"
        acted_on = task is not None and task.state != "OPEN" and task.acted_round >= task.visit_round
        if task is None or (acted_on and task.visit_round < MAX_ROUNDS):
            # The first visit, or one more after the chain acted on the last answer (unreachable, or an officer
            # reviewing the case asked again).
            opened = FieldVisitTask(
                application_id=record.application_id,
                attempt=record.attempt,
                district_code=record.district_code,
                visit_round=task.visit_round + 1 if task else 1,
                requested_by=requested_by,
                requested_at=self._clock(),
                acted_round=task.acted_round if task else 0,
            )
            return store.put_task(opened, task), False
        return task, task.state != "OPEN"

    def request_field_visit(self, application_id: str, attempt: int, task_token: str) -> VisitWaiting:
        """Keep the task token for the officer's answer, open the district's visit task, tell the resident that an
        officer will visit (nothing more). An answer recorded while no wait was open resumes the chain at once."""
        setup = self._visit_setup()
        record = self._current(application_id, attempt)
        setup.store.put_visit_token(application_id, attempt, task_token)
        if record.status not in (
            ApplicationStatus.VERIFYING,
            ApplicationStatus.IN_REVIEW,
            ApplicationStatus.AWAITING_FIELD_VERIFICATION,
        ):
            raise StaleAttempt(f"application is {record.status}, not waiting for a field visit")
        task, ready = self._open_visit(record, setup.store.get_task(application_id, attempt))
        if record.status is not ApplicationStatus.AWAITING_FIELD_VERIFICATION:
            self._transition(
                record,
                ApplicationStatus.AWAITING_FIELD_VERIFICATION,
                kind="FIELD_VISIT_REQUESTED",
                reasons=[reason("FIELD_VERIFICATION_REQUIRED", severity="warning")],
                detail=officer_role(record.district_code),
            )
        if ready and setup.workflow is not None:
            with suppress(TaskGone):
                setup.workflow.send_task_success(task_token, {"application_id": application_id})
        return VisitWaiting(round=task.visit_round)

    def remind_field_visit(self, application_id: str, attempt: int) -> Reminded:
        """The first wait timed out: the open visit is flagged overdue on the district's list and on the audit
        trail (the supervisor's reminder). The resident has nothing to do and is told nothing new."""
        store = self._visit_setup().store
        record = self._current(application_id, attempt)
        task = store.get_task(application_id, attempt)
        if task is None or task.state != "OPEN":
            return Reminded(reminded=False)  # answered meanwhile: the next wait goes on at once
        if task.overdue:
            return Reminded(reminded=True)  # a retried step
        store.put_task(task.model_copy(update={"overdue": True}), task)
        self._repo.add_event(
            application_id,
            TimelineEvent(
                at=self._clock(),
                kind="FIELD_VISIT_OVERDUE",
                actor="system",
                status=record.status,
                detail=officer_role(record.district_code),
                reasons=["FIELD_VISIT_OVERDUE"],
            ),
        )
        return Reminded(reminded=True)

    def field_visit_missed(self, application_id: str, attempt: int) -> VisitNext:
        """Every wait timed out: the visit is closed and an officer reviews the case (FIELD_VISIT_OVERDUE on the
        field-visit stage). An answer that landed at the last moment still counts."""
        store = self._visit_setup().store
        task = store.get_task(application_id, attempt)
        if task is not None and task.state == "DONE":
            return self.record_field_visit(application_id, attempt)
        record = self._current(application_id, attempt)
        if task is not None and task.state == "OPEN":
            store.put_task(task.model_copy(update={"state": "CLOSED", "acted_round": task.visit_round}), task)
        self._record_stage(
            record,
            Stage.FIELD_VISIT,
            [reason("FIELD_VISIT_OVERDUE", severity="warning")],
            outcome="OVERDUE",
            round=task.visit_round if task else 0,
        )
        return VisitNext(next="review")

    def record_field_visit(self, application_id: str, attempt: int) -> VisitNext:
        """The wait was resumed: act only on an answer on record for the open round. A resume with a replayed or
        forged token finds none and changes nothing (the chain waits again)."""
        store = self._visit_setup().store
        record = self._current(application_id, attempt)
        task = store.get_task(application_id, attempt)
        if task is None or task.state == "OPEN":
            return VisitNext(next="waiting")
        if task.state == "CLOSED":
            return VisitNext(next="review")
        answer = store.get_outcome(application_id, attempt, task.visit_round)
        if answer is None:
            return VisitNext(next="waiting")
        step = next_step(answer.outcome, task.visit_round)
        if task.acted_round < task.visit_round:  # a retried step acts once
            self._act_on_visit(record, answer, step)
            store.put_task(task.model_copy(update={"acted_round": task.visit_round}), task)
        return VisitNext(next=step)

    def _act_on_visit(self, record: ApplicationRecord, answer: FieldVisitRecord, step: str) -> None:
        details = {"outcome": answer.outcome, "round": answer.visit_round}
        if step == "continue":  # the resident lives there: the chain decides again as if the domicile passed
            self._record_stage(record, Stage.FIELD_VISIT, [], **details)
            if record.status is ApplicationStatus.AWAITING_FIELD_VERIFICATION:
                self._transition(
                    record, ApplicationStatus.VERIFYING, kind="FIELD_VISIT_CONFIRMED", reasons=[]
                )
        elif step == "reject":
            rejected = [reason(REJECTION_CODE[answer.outcome], field="applicant.address")]
            self._record_stage(record, Stage.FIELD_VISIT, rejected, **details)
            if record.status is ApplicationStatus.AWAITING_FIELD_VERIFICATION:
                self._transition(
                    record,
                    ApplicationStatus.REJECTED,
                    kind="FIELD_VISIT_REJECTED",
                    reasons=rejected,
                    decision="REJECT",
                    detail=officer_role(record.district_code),
                )
        else:  # unreachable: visited again, or (the last round) an officer reviews the case
            unreachable = [reason("FIELD_VISIT_UNREACHABLE", severity="warning")]
            self._record_stage(record, Stage.FIELD_VISIT, unreachable, **details)
            self._repo.add_event(
                record.application_id,
                TimelineEvent(
                    at=self._clock(),
                    kind="FIELD_VISIT_RESCHEDULED" if step == "revisit" else "FIELD_VISIT_TO_REVIEW",
                    actor="system",
                    status=record.status,
                    reasons=["FIELD_VISIT_UNREACHABLE"],
                ),
            )
