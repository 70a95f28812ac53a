"""Create the template's resources in moto, from their synthesized properties.

moto's CloudFormation cannot run this template (no ApiGatewayV2, and CDK's bucket-notification custom
resource never completes), so each resource type the system needs at run time is created here from the same
properties CloudFormation would use. Types that only matter in AWS (alarms, dashboards, log groups, layers,
IAM policies) are skipped: moto does not enforce IAM, and the tests assert those in the template instead.
"""

from __future__ import annotations

import io
import json
import secrets
import zipfile
from dataclasses import dataclass, field
from typing import Any

import boto3

from local_runtime.template import ACCOUNT, Resolver

SOURCE_METADATA = "ektp:source"


@dataclass
class FunctionSpec:
    logical_id: str
    name: str
    arn: str
    source: str  # repo-relative folder of the handler, from the template's metadata
    handler: str
    environment: dict[str, str]
    memory_mb: int
    timeout_s: int


@dataclass
class Route:
    method: str
    path: str  # with {param} placeholders
    function_arn: str
    authorization: str
    issuer: str | None
    audience: list[str]


@dataclass
class Provisioned:
    functions: dict[str, FunctionSpec] = field(default_factory=dict)  # by function name
    buckets: dict[str, str] = field(default_factory=dict)  # logical id -> bucket name
    tables: dict[str, str] = field(default_factory=dict)
    queues: dict[str, str] = field(default_factory=dict)  # logical id -> url
    state_machines: dict[str, str] = field(default_factory=dict)  # logical id -> arn
    user_pool_id: str = ""
    user_pool_client_id: str = ""
    routes: list[Route] = field(default_factory=list)


def _short(logical_id: str) -> str:
    return "ektp-" + logical_id.lower()[:50]


def _dummy_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "handler.py", "def handler(event, context):\n    raise RuntimeError('dispatched locally')\n"
        )
    return buffer.getvalue()


def provision(template: dict[str, Any], endpoint: str, region: str) -> Provisioned:
    resources: dict[str, dict[str, Any]] = template["Resources"]
    resolve = Resolver(region)
    out = Provisioned()

    def by_type(kind: str) -> list[tuple[str, dict[str, Any]]]:
        return [(k, r) for k, r in resources.items() if r["Type"] == kind]

    def aws(service: Any) -> Any:
        return boto3.client(service, endpoint_url=endpoint, region_name=region)

    kms, s3, ddb, sqs, lam, iam, sfn, cognito = (
        aws(s) for s in ("kms", "s3", "dynamodb", "sqs", "lambda", "iam", "stepfunctions", "cognito-idp")
    )

    for logical, res in by_type("AWS::KMS::Key"):
        props = res.get("Properties", {})
        key = kms.create_key(
            Description=f"local {logical}",
            KeySpec=props.get("KeySpec", "SYMMETRIC_DEFAULT"),
            KeyUsage=props.get("KeyUsage", "ENCRYPT_DECRYPT"),
        )["KeyMetadata"]
        resolve.refs[logical] = key["KeyId"]
        resolve.attrs[(logical, "Arn")] = key["Arn"]

    for logical, res in by_type("AWS::S3::Bucket"):
        name = _short(logical)
        props = resolve(res.get("Properties", {}))
        s3.create_bucket(
            Bucket=name,
            CreateBucketConfiguration={"LocationConstraint": region},
            ObjectLockEnabledForBucket=bool(props.get("ObjectLockEnabled")),
        )
        if "ObjectLockConfiguration" in props:  # the audit store: write once, immutable for the retention
            s3.put_object_lock_configuration(
                Bucket=name, ObjectLockConfiguration=props["ObjectLockConfiguration"]
            )
        if "BucketEncryption" in props:
            s3.put_bucket_encryption(
                Bucket=name, ServerSideEncryptionConfiguration=_sse(props["BucketEncryption"])
            )
        if props.get("VersioningConfiguration", {}).get("Status") == "Enabled":
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        if "CorsConfiguration" in props:
            rules = [
                {("MaxAgeSeconds" if k == "MaxAge" else k): v for k, v in rule.items()}
                for rule in props["CorsConfiguration"]["CorsRules"]
            ]
            s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": rules})
        out.buckets[logical] = name
        resolve.refs[logical] = name
        resolve.attrs[(logical, "Arn")] = f"arn:aws:s3:::{name}"

    for logical, res in by_type("AWS::SecretsManager::Secret"):
        generator = res.get("Properties", {}).get("GenerateSecretString", {})
        value = secrets.token_urlsafe(max(16, int(generator.get("PasswordLength", 32))))
        resolve.refs[logical] = aws("secretsmanager").create_secret(Name=_short(logical), SecretString=value)[
            "ARN"
        ]

    for logical, res in by_type("AWS::DynamoDB::GlobalTable") + by_type("AWS::DynamoDB::Table"):
        props = resolve.__call__(
            {k: v for k, v in res["Properties"].items() if k not in ("Replicas", "SSESpecification")}
        )
        name = _short(logical)
        kwargs: dict[str, Any] = {
            "TableName": name,
            "KeySchema": props["KeySchema"],
            "AttributeDefinitions": props["AttributeDefinitions"],
            "BillingMode": "PAY_PER_REQUEST",
        }
        if props.get("GlobalSecondaryIndexes"):
            kwargs["GlobalSecondaryIndexes"] = [
                {"IndexName": g["IndexName"], "KeySchema": g["KeySchema"], "Projection": g["Projection"]}
                for g in props["GlobalSecondaryIndexes"]
            ]
        stream = props.get("StreamSpecification")
        if stream:
            kwargs["StreamSpecification"] = {
                "StreamEnabled": True,
                "StreamViewType": stream["StreamViewType"],
            }
        created = ddb.create_table(**kwargs)["TableDescription"]
        if stream:
            resolve.attrs[(logical, "StreamArn")] = created["LatestStreamArn"]
        ttl = props.get("TimeToLiveSpecification")
        if ttl and ttl.get("Enabled"):
            ddb.update_time_to_live(
                TableName=name,
                TimeToLiveSpecification={"AttributeName": ttl["AttributeName"], "Enabled": True},
            )
        out.tables[logical] = name
        resolve.refs[logical] = name
        resolve.attrs[(logical, "Arn")] = f"arn:aws:dynamodb:{region}:{ACCOUNT}:table/{name}"

    # Queues in dependency order: dead-letter queues first.
    queues = sorted(
        by_type("AWS::SQS::Queue"), key=lambda item: "RedrivePolicy" in item[1].get("Properties", {})
    )
    for logical, res in queues:
        props = resolve(res.get("Properties", {}))
        attributes = {}
        if "VisibilityTimeout" in props:
            attributes["VisibilityTimeout"] = str(props["VisibilityTimeout"])
        if "RedrivePolicy" in props:
            attributes["RedrivePolicy"] = json.dumps(props["RedrivePolicy"])
        url = sqs.create_queue(QueueName=_short(logical), Attributes=attributes)["QueueUrl"]
        out.queues[logical] = url
        resolve.refs[logical] = url
        resolve.attrs[(logical, "Arn")] = f"arn:aws:sqs:{region}:{ACCOUNT}:{_short(logical)}"
        resolve.attrs[(logical, "QueueName")] = _short(logical)
        resolve.attrs[(logical, "QueueUrl")] = url

    events = aws("events")
    for logical, res in by_type("AWS::Events::EventBus"):
        name = res["Properties"]["Name"]
        arn = events.create_event_bus(Name=name)["EventBusArn"]
        resolve.refs[logical] = name
        resolve.attrs[(logical, "Name")] = name
        resolve.attrs[(logical, "Arn")] = arn

    role = iam.create_role(RoleName="ektp-local-lambda", AssumeRolePolicyDocument="{}")["Role"]["Arn"]

    # Functions: names and ARNs first (the state machine and notifications refer to them), then creation.
    function_resources = by_type("AWS::Lambda::Function")
    for logical, _ in function_resources:
        name = _short(logical)
        resolve.refs[logical] = name
        resolve.attrs[(logical, "Arn")] = f"arn:aws:lambda:{region}:{ACCOUNT}:function:{name}"

    for logical, _ in by_type("AWS::SNS::Topic"):
        resolve.refs[logical] = f"arn:aws:sns:{region}:{ACCOUNT}:{_short(logical)}"

    for logical, _ in by_type("AWS::StepFunctions::StateMachine"):
        name = _short(logical)
        resolve.refs[logical] = f"arn:aws:states:{region}:{ACCOUNT}:stateMachine:{name}"
        resolve.attrs[(logical, "Name")] = name

    for logical, _ in by_type("AWS::Cognito::UserPool"):
        pool = cognito.create_user_pool(PoolName=_short(logical))["UserPool"]
        out.user_pool_id = pool["Id"]
        resolve.refs[logical] = pool["Id"]
        resolve.attrs[(logical, "Arn")] = pool["Arn"]
        resolve.attrs[(logical, "ProviderName")] = f"cognito-idp.{region}.amazonaws.com/{pool['Id']}"
    for logical, _ in by_type("AWS::Cognito::UserPoolClient"):
        client = cognito.create_user_pool_client(
            UserPoolId=out.user_pool_id,
            ClientName=_short(logical),
            ExplicitAuthFlows=[
                "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                "ALLOW_USER_SRP_AUTH",
                "ALLOW_REFRESH_TOKEN_AUTH",
            ],
        )["UserPoolClient"]
        out.user_pool_client_id = client["ClientId"]
        resolve.refs[logical] = client["ClientId"]
    for _, res in by_type("AWS::Cognito::UserPoolGroup"):
        cognito.create_group(UserPoolId=out.user_pool_id, GroupName=res["Properties"]["GroupName"])

    for logical, res in function_resources:
        props = res["Properties"]
        source = res.get("Metadata", {}).get(SOURCE_METADATA)
        if source is None:
            continue  # CDK's own deploy-time helpers (e.g. the bucket-notifications handler)
        environment = resolve(props.get("Environment", {}).get("Variables", {}))
        name = resolve.refs[logical]
        lam.create_function(
            FunctionName=name,
            Runtime="python3.12",  # moto's list may trail Lambda's; the handler runs in this process anyway
            Role=role,
            Handler=props.get("Handler", "handler.handler"),
            Code={"ZipFile": _dummy_zip()},
            Timeout=int(props.get("Timeout", 30)),
            MemorySize=int(props.get("MemorySize", 512)),
        )
        out.functions[name] = FunctionSpec(
            logical_id=logical,
            name=name,
            arn=resolve.attrs[(logical, "Arn")],
            source=source,
            handler=props.get("Handler", "handler.handler"),
            environment={k: str(v) for k, v in environment.items()},
            memory_mb=int(props.get("MemorySize", 512)),
            timeout_s=int(props.get("Timeout", 30)),
        )

    for logical, res in by_type("AWS::Events::Rule"):
        props = resolve(res["Properties"])
        if "EventPattern" not in props:
            continue  # schedules: the local runtime has no clock-driven invocations (tests call them directly)
        bus = props.get("EventBusName", "default")
        events.put_rule(
            Name=_short(logical), EventBusName=bus, EventPattern=json.dumps(props["EventPattern"])
        )
        sqs_targets = [
            {"Id": t["Id"], "Arn": t["Arn"]}
            for t in props.get("Targets", [])
            if ":sqs:" in str(t.get("Arn", ""))
        ]
        if sqs_targets:
            events.put_targets(Rule=_short(logical), EventBusName=bus, Targets=sqs_targets)

    for spec in out.functions.values():
        if "EMAIL_FROM" in spec.environment:
            # SES sends only from a verified identity; in AWS the operator verifies the domain.
            aws("ses").verify_email_identity(EmailAddress=spec.environment["EMAIL_FROM"])

    for _, res in by_type("AWS::Lambda::EventSourceMapping"):
        props = resolve(res["Properties"])
        # moto delivers every stream record and ignores FilterCriteria: handlers filter again themselves.
        lam.create_event_source_mapping(
            EventSourceArn=props["EventSourceArn"],
            FunctionName=props["FunctionName"],
            BatchSize=int(props.get("BatchSize", 10)),
            FunctionResponseTypes=props.get("FunctionResponseTypes", []),
            **({"StartingPosition": props["StartingPosition"]} if "StartingPosition" in props else {}),
        )

    for _, res in by_type("Custom::S3BucketNotifications"):
        props = resolve({k: v for k, v in res["Properties"].items() if k != "ServiceToken"})
        config = props["NotificationConfiguration"]
        s3.put_bucket_notification_configuration(
            Bucket=props["BucketName"],
            NotificationConfiguration={
                "LambdaFunctionConfigurations": [
                    {
                        "LambdaFunctionArn": c["LambdaFunctionArn"],
                        "Events": c["Events"],
                        "Filter": c.get("Filter", {}),
                    }
                    for c in config.get("LambdaFunctionConfigurations", [])
                ]
            },
        )

    for logical, res in by_type("AWS::StepFunctions::StateMachine"):
        props = res["Properties"]
        definition = resolve(props["DefinitionString"])
        arn = sfn.create_state_machine(
            name=resolve.attrs[(logical, "Name")], definition=definition, roleArn=role, type="STANDARD"
        )["stateMachineArn"]
        out.state_machines[logical] = arn

    for logical, _ in by_type("AWS::ApiGatewayV2::Api"):
        resolve.refs[logical] = "local"
    integrations = {
        logical: resolve(res["Properties"]) for logical, res in by_type("AWS::ApiGatewayV2::Integration")
    }
    authorizers = {
        logical: resolve(res["Properties"]) for logical, res in by_type("AWS::ApiGatewayV2::Authorizer")
    }
    for _, res in by_type("AWS::ApiGatewayV2::Route"):
        props = res["Properties"]
        method, path = props["RouteKey"].split(" ", 1)
        integration = integrations[props["Target"]["Fn::Join"][1][1]["Ref"]]
        authorizer = authorizers.get(props.get("AuthorizerId", {}).get("Ref", ""), {})
        jwt = authorizer.get("JwtConfiguration", {})
        out.routes.append(
            Route(
                method=method,
                path=path,
                function_arn=integration["IntegrationUri"],
                authorization=props.get("AuthorizationType", "NONE"),
                issuer=jwt.get("Issuer"),
                audience=list(jwt.get("Audience", [])),
            )
        )
    return out


def _sse(encryption: dict[str, Any]) -> dict[str, Any]:
    rules = []
    for rule in encryption["ServerSideEncryptionConfiguration"]:
        default = rule["ServerSideEncryptionByDefault"]
        entry: dict[str, Any] = {
            "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": default["SSEAlgorithm"]}
        }
        if "KMSMasterKeyID" in default:
            entry["ApplyServerSideEncryptionByDefault"]["KMSMasterKeyID"] = default["KMSMasterKeyID"]
        if "BucketKeyEnabled" in rule:
            entry["BucketKeyEnabled"] = rule["BucketKeyEnabled"]
        rules.append(entry)
    return {"Rules": rules}
