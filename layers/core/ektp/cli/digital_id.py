"""`ektp id ...`: the digital ID (IKD) on the command line.

    ektp id verify QR_IMAGE_OR_TOKEN --public-key FILE [--public-key FILE ...] [--revoked-list FILE]
                   [--max-list-age HOURS] [--photo FILE] [--now T]
    ektp id keygen --out DIR
    ektp id issue --key PRIVATE.pem --applicant APPLICANT.json --out DIR [--photo FILE] [--registration-number N]
    ektp id revocation-list --key PRIVATE.pem --ids IDS.txt --out revoked.jws [--at T]
    ektp id receipt REGISTRATION_NUMBER --status-url URL --out FILE.pdf [--type NEW] [--at T]

`verify` prints the verification result (exit 0 whatever the verdict); `keygen` and `issue` are for demos and
tests: production credentials are signed by KMS.
"""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ektp.cli import UsageError
from ektp.domain.application import Applicant, ApplicationType, Contact
from ektp.domain.reasons import reason
from ektp.domain.records import ApplicationRecord
from ektp.domain.status import ApplicationStatus

IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"BM", b"GIF8", b"RIFF")
MAX_INPUT_BYTES = 20 * 1024 * 1024


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("id", help="digital ID (IKD): verify, issue, keys, receipt")
    commands = parser.add_subparsers(dest="id_command", required=True, metavar="ACTION")

    verify = commands.add_parser("verify", help="verify a credential from a QR image or its text")
    verify.add_argument("credential", help="a QR image (PNG/JPEG), a file holding the token, or the token")
    verify.add_argument(
        "--public-key", action="append", required=True, type=Path, help="published public key (PEM)"
    )
    verify.add_argument(
        "--revoked-list", type=Path, help="the issuer's signed revocation list, or ids (one a line, or JSON)"
    )
    verify.add_argument(
        "--max-list-age", type=float, default=48.0, help="refuse a signed list older than this (hours)"
    )
    verify.add_argument(
        "--photo", type=Path, help="the photo shown as the holder's: compared with the bound one"
    )
    verify.add_argument("--now", help="verify as of this ISO 8601 time (default: now)")
    verify.set_defaults(func=run_verify)

    keygen = commands.add_parser("keygen", help="make a local P-256 key pair (demos and tests only)")
    keygen.add_argument("--out", type=Path, required=True, help="directory for private.pem and public.pem")
    keygen.set_defaults(func=run_keygen)

    issue = commands.add_parser("issue", help="issue a demo card and credential with a local key")
    issue.add_argument("--key", type=Path, required=True, help="private key (PEM) from `ektp id keygen`")
    issue.add_argument("--applicant", type=Path, required=True, help="applicant JSON (the form's applicant)")
    issue.add_argument("--out", type=Path, required=True, help="directory for card.png, card.pdf, token.txt")
    issue.add_argument("--photo", type=Path, help="the holder's photo (JPEG/PNG)")
    issue.add_argument("--registration-number", default="0000-0000-0000-0")
    issue.add_argument("--validity-days", type=int, default=60, help="1 to 90")
    issue.add_argument("--at", help="issue time, ISO 8601 (default: now)")
    issue.set_defaults(func=run_issue)

    revocations = commands.add_parser("revocation-list", help="sign a revocation list with a local key")
    revocations.add_argument("--key", type=Path, required=True, help="private key (PEM)")
    revocations.add_argument(
        "--ids", type=Path, required=True, help="revoked credential ids (one a line, or JSON)"
    )
    revocations.add_argument("--out", type=Path, required=True)
    revocations.add_argument("--at", help="list time, ISO 8601 (default: now)")
    revocations.set_defaults(func=run_revocation_list)

    receipt = commands.add_parser("receipt", help="render a registration receipt PDF")
    receipt.add_argument("registration_number")
    receipt.add_argument("--status-url", required=True)
    receipt.add_argument("--type", default="NEW", choices=[t.value for t in ApplicationType])
    receipt.add_argument("--at", help="registration time, ISO 8601 (default: now)")
    receipt.add_argument("--out", type=Path, required=True)
    receipt.set_defaults(func=run_receipt)


def _parse_time(text: str | None, option: str) -> datetime:
    if text is None:
        return datetime.now(UTC)
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"{option} must be an ISO 8601 time, got {text!r}") from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a token is longer than any file name may be
        return False


def _read(path: Path, what: str) -> bytes:
    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise UsageError(f"{what} {path} is too large")
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {what} {path}: {exc.strerror}") from exc


def _token_from_input(value: str) -> tuple[str | None, str]:
    """(token, source). A path to an image is decoded as a QR (None when no QR is readable)."""
    path = Path(value)
    if _is_file(path):
        data = _read(path, "credential file")
        if data.startswith(IMAGE_MAGIC):
            from ektp.issuance.render import decode_qr

            found = decode_qr(data)
            return (found[0] if found else None), "qr_image"
        return data.decode("utf-8", errors="replace").strip(), "file"
    return value.strip(), "text"


def run_verify(args: argparse.Namespace) -> dict[str, Any]:
    from ektp.issuance.revocation import looks_signed, read_revocation_list
    from ektp.issuance.verify import (
        VerificationResult,
        load_key_set,
        parse_revocation_list,
        verify_credential,
    )

    keys = [_read(key_path, "public key") for key_path in args.public_key]
    try:
        key_set = load_key_set(keys)
    except ValueError as exc:
        raise UsageError(f"bad public key: {exc}") from exc
    now = _parse_time(args.now, "--now")
    revoked: set[str] | None = None  # no list: the result says revocation was not checked
    as_of: datetime | None = None
    if args.revoked_list is not None:
        try:
            text = _read(args.revoked_list, "revocation list").decode("utf-8")
            # A signed list (what the issuer publishes) must verify and be recent; a plain one is taken as is.
            if looks_signed(text):
                listing = read_revocation_list(text.strip(), key_set, now, timedelta(hours=args.max_list_age))
                revoked, as_of = set(listing.revoked), listing.issued_at
            else:
                revoked = parse_revocation_list(text)
        except (ValueError, UnicodeDecodeError) as exc:
            raise UsageError(f"bad revocation list {args.revoked_list}: {exc}") from exc
    photo = _read(args.photo, "photo") if args.photo else None
    token, source = _token_from_input(args.credential)
    if token is None:
        result = VerificationResult(valid=False, reasons=[reason("CREDENTIAL_QR_UNREADABLE")], checked_at=now)
    else:
        result = verify_credential(token, key_set, now, revoked, revocation_as_of=as_of, photo=photo)
    return {"source": source, **result.summary()}


def run_keygen(args: argparse.Namespace) -> dict[str, Any]:
    from ektp.issuance.signing import LocalSigner

    signer = LocalSigner.generate()
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        private = args.out / "private.pem"
        public = args.out / "public.pem"
        # Owner-only from creation: the private key is never world-readable, even for a moment.
        fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(signer.private_key_pem())
        public.write_text(signer.public_key_pem())
    except OSError as exc:
        raise UsageError(f"cannot write keys to {args.out}: {exc.strerror}") from exc
    return {"key_id": signer.key_id, "private_key": str(private), "public_key": str(public)}


def run_issue(args: argparse.Namespace) -> dict[str, Any]:
    from ektp.issuance.card import card_from_application
    from ektp.issuance.credential import MAX_CREDENTIAL_VALIDITY, issue_credential, photo_digest
    from ektp.issuance.render import render_card_pdf, render_card_png
    from ektp.issuance.signing import LocalSigner

    try:
        signer = LocalSigner.from_pem(_read(args.key, "private key"))
    except (ValueError, TypeError) as exc:
        raise UsageError(f"bad private key {args.key}: {exc}") from exc
    try:
        applicant = Applicant.model_validate_json(_read(args.applicant, "applicant file"))
    except ValidationError as exc:
        raise UsageError(f"bad applicant file {args.applicant}: {exc.error_count()} invalid fields") from exc
    if not 1 <= args.validity_days <= MAX_CREDENTIAL_VALIDITY.days:
        raise UsageError(f"--validity-days must be 1 to {MAX_CREDENTIAL_VALIDITY.days}")
    photo = _read(args.photo, "photo") if args.photo else None
    at = _parse_time(args.at, "--at")
    record = ApplicationRecord(
        application_id=args.registration_number,
        owner="cli",
        application_type=ApplicationType.NEW,
        status=ApplicationStatus.APPROVED,
        applicant=applicant,
        contact=Contact(),
        district_code=applicant.district_code,
        created_at=at,
        updated_at=at,
    )
    try:
        card = card_from_application(record, at, photo_sha256=photo_digest(photo) if photo else None)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    credential = issue_credential(card, signer, at, validity=timedelta(days=args.validity_days))
    card = card.model_copy(update={"credential_id": credential.claims.jti})
    try:
        png = render_card_png(card, credential.token, photo)
        pdf = render_card_pdf(card, credential.token, photo, generated_at=at)
    except ValueError as exc:  # Pillow cannot read the photo
        raise UsageError(str(exc)) from exc
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "card.png").write_bytes(png)
        (args.out / "card.pdf").write_bytes(pdf)
        (args.out / "token.txt").write_text(credential.token + "\n")
        (args.out / "card.json").write_text(card.model_dump_json(indent=2))
    except OSError as exc:
        raise UsageError(f"cannot write to {args.out}: {exc.strerror}") from exc
    return {
        "card_id": card.card_id,
        "credential_id": credential.claims.jti,
        "key_id": credential.key_id,
        "expires_at": datetime.fromtimestamp(credential.claims.exp, UTC).isoformat(),
        "token_length": len(credential.token),
        "files": {name: str(args.out / name) for name in ("card.png", "card.pdf", "token.txt", "card.json")},
    }


def run_revocation_list(args: argparse.Namespace) -> dict[str, Any]:
    from ektp.issuance.revocation import sign_revocation_list
    from ektp.issuance.signing import LocalSigner
    from ektp.issuance.verify import parse_revocation_list

    try:
        signer = LocalSigner.from_pem(_read(args.key, "private key"))
    except (ValueError, TypeError) as exc:
        raise UsageError(f"bad private key {args.key}: {exc}") from exc
    try:
        ids = parse_revocation_list(_read(args.ids, "id list").decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(f"bad id list {args.ids}: {exc}") from exc
    token = sign_revocation_list(ids, signer, _parse_time(args.at, "--at"))
    try:
        args.out.write_text(token + "\n")
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror}") from exc
    return {"revoked": len(ids), "key_id": signer.key_id, "file": str(args.out)}


def run_receipt(args: argparse.Namespace) -> dict[str, Any]:
    from ektp.domain.registration_number import parse_registration_number
    from ektp.issuance.receipt import render_receipt

    number = parse_registration_number(args.registration_number)
    if number is None:
        raise UsageError(f"not a valid registration number: {args.registration_number!r}")
    at = _parse_time(args.at, "--at")
    pdf = render_receipt(number, at, args.status_url, args.type)
    try:
        args.out.write_bytes(pdf)
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror}") from exc
    return {"registration_number": number, "bytes": len(pdf), "file": str(args.out)}
