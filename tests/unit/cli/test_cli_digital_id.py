"""`ektp id ...`: keygen, issue, verify (image, file, text) and receipt, with their usage errors."""

from __future__ import annotations

import contextlib
import io
import json
import stat
from pathlib import Path
from typing import Any

import pytest
import segno
from PIL import Image

from ektp.cli import main
from ektp.issuance.signing import LocalSigner
from tests.support.applicants import applicant_data


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any] | None]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, (json.loads(out) if code == 0 else None)


def run_quiet(*argv: str) -> dict[str, Any]:
    """For module-scoped fixtures, which cannot use capsys."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(list(argv)) == 0
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("digital_id")


@pytest.fixture(scope="module")
def keys(workdir: Path) -> dict[str, Any]:
    return run_quiet("id", "keygen", "--out", str(workdir / "keys"))


@pytest.fixture(scope="module")
def issued(workdir: Path, keys: dict[str, Any]) -> dict[str, Any]:
    # Issued once for the module: rendering the card and its PDF is the slow part.
    applicant = workdir / "applicant.json"
    applicant.write_text(json.dumps(applicant_data()))
    photo = workdir / "photo.jpg"
    Image.new("RGB", (300, 400), (180, 40, 40)).save(photo, "JPEG")
    return run_quiet(
        "id", "issue",
        "--key", keys["private_key"],
        "--applicant", str(applicant),
        "--photo", str(photo),
        "--out", str(workdir / "card"),
        "--registration-number", "ABCD-EFGH-JKMN-K",
        "--at", "2026-11-28T12:00:00+00:00",
        "--validity-days", "30",
    )  # fmt: skip


def verify(capsys: pytest.CaptureFixture[str], credential: str, key: str, *extra: str) -> dict[str, Any]:
    code, result = run(
        capsys, "id", "verify", credential, "--public-key", key, "--now", "2026-12-01T00:00:00Z", *extra
    )
    assert code == 0 and result is not None
    return result


def test_keygen_writes_an_owner_only_private_key(keys: dict[str, Any]) -> None:
    private = Path(keys["private_key"])
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert LocalSigner.from_file(private).key_id == keys["key_id"]
    assert Path(keys["public_key"]).read_text().startswith("-----BEGIN PUBLIC KEY-----")


def test_issue_writes_the_card_and_a_token(issued: dict[str, Any], keys: dict[str, Any]) -> None:
    files = {name: Path(path) for name, path in issued["files"].items()}
    assert files["card.png"].read_bytes().startswith(b"\x89PNG")
    assert files["card.pdf"].read_bytes().startswith(b"%PDF")
    card = json.loads(files["card.json"].read_text())
    assert card["credential_id"] == issued["credential_id"] and card["card_id"].startswith("KTP-")
    assert "ABCDEFGHJKMNK" not in card["card_id"]  # a random id, never the registration number
    assert issued["key_id"] == keys["key_id"]
    assert issued["expires_at"] == "2026-12-28T12:00:00+00:00"


@pytest.mark.parametrize("form", ["card.png", "token.txt", "text"])
def test_verify_accepts_an_image_a_file_or_the_text(
    form: str, issued: dict[str, Any], keys: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    token = Path(issued["files"]["token.txt"]).read_text().strip()
    credential = token if form == "text" else issued["files"][form]
    result = verify(capsys, credential, keys["public_key"])
    assert result["valid"] is True and result["reasons"] == []
    assert result["source"] == {"card.png": "qr_image", "token.txt": "file", "text": "text"}[form]
    assert result["claims"]["jti"] == issued["credential_id"]


def test_verify_reports_revoked_and_expired(
    tmp_path: Path, issued: dict[str, Any], keys: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    revoked = tmp_path / "revoked.txt"
    revoked.write_text(f"# lost cards\n{issued['credential_id']}\n")
    token_file = issued["files"]["token.txt"]
    result = verify(capsys, token_file, keys["public_key"], "--revoked-list", str(revoked))
    assert result["reasons"] == ["CREDENTIAL_REVOKED"]
    code, late = run(
        capsys, "id", "verify", token_file, "--public-key", keys["public_key"], "--now", "2027-02-01"
    )
    assert code == 0 and late is not None and late["reasons"] == ["CREDENTIAL_EXPIRED"]


def test_verify_with_another_key(
    tmp_path: Path, issued: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.pem"
    other.write_text(LocalSigner.generate().public_key_pem())
    result = verify(capsys, issued["files"]["card.png"], str(other))
    assert result["valid"] is False and result["reasons"] == ["CREDENTIAL_UNKNOWN_KEY"]


def test_verify_an_image_without_a_qr_and_a_qr_that_is_not_a_credential(
    tmp_path: Path, keys: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    blank = tmp_path / "blank.png"
    Image.new("RGB", (400, 300), "white").save(blank)
    assert verify(capsys, str(blank), keys["public_key"])["reasons"] == ["CREDENTIAL_QR_UNREADABLE"]
    other_qr = tmp_path / "menu.png"
    buf = io.BytesIO()
    segno.make("https://example.com/menu").save(buf, kind="png", scale=6)
    other_qr.write_bytes(buf.getvalue())
    assert verify(capsys, str(other_qr), keys["public_key"])["reasons"] == ["CREDENTIAL_MALFORMED"]


@pytest.mark.parametrize(
    "argv",
    [
        ["id", "verify", "x.y.z", "--public-key", "/nonexistent/key.pem"],
        ["id", "verify", "x.y.z", "--public-key", "{not_a_key}"],
        ["id", "verify", "x.y.z", "--public-key", "{public}", "--now", "yesterday"],
        ["id", "verify", "x.y.z", "--public-key", "{public}", "--revoked-list", "{bad_list}"],
        ["id", "issue", "--key", "{public}", "--applicant", "{applicant}", "--out", "{tmp}"],
        ["id", "issue", "--key", "{private}", "--applicant", "{not_a_key}", "--out", "{tmp}"],
        [
            "id",
            "issue",
            "--key",
            "{private}",
            "--applicant",
            "{applicant}",
            "--photo",
            "{not_a_key}",
            "--out",
            "{tmp}",
        ],
        ["id", "revocation-list", "--key", "{private}", "--ids", "{bad_list}", "--out", "{tmp}/r.jws"],
        ["id", "receipt", "ABCD-EFGH-JKMN-Q", "--status-url", "https://x", "--out", "{tmp}/r.pdf"],
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], tmp_path: Path, keys: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_key = tmp_path / "not_a_key.pem"
    not_a_key.write_text("hello")
    bad_list = tmp_path / "bad.json"
    bad_list.write_text("[1, 2]")
    applicant = tmp_path / "applicant.json"
    applicant.write_text(json.dumps(applicant_data()))
    values = {
        "not_a_key": str(not_a_key),
        "public": keys["public_key"],
        "private": keys["private_key"],
        "bad_list": str(bad_list),
        "applicant": str(applicant),
        "tmp": str(tmp_path),
    }
    assert main([a.format(**values) for a in argv]) == 2
    assert "ektp:" in capsys.readouterr().err


def test_missing_public_key_option_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as info:
        main(["id", "verify", "x.y.z"])
    assert info.value.code == 2


def test_receipt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "receipt.pdf"
    code, result = run(
        capsys,
        "id",
        "receipt",
        "abcd efgh jkmn k",
        "--status-url",
        "https://ektp.example/s",
        "--out",
        str(out),
    )
    assert code == 0 and result is not None
    assert result["registration_number"] == "ABCD-EFGH-JKMN-K"  # normalised
    assert out.read_bytes().startswith(b"%PDF")
