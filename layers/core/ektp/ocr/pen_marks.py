"""Marks put over a document's print in coloured ink, taken out of the grey page before it is read.

A counter officer ticks each value in blue ballpoint and underlines the name, a resident draws a ring round the
KK's number, a blue or purple office stamp's ring runs over the end of a value: in grey each is a stroke the
engines read as part of the line (`ARIF SAPUTRA V` for a tick, `ANGGRA!` for a name the ring crosses). In a
colour photo or scan they are ink of another hue than the print, which is black or grey. Pixels darker than the
paper around them whose colour (Lab a/b) is far from the paper's own tint are such marks, unless they form a
solid area (a photo's background, a table under the sheet, a coloured bar) or are much of the page's ink: a
form filled in by hand in blue, a page printed in colour, keep their ink.
"""

from __future__ import annotations

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage

MARK_CHROMA = 12.0  # Lab a/b distance from the paper's tint (scaled to the pixel's lightness): a stamp's blue
MARK_DARKER = 35.0  # Lab lightness levels (0-255) under the paper around: ink, not the paper's shade
# Of the image's longer side: a coloured area at least this thick is no pen's stroke nor a letter's (a table
# under the sheet, a photo's background, a coloured bar).
MARK_SOLID = 0.012
# More coloured marks than this share of the page's ink is the page's own writing (a form filled in blue
# ballpoint, a notebook copied by hand): then nothing is taken out.
MARKS_MAX_SHARE = 0.15
MARK_DARK_SCENE = 0.6  # of the page's paper lightness: dark wherever it lies
MARK_RING = 7  # px: the ring around a mark whose pixels say what it lies on
MARK_RING_DARK = 0.25  # of that ring: dark pixels that are no mark (print it crosses; more, a table)
MARK_RIM = 5  # px: a mark's soft rim around its core
MARK_RULED_SPAN = 4  # solid thicknesses: a straight level or upright run this long is a rule
MARK_RULED = 0.6  # of a mark's pixels on such runs: a ruled line or frame
MARK_OVER_PRINT = 25.0  # Lab lightness under a mark's own mean: the print showing through it
MARK_STRIKE = 0.15  # of a mark's pixels over the print: a stroke through a value, not beside it
MARK_PAPER_TINT = 10.0  # Lab a/b: the 90th percentile of the paper's colour beyond which the paper is tinted
PAPER_SCALE = 0.25  # the paper's shade and tint are measured at this scale
PAPER_WINDOW = 15  # px at that scale: wider than any stroke, so the paper around it


def coloured_marks(colour: np.ndarray) -> np.ndarray:
    """Boolean mask of the coloured strokes over the print of a BGR image, and the page's ink beside it."""
    lab = cv2.cvtColor(colour, cv2.COLOR_BGR2LAB)
    small = cv2.resize(lab, None, fx=PAPER_SCALE, fy=PAPER_SCALE, interpolation=cv2.INTER_AREA)
    window = np.ones((PAPER_WINDOW, PAPER_WINDOW), np.uint8)
    size = (colour.shape[1], colour.shape[0])
    if _tinted_paper(small):
        return np.zeros(colour.shape[:2], bool)
    # The paper: the lightest around (print is darker), and its tint the median around (a lamp's cast).
    paper_small = cv2.dilate(small[..., 0], window)
    paper_light = cv2.resize(paper_small, size, interpolation=cv2.INTER_LINEAR).astype(np.float32)
    light = lab[..., 0].astype(np.float32)
    ink = light < paper_light - MARK_DARKER
    # Colour is measured on the ink alone (a few percent of the page).
    ys, xs = np.nonzero(ink)
    tint = [
        cv2.resize(
            cv2.medianBlur(np.ascontiguousarray(small[..., c]), PAPER_WINDOW),
            size,
            interpolation=cv2.INTER_LINEAR,
        )[ys, xs].astype(np.float32)
        - 128.0
        for c in (1, 2)
    ]
    # Under a tinted light the print takes the tint in proportion to its lightness: the expected a/b of a
    # neutral ink here is the paper's scaled down.
    share = np.clip(light[ys, xs] / np.maximum(paper_light[ys, xs], 1.0), 0.0, 1.0)
    a = lab[..., 1][ys, xs].astype(np.float32) - 128.0 - tint[0] * share
    b = lab[..., 2][ys, xs].astype(np.float32) - 128.0 - tint[1] * share
    distance = np.zeros(ink.shape, np.float32)
    distance[ys, xs] = np.hypot(a, b)
    coloured = distance > MARK_CHROMA
    candidates = ink & coloured
    if not candidates.any():
        return np.zeros(candidates.shape, bool)
    # The rest where the candidates are (a page's marks are few: a stamp, a column of ticks), with a margin
    # for the solid areas and rings around them.
    thick = max(9, round(MARK_SOLID * max(size)))
    rows, cols = np.nonzero(candidates)
    pad = 3 * thick
    top, left = max(0, int(rows.min()) - pad), max(0, int(cols.min()) - pad)
    bottom, right = int(rows.max()) + pad + 1, int(cols.max()) + pad + 1
    box = (slice(top, bottom), slice(left, right))
    scene = MARK_DARK_SCENE * float(np.percentile(paper_small, 90))
    marks = np.zeros(candidates.shape, bool)
    most = MARKS_MAX_SHARE * max(1, int(ink.sum()))
    marks[box] = _marks_in(ink[box], coloured[box], distance[box], light[box], (thick, scene, most))
    return marks


def _tinted_paper(small_lab: np.ndarray) -> bool:
    """The paper itself is coloured: under a lamp's warm light, or stained (a flood's tide marks). Its own
    print then takes colours a mark has, and the marks are not told from it: nothing is taken out."""
    light = small_lab[..., 0]
    paper = light >= np.percentile(light, 60)
    chroma = np.hypot(
        small_lab[..., 1][paper].astype(np.float32) - 128, small_lab[..., 2][paper].astype(np.float32) - 128
    )
    return bool(chroma.size) and float(np.percentile(chroma, 90)) > MARK_PAPER_TINT


def _marks_in(
    ink: np.ndarray,
    coloured: np.ndarray,
    distance: np.ndarray,
    light: np.ndarray,
    limits: tuple[int, float, float],
) -> np.ndarray:
    """The marks among the candidates; `limits`: a solid area's thickness, the page's dark, and the most
    pixels of marks that are still marks (more is the page's own writing)."""
    thick, scene, most = limits
    # A solid dark area (a table under the sheet, a photo's background), and its edge.
    solid = cv2.morphologyEx(ink.astype(np.uint8), cv2.MORPH_OPEN, np.ones((thick, thick), np.uint8))
    near_solid = cv2.dilate(solid, np.ones((thick, thick), np.uint8)) > 0
    # Dark pixels that are no mark: the print (neutral), and whatever is dark for the page as a whole (a
    # table beside the sheet, whose own surroundings are as dark as it). A mark's own rim, lighter and less
    # coloured than its core, is tinted still.
    scene_dark = light < scene
    rim = ink & (distance > MARK_CHROMA / 2) & ~near_solid & ~scene_dark
    marks = _on_paper(ink & coloured & ~near_solid, (ink & ~rim) | scene_dark)
    marks = _not_ruled(marks, thick)
    if not marks.any() or marks.sum() > most:
        return np.zeros(marks.shape, bool)
    return _off_the_print(marks, light)


def _on_paper(marks: np.ndarray, other_dark: np.ndarray) -> np.ndarray:
    """The marks lying on the paper: around each, little dark that is no mark. A thin band of a dark table
    along a sheet's edge is darker than the sheet and coloured too, but the table lies beside it; a stamp's
    ring crossing a line of print has the paper around it but where it meets the print."""
    grown = cv2.dilate(marks.astype(np.uint8), np.ones((MARK_RING, MARK_RING), np.uint8))
    count, labels = cv2.connectedComponents(grown, connectivity=8)
    ring = (grown > 0) & ~marks
    around = np.bincount(labels[ring], minlength=count)
    dark = np.bincount(labels[ring & other_dark], minlength=count)
    keep = dark <= MARK_RING_DARK * np.maximum(around, 1)
    keep[0] = False
    return np.asarray(marks & keep[labels], bool)


def _not_ruled(marks: np.ndarray, thick: int) -> np.ndarray:
    """The marks that are no ruled lines: a coloured rule or frame is the page's own (a spreadsheet's selected
    cell, a form's coloured grid), and over its grid; a pen's tick, a ring or a stamp bends."""
    count, labels = cv2.connectedComponents(marks.astype(np.uint8), connectivity=8)
    span = MARK_RULED_SPAN * thick
    along = np.zeros(marks.shape, bool)
    for kernel in (np.ones((1, span), np.uint8), np.ones((span, 1), np.uint8)):
        along |= cv2.morphologyEx(marks.astype(np.uint8), cv2.MORPH_OPEN, kernel) > 0
    sizes = np.bincount(labels[marks], minlength=count)
    ruled = np.bincount(labels[along], minlength=count) >= MARK_RULED * np.maximum(sizes, 1)
    ruled[0] = True
    return np.asarray(marks & ~ruled[labels], bool)


def _off_the_print(marks: np.ndarray, light: np.ndarray) -> np.ndarray:
    """Each mark with its soft rim (lighter and less coloured than its core), less the pixels over the print:
    where a stamp's ring crosses a letter the pixel is darker than the ring's own ink (the print under it),
    and the letter keeps it. A mark much of which lies over the print is a stroke through a value (a pen
    striking out a mistyped number): it stays whole, so the value still reads as struck out."""
    grown = cv2.dilate(marks.astype(np.uint8), np.ones((MARK_RIM, MARK_RIM), np.uint8))
    count, labels = cv2.connectedComponents(grown, connectivity=8)
    sizes = np.bincount(labels[marks], minlength=count).astype(np.float64)
    own = np.bincount(labels[marks], weights=light[marks], minlength=count) / np.maximum(sizes, 1.0)
    over_print = (grown > 0) & (light < own[labels] - MARK_OVER_PRINT)
    struck = np.bincount(labels[over_print & marks], minlength=count) >= MARK_STRIKE * np.maximum(sizes, 1.0)
    struck[0] = True
    return np.asarray((grown > 0) & ~over_print & ~struck[labels], bool)


def without_coloured_marks(grey: GreyImage, colour: np.ndarray | None) -> GreyImage:
    """`grey` with the coloured marks over its print painted the paper's shade around them; as it is when the
    image has no colour or no such marks."""
    if colour is None or colour.ndim != 3 or colour.shape[:2] != grey.shape[:2]:
        return grey
    marks = coloured_marks(colour)
    if not marks.any():
        return grey
    small = cv2.resize(grey, None, fx=PAPER_SCALE, fy=PAPER_SCALE, interpolation=cv2.INTER_AREA)
    paper = cv2.dilate(small, np.ones((PAPER_WINDOW, PAPER_WINDOW), np.uint8))
    paper = cv2.resize(paper, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    out = grey.copy()
    out[marks] = paper[marks]
    return np.asarray(out, np.uint8)
