"""Issue 16, attack 1 (second-account variant) and the card photo's lifetime, through the services and fakes.

Attack: anyone with the holder's KK data and an ordinary photo of the holder (a still, no live capture) files a
replacement or data change from their own account. Before the fix the rules approved it (liveness was required
only for NEW), issuance revoked the holder's card, gave the attacker's account a valid digital ID, and the
holder was never told (a card revocation published no status event).

Retention: the card's photo lived under `processed/`, which expires after the raw-upload retention, so the
digital ID stopped downloading after 90 days. The card now owns a copy for its lifetime.
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from ektp.domain.application import ApplicationType
from ektp.domain.decision import Stage, decide, required_stages
from ektp.domain.records import StageResult
from ektp.errors import ServiceError
from ektp.issuance.card import CardStatus
from ektp.issuance.credential import photo_digest
from ektp.issuance.notifications import StatusChangedDetail, render_message
from ektp.services.chain import ChainService
from ektp.services.issuance import IssuanceService, card_photo_key
from ektp.services.stored_documents import DocumentIntegrityError
from tests.support.fakes import InMemoryRepository
from tests.unit.services import test_identity_attacks as ia
from tests.unit.services import test_issuance as ti

REPLACING = [
    ApplicationType.REPLACEMENT_LOST,
    ApplicationType.REPLACEMENT_DAMAGED,
    ApplicationType.DATA_CHANGE,
]


# --- verification: another account, the holder's still photo --------------------------------------------


@pytest.mark.parametrize("application_type", REPLACING)
def test_attack_a_replacement_from_another_account_with_the_holders_photo_goes_to_an_officer(
    application_type: ApplicationType,
) -> None:
    world = ia.World()
    world.approve_and_issue(world.apply("alice"))  # account resident-1 holds the card
    attacker = world.apply("alice", application_type=application_type, owner="someone-else")
    assert world.verify(attacker) == "REVIEW"
    assert "CARD_HOLDER_ACCOUNT_DIFFERS" in world.codes(attacker, "face_match")


def test_a_card_whose_application_is_unknown_cannot_vouch_for_the_account() -> None:
    world = ia.World()
    world.approve_and_issue(world.apply("alice"))
    world.cards.by_nik[ia.victim_nik()] = (SimpleNamespace(application_id="from-before-online"), "token")
    replacement = world.apply("alice", application_type=ApplicationType.REPLACEMENT_LOST, owner="resident-1")
    assert world.verify(replacement) == "REVIEW"
    assert "CARD_HOLDER_ACCOUNT_DIFFERS" in world.codes(replacement, "face_match")


def test_the_holders_own_account_is_not_flagged() -> None:
    world = ia.World()
    world.approve_and_issue(world.apply("alice"))
    replacement = world.apply(
        "alice", application_type=ApplicationType.REPLACEMENT_DAMAGED, owner="resident-1"
    )
    assert world.verify(replacement) == "APPROVE"
    assert "CARD_HOLDER_ACCOUNT_DIFFERS" not in world.codes(replacement)


# --- active liveness whenever the NIK holds a card ----------------------------------------------------


@pytest.mark.parametrize("application_type", [*REPLACING, ApplicationType.MOVE, ApplicationType.NEW])
def test_liveness_is_required_for_any_type_when_the_nik_holds_a_card(
    application_type: ApplicationType,
) -> None:
    assert Stage.LIVENESS in required_stages(application_type, frozenset({"NEW"}), holds_card=True)


def test_without_a_card_the_policy_alone_decides_liveness() -> None:
    assert Stage.LIVENESS not in required_stages(ApplicationType.REPLACEMENT_LOST, frozenset({"NEW"}))
    assert Stage.LIVENESS in required_stages(ApplicationType.NEW, frozenset({"NEW"}))
    # An empty policy (a test stack without a liveness camera) turns liveness off, card or not.
    assert Stage.LIVENESS not in required_stages(
        ApplicationType.REPLACEMENT_LOST, frozenset(), holds_card=True
    )


def _passing_stages(repo: InMemoryRepository, app_id: str, *, holds_card: bool) -> None:
    for stage in required_stages(ApplicationType.REPLACEMENT_LOST):
        details = {"holds_card": holds_card} if stage == Stage.FACE_MATCH else {}
        repo.save_stage(
            app_id, StageResult(stage=stage, attempt=1, outcome="pass", details=details, at=ti.START)
        )


@pytest.mark.parametrize(("holds_card", "expected"), [(True, "REVIEW"), (False, "APPROVE")])
def test_the_chain_requires_liveness_for_a_replacement_of_a_held_card(
    holds_card: bool, expected: str
) -> None:
    """A still photo of the holder passes every other stage: without a live capture an officer decides."""
    world = ia.World()
    app_id = world.apply("alice", application_type=ApplicationType.REPLACEMENT_LOST)
    _passing_stages(world.repo, app_id, holds_card=holds_card)
    chain = ChainService.for_applications(world.repo, world.apps, liveness_required_for=frozenset({"NEW"}))
    assert chain.decide(app_id, 1).decision == expected


def test_decide_names_the_missing_liveness() -> None:
    results = [StageResult(stage=s, attempt=1, outcome="pass", at=ti.START) for s in required_stages("NEW")]
    decision = decide(results, required_stages("REPLACEMENT_LOST", {"NEW"}, holds_card=True))
    assert decision.decision == "REVIEW" and [r.code for r in decision.reasons] == ["LIVENESS_MISSING"]


# --- issuance: another account never takes the card without an officer ------------------------------------


class Published(list[StatusChangedDetail]):
    pass


def world_with_events() -> tuple[ti.World, Published]:
    world = ti.World()
    published = Published()
    world.service = IssuanceService(
        world.repo, world.cards, lambda: ti.SIGNER, world.uploads, clock=world.clock, publish=published.append
    )
    return world, published


@pytest.mark.parametrize("application_type", REPLACING)
def test_attack_issuance_refuses_a_replacement_from_another_account_approved_by_the_rules(
    application_type: ApplicationType,
) -> None:
    world = ti.World()
    holder, holder_token = world.issued()
    attacker = world.approved(application_type, owner=ti.OTHER)
    with pytest.raises(ServiceError) as refused:
        world.service.issue(attacker, 0)
    assert refused.value.code == "CARD_HOLDER_ACCOUNT_DIFFERS"
    assert world.card(attacker) is None
    assert world.card(holder).status is CardStatus.PRINT_READY_RECORD
    assert world.service.verify(holder_token).valid


def test_an_officer_may_approve_a_replacement_from_another_account() -> None:
    """A guardian's or a new account after a lost phone: a person looked at it, so the card is replaced."""
    world = ti.World()
    holder, holder_token = world.issued()
    other = world.approved(ApplicationType.REPLACEMENT_LOST, owner=ti.OTHER)
    world.officer_approves(other)
    world.service.issue(other, 0)
    assert world.card(holder).status is CardStatus.REVOKED
    assert not world.service.verify(holder_token).valid


# --- the holder is told when their card is revoked -----------------------------------------------------


def _revoked_events(published: Published, application_id: str) -> list[StatusChangedDetail]:
    return [d for d in published if d.registration_number == application_id and d.subject == "card"]


def test_a_replacement_tells_the_holder_their_card_was_revoked() -> None:
    world, published = world_with_events()
    holder, _ = world.issued()
    replacement = world.approved(ApplicationType.REPLACEMENT_LOST)
    world.service.issue(replacement, 0)
    [event] = _revoked_events(published, holder)
    assert event.status == "REVOKED" and event.previous_status == "PRINT_READY_RECORD"
    assert event.reason_codes == ["CARD_REVOKED"]
    _, body = render_message(event, "en", "email")
    assert "revoked" in body and "Dukcapil office" in body
    # A retried issue step finds the card issued and says nothing twice.
    world.service.issue(replacement, 0)
    assert len(_revoked_events(published, holder)) == 1


def test_a_report_of_loss_tells_the_holder() -> None:
    world, published = world_with_events()
    holder, _ = world.issued()
    world.service.report_lost(ti.OWNER, holder)
    world.service.report_lost(ti.OWNER, holder)  # a retry: already revoked, nothing new to say
    [event] = _revoked_events(published, holder)
    assert event.status == "REVOKED" and event.reason_codes == ["CARD_REVOKED"]


def test_a_failed_publish_never_undoes_the_revocation() -> None:
    world = ti.World()

    def broken(_: StatusChangedDetail) -> None:
        raise RuntimeError("bus down")

    world.service = IssuanceService(
        world.repo, world.cards, lambda: ti.SIGNER, world.uploads, clock=world.clock, publish=broken
    )
    holder, token = world.issued()
    world.service.report_lost(ti.OWNER, holder)
    world.assert_revoked_consistently(holder, token)


# --- the card's photo outlives the uploads and their normalized copies --------------------------------


def _expire_application_objects(world: ti.World, application_id: str) -> None:
    """What the lifecycle rules (and the purge of drafts) do after the retention: uploads/ and processed/ go."""
    for key in list(world.uploads.objects):
        if key.startswith((f"uploads/{application_id}/", f"processed/{application_id}/")):
            world.uploads.delete(key)


def test_the_digital_id_still_has_its_photo_after_the_uploads_expire() -> None:
    world = ti.World()
    holder, _ = world.issued()
    card = world.card(holder)
    assert card.photo_key == card_photo_key(holder)  # under cards/: no lifecycle rule reaches it
    world.clock.now += timedelta(days=91)
    _expire_application_objects(world, holder)
    assert not any(k.startswith("processed/") for k in world.uploads.objects)
    _, token, photo = world.service.digital_id(ti.OWNER, holder)
    assert photo == ti.PHOTO and photo_digest(photo) == card.photo_sha256
    assert world.service.verify(token).valid


def test_a_changed_card_photo_is_never_served() -> None:
    world = ti.World()
    holder, _ = world.issued()
    world.uploads.put(world.card(holder).photo_key, b"\xff\xd8\xff someone else's face", "image/jpeg")
    with pytest.raises(DocumentIntegrityError):
        world.service.digital_id(ti.OWNER, holder)
