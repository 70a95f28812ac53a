"""Help requests over HTTP on the local stack (issue 20 item 7): a resident asks, the helpdesk of the
district answers, both are told (EventBridge), the trail reaches the audit store, and the attacks are
refused: another resident, another district's helpdesk, a reviewing officer, no token. The words stay out
of every log line, every event and every audit record."""

from __future__ import annotations

import json
import logging
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ektp.adapters.help_requests_dynamodb import DynamoHelpRequestStore
from ektp.domain.records import TimelineEvent
from local_runtime import LocalStack
from tests.support.applicants import request_data

QUESTION = "Foto KK saya ditolak terus; nama ibu saya Sulastri Wibowo"
ANSWER = "Mohon unggah ulang KK dengan cahaya yang merata, Ibu Sulastri"


def _help_events(stack: LocalStack) -> tuple[Any, str]:
    """An SQS queue subscribed to the help events on the deployment's bus (as the notifier would be)."""
    events, sqs = stack.client("events"), stack.client("sqs")
    bus = next(b["Name"] for b in events.list_event_buses()["EventBuses"] if b["Name"] != "default")
    queue = sqs.create_queue(QueueName=f"help-events-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    rule = f"help-test-{uuid.uuid4().hex[:8]}"
    events.put_rule(Name=rule, EventBusName=bus, EventPattern=json.dumps({"source": ["ektp.help"]}))
    events.put_targets(Rule=rule, EventBusName=bus, Targets=[{"Id": "q", "Arn": arn}])
    return sqs, queue


def _received(sqs: Any, queue: str, count: int) -> list[dict[str, Any]]:
    got: list[dict[str, Any]] = []
    deadline = time.monotonic() + 10
    while len(got) < count and time.monotonic() < deadline:
        for message in sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages", []):
            got.append(json.loads(message["Body"]))
    return got


def _audit(stack: LocalStack, request_id: str, wanted: set[str]) -> list[dict[str, Any]]:
    s3 = stack.client("s3")
    bucket = next(name for logical, name in stack.resources.buckets.items() if "Audit" in logical)
    records: list[dict[str, Any]] = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        records = []
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="audit/"):
            for obj in page.get("Contents", []):
                body = s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read().decode()
                records += [
                    r
                    for r in map(json.loads, body.splitlines())
                    if r["application_id"] == f"HELP#{request_id}"
                ]
        if wanted <= {r["activity"] for r in records}:
            break
        time.sleep(0.2)
    return records


def test_a_resident_asks_the_district_helpdesk_answers_and_nobody_else_gets_in(
    stack: LocalStack, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.INFO)
    tag = uuid.uuid4().hex[:6]
    sqs, queue = _help_events(stack)
    ani = stack.user(f"help-ani-{tag}")
    budi = stack.user(f"help-budi-{tag}")
    desk = stack.user(f"help-desk-{tag}", groups=("helpdesk",), district="31.71.01")
    other_desk = stack.user(f"help-desk9-{tag}", groups=("helpdesk",), district="32.04.01")
    reviewer = stack.user(f"help-officer-{tag}", groups=("officers",), district="31.71.01")

    opened = stack.call(
        "POST",
        "/help-requests",
        ani,
        {"topic": "DOCUMENTS", "message": QUESTION, "district_code": "31.71.01"},
    )
    assert opened.status == 201, opened.body
    request = opened.json()
    request_id = request["request_id"]
    assert (request["state"], request["overdue"], request["due_at"] is not None) == ("OPEN", False, True)
    assert [m["message"] for m in request["thread"]] == [QUESTION]

    # The attacks: each refused before anything is read or written.
    assert stack.call("GET", f"/help-requests/{request_id}", budi).json()["error"]["code"] == (
        "HELP_REQUEST_NOT_FOUND"
    )
    assert stack.call("POST", f"/help-requests/{request_id}/messages", budi, {"message": "x"}).status == 404
    assert stack.call("POST", f"/help-requests/{request_id}/close", budi).status == 404
    assert stack.call("GET", "/help-requests", budi).json() == []
    assert stack.call("GET", f"/helpdesk/requests/{request_id}", other_desk).status == 404
    assert (
        stack.call("POST", f"/helpdesk/requests/{request_id}/answer", other_desk, {"message": "x"}).status
        == 404
    )
    assert request_id not in json.dumps(stack.call("GET", "/helpdesk/requests", other_desk).json())
    assert stack.call("GET", "/helpdesk/requests", reviewer).status == 403  # a reviewer is not the helpdesk
    assert stack.call("GET", f"/helpdesk/requests/{request_id}", ani).status == 403  # nor is the resident
    assert stack.call("GET", f"/help-requests/{request_id}", desk).status == 403  # the desk uses its routes
    assert stack.call("GET", f"/help-requests/{request_id}").status == 401

    # The district's helpdesk: its queue, the thread, the answer.
    queue_now = stack.call("GET", "/helpdesk/requests?state=OPEN", desk)
    assert request_id in [r["request_id"] for r in queue_now.json()], queue_now.body
    assert (
        stack.call("GET", f"/helpdesk/requests/{request_id}", desk).json()["thread"][0]["message"] == QUESTION
    )
    answered = stack.call("POST", f"/helpdesk/requests/{request_id}/answer", desk, {"message": ANSWER})
    assert answered.status == 200 and answered.json()["state"] == "ANSWERED"

    mine = stack.call("GET", f"/help-requests/{request_id}", ani).json()
    assert [(m["author"], m["message"]) for m in mine["thread"]] == [
        ("resident", QUESTION),
        ("helpdesk", ANSWER),
    ]
    assert desk.sub not in json.dumps(mine)  # the desk answers as the desk
    again = stack.call(
        "POST", f"/help-requests/{request_id}/messages", ani, {"message": "Sudah, terima kasih"}
    )
    assert again.json()["state"] == "OPEN"
    assert stack.call("POST", f"/help-requests/{request_id}/close", ani).json()["state"] == "CLOSED"
    late = stack.call("POST", f"/helpdesk/requests/{request_id}/answer", desk, {"message": "late"})
    assert (late.status, late.json()["error"]["code"]) == (409, "HELP_REQUEST_CLOSED")

    # Both sides were told, with ids and codes only.
    notices = [e["detail"] for e in _received(sqs, queue, 4)]
    assert [(n["change"], n["notify"]) for n in notices] == [
        ("HELP_OPENED", "helpdesk"),
        ("HELP_ANSWERED", "resident"),
        ("HELP_FOLLOWED_UP", "helpdesk"),
        ("HELP_CLOSED", "helpdesk"),
    ]
    assert all(n["request_id"] == request_id and n["district_code"] == "31.71.01" for n in notices)

    # The trail in the audit store: who did what, never the words.
    records = _audit(stack, request_id, {"HELP_OPENED", "HELP_VIEWED", "HELP_ANSWERED", "HELP_CLOSED"})
    activities = [(r["activity"], r["actor"], r["actor_id"]) for r in records]
    assert ("HELP_VIEWED", "officer", desk.sub) in activities and (
        "HELP_ANSWERED",
        "officer",
        desk.sub,
    ) in activities
    assert ("HELP_OPENED", "resident", None) in activities

    out, err = capfd.readouterr()
    seen = "\n".join([out, err, caplog.text, json.dumps(notices), json.dumps(records)])
    for words in (QUESTION, ANSWER, "Sulastri", "Sudah, terima kasih"):
        assert words not in seen


def test_a_request_about_an_application_goes_to_the_applications_district(stack: LocalStack) -> None:
    tag = uuid.uuid4().hex[:6]
    ani, budi = stack.user(f"help-app-ani-{tag}"), stack.user(f"help-app-budi-{tag}")
    created = stack.call("POST", "/applications", ani, request_data(serial=501))
    assert created.status == 201, created.body
    number = created.json()["registration_number"]
    body = {"topic": "APPLICATION", "message": "Kapan KTP saya jadi?", "registration_number": number}
    opened = stack.call("POST", "/help-requests", ani, body)
    assert opened.status == 201, opened.body
    assert opened.json()["registration_number"] == number
    assert opened.json()["district_code"] == request_data(serial=501)["applicant"]["district_code"]
    # Another resident cannot attach a question to it (nor learn whether it exists).
    refused = stack.call("POST", "/help-requests", budi, body)
    assert (refused.status, refused.json()["error"]["code"]) == (404, "APPLICATION_NOT_FOUND")
    no_district = stack.call("POST", "/help-requests", ani, {"topic": "OTHER", "message": "Halo"})
    assert no_district.json()["error"]["code"] == "HELP_DISTRICT_REQUIRED"


def test_a_request_left_unanswered_past_its_target_is_overdue_and_the_sweep_counts_it(
    stack: LocalStack,
) -> None:
    tag = uuid.uuid4().hex[:6]
    ani = stack.user(f"help-late-ani-{tag}")
    desk = stack.user(f"help-late-desk-{tag}", groups=("helpdesk",), district="31.71.03")
    body = {"topic": "CARD", "message": "Kartu saya belum dicetak", "district_code": "31.71.03"}
    request_id = stack.call("POST", "/help-requests", ani, body).json()["request_id"]
    maintenance = next(n for n, s in stack.resources.functions.items() if s.source == "functions/maintenance")

    def sweep() -> int:
        payload, errored, _ = stack.dispatcher.invoke(maintenance, {"task": "stuck"})
        assert not errored, payload
        return int(json.loads(payload)["help_overdue"])

    before = sweep()
    # The working days pass (the request is stored as written, its due time moved into the past).
    store = DynamoHelpRequestStore(stack.table_name)
    request = store.get(request_id)
    assert request is not None and request.due_at is not None
    late = request.model_copy(update={"due_at": datetime.now(UTC) - timedelta(minutes=1)})
    store.save(
        late, request.version, None, TimelineEvent(at=datetime.now(UTC), kind="TEST_AGED", actor="system")
    )

    assert (
        sweep() == before + 1
    )  # the maintenance metric OverdueHelpRequests (alarmed in infra/monitoring.py)
    assert stack.call("GET", f"/help-requests/{request_id}", ani).json()["overdue"] is True
    desk_view = stack.call("GET", "/helpdesk/requests", desk).json()
    assert [(r["request_id"], r["overdue"]) for r in desk_view] == [(request_id, True)]
    stack.call("POST", f"/helpdesk/requests/{request_id}/answer", desk, {"message": "Sedang dicetak."})
    assert sweep() == before
    assert stack.call("GET", f"/help-requests/{request_id}", ani).json()["overdue"] is False


def _emails_about(request_id: str, count: int) -> list[Any]:
    """What the local notifier sent through SES (moto's server runs in this process), about one request."""
    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    backend = ses_backends[DEFAULT_ACCOUNT_ID]["ap-southeast-3"]
    found: list[Any] = []
    deadline = time.monotonic() + 20
    while len(found) < count and time.monotonic() < deadline:
        found = [m for m in list(backend.sent_messages) if request_id in getattr(m, "subject", "")]
        time.sleep(0.2)
    return found


def test_the_resident_is_emailed_that_the_helpdesk_answered_without_the_answer(stack: LocalStack) -> None:
    # Through the deployed rule (ektp.help -> the notifier's queue -> the notifier) and SES: issue 20 item 7.
    tag = uuid.uuid4().hex[:6]
    ani = stack.user(f"help-mail-ani-{tag}")
    data = request_data(serial=502)
    created = stack.call("POST", "/applications", ani, data)
    assert created.status == 201, created.body
    number = created.json()["registration_number"]
    body = {"topic": "APPLICATION", "message": QUESTION, "registration_number": number}
    opened = stack.call("POST", "/help-requests", ani, body)
    assert opened.status == 201, opened.body
    request_id = opened.json()["request_id"]
    district = opened.json()["district_code"]
    desk = stack.user(f"help-mail-desk-{tag}", groups=("helpdesk",), district=district)
    answered = stack.call("POST", f"/helpdesk/requests/{request_id}/answer", desk, {"message": ANSWER})
    assert answered.status == 200, answered.body

    (mail,) = _emails_about(request_id, 1)
    assert mail.destinations["ToAddresses"] == [data["applicant"]["email"]]
    assert "telah dijawab" in mail.body and "was answered" in mail.body
    for words in (QUESTION, ANSWER, "Sulastri", data["applicant"]["nik"]):
        assert words not in mail.subject + mail.body
