"""1:N candidates at scale, and who may see them (issue 19 item 3), each attack performed first.

- A large gallery never decides on the face alone: a face candidate goes to an officer (FACE_CANDIDATE).
- The candidates (other residents' NIKs, scores, enrolled photos) reach the officer of the case's district only:
  not a resident (detail, export, the review routes), not an officer of another district, not the Step
  Functions history (what the sweep's steps return).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from ektp.biometrics import candidates as cand
from ektp.domain.access import Principal, allowed
from ektp.domain.records import StageResult
from ektp.errors import ServiceError
from ektp.services.issuance import card_photo_key
from ektp.services.review import ReviewService
from ektp.views import case_evidence, data_export, detail
from tests.support.fakes import InMemoryRepository, InMemoryStore
from tests.unit.services.test_biometrics import enrol_someone
from tests.unit.services.test_gallery_search import Batch
from tests.unit.services.test_review import ELSEWHERE, OFFICER, in_review

ENROLLED_NIK = "3171010101900077"


class Spy(InMemoryStore):
    """The uploads bucket, counting the links it signs."""

    def __init__(self) -> None:
        super().__init__()
        self.signed: list[str] = []

    def presign_get(self, key: str, expires_in: int, version_id: str | None = None) -> str:
        self.signed.append(key)
        return super().presign_get(key, expires_in, version_id)


@dataclass(frozen=True)
class Card:
    photo_key: str | None


class Cards:
    def __init__(self, holders: dict[str, str]) -> None:
        self._holders = holders  # NIK -> card id

    def current_for_nik(self, nik: str) -> tuple[Card, str] | None:
        card_id = self._holders.get(nik)
        return (Card(card_photo_key(card_id)), "credential") if card_id else None


def candidate_stage(attempt: int) -> StageResult:
    finding = {
        "rank": 1,
        "id": ENROLLED_NIK,
        "distance": 0.42,
        "score": 0.65,
        "finger": "not_compared",
        "finger_score": None,
        "fused": None,
        "outcome": "face_only",
        "officer_confirms": True,
    }
    return StageResult(
        stage="face_duplicates",
        attempt=attempt,
        outcome="fail",
        reasons=[],
        at=datetime(2026, 11, 28, tzinfo=UTC),
        details={"candidates": [finding]},
    )


def case_with_a_candidate() -> tuple[ReviewService, Spy, str, InMemoryRepository]:
    service, repo, workflow, app_id = in_review()
    record = repo.get(app_id)
    assert record is not None
    repo.save_stage(app_id, candidate_stage(record.attempt))
    uploads = Spy()
    cards = Cards({ENROLLED_NIK: "KTP-ENROLLED1"})
    return ReviewService(repo, uploads, workflow, cards=cards), uploads, app_id, repo


def test_a_large_gallery_sends_a_face_candidate_to_an_officer_and_keeps_the_top_k(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cand, "SMALL_GALLERY_MAX", 2)  # the test gallery (3 templates) counts as large
    batch = Batch(["bob", "alice"])
    for i, face in enumerate(("bob", "carol", "alice")):
        enrol_someone(batch.vault, batch.manifests, f"31710101019000{i:02d}", face)
    batch.run(batch.requests())
    assert batch.duplicates(batch.ids[0]) == ["FACE_CANDIDATE"]  # never FACE_DUPLICATE on the face alone
    view = batch.repo.view(batch.ids[0])
    assert view is not None
    stage = next(s for s in view.stages if s.stage == "face_duplicates")
    assert stage.details["search"]["regime"] == "large" and stage.details["search"]["gallery_size"] == 3
    found = stage.details["candidates"]
    # Every other identity within reach, nearest first, with scores: 3 enrolled + the other pending probe.
    assert len(found) == 4 and found[0]["id"] == "3171010101900000" and found[0]["officer_confirms"]
    assert [c["distance"] for c in found] == sorted(c["distance"] for c in found)


def test_the_sweeps_step_outputs_carry_no_candidate_nik_nor_score(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the steps return lands in the Step Functions execution history, readable by operators."""
    monkeypatch.setattr(cand, "SMALL_GALLERY_MAX", 1)  # one template: a large gallery
    batch = Batch(["bob"])
    enrol_someone(batch.vault, batch.manifests, ENROLLED_NIK, "bob")
    batch.faces.match_faces(batch.ids[0], 1)
    batch_id = batch.batcher.start_sweep(batch.requests())
    assert batch_id is not None
    outputs: list[object] = [(plan := batch.search.plan_sweep(batch_id)).payload()]
    outputs += [batch.search.search_shard(batch_id, s.key).payload() for s in plan.shards]
    outputs.append(batch.search.finish_sweep(batch_id).payload())
    outputs += [v for k, v in batch.workflow.started.items() if k.startswith("token:")]
    history = json.dumps(outputs)
    assert ENROLLED_NIK not in history and "distance" not in history and "score" not in history
    assert batch.duplicates(batch.ids[0]) == ["FACE_CANDIDATE"]


def test_the_officer_of_the_district_sees_each_candidates_enrolled_photo_beside_the_scores() -> None:
    service, uploads, app_id, repo = case_with_a_candidate()
    evidence = case_evidence(service.evidence(OFFICER, app_id))
    (shown,) = evidence.candidates
    assert shown.nik == ENROLLED_NIK and shown.score == 0.65 and shown.officer_confirms
    assert shown.photo_url is not None and card_photo_key("KTP-ENROLLED1") in shown.photo_url
    assert f"expires={300}" in shown.photo_url  # short-lived, like the documents' links
    assert uploads.signed.count(card_photo_key("KTP-ENROLLED1")) == 1


def test_an_officer_of_another_district_cannot_fetch_candidate_photos() -> None:
    service, uploads, app_id, repo = case_with_a_candidate()
    with pytest.raises(ServiceError, match="APPLICATION_NOT_FOUND"):
        service.evidence(ELSEWHERE, app_id)
    assert uploads.signed == []  # not one link signed, the card photo's or any other
    operator = Principal(subject="op-1", roles=frozenset({"operator"}), district="31.71.01")
    assert not allowed("GET /review/{registration_number}", operator)  # operators run, they do not review


def test_a_resident_never_sees_the_candidates() -> None:
    service, uploads, app_id, repo = case_with_a_candidate()
    resident = Principal(subject="resident-1", roles=frozenset({"resident"}))
    assert not allowed("GET /review/{registration_number}", resident)
    with pytest.raises(ServiceError):
        service.evidence(resident, app_id)  # no district: nothing to open, nothing signed
    assert uploads.signed == []
    view = repo.view(app_id)  # what the resident's own routes read
    assert view is not None
    shown = json.dumps(
        [
            detail(view).model_dump(mode="json"),
            data_export(view, datetime(2026, 11, 28, tzinfo=UTC), "r").model_dump(mode="json"),
        ]
    )
    assert ENROLLED_NIK not in shown and "KTP-ENROLLED1" not in shown and "0.65" not in shown
