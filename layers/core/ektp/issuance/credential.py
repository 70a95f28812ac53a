"""The digital ID (IKD) credential: a compact JWS, ES256, holding the minimum that identifies the holder.

Header: {"alg": "ES256", "kid": <JWK thumbprint>, "typ": "ikd+jws"}. Payload: `iss`, `jti` (credential id),
`iat`, `exp`, `nik`, `name`, `birth_date`, `sex`, `region` (the domicile district code), `card_id` and `pho`
(the base64url SHA-256 of the holder's ID photo as served with the digital ID: it binds the credential to a
face a checker can compare). The card is valid for life; the credential is short-lived (CREDENTIAL_VALIDITY,
at most MAX_CREDENTIAL_VALIDITY) and silently re-issued for the same card when the resident fetches it near
its expiry, so a credential copied off a lost phone ages out within weeks and the revocation list stays short.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ektp.domain.application import Sex
from ektp.issuance.card import CardRecord
from ektp.issuance.signing import b64url
from ektp.ports import Signer

ALGORITHM = "ES256"
TOKEN_TYPE = "ikd+jws"  # noqa: S105 - the JWS "typ", not a secret
DEFAULT_ISSUER = "https://dukcapil.kemendagri.go.id"  # short: every byte enlarges the QR
CREDENTIAL_VALIDITY = timedelta(days=60)
MAX_CREDENTIAL_VALIDITY = timedelta(days=90)  # the revocation list covers this horizon (revocation.py)
REFRESH_BEFORE = timedelta(days=14)  # a fetch this close to the expiry re-issues the credential
CLOCK_SKEW = timedelta(seconds=60)  # tolerated difference between the issuer's and the verifier's clocks
MAX_TOKEN_LENGTH = 4096  # far above a real credential (~560 chars); bounds the work on hostile input


class CredentialClaims(BaseModel):
    # Strict: "123" or true is not a timestamp; a verifier in another language would not coerce them either.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, hide_input_in_errors=True)

    iss: str = Field(min_length=1)
    jti: str = Field(min_length=1, max_length=64)
    iat: int
    exp: int
    nik: str = Field(pattern=r"^\d{16}$")
    name: str = Field(min_length=1, max_length=60)
    birth_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    sex: Sex
    region: str = Field(pattern=r"^\d{2}\.\d{2}\.\d{2}$")
    card_id: str = Field(min_length=1, max_length=64)
    pho: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{43}$")
    nbf: int | None = None


class IssuedCredential(BaseModel):
    model_config = ConfigDict(frozen=True)

    token: str
    claims: CredentialClaims
    key_id: str


class MalformedCredential(ValueError):
    """The token is not a well-formed compact JWS of our shape."""


def new_credential_id() -> str:
    """128 random bits as 22 base64url characters (a UUID's entropy in fewer QR modules)."""
    return b64url(secrets.token_bytes(16))


def photo_digest(photo: bytes) -> str:
    """The `pho` claim: base64url SHA-256 of the exact photo bytes (43 characters)."""
    return b64url(hashlib.sha256(photo).digest())


def photo_digest_hex(pho: str) -> str:
    """The same digest in hex, as `sha256sum` prints it (what a checker compares by hand)."""
    return b64url_decode_strict(pho).hex()


def _json(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign_compact(header: dict[str, Any], payload: dict[str, Any], signer: Signer) -> str:
    signing_input = b64url(_json(header)) + "." + b64url(_json(payload))
    signature = signer.sign(signing_input.encode("ascii"))
    return signing_input + "." + b64url(signature)


def issue_credential(
    card: CardRecord,
    signer: Signer,
    issued_at: datetime,
    *,
    credential_id: str | None = None,
    issuer: str = DEFAULT_ISSUER,
    validity: timedelta = CREDENTIAL_VALIDITY,
) -> IssuedCredential:
    """Sign a credential for `card`. The caller stores `claims.jti` as the card's credential_id."""
    if not timedelta(0) < validity <= MAX_CREDENTIAL_VALIDITY:
        raise ValueError(f"a credential lives at most {MAX_CREDENTIAL_VALIDITY.days} days")
    iat = int(issued_at.timestamp())
    claims = CredentialClaims(
        iss=issuer,
        jti=credential_id or new_credential_id(),
        iat=iat,
        exp=iat + int(validity.total_seconds()),
        nik=card.nik,
        name=card.full_name,
        birth_date=card.birth_date.isoformat(),
        sex=card.sex,
        region=card.district_code,
        card_id=card.card_id,
        pho=card.photo_sha256,
    )
    header = {"alg": ALGORITHM, "kid": signer.key_id, "typ": TOKEN_TYPE}
    token = sign_compact(header, claims.model_dump(exclude_none=True), signer)
    return IssuedCredential(token=token, claims=claims, key_id=header["kid"])


def b64url_decode_strict(part: str) -> bytes:
    """Base64url without padding, and canonical: re-encoding gives the same text. Otherwise two different
    strings (differing only in the unused low bits of the last character) would carry the same bytes."""
    if not part or any(not (c.isascii() and (c.isalnum() or c in "-_")) for c in part):
        raise MalformedCredential("not base64url")
    try:
        data = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError) as exc:
        raise MalformedCredential("not base64url") from exc
    if b64url(data) != part:
        raise MalformedCredential("non-canonical base64url")
    return data


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise MalformedCredential(f"duplicate member {key!r}")
        result[key] = value
    return result


def _json_object(data: bytes) -> dict[str, Any]:
    try:
        obj = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except (ValueError, RecursionError) as exc:
        # ValueError: not UTF-8, not JSON, a number past Python's digit limit; RecursionError: nesting past the
        # recursion limit (2,000 brackets fit in a QR-sized token). Hostile input is malformed, never a crash.
        raise MalformedCredential("not JSON") from exc
    if not isinstance(obj, dict):
        raise MalformedCredential("not a JSON object")
    return obj


def split_compact(
    token: str, max_length: int = MAX_TOKEN_LENGTH
) -> tuple[dict[str, Any], dict[str, Any], bytes, bytes]:
    """(header, payload, signing input, signature) of a compact JWS, without verifying anything else."""
    token = token.strip()
    if len(token) > max_length:
        raise MalformedCredential("token too long")
    parts = token.split(".")
    if len(parts) != 3:
        raise MalformedCredential("a compact JWS has three parts")
    header = _json_object(b64url_decode_strict(parts[0]))
    payload = _json_object(b64url_decode_strict(parts[1]))
    # An empty signature (alg "none") is decoded as such so the caller can reject the algorithm by name.
    signature = b64url_decode_strict(parts[2]) if parts[2] else b""
    return header, payload, (parts[0] + "." + parts[1]).encode("ascii"), signature


def credential_expiry(token: str) -> datetime:
    """The `exp` of a credential this system issued (its stored token; not for verifying foreign input)."""
    exp = split_compact(token)[1].get("exp")
    if type(exp) is not int:
        raise MalformedCredential("no exp")
    return datetime.fromtimestamp(exp, UTC)


def needs_refresh(token: str, now: datetime, refresh_before: timedelta = REFRESH_BEFORE) -> bool:
    return credential_expiry(token) - now <= refresh_before
