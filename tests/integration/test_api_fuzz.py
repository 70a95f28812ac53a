"""Property tests through the real API: whatever a client sends, the answer is a 4xx with a catalogued code,
or a success; never a 5xx, and never an answer outside the error shape."""

from __future__ import annotations

import json
import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ektp.domain.reasons import CATALOGUE
from local_runtime import LocalStack
from local_runtime.stack import User
from tests.support.applicants import request_data

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = list(request_data()["applicant"])


def _check(response: Any) -> None:
    assert response.status < 500, response.body
    if (
        response.status >= 400 and response.status != 401
    ):  # 401 comes from the authorizer, before the function
        error = response.json()["error"]
        assert error["code"] in CATALOGUE and error["message_id"] and error["message_en"]


_resident: dict[str, User] = {}


def resident(stack: LocalStack) -> User:
    if "user" not in _resident:
        _resident["user"] = stack.user(f"fuzz-{uuid.uuid4().hex[:8]}")
    return _resident["user"]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=JSON)
def test_any_json_body_for_registration(stack: LocalStack, body: Any) -> None:
    _check(stack.call("POST", "/applications", resident(stack), json.dumps(body)))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(field=st.sampled_from(FIELDS), value=JSON)
def test_any_value_in_any_field(stack: LocalStack, field: str, value: Any) -> None:
    body = request_data()
    body["applicant"][field] = value
    _check(stack.call("POST", "/applications", resident(stack), body))


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    number=st.text(min_size=1, max_size=40).filter(lambda s: "/" not in s and "?" not in s and "#" not in s),
    doc_type=st.text(min_size=1, max_size=20).filter(
        lambda s: "/" not in s and "?" not in s and "#" not in s
    ),
)
def test_any_path_parameters(stack: LocalStack, number: str, doc_type: str) -> None:
    from urllib.parse import quote

    user = resident(stack)
    _check(stack.call("GET", f"/applications/{quote(number)}", user))
    _check(
        stack.call(
            "POST",
            f"/applications/{quote(number)}/documents/{quote(doc_type)}",
            user,
            {"content_type": "image/jpeg"},
        )
    )
    _check(stack.call("POST", f"/review/{quote(number)}/decision", user, {"decision": "APPROVE"}))
