"""Pages that are not what was asked for, or not the right way up: a specific answer each, never a crash.

(Blank pages, photos of other things and of screens, broken and hostile files: test_ocr_bad_input.py.)
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from ektp.ocr import extract_document
from tools.docgen.render import font
from tools.docgen.variety import render_variety

SEED = 6262


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def _pdf(images: list[Image.Image]) -> bytes:
    buf = io.BytesIO()
    rgb = [im.convert("RGB") for im in images]
    rgb[0].save(buf, format="PDF", save_all=True, append_images=rgb[1:], resolution=200)
    return buf.getvalue()


def _letter() -> Image.Image:
    """A covering letter: text, but no form the service knows."""
    page = Image.new("L", (1700, 2200), 250)
    draw = ImageDraw.Draw(page)
    lines = [
        "Kepada Yth. Bapak/Ibu Petugas",
        "Dengan hormat, bersama surat ini saya",
        "mengirimkan berkas permohonan saya.",
        "Atas perhatian Bapak/Ibu saya ucapkan",
        "terima kasih banyak.",
        "Hormat saya, pemohon",
    ]
    for i, line in enumerate(lines):
        draw.text((150, 200 + 90 * i), line, font=font(40), fill=0)
    return page


def test_upside_down_page_is_read_turned() -> None:
    doc = render_variety("ktp", "ktp-card-serif", 1, SEED)[0]
    result = extract_document(_png(doc.image.rotate(180)), declared_type="ktp")
    assert result.document_type == "ktp" and result.declared_type_matches is True
    assert "rotated:180" in result.preprocess
    assert result.fields["nik"].value == doc.fields["nik"]
    assert result.fields["name"].value == doc.fields["name"]


def test_page_of_another_type_is_named_and_not_parsed() -> None:
    doc = render_variety("akta", "akta-kutipan", 1, SEED)[0]
    result = extract_document(_png(doc.image), declared_type="skpwni")
    assert result.document_type == "akta" and result.declared_type_matches is False
    assert [(r.code, r.measured, r.threshold) for r in result.reasons] == [
        ("DOCUMENT_WRONG_TYPE", "akta", "skpwni")
    ]
    assert result.fields == {}


def test_multi_page_pdf_reads_the_document_after_a_cover_letter() -> None:
    doc = render_variety("akta", "akta-kutipan", 1, SEED)[0]
    result = extract_document(_pdf([_letter(), doc.image]), declared_type="akta")
    assert result.pages == 2 and result.document_type == "akta"
    assert result.fields["name"].value == doc.fields["name"]
    assert result.fields["birth_date"].value == doc.fields["birth_date"]


def test_letter_alone_is_named_a_letter_and_blank_pdf_pages_are_blank() -> None:
    assert [r.code for r in extract_document(_png(_letter())).reasons] == ["DOCUMENT_IS_LETTER"]
    asked = extract_document(_pdf([_letter()]), declared_type="kk")
    assert [r.code for r in asked.reasons] == ["DOCUMENT_IS_LETTER"] and asked.declared_type_matches is False
    blank = Image.new("L", (1700, 2200), 255)
    assert [r.code for r in extract_document(_pdf([blank, blank, blank])).reasons] == ["DOCUMENT_BLANK"]
