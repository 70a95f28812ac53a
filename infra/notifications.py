"""Status-change events and resident notifications: EventBridge bus -> rule -> SQS (DLQ) -> notifier Lambda."""

from __future__ import annotations

from aws_cdk import Acknowledgment, Duration, Stack, Validations
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda_event_sources as sources
from constructs import Construct

from infra.compute import Compute, consumer_visibility, encrypted_queue, queue_with_dlq
from infra.pipeline import Pipeline
from infra.settings import DeploymentSettings
from infra.storage import Storage

EVENT_SOURCE = "ektp.applications"  # ektp.issuance.notifications.EVENT_SOURCE
HELP_EVENT_SOURCE = "ektp.help"  # ektp.adapters.help_events.HELP_EVENT_SOURCE


class Notifications(Construct):
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
        self.bus = events.EventBus(self, "Bus", event_bus_name=f"ektp-{settings.stage}")
        # EventBridge must be able to write to the CMK-encrypted queue.
        storage.key.grant(iam.ServicePrincipal("events.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey")

        notifier_timeout = Duration.seconds(60)
        self.queue, self.dlq = queue_with_dlq(
            self, "Notifier", storage, visibility=consumer_visibility(notifier_timeout), max_receives=5
        )
        # An event EventBridge could not deliver to the notifier's queue (after its own retries for a day)
        # waits here, alarmed (infra/monitoring.py), instead of being dropped: a resident would never be told.
        self.events_dlq = encrypted_queue(self, "StatusChangedTargetDLQ", storage)
        Validations.of(self.events_dlq).acknowledge(
            Acknowledgment(
                id="AwsSolutions-SQS3",
                reason="It is a dead-letter queue: the rule target's (cdk-nag only recognises queues named in "
                "another queue's redrive policy).",
            )
        )
        # Status changes, and help requests' changes (issue 20 item 7), go to the same notifier queue.
        for rule_id, source, detail_type in (
            ("StatusChanged", EVENT_SOURCE, "ApplicationStatusChanged"),
            ("HelpRequestChanged", HELP_EVENT_SOURCE, "HelpRequestChanged"),
        ):
            events.Rule(
                self,
                rule_id,
                event_bus=self.bus,
                event_pattern=events.EventPattern(source=[source], detail_type=[detail_type]),
            ).add_target(
                targets.SqsQueue(
                    self.queue,
                    dead_letter_queue=self.events_dlq,
                    retry_attempts=185,  # EventBridge's maximum: keep trying through an outage of the queue
                    max_event_age=Duration.hours(24),
                )
            )

        self.function = compute.function(
            "Notifier",
            "notifier",
            environment={
                "TABLE_NAME": storage.table.table_name,
                "EMAIL_FROM": settings.notification_email_from,
                "STATUS_PAGE_URL": settings.status_page_url,
            },
            timeout=notifier_timeout,
        )
        if settings.helpdesk_emails:  # unset: the helpdesks see new requests in their queue only
            self.function.add_environment("HELPDESK_EMAILS", settings.helpdesk_emails)
        storage.table.grant_read_write_data(self.function)
        self.function.add_event_source(
            sources.SqsEventSource(self.queue, batch_size=10, report_batch_item_failures=True)
        )
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                actions=["ses:SendEmail"],
                resources=[
                    Stack.of(self).format_arn(
                        service="ses",
                        resource="identity",
                        resource_name=settings.notification_email_from.split("@")[-1],
                    )
                ],
            )
        )
        if settings.whatsapp_phone_number_id:
            self._whatsapp(settings)
        # SMS to a phone number has no resource ARN: sns:Publish on "*" is the only form (acknowledged in nag).
        self.function.add_to_role_policy(iam.PolicyStatement(actions=["sns:Publish"], resources=["*"]))

        pipeline.chain.add_environment("EVENT_BUS_NAME", self.bus.event_bus_name)
        self.bus.grant_put_events_to(pipeline.chain)

    def _whatsapp(self, settings: DeploymentSettings) -> None:
        """WhatsApp through End User Messaging Social: send from the one registered number, nothing else. Its
        region is a setting: Jakarta availability is unconfirmed (a phone number and a status leave it)."""
        region = settings.whatsapp_region or Stack.of(self).region
        self.function.add_environment("WHATSAPP_PHONE_NUMBER_ID", str(settings.whatsapp_phone_number_id))
        self.function.add_environment("WHATSAPP_REGION", region)
        self.function.add_environment("WHATSAPP_TEMPLATE", settings.whatsapp_template)
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                actions=["social-messaging:SendWhatsAppMessage"],
                resources=[
                    Stack.of(self).format_arn(
                        service="social-messaging",
                        region=region,
                        resource="phone-number-id",
                        resource_name=str(settings.whatsapp_phone_number_id).removeprefix("phone-number-id-"),
                    )
                ],
            )
        )
