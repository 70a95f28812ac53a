"""Issuance: the card record and the signed digital ID on approval, their downloads, the public
verification, the operator's print states, and the revocation of a replaced card."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from ektp.domain.application import ApplicationType, DocumentType
from ektp.domain.records import ApplicationRecord, latest_documents
from ektp.domain.registration_number import parse_registration_number
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.issuance.card import (
    CardRecord,
    CardStatus,
    InvalidCardTransition,
    advance,
    card_from_application,
    revoke,
)
from ektp.issuance.credential import issue_credential
from ektp.issuance.signing import Signer
from ektp.issuance.verify import VerificationResult, verify_credential
from ektp.ports import ApplicationRepository, DocumentStore
from ektp.services.chain import ChainService, StaleAttempt
from ektp.services.clock import utcnow

REPLACEMENT_REASON = {
    ApplicationType.REPLACEMENT_LOST: "LOST",
    ApplicationType.REPLACEMENT_DAMAGED: "DAMAGED",
    ApplicationType.DATA_CHANGE: "DATA_CHANGED",
    ApplicationType.MOVE: "MOVED",
}


class CardStore(Protocol):
    def save(self, card: CardRecord, token: str) -> None: ...
    def update(self, card: CardRecord, token: str) -> None: ...
    def for_application(self, application_id: str) -> tuple[CardRecord, str] | None: ...
    def by_card_id(self, card_id: str) -> tuple[CardRecord, str] | None: ...
    def current_for_nik(self, nik: str) -> tuple[CardRecord, str] | None: ...
    def revoke(self, credential_id: str, reason: str) -> None: ...
    def is_revoked(self, credential_id: str) -> bool: ...


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
    ) -> None:
        self._repo = repository
        self._cards = cards
        self._signer = signer
        self._uploads = uploads
        self._chain = chain
        self._clock = clock

    # --- the chain's step after an approval ----------------------------------------------------------
    def issue(self, application_id: str, attempt: int) -> dict[str, Any]:
        record = self._repo.get(application_id)
        if record is None or record.attempt != attempt:
            raise StaleAttempt(f"attempt {attempt} is not current")
        existing = self._cards.for_application(application_id)
        if existing is not None:  # a retried step: the card and its credential exist already
            self._mark_issued(record)
            return {"card_id": existing[0].card_id}
        now = self._clock()
        photo = latest_documents(self._repo.list_documents(application_id)).get(DocumentType.PHOTO)
        previous = self._cards.current_for_nik(record.applicant.nik)
        card = card_from_application(
            record,
            now,
            photo_key=photo.processed_key if photo else None,
            replaces_card_id=previous[0].card_id if previous else None,
        )
        credential = issue_credential(card, self._signer(), now)
        card = card.model_copy(update={"credential_id": credential.claims.jti})
        self._cards.save(card, credential.token)
        if previous is not None and previous[0].status is not CardStatus.REVOKED:
            # The old card and its digital ID stop being valid the moment the new one exists.
            reason = REPLACEMENT_REASON.get(record.application_type, "REPLACED")
            old = revoke(previous[0], reason, now)  # type: ignore[arg-type]
            self._cards.update(old, previous[1])
            if old.credential_id:
                self._cards.revoke(old.credential_id, reason)
        self._mark_issued(record)
        return {"card_id": card.card_id}

    def _mark_issued(self, record: ApplicationRecord) -> None:
        if record.status is ApplicationStatus.APPROVED and self._chain is not None:
            self._chain.mark_issued(record.application_id, record.attempt)

    # --- resident downloads ----------------------------------------------------------------------------
    def digital_id(self, owner: str, application_id: str) -> tuple[CardRecord, str, bytes | None]:
        canonical = parse_registration_number(application_id)
        record = self._repo.get(canonical) if canonical else None
        if record is None or record.owner != owner:
            raise ServiceError("APPLICATION_NOT_FOUND")
        found = self._cards.for_application(record.application_id)
        if found is None:
            raise ServiceError("CARD_NOT_FOUND")
        card, token = found
        photo = self._uploads.read(card.photo_key) if card.photo_key else None
        return card, token, photo

    def report_lost(self, owner: str, application_id: str) -> CardRecord:
        """The holder reports the card lost (or stolen): the card and its digital ID stop being valid at once;
        a replacement application (REPLACEMENT_LOST) issues the new one."""
        card, token, _ = self.digital_id(owner, application_id)
        if card.status is CardStatus.REVOKED:
            return card
        revoked = revoke(card, "LOST", self._clock())
        self._cards.update(revoked, token)
        if revoked.credential_id:
            self._cards.revoke(revoked.credential_id, "LOST")
        return revoked

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
        try:
            moved = advance(card, target, self._clock(), detail)
        except InvalidCardTransition as exc:
            raise ServiceError("CARD_STATUS_TRANSITION") from exc
        self._cards.update(moved, token)
        return moved
