"""Signers for the digital ID: ES256 (ECDSA P-256 with SHA-256), JOSE signature form (R || S, 64 bytes).

In AWS the private key lives in KMS (`KmsSigner`): the key never leaves it, the Lambda only calls `Sign`.
`LocalSigner` holds a key in memory (tests, the local runtime, demos). The key id (`kid`) is the RFC 7638
JWK thumbprint of the public key, so anyone holding the published public key can compute it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

_COORD_BYTES = 32  # P-256
KMS_MAX_RAW_MESSAGE = 4096  # KMS Sign accepts at most 4 KiB with MessageType=RAW


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def der_to_raw(der: bytes) -> bytes:
    """ASN.1 DER ECDSA signature (what KMS and cryptography return) -> JOSE R || S."""
    r, s = decode_dss_signature(der)
    return r.to_bytes(_COORD_BYTES, "big") + s.to_bytes(_COORD_BYTES, "big")


def raw_to_der(raw: bytes) -> bytes:
    if len(raw) != 2 * _COORD_BYTES:
        raise ValueError(f"an ES256 signature is {2 * _COORD_BYTES} bytes, got {len(raw)}")
    return encode_dss_signature(
        int.from_bytes(raw[:_COORD_BYTES], "big"), int.from_bytes(raw[_COORD_BYTES:], "big")
    )


def load_public_key(pem_or_der: str | bytes) -> ec.EllipticCurvePublicKey:
    data = pem_or_der.encode("ascii") if isinstance(pem_or_der, str) else pem_or_der
    key = (
        serialization.load_pem_public_key(data)
        if data.lstrip().startswith(b"-----")
        else serialization.load_der_public_key(data)
    )
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise ValueError("the public key is not an EC P-256 key")
    return key


def public_key_to_pem(key: ec.EllipticCurvePublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def jwk_thumbprint(key: ec.EllipticCurvePublicKey) -> str:
    """RFC 7638: SHA-256 over the required JWK members in lexicographic order, no whitespace."""
    numbers = key.public_numbers()
    jwk = {
        "crv": "P-256",
        "kty": "EC",
        "x": b64url(numbers.x.to_bytes(_COORD_BYTES, "big")),
        "y": b64url(numbers.y.to_bytes(_COORD_BYTES, "big")),
    }
    canonical = json.dumps(jwk, separators=(",", ":"), sort_keys=True).encode("ascii")
    return b64url(hashlib.sha256(canonical).digest())


def key_id_of(pem_or_der: str | bytes) -> str:
    return jwk_thumbprint(load_public_key(pem_or_der))


class LocalSigner:
    """An in-process P-256 key (tests, local runtime, demos). Never used for production credentials."""

    def __init__(self, private_key: ec.EllipticCurvePrivateKey) -> None:
        if not isinstance(private_key.curve, ec.SECP256R1):
            raise ValueError("ES256 needs a P-256 key")
        self._key = private_key
        self._kid = jwk_thumbprint(private_key.public_key())

    @classmethod
    def generate(cls) -> LocalSigner:
        return cls(ec.generate_private_key(ec.SECP256R1()))

    @classmethod
    def from_pem(cls, pem: bytes | str) -> LocalSigner:
        data = pem.encode("ascii") if isinstance(pem, str) else pem
        key = serialization.load_pem_private_key(data, password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("the private key is not an EC key")
        return cls(key)

    @classmethod
    def from_file(cls, path: Path) -> LocalSigner:
        return cls.from_pem(path.read_bytes())

    @property
    def key_id(self) -> str:
        return self._kid

    def sign(self, message: bytes) -> bytes:
        return der_to_raw(self._key.sign(message, ec.ECDSA(hashes.SHA256())))

    def public_key_pem(self) -> str:
        return public_key_to_pem(self._key.public_key())

    def private_key_pem(self) -> str:
        return self._key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode("ascii")


class KmsSigner:
    """Signs with a KMS asymmetric key (KeySpec ECC_NIST_P256, KeyUsage SIGN_VERIFY).

    `kms_client` is a boto3 KMS client (passed in: this module imports no AWS SDK). The public key is fetched
    once with GetPublicKey; the kid is its thumbprint, so rotating to a new KMS key gives a new kid.
    """

    def __init__(self, kms_client: Any, key_id: str) -> None:
        self._kms = kms_client
        self.kms_key_id = key_id
        self._public_key: ec.EllipticCurvePublicKey | None = None
        self._kid: str | None = None

    def _public(self) -> ec.EllipticCurvePublicKey:
        if self._public_key is None:
            response = self._kms.get_public_key(KeyId=self.kms_key_id)
            algorithms = response.get("SigningAlgorithms") or []
            if "ECDSA_SHA_256" not in algorithms:
                raise ValueError(f"KMS key {self.kms_key_id} cannot sign with ECDSA_SHA_256")
            self._public_key = load_public_key(response["PublicKey"])
        return self._public_key

    @property
    def key_id(self) -> str:
        if self._kid is None:
            self._kid = jwk_thumbprint(self._public())
        return self._kid

    def sign(self, message: bytes) -> bytes:
        # KMS takes at most 4 KiB raw; a longer message (the revocation list) is sent as its SHA-256 digest,
        # which ECDSA_SHA_256 signs exactly as it would sign the raw message: the same ES256 signature.
        raw = len(message) <= KMS_MAX_RAW_MESSAGE
        response = self._kms.sign(
            KeyId=self.kms_key_id,
            Message=message if raw else hashlib.sha256(message).digest(),
            MessageType="RAW" if raw else "DIGEST",
            SigningAlgorithm="ECDSA_SHA_256",
        )
        return der_to_raw(response["Signature"])

    def public_key_pem(self) -> str:
        return public_key_to_pem(self._public())
