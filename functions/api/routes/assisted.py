"""Officers: assisted registration at the office (issue 20 item 3). An officer registers an application for a
resident present there, uploads the scanned documents through the same upload tickets and checks, and submits;
the chain runs as for any application. Who entered it is the signed-in officer, never a request field; the
district and the channel are checked on the record (ektp.services.assisted)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Path

from ektp.domain.forms import ApplicantUpdate, ApplicationRequest
from ektp.services.assisted import AssistedService
from ektp.views import (
    ApplicationSummary,
    AssistedCase,
    UploadRequest,
    UploadTicket,
    assisted_case,
    summary,
    upload_ticket,
)
from ektp.wiring import application_service

from .base import AudienceRouter, RegistrationNumber, json_response, responses

router = AudienceRouter("officer")


def _service() -> AssistedService:
    from ektp.adapters.dynamodb import DynamoApplicationRepository

    settings = router.settings
    return AssistedService(application_service(settings), DynamoApplicationRepository(settings.table_name))


@router.post(
    "/assisted/applications",
    summary="Officers: register an application for a resident at the office (domicile in my district)",
    responses=responses("Registered", 201),
)
def register(body: Annotated[ApplicationRequest, Body()]) -> Response[ApplicationSummary]:
    return json_response(summary(_service().register(router.principal(), body)), 201)


@router.get(
    "/assisted/applications/<registration_number>",
    summary="Officers: an application I or my district's officers entered at the office",
    responses=responses("The application, its channel and who entered it"),
)
def get_assisted(registration_number: RegistrationNumber) -> AssistedCase:
    return assisted_case(_service().view(router.principal(), registration_number))


@router.patch(
    "/assisted/applications/<registration_number>",
    summary="Officers: correct the data of an application entered at the office (DRAFT or REJECTED)",
    responses=responses("Corrected"),
)
def correct(
    registration_number: RegistrationNumber, body: Annotated[ApplicantUpdate, Body()]
) -> ApplicationSummary:
    return summary(_service().correct(router.principal(), registration_number, body.applicant))


@router.post(
    "/assisted/applications/<registration_number>/documents/<document_type>",
    summary="Officers: a presigned POST to upload one scanned document",
    responses=responses("Upload ticket", 201),
)
def request_upload(
    registration_number: RegistrationNumber,
    document_type: Annotated[str, Path(max_length=32)],
    body: Annotated[UploadRequest, Body()],
) -> Response[UploadTicket]:
    grant = _service().request_upload(
        router.principal(), registration_number, document_type, body.content_type
    )
    return json_response(upload_ticket(grant), 201)


@router.post(
    "/assisted/applications/<registration_number>/submit",
    summary="Officers: submit an application entered at the office for verification",
    responses=responses("Submitted"),
)
def submit(registration_number: RegistrationNumber) -> ApplicationSummary:
    return summary(_service().submit(router.principal(), registration_number))
