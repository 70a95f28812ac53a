"""The public status page at a phone viewport (390 x 844), opened from the receipt's QR link (issue 20 item 6):
no account, the number filled in from ?n=, the date of birth asked for, the status and the next step shown, and a
wrong date of birth answered like an unknown number."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from ektp.domain.status import NEXT_ACTION, ApplicationStatus
from ektp.issuance.render import decode_qr, pdf_page_image
from tests.browser.conftest import Local
from tests.support.applicants import request_data

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

expect = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need the playwright package from PyPI"
).expect

BORN = "1999-07-21"


@pytest.fixture
def phone(browser: Browser, local: Local) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def _receipt_link(local: Local) -> tuple[str, str]:
    """Register an application over the API and read the QR of its receipt: (number, the link it encodes)."""
    stack = local.stack
    user = stack.user(f"resident-{uuid.uuid4().hex[:8]}")
    data = request_data()
    data["applicant"]["birth_date"] = BORN
    created = stack.call("POST", "/applications", user, data)
    assert created.status == 201, created.body
    number = str(created.json()["registration_number"])
    buffer = io.BytesIO()
    pdf_page_image(stack.call("GET", f"/applications/{number}/receipt", user).raw).save(buffer, "PNG")
    [link] = decode_qr(buffer.getvalue())
    return number, link


def test_the_receipt_link_opens_the_status_page_without_an_account(
    phone: Page, local: Local, shots: Path
) -> None:
    number, link = _receipt_link(local)
    # The link names the configured status page; here the same page is served by the local server.
    phone.goto(f"{local.url}/?{urlsplit(link).query}")
    expect(phone.locator("#status-number")).to_have_value(number)
    expect(phone.locator("#sign-in")).to_have_count(0)

    phone.fill("#status-birth-date", "1999-07-22")  # one day off: the same answer as an unknown number
    phone.click("#public-status button[type=submit]")
    expect(phone.locator("#status-result [role=alert]")).to_contain_text("tidak ditemukan")
    expect(phone.locator("#public-status-answer")).to_have_count(0)

    phone.fill("#status-birth-date", BORN)
    phone.click("#public-status button[type=submit]")
    expect(phone.locator("#public-status-answer [data-status]")).to_have_attribute("data-status", "DRAFT")
    expect(phone.locator("#public-status-next")).to_have_text(NEXT_ACTION[ApplicationStatus.DRAFT][0])
    text = phone.locator("main").inner_text()
    assert "Tanggal lahir" in text and BORN not in text.replace(phone.input_value("#status-birth-date"), "")
    # Nothing wider than the phone's screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(shots / "public-status-390.png"), full_page=True)

    phone.click("#lang")
    expect(phone.locator("#public-status-next")).to_have_count(0)  # a re-render asks again, in English
    expect(phone.locator("h1")).to_have_text("Check an application's status")
