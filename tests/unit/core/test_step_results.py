"""The chain's step results are small models whose JSON is the payload Step Functions has always received:
the same keys, in the same order, the same values (docs/state-machines reads them)."""

from __future__ import annotations

import json
from typing import Any, get_type_hints

import pytest
from aws_lambda_powertools import Logger

from ektp.services.biometrics import BiometricService
from ektp.services.chain import ChainService
from ektp.services.gallery_search import GallerySearchService
from ektp.services.issuance import IssuanceService
from ektp.services.step_results import (
    Captured,
    CardIssued,
    Decided,
    Enrolled,
    Escalated,
    FacesMatched,
    Loaded,
    OfficerTasked,
    RecordingPlanned,
    Reminded,
    ReviewQueued,
    ShardSearched,
    StageOutcome,
    StatusSet,
    StepResult,
    SweepFailed,
    SweepFinished,
    SweepPlanned,
    SweepShard,
    VisitNext,
    VisitWaiting,
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
    (FacesMatched(probe=True, fingerprint=False), '{"probe": true, "fingerprint": false}'),
    (Enrolled(enrolled=True), '{"enrolled": true}'),
    (
        SweepPlanned(
            batch_id="sweep-1", probes=2, shards=[SweepShard(key="gallery/v3/shard-0007.npy", count=9)]
        ),
        '{"batch_id": "sweep-1", "probes": 2, "shards": [{"key": "gallery/v3/shard-0007.npy", "count": 9}]}',
    ),
    (ShardSearched(candidates=4), '{"candidates": 4}'),
    (
        SweepFinished(probes=2, with_duplicates=1, resumed=2, gone=0),
        '{"probes": 2, "with_duplicates": 1, "resumed": 2, "gone": 0}',
    ),
    (SweepFailed(failed=3), '{"failed": 3}'),
    (VisitWaiting(round=2), '{"waiting": true, "round": 2}'),
    (VisitNext(next="revisit"), '{"next": "revisit"}'),
    (CardIssued(card_id="KTP-ABCD-EFGH-JKMN-K"), '{"card_id": "KTP-ABCD-EFGH-JKMN-K"}'),
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
    *("load", "check_completeness", "check_personal_data", "check_domicile", "check_documents"),
    *("check_duplicates", "decide", "record_decision", "escalate_review", "request_review"),
    *("record_review_outcome", "mark_issued", "record_failure", "plan_recording", "request_recording"),
    *("remind_recording", "recording_officer_task", "record_recording", "recording_missed"),
    *("request_field_visit", "remind_field_visit", "field_visit_missed", "record_field_visit"),
)


TYPED = [
    *((ChainService, name) for name in TYPED_STEPS),
    *((BiometricService, name) for name in ("match_faces", "enrol_template")),
    *((GallerySearchService, name) for name in ("plan_sweep", "search_shard", "finish_sweep", "fail_sweep")),
    (IssuanceService, "issue"),
]


@pytest.mark.parametrize("service, name", TYPED, ids=[f"{s.__name__}.{n}" for s, n in TYPED])
def test_each_step_declares_its_result_model(service: type, name: str) -> None:
    returned = get_type_hints(getattr(service, name))["return"]
    assert isinstance(returned, type) and issubclass(returned, StepResult)
