"""Attempt counters in the applications table (services/status_lookup.AttemptCounter).

One item per key (`LOOKUP#<key>` / `COUNTER`): the attempts in the current window and when it began. Both
writes are single conditional updates, so parallel attempts cannot run past the limit; the table's TTL
(`expires_at`) removes counters a day after their window, and a window that ran out is restarted by the next
attempt whether or not TTL has removed it yet.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from botocore.exceptions import ClientError

from ektp.adapters.aws import client

_SK = "COUNTER"
_KEEP_AFTER_WINDOW = timedelta(days=1)


def _conditional_failure(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code", "") == "ConditionalCheckFailedException"


def lookup_key(key: str) -> tuple[str, str]:
    return f"LOOKUP#{key}", _SK


class DynamoAttemptCounter:
    """`item_key`: where a key's counter lives, (PK, SK); the status lookup's own by default."""

    def __init__(self, table_name: str, item_key: Callable[[str], tuple[str, str]] = lookup_key) -> None:
        self._table = table_name
        self._db = client("dynamodb")
        self._item_key = item_key

    def _key(self, key: str) -> dict[str, dict[str, str]]:
        pk, sk = self._item_key(key)
        return {"PK": {"S": pk}, "SK": {"S": sk}}

    def _update(self, key: str, expression: str, condition: str, values: dict[str, dict[str, str]]) -> bool:
        try:
            self._db.update_item(
                TableName=self._table,
                Key=self._key(key),
                UpdateExpression=expression,
                ConditionExpression=condition,
                ExpressionAttributeValues=values,
            )
        except ClientError as exc:
            if _conditional_failure(exc):
                return False
            raise
        return True

    def take(self, key: str, limit: int, now: datetime, window: timedelta) -> bool:
        values = {
            ":now": {"N": str(int(now.timestamp()))},
            ":cutoff": {"N": str(int((now - window).timestamp()))},
            ":exp": {"N": str(int((now + window + _KEEP_AFTER_WINDOW).timestamp()))},
            ":one": {"N": "1"},
        }
        # The current window, while it runs and has room.
        if self._update(
            key,
            "SET window_start = if_not_exists(window_start, :now), expires_at = if_not_exists(expires_at, :exp) "
            "ADD attempts :one",
            "attribute_not_exists(PK) OR (window_start > :cutoff AND attempts < :limit)",
            {**values, ":limit": {"N": str(limit)}},
        ):
            return True
        # A window that ran out: this attempt starts the next one. Otherwise the key is locked.
        return self._update(
            key,
            "SET window_start = :now, expires_at = :exp, attempts = :one",
            "window_start <= :cutoff",
            values,
        )

    def give_back(self, key: str) -> None:
        self._update(
            key, "ADD attempts :minus", "attempts > :zero", {":minus": {"N": "-1"}, ":zero": {"N": "0"}}
        )
