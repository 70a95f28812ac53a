"""Help request changes on EventBridge: `source: ektp.help`, `detail-type: HelpRequestChanged`, a detail of ids
and codes only (ektp.domain.help_requests.HelpNotice: never a message body or a name). A consumer (the
notifier) looks the request up by id and tells the resident, or the district's helpdesk, that it is their
turn. Publishing never fails the request: it is already stored, and both sides see it in their lists.
The schema: docs/events/help-request-changed.schema.json (from `help_event_schema`; a test keeps it current)."""

from __future__ import annotations

import logging
from typing import Any

from ektp.adapters.aws import client
from ektp.domain.help_requests import HelpNotice

log = logging.getLogger(__name__)
HELP_EVENT_SOURCE = "ektp.help"
HELP_DETAIL_TYPE = "HelpRequestChanged"
HELP_SCHEMA_ID = "https://ektp.dukcapil.go.id/schemas/events/help-request-changed.schema.json"


def help_event_schema() -> dict[str, Any]:
    """JSON Schema of the event as delivered to targets (the envelope fields this project relies on)."""
    detail = HelpNotice.model_json_schema()
    definitions = detail.pop("$defs", {})  # its references are to the document's root: hoisted there
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": HELP_SCHEMA_ID,
        "title": HELP_DETAIL_TYPE,
        "description": (
            "Published on every change of a help request: `notify` says whose turn it is (the resident, or the "
            "helpdesk of `district_code`). Carries no message and no personal data: consumers look the request "
            "up by id."
        ),
        "type": "object",
        "required": ["source", "detail-type", "detail"],
        "properties": {
            "source": {"const": HELP_EVENT_SOURCE},
            "detail-type": {"const": HELP_DETAIL_TYPE},
            "time": {"type": "string", "format": "date-time"},
            "detail": detail,
        },
        "$defs": definitions,
    }


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
