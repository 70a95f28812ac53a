"""The audit trail: stream records -> activities (who, what, when, why) -> one append-only object per batch."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from boto3.dynamodb.types import TypeSerializer

from ektp.adapters.dynamodb import timeline_inserts
from ektp.domain.audit import audit_record, purpose_of
from ektp.domain.records import TimelineEvent
from ektp.services.audit import AuditService
from tests.support.fakes import InMemoryStore

AT = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)
_ser = TypeSerializer()


def stream_record(event_name: str, sk: str, attrs: dict[str, object], event_id: str) -> dict[str, object]:
    image = {k: _ser.serialize(v) for k, v in {"PK": "APP#7K3M-9QXD-2B4F-F", "SK": sk, **attrs}.items()}
    return {
        "eventID": event_id,
        "eventName": event_name,
        "dynamodb": {"Keys": {"PK": image["PK"], "SK": image["SK"]}, "NewImage": image},
    }


def test_only_new_timeline_items_are_activities() -> None:
    event = {
        "at": AT.isoformat(),
        "kind": "SUBMITTED",
        "actor": "resident",
        "status": "SUBMITTED",
        "reasons": [],
    }
    records = [
        stream_record("INSERT", "EVT#2026-11-29T03:00:00#ab12cd", event, "e1"),
        stream_record("MODIFY", "META", {"status": "SUBMITTED"}, "e2"),  # state, not an activity
        stream_record("INSERT", "STAGE#1#face_match", {"outcome": "PASS"}, "e3"),
        stream_record("REMOVE", "EVT#old", event, "e4"),  # TTL expiry of an old item: not a new activity
    ]
    found = timeline_inserts(records)  # type: ignore[arg-type]
    assert [(app, attrs["kind"], source) for app, attrs, source in found] == [
        ("7K3M-9QXD-2B4F-F", "SUBMITTED", "e1")
    ]


def test_an_officer_activity_names_the_officer_and_a_resident_one_does_not() -> None:
    viewed = TimelineEvent(at=AT, kind="EVIDENCE_VIEWED", actor="officer", detail="officer-sub-123")
    record = audit_record("APP1", viewed, "e1")
    assert record.actor_id == "officer-sub-123" and record.purpose == "officer review"
    corrected = TimelineEvent(at=AT, kind="DATA_CORRECTED", actor="resident", detail="NAME")
    assert audit_record("APP1", corrected, "e2").actor_id is None
    assert purpose_of("DOCUMENT_REJECTED") == "check of an uploaded document"
    assert purpose_of("SOMETHING_NEW") == "population administration"


def test_one_object_per_batch_and_a_redelivered_batch_lands_on_the_same_key() -> None:
    store = InMemoryStore()
    service = AuditService(store, clock=lambda: AT)
    attrs = {"at": AT.isoformat(), "kind": "CREATED", "actor": "resident", "status": "DRAFT"}
    batch = [("APP1", attrs, "e1"), ("APP2", attrs | {"kind": "SUBMITTED"}, "e2")]
    assert [r.activity for r in service.record(batch)] == ["CREATED", "SUBMITTED"]
    assert (
        service.record(batch) and len(store.objects) == 1
    )  # same key: a version beside it under Object Lock
    (key,) = store.objects
    assert key.startswith("audit/2026/11/29/") and key.endswith(".jsonl")
    lines = [json.loads(line) for line in store.read(key).decode().splitlines()]
    assert [(r["application_id"], r["activity"], r["source"]) for r in lines] == [
        ("APP1", "CREATED", "e1"),
        ("APP2", "SUBMITTED", "e2"),
    ]
    assert service.record([]) == [] and len(store.objects) == 1
