"""The public verification route answers a token of deeply nested JSON as a malformed credential, not a 500.

Attack (s12, failed before the fix with 500 INTERNAL_ERROR): the request body is ordinary JSON, so the API's
own check of the body (test_unparseable_json) passes it; the nesting is inside the token's base64url header.
The library and the standalone verifier: tests/unit/issuance/test_hostile_token_json.py.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from types import ModuleType

import pytest

from ektp.issuance.signing import LocalSigner, b64url
from ektp.issuance.verify import VerificationResult, verify_credential
from tests.unit.api.conftest import LambdaContext, http_event

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


class _Issuance:
    def __init__(self) -> None:
        self._key = LocalSigner.generate().public_key_pem()

    def verify(self, token: str) -> VerificationResult:
        return verify_credential(token, [self._key], NOW)


def test_attack_a_nested_token_on_the_public_verify_route_is_not_valid(
    api: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api.public, "issuance_service", lambda settings: _Issuance())
    token = b64url(b"[" * 2000) + "." + b64url(b"{}") + "."
    answer = api.handler(http_event("POST", "/verify", None, {"credential": token}), LambdaContext())
    assert answer["statusCode"] == 200
    body = json.loads(answer["body"])
    assert body["valid"] is False and body["reasons"] == ["CREDENTIAL_MALFORMED"]
