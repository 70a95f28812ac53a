"""End to end on the local stack: every path through the chain, with real documents, photos and OCR."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from local_runtime import LocalStack
from local_runtime.demo import application_body, documents, pick_applicants
from local_runtime.stack import User
from tests.support.letters import police_report_pdf
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families

FINAL = {"APPROVED", "REJECTED", "IN_REVIEW", "PROCESSING_ERROR", "ISSUED"}


@pytest.fixture(scope="module")
def people(stack: LocalStack) -> Iterator[list[tuple[Any, Any]]]:
    families = generate_families(120, seed=77)
    stack.seed_registry(registry_people(families))
    yield pick_applicants(families, date.today(), 6)


@pytest.fixture(autouse=True)
def empty_gallery(stack: LocalStack) -> None:
    # Each test enrols faces from the same few public test photos: start every test from an empty gallery.
    stack.client("dynamodb").delete_item(
        TableName=stack.registry_table, Key={"PK": {"S": "GALLERY#MANIFEST"}}
    )


def _upload_all(stack: LocalStack, user: User, app_id: str, family: Any, person: Any) -> None:
    docs = documents(family, person, "obama", "obama2")
    for doc_type in ("PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN"):
        data, content_type = docs[doc_type]
        ticket = stack.call(
            "POST", f"/applications/{app_id}/documents/{doc_type}", user, {"content_type": content_type}
        )
        assert ticket.status == 201, ticket.body
        assert stack.upload(ticket.json(), data).status_code in (200, 204)


def _apply(stack: LocalStack, family: Any, person: Any, **changes: Any) -> tuple[User, str]:
    user = stack.user(f"flow-{uuid.uuid4().hex[:8]}")
    body = application_body(family, person)
    body["applicant"].update(changes)
    created = stack.call("POST", "/applications", user, body)
    assert created.status == 201, created.body
    app_id = str(created.json()["registration_number"])
    _upload_all(stack, user, app_id, family, person)
    detail = stack.call("GET", f"/applications/{app_id}", user).json()
    assert all(d["status"] == "ACCEPTED" for d in detail["documents"] if d["required"]), detail["documents"]
    assert stack.call("POST", f"/applications/{app_id}/submit", user).status == 200
    return user, app_id


def _detail(stack: LocalStack, user: User, app_id: str) -> dict[str, Any]:
    return dict(stack.call("GET", f"/applications/{app_id}", user).json())


def _officer(stack: LocalStack, district: str) -> User:
    return stack.user(f"officer-{uuid.uuid4().hex[:8]}", groups=("officers",), district=district)


def test_approved_issued_verifiable_and_a_replacement_revokes_the_old_card(
    stack: LocalStack, people: list[Any]
) -> None:
    family, person = people[0]
    user, app_id = _apply(stack, family, person)
    assert stack.wait_for(app_id, FINAL)["status"] in ("APPROVED", "ISSUED")
    stack.wait_idle(app_id)
    detail = _detail(stack, user, app_id)
    assert detail["status"] == "ISSUED" and detail["reasons"] == []
    kinds = [e["kind"] for e in detail["timeline"] if not e["kind"].startswith("NOTIFICATION_")]
    assert kinds[-4:] == ["SUBMITTED", "VERIFICATION_STARTED", "DECIDED", "CARD_ISSUED"]
    # The resident was told of each change, by e-mail and SMS (the timeline keeps channel and outcome only).
    notified = {e["detail"] for e in detail["timeline"] if e["kind"] == "NOTIFICATION_SENT"}
    assert {"sms:APPROVED", "sms:ISSUED"} <= notified  # the sample applicant gave a phone number, no e-mail

    issued = stack.call("GET", f"/applications/{app_id}/digital-id", user).json()
    assert stack.call("POST", "/verify", body={"credential": issued["credential"]}).json()["valid"] is True
    png = stack.call("GET", f"/applications/{app_id}/digital-id?format=png", user)
    assert png.status == 200 and png.raw.startswith(b"\x89PNG")
    assert stack.call("GET", f"/applications/{app_id}/receipt", user).raw.startswith(b"%PDF")
    assert (
        stack.call(
            "GET", f"/applications/{app_id}/digital-id", stack.user(f"x-{uuid.uuid4().hex[:6]}")
        ).status
        == 404
    )

    operator = stack.user(f"operator-{uuid.uuid4().hex[:8]}", groups=("operators",))
    moved = stack.call(
        "POST", f"/cards/{issued['card_id']}/status", operator, {"status": "SENT_FOR_CARD_PRINTING"}
    )
    assert moved.status == 200 and moved.json()["status"] == "SENT_FOR_CARD_PRINTING"
    assert (
        stack.call("POST", f"/cards/{issued['card_id']}/status", operator, {"status": "CARD_ISSUED"}).status
        == 409
    )
    assert (
        stack.call("POST", f"/cards/{issued['card_id']}/status", user, {"status": "CARD_PRINTED"}).status
        == 403
    )

    # The card is lost: a replacement (same NIK, same face: not a duplicate) revokes the old digital ID.
    body = application_body(family, person) | {"application_type": "REPLACEMENT_LOST"}
    replacement = stack.call("POST", "/applications", user, body).json()["registration_number"]
    _upload_all(stack, user, replacement, family, person)
    ticket = stack.call(
        "POST",
        f"/applications/{replacement}/documents/POLICE_REPORT",
        user,
        {"content_type": "application/pdf"},
    ).json()
    stack.upload(ticket, police_report_pdf())
    assert stack.call("POST", f"/applications/{replacement}/submit", user).status == 200
    assert stack.wait_for(replacement, FINAL)["status"] in ("APPROVED", "ISSUED")
    stack.wait_idle(replacement)
    old = stack.call("POST", "/verify", body={"credential": issued["credential"]}).json()
    assert old["valid"] is False and "CREDENTIAL_REVOKED" in str(old["reasons"])
    new = stack.call("GET", f"/applications/{replacement}/digital-id", user).json()
    assert stack.call("POST", "/verify", body={"credential": new["credential"]}).json()["valid"] is True

    # Reported lost again: revoked at once, before any replacement exists.
    lost = stack.call("POST", f"/applications/{replacement}/digital-id/report-lost", user)
    assert lost.status == 200 and lost.json()["status"] == "REVOKED"
    assert stack.call("POST", "/verify", body={"credential": new["credential"]}).json()["valid"] is False


def test_rejected_then_corrected_then_resubmitted_is_approved(stack: LocalStack, people: list[Any]) -> None:
    family, person = people[1]
    user, app_id = _apply(stack, family, person, full_name="BAMBANG SUTRISNO WIBOWO")
    assert stack.wait_for(app_id, FINAL)["status"] == "REJECTED"
    detail = _detail(stack, user, app_id)
    assert "NAME_MISMATCH" in {r["code"] for r in detail["reasons"]}
    assert detail["next_action"]["message_en"].startswith("Fix the reasons")
    # Attack 7 over HTTP: the resident learns which field to check, never the registry's value or a score.
    assert ("NAME_MISMATCH", "applicant.full_name") in {(r["code"], r["field"]) for r in detail["reasons"]}
    assert not [r for r in detail["reasons"] if str(r["field"]).startswith("registry.")]
    assert all(r["measured"] is None for r in detail["reasons"] if str(r["field"]).startswith("applicant."))
    assert person.name not in json.dumps(detail)

    corrected = application_body(family, person)["applicant"]
    assert stack.call("PATCH", f"/applications/{app_id}", user, {"applicant": corrected}).status == 200
    resubmitted = stack.call("POST", f"/applications/{app_id}/submit", user)
    assert resubmitted.status == 200 and resubmitted.json()["status"] in ("SUBMITTED", "VERIFYING")
    assert stack.wait_for(app_id, {"APPROVED", "ISSUED", "REJECTED", "IN_REVIEW", "PROCESSING_ERROR"})[
        "status"
    ] in (
        "APPROVED",
        "ISSUED",
    )
    assert _detail(stack, user, app_id)["attempt"] == 2


@pytest.mark.parametrize("decision", ["APPROVE", "REJECT"])
def test_a_case_for_an_officer_is_decided_through_the_officer_endpoints(
    stack: LocalStack, people: list[Any], decision: str
) -> None:
    family, person = people[2 if decision == "APPROVE" else 3]
    # Declared sex contradicts the NIK (+40 rule) and the registry: legitimate after a correction, so a person decides.
    other_sex = "M" if person.sex == "F" else "F"
    user, app_id = _apply(stack, family, person, sex=other_sex)
    assert stack.wait_for(app_id, FINAL)["status"] == "IN_REVIEW"

    officer = _officer(stack, family.district_code)
    stranger = _officer(stack, "11.01.01" if family.district_code != "11.01.01" else "31.71.01")
    assert app_id in [c["registration_number"] for c in stack.call("GET", "/review/queue", officer).json()]
    assert stack.call("GET", f"/review/{app_id}", stranger).status == 404
    assert stack.call("GET", f"/review/{app_id}", user).status == 403
    evidence = stack.call("GET", f"/review/{app_id}", officer).json()
    assert "NIK_SEX_MISMATCH" in {r["code"] for r in evidence["warnings"]}
    assert {d["document_type"] for d in evidence["documents"]} >= {"PHOTO", "KK"}
    assert "embedding" not in str(evidence)

    body: dict[str, Any] = {"decision": decision, "note": "secret note: phoned the resident"}
    if decision == "REJECT":
        body["reasons"] = ["SEX_MISMATCH"]
    assert stack.call("POST", f"/review/{app_id}/decision", stranger, body).status == 404
    assert stack.call("POST", f"/review/{app_id}/decision", officer, body).status == 200
    final = stack.wait_for(app_id, {"APPROVED", "ISSUED", "REJECTED", "PROCESSING_ERROR"})["status"]
    assert final == ("REJECTED" if decision == "REJECT" else final) and final != "PROCESSING_ERROR"
    assert (final in ("APPROVED", "ISSUED")) == (decision == "APPROVE")
    if decision == "REJECT":
        assert [r["code"] for r in _detail(stack, user, app_id)["reasons"]] == ["SEX_MISMATCH"]
    assert stack.call("POST", f"/review/{app_id}/decision", officer, body).status == 409  # decided already
    # Personal data: a decided case's documents are closed to the officer; the resident sees the office, not
    # the officer's account, and never the internal note.
    closed = stack.call("GET", f"/review/{app_id}", officer)
    assert closed.status == 409 and closed.json()["error"]["code"] == "CASE_NOT_IN_REVIEW"
    shown = _detail(stack, user, app_id)
    assert officer.sub not in json.dumps(shown) and officer.username not in json.dumps(shown)
    assert "secret note" not in json.dumps(shown)
    assert any(e["actor"] == "officer" and "Dukcapil" in (e["detail"] or "") for e in shown["timeline"])


def test_the_same_face_under_another_nik_goes_to_review(stack: LocalStack, people: list[Any]) -> None:
    family, person = people[4]
    _, first = _apply(stack, family, person)
    assert stack.wait_for(first, FINAL)["status"] in ("APPROVED", "ISSUED")
    stack.wait_idle(first)
    family2, person2 = people[5]
    user2, second = _apply(stack, family2, person2)
    assert stack.wait_for(second, FINAL)["status"] == "IN_REVIEW"
    evidence = stack.call("GET", f"/review/{second}", _officer(stack, family2.district_code)).json()
    face = next(s for s in evidence["stages"] if s["stage"] == "face_duplicates")
    assert [r["code"] for r in face["reasons"]] == ["FACE_DUPLICATE"]
    assert face["details"]["candidates"][0]["id"] == person.nik  # the officer sees whose face it is
    assert person.nik not in str(_detail(stack, user2, second))  # the resident never does
