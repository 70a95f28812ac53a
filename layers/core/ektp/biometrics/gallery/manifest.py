"""The gallery manifest: which shard versions make up the gallery, the Map state's plan, and enrolment.

Enrolment is append-only: it never rewrites a stored shard version, it writes the next version of the tail
shard (old rows + new rows) or opens a new shard, and returns a new manifest version. Batch approvals into
one `enrol` call: each call rewrites the tail shard.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field

from ektp.biometrics import config
from ektp.biometrics.gallery.shard import (
    HEADER_SIZE,
    LoadedShard,
    Quantisation,
    ShardFormatError,
    build_shard,
    load_shard,
    shard_digest,
)


class ShardRef(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int
    version: int
    key: str
    count: int
    sha256: str


class GalleryManifest(BaseModel):
    """The current gallery: one entry per shard, pointing at its latest version. Stored as JSON bytes next
    to the shards; the lead writes it with a conditional put on `version` so concurrent enrolments fail
    cleanly instead of losing a template."""

    model_config = ConfigDict(frozen=True)

    version: int = 0
    prefix: str = "gallery"
    dim: int = config.EMBEDDING_DIM
    quantisation: Quantisation = "int8"
    shard_capacity: int = config.GALLERY_SHARD_CAPACITY
    shards: list[ShardRef] = Field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(s.count for s in self.shards)

    def to_bytes(self) -> bytes:
        return self.model_dump_json().encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> GalleryManifest:
        return cls.model_validate_json(data)


def shard_key(prefix: str, index: int, version: int) -> str:
    return f"{prefix}/shard-{index:05d}/v{version:06d}.bin"


class ShardTask(BaseModel):
    """One item of the Map state: search this shard version."""

    key: str
    version: int
    count: int
    sha256: str


def plan_shards(manifest: GalleryManifest) -> list[ShardTask]:
    """The Map state's items: every shard of the current manifest (empty shards are skipped)."""
    return [
        ShardTask(key=s.key, version=s.version, count=s.count, sha256=s.sha256)
        for s in manifest.shards
        if s.count > 0
    ]


def plan_capacity(
    population: int, shard_capacity: int = config.GALLERY_SHARD_CAPACITY, dim: int = config.EMBEDDING_DIM
) -> dict[str, int]:
    """How many shards and bytes a gallery of `population` templates needs (for sizing the Map state)."""
    shards = max(1, math.ceil(population / shard_capacity))
    row = dim + 4 + 16  # int8 codes + norm + 16-digit id
    return {
        "shards": shards,
        "shard_bytes": HEADER_SIZE + shard_capacity * row,
        "total_bytes": population * row,
    }


class EnrolmentWrite(BaseModel):
    """What `enrol` asks the caller to store: the new shard object (never overwriting) and the manifest."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    shard_key: str
    shard_bytes: bytes = Field(repr=False)
    manifest: GalleryManifest


def enrol(
    manifest: GalleryManifest, tail_shard: bytes | None, ids: Sequence[str], embeddings: npt.ArrayLike
) -> list[EnrolmentWrite]:
    """Append templates: new versions of the tail shard (or new shards when it is full).

    `tail_shard` is the bytes of the manifest's last shard (None when the gallery is empty). Returns one
    write per shard touched, in order; the last write's manifest is the new gallery state.
    """
    vectors = (
        np.asarray(embeddings, dtype=np.float32).reshape(len(ids), -1)
        if len(ids)
        else np.empty((0, manifest.dim), dtype=np.float32)
    )
    if len(ids) == 0:
        return []
    if vectors.shape[1] != manifest.dim:
        raise ValueError(f"embeddings have {vectors.shape[1]} dimensions, the gallery {manifest.dim}")
    shards = list(manifest.shards)
    writes: list[EnrolmentWrite] = []
    pending_ids, pending = list(ids), vectors
    tail: LoadedShard | None = None
    if shards:
        if tail_shard is None:
            raise ValueError("the gallery has shards: pass the bytes of its last shard")
        if shard_digest(tail_shard) != shards[-1].sha256:
            raise ShardFormatError("tail shard bytes do not match the manifest's checksum")
        tail = load_shard(tail_shard)
    version = manifest.version
    while pending_ids:
        if tail is not None and tail.count < manifest.shard_capacity:
            ref = shards.pop()
            room = manifest.shard_capacity - tail.count
            take_ids, pending_ids = pending_ids[:room], pending_ids[room:]
            take, pending = pending[:room], pending[room:]
            all_ids = [bytes(i).decode("ascii") for i in tail.ids] + take_ids
            # Keep the shard's int8 step so existing rows are copied bit for bit, never re-quantised.
            rows = np.vstack([tail.dequantised(), take])
            index, new_version, scale = ref.index, ref.version + 1, tail.scale
        else:
            cap = manifest.shard_capacity
            take_ids, pending_ids = pending_ids[:cap], pending_ids[cap:]
            rows, pending = pending[:cap], pending[cap:]
            all_ids, index, new_version, scale = take_ids, len(shards), 1, None
        data = build_shard(
            all_ids,
            rows,
            quantisation=manifest.quantisation,
            version=new_version,
            scale=scale if manifest.quantisation == "int8" else None,
        )
        key = shard_key(manifest.prefix, index, new_version)
        shards.append(
            ShardRef(index=index, version=new_version, key=key, count=len(all_ids), sha256=shard_digest(data))
        )
        version += 1
        new_manifest = manifest.model_copy(update={"version": version, "shards": list(shards)})
        writes.append(EnrolmentWrite(shard_key=key, shard_bytes=data, manifest=new_manifest))
        tail = load_shard(data, key)
    return writes


def manifest_summary(manifest: GalleryManifest) -> str:
    """A loggable one-liner (counts and keys only: no template ever appears in logs)."""
    return json.dumps(
        {"version": manifest.version, "shards": len(manifest.shards), "templates": manifest.total}
    )
