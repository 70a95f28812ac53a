"""SQS (fed by the EventBridge rules on status changes and on help requests) -> e-mail (SES) and SMS (SNS).

A status change: the resident, in their language; every delivery attempt is recorded on the application's
timeline (channel and outcome, never the address or the text). A help request's change: the resident when the
helpdesk answered, the district's helpdesk when a resident asked (ektp.services.help_notifications). A failed
delivery is retried inside the notifier and then recorded; it never blocks the chain. Composed in ektp.wiring.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.config import NotifierSettings
from ektp.domain.help_requests import HelpNotice
from ektp.issuance.notifications import parse_any_event
from ektp.wiring import help_notice_service, notification_service

logger = Logger(service="ektp-notifier")
settings = NotifierSettings.load()
processor = BatchProcessor(event_type=EventType.SQS)


def _record(record: SQSRecord) -> None:
    detail = parse_any_event(json.loads(record.body))
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
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(
        process_partial_response(event=event, record_handler=_record, processor=processor, context=context)
    )
