"""The scheduled maintenance on the local stack: stuck applications are found and restarted; abandoned drafts
are purged with a record of what was deleted."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.domain.status import ApplicationStatus
from local_runtime import LocalStack
from tests.support.applicants import request_data


def _maintenance(stack: LocalStack) -> str:
    return next(n for n, spec in stack.resources.functions.items() if spec.source == "functions/maintenance")


def _age(stack: LocalStack, app_id: str, days: int, **changes: object) -> None:
    repo = DynamoApplicationRepository(stack.table_name)
    record = repo.get(app_id)
    assert record is not None
    old = datetime.now(UTC) - timedelta(days=days)
    repo.save(record.model_copy(update={"updated_at": old, **changes}), record.version)


def test_a_submitted_application_whose_chain_never_started_is_restarted(stack: LocalStack) -> None:
    import json

    user = stack.user(f"stuck-{uuid.uuid4().hex[:8]}")
    app_id = stack.call("POST", "/applications", user, request_data()).json()["registration_number"]
    _age(stack, app_id, 1, status=ApplicationStatus.SUBMITTED, attempt=1)
    payload, errored, _ = stack.dispatcher.invoke(_maintenance(stack), {"task": "stuck"})
    result = json.loads(payload)
    assert not errored and result["restarted"] >= 1 and result["stuck"]["SUBMITTED"] >= 1
    assert (
        stack.wait_for(app_id, {"IN_REVIEW", "REJECTED", "APPROVED", "PROCESSING_ERROR"})["status"]
        != "SUBMITTED"
    )


def test_drafts_past_retention_are_purged_and_the_purge_recorded(stack: LocalStack) -> None:
    import json

    user = stack.user(f"purge-{uuid.uuid4().hex[:8]}")
    old = stack.call("POST", "/applications", user, request_data()).json()["registration_number"]
    fresh = stack.call("POST", "/applications", user, request_data()).json()["registration_number"]
    ticket = stack.call(
        "POST", f"/applications/{old}/documents/KK", user, {"content_type": "application/pdf"}
    ).json()
    stack.upload(ticket, b"%PDF-1.4 an abandoned upload")
    normalized = f"processed/{old}/PHOTO/u1/{'0' * 64}"  # a check's normalized copy goes with the application
    stack.client("s3").put_object(
        Bucket=stack.upload_bucket, Key=normalized, Body=b"\xff\xd8 a normalized photo"
    )
    _age(stack, old, 400)
    payload, errored, _ = stack.dispatcher.invoke(_maintenance(stack), {"task": "purge"})
    assert not errored and json.loads(payload)["purged"] >= 1
    assert stack.call("GET", f"/applications/{old}", user).status == 404
    assert stack.call("GET", f"/applications/{fresh}", user).status == 200
    s3 = stack.client("s3").list_object_versions(Bucket=stack.upload_bucket, Prefix=f"uploads/{old}/")
    assert not s3.get("Versions") and not s3.get("DeleteMarkers")
    copies = stack.client("s3").list_object_versions(Bucket=stack.upload_bucket, Prefix=f"processed/{old}/")
    assert not copies.get("Versions") and not copies.get("DeleteMarkers")
    record = stack.client("dynamodb").get_item(
        TableName=stack.table_name,
        Key={"PK": {"S": f"PURGE#{datetime.now(UTC).date().isoformat()}"}, "SK": {"S": old}},
    )["Item"]
    assert int(record["objects"]["N"]) >= 1 and int(record["items"]["N"]) >= 3
    assert set(record) == {"PK", "SK", "items", "objects"}  # what was deleted, never what it contained


def _failed(stack: LocalStack, prefix: str, **changes: object) -> tuple[object, str]:
    """An application a system fault stopped a day ago (as the chain's RecordFailure leaves it)."""
    from ektp.domain.reasons import reason

    user = stack.user(f"{prefix}-{uuid.uuid4().hex[:8]}")
    app_id = stack.call("POST", "/applications", user, request_data()).json()["registration_number"]
    _age(
        stack,
        app_id,
        1,
        status=ApplicationStatus.PROCESSING_ERROR,
        attempt=1,
        reasons=[reason("PROCESSING_FAILED")],
        **changes,
    )
    return user, app_id


def test_a_processing_error_is_redriven_as_a_new_attempt_and_reaches_an_end_status(stack: LocalStack) -> None:
    import json

    user, app_id = _failed(stack, "redrive")
    detail = stack.call("GET", f"/applications/{app_id}", user).json()  # type: ignore[arg-type]
    assert (
        "otomatis" in detail["next_action"]["message_id"]
        and "automatically" in detail["next_action"]["message_en"]
    )
    payload, errored, _ = stack.dispatcher.invoke(_maintenance(stack), {"task": "stuck"})
    assert not errored and json.loads(payload)["redriven"] >= 1
    # Nothing was uploaded and the person is not in the registry, so the re-driven chain hands it to a person.
    assert (
        stack.wait_for(app_id, {"IN_REVIEW", "REJECTED", "APPROVED", "PROCESSING_ERROR"})["status"]
        == "IN_REVIEW"
    )
    detail = stack.call("GET", f"/applications/{app_id}", user).json()  # type: ignore[arg-type]
    redriven = [e for e in detail["timeline"] if e["kind"] == "REDRIVEN"]
    assert len(redriven) == 1 and redriven[0]["detail"] == "redrive 1 of 3"
    executions = stack.client("stepfunctions").list_executions(stateMachineArn=stack.state_machine_arn)[
        "executions"
    ]
    assert [e["name"] for e in executions if e["name"].startswith(f"{app_id}-")] == [f"{app_id}-a2"]


def test_after_the_last_redrive_an_operator_is_alerted_the_resident_told_and_the_operator_resumes_it(
    stack: LocalStack,
) -> None:
    import json

    user, app_id = _failed(stack, "exhausted", redrives=3)
    payload, errored, _ = stack.dispatcher.invoke(_maintenance(stack), {"task": "stuck"})
    assert not errored and json.loads(payload)["need_operator"] >= 1
    detail = stack.call("GET", f"/applications/{app_id}", user).json()  # type: ignore[arg-type]
    assert detail["status"] == "PROCESSING_ERROR"
    assert [r["code"] for r in detail["reasons"]] == ["PROCESSING_NEEDS_OPERATOR"]
    assert (
        "petugas" in detail["reasons"][0]["message_id"] and "operator" in detail["reasons"][0]["message_en"]
    )
    # The operator, once the fault is found, re-drives it by hand.
    payload, errored, _ = stack.dispatcher.invoke(
        _maintenance(stack), {"task": "redrive", "application_id": app_id}
    )
    assert not errored and json.loads(payload) == {"redriven": True, "attempt": 2}
    assert (
        stack.wait_for(app_id, {"IN_REVIEW", "REJECTED", "APPROVED", "PROCESSING_ERROR"})["status"]
        == "IN_REVIEW"
    )
