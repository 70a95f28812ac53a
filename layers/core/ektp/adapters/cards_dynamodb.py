"""Cards, their digital-ID credentials and revocations, on the applications table.

PK=APP#<id>       SK=CARD         the card issued from that application (with its current credential)
PK=CARD#<card id> SK=CARD         a pointer: card id -> application (operators move print states by card id)
PK=NIK#<nik>      SK=CURRENTCARD  the holder's current card (a replacement revokes the previous one)
PK=REVOKED#<jti>  SK=REVOKED      a revoked credential: the verify endpoint reads one key
"""

from __future__ import annotations

from typing import Any

from ektp.adapters.aws import client
from ektp.adapters.dynamodb import _from_item, _to_item
from ektp.issuance.card import CardRecord


class DynamoCardStore:
    def __init__(self, table_name: str) -> None:
        self._table = table_name
        self._db = client("dynamodb")

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        item = self._db.get_item(
            TableName=self._table, Key=_to_item({"PK": pk, "SK": sk}), ConsistentRead=True
        ).get("Item")
        return _from_item(item) if item else None

    def save(self, card: CardRecord, token: str) -> None:
        data = card.model_dump(mode="json") | {"token": token}
        self._db.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": self._table,
                        "Item": _to_item(data | {"PK": f"APP#{card.application_id}", "SK": "CARD"}),
                    }
                },
                {
                    "Put": {
                        "TableName": self._table,
                        "Item": _to_item(
                            {
                                "PK": f"CARD#{card.card_id}",
                                "SK": "CARD",
                                "application_id": card.application_id,
                            }
                        ),
                    }
                },
                {
                    "Put": {
                        "TableName": self._table,
                        "Item": _to_item(
                            {
                                "PK": f"NIK#{card.nik}",
                                "SK": "CURRENTCARD",
                                "application_id": card.application_id,
                            }
                        ),
                    }
                },
            ]
        )

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

    def update(self, card: CardRecord, token: str) -> None:
        data = card.model_dump(mode="json") | {"token": token}
        self._db.put_item(
            TableName=self._table, Item=_to_item(data | {"PK": f"APP#{card.application_id}", "SK": "CARD"})
        )

    def revoke(self, credential_id: str, reason: str) -> None:
        self._db.put_item(
            TableName=self._table,
            Item=_to_item({"PK": f"REVOKED#{credential_id}", "SK": "REVOKED", "reason": reason}),
        )

    def is_revoked(self, credential_id: str) -> bool:
        return self._get(f"REVOKED#{credential_id}", "REVOKED") is not None
