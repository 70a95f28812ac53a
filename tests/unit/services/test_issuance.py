"""Issuance under attack (issue 16): a NEW or MOVE application never revokes the NIK holder's card without an
officer's recorded decision (attack 1); revocation never stops half-way, whatever step fails (attack 6); card
writes are conditional; the credential binds the photo and is silently refreshed near its expiry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ektp.domain.application import ApplicationType, DocumentType
from ektp.domain.records import DocumentRecord, TimelineEvent
from ektp.domain.registration_number import new_registration_number
from ektp.domain.status import ApplicationStatus, DocumentStatus
from ektp.errors import ServiceError
from ektp.issuance.card import CardStatus
from ektp.issuance.credential import credential_expiry, photo_digest
from ektp.issuance.signing import LocalSigner
from ektp.services.issuance import IssuanceService
from tests.support.fakes import InMemoryCardStore, InMemoryRepository, InMemoryStore
from tests.unit.issuance.conftest import approved_record

START = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
OWNER, OTHER = "sub-holder", "sub-someone-else"
PHOTO = b"\xff\xd8\xff the holder's normalized photo"
SIGNER = LocalSigner.generate()


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


class World:
    """A repository, a card store, an upload store and the service over them, on a clock the test moves."""

    def __init__(self, wrap: Callable[[InMemoryCardStore], Any] | None = None) -> None:
        self.repo = InMemoryRepository()
        self.store = InMemoryCardStore(self.repo)
        self.cards: Any = wrap(self.store) if wrap else self.store
        self.uploads = InMemoryStore()
        self.clock = Clock()
        self.service = IssuanceService(self.repo, self.cards, lambda: SIGNER, self.uploads, clock=self.clock)

    def approved(self, application_type: ApplicationType = ApplicationType.NEW, owner: str = OWNER) -> str:
        record = approved_record().model_copy(
            update={
                "application_id": new_registration_number(),
                "owner": owner,
                "application_type": application_type,
                "created_at": self.clock.now,
                "updated_at": self.clock.now,
            }
        )
        self.repo.create(record, TimelineEvent(at=self.clock.now, kind="CREATED", actor="resident"))
        rules = TimelineEvent(
            at=self.clock.now, kind="DECIDED", actor="system", status=ApplicationStatus.APPROVED
        )
        self.repo.add_event(record.application_id, rules)
        self._photo(record.application_id)
        return record.application_id

    def _photo(self, application_id: str) -> None:
        key = f"processed/{application_id}/photo.jpg"
        self.uploads.put(key, PHOTO, "image/jpeg")
        self.repo.documents[(application_id, DocumentType.PHOTO, "0001")] = DocumentRecord(
            application_id=application_id,
            document_type=DocumentType.PHOTO,
            upload_id="0001",
            status=DocumentStatus.ACCEPTED,
            object_key=f"uploads/{application_id}/photo",
            declared_content_type="image/jpeg",
            max_bytes=1 << 20,
            created_at=self.clock.now,
            updated_at=self.clock.now,
            processed_key=key,
        )

    def officer_approves(self, application_id: str) -> None:
        self.clock.now += timedelta(minutes=1)
        event = TimelineEvent(
            at=self.clock.now,
            kind="REVIEW_DECIDED",
            actor="officer",
            status=ApplicationStatus.APPROVED,
            detail="officer-sub-1",
            staff_id="officer-sub-1",  # an approval names its officer (domain/duties.py)
        )
        self.repo.add_event(application_id, event)

    def issued(self, application_type: ApplicationType = ApplicationType.NEW) -> tuple[str, str]:
        application_id = self.approved(application_type)
        self.service.issue(application_id, 0)
        return application_id, self.token(application_id)

    def token(self, application_id: str) -> str:
        found = self.store.for_application(application_id)
        assert found is not None
        return found[1]

    def card(self, application_id: str) -> Any:
        found = self.store.for_application(application_id)
        return found[0] if found else None

    def kinds(self, application_id: str) -> list[str]:
        return [e.kind for e in self.repo.events.get(application_id, [])]

    def assert_revoked_consistently(self, application_id: str, token: str) -> None:
        """The card is REVOKED, on the revocation list (lookup and publication) and its credential fails."""
        card = self.card(application_id)
        assert card.status is CardStatus.REVOKED
        assert self.store.is_revoked(card.card_id)
        day = self.clock.now.date()
        assert card.card_id in self.store.revoked_ids(day, day + timedelta(days=90))
        result = self.service.verify(token)
        assert not result.valid and [r.code for r in result.reasons] == ["CREDENTIAL_REVOKED"]


# --- attack 1: a NEW or MOVE application for a NIK that holds a card ------------------------------------


@pytest.mark.parametrize("application_type", [ApplicationType.NEW, ApplicationType.MOVE])
def test_attack_an_application_approved_by_the_rules_never_revokes_the_holders_card(
    application_type: ApplicationType,
) -> None:
    world = World()
    holder, holder_token = world.issued()
    # Someone who knows the holder's data applies for the same NIK and the chain approves it, as it did.
    attacker = world.approved(application_type, owner=OTHER)
    with pytest.raises(ServiceError) as refused:
        world.service.issue(attacker, 0)
    assert refused.value.code == "CARD_HOLDER_EXISTS"
    assert world.card(attacker) is None  # no card on the holder's NIK for the applicant
    assert world.card(holder).status is CardStatus.PRINT_READY_RECORD
    assert world.service.verify(holder_token).valid
    assert world.store.current_for_nik(world.card(holder).nik)[0].application_id == holder


def test_attack_a_new_application_after_the_holder_reported_the_card_lost_gets_no_card() -> None:
    """The holder's card is revoked (reported lost), so nothing would be revoked: a NEW card for the NIK still
    needs an officer; the holder's own replacement goes through."""
    world = World()
    holder, _ = world.issued()
    world.service.report_lost(OWNER, holder)
    attacker = world.approved(ApplicationType.NEW, owner=OTHER)
    with pytest.raises(ServiceError) as refused:
        world.service.issue(attacker, 0)
    assert refused.value.code == "CARD_HOLDER_EXISTS" and world.card(attacker) is None
    replacement, token = world.issued(ApplicationType.REPLACEMENT_LOST)
    assert (
        world.service.verify(token).valid
        and world.card(replacement).replaces_card_id == world.card(holder).card_id
    )
    assert "PREVIOUS_CARD_REVOKED" not in world.kinds(replacement)  # it was revoked when reported


@pytest.mark.parametrize(
    ("application_type", "reason"), [(ApplicationType.NEW, "REPLACED"), (ApplicationType.MOVE, "MOVED")]
)
def test_an_officers_approval_allows_the_revocation_and_the_audit_trail_records_the_decision(
    application_type: ApplicationType, reason: str
) -> None:
    world = World()
    holder, holder_token = world.issued()
    moved = world.approved(application_type)
    world.officer_approves(moved)
    world.service.issue(moved, 0)
    world.assert_revoked_consistently(holder, holder_token)
    assert world.card(holder).revocation_reason == reason
    assert world.card(moved).replaces_card_id == world.card(holder).card_id
    revoked = [e for e in world.repo.events[moved] if e.kind == "PREVIOUS_CARD_REVOKED"]
    decision = next(e for e in world.repo.events[moved] if e.kind == "REVIEW_DECIDED")
    assert len(revoked) == 1 and revoked[0].detail is not None
    assert world.card(holder).card_id in revoked[0].detail and decision.at.isoformat() in revoked[0].detail
    assert world.kinds(holder)[-1] == "CARD_REVOKED"


@pytest.mark.parametrize(
    ("application_type", "reason"),
    [
        (ApplicationType.REPLACEMENT_LOST, "LOST"),
        (ApplicationType.REPLACEMENT_DAMAGED, "DAMAGED"),
        (ApplicationType.DATA_CHANGE, "DATA_CHANGED"),
    ],
)
def test_a_replacement_revokes_the_old_card_with_the_new_one(
    application_type: ApplicationType, reason: str
) -> None:
    world = World()
    holder, holder_token = world.issued()
    replacement, new_token = world.issued(application_type)
    world.assert_revoked_consistently(holder, holder_token)
    assert world.card(holder).revocation_reason == reason
    assert world.service.verify(new_token).valid
    assert world.store.current_for_nik(world.card(holder).nik)[0].application_id == replacement
    assert "PREVIOUS_CARD_REVOKED" in world.kinds(replacement)


# --- attack 6: a failure at any step of a revocation ----------------------------------------------------

WRITES = frozenset({"issue", "revoke", "update"})


class FailAt:
    """Wraps a card store: the k-th call raises once. `after`: the write is applied, then the call fails
    (the commit happened but the caller never heard: a timeout, a lost response)."""

    def __init__(self, inner: InMemoryCardStore, k: int, after: bool) -> None:
        self.inner, self.k, self.after, self.calls = inner, k, after, 0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls != self.k:
                return attr(*args, **kwargs)
            if self.after and name in WRITES:
                attr(*args, **kwargs)
            raise ConnectionError(f"injected at call {self.k} ({name})")

        return call


def _each_step(scenario: Callable[[World], None]) -> Iterator[tuple[int, bool]]:
    """Every store call the scenario makes when nothing fails, each before and after its effect."""
    counting = World(lambda store: FailAt(store, 0, False))
    scenario(counting)
    assert counting.cards.calls >= 2  # at least a read and the write
    for k in range(1, counting.cards.calls + 1):
        yield k, False
        yield k, True


def _report_lost_scenario(world: World) -> None:
    holder = world.approved()
    world.service.issue(holder, 0)
    world.cards.calls = 0  # count (and fail) only the report's own calls
    world.service.report_lost(OWNER, holder)


def test_report_lost_completes_after_a_failure_at_any_step() -> None:
    for k, after in _each_step(_report_lost_scenario):
        world = World(lambda store, after=after: FailAt(store, 0, after))
        holder, token = world.issued()
        world.cards.calls, world.cards.k = 0, k
        with pytest.raises(ConnectionError):
            world.service.report_lost(OWNER, holder)
        world.service.report_lost(OWNER, holder)  # the resident (or the client) retries
        world.assert_revoked_consistently(holder, token)
        assert world.kinds(holder).count("CARD_REVOKED") == 1, (k, after)


def _replacement_scenario(world: World) -> None:
    world.service.issue(world.approved(), 0)
    replacement = world.approved(ApplicationType.REPLACEMENT_LOST)
    world.cards.calls = 0
    world.service.issue(replacement, 0)


def test_a_replacement_completes_after_a_failure_at_any_step() -> None:
    for k, after in _each_step(_replacement_scenario):
        world = World(lambda store, after=after: FailAt(store, 0, after))
        holder, token = world.issued()
        replacement = world.approved(ApplicationType.REPLACEMENT_LOST)
        world.cards.calls, world.cards.k = 0, k
        with pytest.raises(ConnectionError):
            world.service.issue(replacement, 0)
        world.service.issue(replacement, 0)  # the chain's Retry runs the step again
        world.assert_revoked_consistently(holder, token)
        assert world.service.verify(world.token(replacement)).valid
        assert world.store.current_for_nik(world.card(holder).nik)[0].application_id == replacement
        assert world.kinds(replacement).count("PREVIOUS_CARD_REVOKED") == 1, (k, after)


# --- conditional card writes --------------------------------------------------------------------------


def test_an_operator_move_read_before_a_revocation_cannot_bring_the_card_back() -> None:
    world = World()
    holder, token = world.issued()
    stale = world.card(holder)
    world.service.report_lost(OWNER, holder)
    moved = stale.model_copy(update={"status": CardStatus.SENT_FOR_CARD_PRINTING})
    with pytest.raises(Exception, match="version"):
        world.store.update(moved, token)  # what advance_card would have written from its earlier read
    world.assert_revoked_consistently(holder, token)


def test_advancing_a_revoked_card_is_refused() -> None:
    world = World()
    holder, _ = world.issued()
    world.service.report_lost(OWNER, holder)
    with pytest.raises(ServiceError) as refused:
        world.service.advance_card(world.card(holder).card_id, CardStatus.SENT_FOR_CARD_PRINTING)
    assert refused.value.code == "CARD_STATUS_TRANSITION"


def test_two_issuances_for_one_nik_cannot_both_take_the_current_card_pointer() -> None:
    world = World()
    holder, _ = world.issued()
    first = world.approved(ApplicationType.REPLACEMENT_LOST)
    second = world.approved(ApplicationType.REPLACEMENT_DAMAGED)
    # The second read the NIK's card before the first replaced it: its transaction must not go through.
    current = world.store.current_for_nik(world.card(holder).nik)
    world.service.issue(first, 0)
    card = world.card(first).model_copy(update={"application_id": second, "card_id": "KTP-OTHER"})
    with pytest.raises(Exception, match="current card"):
        world.store.issue(card, "token", current=current[0] if current else None)
    # Through the service the second reads again: it replaces the first (now the current card).
    world.service.issue(second, 0)
    assert world.card(first).status is CardStatus.REVOKED and world.card(holder).status is CardStatus.REVOKED


class ConcurrentIssue:
    """A card store where another replacement for the same NIK lands between the read and the first write."""

    def __init__(self, inner: InMemoryCardStore) -> None:
        self.inner, self.before_first_issue = inner, None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def issue(self, *args: Any, **kwargs: Any) -> None:
        concurrent, self.before_first_issue = self.before_first_issue, None
        if concurrent is not None:
            concurrent()
        self.inner.issue(*args, **kwargs)


def test_an_issuance_that_loses_a_race_reads_again_and_replaces_the_card_that_won() -> None:
    world = World(ConcurrentIssue)
    holder, _ = world.issued()
    mine = world.approved(ApplicationType.REPLACEMENT_LOST)
    theirs = world.approved(ApplicationType.REPLACEMENT_DAMAGED)
    world.cards.before_first_issue = lambda: world.service.issue(theirs, 0)
    world.service.issue(mine, 0)  # its first transaction is refused (the NIK's pointer moved): read, again
    assert world.card(holder).status is CardStatus.REVOKED and world.card(theirs).status is CardStatus.REVOKED
    assert world.store.current_for_nik(world.card(mine).nik)[0].application_id == mine
    assert world.card(mine).replaces_card_id == world.card(theirs).card_id


# --- holder binding and the short-lived credential -------------------------------------------------------


def test_the_credential_binds_the_photo_served_with_it() -> None:
    world = World()
    holder, _ = world.issued()
    card, token, photo = world.service.digital_id(OWNER, holder)
    assert photo == PHOTO and card.photo_sha256 == photo_digest(PHOTO)
    result = world.service.verify(token)
    assert result.valid and result.claims is not None and result.claims.pho == photo_digest(PHOTO)
    assert result.summary()["photo_sha256"] == __import__("hashlib").sha256(PHOTO).hexdigest()


def test_the_credential_is_short_lived_and_silently_refreshed_for_the_same_card() -> None:
    world = World()
    holder, first = world.issued()
    assert credential_expiry(first) - START <= timedelta(days=90)
    assert world.service.digital_id(OWNER, holder)[1] == first  # far from its expiry: the same credential
    world.clock.now = credential_expiry(first) - timedelta(days=3)
    card, second, _ = world.service.digital_id(OWNER, holder)
    assert second != first and credential_expiry(second) > credential_expiry(first)
    assert card.card_id == world.card(holder).card_id and card.version == 1
    assert world.service.verify(second).valid
    # Reported lost: every credential of the card fails, the refreshed one and the one before it.
    world.service.report_lost(OWNER, holder)
    assert not world.service.verify(first).valid and not world.service.verify(second).valid
    # A revoked card is never refreshed.
    world.clock.now = credential_expiry(second) - timedelta(days=1)
    assert world.service.digital_id(OWNER, holder)[1] == second


def test_a_refresh_racing_a_report_never_brings_back_a_valid_credential() -> None:
    world = World()
    holder, first = world.issued()
    world.clock.now = credential_expiry(first) - timedelta(days=1)
    stale = world.card(holder)
    world.service.report_lost(OWNER, holder)
    with pytest.raises(Exception, match="version"):
        world.store.update(stale.model_copy(update={"credential_id": "refreshed"}), "refreshed-token")
    world.assert_revoked_consistently(holder, first)
