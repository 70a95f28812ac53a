"""Issue 20 item 3 in a real browser at a phone viewport (390 x 844): an officer registers a resident present at
the office (the resident's form and rules, the channel the resident chose), uploads the scans through the client's
upload module, sees the application in the district's list, submits it; a correction that would move the
domicile out of the district is refused, and the page shows the API's code and the rule in Indonesian."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jwt
import pytest

from local_runtime.demo import application_body, pick_applicants
from local_runtime.stack import User
from tests.browser.conftest import PASSWORD, Local, create_officer, write_documents
from tests.browser.test_web_client import choose_file, fill_form, wait_document
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families

if TYPE_CHECKING:
    from playwright.sync_api import Page

expect = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need the playwright package from PyPI"
).expect

pytestmark = pytest.mark.slow
PHONE_WIDTH, PHONE_HEIGHT = 390, 844
SCANS = ("KK", "AKTA_KELAHIRAN", "PHOTO", "SELFIE")


@pytest.fixture(scope="module")
def resident(local: Local) -> tuple[Any, Any]:
    families = generate_families(30, seed=20203)  # a seed no other test uses: this NIK is this module's
    local.stack.seed_registry(registry_people(families))
    [chosen] = pick_applicants(families, date.today(), 1)
    return chosen


def _officer_signs_in(page: Page, local: Local, username: str) -> None:
    page.set_viewport_size({"width": PHONE_WIDTH, "height": PHONE_HEIGHT})
    page.goto(local.url + "/")
    page.locator("#sign-in").click()
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.locator("#signin").click()
    page.fill("#password", PASSWORD)
    page.fill("#mfa_code", "123456")
    page.locator("#signin").click()
    page.wait_for_selector("#queue, #to-assisted")


def _browser_user(page: Page) -> User:
    """The signed-in officer's own token, for reading the record over the API as the page does."""
    token = page.evaluate("JSON.parse(sessionStorage.getItem('ektp.session')).token")
    claims = jwt.decode(token, options={"verify_signature": False})
    return User(username=claims["cognito:username"], sub=claims["sub"], token=token)


def _no_wider_than_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def _another_district(page: Page, current: str) -> str:
    """A district of the same regency other than the resident's, from the picker's own options."""
    values = page.locator("#district_code option").evaluate_all("os => os.map(o => o.value)")
    return next(v for v in values if v and v != current)


def test_an_officer_registers_a_resident_with_scans_and_a_move_out_of_the_district_is_refused(
    page: Page, local: Local, resident: tuple[Any, Any], shots: Path, tmp_path: Path
) -> None:
    family, person = resident
    applicant = application_body(family, person)["applicant"]
    create_officer(local, "petugas-bantu", family.district_code)
    _officer_signs_in(page, local, "petugas-bantu")
    page.locator("#to-assisted").click()
    page.wait_for_selector("#assisted-form")
    expect(page.locator("h1")).to_have_text("Pendaftaran dibantu petugas")

    # The resident's form rules answer first (validate.js): a short NIK never reaches the API.
    page.wait_for_selector("#province_code option[value]:not([value=''])", state="attached")
    fill_form(page, {**applicant, "nik": "3171"})
    page.locator("#assisted-register").click()
    expect(page.locator("#nik-error")).to_contain_text("NIK harus 16 digit angka.")

    # In English and back: what was typed stays (the draft), the labels and the rule's words follow.
    page.locator("#lang").click()
    expect(page.locator("label[for=full_name]")).to_contain_text("Full name")
    expect(page.locator("#nik")).to_have_value("3171")
    expect(page.locator("#channel_sms")).to_be_checked()
    expect(page.locator("#village_code")).to_have_value(applicant["village_code"])
    page.locator("#assisted-register").click()
    expect(page.locator("#nik-error")).to_contain_text("NIK")
    assert "harus" not in page.locator("#nik-error").inner_text()
    page.locator("#lang").click()
    expect(page.locator("label[for=full_name]")).not_to_contain_text("Full name")
    expect(page.locator("#village_code")).to_have_value(applicant["village_code"])

    # No e-mail and no channel ticked: refused on the page with the catalogue's words, before the API.
    page.fill("#nik", applicant["nik"])
    page.uncheck("#channel_sms")
    page.locator("#assisted-register").click()
    expect(page.locator("#channels-error")).to_contain_text("Pilih setidaknya satu cara pemberitahuan")

    page.check("#channel_sms")
    page.locator("#assisted-register").click()
    page.wait_for_selector("#documents")
    number = page.url.rsplit("/", 1)[-1]
    expect(page.locator("#status .badge")).to_have_attribute("data-status", "DRAFT")
    expect(page.locator("#entered-by")).to_contain_text("dicatat oleh")

    # The scans, through the client's upload module (multipart on the officer's routes), each checked.
    files = write_documents(tmp_path, family, person, "obama", "obama2")
    for doc_type in SCANS:
        choose_file(page, doc_type, files[doc_type])
        wait_document(page, doc_type, "ACCEPTED")
    _no_wider_than_the_phone(page)
    page.screenshot(path=str(shots / "assisted-390-scans.png"), full_page=True)

    # A correction that moves the domicile to another district: the API refuses it; the page says the code and
    # the rule, under the field it names.
    page.wait_for_selector(f"#district_code option[value='{family.district_code}']", state="attached")
    other = _another_district(page, family.district_code)
    page.select_option("#district_code", other)
    page.wait_for_selector("#village_code option[value]:not([value=''])", state="attached")
    village = page.locator("#village_code option").evaluate_all("os => os.map(o => o.value).filter(Boolean)")[
        0
    ]
    page.select_option("#village_code", village)
    page.locator("#assisted-save").click()
    refusal = page.locator("#correct-summary [data-code=FORBIDDEN]")
    expect(refusal).to_be_visible()
    expect(refusal.locator(".error-code")).to_have_text(
        "Kode: FORBIDDEN · ASSISTED_DOMICILE_OUTSIDE_DISTRICT"
    )
    expect(page.locator("#district_code-error")).to_contain_text("Domisili penduduk di luar kecamatan Anda")
    page.screenshot(path=str(shots / "assisted-390-refused.png"), full_page=True)
    officer = _browser_user(page)
    case = local.stack.call("GET", f"/assisted/applications/{number}", officer).json()
    assert case["applicant"]["district_code"] == family.district_code  # nothing moved
    assert case["entered_by"] == officer.sub and case["channel"] == "ASSISTED"

    # Submitted, then in the district's list with its status and who entered it.
    page.locator("#assisted-submit").click()
    expect(page.locator("#status .badge")).not_to_have_attribute("data-status", "DRAFT")
    page.locator("#to-assisted-list").click()
    row = page.locator(f"#assisted-list [data-number='{number}']")
    expect(row).to_be_visible()
    expect(row).to_contain_text(person.name)
    assert row.get_attribute("data-status") != "DRAFT"
    expect(row).to_contain_text("dicatat oleh")
    _no_wider_than_the_phone(page)
    page.screenshot(path=str(shots / "assisted-390-list.png"), full_page=True)
