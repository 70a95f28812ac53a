"""Browser tests of the reference web client (web/): Debian's Chromium driven by the Python playwright package.

The whole local stack (moto, the synthesized resources, the real handlers) runs in this process; the web
client and the API are served by local_runtime.serve on a free port; uploads go from the browser straight to
moto's S3 through the presigned POSTs. Screenshots of each page land in .cache/screenshots/ (git-ignored).
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from local_runtime.serve import Samples, Server, seed
from local_runtime.stack import LocalStack
from tests.support.stack import local_stack  # noqa: F401  (the shared local stack these tests drive)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Debian's package (never `playwright install`: it downloads a browser). EKTP_CHROMIUM points elsewhere.
CHROMIUM = Path(os.environ.get("EKTP_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots"
SEED_FAMILIES = 150  # ~500 registry records: enough applicants, under a second to load
# Flags from the field notes: without the background-networking ones Chromium keeps dialling out of a
# closed network; a fresh profile each run keeps tests independent.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # The live face check opens the camera: Chromium's synthetic camera, allowed without a prompt.
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests need the playwright package from PyPI (never `playwright install`)"
    return None


@dataclass
class Local:
    stack: LocalStack
    url: str
    samples: Samples
    families: list[Any]


@pytest.fixture(scope="session")
def local(stack: LocalStack) -> Iterator[Local]:
    """The (shared) local stack with a seeded registry, and the web client + API on a free port."""
    from tools.synthetic.residents import generate_families

    _, samples = seed(stack, SEED_FAMILIES)
    # The same generator and seed as the registry: the families the tests apply for are on record.
    families = generate_families(SEED_FAMILIES, seed=2026)
    with Server(stack, samples=samples) as server:
        yield Local(stack=stack, url=server.url, samples=samples, families=families)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, local: Local) -> Iterator[Page]:
    # A phone-sized viewport: the client is mobile-first.
    context = browser.new_context(viewport={"width": 412, "height": 915}, locale="id-ID")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture(scope="session")
def shots() -> Path:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def pick_applicant(families: list[Any], skip: int = 0) -> tuple[Any, Any]:
    """The `skip`-th family with a first-card applicant: 17 to 30, unmarried."""
    today = date.today()
    found = 0
    for family in families:
        for person in family.members:
            if 17 <= person.age_on(today) <= 30 and person.marital_status == "BELUM KAWIN":
                if found == skip:
                    return family, person
                found += 1
                break
    raise RuntimeError("no suitable applicant in the synthetic families")


def _png(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def write_documents(
    folder: Path, family: Any, person: Any, face: str = "obama", selfie: str = "obama2"
) -> dict[str, Path]:
    """Real files for the upload inputs: rendered KK and akta, ID photos and a selfie from public test photos.

    Each test applies with its own face: the duplicate check compares every new face with those on record.
    """
    from tests.support import photo_defects as photos
    from tools.docgen.render import render_akta, render_kk

    colour = "red" if person.birth_date.year % 2 else "blue"  # odd birth year red, even blue
    wrong = "blue" if colour == "red" else "red"
    files = {
        "KK": ("kk.png", _png(render_kk(family).image)),
        "AKTA_KELAHIRAN": ("akta.png", _png(render_akta(family, person).image)),
        "PHOTO_BAD": ("foto-buram.jpg", photos.jpeg(photos.blurred(photos.good_id_photo(face, wrong)))),
        "PHOTO": ("foto.jpg", photos.jpeg(photos.good_id_photo(face, colour))),
        "SELFIE": ("swafoto.jpg", photos.jpeg(photos.good_selfie(selfie))),
    }
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for key, (name, data) in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[key] = path
    return paths


PASSWORD = "Rahasia-Lokal-2026!"  # the local accounts' password (the stand-in checks it; moto keeps it)
FINAL = ("APPROVED", "REJECTED", "IN_REVIEW", "PROCESSING_ERROR", "ISSUED")


def create_officer(local: Local, username: str, district: str) -> None:
    """What an administrator does (the account, the officers and district groups, MFA on record)."""
    import requests

    response = requests.post(
        f"{local.url}/local/admin/officers",
        json={"username": username, "password": PASSWORD, "district": district},
        timeout=30,
    )
    assert response.status_code == 201, response.text


def review_case(local: Local, tmp_path: Path) -> tuple[str, str]:
    """An application whose resident is not on record: the chain hands it to an officer (REGISTRY_NOT_FOUND)."""
    from local_runtime.demo import application_body
    from tools.synthetic.residents import generate_families

    stranger_families = generate_families(5, seed=7)  # another seed: none of them is in the registry
    family, person = pick_applicant(stranger_families)
    resident = local.stack.user("warga-review")
    created = local.stack.call("POST", "/applications", resident, application_body(family, person))
    assert created.status == 201, created.body
    app_id = created.json()["registration_number"]
    for doc_type, path in write_documents(tmp_path, family, person, "biden", "biden").items():
        if doc_type == "PHOTO_BAD":
            continue
        content_type = "image/png" if path.suffix == ".png" else "image/jpeg"
        ticket = local.stack.call(
            "POST", f"/applications/{app_id}/documents/{doc_type}", resident, {"content_type": content_type}
        )
        assert ticket.status == 201, ticket.body
        assert local.stack.upload(ticket.json(), path.read_bytes()).status_code in (200, 204)
    assert local.stack.call("POST", f"/applications/{app_id}/submit", resident).status == 200
    assert local.stack.wait_for(app_id, set(FINAL))["status"] == "IN_REVIEW"
    return app_id, family.district_code


def _empty_gallery(local: Local) -> None:
    local.stack.client("dynamodb").delete_item(
        TableName=local.stack.registry_table, Key={"PK": {"S": "GALLERY#MANIFEST"}}
    )


@pytest.fixture
def settled_gallery(local: Local) -> Iterator[None]:
    """An empty face gallery for a test that enrols, or must not meet, the shared test face the other browser
    tests apply with; emptied only once no chain of the shared stack is between steps
    (LocalStack.wait_settled), before the test and after it. A test that waited for APPROVED ends before its
    chain enrols that face: enrolled after the gallery was emptied, it made the next application's 1:N search
    find it under another NIK (FACE_DUPLICATE: IN_REVIEW instead of the expected outcome)."""
    local.stack.wait_settled()
    _empty_gallery(local)
    yield
    local.stack.wait_settled()  # this test's own chain may still be enrolling (APPROVED, then the card)
    _empty_gallery(local)
