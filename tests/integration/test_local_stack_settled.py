"""LocalStack.wait_settled: a test that resets shared state (the gallery) first waits until no execution of the
shared stack is between steps, so another test's chain cannot write into that state afterwards.

The race it closes (a clean-clone CI run, and reproduced under load): the officer-duties test ended at APPROVED;
its chain's EnrolTemplate ran after the field-visit test had emptied the gallery, enrolled the shared test face
under that NIK, and the field-visit application's 1:N search found it (FACE_DUPLICATE -> IN_REVIEW)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from local_runtime import LocalStack

ROLE = "arn:aws:iam::123456789012:role/local-settle-test"


def _machine(stack: LocalStack, definition: dict[str, Any]) -> str:
    sfn = stack.client("stepfunctions")
    created = sfn.create_state_machine(
        name=f"settle-{uuid.uuid4().hex[:8]}", definition=json.dumps(definition), roleArn=ROLE
    )
    return str(created["stateMachineArn"])


def _start(stack: LocalStack, machine: str, **given: Any) -> tuple[str, str]:
    """Its name and ARN."""
    name = f"settle-{uuid.uuid4().hex[:8]}"
    started = stack.client("stepfunctions").start_execution(
        stateMachineArn=machine, name=name, input=json.dumps(given)
    )
    return name, str(started["executionArn"])


def _status(stack: LocalStack, execution: str) -> str:
    return str(stack.client("stepfunctions").describe_execution(executionArn=execution)["status"])


@pytest.fixture
def pausing(stack: LocalStack) -> Iterator[str]:
    """A machine whose executions are busy (a Wait state stands for a step still to run) for `seconds`."""
    machine = _machine(
        stack,
        {
            "StartAt": "Pause",
            "States": {
                "Pause": {"Type": "Wait", "SecondsPath": "$.seconds", "Next": "Done"},
                "Done": {"Type": "Succeed"},
            },
        },
    )
    yield machine
    stack.client("stepfunctions").delete_state_machine(stateMachineArn=machine)


@pytest.fixture
def asking(stack: LocalStack) -> Iterator[tuple[str, str]]:
    """A machine whose executions hand a task token out (on a queue of its own) and wait for the answer, as the
    chain waits for an officer or a field visit; and that queue's URL."""
    queue = stack.client("sqs").create_queue(QueueName=f"settle-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    machine = _machine(
        stack,
        {
            "StartAt": "Ask",
            "States": {
                "Ask": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters": {"QueueUrl": queue, "MessageBody": {"token.$": "$$.Task.Token"}},
                    "End": True,
                }
            },
        },
    )
    yield machine, queue
    stack.client("stepfunctions").delete_state_machine(stateMachineArn=machine)
    stack.client("sqs").delete_queue(QueueUrl=queue)


def test_settling_waits_for_an_execution_between_steps(stack: LocalStack, pausing: str) -> None:
    _, execution = _start(stack, pausing, seconds=2)
    assert _status(stack, execution) == "RUNNING"  # what a test resetting shared state would race with
    stack.wait_settled()
    assert _status(stack, execution) == "SUCCEEDED"


def test_an_execution_waiting_on_a_task_token_is_settled(stack: LocalStack, asking: tuple[str, str]) -> None:
    machine, queue = asking
    _, execution = _start(stack, machine)
    sqs = stack.client("sqs")
    messages: list[dict[str, Any]] = []
    while not messages:  # the token is out: the execution only waits now
        messages = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=1).get("Messages", [])
    stack.wait_settled()  # returns although the execution runs: only an answer moves it on
    assert _status(stack, execution) == "RUNNING"
    token = json.loads(messages[0]["Body"])["token"]
    stack.client("stepfunctions").send_task_success(taskToken=token, output="{}")
    stack.wait_settled()
    assert _status(stack, execution) == "SUCCEEDED"


def test_an_execution_that_stays_between_steps_is_named_when_settling_times_out(
    stack: LocalStack, pausing: str
) -> None:
    name, execution = _start(stack, pausing, seconds=30)
    with pytest.raises(TimeoutError, match=name):
        stack.wait_settled(timeout=0.5)
    stack.client("stepfunctions").stop_execution(executionArn=execution)
