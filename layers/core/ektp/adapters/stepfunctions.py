"""The verification chain on Step Functions."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from botocore.exceptions import ClientError

from ektp.adapters.aws import client
from ektp.ports import TaskGone


class StepFunctionsWorkflow:
    def __init__(self, state_machine_arn: str | None = None) -> None:
        self._arn = state_machine_arn or ""  # None: a caller that only answers task tokens
        self._sfn = client("stepfunctions")

    def start(self, name: str, payload: Mapping[str, Any]) -> str:
        if not self._arn:
            raise RuntimeError("this workflow adapter has no state machine to start")
        try:
            response = self._sfn.start_execution(
                stateMachineArn=self._arn, name=name, input=json.dumps(payload)
            )
            return str(response["executionArn"])
        except ClientError as exc:
            # A retried submit reuses the name: the execution already running is the answer, not a second one.
            if exc.response.get("Error", {}).get("Code") == "ExecutionAlreadyExists":
                prefix, _, machine = self._arn.partition(":stateMachine:")
                return f"{prefix}:execution:{machine}:{name}"
            raise

    def send_task_success(self, token: str, output: Mapping[str, Any]) -> None:
        with _token_errors():
            self._sfn.send_task_success(taskToken=token, output=json.dumps(output))

    def send_task_failure(self, token: str, error: str, cause: str) -> None:
        with _token_errors():
            self._sfn.send_task_failure(taskToken=token, error=error, cause=cause)


_GONE = {"TaskTimedOut", "TaskDoesNotExist", "InvalidToken"}


@contextmanager
def _token_errors() -> Iterator[None]:
    try:
        yield
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in _GONE:
            raise TaskGone(exc.response["Error"]["Code"]) from None
        raise
