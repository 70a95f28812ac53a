"""WhatsApp through AWS End User Messaging Social (boto3 "socialmessaging"): a pre-approved utility template
with one parameter, the status sentence, in the resident's language.

What leaves the country: the resident's phone number and that sentence (a status, never a name, a NIK or a
registration number) go to Meta's WhatsApp Business platform, and through the End User Messaging Social
region configured (WHATSAPP_REGION: Jakarta availability is unconfirmed, docs/architecture.md).
"""

from __future__ import annotations

import json
from typing import Any

from ektp.issuance.notifications import PermanentDeliveryError

META_API_VERSION = "v20.0"
# Errors that retrying cannot fix: a malformed request, a phone number id that does not exist, no permission.
_PERMANENT_CODES = frozenset({"ValidationException", "ResourceNotFoundException", "AccessDeniedException"})
_TEMPLATE_LANGUAGE = {"id": "id", "en": "en"}


def template_message(to: str, template: str, language: str, text: str) -> dict[str, Any]:
    """Meta's Cloud API message: a template (a business may open a conversation only with one)."""
    return {
        "messaging_product": "whatsapp",
        "to": to,
        "type": "template",
        "template": {
            "name": template,
            "language": {"code": _TEMPLATE_LANGUAGE.get(language, "id")},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": text}]}],
        },
    }


class SocialMessagingWhatsAppSender:
    def __init__(self, client: Any, phone_number_id: str, template: str) -> None:
        self._client = client
        self._phone_number_id = phone_number_id
        self._template = template

    def send_whatsapp(self, to: str, language: str, text: str) -> str:
        message = template_message(to, self._template, language, text)
        try:
            response = self._client.send_whatsapp_message(
                originationPhoneNumberId=self._phone_number_id,
                message=json.dumps(message).encode(),
                metaApiVersion=META_API_VERSION,
            )
        except Exception as exc:
            response_meta = getattr(exc, "response", None)
            code = response_meta.get("Error", {}).get("Code") if isinstance(response_meta, dict) else None
            if code in _PERMANENT_CODES:
                raise PermanentDeliveryError(code) from exc
            raise
        return str(response["messageId"])


def whatsapp_sender(phone_number_id: str, template: str, region: str | None) -> SocialMessagingWhatsAppSender:
    """The client in the configured region (None: the deployment's own), outside the shared client cache,
    which knows one region only."""
    import boto3

    return SocialMessagingWhatsAppSender(
        boto3.session.Session().client("socialmessaging", region_name=region), phone_number_id, template
    )
