"""WhatsApp beside e-mail and SMS (issue 20 item 9): a utility template through End User Messaging Social
whose one parameter is the status sentence; sent only when the resident chose it; what leaves the country is
the phone number and that sentence, never a name, a NIK or the registration number."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from ektp.adapters.whatsapp import META_API_VERSION, SocialMessagingWhatsAppSender, template_message
from ektp.issuance.notifications import (
    InMemorySender,
    Notifier,
    PermanentDeliveryError,
    Recipient,
    StatusChangedDetail,
)

from .conftest import NOW, REGISTRATION_NUMBER, approved_record

PHONE_ID = "phone-number-id-0123456789abcdef0123456789abcdef"


def _detail(status: str = "APPROVED") -> StatusChangedDetail:
    return StatusChangedDetail(registration_number=REGISTRATION_NUMBER, status=status, at=NOW, attempt=1)


def _notifier(sender: InMemorySender) -> Notifier:
    return Notifier(
        sender, whatsapp=sender, sleep=lambda _: None, status_url=lambda n: f"https://x.test/?n={n}"
    )


def _client() -> Any:
    return boto3.client(
        "socialmessaging", region_name="ap-southeast-1", aws_access_key_id="x", aws_secret_access_key="x"
    )


def test_whatsapp_only_when_chosen_and_sms_only_when_chosen() -> None:
    sender = InMemorySender()
    chose_whatsapp = Recipient(
        email="r@example.com", phone="0812-3456-7890", notify_sms=False, notify_whatsapp=True, language="en"
    )
    records = _notifier(sender).notify(_detail(), chose_whatsapp)
    assert [(r.channel, r.outcome) for r in records] == [
        ("email", "sent"),
        ("sms", "skipped"),
        ("whatsapp", "sent"),
    ]
    assert sender.sms == []
    assert sender.whatsapp == [("+6281234567890", "en", "Approved. Your KTP-el is being issued.")]
    records = _notifier(sender).notify(_detail(), Recipient(phone="0812345678", notify_email=False))
    assert ("whatsapp", "skipped", "OPTED_OUT") in [(r.channel, r.outcome, r.error) for r in records]


def test_without_a_configured_number_there_is_no_whatsapp_channel() -> None:
    records = Notifier(InMemorySender()).notify(
        _detail(), Recipient(phone="0812345678", notify_whatsapp=True)
    )
    assert {r.channel for r in records} == {"email", "sms"}


def test_only_the_number_and_the_status_leave_the_country() -> None:
    sender = InMemorySender()
    applicant = approved_record().applicant
    _notifier(sender).notify(_detail("ISSUED"), Recipient(phone=applicant.phone, notify_whatsapp=True))
    ((to, _, text),) = sender.whatsapp
    message = json.dumps(template_message(to, "ektp_status_update", "id", text))
    for personal in (applicant.full_name, applicant.nik, REGISTRATION_NUMBER, "x.test"):
        assert personal not in message
    assert text == "KTP-el diterbitkan. IKD dapat diunduh."


def test_the_adapter_sends_a_template_from_the_configured_number() -> None:
    client = _client()
    sent = template_message("+6281234567890", "ektp_status_update", "id", "Permohonan disetujui.")
    with Stubber(client) as stub:
        stub.add_response(
            "send_whatsapp_message",
            {"messageId": "wamid.1"},
            {
                "originationPhoneNumberId": PHONE_ID,
                "message": json.dumps(sent).encode(),
                "metaApiVersion": META_API_VERSION,
            },
        )
        sender = SocialMessagingWhatsAppSender(client, PHONE_ID, "ektp_status_update")
        assert sender.send_whatsapp("+6281234567890", "id", "Permohonan disetujui.") == "wamid.1"
    assert sent["type"] == "template" and sent["template"]["language"] == {"code": "id"}
    assert sent["template"]["components"][0]["parameters"] == [
        {"type": "text", "text": "Permohonan disetujui."}
    ]


@pytest.mark.parametrize(
    ("code", "permanent"), [("ValidationException", True), ("ThrottledRequestException", False)]
)
def test_errors_retrying_cannot_fix_are_permanent(code: str, permanent: bool) -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_client_error("send_whatsapp_message", service_error_code=code)
        sender = SocialMessagingWhatsAppSender(client, PHONE_ID, "t")
        with pytest.raises(PermanentDeliveryError if permanent else Exception) as raised:
            sender.send_whatsapp("+6281234567890", "id", "x")
    assert isinstance(raised.value, PermanentDeliveryError) == permanent


def test_the_residents_channel_choice_is_on_the_application_and_validated() -> None:
    from pydantic import ValidationError

    from ektp.domain.application import Contact
    from ektp.services.notifications import recipient_of

    assert Contact().notify_whatsapp is False  # WhatsApp only when chosen
    chosen = Contact.model_validate({"notify_whatsapp": True, "notify_sms": False})
    recipient = recipient_of(approved_record().model_copy(update={"contact": chosen}))
    assert (recipient.notify_whatsapp, recipient.notify_sms) == (True, False)
    for bad in ({"notify_whatsapp": "maybe"}, {"notify_telegram": True}):
        with pytest.raises(ValidationError):
            Contact.model_validate(bad)
