"""Help requests: residents ask, the helpdesk officers of the district answer (ektp.domain.help_requests).

Who may see what is decided on the record: a resident sees their own requests only, a helpdesk officer the
requests of their own district only; anyone else's is answered as missing, so an id reveals nothing. Each
change is one conditional write with its audit event (the table's stream carries it to the audit store),
then the other side is notified.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from ektp.domain.access import Principal
from ektp.domain.help_requests import (
    DISTRICT_CODE,
    REQUEST_ID,
    ClosedRequest,
    FollowUpLimit,
    HelpMessage,
    HelpOpenings,
    HelpRequest,
    HelpState,
    Topic,
    Transition,
    close,
    helpdesk_answers,
    is_overdue,
    notice_of,
    open_request,
    openings_of,
    openings_refusal,
    resident_writes,
    still_waiting,
    viewed_by_helpdesk,
    with_opened,
)
from ektp.domain.limits import MAX_HELP_REQUESTS_PER_DAY
from ektp.domain.region import regions
from ektp.domain.registration_number import parse_registration_number
from ektp.errors import ServiceError
from ektp.ports import ApplicationRepository, ConflictError, HelpNotices, HelpRequestStore
from ektp.services.clock import utcnow


@dataclass(frozen=True)
class HelpThread:
    request: HelpRequest
    messages: list[HelpMessage]
    overdue: bool


class HelpRequestService:
    def __init__(
        self,
        store: HelpRequestStore,
        applications: ApplicationRepository,
        notices: HelpNotices,
        *,
        response_working_days: int = 2,
        holidays: Iterable[date] = (),
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._store = store
        self._applications = applications
        self._notices = notices
        self._working_days = response_working_days
        self._holidays = tuple(holidays)
        self._clock = clock

    # --- residents ----------------------------------------------------------------------------------
    def open(
        self,
        resident: Principal,
        topic: Topic,
        body: str,
        application_id: str | None = None,
        district_code: str | None = None,
    ) -> HelpThread:
        """About one of the resident's applications (its district's helpdesk answers) or not (the district
        the resident names)."""
        canonical, district = self._subject(resident, application_id, district_code)
        # A lost write is another open of this account at the same moment, and at most MAX_HELP_REQUESTS_PER_DAY
        # go in: a few more reads refuse or win. Past them (transactions that kept cancelling each other), the
        # limit's answer: nothing was written.
        for _ in range(MAX_HELP_REQUESTS_PER_DAY + 1):
            change = self._admitted(resident.subject, district, canonical, topic, body)
            if change is not None:
                self._notices(notice_of(change))
                return self._thread(change.request)
        raise ServiceError("HELP_REQUEST_LIMIT_REACHED")

    def _admitted(
        self, owner: str, district: str, application_id: str | None, topic: Topic, body: str
    ) -> Transition | None:
        """The new request, written with the account's brake on the version read; None when another open
        wrote the brake first (the limits are checked again on a new read)."""
        openings = self._openings(owner)
        refusal = openings_refusal(openings, self._clock())
        if refusal:
            raise ServiceError(refusal)
        change = open_request(
            owner=owner,
            district_code=district,
            application_id=application_id,
            topic=topic,
            body=body,
            now=self._clock(),
            working_days=self._working_days,
            holidays=self._holidays,
        )
        assert change.message is not None  # opening always carries the question
        try:
            self._store.create(
                change.request, change.message, change.event, with_opened(openings, change.request)
            )
        except ConflictError:
            return None
        return change

    def _openings(self, owner: str) -> HelpOpenings:
        """The account's brake as it stands: the stored one, less the requests closed since (a close does not
        write it); before the first, counted from the account's requests."""
        stored = self._store.openings(owner)
        if stored is None:
            return openings_of(owner, self._store.list_by_owner(owner))
        current = (self._store.get(request_id) for request_id in stored.waiting)
        return still_waiting(stored, (r for r in current if r is not None))

    def _subject(
        self, resident: Principal, application_id: str | None, district_code: str | None
    ) -> tuple[str | None, str]:
        if application_id is not None:
            canonical = parse_registration_number(application_id)
            record = self._applications.get(canonical) if canonical else None
            if record is None or record.owner != resident.subject:  # another's is as missing as none
                raise ServiceError("APPLICATION_NOT_FOUND")
            return record.application_id, record.district_code
        if district_code is None or not DISTRICT_CODE.fullmatch(district_code):
            raise ServiceError("HELP_DISTRICT_REQUIRED")
        if not regions().exists(district_code):
            # No helpdesk could ever see it, and it would count as overdue for good (the alarm with it).
            raise ServiceError("HELP_DISTRICT_UNKNOWN")
        return None, district_code

    def mine(self, resident: Principal) -> list[HelpThread]:
        return [self._summary(r) for r in self._store.list_by_owner(resident.subject)]

    def view_as_resident(self, resident: Principal, request_id: str) -> HelpThread:
        return self._thread(self._owned(resident, request_id))

    def follow_up(self, resident: Principal, request_id: str, body: str) -> HelpThread:
        request = self._owned(resident, request_id)
        try:
            return self._apply(
                request,
                lambda r: resident_writes(r, body, self._clock(), self._working_days, self._holidays),
            )
        except FollowUpLimit:
            raise ServiceError("HELP_FOLLOW_UP_LIMIT_REACHED") from None

    def close_as_resident(self, resident: Principal, request_id: str) -> HelpThread:
        request = self._owned(resident, request_id)
        return self._apply(request, lambda r: close(r, "resident", resident.subject, self._clock()))

    # --- the district's helpdesk --------------------------------------------------------------------
    def desk_queue(self, officer: Principal, state: HelpState = HelpState.OPEN) -> list[HelpThread]:
        if officer.district is None:
            raise ServiceError("FORBIDDEN")  # no district assigned: no desk to work
        return [self._summary(r) for r in self._store.list_for_district(officer.district, state)]

    def view_as_helpdesk(self, officer: Principal, request_id: str) -> HelpThread:
        request = self._in_district(officer, request_id)
        # Reading the resident's words is a processing of personal data: it goes on the audit trail.
        self._store.add_event(request.request_id, viewed_by_helpdesk(officer.subject, self._clock()))
        return self._thread(request)

    def answer(self, officer: Principal, request_id: str, body: str) -> HelpThread:
        request = self._in_district(officer, request_id)
        return self._apply(request, lambda r: helpdesk_answers(r, officer.subject, body, self._clock()))

    def close_as_helpdesk(self, officer: Principal, request_id: str) -> HelpThread:
        request = self._in_district(officer, request_id)
        return self._apply(request, lambda r: close(r, "helpdesk", officer.subject, self._clock()))

    # --- maintenance --------------------------------------------------------------------------------
    def overdue(self) -> list[HelpRequest]:
        """OPEN requests past their response target, any district (for the overdue metric and its alarm)."""
        return self._store.list_open_due_before(self._clock())

    # --- helpers ------------------------------------------------------------------------------------
    def _find(self, request_id: str) -> HelpRequest | None:
        return self._store.get(request_id) if REQUEST_ID.fullmatch(request_id) else None

    def _owned(self, resident: Principal, request_id: str) -> HelpRequest:
        request = self._find(request_id)
        if request is None or request.owner != resident.subject:
            raise ServiceError("HELP_REQUEST_NOT_FOUND")
        return request

    def _in_district(self, officer: Principal, request_id: str) -> HelpRequest:
        request = self._find(request_id)
        if request is None or officer.district is None or request.district_code != officer.district:
            raise ServiceError("HELP_REQUEST_NOT_FOUND")  # another district's is as missing as none
        return request

    def _apply(self, request: HelpRequest, change_of: Callable[[HelpRequest], Transition]) -> HelpThread:
        try:
            change = change_of(request)
        except ClosedRequest:
            raise ServiceError("HELP_REQUEST_CLOSED") from None
        try:
            saved = self._store.save(change.request, request.version, change.message, change.event)
        except ConflictError:
            raise ServiceError("HELP_REQUEST_CHANGED") from None
        if change.notify:
            self._notices(notice_of(change))
        return self._thread(saved)

    def _thread(self, request: HelpRequest) -> HelpThread:
        return HelpThread(
            request, self._store.messages(request.request_id), is_overdue(request, self._clock())
        )

    def _summary(self, request: HelpRequest) -> HelpThread:
        return HelpThread(request, [], is_overdue(request, self._clock()))
