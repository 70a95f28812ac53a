"""Preprocessing recovers skew, perspective and uneven light; blank pages are recognised as blank."""

from __future__ import annotations

import cv2
import numpy as np

from ektp.ocr.preprocess import estimate_skew, find_page, is_blank, preprocess, rotate
from ektp.ocr.settings import OcrSettings
from tools.docgen import RenderedDocument


def test_skew_estimate_recovers_rotation(documents: dict[str, list[RenderedDocument]]) -> None:
    page = np.asarray(documents["akta"][0].image)
    for angle in (-4.0, 2.5):
        turned = rotate(page, angle)
        binary = np.asarray(
            cv2.threshold(turned, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1], np.uint8
        )
        assert abs(estimate_skew(binary, 8.0) + angle) < 0.4


def test_page_found_on_a_dark_background(documents: dict[str, list[RenderedDocument]]) -> None:
    page = np.asarray(documents["ktp"][0].image)
    canvas = np.full((page.shape[0] + 400, page.shape[1] + 400), 50, np.uint8)
    canvas[200:-200, 200:-200] = page
    corners = find_page(canvas)
    assert corners is not None
    assert np.allclose(corners[0], (200, 200), atol=8)
    assert find_page(page) is None  # a scan is the page itself


def test_blank_pages() -> None:
    settings = OcrSettings()
    white = np.full((1200, 900), 245, np.uint8)
    assert is_blank(white, settings)
    gradient = (np.linspace(150, 250, 900)[None, :] * np.ones((1200, 1))).astype(np.uint8)
    assert is_blank(gradient, settings)  # unevenly lit blank sheet
    marked = white.copy()
    cv2.putText(marked, "NIK 3201015809750001", (50, 600), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    assert not is_blank(marked, settings)


def test_table_rules_removed_and_kept_as_columns(documents: dict[str, list[RenderedDocument]]) -> None:
    prepared = preprocess(np.asarray(documents["kk"][0].image), OcrSettings())
    assert not prepared.blank
    xs = sorted({r.x for r in prepared.rules})
    assert len(xs) >= 15  # two member tables: 11 and 10 borders, some shared
