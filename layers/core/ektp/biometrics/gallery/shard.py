"""Gallery shards: the file layout of versioned shards of quantised face templates, and loading them.

Shard file (little-endian), every section 8-byte aligned:
    header  32 bytes: magic b"EKTPGS", format u16, dtype u8 (1 int8, 2 float16), pad u8, dim u16,
            id_width u16, count u32, scale f32 (int8 only: value = code * scale), shard_version u32,
            reserved 4 bytes
    ids     count * id_width bytes, ASCII, NUL-padded (NIKs are 16 digits)
    norms   count float32: squared L2 norm of each dequantised row (so distance needs one dot product)
    matrix  count * dim codes (int8 or float16), row-major

A warm Lambda keeps its loaded shard in memory; loading is zero-copy over the bytes.
"""

from __future__ import annotations

import hashlib
import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from ektp.biometrics import config

MAGIC = b"EKTPGS"
FORMAT_VERSION = 1
_HEADER = struct.Struct("<6sHBBHHIfI4x")
HEADER_SIZE = _HEADER.size  # 32
_DTYPES: dict[int, np.dtype[np.int8] | np.dtype[np.float16]] = {1: np.dtype("<i1"), 2: np.dtype("<f2")}
_DTYPE_CODES = {"int8": 1, "float16": 2}
Quantisation = Literal["int8", "float16"]


class ShardFormatError(ValueError):
    """The bytes are not a valid gallery shard."""


def _align(n: int) -> int:
    return (n + 7) // 8 * 8


@dataclass(frozen=True)
class LoadedShard:
    """A shard parsed over its bytes (no copy): what a warm Lambda keeps between invocations."""

    ids: npt.NDArray[np.bytes_]
    norms: npt.NDArray[np.float32]
    matrix: npt.NDArray[np.int8] | npt.NDArray[np.float16]
    scale: float
    version: int
    key: str | None = None

    @property
    def count(self) -> int:
        return int(self.ids.shape[0])

    @property
    def dim(self) -> int:
        return int(self.matrix.shape[1])

    @property
    def quantisation(self) -> Quantisation:
        return "int8" if self.matrix.dtype == np.int8 else "float16"

    def dequantised(self) -> npt.NDArray[np.float32]:
        out = self.matrix.astype(np.float32)
        if self.quantisation == "int8":
            out *= np.float32(self.scale)
        return out


def _quantise(
    vectors: npt.NDArray[np.float32], quantisation: Quantisation, scale: float | None
) -> tuple[npt.NDArray[np.int8] | npt.NDArray[np.float16], float]:
    if quantisation == "float16":
        return vectors.astype("<f2"), 1.0
    if scale is None:
        peak = float(np.abs(vectors).max()) if vectors.size else 0.0
        scale = max(peak, config.GALLERY_INT8_CLIP) / 127.0
    codes = np.clip(np.rint(vectors / scale), -127, 127).astype("<i1")
    return codes, scale


def build_shard(
    ids: Sequence[str],
    embeddings: npt.ArrayLike,
    *,
    quantisation: Quantisation = "int8",
    version: int = 1,
    scale: float | None = None,
) -> bytes:
    """Serialise templates into one shard. `scale` fixes the int8 step (used when appending to a shard)."""
    vectors = np.asarray(embeddings, dtype=np.float32)
    if vectors.ndim != 2 or vectors.shape[0] != len(ids):
        raise ValueError("embeddings must be a (len(ids), dim) matrix")
    if not np.isfinite(vectors).all():
        raise ValueError("embeddings must be finite")
    encoded = [i.encode("ascii") for i in ids]
    if any(not e or b"\x00" in e for e in encoded):
        raise ValueError("ids must be non-empty ASCII without NUL")
    id_width = max((len(e) for e in encoded), default=16)
    codes, step = _quantise(vectors, quantisation, scale)
    deq = codes.astype(np.float32) * np.float32(step) if quantisation == "int8" else codes.astype(np.float32)
    norms = np.einsum("ij,ij->i", deq, deq).astype("<f4")
    header = _HEADER.pack(
        MAGIC,
        FORMAT_VERSION,
        _DTYPE_CODES[quantisation],
        0,
        vectors.shape[1],
        id_width,
        len(ids),
        step,
        version,
    )
    id_block = np.array(encoded, dtype=f"S{id_width}").tobytes() if encoded else b""
    parts = [
        header,
        id_block,
        b"\x00" * (_align(len(id_block)) - len(id_block)),
        norms.tobytes(),
        b"\x00" * (_align(norms.nbytes) - norms.nbytes),
        codes.tobytes(),
    ]
    return b"".join(parts)


def load_shard(data: bytes | bytearray | memoryview, key: str | None = None) -> LoadedShard:
    """Parse a shard without copying its matrix; raises ShardFormatError on anything malformed."""
    view = memoryview(data)
    if len(view) < HEADER_SIZE:
        raise ShardFormatError("shorter than the header")
    magic, fmt, dtype_code, _, dim, id_width, count, scale, version = _HEADER.unpack_from(view, 0)
    if magic != MAGIC or fmt != FORMAT_VERSION:
        raise ShardFormatError("not an ektp gallery shard (magic or format version)")
    if dtype_code not in _DTYPES or dim == 0 or id_width == 0 or not math.isfinite(scale) or scale <= 0:
        raise ShardFormatError("bad header fields")
    dtype = _DTYPES[dtype_code]
    ids_at = HEADER_SIZE
    norms_at = ids_at + _align(count * id_width)
    matrix_at = norms_at + _align(count * 4)
    end = matrix_at + count * dim * dtype.itemsize
    if len(view) != end:
        raise ShardFormatError(f"size {len(view)} does not match the header ({end})")
    ids = np.frombuffer(view, dtype=f"S{id_width}", count=count, offset=ids_at)
    norms = np.frombuffer(view, dtype="<f4", count=count, offset=norms_at)
    matrix: npt.NDArray[np.int8] | npt.NDArray[np.float16] = np.frombuffer(  # type: ignore[assignment]
        view, dtype=dtype, count=count * dim, offset=matrix_at
    ).reshape(count, dim)
    return LoadedShard(ids=ids, norms=norms, matrix=matrix, scale=float(scale), version=int(version), key=key)


def shard_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def holds(shard: bytes | LoadedShard, ident: str, vector: npt.ArrayLike, tolerance: float = 0.05) -> bool:
    """Whether the shard has a row for `ident` that is this vector (up to int8 quantisation, ~0.01): a retried
    enrolment finds its own row, while another face under the same id (0.3 and more away) is not it."""
    loaded = shard if isinstance(shard, LoadedShard) else load_shard(shard)
    rows = np.flatnonzero(loaded.ids == ident.encode("ascii"))
    if rows.size == 0:
        return False
    q = np.asarray(vector, dtype=np.float32).reshape(1, -1)
    deq = loaded.matrix[rows].astype(np.float32)
    if loaded.quantisation == "int8":
        deq *= np.float32(loaded.scale)
    return bool(np.sqrt(((deq - q) ** 2).sum(axis=1)).min() <= tolerance)
