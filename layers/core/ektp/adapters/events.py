"""Status-change events on EventBridge (schema: docs/events/application-status-changed.schema.json).

Publishing never blocks the chain: a failed put is logged (ids and codes only) and counted; the status
itself is already stored, and the status page stays the source of truth."""

from __future__ import annotations

import logging

from ektp.adapters.aws import client
from ektp.issuance.notifications import StatusChangedDetail, put_events_entry

log = logging.getLogger(__name__)


class EventBridgePublisher:
    def __init__(self, event_bus_name: str) -> None:
        self._bus = event_bus_name
        self._events = client("events")

    def __call__(self, detail: StatusChangedDetail) -> None:
        try:
            response = self._events.put_events(Entries=[put_events_entry(detail, self._bus)])
            if response.get("FailedEntryCount"):
                log.error("status event not accepted", extra={"status": detail.status})
        except Exception as exc:  # never let a notification problem stop the application
            log.error("status event not published: %s", type(exc).__name__)
