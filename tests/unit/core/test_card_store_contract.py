"""One script on the in-memory card store and on DynamoCardStore (moto): the same answers, the same refusals.
What the unit tests prove with the fake holds for the adapter: every card write is conditional on the version
(and status) read, a card is never written over another, the NIK's pointer moves only from the card read,
and a revocation (card REVOKED, lookup item, list entry, timeline events) is applied whole or not at all."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import boto3
import pytest
from moto import mock_aws

from ektp.adapters.aws import reset_clients
from ektp.adapters.cards_dynamodb import DynamoCardStore
from ektp.adapters.dynamodb import _from_item
from ektp.domain.records import TimelineEvent
from ektp.issuance.card import CardRecord, CardRevocation, CardStatus, card_from_application, revoke
from ektp.ports import ConflictError
from tests.support.fakes import InMemoryCardStore, InMemoryRepository
from tests.unit.issuance.conftest import approved_record

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
LISTED = date(2027, 1, 27)
TABLE = "contract-applications"


def _card(application_id: str) -> CardRecord:
    record = approved_record().model_copy(update={"application_id": application_id})
    return card_from_application(record, NOW, card_id=f"KTP-{application_id}")  # the same on both stores


def _refused(action: Callable[[], Any]) -> str:
    try:
        action()
    except ConflictError:
        return "conflict"
    return "applied"


def _state(store: Any, events: Callable[[str], list[str]], *application_ids: str) -> list[Any]:
    out: list[Any] = []
    for application_id in application_ids:
        found = store.for_application(application_id)
        card = found[0] if found else None
        out.append(
            (
                application_id,
                (card.status, card.version, found[1]) if card else None,
                store.is_revoked(card.card_id) if card else None,
                sorted(events(application_id)),
            )
        )
    nik = _card("A").nik
    current = store.current_for_nik(nik)
    out.append(("current", current[0].application_id if current else None))
    out.append(("listed", sorted(store.revoked_ids(LISTED - timedelta(days=1), LISTED))))
    out.append(
        ("listed-later", sorted(store.revoked_ids(LISTED + timedelta(days=1), LISTED + timedelta(days=9))))
    )
    return out


def _script(store: Any, events: Callable[[str], list[str]]) -> list[Any]:
    log: list[Any] = []
    a, b, c = _card("A"), _card("B"), _card("C")
    log.append(("issue A", _refused(lambda: store.issue(a, "tA", current=None))))
    log.append(("issue A again", _refused(lambda: store.issue(a, "tA2", current=None))))
    log.append(("issue C as if the NIK had no card", _refused(lambda: store.issue(c, "tC", current=None))))
    log.append(("state", _state(store, events, "A", "C")))

    moved = store.for_application("A")[0].model_copy(update={"status": CardStatus.SENT_FOR_CARD_PRINTING})
    log.append(("move A", store.update(moved, "tA").version))
    log.append(("move A from a stale read", _refused(lambda: store.update(moved, "tA"))))

    stale = CardRevocation(revoke(a, "LOST", NOW), "tA", CardStatus.PRINT_READY_RECORD, LISTED)
    log.append(("revoke A from a stale read", _refused(lambda: store.revoke(stale))))
    log.append(("state", _state(store, events, "A")))

    current = store.for_application("A")[0]
    revocation = CardRevocation(revoke(current, "LOST", NOW), "tA", current.status, LISTED)
    replaced = [
        ("B", TimelineEvent(at=NOW, kind="PREVIOUS_CARD_REVOKED", actor="system", detail="A")),
        ("A", TimelineEvent(at=NOW, kind="CARD_REVOKED", actor="system", detail="A")),
    ]
    wrong = CardRevocation(revocation.card, "tA", CardStatus.CARD_ISSUED, LISTED)  # not the status it has
    log.append(
        (
            "replace A by B, wrong status",
            _refused(lambda: store.issue(b, "tB", current=current, revocation=wrong, events=replaced)),
        )
    )
    log.append(("state", _state(store, events, "A", "B")))
    log.append(
        (
            "replace A by B",
            _refused(lambda: store.issue(b, "tB", current=current, revocation=revocation, events=replaced)),
        )
    )
    log.append(("state", _state(store, events, "A", "B")))

    again = CardRevocation(revoke(current, "LOST", NOW), "tA", current.status, LISTED)
    log.append(("revoke A twice", _refused(lambda: store.revoke(again))))
    log.append(
        ("replace A by C (the pointer names B now)", _refused(lambda: store.issue(c, "tC", current=current)))
    )
    b_now = store.for_application("B")[0]
    lost = CardRevocation(revoke(b_now, "LOST", NOW), "tB", b_now.status, LISTED + timedelta(days=3))
    reported = [("B", TimelineEvent(at=NOW, kind="CARD_REVOKED", actor="resident", detail="B"))]
    log.append(("report B lost", _refused(lambda: store.revoke(lost, reported))))
    log.append(("state", _state(store, events, "A", "B", "C")))
    return log


@pytest.fixture
def dynamo(monkeypatch: pytest.MonkeyPatch) -> Iterator[DynamoCardStore]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-3")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        reset_clients()
        boto3.client("dynamodb").create_table(
            TableName=TABLE,
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[
                {"AttributeName": "PK", "KeyType": "HASH"},
                {"AttributeName": "SK", "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[{"AttributeName": a, "AttributeType": "S"} for a in ("PK", "SK")],
        )
        yield DynamoCardStore(TABLE)
    reset_clients()


def _dynamo_events(application_id: str) -> list[str]:
    items = boto3.client("dynamodb").query(
        TableName=TABLE,
        KeyConditionExpression="PK = :pk AND begins_with(SK, :evt)",
        ExpressionAttributeValues={":pk": {"S": f"APP#{application_id}"}, ":evt": {"S": "EVT#"}},
    )["Items"]
    return [str(_from_item(i)["kind"]) for i in items]


def test_the_fake_and_dynamodb_give_the_same_answers(dynamo: DynamoCardStore) -> None:
    repository = InMemoryRepository()
    fake = _script(InMemoryCardStore(repository), lambda a: [e.kind for e in repository.events.get(a, [])])
    real = _script(dynamo, _dynamo_events)
    assert fake == real
    outcomes = dict((step, result) for step, result in real if step != "state")
    assert outcomes == {
        "issue A": "applied",
        "issue A again": "conflict",
        "issue C as if the NIK had no card": "conflict",
        "move A": 1,
        "move A from a stale read": "conflict",
        "revoke A from a stale read": "conflict",
        "replace A by B, wrong status": "conflict",
        "replace A by B": "applied",
        "revoke A twice": "conflict",
        "replace A by C (the pointer names B now)": "conflict",
        "report B lost": "applied",
    }
    final = real[-1][1]
    assert final[0] == ("A", (CardStatus.REVOKED, 2, "tA"), True, ["CARD_REVOKED"])
    assert final[1] == ("B", (CardStatus.REVOKED, 1, "tB"), True, ["CARD_REVOKED", "PREVIOUS_CARD_REVOKED"])
    assert final[2] == ("C", None, None, [])
    assert final[3:] == [("current", "B"), ("listed", ["KTP-A"]), ("listed-later", ["KTP-B"])]
    # Nothing of a refused replacement was written: the state before it is the state after it.
    before_replacement = [s for step, s in real if step == "state"][1]
    assert before_replacement[0][1] == (CardStatus.SENT_FOR_CARD_PRINTING, 1, "tA")
