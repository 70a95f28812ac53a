"""The biometric steps of the chain and of the 1:N sweep (container image: dlib, nbis), routed by `step`.

Inputs and outputs are ids and counts only: templates stay in the biometrics bucket, candidates in the
application's stage records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.config import BiometricSettings
from ektp.domain.stages import Step
from ektp.services.biometrics import BiometricService
from ektp.services.gallery_search import GallerySearchService
from ektp.services.step_results import StepResult
from ektp.step_handler import run_step
from ektp.wiring import biometric_service, gallery_search_service

logger = Logger(service="ektp-biometrics")
settings = BiometricSettings.load()

STEPS: dict[str, Callable[[BiometricService, dict[str, Any]], StepResult]] = {
    Step.MATCH_FACES: lambda s, e: s.match_faces(e["application_id"], e["attempt"]),
    Step.ENROL_TEMPLATE: lambda s, e: s.enrol_template(e["application_id"], e["attempt"]),
}
# The batched 1:N sweep (its own state machine; see ektp.services.gallery_search).
SWEEP_STEPS: dict[str, Callable[[GallerySearchService, dict[str, Any]], StepResult]] = {
    Step.PLAN_SWEEP: lambda s, e: s.plan_sweep(e["batch_id"]),
    Step.SEARCH_SHARD: lambda s, e: s.search_shard(e["batch_id"], e["shard"]["key"]),
    Step.FINISH_SWEEP: lambda s, e: s.finish_sweep(e["batch_id"]),
    Step.FAIL_SWEEP: lambda s, e: s.fail_sweep(e["batch_id"]),
}


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if event.get("step") in SWEEP_STEPS:
        return run_step(logger, SWEEP_STEPS, gallery_search_service(settings), event)
    return run_step(logger, STEPS, biometric_service(settings), event)
