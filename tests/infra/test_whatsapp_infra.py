"""WhatsApp (issue 20 item 9): the notifier may send from the one configured number, in the configured region,
and nothing more; without a number it gets no End User Messaging Social permission at all."""

from __future__ import annotations

import json
from typing import Any

from aws_cdk.assertions import Template

from tests.support.cdk_app import synth_app


def _notifier(template: Template) -> tuple[str, dict[str, Any]]:
    return next(
        (k, dict(f))
        for k, f in template.find_resources("AWS::Lambda::Function").items()
        if f.get("Metadata", {}).get("ektp:source") == "functions/notifier"
    )


def _social_statements(template: Template) -> list[dict[str, Any]]:
    out = []
    for policy in template.find_resources("AWS::IAM::Policy").values():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            if any(a.startswith("social-messaging:") or a == "*" for a in actions):
                out.append({**statement, "_roles": policy["Properties"]["Roles"]})
    return out


def test_the_notifier_sends_whatsapp_from_its_number_only_in_the_configured_region() -> None:
    _, stack = synth_app(
        {
            "local_placeholder_layers": True,
            "whatsapp_phone_number_id": "phone-number-id-0123456789abcdef0123456789abcdef",
            "whatsapp_region": "ap-southeast-1",
        }
    )
    template = Template.from_stack(stack)
    logical, notifier = _notifier(template)
    env = notifier["Properties"]["Environment"]["Variables"]
    assert env["WHATSAPP_REGION"] == "ap-southeast-1"
    assert env["WHATSAPP_PHONE_NUMBER_ID"] == "phone-number-id-0123456789abcdef0123456789abcdef"
    (statement,) = _social_statements(template)
    assert statement["Action"] == "social-messaging:SendWhatsAppMessage"
    resource = json.dumps(statement["Resource"])
    assert "ap-southeast-1" in resource and "phone-number-id/0123456789abcdef0123456789abcdef" in resource
    assert "*" not in resource
    role = notifier["Properties"]["Role"]["Fn::GetAtt"][0]
    assert statement["_roles"] == [{"Ref": role}]  # the notifier's role, no other function's


def test_without_a_number_no_function_may_use_whatsapp() -> None:
    _, stack = synth_app({"local_placeholder_layers": True})
    template = Template.from_stack(stack)
    assert _social_statements(template) == []
    assert "WHATSAPP_PHONE_NUMBER_ID" not in _notifier(template)[1]["Properties"]["Environment"]["Variables"]
