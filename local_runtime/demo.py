"""`make demo`: one resident from registration to a decision, on the whole stack running locally on moto.

The applicant comes from the synthetic-resident generator (real region codes, a NIK that encodes them); the
documents are rendered from the same record; the photo and selfie are derived from a public test photo
(downloaded once into .cache, never committed). Everything goes through the real API, the real presigned
POSTs, the real intake and checkers, and the real synthesized state machine.
"""

from __future__ import annotations

import io
import os
import sys
import time
from datetime import date
from typing import Any

from local_runtime.stack import LocalStack, User

BOLD, DIM, RED, GREEN, RESET = (
    ("\033[1m", "\033[2m", "\033[31m", "\033[32m", "\033[0m") if sys.stdout.isatty() else ("",) * 5
)


def say(text: str = "") -> None:
    print(text, flush=True)


def pick_applicant(families: list[Any], today: date) -> tuple[Any, Any]:
    """A family member aged 17 to 30, unmarried: the typical first-card applicant."""
    for family in families:
        for person in family.members:
            age = person.age_on(today)
            if 17 <= age <= 30 and person.marital_status == "BELUM KAWIN":
                return family, person
    raise RuntimeError("no suitable applicant in the synthetic families")


def application_body(family: Any, person: Any) -> dict[str, Any]:
    return {
        "application_type": "NEW",
        "declaration_accepted": True,
        "applicant": {
            "full_name": person.name,
            "nik": person.nik,
            "kk_number": family.kk_number,
            "place_of_birth": person.place_of_birth,
            "birth_date": person.birth_date.isoformat(),
            "sex": person.sex,
            "blood_type": person.blood_type,
            "religion": person.religion,
            "marital_status": person.marital_status,
            "occupation": person.occupation,
            "address": family.address,
            "rt": family.rt,
            "rw": family.rw,
            "province_code": family.province_code,
            "regency_code": family.regency_code,
            "district_code": family.district_code,
            "village_code": family.village_code,
            "postal_code": family.postal_code,
            "phone": "081234567890",
            "father_name": person.father_name,
            "mother_name": person.mother_name,
        },
    }


def _png(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def documents(family: Any, person: Any) -> dict[str, tuple[bytes, str]]:
    from tests.support import photo_defects as photos
    from tools.docgen.render import render_akta, render_kk

    colour = "red" if person.birth_date.year % 2 else "blue"  # the KTP-el rule: odd year red, even blue
    return {
        "KK": (_png(render_kk(family).image), "image/png"),
        "AKTA_KELAHIRAN": (_png(render_akta(family, person).image), "image/png"),
        "PHOTO_BAD": (
            photos.jpeg(photos.blurred(photos.good_id_photo("obama", "blue" if colour == "red" else "red"))),
            "image/jpeg",
        ),
        "PHOTO": (photos.jpeg(photos.good_id_photo("obama", colour)), "image/jpeg"),
        "SELFIE": (photos.jpeg(photos.good_selfie("obama2")), "image/jpeg"),
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


def officer_review(stack: LocalStack, app_id: str, district: str) -> None:
    say(f"\n{BOLD}4. Officer review{RESET} (an officer of district {district} signs in)")
    officer = stack.user("petugas-demo", groups=("officers",), district=district)
    queue = stack.call("GET", "/review/queue", officer).json()
    say(f"  review queue of {district}: {[c['registration_number'] for c in queue]}")
    evidence = stack.call("GET", f"/review/{app_id}", officer).json()
    for stage in evidence["stages"]:
        codes = sorted({r["code"] for r in stage["reasons"]})
        comparisons = stage["details"].get("comparisons", [])
        counts = {
            o: sum(1 for c in comparisons if c["outcome"] == o)
            for o in ("match", "minor_difference", "conflict", "missing")
        }
        summary = ", ".join(f"{n} {o}" for o, n in counts.items() if n)
        say(f"  {stage['stage']:<14} {stage['outcome']:<5} {summary or '-'}  {' '.join(codes)}")
    say(f"  documents with short-lived links: {', '.join(d['document_type'] for d in evidence['documents'])}")
    decided = stack.call(
        "POST",
        f"/review/{app_id}/decision",
        officer,
        {"decision": "APPROVE", "note": "checked against the originals"},
    )
    assert decided.status == 200, decided.body
    say("  the officer approves")


def print_timeline(detail: dict[str, Any]) -> None:
    say(f"{BOLD}Timeline of {detail['registration_number']}{RESET}")
    for event in detail["timeline"]:
        status = f" -> {event['status']}" if event.get("status") else ""
        extra = f" [{event['detail']}]" if event.get("detail") else ""
        reasons = f" {event['reasons']}" if event.get("reasons") else ""
        say(f"  {event['at'][11:23]}  {event['actor']:<8} {event['kind']}{status}{extra}{reasons}")


def main() -> int:
    started = time.monotonic()
    say(f"{BOLD}ektp demo: the whole stack on moto, in this process{RESET}")
    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")  # the functions' JSON logs would drown the story
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    stack = LocalStack().start()
    try:
        say(
            f"  stack up in {time.monotonic() - started:.1f} s: {len(stack.resources.functions)} functions, "
            f"state machine {stack.state_machine_arn.rsplit(':', 1)[-1]}, moto at {stack.endpoint}"
        )
        from tools.synthetic.registry import registry_people
        from tools.synthetic.residents import generate_families

        seeded = time.monotonic()
        families = generate_families(3000, seed=2026)
        count = stack.seed_registry(registry_people(families))
        say(
            f"  population registry seeded with {count:,} synthetic residents in {time.monotonic() - seeded:.1f} s"
        )
        today = date.today()
        family, person = pick_applicant(families, today)
        resident = stack.user("warga-demo")
        say(
            f"\n{BOLD}1. Register{RESET} (a synthetic resident: NIK {person.nik[:6]}••••••{person.nik[-4:]}, "
            f"born {person.birth_date.year}, district {family.district_code})"
        )
        created = stack.call(
            "POST",
            "/applications",
            resident,
            application_body(family, person),
            **{"idempotency-key": "demo-1"},
        )
        assert created.status == 201, created.body
        app_id = created.json()["registration_number"]
        say(f"  registration number {BOLD}{app_id}{RESET}, status {created.json()['status']}")

        say(f"\n{BOLD}2. Upload each document to its presigned POST{RESET}")
        docs = documents(family, person)
        say("  a blurred photo on the wrong background colour first:")
        upload(stack, resident, app_id, "PHOTO", *docs["PHOTO_BAD"])
        say("  then the corrected photo, the selfie and the documents:")
        for doc_type in ("PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN"):
            upload(stack, resident, app_id, doc_type, *docs[doc_type])

        say(f"\n{BOLD}3. Submit{RESET}")
        submitted = stack.call("POST", f"/applications/{app_id}/submit", resident)
        assert submitted.status == 200, submitted.body
        chain_started = time.monotonic()
        final = stack.wait_for(app_id, {"APPROVED", "REJECTED", "IN_REVIEW", "PROCESSING_ERROR", "ISSUED"})
        say(
            f"  the verification chain finished in {time.monotonic() - chain_started:.2f} s: {BOLD}{final['status']}{RESET}"
        )

        if final["status"] == "IN_REVIEW":
            officer_review(stack, app_id, family.district_code)
            final = stack.wait_for(app_id, {"APPROVED", "REJECTED", "PROCESSING_ERROR", "ISSUED"})
            say(f"  after the officer's decision: {BOLD}{final['status']}{RESET}")

        detail = stack.call("GET", f"/applications/{app_id}", resident).json()
        for reason in detail["reasons"]:
            say(
                f"  {reason['code']} ({reason.get('field')}): {reason['message_id']} / {reason['message_en']}"
            )
        say(f"  next: {detail['next_action']['message_id']}")
        say(f"        {detail['next_action']['message_en']}")
        say()
        print_timeline(detail)
        say(f"\n{DIM}demo finished in {time.monotonic() - started:.1f} s{RESET}")
        return 0 if final["status"] != "PROCESSING_ERROR" else 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
