"""The application repository on one DynamoDB table.

Keys (one partition per application, so a status page is one Query):
  PK=APP#<id> SK=META                      the application record; GSI1 (owner) and GSI2 (review queue) keys
  PK=APP#<id> SK=DOC#<type>#<upload id>    one item per upload slot
  PK=APP#<id> SK=EVT#<time>#<rand>         the append-only timeline
  PK=APP#<id> SK=STAGE#<attempt>#<stage>   verification stage results
GSI5 (ByNik) keys every application record on its applicant's NIK, whatever its status: who else claims a NIK.
Every access is by key or by an index key: no scans, so it serves 280 million residents the same way as ten.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from ektp.adapters.attempts_dynamodb import DynamoAttemptCounter
from ektp.adapters.aws import client
from ektp.domain.application import DocumentType
from ektp.domain.records import ApplicationRecord, DocumentRecord, StageResult, TimelineEvent
from ektp.domain.status import ApplicationStatus, DocumentStatus
from ektp.ports import ApplicationView, ConflictError

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()

OWNER_INDEX = "ByOwner"
REVIEW_INDEX = "ReviewQueue"
AGE_INDEX = "ByStatusAge"
# Statuses the maintenance sweep looks at by age; the key is sharded so no index partition runs hot.
AGED_STATUSES = frozenset(
    {
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.VERIFYING,
        ApplicationStatus.PROCESSING_ERROR,
    }
)
AGE_SHARDS = 16
BIRTH_DATE_INDEX = "LiveByBirthDate"
NIK_INDEX = "ByNik"
# Applications that claim an identity: the demographic duplicate check compares against them too.
LIVE_STATUSES = frozenset(
    {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.VERIFYING,
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.APPROVED,
        ApplicationStatus.ISSUED,
    }
)


def _age_key(status: ApplicationStatus, application_id: str) -> str:
    shard = int(hashlib.sha256(application_id.encode()).hexdigest(), 16) % AGE_SHARDS
    return f"STATUS#{status}#{shard:02d}"


def _to_item(data: dict[str, Any]) -> dict[str, Any]:
    plain = json.loads(json.dumps(data), parse_float=Decimal)  # DynamoDB numbers must be Decimal
    return {k: _serializer.serialize(v) for k, v in plain.items() if v is not None}


def _from_item(item: dict[str, Any]) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return {k: plain(_deserializer.deserialize(v)) for k, v in item.items()}


def _pk(application_id: str) -> str:
    return f"APP#{application_id}"


def _doc_sk(document_type: DocumentType | str, upload_id: str) -> str:
    return f"DOC#{document_type}#{upload_id}"


def _request_token(*parts: str) -> str:
    """A transaction's idempotency token (at most 36 characters) for one logical write."""
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:32]


def _is_conditional_failure(exc: ClientError) -> bool:
    code = exc.response.get("Error", {}).get("Code", "")
    if code == "ConditionalCheckFailedException":
        return True
    if code == "TransactionCanceledException":
        reasons = exc.response.get("CancellationReasons", [])
        return any(r.get("Code") == "ConditionalCheckFailed" for r in reasons) or not reasons
    return False


class DynamoApplicationRepository:
    def __init__(self, table_name: str) -> None:
        self._table = table_name
        self._db = client("dynamodb")

    # --- items -------------------------------------------------------------------------------------
    def _meta_item(self, record: ApplicationRecord) -> dict[str, Any]:
        data = record.model_dump(mode="json")
        data |= {
            "PK": _pk(record.application_id),
            "SK": "META",
            "GSI1PK": f"OWNER#{record.owner}",
            "GSI1SK": record.created_at.isoformat(),
        }
        # Not sparse: a DRAFT or REJECTED application claims its NIK as much as a submitted one.
        data |= {"GSI5PK": f"NIK#{record.applicant.nik}", "GSI5SK": record.created_at.isoformat()}
        if record.status in LIVE_STATUSES:
            data |= {"GSI4PK": f"BORN#{record.applicant.birth_date.isoformat()}"}
        if record.status in AGED_STATUSES:
            data |= {
                "GSI3PK": _age_key(record.status, record.application_id),
                "GSI3SK": record.updated_at.isoformat(),
            }
        if record.status is ApplicationStatus.IN_REVIEW:
            # Sparse index: only cases waiting for an officer are in the district's queue.
            data |= {"GSI2PK": f"REVIEW#{record.district_code}", "GSI2SK": record.updated_at.isoformat()}
        return _to_item(data)

    def _event_put(self, application_id: str, event: TimelineEvent) -> dict[str, Any]:
        sk = f"EVT#{event.at.isoformat()}#{secrets.token_hex(3)}"
        item = _to_item(event.model_dump(mode="json") | {"PK": _pk(application_id), "SK": sk})
        return {"Put": {"TableName": self._table, "Item": item}}

    # --- application -------------------------------------------------------------------------------
    def create(self, record: ApplicationRecord, event: TimelineEvent) -> None:
        put = {
            "Put": {
                "TableName": self._table,
                "Item": self._meta_item(record),
                "ConditionExpression": "attribute_not_exists(PK)",
            }
        }
        self._transact([put, self._event_put(record.application_id, event)])

    def get(self, application_id: str) -> ApplicationRecord | None:
        response = self._db.get_item(
            TableName=self._table,
            Key=_to_item({"PK": _pk(application_id), "SK": "META"}),
            ConsistentRead=True,
        )
        item = response.get("Item")
        return ApplicationRecord.model_validate(_from_item(item)) if item else None

    def view(self, application_id: str) -> ApplicationView | None:
        items: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "PK = :pk",
            "ExpressionAttributeValues": _to_item({":pk": _pk(application_id)}),
            "ConsistentRead": True,
        }
        while True:
            response = self._db.query(**kwargs)
            items += [_from_item(i) for i in response.get("Items", [])]
            if "LastEvaluatedKey" not in response:
                break
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        meta = next((i for i in items if i["SK"] == "META"), None)
        if meta is None:
            return None
        return ApplicationView(
            application=ApplicationRecord.model_validate(meta),
            documents=[DocumentRecord.model_validate(i) for i in items if i["SK"].startswith("DOC#")],
            events=sorted(
                (TimelineEvent.model_validate(i) for i in items if i["SK"].startswith("EVT#")),
                key=lambda e: e.at,
            ),
            stages=[StageResult.model_validate(i) for i in items if i["SK"].startswith("STAGE#")],
        )

    def list_by_owner(self, owner: str, limit: int = 50) -> list[ApplicationRecord]:
        response = self._db.query(
            TableName=self._table,
            IndexName=OWNER_INDEX,
            KeyConditionExpression="GSI1PK = :o",
            ExpressionAttributeValues=_to_item({":o": f"OWNER#{owner}"}),
            ScanIndexForward=False,
            Limit=limit,
        )
        return [ApplicationRecord.model_validate(_from_item(i)) for i in response.get("Items", [])]

    def list_review_queue(self, district_code: str, limit: int = 50) -> list[ApplicationRecord]:
        response = self._db.query(
            TableName=self._table,
            IndexName=REVIEW_INDEX,
            KeyConditionExpression="GSI2PK = :d",
            ExpressionAttributeValues=_to_item({":d": f"REVIEW#{district_code}"}),
            Limit=limit,
        )
        return [ApplicationRecord.model_validate(_from_item(i)) for i in response.get("Items", [])]

    def live_born_on(self, birth_date: str) -> list[ApplicationRecord]:
        """Submitted-or-later applications of people born that day (the duplicate check's blocking key)."""
        return self._query_all(BIRTH_DATE_INDEX, "GSI4PK", f"BORN#{birth_date}")

    def applications_for_nik(self, nik: str) -> list[ApplicationRecord]:
        """Every application on this NIK, any account and status, oldest first (a purged one is deleted)."""
        return self._query_all(NIK_INDEX, "GSI5PK", f"NIK#{nik}")

    def _query_all(self, index: str, key: str, value: str) -> list[ApplicationRecord]:
        found: list[ApplicationRecord] = []
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": index,
            "KeyConditionExpression": f"{key} = :k",
            "ExpressionAttributeValues": _to_item({":k": value}),
        }
        while True:
            response = self._db.query(**kwargs)
            found += [ApplicationRecord.model_validate(_from_item(i)) for i in response.get("Items", [])]
            if "LastEvaluatedKey" not in response:
                return found
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def older_than(self, status: ApplicationStatus, cutoff: str, limit: int = 500) -> list[ApplicationRecord]:
        """Applications in `status` not updated since `cutoff` (ISO time), across the index's shards."""
        found: list[ApplicationRecord] = []
        for shard in range(AGE_SHARDS):
            kwargs: dict[str, Any] = {
                "TableName": self._table,
                "IndexName": AGE_INDEX,
                "KeyConditionExpression": "GSI3PK = :k AND GSI3SK < :c",
                "ExpressionAttributeValues": _to_item({":k": f"STATUS#{status}#{shard:02d}", ":c": cutoff}),
            }
            while len(found) < limit:
                response = self._db.query(**kwargs)
                found += [ApplicationRecord.model_validate(_from_item(i)) for i in response.get("Items", [])]
                if "LastEvaluatedKey" not in response:
                    break
                kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        return found[:limit]

    def delete_application(self, application_id: str) -> int:
        """Delete every item of one application (the purge of an abandoned draft); returns how many."""
        keys = []
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "PK = :pk",
            "ExpressionAttributeValues": _to_item({":pk": _pk(application_id)}),
            "ProjectionExpression": "PK, SK",
        }
        while True:
            response = self._db.query(**kwargs)
            keys += response.get("Items", [])
            if "LastEvaluatedKey" not in response:
                break
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        for start in range(0, len(keys), 25):
            pending = {self._table: [{"DeleteRequest": {"Key": k}} for k in keys[start : start + 25]]}
            while pending:
                pending = self._db.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
        return len(keys)

    def record_purge(self, day: str, application_id: str, items: int, objects: int) -> None:
        """The purge's own record: which application and how much, never what it contained."""
        self._db.put_item(
            TableName=self._table,
            Item=_to_item({"PK": f"PURGE#{day}", "SK": application_id, "items": items, "objects": objects}),
        )

    def save(
        self,
        record: ApplicationRecord,
        expected_version: int,
        event: TimelineEvent | None = None,
        expected_status: ApplicationStatus | None = None,
    ) -> ApplicationRecord:
        new = record.model_copy(update={"version": expected_version + 1})
        condition = "version = :v"
        values: dict[str, Any] = {":v": expected_version}
        if expected_status is not None:
            condition += " AND #s = :s"
            values[":s"] = str(expected_status)
        put = {
            "Put": {
                "TableName": self._table,
                "Item": self._meta_item(new),
                "ConditionExpression": condition,
                "ExpressionAttributeValues": _to_item(values),
                **({"ExpressionAttributeNames": {"#s": "status"}} if expected_status is not None else {}),
            }
        }
        ops = [put] + ([self._event_put(record.application_id, event)] if event else [])
        self._transact(ops)
        return new

    # --- documents ---------------------------------------------------------------------------------
    def add_document_slot(
        self, record: ApplicationRecord, document: DocumentRecord, max_uploads: int
    ) -> None:
        count = {
            "Update": {
                "TableName": self._table,
                "Key": _to_item({"PK": _pk(record.application_id), "SK": "META"}),
                "UpdateExpression": "SET upload_count = if_not_exists(upload_count, :zero) + :one",
                "ConditionExpression": "#s IN (:draft, :rejected) AND "
                "(attribute_not_exists(upload_count) OR upload_count < :max)",
                "ExpressionAttributeNames": {"#s": "status"},
                "ExpressionAttributeValues": _to_item(
                    {
                        ":zero": 0,
                        ":one": 1,
                        ":max": max_uploads,
                        ":draft": str(ApplicationStatus.DRAFT),
                        ":rejected": str(ApplicationStatus.REJECTED),
                    }
                ),
            }
        }
        put = {
            "Put": {
                "TableName": self._table,
                "Item": self._document_item(document),
                "ConditionExpression": "attribute_not_exists(PK)",
            }
        }
        # The SDK retries a transaction whose answer timed out: the token makes DynamoDB answer the retry as it
        # answered the first (one slot, counted once) instead of failing it on the slot it just wrote.
        self._transact(
            [count, put], token=_request_token("slot", document.application_id, document.upload_id)
        )

    def release_document_slot(self, document: DocumentRecord, event: TimelineEvent | None = None) -> None:
        # The slot closes only while nothing arrived in it, and gives its budget place back in the same write.
        refund = {
            "Update": {
                "TableName": self._table,
                "Key": _to_item({"PK": _pk(document.application_id), "SK": "META"}),
                "UpdateExpression": "SET upload_count = upload_count - :one",
                "ConditionExpression": "upload_count >= :one",
                "ExpressionAttributeValues": _to_item({":one": 1}),
            }
        }
        put = {
            "Put": {
                "TableName": self._table,
                "Item": self._document_item(document),
                "ConditionExpression": "#s = :pending",
                "ExpressionAttributeNames": {"#s": "status"},
                "ExpressionAttributeValues": _to_item({":pending": str(DocumentStatus.PENDING_UPLOAD)}),
            }
        }
        events = [self._event_put(document.application_id, event)] if event else []
        self._transact([refund, put, *events])

    def _document_item(self, document: DocumentRecord) -> dict[str, Any]:
        return _to_item(
            document.model_dump(mode="json")
            | {"PK": _pk(document.application_id), "SK": _doc_sk(document.document_type, document.upload_id)}
        )

    def get_document(
        self, application_id: str, document_type: DocumentType, upload_id: str
    ) -> DocumentRecord | None:
        response = self._db.get_item(
            TableName=self._table,
            Key=_to_item({"PK": _pk(application_id), "SK": _doc_sk(document_type, upload_id)}),
            ConsistentRead=True,
        )
        item = response.get("Item")
        return DocumentRecord.model_validate(_from_item(item)) if item else None

    def update_document(
        self,
        document: DocumentRecord,
        expected_status: DocumentStatus,
        event: TimelineEvent | None = None,
        *,
        application_statuses: frozenset[ApplicationStatus] | None = None,
    ) -> None:
        put = {
            "Put": {
                "TableName": self._table,
                "Item": self._document_item(document),
                "ConditionExpression": "#s = :s",
                "ExpressionAttributeNames": {"#s": "status"},
                "ExpressionAttributeValues": _to_item({":s": str(expected_status)}),
            }
        }
        ops = [put] + ([self._event_put(document.application_id, event)] if event else [])
        if application_statuses is not None:
            ops.append(self._application_status_check(document.application_id, application_statuses))
        self._transact(ops)

    def _application_status_check(
        self, application_id: str, statuses: frozenset[ApplicationStatus]
    ) -> dict[str, Any]:
        # In the document write's transaction: a submit that lands first makes the write fail, never interleave.
        values = {f":a{i}": str(status) for i, status in enumerate(sorted(statuses))}
        return {
            "ConditionCheck": {
                "TableName": self._table,
                "Key": _to_item({"PK": _pk(application_id), "SK": "META"}),
                "ConditionExpression": f"#s IN ({', '.join(values)})",
                "ExpressionAttributeNames": {"#s": "status"},
                "ExpressionAttributeValues": _to_item(values),
            }
        }

    def list_documents(self, application_id: str) -> list[DocumentRecord]:
        response = self._db.query(
            TableName=self._table,
            KeyConditionExpression="PK = :pk AND begins_with(SK, :doc)",
            ExpressionAttributeValues=_to_item({":pk": _pk(application_id), ":doc": "DOC#"}),
            ConsistentRead=True,
        )
        return [DocumentRecord.model_validate(_from_item(i)) for i in response.get("Items", [])]

    # --- timeline and stages -----------------------------------------------------------------------
    def add_event(self, application_id: str, event: TimelineEvent) -> None:
        self._db.put_item(**self._event_put(application_id, event)["Put"])

    def save_stage(self, application_id: str, result: StageResult) -> None:
        sk = f"STAGE#{result.attempt:04d}#{result.stage}"
        self._db.put_item(
            TableName=self._table,
            Item=_to_item(result.model_dump(mode="json") | {"PK": _pk(application_id), "SK": sk}),
        )

    def put_review_token(self, application_id: str, attempt: int, token: str) -> None:
        # Kept in its own item: the token lets its holder finish the workflow step, so no API returns it.
        self._db.put_item(
            TableName=self._table,
            Item=_to_item({"PK": _pk(application_id), "SK": f"REVIEWTOKEN#{attempt:04d}", "token": token}),
        )

    def get_review_token(self, application_id: str, attempt: int) -> str | None:
        response = self._db.get_item(
            TableName=self._table,
            Key=_to_item({"PK": _pk(application_id), "SK": f"REVIEWTOKEN#{attempt:04d}"}),
            ConsistentRead=True,
        )
        item = response.get("Item")
        return str(_from_item(item)["token"]) if item else None

    # --- plumbing ----------------------------------------------------------------------------------
    def take_allowance(
        self, application_id: str, purpose: str, limit: int, now: datetime, window: timedelta
    ) -> bool:
        # An item under the application's key (ALLOWANCE#<purpose>): purged with it, and TTL'd after its window.
        def item_key(key: str) -> tuple[str, str]:
            return _pk(application_id), f"ALLOWANCE#{key}"

        return DynamoAttemptCounter(self._table, item_key).take(purpose, limit, now, window)

    def _transact(self, ops: list[dict[str, Any]], token: str | None = None) -> None:
        try:
            if token is None:
                self._db.transact_write_items(TransactItems=ops)
            else:
                self._db.transact_write_items(TransactItems=ops, ClientRequestToken=token)
        except ClientError as exc:
            if _is_conditional_failure(exc):
                raise ConflictError(str(exc)) from exc
            raise


def timeline_inserts(stream_records: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any], str]]:
    """The timeline events a DynamoDB stream batch added: (application id, event attributes, stream event id).

    Only INSERTs of EVT# items: the timeline is append-only, and everything else (the META record, stage
    results) is state, not an activity.
    """
    out: list[tuple[str, dict[str, Any], str]] = []
    for record in stream_records:
        change = record.get("dynamodb") or {}
        keys = change.get("Keys") or {}
        sk = str((keys.get("SK") or {}).get("S", ""))
        if record.get("eventName") != "INSERT" or not sk.startswith("EVT#") or "NewImage" not in change:
            continue
        attrs = _from_item(change["NewImage"])
        application_id = str(attrs.pop("PK")).removeprefix("APP#")
        attrs.pop("SK", None)
        out.append((application_id, attrs, str(record.get("eventID", sk))))
    return out
