"""Attack: a progressive JPEG of a few hundred kilobytes that holds thousands of scans.

Each scan of a progressive JPEG makes the decoder walk every block of its component again, and an AC scan that
codes nothing but end-of-band runs costs a dozen bytes. Before the scan limit a 680 KB file of 20,000 empty
scans over a 4000x4000 frame (16 MP, under the pixel limit) held OpenCV's decode for 30 s on one core; the 8 MB
a photo may weigh holds ~240,000 of them (minutes: the checker's whole timeout, three receives, the DLQ), and
the OCR queue's capped containers read scans the same way (its pages pass read_header too). Real encoders
write 1 (baseline) to about 10 scans (libjpeg's default progression; mozjpeg's optimised ones stay well
under 100), so the container walk refuses a stream with more than `max_jpeg_scans` before any pixel decode.
"""

from __future__ import annotations

import struct

import cv2
import numpy as np
import pytest

from ektp.photo import DEFAULT_CONFIG, PhotoConfig, check_photo, decode_image, read_header
from ektp.photo.decode import DecodeError


def _progressive_jpeg(side: int) -> bytes:
    grey = np.full((side, side), 128, np.uint8)
    ok, encoded = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_PROGRESSIVE, 1, cv2.IMWRITE_JPEG_QUALITY, 80])
    assert ok
    return encoded.tobytes()


def _empty_ac_scan(blocks: int) -> bytes:
    """One AC scan of component 1 (Ss=1, Se=63) whose every block is zero: end-of-band runs only, coded
    with Huffman table AC 1 (one symbol, 0xE0: a run of 2^14 plus 14 bits, code '0')."""
    bits = ""
    left = blocks
    while left > 0:
        run = max(min(left, 32767), 16384)
        bits += "0" + format(run - 16384, "014b")
        left -= run
    bits += "1" * (-len(bits) % 8)
    entropy = bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits), 8)).replace(b"\xff", b"\xff\x00")
    sos = b"\xff\xda" + struct.pack(">H", 8) + b"\x01\x01\x01" + bytes([1, 63, 0])
    return sos + entropy


def scan_bomb(side: int, scans: int) -> bytes:
    """A valid progressive JPEG of side x side grey pixels followed, before its end, by `scans` empty AC scans."""
    base = _progressive_jpeg(side)
    table = b"\xff\xc4" + struct.pack(">H", 20) + b"\x11" + bytes([1] + [0] * 15) + b"\xe0"
    return base[:-2] + table + _empty_ac_scan((side // 8) ** 2) * scans + b"\xff\xd9"


def test_attack_a_jpeg_of_thousands_of_empty_scans_is_refused_before_any_pixel_is_decoded() -> None:
    bomb = scan_bomb(2000, 5000)
    assert len(bomb) < 200_000  # small: the size limit does not stop it
    with pytest.raises(DecodeError) as refused:
        read_header(bomb)
    assert refused.value.code == "IMAGE_UNREADABLE"
    assert refused.value.threshold == DEFAULT_CONFIG.max_jpeg_scans
    assert refused.value.measured is not None and int(refused.value.measured) > DEFAULT_CONFIG.max_jpeg_scans
    with pytest.raises(DecodeError):
        decode_image(bomb)


def test_the_photo_check_answers_the_scan_bomb_with_one_reason() -> None:
    result = check_photo(scan_bomb(1200, 2000), "selfie")
    assert [r.code for r in result.reasons] == ["IMAGE_UNREADABLE"]


def test_real_progressive_and_baseline_jpegs_still_decode() -> None:
    progressive = _progressive_jpeg(640)
    assert read_header(progressive).width == 640
    assert decode_image(progressive).bgr.shape[:2] == (640, 640)
    ok, baseline = cv2.imencode(".jpg", np.full((480, 640, 3), 100, np.uint8))
    assert ok and decode_image(baseline.tobytes()).bgr.shape[:2] == (480, 640)


def test_the_scan_limit_counts_each_embedded_stream_and_comes_from_the_config() -> None:
    bomb = scan_bomb(256, 30)
    assert read_header(bomb, PhotoConfig(max_jpeg_scans=200)).width == 256
    with pytest.raises(DecodeError):
        read_header(bomb, PhotoConfig(max_jpeg_scans=20))
    # The same scans hidden in an appended stream (where a phone's gain map sits) are refused too.
    with pytest.raises(DecodeError):
        read_header(_progressive_jpeg(64) + bomb, PhotoConfig(max_jpeg_scans=20))


def test_the_ocr_reader_refuses_the_scan_bomb_through_the_same_container_walk() -> None:
    from ektp.ocr.preprocess import UnreadableImage
    from ektp.ocr.preprocess import decode_image as ocr_decode
    from ektp.ocr.settings import OcrSettings

    with pytest.raises(UnreadableImage):
        ocr_decode(scan_bomb(2000, 5000), OcrSettings())
