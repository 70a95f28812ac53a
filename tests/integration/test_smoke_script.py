"""tools/smoke.py, the operator's post-deploy smoke test, run against the local stack: its requests are the
API's (register, presigned uploads, the live face check, submit), and it tells a decided chain from a failure."""

from __future__ import annotations

import json
from typing import Any

import pytest

from local_runtime import LocalStack
from tools.smoke import Smoke, SmokeFailed, smoke_documents, smoke_resident


def _transport(stack: LocalStack, headers: dict[str, str]) -> Any:
    def call(method: str, path: str, extra: dict[str, str], body: Any) -> tuple[int, Any]:
        response = stack.call(method, path, None, body, **{**headers, **extra})
        try:
            return response.status, response.json()
        except json.JSONDecodeError:
            return response.status, None

    return call


def test_the_smoke_script_takes_a_test_resident_to_a_decision(stack: LocalStack) -> None:
    user = stack.user("smoke-test-resident")
    family, person = smoke_resident(seed=4242)
    smoke = Smoke(
        _transport(stack, user.headers),
        lambda ticket, data: stack.upload(ticket, data).status_code,
        poll_s=0.2,
        say=lambda _: None,
    )

    report = smoke.run(family, person, smoke_documents(family, person))

    assert report.ok, report
    assert report.steps[:2] == ["public key", "register"]
    assert set(report.documents) == {"PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN", "LIVENESS"}
    assert report.status in {"APPROVED", "ISSUED", "IN_REVIEW", "REJECTED"}


def test_the_smoke_script_stops_at_the_first_refused_request(stack: LocalStack) -> None:
    """Without a resident's token the API refuses the registration: the smoke test fails there, loudly."""
    family, person = smoke_resident(seed=4242)
    smoke = Smoke(_transport(stack, {}), lambda ticket, data: 204, say=lambda _: None)
    with pytest.raises(SmokeFailed, match=r"register: HTTP 401"):
        smoke.run(family, person, smoke_documents(family, person))
    assert smoke.report.steps == ["public key"]
