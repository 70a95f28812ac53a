"""Fingerprints: ISO/IEC 19794-2:2005 minutiae templates with NIST mindtct + bozorth3 (nbis-py), NFIQ 2
quality, 1:1 matching, 1:N over the face search's candidates only, and face+finger score fusion.

Templates are biometric data: `iso_bytes` is excluded from repr and JSON; the caller encrypts it (KMS).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol

import cv2
import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ektp.biometrics import config
from ektp.biometrics.gallery import Candidate
from ektp.biometrics.scores import finger_score_to_unit
from ektp.domain.reasons import Reason, reason

Decision = Literal["match", "no_match", "undetermined"]


class FingerprintTemplate(BaseModel):
    model_config = ConfigDict(frozen=True)

    iso_bytes: bytes = Field(repr=False, exclude=True)
    quality: int  # NFIQ 2, 0-100
    minutiae_count: int
    reasons: list[Reason] = Field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not any(r.severity == "error" for r in self.reasons)


class FingerprintMatch(BaseModel):
    model_config = ConfigDict(frozen=True)

    score: int | None  # bozorth3 score: 0 upwards, larger is more similar
    threshold: int
    decision: Decision
    reasons: list[Reason] = Field(default_factory=list)


class FingerprintError(ValueError):
    """The image or template could not be processed (carries a reason code)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


class FingerprintEngine(Protocol):
    def extract(self, image_bytes: bytes) -> FingerprintTemplate: ...

    def match(self, a: FingerprintTemplate, b: FingerprintTemplate) -> FingerprintMatch: ...


def fuse(face_score: float | None, finger_score: float | None) -> float:
    """Weighted sum of the two unit scores (face: `FaceMatch.score`; finger: raw bozorth3 score).

    Each score maps its own threshold to 0.5, so FUSION_MATCH_MIN = 0.5 is the fused threshold. A missing
    modality falls back to the other one alone (its own threshold then applies unchanged).
    """
    if face_score is None and finger_score is None:
        raise ValueError("fuse needs at least one score")
    if finger_score is None:
        return float(face_score)  # type: ignore[arg-type]
    finger_unit = finger_score_to_unit(finger_score)
    if face_score is None:
        return finger_unit
    w_face, w_finger = float(config.FUSION_FACE_WEIGHT), float(config.FUSION_FINGER_WEIGHT)
    return (w_face * float(face_score) + w_finger * finger_unit) / (w_face + w_finger)


class FusedCandidate(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    face_distance: float
    face_score: float
    finger_score: int | None
    fused: float
    decision: Decision


def _to_grey_png(image_bytes: bytes) -> bytes:
    """Normalise any readable image to 8-bit greyscale PNG (mindtct wants one grey channel)."""
    if not image_bytes:
        raise FingerprintError("IMAGE_UNREADABLE", "empty")
    grey = cv2.imdecode(np.frombuffer(image_bytes, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)
    if grey is None or grey.shape[0] < 64 or grey.shape[1] < 64:
        raise FingerprintError("IMAGE_UNREADABLE", "not a readable image of at least 64x64 pixels")
    ok, png = cv2.imencode(".png", grey)
    if not ok:
        raise FingerprintError("IMAGE_UNREADABLE", "could not re-encode")
    return png.tobytes()


class NbisFingerprintEngine:
    """mindtct minutiae + NFIQ 2 + bozorth3 through nbis-py; the extractor is created once per process."""

    _lock = threading.Lock()
    _extractor: Any = None

    def __init__(self, ppi: float = config.FINGERPRINT_PPI) -> None:
        self.ppi = ppi

    @classmethod
    def _get(cls, ppi: float) -> Any:
        if cls._extractor is None:
            with cls._lock:
                if cls._extractor is None:
                    import nbis

                    settings = nbis.NbisExtractorSettings(
                        min_quality=0.0, get_center=False, check_fingerprint=False, compute_nfiq2=True,
                        ppi=ppi,
                    )
                    cls._extractor = nbis.new_nbis_extractor(settings)
        return cls._extractor

    def extract(self, image_bytes: bytes) -> FingerprintTemplate:
        import nbis

        png = _to_grey_png(image_bytes)
        try:
            minutiae = self._get(self.ppi).extract_minutiae(png)
        except nbis.NbisError as exc:
            # NFIQ 2 fails on captures with no ridge structure at all: that is a capture problem.
            code = "FINGERPRINT_QUALITY_LOW" if "Nfiq2" in type(exc).__name__ else "IMAGE_UNREADABLE"
            raise FingerprintError(code, type(exc).__name__) from exc
        count = len(minutiae.get())
        nfiq = minutiae.quality()
        quality = int(nfiq.score) if nfiq is not None else 0
        reasons: list[Reason] = []
        if quality < config.FINGERPRINT_QUALITY_MIN:
            reasons.append(reason("FINGERPRINT_QUALITY_LOW", field="nfiq2", measured=quality,
                                  threshold=config.FINGERPRINT_QUALITY_MIN))
        if count < config.FINGERPRINT_MIN_MINUTIAE:
            reasons.append(reason("FINGERPRINT_QUALITY_LOW", field="minutiae", measured=count,
                                  threshold=config.FINGERPRINT_MIN_MINUTIAE))
        return FingerprintTemplate(iso_bytes=bytes(minutiae.to_iso_19794_2_2005()), quality=quality,
                                   minutiae_count=count, reasons=reasons)

    def _load(self, template: FingerprintTemplate) -> Any:
        import nbis

        try:
            return self._get(self.ppi).load_iso_19794_2_2005(template.iso_bytes)
        except nbis.NbisError as exc:
            raise FingerprintError("VALIDATION_FAILED", "not an ISO 19794-2:2005 template") from exc

    def score(self, a: FingerprintTemplate, b: FingerprintTemplate) -> int:
        return int(self._load(a).compare(self._load(b)))

    def match(self, a: FingerprintTemplate, b: FingerprintTemplate) -> FingerprintMatch:
        threshold = config.FINGERPRINT_MATCH_MIN_SCORE
        if not a.usable or not b.usable:
            return FingerprintMatch(score=None, threshold=threshold, decision="undetermined",
                                    reasons=[r for r in (*a.reasons, *b.reasons) if r.severity == "error"])
        score = self.score(a, b)
        matched = score >= threshold
        return FingerprintMatch(
            score=score, threshold=threshold, decision="match" if matched else "no_match",
            reasons=[] if matched else [reason("FINGERPRINT_MISMATCH", measured=score, threshold=threshold)],
        )

    def identify(self, probe: FingerprintTemplate, face_candidates: Sequence[Candidate],
                 enrolled: Mapping[str, FingerprintTemplate]) -> list[FusedCandidate]:
        """1:N over the face search's candidates only; best fused score first.

        A candidate without an enrolled fingerprint keeps its face score alone.
        """
        out: list[FusedCandidate] = []
        for cand in face_candidates:
            template = enrolled.get(cand.id)
            finger = self.score(probe, template) if template is not None and probe.usable else None
            fused = fuse(cand.score, finger)
            out.append(FusedCandidate(
                id=cand.id, face_distance=cand.distance, face_score=cand.score, finger_score=finger,
                fused=round(fused, 4), decision="match" if fused >= config.FUSION_MATCH_MIN else "no_match",
            ))
        return sorted(out, key=lambda c: (-c.fused, c.id))


def fused_duplicate_reasons(fused: Sequence[FusedCandidate]) -> list[Reason]:
    """FACE_DUPLICATE when face and fingerprint together say another NIK is the same person (no NIK shown)."""
    hits = [c for c in fused if c.decision == "match"]
    if not hits:
        return []
    best = max(c.fused for c in hits)
    return [reason("FACE_DUPLICATE", field="face+fingerprint", measured=best,
                   threshold=float(config.FUSION_MATCH_MIN))]


def template_from_bytes(iso_bytes: bytes) -> FingerprintTemplate:
    """Rebuild an enrolled template from its stored (decrypted) ISO 19794-2:2005 bytes.

    Layout as nbis-py 0.1.3 writes it (checked on real prints): "FMR\\0" " 20\\0", record length, image size,
    the view's quality (NFIQ 2) at byte 20, the minutiae count at byte 25, then 6 bytes a minutia.
    """
    if len(iso_bytes) < 26 or iso_bytes[:8] != b"FMR\x00 20\x00":
        raise FingerprintError("VALIDATION_FAILED", "not an ISO 19794-2:2005 record")
    count = iso_bytes[25]
    if len(iso_bytes) < 26 + 6 * count or int.from_bytes(iso_bytes[8:12], "big") != len(iso_bytes):
        raise FingerprintError("VALIDATION_FAILED", "truncated ISO 19794-2 record")
    return FingerprintTemplate(iso_bytes=iso_bytes, quality=iso_bytes[20], minutiae_count=count)


_ENGINE: NbisFingerprintEngine | None = None


def get_fingerprint_engine() -> NbisFingerprintEngine:
    global _ENGINE  # noqa: PLW0603 - one engine per process, like the face models
    if _ENGINE is None:
        _ENGINE = NbisFingerprintEngine()
    return _ENGINE
