"""Attack review s6 finding 8: start/abort churn past the upload budget.

Before: with a budget of 3 uploads, 300 rounds of start + abort all succeeded (an abort gives the place back),
leaving 300 slot items and 300 UPLOAD_ABANDONED events, each copied to the 5-year audit store. Now starts and
given-back places are counted per application and day (domain/limits.py, the repository's conditional
allowance); a failed attempt still never costs a place for good (issue 20 item 5): past the day's releases its
place comes back in the next window.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta

from ektp.domain.limits import MAX_UPLOAD_RELEASES, MAX_UPLOAD_STARTS, UPLOAD_START_WINDOW
from ektp.domain.status import DocumentStatus
from ektp.errors import ServiceError
from tests.unit.services.test_resumable_uploads import register, upload_count, world  # noqa: F401  (fixture)


def _abandoned(repo: object, application_id: str) -> int:
    return sum(1 for e in repo.events[application_id] if e.kind == "UPLOAD_ABANDONED")  # type: ignore[attr-defined]


def test_start_abort_churn_is_bounded(world: tuple) -> None:  # noqa: F811
    repo, _, apps, uploads, _ = world  # budget: 3 uploads per application
    app_id = register(apps, "mallory")
    rounds = 0
    for _ in range(300):
        try:
            ticket = uploads.start("mallory", app_id, "PHOTO", "image/jpeg", size=1000)
        except ServiceError as exc:
            assert exc.code == "UPLOAD_START_LIMIT_REACHED"
            continue
        uploads.abort("mallory", app_id, "PHOTO", ticket.document.upload_id, ticket.multipart_id)
        rounds += 1
    assert rounds == MAX_UPLOAD_STARTS
    assert len(repo.list_documents(app_id)) == rounds and _abandoned(repo, app_id) == rounds
    assert upload_count(repo, app_id) == 0  # every failed attempt gave its place back


def test_expired_presigned_slots_cannot_churn_events_either(world: tuple) -> None:  # noqa: F811
    repo, _, apps, uploads, clock = world
    app_id = register(apps, "mallory")
    for _ in range(
        100
    ):  # fill the budget with POSTs never sent, let them expire, have a start give them back
        with contextlib.suppress(ServiceError):
            for _ in range(3):
                apps.request_upload("mallory", app_id, "KK", "application/pdf")
        clock.now += timedelta(minutes=6)
        with contextlib.suppress(ServiceError):
            ticket = uploads.start("mallory", app_id, "PHOTO", "image/jpeg", size=1000)
            uploads.abort("mallory", app_id, "PHOTO", ticket.document.upload_id, ticket.multipart_id)
    assert _abandoned(repo, app_id) <= MAX_UPLOAD_RELEASES
    assert len(repo.list_documents(app_id)) <= 3 + MAX_UPLOAD_RELEASES + MAX_UPLOAD_STARTS


def test_past_the_days_releases_an_aborted_attempt_keeps_its_place_until_the_next_window(
    world: tuple,  # noqa: F811
) -> None:
    repo, store, apps, uploads, clock = world
    app_id = register(apps, "alice")
    for _ in range(MAX_UPLOAD_RELEASES):
        apps.request_upload("alice", app_id, "KK", "application/pdf")  # a POST never sent
        clock.now += timedelta(minutes=6)
        ticket = uploads.start(
            "alice", app_id, "PHOTO", "image/jpeg", size=1000
        )  # gives the expired POST's place back
        aborted = uploads.abort("alice", app_id, "PHOTO", ticket.document.upload_id, ticket.multipart_id)
        if aborted.status is DocumentStatus.PENDING_UPLOAD:
            break
    assert aborted.status is DocumentStatus.PENDING_UPLOAD  # the day's releases are spent
    assert store.open_multiparts(aborted.object_key) == []  # its S3 upload is gone: nothing can arrive
    # The aborted attempt and the last expired POST keep their places for now.
    assert upload_count(repo, app_id) == 2 and _abandoned(repo, app_id) == MAX_UPLOAD_RELEASES
    clock.now += UPLOAD_START_WINDOW
    fresh = uploads.start(
        "alice", app_id, "PHOTO", "image/jpeg", size=1000
    )  # the next window gives both places back
    assert upload_count(repo, app_id) == 1
    closed = repo.get_document(app_id, aborted.document_type, aborted.upload_id)
    assert closed is not None and closed.status is DocumentStatus.CANCELLED
    pending = [d for d in repo.list_documents(app_id) if d.status is DocumentStatus.PENDING_UPLOAD]
    assert pending == [fresh.document]
    assert fresh.document.status is DocumentStatus.PENDING_UPLOAD
