"""Small closed boxes on a form (RT/RW, digit boxes, a chosen option's number) are erased, what is written in them
and every rounded glyph kept: drawn here by hand, not by the document generator."""

from __future__ import annotations

import cv2
import numpy as np

from ektp.ocr.preprocess import erase_boxes

CHAR = 20  # text height in pixels


def _page() -> np.ndarray:
    page = np.zeros((200, 600), np.uint8)  # ink is 255 (binary inverted, as preprocess hands it)
    cv2.rectangle(page, (20, 20), (90, 50), 255, 2)  # a box around `008`
    cv2.putText(page, "008", (28, 44), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 255, 2)
    for i in range(5):  # one box per digit of a postal code
        cv2.rectangle(page, (120 + 28 * i, 20), (144 + 28 * i, 50), 255, 2)
        cv2.putText(page, str(i), (126 + 28 * i, 44), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 255, 2)
    cv2.ellipse(page, (320, 35), (10, 14), 0, 0, 360, 255, 2)  # an `O`
    cv2.putText(page, "DOB 0", (360, 44), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 255, 2)
    cv2.rectangle(page, (20, 100), (200, 140), 255, cv2.FILLED)  # a filled block: a stamp, not a box
    return page


def test_boxes_go_and_their_contents_stay() -> None:
    page = _page()
    cleaned = erase_boxes(page, CHAR)
    # The box sides are gone ...
    assert cleaned[20, 20:90].sum() == 0 and cleaned[20:50, 20].sum() == 0
    assert all(cleaned[20, 120 + 28 * i : 144 + 28 * i].sum() == 0 for i in range(5))
    # ... and everything inside them, and everything that is not a box, is untouched.
    inside = (slice(24, 47), slice(24, 87))
    assert np.array_equal(cleaned[inside], page[inside])
    assert np.array_equal(cleaned[:, 300:], page[:, 300:])
    assert np.array_equal(cleaned[95:150], page[95:150])


def test_a_box_a_character_touches_is_left_as_it_is() -> None:
    page = np.zeros((80, 120), np.uint8)
    cv2.rectangle(page, (10, 10), (80, 40), 255, 2)
    cv2.line(page, (30, 10), (30, 40), 255, 2)  # a stroke joined to the box: the inside is not empty
    assert np.array_equal(erase_boxes(page, CHAR), page)


def test_nothing_happens_without_a_text_height() -> None:
    page = _page()
    assert erase_boxes(page, 0.0) is page
