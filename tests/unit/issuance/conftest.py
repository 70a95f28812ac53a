"""Shared fixtures: an approved application, its card, signers and a valid credential."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from ektp.domain.application import Applicant, ApplicationType, Contact
from ektp.domain.records import ApplicationRecord
from ektp.domain.status import ApplicationStatus
from ektp.issuance.card import CardRecord, card_from_application
from ektp.issuance.credential import IssuedCredential, issue_credential
from ektp.issuance.signing import LocalSigner
from tests.support.applicants import applicant_data

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
REGISTRATION_NUMBER = "ABCD-EFGH-JKMN-K"


def approved_record(**applicant_overrides: Any) -> ApplicationRecord:
    applicant = Applicant.model_validate(applicant_data(**applicant_overrides))
    return ApplicationRecord(
        application_id=REGISTRATION_NUMBER,
        owner="sub-123",
        application_type=ApplicationType.NEW,
        status=ApplicationStatus.APPROVED,
        applicant=applicant,
        contact=Contact(),
        district_code=applicant.district_code,
        created_at=NOW,
        updated_at=NOW,
    )


@pytest.fixture(scope="session")
def signer() -> LocalSigner:
    return LocalSigner.generate()


@pytest.fixture(scope="session")
def other_signer() -> LocalSigner:
    return LocalSigner.generate()


@pytest.fixture
def card() -> CardRecord:
    return card_from_application(approved_record(), NOW)


@pytest.fixture
def credential(card: CardRecord, signer: LocalSigner) -> IssuedCredential:
    return issue_credential(card, signer, NOW)
