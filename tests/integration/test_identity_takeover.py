"""Issue 16, attack 1, end to end on the local stack over HTTP: someone who has a resident's KK data applies for
a first card on that resident's NIK with their own face. It must not be approved, the holder's card must stay
valid and the NIK's enrolled face must stay the holder's."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from local_runtime import LocalStack
from local_runtime.demo import application_body, documents, pick_applicants
from local_runtime.stack import User
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families

FINAL = {"APPROVED", "REJECTED", "IN_REVIEW", "PROCESSING_ERROR", "ISSUED"}


@pytest.fixture(scope="module")
def holder(stack: LocalStack) -> Iterator[tuple[Any, Any]]:
    families = generate_families(40, seed=16014)  # a seed no other test uses: its NIKs are this test's alone
    stack.seed_registry(registry_people(families))
    yield pick_applicants(families, date.today(), 1)[0]


@pytest.fixture(autouse=True)
def empty_gallery(stack: LocalStack) -> None:
    # Other modules enrol the same public test faces under their NIKs: start from an empty gallery.
    stack.client("dynamodb").delete_item(
        TableName=stack.registry_table, Key={"PK": {"S": "GALLERY#MANIFEST"}}
    )


def _apply(stack: LocalStack, family: Any, person: Any, face: str, selfie: str) -> tuple[User, str]:
    user = stack.user(f"takeover-{uuid.uuid4().hex[:8]}")
    created = stack.call("POST", "/applications", user, application_body(family, person))
    assert created.status == 201, created.body
    app_id = str(created.json()["registration_number"])
    docs = documents(family, person, face, selfie)
    for doc_type in ("PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN"):
        data, content_type = docs[doc_type]
        ticket = stack.call(
            "POST", f"/applications/{app_id}/documents/{doc_type}", user, {"content_type": content_type}
        )
        assert ticket.status == 201, ticket.body
        assert stack.upload(ticket.json(), data).status_code in (200, 204)
    assert stack.call("POST", f"/applications/{app_id}/submit", user).status == 200
    return user, app_id


def _enrolled_face(stack: LocalStack, nik: str) -> bytes:
    bucket = next(name for logical, name in stack.resources.buckets.items() if "Biometrics" in logical)
    return bytes(
        stack.client("s3").get_object(Bucket=bucket, Key=f"templates/enrolled/{nik}.bin")["Body"].read()
    )


def test_a_new_application_with_a_holders_data_and_another_face_takes_nothing_over(
    stack: LocalStack, holder: tuple[Any, Any]
) -> None:
    family, person = holder
    user, first = _apply(stack, family, person, "obama", "obama2")
    assert stack.wait_for(first, FINAL)["status"] in ("APPROVED", "ISSUED")
    stack.wait_idle(first)
    issued = stack.call("GET", f"/applications/{first}/digital-id", user).json()
    assert stack.call("POST", "/verify", body={"credential": issued["credential"]}).json()["valid"] is True
    enrolled = _enrolled_face(stack, person.nik)

    # The attacker knows the holder's KK data and applies for a "first" card on that NIK with their own face.
    _, attack = _apply(stack, family, person, "biden", "biden")
    assert (
        stack.wait_for(attack, FINAL, timeout=120)["status"] == "IN_REVIEW"
    )  # its chain waits for an officer
    officer = stack.user(
        f"officer-{uuid.uuid4().hex[:8]}", groups=("officers",), district=family.district_code
    )
    evidence = stack.call("GET", f"/review/{attack}", officer).json()
    face = next(s for s in evidence["stages"] if s["stage"] == "face_match")
    assert {"ENROLLED_FACE_MISMATCH", "NIK_ALREADY_HOLDS_CARD"} <= {r["code"] for r in face["reasons"]}
    assert face["details"]["photo_vs_enrolled"]["decision"] == "no_match"

    # The officer turns it down; nothing of the holder's changed: the card still verifies, the face is theirs.
    body = {"decision": "REJECT", "reasons": ["ENROLLED_FACE_MISMATCH"]}
    assert stack.call("POST", f"/review/{attack}/decision", officer, body).status == 200
    assert stack.wait_for(attack, FINAL - {"IN_REVIEW"})["status"] == "REJECTED"
    stack.wait_idle(attack)
    assert stack.call("POST", "/verify", body={"credential": issued["credential"]}).json()["valid"] is True
    assert stack.call("GET", f"/applications/{first}/digital-id", user).status == 200
    assert _enrolled_face(stack, person.nik) == enrolled
