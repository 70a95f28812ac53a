"""Infrastructure assertions on the synthesized template: what an operator and an auditor rely on."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_cdk.assertions import Match, Template

from app import build_app


@pytest.fixture(scope="module")
def template() -> Template:
    _, stack = build_app({"local_placeholder_layers": True})
    return Template.from_stack(stack)


def _resources(template: Template, kind: str) -> dict[str, Any]:
    return dict(template.find_resources(kind))


def test_every_table_has_the_cmk_pitr_and_the_application_table_its_indexes(template: Template) -> None:
    tables = _resources(template, "AWS::DynamoDB::GlobalTable")
    assert len(tables) == 3  # applications, registry replica, idempotency records
    for table in tables.values():
        props = table["Properties"]
        assert props["SSESpecification"] == {"SSEEnabled": True, "SSEType": "KMS"}
        replica = props["Replicas"][0]
        assert replica["SSESpecification"]["KMSMasterKeyId"]["Fn::GetAtt"][1] == "Arn"
        assert replica["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    indexes = {
        g["IndexName"] for t in tables.values() for g in t["Properties"].get("GlobalSecondaryIndexes", [])
    }
    assert indexes == {"ByOwner", "ReviewQueue", "ByStatusAge", "LiveByBirthDate", "ByFamily", "ByBirthDate"}


def test_upload_bucket_is_private_encrypted_tls_only_and_expires_raw_uploads(template: Template) -> None:
    template.has_resource_properties(
        "AWS::S3::Bucket",
        {
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    Match.object_like({"ServerSideEncryptionByDefault": Match.object_like({"SSEAlgorithm": "aws:kms"})})
                ]
            },
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "LoggingConfiguration": Match.object_like({"LogFilePrefix": "uploads/"}),
            "LifecycleConfiguration": {
                "Rules": Match.array_with([Match.object_like({"Prefix": "uploads/", "ExpirationInDays": 90})])
            },
        },
    )
    policies = json.dumps(_resources(template, "AWS::S3::BucketPolicy"))
    assert '"aws:SecureTransport": "false"' in policies


def test_the_kms_key_rotates(template: Template) -> None:
    template.has_resource_properties("AWS::KMS::Key", {"EnableKeyRotation": True})


def test_queues_are_encrypted_and_the_checker_queues_have_dead_letter_queues(template: Template) -> None:
    queues = _resources(template, "AWS::SQS::Queue")
    assert all("KmsMasterKeyId" in q["Properties"] for q in queues.values())
    with_dlq = [k for k, q in queues.items() if "RedrivePolicy" in q["Properties"]]
    assert sorted(with_dlq) == sorted(
        k for k in queues if "PhotoCheckQueue" in k or "OcrQueue" in k or "NotifierQueue" in k
    )


def test_functions_are_arm64_traced_and_have_their_own_role_without_managed_policies(template: Template) -> None:
    functions = {k: f for k, f in _resources(template, "AWS::Lambda::Function").items() if "ektp:source" in f.get("Metadata", {})}
    assert {f["Metadata"]["ektp:source"] for f in functions.values()} >= {
        "functions/api", "functions/intake", "functions/photo_check", "functions/chain", "functions/ocr",
        "functions/biometrics",
    }
    roles = _resources(template, "AWS::IAM::Role")
    for function in functions.values():
        props = function["Properties"]
        # arm64, except biometrics: nbis-py ships an x86_64 wheel only.
        expected = ["x86_64"] if function["Metadata"]["ektp:source"] == "functions/biometrics" else ["arm64"]
        assert props.get("Architectures", ["x86_64"]) == expected
        assert props["TracingConfig"] == {"Mode": "Active"}
        assert "KmsKeyArn" in props
        role = roles[props["Role"]["Fn::GetAtt"][0]]
        assert "ManagedPolicyArns" not in role["Properties"]


def test_intake_is_asynchronous_with_a_dead_letter_queue(template: Template) -> None:
    intake = next(
        f for f in _resources(template, "AWS::Lambda::Function").values()
        if f.get("Metadata", {}).get("ektp:source") == "functions/intake"
    )
    assert "TargetArn" in intake["Properties"]["DeadLetterConfig"]


def test_every_route_requires_the_jwt_authorizer(template: Template) -> None:
    routes = _resources(template, "AWS::ApiGatewayV2::Route")
    assert len(routes) >= 9
    public = {r["Properties"]["RouteKey"] for r in routes.values() if r["Properties"]["AuthorizationType"] != "JWT"}
    # Only the digital-ID verification is open to anyone (a bank, a checkpoint): nothing holding personal data.
    assert public == {"POST /verify", "GET /public-key"}


def test_the_api_stage_throttles_and_logs_without_personal_data(template: Template) -> None:
    stage = next(iter(_resources(template, "AWS::ApiGatewayV2::Stage").values()))["Properties"]
    assert stage["DefaultRouteSettings"]["ThrottlingRateLimit"] > 0
    log_format = stage["AccessLogSettings"]["Format"]
    assert "$context.requestId" in log_format
    for personal in ("$context.identity", "$context.authorizer", "requestBody"):
        assert personal not in log_format


def test_state_machine_is_standard_encrypted_logged_without_data_and_catches_every_step(template: Template) -> None:
    machine = next(iter(_resources(template, "AWS::StepFunctions::StateMachine").values()))["Properties"]
    assert machine["StateMachineType"] == "STANDARD"
    assert machine["EncryptionConfiguration"]["Type"] == "CUSTOMER_MANAGED_KMS_KEY"
    assert machine["LoggingConfiguration"]["IncludeExecutionData"] is False
    definition = json.loads(
        "".join(p if isinstance(p, str) else "ARN" for p in machine["DefinitionString"]["Fn::Join"][1])
    )
    states = definition["States"]
    tasks = {name: s for name, s in states.items() if s["Type"] == "Task" and name != "RecordFailure"}
    assert {"LoadApplication", "CheckCompleteness", "Decide", "RecordDecision", "RequestOfficerReview"} <= set(tasks)
    branches = [b["StartAt"] for b in states["Verify"]["Branches"]]
    assert branches == ["VerifyPersonalData", "ConfirmDomicile", "CheckSupportingDocuments", "CheckDemographicDuplicates"]
    assert states["Verify"]["Catch"][0]["Next"] == "RecordFailure"
    # Biometrics after the data checks: 1:1, then a Map over the gallery shards, then the merge.
    assert states["Verify"]["Next"] == "MatchFaces"
    assert states["SearchGalleryShards"]["Type"] == "Map"
    assert states["SearchGalleryShards"]["ItemsPath"] == "$.results.plan_search.result.shards"
    assert states["SearchGalleryShards"]["Catch"][0]["Next"] == "RecordFailure"
    assert states["RequestOfficerReview"]["Catch"][0]["ErrorEquals"] == ["States.Timeout"]
    assert states["Approved"]["Choices"][0]["Next"] == "EnrolTemplate"
    for name, state in tasks.items():
        assert any(c["Next"] == "RecordFailure" for c in state.get("Catch", [])), name
        assert state.get("Retry"), name
    assert states["RequestOfficerReview"]["Resource"].endswith("waitForTaskToken") or "waitForTaskToken" in json.dumps(
        machine["DefinitionString"]
    )


def test_alarms_watch_dead_letters_and_failed_executions(template: Template) -> None:
    alarms = _resources(template, "AWS::CloudWatch::Alarm")
    metrics = {a["Properties"].get("MetricName") for a in alarms.values()}
    assert {"ApproximateNumberOfMessagesVisible", "ExecutionsFailed", "Errors"} <= metrics
    assert all(a["Properties"].get("AlarmActions") for a in alarms.values())


def test_the_web_client_is_private_behind_cloudfront_over_https(template: Template) -> None:
    distribution = next(iter(_resources(template, "AWS::CloudFront::Distribution").values()))["Properties"]
    config = distribution["DistributionConfig"]
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    assert config["DefaultRootObject"] == "index.html"
    assert "OriginAccessControlId" in json.dumps(config["Origins"])  # the bucket is not public: CloudFront reads it
    assert "Logging" in config
