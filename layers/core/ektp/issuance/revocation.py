"""The signed revocation list, for offline verifiers.

An offline verifier cannot ask the issuer whether a credential was revoked (a card replaced or reported
lost), so the issuer publishes, on a schedule (services/revocations.py), the list of revoked ids signed with
the same KMS key as the credentials: a compact JWS with `typ: "ikd-revocation+jws"` and payload
`{"iss", "iat", "exp", "revoked": [...]}`. `revoked` holds card ids (a revoked card revokes every credential
issued for it) and credential ids. `exp` is the issuer's stated maximum age: past it the list must not be
used. A verifier accepts a list only if the signature holds, `exp` has not passed and the list is no older
than the verifier's own limit (MAX_LIST_AGE, configurable): an old list would hide recent revocations.
Entries leave the list once every credential of their card has expired, which bounds its size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from ektp.issuance.credential import (
    ALGORITHM,
    CLOCK_SKEW,
    DEFAULT_ISSUER,
    MalformedCredential,
    sign_compact,
    split_compact,
)
from ektp.issuance.signing import raw_to_der
from ektp.issuance.verify import KeySet, load_key_set
from ektp.ports import Signer

REVOCATION_TYPE = "ikd-revocation+jws"
LIST_VALIDITY = timedelta(hours=24)  # the `exp` the issuer states; it publishes far more often (hourly)
MAX_LIST_AGE = timedelta(days=2)  # a verifier's own limit, whatever the list states
MAX_LIST_LENGTH = 64 * 1024 * 1024  # ~3 million ids: bounds the work on a hostile file, far above real lists


class InvalidRevocationList(ValueError):
    pass


@dataclass(frozen=True)
class RevocationList:
    revoked: frozenset[str]
    issued_at: datetime
    expires_at: datetime


def sign_revocation_list(
    revoked: Iterable[str],
    signer: Signer,
    issued_at: datetime,
    issuer: str = DEFAULT_ISSUER,
    *,
    valid_for: timedelta = LIST_VALIDITY,
) -> str:
    iat = int(issued_at.timestamp())
    header = {"alg": ALGORITHM, "kid": signer.key_id, "typ": REVOCATION_TYPE}
    payload = {
        "iss": issuer,
        "iat": iat,
        "exp": iat + int(valid_for.total_seconds()),
        "revoked": sorted(set(revoked)),
    }
    return sign_compact(header, payload, signer)


def _signed_payload(token: str, public_keys: KeySet) -> dict[str, object]:
    try:
        header, payload, signing_input, signature = split_compact(token, MAX_LIST_LENGTH)
    except MalformedCredential as exc:
        raise InvalidRevocationList(f"malformed: {exc}") from exc
    if header.get("alg") != ALGORITHM or header.get("typ") != REVOCATION_TYPE or "crit" in header:
        raise InvalidRevocationList("not a revocation list (alg/typ)")
    key = load_key_set(public_keys).get(str(header.get("kid")))
    if key is None:
        raise InvalidRevocationList("signed by an unknown key")
    if len(signature) != 64:
        raise InvalidRevocationList("bad signature")
    try:
        key.verify(raw_to_der(signature), signing_input, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as exc:
        raise InvalidRevocationList("bad signature") from exc
    return payload


def read_revocation_list(
    token: str, public_keys: KeySet, now: datetime, max_age: timedelta = MAX_LIST_AGE
) -> RevocationList:
    """The list, verified; InvalidRevocationList if it is forged, malformed, past its `exp` or too old."""
    payload = _signed_payload(token, public_keys)
    iat, exp, revoked = payload.get("iat"), payload.get("exp"), payload.get("revoked")
    if type(iat) is not int or type(exp) is not int or exp <= iat:
        raise InvalidRevocationList("malformed payload (iat/exp)")
    if not isinstance(revoked, list) or not all(isinstance(i, str) for i in revoked):
        raise InvalidRevocationList("malformed payload (revoked)")
    ts, skew = now.timestamp(), CLOCK_SKEW.total_seconds()
    if iat - ts > skew:
        raise InvalidRevocationList("the list is dated in the future")
    if ts - exp > skew:
        raise InvalidRevocationList(
            f"the list expired {(ts - exp) / 3600:.1f} hours ago (its stated maximum age)"
        )
    if ts - iat > max_age.total_seconds():
        raise InvalidRevocationList(
            f"the list is {(ts - iat) / 3600:.1f} hours old (this verifier's limit: {max_age.total_seconds() / 3600:g})"
        )
    return RevocationList(
        frozenset(revoked), datetime.fromtimestamp(iat, UTC), datetime.fromtimestamp(exp, UTC)
    )


def verify_revocation_list(
    token: str, public_keys: KeySet, now: datetime, max_age: timedelta = MAX_LIST_AGE
) -> set[str]:
    """The revoked ids of a signed list; InvalidRevocationList if it is forged, malformed, expired or too old."""
    return set(read_revocation_list(token, public_keys, now, max_age).revoked)


def looks_signed(text: str) -> bool:
    stripped = text.strip()
    return stripped.count(".") == 2 and not any(c.isspace() for c in stripped)
