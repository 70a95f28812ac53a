"""A slot write whose answer was lost and whose retry then failed its own condition (the first attempt went in:
the document exists, the budget counted it) is the resident's slot, not TOO_MANY_UPLOADS.

Seen in a clean-clone CI under load: the SDK's read timeout (20 s) passed while the transaction was applied, the
standard retry found the document it had just written, and the resident got 429 for an upload ticket that was
made, its place in the budget spent. On DynamoDB the transaction also carries a ClientRequestToken, so such a
retry is answered as the first write was."""

from __future__ import annotations

from typing import Any

import pytest

from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.domain.records import DocumentRecord
from ektp.errors import ServiceError
from ektp.ports import ConflictError
from tests.unit.services.test_resumable_uploads import register, upload_count, world  # noqa: F401  (fixture)


def test_a_slot_written_before_its_retry_failed_is_the_residents(world: tuple) -> None:  # noqa: F811
    repo, _, apps, _, _ = world
    app_id = register(apps, "ani")
    written = repo.add_document_slot

    def applied_then_retried(record: Any, document: DocumentRecord, max_uploads: int) -> None:
        written(record, document, max_uploads)  # the first attempt went in; its answer was lost
        raise ConflictError("the retry found the document it had written")

    repo.add_document_slot = applied_then_retried
    grant = apps.request_upload("ani", app_id, "PHOTO", "image/jpeg")
    assert grant.document.document_type.value == "PHOTO"
    assert [d.upload_id for d in repo.list_documents(app_id)] == [grant.document.upload_id]
    assert upload_count(repo, app_id) == 1


def test_a_spent_budget_is_still_refused(world: tuple) -> None:  # noqa: F811
    _, _, apps, _, _ = world  # budget: 3 uploads per application
    app_id = register(apps, "budi")
    for _ in range(3):
        apps.request_upload("budi", app_id, "PHOTO", "image/jpeg")
    with pytest.raises(ServiceError) as refused:
        apps.request_upload("budi", app_id, "PHOTO", "image/jpeg")
    assert refused.value.code == "TOO_MANY_UPLOADS"


def test_the_slot_transaction_carries_an_idempotency_token(monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[dict[str, Any]] = []

    class Db:
        def transact_write_items(self, **kwargs: Any) -> None:
            sent.append(kwargs)

    repo = DynamoApplicationRepository.__new__(DynamoApplicationRepository)
    repo._table, repo._db = "t", Db()
    record: Any = type("R", (), {"application_id": "A1"})()
    document: Any = type(
        "D", (), {"application_id": "A1", "document_type": "PHOTO", "upload_id": "0001abc"}
    )()
    monkeypatch.setattr(repo, "_document_item", lambda doc: {"PK": {"S": "x"}})
    repo.add_document_slot(record, document, 60)
    repo.add_document_slot(record, document, 60)
    tokens = [call["ClientRequestToken"] for call in sent]
    assert tokens[0] == tokens[1] and 1 <= len(tokens[0]) <= 36
