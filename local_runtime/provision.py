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
from collections.abc import Callable
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


class _Run:
    """One provisioning run: the template's resources, the resolver that learns each one's name and ARN as it
    is created, and the clients of the local endpoint."""

    def __init__(self, template: dict[str, Any], endpoint: str, region: str) -> None:
        self.resources: dict[str, dict[str, Any]] = template["Resources"]
        self.resolve = Resolver(region)
        self.out = Provisioned()
        self.endpoint = endpoint
        self.region = region
        self.role = ""
        self._clients: dict[str, Any] = {}

    def by_type(self, kind: str) -> list[tuple[str, dict[str, Any]]]:
        return [(k, r) for k, r in self.resources.items() if r["Type"] == kind]

    def aws(self, service: Any) -> Any:
        if service not in self._clients:
            self._clients[service] = boto3.client(
                service, endpoint_url=self.endpoint, region_name=self.region
            )
        return self._clients[service]

    def arn(self, service: str, resource: str) -> str:
        return f"arn:aws:{service}:{self.region}:{ACCOUNT}:{resource}"


def provision(template: dict[str, Any], endpoint: str, region: str) -> Provisioned:
    run = _Run(template, endpoint, region)
    for step in STEPS:
        step(run)
    return run.out


def _keys(run: _Run) -> None:
    for logical, res in run.by_type("AWS::KMS::Key"):
        props = res.get("Properties", {})
        key = run.aws("kms").create_key(
            Description=f"local {logical}",
            KeySpec=props.get("KeySpec", "SYMMETRIC_DEFAULT"),
            KeyUsage=props.get("KeyUsage", "ENCRYPT_DECRYPT"),
        )["KeyMetadata"]
        run.resolve.refs[logical] = key["KeyId"]
        run.resolve.attrs[(logical, "Arn")] = key["Arn"]


def _buckets(run: _Run) -> None:
    s3 = run.aws("s3")
    for logical, res in run.by_type("AWS::S3::Bucket"):
        name = _short(logical)
        props = run.resolve(res.get("Properties", {}))
        s3.create_bucket(
            Bucket=name,
            CreateBucketConfiguration={"LocationConstraint": run.region},
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
        run.out.buckets[logical] = name
        run.resolve.refs[logical] = name
        run.resolve.attrs[(logical, "Arn")] = f"arn:aws:s3:::{name}"


def _secrets(run: _Run) -> None:
    for logical, res in run.by_type("AWS::SecretsManager::Secret"):
        generator = res.get("Properties", {}).get("GenerateSecretString", {})
        value = secrets.token_urlsafe(max(16, int(generator.get("PasswordLength", 32))))
        created = run.aws("secretsmanager").create_secret(Name=_short(logical), SecretString=value)
        run.resolve.refs[logical] = created["ARN"]


def _tables(run: _Run) -> None:
    ddb = run.aws("dynamodb")
    for logical, res in run.by_type("AWS::DynamoDB::GlobalTable") + run.by_type("AWS::DynamoDB::Table"):
        props = run.resolve(
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
            run.resolve.attrs[(logical, "StreamArn")] = created["LatestStreamArn"]
        ttl = props.get("TimeToLiveSpecification")
        if ttl and ttl.get("Enabled"):
            ddb.update_time_to_live(
                TableName=name,
                TimeToLiveSpecification={"AttributeName": ttl["AttributeName"], "Enabled": True},
            )
        run.out.tables[logical] = name
        run.resolve.refs[logical] = name
        run.resolve.attrs[(logical, "Arn")] = run.arn("dynamodb", f"table/{name}")


def _queues(run: _Run) -> None:
    # Dead-letter queues first: the queues that name them in a redrive policy come after.
    queues = sorted(
        run.by_type("AWS::SQS::Queue"), key=lambda item: "RedrivePolicy" in item[1].get("Properties", {})
    )
    for logical, res in queues:
        props = run.resolve(res.get("Properties", {}))
        attributes = {}
        if "VisibilityTimeout" in props:
            attributes["VisibilityTimeout"] = str(props["VisibilityTimeout"])
        if "RedrivePolicy" in props:
            attributes["RedrivePolicy"] = json.dumps(props["RedrivePolicy"])
        name = _short(logical)
        url = run.aws("sqs").create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
        run.out.queues[logical] = url
        run.resolve.refs[logical] = url
        run.resolve.attrs[(logical, "Arn")] = run.arn("sqs", name)
        run.resolve.attrs[(logical, "QueueName")] = name
        run.resolve.attrs[(logical, "QueueUrl")] = url


def _event_buses(run: _Run) -> None:
    for logical, res in run.by_type("AWS::Events::EventBus"):
        name = res["Properties"]["Name"]
        arn = run.aws("events").create_event_bus(Name=name)["EventBusArn"]
        run.resolve.refs[logical] = name
        run.resolve.attrs[(logical, "Name")] = name
        run.resolve.attrs[(logical, "Arn")] = arn


def _names_before_creation(run: _Run) -> None:
    """Functions, topics and state machines are named first: the state machine, the notifications and the
    functions' environments refer to each other."""
    run.role = run.aws("iam").create_role(RoleName="ektp-local-lambda", AssumeRolePolicyDocument="{}")[
        "Role"
    ]["Arn"]
    for logical, _ in run.by_type("AWS::Lambda::Function"):
        name = _short(logical)
        run.resolve.refs[logical] = name
        run.resolve.attrs[(logical, "Arn")] = run.arn("lambda", f"function:{name}")
    for logical, _ in run.by_type("AWS::SNS::Topic"):
        run.resolve.refs[logical] = run.arn("sns", _short(logical))
    for logical, _ in run.by_type("AWS::StepFunctions::StateMachine"):
        name = _short(logical)
        run.resolve.refs[logical] = run.arn("states", f"stateMachine:{name}")
        run.resolve.attrs[(logical, "Name")] = name


def _user_pool(run: _Run) -> None:
    cognito = run.aws("cognito-idp")
    for logical, _ in run.by_type("AWS::Cognito::UserPool"):
        pool = cognito.create_user_pool(PoolName=_short(logical))["UserPool"]
        run.out.user_pool_id = pool["Id"]
        run.resolve.refs[logical] = pool["Id"]
        run.resolve.attrs[(logical, "Arn")] = pool["Arn"]
        run.resolve.attrs[(logical, "ProviderName")] = f"cognito-idp.{run.region}.amazonaws.com/{pool['Id']}"
    for logical, _ in run.by_type("AWS::Cognito::UserPoolClient"):
        client = cognito.create_user_pool_client(
            UserPoolId=run.out.user_pool_id,
            ClientName=_short(logical),
            ExplicitAuthFlows=[
                "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                "ALLOW_USER_SRP_AUTH",
                "ALLOW_REFRESH_TOKEN_AUTH",
            ],
        )["UserPoolClient"]
        run.out.user_pool_client_id = client["ClientId"]
        run.resolve.refs[logical] = client["ClientId"]
    for _, res in run.by_type("AWS::Cognito::UserPoolGroup"):
        cognito.create_group(UserPoolId=run.out.user_pool_id, GroupName=res["Properties"]["GroupName"])


def _functions(run: _Run) -> None:
    for logical, res in run.by_type("AWS::Lambda::Function"):
        props = res["Properties"]
        source = res.get("Metadata", {}).get(SOURCE_METADATA)
        if source is None:
            continue  # CDK's own deploy-time helpers (e.g. the bucket-notifications handler)
        environment = run.resolve(props.get("Environment", {}).get("Variables", {}))
        name = run.resolve.refs[logical]
        run.aws("lambda").create_function(
            FunctionName=name,
            Runtime="python3.12",  # moto's list may trail Lambda's; the handler runs in this process anyway
            Role=run.role,
            Handler=props.get("Handler", "handler.handler"),
            Code={"ZipFile": _dummy_zip()},
            Timeout=int(props.get("Timeout", 30)),
            MemorySize=int(props.get("MemorySize", 512)),
        )
        run.out.functions[name] = FunctionSpec(
            logical_id=logical,
            name=name,
            arn=run.resolve.attrs[(logical, "Arn")],
            source=source,
            handler=props.get("Handler", "handler.handler"),
            environment={k: str(v) for k, v in environment.items()},
            memory_mb=int(props.get("MemorySize", 512)),
            timeout_s=int(props.get("Timeout", 30)),
        )


def _event_rules(run: _Run) -> None:
    events = run.aws("events")
    for logical, res in run.by_type("AWS::Events::Rule"):
        props = run.resolve(res["Properties"])
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


def _email_identities(run: _Run) -> None:
    for spec in run.out.functions.values():
        if "EMAIL_FROM" in spec.environment:
            # SES sends only from a verified identity; in AWS the operator verifies the domain.
            run.aws("ses").verify_email_identity(EmailAddress=spec.environment["EMAIL_FROM"])


def _event_source_mappings(run: _Run) -> None:
    for _, res in run.by_type("AWS::Lambda::EventSourceMapping"):
        props = run.resolve(res["Properties"])
        # moto delivers every stream record and ignores FilterCriteria: handlers filter again themselves.
        run.aws("lambda").create_event_source_mapping(
            EventSourceArn=props["EventSourceArn"],
            FunctionName=props["FunctionName"],
            BatchSize=int(props.get("BatchSize", 10)),
            FunctionResponseTypes=props.get("FunctionResponseTypes", []),
            **({"StartingPosition": props["StartingPosition"]} if "StartingPosition" in props else {}),
        )


def _bucket_notifications(run: _Run) -> None:
    for _, res in run.by_type("Custom::S3BucketNotifications"):
        props = run.resolve({k: v for k, v in res["Properties"].items() if k != "ServiceToken"})
        config = props["NotificationConfiguration"]
        run.aws("s3").put_bucket_notification_configuration(
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


def _state_machines(run: _Run) -> None:
    for logical, res in run.by_type("AWS::StepFunctions::StateMachine"):
        definition = run.resolve(res["Properties"]["DefinitionString"])
        arn = run.aws("stepfunctions").create_state_machine(
            name=run.resolve.attrs[(logical, "Name")],
            definition=definition,
            roleArn=run.role,
            type="STANDARD",
        )["stateMachineArn"]
        run.out.state_machines[logical] = arn


def _routes(run: _Run) -> None:
    for logical, _ in run.by_type("AWS::ApiGatewayV2::Api"):
        run.resolve.refs[logical] = "local"
    integrations = {
        logical: run.resolve(res["Properties"])
        for logical, res in run.by_type("AWS::ApiGatewayV2::Integration")
    }
    authorizers = {
        logical: run.resolve(res["Properties"])
        for logical, res in run.by_type("AWS::ApiGatewayV2::Authorizer")
    }
    for _, res in run.by_type("AWS::ApiGatewayV2::Route"):
        props = res["Properties"]
        method, path = props["RouteKey"].split(" ", 1)
        integration = integrations[props["Target"]["Fn::Join"][1][1]["Ref"]]
        authorizer = authorizers.get(props.get("AuthorizerId", {}).get("Ref", ""), {})
        jwt = authorizer.get("JwtConfiguration", {})
        run.out.routes.append(
            Route(
                method=method,
                path=path,
                function_arn=integration["IntegrationUri"],
                authorization=props.get("AuthorizationType", "NONE"),
                issuer=jwt.get("Issuer"),
                audience=list(jwt.get("Audience", [])),
            )
        )


# In dependency order: each step may refer to what the steps before it created or named.
STEPS: tuple[Callable[[_Run], None], ...] = (
    _keys,
    _buckets,
    _secrets,
    _tables,
    _queues,
    _event_buses,
    _names_before_creation,
    _user_pool,
    _functions,
    _event_rules,
    _email_identities,
    _event_source_mappings,
    _bucket_notifications,
    _state_machines,
    _routes,
)


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
