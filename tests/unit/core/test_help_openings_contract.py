"""The account's brake on opening help requests (HelpOpenings) on the in-memory store and on
DynamoHelpRequestStore (moto): the same versions and the same refusals. A brake is written only on the version
read, in the request's own transaction: a stale writer stores neither the brake nor its request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from ektp.adapters.dynamodb import _from_item
from ektp.adapters.help_requests_dynamodb import DynamoHelpRequestStore
from ektp.domain.help_requests import HelpOpenings, with_opened
from ektp.ports import ConflictError, HelpRequestStore
from tests.support.fakes import InMemoryHelpRequestStore
from tests.unit.core.test_help_request_store_contract import TABLE, _opened, aws  # noqa: F401

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _stores() -> dict[str, Any]:
    return {"fake": InMemoryHelpRequestStore, "dynamodb-on-moto": lambda: DynamoHelpRequestStore(TABLE)}


def _open(store: HelpRequestStore, owner: str, read: HelpOpenings, at: datetime) -> str:
    change = _opened(owner, "31.71.01", at)
    assert change.message is not None
    store.create(change.request, change.message, change.event, with_opened(read, change.request))
    return str(change.request.request_id)


@pytest.mark.parametrize("make", _stores().values(), ids=_stores().keys())
def test_a_brake_is_written_only_on_the_version_read(aws: None, make: Any) -> None:  # noqa: F811
    store: HelpRequestStore = make()
    assert store.openings("ani") is None
    first = _open(store, "ani", HelpOpenings(owner="ani"), NOW)
    stored = store.openings("ani")
    assert stored == HelpOpenings(owner="ani", waiting=(first,), opened=(NOW,), version=1)

    with pytest.raises(ConflictError):  # a second open that also read "none yet" loses ...
        _open(store, "ani", HelpOpenings(owner="ani"), NOW)
    with pytest.raises(ConflictError):  # ... and so does one that read an older version
        _open(store, "ani", stored.model_copy(update={"version": 0}), NOW)
    assert [r.request_id for r in store.list_by_owner("ani")] == [first]  # nor was its request written
    assert store.openings("ani") == stored

    later = NOW + timedelta(minutes=5)
    second = _open(store, "ani", stored, later)
    assert store.openings("ani") == HelpOpenings(
        owner="ani", waiting=(first, second), opened=(NOW, later), version=2
    )
    assert store.openings("budi") is None  # per account
    _open(store, "budi", HelpOpenings(owner="budi"), later)
    assert store.openings("budi") is not None and store.openings("ani").version == 2  # type: ignore[union-attr]


def test_the_dynamodb_brake_holds_ids_and_times_only_and_expires(aws: None) -> None:  # noqa: F811
    store = DynamoHelpRequestStore(TABLE)
    request_id = _open(store, "ani", HelpOpenings(owner="ani"), NOW)
    items = [_from_item(i) for i in boto3.client("dynamodb").scan(TableName=TABLE)["Items"]]
    (brake,) = [i for i in items if i["PK"] == "HELPOPENINGS#ani"]
    assert brake["SK"] == "META" and brake["waiting"] == [request_id]
    assert "question of ani" not in str(brake)  # no words: they stay in the request's messages
    assert (
        brake["expires_at"] > NOW.timestamp() + timedelta(days=1).total_seconds()
    )  # outlives the day window
