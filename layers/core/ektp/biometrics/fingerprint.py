"""Fingerprints: ISO/IEC 19794-2:2005 minutiae templates with NFIQ 2 quality, 1:1 matching with Minutia
Cylinder-Code (numpy), 1:N over the face search's candidates only, and face+finger score fusion.

Reading the minutiae of a capture is an engine's job behind `MinutiaeReader`: NIST's mindtct and NFIQ 2
through nbis-py in ektp.adapters.nbis (the Lambda's), a scripted reader in the unit tests
(tests/support/scripted_minutiae.py). Everything after that (quality reasons, matching, fusion) is here.

Templates are biometric data: `iso_bytes` is excluded from repr and JSON; the caller encrypts it (KMS).
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import cv2
import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field

from ektp.biometrics import config
from ektp.biometrics.gallery import Candidate
from ektp.biometrics.scores import finger_score_to_unit
from ektp.domain.filetypes import pixels_within
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

    score: int | None  # MCC similarity in thousandths (0-1000), larger is more similar
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


@dataclass(frozen=True)
class Minutiae:
    """What a reader takes from one capture: its minutiae as an ISO 19794-2:2005 record (`iso_record`'s
    layout), how many, and the capture's NFIQ 2 quality (0-100)."""

    iso_bytes: bytes = field(repr=False)
    count: int
    quality: int


class MinutiaeReader(Protocol):
    """Reads one 8-bit greyscale PNG capture; raises FingerprintError with a reason code when it cannot."""

    def read(self, grey_png: bytes) -> Minutiae: ...


def fuse(face_score: float | None, finger_score: float | None) -> float:
    """Weighted sum of the two unit scores (face: `FaceMatch.score`; finger: `FingerprintMatch.score`).

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


# A 500 dpi scan of a finger is well under a megapixel; a photo of one a few. Larger is refused before decoding.
FINGERPRINT_MAX_PIXELS = 25_000_000


def _to_grey_png(image_bytes: bytes) -> bytes:
    """Normalise any readable image to 8-bit greyscale PNG (mindtct wants one grey channel)."""
    if not image_bytes:
        raise FingerprintError("IMAGE_UNREADABLE", "empty")
    if not pixels_within(image_bytes, FINGERPRINT_MAX_PIXELS):
        # Read from the header before any decode: a small file can state a gigapixel (a decompression bomb).
        raise FingerprintError("IMAGE_UNREADABLE", "no readable header, or more pixels than any finger scan")
    grey = cv2.imdecode(np.frombuffer(image_bytes, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)
    if grey is None or grey.shape[0] < 64 or grey.shape[1] < 64:
        raise FingerprintError("IMAGE_UNREADABLE", "not a readable image of at least 64x64 pixels")
    ok, png = cv2.imencode(".png", grey)
    if not ok:
        raise FingerprintError("IMAGE_UNREADABLE", "could not re-encode")
    return png.tobytes()


# --- Matching: Minutia Cylinder-Code ----------------------------------------------------------------------
# Cappelli, Ferrara and Maltoni, "Minutia Cylinder-Code: a new representation and matching technique for
# fingerprint recognition", IEEE TPAMI 32(12), 2010, with the paper's parameters for 500 ppi. Each minutia
# gets a bit vector describing where its neighbours lie and which way they point, relative to its own
# position and direction; these descriptors are computed once per template. Two prints are compared by the
# similarity of every cylinder pair (matrix products), a one-to-one pairing of the most similar cylinders,
# and a relaxation that keeps the pairs whose mutual distances and angles agree.
_ANGLE_STEPS = 256  # ISO 19794-2 stores a minutia's direction in 360/256-degree steps, counter-clockwise
_TWO_PI = 2.0 * math.pi
_RADIUS = 70.0  # px: a cylinder's reach
_SIDE = 16  # cells along each side of a cylinder's base
_SECTIONS = 6  # direction sections (the cylinder's height)
_SIGMA_S = 28.0 / 3.0  # px: spread of a neighbour's position
_SIGMA_D = 2.0 * math.pi / 9.0  # spread of a neighbour's direction
_MU_PSI = 0.01  # a cell's bit is set when its neighbours' summed contribution exceeds this
_HULL_MARGIN = 50.0  # px: cells further than this outside the minutiae's convex hull are not valid
_HULL_STEP = 4.0  # px per raster cell when testing cells against the hull
_MIN_VALID_CELLS = 0.75  # a cylinder needs this share of its cells valid...
_MIN_NEIGHBOURS = 2  # ...and this many minutiae within its reach, or it takes no part
_MIN_COMMON_CELLS = 0.60  # two cylinders compare only if this share of cells is valid in both
_MAX_TURN = _ANGLE_STEPS // 4  # two minutiae pair only if their directions differ by at most 90 degrees
_PAIRS = (4, 12, 20.0, 0.4)  # the score averages min..max pairs, more for templates with more minutiae
_RELAX_ROUNDS = 5
_RELAX_KEEP = 0.5  # weight of a pair's own similarity in each relaxation round
_RELAX_MIN_SUPPORT = 40  # support is averaged as if over at least this many pairs: a small partial print
# (12-24 minutiae) cannot outscore the threshold on a few chance agreements (paper: min(nA, nB))
_RELAX_DISTANCE = (5.0, -1.6)  # (mu, tau): pairs agree when the two distances differ by < ~5 px...
_RELAX_ANGLE = (math.pi / 12.0, -30.0)  # ...and the relative angles by < ~15 degrees
SCORE_SCALE = 1000  # FingerprintMatch.score is the MCC similarity (0..1) in thousandths

_OFFSETS = ((np.arange(_SIDE) - (_SIDE - 1) / 2) * (2.0 * _RADIUS / _SIDE)).astype(np.float32)
_DISK = np.flatnonzero((_OFFSETS[:, None] ** 2 + _OFFSETS[None, :] ** 2).ravel() <= _RADIUS**2)
_CELLS = len(_DISK)  # cells of the base inside the radius, row-major over (along, across) the direction
_ALONG = np.repeat(_OFFSETS, _SIDE)[_DISK]  # each cell's centre in the minutia's frame
_ACROSS = np.tile(_OFFSETS, _SIDE)[_DISK]


def _direction_table() -> npt.NDArray[np.float32]:
    """(256, sections): share of a neighbour's direction (Gaussian, sigma_D) falling in each section, for
    every difference between two minutiae's directions in ISO angle steps."""
    turn = np.arange(_ANGLE_STEPS) * (_TWO_PI / _ANGLE_STEPS)
    centres = (np.arange(_SECTIONS) + 0.5) * (_TWO_PI / _SECTIONS) - math.pi
    alpha = _wrap(centres[None, :] - turn[:, None])
    half, scale = math.pi / _SECTIONS, _SIGMA_D * math.sqrt(2.0)
    erf = np.vectorize(math.erf)
    table: npt.NDArray[np.float32] = (
        0.5 * (erf((alpha + half) / scale) - erf((alpha - half) / scale))
    ).astype(np.float32)
    return table


def _wrap(angle: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Angles to [-pi, pi)."""
    out: npt.NDArray[Any] = (angle + math.pi) % _TWO_PI - math.pi
    return out


def _sigmoid(v: npt.NDArray[Any], mu: float, tau: float) -> npt.NDArray[Any]:
    out: npt.NDArray[Any] = 1.0 / (1.0 + np.exp(np.clip(-tau * (v - mu), -50.0, 50.0)))
    return out


_DIRECTIONS = _direction_table()


@dataclass(frozen=True, eq=False)
class _Features:
    """A template's cylinders and pairwise geometry, computed once (`_features_of`); ~130 kB for 80 minutiae."""

    count: int
    angle: npt.NDArray[np.int32]  # ISO angle steps
    distance: npt.NDArray[np.float32]  # (n, n) px between minutiae
    radial: npt.NDArray[np.float32]  # (n, n) angle from minutia i's direction to the segment i -> j
    bits: npt.NDArray[np.uint8]  # (n, cells * sections / 8) cylinder bits, packed; 0 outside valid cells
    counts: npt.NDArray[np.uint8]  # (n, cells) set bits per cell
    cells: npt.NDArray[np.uint8]  # (n, cells) 1 where the cell is valid


def _minutiae(
    iso_bytes: bytes,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.int32]]:
    """x, y (pointing up, so that ISO angles turn the usual way) and angle steps of an nbis-py record."""
    if len(iso_bytes) < 26 or iso_bytes[:8] != b"FMR\x00 20\x00":
        raise FingerprintError("VALIDATION_FAILED", "not an ISO 19794-2:2005 template")
    count = iso_bytes[25]
    if len(iso_bytes) < 26 + 6 * count:
        raise FingerprintError("VALIDATION_FAILED", "truncated ISO 19794-2 record")
    rec = np.frombuffer(iso_bytes, np.uint8, count=6 * count, offset=26).reshape(count, 6).astype(np.int32)
    x = ((rec[:, 0] & 0x3F) << 8) | rec[:, 1]
    y = ((rec[:, 2] & 0x3F) << 8) | rec[:, 3]
    return x.astype(np.float32), -y.astype(np.float32), rec[:, 4]


def _valid_cells(
    x: npt.NDArray[np.float32],
    y: npt.NDArray[np.float32],
    cx: npt.NDArray[np.float32],
    cy: npt.NDArray[np.float32],
) -> npt.NDArray[np.bool_]:
    """Cells (centres cx, cy) inside the minutiae's convex hull grown by the margin, on a coarse raster."""
    x0, y0 = float(cx.min()) - _HULL_STEP, float(cy.min()) - _HULL_STEP
    width = int((float(cx.max()) - x0) / _HULL_STEP) + 2
    height = int((float(cy.max()) - y0) / _HULL_STEP) + 2
    points = np.stack([(x - x0) / _HULL_STEP, (y - y0) / _HULL_STEP], axis=1).round().astype(np.int32)
    mask = np.zeros((height, width), np.uint8)
    cv2.fillConvexPoly(mask, cv2.convexHull(points), 1)
    grow = round(_HULL_MARGIN / _HULL_STEP)
    grown = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * grow + 1, 2 * grow + 1)))
    col = ((cx - x0) / _HULL_STEP).round().astype(np.intp)
    row = ((cy - y0) / _HULL_STEP).round().astype(np.intp)
    valid: npt.NDArray[np.bool_] = grown[row, col] > 0
    return valid


def _features(
    x: npt.NDArray[np.float32], y: npt.NDArray[np.float32], angle: npt.NDArray[np.int32]
) -> _Features:
    n = len(x)
    theta = angle.astype(np.float32) * np.float32(_TWO_PI / _ANGLE_STEPS)
    dx, dy = x[None, :] - x[:, None], y[None, :] - y[:, None]  # [i, j]: from minutia i to minutia j
    distance = np.hypot(dx, dy).astype(np.float32)
    radial = _wrap(theta[:, None] - np.arctan2(dy, dx)).astype(np.float32)
    cos, sin = np.cos(theta)[:, None], np.sin(theta)[:, None]
    if n:
        cx, cy = x[:, None] + cos * _ALONG - sin * _ACROSS, y[:, None] + sin * _ALONG + cos * _ACROSS
        valid = _valid_cells(x, y, cx, cy)
    else:
        valid = np.zeros((0, _CELLS), bool)
    near = distance <= _RADIUS + 3 * _SIGMA_S
    np.fill_diagonal(near, False)
    usable = (valid.sum(axis=1) >= _MIN_VALID_CELLS * _CELLS) & (near.sum(axis=1) >= _MIN_NEIGHBOURS)
    bits = np.zeros((n, _CELLS, _SECTIONS), np.float32)
    k = int(near.sum(axis=1).max()) if n else 0
    if k:
        # Each minutia's neighbours (padded to k), in the minutia's frame: u along its direction, w across.
        nb = np.argsort(~near, axis=1, kind="stable")[:, :k]
        present = np.take_along_axis(near, nb, axis=1)
        ndx, ndy = np.take_along_axis(dx, nb, axis=1), np.take_along_axis(dy, nb, axis=1)
        u, w = cos * ndx + sin * ndy, cos * ndy - sin * ndx
        # The spatial Gaussian is separable on the cylinder's grid: exp(-(a-u)^2) * exp(-(b-w)^2).
        spread = np.float32(-0.5 / _SIGMA_S**2)
        g_along = np.exp(spread * (_OFFSETS - u[..., None]) ** 2)  # (n, k, side)
        g_across = np.exp(spread * (_OFFSETS - w[..., None]) ** 2)
        g_across *= (present / np.float32(_SIGMA_S * math.sqrt(_TWO_PI)))[..., None]
        g_dir = _DIRECTIONS[(angle[:, None] - angle[nb]) % _ANGLE_STEPS]  # (n, k, sections)
        weights = (g_across[..., :, None] * g_dir[..., None, :]).reshape(n, k, _SIDE * _SECTIONS)
        total = np.matmul(g_along.transpose(0, 2, 1), weights).reshape(n, _SIDE * _SIDE, _SECTIONS)
        bits = (total[:, _DISK] > _MU_PSI).astype(np.float32)
    cells = (valid & usable[:, None]).astype(np.uint8)
    bits *= cells[:, :, None]
    return _Features(
        count=n,
        angle=angle,
        distance=distance,
        radial=radial,
        bits=np.packbits(bits.reshape(n, _CELLS * _SECTIONS).astype(np.uint8), axis=1),
        counts=bits.sum(axis=2).astype(np.uint8),
        cells=cells,
    )


_FEATURES: dict[int, _Features] = {}


def _features_of(template: FingerprintTemplate) -> _Features:
    """The template's features, computed on first use and dropped with the template (keyed by identity, so
    no biometric data outlives the object that holds it)."""
    key = id(template)
    found = _FEATURES.get(key)
    if found is None:
        found = _features(*_minutiae(template.iso_bytes))
        _FEATURES[key] = found
        weakref.finalize(template, _FEATURES.pop, key, None)
    return found


def _pair_greedily(sim: npt.NDArray[np.float32]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """One-to-one pairs, most similar first (greedy): in rounds, every pair that is the best of both its row
    and its column is taken, then its row and column are cleared. Same result as the sequential greedy."""
    sim = sim.copy()
    rows_all = np.arange(sim.shape[0])
    picked_rows, picked_cols = [], []
    while True:
        best_col = sim.argmax(axis=1)
        rows = np.flatnonzero((sim[rows_all, best_col] > 0) & (sim.argmax(axis=0)[best_col] == rows_all))
        if not rows.size:
            break
        cols = best_col[rows]
        picked_rows.append(rows)
        picked_cols.append(cols)
        sim[rows] = 0
        sim[:, cols] = 0
    if not picked_rows:
        return np.zeros(0, np.intp), np.zeros(0, np.intp)
    return np.concatenate(picked_rows), np.concatenate(picked_cols)


def _unpack(bits: npt.NDArray[np.uint8]) -> npt.NDArray[np.float32]:
    out: npt.NDArray[np.float32] = np.unpackbits(bits, axis=1, count=_CELLS * _SECTIONS).astype(np.float32)
    return out


def _similarity(a: _Features, b: _Features) -> float:
    """MCC similarity of two templates, 0..1."""
    na, nb = a.count, b.count
    if na < 2 or nb < 2:
        return 0.0
    # One product gives a's set bits in cells valid in b, the cells valid in both and b's set bits in cells
    # valid in a; the other the set bits the two share.
    left = np.concatenate([a.counts, a.cells]).astype(np.float32)
    right = np.concatenate([b.cells, b.counts]).astype(np.float32)
    counts = left @ right.T
    own_a, common, own_b = counts[:na, :nb], counts[na:, :nb], counts[na:, nb:]
    shared = _unpack(a.bits) @ _unpack(b.bits).T
    norm = np.sqrt(own_a) + np.sqrt(own_b)
    differ = np.sqrt(np.maximum(own_a + own_b - 2 * shared, 0))  # |a XOR b| over the common cells
    turn = np.abs(
        (a.angle[:, None] - b.angle[None, :] + _ANGLE_STEPS // 2) % _ANGLE_STEPS - _ANGLE_STEPS // 2
    )
    comparable = (common >= _MIN_COMMON_CELLS * _CELLS) & (norm > 0) & (turn <= _MAX_TURN)
    sim = np.where(comparable, 1 - differ / np.maximum(norm, 1e-6), 0).astype(np.float32)
    ia, ib = _pair_greedily(sim)
    if len(ia) < 2:
        return 0.0
    # Relaxation: a pair keeps its similarity only as far as the other pairs agree with its geometry.
    d_distance = np.abs(a.distance[np.ix_(ia, ia)] - b.distance[np.ix_(ib, ib)])
    ta, tb = a.angle[ia], b.angle[ib]
    d_turn = (ta[:, None] - ta[None, :]) - (tb[:, None] - tb[None, :])
    d_turn = np.abs((d_turn + _ANGLE_STEPS // 2) % _ANGLE_STEPS - _ANGLE_STEPS // 2) * (
        _TWO_PI / _ANGLE_STEPS
    )
    d_radial = np.abs(_wrap(a.radial[np.ix_(ia, ia)] - b.radial[np.ix_(ib, ib)]))
    rho = (
        _sigmoid(d_distance, *_RELAX_DISTANCE)
        * _sigmoid(d_turn, *_RELAX_ANGLE)
        * _sigmoid(d_radial, *_RELAX_ANGLE)
    )
    np.fill_diagonal(rho, 0)
    start = sim[ia, ib].astype(np.float64)
    lam = start
    for _ in range(_RELAX_ROUNDS):
        lam = _RELAX_KEEP * lam + (1 - _RELAX_KEEP) * (rho @ lam) / (max(min(na, nb), _RELAX_MIN_SUPPORT) - 1)
    low, high, mu, tau = _PAIRS
    pairs = low + round(float(_sigmoid(np.array(min(na, nb), float), mu, tau)) * (high - low))
    best = np.argsort(-(lam / start), kind="stable")[:pairs]  # the pairs the relaxation kept best
    return float(lam[best].mean())


def _quality_reasons(minutiae: Minutiae) -> list[Reason]:
    """A capture too poor to decide on: NFIQ 2 below the minimum, or too few minutiae to compare."""
    checks = (
        ("nfiq2", minutiae.quality, config.FINGERPRINT_QUALITY_MIN),
        ("minutiae", minutiae.count, config.FINGERPRINT_MIN_MINUTIAE),
    )
    return [
        reason("FINGERPRINT_QUALITY_LOW", field=name, measured=measured, threshold=minimum)
        for name, measured, minimum in checks
        if measured < minimum
    ]


class MccFingerprintEngine:
    """Fingerprint templates from a capture (the reader's minutiae, checked for quality) and their Minutia
    Cylinder-Code comparison."""

    def __init__(self, reader: MinutiaeReader) -> None:
        self.reader = reader

    def extract(self, image_bytes: bytes) -> FingerprintTemplate:
        minutiae = self.reader.read(_to_grey_png(image_bytes))
        template = FingerprintTemplate(
            iso_bytes=minutiae.iso_bytes,
            quality=minutiae.quality,
            minutiae_count=minutiae.count,
            reasons=_quality_reasons(minutiae),
        )
        _features_of(template)  # cylinders now, so that matching only compares
        return template

    def score(self, a: FingerprintTemplate, b: FingerprintTemplate) -> int:
        return round(SCORE_SCALE * _similarity(_features_of(a), _features_of(b)))

    def match(self, a: FingerprintTemplate, b: FingerprintTemplate) -> FingerprintMatch:
        threshold = config.FINGERPRINT_MATCH_MIN_SCORE
        if not a.usable or not b.usable:
            return FingerprintMatch(
                score=None,
                threshold=threshold,
                decision="undetermined",
                reasons=[r for r in (*a.reasons, *b.reasons) if r.severity == "error"],
            )
        score = self.score(a, b)
        matched = score >= threshold
        return FingerprintMatch(
            score=score,
            threshold=threshold,
            decision="match" if matched else "no_match",
            reasons=[] if matched else [reason("FINGERPRINT_MISMATCH", measured=score, threshold=threshold)],
        )

    def identify(
        self,
        probe: FingerprintTemplate,
        face_candidates: Sequence[Candidate],
        enrolled: Mapping[str, FingerprintTemplate],
    ) -> list[FusedCandidate]:
        """1:N over the face search's candidates only; best fused score first.

        A candidate without an enrolled fingerprint keeps its face score alone.
        """
        out: list[FusedCandidate] = []
        for cand in face_candidates:
            template = enrolled.get(cand.id)
            finger = self.score(probe, template) if template is not None and probe.usable else None
            fused = fuse(cand.score, finger)
            out.append(
                FusedCandidate(
                    id=cand.id,
                    face_distance=cand.distance,
                    face_score=cand.score,
                    finger_score=finger,
                    fused=round(fused, 4),
                    decision="match" if fused >= config.FUSION_MATCH_MIN else "no_match",
                )
            )
        return sorted(out, key=lambda c: (-c.fused, c.id))


def fused_duplicate_reasons(fused: Sequence[FusedCandidate]) -> list[Reason]:
    """FACE_DUPLICATE when face and fingerprint together say another NIK is the same person (no NIK shown)."""
    hits = [c for c in fused if c.decision == "match"]
    if not hits:
        return []
    best = max(c.fused for c in hits)
    return [
        reason(
            "FACE_DUPLICATE",
            field="face+fingerprint",
            measured=best,
            threshold=float(config.FUSION_MATCH_MIN),
        )
    ]


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
    template = FingerprintTemplate(iso_bytes=iso_bytes, quality=iso_bytes[20], minutiae_count=count)
    _features_of(template)
    return template


def iso_record(points: Sequence[tuple[int, int, int]], *, width: int, height: int, quality: int) -> bytes:
    """An ISO 19794-2:2005 record in the layout `template_from_bytes` reads: `points` are (x, y, angle steps)
    with y pointing down, each a ridge ending. What a reader that is not NBIS returns (the unit tests')."""
    if len(points) > 255 or not 0 <= quality <= 100:
        raise ValueError("at most 255 minutiae, quality 0-100")
    body = b"".join(
        bytes([0x40 | ((x >> 8) & 0x3F), x & 0xFF, (y >> 8) & 0x3F, y & 0xFF, angle % _ANGLE_STEPS, 0])
        for x, y, angle in points
    )
    head = width.to_bytes(2, "big") + height.to_bytes(2, "big") + b"\x00\x00" + bytes([quality]) + bytes(4)
    size = 8 + 4 + 2 + len(head) + 1 + len(body)
    return b"FMR\x00 20\x00" + size.to_bytes(4, "big") + bytes(2) + head + bytes([len(points)]) + body


# The name callers know the engine by (services.gallery_search); NBIS reads the minutiae (ektp.adapters.nbis).
NbisFingerprintEngine = MccFingerprintEngine


def get_fingerprint_engine() -> MccFingerprintEngine:
    """The process's engine, reading with NBIS (imported on first use: only the biometrics image has it)."""
    from ektp.adapters.nbis import nbis_fingerprint_engine

    return nbis_fingerprint_engine()
