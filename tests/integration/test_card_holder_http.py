"""Issue 16 over HTTP on the local stack: a replacement filed from another account with the holder's own photos
goes to an officer and leaves the holder's card valid (attack 1, second-account variant); the digital ID keeps
its photo after the application's uploads and normalized copies expire (the card owns a copy)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from local_runtime import LocalStack
from local_runtime.demo import application_body, pick_applicants
from tests.integration.test_chain_flows import FINAL, _apply, _officer, _upload_all
from tests.support.letters import police_report_pdf
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families


@pytest.fixture(scope="module")
def people(stack: LocalStack) -> Iterator[list[tuple[Any, Any]]]:
    families = generate_families(
        40, seed=16021
    )  # a seed no other test uses: its NIKs are this module's alone
    stack.seed_registry(registry_people(families))
    yield pick_applicants(families, date.today(), 2)


@pytest.fixture(autouse=True)
def empty_gallery(stack: LocalStack) -> None:
    stack.client("dynamodb").delete_item(
        TableName=stack.registry_table, Key={"PK": {"S": "GALLERY#MANIFEST"}}
    )


def _issued(stack: LocalStack, family: Any, person: Any) -> tuple[Any, str, dict[str, Any]]:
    user, app_id = _apply(stack, family, person)
    assert stack.wait_for(app_id, FINAL)["status"] in ("APPROVED", "ISSUED")
    stack.wait_idle(app_id)
    issued = dict(stack.call("GET", f"/applications/{app_id}/digital-id", user).json())
    assert stack.call("POST", "/verify", body={"credential": issued["credential"]}).json()["valid"] is True
    return user, app_id, issued


def test_attack_a_replacement_from_another_account_with_the_holders_photos_goes_to_an_officer(
    stack: LocalStack, people: list[tuple[Any, Any]]
) -> None:
    family, person = people[0]
    _, _, issued = _issued(stack, family, person)

    # Someone with the holder's KK data and photos of the holder reports the card lost from their own account.
    attacker = stack.user(f"attacker-{uuid.uuid4().hex[:8]}")
    body = application_body(family, person) | {"application_type": "REPLACEMENT_LOST"}
    replacement = stack.call("POST", "/applications", attacker, body).json()["registration_number"]
    _upload_all(stack, attacker, replacement, family, person)  # the holder's face, as PHOTO and SELFIE
    ticket = stack.call(
        "POST",
        f"/applications/{replacement}/documents/POLICE_REPORT",
        attacker,
        {"content_type": "application/pdf"},
    ).json()
    stack.upload(ticket, police_report_pdf())
    assert stack.call("POST", f"/applications/{replacement}/submit", attacker).status == 200
    assert stack.wait_for(replacement, FINAL, timeout=120)["status"] == "IN_REVIEW"

    evidence = stack.call("GET", f"/review/{replacement}", _officer(stack, family.district_code)).json()
    face = next(s for s in evidence["stages"] if s["stage"] == "face_match")
    assert "CARD_HOLDER_ACCOUNT_DIFFERS" in {r["code"] for r in face["reasons"]}
    assert face["details"]["photo_vs_enrolled"]["decision"] == "match"  # the face alone could not tell
    assert stack.call("POST", "/verify", body={"credential": issued["credential"]}).json()["valid"] is True
    assert stack.call("GET", f"/applications/{replacement}/digital-id", attacker).status == 404


def _expire(stack: LocalStack, app_id: str) -> list[str]:
    """What the lifecycle rules do after the retention: a delete marker on every uploads/ and processed/ object."""
    s3, bucket = stack.client("s3"), stack.upload_bucket
    gone = []
    for prefix in (f"uploads/{app_id}/", f"processed/{app_id}/"):
        for item in s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=item["Key"])
            gone.append(item["Key"])
    return gone


def test_the_digital_id_keeps_its_photo_after_the_uploads_expire(
    stack: LocalStack, people: list[tuple[Any, Any]]
) -> None:
    family, person = people[1]
    user, app_id, issued = _issued(stack, family, person)
    gone = _expire(stack, app_id)
    assert any(k.startswith("processed/") for k in gone) and any(k.startswith("uploads/") for k in gone)

    assert stack.call("GET", f"/applications/{app_id}/digital-id", user).status == 200
    png = stack.call("GET", f"/applications/{app_id}/digital-id?format=png", user)
    assert png.status == 200 and png.raw.startswith(b"\x89PNG")
    pdf = stack.call("GET", f"/applications/{app_id}/digital-id?format=pdf", user)
    assert pdf.status == 200 and pdf.raw.startswith(b"%PDF")
    photo = stack.call("GET", f"/applications/{app_id}/digital-id?format=photo", user)
    assert photo.status == 200 and photo.raw.startswith(b"\xff\xd8")
    verified = stack.call("POST", "/verify", body={"credential": issued["credential"]}).json()
    assert verified["valid"] is True  # and it binds exactly the photo served (the card's own copy)
    assert hashlib.sha256(photo.raw).hexdigest() in json.dumps(verified)
