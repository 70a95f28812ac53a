"""The chain's step results are small models whose JSON is the payload Step Functions has always received:
the same keys, in the same order, the same values (docs/state-machines reads them)."""

from __future__ import annotations

import json
from typing import Any, get_type_hints

import pytest
from aws_lambda_powertools import Logger

from ektp.services.chain import ChainService
from ektp.services.step_results import (
    Captured,
    Decided,
    Escalated,
    Loaded,
    OfficerTasked,
    RecordingPlanned,
    Reminded,
    ReviewQueued,
    StageOutcome,
    StatusSet,
    StepResult,
    Waiting,
)
from ektp.step_handler import run_step

# (a result, the JSON text the state machine received from the step before the results were typed)
PAYLOADS: list[tuple[StepResult, str]] = [
    (Loaded(application_type="NEW"), '{"application_type": "NEW"}'),
    (StageOutcome(outcome="warn"), '{"outcome": "warn"}'),
    (Decided(decision="REVIEW"), '{"decision": "REVIEW"}'),
    (StatusSet(status="PROCESSING_ERROR"), '{"status": "PROCESSING_ERROR"}'),
    (StatusSet(status="stale"), '{"status": "stale"}'),
    (Escalated(), '{"escalated": true}'),
    (ReviewQueued(), '{"queued": true}'),
    (RecordingPlanned(needed=False), '{"needed": false}'),
    (Waiting(), '{"waiting": true}'),
    (Reminded(reminded=True), '{"reminded": true}'),
    (OfficerTasked(task=False), '{"task": false}'),
    (Captured(captured=True), '{"captured": true}'),
]


@pytest.mark.parametrize("result, text", PAYLOADS, ids=[type(r).__name__ for r, _ in PAYLOADS])
def test_a_step_hands_the_state_machine_the_payload_it_had(result: StepResult, text: str) -> None:
    steps = {"step": lambda service, event: result}
    returned = run_step(Logger(service="test-steps"), steps, None, {"step": "step", "application_id": "A"})
    assert type(returned) is dict and json.dumps(returned) == text


def test_a_step_still_returning_a_map_passes_it_through() -> None:
    steps = {"step": lambda service, event: {"next": "review"}}
    assert run_step(Logger(service="test-steps"), steps, None, {"step": "step"}) == {"next": "review"}


@pytest.mark.parametrize(
    "bad", [{"decision": "MAYBE"}, {"decision": "APPROVE", "nik": "3171010101900001"}], ids=["value", "key"]
)
def test_a_result_outside_its_shape_is_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Decided.model_validate(bad)


TYPED_STEPS = (
    *("load", "check_completeness", "check_personal_data", "confirm_domicile", "check_documents"),
    *("check_duplicates", "decide", "record_decision", "escalate_review", "request_review"),
    *("record_review_outcome", "mark_issued", "record_failure", "plan_recording", "request_recording"),
    *("remind_recording", "recording_officer_task", "record_recording", "recording_missed"),
)


@pytest.mark.parametrize("name", TYPED_STEPS)
def test_each_chain_step_declares_its_result_model(name: str) -> None:
    returned = get_type_hints(getattr(ChainService, name))["return"]
    assert isinstance(returned, type) and issubclass(returned, StepResult)
