"""Signers: the local key and KMS (on moto), the JOSE signature form and the key id."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import boto3
import jwt
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from moto import mock_aws

from ektp.issuance.card import CardRecord, card_from_application
from ektp.issuance.credential import issue_credential
from ektp.issuance.signing import (
    KMS_MAX_RAW_MESSAGE,
    KmsSigner,
    LocalSigner,
    der_to_raw,
    jwk_thumbprint,
    key_id_of,
    load_public_key,
    raw_to_der,
)
from ektp.issuance.verify import verify_credential

from .conftest import NOW, approved_record


@pytest.fixture
def kms() -> Iterator[Any]:
    with mock_aws():
        yield boto3.client("kms", region_name="ap-southeast-3")


def _p256_key(kms: Any) -> str:
    meta = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")["KeyMetadata"]
    return str(meta["KeyId"])


def test_local_signature_is_64_bytes_and_verifies(signer: LocalSigner) -> None:
    message = b"header.payload"
    raw = signer.sign(message)
    assert len(raw) == 64
    load_public_key(signer.public_key_pem()).verify(raw_to_der(raw), message, ec.ECDSA(hashes.SHA256()))


def test_der_and_raw_forms_round_trip() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    for i in range(20):  # covers R or S with leading zero bytes, which DER drops and JOSE keeps
        der = key.sign(bytes([i]), ec.ECDSA(hashes.SHA256()))
        raw = der_to_raw(der)
        assert len(raw) == 64
        assert raw_to_der(raw) == der
    with pytest.raises(ValueError):
        raw_to_der(b"\x01" * 63)


def test_key_id_is_the_rfc7638_thumbprint(signer: LocalSigner) -> None:
    numbers = load_public_key(signer.public_key_pem()).public_numbers()

    def b64(n: int) -> str:
        return base64.urlsafe_b64encode(n.to_bytes(32, "big")).rstrip(b"=").decode()

    # RFC 7638 sect. 3.2: members crv, kty, x, y in that order, no whitespace.
    canonical = f'{{"crv":"P-256","kty":"EC","x":"{b64(numbers.x)}","y":"{b64(numbers.y)}"}}'
    import hashlib

    expected = base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()
    assert signer.key_id == expected == key_id_of(signer.public_key_pem())


def test_private_key_round_trips_through_pem(signer: LocalSigner) -> None:
    again = LocalSigner.from_pem(signer.private_key_pem())
    assert again.key_id == signer.key_id


def test_other_curves_are_refused() -> None:
    with pytest.raises(ValueError, match="P-256"):
        LocalSigner(ec.generate_private_key(ec.SECP384R1()))
    p384 = ec.generate_private_key(ec.SECP384R1()).public_key()
    from cryptography.hazmat.primitives import serialization

    pem = p384.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(ValueError, match="P-256"):
        load_public_key(pem)


def test_credentials_interoperate_with_pyjwt(card: CardRecord, signer: LocalSigner) -> None:
    # An independent JOSE implementation accepts our tokens: the format is standard, not home-made.
    token = issue_credential(card, signer, NOW).token
    header = jwt.get_unverified_header(token)
    assert header == {"alg": "ES256", "kid": signer.key_id, "typ": "ikd+jws"}
    claims = jwt.decode(
        token,
        signer.public_key_pem(),
        algorithms=["ES256"],
        options={"verify_exp": False, "verify_iat": False},
    )
    assert claims["nik"] == card.nik and claims["card_id"] == card.card_id


def test_kms_signer_signs_a_credential_that_verifies_with_the_exported_key(
    kms: Any, card: CardRecord
) -> None:
    key_id = _p256_key(kms)
    signer = KmsSigner(kms, key_id)
    credential = issue_credential(card, signer, NOW)
    exported = kms.get_public_key(KeyId=key_id)["PublicKey"]  # DER, what an operator publishes as PEM
    assert signer.key_id == jwk_thumbprint(load_public_key(exported))
    result = verify_credential(credential.token, [exported], NOW)
    assert result.valid, result.reasons
    assert result.key_id == signer.key_id
    # PyJWT agrees on the KMS-made signature (the DER -> R||S conversion is right).
    jwt.decode(credential.token, signer.public_key_pem(), algorithms=["ES256"], options={"verify_exp": False})


def test_kms_signer_refuses_a_key_that_cannot_sign_es256(kms: Any) -> None:
    rsa = kms.create_key(KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")["KeyMetadata"]["KeyId"]
    with pytest.raises(ValueError, match="ECDSA_SHA_256"):
        _ = KmsSigner(kms, rsa).key_id


class StrictKms:
    """KMS as AWS documents it (moto ignores MessageType): RAW at most 4096 bytes, DIGEST a 32-byte SHA-256."""

    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.calls: list[tuple[str, int]] = []

    def get_public_key(self, KeyId: str) -> dict[str, Any]:
        der = self.key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return {"PublicKey": der, "SigningAlgorithms": ["ECDSA_SHA_256"]}

    def sign(self, KeyId: str, Message: bytes, MessageType: str, SigningAlgorithm: str) -> dict[str, Any]:
        self.calls.append((MessageType, len(Message)))
        if MessageType == "RAW":
            assert len(Message) <= KMS_MAX_RAW_MESSAGE, "KMS: RAW messages are at most 4096 bytes"
            return {"Signature": self.key.sign(Message, ec.ECDSA(hashes.SHA256()))}
        assert MessageType == "DIGEST" and len(Message) == 32
        return {"Signature": self.key.sign(Message, ec.ECDSA(Prehashed(hashes.SHA256())))}


def test_kms_signer_signs_a_revocation_list_larger_than_kms_takes_raw() -> None:
    """A list of 50,000 revoked cards (about 1 MB) is signed through its digest; both verifiers accept it."""
    from ektp.issuance.revocation import read_revocation_list, sign_revocation_list
    from tools import verify_id

    kms = StrictKms()
    signer = KmsSigner(kms, "alias/ikd")
    ids = [f"KTP-{n:013d}" for n in range(50_000)]
    token = sign_revocation_list(ids, signer, NOW)
    assert len(token) > 1_000_000 and kms.calls == [("DIGEST", 32)]
    assert read_revocation_list(token, [signer.public_key_pem()], NOW).revoked == set(ids)
    keys = verify_id.load_keys([signer.public_key_pem().encode()])
    assert verify_id.verify_revocation_list(token, keys, NOW)[0] == set(ids)
    short = issue_credential(card_from_application(approved_record(), NOW), signer, NOW)
    assert kms.calls[-1] == ("RAW", len(".".join(short.token.split(".")[:2])))  # credentials: raw, as before


def test_kms_signatures_differ_per_key(kms: Any, card: CardRecord) -> None:
    first, second = KmsSigner(kms, _p256_key(kms)), KmsSigner(kms, _p256_key(kms))
    token = issue_credential(card, first, NOW).token
    assert first.key_id != second.key_id
    result = verify_credential(token, [second.public_key_pem()], NOW)
    assert [r.code for r in result.reasons] == ["CREDENTIAL_UNKNOWN_KEY"]
    payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    assert payload["card_id"] == card.card_id
