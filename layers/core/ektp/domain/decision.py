"""The decision: one rules table that turns stage results into APPROVE, REJECT or REVIEW.

Rules, in order:
1. A failing reason the resident can fix (a bad document, data that conflicts with a record) -> REJECT, with
   every such reason, so one correction round can fix them all.
2. A reason that signals possible fraud or a legitimate exception (a duplicate identity, an archived region
   code, a NIK whose date differs after a correction) -> REVIEW by an officer, never an automatic rejection.
3. Otherwise -> APPROVE.
Rule 2 wins over rule 1: a person must look at a possible duplicate even when other reasons also fail.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel

from ektp.domain.reasons import Reason
from ektp.domain.records import StageResult

DecisionKind = Literal["APPROVE", "REJECT", "REVIEW"]

# Codes that always go to a person, whatever their severity.
REVIEW_CODES = frozenset(
    {
        "NIK_REGION_ARCHIVED",
        "NIK_SEX_MISMATCH",
        "NIK_DOB_MISMATCH",
        "NAME_SINGLE_WORD",
        "POSSIBLE_DUPLICATE",
        "FACE_DUPLICATE",
        "FINGERPRINT_MISMATCH",  # against the enrolled finger: an injury, or someone else applying
        "REGISTRY_NOT_FOUND",
        "ENROLLED_FACE_MISMATCH",  # another face on a NIK that has one on record: a takeover attempt?
        "ENROLLED_TEMPLATE_MISSING",  # a card holder with no enrolled face to compare with
        "NIK_ALREADY_HOLDS_CARD",  # a first card asked for a NIK that has one
        "NIK_APPLICATION_IN_PROGRESS",  # two open applications on one NIK: at most one is its holder
        "REGISTRY_STATUS_BLOCKED",  # deceased, moved abroad, inactive or flagged: never an automatic card
        "NIK_DOCUMENT_MISMATCH",  # an akta or old card printed with another NIK: a borrowed identity?
    }
)
# Warnings that are only hints to the resident and need nobody's attention.
INFORMATIONAL_CODES = frozenset({"POSTAL_CODE_MISMATCH"})


class Decision(BaseModel):
    decision: DecisionKind
    reasons: list[Reason]  # resident-facing: why rejected, or what the officer must look at
    rule: str


def decide(results: Iterable[StageResult]) -> Decision:
    reasons = [r for result in results for r in result.reasons]
    review = [r for r in reasons if r.code in REVIEW_CODES]
    if review:
        return Decision(decision="REVIEW", reasons=review, rule="review-codes")
    failing = [r for r in reasons if r.severity == "error"]
    if failing:
        return Decision(decision="REJECT", reasons=failing, rule="fixable-errors")
    unresolved = [r for r in reasons if r.severity == "warning" and r.code not in INFORMATIONAL_CODES]
    if unresolved:
        return Decision(decision="REVIEW", reasons=unresolved, rule="unresolved-warnings")
    return Decision(decision="APPROVE", reasons=[], rule="all-passed")
