"""What every route module shares: the audience router, the OpenAPI error answers and the JSON response."""

from __future__ import annotations

import re
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import BaseRouter
from aws_lambda_powertools.event_handler.openapi.params import Path
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter
from pydantic import BaseModel

from ektp.config import ApiSettings
from ektp.domain.access import Audience, Principal
from ektp.errors import ServiceError
from ektp.views import ErrorResponse, Unauthorized

# Where the authorization middleware leaves the admitted principal for the route (the app's request context).
PRINCIPAL = "principal"


class AudienceRouter(APIGatewayHttpRouter):
    """The routes of one audience. The app binds it (the request context, the settings) before each request:
    in Lambda one app per process, locally one per stack, and the router follows the one resolving."""

    def __init__(self, audience: Audience) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # Powertools' Router is untyped here
        self.audience: Audience = audience
        self._settings: ApiSettings | None = None

    def bind(self, app: BaseRouter, settings: ApiSettings) -> None:
        self.api_resolver = app
        self._settings = settings

    @property
    def settings(self) -> ApiSettings:
        if self._settings is None:
            raise RuntimeError(f"the {self.audience} router is not bound to an app")
        return self._settings

    def principal(self) -> Principal:
        """The signed-in caller the middleware admitted (never None on a signed-in audience's route)."""
        principal = self.context.get(PRINCIPAL)
        if not isinstance(principal, Principal):
            raise ServiceError("UNAUTHENTICATED")
        return principal

    def owner(self) -> str:
        return self.principal().subject

    def route_keys(self) -> frozenset[str]:
        """Its routes as API Gateway names them: "GET /applications/{registration_number}"."""
        return frozenset(
            f"{method.upper()} {openapi_path(rule)}"
            for rule, methods, *_ in self._routes
            for method in methods
        )


def openapi_path(rule: str) -> str:
    """A Powertools rule as an API Gateway route path: /review/<number> -> /review/{number}."""
    return re.sub(r"<(\w+)>", r"{\1}", rule)


RegistrationNumber = Annotated[
    str, Path(description="Registration number, e.g. 7K3M-9QXD-2B4F-X", max_length=32)
]
BINARY: dict[str, Any] = {"schema": {"type": "string", "format": "binary"}}


def error_response(description: str) -> OpenAPIResponse:
    return {"description": description, "content": {"application/json": {"model": ErrorResponse}}}


ERRORS: dict[int, OpenAPIResponse] = {
    400: error_response("Malformed request"),
    # A missing or invalid token is answered by the JWT authorizer, before the function, with its own body.
    401: {"description": "Not signed in", "content": {"application/json": {"model": Unauthorized}}},
    403: error_response("Not allowed for your role"),
    404: error_response("Unknown or not yours"),
    409: error_response("Conflict with the application's state"),
    422: error_response("Invalid data"),
}


def responses(
    description: str, status: int = 200, content: dict[str, Any] | None = None, *, public: bool = False
) -> dict[int, OpenAPIResponse]:
    """The errors and the success answer (its body from the route's return annotation unless `content`)."""
    success: OpenAPIResponse = {"description": description}
    if content is not None:
        success["content"] = content
    errors = {code: r for code, r in ERRORS.items() if not (public and code in (401, 403))}
    return {**errors, status: success}


def json_response(model: BaseModel, status: int = 200) -> Response[Any]:
    # The model itself, not its JSON: Powertools validates and serializes it against the route's annotation.
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=model)
