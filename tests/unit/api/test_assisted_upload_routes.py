"""The officer's resumable scan uploads (issue 20 item 3 with item 5's multipart routes), through the API app as
Lambda runs it, on the fakes. Attacks first: another district's officer, and an officer reaching a resident's
own online application, can neither start nor continue, complete or abort an upload; then the district's
officer uploads on the record its district holds."""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime
from types import ModuleType
from typing import Any

import pytest

from ektp.services.applications import ApplicationService
from ektp.services.assisted import AssistedService, assisted_owner
from ektp.services.uploads_multipart import MultipartUploads
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow

from .conftest import http_event

OFFICER = {"sub": "officer-1", "cognito:groups": "[officers]", "custom:district": "31.71.01"}
STRANGER = {"sub": "officer-9", "cognito:groups": "[officers]", "custom:district": "11.01.01"}
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


class Office:
    """The API's assisted routes over fakes: the district's service and the multipart uploads."""

    def __init__(self, api: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
        self.api = api
        self.repo, self.store = InMemoryRepository(), InMemoryStore()
        self.apps = ApplicationService(
            self.repo,
            self.store,
            RecordingWorkflow(),
            clock=lambda: datetime(2026, 12, 3, 4, tzinfo=UTC),
            today=lambda: date(2026, 12, 3),
        )
        routes = sys.modules["routes.assisted"]
        monkeypatch.setattr(routes, "_service", lambda: AssistedService(self.apps, self.repo))
        uploads = MultipartUploads(self.apps, self.repo, self.store, url_ttl_seconds=300)
        monkeypatch.setattr(routes, "multipart_uploads", lambda _settings: uploads)

    def call(self, claims: dict[str, Any], path: str, body: Any) -> tuple[int, dict[str, Any]]:
        answer = self.api.app.resolve(http_event("POST", path, claims, body=body), {})
        return answer["statusCode"], json.loads(answer["body"])


@pytest.fixture
def office(api: ModuleType, monkeypatch: pytest.MonkeyPatch) -> Office:
    return Office(api, monkeypatch)


def _scan(number: str) -> str:
    return f"/assisted/applications/{number}/documents/PHOTO"


def test_another_districts_officer_cannot_start_a_scan_upload(office: Office) -> None:
    record = office.apps.register(assisted_owner("31.71.01"), application_request(), entered_by="officer-1")
    status, body = office.call(
        STRANGER,
        f"{_scan(record.application_id)}/multipart",
        {"content_type": "image/jpeg", "size": len(JPEG)},
    )
    assert (status, body["error"]["code"]) == (404, "APPLICATION_NOT_FOUND")
    assert office.repo.list_documents(record.application_id) == []


def test_an_officer_cannot_upload_into_a_residents_own_application(office: Office) -> None:
    own = office.apps.register("resident-sub", application_request()).application_id
    status, body = office.call(
        OFFICER, f"{_scan(own)}/multipart", {"content_type": "image/jpeg", "size": len(JPEG)}
    )
    assert (status, body["error"]["code"]) == (404, "APPLICATION_NOT_FOUND")
    assert office.repo.list_documents(own) == []


def test_another_districts_officer_cannot_continue_complete_or_abort_it(office: Office) -> None:
    record = office.apps.register(assisted_owner("31.71.01"), application_request(), entered_by="officer-1")
    app_id = record.application_id
    status, ticket = office.call(
        OFFICER, f"{_scan(app_id)}/multipart", {"content_type": "image/jpeg", "size": len(JPEG)}
    )
    assert status == 201
    upload = f"{_scan(app_id)}/{ticket['upload_id']}"
    steps = {
        "parts": {"multipart_id": ticket["multipart_id"], "part_numbers": [1]},
        "complete": {"multipart_id": ticket["multipart_id"], "part_count": 1},
        "abort": {"multipart_id": ticket["multipart_id"]},
    }
    for step, body in steps.items():
        status, answer = office.call(STRANGER, f"{upload}/{step}", body)
        assert (status, answer["error"]["code"]) == (404, "APPLICATION_NOT_FOUND"), step

    # The district's officer: part URLs, the part sent, complete; the document is the assisted record's.
    status, parts = office.call(OFFICER, f"{upload}/parts", steps["parts"])
    assert status == 200 and [u["part_number"] for u in parts["urls"]] == [1]
    [document] = office.repo.list_documents(app_id)
    office.store.upload_part(document.object_key, ticket["multipart_id"], 1, JPEG)
    status, done = office.call(OFFICER, f"{upload}/complete", steps["complete"])
    assert (status, done["upload_id"]) == (202, ticket["upload_id"])
    assert office.repo.get(app_id).owner == assisted_owner("31.71.01")  # type: ignore[union-attr]


COLLEAGUE = {"sub": "officer-2", "cognito:groups": "[officers]", "custom:district": "31.71.01"}


def test_attack_a_colleague_cannot_send_parts_into_an_officers_scan_upload(office: Office) -> None:
    """Attack (s10): a second officer of the district asks for part URLs of the first one's upload of the PHOTO
    (to put another face in it unnamed), completes or aborts it. Each answered as its officer's before; now the
    slot is the officer's who started it (the one named on it as having taken part: domain/duties.py)."""
    record = office.apps.register(assisted_owner("31.71.01"), application_request(), entered_by="officer-1")
    app_id = record.application_id
    status, ticket = office.call(
        OFFICER, f"{_scan(app_id)}/multipart", {"content_type": "image/jpeg", "size": len(JPEG)}
    )
    assert status == 201
    upload = f"{_scan(app_id)}/{ticket['upload_id']}"
    steps = {
        "parts": {"multipart_id": ticket["multipart_id"], "part_numbers": [1]},
        "complete": {"multipart_id": ticket["multipart_id"], "part_count": 1},
        "abort": {"multipart_id": ticket["multipart_id"]},
    }
    [document] = office.repo.list_documents(app_id)
    office.store.upload_part(document.object_key, ticket["multipart_id"], 1, JPEG)
    for step, body in steps.items():
        status, answer = office.call(COLLEAGUE, f"{upload}/{step}", body)
        assert (status, answer["error"]["code"]) == (404, "UPLOAD_NOT_FOUND"), step
    [document] = office.repo.list_documents(app_id)
    assert document.requested_by == "officer-1"
    status, done = office.call(OFFICER, f"{upload}/complete", steps["complete"])
    assert status == 202
