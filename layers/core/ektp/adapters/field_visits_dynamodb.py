"""Field visits (verifikasi lapangan): the visit task, each round's answer and the chain's task token, in the
applications table.

Keys:
  PK=APP#<id>  SK=FIELDVISIT#<attempt>                    the attempt's visit task (ids and state, no address)
  PK=APP#<id>  SK=FIELDVISITANSWER#<attempt>#<round>      what the officer found, their note, the pinned photo
  PK=APP#<id>  SK=FIELDVISITTOKEN#<attempt>               the chain's task token (never returned by any API)
An OPEN task carries GSI2PK=FIELDVISIT#<district> (the ReviewQueue index, whose review keys are REVIEW#<district>):
the district's open visits are one Query, and a task leaves the list when its key is removed (answered, closed).
An answer is one transaction conditional on the application's status and attempt, the task as read and no answer
for the round, so two officers answering at once never both win and an answer is never overwritten.
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from ektp.adapters.aws import client
from ektp.adapters.dynamodb import REVIEW_INDEX, _from_item, _pk, _to_item
from ektp.adapters.recordings_dynamodb import _refusal
from ektp.domain.field_visits import FieldVisitRecord, FieldVisitTask
from ektp.domain.records import TimelineEvent
from ektp.domain.status import ApplicationStatus
from ektp.ports import ConflictError, FieldVisitRefused

_AWAITING = str(ApplicationStatus.AWAITING_FIELD_VERIFICATION)


def _task_key(application_id: str, attempt: int) -> dict[str, str]:
    return {"PK": _pk(application_id), "SK": f"FIELDVISIT#{attempt:04d}"}


def _list_key(district_code: str) -> str:
    return f"FIELDVISIT#{district_code}"


class DynamoFieldVisitStore:
    def __init__(self, table_name: str) -> None:
        self._table = table_name
        self._db = client("dynamodb")

    def _get(self, key: dict[str, str]) -> dict[str, Any] | None:
        item = self._db.get_item(TableName=self._table, Key=_to_item(key), ConsistentRead=True).get("Item")
        return _from_item(item) if item else None

    def _task_item(self, task: FieldVisitTask) -> dict[str, Any]:
        data = task.model_dump(mode="json") | _task_key(task.application_id, task.attempt)
        if task.state == "OPEN":  # sparse: only open visits are on the district's list
            data |= {"GSI2PK": _list_key(task.district_code), "GSI2SK": task.requested_at.isoformat()}
        return _to_item(data)

    def get_task(self, application_id: str, attempt: int) -> FieldVisitTask | None:
        item = self._get(_task_key(application_id, attempt))
        return FieldVisitTask.model_validate(item) if item else None

    def put_task(self, task: FieldVisitTask, previous: FieldVisitTask | None) -> FieldVisitTask:
        stored = task.model_copy(update={"version": previous.version + 1 if previous else 0})
        condition: dict[str, Any] = {"ConditionExpression": "attribute_not_exists(PK)"}
        if previous is not None:
            condition = {
                "ConditionExpression": "version = :v",
                "ExpressionAttributeValues": _to_item({":v": previous.version}),
            }
        try:
            self._db.put_item(TableName=self._table, Item=self._task_item(stored), **condition)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                raise ConflictError("visit task changed") from exc
            raise
        return stored

    def record_outcome(self, task: FieldVisitTask, record: FieldVisitRecord, event: TimelineEvent) -> None:
        application_id = record.application_id
        done = task.model_copy(update={"state": "DONE", "version": task.version + 1})
        ops: list[dict[str, Any]] = [
            {
                "ConditionCheck": {
                    "TableName": self._table,
                    "Key": _to_item({"PK": _pk(application_id), "SK": "META"}),
                    "ConditionExpression": "#s = :s AND attempt = :a",
                    "ExpressionAttributeNames": {"#s": "status"},
                    "ExpressionAttributeValues": _to_item({":s": _AWAITING, ":a": record.attempt}),
                }
            },
            {
                "Put": {  # the task exactly as read, still open at this round
                    "TableName": self._table,
                    "Item": self._task_item(done),
                    "ConditionExpression": "version = :v AND #st = :open AND visit_round = :r",
                    "ExpressionAttributeNames": {"#st": "state"},
                    "ExpressionAttributeValues": _to_item(
                        {":v": task.version, ":open": "OPEN", ":r": record.visit_round}
                    ),
                }
            },
            {
                "Put": {
                    "TableName": self._table,
                    "Item": _to_item(
                        record.model_dump(mode="json")
                        | {
                            "PK": _pk(application_id),
                            "SK": f"FIELDVISITANSWER#{record.attempt:04d}#{record.visit_round}",
                        }
                    ),
                    "ConditionExpression": "attribute_not_exists(PK)",
                }
            },
            {
                "Put": {
                    "TableName": self._table,
                    "Item": _to_item(
                        event.model_dump(mode="json")
                        | {
                            "PK": _pk(application_id),
                            "SK": f"EVT#{event.at.isoformat()}#visit{record.attempt:04d}r{record.visit_round}",
                        }
                    ),
                }
            },
        ]
        codes = ["NOT_AWAITING_FIELD_VISIT", "FIELD_VISIT_ALREADY_RECORDED", "FIELD_VISIT_ALREADY_RECORDED"]
        try:
            self._db.transact_write_items(TransactItems=ops)
        except ClientError as exc:
            refusal = _refusal(exc, codes)
            if refusal is not None:
                code = "FIELD_VISIT_ALREADY_RECORDED" if refusal.code == "BOOKING_EXISTS" else refusal.code
                raise FieldVisitRefused(code) from exc
            raise

    def get_outcome(self, application_id: str, attempt: int, visit_round: int) -> FieldVisitRecord | None:
        item = self._get({"PK": _pk(application_id), "SK": f"FIELDVISITANSWER#{attempt:04d}#{visit_round}"})
        return FieldVisitRecord.model_validate(item) if item else None

    def open_for_district(self, district_code: str, limit: int = 50) -> list[FieldVisitTask]:
        response = self._db.query(
            TableName=self._table,
            IndexName=REVIEW_INDEX,
            KeyConditionExpression="GSI2PK = :d",
            ExpressionAttributeValues=_to_item({":d": _list_key(district_code)}),
            Limit=limit,
        )
        return [FieldVisitTask.model_validate(_from_item(i)) for i in response.get("Items", [])]

    def put_visit_token(self, application_id: str, attempt: int, token: str) -> None:
        self._db.put_item(
            TableName=self._table,
            Item=_to_item(
                {"PK": _pk(application_id), "SK": f"FIELDVISITTOKEN#{attempt:04d}", "token": token}
            ),
        )

    def get_visit_token(self, application_id: str, attempt: int) -> str | None:
        item = self._get({"PK": _pk(application_id), "SK": f"FIELDVISITTOKEN#{attempt:04d}"})
        return str(item["token"]) if item else None
