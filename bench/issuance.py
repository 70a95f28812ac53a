"""Issuance benchmark: what one issued card and one verification cost in CPU (no AWS).

    .venv/bin/python -m bench.issuance [--quick]

Figures in milliseconds per call (median, p95, min, max after warm-up): signing a credential with a local
P-256 key (KMS adds a network round trip instead), verifying it, rendering the card PNG and PDF, reading the
QR back from the PNG (OpenCV), and rendering the registration receipt.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, date, datetime
from typing import Any

from PIL import Image

from bench.harness import measure
from ektp.domain.application import Applicant, ApplicationType, Contact
from ektp.domain.nik import make_nik
from ektp.domain.records import ApplicationRecord
from ektp.domain.status import ApplicationStatus
from ektp.issuance.card import card_from_application
from ektp.issuance.credential import issue_credential
from ektp.issuance.receipt import render_receipt
from ektp.issuance.render import decode_qr, render_card_pdf, render_card_png
from ektp.issuance.revocation import read_revocation_list, sign_revocation_list
from ektp.issuance.signing import LocalSigner
from ektp.issuance.verify import load_key_set, verify_credential

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _record() -> ApplicationRecord:
    applicant = Applicant(
        full_name="MUHAMMAD RIZKY PRATAMA WIBOWO",
        nik=make_nik("31.71.01", date(2001, 3, 14), "M", 23),
        kk_number="3171012001190003",
        place_of_birth="JAKARTA",
        birth_date=date(2001, 3, 14),
        sex="M",
        religion="ISLAM",  # type: ignore[arg-type]
        marital_status="BELUM KAWIN",  # type: ignore[arg-type]
        occupation="KARYAWAN SWASTA",
        address="JL. KEBON SIRIH NO. 5",
        rt="003",
        rw="007",
        province_code="31",
        regency_code="31.71",
        district_code="31.71.01",
        village_code="31.71.01.1001",
        postal_code="10110",
        phone="081234567890",
    )
    return ApplicationRecord(
        application_id="ABCD-EFGH-JKMN-K",
        owner="bench",
        application_type=ApplicationType.NEW,
        status=ApplicationStatus.APPROVED,
        applicant=applicant,
        contact=Contact(),
        district_code="31.71.01",
        created_at=NOW,
        updated_at=NOW,
    )


def run(quick: bool = False) -> dict[str, Any]:
    repeats = 5 if quick else 30
    signer = LocalSigner.generate()
    card = card_from_application(_record(), NOW)
    photo_buf = io.BytesIO()
    Image.new("RGB", (1200, 1600), (200, 40, 40)).save(photo_buf, "JPEG", quality=90)
    photo = photo_buf.getvalue()
    token = issue_credential(card, signer, NOW).token
    png = render_card_png(card, token, photo)
    keys = load_key_set([signer.public_key_pem()])
    # The hourly revocation list (issue 16) at 100,000 revoked cards within a credential lifetime.
    revoked = [f"KTP-{n:013d}" for n in range(100_000)]
    revocation_list = sign_revocation_list(revoked, signer, NOW)
    return {
        "revocation_list_100k_bytes": len(revocation_list),
        "revocation_list_100k_sign_ms": measure(lambda: sign_revocation_list(revoked, signer, NOW), 3),
        "revocation_list_100k_verify_ms": measure(
            lambda: read_revocation_list(revocation_list, keys, NOW), 3
        ),
        "token_chars": len(token),
        "card_png_bytes": len(png),
        "card_pdf_bytes": len(render_card_pdf(card, token, photo)),
        "sign_ms": measure(lambda: issue_credential(card, signer, NOW), repeats * 10),
        "verify_ms": measure(lambda: verify_credential(token, keys, NOW), repeats * 10),
        "render_card_png_ms": measure(lambda: render_card_png(card, token, photo), repeats),
        "render_card_pdf_ms": measure(lambda: render_card_pdf(card, token, photo), repeats),
        "decode_qr_ms": measure(lambda: decode_qr(png), repeats),
        "render_receipt_ms": measure(
            lambda: render_receipt(
                "ABCD-EFGH-JKMN-K", NOW, "https://ektp.example.go.id/s/ABCD-EFGH-JKMN-K", "NEW"
            ),
            repeats,
        ),
    }


if __name__ == "__main__":
    json.dump(run(quick="--quick" in sys.argv), sys.stdout, indent=2)
    sys.stdout.write("\n")
