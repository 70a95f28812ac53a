"""Verify a digital ID credential: structure, algorithm, key, signature, validity period and revocation.

One function backs the public verification endpoint and the `ektp id verify` CLI; tools/verify_id.py is a
self-contained copy of the same rules for third parties (a test keeps the two in agreement).
Checks stop at the first structural or cryptographic failure (nothing in an unsigned payload is worth
reporting); once the signature holds, every failing time, revocation and photo check is reported.
Revocation covers the credential id and its card id (a revoked card revokes every credential issued for it).
The result says whether revocation was checked and as of when (the online lookup: now; a signed list: its
issue time), and the photo digest the credential binds, so a checker compares it with the face shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from pydantic import BaseModel, ConfigDict, ValidationError

from ektp.domain.reasons import Reason, reason
from ektp.issuance.credential import (
    ALGORITHM,
    CLOCK_SKEW,
    TOKEN_TYPE,
    CredentialClaims,
    MalformedCredential,
    photo_digest,
    photo_digest_hex,
    split_compact,
)
from ektp.issuance.signing import jwk_thumbprint, load_public_key, raw_to_der

PublicKeyInput = str | bytes | ec.EllipticCurvePublicKey
KeySet = Mapping[str, PublicKeyInput] | Sequence[PublicKeyInput]
Revoked = Callable[[str], bool] | Collection[str]


class VerificationResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    valid: bool
    reasons: list[Reason]
    claims: CredentialClaims | None = None  # present once the signature is verified
    key_id: str | None = None
    checked_at: datetime
    revocation_checked: bool = False
    revocation_as_of: datetime | None = None  # how fresh the revocation knowledge is

    def summary(self) -> dict[str, Any]:
        """The JSON the CLI, the endpoint and tools/verify_id.py print (same keys, same values)."""
        pho = self.claims.pho if self.claims else None
        return {
            "valid": self.valid,
            "reasons": [r.code for r in self.reasons],
            "messages": [{"code": r.code, "id": r.message_id, "en": r.message_en} for r in self.reasons],
            "key_id": self.key_id,
            "claims": self.claims.model_dump(exclude_none=True) if self.claims else None,
            "photo_sha256": photo_digest_hex(pho) if pho else None,
            "revocation_checked": self.revocation_checked,
            "revocation_as_of": self.revocation_as_of.isoformat() if self.revocation_as_of else None,
            "checked_at": self.checked_at.isoformat(),
        }


def load_key_set(keys: KeySet) -> dict[str, ec.EllipticCurvePublicKey]:
    """kid -> key. A sequence of keys is indexed by each key's JWK thumbprint (the kid the signers use).
    Loading is cheap next to a signature check; a caller verifying many tokens can pass the loaded dict."""

    def load(value: PublicKeyInput) -> ec.EllipticCurvePublicKey:
        return value if isinstance(value, ec.EllipticCurvePublicKey) else load_public_key(value)

    if isinstance(keys, Mapping):
        return {kid: load(value) for kid, value in keys.items()}
    loaded = [load(value) for value in keys]
    return {jwk_thumbprint(key): key for key in loaded}


def _is_revoked(revoked: Revoked, jti: str) -> bool:
    if isinstance(revoked, str):  # a lone id would be searched as a substring
        raise TypeError("revoked must be a collection of ids or a lookup function, not a string")
    if callable(revoked):
        return bool(revoked(jti))
    return jti in revoked


def _iso(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat()


def verify_credential(
    token: str,
    public_keys: KeySet,
    now: datetime,
    revoked: Revoked | None = None,
    *,
    clock_skew: timedelta = CLOCK_SKEW,
    revocation_as_of: datetime | None = None,
    photo: bytes | None = None,
) -> VerificationResult:
    """`revoked`: a lookup (online: as of now) or the ids of a list (as of `revocation_as_of`); None when
    revocation cannot be checked, which the result says. `photo`: the bytes shown as the holder's photo."""
    keys = load_key_set(public_keys)

    def fail(code: str, key_id: str | None = None) -> VerificationResult:
        return VerificationResult(valid=False, reasons=[reason(code)], key_id=key_id, checked_at=now)

    try:
        header, payload, signing_input, signature = split_compact(token)
    except MalformedCredential:
        return fail("CREDENTIAL_MALFORMED")
    alg = header.get("alg")
    if alg != ALGORITHM:  # never "none", never HS256 with the public key as secret, never another curve
        return fail("CREDENTIAL_ALGORITHM_NOT_ALLOWED")
    kid = header.get("kid")
    if header.get("typ") != TOKEN_TYPE or not isinstance(kid, str) or "crit" in header:
        return fail("CREDENTIAL_MALFORMED")
    key = keys.get(kid)
    if key is None:
        return fail("CREDENTIAL_UNKNOWN_KEY", kid)
    if len(signature) != 64:
        return fail("CREDENTIAL_SIGNATURE_INVALID", kid)
    try:
        key.verify(raw_to_der(signature), signing_input, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return fail("CREDENTIAL_SIGNATURE_INVALID", kid)
    try:
        claims = CredentialClaims.model_validate(payload)
    except ValidationError:
        return fail("CREDENTIAL_MALFORMED", kid)

    reasons: list[Reason] = []
    ts = int(now.timestamp())
    skew = int(clock_skew.total_seconds())
    if ts >= claims.exp + skew:
        reasons.append(reason("CREDENTIAL_EXPIRED", measured=_iso(claims.exp), threshold=now.isoformat()))
    not_before = max(claims.iat, claims.nbf or claims.iat)
    if not_before > ts + skew:
        reasons.append(
            reason("CREDENTIAL_NOT_YET_VALID", measured=_iso(not_before), threshold=now.isoformat())
        )
    if revoked is not None and (_is_revoked(revoked, claims.jti) or _is_revoked(revoked, claims.card_id)):
        reasons.append(reason("CREDENTIAL_REVOKED"))
    if photo is not None and (claims.pho is None or photo_digest(photo) != claims.pho):
        reasons.append(reason("CREDENTIAL_PHOTO_MISMATCH"))
    if revoked is not None and revocation_as_of is None and callable(revoked):
        revocation_as_of = now  # an online lookup knows the state of now
    return VerificationResult(
        valid=not reasons,
        reasons=reasons,
        claims=claims,
        key_id=kid,
        checked_at=now,
        revocation_checked=revoked is not None,
        revocation_as_of=revocation_as_of,
    )


def parse_revocation_list(text: str) -> set[str]:
    """Revoked credential ids: a JSON array, a JSON object with "revoked", or one id a line (# comments)."""
    stripped = text.strip()
    if stripped.startswith(("[", "{")):
        try:
            data = json.loads(stripped)
        except RecursionError as exc:
            raise ValueError("a revocation list nested too deep") from exc
        items = data.get("revoked", []) if isinstance(data, dict) else data
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueError("a revocation list is a list of credential ids")
        return set(items)
    return {line.split("#", 1)[0].strip() for line in text.splitlines()} - {""}
