"""Issue 20 over HTTP on a stack of its own (biometric recording switched on, as in production): a first-time
applicant's verified application waits for its recording; the resident books and moves a slot; the station's
attackers are refused; an officer of the district finds it by number and by NIK, confirms the person against the
photo and records face, fingerprints and signature; the chain goes on to ISSUED, and the NIK's finger is enrolled as
a trusted capture, so a later replacement would skip the appointment."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from local_runtime import LocalStack
from local_runtime.demo import application_body, documents, pick_applicants, signature_png
from local_runtime.stack import LOCAL_CAPTURE_DEVICE, User
from tests.support.synthetic_fingerprints import impressions
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families


@pytest.fixture(scope="module")
def stack() -> Iterator[LocalStack]:
    with LocalStack({"biometric_recording_required": True, "liveness_required_for": ""}) as local:
        yield local


def b64(data: bytes) -> dict[str, str]:
    return {"data_base64": base64.b64encode(data).decode()}


def submitted(
    stack: LocalStack, seed: int, resident: User | None = None
) -> tuple[str, User, Any, Any, dict[str, tuple[bytes, str]]]:
    """A first-time applicant's application, submitted with every document (for `resident`, or a new account)."""
    families = generate_families(30, seed=seed)
    stack.seed_registry(registry_people(families))
    ((family, person),) = pick_applicants(families, date.today(), 1)
    resident = resident or stack.user(f"recording-resident-{seed}")
    app_id = stack.call("POST", "/applications", resident, application_body(family, person)).json()[
        "registration_number"
    ]
    docs = documents(family, person, "obama", "obama2")
    for doc_type in ("PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN"):
        data, content_type = docs[doc_type]
        ticket = stack.call(
            "POST", f"/applications/{app_id}/documents/{doc_type}", resident, {"content_type": content_type}
        )
        stack.upload(ticket.json(), data)
    assert stack.call("POST", f"/applications/{app_id}/submit", resident).status == 200
    return app_id, resident, family, person, docs


def test_a_first_applicant_books_is_recorded_by_an_officer_and_gets_the_card(stack: LocalStack) -> None:
    app_id, resident, family, person, docs = submitted(stack, 2027)
    waiting = stack.wait_for(app_id, {"AWAITING_BIOMETRIC_RECORDING", "REJECTED", "IN_REVIEW", "ISSUED"}, 120)
    assert waiting["status"] == "AWAITING_BIOMETRIC_RECORDING"
    detail = stack.call("GET", f"/applications/{app_id}", resident).json()
    assert [r["code"] for r in detail["reasons"]] == ["BIOMETRIC_RECORDING_REQUIRED"]
    assert "jadwal" in detail["next_action"]["message_id"]

    # The resident: the offices of the district and their free slots; book, then move the booking.
    listing = stack.call("GET", f"/applications/{app_id}/appointment", resident)
    assert listing.status == 200, listing.body
    offices = listing.json()["offices"]
    assert offices and all(o["office_id"].endswith(family.district_code) for o in offices)
    first, second = offices[0]["slots"][:2]
    office = offices[0]["office_id"]
    booked = stack.call(
        "POST",
        f"/applications/{app_id}/appointment",
        resident,
        {"office_id": office, "slot_start": first["start"]},
    )
    assert booked.status == 200 and booked.json()["status"] == "ACTIVE", booked.body
    moved = stack.call(
        "POST",
        f"/applications/{app_id}/appointment",
        resident,
        {"office_id": office, "slot_start": second["start"]},
    )
    assert moved.status == 200 and moved.json()["slot_start"].startswith(second["start"][:16]), moved.body
    again = stack.call("GET", f"/applications/{app_id}/appointment", resident).json()
    slots = {s["start"]: s["places_left"] for s in again["offices"][0]["slots"]}
    assert (
        slots[first["start"]] == first["places_left"] and slots[second["start"]] == second["places_left"] - 1
    )

    # Attackers: another resident, the resident at the station, an officer of another district.
    stranger = stack.user("recording-stranger")
    assert stack.call("GET", f"/applications/{app_id}/appointment", stranger).status == 404
    fingers = impressions(7, 2)
    body = {
        "device_id": LOCAL_CAPTURE_DEVICE,
        "person_confirmed": True,
        "face": b64(docs["SELFIE"][0]),
        "fingerprints": [
            {"finger": "RIGHT_INDEX", **b64(fingers[0])},
            {"finger": "LEFT_INDEX", **b64(fingers[1])},
        ],
        "signature": b64(signature_png()),
    }
    assert stack.call("POST", f"/capture/{app_id}", resident, body).status == 403
    assert stack.call("POST", f"/capture/{app_id}", resident, {**body, "officer_id": "me"}).status in (
        403,
        422,
    )
    other_district = "32.73.01" if family.district_code != "32.73.01" else "31.71.01"
    elsewhere = stack.user("recording-officer-elsewhere", groups=("officers",), district=other_district)
    assert stack.call("POST", f"/capture/{app_id}", elsewhere, body).status == 404
    assert stack.call("POST", "/capture/search", elsewhere, {"q": app_id}).json() == []
    assert stack.call("POST", "/capture/search", elsewhere, {"q": person.nik}).json() == []

    # The officer of the district: finds it by number and by NIK, sees the photo, records.
    officer = stack.user("recording-officer", groups=("officers",), district=family.district_code)
    found = stack.call("POST", "/capture/search", officer, {"q": app_id}).json()
    assert [f["registration_number"] for f in found] == [app_id] and found[0]["photo_url"]
    by_nik = stack.call("POST", "/capture/search", officer, {"q": person.nik}).json()
    assert [f["registration_number"] for f in by_nik] == [app_id]
    unconfirmed = stack.call("POST", f"/capture/{app_id}", officer, {**body, "person_confirmed": False})
    assert unconfirmed.status == 422 and unconfirmed.json()["error"]["code"] == "PERSON_NOT_CONFIRMED"
    recorded = stack.call("POST", f"/capture/{app_id}", officer, body)
    assert recorded.status == 200, recorded.body
    assert recorded.json()["parts"] == ["FACE", "FINGERPRINT", "SIGNATURE"]
    final = stack.wait_for(app_id, {"ISSUED", "REJECTED", "IN_REVIEW", "PROCESSING_ERROR"}, 180)
    timeline = stack.call("GET", f"/applications/{app_id}", resident).json()
    assert final["status"] == "ISSUED", [(e["kind"], e.get("reasons")) for e in timeline["timeline"]]
    kinds = [e["kind"] for e in timeline["timeline"]]
    assert (
        kinds.index("RECORDING_REQUESTED")
        < kinds.index("BIOMETRICS_RECORDED")
        < kinds.index("RECORDING_COMPLETED")
    )
    assert kinds.index("RECORDING_COMPLETED") < kinds.index("CARD_ISSUED")
    # A replayed capture changes nothing: the application is no longer waiting.
    replay = stack.call("POST", f"/capture/{app_id}", officer, body)
    assert replay.status in (404, 409) and stack.wait_for(app_id, {"ISSUED"})["status"] == "ISSUED"
    # The NIK's finger is now a trusted enrolled capture: the chain's own view of it says so.
    s3 = stack.client("s3")
    bucket = next(name for logical, name in stack.resources.buckets.items() if "Biometrics" in logical)
    enrolled = [
        o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="templates/enrolled/").get("Contents", [])
    ]
    assert any(k.endswith(".capture.json") for k in enrolled)
