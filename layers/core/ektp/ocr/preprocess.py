"""Page preprocessing before OCR: decode, find the page in a photo, flatten light, deskew, scale, threshold.

Each step computes its correction from the image; the notes say what was done, for diagnosis.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import cv2
import numpy as np

from ektp.ocr import card_scene
from ektp.ocr.bends import column_shifts, level_bends
from ektp.ocr.engine import GreyImage
from ektp.ocr.page_outline import find_page_outline
from ektp.ocr.settings import OcrSettings
from ektp.ocr.sheets import find_sheets, print_held, stack_sheets


@dataclass
class VerticalRule:
    """A printed vertical line (table column border) found on the page."""

    x: int
    top: int
    bottom: int


@dataclass
class Preprocessed:
    image: GreyImage  # binarised, dark text on white, lines removed
    blank: bool
    notes: list[str] = field(default_factory=list)
    rules: list[VerticalRule] = field(default_factory=list)
    # The same page before thresholding (light flattened, deskewed, scaled): a neural engine reads grey
    # better than Tesseract's binarised page, whose threshold keeps a card's guilloche as specks.
    grey: GreyImage | None = None
    card: bool = False  # a card photographed on something, found and seen square on
    # The page with its bent rows levelled (`bends`), when they bend: read too, the better-validated reading
    # kept (a page whose rows only seem to bend, a form's curled box ends, reads best as it lay).
    levelled: Preprocessed | None = None


class UnreadableImage(Exception):
    """The bytes are not an image we can decode; `code` is the reason code (IMAGE_UNREADABLE by default)."""

    def __init__(self, detail: str, code: str = "IMAGE_UNREADABLE", pixels: int | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.pixels = pixels


def decode_image(data: bytes, settings: OcrSettings) -> GreyImage:
    from ektp.photo.config import PhotoConfig
    from ektp.photo.decode import DecodeError, read_header

    # The container first, as for photos: a tiny file can declare a huge canvas (decompression bomb), a file
    # cut short or with another file appended after the image (a polyglot) is refused before any decoding.
    try:
        read_header(data, PhotoConfig(max_pixels=settings.max_image_pixels, max_side=settings.max_image_side))
    except DecodeError as exc:
        pixels = (
            exc.measured if exc.code == "IMAGE_TOO_MANY_PIXELS" and isinstance(exc.measured, int) else None
        )
        raise UnreadableImage(exc.detail, exc.code, pixels) from exc
    buf = np.frombuffer(data, dtype=np.uint8)
    grey = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)  # applies the EXIF orientation of phone photos
    if grey is None or grey.size == 0:
        raise UnreadableImage("image could not be decoded")
    return np.asarray(grey, dtype=np.uint8)


def decode_colour(data: bytes) -> np.ndarray | None:
    """The photo in colour (BGR), for finding a tinted card on a table; None for a grey image. Call only
    after `decode_image` accepted the bytes (it checks the container first)."""
    colour = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    if colour is None or colour.ndim != 3:
        return None
    b, g, r = (colour[::8, ::8, i].astype(np.int16) for i in range(3))
    if max(int(np.abs(b - g).max()), int(np.abs(g - r).max())) <= 2:
        return None  # grey stored as colour: nothing to add
    return np.asarray(colour, dtype=np.uint8)


BLANK_WINDOW = 31  # px at 256: the median that takes the light under a blank sheet


def is_blank(grey: GreyImage, settings: OcrSettings) -> bool:
    small = cv2.resize(grey, (256, max(1, 256 * grey.shape[0] // max(1, grey.shape[1]))))
    # After removing slow light changes, a blank sheet has almost no spread left.
    bg = cv2.medianBlur(small, BLANK_WINDOW)
    diff = cv2.absdiff(small, bg)
    # The scanner's black around a sheet (the lid open) and the sheet's edge against it are no marks on the
    # sheet: an area far darker than the paper, wider than half the median's window (print is not), is left
    # out with the band its edge disturbs.
    dark = (bg < SURROUND_DARKNESS * float(np.percentile(bg, 90))).astype(np.uint8)
    near = cv2.dilate(dark, np.ones((BLANK_WINDOW, BLANK_WINDOW), np.uint8)) > 0
    if near.any() and (~near).mean() >= 0.2:
        diff = diff[~near]
    return float(np.std(diff)) < settings.blank_stddev / 3 and float(np.percentile(diff, 99.5)) < 40


def find_page(grey: GreyImage) -> np.ndarray | None:
    """The four corners of a sheet photographed on a darker background, or None (a scan: the image is the page)."""
    scale = 800.0 / max(grey.shape)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    biggest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(biggest)
    total = small.shape[0] * small.shape[1]
    if area < 0.25 * total or area > 0.97 * total:
        return None
    quad = cv2.approxPolyDP(biggest, 0.02 * cv2.arcLength(biggest, True), True)
    outline = _order_corners(quad.reshape(4, 2).astype(np.float32)) if len(quad) == 4 else None
    clipped = _clipped_sheet_corners(biggest, small.shape) if _touches_frame(biggest, small.shape) else None
    if clipped is not None:
        clipped = _order_corners(clipped)
        # Cut by less than a row's spacing, the outline (a corner on the frame's edge) shears no row into
        # the next: it is kept. Cut more, the rows warped from it would interleave.
        if outline is None or float(np.abs(clipped - outline).max()) > SHEET_CUT_SHEAR * max(small.shape):
            return np.asarray(clipped / scale, np.float32)
    if outline is None:
        return None
    # The sheet must not touch the border everywhere (then the "background" is just a dark margin).
    return np.asarray(outline / scale, np.float32)


FRAME_EDGE = 3  # px at 800: an outline this near the frame's edge runs along it
# A sheet's side is at least this share of the frame's shorter side (shorter outline pieces are its corners
# cut by the frame, or the ragged light of the glass).
SHEET_MIN_SIDE = 0.12
# The part of a sheet inside the frame: at least this share of it (less: not enough to place the rest).
SHEET_MIN_SEEN = 0.6
# A sheet's corner the frame cut off this far (of the frame's longer side) from where its outline's corner
# lies: the rows warped from the outline would slant by a row's spacing across the page (a KK's rows are
# about 1.2% of its width apart).
SHEET_CUT_SHEAR = 0.01


def _touches_frame(contour: np.ndarray, shape: tuple[int, ...]) -> bool:
    x, y, w, h = cv2.boundingRect(contour)
    return x < FRAME_EDGE or y < FRAME_EDGE or x + w > shape[1] - FRAME_EDGE or y + h > shape[0] - FRAME_EDGE


def _along_frame(p: np.ndarray, q: np.ndarray, shape: tuple[int, ...]) -> bool:
    """Both ends of an outline piece on one edge of the frame: the frame cut the sheet there."""
    h, w = shape[0] - 1, shape[1] - 1
    return bool(
        (p[0] < FRAME_EDGE and q[0] < FRAME_EDGE)
        or (p[1] < FRAME_EDGE and q[1] < FRAME_EDGE)
        or (p[0] > w - FRAME_EDGE and q[0] > w - FRAME_EDGE)
        or (p[1] > h - FRAME_EDGE and q[1] > h - FRAME_EDGE)
    )


def _line_meet(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> np.ndarray | None:
    (p, q), (r, s) = a, b
    d1, d2 = q - p, s - r
    cross = d1[0] * d2[1] - d1[1] * d2[0]
    if abs(cross) < 0.5 * np.linalg.norm(d1) * np.linalg.norm(d2):
        return None  # less than 30 degrees apart: no corner of a sheet
    t = ((r[0] - p[0]) * d2[1] - (r[1] - p[1]) * d2[0]) / cross
    return np.asarray(p + t * d1, dtype=np.float64)


def _fit_side(points: np.ndarray, p: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The straight line through the outline's points along the piece p-q (its middle 80%, off the
    corners), as two points on it: a polygon's vertices are outline points, off the side by its tolerance."""
    d = q - p
    length = float(np.linalg.norm(d))
    u = d / length
    rel = points - p
    along = rel @ u
    off = np.abs(rel[:, 0] * u[1] - rel[:, 1] * u[0])
    near = points[(along > 0.1 * length) & (along < 0.9 * length) & (off < max(3.0, 0.03 * length))]
    if len(near) < 2:
        return p, q
    vx, vy, x0, y0 = cv2.fitLine(near.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    start = np.array([x0, y0], dtype=np.float64)
    return start, start + length * np.array([vx, vy], dtype=np.float64)


def _clipped_sheet_corners(contour: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    """The corners of a sheet the frame cuts (a crooked page's corner off the scanner's glass, an F4 sheet
    on an A4 glass): its region's outline runs along the frame where the sheet leaves it, so the region's
    four-cornered outline is not the sheet, and warped square it shears the print. The sheet's corners are
    where its own four sides meet, beyond the frame if need be. None when fewer than four of its sides show
    (then the frame's edge is as good a side as any) or they make no sheet."""
    poly = cv2.approxPolyDP(contour, 0.01 * cv2.arcLength(contour, True), True).reshape(-1, 2).astype(float)
    n = len(poly)
    least = SHEET_MIN_SIDE * min(shape[:2])
    sides = [
        (i, poly[i], poly[(i + 1) % n])
        for i in range(n)
        if not _along_frame(poly[i], poly[(i + 1) % n], shape)
        and np.linalg.norm(poly[(i + 1) % n] - poly[i]) >= least
    ]
    if len(sides) != 4:
        return None
    points = contour.reshape(-1, 2).astype(float)
    lines = [_fit_side(points, p, q) for _, p, q in sides]
    corners = []
    for a, b in itertools.pairwise([*lines, lines[0]]):
        corner = _line_meet(a, b)
        if corner is None:
            return None
        corners.append(corner)
    quad = np.asarray(corners, dtype=np.float32)
    h, w = shape[:2]
    beyond = np.maximum(np.maximum(-quad, quad - [w, h]), 0) / [w, h]
    area = abs(cv2.contourArea(quad))
    if not cv2.isContourConvex(quad) or beyond.max() > 0.5 or area <= 0:
        return None
    if cv2.contourArea(contour) < SHEET_MIN_SEEN * area:
        return None
    return quad


def page_view(grey: GreyImage, colour: np.ndarray | None = None) -> tuple[GreyImage, int]:
    """The image's sheets seen flat, and how many there were (0: the image is the page, as it is). Several
    sheets (a document printed on two, laid side by side or one above the other) are stacked in reading
    order, so every sheet is read, never only the biggest; one is found as `find_page` finds it."""
    sheets = find_sheets(grey, colour)
    if len(sheets) >= 2:
        return stack_sheets([warp_page(grey, corners) for corners in sheets]), len(sheets)
    # A page brighter than a dark background is its bright region; one on a cloth or desk as bright as it
    # is, or under a shadow band across both, is found by its edges around its print.
    corners = find_page(grey)
    corners = find_page_outline(grey) if corners is None else corners
    if corners is None or print_held(grey, corners) < PAGE_MIN_PRINT:
        return (
            grey,
            0,
        )  # (an open folder's two pages, the fold's shade parting them: one page is not the image)
    return warp_page(grey, corners), 1


# The share of the image's print a page found must hold: a photographed sheet holds all of it but a table's
# grain or a pen beside it (0.94 and more measured on the photographed layouts); one of two pages lying open
# side by side holds half, and cropping to it would lose the other's print.
PAGE_MIN_PRINT = 0.85


ID1_ASPECT = 85.60 / 53.98  # ISO/IEC 7810 ID-1, the KTP-el's size: width over height
# A card seen at an angle: the measured side ratio strays from ID-1 by perspective, this far at most.
CARD_ASPECT_RANGE = (1.45, 1.80)
CARD_MIN_AREA = (
    0.10  # of the frame: a smaller card is too far away to read (and a photo box on a scan is less)
)
CARD_MAX_AREA = 0.92  # of the frame: larger is a scan of the card, not a photo of it on something
# A card's height in its own text heights: an ID-1 card measures about 40 (a dozen rows of 2 mm print on
# 54 mm), an A4 page warped to a card's frame over 100 (forty-odd lines on 297 mm). Perspective can bring a
# page's side ratio near a card's; it cannot shrink its text to a card's few rows.
CARD_MAX_TEXT_HEIGHTS = 70.0
# A card's print runs along its long side. A page in a printed frame (a Kutipan's border: A4 less its margins,
# 1.45-1.5) is card-shaped, and in large type a dozen lines fit 70 text heights, but its lines run across
# the card's frame. Long lines (this many text heights: a character turned a quarter and joined is 3-6) are
# counted both ways; this many across, and more than this many times those along, is a page.
CARD_LONG_LINE = 8.0
CARD_ACROSS_MIN_LINES, CARD_ACROSS_OVER_ALONG = 3, 2
# A card scanned on a page, beside whatever else lay on the glass: an ID-1 card is 7.4% of an A4 sheet.
SCANNED_CARD_MIN_AREA = 0.035
SCANNED_CARD_JOIN = 25  # pixels at 800: the print's margin to a card's edge, 3 mm on an A4 page
JOINED_MARGIN = 1.08  # the rectangle around a card's print and part rim, widened to hold its margins
SCANNED_CARD_MIN_WIDTH = 600  # pixels across the card: 180 dpi, below which its 2 mm print is not read
# The KTP-el prints sixteen rows (province, regency, NIK, thirteen fields, the issue place and date): its
# height is at least 15 text heights (a box drawn on a form around a line or two is a few), and its runs of
# print, label and value apart, 30-odd (a health card beside it, ten).
SCANNED_CARD_MIN_TEXT_HEIGHTS = 15.0
SCANNED_CARD_MIN_LINES = 20


def _quad_aspect(quad: np.ndarray) -> float:
    """Longer over shorter side, each the mean of its two opposite edges (perspective averages out)."""
    tl, tr, br, bl = quad
    a = float(np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    b = float(np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    return max(a, b) / max(1.0, min(a, b))


def _chroma_mask(colour: np.ndarray, size: tuple[int, int]) -> GreyImage:
    """Pixels whose colour (Lab a/b, lightness left out) is far from the frame's typical colour: a tinted
    card on a table of about its brightness (the KTP-el's blue on a white or grey desk)."""
    small = cv2.resize(colour, size, interpolation=cv2.INTER_AREA)
    lab = cv2.cvtColor(cv2.GaussianBlur(small, (5, 5), 0), cv2.COLOR_BGR2LAB).astype(np.float32)
    ab = lab[..., 1:]
    border = np.concatenate(
        [ab[:8].reshape(-1, 2), ab[-8:].reshape(-1, 2), ab[:, :8].reshape(-1, 2), ab[:, -8:].reshape(-1, 2)]
    )
    distance = np.linalg.norm(ab - np.median(border, axis=0), axis=2)
    scaled = np.clip(distance * (255.0 / max(1.0, float(distance.max()))), 0, 255).astype(np.uint8)
    _, mask = cv2.threshold(scaled, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return np.asarray(mask, dtype=np.uint8)


def _card_masks(small: GreyImage, colour: np.ndarray | None) -> list[GreyImage]:
    """Foreground masks in which a card may be one region: brighter than the table, darker than it, of
    another colour, or closed by its edges (on a white table a card differs only at its rim and shadow)."""
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    median = float(np.median(blur))
    edges = cv2.Canny(blur, 0.66 * median * 0.5, 1.33 * median * 0.5)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    closed = np.zeros_like(edges)
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cv2.drawContours(closed, contours, -1, 255, thickness=cv2.FILLED)
    kernel = np.ones((9, 9), np.uint8)
    masks = [bright, cv2.bitwise_not(bright), closed]
    if colour is not None and colour.ndim == 3:
        masks.append(_chroma_mask(colour, (small.shape[1], small.shape[0])))
    return [np.asarray(cv2.morphologyEx(m, cv2.MORPH_CLOSE, kernel), dtype=np.uint8) for m in masks]


def frame_masks(grey: GreyImage, colour: np.ndarray | None) -> list[GreyImage]:
    """`_card_masks` of the frame at 800 px, as `find_card` and `_card_quads` make them."""
    scale = 800.0 / max(grey.shape)
    small = np.asarray(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8)
    return _card_masks(small, colour)


def _touches_border(hull: np.ndarray, shape: tuple[int, ...], margin: int = 3) -> bool:
    """A region reaching the frame's edge is the table (or a card cut off by the frame), not a whole card."""
    x, y, w, h = cv2.boundingRect(hull)
    return x < margin or y < margin or x + w > shape[1] - margin or y + h > shape[0] - margin


def _card_quads(
    grey: GreyImage,
    colour: np.ndarray | None,
    min_area: float,
    join: int = 0,
    masks: list[GreyImage] | None = None,
) -> list[tuple[float, np.ndarray]]:
    """Every convex four-cornered region of the card's proportions, not filling the frame, at least
    `min_area` of it: (area in the frame's fraction, corners in the frame's pixels).

    `join`: instead, the masks closed over gaps this wide (at 800 px), for a card whose rim shows on two
    sides only (a scanner's light casts its shadow one way): its print and rim become one region, whose
    outline follows the print, not the card, so the card is taken as the region's rectangle with a margin.
    `masks`: the frame's at 800 px, when already made."""
    scale = 800.0 / max(grey.shape)
    small = np.asarray(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8)
    total = small.shape[0] * small.shape[1]
    found: list[tuple[float, np.ndarray]] = []
    masks = _card_masks(small, colour) if masks is None else masks
    if join:
        kernel = np.ones((join, join), np.uint8)
        masks = [np.asarray(cv2.morphologyEx(m, cv2.MORPH_CLOSE, kernel), np.uint8) for m in masks]
    for mask in masks:
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            hull = cv2.convexHull(contour)
            area = cv2.contourArea(hull)
            if not min_area * total <= area <= CARD_MAX_AREA * total or _touches_border(hull, small.shape):
                continue
            quad = cv2.approxPolyDP(hull, 0.03 * cv2.arcLength(hull, True), True)
            if len(quad) != 4 or cv2.contourArea(quad) < 0.9 * area:
                continue
            corners = _order_corners(quad.reshape(4, 2).astype(np.float32))
            if join:
                (cx, cy), (w, h), angle = cv2.minAreaRect(hull)
                box = cv2.boxPoints(((cx, cy), (w * JOINED_MARGIN, h * JOINED_MARGIN), angle))
                corners = _order_corners(np.asarray(box, np.float32))
            if CARD_ASPECT_RANGE[0] <= _quad_aspect(corners) <= CARD_ASPECT_RANGE[1]:
                found.append((area / total, corners / scale))
    return found


def find_card(
    grey: GreyImage, colour: np.ndarray | None = None, masks: list[GreyImage] | None = None
) -> np.ndarray | None:
    """The four corners of an ID-1 card photographed on a table, or None.

    A convex four-cornered region of the card's proportions, not filling the frame; of several, the
    largest. The proportion is what sets a card apart from a sheet of paper (A4 is 1.41, a card 1.59) and
    from a screen or a photo of one, judged after perspective has been averaged out.

    A quad on the card's rims comes first (`card_in_scene`: its sides fitted to the steps around it, its
    proportions judged with perspective undone), for a card on a busy cloth or seen at a steep angle, whose
    region takes in the pattern touching it; a region's own outline is the fallback, for a card that barely
    differs from its table along its rims."""
    scale = card_scene.FRAME / max(grey.shape)
    small = np.asarray(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8)
    masks = _card_masks(small, colour) if masks is None else masks  # `masks`: the frame's, made once
    on_rims = card_scene.card_in_scene(small, masks, (CARD_MIN_AREA, CARD_MAX_AREA), CARD_ASPECT_RANGE)
    if on_rims is not None and _holds_card_print(grey, on_rims / scale):
        return np.asarray(on_rims / scale, np.float32)
    quads = _card_quads(grey, colour, CARD_MIN_AREA, masks=masks)
    return max(quads, key=lambda q: q[0])[1] if quads else None


def _holds_card_print(grey: GreyImage, corners: np.ndarray) -> bool:
    """The quad holds a KTP-el's rows of print (HELD_MIN_LINES runs at the least), counted on a smaller copy:
    a panel of a card's shape with a few lines in it (a digital ID's header on a phone's screen) is no card."""
    scale = min(1.0, HELD_CHECK_WIDTH / max(grey.shape))
    small = np.asarray(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8)
    _, lines, _ = _card_rows(warp_card(small, corners * scale))
    return lines >= HELD_MIN_LINES


def _is_another_card(corners: np.ndarray, kept: list[np.ndarray]) -> bool:
    """Not the same card as any kept: its centre lies away from theirs by a quarter of its width or more."""
    centre = corners.mean(axis=0)
    side = float(np.linalg.norm(corners[1] - corners[0]))
    return all(np.linalg.norm(k.mean(axis=0) - centre) > 0.25 * side for k in kept)


def _distinct_cards(
    quads: list[tuple[float, np.ndarray]], kept: list[np.ndarray] | None = None
) -> list[np.ndarray]:
    """One quad per card: the masks find the same card several times (its tint, its rim); the largest stays.
    Cards already `kept` stay first, and a quad of one of them is left out."""
    cards = list(kept or [])
    for _, corners in sorted(quads, key=lambda q: -q[0]):
        if _is_another_card(corners, cards):
            cards.append(corners)
    return cards


def _text_lines(binary_inv: GreyImage, char_height: float, longest: float = 4.0) -> int:
    """Lines of print: characters joined along the line, a line's height and several characters long (a
    QR code or a photo joins into one tall block and is not counted), `longest` text heights at least."""
    if char_height <= 0:
        return 0
    joined = cv2.dilate(
        binary_inv, cv2.getStructuringElement(cv2.MORPH_RECT, (int(1.5 * char_height) | 1, 1))
    )
    _, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    h, w = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    return int(((h >= 0.6 * char_height) & (h <= 2.5 * char_height) & (w >= longest * char_height)).sum())


def warp_card(grey: GreyImage, corners: np.ndarray, aspect: float = ID1_ASPECT) -> GreyImage:
    """The card seen square on, at ID-1 proportions and the resolution it was photographed at, landscape
    (a card photographed upright is turned; an upside-down result is the pipeline's half turn)."""
    tl, tr, br, bl = corners
    top, left = np.linalg.norm(tr - tl), np.linalg.norm(bl - tl)
    bottom, right = np.linalg.norm(br - bl), np.linalg.norm(br - tr)
    if (left + right) > (top + bottom):
        corners = np.array([tr, br, bl, tl], dtype=np.float32)  # upright card: its left edge is the top
    width = int(max(top, bottom, left, right))
    height = round(width / aspect)
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), dst)
    out = cv2.warpPerspective(
        grey, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(out, dtype=np.uint8)


def _card_rows(warped: GreyImage) -> tuple[float, int, bool]:
    """The warped region's height in its own text heights (0 without text), its lines of print, and whether
    its long lines run across it (a portrait page's print, turned a quarter when warped to a card's frame)."""
    binary = _otsu_inv(flatten_light(warped))
    height = text_height(binary)
    along = _text_lines(binary, height, CARD_LONG_LINE)
    across = _text_lines(np.ascontiguousarray(binary.T), height, CARD_LONG_LINE)
    runs_across = across >= CARD_ACROSS_MIN_LINES and across > CARD_ACROSS_OVER_ALONG * along
    return (warped.shape[0] / height if height > 0 else 0.0), _text_lines(binary, height), runs_across


def card_view(grey: GreyImage, colour: np.ndarray | None = None) -> GreyImage | None:
    """The photographed card seen square on, or None: no card-shaped region, or one whose text is laid out
    as a full page (many small lines), which is a sheet of paper seen at an angle, not a card."""
    masks = frame_masks(grey, colour)  # the two searches' masks of the frame, made once (a photo's: 0.1 s)
    corners = find_card(grey, colour, masks)
    if corners is None:
        scanned = scanned_card_view(grey, colour, masks)
        return held_card_view(grey) if scanned is None else scanned
    warped = warp_card(grey, corners)
    rows, _, runs_across = _card_rows(warped)
    if rows > CARD_MAX_TEXT_HEIGHTS or runs_across:
        return None
    return warped


def scanned_card_view(
    grey: GreyImage, colour: np.ndarray | None = None, masks: list[GreyImage] | None = None
) -> GreyImage | None:
    """A card laid on a scanner's glass (or a sheet), small on the page, seen square on; or None.

    Smaller than a photographed card may be (an ID-1 card is 7% of an A4 page), so more is asked of it: it
    must hold a card's rows of print (a box drawn on a form holds a few lines), and the page's resolution
    must make it readable. Of two cards side by side (a KTP beside a health card), the one with the most
    lines of print; a card with a few (the health card alone) is not the KTP, and the page is read whole."""
    masks = frame_masks(grey, colour) if masks is None else masks
    cards = _distinct_cards(_card_quads(grey, colour, SCANNED_CARD_MIN_AREA, masks=masks))
    # A card whose outline was not found whole: from its print and the rim that shows (less exact, so only
    # for a card not found above).
    joined = _card_quads(grey, colour, SCANNED_CARD_MIN_AREA, SCANNED_CARD_JOIN, masks=masks)
    cards = _distinct_cards(joined, cards)
    best: tuple[int, GreyImage] | None = None
    for corners in cards:
        warped = warp_card(grey, corners)
        if warped.shape[1] < SCANNED_CARD_MIN_WIDTH:
            continue
        rows, lines, runs_across = _card_rows(warped)
        if (
            not SCANNED_CARD_MIN_TEXT_HEIGHTS <= rows <= CARD_MAX_TEXT_HEIGHTS
            or lines < SCANNED_CARD_MIN_LINES
            or runs_across  # its print runs across it: cards copied one under another, or a page's part
        ):
            continue
        if best is None or lines > best[0]:
            best = (lines, warped)
    return None if best is None else best[1]


# A card held up in the hand: the fingers cover a corner and join the card's region to the frame's edge, so no
# region outlines it; its edges are still straight lines, seen along most of their length, and the hidden
# corner is where two of them meet. Looked for at HELD_FRAME px (a card's edges are long; text's are short
# and cost the line search its time). Lines: edges at least this share of the frame long, joined when this
# close in angle (degrees) and offset (px); each side of a card must be seen along this share of its
# length, and its four sides on average along this much.
HELD_FRAME = 480.0
HELD_EDGE_MIN_LENGTH = 0.15
HELD_SAME_ANGLE, HELD_SAME_OFFSET = 2.0, 4.0
HELD_SIDE_SEEN, HELD_SIDES_SEEN = 0.4, 0.7
HELD_MAX_LINES = 16  # the longest straight edges in the frame that may be a card's sides
HELD_PARALLEL = 20.0  # opposite sides in perspective differ by at most this many degrees
HELD_TRIES = 2  # quads looked into for a card's print, best first
# Grey levels a card's side steps by, at least, on three of its sides (the thumb's may not), measured this
# many px (at HELD_FRAME) either side of it.
HELD_STEP, HELD_STEP_REACH = 12.0, 4
HELD_CHECK_WIDTH = 1600.0  # px of the frame a quad's print is counted at
HELD_MIN_LINES = 12  # runs of print a KTP-el's sixteen rows make at the least (a quad of bare wall: none)


def _straight_edges(small: GreyImage) -> tuple[GreyImage, list[tuple[float, float, float]]]:
    """The frame's edge map (thickened) and its long straight edges as lines: (angle in radians in
    [0, pi), offset from the origin along the normal, total length seen), longest first."""
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    edges = cv2.Canny(blur, 15, 45)
    found = cv2.HoughLinesP(
        edges,
        1,
        np.pi / 180,
        threshold=40,
        minLineLength=int(HELD_EDGE_MIN_LENGTH * max(small.shape)),
        maxLineGap=5,
    )
    lines: list[tuple[float, float, float]] = []
    for x1, y1, x2, y2 in [] if found is None else found.reshape(-1, 4).astype(float):
        theta = float(np.arctan2(x2 - x1, -(y2 - y1)) % np.pi)  # the normal's direction
        rho = x1 * np.cos(theta) + y1 * np.sin(theta)
        length = float(np.hypot(x2 - x1, y2 - y1))
        for i, (t, r, n) in enumerate(lines):
            if abs(np.degrees(t - theta)) < HELD_SAME_ANGLE and abs(r - rho) < HELD_SAME_OFFSET:
                lines[i] = (t, r, n + length)
                break
        else:
            lines.append((theta, float(rho), length))
    thick = cv2.dilate(edges, np.ones((5, 5), np.uint8))
    return np.asarray(thick, np.uint8), sorted(lines, key=lambda ln: -ln[2])[:HELD_MAX_LINES]


def _meet(a: tuple[float, float, float], b: tuple[float, float, float]) -> np.ndarray | None:
    matrix = np.array([[np.cos(a[0]), np.sin(a[0])], [np.cos(b[0]), np.sin(b[0])]])
    if abs(np.linalg.det(matrix)) < 1e-3:
        return None
    return np.asarray(np.linalg.solve(matrix, np.array([a[1], b[1]])), np.float32)


def _sides_seen(edges: GreyImage, corners: np.ndarray) -> list[float]:
    """For each side of the quad, the share of its length along which the frame shows an edge."""
    out: list[float] = []
    for a, b in zip(corners, np.roll(corners, -1, axis=0), strict=True):
        t = np.linspace(0.02, 0.98, 60)[:, None]
        pts = np.rint(a + t * (b - a)).astype(int)
        inside = (
            (pts[:, 0] >= 0) & (pts[:, 0] < edges.shape[1]) & (pts[:, 1] >= 0) & (pts[:, 1] < edges.shape[0])
        )
        seen = np.zeros(len(pts), bool)
        seen[inside] = edges[pts[inside, 1], pts[inside, 0]] > 0
        out.append(float(seen.mean()))
    return out


def _side_steps(small: GreyImage, corners: np.ndarray) -> list[float]:
    """For each side of the quad, how much the brightness steps across it (median over its length of the
    difference a few pixels inside and outside): a card's rim parts it from what is behind it; a printed
    rule or a table's border has the same paper on both sides."""
    centre = corners.mean(axis=0)
    out: list[float] = []
    for a, b in zip(corners, np.roll(corners, -1, axis=0), strict=True):
        t = np.linspace(0.05, 0.95, 40)[:, None]
        pts = a + t * (b - a)
        normal = np.array([-(b - a)[1], (b - a)[0]]) / max(1e-6, float(np.linalg.norm(b - a)))
        if float(np.dot(centre - (a + b) / 2, normal)) < 0:
            normal = -normal  # pointing into the quad
        inner, outer = (np.rint(pts + k * HELD_STEP_REACH * normal).astype(int) for k in (1, -1))
        limit = np.array([small.shape[1] - 1, small.shape[0] - 1])
        inner, outer = np.clip(inner, 0, limit), np.clip(outer, 0, limit)
        diff = small[inner[:, 1], inner[:, 0]].astype(float) - small[outer[:, 1], outer[:, 0]].astype(float)
        out.append(float(np.median(np.abs(diff))))
    return out


def find_held_cards(grey: GreyImage) -> list[np.ndarray]:
    """The corners of what may be a card held in the hand, from the straight edges around it: two pairs of
    nearly parallel lines meeting in a quad inside the frame, of a card's proportions and size, whose four
    sides the frame shows along most of their length; the best seen first, then the largest."""
    scale = HELD_FRAME / max(grey.shape)
    small = np.asarray(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8)
    edges, lines = _straight_edges(small)
    total = small.shape[0] * small.shape[1]
    pairs = [
        (a, b)
        for a, b in itertools.combinations(lines, 2)
        if _angle_apart(a[0], b[0]) < HELD_PARALLEL and abs(a[1] - b[1]) > 0.1 * min(small.shape)
    ]
    found: list[tuple[float, float, np.ndarray]] = []
    for (a, b), (c, d) in itertools.combinations(pairs, 2):
        if _angle_apart(a[0], c[0]) < 90 - 2 * HELD_PARALLEL:
            continue
        points = [_meet(a, c), _meet(c, b), _meet(b, d), _meet(d, a)]
        if any(p is None for p in points):
            continue
        corners = _order_corners(np.asarray(points, np.float32))
        area = float(cv2.contourArea(corners))
        limit = np.array([small.shape[1], small.shape[0]]) + 2
        if not ((corners >= -2).all() and (corners <= limit).all()):
            continue  # a corner out of the frame: the card is cut off, or these are no card's sides
        if not CARD_MIN_AREA * total <= area <= CARD_MAX_AREA * total:
            continue
        if not CARD_ASPECT_RANGE[0] <= _quad_aspect(corners) <= CARD_ASPECT_RANGE[1]:
            continue
        seen = _sides_seen(edges, corners)
        if min(seen) < HELD_SIDE_SEEN or sum(seen) / 4 < HELD_SIDES_SEEN:
            continue
        if sorted(_side_steps(small, corners))[1] >= HELD_STEP:
            found.append((round(sum(seen) / 4, 1), area, corners / scale))
    return [corners for _, _, corners in sorted(found, key=lambda f: (-f[0], -f[1]))]


def _angle_apart(a: float, b: float) -> float:
    """Degrees between two line directions (lines, not rays: 179 degrees apart is 1)."""
    d = abs(np.degrees(a - b)) % 180
    return float(min(d, 180 - d))


def held_card_view(grey: GreyImage) -> GreyImage | None:
    """A card held in the hand (a corner under a thumb) seen square on: the first of the quads found that
    holds a card's rows of print (the photo's own border or a table's edges can make a quad too), judged on
    a smaller copy (counting rows needs no full resolution). None in a frame where a sheet is found whole:
    that is a page photographed (a landscape certificate has nearly a card's proportions), not a card."""
    quads = find_held_cards(grey)[:HELD_TRIES]
    if not quads or find_page(grey) is not None:
        return None
    scale = min(1.0, HELD_CHECK_WIDTH / max(grey.shape))
    small = np.asarray(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8)
    for corners in quads:
        rows, lines, runs_across = _card_rows(warp_card(small, corners * scale))
        # A card's print runs along its long side: a quad whose print runs across it is a column of cards
        # copied one under another on a sheet (a copy shop's page), or a page's part, never one card.
        if (
            SCANNED_CARD_MIN_TEXT_HEIGHTS <= rows <= CARD_MAX_TEXT_HEIGHTS
            and lines >= HELD_MIN_LINES
            and not runs_across
        ):
            # The outline may be a sleeve's or a holder's, not of ID-1's proportions: kept as measured (the
            # print squeezed to a card's narrows the spaces between words until they are read as none).
            return warp_card(grey, corners, _quad_aspect(corners))
    return None


# A photocopy renders a card's fine background print (the guilloche) and its drum's grain as a dither of
# isolated specks, each smaller than the card's print is thick; the engines read them as accents, broken
# letters and joined words (`SAPÚTRA`, `GAIAH`, `SRIWIDODO`). A copy shows more such specks than letters
# (a card's own print or a scan of it a few dozen at most, a copy hundreds).
SPECKLED_MIN_RATIO = 1.0


def stroke_width(binary_inv: GreyImage, char_height: float) -> float:
    """The print's stroke thickness in pixels: the commonest horizontal run of ink across letter-sized blobs
    (a letter's upright strokes; bars, bowls and letters run together make longer runs), 0 without letters."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(binary_inv, connectivity=8)
    heights = stats[:, cv2.CC_STAT_HEIGHT]
    letters = np.flatnonzero((heights >= 0.6 * char_height) & (heights <= 1.5 * char_height))
    letters = letters[letters > 0]
    if char_height <= 0 or letters.size < 20:
        return 0.0
    rows = np.isin(labels[:: max(1, int(char_height // 4))], letters).astype(np.int8)
    edges = np.diff(np.pad(rows, ((0, 0), (1, 1))), axis=1)
    runs = np.flatnonzero(edges.ravel() == -1) - np.flatnonzero(edges.ravel() == 1)
    return float(np.bincount(runs).argmax()) if runs.size else 0.0


def copy_specks(binary_inv: GreyImage, char_height: float) -> np.ndarray | None:
    """The specks of a copy's dither (a mask), when the page is speckled as a copy is: blobs smaller than a
    stroke is thick in both directions, more of them than letters. A full stop, a colon's point or an `i`'s
    tittle is a stroke across at least, and stays. None on a page that is not speckled."""
    stroke = stroke_width(binary_inv, char_height)
    if stroke <= 0:
        return None
    _, labels, stats, _ = cv2.connectedComponentsWithStats(binary_inv, connectivity=8)
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    specks = np.flatnonzero(np.maximum(w, h) < stroke)
    specks = specks[specks > 0]
    letters = int(((h >= 0.6 * char_height) & (h <= 1.5 * char_height)).sum())
    if specks.size < SPECKLED_MIN_RATIO * max(letters, 1):
        return None
    return np.asarray(np.isin(labels, specks))


# A card photographed under a lamp or by a window: a glare band or a shadow across it lowers its print's
# contrast where it falls (`HILI` read for HILIKANA, the rest of the word under the glare). The print is
# the darkest thing on a card within a text height or two: measured against that ink nearby, each part of
# the card is brought to one contrast; a part whose darkest ink is fainter than LEVEL_MIN_DEPTH grey levels
# (a bare guilloche, the paper) is stretched no more than that depth allows. LEVEL_TO: the print's depth after
# (print deeper than that, as on a copy, is left as it is).
LEVEL_REACH = 2.0  # text heights around a pixel its nearest ink is looked for in
LEVEL_MIN_DEPTH, LEVEL_TO = 60.0, 195.0


def level_print(grey: GreyImage, char_height: float) -> GreyImage:
    """The card's grey (light flattened: paper near 255) with its print at one contrast under glare and
    shadow alike, for the engine that reads grey."""
    if char_height <= 0:
        return grey
    k = int(LEVEL_REACH * char_height) | 1
    darkest = cv2.erode(grey, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    depth = np.maximum(255.0 - cv2.blur(darkest, (k, k)).astype(np.float32), LEVEL_MIN_DEPTH)
    gain = np.maximum(LEVEL_TO / depth, 1.0)  # print at full contrast already is left as it is
    levelled = 255.0 - (255.0 - grey.astype(np.float32)) * gain
    return np.asarray(np.clip(levelled, 0, 255), np.uint8)


def despeckle_copy(binary_inv: GreyImage, grey: GreyImage, specks: np.ndarray) -> tuple[GreyImage, GreyImage]:
    """Both images without the specks: the binarised one for Tesseract, the grey one (with each speck's
    soft rim, but never another blob's ink) for the neural engine."""
    rims = cv2.dilate(specks.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool) & ~(
        (binary_inv > 0) & ~specks
    )
    clean_binary, clean_grey = binary_inv.copy(), grey.copy()
    clean_binary[specks] = 0
    clean_grey[rims] = 255
    return np.asarray(clean_binary, np.uint8), np.asarray(clean_grey, np.uint8)


def _order_corners(pts: np.ndarray) -> np.ndarray:
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], dtype=np.float32
    )


def warp_page(grey: GreyImage, corners: np.ndarray) -> GreyImage:
    tl, tr, br, bl = corners
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners, dst)
    # A corner the frame cut off is filled with the paper at the frame's edge, not black.
    warped = cv2.warpPerspective(
        grey, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(warped, dtype=np.uint8)


def _paper_light(grey: GreyImage) -> GreyImage:
    """The paper's brightness under each pixel, print left out: the image closed (its dark strokes filled with
    the paper around them) and blurred. Estimated at a quarter of the size: light varies slowly, and full
    size costs 10x."""
    small = cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    k = max(5, (min(small.shape) // 40) | 1)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    background = cv2.GaussianBlur(background, (0, 0), k / 2)
    return np.asarray(cv2.resize(background, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR))


def flatten_light(grey: GreyImage) -> GreyImage:
    """Divide by the estimated paper brightness so shadows and uneven light do not survive thresholding."""
    flat = cv2.divide(grey, np.maximum(_paper_light(grey), 1), scale=255)
    return np.asarray(flat, dtype=np.uint8)


# Where the paper-light estimate is this dark against the page's paper, there is no paper: the scanner's
# black around a sheet scanned with the lid open, a dark desk beside a photographed page. A shadow on paper
# dims it by half at the most; the black around a scan is a tenth of the paper or less.
SURROUND_DARKNESS = 0.35


def flatten_page(grey: GreyImage) -> GreyImage:
    """`flatten_light` for a page, with any dark surround (an area wider than print strokes, far darker than
    the paper) made paper white: divided by its own light, the black around a crooked scan becomes a field of
    specks the thresholding keeps as ink, which the skew estimate follows and the engines read as text."""
    light = _paper_light(grey)
    flat = cv2.divide(grey, np.maximum(light, 1), scale=255)
    paper = float(np.percentile(light[::4, ::4], 90))
    surround = light < SURROUND_DARKNESS * paper
    if surround.any():
        flat[surround] = 255
    return np.asarray(flat, dtype=np.uint8)


# The skew search: coarse steps over the whole range on a small image, where a text row's profile peak is
# wide enough not to fall between two steps, then fine steps around the best at a larger size.
SKEW_COARSE_WIDTH = 300
SKEW_COARSE_STEP = 0.5
SKEW_FINE_WIDTH = 600
SKEW_FINE_STEP = 0.1


def _profile_scores(binary_inv: GreyImage, width: int, angles: np.ndarray) -> np.ndarray:
    """For each angle, the variance of the row sums of the image turned by it at `width` px: highest when
    the text rows run level (each row's ink in few pixel rows, the gaps between them empty)."""
    scale = width / binary_inv.shape[1]
    small = cv2.resize(binary_inv, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    # Turned in a frame wide enough to keep the corners: a row cut off at one angle and not another would
    # weigh the scores.
    side = int(np.ceil(np.hypot(h, w)))
    pad = np.zeros((side, side), np.uint8)
    y, x = (side - h) // 2, (side - w) // 2
    pad[y : y + h, x : x + w] = small
    centre = (side / 2, side / 2)
    scores = np.empty(len(angles))
    for i, angle in enumerate(angles):
        m = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        turned = cv2.warpAffine(pad, m, (side, side), flags=cv2.INTER_LINEAR)
        scores[i] = float(np.var(turned.sum(axis=1, dtype=np.float64)))
    return scores


def estimate_skew(binary_inv: GreyImage, max_deg: float) -> float:
    """Angle (degrees) that makes text lines horizontal: the one maximising the row-profile variance."""
    coarse = np.arange(-max_deg, max_deg + 1e-6, SKEW_COARSE_STEP)
    if coarse.size == 0 or max_deg <= 0:
        return 0.0
    best = float(coarse[int(np.argmax(_profile_scores(binary_inv, SKEW_COARSE_WIDTH, coarse)))])
    reach = SKEW_COARSE_STEP
    fine = np.arange(best - reach, best + reach + 1e-6, SKEW_FINE_STEP)
    fine = fine[np.abs(fine) <= max_deg + 1e-6]
    return float(fine[int(np.argmax(_profile_scores(binary_inv, SKEW_FINE_WIDTH, fine)))])


def rotate(grey: GreyImage, angle: float) -> GreyImage:
    h, w = grey.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return np.asarray(out, dtype=np.uint8)


def text_height(binary_inv: GreyImage) -> float:
    """Median height of character-sized blobs: the page's text size, whatever the resolution."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(binary_inv, connectivity=8)
    h = stats[1:, cv2.CC_STAT_HEIGHT]
    w = stats[1:, cv2.CC_STAT_WIDTH]
    chars = h[(h >= 6) & (h <= 120) & (w <= 2 * h) & (w >= 2)]
    return float(np.median(chars)) if chars.size >= 20 else 0.0


def remove_rules(binary_inv: GreyImage, char_height: float) -> tuple[GreyImage, list[VerticalRule]]:
    """Erase long printed lines (form and table borders), keeping the vertical ones' positions for table parsing.

    A rule is a straight run several times longer than a character is tall, so headings survive."""
    w = binary_inv.shape[1]
    vlen = int(max(40, 3.2 * char_height))
    hlen = int(max(60, 6 * char_height))
    horiz = cv2.morphologyEx(binary_inv, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hlen, 1)))
    vert = cv2.morphologyEx(binary_inv, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vlen)))
    lines = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((3, 3), np.uint8))
    lines = cv2.bitwise_or(lines, comb_walls(binary_inv, char_height))
    lines = cv2.bitwise_or(lines, box_sides(binary_inv, np.asarray(horiz, np.uint8), char_height))
    cleaned = cv2.bitwise_and(binary_inv, cv2.bitwise_not(lines))
    rules: list[VerticalRule] = []
    count, _, stats, _ = cv2.connectedComponentsWithStats(vert, connectivity=8)
    for i in range(1, count):
        x, y, bw, bh, _ = (int(v) for v in stats[i])
        if bh >= vlen and bw <= max(8, w // 200):
            rules.append(VerticalRule(x=x + bw // 2, top=y, bottom=y + bh))
    return np.asarray(cleaned, dtype=np.uint8), rules


# A value's box (a web form's field): its sides are shorter than a rule, at least this many text heights (a
# letter's stem is shorter) and at most this wide, and stand at the ends of the rules at its top and bottom.
BOX_SIDE_MIN = 1.6
BOX_SIDE_WIDTH = 0.25
BOX_CORNER = 4  # px: how near a side stands to the end of the rule it meets


def box_sides(binary_inv: GreyImage, horiz: GreyImage, char_height: float) -> GreyImage:
    """The short upright sides of boxes whose top and bottom are rules, as a mask: with the rules gone they
    stand beside the value alone and are read as `|`, `1` or `l` in it (`|o101001` for `010 / 001`). A side
    stands where both rules end (a box's corners); a table's column walls stand inside its row rules and stay,
    as the columns they part."""
    out = np.zeros_like(binary_inv)
    if char_height <= 0:
        return out
    side = int(max(12, BOX_SIDE_MIN * char_height))
    upright = cv2.morphologyEx(
        binary_inv, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, side))
    )
    count, labels, stats, _ = cv2.connectedComponentsWithStats(upright, connectivity=8)
    if count <= 1:
        return out
    _, rule_labels, rule_stats, _ = cv2.connectedComponentsWithStats(horiz, connectivity=8)
    widest = max(3, int(BOX_SIDE_WIDTH * char_height))
    keep = np.zeros(count, bool)
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        ends = (_at_a_rule_end(rule_labels, rule_stats, x, x + w, row) for row in (y, y + h - 1))
        keep[i] = w <= widest and all(ends)
    # The mask in one pass over the page, whatever the number of sides (a page of thousands of boxes).
    out = np.where(keep[labels], 255, 0).astype(np.uint8)
    return np.asarray(cv2.dilate(out, np.ones((3, 3), np.uint8)), np.uint8)


def _at_a_rule_end(rule_labels: np.ndarray, rule_stats: np.ndarray, left: int, right: int, row: int) -> bool:
    """A rule meets the stroke at `row`, and ends there (its first or last column within BOX_CORNER)."""
    rows = slice(max(0, row - BOX_CORNER), row + BOX_CORNER + 1)
    cols = slice(max(0, left - BOX_CORNER), right + BOX_CORNER)
    for rule in np.unique(rule_labels[rows, cols]):
        if rule == 0:
            continue
        start = int(rule_stats[rule, cv2.CC_STAT_LEFT])
        end = start + int(rule_stats[rule, cv2.CC_STAT_WIDTH])
        if abs(start - left) <= BOX_CORNER or abs(end - right) <= BOX_CORNER:
            return True
    return False


# A form's character boxes (a comb: one box per character of a NIK, a name, an address, as the F-1 forms print
# them): thin walls standing on the box's rule (or hanging from it), one per character, evenly spaced. A wall
# is at least this many text heights long, at most this wide, and blank on both sides along most of it (a
# glyph's stem has a bowl, a bar or a serif beside it); a comb has at least this many walls, spaced between
# these text heights apart, each gap within this share of their median (a table's column rules are few,
# further apart and uneven).
COMB_WALL_MIN = 0.5
COMB_WALL_WIDTH = 0.2
COMB_WALL_CLEAR = 0.6
COMB_MIN_WALLS = 3  # two boxes (a day, a month)
COMB_WALL_GAP = 0.3  # text heights: a break in a faint wall's stroke
COMB_RULE_MIN = 2.0  # text heights: the shortest rule a comb stands on (three boxes)
COMB_PITCH = (0.7, 3.5)
COMB_PITCH_SPREAD = 0.25
COMB_EVEN = 0.7  # the share of the gaps between walls that must be whole steps


def comb_walls(binary_inv: GreyImage, char_height: float) -> GreyImage:
    """The walls of character boxes and the rules they stand on, as a mask: the engines read each wall as
    `|`, `1`, `I` or `l` between the characters (`150|4|0|40|4`), or drop the value with them. Found from the
    page's straight horizontal strokes (a comb of three boxes is shorter than the rules remove_rules takes):
    the short strokes that stand on one or hang from it, spaced as evenly as a comb's boxes. The characters in
    the boxes are left as they are."""
    out = np.zeros_like(binary_inv)
    if char_height <= 0:
        return out
    span = int(max(12, COMB_RULE_MIN * char_height))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (span, 1))
    horiz = np.asarray(cv2.morphologyEx(binary_inv, cv2.MORPH_OPEN, kernel), np.uint8)
    rules = _rule_boxes(horiz, char_height)
    combs: list[tuple[int, int, int, int]] = []  # each comb's box: left, right, top, bottom
    for x, y, w, h in rules:
        on_rule = horiz[y : y + h, x : x + w] > 0
        top = y + np.argmax(on_rule, axis=0)  # the rule's first row in each column
        bottom = y + h - 1 - np.argmax(on_rule[::-1], axis=0)  # and its last
        # A box's end wall stands at the rule's very end, where the opening may stop a pixel or two short.
        pad = min(x, binary_inv.shape[1] - x - w, max(2, int(COMB_WALL_WIDTH * char_height)))
        for rule_edge, step in ((top, -1), (bottom, 1)):
            edge = np.pad(rule_edge, pad, mode="edge")
            walls = _comb(binary_inv, x - pad, edge, step, char_height)
            if walls and _spans_rule(walls, x, x + w, char_height):
                _erase_walls(out, binary_inv, walls, edge, x - pad, step, char_height)
                reach = max(n for _, _, n in walls) + 3
                far = y - reach if step < 0 else y + h + reach
                combs.append((walls[0][0], walls[-1][1], min(y, far), max(y + h, far)))
    # The combs' rules, the one the walls stand on and the one across their tops, from the first wall to the
    # last (a short comb's rules are shorter than any remove_rules takes).
    for x, y, w, h in rules if combs else []:
        for left, right, top, bottom in combs:
            a, b = max(x, left - 2), min(x + w, right + 2)
            if b - a >= 0.8 * min(w, right - left) and top <= y and y + h <= bottom:
                # A pixel around it too, as remove_rules takes its rules: a corner's tip left alone reads as
                # a mark (`910` for `010`).
                out[max(0, y - 1) : y + h + 1, max(0, a - 1) : b + 1] = 255
    return out


def _rule_boxes(horiz: GreyImage, char_height: float) -> list[tuple[int, int, int, int]]:
    """(x, y, w, h) of each thin horizontal stroke: from outlines, not a labelling of the page (a page's
    labelling costs more than all the rest of the comb search)."""
    contours, _ = cv2.findContours(horiz, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = [cv2.boundingRect(c) for c in contours]
    return [(int(x), int(y), int(w), int(h)) for x, y, w, h in boxes if h <= max(4, char_height / 2)]


def _spans_rule(walls: list[tuple[int, int, int]], left: int, right: int, char_height: float) -> bool:
    """A comb's boxes fill its rule: its end walls stand at the rule's ends (within a box and a half). Letters
    evenly set on a longer underline (`1  1  1` touching it) stop short of its ends."""
    pitch = _pitch(np.diff([(a + b) / 2 for a, b, _ in walls]), char_height) or 0.0
    return walls[0][0] - left <= 1.5 * pitch and right - walls[-1][1] <= 1.5 * pitch


def _comb(
    binary_inv: GreyImage, x0: int, edge: np.ndarray, step: int, char_height: float
) -> list[tuple[int, int, int]]:
    """(left, right, length) of each wall of a comb standing on (step -1: above) or hanging from (step 1:
    below) a rule whose edge row per column is `edge`; [] when the strokes there are no comb."""
    if not _feet_like_a_comb(np.asarray(_band(binary_inv, x0, edge, step, 2).any(axis=0)), char_height):
        return []  # most rules (a table's, an underline): found cheaply before the strokes are measured
    band = _band(binary_inv, x0, edge, step, int(2.5 * char_height))
    reach = band.shape[0]
    # A thin wall a copy or a JPEG printed faint breaks into dashes, and one a hair off upright steps a
    # column aside: gaps of a few pixels along it are closed, and a column counts its neighbour's ink.
    gap = max(3, int(COMB_WALL_GAP * char_height))
    joined = cv2.morphologyEx(band.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8)) > 0
    joined[:, 1:] |= joined[:, :-1].copy()
    # Each column's run of ink straight out from the rule (all of the band when it never ends).
    run = np.where(joined.all(axis=0), reach, np.argmin(joined, axis=0))
    tall = run >= max(4, COMB_WALL_MIN * char_height)
    walls: list[tuple[int, int, int]] = []
    widest = max(2, int(COMB_WALL_WIDTH * char_height)) + 1  # (+1: the column its neighbour's ink counts in)
    for start, stop in _true_spans(tall):
        length = int(run[start:stop].max())
        if stop - start > widest or not _clear_beside(band, start, stop, length):
            continue
        if not band[:2, max(0, start - 1) : stop].any():
            continue  # a stroke that stops short of the rule (a letter typed on an underline) is no wall
        walls.append((x0 + start, x0 + stop, length))
    return walls if _evenly_spaced(walls, char_height) else []


def _feet_like_a_comb(feet: np.ndarray, char_height: float) -> bool:
    """The strokes touching a rule could be a comb's walls: enough thin ones a box (up to three) apart."""
    widest = max(2, int(COMB_WALL_WIDTH * char_height)) + 1
    centres = [(a + b) / 2 for a, b in _true_spans(feet) if b - a <= widest]
    lo, hi = COMB_PITCH
    close = [g for g in np.diff(centres) if lo * char_height <= g <= 3 * hi * char_height]
    return len(close) >= COMB_MIN_WALLS - 1


def _band(binary_inv: GreyImage, x0: int, edge: np.ndarray, step: int, reach: int) -> np.ndarray:
    """The ink in `reach` rows out from the rule (row 0 the one next to it), column by column along it."""
    rows = binary_inv.shape[0]
    if edge.min() == edge.max():  # a level rule (most are, the page deskewed): a slice, no gathering
        y = int(edge[0])
        cut = (
            binary_inv[max(0, y - reach) : y, x0 : x0 + edge.size][::-1]
            if step < 0
            else (binary_inv[y + 1 : y + 1 + reach, x0 : x0 + edge.size])
        )
        band = np.zeros((reach, edge.size), bool)
        band[: cut.shape[0]] = cut > 0
        return band
    offsets = np.arange(1, reach + 1) * step
    ys = edge[None, :] + offsets[:, None]
    inside = (ys >= 0) & (ys < rows)
    xs = np.broadcast_to(np.arange(x0, x0 + edge.size)[None, :], ys.shape)
    return np.where(inside, binary_inv[np.clip(ys, 0, rows - 1), xs] > 0, False)


def _erase_walls(
    out: GreyImage,
    binary_inv: GreyImage,
    walls: list[tuple[int, int, int]],
    edge: np.ndarray,
    x0: int,
    step: int,
    char_height: float,
) -> None:
    """Mark a comb's walls in `out`: each found wall and each one the print lost between two found (its
    dashes left), as long as the comb's walls run. Only where a row's ink there stands alone
    (blank just either side): a glyph that touches a wall keeps its strokes."""
    lengths = [n for _, _, n in walls]
    reach = int(max(lengths)) + 2
    centres = [(a + b - 1) // 2 for a, b, _ in walls]
    pitch = _pitch(np.diff(centres), char_height) or float(np.median(np.diff(centres)))
    for c, d in itertools.pairwise(list(centres)):
        steps = round((d - c) / pitch)
        centres += [c + round(k * (d - c) / steps) for k in range(1, steps)]
    half = max(1, max(b - a for a, b, _ in walls) // 2 + 1)
    rows, cols = binary_inv.shape
    for c in centres:
        if not (half + 1 <= c < cols - half - 1) or not 0 <= c - x0 < edge.size:
            continue
        foot = int(edge[c - x0])
        top, bottom = (foot - reach, foot) if step < 0 else (foot + 1, foot + reach + 1)
        top, bottom = max(0, top), min(rows, bottom)
        window = binary_inv[top:bottom, c - half - 1 : c + half + 2] > 0
        alone = ~window[:, 0] & ~window[:, -1]
        out[top:bottom, c - half : c + half + 1][alone] = 255


def _true_spans(flags: np.ndarray) -> list[tuple[int, int]]:
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.astype(np.int8), [0]))))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _clear_beside(band: np.ndarray, start: int, stop: int, length: int) -> bool:
    """A wall stands alone: the columns either side of it blank along most of its length (a box's end wall
    at the end of its rule has one side only)."""
    # (start - 2: the span counts each column's left neighbour's ink, so the wall's own first column is
    # start - 1 at the most)
    sides = [band[:length, c] for c in (start - 2, stop) if 0 <= c < band.shape[1]]
    return bool(sides) and all(float(side.mean()) <= 1 - COMB_WALL_CLEAR for side in sides)


def _evenly_spaced(walls: list[tuple[int, int, int]], char_height: float) -> bool:
    """Enough walls, a character's box apart (or two or three, walls lost), of one length (a comb's walls
    are drawn alike)."""
    if len(walls) < COMB_MIN_WALLS:
        return False
    gaps = np.diff([(a + b) / 2 for a, b, _ in walls])
    pitch = _pitch(gaps, char_height)
    if pitch is None:
        return False
    # The inner walls alike: the end walls may run the box's full height where the inner ones stop short.
    inner = np.array([n for _, _, n in walls[1:-1]])
    alike = np.abs(inner - np.median(inner)) <= COMB_PITCH_SPREAD * np.median(inner) + 2
    return float(alike.mean()) >= 0.5


def _pitch(gaps: np.ndarray, char_height: float) -> float | None:
    """The comb's step: of the gaps between its walls, the one most gaps are one to three of (a wall the
    print lost, worn or faint, leaves a gap of two steps or three), the shortest of equals; None when
    fewer than COMB_EVEN of them are, or the step is no character box's."""
    lo, hi = COMB_PITCH
    best: tuple[int, float] | None = None
    for pitch in sorted(float(g) for g in gaps if lo * char_height <= g <= hi * char_height):
        steps = np.round(gaps / pitch)
        even = (steps >= 1) & (steps <= 3) & (np.abs(gaps - steps * pitch) <= COMB_PITCH_SPREAD * pitch)
        if best is None or int(even.sum()) > best[0]:
            best = (int(even.sum()), pitch)
    if best is None or best[0] < COMB_EVEN * gaps.size:
        return None
    return best[1]


# A dotted or dashed writing line (values typed on `........` or `- - - -`): marks no taller than this many text
# heights (a period, a hyphen; a comma or a letter is taller), at most this wide (a dash; an underscore run
# that joins up is a solid rule), spaced at most this far apart, in a run at least this long with this many.
DOT_MAX_HEIGHT = 0.35
DOT_MAX_WIDTH = 2.0
DOT_MAX_GAP = 1.5
DOTTED_MIN_LENGTH = 5.0
DOTTED_MIN_MARKS = 6
# Within a run, other ink on the marks' rows (digits between the points of `1.2.3.4.5.6`, a descender
# crossing the line) may fill at most this share of its length; beyond it the marks are punctuation in text.
DOTTED_MAX_TEXT_SHARE = 0.25
# Text at the marks' height this near either end (in text heights): the run is a leader inside a printed line
# (`Nama ........ : ARIF`), erased only when its dots lie at one pitch (at most this many text heights, each
# gap within this share of it), as a printer sets them.
LEADER_REACH = 1.5
LEADER_MAX_PITCH = 0.9
LEADER_PITCH_SPREAD = 0.35


# cv2.connectedComponentsWithStats of a binarised page: count, labels, stats, centroids.
Components = tuple[int, np.ndarray, np.ndarray, np.ndarray]


def _components(binary_inv: GreyImage) -> Components:
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(binary_inv, connectivity=8)
    return int(count), labels, stats, centroids


def remove_dotted_rules(
    binary_inv: GreyImage, char_height: float, components: Components | None = None
) -> GreyImage:
    """Erase dotted and dashed writing lines, keeping every mark that belongs to text.

    Values typed on a dotted line touch or nearly touch its points: Tesseract then takes the value and its
    line for one blob of noise and drops both (a bilingual akta read `pada tanggal` with no date after it),
    or reads the points as letters. A writing line is a run of marks along one baseline, regularly close,
    several text heights long, with no text on its own rows between or beside its ends: full stops, an
    ellipsis, a colon, an `i`'s tittle and a leader between a label and its value stay.

    Worked on the marks' boxes and the runs' bands, not the whole page: a page has thousands of blobs.
    `components`: the page's, when already found (they cost more than the rest of this)."""
    if char_height <= 0:
        return binary_inv
    _, labels, stats, centroids = components or _components(binary_inv)
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    small = (h <= DOT_MAX_HEIGHT * char_height) & (w <= DOT_MAX_WIDTH * char_height)
    small[0] = False  # the background
    out = binary_inv
    for run in _runs_of_marks(np.flatnonzero(small), centroids, char_height):
        points = [i for i in run if _is_mark(i, labels, stats, small, binary_inv, char_height)]
        for line in _runs_of_marks(np.asarray(points, dtype=np.int64), centroids, char_height):
            band = _writing_line_band(line, labels, stats, binary_inv, char_height)
            if band is not None:
                if out is binary_inv:
                    out = binary_inv.copy()
                out[band][np.isin(labels[band], line)] = 0
    return np.asarray(out, np.uint8)


def _runs_of_marks(marks: np.ndarray, centroids: np.ndarray, char_height: float) -> list[list[int]]:
    """Marks in runs along one baseline (centres within a few pixels of height), each close to the next, the
    run long and with enough of them: the candidates for a writing line."""
    if marks.size < DOTTED_MIN_MARKS:
        return []
    jitter = max(2.0, 0.15 * char_height)  # points of one line may sit a pixel or two apart
    gap, length = DOT_MAX_GAP * char_height, DOTTED_MIN_LENGTH * char_height
    by_row = marks[np.argsort(centroids[marks, 1], kind="stable")]
    ys = centroids[by_row, 1]
    runs: list[list[int]] = []
    for level_marks in np.split(by_row, np.flatnonzero(np.diff(ys) > jitter) + 1):
        if level_marks.size < DOTTED_MIN_MARKS:
            continue
        row = level_marks[np.argsort(centroids[level_marks, 0], kind="stable")]
        xs = centroids[row, 0]
        for run in np.split(row, np.flatnonzero(np.diff(xs) > gap) + 1):
            span = centroids[run[-1], 0] - centroids[run[0], 0]
            level = np.ptp(centroids[run, 1]) <= 2 * jitter  # one baseline, not specks drifting down a page
            if run.size >= DOTTED_MIN_MARKS and span >= length and level:
                runs.append([int(i) for i in run])
    return runs


def _is_mark(
    i: int,
    labels: np.ndarray,
    stats: np.ndarray,
    small: np.ndarray,
    binary_inv: GreyImage,
    char_height: float,
) -> bool:
    """A point of a line, not of text: no small mark straight above or below it (a colon's two points) and
    no ink just under it (an `i`'s tittle sits on its stem)."""
    x, y, bw, bh = (int(v) for v in stats[i, :4])
    stacked = int(max(2, 0.8 * char_height))  # a colon's points are half a text height apart
    stem = int(max(2, 0.4 * char_height))
    rows = binary_inv.shape[0]
    above = labels[max(0, y - stacked) : y, x : x + bw]
    below = labels[y + bh : min(rows, y + bh + stacked), x : x + bw]
    under = binary_inv[y + bh : min(rows, y + bh + stem), x : x + bw]
    return not (small[above].any() or small[below].any() or under.any())


def _writing_line_band(
    line: list[int], labels: np.ndarray, stats: np.ndarray, binary_inv: GreyImage, char_height: float
) -> tuple[slice, slice] | None:
    """The band a run of marks lies in, when it is a writing line (little other ink among the marks on their
    rows, none at either end) or a printed leader between a label and its value (`Nama ........ : ARIF`,
    which the engines read as letters: `senen`, `Wook`). None otherwise: punctuation in text (`1.2.3.4.5.6`),
    or specks along a line of text (a photocopy's toner, which lie at no even pitch)."""
    boxes = stats[line]
    top, bottom = int(boxes[:, 1].min()), int((boxes[:, 1] + boxes[:, 3]).max())
    left, right = int(boxes[:, 0].min()), int((boxes[:, 0] + boxes[:, 2]).max())
    reach = int(LEADER_REACH * char_height)
    lo, hi = max(0, left - reach), min(binary_inv.shape[1], right + reach)
    rows = slice(top, bottom)
    other = (binary_inv[rows, lo:hi] > 0) & ~np.isin(labels[rows, lo:hi], line)
    inked: np.ndarray = np.asarray(other.any(axis=0))
    inside = inked[left - lo : right - lo]
    if inside.sum() > DOTTED_MAX_TEXT_SHARE * (right - left):
        return None  # punctuation between words or digits
    if (inked[: left - lo].any() or inked[right - lo :].any()) and not _leader_pitch(boxes, char_height):
        return None  # text at an end, and no printed leader's even dots: marks that belong to the text
    return rows, slice(left, right)


def _leader_pitch(boxes: np.ndarray, char_height: float) -> bool:
    """Dots at one even pitch, close together, none missing: what a printer sets as a leader."""
    xs = np.sort(boxes[:, 0] + boxes[:, 2] / 2.0)
    gaps = np.diff(xs)
    pitch = float(np.median(gaps))
    return 0 < pitch <= LEADER_MAX_PITCH * char_height and bool(
        np.all(np.abs(gaps - pitch) <= LEADER_PITCH_SPREAD * pitch)
    )


def erase_boxes(binary_inv: GreyImage, char_height: float, components: Components | None = None) -> GreyImage:
    """Erase a form's small closed boxes (character boxes, RT/RW and date boxes, the box of a chosen option's
    number), keeping what is written in them: the engines read a boxed `008` as `[008]`, `|0|0|8|` or nothing.

    A box is one outline: taller than a character, four inked sides, an empty inside (what is written in it is
    another blob). Rounded glyphs (`O`, `0`, `D`) have no straight sides; rules and tables went with remove_rules."""
    if char_height <= 0:
        return binary_inv
    count, labels, stats, _ = components or _components(binary_inv)
    out = binary_inv.copy()
    for i in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[i])
        if not (1.2 * char_height <= h <= 4 * char_height and 0.8 * char_height <= w <= 30 * char_height):
            continue
        if area > 0.4 * w * h:
            continue  # filled: a blot or a bold mark, not an outline
        window = labels[y : y + h, x : x + w] == i
        if _is_box_outline(window):
            out[y : y + h, x : x + w][window] = 0
    return out


def _is_box_outline(mask: np.ndarray) -> bool:
    """Each side inked along nearly its whole length within a thin band, and nothing inside the band."""
    h, w = mask.shape
    band = max(2, int(0.2 * min(h, w)))
    rows, cols = mask.mean(axis=1), mask.mean(axis=0)
    sides = (rows[:band].max(), rows[-band:].max(), cols[:band].max(), cols[-band:].max())
    inside = mask[band:-band, band:-band]
    return min(sides) >= 0.85 and (inside.size == 0 or float(inside.mean()) < 0.02)


def _otsu_inv(grey: GreyImage) -> GreyImage:
    _, out = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return np.asarray(out, dtype=np.uint8)


def preprocess(
    grey: GreyImage, settings: OcrSettings, colour: np.ndarray | None = None, *, cards: bool = True
) -> Preprocessed:
    """`cards=False` when the upload was declared a document that is never a card (a KK, an SKPWNI page):
    then no region of it is cropped as one."""
    notes: list[str] = []
    if is_blank(grey, settings):
        return Preprocessed(image=grey, blank=True, notes=["blank"])
    card = card_view(grey, colour) if cards else None
    if card is not None:
        grey = card
        notes.append("card-warped")
    else:
        grey, sheets = page_view(grey, colour)
        if sheets > 1:
            notes.append(f"sheets:{sheets}")
        elif sheets == 1:
            notes.append("page-warped")
        # A photographed scan of a card on a sheet: the card is found on the sheet, seen flat.
        card = scanned_card_view(grey) if cards and sheets == 1 else None
        if card is not None:
            grey = card
            notes.append("card-warped")
    # A card is cut to its own edges: nothing around it to clear.
    flat = flatten_light(grey) if card is not None else flatten_page(grey)
    binary_inv = _otsu_inv(flat)
    # Scale so body text is the height Tesseract reads best: small scans get bigger, big pages get faster.
    height = text_height(binary_inv)
    if height > 0:
        f = min(settings.max_scale, max(settings.min_scale, settings.target_text_height / height))
        f = min(f, settings.max_width / flat.shape[1])
        if abs(f - 1) > 0.08:
            flat = np.asarray(
                cv2.resize(
                    flat, None, fx=f, fy=f, interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC
                ),
                dtype=np.uint8,
            )
            binary_inv = _otsu_inv(flat)
            height *= f
            notes.append(f"scaled:{f:.2f}")
    angle = estimate_skew(binary_inv, settings.max_skew_deg)
    if abs(angle) >= 0.15:
        flat = rotate(flat, angle)
        binary_inv = _otsu_inv(flat)
        notes.append(f"deskew:{angle:.1f}")
    prepared = _cleared(flat, binary_inv, height, notes, card=card is not None)
    # A page folded or curling: its panels' rows at their own slopes, levelled column by column.
    shifts = column_shifts(binary_inv, height) if card is None else None
    if shifts is not None:
        levelled = level_bends(flat, shifts)
        bent = [*notes, f"bends:{float(np.ptp(shifts)) / height:.1f}"]
        prepared.levelled = _cleared(levelled, _otsu_inv(levelled), height, bent, card=False)
    return prepared


def _cleared(
    flat: GreyImage, binary_inv: GreyImage, height: float, notes: list[str], *, card: bool
) -> Preprocessed:
    """The page ready to read: a copy's specks, rules, dotted lines and boxes cleared from its print."""
    notes = list(notes)
    specks = copy_specks(binary_inv, height) if card else None
    if specks is not None:
        binary_inv, flat = despeckle_copy(binary_inv, flat, specks)
        notes.append("despeckled")
    cleaned, rules = remove_rules(binary_inv, height)
    # One labelling for both: the points a dotted line loses are no part of any box's outline.
    components = _components(cleaned)
    cleaned = remove_dotted_rules(cleaned, height, components)
    cleaned = erase_boxes(cleaned, height, components)
    return Preprocessed(
        image=np.asarray(cv2.bitwise_not(cleaned), dtype=np.uint8),
        blank=False,
        notes=notes,
        rules=rules,
        grey=level_print(flat, height) if card else flat,
        card=card,
    )
