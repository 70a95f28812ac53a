"""Upload-time checks of a fingerprint capture: safe decode, then what a new capture fixes."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from ektp.photo.fingerprint_capture import MIN_SIDE_PX, check_fingerprint_capture
from tests.support.synthetic_fingerprints import impressions


def png(pixels: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8)).save(out, format="PNG")
    return out.getvalue()


def test_scanner_like_captures_are_accepted() -> None:
    for data in impressions(7, 3):
        result = check_fingerprint_capture(data)
        assert result.accepted, result.reasons
        assert result.measurements["ridge_coverage"] > 0.5


@pytest.mark.parametrize(
    ("name", "pixels", "field"),
    [
        ("blank platen", np.full((500, 400), 225), "contrast"),
        ("smooth gradient, no ridges", np.tile(np.linspace(0, 255, 400), (500, 1)), "ridges"),
        ("too small", np.random.default_rng(1).integers(0, 255, (120, 100)), "resolution"),
        ("a whole hand or a document", np.random.default_rng(2).integers(0, 255, (2400, 1800)), "resolution"),
    ],
)
def test_what_a_new_capture_fixes_is_named(name: str, pixels: np.ndarray, field: str) -> None:
    result = check_fingerprint_capture(png(pixels))
    assert not result.accepted, name
    assert {r.code for r in result.reasons} == {"FINGERPRINT_QUALITY_LOW"}
    assert field in {r.field for r in result.reasons}, result.reasons


def test_a_broken_file_gets_the_decoders_reason_only() -> None:
    data = impressions(7, 1)[0]
    result = check_fingerprint_capture(data[: len(data) // 2])
    assert not result.accepted and [r.code for r in result.reasons] == ["IMAGE_UNREADABLE"]
    assert MIN_SIDE_PX >= 256
