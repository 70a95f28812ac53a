"""The digital ID's revocation list for offline verifiers (issue 16), and the credential lifetime settings.

A scheduled function (hourly) reads the revocation-list entries of the applications table, signs the list
with the digital ID's KMS key and writes it to its own bucket; `GET /revocations` (public, like /verify)
serves it. Least privilege: the publisher may Query only the table's REVOCATIONS# partitions, sign with the
signing key, and put one prefix of its bucket; the API may read that prefix. The API also signs now: the
silent refresh re-issues a resident's credential for the same card when it nears its expiry.
"""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_apigatewayv2 as apigw
from aws_cdk import aws_apigatewayv2_integrations as integrations
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from constructs import Construct

from infra.api import Api
from infra.compute import Compute
from infra.nag import _ack, _arn
from infra.pipeline import Pipeline
from infra.settings import DeploymentSettings
from infra.storage import Storage

LIST_PREFIX = "revocations/*"  # services/revocations.py LIST_KEY lives here


class RevocationList(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        storage: Storage,
        compute: Compute,
        pipeline: Pipeline,
        api: Api,
        alarm_topic: sns.ITopic,
        settings: DeploymentSettings,
    ) -> None:
        super().__init__(scope, construct_id)
        self.bucket = s3.Bucket(
            self,
            "Bucket",
            encryption=s3.BucketEncryption.KMS,
            encryption_key=storage.key,
            bucket_key_enabled=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            versioned=True,  # an earlier list stays readable for an investigation, a week
            lifecycle_rules=[s3.LifecycleRule(noncurrent_version_expiration=Duration.days(7))],
            server_access_logs_bucket=storage.access_logs,
            server_access_logs_prefix="revocations/",
            removal_policy=RemovalPolicy.RETAIN,
        )
        self.publisher = compute.function(
            "RevocationPublisher",
            "revocations",
            environment={
                "TABLE_NAME": storage.table.table_name,
                "SIGNING_KEY_ID": storage.signing_key.key_id,
                "REVOCATION_BUCKET_NAME": self.bucket.bucket_name,
                "REVOCATION_LIST_VALIDITY_HOURS": str(settings.revocation_list_validity_hours),
            },
            memory_mb=256,
            timeout=Duration.minutes(2),
        )
        self._grant_publisher(storage)
        events.Rule(self, "Hourly", schedule=events.Schedule.rate(Duration.hours(1))).add_target(
            targets.LambdaFunction(self.publisher, dead_letter_queue=compute.async_dlq, retry_attempts=2)
        )
        # Two failed hours in a row: the list offline verifiers hold is ageing towards its stated maximum.
        alarm = cloudwatch.Alarm(
            self,
            "PublisherFailing",
            metric=self.publisher.metric_errors(period=Duration.hours(1)),
            threshold=1,
            evaluation_periods=2,
            treat_missing_data=cloudwatch.TreatMissingData.BREACHING,  # no run at all is a failure too
            alarm_description="The signed revocation list was not published for two hours",
        )
        alarm.add_alarm_action(cw_actions.SnsAction(alarm_topic))

        self._serve(storage, pipeline, api, settings)
        self._acknowledge(api)

    def _grant_publisher(self, storage: Storage) -> None:
        iam.Policy(
            self,
            "PublisherReadsOnlyTheList",
            roles=[self.publisher.role] if self.publisher.role else [],
            statements=[
                iam.PolicyStatement(
                    actions=["dynamodb:Query"],
                    resources=[storage.table.table_arn],
                    # Only the revocation-list partitions: no application, card or personal data.
                    conditions={"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["REVOCATIONS#*"]}},
                )
            ],
        )
        storage.key.grant_decrypt(self.publisher)  # the table is encrypted with the data key
        storage.signing_key.grant(self.publisher, "kms:Sign", "kms:GetPublicKey")
        self.bucket.grant_put(self.publisher, LIST_PREFIX)

    def _serve(self, storage: Storage, pipeline: Pipeline, api: Api, settings: DeploymentSettings) -> None:
        api.function.add_environment("REVOCATION_BUCKET_NAME", self.bucket.bucket_name)
        self.bucket.grant_read(api.function, LIST_PREFIX)
        api.http_api.add_routes(
            path="/revocations",
            methods=[apigw.HttpMethod.GET],
            integration=integrations.HttpLambdaIntegration("RevocationsIntegration", api.function),
            authorizer=apigw.HttpNoneAuthorizer(),
        )
        # The credential lifetime, for the chain (issue) and the API (the silent refresh on fetch).
        for function in (api.function, pipeline.chain):
            function.add_environment("CREDENTIAL_VALIDITY_DAYS", str(settings.credential_validity_days))
            function.add_environment("CREDENTIAL_REFRESH_DAYS", str(settings.credential_refresh_days))
        storage.signing_key.grant(api.function, "kms:Sign")

    def _acknowledge(self, api: Api) -> None:
        stack = Stack.of(self)
        _ack(
            stack,
            f"AwsSolutions-IAM5[Resource::{_arn(stack, self.bucket)}/{LIST_PREFIX}]",
            "The list object is named by the publisher (revocations/current.jws): the prefix is the scope.",
        )
        _ack(
            api.http_api.node.find_child("GET--revocations"),
            "AwsSolutions-APIG4",
            "Public by design: offline verifiers download the signed revocation list without an account; it "
            "holds revoked card and credential ids only, signed and dated. Throttled by the stage.",
        )
