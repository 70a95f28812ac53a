"""Issue 20 item 8: the resident's own documents in the web client, at a phone viewport (390 x 844), in
Indonesian and English: the receipt (a PDF whose QR opens the status page), the data export (the API's
export, as a JSON file), the digital ID (the card PNG whose QR is the credential, and the PDF), the report of a
lost card (a confirmation first, then the card and its credential revoked) and an optional document added to a
draft. Each action says what it did in a status region; focus goes where the next step is."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jwt
import pytest

from ektp.issuance.render import decode_qr, pdf_page_image
from local_runtime.demo import application_body, pick_applicants
from local_runtime.stack import LocalStack, User
from tests.browser.conftest import FINAL, Local
from tests.browser.test_web_client import choose_file, sign_in_resident
from tests.integration.test_chain_flows import _upload_all
from tests.support.letters import police_report_pdf
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families

if TYPE_CHECKING:
    from playwright.sync_api import Download, Page

expect = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need the playwright package from PyPI"
).expect

pytestmark = pytest.mark.slow
PHONE_WIDTH, PHONE_HEIGHT = 390, 844


@pytest.fixture(scope="module")
def people(local: Local) -> list[tuple[Any, Any]]:
    families = generate_families(30, seed=20208)  # a seed no other test uses: these NIKs are this module's
    local.stack.seed_registry(registry_people(families))
    return pick_applicants(families, date.today(), 2)


def _empty_gallery(stack: LocalStack) -> None:
    stack.client("dynamodb").delete_item(
        TableName=stack.registry_table, Key={"PK": {"S": "GALLERY#MANIFEST"}}
    )


@pytest.fixture
def gallery(local: Local) -> Iterator[None]:
    """The tests apply with the public test faces others use too: none of them sees the other's enrolment."""
    _empty_gallery(local.stack)
    yield
    _empty_gallery(local.stack)


def _signed_in(page: Page, local: Local, name: str) -> User:
    """The resident signs up in the browser, on a phone; the API calls of the set-up speak for the same account."""
    page.set_viewport_size({"width": PHONE_WIDTH, "height": PHONE_HEIGHT})
    sign_in_resident(page, local, f"{name}-{uuid.uuid4().hex[:6]}")
    token = page.evaluate("JSON.parse(sessionStorage.getItem('ektp.session')).token")
    claims = jwt.decode(token, options={"verify_signature": False})
    return User(username=claims["cognito:username"], sub=claims["sub"], token=token)


def _draft(local: Local, user: User, family: Any, person: Any) -> str:
    """A new application of the person's, registered over the API for the signed-in account."""
    created = local.stack.call("POST", "/applications", user, application_body(family, person))
    assert created.status == 201, created.body
    return str(created.json()["registration_number"])


def _saved(download: Download) -> bytes:
    path = download.path()
    assert path is not None
    return Path(path).read_bytes()


def _download(page: Page, button: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(button).click()
    return info.value.suggested_filename, _saved(info.value)


def _png(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _no_wider_than_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def _buttons_named(page: Page, scope: str) -> None:
    """Every button in scope has a name a screen reader can say."""
    unnamed = page.locator(f"{scope} button").evaluate_all(
        "els => els.filter(b => !(b.textContent.trim() || b.getAttribute('aria-label'))).map(b => b.id)"
    )
    assert unnamed == []


def test_the_resident_downloads_the_receipt_the_export_and_the_digital_id_then_reports_the_card_lost(
    page: Page, local: Local, people: list[tuple[Any, Any]], gallery: None, shots: Path
) -> None:
    stack = local.stack
    family, person = people[0]
    user = _signed_in(page, local, "warga-dokumen")
    number = _draft(local, user, family, person)
    _upload_all(stack, user, number, family, person)
    assert stack.call("POST", f"/applications/{number}/submit", user).status == 200
    assert stack.wait_for(number, set(FINAL))["status"] in ("APPROVED", "ISSUED")
    stack.wait_idle(number)

    page.goto(f"{local.url}/#/app/{number}")
    section = page.locator("#my-documents")
    expect(section.locator("h2")).to_have_text("Dokumen saya")
    expect(page.locator("#status .badge")).to_have_attribute("data-status", "ISSUED")
    _buttons_named(page, "#my-documents")

    # The receipt: a PDF whose QR code opens this deployment's status page for this number.
    name, pdf = _download(page, "#download-receipt")
    assert name == f"tanda-terima-{number}.pdf" and pdf.startswith(b"%PDF")
    [link] = decode_qr(_png(pdf_page_image(pdf)))
    assert link.endswith(f"?n={number}")
    expect(page.locator("#my-documents-said")).to_have_text("Tanda terima diunduh.")

    # The export: the API's own export of this application, saved as JSON.
    name, exported = _download(page, "#download-export")
    data = json.loads(exported)
    assert name == f"data-saya-{number}.json"
    assert data["registration_number"] == number and data["applicant"]["nik"] == person.nik
    assert data["processing_history"] and "days" in data["retention"]
    expect(page.locator("#export-details")).to_contain_text(data["retention"])
    expect(page.locator("#my-documents-said")).to_have_text("Data Anda diunduh.")

    # The digital ID: the card image on screen, its QR the credential the API signed, and the same as PNG and PDF.
    page.locator("#show-digital-id").click()
    image = page.locator("#digital-id-image")
    expect(image).to_be_visible()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0
    assert "kode QR" in str(image.get_attribute("alt"))
    credential = stack.call("GET", f"/applications/{number}/digital-id", user).json()
    expect(page.locator("#card-status")).to_have_attribute("data-status", credential["card_status"])
    name, png = _download(page, "#download-id-png")
    assert name == f"ktp-digital-{number}.png" and decode_qr(png) == [credential["credential"]]
    name, card_pdf = _download(page, "#download-id-pdf")
    assert name == f"ktp-digital-{number}.pdf" and card_pdf.startswith(b"%PDF")
    _no_wider_than_the_phone(page)
    page.screenshot(path=str(shots / "documents-390-id.png"), full_page=True)

    # The same section in English.
    page.locator("#lang").click()
    expect(page.locator("#my-documents h2")).to_have_text("My documents")
    expect(page.locator("#download-receipt")).to_have_text("Download the receipt (PDF)")
    page.locator("#show-digital-id").click()
    expect(page.locator("#report-lost")).to_have_text("Report the card lost")

    # Reporting the card lost asks first; cancelling changes nothing and gives focus back.
    page.locator("#report-lost").click()
    expect(page.locator("#report-lost-confirm")).to_be_focused()
    expect(page.locator("#report-lost-warning")).to_contain_text("cannot be undone")
    page.locator("#report-lost-cancel").click()
    expect(page.locator("#report-lost")).to_be_focused()
    verify = stack.call("POST", "/verify", body={"credential": credential["credential"]}).json()
    assert verify["valid"] is True

    page.locator("#report-lost").click()
    page.locator("#report-lost-confirm").click()
    done = page.locator("#report-lost-done")
    expect(done).to_contain_text("The card is revoked.")
    expect(done).to_be_focused()
    expect(page.locator("#card-status")).to_have_attribute("data-status", "REVOKED")
    expect(page.locator("#my-documents-said")).to_contain_text("Revoked")
    after = stack.call("POST", "/verify", body={"credential": credential["credential"]}).json()
    assert after["valid"] is False
    _no_wider_than_the_phone(page)
    page.screenshot(path=str(shots / "documents-390-en-revoked.png"), full_page=True)

    # Back in Indonesian after a reload: the revoked card says so, and offers no second report.
    page.locator("#lang").click()
    page.reload()
    page.locator("#show-digital-id").click()
    expect(page.locator("#card-status")).to_have_text("Dicabut")
    expect(page.locator("#report-lost")).to_have_count(0)
    expect(page.locator("#digital-id .alert.warning")).to_contain_text("dicabut")


def test_the_resident_adds_an_optional_document_to_a_draft(
    page: Page, local: Local, people: list[tuple[Any, Any]], tmp_path: Path, shots: Path
) -> None:
    stack = local.stack
    family, person = people[1]
    user = _signed_in(page, local, "warga-opsional")
    number = _draft(local, user, family, person)

    page.goto(f"{local.url}/#/app/{number}")
    picker = page.locator("#optional-type")
    expect(page.locator("label[for=optional-type]")).to_have_text("Jenis dokumen")
    offered = picker.locator("option").evaluate_all("els => els.map(e => e.value)")
    assert "MARRIAGE_CERTIFICATE" in offered and "LIVENESS" not in offered  # the live check has its panel
    assert "AKTA_KELAHIRAN" not in offered  # already required for a new card: listed with the others
    # Before the draft is issued there is no digital ID, only the receipt and the export.
    expect(page.locator("#digital-id-later")).to_be_visible()
    expect(page.locator("#show-digital-id")).to_have_count(0)

    picker.select_option("MARRIAGE_CERTIFICATE")
    page.locator("#add-optional").click()
    card = page.locator("#doc-MARRIAGE_CERTIFICATE")
    expect(card).to_contain_text("opsional")
    expect(card.locator("button.upload")).to_be_focused()  # the next step: choose its file
    expect(page.locator("#live")).to_contain_text("Buku/akta nikah ditambahkan")
    assert "MARRIAGE_CERTIFICATE" not in picker.locator("option").evaluate_all("els => els.map(e => e.value)")
    assert page.locator("#submit").is_disabled()  # an optional document does not make the draft complete

    letter = tmp_path / "akta-nikah.pdf"
    letter.write_bytes(police_report_pdf())  # a scanned letter: paper documents may be PDFs
    choose_file(page, "MARRIAGE_CERTIFICATE", letter)
    checked = (
        "#doc-MARRIAGE_CERTIFICATE[data-status=ACCEPTED], #doc-MARRIAGE_CERTIFICATE[data-status=REJECTED]"
    )
    # The checks' verdict, whichever it is: the OCR reads the whole letter, slow when the suite shares the cores.
    page.wait_for_selector(checked, timeout=120_000)
    detail = stack.call("GET", f"/applications/{number}", user).json()
    added = next(d for d in detail["documents"] if d["document_type"] == "MARRIAGE_CERTIFICATE")
    assert added["required"] is False and added["status"] in ("ACCEPTED", "REJECTED")
    expect(card).to_have_attribute("data-status", added["status"])
    _no_wider_than_the_phone(page)

    page.locator("#lang").click()
    expect(page.locator("#doc-MARRIAGE_CERTIFICATE")).to_contain_text("optional")
    expect(page.locator("label[for=optional-type]")).to_have_text("Document type")
    page.screenshot(path=str(shots / "documents-390-optional-en.png"), full_page=True)


def test_binary_answers_cross_the_local_server_byte_for_byte(local: Local) -> None:
    """The receipt over HTTP is the function's bytes (the server once sent their text form: a broken PDF)."""
    import requests

    from tests.support.applicants import request_data

    user = local.stack.user(f"warga-biner-{uuid.uuid4().hex[:6]}")
    number = local.stack.call("POST", "/applications", user, request_data()).json()["registration_number"]
    direct = local.stack.call("GET", f"/applications/{number}/receipt", user).raw
    served = requests.get(f"{local.url}/api/applications/{number}/receipt", headers=user.headers, timeout=30)
    assert served.status_code == 200 and served.headers["content-type"] == "application/pdf"
    assert served.content == direct and direct.startswith(b"%PDF")
