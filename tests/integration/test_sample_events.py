"""Each sample event in events/ drives its function on the local stack, with the trigger's real shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ektp.services.gallery_batching import SearchRequest, batch_id_for
from local_runtime import LocalStack
from tests.support.applicants import request_data
from tests.support.wait import wait_until

EVENTS = Path(__file__).resolve().parents[2] / "events"
SAMPLE_NUMBER = "7K3M-9QXD-2B4F-F"


def _event(name: str, **replace: str) -> Any:
    text = (EVENTS / name).read_text()
    for old, new in replace.items():
        text = text.replace(old, new)
    return json.loads(text)


def _invoke(stack: LocalStack, source: str, event: Any) -> tuple[Any, bool]:
    name = next(n for n, spec in stack.resources.functions.items() if spec.source == f"functions/{source}")
    payload, errored, _ = stack.dispatcher.invoke(name, event)
    return json.loads(payload), errored


def test_every_function_has_a_sample_event(stack: LocalStack) -> None:
    names = {p.name for p in EVENTS.glob("*.json")}
    sample_for = {
        "functions/api": "api_get_application.json",
        "functions/intake": "intake_s3_object_created.json",
        "functions/photo_check": "checker_sqs_message.json",
        "functions/ocr": "checker_sqs_message.json",
        "functions/chain": "chain_step_load.json",
        "functions/biometrics": "biometrics_step_match_faces.json",
        "functions/gallery_batch": "gallery_batch_sqs_search_requests.json",
        "functions/audit": "audit_dynamodb_stream.json",
        "functions/token_guard": "token_guard_pre_token_generation.json",
        "functions/maintenance": "maintenance_scheduled.json",
        "functions/notifier": "notifier_sqs_status_changed.json",
        "functions/revocations": "revocations_scheduled.json",
    }
    assert {spec.source for spec in stack.resources.functions.values()} == set(sample_for)
    assert set(sample_for.values()) <= names


def test_biometrics_maintenance_and_notifier_sample_events(stack: LocalStack) -> None:
    response, errored = _invoke(stack, "biometrics", _event("biometrics_step_match_faces.json"))
    assert errored and response["errorType"] == "StaleAttempt"  # no such application: refused, not guessed
    response, errored = _invoke(stack, "maintenance", _event("maintenance_scheduled.json"))
    assert not errored and set(response) == {
        "stuck",
        "restarted",
        "purged",
        "redriven",
        "need_operator",
        "help_overdue",
    }
    response, errored = _invoke(stack, "notifier", _event("notifier_sqs_status_changed.json"))
    assert not errored and response == {"batchItemFailures": []}  # an unknown application: nobody to tell


def test_revocations_sample_event_publishes_the_signed_list(stack: LocalStack) -> None:
    response, errored = _invoke(stack, "revocations", _event("revocations_scheduled.json"))
    assert not errored and set(response) == {"revoked", "issued_at", "key_id"}
    assert stack.call("GET", "/revocations").raw.count(b".") == 2  # what offline verifiers download


def test_gallery_batch_sample_event_starts_one_sweep_and_rejects_the_malformed_message(
    stack: LocalStack,
) -> None:
    event = _event("gallery_batch_sqs_search_requests.json")
    response, errored = _invoke(stack, "gallery_batch", event)
    assert not errored
    assert response == {"batchItemFailures": [{"itemIdentifier": "5f1c2a9e-8d34-4c1b-9a57-2f0e6b7d1c02"}]}
    name = batch_id_for([SearchRequest.model_validate_json(event["Records"][0]["body"])])
    prefix, _, machine = stack.sweep_state_machine_arn.partition(":stateMachine:")
    sfn = stack.client("stepfunctions")
    # No such application: planned as unsearchable, its (unknown) token answered and ignored.
    status = wait_until(
        lambda: sfn.describe_execution(executionArn=f"{prefix}:execution:{machine}:{name}")["status"],
        lambda s: s != "RUNNING",
        timeout=30,
        what="the sweep",
    )
    assert status == "SUCCEEDED"


def test_audit_sample_event_records_the_timeline_insert_only(stack: LocalStack) -> None:
    response, errored = _invoke(stack, "audit", _event("audit_dynamodb_stream.json"))
    assert not errored and response == {"recorded": 1}


def test_token_guard_sample_event_for_an_officer_of_an_unknown_pool_fails_closed(stack: LocalStack) -> None:
    # The directory cannot confirm MFA (no such pool): no token, rather than a staff token without MFA.
    _, errored = _invoke(stack, "token_guard", _event("token_guard_pre_token_generation.json"))
    assert errored


def test_api_sample_event(stack: LocalStack) -> None:
    resident = stack.user("sample-event-resident")
    created = stack.call("POST", "/applications", resident, request_data()).json()["registration_number"]
    (edge_secret,) = stack.api.edge_headers.values()  # what CloudFront adds on the way in
    event = _event(
        "api_get_application.json",
        **{SAMPLE_NUMBER: created, "sample-resident": resident.sub, "EDGE_SECRET": edge_secret},
    )
    response, errored = _invoke(stack, "api", event)
    assert not errored and response["statusCode"] == 200
    assert json.loads(response["body"])["registration_number"] == created
    # The same event for another resident: not found, and nothing about the application in the body.
    other = _event("api_get_application.json", **{SAMPLE_NUMBER: created, "EDGE_SECRET": edge_secret})
    response, _ = _invoke(stack, "api", other)
    assert response["statusCode"] == 404 and created not in response["body"]
    # As it is in the file (not through CloudFront): refused before anything is read.
    response, _ = _invoke(stack, "api", _event("api_get_application.json", **{SAMPLE_NUMBER: created}))
    assert response["statusCode"] == 403 and created not in response["body"]


def test_intake_sample_event_without_a_slot_is_unexpected(stack: LocalStack) -> None:
    response, errored = _invoke(
        stack, "intake", _event("intake_s3_object_created.json", BUCKET=stack.upload_bucket)
    )
    assert not errored and response == {"outcomes": ["unexpected"]}


def test_checker_sample_event_for_an_unknown_slot_is_a_no_op(stack: LocalStack) -> None:
    response, errored = _invoke(stack, "photo_check", _event("checker_sqs_message.json"))
    assert not errored and response == {"batchItemFailures": []}


def test_chain_sample_events_refuse_a_stale_attempt(stack: LocalStack) -> None:
    response, errored = _invoke(stack, "chain", _event("chain_step_load.json"))
    assert errored and response["errorType"] == "StaleAttempt"
    response, errored = _invoke(stack, "chain", _event("chain_step_record_failure.json"))
    assert not errored and response == {"status": "stale"}
