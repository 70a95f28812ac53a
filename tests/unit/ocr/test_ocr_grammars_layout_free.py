"""Layout-free reading on synthetic OCR words: the birth sentence, dates in words, labels wherever they sit,
choices of the SKPWNI, region names and NIKs checked against the code list (no rendering, no engine)."""

from __future__ import annotations

import pytest

from ektp.domain.written_dates import parse_date, words_to_number
from ektp.ocr.extract import KTP_LABELS, parse_skpwni
from ektp.ocr.forms import read_labelled
from ektp.ocr.models import Field
from ektp.ocr.prose import parse_birth_sentence
from ektp.ocr.text import MOVE_CLASSIFICATIONS, MOVE_TYPES, choice
from ektp.ocr.validate import check_nik, repair_nik, resolve_regions
from tests.unit.ocr.conftest import ocr_line as _line


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("TUJUH MEI DUA RIBU SEBELAS", "2011-05-07"),
        ("DUA PULUH DELAPAN MARET SERIBU SEMBILAN RATUS SEMBILAN PULUH DELAPAN", "1998-03-28"),
        ("pada tanggal SEBELAS DESEMBER SERIBU SEMBILAN RATUS DELAPAN PULUH DELAPAN telah", "1988-12-11"),
        ("TIGA PULUH SATU AGUSTUS DUA RIBU DUA PULUH LIMA", "2025-08-31"),
        ("07.05.2011", "2011-05-07"),
        ("2011-05-07", "2011-05-07"),
        ("7 Mei 2011", "2011-05-07"),
        ("07-AGT-2011", "2011-08-07"),
        ("TIGA PULUH FEBRUARI DUA RIBU", None),
    ],
)
def test_dates_in_every_printed_form(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_number_words() -> None:
    assert words_to_number(["SERIBU", "SEMBILAN", "RATUS", "TUJUH"]) == 1907
    assert words_to_number(["DUA", "RIBU", "DUA", "PULUH", "LIMA"]) == 2025
    assert words_to_number(["DUA", "TIGA"]) is None


def test_birth_sentence_modern_and_older_forms() -> None:
    modern = [
        _line(100, "Bahwa di JAKARTA pada tanggal TUJUH MEI DUA RIBU SEBELAS telah lahir"),
        _line(140, "BUDI SANTOSO, anak ke-2, LAKI-LAKI, dari ayah JOKO WIDODO dan ibu SRI"),
        _line(180, "RAHAYU."),
        _line(600, "Jakarta, 8 Juni 2011"),
    ]
    got = {k: f.value for k, f in parse_birth_sentence(modern).items()}
    assert got == {
        "place_of_birth": "JAKARTA",
        "birth_date": "2011-05-07",
        "name": "BUDI SANTOSO",
        "sex": "LAKI-LAKI",
        "father_name": "JOKO WIDODO",
        "mother_name": "SRI RAHAYU",
    }
    older = [
        _line(100, "Di BANDUNG tanggal 7 Mei 2011 telah lahir seorang anak PEREMPUAN bernama"),
        _line(140, "SITI AMINAH, S.PD., anak dari suami-isteri AHMAD dan FATIMAH ZAHRA."),
    ]
    got = {k: f.value for k, f in parse_birth_sentence(older).items()}
    assert got["name"] == "SITI AMINAH, S.PD." and got["sex"] == "PEREMPUAN"
    assert (got["father_name"], got["mother_name"]) == ("AHMAD", "FATIMAH ZAHRA")


def test_labels_beside_under_wrapped_and_in_a_colon_column() -> None:
    lines = [
        _line(100, "Nama", ":", "BUDI SANTOSO"),  # the colon in a column of its own
        _line(140, "Alamat : JL. MAWAR", x=0),
        _line(170, "NO. 14 BLOK C", x=12 * 6 + 8 + 20 + 8),  # wrapped under the value
        _line(230, "Status Perkawinan"),  # label above value
        _line(260, "BELUM KAWIN"),
        _line(320, "3. Kewarganegaraan", ": WNI"),  # enumerated
    ]
    got = {h.key: " ".join(w.text for w in h.words) for h in read_labelled(lines, KTP_LABELS)}
    assert got["name"] == "BUDI SANTOSO"
    assert got["address"] == "JL. MAWAR NO. 14 BLOK C"
    assert got["marital_status"] == "BELUM KAWIN"
    assert got["citizenship"] == "WNI"


def test_skpwni_destination_by_qualified_labels_and_choices() -> None:
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH"),
        _line(140, "NIK : 3171014501900002"),
        _line(180, "Alamat Asal : JL. KENANGA 3"),
        _line(220, "Kode Pos Asal : 10110"),
        _line(260, "Alamat Tujuan : JL. MELATI 9"),
        _line(300, "Kode Pos Tujuan : 40111"),
        _line(340, "Klasifikasi Pindah : 5. Antar Provinsi"),
        _line(380, "Jenis Kepindahan : 3. Kep. Keluarga dan Sbgn. Angg. Keluarga"),
        _line(420, "Tanggal Pindah : SEPULUH JANUARI DUA RIBU DUA PULUH ENAM"),
    ]
    fields = parse_skpwni(lines).as_dict()
    assert fields["origin_address"].value == "JL. KENANGA 3" and fields["origin_postal_code"].value == "10110"
    assert fields["destination_address"].value == "JL. MELATI 9"
    assert fields["destination_postal_code"].value == "40111"
    assert fields["move_classification"].value == "ANTAR PROVINSI"
    assert fields["move_type"].value == "KEPALA KELUARGA DAN SEBAGIAN ANGGOTA KELUARGA"
    assert fields["move_date"].value == "2026-01-10"
    assert (
        choice("4", MOVE_TYPES) == "ANGGOTA KELUARGA"
        and choice("2", MOVE_CLASSIFICATIONS) == "ANTAR DESA/KELURAHAN"
    )


def test_region_names_corrected_against_the_code_list() -> None:
    fields = {
        "province": Field(value="JAWA BARAT", confidence=0.9),
        "regency": Field(value="KABUPATEN B0GOR", confidence=0.9),  # a misread letter
        "district": Field(value="CIBINONG", confidence=0.9),
    }
    assert resolve_regions(fields) == "32.01.01"
    assert fields["regency"].value == "KABUPATEN BOGOR" and fields["regency"].confidence < 0.9
    assert fields["province"].confidence > 0.9  # confirmed
    nowhere = {"province": Field(value="NEGERI ANTAH BERANTAH", confidence=0.9)}
    resolve_regions(nowhere)
    assert nowhere["province"].value == "NEGERI ANTAH BERANTAH" and nowhere["province"].confidence < 0.9


def test_nik_repaired_only_to_the_one_valid_reading_that_agrees_with_the_page() -> None:
    # 3201015809750001: Bogor, 18 Sep 1975, a woman (58 = 18 + 40); the month read as 99 (0 -> 9).
    assert repair_nik("3201015809750001") is None  # already valid: nothing one digit away is the only one
    fields = {
        "nik": Field(value="3201015899750001", confidence=0.9),
        "birth_date": Field(value="1975-09-18", confidence=0.9),
        "sex": Field(value="PEREMPUAN", confidence=0.9),
    }
    check_nik(fields)
    assert fields["nik"].value == "3201015809750001"
    unexplained = {
        "nik": Field(value="3201015809750001", confidence=0.9),
        "birth_date": Field(value="1980-01-01", confidence=0.9),
    }
    check_nik(unexplained)  # a lawful NIK/date mismatch is kept, only trusted less
    assert unexplained["nik"].value == "3201015809750001" and unexplained["nik"].confidence < 0.9


def test_nik_of_an_archived_district_is_kept_not_repaired() -> None:
    # 91.01.01 is only in an older edition of the code list: a valid NIK (officers get a warning), not a misread.
    fields = {"nik": Field(value="9101011508900012", confidence=0.9)}
    check_nik(fields)
    assert fields["nik"].value == "9101011508900012" and fields["nik"].confidence > 0.9


def test_label_misreads_of_slash_and_w() -> None:
    lines = [
        _line(100, "RT/RVI"),  # W read as VI, label above value
        _line(130, "015/007"),
        _line(190, "Kelurahan:Desa"),  # the slash read as a colon
        _line(220, "MINANGA"),
    ]
    got = {h.key: " ".join(w.text for w in h.words) for h in read_labelled(lines, KTP_LABELS)}
    assert got == {"rt_rw": "015/007", "village": "MINANGA"}


def test_a_numeric_date_one_confusable_digit_from_one_real_date() -> None:
    from ektp.ocr.text import parse_date as read_date

    assert read_date("94-11-2024") == "2024-11-04"  # `0` read `9`: 94 is no day, 04 the only real one
    assert read_date("31-98-2026") == "2026-08-31"
    assert read_date("32-01-2020") is None  # no single confusion makes it a date: nothing guessed
    assert read_date("07/13/1990") is None
    assert read_date("28-04-2024") == "2024-04-28"


def test_street_words_misread_and_a_colon_glued_before_the_address() -> None:
    from ektp.ocr.normalise import normalise

    cases = {
        "IL. GAJAH MADA NO. 119": "JL. GAJAH MADA NO. 119",
        "1JL. GAJAH MADA NO. 119": "JL. GAJAH MADA NO. 119",
        "2 JL. MAWAR NO. 4": "JL. MAWAR NO. 4",
        "6G. KARTINI IV NO. 2": "GG. KARTINI IV NO. 2",
        "JL, MAWAR NO, 4": "JL. MAWAR NO. 4",
        "DUSUN KRAJAN RT 2": "DUSUN KRAJAN RT 2",
    }
    for raw, want in cases.items():
        got = normalise("address", raw, [])
        assert got is not None and got.value == want, raw
    village = normalise("origin_village", "£ HILIKANA", [])
    assert village is not None and village.value == "HILIKANA"


def test_akta_number_date_segment_repaired_only_to_a_real_date() -> None:
    from ektp.ocr.validate import repair_akta_number

    # A glyph too many in the date: the birth date on the page tells which of the real readings it is.
    assert repair_akta_number("1504-LT-070819983-8122", "1998-08-07") == "1504-LT-07081998-8122"
    assert repair_akta_number("1504-LT-070819983-8122", None) is None  # several real dates: not guessed
    assert repair_akta_number("1504-LT-07081998-8122", "1998-08-07") is None  # a real date: kept as read
    assert repair_akta_number("1504-LT-07O81998-8122", "1998-08-07") is None  # not the numeric form


def test_akta_number_date_one_digit_from_the_birth_date_is_the_birth_date() -> None:
    from ektp.ocr.validate import repair_akta_number

    # `46112002` (a 2 read as 4, no confusion the table knows): no day 46; one digit from the birth date on the
    # page. Before: two confusable digits changed made `16112007`, a date no one registered.
    assert repair_akta_number("1504-LT-46112002-1286", "2002-11-26") == "1504-LT-26112002-1286"
    assert (
        repair_akta_number("1504-LT-26112092-1286", "2002-11-26") == "1504-LT-26112002-1286"
    )  # still to come
    # Guards: a real date one digit from the birth is a registration's, kept; two digits off is no such reading.
    assert repair_akta_number("1504-LT-27112002-1286", "2002-11-26") is None
    assert repair_akta_number("1504-LT-47112002-1286", "2002-11-26") != "1504-LT-26112002-1286"


def test_birth_place_and_date_split_at_the_comma_before_the_date() -> None:
    from ektp.ocr.extract import split_birth

    assert split_birth("BATANGHARI, 26.11, 2002") == ("BATANGHARI", "26.11, 2002")
    assert split_birth("JAKARTA 12-01-2000") == ("JAKARTA ", "12-01-2000")


def test_short_labels_read_with_their_usual_misreads() -> None:
    """`Rr: 009 RW : 004` (the T's bar lost): RT and RW both found; a two-letter word that is no misread of
    a label stays a value."""
    hits = read_labelled([_line(0, "Rr: 009", "RW : 004")], KTP_LABELS)
    assert [(h.key, " ".join(w.text for w in h.words)) for h in hits] == [("rt", "009"), ("rw", "004")]
    assert read_labelled([_line(0, "XY: 009")], KTP_LABELS) == []


def test_a_birth_date_no_reading_parses_is_the_one_the_valid_nik_encodes() -> None:
    from ektp.ocr.validate import birth_date_from_nik

    assert birth_date_from_nik("7 Agustus 19938", "1504040708980028") == "1998-08-07"  # a glyph too many
    assert birth_date_from_nik("7 Agustus 19938", "1504044708980028") == "1998-08-07"  # a woman's day + 40
    assert birth_date_from_nik("32-08-1998", "1504040708980028") is None  # no one edit gives the NIK's date
    assert birth_date_from_nik("7 Agustus 19938", "1504040708980") is None  # no valid NIK: nothing guessed


@pytest.mark.parametrize("read", ["KABUPATEN NIAS", "KAB. NIAS", "NIAS"])
def test_a_regency_read_as_the_first_words_of_another_is_widened_by_its_district(read: str) -> None:
    """skpwni-tabel-mendatar degraded (session 31): the destination regency KABUPATEN NIAS SELATAN printed in
    a narrow cell was read `KABUPATEN NIAS` (the cell's second line lost) at 0.98, a real regency: its district
    HIBALA and village HILIKANA, not under it, were rejected. They lie, by their exact names, under one regency
    whose name goes on from the one read: that one was printed."""
    fields = {
        "destination_province": Field(value="SUMATERA UTARA", confidence=0.93),
        "destination_regency": Field(value=read, confidence=0.98),
        "destination_district": Field(value="HIBALA", confidence=0.9),
        "destination_village": Field(value="HILIKANA", confidence=0.9),
    }
    resolve_regions(fields, "destination_")
    assert fields["destination_regency"].value == "KABUPATEN NIAS SELATAN"
    assert fields["destination_district"].confidence >= 0.9  # confirmed under it
    assert fields["destination_village"].confidence >= 0.9


@pytest.mark.parametrize("district", ["GUNUNGSITOLI IDANOI", "GIDO", "HIBALAX"])
def test_a_regency_is_not_widened_without_a_district_under_exactly_one_longer_name(district: str) -> None:
    # Guards: a district of another regency (Kota Gunungsitoli), one of the regency read itself (Gido, Nias), or
    # a district name no regency holds exactly: the regency stays as read.
    fields = {
        "regency": Field(value="KABUPATEN NIAS", confidence=0.98),
        "district": Field(value=district, confidence=0.9),
    }
    resolve_regions(fields)
    assert fields["regency"].value == "KABUPATEN NIAS"
