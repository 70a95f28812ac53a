"""Issue 20 item 4: the chain's field-visit wait on the synthesized template (the states, their timeouts and catches,
ids only in the token's payload) and the least privilege of the visit photos."""

from __future__ import annotations

from aws_cdk.assertions import Template

from tests.infra.test_stack import _function, _machine, _s3_resources, _statements_of, built, template

__all__ = ["built", "template"]  # the module-scoped fixtures of test_stack.py, shared


def test_a_domicile_doubt_waits_on_a_token_then_flags_it_overdue_then_an_officer_reviews(
    template: Template,
) -> None:
    machine, definition = _machine(template, "VerificationChain")
    states = definition["States"]
    route = states["DecisionRoute"]["Choices"]
    assert {
        "Variable": "$.results.decide.result.decision",
        "StringEquals": "FIELD_VISIT",
        "Next": "AwaitFieldVisit",
    } in route
    reviewed = states["ReviewRoute"]
    assert reviewed["Choices"] == [
        {"Variable": "$.review.decision", "StringEquals": "FIELD_VISIT", "Next": "AwaitFieldVisit"}
    ]
    assert reviewed["Default"] == "RecordReviewDecision"
    assert states["RequestOfficerReview"]["Next"] == states["RequestEscalatedReview"]["Next"] == "ReviewRoute"
    timeouts = {"AwaitFieldVisit": "RemindFieldVisit", "AwaitFieldVisitAfterReminder": "FieldVisitMissed"}
    for name, on_timeout in timeouts.items():
        wait = states[name]
        assert wait["Resource"].endswith(":lambda:invoke.waitForTaskToken"), name
        payload = wait["Parameters"]["Payload"]
        assert payload["step"] == "request_field_visit" and payload["task_token.$"] == "$$.Task.Token"
        assert set(payload) == {"step", "application_id.$", "attempt.$", "task_token.$"}  # ids only
        assert wait["Next"] == "RecordFieldVisit" and wait["TimeoutSeconds"] == 7 * 24 * 3600
        assert wait["Catch"][0] == {
            "ErrorEquals": ["States.Timeout"],
            "ResultPath": "$.error",
            "Next": on_timeout,
        }
        assert wait["Catch"][-1]["Next"] == "RecordFailure"
    assert states["RemindFieldVisit"]["Next"] == "AwaitFieldVisitAfterReminder"
    assert states["RecordFieldVisit"]["Next"] == states["FieldVisitMissed"]["Next"] == "FieldVisitOutcome"
    outcome = states["FieldVisitOutcome"]
    nexts = {c["StringEquals"]: c["Next"] for c in outcome["Choices"]}
    assert nexts == {"continue": "Decide", "reject": "Done", "review": "RequestOfficerReview"}
    # No answer on record (a forged or replayed token) and a second visit both wait again.
    assert outcome["Default"] == "AwaitFieldVisit"
    assert definition["TimeoutSeconds"] >= 30 * 24 * 3600 + 2 * 14 * 24 * 3600


def test_only_the_api_writes_and_reads_visit_photos_which_expire_with_the_uploads(template: Template) -> None:
    api, _ = _function(template, "functions/api")
    statements = _statements_of(template, api)
    assert any('"/field-visits/*"]]}' in r for r in _s3_resources(statements, "s3:PutObject"))
    assert any('"/field-visits/*"]]}' in r for r in _s3_resources(statements, "s3:GetObject"))
    for source in ("functions/chain", "functions/biometrics", "functions/intake"):
        other, _ = _function(template, source)
        assert not any("field-visits" in r for r in _s3_resources(_statements_of(template, other), "s3:"))
    rules = {
        rule["Id"]: rule
        for bucket in template.find_resources("AWS::S3::Bucket").values()
        for rule in bucket["Properties"].get("LifecycleConfiguration", {}).get("Rules", [])
        if "Id" in rule
    }
    assert rules["field-visit-photos"]["Prefix"] == "field-visits/"
    assert rules["field-visit-photos"]["ExpirationInDays"] == rules["raw-uploads"]["ExpirationInDays"]
