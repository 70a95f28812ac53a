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
    assert stack.wait_for(app_id, {"IN_REVIEW", "REJECTED", "APPROVED", "PROCESSING_ERROR"})["status"] != "SUBMITTED"


def test_drafts_past_retention_are_purged_and_the_purge_recorded(stack: LocalStack) -> None:
    import json

    user = stack.user(f"purge-{uuid.uuid4().hex[:8]}")
    old = stack.call("POST", "/applications", user, request_data()).json()["registration_number"]
    fresh = stack.call("POST", "/applications", user, request_data()).json()["registration_number"]
    ticket = stack.call("POST", f"/applications/{old}/documents/KK", user, {"content_type": "application/pdf"}).json()
    stack.upload(ticket, b"%PDF-1.4 an abandoned upload")
    _age(stack, old, 400)
    payload, errored, _ = stack.dispatcher.invoke(_maintenance(stack), {"task": "purge"})
    assert not errored and json.loads(payload)["purged"] >= 1
    assert stack.call("GET", f"/applications/{old}", user).status == 404
    assert stack.call("GET", f"/applications/{fresh}", user).status == 200
    s3 = stack.client("s3").list_object_versions(Bucket=stack.upload_bucket, Prefix=f"uploads/{old}/")
    assert not s3.get("Versions") and not s3.get("DeleteMarkers")
    record = stack.client("dynamodb").get_item(
        TableName=stack.table_name,
        Key={"PK": {"S": f"PURGE#{datetime.now(UTC).date().isoformat()}"}, "SK": {"S": old}},
    )["Item"]
    assert int(record["objects"]["N"]) >= 1 and int(record["items"]["N"]) >= 3
    assert set(record) == {"PK", "SK", "items", "objects"}  # what was deleted, never what it contained
