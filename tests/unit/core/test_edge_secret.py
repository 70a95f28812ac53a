"""The edge secret: the API accepts a request only with CloudFront's header, the current or previous value."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from moto import mock_aws

from ektp.adapters.aws import reset_clients
from ektp.adapters.secrets import CachedSecretVersions
from ektp.domain.access import EDGE_HEADER, came_through_edge


def test_only_a_request_with_an_accepted_value_came_through_the_edge() -> None:
    accepted = ("current-value", "previous-value")
    assert came_through_edge({EDGE_HEADER: "current-value"}, accepted)
    assert came_through_edge({EDGE_HEADER.upper(): "previous-value"}, accepted)  # header names are case-free
    assert not came_through_edge({EDGE_HEADER: "current-valu"}, accepted)
    assert not came_through_edge({EDGE_HEADER: ""}, accepted)
    assert not came_through_edge({}, accepted)
    assert not came_through_edge({EDGE_HEADER: ""}, ("",))  # an empty secret never matches
    assert not came_through_edge({EDGE_HEADER: "current-value"}, ())  # no readable secret: fail closed


@pytest.fixture
def secret_arn(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-3")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        reset_clients()
        yield boto3.client("secretsmanager").create_secret(Name="edge", SecretString="first")["ARN"]
    reset_clients()


def test_a_rotation_is_seen_after_the_cache_age_and_the_previous_value_still_passes(secret_arn: str) -> None:
    now = [0.0]
    versions = CachedSecretVersions(secret_arn, max_age_seconds=300, clock=lambda: now[0])
    assert versions.values() == ("first",)  # no previous version before the first rotation
    boto3.client("secretsmanager").put_secret_value(SecretId=secret_arn, SecretString="second")
    now[0] = 299.0
    assert versions.values() == ("first",)  # cached: one Secrets Manager call per 5 minutes, not per request
    now[0] = 300.0
    assert versions.values() == ("second", "first")  # while CloudFront deploys the new value, both pass


def test_an_unreadable_secret_accepts_nothing(secret_arn: str) -> None:
    boto3.client("secretsmanager").delete_secret(SecretId=secret_arn, ForceDeleteWithoutRecovery=True)
    assert CachedSecretVersions(secret_arn).values() == ()


def test_a_failing_refresh_keeps_the_values_already_read_and_asks_again_soon(
    secret_arn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from botocore.exceptions import EndpointConnectionError

    now = [0.0]
    versions = CachedSecretVersions(secret_arn, max_age_seconds=300, clock=lambda: now[0])
    assert versions.values() == ("first",)
    calls = []

    def unreachable(stage: str) -> str:
        calls.append(stage)
        raise EndpointConnectionError(endpoint_url="https://secretsmanager.example")

    real_fetch = versions._fetch
    monkeypatch.setattr(versions, "_fetch", unreachable)
    now[0] = 301.0
    assert versions.values() == ("first",)  # residents keep getting through
    now[0] = 320.0
    assert versions.values() == ("first",) and len(calls) == 1  # no call per request while it is down
    monkeypatch.setattr(versions, "_fetch", real_fetch)
    boto3.client("secretsmanager").put_secret_value(SecretId=secret_arn, SecretString="second")
    now[0] = 332.0  # 30 s after the failure
    assert versions.values() == ("second", "first")


def test_an_unreachable_secret_at_the_first_request_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    from botocore.exceptions import EndpointConnectionError

    versions = CachedSecretVersions("arn:aws:secretsmanager:ap-southeast-3:123456789012:secret:edge")

    def unreachable(stage: str) -> str:
        raise EndpointConnectionError(endpoint_url="https://secretsmanager.example")

    monkeypatch.setattr(versions, "_fetch", unreachable)
    with pytest.raises(EndpointConnectionError):
        versions.values()
