"""Verification: a valid credential passes; every kind of bad input is rejected with its reason."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ektp.domain.reasons import CATALOGUE
from ektp.issuance.card import CardRecord
from ektp.issuance.credential import IssuedCredential, issue_credential, sign_compact
from ektp.issuance.signing import LocalSigner, b64url
from ektp.issuance.verify import load_key_set, parse_revocation_list, verify_credential

from .conftest import NOW

B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def codes(token: str, signer: LocalSigner, **kwargs: Any) -> list[str]:
    now = kwargs.pop("now", NOW)
    return [r.code for r in verify_credential(token, [signer.public_key_pem()], now, **kwargs).reasons]


def parts(token: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    h, p, s = token.split(".")
    return (
        json.loads(base64.urlsafe_b64decode(h + "==")),
        json.loads(base64.urlsafe_b64decode(p + "==")),
        s,
    )


def test_a_valid_credential_passes(
    credential: IssuedCredential, signer: LocalSigner, card: CardRecord
) -> None:
    result = verify_credential(credential.token, [signer.public_key_pem()], NOW)
    assert result.valid and result.reasons == []
    assert result.claims is not None
    assert (result.claims.nik, result.claims.name, result.claims.card_id) == (
        card.nik,
        card.full_name,
        card.card_id,
    )
    assert result.claims.region == card.district_code
    assert result.key_id == signer.key_id
    summary = result.summary()
    assert summary["valid"] is True and summary["claims"]["jti"] == credential.claims.jti


def test_payload_holds_only_the_minimum(credential: IssuedCredential) -> None:
    _, payload, _ = parts(credential.token)
    assert set(payload) == {
        "iss",
        "jti",
        "iat",
        "exp",
        "nik",
        "name",
        "birth_date",
        "sex",
        "region",
        "card_id",
    }


def test_tampered_payload_is_rejected(credential: IssuedCredential, signer: LocalSigner) -> None:
    header, payload, sig = parts(credential.token)
    payload["name"] = "SOMEONE ELSE"
    forged = ".".join([credential.token.split(".")[0], b64url(json.dumps(payload).encode()), sig])
    assert codes(forged, signer) == ["CREDENTIAL_SIGNATURE_INVALID"]


def test_an_extended_validity_is_a_tampering_too(credential: IssuedCredential, signer: LocalSigner) -> None:
    header, payload, sig = parts(credential.token)
    payload["exp"] += 10 * 365 * 86400
    forged = ".".join([credential.token.split(".")[0], b64url(json.dumps(payload).encode()), sig])
    assert codes(forged, signer) == ["CREDENTIAL_SIGNATURE_INVALID"]


def test_a_signature_that_is_not_64_bytes_is_invalid(
    credential: IssuedCredential, signer: LocalSigner
) -> None:
    head, payload, _ = credential.token.split(".")
    assert codes(f"{head}.{payload}.{b64url(b'x' * 70)}", signer) == ["CREDENTIAL_SIGNATURE_INVALID"]


# The fixtures are read-only here, so sharing them across examples is safe.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_single_character_change_survives(
    credential: IssuedCredential, signer: LocalSigner, data: st.DataObject
) -> None:
    token = credential.token
    i = data.draw(st.integers(0, len(token) - 1))
    replacement = data.draw(st.sampled_from(B64_ALPHABET + ".").filter(lambda c: c != token[i]))
    mutated = token[:i] + replacement + token[i + 1 :]
    result = verify_credential(mutated, [signer.public_key_pem()], NOW)
    assert not result.valid
    assert len(result.reasons) == 1
    assert result.reasons[0].code.startswith("CREDENTIAL_")


def test_expired_credential(card: CardRecord, signer: LocalSigner) -> None:
    token = issue_credential(card, signer, NOW, validity=timedelta(days=30)).token
    assert codes(token, signer, now=NOW + timedelta(days=29)) == []
    assert codes(token, signer, now=NOW + timedelta(days=30, seconds=59)) == []  # within the clock skew
    assert codes(token, signer, now=NOW + timedelta(days=30, seconds=60)) == ["CREDENTIAL_EXPIRED"]
    result = verify_credential(token, [signer.public_key_pem()], NOW + timedelta(days=31))
    assert result.claims is not None  # the holder is still shown, so the verifier can tell them why
    assert result.reasons[0].measured == (NOW + timedelta(days=30)).isoformat()


def test_credential_from_the_future_is_not_valid_yet(card: CardRecord, signer: LocalSigner) -> None:
    token = issue_credential(card, signer, NOW + timedelta(hours=1)).token
    assert codes(token, signer) == ["CREDENTIAL_NOT_YET_VALID"]
    assert codes(token, signer, now=NOW + timedelta(minutes=59, seconds=30)) == []


def test_revoked_credential_by_set_and_by_lookup(credential: IssuedCredential, signer: LocalSigner) -> None:
    jti = credential.claims.jti
    assert codes(credential.token, signer, revoked={jti}) == ["CREDENTIAL_REVOKED"]
    assert codes(credential.token, signer, revoked={"someone-else"}) == []
    asked: list[str] = []

    def lookup(credential_id: str) -> bool:
        asked.append(credential_id)
        return credential_id == jti

    assert codes(credential.token, signer, revoked=lookup) == ["CREDENTIAL_REVOKED"]
    assert asked == [jti]


def test_a_string_is_not_a_revocation_set(credential: IssuedCredential, signer: LocalSigner) -> None:
    with pytest.raises(TypeError):
        verify_credential(credential.token, [signer.public_key_pem()], NOW, credential.claims.jti)


def test_expired_and_revoked_are_both_reported(card: CardRecord, signer: LocalSigner) -> None:
    issued = issue_credential(card, signer, NOW, validity=timedelta(days=1))
    got = codes(issued.token, signer, now=NOW + timedelta(days=2), revoked={issued.claims.jti})
    assert got == ["CREDENTIAL_EXPIRED", "CREDENTIAL_REVOKED"]


def test_credential_signed_by_another_key(
    card: CardRecord, signer: LocalSigner, other_signer: LocalSigner
) -> None:
    token = issue_credential(card, other_signer, NOW).token
    assert codes(token, signer) == ["CREDENTIAL_UNKNOWN_KEY"]


def test_another_key_claiming_our_kid(
    card: CardRecord, signer: LocalSigner, other_signer: LocalSigner
) -> None:
    # The attacker copies the real kid into the header: the signature check still uses the real key.
    header = {"alg": "ES256", "kid": signer.key_id, "typ": "ikd+jws"}
    payload = issue_credential(card, signer, NOW).claims.model_dump(exclude_none=True)
    forged = sign_compact(header, payload, other_signer)
    assert codes(forged, signer) == ["CREDENTIAL_SIGNATURE_INVALID"]


def test_alg_none_is_rejected(credential: IssuedCredential, signer: LocalSigner) -> None:
    header, _, _ = parts(credential.token)
    header["alg"] = "none"
    head = b64url(json.dumps(header).encode())
    payload = credential.token.split(".")[1]
    assert codes(f"{head}.{payload}.", signer) == ["CREDENTIAL_ALGORITHM_NOT_ALLOWED"]
    assert codes(f"{head}.{payload}", signer) == ["CREDENTIAL_MALFORMED"]  # two parts is not a JWS


def test_hs256_with_the_public_key_as_secret_is_rejected(
    credential: IssuedCredential, signer: LocalSigner
) -> None:
    # The classic key-confusion attack: HMAC keyed with the (public) PEM.
    header, _, _ = parts(credential.token)
    header["alg"] = "HS256"
    signing_input = b64url(json.dumps(header).encode()) + "." + credential.token.split(".")[1]
    mac = hmac.new(signer.public_key_pem().encode(), signing_input.encode(), hashlib.sha256).digest()
    assert codes(f"{signing_input}.{b64url(mac)}", signer) == ["CREDENTIAL_ALGORITHM_NOT_ALLOWED"]


@pytest.mark.parametrize(
    "header",
    [
        {"alg": "ES256", "kid": "k"},  # no typ
        {"alg": "ES256", "kid": "k", "typ": "JWT"},
        {"alg": "ES256", "typ": "ikd+jws"},  # no kid
        {"alg": "ES256", "kid": 7, "typ": "ikd+jws"},
        {"alg": "ES256", "kid": "k", "typ": "ikd+jws", "crit": ["exp"]},
    ],
)
def test_headers_of_the_wrong_shape_are_malformed(
    header: dict[str, Any], credential: IssuedCredential, signer: LocalSigner
) -> None:
    if header.get("kid") == "k":
        header["kid"] = signer.key_id
    _, payload, _ = parts(credential.token)
    assert codes(sign_compact(header, payload, signer), signer) == ["CREDENTIAL_MALFORMED"]


def _with_header_text(token: str, text: bytes) -> str:
    return b64url(text) + "." + token.split(".", 1)[1]


@pytest.mark.parametrize(
    "make",
    [
        lambda t: "",
        lambda t: "not a credential",
        lambda t: "a.b",
        lambda t: t + ".extra",
        lambda t: "!!!." + t.split(".", 1)[1],
        lambda t: _with_header_text(t, b"not json"),
        lambda t: _with_header_text(t, b'["ES256"]'),
        lambda t: _with_header_text(t, b'{"alg":"ES256","alg":"ES256","kid":"x","typ":"ikd+jws"}'),
        lambda t: _with_header_text(t, b"\xff\xfe"),
        lambda t: t.split(".")[0] + "=." + t.split(".", 1)[1],  # padding is not base64url-in-JWS
        lambda t: t + "A" * 5000,
        lambda t: "https://example.com/not-a-credential",
    ],
)
def test_malformed_tokens(make: Any, credential: IssuedCredential, signer: LocalSigner) -> None:
    assert codes(make(credential.token), signer) == ["CREDENTIAL_MALFORMED"]


def test_non_canonical_base64_of_the_signature_is_malformed(
    credential: IssuedCredential, signer: LocalSigner
) -> None:
    # 64 bytes = 85 characters + 2 spare bits: flipping a spare bit gives the same bytes, a second spelling.
    head, payload, sig = credential.token.split(".")
    last = B64_ALPHABET.index(sig[-1])
    twin = sig[:-1] + B64_ALPHABET[last ^ 1]
    assert base64.urlsafe_b64decode(twin + "==") == base64.urlsafe_b64decode(sig + "==")
    assert codes(f"{head}.{payload}.{twin}", signer) == ["CREDENTIAL_MALFORMED"]


@pytest.mark.parametrize(
    "change",
    [
        {"iat": "1795867200"},  # a string is not a timestamp
        {"exp": True},
        {"nik": "12345"},
        {"sex": "X"},
        {"region": "31.71"},
        {"extra": "field"},
        {"birth_date": None},
    ],
)
def test_signed_but_wrong_claims_are_malformed(
    change: dict[str, Any], credential: IssuedCredential, signer: LocalSigner
) -> None:
    header, payload, _ = parts(credential.token)
    payload.update(change)
    assert codes(sign_compact(header, payload, signer), signer) == ["CREDENTIAL_MALFORMED"]


def test_missing_claim_is_malformed(credential: IssuedCredential, signer: LocalSigner) -> None:
    header, payload, _ = parts(credential.token)
    del payload["jti"]
    assert codes(sign_compact(header, payload, signer), signer) == ["CREDENTIAL_MALFORMED"]


def test_key_sets_by_kid_and_several_keys(
    credential: IssuedCredential, signer: LocalSigner, other_signer: LocalSigner
) -> None:
    # Key rotation: the old and the new key are both published.
    both = [other_signer.public_key_pem(), signer.public_key_pem()]
    assert verify_credential(credential.token, both, NOW).valid
    loaded = load_key_set(both)
    assert set(loaded) == {signer.key_id, other_signer.key_id}
    assert verify_credential(credential.token, loaded, NOW).valid
    assert verify_credential(credential.token, {signer.key_id: signer.public_key_pem()}, NOW).valid


def test_every_reason_is_in_the_catalogue() -> None:
    for code in (
        "CREDENTIAL_MALFORMED",
        "CREDENTIAL_QR_UNREADABLE",
        "CREDENTIAL_ALGORITHM_NOT_ALLOWED",
        "CREDENTIAL_UNKNOWN_KEY",
        "CREDENTIAL_SIGNATURE_INVALID",
        "CREDENTIAL_EXPIRED",
        "CREDENTIAL_NOT_YET_VALID",
        "CREDENTIAL_REVOKED",
        "CARD_STATUS_TRANSITION",
    ):
        assert CATALOGUE[code].message_id and CATALOGUE[code].message_en


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\nb # lost card\n\n# comment\n", {"a", "b"}),
        ('["a", "b"]', {"a", "b"}),
        ('{"revoked": ["a"]}', {"a"}),
        ("", set()),
    ],
)
def test_revocation_list_formats(text: str, expected: set[str]) -> None:
    assert parse_revocation_list(text) == expected


@pytest.mark.parametrize("text", ["[1, 2]", '{"revoked": "a"}', "[1"])
def test_bad_revocation_lists(text: str) -> None:
    with pytest.raises(ValueError):
        parse_revocation_list(text)
