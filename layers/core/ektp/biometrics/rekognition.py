"""Amazon Rekognition as the managed alternative to the dlib engine (the only module here using boto3).

- 1:1: CompareFaces (Similarity 0-100) mapped to the same `FaceMatch` the dlib path returns.
- 1:N: SearchFacesByImage over face collections. A collection holds at most 20 million faces, so the
  national gallery is partitioned: `plan_collections` sizes it (280M residents -> 15 collections at 19M
  each), `assign_collection` picks where a new face goes (fill in order, keep headroom), and `search`
  fans out over every collection and merges with the same `merge_candidates` as the shard search.
  ExternalImageId carries the NIK, so a match names the identity without another lookup.

Rekognition never returns embeddings: it cannot fill the gallery shards, and thresholds are on its own
Similarity scale (config.REKOGNITION_SIMILARITY_MIN). Images go to AWS; under UU PDP that is a
processor agreement and a data-residency decision (ap-southeast-3 Jakarta), not a code question.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ektp.biometrics import config
from ektp.biometrics.face import FaceMatch
from ektp.biometrics.gallery import Candidate, merge_candidates
from ektp.domain.reasons import reason


def collection_name(prefix: str, index: int) -> str:
    return f"{prefix}-{index:04d}"


def plan_collections(population: int, fill: int = config.REKOGNITION_COLLECTION_FILL) -> int:
    """How many collections a gallery of `population` faces needs."""
    if fill <= 0 or fill > config.REKOGNITION_COLLECTION_MAX_FACES:
        raise ValueError("fill must be within the 20 million faces a collection holds")
    return max(1, math.ceil(population / fill))


def assign_collection(counts: Mapping[str, int], prefix: str, fill: int = config.REKOGNITION_COLLECTION_FILL
                      ) -> str:
    """The collection a new face is indexed into: the first one below `fill`, else the next new one.

    `counts` is collection name -> FaceCount (from DescribeCollection or the lead's own counter).
    """
    index = 0
    while collection_name(prefix, index) in counts:
        if counts[collection_name(prefix, index)] < fill:
            return collection_name(prefix, index)
        index += 1
    return collection_name(prefix, index)


def similarity_to_distance(similarity: float) -> float:
    """Rekognition's Similarity as a distance-like value (0 identical, 1 unrelated) for merging."""
    return round(1.0 - max(0.0, min(100.0, similarity)) / 100.0, 6)


class RekognitionFaces:
    """CompareFaces and partitioned SearchFacesByImage over an injected boto3 Rekognition client."""

    def __init__(self, client: Any | None = None, prefix: str = "ektp-faces",
                 threshold: float = config.REKOGNITION_SIMILARITY_MIN) -> None:
        if client is None:
            import boto3

            client = boto3.client("rekognition")
        self.client = client
        self.prefix = prefix
        self.threshold = threshold

    def compare(self, source: bytes, target: bytes) -> FaceMatch:
        response = self.client.compare_faces(
            SourceImage={"Bytes": source}, TargetImage={"Bytes": target}, SimilarityThreshold=0.0,
            QualityFilter="AUTO",
        )
        matches = response.get("FaceMatches", [])
        if not matches and not response.get("UnmatchedFaces"):
            return FaceMatch(distance=None, score=None, threshold=self.threshold, decision="undetermined",
                             reasons=[reason("FACE_NOT_FOUND")])
        similarity = max((float(m["Similarity"]) for m in matches), default=0.0)
        matched = similarity >= self.threshold
        return FaceMatch(
            distance=similarity_to_distance(similarity), score=round(similarity / 100.0, 4),
            threshold=self.threshold, decision="match" if matched else "no_match",
            reasons=[] if matched else [
                reason("FACE_MISMATCH", measured=similarity, threshold=self.threshold)],
        )

    def enrol(self, nik: str, image: bytes, counts: Mapping[str, int]) -> tuple[str, str]:
        """Index one face under its NIK; returns (collection, FaceId). Creates the collection when new."""
        collection = assign_collection(counts, self.prefix)
        if collection not in counts:
            self.client.create_collection(CollectionId=collection)
        response = self.client.index_faces(
            CollectionId=collection, Image={"Bytes": image}, ExternalImageId=nik, MaxFaces=1,
            QualityFilter="AUTO", DetectionAttributes=[],
        )
        records = response.get("FaceRecords", [])
        if not records:
            raise ValueError("FACE_NOT_FOUND")
        return collection, str(records[0]["Face"]["FaceId"])

    def search(self, image: bytes, collections: Sequence[str], top_k: int = config.FACE_SEARCH_TOP_K,
               exclude_ids: Sequence[str] = ()) -> list[Candidate]:
        """SearchFacesByImage in every collection, merged; candidates above the similarity threshold only."""
        per_collection: list[list[Candidate]] = []
        for collection in collections:
            response = self.client.search_faces_by_image(
                CollectionId=collection, Image={"Bytes": image}, MaxFaces=top_k,
                FaceMatchThreshold=self.threshold, QualityFilter="AUTO",
            )
            found = []
            for m in response.get("FaceMatches", []):
                nik = m["Face"].get("ExternalImageId")
                if not nik or nik in exclude_ids:
                    continue
                similarity = float(m["Similarity"])
                found.append(Candidate(id=nik, distance=similarity_to_distance(similarity),
                                       score=round(similarity / 100.0, 4), shard=collection))
            per_collection.append(found)
        merged: list[Candidate] = merge_candidates(per_collection, top_k)
        return merged
