"""SKPWNI as a Dinas writes a letter and as SIAK prints one (issue 18, third round): leader dots between label
and value, origin and destination side by side under `DAERAH ASAL` / `DAERAH TUJUAN`, the origin and the move
stated in sentences, the letterhead's own address. Lines are written as a real document prints them."""

from __future__ import annotations

from ektp.ocr.extract import parse_skpwni
from ektp.ocr.text import Line, parse_date, strip_leaders
from tests.unit.ocr.conftest import ocr_line as _line


def _two(y: int, left: tuple[str, ...], right: tuple[str, ...]) -> Line:
    """A row of two columns: the origin's phrases from the left margin, the destination's from mid-page."""
    return Line(_line(y, *left).words + _line(y, *right, x=900).words)


def _values(lines: list[Line]) -> dict[str, str]:
    return {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}


def test_leader_dots_are_no_part_of_label_or_value() -> None:
    lines = strip_leaders(
        [_line(100, "Alamat .. .........", "JL. GAJAH MADA NO. 119"), _line(140, "Kecamatan..", ".010")]
    )
    assert [w.text for w in lines[0].words] == ["Alamat", "JL.", "GAJAH", "MADA", "NO.", "119"]
    assert [w.text for w in lines[1].words] == ["Kecamatan", "010"]
    got = _values(
        [
            _line(100, "NIK Pemohon ....", "1504046611020017"),
            _line(140, "Jenis Kepindahan.", "KEPALA KELUARGA"),
        ]
    )
    assert got["nik"] == "1504046611020017" and got["move_type"] == "KEPALA KELUARGA"


def test_origin_and_destination_side_by_side_under_their_column_headings() -> None:
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH WNI"),
        _line(140, "No. SKPWNI/150404/04112024/2472"),
        _two(300, ("DAERAH ASAL",), ("DAERAH TUJUAN",)),
        _two(360, ("Alamat ....", "JL. GAJAH MADA NO. 119"), ("Alamat. ....", "JL. HASANUDDIN NO. 129")),
        _two(400, ("RT / RW .", "010 / 001"), ("RT / RW ...", "015 / 007")),
        _two(440, ("Kecamatan..", "BATIN XXIV"), ("Kecamatan .", "HIBALA")),
        _two(480, ("Kode Pos .. ...", "36656"), ("Kode Pos ....", ".22881")),
        _line(560, "Alasan Pindah ..", "KELUARGA"),
    ]
    got = _values(lines)
    assert got["number"] == "SKPWNI/150404/04112024/2472"  # the title above it is no section
    assert got["origin_address"] == "JL. GAJAH MADA NO. 119"
    assert got["destination_address"] == "JL. HASANUDDIN NO. 129"
    assert (got["origin_rt"], got["origin_rw"], got["destination_rt"], got["destination_rw"]) == (
        "010", "001", "015", "007",
    )  # fmt: skip
    assert got["origin_district"] == "BATIN XXIV" and got["destination_district"] == "HIBALA"
    assert got["origin_postal_code"] == "36656" and got["destination_postal_code"] == "22881"
    assert got["move_reason"] == "KELUARGA"


def test_the_origin_and_the_move_stated_in_a_letters_sentences() -> None:
    lines = [
        _line(60, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"),
        _line(90, "Jl. Diponegoro No. 31 Telp. (0198) 586779 Kode Pos 36634"),
        _line(140, "SURAT KETERANGAN PINDAH WNI"),
        _line(180, "Nomor: SKPWNI/150404/04112024/7022"),
        _line(240, "adalah benar penduduk yang beralamat di JL. GAJAH MADA NO. 119, RT 010 RW 001,"),
        _line(280, "Desa/Kelurahan HAJRAN, Kecamatan BATIN XXIV, KABUPATEN BATANGHARI, Provinsi"),
        _line(320, "JAMBI, Kode Pos 36656, yang akan pindah ke alamat:"),
        _line(360, "Alamat Tujuan : JL. HASANUDDIN NO. 129"),
        _line(400, "Kode Pos : 22881"),
        _line(460, "Kepindahan tersebut dengan alasan KESEHATAN, klasifikasi kepindahan ANTAR PROVINSI,"),
        _line(500, "jenis kepindahan ANGGOTA KELUARGA, dengan rencana tanggal pindah 08 DESEMBER 2024."),
        _line(540, "Adapun anggota keluarga yang pindah sebagai berikut:"),
    ]
    got = _values(lines)
    assert got["origin_address"] == "JL. GAJAH MADA NO. 119"
    assert (got["origin_rt"], got["origin_rw"]) == ("010", "001")
    assert got["origin_village"] == "HAJRAN" and got["origin_district"] == "BATIN XXIV"
    assert got["origin_regency"] == "KABUPATEN BATANGHARI" and got["origin_province"] == "JAMBI"
    assert got["origin_postal_code"] == "36656"  # not the office's own code in the letterhead
    assert got["destination_address"] == "JL. HASANUDDIN NO. 129"
    assert got["destination_postal_code"] == "22881"
    assert got["move_reason"] == "KESEHATAN" and got["move_classification"] == "ANTAR PROVINSI"
    assert got["move_type"] == "ANGGOTA KELUARGA" and got["move_date"] == "2024-12-08"


def test_a_move_from_one_address_to_another_in_one_sentence() -> None:
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH WNI"),
        _line(200, "yang bersangkutan pindah dari Kecamatan BATIN XXIV, Kode Pos 36656, ke"),
        _line(240, "Kecamatan HIBALA, Kode Pos 22881, pada tanggal 28 Des 2024."),
    ]
    got = _values(lines)
    assert got["origin_district"] == "BATIN XXIV" and got["origin_postal_code"] == "36656"
    assert got["destination_district"] == "HIBALA" and got["destination_postal_code"] == "22881"


def test_month_abbreviations_of_a_siak_print() -> None:
    assert parse_date("12-JUN-2026") == "2026-06-12"
    assert parse_date("28 Des 2024") == "2024-12-28"
    assert parse_date("17-AGT-2025") == "2025-08-17"


def test_a_number_glued_to_its_abbreviation_and_a_tables_no_column_is_no_number() -> None:
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH WNI"),
        _line(140, "No.SKPWNI/121404/24092026/4050"),
        _line(200, "NIK Pemohon ...", "1214046104020014"),
        _line(400, "No", "NIK", "Nama Lengkap", "SHDK"),
        _line(440, "1", "1214046104020014", "ROMAULI BR SITOMPUL", "ISTRI"),
    ]
    assert _values(lines)["number"] == "SKPWNI/121404/24092026/4050"


def test_a_value_whose_label_was_lost_in_one_column_takes_the_rows_field() -> None:
    # Side by side every row prints one field twice: `Kode Pos ... 61154   [label lost] .20776`.
    lines = [
        _two(300, ("DAERAH ASAL",), ("DAERAH TUJUAN",)),
        _two(360, ("Kecamatan ....", "UJUNGPANGKAH"), ("Kecamatan ....", "SEI LEPAN")),
        _two(400, ("Kode Pos ... ...61154",), (".20776",)),
    ]
    got = _values(lines)
    assert got["origin_postal_code"] == "61154" and got["destination_postal_code"] == "20776"


def test_a_kk_number_whose_label_was_lost_alone_on_its_line_above_the_addresses() -> None:
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH WNI"),
        _line(200, "NIK Pemohon .", "1606105903870029"),
        _line(240, "Nama Lengkap", "YULI SRI WIDODO"),
        _line(280, "3525070305130015"),
        _line(320, "BAYU SANTOSO, S.E."),
        _two(400, ("DAERAH ASAL",), ("DAERAH TUJUAN",)),
        _two(440, ("Kecamatan ....", "UJUNGPANGKAH"), ("Kecamatan ....", "SEI LEPAN")),
    ]
    got = parse_skpwni(lines).as_dict()
    assert got["kk_number"].value == "3525070305130015" and got["nik"].value == "1606105903870029"
    assert got["kk_number"].confidence < got["nik"].confidence  # read without its label: less sure
    # With no NIK read, a number alone may be the applicant's NIK: it is not taken for the KK's.
    assert "kk_number" not in _values(
        [_line(100, "SURAT KETERANGAN PINDAH WNI"), _line(200, "1606105903870029")]
    )


def test_the_applicants_nik_from_the_table_of_who_moves_when_none_is_labelled() -> None:
    head = [_line(100, "SURAT KETERANGAN PINDAH WNI"), _line(200, "Nama Lengkap :", "ZAHRA SAPUTRA")]
    table = [
        _line(400, "No", "NIK", "Nama Lengkap", "SHDK"),
        _line(440, "1", "1504040411800011", "ARIF SAPUTRA", "KEPALA KELUARGA"),
        _line(480, "2", "1504046611020017", "ZAHRA SAPUTRA", "ISTRI"),
        _line(540, "Demikian surat keterangan ini dibuat."),
    ]
    got = parse_skpwni(head + table).as_dict()
    assert got["nik"].value == "1504046611020017"  # the row of the applicant's name, not the first
    assert got["nik"].confidence < 0.9
    # Several rows and no name read: no row is the applicant's.
    assert "nik" not in _values([head[0], *table])
    # The applicant's name read, and no row of it: the applicant does not move, no row is theirs.
    assert "nik" not in _values([*head, table[0], table[1]])
