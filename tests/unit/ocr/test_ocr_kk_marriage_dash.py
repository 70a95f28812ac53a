"""The KK's second member table (Status Perkawinan, Tanggal Perkawinan, ...): a member never married has `-` in
the marriage-date cell, which a faint scan or a stamp may leave unread (issue 18, third round)."""

from __future__ import annotations

import numpy as np

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.kk_table import KK_TABLE2, parse_kk_members
from ektp.ocr.preprocess import VerticalRule

COLUMN = 150  # px per column of the printed table


def _word(text: str, col: int, y: int) -> OcrWord:
    return OcrWord(
        text=text,
        confidence=0.9,
        left=col * COLUMN + 10,
        top=y,
        width=min(130, 11 * len(text)),
        height=20,
        line=y,
    )


def _table(rows: list[list[str]]) -> tuple[OcrPage, list[VerticalRule]]:
    """The table's words (a cell's words in its column; "" for a cell read as nothing) and its rules."""
    words = [_word(text, col, 100) for col, text in enumerate(("No", "Status Perkawinan"))]
    for r, cells in enumerate(rows):
        y = 140 + 40 * r
        for col, cell in enumerate(cells):
            x = 0
            for part in cell.split():
                w = _word(part, col, y)
                words.append(w.model_copy(update={"left": w.left + x}))
                x += w.width + 6
    bottom = 140 + 40 * len(rows) + 10
    rules = [VerticalRule(x=col * COLUMN, top=80, bottom=bottom) for col in range(len(KK_TABLE2) + 1)]
    return OcrPage(width=COLUMN * 10, height=bottom + 50, words=words), rules


def test_a_member_never_married_has_a_dash_for_a_marriage_date_the_page_lost() -> None:
    page, rules = _table(
        [
            ["1", "KAWIN TERCATAT", "18-04-1972", "KEPALA KELUARGA", "WNI", "-", "-", "ARNOLDUS", "MARIA"],
            ["2", "BELUM KAWIN", "", "ANAK", "WNI", "-", "-", "YOHANES", "YULIANA"],
        ]
    )
    members = [m.as_dict() for m in parse_kk_members(page, rules)]
    assert members[0]["marriage_date"].value == "1972-04-18"
    assert members[1]["marriage_date"].value == "-"
    assert members[1]["marriage_date"].confidence <= members[1]["marital_status"].confidence


def test_a_married_member_whose_date_was_lost_gets_no_dash() -> None:
    page, rules = _table([["1", "KAWIN TERCATAT", "", "ISTRI", "WNI", "-", "-", "AHMAD", "NUR"]])
    assert "marriage_date" not in parse_kk_members(page, rules)[0].as_dict()


def _grouped_table() -> tuple[OcrPage, list[VerticalRule], np.ndarray]:
    """The post-2018 second table: `DOKUMEN IMIGRASI` over No. Paspor | No. KITAP and `NAMA ORANG TUA` over
    Ayah | Ibu, the sub-columns' rules starting at the sub-header row; empty cells for no passport or KITAP."""
    page, _ = _table(
        [
            ["", "", "", "", "", "DOKUMEN IMIGRASI", "", "NAMA ORANG TUA", ""],
            ["", "", "", "", "", "No. Paspor", "No. KITAP", "Ayah", "Ibu"],
            ["1", "KAWIN TERCATAT", "17/05/2024", "KEPALA KELUARGA", "WNI", "", "", "YOGA SETIAWAN", "FITRI"],
            ["2", "KAWIN TERCATAT", "17/05/2024", "ISTRI", "WNI", "", "", "AHMAD KURNIAWAN", "NUR DEWI"],
        ]
    )
    bottom = 140 + 40 * 4 + 10
    whole = [0, 1, 2, 3, 4, 5, 7, 9]  # the borders ruled from the table's top
    rules = [VerticalRule(x=c * COLUMN, top=80, bottom=bottom) for c in whole]
    rules += [VerticalRule(x=c * COLUMN, top=170, bottom=bottom) for c in (6, 8)]  # under the group headers
    image = np.full((page.height, page.width), 255, np.uint8)
    for w in page.words:
        image[w.top + 4 : w.top + w.height - 4, w.left : w.right] = 0  # each word's ink
    return page, rules, image


class _NoEngine:
    name = "none"

    def recognize(self, image: np.ndarray) -> OcrPage:
        return OcrPage(width=image.shape[1], height=image.shape[0], words=[])


def test_a_grouped_header_table_keeps_its_sub_columns_and_reads_empty_cells_as_none() -> None:
    page, rules, image = _grouped_table()
    members = [m.as_dict() for m in parse_kk_members(page, rules, image, _NoEngine())]
    assert len(members) == 2  # the group-header and sub-header rows are no members
    assert {k: f.value for k, f in members[1].items() if k != "no"} == {
        "marital_status": "KAWIN TERCATAT",
        "marriage_date": "2024-05-17",
        "relationship": "ISTRI",
        "citizenship": "WNI",
        "passport_number": "-",
        "kitap_number": "-",
        "father_name": "AHMAD KURNIAWAN",
        "mother_name": "NUR DEWI",
    }
    assert members[0]["passport_number"].confidence < 0.9  # "none" only by the form's convention


def test_columns_in_another_order_are_read_by_their_headers() -> None:
    # A copy of an older print: `Status Hub. Dlm Keluarga` abbreviated, the marriage date in the last column.
    page, rules = _table(
        [
            ["No", "Status Perkawinan", "Status Hub. Dlm Keluarga", "Kewarganegaraan", "No. Paspor",
             "No. KITAS/KITAP", "Nama Ayah", "Nama Ibu", "Tgl. Perkawinan"],
            ["1", "KAWIN TERCATAT", "KEPALA KELUARGA", "WNI", "-", "-", "YOGA SETIAWAN", "FITRI", "17-05-2024"],
        ]
    )  # fmt: skip
    member = parse_kk_members(page, rules)[0].as_dict()
    assert member["relationship"].value == "KEPALA KELUARGA"
    assert member["marriage_date"].value == "2024-05-17"
    assert member["mother_name"].value == "FITRI"


def test_headers_that_do_not_name_each_column_once_keep_the_usual_order() -> None:
    page, rules = _table(
        [
            ["No", "Status Perkawinan", "Tanggal Perkawinan", "Status Hubungan", "Kewarganegaraan", "No. Paspor",
             "No. KITAP", "Nama", "Nama Ibu"],  # `Nama` names no column: the usual order, not a guess
            ["1", "KAWIN TERCATAT", "17-05-2024", "KEPALA KELUARGA", "WNI", "-", "-", "YOGA SETIAWAN", "FITRI"],
        ]
    )  # fmt: skip
    member = parse_kk_members(page, rules)[0].as_dict()
    assert member["father_name"].value == "YOGA SETIAWAN"
    assert member["marriage_date"].value == "2024-05-17"


def test_a_member_whose_name_is_one_letter_from_a_header_word_is_still_a_member() -> None:
    """`SITI NOVITA PRATAMA` holds `NOVITAP`, one letter from the sub-header `NO KITAP`: the row was taken
    for a header and the member lost (every mother's name below it moved up a row). Short header words must
    be printed as they are; long ones are still found through a misread glyph."""
    from ektp.ocr.kk_table import is_header_row

    assert not is_header_row("2SITINOVITAPRATAMA6105074107780024PEREMPUANSINTANG")
    assert is_header_row("NONOPASPORNOKITAPAYAHIBU")
    assert is_header_row("NONAMALENGKAPNIKJENISKELAMINTEMPATLAHIRTANGGALLAHIR")
    assert is_header_row("NONAMALENGKAPNIKJENISKELAMLNTEMPATLAHIRTANGGALIAHIR")  # misread glyphs
