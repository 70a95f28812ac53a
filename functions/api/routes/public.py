"""Open to anyone, no token: the status by registration number, and what verifiers of a digital ID need."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body

from ektp.adapters.s3 import S3DocumentStore
from ektp.errors import ServiceError
from ektp.services.revocations import published_list
from ektp.views import StatusLookupAnswer, StatusLookupRequest, VerifyRequest, status_answer
from ektp.wiring import issuance_service, status_lookup_service

from .base import AudienceRouter, error_response, responses

router = AudienceRouter("public")


@router.post(
    "/status",
    summary="Public: the status and the next step by registration number and date of birth (rate limited)",
    responses={
        **responses("The status and the next step", public=True),
        404: error_response("Unknown number, malformed number or wrong date of birth: one answer for all"),
        429: error_response(
            "Too many failed attempts on this number or from this source (STATUS_LOOKUP_LOCKED)"
        ),
    },
)
def status_lookup(body: Annotated[StatusLookupRequest, Body()]) -> StatusLookupAnswer:
    source_ip = router.current_event.request_context.http.source_ip
    return status_answer(
        status_lookup_service(router.settings).lookup(body.registration_number, body.birth_date, source_ip)
    )


@router.post(
    "/verify",
    summary="Public: verify a digital ID (signature, expiry, revocation)",
    responses=responses("The verdict (valid or not, with reasons)", public=True),
)
def verify(body: Annotated[VerifyRequest, Body()]) -> dict[str, Any]:
    return dict(issuance_service(router.settings).verify(body.credential).summary())


@router.get(
    "/public-key",
    summary="Public: the PEM public key that signs digital IDs",
    responses={
        200: {"description": "PEM", "content": {"application/x-pem-file": {"schema": {"type": "string"}}}}
    },
)
def public_key():  # type: ignore[no-untyped-def]  # a PEM text body, not JSON
    return Response(200, "application/x-pem-file", issuance_service(router.settings).public_key_pem())


@router.get(
    "/revocations",
    summary="Public: the signed revocation list for offline verifiers (a JWS; refreshed hourly)",
    responses={
        200: {"description": "JWS", "content": {"application/jose": {"schema": {"type": "string"}}}},
        404: error_response("Not published yet (a new deployment, before the first hourly run)"),
    },
)
def revocations():  # type: ignore[no-untyped-def]  # a JWS text body, not JSON
    bucket = router.settings.revocation_bucket_name
    if not bucket:
        raise ServiceError("REVOCATION_LIST_UNAVAILABLE")
    token = published_list(S3DocumentStore(bucket))
    # Caches may keep it a few minutes: the list is signed and states its own maximum age.
    return Response(200, "application/jose", token, headers={"Cache-Control": "public, max-age=300"})
