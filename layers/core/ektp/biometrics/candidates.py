"""1:N as candidate generation: what the gallery sweep's top K candidates of one probe lead to.

At national scale a face search cannot decide by itself: the expected false candidates of one search are about
N x FMR at the threshold (280 M x 1e-4 is 28,000, docs/scale.md), so the face only *generates* candidates.
Each candidate within the face threshold goes to confirmation by fingerprint where both sides have a trusted
print (an officer's or a registered device's capture: ektp.domain.capture; a resident's own upload is never
used), and what no trusted print settles goes to an officer, who sees the probe photo beside each candidate's
enrolled (card) photo with the scores. Below SMALL_GALLERY_MAX templates the face alone still decides, at
FACE_DUPLICATE_MAX_DISTANCE: there the expected false candidates stay under FALSE_CANDIDATE_BUDGET.

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


class CandidateFinding(BaseModel):
    """One candidate as the officer's case file records it."""

    model_config = ConfigDict(frozen=True)

    rank: int  # 1 = nearest
    id: str  # the NIK the candidate is enrolled under (officers only)
    distance: float
    score: float
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
    face_threshold: float
    expected_false_candidates: float  # N x FMR at the threshold (FMR assumed: FACE_FMR_AT_DUPLICATE_DISTANCE)
    candidates: list[CandidateFinding]

    @property
    def to_confirm(self) -> list[CandidateFinding]:
        return [c for c in self.candidates if c.officer_confirms]


def to_compare_by_finger(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates (nearest first) whose trusted enrolled finger, if any, is compared with the probe's."""
    return [
        c
        for i, c in enumerate(candidates)
        if i < FINGER_COMPARED_NEAREST or c.distance <= config.FACE_DUPLICATE_MAX_DISTANCE
    ]


def regime_for(gallery_size: int) -> Regime:
    return "small" if gallery_size < SMALL_GALLERY_MAX else "large"


def _finger(fused: FusedCandidate | None) -> FingerCheck:
    if fused is None or fused.finger_score is None:
        return "not_compared"
    return "match" if fused.finger_score >= config.FINGERPRINT_MATCH_MIN_SCORE else "no_match"


def outcome_of(
    candidate: Candidate, regime: Regime, finger: FingerCheck, fused_match: bool
) -> GalleryOutcome:
    """One candidate's outcome (the rows of GALLERY_OUTCOMES)."""
    within = candidate.distance <= config.FACE_DUPLICATE_MAX_DISTANCE
    if not within:
        # Beyond the face threshold a trusted finger can still add a flag (face and finger fused), never clear.
        return "finger_fused" if fused_match else "below_threshold"
    if regime == "small":
        return "small_gallery_face"  # the face decides; fingers can add evidence, not take the flag away
    if finger == "match":
        return "finger_confirmed"
    if finger == "no_match" and candidate.distance > FINGER_CANNOT_CLEAR_DISTANCE:
        return "finger_cleared"
    return "face_only"


def classify(
    candidates: Sequence[Candidate], gallery_size: int, fused: Mapping[str, FusedCandidate]
) -> tuple[list[Reason], CandidateSearch]:
    """The reasons for the decision and the officer's record of one probe's candidates (nearest first).

    `fused` holds the fingerprint comparison of the candidates where both sides have a trusted print (keyed by
    candidate id); every other candidate is `not_compared`.
    """
    regime = regime_for(gallery_size)
    findings: list[CandidateFinding] = []
    for rank, c in enumerate(candidates, start=1):
        f = fused.get(c.id)
        finger = _finger(f)
        outcome = outcome_of(c, regime, finger, f is not None and f.decision == "match")
        findings.append(
            CandidateFinding(
                rank=rank,
                id=c.id,
                distance=c.distance,
                score=c.score,
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
    """One reason per code, never naming another NIK: the nearest face's distance, or the best fused score when
    only face and finger together flag it."""
    out: list[Reason] = []
    raised = [f for f in findings if GALLERY_OUTCOMES[f.outcome][0] is not None]
    threshold = config.FACE_DUPLICATE_MAX_DISTANCE
    by_face = [f for f in raised if f.outcome == "small_gallery_face"]
    by_finger = [f for f in raised if f.outcome in ("finger_confirmed", "finger_fused")]
    if by_face:
        best = min(f.distance for f in by_face)
        out.append(reason("FACE_DUPLICATE", field="face", measured=round(best, 4), threshold=threshold))
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
        best = min(f.distance for f in face_only)
        out.append(reason("FACE_CANDIDATE", field="face", measured=round(best, 4), threshold=threshold))
    return out


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
