"""SQS (fed by the EventBridge rules on status changes and on help requests) -> e-mail (SES), SMS (SNS) and
WhatsApp (End User Messaging Social, where configured).

A status change: the resident, in their language, only on the channels they chose (SMS only when chosen;
ektp.services.notifications.recipient_of); every delivery attempt is recorded on the application's
timeline (channel and outcome, never the address or the text). A help request's change: the resident when the
helpdesk answered, the district's helpdesk when a resident asked (ektp.services.help_notifications). A failed
delivery is retried inside the notifier and then recorded; it never blocks the chain. Composed in ektp.wiring.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.batch import PartialBatchResponse, process_batch
from ektp.config import NotifierSettings
from ektp.domain.help_requests import HelpNotice
from ektp.issuance.notifications import StatusChangedDetail, parse_any_event
from ektp.wiring import help_notice_service, notification_service

logger = Logger(service="ektp-notifier")
settings = NotifierSettings.load()


def _parse(body: str) -> StatusChangedDetail | HelpNotice:
    return parse_any_event(json.loads(body))


def _deliver(detail: StatusChangedDetail | HelpNotice) -> None:
    if isinstance(detail, HelpNotice):
        deliveries = help_notice_service(settings).deliver(detail)
    else:
        deliveries = notification_service(settings).deliver(detail)
    for delivery in deliveries:
        logger.info(
            "notification",
            extra={"channel": delivery.channel, "outcome": delivery.outcome, "kind": delivery.status},
        )


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> PartialBatchResponse:
    return process_batch(event, _parse, _deliver)
