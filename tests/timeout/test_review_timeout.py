"""A review nobody decides: it escalates once (flagged, recorded, kept in the queue), then the chain stops for
an operator instead of waiting forever. A stack of its own, synthesized with a 2-second review timeout."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from local_runtime import LocalStack
from local_runtime.demo import application_body, documents, pick_applicants
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families


@pytest.fixture(scope="module")
def stack() -> Iterator[LocalStack]:
    with LocalStack({"review_timeout_seconds": 2}) as local:
        yield local


def test_an_undecided_review_escalates_then_stops_for_an_operator(stack: LocalStack) -> None:
    families = generate_families(30, seed=4242)
    stack.seed_registry(registry_people(families))
    ((family, person),) = pick_applicants(families, date.today(), 1)
    user = stack.user("timeout-resident")
    body = application_body(family, person)
    body["applicant"]["sex"] = "M" if person.sex == "F" else "F"  # contradicts the NIK: a person must decide
    app_id = stack.call("POST", "/applications", user, body).json()["registration_number"]
    for doc_type, (data, content_type) in documents(family, person, "obama", "obama2").items():
        if doc_type == "PHOTO_BAD":
            continue
        ticket = stack.call(
            "POST", f"/applications/{app_id}/documents/{doc_type}", user, {"content_type": content_type}
        )
        stack.upload(ticket.json(), data)
    assert stack.call("POST", f"/applications/{app_id}/submit", user).status == 200
    assert stack.wait_for(app_id, {"IN_REVIEW", "APPROVED", "REJECTED"})["status"] == "IN_REVIEW"

    # 2 s for the officer, then 4 s for the supervisor: then PROCESSING_ERROR, visible to the stuck sweep.
    assert (
        stack.wait_for(app_id, {"PROCESSING_ERROR", "APPROVED", "REJECTED"}, timeout=60)["status"]
        == "PROCESSING_ERROR"
    )
    kinds = [e["kind"] for e in stack.call("GET", f"/applications/{app_id}", user).json()["timeline"]]
    assert kinds.count("REVIEW_ESCALATED") == 1
    assert (
        kinds.index("REVIEW_REQUESTED") < kinds.index("REVIEW_ESCALATED") < kinds.index("PROCESSING_FAILED")
    )
