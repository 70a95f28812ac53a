"""s10: staff requests that crashed the API (a 500, the request's outcome unknown to the caller) answer with a
clear 409 now: an operator asking the print-state route to revoke a card, and the second of two officers
deciding one case at once (the first decision stands). Each failed with a 500 on the previous code."""

from __future__ import annotations

import pytest

from ektp.errors import ServiceError
from ektp.issuance.card import CardStatus
from tests.unit.services.test_attack_officer_duties import SECOND_OFFICER, _captured_case, _review
from tests.unit.services.test_issuance import World


def test_an_operator_cannot_revoke_a_card_through_the_print_states_and_gets_a_409() -> None:
    world = World()
    application_id, token = world.issued()
    card_id = world.card(application_id).card_id
    with pytest.raises(ServiceError) as refused:
        world.service.advance_card(card_id, CardStatus.REVOKED)
    assert (refused.value.code, refused.value.http_status) == ("CARD_STATUS_TRANSITION", 409)
    assert world.card(application_id).status is CardStatus.PRINT_READY_RECORD
    assert world.service.verify(token).valid  # nothing half-revoked
    world.service.advance_card(card_id, CardStatus.SENT_FOR_CARD_PRINTING)  # the print states go on


def test_the_second_of_two_decisions_on_one_case_is_a_409_and_the_first_stands() -> None:
    repo, app_id = _captured_case()
    review, workflow = _review(repo)
    review.decide(SECOND_OFFICER, app_id, "REJECT", ["FACE_MISMATCH"])  # the first officer's decision
    workflow.gone.add("review-tok")  # Step Functions: the token was answered, no execution waits on it
    with pytest.raises(ServiceError) as refused:
        review.decide(SECOND_OFFICER, app_id, "APPROVE", [])  # read before the first landed
    assert (refused.value.code, refused.value.http_status) == ("INVALID_STATUS_TRANSITION", 409)
    assert workflow.started["token:review-tok"]["decision"] == "REJECT"
