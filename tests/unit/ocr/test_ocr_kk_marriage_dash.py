"""The KK's second member table (Status Perkawinan, Tanggal Perkawinan, ...): a member never married has `-` in
the marriage-date cell, which a faint scan or a stamp may leave unread (issue 18, third round)."""

from __future__ import annotations

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
