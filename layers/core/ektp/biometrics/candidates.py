"""1:N as candidate generation: what the gallery sweep's top K candidates of one probe lead to.

At national scale a face search cannot decide by itself: the expected false candidates of one search are about
N x FMR at the threshold (280 M x 1e-4 is 28,000, docs/scale.md), so the face only *generates* candidates.
Each candidate within the face threshold goes to confirmation by fingerprint where both sides have a trusted
print (an officer's or a registered device's capture: ektp.domain.capture; a resident's own upload is never
used), and what no trusted print settles goes to an officer, who sees the probe photo beside each candidate's
enrolled (card) photo with the scores. Below SMALL_GALLERY_MAX templates the face alone still decides, at
config.FACE_FUSED_MATCH_MIN (FACE_DUPLICATE_MAX_DISTANCE where a side has no SFace template): there the expected
false candidates stay under FALSE_CANDIDATE_BUDGET.

Scan with one model, re-score with the other (docs/scale.md): the int8 scan ranks by dlib distance; the top K are
then re-scored with SFace where both the probe and the candidate have an SFace template (`FaceEvidence`, basis
"fused": dlib and SFace as one z-score, ektp.biometrics.scores.fused_z) and ordered by that score, so a dlib
look-alike that SFace tells apart sinks below a true mate. A candidate without an SFace template keeps the dlib-only
basis (its rules: distance thresholds), stated on its record.

The outcomes and which of them an officer must confirm are one table: ektp.domain.decision.GALLERY_OUTCOMES.
Pure: no numpy, no I/O (the engines' types are imported for type checking only). The candidate NIKs and scores go to the stage record that only officers read, never to
logs, events, the Step Functions history or a resident.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final, Literal

from pydantic import BaseModel, ConfigDict

from ektp.biometrics import config
from ektp.domain.decision import GALLERY_OUTCOMES, GalleryOutcome
from ektp.domain.reasons import Reason, reason

if TYPE_CHECKING:  # the API's zip function reads photo_candidates: no numpy, OpenCV or nbis there
    from ektp.biometrics.fingerprint import FusedCandidate
    from ektp.biometrics.gallery import Candidate

# --- Settings (kept here, not in config.py, while that module is reworked for the second face model) ------
CANDIDATE_TOP_K: Final = 50  # candidates kept per probe, with their scores, whatever the gallery's size
# The face model's false match rate at FACE_DUPLICATE_MAX_DISTANCE. An assumption until the calibration on
# real pairs (issue 19 item 2) measures it: 1e-4 is the figure the issue uses for dlib at a 1:N threshold.
FACE_FMR_AT_DUPLICATE_DISTANCE: Final = 1e-4
FALSE_CANDIDATE_BUDGET: Final = 0.1  # expected false candidates per search the face alone may decide on
# Below this many templates the face alone decides (N x FMR <= the budget): 0.1 / 1e-4 = 1,000.
SMALL_GALLERY_MAX: Final = round(FALSE_CANDIDATE_BUDGET / FACE_FMR_AT_DUPLICATE_DISTANCE)
# A face this close is the same person (or a twin) for any measured pair (calibration: genuine 0.03-0.43,
# impostors from 0.81): trusted fingers that differ do not clear it, an officer looks.
FINGER_CANNOT_CLEAR_DISTANCE: Final = 0.4
# Candidates whose enrolled finger is read and compared: those within the face threshold, and the nearest
# this many (face and finger fused may flag a look-alike beyond it); not all K: each costs two object reads.
FINGER_COMPARED_NEAREST: Final = 10
CANDIDATE_PHOTOS_SHOWN: Final = (
    10  # candidates whose enrolled photo the officer gets (those to confirm first)
)

FingerCheck = Literal["match", "no_match", "not_compared"]
Regime = Literal["small", "large"]
Basis = Literal["fused", "dlib"]


class FaceEvidence(BaseModel):
    """Both face models' evidence on one candidate: SFace's cosine and the fused z-score (None: dlib only)."""

    model_config = ConfigDict(frozen=True)

    sface_cosine: float | None = None
    face_fused: float | None = None

    @property
    def basis(self) -> Basis:
        return "dlib" if self.face_fused is None else "fused"


_DLIB_ONLY: Final = FaceEvidence()


def dlib_z(distance: float) -> float:
    """dlib's distance as standard deviations from its impostor mean: the dlib-only candidates' place in the
    fused order (the same scale as the fused score, so one list sorts both bases)."""
    return (config.FUSION_DLIB_IMPOSTOR_MEAN - distance) / config.FUSION_DLIB_IMPOSTOR_STD


def order_key(candidate: Candidate, face: FaceEvidence) -> float:
    return face.face_fused if face.face_fused is not None else dlib_z(candidate.distance)


def by_fused_score(candidates: Sequence[Candidate], faces: Mapping[str, FaceEvidence]) -> list[Candidate]:
    """The candidates ordered by the fused score (dlib-only ones by dlib's z), strongest first; stable."""
    return sorted(candidates, key=lambda c: -order_key(c, faces.get(c.id, _DLIB_ONLY)))


def face_within(candidate: Candidate, face: FaceEvidence) -> bool:
    """A face candidate: at or above the fused candidate floor, or, whatever SFace says, a dlib face within the
    never-cleared distance (conservative: one model's strong evidence is never dropped by the other's).
    Dlib-only basis: within FACE_DUPLICATE_MAX_DISTANCE."""
    if face.face_fused is None:
        return candidate.distance <= config.FACE_DUPLICATE_MAX_DISTANCE
    return (
        face.face_fused >= config.FACE_FUSED_CANDIDATE_MIN
        or candidate.distance <= FINGER_CANNOT_CLEAR_DISTANCE
    )


def face_decides(candidate: Candidate, face: FaceEvidence) -> bool:
    """Strong enough for the face alone to decide in a small gallery: fused at the 1:1 threshold (FMR 1e-4, as
    FACE_FMR_AT_DUPLICATE_DISTANCE assumes), or dlib within FACE_DUPLICATE_MAX_DISTANCE on the dlib-only basis."""
    if face.face_fused is None:
        return candidate.distance <= config.FACE_DUPLICATE_MAX_DISTANCE
    return face.face_fused >= config.FACE_FUSED_MATCH_MIN


class CandidateFinding(BaseModel):
    """One candidate as the officer's case file records it."""

    model_config = ConfigDict(frozen=True)

    rank: int  # 1 = strongest by the fused score (dlib's alone for a dlib-only candidate)
    id: str  # the NIK the candidate is enrolled under (officers only)
    distance: float  # dlib
    score: float  # dlib's distance as 0..1
    basis: Basis = "dlib"
    sface_cosine: float | None = None
    face_fused: float | None = None  # dlib + SFace z-score (basis "fused")
    finger: FingerCheck
    finger_score: int | None = None
    fused: float | None = None
    outcome: GalleryOutcome
    officer_confirms: bool


class CandidateSearch(BaseModel):
    """The 1:N result of one probe: the regime, its threshold stated, every candidate with its outcome."""

    model_config = ConfigDict(frozen=True)

    regime: Regime
    gallery_size: int
    small_gallery_max: int
    face_threshold: float  # dlib-only basis
    fused_candidate_min: float = config.FACE_FUSED_CANDIDATE_MIN  # fused basis: an officer's candidate
    fused_match_min: float = config.FACE_FUSED_MATCH_MIN  # fused basis: the face decides (small gallery)
    expected_false_candidates: float  # N x FMR at the threshold (FMR assumed: FACE_FMR_AT_DUPLICATE_DISTANCE)
    candidates: list[CandidateFinding]

    @property
    def to_confirm(self) -> list[CandidateFinding]:
        return [c for c in self.candidates if c.officer_confirms]


def to_compare_by_finger(
    candidates: Sequence[Candidate], faces: Mapping[str, FaceEvidence] | None = None
) -> list[Candidate]:
    """The candidates (strongest first) whose trusted enrolled finger, if any, is compared with the probe's."""
    faces = faces or {}
    return [
        c
        for i, c in enumerate(candidates)
        if i < FINGER_COMPARED_NEAREST or face_within(c, faces.get(c.id, _DLIB_ONLY))
    ]


def regime_for(gallery_size: int) -> Regime:
    return "small" if gallery_size < SMALL_GALLERY_MAX else "large"


def _finger(fused: FusedCandidate | None) -> FingerCheck:
    if fused is None or fused.finger_score is None:
        return "not_compared"
    return "match" if fused.finger_score >= config.FINGERPRINT_MATCH_MIN_SCORE else "no_match"


def outcome_of(
    candidate: Candidate,
    regime: Regime,
    finger: FingerCheck,
    fused_match: bool,
    face: FaceEvidence = _DLIB_ONLY,
) -> GalleryOutcome:
    """One candidate's outcome (the rows of GALLERY_OUTCOMES)."""
    if not face_within(candidate, face):
        # Beyond the face threshold a trusted finger can still add a flag (face and finger fused), never clear.
        return "finger_fused" if fused_match else "below_threshold"
    if regime == "small" and face_decides(candidate, face):
        return "small_gallery_face"  # the face decides; fingers can add evidence, not take the flag away
    # A large gallery, or a small one's candidate the face alone does not settle (a dlib look-alike SFace
    # doubts): trusted fingers confirm or clear, an officer looks at the rest.
    if finger == "match":
        return "finger_confirmed"
    if finger == "no_match" and candidate.distance > FINGER_CANNOT_CLEAR_DISTANCE:
        return "finger_cleared"
    return "face_only"


def classify(
    candidates: Sequence[Candidate],
    gallery_size: int,
    fused: Mapping[str, FusedCandidate],
    faces: Mapping[str, FaceEvidence] | None = None,
) -> tuple[list[Reason], CandidateSearch]:
    """The reasons for the decision and the officer's record of one probe's candidates, ordered by the fused
    score (`by_fused_score`).

    `fused` holds the fingerprint comparison of the candidates where both sides have a trusted print (keyed by
    candidate id); every other candidate is `not_compared`. `faces` holds the SFace re-scoring by candidate id;
    a candidate missing from it is on the dlib-only basis.
    """
    faces = faces or {}
    regime = regime_for(gallery_size)
    findings: list[CandidateFinding] = []
    for rank, c in enumerate(by_fused_score(candidates, faces), start=1):
        f = fused.get(c.id)
        face = faces.get(c.id, _DLIB_ONLY)
        finger = _finger(f)
        outcome = outcome_of(c, regime, finger, f is not None and f.decision == "match", face)
        findings.append(
            CandidateFinding(
                rank=rank,
                id=c.id,
                distance=c.distance,
                score=c.score,
                basis=face.basis,
                sface_cosine=face.sface_cosine,
                face_fused=face.face_fused,
                finger=finger,
                finger_score=f.finger_score if f else None,
                fused=f.fused if f else None,
                outcome=outcome,
                officer_confirms=GALLERY_OUTCOMES[outcome][1],
            )
        )
    search = CandidateSearch(
        regime=regime,
        gallery_size=gallery_size,
        small_gallery_max=SMALL_GALLERY_MAX,
        face_threshold=config.FACE_DUPLICATE_MAX_DISTANCE,
        expected_false_candidates=round(gallery_size * FACE_FMR_AT_DUPLICATE_DISTANCE, 4),
        candidates=findings,
    )
    return _reasons(findings), search


def _reasons(findings: Sequence[CandidateFinding]) -> list[Reason]:
    """One reason per code, never naming another NIK: the strongest face's score (`_face_measure`), or the best
    face+finger fused score when only face and finger together flag it."""
    out: list[Reason] = []
    raised = [f for f in findings if GALLERY_OUTCOMES[f.outcome][0] is not None]
    by_face = [f for f in raised if f.outcome == "small_gallery_face"]
    by_finger = [f for f in raised if f.outcome in ("finger_confirmed", "finger_fused")]
    if by_face:
        measured, threshold = _face_measure(by_face[0], config.FACE_FUSED_MATCH_MIN)
        out.append(reason("FACE_DUPLICATE", field="face", measured=measured, threshold=threshold))
    elif by_finger:
        best_fused = max(f.fused or 0.0 for f in by_finger)
        out.append(
            reason(
                "FACE_DUPLICATE",
                field="face+fingerprint",
                measured=best_fused,
                threshold=float(config.FUSION_MATCH_MIN),
            )
        )
    face_only = [f for f in raised if f.outcome == "face_only"]
    if face_only:
        measured, threshold = _face_measure(face_only[0], config.FACE_FUSED_CANDIDATE_MIN)
        out.append(reason("FACE_CANDIDATE", field="face", measured=measured, threshold=threshold))
    return out


def _face_measure(finding: CandidateFinding, fused_threshold: float) -> tuple[float, float]:
    """The strongest finding's (findings are in fused order) own measure: its fused score against
    `fused_threshold` when it reached it, else its dlib distance against the distance rule that kept it."""
    if finding.face_fused is not None and finding.face_fused >= fused_threshold:
        return round(finding.face_fused, 4), fused_threshold
    if finding.basis == "fused":  # kept by the never-cleared distance alone
        return round(finding.distance, 4), FINGER_CANNOT_CLEAR_DISTANCE
    return round(finding.distance, 4), config.FACE_DUPLICATE_MAX_DISTANCE


def photo_candidates(details: Mapping[str, object]) -> list[dict[str, object]]:
    """The candidates of a face_duplicates stage's details whose enrolled photo the officer gets: those an
    officer must confirm first, then the nearest, at most CANDIDATE_PHOTOS_SHOWN."""
    raw = details.get("candidates")
    if not isinstance(raw, list):
        return []
    rows = [c for c in raw if isinstance(c, dict) and isinstance(c.get("id"), str)]
    ordered = [c for c in rows if c.get("officer_confirms")] + [
        c for c in rows if not c.get("officer_confirms")
    ]
    return ordered[:CANDIDATE_PHOTOS_SHOWN]
