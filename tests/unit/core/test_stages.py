"""Each stage and step is named once (ektp.domain.stages): one verb from the step to the method that runs it,
and wire names that never move under a running execution or a recorded result."""

from __future__ import annotations

import json

import pytest

from ektp.domain.stages import BIOMETRIC_STEPS, CHAIN_STEPS, SWEEP_STEPS, Stage, Step
from ektp.services.biometrics import BiometricService
from ektp.services.chain import ChainService
from ektp.services.gallery_search import GallerySearchService
from ektp.services.issuance import IssuanceService


def _runner(step: Step) -> type:
    if step is Step.ISSUE:
        return IssuanceService
    if step in BIOMETRIC_STEPS:
        return BiometricService
    if step in SWEEP_STEPS:
        return GallerySearchService
    return ChainService


@pytest.mark.parametrize("step", list(Step), ids=[s.name for s in Step])
def test_each_step_is_named_after_the_method_that_runs_it(step: Step) -> None:
    assert callable(getattr(_runner(step), step.name.lower(), None)), (
        f"Step.{step.name}: no {_runner(step).__name__}.{step.name.lower()}"
    )


def test_every_step_belongs_to_exactly_one_function() -> None:
    groups = (CHAIN_STEPS, BIOMETRIC_STEPS, SWEEP_STEPS)
    assert sum(len(g) for g in groups) == len(Step)
    assert set().union(*groups) == set(Step)


# The values are what a running execution's definition sends and what stored stage results hold: renaming one
# strands the executions started before a deploy, or hides recorded evidence from the decision.
WIRE_STEPS = (
    *("load", "completeness", "personal_data", "domicile", "documents", "duplicates", "match_faces"),
    *("decide", "record_decision", "enrol", "issue", "record_failure", "request_review", "escalate_review"),
    *("record_review", "plan_recording", "request_recording", "remind_recording", "recording_officer_task"),
    *(
        "record_recording",
        "recording_missed",
        "request_field_visit",
        "remind_field_visit",
        "field_visit_missed",
    ),
    *("record_field_visit", "plan_sweep", "search_sweep_shard", "finish_sweep", "fail_sweep"),
)
STORED_STAGES = (
    *("completeness", "personal_data", "domicile", "documents", "duplicates", "face_match", "liveness"),
    *("face_duplicates", "fingerprint_match", "recording", "field_visit", "decision"),
)


def test_the_wire_and_stored_names_do_not_move() -> None:
    assert [s.value for s in Step] == list(WIRE_STEPS)
    assert [s.value for s in Stage] == list(STORED_STAGES)


def test_a_step_is_its_wire_name_in_a_payload() -> None:
    assert json.dumps({"step": Step.CHECK_DOMICILE}) == '{"step": "domicile"}'
