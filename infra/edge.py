"""The edge: a web ACL for CloudFront, which must live in us-east-1 whatever the application's region.

The HTTP API has no AWS WAF integration of its own, so both the web client and the API are served through
the one CloudFront distribution (infra/web.py: `/api/*` goes to the HTTP API) with this ACL in front:
AWS managed rules for common exploits, known bad inputs and IP reputation, and a per-IP rate limit; the API
stage's own throttling stays behind it.
"""

from __future__ import annotations

from aws_cdk import Stack
from aws_cdk import aws_wafv2 as waf
from constructs import Construct

# AWS managed rule groups, in evaluation order.
MANAGED_RULES = (
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
)


def _visibility(name: str) -> waf.CfnWebACL.VisibilityConfigProperty:
    return waf.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=True
    )


class EdgeStack(Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        requests_per_5_minutes: int,
        status_lookups_per_5_minutes: int = 100,
        **kwargs: object,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)  # type: ignore[arg-type]
        rules = [
            waf.CfnWebACL.RuleProperty(
                name=name,
                priority=i,
                override_action=waf.CfnWebACL.OverrideActionProperty(none={}),
                statement=waf.CfnWebACL.StatementProperty(
                    managed_rule_group_statement=waf.CfnWebACL.ManagedRuleGroupStatementProperty(
                        vendor_name="AWS", name=name
                    )
                ),
                visibility_config=_visibility(name),
            )
            for i, name in enumerate(MANAGED_RULES)
        ]
        rules.append(
            waf.CfnWebACL.RuleProperty(
                name="PerIpRateLimit",
                priority=len(MANAGED_RULES),
                action=waf.CfnWebACL.RuleActionProperty(block={}),
                statement=waf.CfnWebACL.StatementProperty(
                    rate_based_statement=waf.CfnWebACL.RateBasedStatementProperty(
                        aggregate_key_type="IP", limit=requests_per_5_minutes
                    )
                ),
                visibility_config=_visibility("PerIpRateLimit"),
            )
        )
        rules.append(_status_lookup_rule(len(rules), status_lookups_per_5_minutes))
        self.web_acl = waf.CfnWebACL(
            self,
            "EdgeAcl",
            scope="CLOUDFRONT",
            default_action=waf.CfnWebACL.DefaultActionProperty(allow={}),
            rules=rules,
            visibility_config=_visibility("ektp-edge"),
        )


def _status_lookup_rule(priority: int, limit: int) -> waf.CfnWebACL.RuleProperty:
    """The public status lookup (POST /api/status), per viewer IP: the function's own per-source counter sees
    CloudFront's address, so the viewer's own limit is kept here, where the viewer's address is known."""
    return waf.CfnWebACL.RuleProperty(
        name="StatusLookupPerIp",
        priority=priority,
        action=waf.CfnWebACL.RuleActionProperty(block={}),
        statement=waf.CfnWebACL.StatementProperty(
            rate_based_statement=waf.CfnWebACL.RateBasedStatementProperty(
                aggregate_key_type="IP",
                limit=limit,
                scope_down_statement=waf.CfnWebACL.StatementProperty(
                    byte_match_statement=waf.CfnWebACL.ByteMatchStatementProperty(
                        field_to_match=waf.CfnWebACL.FieldToMatchProperty(uri_path={}),
                        positional_constraint="STARTS_WITH",
                        search_string="/api/status",
                        text_transformations=[
                            waf.CfnWebACL.TextTransformationProperty(priority=0, type="LOWERCASE")
                        ],
                    )
                ),
            )
        ),
        visibility_config=_visibility("StatusLookupPerIp"),
    )
