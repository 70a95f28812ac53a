"""Officers and operators get tokens only with MFA set up; residents are never asked for it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from ektp.adapters.aws import reset_clients
from ektp.domain.access import STAFF_GROUPS, token_allowed

EVENT = json.loads(
    (Path(__file__).resolve().parents[3] / "events" / "token_guard_pre_token_generation.json").read_text()
)


def test_the_rule_asks_the_directory_only_for_staff() -> None:
    asked: list[bool] = []

    def mfa(answer: bool) -> Any:
        return lambda: asked.append(answer) or answer

    assert token_allowed(["residents"], mfa(False)) and asked == []
    assert token_allowed([], mfa(False)) and asked == []
    assert not token_allowed(["officers"], mfa(False))
    assert token_allowed(["residents", "operators"], mfa(True))
    assert {"officers", "operators", "helpdesk"} == STAFF_GROUPS


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, str]]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-3")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        reset_clients()
        idp = boto3.client("cognito-idp", region_name="ap-southeast-3")
        pool_id = idp.create_user_pool(PoolName="ektp", MfaConfiguration="OPTIONAL")["UserPool"]["Id"]
        for name in ("officer-with-mfa", "officer-without-mfa", "resident"):
            idp.admin_create_user(
                UserPoolId=pool_id,
                Username=name,
                UserAttributes=[
                    {"Name": "phone_number", "Value": "+6281234567890"},
                    {"Name": "phone_number_verified", "Value": "true"},
                ],
            )
        idp.admin_set_user_mfa_preference(
            UserPoolId=pool_id,
            Username="officer-with-mfa",
            SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
        )
        yield idp, pool_id
        reset_clients()


def _sign_in(pool_id: str, username: str, groups: list[str]) -> dict[str, Any]:
    from functions.token_guard.handler import handler
    from local_runtime.dispatch import LambdaContext

    event = json.loads(json.dumps(EVENT))
    event.update(userPoolId=pool_id, userName=username)
    event["request"]["groupConfiguration"]["groupsToOverride"] = groups
    context = LambdaContext(
        function_name="token-guard", memory_limit_in_mb=256, invoked_function_arn="arn", timeout_s=5
    )
    return handler(event, context)  # type: ignore[arg-type]


def test_an_officer_without_mfa_gets_no_token_and_is_told_why(pool: tuple[Any, str]) -> None:
    from functions.token_guard.handler import MfaRequired

    _, pool_id = pool
    with pytest.raises(MfaRequired, match="MFA"):
        _sign_in(pool_id, "officer-without-mfa", ["officers"])
    with pytest.raises(MfaRequired):
        _sign_in(pool_id, "officer-without-mfa", ["operators"])


def test_an_officer_with_mfa_and_a_resident_without_it_get_their_tokens(pool: tuple[Any, str]) -> None:
    _, pool_id = pool
    assert _sign_in(pool_id, "officer-with-mfa", ["officers"])["userName"] == "officer-with-mfa"
    assert _sign_in(pool_id, "resident", ["residents"])["userName"] == "resident"
