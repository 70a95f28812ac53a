"""The help-request event's published schema (docs/events/) is current, and a notice carries nothing else.

Apart from the domain tests: it reads the adapter that publishes the event (tests/unit/domain imports only the domain)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from ektp.adapters.help_events import HELP_DETAIL_TYPE, HELP_EVENT_SOURCE, help_event_schema
from ektp.domain.help_requests import notice_of, open_request

FRIDAY_10_WIB = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)  # 10:00 in Jakarta


def test_the_published_event_schema_is_current_and_a_notice_validates_against_it() -> None:
    # Regenerate: python -c "from ektp.adapters.help_events import help_event_schema; ..." (sorted, indent 2).
    path = Path(__file__).resolve().parents[3] / "docs" / "events" / "help-request-changed.schema.json"
    assert json.loads(path.read_text()) == help_event_schema()
    opened = open_request(
        owner="ani",
        district_code="31.71.01",
        application_id=None,
        topic="OTHER",
        body="?",
        now=FRIDAY_10_WIB,
        working_days=2,
    )
    event = {
        "source": HELP_EVENT_SOURCE,
        "detail-type": HELP_DETAIL_TYPE,
        "detail": json.loads(notice_of(opened).model_dump_json()),
    }
    jsonschema.validate(event, help_event_schema())
    with pytest.raises(jsonschema.ValidationError):  # nothing else may ride along (extra="forbid")
        jsonschema.validate({**event, "detail": {**event["detail"], "body": "?"}}, help_event_schema())
