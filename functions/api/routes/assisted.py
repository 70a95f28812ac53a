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
    AssistedEntry,
    MultipartStartRequest,
    UploadRequest,
    UploadTicket,
    assisted_case,
    assisted_entry,
    summary,
    upload_ticket,
)
from ektp.wiring import application_service

from .base import AudienceRouter, RegistrationNumber, json_response, responses
from .uploads import (
    AbortRequest,
    CompleteRequest,
    DocumentTypeName,
    MultipartTicket,
    PartsRequest,
    PartUrlsView,
    UploadId,
    UploadState,
    multipart_ticket,
    multipart_uploads,
    part_urls_view,
    upload_state,
)

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
    "/assisted/applications",
    summary="Officers: the applications my district entered at the office, newest first, with their status",
    responses=responses("The district's assisted applications"),
)
def list_entered() -> list[AssistedEntry]:
    return [assisted_entry(r) for r in _service().entered(router.principal())]


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


# Resumable uploads of the scans (issue 20 item 5 for the office): the resident routes' multipart upload on the
# record the officer's district holds (AssistedService.case), so the web client's upload module serves both.
DOCUMENT = "/assisted/applications/<registration_number>/documents/<document_type>"
UPLOAD = DOCUMENT + "/<upload_id>"


@router.post(
    DOCUMENT + "/multipart",
    summary="Officers: start a resumable (multipart) upload of one scanned document",
    responses=responses("Multipart upload started", 201),
)
def start_multipart(
    registration_number: RegistrationNumber,
    document_type: DocumentTypeName,
    body: Annotated[MultipartStartRequest, Body()],
) -> Response[MultipartTicket]:
    officer = router.principal()
    record = _service().case(officer, registration_number)
    ticket = multipart_uploads(router.settings).start(
        record.owner,
        record.application_id,
        document_type,
        body.content_type,
        size=body.size,
        staff_id=officer.subject,
    )
    return json_response(multipart_ticket(ticket), 201)


@router.post(
    UPLOAD + "/parts",
    summary="Officers: presigned URLs for parts of a scan's multipart upload, and the parts already uploaded",
    responses=responses("Part URLs"),
)
def part_urls(
    registration_number: RegistrationNumber,
    document_type: DocumentTypeName,
    upload_id: UploadId,
    body: Annotated[PartsRequest, Body()],
) -> Response[PartUrlsView]:
    officer = router.principal()
    record = _service().case(officer, registration_number)
    parts = multipart_uploads(router.settings).part_urls(
        record.owner,
        record.application_id,
        document_type,
        upload_id,
        body.multipart_id,
        body.part_numbers,
        staff_id=officer.subject,
    )
    return json_response(part_urls_view(parts))


@router.post(
    UPLOAD + "/complete",
    summary="Officers: complete a scan's multipart upload (the document then goes through intake)",
    responses=responses("Completed: intake checks the document next", 202),
)
def complete_multipart(
    registration_number: RegistrationNumber,
    document_type: DocumentTypeName,
    upload_id: UploadId,
    body: Annotated[CompleteRequest, Body()],
) -> Response[UploadState]:
    officer = router.principal()
    record = _service().case(officer, registration_number)
    document = multipart_uploads(router.settings).complete(
        record.owner,
        record.application_id,
        document_type,
        upload_id,
        body.multipart_id,
        body.part_count,
        staff_id=officer.subject,
    )
    return upload_state(document, 202)


@router.post(
    UPLOAD + "/abort",
    summary="Officers: abort a scan's multipart upload; its place in the upload limit is given back",
    responses=responses("Aborted"),
)
def abort_multipart(
    registration_number: RegistrationNumber,
    document_type: DocumentTypeName,
    upload_id: UploadId,
    body: Annotated[AbortRequest, Body()],
) -> Response[UploadState]:
    officer = router.principal()
    record = _service().case(officer, registration_number)
    document = multipart_uploads(router.settings).abort(
        record.owner,
        record.application_id,
        document_type,
        upload_id,
        body.multipart_id,
        staff_id=officer.subject,
    )
    return upload_state(document)
