"""Help request notices (issue 20 item 7): the resident hears that the helpdesk answered, the district's
helpdesk hears of a new request; neither notice carries the message, a name or the NIK, and the resident's
channel choices hold. Driven through the help request service, so the notices are the ones it publishes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from ektp.domain.access import Principal
from ektp.domain.application import Contact
from ektp.issuance.notifications import (
    HELP_DETAIL_TYPE,
    HELP_EVENT_SOURCE,
    SMS_MAX_CHARS,
    InMemorySender,
    Notifier,
    parse_any_event,
    render_help_message,
)
from ektp.services.help_notifications import HelpNoticeService, parse_helpdesk_addresses
from ektp.services.help_requests import HelpRequestService
from tests.support.fakes import InMemoryHelpRequestStore, InMemoryRepository, RecordingHelpNotices
from tests.unit.issuance.conftest import approved_record

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
ANI = Principal("ani", frozenset({"resident"}))
DESK = Principal("desk-1", frozenset({"helpdesk"}), district="31.71.01")
QUESTION = "Foto KK saya ditolak, NIK ibu saya 3171014101700002"
ANSWER = "Unggah ulang KK Ibu Sulastri dengan cahaya merata"
APP_URL = "https://ektp.example.go.id/"
ADDRESSES = "31.71.01=desk-gambir@example.go.id;*=helpdesk@example.go.id"


class World:
    def __init__(self, contact: Contact | None = None, with_application: bool = True) -> None:
        self.store = InMemoryHelpRequestStore()
        self.applications = InMemoryRepository()
        self.published = RecordingHelpNotices()
        self.requests = HelpRequestService(self.store, self.applications, self.published, clock=lambda: NOW)
        self.sender = InMemorySender()
        self.notices = HelpNoticeService(
            self.store,
            self.applications,
            Notifier(self.sender, sleep=lambda _: None, clock=lambda: NOW),
            parse_helpdesk_addresses(ADDRESSES),
            app_url=APP_URL,
        )
        self.record = approved_record().model_copy(update={"owner": "ani", "contact": contact or Contact()})
        if with_application:
            self.applications.applications[self.record.application_id] = self.record

    def deliver_all(self) -> list[Any]:
        """Every published notice through the bus's JSON, as the notifier's queue hands it over."""
        out = []
        for notice in self.published.sent:
            event = {
                "source": HELP_EVENT_SOURCE,
                "detail-type": HELP_DETAIL_TYPE,
                "detail": notice.model_dump_json(),
            }
            out += self.notices.deliver(parse_any_event(json.loads(json.dumps(event))))  # type: ignore[arg-type]
        self.published.sent.clear()
        return out


def _leaks(text: str, world: World) -> list[str]:
    applicant = world.record.applicant
    secrets = [QUESTION, ANSWER, "Sulastri", applicant.nik, applicant.full_name]
    return [s for s in secrets if s and s.lower() in text.lower()]


def test_a_new_request_reaches_its_districts_helpdesk_without_the_question() -> None:
    world = World()
    request_id = world.requests.open(ANI, "OTHER", QUESTION, district_code="31.71.01").request.request_id
    records = world.deliver_all()
    assert [(r.channel, r.outcome) for r in records] == [("email", "sent"), ("sms", "skipped")]
    ((to, subject, body),) = world.sender.emails
    assert to == "desk-gambir@example.go.id"
    assert request_id in subject and "31.71.01" in body and APP_URL in body
    assert "Permintaan bantuan baru" in body and "New help request" in body  # Indonesian and English
    assert _leaks(subject + body, world) == []
    assert world.sender.sms == []  # a helpdesk is never texted


def test_a_district_without_its_own_address_uses_the_fallback_and_none_configured_sends_nothing() -> None:
    world = World()
    world.requests.open(ANI, "OTHER", QUESTION, district_code="32.04.05")
    world.deliver_all()
    assert [to for to, _, _ in world.sender.emails] == ["helpdesk@example.go.id"]
    bare = HelpNoticeService(world.store, world.applications, Notifier(InMemorySender()), {}, APP_URL)
    world.requests.open(ANI, "OTHER", QUESTION, district_code="32.04.05")
    (notice,) = world.published.sent
    assert [(r.outcome, r.error) for r in bare.deliver(notice)] == [
        ("skipped", "NO_ADDRESS"),
        ("skipped", "OPTED_OUT"),
    ]


def test_the_resident_hears_the_answer_on_their_channels_in_their_language_without_its_text() -> None:
    world = World(Contact(language="en", notify_email=True, notify_sms=True))
    request_id = world.requests.open(
        ANI, "APPLICATION", QUESTION, application_id=world.record.application_id
    ).request.request_id
    world.deliver_all()
    world.sender.emails.clear()
    world.requests.answer(DESK, request_id, ANSWER)
    records = world.deliver_all()
    assert [(r.channel, r.outcome, r.status) for r in records] == [
        ("email", "sent", "HELP_ANSWERED"),
        ("sms", "sent", "HELP_ANSWERED"),
    ]
    ((to, subject, body),) = world.sender.emails
    assert to == world.record.applicant.email
    assert body.index("was answered") < body.index("telah dijawab")  # their language first, then Indonesian
    ((phone, sms),) = world.sender.sms
    assert phone.startswith("+62") and "was answered" in sms and len(sms) <= SMS_MAX_CHARS
    assert _leaks(subject + body + sms, world) == []


def test_sms_only_when_the_resident_chose_it() -> None:
    world = World(Contact(notify_email=True, notify_sms=False))
    request_id = world.requests.open(ANI, "OTHER", QUESTION, district_code="31.71.01").request.request_id
    world.deliver_all()
    world.requests.answer(DESK, request_id, ANSWER)
    records = world.deliver_all()
    assert [(r.channel, r.outcome, r.error) for r in records] == [
        ("email", "sent", None),
        ("sms", "skipped", "OPTED_OUT"),
    ]
    assert world.sender.sms == []


def test_a_resident_without_an_application_has_no_contact_and_nothing_is_sent() -> None:
    world = World(with_application=False)
    request_id = world.requests.open(ANI, "OTHER", QUESTION, district_code="31.71.01").request.request_id
    world.deliver_all()
    world.sender.emails.clear()
    world.requests.answer(DESK, request_id, ANSWER)
    assert {r.error for r in world.deliver_all()} == {"NO_ADDRESS"}
    assert world.sender.emails == [] and world.sender.sms == []


def test_another_residents_application_named_on_the_request_is_not_used_for_contact() -> None:
    world = World()
    request_id = world.requests.open(ANI, "OTHER", QUESTION, district_code="31.71.01").request.request_id
    world.deliver_all()
    world.sender.emails.clear()
    # A stored request naming an application of someone else (it cannot happen through the service: defence).
    stored = world.store.requests[request_id]
    world.store.requests[request_id] = stored.model_copy(update={"application_id": "OTHR-APPL-ICAT-N"})
    world.applications.applications["OTHR-APPL-ICAT-N"] = world.record.model_copy(
        update={"owner": "budi", "application_id": "OTHR-APPL-ICAT-N"}
    )
    world.requests.answer(DESK, request_id, ANSWER)
    world.deliver_all()
    assert [to for to, _, _ in world.sender.emails] == [world.record.applicant.email]  # ani's own, not budi's


def test_closing_and_an_unknown_request_notify_nobody() -> None:
    world = World()
    request_id = world.requests.open(ANI, "OTHER", QUESTION, district_code="31.71.01").request.request_id
    world.deliver_all()
    world.sender.emails.clear()
    world.requests.close_as_helpdesk(DESK, request_id)
    assert world.deliver_all() == []
    world.requests.open(ANI, "OTHER", QUESTION, district_code="31.71.01")
    (notice,) = world.published.sent
    world.store.requests.pop(notice.request_id)
    answered = notice.model_copy(update={"change": "HELP_ANSWERED", "notify": "resident"})
    assert world.notices.deliver(answered) == []


@pytest.mark.parametrize("text", ["31.71.01", "31.71.01=not-an-address", "desk@example.go.id"])
def test_bad_helpdesk_configuration_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_helpdesk_addresses(text)


def test_help_sms_drops_the_link_rather_than_overflow() -> None:
    world = World()
    world.requests.open(ANI, "OTHER", QUESTION, district_code="31.71.01")
    (notice,) = world.published.sent
    _, short = render_help_message(notice, "id", "sms", APP_URL)
    _, long = render_help_message(notice, "id", "sms", APP_URL + "x" * 200)
    assert APP_URL in short and len(long) <= SMS_MAX_CHARS and "xxx" not in long
