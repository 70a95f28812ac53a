"""Attack (s6 review, finding 3): every ASSISTED application of a district has the same owner,
"assisted:<district>", so "same owner as the card holder's application" said only "entered at the same office".
A replacement entered by any officer of the district for a NIK whose card came from any assisted application of
that district passed as the holder's own request: no CARD_HOLDER_ACCOUNT_DIFFERS, approved by the rules, and
issuance revoked the holder's card without an officer's approval. Failed on the code before
domain/duties.py same_holder_account."""

from __future__ import annotations

import pytest

from ektp.domain.application import ApplicationType
from ektp.domain.duties import ASSISTED_OWNER_PREFIX, same_holder_account
from ektp.errors import ServiceError
from ektp.services.assisted import ASSISTED_PREFIX, assisted_owner
from tests.unit.services import test_identity_attacks as ia
from tests.unit.services import test_issuance as issuance

NAMESPACE = assisted_owner("31.71.01")


@pytest.mark.parametrize("application_type", [ApplicationType.REPLACEMENT_LOST, ApplicationType.DATA_CHANGE])
def test_attack_an_assisted_replacement_is_not_the_holders_own_account(
    application_type: ApplicationType,
) -> None:
    world = ia.World()
    world.approve_and_issue(world.apply("alice", owner=NAMESPACE))  # the holder's card, entered at the office
    # Later someone else at the office (any officer of the district) with the holder's KK data and still photo:
    other = world.apply("alice", application_type=application_type, owner=NAMESPACE)
    decision = world.verify(other)
    codes = world.codes(other, "face_match")
    # As from another online account: an officer decides, warned by the flag.
    assert "CARD_HOLDER_ACCOUNT_DIFFERS" in codes and decision == "REVIEW", (decision, sorted(codes))


def test_attack_issuance_needs_an_officer_to_revoke_a_card_for_an_assisted_replacement() -> None:
    w = issuance.World()
    holder = w.approved(owner=NAMESPACE)
    w.service.issue(holder, 0)
    holder_token = w.token(holder)
    replacement = w.approved(ApplicationType.REPLACEMENT_LOST, owner=NAMESPACE)
    with pytest.raises(ServiceError) as refused:
        w.service.issue(replacement, 0)
    assert refused.value.code == "CARD_HOLDER_ACCOUNT_DIFFERS"
    assert w.card(replacement) is None and w.service.verify(holder_token).valid


def test_the_holders_own_online_account_is_still_the_holders() -> None:
    world = ia.World()
    world.approve_and_issue(world.apply("alice", owner="resident-1"))
    again = world.apply("alice", application_type=ApplicationType.REPLACEMENT_LOST, owner="resident-1")
    assert "CARD_HOLDER_ACCOUNT_DIFFERS" not in world.codes(again, "face_match")
    assert world.verify(again) == "APPROVE"


def test_the_domain_knows_the_assisted_namespace_the_service_uses() -> None:
    assert ASSISTED_OWNER_PREFIX == ASSISTED_PREFIX
    w = issuance.World()
    holder = w.repo.get(w.approved(owner=NAMESPACE))
    assert holder is not None and not same_holder_account(holder, holder)
