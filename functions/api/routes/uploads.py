"""Residents: resumable uploads of one document (issue 20 item 5), an S3 multipart upload in parts the browser
PUTs to presigned URLs; the server starts it, lists what arrived, completes it after its checks, or aborts it
(ektp.services.uploads_multipart: ownership on the record, the budget, the size limit)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Path
from pydantic import BaseModel, ConfigDict, Field

from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.adapters.s3 import S3DocumentStore
from ektp.config import ApiSettings
from ektp.domain.application import DocumentType
from ektp.domain.records import DocumentRecord
from ektp.domain.status import DocumentStatus
from ektp.services.uploads_multipart import MAX_PART_URLS, MultipartUploads, PartUrls
from ektp.services.uploads_multipart import MultipartTicket as MultipartStart
from ektp.views import MultipartStartRequest
from ektp.wiring import application_service

from .base import AudienceRouter, RegistrationNumber, error_response, json_response, responses

router = AudienceRouter("resident")
DOCUMENT = "/applications/<registration_number>/documents/<document_type>"
UPLOAD = DOCUMENT + "/<upload_id>"
DocumentTypeName = Annotated[str, Path(max_length=32)]
UploadId = Annotated[str, Path(max_length=64)]
MultipartId = Annotated[str, Field(min_length=1, max_length=1024, description="S3's upload id, as started")]


class MultipartTicket(BaseModel):
    """Cut the file into parts of `part_bytes` (the last one shorter), PUT each to its URL (POST .../parts; each
    URL takes exactly its part's length of the declared `size`, here `max_bytes`),
    then POST .../complete with the number of parts. Keep `upload_id` and `multipart_id` to resume."""

    document_type: DocumentType
    upload_id: str
    multipart_id: str
    part_bytes: int
    max_parts: int
    max_bytes: int
    content_type: str
    expires_in: int


class PartsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    multipart_id: MultipartId
    part_numbers: list[Annotated[int, Field(ge=1, le=10000)]] = Field(max_length=MAX_PART_URLS)


class PartUrl(BaseModel):
    part_number: int
    url: str


class UploadedPartView(BaseModel):
    part_number: int
    size: int


class PartUrlsView(BaseModel):
    """`uploaded`: the parts S3 already holds (a resumed client sends only the others)."""

    urls: list[PartUrl]
    uploaded: list[UploadedPartView]
    expires_in: int


class CompleteRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    multipart_id: MultipartId
    part_count: int = Field(ge=1, le=10000, description="How many parts the file was cut into")


class AbortRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    multipart_id: MultipartId


class UploadState(BaseModel):
    document_type: DocumentType
    upload_id: str
    status: DocumentStatus


def upload_state(document: DocumentRecord, status: int = 200) -> Response[UploadState]:
    view = UploadState(
        document_type=document.document_type, upload_id=document.upload_id, status=document.status
    )
    return json_response(view, status)


def multipart_uploads(settings: ApiSettings) -> MultipartUploads:
    # Small objects over the process-wide clients (ektp.adapters.aws); the application service is cached.
    return MultipartUploads(
        application_service(settings),
        DynamoApplicationRepository(settings.table_name),
        S3DocumentStore(settings.upload_bucket_name),
        url_ttl_seconds=settings.upload_url_ttl_seconds,
    )


@router.post(
    DOCUMENT + "/multipart",
    summary="Start a resumable (multipart) upload of one document",
    responses={**responses("Multipart upload started", 201), 429: error_response("Upload limit reached")},
)
def start_multipart(
    registration_number: RegistrationNumber,
    document_type: DocumentTypeName,
    body: Annotated[MultipartStartRequest, Body()],
) -> Response[MultipartTicket]:
    ticket = multipart_uploads(router.settings).start(
        router.owner(), registration_number, document_type, body.content_type, size=body.size
    )
    return json_response(multipart_ticket(ticket), 201)


def multipart_ticket(ticket: MultipartStart) -> MultipartTicket:
    """What the client keeps to send and resume (also the officer's, functions/api/routes/assisted.py)."""
    return MultipartTicket(
        document_type=ticket.document.document_type,
        upload_id=ticket.document.upload_id,
        multipart_id=ticket.multipart_id,
        part_bytes=ticket.part_bytes,
        max_parts=ticket.max_parts,
        max_bytes=ticket.document.max_bytes,
        content_type=ticket.document.declared_content_type,
        expires_in=ticket.expires_in,
    )


@router.post(
    UPLOAD + "/parts",
    summary="Presigned URLs for parts of a multipart upload, and the parts already uploaded",
    responses=responses("Part URLs"),
)
def part_urls(
    registration_number: RegistrationNumber,
    document_type: DocumentTypeName,
    upload_id: UploadId,
    body: Annotated[PartsRequest, Body()],
) -> Response[PartUrlsView]:
    parts = multipart_uploads(router.settings).part_urls(
        router.owner(), registration_number, document_type, upload_id, body.multipart_id, body.part_numbers
    )
    return json_response(part_urls_view(parts))


def part_urls_view(parts: PartUrls) -> PartUrlsView:
    return PartUrlsView(
        urls=[PartUrl(part_number=n, url=url) for n, url in sorted(parts.urls.items())],
        uploaded=[UploadedPartView(part_number=p.number, size=p.size) for p in parts.uploaded],
        expires_in=parts.expires_in,
    )


@router.post(
    UPLOAD + "/complete",
    summary="Complete a multipart upload after checking its parts (the document then goes through intake)",
    responses=responses("Completed: intake checks the document next", 202),
)
def complete_multipart(
    registration_number: RegistrationNumber,
    document_type: DocumentTypeName,
    upload_id: UploadId,
    body: Annotated[CompleteRequest, Body()],
) -> Response[UploadState]:
    document = multipart_uploads(router.settings).complete(
        router.owner(), registration_number, document_type, upload_id, body.multipart_id, body.part_count
    )
    return upload_state(document, 202)


@router.post(
    UPLOAD + "/abort",
    summary="Abort a multipart upload; its place in the upload limit is given back",
    responses=responses("Aborted"),
)
def abort_multipart(
    registration_number: RegistrationNumber,
    document_type: DocumentTypeName,
    upload_id: UploadId,
    body: Annotated[AbortRequest, Body()],
) -> Response[UploadState]:
    document = multipart_uploads(router.settings).abort(
        router.owner(), registration_number, document_type, upload_id, body.multipart_id
    )
    return upload_state(document)
