"""Rules found by the eleventh blind round (tools/docgen/variety_round11.py): lines as the engines read them there."""

from __future__ import annotations

from ektp.ocr.engine import OcrPage
from ektp.ocr.extract import parse_akta, parse_ktp
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_line as _line
from tests.unit.ocr.test_ocr_label_rows import _cells


def _ktp(lines: list[Line]) -> dict[str, str]:
    page = OcrPage(width=1000, height=2000, words=[w for ln in lines for w in ln.words])
    return {k: f.value for k, f in parse_ktp(lines, page).as_dict().items()}


IKD_PANEL = [
    _line(100, "< Identitas Kependudukan Digital"),
    _line(160, "KARTU TANDA PENDUDUK ELEKTRONIK"),
    _line(200, "REPUBLIK INDONESIA"),
    _line(260, "1504046611020017"),
    _line(320, "Nama"),
    _line(350, "ZAHRA SAPUTRA"),
    _line(420, "Tempat Lahir", "Tanggal Lahir"),
    _line(450, "BATANGHARI", "26-11-2002"),
]


def test_the_digital_ids_nik_printed_alone_on_its_line_is_the_nik() -> None:
    # Before (ktp-ikd-layar): the app's card panel prints the NIK with no label: no NIK was read.
    got = _ktp(IKD_PANEL)
    assert got["nik"] == "1504046611020017" and got["name"] == "ZAHRA SAPUTRA"


def test_two_unlabelled_numbers_name_no_nik() -> None:
    # Guard: a page printing two such numbers alone (a KK number and a NIK, neither labelled): none is chosen.
    got = _ktp([*IKD_PANEL, _line(500, "1504040411240019")])
    assert "nik" not in got


def test_a_number_that_is_no_nik_by_its_structure_is_not_taken() -> None:
    # Guard: sixteen digits whose birth date is no date (`9999`) are no NIK.
    lines = [ln if ln.text != "1504046611020017" else _line(260, "1504049999020017") for ln in IKD_PANEL]
    assert "nik" not in _ktp(lines)


REGISTER_ENTRY = [
    _line(100, "AKTA KELAHIRAN"),
    _line(140, "Nomor:1504-LT-26112002-2452"),
    _line(
        200, "Pada hari ini Senin, tanggal 16 Desember 2002, telah menghadap kepada saya Dr. Hj. RATNA DEWI"
    ),
    _line(
        230, "ANGGRAENI, S.H., M.H., Pejabat Pencatatan Sipil pada Dinas Kependudukan dan Pencatatan Sipil"
    ),
    _line(260, "Nama Pelapor", ": AHMAD KURNIAWAN"),
    _line(290, "Umur", ": 45 tahun"),
    _line(
        320,
        "yang menerangkan bahwa pada hari Selasa, tanggal 26 NOVEMBER 2002, di BATANGHARI telah lahir seorang",
    ),
    _line(350, "anak PEREMPUAN yang diberi nama:"),
    _line(380, "ZAHRA SAPUTRA"),
    _line(410, "anak ke 3 (tiga) dari seorang ayah bernama AHMAD KURNIAWAN dan seorang ibu bernama NUR DEWI"),
    _line(440, "ANGGRAINI."),
    _line(500, "Saksi I"),
    _line(530, "Nama", ": DEDI KURNIAWAN"),
    _line(560, "Umur", ": 48 tahun"),
    _line(600, "Saksi II"),
    _line(630, "Nama", ": YOHANES KRISTIANTO"),
]


def _akta(lines: list[Line]) -> dict[str, str]:
    return {k: f.value for k, f in parse_akta(lines).as_dict().items()}


def test_a_register_entry_reads_the_child_not_the_reporter_or_the_witnesses() -> None:
    # Before (akta-pelapor-saksi): the child's name was `PELAPOR` (the reporter's `Nama Pelapor :` read as
    # `Nama` with its value), then a witness's (`Saksi I` / `Nama : DEDI KURNIAWAN`); the birth date was the
    # day the birth was reported (the first `tanggal` of the entry) and the place, after the date, unread.
    got = _akta(REGISTER_ENTRY)
    assert got["name"] == "ZAHRA SAPUTRA" and got["sex"] == "PEREMPUAN"
    assert got["birth_date"] == "2002-11-26" and got["place_of_birth"] == "BATANGHARI"
    assert (got["father_name"], got["mother_name"]) == ("AHMAD KURNIAWAN", "NUR DEWI ANGGRAINI")


def test_a_name_under_no_others_heading_is_still_the_childs() -> None:
    # Guard: a label-and-value akta whose `Nama :` follows the title, not a witness's heading, keeps it.
    lines = [
        _line(100, "KUTIPAN AKTA KELAHIRAN"),
        _line(140, "Nomor", ": 1504-LT-26112002-2452"),
        _line(180, "Nama", ": ZAHRA SAPUTRA"),
        _line(210, "Tempat Lahir", ": BATANGHARI"),
        _line(240, "Saksi I", ": DEDI KURNIAWAN"),
    ]
    assert _akta(lines)["name"] == "ZAHRA SAPUTRA"


def test_only_a_word_naming_another_person_before_a_colon_goes_on_with_the_label() -> None:
    # Guard: `Nama Pelapor :` and `Umur Saksi:` are longer labels (another person's); a value before another
    # label's colon (`Agama ISLAM Status :`) and another qualifier (`Nomor KK Semula :`, the F-1.08's KK number
    # before the move, found by the bench) are not.
    from ektp.ocr.engine import OcrWord
    from ektp.ocr.forms import _qualified_otherwise

    def words(*texts: str) -> list[OcrWord]:
        return [OcrWord(text=x, confidence=0.9, left=0, top=0, width=10, height=10, line=0) for x in texts]

    assert _qualified_otherwise(words("Pelapor", ":", "AHMAD")) and _qualified_otherwise(
        words("Saksi:", "DEDI")
    )
    assert not _qualified_otherwise(words("ISLAM", "Status", ":", "KAWIN"))
    assert not _qualified_otherwise(words("Semula", ":", "1504040411240019"))
    assert not _qualified_otherwise(words("Pelapor")) and not _qualified_otherwise(words("45", ":"))


def test_a_kk_number_labelled_before_the_move_is_the_kk_number() -> None:
    from ektp.ocr.extract import parse_skpwni

    lines = [
        _line(100, "SURAT KETERANGAN PINDAH DATANG WNI"),
        _line(140, "1. Nomor KK Semula", ": 1504040411240019"),
    ]
    assert parse_skpwni(lines).as_dict()["kk_number"].value == "1504040411240019"


COLUMNS = (
    60,
    260,
    560,
    640,
    720,
    930,
    1140,
    1400,
    1640,
)  # the left edges of a sideways address table's cells


def _row(y: int, *texts: str) -> Line:
    return _cells(y, *((x, text) for x, text in zip(COLUMNS, texts, strict=False) if text))


# fmt: off
SIDEWAYS = [
    _line(100, "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA"),
    _line(140, "Nomor : SKPWNI/150404/04112024/5980"),
    _line(200, "I. ALAMAT ASAL DAN TUJUAN"),
    _row(240, "Uraian", "Jalan/Dusun", "RT", "RW", "Kel/Desa", "Kecamatan", "Kabupaten/Kota", "Provinsi", "Kode Pos"),
    _row(270, "1", "2", "3", "4", "5", "6", "7", "8", "9"),
    _row(298, "", "", "", "", "", "", "KABUPATEN"),
    _row(312, "Daerah Asal", "JL. GAJAH MADA NO. 119", "010", "001", "HAJRAN", "BATIN XXIV", "BATANGHARI", "JAMBI",
         "36656"),
    _row(344, "", "", "", "", "", "", "KABUPATEN NIAS"),
    _row(358, "Daerah Tujuan", "JL. HASANUDDIN NO. 129", "015", "007", "HILIKANA", "HIBALA", "SELATAN",
         "SUMATERA UTARA", "22881"),
    _line(420, "II. KETERANGAN KEPINDAHAN"),
    _cells(460, (60, "Alasan Pindah"), (300, "Klasifikasi Kepindahan"), (600, "Jenis Kepindahan"),
           (1150, "Tanggal Pindah"), (1400, "Status KK Bagi Yang Pindah"), (1800, "Status KK Bagi Yang Tidak")),
    _cells(484, (1800, "Pindah")),
    _cells(510, (60, "10"), (300, "u"), (600, "12"), (1150, "13"), (1400, "14"), (1800, "15")),
    _cells(540, (60, "Keluarga"), (300, "ANTAR PROVINSI"), (600, "3. Kep. Keluarga dan Sbgn. Angg. Keluarga"),
           (1150, "29 Desember 2024"), (1400, "NUMPANG KK"), (1800, "NOMOR KK TETAP")),
]
# fmt: on


def test_a_sideways_address_table_reads_each_sides_row_under_the_headings() -> None:
    # Before (skpwni-tabel-mendatar): the column numbers under the headings were taken for the values, the
    # second row was never read, and the move's headings took the wrapped word `Pindah` and the numbers.
    from ektp.ocr.extract import parse_skpwni

    got = {k: f.value for k, f in parse_skpwni(SIDEWAYS).as_dict().items()}
    assert (
        got["origin_address"] == "JL. GAJAH MADA NO. 119"
        and got["destination_address"] == "JL. HASANUDDIN NO. 129"
    )
    assert (got["origin_rt"], got["origin_rw"], got["destination_rt"], got["destination_rw"]) == (
        "010",
        "001",
        "015",
        "007",
    )
    assert (
        got["origin_regency"] == "KABUPATEN BATANGHARI"
        and got["destination_regency"] == "KABUPATEN NIAS SELATAN"
    )
    assert (got["origin_village"], got["destination_village"]) == ("HAJRAN", "HILIKANA")
    assert (got["origin_postal_code"], got["destination_postal_code"]) == ("36656", "22881")
    assert (got["move_reason"], got["move_classification"]) == ("KELUARGA", "ANTAR PROVINSI")
    assert got["move_date"] == "2024-12-29"
    assert "kk_number" not in got  # `NOMOR KK TETAP`, a value under a heading of no field, is no KK number


def test_a_row_of_short_values_under_a_narrow_row_of_headings_is_read() -> None:
    # Guard: under two headings, a line of short words is the values (not taken for column numbers).
    from ektp.ocr.extract import parse_kk

    lines = [
        _line(100, "Detail Kartu Keluarga"),
        _cells(160, (90, "Nomor KK"), (500, "NIK Kepala Keluarga"), (900, "RT/RW")),
        _cells(190, (90, "1504040411240019"), (500, "1504040708980028"), (900, "010/001")),
    ]
    got = {k: f.value for k, f in parse_kk(lines).as_dict().items()}
    assert got["number"] == "1504040411240019" and (got["rt"], got["rw"]) == ("010", "001")


def test_a_register_number_label_with_a_leader_names_the_akta_number() -> None:
    # Before (akta-titik-penuntun, found by this round's bench): `Nomor Register Akta ....` was `Nomor` with the
    # value `REGISTER`, and the number after the colon an alternate.
    lines = [
        _line(100, "KUTIPAN AKTA KELAHIRAN"),
        _line(140, "1. Nomor Register Akta ...", ": 1504-LT-26112002-1901"),
        _line(180, "3. Nama Lengkap", ": ZAHRA SAPUTRA"),
    ]
    assert _akta(lines)["number"] == "1504-LT-26112002-1901"


def test_a_regions_level_word_alone_names_no_region() -> None:
    # Before (ktp-ikd-layar): the regency `KABUPATEN` (its name wrapped onto the next line, read apart) was
    # returned, and a resident's correct `KABUPATEN BATANGHARI` answered `mismatch`; now it is unread.
    got = _ktp(
        [
            *IKD_PANEL,
            _line(500, "Kabupaten/Kota", "Provinsi"),
            _line(530, "KABUPATEN", "JAMBI"),
            _line(560, "BATANGHARI"),
        ]
    )
    assert got.get("regency") != "KABUPATEN" and got["province"] == "JAMBI"


def _member_block(y: int, fields: list[tuple[str, str]], x: int = 60) -> list[Line]:
    """A member's block as SIAK's biodata prints it: label, colon and value on each line, two columns of fields
    (the first half left, the rest right)."""
    half = (len(fields) + 1) // 2
    lines = []
    for i in range(half):
        cells = [(x, fields[i][0]), (x + 330, f": {fields[i][1]}")]
        if half + i < len(fields):
            cells += [(x + 900, fields[half + i][0]), (x + 1230, f": {fields[half + i][1]}")]
        lines.append(_cells(y + 30 * i, *cells))
    return lines


HEAD_FIELDS = [
    ("Nomor Induk Kependudukan", "1504040708980028"), ("Nama", "ARIF SAPUTRA"), ("Jenis Kelamin", "LAKI-LAKI"),
    ("Tempat Lahir", "BATANGHARI"), ("Tanggal Lahir", "07-08-1998"), ("Agama", "ISLAM"),
    ("Status Perkawinan", "KAWIN TERCATAT"), ("Status Hubungan Dalam Keluarga", "KEPALA KELUARGA"),
    ("Kewarganegaraan", "WNI"), ("Nama Ayah", "YOGA SETIAWAN"),
]  # fmt: skip
WIFE_FIELDS = [
    ("Nomor Induk Kependudukan", "1504046611020017"), ("Nama", "ZAHRA SAPUTRA"), ("Jenis Kelamin", "PEREMPUAN"),
    ("Tempat Lahir", "BATANGHARI"), ("Tanggal Lahir", "26-11-2002"), ("Agama", "ISLAM"),
    ("Status Perkawinan", "KAWIN TERCATAT"), ("Status Hubungan Dalam Keluarga", "ISTRI"),
    ("Kewarganegaraan", "WNI"), ("Nama Ayah", "AHMAD KURNIAWAN"),
]  # fmt: skip
FAMILY_HEADER = [
    _line(100, "BIODATA KELUARGA"),
    _cells(140, (60, "Nomor KK"), (390, ": 1504040411240019")),
    _cells(170, (60, "Nama Kepala Keluarga"), (390, ": ARIF SAPUTRA")),
]


def test_members_printed_as_blocks_are_read_in_order() -> None:
    # Before (kk-biodata-anggota): no member table, no member read.
    from ektp.ocr.member_blocks import members_from_blocks

    lines = [
        *FAMILY_HEADER,
        _line(240, "DATA ANGGOTA KELUARGA KE-1"),
        *_member_block(280, HEAD_FIELDS),
        _line(460, "DATA ANGGOTA KELUARGA KE-2"),
        *_member_block(500, WIFE_FIELDS),
    ]
    members = [{k: f.value for k, f in m.as_dict().items()} for m in members_from_blocks(lines)]
    assert [m["nik"] for m in members] == ["1504040708980028", "1504046611020017"]
    assert [m["relationship"] for m in members] == ["KEPALA KELUARGA", "ISTRI"]
    assert members[1]["birth_date"] == "2002-11-26" and members[1]["father_name"] == "AHMAD KURNIAWAN"


def test_two_members_side_by_side_are_read_left_then_right() -> None:
    from ektp.ocr.member_blocks import members_from_blocks

    left = _member_block(280, HEAD_FIELDS[:5] + HEAD_FIELDS[6:7])
    right = _member_block(280, WIFE_FIELDS[:5] + WIFE_FIELDS[6:7], x=1900)
    side = [Line(a.words + b.words) for a, b in zip(left, right, strict=True)]
    members = [
        {k: f.value for k, f in m.as_dict().items()} for m in members_from_blocks([*FAMILY_HEADER, *side])
    ]
    assert [m["name"] for m in members] == ["ARIF SAPUTRA", "ZAHRA SAPUTRA"]
    assert [m["birth_date"] for m in members] == ["1998-08-07", "2002-11-26"]


def test_a_header_with_no_member_block_reads_no_member() -> None:
    # Guard: the family's header (`NIK Kepala Keluarga`, `Nama Kepala Keluarga`) is no member's block.
    from ektp.ocr.member_blocks import members_from_blocks

    lines = [*FAMILY_HEADER, _cells(200, (60, "NIK Kepala Keluarga"), (390, ": 1504040708980028"))]
    assert members_from_blocks(lines) == []


LETTER = [
    _line(100, "Hal : Keterangan Pindah WNI"),
    _line(140, "Bersama ini kami terangkan bahwa penduduk kami atas nama ZAHRA SAPUTRA,"),
    _line(170, "NIK 1504046611020017, anggota keluarga dalam Kartu Keluarga Nomor"),
    _line(200, "1504040411240019 dengan kepala keluarga ARIF SAPUTRA, yang beralamat di"),
    _line(230, "JL. GAJAH MADA NO. 119, RT 010/RW 001, Kelurahan/Desa HAJRAN,"),
    _line(260, "Kecamatan BATIN XXIV, KABUPATEN BATANGHARI, Provinsi JAMBI, Kode Pos"),
    _line(290, "36656, akan pindah ke JL. HASANUDDIN NO. 129, RT 015 RW 007, Kel."),
    _line(320, "HILIKANA, Kecamatan HIBALA, KABUPATEN NIAS SELATAN, Provinsi SUMATERA"),
    _line(350, "UTARA, Kode Pos 22881, terhitung mulai tanggal 28 DESEMBER 2024."),
]


def test_a_dinas_letter_states_both_addresses_and_the_day_of_the_move() -> None:
    # Before (skpwni-surat-dinas): `RT 010/RW 001` gave no RW, the street after `pindah ke` and the RT/RW and
    # village after it were lost (`Kel.` taken for a title after the RW), and `terhitung mulai tanggal` was no
    # move date.
    from ektp.ocr.extract import parse_skpwni

    got = {k: f.value for k, f in parse_skpwni(LETTER).as_dict().items()}
    assert (got["origin_rt"], got["origin_rw"]) == ("010", "001")
    assert got["destination_address"] == "JL. HASANUDDIN NO. 129"
    assert (got["destination_rt"], got["destination_rw"]) == ("015", "007")
    assert got["destination_village"] == "HILIKANA" and got["destination_district"] == "HIBALA"
    assert got["move_date"] == "2024-12-28"


def test_moving_to_a_regency_names_no_street() -> None:
    # Guard: `pindah ke KABUPATEN NIAS SELATAN` names the regency, not the destination's street.
    from ektp.ocr.extract import parse_skpwni

    lines = [
        _line(100, "Hal : Keterangan Pindah WNI"),
        _line(140, "Bersama ini kami terangkan bahwa penduduk kami atas nama ZAHRA SAPUTRA,"),
        _line(170, "yang beralamat di JL. GAJAH MADA NO. 119, Kecamatan BATIN XXIV, akan"),
        _line(200, "pindah ke KABUPATEN NIAS SELATAN, Provinsi SUMATERA UTARA."),
    ]
    got = {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}
    assert "destination_address" not in got and got["destination_regency"] == "KABUPATEN NIAS SELATAN"


# --- from the session's review: each attack as a test --------------------------------------------------------


def test_a_block_that_prints_the_name_before_the_nik_keeps_each_members_own() -> None:
    # Before: blocks began at the first NIK, so the head's `Nama` (printed before his NIK) was lost and the
    # wife's name joined the head's NIK.
    from ektp.ocr.member_blocks import members_from_blocks

    def block(y: int, fields: list[tuple[str, str]]) -> list[Line]:
        return _member_block(y, [fields[1], fields[0], *fields[2:]])

    lines = [
        *FAMILY_HEADER,
        _line(240, "DATA ANGGOTA KELUARGA KE-1"),
        *block(280, HEAD_FIELDS),
        _line(460, "DATA ANGGOTA KELUARGA KE-2"),
        *block(500, WIFE_FIELDS),
    ]
    members = [{k: f.value for k, f in m.as_dict().items()} for m in members_from_blocks(lines)]
    assert [(m["nik"], m["name"]) for m in members] == [
        ("1504040708980028", "ARIF SAPUTRA"),
        ("1504046611020017", "ZAHRA SAPUTRA"),
    ]


def test_the_parents_niks_in_a_block_are_no_members_nik() -> None:
    # Before: `NIK Ibu` was read as the member's `NIK` label: it cut the block, and the head lost the fields
    # after it.
    from ektp.ocr.member_blocks import members_from_blocks

    fields = [*HEAD_FIELDS[:6], ("NIK Ibu", "1504044107700001"), *HEAD_FIELDS[6:]]
    members = [
        {k: f.value for k, f in m.as_dict().items()}
        for m in members_from_blocks([*FAMILY_HEADER, *_member_block(280, fields)])
    ]
    assert len(members) == 1 and members[0]["nik"] == "1504040708980028"
    assert members[0]["relationship"] == "KEPALA KELUARGA" and members[0]["father_name"] == "YOGA SETIAWAN"


def test_an_unlabelled_number_that_disagrees_with_the_card_is_no_nik() -> None:
    # Before: a KK number alone on a copy was taken for the NIK of a woman born in 2002 (it says a man born the
    # day the KK was issued); and a NIK label read with a digit lost let another number stand in.
    got = _ktp(
        [
            _line(100, "PROVINSI JAMBI"),
            _line(140, "1504040411240019"),
            _line(180, "Nama", ": ZAHRA SAPUTRA"),
            _line(220, "Tempat/Tgl Lahir", ": BATANGHARI, 26-11-2002"),
            _line(260, "Jenis Kelamin", ": PEREMPUAN"),
        ]
    )
    assert "nik" not in got and got["birth_date"] == "2002-11-26"
    misread = _ktp([_line(100, "PROVINSI JAMBI"), _line(140, "NIK", ": 150404661102017"), *IKD_PANEL[3:]])
    assert misread.get("nik") != "1504046611020017" or "nik" not in misread


def test_a_letters_validity_is_no_move_date() -> None:
    # Before: `berlaku terhitung mulai tanggal 02 JANUARI 2025` (the letter's validity) was the move's date.
    from ektp.ocr.extract import parse_skpwni

    lines = [
        *LETTER[:-1],
        _line(350, "UTARA, Kode Pos 22881."),
        _line(380, "Surat keterangan ini berlaku terhitung mulai tanggal 02 JANUARI 2025 sampai"),
    ]
    assert "move_date" not in parse_skpwni(lines).as_dict()


def test_a_place_of_birth_is_not_the_registrations_when_the_verb_is_misread() -> None:
    # Before: with `telah lahir` misread (`telah 1ah1r`), the last `pada tanggal` of the paragraph (the
    # registration's, `dicatat di JAMBI pada tanggal ...`) gave its place for the birth's.
    from ektp.ocr.prose import parse_birth_sentence

    lines = [
        _line(100, "KUTIPAN AKTA KELAHIRAN"),
        _line(140, "Berdasarkan Akta Kelahiran Nomor 1504-LT-26112002-2452 bahwa di BATANGHARI pada tanggal"),
        _line(170, "26 NOVEMBER 2002 telah 1ah1r seorang anak PEREMPUAN bernama ZAHRA SAPUTRA anak ke 3"),
        _line(
            200,
            "dari ayah AHMAD KURNIAWAN dan ibu NUR DEWI yang dicatat di JAMBI pada tanggal 16 DESEMBER 2002",
        ),
    ]
    got = {k: f.value for k, f in parse_birth_sentence(lines).items()}
    assert got["place_of_birth"] == "BATANGHARI"


def test_moving_to_a_village_and_district_names_no_street() -> None:
    # Before: `pindah ke KEL. HILIKANA KEC. HIBALA` was taken for the destination's street.
    from ektp.ocr.extract import parse_skpwni

    lines = [
        _line(100, "Hal : Keterangan Pindah WNI"),
        _line(140, "Bersama ini kami terangkan bahwa penduduk kami atas nama ZAHRA SAPUTRA,"),
        _line(170, "yang beralamat di JL. GAJAH MADA NO. 119, Kecamatan BATIN XXIV, akan"),
        _line(200, "pindah ke KEL. HILIKANA KEC. HIBALA."),
    ]
    assert "destination_address" not in parse_skpwni(lines).as_dict()


def test_a_sideways_table_reads_two_side_rows_at_most() -> None:
    # Before: a crafted page of thousands of side rows with a wrapped line between each was read row after row,
    # the wrapped lines matched against every row read (4,000 rows: about a minute). A move has two sides: two
    # rows are read, the rest is no part of that table.
    from ektp.ocr.extract import SKPWNI_LABELS
    from ektp.ocr.forms import read_labelled

    rows = [SIDEWAYS[3]]
    for k in range(200):
        side = "Daerah Asal" if k % 2 == 0 else "Daerah Tujuan"
        rows += [
            _row(300 + 40 * k, "", "", "", "", "", "", "KABUPATEN"),
            _row(
                314 + 40 * k,
                side,
                "JL. X",
                "010",
                "001",
                "HAJRAN",
                "BATIN XXIV",
                "BATANGHARI",
                "JAMBI",
                "36656",
            ),
        ]
    hits = read_labelled(rows, SKPWNI_LABELS)
    assert sum(h.key == "village" for h in hits if h.line == 0) == 2


# A register's extract: twelve ruled columns, the wrapped headings' first words on a line above the others
# (centred in their cells), the date in words wrapped over eight lines around the row.
# fmt: off
REGISTER_X = {"No.": 0, "No. Akta": 100, "NIK": 360, "Nama": 580, "Jenis": 840, "Tempat": 960, "Tanggal": 1110,
              "Anak": 1250, "Ayah": 1330, "Ibu": 1560, "Catat": 1790, "Ket": 1950}
REGISTER_EXTRACT = [
    _line(100, "SALINAN DARI REGISTER AKTA KELAHIRAN"),
    _cells(200, (0, "No."), (840, "Jenis"), (960, "Tempat"), (1110, "Tanggal"), (1250, "Anak"), (1790, "Tanggal")),
    _cells(225, (0, "Urut"), (100, "No. Akta"), (360, "NIK"), (580, "Nama Lengkap"), (840, "Kelamin"),
           (960, "Lahir"), (1110, "Lahir"), (1250, "Ke"), (1330, "Nama Ayah"), (1560, "Nama Ibu"),
           (1790, "Pencatatan"), (1950, "Keterangan")),
    _cells(255, *((x, str(n)) for n, x in enumerate(REGISTER_X.values(), start=1))),
    _cells(285, (1110, "TUJUH")),
    _cells(310, (1110, "AGUSTUS")),
    _cells(335, (1110, "SERIBU")),
    _cells(360, (1110, "SEMBILAN")),
    _cells(385, (0, "9387"), (100, "1504-LT-07081998-9387"), (360, "1504040708980028"), (580, "MA'RUF SAPUTRA"),
           (840, "LAKI-LAKI"), (960, "BATANGHARI"), (1110, "RATUS"), (1250, "5"), (1330, "YOGA SETIAWAN"),
           (1560, "FITRI SETIAWAN"), (1790, "19/12/1998")),
    _cells(410, (1110, "SEMBILAN")),
    _cells(435, (1110, "PULUH")),
    _cells(460, (1110, "DELAPAN")),
    _line(540, "Salinan ini sesuai dengan Buku Register Akta Kelahiran yang ada pada Dinas Kependudukan"),
]
# fmt: on


def test_a_register_extracts_row_is_read_under_its_wrapped_headings() -> None:
    # Before (akta-register-salinan): the headings' first words (`Jenis`, `Tempat`, `Tanggal`) on a line of
    # their own were taken for labels (the name `KELAMIN`); the cells read as one phrase went to one heading;
    # the date's eight lines were lost.
    got = _akta(REGISTER_EXTRACT)
    assert got["number"] == "1504-LT-07081998-9387" and got["nik"] == "1504040708980028"
    assert (
        got["name"] == "MA'RUF SAPUTRA"
        and got["sex"] == "LAKI-LAKI"
        and got["place_of_birth"] == "BATANGHARI"
    )
    assert got["birth_date"] == "1998-08-07"
    assert (got["father_name"], got["mother_name"]) == ("YOGA SETIAWAN", "FITRI SETIAWAN")
