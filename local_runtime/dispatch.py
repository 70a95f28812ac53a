"""Run each Lambda invocation that moto receives (S3 notifications, SQS mappings, Step Functions tasks, API
calls) through the real handler, in this process, with that function's environment from the template.

With `EKTP_CONTAINERS=1` the container-image functions (a Dockerfile in their folder: OCR, biometrics) run in
their images instead (`make images`), as Lambda runs them: the image's entry point speaks the Lambda Runtime
API to `local_runtime.lambda_containers`, on the host network, against this process's moto server. Each
container starts on the function's first invocation and stays warm until the stack stops."""

from __future__ import annotations

import atexit
import importlib.util
import json
import logging
import os
import sys
import threading
import time
import traceback
import uuid
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from ektp.config import function_environment
from local_runtime import moto_patches
from local_runtime.lambda_containers import InvocationFailed, LambdaContainer, docker_answers, image_exists
from local_runtime.provision import FunctionSpec
from tools.images import image_name

ROOT = Path(__file__).resolve().parents[1]
API_SOURCE = "functions/api"  # the HTTP API's folder, as the template's ektp:source metadata names it
log = logging.getLogger("ektp.local")


@dataclass
class LambdaContext:
    function_name: str
    memory_limit_in_mb: int
    invoked_function_arn: str
    timeout_s: int
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    log_group_name: str = "local"
    log_stream_name: str = "local"
    _started: float = field(default_factory=time.monotonic)

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.timeout_s - (time.monotonic() - self._started)) * 1000))


@dataclass
class Invocation:
    function: str
    ok: bool
    seconds: float
    error: str | None = None
    container: str | None = None  # the image it ran in, when not in this process


def containers_enabled() -> bool:
    return os.environ.get("EKTP_CONTAINERS", "") not in ("", "0", "false")


def container_image(spec: FunctionSpec) -> str | None:
    """The local image of a container-image function (tools/images.py names them), or None for zip ones."""
    folder = ROOT / spec.source
    return image_name(folder.name) if (folder / "Dockerfile").is_file() else None


# What the process-wide local runtime sets for every function (local_runtime.stack) and Lambda would provide:
# credentials, region, moto's endpoint, Powertools' switches. The function's own environment comes on top.
_FORWARDED = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_ENDPOINT_URL",
)
_COLD_START_S = 120.0  # the first invocation also waits for the container to start and import the handler


class ContainerFunctions:
    """One warm container per container-image function, started on its first invocation."""

    def __init__(self) -> None:
        self._containers: dict[str, LambdaContainer] = {}
        self._lock = threading.Lock()
        atexit.register(self.stop)  # a process that never stops its stack leaves no container behind

    def check(self, images: list[str]) -> None:
        """Fail at start, not at the first upload, when the engine or an image is missing."""
        if not docker_answers():
            raise RuntimeError("EKTP_CONTAINERS=1 needs a Docker engine: run `make images` first")
        missing = [image for image in images if not image_exists(image)]
        if missing:
            raise RuntimeError(f"EKTP_CONTAINERS=1: image(s) {', '.join(missing)} missing: run `make images`")

    def environment(self, spec: FunctionSpec) -> dict[str, str]:
        env = {key: os.environ[key] for key in _FORWARDED if key in os.environ}
        env.update({key: value for key, value in os.environ.items() if key.startswith("POWERTOOLS_")})
        env.update(
            {
                "AWS_LAMBDA_FUNCTION_NAME": spec.name,
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(spec.memory_mb),
                "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
                "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{spec.name}",
                "AWS_LAMBDA_LOG_STREAM_NAME": "local",
            }
        )
        env.update(spec.environment)
        return env

    def _container(self, spec: FunctionSpec, image: str) -> tuple[LambdaContainer, bool]:
        with self._lock:
            container = self._containers.get(spec.name)
            if container is None:
                container = LambdaContainer(
                    image,
                    self.environment(spec),
                    name=f"{spec.name}-{uuid.uuid4().hex[:6]}",
                    function_arn=spec.arn,
                ).start()
                self._containers[spec.name] = container
                return container, True
            return container, False

    def invoke(self, spec: FunctionSpec, image: str, payload: Any) -> tuple[Any, bool]:
        """(the function's answer, whether it is an error), as Lambda's Invoke reports them."""
        container, cold = self._container(spec, image)
        try:
            answer = container.invoke(payload, spec.timeout_s + (_COLD_START_S if cold else 5.0))
        except InvocationFailed as exc:
            log.error("container %s (%s) failed: %s\n%s", spec.logical_id, image, exc, container.logs())
            self._discard(
                spec.name, container
            )  # as Lambda does: the next invocation gets a fresh environment
            return {"errorType": "Runtime.ExitError", "errorMessage": str(exc)}, True
        if cold:  # say so where the demo's story is told: this function ran in its image, not here
            print(
                f"  ({spec.source} runs in its image {image}: {container.cold_start_s or 0.0:.1f} s from"
                " docker run to its first answer)",
                flush=True,
            )
        return answer.payload, answer.error

    def _discard(self, name: str, container: LambdaContainer) -> None:
        with self._lock:
            if self._containers.get(name) is container:
                del self._containers[name]
        container.stop()

    def stop(self) -> None:
        with self._lock:
            for container in self._containers.values():
                container.stop()
            self._containers.clear()


class Dispatcher:
    def __init__(self, functions: dict[str, FunctionSpec]) -> None:
        self.functions = functions
        self._modules: dict[str, ModuleType] = {}
        self._lock = threading.Lock()
        # Lambda runs one invocation at a time per execution environment; here one module serves them all, so
        # the HTTP API (whose Powertools resolver keeps the current request on the app) takes them in turn:
        # two residents' requests at once must never read each other's sign-in.
        self._one_at_a_time = {
            name: threading.RLock() for name, spec in functions.items() if spec.source == API_SOURCE
        }
        self.invocations: list[Invocation] = []
        self.containers: ContainerFunctions | None = None
        if containers_enabled():
            self.containers = ContainerFunctions()
            self.containers.check(sorted({i for i in map(container_image, functions.values()) if i}))

    def _module(self, spec: FunctionSpec) -> ModuleType:
        with self._lock:
            module = self._modules.get(spec.name)
            if module is None:
                path = ROOT / spec.source / f"{spec.handler.split('.')[0]}.py"
                module_spec = importlib.util.spec_from_file_location(f"ektp_fn_{spec.logical_id}", path)
                assert module_spec is not None and module_spec.loader is not None
                module = importlib.util.module_from_spec(module_spec)
                sys.modules[module_spec.name] = (
                    module  # as an import would: type hints resolve by module name
                )
                # Module-level code (settings, clients) sees this function's environment, as in Lambda.
                with function_environment(spec.environment):
                    module_spec.loader.exec_module(module)
                self._modules[spec.name] = module
            return module

    def invoke(self, name: str, event: Any) -> tuple[str, bool, str]:
        spec = self.functions.get(name)
        if spec is None:
            return json.dumps({"errorType": "ResourceNotFound", "errorMessage": name}), True, ""
        payload = json.loads(event) if isinstance(event, (str, bytes)) else (event or {})
        image = container_image(spec) if self.containers is not None else None
        if image is not None:
            return self._invoke_container(spec, image, payload)
        started = time.monotonic()
        try:
            module = self._module(spec)
            handler = getattr(module, spec.handler.split(".")[1])
            context = LambdaContext(spec.name, spec.memory_mb, spec.arn, spec.timeout_s)
            with self._one_at_a_time.get(name, nullcontext()), function_environment(spec.environment):
                try:
                    result = handler(payload, context)
                finally:
                    moto_patches.forget_unflushed_metrics()
            self.invocations.append(Invocation(spec.logical_id, True, time.monotonic() - started))
            return json.dumps(result, default=str), False, ""
        except Exception as exc:  # reported to the caller as a Lambda function error, and logged loudly
            self.invocations.append(
                Invocation(spec.logical_id, False, time.monotonic() - started, type(exc).__name__)
            )
            # moto swallows errors of S3-triggered functions: make them visible here.
            log.error(
                "function %s failed: %s\n%s", spec.logical_id, type(exc).__name__, traceback.format_exc()
            )
            return json.dumps({"errorType": type(exc).__name__, "errorMessage": str(exc)[:500]}), True, ""

    def _invoke_container(self, spec: FunctionSpec, image: str, payload: Any) -> tuple[str, bool, str]:
        assert self.containers is not None
        started = time.monotonic()
        answer, failed = self.containers.invoke(spec, image, payload)
        error = answer.get("errorType") if failed and isinstance(answer, dict) else None
        self.invocations.append(
            Invocation(spec.logical_id, not failed, time.monotonic() - started, error, container=image)
        )
        if failed:  # moto swallows errors of S3-triggered functions: make them visible here
            log.error("function %s failed in %s: %s", spec.logical_id, image, json.dumps(answer)[:2000])
        return json.dumps(answer, default=str), failed, ""

    def install(self) -> None:
        """moto's Lambda invocations come here (the route is one of local_runtime.moto_patches)."""
        moto_patches.install(self._route)

    def _route(self, name: str, event: Any) -> tuple[str, bool, str]:
        # `invoke` is looked up at each call, not bound at install: a test that wraps `dispatcher.invoke` (the
        # fault injection of tests/integration/test_faults.py) must see the invocations moto routes here.
        return self.invoke(name, event)

    def uninstall(self) -> None:
        if self.containers is not None:
            self.containers.stop()
        moto_patches.release_lambda_invocations()
