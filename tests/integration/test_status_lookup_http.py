"""The public status lookup over HTTP on the local stack (issue 20 item 6): no account, the receipt's QR opens
it, and it answers only the status and the next step. The attacks first: enumeration, brute force, personal data.
"""

from __future__ import annotations

import io
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from ektp.domain.registration_number import new_registration_number
from ektp.domain.status import NEXT_ACTION, ApplicationStatus
from ektp.domain.status_lookup import MAX_FAILURES_PER_NUMBER
from ektp.issuance.render import decode_qr, pdf_page_image
from infra.settings import DeploymentSettings
from local_runtime import LocalStack
from tests.support.applicants import request_data

BORN = "2001-03-14"


@pytest.fixture
def registered(stack: LocalStack) -> tuple[str, dict[str, Any]]:
    user = stack.user(f"resident-{uuid.uuid4().hex[:8]}")
    data = request_data()
    data["applicant"]["birth_date"] = BORN
    response = stack.call("POST", "/applications", user, data)
    assert response.status == 201, response.body
    return str(response.json()["registration_number"]), data["applicant"]


def _ask(stack: LocalStack, number: str, born: str = BORN) -> Any:
    return stack.call("POST", "/status", body={"registration_number": number, "birth_date": born})


def test_unknown_malformed_and_wrong_birth_date_answers_are_byte_identical(
    stack: LocalStack, registered: tuple[str, dict[str, Any]]
) -> None:
    number, _ = registered
    answers = [
        _ask(stack, number, "2001-03-15"),
        _ask(stack, new_registration_number()),
        _ask(stack, "0000-0000-0000-Z"),
        _ask(stack, "not a number at all"),
    ]
    assert {a.status for a in answers} == {404}
    assert len({a.raw for a in answers}) == 1, [a.raw for a in answers]
    assert answers[0].json()["error"]["code"] == "APPLICATION_NOT_FOUND"


def test_guessing_the_birth_date_locks_the_number_even_for_the_right_date(
    stack: LocalStack, registered: tuple[str, dict[str, Any]]
) -> None:
    number, _ = registered
    for day in range(1, MAX_FAILURES_PER_NUMBER + 1):
        assert _ask(stack, number, f"1990-01-{day:02d}").status == 404
    locked = _ask(stack, number)
    assert locked.status == 429
    error = locked.json()["error"]
    assert error["code"] == "STATUS_LOOKUP_LOCKED" and error["message_id"] and error["message_en"]


def test_the_answer_is_status_and_next_step_without_personal_data(
    stack: LocalStack, registered: tuple[str, dict[str, Any]]
) -> None:
    number, applicant = registered
    answer = _ask(stack, number.lower())  # typed in small letters from the paper receipt
    assert answer.status == 200, answer.body
    body = answer.json()
    assert set(body) == {"registration_number", "status", "next_action_id", "next_action_en", "last_changed"}
    assert body["registration_number"] == number and body["status"] == "DRAFT"
    assert (body["next_action_id"], body["next_action_en"]) == NEXT_ACTION[ApplicationStatus.DRAFT]
    text = answer.raw.decode()
    for personal in (applicant["nik"], applicant["full_name"], applicant["kk_number"], BORN):
        assert personal not in text


def test_the_route_needs_no_account_and_refuses_the_direct_url(stack: LocalStack) -> None:
    direct = stack.call_direct("POST", "/status", body={"registration_number": "x", "birth_date": BORN})
    assert direct.json()["error"]["code"] == "DIRECT_ACCESS_FORBIDDEN"
    extra = stack.call("POST", "/status", body={"registration_number": "x", "birth_date": BORN, "nik": "1"})
    assert extra.status == 422  # only the two fields


def test_the_receipts_qr_opens_the_status_page_with_the_number(stack: LocalStack) -> None:
    user = stack.user(f"resident-{uuid.uuid4().hex[:8]}")
    created = stack.call("POST", "/applications", user, request_data())
    number = created.json()["registration_number"]
    pdf = stack.call("GET", f"/applications/{number}/receipt", user).raw
    buffer = io.BytesIO()
    pdf_page_image(pdf).save(buffer, "PNG")
    [link] = decode_qr(buffer.getvalue())
    parts = urlsplit(link)
    base = DeploymentSettings().status_page_url  # the deployment setting, through the function's environment
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == base
    assert parse_qs(parts.query) == {"n": [number]}
