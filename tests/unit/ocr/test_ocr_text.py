"""Value normalisation and line handling: pure functions, no engine."""

from __future__ import annotations

import pytest

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.text import RELIGIONS, clean_text, digits, number16, page_lines, parse_date, small_number, snap


def word(text: str, left: int, top: int, line: int, width: int = 40, conf: float = 0.9) -> OcrWord:
    return OcrWord(text=text, confidence=conf, left=left, top=top, width=width, height=20, line=line)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("18-09-1975", "1975-09-18"),
        ("1 28 MARET 2003", "2003-03-28"),
        ("PANGANDARAN, 01/02/2000", "2000-02-01"),
        ("O1-12-2O20", "2020-12-01"),
        ("28 APRlL 2024", "2024-04-28"),
        ("31-02-2020", None),
        ("SEUMUR HIDUP", None),
    ],
)
def test_parse_date(raw: str, iso: str | None) -> None:
    assert parse_date(raw) == iso


def test_numbers() -> None:
    assert number16("32O1O15809750001") == "3201015809750001"
    assert number16("320101580975000") is None  # 15 digits: not a NIK, no guessing
    assert digits("46 393") == "46393"
    assert small_number("7", 3) == "007"
    assert small_number("12345", 3) is None


def test_snap_only_close_readings() -> None:
    assert snap("KATH0LIK", RELIGIONS) == "KATHOLIK"
    assert snap("ISLAM", RELIGIONS) == "ISLAM"
    assert snap("PETANI", RELIGIONS) is None


def test_clean_text() -> None:
    assert clean_text(" : ded! firmansyah ;") == "DEDI FIRMANSYAH"
    assert clean_text("-") == "-"
    assert clean_text("JL. MERDEKA  NO. 5") == "JL. MERDEKA NO. 5"


def test_lines_merge_engine_blocks_at_the_same_height() -> None:
    # Tesseract returns the label column and the value column as separate blocks: one printed line.
    page = OcrPage(
        width=1000,
        height=200,
        words=[
            word("Nama", 10, 50, 1),
            word(":", 300, 52, 2),
            word("BUDI", 340, 51, 2),
            word("Alamat", 10, 100, 3),
        ],
    )
    lines = page_lines(page)
    assert [ln.text for ln in lines] == ["Nama : BUDI", "Alamat"]
    assert [s.text for s in lines[0].segments()] == ["Nama", ": BUDI"]
