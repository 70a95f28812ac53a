"""An application waiting for its biometric recording, on the in-memory fakes: the chain run to its wait."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from ektp.domain.access import Principal
from ektp.domain.appointments import Office
from ektp.domain.decision import DATA_STAGES
from ektp.domain.records import ApplicationRecord, StageResult
from ektp.domain.registration_number import new_registration_number, parse_registration_number
from ektp.domain.status import ApplicationStatus
from ektp.issuance.notifications import StatusChangedDetail
from ektp.services.appointments import AppointmentService
from ektp.services.capture import CaptureService
from ektp.services.chain import ChainService, RecordingSetup
from tests.support.fakes import InMemoryRecordingStore, InMemoryRepository, InMemoryStore, RecordingWorkflow
from tests.unit.services.test_chain import submitted

# Monday 7 December 2026, 08:00 WIB: the offices of Jakarta open; a slot the next day is bookable.
NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
TUESDAY_0800_WIB = datetime(2026, 12, 8, 1, 0, tzinfo=UTC)
TUESDAY_0830_WIB = datetime(2026, 12, 8, 1, 30, tzinfo=UTC)
DISTRICT = "31.71.01"  # the applicants' district (tests/support/applicants.py)
OFFICE = Office(office_id="KEC-31.71.01", district_code=DISTRICT, name="Kantor Kecamatan Gambir", capacity=4)
OTHER_DISTRICT_OFFICE = Office(office_id="KEC-32.73.01", district_code="32.73.01", name="Kecamatan Sukasari")
OFFICER = Principal(subject="officer-1", roles=frozenset({"officer"}), district=DISTRICT)
OFFICER_ELSEWHERE = Principal(subject="officer-2", roles=frozenset({"officer"}), district="32.73.01")


@dataclass
class World:
    chain: ChainService
    repo: InMemoryRepository
    recordings: InMemoryRecordingStore
    uploads: InMemoryStore
    workflow: RecordingWorkflow
    app_id: str
    trusted: set[str] = field(default_factory=set)  # NIKs with trusted biometrics on file
    published: list[StatusChangedDetail] = field(default_factory=list)

    @property
    def record(self) -> ApplicationRecord:
        record = self.repo.get(self.app_id)
        assert record is not None
        return record

    def appointments(
        self, offices: tuple[Office, ...] = (OFFICE, OTHER_DISTRICT_OFFICE)
    ) -> AppointmentService:
        return AppointmentService(
            self.repo, self.recordings, offices=offices, publish=self.published.append, clock=lambda: NOW
        )

    def capture_service(self) -> CaptureService:
        return CaptureService(self.repo, self.uploads, self.recordings, self.workflow, clock=lambda: NOW)

    def run_to_plan(self, app_id: str | None = None, attempt: int = 1) -> bool:
        """Load, completeness, the data stages as passes, then the recording plan: whether it waits."""
        app_id = app_id or self.app_id
        self.chain.load(app_id, attempt)
        self.chain.check_completeness(app_id, attempt)
        for stage in DATA_STAGES:
            if (app_id, attempt, stage) not in self.repo.stages:
                self.repo.save_stage(
                    app_id, StageResult(stage=stage, attempt=attempt, outcome="pass", at=datetime.now(UTC))
                )
        return bool(self.chain.plan_recording(app_id, attempt).needed)

    def wait(self, app_id: str | None = None, token: str = "token-1") -> None:
        app_id = app_id or self.app_id
        assert self.run_to_plan(app_id)
        self.chain.request_recording(app_id, 1, token)

    def another_waiting_application(self, owner: str) -> str:
        """A copy of the world's application under a new number and owner, waiting for its recording."""
        number = parse_registration_number(new_registration_number())
        assert number is not None
        self.repo.applications[number] = self.record.model_copy(
            update={
                "application_id": number,
                "owner": owner,
                "status": ApplicationStatus.AWAITING_BIOMETRIC_RECORDING,
            }
        )
        return number


def world(*, required: bool = True, **overrides: object) -> World:
    chain, repo, app_id = submitted(**overrides)
    recordings = InMemoryRecordingStore(repo)
    workflow = RecordingWorkflow()
    trusted: set[str] = set()
    published: list[StatusChangedDetail] = []
    chain._recording = RecordingSetup(  # type: ignore[attr-defined]
        store=recordings, trusted_on_file=trusted.__contains__, workflow=workflow, required=required
    )
    chain._publish = published.append  # type: ignore[attr-defined]
    return World(chain, repo, recordings, InMemoryStore(), workflow, app_id, trusted, published)
