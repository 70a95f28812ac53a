"""The help requests' events reach the notifier (issue 20 item 7): a rule on the deployment's bus sends
`ektp.help`/`HelpRequestChanged` to the notifier's queue, with the same dead-letter queue and retries as the
status changes; the helpdesk addresses reach the notifier only when configured."""

from __future__ import annotations

from typing import Any

from aws_cdk.assertions import Template

from tests.support.cdk_app import synth_app


def _rules(template: Template) -> dict[str, Any]:
    return dict(template.find_resources("AWS::Events::Rule"))


def _notifier_env(template: Template) -> dict[str, Any]:
    function = next(
        f
        for f in template.find_resources("AWS::Lambda::Function").values()
        if f.get("Metadata", {}).get("ektp:source") == "functions/notifier"
    )
    return dict(function["Properties"]["Environment"]["Variables"])


def test_help_events_are_routed_to_the_notifiers_queue_like_the_status_changes() -> None:
    _, stack = synth_app({"local_placeholder_layers": True, "helpdesk_emails": "31.71.01=desk@example.go.id"})
    template = Template.from_stack(stack)
    rules = _rules(template)
    help_rule = next(r for k, r in rules.items() if "HelpRequestChanged" in k)["Properties"]
    status_rule = next(r for k, r in rules.items() if "StatusChanged" in k)["Properties"]
    assert help_rule["EventPattern"] == {"source": ["ektp.help"], "detail-type": ["HelpRequestChanged"]}
    assert help_rule["EventBusName"] == status_rule["EventBusName"]
    (help_target,) = help_rule["Targets"]
    (status_target,) = status_rule["Targets"]
    assert help_target["Arn"] == status_target["Arn"]  # the notifier's queue
    assert "NotifierQueue" in help_target["Arn"]["Fn::GetAtt"][0]
    assert help_target["DeadLetterConfig"] == status_target["DeadLetterConfig"]  # alarmed (test_stack)
    assert help_target["RetryPolicy"]["MaximumRetryAttempts"] >= 1
    assert _notifier_env(template)["HELPDESK_EMAILS"] == "31.71.01=desk@example.go.id"


def test_without_helpdesk_addresses_the_notifier_gets_none() -> None:
    _, stack = synth_app({"local_placeholder_layers": True})
    assert "HELPDESK_EMAILS" not in _notifier_env(Template.from_stack(stack))
