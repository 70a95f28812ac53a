"""Labels printed in a row above a row of values (boxed online prints, cells with the label small at the top),
and the F-1.08 letter of arrival (issue 18, fourth round). Lines are written as a scan reads them."""

from __future__ import annotations

from ektp.ocr.engine import OcrWord
from ektp.ocr.extract import parse_kk, parse_skpwni
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_line as _line


def _cells(y: int, *cells: tuple[int, str]) -> Line:
    """One printed row of cells: each phrase from its cell's left edge (x), as the engine reports its words."""
    words: list[OcrWord] = []
    for left, phrase in cells:
        x = left
        for text in phrase.split():
            words.append(
                OcrWord(text=text, confidence=0.9, left=x, top=y, width=12 * len(text), height=20, line=y)
            )
            x += 12 * len(text) + 8
    return Line(words)


def _values(lines: list[Line]) -> dict[str, str]:
    return {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}


def test_a_row_of_labels_over_a_row_of_values_pairs_them_by_column() -> None:
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA"),
        _line(140, "Nomor: SKPWNI/150404/04112024/3842"),
        _line(200, "DATA PEMOHON"),
        _cells(240, (90, "NIK Pemohon"), (690, "Nama Lengkap")),
        _cells(270, (90, "1504046611020017"), (690, "ZAHRA SAPUTRA")),
        _cells(320, (90, "Nomor Kartu Keluarga"), (690, "Nama Kepala Keluarga")),
        _cells(350, (90, "1504040411240019"), (690, "ARIF SAPUTRA")),
        _line(420, "ALAMAT ASAL"),
        _cells(460, (90, "Alamat Asal")),
        _cells(490, (90, "JL. GAJAH MADA NO. 119")),
        _cells(540, (90, "RT"), (490, "RW"), (890, "Kode Pos")),
        _cells(570, (90, "010"), (490, "001"), (890, "36656")),
        _cells(620, (90, "Desa/Kelurahan Asal"), (690, "Kecamatan Asal")),
        _cells(650, (90, "HAJRAN"), (690, "BATIN XXIV")),
        _line(720, "ALAMAT TUJUAN"),
        _cells(760, (90, "Alamat Tujuan")),
        _cells(790, (90, "JL. HASANUDDIN NO. 129")),
        _cells(840, (90, "RT"), (490, "RW"), (890, "Kode Pos")),
        _cells(870, (90, "015"), (490, "007"), (890, "22881")),
        _cells(920, (90, "Kabupaten/Kota Tujuan"), (690, "Provinsi Tujuan")),
        _cells(950, (90, "KABUPATEN NIAS SELATAN"), (690, "SUMATERA UTARA")),
        _line(1020, "KETERANGAN KEPINDAHAN"),
        _cells(1060, (90, "Alasan Pindah"), (690, "Klasifikasi Pindah")),
        _cells(1090, (90, "Keluarga"), (690, "Antar Provinsi")),
        _cells(1140, (90, "Jenis Kepindahan"), (690, "Rencana Tanggal Pindah")),
        _cells(1170, (90, "Angg. Keluarga"), (690, "25/11/2024")),
    ]
    got = _values(lines)
    assert got["nik"] == "1504046611020017" and got["name"] == "ZAHRA SAPUTRA"
    assert got["kk_number"] == "1504040411240019"
    assert got["origin_address"] == "JL. GAJAH MADA NO. 119"  # a cell's `Alamat Asal` is no section heading
    assert (got["origin_rt"], got["origin_rw"], got["origin_postal_code"]) == ("010", "001", "36656")
    assert got["origin_village"] == "HAJRAN" and got["origin_district"] == "BATIN XXIV"
    assert got["destination_address"] == "JL. HASANUDDIN NO. 129"
    assert (got["destination_rt"], got["destination_rw"]) == ("015", "007")
    assert got["destination_postal_code"] == "22881"
    assert got["destination_regency"] == "KABUPATEN NIAS SELATAN"
    assert got["destination_province"] == "SUMATERA UTARA"
    assert got["move_reason"] == "KELUARGA" and got["move_classification"] == "ANTAR PROVINSI"
    assert got["move_type"] == "ANGGOTA KELUARGA" and got["move_date"] == "2024-11-25"


def test_a_heading_of_no_field_between_two_labels_keeps_its_own_column() -> None:
    """Round 10 (blind), SIAK's web view of a family: `Nomor KK  NIK Kepala Keluarga  Nama Kepala Keluarga` over
    the three values. The head's NIK has no field on a KK, and its heading was taken for the KK number's value;
    the name's label then took the whole row below (`3525... 3525... BAYU SANTOSO`) as the head's name."""
    lines = [
        _line(60, "Detail Kartu Keluarga"),
        _cells(100, (100, "Nomor KK"), (650, "NIK Kepala Keluarga"), (1200, "Nama Kepala Keluarga")),
        _cells(130, (105, "3525070305130015"), (660, "3525071212840020"), (1210, "BAYU SANTOSO, S.E.")),
        _cells(180, (100, "Kode Pos"), (650, "Tanggal Penerbitan KK")),
        _cells(210, (105, "61154"), (660, "03-05-2013")),
    ]
    got = {k: f.value for k, f in parse_kk(lines).as_dict().items()}
    assert got["number"] == "3525070305130015"
    assert got["head_of_family"] == "BAYU SANTOSO, S.E."
    assert got["postal_code"] == "61154" and got["issue_date"] == "2013-05-03"


def test_a_row_of_values_with_labels_on_it_is_no_heading_row() -> None:
    """The guard: phrases that carry their values (`Nomor KK : 3525...`) are read as such, not as headings of
    the line below."""
    lines = [
        _cells(100, (100, "Nomor KK : 3525070305130015"), (900, "Kode Pos : 61154")),
        _cells(130, (100, "Nama Kepala Keluarga : BAYU SANTOSO"), (900, "Desa/Kelurahan : BANYUURIP")),
    ]
    got = {k: f.value for k, f in parse_kk(lines).as_dict().items()}
    assert got["number"] == "3525070305130015" and got["head_of_family"] == "BAYU SANTOSO"
    assert got["postal_code"] == "61154" and got["village"] == "BANYUURIP"


def test_a_value_centred_under_its_label_goes_to_the_label_it_overlaps() -> None:
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH WNI"),
        _cells(240, (300, "NIK"), (800, "Nama")),
        _cells(270, (210, "1504046611020017"), (740, "ZAHRA SAPUTRA")),
    ]
    got = _values(lines)
    assert got["nik"] == "1504046611020017" and got["name"] == "ZAHRA SAPUTRA"


def test_a_qualifier_read_one_letter_off_still_says_which_address() -> None:
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH DATANG WNI"),
        _line(200, "I. DATA DAERAH TUJUAN"),
        _line(240, "1. Alamat Tujuan : JL. CEMPAKA NO. 76"),
        _line(280, "2. RT/RW : 013/009"),
        _line(320, ". H DATA DAERAH ASAL"),
        _line(360, "1. Nomor KK Semula : 7107020508170053"),
        _line(400, "3. Alamat Asat", ": GG. HASANUDDIN IV NO. 19"),
        _line(440, "4. RT/RW : 009/004"),
    ]
    got = _values(lines)
    assert got["destination_address"] == "JL. CEMPAKA NO. 76"
    assert got["origin_address"] == "GG. HASANUDDIN IV NO. 19"
    assert (got["origin_rt"], got["origin_rw"]) == ("009", "004")


def test_the_date_of_arrival_on_a_letter_of_arrival_is_the_move_date() -> None:
    for label, value, iso in (
        ("7. Tgl. Kedatangan 1", "13 Desember 2024", "2024-12-13"),
        ("Tanggal Kedatangan :", "03-09-2017", "2017-09-03"),
    ):
        lines = [
            _line(100, "SURAT KETERANGAN PINDAH DATANG WNI"),
            _line(200, "III. DATA KEPINDAHAN"),
            _line(240, "1. NIK : 1504046611020017"),
            _line(280, label, value),
        ]
        assert _values(lines)["move_date"] == iso, label


def _online_print() -> bytes:
    """An SKPWNI printed from the online service: shaded section bars, and boxed cells with the label small
    and grey at the top and the value in bold under it, two or three cells a row."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    fonts = "/usr/share/fonts/truetype/dejavu/"
    small = ImageFont.truetype(fonts + "DejaVuSansCondensed.ttf", 19)
    bold = ImageFont.truetype(fonts + "DejaVuSansCondensed-Bold.ttf", 28)
    title = ImageFont.truetype(fonts + "DejaVuSans-Bold.ttf", 34)
    img = Image.new("L", (1700, 2000), 250)
    d = ImageDraw.Draw(img)
    d.text((160, 80), "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA", font=title, fill=0)
    d.text((560, 140), "Nomor: SKPWNI/350702/12032025/0417", font=small, fill=0)
    y = 220

    def bar(text: str) -> None:
        nonlocal y
        d.rectangle((100, y, 1600, y + 46), fill=205)
        d.text((116, y + 8), text, font=bold, fill=0)
        y += 58

    def row(*cells: tuple[str, str]) -> None:
        nonlocal y
        width = 1500 // len(cells)
        for i, (label, value) in enumerate(cells):
            x = 100 + i * width
            d.rectangle((x, y, x + width, y + 90), outline=0, width=2)
            d.text((x + 12, y + 8), label, font=small, fill=95)
            d.text((x + 12, y + 40), value, font=bold, fill=0)
        y += 90

    bar("DATA PEMOHON")
    row(("NIK Pemohon", "3507025203990002"), ("Nama Lengkap", "SITI NURHALIZA"))
    y += 30
    bar("ALAMAT TUJUAN")
    row(("Alamat Tujuan", "JL. MERPATI NO. 7"))
    row(("RT", "004"), ("RW", "011"), ("Kode Pos", "65151"))
    row(("Desa/Kelurahan Tujuan", "SUMBERSARI"), ("Kecamatan Tujuan", "LOWOKWARU"))
    y += 30
    bar("KETERANGAN KEPINDAHAN")
    row(("Alasan Pindah", "Pekerjaan"), ("Klasifikasi Pindah", "Antar Kecamatan"))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def test_small_grey_labels_over_bold_values_are_read_and_paired() -> None:
    from ektp.ocr import extract_document

    result = extract_document(_online_print(), declared_type="skpwni")
    got = {k: f.value for k, f in result.fields.items()}
    assert got.get("nik") == "3507025203990002" and got.get("name") == "SITI NURHALIZA"
    assert got.get("destination_address") == "JL. MERPATI NO. 7"
    assert (got.get("destination_rt"), got.get("destination_rw")) == ("004", "011")
    assert got.get("destination_postal_code") == "65151"
    assert got.get("destination_village") == "SUMBERSARI"
    assert got.get("destination_district") == "LOWOKWARU"
    assert got.get("move_reason") == "PEKERJAAN" and got.get("move_classification") == "ANTAR KECAMATAN"


def test_labels_with_their_values_after_a_colon_column_are_no_heading_row() -> None:
    """The guard from the bench (akta-phone-photo, a two-column Kutipan): `Nama Anak  : ARIF SAPUTRA  Nama Ibu  :
    FITRI SETIAWAN`, each value its own phrase after its colon. Read as a row of headings, the next line gave the
    child's name `ANAK KE` and the mother's `KEWARGANEGARAAN : WNI`."""
    from ektp.ocr.extract import parse_akta

    lines = [
        _line(100, "KUTIPAN AKTA KELAHIRAN"),
        _cells(
            140, (100, "Nama Anak"), (400, ": ARIF SAPUTRA"), (900, "Nama Ibu"), (1200, ": FITRI SETIAWAN")
        ),
        _cells(170, (100, "Anak Ke"), (400, ": 3 (Tiga)"), (900, "Kewarganegaraan : WNI")),
    ]
    got = {k: f.value for k, f in parse_akta(lines).as_dict().items()}
    assert got["name"] == "ARIF SAPUTRA" and got["mother_name"] == "FITRI SETIAWAN"


def test_labels_beside_values_in_capitals_are_no_heading_row_over_a_tables_titles() -> None:
    """The guard from the bench (kk-layar-laptop, the e-KK on a screen): `Desa/Kelurahan  HAJRAN  Provinsi  JAMBI`
    over the member table's titles. Read as a row of headings, the village became `NAMA LENGKAP` and the
    province `TANGGAL LAHIR AGAMA PENDIDIKAN`."""
    lines = [
        _line(60, "KARTU KELUARGA"),
        _cells(100, (100, "Desa/Kelurahan"), (400, "HAJRAN"), (900, "Provinsi"), (1200, "JAMBI")),
        _cells(
            140, (100, "Nama Lengkap"), (400, "NIK"), (700, "Jenis Kelamin"), (1000, "Tanggal Lahir Agama")
        ),
    ]
    got = {k: f.value for k, f in parse_kk(lines).as_dict().items()}
    assert got.get("village") == "HAJRAN" and got.get("province") == "JAMBI"


def test_labels_alternating_with_their_values_in_title_case_are_no_heading_row() -> None:
    """From the review: `Nama Ayah  Sutrisno  Nama Ibu  Siti Aminah` (colons lost, values in title case) over the
    next such row gave the father `KEWARGANEGARAAN` and the mother `ANAK KE`: labels must be most of a row."""
    from ektp.ocr.extract import parse_akta

    lines = [
        _line(60, "KUTIPAN AKTA KELAHIRAN"),
        _cells(100, (100, "Nama Ayah"), (400, "Sutrisno"), (900, "Nama Ibu"), (1200, "Siti Aminah")),
        _cells(140, (100, "Kewarganegaraan"), (400, "Indonesia"), (900, "Anak Ke"), (1200, "Satu")),
    ]
    got = {k: f.value for k, f in parse_akta(lines).as_dict().items()}
    assert got.get("father_name") != "KEWARGANEGARAAN" and got.get("mother_name") != "ANAK KE"


def test_cell_borders_read_between_headings_are_no_values() -> None:
    # Before (kk-siak-web photocopied, the tenth blind round): each cell's border read as a `|` phrase of its own
    # was taken for the heading's value before it (`Kecamatan` -> `|`, the issue date -> `|`), and every heading
    # after it shifted: the whole row of names became the province.
    lines = [
        _line(100, "Lihat Data Keluarga"),
        _cells(
            160,
            (90, "Kel/Desa"),
            (400, "Kecamatan"),
            (680, "|"),
            (700, "Kabupaten/Kota"),
            (1000, "|"),
            (1030, "Provinsi"),
        ),
        _cells(190, (90, "HAJRAN"), (400, "BATIN XXIV"), (700, "KABUPATEN BATANGHARI"), (1030, "JAMBI")),
        _cells(240, (90, "Tanggal Penerbitan KK"), (500, "|"), (800, "|")),
        _cells(270, (90, "2024-11-04")),
    ]
    got = {k: f.value for k, f in parse_kk(lines).as_dict().items()}
    assert (got["village"], got["district"]) == ("HAJRAN", "BATIN XXIV")
    assert (got["regency"], got["province"]) == ("KABUPATEN BATANGHARI", "JAMBI")
    assert got["issue_date"] == "2024-11-04"


def test_an_rt_rw_heading_read_without_its_slash_is_still_a_heading() -> None:
    # Before (kk-siak-web photocopied): `RIRW` (the T read as an I, the slash lost) was no label, so it was
    # taken for the address's value, and the address printed under `Alamat` was lost.
    lines = [
        _line(100, "Lihat Data Keluarga"),
        _cells(160, (90, "Alamat"), (700, "RIRW"), (1000, "Kode Pos")),
        _cells(190, (90, "JL. GAJAH MADA NO. 119"), (700, "010/001"), (1000, "36656")),
    ]
    got = {k: f.value for k, f in parse_kk(lines).as_dict().items()}
    assert got["address"] == "JL. GAJAH MADA NO. 119"
    assert (got["rt"], got["rw"]) == ("010", "001")


def test_misread_headings_over_a_row_of_values_are_still_their_columns() -> None:
    # Before (kk-siak-web): `Al amal` (Alamat) and `Norma KK` (Nomor KK) were no label at the bare label's
    # score: the address was lost, and the head's name took the whole row under its heading (`3525... 3525...
    # BAYU SANTOSO`). In a row of headings over a row of values, a heading is held to a colon's score.
    lines = [
        _line(100, "Detail Kartu Keluarga"),
        _cells(160, (90, "Norma KK"), (500, "NIK Kepala Keluarga"), (900, "Nama Kepala Keluarga")),
        _cells(190, (90, "3525070305130015"), (500, "3525071212840020"), (900, "BAYU SANTOSO")),
        _cells(240, (90, "Al amal"), (700, "RT/RW"), (1000, "Kode Pos")),
        _cells(270, (90, "DUSUN KARANGANYAR"), (700, "015/011"), (1000, "61154")),
    ]
    got = {k: f.value for k, f in parse_kk(lines).as_dict().items()}
    assert got["number"] == "3525070305130015" and got["head_of_family"] == "BAYU SANTOSO"
    assert got["address"] == "DUSUN KARANGANYAR" and (got["rt"], got["rw"]) == ("015", "011")


def test_a_heading_read_loosely_as_a_field_another_heading_names_is_no_label() -> None:
    # Guard: `NIK Kepala Keluarga` is a colon's score from `Nama Kepala Keluarga`; read loosely it would be a
    # second column of the head's name, and the head's NIK his name.
    lines = [
        _line(100, "Lihat Data Keluarga"),
        _cells(
            160, (90, "Nomor Karlu Keluarga"), (500, "NIK Kepala Keluarga"), (900, "Nama Kepala Keluarga")
        ),
        _cells(190, (90, "1504040411240019"), (500, "1504040708980028"), (900, "ARIF SAPUTRA")),
    ]
    got = {k: f.value for k, f in parse_kk(lines).as_dict().items()}
    assert got["number"] == "1504040411240019" and got["head_of_family"] == "ARIF SAPUTRA"


def test_unread_headings_in_a_row_of_labels_keep_their_values_from_their_neighbours() -> None:
    # Before: two headings no label reads (a misread beyond any score) stood before two labels; their values
    # went to the nearest label, and the head's name was `DUSUN KARANGANYAR 015/011 BAYU SANTOSO`.
    lines = [
        _line(100, "Detail Kartu Keluarga"),
        _cells(160, (90, "Xyzw Qrst"), (400, "Abcd Efgh"), (700, "Nama Kepala Keluarga"), (1030, "Kode Pos")),
        _cells(190, (90, "DUSUN KARANGANYAR"), (400, "015/011"), (700, "BAYU SANTOSO"), (1030, "61154")),
    ]
    got = {k: f.value for k, f in parse_kk(lines).as_dict().items()}
    assert got["head_of_family"] == "BAYU SANTOSO" and got["postal_code"] == "61154"


def test_an_rt_rw_label_after_the_other_sides_rw_is_the_next_sides() -> None:
    # Before (skpwni-cetak-browser): the origin's `RT/RW` read as `RW` (`RE/RW`) and the destination's as
    # `RT/RW`; no heading said which side, and the destination's numbers were taken for the origin's (the first
    # `RT/RW` of the page) because an `RW` is another key.
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH WNI (SKPWNI)"),
        _cells(
            160,
            (90, "Alamat"),
            (400, "JL. GAJAH MADA NO. 119"),
            (900, "Alamat"),
            (1200, "JL. HASANUDDIN NO. 129"),
        ),
        _cells(200, (90, "RE/RW"), (400, "010/001"), (900, "RT/RW"), (1200, "015 / 007")),
    ]
    got = _values(lines)
    assert (got["destination_rt"], got["destination_rw"]) == ("015", "007")
    assert got.get("origin_rt") != "015" and got.get("origin_rw") != "007"


def test_rt_then_rw_labels_are_one_sides_two_numbers() -> None:
    # Guard: `RT` and `RW` each with its own label are the origin's two numbers, not one side each.
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH WNI (SKPWNI)"),
        _cells(160, (90, "Alamat"), (400, "JL. GAJAH MADA NO. 119")),
        _cells(200, (90, "RT"), (400, "010"), (700, "RW"), (900, "001")),
    ]
    got = _values(lines)
    assert (got["origin_rt"], got["origin_rw"]) == ("010", "001") and "destination_rw" not in got


def test_the_next_heading_under_a_row_of_values_is_no_wrapped_value() -> None:
    # Found by the bench (kk-siak-web): a wide row's last cell may wrap onto lines below it, but the next
    # heading (`Tanggal Penerbitan KK`) is no part of the village's name, and its date stays its own.
    lines = [
        _line(100, "Lihat Data Keluarga"),
        _cells(160, (90, "Kel/Desa"), (400, "Kecamatan"), (700, "Kabupalen/Kola"), (1030, "Provinsi")),
        _cells(190, (90, "HAJRAN"), (400, "BATIN XXIV"), (700, "KABUPATEN BATANGHARI"), (1030, "JAMBI")),
        _cells(222, (90, "Tanggal Penerbitan KK")),
        _cells(252, (90, "2024-11-04")),
    ]
    got = {k: f.value for k, f in parse_kk(lines).as_dict().items()}
    assert got["village"] == "HAJRAN" and got["issue_date"] == "2024-11-04"
