"""Labels printed in a row above a row of values (boxed online prints, cells with the label small at the top),
and the F-1.08 letter of arrival (issue 18, fourth round). Lines are written as a scan reads them."""

from __future__ import annotations

from ektp.ocr.engine import OcrWord
from ektp.ocr.extract import parse_skpwni
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
