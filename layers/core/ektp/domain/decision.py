"""The decision: one rules table that turns stage results into APPROVE, REJECT or REVIEW.

Rules, in order:
1. A failing reason the resident can fix (a bad document, data that conflicts with a record) -> REJECT, with
   every such reason, so one correction round can fix them all.
2. A reason that signals possible fraud or a legitimate exception (a duplicate identity, an archived region
   code, a NIK whose date differs after a correction) -> REVIEW by an officer, never an automatic rejection.
3. Warnings left unresolved -> REVIEW; but when every one is a domicile doubt a visit can settle
   (domain/field_visits.py) -> FIELD_VISIT: an officer of the district visits the address. A visit that confirmed
   the address settles those doubts (the chain decides again as if the domicile stage had passed).
4. Otherwise -> APPROVE.
Rule 2 wins over rule 1: a person must look at a possible duplicate even when other reasons also fail.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel

from ektp.domain.field_visits import settleable, visit_confirmed
from ektp.domain.reasons import Reason, reason
from ektp.domain.records import StageResult
from ektp.domain.stages import Stage

DecisionKind = Literal["APPROVE", "REJECT", "REVIEW", "FIELD_VISIT"]

# Codes that always go to a person, whatever their severity.
REVIEW_CODES = frozenset(
    {
        "NIK_REGION_ARCHIVED",
        "NIK_SEX_MISMATCH",
        "NIK_DOB_MISMATCH",
        "NAME_SINGLE_WORD",
        "POSSIBLE_DUPLICATE",
        "FACE_DUPLICATE",
        "FACE_CANDIDATE",  # a large gallery's face candidate no trusted fingerprint settled: photos side by side
        "FINGERPRINT_MISMATCH",  # against the enrolled finger: an injury, or someone else applying
        "REGISTRY_NOT_FOUND",
        "ENROLLED_FACE_MISMATCH",  # another face on a NIK that has one on record: a takeover attempt?
        "ENROLLED_TEMPLATE_MISSING",  # a card holder with no enrolled face to compare with
        "NIK_ALREADY_HOLDS_CARD",  # a first card asked for a NIK that has one
        "CARD_HOLDER_ACCOUNT_DIFFERS",  # another account than the card holder's: a takeover with a photo?
        "NIK_APPLICATION_IN_PROGRESS",  # two open applications on one NIK: at most one is its holder
        "REGISTRY_STATUS_BLOCKED",  # deceased, moved abroad, inactive or flagged: never an automatic card
        "NIK_DOCUMENT_MISMATCH",  # an akta or old card printed with another NIK: a borrowed identity?
        "NAME_TITLE_UNVERIFIED",  # a title the registry's name lacks: printed only after an officer saw its proof
    }
)
# The 1:N search is candidate generation (ektp.biometrics.candidates): each of a probe's top K candidates gets
# one outcome, the reason it raises (None: nothing) and whether an officer must confirm it. Nothing here rejects:
# the codes are REVIEW codes. "Within" the face threshold: fused dlib+SFace score >= FACE_FUSED_CANDIDATE_MIN or
# dlib distance <= candidates.FINGER_CANNOT_CLEAR_DISTANCE (a candidate without an SFace template: dlib distance
# <= FACE_DUPLICATE_MAX_DISTANCE). Small gallery (below candidates.SMALL_GALLERY_MAX): the face decides when the
# fused score reaches FACE_FUSED_MATCH_MIN (dlib-only: within); a weaker candidate (a dlib look-alike SFace doubts)
# goes the large gallery's way. Large gallery: the face only proposes; trusted prints on both sides confirm or
# clear, an officer settles the rest from the photos.
GalleryOutcome = Literal[
    "below_threshold", "small_gallery_face", "finger_confirmed", "finger_cleared", "face_only", "finger_fused"
]
GALLERY_OUTCOMES: dict[GalleryOutcome, tuple[str | None, bool]] = {
    "below_threshold": (None, False),  # among the top K, beyond the face threshold: recorded, nothing raised
    "small_gallery_face": ("FACE_DUPLICATE", True),  # small gallery, fused >= match min (dlib-only: within)
    "finger_confirmed": ("FACE_DUPLICATE", True),  # large: face within, trusted fingers match
    "finger_cleared": (None, False),  # large: face within, trusted fingers on both sides differ
    "face_only": ("FACE_CANDIDATE", True),  # large: face within, no trusted print settles it, or within 0.4
    "finger_fused": ("FACE_DUPLICATE", True),  # face beyond, face and trusted finger fused over 0.5
}
# Warnings that are only hints to the resident and need nobody's attention.
INFORMATIONAL_CODES = frozenset({"POSTAL_CODE_MISMATCH"})


class Decision(BaseModel):
    decision: DecisionKind
    reasons: list[Reason]  # resident-facing: why rejected, or what the officer must look at
    rule: str


# Evidence every application needs before it can be approved: a stage that never ran (a branch skipped, a result
# lost, a step that returned without recording) is never read as a pass.
ALWAYS_REQUIRED = frozenset(
    {
        Stage.COMPLETENESS,
        Stage.PERSONAL_DATA,
        Stage.DOMICILE,
        Stage.DOCUMENTS,
        Stage.DUPLICATES,
        Stage.FACE_MATCH,
        Stage.FACE_DUPLICATES,
    }
)


# The stages that verify the data and documents, before any biometric evidence: when they pass (or only need an
# officer), a NIK without trusted biometrics waits for its recording (domain/appointments.py needs_recording).
DATA_STAGES = frozenset(
    {Stage.COMPLETENESS, Stage.PERSONAL_DATA, Stage.DOMICILE, Stage.DOCUMENTS, Stage.DUPLICATES}
)

_MISSING_CODE: dict[str, str] = {Stage.LIVENESS: "LIVENESS_MISSING"}


def required_stages(
    application_type: str,
    liveness_required_for: Iterable[str] = (),
    *,
    holds_card: bool = False,
    recorded: bool = False,
) -> frozenset[Stage]:
    """The stages that must have a recorded result before `application_type` can be approved. Active liveness
    is required by policy (a setting: by default for online first applications), and whatever the type when
    the NIK holds a card: a still photo of the holder matches the enrolled face, only a live capture proves
    the holder is the one applying; the fingerprint comparison when an officer recorded the fingers (`recorded`).
    An empty policy turns liveness off altogether (test stacks whose synthetic
    applicants film no challenge)."""
    policy = set(liveness_required_for)
    required = set(ALWAYS_REQUIRED)
    if application_type in policy or (holds_card and policy):
        required.add(Stage.LIVENESS)
    if recorded:  # an officer captured the fingers: their comparison is evidence the decision must have
        required.add(Stage.FINGERPRINT_MATCH)
    return frozenset(required)


def decide(results: Iterable[StageResult], required: Iterable[str] = ()) -> Decision:
    results = list(results)
    settled = visit_confirmed(results)  # the officer found the resident at the declared address
    pairs = [
        (result.stage, r)
        for result in results
        for r in result.reasons
        if not (settled and settleable(result.stage, r))
    ]
    reasons = [r for _, r in pairs]
    review = [r for r in reasons if r.code in REVIEW_CODES]
    if review:
        return Decision(decision="REVIEW", reasons=review, rule="review-codes")
    failing = [r for r in reasons if r.severity == "error"]
    if failing:
        return Decision(decision="REJECT", reasons=failing, rule="fixable-errors")
    open_doubts = [(s, r) for s, r in pairs if r.severity == "warning" and r.code not in INFORMATIONAL_CODES]
    unresolved = [r for _, r in open_doubts]
    if unresolved and all(settleable(stage, r) for stage, r in open_doubts):
        return Decision(decision="FIELD_VISIT", reasons=unresolved, rule="field-visit")
    if unresolved:
        return Decision(decision="REVIEW", reasons=unresolved, rule="unresolved-warnings")
    missing = sorted(set(required) - {result.stage for result in results})
    if missing:
        # Nothing failed, but not everything was looked at: a person decides, never an automatic approval.
        absent = [
            reason(_MISSING_CODE.get(stage, "EVIDENCE_MISSING"), severity="warning", field=f"stage.{stage}")
            for stage in missing
        ]
        return Decision(decision="REVIEW", reasons=absent, rule="evidence-missing")
    return Decision(decision="APPROVE", reasons=[], rule="all-passed")
