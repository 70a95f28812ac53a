"""The applicant's NIK on a move certificate (SKPWNI) read unsurely is read again alone at larger sizes, as on
the KTP: the form prints no birth date to check it against, so a misread digit (`8` as `3`) passed as read."""

from __future__ import annotations

import numpy as np

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.extract import parse_skpwni
from ektp.ocr.text import Line

NIK = "1504040708980028"


def _word(text: str, left: int, width: int, confidence: float) -> OcrWord:
    return OcrWord(text=text, confidence=confidence, left=left, top=62, width=width, height=24, line=62)


def _nik_row(reading: str, confidence: float) -> tuple[np.ndarray, list[Line]]:
    """`4. NIK Pemohon : 1504040708980028` drawn at a scan's size, and the page's reading of the row."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 26)
    img = Image.new("L", (1200, 160), 255)
    d = ImageDraw.Draw(img)
    d.text((40, 60), "4. NIK Pemohon", font=font, fill=0)
    d.text((420, 60), ":", font=font, fill=0)
    d.text((450, 60), NIK, font=font, fill=0)
    row = [
        _word("4.", 40, 22, 0.95),
        _word("NIK", 75, 50, 0.95),
        _word("Pemohon", 135, 120, 0.95),
        _word(":", 420, 6, 0.9),
        _word(reading, 450, 260, confidence),
    ]
    return np.asarray(img, np.uint8), [Line(row)]


class _Refusing:
    """An engine that must not be asked: a NIK read surely is not read again."""

    def recognize(self, image: np.ndarray) -> OcrPage:
        raise AssertionError("a NIK read surely was read again")


def test_a_nik_read_unsurely_is_read_again_and_the_larger_reading_replaces_it() -> None:
    from ektp.ocr.tesseract import TesseractEngine

    image, lines = _nik_row("1504040708980023", 0.7)  # the last `8` read as `3`, unsurely
    fields = parse_skpwni(lines, image, TesseractEngine()).as_dict()
    assert fields["nik"].value == NIK


def test_a_nik_read_surely_and_valid_is_not_read_again() -> None:
    image, lines = _nik_row(NIK, 0.96)
    fields = parse_skpwni(lines, image, _Refusing()).as_dict()  # type: ignore[arg-type]
    assert fields["nik"].value == NIK
