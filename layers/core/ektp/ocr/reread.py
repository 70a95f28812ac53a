"""A second look: crops read again in isolation, all in one engine call.

Tesseract misreads some short or isolated items on a full page (a lone `-` or `A` in a table cell, a code
like `6303-LT-...` beside a misread colon) that it reads correctly alone on a line. The crops are stacked one
under another on a white strip, read once, and each line's words go back to its crop.
"""

from __future__ import annotations

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage, OcrEngine, OcrWord

Box = tuple[int, int, int, int]  # left, top, right, bottom
GAP = 48  # white space between crops: far more than a word gap, so the engine never joins two crops
MAX_REREAD = 30  # weakest words read again per page (bounds the extra time)


INK_HEIGHT = 32  # px: crops are scaled so their ink is this tall (engines skip tiny lone characters)


def _ink_crop(image: GreyImage, box: Box) -> GreyImage | None:
    """The box cut tight around its ink, padded and scaled; None when the box holds no ink."""
    h, w = image.shape
    left, top, right, bottom = box
    crop = image[max(0, top) : min(h, bottom), max(0, left) : min(w, right)]
    if crop.size == 0:
        return None
    ys, xs = np.nonzero(crop < 128)
    if ys.size < 4:
        return None
    tight = crop[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    ink_h = tight.shape[0]
    # A dash is flat: scale by the crop's line height instead, so it stays a dash and does not become a bar.
    scale = 1.0 if ink_h >= INK_HEIGHT / 2 else min(4.0, INK_HEIGHT / max(ink_h, crop.shape[0] / 3))
    tight = np.asarray(cv2.resize(tight, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC), np.uint8)
    pad = INK_HEIGHT // 2
    return np.asarray(cv2.copyMakeBorder(tight, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255), np.uint8)


def reread(engine: OcrEngine, image: GreyImage, boxes: list[Box]) -> list[tuple[str, float] | None]:
    """Read each box again: the crops are laid side by side as one line (engines read a lone character in a
    line of text far better than alone), and each word goes back to the crop under it."""
    crops = [_ink_crop(image, box) for box in boxes]
    present = [c for c in crops if c is not None]
    if not present:
        return [None] * len(boxes)
    height = max(c.shape[0] for c in present) + 2 * GAP
    width = sum(c.shape[1] + GAP for c in present) + GAP
    strip = np.full((height, width), 255, np.uint8)
    spans: list[tuple[int, int] | None] = []
    x = GAP
    for crop in crops:
        if crop is None:
            spans.append(None)
            continue
        top = (height - crop.shape[0]) // 2
        strip[top : top + crop.shape[0], x : x + crop.shape[1]] = crop
        spans.append((x, x + crop.shape[1]))
        x += crop.shape[1] + GAP
    page = engine.recognize(strip)
    out: list[tuple[str, float] | None] = []
    for span, crop in zip(spans, crops, strict=True):
        if span is None or crop is None:
            out.append(None)
            continue
        left, right = span
        words = [wd for wd in page.words if left - GAP / 2 <= wd.cx < right + GAP / 2]
        if words:
            out.append((" ".join(wd.text for wd in words), sum(wd.confidence for wd in words) / len(words)))
        else:
            out.append(_dash(crop))
    return out


def _dash(crop: GreyImage) -> tuple[str, float] | None:
    """A crop whose ink is one small mark at mid-height, wider than tall, is a printed dash: engines skip a
    lone `-`, and on a blurred 150 dpi scan it shrinks to a few pixels."""
    ys, xs = np.nonzero(crop < 128)
    if ys.size < 4:
        return None
    bh, bw = int(ys.max() - ys.min() + 1), int(xs.max() - xs.min() + 1)
    if bw >= bh and bh <= 0.5 * INK_HEIGHT:
        return "-", 0.5
    return None


def improve_words(
    engine: OcrEngine, image: GreyImage, words: list[OcrWord], threshold: float
) -> list[OcrWord]:
    """Words read with low confidence, read again alone; the more confident reading wins."""
    weak = [
        i for i, wd in enumerate(words) if wd.confidence < threshold and any(c.isalnum() for c in wd.text)
    ]
    weak = sorted(weak, key=lambda i: words[i].confidence)[:MAX_REREAD]
    pad = 6
    boxes = [
        (words[i].left - pad, words[i].top - pad, words[i].right + pad, words[i].top + words[i].height + pad)
        for i in weak
    ]
    out: list[OcrWord | list[OcrWord]] = list(words)
    for i, again in zip(weak, reread(engine, image, boxes), strict=True):
        if again is not None and again[1] >= threshold:  # only a confident second reading replaces the first
            out[i] = _split_word(words[i], again[0], again[1])
    flat: list[OcrWord] = []
    for item in out:
        flat.extend(item if isinstance(item, list) else [item])
    return flat


def _split_word(word: OcrWord, text: str, confidence: float) -> list[OcrWord]:
    """The new reading of one box; several words (a label glued to its value, `Kelahiran:3601-...`) get
    slices of the box in proportion to their length, so the line and segment logic still applies."""
    parts = text.split()
    total = sum(len(p) for p in parts) + len(parts) - 1
    out = []
    x = word.left
    for part in parts:
        width = max(1, round(word.width * len(part) / max(total, 1)))
        out.append(
            word.model_copy(update={"text": part, "confidence": confidence, "left": x, "width": width})
        )
        x += width + round(word.width / max(total, 1))
    return out
