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
from ektp.services.chain import ChainService
from ektp.services.step_results import StepResult
from ektp.step_handler import run_step
from ektp.wiring import chain_service, issuance_service

logger = Logger(service="ektp-chain")
settings = ChainSettings.load()

STEPS: dict[str, Callable[[ChainService, dict[str, Any]], dict[str, Any] | StepResult]] = {
    "load": lambda s, e: s.load(e["application_id"], e["attempt"]),
    "completeness": lambda s, e: s.check_completeness(e["application_id"], e["attempt"]),
    "personal_data": lambda s, e: s.check_personal_data(e["application_id"], e["attempt"]),
    "domicile": lambda s, e: s.confirm_domicile(e["application_id"], e["attempt"]),
    "documents": lambda s, e: s.check_documents(e["application_id"], e["attempt"]),
    "duplicates": lambda s, e: s.check_duplicates(e["application_id"], e["attempt"]),
    "decide": lambda s, e: s.decide(e["application_id"], e["attempt"]),
    "record_decision": lambda s, e: s.record_decision(e["application_id"], e["attempt"]),
    "request_review": lambda s, e: s.request_review(
        e["application_id"], e["attempt"], e["task_token"], escalated=bool(e.get("escalated"))
    ),
    "escalate_review": lambda s, e: s.escalate_review(e["application_id"], e["attempt"]),
    "record_review": lambda s, e: s.record_review_outcome(
        e["application_id"],
        e["attempt"],
        e["review"]["decision"],
        e["review"].get("reasons", []),
        e["review"].get("officer", "officer"),
    ),
    "issue": lambda s, e: issuance_service(settings).issue(e["application_id"], e["attempt"]),
    # Biometric recording (perekaman): the plan, the wait on an officer's capture, its timeouts, its outcome.
    "plan_recording": lambda s, e: s.plan_recording(e["application_id"], e["attempt"]),
    "request_recording": lambda s, e: s.request_recording(e["application_id"], e["attempt"], e["task_token"]),
    "remind_recording": lambda s, e: s.remind_recording(e["application_id"], e["attempt"]),
    "recording_officer_task": lambda s, e: s.recording_officer_task(e["application_id"], e["attempt"]),
    "record_recording": lambda s, e: s.record_recording(e["application_id"], e["attempt"]),
    "recording_missed": lambda s, e: s.recording_missed(e["application_id"], e["attempt"]),
    # Field verification of domicile (verifikasi lapangan): the wait on an officer's visit, its timeouts, its answer.
    "request_field_visit": lambda s, e: s.request_field_visit(
        e["application_id"], e["attempt"], e["task_token"]
    ),
    "remind_field_visit": lambda s, e: s.remind_field_visit(e["application_id"], e["attempt"]),
    "field_visit_missed": lambda s, e: s.field_visit_missed(e["application_id"], e["attempt"]),
    "record_field_visit": lambda s, e: s.record_field_visit(e["application_id"], e["attempt"]),
    "record_failure": lambda s, e: s.record_failure(
        e["application_id"], e["attempt"], str((e.get("error") or {}).get("Error", "Unknown"))
    ),
}


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return run_step(logger, STEPS, chain_service(settings), event)
