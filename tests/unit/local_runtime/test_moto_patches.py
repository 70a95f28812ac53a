"""The local runtime's moto speedups answer every Query exactly as moto does without them."""

from __future__ import annotations

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
