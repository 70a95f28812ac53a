"""Issuance: the card record and the signed digital ID on approval, their downloads (with the silent refresh
of a credential near its expiry), the public verification, the operator's print states, and revocation.

Revocation is never a sequence of writes that can stop half-way: a card is REVOKED in the same DynamoDB
transaction that puts it on the revocation list (and, for a replacement, that creates the new card), every card
write is conditional on the version read, and a retry after any failure reads again and completes the work.
The NIK's current card is revoked by issuance only for a replacement or data change, or when an officer's
recorded decision approved the application; a NEW or MOVE application approved by the rules alone never
revokes it (CARD_HOLDER_EXISTS), and a replacement from another account than the holder's needs one too
(CARD_HOLDER_ACCOUNT_DIFFERS). Every revocation is published as a status change of the holder's card, so the
holder is told at once (and can object if it was not them).

The card owns a copy of its photo (`cards/<hash of its application>/photo.jpg`, kept for the card's lifetime): the uploads and
their normalized copies expire after the raw-upload retention, the card and its digital ID do not. Every read
verifies the bytes against the sha256 the credential binds.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta

from ektp.domain.application import ApplicationType, DocumentType
from ektp.domain.duties import approval_refusal, participants, same_holder_account
from ektp.domain.records import ApplicationRecord, TimelineEvent, latest_documents
from ektp.domain.registration_number import parse_registration_number
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.issuance.card import (
    CardEvent,
    CardRecord,
    CardRevocation,
    CardStatus,
    InvalidCardTransition,
    RevocationReason,
    advance,
    card_from_application,
    revoke,
)
from ektp.issuance.credential import (
    CLOCK_SKEW,
    CREDENTIAL_VALIDITY,
    REFRESH_BEFORE,
    credential_expiry,
    issue_credential,
    needs_refresh,
    photo_digest,
)
from ektp.issuance.notifications import StatusChangedDetail
from ektp.issuance.verify import VerificationResult, verify_credential
from ektp.ports import ApplicationRepository, CardStore, ConflictError, DocumentStore, Signer
from ektp.services.chain import ChainService, StaleAttempt
from ektp.services.clock import utcnow
from ektp.services.step_results import CardIssued
from ektp.services.stored_documents import DocumentIntegrityError, read_for_matching

log = logging.getLogger(__name__)

# Application types that replace the NIK's card by their nature (the chain compares the face 1:1 with the
# enrolled one for them); the old card is revoked in the transaction that creates the new one.
REPLACING_TYPES: dict[ApplicationType, RevocationReason] = {
    ApplicationType.REPLACEMENT_LOST: "LOST",
    ApplicationType.REPLACEMENT_DAMAGED: "DAMAGED",
    ApplicationType.DATA_CHANGE: "DATA_CHANGED",
}
# Any other type revokes the NIK's card only on an officer's approval, with this reason.
OFFICER_APPROVED_REASON: dict[ApplicationType, RevocationReason] = {ApplicationType.MOVE: "MOVED"}
CONFLICT_RETRIES = 3  # reads-and-retries after a concurrent card write, before answering 409


def card_photo_key(application_id: str) -> str:
    """The card's own copy of its photo: outside uploads/ and processed/, which expire, so it lives with the card.
    Named after the card's application (one card each), not the card's random id: a retried issuance, which
    draws a new id, writes the same key and never leaves a face behind; hashed, so the presigned links an
    officer gets for a 1:N candidate's photo carry no registration number."""
    return f"cards/{hashlib.sha256(application_id.encode()).hexdigest()[:32]}/photo.jpg"


def _listed_until(token: str) -> date:
    """A revoked card stays listed until its current (latest) credential has expired, skew included."""
    return (credential_expiry(token) + CLOCK_SKEW).date()


class IssuanceService:
    def __init__(
        self,
        repository: ApplicationRepository,
        cards: CardStore,
        signer: Callable[[], Signer],
        uploads: DocumentStore,
        chain: ChainService | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
        credential_validity: timedelta = CREDENTIAL_VALIDITY,
        refresh_before: timedelta = REFRESH_BEFORE,
        publish: Callable[[StatusChangedDetail], None] | None = None,
    ) -> None:
        self._repo = repository
        self._cards = cards
        self._signer = signer
        self._uploads = uploads
        self._chain = chain
        self._clock = clock
        self._validity = credential_validity
        self._refresh_before = refresh_before
        self._publish = publish

    # --- the chain's step after an approval ----------------------------------------------------------
    def issue(self, application_id: str, attempt: int) -> CardIssued:
        record = self._repo.get(application_id)
        if record is None or record.attempt != attempt:
            raise StaleAttempt(f"attempt {attempt} is not current")
        for _ in range(CONFLICT_RETRIES):
            existing = self._cards.for_application(application_id)
            if existing is not None:  # a retried step: the card and everything it revoked exist already
                self._mark_issued(record)
                return CardIssued(card_id=existing[0].card_id)
            try:
                card, revocation = self._issue_card(record)
            except ConflictError:
                continue  # the NIK's card changed since it was read (a concurrent issue or report): again
            if revocation is not None:
                self._tell_holder(revocation)
            self._mark_issued(record)
            return CardIssued(card_id=card.card_id)
        raise ConflictError(
            "the NIK's card kept changing"
        )  # transient for the chain: its Retry runs it again

    def _issue_card(self, record: ApplicationRecord) -> tuple[CardRecord, CardRevocation | None]:
        now = self._clock()
        photo = latest_documents(self._repo.list_documents(record.application_id)).get(DocumentType.PHOTO)
        # The normalized copy of the checked version, its sha256 verified (services/stored_documents.py).
        photo_bytes = (
            read_for_matching(self._uploads, photo) if photo is not None and photo.processed_key else None
        )
        current = self._cards.current_for_nik(record.applicant.nik)
        previous = current[0] if current else None
        revocation: CardRevocation | None = None
        events: list[CardEvent] = []
        if current is not None:
            revocation, events = self._replacement(record, current[0], current[1], now)
        card = card_from_application(
            record,
            now,
            photo_sha256=photo_digest(photo_bytes) if photo_bytes is not None else None,
            replaces_card_id=previous.card_id if previous else None,
        )
        if photo_bytes is not None:  # written before the card names it: a stored card never lacks its photo
            key = card_photo_key(record.application_id)
            self._uploads.put(key, photo_bytes, "image/jpeg")
            card = card.model_copy(update={"photo_key": key})
        credential = issue_credential(card, self._signer(), now, validity=self._validity)
        card = card.model_copy(update={"credential_id": credential.claims.jti})
        self._cards.issue(card, credential.token, current=previous, revocation=revocation, events=events)
        return card, revocation

    def _replacement(
        self, record: ApplicationRecord, old: CardRecord, old_token: str, now: datetime
    ) -> tuple[CardRevocation | None, list[CardEvent]]:
        """A card on a NIK that already had one: allowed for a replacement or data change, or on an officer's
        approval; it revokes the NIK's card unless that card was revoked already (reported lost)."""
        approval = self._officer_approval(record)
        reason = REPLACING_TYPES.get(record.application_type)
        if reason is None and approval is not None:
            reason = OFFICER_APPROVED_REASON.get(record.application_type, "REPLACED")
        if reason is None:
            # A NEW or MOVE application approved by the rules alone: whoever applied, the holder keeps the card
            # (and a card reported lost is replaced by its holder's REPLACEMENT_LOST, not by a NEW card).
            raise ServiceError("CARD_HOLDER_EXISTS")
        if approval is None and not self._same_account(record, old):
            # A still photo of the holder passes the face checks: from another account only an officer decides.
            raise ServiceError("CARD_HOLDER_ACCOUNT_DIFFERS")
        if old.status is CardStatus.REVOKED:
            return None, []
        revocation = CardRevocation(revoke(old, reason, now), old_token, old.status, _listed_until(old_token))
        authority = f" on the officer's approval of {approval.at.isoformat()}" if approval else ""
        events: list[CardEvent] = [
            (
                record.application_id,
                TimelineEvent(
                    at=now,
                    kind="PREVIOUS_CARD_REVOKED",
                    actor="system",
                    detail=f"{old.card_id} {reason}{authority}",
                ),
            ),
            (
                old.application_id,
                TimelineEvent(at=now, kind="CARD_REVOKED", actor="system", detail=f"{old.card_id} {reason}"),
            ),
        ]
        return revocation, events

    def _same_account(self, record: ApplicationRecord, card: CardRecord) -> bool:
        return same_holder_account(self._repo.get(card.application_id), record)  # never an assisted: owner

    def _tell_holder(self, revocation: CardRevocation) -> None:
        """A status change of the holder's card: the notifier sends the REVOKED text. Never blocks: the
        revocation is stored already, and the holder's timeline has it whatever happens here."""
        if self._publish is None:
            return
        card = revocation.card
        detail = StatusChangedDetail(
            registration_number=card.application_id,
            subject="card",
            status=str(CardStatus.REVOKED),
            previous_status=str(revocation.previous_status),
            at=self._clock(),
            reason_codes=["CARD_REVOKED"],
        )
        try:
            self._publish(detail)
        except Exception as exc:  # a notification never undoes or blocks a revocation
            log.error("card revocation not published: %s", type(exc).__name__)

    def _officer_approval(self, record: ApplicationRecord) -> TimelineEvent | None:
        """The officer's REVIEW_DECIDED event that approved the application's current attempt, if it was
        an officer (not the rules) who approved it: the last event that moved it to APPROVED tells.

        An approval by an officer who took part in the case (entered, captured, visited), or one that names no
        officer, is no authority: refused (domain/duties.py; review refuses it first, this is the second lock)."""
        view = self._repo.view(record.application_id)
        approvals = [e for e in view.events if e.status is ApplicationStatus.APPROVED] if view else []
        last = max(approvals, key=lambda e: e.at, default=None)
        if view is None or last is None or last.kind != "REVIEW_DECIDED" or last.actor != "officer":
            return None
        refusal = approval_refusal(last.staff_id, participants(record, view.events, view.documents))
        if refusal is not None:
            raise ServiceError(refusal)
        return last

    def _mark_issued(self, record: ApplicationRecord) -> None:
        if record.status is ApplicationStatus.APPROVED and self._chain is not None:
            self._chain.mark_issued(record.application_id, record.attempt)

    # --- resident downloads ----------------------------------------------------------------------------
    def _owned_card(self, owner: str, application_id: str) -> tuple[CardRecord, str]:
        canonical = parse_registration_number(application_id)
        record = self._repo.get(canonical) if canonical else None
        if record is None or record.owner != owner:
            raise ServiceError("APPLICATION_NOT_FOUND")
        found = self._cards.for_application(record.application_id)
        if found is None:
            raise ServiceError("CARD_NOT_FOUND")
        return found

    def digital_id(self, owner: str, application_id: str) -> tuple[CardRecord, str, bytes | None]:
        """The card, its credential (re-issued first when it is near its expiry) and the photo bytes the
        credential's `pho` claim binds."""
        card, token = self._refreshed(*self._owned_card(owner, application_id))
        return card, token, self._card_photo(card)

    def _card_photo(self, card: CardRecord) -> bytes | None:
        """The photo the credential binds, or nothing: other bytes under the key are never served."""
        if card.photo_key is None:
            return None
        photo = self._uploads.read(card.photo_key)
        if photo_digest(photo) != card.photo_sha256:
            raise DocumentIntegrityError("card photo: sha256 differs from the one the credential binds")
        return photo

    def _refreshed(self, card: CardRecord, token: str) -> tuple[CardRecord, str]:
        """The silent refresh: a new short-lived credential for the same card, written only over the version
        read, so a refresh can never bring back a card revoked in the meantime."""
        now = self._clock()
        if card.status is CardStatus.REVOKED or not needs_refresh(token, now, self._refresh_before):
            return card, token
        credential = issue_credential(card, self._signer(), now, validity=self._validity)
        renewed = card.model_copy(update={"credential_id": credential.claims.jti})
        try:
            return self._cards.update(renewed, credential.token), credential.token
        except ConflictError:  # renewed or revoked concurrently: what is stored now is the answer
            stored = self._cards.for_application(card.application_id)
            if stored is None:
                raise ServiceError("CARD_NOT_FOUND") from None
            return stored

    def report_lost(self, owner: str, application_id: str) -> CardRecord:
        """The holder reports the card lost (or stolen): the card and every credential issued for it stop
        being valid at once, in one transaction; a retry after any failure completes it. A replacement
        application (REPLACEMENT_LOST) issues the new card."""
        for _ in range(CONFLICT_RETRIES):
            card, token = self._owned_card(owner, application_id)
            if card.status is CardStatus.REVOKED:  # revoked in the same transaction as its list entry
                return card
            now = self._clock()
            revocation = CardRevocation(revoke(card, "LOST", now), token, card.status, _listed_until(token))
            event = TimelineEvent(
                at=now, kind="CARD_REVOKED", actor="resident", detail=f"{card.card_id} LOST"
            )
            try:
                self._cards.revoke(revocation, [(card.application_id, event)])
            except ConflictError:
                continue  # moved by an operator or renewed meanwhile: read again
            self._tell_holder(revocation)
            return revocation.card.model_copy(update={"version": card.version + 1})
        raise ServiceError("CARD_CONCURRENT_UPDATE")

    # --- public verification ---------------------------------------------------------------------------
    def verify(self, token: str) -> VerificationResult:
        signer = self._signer()
        return verify_credential(
            token, [signer.public_key_pem()], self._clock(), revoked=self._cards.is_revoked
        )

    def public_key_pem(self) -> str:
        return self._signer().public_key_pem()

    # --- operators: the card's print states ------------------------------------------------------------
    def advance_card(self, card_id: str, target: CardStatus, detail: str | None = None) -> CardRecord:
        found = self._cards.by_card_id(card_id)
        if found is None:
            raise ServiceError("CARD_NOT_FOUND")
        card, token = found
        if target is CardStatus.REVOKED:
            # Revoking is the holder's report or a replacement (one transaction with the revocation list), never
            # a print state: refused as any disallowed change, not a crash (advance would raise ValueError).
            raise ServiceError("CARD_STATUS_TRANSITION")
        try:
            moved = advance(card, target, self._clock(), detail)
        except InvalidCardTransition as exc:
            raise ServiceError("CARD_STATUS_TRANSITION") from exc
        try:
            return self._cards.update(moved, token)
        except ConflictError as exc:  # revoked or moved by someone else since it was read
            raise ServiceError("CARD_CONCURRENT_UPDATE") from exc
