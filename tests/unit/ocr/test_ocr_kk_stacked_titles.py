"""A KK's member tables whose column titles are set on two lines (`Jenis` over `Kelamin`, `Tempat` over `Lahir`,
with one-line titles such as `Agama` read on either line), and a table whose rules a photo showed only in part:
found in kk-lipat-tiga (the e-KK folded in three, photographed half open), where not one member was read."""

from __future__ import annotations

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.kk_table import KK_TABLE1, parse_kk_members
from ektp.ocr.preprocess import VerticalRule
from tests.unit.ocr.test_ocr_kk_wrapped_cells import HEAD, ROWS1, ROWS2, WIDE, WIFE, _words

# Each column's title as the form sets it: its first line, its second ("" for a one-line title, which the
# engine reads on the second line: the titles' middle).
TABLE1_TITLES = (("No", ""), ("Nama Lengkap", ""), ("NIK", ""), ("Jenis", "Kelamin"), ("Tempat", "Lahir"),
                 ("Tanggal", "Lahir"), ("", "Agama"), ("", "Pendidikan"), ("Jenis", "Pekerjaan"),
                 ("Golongan", "Darah"))  # fmt: skip
TABLE2_TITLES = (("No", ""), ("Status", "Perkawinan"), ("Tanggal", "Perkawinan"), ("Status Hubungan", ""),
                 ("Kewarganegaraan", ""), ("No. Paspor", ""), ("No. KITAP", ""), ("Nama Ayah", ""),
                 ("Nama Ibu", ""))  # fmt: skip


def _row(cells: list[str], y: int) -> list[OcrWord]:
    return [w for col, cell in enumerate(cells) for w in _words(cell, col, y, WIDE)]


def _titles(titles: tuple[tuple[str, str], ...], y: int) -> list[OcrWord]:
    return _row([a for a, _ in titles], y) + _row([b for _, b in titles], y + 26)


def _page(table2_titles: tuple[tuple[str, str], ...] = TABLE2_TITLES) -> OcrPage:
    words = _titles(TABLE1_TITLES, 100) + [
        w for r, cells in enumerate(ROWS1) for w in _row(cells, 170 + 40 * r)
    ]
    y = 190 + 40 * len(ROWS1)
    words += _titles(table2_titles, y) + [
        w for r, cells in enumerate(ROWS2) for w in _row(cells, y + 70 + 40 * r)
    ]
    return OcrPage(width=WIDE * 11, height=y + 300, words=words)


def _members(page: OcrPage, rules: list[VerticalRule]) -> list[dict[str, str]]:
    return [{k: f.value for k, f in m.as_dict().items()} for m in parse_kk_members(page, rules)]


def test_titles_on_two_lines_give_the_tables_columns() -> None:
    # Before: the first title line alone is eight phrases for ten columns (`Agama` and `Pendidikan` on the
    # second), so no table was found and not one member read.
    members = _members(_page(), [])
    assert [m["nik"] for m in members] == [HEAD[2], WIFE[2]]
    assert [m["sex"] for m in members] == ["LAKI-LAKI", "PEREMPUAN"]
    assert [m["religion"] for m in members] == ["ISLAM", "ISLAM"]
    assert [m["occupation"] for m in members] == ["WIRASWASTA", "PEDAGANG"]
    assert [m["relationship"] for m in members] == ["KEPALA KELUARGA", "ISTRI"]
    assert members[1]["father_name"] == "AHMAD KURNIAWAN"


def test_a_titles_second_line_of_one_word_places_its_column() -> None:
    # Before: under the second table's titles, `Perkawinan` alone on its line (the second line of `Status`
    # only) was taken for no title: the table ended before its first member.
    one_word = ((t[0], t[1] if t[0] == "Status" else "") for t in TABLE2_TITLES)
    members = _members(_page(tuple(one_word)), [])
    assert [m.get("marital_status") for m in members] == ["KAWIN TERCATAT", "KAWIN TERCATAT"]
    assert [m.get("mother_name") for m in members] == ["FITRI SETIAWAN", "NUR DEWI"]


def test_a_table_ruled_with_a_column_missing_is_read_by_its_titles() -> None:
    # Before: the first table's rules found but one (nine columns) made it the second table's count, so its
    # cells were read as marital status, relationship, parents' names: no NIK, a birth date as a passport.
    page = _page()
    xs = [round(c * WIDE) for c in range(len(KK_TABLE1) + 1) if c != 6]  # the rule before `Agama` not found
    rules = [VerticalRule(x=x, top=90, bottom=160 + 40 * len(ROWS1)) for x in xs]
    members = _members(page, rules)
    assert [m["nik"] for m in members] == [HEAD[2], WIFE[2]]
    assert [m["birth_date"] for m in members] == ["1998-08-07", "2002-11-26"]
    assert all("passport_number" not in m or m["passport_number"] == "-" for m in members)


def test_a_table_ruled_as_its_titles_say_keeps_its_rules() -> None:
    # Guard: rules and titles agree on ten columns: the rules place them (as before).
    page = _page()
    rules = [
        VerticalRule(x=c * WIDE, top=90, bottom=160 + 40 * len(ROWS1)) for c in range(len(KK_TABLE1) + 1)
    ]
    assert [m["nik"] for m in _members(page, rules)] == [HEAD[2], WIFE[2]]


def test_two_tables_found_by_their_titles_whose_spans_touch_are_both_kept() -> None:
    # kk-dipegang (a KK held up, bowing): the second table's titles begin two pixels above the first table's
    # foot. A first version took that for one table over the same rows and kept only the second.
    from ektp.ocr.kk_table import _member_tables

    first = (320, 492, list(range(0, 1100, 100)))  # ten columns
    second = (490, 647, list(range(0, 1000, 100)))  # nine
    assert _member_tables([], [first, second]) == [first, second]
    ruled_nine = (322, 488, list(range(0, 1000, 100)))  # the first table ruled with a column missing
    assert _member_tables([ruled_nine], [first, second]) == [first, second]


def test_a_damaged_member_row_of_one_title_word_is_no_title_line() -> None:
    # Review of this change: the head's row of the second table read as `1 KAWIN` only (a stain) was taken for
    # a title's second line, and every later row went to the member before it: the head got his wife's
    # relationship and her parents. A wrong value is worse than none.
    from tests.unit.ocr.test_ocr_kk_wrapped_cells import _unruled

    garbled = ["1", "KAWIN", "", "", "", "", "", "", ""]
    members = _members(_unruled(ROWS1, [garbled, ROWS2[1]]), [])
    assert members[0]["name"] == "ARIF SAPUTRA"
    assert members[0].get("relationship") != "ISTRI" and members[0].get("father_name") != "AHMAD KURNIAWAN"
