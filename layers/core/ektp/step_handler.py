"""The one shape of a Step Functions task handler (chain and biometrics): route by `step`, and let no error
message reach the execution history, which keeps the cause and can be read by operators.

Errors leave under one of two names, which the state machines' Retry entries match (infra/pipeline.py):
`TransientStepError` (throttling, a service briefly unavailable, a timeout, a lost optimistic write: the step
is idempotent, so running it again is safe and usually succeeds) and `StepFailed` (anything else: a bug or
bad data, which a retry would only repeat)."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from aws_lambda_powertools import Logger
from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotocoreConnectionError

from ektp.ports import ConflictError
from ektp.services.chain import StaleAttempt
from ektp.services.step_results import StepResult

Service = TypeVar("Service")

# AWS error codes that mean "try again later", from any service a step calls (DynamoDB, S3, KMS, SQS,
# EventBridge, Step Functions). botocore retries these itself first; they reach a step only once its own
# attempts are spent, and Step Functions then retries the whole step with a longer, jittered backoff.
TRANSIENT_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottled",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "RequestLimitExceeded",
        "LimitExceededException",
        "BandwidthLimitExceeded",
        "SlowDown",
        "TransactionConflictException",
        "TransactionInProgressException",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "InternalError",
        "InternalFailure",
        "InternalServerError",
        "InternalServerException",
        "RequestTimeout",
        "RequestTimeoutException",
        "PriorRequestNotComplete",
        "KMSInternalException",
        "DependencyTimeoutException",
        "KmsThrottled",
    }
)
TRANSIENT_HTTP_STATUSES = frozenset({429, 500, 502, 503, 504})


class StepFailed(Exception):
    """A step failed for good; the message is the original error's type only (a message can quote personal
    data)."""


class TransientStepError(Exception):
    """A step failed on a fault that passes (the Retry entries match this name); the message is the error's
    type and AWS error code only."""


def _where(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}"


def error_name(exc: BaseException) -> str:
    """The type, and for an AWS error its code: names, never a message (which can quote a value)."""
    if isinstance(exc, ClientError):
        return f"{type(exc).__name__}:{exc.response.get('Error', {}).get('Code', '')}"
    return type(exc).__name__


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, ConflictError):  # a concurrent writer won; the idempotent step reads again
        return True
    if isinstance(exc, (BotocoreConnectionError, HTTPClientError, TimeoutError)):  # network, timeouts
        return True
    if isinstance(exc, ClientError):
        code = exc.response.get("Error", {}).get("Code", "")
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return code in TRANSIENT_CODES or status in TRANSIENT_HTTP_STATUSES
    return False


def run_step(
    logger: Logger,
    steps: Mapping[str, Callable[[Service, dict[str, Any]], dict[str, Any] | StepResult]],
    service: Service,
    event: dict[str, Any],
) -> dict[str, Any]:
    step = event["step"]
    keys = {
        "step": step,
        "application_id": event.get("application_id"),
        "attempt": event.get("attempt"),
        "batch_id": event.get("batch_id"),
    }
    with _step_keys(logger, {k: v for k, v in keys.items() if v is not None}):
        return _run(logger, steps[step], service, event)


@contextmanager
def _step_keys(logger: Logger, keys: dict[str, object]) -> Iterator[None]:
    """The step's keys on the log lines of this thread (its context) only, while the step runs. Checks that run
    at once in one process (the chain's Parallel branches, as the local runtime runs them) share the logger,
    and keys appended to it (append_keys) are global: a line would name whichever check started last."""
    before = dict(logger.thread_safe_get_current_keys())
    logger.thread_safe_append_keys(**keys)
    try:
        yield
    finally:
        logger.thread_safe_clear_keys()  # a new mapping: nothing shared with another context is changed
        logger.thread_safe_append_keys(**before)


def _run(
    logger: Logger,
    step: Callable[[Service, dict[str, Any]], dict[str, Any] | StepResult],
    service: Service,
    event: dict[str, Any],
) -> dict[str, Any]:
    try:
        returned = step(service, event)
    except StaleAttempt:
        raise  # its message holds no data, and the chain's Catch records it as such
    except Exception as exc:
        name = error_name(exc)
        transient = is_transient(exc)
        logger.error("step failed", extra={"error": name, "at": _where(exc), "transient": transient})
        raise (TransientStepError if transient else StepFailed)(name) from None
    result = returned.payload() if isinstance(returned, StepResult) else returned  # what the history keeps
    logger.info("step done", extra={"result": result})
    return result
