"""The liveness challenge over the API: only the owner gets one, only while the application can change."""

from __future__ import annotations

import uuid
from datetime import datetime

from local_runtime import LocalStack
from tests.support.applicants import request_data


def test_the_owner_gets_a_fresh_random_challenge_and_nobody_else_does(stack: LocalStack) -> None:
    owner, other = stack.user(f"live-{uuid.uuid4().hex[:8]}"), stack.user(f"live-{uuid.uuid4().hex[:8]}")
    number = stack.call("POST", "/applications", owner, request_data(serial=91)).json()["registration_number"]
    first = stack.call("POST", f"/applications/{number}/liveness-challenge", owner)
    assert first.status == 201, first.body
    body = first.json()
    assert body["poses"][0] == "CENTER" and len(body["poses"]) == 9
    assert all(a != b for a, b in zip(body["poses"], body["poses"][1:], strict=False))
    assert body["frame_aspect"] == "3:4" and body["max_frames"] == len(body["poses"])
    issued, expires = datetime.fromisoformat(body["issued_at"]), datetime.fromisoformat(body["expires_at"])
    assert (expires - issued).total_seconds() == 300
    # A new challenge replaces the old one (the frames must answer the last one handed out).
    orders = {
        tuple(stack.call("POST", f"/applications/{number}/liveness-challenge", owner).json()["poses"])
        for _ in range(6)
    }
    assert len(orders) > 1  # random: 4^8 orders
    # Ten challenges per application (domain/limits.py): re-rolling for a recorded order stops there.
    for _ in range(3):
        assert stack.call("POST", f"/applications/{number}/liveness-challenge", owner).status == 201
    spent = stack.call("POST", f"/applications/{number}/liveness-challenge", owner)
    assert spent.status == 429 and "LIVENESS_CHALLENGE_LIMIT_REACHED" in spent.body
    refused = stack.call("POST", f"/applications/{number}/liveness-challenge", other)
    assert refused.status == 404 and number not in refused.body
    timeline = [e["kind"] for e in stack.call("GET", f"/applications/{number}", owner).json()["timeline"]]
    assert "LIVENESS_CHALLENGE_ISSUED" in timeline
