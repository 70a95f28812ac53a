"""Officer-assisted registration (issue 20 item 3) on the fakes: the attacks first, then the journey."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ektp.domain.access import Principal
from ektp.domain.application import DocumentType
from ektp.domain.forms import ApplicationRequest
from ektp.domain.limits import MAX_SUBMISSIONS_PER_NIK
from ektp.domain.records import ApplicationRecord
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.services.applications import ApplicationService
from ektp.services.assisted import AssistedService, assisted_owner
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow

TODAY = date(2026, 11, 28)
DISTRICT = "31.71.01"
OFFICER = Principal("officer-1", frozenset({"officer"}), DISTRICT)
COLLEAGUE = Principal("officer-2", frozenset({"officer"}), DISTRICT)
STRANGER = Principal("officer-9", frozenset({"officer"}), "11.01.01")
RESIDENT = Principal("resident-1", frozenset({"resident"}))
OPERATOR = Principal("operator-1", frozenset({"operator"}), DISTRICT)
TYPES = [DocumentType.KK, DocumentType.AKTA_KELAHIRAN, DocumentType.PHOTO, DocumentType.SELFIE]


class World:
    def __init__(self) -> None:
        self.repo = InMemoryRepository()
        self.workflow = RecordingWorkflow()
        self.applications = ApplicationService(
            self.repo,
            InMemoryStore(),
            self.workflow,
            clock=lambda: datetime(2026, 11, 28, 10, tzinfo=UTC),
            today=lambda: TODAY,
        )
        self.assisted = AssistedService(self.applications, self.repo)

    def upload_all(self, who: Principal, app_id: str) -> None:
        from tests.unit.services.test_applications import accept_all

        for doc_type in TYPES:
            content = "image/jpeg" if doc_type.is_photo else "application/pdf"
            self.assisted.request_upload(who, app_id, str(doc_type), content)
        accept_all(self.repo, app_id, TYPES)


@pytest.fixture
def world() -> World:
    return World()


def _registered(world: World, request: ApplicationRequest | None = None) -> ApplicationRecord:
    return world.assisted.register(OFFICER, request or application_request())


# --- the attacks -----------------------------------------------------------------------------------------------
def test_an_officer_cannot_register_for_a_domicile_in_another_district(world: World) -> None:
    with pytest.raises(ServiceError, match="FORBIDDEN"):
        world.assisted.register(STRANGER, application_request())
    assert world.repo.applications == {}


@pytest.mark.parametrize("who", [RESIDENT, OPERATOR, Principal("officer-x", frozenset({"officer"}))])
def test_no_one_but_a_districts_officer_registers_assisted(world: World, who: Principal) -> None:
    with pytest.raises(ServiceError, match="FORBIDDEN"):
        world.assisted.register(who, application_request())
    assert world.repo.applications == {}


def test_an_officer_of_another_district_cannot_read_upload_to_or_submit_it(world: World) -> None:
    app_id = _registered(world).application_id
    world.upload_all(OFFICER, app_id)
    for act in (
        lambda: world.assisted.view(STRANGER, app_id),
        lambda: world.assisted.request_upload(STRANGER, app_id, "KK", "application/pdf"),
        lambda: world.assisted.submit(STRANGER, app_id),
    ):
        with pytest.raises(ServiceError, match="APPLICATION_NOT_FOUND"):
            act()
    assert world.repo.get(app_id).status is ApplicationStatus.DRAFT  # type: ignore[union-attr]
    assert world.workflow.started == {}


def test_the_assisted_routes_never_reach_a_residents_own_application(world: World) -> None:
    # An officer of the domicile's district must not upload into or submit a resident's online application.
    online = world.applications.register("resident-1", application_request())
    for act in (
        lambda: world.assisted.view(OFFICER, online.application_id),
        lambda: world.assisted.request_upload(OFFICER, online.application_id, "KK", "application/pdf"),
        lambda: world.assisted.submit(OFFICER, online.application_id),
    ):
        with pytest.raises(ServiceError, match="APPLICATION_NOT_FOUND"):
            act()


def test_a_resident_cannot_reach_an_assisted_application_nor_make_one(world: World) -> None:
    record = _registered(world)
    # Through the resident's own service calls, with their subject as the owner: it is not theirs.
    with pytest.raises(ServiceError, match="APPLICATION_NOT_FOUND"):
        world.applications.view(RESIDENT.subject, record.application_id)
    with pytest.raises(ServiceError, match="APPLICATION_NOT_FOUND"):
        world.applications.submit(RESIDENT.subject, record.application_id)
    # The resident's form has no channel nor entered_by: named, they are refused, never stored.
    data = application_request().model_dump(mode="json")
    for field, value in (("channel", "ASSISTED"), ("entered_by", "officer-1")):
        with pytest.raises(ValueError, match="extra"):
            ApplicationRequest.model_validate({**data, field: value})
    mine = world.applications.register(RESIDENT.subject, application_request())
    assert (mine.channel, mine.entered_by, mine.owner) == ("ONLINE", None, RESIDENT.subject)


def test_entered_by_is_the_signed_in_officer_not_a_field(world: World) -> None:
    data = application_request().model_dump(mode="json")
    with pytest.raises(ValueError, match="extra"):
        ApplicationRequest.model_validate({**data, "entered_by": COLLEAGUE.subject})
    record = _registered(world)
    assert record.entered_by == OFFICER.subject and record.channel == "ASSISTED"
    assert record.owner == assisted_owner(DISTRICT)


def test_the_per_nik_limit_still_applies(world: World) -> None:
    # Earlier applications on the same NIK (online, any account) spent the NIK's submissions.
    for i in range(MAX_SUBMISSIONS_PER_NIK):
        spent = world.applications.register(f"someone-{i}", application_request())
        world.repo.applications[spent.application_id] = spent.model_copy(
            update={"attempt": 1, "status": ApplicationStatus.REJECTED}
        )
    app_id = _registered(world).application_id
    world.upload_all(OFFICER, app_id)
    with pytest.raises(ServiceError, match="SUBMISSION_LIMIT_REACHED"):
        world.assisted.submit(OFFICER, app_id)


def test_the_per_application_limit_still_applies(world: World) -> None:
    record = _registered(world)
    world.repo.applications[record.application_id] = record.model_copy(update={"attempt": 5})
    world.upload_all(OFFICER, record.application_id)
    with pytest.raises(ServiceError, match="SUBMISSION_LIMIT_REACHED"):
        world.assisted.submit(OFFICER, record.application_id)


def test_the_districts_namespace_is_not_one_account_under_the_per_account_limits(world: World) -> None:
    # A busy office registers many residents a month: each is its own person, not one account's retries.
    for serial in range(1, 9):
        app_id = world.assisted.register(OFFICER, application_request(serial=serial)).application_id
        world.upload_all(OFFICER, app_id)
        assert world.assisted.submit(OFFICER, app_id).status is ApplicationStatus.SUBMITTED


# --- the journey -----------------------------------------------------------------------------------------------
def test_an_officer_registers_uploads_and_submits_and_the_trail_says_who(world: World) -> None:
    record = _registered(world)
    app_id = record.application_id
    with pytest.raises(ServiceError, match="APPLICATION_INCOMPLETE"):  # the same document checks as anyone's
        world.assisted.submit(OFFICER, app_id)
    world.upload_all(OFFICER, app_id)
    # A colleague of the same district at the next desk may carry on.
    submitted = world.assisted.submit(COLLEAGUE, app_id)
    assert submitted.status is ApplicationStatus.SUBMITTED and submitted.execution_arn
    assert list(world.workflow.started) == [f"{app_id}-a1"]
    view = world.assisted.view(OFFICER, app_id)
    assert (view.application.channel, view.application.entered_by) == ("ASSISTED", OFFICER.subject)
    trail = [(e.kind, e.actor, e.staff_id) for e in world.repo.events[app_id]]
    assert ("CREATED", "officer", OFFICER.subject) in trail
    assert ("SUBMITTED", "officer", COLLEAGUE.subject) in trail


def test_the_officers_case_view_and_the_audit_trail_name_the_channel_and_who_entered_it(world: World) -> None:
    from ektp.domain.audit import audit_record
    from ektp.services.review import ReviewService
    from ektp.views import case_evidence

    app_id = _registered(world).application_id
    world.upload_all(OFFICER, app_id)
    submitted = world.assisted.submit(OFFICER, app_id)
    world.repo.applications[app_id] = submitted.model_copy(update={"status": ApplicationStatus.IN_REVIEW})
    review = ReviewService(world.repo, InMemoryStore(), world.workflow)
    case = case_evidence(review.evidence(COLLEAGUE, app_id))
    assert (case.channel, case.entered_by) == ("ASSISTED", OFFICER.subject)
    audit = [audit_record(app_id, e, str(i)) for i, e in enumerate(world.repo.events[app_id])]
    assert {(a.activity, a.actor, a.actor_id) for a in audit} >= {
        ("CREATED", "officer", OFFICER.subject),
        ("SUBMITTED", "officer", OFFICER.subject),
    }


def test_corrections_stay_in_the_district_and_name_the_officer(world: World) -> None:
    from tests.support.applicants import applicant

    app_id = _registered(world).application_id
    with pytest.raises(ServiceError, match="APPLICATION_NOT_FOUND"):
        world.assisted.correct(STRANGER, app_id, applicant(full_name="SITI AMINA"))
    # Moving the domicile to another district would take the case out of the namespace its officers answer for.
    elsewhere = applicant(district="31.71.02", village="31.71.02.1001")
    with pytest.raises(ServiceError, match="FORBIDDEN"):
        world.assisted.correct(OFFICER, app_id, elsewhere)
    corrected = world.assisted.correct(COLLEAGUE, app_id, applicant(full_name="SITI AMINA"))
    assert corrected.applicant.full_name == "SITI AMINA" and corrected.entered_by == OFFICER.subject
    last = world.repo.events[app_id][-1]
    assert (last.kind, last.actor, last.staff_id) == ("DATA_CORRECTED", "officer", COLLEAGUE.subject)
