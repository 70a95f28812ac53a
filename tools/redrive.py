"""Move the messages of a dead-letter queue back to their source queue, after the fault is fixed.

    python -m tools.redrive --list                   # every queue with a DLQ, and how many messages wait
    python -m tools.redrive QUEUE_NAME_OR_URL        # move that DLQ's messages back to its source queue

Messages keep their bodies and attributes; checkers are idempotent, so a message that did get processed
before failing changes nothing when it comes back. (SQS's StartMessageMoveTask does the same server-side;
this portable loop also runs on the local stack.)
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import boto3


def dead_letter_queues(sqs: Any) -> list[dict[str, Any]]:
    found = []
    for url in sqs.list_queues().get("QueueUrls", []):
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        if "RedrivePolicy" in attributes:
            policy = json.loads(attributes["RedrivePolicy"])
            dlq_url = sqs.get_queue_url(QueueName=policy["deadLetterTargetArn"].rsplit(":", 1)[1])["QueueUrl"]
            dlq = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["All"])["Attributes"]
            found.append(
                {
                    "source": url,
                    "source_arn": attributes["QueueArn"],
                    "dlq": dlq_url,
                    "dlq_arn": dlq["QueueArn"],
                    "waiting": int(dlq.get("ApproximateNumberOfMessages", 0)),
                }
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("queue", nargs="?", help="the DLQ's (or its source queue's) name or URL")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args(argv)
    sqs = boto3.client("sqs")
    queues = dead_letter_queues(sqs)
    if args.list or not args.queue:
        print(json.dumps(queues, indent=2))
        return 0
    match = [q for q in queues if args.queue in (q["dlq"], q["source"]) or q["dlq"].endswith(args.queue)]
    if not match:
        print(f"no dead-letter queue matches {args.queue}", file=sys.stderr)
        return 2
    print(json.dumps({"moved": move(sqs, match[0]["dlq"], match[0]["source"])}))
    return 0


def move(sqs: Any, dlq_url: str, source_url: str) -> int:
    """Receive, re-send, then delete: a message is deleted from the DLQ only after it is safely re-queued
    (at worst it is re-queued twice, which the idempotent checkers absorb)."""
    moved = 0
    while True:
        messages = sqs.receive_message(
            QueueUrl=dlq_url, MaxNumberOfMessages=10, WaitTimeSeconds=0, MessageAttributeNames=["All"]
        ).get("Messages", [])
        if not messages:
            return moved
        for message in messages:
            sqs.send_message(
                QueueUrl=source_url,
                MessageBody=message["Body"],
                **(
                    {"MessageAttributes": message["MessageAttributes"]}
                    if message.get("MessageAttributes")
                    else {}
                ),
            )
            sqs.delete_message(QueueUrl=dlq_url, ReceiptHandle=message["ReceiptHandle"])
            moved += 1


if __name__ == "__main__":
    sys.exit(main())
