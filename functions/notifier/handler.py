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

from ektp.adapters.aws import client
from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.config import NotifierSettings
from ektp.domain.records import TimelineEvent
from ektp.domain.status_lookup import status_link
from ektp.issuance.aws import SesSnsSender
from ektp.issuance.notifications import Notifier, Recipient, parse_event

logger = Logger(service="ektp-notifier")
settings = NotifierSettings.load()
repository = DynamoApplicationRepository(settings.table_name)
notifier = Notifier(
    SesSnsSender(client("ses"), client("sns"), settings.email_from),
    status_url=lambda number: status_link(settings.status_page_url, number),
)
processor = BatchProcessor(event_type=EventType.SQS)


def _record(record: SQSRecord) -> None:
    detail = parse_event(json.loads(record.body))
    application = repository.get(detail.registration_number)
    if application is None:
        return  # purged since: nobody to tell
    recipient = Recipient(
        email=application.applicant.email,
        phone=application.applicant.phone,
        language=application.contact.language,
        notify_email=application.contact.notify_email,
        notify_sms=application.contact.notify_sms,
    )
    for delivery in notifier.notify(detail, recipient):
        repository.add_event(
            application.application_id,
            TimelineEvent(
                at=delivery.at,
                kind=f"NOTIFICATION_{delivery.outcome.upper()}",
                actor="system",
                detail=f"{delivery.channel}:{detail.status}"
                + (f":{delivery.error}" if delivery.error else ""),
            ),
        )
        logger.info("notification", extra={"channel": delivery.channel, "outcome": delivery.outcome})


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(
        process_partial_response(event=event, record_handler=_record, processor=processor, context=context)
    )
