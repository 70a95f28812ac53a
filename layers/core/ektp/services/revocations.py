"""The published revocation list: what an offline verifier downloads to learn of revoked cards.

On a schedule (functions/revocations, hourly) the ids listed until today or later (cards revoked whose last
credential has not expired yet; adapters/cards_dynamodb.py keeps them by that day) are signed with the digital
ID's KMS key (issuance/revocation.py: a JWS stating its own maximum age) and written to one object;
`GET /revocations` serves that object as is. The horizon covers the longest credential lifetime, so every
credential still valid is covered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ektp.errors import ServiceError
from ektp.issuance.credential import CLOCK_SKEW, MAX_CREDENTIAL_VALIDITY
from ektp.issuance.revocation import LIST_VALIDITY, sign_revocation_list
from ektp.ports import DocumentStore, RevokedIds, Signer
from ektp.services.clock import utcnow

LIST_KEY = "revocations/current.jws"
LIST_CONTENT_TYPE = "application/jose"


@dataclass(frozen=True)
class Publication:
    revoked: int
    issued_at: datetime
    key_id: str


class RevocationPublisher:
    def __init__(
        self,
        cards: RevokedIds,
        signer: Callable[[], Signer],
        store: DocumentStore,
        *,
        clock: Callable[[], datetime] = utcnow,
        list_validity: timedelta = LIST_VALIDITY,
    ) -> None:
        self._cards = cards
        self._signer = signer
        self._store = store
        self._clock = clock
        self._validity = list_validity

    def publish(self) -> Publication:
        now = self._clock()
        first = (now - CLOCK_SKEW).date()  # a credential expiring today is still valid until its exp
        ids = self._cards.revoked_ids(first, (now + MAX_CREDENTIAL_VALIDITY + CLOCK_SKEW).date())
        signer = self._signer()
        token = sign_revocation_list(ids, signer, now, valid_for=self._validity)
        self._store.put(LIST_KEY, token.encode("ascii"), LIST_CONTENT_TYPE)
        return Publication(revoked=len(set(ids)), issued_at=now, key_id=signer.key_id)


def published_list(store: DocumentStore) -> str:
    """The last list published, as signed (a verifier checks its signature and age itself)."""
    if store.head(LIST_KEY) is None:  # nothing published yet (a new deployment, before the first run)
        raise ServiceError("REVOCATION_LIST_UNAVAILABLE")
    return store.read(LIST_KEY).decode("ascii")
