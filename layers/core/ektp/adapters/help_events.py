"""Help request changes on EventBridge: `source: ektp.help`, `detail-type: HelpRequestChanged`, a detail of ids
and codes only (ektp.domain.help_requests.HelpNotice: never a message body or a name). A consumer (the
notifier) looks the request up by id and tells the resident, or the district's helpdesk, that it is their
turn. Publishing never fails the request: it is already stored, and both sides see it in their lists."""

from __future__ import annotations

import logging

from ektp.adapters.aws import client
from ektp.domain.help_requests import HelpNotice

log = logging.getLogger(__name__)
HELP_EVENT_SOURCE = "ektp.help"
HELP_DETAIL_TYPE = "HelpRequestChanged"


class EventBridgeHelpNotices:
    def __init__(self, event_bus_name: str) -> None:
        self._bus = event_bus_name
        self._events = client("events")

    def __call__(self, notice: HelpNotice) -> None:
        entry = {
            "Source": HELP_EVENT_SOURCE,
            "DetailType": HELP_DETAIL_TYPE,
            "Detail": notice.model_dump_json(),
            "EventBusName": self._bus,
            "Time": notice.at,
        }
        try:
            if self._events.put_events(Entries=[entry]).get("FailedEntryCount"):
                log.error("help event not accepted", extra={"change": notice.change})
        except Exception as exc:  # a notification problem never undoes the stored change
            log.error("help event not published: %s", type(exc).__name__)


class NoHelpNotices:
    """Where no bus is configured (a deployment without notifications): the lists are the notice."""

    def __call__(self, notice: HelpNotice) -> None:
        return None
