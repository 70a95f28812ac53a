"""The web client's static data, as `cdk deploy` publishes it next to the client."""

from __future__ import annotations

import json
from pathlib import Path

from ektp.domain.reasons import CATALOGUE
from tools.web_data import ensure_web_data, region_children, write_web_data


def test_every_picker_level_has_its_file_and_villages_carry_postal_codes(tmp_path: Path) -> None:
    written = write_web_data(tmp_path)
    regions = tmp_path / "data" / "regions"
    files = list(regions.glob("*.json"))
    assert written == len(files) + 1  # and the reason catalogue
    provinces = json.loads((regions / "index.json").read_text())
    assert len(provinces) == 38
    # Every province, regency and district has the file the picker asks for; villages have none.
    for province in provinces:
        regencies = json.loads((regions / f"{province['code']}.json").read_text())
        assert regencies and all(r["code"].startswith(province["code"] + ".") for r in regencies)
        for regency in regencies:
            assert (regions / f"{regency['code']}.json").is_file()
    villages = json.loads((regions / "31.71.01.json").read_text())
    assert villages == region_children("31.71.01")
    assert {"code": "31.71.01.1001", "name": "Gambir", "postal_codes": ["10110"]} in villages
    assert not list(regions.glob("??.??.??.????.json"))
    catalogue = json.loads((tmp_path / "data" / "reasons.json").read_text())
    assert set(catalogue) == set(CATALOGUE) and all(m["id"] and m["en"] for m in catalogue.values())


def test_the_files_are_made_again_only_when_the_release_changes(tmp_path: Path) -> None:
    target = ensure_web_data(tmp_path / "web-data")
    index = target / "data" / "regions" / "index.json"
    index.write_text("[]")  # a stray edit survives only while the stamp matches the release
    assert ensure_web_data(target) == target and index.read_text() == "[]"
    (target / ".stamp").write_text("another release")
    ensure_web_data(target)
    assert len(json.loads(index.read_text())) == 38
