"""Help requests: a resident asks, the helpdesk officers of a district answer.

A request is OPEN while it waits for the helpdesk, ANSWERED while it waits for the resident, CLOSED when
either side closes it (a closed request takes no more messages: a new question is a new request). The
helpdesk owes an answer within a response-time target in working days (Monday to Friday, WIB, less the
configured holidays), counted from the resident's last message; past it the request is overdue.

Message bodies are the resident's words, personal data: they are stored with the request and shown to its
resident and to the helpdesk of its district only, never put in a log, an event or the audit trail (whose
records say who did what, with codes).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ektp.domain.limits import (
    FOLLOW_UP_WINDOW,
    HELP_OPEN_WINDOW,
    HELPDESK_NOTICE_WINDOW,
    MAX_FOLLOW_UPS_PER_WINDOW,
    MAX_HELP_REQUESTS_PER_DAY,
    MAX_OPEN_HELP_REQUESTS,
)
from ektp.domain.records import TimelineEvent

WIB = timezone(timedelta(hours=7))
DISTRICT_CODE = re.compile(r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$")
REQUEST_ID = re.compile(r"^H[0-9A-Z]{12}$")
MAX_BODY_CHARS = 2000


class HelpState(StrEnum):
    OPEN = "OPEN"  # waiting for the helpdesk
    ANSWERED = "ANSWERED"  # waiting for the resident
    CLOSED = "CLOSED"


Topic = Literal["APPLICATION", "DOCUMENTS", "BIOMETRICS", "CARD", "ACCOUNT", "OTHER"]
Author = Literal["resident", "helpdesk"]


class HelpMessage(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, hide_input_in_errors=True)

    at: datetime
    author: Author
    author_id: str  # the resident's or the helpdesk officer's user id
    body: str = Field(min_length=1, max_length=MAX_BODY_CHARS)


class HelpRequest(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, hide_input_in_errors=True)

    request_id: str
    owner: str  # the resident's user id: only they, and the helpdesk of the district, may read it
    district_code: str  # whose helpdesk answers: the application's district, or the one the resident chose
    application_id: str | None = None
    topic: Topic
    state: HelpState
    version: int = 0
    opened_at: datetime
    updated_at: datetime
    due_at: datetime | None = None  # the helpdesk's answer is due by then (OPEN only)
    answered_at: datetime | None = None  # the helpdesk's last answer
    closed_at: datetime | None = None
    messages: int = 0
    # The brakes on one request's mail to the helpdesk (domain/limits.py): the resident's follow-ups in the
    # current window, and when the helpdesk was last told of a message.
    follow_up_window_start: datetime | None = None
    follow_ups_in_window: int = 0
    helpdesk_notified_at: datetime | None = None


def new_request_id() -> str:
    """Not guessable (60 random bits) and not a registration number: H + 12 characters."""
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    return "H" + "".join(secrets.choice(alphabet) for _ in range(12))


def due_after(start: datetime, working_days: int, holidays: Iterable[date] = ()) -> datetime:
    """`start` moved on by `working_days` working days (WIB calendar), same clock time: Friday 10:00 + 2 is
    Tuesday 10:00, and so is Saturday 10:00 + 2 (the weekend does not count)."""
    off = frozenset(holidays)
    local = start.astimezone(WIB)
    counted = 0
    while counted < working_days:
        local += timedelta(days=1)
        if local.weekday() < 5 and local.date() not in off:
            counted += 1
    return local.astimezone(UTC)


def parse_holidays(text: str) -> tuple[date, ...]:
    """The configured holidays: "2026-12-25,2027-01-01"."""
    return tuple(date.fromisoformat(part.strip()) for part in text.split(",") if part.strip())


def is_overdue(request: HelpRequest, now: datetime) -> bool:
    return request.state is HelpState.OPEN and request.due_at is not None and now > request.due_at


class Transition(BaseModel):
    """A change of a request: its new state, the message it carries (if any) and its audit event."""

    model_config = ConfigDict(frozen=True)

    request: HelpRequest
    message: HelpMessage | None
    event: TimelineEvent
    notify: bool = True  # False: the other side was told of this request moments ago (coalesced)


def _event(
    kind: str, actor: Literal["resident", "officer"], at: datetime, staff_id: str | None
) -> TimelineEvent:
    # Codes and ids only: the body stays in the message.
    return TimelineEvent(at=at, kind=kind, actor=actor, detail=None, staff_id=staff_id)


def open_request(
    *,
    owner: str,
    district_code: str,
    application_id: str | None,
    topic: Topic,
    body: str,
    now: datetime,
    working_days: int,
    holidays: Iterable[date] = (),
) -> Transition:
    request = HelpRequest(
        request_id=new_request_id(),
        owner=owner,
        district_code=district_code,
        application_id=application_id,
        topic=topic,
        state=HelpState.OPEN,
        opened_at=now,
        updated_at=now,
        due_at=due_after(now, working_days, holidays),
        messages=1,
        helpdesk_notified_at=now,
    )
    message = HelpMessage(at=now, author="resident", author_id=owner, body=body)
    return Transition(request=request, message=message, event=_event("HELP_OPENED", "resident", now, None))


class ClosedRequest(Exception):
    """A message or a close on a request already CLOSED."""


class FollowUpLimit(Exception):
    """The resident wrote MAX_FOLLOW_UPS_PER_WINDOW follow-ups on this request in the current window."""


class HelpOpenings(BaseModel):
    """One account's brake on opening requests, kept in one stored item that every open rewrites on the version
    it read, in the same transaction as the request (ports.HelpRequestStore.create): parallel opens are
    serialised by it, so none passes the limits. Ids and times only, no words."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    owner: str
    waiting: tuple[str, ...] = ()  # requests it let in that were not CLOSED when last read
    opened: tuple[datetime, ...] = ()  # when requests were opened, within HELP_OPEN_WINDOW of the last open
    version: int = 0  # the stored item's version; 0: none stored yet


def openings_of(owner: str, owned: Iterable[HelpRequest]) -> HelpOpenings:
    """The brake as the account's requests show it: the first count of an account whose requests predate the
    stored item (version 0, so it is written only if no other open wrote one meanwhile)."""
    mine = list(owned)
    return HelpOpenings(
        owner=owner,
        waiting=tuple(r.request_id for r in mine if r.state is not HelpState.CLOSED),
        opened=tuple(sorted(r.opened_at for r in mine)),
    )


def still_waiting(openings: HelpOpenings, current: Iterable[HelpRequest]) -> HelpOpenings:
    """`openings` without the requests closed since (`current`: the waiting ones as read now; a request gone
    is no longer waiting). Closing frees a place: the close itself never writes the brake."""
    open_now = {r.request_id for r in current if r.state is not HelpState.CLOSED}
    return openings.model_copy(update={"waiting": tuple(i for i in openings.waiting if i in open_now)})


def _recent(opened: Iterable[datetime], now: datetime) -> tuple[datetime, ...]:
    return tuple(t for t in opened if now - t < HELP_OPEN_WINDOW)


def openings_refusal(openings: HelpOpenings, now: datetime) -> str | None:
    """The error code that refuses one more request, or None. Each request e-mails a helpdesk: a few open at
    once, a few a day, are what one person needs."""
    if len(openings.waiting) >= MAX_OPEN_HELP_REQUESTS:
        return "HELP_REQUEST_LIMIT_REACHED"
    if len(_recent(openings.opened, now)) >= MAX_HELP_REQUESTS_PER_DAY:
        return "HELP_REQUEST_LIMIT_REACHED"
    return None


def with_opened(openings: HelpOpenings, request: HelpRequest) -> HelpOpenings:
    """The brake once `request` is in (times outside the window dropped: the item stays a few entries long);
    its version is still the one read, which the store's conditional write checks."""
    return openings.model_copy(
        update={
            "waiting": (*openings.waiting, request.request_id),
            "opened": (*_recent(openings.opened, request.opened_at), request.opened_at),
        }
    )


def open_request_refusal(owned: Iterable[HelpRequest], now: datetime) -> str | None:
    """The error code that refuses one more request by this account (its requests, any state), or None."""
    return openings_refusal(openings_of("", owned), now)


def _counted_follow_up(request: HelpRequest, now: datetime) -> dict[str, object]:
    """The follow-up window after one more follow-up; FollowUpLimit when the window is full."""
    start = request.follow_up_window_start
    if start is None or now - start >= FOLLOW_UP_WINDOW:
        return {"follow_up_window_start": now, "follow_ups_in_window": 1}
    if request.follow_ups_in_window >= MAX_FOLLOW_UPS_PER_WINDOW:
        raise FollowUpLimit(request.request_id)
    return {"follow_ups_in_window": request.follow_ups_in_window + 1}


def _helpdesk_told(request: HelpRequest, now: datetime) -> bool:
    """Whether a follow-up tells the helpdesk: always when it reopens an ANSWERED request (a new answer is
    owed), else at most once per HELPDESK_NOTICE_WINDOW (the queue shows every message anyway)."""
    last = request.helpdesk_notified_at
    return request.state is not HelpState.OPEN or last is None or now - last >= HELPDESK_NOTICE_WINDOW


def resident_writes(
    request: HelpRequest, body: str, now: datetime, working_days: int, holidays: Iterable[date] = ()
) -> Transition:
    """The resident's follow-up: the request waits for the helpdesk again, with a new target if it was
    answered (an OPEN request keeps its first target: writing again does not push the helpdesk's due time).
    FollowUpLimit past the window's follow-ups; the helpdesk's notice is coalesced (_helpdesk_told)."""
    if request.state is HelpState.CLOSED:
        raise ClosedRequest(request.request_id)
    counted = _counted_follow_up(request, now)
    notify = _helpdesk_told(request, now)
    due = request.due_at if request.state is HelpState.OPEN else due_after(now, working_days, holidays)
    changed = request.model_copy(
        update={
            "state": HelpState.OPEN,
            "due_at": due,
            "updated_at": now,
            "messages": request.messages + 1,
            "helpdesk_notified_at": now if notify else request.helpdesk_notified_at,
            **counted,
        }
    )
    message = HelpMessage(at=now, author="resident", author_id=request.owner, body=body)
    return Transition(
        request=changed,
        message=message,
        event=_event("HELP_FOLLOWED_UP", "resident", now, None),
        notify=notify,
    )


def helpdesk_answers(request: HelpRequest, officer_id: str, body: str, now: datetime) -> Transition:
    if request.state is HelpState.CLOSED:
        raise ClosedRequest(request.request_id)
    changed = request.model_copy(
        update={
            "state": HelpState.ANSWERED,
            "due_at": None,
            "answered_at": now,
            "updated_at": now,
            "messages": request.messages + 1,
        }
    )
    message = HelpMessage(at=now, author="helpdesk", author_id=officer_id, body=body)
    return Transition(
        request=changed, message=message, event=_event("HELP_ANSWERED", "officer", now, officer_id)
    )


def close(request: HelpRequest, by: Author, actor_id: str, now: datetime) -> Transition:
    if request.state is HelpState.CLOSED:
        raise ClosedRequest(request.request_id)
    changed = request.model_copy(
        update={"state": HelpState.CLOSED, "due_at": None, "closed_at": now, "updated_at": now}
    )
    staff = actor_id if by == "helpdesk" else None
    actor: Literal["resident", "officer"] = "officer" if by == "helpdesk" else "resident"
    return Transition(request=changed, message=None, event=_event("HELP_CLOSED", actor, now, staff))


def viewed_by_helpdesk(officer_id: str, now: datetime) -> TimelineEvent:
    """A helpdesk officer read the resident's messages: a processing of personal data, on the audit trail."""
    return _event("HELP_VIEWED", "officer", now, officer_id)


class HelpNotice(BaseModel):
    """Who must hear of a change: ids and codes only (no body, no name), as on every event of the bus."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal["1"] = "1"
    request_id: str
    state: HelpState
    change: Literal["HELP_OPENED", "HELP_FOLLOWED_UP", "HELP_ANSWERED", "HELP_CLOSED"]
    notify: Author  # the resident (by the request's owner) or the helpdesk of the district
    district_code: str
    at: datetime


def notice_of(transition: Transition) -> HelpNotice:
    """The other side is told: the helpdesk of a resident's message, the resident of the helpdesk's."""
    event = transition.event
    notify: Author = "resident" if event.actor == "officer" else "helpdesk"
    return HelpNotice(
        request_id=transition.request.request_id,
        state=transition.request.state,
        change=event.kind,  # type: ignore[arg-type]  # the kinds above are the transitions' own
        notify=notify,
        district_code=transition.request.district_code,
        at=event.at,
    )
