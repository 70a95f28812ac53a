"""SQS (fed by the EventBridge rules on status changes and on help requests) -> e-mail (SES) and SMS (SNS).

A status change: the resident, in their language; every delivery attempt is recorded on the application's
timeline (channel and outcome, never the address or the text). A help request's change: the resident when the
helpdesk answered, the district's helpdesk when a resident asked (ektp.services.help_notifications). A failed
delivery is retried inside the notifier and then recorded; it never blocks the chain. Composed here, not in
ektp.wiring: the notifier is the only function that sends, and WhatsApp's client has its own region.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.adapters.aws import client
from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.adapters.help_requests_dynamodb import DynamoHelpRequestStore
from ektp.adapters.whatsapp import whatsapp_sender
from ektp.config import NotifierSettings
from ektp.domain.help_requests import HelpNotice
from ektp.domain.status_lookup import status_link
from ektp.issuance.aws import SesSnsSender
from ektp.issuance.notifications import Notifier, parse_any_event
from ektp.services.help_notifications import HelpNoticeService, parse_helpdesk_addresses
from ektp.services.notifications import NotificationService

logger = Logger(service="ektp-notifier")
settings = NotifierSettings.load()
processor = BatchProcessor(event_type=EventType.SQS)


@lru_cache(maxsize=1)
def _notifier() -> Notifier:
    """One sender and one retry policy for both kinds of notice; WhatsApp where a number is configured."""
    whatsapp = None
    if settings.whatsapp_phone_number_id:
        whatsapp = whatsapp_sender(
            settings.whatsapp_phone_number_id, settings.whatsapp_template, settings.whatsapp_region
        )
    return Notifier(
        SesSnsSender(client("ses"), client("sns"), settings.email_from),
        whatsapp=whatsapp,
        status_url=lambda number: status_link(settings.status_page_url, number),
    )


@lru_cache(maxsize=1)
def _status_notices() -> NotificationService:
    return NotificationService(DynamoApplicationRepository(settings.table_name), _notifier())


@lru_cache(maxsize=1)
def _help_notices() -> HelpNoticeService:
    return HelpNoticeService(
        DynamoHelpRequestStore(settings.table_name),
        DynamoApplicationRepository(settings.table_name),
        _notifier(),
        parse_helpdesk_addresses(settings.helpdesk_emails),
        app_url=settings.status_page_url,
    )


def _record(record: SQSRecord) -> None:
    detail = parse_any_event(json.loads(record.body))
    if isinstance(detail, HelpNotice):
        deliveries = _help_notices().deliver(detail)
    else:
        deliveries = _status_notices().deliver(detail)
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
