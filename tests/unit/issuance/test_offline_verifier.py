"""tools/verify_id.py, the standalone verifier third parties copy, agrees with ektp.issuance.verify on
every case, and depends on nothing but the standard library, cryptography (and OpenCV for images)."""

from __future__ import annotations

import ast
import base64
import hashlib
import hmac
import io
import json
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import segno
from PIL import Image

from ektp.cli import main as ektp_main
from ektp.domain.reasons import CATALOGUE
from ektp.issuance.card import CardRecord
from ektp.issuance.credential import IssuedCredential, issue_credential, sign_compact
from ektp.issuance.render import render_card_png
from ektp.issuance.signing import LocalSigner, b64url
from tools import verify_id

from .conftest import NOW

SCRIPT = Path(verify_id.__file__)


def _swap_header(token: str, **changes: Any) -> str:
    head, payload, sig = token.split(".")
    header = json.loads(base64.urlsafe_b64decode(head + "=="))
    header.update(changes)
    return ".".join([b64url(json.dumps(header).encode()), payload, sig])


def _resign_payload(token: str, signer: LocalSigner, **changes: Any) -> str:
    head, payload, _ = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims.update(changes)
    return sign_compact(json.loads(base64.urlsafe_b64decode(head + "==")), claims, signer)


def _tamper(token: str) -> str:
    head, payload, sig = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["name"] = "SOMEONE ELSE"
    return ".".join([head, b64url(json.dumps(claims).encode()), sig])


def _hs256(token: str, signer: LocalSigner) -> str:
    head = _swap_header(token, alg="HS256").split(".")[0]
    signing_input = head + "." + token.split(".")[1]
    mac = hmac.new(signer.public_key_pem().encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url(mac)


# name -> (make the credential argument from (credential, signer, other, tmp_path), now offset, revoked?)
Case = Callable[[IssuedCredential, LocalSigner, LocalSigner, CardRecord, Path], str]
CASES: dict[str, tuple[Case, timedelta, bool]] = {
    "valid": (lambda c, s, o, card, tmp: c.token, timedelta(0), False),
    "tampered": (lambda c, s, o, card, tmp: _tamper(c.token), timedelta(0), False),
    "expired": (lambda c, s, o, card, tmp: c.token, timedelta(days=6 * 365), False),
    "not_yet_valid": (lambda c, s, o, card, tmp: c.token, -timedelta(hours=2), False),
    "revoked": (lambda c, s, o, card, tmp: c.token, timedelta(0), True),
    "expired_and_revoked": (lambda c, s, o, card, tmp: c.token, timedelta(days=6 * 365), True),
    "another_key": (lambda c, s, o, card, tmp: issue_credential(card, o, NOW).token, timedelta(0), False),
    "another_key_our_kid": (
        lambda c, s, o, card, tmp: _resign_payload(c.token, o),
        timedelta(0),
        False,
    ),
    "alg_none": (
        lambda c, s, o, card, tmp: _swap_header(c.token, alg="none").rsplit(".", 1)[0] + ".",
        timedelta(0),
        False,
    ),
    "alg_hs256": (lambda c, s, o, card, tmp: _hs256(c.token, s), timedelta(0), False),
    "typ_missing": (
        lambda c, s, o, card, tmp: sign_compact(
            {"alg": "ES256", "kid": s.key_id}, c.claims.model_dump(exclude_none=True), s
        ),
        timedelta(0),
        False,
    ),
    "string_timestamp": (
        lambda c, s, o, card, tmp: _resign_payload(c.token, s, iat=str(c.claims.iat)),
        timedelta(0),
        False,
    ),
    "bool_timestamp": (lambda c, s, o, card, tmp: _resign_payload(c.token, s, exp=True), timedelta(0), False),
    "extra_claim": (
        lambda c, s, o, card, tmp: _resign_payload(c.token, s, role="admin"),
        timedelta(0),
        False,
    ),
    "short_nik": (lambda c, s, o, card, tmp: _resign_payload(c.token, s, nik="123"), timedelta(0), False),
    "nbf_in_future": (
        lambda c, s, o, card, tmp: _resign_payload(c.token, s, nbf=c.claims.iat + 7200),
        timedelta(0),
        False,
    ),
    "two_parts": (lambda c, s, o, card, tmp: c.token.rsplit(".", 1)[0], timedelta(0), False),
    "garbage": (lambda c, s, o, card, tmp: "hello world", timedelta(0), False),
    "truncated_signature": (lambda c, s, o, card, tmp: c.token[:-10], timedelta(0), False),
    "non_canonical_signature": (
        lambda c, s, o, card, tmp: (
            c.token[:-1] + {"A": "B", "Q": "R", "g": "h", "w": "x"}.get(c.token[-1], c.token[-1])
        ),
        timedelta(0),
        False,
    ),
    "card_image": (
        lambda c, s, o, card, tmp: _write(tmp / "card.png", render_card_png(card, c.token)),
        timedelta(0),
        False,
    ),
    "image_without_qr": (
        lambda c, s, o, card, tmp: _write(tmp / "blank.png", _blank_png()),
        timedelta(0),
        False,
    ),
    "qr_of_something_else": (
        lambda c, s, o, card, tmp: _write(tmp / "menu.png", _qr_png("https://example.com/menu")),
        timedelta(0),
        False,
    ),
    "token_file": (
        lambda c, s, o, card, tmp: _write(tmp / "token.txt", (c.token + "\n").encode()),
        timedelta(0),
        False,
    ),
}


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def _blank_png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (320, 200), "white").save(buf, "PNG")
    return buf.getvalue()


def _qr_png(text: str) -> bytes:
    buf = io.BytesIO()
    segno.make(text).save(buf, kind="png", scale=6)
    return buf.getvalue()


@pytest.mark.parametrize("name", list(CASES))
def test_the_offline_verifier_agrees_with_the_library(
    name: str,
    credential: IssuedCredential,
    signer: LocalSigner,
    other_signer: LocalSigner,
    card: CardRecord,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    make, offset, revoke = CASES[name]
    argument = make(credential, signer, other_signer, card, tmp_path)
    key = tmp_path / "public.pem"
    key.write_text(signer.public_key_pem())
    argv = [argument, "--public-key", str(key), "--now", (NOW + offset).isoformat()]
    if revoke:
        revoked = tmp_path / "revoked.json"
        revoked.write_text(json.dumps([credential.claims.jti]))
        argv += ["--revoked-list", str(revoked)]

    exit_code, offline = verify_id.run(argv)
    assert ektp_main(["id", "verify", *argv]) == 0
    library = json.loads(capsys.readouterr().out)
    assert offline == library
    assert exit_code == (0 if library["valid"] else 1)
    if name in ("valid", "card_image", "token_file"):
        assert library["valid"] is True
    else:
        assert library["valid"] is False and library["reasons"]


def test_every_bad_case_has_the_expected_reason(
    credential: IssuedCredential,
    signer: LocalSigner,
    other_signer: LocalSigner,
    card: CardRecord,
    tmp_path: Path,
) -> None:
    expected = {
        "tampered": ["CREDENTIAL_SIGNATURE_INVALID"],
        "expired": ["CREDENTIAL_EXPIRED"],
        "not_yet_valid": ["CREDENTIAL_NOT_YET_VALID"],
        "nbf_in_future": ["CREDENTIAL_NOT_YET_VALID"],
        "revoked": ["CREDENTIAL_REVOKED"],
        "expired_and_revoked": ["CREDENTIAL_EXPIRED", "CREDENTIAL_REVOKED"],
        "another_key": ["CREDENTIAL_UNKNOWN_KEY"],
        "another_key_our_kid": ["CREDENTIAL_SIGNATURE_INVALID"],
        "alg_none": ["CREDENTIAL_ALGORITHM_NOT_ALLOWED"],
        "alg_hs256": ["CREDENTIAL_ALGORITHM_NOT_ALLOWED"],
        "image_without_qr": ["CREDENTIAL_QR_UNREADABLE"],
        "qr_of_something_else": ["CREDENTIAL_MALFORMED"],
    }
    key = tmp_path / "public.pem"
    key.write_text(signer.public_key_pem())
    for name, reasons in expected.items():
        make, offset, revoke = CASES[name]
        argv = [make(credential, signer, other_signer, card, tmp_path), "--public-key", str(key)]
        argv += ["--now", (NOW + offset).isoformat()]
        if revoke:
            (tmp_path / "r.txt").write_text(credential.claims.jti)
            argv += ["--revoked-list", str(tmp_path / "r.txt")]
        assert verify_id.run(argv)[1]["reasons"] == reasons, name


def test_its_messages_are_the_catalogue_s() -> None:
    for code, (message_id, message_en) in verify_id.MESSAGES.items():
        assert (CATALOGUE[code].message_id, CATALOGUE[code].message_en) == (message_id, message_en)


def test_it_imports_only_the_standard_library_and_cryptography() -> None:
    tree = ast.parse(SCRIPT.read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"__future__"}
    assert third_party == {"cryptography", "cv2", "numpy"}


def test_it_runs_as_a_script_with_exit_codes(
    credential: IssuedCredential, signer: LocalSigner, tmp_path: Path
) -> None:
    key = tmp_path / "key.pem"
    key.write_text(signer.public_key_pem())
    copy = tmp_path / "verify_id.py"  # as a third party would: a lone copy, outside the repository
    copy.write_text(SCRIPT.read_text())
    now = ["--now", NOW.isoformat()]
    ok = subprocess.run(
        [sys.executable, str(copy), credential.token, "--public-key", str(key), *now],
        check=False,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["valid"] is True
    bad = subprocess.run(
        [sys.executable, str(copy), _tamper(credential.token), "--public-key", str(key), *now],
        check=False,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert bad.returncode == 1 and json.loads(bad.stdout)["reasons"] == ["CREDENTIAL_SIGNATURE_INVALID"]
    usage = subprocess.run(
        [sys.executable, str(copy), credential.token, "--public-key", str(tmp_path / "none.pem")],
        check=False,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert usage.returncode == 2 and "cannot read public key" in usage.stderr


@pytest.mark.parametrize("shown", ["bound", "other", "none"])
def test_both_verifiers_bind_the_holders_photo(
    shown: str, card: CardRecord, signer: LocalSigner, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The credential carries the photo's SHA-256; a checker given another face's photo is told it is not the
    holder's, and either way sees the bound digest to compare with the photo beside the QR."""
    from ektp.issuance.credential import photo_digest

    bound = b"\xff\xd8\xff the holder's photo"
    token = issue_credential(card.model_copy(update={"photo_sha256": photo_digest(bound)}), signer, NOW).token
    key = tmp_path / "public.pem"
    key.write_text(signer.public_key_pem())
    argv = [token, "--public-key", str(key), "--now", NOW.isoformat()]
    if shown != "none":
        photo = tmp_path / "photo.jpg"
        photo.write_bytes(bound if shown == "bound" else b"\xff\xd8\xff someone else's photo")
        argv += ["--photo", str(photo)]
    exit_code, offline = verify_id.run(argv)
    assert ektp_main(["id", "verify", *argv]) == 0
    assert offline == json.loads(capsys.readouterr().out)
    assert offline["photo_sha256"] == hashlib.sha256(bound).hexdigest()
    assert offline["reasons"] == (["CREDENTIAL_PHOTO_MISMATCH"] if shown == "other" else [])
    assert exit_code == (1 if shown == "other" else 0)
    assert offline["revocation_checked"] is False  # no list given: the checker is told so
