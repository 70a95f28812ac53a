"""Issue 20: a recording nobody books. The chain's wait times out into a reminder, the second into an officer task
for the district, the last into REJECTED with a reason the resident acts on (submit again, book again); the resident
is told at each step through the notifier. A stack of its own, synthesized with 2-second recording waits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from local_runtime import LocalStack
from tests.timeout.test_recording_journey import submitted


@pytest.fixture(scope="module")
def stack() -> Iterator[LocalStack]:
    context = {
        "biometric_recording_required": True,
        "liveness_required_for": "",
        "recording_wait_seconds": 2,
        "recording_reminder_wait_seconds": 2,
        "recording_officer_wait_seconds": 2,
    }
    with LocalStack(context) as local:
        yield local


def test_an_unbooked_recording_reminds_then_tasks_an_officer_then_is_missed(stack: LocalStack) -> None:
    app_id, resident, *_ = submitted(stack, 3031)
    assert (
        stack.wait_for(app_id, {"AWAITING_BIOMETRIC_RECORDING", "REJECTED", "IN_REVIEW", "ISSUED"}, 120)[
            "status"
        ]
        == "AWAITING_BIOMETRIC_RECORDING"
    )
    assert stack.wait_for(app_id, {"REJECTED", "PROCESSING_ERROR", "ISSUED"}, 90)["status"] == "REJECTED"
    stack.wait_idle()
    detail = stack.call("GET", f"/applications/{app_id}", resident).json()
    assert [r["code"] for r in detail["reasons"]] == ["BIOMETRIC_RECORDING_MISSED"]
    kinds = [e["kind"] for e in detail["timeline"]]
    assert kinds.count("RECORDING_REMINDED") == 1 and kinds.count("RECORDING_OFFICER_TASK") == 1
    order = ["RECORDING_REQUESTED", "RECORDING_REMINDED", "RECORDING_OFFICER_TASK", "RECORDING_MISSED"]
    assert [kinds.index(k) for k in order] == sorted(kinds.index(k) for k in order)
    # Told each time by SMS (the synthetic applicant has a phone, no e-mail): the request, the reminder, the
    # officer task, then the result.
    told = [e["detail"] for e in detail["timeline"] if e["kind"] == "NOTIFICATION_SENT"]
    assert told.count("sms:AWAITING_BIOMETRIC_RECORDING") >= 3 and "sms:REJECTED" in told, told
    # The resident can submit again (a new attempt) and book then.
    assert stack.call("POST", f"/applications/{app_id}/submit", resident).status == 200
    waiting_again = stack.wait_for(app_id, {"AWAITING_BIOMETRIC_RECORDING", "IN_REVIEW", "ISSUED"}, 120)
    assert waiting_again["status"] == "AWAITING_BIOMETRIC_RECORDING"
