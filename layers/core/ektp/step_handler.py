"""The one shape of a Step Functions task handler (chain and biometrics): route by `step`, and let no error
message reach the execution history, which keeps the cause and can be read by operators."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from aws_lambda_powertools import Logger

from ektp.services.chain import StaleAttempt

Service = TypeVar("Service")


class StepFailed(Exception):
    """A step failed; the message is the original error's type only (a message can quote personal data)."""


def _where(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}"


def run_step(
    logger: Logger,
    steps: Mapping[str, Callable[[Service, dict[str, Any]], dict[str, Any]]],
    service: Service,
    event: dict[str, Any],
) -> dict[str, Any]:
    step = event["step"]
    logger.append_keys(
        step=step,
        application_id=event.get("application_id"),
        attempt=event.get("attempt"),
        batch_id=event.get("batch_id"),
    )
    try:
        result = steps[step](service, event)
    except StaleAttempt:
        raise  # its message holds no data, and the chain's Catch records it as such
    except Exception as exc:
        logger.error("step failed", extra={"error": type(exc).__name__, "at": _where(exc)})
        raise StepFailed(type(exc).__name__) from None
    logger.info("step done", extra={"result": result})
    return result
