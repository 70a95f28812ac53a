"""Rules found by the tenth blind round (tools/docgen/variety_round10.py): lines as the engines read them there."""

from __future__ import annotations

from ektp.ocr.engine import OcrWord
from ektp.ocr.extract import parse_skpwni
from ektp.ocr.normalise import rt_rw
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_line as _line


def _skpwni(lines: list[Line]) -> dict[str, str]:
    return {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}


def test_a_region_printed_as_its_code_then_its_name_is_read_by_its_name() -> None:
    """skpwni-kode-wilayah (an F-1.03 form): `Kode - Nama Kel/Desa` with the village's code boxed before its
    name. The label was no label (every region unread), then the code was read as the name."""
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH"),
        _line(150, "A. DATA DAERAH ASAL"),
        _line(190, "4. RT/RW", "015 RW 011"),
        _line(230, "5. Kode - Nama Kel/Desa", "2006", "BANYUURIP"),
        _line(270, "6. Kode - Nama Kecamatan", "0 7 UJUNGPANGKAH"),
        _line(310, "7. Kode - Nama Kab/Kota", "2 5", "KABUPATEN GRESIK"),
        _line(350, "8. Kode dan Nama Provinsi", "35 JAWA TIMUR"),
        _line(400, "C. DATA DAERAH TUJUAN"),
        _line(440, "17. RT/RW", "002 RW 004"),
        _line(480, "18. Kode - Nama Kel/Desa", "1009 HARAPAN JAYA"),
    ]
    got = _skpwni(lines)
    assert got["origin_village"] == "BANYUURIP" and got["origin_district"] == "UJUNGPANGKAH"
    assert got["origin_regency"] == "KABUPATEN GRESIK" and got["origin_province"] == "JAWA TIMUR"
    assert (got["origin_rt"], got["origin_rw"]) == ("015", "011")
    assert (got["destination_rt"], got["destination_rw"]) == ("002", "004")
    assert got["destination_village"] == "HARAPAN JAYA"


def test_only_one_code_goes_before_a_regions_name() -> None:
    # From the review: Palembang's `16 ILIR` after its village code lost its number; a dotted code stayed.
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH"),
        _line(150, "DATA DAERAH ASAL"),
        _line(190, "5. Kode - Nama Kel/Desa", "1005 16 ILIR"),
        _line(230, "6. Kode - Nama Kecamatan", "35.25.07 UJUNGPANGKAH"),
    ]
    got = _skpwni(lines)
    assert got["origin_village"] == "16 ILIR" and got["origin_district"] == "UJUNGPANGKAH"


def test_a_number_in_a_region_name_stays_where_no_label_says_a_code_comes_first() -> None:
    # Palembang's kelurahan `10 ILIR`: the number is the name's own.
    lines = [
        _line(100, "SURAT KETERANGAN PINDAH"),
        _line(150, "DATA DAERAH ASAL"),
        _line(190, "Desa/Kelurahan", ": 10 ILIR"),
        _line(230, "Kecamatan", ": ILIR TIMUR II"),
    ]
    assert _skpwni(lines)["origin_village"] == "10 ILIR"


def test_the_rw_label_between_the_two_numbers_splits_them() -> None:
    assert rt_rw("015 RW 011") == ("015", "011")
    assert rt_rw("0 1 5 RW 0 1 1") == ("015", "011")
    assert rt_rw("015 RVV: 011") == ("015", "011")
    assert rt_rw("015 / 011") == ("015", "011")
    assert rt_rw("015 RW") is None  # the RW's number unread: nothing is guessed


def test_a_dotted_leader_run_on_into_a_name_is_no_part_of_it() -> None:
    """akta-titik-penuntun degraded: `BAYU SANTOSO, S.E....` (the leader after the title's own stop). A bare
    `Ayah`/`Ibu` label was tried for its `Ayah : ...` and withdrawn: `IBU KOTA JAKARTA` in a heading and `ayah
    ... dan ibu ...` in prose gave wrong parents (the review's reproducers, kept here as guards)."""
    from ektp.ocr.extract import parse_akta

    lines = [
        _line(60, "PEMERINTAH PROVINSI DAERAH KHUSUS"),
        _line(90, "IBU KOTA JAKARTA"),
        _line(140, "KUTIPAN AKTA KELAHIRAN"),
        _line(180, "Nomor : 3525-LT-08022010-7824"),
        _line(220, "Nama Lengkap", ": AGUS SAPUTRA"),
        _line(260, "Nama Ayah", ": BAYU SANTOSO, S.E...."),
        _line(300, "Nama Ibu", ": YULI SRI WIDODO ......"),
    ]
    got = {k: f.value for k, f in parse_akta(lines).as_dict().items()}
    assert got["father_name"] == "BAYU SANTOSO, S.E."
    assert got["mother_name"] == "YULI SRI WIDODO"
    assert got["name"] == "AGUS SAPUTRA"


_SECOND_ROWS = [
    ["1", "ARIF SAPUTRA", "KAWIN TERCATAT", "2024-05-17", "KEPALA KELUARGA", "WNI", "-", "-", "YOGA SETIAWAN",
     "FITRI SETIAWAN"],
    ["2", "ZAHRA SAPUTRA", "KAWIN TERCATAT", "2024-05-17", "ISTRI", "WNI", "-", "-", "AHMAD KURNIAWAN", "NUR DEWI"],
]  # fmt: skip


def _row(cells: list[str], y: int, column: int) -> list[OcrWord]:
    """One printed table row as the engine reports its words: each cell from its column's left edge."""
    words: list[OcrWord] = []
    for col, cell in enumerate(cells):
        x = col * column + 8
        for part in cell.split():
            words.append(
                OcrWord(text=part, confidence=0.9, left=x, top=y, width=11 * len(part), height=20, line=y)
            )
            x += 11 * len(part) + 6
    return words


def _siak_members(second_rows: list[list[str]]) -> list[dict[str, str]]:
    """SIAK's two tables without rules, the second repeating each member's name, as the page reads them."""
    from ektp.ocr.engine import OcrPage
    from ektp.ocr.kk_table import parse_kk_members

    wide = 240

    def row(cells: list[str], y: int) -> list[OcrWord]:
        return _row(cells, y, wide)

    titles1 = ["No", "NIK", "Nama Lengkap", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "Agama",
               "Pendidikan", "Jenis Pekerjaan", "Gol. Darah"]  # fmt: skip
    titles2 = ["No", "Nama Lengkap", "Status Perkawinan", "Tanggal Perkawinan", "SHDK", "Kewarganegaraan",
               "No. Paspor", "No. KITAS/KITAP", "Nama Ayah", "Nama Ibu"]  # fmt: skip
    words = row(titles1, 100)
    words += row(["1", "1504040708980028", "ARIF SAPUTRA", "LAKI-LAKI", "BATANGHARI", "1998-08-07", "ISLAM",
                  "TAMAT SD/SEDERAJAT", "WIRASWASTA", "B"], 140)  # fmt: skip
    words += row(["2", "1504046611020017", "ZAHRA SAPUTRA", "PEREMPUAN", "BATANGHARI", "2002-11-26", "ISLAM",
                  "SLTP/SEDERAJAT", "PEDAGANG", "O"], 180)  # fmt: skip
    words += row(titles2, 260)
    for k, cells in enumerate(second_rows):
        words += row(cells, 300 + 40 * k)
    page = OcrPage(width=wide * 11, height=500, words=words)
    return [{k: f.value for k, f in m.as_dict().items()} for m in parse_kk_members(page, [])]


def test_a_second_table_that_prints_the_name_again_is_read_by_its_titles() -> None:
    """kk-siak-web (SIAK's web view of a family): the second table repeats each member's name, so it has the
    first table's ten columns; its titles named too few of the first table's fields and it was no table (every
    marital status, relationship and parent of the page lost)."""
    members = _siak_members(_SECOND_ROWS)
    assert [m["name"] for m in members] == ["ARIF SAPUTRA", "ZAHRA SAPUTRA"]  # two members, not four
    assert [m["nik"] for m in members] == ["1504040708980028", "1504046611020017"]
    assert [m["relationship"] for m in members] == ["KEPALA KELUARGA", "ISTRI"]
    assert [m["father_name"] for m in members] == ["YOGA SETIAWAN", "AHMAD KURNIAWAN"]
    assert members[1]["marital_status"] == "KAWIN TERCATAT" and members[1]["marriage_date"] == "2024-05-17"


def test_a_second_table_row_that_prints_the_name_joins_that_member_not_the_next_in_order() -> None:
    """From the review: the head's row of the second table lost (a stamp, or not read), his wife's row was
    joined by order to him (the head `ISTRI`, his father `AHMAD KURNIAWAN`). The name it prints says whose it is;
    a row whose name is no member's is joined to no one."""
    members = _siak_members(_SECOND_ROWS[1:])
    assert [m.get("relationship") for m in members] == [None, "ISTRI"]
    assert [m.get("father_name") for m in members] == [None, "AHMAD KURNIAWAN"]
    stranger = [["1", "BUDI HARTONO", *_SECOND_ROWS[0][2:]]]
    assert [m.get("relationship") for m in _siak_members(stranger)] == [None, None]


def test_a_title_row_read_garbled_that_holds_a_values_word_is_no_member() -> None:
    """kk-folio-potret (an old KK, bold small titles): the second table's titles read `No. | Status Kawin | Pemi |
    SHDK | Kwn. | Paspor | Tar AP | Ayah | Ibu`. `KAWIN` and `Kwn.` read as a marital status and a citizenship,
    so the row was a member's: the head's parents became `AYAH` and `IBU`, and every row after went to the
    member before it."""
    from ektp.ocr.engine import OcrPage
    from ektp.ocr.kk_table import KK_TABLE2, parse_kk_members
    from ektp.ocr.preprocess import VerticalRule

    column = 200

    def row(cells: list[str], y: int) -> list[OcrWord]:
        return _row(cells, y, column)

    words = row(["", "n", "Ta al", "", "", "", "No. KITAS/", "", ""], 100)
    words += row(["No.", "Status Kawin", "Pemi", "SHDK", "Kwn.", "Paspor", "Tar AP", "Ayah", "Ibu"], 130)
    words += row(["1", "KAWIN TERCATAT", "17.05.2024", "KEPALA KELUARGA", "WNI", "-", "-", "YOGA SETIAWAN",
                  "FITRI SETIAWAN"], 180)  # fmt: skip
    words += row(["2", "KAWIN TERCATAT", "17.05.2024", "ISTRI", "WNI", "-", "-", "AHMAD KURNIAWAN",
                  "NUR DEWI ANGGRAINI"], 230)  # fmt: skip
    rules = [VerticalRule(x=c * column, top=80, bottom=280) for c in range(len(KK_TABLE2) + 1)]
    page = OcrPage(width=column * 10, height=400, words=words)
    members = [{k: f.value for k, f in m.as_dict().items()} for m in parse_kk_members(page, rules)]
    assert [m.get("father_name") for m in members] == ["YOGA SETIAWAN", "AHMAD KURNIAWAN"]
    assert [m.get("relationship") for m in members] == ["KEPALA KELUARGA", "ISTRI"]
