"""How often one account may register and submit: the brake on guessing against the registry.

Every submission is one question to the registry (is this mother's name right?). Residents need a few rounds to
fix what a rejection names; someone walking a guess towards another person's data needs many. The limits count
per application and per account over a rolling window, and per applied NIK across all accounts (many throwaway
accounts asking about one person's record); a resident who reaches them is sent to the office, where an officer
helps in person. Sign-up's e-mail or phone verification and the web ACL's per-IP rule slow the making of accounts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta

from ektp.domain.records import ApplicationRecord

MAX_SUBMISSIONS_PER_APPLICATION = 5
MAX_SUBMISSIONS_PER_ACCOUNT = 10
MAX_APPLICATIONS_PER_ACCOUNT = 5
# Across every account: the NIK's own holder needs a few rounds; more means several people are asking about it.
MAX_SUBMISSIONS_PER_NIK = 10
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


def nik_submission_refusal(on_nik: Iterable[ApplicationRecord], now: datetime) -> str | None:
    """The error code that refuses one more submission on a NIK, given every application on it (any account,
    any status), or None. Once reached, an attacker's guesses also hold back the holder: the office helps."""
    if sum(submissions(r) for r in _active_recently(on_nik, now)) >= MAX_SUBMISSIONS_PER_NIK:
        return "SUBMISSION_LIMIT_REACHED"
    return None


def nik_change_refusal(record: ApplicationRecord, new_nik: str) -> str | None:
    """The error code that refuses moving a submitted application to another NIK, or None. The per-NIK count is
    of the applications on a NIK now: moved away, a spent application would take its submissions with it."""
    if submissions(record) > 0 and new_nik != record.applicant.nik:
        return "NIK_CHANGE_AFTER_SUBMISSION"
    return None


# The account and NIK limits above read the ByOwner and ByNik indexes, which are eventually consistent and read
# before the write: parallel requests (or ones inside the index's lag) all saw the count before any of theirs. Each
# is therefore also taken from a counter item (ApplicationRepository.take_allowance: one conditional write) under
# these keys; the NIK's is a digest, so no key names a person.
def account_allowance_key(owner: str) -> str:
    return f"ACCOUNT#{owner}"


def nik_allowance_key(nik: str) -> str:
    return f"NIK#{hashlib.sha256(nik.encode()).hexdigest()[:32]}"


def registration_refusal(owned: Iterable[ApplicationRecord], now: datetime) -> str | None:
    """The error code that refuses one more application for this account, or None."""
    if len(_created_recently(owned, now)) >= MAX_APPLICATIONS_PER_ACCOUNT:
        return "REGISTRATION_LIMIT_REACHED"
    return None


# --- allowances: how often one application (or account) may do something that writes or sends ----------------
# Counted per key in a window that starts at the first use and restarts once it ran out (ports: the
# repository's take_allowance, one conditional write, so parallel requests cannot run past a limit).

# Active liveness: each challenge is one more chance for a replayed recording (domain/liveness.py gives the
# chance per challenge); the budget bounds the chances, not only the rate.
MAX_LIVENESS_CHALLENGES = 10
LIVENESS_CHALLENGE_WINDOW = timedelta(days=30)

# Starting a resumable upload writes a slot and, once aborted, an audit event kept for years: an abort gives the
# upload budget's place back (a failed attempt never spends it), so starts have their own window.
MAX_UPLOAD_STARTS = 20
UPLOAD_START_WINDOW = timedelta(days=1)
# Giving places back (an abort, a refused completion, an expired slot) writes an UPLOAD_ABANDONED event each:
# past this many a day, a closed attempt keeps its place until a later window gives it back (release_stale).
MAX_UPLOAD_RELEASES = 20
UPLOAD_RELEASE_WINDOW = timedelta(days=1)

# Booking, rebooking or asking for a home visit: each change may message the form's (unverified) contact.
MAX_BOOKING_CHANGES_PER_DAY = 5
MAX_BOOKING_CHANGES = 10  # per application in BOOKING_CHANGES_WINDOW
BOOKING_CHANGES_WINDOW = timedelta(days=30)
BOOKING_NOTICE_WINDOW = timedelta(hours=1)  # at most one confirmation message per application in it

# Help requests: each one and each follow-up e-mails the district's helpdesk. The two open limits are kept by
# one item per account written on its version in each open's transaction (help_requests.HelpOpenings), so
# parallel opens cannot pass them; the follow-ups by the request's own version.
MAX_OPEN_HELP_REQUESTS = 3  # per account, OPEN or ANSWERED
MAX_HELP_REQUESTS_PER_DAY = 5  # per account, opened in the last HELP_OPEN_WINDOW
HELP_OPEN_WINDOW = timedelta(days=1)
MAX_FOLLOW_UPS_PER_WINDOW = 10  # per request
FOLLOW_UP_WINDOW = timedelta(days=1)
HELPDESK_NOTICE_WINDOW = timedelta(hours=1)  # at most one follow-up notice per request in it

# The resident's data export and the correction of a draft each write a timeline event, which the audit store
# keeps for five years under Object Lock: a day's allowance per application bounds what one account can write
# there (the access right and a resident's corrections need far fewer).
MAX_DATA_EXPORTS_PER_DAY = 10
MAX_CORRECTIONS_PER_DAY = 20
DAILY_WINDOW = timedelta(days=1)
# A version refused at intake (a POST to an accepted upload, or after submission) is deleted unread and recorded;
# a presigned POST stays valid for minutes, so the records of one application's refusals are a day's allowance.
MAX_UPLOAD_REFUSALS_RECORDED_PER_DAY = 20
