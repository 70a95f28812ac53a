"""What a first `cdk deploy` in ap-southeast-3 meets and moto cannot show: the template decides it.

Each test reads the synthesized template as CloudFormation and the AWS services will: key policies, regional
service principals, the region's offer."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk import App, Stack
from aws_cdk.assertions import Template

from app import build_app

REGION = "ap-southeast-3"


@pytest.fixture(scope="module")
def built() -> tuple[App, Stack]:
    return build_app({"local_placeholder_layers": True})


@pytest.fixture(scope="module")
def template(built: tuple[App, Stack]) -> Template:
    return Template.from_stack(built[1])


def _key_statements(template: Template, key_id_prefix: str) -> list[dict[str, Any]]:
    keys = {k: v for k, v in template.find_resources("AWS::KMS::Key").items() if k.startswith(key_id_prefix)}
    assert len(keys) == 1, keys
    return list(next(iter(keys.values()))["Properties"]["KeyPolicy"]["Statement"])


def _services(statement: dict[str, Any]) -> list[str]:
    service = statement.get("Principal", {}).get("Service", [])
    return [service] if isinstance(service, str) else list(service)


def _encrypted_log_groups(template: Template) -> list[str]:
    return [
        logical_id
        for logical_id, group in template.find_resources("AWS::Logs::LogGroup").items()
        if "KmsKeyId" in group["Properties"]
    ]


def test_cloudwatch_logs_may_use_the_data_key_through_its_regional_principal_for_this_accounts_groups(
    template: Template,
) -> None:
    """CloudWatch Logs checks a log group's key with the principal logs.<region>.amazonaws.com: a key policy that
    names only logs.amazonaws.com makes CreateLogGroup fail ("The specified KMS key does not exist or is not
    allowed to be used with Arn ...") for every encrypted group, the whole stack rolls back. The statement is
    held to this account's log groups in this region by the encryption context CloudWatch Logs sends."""
    assert _encrypted_log_groups(template), "the functions' and state machines' log groups are encrypted"
    statements = _key_statements(template, "StorageDataKey")
    logs = [s for s in statements if any(p.startswith("logs.") for p in _services(s))]
    assert logs, "no key statement for CloudWatch Logs"
    for statement in logs:
        assert _services(statement) == [f"logs.{REGION}.amazonaws.com"]
        assert statement["Effect"] == "Allow"
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        assert "kms:*" not in actions
        assert {"kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*", "kms:Describe*"} <= set(actions)
        context = statement["Condition"]["ArnLike"]["kms:EncryptionContext:aws:logs:arn"]
        rendered = str(context)
        assert f":logs:{REGION}:" in rendered and "AWS::AccountId" in rendered, rendered
