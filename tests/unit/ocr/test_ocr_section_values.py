"""SKPWNI values in their sections as a scan reads them (issue 18, third round): a colon read as a glyph of its
own, an m read as `rn` in a label, a region name with its space lost."""

from __future__ import annotations

from ektp.ocr.extract import SKPWNI_LABELS, parse_skpwni
from tests.unit.ocr.conftest import ocr_line as _line


def test_a_value_after_a_colon_read_as_a_glyph_survives_the_sections() -> None:
    # `Kode Pos : 95997   Telepon : -`, the colon read as `1.` and the code as the next phrase: the phrases
    # after a value are tried in turn, in a section's block as anywhere else.
    lines = [
        _line(100, "DATA DAERAH ASAL"),
        _line(140, "Kode Pos", "1", "22881", "Telepon", "1-"),
        _line(180, "DATA DAERAH TUJUAN"),
        _line(220, "Kode Pos", "1.", "95997", "Telepon", "1"),
    ]
    fields = parse_skpwni(lines).as_dict()
    assert fields["origin_postal_code"].value == "22881"
    assert fields["destination_postal_code"].value == "95997"


def test_an_m_read_as_rn_in_the_number_label() -> None:
    lines = [
        _line(50, "SURAT KETERANGAN PINDAH"),
        _line(100, "Nornor: SKPWNI/150404/04112024/9172"),
        _line(150, "DATA DAERAH ASAL"),
        _line(200, "1. Nornor Kartu Keluarga : 1504040411240019"),
    ]
    assert SKPWNI_LABELS.match("Nornor") == "document_number"
    fields = parse_skpwni(lines).as_dict()
    assert fields["number"].value == "SKPWNI/150404/04112024/9172"
    assert fields["kk_number"].value == "1504040411240019"


def test_an_address_after_a_colon_read_as_a_mark_of_its_own() -> None:
    lines = [_line(100, "DATA DAERAH ASAL"), _line(140, "3. Alamat ? JL. GAJAH MADA NO. 119")]
    assert parse_skpwni(lines).as_dict()["origin_address"].value == "JL. GAJAH MADA NO. 119"
    lines = [_line(100, "DATA DAERAH ASAL"), _line(140, "3. Alamat : ? 12")]
    # No street word after it: the mark alone is still no part of the address (session 24: `ALMT ? DUSUN ...`).
    assert parse_skpwni(lines).as_dict()["origin_address"].value == "12"


def test_a_region_name_read_without_its_space_takes_the_code_lists_spelling() -> None:
    lines = [
        _line(100, "DATA DAERAH TUJUAN"),
        _line(140, "Desa/Kelurahan : ALOALO", "Kecamatan : LEMBO"),
        _line(180, "Kab/Kota : KABUPATEN KONAWE UTARA", "Provinsi : SULAWESI TENGGARA"),
    ]
    fields = parse_skpwni(lines).as_dict()
    assert fields["destination_village"].value == "ALO ALO"
    assert fields["destination_district"].value == "LEMBO"
