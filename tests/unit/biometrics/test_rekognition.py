"""Rekognition adapter. moto 5.2.5 supports only CompareFaces for faces, and answers it with a canned
response (Similarity 100, whatever the images): it tests our request and response mapping, not matching.
moto has no collections (CreateCollection, IndexFaces, SearchFacesByImage): those calls are checked with
botocore's Stubber, which validates every request against the real API model.
"""

from __future__ import annotations

import boto3
import pytest
from botocore.stub import Stubber
from moto import mock_aws

from ektp.biometrics import config
from ektp.biometrics.rekognition import (
    RekognitionFaces,
    assign_collection,
    plan_collections,
    similarity_to_distance,
)


@pytest.fixture
def client():  # type: ignore[no-untyped-def]
    return boto3.client("rekognition", region_name="ap-southeast-3", aws_access_key_id="x",
                        aws_secret_access_key="x")


def test_compare_faces_mapping_against_moto() -> None:
    with mock_aws():
        faces = RekognitionFaces(boto3.client("rekognition", region_name="us-east-1"))
        m = faces.compare(b"\xff\xd8selfie", b"\xff\xd8idphoto")
    assert m.decision == "match" and m.score == 1.0 and m.distance == 0.0
    assert m.threshold == config.REKOGNITION_SIMILARITY_MIN


def test_compare_below_threshold_and_no_face(client) -> None:  # type: ignore[no-untyped-def]
    faces = RekognitionFaces(client)
    with Stubber(client) as stub:
        stub.add_response("compare_faces", {"FaceMatches": [{"Similarity": 80.0, "Face": {}}],
                                            "UnmatchedFaces": []})
        stub.add_response("compare_faces", {"FaceMatches": [], "UnmatchedFaces": [{"Confidence": 99.0}]})
        stub.add_response("compare_faces", {"FaceMatches": [], "UnmatchedFaces": []})
        low = faces.compare(b"a", b"b")
        other = faces.compare(b"a", b"b")
        none = faces.compare(b"a", b"b")
    assert low.decision == "no_match" and [r.code for r in low.reasons] == ["FACE_MISMATCH"]
    assert other.decision == "no_match" and other.score == 0.0
    assert none.decision == "undetermined" and [r.code for r in none.reasons] == ["FACE_NOT_FOUND"]


def test_partitioning_stays_under_the_collection_limit() -> None:
    assert plan_collections(280_000_000) == 15
    assert plan_collections(1) == 1
    assert plan_collections(19_000_001) == 2
    with pytest.raises(ValueError):
        plan_collections(10, fill=config.REKOGNITION_COLLECTION_MAX_FACES + 1)
    assert assign_collection({}, "g") == "g-0000"
    assert assign_collection({"g-0000": 5}, "g") == "g-0000"
    full = config.REKOGNITION_COLLECTION_FILL
    assert assign_collection({"g-0000": full, "g-0001": 10}, "g") == "g-0001"
    assert assign_collection({"g-0000": full, "g-0001": full}, "g") == "g-0002"


def test_search_fans_out_and_merges(client) -> None:  # type: ignore[no-untyped-def]
    faces = RekognitionFaces(client, prefix="g")
    with Stubber(client) as stub:
        stub.add_response("search_faces_by_image", {"FaceMatches": [
            {"Similarity": 99.5, "Face": {"FaceId": "f1", "ExternalImageId": "3171000000000001"}},
            {"Similarity": 99.2, "Face": {"FaceId": "f2", "ExternalImageId": "3171000000000009"}},
        ]}, {"CollectionId": "g-0000", "Image": {"Bytes": b"probe"}, "MaxFaces": 3,
             "FaceMatchThreshold": config.REKOGNITION_SIMILARITY_MIN, "QualityFilter": "AUTO"})
        stub.add_response("search_faces_by_image", {"FaceMatches": [
            {"Similarity": 99.9, "Face": {"FaceId": "f3", "ExternalImageId": "3171000000000002"}},
            {"Similarity": 99.1, "Face": {"FaceId": "f4", "ExternalImageId": "3171000000000001"}},
        ]})
        found = faces.search(b"probe", ["g-0000", "g-0001"], top_k=3, exclude_ids=["3171000000000009"])
    assert [(c.id, c.shard) for c in found] == [("3171000000000002", "g-0001"),
                                                ("3171000000000001", "g-0000")]
    assert found[0].distance == similarity_to_distance(99.9)


def test_enrol_creates_a_collection_only_when_new(client) -> None:  # type: ignore[no-untyped-def]
    faces = RekognitionFaces(client, prefix="g")
    record = {"FaceRecords": [{"Face": {"FaceId": "abc"}}]}
    with Stubber(client) as stub:
        stub.add_response("create_collection", {"StatusCode": 200}, {"CollectionId": "g-0001"})
        stub.add_response("index_faces", record)
        stub.add_response("index_faces", record)
        stub.add_response("index_faces", {"FaceRecords": []})
        assert faces.enrol("3171000000000001", b"img", {"g-0000": config.REKOGNITION_COLLECTION_FILL}) == (
            "g-0001", "abc")
        assert faces.enrol("3171000000000002", b"img", {"g-0000": 3}) == ("g-0000", "abc")
        with pytest.raises(ValueError):
            faces.enrol("3171000000000003", b"img", {"g-0000": 3})
