"""Issue 20 item 5 in the browser, at a phone viewport (390 x 844): a scan of two parts goes up as a resumable
multipart upload; the connection drops on the second part (the browser goes offline, the part's PUT fails);
the client backs off, waits to be online again, sends that part once more and completes; intake reads the
whole file, and the failed attempt used no second slot. localStorage keeps only ids and part numbers."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import jwt
import pytest

from ektp.services.uploads_multipart import PART_BYTES
from local_runtime.demo import application_body, pick_applicants
from local_runtime.stack import User
from tests.browser.conftest import Local
from tests.browser.test_web_client import choose_file, sign_in_resident
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package from PyPI")
pytestmark = pytest.mark.slow
PHONE = {"width": 390, "height": 844}


def _signed_in(page: Page, local: Local) -> User:
    page.set_viewport_size(PHONE)
    sign_in_resident(page, local, f"warga-resume-{uuid.uuid4().hex[:6]}")
    token = page.evaluate("JSON.parse(sessionStorage.getItem('ektp.session')).token")
    claims = jwt.decode(token, options={"verify_signature": False})
    return User(username=claims["cognito:username"], sub=claims["sub"], token=token)


def test_the_network_drops_mid_upload_and_the_upload_resumes_and_completes(
    page: Page, local: Local, tmp_path: Path
) -> None:
    families = generate_families(12, seed=20205)  # this module's own NIKs
    local.stack.seed_registry(registry_people(families))
    family, person = pick_applicants(families, date.today(), 1)[0]
    user = _signed_in(page, local)
    created = local.stack.call("POST", "/applications", user, application_body(family, person))
    assert created.status == 201, created.body
    number = str(created.json()["registration_number"])

    scan = tmp_path / "kk.pdf"
    data = b"%PDF-1.7\n" + bytes(range(256)) * (PART_BYTES // 256 + 4096) + b"\n%%EOF\n"
    scan.write_bytes(data)  # two parts: 5 MiB and the rest
    puts: list[str] = []
    dropped: list[str] = []

    def part(route: Route) -> None:
        puts.append(route.request.url)
        if "partNumber=2" in route.request.url and not dropped:
            dropped.append(route.request.url)
            page.context.set_offline(True)  # the connection drops while part 2 is on its way
            route.abort("internetdisconnected")
            return
        route.continue_()

    page.route("**/*partNumber=*", part)
    page.goto(f"{local.url}/#/app/{number}")
    choose_file(page, "KK", scan)
    page.wait_for_function("() => !!Object.keys(localStorage).find(k => k.startsWith('ektp.upload.'))")
    remembered = page.evaluate(
        "JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.startsWith('ektp.upload.'))))"
    )
    assert set(remembered) == {
        "upload_id",
        "multipart_id",
        "document_type",
        "part_bytes",
        "size",
        "modified",
        "content_type",
        "done",
    }  # ids, sizes and part numbers: no name, no NIK, no file content
    page.wait_for_timeout(1500)  # offline a while: the client waits, it does not give up
    assert dropped and page.evaluate("navigator.onLine") is False
    page.context.set_offline(False)

    page.wait_for_selector("#doc-KK[data-status=ACCEPTED], #doc-KK[data-status=REJECTED]", timeout=120_000)
    detail = local.stack.call("GET", f"/applications/{number}", user).json()
    kk = next(d for d in detail["documents"] if d["document_type"] == "KK")
    assert kk["status"] in ("ACCEPTED", "REJECTED") and kk["size"] == len(data)
    assert sum("partNumber=2" in url for url in puts) >= 2  # part 2 was sent again after the drop
    assert sum("partNumber=1" in url for url in puts) == 1  # part 1 was not sent twice
    s3 = local.stack.client("s3")
    key = f"uploads/{number}/KK/{kk['upload_id']}"
    assert s3.get_object(Bucket=local.stack.upload_bucket, Key=key)["Body"].read() == data
    from ektp.adapters.dynamodb import DynamoApplicationRepository

    record = DynamoApplicationRepository(local.stack.table_name).get(number)
    assert record is not None and record.upload_count == 1  # the dropped attempt used no second slot
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('ektp.upload.'))") == []
    assert json.dumps(remembered).find(person.nik) == -1


def test_a_reload_mid_upload_resumes_with_the_parts_already_sent(
    page: Page, local: Local, tmp_path: Path
) -> None:
    families = generate_families(12, seed=20206)
    local.stack.seed_registry(registry_people(families))
    family, person = pick_applicants(families, date.today(), 1)[0]
    user = _signed_in(page, local)
    created = local.stack.call("POST", "/applications", user, application_body(family, person))
    assert created.status == 201, created.body
    number = str(created.json()["registration_number"])
    scan = tmp_path / "kk.pdf"
    data = b"%PDF-1.7\n" + bytes(range(255, -1, -1)) * (PART_BYTES // 256 + 2048) + b"\n%%EOF\n"
    scan.write_bytes(data)
    puts: list[str] = []

    def hold_part_two(route: Route) -> None:
        puts.append(route.request.url)
        if "partNumber=2" in route.request.url:
            route.abort("connectionreset")  # never gets through before the reload
            return
        route.continue_()

    page.route("**/*partNumber=*", hold_part_two)
    page.goto(f"{local.url}/#/app/{number}")
    choose_file(page, "KK", scan)
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('ektp.upload.')"
        " && JSON.parse(localStorage.getItem(k)).done.includes(1))"
    )
    page.unroute("**/*partNumber=*")
    page.reload()  # the resident reloads and chooses the same file again
    page.route("**/*partNumber=*", lambda route: (puts.append(route.request.url), route.continue_()))
    choose_file(page, "KK", scan)
    page.wait_for_selector("#doc-KK[data-status=ACCEPTED], #doc-KK[data-status=REJECTED]", timeout=120_000)
    assert sum("partNumber=1" in url for url in puts) == 1  # part 1 was not sent again after the reload
    detail = local.stack.call("GET", f"/applications/{number}", user).json()
    kk = next(d for d in detail["documents"] if d["document_type"] == "KK")
    assert kk["size"] == len(data)
    from ektp.adapters.dynamodb import DynamoApplicationRepository

    record = DynamoApplicationRepository(local.stack.table_name).get(number)
    assert record is not None and record.upload_count == 1  # the same slot, resumed
