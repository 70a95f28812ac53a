"""AWS senders for the notifier: SES for email, SNS for SMS. The boto3 clients are passed in."""

from __future__ import annotations

from typing import Any

from ektp.issuance.notifications import PermanentDeliveryError

# SES/SNS error codes that retrying cannot fix.
_PERMANENT_CODES = frozenset(
    {"MessageRejected", "InvalidParameter", "InvalidParameterValue", "MailFromDomainNotVerified"}
)


def _raise_permanent(exc: Exception) -> None:
    response = getattr(exc, "response", None)
    code = response.get("Error", {}).get("Code") if isinstance(response, dict) else None
    if code in _PERMANENT_CODES:
        raise PermanentDeliveryError(code) from exc


class SesSnsSender:
    def __init__(
        self, ses_client: Any, sns_client: Any, from_address: str, sms_sender_id: str | None = None
    ) -> None:
        self._ses = ses_client
        self._sns = sns_client
        self._from = from_address
        self._sender_id = sms_sender_id

    def send_email(self, to: str, subject: str, body: str) -> str:
        try:
            response = self._ses.send_email(
                Source=self._from,
                Destination={"ToAddresses": [to]},
                Message={
                    "Subject": {"Data": subject, "Charset": "UTF-8"},
                    "Body": {"Text": {"Data": body, "Charset": "UTF-8"}},
                },
            )
        except Exception as exc:
            _raise_permanent(exc)
            raise
        return str(response["MessageId"])

    def send_sms(self, to: str, body: str) -> str:
        attributes: dict[str, Any] = {
            # Transactional: delivered even to numbers on a promotional do-not-disturb list, at a higher priority.
            "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
        }
        if self._sender_id:
            attributes["AWS.SNS.SMS.SenderID"] = {"DataType": "String", "StringValue": self._sender_id}
        try:
            response = self._sns.publish(PhoneNumber=to, Message=body, MessageAttributes=attributes)
        except Exception as exc:
            _raise_permanent(exc)
            raise
        return str(response["MessageId"])
