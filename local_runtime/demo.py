"""`make demo`: one resident from registration to a decision, on the whole stack running locally on moto.

The applicant comes from the synthetic-resident generator (real region codes, a NIK that encodes them); the
documents are rendered from the same record; the photo and selfie are derived from a public test photo
(downloaded once into .cache, never committed). Everything goes through the real API, the real presigned
POSTs, the real intake and checkers, and the real synthesized state machine.
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from local_runtime.stack import LOCAL_CAPTURE_DEVICE, LocalStack, User
from tools.synthetic.applications import application_request

BOLD, DIM, RED, GREEN, RESET = (
    ("\033[1m", "\033[2m", "\033[31m", "\033[32m", "\033[0m") if sys.stdout.isatty() else ("",) * 5
)


def say(text: str = "") -> None:
    print(text, flush=True)


def pick_applicants(families: list[Any], today: date, count: int) -> list[tuple[Any, Any]]:
    """Family members aged 17 to 30, unmarried: typical first-card applicants, from different families."""
    found: list[tuple[Any, Any]] = []
    for family in families:
        person = next(
            (p for p in family.members if 17 <= p.age_on(today) <= 30 and p.marital_status == "BELUM KAWIN"),
            None,
        )
        if person is not None:
            found.append((family, person))
            if len(found) == count:
                return found
    raise RuntimeError("not enough suitable applicants in the synthetic families")


def application_body(family: Any, person: Any) -> dict[str, Any]:
    return application_request(family, person)


def _png(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def documents(family: Any, person: Any, face: str, selfie: str) -> dict[str, tuple[bytes, str]]:
    from tests.support import photo_defects as photos
    from tools.docgen.render import render_akta, render_kk

    colour = "red" if person.birth_date.year % 2 else "blue"  # the KTP-el rule: odd year red, even blue
    wrong = "blue" if colour == "red" else "red"
    return {
        "KK": (_png(render_kk(family).image), "image/png"),
        "AKTA_KELAHIRAN": (_png(render_akta(family, person).image), "image/png"),
        "PHOTO_BAD": (photos.jpeg(photos.blurred(photos.good_id_photo(face, wrong))), "image/jpeg"),
        "PHOTO": (photos.jpeg(photos.good_id_photo(face, colour)), "image/jpeg"),
        "SELFIE": (photos.jpeg(photos.good_selfie(selfie)), "image/jpeg"),
    }


def upload(
    stack: LocalStack, user: User, app_id: str, doc_type: str, data: bytes, content_type: str
) -> dict[str, Any]:
    ticket = stack.call(
        "POST", f"/applications/{app_id}/documents/{doc_type}", user, {"content_type": content_type}
    )
    assert ticket.status == 201, ticket.body
    started = time.monotonic()
    response = stack.upload(ticket.json(), data)
    assert response.status_code in (200, 204), response.text
    detail = stack.call("GET", f"/applications/{app_id}", user).json()
    doc = next(d for d in detail["documents"] if d["document_type"] == doc_type)
    mark = GREEN + "✓" if doc["status"] == "ACCEPTED" else RED + "✗"
    say(
        f"  {mark} {doc_type:<15}{RESET} {len(data) / 1024:7.0f} KB  {doc['status']:<9} in {time.monotonic() - started:.2f} s"
    )
    for reason in doc["reasons"]:
        measured = (
            f" (measured {reason['measured']}, limit {reason['threshold']})"
            if reason.get("measured") is not None
            else ""
        )
        say(f"      {reason['code']}: {reason['message_id']}{DIM}{measured}{RESET}")
        say(f"      {DIM}{reason['message_en']}{RESET}")
    return dict(doc)


def officer_review(stack: LocalStack, app_id: str, district: str, officer: User) -> dict[str, Any]:
    queue = stack.call("GET", "/review/queue", officer).json()
    say(f"  review queue of district {district}: {[c['registration_number'] for c in queue]}")
    evidence = stack.call("GET", f"/review/{app_id}", officer).json()
    for stage in evidence["stages"]:
        if stage["stage"].startswith("gallery:") or stage["stage"] == "decision":
            continue
        codes = sorted({r["code"] for r in stage["reasons"]})
        comparisons = stage["details"].get("comparisons", [])
        counts = {
            o: sum(1 for c in comparisons if c["outcome"] == o)
            for o in ("match", "minor_difference", "conflict", "missing")
        }
        summary = ", ".join(f"{n} {o}" for o, n in counts.items() if n)
        say(f"    {stage['stage']:<16} {stage['outcome']:<5} {summary or '-':<28} {' '.join(codes)}")
    say(
        f"    documents with short-lived links: {', '.join(d['document_type'] for d in evidence['documents'])}"
    )
    return dict(evidence)


def print_timeline(detail: dict[str, Any]) -> None:
    say(f"{BOLD}Timeline of {detail['registration_number']}{RESET}")
    for event in detail["timeline"]:
        status = f" -> {event['status']}" if event.get("status") else ""
        extra = f" [{event['detail']}]" if event.get("detail") else ""
        reasons = f" {event['reasons']}" if event.get("reasons") else ""
        say(f"  {event['at'][11:23]}  {event['actor']:<8} {event['kind']}{status}{extra}{reasons}")


def apply(
    stack: LocalStack,
    resident: User,
    family: Any,
    person: Any,
    face: str,
    selfie: str,
    *,
    bad_photo_first: bool,
) -> tuple[str, str]:
    """Register, upload every document over HTTP, submit; returns (registration number, status after the chain)."""
    say(
        f"  a synthetic resident: NIK {person.nik[:6]}••••••{person.nik[-4:]}, born {person.birth_date.year}, "
        f"district {family.district_code}"
    )
    created = stack.call(
        "POST",
        "/applications",
        resident,
        application_body(family, person),
        **{"idempotency-key": f"demo-{person.nik}"},
    )
    assert created.status == 201, created.body
    app_id = str(created.json()["registration_number"])
    say(f"  registered: {BOLD}{app_id}{RESET}, status {created.json()['status']}")
    docs = documents(family, person, face, selfie)
    if bad_photo_first:
        say("  uploads (a blurred photo on the wrong background colour first):")
        upload(stack, resident, app_id, "PHOTO", *docs["PHOTO_BAD"])
    else:
        say("  uploads:")
    for doc_type in ("PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN"):
        upload(stack, resident, app_id, doc_type, *docs[doc_type])
    live_face_check(stack, resident, app_id, docs["SELFIE"][0])
    submitted = stack.call("POST", f"/applications/{app_id}/submit", resident)
    assert submitted.status == 200, submitted.body
    started = time.monotonic()
    final = stack.wait_for(
        app_id,
        {"APPROVED", "REJECTED", "IN_REVIEW", "PROCESSING_ERROR", "ISSUED", "AWAITING_BIOMETRIC_RECORDING"},
    )
    say(
        f"  submitted; the verification chain took {time.monotonic() - started:.2f} s: {BOLD}{final['status']}{RESET}"
    )
    return app_id, str(final["status"])


def live_face_check(stack: LocalStack, resident: User, app_id: str, selfie: bytes) -> None:
    """Active liveness, required for a first application: the client asks for a challenge and films the
    resident turning their head; here the frames are the selfie warped to each pose (local_runtime.liveness_frames)."""
    from local_runtime.liveness_frames import liveness_strip

    challenge = stack.call("POST", f"/applications/{app_id}/liveness-challenge", resident)
    assert challenge.status == 201, challenge.body
    poses = challenge.json()["poses"]
    say(f"  live face check: turn {', '.join(p.lower() for p in poses)}")
    upload(stack, resident, app_id, "LIVENESS", liveness_strip(selfie, poses), "image/jpeg")


def book_appointment(stack: LocalStack, resident: User, app_id: str) -> None:
    """The resident picks the first free slot at an office of their district (a home visit is the other way)."""
    detail = stack.call("GET", f"/applications/{app_id}", resident).json()
    say(f"  {detail['reasons'][0]['code']}: {detail['reasons'][0]['message_id']}")
    listing = stack.call("GET", f"/applications/{app_id}/appointment", resident).json()
    office = listing["offices"][0]
    slot = office["slots"][0]
    booked = stack.call(
        "POST",
        f"/applications/{app_id}/appointment",
        resident,
        {"office_id": office["office_id"], "slot_start": slot["start"]},
    )
    assert booked.status == 200, booked.body
    local = datetime.fromisoformat(slot["start"]) + timedelta(hours=office["utc_offset_hours"])
    say(
        f"  booked: {office['name']}, {local:%a %d %b %H:%M} local time "
        f"({slot['places_left']} of the slot's places were free; {len(office['slots'])} slots offered)"
    )


def record_at_office(
    stack: LocalStack, app_id: str, district: str, username: str, face: bytes, finger_seed: int
) -> str:
    """The officer's capture station: find the application, confirm the person against the photo, record."""
    from tests.support.synthetic_fingerprints import impressions

    officer = stack.user(username, groups=("officers",), district=district)
    found = stack.call("POST", "/capture/search", officer, {"q": app_id}).json()
    say(
        f"  {BOLD}capture station{RESET} (officer of district {district}): found {found[0]['registration_number']}, photo shown"
    )
    fingers = impressions(finger_seed, 2)
    started = time.monotonic()
    recorded = stack.call(
        "POST",
        f"/capture/{app_id}",
        officer,
        {
            "device_id": LOCAL_CAPTURE_DEVICE,  # enrolled for every district on local stacks
            "person_confirmed": True,
            "face": {"data_base64": base64.b64encode(face).decode()},
            "fingerprints": [
                {"finger": "RIGHT_INDEX", "data_base64": base64.b64encode(fingers[0]).decode()},
                {"finger": "LEFT_INDEX", "data_base64": base64.b64encode(fingers[1]).decode()},
            ],
            "signature": {"data_base64": base64.b64encode(signature_png()).decode()},
        },
    )
    assert recorded.status == 200, recorded.body
    say(f"  recorded {', '.join(recorded.json()['parts']).lower()} (trusted: officer and scanner named)")
    final = stack.wait_for(app_id, {"APPROVED", "REJECTED", "IN_REVIEW", "PROCESSING_ERROR", "ISSUED"})
    say(f"  the chain went on; {time.monotonic() - started:.2f} s later: {BOLD}{final['status']}{RESET}")
    return str(final["status"])


def signature_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (360, 120), 255)
    ImageDraw.Draw(image).line([(20, 90), (80, 30), (140, 95), (220, 25), (330, 80)], fill=0, width=4)
    return _png(image)


def review(stack: LocalStack, app_id: str, district: str, username: str, decision: dict[str, Any]) -> str:
    officer = stack.user(username, groups=("officers",), district=district)
    officer_review(stack, app_id, district, officer)
    decided = stack.call("POST", f"/review/{app_id}/decision", officer, decision)
    assert decided.status == 200, decided.body
    final = stack.wait_for(app_id, {"APPROVED", "REJECTED", "PROCESSING_ERROR", "ISSUED"})
    say(f"  the officer decides {decision['decision']}: {BOLD}{final['status']}{RESET}")
    return str(final["status"])


OUT = Path(__file__).resolve().parents[1] / "out"


def collect_digital_id(stack: LocalStack, resident: User, app_id: str) -> bool:
    """Download the digital ID, write it to ./out, and verify it offline with only the published public key."""
    OUT.mkdir(exist_ok=True)
    credential = stack.call("GET", f"/applications/{app_id}/digital-id", resident).json()
    png = stack.call("GET", f"/applications/{app_id}/digital-id?format=png", resident)
    pdf = stack.call("GET", f"/applications/{app_id}/digital-id?format=pdf", resident)
    receipt = stack.call("GET", f"/applications/{app_id}/receipt", resident)
    key = stack.call("GET", "/public-key")
    files = {
        "digital-id.png": png.raw,
        "digital-id.pdf": pdf.raw,
        "receipt.pdf": receipt.raw,
        "digital-id.jws": credential["credential"].encode(),
        "ikd-public-key.pem": key.raw,
    }
    for name, data in files.items():
        (OUT / name).write_bytes(data)
    say(
        f"  card {credential['card_id']} ({credential['card_status']}); written to {OUT.name}/: {', '.join(files)}"
    )
    # The offline verifier: one self-contained script, the QR image and the public key; no network, no ektp.
    checked = subprocess.run(
        [
            sys.executable,
            "tools/verify_id.py",
            str(OUT / "digital-id.png"),
            "--public-key",
            str(OUT / "ikd-public-key.pem"),
        ],
        capture_output=True,
        text=True,
        cwd=OUT.parent,
        check=False,
    )
    result = json.loads(checked.stdout or "{}")
    say(
        f"  offline verifier (tools/verify_id.py on the card's QR image): valid={result.get('valid')} "
        f"reasons={[r['code'] if isinstance(r, dict) else r for r in result.get('reasons', [])]}"
    )
    tampered = credential["credential"][:-8] + (
        "A" * 8 if not credential["credential"].endswith("A" * 8) else "B" * 8
    )
    online = stack.call("POST", "/verify", body={"credential": tampered}).json()
    say(
        f"  the public /verify endpoint on a tampered copy: valid={online.get('valid')} "
        f"reasons={[r['code'] if isinstance(r, dict) else r for r in online.get('reasons', [])]}"
    )
    return bool(result.get("valid"))


def main() -> int:
    started = time.monotonic()
    say(f"{BOLD}ektp demo: the whole stack on moto, in this process{RESET}")
    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")  # the functions' JSON logs would drown the story
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    # Biometric recording on, as in production: a first-time applicant is recorded by an officer.
    stack = LocalStack({"biometric_recording_required": True}).start()
    try:
        say(
            f"  stack up in {time.monotonic() - started:.1f} s: {len(stack.resources.functions)} functions, "
            f"state machine {stack.state_machine_arn.rsplit(':', 1)[-1]}, moto at {stack.endpoint}"
        )
        from tools.synthetic.registry import registry_people
        from tools.synthetic.residents import generate_families

        seeded = time.monotonic()
        families = generate_families(300, seed=2026)
        count = stack.seed_registry(registry_people(families))
        say(
            f"  population registry seeded with {count:,} synthetic residents in {time.monotonic() - seeded:.1f} s"
        )
        (family, person), (family2, person2) = pick_applicants(families, date.today(), 2)

        say(f"\n{BOLD}1. A first-time applicant{RESET}")
        resident = stack.user("warga-satu")
        app_id, status = apply(stack, resident, family, person, "obama", "obama2", bad_photo_first=True)
        if status == "AWAITING_BIOMETRIC_RECORDING":
            book_appointment(stack, resident, app_id)
            selfie = documents(family, person, "obama", "obama2")["SELFIE"][0]
            status = record_at_office(stack, app_id, family.district_code, "perekam-satu", selfie, 11)
        if status == "IN_REVIEW":
            say(f"  {BOLD}officer review{RESET} (an officer of district {family.district_code} signs in)")
            status = review(
                stack,
                app_id,
                family.district_code,
                "petugas-satu",
                {"decision": "APPROVE", "note": "checked"},
            )
        stack.wait_idle()
        detail = stack.call("GET", f"/applications/{app_id}", resident).json()
        status = detail["status"]
        say(f"  status now {BOLD}{status}{RESET}; the digital ID:")
        verified = collect_digital_id(stack, resident, app_id) if status == "ISSUED" else False
        say(f"  next: {detail['next_action']['message_id']}")
        say(f"        {detail['next_action']['message_en']}")
        print_timeline(detail)

        say(f"\n{BOLD}2. Another NIK, the same face{RESET} (someone applying for a second identity)")
        impostor = stack.user("warga-dua")
        app2, status2 = apply(stack, impostor, family2, person2, "obama3", "obama", bad_photo_first=False)
        if status2 == "AWAITING_BIOMETRIC_RECORDING":
            book_appointment(stack, impostor, app2)
            face2 = documents(family2, person2, "obama3", "obama")["SELFIE"][0]
            status2 = record_at_office(stack, app2, family2.district_code, "perekam-dua", face2, 23)
        if status2 == "IN_REVIEW":
            say(f"  {BOLD}officer review{RESET}: the 1:N search found the face enrolled under another NIK")
            status2 = review(
                stack,
                app2,
                family2.district_code,
                "petugas-dua",
                {
                    "decision": "REJECT",
                    "reasons": ["FACE_DUPLICATE"],
                    "note": "same face as an enrolled resident",
                },
            )
        detail2 = stack.call("GET", f"/applications/{app2}", impostor).json()
        for reason in detail2["reasons"]:
            say(f"  {reason['code']}: {reason['message_id']}")
            say(f"  {' ' * len(reason['code'])}  {DIM}{reason['message_en']}{RESET}")

        say(f"\n{DIM}demo finished in {time.monotonic() - started:.1f} s{RESET}")
        return 0 if status == "ISSUED" and verified and status2 == "REJECTED" else 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
