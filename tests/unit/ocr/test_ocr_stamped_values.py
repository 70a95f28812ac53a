"""A form's values under the office's stamp: the round stamp is set over the destination's district, province
and postal code, its ring and letters over the print. The page reading keeps the labels and loses the values
(the stamp's ink, black at the page's threshold, joins them into no word). Each lost value is read again from
the page before thresholding as print alone (the stamp's ink is lighter than the print's), and a region's name
is taken only when it is one."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ektp.ocr.engine import OcrWord
from ektp.ocr.extract import parse_skpwni
from ektp.ocr.models import Field
from ektp.ocr.text import Line
from ektp.ocr.validate import check_postal_code, resolve_regions

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
STAMP_GREY = 150  # a blue stamp's ink in a grey scan: lighter than the print's black, darker than the paper


def _at(text: str, left: int, top: int) -> OcrWord:
    return OcrWord(text=text, confidence=0.9, left=left, top=top, width=13 * len(text), height=22, line=top)


def _stamped_block(stamp: bool = True) -> tuple[np.ndarray, np.ndarray, list[Line]]:
    """`TUJUAN`, then `Kec. : HIBALA` and `Prop. : SUMATERA UTARA` with the stamp's ring and letters over the
    values; the grey page, the page as thresholded, and the lines the page reading kept (labels alone)."""
    label, value = ImageFont.truetype(FONT, 26), ImageFont.truetype(BOLD, 26)
    img = Image.new("L", (1400, 330), 240)
    d = ImageDraw.Draw(img)
    d.text((40, 30), "TUJUAN", font=value, fill=20)
    for top, name, text in ((130, "Kec.", "HIBALA"), (200, "Prop.", "SUMATERA UTARA")):
        d.text((40, top), name, font=label, fill=20)
        d.text((300, top), ":", font=label, fill=20)
        d.text((330, top), text, font=value, fill=20)
    if stamp:
        d.ellipse((300, 95, 560, 290), outline=STAMP_GREY, width=7)
        d.ellipse((345, 130, 515, 255), outline=STAMP_GREY, width=4)
        d.text((380, 160), "DINAS", font=label, fill=STAMP_GREY)
        d.line((330, 215, 640, 150), fill=STAMP_GREY, width=5)  # the signature's stroke run over the stamp
    grey = np.asarray(img, np.uint8)
    binary = np.where(grey < 190, 0, 255).astype(np.uint8)  # the stamp's ink is black at the page's cut
    lines = [
        Line([_at("TUJUAN", 40, 32)]),
        Line([_at("Kec.", 40, 132), _at(":", 300, 132)]),
        Line([_at("Prop.", 40, 202), _at(":", 300, 202)]),
    ]
    return grey, binary, lines


def test_region_names_under_a_stamp_are_read_again_as_print_alone() -> None:
    # Before: only boxed values (RT, RW, postal code, the move's choices) were read again; a region's name lost
    # under the stamp stayed lost.
    from ektp.ocr.tesseract import TesseractEngine

    grey, binary, lines = _stamped_block()
    fields = parse_skpwni(lines, binary, TesseractEngine(), grey).as_dict()
    assert fields["destination_district"].value == "HIBALA"
    assert fields["destination_province"].value == "SUMATERA UTARA"
    assert fields["destination_province"].confidence < 0.9  # read alone from a crop: held less sure


def test_a_stamps_letters_alone_are_no_region_name() -> None:
    # Guard: where the print is gone and the stamp alone remains, its letters (`DINAS`) are not taken for the
    # district's name.
    from ektp.ocr.tesseract import TesseractEngine

    grey, binary, lines = _stamped_block()
    grey, binary = grey.copy(), binary.copy()
    for page in (grey, binary):
        page[125:170, 325:700][page[125:170, 325:700] < 60] = 240  # the district's print erased
    fields = parse_skpwni(lines, binary, TesseractEngine(), grey).as_dict()
    assert "destination_district" not in fields


def test_a_value_box_of_no_width_is_read_again_without_failing() -> None:
    # Before: a label the next label follows at once (`RW` and `Kode Pos` read with nothing between) left a
    # value box of no width, and cutting the print from it raised in OpenCV: the whole page's reading failed.
    from ektp.ocr.tesseract import TesseractEngine

    grey, binary, _ = _stamped_block()
    rw = _at("RW", 40, 132)  # its value's box starts a third of a text height after it
    kode = _at("Kode", rw.right + 10, 132)
    row = Line([rw, kode, _at("Pos", kode.right + 10, 132)])
    fields = parse_skpwni([Line([_at("TUJUAN", 40, 32)]), row], binary, TesseractEngine(), grey).as_dict()
    assert "destination_rw" not in fields


# --- a level of the address lost: named by the code list from the level read below it ------------------------


def _address(**levels: str) -> dict[str, Field]:
    return {k: Field(value=v, confidence=0.9) for k, v in levels.items()}


def test_a_district_lost_under_the_stamp_is_the_parent_of_the_village_read_under_the_regency() -> None:
    # Before: no district read, the village was looked up nowhere (a village name alone is no address) and
    # held rejected; the postal code then had no village to be checked against.
    fields = _address(
        province="SUMATERA UTARA", regency="KABUPATEN NIAS SELATAN", village="HILIKANA", postal_code="22381"
    )
    village = resolve_regions(fields)
    assert village is not None and village.count(".") == 3
    assert (
        fields["district"].value == "HIBALA" and fields["district"].confidence < fields["village"].confidence
    )
    check_postal_code(fields, "postal_code", village)
    assert fields["postal_code"].value == "22881"  # one digit from the village's own code (an 8 read as 3)


def test_a_village_with_namesakes_in_the_regency_names_no_district() -> None:
    # Guard: Kabupaten Bogor has four villages named SUKAMAJU, in four districts: none is chosen.
    fields = _address(province="JAWA BARAT", regency="KABUPATEN BOGOR", village="SUKAMAJU")
    resolve_regions(fields)
    assert "district" not in fields
    assert fields["village"].confidence < 0.9  # as before: not confirmed without its district


def test_a_village_of_another_regency_names_no_district() -> None:
    fields = _address(province="JAWA BARAT", regency="KABUPATEN BOGOR", village="HILIKANA")
    resolve_regions(fields)
    assert "district" not in fields


def test_a_stamps_word_read_alone_is_no_village() -> None:
    # Review: `KEPALA` (of `KEPALA DESA`) is one letter from the village CEPALA; `KELURAHAN` is some village's
    # name exactly. Read where a stamp covers the value, they are the stamp's.
    from ektp.ocr.validate import region_name

    assert region_name("KEPALA", "village") is None
    assert region_name("KELURAHAN", "village") is None
    assert region_name("PASAR KOTA BAKTI", "village") == "PASAR KOTA BAKTI"  # a name that holds such a word
    assert region_name("KABUPATEN NIAS SELATAN", "regency") == "KABUPATEN NIAS SELATAN"
