"""A letter with no form model (the police report) is read for soundness and legible text, not fields."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from PIL import Image

from ektp.domain.application import DocumentType
from ektp.domain.records import DocumentRecord
from ektp.domain.status import DocumentStatus
from ektp.services.document_checks import ocr_checker
from tests.support.letters import police_report_pdf
from tools.docgen import generate_documents


def _document() -> DocumentRecord:
    return DocumentRecord(
        application_id="7K3M-9QXD-2B4F-F",
        document_type=DocumentType.POLICE_REPORT,
        upload_id="1",
        object_key="uploads/7K3M-9QXD-2B4F-F/POLICE_REPORT/1",
        declared_content_type="application/pdf",
        max_bytes=15 * 1024 * 1024,
        created_at=datetime.now(UTC),
        updated_at=datetime.now(UTC),
        status=DocumentStatus.RECEIVED,
    )


def _check(data: bytes) -> list[str]:
    outcome = ocr_checker(data, _document(), None)  # type: ignore[arg-type]  # the letter check reads no record
    return [r.code for r in outcome.reasons if r.severity == "error"]


def test_a_legible_police_report_is_accepted_for_the_officer_to_read() -> None:
    assert _check(police_report_pdf()) == []


def test_a_blank_page_or_a_known_form_in_its_place_is_refused() -> None:
    blank = io.BytesIO()
    Image.new("L", (1654, 2339), 255).save(blank, format="PDF", resolution=200)
    assert _check(blank.getvalue()) == ["DOCUMENT_BLANK"]
    kk = io.BytesIO()
    generate_documents("kk", 1, 7)[0].image.save(kk, format="PNG")
    assert _check(kk.getvalue()) == ["DOCUMENT_WRONG_TYPE"]
