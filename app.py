#!/usr/bin/env python3
"""CDK entry point: `cdk synth` / `cdk deploy`. Settings come from cdk.json context (see infra/settings.py)."""

from __future__ import annotations

import json
from pathlib import Path

import aws_cdk as cdk
from cdk_nag import AwsSolutionsChecks

from infra.edge import EdgeStack
from infra.settings import DeploymentSettings
from infra.stack import EktpStack


def build_app(
    context: dict[str, object] | None = None, outdir: str | None = None
) -> tuple[cdk.App, EktpStack]:
    # The CLI passes cdk.json's context itself; tests and the local runtime synthesize without the CLI.
    # Without an outdir (and without the CLI's CDK_OUTDIR) CDK stages the assets in a new temporary directory
    # per app and never removes it: tests pass one directory they remove.
    defaults = json.loads((Path(__file__).parent / "cdk.json").read_text())["context"]
    app = cdk.App(context={**defaults, **(context or {})}, outdir=outdir)
    settings = DeploymentSettings.from_context(app.node)
    # CloudFront's web ACL must be in us-east-1: its own small stack, referenced across regions.
    edge = EdgeStack(
        app,
        f"EktpEdge-{settings.stage}",
        requests_per_5_minutes=settings.edge_requests_per_ip_per_5_minutes,
        status_lookups_per_5_minutes=settings.status_lookup_per_ip_per_5_minutes,
        env=cdk.Environment(region="us-east-1"),
        cross_region_references=True,
        description="ektp: the CloudFront web ACL (AWS WAF) in front of the web client and the API",
    )
    stack = EktpStack(
        app,
        f"Ektp-{settings.stage}",
        settings=settings,
        web_acl_arn=edge.web_acl.attr_arn,
        env=cdk.Environment(region=settings.region),
        cross_region_references=True,
        description="ektp: online e-KTP applications (intake, verification, review, issuance)",
    )
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    return app, stack


if __name__ == "__main__":
    build_app()[0].synth()
