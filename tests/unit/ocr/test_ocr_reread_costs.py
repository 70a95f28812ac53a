"""What reading again costs (issue 18, speed): crops whose reading cannot change a field are not read again.

Counted with engines that keep the strips they were given; seconds go to `make bench`, never to a test."""

from __future__ import annotations

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage, OcrPage, OcrWord
from ektp.ocr.extract import _small_labels_again
from ektp.ocr.text import Line


def _word(text: str, left: int, top: int, width: int, height: int, confidence: float) -> OcrWord:
    return OcrWord(text=text, confidence=confidence, left=left, top=top, width=width, height=height, line=top)


def _inked(words: list[OcrWord]) -> GreyImage:
    """A white page with a black bar where each word is printed."""
    image = np.full((300, 900), 255, np.uint8)
    for w in words:
        image[w.top : w.top + w.height, w.left : w.right] = 0
    return image


class Reads:
    """Reads each inked run on a strip as `text` (one word per run), and keeps the strips it was given."""

    name = "reads"

    def __init__(self, text: str) -> None:
        self.text = text
        self.strips: list[GreyImage] = []

    def recognize(self, image: GreyImage) -> OcrPage:
        self.strips.append(image)
        runs = cv2.dilate(np.asarray(image < 128, np.uint8), np.ones((1, 60), np.uint8))
        count, _, stats, _ = cv2.connectedComponentsWithStats(runs)
        words = [
            OcrWord(text=self.text, confidence=0.95, left=x, top=y, width=w, height=h, line=1)
            for x, y, w, h, _ in (stats[i] for i in range(1, count))
        ]
        return OcrPage(width=image.shape[1], height=image.shape[0], words=words)


def _small_over_bold(small: list[tuple[str, float]]) -> list[Line]:
    """A line of small print (10 px) over a value line in bold (16 px), as a form's cell or a letter prints."""
    x, top = 40, []
    for text, confidence in small:
        top.append(_word(text, x, 100, 12 * len(text), 10, confidence))
        x += 12 * len(text) + 10
    value = [_word("ARIF", 40, 118, 60, 16, 0.97), _word("SAPUTRA", 110, 118, 105, 16, 0.97)]
    return [Line(top), Line(value)]


def test_a_small_line_read_surely_is_not_read_again() -> None:
    """A letter's sentence in small print over a bold value (`Yang bertanda tangan ...`, every word read at
    0.94-0.96): no garbled label is in it, and reading it again cost 0.09 s a page for nothing."""
    lines = _small_over_bold([("Yang", 0.96), ("bertanda", 0.95), ("tangan", 0.96)])
    engine = Reads("Alamat")
    out = _small_labels_again(lines, _inked([w for ln in lines for w in ln.words]), engine)
    assert engine.strips == []
    assert [ln.text for ln in out] == [ln.text for ln in lines]


def test_a_small_label_read_unsurely_is_still_read_again() -> None:
    lines = _small_over_bold([("Lavamat", 0.34), ("asa!", 0.30)])  # `Alamat Asal` garbled by thresholding
    engine = Reads("Alamat Asal")
    out = _small_labels_again(lines, _inked([w for ln in lines for w in ln.words]), engine)
    assert len(engine.strips) == 1
    assert out[0].text == "Alamat Asal"
