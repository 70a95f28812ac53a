"""Issue 20: the chain's biometric-recording wait on the synthesized template: the states, their timeouts and
catches, and the least privilege of what the chain and the biometric function may read."""

from __future__ import annotations

import json

from aws_cdk.assertions import Template

from tests.infra.test_stack import _function, _machine, _s3_resources, _statements_of, built, template

__all__ = ["built", "template"]  # the module-scoped fixtures of test_stack.py, shared


def test_verified_data_without_trusted_biometrics_waits_on_a_token_then_reminds_then_an_officer(
    template: Template,
) -> None:
    machine, definition = _machine(template, "VerificationChain")
    states = definition["States"]
    assert states["Verify"]["Next"] == "PlanRecording"
    assert states["PlanRecording"]["Next"] == "NeedsRecording"
    needs = states["NeedsRecording"]
    assert needs["Choices"][0]["Variable"] == "$.results.plan_recording.result.needed"
    assert needs["Choices"][0]["Next"] == "AwaitBiometricRecording" and needs["Default"] == "MatchFaces"
    waits = ["AwaitBiometricRecording", "AwaitRecordingAfterReminder", "AwaitRecordingOfficerTask"]
    timeouts = {
        "AwaitBiometricRecording": "RemindRecording",
        "AwaitRecordingAfterReminder": "RecordingOfficerTask",
    }
    timeouts["AwaitRecordingOfficerTask"] = "RecordingMissed"
    for name in waits:
        wait = states[name]
        assert wait["Resource"].endswith(":lambda:invoke.waitForTaskToken"), name
        assert wait["Parameters"]["Payload"]["step"] == "request_recording"
        assert wait["Parameters"]["Payload"]["task_token.$"] == "$$.Task.Token"
        assert set(wait["Parameters"]["Payload"]) == {"step", "application_id.$", "attempt.$", "task_token.$"}
        assert wait["TimeoutSeconds"] > 0 and wait["Next"] == "RecordRecording"
        catches = wait["Catch"]
        assert catches[0] == {
            "ErrorEquals": ["States.Timeout"],
            "ResultPath": "$.error",
            "Next": timeouts[name],
        }
        assert catches[-1]["Next"] == "RecordFailure"
    assert states["RemindRecording"]["Next"] == "AwaitRecordingAfterReminder"
    assert states["RecordingOfficerTask"]["Next"] == "AwaitRecordingOfficerTask"
    # A resumed wait goes on only with a capture on record; otherwise it waits again (a forged token changes nothing).
    recorded = states["Recorded"]
    assert recorded["Choices"][0]["Variable"] == "$.recorded.result.captured"
    assert recorded["Choices"][0]["Next"] == "MatchFaces" and recorded["Default"] == "AwaitBiometricRecording"
    assert states["RecordingMissed"]["Next"] == "RecordedAtTheLast"
    assert states["RecordedAtTheLast"]["Default"] == "Done"
    # The machine outlives every wait: the recording's three and the officer review's two.
    waited = sum(states[name]["TimeoutSeconds"] for name in waits)
    assert waited == (10 + 5 + 14) * 24 * 3600
    assert machine["DefinitionString"] and definition.get("TimeoutSeconds", 0) >= waited + 30 * 24 * 3600


def test_the_chain_reads_only_the_capture_sources_and_may_resume_its_own_wait(template: Template) -> None:
    chain, function = _function(template, "functions/chain")
    variables = function["Properties"]["Environment"]["Variables"]
    assert variables["BIOMETRIC_RECORDING_REQUIRED"] == "true"
    assert "BIOMETRICS_BUCKET_NAME" in variables
    statements = _statements_of(template, chain)
    vault = [s for s in statements if "StorageBiometrics" in json.dumps(s["Resource"])]
    assert vault == [  # no template, no listing (key names there are NIKs): the capture-source records only
        {
            "Action": "s3:GetObject",
            "Effect": "Allow",
            "Resource": {
                "Fn::Join": [
                    "",
                    [
                        {"Fn::GetAtt": ["StorageBiometricsA0CAFE55", "Arn"]},
                        "/templates/enrolled/*.capture.json",
                    ],
                ]
            },
        }
    ]
    resumes = [s for s in statements if "states:SendTaskSuccess" in json.dumps(s["Action"])]
    assert resumes and all("SendTaskFailure" not in json.dumps(s["Action"]) for s in resumes)


def test_the_biometric_function_reads_the_officers_captures_which_expire_with_the_uploads(
    template: Template,
) -> None:
    biometrics, _ = _function(template, "functions/biometrics")
    reads = _s3_resources(_statements_of(template, biometrics), "s3:GetObject")
    assert any('"/captures/*"]]}' in r for r in reads)
    rules = {
        rule["Id"]: rule
        for bucket in template.find_resources("AWS::S3::Bucket").values()
        for rule in bucket["Properties"].get("LifecycleConfiguration", {}).get("Rules", [])
        if "Id" in rule
    }
    assert rules["recording-captures"]["Prefix"] == "captures/"
    assert rules["recording-captures"]["ExpirationInDays"] == rules["raw-uploads"]["ExpirationInDays"]
