"""cdk-nag AwsSolutions verdicts that we accept, each with its reason. Anything not listed fails synth.

IAM5 findings name the exact resource or action wildcard, so each one is acknowledged on its own: a new
wildcard that nobody has reasoned about still fails synth.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aws_cdk import Acknowledgment, Stack, Validations
from aws_cdk import aws_lambda as _lambda
from constructs import IConstruct

from infra.settings import LAMBDA_RUNTIME

if TYPE_CHECKING:
    from infra.stack import EktpStack


def _ack(scope: IConstruct, rule: str, reason: str) -> None:
    Validations.of(scope).acknowledge(Acknowledgment(id=rule, reason=reason))


def _arn(stack: Stack, construct: IConstruct) -> str:
    return f"<{stack.get_logical_id(construct.node.default_child)}.Arn>"  # type: ignore[arg-type]


def acknowledge_findings(stack: EktpStack) -> None:
    table = _arn(stack, stack.storage.table)
    registry = _arn(stack, stack.storage.registry)
    uploads = _arn(stack, stack.storage.uploads)
    chain = _arn(stack, stack.pipeline.chain)
    biometrics = _arn(stack, stack.pipeline.biometrics)
    vault = _arn(stack, stack.storage.biometrics)
    audit = _arn(stack, stack.storage.audit)

    # --- CDK grants: action wildcards, each scoped to one resource ---------------------------------
    grant_actions = {
        "kms:GenerateDataKey*": "CDK's KMS grant for encrypt/decrypt; the resource is the one customer-managed key.",
        "kms:ReEncrypt*": "CDK's KMS grant for encrypt/decrypt; the resource is the one customer-managed key.",
        "s3:Abort*": "CDK's S3 put grant (abort multipart uploads) scoped to one prefix of the upload bucket.",
        "s3:DeleteObject*": "Intake deletes objects that arrived without an issued upload slot; scoped to uploads/.",
        "s3:GetBucket*": "CDK's S3 read grant; bucket-level reads of the one upload bucket.",
        "s3:GetObject*": "CDK's S3 read grant (object and its version) scoped to one prefix of the upload bucket.",
        "s3:List*": "CDK's S3 read grant; listing the one upload bucket.",
    }
    for action, reason in grant_actions.items():
        _ack(stack, f"AwsSolutions-IAM5[Action::{action}]", reason)
    resources = {
        f"{table}/index/*": "Query on the table's own indexes (owner lookup, district review queue).",
        f"{registry}/index/*": "Query on the registry's own indexes (family by KK number, the birth-date block).",
        f"{uploads}/uploads/*": "Objects are per application and upload, created at run time: the prefix is the scope.",
        f"{uploads}/processed/*": "Normalized photos, per application, written at run time: the prefix is the scope.",
        f"{uploads}/cards/*": "Each card's own photo, named by the card id at issuance: the prefix is the scope.",
        f"{uploads}/captures/*": "An officer's recording-station captures, per application and attempt, named by "
        "their sha256 at run time: the prefix is the scope.",
        f"{uploads}/field-visits/*": "An officer's field-visit photos, per application, attempt and visit, named at "
        "run time (issue 20 item 4): the prefix is the scope.",
        f"{vault}/templates/enrolled/*.capture.json": "The chain reads only who captured each NIK's enrolled finger "
        "(is it trusted?), never a template; one object per NIK, named at run time.",
        f"{chain}:*": "The state machine invokes versions and aliases of the one chain function.",
        f"{biometrics}:*": "The state machine invokes versions and aliases of the one biometrics function.",
        f"{vault}/*": "Only the biometrics function reads and writes the biometrics bucket: templates per "
        "application and gallery shard versions, named at run time.",
        f"{vault}/sweeps/*": "The gallery-search batcher writes each batch's request file under sweeps/, named by "
        "the batch at run time; it can write nothing else in the bucket.",
        "*": "X-Ray (PutTraceSegments, PutTelemetryRecords), Step Functions log delivery and Cognito's SMS "
        "sender (sns:Publish to phone numbers) have no resource-level permissions.",
    }
    resources[f"{audit}/audit/*"] = (
        "The audit function appends one object per stream batch under audit/, named at run time; it can "
        "neither read nor delete (Object Lock, compliance mode)."
    )
    for resource, reason in resources.items():
        _ack(stack, f"AwsSolutions-IAM5[Resource::{resource}]", reason)
    _ack(
        stack.audit.dlq,
        "AwsSolutions-SQS3",
        "It is a dead-letter queue: the on-failure destination of the audit stream mapping (cdk-nag only "
        "recognises queues named in another queue's redrive policy).",
    )

    # --- our zip functions: Python 3.13 on purpose ---------------------------------------------------
    for child in stack.compute.node.children:
        if isinstance(child, _lambda.Function) and child.runtime.name == LAMBDA_RUNTIME.name:
            _ack(
                child,
                "AwsSolutions-L1",
                f"{LAMBDA_RUNTIME.name}, one behind the newest: the layers ship bytecode compiled at build time by "
                "an interpreter of the same version (Debian 13's python3), which no cold start then compiles "
                "again (about a second of the photo check's imports). Supported by Lambda until 2029.",
            )

    # --- CDK's own helper: the S3 bucket-notifications custom resource -----------------------------
    _ack(
        stack,
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        "Only CDK's BucketNotificationsHandler (a deploy-time custom resource) uses it; our functions have "
        "their own roles limited to their own log groups.",
    )

    # --- public verification of digital IDs ---------------------------------------------------------------
    for method, path in (("POST", "verify"), ("GET", "public-key")):
        route = stack.api.http_api.node.find_child(f"{method}--{path}")
        _ack(
            route,
            "AwsSolutions-APIG4",
            "Public by design: anyone holding a digital ID (a bank, a clinic, a checkpoint) verifies it without an "
            "account; it returns only the validity and the claims already printed in the QR code. Throttled by the stage.",
        )

    # --- the public status lookup by registration number and date of birth (issue 20) ---------------------
    _ack(
        stack.api.http_api.node.find_child("POST--status"),
        "AwsSolutions-APIG4",
        "Public by design: the receipt's QR opens it for residents without an account. It needs the date of "
        "birth, answers only the status and the next step, one 404 for every failure, and locks a number or a "
        "source after a few failed attempts (domain/status_lookup.py); throttled as a route and per viewer IP.",
    )

    _ack(
        stack.api.edge_secret,
        "AwsSolutions-SMG4",
        "The edge secret is CloudFront's origin header, read by CloudFormation at deploy time: a rotation "
        "Lambda could not update the distribution. It is rotated by docs/runbooks/rotate-edge-secret.md "
        "(new value, then a deploy with the next edge_secret_generation; the API accepts both meanwhile).",
    )

    # --- the web client on CloudFront -----------------------------------------------------------------
    cdn = stack.web.distribution
    _ack(
        cdn,
        "AwsSolutions-CFR1",
        "Indonesians apply from abroad too (students, workers): no geo restriction; "
        "the content is a public static client with no personal data.",
    )
    _ack(
        cdn,
        "AwsSolutions-CFR3",
        "CloudFront delivers no standard logs to buckets in ap-southeast-3 (Jakarta), and a bucket in another "
        "region would take viewers' addresses out of Indonesia (PP 71/2019); every /api request is logged by "
        "the HTTP API's access log in Jakarta, and the web ACL counts and samples requests at the edge.",
    )
    _ack(
        cdn,
        "AwsSolutions-CFR4",
        "The default *.cloudfront.net certificate cannot pin TLS 1.2; a deployment "
        "with its own domain and ACM certificate gets TLSv1.2_2021 from the distribution's settings.",
    )
    web = _arn(stack, stack.web.bucket)
    _ack(
        stack,
        f"AwsSolutions-IAM5[Resource::{web}/*]",
        "CDK's BucketDeployment writes the client's files into "
        "its own bucket: object names come from the web/ folder.",
    )
    _ack(
        stack,
        "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-"
        "ap-southeast-3/*]",
        "CDK's BucketDeployment reads the staged web/ asset from the bootstrap bucket.",
    )
    helper = next(c for c in stack.node.children if c.node.id.startswith("Custom::CDKBucketDeployment"))
    _ack(
        helper,
        "AwsSolutions-L1",
        "CDK's BucketDeployment helper: its runtime is chosen by aws-cdk-lib; our "
        "functions use the newest Python runtime (infra/settings.py).",
    )

    # --- Cognito -----------------------------------------------------------------------------------
    _ack(
        stack.api.user_pool,
        "AwsSolutions-COG2",
        "Residents are the general public: MFA is offered (OTP app or SMS) but not forced, so nobody is locked "
        "out of a public service; officer and operator sign-in is hardened separately (issue 8).",
    )
    _ack(
        stack.api.user_pool,
        "AwsSolutions-COG8",
        "The Plus feature plan is billed per monthly active user: at national scale (tens of millions of "
        "residents) that outweighs its value here; API throttling and per-route limits cover abuse.",
    )
