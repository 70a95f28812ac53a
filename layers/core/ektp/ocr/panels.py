"""A page uploaded as a collage of photos: a phone's collage app puts two photos of one page (its halves,
photographed apart, overlapping) side by side or one above the other in one image. Read as it is, the
page's rows are cut in two and its table lost; joined, it reads as one page.

The photos are found by the seam between them: a straight line across the whole image (a collage's gutter,
or the edge where one photo meets the next), near an axis when the collage was scanned or photographed
again a little turned. A seam is only taken when the two sides show the same part of one page: their
features (SIFT) match under one perspective mapping (a plane seen from two places), which a table's long
rule or a page's edge across a photo never gives. The second photo is then mapped onto the first's frame,
and the page cut through the middle of what both show, so neither photo's edge or background is kept over
the other's print."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage
from ektp.ocr.page_outline import find_page_outline
from ektp.ocr.preprocess import estimate_skew, find_page, flatten_page
from ektp.ocr.sheets import print_mask

SEAM_WORK_SIZE = 800.0  # the longer side the seam search works at: a straight line across needs no more
SEAM_MAX_TILT = 20.0  # degrees off an axis: a collage scanned or photographed again is turned a little
# A seam crosses the collage from side to side: this share of the image's extent at least (a collage
# printed and photographed again sits in a border, so not all of it), and splits it into two parts of a
# photo's size (a page's top or bottom edge across a phone photo lies nearer the image's edge).
SEAM_MIN_SPAN = 0.75
SEAM_MIN_PART = 0.25
SEAMS_TRIED = 3  # the longest distinct candidates: matching costs a second a seam
# Features are matched at this many pixels (a collage of a landscape page's halves side by side is long
# and low: an area, not a side, keeps its print's strokes distinct).
MATCH_WORK_PIXELS = 1.4e6
MATCH_RATIO = 0.75  # Lowe's ratio: a feature's best match clearly better than its second
MATCH_MIN_INLIERS = 40  # one page seen twice shares hundreds of features; a repeated word a dozen
RANSAC_PIXELS = 3.0  # at the match size
SAME_SCALE = 0.02  # two views of the shared print this near in scale ...
SAME_ANGLE = 0.5  # ... and in angle (degrees) are one view: print repeated, not photographed twice
MAX_SCALE_CHANGE = 3.0  # the two photos' scales differ at most this much (a phone held nearer or farther)
MAX_CANVAS = 3.0  # the joined page at most this many times the image's area (else a wild mapping)
SKEW_WORK_SIZE = 1000.0  # the longer side a photo's lines of print are levelled at
QUAD_EDGE_MARGIN = 0.01  # of the photo's longer side: a page corner this near its edge is the frame's
QUAD_MAX_SLANT = 2.0  # degrees: a page's top or bottom edge off its lines of print by more is not its own
SIMILARITY_TOLERANCE = 0.01  # of the shared points' extent: how far two flat views may disagree
# The two photos' print joined covers this many times the larger one's at the least (two pages of one
# form matched one onto the other: about once).
MIN_GAIN = 1.1
PAPER_MIN_SHARE = 0.2  # of a side: a bright region smaller is no page (a glare, a light wall's patch)
LINE_MIN_LENGTH = 0.12  # of the photo's longer side: a table's rule or a page's edge, not a word
RULE_MIN_LENGTH = 0.05  # of the photo's longer side: a table's column rule, one row or two high
LINE_MAX_TILT = 30.0  # degrees off level (upright) for a line to be one of the rows (columns)
PRINT_MARGIN = 0.03  # of the joined print's longer side: the paper kept around it
SEAM_MARGIN = 0.006  # of the longer side: the gutter's own strip, kept out of both photos


@dataclass(frozen=True)
class Seam:
    """A straight line across the image (image pixels), the border between two photos."""

    x1: float
    y1: float
    x2: float
    y2: float

    def side(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Signed distance of each point from the line (pixels): negative on one side, positive on the other."""
        dx, dy = self.x2 - self.x1, self.y2 - self.y1
        return np.asarray((dx * (ys - self.y1) - dy * (xs - self.x1)) / np.hypot(dx, dy))

    def scaled(self, f: float) -> Seam:
        return Seam(self.x1 * f, self.y1 * f, self.x2 * f, self.y2 * f)


def seam_candidates(grey: GreyImage) -> list[Seam]:
    """Long straight lines across the image near an axis, splitting it into two parts of a photo's size,
    longest first, one for each place (a gutter's two edges are one seam)."""
    scale = SEAM_WORK_SIZE / max(grey.shape)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    edges = cv2.Canny(cv2.GaussianBlur(small, (3, 3), 0), 30, 90)
    lines = cv2.HoughLinesP(
        edges,
        1,
        np.pi / 720,
        threshold=int(0.3 * min(h, w)),
        minLineLength=int(0.5 * min(h, w)),
        maxLineGap=10,
    )
    found: list[tuple[float, float, Seam]] = []  # (span, place along the other axis, seam)
    for x1, y1, x2, y2 in [] if lines is None else lines[:, 0].tolist():
        angle = abs(np.degrees(np.arctan2(y2 - y1, x2 - x1))) % 180
        across = angle <= SEAM_MAX_TILT or angle >= 180 - SEAM_MAX_TILT  # left to right
        down = abs(angle - 90) <= SEAM_MAX_TILT  # top to bottom
        if not (across or down):
            continue
        length = float(np.hypot(x2 - x1, y2 - y1))
        span, place = (length / w, (y1 + y2) / 2 / h) if across else (length / h, (x1 + x2) / 2 / w)
        if span < SEAM_MIN_SPAN or not SEAM_MIN_PART <= place <= 1 - SEAM_MIN_PART:
            continue
        found.append((span, place + (0 if across else 10), Seam(x1, y1, x2, y2).scaled(1 / scale)))
    out: list[tuple[float, Seam]] = []
    for _, place, seam in sorted(found, key=lambda f: -f[0]):
        if all(abs(place - p) > 0.03 for p, _ in out):
            out.append((place, seam))
    return [s for _, s in out[:SEAMS_TRIED]]


@dataclass(frozen=True)
class Match:
    """The mapping of the second photo's pixels onto the first's (image pixels), and the pixels both show."""

    seam: Seam
    second_to_first: np.ndarray  # 3x3
    shared_first: np.ndarray  # the matched points in the first photo (image pixels), N x 2
    shared_second: np.ndarray


def match_sides(grey: GreyImage, seam: Seam) -> Match | None:
    """The two sides' photos of one page mapped onto each other, or None when they do not show the same
    page (too few features agree on one perspective mapping, or it is no phone's view of a plane)."""
    f = min(1.0, float(np.sqrt(MATCH_WORK_PIXELS / (grey.shape[0] * grey.shape[1]))))
    small = cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    sift = cv2.SIFT_create(nfeatures=4000)  # type: ignore[attr-defined]  # in cv2 4.4+, not in its stubs
    keys, desc = sift.detectAndCompute(small, None)
    if desc is None or len(keys) < 2 * MATCH_MIN_INLIERS:
        return None
    pts = np.array([k.pt for k in keys], np.float32)
    side = seam.scaled(f).side(pts[:, 0], pts[:, 1])
    first, second = side < -RANSAC_PIXELS, side > RANSAC_PIXELS
    if first.sum() < MATCH_MIN_INLIERS or second.sum() < MATCH_MIN_INLIERS:
        return None
    pairs = cv2.BFMatcher().knnMatch(desc[second], desc[first], k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < MATCH_RATIO * p[1].distance]
    if len(good) < MATCH_MIN_INLIERS:
        return None
    src = pts[second][[g.queryIdx for g in good]]
    dst = pts[first][[g.trainIdx for g in good]]
    homography, inliers = cv2.findHomography(src, dst, cv2.RANSAC, RANSAC_PIXELS)
    if homography is None or int(inliers.sum()) < MATCH_MIN_INLIERS:
        return None
    keep = inliers.ravel().astype(bool)
    back = np.diag([1 / f, 1 / f, 1.0])
    full = back @ homography @ np.linalg.inv(back)
    shared_first, shared_second = dst[keep] / f, src[keep] / f
    if not _plane_seen_twice(full, shared_second) or _printed_twice(shared_first, shared_second):
        return None
    return Match(seam, full, shared_first, shared_second)


def _plane_seen_twice(homography: np.ndarray, points: np.ndarray) -> bool:
    """A mapping a phone's two views of a flat page can have: it keeps the page's side up (no mirror) and
    changes its scale within what a phone held nearer or farther does, all over the shared region."""
    for x, y in (points.min(axis=0), points.max(axis=0), points.mean(axis=0)):
        scale = _local_scale(homography, float(x), float(y))
        if not 1 / MAX_SCALE_CHANGE <= scale <= MAX_SCALE_CHANGE:
            return False
    return True


def _printed_twice(first: np.ndarray, second: np.ndarray) -> bool:
    """The shared print only shifted: at the same size and angle, which is print repeated in one image (a
    document's heading on each of its sheets, a form's labels on two pages scanned together), not one page
    photographed twice (two photos never share a scale and a tilt so nearly)."""
    model, _ = cv2.estimateAffinePartial2D(
        second.astype(np.float32), first.astype(np.float32), method=cv2.LMEDS
    )
    if model is None:
        return False
    scale = float(np.hypot(model[0, 0], model[1, 0]))
    angle = float(np.degrees(np.arctan2(model[1, 0], model[0, 0])))
    return abs(scale - 1) < SAME_SCALE and abs(angle) < SAME_ANGLE


def _local_scale(homography: np.ndarray, x: float, y: float) -> float:
    """How much the mapping stretches lengths around (x, y): the square root of its Jacobian's determinant
    (negative: mirrored, which no view of a page is)."""
    h = homography
    d = h[2, 0] * x + h[2, 1] * y + h[2, 2]
    u = (h[0, 0] * x + h[0, 1] * y + h[0, 2]) / d
    v = (h[1, 0] * x + h[1, 1] * y + h[1, 2]) / d
    jac = (
        np.array(
            [[h[0, 0] - u * h[2, 0], h[0, 1] - u * h[2, 1]], [h[1, 0] - v * h[2, 0], h[1, 1] - v * h[2, 1]]]
        )
        / d
    )
    det = float(np.linalg.det(jac))
    return float(np.sqrt(det)) if det > 0 else 0.0


def find_collage(grey: GreyImage) -> Match | None:
    """The image's two photos of one page and how they map, or None when it is not such a collage."""
    for seam in seam_candidates(grey):
        match = match_sides(grey, seam)
        if match is not None:
            return match
    return None


def join_collage(grey: GreyImage, match: Match, image: np.ndarray | None = None) -> np.ndarray | None:
    """The page joined from the collage's two photos (`image`, grey or colour; the grey one by default);
    None when the joined frame would be unreasonably large or the photos add nothing to each other. Each
    side's photo is first seen flat (`_side_view`), and the two flat views are joined by a shift, a turn
    and a scale only, which holds over the whole page where a perspective mapping fitted on the narrow
    strip both show bends the far end."""
    image = grey if image is None else image
    h, w = image.shape[:2]
    seam, homography = match.seam, match.second_to_first
    first_pts, second_pts = match.shared_first, match.shared_second
    centre = second_pts.mean(axis=0)
    if _local_scale(homography, float(centre[0]), float(centre[1])) < 1:
        # The second photo shows the page larger: its frame keeps the finer print.
        seam = Seam(seam.x2, seam.y2, seam.x1, seam.y1)  # its side is now the negative one
        homography = np.linalg.inv(homography)
        first_pts, second_pts = second_pts, first_pts
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    side = seam.side(xs, ys)
    margin = SEAM_MARGIN * max(h, w)
    first_part, second_part = side < -margin, side > margin
    del xs, ys, side
    # The paper alone: each photo's table or wall is left out (white), so the joined image is the page on
    # white, as a scan shows it, and no outline is taken from what lay around either photo.
    first_paper, second_paper = first_part & _paper(grey, first_part), second_part & _paper(grey, second_part)
    (flat_first, first_quad), (flat_second, second_quad) = (
        _side_view(grey, first_part, first_paper),
        _side_view(grey, second_part, second_paper),
    )
    between = _similarity(_mapped(flat_second, second_pts), _mapped(flat_first, first_pts))
    if between is None:
        return None
    to_first, to_second = flat_first, between @ flat_second  # image pixels -> the joined frame, unshifted
    first_box, second_box = _corners_of(first_part), _corners_of(second_part)
    # Each photo's page alone where it is found: the joined image is the page, as a scan is, with no two
    # backgrounds around it for the page search to take an outline from.
    if first_quad is not None:
        first_box = first_quad
        first_part &= _filled(first_quad, first_part.shape)
    if second_quad is not None:
        second_box = second_quad
        second_part &= _filled(second_quad, second_part.shape)
    first_part &= first_paper
    second_part &= second_paper
    first_print, second_print = (
        _print_box(grey, first_part, to_first),
        _print_box(grey, second_part, to_second),
    )
    if not _adds_to(first_print, second_print):
        return None
    a_pts, b_pts = _mapped(to_first, first_pts), _mapped(to_second, second_pts)
    # The cut: through the middle of what both photos show, across the way from one photo's print to the
    # other's, so each pixel comes from the photo that shows it farther from its own edge.
    toward = np.subtract(_box_centre(second_print), _box_centre(first_print))
    middle = (a_pts.mean(axis=0) + b_pts.mean(axis=0)) / 2
    corners = np.vstack([_mapped(to_first, first_box), _mapped(to_second, second_box)])
    low, high = np.floor(corners.min(axis=0)) - 8, np.ceil(corners.max(axis=0)) + 8
    # The page's print and a margin, no more: the joined image is the page as a scan shows it, the two
    # photos' tables and walls mostly left out, so no outline is taken from them.
    union = np.array(
        [
            min(first_print[0], second_print[0]),
            min(first_print[1], second_print[1]),
            max(first_print[2], second_print[2]),
            max(first_print[3], second_print[3]),
        ]
    )
    margin = PRINT_MARGIN * float(np.max(union[2:] - union[:2]))
    low = np.maximum(low, np.floor(union[:2] - margin))
    high = np.minimum(high, np.ceil(union[2:] + margin))
    size = (int(high[0] - low[0]), int(high[1] - low[1]))
    if min(size) <= 0 or size[0] * size[1] > MAX_CANVAS * h * w:
        return None
    shift = np.array([[1, 0, -low[0]], [0, 1, -low[1]], [0, 0, 1]], np.float64)
    # Around the page, its own paper's shade (as a scan's margin is): no edge for a page search to follow.
    paper = np.median(image[first_part | second_part], axis=0)
    fill = tuple(float(v) for v in np.atleast_1d(paper))
    a = cv2.warpPerspective(
        _masked(image, first_part, fill), shift @ to_first, size, flags=cv2.INTER_LINEAR, borderValue=fill
    )
    b = cv2.warpPerspective(
        _masked(image, second_part, fill), shift @ to_second, size, flags=cv2.INTER_LINEAR, borderValue=fill
    )
    cy, cx = np.mgrid[0 : size[1], 0 : size[0]].astype(np.float32)
    take_second = (cx + low[0] - middle[0]) * toward[0] + (cy + low[1] - middle[1]) * toward[1] > 0
    if image.ndim == 3:
        take_second = take_second[..., None]
    return np.asarray(np.where(take_second, b, a), np.uint8)


def _print_box(grey: GreyImage, part: np.ndarray, to: np.ndarray) -> tuple[float, float, float, float]:
    """Where one side's print lies in the joined frame (left, top, right, bottom): its ink's extent, the
    outermost hundredth left out (a speck, the table's grain)."""
    f = SEAM_WORK_SIZE / max(grey.shape)
    small = np.asarray(cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA), np.uint8)
    inside = cv2.resize(
        part.astype(np.uint8), (small.shape[1], small.shape[0]), interpolation=cv2.INTER_NEAREST
    )
    ys, xs = np.nonzero(print_mask(small).astype(bool) & inside.astype(bool))
    if xs.size < 10:
        return (0.0, 0.0, 0.0, 0.0)
    pts = _mapped(to, np.column_stack([xs, ys]) / f)
    (left, top), (right, bottom) = np.percentile(pts, 1, axis=0), np.percentile(pts, 99, axis=0)
    return (float(left), float(top), float(right), float(bottom))


def _paper(grey: GreyImage, part: np.ndarray) -> np.ndarray:
    """The paper on one side (image pixels): the outline around the largest region brighter than its
    surroundings (Otsu's cut, its print closed over) and around the print (a shadow across the paper may
    fall below the cut), or the whole side when neither is found."""
    f = SEAM_WORK_SIZE / max(grey.shape)
    small = np.asarray(cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA), np.uint8)
    shape = (small.shape[1], small.shape[0])
    inside = cv2.resize(part.astype(np.uint8), shape, interpolation=cv2.INTER_NEAREST) > 0
    values = np.asarray(small[inside], np.uint8)
    cut, _ = cv2.threshold(values.reshape(-1, 1), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = ((cv2.GaussianBlur(small, (5, 5), 0) > cut) & inside).astype(np.uint8)
    bright = np.asarray(cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8)), np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(bright, connectivity=8)
    outlines = []
    if count >= 2:
        biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        if stats[biggest, cv2.CC_STAT_AREA] >= PAPER_MIN_SHARE * inside.sum():
            ys, xs = np.nonzero(labels == biggest)
            outlines.append(np.column_stack([xs, ys]))
    ys, xs = np.nonzero(print_mask(small).astype(bool) & inside)
    if xs.size >= 100:
        ink = np.column_stack([xs, ys])
        low, high = np.percentile(ink, 1, axis=0), np.percentile(ink, 99, axis=0)
        outlines.append(ink[np.all((ink >= low) & (ink <= high), axis=1)])
    if not outlines:
        return np.ones_like(part)
    paper = np.zeros(small.shape, np.uint8)
    for points in outlines:
        cv2.fillConvexPoly(paper, cv2.convexHull(points.astype(np.int32)), 1)
    paper = np.asarray(cv2.dilate(paper, np.ones((9, 9), np.uint8)), np.uint8)
    return cv2.resize(paper, (part.shape[1], part.shape[0]), interpolation=cv2.INTER_NEAREST) > 0


def _box_centre(box: tuple[float, float, float, float]) -> tuple[float, float]:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


def _adds_to(first: tuple[float, float, float, float], second: tuple[float, float, float, float]) -> bool:
    """Each photo shows print of the page the other does not: together their print covers a good deal more
    than either's. Two pages of one form (two families' KKs photographed into one collage) match on every
    label and rule, one page onto the other: joined, they would be one page of two families' print."""

    def area(box: tuple[float, float, float, float]) -> float:
        return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])

    shared = (
        max(first[0], second[0]),
        max(first[1], second[1]),
        min(first[2], second[2]),
        min(first[3], second[3]),
    )
    a, b = area(first), area(second)
    return a + b - area(shared) >= MIN_GAIN * max(a, b)


def _side_view(grey: GreyImage, part: np.ndarray, paper: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """How one side's photo is seen flat (3x3, image pixels to a flat frame), and its page's corners when
    the whole page is in view. The side is cut out and what lies beyond it filled with its own middle
    shade, so the other photo is no part of the search. A page found whole, its top and bottom edges along
    its print's lines, is seen flat by its corners; else (a page cut by the photo's frame, an outline that
    is not the paper's) by its own straight lines (`_line_rectification`), or at the least turned so its
    lines of print lie level."""
    ys, xs = np.nonzero(part)
    x0, x1, y0, y1 = int(xs.min()), int(xs.max()) + 1, int(ys.min()), int(ys.max()) + 1
    crop = grey[y0:y1, x0:x1].copy()
    inside = part[y0:y1, x0:x1]
    crop[~inside] = int(np.median(crop[inside]))
    at = np.array([x0, y0], np.float32)
    on_paper = crop.copy()
    on_paper[~paper[y0:y1, x0:x1]] = int(np.median(crop[paper[y0:y1, x0:x1]])) if paper.any() else 255
    skew = _print_skew(on_paper)
    for find in (find_page, find_page_outline):  # a bright sheet on a darker ground; by its print's outline
        corners = find(crop)
        if corners is not None and _a_page_quad(np.asarray(corners, np.float32), crop.shape, skew):
            quad = np.asarray(corners, np.float32) + at
            return _flattening(quad), quad
    shift = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], np.float64)
    by_lines = _line_rectification(on_paper)  # the page's own lines: none of a table's grain or a curtain's
    if by_lines is not None:
        return by_lines @ shift, None
    turn = cv2.getRotationMatrix2D((crop.shape[1] / 2, crop.shape[0] / 2), skew, 1.0)
    return np.vstack([turn, [0.0, 0.0, 1.0]]) @ shift, None


def _line_rectification(crop: GreyImage) -> np.ndarray | None:
    """The perspective mapping (3x3, crop pixels to a flat frame of about the same scale) that makes the
    page's straight lines within its print (table rules, the rows' long edges, its own edges) run level
    and upright: each family's vanishing point, fitted to its lines, is sent to infinity. None when the
    print holds too few long lines across or down to fit them."""
    f = min(1.0, SKEW_WORK_SIZE / max(crop.shape))
    small = np.asarray(cv2.resize(crop, None, fx=f, fy=f, interpolation=cv2.INTER_AREA), np.uint8)
    ys, xs = np.nonzero(print_mask(small))
    if xs.size < 100:
        return None
    low, high = np.percentile(np.column_stack([xs, ys]), [2, 98], axis=0)
    edges = cv2.Canny(cv2.GaussianBlur(small, (3, 3), 0), 30, 90)
    size = max(small.shape)
    segments = cv2.HoughLinesP(
        edges, 1, np.pi / 720, threshold=40, minLineLength=int(RULE_MIN_LENGTH * size), maxLineGap=6
    )
    across: list[np.ndarray] = []
    down: list[np.ndarray] = []
    for seg in [] if segments is None else segments[:, 0].astype(np.float64):
        mid = (seg[:2] + seg[2:]) / 2
        if np.any(mid < low) or np.any(mid > high):
            continue  # beyond the print: the table under the page, a curtain's fold
        angle = abs(np.degrees(np.arctan2(seg[3] - seg[1], seg[2] - seg[0]))) % 180
        length = float(np.hypot(seg[2] - seg[0], seg[3] - seg[1]))
        if min(angle, 180 - angle) <= LINE_MAX_TILT:
            if length >= LINE_MIN_LENGTH * size:
                across.append(seg)
        elif abs(angle - 90) <= LINE_MAX_TILT:
            down.append(seg)
    if len(across) < 3 or len(down) < 2:
        return None
    centre, scale = (low + high) / 2, float(np.max(high - low)) / 2
    to_unit = np.array([[f / scale, 0, -centre[0] / scale], [0, f / scale, -centre[1] / scale], [0, 0, 1]])
    unit = [np.array([(s[:2] - centre) / scale, (s[2:] - centre) / scale]) for s in across + down]
    level, upright = _vanishing(unit[: len(across)]), _vanishing(unit[len(across) :])
    horizon = np.cross(level, upright)
    if abs(horizon[2]) < 1e-9:
        return None
    lift = np.array([[1.0, 0, 0], [0, 1.0, 0], horizon / horizon[2]])
    d_across, d_down = (lift @ level)[:2], (lift @ upright)[:2]
    d_across = d_across * np.sign(d_across[0] or 1.0)
    d_down = d_down * np.sign(d_down[1] or 1.0)
    axes = np.column_stack([d_across / np.linalg.norm(d_across), d_down / np.linalg.norm(d_down)])
    if abs(np.linalg.det(axes)) < 0.5:  # the two families nearly one: no page's rows and columns
        return None
    square = np.eye(3)
    square[:2, :2] = np.linalg.inv(axes)
    flat = np.linalg.inv(to_unit) @ square @ lift @ to_unit
    return np.asarray(flat / flat[2, 2], np.float64)


def _vanishing(segments: list[np.ndarray]) -> np.ndarray:
    """The point (homogeneous) nearest all the segments' lines, each weighed by its length."""
    rows = []
    for (x1, y1), (x2, y2) in segments:
        line = np.cross([x1, y1, 1.0], [x2, y2, 1.0])
        rows.append(line / np.hypot(line[0], line[1]) * np.hypot(x2 - x1, y2 - y1))
    _, _, vt = np.linalg.svd(np.array(rows))
    return np.asarray(vt[-1])


def _print_skew(crop: GreyImage) -> float:
    """The angle (degrees) that lays the photo's lines of print level."""
    f = min(1.0, SKEW_WORK_SIZE / max(crop.shape))
    small = cv2.resize(crop, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    # Print, not the table's grain or a curtain's folds: strokes darker than the paper just around them.
    return estimate_skew(print_mask(np.asarray(small, np.uint8)), SEAM_MAX_TILT)


def _a_page_quad(corners: np.ndarray, shape: tuple[int, ...], skew: float) -> bool:
    """Four distinct corners, convex, of a page's size in its photo (a tenth of it at the least), none on
    the photo's edge (a page the frame cuts has the frame for a side), its top and bottom edges along the
    lines of print (`skew`: an outline of something else, or the paper seen so slanted, is not used)."""
    h, w = shape[:2]
    sides = [float(np.linalg.norm(corners[i] - corners[i - 1])) for i in range(4)]
    edge = QUAD_EDGE_MARGIN * max(h, w)
    on_edge = np.any(
        (corners[:, 0] < edge)
        | (corners[:, 1] < edge)
        | (corners[:, 0] > w - edge)
        | (corners[:, 1] > h - edge)
    )
    tl, tr, br, bl = corners
    slants = [np.degrees(np.arctan2(b[1] - a[1], b[0] - a[0])) for a, b in ((tl, tr), (bl, br))]
    return bool(
        min(sides) > 0.1 * min(h, w)
        and cv2.isContourConvex(corners.reshape(-1, 1, 2))
        and cv2.contourArea(corners.reshape(-1, 1, 2)) >= 0.1 * h * w
        and not on_edge
        and all(abs(a - skew) <= QUAD_MAX_SLANT for a in slants)
    )


def _flattening(corners: np.ndarray) -> np.ndarray:
    """The perspective mapping that shows a sheet's corners (tl, tr, br, bl) as an upright rectangle."""
    tl, tr, br, bl = corners
    width = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    return np.asarray(cv2.getPerspectiveTransform(np.asarray(corners, np.float32), dst), np.float64)


def _similarity(src: np.ndarray, dst: np.ndarray) -> np.ndarray | None:
    """A shift, turn and scale taking `src` to `dst` (3x3), fitted robustly; None when too few agree. The
    tolerance is wide: two photos only turned level still differ by their perspectives."""
    spread = float(np.ptp(dst, axis=0).max())
    model, inliers = cv2.estimateAffinePartial2D(
        src.astype(np.float32),
        dst.astype(np.float32),
        method=cv2.RANSAC,
        ransacReprojThreshold=max(6.0, SIMILARITY_TOLERANCE * spread),
    )
    if model is None or int(inliers.sum()) < MATCH_MIN_INLIERS:
        return None
    return np.vstack([model, [0.0, 0.0, 1.0]])


def _filled(corners: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    out = np.zeros(shape[:2], np.uint8)
    cv2.fillConvexPoly(out, np.round(corners).astype(np.int32), 1)
    return out.astype(bool)


def _masked(image: np.ndarray, part: np.ndarray, fill: tuple[float, ...]) -> np.ndarray:
    out = np.empty_like(image)
    out[...] = np.asarray(fill, image.dtype) if image.ndim == 3 else fill[0]
    out[part] = image[part]
    return out


def _part_centre(part: np.ndarray) -> np.ndarray:
    ys, xs = np.nonzero(part)
    return np.array([xs.mean(), ys.mean()])


def _corners_of(part: np.ndarray) -> np.ndarray:
    ys, xs = np.nonzero(part)
    return np.array([[xs.min(), ys.min()], [xs.max(), ys.min()], [xs.max(), ys.max()], [xs.min(), ys.max()]])


def _mapped(homography: np.ndarray, points: np.ndarray) -> np.ndarray:
    pts = np.asarray(points, np.float64).reshape(-1, 1, 2)
    out = cv2.perspectiveTransform(pts, homography).reshape(-1, 2)
    return out[0] if np.asarray(points).ndim == 1 else out


def joined_page(grey: GreyImage) -> GreyImage | None:
    """The page of a collage of two overlapping photos of it, joined into one image; None for any other
    image (the usual case: a long line across it is looked for, and only such a line's sides are matched)."""
    match = find_collage(grey)
    joined = None if match is None else join_collage(grey, match)
    # Its light evened out, as a scanner app does: a shadow over one photo's part is no darker paper for
    # the page search to take an outline from, the page already being flat.
    return None if joined is None else flatten_page(joined)
