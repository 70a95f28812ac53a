"""HTTP API for residents: register, correct, upload, submit, follow the status.

Thin by design: parse and validate (Powertools, from the type hints), call ektp.services, shape the response.
The OpenAPI document (docs/openapi.json) is generated from these routes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response, content_types
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Body, Header, Path, Query
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyValidationError,
)
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel

from ektp.adapters.s3 import S3DocumentStore
from ektp.adapters.secrets import CachedSecretVersions
from ektp.config import ApiSettings
from ektp.domain.access import Principal, allowed, came_through_edge, principal_from_claims
from ektp.domain.forms import ApplicantUpdate, ApplicationRequest
from ektp.domain.reasons import Reason, reason
from ektp.domain.status_lookup import status_link
from ektp.errors import ServiceError
from ektp.issuance.receipt import render_receipt
from ektp.issuance.render import render_card_pdf, render_card_png
from ektp.services.revocations import published_list
from ektp.views import (
    ApplicationDetail,
    ApplicationSummary,
    CardStatusRequest,
    CaseEvidence,
    DataExport,
    DigitalId,
    ErrorBody,
    ErrorResponse,
    LivenessChallenge,
    ReviewCase,
    ReviewDecision,
    StatusLookupAnswer,
    StatusLookupRequest,
    Unauthorized,
    UploadRequest,
    UploadTicket,
    VerifyRequest,
    case_evidence,
    data_export,
    detail,
    liveness_challenge,
    retention_notice,
    review_case,
    status_answer,
    summary,
)
from ektp.wiring import application_service, issuance_service, review_service, status_lookup_service

logger = Logger(service="ektp-api")
app = APIGatewayHttpResolver(enable_validation=True)
settings = ApiSettings.load()
idempotency_config = IdempotencyConfig(
    event_key_jmespath="[owner, key]",
    payload_validation_jmespath="body",
    expires_after_seconds=24 * 3600,
)
persistence = DynamoDBPersistenceLayer(table_name=settings.idempotency_table_name)
edge_secret = (
    CachedSecretVersions(settings.origin_verify_secret_arn) if settings.origin_verify_secret_arn else None
)

RegistrationNumber = Annotated[
    str, Path(description="Registration number, e.g. 7K3M-9QXD-2B4F-X", max_length=32)
]


def _error_response(description: str) -> OpenAPIResponse:
    return {"description": description, "content": {"application/json": {"model": ErrorResponse}}}


ERRORS: dict[int, OpenAPIResponse] = {
    400: _error_response("Malformed request"),
    # A missing or invalid token is answered by the JWT authorizer, before the function, with its own body.
    401: {"description": "Not signed in", "content": {"application/json": {"model": Unauthorized}}},
    403: _error_response("Not allowed for your role"),
    404: _error_response("Unknown or not yours"),
    409: _error_response("Conflict with the application's state"),
    422: _error_response("Invalid data"),
}
BINARY: dict[str, Any] = {"schema": {"type": "string", "format": "binary"}}


def _responses(
    description: str, status: int = 200, content: dict[str, Any] | None = None, *, public: bool = False
) -> dict[int, OpenAPIResponse]:
    """The errors and the success answer (its body from the route's return annotation unless `content`)."""
    success: OpenAPIResponse = {"description": description}
    if content is not None:
        success["content"] = content
    errors = {code: r for code, r in ERRORS.items() if not (public and code in (401, 403))}
    return {**errors, status: success}


def _error(code: str, reasons: list[Reason] | None = None) -> Response[str]:
    entry = reason(code)
    body = ErrorResponse(
        error=ErrorBody(
            code=code, message_id=entry.message_id, message_en=entry.message_en, reasons=reasons or []
        )
    )
    return Response(
        status_code=ServiceError(code).http_status,
        content_type=content_types.APPLICATION_JSON,
        body=body.model_dump_json(),
    )


def _principal() -> Principal:
    principal = principal_from_claims(app.current_event.request_context.authorizer.jwt_claim or {})
    if principal is None:
        raise ServiceError("UNAUTHENTICATED")
    # One rule table for every route (ektp.domain.access); ownership and district are checked on the record.
    if not allowed(app.current_event.route_key, principal):
        raise ServiceError("FORBIDDEN")
    return principal


def _owner() -> str:
    return _principal().subject


def _json(model: BaseModel, status: int = 200) -> Response[Any]:
    # The model itself, not its JSON: Powertools validates and serializes it against the route's annotation.
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=model)


@app.exception_handler(ServiceError)
def _service_error(exc: ServiceError) -> Response[str]:
    return _error(exc.code, exc.reasons)


@app.exception_handler(RequestValidationError)
def _validation_error(exc: RequestValidationError) -> Response[str]:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return _error("MALFORMED_JSON")
    reasons = []
    for e in errors:
        field = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
        code = "UNKNOWN_FIELD" if e.get("type") == "extra_forbidden" else "VALIDATION_FAILED"
        reasons.append(reason(code, field=field, measured=str(e.get("type"))))
    top = (
        "UNKNOWN_FIELD"
        if reasons and all(r.code == "UNKNOWN_FIELD" for r in reasons)
        else "VALIDATION_FAILED"
    )
    return _error(top, reasons)


@app.exception_handler(IdempotencyValidationError)
def _idempotency_reused(_: IdempotencyValidationError) -> Response[str]:
    return _error("IDEMPOTENCY_KEY_REUSED")


@app.exception_handler(IdempotencyAlreadyInProgressError)
def _idempotency_in_progress(_: IdempotencyAlreadyInProgressError) -> Response[str]:
    return _error("REQUEST_IN_PROGRESS")


@app.exception_handler(Exception)
def _unexpected(exc: Exception) -> Response[str]:
    # The resident gets the catalogued 500 (their data is safe, retry later); the log gets the type, not the
    # message, which can quote request data.
    logger.error("unexpected error", extra={"error": type(exc).__name__})
    return _error("INTERNAL_ERROR")


@app.not_found
def _not_found(_: Exception) -> Response[str]:
    return _error("ROUTE_NOT_FOUND")


@idempotent_function(
    data_keyword_argument="request", config=idempotency_config, persistence_store=persistence
)
def _register_once(request: dict[str, Any]) -> dict[str, Any]:
    record = application_service(settings).register(
        request["owner"], ApplicationRequest.model_validate(request["body"])
    )
    return summary(record).model_dump(mode="json")


@app.post(
    "/applications",
    summary="Register an application",
    responses={
        **_responses("Registered", 201),
        429: _error_response("Too many applications for this account (REGISTRATION_LIMIT_REACHED)"),
    },
)
def register(
    body: Annotated[ApplicationRequest, Body()],
    idempotency_key: Annotated[str | None, Header(alias="idempotency-key", max_length=128)] = None,
) -> Response[ApplicationSummary]:
    owner = _owner()
    if idempotency_key:
        # The same key and body returns the first response; the same key with another body is a 409.
        result = _register_once(
            request={"owner": owner, "key": idempotency_key, "body": body.model_dump(mode="json")}
        )
        return _json(ApplicationSummary.model_validate(result), 201)
    return _json(summary(application_service(settings).register(owner, body)), 201)


@app.get("/applications", summary="List my applications", responses=_responses("My applications"))
def list_mine() -> list[ApplicationSummary]:
    return [summary(r) for r in application_service(settings).list_for(_owner())]


@app.get(
    "/applications/<registration_number>",
    summary="Status, documents and timeline",
    responses=_responses("The application"),
)
def get_application(registration_number: RegistrationNumber) -> ApplicationDetail:
    return detail(application_service(settings).view(_owner(), registration_number))


@app.patch(
    "/applications/<registration_number>",
    summary="Correct the personal data",
    responses=_responses("Corrected"),
)
def correct(
    registration_number: RegistrationNumber, body: Annotated[ApplicantUpdate, Body()]
) -> ApplicationSummary:
    return summary(
        application_service(settings).update_applicant(_owner(), registration_number, body.applicant)
    )


@app.post(
    "/applications/<registration_number>/documents/<document_type>",
    summary="Get a presigned POST to upload one document",
    responses={
        **_responses("Upload ticket", 201),
        429: _error_response("Too many uploads for this document"),
    },
)
def request_upload(
    registration_number: RegistrationNumber,
    document_type: Annotated[str, Path(max_length=32)],
    body: Annotated[UploadRequest, Body()],
) -> Response[UploadTicket]:
    grant = application_service(settings).request_upload(
        _owner(), registration_number, document_type, body.content_type
    )
    ticket = UploadTicket(
        document_type=grant.document.document_type,
        upload_id=grant.document.upload_id,
        url=grant.post.url,
        fields=dict(grant.post.fields),
        expires_in=grant.post.expires_in,
        max_bytes=grant.document.max_bytes,
        content_type=grant.document.declared_content_type,
    )
    return _json(ticket, 201)


@app.post(
    "/applications/<registration_number>/liveness-challenge",
    summary="A new active-liveness challenge: the head poses the LIVENESS upload must show, in order",
    responses=_responses("Liveness challenge", 201),
)
def new_liveness_challenge(registration_number: RegistrationNumber) -> Response[LivenessChallenge]:
    record = application_service(settings).issue_liveness_challenge(_owner(), registration_number)
    return _json(liveness_challenge(record), 201)


@app.get(
    "/applications/<registration_number>/export",
    summary="My data and every processing of it (UU PDP access right)",
    responses=_responses("My data"),
)
def export(registration_number: RegistrationNumber) -> DataExport:
    view = application_service(settings).export(_owner(), registration_number)
    return data_export(view, datetime.now(UTC), retention_notice(settings.raw_upload_retention_days))


@app.post(
    "/applications/<registration_number>/submit",
    summary="Submit for verification",
    responses={
        **_responses("Submitted"),
        429: _error_response("Too many submissions (SUBMISSION_LIMIT_REACHED): the office helps in person"),
    },
)
def submit(registration_number: RegistrationNumber) -> ApplicationSummary:
    return summary(application_service(settings).submit(_owner(), registration_number))


@app.get(
    "/applications/<registration_number>/digital-id",
    summary="My digital ID (IKD): the signed credential as JSON, or the card as PNG or PDF",
    responses=_responses(
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
    card, token, photo = issuance_service(settings).digital_id(_owner(), registration_number)
    if format == "photo":  # the exact bytes the credential's `pho` claim binds, for a checker to compare
        if photo is None:
            raise ServiceError("CARD_NOT_FOUND")
        return Response(200, "image/jpeg", photo)
    if format == "png":
        return Response(200, "image/png", render_card_png(card, token, photo))
    if format == "pdf":
        return Response(200, "application/pdf", render_card_pdf(card, token, photo))
    return _json(DigitalId(card_id=card.card_id, card_status=str(card.status), credential=token))


@app.post(
    "/applications/<registration_number>/digital-id/report-lost",
    summary="Report my card lost: the card and its digital ID are revoked at once",
    responses=_responses("Card revoked"),
)
def report_lost(registration_number: RegistrationNumber) -> dict[str, Any]:
    card = issuance_service(settings).report_lost(_owner(), registration_number)
    return {"card_id": card.card_id, "status": str(card.status)}


@app.get(
    "/applications/<registration_number>/receipt",
    summary="Proof of registration (PDF)",
    responses=_responses("The receipt", content={"application/pdf": BINARY}),
)
def receipt(registration_number: RegistrationNumber):  # type: ignore[no-untyped-def]  # binary body
    record = application_service(settings).view(_owner(), registration_number).application
    pdf = render_receipt(
        record.application_id,
        record.created_at,
        status_link(settings.status_page_url, record.application_id),
        str(record.application_type),
    )
    return Response(200, "application/pdf", pdf)


@app.post(
    "/status",
    summary="Public: the status and the next step by registration number and date of birth (rate limited)",
    responses={
        **_responses("The status and the next step", public=True),
        404: _error_response("Unknown number, malformed number or wrong date of birth: one answer for all"),
        429: _error_response(
            "Too many failed attempts on this number or from this source (STATUS_LOOKUP_LOCKED)"
        ),
    },
)
def status_lookup(body: Annotated[StatusLookupRequest, Body()]) -> StatusLookupAnswer:
    source_ip = app.current_event.request_context.http.source_ip
    return status_answer(
        status_lookup_service(settings).lookup(body.registration_number, body.birth_date, source_ip)
    )


@app.post(
    "/verify",
    summary="Public: verify a digital ID (signature, expiry, revocation)",
    responses=_responses("The verdict (valid or not, with reasons)", public=True),
)
def verify(body: Annotated[VerifyRequest, Body()]) -> dict[str, Any]:
    return dict(issuance_service(settings).verify(body.credential).summary())


@app.get(
    "/public-key",
    summary="Public: the PEM public key that signs digital IDs",
    responses={
        200: {"description": "PEM", "content": {"application/x-pem-file": {"schema": {"type": "string"}}}}
    },
)
def public_key():  # type: ignore[no-untyped-def]  # a PEM text body, not JSON
    return Response(200, "application/x-pem-file", issuance_service(settings).public_key_pem())


@app.get(
    "/revocations",
    summary="Public: the signed revocation list for offline verifiers (a JWS; refreshed hourly)",
    responses={
        200: {"description": "JWS", "content": {"application/jose": {"schema": {"type": "string"}}}},
        404: _error_response("Not published yet (a new deployment, before the first hourly run)"),
    },
)
def revocations():  # type: ignore[no-untyped-def]  # a JWS text body, not JSON
    if not settings.revocation_bucket_name:
        raise ServiceError("REVOCATION_LIST_UNAVAILABLE")
    token = published_list(S3DocumentStore(settings.revocation_bucket_name))
    # Caches may keep it a few minutes: the list is signed and states its own maximum age.
    return Response(200, "application/jose", token, headers={"Cache-Control": "public, max-age=300"})


@app.post(
    "/cards/<card_id>/status",
    summary="Operators: move a card along its print states",
    responses=_responses("The card's new status"),
)
def card_status(
    card_id: Annotated[str, Path(max_length=64)], body: Annotated[CardStatusRequest, Body()]
) -> dict[str, Any]:
    _principal()
    card = issuance_service(settings).advance_card(card_id, body.status, body.detail)
    return {"card_id": card.card_id, "status": str(card.status)}


@app.get(
    "/review/queue", summary="Officers: the review queue of my district", responses=_responses("The queue")
)
def review_queue(
    district: Annotated[
        str | None, Query(pattern=r"^\d{2}\.\d{2}\.\d{2}$", description="operators only")
    ] = None,
) -> list[ReviewCase]:
    return [review_case(r) for r in review_service(settings).queue(_principal(), district)]


@app.get(
    "/review/<registration_number>",
    summary="Officers: the evidence of one case",
    responses=_responses("The case's evidence"),
)
def review_evidence(registration_number: RegistrationNumber) -> CaseEvidence:
    return case_evidence(review_service(settings).evidence(_principal(), registration_number))


@app.post(
    "/review/<registration_number>/decision",
    summary="Officers: approve or reject a case",
    responses=_responses("Decided"),
)
def review_decision(
    registration_number: RegistrationNumber, body: Annotated[ReviewDecision, Body()]
) -> ApplicationSummary:
    record = review_service(settings).decide(
        _principal(), registration_number, body.decision, body.reasons, body.note
    )
    return summary(record)


def _refused(event: dict[str, Any]) -> dict[str, Any] | None:
    """Requests refused before routing: those that bypassed CloudFront (and so its WAF) by calling the
    execute-api URL directly, and non-JSON bodies (the document declares no other type; the resolver would
    also read forms and multipart, and fail with a 500 on text/plain or on multipart without a boundary)."""
    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
    if edge_secret is not None and not came_through_edge(headers, edge_secret.values()):
        logger.warning("refused a request that bypassed the edge", extra={"route": event.get("routeKey")})
        return _raw_error("DIRECT_ACCESS_FORBIDDEN")
    content_type = str(headers.get("content-type", "")).strip().lower()
    if not event.get("body") or not content_type or content_type.startswith("application/json"):
        return None
    return _raw_error("MALFORMED_JSON")


def _raw_error(code: str) -> dict[str, Any]:
    refused = _error(code)
    return {
        "statusCode": refused.status_code,
        "headers": {"Content-Type": content_types.APPLICATION_JSON},
        "body": refused.body,
        "isBase64Encoded": False,
    }


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    idempotency_config.register_lambda_context(context)
    return _refused(event) or app.resolve(event, context)


def openapi_document() -> str:
    schema = app.get_openapi_json_schema(
        title="ektp: e-KTP online application API",
        version="1.0.0",
        description="Register an e-KTP application, upload documents through presigned POSTs, submit, follow status.",
    )
    return json.dumps(json.loads(schema), indent=2, sort_keys=True) + "\n"
