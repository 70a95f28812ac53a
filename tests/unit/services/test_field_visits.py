"""Field verification of domicile (issue 20 item 4), attacks first: an officer of another district can neither list
nor record, a resident cannot record their own visit, a replayed or forged token does not move the chain, an
answer recorded twice is refused (409 code) and never overwritten; then the journeys the answers start."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from PIL import Image

from ektp.domain.access import Principal
from ektp.domain.decision import ALWAYS_REQUIRED, Stage, decide
from ektp.domain.field_visits import photo_key_prefix
from ektp.domain.reasons import http_status, reason
from ektp.domain.records import ApplicationRecord, StageResult
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.services.chain import ChainService, FieldVisitSetup
from ektp.services.field_visits import FieldVisitService
from ektp.services.review import ReviewService
from tests.support.fakes import (
    InMemoryFieldVisitStore,
    InMemoryRepository,
    InMemoryStore,
    RecordingWorkflow,
)
from tests.unit.services.test_chain import submitted

NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
DISTRICT = "31.71.01"  # the applicants' district (tests/support/applicants.py)
OFFICER = Principal(subject="officer-1", roles=frozenset({"officer"}), district=DISTRICT)
OFFICER_ELSEWHERE = Principal(subject="officer-2", roles=frozenset({"officer"}), district="32.73.01")
RESIDENT = Principal(subject="alice", roles=frozenset({"resident"}))
NOTE = "Rumah ditemukan, pemohon ada di tempat dan dikenal oleh ketua RT."


def image(kind: str = "JPEG", size: tuple[int, int] = (160, 120)) -> bytes:
    picture = Image.effect_noise(size, 40).convert("RGB")  # noise: no codec squeezes it below 1 KB
    buffer = io.BytesIO()
    picture.save(buffer, format=kind)
    return buffer.getvalue()


@dataclass
class World:
    chain: ChainService
    repo: InMemoryRepository
    visits: InMemoryFieldVisitStore
    uploads: InMemoryStore
    workflow: RecordingWorkflow
    app_id: str

    @property
    def record(self) -> ApplicationRecord:
        record = self.repo.get(self.app_id)
        assert record is not None
        return record

    def service(self) -> FieldVisitService:
        return FieldVisitService(self.repo, self.uploads, self.visits, self.workflow, clock=lambda: NOW)

    def photo(self, who: Principal = OFFICER, data: bytes | None = None) -> str:
        """The officer's upload: the presigned POST's key, then the bytes the phone sends to it."""
        upload = self.service().photo_upload(who, self.app_id, "image/jpeg")
        self.uploads.put(upload.key, image() if data is None else data, "image/jpeg")
        return upload.key

    def answer(self, outcome: str, who: Principal = OFFICER, photo: bool = True) -> object:
        key = self.photo() if photo else None
        return self.service().record(who, self.app_id, outcome=outcome, note=NOTE, photo_key=key)  # type: ignore[arg-type]

    def stages(self) -> list[StageResult]:
        return [s for (a, n, _), s in self.repo.stages.items() if a == self.app_id and n == 1]


def domicile_in_doubt() -> list:
    """The domicile stage as check_domicile leaves it when the KK's village reads slightly differently."""
    return [reason("ADDRESS_MISMATCH", severity="warning", field="kk.village", measured=0.82)]


def world_waiting(token: str = "token-1") -> World:
    chain, repo, app_id = submitted()
    visits = InMemoryFieldVisitStore(repo)
    workflow = RecordingWorkflow()
    chain._field_visits = FieldVisitSetup(store=visits, workflow=workflow)  # type: ignore[attr-defined]
    w = World(chain, repo, visits, InMemoryStore(), workflow, app_id)
    chain.load(app_id, 1)
    chain.check_completeness(app_id, 1)
    for stage in set(ALWAYS_REQUIRED) - {Stage.COMPLETENESS}:
        reasons = domicile_in_doubt() if stage == Stage.DOMICILE else []
        outcome = "warn" if reasons else "pass"
        repo.save_stage(app_id, StageResult(stage=stage, attempt=1, outcome=outcome, reasons=reasons, at=NOW))
    assert chain.decide(app_id, 1).decision == "FIELD_VISIT"
    chain.request_field_visit(app_id, 1, token)
    assert w.record.status is ApplicationStatus.AWAITING_FIELD_VERIFICATION
    return w


# --- the decision asks for a visit only when a visit can settle the doubt ---------------------------------------
def _stage(stage: str, *reasons: object) -> StageResult:
    listed = list(reasons)
    return StageResult(stage=stage, attempt=1, outcome="warn" if listed else "pass", reasons=listed, at=NOW)  # type: ignore[arg-type]


def test_a_domicile_doubt_asks_for_a_visit_and_other_doubts_do_not() -> None:
    kk_differs = reason("ADDRESS_MISMATCH", severity="warning", field="kk.rt")
    move_unclear = reason("SKPWNI_MISMATCH", severity="warning", field="skpwni.destination_village")
    assert decide([_stage("domicile", kk_differs)]).decision == "FIELD_VISIT"
    assert decide([_stage("domicile", move_unclear)]).decision == "FIELD_VISIT"
    # A clear conflict is a document to correct (REJECT), a registry doubt an officer's (REVIEW), and a domicile
    # doubt beside another doubt goes to an officer, who can still send the case to a visit.
    conflict = reason("ADDRESS_MISMATCH", field="kk.village")
    assert decide([_stage("domicile", conflict)]).decision == "REJECT"
    assert decide([_stage("personal_data", kk_differs)]).decision == "REVIEW"
    other = reason("DATA_DIFFERS_FROM_REGISTRY", severity="warning")
    assert decide([_stage("domicile", kk_differs), _stage("personal_data", other)]).decision == "REVIEW"
    assert decide([_stage("domicile", reason("REGION_UNKNOWN", severity="warning"))]).decision == "REVIEW"


def test_a_confirmed_visit_settles_the_domicile_doubt_and_nothing_else() -> None:
    doubt = reason("ADDRESS_MISMATCH", severity="warning", field="kk.village")
    visit = StageResult(
        stage="field_visit", attempt=1, outcome="pass", details={"outcome": "CONFIRMED"}, at=NOW
    )
    assert decide([_stage("domicile", doubt), visit]).decision == "APPROVE"
    other = reason("DATA_DIFFERS_FROM_REGISTRY", severity="warning")
    assert decide([_stage("domicile", doubt), _stage("personal_data", other), visit]).decision == "REVIEW"
    unreachable = visit.model_copy(update={"details": {"outcome": "UNREACHABLE"}})
    assert decide([_stage("domicile", doubt), unreachable]).decision == "FIELD_VISIT"


# --- attacks ---------------------------------------------------------------------------------------------------
def test_an_officer_of_another_district_can_neither_list_nor_record() -> None:
    w = world_waiting()
    assert [v.registration_number for v in w.service().open_visits(OFFICER)] == [w.app_id]
    assert w.service().open_visits(OFFICER_ELSEWHERE) == []
    with pytest.raises(ServiceError) as refused:
        w.service().photo_upload(OFFICER_ELSEWHERE, w.app_id, "image/jpeg")
    assert refused.value.code == "APPLICATION_NOT_FOUND"
    with pytest.raises(ServiceError) as refused:
        w.service().record(OFFICER_ELSEWHERE, w.app_id, outcome="CONFIRMED", note=NOTE, photo_key=None)
    assert refused.value.code == "APPLICATION_NOT_FOUND"
    assert w.visits.outcomes == {} and w.record.status is ApplicationStatus.AWAITING_FIELD_VERIFICATION


def test_a_resident_cannot_record_their_own_visit() -> None:
    w = world_waiting()
    key = w.photo()
    for who in (RESIDENT, Principal(subject="alice", roles=frozenset({"resident"}), district=DISTRICT)):
        with pytest.raises(ServiceError) as refused:
            w.service().record(who, w.app_id, outcome="CONFIRMED", note=NOTE, photo_key=key)
        assert refused.value.code == "FORBIDDEN"
        with pytest.raises(ServiceError):
            w.service().open_visits(who)
    assert w.visits.outcomes == {} and "token:token-1" not in w.workflow.started


def test_a_forged_or_replayed_token_does_not_move_the_chain() -> None:
    w = world_waiting()
    # Someone resumes the wait with no answer on record (a forged token, or a replay): the chain waits again.
    assert w.chain.record_field_visit(w.app_id, 1).next == "waiting"
    assert w.record.status is ApplicationStatus.AWAITING_FIELD_VERIFICATION
    assert not any(s.stage == "field_visit" for s in w.stages())
    w.answer("UNREACHABLE", photo=False)
    assert w.chain.record_field_visit(w.app_id, 1).next == "revisit"
    w.chain.request_field_visit(w.app_id, 1, "token-2")  # the second visit is open
    # The first answer's token replayed: the open round has no answer, nothing moves.
    assert w.chain.record_field_visit(w.app_id, 1).next == "waiting"
    assert w.visits.get_task(w.app_id, 1).visit_round == 2  # type: ignore[union-attr]
    assert w.record.status is ApplicationStatus.AWAITING_FIELD_VERIFICATION


def test_an_answer_recorded_twice_is_refused_and_never_overwritten() -> None:
    w = world_waiting()
    w.answer("CONFIRMED")
    first = w.visits.get_outcome(w.app_id, 1, 1)
    with pytest.raises(ServiceError) as refused:
        w.answer("LIVES_ELSEWHERE")
    assert refused.value.code == "FIELD_VISIT_ALREADY_RECORDED"
    assert http_status(refused.value.code) == 409
    assert w.visits.get_outcome(w.app_id, 1, 1) == first
    # Two officers answering at once (both read the open task): one wins, the other is refused.
    w2 = world_waiting()
    task = w2.visits.get_task(w2.app_id, 1)
    assert task is not None
    w2.answer("CONFIRMED")
    from ektp.domain.field_visits import FieldVisitRecord
    from ektp.ports import FieldVisitRefused

    late = FieldVisitRecord(
        application_id=w2.app_id, attempt=1, visit_round=1, outcome="NOT_FOUND", note=NOTE,
        officer_id="officer-9", recorded_at=NOW,
    )  # fmt: skip
    with pytest.raises(FieldVisitRefused):
        w2.visits.record_outcome(task, late, w2.repo.events[w2.app_id][-1])


def test_the_token_output_carries_the_application_id_only() -> None:
    w = world_waiting()
    w.answer("CONFIRMED")
    assert w.workflow.started["token:token-1"] == {"application_id": w.app_id}


def test_a_photo_that_is_not_an_image_or_not_this_visits_is_refused() -> None:
    w = world_waiting()
    pdf = b"%PDF-1.7\n" + b"x" * 4096
    for key in (w.photo(data=pdf), w.photo(data=b"\xff\xd8\xff" + b"\x00" * 10)):
        with pytest.raises(ServiceError) as refused:
            w.service().record(OFFICER, w.app_id, outcome="CONFIRMED", note=NOTE, photo_key=key)
        assert refused.value.code == "FIELD_VISIT_PHOTO_INVALID"
    # A real image, but at another key (another application's photo, the resident's uploads).
    w.uploads.put("uploads/elsewhere/photo.jpg", image(), "image/jpeg")
    elsewhere = photo_key_prefix("OTHER", 1, 1) + "x"
    w.uploads.put(elsewhere, image(), "image/jpeg")
    for key in ("uploads/elsewhere/photo.jpg", elsewhere, photo_key_prefix(w.app_id, 1, 1) + "../x"):
        with pytest.raises(ServiceError) as refused:
            w.service().record(OFFICER, w.app_id, outcome="CONFIRMED", note=NOTE, photo_key=key)
        assert refused.value.code == "FIELD_VISIT_PHOTO_INVALID"
    with pytest.raises(ServiceError) as refused:
        w.service().photo_upload(OFFICER, w.app_id, "application/pdf")
    assert refused.value.code == "FIELD_VISIT_PHOTO_INVALID"
    assert w.visits.outcomes == {}


@pytest.mark.parametrize(
    ("outcome", "photo", "note", "code"),
    [
        ("CONFIRMED", False, NOTE, "FIELD_VISIT_PHOTO_REQUIRED"),
        ("LIVES_ELSEWHERE", False, NOTE, "FIELD_VISIT_PHOTO_REQUIRED"),
        ("NOT_FOUND", False, "", "FIELD_VISIT_NOTE_REQUIRED"),
        ("UNREACHABLE", False, "   short  ", "FIELD_VISIT_NOTE_REQUIRED"),
        ("MAYBE", False, NOTE, "FIELD_VISIT_OUTCOME_INVALID"),
    ],
)
def test_each_answer_needs_its_note_and_photo(outcome: str, photo: bool, note: str, code: str) -> None:
    w = world_waiting()
    key = w.photo() if photo else None
    with pytest.raises(ServiceError) as refused:
        w.service().record(OFFICER, w.app_id, outcome=outcome, note=note, photo_key=key)  # type: ignore[arg-type]
    assert refused.value.code == code


def test_the_list_shows_what_the_visit_needs_and_no_nik() -> None:
    w = world_waiting()
    (visit,) = w.service().open_visits(OFFICER)
    applicant = w.record.applicant
    assert (visit.full_name, visit.address, visit.rt, visit.rw) == (
        applicant.full_name,
        applicant.address,
        applicant.rt,
        applicant.rw,
    )
    assert visit.village and visit.district and not visit.village[0].isdigit()
    shown = " ".join(str(v) for v in vars(visit).values())
    assert applicant.nik not in shown and applicant.kk_number not in shown and applicant.phone not in shown


# --- the journeys -----------------------------------------------------------------------------------------------
def test_confirmed_the_chain_goes_on_as_if_the_domicile_passed() -> None:
    w = world_waiting()
    w.answer("CONFIRMED")
    assert w.service().open_visits(OFFICER) == []  # off the list once answered
    assert w.chain.record_field_visit(w.app_id, 1).next == "continue"
    assert w.record.status is ApplicationStatus.VERIFYING
    assert w.chain.decide(w.app_id, 1).decision == "APPROVE"
    w.chain.record_decision(w.app_id, 1)
    assert w.record.status is ApplicationStatus.APPROVED
    assert w.chain.record_field_visit(w.app_id, 1).next == "continue"  # a retried step changes nothing


@pytest.mark.parametrize(
    ("outcome", "code"),
    [("LIVES_ELSEWHERE", "FIELD_VISIT_LIVES_ELSEWHERE"), ("NOT_FOUND", "FIELD_VISIT_ADDRESS_NOT_FOUND")],
)
def test_not_living_there_is_rejected_with_a_reason_the_resident_can_fix(outcome: str, code: str) -> None:
    w = world_waiting()
    w.answer(outcome, photo=outcome == "LIVES_ELSEWHERE")
    assert w.chain.record_field_visit(w.app_id, 1).next == "reject"
    assert w.record.status is ApplicationStatus.REJECTED
    assert [r.code for r in w.record.reasons] == [code]
    assert w.record.reasons[0].message_id and w.record.reasons[0].message_en


def test_unreachable_is_visited_once_more_then_an_officer_reviews() -> None:
    w = world_waiting()
    w.answer("UNREACHABLE", photo=False)
    assert w.chain.record_field_visit(w.app_id, 1).next == "revisit"
    w.chain.request_field_visit(w.app_id, 1, "token-2")
    (visit,) = w.service().open_visits(OFFICER)
    assert visit.visit_round == 2
    w.answer("UNREACHABLE", photo=False)
    assert w.workflow.started["token:token-2"] == {"application_id": w.app_id}
    assert w.chain.record_field_visit(w.app_id, 1).next == "review"
    w.chain.request_review(w.app_id, 1, "review-token")
    assert w.record.status is ApplicationStatus.IN_REVIEW
    assert "FIELD_VISIT_UNREACHABLE" in {r.code for r in w.record.warnings}


def test_an_officer_reviewing_a_case_can_send_it_to_a_visit() -> None:
    chain, repo, app_id = submitted()
    visits = InMemoryFieldVisitStore(repo)
    chain._field_visits = FieldVisitSetup(store=visits, workflow=RecordingWorkflow())  # type: ignore[attr-defined]
    chain.load(app_id, 1)
    chain.check_completeness(app_id, 1)
    for stage in set(ALWAYS_REQUIRED) - {Stage.COMPLETENESS}:
        repo.save_stage(app_id, StageResult(stage=stage, attempt=1, outcome="pass", at=NOW))
    repo.save_stage(app_id, _stage("personal_data", reason("DATA_DIFFERS_FROM_REGISTRY", severity="warning")))
    chain.request_review(app_id, 1, "review-token")
    workflow = RecordingWorkflow()
    review = ReviewService(repo, InMemoryStore(), workflow)
    with pytest.raises(ServiceError):  # another district's officer: as if the case did not exist
        review.decide(OFFICER_ELSEWHERE, app_id, "FIELD_VISIT", [])
    # The officer's choice resumes the review wait; reasons given with it are not the resident's to read.
    review.decide(OFFICER, app_id, "FIELD_VISIT", ["OFFICER_REJECTED"])
    assert workflow.started["token:review-token"] == {
        "decision": "FIELD_VISIT",
        "reasons": [],
        "officer": OFFICER.subject,
    }
    chain.request_field_visit(app_id, 1, "visit-token")
    record = repo.get(app_id)
    assert record is not None and record.status is ApplicationStatus.AWAITING_FIELD_VERIFICATION
    task = visits.get_task(app_id, 1)
    assert task is not None and task.requested_by == "officer" and task.state == "OPEN"


def test_an_answer_recorded_between_two_waits_resumes_the_next_wait() -> None:
    w = world_waiting()
    w.workflow.gone.add("token-1")  # the first wait timed out while the officer was on the way
    w.answer("CONFIRMED")
    assert w.chain.remind_field_visit(w.app_id, 1).reminded is False
    w.chain.request_field_visit(w.app_id, 1, "token-2")
    assert w.workflow.started["token:token-2"] == {"application_id": w.app_id}
    assert w.visits.get_task(w.app_id, 1).visit_round == 1  # type: ignore[union-attr]  # no second visit opened


def test_never_visited_in_time_reminds_the_district_then_goes_to_review() -> None:
    w = world_waiting()
    assert w.chain.remind_field_visit(w.app_id, 1).reminded is True
    assert w.chain.remind_field_visit(w.app_id, 1).reminded is True  # a retried step flags once
    (visit,) = w.service().open_visits(OFFICER)
    assert visit.overdue
    overdue = [e for e in w.repo.events[w.app_id] if e.kind == "FIELD_VISIT_OVERDUE"]
    assert len(overdue) == 1
    assert w.chain.field_visit_missed(w.app_id, 1).next == "review"
    assert w.service().open_visits(OFFICER) == []
    with pytest.raises(ServiceError) as refused:
        w.answer("CONFIRMED")
    assert refused.value.code == "FIELD_VISIT_ALREADY_RECORDED"
    w.chain.request_review(w.app_id, 1, "review-token")
    assert w.record.status is ApplicationStatus.IN_REVIEW
    assert "FIELD_VISIT_OVERDUE" in {r.code for r in w.record.warnings}
