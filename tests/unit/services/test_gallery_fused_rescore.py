"""Attack first: a dlib look-alike (a face dlib ranks close, SFace tells apart) in the 1:N search.

The scan ranks by dlib; the top K are re-scored with SFace (services.gallery_search.rescore) and the decision
uses the fused thresholds (ektp.biometrics.candidates, ektp.domain.decision.GALLERY_OUTCOMES).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ektp.biometrics import candidates as cand
from ektp.biometrics import config
from ektp.biometrics.face import embedding_to_bytes
from ektp.biometrics.gallery import Candidate, enrol
from ektp.services.biometrics import enrolled_sface_key, sface_template_key
from ektp.services.gallery_search import rescore
from tests.unit.services.test_biometrics import FACES
from tests.unit.services.test_gallery_search import Batch

RNG = np.random.default_rng(19)
MATE, LOOKALIKE, OLD = "3171010101900001", "3171010101900002", "3171010101900003"


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


def dlib_at(distance: float) -> np.ndarray:
    """A dlib template `distance` away from alice's (the probe's face)."""
    a = FACES["alice"]
    u = RNG.normal(size=128)
    u -= (u @ a) / (a @ a) * a  # orthogonal to alice, so the distance is exactly `distance`
    return (a + distance * _unit(u)).astype(np.float32)


def sface_at(probe: np.ndarray, cosine: float) -> np.ndarray:
    """A unit SFace template with the given cosine to `probe`."""
    u = RNG.normal(size=probe.size)
    u = _unit(u - (u @ probe) * probe)
    return _unit(cosine * probe + np.sqrt(1 - cosine**2) * u)


def search(
    enrolled: list[tuple[str, float, float | None]], applicants: int = 1, reads: list[str] | None = None
) -> tuple[Batch, dict[str, Any]]:
    """alice applies (with an SFace template; `applicants` times in one batch) against NIKs enrolled at (dlib
    distance, SFace cosine or None); `reads` collects the keys the sweep reads."""
    batch = Batch(["alice"] * applicants)
    app_id = batch.ids[0]
    probe_sface = _unit(RNG.normal(size=128))
    for nik, distance, cosine in enrolled:
        tail = (
            batch.vault.read(batch.manifests.manifest.shards[-1].key)
            if batch.manifests.manifest.shards
            else None
        )
        for write in enrol(batch.manifests.manifest, tail, [nik], [dlib_at(distance)]):
            batch.vault.put(write.shard_key, write.shard_bytes, "application/octet-stream")
            batch.manifests.manifest = write.manifest
            batch.manifests.version += 1
        if cosine is not None:
            batch.vault.put(enrolled_sface_key(nik), embedding_to_bytes(sface_at(probe_sface, cosine)), "x")
    for applicant in batch.ids:
        batch.faces.match_faces(applicant, 1)
        batch.vault.put(
            sface_template_key(applicant, 1), embedding_to_bytes(probe_sface), "application/octet-stream"
        )
    if reads is not None:
        read = batch.vault.read
        batch.vault.read = lambda key, *a: reads.append(key) or read(key, *a)  # type: ignore[method-assign]
    batch_id = batch.batcher.start_sweep(batch.requests())
    assert batch_id is not None
    for shard in batch.search.plan_sweep(batch_id).shards:
        batch.search.search_shard(batch_id, shard.key)
    batch.search.finish_sweep(batch_id)
    view = batch.repo.view(app_id)
    assert view is not None
    stage = next(s for s in view.stages if s.stage == "face_duplicates")
    return batch, {"codes": [r.code for r in stage.reasons], **stage.details}


def test_a_dlib_lookalike_is_no_longer_an_automatic_duplicate_in_a_small_gallery() -> None:
    # dlib alone would call it a duplicate (within 0.5); SFace says a stranger (cosine 0.05).
    _, found = search([(LOOKALIKE, 0.44, 0.05)])
    assert found["search"]["regime"] == "small"
    (c,) = found["candidates"]
    assert c["distance"] <= config.FACE_DUPLICATE_MAX_DISTANCE  # the attack: dlib is fooled
    assert c["basis"] == "fused" and c["face_fused"] < config.FACE_FUSED_CANDIDATE_MIN
    assert c["outcome"] == "below_threshold" and found["codes"] == []


def test_a_true_mate_is_ordered_above_a_closer_dlib_lookalike_and_still_decides() -> None:
    # The look-alike is nearer by dlib (0.40 vs 0.47): the scan ranks it first, the fused score does not.
    _, found = search([(LOOKALIKE, 0.40, 0.05), (MATE, 0.47, 0.6)])
    ranked = [(c["rank"], c["id"], c["outcome"]) for c in found["candidates"]]
    assert ranked[0] == (1, MATE, "small_gallery_face")
    assert ranked[1][:2] == (2, LOOKALIKE) and ranked[1][2] != "small_gallery_face"
    assert found["codes"][0] == "FACE_DUPLICATE"
    mate = found["candidates"][0]
    assert mate["sface_cosine"] > 0.55 and mate["face_fused"] >= config.FACE_FUSED_MATCH_MIN


def test_a_lookalike_within_the_never_cleared_distance_goes_to_an_officer_not_auto_flagged() -> None:
    _, found = search([(LOOKALIKE, 0.3, 0.05)])
    (c,) = found["candidates"]
    assert c["face_fused"] < config.FACE_FUSED_MATCH_MIN
    assert c["outcome"] == "face_only" and c["officer_confirms"]
    assert found["codes"] == ["FACE_CANDIDATE"]


def test_a_candidate_without_an_sface_template_keeps_the_dlib_only_basis_stated() -> None:
    _, found = search([(OLD, 0.44, None)])
    (c,) = found["candidates"]
    assert c["basis"] == "dlib" and c["sface_cosine"] is None and c["face_fused"] is None
    assert c["outcome"] == "small_gallery_face" and found["codes"] == ["FACE_DUPLICATE"]


def test_rescore_computes_the_fused_score_from_both_templates() -> None:
    probe = _unit(RNG.normal(size=128))
    rows = [Candidate(id="a", distance=0.5, score=0.58), Candidate(id="b", distance=0.6, score=0.5)]
    got = rescore(embedding_to_bytes(probe), rows, {"a": embedding_to_bytes(sface_at(probe, 0.7))})
    assert set(got) == {"a"}  # b has no SFace template: dlib only
    assert got["a"].sface_cosine == np.float32(0.7).round(4)
    dlib_z = (config.FUSION_DLIB_IMPOSTOR_MEAN - 0.5) / config.FUSION_DLIB_IMPOSTOR_STD
    sface_z = (0.7 - config.FUSION_SFACE_IMPOSTOR_MEAN) / config.FUSION_SFACE_IMPOSTOR_STD
    w = config.FUSION_SFACE_WEIGHT
    assert abs(got["a"].face_fused - ((1 - w) * dlib_z + w * sface_z)) < 1e-3  # type: ignore[operator]
    assert [c.id for c in cand.by_fused_score(rows, got)] == ["a", "b"]  # b's dlib z 2.9 < a's fused 4.9


def test_each_candidates_sface_template_is_read_once_per_sweep_whatever_the_probes() -> None:
    reads: list[str] = []
    _, found = search([(MATE, 0.47, 0.6), (OLD, 0.44, None)], applicants=3, reads=reads)
    assert reads.count(enrolled_sface_key(MATE)) == 1
    assert enrolled_sface_key(OLD) not in reads  # none stored: a HEAD, no read
    assert {c["id"]: c["basis"] for c in found["candidates"] if c["id"] in (MATE, OLD)} == {
        MATE: "fused",
        OLD: "dlib",
    }
