"""The 1:N face gallery: versioned shards of quantised embeddings, searched shard by shard, merged.

Three modules: `shard` (the file layout and loading), `search` (the exact scan, its top-K candidates and the
verdicts read from them) and `manifest` (which shard versions make up the gallery, and enrolment). Every
public name is re-exported here, where callers import it from.
"""

from ektp.biometrics.gallery.manifest import (
    EnrolmentWrite,
    GalleryManifest,
    ShardRef,
    ShardTask,
    enrol,
    manifest_summary,
    plan_capacity,
    plan_shards,
    shard_key,
)
from ektp.biometrics.gallery.search import (
    SCAN_CHUNK_ROWS,
    Candidate,
    duplicate_reasons,
    merge_candidates,
    same_nik_reasons,
    search_shard,
    search_shard_batch,
    search_within_batch,
)
from ektp.biometrics.gallery.shard import (
    FORMAT_VERSION,
    HEADER_SIZE,
    MAGIC,
    LoadedShard,
    Quantisation,
    ShardFormatError,
    build_shard,
    holds,
    load_shard,
    shard_digest,
)

__all__ = [
    "FORMAT_VERSION",
    "HEADER_SIZE",
    "MAGIC",
    "SCAN_CHUNK_ROWS",
    "Candidate",
    "EnrolmentWrite",
    "GalleryManifest",
    "LoadedShard",
    "Quantisation",
    "ShardFormatError",
    "ShardRef",
    "ShardTask",
    "build_shard",
    "duplicate_reasons",
    "enrol",
    "holds",
    "load_shard",
    "manifest_summary",
    "merge_candidates",
    "plan_capacity",
    "plan_shards",
    "same_nik_reasons",
    "search_shard",
    "search_shard_batch",
    "search_within_batch",
    "shard_digest",
    "shard_key",
]
