"""The batched 1:N sweep: many applications per pass over the shards, each answered exactly once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ektp.domain.application import DocumentType
from ektp.domain.status import DocumentStatus
from ektp.services.applications import ApplicationService
from ektp.services.biometrics import BiometricService
from ektp.services.gallery_batching import SEARCH_FAILED, GallerySearchBatcher, SearchRequest, batch_id_for
from ektp.services.gallery_search import GallerySearchService
from ektp.services.step_results import SweepFinished
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow
from tests.unit.services.test_biometrics import FakeEngine, MemoryManifests, enrol_someone

TODAY = date(2026, 11, 28)


class Batch:
    """Several submitted applications in one repository, each with a photo of the named face."""

    def __init__(self, faces: list[str]) -> None:
        self.repo, self.uploads, self.vault = InMemoryRepository(), InMemoryStore(), InMemoryStore()
        self.manifests = MemoryManifests()
        self.workflow = RecordingWorkflow()
        apps = ApplicationService(
            self.repo, self.uploads, RecordingWorkflow(), clock=lambda: datetime.now(UTC), today=lambda: TODAY
        )
        self.ids: list[str] = []
        for i, face in enumerate(faces):
            owner = f"resident-{i}"
            record = apps.register(owner, application_request(serial=i + 1))
            for doc_type in (
                DocumentType.KK,
                DocumentType.AKTA_KELAHIRAN,
                DocumentType.PHOTO,
                DocumentType.SELFIE,
            ):
                grant = apps.request_upload(owner, record.application_id, str(doc_type), "image/jpeg")
                key = (record.application_id, doc_type, grant.document.upload_id)
                self.repo.documents[key] = self.repo.documents[key].model_copy(
                    update={"status": DocumentStatus.ACCEPTED}
                )
                self.uploads.put(grant.document.object_key, face.encode(), "image/jpeg")
            apps.submit(owner, record.application_id)
            self.ids.append(record.application_id)
        self.faces = BiometricService(self.repo, self.uploads, self.vault, self.manifests, FakeEngine)
        self.search = GallerySearchService(self.repo, self.vault, self.manifests, self.workflow)
        self.sweeps = RecordingWorkflow()
        self.batcher = GallerySearchBatcher(self.vault, self.sweeps)

    def requests(self, ids: list[str] | None = None) -> list[SearchRequest]:
        return [SearchRequest(application_id=a, attempt=1, task_token=f"token-{a}") for a in ids or self.ids]

    def run(self, requests: list[SearchRequest]) -> str:
        for app_id in {r.application_id for r in requests}:
            self.faces.match_faces(app_id, 1)
        batch_id = self.batcher.start_sweep(requests)
        assert batch_id is not None
        for shard in self.search.plan_sweep(batch_id).shards:
            self.search.search_shard(batch_id, shard.key)
        self.search.finish_sweep(batch_id)
        return batch_id

    def duplicates(self, app_id: str) -> list[str]:
        view = self.repo.view(app_id)
        assert view is not None
        return [r.code for s in view.stages if s.stage == "face_duplicates" for r in s.reasons]


def test_one_sweep_answers_every_application_of_the_batch_once() -> None:
    batch = Batch(["alice", "bob", "carol"])
    for i, face in enumerate(("bob", "carol", "bob")):  # shard capacity 2: two shards
        enrol_someone(batch.vault, batch.manifests, f"31710101019000{i:02d}", face)
    batch_id = batch.run(batch.requests())
    assert batch.sweeps.started == {batch_id: {"batch_id": batch_id}}  # one execution for three applications
    answers = {k: v for k, v in batch.workflow.started.items() if k.startswith("token:")}
    assert answers == {
        f"token:token-{batch.ids[0]}": {"duplicates": 0},  # alice is not enrolled
        f"token:token-{batch.ids[1]}": {"duplicates": 1},  # bob is, under another NIK
        f"token:token-{batch.ids[2]}": {"duplicates": 1},
    }
    assert batch.duplicates(batch.ids[0]) == [] and batch.duplicates(batch.ids[1]) == ["FACE_DUPLICATE"]
    view = batch.repo.view(batch.ids[1])
    assert view is not None
    stage = next(s for s in view.stages if s.stage == "face_duplicates")
    assert stage.details["shards"] == 2 and stage.details["batch_size"] == 3
    # The other resident's NIK is for the officer's case file only, never a resident-facing reason.
    assert all("3171010101900" not in (r.message_en or "") for r in stage.reasons)


def test_two_pending_applications_with_one_face_are_both_held() -> None:
    batch = Batch(["alice", "alice", "bob"])  # nobody enrolled yet: only the batch can see it
    batch.run(batch.requests())
    assert batch.duplicates(batch.ids[0]) == ["FACE_DUPLICATE"]
    assert batch.duplicates(batch.ids[1]) == ["FACE_DUPLICATE"]
    assert batch.duplicates(batch.ids[2]) == []


def test_a_redelivered_batch_is_the_same_sweep_and_a_token_already_answered_is_ignored() -> None:
    batch = Batch(["alice", "bob"])
    requests = batch.requests()
    assert batch_id_for(requests) == batch_id_for(list(reversed(requests)))
    first = batch.run(requests)
    batch.workflow.gone = {r.task_token for r in requests}  # their chains moved on
    assert batch.run(requests) == first
    assert batch.search.finish_sweep(first) == SweepFinished(probes=2, with_duplicates=0, resumed=0, gone=2)


def test_a_stale_attempt_and_a_duplicated_message_are_answered_without_a_search() -> None:
    batch = Batch(["alice", "bob"])
    stale = SearchRequest(application_id=batch.ids[1], attempt=7, task_token="old-token")
    requests = [
        *batch.requests([batch.ids[0]]),
        batch.requests([batch.ids[0]])[0].model_copy(update={"task_token": "again"}),
        stale,
    ]
    batch_id = batch.run(requests)
    plan = batch.search._plan(batch_id)
    assert [p.application_id for p in plan.probes] == [batch.ids[0]]
    assert {r.task_token for r in plan.unsearchable} == {"again", "old-token"}
    assert batch.workflow.started["token:old-token"] == {"duplicates": 0, "searched": False}


def test_a_failed_sweep_fails_every_waiting_chain_so_it_retries() -> None:
    batch = Batch(["alice", "bob"])
    requests = batch.requests()
    batch_id = batch.batcher.start_sweep(requests)
    assert batch_id is not None
    batch.workflow.gone = {requests[1].task_token}
    assert batch.search.fail_sweep(batch_id).failed == 1
    assert batch.workflow.started[f"token:{requests[0].task_token}"] == {"error": SEARCH_FAILED}


def test_an_empty_batch_starts_nothing() -> None:
    batch = Batch([])
    assert batch.batcher.start_sweep([]) is None and batch.sweeps.started == {}
