"""Region index: counts, lookups, hierarchy checks, archived districts, on the committed data copy."""

from __future__ import annotations

import random

import pytest

from ektp.domain.region import (
    DATA_DIR,
    RegionIndex,
    code_level,
    district_to_nik_prefix,
    nik_prefix_to_district,
    parse_code,
    regions,
)


@pytest.fixture(scope="module")
def idx() -> RegionIndex:
    return regions()


def test_data_is_the_projects_own_copy() -> None:
    assert DATA_DIR.parent.name == "ektp"
    for name in (
        "regions_2025.tsv.gz",
        "villages_2025.tsv.gz",
        "archived_districts.tsv.gz",
        "PROVENANCE.md",
        "LICENSE-wilayah",
        "LICENSE-wilayah_kodepos",
    ):
        assert (DATA_DIR / name).is_file(), name


def test_counts_match_the_2025_edition(idx: RegionIndex) -> None:
    assert len(idx.codes("province")) == 38
    assert len(idx.codes("regency")) == 514
    assert len(idx.codes("district")) == 7285
    assert len(idx.codes("village")) == 83762


def test_lookup_and_chain(idx: RegionIndex) -> None:
    assert idx.name("31.71.01") == "Gambir"
    assert idx.level("31.71.01.1001") == "village"
    assert idx.parent("31.71.01.1001") == "31.71.01"
    assert idx.parent("31") is None
    assert idx.chain("3171011001") == {
        "province": "Daerah Khusus Ibukota Jakarta",
        "regency": "Kota Administrasi Jakarta Pusat",
        "district": "Gambir",
        "village": "Gambir",
    }
    assert idx.postal_codes("31.71.01.1001") == ["10110"]


def test_kemendagri_not_bps_codes(idx: RegionIndex) -> None:
    # BPS 1101 is Simeulue; Kemendagri 11.01 is Aceh Selatan (DOMAIN.md).
    assert "Aceh Selatan" in (idx.name("11.01") or "")


def test_unknown_and_malformed_codes(idx: RegionIndex) -> None:
    assert idx.name("99.99") is None
    assert not idx.exists("31.71.99")
    assert idx.name("abc") is None
    assert idx.level("31.7") is None
    assert idx.chain("31.99.99") == {"province": "Daerah Khusus Ibukota Jakarta"}
    assert idx.postal_codes("31.71.01") == []
    for bad in ("", "3", "317", "31.71.1", "31-71", "３１"):
        with pytest.raises(ValueError):
            parse_code(bad)


@pytest.mark.parametrize(
    ("raw", "dotted", "level"),
    [
        ("31", "31", "province"),
        ("3171", "31.71", "regency"),
        ("317101", "31.71.01", "district"),
        ("3171011001", "31.71.01.1001", "village"),
        (" 31.71 ", "31.71", "regency"),
    ],
)
def test_parse_code_forms(raw: str, dotted: str, level: str) -> None:
    assert parse_code(raw) == dotted
    assert code_level(raw) == level


def test_nik_prefix_round_trip_for_every_district(idx: RegionIndex) -> None:
    for code in idx.codes("district"):
        prefix = district_to_nik_prefix(code)
        assert len(prefix) == 6 and prefix.isdigit()
        assert nik_prefix_to_district(prefix) == code
    with pytest.raises(ValueError):
        nik_prefix_to_district("31710")
    with pytest.raises(ValueError):
        district_to_nik_prefix("31.71")


def test_archived_districts(idx: RegionIndex) -> None:
    # Merauke was 91.01.01 until Papua Selatan was split off; only the archive knows that code now.
    assert idx.archived_district("910101") == (2022, "Merauke")
    assert idx.archived_district("91.01.01") == (2022, "Merauke")
    assert idx.archived_district("31.71.01") is None  # current codes are not "archived"
    assert idx.archived_district("31.71") is None
    assert idx.archived_district("zz") is None


def test_every_archived_code_is_absent_from_the_current_edition(idx: RegionIndex) -> None:
    archived = idx._archived_table()
    assert len(archived) > 100
    for code, (edition, name, regency, province) in archived.items():
        assert not idx.exists(code)
        assert edition in (2018, 2020, 2022, 2023)
        assert name and regency and province
        assert idx.archived_chain(code) == {"province": province, "regency": regency, "district": name}
    assert idx.archived_chain("31.71.01") == {}
    # Makbon's parents are named as the archive had them, not as today's 92 (Papua Barat) / 92.01.
    makbon = idx.archived_chain("92.01.01")
    assert makbon["district"] == "Makbon" and "SORONG" in makbon["regency"].upper()


def test_children(idx: RegionIndex) -> None:
    provinces = idx.children()
    assert len(provinces) == 38 and provinces[0] == ("11", "Aceh")
    regencies = idx.children("31")
    assert ("31.71", "Kota Administrasi Jakarta Pusat") in regencies
    assert all(code.startswith("31.") and len(code) == 5 for code, _ in regencies)
    villages = idx.children("31.71.01")
    assert ("31.71.01.1001", "Gambir") in villages
    assert all(code.startswith("31.71.01.") for code, _ in villages)
    assert idx.children("99") == []
    assert idx.children("x") == []


def test_villages_load_lazily() -> None:
    fresh = RegionIndex()
    assert fresh._villages is None
    assert fresh.exists("31.71.01")
    assert fresh._villages is None  # district lookups (what NIK checks need) do not load the villages
    assert fresh.exists("31.71.01.1001")
    assert fresh._villages is not None


def test_every_village_has_a_five_digit_postal_code(idx: RegionIndex) -> None:
    for code in random.Random(3).sample(idx.codes("village"), 2000):
        codes = idx.postal_codes(code)
        assert len(codes) == 1 and len(codes[0]) == 5 and codes[0].isdigit()


def test_validate_hierarchy_accepts_real_addresses(idx: RegionIndex) -> None:
    for village in random.Random(11).sample(idx.codes("village"), 300):
        postal = idx.postal_codes(village)[0]
        assert idx.validate_hierarchy(village[:2], village[:5], village[:8], village, postal) == []


def test_validate_hierarchy_unknown_codes(idx: RegionIndex) -> None:
    reasons = idx.validate_hierarchy("31", "31.99", "31.71.01", "31.71.01.1001")
    assert [(r.code, r.field) for r in reasons] == [("REGION_UNKNOWN", "regency")]
    # A code of the wrong level in a field is unknown for that field.
    reasons = idx.validate_hierarchy("31.71", None, None, None)
    assert [(r.code, r.field) for r in reasons] == [("REGION_UNKNOWN", "province")]
    reasons = idx.validate_hierarchy("3x", None, None, None)
    assert [(r.code, r.field, r.measured) for r in reasons] == [("REGION_UNKNOWN", "province", "3x")]


def test_validate_hierarchy_mismatch(idx: RegionIndex) -> None:
    # Gambir (Jakarta Pusat) declared under Kota Bandung.
    reasons = idx.validate_hierarchy("32", "32.73", "31.71.01", "31.71.01.1001")
    codes = [(r.code, r.field) for r in reasons]
    assert ("REGION_HIERARCHY", "regency") not in codes
    assert ("REGION_HIERARCHY", "district") in codes
    assert ("REGION_HIERARCHY", "village") in codes
    assert all(r.severity == "error" for r in reasons)
    # A village from another district of the same regency.
    other = next(c for c, _ in idx.children("31.71.02"))
    reasons = idx.validate_hierarchy("31", "31.71", "31.71.01", other)
    assert [(r.code, r.field, r.threshold) for r in reasons] == [("REGION_HIERARCHY", "village", "31.71.01")]


def test_validate_hierarchy_postal_code_is_a_warning(idx: RegionIndex) -> None:
    reasons = idx.validate_hierarchy("31", "31.71", "31.71.01", "31.71.01.1001", "40111")
    assert [(r.code, r.severity, r.field) for r in reasons] == [
        ("POSTAL_CODE_MISMATCH", "warning", "postal_code")
    ]
    assert reasons[0].threshold == "10110"
    assert idx.validate_hierarchy("31", "31.71", "31.71.01", "31.71.01.1001", "10110") == []
