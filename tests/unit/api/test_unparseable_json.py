"""JSON that is well formed but cannot become Python values answers 400 MALFORMED_JSON, never a 500.

Attack (found by review, failed on the old code with 500 INTERNAL_ERROR): an integer of 5,000 digits (past
Python's 4,300-digit conversion limit) or 100,000 nested brackets (past the recursion limit), on the public
status route, which needs no token, and on a resident's route.
"""

from __future__ import annotations

import base64
import json
from types import ModuleType
from typing import Any

import pytest

from tests.unit.api.conftest import LambdaContext, http_event

HUGE_INTEGER = (
    '{"registration_number": "AAAA-BBBB-CCCC-D", "birth_date": "2001-01-01", "x": ' + "9" * 5000 + "}"
)
DEEP_NESTING = "[" * 100_000 + "]" * 100_000
RESIDENT = {"sub": "alice", "cognito:groups": "[residents]"}


def _send(api: ModuleType, event: dict[str, Any]) -> tuple[int, str]:
    answer = api.handler(event, LambdaContext())
    return answer["statusCode"], json.loads(answer["body"])["error"]["code"]


@pytest.mark.parametrize("body", [HUGE_INTEGER, DEEP_NESTING], ids=["5000-digit integer", "deep nesting"])
def test_the_public_status_route_answers_400(api: ModuleType, body: str) -> None:
    event = http_event("POST", "/status", None, {})
    event["body"] = body
    assert _send(api, event) == (400, "MALFORMED_JSON")


def test_a_base64_body_is_checked_as_well(api: ModuleType) -> None:
    event = http_event("POST", "/status", None, {})
    event["body"] = base64.b64encode(HUGE_INTEGER.encode()).decode()
    event["isBase64Encoded"] = True
    assert _send(api, event) == (400, "MALFORMED_JSON")


def test_a_resident_route_answers_400(api: ModuleType) -> None:
    event = http_event("POST", "/applications/AAAA-BBBB-CCCC-D/documents/PHOTO/u1/complete", RESIDENT, {})
    event["body"] = '{"multipart_id": "m", "part_count": ' + "9" * 5000 + "}"
    assert _send(api, event) == (400, "MALFORMED_JSON")


def test_an_ordinary_body_still_reaches_its_route(api: ModuleType) -> None:
    event = http_event(
        "POST", "/status", None, {"registration_number": "nonsense", "birth_date": "2001-01-01"}
    )
    status, code = _send(api, event)
    assert status != 400 and code != "MALFORMED_JSON"
