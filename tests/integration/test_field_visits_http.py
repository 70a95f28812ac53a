"""Field verification of domicile over HTTP on the local stack (issue 20 item 4). The registry holds another village
for the applicant than the one declared (moved without updating the record?): the domicile stage leaves an
ADDRESS_MISMATCH warning a visit can settle, so the application waits in AWAITING_FIELD_VERIFICATION. Attacks first
(another district's officer, the resident, a forged and a replayed token, a second answer, a file that is no photo),
then CONFIRMED goes on to a decision and LIVES_ELSEWHERE is REJECTED with the reason."""

from __future__ import annotations

import io
import time
import uuid
from contextlib import suppress
from datetime import date
from typing import Any

import pytest
from botocore.exceptions import ClientError
from PIL import Image

from ektp.domain.region import regions
from local_runtime import LocalStack
from local_runtime.demo import application_body, documents, pick_applicants
from local_runtime.stack import User
from tests.integration.test_chain_flows import empty_gallery
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families

# Autouse: every test starts from an empty gallery (the stack's other tests enrol the same public test face).
__all__ = ["empty_gallery"]
WAITING = "AWAITING_FIELD_VERIFICATION"
SETTLED = {WAITING, "APPROVED", "REJECTED", "IN_REVIEW", "ISSUED", "PROCESSING_ERROR"}
NOTE = "Rumah ditemukan; pemohon tinggal di sini, dikenal oleh ketua RT."


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((320, 240), 40).convert("RGB").save(buffer, format="JPEG")
    return buffer.getvalue()


def _another_village(village_code: str) -> str:
    district = village_code.rsplit(".", 1)[0]
    return next(code for code, _ in regions().children(district) if code != village_code)


@pytest.fixture(scope="module")
def applicants(stack: LocalStack) -> list[tuple[Any, Any]]:
    """First-card applicants whose registry record names another village of their district."""
    families = generate_families(60, seed=2044)
    chosen = pick_applicants(families, date.today(), 3)
    moved = {person.nik for _, person in chosen}
    people = [
        p.model_copy(update={"village_code": _another_village(p.village_code)}) if p.nik in moved else p
        for p in registry_people(families)
    ]
    stack.seed_registry(people)
    return chosen


def _officer(stack: LocalStack, district: str) -> User:
    return stack.user(f"visitor-{uuid.uuid4().hex[:8]}", groups=("officers",), district=district)


def _waiting(stack: LocalStack, family: Any, person: Any) -> tuple[str, User]:
    resident = stack.user(f"resident-{uuid.uuid4().hex[:8]}")
    created = stack.call("POST", "/applications", resident, application_body(family, person))
    assert created.status == 201, created.body
    app_id = str(created.json()["registration_number"])
    for doc_type, (data, content_type) in documents(family, person, "obama", "obama2").items():
        if doc_type in ("PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN"):
            ticket = stack.call(
                "POST",
                f"/applications/{app_id}/documents/{doc_type}",
                resident,
                {"content_type": content_type},
            )
            stack.upload(ticket.json(), data)
    assert stack.call("POST", f"/applications/{app_id}/submit", resident).status == 200
    reached = stack.wait_for(app_id, SETTLED, 180)
    assert reached["status"] == WAITING, reached
    return app_id, resident


def _photo_key(stack: LocalStack, officer: User, app_id: str, data: bytes) -> str:
    ticket = stack.call("POST", f"/field-visits/{app_id}/photo", officer, {"content_type": "image/jpeg"})
    assert ticket.status == 200, ticket.body
    assert stack.upload(ticket.json(), data).status_code in (200, 204)
    return str(ticket.json()["photo_key"])


def _stored_token(stack: LocalStack, app_id: str) -> str:
    item = stack.client("dynamodb").get_item(
        TableName=stack.table_name,
        Key={"PK": {"S": f"APP#{app_id}"}, "SK": {"S": "FIELDVISITTOKEN#0001"}},
        ConsistentRead=True,
    )["Item"]
    return str(item["token"]["S"])


def test_lives_elsewhere_is_rejected_with_a_reason_the_resident_can_fix(
    stack: LocalStack, applicants: list[tuple[Any, Any]]
) -> None:
    family, person = applicants[1]
    app_id, resident = _waiting(stack, family, person)
    officer = _officer(stack, family.district_code)
    without_photo = {"outcome": "LIVES_ELSEWHERE", "note": NOTE}
    missing = stack.call("POST", f"/field-visits/{app_id}/outcome", officer, without_photo)
    assert (missing.status, missing.json()["error"]["code"]) == (422, "FIELD_VISIT_PHOTO_REQUIRED")
    answer = {**without_photo, "photo_key": _photo_key(stack, officer, app_id, _photo())}
    assert stack.call("POST", f"/field-visits/{app_id}/outcome", officer, answer).status == 200
    assert (
        stack.wait_for(app_id, {"REJECTED", "APPROVED", "ISSUED", "PROCESSING_ERROR"}, 120)["status"]
        == "REJECTED"
    )
    detail = stack.call("GET", f"/applications/{app_id}", resident).json()
    assert [r["code"] for r in detail["reasons"]] == ["FIELD_VISIT_LIVES_ELSEWHERE"]
    assert detail["reasons"][0]["message_id"] and detail["reasons"][0]["message_en"]


def test_a_domicile_doubt_is_visited_attacks_are_refused_and_confirmed_goes_on(
    stack: LocalStack, applicants: list[tuple[Any, Any]]
) -> None:
    family, person = applicants[0]
    app_id, resident = _waiting(stack, family, person)
    detail = stack.call("GET", f"/applications/{app_id}", resident).json()
    assert [r["code"] for r in detail["reasons"]] == ["FIELD_VERIFICATION_REQUIRED"]
    assert "berkunjung" in detail["next_action"]["message_id"]
    district = family.district_code
    officer = _officer(stack, district)
    stranger = _officer(stack, "11.01.01" if district != "11.01.01" else "31.71.01")

    listed = stack.call("GET", "/field-visits", officer)
    assert listed.status == 200, listed.body
    (visit,) = [v for v in listed.json() if v["registration_number"] == app_id]
    assert (visit["address"], visit["rt"], visit["rw"]) == (family.address, family.rt, family.rw)
    assert person.nik not in listed.body

    # Another district's officer neither sees nor answers it; the resident cannot answer their own visit.
    assert app_id not in stack.call("GET", "/field-visits", stranger).body
    answer = {"outcome": "CONFIRMED", "note": NOTE, "photo_key": _photo_key(stack, officer, app_id, _photo())}
    assert stack.call("POST", f"/field-visits/{app_id}/outcome", stranger, answer).status == 404
    assert (
        stack.call("POST", f"/field-visits/{app_id}/photo", stranger, {"content_type": "image/jpeg"}).status
        == 404
    )
    assert stack.call("POST", f"/field-visits/{app_id}/outcome", resident, answer).status == 403

    # A forged resume (the stored token, but no answer on record) moves nothing: the chain waits again, with a new
    # token; the old one replayed moves nothing either.
    sfn = stack.client("stepfunctions")
    first_token = _stored_token(stack, app_id)
    sfn.send_task_success(taskToken=first_token, output='{"application_id": "forged"}')
    assert stack.wait_for(app_id, SETTLED, 30)["status"] == WAITING
    for _ in range(60):
        if _stored_token(stack, app_id) != first_token:
            break
        time.sleep(0.5)
    assert _stored_token(stack, app_id) != first_token
    with suppress(
        ClientError
    ):  # Step Functions refuses a used token; moto accepts it: nothing moves either way
        sfn.send_task_success(taskToken=first_token, output="{}")
    time.sleep(2)
    assert stack.wait_for(app_id, SETTLED, 5)["status"] == WAITING

    # A file that is no photo is refused with a clear code.
    pdf = _photo_key(stack, officer, app_id, b"%PDF-1.7\n" + b"0" * 4096)
    refused = stack.call("POST", f"/field-visits/{app_id}/outcome", officer, {**answer, "photo_key": pdf})
    assert (refused.status, refused.json()["error"]["code"]) == (422, "FIELD_VISIT_PHOTO_INVALID")

    recorded = stack.call("POST", f"/field-visits/{app_id}/outcome", officer, answer)
    assert recorded.status == 200, recorded.body
    again = stack.call("POST", f"/field-visits/{app_id}/outcome", officer, {**answer, "outcome": "NOT_FOUND"})
    assert (again.status, again.json()["error"]["code"]) == (409, "FIELD_VISIT_ALREADY_RECORDED")
    # The chain goes on as if the domicile passed: nothing else was in doubt, so it is approved and issued.
    decided = stack.wait_for(app_id, {"APPROVED", "ISSUED", "REJECTED", "IN_REVIEW", "PROCESSING_ERROR"}, 180)
    assert decided["status"] in ("APPROVED", "ISSUED"), decided
    kinds = [e["kind"] for e in stack.call("GET", f"/applications/{app_id}", resident).json()["timeline"]]
    assert kinds.index("FIELD_VISIT_REQUESTED") < kinds.index("FIELD_VISIT_CONFIRMED")
