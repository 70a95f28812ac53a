"""Help requests (issue 20 item 7): residents ask, the helpdesk officers of the district answer.

Two routers: the resident's (their own requests only) and the helpdesk's (their district's only); both checks
are on the record (ektp.services.help_requests), the audience's by the app's middleware.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Path, Query
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ektp.domain.application import is_message_text
from ektp.domain.help_requests import MAX_BODY_CHARS, Author, HelpState, Topic
from ektp.services.help_requests import HelpThread
from ektp.wiring import help_request_service

from .base import AudienceRouter, json_response, responses

resident_router = AudienceRouter("resident")
helpdesk_router = AudienceRouter("helpdesk")

RequestId = Annotated[str, Path(description="Help request id, e.g. H7K3M9QXD2B4F", max_length=16)]


def _message_text(value: str) -> str:
    # Shown on the helpdesk's screen: a right-to-left override or a zero-width character makes it show
    # other text than it holds (tests/unit/api/test_help_message_characters.py).
    if not is_message_text(value):
        raise ValueError("contains a control or invisible format character")
    return value


MessageText = Annotated[str, Field(min_length=1, max_length=MAX_BODY_CHARS), AfterValidator(_message_text)]


class HelpRequestOpen(BaseModel):
    """A question, about one of my applications (its district's helpdesk answers) or not (then my district)."""

    model_config = ConfigDict(extra="forbid")

    topic: Topic
    message: MessageText
    registration_number: str | None = Field(default=None, max_length=32)
    district_code: str | None = Field(
        default=None, max_length=8, description="Without an application: my district (kecamatan), 31.71.01"
    )


class HelpMessageRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: MessageText


class HelpMessageView(BaseModel):
    at: datetime
    author: Author  # the helpdesk answers as the desk: no officer's id or name to the resident
    message: str


class HelpRequestSummary(BaseModel):
    request_id: str
    topic: Topic
    state: HelpState
    registration_number: str | None
    district_code: str
    opened_at: datetime
    updated_at: datetime
    due_at: datetime | None = Field(description="The helpdesk's answer is due by then (OPEN only)")
    overdue: bool
    messages: int


class HelpRequestDetail(HelpRequestSummary):
    thread: list[HelpMessageView]


def _summary(thread: HelpThread) -> HelpRequestSummary:
    r = thread.request
    return HelpRequestSummary(
        request_id=r.request_id,
        topic=r.topic,
        state=r.state,
        registration_number=r.application_id,
        district_code=r.district_code,
        opened_at=r.opened_at,
        updated_at=r.updated_at,
        due_at=r.due_at,
        overdue=thread.overdue,
        messages=r.messages,
    )


def _detail(thread: HelpThread) -> HelpRequestDetail:
    return HelpRequestDetail(
        **_summary(thread).model_dump(),
        thread=[HelpMessageView(at=m.at, author=m.author, message=m.body) for m in thread.messages],
    )


# --- residents ----------------------------------------------------------------------------------------
@resident_router.post(
    "/help-requests", summary="Ask the helpdesk of my district", responses=responses("Opened", 201)
)
def open_help_request(body: Annotated[HelpRequestOpen, Body()]) -> Response[HelpRequestDetail]:
    thread = help_request_service(resident_router.settings).open(
        resident_router.principal(), body.topic, body.message, body.registration_number, body.district_code
    )
    return json_response(_detail(thread), 201)


@resident_router.get("/help-requests", summary="My help requests", responses=responses("My help requests"))
def my_help_requests() -> list[HelpRequestSummary]:
    service = help_request_service(resident_router.settings)
    return [_summary(t) for t in service.mine(resident_router.principal())]


@resident_router.get(
    "/help-requests/<request_id>", summary="One of my help requests", responses=responses("The request")
)
def my_help_request(request_id: RequestId) -> HelpRequestDetail:
    service = help_request_service(resident_router.settings)
    return _detail(service.view_as_resident(resident_router.principal(), request_id))


@resident_router.post(
    "/help-requests/<request_id>/messages",
    summary="Write again on my help request (it waits for the helpdesk again)",
    responses=responses("Written"),
)
def follow_up(request_id: RequestId, body: Annotated[HelpMessageRequest, Body()]) -> HelpRequestDetail:
    service = help_request_service(resident_router.settings)
    return _detail(service.follow_up(resident_router.principal(), request_id, body.message))


@resident_router.post(
    "/help-requests/<request_id>/close", summary="Close my help request", responses=responses("Closed")
)
def close_mine(request_id: RequestId) -> HelpRequestDetail:
    service = help_request_service(resident_router.settings)
    return _detail(service.close_as_resident(resident_router.principal(), request_id))


# --- the district's helpdesk --------------------------------------------------------------------------
@helpdesk_router.get(
    "/helpdesk/requests",
    summary="Helpdesk: my district's help requests in one state, the longest waiting first",
    responses=responses("The requests"),
)
def desk_queue(state: Annotated[HelpState, Query()] = HelpState.OPEN) -> list[HelpRequestSummary]:
    service = help_request_service(helpdesk_router.settings)
    return [_summary(t) for t in service.desk_queue(helpdesk_router.principal(), state)]


@helpdesk_router.get(
    "/helpdesk/requests/<request_id>",
    summary="Helpdesk: one request of my district, with its messages (the reading is audited)",
    responses=responses("The request"),
)
def desk_request(request_id: RequestId) -> HelpRequestDetail:
    service = help_request_service(helpdesk_router.settings)
    return _detail(service.view_as_helpdesk(helpdesk_router.principal(), request_id))


@helpdesk_router.post(
    "/helpdesk/requests/<request_id>/answer",
    summary="Helpdesk: answer a request of my district (the resident is notified)",
    responses=responses("Answered"),
)
def answer(request_id: RequestId, body: Annotated[HelpMessageRequest, Body()]) -> HelpRequestDetail:
    service = help_request_service(helpdesk_router.settings)
    return _detail(service.answer(helpdesk_router.principal(), request_id, body.message))


@helpdesk_router.post(
    "/helpdesk/requests/<request_id>/close",
    summary="Helpdesk: close a request of my district",
    responses=responses("Closed"),
)
def close_at_desk(request_id: RequestId) -> HelpRequestDetail:
    service = help_request_service(helpdesk_router.settings)
    return _detail(service.close_as_helpdesk(helpdesk_router.principal(), request_id))
