"""A step's error leaves under a name the state machines' Retry entries match: transient faults as
TransientStepError (retried), everything else as StepFailed (caught, recorded), never with its message."""

from __future__ import annotations

from typing import Any

import pytest
from aws_lambda_powertools import Logger
from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError

from ektp.ports import ConflictError
from ektp.services.chain import StaleAttempt
from ektp.step_handler import StepFailed, TransientStepError, run_step

NIK = "3171015403010023"


def _client_error(code: str, status: int = 400) -> ClientError:
    return ClientError(
        {"Error": {"Code": code, "Message": f"about {NIK}"}, "ResponseMetadata": {"HTTPStatusCode": status}},
        "TransactWriteItems",
    )


def _run(exc: BaseException) -> None:
    def step(_: object, __: dict[str, Any]) -> dict[str, Any]:
        raise exc

    run_step(
        Logger(service="test"), {"s": step}, object(), {"step": "s", "application_id": "X", "attempt": 1}
    )


@pytest.mark.parametrize(
    "exc",
    [
        _client_error("ThrottlingException"),
        _client_error("ProvisionedThroughputExceededException"),
        _client_error("TransactionConflictException"),
        _client_error("ServiceUnavailable", 503),
        _client_error("SomethingNew", 503),  # an unlisted code with a 5xx status
        _client_error("KMSInternalException", 500),
        _client_error("TooManyRequestsException", 429),
        ConflictError(f"condition failed for {NIK}"),
        EndpointConnectionError(endpoint_url="https://dynamodb.ap-southeast-3.amazonaws.com"),
        ReadTimeoutError(endpoint_url="https://s3.ap-southeast-3.amazonaws.com"),
        TimeoutError(),
    ],
    ids=lambda e: (
        type(e).__name__ + (f":{e.response['Error']['Code']}" if isinstance(e, ClientError) else "")
    ),
)
def test_transient_faults_are_raised_as_transient_step_error(exc: BaseException) -> None:
    with pytest.raises(TransientStepError) as raised:
        _run(exc)
    assert NIK not in str(raised.value)


@pytest.mark.parametrize(
    "exc",
    [
        _client_error("AccessDeniedException"),
        _client_error("ValidationException"),
        _client_error("ConditionalCheckFailedException"),
        KeyError(NIK),
        ValueError(f"bad NIK {NIK}"),
    ],
    ids=lambda e: (
        type(e).__name__ + (f":{e.response['Error']['Code']}" if isinstance(e, ClientError) else "")
    ),
)
def test_other_errors_are_step_failed_without_their_message(exc: BaseException) -> None:
    with pytest.raises(StepFailed) as raised:
        _run(exc)
    assert NIK not in str(raised.value) and str(raised.value).startswith(type(exc).__name__)


def test_a_stale_attempt_passes_through_unchanged() -> None:
    with pytest.raises(StaleAttempt):
        _run(StaleAttempt("attempt 1 is not current"))
