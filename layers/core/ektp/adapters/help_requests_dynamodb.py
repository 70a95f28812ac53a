"""Help requests on the applications table (its key, encryption and stream; no table of their own).

PK=HELP#<id> SK=META                     the request; GSI1 (ByOwner): HELPOWNER#<owner>, newest first;
                                         GSI2 (ReviewQueue): HELPDESK#<district>#<state>, longest waiting first;
                                         GSI3 (ByStatusAge), OPEN only: HELPDUE#<shard>, by due time
PK=HELP#<id> SK=MSG#<time>#<rand>        one message (the resident's or the helpdesk's words)
PK=HELP#<id> SK=EVT#<time>#<rand>        the audit events: the stream's EVT# inserts go to the audit store
                                         (functions/audit) like an application's timeline, with HELP#<id>
PK=HELPOPENINGS#<owner> SK=META          the account's brake on opening requests (domain HelpOpenings: ids
                                         and times), rewritten on its version in each open's transaction;
                                         TTL'd a while after the last open (a later open counts again from
                                         the account's requests)
The index keys are prefixed apart from the applications' (OWNER#, REVIEW#, STATUS#), so no application
query ever meets a help request.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from ektp.adapters.aws import client
from ektp.adapters.dynamodb import (
    AGE_INDEX,
    OWNER_INDEX,
    REVIEW_INDEX,
    DynamoApplicationRepository,
    _from_item,
    _to_item,
)
from ektp.domain.help_requests import HelpMessage, HelpOpenings, HelpRequest, HelpState
from ektp.domain.records import TimelineEvent
from ektp.ports import ConflictError

DUE_SHARDS = 4  # the overdue sweep reads every shard; few requests are open at once
# The brake item outlives its day window by far: while it exists, a close needs no write of it.
OPENINGS_KEPT = timedelta(days=30)


def _pk(request_id: str) -> str:
    return f"HELP#{request_id}"


def _openings_key(owner: str) -> dict[str, Any]:
    return _to_item({"PK": f"HELPOPENINGS#{owner}", "SK": "META"})


def _lost_to_another_transaction(exc: ClientError) -> bool:
    """DynamoDB cancelled the transaction for another one in flight on one of its items (TransactionConflict)."""
    reasons = exc.response.get("CancellationReasons", [])
    return any(r.get("Code") == "TransactionConflict" for r in reasons)


def _due_key(request_id: str) -> str:
    shard = int(hashlib.sha256(request_id.encode()).hexdigest(), 16) % DUE_SHARDS
    return f"HELPDUE#{shard}"


def _stamp(at: datetime) -> str:
    return f"{at.isoformat()}#{secrets.token_hex(3)}"


class DynamoHelpRequestStore:
    def __init__(self, table_name: str) -> None:
        self._table = table_name
        self._db = client("dynamodb")
        # The transaction wrapper (a failed condition is a ConflictError) is the application repository's.
        self._applications = DynamoApplicationRepository(table_name)

    def _meta_item(self, request: HelpRequest) -> dict[str, Any]:
        data = request.model_dump(mode="json") | {
            "PK": _pk(request.request_id),
            "SK": "META",
            "GSI1PK": f"HELPOWNER#{request.owner}",
            "GSI1SK": request.opened_at.isoformat(),
            "GSI2PK": f"HELPDESK#{request.district_code}#{request.state}",
            "GSI2SK": request.updated_at.isoformat(),
        }
        if request.state is HelpState.OPEN and request.due_at is not None:
            data |= {"GSI3PK": _due_key(request.request_id), "GSI3SK": request.due_at.isoformat()}
        return _to_item(data)

    def _put(self, request_id: str, prefix: str, at: datetime, data: dict[str, Any]) -> dict[str, Any]:
        item = _to_item(data | {"PK": _pk(request_id), "SK": f"{prefix}#{_stamp(at)}"})
        return {"Put": {"TableName": self._table, "Item": item}}

    def _writes(
        self, request: HelpRequest, message: HelpMessage | None, event: TimelineEvent
    ) -> list[dict[str, Any]]:
        ops = [self._put(request.request_id, "EVT", event.at, event.model_dump(mode="json"))]
        if message is not None:
            ops.append(self._put(request.request_id, "MSG", message.at, message.model_dump(mode="json")))
        return ops

    def create(
        self,
        request: HelpRequest,
        message: HelpMessage,
        event: TimelineEvent,
        openings: HelpOpenings | None = None,
    ) -> None:
        put = {
            "Put": {
                "TableName": self._table,
                "Item": self._meta_item(request),
                "ConditionExpression": "attribute_not_exists(PK)",
            }
        }
        brake = [] if openings is None else [self._openings_put(openings, request.opened_at)]
        try:
            self._applications._transact([put, *brake, *self._writes(request, message, event)])
        except ClientError as exc:
            if _lost_to_another_transaction(exc):  # another open's, on the brake: read it again
                raise ConflictError("TransactionConflict") from exc
            raise

    def _openings_put(self, openings: HelpOpenings, at: datetime) -> dict[str, Any]:
        # On the version read: of parallel opens that read the same brake, one writes and the others read again.
        expected = (
            {"ConditionExpression": "attribute_not_exists(PK)"}
            if openings.version == 0
            else {
                "ConditionExpression": "version = :v",
                "ExpressionAttributeValues": _to_item({":v": openings.version}),
            }
        )
        data = openings.model_dump(mode="json") | {
            "version": openings.version + 1,
            "expires_at": int((at + OPENINGS_KEPT).timestamp()),
        }
        item = _to_item(data) | _openings_key(openings.owner)
        return {"Put": {"TableName": self._table, "Item": item, **expected}}

    def openings(self, owner: str) -> HelpOpenings | None:
        key = _openings_key(owner)
        item = self._db.get_item(TableName=self._table, Key=key, ConsistentRead=True).get("Item")
        return HelpOpenings.model_validate(_from_item(item)) if item else None

    def get(self, request_id: str) -> HelpRequest | None:
        item = self._db.get_item(
            TableName=self._table, Key=_to_item({"PK": _pk(request_id), "SK": "META"}), ConsistentRead=True
        ).get("Item")
        return HelpRequest.model_validate(_from_item(item)) if item else None

    def messages(self, request_id: str) -> list[HelpMessage]:
        items = self._query(
            KeyConditionExpression="PK = :pk AND begins_with(SK, :m)",
            ExpressionAttributeValues=_to_item({":pk": _pk(request_id), ":m": "MSG#"}),
            ConsistentRead=True,
        )
        return [HelpMessage.model_validate(i) for i in items]

    def save(
        self, request: HelpRequest, expected_version: int, message: HelpMessage | None, event: TimelineEvent
    ) -> HelpRequest:
        saved = request.model_copy(update={"version": expected_version + 1})
        put = {
            "Put": {
                "TableName": self._table,
                # A whole-item Put: an answered or closed request leaves the due index and changes desk.
                "Item": self._meta_item(saved),
                "ConditionExpression": "version = :v",
                "ExpressionAttributeValues": _to_item({":v": expected_version}),
            }
        }
        self._applications._transact([put, *self._writes(saved, message, event)])
        return saved

    def add_event(self, request_id: str, event: TimelineEvent) -> None:
        put = self._put(request_id, "EVT", event.at, event.model_dump(mode="json"))["Put"]
        self._db.put_item(**put)

    def list_by_owner(self, owner: str, limit: int = 50) -> list[HelpRequest]:
        items = self._query(
            IndexName=OWNER_INDEX,
            KeyConditionExpression="GSI1PK = :o",
            ExpressionAttributeValues=_to_item({":o": f"HELPOWNER#{owner}"}),
            ScanIndexForward=False,
            Limit=limit,
        )
        return [HelpRequest.model_validate(i) for i in items]

    def list_for_district(self, district_code: str, state: HelpState, limit: int = 50) -> list[HelpRequest]:
        items = self._query(
            IndexName=REVIEW_INDEX,
            KeyConditionExpression="GSI2PK = :d",
            ExpressionAttributeValues=_to_item({":d": f"HELPDESK#{district_code}#{state}"}),
            Limit=limit,
        )
        return [HelpRequest.model_validate(i) for i in items]

    def list_open_due_before(self, when: datetime) -> list[HelpRequest]:
        found: list[HelpRequest] = []
        for shard in range(DUE_SHARDS):
            items = self._query(
                IndexName=AGE_INDEX,
                KeyConditionExpression="GSI3PK = :s AND GSI3SK < :t",
                ExpressionAttributeValues=_to_item({":s": f"HELPDUE#{shard}", ":t": when.isoformat()}),
            )
            found += [HelpRequest.model_validate(i) for i in items]
        return sorted(found, key=lambda r: (r.due_at or when, r.request_id))

    def _query(self, **kwargs: Any) -> list[dict[str, Any]]:
        """Every page of one query (a Limit stops at the first page)."""
        items: list[dict[str, Any]] = []
        request: dict[str, Any] = {"TableName": self._table, **kwargs}
        while True:
            response = self._db.query(**request)
            items += [_from_item(i) for i in response.get("Items", [])]
            if "LastEvaluatedKey" not in response or "Limit" in kwargs:
                return items
            request["ExclusiveStartKey"] = response["LastEvaluatedKey"]
