"""Attack: write an audit record nobody may delete with every POST to an accepted upload.

A presigned POST stays valid for its lifetime (300 s): every POST to the key of a photo already received adds an
S3 version, which intake refuses, deletes and recorded on the timeline (UPLOAD_REFUSED), which the audit bucket
keeps 5 years under Object Lock. Before, 300 POSTs in those five minutes wrote 300 such records (60 upload
URLs an application: thousands more). Every version is still deleted unread; the record of it is an allowance
per application and day (domain/limits.py), past which a refusal is done without another record.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np

from ektp.domain.limits import MAX_UPLOAD_REFUSALS_RECORDED_PER_DAY
from ektp.services.applications import ApplicationService
from ektp.services.intake import IntakeService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingQueue, RecordingWorkflow
from tests.support.photo_defects import jpeg

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def test_attack_posts_to_an_accepted_upload_never_reach_it_and_record_a_bounded_trail() -> None:
    repo, store = InMemoryRepository(), InMemoryStore()
    apps = ApplicationService(
        repo, store, RecordingWorkflow(), clock=lambda: NOW, today=lambda: date(2026, 12, 3)
    )
    intake = IntakeService(
        repo, store, RecordingQueue(), photo_queue="photo", ocr_queue="ocr", clock=lambda: NOW
    )
    app_id = apps.register("mallory", application_request()).application_id
    key = apps.request_upload("mallory", app_id, "PHOTO", "image/jpeg").document.object_key
    store.put(key, jpeg(np.full((64, 64, 3), 120, np.uint8)), "image/jpeg")
    first = store.head(key)
    assert first is not None and intake.receive(key, first.version_id).outcome == "received"

    for i in range(300):
        store.put(key, jpeg(np.full((64, 64, 3), i % 250, np.uint8)), "image/jpeg")
        arrived = store.head(key)
        assert arrived is not None
        assert intake.receive(key, arrived.version_id).outcome == "refused"

    current = store.head(key)
    assert current is not None and current.version_id == first.version_id  # the checked one stays
    assert len(store.deleted_versions) == 300  # every other version removed, unread
    refused = [e for e in repo.events[app_id] if e.kind == "UPLOAD_REFUSED"]
    assert len(refused) == MAX_UPLOAD_REFUSALS_RECORDED_PER_DAY
