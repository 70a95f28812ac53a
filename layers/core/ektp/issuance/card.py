"""The card record: what is printed on the KTP-el, and the card's own print statuses.

Fields follow UU 24/2013 art. 64(1). The card is valid for life for citizens (SEUMUR HIDUP); a foreigner's
card follows the ITAP's expiry. The print statuses are the central system's (SIAK) own vocabulary, from
PRINT_READY_RECORD to CARD_ISSUED; a replaced or lost card is REVOKED, which also revokes its credential.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ektp.domain.application import BloodType, Citizenship, MaritalStatus, Religion, Sex
from ektp.domain.records import ApplicationRecord, TimelineEvent
from ektp.domain.status import ApplicationStatus

VALID_FOR_LIFE = "SEUMUR HIDUP"


class CardStatus(StrEnum):
    PRINT_READY_RECORD = "PRINT_READY_RECORD"  # the record is complete and waits for the printer
    SENT_FOR_CARD_PRINTING = "SENT_FOR_CARD_PRINTING"
    CARD_PRINTED = "CARD_PRINTED"
    CARD_SHIPPED = "CARD_SHIPPED"  # on its way to the resident's district office
    CARD_ISSUED = "CARD_ISSUED"  # handed to the resident
    REVOKED = "REVOKED"  # replaced, reported lost or superseded by a data change: the credential is revoked


# The only allowed card transitions (operator API). A failed print goes back to PRINT_READY_RECORD.
CARD_TRANSITIONS: dict[CardStatus, frozenset[CardStatus]] = {
    CardStatus.PRINT_READY_RECORD: frozenset({CardStatus.SENT_FOR_CARD_PRINTING, CardStatus.REVOKED}),
    CardStatus.SENT_FOR_CARD_PRINTING: frozenset(
        {CardStatus.CARD_PRINTED, CardStatus.PRINT_READY_RECORD, CardStatus.REVOKED}
    ),
    CardStatus.CARD_PRINTED: frozenset({CardStatus.CARD_SHIPPED, CardStatus.REVOKED}),
    CardStatus.CARD_SHIPPED: frozenset({CardStatus.CARD_ISSUED, CardStatus.REVOKED}),
    CardStatus.CARD_ISSUED: frozenset({CardStatus.REVOKED}),
    CardStatus.REVOKED: frozenset(),
}

RevocationReason = Literal["LOST", "DAMAGED", "REPLACED", "DATA_CHANGED", "MOVED"]


class InvalidCardTransition(Exception):
    """The reason code for the API is CARD_STATUS_TRANSITION (HTTP 409)."""

    code = "CARD_STATUS_TRANSITION"

    def __init__(self, current: CardStatus, target: CardStatus) -> None:
        super().__init__(f"card {current} -> {target} is not an allowed transition")
        self.current = current
        self.target = target


class CardStatusChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: CardStatus
    at: datetime
    detail: str | None = None  # a code (e.g. the revocation reason), never personal data


class CardRecord(BaseModel):
    """Every field printed on the KTP-el, plus the references the system needs (photo, credential)."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)

    card_id: str
    application_id: str
    nik: str
    full_name: str
    place_of_birth: str
    birth_date: date
    sex: Sex
    blood_type: BloodType
    address: str
    rt: str
    rw: str
    village_code: str
    district_code: str
    regency_code: str
    province_code: str
    # Names as printed at issue time: a later renaming of a region does not change a card already issued.
    village_name: str
    district_name: str
    regency_name: str
    province_name: str
    religion: Religion
    marital_status: MaritalStatus
    occupation: str
    citizenship: Citizenship
    valid_until: str = Field(description="SEUMUR HIDUP for citizens; the ITAP expiry (YYYY-MM-DD) otherwise")
    issue_place: str
    issue_date: date
    photo_key: str | None = None  # the S3 key of the normalized ID photo
    photo_sha256: str | None = None  # base64url SHA-256 of those bytes: binds the credential to the face
    signature_key: str | None = None  # the S3 key of the holder's signature image, when captured
    credential_id: str | None = None  # the `jti` of the current digital ID credential
    status: CardStatus = CardStatus.PRINT_READY_RECORD
    status_changed_at: datetime
    history: list[CardStatusChange] = Field(default_factory=list)
    revocation_reason: RevocationReason | None = None
    replaces_card_id: str | None = None  # the card this one replaces (lost, damaged, data change, move)
    version: int = 0  # bumped by every write of the card; writes are conditional on the version read


@dataclass(frozen=True)
class CardRevocation:
    """A card to revoke, as one unit: the card REVOKED (carrying the version it was read at) with its stored
    credential, the status it must still have, and the day its last credential expires (its revocation-list
    entry is kept until then)."""

    card: CardRecord
    token: str
    previous_status: CardStatus
    listed_until: date


CardEvent = tuple[str, TimelineEvent]  # (application id, timeline event): streamed to the audit trail


CARD_ID_PREFIX = "KTP-"
_CARD_ID_BYTES = 10  # 80 random bits: 16 base32 letters


def new_card_id() -> str:
    """A random card id. It travels in every QR (the credential's `card_id`) and, once revoked, in the public
    revocation list, so it names nothing else: derived from the registration number it told every verifier
    the number (which with the birth date the same QR carries answers POST /status) and listed the numbers of
    everyone whose card was revoked. One card per application still holds: the card item is keyed by its
    application and written only where none is (adapters/cards_dynamodb.py), and a retried issuance finds it."""
    return CARD_ID_PREFIX + base64.b32encode(secrets.token_bytes(_CARD_ID_BYTES)).decode("ascii")


def _region_name(lookup: Callable[[str], str | None], code: str) -> str:
    name = lookup(code)
    return (name or code).upper()


def _default_region_lookup() -> Callable[[str], str | None]:
    from ektp.domain.region import regions

    return regions().name


def card_from_application(
    record: ApplicationRecord,
    issued_at: datetime,
    issue_place: str | None = None,
    *,
    photo_key: str | None = None,
    photo_sha256: str | None = None,
    signature_key: str | None = None,
    itap_valid_until: date | None = None,
    replaces_card_id: str | None = None,
    region_name: Callable[[str], str | None] | None = None,
    card_id: str | None = None,
) -> CardRecord:
    """The card record of an approved application. `issue_place` defaults to the regency's name; `card_id` to
    a new random one (new_card_id)."""
    if record.status not in (ApplicationStatus.APPROVED, ApplicationStatus.ISSUED):
        raise ValueError(f"a card is issued only for an approved application, not {record.status}")
    a = record.applicant
    if a.citizenship is Citizenship.WNI:
        valid_until = VALID_FOR_LIFE
    elif itap_valid_until is not None:
        valid_until = itap_valid_until.isoformat()
    else:
        raise ValueError("a foreigner's card needs the ITAP expiry date (itap_valid_until)")
    lookup = region_name or _default_region_lookup()
    regency_name = _region_name(lookup, a.regency_code)
    return CardRecord(
        card_id=card_id or new_card_id(),
        application_id=record.application_id,
        nik=a.nik,
        full_name=a.full_name.upper(),
        place_of_birth=a.place_of_birth.upper(),
        birth_date=a.birth_date,
        sex=a.sex,
        blood_type=a.blood_type,
        address=a.address.upper(),
        rt=a.rt.zfill(3),
        rw=a.rw.zfill(3),
        village_code=a.village_code,
        district_code=a.district_code,
        regency_code=a.regency_code,
        province_code=a.province_code,
        village_name=_region_name(lookup, a.village_code),
        district_name=_region_name(lookup, a.district_code),
        regency_name=regency_name,
        province_name=_region_name(lookup, a.province_code),
        religion=a.religion,
        marital_status=a.marital_status,
        occupation=a.occupation.upper(),
        citizenship=a.citizenship,
        valid_until=valid_until,
        issue_place=(issue_place or regency_name).upper(),
        issue_date=issued_at.date(),
        photo_key=photo_key,
        photo_sha256=photo_sha256,
        signature_key=signature_key,
        status=CardStatus.PRINT_READY_RECORD,
        status_changed_at=issued_at,
        history=[CardStatusChange(status=CardStatus.PRINT_READY_RECORD, at=issued_at)],
        replaces_card_id=replaces_card_id,
    )


def check_card_transition(current: CardStatus, target: CardStatus) -> None:
    if target not in CARD_TRANSITIONS[current]:
        raise InvalidCardTransition(current, target)


def advance(card: CardRecord, target: CardStatus, at: datetime, detail: str | None = None) -> CardRecord:
    """A copy of the card moved to `target`; InvalidCardTransition if the table does not allow it."""
    if target is CardStatus.REVOKED:
        raise ValueError("use revoke() to revoke a card: it needs a reason")
    check_card_transition(card.status, target)
    return card.model_copy(
        update={
            "status": target,
            "status_changed_at": at,
            "history": [*card.history, CardStatusChange(status=target, at=at, detail=detail)],
        }
    )


def revoke(card: CardRecord, reason: RevocationReason, at: datetime) -> CardRecord:
    """A copy of the card REVOKED; the caller must also add `card.credential_id` to the revocation list."""
    check_card_transition(card.status, CardStatus.REVOKED)
    return card.model_copy(
        update={
            "status": CardStatus.REVOKED,
            "status_changed_at": at,
            "revocation_reason": reason,
            "history": [*card.history, CardStatusChange(status=CardStatus.REVOKED, at=at, detail=reason)],
        }
    )
