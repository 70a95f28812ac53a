"""Rules found by the ninth blind round (tools/docgen/variety_round9.py): lines as the engines read them there."""

from __future__ import annotations

from ektp.ocr.engine import OcrPage
from ektp.ocr.extract import parse_akta, parse_ktp, parse_skpwni
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_line as _line


def _ktp(lines: list[Line]) -> dict[str, str]:
    page = OcrPage(width=1200, height=800, words=[w for ln in lines for w in ln.words])
    return {k: f.value for k, f in parse_ktp(lines, page).as_dict().items()}


def test_a_label_without_its_colon_before_another_labels_colon_leaves_the_value_to_the_second() -> None:
    # ktp-tangkapan-wa (a screenshot of a forwarded photo): `Pekerjaan` read on the citizenship's line, with
    # its own value a line up. Before: occupation `KEWARGANEGARAAN : WNI`, citizenship unread.
    lines = [
        _line(100, "PROVINSI JAMBI"),
        _line(130, "KABUPATEN BATANGHARI"),
        _line(170, "NIK : 1504040708980028"),
        _line(200, "Nama : ARIF SAPUTRA"),
        _line(230, "Agama : ISLAM"),
        _line(260, "Pekerjaan Kewarganegaraan : WNI"),
    ]
    got = _ktp(lines)
    assert got.get("citizenship") == "WNI"
    assert "occupation" not in got


def test_a_value_between_the_two_labels_keeps_the_line_the_first_labels() -> None:
    # Review: `Pekerjaan PETANI Kewarganegaraan : WNI` (a value read between them) gave the citizenship `WNI`
    # and dropped `PETANI`; only a label printed right after the first, with nothing between, takes the colon's
    # value. Here the line stays the occupation's, as before the rule; since session 25 the second label,
    # printed whole with its colon inside the first's value, gives its own value too (`forms._hits_in_value`).
    got = _ktp([_line(100, "NIK : 1504040708980028"), _line(130, "Pekerjaan PETANI Kewarganegaraan : WNI")])
    assert got.get("occupation") == "PETANI"
    assert got.get("citizenship") == "WNI"


def test_a_birth_certificates_baby_name_label_names_the_child() -> None:
    # akta-pindai-pdf (a 2000s regency blanko): `Nama Bayi : ZAHRA SAPUTRA`. Before: the name read `BAYI`.
    lines = [
        _line(100, "KUTIPAN AKTA KELAHIRAN"),
        _line(140, "Nomor : 474.1/1234/2003"),
        _line(180, "Nama Bayi : ZAHRA SAPUTRA"),
        _line(210, "Tempat Lahir : BATANGHARI"),
        _line(240, "Tanggal Lahir : 26-11-2002"),
    ]
    got = {k: f.value for k, f in parse_akta(lines).as_dict().items()}
    assert got["name"] == "ZAHRA SAPUTRA"


def test_rt_and_rw_on_the_destination_address_line_are_the_destinations() -> None:
    # skpwni-pangkuan: `7. Alamat Tujuan : JL. HASANUDDIN NO. 129 RT 015 RW 007` under a section the origin's
    # block opened, whose own RT/RW was misread. Before: origin RT 015, RW 007 (the destination's).
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH WNI"),
        _line(140, "DATA DAERAH ASAL"),
        _line(180, "1. Nomor Kartu Keluarga : 1504040411240019"),
        _line(210, "3. Alamat : JL. GAJAH MADA NO. 119"),
        _line(240, "4. NIK Pemohon : 1504046611020017"),
        _line(270, "5. Nama Lengkap : ZAHRA SAPUTRA"),
        _line(310, "DATA KEPINDAHAN"),
        _line(350, "7. Alamat Tujuan : JL. HASANUDDIN NO. 129", "RT 015 RW 007"),
    ]
    got = {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}
    assert "origin_rt" not in got and "origin_rw" not in got
    assert got.get("destination_rw") == "007"


def test_an_rt_before_the_destination_label_on_its_line_stays_the_origins() -> None:
    # Review of this change: `RT : 003` printed left of `Alamat Tujuan : ...` on one line, under the origin's
    # section, went to the destination. Only what follows a side's own label on its line is that side's.
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH WNI"),
        _line(140, "DATA DAERAH ASAL"),
        _line(180, "Alamat : JL. GAJAH MADA NO. 119"),
        _line(240, "RT : 003", "Alamat Tujuan : JL. HASANUDDIN NO. 129"),
    ]
    got = {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}
    assert got.get("origin_rt") == "003" and "destination_rt" not in got
    assert got.get("origin_address") == "JL. GAJAH MADA NO. 119"
