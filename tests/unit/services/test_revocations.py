"""The scheduled publication of the signed revocation list (issue 16)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ektp.errors import ServiceError
from ektp.issuance.revocation import read_revocation_list
from ektp.issuance.signing import LocalSigner
from ektp.services.revocations import LIST_KEY, RevocationPublisher, published_list
from tests.support.fakes import InMemoryCardStore, InMemoryRepository, InMemoryStore

NOW = datetime(2026, 12, 3, 7, 0, tzinfo=UTC)
SIGNER = LocalSigner.generate()


def test_the_list_holds_every_card_whose_credentials_may_still_be_valid_and_states_its_maximum_age() -> None:
    cards = InMemoryCardStore(InMemoryRepository())
    today = NOW.date()
    cards.listed = {
        (today - timedelta(days=1)).isoformat(): {"KTP-EXPIRED-YESTERDAY"},  # every credential expired
        today.isoformat(): {"KTP-EXPIRES-TODAY"},
        (today + timedelta(days=59)).isoformat(): {"KTP-REVOKED-TODAY"},
        (today + timedelta(days=90)).isoformat(): {"KTP-LONGEST-LIFETIME"},
    }
    store = InMemoryStore()
    publisher = RevocationPublisher(
        cards, lambda: SIGNER, store, clock=lambda: NOW, list_validity=timedelta(hours=6)
    )
    published = publisher.publish()
    assert published.revoked == 3 and published.key_id == SIGNER.key_id
    token = published_list(store)
    listing = read_revocation_list(token, [SIGNER.public_key_pem()], NOW + timedelta(hours=5))
    assert listing.revoked == {"KTP-EXPIRES-TODAY", "KTP-REVOKED-TODAY", "KTP-LONGEST-LIFETIME"}
    assert listing.issued_at == NOW and listing.expires_at == NOW + timedelta(hours=6)
    assert store.objects[LIST_KEY][1] == "application/jose"


def test_nothing_published_yet_is_said_so() -> None:
    with pytest.raises(ServiceError) as unavailable:
        published_list(InMemoryStore())
    assert unavailable.value.code == "REVOCATION_LIST_UNAVAILABLE" and unavailable.value.http_status == 404
