"""The akta kelahiran as a legalised copy and as a typewritten folio (issue 18, session 10).

- A page in a printed border (a Kutipan's frame: A4 less its margins, about 1.45 to 1.5 on its sides) is a
  page, not an ID-1 card photographed on a table: a card's print runs along its long side, the page's runs
  across it. Taken for a card, the page was warped a quarter turn into a card's frame and read in reverse
  line order. Drawn with PIL, a legalisation stamp and a signature over the values, read by the real engine.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ektp.ocr import extract_document
from ektp.ocr.preprocess import card_view

SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
SERIF_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

TRUTH = {
    "nik": "1214040110980007",
    "number": "1214-LT-01101998-1172",
    "name": "HOTMAN SITUMORANG",
    "place_of_birth": "NIAS SELATAN",
    "birth_date": "1998-10-01",
    "father_name": "BONAR SITUMORANG",
    "mother_name": "TIURMA BR PANJAITAN",
}


def _framed_kutipan() -> Image.Image:
    """An A4 Kutipan at 200 dpi in a printed frame (1534 x 2259 px, sides 1.47 apart), in 15 pt type, its
    sentence over four lines, a legalisation stamp (a ring and a box of small print) over the child's and the
    mother's names, and a signature drawn under the issuing block."""
    img = Image.new("L", (1654, 2339), 246)
    d = ImageDraw.Draw(img)
    d.rectangle((60, 40, 1594, 2299), outline=60, width=4)
    head, big, body = (ImageFont.truetype(SERIF_BOLD, s) for s in (48, 58, 42))
    text = ImageFont.truetype(SERIF, 42)
    d.text((827, 170), "REPUBLIK INDONESIA", fill=20, font=head, anchor="mm")
    d.text((827, 235), "PENCATATAN SIPIL", fill=20, font=text, anchor="mm")
    d.text((827, 350), "KUTIPAN AKTA KELAHIRAN", fill=20, font=big, anchor="mm")
    for y, label, value in (
        (480, "Nomor Induk Kependudukan", TRUTH["nik"]),
        (550, "Nomor Akta", TRUTH["number"]),
    ):
        d.text((150, y), label, fill=20, font=text)
        d.text((760, y), f":  {value}", fill=20, font=text)
    for y, parts in (
        (720, [("Berdasarkan register akta kelahiran, bahwa di ", text), ("NIAS SELATAN", body)]),
        (800, [("pada tanggal ", text), ("1 Oktober 1998", body), (" telah dilahirkan seorang anak", text)]),
        (880, [("LAKI-LAKI", body), (" bernama ", text), ("HOTMAN SITUMORANG", body), (" , anak dari ayah", text)]),
        (960, [("BONAR SITUMORANG", body), (" dan ibu ", text), ("TIURMA BR PANJAITAN", body), (" .", text)]),
    ):  # fmt: skip
        at = 150.0
        for words, font in parts:
            d.text((at, y), words, fill=20, font=font)
            at += d.textlength(words, font=font)
    d.text((820, 1150), "Dikeluarkan di Nias Selatan", fill=20, font=text)
    d.text((820, 1210), "pada tanggal 24 September 2026", fill=20, font=text)
    d.text((820, 1290), "Pejabat Pencatatan Sipil", fill=20, font=text)
    _stamp(img)
    return img


def _stamp(img: Image.Image) -> None:
    """A legalisation stamp in violet ink, as a grey copy prints it (lighter than the print): a ring with its
    office's name over the child's name, a box with `Dilegalisir oleh Dinas Dukcapil` lying over the
    mother's, and a signature's zig-zag."""
    layer = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(layer)
    d.ellipse((760, 820, 980, 1040), outline=255, width=4)
    d.ellipse((782, 842, 958, 1018), outline=255, width=2)
    d.text((870, 880), "DUKCAPIL", fill=255, font=ImageFont.truetype(SANS, 26), anchor="mm")
    d.rectangle((930, 930, 1560, 1060), outline=255, width=4)
    d.text((960, 985), "Dilegalisir oleh Dinas Dukcapil", fill=255, font=ImageFont.truetype(SANS, 28))
    zig = [(880 + 20 * i, 1380 + (28 if i % 2 else -10) + (i % 5) * 4) for i in range(20)]
    d.line(zig, fill=255, width=4)
    ink = np.asarray(layer, np.float32) / 255.0
    page = np.asarray(img, np.float32)
    img.paste(Image.fromarray(np.clip(page * (1 - 0.3 * ink), 0, 255).astype(np.uint8)))


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def test_a_page_in_a_printed_frame_is_no_card() -> None:
    grey = np.asarray(_framed_kutipan(), np.uint8)
    assert card_view(grey, cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)) is None


def test_a_card_on_a_table_is_still_a_card() -> None:
    # the guard: a landscape card's rows of print run along it, photographed upright (turned a quarter) too
    card = Image.new("L", (856, 540), 235)
    d = ImageDraw.Draw(card)
    font = ImageFont.truetype(SANS, 24)
    d.text((300, 20), "PROVINSI JAMBI", fill=30, font=font)
    for i in range(14):
        d.text((30, 70 + 32 * i), f"Keterangan {i:02d}   : NILAI BARIS NOMOR {i:02d}", fill=30, font=font)
    d.rectangle((640, 120, 820, 360), fill=140)
    for turn in (0, 90):
        table = Image.new("L", (1600, 1200), 90)
        table.paste(card.rotate(turn, expand=True), (300, 250) if turn else (370, 330))
        grey = np.asarray(table, np.uint8)
        found = card_view(grey, cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR))
        assert found is not None and found.shape[1] > found.shape[0]


def test_a_framed_legalised_kutipan_reads_in_order_with_its_fields() -> None:
    result = extract_document(_png(_framed_kutipan()))
    assert "card-warped" not in result.preprocess
    assert result.document_type == "akta"
    got = {k: f.value for k, f in result.fields.items()}
    assert {k: got.get(k) for k in TRUTH} == TRUTH
