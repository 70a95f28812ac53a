"""The registration receipt: a PDF with the number, the time and a QR to the status page."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from ektp.domain.application import ApplicationType
from ektp.issuance.receipt import APPLICATION_TYPE_NAMES, render_receipt, render_receipt_image
from ektp.issuance.render import decode_qr, pdf_page_image

STATUS_URL = "https://ektp.example.go.id/status/ABCD-EFGH-JKMN-K"


def test_receipt_pdf_carries_a_qr_to_the_status_page() -> None:
    pdf = render_receipt("ABCD-EFGH-JKMN-K", datetime(2026, 11, 28, 3, 4, 5, tzinfo=UTC), STATUS_URL, "NEW")
    assert pdf.startswith(b"%PDF-1.4")
    assert b"/Title (Tanda terima ABCD-EFGH-JKMN-K)" in pdf
    buf = io.BytesIO()
    pdf_page_image(pdf).save(buf, "PNG")
    assert decode_qr(buf.getvalue()) == [STATUS_URL]


@pytest.mark.parametrize("application_type", list(ApplicationType))
def test_every_application_type_has_both_names(application_type: ApplicationType) -> None:
    name_id, name_en = APPLICATION_TYPE_NAMES[application_type]
    assert name_id and name_en and name_id != name_en
    page = render_receipt_image(
        "ABCD-EFGH-JKMN-K", datetime(2026, 1, 1, tzinfo=UTC), STATUS_URL, application_type
    )
    assert page.size == (1240, 1754)


def test_receipts_differ_by_content() -> None:
    at = datetime(2026, 11, 28, 3, 4, 5, tzinfo=UTC)
    a = render_receipt_image("ABCD-EFGH-JKMN-K", at, STATUS_URL, "NEW")
    b = render_receipt_image("WXYZ-0000-1111-2", at, STATUS_URL, "NEW")
    c = render_receipt_image("ABCD-EFGH-JKMN-K", at.replace(hour=4), STATUS_URL, "NEW")
    assert a.tobytes() != b.tobytes() and a.tobytes() != c.tobytes()


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone"):
        render_receipt("ABCD-EFGH-JKMN-K", datetime(2026, 11, 28, 3, 4, 5), STATUS_URL, "NEW")


def test_the_qr_link_is_the_configured_status_page_with_the_number() -> None:
    from ektp.domain.status_lookup import status_link

    assert status_link("https://ektp.example.go.id/status", "ABCD-EFGH-JKMN-K") == (
        "https://ektp.example.go.id/status?n=ABCD-EFGH-JKMN-K"
    )
    assert (
        status_link("https://x.test/?lang=en", "ABCD-EFGH-JKMN-K")
        == "https://x.test/?lang=en&n=ABCD-EFGH-JKMN-K"
    )
