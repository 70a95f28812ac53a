"""A date printed in Tgl/Bln/Thn boxes, as a scan reads its small words (issue 18, third round)."""

from __future__ import annotations

import pytest

from ektp.ocr.extract import parse_skpwni
from ektp.ocr.text import parse_date
from tests.unit.ocr.conftest import ocr_line as _line


@pytest.mark.parametrize(
    ("reading", "iso"),
    [
        ("Tl 21 Bln 08 Thn 2017", "2017-08-21"),  # `Tgl` with its g lost
        ("TIl09 Bn12 Thn 2024", "2024-12-09"),  # each word glued to its boxes
        ("TLO1 Bln 02 Thn 2011", "2011-02-01"),
        (": 08 Bin 11 Thn 2026", "2026-11-08"),  # `Tgl` lost: `Bln` and `Thn` still say which part is which
        ("Tgl 21 Bn 08 Tm 2017", "2017-08-21"),
    ],
)
def test_a_date_in_tgl_bln_thn_boxes_as_a_scan_reads_its_words(reading: str, iso: str) -> None:
    assert parse_date(reading) == iso


@pytest.mark.parametrize("reading", ["Tgl a 2 Bin Thn 16", "Tgl 31 Bln 02 Thn 2025", "Bln 08 Thn 2017"])
def test_a_boxed_date_missing_a_part_or_no_calendar_date_is_none(reading: str) -> None:
    assert parse_date(reading) is None


def test_a_date_whose_parts_stand_apart_is_read_from_the_whole_row() -> None:
    # Tgl, Bln and Thn boxes spaced across the form: the engine reads three phrases.
    lines = [
        _line(100, "DATA KEPINDAHAN"),
        _line(140, "4. Rencana Tanggal Pindah :", "Tgl 01", "Bln 10", "Thn 2026"),
    ]
    assert parse_skpwni(lines).as_dict()["move_date"].value == "2026-10-01"
