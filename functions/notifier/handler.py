"""SQS (fed by the EventBridge rule on status changes) -> e-mail (SES) and SMS (SNS) in the resident's language.

Every delivery attempt is recorded on the application's timeline (channel and outcome, never the address or
the text). A failed delivery is retried inside the notifier and then recorded; it never blocks the chain.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.config import NotifierSettings
from ektp.issuance.notifications import parse_event
from ektp.wiring import notification_service

logger = Logger(service="ektp-notifier")
settings = NotifierSettings.load()
processor = BatchProcessor(event_type=EventType.SQS)


def _record(record: SQSRecord) -> None:
    detail = parse_event(json.loads(record.body))
    for delivery in notification_service(settings).deliver(detail):
        logger.info("notification", extra={"channel": delivery.channel, "outcome": delivery.outcome})


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(
        process_partial_response(event=event, record_handler=_record, processor=processor, context=context)
    )
