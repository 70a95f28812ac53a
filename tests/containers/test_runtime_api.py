"""The Lambda Runtime API emulator (local_runtime.lambda_containers) against a runtime client written here from
the protocol, the way awslambdaric calls it: no Docker needed."""

from __future__ import annotations

import http.client
import json
import threading
import time
from typing import Any

import pytest

from local_runtime.lambda_containers import PREFIX, InvocationFailed, RuntimeApi


def _call(
    api: RuntimeApi, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(api.address, timeout=30)
    conn.request(method, path, None if body is None else json.dumps(body), headers or {})
    response = conn.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def _runtime(api: RuntimeApi, handle: Any, count: int = 1) -> threading.Thread:
    """A runtime loop: `next`, run `handle(event)`, post its result (or its exception as an error)."""

    def loop() -> None:
        for _ in range(count):
            status, headers, body = _call(api, "GET", f"{PREFIX}/invocation/next")
            assert status == 200
            request_id = headers["Lambda-Runtime-Aws-Request-Id"]
            try:
                result = handle(json.loads(body), headers)
            except Exception as exc:
                _call(
                    api,
                    "POST",
                    f"{PREFIX}/invocation/{request_id}/error",
                    {"errorType": type(exc).__name__, "errorMessage": str(exc)},
                    {"Lambda-Runtime-Function-Error-Type": type(exc).__name__},
                )
            else:
                _call(api, "POST", f"{PREFIX}/invocation/{request_id}/response", result)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def api() -> Any:
    runtime_api = RuntimeApi("arn:aws:lambda:ap-southeast-3:123456789012:function:ocr").start()
    yield runtime_api
    runtime_api.stop()


def test_the_runtime_gets_the_event_with_lambdas_headers_and_its_answer_comes_back(api: RuntimeApi) -> None:
    seen: dict[str, Any] = {}

    def handle(event: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        seen.update(headers)
        return {"sum": event["a"] + event["b"]}

    _runtime(api, handle)
    answer = api.invoke({"a": 2, "b": 40}, timeout_s=10)
    assert (answer.payload, answer.error) == ({"sum": 42}, False)
    assert seen["Lambda-Runtime-Invoked-Function-Arn"].endswith(":function:ocr")
    assert int(seen["Lambda-Runtime-Deadline-Ms"]) > time.time() * 1000


def test_invocations_run_one_at_a_time_in_order(api: RuntimeApi) -> None:
    _runtime(api, lambda event, _: event["n"] * 10, count=3)
    results: list[int] = []
    threads = [
        threading.Thread(target=lambda n=n: results.append(api.invoke({"n": n}, 10).payload))
        for n in (1, 2, 3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(results) == [10, 20, 30]


def test_a_function_error_comes_back_as_an_error_with_its_type(api: RuntimeApi) -> None:
    def handle(event: dict[str, Any], _: dict[str, str]) -> None:
        raise KeyError("application_id")

    _runtime(api, handle)
    answer = api.invoke({}, timeout_s=10)
    assert answer.error and answer.error_type == "KeyError"
    assert answer.payload["errorMessage"] == "'application_id'"


def test_an_init_error_fails_the_waiting_invocation_at_once(api: RuntimeApi) -> None:
    status, _, _ = _call(
        api,
        "POST",
        f"{PREFIX}/init/error",
        {"errorType": "Runtime.ImportModuleError", "errorMessage": "No module named 'x'"},
    )
    assert status == 202
    started = time.monotonic()
    with pytest.raises(InvocationFailed, match="ImportModuleError"):
        api.invoke({}, timeout_s=30)
    assert time.monotonic() - started < 5


def test_a_dead_runtime_fails_the_invocation_instead_of_waiting_for_the_deadline(api: RuntimeApi) -> None:
    with pytest.raises(InvocationFailed, match="exited"):
        api.invoke({}, timeout_s=30, alive=lambda: False)


def test_no_answer_by_the_deadline_fails(api: RuntimeApi) -> None:
    with pytest.raises(InvocationFailed, match="no answer"):
        api.invoke({}, timeout_s=1)


def test_answers_for_unknown_invocations_are_refused(api: RuntimeApi) -> None:
    status, _, _ = _call(api, "POST", f"{PREFIX}/invocation/not-a-request/response", {"forged": True})
    assert status == 404
    status, _, _ = _call(api, "GET", "/2018-06-01/runtime/other")
    assert status == 404


def test_the_api_listens_on_the_loopback_address_only(api: RuntimeApi) -> None:
    assert api.address.startswith("127.0.0.1:")
