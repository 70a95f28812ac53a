"""The officer's capture station, attacks first: a resident cannot mark their own prints trusted nor complete their
own recording, an officer of another district cannot capture, a replayed or forged token does nothing."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from ektp.domain.access import Principal
from ektp.domain.application import DocumentType
from ektp.domain.capture import capture_of
from ektp.domain.records import latest_documents
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.services.applications import ApplicationService
from ektp.services.capture import CaptureFile
from tests.support.fakes import InMemoryStore
from tests.unit.services.recording_world import OFFICER, OFFICER_ELSEWHERE, World, world

RESIDENT = Principal(subject="alice", roles=frozenset({"resident"}))
OPERATOR = Principal(subject="op-1", roles=frozenset({"operator"}), district="31.71.01")


def image(kind: str = "PNG", size: tuple[int, int] = (96, 96), seed: int = 1) -> bytes:
    picture = Image.effect_noise(size, 40 + seed).convert("RGB")  # noise: no codec squeezes it below 1 KB
    buffer = io.BytesIO()
    picture.save(buffer, format=kind)
    return buffer.getvalue()


def station_files(fingers: tuple[str, ...] = ("RIGHT_INDEX", "LEFT_INDEX")) -> list[CaptureFile]:
    return [
        CaptureFile("FACE", image("JPEG", (120, 160))),
        *(CaptureFile("FINGERPRINT", image("PNG", seed=n), finger=f) for n, f in enumerate(fingers)),  # type: ignore[arg-type]
        CaptureFile("SIGNATURE", image("PNG", (200, 80))),
    ]


def waiting() -> World:
    w = world()
    w.wait()
    return w


def capture(w: World, who: Principal = OFFICER, **overrides: object) -> object:
    arguments: dict[str, object] = {"device_id": "scanner-gambir-01", "person_confirmed": True}
    arguments["files"] = station_files()
    arguments.update(overrides)
    return w.capture_service().capture(who, w.app_id, **arguments)  # type: ignore[arg-type]


def test_an_officer_of_the_district_captures_and_the_chain_goes_on() -> None:
    w = waiting()
    found = w.capture_service().find(OFFICER, w.app_id)
    assert [a.application.application_id for a in found] == [w.app_id]
    by_nik = w.capture_service().find(OFFICER, w.record.applicant.nik)
    assert [a.application.application_id for a in by_nik] == [w.app_id]
    assert found[0].photo_url is not None and found[0].photo_url.startswith("memory://uploads/")
    capture(w)
    docs = latest_documents(w.repo.list_documents(w.app_id))
    finger, face = docs[DocumentType.FINGERPRINT], docs[DocumentType.SELFIE]
    for doc in (finger, face):
        source = capture_of(doc.captured_by)
        assert source.trusted and source.officer_id == "officer-1" and source.device_id == "scanner-gambir-01"
        assert doc.status.value == "ACCEPTED" and doc.object_key.startswith(f"captures/{w.app_id}/a1/")
        assert w.uploads.read(doc.object_key, doc.version_id)  # pinned to the stored version
    assert "right_index" in finger.object_key.lower()  # the finger the chain matches
    assert w.workflow.started["token:token-1"] == {"captured": True}
    events = [e for e in w.repo.events[w.app_id] if e.kind == "BIOMETRICS_RECORDED"]
    assert events and events[0].staff_id == "officer-1" and events[0].actor == "officer"
    assert w.chain.record_recording(w.app_id, 1).captured is True
    assert w.record.status is ApplicationStatus.VERIFYING


def test_a_booking_is_marked_attended_by_the_capture() -> None:
    from tests.unit.services.recording_world import OFFICE, TUESDAY_0800_WIB

    w = waiting()
    w.appointments().book("alice", w.app_id, OFFICE.office_id, TUESDAY_0800_WIB)
    capture(w)
    booking = w.recordings.get_booking(w.app_id)
    assert booking is not None and booking.status == "ATTENDED"


@pytest.mark.parametrize("who", [RESIDENT, OPERATOR], ids=["resident", "operator"])
def test_no_one_but_an_officer_completes_a_recording(who: Principal) -> None:
    """Attack: the resident (or an operator) calls the station to complete their own recording."""
    w = waiting()
    with pytest.raises(ServiceError, match="FORBIDDEN"):
        capture(w, who)
    with pytest.raises(ServiceError, match="FORBIDDEN"):
        w.capture_service().find(who, w.app_id)
    assert w.recordings.captures == {} and w.workflow.started == {}
    assert w.chain.record_recording(w.app_id, 1).captured is False


def test_an_officer_of_another_district_cannot_capture() -> None:
    w = waiting()
    with pytest.raises(ServiceError, match="APPLICATION_NOT_FOUND"):
        capture(w, OFFICER_ELSEWHERE)
    assert w.capture_service().find(OFFICER_ELSEWHERE, w.app_id) == []
    assert w.capture_service().find(OFFICER_ELSEWHERE, w.record.applicant.nik) == []
    assert w.recordings.captures == {} and w.workflow.started == {}


def test_a_residents_own_fingerprint_upload_is_never_trusted() -> None:
    """Attack: the resident uploads a fingerprint image; nothing they send can mark it as an officer's."""
    w = world()
    apps = ApplicationService(w.repo, InMemoryStore(), w.workflow)
    record = w.record.model_copy(update={"status": ApplicationStatus.REJECTED})
    w.repo.applications[w.app_id] = record
    grant = apps.request_upload("alice", w.app_id, "FINGERPRINT", "image/png")
    assert grant.document.captured_by is None and not capture_of(grant.document.captured_by).trusted


def test_a_second_capture_of_the_same_attempt_is_refused() -> None:
    """Replay: the station's request sent again (or another officer's) after the chain went on."""
    w = waiting()
    capture(w)
    w.chain.record_recording(w.app_id, 1)
    with pytest.raises(ServiceError, match="NOT_AWAITING_RECORDING"):
        capture(w)
    w.repo.applications[w.app_id] = w.record.model_copy(
        update={"status": ApplicationStatus.AWAITING_BIOMETRIC_RECORDING}
    )
    with pytest.raises(ServiceError, match="NOT_AWAITING_RECORDING"):
        capture(w)  # the attempt has its capture already
    assert len([k for k in w.workflow.started if k.startswith("token:")]) == 1


def test_a_replayed_token_that_no_execution_waits_on_does_nothing() -> None:
    w = waiting()
    w.workflow.gone.add("token-1")  # the wait timed out: its token is dead
    capture(w)  # stored; resuming with the dead token is harmless
    assert w.workflow.started == {}
    assert w.record.status is ApplicationStatus.AWAITING_BIOMETRIC_RECORDING
    w.chain.request_recording(w.app_id, 1, "token-2")  # the chain's next wait finds the capture and goes on
    assert w.workflow.started["token:token-2"] == {"captured": True}


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"person_confirmed": False}, "PERSON_NOT_CONFIRMED"),
        ({"device_id": ""}, "CAPTURE_DEVICE_REQUIRED"),
        ({"device_id": "a b"}, "CAPTURE_DEVICE_REQUIRED"),
        ({"files": station_files(())}, "CAPTURE_INVALID"),  # no finger
        ({"files": station_files(("RIGHT_INDEX", "RIGHT_INDEX"))}, "CAPTURE_INVALID"),
        ({"files": [CaptureFile("FACE", b"GIF89a" + b"\0" * 2000), *station_files()[1:]]}, "CAPTURE_INVALID"),
        ({"files": [*station_files()[:-1], CaptureFile("SIGNATURE", image()[:500])]}, "CAPTURE_INVALID"),
    ],
)
def test_a_capture_must_be_complete_confirmed_and_named(overrides: dict[str, object], code: str) -> None:
    w = waiting()
    with pytest.raises(ServiceError, match=code):
        capture(w, **overrides)
    assert w.recordings.captures == {} and w.workflow.started == {}


def test_the_station_finds_nothing_that_does_not_wait_for_a_recording() -> None:
    w = world()
    w.run_to_plan()
    assert w.capture_service().find(OFFICER, w.app_id) == []
    with pytest.raises(ServiceError, match="NOT_AWAITING_RECORDING"):
        capture(w)
