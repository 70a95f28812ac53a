"""One way to make boto3 clients: standard retry mode, short timeouts, one client per service per process.

The endpoint comes from boto3's own AWS_ENDPOINT_URL variable, which the local runtime sets to its moto server.
"""

from __future__ import annotations

import threading
from typing import Any

import boto3
from botocore.config import Config

_CONFIG = Config(retries={"mode": "standard", "max_attempts": 5}, connect_timeout=3, read_timeout=20)
_clients: dict[str, Any] = {}
_session: boto3.session.Session | None = None
_lock = threading.Lock()


def client(service: str) -> Any:
    # A session is not thread-safe while creating clients (clients themselves are): creation is locked. One
    # session for all clients: its loaders and credential chain are built once per cold start, not per client.
    global _session  # noqa: PLW0603 - one per process, like the clients
    existing = _clients.get(service)
    if existing is not None:
        return existing
    with _lock:
        if service not in _clients:
            if _session is None:
                _session = boto3.session.Session()
            _clients[service] = _session.client(service, config=_CONFIG)  # type: ignore[call-overload]
        return _clients[service]


def reset_clients() -> None:
    """Forget cached clients and the session (the local runtime, when it starts a new moto server)."""
    global _session  # noqa: PLW0603
    with _lock:
        _clients.clear()
        _session = None
