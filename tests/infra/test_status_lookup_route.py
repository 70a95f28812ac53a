"""The public status lookup in the template (issue 20 item 6): public, throttled as a route, limited per viewer IP
at the edge, and the API function knows the status page the receipt's QR opens."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk import App, Stack
from aws_cdk.assertions import Template

from infra.api import STATUS_LOOKUP_ROUTE
from tests.support.cdk_app import synth_app


@pytest.fixture(scope="module")
def built() -> tuple[App, Stack]:
    return synth_app({"local_placeholder_layers": True, "status_page_url": "https://status.example.test/s"})


def _resources(template: Template, kind: str) -> dict[str, Any]:
    return dict(template.find_resources(kind))


def test_the_status_route_is_public_and_throttled_below_the_stage(built: tuple[App, Stack]) -> None:
    template = Template.from_stack(built[1])
    route = next(
        r["Properties"]
        for r in _resources(template, "AWS::ApiGatewayV2::Route").values()
        if r["Properties"]["RouteKey"] == STATUS_LOOKUP_ROUTE
    )
    assert route.get("AuthorizationType", "NONE") == "NONE" and "AuthorizerId" not in route
    stage_id, stage = next(iter(_resources(template, "AWS::ApiGatewayV2::Stage").items()))
    limits = stage["Properties"]["RouteSettings"][STATUS_LOOKUP_ROUTE]
    assert (
        0 < limits["ThrottlingRateLimit"] < stage["Properties"]["DefaultRouteSettings"]["ThrottlingRateLimit"]
    )
    assert limits["ThrottlingBurstLimit"] > 0
    # Route settings must name an existing route: the stage is created after it.
    route_ids = [
        k
        for k, r in _resources(template, "AWS::ApiGatewayV2::Route").items()
        if r["Properties"]["RouteKey"] == STATUS_LOOKUP_ROUTE
    ]
    assert set(route_ids) <= set(stage.get("DependsOn", []))


def test_the_api_function_gets_the_configured_status_page(built: tuple[App, Stack]) -> None:
    template = Template.from_stack(built[1])
    functions = _resources(template, "AWS::Lambda::Function")
    api = next(
        f
        for k, f in functions.items()
        if k.startswith("ComputeApi")
        or "ApiFunction" in k
        or "ORIGIN_VERIFY_SECRET_ARN" in f["Properties"].get("Environment", {}).get("Variables", {})
    )
    assert api["Properties"]["Environment"]["Variables"]["STATUS_PAGE_URL"] == "https://status.example.test/s"


def test_the_edge_limits_status_lookups_per_viewer_ip(built: tuple[App, Stack]) -> None:
    edge = next(
        s for s in built[0].node.children if isinstance(s, Stack) and s.stack_name.startswith("EktpEdge-")
    )
    acl = next(iter(_resources(Template.from_stack(edge), "AWS::WAFv2::WebACL").values()))["Properties"]
    rule = next(r for r in acl["Rules"] if r["Name"] == "StatusLookupPerIp")
    rate = rule["Statement"]["RateBasedStatement"]
    assert rate["AggregateKeyType"] == "IP" and rule["Action"] == {"Block": {}}
    match = rate["ScopeDownStatement"]["ByteMatchStatement"]
    assert match["SearchString"] == "/api/status" and match["PositionalConstraint"] == "STARTS_WITH"
    general = next(r for r in acl["Rules"] if r["Name"] == "PerIpRateLimit")["Statement"][
        "RateBasedStatement"
    ]
    assert rate["Limit"] < general["Limit"]
