"""The verification chain on Step Functions."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from botocore.exceptions import ClientError

from ektp.adapters.aws import client


class StepFunctionsWorkflow:
    def __init__(self, state_machine_arn: str) -> None:
        self._arn = state_machine_arn
        self._sfn = client("stepfunctions")

    def start(self, name: str, payload: Mapping[str, Any]) -> str:
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
        self._sfn.send_task_success(taskToken=token, output=json.dumps(output))
