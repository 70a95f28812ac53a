"""Coloured marks over the print (a counter officer's ticks and underline, a stamp's ring across a value) are
taken out of a colour page before it is read; a form filled in by hand in blue, a value struck through in pen
and a page without colour keep their ink. Drawn with PIL as the paper prints, read by the real Tesseract."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

from ektp.ocr.pen_marks import coloured_marks, without_coloured_marks
from ektp.ocr.tesseract import TesseractEngine

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
PAPER = (236, 232, 222)  # cream paper
PRINT = (40, 40, 44)
BLUE_PEN = (40, 70, 190)
VALUES = ("ARIF SAPUTRA", "BATANGHARI", "YOGA SETIAWAN", "FITRI SETIAWAN")


def _page() -> tuple[Image.Image, ImageDraw.ImageDraw, list[tuple[int, int, int]]]:
    """A colour page with four values in black print, a paragraph of small print under them; each value's
    right end, top and bottom."""
    img = Image.new("RGB", (1400, 1000), PAPER)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 40)
    small = ImageFont.truetype(FONT, 24)
    for i in range(6):
        draw.text(
            (120, 660 + i * 50),
            "Kutipan ini dikeluarkan sesuai dengan data pada register.",
            fill=PRINT,
            font=small,
        )
    ends = []
    for i, value in enumerate(VALUES):
        y = 80 + i * 140
        draw.text((120, y), value, fill=PRINT, font=font)
        box = draw.textbbox((120, y), value, font=font)
        ends.append((box[2], box[1], box[3]))
    return img, draw, ends


def _tick(draw: ImageDraw.ImageDraw, x: int, top: int, bottom: int) -> None:
    mid = (top + bottom) // 2
    draw.line([(x, mid), (x + 14, bottom), (x + 40, top - 10)], fill=BLUE_PEN, width=5)


def _bgr(img: Image.Image) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(img)[:, :, ::-1])


def _grey(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("L"), np.uint8)


def _lines(grey: np.ndarray) -> list[str]:
    page = TesseractEngine(language="ind", timeout_s=60).recognize(grey)
    rows: dict[int, list[str]] = {}
    for w in page.words:
        rows.setdefault(round(w.top / 140), []).append(w.text)
    return [" ".join(words) for _, words in sorted(rows.items())]


def test_ticks_after_values_and_an_underline_are_not_read_as_part_of_the_values() -> None:
    img, draw, ends = _page()
    for x, top, bottom in ends:
        _tick(draw, x + 24, top, bottom)
    x, _, bottom = ends[0]
    draw.line([(110, bottom + 8), (x + 6, bottom + 6)], fill=BLUE_PEN, width=4)  # the name underlined
    read_as_is = _lines(_grey(img))
    assert read_as_is[:4] != list(VALUES)  # the marks are read: the attack on the reading this test stops
    assert _lines(without_coloured_marks(_grey(img), _bgr(img)))[:4] == list(VALUES)


def test_a_stamps_ring_across_a_value_is_taken_out_and_the_letters_under_it_kept() -> None:
    img, draw, ends = _page()
    x, top, bottom = ends[3]
    # A purple office stamp whose ring runs over the last letters of the last value; stamp ink is
    # translucent: over the print the pixel is darker still (multiplied).
    stamp = Image.new("RGB", img.size, (255, 255, 255))
    ring = ImageDraw.Draw(stamp)
    ring.ellipse([(x - 70, top - 90), (x + 150, bottom + 110)], outline=(120, 60, 170), width=7)
    ring.ellipse([(x - 50, top - 70), (x + 130, bottom + 90)], outline=(120, 60, 170), width=3)
    plain = _grey(img)
    img = ImageChops.multiply(img, stamp)
    assert _lines(_grey(img))[3] != VALUES[3]
    cleaned = without_coloured_marks(_grey(img), _bgr(img))
    assert _lines(cleaned)[3] == VALUES[3]
    # The print under the ring is kept: the value's letters stay as dark as they were printed.
    letters = plain[top:bottom, x - 70 : x] < 100
    assert (cleaned[top:bottom, x - 70 : x][letters] < 128).mean() >= 0.95


def test_a_form_filled_in_blue_keeps_its_handwriting() -> None:
    # The values written in blue ballpoint are most of the page's ink: the page's own writing, kept.
    img = Image.new("RGB", (1400, 700), PAPER)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 40)
    for i, value in enumerate(VALUES):
        draw.text((60, 80 + i * 140), "Nama", fill=PRINT, font=ImageFont.truetype(FONT, 22))
        draw.text((300, 80 + i * 140), value, fill=BLUE_PEN, font=font)
    assert not coloured_marks(_bgr(img)).any()
    assert np.array_equal(without_coloured_marks(_grey(img), _bgr(img)), _grey(img))


def test_a_value_struck_through_in_pen_stays_struck() -> None:
    # A mistyped number struck through in ballpoint: the stroke lies over the print, it is no tick beside
    # it; taken out, the void number would read as the page's value.
    img, draw, ends = _page()
    x, top, bottom = ends[1]
    draw.line([(112, (top + bottom) // 2), (x + 8, (top + bottom) // 2 - 3)], fill=BLUE_PEN, width=5)
    marks = coloured_marks(_bgr(img))
    assert not marks[top:bottom, 112 : x + 8].any()


def test_a_table_beside_the_sheet_and_a_grey_page_are_left_as_they_are() -> None:
    # A brown table around a photographed sheet is coloured and darker than the sheet, but no mark on it.
    scene = Image.new("RGB", (1600, 900), (92, 60, 38))
    page, _, _ = _page()
    scene.paste(page, (100, 100))
    assert not coloured_marks(_bgr(scene)).any()
    grey = _grey(page)
    assert without_coloured_marks(grey, None) is grey
    as_colour = cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)
    assert np.array_equal(without_coloured_marks(grey, as_colour), grey)


def test_the_stop_of_no_read_as_a_comma_still_names_the_certificates_number() -> None:
    # Round 18's checked Kutipan: `Berdasarkan Akta Kelahiran No.` with its stop read as a comma, the phrases
    # at the left and the values in a column at the right (as the engine placed them).
    from ektp.ocr.extract import parse_akta
    from tests.unit.ocr.conftest import ocr_cells

    lines = [
        ocr_cells(294, (109, "NIK :"), (173, "1504040708980028")),
        ocr_cells(377, (107, "Berdasarkan Akta Kelahiran No,"), (484, "1504-LT-07081998-1420")),
        ocr_cells(428, (106, "bahwa di"), (482, "BATANGHARI")),
    ]
    assert parse_akta(lines).as_dict()["number"].value == "1504-LT-07081998-1420"
