"""Officer-assisted registration over HTTP on the local stack (issue 20 item 3): an officer registers an application
for a resident at the office, uploads the scanned documents and submits; the chain decides; the resident follows
it with the registration number and birth date, without an account."""

from __future__ import annotations

import json
import time
import uuid
from datetime import date
from typing import Any

import pytest

from local_runtime import LocalStack
from local_runtime.demo import application_body, documents, pick_applicants
from local_runtime.stack import User
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families

DECIDED = {"APPROVED", "REJECTED", "IN_REVIEW", "AWAITING_BIOMETRIC_RECORDING", "ISSUED"}


@pytest.fixture(scope="module")
def person(stack: LocalStack) -> tuple[Any, Any]:
    families = generate_families(60, seed=2003)
    stack.seed_registry(registry_people(families))
    return pick_applicants(families, date.today(), 1)[0]  # type: ignore[no-any-return]


def _officer(stack: LocalStack, district: str) -> User:
    return stack.user(f"officer-{uuid.uuid4().hex[:8]}", groups=("officers",), district=district)


def test_an_officer_registers_uploads_and_submits_and_the_resident_follows_by_number(
    stack: LocalStack, person: tuple[Any, Any]
) -> None:
    family, applicant = person
    body = application_body(family, applicant)
    district = body["applicant"]["district_code"]
    officer = _officer(stack, district)
    stranger = _officer(stack, "11.01.01" if district != "11.01.01" else "31.71.01")
    resident = stack.user(f"resident-{uuid.uuid4().hex[:8]}")

    # Another district's officer cannot register it; a resident cannot reach the officers' route at all.
    assert stack.call("POST", "/assisted/applications", stranger, body).status == 403
    assert stack.call("POST", "/assisted/applications", resident, body).status == 403
    # Who entered it is the token's officer: a body naming someone else is refused, not stored.
    forged = {**body, "entered_by": stranger.sub}
    assert stack.call("POST", "/assisted/applications", officer, forged).status == 422

    created = stack.call("POST", "/assisted/applications", officer, body)
    assert created.status == 201, created.body
    number = str(created.json()["registration_number"])
    path = f"/assisted/applications/{number}"

    for doc_type, (data, content_type) in documents(family, applicant, "obama", "obama2").items():
        if doc_type not in ("PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN"):
            continue
        ticket = stack.call("POST", f"{path}/documents/{doc_type}", officer, {"content_type": content_type})
        assert ticket.status == 201, ticket.body
        assert stack.upload(ticket.json(), data).status_code in (200, 204)
    case = stack.call("GET", path, officer).json()
    assert all(d["status"] == "ACCEPTED" for d in case["documents"] if d["required"]), case["documents"]
    assert (case["channel"], case["entered_by"]) == ("ASSISTED", officer.sub)

    # Neither another district's officer nor a resident reads, uploads to or submits it.
    for who in (stranger, resident):
        assert stack.call("GET", path, who).status in (403, 404)
        assert stack.call("POST", f"{path}/submit", who).status in (403, 404)
        patch = stack.call("PATCH", path, who, {"applicant": body["applicant"]})
        assert patch.status in (403, 404)
        assert stack.call("GET", f"/applications/{number}", who).status in (403, 404)

    # The officer corrects the data at the desk (the same validation as a resident's correction).
    corrected = stack.call("PATCH", path, officer, {"applicant": body["applicant"]})
    assert corrected.status == 200, corrected.body
    assert stack.call("POST", f"{path}/submit", officer).status == 200
    decided = stack.wait_for(number, DECIDED, timeout=120)
    assert decided["status"] in DECIDED

    answer = stack.call(
        "POST", "/status", body={"registration_number": number, "birth_date": body["applicant"]["birth_date"]}
    )
    assert answer.status == 200, answer.body
    assert answer.json()["status"] == decided["status"]

    # Every officer read of the resident's data is on the audit store (s11: assisted reads left no trace): the
    # case opened and the district's list, each naming the officer's account; the refused reads wrote nothing.
    assert stack.call("GET", "/assisted/applications", officer).status == 200
    records = _audit(stack, number, {"ASSISTED_CASE_VIEWED", "ASSISTED_CASE_LISTED"})
    reads = {(r["activity"], r["actor_id"]) for r in records if r["activity"].startswith("ASSISTED_CASE_")}
    assert reads == {("ASSISTED_CASE_VIEWED", officer.sub), ("ASSISTED_CASE_LISTED", officer.sub)}


def _audit(stack: LocalStack, application_id: str, wanted: set[str]) -> list[dict[str, Any]]:
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
                    r for r in map(json.loads, body.splitlines()) if r["application_id"] == application_id
                ]
        if wanted <= {r["activity"] for r in records}:
            break
        time.sleep(0.2)
    return records
