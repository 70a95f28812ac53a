"""Bookings, officers' captures and the recording wait's task token, in the applications table.

Keys:
  PK=APP#<id>  SK=BOOKING                          the application's booking (one; a rebooking replaces it)
  PK=APP#<id>  SK=CAPTURE#<attempt>                what an officer recorded for one attempt
  PK=APP#<id>  SK=RECORDINGTOKEN#<attempt>         the chain's task token (never returned by any API)
  PK=SLOT#<office id>#<UTC day>  SK=<UTC start>    places taken in one slot (`booked`)
Capacity is a condition on the slot's counter inside the booking's transaction, together with the application's
status and the booking item as read: concurrent bookings of one slot never exceed it, and an application never
holds two active bookings.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from ektp.adapters.aws import client
from ektp.adapters.dynamodb import _doc_sk, _from_item, _pk, _to_item
from ektp.domain.appointments import Booking, CaptureRecord
from ektp.domain.records import DocumentRecord, TimelineEvent
from ektp.domain.status import ApplicationStatus
from ektp.ports import BookingRefused

_AWAITING = str(ApplicationStatus.AWAITING_BIOMETRIC_RECORDING)


def _slot_key(office_id: str, start: datetime) -> dict[str, str]:
    start = start.astimezone(UTC)
    return {"PK": f"SLOT#{office_id}#{start.date().isoformat()}", "SK": start.strftime("%Y-%m-%dT%H:%MZ")}


def _refusal(exc: ClientError, codes: Sequence[str]) -> BookingRefused | None:
    """Which condition of the transaction failed, as the code of the matching entry (in the order written)."""
    error = exc.response.get("Error", {}).get("Code", "")
    if error != "TransactionCanceledException":
        return None
    reasons = exc.response.get("CancellationReasons") or []
    for index, item in enumerate(reasons):
        if item.get("Code") == "ConditionalCheckFailed" and index < len(codes):
            return BookingRefused(codes[index])
    if any(item.get("Code") == "TransactionConflict" for item in reasons):
        return BookingRefused("BOOKING_EXISTS")  # another write on the same items won: read and retry
    return None


class DynamoRecordingStore:
    def __init__(self, table_name: str) -> None:
        self._table = table_name
        self._db = client("dynamodb")

    # --- transaction parts ---------------------------------------------------------------------------------
    def _awaiting(self, application_id: str, attempt: int) -> dict[str, Any]:
        return {
            "ConditionCheck": {
                "TableName": self._table,
                "Key": _to_item({"PK": _pk(application_id), "SK": "META"}),
                "ConditionExpression": "#s = :s AND attempt = :a",
                "ExpressionAttributeNames": {"#s": "status"},
                "ExpressionAttributeValues": _to_item({":s": _AWAITING, ":a": attempt}),
            }
        }

    def _booking_put(self, booking: Booking, previous: Booking | None) -> dict[str, Any]:
        item = booking.model_dump(mode="json") | {"PK": _pk(booking.application_id), "SK": "BOOKING"}
        put: dict[str, Any] = {"TableName": self._table, "Item": _to_item(item)}
        if previous is None:
            put["ConditionExpression"] = "attribute_not_exists(PK)"
        else:  # exactly the booking read: a concurrent booking or cancellation of this application loses
            put["ConditionExpression"] = "version = :v"
            put["ExpressionAttributeValues"] = _to_item({":v": previous.version})
        return {"Put": put}

    def _take_place(self, booking: Booking, capacity: int) -> dict[str, Any]:
        assert booking.office_id is not None and booking.slot_start is not None
        return {
            "Update": {
                "TableName": self._table,
                "Key": _to_item(_slot_key(booking.office_id, booking.slot_start)),
                "UpdateExpression": "SET booked = if_not_exists(booked, :zero) + :one",
                "ConditionExpression": "attribute_not_exists(booked) OR booked < :cap",
                "ExpressionAttributeValues": _to_item({":zero": 0, ":one": 1, ":cap": capacity}),
            }
        }

    def _give_back(self, booking: Booking) -> dict[str, Any]:
        assert booking.office_id is not None and booking.slot_start is not None
        return {
            "Update": {
                "TableName": self._table,
                "Key": _to_item(_slot_key(booking.office_id, booking.slot_start)),
                "UpdateExpression": "SET booked = booked - :one",
                "ConditionExpression": "booked > :zero",
                "ExpressionAttributeValues": _to_item({":zero": 0, ":one": 1}),
            }
        }

    def _transact(self, ops: list[dict[str, Any]], codes: Sequence[str]) -> None:
        try:
            self._db.transact_write_items(TransactItems=ops)
        except ClientError as exc:
            refusal = _refusal(exc, codes)
            if refusal is not None:
                raise refusal from exc
            raise

    # --- bookings --------------------------------------------------------------------------------------------
    def get_booking(self, application_id: str) -> Booking | None:
        item = self._db.get_item(
            TableName=self._table,
            Key=_to_item({"PK": _pk(application_id), "SK": "BOOKING"}),
            ConsistentRead=True,
        ).get("Item")
        return Booking.model_validate(_from_item(item)) if item else None

    def book(self, booking: Booking, previous: Booking | None, capacity: int) -> Booking:
        stored = booking.model_copy(update={"version": previous.version + 1 if previous else 0})
        ops = [self._awaiting(booking.application_id, booking.attempt), self._booking_put(stored, previous)]
        codes = ["NOT_AWAITING_RECORDING", "BOOKING_EXISTS"]
        held = previous.slot if previous is not None and previous.active else None
        if stored.slot is not None and stored.slot != held:
            ops.append(self._take_place(stored, capacity))
            codes.append("SLOT_FULL")
        if previous is not None and held is not None and held != stored.slot:
            ops.append(self._give_back(previous))
            codes.append("BOOKING_EXISTS")
        self._transact(ops, codes)
        return stored

    def cancel(self, cancelled: Booking, previous: Booking) -> Booking:
        stored = cancelled.model_copy(update={"version": previous.version + 1})
        ops = [self._booking_put(stored, previous)]
        if previous.active and previous.slot is not None:
            ops.append(self._give_back(previous))
        self._transact(ops, ["BOOKING_NOT_FOUND", "BOOKING_NOT_FOUND"])
        return stored

    def booked_counts(self, office_id: str, first: datetime, last: datetime) -> dict[datetime, int]:
        counts: dict[datetime, int] = {}
        day = first.astimezone(UTC).date()
        while day <= last.astimezone(UTC).date():
            response = self._db.query(
                TableName=self._table,
                KeyConditionExpression="PK = :pk",
                ExpressionAttributeValues=_to_item({":pk": f"SLOT#{office_id}#{day.isoformat()}"}),
            )
            for item in response.get("Items", []):
                plain = _from_item(item)
                start = datetime.strptime(plain["SK"], "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
                counts[start] = int(plain.get("booked", 0))
            day += timedelta(days=1)
        return counts

    # --- the capture and the chain's token ------------------------------------------------------------------------
    def record_capture(
        self, capture: CaptureRecord, documents: Sequence[DocumentRecord], event: TimelineEvent
    ) -> None:
        application_id = capture.application_id
        capture_put = {
            "Put": {
                "TableName": self._table,
                "Item": _to_item(
                    capture.model_dump(mode="json")
                    | {"PK": _pk(application_id), "SK": f"CAPTURE#{capture.attempt:04d}"}
                ),
                "ConditionExpression": "attribute_not_exists(PK)",
            }
        }
        ops: list[dict[str, Any]] = [self._awaiting(application_id, capture.attempt), capture_put]
        for document in documents:
            item = document.model_dump(mode="json") | {
                "PK": _pk(application_id),
                "SK": _doc_sk(document.document_type, document.upload_id),
            }
            ops.append(
                {
                    "Put": {
                        "TableName": self._table,
                        "Item": _to_item(item),
                        "ConditionExpression": "attribute_not_exists(PK)",
                    }
                }
            )
        sk = f"EVT#{event.at.isoformat()}#capture{capture.attempt:04d}"
        ops.append(
            {
                "Put": {
                    "TableName": self._table,
                    "Item": _to_item(event.model_dump(mode="json") | {"PK": _pk(application_id), "SK": sk}),
                }
            }
        )
        codes = ["NOT_AWAITING_RECORDING", "NOT_AWAITING_RECORDING"]
        booking = self.get_booking(application_id)
        if booking is not None and booking.active and booking.attempt == capture.attempt:
            # The resident came: the booking is ATTENDED (its place stays taken), in the same transaction.
            attended = booking.model_copy(
                update={
                    "status": "ATTENDED",
                    "updated_at": capture.captured_at,
                    "version": booking.version + 1,
                }
            )
            ops.append(self._booking_put(attended, booking))
        self._transact(ops, codes + ["NOT_AWAITING_RECORDING"] * (len(ops) - len(codes)))

    def get_capture(self, application_id: str, attempt: int) -> CaptureRecord | None:
        item = self._db.get_item(
            TableName=self._table,
            Key=_to_item({"PK": _pk(application_id), "SK": f"CAPTURE#{attempt:04d}"}),
            ConsistentRead=True,
        ).get("Item")
        return CaptureRecord.model_validate(_from_item(item)) if item else None

    def put_recording_token(self, application_id: str, attempt: int, token: str) -> None:
        self._db.put_item(
            TableName=self._table,
            Item=_to_item({"PK": _pk(application_id), "SK": f"RECORDINGTOKEN#{attempt:04d}", "token": token}),
        )

    def get_recording_token(self, application_id: str, attempt: int) -> str | None:
        item = self._db.get_item(
            TableName=self._table,
            Key=_to_item({"PK": _pk(application_id), "SK": f"RECORDINGTOKEN#{attempt:04d}"}),
            ConsistentRead=True,
        ).get("Item")
        return str(_from_item(item)["token"]) if item else None
