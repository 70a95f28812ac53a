"""Every SQS-triggered function reports partial batch failures, behind a queue with a dead-letter queue, and
handles its batch through the one helper (ektp.batch): a bad message is retried alone, its neighbours pass."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aws_cdk.assertions import Template

from tests.support.cdk_app import synth_app

ROOT = Path(__file__).resolve().parents[2]
SQS_CONSUMERS = {"functions/photo_check", "functions/ocr", "functions/gallery_batch", "functions/notifier"}


@pytest.fixture(scope="module")
def template() -> Template:
    _, stack = synth_app({"local_placeholder_layers": True})
    return Template.from_stack(stack)


def _sqs_mappings(template: Template) -> list[tuple[str, dict[str, Any]]]:
    """(the consumer's source folder, the mapping's properties) for each event source mapping on a queue."""
    resources = template.to_json()["Resources"]
    found = []
    for mapping in template.find_resources("AWS::Lambda::EventSourceMapping").values():
        props = mapping["Properties"]
        source = props["EventSourceArn"].get("Fn::GetAtt", [""])[0]
        if resources.get(source, {}).get("Type") != "AWS::SQS::Queue":
            continue
        function = resources[props["FunctionName"]["Ref"]]
        found.append((function["Metadata"]["ektp:source"], props))
    return found


def test_every_sqs_consumer_reports_batch_item_failures(template: Template) -> None:
    mappings = _sqs_mappings(template)
    # A new consumer joins this list and the helper.
    assert {source for source, _ in mappings} == SQS_CONSUMERS
    for source, props in mappings:
        assert props.get("FunctionResponseTypes") == ["ReportBatchItemFailures"], source


def test_every_consumed_queue_parks_a_failing_message_in_a_dead_letter_queue(template: Template) -> None:
    resources = template.to_json()["Resources"]
    for source, props in _sqs_mappings(template):
        queue = resources[props["EventSourceArn"]["Fn::GetAtt"][0]]["Properties"]
        assert queue["RedrivePolicy"]["maxReceiveCount"] >= 1, source


@pytest.mark.parametrize("source", sorted(SQS_CONSUMERS))
def test_every_sqs_consumer_handles_its_batch_through_the_one_helper(source: str) -> None:
    handler = (ROOT / source / "handler.py").read_text()
    if "build_checker_handler" in handler:  # the photo and OCR checkers share one handler builder
        handler = (ROOT / "layers/core/ektp/checker_handler.py").read_text()
    assert "from ektp.batch import" in handler
    assert "aws_lambda_powertools.utilities.batch" not in handler
