"""A KTP's closed value (the blood type's lone glyph) the thresholded page lost, read on the page before
thresholding (issue 18: ktp-digital degraded at the bench's seed, a small bold `B` whose counters the
threshold filled in, read `BR`). The grey page is asked only when the thresholded one gave nothing."""

from __future__ import annotations

import numpy as np

from ektp.ocr import extract_document
from ektp.ocr.engine import OcrPage
from ektp.ocr.extract import _after_colon, parse_ktp
from ektp.ocr.pipeline import get_engine
from tests.unit.ocr.test_ocr_ktp_round7 import _card_lines, _card_row
from tools.docgen import degrade
from tools.docgen.variety import render_variety

BENCH_SEED = 20261203


def _blood_type(thresholded: np.ndarray, grey: np.ndarray | None) -> str | None:
    lines = _card_lines()
    page = OcrPage(width=900, height=260, words=[w for ln in lines for w in ln.words])
    found = parse_ktp(lines, page, thresholded, get_engine("tesseract"), grey).as_dict().get("blood_type")
    return found.value if found is not None else None


def _lost() -> np.ndarray:
    """The thresholded page where the value was lost: paper only beside the labels."""
    return np.full((260, 900), 255, np.uint8)


def test_a_glyph_the_thresholded_page_lost_is_read_on_the_grey_page() -> None:
    assert _blood_type(_lost(), None) is None  # the thresholded page alone has nothing there
    assert _blood_type(_lost(), _card_row("B", curves=False)) == "B"


def test_guard_curves_with_no_value_printed_read_as_no_blood_type_on_the_grey_page() -> None:
    assert _blood_type(_lost(), _card_row(" ")) is None


def test_the_digital_ids_small_bold_b_on_a_degraded_photo_is_read() -> None:
    doc = render_variety("ktp", "ktp-digital", 1, BENCH_SEED)[0]
    assert doc.fields["blood_type"] == "B"
    result = extract_document(degrade(doc.image, BENCH_SEED), declared_type="ktp")
    assert result.fields["blood_type"].value == "B"


def _row_after_label(*, colon: bool, dash_width: int, far_ink: bool) -> np.ndarray:
    """The space beside `Gol. Darah` on a photographed card (text 30 px high): maybe a colon (two dots), a
    mark at mid-height, and the photo's dark edge 140 px on."""
    crop = np.full((50, 230), 250, np.uint8)
    x = 10
    if colon:
        crop[16:20, x : x + 4] = 60
        crop[30:34, x : x + 4] = 60
        x += 18
    crop[26:29, x : x + dash_width] = 60
    if far_ink:
        crop[:, 170:174] = 40
    return crop


def test_a_dash_with_no_colon_seen_is_the_value_not_the_colon() -> None:
    """ktp-dompet degraded at the bench's seed: the card's colon too faint to threshold, its dash taken for the
    colon and the crop read past it (the photo's edge), so the blood type `-` was lost."""
    whole = (0, 0, 230, 50)

    def after(crop: np.ndarray) -> tuple[int, int]:
        left, _, right, _ = _after_colon(crop, whole, 30, dash_value=True)
        return left, right

    assert after(_row_after_label(colon=False, dash_width=8, far_ink=True)) == (
        8,
        168,
    )  # the dash, to the edge
    assert (
        after(_row_after_label(colon=True, dash_width=8, far_ink=True))[0] == 26
    )  # past the colon, the dash
    assert after(_row_after_label(colon=False, dash_width=8, far_ink=False)) == (8, 230)
    # Not a dash, as before: a speck, a colon's one dot left (as tall as wide), a stroke over the row.
    assert after(_row_after_label(colon=False, dash_width=2, far_ink=True))[0] == 168
    dot = np.full((50, 230), 250, np.uint8)
    dot[24:28, 10:14] = 60
    dot[:, 170:174] = 40
    assert after(dot)[0] == 168
    high = np.full((50, 230), 250, np.uint8)
    high[2:4, 10:18] = 60  # the line above's foot
    high[:, 170:174] = 40
    assert after(high)[0] == 168
    assert _after_colon(np.full((50, 230), 250, np.uint8), (500, 100, 730, 150), 30, dash_value=True) == (
        500,
        100,
        730,
        150,
    )
    # Where the value is no closed one (a date, an RT/RW), a first flat mark is a colon's, as before.
    assert _after_colon(_row_after_label(colon=False, dash_width=8, far_ink=True), whole, 30)[0] == 168


def test_the_dash_of_a_card_photographed_in_a_wallet_is_read() -> None:
    doc = render_variety("ktp", "ktp-dompet", 1, BENCH_SEED)[0]
    assert doc.fields["blood_type"] == "-"
    result = extract_document(degrade(doc.image, BENCH_SEED), declared_type="ktp")
    assert result.fields["blood_type"].value == "-"
