"""The district's field visits (verifikasi lapangan, issue 20 item 4): the open visits an officer of the district
sees (only what the visit needs: the name and the address), the visit photo's upload, and the answer that resumes
the verification chain.

Only an officer of the application's district, only while the application waits for its visit (as the capture
station, services/capture.py). The answer is written before the chain is resumed, and the chain's own step reads
it (services/chain.py record_field_visit), so a replayed or forged task token resumes nothing. The token's output
is the application id only: the note and the photo stay in the table, never in the execution history.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ektp.domain.access import Principal
from ektp.domain.appointments import CAPTURE_TYPES
from ektp.domain.disclosure import staff_role
from ektp.domain.duties import own_case_refusal
from ektp.domain.field_visits import (
    PHOTO_MAX_BYTES,
    PHOTO_MIN_BYTES,
    FieldVisitOutcome,
    FieldVisitRecord,
    FieldVisitTask,
    VisitPhoto,
    outcome_problem,
    photo_key_prefix,
)
from ektp.domain.filetypes import sniff_content_type
from ektp.domain.reasons import reason
from ektp.domain.records import ApplicationRecord, TimelineEvent
from ektp.domain.region import regions
from ektp.domain.registration_number import parse_registration_number
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.ports import (
    ApplicationRepository,
    DocumentStore,
    FieldVisitRefused,
    FieldVisitStore,
    PresignedPost,
    TaskGone,
    Workflow,
)
from ektp.services.clock import utcnow
from ektp.services.staff_reads import record_staff_reads

PHOTO_UPLOAD_SECONDS = 300


@dataclass(frozen=True)
class OpenVisit:
    """One visit as the officer's list shows it: where to go and whom to ask for; no NIK, no birth date."""

    registration_number: str
    visit_round: int
    requested_at: datetime
    overdue: bool
    full_name: str
    address: str
    rt: str
    rw: str
    village: str
    district: str


@dataclass(frozen=True)
class PhotoUpload:
    key: str
    post: PresignedPost


class FieldVisitService:
    def __init__(
        self,
        repository: ApplicationRepository,
        store: DocumentStore,
        visits: FieldVisitStore,
        workflow: Workflow,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._repo = repository
        self._store = store
        self._visits = visits
        self._workflow = workflow
        self._clock = clock

    @staticmethod
    def _district(officer: Principal) -> str:
        if not officer.has("officer") or not officer.district:
            raise ServiceError("FORBIDDEN")  # a resident, an operator without a district
        return officer.district

    # --- the district's list ---------------------------------------------------------------------------
    def open_visits(self, officer: Principal) -> list[OpenVisit]:
        district = self._district(officer)
        found = []
        for task in self._visits.open_for_district(district):
            record = self._repo.get(task.application_id)
            # The task names the district it was opened for; the record must still agree and still wait.
            if record is None or record.district_code != district or not self._waits(record, task):
                continue
            found.append(_open_visit(record, task))
        # Names and addresses shown: a read on each resident's audit trail (services/staff_reads.py).
        shown = [v.registration_number for v in found]
        record_staff_reads(self._repo, officer, shown, "FIELD_VISIT_LISTED", self._clock())
        return found

    @staticmethod
    def _waits(record: ApplicationRecord, task: FieldVisitTask) -> bool:
        return (
            record.status is ApplicationStatus.AWAITING_FIELD_VERIFICATION and record.attempt == task.attempt
        )

    def _open_case(self, officer: Principal, application_id: str) -> tuple[ApplicationRecord, FieldVisitTask]:
        district = self._district(officer)
        canonical = parse_registration_number(application_id)
        record = self._repo.get(canonical) if canonical else None
        if record is None or record.district_code != district:
            raise ServiceError("APPLICATION_NOT_FOUND")  # another district's: as if missing
        task = self._visits.get_task(record.application_id, record.attempt)
        if task is None or not self._waits(record, task):
            raise ServiceError("NOT_AWAITING_FIELD_VISIT")
        if task.state != "OPEN":
            raise ServiceError("FIELD_VISIT_ALREADY_RECORDED")
        # Confirming one's own (or one's family's) domicile settles the doubt by oneself (domain/duties.py).
        refusal = own_case_refusal(officer.nik, record, self._repo.list_documents(record.application_id))
        if refusal is not None:
            raise ServiceError(refusal)
        return record, task

    # --- the photo ---------------------------------------------------------------------------------------
    def photo_upload(self, officer: Principal, application_id: str, content_type: str) -> PhotoUpload:
        """A presigned POST for one photo of this visit (one key, one type, the size range)."""
        record, task = self._open_case(officer, application_id)
        if content_type not in CAPTURE_TYPES:
            raise ServiceError(
                "FIELD_VISIT_PHOTO_INVALID",
                [reason("FIELD_VISIT_PHOTO_INVALID", field="content_type", measured=content_type[:40])],
            )
        prefix = photo_key_prefix(record.application_id, record.attempt, task.visit_round)
        key = prefix + _officer_tag(officer) + "-" + secrets.token_hex(8)
        post = self._store.presign_post(key, content_type, PHOTO_MAX_BYTES, PHOTO_UPLOAD_SECONDS)
        return PhotoUpload(key=key, post=post)

    def _photo(
        self, record: ApplicationRecord, task: FieldVisitTask, key: str, officer: Principal
    ) -> VisitPhoto:
        """The uploaded photo, checked from its bytes (never the declared type) and pinned to the version read.
        Only the answering officer's own upload: a colleague's photo would be evidence the answer names no one
        for (the colleague chose it, the record says only who answered: domain/duties.py)."""
        prefix = photo_key_prefix(record.application_id, record.attempt, task.visit_round)
        own = key.startswith(prefix + _officer_tag(officer) + "-")
        head = self._store.head(key) if own and "/" not in key[len(prefix) :] else None
        if head is None:
            raise ServiceError(
                "FIELD_VISIT_PHOTO_INVALID", [reason("FIELD_VISIT_PHOTO_INVALID", field="photo_key")]
            )
        data = self._store.read(key, head.version_id)
        sniffed = sniff_content_type(data[:16])
        problem = (
            "size"
            if not PHOTO_MIN_BYTES <= len(data) <= PHOTO_MAX_BYTES
            else ("type" if sniffed not in CAPTURE_TYPES else None)
        )
        if problem is not None or sniffed is None:
            raise ServiceError(
                "FIELD_VISIT_PHOTO_INVALID",
                [reason("FIELD_VISIT_PHOTO_INVALID", field="photo_key", measured=problem)],
            )
        return VisitPhoto(
            key=key,
            version_id=head.version_id,
            sha256=hashlib.sha256(data).hexdigest(),
            content_type=sniffed,
            size=len(data),
        )

    # --- the answer --------------------------------------------------------------------------------------
    def record(
        self,
        officer: Principal,
        application_id: str,
        *,
        outcome: FieldVisitOutcome,
        note: str,
        photo_key: str | None,
    ) -> FieldVisitRecord:
        record, task = self._open_case(officer, application_id)
        problem = outcome_problem(outcome, note, photo_key is not None)
        if problem is not None:
            raise ServiceError(problem, [reason(problem, field="outcome")])
        photo = self._photo(record, task, photo_key, officer) if photo_key else None
        now = self._clock()
        answer = FieldVisitRecord(
            application_id=record.application_id,
            attempt=record.attempt,
            visit_round=task.visit_round,
            outcome=outcome,
            note=note.strip(),
            photo=photo,
            officer_id=officer.subject,
            recorded_at=now,
        )
        event = TimelineEvent(
            at=now,
            kind="FIELD_VISIT_RECORDED",
            actor="officer",
            status=record.status,
            detail=staff_role(officer),  # the resident sees the office; the audit trail the officer's id
            reasons=[],
            staff_id=officer.subject,
        )
        try:
            self._visits.record_outcome(task, answer, event)
        except FieldVisitRefused as exc:
            raise ServiceError(exc.code) from exc  # a second answer, or the chain moved on
        self._resume(record)
        return answer

    def _resume(self, record: ApplicationRecord) -> None:
        """Complete the chain's wait with the id only. No token, or one that expired: the answer stays on record
        and the chain's next wait finds it and goes on by itself."""
        token = self._visits.get_visit_token(record.application_id, record.attempt)
        if token is None:
            return
        try:
            self._workflow.send_task_success(token, {"application_id": record.application_id})
        except TaskGone:
            return


def _officer_tag(officer: Principal) -> str:
    """Who uploaded a visit photo, in its key: a digest of the officer's id (keys reach logs and links)."""
    return hashlib.sha256(officer.subject.encode()).hexdigest()[:12]


def _open_visit(record: ApplicationRecord, task: FieldVisitTask) -> OpenVisit:
    applicant = record.applicant
    return OpenVisit(
        registration_number=record.application_id,
        visit_round=task.visit_round,
        requested_at=task.requested_at,
        overdue=task.overdue,
        full_name=applicant.full_name,
        address=applicant.address,
        rt=applicant.rt,
        rw=applicant.rw,
        village=regions().name(applicant.village_code) or applicant.village_code,
        district=regions().name(applicant.district_code) or applicant.district_code,
    )
