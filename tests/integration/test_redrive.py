"""A message that failed three times waits in its DLQ; the redrive command sends it back to be processed."""

from __future__ import annotations

import json

from local_runtime import LocalStack
from tools import redrive


def test_redrive_lists_the_dlqs_and_moves_a_message_back(stack: LocalStack, capsys: object) -> None:
    sqs = stack.client("sqs")
    queues = redrive.dead_letter_queues(sqs)
    assert len(queues) == 4  # the photo-check, OCR, gallery-search and notifier queues
    ocr = next(q for q in queues if "ocr" in q["source"])
    # An unknown slot: the OCR checker ignores it, so the redriven message is consumed without effect.
    body = json.dumps({"application_id": "7K3M-9QXD-2B4F-F", "document_type": "KK", "upload_id": "1"})
    sqs.send_message(QueueUrl=ocr["dlq"], MessageBody=body)
    assert redrive.main([ocr["dlq"]]) == 0
    # Other functions of the shared stack may log to stdout meanwhile (JSON lines): the command's answer is its own.
    out = capsys.readouterr().out.splitlines()  # type: ignore[attr-defined]
    assert [json.loads(line) for line in out if line.startswith('{"moved"')] == [{"moved": 1}]
    remaining = sqs.get_queue_attributes(QueueUrl=ocr["dlq"], AttributeNames=["ApproximateNumberOfMessages"])
    assert remaining["Attributes"]["ApproximateNumberOfMessages"] == "0"
