"""Resumable uploads over HTTP on the local stack (issue 20 item 5): a document in parts PUT to presigned
UploadPart URLs, resumed after a lost part, completed by the server and read by intake like any upload;
another resident cannot touch it; an oversized multipart is refused at completion; an aborted attempt gives
its place in the upload budget back."""

from __future__ import annotations

import uuid
from typing import Any

import boto3
import pytest
import requests

from ektp.domain.application import MAX_PHOTO_BYTES
from ektp.services.uploads_multipart import PART_BYTES
from local_runtime import LocalStack
from local_runtime.stack import User
from tests.support.applicants import request_data
from tests.support.wait import wait_until


def _register(stack: LocalStack, name: str) -> tuple[User, str]:
    resident = stack.user(f"{name}-{uuid.uuid4().hex[:8]}")
    created = stack.call("POST", "/applications", resident, request_data("NEW"))
    assert created.status == 201, created.body
    return resident, str(created.json()["registration_number"])


def _start(
    stack: LocalStack, resident: User, app_id: str, doc: str, content_type: str, size: int
) -> dict[str, Any]:
    path = f"/applications/{app_id}/documents/{doc}/multipart"
    started = stack.call("POST", path, resident, {"content_type": content_type, "size": size})
    assert started.status == 201, started.body
    return dict(started.json())


def _step(
    stack: LocalStack, resident: User, app_id: str, ticket: dict[str, Any], step: str, **body: Any
) -> Any:
    path = f"/applications/{app_id}/documents/{ticket['document_type']}/{ticket['upload_id']}/{step}"
    return stack.call("POST", path, resident, {"multipart_id": ticket["multipart_id"], **body})


def _put_parts(
    stack: LocalStack, resident: User, app_id: str, ticket: dict[str, Any], chunks: dict[int, bytes]
) -> list[int]:
    urls = _step(stack, resident, app_id, ticket, "parts", part_numbers=sorted(chunks))
    assert urls.status == 200, urls.body
    for entry in urls.json()["urls"]:
        put = requests.put(entry["url"], data=chunks[entry["part_number"]], timeout=60)
        assert put.status_code == 200, put.text
    return [p["part_number"] for p in urls.json()["uploaded"]]


def _upload_count(stack: LocalStack, app_id: str) -> int:
    from ektp.adapters.dynamodb import DynamoApplicationRepository

    record = DynamoApplicationRepository(stack.table_name).get(app_id)
    assert record is not None
    return record.upload_count


def test_a_document_in_parts_resumes_after_a_lost_part_and_goes_through_intake(stack: LocalStack) -> None:
    resident, app_id = _register(stack, "resumable")
    data = b"%PDF-1.7\n" + bytes(range(256)) * (PART_BYTES // 256) + b"%%EOF\n"
    chunks = {1: data[:PART_BYTES], 2: data[PART_BYTES:]}
    ticket = _start(stack, resident, app_id, "KK", "application/pdf", len(data))
    assert ticket["part_bytes"] == PART_BYTES and ticket["max_parts"] >= 2
    assert _put_parts(stack, resident, app_id, ticket, {1: chunks[1]}) == []  # then the connection drops
    early = _step(stack, resident, app_id, ticket, "complete", part_count=2)
    assert early.status == 409 and early.json()["error"]["code"] == "UPLOAD_PARTS_INVALID"
    # Resumed (a reload: only the ids were kept): S3 already holds part 1, so only part 2 is sent.
    assert _put_parts(stack, resident, app_id, ticket, {2: chunks[2]}) == [1]
    done = _step(stack, resident, app_id, ticket, "complete", part_count=2)
    assert done.status == 202, done.body
    again = _step(stack, resident, app_id, ticket, "complete", part_count=2)  # a retried completion
    assert again.status in (202, 404), again.body

    def document() -> dict[str, Any]:
        documents = stack.call("GET", f"/applications/{app_id}", resident).json()["documents"]
        return dict(next(d for d in documents if d["document_type"] == "KK"))

    settled = wait_until(
        document,
        lambda d: d["upload_id"] == ticket["upload_id"] and d["status"] not in (None, "PENDING_UPLOAD"),
        timeout=120,
        interval=0.2,
        what="the KK multipart upload through intake",
    )
    assert settled["size"] == len(data)
    s3 = boto3.client("s3", endpoint_url=stack.endpoint, region_name="ap-southeast-3")
    key = f"uploads/{app_id}/KK/{ticket['upload_id']}"
    assert s3.get_object(Bucket=stack.upload_bucket, Key=key)["Body"].read() == data
    assert _upload_count(stack, app_id) == 1  # one slot, however many parts and retries


def test_another_resident_cannot_touch_the_upload(stack: LocalStack) -> None:
    alice, alice_app = _register(stack, "alice-mp")
    mallory, mallory_app = _register(stack, "mallory-mp")
    ticket = _start(stack, alice, alice_app, "PHOTO", "image/jpeg", 68)
    for step, body in (("parts", {"part_numbers": [1]}), ("complete", {"part_count": 1}), ("abort", {})):
        answer = _step(stack, mallory, alice_app, ticket, step, **body)
        assert answer.status == 404, (step, answer.body)
    # Alice's S3 upload id on a slot of Mallory's own: not an upload of that key.
    own = _start(stack, mallory, mallory_app, "PHOTO", "image/jpeg", 68)
    stolen = own | {"multipart_id": ticket["multipart_id"]}
    for step, body in (("parts", {"part_numbers": [1]}), ("complete", {"part_count": 1}), ("abort", {})):
        answer = _step(stack, mallory, mallory_app, stolen, step, **body)
        assert answer.status == 404 and answer.json()["error"]["code"] == "UPLOAD_NOT_FOUND", answer.body
    assert _put_parts(stack, alice, alice_app, ticket, {1: b"\xff\xd8\xff\xe0" + b"\x00" * 64}) == []


def test_too_large_in_parts_is_refused_and_an_abort_gives_the_place_back(stack: LocalStack) -> None:
    resident, app_id = _register(stack, "oversize-mp")
    path = f"/applications/{app_id}/documents/PHOTO/multipart"
    declared = stack.call("POST", path, resident, {"content_type": "image/jpeg", "size": MAX_PHOTO_BYTES + 1})
    assert declared.status == 422 and declared.json()["error"]["code"] == "UPLOAD_TOO_LARGE"
    # A moto S3 does not check signatures: the parts past their signed lengths reach completion, refused there.
    ticket = _start(stack, resident, app_id, "PHOTO", "image/jpeg", MAX_PHOTO_BYTES)
    beyond = _step(stack, resident, app_id, ticket, "parts", part_numbers=[ticket["max_parts"] + 1])
    assert beyond.status == 422 and beyond.json()["error"]["code"] == "UPLOAD_TOO_LARGE"
    big = {
        1: b"\xff\xd8\xff\xe0" + b"\x00" * (PART_BYTES - 4),
        2: b"\x00" * (ticket["max_bytes"] - PART_BYTES + 1),
    }
    _put_parts(stack, resident, app_id, ticket, big)
    refused = _step(stack, resident, app_id, ticket, "complete", part_count=2)
    assert refused.status == 422 and refused.json()["error"]["code"] == "UPLOAD_TOO_LARGE"
    assert _upload_count(stack, app_id) == 0  # the failed attempt used no slot
    s3 = boto3.client("s3", endpoint_url=stack.endpoint, region_name="ap-southeast-3")
    key = f"uploads/{app_id}/PHOTO/{ticket['upload_id']}"
    assert s3.list_object_versions(Bucket=stack.upload_bucket, Prefix=key).get("Versions", []) == []

    second = _start(stack, resident, app_id, "PHOTO", "image/jpeg", 68)
    assert _upload_count(stack, app_id) == 1
    aborted = _step(stack, resident, app_id, second, "abort")
    assert aborted.status == 200 and aborted.json()["status"] == "CANCELLED"
    assert _upload_count(stack, app_id) == 0
    assert _step(stack, resident, app_id, second, "abort").status == 404


@pytest.fixture(scope="module", autouse=True)
def _routes_declared(stack: LocalStack) -> None:
    """The routes reach the function through the template's declared routes (infra/api.py)."""
    assert stack.call("POST", "/applications/X/documents/KK/multipart", None, {}).status in (401, 403)
