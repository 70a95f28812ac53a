"""Hostile characters in the form's free text and codes are refused at registration, before they reach the card.

Attack (found by review; each case registered on the old code and reached the card record): NUL, CR/LF and an
escape sequence in the address, place of birth and occupation; Arabic-Indic digits as RT/RW, full-width digits
as the postal code, Devanagari digits in the phone number (a regex `\\d` matches every script's digits).
"""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from ektp.domain.application import is_printable_text
from ektp.errors import ServiceError
from ektp.services.applications import ApplicationService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow

TODAY = date(2026, 12, 3)
HOSTILE = {
    "address": "JL. KEBON SIRIH NO. 5\x00\r\nRT 999",
    "place_of_birth": "JAKARTA\r\nBcc: x@example.com",
    "occupation": "PELAJAR\x00\x1b[2J",
    "full_name": "BUDI\u202eSANTOSO",  # a right-to-left override: shows another name than it stores
    "rt": "\u0661\u0662",  # Arabic-Indic 12
    "rw": "\u06f7",  # Extended Arabic-Indic 7
    "postal_code": "\uff11\uff10\uff11\uff11\uff10",  # full-width 10110
    "phone": "08" + "\u0968" * 10,  # Devanagari digits
    "district_code": "\uff13\uff11.71.01",  # full-width 31
}


@pytest.mark.parametrize("field", list(HOSTILE))
def test_a_hostile_value_is_refused_at_registration(field: str) -> None:
    repository = InMemoryRepository()
    service = ApplicationService(repository, InMemoryStore(), RecordingWorkflow(), today=lambda: TODAY)
    with pytest.raises((ServiceError, ValidationError)):
        service.register("alice", application_request(**{field: HOSTILE[field]}))
    assert not repository.applications  # nothing stored


def test_ordinary_indonesian_text_still_registers() -> None:
    service = ApplicationService(
        InMemoryRepository(), InMemoryStore(), RecordingWorkflow(), today=lambda: TODAY
    )
    request = application_request(
        address="JL. H. AGUS SALIM NO. 12/B, GG. MELATI", occupation="KARYAWAN SWASTA"
    )
    assert service.register("alice", request).applicant.address == "JL. H. AGUS SALIM NO. 12/B, GG. MELATI"


@pytest.mark.parametrize(
    ("text", "printable"),
    [("Jl. Mangga Dua Café", True), ("a\tb", False), ("a\u2028b", False), ("a\u200bb", False), ("", True)],
)
def test_printable_text(text: str, printable: bool) -> None:
    assert is_printable_text(text) is printable
