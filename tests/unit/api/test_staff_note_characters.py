"""Attack (s10): an officer's note that reads as other text on the audit trail.

A review decision's note and a field visit's note are kept on the audit trail (Object Lock, five years) and read
by other officers and auditors. A right-to-left override made a note read backwards (a NIK, an amount, "not"),
zero-width characters hid words from a search, an escape sequence rewrote a terminal reading the JSON Lines:
each was taken (the route ran and answered 404 for the made-up case) where a help message is refused. Now both
notes take the help messages' characters only (422 VALIDATION_FAILED on `note`); any script, line breaks and
tabs stay an officer's own."""

from __future__ import annotations

import json
import sys
from types import ModuleType
from typing import Any

import pytest

from ektp.views import ReviewDecision
from tests.unit.api.conftest import LambdaContext, http_event
from tests.unit.api.test_help_message_characters import HOSTILE

OFFICER = {"sub": "officer-1", "cognito:groups": "[officers]", "custom:district": "31.71.01"}
CASE = "/review/7K3M-9QXD-2B4F-X/decision"
VISIT = "/field-visits/7K3M-9QXD-2B4F-X/outcome"


def _send(api: ModuleType, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    answer = api.handler(http_event("POST", path, OFFICER, body), LambdaContext())
    return answer["statusCode"], json.loads(answer["body"])["error"]


@pytest.mark.parametrize("note", HOSTILE.values(), ids=HOSTILE.keys())
def test_attack_a_hostile_character_in_a_review_note_is_refused(api: ModuleType, note: str) -> None:
    status, error = _send(api, CASE, {"decision": "APPROVE", "note": note})
    assert (status, error["code"]) == (422, "VALIDATION_FAILED")
    assert [r["field"] for r in error["reasons"]] == ["note"]


@pytest.mark.parametrize("note", HOSTILE.values(), ids=HOSTILE.keys())
def test_attack_a_hostile_character_in_a_field_visit_note_is_refused(api: ModuleType, note: str) -> None:
    padded = note + " dikunjungi, rumah kosong"  # past the note's ten-character minimum
    status, error = _send(api, VISIT, {"outcome": "NOT_FOUND", "note": padded})
    assert (status, error["code"]) == (422, "VALIDATION_FAILED")
    assert [r["field"] for r in error["reasons"]] == ["note"]


def test_a_note_in_any_script_with_its_line_breaks_is_an_officers_own(api: ModuleType) -> None:
    note = "Wajah cocok.\n\tDicek ulang — Đặng, 東京"
    assert ReviewDecision.model_validate({"decision": "APPROVE", "note": note}).note == note
    routes = sys.modules["routes.field_visits"]  # loaded with the app
    assert routes.OutcomeRequest.model_validate({"outcome": "NOT_FOUND", "note": note}).note == note
