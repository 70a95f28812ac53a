"""Which way a page's text lines run, measured on its ink: a page photographed a quarter turn from upright
(a landscape form on a desk shot with the phone held upright, no EXIF tag to turn it) has its lines running
down the frame, and no engine reads it until it is turned.

The measure is the row-profile variance the deskew maximises, taken over a band of angles around level and
around a quarter turn: text rows make the profile of their own direction peak sharply (ink rows, then
empty gaps), the cross direction only weakly (words and columns blur into each other over many rows).
"""

from __future__ import annotations

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage

# Measured at this width: a page's lines stay a few pixels tall (enough to separate them), the turning cheap.
MEASURE_WIDTH = 240
# The band of angles searched around each direction (degrees): a photographed page lies up to this far off,
# and the deskew may have turned a sideways page by its own limit (15) looking for level rows.
BAND_DEG = 20.0
BAND_STEP = 1.0
# Rows down the frame must beat rows across it by this factor to call the page sideways: upright pages of
# 56 layouts (clean and degraded) measured 0.07-1.2, a dark phone screen 2.95; quarter-turned pages 6-9.
SIDEWAYS_RATIO = 3.5


def _best_profile(small: GreyImage, centre_deg: float) -> float:
    """The highest row-profile variance of `small` turned by angles within BAND_DEG of `centre_deg`."""
    h, w = small.shape
    side = int(np.ceil(np.hypot(h, w)))
    pad = np.zeros((side, side), np.uint8)
    y, x = (side - h) // 2, (side - w) // 2
    pad[y : y + h, x : x + w] = small
    best = 0.0
    for angle in np.arange(centre_deg - BAND_DEG, centre_deg + BAND_DEG + 1e-6, BAND_STEP):
        m = cv2.getRotationMatrix2D((side / 2, side / 2), float(angle), 1.0)
        turned = cv2.warpAffine(pad, m, (side, side), flags=cv2.INTER_LINEAR)
        best = max(best, float(np.var(turned.sum(axis=1, dtype=np.float64))))
    return best


def line_direction_ratio(ink: GreyImage) -> float:
    """How much more the text rows run down the frame than across it (ink white on black): above 1 when
    the page lies a quarter turn off, well below when it is upright (or upside down)."""
    scale = MEASURE_WIDTH / max(ink.shape)
    small = np.asarray(cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8)
    if not small.any():
        return 0.0
    across = _best_profile(small, 0.0)
    down = _best_profile(small, 90.0)
    return down / across if across > 0 else 0.0


def runs_sideways(page: GreyImage) -> bool:
    """Whether the text of a thresholded page (black print on white) runs down the frame."""
    return line_direction_ratio(np.asarray(cv2.bitwise_not(page), np.uint8)) >= SIDEWAYS_RATIO
