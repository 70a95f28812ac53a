"""What each chain step hands back to Step Functions: one small model per shape instead of dict[str, Any].

The state machines read these keys (docs/state-machines, drift-tested): a model's JSON is the payload, key for
key and in the same order, so the execution history is what it was. Ids, codes and flags only, never personal
data: the history keeps every payload.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ektp.domain.decision import DecisionKind
from ektp.domain.field_visits import NextStep


class StepResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def payload(self) -> dict[str, Any]:
        """The task's output as the state machine receives it."""
        return self.model_dump(mode="json")


class Loaded(StepResult):
    application_type: str  # the Choice after Load routes on it


class StageOutcome(StepResult):
    outcome: Literal["pass", "warn", "fail"]


class Decided(StepResult):
    decision: DecisionKind


class StatusSet(StepResult):
    status: str  # an ApplicationStatus, or "stale" for a failure recorded against an older attempt


class Escalated(StepResult):
    escalated: Literal[True] = True


class ReviewQueued(StepResult):
    queued: Literal[True] = True


class RecordingPlanned(StepResult):
    needed: bool


class Waiting(StepResult):
    waiting: Literal[True] = True


class VisitWaiting(StepResult):
    waiting: Literal[True] = True
    round: int  # the field visit's round (1, or 2 after an unreachable resident)


class VisitNext(StepResult):
    next: NextStep  # the chain's Choice after a field visit routes on it


class CardIssued(StepResult):
    card_id: str  # the card record's id, not the NIK: the history keeps it


class Reminded(StepResult):
    reminded: bool


class OfficerTasked(StepResult):
    task: bool


class Captured(StepResult):
    captured: bool


# --- the biometrics function: the 1:1 match and enrolment, and the batched 1:N sweep's steps -------------------


class FacesMatched(StepResult):
    probe: bool  # the ID photo gave a face template: the chain's HasFace choice runs the 1:N search
    fingerprint: bool


class Enrolled(StepResult):
    enrolled: bool


class SweepShard(BaseModel):
    """One gallery shard: an item of the sweep's Map state, and a line of its stored plan."""

    model_config = ConfigDict(frozen=True)

    key: str
    count: int


class SweepPlanned(StepResult):
    batch_id: str
    probes: int
    shards: list[SweepShard]


class ShardSearched(StepResult):
    candidates: int


class SweepFinished(StepResult):
    probes: int
    with_duplicates: int
    resumed: int
    gone: int


class SweepFailed(StepResult):
    failed: int
