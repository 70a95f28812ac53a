"""The signed revocation list, for offline verifiers.

An offline verifier cannot ask the issuer whether a credential was revoked (a card replaced or reported
lost), so the issuer publishes the list of revoked credential ids signed with the same key as the
credentials: a compact JWS with `typ: "ikd-revocation+jws"` and payload `{"iss", "iat", "revoked": [...]}`.
A verifier accepts it only if the signature holds and it is recent (MAX_LIST_AGE): an old list would hide
recent revocations. Ids leave the list when their credentials expire, which bounds its size.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

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
from ektp.issuance.signing import Signer, raw_to_der
from ektp.issuance.verify import KeySet, load_key_set

REVOCATION_TYPE = "ikd-revocation+jws"
MAX_LIST_AGE = timedelta(days=7)


class InvalidRevocationList(ValueError):
    pass


def sign_revocation_list(
    revoked: Iterable[str], signer: Signer, issued_at: datetime, issuer: str = DEFAULT_ISSUER
) -> str:
    header = {"alg": ALGORITHM, "kid": signer.key_id, "typ": REVOCATION_TYPE}
    payload = {"iss": issuer, "iat": int(issued_at.timestamp()), "revoked": sorted(set(revoked))}
    return sign_compact(header, payload, signer)


def verify_revocation_list(
    token: str, public_keys: KeySet, now: datetime, max_age: timedelta = MAX_LIST_AGE
) -> set[str]:
    """The revoked ids of a signed list; InvalidRevocationList if it is forged, malformed or too old."""
    try:
        header, payload, signing_input, signature = split_compact(token)
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
    iat, revoked = payload.get("iat"), payload.get("revoked")
    if type(iat) is not int or not isinstance(revoked, list) or not all(isinstance(i, str) for i in revoked):
        raise InvalidRevocationList("malformed payload")
    age = now.timestamp() - iat
    if age < -CLOCK_SKEW.total_seconds():
        raise InvalidRevocationList("the list is dated in the future")
    if age > max_age.total_seconds():
        raise InvalidRevocationList(f"the list is {age / 86400:.1f} days old (max {max_age.days})")
    return set(revoked)


def looks_signed(text: str) -> bool:
    stripped = text.strip()
    return stripped.count(".") == 2 and not any(c.isspace() for c in stripped)
