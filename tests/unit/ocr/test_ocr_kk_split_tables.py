"""A KK whose members' fields are printed in tables of other counts than the form's two (issue 18, round 13's
kk-tiga-tabel): identity in one, education to marriage and family to parents in two more side by side under
the same rules. Each table is read by the fields its titles name; rows are joined by their order, or by the
name a later table prints again."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.kk_table import parse_kk_members
from ektp.ocr.preprocess import VerticalRule

ROW = 44

IDENTITY_WIDTHS = [60, 300, 260, 160, 220, 200, 140]
IDENTITY = [
    ["No", "Nama Lengkap", "NIK", "L/P", "Tempat Lahir", "Tanggal Lahir", "Agama"],
    ["1", "ARIF SAPUTRA", "1504040708980028", "LAKI-LAKI", "BATANGHARI", "07-08-1998", "ISLAM"],
    ["2", "ZAHRA SAPUTRA", "1504046611020017", "PEREMPUAN", "BATANGHARI", "26-11-2002", "ISLAM"],
]  # fmt: skip
SCHOOLING_WIDTHS = [50, 260, 300, 150, 220, 150]
SCHOOLING = [
    ["No", "Pendidikan", "Pekerjaan", "Golongan Darah", "Status Kawin", "Tgl. Kawin"],
    ["1", "TAMAT SD/SEDERAJAT", "BURUH HARIAN LEPAS", "B", "KAWIN TERCATAT", "17-05-2024"],
    ["2", "SLTP/SEDERAJAT", "MENGURUS RUMAH TANGGA", "TIDAK TAHU", "KAWIN TERCATAT", "17-05-2024"],
]  # fmt: skip
FAMILY_WIDTHS = [50, 270, 130, 110, 110, 260, 260]
# The third table's `No` in small print, read `Na`.
FAMILY = [
    ["Na", "Status Hubungan Dalam Keluarga", "Warga Negara", "No. Paspor", "No. KITAP", "Nama Ayah", "Nama Ibu"],
    ["1", "KEPALA KELUARGA", "WNI", "-", "-", "YOGA SETIAWAN", "FITRI SETIAWAN"],
    ["2", "ISTRI", "WNI", "-", "-", "AHMAD KURNIAWAN", "NUR DEWI ANGGRAINI"],
]  # fmt: skip


def _words(cells: list[str], xs: list[int], y: int) -> list[OcrWord]:
    words = []
    for left, right, cell in zip(xs, xs[1:], cells, strict=False):
        x = left + 8
        for part in cell.split():
            width = min(right - x - 4, 11 * len(part))
            words.append(OcrWord(text=part, confidence=0.92, left=x, top=y, width=width, height=20, line=y))
            x += width + 8
    return words


def _borders(x0: int, widths: list[int]) -> list[int]:
    return [x0 + sum(widths[:i]) for i in range(len(widths) + 1)]


class _Sheet:
    """A page of ruled tables: each band of tables (one, or two side by side) shares its top and bottom."""

    def __init__(self) -> None:
        self.words: list[OcrWord] = []
        self.rules: list[VerticalRule] = []
        self.y = 100
        self.row_lines: list[tuple[int, int, int]] = []  # y, x0, x1 of each horizontal rule

    def band(
        self, *tables: tuple[int, list[int], list[list[str]]], wrapped: dict[int, list[str]] | None = None
    ) -> None:
        top = self.y - 12
        rows = max(len(rows) for _, _, rows in tables)
        for _, _, table in tables:
            assert len(table) == rows  # side by side: as many rows each
        for r in range(rows):
            for x0, widths, table in tables:
                xs = _borders(x0, widths)
                self.words += _words(table[r], xs, self.y)
                self.row_lines.append((self.y - 12, xs[0], xs[-1]))
                if wrapped and r in wrapped:
                    self.words += _words(wrapped[r], xs, self.y + 24)
            self.y += ROW + (30 if wrapped and r in wrapped else 0)
        for x0, widths, _ in tables:
            xs = _borders(x0, widths)
            self.row_lines.append((self.y - 12, xs[0], xs[-1]))
            self.rules += [VerticalRule(x=x, top=top, bottom=self.y - 12) for x in xs]
        self.y += 80

    def page(self) -> OcrPage:
        return OcrPage(width=2000, height=self.y + 50, words=self.words)

    def grey(self) -> np.ndarray:
        """The page before thresholding, its rows' horizontal rules drawn (`row_rules` finds them there)."""
        image = np.full((self.y + 50, 2000), 255, dtype=np.uint8)
        for y, x0, x1 in self.row_lines:
            image[y : y + 2, x0:x1] = 0
        return image


def _values(members: list[dict[str, object]], key: str) -> list[object]:
    return [getattr(m.get(key), "value", None) for m in members]


def _three_tables() -> _Sheet:
    sheet = _Sheet()
    sheet.band((40, IDENTITY_WIDTHS, IDENTITY))
    sheet.band((40, SCHOOLING_WIDTHS, SCHOOLING), (1200, FAMILY_WIDTHS, FAMILY))
    return sheet


def test_members_in_three_tables_two_side_by_side_are_read_by_their_titles() -> None:
    sheet = _three_tables()
    members = [m.as_dict() for m in parse_kk_members(sheet.page(), sheet.rules)]
    assert _values(members, "name") == ["ARIF SAPUTRA", "ZAHRA SAPUTRA"]
    assert _values(members, "nik") == ["1504040708980028", "1504046611020017"]
    assert _values(members, "sex") == ["LAKI-LAKI", "PEREMPUAN"]  # titled `L/P`
    assert _values(members, "religion") == ["ISLAM", "ISLAM"]
    assert _values(members, "occupation") == ["BURUH HARIAN LEPAS", "MENGURUS RUMAH TANGGA"]
    assert _values(members, "blood_type") == ["B", "TIDAK TAHU"]
    assert _values(members, "marital_status") == ["KAWIN TERCATAT", "KAWIN TERCATAT"]
    assert _values(members, "marriage_date") == ["2024-05-17", "2024-05-17"]  # titled `Tgl. Kawin`
    assert _values(members, "relationship") == ["KEPALA KELUARGA", "ISTRI"]
    assert _values(members, "citizenship") == ["WNI", "WNI"]  # titled `Warga Negara`
    assert _values(members, "father_name") == ["YOGA SETIAWAN", "AHMAD KURNIAWAN"]
    assert _values(members, "mother_name") == ["FITRI SETIAWAN", "NUR DEWI ANGGRAINI"]


def test_titles_with_a_value_word_and_a_misread_title_word_are_titles() -> None:
    """`Tgi. Kawin`: `KAWIN` reads as a marital status, `TGI` as no title word; the row still names five
    fields and holds no NIK or date, so it is the titles, not the first member."""
    schooling = [[*SCHOOLING[0][:5], "Tgi. Kawin"], *SCHOOLING[1:]]
    sheet = _Sheet()
    sheet.band((40, IDENTITY_WIDTHS, IDENTITY))
    sheet.band((40, SCHOOLING_WIDTHS, schooling), (1200, FAMILY_WIDTHS, FAMILY))
    members = [m.as_dict() for m in parse_kk_members(sheet.page(), sheet.rules)]
    assert _values(members, "education") == ["TAMAT SD/SEDERAJAT", "SLTP/SEDERAJAT"]
    assert _values(members, "marriage_date") == ["2024-05-17", "2024-05-17"]
    assert _values(members, "relationship") == ["KEPALA KELUARGA", "ISTRI"]


def test_a_later_table_that_prints_the_name_again_is_joined_by_the_name() -> None:
    """The family table lists the members in another order, each by name: joined by the name, not the row."""
    family = [
        ["No", "Nama Lengkap", "Status Hubungan Dalam Keluarga", "Warga Negara", "Nama Ayah", "Nama Ibu"],
        ["1", "ZAHRA SAPUTRA", "ISTRI", "WNI", "AHMAD KURNIAWAN", "NUR DEWI ANGGRAINI"],
        ["2", "ARIF SAPUTRA", "KEPALA KELUARGA", "WNI", "YOGA SETIAWAN", "FITRI SETIAWAN"],
    ]  # fmt: skip
    sheet = _Sheet()
    sheet.band((40, IDENTITY_WIDTHS, IDENTITY))
    sheet.band((40, [50, 300, 300, 150, 280, 280], family))
    members = [m.as_dict() for m in parse_kk_members(sheet.page(), sheet.rules)]
    assert _values(members, "name") == ["ARIF SAPUTRA", "ZAHRA SAPUTRA"]
    assert _values(members, "relationship") == ["KEPALA KELUARGA", "ISTRI"]
    assert _values(members, "father_name") == ["YOGA SETIAWAN", "AHMAD KURNIAWAN"]


def test_two_tables_side_by_side_each_printing_the_name_are_two_tables() -> None:
    """Both tables beside each other print the member's name (one band of rules holds two `Nama Lengkap`
    columns): split at the second table's own row numbers, each is joined to the members by the name."""
    schooling = [
        ["No", "Nama Lengkap", "Pendidikan", "Pekerjaan", "Status Kawin"],
        ["1", "ZAHRA SAPUTRA", "SLTP/SEDERAJAT", "MENGURUS RUMAH TANGGA", "KAWIN TERCATAT"],
        ["2", "ARIF SAPUTRA", "TAMAT SD/SEDERAJAT", "BURUH HARIAN LEPAS", "KAWIN TERCATAT"],
    ]  # fmt: skip
    family = [
        ["Na", "Nama Lengkap", "Status Hubungan Dalam Keluarga", "Warga Negara", "Nama Ayah"],
        ["1", "ARIF SAPUTRA", "KEPALA KELUARGA", "WNI", "YOGA SETIAWAN"],
        ["2", "ZAHRA SAPUTRA", "ISTRI", "WNI", "AHMAD KURNIAWAN"],
    ]  # fmt: skip
    sheet = _Sheet()
    sheet.band((40, IDENTITY_WIDTHS, IDENTITY))
    sheet.band((40, [50, 280, 260, 300, 200], schooling), (1160, [50, 280, 270, 130, 260], family))
    members = [m.as_dict() for m in parse_kk_members(sheet.page(), sheet.rules)]
    assert _values(members, "name") == ["ARIF SAPUTRA", "ZAHRA SAPUTRA"]
    assert _values(members, "education") == ["TAMAT SD/SEDERAJAT", "SLTP/SEDERAJAT"]
    assert _values(members, "relationship") == ["KEPALA KELUARGA", "ISTRI"]
    assert _values(members, "father_name") == ["YOGA SETIAWAN", "AHMAD KURNIAWAN"]


def _schooling_members(schooling: list[list[str]], wrapped: list[str]) -> list[dict[str, object]]:
    """The identity table, then a schooling table whose first member's row wraps onto a second line."""
    sheet = _Sheet()
    sheet.band((40, IDENTITY_WIDTHS, IDENTITY))
    sheet.band((40, SCHOOLING_WIDTHS, schooling), wrapped={1: wrapped})
    return [m.as_dict() for m in parse_kk_members(sheet.page(), sheet.rules, grey=sheet.grey())]


def test_a_narrow_tables_wrapped_cells_join_the_row_that_holds_its_number() -> None:
    """In a table of six columns a wrapped line (`TAMAT | MENGURUS RUMAH | KAWIN`) fills half of them, as a
    row does; between the same two horizontal rules, it is the numbered line's other line, not a member."""
    schooling = [
        SCHOOLING[0],
        ["1", "TAMAT", "MENGURUS RUMAH", "B", "KAWIN", "17-05-2024"],
        ["2", "SLTP/SEDERAJAT", "PELAJAR/MAHASISWA", "A", "BELUM KAWIN", "-"],
    ]
    members = _schooling_members(schooling, wrapped=["", "SD/SEDERAJAT", "TANGGA", "", "TERCATAT"])
    assert len(members) == 2
    assert _values(members, "education") == ["TAMAT SD/SEDERAJAT", "SLTP/SEDERAJAT"]
    assert _values(members, "occupation") == ["MENGURUS RUMAH TANGGA", "PELAJAR/MAHASISWA"]
    assert _values(members, "marital_status") == ["KAWIN TERCATAT", "BELUM KAWIN"]


def test_guard_a_ruled_table_whose_titles_name_no_members_fields_gives_no_member() -> None:
    """A table of another count is read only when its titles name member fields: a fee table is none."""
    fees = [
        ["No", "Uraian", "Jumlah", "Keterangan", "Paraf"],
        ["1", "PENERBITAN KK", "0", "GRATIS", "OK"],
        ["2", "LEGALISIR", "0", "GRATIS", "OK"],
    ]
    sheet = _Sheet()
    sheet.band((40, [60, 400, 200, 300, 200], fees))
    assert parse_kk_members(sheet.page(), sheet.rules) == []


def test_a_column_no_title_names_is_passed_over_and_its_short_numbers_start_no_table() -> None:
    """An extra `Keterangan` column of short numbers that are not the rows' own (`7` beside row 1): the
    table is still read by the titles it names, and the column is no second table's `No`."""
    identity = [[*row, extra] for row, extra in zip(IDENTITY, ["Keterangan", "7", "9"], strict=True)]
    sheet = _Sheet()
    sheet.band((40, [*IDENTITY_WIDTHS, 160], identity))
    members = [m.as_dict() for m in parse_kk_members(sheet.page(), sheet.rules)]
    assert _values(members, "name") == ["ARIF SAPUTRA", "ZAHRA SAPUTRA"]
    assert _values(members, "religion") == ["ISLAM", "ISLAM"]


# The review's attacks on the rules above (each read wrongly by their first version).
FORM1_WIDTHS = [50, 260, 220, 130, 160, 150, 100, 200, 200, 80]
FORM1 = [
    ["No", "Nama Lengkap", "NIK", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "Agama", "Pendidikan",
     "Jenis Pekerjaan", "Golongan Darah"],
    ["1", "ARIF SAPUTRA", "1504040708980028", "LAKI-LAKI", "BATANGHARI", "07-08-1998", "ISLAM", "SLTA/SEDERAJAT",
     "WIRASWASTA", "O"],
    ["2", "ZAHRA SAPUTRA", "1504046611020017", "PEREMPUAN", "BATANGHARI", "26-11-2002", "ISLAM",
     "SLTP/SEDERAJAT", "MENGURUS RUMAH TANGGA", "A"],
    ["3", "BUDI SAPUTRA", "1504041212200001", "LAKI-LAKI", "JAMBI", "12-12-2020", "ISLAM", "BELUM SEKOLAH",
     "BELUM BEKERJA", "A"],
]  # fmt: skip
FORM2_WIDTHS = [50, 150, 150, 200, 120, 120, 120, 220, 220]
FORM2_TITLES = ["No", "Status Perkawinan", "Tanggal Perkawinan", "Status Hubungan Dalam Keluarga", "Kewarganegaraan",
                "No. Paspor", "No. KITAP", "Nama Ayah", "Nama Ibu"]  # fmt: skip


CHILD = ["3", "BELUM KAWIN", "-", "ANAK", "WNI", "-", "-", "ARIF SAPUTRA", "ZAHRA SAPUTRA"]


def _with_form2(*rows: list[str]) -> _Sheet:
    """The form's first table, then its second with these member rows under its titles."""
    sheet = _Sheet()
    sheet.band((40, FORM1_WIDTHS, FORM1))
    sheet.band((40, FORM2_WIDTHS, [FORM2_TITLES, *rows]))
    return sheet


def test_a_rows_number_beside_its_wrapped_cells_second_line_joins_them() -> None:
    """Cells wrapped and centred in their row: the row's number stands on the second line, which fills no
    more cells than the first (`SLTA/SEDERAJAT | WIRASWASTA | KAWIN` over `1 | B | TERCATAT | date`); the two
    lines a wrapped cell's reach apart are one member, not two."""
    schooling = [
        SCHOOLING[0],
        ["", "SLTA/SEDERAJAT", "WIRASWASTA", "", "KAWIN", ""],
        ["2", "SLTP/SEDERAJAT", "PELAJAR/MAHASISWA", "A", "BELUM KAWIN", "-"],
    ]
    members = _schooling_members(schooling, wrapped=["1", "", "", "B", "TERCATAT", "17-05-2024"])
    assert len(members) == 2
    assert _values(members, "education") == ["SLTA/SEDERAJAT", "SLTP/SEDERAJAT"]
    assert _values(members, "blood_type") == ["B", "A"]
    assert _values(members, "marital_status") == ["KAWIN TERCATAT", "BELUM KAWIN"]


def test_two_full_lines_between_two_found_rules_stay_two_members() -> None:
    """The rule between two rows not found and the second row's number unread: it fills the row as the
    first does, so it is a member of its own, not the first row's wrapped cells."""
    sheet = _with_form2(
        ["1", "KAWIN", "17-05-2019", "KEPALA KELUARGA", "WNI", "-", "-", "YOGA SETIAWAN", "FITRI SETIAWAN"],
        ["", "KAWIN", "17-05-2019", "ISTRI", "WNI", "-", "-", "AHMAD KURNIAWAN", "NUR DEWI"],
        CHILD,
    )
    ruled_over_istri = sheet.rules[-1].top + 2 * ROW  # the rule over the unnumbered row: not found
    sheet.row_lines = [line for line in sheet.row_lines if line[0] != ruled_over_istri]
    members = [m.as_dict() for m in parse_kk_members(sheet.page(), sheet.rules, grey=sheet.grey())]
    assert _values(members, "relationship") == ["KEPALA KELUARGA", "ISTRI", "ANAK"]
    assert _values(members, "father_name") == ["YOGA SETIAWAN", "AHMAD KURNIAWAN", "ARIF SAPUTRA"]


def test_a_members_row_whose_names_hold_title_words_is_no_titles_row() -> None:
    """`HABIBULLAH` holds `IBU`, `NUR HIDAYAH` `AYAH`, and an unregistered marriage has no date: the first
    member's row is still a member's, not the titles (which shifted every member by one)."""
    sheet = _with_form2(
        ["1", "KAWIN BELUM TERCATAT", "-", "KEPALA KELUARGA", "WNI", "-", "-", "HABIBULLAH", "NUR HIDAYAH"],
        ["2", "KAWIN BELUM TERCATAT", "-", "ISTRI", "WNI", "-", "-", "AHMAD KURNIAWAN", "NUR DEWI"],
        CHILD,
    )
    members = [m.as_dict() for m in parse_kk_members(sheet.page(), sheet.rules)]
    assert _values(members, "relationship") == ["KEPALA KELUARGA", "ISTRI", "ANAK"]
    assert _values(members, "father_name") == ["HABIBULLAH", "AHMAD KURNIAWAN", "ARIF SAPUTRA"]


def test_one_members_dash_read_as_1_splits_no_table() -> None:
    """One member: a blood type's `-` read `1` repeats the row's number `1`; the form's table stays whole."""
    form1 = [FORM1[0], [*FORM1[1][:9], "1"]]
    form2 = [
        FORM2_TITLES,
        ["1", "BELUM KAWIN", "-", "KEPALA KELUARGA", "WNI", "-", "-", "YOGA SETIAWAN", "FITRI"],
    ]
    sheet = _Sheet()
    sheet.band((40, FORM1_WIDTHS, form1))
    sheet.band((40, FORM2_WIDTHS, form2))
    members = [m.as_dict() for m in parse_kk_members(sheet.page(), sheet.rules)]
    assert _values(members, "name") == ["ARIF SAPUTRA"]
    assert _values(members, "nik") == ["1504040708980028"]
    assert _values(members, "father_name") == ["YOGA SETIAWAN"]


def test_the_first_tables_rows_are_joined_by_order_when_its_nik_title_is_misread() -> None:
    """`NlK` names no column, so the first table prints a name and no NIK: its rows are still its own
    members in order, not joined by name to members it has just read (the second was dropped)."""
    identity = [[*IDENTITY[0][:2], "NlK", *IDENTITY[0][3:]], *IDENTITY[1:]]
    sheet = _Sheet()
    sheet.band((40, IDENTITY_WIDTHS, identity))
    members = [m.as_dict() for m in parse_kk_members(sheet.page(), sheet.rules)]
    assert _values(members, "name") == ["ARIF SAPUTRA", "ZAHRA SAPUTRA"]


def test_a_later_list_of_residents_adds_no_member_and_joins_by_nik() -> None:
    """A ruled list under the members (`No | NIK | Nama Lengkap | SHDK | Keterangan`, a mover list pasted on
    the page) in another order with a stranger: its rows join the members by NIK; the stranger is no
    member, and no member takes another's fields."""
    movers = [
        ["No", "NIK", "Nama Lengkap", "SHDK", "Keterangan"],
        ["1", "1504041212200099", "BUDI SANTOSO", "ANAK", "PINDAH"],
        ["2", "1504046611020017", "ZAHRA SAPUTRA", "ISTRI", "-"],
    ]
    sheet = _Sheet()
    sheet.band((40, IDENTITY_WIDTHS, IDENTITY))
    sheet.band((40, [60, 260, 300, 260, 200], movers))
    members = [m.as_dict() for m in parse_kk_members(sheet.page(), sheet.rules)]
    assert _values(members, "name") == ["ARIF SAPUTRA", "ZAHRA SAPUTRA"]
    assert _values(members, "relationship") == [None, "ISTRI"]


def test_a_table_of_the_forms_count_in_another_order_is_read_by_its_titles() -> None:
    """A family table of nine columns only because of a `Keterangan` column: read by its titles, the
    mother's name not taken for the father's."""
    family = [
        ["No", "Status Hubungan Dalam Keluarga", "Kewarganegaraan", "No. Paspor", "No. KITAP", "Nama Ayah",
         "Nama Ibu", "Keterangan", "Status Perkawinan"],
        ["1", "KEPALA KELUARGA", "WNI", "-", "-", "YOGA SETIAWAN", "FITRI SETIAWAN", "-", "KAWIN"],
        ["2", "ISTRI", "WNI", "-", "-", "AHMAD KURNIAWAN", "NUR DEWI ANGGRAINI", "-", "KAWIN"],
    ]  # fmt: skip
    sheet = _Sheet()
    sheet.band((40, IDENTITY_WIDTHS, IDENTITY))
    sheet.band((40, [50, 260, 160, 110, 110, 240, 260, 140, 160], family))
    members = [m.as_dict() for m in parse_kk_members(sheet.page(), sheet.rules)]
    assert _values(members, "relationship") == ["KEPALA KELUARGA", "ISTRI"]
    assert _values(members, "father_name") == ["YOGA SETIAWAN", "AHMAD KURNIAWAN"]
    assert _values(members, "mother_name") == ["FITRI SETIAWAN", "NUR DEWI ANGGRAINI"]


HEAD_ROW = ["1", "KAWIN", "17-05-2019", "KEPALA KELUARGA", "WNI", "-", "-", "YOGA SETIAWAN", "FITRI SETIAWAN"]
WIFE_UNNUMBERED = ["", "KAWIN", "17-05-2019", "ISTRI", "WNI", "-", "-", "AHMAD KURNIAWAN", "NUR DEWI"]
FOREIGN_WIFE = [
    "2",
    "KAWIN",
    "17-05-2019",
    "ISTRI",
    "WNA",
    "E1234567",
    "2C21JE0001-Y",
    "JOHN SMITH",
    "MARY SMITH",
]
CHILD_UNNUMBERED = ["", "BELUM KAWIN", "-", "ANAK", "WNI", "-", "-", "ARIF SAPUTRA", "SARAH SMITH"]


@pytest.mark.parametrize(
    ("rows", "pitch", "lost", "box"),
    [
        # The second engine's boxes, 35 px about 20 px print at a 44 px pitch: within 1.6 box heights.
        pytest.param([HEAD_ROW, WIFE_UNNUMBERED, CHILD], 44, 2, 35, id="second-engine-tall-boxes"),
        pytest.param([HEAD_ROW, WIFE_UNNUMBERED, CHILD], 32, 2, None, id="tight-print"),
        # A foreign spouse's row fills the passport and KITAP cells; the child's under it fills fewer.
        pytest.param([HEAD_ROW, FOREIGN_WIFE, CHILD_UNNUMBERED], 44, 3, None, id="foreign-spouse"),
    ],
)
def test_an_unnumbered_members_row_whose_rule_was_lost_is_not_the_row_aboves_wrapped_cells(
    rows: list[list[str]], pitch: int, lost: int, box: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From an attacker review: the rule over a member's row not found and its number unread, the row stands
    half its band away from the numbered row above and holds a member's values: a member of its own, however
    tall the engine's boxes, tight the print, or fewer its filled cells."""
    monkeypatch.setattr(sys.modules[__name__], "ROW", pitch)
    sheet = _with_form2(*rows)
    lost_rule = sheet.rules[-1].top + lost * pitch
    sheet.row_lines = [line for line in sheet.row_lines if line[0] != lost_rule]
    page = sheet.page()
    if box is not None:  # the same print in a taller box about its middle
        grow = (box - 20) // 2
        page.words = [w.model_copy(update={"top": w.top - grow, "height": box}) for w in page.words]
    members = [m.as_dict() for m in parse_kk_members(page, sheet.rules, grey=sheet.grey())]
    assert _values(members, "relationship") == ["KEPALA KELUARGA", "ISTRI", "ANAK"]
    assert _values(members, "father_name")[:2] == [HEAD_ROW[7], rows[1][7]]
