"""The verification chain's light steps, one Lambda routed by the `step` field of the task input.

Inputs carry ids only (application id, attempt, and the task token for review), never personal data, so the
Step Functions execution history holds none.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.config import ChainSettings
from ektp.services.chain import ChainService, StaleAttempt
from ektp.wiring import chain_service, issuance_service

logger = Logger(service="ektp-chain")
settings = ChainSettings.load()

STEPS: dict[str, Callable[[ChainService, dict[str, Any]], dict[str, Any]]] = {
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
    "record_failure": lambda s, e: s.record_failure(
        e["application_id"], e["attempt"], str((e.get("error") or {}).get("Error", "Unknown"))
    ),
}


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    step = event["step"]
    logger.append_keys(step=step, application_id=event.get("application_id"), attempt=event.get("attempt"))
    try:
        result = STEPS[step](chain_service(settings), event)
    except StaleAttempt:
        raise
    except Exception as exc:
        # The message of an arbitrary error can quote personal data, and Step Functions keeps the cause in
        # the execution history: log the type and where it happened, pass on only the type.
        logger.error("step failed", extra={"error": type(exc).__name__, "at": _where(exc)})
        raise StepFailed(type(exc).__name__) from None
    logger.info("step done", extra={"result": result})
    return result


class StepFailed(Exception):
    """A chain step failed; the message is the original error's type only."""


def _where(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}"
