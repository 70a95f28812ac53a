"""Alarms and a dashboard: dead letters, failed executions, function errors, applications that need an
operator. Alarms go to one SNS topic on the stack's key, which CloudWatch is allowed to use."""

from __future__ import annotations

from aws_cdk import ArnFormat, Duration, Stack
from aws_cdk import aws_cloudwatch as cw
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subs
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.api import Api
from infra.audit import AuditTrail
from infra.compute import Compute
from infra.notifications import Notifications
from infra.pipeline import Pipeline
from infra.settings import DeploymentSettings
from infra.storage import Storage


class Monitoring(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        storage: Storage,
        compute: Compute,
        pipeline: Pipeline,
        api: Api,
        audit: AuditTrail,
        notifications: Notifications,
        settings: DeploymentSettings,
    ) -> None:
        super().__init__(scope, construct_id)
        self.topic = sns.Topic(self, "Alarms", master_key=storage.key, enforce_ssl=True)
        self._allow_cloudwatch_to_use_the_key(storage)
        if settings.alarm_email:
            self.topic.add_subscription(subs.EmailSubscription(settings.alarm_email))
        action = cw_actions.SnsAction(self.topic)

        alarms: list[cw.Alarm] = []
        # Each dead-letter queue and what a message in it means.
        dead_letters: dict[str, tuple[sqs.Queue, str]] = {
            "AsyncDLQ": (
                compute.async_dlq,
                "an asynchronous invocation (intake, a schedule) failed after retries",
            ),
            "PhotoCheckDLQ": (pipeline.photo_dlq, "a photo check failed three times"),
            "OcrDLQ": (pipeline.ocr_dlq, "an OCR job failed three times"),
            "GallerySearchDLQ": (pipeline.gallery_dlq, "a batched 1:N search request failed three times"),
            "AuditDLQ": (audit.dlq, "audit records could not be written"),
            "NotifierDLQ": (notifications.dlq, "a resident's notification failed five times"),
            "StatusChangedTargetDLQ": (
                notifications.events_dlq,
                "status events EventBridge could not deliver to the notifier's queue for a day (move them there)",
            ),
        }
        dlqs = {name: queue for name, (queue, _) in dead_letters.items()}
        for name, (queue, meaning) in dead_letters.items():
            alarms.append(
                queue.metric_approximate_number_of_messages_visible(period=Duration.minutes(5)).create_alarm(
                    self,
                    f"{name}Depth",
                    threshold=1,
                    evaluation_periods=1,
                    alarm_description=f"Messages in {name}: {meaning}. Fix the cause, then move them back "
                    "(python -m tools.redrive).",
                    treat_missing_data=cw.TreatMissingData.NOT_BREACHING,
                )
            )
        alarms.append(
            pipeline.state_machine.metric_failed(period=Duration.minutes(5)).create_alarm(
                self,
                "ChainFailed",
                threshold=1,
                evaluation_periods=1,
                alarm_description="A verification chain failed: its application is in PROCESSING_ERROR, which the "
                "maintenance sweep re-drives automatically (see ApplicationsNeedingOperator).",
                treat_missing_data=cw.TreatMissingData.NOT_BREACHING,
            )
        )
        alarms.append(
            pipeline.sweep_state_machine.metric_failed(period=Duration.minutes(5)).create_alarm(
                self,
                "GallerySweepFailed",
                threshold=1,
                evaluation_periods=1,
                alarm_description="A batched 1:N face search failed: its applications retry, then fail.",
                treat_missing_data=cw.TreatMissingData.NOT_BREACHING,
            )
        )
        alarms.append(
            self._maintenance_alarm(
                "StuckApplications",
                f"Applications SUBMITTED or VERIFYING for over {settings.stuck_after_minutes} minutes: check the "
                "chain's executions.",
                evaluation_periods=2,
                missing=cw.TreatMissingData.BREACHING,  # the sweep itself stopped: also worth a look
            )
        )
        alarms.append(
            self._maintenance_alarm(
                "ApplicationsNeedingOperator",
                "Applications still in PROCESSING_ERROR after every automatic re-drive: find the fault, then "
                "re-drive them (docs/runbooks/processing-error.md).",
                evaluation_periods=1,
                missing=cw.TreatMissingData.NOT_BREACHING,  # StuckApplications catches a silent sweep
            )
        )
        alarms.append(
            self._maintenance_alarm(
                "OverdueHelpRequests",
                "Help requests past their response-time target (HELP_RESPONSE_WORKING_DAYS): a district's "
                "helpdesk is behind; its queue lists them oldest first (GET /helpdesk/requests).",
                evaluation_periods=1,
                missing=cw.TreatMissingData.NOT_BREACHING,  # StuckApplications catches a silent sweep
            )
        )
        for function in [api.function, *pipeline.functions, audit.function]:
            alarms.append(
                function.metric_errors(period=Duration.minutes(5)).create_alarm(
                    self,
                    f"{function.node.id}Errors",
                    threshold=5,
                    evaluation_periods=1,
                    treat_missing_data=cw.TreatMissingData.NOT_BREACHING,
                )
            )
        for alarm in alarms:
            alarm.add_alarm_action(action)

        dashboard = cw.Dashboard(self, "Dashboard", dashboard_name=f"ektp-{settings.stage}")
        dashboard.add_widgets(
            cw.GraphWidget(
                title="Verification chain",
                left=[
                    pipeline.state_machine.metric_started(),
                    pipeline.state_machine.metric_succeeded(),
                    pipeline.state_machine.metric_failed(),
                ],
            ),
            cw.GraphWidget(
                title="Dead-letter queues",
                left=[q.metric_approximate_number_of_messages_visible() for q in dlqs.values()],
            ),
            cw.GraphWidget(
                title="Function duration p95",
                left=[f.metric_duration(statistic="p95") for f in [api.function, *pipeline.functions]],
            ),
            cw.GraphWidget(
                title="Applications stopped by a fault",
                left=[
                    cw.Metric(namespace="ektp", metric_name=name, dimensions_map={"service": "maintenance"})
                    for name in ("RedrivenApplications", "ApplicationsNeedingOperator", "StuckApplications")
                ],
            ),
        )

    def _maintenance_alarm(
        self, metric: str, description: str, *, evaluation_periods: int, missing: cw.TreatMissingData
    ) -> cw.Alarm:
        """An alarm on a count the maintenance sweep publishes every 15 minutes (functions/maintenance)."""
        return cw.Metric(
            namespace="ektp",
            metric_name=metric,
            dimensions_map={"service": "maintenance"},
            statistic="Maximum",
            period=Duration.minutes(15),
        ).create_alarm(
            self,
            metric,
            threshold=1,
            evaluation_periods=evaluation_periods,
            alarm_description=description,
            treat_missing_data=missing,
        )

    def _allow_cloudwatch_to_use_the_key(self, storage: Storage) -> None:
        """An SNS topic on a customer-managed key receives an alarm only if CloudWatch may use that key: without
        this statement every alarm's notification is dropped. Only for alarms of this account and region."""
        stack = Stack.of(self)
        storage.key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowCloudWatchAlarmsToPublishToTheEncryptedTopic",
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                actions=["kms:Decrypt", "kms:GenerateDataKey*"],
                resources=["*"],  # in a key policy, "*" means this key
                conditions={
                    "StringEquals": {"aws:SourceAccount": stack.account},
                    "ArnLike": {
                        "aws:SourceArn": stack.format_arn(
                            service="cloudwatch",
                            resource="alarm",
                            resource_name="*",
                            arn_format=ArnFormat.COLON_RESOURCE_NAME,
                        )
                    },
                },
            )
        )
