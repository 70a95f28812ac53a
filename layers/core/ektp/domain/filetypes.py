"""What a file really is, from its first bytes: the client's declared content type is never trusted."""

from __future__ import annotations

import struct

# OpenCV's geometric transforms (resize, remap, warps) assert that each side is under 32,767 px (SHRT_MAX): an
# image 300 x 33,000 px is under every pixel limit and still raised inside the checks. A4 at 600 dpi is 7,016
# px long and a 200-megapixel phone photo 16,320, so no page or photo a resident takes comes near this.
MAX_IMAGE_SIDE = 20_000
MAX_SIDE_RATIO = 20.0  # the longer side over the shorter: a page or a photo, not a strip

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
)


def sniff_content_type(head: bytes) -> str | None:
    """The content type that the leading bytes identify, or None for anything unrecognised."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"heim", b"hevc"):
        return "image/heic"
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


# --- the size an image's header states, read without decoding a pixel (the limit comes before the decoder) ---
# JPEG start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) share the range.
JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # markers without a length


def jpeg_frame(data: bytes) -> tuple[int, int, int] | None:
    """(width, height, components) from a JPEG's frame header, walking its markers; None when the scan or the
    end comes first, or the file is cut or malformed."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in JPEG_STANDALONE:
            pos += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image or scan data before any frame header
            return None
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if marker in JPEG_SOF:
            if pos + 10 > len(data):
                return None
            height, width = struct.unpack_from(">HH", data, pos + 5)
            return width, height, data[pos + 9]
        if length < 2:
            return None
        pos += 2 + length
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    frame = jpeg_frame(data)
    return None if frame is None else (frame[0], frame[1])


def _webp_size(data: bytes) -> tuple[int, int] | None:
    kind = data[12:16]
    if kind == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack_from("<HH", data, 26)
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        (bits,) = struct.unpack_from("<I", data, 21)
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, JPEG, GIF, BMP or WebP as its header states; None when unrecognised or cut."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
            width, height = struct.unpack_from(">II", data, 16)
            return width, height
        if data.startswith(b"\xff\xd8\xff"):
            return _jpeg_size(data)
        if data[:6] in (b"GIF87a", b"GIF89a"):
            width, height = struct.unpack_from("<HH", data, 6)
            return width, height
        if data.startswith(b"BM"):
            width, height = struct.unpack_from("<ii", data, 18)
            return abs(width), abs(height)  # a negative height is a top-down bitmap
        if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
            return _webp_size(data)
    except struct.error:
        return None
    return None


def pixels_within(data: bytes, max_pixels: int) -> bool:
    """Whether an image may be decoded: its header read, the pixels it states within `max_pixels`, neither
    side past `MAX_IMAGE_SIDE` and no strip (`MAX_SIDE_RATIO`). A small file can state a gigapixel (a decompression bomb), so every decoder of
    a hostile image asks this first."""
    size = image_size(data)
    return size is not None and 0 < size[0] * size[1] <= max_pixels and shape_within(*size)


def shape_within(width: int, height: int) -> bool:
    """Neither side past `MAX_IMAGE_SIDE`, and no strip (`MAX_SIDE_RATIO`): what OpenCV's warps take."""
    long, short = max(width, height), min(width, height)
    return long <= MAX_IMAGE_SIDE and long <= MAX_SIDE_RATIO * short
