"""Rows that bend across a page: a sheet folded for an envelope and photographed half open (each panel at its
own tilt), or curling off the table. One warp of the page's outline levels its rows on average; the rows of a
panel tilted away still slope, so a label and its value, or a member's name and the rest of the row, fall on
different lines.

The slope of the rows is measured in vertical strips across the page (the shear that makes the strip's row
profile sharpest: a slope has no ambiguity, unlike an offset between strips, which a whole row's pitch
repeats) and integrated along the page into a vertical shift per column, which levels each strip's rows
against its neighbours'. A flat page's strips all slope alike (the deskew has already made that level):
nothing moves."""

from __future__ import annotations

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage

STRIP_WIDTH = 12.0  # text heights: wide enough for a strip's rows to give a sharp profile at their slope
MAX_SLOPE = 0.14  # tan of 8 degrees: a panel half open is tilted less against the warped page
SLOPE_STEP = 0.005  # about 0.3 degree
STRIP_MIN_INK = 3.0  # text heights squared of ink a strip needs for its slope to be measured
RULE_LENGTH = 3.0  # text heights: a horizontal run of ink this long is a rule, not print
MEASURE_HEIGHT = 8.0  # px: the text height the slopes are measured at
SMOOTH_STRIPS = 5  # a strip's slope is the median of this many around it (a stamp or a signature is one)
# The bend that is levelled: slopes this far apart (tan, about one degree) across the page, moving some rows
# by this share of a text height at least. Less is the noise of measuring a flat page.
MIN_BEND = 0.018
MIN_SHIFT = 0.3


def strip_slopes(binary_inv: GreyImage, height: float) -> tuple[np.ndarray, list[float | None]]:
    """Each strip's centre (x) and the slope of its rows (dy/dx), None where it holds too little print."""
    h, w = binary_inv.shape
    width = max(32, int(STRIP_WIDTH * height))
    step = width // 2
    bin_width = max(2, int(height / 2))
    slopes = np.arange(-MAX_SLOPE, MAX_SLOPE + 1e-9, SLOPE_STEP)
    # Rules (a form's boxes, a table's lines) are left out: their ends curl with the paper's edge where no
    # print stands, and a long rule outweighs the text in a strip's profile.
    rules = cv2.morphologyEx(
        binary_inv, cv2.MORPH_OPEN, np.ones((1, max(3, int(RULE_LENGTH * height))), np.uint8)
    )
    ink = (cv2.subtract(binary_inv, rules) > 0).astype(np.float32)
    margin = int(np.ceil(MAX_SLOPE * width)) + 2
    centres: list[float] = []
    found: list[float | None] = []
    for left in range(0, max(1, w - step), step):
        strip = ink[:, left : left + width]
        bins = strip.shape[1] // bin_width
        if bins < 2:
            break
        columns = strip[:, : bins * bin_width].reshape(h, bins, bin_width).sum(axis=2)
        centres.append(left + strip.shape[1] / 2)
        if columns.sum() < STRIP_MIN_INK * height * height:
            found.append(None)
            continue
        offsets = (np.arange(bins) + 0.5) * bin_width - bins * bin_width / 2
        best, best_slope = -1.0, 0.0
        for slope in slopes:
            profile = np.zeros(h + 2 * margin, np.float32)
            for j, shift in enumerate(np.round(slope * offsets).astype(int)):
                profile[margin - shift : margin - shift + h] += columns[:, j]
            score = float(np.dot(profile, profile))
            if score > best:
                best, best_slope = score, float(slope)
        found.append(best_slope)
    return np.asarray(centres, np.float64), found


def column_shifts(binary_inv: GreyImage, height: float) -> np.ndarray | None:
    """The vertical shift per column (px) that levels the rows of every strip with the rest, or None when
    the page's rows run straight across it (or too few strips hold print to tell)."""
    if height <= 0:
        return None
    # Slopes need no full resolution: measured with the text this tall, a quarter of the pixels on a page.
    f = min(1.0, MEASURE_HEIGHT / height)
    small = cv2.resize(binary_inv, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else binary_inv
    centres, found = strip_slopes(np.asarray(small, np.uint8), height * f)
    centres = centres / f
    measured = np.array([s is not None for s in found])
    if measured.sum() < 3:
        return None
    raw = np.interp(centres, centres[measured], np.array([s for s in found if s is not None]))
    k = SMOOTH_STRIPS // 2
    slopes = np.array([np.median(raw[max(0, i - k) : i + k + 1]) for i in range(len(raw))])
    if float(np.ptp(slopes)) < MIN_BEND:
        return None
    # Against the page's own slope (what most of it shows, which the deskew has dealt with): only the parts
    # bent away from it move, and a flat part stays as it was read.
    slopes -= float(np.median(slopes))
    per_column = np.interp(np.arange(binary_inv.shape[1], dtype=np.float64), centres, slopes)
    shifts = np.cumsum(per_column)
    shifts -= float(np.median(shifts))
    if float(np.ptp(shifts)) < MIN_SHIFT * height:
        return None
    # Whole pixels: a shift of a fraction blurs the print, and small labels blurred are misread.
    return np.round(shifts).astype(np.float32)


def level_bends(grey: GreyImage, shifts: np.ndarray) -> GreyImage:
    """The page with each column moved up by its (whole-pixel) shift: the rows of every strip level with each
    other. Columns that share a shift move together (no per-pixel maps: a 40 MP page would need 320 MB of
    them); what a shift uncovers at the top or foot is paper-white, not the edge row repeated into streaks."""
    h, w = grey.shape
    out = np.full((h, w), 255, np.uint8)
    steps = np.round(shifts).astype(np.int64)
    for step in np.unique(steps):
        columns = np.flatnonzero(steps == step)
        s = int(step)
        if abs(s) >= h:
            continue
        if s >= 0:
            out[: h - s, columns] = grey[s:, columns]
        else:
            out[-s:, columns] = grey[: h + s, columns]
    return out
