"""The queue side of the batched 1:N search: what a waiting chain sends, and the start of its sweep.

Kept free of numpy and the face engine: the SQS consumer that runs this is a small zip function whose layers
carry neither. The sweep itself is ektp.services.gallery_search.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from ektp.ports import DocumentStore, Workflow

SWEEP_PREFIX = "sweeps"
SEARCH_FAILED = "GallerySearchFailed"  # the error the waiting chain task retries on


class SearchRequest(BaseModel):
    """One application waiting for its 1:N search (the gallery-search queue's message body)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    application_id: str
    attempt: int
    task_token: str


def batch_id_for(requests: Sequence[SearchRequest]) -> str:
    """Deterministic: a redelivered SQS batch maps to the same sweep (and the same execution name)."""
    digest = hashlib.sha256("\n".join(sorted(r.task_token for r in requests)).encode()).hexdigest()
    return f"sweep-{digest[:40]}"


def sweep_key(batch_id: str, name: str) -> str:
    return f"{SWEEP_PREFIX}/{batch_id}/{name}"


def result_name(shard_key: str) -> str:
    return f"results/{hashlib.sha256(shard_key.encode()).hexdigest()[:24]}.json"


class GallerySearchBatcher:
    """The SQS consumer: turns a batch of waiting applications into one sweep execution."""

    def __init__(self, vault: DocumentStore, sweeps: Workflow) -> None:
        self._vault = vault
        self._sweeps = sweeps

    def start_sweep(self, requests: Sequence[SearchRequest]) -> str | None:
        if not requests:
            return None
        batch_id = batch_id_for(requests)
        body = json.dumps([r.model_dump() for r in requests]).encode()
        self._vault.put(sweep_key(batch_id, "batch.json"), body, "application/json")
        self._sweeps.start(batch_id, {"batch_id": batch_id})
        return batch_id
