"""Help requests, attacked: another resident's request, another district's helpdesk, an application that is
not yours, a closed request, a race; and the notices each side gets (ids and codes only)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ektp.domain.access import Principal
from ektp.domain.help_requests import HelpState
from ektp.errors import ServiceError
from ektp.services.help_requests import HelpRequestService
from tests.support.fakes import InMemoryHelpRequestStore, InMemoryRepository, RecordingHelpNotices
from tests.unit.issuance.conftest import approved_record

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # Tuesday 09:00 WIB
ANI = Principal("ani", frozenset({"resident"}))
BUDI = Principal("budi", frozenset({"resident"}))
DESK = Principal("desk-1", frozenset({"helpdesk"}), district="31.71.01")
OTHER_DESK = Principal("desk-9", frozenset({"helpdesk"}), district="32.04.01")
UNASSIGNED_DESK = Principal("desk-0", frozenset({"helpdesk"}))
QUESTION = "Foto KK saya ditolak, NIK ibu saya 3171014101700002"


class World:
    def __init__(self) -> None:
        self.now = NOW
        self.store = InMemoryHelpRequestStore()
        self.applications = InMemoryRepository()
        self.notices = RecordingHelpNotices()
        self.service = HelpRequestService(
            self.store, self.applications, self.notices, response_working_days=2, clock=lambda: self.now
        )

    def ask(self, who: Principal = ANI, district: str = "31.71.01") -> str:
        return self.service.open(who, "OTHER", QUESTION, district_code=district).request.request_id


@pytest.fixture
def world() -> World:
    return World()


def _refused(code: str, action: object) -> None:
    with pytest.raises(ServiceError) as raised:
        action()  # type: ignore[operator]
    assert raised.value.code == code


def test_a_resident_cannot_read_write_or_close_another_residents_request(world: World) -> None:
    request_id = world.ask(ANI)
    _refused("HELP_REQUEST_NOT_FOUND", lambda: world.service.view_as_resident(BUDI, request_id))
    _refused("HELP_REQUEST_NOT_FOUND", lambda: world.service.follow_up(BUDI, request_id, "mine now"))
    _refused("HELP_REQUEST_NOT_FOUND", lambda: world.service.close_as_resident(BUDI, request_id))
    assert world.service.mine(BUDI) == []
    # The same answer as for an id that does not exist, or is not an id at all: nothing to probe.
    _refused("HELP_REQUEST_NOT_FOUND", lambda: world.service.view_as_resident(BUDI, "HAAAAAAAAAAAA"))
    _refused("HELP_REQUEST_NOT_FOUND", lambda: world.service.view_as_resident(BUDI, "../META"))
    assert len(world.store.messages(request_id)) == 1  # nothing was written


def test_a_helpdesk_of_another_district_cannot_read_answer_or_close(world: World) -> None:
    request_id = world.ask(ANI, "31.71.01")
    for officer in (OTHER_DESK, UNASSIGNED_DESK):
        _refused("HELP_REQUEST_NOT_FOUND", lambda o=officer: world.service.view_as_helpdesk(o, request_id))
        _refused("HELP_REQUEST_NOT_FOUND", lambda o=officer: world.service.answer(o, request_id, "hi"))
        _refused("HELP_REQUEST_NOT_FOUND", lambda o=officer: world.service.close_as_helpdesk(o, request_id))
    assert world.service.desk_queue(OTHER_DESK) == []
    _refused("FORBIDDEN", lambda: world.service.desk_queue(UNASSIGNED_DESK))
    assert world.store.events[request_id][-1].kind == "HELP_OPENED"  # no read, no answer recorded
    assert [t.request.request_id for t in world.service.desk_queue(DESK)] == [request_id]


def test_a_request_about_an_application_goes_to_its_district_and_only_its_owner_may_name_it(
    world: World,
) -> None:
    record = approved_record().model_copy(update={"owner": "ani"})
    world.applications.applications[record.application_id] = record
    thread = world.service.open(ANI, "APPLICATION", QUESTION, application_id=record.application_id.lower())
    assert thread.request.application_id == record.application_id
    assert thread.request.district_code == record.district_code  # not the one the resident might name
    _refused(
        "APPLICATION_NOT_FOUND",
        lambda: world.service.open(BUDI, "APPLICATION", QUESTION, application_id=record.application_id),
    )
    _refused("HELP_DISTRICT_REQUIRED", lambda: world.service.open(ANI, "OTHER", QUESTION))
    _refused("HELP_DISTRICT_REQUIRED", lambda: world.service.open(ANI, "OTHER", QUESTION, district_code="31"))


def test_the_conversation_both_notices_and_the_audit_trail(world: World) -> None:
    request_id = world.ask(ANI)
    world.now = NOW + timedelta(hours=3)
    seen = world.service.view_as_helpdesk(DESK, request_id)
    assert [m.body for m in seen.messages] == [QUESTION]
    answered = world.service.answer(DESK, request_id, "Unggah ulang foto KK yang lebih terang.")
    assert answered.request.state is HelpState.ANSWERED
    world.now = NOW + timedelta(days=1)
    world.service.follow_up(ANI, request_id, "Sudah, terima kasih.")
    closed = world.service.close_as_resident(ANI, request_id)
    assert closed.request.state is HelpState.CLOSED
    _refused("HELP_REQUEST_CLOSED", lambda: world.service.answer(DESK, request_id, "late"))
    _refused("HELP_REQUEST_CLOSED", lambda: world.service.follow_up(ANI, request_id, "one more"))

    assert [(n.change, n.notify) for n in world.notices.sent] == [
        ("HELP_OPENED", "helpdesk"),
        ("HELP_ANSWERED", "resident"),
        ("HELP_FOLLOWED_UP", "helpdesk"),
        ("HELP_CLOSED", "helpdesk"),
    ]
    events = world.store.events[request_id]
    assert [(e.kind, e.actor, e.staff_id) for e in events] == [
        ("HELP_OPENED", "resident", None),
        ("HELP_VIEWED", "officer", "desk-1"),
        ("HELP_ANSWERED", "officer", "desk-1"),
        ("HELP_FOLLOWED_UP", "resident", None),
        ("HELP_CLOSED", "resident", None),
    ]
    words = [m.body for m in world.store.messages(request_id)]
    for record in [*events, *world.notices.sent]:
        assert not any(w in record.model_dump_json() for w in words)


def test_overdue_is_flagged_and_swept_until_answered(world: World) -> None:
    request_id = world.ask(ANI)
    world.now = NOW + timedelta(days=2)  # Thursday 09:00 WIB: exactly due
    assert not world.service.view_as_resident(ANI, request_id).overdue and world.service.overdue() == []
    world.now += timedelta(minutes=1)
    assert world.service.view_as_resident(ANI, request_id).overdue
    assert [t.overdue for t in world.service.desk_queue(DESK)] == [True]
    assert [r.request_id for r in world.service.overdue()] == [request_id]
    world.service.answer(DESK, request_id, "Maaf terlambat.")
    assert world.service.overdue() == [] and not world.service.view_as_resident(ANI, request_id).overdue


def test_two_answers_from_one_reading_do_not_both_land(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    request_id = world.ask(ANI)
    read_before = world.store.get(request_id)
    world.service.answer(DESK, request_id, "first")
    # A second officer of the desk read the request before the first answer landed.
    monkeypatch.setattr(world.store, "get", lambda _: read_before)
    colleague = Principal("desk-2", frozenset({"helpdesk"}), district="31.71.01")
    _refused("HELP_REQUEST_CHANGED", lambda: world.service.answer(colleague, request_id, "second"))
    assert [m.body for m in world.store.messages(request_id)] == [QUESTION, "first"]
