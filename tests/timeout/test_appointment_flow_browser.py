"""Issue 20 in the web client, at a phone viewport (390 x 844): a first-time applicant's application waits for its
biometric recording; the resident books a slot on the application's page; an officer of the district signs in,
opens the capture station, finds the application by its number, sees the photo, attaches the face, the scanner's
fingerprint and the signature and saves; the chain goes on to ISSUED.

A stack of its own (biometric recording on, as in production): the shared browser stack runs with it off, and one
process holds one local stack, so this module lives beside the other stacks of their own (make unit runs
tests/timeout in a process of its own)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import jwt
import pytest

from local_runtime.demo import signature_png
from local_runtime.stack import LOCAL_CAPTURE_DEVICE, LocalStack, User
from tests.browser.conftest import PASSWORD, SEED_FAMILIES, Local, browser, create_officer, page
from tests.support.synthetic_fingerprints import impressions
from tests.timeout.test_recording_journey import submitted
from tools.synthetic.residents import generate_families

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = [
    "browser",
    "page",
]  # the browser tests' fixtures (Chromium, a tab that fails on a page error), shared

expect = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need the playwright package from PyPI"
).expect

PHONE_WIDTH, PHONE_HEIGHT = 390, 844
SHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots"


@pytest.fixture(scope="module")
def local() -> Iterator[Local]:
    from local_runtime.serve import Server, seed

    with LocalStack({"biometric_recording_required": True, "liveness_required_for": ""}) as stack:
        _, samples = seed(stack, SEED_FAMILIES)
        families = generate_families(SEED_FAMILIES, seed=2026)
        with Server(stack, samples=samples) as server:
            yield Local(stack=stack, url=server.url, samples=samples, families=families)


def _signed_in_resident(page: Page, local: Local) -> User:
    page.goto(local.url + "/")
    page.locator("#sign-in").click()
    page.wait_for_selector("#login")
    page.fill("#username", f"perekaman-{uuid.uuid4().hex[:6]}")
    page.fill("#password", PASSWORD)
    page.locator("#signup").click()
    page.wait_for_selector("#new-application")
    token = page.evaluate("JSON.parse(sessionStorage.getItem('ektp.session')).token")
    claims = jwt.decode(token, options={"verify_signature": False})
    return User(username=claims["cognito:username"], sub=claims["sub"], token=token)


def test_a_resident_books_and_an_officer_records_on_a_phone(page: Page, local: Local, tmp_path: Path) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": PHONE_WIDTH, "height": PHONE_HEIGHT})
    user = _signed_in_resident(page, local)
    app_id, _, family, _, docs = submitted(local.stack, 20260, user)
    waited = local.stack.wait_for(
        app_id, {"AWAITING_BIOMETRIC_RECORDING", "REJECTED", "IN_REVIEW", "ISSUED"}, 120
    )
    assert waited["status"] == "AWAITING_BIOMETRIC_RECORDING"
    face = docs["SELFIE"][0]

    # The resident: the application's page offers the offices of the district and their free times.
    page.goto(f"{local.url}/#/app/{app_id}")
    page.wait_for_selector("#appointment-form")
    expect(page.locator("[data-status=AWAITING_BIOMETRIC_RECORDING]").first).to_be_visible()
    assert page.locator("#appointment-office option").count() >= 1
    slot = page.locator("#appointment-slot option").first.get_attribute("value")
    page.locator("#appointment-book").click()
    page.wait_for_selector("#appointment-current")
    expect(page.locator("#appointment-book")).to_have_text(
        "Pindahkan jadwal"
    )  # a booking is moved, never doubled
    page.screenshot(path=SHOTS / "20-resident-appointment.png", full_page=True)
    booking = local.stack.call("GET", f"/applications/{app_id}/appointment", user).json()["booking"]
    assert booking["status"] == "ACTIVE" and booking["slot_start"][:16] == str(slot)[:16]

    # The officer of the district, on the station's tablet: find by number, see the photo, record.
    officer = f"perekam-{uuid.uuid4().hex[:6]}"
    create_officer(local, officer, family.district_code)
    page.context.clear_cookies()
    page.evaluate("sessionStorage.clear()")
    page.goto(local.url + "/")
    page.locator("#sign-in").click()
    page.fill("#username", officer)
    page.fill("#password", PASSWORD)
    page.locator("#signin").click()
    page.fill("#password", PASSWORD)
    page.fill("#mfa_code", "123456")
    page.locator("#signin").click()
    page.wait_for_selector("#to-capture")
    page.locator("#to-capture").click()
    page.fill("#capture-query", app_id)
    page.locator("#capture-search button").click()
    page.wait_for_selector("#capture-form")
    expect(page.locator("#capture-photo")).to_be_visible()
    files = {"face.jpg": face, "right-index.png": impressions(5, 1)[0], "signature.png": signature_png()}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    page.fill("#capture-device", LOCAL_CAPTURE_DEVICE)
    page.set_input_files("#capture-face", str(tmp_path / "face.jpg"))
    page.set_input_files("#capture-RIGHT_INDEX", str(tmp_path / "right-index.png"))
    page.set_input_files("#capture-signature", str(tmp_path / "signature.png"))
    page.locator("#capture-submit").click()  # not yet confirmed against the photo: refused, nothing stored
    expect(page.locator("#capture-form [role=alert]")).to_contain_text("foto")
    page.locator("#capture-confirm").check()
    page.locator("#capture-submit").click()
    page.wait_for_selector("#capture-done")
    page.screenshot(path=SHOTS / "21-officer-capture-station.png", full_page=True)
    final = local.stack.wait_for(app_id, {"ISSUED", "REJECTED", "IN_REVIEW", "PROCESSING_ERROR"}, 180)
    assert final["status"] == "ISSUED"
