"""The uneven-light threshold, derived from fixtures: good photos against one-sided-light variants of them.

    .venv/bin/python -m tests.unit.photo.test_light_calibration    # prints the measured ranges and the threshold

Both sets are derived by code from the real public photos (tests/support/photo_defects.py): the good ones with
the variations a good photo has (backdrop colour and shade, complexion, light fall-off towards the corners,
a slight roll, JPEG quality); the defects with a key light from either side in three styles (a smooth
fall-off on the head, a hard shadow edge, a window lighting the whole scene). The threshold is the midpoint,
in stops, of the gap between the most uneven good photo and the most even defect; the configured value must
sit in the middle half of that gap.
"""

from __future__ import annotations

import numpy as np

from ektp.photo import DEFAULT_CONFIG, check_photo
from tests.support import photo_defects as d

Image = d.Image


def _stops(image: Image, kind: str = "id_photo") -> float:
    """The check's own measure, on the photo as it is uploaded (JPEG)."""
    result = check_photo(d.jpeg(image), kind, birth_year=None)  # type: ignore[arg-type]
    assert result.face_box is not None, result.reasons
    return float(result.measurements["side_light_stops"])


def _vignette(bgr: Image) -> Image:
    h, w = bgr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = (((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2) / 2
    out: Image = np.clip(bgr * (1 - 0.3 * r2)[:, :, None], 0, 255).astype(np.uint8)
    return out


def good_measures() -> list[float]:
    values = [_stops(d.good_id_photo(name, colour)) for name in d.SOURCES for colour in d.BACKDROPS]
    values += [_stops(d.good_selfie(name), "selfie") for name in d.SOURCES]
    for name in d.SOURCES:
        photo = d.good_id_photo(name, "red")
        values += [_stops(d.dark_skin_tone(photo)), _stops(_vignette(photo))]
        values += [_stops(d.tilted(photo, angle)) for angle in (-5, 5)]
    return values


def defect_measures() -> list[float]:
    return [
        _stops(d.one_sided_light(d.good_id_photo(name, colour), side, style))
        for name in d.SOURCES
        for colour in ("red", "blue")
        for side in ("left", "right")
        for style in d.LIGHT_STYLES
    ]


def calibrate() -> tuple[float, float, float]:
    """(most uneven good photo, most even defect, the threshold between them), in stops."""
    good, defect = max(good_measures()), min(defect_measures())
    return good, defect, (good + defect) / 2


def test_the_configured_threshold_splits_good_light_from_one_sided_light() -> None:
    good, defect, derived = calibrate()
    assert good < defect, f"good photos up to {good} stops, one-sided light from {defect}: not separable"
    threshold = DEFAULT_CONFIG.max_side_light_stops
    assert abs(threshold - derived) <= (defect - good) / 4, (good, defect, derived, threshold)


if __name__ == "__main__":
    most_uneven_good, most_even_defect, midpoint = calibrate()
    print(
        f"good photos: up to {most_uneven_good:.2f} stops; one-sided light: from {most_even_defect:.2f} stops"
    )
    print(f"threshold (midpoint): {midpoint:.2f}; configured: {DEFAULT_CONFIG.max_side_light_stops}")
