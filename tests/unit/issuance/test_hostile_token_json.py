"""A QR code whose token holds JSON nested past the recursion limit (or a number past Python's digit limit) is
a malformed credential for every verifier, never a crash.

Attack (s12, failed on the code before the fix): a 2,700-character token, well under the 4,096 a verifier
accepts, whose header is 2,000 nested brackets made `POST /verify` (public, no token) answer 500 and both offline
verifiers (`ektp id verify`, tools/verify_id.py, which banks and shops run on a counter) die with RecursionError
instead of saying the ID is not valid; a revocation list fetched from the network (parsed before its signature
can be checked) with nesting or a 5,000-digit number did the same to the offline verifiers.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from ektp.issuance.credential import IssuedCredential
from ektp.issuance.revocation import InvalidRevocationList, verify_revocation_list
from ektp.issuance.signing import LocalSigner, b64url
from ektp.issuance.verify import parse_revocation_list, verify_credential
from tools import verify_id

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
DEEP = b"[" * 2000
HUGE_NUMBER = b'{"alg": "ES256", "n": ' + b"9" * 5000 + b"}"


def _nested_header() -> str:
    return b64url(DEEP) + "." + b64url(b"{}") + "."


def _nested_payload() -> str:
    return b64url(b'{"alg":"ES256","typ":"JWT","kid":"k"}') + "." + b64url(b'{"a":' + DEEP + b"}") + "."


HOSTILE_TOKENS: dict[str, str] = {"nested header": _nested_header(), "nested payload": _nested_payload()}


@pytest.mark.parametrize("token", HOSTILE_TOKENS.values(), ids=HOSTILE_TOKENS.keys())
def test_attack_a_deeply_nested_token_is_malformed_for_the_library(token: str, signer: LocalSigner) -> None:
    assert len(token) < 4096  # within what a verifier reads at all
    result = verify_credential(token, [signer.public_key_pem()], NOW)
    assert not result.valid and [r.code for r in result.reasons] == ["CREDENTIAL_MALFORMED"]


@pytest.mark.parametrize("token", HOSTILE_TOKENS.values(), ids=HOSTILE_TOKENS.keys())
def test_attack_a_deeply_nested_token_is_malformed_for_the_standalone_verifier(
    token: str, signer: LocalSigner
) -> None:
    keys = verify_id.load_keys([signer.public_key_pem().encode()])
    assert verify_id.verify(token, keys, NOW, None)["reasons"] == ["CREDENTIAL_MALFORMED"]


@pytest.mark.parametrize("part", [DEEP, HUGE_NUMBER], ids=["nested", "5000-digit number"])
def test_attack_a_hostile_revocation_list_is_refused_not_a_crash(part: bytes, signer: LocalSigner) -> None:
    token = b64url(part) + "." + b64url(b"{}") + "." + b64url(b"x" * 64)
    with pytest.raises(InvalidRevocationList):
        verify_revocation_list(token, [signer.public_key_pem()], NOW)
    with pytest.raises(ValueError):
        verify_id.verify_revocation_list(token, verify_id.load_keys([signer.public_key_pem().encode()]), NOW)


@pytest.mark.parametrize("parse", [parse_revocation_list, verify_id.parse_revocation_list])
def test_a_nested_plain_revocation_file_is_a_value_error(parse: Any) -> None:
    with pytest.raises(ValueError):
        parse("[" * 100_000)


def test_a_genuine_credential_still_verifies_in_both(
    credential: IssuedCredential, signer: LocalSigner
) -> None:
    """The guard: the hardened parsing reads a real token as before."""
    now = datetime.fromtimestamp(credential.claims.iat, UTC)
    assert verify_credential(credential.token, [signer.public_key_pem()], now).valid
    keys = verify_id.load_keys([signer.public_key_pem().encode()])
    assert verify_id.verify(credential.token, keys, now, None)["valid"] is True
