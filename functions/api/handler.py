"""HTTP API: the app, its exception handlers and its one authorization middleware.

Thin by design: the routes live in routes/, in routers by audience (resident, officer, helpdesk, operator,
public);
each request is admitted by its route's audience (ektp.domain.access.admit) before the route runs, so a new
route cannot forget its check. The OpenAPI document (docs/openapi.json) is generated from these routes.
"""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# Lambda puts this folder on the path; the local runtime and the tools load this file by its path.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Route
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyValidationError,
)
from aws_lambda_powertools.utilities.typing import LambdaContext
from routes import appointments, assisted, capture, field_visits, officer, operator, public, resident, uploads
from routes import help as help_requests
from routes.base import PRINCIPAL, AudienceRouter, openapi_path

from ektp.adapters.secrets import CachedSecretVersions
from ektp.config import ApiSettings
from ektp.domain.access import Audience, admit, came_through_edge
from ektp.domain.reasons import Reason, reason
from ektp.domain.status_lookup import viewer_address
from ektp.errors import ServiceError
from ektp.views import ErrorBody, ErrorResponse

logger = Logger(service="ektp-api")
settings = ApiSettings.load()
edge_secret = (
    CachedSecretVersions(settings.origin_verify_secret_arn) if settings.origin_verify_secret_arn else None
)
ROUTERS: tuple[AudienceRouter, ...] = (
    resident.router,
    help_requests.resident_router,
    officer.router,
    help_requests.helpdesk_router,
    operator.router,
    public.router,
)

# Issue 20: the resident's recording appointment and the officer's capture station.
ROUTERS += (appointments.router, capture.router)
ROUTERS += (uploads.router,)  # issue 20 item 5: resumable uploads
ROUTERS += (assisted.router,)  # issue 20 item 3: officer-assisted registration
ROUTERS += (field_visits.router,)  # issue 20 item 4: field verification of domicile


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


def _route_key(route: Route) -> str:
    return f"{route.method} {openapi_path(route.path)}"


def _audiences(routers: Iterable[AudienceRouter]) -> dict[str, Audience]:
    """Each route's audience; a route in two routers is a mistake to stop at cold start, not a choice."""
    audiences: dict[str, Audience] = {}
    for router in routers:
        for key in router.route_keys():
            if key in audiences:
                raise ValueError(f"{key} is in the {audiences[key]} and the {router.audience} routers")
            audiences[key] = router.audience
    return audiences


def build_app(routers: Iterable[AudienceRouter]) -> APIGatewayHttpResolver:
    """The app serving these routers, behind the one authorization middleware."""
    routers = tuple(routers)
    resolver = APIGatewayHttpResolver(enable_validation=True)
    audiences = _audiences(routers)

    def authorize(app: APIGatewayHttpResolver, next_middleware: NextMiddleware) -> Response[Any]:
        route: Route = app.context["_route"]
        registered = app._static_routes + app._dynamic_routes
        if route not in registered:  # Powertools' not-found route: nothing to protect, the 404 answers
            return next_middleware(app)
        key = _route_key(route)
        claims = app.current_event.request_context.authorizer.jwt_claim or {}
        admission = admit(audiences.get(key), key, claims)
        if admission.refusal is not None:
            raise ServiceError(admission.refusal)
        app.context[PRINCIPAL] = admission.principal  # cleared with the context after the request
        return next_middleware(app)

    resolver.use(middlewares=[authorize])
    for router in routers:
        resolver.include_router(router)
        router.bind(resolver, settings)
    _handle_errors(resolver)
    return resolver


def _handle_errors(resolver: APIGatewayHttpResolver) -> None:
    @resolver.exception_handler(ServiceError)
    def _service_error(exc: ServiceError) -> Response[str]:
        return _error(exc.code, exc.reasons)

    @resolver.exception_handler(RequestValidationError)
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

    @resolver.exception_handler(IdempotencyValidationError)
    def _idempotency_reused(_: IdempotencyValidationError) -> Response[str]:
        return _error("IDEMPOTENCY_KEY_REUSED")

    @resolver.exception_handler(IdempotencyAlreadyInProgressError)
    def _idempotency_in_progress(_: IdempotencyAlreadyInProgressError) -> Response[str]:
        return _error("REQUEST_IN_PROGRESS")

    @resolver.exception_handler(Exception)
    def _unexpected(exc: Exception) -> Response[str]:
        # The resident gets the catalogued 500 (their data is safe, retry later); the log gets the type, not
        # the message, which can quote request data.
        logger.error("unexpected error", extra={"error": type(exc).__name__})
        return _error("INTERNAL_ERROR")

    @resolver.not_found
    def _not_found(_: Exception) -> Response[str]:
        return _error("ROUTE_NOT_FOUND")


app = build_app(ROUTERS)


def _refused(event: dict[str, Any]) -> dict[str, Any] | None:
    """Requests refused before routing: those that bypassed CloudFront (and so its WAF) by calling the
    execute-api URL directly, and non-JSON bodies (the document declares no other type; the resolver would
    also read forms and multipart, and fail with a 500 on text/plain or on multipart without a boundary)."""
    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
    if edge_secret is not None and not came_through_edge(headers, edge_secret.values()):
        logger.warning("refused a request that bypassed the edge", extra={"route": event.get("routeKey")})
        return _raw_error("DIRECT_ACCESS_FORBIDDEN")
    content_type = str(headers.get("content-type", "")).strip().lower()
    if not event.get("body"):
        return None
    if content_type and not content_type.startswith("application/json"):
        return _raw_error("MALFORMED_JSON")
    return _raw_error("MALFORMED_JSON") if _unparseable(event) else None


def _unparseable(event: dict[str, Any]) -> bool:
    """JSON that is well formed yet cannot become Python values: an integer past Python's 4,300-digit limit
    (ValueError) or nesting deeper than the recursion limit (RecursionError). The resolver would raise these
    outside its malformed-JSON handling, as a 500; bodies are small (documents go straight to S3)."""
    body = event["body"]
    try:
        text = base64.b64decode(body) if event.get("isBase64Encoded") else body
        json.loads(text)
    except (ValueError, RecursionError):
        return True
    return False


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
    resident.IDEMPOTENCY.register_lambda_context(context)
    for router in ROUTERS:  # the routers are shared by module; the app resolving owns them
        router.bind(app, settings)
    return _refused(event) or app.resolve(_with_viewer_source(event), context)


def _with_viewer_source(event: dict[str, Any]) -> dict[str, Any]:
    """Behind the edge the connection's address is CloudFront's, shared by all its viewers: a request that proved
    it came through the edge is attributed to the viewer's address the edge wrote (the status lookup counts
    failures per source: tests/unit/api/test_status_lookup_behind_the_edge.py)."""
    viewer = viewer_address(event.get("headers") or {}) if edge_secret is not None else None
    http = (event.get("requestContext") or {}).get("http")
    if viewer is None or not isinstance(http, dict):
        return event
    return {**event, "requestContext": {**event["requestContext"], "http": {**http, "sourceIp": viewer}}}


def openapi_document() -> str:
    schema = app.get_openapi_json_schema(
        title="ektp: e-KTP online application API",
        version="1.0.0",
        description="Register an e-KTP application, upload documents through presigned POSTs, submit, follow status.",
    )
    return json.dumps(json.loads(schema), indent=2, sort_keys=True) + "\n"
