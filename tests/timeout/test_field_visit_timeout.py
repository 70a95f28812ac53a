"""Issue 20 item 4: a field visit nobody makes. The chain's wait times out into a reminder (the visit is flagged
overdue on the district's list and on the audit trail), the second wait into an officer review of the case, with
FIELD_VISIT_OVERDUE for the officer; the late answer is refused. A stack of its own, synthesized with 2-second
visit waits."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from local_runtime import LocalStack
from tests.integration.test_field_visits_http import NOTE, _waiting, applicants

__all__ = ["applicants"]  # the module fixture, shared: applicants whose registry record names another village


@pytest.fixture(scope="module")
def stack() -> Iterator[LocalStack]:
    context = {
        "liveness_required_for": "",
        "field_visit_wait_seconds": 2,
        "field_visit_reminder_wait_seconds": 2,
    }
    with LocalStack(context) as local:
        yield local


def test_an_unmade_visit_is_flagged_overdue_then_an_officer_reviews_the_case(
    stack: LocalStack, applicants: list[tuple[Any, Any]]
) -> None:
    family, person = applicants[2]
    app_id, resident = _waiting(stack, family, person)
    final = stack.wait_for(app_id, {"IN_REVIEW", "REJECTED", "APPROVED", "ISSUED", "PROCESSING_ERROR"}, 90)
    assert final["status"] == "IN_REVIEW"
    officer = stack.user(
        f"visitor-{uuid.uuid4().hex[:8]}", groups=("officers",), district=family.district_code
    )
    (case,) = [
        c for c in stack.call("GET", "/review/queue", officer).json() if c["registration_number"] == app_id
    ]
    evidence = stack.call("GET", f"/review/{app_id}", officer).json()
    assert "FIELD_VISIT_OVERDUE" in str(evidence), case
    timeline = [e["kind"] for e in stack.call("GET", f"/applications/{app_id}", resident).json()["timeline"]]
    order = ["FIELD_VISIT_REQUESTED", "FIELD_VISIT_OVERDUE", "REVIEW_REQUESTED"]
    assert all(k in timeline for k in order), timeline
    assert [timeline.index(k) for k in order] == sorted(timeline.index(k) for k in order)
    assert timeline.count("FIELD_VISIT_OVERDUE") == 1
    # The visit left the district's list; an answer now is refused, it would overwrite nothing.
    assert app_id not in stack.call("GET", "/field-visits", officer).body
    late = stack.call(
        "POST", f"/field-visits/{app_id}/outcome", officer, {"outcome": "NOT_FOUND", "note": NOTE}
    )
    assert late.status == 409, late.body
