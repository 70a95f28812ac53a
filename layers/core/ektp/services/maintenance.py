"""Scheduled maintenance: find applications stuck in the pipeline (and restart what can be restarted), and
purge drafts abandoned past the retention period, recording what was deleted (UU PDP: data is destroyed
when its purpose ends, and the destruction is itself recorded)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from ektp.domain.records import ApplicationRecord
from ektp.domain.status import ApplicationStatus
from ektp.services.applications import UPLOAD_PREFIX, ApplicationService
from ektp.services.clock import utcnow


class AgedApplications(Protocol):
    def older_than(self, status: ApplicationStatus, cutoff: str, limit: int = 500) -> list[ApplicationRecord]: ...

    def delete_application(self, application_id: str) -> int: ...

    def record_purge(self, day: str, application_id: str, items: int, objects: int) -> None: ...


class ObjectPurger(Protocol):
    def delete_prefix(self, prefix: str) -> int: ...


@dataclass
class SweepReport:
    stuck: dict[str, int] = field(default_factory=dict)
    restarted: int = 0
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
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._repo = repository
        self._applications = applications
        self._objects = objects
        self._stuck_after = stuck_after
        self._draft_retention = draft_retention
        self._clock = clock

    def sweep_stuck(self) -> SweepReport:
        """SUBMITTED or VERIFYING for longer than `stuck_after`: counted for the alarm; a SUBMITTED one whose
        chain never started is started now (the same deterministic execution name: never a second chain)."""
        report = SweepReport()
        cutoff = (self._clock() - self._stuck_after).isoformat()
        for status in (ApplicationStatus.SUBMITTED, ApplicationStatus.VERIFYING, ApplicationStatus.PROCESSING_ERROR):
            stuck = self._repo.older_than(status, cutoff)
            report.stuck[str(status)] = len(stuck)
            if status is ApplicationStatus.SUBMITTED:
                for record in stuck:
                    if record.execution_arn is None:
                        self._applications.restart_chain(record)
                        report.restarted += 1
        return report

    def purge_abandoned_drafts(self) -> SweepReport:
        report = SweepReport()
        now = self._clock()
        cutoff = (now - self._draft_retention).isoformat()
        for record in self._repo.older_than(ApplicationStatus.DRAFT, cutoff):
            objects = self._objects.delete_prefix(f"{UPLOAD_PREFIX}/{record.application_id}/")
            items = self._repo.delete_application(record.application_id)
            self._repo.record_purge(now.date().isoformat(), record.application_id, items, objects)
            report.purged += 1
        return report
