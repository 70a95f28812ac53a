"""A KK whose form has fixed narrow columns: the report engine wraps a long cell (`TAMAT SD/SEDERAJAT`, `BURUH
HARIAN LEPAS`) over two or three lines inside its cell and centres the row's other cells beside it, so the page
reads the wrapped cell's first line above its row and its last below, as lines of their own."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.kk_table import KK_TABLE1, parse_kk_members
from ektp.ocr.preprocess import VerticalRule

COLUMN = 170  # px per column of the printed table
LINE = 30  # px from one printed line to the next


def _words(text: str, col: int, y: int, column: int = COLUMN) -> list[OcrWord]:
    out, x = [], col * column + 8
    for part in text.split():
        width = min(150, 11 * len(part))
        out.append(OcrWord(text=part, confidence=0.9, left=x, top=y, width=width, height=20, line=y))
        x += width + 6
    return out


TITLES = ("No", "Nama Lengkap", "NIK", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "Agama", "Pendidikan",
          "Jenis Pekerjaan", "Golongan Darah")  # fmt: skip


def _table(rows: list[tuple[list[str], dict[int, list[str]]]]) -> tuple[OcrPage, list[VerticalRule]]:
    """Each row: its cells on the row's middle line, and for a wrapped column its lines, centred on that line."""
    words = [w for col, title in enumerate(TITLES) for w in _words(title, col, 100)]
    y = 100 + 2 * LINE
    for cells, wrapped in rows:
        middle = y + LINE
        for col, text in enumerate(cells):
            lines = wrapped.get(col)
            if lines is None:
                words += _words(text, col, middle)
                continue
            first = middle - (len(lines) - 1) * LINE // 2
            for k, part in enumerate(lines):
                words += _words(part, col, first + k * LINE)
        y += 3 * LINE + 20
    rules = [VerticalRule(x=c * COLUMN, top=80, bottom=y + 10) for c in range(len(KK_TABLE1) + 1)]
    return OcrPage(width=COLUMN * 11, height=y + 60, words=words), rules


HEAD = [
    "1",
    "ARIF SAPUTRA",
    "1504040708980028",
    "LAKI-LAKI",
    "BATANGHARI",
    "07-08-1998",
    "ISLAM",
    "",
    "",
    "B",
]
WIFE = [
    "2",
    "ZAHRA SAPUTRA",
    "1504046611020017",
    "PEREMPUAN",
    "BATANGHARI",
    "26-11-2002",
    "ISLAM",
    "",
    "",
    "O",
]


def test_a_cell_wrapped_over_lines_above_and_below_its_row_is_read_whole_in_that_row() -> None:
    # Before: the line above the first row (`TAMAT`, `BURUH HARIAN`) was taken for the column titles and the
    # line below it (`LEPAS`) was dropped: education `SD/SEDERAJAT`, occupation unread.
    page, rules = _table(
        [
            (HEAD, {7: ["TAMAT", "SD/SEDERAJAT"], 8: ["BURUH HARIAN", "LEPAS"]}),
            (WIFE, {7: ["SLTP/SEDERAJAT"], 8: ["MENGURUS", "RUMAH", "TANGGA"]}),
        ]
    )
    members = [{k: f.value for k, f in m.as_dict().items()} for m in parse_kk_members(page, rules)]
    assert len(members) == 2
    assert members[0]["nik"] == "1504040708980028" and members[1]["nik"] == "1504046611020017"
    assert (members[0]["education"], members[0]["occupation"]) == ("TAMAT SD/SEDERAJAT", "BURUH HARIAN LEPAS")
    assert (members[1]["education"], members[1]["occupation"]) == ("SLTP/SEDERAJAT", "MENGURUS RUMAH TANGGA")
    assert members[1]["blood_type"] == "O"


def test_rows_read_whole_on_their_lines_are_read_as_before() -> None:
    # Guard: no cell wrapped, every row on one line: two members, each cell its own.
    page, rules = _table(
        [
            (HEAD, {7: ["TAMAT SD/SEDERAJAT"], 8: ["PETANI/PEKEBUN"]}),
            (WIFE, {7: ["SLTP/SEDERAJAT"], 8: ["WIRASWASTA"]}),
        ]
    )
    members = [{k: f.value for k, f in m.as_dict().items()} for m in parse_kk_members(page, rules)]
    assert [m["occupation"] for m in members] == ["PETANI/PEKEBUN", "WIRASWASTA"]
    assert members[0]["education"] == "TAMAT SD/SEDERAJAT"


# --- a member table whose vertical rules were not found ------------------------------------------------------------

TITLES2 = ("No", "Status Perkawinan", "Tanggal Perkawinan", "Status Hubungan", "Kewarganegaraan", "No. Paspor",
           "No. KITAP", "Nama Ayah", "Nama Ibu")  # fmt: skip


WIDE = 240  # px per column of the unruled tables: every cell and title within its column


def _unruled(rows1: list[list[str]], rows2: list[list[str]], titles: Sequence[str] = TITLES) -> OcrPage:
    """Both tables' titles and rows as a page reads them, the columns WIDE apart: no rule anywhere."""

    def row(cells: Sequence[str], y: int) -> list[OcrWord]:
        return [w for col, cell in enumerate(cells) for w in _words(cell, col, y, WIDE)]

    words = row(titles, 100) + [w for r, cells in enumerate(rows1) for w in row(cells, 140 + 40 * r)]
    y = 160 + 40 * len(rows1)
    words += row(TITLES2, y) + [w for r, cells in enumerate(rows2) for w in row(cells, y + 40 + 40 * r)]
    # The issue line under the tables, its date and `KEPALA ...` in the marriage date's and relationship's columns.
    words += row(["", "Dikeluarkan Tanggal", "04-11-2024", "KEPALA KELUARGA"], y + 60 + 40 * len(rows2))
    return OcrPage(width=WIDE * 11, height=y + 200, words=words)


ROWS1 = [
    [*HEAD[:7], "TAMAT SD/SEDERAJAT", "WIRASWASTA", "B"],
    [*WIFE[:7], "SLTP/SEDERAJAT", "PEDAGANG", "O"],
]
ROWS2 = [
    [
        "1",
        "KAWIN TERCATAT",
        "17-05-2024",
        "KEPALA KELUARGA",
        "WNI",
        "-",
        "-",
        "YOGA SETIAWAN",
        "FITRI SETIAWAN",
    ],
    ["2", "KAWIN TERCATAT", "17-05-2024", "ISTRI", "WNI", "-", "-", "AHMAD KURNIAWAN", "NUR DEWI"],
]


def test_a_member_table_without_rules_is_read_by_its_titles_columns() -> None:
    # Before: no vertical rule, no table: not one member read (a photo whose faint rules the thresholding lost).
    page = _unruled(ROWS1, ROWS2)
    members = [{k: f.value for k, f in m.as_dict().items()} for m in parse_kk_members(page, [])]
    assert len(members) == 2  # the issue line under the second table is no third member
    assert [m["nik"] for m in members] == ["1504040708980028", "1504046611020017"]
    assert [m["occupation"] for m in members] == ["WIRASWASTA", "PEDAGANG"]
    assert [m["relationship"] for m in members] == ["KEPALA KELUARGA", "ISTRI"]
    assert members[1]["marriage_date"] == "2024-05-17" and members[1]["father_name"] == "AHMAD KURNIAWAN"


def test_titles_that_do_not_number_a_tables_columns_make_no_table() -> None:
    # Guard: a title row read with two titles run together (nine phrases for ten columns): no column is guessed.
    titles = ("No", "Nama Lengkap NIK", "", *TITLES[3:])
    assert parse_kk_members(_unruled(ROWS1, [], titles), []) == []


def test_a_wrapped_cell_whose_last_line_was_lost_is_the_one_entry_it_begins() -> None:
    # Before: `MENGURUS RUMAH` and `BURUH HARIAN` (the cell's last line, `TANGGA` / `LEPAS`, under a stamp or too
    # faint) were returned as read: no occupation of the registry's list.
    page, rules = _table([(HEAD, {8: ["BURUH HARIAN"]}), (WIFE, {8: ["MENGURUS RUMAH"]})])
    members = [m.as_dict() for m in parse_kk_members(page, rules)]
    assert [m["occupation"].value for m in members] == ["BURUH HARIAN LEPAS", "MENGURUS RUMAH TANGGA"]
    assert members[1]["occupation"].confidence < 0.9  # named by its first words only: held less sure


def test_a_cell_that_begins_two_entries_is_kept_as_read() -> None:
    # Guard: `KARYAWAN` begins KARYAWAN SWASTA, KARYAWAN BUMN, ...: nothing is guessed.
    page, rules = _table([(HEAD, {8: ["KARYAWAN"]}), (WIFE, {8: ["WIRASWASTA"]})])
    assert [m.occupation.value for m in parse_kk_members(page, rules) if m.occupation] == [
        "KARYAWAN",
        "WIRASWASTA",
    ]


def test_a_cells_reading_again_that_is_no_entry_does_not_outvote_an_entry() -> None:
    # Before: the page's `MENGURUS RUMAH TANGGA` (named by its first words, held less sure) lost to a crop read
    # again as `MENGURUS RUMAH MENGUR` (the next row's print in the crop), which is no occupation.
    from ektp.ocr.kk_table import _vote
    from ektp.ocr.models import Field

    page = Field(value="MENGURUS RUMAH TANGGA", confidence=0.6)
    assert _vote("occupation", page, [("MENGURUS RUMAH MENGUR", 0.9)]) == page
    # Guard: a free-text cell (a name) is voted as before: the surer reading again wins.
    name = _vote("name", Field(value="ZAHRA SAPUTRA", confidence=0.6), [("ZAHRA SAPUTRI", 0.9)])
    assert name is not None and name.value == "ZAHRA SAPUTRI"


# --- a fully ruled table: a rule under every row ------------------------------------------------------------------


def _ruled_grey(page: OcrPage, rows: int) -> np.ndarray:
    """The page before thresholding as `_table` lays it out, drawn with a rule under the titles and under every
    row across the table (as a ruled form prints them), the column walls too."""
    grey = np.full((page.height, page.width), 245, dtype=np.uint8)
    right = COLUMN * len(KK_TABLE1)
    for y in [80, 100 + 2 * LINE - 15] + [
        100 + 2 * LINE - 15 + (3 * LINE + 20) * (k + 1) for k in range(rows)
    ]:
        grey[y : y + 3, 0:right] = 20
    for c in range(len(KK_TABLE1) + 1):
        grey[80 : page.height - 50, c * COLUMN : c * COLUMN + 2] = 20
    return grey


def _three_beside_two() -> list[tuple[list[str], dict[int, list[str]]]]:
    return [
        (HEAD, {7: ["TAMAT SD/", "SEDERAJAT"], 8: ["BURUH HARIAN", "LEPAS"]}),
        (WIFE, {7: ["SLTP/", "SEDERAJAT"], 8: ["MENGURUS", "RUMAH", "TANGGA"], 9: ["TIDAK", "TAHU"]}),
    ]


def test_a_cell_of_three_lines_beside_cells_of_two_is_read_in_its_row_between_the_rules() -> None:
    # Before (kk-folio-potret, the tenth blind round): the two-line cells' first line (`SLTP/`, `TIDAK`) stands
    # half a line from the three-line cell's first line (`MENGURUS`) and from the row, so its nearer neighbour
    # was another wrapped line: it became a member row of its own, and the wife's education went unread.
    page, rules = _table(_three_beside_two())
    grey = _ruled_grey(page, 2)
    members = [{k: f.value for k, f in m.as_dict().items()} for m in parse_kk_members(page, rules, grey=grey)]
    assert [m["nik"] for m in members] == ["1504040708980028", "1504046611020017"]
    assert (members[1]["education"], members[1]["occupation"]) == ("SLTP/SEDERAJAT", "MENGURUS RUMAH TANGGA")
    assert members[1]["blood_type"] == "TIDAK TAHU"
    assert (members[0]["education"], members[0]["occupation"]) == ("TAMAT SD/SEDERAJAT", "BURUH HARIAN LEPAS")


def test_row_rules_are_the_rules_across_the_table_only() -> None:
    from ektp.ocr.kk_table import row_rules

    page, _ = _table(_three_beside_two())
    grey = _ruled_grey(page, 2)
    xs = [c * COLUMN for c in range(len(KK_TABLE1) + 1)]
    assert row_rules(grey, 80, page.height - 50, xs) == [81, 146, 256, 366]
    # Guard: an underline under one cell or a short stroke is no row's border.
    grey[200:203, 0 : COLUMN * 3] = 20
    assert row_rules(grey, 80, page.height - 50, xs) == [81, 146, 256, 366]
    assert row_rules(None, 80, page.height - 50, xs) == []


def test_two_members_between_the_same_two_rules_stay_two_members() -> None:
    # Guard: a table ruled under its titles and at its foot only (no rule between rows): both rows fill the
    # row, so neither is joined into the other.
    page, rules = _table([(HEAD, {7: ["TAMAT SD/SEDERAJAT"], 8: ["WIRASWASTA"]}), (WIFE, {8: ["PEDAGANG"]})])
    grey = np.full((page.height, page.width), 245, dtype=np.uint8)
    grey[100 + 2 * LINE - 15 : 100 + 2 * LINE - 12, 0 : COLUMN * len(KK_TABLE1)] = 20
    grey[page.height - 60 : page.height - 57, 0 : COLUMN * len(KK_TABLE1)] = 20
    members = [m.as_dict() for m in parse_kk_members(page, rules, grey=grey)]
    assert [m["occupation"].value for m in members] == ["WIRASWASTA", "PEDAGANG"]


def test_a_member_row_whose_rule_above_was_not_found_stays_its_own_row() -> None:
    # From the review: the rule between two members too faint (or cut by a stamp) to be found, the second
    # member read in part (most cells under a stamp): it fills less than half the row, and was joined into the
    # head's (his name `ARIF SAPUTRA ZAHRA SAPUTRA`). A line with its own row number or a NIK is a member.
    from ektp.ocr.kk_table import _ruled_rows_joined

    def row(y: int, texts: list[str]) -> list[list[OcrWord]]:
        return [_words(text, col, y) if text else [] for col, text in enumerate(texts)]

    head = row(300, [*HEAD[:7], "SLTA", "PETANI", "O"])
    wife = row(360, ["2", "ZAHRA SAPUTRA", "1504046611020017", "PEREMPUAN", "", "", "", "", "", ""])
    rows = _ruled_rows_joined([head, wife], [250, 420])
    assert [" ".join(w.text for w in r[1]) for r in rows] == ["ARIF SAPUTRA", "ZAHRA SAPUTRA"]
