"""The reference web client (web/) on S3 behind CloudFront: private bucket, origin access control, HTTPS only."""

from __future__ import annotations

from pathlib import Path

from aws_cdk import CfnOutput, Duration, RemovalPolicy, Stack
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as deployment
from constructs import Construct

from ektp.domain.access import EDGE_HEADER
from ektp.domain.status_lookup import VIEWER_IP_HEADER
from infra.api import Api
from infra.storage import Storage
from tools.web_data import ensure_web_data

WEB_ROOT = Path(__file__).resolve().parents[1] / "web"
WEB_DATA = Path(__file__).resolve().parents[1] / "build" / "web-data"
EDGE_GENERATION_HEADER = "x-ektp-edge-generation"


def sign_in_config(api: Api) -> dict[str, object]:
    """What web/js/auth.js reads from config.json: the managed login's base URL and the public client's id
    (local_runtime/serve.py answers the same shape with its stand-in's URL)."""
    return {
        "auth": {
            "domain": api.domain.base_url(),
            "client_id": api.client.user_pool_client_id,
            "scopes": "openid email phone profile",
        }
    }


# The API behaviour's viewer request: the `/api` prefix removed, and the viewer's address written to the header
# the API counts status lookups by (over any value the viewer sent): behind the edge the API sees CloudFront's
# address, shared by every viewer of that edge (domain/status_lookup.py VIEWER_IP_HEADER).
API_VIEWER_REQUEST = (
    "function handler(event) {\n"
    "  var r = event.request;\n"
    "  r.uri = r.uri.replace(/^\\/api(?=\\/|$)/, '') || '/';\n"
    "  r.headers = r.headers || {};\n"
    f"  if (event.viewer && event.viewer.ip) r.headers['{VIEWER_IP_HEADER}'] = {{value: event.viewer.ip}};\n"
    f"  else delete r.headers['{VIEWER_IP_HEADER}'];\n"
    "  return r;\n"
    "}\n"
)


class WebClient(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        storage: Storage,
        api: Api,
        web_acl_arn: str | None,
        edge_secret_generation: int,
    ) -> None:
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
            additional_behaviors={"/api/*": self._api_behavior(api, edge_secret_generation)},
            web_acl_id=web_acl_arn,
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            # No standard (legacy) logs: CloudFront delivers none to a bucket in Jakarta and the access-log
            # bucket takes no ACL-based delivery (CreateDistribution fails); a bucket elsewhere would move
            # viewers' addresses out of Indonesia. The API's access logs (Jakarta, the data key) and the
            # web ACL's metrics cover the edge (infra/nag.py, CFR3).
            enable_logging=False,
        )
        site_url = f"https://{self.distribution.distribution_domain_name}/"
        api.allow_sign_in_from(site_url)
        deployment.BucketDeployment(
            self,
            "Deploy",
            # The client, its static data (region tree, reason catalogue) generated from this release, and
            # where it signs in (config.json: values filled in at deploy time).
            sources=[
                deployment.Source.asset(str(WEB_ROOT)),
                deployment.Source.asset(str(ensure_web_data(WEB_DATA)), exclude=[".stamp"]),
                deployment.Source.json_data("config.json", sign_in_config(api)),
            ],
            destination_bucket=self.bucket,
            distribution=self.distribution,
            cache_control=[deployment.CacheControl.max_age(Duration.minutes(5))],
        )
        CfnOutput(self, "WebUrl", value=f"https://{self.distribution.distribution_domain_name}")
        CfnOutput(self, "EdgeApiUrl", value=f"https://{self.distribution.distribution_domain_name}/api")

    def _api_behavior(self, api: Api, edge_secret_generation: int) -> cloudfront.BehaviorOptions:
        """The HTTP API behind the web ACL: never cached, every viewer header (Authorization) forwarded, and
        the `/api` prefix removed on the way in (a CloudFront Function), so the API's routes stay as they are."""
        strip_prefix = cloudfront.Function(
            self,
            "StripApiPrefix",
            runtime=cloudfront.FunctionRuntime.JS_2_0,
            code=cloudfront.FunctionCode.from_inline(API_VIEWER_REQUEST),
        )
        return cloudfront.BehaviorOptions(
            origin=origins.HttpOrigin(
                f"{api.http_api.api_id}.execute-api.{Stack.of(self).region}.{Stack.of(self).url_suffix}",
                # Resolved by CloudFormation at deploy time (a dynamic reference: the value is not in the
                # template); it overwrites any viewer header of the same name.
                custom_headers={
                    EDGE_HEADER: api.edge_secret.secret_value.unsafe_unwrap(),
                    # Changing the generation re-resolves the secret after a rotation (the runbook).
                    EDGE_GENERATION_HEADER: str(edge_secret_generation),
                },
            ),
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
            allowed_methods=cloudfront.AllowedMethods.ALLOW_ALL,
            cache_policy=cloudfront.CachePolicy.CACHING_DISABLED,
            origin_request_policy=cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            response_headers_policy=cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
            function_associations=[
                cloudfront.FunctionAssociation(
                    function=strip_prefix, event_type=cloudfront.FunctionEventType.VIEWER_REQUEST
                )
            ],
        )
