"""Each verification stage and each chain step, named once.

`Stage` is what a step records on the application (`StageResult.stage`): the decision reads these, the officer's
view shows them under STAGE_LABELS (generated into web/js/domain-data.js by tools/web_data.py).
`Step` is what a state machine's Task asks its Lambda for (the payload's `step`, and `$.results.<step>` where
the answer lands): infra/pipeline.py sends it, the handlers' `STEPS` tables route it.

One verb per step: a member is named after the service method that runs it (`Step.CHECK_DOMICILE` runs
`ChainService.check_domicile`, in the state `CheckDomicile`). The values are the wire and storage names and never
change: a running execution was started with them, and recorded stages are read back by them.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """A stage's recorded result, as stored on the application."""

    COMPLETENESS = "completeness"
    PERSONAL_DATA = "personal_data"
    DOMICILE = "domicile"
    DOCUMENTS = "documents"
    DUPLICATES = "duplicates"
    FACE_MATCH = "face_match"
    LIVENESS = "liveness"
    FACE_DUPLICATES = "face_duplicates"  # the 1:N search
    FINGERPRINT_MATCH = "fingerprint_match"
    RECORDING = "recording"  # whether the chain waits for an officer's biometric capture
    FIELD_VISIT = "field_visit"  # an officer's visit to the declared address
    DECISION = "decision"  # the rules table's answer, kept for the officer


# Each stage's name on the officer's screen, Indonesian and English (web/js/domain-data.js STAGE_LABELS).
STAGE_LABELS: dict[Stage, tuple[str, str]] = {
    Stage.COMPLETENESS: ("Kelengkapan", "Completeness"),
    Stage.PERSONAL_DATA: ("Data pribadi", "Personal data"),
    Stage.DOMICILE: ("Domisili", "Domicile"),
    Stage.DOCUMENTS: ("Dokumen", "Documents"),
    Stage.DUPLICATES: ("Data ganda", "Duplicate records"),
    Stage.FACE_MATCH: ("Kecocokan wajah", "Face match"),
    Stage.LIVENESS: ("Uji keaslian wajah (liveness)", "Liveness check"),
    Stage.FACE_DUPLICATES: ("Wajah ganda", "Duplicate faces"),
    Stage.FINGERPRINT_MATCH: ("Kecocokan sidik jari", "Fingerprint match"),
    Stage.RECORDING: ("Perekaman biometrik", "Biometric recording"),
    Stage.FIELD_VISIT: ("Verifikasi lapangan", "Field visit"),
    Stage.DECISION: ("Keputusan", "Decision"),
}


class Step(StrEnum):
    """A step of the verification chain or the gallery sweep, as a Task's payload names it."""

    # The chain's main path (functions/chain, then functions/biometrics for the faces).
    LOAD = "load"
    CHECK_COMPLETENESS = "completeness"
    CHECK_PERSONAL_DATA = "personal_data"
    CHECK_DOMICILE = "domicile"
    CHECK_DOCUMENTS = "documents"
    CHECK_DUPLICATES = "duplicates"
    MATCH_FACES = "match_faces"
    DECIDE = "decide"
    RECORD_DECISION = "record_decision"
    ENROL_TEMPLATE = "enrol"
    ISSUE = "issue"
    RECORD_FAILURE = "record_failure"
    # Officer review.
    REQUEST_REVIEW = "request_review"
    ESCALATE_REVIEW = "escalate_review"
    RECORD_REVIEW_OUTCOME = "record_review"
    # Biometric recording (perekaman).
    PLAN_RECORDING = "plan_recording"
    REQUEST_RECORDING = "request_recording"
    REMIND_RECORDING = "remind_recording"
    RECORDING_OFFICER_TASK = "recording_officer_task"
    RECORD_RECORDING = "record_recording"
    RECORDING_MISSED = "recording_missed"
    # Field verification of domicile (verifikasi lapangan).
    REQUEST_FIELD_VISIT = "request_field_visit"
    REMIND_FIELD_VISIT = "remind_field_visit"
    FIELD_VISIT_MISSED = "field_visit_missed"
    RECORD_FIELD_VISIT = "record_field_visit"
    # The batched 1:N gallery sweep (functions/biometrics).
    PLAN_SWEEP = "plan_sweep"
    SEARCH_SHARD = "search_sweep_shard"
    FINISH_SWEEP = "finish_sweep"
    FAIL_SWEEP = "fail_sweep"


# Where the chain keeps the 1:N search's answer (`$.results.gallery_search`): the queue's reply, not a Lambda step.
GALLERY_SEARCH_RESULT = "gallery_search"

BIOMETRIC_STEPS = frozenset({Step.MATCH_FACES, Step.ENROL_TEMPLATE})
SWEEP_STEPS = frozenset({Step.PLAN_SWEEP, Step.SEARCH_SHARD, Step.FINISH_SWEEP, Step.FAIL_SWEEP})
CHAIN_STEPS = frozenset(set(Step) - BIOMETRIC_STEPS - SWEEP_STEPS)
