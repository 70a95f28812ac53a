"""Staff reads of a resident's personal data on the application's timeline, hence the audit store (domain/audit.py
STAFF_READS). A page that polls (the office's upload verdict, a case the chain moves on) reads the same case every
second: the first read of each READ_RECORD_WINDOW by one officer of one application is recorded, the rest are
covered by it (one conditional write each, ApplicationRepository.take_allowance), so the trail says who read
whose data and when to that window without a five-year record per poll."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ektp.domain.access import Principal
from ektp.domain.audit import READ_RECORD_WINDOW, staff_read
from ektp.domain.disclosure import staff_role
from ektp.ports import ApplicationRepository


def record_staff_reads(
    repository: ApplicationRepository,
    officer: Principal,
    application_ids: Iterable[str],
    kind: str,
    now: datetime,
) -> None:
    """Every application shown to the officer: its read on the trail, once a window per officer and kind."""
    for application_id in application_ids:
        if repository.take_allowance(application_id, f"{kind}#{officer.subject}", 1, now, READ_RECORD_WINDOW):
            repository.add_event(application_id, staff_read(kind, officer.subject, staff_role(officer), now))
