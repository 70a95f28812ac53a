"""Issue 16, attacks 2 and 3, over HTTP on the local stack (API, presigned POSTs to S3, intake, checkers, the
chain, the officer's evidence links, issuance): the photo on the card is the one that was checked.

Attack 2: a PHOTO upload URL asked for before submitting is used while the chain runs. Attack 3: the PHOTO's
own presigned POST is used a second time after the photo was accepted. The unit tests of the same attacks,
with the fakes: tests/unit/services/test_upload_integrity_attacks.py.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import requests

from ektp.adapters.cards_dynamodb import DynamoCardStore
from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.domain.records import DocumentRecord
from local_runtime import LocalStack
from local_runtime.demo import application_body, documents, pick_applicants
from local_runtime.stack import User
from tests.support import photo_defects as photos
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families

FINAL = {"APPROVED", "REJECTED", "IN_REVIEW", "PROCESSING_ERROR", "ISSUED"}


@pytest.fixture(scope="module")
def people(stack: LocalStack) -> Iterator[list[tuple[Any, Any]]]:
    families = generate_families(60, seed=1616)
    stack.seed_registry(registry_people(families))
    yield pick_applicants(families, date.today(), 2)


@pytest.fixture(autouse=True)
def empty_gallery(stack: LocalStack) -> None:
    # The same public test photos are enrolled by other tests: start from an empty gallery (no 1:N duplicate).
    stack.client("dynamodb").delete_item(
        TableName=stack.registry_table, Key={"PK": {"S": "GALLERY#MANIFEST"}}
    )


def _register(
    stack: LocalStack, family: Any, person: Any, **changes: Any
) -> tuple[User, str, dict[str, Any]]:
    """Register and upload every required document; returns the PHOTO's upload ticket, as the resident has it."""
    user = stack.user(f"swap-{uuid.uuid4().hex[:8]}")
    body = application_body(family, person)
    body["applicant"].update(changes)
    created = stack.call("POST", "/applications", user, body)
    assert created.status == 201, created.body
    app_id = str(created.json()["registration_number"])
    docs = documents(family, person, "obama", "obama2")
    tickets = {}
    for doc_type in ("PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN"):
        data, content_type = docs[doc_type]
        tickets[doc_type] = _ticket(stack, user, app_id, doc_type, content_type)
        assert stack.upload(tickets[doc_type], data).status_code in (200, 204)
    detail = stack.call("GET", f"/applications/{app_id}", user).json()
    assert all(d["status"] == "ACCEPTED" for d in detail["documents"] if d["required"]), detail["documents"]
    return user, app_id, tickets["PHOTO"]


def _ticket(stack: LocalStack, user: User, app_id: str, doc_type: str, content_type: str) -> dict[str, Any]:
    ticket = stack.call(
        "POST", f"/applications/{app_id}/documents/{doc_type}", user, {"content_type": content_type}
    )
    assert ticket.status == 201, ticket.body
    return dict(ticket.json())


def _someone_else(person: Any) -> bytes:
    colour = "red" if person.birth_date.year % 2 else "blue"  # a photo that passes every check, another face
    return photos.jpeg(photos.good_id_photo("biden", colour))


def _repository(stack: LocalStack) -> DynamoApplicationRepository:
    return DynamoApplicationRepository(stack.table_name)


def _versions(stack: LocalStack, key: str) -> list[str]:
    listed = stack.client("s3").list_object_versions(Bucket=stack.upload_bucket, Prefix=key)
    return [v["VersionId"] for v in listed.get("Versions", []) if v["Key"] == key]


def _card_photo(stack: LocalStack, app_id: str) -> bytes:
    found = DynamoCardStore(stack.table_name).for_application(app_id)
    assert found is not None and found[0].photo_key
    body: bytes = (
        stack.client("s3").get_object(Bucket=stack.upload_bucket, Key=found[0].photo_key)["Body"].read()
    )
    return body


def _processed(stack: LocalStack, document: DocumentRecord) -> bytes:
    assert document.processed_key is not None
    body: bytes = (
        stack.client("s3").get_object(Bucket=stack.upload_bucket, Key=document.processed_key)["Body"].read()
    )
    return body


def _refusals(stack: LocalStack, user: User, app_id: str) -> list[str]:
    timeline = stack.call("GET", f"/applications/{app_id}", user).json()["timeline"]
    return [code for e in timeline if e["kind"] == "UPLOAD_REFUSED" for code in e.get("reasons", [])]


def test_a_photo_slot_filled_while_the_chain_runs_never_reaches_the_card(
    stack: LocalStack, people: list[Any]
) -> None:
    family, person = people[0]
    user, app_id, photo_ticket = _register(stack, family, person)
    spare = _ticket(stack, user, app_id, "PHOTO", "image/jpeg")  # asked for before submitting
    assert stack.call("POST", f"/applications/{app_id}/submit", user).status == 200
    assert stack.upload(spare, _someone_else(person)).status_code in (200, 204)  # used while the chain runs

    assert stack.wait_for(app_id, FINAL)["status"] in ("APPROVED", "ISSUED")
    stack.wait_idle(app_id)
    documents_ = {d.object_key: d for d in _repository(stack).list_documents(app_id)}
    checked, cancelled = documents_[photo_ticket["fields"]["key"]], documents_[spare["fields"]["key"]]
    assert str(cancelled.status) == "CANCELLED" and cancelled.sha256 is None  # never read
    assert _versions(stack, spare["fields"]["key"]) == []  # the refused object is gone
    assert "UPLOAD_AFTER_SUBMIT" in _refusals(stack, user, app_id)
    assert _card_photo(stack, app_id) == _processed(stack, checked)  # the checked photo is on the card


def test_a_second_post_to_the_accepted_photo_is_refused_and_the_officer_and_the_card_see_the_checked_one(
    stack: LocalStack, people: list[Any]
) -> None:
    family, person = people[1]
    # Declared sex contradicts the NIK: the case goes to an officer, who opens the evidence links.
    user, app_id, photo_ticket = _register(stack, family, person, sex="M" if person.sex == "F" else "F")
    key = photo_ticket["fields"]["key"]
    checked = next(d for d in _repository(stack).list_documents(app_id) if d.object_key == key)
    assert checked.version_id is not None and _versions(stack, key) == [checked.version_id]

    assert stack.upload(photo_ticket, _someone_else(person)).status_code in (200, 204)  # the same URL again
    assert _versions(stack, key) == [checked.version_id]  # the new version was removed, unread
    assert next(d for d in _repository(stack).list_documents(app_id) if d.object_key == key) == checked
    assert "UPLOAD_OVERWRITE_REFUSED" in _refusals(stack, user, app_id)

    assert stack.call("POST", f"/applications/{app_id}/submit", user).status == 200
    assert stack.wait_for(app_id, FINAL)["status"] == "IN_REVIEW"
    officer = stack.user(
        f"officer-{uuid.uuid4().hex[:8]}", groups=("officers",), district=family.district_code
    )
    evidence = stack.call("GET", f"/review/{app_id}", officer).json()
    photo = next(d for d in evidence["documents"] if d["document_type"] == "PHOTO")
    shown = requests.get(photo["original_url"], timeout=30)
    assert shown.status_code == 200 and hashlib.sha256(shown.content).hexdigest() == checked.sha256

    assert stack.call("POST", f"/review/{app_id}/decision", officer, {"decision": "APPROVE"}).status == 200
    assert stack.wait_for(app_id, {"APPROVED", "ISSUED", "REJECTED", "PROCESSING_ERROR"})["status"] in (
        "APPROVED",
        "ISSUED",
    )
    stack.wait_idle(app_id)
    assert _card_photo(stack, app_id) == _processed(stack, checked)


def test_a_duplicated_event_for_the_accepted_version_is_idempotent(
    stack: LocalStack, people: list[Any]
) -> None:
    family, person = people[0]
    user, app_id, photo_ticket = _register(stack, family, person)
    key = photo_ticket["fields"]["key"]
    before = (
        _repository(stack).list_documents(app_id),
        stack.call("GET", f"/applications/{app_id}", user).json()["timeline"],
    )
    intake = next(n for n, spec in stack.resources.functions.items() if spec.source == "functions/intake")
    (version,) = _versions(stack, key)
    event = {
        "Records": [
            {
                "eventSource": "aws:s3",
                "eventName": "ObjectCreated:Post",
                "s3": {
                    "bucket": {"name": stack.upload_bucket, "arn": f"arn:aws:s3:::{stack.upload_bucket}"},
                    "object": {"key": key, "size": 1, "versionId": version, "sequencer": uuid.uuid4().hex},
                },
            }
        ]
    }
    for _ in range(2):  # new sequencers: past the idempotency layer, into intake itself
        event["Records"][0]["s3"]["object"]["sequencer"] = uuid.uuid4().hex  # type: ignore[index]
        stack.dispatcher.invoke(intake, event)
    after = (
        _repository(stack).list_documents(app_id),
        stack.call("GET", f"/applications/{app_id}", user).json()["timeline"],
    )
    assert after == before and _versions(stack, key) == [version]
