"""The local server's own routes (web client files, region pickers, reason catalogue): no browser needed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest
import requests
from werkzeug.test import Client

from local_runtime.serve import WEB_ROOT, Samples, _static, make_app
from local_runtime.stack import LocalStack
from tests.browser.conftest import Local
from tools.web_data import reason_catalogue, region_children


class _NoStack:
    """Stands in for the stack: the routes under test must answer without touching AWS."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the route reached the stack ({name})")


@pytest.fixture
def client() -> Client:
    return Client(make_app(cast(LocalStack, _NoStack())))


def test_the_web_client_is_served_at_the_root(client: Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "Content-Security-Policy" in html and '<script type="module" src="js/main.js">' in html
    # Module scripts and the modules they import, as JavaScript (browsers refuse a module of another type).
    for module in ("/js/main.js", "/js/views/resident.js", "/js/domain-data.js"):
        script = client.get(module)
        assert script.status_code == 200 and script.mimetype == "text/javascript", module
        assert script.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/../pyproject.toml",
        "/.gitignore",
        "/web/js/main.js",
        "/nothing.js",
        "/js/../index.html",
        "/js/views/../../../pyproject.toml",
        "/js/.hidden.js",
        "/js//main.js",
        "/js/",
    ],
)
def test_nothing_outside_the_web_folder_is_served(path: str) -> None:
    assert _static(WEB_ROOT, path) is None


def test_static_files_never_shadow_the_api(tmp_path: Path) -> None:
    (tmp_path / "applications").write_text("not the API")
    assert _static(tmp_path, "/applications") is not None  # a file named like a route would win...
    assert (
        not (WEB_ROOT / "applications").exists() and not (WEB_ROOT / "review").exists()
    )  # ...so none exists


def test_region_pickers_walk_from_province_to_village(client: Client) -> None:
    provinces = json.loads(client.get("/data/regions/index.json").get_data())
    assert len(provinces) == 38 and {"code": "31", "name": "Daerah Khusus Ibukota Jakarta"} in provinces
    regencies = json.loads(client.get("/data/regions/31.json").get_data())
    assert regencies and all(r["code"].startswith("31.") for r in regencies)
    assert json.loads(client.get("/data/regions/31.71.01.json").get_data()) == region_children("31.71.01")
    assert client.get("/data/regions/99.99.json").status_code == 404
    villages = region_children("31.71.01")
    assert {"code": "31.71.01.1001", "name": "Gambir", "postal_codes": ["10110"]} in villages
    assert all(len(v["code"]) == 13 and all(len(p) == 5 for p in v["postal_codes"]) for v in villages)
    assert region_children("99.99") == [] and region_children("not-a-code") == []


def test_reason_catalogue_has_both_languages(client: Client) -> None:
    catalogue = json.loads(client.get("/data/reasons.json").get_data())
    assert catalogue == reason_catalogue()
    assert catalogue["NIK_FORMAT"] == {
        "id": "NIK harus 16 digit angka.",
        "en": "The NIK must be exactly 16 digits.",
    }


def test_sample_applicant_needs_a_seeded_registry(client: Client) -> None:
    assert client.get("/local/sample-applicant").status_code == 404
    assert Samples().get(3) is None


def test_samples_are_adult_unmarried_residents_and_cycle() -> None:
    from tools.synthetic.residents import generate_families

    samples = Samples(generate_families(20, seed=11))
    first = samples.get(0)
    assert first is not None and len(first["nik"]) == 16 and first["marital_status"] == "BELUM KAWIN"
    assert first["village_code"].startswith(first["district_code"])
    count = sum(1 for i in range(1000) if samples.get(i) == first)
    assert count >= 1 and samples.get(10_000) is not None


def test_preflight_and_cors_headers(client: Client) -> None:
    response = client.options("/applications")
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "idempotency-key" in response.headers["access-control-allow-headers"]


def test_signing_in_twice_gives_a_fresh_token_for_the_same_user(local: Local) -> None:
    # No JSON content type on purpose: the README's curl example sends none.
    first = requests.post(f"{local.url}/local/users", data='{"username": "dua-kali"}', timeout=30)
    second = requests.post(f"{local.url}/local/users", data='{"username": "dua-kali"}', timeout=30)
    assert first.status_code == second.status_code == 201, second.text
    assert first.json()["username"] == "dua-kali" and first.json()["sub"] == second.json()["sub"]
    for token in (first.json()["id_token"], second.json()["id_token"]):
        mine = requests.get(
            f"{local.url}/api/applications", headers={"authorization": f"Bearer {token}"}, timeout=30
        )
        assert mine.status_code == 200 and mine.json() == []


def test_unknown_groups_are_refused(local: Local) -> None:
    response = requests.post(
        f"{local.url}/local/users", json={"username": "x", "groups": ["admins"]}, timeout=30
    )
    assert response.status_code == 400
