"""Values typed on dotted or dashed writing lines (the bilingual Kutipan akta, SKPWNI forms, letters): the line
is erased as a solid rule is, and nothing that belongs to text goes with it. Pages are drawn here with PIL,
not by the document generator, and read by the real Tesseract."""

from __future__ import annotations

import io
from collections.abc import Callable

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ektp.ocr.pipeline import extract_document
from ektp.ocr.preprocess import remove_dotted_rules, text_height
from ektp.ocr.settings import OcrSettings
from ektp.ocr.tesseract import TesseractEngine

FONTS = "/usr/share/fonts/truetype/dejavu/"


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONTS + name, size)


def _dotted(d: ImageDraw.ImageDraw, x0: int, x1: int, y: int, dashes: bool = False) -> None:
    """A writing line: round points (or short dashes) along a baseline, as a form prints them."""
    step = 16 if dashes else 11
    for x in range(x0, x1, step):
        if dashes:
            d.rectangle((x, y, x + 8, y + 2), fill=90)
        else:
            d.ellipse((x, y, x + 3, y + 3), fill=100)


# The rows of a bilingual Kutipan: phrase, its English gloss, the value typed on a dotted line.
ROWS = (
    ("bahwa di", "that in", ("SUMBER REJO",)),
    ("pada tanggal", "on", ("DUA PULUH DELAPAN FEBRUARI SERIBU", "SEMBILAN RATUS TUJUH PULUH SEMBILAN")),
    ("telah lahir", "was born", ("WAHYU NUGROHO",)),
    ("anak ke", "child no.", ("DUA, LAKI-LAKI",)),
    ("dari ayah", "from father", ("BAMBANG SUTRISNO",)),
    ("dan ibu", "and mother", ("SRI WAHYUNINGSIH",)),
)


def _kutipan(dashes_row: int = -1) -> bytes:
    """A birth certificate's extract in the 2008-2016 bilingual manner: every value on a dotted line that
    runs from the value's left to the margin, close under the value's baseline."""
    img = Image.new("L", (1600, 1500), 248)
    d = ImageDraw.Draw(img)
    d.text((560, 60), "KUTIPAN AKTA KELAHIRAN", font=_font("DejaVuSans-Bold.ttf", 44), fill=0)
    d.text((640, 112), "EXTRACT OF BIRTH CERTIFICATE", font=_font("DejaVuSans-Oblique.ttf", 24), fill=70)
    d.text((160, 200), "NIK : 3507062802790003", font=_font("DejaVuSans.ttf", 30), fill=0)
    label, gloss, value = (
        _font("DejaVuSerif.ttf", 30),
        _font("DejaVuSerif-Italic.ttf", 19),
        _font("DejaVuSerif-Bold.ttf", 32),
    )
    y = 300
    for n, (phrase, english, lines) in enumerate(ROWS):
        d.text((160, y), phrase, font=label, fill=0)
        d.text((160, y + 38), english, font=gloss, fill=70)
        for text in lines:
            d.text((700, y - 4), text, font=value, fill=0)
            _dotted(d, 700, 1500, y + 36, dashes=n == dashes_row)
            y += 58
        y += 46
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _tesseract_only() -> OcrSettings:
    return OcrSettings(second_engine="")  # what Tesseract alone makes of the page


def test_values_on_dotted_lines_are_read() -> None:
    result = extract_document(_kutipan(), engine=TesseractEngine(), settings=_tesseract_only())
    fields = {k: f.value for k, f in result.fields.items()}
    assert fields.get("place_of_birth") == "SUMBER REJO"
    assert fields.get("birth_date") == "1979-02-28"
    assert fields.get("name") == "WAHYU NUGROHO"
    assert fields.get("sex") == "LAKI-LAKI"
    assert fields.get("father_name") == "BAMBANG SUTRISNO"
    assert fields.get("mother_name") == "SRI WAHYUNINGSIH"
    # The points are not read as letters after the values.
    assert not any("aaa" in line.lower() or "nnn" in line.lower() for line in result.text)


def test_values_on_a_dashed_line_are_read() -> None:
    result = extract_document(_kutipan(dashes_row=2), engine=TesseractEngine(), settings=_tesseract_only())
    assert result.fields["name"].value == "WAHYU NUGROHO"


# --- what is not a writing line stays, pixel for pixel -------------------------------------------------------


def _binary(draw: Callable[[ImageDraw.ImageDraw], None], size: tuple[int, int] = (1400, 260)) -> np.ndarray:
    img = Image.new("L", size, 255)
    draw(ImageDraw.Draw(img))
    grey = np.asarray(img, np.uint8)
    _, inv = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return np.asarray(inv, np.uint8)


def _text_marks(d: ImageDraw.ImageDraw) -> None:
    font = _font("DejaVuSans.ttf", 30)
    d.text((20, 20), "Dan lain-lain ... dicatat. Tiga titik: ini, itu; iiii iiii iiii.", font=font, fill=0)
    d.text((20, 80), "1.1.1.1.1.1.1.1.1.1.1.1.1.1", font=_font("DejaVuSansCondensed.ttf", 24), fill=0)


LEADER_ROWS = (("Nama", "ARIF SAPUTRA"), ("Alamat", "JL. GAJAH MADA NO. 119"), ("Agama", "ISLAM"))


def _specks_along_text(d: ImageDraw.ImageDraw) -> None:
    # A photocopy's toner specks that happen to lie along a line of text, at no even pitch.
    font = _font("DejaVuSans.ttf", 30)
    for row, (label, value) in enumerate(LEADER_ROWS):
        y = 20 + 60 * row
        d.text((20, y), label, font=font, fill=0)
        end, base = 20 + int(font.getlength(label)), y + font.getbbox("N")[3]  # its right end, the baseline
        for x in (8, 19, 37, 44, 68, 75, 100, 118):  # from just after the label to just before the colon
            d.rectangle((end + x, base - 4, end + x + 2, base - 2), fill=0)
        d.text((end + 130, y), f": {value}", font=font, fill=0)


def test_full_stops_ellipses_colons_tittles_and_specks_stay() -> None:
    for draw in (_text_marks, _specks_along_text):
        page = _binary(draw)
        height = text_height(page)
        assert height > 0
        assert np.array_equal(remove_dotted_rules(page, height), page)


def test_a_printed_leader_goes_and_the_label_colon_and_value_stay() -> None:
    """A leader's even dots between a label and its colon: Tesseract read them as letters (`senen`, `Wook`,
    `sana nantnnan`), which hid the value behind them."""

    def draw(d: ImageDraw.ImageDraw) -> None:
        font = _font("DejaVuSans.ttf", 30)
        for row, (label, value) in enumerate(LEADER_ROWS):
            y = 20 + 60 * row
            d.text((20, y), label, font=font, fill=0)
            end, base = 20 + int(font.getlength(label)), y + font.getbbox("N")[3]
            for x in range(end + 8, 400, 10):  # the leader: a point every half text height, label to colon
                d.rectangle((x, base - 3, x + 3, base), fill=0)
            d.text((406, y), f": {value}", font=font, fill=0)

    page = _binary(draw)
    cleaned = remove_dotted_rules(page, text_height(page))
    font = _font("DejaVuSans.ttf", 30)
    for row, (label, _) in enumerate(LEADER_ROWS):
        y, end = 20 + 60 * row, 20 + int(font.getlength(label))
        assert cleaned[y : y + 60, end + 6 : 404].sum() == 0  # the points
        assert np.array_equal(cleaned[y : y + 60, : end + 2], page[y : y + 60, : end + 2])  # the label
    assert np.array_equal(cleaned[:, 404:], page[:, 404:])  # the colons and the values


def test_a_dotted_line_under_a_value_goes_and_the_value_stays() -> None:
    def draw(d: ImageDraw.ImageDraw) -> None:
        d.text((20, 20), "telah lahir", font=_font("DejaVuSans.ttf", 30), fill=0)
        d.text((400, 16), "WAHYU NUGROHO", font=_font("DejaVuSans-Bold.ttf", 32), fill=0)
        _dotted(d, 400, 1300, 56)
        d.text((20, 120), "pada tanggal", font=_font("DejaVuSans.ttf", 30), fill=0)
        _dotted(d, 400, 1300, 156, dashes=True)  # left empty

    page = _binary(draw)
    cleaned = remove_dotted_rules(page, text_height(page))
    assert cleaned[50:70, 400:1300].sum() == 0  # the points under the value
    assert cleaned[150:170, 400:1300].sum() == 0  # the dashes of the empty line
    assert np.array_equal(cleaned[:48], page[:48])  # the value and the phrases, untouched
    assert np.array_equal(cleaned[100:148, :], page[100:148, :])


def test_nothing_happens_without_a_text_height() -> None:
    page = _binary(_text_marks)
    assert remove_dotted_rules(page, 0.0) is page
