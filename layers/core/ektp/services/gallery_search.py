"""The national 1:N face search, batched: one pass over each gallery shard serves many applications.

Reading a 1M-template shard from S3 costs far more than comparing probes with it, so searching shard by
shard for each application alone (~280 shard reads per application at 280M residents) would dominate the
cost of the whole system (docs/cost-model.md). Instead:

1. the chain sends `{application_id, attempt, task_token}` to the gallery-search queue and waits
   (Step Functions `.waitForTaskToken`);
2. `GallerySearchBatcher.start_sweep` (the SQS consumer, batches of up to 500 within a 5-minute window)
   writes the batch to the biometrics bucket and starts one sweep execution for it;
3. the sweep state machine plans the shards, searches every shard for all the batch's probes at once
   (a Map state, one Lambda per shard) and finishes: per application it merges the shards' candidates with
   the other probes of the same batch (two pending applications with one face), re-scores the top K with the
   second face model (SFace, where the probe and the candidate have its template: `rescore`), records the
   `face_duplicates` stage, and resumes that application's chain with its task token.
A failed sweep fails every waiting task, whose chain retries the search and, after that, records the failure.

The applicant's own NIK is searched like any other: its rows in the gallery, and another open application on it
in the same batch, must show this face (else ENROLLED_FACE_MISMATCH for an officer); only the other NIKs can be
duplicates. The search is candidate generation (ektp.biometrics.candidates): the top CANDIDATE_TOP_K other
identities per probe, with their scores, go to the officer's case file; in a small gallery the face decides at its
threshold, in a large one trusted fingerprints on both sides confirm or clear a face candidate and an officer
compares the photos of what they do not settle (the outcomes: ektp.domain.decision.GALLERY_OUTCOMES). A
resident's own fingerprint upload is never used. Candidates, their NIKs and scores go to the stage record only:
the Step Functions history and the logs see counts.

Sweep files (`sweeps/<batch>/...`, SSE-KMS, expired by a lifecycle rule after a day) hold probes and NIKs:
biometric data, never written anywhere else, never logged.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any, Final

import numpy as np
from pydantic import BaseModel, ConfigDict

from ektp.biometrics.candidates import (
    CANDIDATE_TOP_K,
    FaceEvidence,
    by_fused_score,
    classify,
    to_compare_by_finger,
)
from ektp.biometrics.face import embedding_from_bytes
from ektp.biometrics.fingerprint import FusedCandidate, NbisFingerprintEngine, template_from_bytes
from ektp.biometrics.gallery import (
    Candidate,
    merge_candidates,
    plan_shards,
    same_nik_reasons,
    search_shard_batch,
    search_within_batch,
)
from ektp.biometrics.scores import fused_z_array
from ektp.domain.reasons import Reason
from ektp.domain.records import StageResult, stage_outcome
from ektp.domain.stages import Stage
from ektp.ports import ApplicationRepository, DocumentStore, ManifestStore, TaskGone, Workflow
from ektp.services.biometrics import (
    enrolled_finger_trusted,
    enrolled_fingerprint_key,
    enrolled_sface_key,
    fingerprint_key,
    probe_finger_trusted,
    sface_template_key,
    template_key,
)
from ektp.services.clock import utcnow
from ektp.services.gallery_batching import SEARCH_FAILED, SearchRequest, result_name, sweep_key
from ektp.services.step_results import ShardSearched, SweepFailed, SweepFinished, SweepPlanned, SweepShard

# Enrolled SFace templates read at once by FinishSweep: botocore's default connection pool (more threads would
# queue). Read one by one, B probes x K candidates x 2 requests (~10 ms each) would not fit the function's 60 s.
SFACE_READ_THREADS: Final = 10


class SweepProbe(BaseModel):
    model_config = ConfigDict(frozen=True)

    application_id: str
    attempt: int
    nik: str
    task_token: str


class SweepPlan(BaseModel):
    """What the plan step fixed: the probes (rows of probes.npy, in order) and the shards to search."""

    probes: list[SweepProbe]
    unsearchable: list[SearchRequest]  # stale attempts or no template: answered without a search
    shards: list[SweepShard]
    gallery_size: int = (
        0  # templates in the manifest searched: small or large gallery (candidates.regime_for)
    )


class GallerySearchService:
    """The sweep's steps (run in the biometrics function): plan, search one shard, finish, fail."""

    def __init__(
        self,
        repository: ApplicationRepository,
        vault: DocumentStore,
        manifests: ManifestStore,
        workflow: Workflow,
        *,
        fingerprints: Callable[[], NbisFingerprintEngine] | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._repo = repository
        self._vault = vault
        self._manifests = manifests
        self._workflow = workflow
        self._fingerprints = fingerprints
        self._clock = clock

    def _requests(self, batch_id: str) -> list[SearchRequest]:
        raw = json.loads(self._vault.read(sweep_key(batch_id, "batch.json")))
        return [SearchRequest.model_validate(r) for r in raw]

    def _plan(self, batch_id: str) -> SweepPlan:
        return SweepPlan.model_validate_json(self._vault.read(sweep_key(batch_id, "plan.json")))

    def _probes(self, batch_id: str) -> np.ndarray[Any, np.dtype[np.float32]]:
        loaded = np.load(io.BytesIO(self._vault.read(sweep_key(batch_id, "probes.npy"))), allow_pickle=False)
        return np.asarray(loaded, dtype=np.float32)

    # --- the sweep's steps ------------------------------------------------------------------------------
    def plan_sweep(self, batch_id: str) -> SweepPlanned:
        """Fix the probes and the gallery version for the whole sweep; the Map state's items are the shards."""
        probes: list[SweepProbe] = []
        vectors: list[np.ndarray[Any, np.dtype[np.float32]]] = []
        unsearchable: list[SearchRequest] = []
        seen: set[tuple[str, int]] = set()
        for request in self._requests(batch_id):
            record = self._repo.get(request.application_id)
            template = template_key(request.application_id, request.attempt)
            if (request.application_id, request.attempt) in seen:
                unsearchable.append(request)  # a duplicated message: answered once the first is
                continue
            if record is None or record.attempt != request.attempt or self._vault.head(template) is None:
                unsearchable.append(request)
                continue
            seen.add((request.application_id, request.attempt))
            probes.append(
                SweepProbe(
                    application_id=request.application_id,
                    attempt=request.attempt,
                    nik=record.applicant.nik,
                    task_token=request.task_token,
                )
            )
            vectors.append(embedding_from_bytes(self._vault.read(template)))
        manifest, _ = self._manifests.load()
        shards = [SweepShard(key=t.key, count=t.count) for t in plan_shards(manifest)] if probes else []
        matrix = np.vstack(vectors).astype(np.float32) if vectors else np.empty((0, 0), np.float32)
        buf = io.BytesIO()
        np.save(buf, matrix, allow_pickle=False)
        self._vault.put(sweep_key(batch_id, "probes.npy"), buf.getvalue(), "application/octet-stream")
        plan = SweepPlan(probes=probes, unsearchable=unsearchable, shards=shards, gallery_size=manifest.total)
        self._vault.put(sweep_key(batch_id, "plan.json"), plan.model_dump_json().encode(), "application/json")
        return SweepPlanned(batch_id=batch_id, probes=len(probes), shards=shards)

    def search_shard(self, batch_id: str, shard_key: str) -> ShardSearched:
        # The applicant's own NIK is not excluded: its face on record is evidence (finish_sweep sets it apart),
        # and one more row per probe keeps room for it beside the other identities.
        found = search_shard_batch(
            self._vault.read(shard_key), self._probes(batch_id), top_k=CANDIDATE_TOP_K + 1
        )
        # The stored shard key travels with each candidate, so the officer can trace the version searched.
        body = json.dumps([[c.model_dump() for c in lst] for lst in found]).encode()
        self._vault.put(sweep_key(batch_id, result_name(shard_key)), body, "application/json")
        return ShardSearched(candidates=sum(len(lst) for lst in found))

    def finish_sweep(self, batch_id: str) -> SweepFinished:
        """Per application: merge, record the stage, resume its chain. Safe to run twice."""
        plan = self._plan(batch_id)
        per_probe: list[list[list[Candidate]]] = [[] for _ in plan.probes]
        for shard in plan.shards:
            lists = json.loads(self._vault.read(sweep_key(batch_id, result_name(shard.key))))
            for i, candidates in enumerate(lists):
                per_probe[i].append([Candidate.model_validate(c) for c in candidates])
        pending = search_within_batch(
            [p.nik for p in plan.probes], self._probes(batch_id), top_k=CANDIDATE_TOP_K + 1
        )
        resumed = gone = duplicates = 0
        owns: list[list[Candidate]] = []
        merges: list[list[Candidate]] = []
        for i, probe in enumerate(plan.probes):
            lists = [*per_probe[i], pending[i]]
            # The NIK's own hits are kept apart, unmerged: one matching row must not hide another that does not.
            owns.append([c for found in lists for c in found if c.id == probe.nik])
            merges.append(
                merge_candidates(
                    [[c for c in found if c.id != probe.nik] for found in lists], top_k=CANDIDATE_TOP_K
                )
            )
        # Each NIK's SFace template once for the whole batch (a face may be a candidate of several probes).
        sface = self._enrolled_sface(c.id for merged in merges for c in merged)
        for probe, own, merged in zip(plan.probes, owns, merges, strict=True):
            reasons, fused = self._duplicates(probe, merged, plan.gallery_size, sface)
            own_reasons, seen = same_nik_reasons(own)
            reasons += own_reasons
            if seen:
                fused["same_nik"] = seen
            duplicates += bool(reasons)
            record = self._repo.get(probe.application_id)
            if record is not None and record.attempt == probe.attempt:
                self._repo.save_stage(
                    probe.application_id,
                    StageResult(
                        stage=Stage.FACE_DUPLICATES,
                        attempt=probe.attempt,
                        outcome=stage_outcome(reasons),
                        reasons=reasons,
                        at=self._clock(),
                        details={
                            "shards": len(plan.shards),
                            "batch": batch_id,
                            "batch_size": len(plan.probes),
                            **fused,
                        },
                    ),
                )
            ok = self._resume(probe.task_token, {"duplicates": len(reasons)})
            resumed, gone = resumed + ok, gone + (not ok)
        for request in plan.unsearchable:
            ok = self._resume(request.task_token, {"duplicates": 0, "searched": False})
            resumed, gone = resumed + ok, gone + (not ok)
        return SweepFinished(probes=len(plan.probes), with_duplicates=duplicates, resumed=resumed, gone=gone)

    def _duplicates(
        self, probe: SweepProbe, merged: list[Candidate], gallery_size: int, sface: dict[str, bytes]
    ) -> tuple[list[Reason], dict[str, Any]]:
        """Other identities with this face: every candidate with its outcome (ektp.biometrics.candidates). Only
        trusted fingerprint captures (officer or registered device) on both sides confirm or clear a candidate;
        a resident's own upload is never used: it could be any finger, chosen to clear a flag."""
        faces = self._face_evidence(probe, merged, sface)
        merged = by_fused_score(merged, faces)
        with_finger, details = self._fused(probe, merged, faces)
        reasons, search = classify(merged, gallery_size, {c.id: c for c in with_finger}, faces)
        return reasons, {
            **details,
            "search": search.model_dump(exclude={"candidates"}),
            "candidates": [c.model_dump() for c in search.candidates],
        }

    def _face_evidence(
        self, probe: SweepProbe, merged: list[Candidate], sface: dict[str, bytes]
    ) -> dict[str, FaceEvidence]:
        """The SFace re-scoring of the dlib scan's top K (docs/scale.md: scan one model, re-score with the other):
        the candidates whose enrolled SFace template exists (`sface`, by NIK); none when the probe has none."""
        probe_key = sface_template_key(probe.application_id, probe.attempt)
        if not merged or self._vault.head(probe_key) is None:
            return {}
        return rescore(self._vault.read(probe_key), merged, sface)

    def _enrolled_sface(self, niks: Iterable[str]) -> dict[str, bytes]:
        """The enrolled SFace templates of these NIKs, those that have one, read in parallel (SFACE_READ_THREADS)."""

        def one(nik: str) -> tuple[str, bytes | None]:
            key = enrolled_sface_key(nik)
            return nik, None if self._vault.head(key) is None else self._vault.read(key)

        unique = sorted(set(niks))
        if not unique:
            return {}
        with ThreadPoolExecutor(max_workers=SFACE_READ_THREADS) as pool:
            return {nik: data for nik, data in pool.map(one, unique) if data is not None}

    def _fused(
        self, probe: SweepProbe, merged: list[Candidate], faces: dict[str, FaceEvidence]
    ) -> tuple[list[FusedCandidate], dict[str, Any]]:
        finger = fingerprint_key(probe.application_id, probe.attempt)
        if self._fingerprints is None or not merged or self._vault.head(finger) is None:
            return [], {}
        if not probe_finger_trusted(self._vault, probe.application_id, probe.attempt):
            return [], {"fingerprint": "untrusted-capture-not-used"}
        compared = to_compare_by_finger(merged, faces)
        enrolled = {
            c.id: template_from_bytes(self._vault.read(enrolled_fingerprint_key(c.id)))
            for c in compared
            if enrolled_finger_trusted(self._vault, c.id)
        }
        if not enrolled:
            return [], {}
        fused = self._fingerprints().identify(
            template_from_bytes(self._vault.read(finger)), compared, enrolled
        )
        with_finger = [c for c in fused if c.finger_score is not None]
        return with_finger, {"fused": [c.model_dump() for c in with_finger[:5]]}

    def fail_sweep(self, batch_id: str) -> SweepFailed:
        """The sweep failed: every waiting chain learns it now (and retries) instead of timing out."""
        failed = 0
        for request in self._requests(batch_id):
            try:
                self._workflow.send_task_failure(
                    request.task_token, SEARCH_FAILED, "the batched 1:N search failed"
                )
                failed += 1
            except TaskGone:
                pass
        return SweepFailed(failed=failed)

    def _resume(self, token: str, output: dict[str, Any]) -> bool:
        try:
            self._workflow.send_task_success(token, output)
        except TaskGone:
            return False  # that chain was stopped or timed out meanwhile; its retry brings a new token
        return True


def rescore(
    probe_sface: bytes, candidates: list[Candidate], enrolled_sface: dict[str, bytes]
) -> dict[str, FaceEvidence]:
    """SFace cosine and fused dlib+SFace score of each candidate with an enrolled SFace template, in one array
    operation. Templates are unit vectors; they are normalised again so a stored rounding never inflates a cosine."""
    ids = [c.id for c in candidates if c.id in enrolled_sface]
    if not ids:
        return {}
    probe = _unit(embedding_from_bytes(probe_sface))
    gallery = np.vstack([_unit(embedding_from_bytes(enrolled_sface[i])) for i in ids])
    if gallery.shape[1] != probe.shape[0]:
        raise ValueError("SFace templates of different lengths")
    cosines = gallery @ probe
    distances = {c.id: c.distance for c in candidates}
    fused = fused_z_array([distances[i] for i in ids], cosines)
    return {
        i: FaceEvidence(sface_cosine=round(float(cos), 4), face_fused=round(float(z), 4))
        for i, cos, z in zip(ids, cosines, fused, strict=True)
    }


def _unit(v: np.ndarray[Any, np.dtype[np.float32]]) -> np.ndarray[Any, np.dtype[np.float32]]:
    norm = float(np.linalg.norm(v))
    return v / np.float32(norm) if norm > 0 else v
