"""The API function loaded as Lambda loads it (its folder on the path), with placeholder settings."""

from __future__ import annotations

import importlib.util
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tools.openapi import _PLACEHOLDER_ENV

HANDLER = Path(__file__).resolve().parents[3] / "functions" / "api" / "handler.py"
_LOADED = itertools.count()


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """A fresh copy of functions/api/handler.py (a test may add routes to its app)."""
    for key, value in _PLACEHOLDER_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("ORIGIN_VERIFY_SECRET_ARN", raising=False)
    spec = importlib.util.spec_from_file_location(f"ektp_api_under_test_{next(_LOADED)}", HANDLER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module


def http_event(
    method: str, path: str, claims: dict[str, Any] | None = None, body: Any = None
) -> dict[str, Any]:
    """An HTTP API (payload 2.0) event as the gateway sends it after its JWT authorizer."""
    context: dict[str, Any] = {
        "http": {"method": method, "path": path, "sourceIp": "198.51.100.7", "protocol": "HTTP/1.1"},
        "routeKey": f"{method} {path}",
        "requestId": "r",
        "stage": "$default",
    }
    if claims is not None:
        context["authorizer"] = {"jwt": {"claims": claims, "scopes": None}}
    return {
        "version": "2.0",
        "routeKey": f"{method} {path}",
        "rawPath": path,
        "rawQueryString": "",
        "headers": {"content-type": "application/json"} if body is not None else {},
        "requestContext": context,
        "body": json.dumps(body) if body is not None else None,
        "isBase64Encoded": False,
    }


class LambdaContext:
    """The Lambda context the handler is invoked with (Powertools reads these attributes)."""

    function_name = "api"
    memory_limit_in_mb = 1024
    invoked_function_arn = "arn:aws:lambda:ap-southeast-3:111122223333:function:api"
    aws_request_id = "req"

    def get_remaining_time_in_millis(self) -> int:
        return 10_000
