"""The reference web client (web/) on S3 behind CloudFront: private bucket, origin access control, HTTPS only."""

from __future__ import annotations

from pathlib import Path

from aws_cdk import CfnOutput, Duration, RemovalPolicy
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as deployment
from constructs import Construct

from infra.storage import Storage

WEB_ROOT = Path(__file__).resolve().parents[1] / "web"


class WebClient(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, storage: Storage) -> None:
        super().__init__(scope, construct_id)
        # Static, public content (no personal data): S3-managed encryption, so CloudFront needs no key grant.
        self.bucket = s3.Bucket(
            self,
            "Site",
            encryption=s3.BucketEncryption.S3_MANAGED,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            server_access_logs_bucket=storage.access_logs,
            server_access_logs_prefix="web/",
            removal_policy=RemovalPolicy.DESTROY,
            auto_delete_objects=False,
        )
        self.distribution = cloudfront.Distribution(
            self,
            "Cdn",
            default_root_object="index.html",
            default_behavior=cloudfront.BehaviorOptions(
                origin=origins.S3BucketOrigin.with_origin_access_control(self.bucket),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                response_headers_policy=cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
            ),
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            enable_logging=True,
            log_bucket=storage.access_logs,
            log_file_prefix="cdn/",
        )
        deployment.BucketDeployment(
            self,
            "Deploy",
            sources=[deployment.Source.asset(str(WEB_ROOT))],
            destination_bucket=self.bucket,
            distribution=self.distribution,
            cache_control=[deployment.CacheControl.max_age(Duration.minutes(5))],
        )
        CfnOutput(self, "WebUrl", value=f"https://{self.distribution.distribution_domain_name}")
