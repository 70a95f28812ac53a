"""A resident and an officer use the web client in a real browser, against the whole local stack."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ektp.domain.liveness import CHALLENGE_MOVES
from local_runtime.demo import application_body
from tests.browser.conftest import (
    FINAL,
    PASSWORD,
    Local,
    create_officer,
    pick_applicant,
    review_case,
    write_documents,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

# The package is a dev dependency; without it the whole module skips with this message.
expect = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need the playwright package from PyPI"
).expect

pytestmark = pytest.mark.slow


def sign_in_resident(page: Page, local: Local, username: str, *, new: bool = True) -> None:
    """Through the managed-login stand-in, as a resident does: sign up the first time, sign in afterwards."""
    page.goto(local.url + "/")
    page.locator("#sign-in").click()
    page.wait_for_selector("#login")  # the sign-in page (another path here; the user pool's domain in AWS)
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.locator("#signup" if new else "#signin").click()
    page.wait_for_selector("#new-application")


def choose_file(page: Page, doc_type: str, path: Path) -> None:
    """Press the document's upload button and answer the file chooser it opens, as a person would."""
    with page.expect_file_chooser() as chooser:
        page.locator(f"#doc-{doc_type} button.upload").click()
    chooser.value.set_files(str(path))


def wait_document(page: Page, doc_type: str, status: str) -> None:
    page.wait_for_selector(f"#doc-{doc_type}[data-status={status}]", timeout=60_000)


def fill_form(page: Page, applicant: dict[str, Any]) -> None:
    for name in (
        "full_name",
        "nik",
        "kk_number",
        "place_of_birth",
        "occupation",
        "address",
        "rt",
        "rw",
        "phone",
    ):
        page.fill(f"#{name}", applicant[name])
    for name in ("father_name", "mother_name"):
        if applicant.get(name):
            page.fill(f"#{name}", applicant[name])
    page.fill("#birth_date", applicant["birth_date"])
    for name in ("sex", "blood_type", "religion", "marital_status"):
        page.select_option(f"#{name}", applicant[name])
    # Region pickers: each choice loads the next level from /local/regions.
    for name in ("province_code", "regency_code", "district_code", "village_code"):
        page.wait_for_selector(f"#{name} option[value='{applicant[name]}']", state="attached")
        page.select_option(f"#{name}", applicant[name])
    # The village prefills its postal code; the resident's own (from the KK) wins.
    page.fill("#postal_code", applicant["postal_code"])
    # No e-mail given: told by SMS, chosen (SMS is never sent unless chosen; e-mail is ticked at first).
    page.uncheck("#channel_email")
    page.check("#channel_sms")
    page.check("#declaration")


def test_resident_applies_fixes_a_rejected_photo_and_is_approved(
    page: Page, local: Local, shots: Path, tmp_path: Path
) -> None:
    family, person = pick_applicant(local.families)
    applicant = application_body(family, person)["applicant"]
    files = write_documents(tmp_path, family, person)

    page.goto(local.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.screenshot(path=shots / "01-sign-in.png", full_page=True)
    sign_in_resident(page, local, "warga-browser")
    page.screenshot(path=shots / "02-applications.png", full_page=True)

    page.select_option("#new-type", "NEW")
    page.locator("#new-application button[type=submit]").click()
    page.wait_for_selector("#application-form")
    page.wait_for_selector("#province_code option[value='31']", state="attached")

    # Every control has a label (visible, or named for the one hidden file input's button).
    unlabelled = page.evaluate(
        """[...document.querySelectorAll('input, select, textarea')]
            .filter(e => e.type !== 'hidden' && !e.labels.length && !e.getAttribute('aria-label'))
            .map(e => e.id)"""
    )
    assert unlabelled == []

    # The client's own checks first: a short NIK and a bad phone stop the form with the catalogue's words.
    fill_form(page, {**applicant, "nik": "3171", "phone": "12345"})
    page.locator("#save").click()
    assert "NIK harus 16 digit angka." in page.locator("#nik-error").inner_text()
    assert "Nomor telepon tidak sah" in page.locator("#phone-error").inner_text()
    assert page.locator("#nik").get_attribute("aria-invalid") == "true"
    page.screenshot(path=shots / "03-form-errors.png", full_page=True)

    # Then the API's: a KK number of the right shape whose region does not exist passes the client and is
    # refused by the API, and its reason lands under the field it names.
    page.fill("#nik", applicant["nik"])
    page.fill("#phone", applicant["phone"])
    page.fill("#kk_number", "9999" + applicant["kk_number"][4:])
    page.locator("#save").click()
    expect(page.locator("#kk_number-error")).not_to_be_empty()
    assert "KK" in page.locator("#kk_number-error").inner_text()
    assert page.locator("#nik-error").inner_text() == ""

    # Switching the language keeps what was typed, and the labels follow.
    page.fill("#kk_number", applicant["kk_number"])
    page.locator("#lang").click()
    expect(page.locator("label[for=full_name]")).to_contain_text("Full name")
    expect(page.locator("#village_code")).to_have_value(applicant["village_code"])
    assert page.locator("#nik").input_value() == applicant["nik"] and page.is_checked("#declaration")
    page.locator("#lang").click()
    expect(page.locator("label[for=full_name]")).to_contain_text("Nama lengkap")
    expect(page.locator("#village_code")).to_have_value(applicant["village_code"])
    page.locator("#save").click()
    page.wait_for_selector("#documents")
    number = page.locator("h1").inner_text().rsplit(" ", 1)[-1]
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]", number)
    required = page.locator("#documents li.doc").evaluate_all("els => els.map(e => e.dataset.doc)")
    assert required == ["KK", "AKTA_KELAHIRAN", "PHOTO", "SELFIE"]
    assert page.locator("#submit").is_disabled()

    # Corrections while in draft: the form comes back filled, and the change is stored. (The phone: the card's
    # data, occupation included, is compared with the registry, and a difference goes to an officer.)
    page.locator("#edit-data").click()
    expect(page.locator("#village_code")).to_have_value(applicant["village_code"])
    assert page.locator("#nik").input_value() == applicant["nik"]
    page.fill("#phone", "081298765432")
    page.locator("#save").click()
    page.wait_for_selector("#documents")
    token = page.evaluate("JSON.parse(sessionStorage.getItem('ektp.session')).token")
    stored = local.stack.call("GET", f"/applications/{number}", None, authorization=f"Bearer {token}").json()
    assert stored["applicant"]["phone"] == "081298765432"
    assert stored["applicant"]["nik"] == applicant["nik"]
    page.screenshot(path=shots / "04-documents.png", full_page=True)

    # A blurred photo on the wrong background: rejected, with every reason in plain words.
    choose_file(page, "PHOTO", files["PHOTO_BAD"])
    wait_document(page, "PHOTO", "REJECTED")
    codes = page.locator("#doc-PHOTO .reasons li").evaluate_all("els => els.map(e => e.dataset.code)")
    assert {"PHOTO_BLURRY", "BACKGROUND_WRONG_COLOR"} <= set(codes)
    assert "buram" in page.locator("#doc-PHOTO .reasons").inner_text()
    assert page.locator("#doc-PHOTO button.upload").inner_text() == "Unggah ulang"
    page.locator("#doc-PHOTO").screenshot(path=shots / "05-photo-rejected.png")

    choose_file(page, "PHOTO", files["PHOTO"])
    wait_document(page, "PHOTO", "ACCEPTED")
    # The bar followed the browser's own upload progress events to the end.
    assert page.locator("#doc-PHOTO progress").get_attribute("data-sent") == "100"
    assert page.locator("#doc-PHOTO .reasons").count() == 0
    for doc_type in ("SELFIE", "KK", "AKTA_KELAHIRAN"):
        choose_file(page, doc_type, files[doc_type])
        wait_document(page, doc_type, "ACCEPTED")
    page.screenshot(path=shots / "06-documents-accepted.png", full_page=True)

    page.locator("#submit").click()
    badge = page.locator("#status .badge")
    expect(badge).to_have_attribute("data-status", re.compile("|".join(FINAL)), timeout=90_000)
    # Approval is followed at once by issuance of the card record and the digital ID.
    assert badge.get_attribute("data-status") in ("APPROVED", "ISSUED"), page.locator("#status").inner_text()
    assert badge.inner_text() in ("Disetujui", "Diterbitkan")
    assert re.search("disetujui|terbit", page.locator("#next-action").inner_text().lower())
    kinds = page.locator("#timeline [data-kind]").evaluate_all("els => els.map(e => e.dataset.kind)")
    assert kinds[0] == "CREATED" and "DOCUMENT_REJECTED" in kinds and "DECIDED" in kinds
    assert "Dokumen perlu diganti" in page.locator("#timeline").inner_text()
    page.screenshot(path=shots / "07-approved.png", full_page=True)

    # The same page in English, and the status found again by its registration number after a reload.
    page.locator("#lang").click()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("#status .badge")).to_have_text(re.compile("Approved|Issued"))
    expect(page.locator("#next-action")).to_contain_text(re.compile("approved|issued", re.IGNORECASE))
    page.goto(local.url + "/#/apps")
    page.fill("#lookup", number.lower())
    page.locator("#status-lookup button").click()
    page.wait_for_selector("#status .badge[data-status=ISSUED]")
    page.screenshot(path=shots / "08-status-en.png", full_page=True)


def test_resident_sees_the_api_words_for_an_unknown_registration_number(page: Page, local: Local) -> None:
    sign_in_resident(page, local, "warga-lookup")
    page.fill("#lookup", "7K3M-9QXD-2B4F-X")
    page.locator("#status-lookup button").click()
    alert = page.locator("[role=alert]")
    alert.wait_for()
    # The API's own words for this number (not found, or a bad check symbol), in Indonesian first.
    other = local.stack.user("warga-lookup-2")
    expected = local.stack.call("GET", "/applications/7K3M-9QXD-2B4F-X", other).json()["error"]
    assert expected["code"] in ("APPLICATION_NOT_FOUND", "INVALID_REGISTRATION_NUMBER")
    assert expected["message_id"] in alert.inner_text()

    # Signing out (the managed login's session too) and in again finds the same account.
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_selector("#signin")
    assert page.evaluate("sessionStorage.getItem('ektp.session')") is None
    page.locator("#sign-in").click()
    page.wait_for_selector("#login")
    page.focus("#username")  # keyboard only this time: type, then Enter submits (signs in)
    page.keyboard.type("warga-lookup")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("#new-application")


def test_resident_takes_the_live_face_check_with_the_camera(page: Page, local: Local, shots: Path) -> None:
    """The client asks for a challenge, shows each pose, takes one camera frame per pose and uploads them as
    one LIVENESS strip (Chromium's synthetic camera has no face: the poses are judged later, in the chain)."""
    family, person = pick_applicant(local.families, skip=2)
    sign_in_resident(page, local, "warga-liveness")
    token = page.evaluate("JSON.parse(sessionStorage.getItem('ektp.session')).token")
    auth = {"authorization": f"Bearer {token}"}
    created = local.stack.call("POST", "/applications", None, application_body(family, person), **auth)
    assert created.status == 201, created.body
    number = created.json()["registration_number"]
    page.goto(f"{local.url}/#/app/{number}")
    page.wait_for_selector("#liveness-start")
    # Every instruction the resident is shown, as it changes.
    page.evaluate(
        """window.shown = [];
        new MutationObserver(() => {
          const el = document.querySelector('#liveness-instruction[data-pose]');
          const last = window.shown[window.shown.length - 1];
          if (el && (!last || last[0] !== el.dataset.pose)) window.shown.push([el.dataset.pose, el.textContent]);
        }).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});"""
    )
    page.locator("#liveness-start").click()
    page.wait_for_selector("#liveness-video", timeout=15_000)
    page.screenshot(path=shots / "09-liveness.png", full_page=True)
    wait_document(page, "LIVENESS", "ACCEPTED")
    shown = page.evaluate("window.shown")
    words = {
        "CENTER": "Lihat lurus",
        "LEFT": "ke kiri",
        "RIGHT": "ke kanan",
        "UP": "ke atas",
        "DOWN": "ke bawah",
    }
    # Centred first, then CHALLENGE_MOVES poses, none the same as the one before it.
    assert len(shown) == CHALLENGE_MOVES + 1 and shown[0][0] == "CENTER"
    assert all(a[0] != b[0] for a, b in pairwise(shown))
    assert all(words[pose] in text for pose, text in shown), shown
    detail = local.stack.call("GET", f"/applications/{number}", None, **auth).json()
    strip = next(d for d in detail["documents"] if d["document_type"] == "LIVENESS")
    # One 3:4 frame per pose of the challenge, side by side.
    assert strip["measurements"]["frames"] == CHALLENGE_MOVES + 1 and strip["measurements"]["height"] == 480
    assert page.locator("#liveness [role=alert]").count() == 0
    assert not page.evaluate(
        "[...document.querySelectorAll('video')].some(v => v.srcObject && v.srcObject.active)"
    )  # the camera is released


def test_officer_reviews_a_case_and_approves_it(
    page: Page, local: Local, shots: Path, tmp_path: Path
) -> None:
    app_id, district = review_case(local, tmp_path)
    create_officer(local, "petugas-browser", district)  # an administrator made the account
    page.set_viewport_size({"width": 1280, "height": 900})  # officers work at a desk

    page.goto(local.url + "/")
    page.locator("#sign-in").click()
    page.fill("#username", "petugas-browser")
    page.fill("#password", PASSWORD)
    page.locator("#signin").click()
    expect(page.locator("#error")).to_contain_text("MFA")  # staff: the second factor first
    page.fill("#password", PASSWORD)
    page.fill("#mfa_code", "123456")
    page.locator("#signin").click()
    page.wait_for_selector("#queue")
    expect(page.locator("h1")).to_contain_text(district)  # the district from the token, not from a form
    assert app_id in page.locator("#queue").inner_text()
    page.screenshot(path=shots / "09-review-queue.png", full_page=True)

    page.locator(f"#queue a:has-text('{app_id}')").click()
    page.wait_for_selector("#decision-form")
    assert "REGISTRY_NOT_FOUND" in page.locator("#case-warnings").inner_html()
    stages = page.locator("[data-stage]").evaluate_all("els => els.map(e => e.dataset.stage)")
    assert "personal_data" in stages and "domicile" in stages and not any(":" in s for s in stages)
    expect(page.locator("[data-stage=domicile] h3")).to_contain_text("Domisili")
    assert page.locator("[data-stage=personal_data] tbody tr").count() > 0
    # The evidence images load from their short-lived storage links (another origin).
    images = page.locator(".evidence img")
    expect(images.first).to_be_visible()
    for i in range(images.count()):
        # Lazy images load once near the screen (the 1:N candidates sit below the stages): scroll to each.
        images.nth(i).scroll_into_view_if_needed()
        # The page's CSP forbids eval, so no wait_for_function: poll the image's own state instead.
        expect(images.nth(i)).to_have_js_property("complete", True)
        assert images.nth(i).evaluate("img => img.naturalWidth") > 0
    shown = page.locator(".evidence figure").evaluate_all("els => els.map(e => e.dataset.doc)")
    assert {"PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN"} <= set(shown)
    # Case pages show the applicant's photos: they stay in the git-ignored cache only; the stage results
    # (no images) make the README's picture.
    page.screenshot(path=shots / "10-case.png", full_page=True)
    page.locator("section[aria-labelledby=stages-h]").screenshot(path=shots / "11-case-stages.png")

    # A rejection needs reasons: the form says so without calling the API.
    page.check("#decision-REJECT")
    page.locator("#decision-form button[type=submit]").click()
    assert "alasan" in page.locator("#decision-form [role=alert]").inner_text().lower()

    page.check("#decision-APPROVE")
    page.fill("#note", "Dicocokkan dengan dokumen asli.")
    page.locator("#decision-form button[type=submit]").click()
    page.wait_for_selector("#decision-done")
    assert local.stack.wait_for(app_id, {"APPROVED", "REJECTED", "PROCESSING_ERROR"})["status"] == "APPROVED"

    # A decided case is closed: opening it again shows why, and neither its documents nor a decision form.
    page.reload()
    expect(page.locator(".alert.error")).to_contain_text(
        "sedang diperiksa"
    )  # CASE_NOT_IN_REVIEW, in Indonesian
    expect(page.locator("#decision-form")).to_have_count(0)
    expect(page.locator("img")).to_have_count(0)
    page.goto(local.url + "/#/queue")
    expect(page.locator("main")).not_to_contain_text(app_id)


def test_the_client_signs_in_with_the_code_flow_and_pkce_refreshes_and_refuses_a_forged_return(
    page: Page, local: Local
) -> None:
    import base64
    import hashlib
    from urllib.parse import parse_qs, urlsplit

    sent: list[tuple[str, str]] = []
    page.on("request", lambda r: sent.append((r.url, r.post_data or "")))
    sign_in_resident(page, local, "warga-pkce-browser")
    authorize = next(urlsplit(u) for u, _ in sent if "/oauth2/authorize?" in u)
    asked = {k: v[0] for k, v in parse_qs(authorize.query).items()}
    assert asked["response_type"] == "code" and asked["code_challenge_method"] == "S256"
    assert asked["redirect_uri"] == f"{local.url}/" and len(asked["state"]) >= 16
    exchange = next(
        {k: v[0] for k, v in parse_qs(body).items()} for u, body in sent if u.endswith("/oauth2/token")
    )
    assert exchange["grant_type"] == "authorization_code" and exchange["redirect_uri"] == f"{local.url}/"
    digest = hashlib.sha256(exchange["code_verifier"].encode()).digest()
    assert base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == asked["code_challenge"]
    assert "code=" not in page.url and "token" not in page.url  # nothing left in the address bar
    session = page.evaluate("JSON.parse(sessionStorage.getItem('ektp.session'))")
    assert session["role"] == "resident" and session["district"] is None and session["refresh"]

    # An ID token about to expire is refreshed before the next API call.
    page.evaluate(
        "const s = JSON.parse(sessionStorage.getItem('ektp.session')); s.expires_at = 0;"
        "sessionStorage.setItem('ektp.session', JSON.stringify(s))"
    )
    sent.clear()
    page.reload()
    page.wait_for_selector("#new-application")
    refresh = [parse_qs(body) for u, body in sent if u.endswith("/oauth2/token")]
    assert refresh and refresh[0]["grant_type"] == ["refresh_token"]
    renewed = page.evaluate("JSON.parse(sessionStorage.getItem('ektp.session'))")
    assert renewed["expires_at"] > 0 and renewed["refresh"] == session["refresh"]

    # A return to the client this tab did not start (a forged or replayed link) signs nobody in.
    page.evaluate("sessionStorage.clear()")
    page.goto(f"{local.url}/?code=stolen&state=forged")
    expect(page.locator("#main [role=alert]")).to_contain_text("Gagal masuk")
    assert page.evaluate("sessionStorage.getItem('ektp.session')") is None
    assert "code=" not in page.url
