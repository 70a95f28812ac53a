"""Storage: the customer-managed KMS key, the upload bucket (with its access-log bucket) and the tables."""

from __future__ import annotations

from typing import Any

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.settings import DeploymentSettings

# What the NIK and birth-date indexes project: enough to validate an ApplicationRecord (its required fields).
_APPLICATION_SUMMARY = [
    *("application_id", "applicant", "status", "owner", "application_type", "contact", "district_code"),
    *("created_at", "updated_at"),
]


class Storage(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, settings: DeploymentSettings) -> None:
        super().__init__(scope, construct_id)

        self.key = kms.Key(
            self,
            "DataKey",
            description="ektp: encrypts residents' personal data at rest (uploads, tables, queues, logs)",
            enable_key_rotation=True,
            removal_policy=RemovalPolicy.RETAIN,
        )

        # Signs the digital IDs (ES256): the private key never leaves KMS; verifiers use its public key.
        self.signing_key = kms.Key(
            self,
            "DigitalIdSigningKey",
            description="ektp: signs residents' digital ID credentials (ECDSA P-256)",
            key_spec=kms.KeySpec.ECC_NIST_P256,
            key_usage=kms.KeyUsage.SIGN_VERIFY,
            removal_policy=RemovalPolicy.RETAIN,
        )

        # Server access logs only support SSE-S3 on the target bucket, so this one bucket is not on the CMK.
        self.access_logs = s3.Bucket(
            self,
            "AccessLogs",
            encryption=s3.BucketEncryption.S3_MANAGED,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            lifecycle_rules=[s3.LifecycleRule(expiration=Duration.days(365))],
            removal_policy=RemovalPolicy.RETAIN,
        )

        self.uploads = s3.Bucket(
            self,
            "Uploads",
            encryption=s3.BucketEncryption.KMS,
            encryption_key=self.key,
            bucket_key_enabled=True,  # one KMS call per bucket key, not per object: cheaper at scale
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            versioned=True,  # an overwrite never loses an accepted upload
            server_access_logs_bucket=self.access_logs,
            server_access_logs_prefix="uploads/",
            cors=[
                s3.CorsRule(
                    # POST: one presigned POST per file; PUT: the parts of a resumable (multipart) upload.
                    allowed_methods=[s3.HttpMethods.POST, s3.HttpMethods.PUT],
                    allowed_origins=["*"],  # presigned URLs carry their own authorisation
                    allowed_headers=["*"],
                    max_age=3000,
                )
            ],
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="raw-uploads",
                    prefix="uploads/",
                    expiration=Duration.days(settings.raw_upload_retention_days),
                    noncurrent_version_expiration=Duration.days(7),
                ),
                # The normalized photos made from them: the same personal data, kept no longer.
                s3.LifecycleRule(
                    id="processed-copies",
                    prefix="processed/",
                    expiration=Duration.days(settings.raw_upload_retention_days),
                    noncurrent_version_expiration=Duration.days(7),
                ),
                # An officer's captures at the recording station (issue 20): read by the biometric stage, then
                # held as the enrolled templates in the biometrics bucket; the images are kept no longer either.
                s3.LifecycleRule(
                    id="recording-captures",
                    prefix="captures/",
                    expiration=Duration.days(settings.raw_upload_retention_days),
                    noncurrent_version_expiration=Duration.days(7),
                ),
                # Field-visit photos (issue 20 item 4): a house and perhaps its residents; kept as long as uploads.
                s3.LifecycleRule(
                    id="field-visit-photos",
                    prefix="field-visits/",
                    expiration=Duration.days(settings.raw_upload_retention_days),
                    noncurrent_version_expiration=Duration.days(7),
                ),
                s3.LifecycleRule(
                    id="abort-multipart", abort_incomplete_multipart_upload_after=Duration.days(1)
                ),
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )

        # Biometric templates and the 1:N gallery shards: specific personal data (UU PDP), its own bucket so
        # that only the biometric function can read it.
        self.biometrics = self._private_bucket(
            "Biometrics",
            "biometrics/",
            lifecycle_rules=[
                # An application's template is needed until its decision; the gallery keeps the enrolled one.
                s3.LifecycleRule(
                    id="application-templates", prefix="templates/applications/", expiration=Duration.days(90)
                ),
                s3.LifecycleRule(id="old-shard-versions", noncurrent_version_expiration=Duration.days(30)),
                # A batched 1:N sweep's probes and candidates: needed for minutes, kept a day for diagnosis.
                s3.LifecycleRule(
                    id="gallery-sweeps",
                    prefix="sweeps/",
                    expiration=Duration.days(1),
                    noncurrent_version_expiration=Duration.days(1),
                ),
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )

        # The record of processing activities (UU PDP art. 31): write once, then immutable for the retention
        # period under Object Lock in compliance mode: no one, root included, can edit or delete a record early.
        self.audit = self._private_bucket(
            "Audit",
            "audit/",
            object_lock_enabled=True,
            object_lock_default_retention=s3.ObjectLockRetention.compliance(
                Duration.days(settings.audit_retention_days)
            ),
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="audit-retention",
                    expiration=Duration.days(settings.audit_retention_days + 1),
                    noncurrent_version_expiration=Duration.days(settings.audit_retention_days + 1),
                )
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )

        self.table = dynamodb.TableV2(
            self,
            "Applications",
            partition_key=dynamodb.Attribute(name="PK", type=dynamodb.AttributeType.STRING),
            sort_key=dynamodb.Attribute(name="SK", type=dynamodb.AttributeType.STRING),
            billing=dynamodb.Billing.on_demand(),
            encryption=dynamodb.TableEncryptionV2.customer_managed_key(self.key),
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            time_to_live_attribute="expires_at",
            deletion_protection=True,
            dynamo_stream=dynamodb.StreamViewType.NEW_IMAGE,  # feeds the audit store (infra/audit.py)
            global_secondary_indexes=[
                dynamodb.GlobalSecondaryIndexPropsV2(
                    index_name="ByOwner",
                    partition_key=dynamodb.Attribute(name="GSI1PK", type=dynamodb.AttributeType.STRING),
                    sort_key=dynamodb.Attribute(name="GSI1SK", type=dynamodb.AttributeType.STRING),
                ),
                dynamodb.GlobalSecondaryIndexPropsV2(
                    index_name="LiveByBirthDate",
                    partition_key=dynamodb.Attribute(name="GSI4PK", type=dynamodb.AttributeType.STRING),
                    projection_type=dynamodb.ProjectionType.INCLUDE,
                    non_key_attributes=_APPLICATION_SUMMARY,
                ),
                dynamodb.GlobalSecondaryIndexPropsV2(
                    # Every application on one NIK, any status: other claims on it, submissions per NIK.
                    index_name="ByNik",
                    partition_key=dynamodb.Attribute(name="GSI5PK", type=dynamodb.AttributeType.STRING),
                    sort_key=dynamodb.Attribute(name="GSI5SK", type=dynamodb.AttributeType.STRING),
                    projection_type=dynamodb.ProjectionType.INCLUDE,
                    non_key_attributes=[*_APPLICATION_SUMMARY, "attempt", "redrives"],  # submissions()
                ),
                dynamodb.GlobalSecondaryIndexPropsV2(
                    index_name="ByStatusAge",
                    partition_key=dynamodb.Attribute(name="GSI3PK", type=dynamodb.AttributeType.STRING),
                    sort_key=dynamodb.Attribute(name="GSI3SK", type=dynamodb.AttributeType.STRING),
                    projection_type=dynamodb.ProjectionType.ALL,
                ),
                dynamodb.GlobalSecondaryIndexPropsV2(
                    index_name="ReviewQueue",
                    partition_key=dynamodb.Attribute(name="GSI2PK", type=dynamodb.AttributeType.STRING),
                    sort_key=dynamodb.Attribute(name="GSI2SK", type=dynamodb.AttributeType.STRING),
                ),
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )

        # The population registry: a read replica of SIAK (locally: the synthetic residents from the seeder).
        self.registry = dynamodb.TableV2(
            self,
            "Registry",
            partition_key=dynamodb.Attribute(name="PK", type=dynamodb.AttributeType.STRING),
            billing=dynamodb.Billing.on_demand(),
            encryption=dynamodb.TableEncryptionV2.customer_managed_key(self.key),
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            deletion_protection=True,
            global_secondary_indexes=[
                dynamodb.GlobalSecondaryIndexPropsV2(
                    index_name="ByFamily",
                    partition_key=dynamodb.Attribute(name="FAMILY", type=dynamodb.AttributeType.STRING),
                ),
                dynamodb.GlobalSecondaryIndexPropsV2(
                    index_name="ByBirthDate",
                    partition_key=dynamodb.Attribute(name="BORN", type=dynamodb.AttributeType.STRING),
                    # Only what the duplicate check reads: keeps each day's block to one or two pages.
                    projection_type=dynamodb.ProjectionType.INCLUDE,
                    non_key_attributes=["nik", "full_name", "mother_name", "birth_date", "status"],
                ),
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )

        self.idempotency = dynamodb.TableV2(
            self,
            "Idempotency",
            partition_key=dynamodb.Attribute(name="id", type=dynamodb.AttributeType.STRING),
            billing=dynamodb.Billing.on_demand(),
            encryption=dynamodb.TableEncryptionV2.customer_managed_key(self.key),
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            time_to_live_attribute="expiration",
            removal_policy=RemovalPolicy.DESTROY,  # only short-lived request records
        )

        # CloudWatch Logs must be allowed to use the key for the encrypted log groups. It calls KMS as
        # logs.<region>.amazonaws.com (the global name fails CreateLogGroup in every region), and names the log
        # group in the encryption context: only this account's groups in this region may use the key.
        stack = Stack.of(self)
        self.key.add_to_resource_policy(
            iam.PolicyStatement(
                principals=[iam.ServicePrincipal(f"logs.{stack.region}.amazonaws.com")],
                actions=[
                    "kms:Encrypt*",
                    "kms:Decrypt*",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:Describe*",
                ],
                resources=["*"],  # in a key policy, "*" means this key
                conditions={
                    "ArnLike": {
                        "kms:EncryptionContext:aws:logs:arn": stack.format_arn(service="logs", resource="*")
                    }
                },
            )
        )

    def _private_bucket(self, construct_id: str, logs_prefix: str, **kwargs: Any) -> s3.Bucket:
        """Personal data at rest: the CMK, TLS only, no public access, versioned, access-logged."""
        return s3.Bucket(
            self,
            construct_id,
            encryption=s3.BucketEncryption.KMS,
            encryption_key=self.key,
            bucket_key_enabled=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            versioned=True,
            server_access_logs_bucket=self.access_logs,
            server_access_logs_prefix=logs_prefix,
            **kwargs,
        )
