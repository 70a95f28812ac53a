"""Every processing activity lands in the audit store, without personal data, and cannot be deleted early."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from local_runtime import LocalStack
from tests.support.applicants import request_data
from tests.support.wait import wait_until


def _audit_bucket(stack: LocalStack) -> str:
    return next(name for logical, name in stack.resources.buckets.items() if "Audit" in logical)


def _records(stack: LocalStack, application_id: str) -> list[dict[str, Any]]:
    s3 = stack.client("s3")
    out = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=_audit_bucket(stack), Prefix="audit/"):
        for obj in page.get("Contents", []):
            body = s3.get_object(Bucket=_audit_bucket(stack), Key=obj["Key"])["Body"].read().decode()
            out += [r for r in map(json.loads, body.splitlines()) if r["application_id"] == application_id]
    return out


def test_each_activity_is_recorded_once_with_who_what_when_and_why(stack: LocalStack) -> None:
    resident = stack.user("audit-resident")
    data = request_data(serial=77)
    created = stack.call("POST", "/applications", resident, data)
    assert created.status == 201, created.body
    number = created.json()["registration_number"]
    assert stack.call("GET", f"/applications/{number}/export", resident).status == 200
    records = wait_until(
        lambda: _records(stack, number),
        lambda found: {r["activity"] for r in found} >= {"CREATED", "DATA_EXPORTED"},
        timeout=20,
        interval=0.2,
        what="the audit records",
    )
    assert [r["activity"] for r in records].count("CREATED") == 1
    exported = next(r for r in records if r["activity"] == "DATA_EXPORTED")
    assert exported["actor"] == "resident" and exported["purpose"] == "access request by the resident"
    assert exported["at"] and exported["source"]
    text = json.dumps(records)
    for personal in (
        data["applicant"]["nik"],
        data["applicant"]["full_name"],
        data["applicant"]["phone"],
        data["applicant"]["email"],
    ):
        assert personal not in text


def test_an_audit_record_cannot_be_deleted_before_its_retention_ends(stack: LocalStack) -> None:
    resident = stack.user("audit-resident-2")
    assert stack.call("POST", "/applications", resident, request_data(serial=78)).status == 201
    s3, bucket = stack.client("s3"), _audit_bucket(stack)
    versions: list[dict[str, Any]] = wait_until(
        lambda: s3.list_object_versions(Bucket=bucket, Prefix="audit/").get("Versions", []),
        timeout=20,
        interval=0.2,
        what="an audit object",
    )
    head = s3.head_object(Bucket=bucket, Key=versions[0]["Key"], VersionId=versions[0]["VersionId"])
    assert head["ObjectLockMode"] == "COMPLIANCE"
    with pytest.raises(ClientError):
        s3.delete_object(Bucket=bucket, Key=versions[0]["Key"], VersionId=versions[0]["VersionId"])
