"""Status-change events and the resident notifications sent from them.

Every status change (of an application, or of its card) is published to EventBridge as
`source: ektp.applications`, `detail-type: ApplicationStatusChanged`, with a detail holding codes and ids
only: no personal data ever goes on the bus (UU PDP). The schema is docs/events/application-status-changed
.schema.json (generated from the models here; a test keeps it current). The notifier looks up the resident's
contact itself, renders a template in the resident's language and sends email and/or SMS; a failing send is
retried a few times, every attempt is recorded, and nothing is raised to the caller: a notification never
blocks the chain.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ektp.domain.help_requests import HelpNotice
from ektp.domain.reasons import CATALOGUE
from ektp.domain.status import NEXT_ACTION, ApplicationStatus
from ektp.issuance.card import CardStatus
from ektp.ports import Sender

EVENT_SOURCE = "ektp.applications"
DETAIL_TYPE = "ApplicationStatusChanged"
SCHEMA_ID = "https://ektp.dukcapil.go.id/schemas/events/application-status-changed.schema.json"
SMS_MAX_CHARS = 160  # one GSM-7 SMS segment; templates are ASCII so none is billed as UCS-2
RETRY_ATTEMPTS = 3
RETRY_BASE_DELAY_SECONDS = 0.5

Language = Literal["id", "en"]
Channel = Literal["email", "sms", "whatsapp"]
CHANNELS: tuple[Channel, ...] = ("email", "sms")  # and "whatsapp" where the deployment configures it
Renderer = Callable[[Channel], tuple[str, str]]
APPLICATION_STATUSES = tuple(s.value for s in ApplicationStatus)
CARD_STATUSES = tuple(s.value for s in CardStatus)
STATUSES = APPLICATION_STATUSES + CARD_STATUSES


class StatusChangedDetail(BaseModel):
    """The event's `detail`: ids and codes only."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal["1"] = "1"
    registration_number: str = Field(pattern=r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$")
    subject: Literal["application", "card"] = Field(
        default="application", description="whose status changed: the application's or its card's"
    )
    status: str = Field(description="an ApplicationStatus, or a CardStatus when subject is card")
    previous_status: str | None = None
    attempt: int = Field(default=0, ge=0, description="the submission attempt the change belongs to")
    at: datetime
    reason_codes: list[str] = Field(default_factory=list, description="codes from the reason catalogue")

    @field_validator("status", "previous_status")
    @classmethod
    def _known_status(cls, value: str | None) -> str | None:
        if value is not None and value not in STATUSES:
            raise ValueError(f"unknown status {value!r}")
        return value

    @model_validator(mode="after")
    def _status_of_its_subject(self) -> StatusChangedDetail:
        allowed = APPLICATION_STATUSES if self.subject == "application" else CARD_STATUSES
        for value in (self.status, self.previous_status):
            if value is not None and value not in allowed:
                raise ValueError(f"{value} is not a status of the {self.subject}")
        return self

    @field_validator("reason_codes")
    @classmethod
    def _known_codes(cls, value: list[str]) -> list[str]:
        unknown = [c for c in value if c not in CATALOGUE]
        if unknown:
            raise ValueError(f"unknown reason codes {unknown}")
        return value


def put_events_entry(detail: StatusChangedDetail, event_bus_name: str) -> dict[str, Any]:
    """One entry for EventBridge PutEvents."""
    return {
        "Source": EVENT_SOURCE,
        "DetailType": DETAIL_TYPE,
        "Detail": detail.model_dump_json(),
        "EventBusName": event_bus_name,
        "Time": detail.at,
    }


def parse_event(event: Mapping[str, Any]) -> StatusChangedDetail:
    """The detail of an event as EventBridge delivers it to a target (the notifier Lambda)."""
    if event.get("source") != EVENT_SOURCE or event.get("detail-type") != DETAIL_TYPE:
        raise ValueError("not an ApplicationStatusChanged event")
    detail = event.get("detail")
    if isinstance(detail, str):
        detail = json.loads(detail)
    return StatusChangedDetail.model_validate(detail)


HELP_EVENT_SOURCE = "ektp.help"  # ektp.adapters.help_events publishes it (no boto3 import here)
HELP_DETAIL_TYPE = "HelpRequestChanged"


def parse_any_event(event: Mapping[str, Any]) -> StatusChangedDetail | HelpNotice:
    """The notifier's queue carries both kinds of event: a status change, or a help request's change."""
    if event.get("source") == HELP_EVENT_SOURCE and event.get("detail-type") == HELP_DETAIL_TYPE:
        detail = event.get("detail")
        if isinstance(detail, str):
            detail = json.loads(detail)
        return HelpNotice.model_validate(detail)
    return parse_event(event)


def event_schema() -> dict[str, Any]:
    """JSON Schema of the event as delivered to targets (the envelope fields this project relies on)."""
    detail = StatusChangedDetail.model_json_schema()
    detail["properties"]["status"]["enum"] = list(STATUSES)
    detail["properties"]["previous_status"]["anyOf"][0]["enum"] = list(STATUSES)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": DETAIL_TYPE,
        "description": (
            "Published on every status change of an application or its card. Carries no personal data: "
            "consumers look the application up by registration number."
        ),
        "type": "object",
        "required": ["source", "detail-type", "detail"],
        "properties": {
            "version": {"type": "string"},
            "id": {"type": "string"},
            "source": {"const": EVENT_SOURCE},
            "detail-type": {"const": DETAIL_TYPE},
            "account": {"type": "string"},
            "time": {"type": "string", "format": "date-time"},
            "region": {"type": "string"},
            "resources": {"type": "array", "items": {"type": "string"}},
            "detail": detail,
        },
    }


# --- Templates --------------------------------------------------------------------------------------------
# One short sentence per status and language: it goes into the SMS as is, and heads the email.
STATUS_TEXT: dict[str, tuple[str, str]] = {
    "DRAFT": (
        "Pendaftaran diterima. Lengkapi data dan dokumen.",
        "Registered. Complete your data and documents.",
    ),
    "SUBMITTED": ("Permohonan diajukan dan akan diproses.", "Submitted; it will be processed."),
    "VERIFYING": ("Data Anda sedang diverifikasi.", "Your data is being verified."),
    "IN_REVIEW": ("Sedang diperiksa petugas Dukcapil.", "A Dukcapil officer is reviewing it."),
    "AWAITING_BIOMETRIC_RECORDING": (
        "Terverifikasi. Pilih jadwal perekaman biometrik.",
        "Verified. Book your biometric recording.",
    ),
    "AWAITING_FIELD_VERIFICATION": (
        "Petugas akan berkunjung ke alamat Anda.",
        "An officer will visit your address.",
    ),
    "REJECTED": (
        "Perlu perbaikan. Lihat alasannya dan ajukan kembali.",
        "Needs fixing. See the reasons and resubmit.",
    ),
    "APPROVED": (
        "Permohonan disetujui. KTP-el sedang diterbitkan.",
        "Approved. Your KTP-el is being issued.",
    ),
    "ISSUED": ("KTP-el diterbitkan. IKD dapat diunduh.", "KTP-el issued. Your digital ID can be downloaded."),
    "PROCESSING_ERROR": (
        "Gangguan sistem; akan diproses ulang.",
        "A system fault; it will be processed again.",
    ),
    "PRINT_READY_RECORD": ("Data KTP-el siap dicetak.", "Your KTP-el is ready for printing."),
    "SENT_FOR_CARD_PRINTING": ("KTP-el sedang dicetak.", "Your KTP-el is being printed."),
    "CARD_PRINTED": ("KTP-el telah dicetak.", "Your KTP-el has been printed."),
    "CARD_SHIPPED": (
        "KTP-el dikirim ke kantor Dukcapil.",
        "Your KTP-el is on its way to the Dukcapil office.",
    ),
    "CARD_ISSUED": ("KTP-el telah diserahkan.", "Your KTP-el has been handed over."),
    "REVOKED": ("KTP-el dan IKD lama dinonaktifkan.", "Your old KTP-el and digital ID were revoked."),
}

_GREETING = {"id": "Yth. Penduduk,", "en": "Dear resident,"}
_FOOTER = {
    "id": "Pesan ini dikirim otomatis oleh layanan KTP-el online Dukcapil. Layanan ini gratis; jangan berikan "
    "data atau kode Anda kepada siapa pun yang menghubungi Anda.",
    "en": "This message was sent automatically by Dukcapil's online KTP-el service. The service is free; never "
    "give your data or codes to anyone who contacts you.",
}
_STATUS_LINK = {"id": "Cek status", "en": "Status"}
_REASONS_HEADING = {"id": "Alasan:", "en": "Reasons:"}
_NEXT_HEADING = {"id": "Langkah berikutnya:", "en": "Next step:"}


def _status_text(detail: StatusChangedDetail, language: Language) -> str:
    text_id, text_en = STATUS_TEXT[detail.status]
    return text_id if language == "id" else text_en


def render_message(
    detail: StatusChangedDetail, language: Language, channel: Channel, status_url: str | None = None
) -> tuple[str, str]:
    """(subject, body). SMS: no subject, at most SMS_MAX_CHARS (the link is dropped if it would not fit)."""
    text = _status_text(detail, language)
    if channel == "whatsapp":  # the template's one parameter: the status sentence, nothing that names anyone
        return "", text
    prefix = f"KTP-el {detail.registration_number}: {text}"
    if channel == "sms":
        body = f"{prefix} {_STATUS_LINK[language]}: {status_url}" if status_url else prefix
        if len(body) > SMS_MAX_CHARS:
            body = prefix
        return "", body[:SMS_MAX_CHARS]
    subject = f"[KTP-el] {detail.registration_number}: {text}"
    lines = [_GREETING[language], "", prefix]
    if detail.reason_codes:
        lines += ["", _REASONS_HEADING[language]]
        for code in detail.reason_codes:
            entry = CATALOGUE[code]
            lines.append(f"- {entry.message_id if language == 'id' else entry.message_en} ({code})")
    if detail.subject == "application":
        next_id, next_en = NEXT_ACTION[ApplicationStatus(detail.status)]
        lines += ["", _NEXT_HEADING[language], next_id if language == "id" else next_en]
    if status_url:
        lines += ["", f"{_STATUS_LINK[language]}: {status_url}"]
    lines += ["", _FOOTER[language]]
    return subject, "\n".join(lines)


# Help requests: the notice says only that it is the reader's turn, never the message (it is the resident's
# words, or an answer about them): the reader opens the app, signed in, to read it.
HELP_TEXT: dict[str, tuple[str, str]] = {
    "HELP_ANSWERED": (
        "Permintaan bantuan {id} Anda telah dijawab petugas Dukcapil. Baca di aplikasi.",
        "Your help request {id} was answered by a Dukcapil officer. Read it in the app.",
    ),
    "HELP_OPENED": (
        "Permintaan bantuan baru {id} untuk kecamatan {district}.",
        "New help request {id} for district {district}.",
    ),
    "HELP_FOLLOWED_UP": (
        "Pesan baru dari penduduk pada permintaan bantuan {id} (kecamatan {district}).",
        "A resident wrote again on help request {id} (district {district}).",
    ),
}
_APP_LINK = {"id": "Buka", "en": "Open"}


def render_help_message(
    notice: HelpNotice, language: Language, channel: Channel, app_url: str | None = None
) -> tuple[str, str]:
    """(subject, body): the SMS in the reader's language (the link dropped rather than overflow); the e-mail
    in Indonesian and English, the reader's language first."""
    texts = HELP_TEXT[notice.change]
    ordered = (
        (("id", texts[0]), ("en", texts[1])) if language == "id" else (("en", texts[1]), ("id", texts[0]))
    )
    filled = [
        (lang, text.format(id=notice.request_id, district=notice.district_code)) for lang, text in ordered
    ]
    first_lang, first = filled[0]
    if channel == "whatsapp":  # the template's parameter: the sentence without the request's id
        return "", first.replace(f" {notice.request_id}", "")
    if channel == "sms":
        body = f"KTP-el: {first} {_APP_LINK[first_lang]}: {app_url}" if app_url else f"KTP-el: {first}"
        if len(body) > SMS_MAX_CHARS:
            body = f"KTP-el: {first}"
        return "", body[:SMS_MAX_CHARS]
    lines: list[str] = []
    for lang, text in filled:
        lines += [_GREETING[lang], "", text]
        if app_url:
            lines.append(f"{_APP_LINK[lang]}: {app_url}")
        lines += ["", _FOOTER[lang], ""]
    return f"[KTP-el] {first}", "\n".join(lines).rstrip()


# --- Delivery ---------------------------------------------------------------------------------------------


class PermanentDeliveryError(Exception):
    """A failure retrying cannot fix (an invalid address, an opted-out number): not retried."""


class Recipient(BaseModel):
    """Looked up by the notifier from the application: never carried on the event."""

    model_config = ConfigDict(frozen=True)

    email: str | None = None
    phone: str | None = None
    language: Language = "id"
    notify_email: bool = True
    notify_sms: bool = True
    notify_whatsapp: bool = False


class DeliveryRecord(BaseModel):
    """One delivery attempt. No address or message text: it goes to the timeline and the logs."""

    model_config = ConfigDict(frozen=True)

    registration_number: str  # or, for a help request's notice, the request's id
    status: str  # the status, or the help request's change (HELP_ANSWERED, ...)
    channel: Channel
    attempt: int
    outcome: Literal["sent", "failed", "skipped"]
    at: datetime
    message_id: str | None = None
    error: str | None = None  # exception type and provider error code, or why it was skipped


def to_e164(phone: str) -> str:
    """Indonesian mobile numbers as SNS wants them: 0812..., 62812..., +62812... -> +62812...."""
    digits = re.sub(r"[\s\-().]", "", phone)
    if digits.startswith("+"):
        return digits
    if digits.startswith("0"):
        return "+62" + digits[1:]
    if digits.startswith("62"):
        return "+" + digits
    return "+" + digits


def _error_label(exc: BaseException) -> str:
    # boto3's ClientError carries the provider's code; keep the label free of addresses and message text.
    response = getattr(exc, "response", None)
    code = response.get("Error", {}).get("Code") if isinstance(response, dict) else None
    return f"{type(exc).__name__}:{code}" if code else type(exc).__name__


class InMemorySender:
    """The local default: keeps what would have been sent."""

    def __init__(self) -> None:
        self.emails: list[tuple[str, str, str]] = []
        self.sms: list[tuple[str, str]] = []
        self.whatsapp: list[tuple[str, str, str]] = []

    def send_email(self, to: str, subject: str, body: str) -> str:
        self.emails.append((to, subject, body))
        return f"local-email-{len(self.emails)}"

    def send_sms(self, to: str, body: str) -> str:
        self.sms.append((to, body))
        return f"local-sms-{len(self.sms)}"

    def send_whatsapp(self, to: str, language: str, text: str) -> str:
        self.whatsapp.append((to, language, text))
        return f"local-whatsapp-{len(self.whatsapp)}"


class WhatsAppSender(Protocol):
    def send_whatsapp(self, to: str, language: str, text: str) -> str:
        """A template message to an E.164 number; returns the provider's message id."""


class Notifier:
    def __init__(
        self,
        sender: Sender,
        *,
        whatsapp: WhatsAppSender | None = None,
        status_url: Callable[[str], str] | None = None,
        max_attempts: int = RETRY_ATTEMPTS,
        base_delay: float = RETRY_BASE_DELAY_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._sender = sender
        self._whatsapp = whatsapp
        # WhatsApp is a channel only where the deployment configured it: elsewhere nothing is recorded for it.
        self._channels: tuple[Channel, ...] = CHANNELS + (("whatsapp",) if whatsapp else ())
        self._status_url = status_url
        self._max_attempts = max_attempts
        self._base_delay = base_delay
        self._sleep = sleep
        self._clock = clock

    def notify(self, detail: StatusChangedDetail, recipient: Recipient) -> list[DeliveryRecord]:
        """Send on every channel the resident chose; returns a record of every attempt. Never raises."""

        def render(channel: Channel) -> tuple[str, str]:
            url = self._status_url(detail.registration_number) if self._status_url else None
            return render_message(detail, recipient.language, channel, url)

        return self._send_all(detail.registration_number, detail.status, recipient, render)

    def notify_help(
        self, notice: HelpNotice, recipient: Recipient, app_url: str | None = None
    ) -> list[DeliveryRecord]:
        """A help request's notice (its reader's turn), on the recipient's channels. Never raises."""

        def render(channel: Channel) -> tuple[str, str]:
            return render_help_message(notice, recipient.language, channel, app_url)

        return self._send_all(notice.request_id, notice.change, recipient, render)

    def _send_all(
        self, reference: str, label: str, recipient: Recipient, render: Renderer
    ) -> list[DeliveryRecord]:
        records: list[DeliveryRecord] = []
        for channel in self._channels:
            try:
                records += self._deliver(reference, label, recipient, channel, render)
            except Exception as exc:  # a template or lookup fault must not block the chain either
                records.append(self._record(reference, label, channel, 1, "failed", error=_error_label(exc)))
        return records

    def _record(
        self,
        reference: str,
        label: str,
        channel: Channel,
        attempt: int,
        outcome: Literal["sent", "failed", "skipped"],
        *,
        message_id: str | None = None,
        error: str | None = None,
    ) -> DeliveryRecord:
        return DeliveryRecord(
            registration_number=reference,
            status=label,
            channel=channel,
            attempt=attempt,
            outcome=outcome,
            at=self._clock(),
            message_id=message_id,
            error=error,
        )

    def _deliver(
        self, reference: str, label: str, recipient: Recipient, channel: Channel, render: Renderer
    ) -> list[DeliveryRecord]:
        wanted = {
            "email": recipient.notify_email,
            "sms": recipient.notify_sms,
            "whatsapp": recipient.notify_whatsapp,
        }[channel]
        address = recipient.email if channel == "email" else recipient.phone
        if not wanted:
            return [self._record(reference, label, channel, 0, "skipped", error="OPTED_OUT")]
        if not address:
            return [self._record(reference, label, channel, 0, "skipped", error="NO_ADDRESS")]
        subject, body = render(channel)
        records: list[DeliveryRecord] = []
        for attempt in range(1, self._max_attempts + 1):
            try:
                message_id = self._send(channel, address, recipient.language, subject, body)
            except PermanentDeliveryError as exc:
                records.append(
                    self._record(reference, label, channel, attempt, "failed", error=_error_label(exc))
                )
                return records
            except Exception as exc:
                records.append(
                    self._record(reference, label, channel, attempt, "failed", error=_error_label(exc))
                )
                if attempt < self._max_attempts:
                    self._sleep(self._base_delay * 2 ** (attempt - 1))
                continue
            records.append(self._record(reference, label, channel, attempt, "sent", message_id=message_id))
            return records
        return records

    def _send(self, channel: Channel, address: str, language: Language, subject: str, body: str) -> str:
        if channel == "email":
            return self._sender.send_email(address, subject, body)
        if channel == "whatsapp" and self._whatsapp is not None:
            return self._whatsapp.send_whatsapp(to_e164(address), language, body)
        return self._sender.send_sms(to_e164(address), body)
