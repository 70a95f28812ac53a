"""The verification chain's light steps, one Lambda routed by the `step` field of the task input.

Inputs carry ids only (application id, attempt, and the task token for review), never personal data, so the
Step Functions execution history holds none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.config import ChainSettings
from ektp.domain.stages import Step
from ektp.services.chain import ChainService
from ektp.services.step_results import StepResult
from ektp.step_handler import run_step
from ektp.wiring import chain_service, issuance_service

logger = Logger(service="ektp-chain")
settings = ChainSettings.load()

STEPS: dict[str, Callable[[ChainService, dict[str, Any]], dict[str, Any] | StepResult]] = {
    Step.LOAD: lambda s, e: s.load(e["application_id"], e["attempt"]),
    Step.CHECK_COMPLETENESS: lambda s, e: s.check_completeness(e["application_id"], e["attempt"]),
    Step.CHECK_PERSONAL_DATA: lambda s, e: s.check_personal_data(e["application_id"], e["attempt"]),
    Step.CHECK_DOMICILE: lambda s, e: s.check_domicile(e["application_id"], e["attempt"]),
    Step.CHECK_DOCUMENTS: lambda s, e: s.check_documents(e["application_id"], e["attempt"]),
    Step.CHECK_DUPLICATES: lambda s, e: s.check_duplicates(e["application_id"], e["attempt"]),
    Step.DECIDE: lambda s, e: s.decide(e["application_id"], e["attempt"]),
    Step.RECORD_DECISION: lambda s, e: s.record_decision(e["application_id"], e["attempt"]),
    Step.REQUEST_REVIEW: lambda s, e: s.request_review(
        e["application_id"], e["attempt"], e["task_token"], escalated=bool(e.get("escalated"))
    ),
    Step.ESCALATE_REVIEW: lambda s, e: s.escalate_review(e["application_id"], e["attempt"]),
    Step.RECORD_REVIEW_OUTCOME: lambda s, e: s.record_review_outcome(
        e["application_id"],
        e["attempt"],
        e["review"]["decision"],
        e["review"].get("reasons", []),
        e["review"].get("officer", "officer"),
    ),
    Step.ISSUE: lambda s, e: issuance_service(settings).issue(e["application_id"], e["attempt"]),
    # Biometric recording (perekaman): the plan, the wait on an officer's capture, its timeouts, its outcome.
    Step.PLAN_RECORDING: lambda s, e: s.plan_recording(e["application_id"], e["attempt"]),
    Step.REQUEST_RECORDING: lambda s, e: s.request_recording(
        e["application_id"], e["attempt"], e["task_token"]
    ),
    Step.REMIND_RECORDING: lambda s, e: s.remind_recording(e["application_id"], e["attempt"]),
    Step.RECORDING_OFFICER_TASK: lambda s, e: s.recording_officer_task(e["application_id"], e["attempt"]),
    Step.RECORD_RECORDING: lambda s, e: s.record_recording(e["application_id"], e["attempt"]),
    Step.RECORDING_MISSED: lambda s, e: s.recording_missed(e["application_id"], e["attempt"]),
    # Field verification of domicile (verifikasi lapangan): the wait on an officer's visit, its timeouts, its answer.
    Step.REQUEST_FIELD_VISIT: lambda s, e: s.request_field_visit(
        e["application_id"], e["attempt"], e["task_token"]
    ),
    Step.REMIND_FIELD_VISIT: lambda s, e: s.remind_field_visit(e["application_id"], e["attempt"]),
    Step.FIELD_VISIT_MISSED: lambda s, e: s.field_visit_missed(e["application_id"], e["attempt"]),
    Step.RECORD_FIELD_VISIT: lambda s, e: s.record_field_visit(e["application_id"], e["attempt"]),
    Step.RECORD_FAILURE: lambda s, e: s.record_failure(
        e["application_id"], e["attempt"], str((e.get("error") or {}).get("Error", "Unknown"))
    ),
}


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return run_step(logger, STEPS, chain_service(settings), event)
