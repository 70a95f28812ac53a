"""Sheets in one image: two sheets scanned or photographed together are both read, in reading order (never
the bigger alone); a box printed on a scanned page is no sheet. Drawn with PIL as the paper prints, read by the real Tesseract."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ektp.ocr.preprocess import find_page, preprocess
from ektp.ocr.settings import OcrSettings
from ektp.ocr.sheets import find_sheets
from ektp.ocr.tesseract import TesseractEngine

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _sheet(lines: list[str], size: tuple[int, int] = (1240, 1754), text: int = 34) -> np.ndarray:
    """An A4 sheet at 150 dpi with `lines` of print down its upper half."""
    img = Image.new("L", size, 250)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, text)
    for i, line in enumerate(lines):
        draw.text((90, 120 + i * 2 * text), line, fill=20, font=font)
    return np.array(img, np.uint8)


def _words(image: np.ndarray) -> list[str]:
    page = TesseractEngine(language="ind", timeout_s=60).recognize(image)
    return [w.text.upper().strip(".,:") for w in page.words]


def test_two_sheets_side_by_side_are_both_read_left_then_right() -> None:
    # A document printed on two sheets laid side by side on a scanner's dark lid: the first sheet's lines,
    # then the second's; never the bigger sheet alone.
    left = _sheet([f"LEMBAR PERTAMA BARIS {n}" for n in ("SATU", "DUA", "TIGA", "EMPAT")] * 3)
    right = _sheet([f"LEMBAR KEDUA BARIS {n}" for n in ("LIMA", "ENAM", "TUJUH")] * 2, size=(1300, 1800))
    canvas = np.full((2000, 2800), 60, np.uint8)
    canvas[80 : 80 + left.shape[0], 60 : 60 + left.shape[1]] = left
    canvas[60 : 60 + right.shape[0], 1420 : 1420 + right.shape[1]] = right
    sheets = find_sheets(canvas)
    assert len(sheets) == 2 and sheets[0][:, 0].mean() < sheets[1][:, 0].mean()
    prepared = preprocess(canvas, OcrSettings(), cards=False)
    assert "sheets:2" in prepared.notes
    words = _words(prepared.image)
    assert "PERTAMA" in words and "KEDUA" in words
    assert words.index("PERTAMA") < words.index("KEDUA")
    assert words.count("PERTAMA") >= 10 and words.count("KEDUA") >= 5


def test_two_sheets_one_above_the_other_edge_to_edge() -> None:
    # Scanned one above the other, each filling the scan's width: the frame cuts both, a grey band between.
    top = _sheet(["HALAMAN SATU KEPALA KELUARGA"] * 4, size=(2400, 700))
    bottom = _sheet(["HALAMAN DUA LANJUTAN TABEL"] * 6, size=(2400, 900))
    canvas = np.vstack([top, np.full((90, 2400), 205, np.uint8), bottom])
    sheets = find_sheets(canvas)
    assert len(sheets) == 2 and sheets[0][:, 1].mean() < sheets[1][:, 1].mean()
    words = _words(preprocess(canvas, OcrSettings(), cards=False).image)
    assert words.count("SATU") >= 3 and words.count("DUA") >= 5
    assert words.index("SATU") < words.index("DUA")


def test_a_box_printed_on_a_scanned_page_is_no_sheet() -> None:
    # A form's framed table is four-cornered and bright inside, but the page's header lies outside it.
    page = _sheet(
        ["KARTU KELUARGA", "No. 3201010101010001", "Nama Kepala Keluarga : ARIF"], size=(2400, 1700)
    )
    cv2.rectangle(page, (60, 450), (2340, 1500), 0, 4)
    for y in range(520, 1480, 60):
        cv2.putText(page, "1 ARIF SAPUTRA 3201010101900001", (100, y), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    assert find_sheets(page) == []
    assert find_page(page) is None


def _comb_rows(page: np.ndarray, top: int, rows: int, cells: int = 40) -> None:
    """Rows of character boxes (a Biodata Keluarga blank), a label before each, one letter per box."""
    for r in range(rows):
        y = top + r * 70
        cv2.putText(page, f"{r + 1}. Nama", (60, y + 36), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 0, 2)
        for c in range(cells):
            x = 260 + c * 46
            cv2.rectangle(page, (x, y), (x + 46, y + 52), 0, 3)
            cv2.putText(page, "ARIF SAPUTRA "[c % 13], (x + 10, y + 40), cv2.FONT_HERSHEY_SIMPLEX, 1.1, 0, 3)


def test_blocks_of_character_boxes_on_one_scanned_page_are_no_sheets() -> None:
    # A form printed as rows of character boxes, two blocks of them parted by a blank band: each block is
    # four-cornered and together they hold nearly all the ink, but the page's header lies outside them and
    # their outlines run along their print. Read as two sheets, the header and the signature were cut off.
    page = _sheet(["PEMERINTAH KABUPATEN BATANGHARI", "BIODATA KELUARGA"], size=(2240, 3600))
    _comb_rows(page, 300, 14)
    _comb_rows(page, 1900, 14)
    cv2.putText(page, "Kepala Keluarga, ARIF SAPUTRA", (1500, 3450), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    assert find_sheets(page) == []
