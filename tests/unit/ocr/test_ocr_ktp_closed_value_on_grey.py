"""A KTP's closed value (the blood type's lone glyph) the thresholded page lost, read on the page before
thresholding (issue 18: ktp-digital degraded at the bench's seed, a small bold `B` whose counters the
threshold filled in, read `BR`). The grey page is asked only when the thresholded one gave nothing."""

from __future__ import annotations

import numpy as np

from ektp.ocr import extract_document
from ektp.ocr.engine import OcrPage
from ektp.ocr.extract import parse_ktp
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
