"""Issue 19 item 3 in a real browser: the officer's case view shows the 1:N candidate's enrolled photo beside the
applicant's photo, with the scores."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from local_runtime.demo import application_body
from tests.browser.conftest import FINAL, PASSWORD, Local, create_officer, pick_applicant, write_documents

if TYPE_CHECKING:
    from playwright.sync_api import Page

expect = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need the playwright package from PyPI"
).expect

pytestmark = pytest.mark.slow


def apply(local: Local, tmp_path: Path, skip: int) -> tuple[str, str, str]:
    """An application over the API with the shared test face; its number, district and NIK."""
    family, person = pick_applicant(local.families, skip=skip)
    resident = local.stack.user(f"warga-kandidat-{skip}")
    created = local.stack.call("POST", "/applications", resident, application_body(family, person))
    assert created.status == 201, created.body
    app_id = created.json()["registration_number"]
    for doc_type, path in write_documents(tmp_path / str(skip), family, person, "obama", "obama2").items():
        if doc_type == "PHOTO_BAD":
            continue
        content_type = "image/png" if path.suffix == ".png" else "image/jpeg"
        ticket = local.stack.call(
            "POST", f"/applications/{app_id}/documents/{doc_type}", resident, {"content_type": content_type}
        )
        assert ticket.status == 201, ticket.body
        assert local.stack.upload(ticket.json(), path.read_bytes()).status_code in (200, 204)
    assert local.stack.call("POST", f"/applications/{app_id}/submit", resident).status == 200
    return app_id, family.district_code, person.nik


def test_the_officer_sees_the_candidates_enrolled_photo_beside_the_applicants(
    page: Page, local: Local, settled_gallery: None, shots: Path, tmp_path: Path
) -> None:
    first, _, enrolled_nik = apply(local, tmp_path, skip=6)
    assert local.stack.wait_for(first, set(FINAL))["status"] in ("APPROVED", "ISSUED")
    local.stack.wait_idle(first)
    second, district, _ = apply(local, tmp_path, skip=7)  # the same face under another NIK
    assert local.stack.wait_for(second, set(FINAL))["status"] == "IN_REVIEW"

    create_officer(local, "petugas-kandidat", district)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(local.url + "/")
    page.locator("#sign-in").click()
    page.fill("#username", "petugas-kandidat")
    page.fill("#password", PASSWORD)
    page.locator("#signin").click()
    page.fill("#password", PASSWORD)
    page.fill("#mfa_code", "123456")
    page.locator("#signin").click()
    page.wait_for_selector("#queue")
    page.locator(f"#queue a:has-text('{second}')").click()
    page.wait_for_selector("#candidates")

    nearest = page.locator("#candidates [data-candidate='1']")
    expect(nearest).to_contain_text(enrolled_nik)
    expect(nearest).to_contain_text("skor")  # the scores beside the photo (Indonesian by default)
    for figure in ("probe", "1"):
        image = page.locator(f"#candidates [data-candidate='{figure}'] img")
        image.scroll_into_view_if_needed()  # the images load lazily, as the officer scrolls to them
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0, figure  # the applicant's and the card's photo
    page.locator("#candidates").screenshot(path=shots / "10-review-candidates.png")
