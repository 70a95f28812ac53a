"""Issue 20 item 4 in a real browser at a phone's viewport (390 x 844): an officer of the district opens the field
visits from the review queue, sees whom to ask for and where (no NIK), is told a CONFIRMED answer needs a photo,
then records it with a note and a photo from the phone; the chain goes on to a decision."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image

from ektp.domain.names import validate_name
from ektp.domain.region import regions
from tests.browser.conftest import FINAL, PASSWORD, Local, create_officer, pick_applicant
from tests.browser.test_officer_candidates import apply
from tools.synthetic.registry import registry_people

if TYPE_CHECKING:
    from playwright.sync_api import Page

expect = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need the playwright package from PyPI"
).expect

pytestmark = pytest.mark.slow
WAITING = "AWAITING_FIELD_VERIFICATION"
# What the page shows after a server round trip (the list, a refusal, the save: a photo upload and an API call)
# gets the context's action timeout (conftest, 30 s), not expect's 5 s: under load a save took just over 5 s.
ROUND_TRIP_MS = 30_000


def _skip(local: Local) -> int:
    """An applicant no other browser test applies with, whose names (theirs, their parents') raise
    nothing: a single-word name is an officer's question before anything else."""

    def plain(n: int) -> bool:
        person = pick_applicant(local.families, skip=n)[1]
        names = (person.name, person.father_name, person.mother_name)
        return not any(validate_name(name) for name in names if name)

    return next(n for n in range(21, 120) if plain(n))


def _registry_names_another_village(local: Local, skip: int) -> None:
    """The applicant's registry record names another village of the district: a doubt a visit settles."""
    family, person = pick_applicant(local.families, skip=skip)
    (record,) = [p for p in registry_people([family]) if p.nik == person.nik]
    district = record.village_code.rsplit(".", 1)[0]
    other = next(code for code, _ in regions().children(district) if code != record.village_code)
    local.stack.seed_registry([record.model_copy(update={"village_code": other})])


def _story(local: Local, app_id: str) -> str:
    """Each stage's outcome and reason codes and the timeline's kinds (codes only, no personal data): an
    assertion message that says why the chain went elsewhere."""
    from ektp.adapters.dynamodb import DynamoApplicationRepository

    view = DynamoApplicationRepository(local.stack.table_name).view(app_id)
    if view is None:
        return "no application"
    stages = [f"{s.stage}={s.outcome}:{','.join(r.code for r in s.reasons)}" for s in view.stages]
    events = [f"{e.kind}:{e.status}:{e.detail or ''}:{','.join(e.reasons)}" for e in view.events]
    return "; ".join([*stages, *events])


def _sign_in(page: Page, local: Local, username: str) -> None:
    page.goto(local.url + "/")
    page.locator("#sign-in").click()
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.locator("#signin").click()
    page.fill("#password", PASSWORD)
    page.fill("#mfa_code", "123456")
    page.locator("#signin").click()
    page.wait_for_selector("#queue, #to-field-visits")


def test_an_officer_records_a_confirmed_visit_on_a_phone(
    page: Page, local: Local, settled_gallery: None, shots: Path, tmp_path: Path
) -> None:
    skip = _skip(local)
    _registry_names_another_village(local, skip)
    app_id, district, nik = apply(local, tmp_path, skip=skip)
    reached = local.stack.wait_for(app_id, {WAITING, *FINAL}, 180)["status"]
    assert reached == WAITING, _story(local, app_id)
    photo = tmp_path / "rumah.jpg"
    buffer = io.BytesIO()
    Image.effect_noise((640, 480), 40).convert("RGB").save(buffer, format="JPEG")
    photo.write_bytes(buffer.getvalue())

    create_officer(local, "petugas-lapangan", district)
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, local, "petugas-lapangan")
    page.locator("#to-field-visits").click()
    card = page.locator(f"#visits li[data-number='{app_id}']")
    expect(card).to_be_visible(timeout=ROUND_TRIP_MS)
    expect(card.locator("address")).to_contain_text("RT")
    assert nik not in page.locator("main").inner_text()
    # Nothing spills sideways at a phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    card.locator("#visit-CONFIRMED").check()
    card.locator("#visit-note").fill("Rumah ditemukan; pemohon ada dan dikenal ketua RT.")
    card.locator("#visit-save").click()
    # The refusal's words (FIELD_VISIT_PHOTO_REQUIRED).
    expect(card.locator("[role=alert]")).to_contain_text("memerlukan foto", timeout=ROUND_TRIP_MS)
    card.locator("#visit-photo").set_input_files(str(photo))
    card.locator("#visit-save").click()
    expect(card.locator("#visit-done")).to_be_visible(timeout=ROUND_TRIP_MS)
    page.screenshot(path=shots / "20-field-visit-recorded.png", full_page=True)

    decided = local.stack.wait_for(app_id, set(FINAL), 180)
    assert decided["status"] in ("APPROVED", "ISSUED"), decided
    local.stack.wait_idle(app_id)
