"""Field verification of domicile (verifikasi lapangan, issue 20 item 4): when a visit is asked for, what a visit
can answer, and what each answer does to the application. Pure Python: the chain and the officer's service
(services/field_visits.py) act on these rules.

A visit settles only what the documents left open about where the resident lives. The domicile stage
(domain/verification.py check_domicile) raises two codes a visit can settle, and only as warnings:
- ADDRESS_MISMATCH as a warning: the KK's printed village, district, RT or RW differs slightly from the declared
  domicile or could not be read with confidence, or the registry holds another village for a resident who did not
  declare a move (moved without updating the KK?). As an error (a clear conflict) it is a document the resident
  re-uploads or corrects, which a visit cannot fix: that stays a rejection.
- SKPWNI_MISMATCH as a warning: a recent move whose SKPWNI destination could not be read or differs slightly from
  the declared address. An error there (the letter is someone else's, or missing) stays a rejection.
An officer reviewing any case can also send it to a visit (services/review.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ektp.domain.reasons import Reason
from ektp.domain.records import StageResult
from ektp.domain.stages import Stage

# Domicile warnings a visit can settle (see the module's docstring for why these two).
VISIT_SETTLES = frozenset({"ADDRESS_MISMATCH", "SKPWNI_MISMATCH"})

FieldVisitOutcome = Literal["CONFIRMED", "NOT_FOUND", "LIVES_ELSEWHERE", "UNREACHABLE"]
OUTCOMES: tuple[FieldVisitOutcome, ...] = ("CONFIRMED", "NOT_FOUND", "LIVES_ELSEWHERE", "UNREACHABLE")
# What the officer must show for an answer that decides the case on the address: the house, the resident there.
PHOTO_REQUIRED = frozenset({"CONFIRMED", "LIVES_ELSEWHERE"})
# The reason the resident reads when the visit ends the application (each says what to do: correct the address).
REJECTION_CODE: dict[str, str] = {
    "NOT_FOUND": "FIELD_VISIT_ADDRESS_NOT_FOUND",
    "LIVES_ELSEWHERE": "FIELD_VISIT_LIVES_ELSEWHERE",
}
MAX_ROUNDS = 2  # an unreachable resident is visited once more, then an officer reviews the case
NOTE_MIN_CHARS = 10
NOTE_MAX_CHARS = 500
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MIN_BYTES = 1024

Requester = Literal["decision", "officer"]
NextStep = Literal["continue", "reject", "revisit", "review", "waiting"]


def settleable(stage: str, item: Reason) -> bool:
    """A reason a visit can settle: a domicile warning of the kinds above."""
    return stage == Stage.DOMICILE and item.severity == "warning" and item.code in VISIT_SETTLES


def visit_confirmed(results: Iterable[StageResult]) -> bool:
    """A visit of this attempt confirmed the resident lives at the declared address."""
    return any(r.stage == Stage.FIELD_VISIT and r.details.get("outcome") == "CONFIRMED" for r in results)


def outcome_problem(outcome: str, note: str | None, has_photo: bool) -> str | None:
    """Why an answer is refused (a reason code), or None: every answer needs a note, some a photo."""
    if outcome not in OUTCOMES:
        return "FIELD_VISIT_OUTCOME_INVALID"
    if not note or len(note.strip()) < NOTE_MIN_CHARS or len(note) > NOTE_MAX_CHARS:
        return "FIELD_VISIT_NOTE_REQUIRED"
    if outcome in PHOTO_REQUIRED and not has_photo:
        return "FIELD_VISIT_PHOTO_REQUIRED"
    return None


def next_step(outcome: FieldVisitOutcome, visit_round: int) -> NextStep:
    """What the chain does with an answer: go on as if the domicile passed, reject, visit again, or review."""
    if outcome == "CONFIRMED":
        return "continue"
    if outcome in REJECTION_CODE:
        return "reject"
    return "revisit" if visit_round < MAX_ROUNDS else "review"


def photo_key_prefix(application_id: str, attempt: int, visit_round: int) -> str:
    """Outside uploads/ (intake owns it) and per round: a photo is for exactly one visit."""
    return f"field-visits/{application_id}/a{attempt}/r{visit_round}/"


class VisitPhoto(BaseModel):
    """The stored photo, pinned: key, version and hash as read when the answer was recorded."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    version_id: str | None = None
    sha256: str
    content_type: str
    size: int


class FieldVisitTask(BaseModel):
    """The open (or last) visit of one attempt. Ids and state only: the address is read from the application."""

    model_config = ConfigDict(extra="ignore")

    application_id: str
    attempt: int
    district_code: str
    visit_round: int = 1
    state: Literal["OPEN", "DONE", "CLOSED"] = "OPEN"  # CLOSED: the wait ran out, an officer reviews
    requested_by: Requester = "decision"
    requested_at: datetime
    overdue: bool = False
    acted_round: int = 0  # the last round whose answer the chain acted on
    version: int = 0


class FieldVisitRecord(BaseModel):
    """One visit's answer: what the officer found, their note and photo, who and when."""

    model_config = ConfigDict(extra="ignore", hide_input_in_errors=True)

    application_id: str
    attempt: int
    visit_round: int
    outcome: FieldVisitOutcome
    note: str = Field(max_length=NOTE_MAX_CHARS)
    photo: VisitPhoto | None = None
    officer_id: str
    recorded_at: datetime
