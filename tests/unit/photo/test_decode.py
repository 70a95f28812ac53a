"""Safe decoding: every hostile or unsupported container is refused with its reason, before pixel decode."""

from __future__ import annotations

import struct
import zlib

import cv2
import numpy as np
import pytest

from ektp.photo import DEFAULT_CONFIG, PhotoConfig, check_photo, decode_image, read_header
from ektp.photo.decode import DecodeError
from tests.support import photo_defects
from tests.support import photo_defects as d


def _codes(data: bytes, kind: str = "selfie") -> list[str]:
    return [r.code for r in check_photo(data, kind).reasons]  # type: ignore[arg-type]


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _small_png() -> bytes:
    return photo_defects.png(np.full((8, 8, 3), 128, np.uint8))


def _png_with_chunk_after_ihdr(data: bytes, chunk: bytes) -> bytes:
    ihdr_end = 8 + 12 + 13
    return data[:ihdr_end] + chunk + data[ihdr_end:]


def _sof_jpeg(width: int, height: int) -> bytes:
    """A JPEG whose frame header claims width x height; only the header matters to read_header."""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00"
    return b"\xff\xd8" + sof + sos + b"\x00\x12\x34" + b"\xff\xd9"


def _gif(frames: int) -> bytes:
    header = b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    frame = (
        b"\x21\xf9\x04\x00\x0a\x00\x00\x00"
        + b"\x2c"
        + struct.pack("<HHHHB", 0, 0, 1, 1, 0)
        + b"\x02\x02\x44\x01\x00"
    )
    return header + frame * frames + b"\x3b"


def _tiff(pages: int) -> bytes:
    out = bytearray(b"II*\x00" + struct.pack("<I", 8))
    for page in range(pages):
        offset = len(out)
        nxt = offset + 2 + 12 + 4 if page < pages - 1 else 0
        out += struct.pack("<H", 1) + struct.pack("<HHII", 256, 3, 1, 1) + struct.pack("<I", nxt)
    return bytes(out)


def test_a_good_jpeg_decodes_with_its_dimensions(good_red_jpeg: bytes) -> None:
    image = decode_image(good_red_jpeg)
    assert image.header.format == "jpeg"
    assert image.bgr.shape == (1200, 900, 3)


@pytest.mark.parametrize("data", [b"", b"hello, not an image", b"%PDF-1.7\n...", b"\x00" * 1000])
def test_non_images_are_unreadable(data: bytes) -> None:
    assert _codes(data) == ["IMAGE_UNREADABLE"]


def test_zip_is_unreadable() -> None:
    assert _codes(photo_defects.zip_bytes()) == ["IMAGE_UNREADABLE"]


def test_truncated_jpeg_is_unreadable(good_red_jpeg: bytes) -> None:
    assert _codes(good_red_jpeg[: len(good_red_jpeg) // 2]) == ["IMAGE_UNREADABLE"]


def test_truncated_png_is_unreadable() -> None:
    data = _small_png()
    assert _codes(data[:-20]) == ["IMAGE_UNREADABLE"]


def test_jpeg_with_zip_appended_is_a_rejected_polyglot(good_red_jpeg: bytes) -> None:
    result = check_photo(good_red_jpeg + photo_defects.zip_bytes(), "selfie")
    assert [r.code for r in result.reasons] == ["IMAGE_UNREADABLE"]
    assert "polyglot" in str(result.measurements["decode_error"])


def test_png_with_data_after_iend_is_rejected() -> None:
    assert _codes(_small_png() + b"<script>alert(1)</script>" * 10) == ["IMAGE_UNREADABLE"]


def test_png_with_a_corrupt_chunk_is_rejected() -> None:
    data = bytearray(_small_png())
    data[40] ^= 0xFF  # inside the IDAT payload: its CRC no longer matches
    assert _codes(bytes(data)) == ["IMAGE_UNREADABLE"]


def test_jpeg_magic_with_garbage_body_is_rejected() -> None:
    assert _codes(b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"\x17" * 500) == ["IMAGE_UNREADABLE"]


def test_valid_structure_that_fails_pixel_decode_is_rejected() -> None:
    # Headers say 64x64 but the scan is noise: OpenCV cannot decode it into that size.
    with pytest.raises(DecodeError) as err:
        decode_image(_sof_jpeg(64, 64))
    assert err.value.code == "IMAGE_UNREADABLE"


def test_appended_jpeg_is_allowed_like_a_phone_gain_map(good_red_jpeg: bytes) -> None:
    # Phones store HDR gain maps / depth maps as further JPEGs after the primary one (MPF).
    extra = photo_defects.jpeg(np.full((32, 32, 3), 90, np.uint8))
    header = read_header(good_red_jpeg + extra)
    assert header.extra["embedded_images"] == 1


def test_pixel_bomb_is_refused_from_the_header_alone() -> None:
    # 40000 x 40000 = 1.6 gigapixels declared in a ~40-byte file: refused without decoding.
    result = check_photo(_sof_jpeg(40000, 40000), "selfie")
    assert [r.code for r in result.reasons] == ["IMAGE_TOO_MANY_PIXELS"]
    assert result.reasons[0].measured == 1_600_000_000
    assert result.reasons[0].threshold == DEFAULT_CONFIG.max_pixels


def test_png_pixel_bomb_is_refused() -> None:
    ihdr = _chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0))
    idat = _chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
    data = b"\x89PNG\r\n\x1a\n" + ihdr + idat + _chunk(b"IEND", b"")
    assert _codes(data) == ["IMAGE_TOO_MANY_PIXELS"]


def test_the_pixel_limit_comes_from_the_config(good_red_jpeg: bytes) -> None:
    with pytest.raises(DecodeError) as err:
        read_header(good_red_jpeg, PhotoConfig(max_pixels=1000))
    assert err.value.code == "IMAGE_TOO_MANY_PIXELS"


def test_apng_is_animated() -> None:
    actl = _chunk(b"acTL", struct.pack(">II", 2, 0))
    assert _codes(_png_with_chunk_after_ihdr(_small_png(), actl)) == ["IMAGE_ANIMATED"]


def test_animated_gif_is_animated() -> None:
    assert _codes(_gif(3)) == ["IMAGE_ANIMATED"]


def test_single_frame_gif_is_the_wrong_type() -> None:
    assert _codes(_gif(1)) == ["UPLOAD_TYPE_MISMATCH"]


def test_multi_page_tiff_is_animated() -> None:
    result = check_photo(_tiff(3), "selfie")
    assert [r.code for r in result.reasons] == ["IMAGE_ANIMATED"]
    assert result.reasons[0].measured == 3


def test_single_page_tiff_is_the_wrong_type() -> None:
    assert _codes(_tiff(1)) == ["UPLOAD_TYPE_MISMATCH"]


def test_animated_webp_is_animated() -> None:
    vp8x = b"VP8X" + struct.pack("<I", 10) + bytes([0x02, 0, 0, 0]) + b"\x00" * 6
    data = b"RIFF" + struct.pack("<I", 4 + len(vp8x)) + b"WEBP" + vp8x
    assert _codes(data) == ["IMAGE_ANIMATED"]


def test_still_webp_and_bmp_are_the_wrong_type() -> None:
    ok, webp = cv2.imencode(".webp", np.full((16, 16, 3), 128, np.uint8))
    assert ok
    assert _codes(bytes(webp.tobytes())) == ["UPLOAD_TYPE_MISMATCH"]
    ok, bmp = cv2.imencode(".bmp", np.full((16, 16, 3), 128, np.uint8))
    assert _codes(bytes(bmp.tobytes())) == ["UPLOAD_TYPE_MISMATCH"]


def test_exif_orientation_is_applied(good_red: d.Image) -> None:
    # Stored sideways (as a phone does) with orientation 6: "rotate 90 clockwise to display".
    sideways = cv2.rotate(good_red, cv2.ROTATE_90_COUNTERCLOCKWISE)
    data = photo_defects.with_exif_orientation(photo_defects.jpeg(sideways), 6)
    image = decode_image(data)
    assert image.header.exif_orientation == 6
    assert image.bgr.shape[:2] == (1200, 900)
    result = check_photo(data, "id_photo", birth_year=1991)
    assert result.verdict == "ACCEPTED", result.reasons
    assert result.measurements["exif_orientation"] == 6


def test_sideways_photo_without_orientation_is_rejected(good_red: d.Image) -> None:
    sideways = cv2.rotate(good_red, cv2.ROTATE_90_COUNTERCLOCKWISE)
    codes = _codes(photo_defects.jpeg(sideways), "id_photo")
    assert "PHOTO_ASPECT" in codes


@pytest.mark.parametrize("kind", ["id_photo", "selfie"])
@pytest.mark.parametrize(("width", "height"), [(300, 33_000), (33_000, 300)])
def test_attack_an_image_longer_than_opencv_warps_is_refused_not_a_crash(
    width: int, height: int, kind: str
) -> None:
    # 10 megapixels, under the pixel limit, but a side past 32,767 px made OpenCV's resize assert inside the
    # check: the upload's check crashed instead of answering.
    data = photo_defects.png(np.full((height, width, 3), 200, np.uint8))
    result = check_photo(data, kind)  # type: ignore[arg-type]
    assert [r.code for r in result.reasons] == ["IMAGE_TOO_LONG"]
    assert result.reasons[0].measured == 33_000
    assert result.reasons[0].threshold == DEFAULT_CONFIG.max_side


def test_a_long_phone_panorama_within_the_side_limit_is_decoded() -> None:
    # A side of 16,320 px (a 200-megapixel phone's long side) is decoded; the aspect check answers for it.
    data = photo_defects.png(np.full((1_000, 16_320, 3), 200, np.uint8))
    assert decode_image(data).bgr.shape == (1_000, 16_320, 3)
    assert "IMAGE_TOO_LONG" not in _codes(data, "id_photo")


@pytest.mark.parametrize(("width", "height"), [(1, 5000), (3, 19_000), (5000, 1)])
def test_attack_a_strip_is_refused_not_a_crash(width: int, height: int) -> None:
    # From the review: a 1 x 5,000 px PNG resized to an empty picture in the face detector, and the check raised.
    data = photo_defects.png(np.full((height, width, 3), 200, np.uint8))
    result = check_photo(data, "selfie")
    assert [r.code for r in result.reasons] == ["IMAGE_TOO_LONG"]
    assert result.reasons[0].threshold == DEFAULT_CONFIG.max_side_ratio


def test_a_panorama_within_the_strip_ratio_is_decoded() -> None:
    data = photo_defects.png(np.full((400, 7_600, 3), 200, np.uint8))  # 19:1
    assert decode_image(data).bgr.shape == (400, 7_600, 3)
