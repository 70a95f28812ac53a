"""One script on the in-memory help request store and on DynamoHelpRequestStore (moto, the table's real keys
and indexes): the same answers and the same refusals. What the service tests prove with the fake holds for
the adapter: writes are conditional on the version read, the resident's list and the district's desk see
only theirs, the overdue sweep sees only OPEN requests past their target, and a message and its audit event
are written with the request or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from moto import mock_aws

from ektp.adapters.aws import reset_clients
from ektp.adapters.dynamodb import _from_item
from ektp.adapters.help_requests_dynamodb import DynamoHelpRequestStore
from ektp.domain.help_requests import HelpState, close, helpdesk_answers, open_request, resident_writes
from ektp.ports import ConflictError, HelpRequestStore
from tests.support.fakes import InMemoryHelpRequestStore
from tests.support.moto_tables import create_applications_table

TABLE = "contract-help"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # a Tuesday


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-3")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        reset_clients()
        create_applications_table(TABLE)
        yield
    reset_clients()


def _stores() -> dict[str, Any]:
    return {"fake": InMemoryHelpRequestStore, "dynamodb-on-moto": lambda: DynamoHelpRequestStore(TABLE)}


def _opened(owner: str, district: str, at: datetime) -> Any:
    return open_request(
        owner=owner,
        district_code=district,
        application_id=None,
        topic="OTHER",
        body=f"question of {owner}",
        now=at,
        working_days=2,
    )


@pytest.mark.parametrize("make", _stores().values(), ids=_stores().keys())
def test_the_same_script_gives_the_same_answers(aws: None, make: Any) -> None:
    store: HelpRequestStore = make()
    first = _opened("ani", "31.71.01", NOW)
    second = _opened("ani", "32.04.01", NOW + timedelta(minutes=1))
    other = _opened("budi", "31.71.01", NOW + timedelta(minutes=2))
    for change in (first, second, other):
        assert change.message is not None
        store.create(change.request, change.message, change.event)
    with pytest.raises(ConflictError):  # an id is never written over
        assert first.message is not None
        store.create(first.request, first.message, first.event)

    assert [r.request_id for r in store.list_by_owner("ani")] == [
        second.request.request_id,
        first.request.request_id,
    ]
    desk = store.list_for_district("31.71.01", HelpState.OPEN)
    assert [r.request_id for r in desk] == [first.request.request_id, other.request.request_id]

    answered = helpdesk_answers(first.request, "desk-1", "the answer", NOW + timedelta(hours=1))
    saved = store.save(answered.request, 0, answered.message, answered.event)
    assert saved.version == 1 and store.get(first.request.request_id) == saved
    with pytest.raises(ConflictError):  # a second writer who read version 0 loses
        store.save(answered.request, 0, answered.message, answered.event)
    assert [m.author for m in store.messages(first.request.request_id)] == ["resident", "helpdesk"]
    assert [r.request_id for r in store.list_for_district("31.71.01", HelpState.ANSWERED)] == [
        first.request.request_id
    ]
    assert [r.request_id for r in store.list_for_district("31.71.01", HelpState.OPEN)] == [
        other.request.request_id
    ]

    # Overdue: OPEN and past the target only (the answered one left the sweep's index).
    late = NOW + timedelta(days=3)
    assert [r.request_id for r in store.list_open_due_before(late)] == sorted(
        [second.request.request_id, other.request.request_id],
        key=lambda i: (store.get(i).due_at, i),  # type: ignore[union-attr]
    )
    assert store.list_open_due_before(NOW + timedelta(days=1)) == []
    again = resident_writes(saved, "still stuck", late, 2)
    reopened = store.save(again.request, 1, again.message, again.event)
    assert reopened.state is HelpState.OPEN and reopened.due_at is not None and reopened.due_at > late
    assert first.request.request_id not in [r.request_id for r in store.list_open_due_before(late)]
    closed = close(reopened, "resident", "ani", late)
    store.save(closed.request, 2, closed.message, closed.event)
    assert store.list_for_district("31.71.01", HelpState.CLOSED)[0].request_id == first.request.request_id
    assert store.get("HNOSUCHREQUEST") is None and store.messages("HNOSUCHREQUEST") == []


def test_the_dynamodb_items_keep_bodies_out_of_every_event_and_index_key(aws: None) -> None:
    store = DynamoHelpRequestStore(TABLE)
    change = _opened("ani", "31.71.01", NOW)
    assert change.message is not None
    store.create(change.request, change.message, change.event)
    items = [_from_item(i) for i in boto3.client("dynamodb").scan(TableName=TABLE)["Items"]]
    events = [i for i in items if i["SK"].startswith("EVT#")]
    assert [e["kind"] for e in events] == ["HELP_OPENED"]  # the audit stream's EVT# insert
    assert all("question of ani" not in str(i) for i in items if not i["SK"].startswith("MSG#"))
    assert all(str(i["PK"]).startswith("HELP#") for i in items)
