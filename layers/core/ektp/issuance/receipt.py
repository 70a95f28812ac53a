"""The registration receipt (tanda terima pendaftaran): a one-page PDF, available right after registration.

It carries the registration number, the time of registration (WIB, the resident's clock for Jakarta, and
UTC), the application type and a QR code to the status page, in Indonesian and English. No personal data:
the receipt is often printed or forwarded.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from PIL import Image, ImageDraw

from ektp.domain.application import ApplicationType
from ektp.issuance.render import INK, PAGE_SIZE, draw_paragraph, font, page_to_pdf, qr_image

WIB = timezone(timedelta(hours=7), "WIB")

APPLICATION_TYPE_NAMES: dict[ApplicationType, tuple[str, str]] = {
    ApplicationType.NEW: ("Pembuatan KTP-el baru", "New KTP-el"),
    ApplicationType.REPLACEMENT_LOST: ("Penggantian KTP-el hilang", "Replacement of a lost KTP-el"),
    ApplicationType.REPLACEMENT_DAMAGED: ("Penggantian KTP-el rusak", "Replacement of a damaged KTP-el"),
    ApplicationType.DATA_CHANGE: ("Perubahan data KTP-el", "Change of KTP-el data"),
    ApplicationType.MOVE: ("KTP-el karena pindah domisili", "KTP-el after a change of domicile"),
}

NOTE_ID = (
    "Simpan tanda terima ini. Gunakan nomor registrasi untuk melihat status permohonan Anda; pindai kode "
    "QR untuk membuka halaman status. Layanan ini tidak dipungut biaya."
)
NOTE_EN = (
    "Keep this receipt. Use the registration number to check the status of your application; scan the QR "
    "code to open the status page. This service is free of charge."
)


def render_receipt_image(
    registration_number: str,
    registered_at: datetime,
    status_url: str,
    application_type: ApplicationType | str,
) -> Image.Image:
    if registered_at.tzinfo is None:
        raise ValueError("registered_at must be timezone-aware")
    kind = APPLICATION_TYPE_NAMES[ApplicationType(application_type)]
    page = Image.new("RGB", PAGE_SIZE, "white")
    draw = ImageDraw.Draw(page)
    margin = 110
    width = PAGE_SIZE[0] - 2 * margin

    draw.text((margin, 100), "TANDA TERIMA PENDAFTARAN", font=font(44), fill=INK)
    draw.text((margin, 160), "Proof of registration: KTP-el online application", font=font(26), fill=INK)
    draw.line((margin, 215, PAGE_SIZE[0] - margin, 215), fill=INK, width=3)

    y = 250
    draw.text((margin, y), "Nomor registrasi / Registration number", font=font(24), fill=INK)
    draw.text((margin, y + 40), registration_number, font=font(64), fill=INK)
    y += 140
    local = registered_at.astimezone(WIB)
    rows = [
        ("Waktu pendaftaran / Registered at", f"{local:%d-%m-%Y %H:%M:%S} WIB"),
        ("", f"{registered_at.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC"),
        ("Jenis permohonan", kind[0]),
        ("Application type", kind[1]),
    ]
    for label, value in rows:
        draw.text((margin, y), label, font=font(24), fill=INK)
        draw.text((margin + 470, y), value, font=font(26), fill=INK)
        y += 44

    qr = qr_image(status_url, scale=8)
    qr_top = y + 40
    page.paste(qr.convert("RGB"), ((PAGE_SIZE[0] - qr.width) // 2, qr_top))
    y = qr_top + qr.height + 10
    draw.text((PAGE_SIZE[0] // 2, y), status_url, font=font(22), fill=INK, anchor="ma")
    y += 70
    y = draw_paragraph(draw, (margin, y), NOTE_ID, font(22), width, 32) + 20
    draw_paragraph(draw, (margin, y), NOTE_EN, font(22), width, 32)
    return page


def render_receipt(
    registration_number: str,
    registered_at: datetime,
    status_url: str,
    application_type: ApplicationType | str,
) -> bytes:
    """The receipt as PDF bytes."""
    page = render_receipt_image(registration_number, registered_at, status_url, application_type)
    return page_to_pdf(page, f"Tanda terima {registration_number}")
