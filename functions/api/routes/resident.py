"""Residents: register, correct, upload, submit, follow the status, and their card and data (their own only:
ownership is checked on the record by the services)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Header, Path, Query
from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)

from ektp.config import ApiSettings
from ektp.domain.forms import ApplicantUpdate, ApplicationRequest
from ektp.domain.status_lookup import status_link
from ektp.errors import ServiceError
from ektp.issuance.receipt import render_receipt
from ektp.issuance.render import render_card_pdf, render_card_png
from ektp.views import (
    ApplicationDetail,
    ApplicationSummary,
    DataExport,
    DigitalId,
    LivenessChallenge,
    UploadRequest,
    UploadTicket,
    data_export,
    detail,
    liveness_challenge,
    retention_notice,
    summary,
    upload_ticket,
)
from ektp.wiring import application_service, issuance_service

from .base import BINARY, AudienceRouter, RegistrationNumber, error_response, json_response, responses

router = AudienceRouter("resident")
IDEMPOTENCY = IdempotencyConfig(
    event_key_jmespath="[owner, key]",
    payload_validation_jmespath="body",
    expires_after_seconds=24 * 3600,
)


@lru_cache(maxsize=4)
def _registration_once(settings: ApiSettings) -> Callable[..., dict[str, Any]]:
    """The registration behind an Idempotency-Key, on the deployment's idempotency table."""
    persistence = DynamoDBPersistenceLayer(table_name=settings.idempotency_table_name)

    @idempotent_function(data_keyword_argument="request", config=IDEMPOTENCY, persistence_store=persistence)
    def _register_once(request: dict[str, Any]) -> dict[str, Any]:
        record = application_service(settings).register(
            request["owner"], ApplicationRequest.model_validate(request["body"])
        )
        return summary(record).model_dump(mode="json")

    once: Callable[..., dict[str, Any]] = _register_once  # the decorator is untyped
    return once


@router.post(
    "/applications",
    summary="Register an application",
    responses={
        **responses("Registered", 201),
        429: error_response("Too many applications for this account (REGISTRATION_LIMIT_REACHED)"),
    },
)
def register(
    body: Annotated[ApplicationRequest, Body()],
    idempotency_key: Annotated[str | None, Header(alias="idempotency-key", max_length=128)] = None,
) -> Response[ApplicationSummary]:
    owner = router.owner()
    if idempotency_key:
        # The same key and body returns the first response; the same key with another body is a 409.
        result = _registration_once(router.settings)(
            request={"owner": owner, "key": idempotency_key, "body": body.model_dump(mode="json")}
        )
        return json_response(ApplicationSummary.model_validate(result), 201)
    return json_response(summary(application_service(router.settings).register(owner, body)), 201)


@router.get("/applications", summary="List my applications", responses=responses("My applications"))
def list_mine() -> list[ApplicationSummary]:
    return [summary(r) for r in application_service(router.settings).list_for(router.owner())]


@router.get(
    "/applications/<registration_number>",
    summary="Status, documents and timeline",
    responses=responses("The application"),
)
def get_application(registration_number: RegistrationNumber) -> ApplicationDetail:
    return detail(application_service(router.settings).view(router.owner(), registration_number))


@router.patch(
    "/applications/<registration_number>",
    summary="Correct the personal data",
    responses=responses("Corrected"),
)
def correct(
    registration_number: RegistrationNumber, body: Annotated[ApplicantUpdate, Body()]
) -> ApplicationSummary:
    return summary(
        application_service(router.settings).update_applicant(
            router.owner(), registration_number, body.applicant
        )
    )


@router.post(
    "/applications/<registration_number>/documents/<document_type>",
    summary="Get a presigned POST to upload one document",
    responses={
        **responses("Upload ticket", 201),
        429: error_response("Too many uploads for this document"),
    },
)
def request_upload(
    registration_number: RegistrationNumber,
    document_type: Annotated[str, Path(max_length=32)],
    body: Annotated[UploadRequest, Body()],
) -> Response[UploadTicket]:
    grant = application_service(router.settings).request_upload(
        router.owner(), registration_number, document_type, body.content_type
    )
    return json_response(upload_ticket(grant), 201)


@router.post(
    "/applications/<registration_number>/liveness-challenge",
    summary="A new active-liveness challenge: the head poses the LIVENESS upload must show, in order",
    responses=responses("Liveness challenge", 201),
)
def new_liveness_challenge(registration_number: RegistrationNumber) -> Response[LivenessChallenge]:
    record = application_service(router.settings).issue_liveness_challenge(
        router.owner(), registration_number
    )
    return json_response(liveness_challenge(record), 201)


@router.get(
    "/applications/<registration_number>/export",
    summary="My data and every processing of it (UU PDP access right)",
    responses=responses("My data"),
)
def export(registration_number: RegistrationNumber) -> DataExport:
    settings = router.settings
    view = application_service(settings).export(router.owner(), registration_number)
    return data_export(view, datetime.now(UTC), retention_notice(settings.raw_upload_retention_days))


@router.post(
    "/applications/<registration_number>/submit",
    summary="Submit for verification",
    responses={
        **responses("Submitted"),
        429: error_response("Too many submissions (SUBMISSION_LIMIT_REACHED): the office helps in person"),
    },
)
def submit(registration_number: RegistrationNumber) -> ApplicationSummary:
    return summary(application_service(router.settings).submit(router.owner(), registration_number))


@router.get(
    "/applications/<registration_number>/digital-id",
    summary="My digital ID (IKD): the signed credential as JSON, or the card as PNG or PDF",
    responses=responses(
        "The credential (format=json), the card (png, pdf) or the photo the credential binds (photo)",
        content={
            "application/json": {"model": DigitalId},
            "image/png": BINARY,
            "application/pdf": BINARY,
            "image/jpeg": BINARY,
        },
    ),
)
# No return annotation on the binary routes: Powertools then skips response validation (bytes are not JSON).
def digital_id(  # type: ignore[no-untyped-def]
    registration_number: RegistrationNumber,
    format: Annotated[Literal["json", "png", "pdf", "photo"], Query()] = "json",
):
    # A credential near its expiry is re-issued first (the silent refresh): every format carries the new one.
    card, token, photo = issuance_service(router.settings).digital_id(router.owner(), registration_number)
    if format == "photo":  # the exact bytes the credential's `pho` claim binds, for a checker to compare
        if photo is None:
            raise ServiceError("CARD_NOT_FOUND")
        return Response(200, "image/jpeg", photo)
    if format == "png":
        return Response(200, "image/png", render_card_png(card, token, photo))
    if format == "pdf":
        return Response(200, "application/pdf", render_card_pdf(card, token, photo))
    return json_response(DigitalId(card_id=card.card_id, card_status=str(card.status), credential=token))


@router.post(
    "/applications/<registration_number>/digital-id/report-lost",
    summary="Report my card lost: the card and its digital ID are revoked at once",
    responses=responses("Card revoked"),
)
def report_lost(registration_number: RegistrationNumber) -> dict[str, Any]:
    card = issuance_service(router.settings).report_lost(router.owner(), registration_number)
    return {"card_id": card.card_id, "status": str(card.status)}


@router.get(
    "/applications/<registration_number>/receipt",
    summary="Proof of registration (PDF)",
    responses=responses("The receipt", content={"application/pdf": BINARY}),
)
def receipt(registration_number: RegistrationNumber):  # type: ignore[no-untyped-def]  # binary body
    settings = router.settings
    record = application_service(settings).view(router.owner(), registration_number).application
    pdf = render_receipt(
        record.application_id,
        record.created_at,
        status_link(settings.status_page_url, record.application_id),
        str(record.application_type),
    )
    return Response(200, "application/pdf", pdf)
