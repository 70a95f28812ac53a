"""One sheet of paper photographed lying on something (a table, a bed, a desk, a lap): its four edges.

A photographed page is the paper around its print. Its print is found first (strokes darker than the paper
just around them); then, on each side of the print, the nearest straight edge that runs along most of the
print's extent (paper on one side, what it lies on on the other). Between the print and that edge
lies the page's blank margin, which holds no such edge; a table's grain, a cloth's folds or a shadow band lie
beyond it, or cross the print (which no page edge does). Four such edges, one per side, meet at the page's
corners, whatever the background's brightness: a white page on a light desk differs only along its rim.
Three sides shown plainly, the fourth may be hidden in part (a thumb, a shadow band, a cloth as bright as the
paper) or wholly (the frame): its edge is sought where less of it shows, or drawn beyond the print's extent.

Nothing is found on a scan (the image is the page: no edge runs outside its print on all four sides) nor on
a card (its print stands a couple of dozen text heights tall, a page's forty and more)."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage
from ektp.ocr.sheets import print_mask

WORK_SIZE = 800.0  # the longer side the search works at: a page's edges need no more
MAX_TILT_DEG = 20.0  # a page side's slant from its print's axis: the roll and perspective a phone adds
ANGLE_STEP_DEG = 2.0
EDGE_MIN = 3.0  # grey levels per pixel across an edge (3x3 Sobel, eighth): paper against what it lies on
EDGE_REACH = 3  # pixels either side of a line an edge may stray (a curled sheet, the angle's step)
# Share of the print's extent along which a side's edge shows: an edge shown this well is taken first, nearer
# weaker ones (a box's border, a bar's end) passed over; else the nearest shown at least MIN_COVER (the part
# of a page's rim that a shadow band dims, or a cloth as bright as the paper hides).
STRONG_COVER = 0.75
MIN_COVER = 0.55
# A page's margin beyond its print is at most this share of the print's extent across it (a form's blank
# foot under its last box about a quarter); a line further out is the background's.
MAX_MARGIN = 0.35
NEAR = 12  # pixels (working size): lines this close to the nearest one found are the same edge
MIN_GAP = 2  # pixels between the print and a page edge: the margin's least
# Char-sized print (working pixels): taller marks are rules, frames, photos; text lies in clusters.
CHAR_MAX_HEIGHT = 30
CHAR_MAX_WIDTH = 80
CHAR_MAX_ELONGATION = 8  # a word's letters run together at this size; a rule's or shadow's piece is longer
CLUSTER_MIN_MARKS = 5.0  # a word or two at least
CLUSTER_REACH = 9  # pixels: marks nearer than this belong to one block of print
CLUSTER_MIN_SHARE = 0.005  # a block of print holding less than this share of the marks is a speck or grain
PAGE_MIN_AREA = 0.12  # of the frame: smaller holds too little to read
PAGE_MAX_AREA = 0.95  # of the frame: larger, the image is the page (a scan)
# A page's shorter side in its text heights (marks as measured at the working size, words run together): an
# A4 page of 10-14 pt print 40-100; an ID-1 card 20-30 (a dozen rows on 54 mm).
PAGE_MIN_TEXT_HEIGHTS = 36.0


@dataclass
class _Print:
    mask: np.ndarray  # the print's marks (bool)
    hull: np.ndarray  # convex hull of the print (working pixels), (n, 2) float
    text_height: float  # median height of its char-sized marks (working pixels)


def _find_print(small: GreyImage) -> _Print | None:
    """The page's print: char-sized marks in blocks (specks and grain alone are no block), with the rules and
    frames that touch those blocks (a table's grid); None when there is too little."""
    marks = (print_mask(small) > 0).astype(np.uint8)
    # The frame's own rim: a black-hat there is the frame cutting something off, not print.
    marks[:3], marks[-3:], marks[:, :3], marks[:, -3:] = 0, 0, 0, 0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(marks, connectivity=8)
    w, h = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    chars = (h >= 3) & (h <= CHAR_MAX_HEIGHT) & (w <= np.minimum(CHAR_MAX_WIDTH, CHAR_MAX_ELONGATION * h))
    chars &= stats[1:, cv2.CC_STAT_AREA] >= 4
    if int(chars.sum()) < 40:
        return None
    char_ids = np.flatnonzero(chars) + 1
    is_char = np.zeros(count, bool)
    is_char[char_ids] = True
    char_mask = is_char[labels]
    reach = 2 * CLUSTER_REACH + 1
    blocks = cv2.dilate(char_mask.astype(np.uint8), np.ones((reach, reach), np.uint8))
    n_blocks, block_of = cv2.connectedComponents(blocks, connectivity=8)
    per_block = np.bincount(block_of[char_mask], minlength=n_blocks)
    keep_blocks = per_block >= max(CLUSTER_MIN_MARKS, CLUSTER_MIN_SHARE * float(per_block[1:].sum()))
    keep_blocks[0] = False
    kept = keep_blocks[block_of] & char_mask
    if int(kept.sum()) == 0:
        return None
    # Rules, frames and grids reaching into the kept blocks are the page's too (a form's boxes around values).
    # Half of such a mark lies by the print; a page's shadow line or a table's grain only touches it.
    region = cv2.dilate(kept.astype(np.uint8), np.ones((reach, reach), np.uint8)).astype(bool)
    inside = np.bincount(labels[region], minlength=count)
    is_part = inside >= 0.5 * stats[:, cv2.CC_STAT_AREA]
    is_part[0] = False
    mask = kept | is_part[labels]
    ys, xs = np.nonzero(mask)
    hull = cv2.convexHull(np.column_stack([xs, ys]).astype(np.float32)).reshape(-1, 2)
    kept_ids = np.unique(labels[kept])
    heights = stats[kept_ids, cv2.CC_STAT_HEIGHT]
    return _Print(mask=mask, hull=hull, text_height=float(np.median(heights)))


def _rotation(shape: tuple[int, int], angle: float) -> tuple[np.ndarray, tuple[int, int]]:
    """The affine turning the image by `angle` degrees about its centre onto a canvas that holds it all."""
    h, w = shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos) + 1, int(h * cos + w * sin) + 1
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return m, (nw, nh)


@dataclass
class _Side:
    angle: float
    distance: float  # pixels from the print
    cover: float
    strong: bool  # found at STRONG_COVER
    line: np.ndarray  # two points on it (working pixels of the unturned image)


def _sides_at(
    blur: np.ndarray,
    hull: np.ndarray,
    angle: float,
    needs: tuple[float, ...] = (STRONG_COVER, MIN_COVER),
    print_marks: np.ndarray | None = None,
) -> list[list[_Side]]:
    """The nearest edges above and below the print on lines turned `angle` degrees, shown along each share
    in `needs` of the print's extent (above, below). With `print_marks` (a hidden side's finer search), the
    print's strokes are left out and an edge counts on its ridge only: a strong edge's blurred band, a few
    rows thick, would cover a line a few degrees off it along a long stretch."""
    m, size = _rotation((blur.shape[0], blur.shape[1]), angle)
    pts = cv2.transform(hull.reshape(-1, 1, 2), m).reshape(-1, 2)
    x0, x1 = max(0, int(pts[:, 0].min())), min(size[0], int(pts[:, 0].max()) + 1)
    top, bottom = float(pts[:, 1].min()), float(pts[:, 1].max())
    if x1 - x0 < 20:
        return [[], []]
    # Only the columns across the print's extent are measured: only they (and the one either side, which
    # their Sobel reads) are turned, not the whole canvas of the turned frame (its warp was half the search).
    left, right = max(0, x0 - 1), min(size[0], x1 + 1)
    shifted = m.copy()
    shifted[0, 2] -= left
    window = (right - left, size[1])
    turned = cv2.warpAffine(blur, shifted, window, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    dy = cv2.Sobel(turned, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    band = np.ones((2 * EDGE_REACH + 1, 1), np.uint8)
    # Either sign: a cloth's or a grain's stripes are brighter than the paper here, darker there.
    strength = np.abs(dy[:, x0 - left : x1 - left])
    strokes = strength > EDGE_MIN
    if print_marks is not None:
        marks = cv2.warpAffine(print_marks, shifted, window, flags=cv2.INTER_NEAREST)
        strokes &= marks[:, x0 - left : x1 - left] == 0
        ridge = cv2.dilate(strength, np.ones((3, 1), np.uint8))  # the strongest of it and its neighbours
        strokes &= strength >= ridge
    edge = cv2.dilate(strokes.astype(np.uint8), band)
    cover = edge.mean(axis=1)
    inverse = cv2.invertAffineTransform(m)
    out: list[list[_Side]] = []
    extent = bottom - top
    for rows in (range(int(top) - MIN_GAP, -1, -1), range(int(bottom) + MIN_GAP + 1, size[1])):
        found: list[_Side] = []
        for need in needs:
            row = _first_run(cover, rows, need)
            if row is None:
                continue
            far = abs(row - (top if rows.step < 0 else bottom))
            if far > MAX_MARGIN * extent:
                continue
            ends = np.array([[[x0, row]], [[x1, row]]], np.float32)
            line = cv2.transform(ends, inverse).reshape(2, 2)
            found.append(_Side(angle, far, float(cover[row]), need == STRONG_COVER, line))
        out.append(found)
    return out


def _first_run(cover: np.ndarray, rows: range, need: float) -> int | None:
    """The middle of the first run of rows, going outward, along which the edge covers `need`."""
    start: int | None = None
    last: int | None = None
    for r in rows:
        if cover[r] >= need:
            start = r if start is None else start
            last = r
        elif start is not None:
            break
    if start is None or last is None:
        return None
    return (start + last) // 2


def _best(sides: list[_Side]) -> _Side | None:
    """Of the lines found at each angle, the page's edge: of the strongly shown if any, among those nearest
    the print (a line further out lies beyond the margin's edge, or is that edge seen at a wrong angle), the
    best covered."""
    strong = [s for s in sides if s.strong]
    sides = strong or sides
    if not sides:
        return None
    nearest = min(s.distance for s in sides)
    return max((s for s in sides if s.distance <= nearest + NEAR), key=lambda s: s.cover)


REFINE_REACH = 6  # pixels either side of a found side searched for its edge's exact course
REFINE_MAX_TURN_DEG = 1.5  # the fitted course stays within this of the found line (its search's step)


def _refine(blur: np.ndarray, line: np.ndarray) -> np.ndarray:
    """The side's line fitted to its edge: along it, the strongest edge across it within REFINE_REACH (the
    angles are searched ANGLE_STEP_DEG apart, so a line found drifts a few pixels along a page's side)."""
    p0, p1 = line.astype(np.float32)
    length = float(np.linalg.norm(p1 - p0))
    if length < 2:
        return line
    along = (p1 - p0) / length
    normal = np.array([-along[1], along[0]], np.float32)
    ts = np.arange(0, length, 1.0, dtype=np.float32)
    offsets = np.arange(-REFINE_REACH, REFINE_REACH + 1, dtype=np.float32)
    xs = p0[0] + ts[:, None] * along[0] + offsets[None, :] * normal[0]
    ys = p0[1] + ts[:, None] * along[1] + offsets[None, :] * normal[1]
    gx = cv2.Sobel(blur, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(blur, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    across = np.abs(gx * normal[0] + gy * normal[1])
    strength = cv2.remap(across, xs, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    best = strength.argmax(axis=1)
    keep = strength[np.arange(len(ts)), best] > EDGE_MIN
    if int(keep.sum()) < 0.3 * len(ts):
        return line
    pts = np.column_stack([xs[np.arange(len(ts)), best], ys[np.arange(len(ts)), best]])[keep]
    vx, vy, x, y = cv2.fitLine(pts.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    if abs(vx * along[0] + vy * along[1]) < np.cos(np.radians(REFINE_MAX_TURN_DEG)):
        return line  # pulled off course by the background's own stripes: keep the line as found
    return np.array([[x, y], [x + 100 * vx, y + 100 * vy]], np.float32)


def _meet(a: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """Where the lines through a's and b's two points cross."""
    (x1, y1), (x2, y2) = a
    (x3, y3), (x4, y4) = b
    den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    if abs(den) < 1e-6:
        return None
    t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / den
    return np.array([x1 + t * (x2 - x1), y1 + t * (y2 - y1)], np.float32)


def _axis(hull: np.ndarray) -> float:
    """The print's axis (degrees, within 45 of level): the page's sides are searched around it."""
    (_, _), (_, _), angle = cv2.minAreaRect(hull.astype(np.float32))
    return float((angle + 45) % 90 - 45)


# Share of the image around the print (beyond a block's reach) with an edge: a scan's margins have none (the
# search is not worth its 0.2 s there); a page's own rim alone, on a plain desk, is a few percent.
BLANK_AROUND = 0.005


def _blank_around(blur: np.ndarray, found: _Print) -> bool:
    """Nothing but blank paper around the print: a scan, where no page edge is to be found."""
    near = np.zeros(blur.shape[:2], np.uint8)
    cv2.fillConvexPoly(near, found.hull.astype(np.int32), 1)
    reach = 4 * CLUSTER_REACH + 1
    around = ~cv2.dilate(near, np.ones((reach, reach), np.uint8)).astype(bool)
    if not around.any():
        return True
    gx = cv2.Sobel(blur, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(blur, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    edges = np.maximum(np.abs(gx), np.abs(gy)) > EDGE_MIN
    return float(edges[around].mean()) < BLANK_AROUND


def find_page_outline(grey: GreyImage) -> np.ndarray | None:
    """The corners (tl, tr, br, bl; image pixels) of the one page photographed lying on something, or None."""
    scale = WORK_SIZE / max(grey.shape)
    small = np.asarray(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8)
    found = _find_print(small)
    if found is None:
        return None
    blur = cv2.GaussianBlur(small, (0, 0), 1.0).astype(np.float32)
    if _blank_around(blur, found):
        return None
    axis = _axis(found.hull)
    angles = np.arange(-MAX_TILT_DEG, MAX_TILT_DEG + 0.01, ANGLE_STEP_DEG)
    # Each side's candidates: two across the print's axis, two along it.
    families: list[list[_Side]] = [[], [], [], []]
    for delta in angles:
        found_at = [
            *_sides_at(blur, found.hull, axis + delta),
            *_sides_at(blur, found.hull, axis + delta + 90),
        ]
        for family, sides in zip(families, found_at, strict=True):
            family.extend(sides)
    best = [_best(family) for family in families]
    hidden = [i for i, b in enumerate(best) if b is None]
    shown = [b for b in best if b is not None]
    if len(hidden) == 1 and all(
        b.strong and _parts_paper(blur, _refine(blur, b.line), found.hull) for b in shown
    ):
        # Three sides plainly shown, each with the paper on one side and what it lies on on the other: the
        # page is there, its fourth side hidden in part (a thumb, a shadow band, a cloth as bright as the
        # paper) or wholly (the frame cuts it off). A scanned form's printed frame is no such side.
        side = hidden[0]
        opposite = best[side ^ 1]
        assert opposite is not None
        best[side] = _hidden_side(blur, found, side, opposite.angle)
    if any(b is None for b in best):
        return None
    # A side drawn at the print's extent (no edge shown) has none to fit to: the print's strokes lie by it.
    lines = [_refine(blur, b.line) if b.cover > 0 else b.line for b in best if b is not None]
    across, along = lines[:2], lines[2:]
    corners = [_meet(a, b) for a in across for b in along]
    if any(c is None for c in corners):
        return None
    from ektp.ocr.preprocess import _order_corners  # here: preprocess imports this module

    quad = _order_corners(np.array(corners, np.float32))
    if not _is_page(quad, small.shape, found):
        return None
    return np.asarray(quad / scale, np.float32)


# A side hidden in part: searched again, finer, near its opposite side's angle (a phone's perspective turns a
# page's opposite sides a few degrees apart), its edge shown along less of the print's extent, the print's
# own strokes (a heading close under the page's top) no part of it.
HIDDEN_TURN_DEG = 5.0
HIDDEN_STEP_DEG = 0.5
HIDDEN_COVER = 0.4
HIDDEN_MARGIN_HEIGHTS = 2.0  # text heights: a side drawn at the print's extent lies this far beyond it


def _hidden_side(blur: np.ndarray, found: _Print, side: int, near: float) -> _Side:
    """The page's `side` (0 above, 1 below the print at `near` degrees; 2, 3 at `near` + 90) whose edge
    shows on less than MIN_COVER: its edge where it shows on HIDDEN_COVER; else drawn along the print's
    extent parallel to its opposite side (nothing of the page beyond its print is lost)."""
    marks = cv2.dilate(found.mask.astype(np.uint8), np.ones((5, 5), np.uint8))  # and their blurred rims
    sides: list[_Side] = []
    for delta in np.arange(-HIDDEN_TURN_DEG, HIDDEN_TURN_DEG + 0.01, HIDDEN_STEP_DEG):
        sides.extend(_sides_at(blur, found.hull, near + delta, (HIDDEN_COVER,), marks)[side % 2])
    shown = _best(sides)
    return shown if shown is not None else _print_side(found, side, near)


STEP_OFFSETS = (5.0, 8.0)  # pixels either side of a line where the grey levels are compared
STEP_MIN = 8.0  # grey levels: the paper against what it lies on; a printed rule has paper on both sides


def _parts_paper(blur: np.ndarray, line: np.ndarray, hull: np.ndarray) -> bool:
    """Along the print's extent, the line has different grey levels a few pixels either side of it (the
    median difference at STEP_OFFSETS): a sheet's edge on a table or a cloth; a printed rule or frame on a
    scan, paper either side, has none."""
    p0, p1 = line.astype(np.float32)
    along = (p1 - p0) / max(float(np.linalg.norm(p1 - p0)), 1e-6)
    normal = np.array([-along[1], along[0]], np.float32)
    spans = (hull - p0) @ along
    ts = np.linspace(float(spans.min()), float(spans.max()), 60, dtype=np.float32)
    steps = []
    for off in STEP_OFFSETS:
        sides = [p0 + ts[:, None] * along + sign * off * normal for sign in (1, -1)]
        a, b = (
            cv2.remap(
                blur, pts[None, :, 0], pts[None, :, 1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
            )
            for pts in sides
        )
        steps.append(float(np.median(np.abs(a - b))))
    return max(steps) >= STEP_MIN


def _print_side(found: _Print, side: int, angle: float) -> _Side:
    """The line `HIDDEN_MARGIN_HEIGHTS` text heights beyond the print's extent on `side`, at `angle`."""
    m, _ = _rotation((found.mask.shape[0], found.mask.shape[1]), angle)
    pts = cv2.transform(found.hull.reshape(-1, 1, 2), m).reshape(-1, 2)
    margin = MIN_GAP + HIDDEN_MARGIN_HEIGHTS * found.text_height
    row = pts[:, 1].min() - margin if side % 2 == 0 else pts[:, 1].max() + margin
    ends = np.array([[[pts[:, 0].min(), row]], [[pts[:, 0].max(), row]]], np.float32)
    line = cv2.transform(ends, cv2.invertAffineTransform(m)).reshape(2, 2)
    return _Side(angle, margin, 0.0, False, line)


def _is_page(quad: np.ndarray, shape: tuple[int, ...], found: _Print) -> bool:
    """A convex quad of a page's size around the print, with a page's many rows of text."""
    if not cv2.isContourConvex(quad.reshape(-1, 1, 2)):
        return False
    area = cv2.contourArea(quad)
    total = shape[0] * shape[1]
    if not PAGE_MIN_AREA * total <= area <= PAGE_MAX_AREA * total:
        return False
    tl, tr, br, bl = quad
    short = min(
        float(np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2,
        float(np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2,
    )
    return found.text_height > 0 and short / found.text_height >= PAGE_MIN_TEXT_HEIGHTS
