"""Rows that bend across a page (a sheet folded in three and photographed half open): each part's rows levelled
with the rest, so a label and its value, or a member's name and the rest of the row, stay on one line."""

from __future__ import annotations

import cv2
import numpy as np

from ektp.ocr.bends import column_shifts, level_bends

TEXT = 16  # px: the rows' text height
PITCH = 36  # px from one row to the next
WIDTH, HEIGHT = 1500, 700
FOLD = 950  # x of the crease: most of the page lies flat, the panel past it folded away


def _page(slope_after_fold: float, slope_before: float = 0.0) -> np.ndarray:
    """Rows of word-sized blocks, sloping by `slope_before` up to the crease and `slope_after_fold` past it
    (continuous at the crease, as a folded sheet's print is); white paper, black print."""
    page = np.full((HEIGHT, WIDTH), 255, np.uint8)
    rng = np.random.default_rng(7)
    for row in range(14):
        y0 = 60 + row * PITCH
        x = 30
        while x < WIDTH - 90:
            width = int(rng.integers(40, 110))
            mid = x + width / 2
            dy = slope_before * min(mid, FOLD) + slope_after_fold * max(0.0, mid - FOLD)
            top = round(y0 + dy)
            for gx in range(x, x + width, 12):  # letters: ink with gaps, not a bar
                cv2.rectangle(page, (gx, top), (min(gx + 8, x + width), top + TEXT), 0, -1)
            x += width + int(rng.integers(14, 30))
    return page


def _row_middles(page: np.ndarray, left: int, right: int) -> list[float]:
    """The middle (y) of each row's ink between two columns."""
    ink = (page[:, left:right] < 128).sum(axis=1).astype(float)
    rows, start = [], None
    for y, v in enumerate(ink):
        if v > 0 and start is None:
            start = y
        elif v == 0 and start is not None:
            rows.append((start + y - 1) / 2)
            start = None
    return rows


def _binary_inv(page: np.ndarray) -> np.ndarray:
    return np.asarray(np.where(page < 128, 255, 0), np.uint8)


def test_the_rows_of_a_panel_folded_away_are_levelled_with_the_rest() -> None:
    page = _page(slope_after_fold=0.05)  # the right panel's rows fall 3 degrees
    before_left, before_right = _row_middles(page, 100, 300), _row_middles(page, 1300, 1400)
    assert len(before_left) == len(before_right) == 14
    assert max(abs(a - b) for a, b in zip(before_left, before_right, strict=True)) > TEXT  # another line
    shifts = column_shifts(_binary_inv(page), TEXT)
    assert shifts is not None
    level = level_bends(page, shifts)
    left, right = _row_middles(level, 100, 300), _row_middles(level, 1300, 1400)
    assert len(left) == len(right) == 14
    assert max(abs(a - b) for a, b in zip(left, right, strict=True)) <= TEXT / 4


def test_a_flat_page_is_not_moved() -> None:
    # Guard: rows straight across the page (the deskew has levelled them): nothing to level.
    assert column_shifts(_binary_inv(_page(0.0)), TEXT) is None


def test_a_page_tilted_all_alike_is_left_to_the_deskew() -> None:
    # Guard: every strip slopes the same (a page photographed at an angle): no bend, nothing moved here.
    assert column_shifts(_binary_inv(_page(0.03, slope_before=0.03)), TEXT) is None


def test_a_page_without_print_is_not_moved() -> None:
    assert column_shifts(np.zeros((HEIGHT, WIDTH), np.uint8), TEXT) is None
    assert column_shifts(_binary_inv(_page(0.05)), 0.0) is None


def test_a_bent_page_is_offered_levelled_and_a_flat_one_is_not() -> None:
    # The page as it lay is always read; its levelled copy only when its rows bend, for the pipeline to read
    # too and keep the better-validated reading (a form's curled box ends read best as they lay).
    from ektp.ocr.preprocess import preprocess
    from ektp.ocr.settings import OcrSettings

    bent = preprocess(_page(0.05), OcrSettings(), cards=False)
    assert bent.levelled is not None and any(n.startswith("bends:") for n in bent.levelled.notes)
    assert not any(n.startswith("bends:") for n in bent.notes)
    assert preprocess(_page(0.0), OcrSettings(), cards=False).levelled is None


def test_the_better_validated_reading_is_kept_and_a_tie_keeps_the_page_as_it_lay() -> None:
    from types import SimpleNamespace
    from typing import Any, cast

    from ektp.ocr.pipeline import _better

    def reading(detected: str | None, score: float) -> Any:
        return cast(Any, SimpleNamespace(read=SimpleNamespace(detected=detected), score=score))

    as_lay, levelled = reading("kk", 30.0), reading("kk", 30.0)
    assert _better(as_lay, levelled) is as_lay
    surer = reading("kk", 42.0)
    assert _better(as_lay, surer) is surer
    assert _better(reading(None, 0.0), as_lay) is as_lay  # a form found beats none
    assert _better(as_lay, None) is as_lay and _better(None, None) is None


def test_a_bent_page_is_read_levelled_once_more_and_no_more() -> None:
    # Review: the levelled copy costs a bent page one more reading (any page can be made to bend). Bounded: the
    # page as it lay, then levelled, once each; reading it only when the first came up short lost fields on
    # pages read whole (skpwni-pangkuan, ktp-fotokopi-bolak-balik), so both are read.
    import io

    from PIL import Image

    from ektp.ocr import extract_document
    from tests.unit.ocr.test_ocr_engine_choice import LINES, Scripted

    buf = io.BytesIO()
    Image.fromarray(_page(0.05)).save(buf, format="PNG")
    first = Scripted("tesseract", LINES, 0.95)
    result = extract_document(buf.getvalue(), engine=first, second=Scripted("rapidocr", LINES, 0.95))
    assert result.fields["name"].value == "SITI NURHAYATI"
    assert first.calls == 2  # as it lay, then levelled
    assert "bends" not in " ".join(result.preprocess)  # a tie keeps the page as it lay


def test_a_levelled_reading_of_another_type_does_not_win() -> None:
    from types import SimpleNamespace
    from typing import Any, cast

    from ektp.ocr.pipeline import _better

    def reading(detected: str | None, score: float) -> Any:
        return cast(Any, SimpleNamespace(read=SimpleNamespace(detected=detected), score=score))

    as_lay = reading("ktp", 20.0)
    assert _better(as_lay, reading("kk", 90.0)) is as_lay
