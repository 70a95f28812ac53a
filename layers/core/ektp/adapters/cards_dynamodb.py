"""Cards, their digital-ID credentials and revocations, on the applications table.

PK=APP#<id>             SK=CARD         the card issued from that application (with its current credential)
PK=CARD#<card id>       SK=CARD         a pointer: card id -> application (operators move print states by card id)
PK=NIK#<nik>            SK=CURRENTCARD  the holder's current card (a replacement revokes the previous one)
PK=REVOKED#<id>         SK=REVOKED      a revoked card (or credential): the verify endpoint reads one key
PK=REVOCATIONS#<day>    SK=<card id>    the revocation list by the day the card's last credential expires:
                                        the publisher reads the days still to come (expires_at: the TTL)
Every card write is conditional on the version read; a revocation is one transaction with its list entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from ektp.adapters.aws import client
from ektp.adapters.dynamodb import DynamoApplicationRepository, _from_item, _to_item
from ektp.issuance.card import CardEvent, CardRecord, CardRevocation


def _card_condition(version: int) -> str:
    # Cards written before versions existed have none: they count as version 0.
    return "(attribute_not_exists(version) OR version = :v)" if version == 0 else "version = :v"


class DynamoCardStore:
    def __init__(self, table_name: str) -> None:
        self._table = table_name
        self._db = client("dynamodb")
        # The timeline's items and the transaction wrapper (a failed condition is a ConflictError) are the
        # application repository's: a card's events go to the same timeline and audit stream.
        self._applications = DynamoApplicationRepository(table_name)

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        item = self._db.get_item(
            TableName=self._table, Key=_to_item({"PK": pk, "SK": sk}), ConsistentRead=True
        ).get("Item")
        return _from_item(item) if item else None

    # --- the items of one transaction --------------------------------------------------------------
    def _put(
        self, data: dict[str, Any], condition: str | None = None, values: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        put: dict[str, Any] = {"TableName": self._table, "Item": _to_item(data)}
        if condition:
            put["ConditionExpression"] = condition
        if values:
            put["ExpressionAttributeValues"] = _to_item(values)
        return {"Put": put}

    def _card_put(
        self, card: CardRecord, token: str, condition: str, values: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        data = card.model_dump(mode="json") | {
            "token": token,
            "PK": f"APP#{card.application_id}",
            "SK": "CARD",
        }
        return self._put(data, condition, values)

    def _card_write(self, card: CardRecord, token: str, expected_status: str | None = None) -> dict[str, Any]:
        """The card at version + 1, only over the version read (and the status, when given)."""
        condition = _card_condition(card.version)
        values: dict[str, Any] = {":v": card.version}
        if expected_status is not None:
            condition += " AND #s = :s"
            values[":s"] = expected_status
        op = self._card_put(card.model_copy(update={"version": card.version + 1}), token, condition, values)
        if expected_status is not None:
            op["Put"]["ExpressionAttributeNames"] = {"#s": "status"}
        return op

    def _revocation_ops(self, revocation: CardRevocation) -> list[dict[str, Any]]:
        card = revocation.card
        expires = datetime.combine(revocation.listed_until + timedelta(days=1), time(), UTC)
        listed = {"PK": f"REVOCATIONS#{revocation.listed_until.isoformat()}", "SK": card.card_id}
        return [
            self._card_write(card, revocation.token, str(revocation.previous_status)),
            self._put({"PK": f"REVOKED#{card.card_id}", "SK": "REVOKED", "reason": card.revocation_reason}),
            self._put(listed | {"expires_at": int(expires.timestamp())}),
        ]

    def _event_puts(self, events: Sequence[CardEvent]) -> list[dict[str, Any]]:
        return [self._applications._event_put(application_id, event) for application_id, event in events]

    def _transact(self, ops: list[dict[str, Any]]) -> None:
        self._applications._transact(ops)

    # --- writes ------------------------------------------------------------------------------------
    def issue(
        self,
        card: CardRecord,
        token: str,
        *,
        current: CardRecord | None,
        revocation: CardRevocation | None = None,
        events: Sequence[CardEvent] = (),
    ) -> None:
        pointer = {"PK": f"NIK#{card.nik}", "SK": "CURRENTCARD", "application_id": card.application_id}
        ops = [
            self._card_put(card, token, "attribute_not_exists(PK)"),
            self._put(
                {"PK": f"CARD#{card.card_id}", "SK": "CARD", "application_id": card.application_id},
                "attribute_not_exists(PK)",
            ),
            # The pointer moves only from the card that was read: two issuances for one NIK cannot both win.
            self._put(pointer, "attribute_not_exists(PK)")
            if current is None
            else self._put(pointer, "application_id = :previous", {":previous": current.application_id}),
        ]
        if revocation is not None:
            ops += self._revocation_ops(revocation)
        self._transact(ops + self._event_puts(events))

    def revoke(self, revocation: CardRevocation, events: Sequence[CardEvent] = ()) -> None:
        self._transact(self._revocation_ops(revocation) + self._event_puts(events))

    def update(self, card: CardRecord, token: str) -> CardRecord:
        self._transact([self._card_write(card, token)])
        return card.model_copy(update={"version": card.version + 1})

    # --- reads -------------------------------------------------------------------------------------
    def for_application(self, application_id: str) -> tuple[CardRecord, str] | None:
        item = self._get(f"APP#{application_id}", "CARD")
        if item is None:
            return None
        token = str(item.pop("token"))
        return CardRecord.model_validate({k: v for k, v in item.items() if k not in ("PK", "SK")}), token

    def by_card_id(self, card_id: str) -> tuple[CardRecord, str] | None:
        pointer = self._get(f"CARD#{card_id}", "CARD")
        return self.for_application(str(pointer["application_id"])) if pointer else None

    def current_for_nik(self, nik: str) -> tuple[CardRecord, str] | None:
        pointer = self._get(f"NIK#{nik}", "CURRENTCARD")
        return self.for_application(str(pointer["application_id"])) if pointer else None

    def is_revoked(self, revoked_id: str) -> bool:
        return self._get(f"REVOKED#{revoked_id}", "REVOKED") is not None

    def revoked_ids(self, first: date, last: date) -> list[str]:
        """One Query per day (a day's partition holds that day's expiring revocations), paginated."""
        ids: list[str] = []
        day = first
        while day <= last:
            kwargs: dict[str, Any] = {
                "TableName": self._table,
                "KeyConditionExpression": "PK = :pk",
                "ExpressionAttributeValues": _to_item({":pk": f"REVOCATIONS#{day.isoformat()}"}),
                "ProjectionExpression": "SK",
            }
            while True:
                page = self._db.query(**kwargs)
                ids += [str(_from_item(i)["SK"]) for i in page.get("Items", [])]
                if "LastEvaluatedKey" not in page:
                    break
                kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
            day += timedelta(days=1)
        return ids
