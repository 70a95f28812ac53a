"""Safe decoding of an uploaded photo: structure first, pixels second.

The container is walked in pure Python before any pixel is decoded, so a decompression bomb is refused
from its header, an animated or multi-frame file is recognised, and a file with another file appended
(a polyglot, e.g. a JPEG followed by a ZIP) or cut short is rejected. Only then does OpenCV decode it,
which also applies the EXIF orientation. Pillow is not needed, which keeps it out of the Lambda layer.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from typing import Any, Literal

import cv2
import numpy as np
from cv2.typing import MatLike

from ektp.photo.config import DEFAULT_CONFIG, PhotoConfig

ImageFormat = Literal["jpeg", "png"]

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) share the range.
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE_MARKERS = frozenset(range(0xD0, 0xD8)) | {0x01}  # RSTn and TEM carry no length


class DecodeError(Exception):
    """The upload cannot be accepted as a photo; `code` is a reason code from the catalogue."""

    def __init__(
        self,
        code: str,
        detail: str,
        measured: float | int | str | None = None,
        threshold: float | int | str | None = None,
    ) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.measured = measured
        self.threshold = threshold


@dataclass(frozen=True)
class Header:
    format: ImageFormat
    width: int
    height: int
    exif_orientation: int = 1  # 1 = upright; 5-8 swap width and height
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DecodedImage:
    header: Header
    bgr: MatLike  # EXIF orientation applied; 8-bit, 3 channels


def _unreadable(detail: str) -> DecodeError:
    return DecodeError("IMAGE_UNREADABLE", detail)


# ---------------------------------------------------------------------------------------------------- JPEG
def _exif_orientation(app1: bytes) -> int:
    """Orientation tag (0x0112) of an APP1 Exif payload; 1 when absent or malformed."""
    if not app1.startswith(b"Exif\x00\x00") or len(app1) < 14:
        return 1
    tiff = app1[6:]
    endian = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if endian is None:
        return 1
    try:
        (ifd,) = struct.unpack_from(endian + "I", tiff, 4)
        (count,) = struct.unpack_from(endian + "H", tiff, ifd)
        for i in range(count):
            tag, _type, _n, value = struct.unpack_from(endian + "HHIH", tiff, ifd + 2 + 12 * i)
            if tag == 0x0112:
                return value if 1 <= value <= 8 else 1
    except struct.error:
        return 1
    return 1


def _walk_jpeg(data: bytes, start: int, max_scans: int) -> tuple[int, int, int, int]:
    """Walk one JPEG from SOI at `start`; returns (end offset after EOI, width, height, exif orientation).
    More than `max_scans` scans is refused: each scan of a progressive JPEG makes the decoder walk every block
    of its components again, so thousands of empty scans (a dozen bytes each) hold a decode for minutes."""
    if data[start : start + 2] != b"\xff\xd8":
        raise _unreadable("not a JPEG stream")
    pos, width, height, orientation, in_scan, scans = start + 2, 0, 0, 1, False, 0
    size = len(data)
    while True:
        if in_scan:
            # Entropy-coded data: 0xFF is stuffed as FF00 and restart markers FFD0-D7 stay inside the scan.
            pos = data.find(b"\xff", pos)
            while (
                pos != -1
                and pos + 1 < size
                and (data[pos + 1] == 0 or 0xD0 <= data[pos + 1] <= 0xD7 or data[pos + 1] == 0xFF)
            ):
                pos = data.find(b"\xff", pos + (1 if data[pos + 1] == 0xFF else 2))
            if pos == -1 or pos + 1 >= size:
                raise _unreadable("JPEG is truncated (no end-of-image marker)")
            in_scan = False
        if pos + 1 >= size or data[pos] != 0xFF:
            raise _unreadable("JPEG is truncated or corrupt")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:
            if not width or not height:
                raise _unreadable("JPEG has no frame header")
            return pos + 2, width, height, orientation
        if marker in _STANDALONE_MARKERS:
            pos += 2
            continue
        if pos + 4 > size:
            raise _unreadable("JPEG is truncated")
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if length < 2 or pos + 2 + length > size:
            raise _unreadable("JPEG segment runs past the end of the file")
        payload = data[pos + 4 : pos + 2 + length]
        if marker in _SOF_MARKERS and len(payload) >= 5:
            height, width = struct.unpack_from(">HH", payload, 1)
        elif marker == 0xE1 and orientation == 1 and start == 0:
            orientation = _exif_orientation(payload)
        pos += 2 + length
        if marker == 0xDA:
            in_scan = True
            scans += 1
            if scans > max_scans:
                raise _too_many_scans(scans, max_scans)


def _too_many_scans(scans: int, max_scans: int) -> DecodeError:
    return DecodeError(
        "IMAGE_UNREADABLE",
        "JPEG has more scans than any camera or encoder writes (a decode-time bomb)",
        measured=scans,
        threshold=max_scans,
    )


def _jpeg_header(data: bytes, config: PhotoConfig) -> Header:
    end, width, height, orientation = _walk_jpeg(data, 0, config.max_jpeg_scans)
    # Phones append more JPEGs after the primary image (MPF: HDR gain maps, depth maps). Anything else after
    # the end-of-image marker - a ZIP, a script, a video - makes the file a polyglot: refuse it.
    embedded = 0
    while end < len(data):
        rest = data[end:]
        if rest.startswith(b"\xff\xd8"):
            end, _, _, _ = _walk_jpeg(data, end, config.max_jpeg_scans)
            embedded += 1
            continue
        stripped = rest.rstrip(b"\x00")
        if len(stripped) > config.max_trailing_bytes or (stripped and len(rest) > config.max_trailing_bytes):
            raise DecodeError(
                "IMAGE_UNREADABLE",
                "data after the end of the JPEG image (polyglot file)",
                measured=len(rest),
                threshold=config.max_trailing_bytes,
            )
        break
    return Header("jpeg", width, height, orientation, {"embedded_images": embedded})


# ----------------------------------------------------------------------------------------------------- PNG
def _png_header(data: bytes, config: PhotoConfig) -> Header:
    pos, width, height, chunks = 8, 0, 0, 0
    while True:
        if pos + 12 > len(data):
            raise _unreadable("PNG is truncated (no IEND chunk)")
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        if end > len(data):
            raise _unreadable("PNG chunk runs past the end of the file")
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack_from(">I", data, pos + 8 + length)
        if zlib.crc32(kind + body) != crc:
            raise _unreadable(f"PNG chunk {kind!r} is corrupt (CRC mismatch)")
        if chunks == 0:
            if kind != b"IHDR" or length != 13:
                raise _unreadable("PNG does not start with IHDR")
            width, height = struct.unpack_from(">II", body)
        if kind in (b"acTL", b"fcTL"):  # APNG: an animated PNG
            raise DecodeError("IMAGE_ANIMATED", "animated PNG (APNG)", measured="apng")
        chunks += 1
        pos = end
        if kind == b"IEND":
            break
    if len(data) - pos > config.max_trailing_bytes:
        raise DecodeError(
            "IMAGE_UNREADABLE",
            "data after the end of the PNG image (polyglot file)",
            measured=len(data) - pos,
            threshold=config.max_trailing_bytes,
        )
    return Header("png", width, height)


# ------------------------------------------------------------------------------------- other (refused) formats
def _gif_frames(data: bytes) -> int:
    """Number of image descriptors in a GIF, walking its blocks; malformed tails count what was seen."""
    try:
        (flags,) = struct.unpack_from("B", data, 10)
        pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
        frames = 0
        while pos < len(data):
            block = data[pos]
            if block == 0x3B:  # trailer
                break
            if block == 0x21:  # extension: label, then sub-blocks
                pos += 2
            elif block == 0x2C:  # image descriptor (+ optional local colour table, LZW size, sub-blocks)
                frames += 1
                local = data[pos + 9]
                pos += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0) + 1
            else:
                break
            while pos < len(data) and data[pos] != 0:
                pos += data[pos] + 1
            pos += 1
        return frames
    except (IndexError, struct.error):
        return 0


def _tiff_pages(data: bytes) -> int:
    endian = "<" if data[:2] == b"II" else ">"
    pages, seen = 0, set()
    try:
        (offset,) = struct.unpack_from(endian + "I", data, 4)
        while offset and offset not in seen and pages < 1000:
            seen.add(offset)
            pages += 1
            (count,) = struct.unpack_from(endian + "H", data, offset)
            (offset,) = struct.unpack_from(endian + "I", data, offset + 2 + 12 * count)
    except struct.error:
        pass
    return pages


def _webp_animated(data: bytes) -> bool:
    if data[12:16] == b"VP8X" and len(data) > 20:
        return bool(data[20] & 0x02)  # the animation flag of the extended header
    return b"ANIM" in data[12:4096]


def _refuse_other(data: bytes) -> DecodeError:
    """A recognised image format that photos may not use; multi-frame files get their own reason."""
    if data[:6] in (b"GIF87a", b"GIF89a"):
        frames = _gif_frames(data)
        if frames > 1 or b"NETSCAPE2.0" in data:
            return DecodeError("IMAGE_ANIMATED", "animated GIF", measured=max(frames, 2))
        fmt = "gif"
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        if _webp_animated(data):
            return DecodeError("IMAGE_ANIMATED", "animated WebP", measured="webp")
        fmt = "webp"
    elif data[:4] in (b"II*\x00", b"MM\x00*"):
        pages = _tiff_pages(data)
        if pages > 1:
            return DecodeError("IMAGE_ANIMATED", "multi-page TIFF", measured=pages)
        fmt = "tiff"
    elif data[4:8] == b"ftyp":
        fmt = "heif"
    elif data[:2] == b"BM":
        fmt = "bmp"
    else:
        return _unreadable("not an image (unrecognised content)")
    return DecodeError(
        "UPLOAD_TYPE_MISMATCH",
        f"{fmt} is not accepted for photos (use JPEG or PNG)",
        measured=fmt,
        threshold="jpeg|png",
    )


# ------------------------------------------------------------------------------------------------- public
def read_header(data: bytes, config: PhotoConfig = DEFAULT_CONFIG) -> Header:
    """Validate the container and read the dimensions without decoding pixels; raises DecodeError."""
    if data.startswith(b"\xff\xd8\xff"):
        header = _jpeg_header(data, config)
    elif data.startswith(_PNG_MAGIC):
        header = _png_header(data, config)
    else:
        raise _refuse_other(data)
    pixels = header.width * header.height
    if pixels > config.max_pixels:
        raise DecodeError(
            "IMAGE_TOO_MANY_PIXELS",
            f"{header.width}x{header.height} exceeds the pixel limit",
            measured=pixels,
            threshold=config.max_pixels,
        )
    if pixels == 0:
        raise _unreadable("image has no pixels")
    long, short = max(header.width, header.height), min(header.width, header.height)
    if long > config.max_side:
        raise DecodeError(
            "IMAGE_TOO_LONG",
            f"{header.width}x{header.height} has a side past the limit",
            long,
            config.max_side,
        )
    if long > config.max_side_ratio * short:
        ratio = round(long / short, 1)
        raise DecodeError(
            "IMAGE_TOO_LONG", f"{header.width}x{header.height} is a strip", ratio, config.max_side_ratio
        )
    return header


def decode_image(data: bytes, config: PhotoConfig = DEFAULT_CONFIG) -> DecodedImage:
    """Header checks, then a full decode to 8-bit BGR with the EXIF orientation applied."""
    header = read_header(data, config)
    # IMREAD_COLOR applies EXIF orientation (unless IMREAD_IGNORE_ORIENTATION) and drops alpha/16-bit depth.
    bgr = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    if bgr is None or bgr.size == 0:
        raise _unreadable("image data cannot be decoded")
    expected = {(header.width, header.height), (header.height, header.width)}
    if (bgr.shape[1], bgr.shape[0]) not in expected:
        raise _unreadable("decoded size differs from the header")
    return DecodedImage(header, bgr)
