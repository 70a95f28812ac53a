"""Status-change events, message templates and the notifier's retries."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import boto3
import jsonschema
import pytest
from moto import mock_aws
from pydantic import ValidationError

from ektp.domain.reasons import CATALOGUE
from ektp.issuance.aws import SesSnsSender
from ektp.issuance.notifications import (
    CARD_STATUSES,
    DETAIL_TYPE,
    EVENT_SOURCE,
    SMS_MAX_CHARS,
    STATUS_TEXT,
    STATUSES,
    InMemorySender,
    Notifier,
    PermanentDeliveryError,
    Recipient,
    StatusChangedDetail,
    event_schema,
    parse_event,
    put_events_entry,
    render_message,
    to_e164,
)

from .conftest import NOW, REGISTRATION_NUMBER

SCHEMA_FILE = (
    Path(__file__).resolve().parents[3] / "docs" / "events" / "application-status-changed.schema.json"
)
LONG_STATUS_URL = "https://ektp.dukcapil.kemendagri.go.id/status/ABCD-EFGH-JKMN-K"
RECIPIENT = Recipient(email="resident@example.com", phone="0812-3456-7890", language="id")


def detail(status: str = "APPROVED", **kwargs: Any) -> StatusChangedDetail:
    kwargs.setdefault("subject", "card" if status in CARD_STATUSES else "application")
    return StatusChangedDetail(
        registration_number=REGISTRATION_NUMBER, status=status, at=NOW, attempt=1, **kwargs
    )


def delivered_event(d: StatusChangedDetail) -> dict[str, Any]:
    """The event as EventBridge hands it to a target."""
    entry = put_events_entry(d, "ektp-bus")
    return {
        "version": "0",
        "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
        "source": entry["Source"],
        "detail-type": entry["DetailType"],
        "account": "111122223333",
        "time": NOW.isoformat(),
        "region": "ap-southeast-3",
        "resources": [],
        "detail": json.loads(entry["Detail"]),
    }


# --- events -------------------------------------------------------------------------------------------------
def test_the_schema_document_is_current() -> None:
    # Regenerate with: python -c "from ektp.issuance.notifications import event_schema; ..." (see the docs).
    assert json.loads(SCHEMA_FILE.read_text()) == event_schema()


def test_delivered_events_validate_against_the_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text())
    for status in STATUSES:
        jsonschema.validate(delivered_event(detail(status, reason_codes=["NAME_MISMATCH"])), schema)
    bad = delivered_event(detail())
    bad["detail"]["nik"] = "3171015403010023"  # personal data has no place on the bus
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_put_events_entry_and_parse_round_trip() -> None:
    d = detail("REJECTED", previous_status="VERIFYING", reason_codes=["NAME_MISMATCH", "PHOTO_BLURRY"])
    entry = put_events_entry(d, "ektp-bus")
    assert (entry["Source"], entry["DetailType"], entry["EventBusName"]) == (
        EVENT_SOURCE,
        DETAIL_TYPE,
        "ektp-bus",
    )
    assert parse_event(delivered_event(d)) == d
    as_string = {**delivered_event(d), "detail": entry["Detail"]}
    assert parse_event(as_string) == d


def test_detail_carries_no_personal_fields() -> None:
    assert set(StatusChangedDetail.model_fields) == {
        "schema_version",
        "registration_number",
        "subject",
        "status",
        "previous_status",
        "attempt",
        "at",
        "reason_codes",
    }
    with pytest.raises(ValidationError):
        StatusChangedDetail.model_validate({**detail().model_dump(), "email": "a@b.c"})


@pytest.mark.parametrize(
    "change",
    [
        {"status": "PAID"},
        {"previous_status": "LOST"},
        {"reason_codes": ["NOT_A_CODE"]},
        {"registration_number": "abcd"},
        {"attempt": -1},
        {"subject": "card"},  # APPROVED is an application status
        {"previous_status": "CARD_PRINTED"},
    ],
)
def test_bad_details_are_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        StatusChangedDetail.model_validate({**detail().model_dump(), **change})


def test_other_events_are_not_parsed() -> None:
    event = delivered_event(detail())
    with pytest.raises(ValueError, match="not an ApplicationStatusChanged"):
        parse_event({**event, "source": "aws.s3"})


# --- templates ----------------------------------------------------------------------------------------------
def test_every_status_has_a_text_in_both_languages() -> None:
    assert set(STATUS_TEXT) == set(STATUSES)
    for text_id, text_en in STATUS_TEXT.values():
        assert text_id and text_en and text_id != text_en


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("language", ["id", "en"])
def test_sms_fits_one_segment_with_the_link(status: str, language: Any) -> None:
    subject, body = render_message(detail(status), language, "sms", LONG_STATUS_URL)
    assert subject == ""
    assert len(body) <= SMS_MAX_CHARS
    assert body.isascii()  # GSM-7 friendly: a non-ASCII character would make it a 70-character UCS-2 SMS
    assert REGISTRATION_NUMBER in body and LONG_STATUS_URL in body


def test_sms_drops_the_link_rather_than_overflow() -> None:
    url = "https://example.go.id/" + "x" * 150
    _, body = render_message(detail("APPROVED"), "en", "sms", url)
    assert len(body) <= SMS_MAX_CHARS and "example.go.id" not in body
    assert body == f"KTP-el {REGISTRATION_NUMBER}: {STATUS_TEXT['APPROVED'][1]}"


def test_email_in_the_residents_language_with_reasons_and_next_step() -> None:
    d = detail("REJECTED", reason_codes=["PHOTO_BLURRY"])
    subject_id, body_id = render_message(d, "id", "email", LONG_STATUS_URL)
    subject_en, body_en = render_message(d, "en", "email", LONG_STATUS_URL)
    assert REGISTRATION_NUMBER in subject_id and STATUS_TEXT["REJECTED"][0] in subject_id
    assert STATUS_TEXT["REJECTED"][1] in subject_en
    assert (
        CATALOGUE["PHOTO_BLURRY"].message_id in body_id
        and CATALOGUE["PHOTO_BLURRY"].message_en not in body_id
    )
    assert CATALOGUE["PHOTO_BLURRY"].message_en in body_en
    assert "Perbaiki" in body_id  # NEXT_ACTION for REJECTED
    assert LONG_STATUS_URL in body_en


def test_card_status_email_has_no_application_next_step() -> None:
    _, body = render_message(detail("CARD_SHIPPED"), "en", "email")
    assert STATUS_TEXT["CARD_SHIPPED"][1] in body and "Next step" not in body


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("62 812 3456 7890", "+6281234567890"),
        ("+6281234567890", "+6281234567890"),
        ("(0812) 3456.7890", "+6281234567890"),
    ],
)
def test_phone_numbers_become_e164(phone: str, expected: str) -> None:
    assert to_e164(phone) == expected


# --- delivery -----------------------------------------------------------------------------------------------
class FlakySender(InMemorySender):
    """Fails the first `failures` calls of each channel with the given exception."""

    def __init__(self, failures: int, exc: Exception | None = None) -> None:
        super().__init__()
        self.remaining = {"email": failures, "sms": failures}
        self.exc = exc or TimeoutError("endpoint timed out")
        self.calls = {"email": 0, "sms": 0}

    def _maybe_fail(self, channel: str) -> None:
        self.calls[channel] += 1
        if self.remaining[channel] > 0:
            self.remaining[channel] -= 1
            raise self.exc

    def send_email(self, to: str, subject: str, body: str) -> str:
        self._maybe_fail("email")
        return super().send_email(to, subject, body)

    def send_sms(self, to: str, body: str) -> str:
        self._maybe_fail("sms")
        return super().send_sms(to, body)


def notifier(sender: Any, delays: list[float] | None = None, **kwargs: Any) -> Notifier:
    sink = delays if delays is not None else []
    return Notifier(
        sender,
        sleep=sink.append,
        clock=lambda: NOW,
        status_url=lambda n: f"https://ektp.example.go.id/status/{n}",
        **kwargs,
    )


def test_sends_email_and_sms_in_the_residents_language() -> None:
    sender = InMemorySender()
    records = notifier(sender).notify(detail("APPROVED"), RECIPIENT)
    assert [(r.channel, r.outcome, r.attempt) for r in records] == [("email", "sent", 1), ("sms", "sent", 1)]
    [(to, subject, body)] = sender.emails
    assert to == "resident@example.com" and STATUS_TEXT["APPROVED"][0] in subject
    [(phone, sms)] = sender.sms
    assert phone == "+6281234567890" and sms.startswith(f"KTP-el {REGISTRATION_NUMBER}")
    assert "https://ektp.example.go.id/status/" in sms
    assert records[0].message_id == "local-email-1"


def test_failures_are_retried_with_backoff_and_recorded() -> None:
    sender = FlakySender(failures=2)
    delays: list[float] = []
    records = notifier(sender, delays).notify(detail(), RECIPIENT)
    email = [r for r in records if r.channel == "email"]
    assert [(r.attempt, r.outcome) for r in email] == [(1, "failed"), (2, "failed"), (3, "sent")]
    assert email[0].error == "TimeoutError"
    assert delays == [0.5, 1.0, 0.5, 1.0]  # email's two retries, then the SMS's
    assert len(sender.emails) == len(sender.sms) == 1


def test_a_send_that_keeps_failing_never_raises() -> None:
    sender = FlakySender(failures=100)
    records = notifier(sender, max_attempts=4).notify(detail(), RECIPIENT)
    assert [(r.channel, r.attempt, r.outcome) for r in records] == [
        *[("email", i, "failed") for i in range(1, 5)],
        *[("sms", i, "failed") for i in range(1, 5)],
    ]
    assert sender.calls == {"email": 4, "sms": 4}


def test_a_permanent_failure_is_not_retried() -> None:
    sender = FlakySender(failures=100, exc=PermanentDeliveryError("MessageRejected"))
    records = notifier(sender).notify(detail(), RECIPIENT)
    assert [(r.channel, r.attempt, r.outcome) for r in records] == [
        ("email", 1, "failed"),
        ("sms", 1, "failed"),
    ]


def test_provider_error_codes_are_recorded_without_the_message() -> None:
    class ClientError(Exception):
        def __init__(self) -> None:
            super().__init__("Throttling for resident@example.com")
            self.response = {"Error": {"Code": "Throttling"}}

    records = notifier(FlakySender(failures=1, exc=ClientError())).notify(detail(), RECIPIENT)
    assert records[0].error == "ClientError:Throttling"
    assert all("example.com" not in (r.error or "") for r in records)


def test_preferences_and_missing_addresses_are_skipped() -> None:
    sender = InMemorySender()
    n = notifier(sender)
    records = n.notify(detail(), Recipient(email="a@example.com", phone="0812345678", notify_sms=False))
    assert [(r.channel, r.outcome, r.error) for r in records] == [
        ("email", "sent", None),
        ("sms", "skipped", "OPTED_OUT"),
    ]
    records = n.notify(detail(), Recipient(email=None, phone="0812345678", language="en"))
    assert [(r.channel, r.outcome, r.error) for r in records] == [
        ("email", "skipped", "NO_ADDRESS"),
        ("sms", "sent", None),
    ]
    assert STATUS_TEXT["APPROVED"][1] in sender.sms[-1][1]


def test_a_fault_before_sending_is_recorded_not_raised() -> None:
    def broken_url(_: str) -> str:
        raise RuntimeError("config missing")

    records = Notifier(InMemorySender(), status_url=broken_url, sleep=lambda _: None).notify(
        detail(), RECIPIENT
    )
    assert [(r.outcome, r.error) for r in records] == [("failed", "RuntimeError"), ("failed", "RuntimeError")]


def test_max_attempts_must_be_positive() -> None:
    with pytest.raises(ValueError):
        Notifier(InMemorySender(), max_attempts=0)


# --- SES and SNS on moto --------------------------------------------------------------------------------------
@pytest.fixture
def aws() -> Iterator[tuple[Any, Any]]:
    with mock_aws():
        yield (
            boto3.client("ses", region_name="ap-southeast-1"),
            boto3.client("sns", region_name="ap-southeast-1"),
        )


def test_ses_and_sns_sender_on_moto(aws: tuple[Any, Any]) -> None:
    ses, sns = aws
    ses.verify_email_identity(EmailAddress="noreply@dukcapil.example.go.id")
    sender = SesSnsSender(ses, sns, "noreply@dukcapil.example.go.id", sms_sender_id="DUKCAPIL")
    records = notifier(sender).notify(detail("ISSUED"), RECIPIENT)
    assert [(r.channel, r.outcome) for r in records] == [("email", "sent"), ("sms", "sent")]
    assert all(r.message_id for r in records)
    assert ses.get_send_quota()["SentLast24Hours"] == 1


def test_an_unverified_sender_address_is_a_permanent_failure(aws: tuple[Any, Any]) -> None:
    ses, sns = aws
    sender = SesSnsSender(ses, sns, "unverified@example.go.id")
    records = notifier(sender).notify(detail(), Recipient(email="resident@example.com", notify_sms=False))
    assert [(r.channel, r.attempt, r.outcome) for r in records] == [
        ("email", 1, "failed"),
        ("sms", 0, "skipped"),
    ]
    assert records[0].error == "PermanentDeliveryError"


def test_detail_times_serialise_as_iso() -> None:
    entry = put_events_entry(detail(), "b")
    assert entry["Time"] == NOW
    assert datetime.fromisoformat(json.loads(entry["Detail"])["at"]) == NOW
