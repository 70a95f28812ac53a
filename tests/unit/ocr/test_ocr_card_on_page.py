"""A KTP-el photographed lying on the family's KK, in grey: the card is found on the page and read alone.

On a grey photo the card's tint is gone and its outline runs into the KK's table rules, so no region outlines
it; the page read whole is the KK's. A page declared a KTP that reads as no card is looked at again for a card
by its straight sides and the shade stepping across them; what is found is kept only if it reads as a KTP."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ektp.ocr.pipeline import extract_document
from ektp.ocr.preprocess import card_on_page

INK = (28, 30, 36)
CARD_ROWS = [
    ("NIK", "1504046611020017"),
    ("Nama", "ZAHRA SAPUTRA"),
    ("Tempat/Tgl Lahir", "BATANGHARI, 26-11-2002"),
    ("Jenis Kelamin", "PEREMPUAN"),
    ("Alamat", "JL. GAJAH MADA NO. 119"),
    ("RT/RW", "010/001"),
    ("Kel/Desa", "HAJRAN"),
    ("Kecamatan", "BATIN XXIV"),
    ("Agama", "ISLAM"),
    ("Status Perkawinan", "KAWIN"),
    ("Pekerjaan", "MENGURUS RUMAH TANGGA"),
    ("Kewarganegaraan", "WNI"),
    ("Berlaku Hingga", "SEUMUR HIDUP"),
]


def _card() -> Image.Image:
    """A KTP-el at 300 dpi in its light blue: the province and regency centred, the rows down its left."""
    card = Image.new("RGB", (1011, 638), (198, 220, 238))
    draw = ImageDraw.Draw(card)
    head = ImageFont.load_default(size=30)
    font = ImageFont.load_default(size=24)
    for y, text in ((22, "PROVINSI JAMBI"), (58, "KABUPATEN BATANGHARI")):
        width = draw.textlength(text, font=head)
        draw.text(((1011 - width) / 2, y), text, fill=INK, font=head)
    for i, (label, value) in enumerate(CARD_ROWS):
        y = 108 + i * 38
        draw.text((30, y), label, fill=INK, font=font)
        draw.text((280, y), ": " + value, fill=INK, font=font)
    draw.rectangle((790, 150, 960, 390), fill=(60, 90, 170))
    draw.text((800, 420), "BATANGHARI", fill=INK, font=font)
    draw.text((810, 455), "04-11-2024", fill=INK, font=font)
    return card


def _kk_page() -> Image.Image:
    """A KK's page: its title and number, its area lines and a ruled table of the members."""
    page = Image.new("RGB", (2400, 1700), (246, 246, 243))
    draw = ImageDraw.Draw(page)
    title, font = ImageFont.load_default(size=64), ImageFont.load_default(size=34)
    draw.text((760, 60), "KARTU KELUARGA", fill=INK, font=title)
    draw.text((830, 150), "No. 1504040411240019", fill=INK, font=font)
    for i, (label, value) in enumerate(
        [("DESA/KELURAHAN", "HAJRAN"), ("KECAMATAN", "BATIN XXIV"), ("KABUPATEN/KOTA", "BATANGHARI")]
    ):
        draw.text((1250, 250 + 48 * i), f"{label} : {value}", fill=INK, font=font)
    heads = ["Nama Lengkap", "NIK", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "Agama"]
    people = [
        ["AHMAD SAPUTRA", "1504040708980028", "LAKI-LAKI", "BATANGHARI", "07-08-1998", "ISLAM"],
        ["ZAHRA SAPUTRA", "1504046611020017", "PEREMPUAN", "BATANGHARI", "26-11-2002", "ISLAM"],
        ["FITRI SETIAWATI", "1504045003210002", "PEREMPUAN", "BATANGHARI", "10-03-2021", "ISLAM"],
    ]
    xs = [60, 430, 800, 1110, 1440, 1760, 2340]
    for row, cells in enumerate([heads, *people, [""] * 6, [""] * 6, [""] * 6]):
        y = 440 + 90 * row
        for x, text in zip(xs, cells, strict=False):
            draw.text((x + 14, y + 24), text, fill=INK, font=font)
        draw.line((xs[0], y, xs[-1], y), fill=INK, width=3)
    for x in xs:
        draw.line((x, 440, x, 440 + 90 * 7), fill=INK, width=3)
    draw.line((xs[0], 440 + 90 * 7, xs[-1], 440 + 90 * 7), fill=INK, width=3)
    draw.text((1500, 1560), "Drs. SUGENG RIYADI, M.Si", fill=INK, font=font)
    return page


def _photo_of_card_on_kk() -> bytes:
    """The KK on a dark desk, the card lying askew over its table with a soft shadow, photographed in grey."""
    scene = Image.new("RGB", (2700, 2000), (92, 84, 76))
    scene.paste(_kk_page().rotate(1.5, expand=True, fillcolor=(92, 84, 76)), (120, 110))
    card = _card()
    mask = Image.new("L", card.size, 255).rotate(-2.0, expand=True, resample=Image.Resampling.BICUBIC)
    shadow = Image.new("L", (mask.width + 60, mask.height + 60), 0)
    shadow.paste(mask, (30, 30))
    shadow = shadow.filter(ImageFilter.GaussianBlur(10))
    scene.paste(Image.new("RGB", shadow.size, (60, 60, 60)), (760, 930), shadow.point(lambda v: v // 2))
    scene.paste(card.rotate(-2.0, expand=True, resample=Image.Resampling.BICUBIC), (740, 900), mask)
    out = io.BytesIO()
    scene.convert("L").save(out, "JPEG", quality=88)
    return out.getvalue()


def test_a_card_lying_on_the_family_kk_in_grey_is_read_as_the_card() -> None:
    result = extract_document(_photo_of_card_on_kk(), declared_type="ktp")

    assert result.document_type == "ktp"
    assert result.declared_type_matches is True
    assert result.fields["nik"].value == "1504046611020017"
    assert result.fields["name"].value == "ZAHRA SAPUTRA"
    assert result.fields["occupation"].value == "MENGURUS RUMAH TANGGA"
    assert "card-warped" in result.preprocess


def test_a_kk_with_no_card_on_it_declared_a_ktp_is_still_the_wrong_type() -> None:
    page = _kk_page().convert("L")
    grey = np.asarray(page)
    assert card_on_page(grey) is None  # the table's ruled frame is no card: the same paper on both sides
    out = io.BytesIO()
    page.save(out, "PNG")

    result = extract_document(out.getvalue(), declared_type="ktp")

    assert result.document_type == "kk"
    assert [r.code for r in result.reasons] == ["DOCUMENT_WRONG_TYPE"]
    assert result.fields == {}
