"""Face analysis behind an engine interface, and 1:1 comparison of two analyses.

Two engines:
- "dlib": dlib's ResNet (128-d embedding, L2 distance) with HOG detection and the 5-point shape predictor
  for alignment; its model files come from the installed `face_recognition_models` package and are loaded
  once per process, so warm Lambda invocations only pay for the computation.
- "dlib+sface" (the biometric stage's): YuNet finds the faces (ektp.photo.faces, the project's one detector),
  dlib's shape predictor and ResNet run on a box derived from YuNet's landmarks, and SFace
  (ektp.biometrics.sface) embeds the same face. One detection for both models keeps the 1:1 within budget.

With both templates on both sides, 1:1 decides on the fused score (ektp.biometrics.scores.fused_z); a side
with only a dlib template (enrolled before SFace) is compared on the dlib distance alone.

Embeddings are biometric data (UU PDP "data pribadi yang bersifat spesifik"): they are excluded from
`repr` and from `model_dump`/JSON; `embedding_to_bytes`/`embedding_from_bytes` give the bytes the caller
encrypts (KMS) before storing.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, Protocol

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image
from pydantic import BaseModel, ConfigDict, Field

from ektp.biometrics import config
from ektp.biometrics.scores import distance_to_score, fused_to_score, fused_z
from ektp.domain.filetypes import shape_within
from ektp.domain.reasons import Reason, reason

if TYPE_CHECKING:
    from ektp.photo.config import PhotoConfig

Decision = Literal["match", "no_match", "undetermined"]
Basis = Literal["fused", "dlib"]
Vector = npt.NDArray[np.float32]


def embedding_to_bytes(vector: npt.ArrayLike) -> bytes:
    """Little-endian float32: the storage form of one template (encrypt it before it leaves memory)."""
    arr = np.asarray(vector, dtype="<f4").reshape(-1)
    return arr.tobytes()


def embedding_from_bytes(data: bytes) -> Vector:
    if len(data) == 0 or len(data) % 4:
        raise ValueError("an embedding is a non-empty run of float32 values")
    return np.frombuffer(data, dtype="<f4").astype(np.float32)


class FaceAnalysis(BaseModel):
    """The largest face in one image. `embedding` is float32 bytes, never shown or serialised."""

    model_config = ConfigDict(frozen=True)

    faces_found: int
    quality: float = 0.0
    embedding: bytes | None = Field(default=None, repr=False, exclude=True)  # dlib ResNet
    sface_embedding: bytes | None = Field(default=None, repr=False, exclude=True)  # SFace, when analysed
    box: tuple[int, int, int, int] | None = None  # left, top, right, bottom in image pixels
    landmarks: list[tuple[float, float]] = Field(default_factory=list)  # dlib 5-point order
    image_size: tuple[int, int] | None = None  # width, height
    reasons: list[Reason] = Field(default_factory=list)

    @property
    def vector(self) -> Vector | None:
        return None if self.embedding is None else embedding_from_bytes(self.embedding)

    @property
    def sface_vector(self) -> Vector | None:
        return None if self.sface_embedding is None else embedding_from_bytes(self.sface_embedding)

    @classmethod
    def from_template(cls, embedding: bytes, sface: bytes | None = None) -> FaceAnalysis:
        """Wrap stored (decrypted) templates, e.g. the registry's enrolled face for an existing NIK: the dlib
        one always, the SFace one when it was stored (faces enrolled before SFace have none)."""
        embedding_from_bytes(embedding)  # validates
        if sface is not None:
            embedding_from_bytes(sface)
        return cls(faces_found=1, quality=1.0, embedding=embedding, sface_embedding=sface)


class FaceMatch(BaseModel):
    model_config = ConfigDict(frozen=True)

    distance: float | None  # dlib L2
    score: float | None  # 0..1 on the decision's basis: 0.5 at its threshold, higher is more alike
    threshold: float  # on the basis: a fused value (higher matches) or a dlib distance (lower matches)
    decision: Decision
    reasons: list[Reason] = Field(default_factory=list)
    basis: Basis = "dlib"
    sface_similarity: float | None = None  # SFace cosine, when both sides have an SFace template
    fused: float | None = None  # scores.fused_z of the two, when both are there


class FaceEngine(Protocol):
    name: str

    def analyze(self, image_bytes: bytes) -> FaceAnalysis: ...


def face_distance(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    return float(np.linalg.norm(np.asarray(a, dtype=np.float32) - np.asarray(b, dtype=np.float32)))


def compare_embeddings(a: npt.ArrayLike, b: npt.ArrayLike, threshold: float | None = None) -> FaceMatch:
    limit = config.FACE_MATCH_MAX_DISTANCE if threshold is None else threshold
    distance = face_distance(a, b)
    match = distance <= limit
    return FaceMatch(
        distance=round(distance, 4),
        score=round(distance_to_score(distance), 4),
        threshold=limit,
        decision="match" if match else "no_match",
        reasons=[] if match else [reason("FACE_MISMATCH", measured=round(distance, 4), threshold=limit)],
    )


def compare_fused(
    a: tuple[npt.ArrayLike, npt.ArrayLike],
    b: tuple[npt.ArrayLike, npt.ArrayLike],
    threshold: float | None = None,
) -> FaceMatch:
    """1:1 on both models: (dlib, SFace) templates of each side; match when the fused value >= threshold."""
    from ektp.biometrics.sface import cosine

    limit = config.FACE_FUSED_MATCH_MIN if threshold is None else threshold
    distance = face_distance(a[0], b[0])
    similarity = cosine(a[1], b[1])
    fused = fused_z(distance, similarity)
    match = fused >= limit
    return FaceMatch(
        distance=round(distance, 4),
        score=round(fused_to_score(fused, limit), 4),
        threshold=limit,
        decision="match" if match else "no_match",
        reasons=[] if match else [reason("FACE_MISMATCH", measured=round(fused, 3), threshold=limit)],
        basis="fused",
        sface_similarity=round(similarity, 4),
        fused=round(fused, 4),
    )


def compare_faces(a: FaceAnalysis, b: FaceAnalysis, threshold: float | None = None) -> FaceMatch:
    """1:1: selfie against ID photo, or against the registry's enrolled templates (`FaceAnalysis.from_template`).

    Both models when both sides have both templates (the fused threshold), else dlib alone. An explicit
    `threshold` is a dlib distance and forces the dlib-only comparison (the CLI's --threshold)."""
    va, vb = a.vector, b.vector
    if va is None or vb is None:
        missing = [r for r in (*a.reasons, *b.reasons) if r.code in {"FACE_NOT_FOUND", "IMAGE_UNREADABLE"}]
        return FaceMatch(
            distance=None,
            score=None,
            threshold=config.FACE_MATCH_MAX_DISTANCE if threshold is None else threshold,
            decision="undetermined",
            reasons=missing or [reason("FACE_NOT_FOUND")],
        )
    sa, sb = a.sface_vector, b.sface_vector
    if threshold is None and sa is not None and sb is not None:
        return compare_fused((va, sa), (vb, sb))
    return compare_embeddings(va, vb, threshold)


def decode_image(image_bytes: bytes) -> npt.NDArray[np.uint8] | None:
    """RGB uint8 image, or None when the bytes are not a readable image (or are a decompression bomb)."""
    if not image_bytes:
        return None
    # Read only the header first, so a tiny file claiming a huge canvas is refused before allocation.
    try:
        with Image.open(io.BytesIO(image_bytes)) as probe:
            width, height = probe.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    if width * height > config.FACE_MAX_PIXELS or not shape_within(width, height):
        return None
    bgr = cv2.imdecode(np.frombuffer(image_bytes, dtype=np.uint8), cv2.IMREAD_COLOR)
    if bgr is None:
        return None
    return np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))


class _DlibModels:
    """dlib models, loaded on first use and shared by every engine in the process."""

    _lock = threading.Lock()
    _loaded: tuple[Any, Any, Any] | None = None

    @classmethod
    def get(cls) -> tuple[Any, Any, Any]:
        if cls._loaded is None:
            with cls._lock:
                if cls._loaded is None:
                    import dlib
                    import face_recognition_models as models

                    cls._loaded = (
                        dlib.get_frontal_face_detector(),
                        dlib.shape_predictor(models.pose_predictor_five_point_model_location()),
                        dlib.face_recognition_model_v1(models.face_recognition_model_location()),
                    )
        return cls._loaded


def _quality(
    rgb: npt.NDArray[np.uint8],
    box: tuple[int, int, int, int],
    landmarks: list[tuple[float, float]],
    confidence: float,
) -> float:
    """0..1: geometric mean of detector confidence (0..1), face size (inter-ocular pixels) and crop sharpness."""
    pts = np.asarray(landmarks, dtype=np.float64)
    iod = float(np.linalg.norm(pts[0:2].mean(axis=0) - pts[2:4].mean(axis=0)))
    left, top, right, bottom = box
    crop = rgb[max(0, top) : max(0, bottom), max(0, left) : max(0, right)]
    if crop.size == 0:
        return 0.0
    grey = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    side = 160  # compare sharpness at one scale, whatever the face's pixel size
    grey = cv2.resize(grey, (side, side), interpolation=cv2.INTER_AREA)
    sharpness = float(cv2.Laplacian(grey, cv2.CV_64F).var())
    factors = (
        min(1.0, max(0.05, confidence)),
        min(1.0, max(0.05, iod / config.FACE_QUALITY_MIN_IOD_PX)),
        min(1.0, max(0.05, sharpness / config.FACE_QUALITY_SHARPNESS_REF)),
    )
    return float(np.prod(factors) ** (1.0 / len(factors)))


def _dlib_landmarks(shape: Any) -> list[tuple[float, float]]:
    return [(float(shape.part(i).x), float(shape.part(i).y)) for i in range(shape.num_parts)]


class DlibFaceEngine:
    """HOG detection on a downscaled copy, 5-point alignment and ResNet embedding on the full image."""

    name = "dlib"

    def analyze(self, image_bytes: bytes) -> FaceAnalysis:
        rgb = decode_image(image_bytes)
        if rgb is None:
            return FaceAnalysis(faces_found=0, reasons=[reason("IMAGE_UNREADABLE")])
        return self.analyze_rgb(rgb)

    def analyze_rgb(self, rgb: npt.NDArray[np.uint8]) -> FaceAnalysis:
        import dlib

        detector, predictor, recogniser = _DlibModels.get()
        height, width = rgb.shape[:2]
        scale = min(1.0, config.FACE_DETECT_MAX_SIDE / max(height, width))
        small = (
            rgb
            if scale == 1.0
            else cv2.resize(rgb, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)
        )
        rects, scores, _ = detector.run(small, 0, config.FACE_DETECT_MIN_SCORE)
        if len(rects) == 0:  # small faces: one upsampling pass costs 4x, so only when needed
            rects, scores, _ = detector.run(small, 1, config.FACE_DETECT_MIN_SCORE)
        if len(rects) == 0:
            return FaceAnalysis(faces_found=0, image_size=(width, height), reasons=[reason("FACE_NOT_FOUND")])
        best = max(range(len(rects)), key=lambda i: rects[i].area())
        r = rects[best]
        box = (
            round(r.left() / scale),
            round(r.top() / scale),
            round(r.right() / scale),
            round(r.bottom() / scale),
        )
        shape = predictor(rgb, dlib.rectangle(*box))
        landmarks = _dlib_landmarks(shape)
        vector = np.asarray(recogniser.compute_face_descriptor(rgb, shape), dtype=np.float32)
        reasons = [] if len(rects) == 1 else [reason("MULTIPLE_FACES", measured=len(rects), threshold=1)]
        confidence = (float(scores[best]) + 0.5) / 2.0  # HOG scores run from about -0.5 to 1.5
        return FaceAnalysis(
            faces_found=len(rects),
            quality=round(_quality(rgb, box, landmarks, confidence), 4),
            embedding=embedding_to_bytes(vector),
            box=box,
            landmarks=landmarks,
            image_size=(width, height),
            reasons=reasons,
        )


def dlib_box(landmarks: Sequence[tuple[float, float]]) -> tuple[int, int, int, int]:
    """The box dlib's HOG detector would draw (left, top, right, bottom), from YuNet's five landmarks.

    dlib's shape predictor was trained on HOG boxes, so it is given one of that shape: centred between the eye
    line and the mouth, its side a sum of the eye distance and the eye-to-mouth distance (least-squares fit on
    129 faces found by both detectors: side within 9 %, centre within 3 % of the side, one standard deviation).
    """
    pts = np.asarray(landmarks, dtype=np.float64).reshape(5, 2)
    eyes, mouth = pts[0:2].mean(axis=0), pts[3:5].mean(axis=0)
    iod = float(np.linalg.norm(pts[0] - pts[1]))
    eye_mouth = float(np.linalg.norm(mouth - eyes))
    cx, cy = eyes + config.FACE_DLIB_BOX_CENTRE * (mouth - eyes)
    half = (config.FACE_DLIB_BOX_IOD * iod + config.FACE_DLIB_BOX_EYE_MOUTH * eye_mouth) / 2.0
    return round(cx - half), round(cy - half), round(cx + half), round(cy + half)


@cache
def _detect_config() -> PhotoConfig:
    """YuNet as the photo check runs it, in one pass at the biometric engine's size (the photo stage has
    already counted small faces at its own finer scale)."""
    from ektp.photo.config import PhotoConfig

    return PhotoConfig(detect_long_sides=(config.FACE_YUNET_LONG_SIDE,), detect_pad_ratios=(0.05,))


class DualFaceEngine:
    """YuNet detection, then dlib's ResNet and SFace on the largest face: both templates in one analysis."""

    name = "dlib+sface"

    def analyze(self, image_bytes: bytes) -> FaceAnalysis:
        rgb = decode_image(image_bytes)
        if rgb is None:
            return FaceAnalysis(faces_found=0, reasons=[reason("IMAGE_UNREADABLE")])
        return self.analyze_rgb(rgb)

    def analyze_rgb(self, rgb: npt.NDArray[np.uint8]) -> FaceAnalysis:
        import dlib

        from ektp.biometrics import sface
        from ektp.photo.faces import detect_faces

        height, width = rgb.shape[:2]
        bgr = np.ascontiguousarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), dtype=np.uint8)
        faces = detect_faces(bgr, _detect_config())
        if not faces:
            return FaceAnalysis(faces_found=0, image_size=(width, height), reasons=[reason("FACE_NOT_FOUND")])
        face = faces[0]  # the largest
        _, predictor, recogniser = _DlibModels.get()
        box = dlib_box(face.landmarks)
        shape = predictor(rgb, dlib.rectangle(*box))
        landmarks = _dlib_landmarks(shape)
        vector = np.asarray(recogniser.compute_face_descriptor(rgb, shape), dtype=np.float32)
        second = sface.embed(bgr, face.landmarks)
        count = len(faces)
        return FaceAnalysis(
            faces_found=count,
            quality=round(_quality(rgb, box, landmarks, face.score), 4),
            embedding=embedding_to_bytes(vector),
            sface_embedding=embedding_to_bytes(second),
            box=box,
            landmarks=landmarks,
            image_size=(width, height),
            reasons=[] if count == 1 else [reason("MULTIPLE_FACES", measured=count, threshold=1)],
        )


ENGINE_NAMES = ("dlib", "dlib+sface")
_ENGINES: dict[str, FaceEngine] = {}


def get_face_engine(name: str = "dlib") -> FaceEngine:
    """The engine by name; cached per process. "dlib" alone, or "dlib+sface" (both templates: the biometric
    stage's). No managed service: the gallery's shards need embeddings, which Amazon Rekognition (not offered
    in ap-southeast-3 anyway) never returns."""
    if name not in _ENGINES:
        if name not in ENGINE_NAMES:
            raise ValueError(f"unknown face engine {name!r}")
        _ENGINES[name] = DlibFaceEngine() if name == "dlib" else DualFaceEngine()
    return _ENGINES[name]
