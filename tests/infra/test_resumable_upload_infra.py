"""Resumable uploads in the template (issue 20 item 5): the uploads bucket aborts stale multipart uploads and
lets browsers PUT parts; the four resident routes sit behind the JWT authorizer; the API function may start,
list, complete and abort multipart uploads under uploads/."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk import Stack
from aws_cdk.assertions import Template

from tests.support.cdk_app import synth_app

MULTIPART_ROUTES = {
    "POST /applications/{registration_number}/documents/{document_type}/multipart",
    *(
        f"POST /applications/{{registration_number}}/documents/{{document_type}}/{{upload_id}}/{step}"
        for step in ("parts", "complete", "abort")
    ),
}


@pytest.fixture(scope="module")
def template() -> Template:
    _, stack = synth_app({"local_placeholder_layers": True})
    assert isinstance(stack, Stack)
    return Template.from_stack(stack)


def _uploads_bucket(template: Template) -> dict[str, Any]:
    for bucket in template.find_resources("AWS::S3::Bucket").values():
        rules = bucket["Properties"].get("LifecycleConfiguration", {}).get("Rules", [])
        if any(r.get("Id") == "raw-uploads" for r in rules):
            return dict(bucket["Properties"])
    raise AssertionError("no uploads bucket")


def test_stale_multipart_uploads_are_aborted_by_the_lifecycle(template: Template) -> None:
    rules = _uploads_bucket(template)["LifecycleConfiguration"]["Rules"]
    aborting = [r for r in rules if "AbortIncompleteMultipartUpload" in r]
    assert len(aborting) == 1 and aborting[0]["Status"] == "Enabled"
    # Every key: a resident's upload under uploads/ included (no prefix narrows it).
    assert "Prefix" not in aborting[0] and "Filter" not in aborting[0]
    assert aborting[0]["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"] == 1


def test_browsers_may_put_parts(template: Template) -> None:
    cors = _uploads_bucket(template)["CorsConfiguration"]["CorsRules"]
    assert any("PUT" in rule["AllowedMethods"] for rule in cors)


def test_the_multipart_routes_need_a_signed_in_resident(template: Template) -> None:
    routes = {
        r["Properties"]["RouteKey"]: r["Properties"]
        for r in template.find_resources("AWS::ApiGatewayV2::Route").values()
    }
    for key in MULTIPART_ROUTES:
        assert routes[key]["AuthorizationType"] == "JWT", key


def test_the_api_may_abort_and_list_multipart_uploads_of_uploads(template: Template) -> None:
    statements = [
        statement
        for policy in template.find_resources("AWS::IAM::Policy").values()
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
    ]
    # grant_put (s3:PutObject with s3:Abort*) and grant_read (s3:List*) on the residents' prefix.
    aborts = [s for s in statements if "s3:Abort*" in str(s.get("Action")) and "/uploads/*" in str(s)]
    lists = [s for s in statements if "s3:List*" in str(s.get("Action")) and "/uploads/*" in str(s)]
    assert aborts and lists
    assert all("s3:PutObject" in s["Action"] for s in aborts)
