"""One way to make boto3 clients: standard retry mode, short timeouts, one client per service per process.

The endpoint comes from boto3's own AWS_ENDPOINT_URL variable, which the local runtime sets to its moto server.
S3 clients sign with SigV4 and address the bucket on its regional host (`<bucket>.s3.<region>.amazonaws.com`):
left to its defaults boto3 presigns for the global host, which an opt-in region such as ap-southeast-3 refuses.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import boto3
from botocore.config import Config

_CONFIG = Config(retries={"mode": "standard", "max_attempts": 5}, connect_timeout=3, read_timeout=20)
# Virtual-host addressing needs a DNS name per bucket: only on AWS's own endpoints. A configured endpoint (the
# local moto server) keeps boto3's choice, path-style for an IP address.
_S3_REGIONAL = Config(
    signature_version="s3v4", s3={"addressing_style": "virtual", "us_east_1_regional_endpoint": "regional"}
)
_S3_CUSTOM_ENDPOINT = Config(signature_version="s3v4")
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
            _clients[service] = _session.client(service, config=_config(service))  # type: ignore[call-overload]
        return _clients[service]


def _config(service: str) -> Config:
    if service != "s3":
        return _CONFIG
    custom = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
    return _CONFIG.merge(_S3_CUSTOM_ENDPOINT if custom else _S3_REGIONAL)


def reset_clients() -> None:
    """Forget cached clients and the session (the local runtime, when it starts a new moto server)."""
    global _session  # noqa: PLW0603
    with _lock:
        _clients.clear()
        _session = None
