"""A capture station file whose header states more pixels than any scan or camera is refused at capture, and the
fingerprint decoder never expands one.

Attack (s12, failed on the code before the fix): the station checked a file's size (5 MB) and its magic bytes only,
so a 279 KB PNG of one colour stating 16,000 x 16,000 pixels was recorded as a finger; the chain's fingerprint
stage then decoded it whole with OpenCV (256 M pixels, before the minutiae extractor read the re-encoded page),
for every attempt of the case and for every later 1:1 against the NIK's enrolled finger. The test watches
`cv2.imdecode`: it must never run on such a file.
"""

from __future__ import annotations

import pytest

from ektp.biometrics.fingerprint import FingerprintError, _to_grey_png
from ektp.errors import ServiceError
from ektp.services.capture import CaptureFile
from tests.support.hostile_files import png_bomb
from tests.unit.services.test_capture_station import capture, image, station_files, waiting

BOMB = png_bomb(6000, level=9)  # 36 M pixels in 50 KB


def test_attack_a_capture_with_a_fingerprint_bomb_is_refused() -> None:
    w = waiting()
    files = [station_files()[0], CaptureFile("FINGERPRINT", BOMB, finger="RIGHT_INDEX"), station_files()[-1]]
    with pytest.raises(ServiceError, match="CAPTURE_INVALID") as refused:
        capture(w, files=files)
    assert [(r.field, r.measured) for r in refused.value.reasons] == [
        ("files.FINGERPRINT.RIGHT_INDEX", "pixels")
    ]
    assert w.recordings.captures == {} and w.workflow.started == {}


def test_attack_the_fingerprint_decoder_never_expands_a_bomb(imdecode_calls: list[int]) -> None:
    with pytest.raises(FingerprintError):
        _to_grey_png(BOMB)
    assert imdecode_calls == []
    assert _to_grey_png(image("PNG", (96, 96))).startswith(b"\x89PNG")  # the guard: a real scan still decodes
    assert imdecode_calls != []


def test_an_ordinary_capture_is_still_recorded() -> None:
    w = waiting()
    capture(w)
    assert len(w.recordings.captures) == 1
