"""The KK's member tables as the page reads them (issue 18, fourth round): titles wrapped onto two lines and the
row of column numbers under them are no members; a table broken at a sheet's foot and continued under its
repeated titles goes on with the next members, none twice."""

from __future__ import annotations

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.kk_table import parse_kk_members
from ektp.ocr.preprocess import VerticalRule

COLUMN = 260  # px per column of the printed table
ROW = 40

TITLES1 = [
    ["", "", "", "Jenis", "Tempat", "Tanggal", "", "", "Jenis", "Golongan"],
    ["No", "Nama Lengkap", "NIK", "", "", "", "Agama", "Pendidikan", "", ""],
    ["", "", "", "Kelamin", "Lahir", "Lahir", "", "", "Pekerjaan", "Darah"],
]
# The column numbers in print so small the scan reads some of them garbled.
NUMBERS1 = ["«1)", "(2)", "(3)", "ta)", "(5)", "(6)", "ig)", "(8)", "3)", "(10)"]
TITLES2 = [
    ["", "Status", "Tanggal", "Status Hubungan", "Kewarga-", "", "", "", ""],
    ["No", "", "", "", "", "No. Paspor", "No. KITAP", "Nama Ayah", "Nama Ibu"],
    ["", "Perkawinan", "Perkawinan", "Dalam Keluarga", "negaraan", "", "", "", ""],
]
NUMBERS2 = ["(1)", "2)", "(3)", "C3)", "(5)", "(6)", "mn", "(3)", "Ig)"]

ARIF = ["1", "ARIF SAPUTRA", "1504040708980028", "LAKI-LAKI", "BATANGHARI", "07-08-1998", "ISLAM", "TAMAT SD/SEDERAJAT", "BURUH HARIAN LEPAS", "B"]  # fmt: skip
ZAHRA = ["2", "ZAHRA SAPUTRA", "1504046611020017", "PEREMPUAN", "BATANGHARI", "26-11-2002", "ISLAM", "SLTP/SEDERAJAT", "MENGURUS RUMAH TANGGA", "TIDAK TAHU"]  # fmt: skip
BUDI = ["3", "BUDI SAPUTRA", "1504040503150011", "LAKI-LAKI", "BATANGHARI", "05-03-2015", "ISLAM", "BELUM TAMAT SD/SEDERAJAT", "PELAJAR/MAHASISWA", "O"]  # fmt: skip
SECOND = [
    ["1", "KAWIN TERCATAT", "17-05-2024", "KEPALA KELUARGA", "WNI", "-", "-", "YOGA SETIAWAN", "FITRI SETIAWAN"],
    ["2", "KAWIN TERCATAT", "17-05-2024", "ISTRI", "WNI", "-", "-", "AHMAD KURNIAWAN", "NUR DEWI"],
    ["3", "BELUM KAWIN", "-", "ANAK", "WNI", "-", "-", "ARIF SAPUTRA", "ZAHRA SAPUTRA"],
]  # fmt: skip


def _row_words(cells: list[str], y: int) -> list[OcrWord]:
    words = []
    for col, cell in enumerate(cells):
        x = col * COLUMN + 10
        for part in cell.split():
            width = min(COLUMN - 20, 11 * len(part))
            words.append(OcrWord(text=part, confidence=0.9, left=x, top=y, width=width, height=20, line=y))
            x += width + 6
    return words


def _page(tables: list[list[list[str]]]) -> tuple[OcrPage, list[VerticalRule]]:
    """Tables one under another, each ruled on its own: its rows' words in their columns, and its rules."""
    words: list[OcrWord] = []
    rules: list[VerticalRule] = []
    y = 100
    for rows in tables:
        top = y - 20
        for cells in rows:
            words += _row_words(cells, y)
            y += ROW
        rules += [VerticalRule(x=col * COLUMN, top=top, bottom=y) for col in range(len(rows[0]) + 1)]
        y += 120  # the sheet's foot, the grey between sheets and the next sheet's head
    return OcrPage(width=COLUMN * 11, height=y + 50, words=words), rules


def _values(members: list[dict[str, object]], key: str) -> list[object]:
    return [getattr(m.get(key), "value", None) for m in members]


def test_wrapped_titles_and_the_column_number_row_are_no_members() -> None:
    page, rules = _page([[*TITLES1, NUMBERS1, ARIF, ZAHRA], [*TITLES2, NUMBERS2, *SECOND[:2]]])
    members = [m.as_dict() for m in parse_kk_members(page, rules)]
    assert len(members) == 2
    assert _values(members, "name") == ["ARIF SAPUTRA", "ZAHRA SAPUTRA"]
    assert _values(members, "nik") == ["1504040708980028", "1504046611020017"]
    assert _values(members, "occupation") == ["BURUH HARIAN LEPAS", "MENGURUS RUMAH TANGGA"]
    assert _values(members, "relationship") == ["KEPALA KELUARGA", "ISTRI"]
    assert _values(members, "father_name") == ["YOGA SETIAWAN", "AHMAD KURNIAWAN"]


def test_titles_read_garbled_above_the_first_member_are_no_member() -> None:
    garbled = ["vo", "yamaLangkan", "v1", "ag", "Tamat", "Tana", "Asma", "Pandan", "pan", "Onongan"]
    numbers = ["a", "ol", "@", "@", "5", "&", "a", "@)", "@", "(10)"]
    page, rules = _page([[garbled, numbers, ARIF, ZAHRA]])
    members = [m.as_dict() for m in parse_kk_members(page, rules)]
    assert _values(members, "name") == ["ARIF SAPUTRA", "ZAHRA SAPUTRA"]


def test_a_table_continued_on_the_next_sheet_goes_on_with_the_next_members() -> None:
    sheet2 = [["(lanjutan)", "", "", "", "", "", "", "", "", ""]]  # the note left of the table, no cell
    page, rules = _page(
        [[*TITLES1, NUMBERS1, ARIF, ZAHRA], [*TITLES1, NUMBERS1, BUDI], [*TITLES2, NUMBERS2, *SECOND]]
    )
    page.words.extend(_row_words(sheet2[0], 10))
    members = [m.as_dict() for m in parse_kk_members(page, rules)]
    assert len(members) == 3
    assert _values(members, "name") == ["ARIF SAPUTRA", "ZAHRA SAPUTRA", "BUDI SAPUTRA"]
    assert _values(members, "nik")[2] == "1504040503150011"
    assert _values(members, "relationship") == ["KEPALA KELUARGA", "ISTRI", "ANAK"]
    assert _values(members, "marital_status")[2] == "BELUM KAWIN"


def test_a_row_printed_at_the_foot_and_again_on_the_next_sheet_is_one_member() -> None:
    page, rules = _page(
        [[*TITLES1, NUMBERS1, ARIF, ZAHRA], [*TITLES1, NUMBERS1, ZAHRA, BUDI], [*TITLES2, NUMBERS2, *SECOND]]
    )
    members = [m.as_dict() for m in parse_kk_members(page, rules)]
    assert _values(members, "name") == ["ARIF SAPUTRA", "ZAHRA SAPUTRA", "BUDI SAPUTRA"]
    assert _values(members, "mother_name")[2] == "ZAHRA SAPUTRA"
