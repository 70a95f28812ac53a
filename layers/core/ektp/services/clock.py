from __future__ import annotations

import secrets
import time
from datetime import UTC, date, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def today_jakarta() -> date:
    # Ages and dates on Indonesian documents follow local time (WIB, UTC+7).
    return datetime.fromtimestamp(time.time() + 7 * 3600, UTC).date()


def new_upload_id() -> str:
    """Time-ordered and unique: milliseconds then randomness, so a later upload always sorts last."""
    return f"{time.time_ns() // 1_000_000:013d}{secrets.token_hex(4)}"
