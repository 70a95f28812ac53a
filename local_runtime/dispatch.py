"""Run each Lambda invocation that moto receives (S3 notifications, SQS mappings, Step Functions tasks, API
calls) through the real handler, in this process, with that function's environment from the template."""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
import threading
import time
import traceback
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from aws_lambda_powertools import Metrics
from moto.awslambda.models import LambdaFunction

from ektp.config import function_environment
from local_runtime.provision import FunctionSpec

ROOT = Path(__file__).resolve().parents[1]
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


def _forget_unflushed_metrics() -> None:
    """Lambda flushes metrics at the end of every invocation. With metrics disabled (the demo) Powertools never
    clears its class-level metric set, which then prints itself when it reaches 100 values: clear it as a
    flush would."""
    from aws_lambda_powertools.metrics.functions import is_metrics_disabled

    if is_metrics_disabled():
        Metrics._metrics.clear()


@dataclass
class Invocation:
    function: str
    ok: bool
    seconds: float
    error: str | None = None


class Dispatcher:
    def __init__(self, functions: dict[str, FunctionSpec]) -> None:
        self.functions = functions
        self._modules: dict[str, ModuleType] = {}
        self._lock = threading.Lock()
        self.invocations: list[Invocation] = []
        self._original: Any = None

    def _module(self, spec: FunctionSpec) -> ModuleType:
        with self._lock:
            module = self._modules.get(spec.name)
            if module is None:
                path = ROOT / spec.source / f"{spec.handler.split('.')[0]}.py"
                module_spec = importlib.util.spec_from_file_location(f"ektp_fn_{spec.logical_id}", path)
                assert module_spec is not None and module_spec.loader is not None
                module = importlib.util.module_from_spec(module_spec)
                sys.modules[module_spec.name] = module  # as an import would: type hints resolve by module name
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
        started = time.monotonic()
        try:
            module = self._module(spec)
            handler = getattr(module, spec.handler.split(".")[1])
            context = LambdaContext(spec.name, spec.memory_mb, spec.arn, spec.timeout_s)
            with function_environment(spec.environment):
                try:
                    result = handler(payload, context)
                finally:
                    _forget_unflushed_metrics()
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

    def install(self) -> None:
        dispatcher = self

        def _invoke_lambda(function: LambdaFunction, event: Any = None) -> tuple[str, bool, str]:
            return dispatcher.invoke(function.function_name, event)

        self._original = LambdaFunction._invoke_lambda
        LambdaFunction._invoke_lambda = _invoke_lambda  # type: ignore[method-assign,assignment]

    def uninstall(self) -> None:
        if self._original is not None:
            LambdaFunction._invoke_lambda = self._original  # type: ignore[method-assign]
            self._original = None
