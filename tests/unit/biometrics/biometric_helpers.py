"""Helpers shared by the biometric tests."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from ektp.biometrics.face import FaceAnalysis

OBAMA = ("obama", "obama2", "obama3", "obama_partial_face", "obama_partial_face2", "32bit")


def vec(analysis: FaceAnalysis) -> np.ndarray:
    """The analysis's embedding; the test fails if no face was found."""
    vector = analysis.vector
    assert vector is not None
    return vector


def imread(path: Path | str, flags: int = cv2.IMREAD_COLOR) -> np.ndarray:
    image = cv2.imread(str(path), flags)
    assert image is not None, path
    return image


def encode(image: np.ndarray, ext: str = ".jpg") -> bytes:
    ok, data = cv2.imencode(ext, image)
    assert ok
    return bytes(data.tobytes())


def augmentations(path: Path) -> dict[str, bytes]:
    """Genuine variants of one photo: flip, crop, exposure, blur, small rotation, JPEG recompression."""
    img = imread(path)
    h, w = img.shape[:2]
    rot = cv2.warpAffine(
        img, cv2.getRotationMatrix2D((w / 2, h / 2), 8, 1.0), (w, h), borderMode=cv2.BORDER_REPLICATE
    )
    return {
        "flip": encode(cv2.flip(img, 1)),
        "crop": encode(img[h // 10 : h - h // 10, w // 10 : w - w // 10]),
        "bright": encode(cv2.convertScaleAbs(img, alpha=1.0, beta=60)),
        "dark": encode(cv2.convertScaleAbs(img, alpha=0.55, beta=0)),
        "blur": encode(cv2.GaussianBlur(img, (0, 0), 2.0)),
        "rotate": encode(rot),
        "jpeg_q30": bytes(cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 30])[1].tobytes()),
    }
