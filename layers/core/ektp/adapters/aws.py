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
_lock = threading.Lock()


def client(service: str) -> Any:
    # boto3's default session is not thread-safe while creating clients; clients themselves are.
    existing = _clients.get(service)
    if existing is not None:
        return existing
    with _lock:
        if service not in _clients:
            _clients[service] = boto3.session.Session().client(service, config=_CONFIG)  # type: ignore[call-overload]
        return _clients[service]


def reset_clients() -> None:
    """Forget cached clients (the local runtime calls this when it starts a new moto server)."""
    with _lock:
        _clients.clear()
