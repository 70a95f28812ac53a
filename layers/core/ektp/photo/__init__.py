"""Photo and selfie checks (OpenCV): safe decode, face and quality checks, normalized ID photo.

The photo-check Lambda imports this package (OpenCV and numpy live in its `vision` layer); the OCR container,
which has OpenCV too, uses its safe decode for document images."""

from ektp.photo.checks import FaceBox, PhotoCheck, check_photo, expected_background, warm_up
from ektp.photo.config import DEFAULT_CONFIG, KindLimits, PhotoConfig, PhotoKind
from ektp.photo.decode import DecodedImage, DecodeError, Header, decode_image, read_header

__all__ = [
    "DEFAULT_CONFIG",
    "DecodeError",
    "DecodedImage",
    "FaceBox",
    "Header",
    "KindLimits",
    "PhotoCheck",
    "PhotoConfig",
    "PhotoKind",
    "check_photo",
    "decode_image",
    "expected_background",
    "read_header",
    "warm_up",
]
