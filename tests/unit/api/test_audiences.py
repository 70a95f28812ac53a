"""Attack: a route that forgets its authorization check. Every route belongs to one audience router and
the app's one middleware admits by the audience, so a new route is checked without asking for it."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest

from tests.unit.api.conftest import http_event

ANONYMOUS = None
RESIDENT = {"sub": "resident-1"}
OFFICER = {"sub": "officer-1", "cognito:groups": "[officers]", "custom:district": "31.71.01"}
OPERATOR = {"sub": "operator-1", "cognito:groups": "[operators]"}
HELPDESK = {"sub": "helpdesk-1", "cognito:groups": "[helpdesk]", "custom:district": "31.71.01"}


def _call(api: ModuleType, method: str, path: str, claims: dict[str, Any] | None) -> tuple[int, Any]:
    answer = api.app.resolve(http_event(method, path, claims), {})
    return answer["statusCode"], json.loads(answer["body"]) if answer.get("body") else None


def test_a_route_added_to_the_app_without_an_audience_is_refused_to_everyone(api: ModuleType) -> None:
    @api.app.get("/probe")
    def probe() -> dict[str, str]:  # forgot its check
        return {"secret": "reached"}

    for claims in (ANONYMOUS, RESIDENT, OFFICER, HELPDESK, OPERATOR):
        status, body = _call(api, "GET", "/probe", claims)
        assert status in (401, 403), (claims, status, body)
        assert "secret" not in json.dumps(body)


def _probe_app(api: ModuleType, audience: str) -> Any:
    """The real routers plus a new router of `audience` with one route that checks nothing itself."""
    probe_router = api.AudienceRouter(audience)

    @probe_router.get("/probe/<thing>")
    def probe(thing: str) -> dict[str, str]:
        return {"secret": thing}

    return api.build_app((*api.ROUTERS, probe_router))


# Who reaches a route that names nobody, by its router's audience (the rule table's default for it).
REACHES = {
    "resident": {"resident"},
    "officer": {"officer"},
    "helpdesk": {"helpdesk"},
    "operator": {"operator"},
    "public": {"anonymous", "resident", "officer", "helpdesk", "operator"},
}
CALLERS = {
    "anonymous": ANONYMOUS,
    "resident": RESIDENT,
    "officer": OFFICER,
    "helpdesk": HELPDESK,
    "operator": OPERATOR,
}


def test_a_new_route_on_an_audience_router_admits_that_audience_only(api: ModuleType) -> None:
    for audience, reaching in REACHES.items():
        app = _probe_app(api, audience)
        for caller, claims in CALLERS.items():
            answer = app.resolve(http_event("GET", "/probe/x", claims), {})
            body = json.loads(answer["body"])
            if caller in reaching:
                assert (answer["statusCode"], body) == (200, {"secret": "x"}), (audience, caller)
            else:
                expected = "UNAUTHENTICATED" if claims is None else "FORBIDDEN"
                assert answer["statusCode"] in (401, 403), (audience, caller, answer)
                assert body["error"]["code"] == expected and "secret" not in answer["body"]


def test_every_route_of_the_app_belongs_to_exactly_one_audience(api: ModuleType) -> None:
    routes = {f"{r.method} {r.openapi_path}" for r in api.app._static_routes + api.app._dynamic_routes}
    for route in routes:
        owners = [r.audience for r in api.ROUTERS if route in r.route_keys()]
        assert len(owners) == 1, (route, owners)
    assert routes == set().union(*(r.route_keys() for r in api.ROUTERS))
    assert {r.audience for r in api.ROUTERS} == {"resident", "officer", "helpdesk", "operator", "public"}


def test_a_route_in_two_audiences_stops_the_app_at_cold_start(api: ModuleType) -> None:
    twin = api.AudienceRouter("public")
    twin.get("/applications")(lambda: [])  # the residents' list, published by mistake
    with pytest.raises(ValueError, match="GET /applications"):
        api.build_app((*api.ROUTERS, twin))


def test_the_gateway_leaves_open_exactly_the_public_audience(api: ModuleType) -> None:
    """The JWT authorizer is the first gate: the routes it leaves open are the public router's, and every
    other route of the app is behind it."""
    from infra.api import PUBLIC_ROUTES, ROUTES

    opened = {f"{m.value} {p}" for m, p in PUBLIC_ROUTES} | {"GET /revocations"}  # infra/revocations.py
    guarded = {f"{m.value} {p}" for m, p in ROUTES}
    assert opened == set().union(*(r.route_keys() for r in api.ROUTERS if r.audience == "public"))
    assert guarded == set().union(*(r.route_keys() for r in api.ROUTERS if r.audience != "public"))


def test_an_unknown_route_still_answers_not_found(api: ModuleType) -> None:
    status, body = _call(api, "GET", "/nowhere", RESIDENT)
    assert (status, body["error"]["code"]) == (404, "ROUTE_NOT_FOUND")
    status, body = _call(api, "GET", "/nowhere", ANONYMOUS)
    assert (status, body["error"]["code"]) == (404, "ROUTE_NOT_FOUND")


def test_a_staff_route_never_admits_a_resident_nor_a_resident_route_staff(api: ModuleType) -> None:
    """Through the real routes: the wrong side is refused before the route runs (422 where the body's
    validation, which Powertools runs before any middleware, answers first, as it did before routers)."""
    for router in api.ROUTERS:
        for key in router.route_keys():
            method, path = key.split(" ", 1)
            concrete = path.replace("{registration_number}", "7K3M-9QXD-2B4F-X").replace("{card_id}", "c")
            concrete = concrete.replace("{document_type}", "KK").replace("{request_id}", "H0000000000AA")
            for caller, claims in CALLERS.items():
                if router.audience == "public" or caller in REACHES[router.audience]:
                    continue
                if key == "GET /review/queue" and caller == "operator":
                    continue  # operators watch every district's queue (the rule table names them)
                answer = api.app.resolve(http_event(method, concrete, claims, body={}), {})
                assert answer["statusCode"] in (401, 403, 422), (key, caller, answer)
