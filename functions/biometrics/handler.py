"""The biometric steps of the chain (container image: dlib, nbis), routed by the task input's `step`.

Inputs and outputs are ids and counts only: templates stay in the biometrics bucket, candidates in the
application's stage records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.config import BiometricSettings
from ektp.services.biometrics import BiometricService
from ektp.step_handler import run_step
from ektp.wiring import biometric_service

logger = Logger(service="ektp-biometrics")
settings = BiometricSettings.load()

STEPS: dict[str, Callable[[BiometricService, dict[str, Any]], dict[str, Any]]] = {
    "match_faces": lambda s, e: s.match_faces(e["application_id"], e["attempt"]),
    "plan_search": lambda s, e: s.plan_search(e["application_id"], e["attempt"]),
    "search_shard": lambda s, e: s.search_shard(e["application_id"], e["attempt"], e["shard"]["key"]),
    "merge_search": lambda s, e: s.merge_search(e["application_id"], e["attempt"]),
    "enrol": lambda s, e: s.enrol_template(e["application_id"], e["attempt"]),
}


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return run_step(logger, STEPS, biometric_service(settings), event)
