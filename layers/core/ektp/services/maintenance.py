"""Scheduled maintenance: find applications stuck in the pipeline (and restart what can be restarted),
re-drive applications a system fault stopped (a bounded number of times, with a growing backoff, then an
operator is alerted), and purge drafts abandoned past the retention period, recording what was deleted
(UU PDP: data is destroyed when its purpose ends, and the destruction is itself recorded)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ektp.domain.reasons import reason
from ektp.domain.records import ApplicationRecord, TimelineEvent
from ektp.domain.status import ApplicationStatus, check_transition
from ektp.ports import AgedApplications, ConflictError, ObjectPurger
from ektp.services.applications import UPLOAD_PREFIX, ApplicationService
from ektp.services.clock import utcnow
from ektp.services.document_checks import PROCESSED_PREFIX


@dataclass
class SweepReport:
    stuck: dict[str, int] = field(default_factory=dict)
    restarted: int = 0
    redriven: int = 0  # PROCESSING_ERROR applications started again this sweep
    need_operator: int = 0  # PROCESSING_ERROR applications past the last automatic re-drive (alarmed)
    purged: int = 0


class MaintenanceService:
    def __init__(
        self,
        repository: AgedApplications,
        applications: ApplicationService,
        objects: ObjectPurger,
        *,
        stuck_after: timedelta = timedelta(hours=1),
        draft_retention: timedelta = timedelta(days=180),
        redrive_after: timedelta = timedelta(minutes=15),
        max_redrives: int = 3,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._repo = repository
        self._applications = applications
        self._objects = objects
        self._stuck_after = stuck_after
        self._draft_retention = draft_retention
        self._redrive_after = redrive_after
        self._max_redrives = max_redrives
        self._clock = clock

    def sweep_stuck(self) -> SweepReport:
        """SUBMITTED or VERIFYING for longer than `stuck_after`: counted for the alarm; a SUBMITTED one whose
        chain never started is started now (the same deterministic execution name: never a second chain).
        PROCESSING_ERROR: re-driven when its backoff is over, or counted for the operator alarm."""
        report = SweepReport()
        cutoff = (self._clock() - self._stuck_after).isoformat()
        for status in (ApplicationStatus.SUBMITTED, ApplicationStatus.VERIFYING):
            stuck = self._repo.older_than(status, cutoff)
            report.stuck[str(status)] = len(stuck)
            if status is ApplicationStatus.SUBMITTED:
                for record in stuck:
                    if record.execution_arn is None:
                        self._applications.restart_chain(record)
                        report.restarted += 1
        self._redrive_failed(report)
        return report

    def redrive_due_at(self, record: ApplicationRecord) -> datetime:
        """The backoff doubles with each re-drive: 15, 30, 60 minutes after the failure (by default)."""
        return record.updated_at + self._redrive_after * (1 << record.redrives)

    def _redrive_failed(self, report: SweepReport) -> None:
        now = self._clock()
        for record in self._repo.older_than(ApplicationStatus.PROCESSING_ERROR, now.isoformat()):
            if record.redrives >= self._max_redrives:
                report.need_operator += 1
                self._tell_resident_an_operator_takes_over(record)
            elif now >= self.redrive_due_at(record) and self._redrive(record, "system") is not None:
                report.redriven += 1

    def redrive(self, application_id: str, *, actor: str = "operator") -> ApplicationRecord | None:
        """An operator's re-drive of one PROCESSING_ERROR application, past the automatic bound; None when it
        is not in PROCESSING_ERROR (already re-driven, or never failed)."""
        record = self._repo.get(application_id)
        if record is None or record.status is not ApplicationStatus.PROCESSING_ERROR:
            return None
        return self._redrive(record, actor)

    def _redrive(self, record: ApplicationRecord, actor: str) -> ApplicationRecord | None:
        """PROCESSING_ERROR -> SUBMITTED as a new attempt (a new execution name), then start its chain. A chain
        that fails to start leaves it SUBMITTED without an execution, which the next sweep starts."""
        check_transition(record.status, ApplicationStatus.SUBMITTED)
        now = self._clock()
        redrives = record.redrives + 1
        bound = f" of {self._max_redrives}" if actor == "system" else " (by an operator)"
        updated = record.as_new_attempt(now, redrives=redrives)
        event = TimelineEvent(
            at=now,
            kind="REDRIVEN",
            actor=actor,  # type: ignore[arg-type]
            status=ApplicationStatus.SUBMITTED,
            detail=f"redrive {redrives}{bound}",
        )
        try:
            saved = self._repo.save(
                updated, record.version, event, expected_status=ApplicationStatus.PROCESSING_ERROR
            )
        except ConflictError:
            return None  # another sweep or an operator got there first
        return self._applications.restart_chain(saved)

    def _tell_resident_an_operator_takes_over(self, record: ApplicationRecord) -> None:
        """Once: the resident's reason says an operator now has it, and the timeline records when."""
        if any(r.code == "PROCESSING_NEEDS_OPERATOR" for r in record.reasons):
            return
        updated = record.model_copy(update={"reasons": [reason("PROCESSING_NEEDS_OPERATOR")]})
        event = TimelineEvent(
            at=self._clock(),
            kind="REDRIVES_EXHAUSTED",
            actor="system",
            status=record.status,
            reasons=["PROCESSING_NEEDS_OPERATOR"],
            detail=f"{record.redrives} automatic redrives",
        )
        with suppress(
            ConflictError
        ):  # changed meanwhile (an operator re-drove it): the next sweep looks again
            self._repo.save(
                updated, record.version, event, expected_status=ApplicationStatus.PROCESSING_ERROR
            )

    def purge_abandoned_drafts(self) -> SweepReport:
        report = SweepReport()
        now = self._clock()
        cutoff = (now - self._draft_retention).isoformat()
        for record in self._repo.older_than(ApplicationStatus.DRAFT, cutoff):
            # The uploads and the normalized copies the checks made of them (processed/): nothing of it stays.
            objects = sum(
                self._objects.delete_prefix(f"{prefix}/{record.application_id}/")
                for prefix in (UPLOAD_PREFIX, PROCESSED_PREFIX)
            )
            items = self._repo.delete_application(record.application_id)
            self._repo.record_purge(now.date().isoformat(), record.application_id, items, objects)
            report.purged += 1
        return report
