"""Sheets of paper in one image: a page photographed on a table, or several sheets scanned or photographed
together (a document printed across two sheets laid one above the other or side by side).

A sheet is a convex four-cornered region, brighter, darker, of another colour than what is around it, or
closed by its edges. Of the candidates, what counts is the print: the sheets kept must hold nearly all the
image's print (a table box on a scan is four-cornered too, but the page's header lies outside it), so one
sheet holding it is the page, several disjoint ones together are read each, in reading order."""

from __future__ import annotations

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage

WORK_SIZE = 800.0  # the longer side the search works at: a sheet's outline needs no more
SHEET_MIN_AREA = 0.12  # of the frame: a sheet photographed or scanned smaller holds too little to read
SHEET_MAX_AREA = 0.97  # of the frame: larger, the image is the page (a scan, or a photo filling the frame)
# Longer over shorter side of a sheet seen at an angle: A4 is 1.41, F4 1.56, a half sheet 2; perspective
# stretches a side by a fifth at most at the tilts a phone is held at.
SHEET_MAX_ASPECT = 2.6
# The sheets kept hold at least this share of the image's print: what lies outside is the table's grain,
# a pen beside the sheet, specks; a page's header outside a candidate makes it no sheet.
SHEETS_MIN_PRINT = 0.93
SHEET_MIN_PRINT = 0.08  # each of several sheets holds this share of the print at least (no scrap of table)
OVERLAP = 0.10  # two candidates overlapping by more than this share of the smaller are one sheet
FRAME_MARGIN = 3  # working pixels: an outline this near the frame's edge is cut by the frame
# A sheet's side is where its paper ends: the paper's shade changes across it (the table, a scanner's lid, the
# band between two sheets), or a line runs along it (a paper's shadowed edge, a window's frame), or the print
# stops short of it (a page's margins: the band this share of the sheet's shorter side in from the side, past
# the first pixels where a corner found a little off still lies, holds print on at most this share of the
# side). A block of dense print on a page (a form's rows of character boxes, a table) is four-cornered and may
# hold most of the ink, but along its outline the same paper goes on and its print reaches the outline.
MARGIN_BAND = (0.004, 0.02)
MARGIN_MAX_INKED = 0.3
EDGE_STEP = 10  # grey levels between the paper inside and what lies outside
EDGE_LINE = 0.9  # share of the side a line along it covers (a block's print reaches it in places)


def print_mask(small: GreyImage) -> GreyImage:
    """Print at the working size: strokes darker than the paper just around them (a black-hat), which a
    table's slow grain, a shadow or a fold's shade is not."""
    hat = cv2.morphologyEx(small, cv2.MORPH_BLACKHAT, np.ones((7, 7), np.uint8))
    _, mask = cv2.threshold(hat, 35, 255, cv2.THRESH_BINARY)
    return np.asarray(mask, np.uint8)


def _masks(small: GreyImage, colour: np.ndarray | None) -> list[GreyImage]:
    """Regions a sheet may be one of: brighter than around it (Otsu), darker, closed by its edges, of
    another colour (the card search's masks, which serve any sheet)."""
    from ektp.ocr.preprocess import _card_masks  # here: preprocess imports this module

    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Closed over a line's gap: a sheet's own print must not cut its region apart.
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    return [np.asarray(bright, np.uint8), *_card_masks(small, colour)]


def _edge_outlines(small: GreyImage) -> list[np.ndarray]:
    """Every closed run of edges, inner ones too: a sheet lying inside another outline (a photo's own frame,
    a desk mat, a tray) is an inner contour, which the filled masks lose in the outer one."""
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    median = float(np.median(blur))
    edges = cv2.dilate(cv2.Canny(blur, 0.33 * median, 0.66 * median), np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    return list(contours)


def _touches(hull: np.ndarray, shape: tuple[int, ...], margin: int = FRAME_MARGIN) -> bool:
    x, y, w, h = cv2.boundingRect(hull)
    return x < margin or y < margin or x + w > shape[1] - margin or y + h > shape[0] - margin


def _candidates(small: GreyImage, colour: np.ndarray | None) -> list[tuple[bool, np.ndarray]]:
    """Every convex four-cornered region of a sheet's size, as corners (working pixels): first those wholly
    in the frame and of a sheet's proportions (a sheet photographed on a table), largest first, then those
    the frame cuts (sheets scanned edge to edge: the frame, not the paper, sets their proportions); each
    with whether the frame cuts it."""
    from ektp.ocr.preprocess import _order_corners, _quad_aspect  # here: preprocess imports this module

    total = small.shape[0] * small.shape[1]
    found: list[tuple[bool, float, np.ndarray]] = []
    outlines = [
        cv2.findContours(m, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)[0] for m in _masks(small, colour)
    ]
    outlines.append(_edge_outlines(small))
    for contours in outlines:
        for contour in contours:
            hull = cv2.convexHull(contour)
            area = cv2.contourArea(hull)
            if not SHEET_MIN_AREA * total <= area <= SHEET_MAX_AREA * total:
                continue
            quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
            if len(quad) != 4 or cv2.contourArea(quad) < 0.9 * area:
                continue
            corners = _order_corners(quad.reshape(4, 2).astype(np.float32))
            cut = _touches(hull, small.shape)
            if cut or _quad_aspect(corners) <= SHEET_MAX_ASPECT:
                found.append((cut, area, corners))
    return [(cut, c) for cut, _, c in sorted(found, key=lambda f: (f[0], -f[1]))]


def _filled(corners: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    out = np.zeros(shape, np.uint8)
    cv2.fillConvexPoly(out, corners.astype(np.int32), 1)
    return out.astype(bool)


def _reading_order(sheets: list[np.ndarray]) -> list[np.ndarray]:
    """Top to bottom when the sheets lie one above the other, else left to right."""
    centres = np.array([s.mean(axis=0) for s in sheets])
    spread = np.ptp(centres, axis=0)
    axis = 1 if spread[1] >= spread[0] else 0
    return [sheets[i] for i in np.argsort(centres[:, axis], kind="stable")]


def find_sheets(grey: GreyImage, colour: np.ndarray | None = None) -> list[np.ndarray]:
    """The corners (image pixels) of each sheet in the image, in reading order; [] when the image is the
    page itself (a scan), or no set of sheets holds its print."""
    scale = WORK_SIZE / max(grey.shape)
    small = np.asarray(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8)
    ink = print_mask(small).astype(bool)
    total_ink = int(ink.sum())
    if total_ink == 0:
        return []
    shape = (small.shape[0], small.shape[1])
    kept: list[tuple[np.ndarray, np.ndarray]] = []  # (corners, filled mask)
    for cut, corners in _candidates(small, colour):
        inside = _filled(corners, shape)
        held = int((ink & inside).sum()) / total_ink
        if not kept and held >= SHEETS_MIN_PRINT:
            # One sheet holds the print: the page, when wholly in view; one the frame cuts has the frame's
            # edge for a side, not the paper's, so seen "flat" it would be skewed: the image is the page.
            return [] if cut else [corners / scale]
        if held < SHEET_MIN_PRINT or not sheet_edges(corners, ink, small):
            continue
        if any((inside & k).sum() > OVERLAP * min(inside.sum(), k.sum()) for _, k in kept):
            continue
        kept.append((corners, inside))
    if len(kept) < 2:
        return []
    union = np.logical_or.reduce([k for _, k in kept])
    if int((ink & union).sum()) / total_ink < SHEETS_MIN_PRINT:
        return []
    return _reading_order([c / scale for c, _ in kept])


def sheet_edges(corners: np.ndarray, ink: np.ndarray, small: GreyImage) -> bool:
    """Each side of the quad `corners` (working pixels) the frame does not cut is a sheet's edge."""
    centre = corners.mean(axis=0)
    shorter = min(
        float(np.linalg.norm(corners[1] - corners[0])), float(np.linalg.norm(corners[3] - corners[0]))
    )
    near, far = (max(1.0, f * shorter) for f in MARGIN_BAND)
    for a, b in zip(corners, np.roll(corners, -1, axis=0), strict=True):
        if _on_frame(a, b, ink.shape):
            continue
        inward = centre - (a + b) / 2
        inward /= max(1e-6, float(np.linalg.norm(inward)))
        along = a + np.linspace(0.05, 0.95, max(2, int(np.linalg.norm(b - a))))[:, None] * (b - a)
        depths = np.arange(near, far + 1.0)
        inside_ink = _sampled(ink, along, inward, depths)
        inked = float(inside_ink.any(axis=0).mean())
        if inked <= MARGIN_MAX_INKED or inked >= EDGE_LINE:
            continue
        inside = _sampled(small, along, inward, depths)[~inside_ink]
        outside = _sampled(small, along, inward, -depths).ravel()
        if inside.size and abs(float(np.median(inside)) - float(np.median(outside))) >= EDGE_STEP:
            continue
        return False
    return True


def _sampled(image: np.ndarray, along: np.ndarray, inward: np.ndarray, depths: np.ndarray) -> np.ndarray:
    """`image` at the points `along` a side moved each of `depths` pixels inward (a row per depth); a point
    off the frame takes the nearest pixel on it."""
    pts = np.rint(along[None, :, :] + depths[:, None, None] * inward[None, None, :]).astype(int)
    xs = np.clip(pts[..., 0], 0, image.shape[1] - 1)
    ys = np.clip(pts[..., 1], 0, image.shape[0] - 1)
    return np.asarray(image[ys, xs])


def _on_frame(a: np.ndarray, b: np.ndarray, shape: tuple[int, ...], margin: int = FRAME_MARGIN) -> bool:
    """A side lying along the frame's edge: the frame cut the sheet there (a scan edge to edge)."""
    h, w = shape[0], shape[1]
    for axis, size in ((0, w), (1, h)):
        if max(a[axis], b[axis]) < margin or min(a[axis], b[axis]) > size - 1 - margin:
            return True
    return False


def print_held(grey: GreyImage, corners: np.ndarray) -> float:
    """The share of the image's print inside the quad `corners` (image pixels)."""
    scale = WORK_SIZE / max(grey.shape)
    small = np.asarray(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8)
    ink = print_mask(small).astype(bool)
    total = int(ink.sum())
    return 1.0 if total == 0 else int((ink & _filled(corners * scale, ink.shape)).sum()) / total


SHEET_GAP = 0.02  # of the widest sheet: the paper put between sheets stacked for reading (no line spans it)


def stack_sheets(sheets: list[GreyImage]) -> GreyImage:
    """Sheets one under the other in reading order, each on its own paper's shade, so the engines read the
    first sheet's lines, then the second's, as one page."""
    width = max(s.shape[1] for s in sheets)
    gap = max(8, int(SHEET_GAP * width))
    parts: list[np.ndarray] = []
    for i, sheet in enumerate(sheets):
        paper = int(np.percentile(sheet, 90))
        padded = np.full((sheet.shape[0], width), paper, np.uint8)
        padded[:, : sheet.shape[1]] = sheet
        if i:
            parts.append(np.full((gap, width), paper, np.uint8))
        parts.append(padded)
    return np.asarray(np.vstack(parts), np.uint8)
