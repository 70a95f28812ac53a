"""Infrastructure assertions on the synthesized template: what an operator and an auditor rely on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aws_cdk import App, Stack
from aws_cdk.assertions import Match, Template

from tests.support.cdk_app import OUTDIR, synth_app


@pytest.fixture(scope="module")
def built() -> tuple[App, Stack]:
    return synth_app({"local_placeholder_layers": True})


@pytest.fixture(scope="module")
def template(built: tuple[App, Stack]) -> Template:
    return Template.from_stack(built[1])


@pytest.fixture(scope="module")
def edge_template(built: tuple[App, Stack]) -> Template:
    edge = next(
        s for s in built[0].node.children if isinstance(s, Stack) and s.stack_name.startswith("EktpEdge-")
    )
    assert edge.region == "us-east-1"  # CloudFront's web ACLs exist only there
    return Template.from_stack(edge)


def test_a_test_app_synthesizes_into_the_processs_one_directory(
    built: tuple[App, Stack], template: Template
) -> None:
    # Each app left ~280 MB of staged assets in its own /tmp/cdk.outXXXX; the disk filled after a few runs.
    assert built[0].outdir == OUTDIR
    assert any(Path(OUTDIR).glob("Ektp-*.template.json"))


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
    assert indexes == {
        *("ByOwner", "ReviewQueue", "ByStatusAge", "LiveByBirthDate", "ByFamily", "ByBirthDate", "ByNik")
    }


def test_the_nik_index_projects_what_the_nik_checks_read(template: Template) -> None:
    """ByNik serves the other-claims check and the per-NIK submission limit: the contract test runs the adapter
    on moto with this projection (tests/unit/core/test_store_contract.py), so the two must be the same."""
    from tests.support.moto_tables import NIK_INDEX_ATTRIBUTES

    tables = _resources(template, "AWS::DynamoDB::GlobalTable")
    by_nik = [
        g
        for t in tables.values()
        for g in t["Properties"].get("GlobalSecondaryIndexes", [])
        if g["IndexName"] == "ByNik"
    ]
    assert len(by_nik) == 1
    assert [k["AttributeName"] for k in by_nik[0]["KeySchema"]] == ["GSI5PK", "GSI5SK"]
    assert by_nik[0]["Projection"]["ProjectionType"] == "INCLUDE"
    assert set(by_nik[0]["Projection"]["NonKeyAttributes"]) == set(NIK_INDEX_ATTRIBUTES)


def test_upload_bucket_is_private_encrypted_tls_only_and_expires_raw_uploads(template: Template) -> None:
    template.has_resource_properties(
        "AWS::S3::Bucket",
        {
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    Match.object_like(
                        {"ServerSideEncryptionByDefault": Match.object_like({"SSEAlgorithm": "aws:kms"})}
                    )
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
        k
        for k in queues
        if any(n in k for n in ("PhotoCheckQueue", "OcrQueue", "NotifierQueue", "GallerySearchQueue"))
    )


def test_functions_are_arm64_traced_and_have_their_own_role_without_managed_policies(
    template: Template,
) -> None:
    functions = {
        k: f
        for k, f in _resources(template, "AWS::Lambda::Function").items()
        if "ektp:source" in f.get("Metadata", {})
    }
    assert {f["Metadata"]["ektp:source"] for f in functions.values()} >= {
        "functions/api",
        "functions/intake",
        "functions/photo_check",
        "functions/chain",
        "functions/ocr",
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
        assert props["Environment"]["Variables"]["PYDANTIC_DISABLE_PLUGINS"] == "__all__"  # cold start
        role = roles[props["Role"]["Fn::GetAtt"][0]]
        assert "ManagedPolicyArns" not in role["Properties"]


def test_intake_is_asynchronous_with_a_dead_letter_queue(template: Template) -> None:
    intake = next(
        f
        for f in _resources(template, "AWS::Lambda::Function").values()
        if f.get("Metadata", {}).get("ektp:source") == "functions/intake"
    )
    assert "TargetArn" in intake["Properties"]["DeadLetterConfig"]


def test_every_route_requires_the_jwt_authorizer(template: Template) -> None:
    routes = _resources(template, "AWS::ApiGatewayV2::Route")
    assert len(routes) >= 9
    public = {
        r["Properties"]["RouteKey"] for r in routes.values() if r["Properties"]["AuthorizationType"] != "JWT"
    }
    # Only the digital-ID verification is open to anyone (a bank, a checkpoint), and the status lookup by
    # registration number and date of birth (status and next step only: tests/infra/test_status_lookup_route.py).
    assert public == {"POST /verify", "GET /public-key", "GET /revocations", "POST /status"}


def _function(template: Template, source: str) -> tuple[str, dict[str, Any]]:
    return next(
        (k, f)
        for k, f in _resources(template, "AWS::Lambda::Function").items()
        if f.get("Metadata", {}).get("ektp:source") == source
    )


def _statements_of(template: Template, logical_id: str) -> list[dict[str, Any]]:
    """Every IAM statement attached to a function's role."""
    role = _resources(template, "AWS::Lambda::Function")[logical_id]["Properties"]["Role"]["Fn::GetAtt"][0]
    return [
        statement
        for policy in _resources(template, "AWS::IAM::Policy").values()
        if {"Ref": role} in policy["Properties"]["Roles"]
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
    ]


def test_the_revocation_list_is_published_hourly_with_least_privilege(template: Template) -> None:
    """Issue 16: offline verifiers learn of revocations. The publisher reads only the list's partitions, signs
    with the digital ID's key and writes one prefix; the list is served publicly; its failure pages someone."""
    publisher, function = _function(template, "functions/revocations")
    statements = _statements_of(template, publisher)
    dynamo = [s for s in statements if any(str(a).startswith("dynamodb:") for a in _as_list(s["Action"]))]
    assert dynamo == [
        {
            "Action": "dynamodb:Query",
            "Condition": {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["REVOCATIONS#*"]}},
            "Effect": "Allow",
            "Resource": dynamo[0]["Resource"],
        }
    ]
    signing = [s for s in statements if "kms:Sign" in _as_list(s["Action"])]
    assert len(signing) == 1 and "DigitalIdSigningKey" in json.dumps(signing[0]["Resource"])
    writes = [s for s in statements if any(str(a).startswith("s3:Put") for a in _as_list(s["Action"]))]
    assert writes and all(json.dumps(s["Resource"]).endswith('"/revocations/*"]]}') for s in writes)
    assert not any("s3:GetObject" in str(s["Action"]) or "s3:Delete" in str(s["Action"]) for s in statements)
    rules = [
        r["Properties"]
        for r in _resources(template, "AWS::Events::Rule").values()
        if publisher in json.dumps(r["Properties"].get("Targets", []))
    ]
    assert [r["ScheduleExpression"] for r in rules] == ["rate(1 hour)"]
    assert "REVOCATION_LIST_VALIDITY_HOURS" in function["Properties"]["Environment"]["Variables"]
    alarms = [
        a["Properties"]
        for a in _resources(template, "AWS::CloudWatch::Alarm").values()
        if publisher in json.dumps(a["Properties"].get("Dimensions", []))
    ]
    assert len(alarms) == 1 and alarms[0]["AlarmActions"] and alarms[0]["TreatMissingData"] == "breaching"
    api, api_function = _function(template, "functions/api")
    assert {"REVOCATION_BUCKET_NAME", "CREDENTIAL_VALIDITY_DAYS", "CREDENTIAL_REFRESH_DAYS"} <= set(
        api_function["Properties"]["Environment"]["Variables"]
    )
    _, chain = _function(template, "functions/chain")
    assert chain["Properties"]["Environment"]["Variables"]["CREDENTIAL_VALIDITY_DAYS"] == "60"


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_the_api_stage_throttles_and_logs_without_personal_data(template: Template) -> None:
    stage = next(iter(_resources(template, "AWS::ApiGatewayV2::Stage").values()))["Properties"]
    assert stage["DefaultRouteSettings"]["ThrottlingRateLimit"] > 0
    log_format = stage["AccessLogSettings"]["Format"]
    assert "$context.requestId" in log_format
    for personal in ("$context.identity", "$context.authorizer", "requestBody"):
        assert personal not in log_format


def _machine(template: Template, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A state machine's properties and its parsed definition (tokens replaced by "ARN")."""
    machine = next(
        r for k, r in _resources(template, "AWS::StepFunctions::StateMachine").items() if name in k
    )
    props = machine["Properties"]
    parts = props["DefinitionString"]["Fn::Join"][1]
    return props, json.loads("".join(p if isinstance(p, str) else "ARN" for p in parts))


def test_state_machines_are_standard_encrypted_and_logged_without_data(template: Template) -> None:
    machines = _resources(template, "AWS::StepFunctions::StateMachine")
    assert len(machines) == 2  # the verification chain and the batched 1:N sweep
    for machine in machines.values():
        props = machine["Properties"]
        assert props["StateMachineType"] == "STANDARD"
        assert props["EncryptionConfiguration"]["Type"] == "CUSTOMER_MANAGED_KMS_KEY"
        assert props["LoggingConfiguration"]["IncludeExecutionData"] is False


def test_the_chain_catches_every_step(template: Template) -> None:
    machine, definition = _machine(template, "VerificationChain")
    states = definition["States"]
    tasks = {name: s for name, s in states.items() if s["Type"] == "Task" and name != "RecordFailure"}
    assert {
        "LoadApplication",
        "CheckCompleteness",
        "Decide",
        "RecordDecision",
        "RequestOfficerReview",
    } <= set(tasks)
    branches = [b["StartAt"] for b in states["Verify"]["Branches"]]
    assert branches == [
        "CheckPersonalData",
        "CheckDomicile",
        "CheckSupportingDocuments",
        "CheckDemographicDuplicates",
    ]
    assert states["Verify"]["Catch"][0]["Next"] == "RecordFailure"
    # Biometrics after the data checks (and the recording wait, when needed: tests/infra/test_recording_chain.py):
    # 1:1, then (with a face) the batched 1:N search, waited on by token.
    assert states["Verify"]["Next"] == "PlanRecording" and states["NeedsRecording"]["Default"] == "MatchFaces"
    assert states["MatchFaces"]["Next"] == "HasFace"
    assert (
        states["HasFace"]["Choices"][0]["Next"] == "AwaitGallerySearch"
        and states["HasFace"]["Default"] == "Decide"
    )
    wait = states["AwaitGallerySearch"]
    assert wait["Resource"].endswith(":sqs:sendMessage.waitForTaskToken") and wait["TimeoutSeconds"] > 0
    assert "GallerySearchFailed" in wait["Retry"][0]["ErrorEquals"] and wait["Next"] == "Decide"
    assert not [s for s in states.values() if s["Type"] == "Map"]  # no per-application fan-out any more
    assert states["RequestOfficerReview"]["Catch"][0]["ErrorEquals"] == ["States.Timeout"]
    assert states["Approved"]["Choices"][0]["Next"] == "EnrolTemplate"
    for name, state in tasks.items():
        assert any(c["Next"] == "RecordFailure" for c in state.get("Catch", [])), name
        assert state.get("Retry"), name
    assert "waitForTaskToken" in json.dumps(machine["DefinitionString"])  # officer review and the 1:N search


def test_the_sweep_searches_every_shard_for_a_whole_batch_and_fails_its_chains_on_error(
    template: Template,
) -> None:
    _, definition = _machine(template, "GallerySweep")
    states = definition["States"]
    assert definition["StartAt"] == "PlanSweep" and states["PlanSweep"]["Next"] == "SearchEveryShard"
    search = states["SearchEveryShard"]
    assert (
        search["Type"] == "Map"
        and search["ItemsPath"] == "$.plan.result.shards"
        and search["MaxConcurrency"] > 1
    )
    assert search["Next"] == "FinishSweep"
    for name in ("PlanSweep", "SearchEveryShard", "FinishSweep"):
        assert states[name]["Catch"][0]["Next"] == "FailSweep", name
    assert states["FailSweep"]["Next"] == "SweepFailed"
    mappings = _resources(template, "AWS::Lambda::EventSourceMapping")
    batch = next(m["Properties"] for k, m in mappings.items() if "GalleryBatch" in k)
    assert batch["BatchSize"] >= 100 and batch["MaximumBatchingWindowInSeconds"] > 0
    assert batch["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    # The biometrics function answers chain tokens, and only the chain's.
    resume = next(
        p for k, p in _resources(template, "AWS::IAM::Policy").items() if "BiometricsResumeChains" in k
    )
    statement = resume["Properties"]["PolicyDocument"]["Statement"][0]
    assert sorted(statement["Action"]) == ["states:SendTaskFailure", "states:SendTaskSuccess"]
    assert "VerificationChain" in statement["Resource"]["Ref"]


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
    assert "OriginAccessControlId" in json.dumps(
        config["Origins"]
    )  # the bucket is not public: CloudFront reads it
    # No standard logs: CloudFront delivers none to a Jakarta bucket (tests/infra/test_deploy_region.py).
    assert "Logging" not in config
    # The client, its static data (region tree, reason catalogue: tools/web_data.py) and config.json (where it
    # signs in: tests/infra/test_sign_in.py) are published together.
    (deploy,) = _resources(template, "Custom::CDKBucketDeployment").values()
    assert len(deploy["Properties"]["SourceObjectKeys"]) == 3


def test_every_timeline_insert_streams_to_an_object_locked_audit_store(template: Template) -> None:
    table = next(
        t for k, t in _resources(template, "AWS::DynamoDB::GlobalTable").items() if "Applications" in k
    )
    assert table["Properties"]["StreamSpecification"]["StreamViewType"] == "NEW_IMAGE"
    bucket = next(b for k, b in _resources(template, "AWS::S3::Bucket").items() if "Audit" in k)["Properties"]
    assert bucket["ObjectLockEnabled"] is True
    rule = bucket["ObjectLockConfiguration"]["Rule"]["DefaultRetention"]
    assert rule["Mode"] == "COMPLIANCE" and rule["Days"] >= 365
    assert (
        bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"][
            "SSEAlgorithm"
        ]
        == "aws:kms"
    )
    mapping = next(
        m for k, m in _resources(template, "AWS::Lambda::EventSourceMapping").items() if "Audit" in k
    )
    props = mapping["Properties"]
    assert props["BisectBatchOnFunctionError"] is True and props["MaximumRetryAttempts"] > 0
    assert "OnFailure" in props["DestinationConfig"]
    assert "EVT#" in json.dumps(props["FilterCriteria"])
    # The audit function may only add objects: no read, no delete.
    policies = [p for k, p in _resources(template, "AWS::IAM::Policy").items() if "AuditRole" in k]
    actions = {
        a
        for p in policies
        for s in p["Properties"]["PolicyDocument"]["Statement"]
        for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
        if a.startswith("s3:")
    }
    assert actions and all(a.startswith("s3:PutObject") or a == "s3:Abort*" for a in actions), actions


def test_staff_tokens_pass_the_mfa_guard(template: Template) -> None:
    pool = next(iter(_resources(template, "AWS::Cognito::UserPool").values()))["Properties"]
    assert pool["MfaConfiguration"] == "OPTIONAL" and "SOFTWARE_TOKEN_MFA" in pool["EnabledMfas"]
    guard = pool["LambdaConfig"]["PreTokenGeneration"]["Fn::GetAtt"][0]
    functions = _resources(template, "AWS::Lambda::Function")
    assert functions[guard]["Metadata"]["ektp:source"] == "functions/token_guard"
    policy = next(p for k, p in _resources(template, "AWS::IAM::Policy").items() if "TokenGuardReadsMfa" in k)
    statement = policy["Properties"]["PolicyDocument"]["Statement"]
    assert statement == [
        {"Action": "cognito-idp:AdminGetUser", "Effect": "Allow", "Resource": statement[0]["Resource"]}
    ]
    pool_id = next(iter(_resources(template, "AWS::Cognito::UserPool")))
    assert statement[0]["Resource"] == {"Fn::GetAtt": [pool_id, "Arn"]}  # this pool only


def test_the_web_client_and_the_api_are_served_behind_the_web_acl(
    template: Template, edge_template: Template
) -> None:
    acl = next(iter(_resources(edge_template, "AWS::WAFv2::WebACL").values()))["Properties"]
    assert acl["Scope"] == "CLOUDFRONT" and "Allow" in acl["DefaultAction"]
    managed = {
        r["Statement"]["ManagedRuleGroupStatement"]["Name"]
        for r in acl["Rules"]
        if "ManagedRuleGroupStatement" in r["Statement"]
    }
    assert {
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
        "AWSManagedRulesAmazonIpReputationList",
    } <= managed
    rate = next(r for r in acl["Rules"] if "RateBasedStatement" in r["Statement"])
    assert rate["Statement"]["RateBasedStatement"]["AggregateKeyType"] == "IP" and "Block" in rate["Action"]
    config = next(iter(_resources(template, "AWS::CloudFront::Distribution").values()))["Properties"][
        "DistributionConfig"
    ]
    assert "WebACLId" in config  # the edge stack's ACL, read across regions
    api = next(b for b in config["CacheBehaviors"] if b["PathPattern"] == "/api/*")
    assert api["ViewerProtocolPolicy"] == "https-only" and "POST" in api["AllowedMethods"]
    assert api["CachePolicyId"] == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # Managed-CachingDisabled
    assert api["FunctionAssociations"][0]["EventType"] == "viewer-request"
    origin = next(o for o in config["Origins"] if o["Id"] == api["TargetOriginId"])
    assert "execute-api" in json.dumps(origin["DomainName"])


def test_the_api_refuses_callers_that_go_around_the_web_acl(template: Template) -> None:
    """CloudFront adds the edge secret as an origin header, resolved at deploy time (not in the template);
    the API function reads that one secret to refuse requests sent to the execute-api URL directly."""
    config = next(iter(_resources(template, "AWS::CloudFront::Distribution").values()))["Properties"][
        "DistributionConfig"
    ]
    api = next(b for b in config["CacheBehaviors"] if b["PathPattern"] == "/api/*")
    origin = next(o for o in config["Origins"] if o["Id"] == api["TargetOriginId"])
    headers = {h["HeaderName"]: h["HeaderValue"] for h in origin["OriginCustomHeaders"]}
    (secret_id,) = _resources(template, "AWS::SecretsManager::Secret")
    value = json.dumps(headers["x-ektp-origin-verify"])
    assert "{{resolve:secretsmanager:" in value and secret_id in value
    assert headers["x-ektp-edge-generation"] == "1"
    secret = _resources(template, "AWS::SecretsManager::Secret")[secret_id]["Properties"]
    assert "KmsKeyId" in secret and secret["GenerateSecretString"]["PasswordLength"] >= 32
    functions = _resources(template, "AWS::Lambda::Function")
    readers = [
        logical
        for logical, f in functions.items()
        if f["Properties"].get("Environment", {}).get("Variables", {}).get("ORIGIN_VERIFY_SECRET_ARN")
        == {"Ref": secret_id}
    ]
    assert len(readers) == 1 and readers[0].startswith("ComputeApi")
    granted = [
        statement
        for policy in _resources(template, "AWS::IAM::Policy").values()
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        if "secretsmanager:GetSecretValue" in json.dumps(statement["Action"])
    ]
    assert granted and all(s["Resource"] == {"Ref": secret_id} for s in granted)


def test_the_edge_function_strips_only_the_api_prefix(template: Template) -> None:
    import subprocess

    code = next(iter(_resources(template, "AWS::CloudFront::Function").values()))["Properties"][
        "FunctionCode"
    ]
    cases = {"/api/applications/7K3M": "/applications/7K3M", "/api": "/", "/api/": "/", "/apiary": "/apiary"}
    script = (
        code
        + "\nconst cases = "
        + json.dumps(cases)
        + ";\n"
        + (
            "for (const [uri, want] of Object.entries(cases)) {"
            " const got = handler({request: {uri}}).uri;"
            " if (got !== want) { console.log(uri + ' -> ' + got); process.exit(1); } }"
        )
    )
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


# The names a step's faults really arrive under: ektp.step_handler's transient error, and the Lambda
# service's own exceptions around the invocation (AWS's documented list, and a sandbox timeout).
LAMBDA_TASK_RETRY = [
    "TransientStepError",
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
    "Lambda.ClientExecutionTimeoutException",
    "Sandbox.Timedout",
]


def _task_states(states: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every Task state, including those inside Parallel branches and Map item processors."""
    found: dict[str, dict[str, Any]] = {}
    for name, state in states.items():
        if state["Type"] == "Task":
            found[name] = state
        for inner in [
            *state.get("Branches", []),
            *([state["ItemProcessor"]] if "ItemProcessor" in state else []),
        ]:
            found |= _task_states(inner["States"])
    return found


def test_every_task_retries_exactly_the_errors_that_occur_and_never_a_bug(template: Template) -> None:
    from ektp.step_handler import StepFailed, TransientStepError

    assert (
        TransientStepError.__name__ == LAMBDA_TASK_RETRY[0]
    )  # the name the handlers raise is the one matched
    checked = set()
    for machine in ("VerificationChain", "GallerySweep"):
        _, definition = _machine(template, machine)
        for name, state in _task_states(definition["States"]).items():
            retries = [r["ErrorEquals"] for r in state.get("Retry", [])]
            names = {e for r in retries for e in r}
            assert StepFailed.__name__ not in names, name  # a bug or bad data: retrying repeats it
            if name == "RecordFailure":  # the last resort that records the failure: it must get through
                assert retries == [["States.ALL"]]
            elif name == "AwaitGallerySearch":
                assert retries == [
                    [
                        "GallerySearchFailed",
                        "States.Timeout",
                        "SQS.SdkClientException",
                        "SQS.AmazonSQSException",
                    ]
                ]
            else:
                assert state["Resource"].endswith(":lambda:invoke") or "lambda:invoke" in state["Resource"], (
                    name
                )
                assert retries == [LAMBDA_TASK_RETRY], name
                assert state["Retry"][0]["MaxAttempts"] >= 3 and state["Retry"][0]["JitterStrategy"] == "FULL"
            checked.add(name)
    assert {
        "LoadApplication",
        "CheckPersonalData",
        "MatchFaces",
        "IssueCard",
        "SearchShard",
        "FinishSweep",
    } <= checked


def _key_statements(template: Template) -> list[dict[str, Any]]:
    key = next(k for n, k in _resources(template, "AWS::KMS::Key").items() if "DataKey" in n)
    return list(key["Properties"]["KeyPolicy"]["Statement"])


def test_cloudwatch_may_use_the_key_of_the_encrypted_alarm_topic_for_this_accounts_alarms_only(
    template: Template,
) -> None:
    topic = next(iter(_resources(template, "AWS::SNS::Topic").values()))["Properties"]
    assert "DataKey" in json.dumps(topic["KmsMasterKeyId"])  # the topic is on the stack's key...
    # ...so without this statement CloudWatch cannot publish to it and no alarm reaches anyone.
    allowed = [
        s
        for s in _key_statements(template)
        if s["Effect"] == "Allow" and s.get("Principal", {}).get("Service") == "cloudwatch.amazonaws.com"
    ]
    assert len(allowed) == 1
    statement = allowed[0]
    actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
    assert sorted(actions) == ["kms:Decrypt", "kms:GenerateDataKey*"]
    condition = statement["Condition"]
    assert condition["StringEquals"]["aws:SourceAccount"] == {"Ref": "AWS::AccountId"}
    assert ":cloudwatch:" in json.dumps(condition["ArnLike"]["aws:SourceArn"]) and ":alarm:" in json.dumps(
        condition["ArnLike"]["aws:SourceArn"]
    )


def _queue_alarms(template: Template) -> dict[str, str]:
    """Each alarm on a queue's visible messages: its queue's logical id -> the alarm's actions."""
    found = {}
    for alarm in _resources(template, "AWS::CloudWatch::Alarm").values():
        props = alarm["Properties"]
        if props.get("MetricName") == "ApproximateNumberOfMessagesVisible":
            queue = props["Dimensions"][0]["Value"]["Fn::GetAtt"][0]
            assert props["Threshold"] <= 1 and props["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
            found[queue] = json.dumps(props["AlarmActions"])
    return found


def test_every_dead_letter_queue_is_alarmed_the_notifiers_and_the_event_rules_too(template: Template) -> None:
    queues = _resources(template, "AWS::SQS::Queue")
    # A DLQ is a queue some queue's redrive policy or some event target names as its dead letter.
    dlqs = {
        q["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        for q in queues.values()
        if "RedrivePolicy" in q["Properties"]
    }
    rule = next(r for k, r in _resources(template, "AWS::Events::Rule").items() if "StatusChanged" in k)
    (target,) = rule["Properties"]["Targets"]
    assert "DeadLetterConfig" in target and target["RetryPolicy"]["MaximumRetryAttempts"] >= 1
    dlqs.add(target["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0])
    for lambda_ in _resources(template, "AWS::Lambda::Function").values():
        dead = lambda_["Properties"].get("DeadLetterConfig")
        if dead:
            dlqs.add(dead["TargetArn"]["Fn::GetAtt"][0])
    assert any("NotifierDLQ" in q for q in dlqs) and any("StatusChanged" in q or "Event" in q for q in dlqs)
    alarmed = _queue_alarms(template)
    assert dlqs <= set(alarmed), dlqs - set(alarmed)
    assert all("Alarms" in actions for actions in alarmed.values())  # each notifies the alarm topic


def test_the_chain_requires_liveness_for_first_applications_by_default(template: Template) -> None:
    functions = template.find_resources("AWS::Lambda::Function")
    policies = {
        props["Properties"]["Environment"]["Variables"]["LIVENESS_REQUIRED_FOR"]
        for props in functions.values()
        if "LIVENESS_REQUIRED_FOR" in props["Properties"].get("Environment", {}).get("Variables", {})
    }
    assert policies == {"NEW"}  # only the chain reads it, and it names the first application


def test_applications_the_automatic_redrives_could_not_finish_page_an_operator(template: Template) -> None:
    alarms = [
        a["Properties"]
        for a in _resources(template, "AWS::CloudWatch::Alarm").values()
        if a["Properties"].get("MetricName") == "ApplicationsNeedingOperator"
    ]
    assert len(alarms) == 1
    (alarm,) = alarms
    assert (
        alarm["Namespace"] == "ektp"
        and alarm["Threshold"] == 1
        and "Alarms" in json.dumps(alarm["AlarmActions"])
    )
    maintenance = next(
        f
        for f in _resources(template, "AWS::Lambda::Function").values()
        if f.get("Metadata", {}).get("ektp:source") == "functions/maintenance"
    )
    assert (
        "STATE_MACHINE_ARN" in maintenance["Properties"]["Environment"]["Variables"]
    )  # it starts the re-drives


def test_normalized_copies_expire_with_the_raw_uploads(template: Template) -> None:
    buckets = template.find_resources("AWS::S3::Bucket")
    rules = {
        rule["Id"]: rule
        for bucket in buckets.values()
        for rule in bucket["Properties"].get("LifecycleConfiguration", {}).get("Rules", [])
        if "Id" in rule
    }
    raw, processed = rules["raw-uploads"], rules["processed-copies"]
    assert processed["Prefix"] == "processed/" and processed["Status"] == "Enabled"
    assert processed["ExpirationInDays"] == raw["ExpirationInDays"]
    assert processed["NoncurrentVersionExpiration"] == raw["NoncurrentVersionExpiration"]


def test_no_function_may_send_faces_or_documents_to_a_managed_engine(template: Template) -> None:
    """Rekognition and Textract are not offered in ap-southeast-3 (PP 71/2019 wants processing in Indonesia):
    the deployed functions run our own engines only, and no role could call those services."""
    actions = {
        str(action).split(":")[0]
        for policy in _resources(template, "AWS::IAM::Policy").values()
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        for action in (
            statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        )
    }
    assert actions and not actions & {"rekognition", "textract", "*"}
    variables = [
        f["Properties"].get("Environment", {}).get("Variables", {})
        for f in _resources(template, "AWS::Lambda::Function").values()
    ]
    assert not any("OCR_ENGINE" in v or "OCR_TEXTRACT_REGION" in v for v in variables)


def _s3_resources(statements: list[dict[str, Any]], prefix: str) -> list[str]:
    """The S3 object resources (as JSON) the statements grant `prefix` actions on."""
    return [
        json.dumps(s["Resource"])
        for s in statements
        if any(str(a).startswith(prefix) for a in _as_list(s["Action"]))
    ]


def test_card_photos_live_under_cards_with_least_privilege_and_no_expiry(template: Template) -> None:
    """Issue 16: the card keeps its own photo for its lifetime (the digital ID needs it after the uploads
    expire). Only issuance (the chain) writes cards/, only the API reads it, nothing deletes it, no rule expires it."""
    chain, _ = _function(template, "functions/chain")
    chain_statements = _statements_of(template, chain)
    puts = _s3_resources(chain_statements, "s3:Put")
    assert puts and all(r.endswith('"/cards/*"]]}') for r in puts)
    assert any('"/processed/*"]]}' in r for r in _s3_resources(chain_statements, "s3:GetObject"))
    api, api_function = _function(template, "functions/api")
    api_statements = _statements_of(template, api)
    assert any('"/cards/*"]]}' in r for r in _s3_resources(api_statements, "s3:GetObject"))
    assert not any("/cards/" in r for r in _s3_resources(api_statements, "s3:Put"))
    for logical_id in _resources(template, "AWS::Lambda::Function"):
        assert not any(
            "/cards/" in r for r in _s3_resources(_statements_of(template, logical_id), "s3:Delete")
        )
    lifecycles = [
        b["Properties"].get("LifecycleConfiguration", {}).get("Rules", [])
        for b in template.find_resources("AWS::S3::Bucket").values()
    ]
    uploads = next(rules for rules in lifecycles if any(r.get("Id") == "raw-uploads" for r in rules))
    expiring = [r for r in uploads if "ExpirationInDays" in r]
    # field-visits/: the officer's visit photos (issue 20 item 4), kept as long as the uploads.
    expiring_prefixes = ("uploads/", "processed/", "captures/", "field-visits/")
    assert expiring and all(r.get("Prefix") in expiring_prefixes for r in expiring)
    # A report of loss in the API tells the holder through the bus, as the chain's revocations do.
    assert "EVENT_BUS_NAME" in api_function["Properties"]["Environment"]["Variables"]
    assert any("events:PutEvents" in _as_list(s["Action"]) for s in api_statements)


def test_the_api_and_the_notifier_get_the_deployments_retention_and_status_page() -> None:
    # Issue 21 item 6: the export told residents 90 days whatever the lifecycle rule said.
    _, stack = synth_app(
        {
            "local_placeholder_layers": True,
            "raw_upload_retention_days": 30,
            "status_page_url": "https://s.test/",
        }
    )
    deployed = Template.from_stack(stack)
    raw_rule = next(
        rule
        for bucket in deployed.find_resources("AWS::S3::Bucket").values()
        for rule in bucket["Properties"].get("LifecycleConfiguration", {}).get("Rules", [])
        if rule.get("Id") == "raw-uploads"
    )
    api_env = _function(deployed, "functions/api")[1]["Properties"]["Environment"]["Variables"]
    notifier_env = _function(deployed, "functions/notifier")[1]["Properties"]["Environment"]["Variables"]
    assert raw_rule["ExpirationInDays"] == 30
    assert api_env["RAW_UPLOAD_RETENTION_DAYS"] == "30"
    assert api_env["STATUS_PAGE_URL"] == notifier_env["STATUS_PAGE_URL"] == "https://s.test/"
