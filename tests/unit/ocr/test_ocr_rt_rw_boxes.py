"""RT/RW as a scan reads them (issue 18, third round): a dotted zero read as two glyphs; a value misread on the
page read again from its own column; a choice's crop that ran into the printed options."""

from __future__ import annotations

import numpy as np
import pytest

from ektp.ocr.engine import OcrWord
from ektp.ocr.extract import parse_skpwni
from ektp.ocr.normalise import rt_rw
from ektp.ocr.text import Line


@pytest.mark.parametrize(
    ("reading", "pair"),
    [
        ("0190/0901", ("010", "001")),  # `010/001` in a face whose zero has a dot in it
        ("9015/0907", ("015", "007")),
        ("6001/015", ("001", "015")),
        ("015/007", ("015", "007")),
    ],
)
def test_an_rt_rw_whose_dotted_zero_was_read_as_two_glyphs(reading: str, pair: tuple[str, str]) -> None:
    assert rt_rw(reading) == pair


@pytest.mark.parametrize("reading", ["0083/007", "6097/001", "8015/001", "5234/001"])
def test_four_digits_with_no_single_zero_pair_to_read_as_one_are_not_guessed(reading: str) -> None:
    assert rt_rw(reading) is None  # `6097`: `097` or `607`; `0083`: no 09/90/06/60 pair


def _far_column_rt_rw() -> tuple[np.ndarray, list[Line]]:
    """`RT/RW   :  010/001` with the value in a column far right of its label, and the page's reading of the
    row: the value misread beyond any rule (`0083/6097`)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 30)
    img = Image.new("L", (1200, 200), 255)
    d = ImageDraw.Draw(img)
    d.text((40, 30), "ALAMAT ASAL", font=font, fill=0)
    d.text((60, 110), "RT/RW", font=font, fill=0)
    d.text((560, 110), ":", font=font, fill=0)
    d.text((590, 110), "010/001", font=font, fill=0)

    def word(text: str, left: int, top: int, width: int) -> OcrWord:
        return OcrWord(text=text, confidence=0.6, left=left, top=top, width=width, height=28, line=top)

    lines = [
        Line([word("ALAMAT", 40, 32, 130), word("ASAL", 185, 32, 80)]),
        Line([word("RT/RW", 60, 112, 100), word("1", 562, 112, 8), word("0083/6097", 590, 112, 125)]),
    ]
    return np.asarray(img, np.uint8), lines


def test_an_rt_rw_misread_on_the_page_is_read_again_from_its_far_column() -> None:
    from ektp.ocr.tesseract import TesseractEngine

    image, lines = _far_column_rt_rw()
    fields = parse_skpwni(lines, image, TesseractEngine()).as_dict()
    assert (fields["origin_rt"].value, fields["origin_rw"].value) == ("010", "001")
    assert fields["origin_rt"].confidence < 0.9  # read alone from a crop: never a sure reading


def test_a_choice_crop_read_again_that_ran_into_the_options_is_no_answer() -> None:
    from ektp.ocr.extract import _holds_a_box

    assert _holds_a_box("move_reason", "2")
    assert _holds_a_box("move_type", "[3]")
    assert not _holds_a_box("move_reason", "1 |. Pekerjaan")  # the first option, not the box
    assert _holds_a_box("destination_village", "MINANGA")  # not a choice: any reading
