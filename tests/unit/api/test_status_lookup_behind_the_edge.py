"""Attack: lock every resident behind one CloudFront edge out of the public status lookup.

Behind CloudFront the API's `sourceIp` is the edge's address, shared by every viewer that edge serves, so the
lookup's per-source counter (50 failures an hour) counted them all as one: one attacker's 50 wrong guesses,
well under the web ACL's per-viewer rule, answered 429 STATUS_LOOKUP_LOCKED to every resident behind that edge
for the rest of the hour, their right birth dates included. The viewer's own address is known at the edge: the
API behaviour's viewer-request function writes it to `x-ektp-viewer-ip` (over any value the viewer sent), and
the API function, for a request that proved it came through the edge, counts by it. Before, the resident's
lookup below answered 429.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime
from types import ModuleType
from typing import Any

import pytest

from ektp.domain.access import EDGE_HEADER
from ektp.domain.status_lookup import MAX_FAILURES_PER_SOURCE, VIEWER_IP_HEADER
from ektp.services.applications import ApplicationService
from ektp.services.status_lookup import StatusLookupService
from tests.support.applicants import application_request
from tests.support.attempt_counter import InMemoryAttemptCounter
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow
from tests.unit.api.conftest import LambdaContext, http_event

EDGE_IP = "130.176.12.34"  # a CloudFront origin-facing address
SECRET = "edge-secret"
BIRTH = date(2001, 3, 14)


class _Secret:
    def values(self) -> tuple[str, ...]:
        return (SECRET,)


@pytest.fixture
def world(api: ModuleType, monkeypatch: pytest.MonkeyPatch) -> tuple[ModuleType, str]:
    repository = InMemoryRepository()
    record = ApplicationService(repository, InMemoryStore(), RecordingWorkflow()).register(
        "alice", application_request(birth_date=BIRTH)
    )
    now = datetime(2026, 12, 3, 22, 0, tzinfo=UTC)
    service = StatusLookupService(repository, InMemoryAttemptCounter(), clock=lambda: now)
    monkeypatch.setattr(api.public, "status_lookup_service", lambda settings: service)
    monkeypatch.setattr(api, "edge_secret", _Secret())
    return api, record.application_id


def _lookup(api: ModuleType, number: str, birth: date, viewer: str | None, *, edge: bool = True) -> int:
    event = http_event(
        "POST", "/status", None, {"registration_number": number, "birth_date": birth.isoformat()}
    )
    event["requestContext"]["http"]["sourceIp"] = EDGE_IP
    if edge:
        event["headers"][EDGE_HEADER] = SECRET
    if viewer is not None:
        event["headers"][VIEWER_IP_HEADER] = viewer
    answer: dict[str, Any] = api.handler(event, LambdaContext())
    return int(answer["statusCode"])


def test_attack_one_viewers_failures_do_not_lock_the_other_viewers_of_its_edge(
    world: tuple[ModuleType, str],
) -> None:
    api, number = world
    guesses = [
        _lookup(api, f"{i:04d}-AAAA-BBBB-C", BIRTH, "203.0.113.66") for i in range(MAX_FAILURES_PER_SOURCE)
    ]
    assert set(guesses) == {404}
    assert _lookup(api, "0000-AAAA-BBBB-D", BIRTH, "203.0.113.66") == 429  # the attacker is locked
    assert _lookup(api, number, BIRTH, "198.51.100.20") == 200  # a resident behind the same edge is not


def test_without_the_edge_secret_the_header_is_not_trusted(world: tuple[ModuleType, str]) -> None:
    api, number = world
    api.edge_secret = None  # a stack without the edge (local): the connection's address is the source
    for i in range(MAX_FAILURES_PER_SOURCE):
        _lookup(api, f"{i:04d}-AAAA-BBBB-C", BIRTH, f"203.0.113.{i}", edge=False)
    assert _lookup(api, number, BIRTH, "198.51.100.20", edge=False) == 429


def test_the_edge_writes_the_viewers_address_over_any_the_viewer_sent() -> None:
    from infra.web import API_VIEWER_REQUEST

    code = API_VIEWER_REQUEST
    script = code + (
        "\nvar out = handler({viewer: {ip: '203.0.113.9'}, request: {uri: '/api/status', headers: "
        f"{{'{VIEWER_IP_HEADER}': {{value: '10.0.0.1'}}}}}}}});\n"
        "console.log(JSON.stringify(out));\n"
    )
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True, timeout=30)
    request = json.loads(result.stdout)
    assert request["uri"] == "/status"
    assert request["headers"][VIEWER_IP_HEADER] == {"value": "203.0.113.9"}


def test_without_a_viewer_address_the_edge_passes_none_of_the_viewers() -> None:
    from infra.web import API_VIEWER_REQUEST

    script = API_VIEWER_REQUEST + (
        f"\nvar out = handler({{request: {{uri: '/api/status', headers: {{'{VIEWER_IP_HEADER}': {{value: '10.0.0.1'}}}}}}}});\n"
        "console.log(JSON.stringify(out));\n"
    )
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True, timeout=30)
    assert VIEWER_IP_HEADER not in json.loads(result.stdout)["headers"]


def test_attack_one_ipv6_subscriber_cannot_take_a_fresh_source_per_address(
    world: tuple[ModuleType, str],
) -> None:
    # A home or phone subscriber is given a whole /64: 2^64 addresses, one per guess, were 2^64 sources.
    api, _ = world
    for i in range(MAX_FAILURES_PER_SOURCE):
        _lookup(api, f"{i:04d}-AAAA-BBBB-C", BIRTH, f"2001:db8:7:9::{i + 1:x}")
    assert _lookup(api, "9999-AAAA-BBBB-C", BIRTH, "2001:db8:7:9:ffff::1") == 429
    assert _lookup(api, "9999-AAAA-BBBB-C", BIRTH, "2001:db8:7:a::1") == 404  # the next /64 is someone else
