"""What a first `cdk deploy` in ap-southeast-3 meets and moto cannot show: the template decides it.

Each test reads the synthesized template as CloudFormation and the AWS services will: key policies, regional
service principals, the region's offer."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk import App, Stack
from aws_cdk.assertions import Template

from tests.support.cdk_app import synth_app

REGION = "ap-southeast-3"


@pytest.fixture(scope="module")
def built() -> tuple[App, Stack]:
    return synth_app({"local_placeholder_layers": True})


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


# CloudFront's standard (legacy) logs are never delivered to buckets in these regions (CloudFront Developer
# Guide, "Choosing an Amazon S3 bucket for your standard logs"), Jakarta among them.
_NO_CLOUDFRONT_LOG_DELIVERY = {
    *("af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ca-west-1"),
    *("eu-south-1", "eu-south-2", "eu-central-2", "il-central-1", "me-central-1", "me-south-1"),
}


def test_cloudfront_standard_logs_go_nowhere_cloudfront_cannot_deliver_them(
    built: tuple[App, Stack], template: Template
) -> None:
    """The distribution wrote its standard logs to the access-log bucket in Jakarta: CloudFront delivers no
    standard logs to a bucket there, and the bucket (S3's default for new buckets: ACLs disabled) does not take
    the ACL-based delivery at all, which CreateDistribution refuses. A log bucket, if any, must be one CloudFront
    writes to: outside those regions and with ACLs enabled."""
    stack = built[1]
    assert stack.region in _NO_CLOUDFRONT_LOG_DELIVERY  # the case this deployment is in
    buckets = template.find_resources("AWS::S3::Bucket")
    for distribution in template.find_resources("AWS::CloudFront::Distribution").values():
        logging = distribution["Properties"]["DistributionConfig"].get("Logging")
        if logging is None:
            continue
        bucket_id = logging["Bucket"]["Fn::GetAtt"][0]
        assert bucket_id not in buckets, f"standard logs to {bucket_id}, a bucket in {stack.region}"


def test_every_sqs_consumers_queue_hides_a_message_for_six_timeouts_plus_its_batching_window(
    template: Template,
) -> None:
    """Lambda's guidance for SQS event sources: the queue's visibility timeout at least six times the function's
    timeout (room for retries when the function is throttled) plus the batching window (a message is received
    when the window opens and stays hidden while the batch is gathered). The gallery queue hid a message for 180 s
    while its batch gathered for up to 300 s: a waiting probe became visible again, was received a second time,
    and after its third receive went to the dead-letter queue with the chain still waiting."""
    resources = template.to_json()["Resources"]
    mappings = template.find_resources("AWS::Lambda::EventSourceMapping")
    checked = 0
    for mapping in mappings.values():
        props = mapping["Properties"]
        source = resources[props["EventSourceArn"]["Fn::GetAtt"][0]]
        if source["Type"] != "AWS::SQS::Queue":
            continue
        function = resources[props["FunctionName"]["Ref"]]["Properties"]
        window = props.get("MaximumBatchingWindowInSeconds", 0)
        needed = 6 * function["Timeout"] + window
        visibility = source["Properties"]["VisibilityTimeout"]
        assert visibility >= needed, (props["FunctionName"]["Ref"], visibility, needed)
        checked += 1
    assert checked == 4  # photo check, OCR, the gallery batch, the notifier


def test_state_machines_log_to_vended_log_groups(template: Template) -> None:
    """Step Functions delivers its logs as vended logs: to a group not named /aws/vendedlogs/..., CloudWatch Logs
    adds the group to the account's one log resource policy (5,120 characters for all of them in the region), and
    once that is full every further deploy of a logged state machine fails. Under /aws/vendedlogs/ no entry is
    added. The name carries the stage: two stages in one account do not collide."""
    groups = template.find_resources("AWS::Logs::LogGroup")
    machines = template.find_resources("AWS::StepFunctions::StateMachine")
    assert len(machines) == 2
    for machine in machines.values():
        (destination,) = machine["Properties"]["LoggingConfiguration"]["Destinations"]
        group_id = destination["CloudWatchLogsLogGroup"]["LogGroupArn"]["Fn::GetAtt"][0]
        name = groups[group_id]["Properties"].get("LogGroupName", "")
        assert name.startswith("/aws/vendedlogs/states/ektp-dev-"), (group_id, name)
        assert len(name) <= 512
