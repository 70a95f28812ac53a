"""The signed revocation list an offline verifier downloads: it must verify and be recent."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from pathlib import Path

import pytest

from ektp.cli import main
from ektp.issuance.credential import IssuedCredential
from ektp.issuance.revocation import (
    LIST_VALIDITY,
    MAX_LIST_AGE,
    InvalidRevocationList,
    looks_signed,
    read_revocation_list,
    sign_revocation_list,
    verify_revocation_list,
)
from ektp.issuance.signing import LocalSigner, b64url
from ektp.issuance.verify import verify_credential
from tools import verify_id

from .conftest import NOW


def keys(signer: LocalSigner) -> list[str]:
    return [signer.public_key_pem()]


def test_round_trip_and_use_in_verification(credential: IssuedCredential, signer: LocalSigner) -> None:
    token = sign_revocation_list(["b", credential.claims.jti, "b"], signer, NOW)
    assert looks_signed(token) and not looks_signed("a\nb\nc")
    revoked = verify_revocation_list(token, keys(signer), NOW + timedelta(days=1))
    assert revoked == {"b", credential.claims.jti}
    result = verify_credential(credential.token, keys(signer), NOW, revoked)
    assert [r.code for r in result.reasons] == ["CREDENTIAL_REVOKED"]


def test_a_list_with_an_id_removed_does_not_verify(credential: IssuedCredential, signer: LocalSigner) -> None:
    head, payload, sig = sign_revocation_list([credential.claims.jti, "x"], signer, NOW).split(".")
    body = json.loads(base64.urlsafe_b64decode(payload + "=="))
    body["revoked"] = ["x"]  # someone strips the lost card's credential from the list
    forged = ".".join([head, b64url(json.dumps(body).encode()), sig])
    with pytest.raises(InvalidRevocationList, match="signature"):
        verify_revocation_list(forged, keys(signer), NOW)


def test_a_list_signed_by_another_key(signer: LocalSigner, other_signer: LocalSigner) -> None:
    with pytest.raises(InvalidRevocationList, match="unknown key"):
        verify_revocation_list(sign_revocation_list(["a"], other_signer, NOW), keys(signer), NOW)


def test_stale_and_future_lists(signer: LocalSigner) -> None:
    token = sign_revocation_list(["a"], signer, NOW)  # states a maximum age of LIST_VALIDITY
    assert verify_revocation_list(token, keys(signer), NOW + LIST_VALIDITY) == {"a"}
    with pytest.raises(InvalidRevocationList, match="stated maximum age"):
        verify_revocation_list(token, keys(signer), NOW + LIST_VALIDITY + timedelta(minutes=2))
    with pytest.raises(InvalidRevocationList, match="future"):
        verify_revocation_list(token, keys(signer), NOW - timedelta(hours=1))


def test_the_verifiers_own_limit_refuses_a_list_that_states_a_long_life(signer: LocalSigner) -> None:
    """An issuer's key misused to state a year: the verifier's configured limit still refuses it."""
    token = sign_revocation_list(["a"], signer, NOW, valid_for=timedelta(days=365))
    listing = read_revocation_list(token, keys(signer), NOW + timedelta(hours=47))
    assert listing.revoked == {"a"} and listing.issued_at == NOW
    assert listing.expires_at == NOW + timedelta(days=365)
    with pytest.raises(InvalidRevocationList, match="hours old"):
        read_revocation_list(token, keys(signer), NOW + MAX_LIST_AGE + timedelta(seconds=1))
    with pytest.raises(InvalidRevocationList, match="hours old"):
        read_revocation_list(token, keys(signer), NOW + timedelta(hours=2), max_age=timedelta(hours=1))


def test_a_list_without_a_stated_maximum_age_is_refused(signer: LocalSigner) -> None:
    from ektp.issuance.credential import sign_compact

    header = {"alg": "ES256", "kid": signer.key_id, "typ": "ikd-revocation+jws"}
    token = sign_compact(header, {"iss": "x", "iat": int(NOW.timestamp()), "revoked": []}, signer)
    with pytest.raises(InvalidRevocationList, match="iat/exp"):
        read_revocation_list(token, keys(signer), NOW)
    with pytest.raises(ValueError, match="iat/exp"):
        verify_id.verify_revocation_list(token, verify_id.load_keys([signer.public_key_pem().encode()]), NOW)


def test_a_revoked_card_revokes_every_credential_issued_for_it(
    credential: IssuedCredential, signer: LocalSigner
) -> None:
    listing = read_revocation_list(
        sign_revocation_list([credential.claims.card_id], signer, NOW), keys(signer), NOW
    )
    result = verify_credential(
        credential.token, keys(signer), NOW, listing.revoked, revocation_as_of=listing.issued_at
    )
    assert [r.code for r in result.reasons] == ["CREDENTIAL_REVOKED"]
    assert result.summary()["revocation_checked"] is True
    assert result.summary()["revocation_as_of"] == NOW.isoformat()
    unchecked = verify_credential(credential.token, keys(signer), NOW).summary()
    assert unchecked["valid"] is True and unchecked["revocation_checked"] is False


def test_a_credential_is_not_a_revocation_list(credential: IssuedCredential, signer: LocalSigner) -> None:
    with pytest.raises(InvalidRevocationList, match="typ"):
        verify_revocation_list(credential.token, keys(signer), NOW)
    with pytest.raises(InvalidRevocationList, match="malformed"):
        verify_revocation_list("a.b.c", keys(signer), NOW)


def test_cli_signs_a_list_that_both_verifiers_honour(
    tmp_path: Path, credential: IssuedCredential, signer: LocalSigner, capsys: pytest.CaptureFixture[str]
) -> None:
    private, public = tmp_path / "private.pem", tmp_path / "public.pem"
    private.write_text(signer.private_key_pem())
    public.write_text(signer.public_key_pem())
    ids = tmp_path / "ids.txt"
    ids.write_text(f"{credential.claims.jti}\n")
    listing = tmp_path / "revoked.jws"
    argv = ["id", "revocation-list", "--key", str(private), "--ids", str(ids), "--out", str(listing)]
    assert main([*argv, "--at", NOW.isoformat()]) == 0
    assert json.loads(capsys.readouterr().out)["revoked"] == 1

    verify = [credential.token, "--public-key", str(public), "--revoked-list", str(listing)]
    assert main(["id", "verify", *verify, "--now", NOW.isoformat()]) == 0
    library = json.loads(capsys.readouterr().out)
    code, offline = verify_id.run([*verify, "--now", NOW.isoformat()])
    assert library == offline and library["reasons"] == ["CREDENTIAL_REVOKED"] and code == 1

    stale = (NOW + timedelta(days=30)).isoformat()
    assert main(["id", "verify", *verify, "--now", stale]) == 2
    assert "stated maximum age" in capsys.readouterr().err
    with pytest.raises(verify_id.UsageError, match="stated maximum age"):
        verify_id.run([*verify, "--now", stale])
    # Within the list's own life but past the checker's configured limit: refused by both.
    later = (NOW + timedelta(hours=3)).isoformat()
    assert main(["id", "verify", *verify, "--now", later, "--max-list-age", "2"]) == 2
    assert "hours old" in capsys.readouterr().err
    with pytest.raises(verify_id.UsageError, match="hours old"):
        verify_id.run([*verify, "--now", later, "--max-list-age", "2"])

    tampered = listing.read_text().strip()
    listing.write_text(tampered[:-2] + ("AA" if not tampered.endswith("AA") else "BA") + "\n")
    assert main(["id", "verify", *verify, "--now", NOW.isoformat()]) == 2
    with pytest.raises(verify_id.UsageError):
        verify_id.run([*verify, "--now", NOW.isoformat()])
