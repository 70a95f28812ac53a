"""Faults on the local stack: throttling and transient errors, duplicated events, a crash between writes."""

from __future__ import annotations

import itertools
import json
import threading
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ClientError

from ektp.adapters.aws import client
from local_runtime import LocalStack
from local_runtime.stack import User
from tests.support.applicants import request_data


class Throttler:
    """Fails every n-th call of the given services with a throttling error, as AWS does under load."""

    def __init__(self, every: int) -> None:
        self.every = every
        self.counter = itertools.count(1)
        self.injected = 0
        self.lock = threading.Lock()

    def __call__(self, request: Any, **_: Any) -> AWSResponse | None:
        with self.lock:
            if next(self.counter) % self.every:
                return None
            self.injected += 1
        body = b'{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate exceeded"}'
        return AWSResponse(request.url, 400, {"x-amzn-ErrorType": "ThrottlingException"}, _Raw(body))


class _Raw:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.body

    def read(self) -> bytes:
        return self.body


@pytest.fixture
def throttled_dynamodb(stack: LocalStack) -> Iterator[Throttler]:
    throttler = Throttler(every=3)
    events = client("dynamodb").meta.events
    events.register("before-send.dynamodb", throttler, unique_id="fault-injection")
    yield throttler
    events.unregister("before-send.dynamodb", unique_id="fault-injection")


def test_throttled_dynamodb_is_retried_and_nothing_is_lost(
    stack: LocalStack, throttled_dynamodb: Throttler
) -> None:
    user = stack.user(f"fault-{uuid.uuid4().hex[:8]}")
    created = [stack.call("POST", "/applications", user, request_data()) for _ in range(5)]
    assert [c.status for c in created] == [201] * 5
    assert throttled_dynamodb.injected > 0
    listed = {a["registration_number"] for a in stack.call("GET", "/applications", user).json()}
    assert listed == {c.json()["registration_number"] for c in created}  # none lost, none duplicated


def test_a_duplicated_s3_event_records_one_document(stack: LocalStack) -> None:
    user = stack.user(f"dup-{uuid.uuid4().hex[:8]}")
    app_id = stack.call("POST", "/applications", user, request_data()).json()["registration_number"]
    ticket = stack.call(
        "POST", f"/applications/{app_id}/documents/POLICE_REPORT", user, {"content_type": "application/pdf"}
    )
    assert ticket.status == 422  # not for a NEW application: use one it allows
    ticket = stack.call(
        "POST", f"/applications/{app_id}/documents/KK", user, {"content_type": "application/pdf"}
    ).json()
    key = ticket["fields"]["key"]
    stack.upload(ticket, b"%PDF-1.4 not really a KK")

    def timeline() -> list[str]:
        return [e["kind"] for e in stack.call("GET", f"/applications/{app_id}", user).json()["timeline"]]

    before = timeline()
    # The same notification delivered again (S3 delivers at least once): intake and checkers change nothing.
    intake = next(n for n, spec in stack.resources.functions.items() if spec.source == "functions/intake")
    event = {
        "Records": [
            {
                "eventSource": "aws:s3",
                "eventName": "ObjectCreated:Post",
                "s3": {
                    "bucket": {"name": stack.upload_bucket, "arn": f"arn:aws:s3:::{stack.upload_bucket}"},
                    "object": {"key": key, "size": 24, "sequencer": "00AB"},
                },
            }
        ]
    }
    for _ in range(2):
        stack.dispatcher.invoke(intake, event)
    assert timeline() == before
    items = stack.client("dynamodb").query(
        TableName=stack.table_name,
        KeyConditionExpression="PK = :pk AND begins_with(SK, :doc)",
        ExpressionAttributeValues={":pk": {"S": f"APP#{app_id}"}, ":doc": {"S": "DOC#KK#"}},
    )["Items"]
    assert len(items) == 1


def _stored_as_submitted(stack: LocalStack, prefix: str) -> tuple[User, str]:
    """An application stored as SUBMITTED (attempt 1) whose chain never started, with nothing uploaded: the
    next submit starts it (the API's own submit would want every document first)."""
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.domain.status import ApplicationStatus

    user = stack.user(f"{prefix}-{uuid.uuid4().hex[:8]}")
    app_id = stack.call("POST", "/applications", user, request_data()).json()["registration_number"]
    repo = DynamoApplicationRepository(stack.table_name)
    record = repo.get(app_id)
    assert record is not None
    repo.save(record.model_copy(update={"status": ApplicationStatus.SUBMITTED, "attempt": 1}), record.version)
    return user, app_id


def test_a_crash_between_storing_submitted_and_starting_the_chain_is_recovered(stack: LocalStack) -> None:
    """The submit wrote SUBMITTED, then the start of the execution failed: the next submit finishes the job."""
    user, app_id = _stored_as_submitted(stack, "crash")
    resumed = stack.call("POST", f"/applications/{app_id}/submit", user)
    assert resumed.status == 200, resumed.body
    # The chain ran for attempt 1 (nothing was uploaded and the person is not in the registry, so a person
    # decides): the application is not stuck in SUBMITTED.
    final = stack.wait_for(app_id, {"REJECTED", "APPROVED", "IN_REVIEW", "PROCESSING_ERROR"})
    assert final["status"] == "IN_REVIEW"
    executions = stack.client("stepfunctions").list_executions(stateMachineArn=stack.state_machine_arn)[
        "executions"
    ]
    assert [e["name"] for e in executions].count(f"{app_id}-a1") == 1


def test_an_outage_is_a_catalogued_500_and_its_message_stays_out_of_logs(
    stack: LocalStack, capfd: pytest.CaptureFixture[str]
) -> None:
    user = stack.user(f"outage-{uuid.uuid4().hex[:8]}")

    def outage(request: Any, **_: Any) -> None:
        raise RuntimeError("simulated outage quoting NIK 3171015403010023")

    events = client("dynamodb").meta.events
    events.register("before-send.dynamodb", outage, unique_id="outage")
    try:
        response = stack.call("GET", "/applications", user)
    finally:
        events.unregister("before-send.dynamodb", unique_id="outage")
    assert response.status == 500
    assert response.json()["error"]["code"] == "INTERNAL_ERROR"
    out, err = capfd.readouterr()
    assert "3171015403010023" not in out + err + response.body
    assert stack.call("GET", "/applications", user).status == 200  # and it recovers when the store is back


# --- every chain step throttled once ----------------------------------------------------------------------
# The steps of an approved application (chain and biometrics functions, and the batched 1:N sweep).
APPROVED_PATH_STEPS = {
    "load",
    "completeness",
    "personal_data",
    "domicile",
    "documents",
    "duplicates",
    "match_faces",
    "plan_sweep",
    "finish_sweep",
    "decide",
    "record_decision",
    "enrol",
    "issue",
}


class StepThrottler:
    """The first AWS call of each Step Functions task (per step, application or batch, and shard) fails once
    with ThrottlingException, raised as botocore raises it once its own retries are spent: the step's
    dependencies fail, not the step's code."""

    def __init__(self, stack: LocalStack) -> None:
        self._stack = stack
        self._invoke = stack.dispatcher.invoke
        self._local = threading.local()
        self._seen: set[tuple[str, ...]] = set()
        self._lock = threading.Lock()
        self.throttled: set[str] = set()

    def invoke(self, name: str, event: Any) -> tuple[str, bool, str]:
        payload = json.loads(event) if isinstance(event, (str, bytes)) else (event or {})
        step = payload.get("step") if isinstance(payload, dict) else None
        key = (
            (
                name,
                str(step),
                str(payload.get("application_id") or payload.get("batch_id")),
                json.dumps(payload.get("shard"), sort_keys=True),
            )
            if step
            else None
        )
        with self._lock:
            first = key is not None and key not in self._seen
            if first:
                self._seen.add(key)  # type: ignore[arg-type]
        self._local.pending = str(step) if first else None
        try:
            return self._invoke(name, event)
        finally:
            self._local.pending = None

    def before_send(self, request: Any, event_name: str, **_: Any) -> None:
        step = getattr(self._local, "pending", None)
        if step is None:
            return
        self._local.pending = None
        self.throttled.add(step)
        error = {
            "Error": {"Code": "ThrottlingException", "Message": "Rate exceeded"},
            "ResponseMetadata": {"HTTPStatusCode": 400},
        }
        raise ClientError(error, event_name.rsplit(".", 1)[-1])  # type: ignore[arg-type]


@pytest.fixture
def short_retry_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """moto's ASL engine really sleeps a Retry's interval: keep the test short (the backoff itself is not
    under test here, only that the Retry matches)."""
    import time as real_time

    from moto.stepfunctions.parser.asl.component.common.retry import retrier_decl

    class _Time:
        @staticmethod
        def sleep(seconds: float) -> None:
            real_time.sleep(min(seconds, 0.05))

    monkeypatch.setattr(retrier_decl, "time", _Time)


@pytest.fixture
def throttled_steps(stack: LocalStack, monkeypatch: pytest.MonkeyPatch) -> Iterator[StepThrottler]:
    throttler = StepThrottler(stack)
    monkeypatch.setattr(stack.dispatcher, "invoke", throttler.invoke)
    services = ("dynamodb", "s3", "kms", "events", "stepfunctions", "sqs")
    for service in services:
        client(service).meta.events.register("before-send", throttler.before_send, unique_id="step-throttle")
    yield throttler
    for service in services:
        client(service).meta.events.unregister("before-send", unique_id="step-throttle")


def test_every_step_throttled_once_still_reaches_issued(
    stack: LocalStack, throttled_steps: StepThrottler, short_retry_backoff: None
) -> None:
    from local_runtime.demo import application_body, documents, pick_applicants
    from tools.synthetic.registry import registry_people
    from tools.synthetic.residents import generate_families

    # An applicant who is approved and issued without faults (as the demo's are: the same generator and seed;
    # a later pick than the demo's and the benchmarks' first ones).
    families = generate_families(300, seed=2026)
    stack.seed_registry(registry_people(families))
    family, person = pick_applicants(families, date.today(), 12)[11]
    # Faces of the public test photos may be enrolled by other tests: start from an empty gallery.
    stack.client("dynamodb").delete_item(
        TableName=stack.registry_table, Key={"PK": {"S": "GALLERY#MANIFEST"}}
    )
    user = stack.user(f"throttle-{uuid.uuid4().hex[:8]}")
    app_id = stack.call("POST", "/applications", user, application_body(family, person)).json()[
        "registration_number"
    ]
    for doc_type, (data, content_type) in documents(family, person, "obama", "obama2").items():
        if doc_type in ("PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN"):
            ticket = stack.call(
                "POST", f"/applications/{app_id}/documents/{doc_type}", user, {"content_type": content_type}
            )
            stack.upload(ticket.json(), data)
    assert stack.call("POST", f"/applications/{app_id}/submit", user).status == 200
    final = stack.wait_for(app_id, {"ISSUED", "REJECTED", "IN_REVIEW", "PROCESSING_ERROR"}, timeout=120)
    stack.wait_idle(app_id)
    detail = stack.call("GET", f"/applications/{app_id}", user).json()
    assert final["status"] == "ISSUED", ([r["code"] for r in detail["reasons"]], detail["documents"])
    assert throttled_steps.throttled >= APPROVED_PATH_STEPS, APPROVED_PATH_STEPS - throttled_steps.throttled
    executions = stack.client("stepfunctions").list_executions(stateMachineArn=stack.state_machine_arn)[
        "executions"
    ]
    assert [e["status"] for e in executions if e["name"] == f"{app_id}-a1"] == ["SUCCEEDED"]


REVIEW_PATH_STEPS = {
    "load",
    "completeness",
    "personal_data",
    "domicile",
    "documents",
    "duplicates",
    "match_faces",
    "decide",
    "request_review",
    "record_review",
}


def test_every_step_of_an_officer_case_throttled_once_still_reaches_the_officers_decision(
    stack: LocalStack, throttled_steps: StepThrottler, short_retry_backoff: None
) -> None:
    """The review path: the task-token step that queues the case and the one that records the decision."""
    # Nothing uploaded and the person not in the registry: the rules hand it to an officer.
    user, app_id = _stored_as_submitted(stack, "throttle-review")
    assert stack.call("POST", f"/applications/{app_id}/submit", user).status == 200
    assert (
        stack.wait_for(app_id, {"IN_REVIEW", "REJECTED", "APPROVED", "PROCESSING_ERROR"})["status"]
        == "IN_REVIEW"
    )
    officer = stack.user(f"officer-{uuid.uuid4().hex[:8]}", groups=("officers",), district="31.71.01")
    body = {"decision": "REJECT", "reasons": ["SEX_MISMATCH"], "note": "checked at the office"}
    assert stack.call("POST", f"/review/{app_id}/decision", officer, body).status == 200
    assert stack.wait_for(app_id, {"REJECTED", "APPROVED", "PROCESSING_ERROR"})["status"] == "REJECTED"
    stack.wait_idle(app_id)
    assert throttled_steps.throttled >= REVIEW_PATH_STEPS, REVIEW_PATH_STEPS - throttled_steps.throttled
