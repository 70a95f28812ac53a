"""Tell the resident that a status changed, in their language, on the channels they chose; record each
delivery attempt on the application's timeline (channel and outcome, never the address or the text)."""

from __future__ import annotations

from ektp.domain.records import ApplicationRecord, TimelineEvent
from ektp.issuance.notifications import DeliveryRecord, Notifier, Recipient, StatusChangedDetail
from ektp.ports import ApplicationRepository


class NotificationService:
    def __init__(self, repository: ApplicationRepository, notifier: Notifier) -> None:
        self._repo = repository
        self.notifier = notifier  # shared with the help notices (ektp.wiring.help_notice_service)

    def deliver(self, detail: StatusChangedDetail) -> list[DeliveryRecord]:
        """Every attempt, each already on the timeline; none when the application was purged since."""
        application = self._repo.get(detail.registration_number)
        if application is None:
            return []  # purged since: nobody to tell
        deliveries = self.notifier.notify(detail, recipient_of(application))
        for delivery in deliveries:
            self._repo.add_event(application.application_id, _timeline_event(detail, delivery))
        return deliveries


def recipient_of(application: ApplicationRecord) -> Recipient:
    """The resident's addresses and the channels they chose: a channel not chosen is not sent (no SMS unless
    chosen). A record stored before the choice existed keeps its old flags (Contact.wants)."""
    contact = application.contact
    return Recipient(
        email=application.applicant.email,
        phone=application.applicant.phone,
        language=contact.language,
        notify_email=contact.wants("email"),
        notify_sms=contact.wants("sms"),
        notify_whatsapp=contact.wants("whatsapp"),
    )


def _timeline_event(detail: StatusChangedDetail, delivery: DeliveryRecord) -> TimelineEvent:
    error = f":{delivery.error}" if delivery.error else ""
    return TimelineEvent(
        at=delivery.at,
        kind=f"NOTIFICATION_{delivery.outcome.upper()}",
        actor="system",
        detail=f"{delivery.channel}:{detail.status}{error}",
    )
