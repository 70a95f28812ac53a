"""The applications table on moto, with its indexes as infra/storage.py declares them (tests/infra checks that)."""

from __future__ import annotations

from typing import Any

import boto3

# The applications table's indexes as infra/storage.py declares them: (name, key prefix, sort key?, projection).
_SUMMARY = [
    *("application_id", "applicant", "status", "owner", "application_type", "contact", "district_code"),
    *("created_at", "updated_at"),
]
NIK_INDEX_ATTRIBUTES = [*_SUMMARY, "attempt", "redrives"]
_INDEXES: list[tuple[str, str, bool, dict[str, Any]]] = [
    ("ByOwner", "GSI1", True, {"ProjectionType": "ALL"}),
    ("LiveByBirthDate", "GSI4", False, {"ProjectionType": "INCLUDE", "NonKeyAttributes": _SUMMARY}),
    ("ByNik", "GSI5", True, {"ProjectionType": "INCLUDE", "NonKeyAttributes": NIK_INDEX_ATTRIBUTES}),
    ("ByStatusAge", "GSI3", True, {"ProjectionType": "ALL"}),
    ("ReviewQueue", "GSI2", True, {"ProjectionType": "ALL"}),
]


def _index(name: str, prefix: str, sorted_: bool, projection: dict[str, Any]) -> dict[str, Any]:
    keys = [{"AttributeName": f"{prefix}PK", "KeyType": "HASH"}]
    keys += [{"AttributeName": f"{prefix}SK", "KeyType": "RANGE"}] if sorted_ else []
    return {"IndexName": name, "KeySchema": keys, "Projection": projection}


def create_applications_table(name: str) -> None:
    """The applications table as infra/storage.py declares it, on moto: every contract suite uses this one."""
    key_attributes = ["PK", "SK"] + [
        f"{prefix}{part}"
        for _, prefix, sorted_, _ in _INDEXES
        for part in (("PK", "SK") if sorted_ else ("PK",))
    ]
    boto3.client("dynamodb", region_name="ap-southeast-3").create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": a, "AttributeType": "S"} for a in key_attributes],
        GlobalSecondaryIndexes=[_index(*index) for index in _INDEXES],
    )
