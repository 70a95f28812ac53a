"""Attack: a help-request message that rewrites itself on the helpdesk's screen.

The form's fields refuse control and invisible format characters (domain/application.py `is_printable_text`),
but a help message took any text: a right-to-left override (U+202E) makes the helpdesk read the characters
after it backwards ("Trojan Source": a message can show a registration number, an amount or a link other
than the one it holds), zero-width characters hide words from a search, a NUL or an escape sequence is never
a resident's words. Line breaks and tabs are a message's own layout and stay. Before the check each hostile
message was stored and shown (422 expected, the route ran).
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest

from tests.unit.api.conftest import LambdaContext, http_event

RESIDENT = {"sub": "alice", "cognito:groups": "[residents]"}
HOSTILE = {
    "right-to-left override": "Nomor saya \u202e2-F4B2-DXQ9-M3K7\u202c mohon dicek",
    "right-to-left isolate": "bayar ke \u2067rekening 123\u2069 ya",
    "zero-width space": "pass\u200bword",
    "NUL": "halo\x00",
    "escape sequence": "halo \x1b[2J",
    "line separator": "baris\u2028baru",
    "private use": "ikon \ue000",
}


def _send(api: ModuleType, method: str, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    answer = api.handler(http_event(method, path, RESIDENT, body), LambdaContext())
    return answer["statusCode"], json.loads(answer["body"])["error"]


@pytest.mark.parametrize("message", HOSTILE.values(), ids=HOSTILE.keys())
def test_attack_a_hostile_character_in_a_new_request_is_refused(api: ModuleType, message: str) -> None:
    status, error = _send(api, "POST", "/help-requests", {"topic": "OTHER", "message": message})
    assert (status, error["code"]) == (422, "VALIDATION_FAILED")
    assert [r["field"] for r in error["reasons"]] == ["message"]


@pytest.mark.parametrize("message", HOSTILE.values(), ids=HOSTILE.keys())
def test_attack_a_hostile_character_in_a_follow_up_is_refused(api: ModuleType, message: str) -> None:
    status, error = _send(api, "POST", "/help-requests/H7K3M9QXD2B4F/messages", {"message": message})
    assert (status, error["code"]) == (422, "VALIDATION_FAILED")


def test_line_breaks_tabs_and_any_script_are_a_messages_own(api: ModuleType) -> None:
    text = (
        "Selamat pagi,\r\n\tfoto saya ditolak.\nTerima kasih — Đặng, 東京, مرحبا 👨\u200d👩\u200d👧 ❤\ufe0f"
    )
    assert api.help_requests.HelpMessageRequest.model_validate({"message": text}).message == text
    opened = api.help_requests.HelpRequestOpen.model_validate({"topic": "OTHER", "message": text})
    assert opened.message == text
