"""The print alone: a document's own ink, apart from what was put over it.

A legalised copy carries a boxed "SESUAI DENGAN ASLINYA" stamp and a round office stamp over the print, in
blue or purple ink that a grey scan renders lighter than toner; a round stamp sits over an issue date; a
copier adds specks of toner. The print is the darkest ink of the page: measured on words read well nearby, a
cut between it and the paper drops the lighter ink, and specks far smaller than a stroke go. Crops made so
are read again (see `reread`) beside the page's own reading; the caller keeps what validates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage, OcrEngine
from ektp.ocr.reread import Box, reread

# Where to cut, as a fraction of the way from the print's ink to the paper: the first drops a stamp's grey
# far from the print's black; the second keeps a thin or faint print whole.
PRINT_LEVELS = (0.3, 0.5)
# A speck: a mark of fewer pixels than this share of the text height squared (a full stop of the print is
# about a tenth, a copier's toner speck a few pixels).
SPECK_AREA = 0.005
MARGIN = 24  # white around each crop on the strip


class InkLevels(NamedTuple):
    core: float  # the print's ink (dark strokes' inner pixels)
    paper: float


def ink_levels(grey: GreyImage, boxes: Sequence[Box]) -> InkLevels | None:
    """The print's ink and the paper's grey, measured in boxes of words the page read well (print, no stamp
    over them): the ink the 10th percentile of the pixels Otsu calls ink, the paper the median of the rest."""
    pixels = [_crop(grey, box).ravel() for box in boxes]
    values = np.concatenate([p for p in pixels if p.size]) if any(p.size for p in pixels) else None
    if values is None or values.size < 50:
        return None
    cut, _ = cv2.threshold(values.reshape(1, -1), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink, paper = values[values <= cut], values[values > cut]
    if ink.size < 10 or paper.size < 10:
        return None
    levels = InkLevels(float(np.percentile(ink, 10)), float(np.median(paper)))
    return levels if levels.paper - levels.core >= 40 else None  # no contrast to cut within


def print_only(grey: GreyImage, box: Box, levels: InkLevels, level: float, text_height: float) -> GreyImage:
    """The box as print alone: black where the grey page is darker than the cut, less what is no print of
    the value: strokes taller than its text (a stamp's box edge run through a letter: the letter stays
    whole but for the stroke), specks, and rules across the box (a table's row rules), heads and feet of the
    rows above and below (short marks on the box's top or bottom edge)."""
    crop = _crop(grey, box)
    if crop.size == 0:
        return np.full((max(1, crop.shape[0]), max(1, crop.shape[1])), 255, np.uint8)  # a box off the page
    cut = levels.core + level * (levels.paper - levels.core)
    ink = np.asarray(crop < cut, np.uint8)
    tall = max(3, int(1.3 * text_height))
    if ink.shape[0] > tall:
        ink[cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((tall, 1), np.uint8)) > 0] = 0
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = max(3.0, SPECK_AREA * text_height * text_height)
    top, height = stats[:, cv2.CC_STAT_TOP], stats[:, cv2.CC_STAT_HEIGHT]
    edge = ((top == 0) | (top + height >= ink.shape[0])) & (height < 0.6 * text_height)
    across = stats[:, cv2.CC_STAT_WIDTH] >= 0.9 * ink.shape[1]
    keep = (stats[:, cv2.CC_STAT_AREA] >= small) & ~edge & ~across
    keep[0] = False
    return np.where(keep[labels], 0, 255).astype(np.uint8)


def _crop(image: GreyImage, box: Box) -> GreyImage:
    left, top, right, bottom = box
    h, w = image.shape
    return image[max(0, top) : min(h, bottom), max(0, left) : min(w, right)]


def strip(crops: Sequence[GreyImage]) -> tuple[GreyImage, list[Box]]:
    """The crops stacked on one white image, MARGIN apart, and the box each went to."""
    width = max([c.shape[1] for c in crops] + [1]) + 2 * MARGIN
    height = sum(c.shape[0] + MARGIN for c in crops) + MARGIN
    out = np.full((height, width), 255, np.uint8)
    boxes: list[Box] = []
    y = MARGIN
    for c in crops:
        out[y : y + c.shape[0], MARGIN : MARGIN + c.shape[1]] = c
        boxes.append((MARGIN, y, MARGIN + c.shape[1], y + c.shape[0]))
        y += c.shape[0] + MARGIN
    return out, boxes


class Crop(NamedTuple):
    """A box of the page to read again, and the height of the text in it (what a speck is measured by)."""

    box: Box
    text_height: float


def reread_print(
    engine: OcrEngine,
    image: GreyImage,
    grey: GreyImage | None,
    crops: Sequence[Crop],
    reference: Sequence[Box],
    *,
    glyph_height: int | None = None,
    context: Sequence[Box] = (),
) -> list[list[tuple[str, float]]]:
    """Each box read again, in one engine call: as print alone at each of PRINT_LEVELS when the print's ink
    can be measured on the `reference` boxes of the grey page, else as the page image has it. Per box, the
    readings found."""
    same = grey is not None and grey.shape == image.shape
    levels = ink_levels(grey, reference) if grey is not None and same else None
    pieces: list[GreyImage] = []
    owner: list[int | None] = []
    for i, crop in enumerate(crops):
        if grey is None or levels is None:
            pieces.append(_crop(image, crop.box))
            owner.append(i)
            continue
        # Print alone only: a crop with the stamp's ring in it, read in the same line, is taller than the
        # others and throws the engine's line finding off for all of them.
        for level in PRINT_LEVELS:
            pieces.append(print_only(grey, crop.box, levels, level, crop.text_height))
            owner.append(i)
    pieces += [_crop(image, box) for box in context]
    owner += [None] * len(context)
    sheet, boxes = strip(pieces)
    placed = [b for b, o in zip(boxes, owner, strict=True) if o is not None]
    around = [b for b, o in zip(boxes, owner, strict=True) if o is None]
    again = reread(engine, sheet, placed, glyph_height=glyph_height, context=around)
    out: list[list[tuple[str, float]]] = [[] for _ in crops]
    for i, read in zip((o for o in owner if o is not None), again, strict=True):
        if read is not None:
            out[i].append(read)
    return out
