"""Attack (s11): over-long values where a request field had no bound.

The OpenAPI document shows three request fields without one: a review decision's `reasons` (a list of any length of
strings of any length) and an upload's `content_type` (the presigned POST's and the resumable start's). A decision
with 5,000 copies of one known code passed validation: the codes travel in the chain's task output (Step Functions
refuses more than 256 KB: the decision failed after the officer was told nothing useful) and onto the record, the
resident's page and the audit trail, one reason repeated thousands of times; an unknown code of 100,000 characters
was echoed back in the error. A content type of a megabyte was read into the service before it was refused. Now a
decision takes at most 20 codes of at most 64 characters, each once, and a content type at most 100 characters:
422 VALIDATION_FAILED naming the field, before any service runs.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest

from ektp.views import MAX_DECISION_REASONS, MultipartStartRequest, ReviewDecision, UploadRequest
from tests.unit.api.conftest import LambdaContext, http_event

OFFICER = {"sub": "officer-1", "cognito:groups": "[officers]", "custom:district": "31.71.01"}
RESIDENT = {"sub": "resident-1"}
CASE = "/review/7K3M-9QXD-2B4F-X/decision"


def _send(
    api: ModuleType, path: str, claims: dict[str, Any], body: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    answer = api.handler(http_event("POST", path, claims, body), LambdaContext())
    return answer["statusCode"], json.loads(answer["body"]).get("error", {})


@pytest.mark.parametrize(
    "reasons",
    [["PHOTO_BLURRY"] * 5000, [f"CODE_{n}" for n in range(MAX_DECISION_REASONS + 1)], ["X" * 100_000]],
    ids=["one-code-5000-times", "21-codes", "a-100k-code"],
)
def test_attack_a_decision_with_an_unbounded_reason_list_is_refused(
    api: ModuleType, reasons: list[str]
) -> None:
    status, error = _send(api, CASE, OFFICER, {"decision": "REJECT", "reasons": reasons})
    assert (status, error["code"]) == (422, "VALIDATION_FAILED")
    assert {r["field"].split(".")[0] for r in error["reasons"]} == {"reasons"}
    assert "X" * 100 not in json.dumps(error)  # not echoed back


@pytest.mark.parametrize(
    "path",
    [
        "/applications/7K3M-9QXD-2B4F-X/documents/PHOTO",
        "/applications/7K3M-9QXD-2B4F-X/documents/PHOTO/multipart",
    ],
)
def test_attack_a_megabyte_content_type_is_refused_before_the_service(api: ModuleType, path: str) -> None:
    body: dict[str, Any] = {"content_type": "image/" + "x" * 1_000_000}
    if path.endswith("/multipart"):
        body["size"] = 10
    status, error = _send(api, path, RESIDENT, body)
    assert (status, error["code"]) == (422, "VALIDATION_FAILED")
    assert {r["field"] for r in error["reasons"]} == {"content_type"}


def test_a_decisions_codes_are_kept_once_in_order_and_real_content_types_pass() -> None:
    decision = ReviewDecision.model_validate(
        {"decision": "REJECT", "reasons": ["PHOTO_BLURRY", "NOT_IN_KK", "PHOTO_BLURRY"]}
    )
    assert decision.reasons == ["PHOTO_BLURRY", "NOT_IN_KK"]
    assert len(ReviewDecision.model_validate({"decision": "REJECT", "reasons": ["A"] * 20}).reasons) == 1
    for content_type in ("image/jpeg", "image/png", "application/pdf"):
        assert UploadRequest.model_validate({"content_type": content_type}).content_type == content_type
        assert MultipartStartRequest.model_validate({"content_type": content_type, "size": 1}).size == 1
