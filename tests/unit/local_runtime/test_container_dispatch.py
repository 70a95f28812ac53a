"""The container switch of the local runtime's dispatcher (local_runtime.dispatch), without Docker: which
functions run in images, what environment they get, and a dead environment replaced as Lambda replaces it."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from local_runtime import dispatch
from local_runtime.lambda_containers import Answer, InvocationFailed
from local_runtime.provision import FunctionSpec


def _spec(source: str, **env: str) -> FunctionSpec:
    return FunctionSpec(
        logical_id=f"Fn{source.rsplit('/', 1)[-1]}",
        name=f"ektp-{source.rsplit('/', 1)[-1]}",
        arn=f"arn:aws:lambda:ap-southeast-3:123456789012:function:ektp-{source.rsplit('/', 1)[-1]}",
        source=source,
        handler="handler.handler",
        environment=dict(env),
        memory_mb=2048,
        timeout_s=60,
    )


def test_only_functions_with_a_dockerfile_run_in_images() -> None:
    assert dispatch.container_image(_spec("functions/ocr")) == "ektp-ocr:local"
    assert dispatch.container_image(_spec("functions/biometrics")) == "ektp-biometrics:local"
    assert dispatch.container_image(_spec("functions/api")) is None


def test_the_switch_is_off_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EKTP_CONTAINERS", raising=False)
    assert not dispatch.containers_enabled()
    monkeypatch.setenv("EKTP_CONTAINERS", "0")
    assert not dispatch.containers_enabled()
    monkeypatch.setenv("EKTP_CONTAINERS", "1")
    assert dispatch.containers_enabled()


def test_a_container_gets_the_stacks_endpoint_and_credentials_then_its_own_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:5999")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "local")
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "true")
    monkeypatch.setenv("HOME", "/root")  # the host's own variables stay out
    env = dispatch.ContainerFunctions().environment(_spec("functions/ocr", TABLE_NAME="t", LOG_LEVEL="INFO"))
    assert env["AWS_ENDPOINT_URL"] == "http://127.0.0.1:5999" and env["AWS_ACCESS_KEY_ID"] == "local"
    assert env["POWERTOOLS_TRACE_DISABLED"] == "true" and env["TABLE_NAME"] == "t"
    assert env["AWS_LAMBDA_FUNCTION_NAME"] == "ektp-ocr" and env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "2048"
    assert "HOME" not in env


class _FakeContainer:
    started: ClassVar[list[_FakeContainer]] = []

    def __init__(self, image: str, environment: dict[str, str], **_: Any) -> None:
        self.image, self.stopped, self.cold_start_s = image, False, 0.5
        self.dies = not _FakeContainer.started  # the first environment dies on its first event
        _FakeContainer.started.append(self)

    def start(self) -> _FakeContainer:
        return self

    def invoke(self, event: Any, timeout_s: float) -> Answer:
        if self.dies:
            raise InvocationFailed("the runtime exited before answering")
        return Answer({"echo": event}, False)

    def logs(self) -> str:
        return ""

    def stop(self) -> None:
        self.stopped = True


def test_a_dead_environment_is_replaced_by_a_fresh_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dispatch, "LambdaContainer", _FakeContainer)
    _FakeContainer.started = []
    functions = dispatch.ContainerFunctions()
    spec = _spec("functions/ocr")

    first = functions.invoke(spec, "ektp-ocr:local", {"n": 1})
    second = functions.invoke(spec, "ektp-ocr:local", {"n": 2})
    third = functions.invoke(spec, "ektp-ocr:local", {"n": 3})

    assert first == (
        {"errorType": "Runtime.ExitError", "errorMessage": "the runtime exited before answering"},
        True,
    )
    assert second == ({"echo": {"n": 2}}, False) and third == ({"echo": {"n": 3}}, False)
    assert len(_FakeContainer.started) == 2  # one replacement, then kept warm
    assert _FakeContainer.started[0].stopped and not _FakeContainer.started[1].stopped
    functions.stop()
    assert _FakeContainer.started[1].stopped
