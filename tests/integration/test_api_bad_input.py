"""Every bad input gets a specific 4xx code and changes no stored state (through the real API, on moto)."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import pytest

from infra.settings import DeploymentSettings
from local_runtime import LocalStack
from local_runtime.stack import User
from tests.support.applicants import applicant_data, request_data


@pytest.fixture
def resident(stack: LocalStack) -> User:
    # One account per test: an account may register only 5 applications in 30 days (domain/limits.py).
    return stack.user(f"resident-{uuid.uuid4().hex[:8]}")


def test_an_account_past_its_registration_limit_gets_a_clear_429(stack: LocalStack, resident: User) -> None:
    for _ in range(5):
        assert stack.call("POST", "/applications", resident, request_data()).status == 201
    refused = stack.call("POST", "/applications", resident, request_data())
    assert refused.status == 429
    error = refused.json()["error"]
    assert error["code"] == "REGISTRATION_LIMIT_REACHED"
    assert "Dukcapil" in error["message_id"] and "Dukcapil" in error["message_en"]
    assert len(stack.call("GET", "/applications", resident).json()) == 5  # nothing half-created


@pytest.fixture
def application(stack: LocalStack, resident: User) -> str:
    response = stack.call("POST", "/applications", resident, request_data())
    assert response.status == 201, response.body
    return str(response.json()["registration_number"])


def _version(stack: LocalStack, app_id: str) -> int:
    item = stack.client("dynamodb").get_item(
        TableName=stack.table_name, Key={"PK": {"S": f"APP#{app_id}"}, "SK": {"S": "META"}}
    )["Item"]
    return int(item["version"]["N"])


def _error(response: Any) -> str:
    return str(response.json()["error"]["code"])


def test_register_and_read_back(stack: LocalStack, resident: User, application: str) -> None:
    detail = stack.call("GET", f"/applications/{application}", resident).json()
    assert detail["status"] == "DRAFT"
    assert detail["siak_status"] == "UNREGISTERED"
    assert [e["kind"] for e in detail["timeline"]] == ["CREATED"]
    assert {d["document_type"] for d in detail["documents"] if d["required"]} == {
        "KK",
        "AKTA_KELAHIRAN",
        "PHOTO",
        "SELFIE",
    }
    assert detail["next_action"]["message_id"] and detail["next_action"]["message_en"]
    listed = stack.call("GET", "/applications", resident).json()
    assert application in [a["registration_number"] for a in listed]


def test_idempotency_key_returns_the_first_result_and_refuses_another_body(
    stack: LocalStack, resident: User
) -> None:
    key = uuid.uuid4().hex
    first = stack.call("POST", "/applications", resident, request_data(), **{"idempotency-key": key})
    again = stack.call("POST", "/applications", resident, request_data(), **{"idempotency-key": key})
    assert first.status == again.status == 201
    assert first.json()["registration_number"] == again.json()["registration_number"]
    other = stack.call(
        "POST",
        "/applications",
        resident,
        request_data(occupation="PETANI/PEKEBUN"),
        **{"idempotency-key": key},
    )
    assert other.status == 409 and _error(other) == "IDEMPOTENCY_KEY_REUSED"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ('{"application_type": "NEW",', 400, "MALFORMED_JSON"),
        (json.dumps({**request_data(), "favourite_colour": "blue"}), 422, "UNKNOWN_FIELD"),
        (json.dumps({**request_data(), "application_type": "PASSPORT"}), 422, "VALIDATION_FAILED"),
        (
            json.dumps(request_data() | {"applicant": applicant_data() | {"birth_date": "14-03-2001"}}),
            422,
            "VALIDATION_FAILED",
        ),
        (json.dumps(request_data() | {"applicant": applicant_data() | {"rt": 3}}), 422, "VALIDATION_FAILED"),
        (json.dumps(request_data(email="resident.example.com")), 422, "VALIDATION_FAILED"),
        (json.dumps(request_data(email="resident@")), 422, "VALIDATION_FAILED"),
        (json.dumps(request_data(nik="31710154030100")), 422, "VALIDATION_FAILED"),
        (json.dumps(request_data(kk_number="ABCDEFGHIJKLMNOP")), 422, "VALIDATION_FAILED"),
        (json.dumps(request_data(village="31.71.02.1001")), 422, "VALIDATION_FAILED"),
    ],
)
def test_bad_registrations(stack: LocalStack, resident: User, body: str, status: int, code: str) -> None:
    before = len(stack.call("GET", "/applications", resident).json())
    response = stack.call("POST", "/applications", resident, body)
    assert response.status == status, response.body
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message_id"] and error["message_en"]
    assert len(stack.call("GET", "/applications", resident).json()) == before


def test_rule_errors_name_the_rule_and_the_field(stack: LocalStack, resident: User) -> None:
    response = stack.call("POST", "/applications", resident, request_data(nik="3171019999990000"))
    reasons = {(r["code"], r["field"]) for r in response.json()["error"]["reasons"]}
    assert ("NIK_DATE_INVALID", "applicant.nik") in reasons
    assert ("NIK_SERIAL_INVALID", "applicant.nik") in reasons


def test_no_token_is_401_and_a_forged_token_too(stack: LocalStack, resident: User) -> None:
    assert stack.call("GET", "/applications").status == 401
    header, payload, signature = resident.token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["sub"] = "someone-else"
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    forged = f"{header}.{forged_payload}.{signature}"
    assert stack.call("GET", "/applications", authorization=f"Bearer {forged}").status == 401


def test_another_residents_application_is_not_found(stack: LocalStack, application: str) -> None:
    mallory = stack.user(f"mallory-{uuid.uuid4().hex[:8]}")
    for method, path, body in [
        ("GET", f"/applications/{application}", None),
        ("POST", f"/applications/{application}/documents/KK", {"content_type": "application/pdf"}),
        ("POST", f"/applications/{application}/submit", None),
    ]:
        response = stack.call(method, path, mallory, body)
        assert response.status == 404 and _error(response) == "APPLICATION_NOT_FOUND"
        assert "SITI" not in response.body


def test_unknown_and_mistyped_registration_numbers(
    stack: LocalStack, resident: User, application: str
) -> None:
    typo = application[:-1] + ("0" if application[-1] != "0" else "1")
    assert _error(stack.call("GET", f"/applications/{typo}", resident)) == "INVALID_REGISTRATION_NUMBER"
    assert stack.call("GET", "/applications/0000-0000-0000-0", resident).status == 404


@pytest.mark.parametrize(
    ("doc_type", "content_type", "code"),
    [
        ("SKPWNI", "application/pdf", "DOCUMENT_TYPE_NOT_ALLOWED"),
        ("SELFIE", "application/pdf", "CONTENT_TYPE_NOT_ALLOWED"),
        ("DIPLOMA", "application/pdf", "UNKNOWN_DOCUMENT_TYPE"),
    ],
)
def test_bad_upload_requests(
    stack: LocalStack, resident: User, application: str, doc_type: str, content_type: str, code: str
) -> None:
    before = _version(stack, application)
    response = stack.call(
        "POST", f"/applications/{application}/documents/{doc_type}", resident, {"content_type": content_type}
    )
    assert response.status == 422 and _error(response) == code
    assert _version(stack, application) == before


def test_presigned_post_is_scoped_to_one_key_type_and_size(
    stack: LocalStack, resident: User, application: str
) -> None:
    ticket = stack.call(
        "POST", f"/applications/{application}/documents/KK", resident, {"content_type": "application/pdf"}
    ).json()
    policy = json.loads(base64.b64decode(ticket["fields"]["policy"]))
    conditions = policy["conditions"]
    assert {"key": ticket["fields"]["key"]} in conditions
    assert {"Content-Type": "application/pdf"} in conditions
    assert ["content-length-range", 1, ticket["max_bytes"]] in conditions
    assert ticket["fields"]["key"].startswith(f"uploads/{application}/KK/")
    assert ticket["expires_in"] <= 600


def _document(stack: LocalStack, resident: User, application: str, doc_type: str) -> dict[str, Any]:
    detail = stack.call("GET", f"/applications/{application}", resident).json()
    return next(d for d in detail["documents"] if d["document_type"] == doc_type)


def test_wrong_bytes_are_rejected_on_arrival_whatever_was_declared(
    stack: LocalStack, resident: User, application: str
) -> None:
    ticket = stack.call(
        "POST",
        f"/applications/{application}/documents/AKTA_KELAHIRAN",
        resident,
        {"content_type": "application/pdf"},
    ).json()
    assert stack.upload(ticket, b"PK\x03\x04 this is a zip renamed to pdf").status_code in (200, 204)
    doc = _document(stack, resident, application, "AKTA_KELAHIRAN")
    assert doc["status"] == "REJECTED"
    assert [r["code"] for r in doc["reasons"]] == ["UPLOAD_TYPE_MISMATCH"]


def test_an_oversized_upload_is_rejected_on_arrival(
    stack: LocalStack, resident: User, application: str
) -> None:
    # moto does not enforce the POST policy's size range, a leaked or replayed URL might not either: intake does.
    ticket = stack.call(
        "POST", f"/applications/{application}/documents/PHOTO", resident, {"content_type": "image/jpeg"}
    ).json()
    stack.upload(ticket, b"\xff\xd8\xff\xe0" + b"\x00" * (ticket["max_bytes"] + 1))
    doc = _document(stack, resident, application, "PHOTO")
    assert doc["status"] == "REJECTED"
    assert [r["code"] for r in doc["reasons"]] == ["UPLOAD_TOO_LARGE"]


def test_submitting_incomplete_changes_nothing(stack: LocalStack, resident: User, application: str) -> None:
    before = _version(stack, application)
    response = stack.call("POST", f"/applications/{application}/submit", resident)
    assert response.status == 409 and _error(response) == "APPLICATION_INCOMPLETE"
    assert {r["field"] for r in response.json()["error"]["reasons"]} >= {"documents.KK", "documents.PHOTO"}
    assert _version(stack, application) == before


def test_unknown_route(stack: LocalStack, resident: User) -> None:
    assert stack.call("DELETE", "/applications", resident).status == 404


def test_a_resident_exports_their_data_and_its_processing_history(
    stack: LocalStack, resident: User, application: str
) -> None:
    exported = stack.call("GET", f"/applications/{application}/export", resident)
    assert exported.status == 200
    body = exported.json()
    assert body["applicant"]["full_name"] == "SITI AMINAH"
    assert [p["activity"] for p in body["processing_history"]][:1] == ["CREATED"]
    assert all(p["purpose"] for p in body["processing_history"])
    # The deployment's lifecycle rule, through the API function's environment (issue 21 item 6).
    assert f"deleted {DeploymentSettings().raw_upload_retention_days} days after upload" in body["retention"]
    again = stack.call("GET", f"/applications/{application}/export", resident).json()
    assert "DATA_EXPORTED" in [
        p["activity"] for p in again["processing_history"]
    ]  # the export is recorded too
    mallory = stack.user(f"mallory-{uuid.uuid4().hex[:8]}")
    assert stack.call("GET", f"/applications/{application}/export", mallory).status == 404


def test_a_request_sent_around_cloudfront_is_refused_without_data(
    stack: LocalStack, resident: User, application: str
) -> None:
    """The execute-api URL is public in AWS: a call that skips CloudFront (and its WAF) lacks the edge secret."""
    through_edge = stack.call("GET", f"/applications/{application}", resident)
    assert through_edge.status == 200
    direct = stack.call_direct("GET", f"/applications/{application}", resident)
    assert direct.status == 403 and _error(direct) == "DIRECT_ACCESS_FORBIDDEN"
    assert application not in direct.body and direct.json()["error"]["message_id"]
    guessed = stack.call_direct(
        "GET", f"/applications/{application}", resident, **{"x-ektp-origin-verify": "a" * 48}
    )
    assert guessed.status == 403 and _error(guessed) == "DIRECT_ACCESS_FORBIDDEN"
    # Public routes too: nothing reaches the API's logic past the WAF.
    assert _error(stack.call_direct("GET", "/public-key")) == "DIRECT_ACCESS_FORBIDDEN"
    assert stack.call("GET", "/public-key").status == 200
