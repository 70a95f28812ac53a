"""A KTP-el read from a blurred or small photo: its place of issue and place of birth read a letter or two off
(`BATANGNAR`, `BATANGHAR`), its occupation with a letter no print confuses (`BURLH`). The card says what they
can be: the place of issue is the regency in its heading (where most residents were born too), the occupation
one of the registry's list."""

from __future__ import annotations

from ektp.ocr.engine import OcrPage
from ektp.ocr.extract import parse_ktp
from ektp.ocr.text import Line
from tests.unit.ocr.test_ocr_ktp_small_labels import _line


def _card(regency: str, birthplace: str, occupation: str, issued_at: str) -> dict[str, str]:
    lines = [
        _line(10, "PROVINSI", "JAWA", "BARAT", x=390),
        _line(40, "KABUPATEN", regency, x=330),
        Line([*_line(84, "NIK", x=28).words, *_line(84, ":3213010708980028", x=187).words]),
        _line(126, "Nama", ":", "ARIF", "SAPUTRA", x=28),
        _line(156, "Tempat/Tgl", "Lahir", ":", birthplace + ",", "07-08-1998", x=28),
        _line(186, "Pekerjaan", ":", *occupation.split(), x=28),
        _line(216, issued_at, x=760),
        _line(246, "04-11-2024", x=760),
    ]
    page = OcrPage(width=1040, height=480, words=[w for ln in lines for w in ln.words])
    return {k: f.value for k, f in parse_ktp(lines, page).as_dict().items() if f is not None}


def test_places_a_letter_or_two_from_the_headings_regency_are_that_regency() -> None:
    # Before: `SUBAMG` and `SLBANG` were returned as read.
    read = _card("SUBANG", "SUBAMG", "KARYAWAN SWASTA", "SLBANG")
    assert (read["place_of_birth"], read["issue_place"]) == ("SUBANG", "SUBANG")


def test_another_places_own_name_is_kept() -> None:
    # Guard: SABANG is a city of its own, one letter from SUBANG: a resident of Subang born in Sabang.
    read = _card("SUBANG", "SABANG", "KARYAWAN SWASTA", "SUBANG")
    assert read["place_of_birth"] == "SABANG"


def test_an_occupation_one_letter_from_one_entry_of_the_list_is_that_entry() -> None:
    # Before: `BURLH HARIAN LEPAS` (U read as L, no confusion a print makes) was returned as read.
    assert _card("SUBANG", "SUBANG", "BURLH HARIAN LEPAS", "SUBANG")["occupation"] == "BURUH HARIAN LEPAS"


def test_an_occupation_one_letter_from_two_entries_is_kept_as_read() -> None:
    # Guard: KARYAWAN BUMN and KARYAWAN BUMD are each one letter from `KARYAWAN BUMX`: nothing is guessed.
    assert _card("SUBANG", "SUBANG", "KARYAWAN BUMX", "SUBANG")["occupation"] == "KARYAWAN BUMX"


def test_a_district_or_village_near_the_headings_name_is_kept() -> None:
    # Review: KAMPA is a district of Kabupaten Kampar, WONOSARI one near Wonogiri: places of their own.
    assert _card("KAMPAR", "KAMPA", "KARYAWAN SWASTA", "KAMPAR")["place_of_birth"] == "KAMPA"
    assert _card("WONOGIRI", "WONOSARI", "KARYAWAN SWASTA", "WONOGIRI")["place_of_birth"] == "WONOSARI"
