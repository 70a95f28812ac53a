"""What each chain step hands back to Step Functions: one small model per shape instead of dict[str, Any].

The state machines read these keys (docs/state-machines, drift-tested): a model's JSON is the payload, key for
key and in the same order, so the execution history is what it was. Ids, codes and flags only, never personal
data: the history keeps every payload.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ektp.domain.decision import DecisionKind


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


class Reminded(StepResult):
    reminded: bool


class OfficerTasked(StepResult):
    task: bool


class Captured(StepResult):
    captured: bool
