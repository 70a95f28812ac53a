"""Help requests in the web client at a phone viewport (390 x 844), issue 20 item 7: a resident asks the helpdesk
of their district on the "Bantuan" page, a helpdesk officer of that district finds it in the queue and answers,
the resident reads the answer, replies and closes it; a helpdesk officer of another district never sees it."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ektp.domain.staff import district_group
from tests.browser.conftest import PASSWORD, Local
from tests.browser.test_web_client import sign_in_resident
from tests.support.applicants import request_data

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

expect = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need the playwright package from PyPI"
).expect

pytestmark = pytest.mark.slow

DISTRICT, OTHER_DISTRICT = "31.71.01", "32.04.01"
QUESTION = "Dokumen KK saya ditolak karena buram, apakah boleh unggah foto ulang?"
ANSWER = "Boleh. Foto ulang KK di tempat terang, seluruh halaman terlihat, lalu unggah lagi."


@pytest.fixture
def phones(browser: Browser) -> Iterator[Callable[[], Page]]:
    """New phone-sized tabs, each in its own context (its own session), checked for page errors."""
    contexts = []
    errors: list[str] = []

    def open_phone() -> Page:
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
        context.set_default_timeout(30_000)
        contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        return tab

    yield open_phone
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def create_helpdesk(local: Local, username: str, district: str) -> None:
    """What an administrator does for a helpdesk officer: the account, the helpdesk and district groups, MFA."""
    idp = local.stack.client("cognito-idp")
    pool = local.stack.resources.user_pool_id
    idp.admin_create_user(
        UserPoolId=pool,
        Username=username,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "phone_number", "Value": "+6281200000001"},
            {"Name": "phone_number_verified", "Value": "true"},
        ],
    )
    idp.admin_set_user_password(UserPoolId=pool, Username=username, Password=PASSWORD, Permanent=True)
    for group in ("helpdesk", district_group(district)):
        with contextlib.suppress(idp.exceptions.GroupExistsException):
            idp.create_group(UserPoolId=pool, GroupName=group)
        idp.admin_add_user_to_group(UserPoolId=pool, Username=username, GroupName=group)
    idp.admin_set_user_mfa_preference(
        UserPoolId=pool, Username=username, SMSMfaSettings={"Enabled": True, "PreferredMfa": True}
    )


def sign_in_helpdesk(page: Page, local: Local, username: str) -> None:
    page.goto(local.url + "/")
    page.locator("#sign-in").click()
    page.wait_for_selector("#login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.fill("#mfa_code", "123456")  # staff: the second factor
    page.locator("#signin").click()
    page.wait_for_selector("#help-queue")


def fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_resident_asks_the_district_helpdesk_answers_another_district_never_sees_it(
    phones: Callable[[], Page], local: Local, shots: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    desk_name, other_name = f"helpdesk-{tag}", f"helpdesk9-{tag}"
    create_helpdesk(local, desk_name, DISTRICT)
    create_helpdesk(local, other_name, OTHER_DISTRICT)

    # The resident opens a request (no application yet: about their district).
    resident = phones()
    sign_in_resident(resident, local, f"warga-bantuan-{tag}")
    resident.locator("#help-link").click()
    resident.wait_for_selector("#help-open")
    expect(resident.locator("h1")).to_be_focused()
    resident.locator("#help-open button[type=submit]").click()  # empty: refused in the form, focus on it
    expect(resident.locator("#help-message")).to_be_focused()
    expect(resident.locator("#help-message-error")).not_to_be_empty()
    resident.select_option("#help-topic", "DOCUMENTS")
    resident.fill("#help-district", DISTRICT)
    resident.fill("#help-message", QUESTION)
    resident.locator("#help-open button[type=submit]").click()
    resident.wait_for_selector("#help-thread")
    request_id = resident.evaluate("location.hash").rsplit("/", 1)[-1]
    assert request_id
    expect(resident.locator("#help-facts [data-state]")).to_have_attribute("data-state", "OPEN")
    expect(resident.locator("#help-facts")).to_contain_text("Batas jawaban")
    expect(resident.locator("#help-thread")).to_contain_text(QUESTION)
    fits_the_phone(resident)
    resident.screenshot(path=str(shots / "help-resident-open-390.png"), full_page=True)
    resident.locator("a[href='#/help']").first.click()
    expect(resident.locator(f"#help-mine [data-request='{request_id}'] [data-state]")).to_have_attribute(
        "data-state", "OPEN"
    )

    # A helpdesk officer of another district: not in the queue, and not by its address either.
    other = phones()
    sign_in_helpdesk(other, local, other_name)
    expect(other.locator("h1")).to_contain_text(OTHER_DISTRICT)
    assert request_id not in other.locator("main").inner_text()
    expect(other.locator(f"[data-request='{request_id}']")).to_have_count(0)
    other.goto(f"{local.url}/#/helpdesk/{request_id}")
    expect(other.locator("main [role=alert]")).to_be_visible()
    assert QUESTION not in other.locator("main").inner_text()

    # The district's helpdesk: the queue, the request, the answer.
    desk = phones()
    sign_in_helpdesk(desk, local, desk_name)
    expect(desk.locator("h1")).to_contain_text(DISTRICT)
    fits_the_phone(desk)
    desk.screenshot(path=str(shots / "help-desk-queue-390.png"), full_page=True)
    desk.locator(f"#help-queue [data-request='{request_id}'] a").click()
    desk.wait_for_selector("#help-answer")
    expect(desk.locator("#help-thread")).to_contain_text(QUESTION)
    desk.fill("#help-answer-message", ANSWER)
    desk.locator("#help-answer button[type=submit]").click()
    expect(desk.locator("#help-facts [data-state]")).to_have_attribute("data-state", "ANSWERED")
    expect(desk.locator("#help-facts")).to_be_focused()
    expect(desk.locator("#live")).to_have_text("Jawaban terkirim.")
    desk.goto(f"{local.url}/#/helpdesk")
    desk.wait_for_selector("#help-queue")
    expect(desk.locator(f"[data-request='{request_id}']")).to_have_count(0)  # answered: off the open queue
    desk.select_option("#help-state", "ANSWERED")
    expect(desk.locator(f"#help-queue [data-request='{request_id}'] [data-state]")).to_have_attribute(
        "data-state", "ANSWERED"
    )
    expect(desk.locator("#help-state")).to_be_focused()

    # The resident reads the answer, writes again (back to the helpdesk), then closes it.
    resident.goto(f"{local.url}/#/help/{request_id}")
    expect(resident.locator("#help-facts [data-state]")).to_have_attribute("data-state", "ANSWERED")
    expect(resident.locator("#help-thread [data-author=helpdesk]")).to_contain_text(ANSWER)
    fits_the_phone(resident)
    resident.screenshot(path=str(shots / "help-resident-answer-390.png"), full_page=True)
    resident.fill("#help-reply-message", "Terima kasih, sudah saya unggah ulang.")
    resident.locator("#help-reply button[type=submit]").click()
    expect(resident.locator("#help-facts [data-state]")).to_have_attribute("data-state", "OPEN")
    expect(resident.locator("#help-thread [data-author=resident]")).to_have_count(2)
    # The reply's reload ends by focusing the status line: clicking before it ends can hit the page it replaces
    # (a lost click: the request stayed OPEN once on a loaded machine).
    expect(resident.locator("#help-facts")).to_be_focused()
    resident.locator("#help-close").click()
    expect(resident.locator("#help-facts [data-state]")).to_have_attribute("data-state", "CLOSED")
    expect(resident.locator("#help-reply")).to_have_count(0)

    # In English too.
    resident.locator("#lang").click()
    expect(resident.locator("#help-facts [data-state]")).to_have_text("Closed")
    expect(resident.locator("#help-link")).to_have_text("Help")


def test_a_question_about_my_application_goes_to_its_district(
    phones: Callable[[], Page], local: Local
) -> None:
    import requests

    tag = uuid.uuid4().hex[:6]
    resident = phones()
    sign_in_resident(resident, local, f"warga-bantuan2-{tag}")
    token = resident.evaluate("JSON.parse(sessionStorage.getItem('ektp.session')).token")
    created = requests.post(
        f"{local.url}/api/applications",
        json=request_data(),  # an applicant of 31.71.01
        headers={"authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert created.status_code == 201, created.text
    number = created.json()["registration_number"]

    resident.goto(f"{local.url}/#/help")
    resident.wait_for_selector("#help-open")
    expect(resident.locator("#help-about")).to_have_value(number)  # my application, chosen for me
    expect(resident.locator("#field-help-district")).to_be_hidden()  # its district answers
    resident.fill("#help-message", "Kapan saya bisa rekam biometrik?")
    resident.locator("#help-open button[type=submit]").click()
    resident.wait_for_selector("#help-thread")
    expect(resident.locator("main")).to_contain_text(number)
    request_id = resident.evaluate("location.hash").rsplit("/", 1)[-1]

    create_helpdesk(local, f"helpdesk2-{tag}", DISTRICT)
    desk = phones()
    sign_in_helpdesk(desk, local, f"helpdesk2-{tag}")
    expect(desk.locator(f"#help-queue [data-request='{request_id}']")).to_contain_text(number)
    desk.locator(f"#help-queue [data-request='{request_id}'] a").click()
    desk.locator("#help-close").click()  # the desk may close it too
    expect(desk.locator("#help-facts [data-state]")).to_have_attribute("data-state", "CLOSED")
    expect(desk.locator("#help-answer")).to_have_count(0)


def test_the_queue_puts_overdue_requests_first_then_the_longest_waiting(
    phones: Callable[[], Page], local: Local
) -> None:
    tab = phones()
    tab.goto(local.url + "/")
    order = tab.evaluate(
        """async () => {
          const { queueOrder } = await import("/js/views/help.js");
          const r = (id, opened_at, overdue) => ({ request_id: id, opened_at, overdue });
          return queueOrder([
            r("NEW", "2026-12-03T09:00:00+00:00", false),
            r("LATE-NEWER", "2026-11-20T09:00:00+00:00", true),
            r("OLD", "2026-12-01T09:00:00+00:00", false),
            r("LATE-OLDER", "2026-11-10T09:00:00+00:00", true),
          ]).map((x) => x.request_id);
        }"""
    )
    assert order == ["LATE-OLDER", "LATE-NEWER", "OLD", "NEW"]
