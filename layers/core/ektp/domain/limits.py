"""How often one account may register and submit: the brake on guessing against the registry.

Every submission is one question to the registry (is this mother's name right?). Residents need a few rounds to
fix what a rejection names; someone walking a guess towards another person's data needs many. The limits count
per application and per account over a rolling window; a resident who reaches them is sent to the office, where
an officer helps in person. Enumeration across many accounts meets the per-IP rate rule of the web ACL and
sign-up's e-mail or phone verification.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from ektp.domain.records import ApplicationRecord

MAX_SUBMISSIONS_PER_APPLICATION = 5
MAX_SUBMISSIONS_PER_ACCOUNT = 10
MAX_APPLICATIONS_PER_ACCOUNT = 5
ACCOUNT_WINDOW = timedelta(days=30)


def _created_recently(owned: Iterable[ApplicationRecord], now: datetime) -> list[ApplicationRecord]:
    return [r for r in owned if now - r.created_at < ACCOUNT_WINDOW]


def _active_recently(owned: Iterable[ApplicationRecord], now: datetime) -> list[ApplicationRecord]:
    # By the last change, not by creation: a draft registered long ago and submitted now counts with every
    # submission it ever had (an over-count for an old application, never a way around the limit).
    return [r for r in owned if now - r.updated_at < ACCOUNT_WINDOW]


def submissions(record: ApplicationRecord) -> int:
    """The resident's own submissions: every attempt but those the system started (re-drives after a fault)."""
    return record.attempt - record.redrives


def submission_refusal(
    record: ApplicationRecord, owned: Iterable[ApplicationRecord], now: datetime
) -> str | None:
    """The error code that refuses one more submission of `record`, or None when it may go ahead."""
    if submissions(record) >= MAX_SUBMISSIONS_PER_APPLICATION:
        return "SUBMISSION_LIMIT_REACHED"
    if sum(submissions(r) for r in _active_recently(owned, now)) >= MAX_SUBMISSIONS_PER_ACCOUNT:
        return "SUBMISSION_LIMIT_REACHED"
    return None


def registration_refusal(owned: Iterable[ApplicationRecord], now: datetime) -> str | None:
    """The error code that refuses one more application for this account, or None."""
    if len(_created_recently(owned, now)) >= MAX_APPLICATIONS_PER_ACCOUNT:
        return "REGISTRATION_LIMIT_REACHED"
    return None
