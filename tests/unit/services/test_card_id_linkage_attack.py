"""Attack (s10): the card id told anyone who saw a QR, and anyone who read the public revocation list, the
holder's registration number. It was "KTP-" + the registration number: the QR a resident shows at a bank or a
shop carries the card id and the birth date, which together answer POST /status (the number's key); and
GET /revocations, public, listed the registration numbers of everyone whose card was revoked, the very
existence of a number that the status lookup answers alike for all failures. The card id is random now; the
card's photo is kept under its application, so a retried issuance leaves no second face behind."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest

from ektp.domain.registration_number import parse_registration_number
from ektp.issuance.card import card_from_application
from ektp.issuance.revocation import read_revocation_list
from ektp.services.revocations import RevocationPublisher, published_list
from tests.support.fakes import InMemoryStore
from tests.unit.issuance.conftest import approved_record
from tests.unit.services.test_issuance import OWNER, SIGNER, FailAt, World

PREFIX = "KTP-"  # as cards have always been named


def _claims(token: str) -> dict[str, object]:
    payload = token.split(".")[1]
    claims: dict[str, object] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return claims


def _forms(registration_number: str) -> set[str]:
    """Every way the number could be written into an id: canonical, without its dashes."""
    return {registration_number, registration_number.replace("-", "")}


def _reveals(text: str, registration_number: str) -> bool:
    return any(form in text for form in _forms(registration_number))


def test_attack_the_qr_does_not_tell_a_verifier_the_registration_number() -> None:
    world = World()
    application_id, token = world.issued()
    claims = _claims(token)  # what a bank or a shop reads from the QR: no signature key needed
    card_id = str(claims["card_id"])
    assert not _reveals(card_id, application_id)
    assert not _reveals(json.dumps(claims), application_id)
    # Nor can the id be read back into any registration number (the attack's first step).
    assert parse_registration_number(card_id.removeprefix(PREFIX)) != application_id
    # The card photo's key is no public value, but an officer's link to a 1:N candidate's photo carries it.
    assert not _reveals(world.card(application_id).photo_key, application_id)


def test_attack_the_public_revocation_list_names_no_registration_number() -> None:
    world = World()
    holder, _ = world.issued()
    world.service.report_lost(OWNER, holder)
    store = InMemoryStore()
    RevocationPublisher(world.store, lambda: SIGNER, store, clock=world.clock).publish()
    listing = read_revocation_list(
        published_list(store), [SIGNER.public_key_pem()], world.clock.now + timedelta(minutes=1)
    )
    assert listing.revoked == {world.card(holder).card_id}  # the revoked card is listed, by its id
    assert not any(_reveals(revoked, holder) for revoked in listing.revoked)


def test_card_ids_are_random_and_shaped_as_before() -> None:
    record = approved_record()
    ids = {card_from_application(record, world_time).card_id for world_time in [record.created_at] * 50}
    assert len(ids) == 50
    assert all(i.startswith(PREFIX) and 16 <= len(i) <= 64 for i in ids)  # the routes' Path limit


@pytest.mark.parametrize("after", [False, True])
def test_a_retried_issuance_keeps_one_card_and_one_photo(after: bool) -> None:
    """The card is written in one transaction after its photo: failing that write (before or after its effect)
    and running the step again gives one card, whose credential verifies, and one photo under cards/."""
    counting = World(lambda store: FailAt(store, 0, False))
    application_id = counting.approved()
    counting.service.issue(application_id, 0)
    issue_call = counting.cards.calls  # the card write is the step's last card-store call

    world = World(lambda store: FailAt(store, issue_call, after))
    application_id = world.approved()
    with pytest.raises(ConnectionError):
        world.service.issue(application_id, 0)
    world.service.issue(application_id, 0)  # the chain's Retry
    card = world.card(application_id)
    assert world.service.verify(world.token(application_id)).valid
    photos = [key for key in world.uploads.objects if key.startswith("cards/")]
    assert photos == [card.photo_key]
