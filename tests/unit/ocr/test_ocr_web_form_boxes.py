"""A web form printed from a browser (issue 18, round 8): each value in its own field box. With the box's top
and bottom gone as rules, its short sides stood beside the value and were read in it (`|o101001` for
`010 / 001`); they go with the rules. Pages are drawn here with PIL, not by the document generator."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ektp.ocr.preprocess import remove_rules, text_height

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ROWS = (("Alamat", "JL. GAJAH MADA NO. 119"), ("RT / RW", "010 / 001"), ("Kode Pos", "36656"))


def _binary(img: Image.Image) -> np.ndarray:
    _, inv = cv2.threshold(np.asarray(img, np.uint8), 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return np.asarray(inv, np.uint8)


def _form() -> Image.Image:
    img = Image.new("L", (1200, 60 + 70 * len(ROWS)), 255)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 28)
    for i, (label, value) in enumerate(ROWS):
        y = 30 + 70 * i
        d.text((30, y + 8), label, font=font, fill=0)
        d.rectangle((300, y, 900, y + 48), outline=0, width=2)  # the field's box
        d.text((314, y + 8), value, font=font, fill=0)
    return img


def test_a_field_box_goes_whole_and_its_value_stays() -> None:
    page = _binary(_form())
    cleaned, _ = remove_rules(page, text_height(page))
    for i in range(len(ROWS)):
        y = 30 + 70 * i
        assert cleaned[y - 2 : y + 51, 296:306].sum() == 0  # the left side
        assert cleaned[y - 2 : y + 51, 896:906].sum() == 0  # the right side
        inside = page[y + 6 : y + 44, 310:890]
        assert np.array_equal(cleaned[y + 6 : y + 44, 310:890], inside)  # the value, untouched


def test_a_tables_column_walls_stay() -> None:
    # One row of a ruled table: the walls between its cells stand inside the row's rules, which run on past
    # them; they part the columns and are no box's sides.
    img = Image.new("L", (1200, 120), 255)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 28)
    d.line((20, 20, 1180, 20), fill=0, width=2)
    d.line((20, 70, 1180, 70), fill=0, width=2)
    for x in (400, 800):
        d.line((x, 20, x, 70), fill=0, width=2)
    for x, text in ((30, "Alamat"), (410, "JL. MERDEKA 1"), (810, "RT 001")):
        d.text((x, 30), text, font=font, fill=0)
    page = _binary(img)
    cleaned, _ = remove_rules(page, text_height(page))
    for x in (400, 800):
        assert cleaned[28:62, x - 2 : x + 3].sum() > 0  # the wall, where no rule was removed
