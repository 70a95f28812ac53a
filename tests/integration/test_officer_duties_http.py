"""Separation of duties over HTTP on the local stack (s6 attack review, finding 1): the officer who entered an
ASSISTED application cannot approve its review (403 APPROVER_TOOK_PART); a second officer of the district can."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from local_runtime import LocalStack
from local_runtime.demo import application_body, documents, pick_applicants
from tests.integration.test_assisted_registration_http import _officer
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families

FINAL = {"APPROVED", "REJECTED", "IN_REVIEW", "PROCESSING_ERROR", "ISSUED", "AWAITING_BIOMETRIC_RECORDING"}


@pytest.fixture(scope="module")
def person(stack: LocalStack) -> tuple[Any, Any]:
    families = generate_families(40, seed=60001)  # a seed no other test uses: its NIKs are this test's alone
    stack.seed_registry(registry_people(families))
    return pick_applicants(families, date.today(), 1)[0]  # type: ignore[no-any-return]


def test_attack_the_officer_who_entered_a_case_cannot_approve_it_over_http(
    stack: LocalStack, person: tuple[Any, Any]
) -> None:
    family, applicant = person
    body = application_body(family, applicant)
    # Declared sex contradicts the NIK and the registry: the chain sends the case to an officer.
    body["applicant"]["sex"] = "M" if applicant.sex == "F" else "F"
    district = body["applicant"]["district_code"]
    entering, second = _officer(stack, district), _officer(stack, district)

    created = stack.call("POST", "/assisted/applications", entering, body)
    assert created.status == 201, created.body
    number = str(created.json()["registration_number"])
    path = f"/assisted/applications/{number}"
    for doc_type, (data, content_type) in documents(family, applicant, "obama", "obama2").items():
        if doc_type in ("PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN"):
            ticket = stack.call(
                "POST", f"{path}/documents/{doc_type}", entering, {"content_type": content_type}
            )
            assert ticket.status == 201, ticket.body
            assert stack.upload(ticket.json(), data).status_code in (200, 204)
    assert stack.call("POST", f"{path}/submit", entering).status == 200
    assert stack.wait_for(number, FINAL, timeout=120)["status"] == "IN_REVIEW"

    refused = stack.call("POST", f"/review/{number}/decision", entering, {"decision": "APPROVE"})
    assert refused.status == 403 and refused.json()["error"]["code"] == "APPROVER_TOOK_PART", refused.body
    assert stack.wait_for(number, FINAL)["status"] == "IN_REVIEW"  # nothing reached the chain
    approved = stack.call("POST", f"/review/{number}/decision", second, {"decision": "APPROVE"})
    assert approved.status == 200, approved.body
    final = stack.wait_for(number, {"APPROVED", "ISSUED", "REJECTED", "PROCESSING_ERROR"}, timeout=120)
    assert final["status"] in ("APPROVED", "ISSUED"), final
