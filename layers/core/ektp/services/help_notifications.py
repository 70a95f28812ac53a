"""Tell the other side of a help request that it is their turn (ektp.domain.help_requests.HelpNotice).

The resident hears that the helpdesk answered, on the channels of their application's contact preferences,
in its language. The district's helpdesk hears of a new request, or of a resident writing again, at the
e-mail address configured for the district (one address per district, and a fallback for the others):
the simplest design that needs no subscriptions to manage; a helpdesk wanting several readers gives a list
address. Neither notice carries the message: the reader signs in to read it.
"""

from __future__ import annotations

from collections.abc import Mapping

from ektp.domain.help_requests import HelpNotice, HelpRequest
from ektp.domain.records import ApplicationRecord
from ektp.issuance.notifications import DeliveryRecord, Notifier, Recipient
from ektp.ports import ApplicationRepository, HelpRequestStore
from ektp.services.notifications import recipient_of

RESIDENT_CHANGES = frozenset({"HELP_ANSWERED"})
HELPDESK_CHANGES = frozenset({"HELP_OPENED", "HELP_FOLLOWED_UP"})
FALLBACK = "*"


def parse_helpdesk_addresses(text: str) -> dict[str, str]:
    """The configured addresses: "31.71.01=desk-gambir@example.go.id;*=helpdesk@example.go.id"."""
    addresses: dict[str, str] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        district, sep, address = part.partition("=")
        if not sep or "@" not in address:
            raise ValueError("each entry is <district code or *>=<e-mail address>")
        addresses[district.strip()] = address.strip()
    return addresses


class HelpNoticeService:
    def __init__(
        self,
        requests: HelpRequestStore,
        applications: ApplicationRepository,
        notifier: Notifier,
        helpdesk_addresses: Mapping[str, str],
        app_url: str | None = None,
    ) -> None:
        self._requests = requests
        self._applications = applications
        self._notifier = notifier
        self._helpdesks = dict(helpdesk_addresses)
        self._app_url = app_url

    def deliver(self, notice: HelpNotice) -> list[DeliveryRecord]:
        """Every attempt; none for a change that needs no notice (a close) or a request deleted since."""
        if notice.notify == "helpdesk" and notice.change in HELPDESK_CHANGES:
            return self._notifier.notify_help(notice, self._helpdesk(notice.district_code), self._app_url)
        if notice.notify == "resident" and notice.change in RESIDENT_CHANGES:
            request = self._requests.get(notice.request_id)
            if request is None:
                return []
            return self._notifier.notify_help(notice, self._resident(request), self._app_url)
        return []

    def _helpdesk(self, district_code: str) -> Recipient:
        address = self._helpdesks.get(district_code) or self._helpdesks.get(FALLBACK)
        # No SMS to a helpdesk: it works from its queue in the officer client; the e-mail is the nudge.
        return Recipient(email=address, phone=None, language="id", notify_sms=False)

    def _resident(self, request: HelpRequest) -> Recipient:
        application = self._contact_application(request)
        if application is None:  # no application yet: no contact to use; the request list shows the answer
            return Recipient()  # recorded as NO_ADDRESS
        return recipient_of(application)

    def _contact_application(self, request: HelpRequest) -> ApplicationRecord | None:
        """The application the request is about, else the resident's newest: its contact and preferences."""
        if request.application_id:
            application = self._applications.get(request.application_id)
            if application is not None and application.owner == request.owner:
                return application
        mine = self._applications.list_by_owner(request.owner, limit=1)
        return mine[0] if mine else None
