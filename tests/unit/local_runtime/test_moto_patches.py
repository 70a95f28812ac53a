"""The local runtime's moto speedups answer every Query exactly as moto does without them."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from local_runtime import moto_patches


@pytest.fixture
def ddb(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-3")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        client = boto3.client("dynamodb")
        client.create_table(
            TableName="apps",
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[
                {"AttributeName": "PK", "KeyType": "HASH"},
                {"AttributeName": "SK", "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[
                {"AttributeName": a, "AttributeType": "S"} for a in ("PK", "SK", "owner", "created")
            ],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "by-owner",
                    "KeySchema": [
                        {"AttributeName": "owner", "KeyType": "HASH"},
                        {"AttributeName": "created", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
        )
        client.create_table(
            TableName="people",
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "nik", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "nik", "AttributeType": "S"}],
        )
        for app in range(12):
            owner = f"owner-{app % 4}"
            client.put_item(
                TableName="apps",
                Item={
                    "PK": {"S": f"APP#{app:02d}"},
                    "SK": {"S": "META"},
                    "owner": {"S": owner},
                    "created": {"S": f"2026-11-{app + 1:02d}"},
                    "n": {"N": str(app)},
                },
            )
            for event in range(7):
                client.put_item(
                    TableName="apps",
                    Item={
                        "PK": {"S": f"APP#{app:02d}"},
                        "SK": {"S": f"EVT#{event:03d}"},
                        "n": {"N": str(event)},
                    },
                )
        for nik in ("3171010101900001", "3171010101900002"):
            client.put_item(TableName="people", Item={"nik": {"S": nik}, "name": {"S": "x"}})
        yield client
    moto_patches.uninstall()


def _count(pages: list[list[dict[str, Any]]]) -> int:
    return sum(len(page) for page in pages)


def _all_pages(client: Any, **kwargs: Any) -> list[list[dict[str, Any]]]:
    pages = []
    while True:
        page = client.query(**kwargs)
        pages.append(page["Items"])
        if "LastEvaluatedKey" not in page:
            return pages
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


QUERIES: list[dict[str, Any]] = [
    {"KeyConditionExpression": "PK = :p", "ExpressionAttributeValues": {":p": {"S": "APP#03"}}},
    {
        "KeyConditionExpression": "PK = :p AND begins_with(SK, :e)",
        "ExpressionAttributeValues": {":p": {"S": "APP#05"}, ":e": {"S": "EVT#"}},
        "ScanIndexForward": False,
        "Limit": 3,
    },
    {
        "KeyConditionExpression": "PK = :p",
        "FilterExpression": "n > :k",
        "ExpressionAttributeValues": {":p": {"S": "APP#07"}, ":k": {"N": "3"}},
        "Limit": 4,
    },
    {"KeyConditionExpression": "PK = :p", "ExpressionAttributeValues": {":p": {"S": "APP#99"}}},
    {
        "IndexName": "by-owner",
        "KeyConditionExpression": "#o = :o",
        "ExpressionAttributeNames": {"#o": "owner"},
        "ExpressionAttributeValues": {":o": {"S": "owner-1"}},
    },
    {
        "IndexName": "by-owner",
        "KeyConditionExpression": "#o = :o AND created > :c",
        "ExpressionAttributeNames": {"#o": "owner"},
        "ExpressionAttributeValues": {":o": {"S": "owner-2"}, ":c": {"S": "2026-11-03"}},
        "ScanIndexForward": False,
        "Limit": 1,
    },
    {
        "IndexName": "by-owner",
        "KeyConditionExpression": "#o = :o",
        "ExpressionAttributeNames": {"#o": "owner"},
        "ExpressionAttributeValues": {":o": {"S": "nobody"}},
    },
]


def test_queries_answer_the_same_with_the_speedups(ddb: Any) -> None:
    def run() -> list[Any]:
        answers: list[Any] = [_all_pages(ddb, TableName="apps", **q) for q in QUERIES]
        answers.append(
            _all_pages(
                ddb,
                TableName="people",
                KeyConditionExpression="nik = :n",
                ExpressionAttributeValues={":n": {"S": "3171010101900002"}},
            )
        )
        return answers

    plain = run()
    assert [_count(pages) for pages in plain[:5]] == [8, 7, 4, 0, 3]  # the queries select something
    moto_patches.install()
    fast = run()
    assert fast == plain
    ddb.delete_item(TableName="apps", Key={"PK": {"S": "APP#03"}, "SK": {"S": "EVT#000"}})
    assert _count(_all_pages(ddb, TableName="apps", **QUERIES[0])) == 7  # sees writes at once


def test_the_step_functions_engine_reuses_one_client_per_service(ddb: Any) -> None:
    from moto.stepfunctions.parser.asl.component.state.exec.state_task import lambda_eval_utils
    from moto.stepfunctions.parser.asl.utils import boto_client

    moto_patches.install()
    first = lambda_eval_utils.boto_client_for("ap-southeast-3", "lambda")
    assert boto_client.boto_client_for("ap-southeast-3", "lambda") is first
    assert boto_client.boto_client_for("ap-southeast-3", "sqs") is not first
    moto_patches.uninstall()
    assert lambda_eval_utils.boto_client_for("ap-southeast-3", "lambda") is not first


def test_a_task_token_call_is_not_broken_by_an_execution_that_is_starting() -> None:
    """moto looked into every RUNNING execution's worker, None while one starts: a 500 for every caller."""
    from types import SimpleNamespace

    from moto.stepfunctions.parser.api import ExecutionStatus, InvalidToken
    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    starting = SimpleNamespace(status=ExecutionStatus.RUNNING, exec_worker=None)
    backend = StepFunctionsParserBackend.__new__(StepFunctionsParserBackend)
    backend.state_machines = [SimpleNamespace(executions=[starting])]
    with pytest.raises(AttributeError):
        backend.send_task_success("token", "{}")
    moto_patches.install()
    try:
        with pytest.raises(InvalidToken):  # nobody waits for this token: AWS's answer
            backend.send_task_success("token", "{}")
    finally:
        moto_patches.uninstall()


def test_install_refuses_a_moto_version_the_patches_were_not_tested_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from moto.awslambda.models import LambdaFunction
    from moto.dynamodb.models.table import Table

    monkeypatch.setattr(moto_patches, "installed_moto_version", lambda: "5.3.0")
    query, invoke_lambda = Table.query, LambdaFunction._invoke_lambda
    with pytest.raises(RuntimeError) as refused:
        moto_patches.install(lambda name, event: ("{}", False, ""))
    message = str(refused.value)
    assert "moto 5.3.0 is installed" in message
    assert "tested on moto 5.2.5" in message
    assert Table.query is query and LambdaFunction._invoke_lambda is invoke_lambda  # nothing patched


def test_the_tested_moto_versions_include_the_pin_in_pyproject() -> None:
    import re
    from pathlib import Path

    pyproject = (Path(__file__).resolve().parents[3] / "pyproject.toml").read_text()
    pins = re.findall(r'"moto\[[^\]]*\]==([^"]+)"', pyproject)
    assert pins and all(pin in moto_patches.TESTED_MOTO_VERSIONS for pin in pins)


def test_lambda_invocations_go_to_the_given_callable_until_released(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import json
    import zipfile

    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-3")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    calls: list[tuple[str, Any]] = []

    def invoke(name: str, event: Any) -> tuple[str, bool, str]:
        calls.append((name, json.loads(event) if isinstance(event, (str, bytes)) else event))
        return json.dumps({"answered": name}), False, ""

    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return event\n")
    with mock_aws():
        role = boto3.client("iam").create_role(
            RoleName="fn", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []})
        )["Role"]["Arn"]
        lam = boto3.client("lambda")
        lam.create_function(
            FunctionName="checker",
            Runtime="python3.12",
            Role=role,
            Handler="handler.handler",
            Code={"ZipFile": code.getvalue()},
        )
        moto_patches.install(invoke)
        try:
            answer = lam.invoke(FunctionName="checker", Payload=json.dumps({"stage": "nik"}))
            assert json.loads(answer["Payload"].read()) == {"answered": "checker"}
            assert calls == [("checker", {"stage": "nik"})]
        finally:
            moto_patches.release_lambda_invocations()
        from moto.awslambda.models import LambdaFunction

        assert LambdaFunction._invoke_lambda.__qualname__ == "LambdaFunction._invoke_lambda"
    moto_patches.uninstall()


def test_unflushed_metrics_are_forgotten_only_when_metrics_are_disabled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from aws_lambda_powertools import Metrics

    metrics = Metrics(namespace="ektp-test", service="patches")
    try:
        monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "false")
        metrics.add_metric(name="Checked", unit="Count", value=1)
        moto_patches.forget_unflushed_metrics()
        assert "Checked" in Metrics._metrics  # enabled: the flush at the end of the invocation sends them
        monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "true")
        moto_patches.forget_unflushed_metrics()
        assert Metrics._metrics == {}
    finally:
        metrics.clear_metrics()


def _parallel_conditional_increments(client: Any, threads: int, limit: int) -> int:
    """`threads` UpdateItems at once, each allowed only while the counter is below `limit`; how many succeeded."""
    client.put_item(TableName="people", Item={"nik": {"S": "counter"}, "n": {"N": "0"}})
    start = threading.Barrier(threads)
    passed: list[bool] = []

    def increment() -> None:
        start.wait()
        try:
            client.update_item(
                TableName="people",
                Key={"nik": {"S": "counter"}},
                UpdateExpression="ADD n :one",
                ConditionExpression="n < :limit",
                ExpressionAttributeValues={":one": {"N": "1"}, ":limit": {"N": str(limit)}},
            )
            passed.append(True)
        except client.exceptions.ConditionalCheckFailedException:
            passed.append(False)

    workers = [threading.Thread(target=increment) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(passed)


def test_parallel_conditional_writes_pass_their_condition_no_more_often_than_dynamodb_allows(
    ddb: Any,
) -> None:
    # Without the patch moto checks and writes without a lock, and with threads switching this often more than
    # `limit` of these pass (measured on moto 5.2.5: 6, 17, 8 and 7 in ten rounds).
    moto_patches.install()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for _ in range(5):
            assert _parallel_conditional_increments(ddb, threads=24, limit=5) == 5
        stored = ddb.get_item(TableName="people", Key={"nik": {"S": "counter"}})["Item"]["n"]["N"]
        assert stored == "5"
    finally:
        sys.setswitchinterval(interval)
        moto_patches.uninstall()
