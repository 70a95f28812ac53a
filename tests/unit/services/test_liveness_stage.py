"""Active liveness in the chain: the frames must answer the last challenge, in time, with the selfie's face.

The face engine is a fake that reads each frame's pose (and whose face it is) from the frame's pixels, with
landmarks projected from a 3-D head turned to that pose: the real pose estimator and ordering run on them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import cv2
import numpy as np
import pytest

from ektp.biometrics.face import FaceAnalysis, embedding_to_bytes
from ektp.domain.application import DocumentType
from ektp.domain.liveness import MAX_LIVENESS_FRAMES, Pose
from ektp.domain.status import DocumentStatus
from ektp.photo.liveness_strip import split_strip
from ektp.services.applications import ApplicationService
from ektp.services.biometrics import BiometricService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow
from tests.unit.biometrics.test_liveness import project
from tests.unit.services.test_biometrics import FACES, MemoryManifests

ANGLES = {
    Pose.CENTER: (0, 0),
    Pose.LEFT: (25, 0),
    Pose.RIGHT: (-25, 0),
    Pose.UP: (0, 18),
    Pose.DOWN: (0, -18),
}
ORDER = list(ANGLES)
NOW = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)


def strip(poses: list[Pose], who: str = "alice") -> bytes:
    """Frames side by side (3:4); grey level = pose, red channel = whose face."""
    frames = []
    for pose in poses:
        frame = np.full((400, 300, 3), 30 + 40 * ORDER.index(pose), dtype=np.uint8)
        frame[:, :, 2] = 0 if who == "alice" else 255
        frames.append(frame)
    ok, buf = cv2.imencode(".png", np.hstack(frames))
    assert ok
    return buf.tobytes()


class PoseEngine:
    name = "fake-poses"

    def analyze(self, image_bytes: bytes) -> FaceAnalysis:
        try:
            who = image_bytes.decode()
        except UnicodeDecodeError:
            who = None
        if who in FACES:  # the photo and the selfie of the test world
            return FaceAnalysis(
                faces_found=1, quality=0.9, embedding=embedding_to_bytes(FACES[who]), landmarks=project(0, 0)
            )
        frame = cv2.imdecode(np.frombuffer(image_bytes, np.uint8), cv2.IMREAD_COLOR)
        pose = ORDER[round((float(frame[:, :, 0].mean()) - 30) / 40)]
        face = "alice" if frame[:, :, 2].mean() < 128 else "bob"
        return FaceAnalysis(
            faces_found=1,
            quality=0.9,
            embedding=embedding_to_bytes(FACES[face]),
            landmarks=project(*ANGLES[pose]),
        )


class World:
    def __init__(self) -> None:
        self.clock = NOW
        self.repo, self.uploads, self.vault = InMemoryRepository(), InMemoryStore(), InMemoryStore()
        self.apps = ApplicationService(
            self.repo, self.uploads, RecordingWorkflow(), clock=self.now, today=NOW.date
        )
        self.faces = BiometricService(self.repo, self.uploads, self.vault, MemoryManifests(), PoseEngine)
        self.record = self.apps.register("alice", application_request())
        self.app_id = self.record.application_id

    def now(self) -> datetime:
        return self.clock

    def challenge(self) -> list[Pose]:
        return list(self.apps.issue_liveness_challenge("alice", self.app_id).liveness_challenge)

    def answer(self, data: bytes | None, after: timedelta = timedelta(seconds=40)) -> dict[str, list[str]]:
        self.clock = NOW + after
        docs: dict[DocumentType, bytes] = {
            DocumentType.KK: b"%PDF",
            DocumentType.AKTA_KELAHIRAN: b"%PDF",
            DocumentType.PHOTO: b"alice",
            DocumentType.SELFIE: b"alice",
        }
        if data is not None:
            docs[DocumentType.LIVENESS] = data
        for doc_type, body in docs.items():
            content = "image/png" if doc_type is DocumentType.LIVENESS else "image/jpeg"
            grant = self.apps.request_upload("alice", self.app_id, str(doc_type), content)
            key = (self.app_id, doc_type, grant.document.upload_id)
            self.repo.documents[key] = self.repo.documents[key].model_copy(
                update={"status": DocumentStatus.ACCEPTED}
            )
            self.uploads.put(grant.document.object_key, body, content)
        self.apps.submit("alice", self.app_id)
        self.faces.match_faces(self.app_id, 1)
        view = self.repo.view(self.app_id)
        assert view is not None
        return {s.stage: [f"{r.code}:{r.field}" for r in s.reasons] for s in view.stages}


@pytest.fixture
def world() -> World:
    return World()


def test_the_challenged_poses_in_order_by_the_selfies_face_pass(world: World) -> None:
    poses = world.challenge()
    assert poses[0] is Pose.CENTER and len(poses) == MAX_LIVENESS_FRAMES
    assert world.answer(strip(poses))["liveness"] == []


def test_a_frame_more_than_the_challenges_poses_fails(world: World) -> None:
    # One frame per pose: spare frames would let a fixed recording pass more orders (domain/liveness.py).
    poses = world.challenge()
    stages = world.answer(strip([poses[0], poses[0], *poses[1:]]))
    assert stages["liveness"] == ["LIVENESS_FAILED:documents.LIVENESS.frame_count"]


def test_the_poses_in_another_order_fail(world: World) -> None:
    poses = world.challenge()
    stages = world.answer(strip([poses[0], *reversed(poses[1:])]))
    assert stages["liveness"] == ["LIVENESS_FAILED:documents.LIVENESS.order"]


def test_someone_else_doing_the_moves_fails(world: World) -> None:
    stages = world.answer(strip(world.challenge(), who="bob"))
    assert stages["liveness"] == ["LIVENESS_FAILED:documents.LIVENESS.different_face"]


def test_an_answer_after_the_challenge_expired_or_without_one_fails(world: World) -> None:
    poses = world.challenge()
    assert world.answer(strip(poses), after=timedelta(minutes=6))["liveness"] == [
        "LIVENESS_FAILED:documents.LIVENESS"
    ]


def test_without_a_liveness_upload_there_is_no_liveness_stage(world: World) -> None:
    world.challenge()
    assert "liveness" not in world.answer(None)


def test_the_strip_layout_is_checked_at_upload() -> None:
    assert split_strip(strip([Pose.CENTER, Pose.LEFT, Pose.UP])).accepted
    assert len(split_strip(strip(list(ANGLES))).frames) == 5
    one = split_strip(strip([Pose.CENTER]))
    assert not one.accepted and one.reasons[0].field == "frame_layout"
    ok, square = cv2.imencode(".png", np.zeros((400, 500, 3), np.uint8))
    assert ok and split_strip(square.tobytes()).reasons[0].field == "frame_layout"
    assert split_strip(b"\xff\xd8\xff truncated").reasons[0].code == "IMAGE_UNREADABLE"
