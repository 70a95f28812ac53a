"""An image with a side past 32,767 px is under every pixel limit, yet OpenCV's resize and warps assert on it:
the biometric decoders refuse it from its header, as they refuse a decompression bomb."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ektp.biometrics.face import decode_image
from ektp.biometrics.fingerprint import FingerprintError, _to_grey_png
from ektp.domain.filetypes import MAX_IMAGE_SIDE, pixels_within


def _png(width: int, height: int) -> bytes:
    ok, data = cv2.imencode(".png", np.full((height, width), 180, np.uint8))
    assert ok
    return data.tobytes()


LONG = _png(300, 33_000)  # 9.9 M pixels, under every limit


def test_attack_a_strip_longer_than_opencv_takes_is_not_decoded_for_a_face() -> None:
    assert decode_image(LONG) is None
    assert decode_image(_png(3, 19_000)) is None
    assert decode_image(_png(640, 480)) is not None  # the guard: an ordinary photo decodes


def test_attack_a_strip_longer_than_opencv_takes_is_not_a_fingerprint() -> None:
    with pytest.raises(FingerprintError, match="IMAGE_UNREADABLE"):
        _to_grey_png(LONG)


@pytest.mark.parametrize(
    ("width", "height", "decodable"),
    [
        (300, 33_000, False),
        (33_000, 300, False),
        (1_000, MAX_IMAGE_SIDE, True),
        (1_000, MAX_IMAGE_SIDE + 1, False),
        (300, 19_000, False),  # a strip: no page or photo is 63 times as long as wide
        (1, 5_000, False),
    ],
)
def test_a_side_past_the_limit_may_not_be_decoded(width: int, height: int, decodable: bool) -> None:
    assert pixels_within(_png(width, height), 25_000_000) is decodable
