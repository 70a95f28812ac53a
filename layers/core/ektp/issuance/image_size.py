"""The QR image limit of both verifiers: they read a QR from an image the holder hands them, and a 280 KB PNG of one
colour declares 16,000 x 16,000 pixels (2.5 GB and 20 s to decode and search). The header is read first
(ektp.domain.filetypes.image_size, pure Python; tools/verify_id.py carries a copy, a test keeps them in agreement).
"""

from __future__ import annotations

from ektp.domain.filetypes import image_size, pixels_within

__all__ = ["MAX_QR_IMAGE_PIXELS", "image_size", "qr_image_acceptable"]

# A photo of a phone's screen from a 24 MP camera, with room: any larger QR image is refused unread.
MAX_QR_IMAGE_PIXELS = 25_000_000


def qr_image_acceptable(data: bytes, max_pixels: int = MAX_QR_IMAGE_PIXELS) -> bool:
    """Whether an image may be decoded to look for a QR: its header read, its pixels within the limit."""
    return pixels_within(data, max_pixels)
