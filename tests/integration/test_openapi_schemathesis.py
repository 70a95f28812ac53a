"""Schemathesis against the committed OpenAPI document (docs/openapi.json), on the local API.

Every operation is fuzzed with schema-valid and schema-violating requests (bodies, parameters, content
types), signed in as the role the access table (ektp.domain.access.RULES) allows for it; the resident's own
applications are mixed into the generated registration numbers so the handlers run past the lookup (and an
officer of their district sees them). Every answer must be a status code the document lists for the
operation, with a matching content type and body, and never a 5xx. A second pass sends each protected
operation's requests without a token and as a role it does not allow: the refusal must be documented too.

The local API is reached in-process: a small WSGI app hands schemathesis' requests to LocalHttpApi (the same
JWT authorizer and Lambda dispatch as `make serve`, without a socket).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.wrappers import Request, Response

from ektp.domain.access import RULES
from local_runtime import LocalStack
from local_runtime.stack import User
from tests.support.applicants import applicant_data, request_data

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
SCHEMA = schemathesis.openapi.from_path(DOCUMENT)
SCHEMA.config.update(base_url="http://localhost")
SCHEMA.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], deterministic=True)
CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Bounded and derandomized: the same requests on every run (about 30 s of CPU for the whole document).
FUZZ = settings(
    max_examples=20, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)


@dataclass
class Local:
    stack: LocalStack
    users: dict[str, User]
    applications: list[str]  # the resident's own registration numbers


_LOCAL: list[Local] = []  # while this module's tests run


@Request.application
def local_api(request: Request) -> Response:
    """The local HTTP API as a WSGI app, given the raw (still percent-encoded) path as API Gateway matches it."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.path
    result = _LOCAL[0].stack.api.request(
        request.method,
        urlsplit(raw).path,
        headers=dict(request.headers),
        # LocalHttpApi carries text bodies only (no isBase64Encoded): bytes that are not UTF-8 arrive replaced.
        body=request.get_data().decode(errors="replace"),
        query=request.query_string.decode(),
    )
    # The gateway's own answers (401, 404) carry their body as text only.
    return Response(result.raw or result.body.encode(), status=result.status, headers=result.headers)


# On the schema itself, not per call: schemathesis sends follow-up requests of its own (e.g. after a 5xx).
SCHEMA.app = local_api
PROTECTED = SCHEMA.exclude(
    path=["/verify", "/public-key", "/revocations", "/status"]
)  # after the app: a filtered copy keeps it


@SCHEMA.hook
def flatmap_path_parameters(
    context: Any, path_parameters: dict[str, Any] | None
) -> st.SearchStrategy[dict[str, Any] | None]:
    """Registration numbers: the generated one, or one of the resident's real applications."""
    if not path_parameters or "registration_number" not in path_parameters or not _LOCAL:
        return st.just(path_parameters)
    return st.sampled_from([path_parameters["registration_number"], *_LOCAL[0].applications]).map(
        lambda number: {**path_parameters, "registration_number": number}
    )


@pytest.fixture(scope="module")
def local(stack: LocalStack) -> Iterator[Local]:
    tag = uuid.uuid4().hex[:8]
    users = {
        "resident": stack.user(f"st-resident-{tag}"),
        # The district of the applicant in request_data(): the officer sees the resident's applications.
        "officer": stack.user(f"st-officer-{tag}", groups=("officers",), district="31.71.01"),
        "operator": stack.user(f"st-operator-{tag}", groups=("operators",)),
    }
    applications = []
    for _ in range(2):
        response = stack.call("POST", "/applications", users["resident"], request_data())
        assert response.status == 201, response.body
        applications.append(str(response.json()["registration_number"]))
    _LOCAL[:] = [Local(stack, users, applications)]
    yield _LOCAL[0]
    _LOCAL.clear()


def _role(case: Case[Any]) -> str | None:
    """The role the access table allows for this operation (None: a public route)."""
    roles = RULES.get(f"{case.method.upper()} {case.path}")
    return min(roles) if roles else None


@SCHEMA.parametrize()
@FUZZ
def test_every_answer_is_documented(case: Case[Any], local: Local) -> None:
    role = _role(case)
    case.call_and_validate(
        headers=local.users[role].headers if role else {},
        checks=[*CONFORMANCE, negative_data_rejection],
    )


@PROTECTED.parametrize()
@settings(FUZZ, max_examples=4, phases=[Phase.generate])  # generated requests only: no coverage probes
def test_a_refusal_is_documented(case: Case[Any], local: Local) -> None:
    """Without a token, the authorizer's 401; as another role, a 4xx (403, or 4xx for the request itself)."""
    if case.method.upper() != case.operation.method.upper():
        return  # schemathesis' probe of an undeclared method: no route, so no authorizer either
    anonymous = case.call()
    case.validate_response(anonymous, checks=CONFORMANCE)
    assert anonymous.status_code == 401, anonymous.text
    other = "officer" if _role(case) == "resident" else "resident"
    refused = case.call(headers=local.users[other].headers)
    case.validate_response(refused, checks=CONFORMANCE)
    assert 400 <= refused.status_code < 500, refused.text


# What generated data rarely reaches: the successful answers of the routes that change things.
SUCCESSES = [
    ("POST", "/applications", {}, request_data(), {"idempotency-key": "schemathesis-1"}),
    (
        "PATCH",
        "/applications/{registration_number}",
        {},
        {"applicant": applicant_data(occupation="PETANI/PEKEBUN")},
        {},
    ),
    (
        "POST",
        "/applications/{registration_number}/documents/{document_type}",
        {"document_type": "KK"},
        {"content_type": "application/pdf"},
        {},
    ),
    ("GET", "/applications/{registration_number}/receipt", {}, None, {}),
    ("POST", "/verify", {}, {"credential": "eyJhbGciOiJFUzI1NiJ9.e30.c2ln"}, {}),
]


@pytest.mark.parametrize(
    ("method", "path", "parameters", "body", "headers"), SUCCESSES, ids=[f"{m} {p}" for m, p, *_ in SUCCESSES]
)
def test_a_success_matches_the_document(
    local: Local, method: str, path: str, parameters: dict[str, str], body: Any, headers: dict[str, str]
) -> None:
    if "{registration_number}" in path:
        parameters = {**parameters, "registration_number": local.applications[-1]}
    fields: dict[str, Any] = {"path_parameters": parameters or None, "headers": headers or None}
    if body is not None:
        fields["body"] = body
    case = SCHEMA[path][method].Case(**fields)
    role = _role(case)
    response = case.call(headers=local.users[role].headers if role else {})
    case.validate_response(response, checks=CONFORMANCE)
    assert 200 <= response.status_code < 300, response.text
