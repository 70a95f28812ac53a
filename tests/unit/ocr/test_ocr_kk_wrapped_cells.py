"""A KK whose form has fixed narrow columns: the report engine wraps a long cell (`TAMAT SD/SEDERAJAT`, `BURUH
HARIAN LEPAS`) over two or three lines inside its cell and centres the row's other cells beside it, so the page
reads the wrapped cell's first line above its row and its last below, as lines of their own."""

from __future__ import annotations

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.kk_table import KK_TABLE1, parse_kk_members
from ektp.ocr.preprocess import VerticalRule

COLUMN = 170  # px per column of the printed table
LINE = 30  # px from one printed line to the next


def _words(text: str, col: int, y: int) -> list[OcrWord]:
    out, x = [], col * COLUMN + 8
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
