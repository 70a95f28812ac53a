"""Round 8, KTP: a digital ID in a phone's dark theme (light print on a dark ground) is read inverted."""

from __future__ import annotations

import cv2
import numpy as np

from ektp.ocr.pipeline import _dark_print_on_light, _Page
from ektp.ocr.screen import light_print_on_dark


def _rows_of_print(ground: int, ink: int) -> np.ndarray:
    """A 1080x2400 screen of label/value rows, print of one grey on a ground of another."""
    page = np.full((2400, 1080), ground, np.uint8)
    for row in range(18):
        y = 200 + row * 120
        cv2.putText(page, "Tempat Lahir", (60, y), cv2.FONT_HERSHEY_SIMPLEX, 1.0, ink, 2)
        cv2.putText(page, "KABUPATEN GRESIK 1984", (60, y + 50), cv2.FONT_HERSHEY_SIMPLEX, 1.4, ink, 4)
    return page


def test_light_print_on_a_dark_ground_is_seen_and_inverted() -> None:
    # Fails before this change: no such check; the dark-theme page went to the binariser as it was.
    dark_theme = _rows_of_print(ground=30, ink=235)
    assert light_print_on_dark(dark_theme)
    page = _dark_print_on_light(_Page(dark_theme))
    assert page.grey is not dark_theme and int(np.median(page.grey)) > 200
    assert not light_print_on_dark(page.grey)


def test_dark_print_is_left_alone_on_paper_on_a_dark_desk_and_on_a_blank_dark_page() -> None:
    paper = _rows_of_print(ground=240, ink=20)
    assert not light_print_on_dark(paper)
    page = _Page(paper)
    assert _dark_print_on_light(page) is page
    # A light card photographed on a dark desk: the card's print is dark, the desk smooth.
    desk = np.full((1500, 2000), 25, np.uint8)
    desk[300:1100, 400:1480] = _rows_of_print(ground=230, ink=30)[:800]
    assert not light_print_on_dark(desk)
    assert not light_print_on_dark(np.full((800, 600), 20, np.uint8))  # no print at all


def test_a_card_on_a_cloth_with_light_motifs_is_not_a_dark_theme() -> None:
    # Fails with a 3x threshold (this session's first landing): a batik cloth's light motifs outnumbered the
    # card's own dark print 3-6 times and the photo was inverted.
    cloth = np.full((1500, 2000), 40, np.uint8)
    for y in range(10, 1500, 26):
        for x in range(10, 2000, 26):
            cv2.circle(cloth, (x, y), 6, 220, -1)
    cloth[300:1100, 400:1480] = _rows_of_print(ground=230, ink=30)[:800]
    assert not light_print_on_dark(cloth)
