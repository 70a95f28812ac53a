"""The maintenance sweep re-drives applications a system fault stopped (PROCESSING_ERROR): a bounded number of
times with a growing backoff, recorded on the application; then it stops, alerts an operator and tells the
resident so. An operator can re-drive one application by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ektp.domain.records import ApplicationRecord
from ektp.domain.status import NEXT_ACTION, ApplicationStatus
from ektp.services.applications import ApplicationService
from ektp.services.chain import ChainService
from ektp.services.maintenance import MaintenanceService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
BASE = timedelta(minutes=15)


class AgedRepository(InMemoryRepository):
    """The in-memory repository with the age index the sweep queries."""

    def older_than(self, status: ApplicationStatus, cutoff: str, limit: int = 500) -> list[ApplicationRecord]:
        found = [
            r for r in self.applications.values() if r.status is status and r.updated_at.isoformat() < cutoff
        ]
        return sorted(found, key=lambda r: r.updated_at)[:limit]

    def delete_application(self, application_id: str) -> int:
        return int(self.applications.pop(application_id, None) is not None)

    def record_purge(self, day: str, application_id: str, items: int, objects: int) -> None:
        pass


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def failed_application() -> tuple[MaintenanceService, AgedRepository, RecordingWorkflow, Clock, str]:
    """An application whose chain hit a fault: attempt 1, PROCESSING_ERROR at T0 (ChainService.record_failure)."""
    repo, workflow, clock = AgedRepository(), RecordingWorkflow(), Clock()
    applications = ApplicationService(repo, InMemoryStore(), workflow, clock=clock)
    app_id = applications.register("alice", application_request()).application_id
    record = repo.get(app_id)
    assert record is not None
    repo.save(record.model_copy(update={"status": ApplicationStatus.VERIFYING, "attempt": 1}), record.version)
    ChainService(repo, completeness=lambda _: [], clock=clock).record_failure(app_id, 1, "TransientStepError")
    service = MaintenanceService(
        repo, applications, InMemoryStore(), redrive_after=BASE, max_redrives=3, clock=clock
    )
    return service, repo, workflow, clock, app_id


def fail_again(repo: AgedRepository, clock: Clock, app_id: str) -> None:
    record = repo.get(app_id)
    assert record is not None
    repo.save(record.model_copy(update={"status": ApplicationStatus.VERIFYING}), record.version)
    ChainService(repo, completeness=lambda _: [], clock=clock).record_failure(
        app_id, record.attempt, "StepFailed"
    )


def current(repo: AgedRepository, app_id: str) -> ApplicationRecord:
    record = repo.get(app_id)
    assert record is not None
    return record


def test_a_failed_application_is_redriven_after_the_backoff_as_a_new_attempt_and_recorded() -> None:
    service, repo, workflow, clock, app_id = failed_application()
    clock.now = T0 + BASE - timedelta(seconds=1)
    assert (
        service.sweep_stuck().redriven == 0
        and current(repo, app_id).status is ApplicationStatus.PROCESSING_ERROR
    )
    clock.now = T0 + BASE
    report = service.sweep_stuck()
    record = current(repo, app_id)
    assert report.redriven == 1
    assert record.status is ApplicationStatus.SUBMITTED and record.attempt == 2 and record.redrives == 1
    assert record.reasons == [] and record.execution_arn == f"arn:execution:{app_id}-a2"
    assert workflow.started[f"{app_id}-a2"] == {"application_id": app_id, "attempt": 2}
    redriven = [e for e in repo.events[app_id] if e.kind == "REDRIVEN"]
    assert len(redriven) == 1 and redriven[0].actor == "system" and redriven[0].detail == "redrive 1 of 3"


def test_the_backoff_doubles_and_the_redrives_stop_at_the_bound_with_an_operator_alert() -> None:
    service, repo, workflow, clock, app_id = failed_application()
    failed_at = T0
    for n in (1, 2, 3):
        due = failed_at + BASE * 2 ** (n - 1)  # 15, 30, 60 minutes after each failure
        clock.now = due - timedelta(seconds=1)
        assert service.sweep_stuck().redriven == 0, n
        clock.now = due
        assert service.sweep_stuck().redriven == 1, n
        clock.now = failed_at = due + timedelta(minutes=1)
        fail_again(repo, clock, app_id)
    assert (
        current(repo, app_id).redrives == 3
        and len([n for n in workflow.started if n.startswith(app_id)]) == 3
    )
    clock.now = failed_at + timedelta(days=2)
    report = service.sweep_stuck()
    record = current(repo, app_id)
    assert report.redriven == 0 and report.need_operator == 1
    assert record.status is ApplicationStatus.PROCESSING_ERROR
    assert [r.code for r in record.reasons] == ["PROCESSING_NEEDS_OPERATOR"]
    assert record.reasons[0].message_id and record.reasons[0].message_en
    # The next sweeps keep counting it for the alarm, but write nothing more.
    version = record.version
    assert service.sweep_stuck().need_operator == 1 and current(repo, app_id).version == version
    assert len([e for e in repo.events[app_id] if e.kind == "REDRIVES_EXHAUSTED"]) == 1


def test_an_operator_redrives_one_application_past_the_bound() -> None:
    service, repo, workflow, clock, app_id = failed_application()
    repo.applications[app_id] = current(repo, app_id).model_copy(update={"redrives": 3})
    record = service.redrive(app_id, actor="operator")
    assert record is not None and record.status is ApplicationStatus.SUBMITTED and record.redrives == 4
    assert f"{app_id}-a2" in workflow.started
    assert [e.actor for e in repo.events[app_id] if e.kind == "REDRIVEN"] == ["operator"]
    assert (
        service.redrive(app_id, actor="operator") is None
    )  # not in PROCESSING_ERROR any more: nothing to do


def test_only_failed_applications_are_redriven() -> None:
    service, repo, workflow, clock, app_id = failed_application()
    repo.applications[app_id] = current(repo, app_id).model_copy(
        update={"status": ApplicationStatus.REJECTED}
    )
    clock.now = T0 + timedelta(days=1)
    assert service.sweep_stuck().redriven == 0 and not workflow.started


def test_the_resident_is_told_what_happens() -> None:
    service, repo, workflow, clock, app_id = failed_application()
    failed = current(repo, app_id).reasons[0]
    assert "otomatis" in failed.message_id and "automatically" in failed.message_en
    next_id, next_en = NEXT_ACTION[ApplicationStatus.PROCESSING_ERROR]
    assert "otomatis" in next_id and "automatically" in next_en and "operator" in next_en


def test_system_redrives_do_not_use_up_the_residents_submissions() -> None:
    """A re-drive is a new attempt, but not a submission: the per-application and per-account limits on
    submissions (domain/limits.py) count the resident's own."""
    from ektp.domain.limits import MAX_SUBMISSIONS_PER_APPLICATION, submission_refusal

    service, repo, workflow, clock, app_id = failed_application()
    record = current(repo, app_id).model_copy(
        update={
            "attempt": MAX_SUBMISSIONS_PER_APPLICATION - 1 + 3,
            "redrives": 3,
            "status": ApplicationStatus.REJECTED,
        }
    )
    assert submission_refusal(record, [record], clock()) is None  # 4 submissions of 5, 3 re-drives
    resident_only = record.model_copy(update={"attempt": MAX_SUBMISSIONS_PER_APPLICATION, "redrives": 0})
    assert submission_refusal(resident_only, [resident_only], clock()) == "SUBMISSION_LIMIT_REACHED"
