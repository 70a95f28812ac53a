"""The 'done when' of the biometric stage: genuine and impostor pairs from the fixtures are separated at the
configured thresholds. Few identities are in the test fixtures (one person in several photos, one impostor;
three real prints; synthetic fingers), so this checks separation, not a national-scale false match rate: the
face thresholds were set on a larger real set by bench/face_calibration.py (docs/biometrics-calibration.md).
"""

from __future__ import annotations

import itertools
from pathlib import Path

from ektp.biometrics import config
from ektp.biometrics.face import FaceAnalysis, face_distance, get_face_engine
from ektp.biometrics.fingerprint import get_fingerprint_engine
from ektp.biometrics.scores import fused_z
from ektp.biometrics.sface import cosine
from tests.support.public_fixtures import fingerprint_images
from tests.support.synthetic_fingerprints import impressions
from tests.unit.biometrics.biometric_helpers import OBAMA, augmentations


def rates(
    genuine: list[float], impostor: list[float], accept: float, lower_is_better: bool
) -> tuple[float, float]:
    def ok(s: float) -> bool:
        return s <= accept if lower_is_better else s >= accept

    fnmr = sum(not ok(s) for s in genuine) / len(genuine)
    fmr = sum(ok(s) for s in impostor) / len(impostor)
    return fmr, fnmr


def test_face_distributions_are_separated_at_the_thresholds(
    analyses: dict[str, FaceAnalysis], augmented: dict[str, FaceAnalysis]
) -> None:
    people = {f"obama:{n}": analyses[n] for n in OBAMA} | {"biden:orig": analyses["biden"]} | augmented
    genuine: list[float] = []
    impostor: list[float] = []
    for (x, a), (y, b) in itertools.combinations(people.items(), 2):
        assert a.vector is not None and b.vector is not None
        d = face_distance(a.vector, b.vector)
        (genuine if x.split(":")[0] == y.split(":")[0] else impostor).append(d)
    assert len(genuine) > 90 and len(impostor) > 90
    fmr, fnmr = rates(genuine, impostor, config.FACE_MATCH_MAX_DISTANCE, lower_is_better=True)
    print(
        f"\nface: {len(genuine)} genuine {min(genuine):.3f}-{max(genuine):.3f}, {len(impostor)} impostor "
        f"{min(impostor):.3f}-{max(impostor):.3f}; FMR {fmr:.3f} FNMR {fnmr:.3f} at "
        f"{config.FACE_MATCH_MAX_DISTANCE}"
    )
    assert fmr == 0.0 and fnmr == 0.0
    # The stricter 1:N threshold still accepts every genuine pair here...
    assert max(genuine) < config.FACE_DUPLICATE_MAX_DISTANCE
    # ...and the margins are not razor-thin.
    assert min(impostor) - config.FACE_MATCH_MAX_DISTANCE > 0.1


def test_sface_and_the_fused_score_separate_the_fixture_pairs_at_their_thresholds(
    faces: dict[str, Path],
) -> None:
    engine = get_face_engine("dlib+sface")
    people = {f"obama:{n}": engine.analyze(faces[n].read_bytes()) for n in OBAMA}
    people["biden:orig"] = engine.analyze(faces["biden"].read_bytes())
    for person in ("obama", "biden"):
        for name, data in augmentations(faces[person]).items():
            people[f"{person}:{name}"] = engine.analyze(data)
    scores: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for (x, a), (y, b) in itertools.combinations(people.items(), 2):
        assert a.vector is not None and b.vector is not None, (x, y)
        assert a.sface_vector is not None and b.sface_vector is not None, (x, y)
        same = x.split(":")[0] == y.split(":")[0]
        scores[same].append(
            (
                cosine(a.sface_vector, b.sface_vector),
                fused_z(face_distance(a.vector, b.vector), cosine(a.sface_vector, b.sface_vector)),
            )
        )
    genuine, impostor = scores[True], scores[False]
    assert len(genuine) > 90 and len(impostor) > 90
    for k, (name, threshold) in enumerate(
        (("sface", config.SFACE_MATCH_MIN_COSINE), ("fused", config.FACE_FUSED_MATCH_MIN))
    ):
        g, i = [p[k] for p in genuine], [p[k] for p in impostor]
        fmr, fnmr = rates(g, i, threshold, lower_is_better=False)
        print(
            f"\n{name}: {len(g)} genuine {min(g):.3f}-{max(g):.3f}, {len(i)} impostor {min(i):.3f}-{max(i):.3f}; "
            f"FMR {fmr:.3f} FNMR {fnmr:.3f} at {threshold}"
        )
        assert fmr == 0.0 and fnmr == 0.0
    # Candidate generation (1:N) is looser than the 1:1 decision, and still above every impostor here.
    assert config.FACE_FUSED_CANDIDATE_MIN < config.FACE_FUSED_MATCH_MIN
    assert max(p[1] for p in impostor) < config.FACE_FUSED_CANDIDATE_MIN


def test_fingerprint_distributions_are_separated_at_the_threshold() -> None:
    engine = get_fingerprint_engine()
    real = {n: engine.extract(p.read_bytes()) for n, p in fingerprint_images().items()}
    fingers = {f: [engine.extract(b) for b in impressions(f, 3)] for f in (21, 22, 23, 24)}
    genuine = [float(engine.score(real["p1_1"], real["p1_2"]))]
    impostor = [float(engine.score(real[a], real["p2_1"])) for a in ("p1_1", "p1_2")]
    for prints in fingers.values():
        genuine += [float(engine.score(a, b)) for a, b in itertools.combinations(prints, 2)]
    for f, g in itertools.combinations(fingers, 2):
        impostor += [float(engine.score(a, b)) for a in fingers[f] for b in fingers[g]]
    impostor += [float(engine.score(real["p1_1"], prints[0])) for prints in fingers.values()]
    fmr, fnmr = rates(genuine, impostor, config.FINGERPRINT_MATCH_MIN_SCORE, lower_is_better=False)
    print(
        f"\nfinger: {len(genuine)} genuine {min(genuine):.0f}-{max(genuine):.0f}, {len(impostor)} impostor "
        f"{min(impostor):.0f}-{max(impostor):.0f}; FMR {fmr:.3f} FNMR {fnmr:.3f} at "
        f"{config.FINGERPRINT_MATCH_MIN_SCORE}"
    )
    assert fmr == 0.0 and fnmr == 0.0
