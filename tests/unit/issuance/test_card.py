"""The card record and its print-status transitions."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from ektp.domain.application import Citizenship
from ektp.domain.status import ApplicationStatus
from ektp.issuance.card import (
    CARD_TRANSITIONS,
    VALID_FOR_LIFE,
    CardRecord,
    CardStatus,
    InvalidCardTransition,
    advance,
    card_from_application,
    revoke,
)

from .conftest import NOW, REGISTRATION_NUMBER, approved_record

PRINT_PATH = [
    CardStatus.SENT_FOR_CARD_PRINTING,
    CardStatus.CARD_PRINTED,
    CardStatus.CARD_SHIPPED,
    CardStatus.CARD_ISSUED,
]


def test_card_carries_every_ktp_field_from_the_application(card: CardRecord) -> None:
    record = approved_record()
    a = record.applicant
    assert card.nik == a.nik
    assert card.full_name == a.full_name.upper()
    assert (card.place_of_birth, card.birth_date, card.sex) == (a.place_of_birth.upper(), a.birth_date, a.sex)
    assert (card.blood_type, card.religion, card.marital_status) == (
        a.blood_type,
        a.religion,
        a.marital_status,
    )
    assert (card.address, card.rt, card.rw) == (a.address.upper(), a.rt, a.rw)
    assert card.occupation == a.occupation.upper()
    assert card.citizenship is Citizenship.WNI
    assert card.valid_until == VALID_FOR_LIFE
    assert card.issue_date == NOW.date()
    assert card.status is CardStatus.PRINT_READY_RECORD
    assert [h.status for h in card.history] == [CardStatus.PRINT_READY_RECORD]


def test_region_names_come_from_the_region_data(card: CardRecord) -> None:
    assert card.village_name == "GAMBIR"
    assert card.district_name == "GAMBIR"
    assert "JAKARTA PUSAT" in card.regency_name
    assert "JAKARTA" in card.province_name
    assert card.issue_place == card.regency_name  # the default place of issue


def test_region_lookup_can_be_injected_and_falls_back_to_the_code() -> None:
    card = card_from_application(approved_record(), NOW, "Jakarta", region_name=lambda code: None)
    assert card.village_name == "31.71.01.1001"
    assert card.issue_place == "JAKARTA"


def test_card_id_is_random_and_names_no_registration_number() -> None:
    """It travels in every QR and the public revocation list (tests/unit/services/test_card_id_linkage_attack.py);
    one card per application is the card store's (keyed by the application), not the id's."""
    first = card_from_application(approved_record(), NOW)
    again = card_from_application(approved_record(), NOW + timedelta(minutes=5))
    assert first.card_id != again.card_id
    assert REGISTRATION_NUMBER.replace("-", "") not in first.card_id
    assert card_from_application(approved_record(), NOW, card_id="KTP-GIVEN").card_id == "KTP-GIVEN"


def test_a_foreigner_card_follows_the_itap() -> None:
    record = approved_record(citizenship="WNA")
    with pytest.raises(ValueError, match="ITAP"):
        card_from_application(record, NOW)
    card = card_from_application(record, NOW, itap_valid_until=date(2031, 5, 1))
    assert card.valid_until == "2031-05-01"


@pytest.mark.parametrize("status", [s for s in ApplicationStatus if s not in ("APPROVED", "ISSUED")])
def test_no_card_for_an_application_that_is_not_approved(status: ApplicationStatus) -> None:
    record = approved_record().model_copy(update={"status": status})
    with pytest.raises(ValueError, match="approved"):
        card_from_application(record, NOW)


def test_the_print_path_runs_in_order(card: CardRecord) -> None:
    for i, target in enumerate(PRINT_PATH, start=1):
        card = advance(card, target, NOW + timedelta(hours=i))
    assert card.status is CardStatus.CARD_ISSUED
    assert [h.status for h in card.history] == [CardStatus.PRINT_READY_RECORD, *PRINT_PATH]
    assert card.status_changed_at == NOW + timedelta(hours=len(PRINT_PATH))


def test_a_failed_print_goes_back_to_the_queue(card: CardRecord) -> None:
    card = advance(card, CardStatus.SENT_FOR_CARD_PRINTING, NOW)
    card = advance(card, CardStatus.PRINT_READY_RECORD, NOW, detail="PRINTER_JAM")
    assert card.history[-1].detail == "PRINTER_JAM"


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (c, t)
        for c, t in itertools.product(CardStatus, CardStatus)
        if t not in CARD_TRANSITIONS[c] and t is not CardStatus.REVOKED
    ],
)
def test_every_transition_outside_the_table_is_refused(
    card: CardRecord, current: CardStatus, target: CardStatus
) -> None:
    card = card.model_copy(update={"status": current})
    with pytest.raises(InvalidCardTransition) as info:
        advance(card, target, NOW)
    assert info.value.code == "CARD_STATUS_TRANSITION"
    assert (info.value.current, info.value.target) == (current, target)


def test_revocation_needs_revoke_and_is_final(card: CardRecord) -> None:
    with pytest.raises(ValueError, match="revoke"):
        advance(card, CardStatus.REVOKED, NOW)
    revoked = revoke(card, "LOST", NOW)
    assert revoked.status is CardStatus.REVOKED
    assert revoked.revocation_reason == "LOST"
    assert revoked.history[-1].detail == "LOST"
    assert card.status is CardStatus.PRINT_READY_RECORD  # the original is untouched
    with pytest.raises(InvalidCardTransition):
        revoke(revoked, "REPLACED", NOW)
    for target in PRINT_PATH:
        with pytest.raises(InvalidCardTransition):
            advance(revoked, target, NOW)


@pytest.mark.parametrize("status", [s for s in CardStatus if s is not CardStatus.REVOKED])
def test_any_live_card_can_be_revoked(card: CardRecord, status: CardStatus) -> None:
    assert revoke(card.model_copy(update={"status": status}), "REPLACED", NOW).status is CardStatus.REVOKED
