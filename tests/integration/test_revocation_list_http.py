"""Issue 16 on the local stack: a card reported lost over HTTP reaches the signed revocation list that
`GET /revocations` serves (published by the scheduled function), and the standalone offline verifier, given
that list, refuses the lost card's credential; a stale or tampered list is refused, not used. And the chain's
issue step never revokes a holder's card for a NEW application approved by the rules (attack 1)."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.domain.application import DocumentType
from ektp.domain.records import DocumentRecord
from ektp.domain.status import ApplicationStatus, DocumentStatus
from ektp.issuance.signing import b64url
from local_runtime import LocalStack
from tests.support.applicants import request_data
from tools import verify_id


def _function(stack: LocalStack, source: str) -> str:
    return next(n for n, spec in stack.resources.functions.items() if spec.source == source)


def _approved_and_issued(
    stack: LocalStack, serial: int, photo: bytes | None = None
) -> tuple[object, str, bool]:
    """A resident's NEW application, set APPROVED as the chain's decision would, then the chain's own issue
    step (no uploads needed; `photo` stands for the checked, normalized ID photo): (user, registration number,
    whether the step failed)."""
    user = stack.user(f"holder-{uuid.uuid4().hex[:8]}")
    created = stack.call("POST", "/applications", user, request_data(serial=serial))
    assert created.status == 201, created.body
    app_id = str(created.json()["registration_number"])
    repository = DynamoApplicationRepository(stack.table_name)
    record = repository.get(app_id)
    assert record is not None
    if photo is not None:
        _checked_photo(stack, repository, record, photo)
        record = repository.get(app_id)
        assert record is not None
    repository.save(record.model_copy(update={"status": ApplicationStatus.APPROVED}), record.version)
    event = {"step": "issue", "application_id": app_id, "attempt": record.attempt}
    _, errored, _ = stack.dispatcher.invoke(_function(stack, "functions/chain"), event)
    return user, app_id, bool(errored)


def _checked_photo(
    stack: LocalStack, repository: DynamoApplicationRepository, record: Any, photo: bytes
) -> None:
    key = f"processed/{record.application_id}/photo.jpg"
    stack.client("s3").put_object(Bucket=stack.upload_bucket, Key=key, Body=photo, ContentType="image/jpeg")
    now = datetime.now(UTC)
    document = DocumentRecord(
        application_id=record.application_id,
        document_type=DocumentType.PHOTO,
        upload_id="0001",
        status=DocumentStatus.ACCEPTED,
        object_key=f"uploads/{record.application_id}/PHOTO/0001",
        declared_content_type="image/jpeg",
        max_bytes=1 << 20,
        created_at=now,
        updated_at=now,
        processed_key=key,
    )
    repository.add_document_slot(record, document, max_uploads=60)


def _issued_card(stack: LocalStack, serial: int | None = None) -> tuple[object, str, dict[str, object]]:
    user, app_id, errored = _approved_and_issued(stack, serial or 1000 + secrets.randbelow(8999))
    assert not errored
    digital_id = stack.call("GET", f"/applications/{app_id}/digital-id", user)
    assert digital_id.status == 200, digital_id.body
    return user, app_id, dict(digital_id.json())


def _published(stack: LocalStack) -> str:
    _, errored, _ = stack.dispatcher.invoke(_function(stack, "functions/revocations"), {})
    assert not errored
    served = stack.call("GET", "/revocations")
    assert served.status == 200 and served.raw.count(b".") == 2
    return served.raw.decode("ascii").strip()


def test_a_card_reported_lost_is_refused_offline_with_the_published_list(
    stack: LocalStack, tmp_path: Path
) -> None:
    user, app_id, issued = _issued_card(stack)
    credential = str(issued["credential"])
    key = tmp_path / "ikd.pem"
    key.write_bytes(stack.call("GET", "/public-key").raw)
    argv = [credential, "--public-key", str(key)]
    code, before = verify_id.run(argv)
    assert code == 0 and before["revocation_checked"] is False

    lost = stack.call("POST", f"/applications/{app_id}/digital-id/report-lost", user)
    assert lost.status == 200 and lost.json()["status"] == "REVOKED"
    again = stack.call("POST", f"/applications/{app_id}/digital-id/report-lost", user)
    assert again.status == 200 and again.json()["status"] == "REVOKED"
    online = stack.call("POST", "/verify", body={"credential": credential}).json()
    assert online["valid"] is False and online["reasons"] == ["CREDENTIAL_REVOKED"]

    listing = tmp_path / "revocations.jws"
    listing.write_text(_published(stack))
    code, offline = verify_id.run([*argv, "--revoked-list", str(listing)])
    assert code == 1 and offline["reasons"] == ["CREDENTIAL_REVOKED"]
    assert offline["revocation_checked"] is True and offline["revocation_as_of"]

    # A list kept past its stated maximum age (24 hours by default) is refused, not used.
    later = (datetime.now(UTC) + timedelta(hours=25)).isoformat()
    with pytest.raises(verify_id.UsageError, match="stated maximum age"):
        verify_id.run([*argv, "--revoked-list", str(listing), "--now", later])

    # A list with the lost card taken out no longer verifies.
    head, payload, signature = listing.read_text().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    card_id = str(issued["card_id"])
    assert card_id in claims["revoked"]
    claims["revoked"] = [i for i in claims["revoked"] if i != card_id]
    listing.write_text(".".join([head, b64url(json.dumps(claims).encode()), signature]))
    with pytest.raises(verify_id.UsageError, match="signature"):
        verify_id.run([*argv, "--revoked-list", str(listing)])


def test_the_revocation_list_route_is_public_and_a_valid_card_is_not_on_it(stack: LocalStack) -> None:
    _, _, issued = _issued_card(stack)
    token = _published(stack)
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert issued["card_id"] not in claims["revoked"]
    assert claims["exp"] - claims["iat"] == 24 * 3600


def test_attack_a_new_application_approved_for_a_holders_nik_does_not_revoke_the_holders_card(
    stack: LocalStack,
) -> None:
    serial = 1000 + secrets.randbelow(8999)
    _, _, holder = _issued_card(stack, serial)
    attacker, attack, errored = _approved_and_issued(stack, serial)  # the same NIK, someone else's account
    assert errored  # the issue step refuses (CARD_HOLDER_EXISTS): the chain records the failure
    assert stack.call("GET", f"/applications/{attack}/digital-id", attacker).status == 404
    verdict = stack.call("POST", "/verify", body={"credential": holder["credential"]}).json()
    assert verdict["valid"] is True and verdict["revocation_checked"] is True


def test_the_credential_binds_the_photo_served_with_the_digital_id(stack: LocalStack, tmp_path: Path) -> None:
    """The checker gets the holder's photo file with the digital ID (format=photo): the offline verifier
    accepts it, and refuses another face's photo presented with the same QR."""
    photo = b"\xff\xd8\xff" + secrets.token_bytes(2048)
    user, app_id, errored = _approved_and_issued(stack, 1000 + secrets.randbelow(8999), photo)
    assert not errored
    credential = stack.call("GET", f"/applications/{app_id}/digital-id", user).json()["credential"]
    served = stack.call("GET", f"/applications/{app_id}/digital-id?format=photo", user)
    assert served.status == 200 and served.raw == photo
    key = tmp_path / "ikd.pem"
    key.write_bytes(stack.call("GET", "/public-key").raw)
    shown, other = tmp_path / "shown.jpg", tmp_path / "other.jpg"
    shown.write_bytes(served.raw)
    other.write_bytes(b"\xff\xd8\xff" + secrets.token_bytes(2048))
    code, result = verify_id.run([credential, "--public-key", str(key), "--photo", str(shown)])
    assert code == 0 and result["photo_sha256"] == hashlib.sha256(photo).hexdigest()
    code, result = verify_id.run([credential, "--public-key", str(key), "--photo", str(other)])
    assert code == 1 and result["reasons"] == ["CREDENTIAL_PHOTO_MISMATCH"]
    online = stack.call("POST", "/verify", body={"credential": credential}).json()
    assert online["valid"] is True and online["photo_sha256"] == hashlib.sha256(photo).hexdigest()
