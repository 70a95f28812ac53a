"""Appends processing activities to the audit store: an S3 bucket under Object Lock (compliance mode).

Fed by the applications table's stream, so every timeline event written by any function is recorded
without any of them having to remember to; nothing can edit or delete a record before its retention ends,
not even an operator with full S3 rights.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from ektp.domain.audit import AuditRecord, audit_records
from ektp.ports import DocumentStore
from ektp.services.clock import utcnow

AUDIT_PREFIX = "audit"


class AuditService:
    def __init__(self, store: DocumentStore, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._store = store
        self._clock = clock

    def record(self, events: Sequence[tuple[str, Mapping[str, Any], str]]) -> list[AuditRecord]:
        """One JSON Lines object per batch; its key is derived from the batch, so a redelivered batch lands on
        the same key (a new version beside the first under Object Lock: duplicates are visible by `source`)."""
        records = audit_records(list(events))
        if not records:
            return []
        digest = hashlib.sha256("\n".join(r.source for r in records).encode()).hexdigest()[:32]
        day = self._clock().strftime("%Y/%m/%d")
        body = "".join(r.model_dump_json() + "\n" for r in records).encode()
        self._store.put(f"{AUDIT_PREFIX}/{day}/{digest}.jsonl", body, "application/x-ndjson")
        return records
