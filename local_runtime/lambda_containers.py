"""Run a container-image function as Lambda does: the image's own entry point (awslambdaric) asks a Lambda
Runtime API for events and posts the answers back.

`RuntimeApi` is that API, small and in this process: HTTP on 127.0.0.1 with the routes awslambdaric calls
(`GET /2018-06-01/runtime/invocation/next`, `POST .../invocation/{id}/response` and `.../error`,
`POST .../runtime/init/error`). `LambdaContainer` runs an image with `--network host` and
`AWS_LAMBDA_RUNTIME_API=127.0.0.1:<port>`, so the container reaches this API and the local moto server on the
loopback address only (never a bridge address), and keeps it warm for further invocations. As in one Lambda
execution environment, one invocation runs at a time; others wait their turn.
"""

from __future__ import annotations

import contextlib
import json
import queue
import re
import subprocess
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PREFIX = "/2018-06-01/runtime"
_RESULT = re.compile(rf"^{PREFIX}/invocation/([^/]+)/(response|error)$")
_POLL_S = 0.5  # how often a waiting `next` call looks whether the API is stopping


class InvocationFailed(RuntimeError):
    """The runtime never answered (the container died, or the deadline passed)."""


@dataclass
class Answer:
    """What the function posted back: its result, or its error (`errorType`, `errorMessage`, ...)."""

    payload: Any
    error: bool
    error_type: str | None = None


@dataclass
class _Pending:
    request_id: str
    body: bytes
    deadline_ms: int
    function_arn: str
    done: threading.Event = field(default_factory=threading.Event)
    answer: Answer | None = None


class RuntimeApi:
    """The Lambda Runtime API for one execution environment (one container)."""

    def __init__(
        self, function_arn: str = "arn:aws:lambda:ap-southeast-3:123456789012:function:local"
    ) -> None:
        self.function_arn = function_arn
        self._queue: queue.Queue[_Pending] = queue.Queue()
        self._pending: dict[str, _Pending] = {}
        self._turn = threading.Lock()  # one invocation at a time, as in one Lambda execution environment
        self._stopping = threading.Event()
        self.init_error: dict[str, Any] | None = None
        self.first_next_at: float | None = None  # when the runtime first asked for work (its init is done)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="runtime-api", daemon=True)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self._server.server_address[1]}"  # where it listens (loopback only)

    def start(self) -> RuntimeApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        for pending in list(self._pending.values()):
            self._resolve(
                pending, Answer({"errorType": "Stopped", "errorMessage": "runtime API stopped"}, True)
            )
        self._server.shutdown()
        self._server.server_close()

    # --- the caller's side -----------------------------------------------------------------------------
    def invoke(self, event: Any, timeout_s: float, alive: Any = None) -> Answer:
        """Hand `event` to the runtime and wait for its answer. `alive()` (optional) says whether the runtime
        still runs: a dead container fails the invocation at once instead of at the deadline."""
        with self._turn:
            body = event if isinstance(event, bytes) else json.dumps(event).encode()
            deadline = time.time() + timeout_s
            pending = _Pending(uuid.uuid4().hex, body, int(deadline * 1000), self.function_arn)
            self._pending[pending.request_id] = pending
            self._queue.put(pending)
            try:
                while not pending.done.wait(_POLL_S):
                    if self.init_error is not None:
                        raise InvocationFailed(f"the function failed to start: {self.init_error}")
                    if alive is not None and not alive():
                        raise InvocationFailed("the runtime exited before answering")
                    if time.time() > deadline:
                        raise InvocationFailed(f"no answer within {timeout_s:.0f} s")
            finally:
                self._pending.pop(pending.request_id, None)
            assert pending.answer is not None
            return pending.answer

    def _resolve(self, pending: _Pending, answer: Answer) -> None:
        pending.answer = answer
        pending.done.set()

    # --- the runtime's side ------------------------------------------------------------------------------
    def _next(self) -> _Pending | None:
        if self.first_next_at is None:
            self.first_next_at = time.monotonic()
        while not self._stopping.is_set():
            try:
                pending = self._queue.get(timeout=_POLL_S)
            except queue.Empty:
                continue
            if pending.request_id in self._pending:  # not given up on by its caller meanwhile
                return pending
        return None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def _reply(
                self, status: int, body: bytes = b"{}", headers: Mapping[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the runtime went away
                    self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path != f"{PREFIX}/invocation/next":
                    self._reply(404, b'{"errorMessage": "unknown route"}')
                    return
                pending = api._next()
                if pending is None:  # stopping: the runtime's next call fails and the container ends
                    self._reply(500, b'{"errorMessage": "runtime API stopped"}')
                    return
                self._reply(
                    200,
                    pending.body,
                    {
                        "Lambda-Runtime-Aws-Request-Id": pending.request_id,
                        "Lambda-Runtime-Deadline-Ms": str(pending.deadline_ms),
                        "Lambda-Runtime-Invoked-Function-Arn": pending.function_arn,
                        "Lambda-Runtime-Trace-Id": f"Root=1-{int(time.time()):08x}-{pending.request_id[:24]}",
                    },
                )

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                error_type = self.headers.get("Lambda-Runtime-Function-Error-Type")
                if self.path == f"{PREFIX}/init/error":
                    api.init_error = _json(raw) or {"errorType": error_type}
                    self._reply(202)
                    return
                match = _RESULT.match(self.path)
                pending = api._pending.get(match.group(1)) if match else None
                if match is None or pending is None:
                    self._reply(404, b'{"errorMessage": "unknown invocation"}')
                    return
                failed = match.group(2) == "error"
                api._resolve(pending, Answer(_json(raw), failed, error_type if failed else None))
                self._reply(202)

        return Handler


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return raw.decode(errors="replace")


def docker_answers() -> bool:
    """A Docker engine answers (not only the client): the container path can run."""
    try:
        done = subprocess.run(
            ["docker", "info", "--format", "{{.ServerVersion}}"], capture_output=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def image_exists(image: str) -> bool:
    return (
        subprocess.run(["docker", "image", "inspect", image], capture_output=True, check=False).returncode
        == 0
    )


class LambdaContainer:
    """One warm execution environment: the image running with its entry point against a `RuntimeApi`."""

    def __init__(
        self,
        image: str,
        environment: Mapping[str, str],
        *,
        name: str | None = None,
        function_arn: str | None = None,
    ) -> None:
        self.image = image
        self.environment = dict(environment)
        self.name = name or f"ektp-fn-{uuid.uuid4().hex[:12]}"
        self.api = RuntimeApi(function_arn or "arn:aws:lambda:ap-southeast-3:123456789012:function:local")
        self.started_at: float | None = None
        self.cold_start_s: float | None = None  # container start to its first answer
        self._lock = threading.Lock()

    def start(self) -> LambdaContainer:
        self.api.start()
        env = {**self.environment, "AWS_LAMBDA_RUNTIME_API": self.api.address}
        command = ["docker", "run", "-d", "--rm", "--network", "host", "--name", self.name]
        for key, value in sorted(env.items()):
            command += ["-e", f"{key}={value}"]
        self.started_at = time.monotonic()
        done = subprocess.run([*command, self.image], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            self.api.stop()
            raise InvocationFailed(f"docker run {self.image} failed: {done.stderr.strip()}")
        return self

    def running(self) -> bool:
        done = subprocess.run(
            ["docker", "inspect", "-f", "{{.State.Running}}", self.name],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout.strip() == "true"

    def invoke(self, event: Any, timeout_s: float) -> Answer:
        answer = self.api.invoke(event, timeout_s, alive=self.running)
        with self._lock:
            if self.cold_start_s is None and self.started_at is not None:
                self.cold_start_s = time.monotonic() - self.started_at
        return answer

    def logs(self, tail: int = 60) -> str:
        done = subprocess.run(
            ["docker", "logs", "--tail", str(tail), self.name], capture_output=True, text=True, check=False
        )
        return done.stdout + done.stderr

    def stop(self) -> None:
        subprocess.run(["docker", "rm", "-f", self.name], capture_output=True, check=False)
        self.api.stop()

    def __enter__(self) -> LambdaContainer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
