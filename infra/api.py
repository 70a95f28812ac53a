"""Resident sign-in (Cognito) and the HTTP API with a JWT authorizer on every route."""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_apigatewayv2 as apigw
from aws_cdk import aws_apigatewayv2_authorizers as authorizers
from aws_cdk import aws_apigatewayv2_integrations as integrations
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.compute import Compute
from infra.pipeline import Pipeline
from infra.settings import DeploymentSettings
from infra.storage import Storage

# Every route the API function serves. The local runtime reads the same list from the synthesized template.
ROUTES: tuple[tuple[apigw.HttpMethod, str], ...] = (
    (apigw.HttpMethod.GET, "/applications"),
    (apigw.HttpMethod.POST, "/applications"),
    (apigw.HttpMethod.GET, "/applications/{registration_number}"),
    (apigw.HttpMethod.PATCH, "/applications/{registration_number}"),
    (apigw.HttpMethod.POST, "/applications/{registration_number}/documents/{document_type}"),
    (apigw.HttpMethod.POST, "/applications/{registration_number}/submit"),
    (apigw.HttpMethod.POST, "/applications/{registration_number}/liveness-challenge"),
    (apigw.HttpMethod.GET, "/applications/{registration_number}/export"),
    (apigw.HttpMethod.GET, "/applications/{registration_number}/digital-id"),
    (apigw.HttpMethod.GET, "/applications/{registration_number}/receipt"),
    (apigw.HttpMethod.POST, "/applications/{registration_number}/digital-id/report-lost"),
    (apigw.HttpMethod.POST, "/cards/{card_id}/status"),
    (apigw.HttpMethod.GET, "/review/queue"),
    (apigw.HttpMethod.GET, "/review/{registration_number}"),
    (apigw.HttpMethod.POST, "/review/{registration_number}/decision"),
    # Issue 20: the resident's recording appointment (functions/api/routes/appointments.py) and the officer's
    # capture station (functions/api/routes/capture.py).
    (apigw.HttpMethod.GET, "/applications/{registration_number}/appointment"),
    (apigw.HttpMethod.POST, "/applications/{registration_number}/appointment"),
    (apigw.HttpMethod.DELETE, "/applications/{registration_number}/appointment"),
    (apigw.HttpMethod.POST, "/applications/{registration_number}/home-visit"),
    (apigw.HttpMethod.POST, "/capture/search"),
    (apigw.HttpMethod.POST, "/capture/{registration_number}"),
    # Resumable uploads (functions/api/routes/uploads.py, issue 20 item 5).
    (apigw.HttpMethod.POST, "/applications/{registration_number}/documents/{document_type}/multipart"),
    (
        apigw.HttpMethod.POST,
        "/applications/{registration_number}/documents/{document_type}/{upload_id}/parts",
    ),
    (
        apigw.HttpMethod.POST,
        "/applications/{registration_number}/documents/{document_type}/{upload_id}/complete",
    ),
    (
        apigw.HttpMethod.POST,
        "/applications/{registration_number}/documents/{document_type}/{upload_id}/abort",
    ),
    # Officer-assisted registration (functions/api/routes/assisted.py, issue 20 item 3).
    (apigw.HttpMethod.POST, "/assisted/applications"),
    (apigw.HttpMethod.GET, "/assisted/applications/{registration_number}"),
    (apigw.HttpMethod.PATCH, "/assisted/applications/{registration_number}"),
    (apigw.HttpMethod.POST, "/assisted/applications/{registration_number}/documents/{document_type}"),
    (apigw.HttpMethod.POST, "/assisted/applications/{registration_number}/submit"),
    (apigw.HttpMethod.GET, "/assisted/applications"),
    (
        apigw.HttpMethod.POST,
        "/assisted/applications/{registration_number}/documents/{document_type}/multipart",
    ),
    *(
        (
            apigw.HttpMethod.POST,
            f"/assisted/applications/{{registration_number}}/documents/{{document_type}}/{{upload_id}}/{step}",
        )
        for step in ("parts", "complete", "abort")
    ),
    # Field verification of domicile (functions/api/routes/field_visits.py, issue 20 item 4).
    (apigw.HttpMethod.GET, "/field-visits"),
    (apigw.HttpMethod.POST, "/field-visits/{registration_number}/photo"),
    (apigw.HttpMethod.POST, "/field-visits/{registration_number}/outcome"),
    # Help requests (functions/api/routes/help.py): the resident's, then the district helpdesk's.
    (apigw.HttpMethod.POST, "/help-requests"),
    (apigw.HttpMethod.GET, "/help-requests"),
    (apigw.HttpMethod.GET, "/help-requests/{request_id}"),
    (apigw.HttpMethod.POST, "/help-requests/{request_id}/messages"),
    (apigw.HttpMethod.POST, "/help-requests/{request_id}/close"),
    (apigw.HttpMethod.GET, "/helpdesk/requests"),
    (apigw.HttpMethod.GET, "/helpdesk/requests/{request_id}"),
    (apigw.HttpMethod.POST, "/helpdesk/requests/{request_id}/answer"),
    (apigw.HttpMethod.POST, "/helpdesk/requests/{request_id}/close"),
)
# Open to anyone: a bank, a hospital or a checkpoint verifies a digital ID without an account.
PUBLIC_ROUTES: tuple[tuple[apigw.HttpMethod, str], ...] = (
    (apigw.HttpMethod.POST, "/verify"),
    (apigw.HttpMethod.GET, "/public-key"),
    # The status by registration number and date of birth (the receipt's QR): limited per number and per source
    # in the function (domain/status_lookup.py), per viewer IP at the edge, and as a route here.
    (apigw.HttpMethod.POST, "/status"),
)
# Throttled below the stage's limit (DeploymentSettings.status_lookup_*).
STATUS_LOOKUP_ROUTE = "POST /status"
GROUPS = ("residents", "officers", "operators", "helpdesk")


class Api(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        storage: Storage,
        compute: Compute,
        pipeline: Pipeline,
        settings: DeploymentSettings,
    ) -> None:
        super().__init__(scope, construct_id)

        self.user_pool = cognito.UserPool(
            self,
            "Users",
            self_sign_up_enabled=True,
            sign_in_aliases=cognito.SignInAliases(email=True, phone=True),
            auto_verify=cognito.AutoVerifiedAttrs(email=True, phone=True),
            password_policy=cognito.PasswordPolicy(
                min_length=12,
                require_digits=True,
                require_lowercase=True,
                require_uppercase=True,
                require_symbols=True,
            ),
            mfa=cognito.Mfa.OPTIONAL,
            mfa_second_factor=cognito.MfaSecondFactor(otp=True, sms=True),
            account_recovery=cognito.AccountRecovery.EMAIL_AND_PHONE_WITHOUT_MFA,
            # No district attribute: an account can write its own attributes, so an officer's district is
            # the administrators' group `district-<code>`, put into the token by the trigger (domain/staff.py).
            # A staff member's own NIK is an administrator's record (AdminCreateUser, AdminUpdateUserAttributes):
            # the one app client neither reads nor writes custom attributes (its explicit lists below), and the
            # trigger carries it into staff tokens only, so no officer handles their own or family's case.
            custom_attributes={"staff_nik": cognito.StringAttribute(min_len=16, max_len=16, mutable=True)},
            removal_policy=RemovalPolicy.RETAIN,
        )
        # Staff tokens only after a second factor (functions/token_guard).
        self.token_guard = compute.function(
            "TokenGuard", "token_guard", environment={}, memory_mb=256, timeout=Duration.seconds(5)
        )
        self.user_pool.add_trigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, self.token_guard)
        # A standalone policy: the pool names the function, so the function's own policy cannot name the pool.
        iam.Policy(
            self,
            "TokenGuardReadsMfa",
            roles=[self.token_guard.role] if self.token_guard.role else [],
            statements=[
                iam.PolicyStatement(
                    actions=["cognito-idp:AdminGetUser"], resources=[self.user_pool.user_pool_arn]
                )
            ],
        )
        for group in GROUPS:
            cognito.CfnUserPoolGroup(
                self, f"{group.capitalize()}Group", user_pool_id=self.user_pool.user_pool_id, group_name=group
            )
        self._sign_in(settings)

        # CloudFront sends this as an origin header (infra/web.py); the function refuses requests without it,
        # so the execute-api URL cannot be used to go around the WAF. Rotation: docs/runbooks/rotate-edge-secret.md.
        self.edge_secret = secretsmanager.Secret(
            self,
            "EdgeSecret",
            description="ektp: the header CloudFront adds on its way to the API",
            encryption_key=storage.key,
            generate_secret_string=secretsmanager.SecretStringGenerator(
                password_length=48, exclude_punctuation=True
            ),
            removal_policy=RemovalPolicy.DESTROY,
        )
        self.function = compute.function(
            "Api",
            "api",
            environment={
                "ORIGIN_VERIFY_SECRET_ARN": self.edge_secret.secret_arn,
                "TABLE_NAME": storage.table.table_name,
                "IDEMPOTENCY_TABLE_NAME": storage.idempotency.table_name,
                "UPLOAD_BUCKET_NAME": storage.uploads.bucket_name,
                "STATE_MACHINE_ARN": pipeline.state_machine.state_machine_arn,
                "UPLOAD_URL_TTL_SECONDS": str(settings.upload_url_ttl_seconds),
                "SIGNING_KEY_ID": storage.signing_key.key_id,
                "STATUS_PAGE_URL": settings.status_page_url,
                "RAW_UPLOAD_RETENTION_DAYS": str(settings.raw_upload_retention_days),
            },
            memory_mb=1024,
            timeout=Duration.seconds(15),
        )
        if settings.capture_devices:  # unset: the office table's devices only
            self.function.add_environment("CAPTURE_DEVICES", settings.capture_devices)
        storage.table.grant_read_write_data(self.function)
        storage.idempotency.grant_read_write_data(self.function)
        # Presigned POSTs are signed with the function's credentials: it needs PutObject on uploads/ only.
        storage.uploads.grant_put(self.function, "uploads/*")
        pipeline.state_machine.grant_start_execution(self.function)
        self.edge_secret.grant_read(self.function)
        storage.signing_key.grant(self.function, "kms:GetPublicKey")  # kms:Sign too: infra/revocations.py
        pipeline.state_machine.grant_task_response(self.function)  # an officer's decision resumes the chain
        storage.uploads.grant_read(self.function, "uploads/*")  # officers' evidence: short-lived GET URLs
        storage.uploads.grant_read(self.function, "cards/*")  # the photo of a resident's digital ID
        storage.uploads.grant_read(self.function, "processed/*")
        # The capture station stores an officer's captures and the chain's biometric stage reads them (issue 20).
        storage.uploads.grant_put(self.function, "captures/*")
        storage.uploads.grant_read(self.function, "captures/*")
        # Field visits (issue 20 item 4): the officer's photo arrives by a presigned POST (signed with the
        # function's credentials) and is read back once to check its bytes; nothing else reads that prefix.
        storage.uploads.grant_put(self.function, "field-visits/*")
        storage.uploads.grant_read(self.function, "field-visits/*")

        authorizer = authorizers.HttpJwtAuthorizer(
            "CognitoJwt",
            jwt_issuer=f"https://cognito-idp.{settings.region}.amazonaws.com/{self.user_pool.user_pool_id}",
            jwt_audience=[self.client.user_pool_client_id],
        )
        access_logs = logs.LogGroup(
            self,
            "AccessLogs",
            encryption_key=storage.key,
            retention=logs.RetentionDays[settings.log_retention],
            removal_policy=RemovalPolicy.DESTROY,
        )
        self.http_api = apigw.HttpApi(
            self,
            "HttpApi",
            description="ektp resident and officer API",
            cors_preflight=apigw.CorsPreflightOptions(
                allow_origins=["*"],
                allow_methods=[apigw.CorsHttpMethod.ANY],
                allow_headers=["authorization", "content-type", "idempotency-key"],
                max_age=Duration.hours(1),
            ),
            create_default_stage=False,
        )
        stage = self.http_api.add_stage(
            "Stage",
            stage_name="$default",
            auto_deploy=True,
            throttle=apigw.ThrottleSettings(
                rate_limit=settings.api_rate_limit, burst_limit=settings.api_burst_limit
            ),
        )
        cfn_stage = stage.node.default_child
        cfn_stage.access_log_settings = apigw.CfnStage.AccessLogSettingsProperty(  # type: ignore[union-attr]
            destination_arn=access_logs.log_group_arn,
            # No personal data: ids, status codes and timings only.
            format='{"requestId":"$context.requestId","routeKey":"$context.routeKey","status":"$context.status",'
            '"latency":"$context.responseLatency","integrationError":"$context.integrationErrorMessage"}',
        )
        integration = integrations.HttpLambdaIntegration("ApiIntegration", self.function)
        for method, path in ROUTES:
            self.http_api.add_routes(
                path=path, methods=[method], integration=integration, authorizer=authorizer
            )
        for method, path in PUBLIC_ROUTES:
            routes = self.http_api.add_routes(
                path=path, methods=[method], integration=integration, authorizer=apigw.HttpNoneAuthorizer()
            )
            if f"{method.value} {path}" == STATUS_LOOKUP_ROUTE:
                self._throttle_status_lookup(cfn_stage, routes[0], settings)  # type: ignore[arg-type]

    @staticmethod
    def _throttle_status_lookup(
        stage: apigw.CfnStage, route: apigw.HttpRoute, settings: DeploymentSettings
    ) -> None:
        """The public status lookup gets a small share of the stage: a flood of guesses cannot crowd out the rest.
        Route settings name an existing route, so the stage waits for it."""
        stage.route_settings = {
            STATUS_LOOKUP_ROUTE: {
                "ThrottlingRateLimit": settings.status_lookup_rate_limit,
                "ThrottlingBurstLimit": settings.status_lookup_burst_limit,
            }
        }
        stage.node.add_dependency(route)

    def _sign_in(self, settings: DeploymentSettings) -> None:
        """Managed login on a Cognito prefix domain; the web client's authorization-code flow with PKCE.

        Residents sign up there and confirm with a code by e-mail or SMS; officers and operators are created by
        administrators (AdminCreateUser, then the `officers` and `district-<code>` groups): a signed-up account
        has no group, so it is a resident. The client is public (no secret: it runs in a browser), allows only
        the code flow, no direct password or SRP sign-in, and its tokens carry no
        `aws.cognito.signin.user.admin` scope, so nobody edits their own account through the API with them.
        """
        prefix = settings.auth_domain_prefix or f"ektp-{settings.stage}-{Stack.of(self).account}"
        self.domain = self.user_pool.add_domain(
            "Domain",
            cognito_domain=cognito.CognitoDomainOptions(domain_prefix=prefix),
            managed_login_version=cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
        )
        profile = {"email": True, "phone_number": True, "fullname": True, "locale": True}
        self.client = self.user_pool.add_client(
            "WebClient",
            generate_secret=False,
            auth_flows=cognito.AuthFlow(),
            o_auth=cognito.OAuthSettings(
                flows=cognito.OAuthFlows(authorization_code_grant=True),
                scopes=[
                    cognito.OAuthScope.OPENID,
                    cognito.OAuthScope.EMAIL,
                    cognito.OAuthScope.PHONE,
                    cognito.OAuthScope.PROFILE,
                ],
                # Replaced by the web client's own URL (allow_sign_in_from) once its distribution exists.
                callback_urls=["https://localhost/"],
                logout_urls=["https://localhost/"],
            ),
            supported_identity_providers=[cognito.UserPoolClientIdentityProvider.COGNITO],
            prevent_user_existence_errors=True,
            enable_token_revocation=True,
            read_attributes=cognito.ClientAttributes().with_standard_attributes(
                **profile, email_verified=True, phone_number_verified=True
            ),
            # Explicit: without the list a client may write every mutable attribute of its user.
            write_attributes=cognito.ClientAttributes().with_standard_attributes(**profile),
            id_token_validity=Duration.hours(1),
            access_token_validity=Duration.hours(1),
            refresh_token_validity=Duration.days(1),
        )
        cfn_client = self.client.node.default_child
        # Managed login needs no explicit flow; left empty, Cognito would allow SRP sign-in by default.
        cfn_client.explicit_auth_flows = ["ALLOW_REFRESH_TOKEN_AUTH"]  # type: ignore[union-attr]
        cognito.CfnManagedLoginBranding(
            self,
            "LoginBranding",
            user_pool_id=self.user_pool.user_pool_id,
            client_id=self.client.user_pool_client_id,
            use_cognito_provided_values=True,
        )

    def allow_sign_in_from(self, url: str) -> None:
        """The web client's URL as the only callback and sign-out address. The distribution that serves it names
        the HTTP API only by id, which needs neither the authorizer nor this client: CloudFormation creates the
        API, the distribution, then the client and the authorizer, all in one deploy (tests/infra/test_sign_in.py)."""
        cfn_client = self.client.node.default_child
        cfn_client.callback_ur_ls = [url]  # type: ignore[union-attr]
        cfn_client.logout_ur_ls = [url]  # type: ignore[union-attr]
