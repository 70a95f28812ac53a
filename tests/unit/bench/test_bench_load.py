"""The load test's checks (bench/load.py): each fails on a fake inventory with a lost, duplicated or stuck item,
and the two fidelity fixes of the local runtime do what they claim."""

from __future__ import annotations

import threading
import time
from collections import Counter
from contextlib import nullcontext
from types import SimpleNamespace
from typing import Any

import boto3
import pytest
from moto import mock_aws

from bench import load
from bench.load import Inventory, Submission, execution_name, verify
from ektp.domain.status import FINAL, ApplicationStatus


def _submission(app: str, owner: str, submits: int = 1) -> Submission:
    return Submission(
        resident=owner,
        registration_number=app,
        uploads=[(doc, f"{app}-{doc}") for doc in load.DOC_TYPES],
        submits=submits,
        registered_at=100.0,
        submitted_at=110.0,
    )


def _consistent() -> tuple[list[Submission], Inventory]:
    """Three residents, each with one application at an end status: every check passes."""
    apps = {"AAAA-0001": ("ISSUED", "u1"), "BBBB-0002": ("IN_REVIEW", "u2"), "CCCC-0003": ("REJECTED", "u3")}
    submissions = [_submission(app, owner) for app, (_, owner) in apps.items()]
    inventory = Inventory(
        applications=[
            {"id": app, "owner": owner, "status": status, "attempt": 1, "codes": []}
            for app, (status, owner) in apps.items()
        ],
        documents=[(app, doc, f"{app}-{doc}") for app in apps for doc in load.DOC_TYPES],
        end_times={app: 130.0 for app in apps},
        executions=[
            (execution_name(app, 1), "RUNNING" if status == "IN_REVIEW" else "SUCCEEDED")
            for app, (status, _) in apps.items()
        ],
        sweeps=[("sweep-1", "SUCCEEDED")],
        dead_letters={"ChainDLQ": 0},
        queued={"OcrQueue": 0},
    )
    return submissions, inventory


def _failed(checks: list[load.Check]) -> dict[str, str]:
    return {c.name: c.detail for c in checks if not c.ok}


def test_a_consistent_inventory_passes_every_check() -> None:
    submissions, inventory = _consistent()
    checks = verify(submissions, inventory)
    assert _failed(checks) == {}
    assert len(checks) == 9


def test_a_lost_application_and_a_stuck_one_fail_no_application_lost() -> None:
    submissions, inventory = _consistent()
    inventory.applications = [a for a in inventory.applications if a["id"] != "AAAA-0001"]
    inventory.applications[0]["status"] = "VERIFYING"
    failed = _failed(verify(submissions, inventory))
    assert "accepted but not in the table: AAAA-0001" in failed["no application lost"]
    assert "not at an end status: BBBB-0002 VERIFYING" in failed["no application lost"]


def test_a_duplicated_application_fails_no_application_duplicated() -> None:
    submissions, inventory = _consistent()
    # the same resident's retried registration stored twice under two ids, one of which no client saw
    inventory.applications.append(
        {"id": "DDDD-0004", "owner": "u1", "status": "DRAFT", "attempt": 0, "codes": []}
    )
    failed = _failed(verify(submissions, inventory))
    detail = failed["no application duplicated"]
    assert "residents with more than one application: u1" in detail
    assert "applications no client was given: DDDD-0004" in detail


def test_a_missing_and_a_duplicated_document_record_fail() -> None:
    submissions, inventory = _consistent()
    lost = ("AAAA-0001", "KK", "AAAA-0001-KK")
    inventory.documents.remove(lost)
    inventory.documents.append(("BBBB-0002", "PHOTO", "BBBB-0002-PHOTO"))  # recorded twice
    inventory.documents.append(("CCCC-0003", "PHOTO", "an-orphan-slot"))
    detail = _failed(verify(submissions, inventory))["one document record per upload"]
    assert f"uploads without a record: {lost}" in detail
    assert "uploads recorded more than once: ('BBBB-0002', 'PHOTO', 'BBBB-0002-PHOTO')" in detail
    assert "records without an upload: ('CCCC-0003', 'PHOTO', 'an-orphan-slot')" in detail


def test_a_missing_a_doubled_and_an_unexpected_execution_fail() -> None:
    submissions, inventory = _consistent()
    inventory.executions = [
        (execution_name("BBBB-0002", 1), "RUNNING"),
        (execution_name("CCCC-0003", 1), "SUCCEEDED"),
        (execution_name("CCCC-0003", 1), "SUCCEEDED"),
        (execution_name("CCCC-0003", 2), "SUCCEEDED"),
    ]
    detail = _failed(verify(submissions, inventory))["one chain execution per submit attempt"]
    assert "submit attempts without an execution: AAAA-0001-a1" in detail
    assert "executions without a submit attempt: CCCC-0003-a2" in detail
    assert "executions started twice: CCCC-0003-a1" in detail


def test_a_second_attempt_without_a_second_submit_fails() -> None:
    submissions, inventory = _consistent()
    inventory.applications[2]["attempt"] = 2
    inventory.executions.append((execution_name("CCCC-0003", 2), "SUCCEEDED"))
    detail = _failed(verify(submissions, inventory))["one chain execution per submit attempt"]
    assert "attempts differ from their submits: CCCC-0003 attempt 2, 1 submits" in detail


def test_failed_or_running_executions_fail_unless_waiting_for_an_officer() -> None:
    submissions, inventory = _consistent()
    inventory.executions[0] = (execution_name("AAAA-0001", 1), "RUNNING")  # ISSUED, yet still running
    inventory.executions[2] = (execution_name("CCCC-0003", 1), "FAILED")
    inventory.sweeps.append(("sweep-2", "TIMED_OUT"))
    detail = _failed(verify(submissions, inventory))["no execution failed or still running"]
    assert "chain executions failed: CCCC-0003-a1 FAILED" in detail
    assert "running, not waiting for an officer: AAAA-0001-a1" in detail
    assert "sweeps failed or running: sweep-2 TIMED_OUT" in detail
    assert "BBBB-0002" not in detail  # IN_REVIEW: its chain waits on the officer's task token


def test_dead_letters_queued_messages_errors_and_client_failures_fail() -> None:
    submissions, inventory = _consistent()
    inventory.dead_letters["ChainDLQ"] = 2
    inventory.queued["OcrQueue"] = 5
    inventory.applications[1]["status"] = "PROCESSING_ERROR"
    submissions.append(Submission(resident="u4", error="ReadTimeout: upload"))
    failed = _failed(verify(submissions, inventory))
    assert failed["no dead letters"] == "1 in a dead-letter queue: ChainDLQ: 2"
    assert failed["every queue drained"] == "1 messages left: OcrQueue: 5"
    assert failed["no processing error"] == "1 applications in PROCESSING_ERROR: BBBB-0002"
    assert "u4: ReadTimeout: upload" in failed["every resident's client finished"]


def test_examples_are_capped() -> None:
    submissions, inventory = _consistent()
    inventory.dead_letters = {f"DLQ{i}": 1 for i in range(8)}
    detail = _failed(verify(submissions, inventory))["no dead letters"]
    assert detail.startswith("8 in a dead-letter queue") and detail.endswith("(+3 more)")


def test_end_statuses_follow_the_status_model() -> None:
    assert {s.value for s in FINAL} == load.FINAL_STATUSES
    assert load.WAITING_FOR_OFFICER == ApplicationStatus.IN_REVIEW
    assert load.PROCESSING_ERROR == ApplicationStatus.PROCESSING_ERROR
    assert ApplicationStatus.APPROVED not in load.END_STATUSES  # waited through: it goes on to ISSUED


def test_the_report_shows_figures_statuses_and_checks() -> None:
    submissions, inventory = _consistent()
    result = {
        "applications": 3,
        "concurrency": 2,
        "cores": 2,
        "load_average": {"before": [1.0, 1.0, 1.0], "after": [2.0, 1.5, 1.0]},
        "wall_s": 60.0,
        "applications_per_minute": 3.0,
        "submit_to_end_s": {"p50": 20.0, "p95": 30.0, "max": 31.0},
        "register_to_end_s": {"p50": 30.0, "p95": 40.0, "max": 41.0},
        "cpu_s_per_application": 4.5,
        "cpu_utilisation": 0.5,
        "statuses": {"IN_REVIEW": 2, "ISSUED": 1},
        "reason_codes": {"FACE_DUPLICATE": 2},
        "function_errors": {},
        "checks": [c.__dict__ for c in verify(submissions, inventory)],
    }
    text = load.markdown(result)
    assert "| throughput | 3.0 applications/min |" in text
    assert "| submit to end status: p50 / p95 / max | 20.0 / 30.0 / 31.0 s |" in text
    assert "| IN_REVIEW | 2 |" in text
    assert "| no application lost | ok:" in text


# --- the local runtime's fidelity fixes -------------------------------------------------------------------
def _table(ddb: Any) -> None:
    ddb.create_table(
        TableName="t",
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "PK", "AttributeType": "S"},
            {"AttributeName": "SK", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )


def _item(ddb: Any, pk: str, sk: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = ddb.get_item(
        TableName="t", Key={"PK": {"S": pk}, "SK": {"S": sk}}, ConsistentRead=True
    ).get("Item")
    return found


@pytest.mark.parametrize("isolated", [False, True])
def test_a_failed_transaction_erases_a_concurrent_write_only_without_the_fix(
    monkeypatch: pytest.MonkeyPatch, isolated: bool
) -> None:
    """A write that lands while a transaction runs survives that transaction's rollback with the fix; moto as
    shipped puts its whole-table snapshot back and the acknowledged write is gone."""
    from moto.dynamodb import models

    with mock_aws():
        ddb = boto3.client("dynamodb", region_name="ap-southeast-3")
        _table(ddb)
        ddb.put_item(TableName="t", Item={"PK": {"S": "APP#1"}, "SK": {"S": "META"}, "v": {"N": "1"}})
        real_get = models.DynamoDBBackend.get_item
        armed = {"writer": False}

        def get_item(self: Any, *args: Any, **kwargs: Any) -> Any:
            if armed["writer"]:  # another client's write, after the transaction began (and snapshotted)
                armed["writer"] = False
                self.put_item("t", {"PK": {"S": "APP#2"}, "SK": {"S": "META"}})
            return real_get(self, *args, **kwargs)

        monkeypatch.setattr(models.DynamoDBBackend, "get_item", get_item)
        armed["writer"] = True
        with (
            load.isolated_transactions() if isolated else nullcontext(),
            pytest.raises(ddb.exceptions.TransactionCanceledException),
        ):
            ddb.transact_write_items(
                TransactItems=[
                    {
                        "Update": {
                            "TableName": "t",
                            "Key": {"PK": {"S": "APP#1"}, "SK": {"S": "META"}},
                            "UpdateExpression": "SET v = :two",
                            "ExpressionAttributeValues": {":two": {"N": "2"}},
                        }
                    },
                    {
                        "Put": {
                            "TableName": "t",
                            "Item": {"PK": {"S": "APP#1"}, "SK": {"S": "DOC#1"}},
                            "ConditionExpression": "attribute_exists(PK)",  # fails: the item is new
                        }
                    },
                ]
            )
        meta = _item(ddb, "APP#1", "META")
        assert meta is not None and meta["v"] == {"N": "1"}  # the transaction's own update is rolled back
        assert _item(ddb, "APP#1", "DOC#1") is None
        assert (_item(ddb, "APP#2", "META") is not None) is isolated


def test_one_invocation_at_a_time_where_native_models_are_shared() -> None:
    """Every photo check and the match_faces step queue one at a time; other steps and functions do not."""
    running: Counter[str] = Counter()
    peak: Counter[str] = Counter()
    lock = threading.Lock()
    # The four calls of an unqueued kind can only all pass their barrier together: it proves they ran at
    # once, whatever the machine's load (a sleep-and-count would depend on the scheduler).
    together = {key: threading.Barrier(4, timeout=30) for key in ("biometrics:finish_sweep", "api:")}

    def invoke(name: str, event: Any) -> str:
        key = f"{name}:{event.get('step', '')}"
        with lock:
            running[key] += 1
            peak[key] = max(peak[key], running[key])
        if key in together:
            together[key].wait()
        else:
            time.sleep(0.05)
        with lock:
            running[key] -= 1
        return name

    functions = {
        name: SimpleNamespace(name=name, source=f"functions/{name}")
        for name in ("photo_check", "biometrics", "api")
    }
    stack = SimpleNamespace(
        dispatcher=SimpleNamespace(invoke=invoke), resources=SimpleNamespace(functions=functions)
    )
    calls = [
        ("photo_check", {}),
        ("biometrics", {"step": "match_faces"}),
        ("biometrics", {"step": "finish_sweep"}),
        ("api", {}),
    ] * 4
    with load.one_invocation_per_environment(stack):
        threads = [threading.Thread(target=stack.dispatcher.invoke, args=call) for call in calls]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert peak == {"photo_check:": 1, "biometrics:match_faces": 1, "biometrics:finish_sweep": 4, "api:": 4}
    assert stack.dispatcher.invoke is invoke  # restored
