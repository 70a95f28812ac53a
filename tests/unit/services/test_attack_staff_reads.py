"""Attack (s11): a curious officer reads residents' personal data and leaves no trace.

Only the review's evidence (EVIDENCE_VIEWED) wrote a record of an officer's read. Four other officer routes show a
resident's name with more (birth date, address, photo, the whole application) and wrote nothing: the assisted
application (GET /assisted/applications/{id}: every field of the form), the district's list of assisted entries
(names), the capture station's search (by registration number or NIK: name, birth date, ID photo) and the district's
open field visits (name and address). An officer could look up a neighbour's data at will, and neither the resident's
timeline nor the audit store (UU PDP art. 31) would show it. Now every application such a route shows gets a staff
read on its timeline (domain/audit.py STAFF_READS: the officer's account on the audit record, role and office on the
resident's timeline, the route's purpose), written before the answer: the first read of each 15 minutes per officer
and application, as a polling page reads every second; a read is no part in the case (duties).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ektp.domain.audit import READ_RECORD_WINDOW, STAFF_READS, audit_record
from ektp.domain.duties import participants
from ektp.domain.records import TimelineEvent
from ektp.services.assisted import AssistedService
from tests.support.applicants import application_request
from tests.unit.services import test_field_visits as visits
from tests.unit.services.recording_world import OFFICER as STATION_OFFICER
from tests.unit.services.recording_world import world as recording_world
from tests.unit.services.test_assisted_registration import COLLEAGUE, OFFICER
from tests.unit.services.test_assisted_registration import World as AssistedWorld

READ_AT = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)


def _reads(events: list[TimelineEvent], kind: str) -> list[TimelineEvent]:
    return [e for e in events if e.kind == kind]


def _assisted() -> tuple[AssistedWorld, AssistedService]:
    a = AssistedWorld()
    return a, AssistedService(a.applications, a.repo, clock=lambda: READ_AT)


def test_attack_a_colleague_opening_an_assisted_application_is_on_its_audit_trail() -> None:
    a, assisted = _assisted()
    app_id = assisted.register(OFFICER, application_request()).application_id
    view = assisted.view(COLLEAGUE, app_id)  # the colleague reads the resident's whole form
    assert view.application.applicant.nik == application_request().applicant.nik
    reads = _reads(a.repo.events[app_id], "ASSISTED_CASE_VIEWED")
    assert [(e.staff_id, e.actor, e.at) for e in reads] == [(COLLEAGUE.subject, "officer", READ_AT)]
    assert reads[0].detail and "officer" in reads[0].detail and COLLEAGUE.subject not in reads[0].detail
    record = audit_record(app_id, reads[0], "stream-1")  # what the audit store keeps for years
    assert record.actor_id == COLLEAGUE.subject and record.purpose == STAFF_READS["ASSISTED_CASE_VIEWED"]


def test_a_polling_page_leaves_one_record_a_window_per_officer_not_one_a_poll() -> None:
    """The office's page polls the case after each upload (web/js/upload.js verdict): one record per officer and
    READ_RECORD_WINDOW, a new one after it, and another officer's read is recorded on its own."""
    now = [READ_AT]
    a = AssistedWorld()
    assisted = AssistedService(a.applications, a.repo, clock=lambda: now[0])
    app_id = assisted.register(OFFICER, application_request()).application_id
    for second in range(120):  # two minutes of polling
        now[0] = READ_AT + timedelta(seconds=second)
        assisted.view(COLLEAGUE, app_id)
    assert len(_reads(a.repo.events[app_id], "ASSISTED_CASE_VIEWED")) == 1
    assisted.view(OFFICER, app_id)
    now[0] = READ_AT + READ_RECORD_WINDOW + timedelta(seconds=1)
    assisted.view(COLLEAGUE, app_id)
    reads = _reads(a.repo.events[app_id], "ASSISTED_CASE_VIEWED")
    assert [e.staff_id for e in reads] == [COLLEAGUE.subject, OFFICER.subject, COLLEAGUE.subject]


def test_attack_the_districts_list_of_names_is_a_read_of_every_name_it_shows() -> None:
    a, assisted = _assisted()
    ids = [
        assisted.register(OFFICER, application_request(serial=serial)).application_id for serial in (31, 32)
    ]
    listed = assisted.entered(COLLEAGUE)
    assert sorted(r.application_id for r in listed) == sorted(ids)
    for app_id in ids:
        reads = _reads(a.repo.events[app_id], "ASSISTED_CASE_LISTED")
        assert [e.staff_id for e in reads] == [COLLEAGUE.subject]


def test_attack_a_nik_looked_up_at_the_capture_station_is_on_its_audit_trail() -> None:
    w = recording_world()
    w.wait()
    found = w.capture_service().find(STATION_OFFICER, w.record.applicant.nik)  # name, birth date, photo
    assert [f.application.application_id for f in found] == [w.app_id]
    reads = _reads(w.repo.events[w.app_id], "RECORDING_LOOKUP")
    assert [e.staff_id for e in reads] == [STATION_OFFICER.subject]


def test_nothing_shown_is_nothing_recorded_at_the_capture_station() -> None:
    w = recording_world()
    w.run_to_plan()  # not waiting for a recording: the search shows nothing
    assert w.capture_service().find(STATION_OFFICER, w.app_id) == []
    assert _reads(w.repo.events[w.app_id], "RECORDING_LOOKUP") == []


def test_attack_the_open_visits_list_of_names_and_addresses_is_on_each_residents_trail() -> None:
    w = visits.world_waiting()
    shown = w.service().open_visits(visits.OFFICER)
    assert [v.registration_number for v in shown] == [w.app_id] and shown[0].address
    reads = _reads(w.repo.events[w.app_id], "FIELD_VISIT_LISTED")
    assert [e.staff_id for e in reads] == [visits.OFFICER.subject]
    assert w.service().open_visits(visits.OFFICER_ELSEWHERE) == []  # another district's: nothing read
    assert len(_reads(w.repo.events[w.app_id], "FIELD_VISIT_LISTED")) == 1


def test_a_read_takes_no_part_in_the_case() -> None:
    """Reading is not acting: the officer who only read an application may still decide it (four eyes)."""
    a, assisted = _assisted()
    record = assisted.register(OFFICER, application_request())
    assisted.view(COLLEAGUE, record.application_id)
    assisted.entered(COLLEAGUE)
    took_part = participants(record, a.repo.events[record.application_id], [])
    assert COLLEAGUE.subject not in took_part and OFFICER.subject in took_part
