"""A card photographed on something, found as a rectangle seen in perspective.

A phone held at an angle over a card on a cloth, a desk or a hand sees a convex quadrilateral whose sides
are the card's straight rims, whose inside differs from what lies around it along them, and whose real
proportions (once perspective is undone) are ID-1's. The background may be busy (a printed cloth, wood
grain): its pattern touches the card's rim, so a region found by brightness alone grows over it. Here a
rough outline (from regions, opened to cut off a pattern's pieces touching the card) is brought onto the
rims by the brightness step across each side, measured along its whole length and fitted as a straight
line; the corners are where the fitted sides meet (a card's rounded corners are cut by none of them).

Everything here works on the frame scaled to FRAME px on its long side; corners are in that frame's pixels.
"""

from __future__ import annotations

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage

FRAME = 800.0
# Openings that cut a busy background's pieces from a card's region: wider than a printed cloth's motifs
# (a few percent of the frame), far narrower than a card readable in the frame (a quarter of it or more).
OPEN_SIZES = (0.03, 0.06)
# Each side is looked for this share of the shorter side of the quad inside and outside the rough one.
SIDE_REACH = 0.05
SIDE_SAMPLES = 48
SIDE_SPAN = (0.1, 0.9)  # of a side's length: its middle, clear of the rounded corners
# A rim steps the grey by this much at least, between two points this far (px) apart across it (a blurred
# far edge steps as much, over more pixels).
RIM_STEP, RIM_GAP = 12.0, 3
RIM_SEEN = 0.4  # share of a side's samples that must find its rim for the side to be fitted
RIM_BAND = (2, 6)  # px inside and outside a side its two sides are compared over
RIM_FIT = 2.0  # px from the fitted line a rim point may lie, on the second fit
PHONE_FOCAL = 0.8  # of the frame's long side: a phone's main camera, 26-28 mm in a 35 mm film's terms
QUAD_SIDES_SHARE = 0.75  # of an outline's length its four sides make at least (corners the rest)
MIN_SIDES = 3  # sides that must be rims (the fourth may lie along something about as bright as the card)
RIM_MIN = 0.6  # share of a side along which it must part inside from outside, to count as a rim (a cloth
# whose motifs are as light as the card hides up to a third of it)
# The side least seen as a rim, at the least: a quad with a side across the paper (a sheet's print taken in
# with a copied card) has none there; a card's side on a background as light as it still shows in places.
RIM_WEAKEST = 0.4
RIM_TIE = 0.05  # quads whose sides are rims along this much less of their length are as clear
REFINE_PASSES = 2  # a rough side some pixels off comes onto the rim in one, exactly in the second
# The proportions with perspective undone may exceed the card's range by this factor: a lens a quarter longer
# than assumed puts a card tilted 35-40 degrees at up to 1.82 (ID-1 is 1.59).
TRUE_ASPECT_SLACK = 1.03

Line = tuple[np.ndarray, np.ndarray]  # a point on it and its unit direction


def true_aspect(corners: np.ndarray, shape: tuple[int, ...]) -> float:
    """The real proportions (longer over shorter side) of the rectangle whose perspective image is the
    quad (tl, tr, br, bl), for a camera looking through the frame's centre with a phone's usual lens (its
    focal length PHONE_FOCAL of the frame's long side: a 65-70 degree view across).

    Zhang and He's whiteboard method, the focal length taken as known: from a single card it is ill-posed
    (undefined when two sides look parallel), and a phone's wide lens varies little."""
    width, height = _sides_in_space(corners, shape)
    ratio = float(np.linalg.norm(width) / max(1e-9, float(np.linalg.norm(height))))
    return max(ratio, 1.0 / max(ratio, 1e-6))


def _sides_in_space(corners: np.ndarray, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The directions (scaled alike) of the quad's top and left sides in space."""
    centre = np.array([shape[1] / 2.0, shape[0] / 2.0])
    tl, tr, br, bl = (np.append(p - centre, 1.0) for p in corners.astype(np.float64))
    k2 = _ratio(np.dot(np.cross(tl, br), bl), np.dot(np.cross(tr, br), bl))
    k3 = _ratio(np.dot(np.cross(tl, br), tr), np.dot(np.cross(bl, br), tr))
    n2, n3 = k2 * tr - tl, k3 * bl - tl
    focal = PHONE_FOCAL * max(shape[:2])
    scale = np.array([1 / focal, 1 / focal, 1.0])
    return n2 * scale, n3 * scale


def _ratio(a: float, b: float) -> float:
    return float(a) / (float(b) if abs(b) > 1e-9 else 1e-9)


def rough_quad(hull: np.ndarray) -> np.ndarray | None:
    """The four sides of a convex outline as the lines along its four longest straight stretches, met at
    its corners (tl, tr, br, bl): a card's rounded or cut corners, or a pattern's piece left on its rim, make
    short stretches between them; None when four stretches are not most of the outline."""
    perimeter = cv2.arcLength(hull, True)
    poly = cv2.approxPolyDP(hull, 0.01 * perimeter, True).reshape(-1, 2).astype(np.float64)
    if len(poly) < 4:
        return None
    ends = np.roll(poly, -1, axis=0)
    lengths = np.linalg.norm(ends - poly, axis=1)
    longest = sorted(np.argsort(-lengths)[:4])
    if lengths[longest].sum() < QUAD_SIDES_SHARE * perimeter:
        return None
    lines: list[Line] = [(poly[i], (ends[i] - poly[i]) / max(1e-6, lengths[i])) for i in longest]
    points = [_cross(lines[i - 1], lines[i]) for i in range(4)]
    if any(p is None for p in points):
        return None
    quad = np.asarray(points, np.float32)
    if not cv2.isContourConvex(quad.reshape(-1, 1, 2)):
        return None
    return _order(quad)


def _order(pts: np.ndarray) -> np.ndarray:
    """Corners as tl, tr, br, bl (by the sums and differences of their coordinates)."""
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], dtype=np.float32
    )


def _opened_regions(masks: list[GreyImage]) -> list[np.ndarray]:
    """The outlines (convex hulls, in the masks' pixels) of the regions of each mask opened at each of
    OPEN_SIZES: a pattern's pieces touching the card come away from it. Opened at half size with square
    kernels (ten times faster than round ones at full size; the outline is only where the rims are looked
    for, and a square cuts a turned card's corners, which no side's line runs through)."""
    hulls: list[np.ndarray] = []
    for mask in masks:
        half = cv2.resize(mask, (mask.shape[1] // 2, mask.shape[0] // 2), interpolation=cv2.INTER_NEAREST)
        for share in OPEN_SIZES:
            k = max(3, int(share * max(half.shape)) | 1)
            opened = cv2.morphologyEx(half, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
            contours, _ = cv2.findContours(opened, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
            hulls.extend(cv2.convexHull(c) * 2 for c in contours)
    return hulls


def _sample(image: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Bilinear grey values at float points (..., 2), the frame's edge repeated beyond it."""
    xs = np.ascontiguousarray(points[..., 0], dtype=np.float32)
    ys = np.ascontiguousarray(points[..., 1], dtype=np.float32)
    return np.asarray(cv2.remap(image, xs, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE), np.float32)


def _fit_side(
    image: np.ndarray, a: np.ndarray, b: np.ndarray, inward: np.ndarray, reach: float
) -> Line | None:
    """The rim near the side a-b: at points along its middle, the place within `reach` across it where the
    grey steps most in the side's own direction (inside brighter or darker than outside, as most of the side
    says), nearer ones preferred; fitted as a line. None when too few points step enough."""
    t = np.linspace(SIDE_SPAN[0], SIDE_SPAN[1], SIDE_SAMPLES)[:, None]
    base = a + t * (b - a)
    offsets = np.arange(-reach, reach + 0.5, 1.0)
    grid = base[:, None, :] + offsets[None, :, None] * inward[None, None, :]
    profile = _sample(image, grid)  # samples x offsets, outside to inside
    step = np.zeros_like(profile)
    step[:, RIM_GAP:-RIM_GAP] = profile[:, 2 * RIM_GAP :] - profile[:, : -2 * RIM_GAP]
    middle = len(offsets) // 2
    # Which way the rim steps: the card's side of the band against the other's, as most of the side has it.
    inner, outer = profile[:, middle + 1 :].mean(axis=1), profile[:, :middle].mean(axis=1)
    sign = 1.0 if float(np.median(inner - outer)) >= 0 else -1.0
    signed = sign * step
    # A pattern's edge farther out may step as much as the rim: the nearer of equals is taken.
    weight = 1.0 - 0.5 * np.abs(offsets) / max(reach, 1.0)
    best = np.argmax(signed * weight[None, :], axis=1)
    ok = signed[np.arange(len(best)), best] >= RIM_STEP
    if ok.mean() < RIM_SEEN:
        return None
    points = grid[np.arange(len(best)), best][ok].astype(np.float32)
    line = _fit_line(points)
    if line is None:
        return None
    # Again without the points off the line (a motif's edge taken for the rim at a few places).
    p, d = line
    normal = np.array([-d[1], d[0]])
    near = np.abs((points - p) @ normal) <= RIM_FIT
    if near.sum() < RIM_SEEN * SIDE_SAMPLES:
        return None
    return _fit_line(points[near])


def _fit_line(points: np.ndarray) -> Line | None:
    if len(points) < 2:
        return None
    vx, vy, x0, y0 = cv2.fitLine(points, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    return np.array([x0, y0], np.float64), np.array([vx, vy], np.float64)


def _cross(first: Line, second: Line) -> np.ndarray | None:
    (p, d), (q, e) = first, second
    matrix = np.array([[d[0], -e[0]], [d[1], -e[1]]])
    if abs(np.linalg.det(matrix)) < 1e-6:
        return None
    s = np.linalg.solve(matrix, q - p)
    return np.asarray(p + s[0] * d, np.float32)


def refine_quad(image: np.ndarray, corners: np.ndarray) -> np.ndarray | None:
    """The quad's sides moved onto the card's rims; a side with no rim near it stays where it was. None when
    the sides no longer meet in a convex quad near the old one."""
    short = min(float(np.linalg.norm(corners[i] - corners[(i + 1) % 4])) for i in range(4))
    reach = max(6.0, SIDE_REACH * short)
    lines: list[Line] = []
    for a, b, direction, inward in _sides(corners):
        lines.append(_fit_side(image, a, b, inward, reach) or (a, direction))
    points = [_cross(lines[i - 1], lines[i]) for i in range(4)]
    if any(p is None for p in points):
        return None
    quad = np.asarray(points, np.float32)
    if not cv2.isContourConvex(quad.reshape(-1, 1, 2)):
        return None
    if float(np.abs(quad - corners).max()) > 3 * reach:
        return None
    return quad


def _sides(corners: np.ndarray) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Each side of the quad (top, right, bottom, left): its ends, its unit direction, its inward normal."""
    centre = corners.mean(axis=0)
    out = []
    for i in range(4):
        a, b = corners[i].astype(np.float64), corners[(i + 1) % 4].astype(np.float64)
        direction = (b - a) / max(1e-6, float(np.linalg.norm(b - a)))
        inward = np.array([-direction[1], direction[0]])
        if float(np.dot(centre - (a + b) / 2, inward)) < 0:
            inward = -inward
        out.append((a, b, direction, inward))
    return out


def rim_contrast(image: np.ndarray, corners: np.ndarray) -> list[float]:
    """For each side of the quad, the share of its length along which the inside steps away from the
    outside, the same way as along most of it (a card's rim; a line through a pattern steps both ways and
    often not at all)."""
    out: list[float] = []
    for a, b, _, inward in _sides(corners):
        t = np.linspace(SIDE_SPAN[0], SIDE_SPAN[1], SIDE_SAMPLES)[:, None]
        base = a + t * (b - a)
        depth = np.arange(RIM_BAND[0], RIM_BAND[1] + 1, dtype=np.float64)
        inner = _sample(image, base[:, None, :] + depth[None, :, None] * inward).mean(axis=1)
        outer = _sample(image, base[:, None, :] - depth[None, :, None] * inward).mean(axis=1)
        step = inner - outer
        sign = 1.0 if float(np.median(step)) >= 0 else -1.0
        out.append(float((sign * step >= RIM_STEP).mean()))
    return out


def card_in_scene(
    small: GreyImage,
    masks: list[GreyImage],
    area_range: tuple[float, float],
    aspect_range: tuple[float, float],
) -> np.ndarray | None:
    """The card-shaped quad in the frame whose sides are most clearly rims, or None: from each region of
    the masks and of the masks opened, its outline's four sides brought onto the rims around it, kept when
    at least MIN_SIDES of them part an inside from an outside along most of their length and its
    proportions, perspective undone or averaged out, are a card's. Of the quads kept, the one whose sides
    part inside from outside along the most of their length (a quad that took in a strip of the cloth has a
    side across the pattern, which steps only where a motif lies), of equals the largest. Corners in the
    frame's pixels (`small`)."""
    image = cv2.GaussianBlur(small, (3, 3), 0)
    total = small.shape[0] * small.shape[1]
    kept: list[tuple[float, float, np.ndarray]] = []
    # A card may be its mask's region or a hole in it (a tinted card among a cloth's tints is a colour
    # of its own only against the frame's border).
    both = [*masks, *(np.asarray(cv2.bitwise_not(m), np.uint8) for m in masks)]
    hulls = [
        cv2.convexHull(c)
        for m in both
        for c in cv2.findContours(m, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)[0]
    ]
    for hull in [*hulls, *_opened_regions(both)]:
        area = cv2.contourArea(hull) / total
        if not area_range[0] <= area <= area_range[1] or _touches_frame(hull, small.shape):
            continue
        found = _rimmed_quad(image, hull, aspect_range)
        if found is None:
            continue
        quad, rims = found
        quad_area = float(cv2.contourArea(quad)) / total
        if area_range[0] <= quad_area <= area_range[1]:
            kept.append((rims, quad_area, quad))
    if not kept:
        return None
    clearest = max(rims for rims, _, _ in kept)
    return max((k for k in kept if k[0] >= clearest - RIM_TIE), key=lambda k: k[1])[2]


def _rimmed_quad(
    image: np.ndarray, hull: np.ndarray, aspect_range: tuple[float, float]
) -> tuple[np.ndarray, float] | None:
    """The region's quad on its rims, of a card's proportions, and the mean share of its sides that part
    inside from outside; or None."""
    quad = rough_quad(hull)
    if quad is None:
        return None
    for _ in range(REFINE_PASSES):
        refined = refine_quad(image, quad)
        if refined is None:
            return None
        quad = refined
    rims = rim_contrast(image, quad)
    if sum(seen >= RIM_MIN for seen in rims) < MIN_SIDES or min(rims) < RIM_WEAKEST:
        return None
    lo, hi = aspect_range
    seen_as = _side_aspect(quad)
    undone = true_aspect(quad, image.shape)
    if not (lo <= seen_as <= hi or lo <= undone <= hi * TRUE_ASPECT_SLACK):
        return None
    return _order(quad), float(np.mean(rims))


def _side_aspect(quad: np.ndarray) -> float:
    """Longer over shorter side, each the mean of two opposite edges (a mild perspective averages out)."""
    tl, tr, br, bl = quad
    a = float(np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    b = float(np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    return max(a, b) / max(1.0, min(a, b))


def _touches_frame(hull: np.ndarray, shape: tuple[int, ...], margin: int = 3) -> bool:
    """A region reaching the frame's edge is the table (or a card cut off by the frame), not a whole card."""
    x, y, w, h = cv2.boundingRect(hull)
    return x < margin or y < margin or x + w > shape[1] - margin or y + h > shape[0] - margin
