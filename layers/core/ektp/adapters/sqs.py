"""Work queues between intake and the heavy checkers (photo, OCR): backpressure, retries and a DLQ each."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ektp.adapters.aws import client


class SqsWorkQueue:
    def __init__(self) -> None:
        self._sqs = client("sqs")

    def send(self, queue: str, message: Mapping[str, Any]) -> None:
        self._sqs.send_message(QueueUrl=queue, MessageBody=json.dumps(message))
