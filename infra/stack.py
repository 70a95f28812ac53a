"""The ektp stack: storage, compute, the pipeline, the API and monitoring, plus the cdk-nag verdicts."""

from __future__ import annotations

from aws_cdk import CfnOutput, Stack
from constructs import Construct

from infra.api import Api
from infra.compute import Compute
from infra.nag import acknowledge_findings
from infra.pipeline import Pipeline
from infra.settings import DeploymentSettings
from infra.storage import Storage


class EktpStack(Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        settings: DeploymentSettings,
        web_acl_arn: str | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)  # type: ignore[arg-type]
        self.settings = settings
        self.storage = Storage(self, "Storage", settings=settings)
        self.compute = Compute(self, "Compute", storage=self.storage, settings=settings)
        self.pipeline = Pipeline(
            self, "Pipeline", storage=self.storage, compute=self.compute, settings=settings
        )
        self.api = Api(
            self, "Api", storage=self.storage, compute=self.compute, pipeline=self.pipeline, settings=settings
        )
        from infra.audit import AuditTrail
        from infra.monitoring import Monitoring
        from infra.notifications import Notifications

        self.audit = AuditTrail(self, "Audit", storage=self.storage, compute=self.compute)
        self.notifications = Notifications(
            self,
            "Notifications",
            storage=self.storage,
            compute=self.compute,
            pipeline=self.pipeline,
            settings=settings,
        )
        # A report of loss (the API) revokes a card: the holder is told through the same bus (issue 16).
        self.api.function.add_environment("EVENT_BUS_NAME", self.notifications.bus.event_bus_name)
        self.notifications.bus.grant_put_events_to(self.api.function)

        self.monitoring = Monitoring(
            self,
            "Monitoring",
            storage=self.storage,
            compute=self.compute,
            pipeline=self.pipeline,
            api=self.api,
            audit=self.audit,
            notifications=self.notifications,
            settings=settings,
        )
        from infra.revocations import RevocationList

        self.revocations = RevocationList(
            self,
            "Revocations",
            storage=self.storage,
            compute=self.compute,
            pipeline=self.pipeline,
            api=self.api,
            alarm_topic=self.monitoring.topic,
            settings=settings,
        )
        from infra.web import WebClient

        self.web = WebClient(
            self,
            "Web",
            storage=self.storage,
            api=self.api,
            web_acl_arn=web_acl_arn,
            edge_secret_generation=settings.edge_secret_generation,
        )
        CfnOutput(self, "ApiUrl", value=self.api.http_api.api_endpoint)
        CfnOutput(self, "UserPoolId", value=self.api.user_pool.user_pool_id)
        CfnOutput(self, "UserPoolClientId", value=self.api.client.user_pool_client_id)
        acknowledge_findings(self)
