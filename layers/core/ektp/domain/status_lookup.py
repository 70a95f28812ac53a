"""The public status lookup's rules: who may ask, how often, and what the answer may say.

Anyone holding a receipt may ask for the status with the registration number and the date of birth, without an
account. That makes the route a target: an attacker would walk birth dates against one number, or numbers
against one birth date, or tell numbers that exist from those that don't. So:

- one answer for every failure: an unknown number, a malformed one and a wrong date of birth all get the same
  404 APPLICATION_NOT_FOUND (the body and status code do not say which part was wrong);
- the date of birth is compared in constant time, and an unknown number is compared against a stand-in date, so
  the work done does not say whether the number exists;
- failed attempts are counted per registration number, whether it exists or not (a lock only on numbers that
  exist would itself tell them apart), and per source: past the limit, the number or the source is locked for
  the rest of the window (429 STATUS_LOOKUP_LOCKED), even with the right date;
- the answer carries the status, the next step in both languages and the day of the last change; nothing about
  the person (no name, NIK, reasons, documents).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ektp.domain.status import NEXT_ACTION, ApplicationStatus

MAX_FAILURES_PER_NUMBER = 5  # a resident mistyping their birth date needs one or two tries
WINDOW = timedelta(hours=1)  # ~36,500 plausible birth dates / 5 per hour: years of guessing for one number
# Per source address: many numbers tried from one place. Generous, because behind CloudFront the API sees an edge
# server's address, shared by many residents; the per-viewer limit is the web ACL's rule (infra/edge.py).
MAX_FAILURES_PER_SOURCE = 50
# The viewer's address as CloudFront saw it, written by the API behaviour's viewer-request function over any
# value the viewer sent (infra/web.py). Behind the edge the connection's address is CloudFront's, shared by
# every viewer of that edge: counting by it let one viewer's failures lock them all out.
VIEWER_IP_HEADER = "x-ektp-viewer-ip"

# Compared when the number is unknown, so both paths do the same work.
_STAND_IN = date(1900, 1, 1)


def number_key(canonical_number: str) -> str:
    return f"N#{canonical_number}"


def source_key(source_ip: str) -> str:
    # The address itself is personal data: only a digest is stored (and it expires with the window).
    return "S#" + hashlib.sha256(_subscriber(source_ip).encode()).hexdigest()[:32]


def _subscriber(source_ip: str) -> str:
    """An IPv6 address counts as its /64: one subscriber is given the whole network (2^64 addresses)."""
    try:
        address = ipaddress.ip_address(source_ip)
    except ValueError:
        return source_ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def viewer_address(headers: Mapping[str, str]) -> str | None:
    """The viewer's address the edge wrote (VIEWER_IP_HEADER), or None when absent or not an address. Trust it
    only for a request that proved it came through the edge: a direct caller could write anything."""
    value = next((v for k, v in headers.items() if k.lower() == VIEWER_IP_HEADER), None)
    try:
        return str(ipaddress.ip_address(value.strip())) if value else None
    except ValueError:
        return None


def window_open(started: datetime, now: datetime, window: timedelta = WINDOW) -> bool:
    """Whether a counting window that began at `started` still runs at `now` (a new window starts after it)."""
    return now - started < window


def birth_date_matches(stored: date | None, given: date) -> bool:
    """Constant-time comparison; an unknown number (None) compares a stand-in and never matches."""
    expected = (stored or _STAND_IN).isoformat().encode()
    same = hmac.compare_digest(expected, given.isoformat().encode())
    return same and stored is not None


@dataclass(frozen=True)
class PublicStatus:
    registration_number: str
    status: ApplicationStatus
    next_action_id: str
    next_action_en: str
    last_changed: date


def public_status(registration_number: str, status: ApplicationStatus, updated_at: datetime) -> PublicStatus:
    """What the public answer may carry: nothing but the status, the next step and the day of the last change."""
    next_id, next_en = NEXT_ACTION[status]
    return PublicStatus(registration_number, status, next_id, next_en, updated_at.date())


def status_link(status_page_url: str, registration_number: str) -> str:
    """The public status page with the number filled in (it asks for the birth date): the receipt's QR target
    and the link in every notification."""
    from urllib.parse import urlencode

    separator = "&" if "?" in status_page_url else "?"
    return f"{status_page_url}{separator}{urlencode({'n': registration_number})}"
