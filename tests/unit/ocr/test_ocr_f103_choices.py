"""Form F-1.03's boxed choices as a scan reads them (issue 18, third round): the chosen number in a box before
the printed options. Inputs are written as the real form prints and a real scan reads it (the colon before the
box read as `1`, `2`, `z`, `$.`; the list's first `1.` losing its full stop or glued to the box's digit)."""

from __future__ import annotations

import pytest

from ektp.ocr.text import MOVE_CLASSIFICATIONS, MOVE_REASONS, MOVE_TYPES, choice

REASONS = "1. Pekerjaan 3. Keamanan 5. Perumahan 7. Lainnya"
CLASSES = "1. Dalam Satu Desa/Kel 3. Antar Kecamatan 5. Antar Provinsi"
TYPES = "1. Kep. Keluarga 3. Kep. Keluarga dan Sbgn. Angg. Keluarga"


@pytest.mark.parametrize(
    ("reading", "options", "chosen"),
    [
        ("24 " + REASONS, MOVE_REASONS, "KESEHATAN"),  # `: [4]`, the colon read as `2`
        ("1: 3 " + REASONS, MOVE_REASONS, "KEAMANAN"),
        ("1.6 " + REASONS, MOVE_REASONS, "KELUARGA"),
        ("z7 " + REASONS, MOVE_REASONS, "LAINNYA"),
        ("141 Pekerjaan 3. Keamanan 5. Perumahan", MOVE_REASONS, "KESEHATAN"),  # the list's `1.` glued on
        ("131. " + REASONS[3:], MOVE_REASONS, "KEAMANAN"),
        (
            "$. 5 1 Dalam Satu Desa/Kel 3. Antar Kecamatan 5. Antar Provinsi",
            MOVE_CLASSIFICATIONS,
            "ANTAR PROVINSI",
        ),
        (
            "» 5 1 Dalam Satu Desa/Kel 3. Antar Kecamatan 5, Antar Provinsi",
            MOVE_CLASSIFICATIONS,
            "ANTAR PROVINSI",
        ),
        ("12 1 Kep. Keluarga 3. Kep. Keluarga dan Sbgn. Angg. Keluarga", MOVE_TYPES, MOVE_TYPES[1]),
        ("2 L Kep. Keluarga 3. Kep. Keluarga dan Sbgn. Ang. Keluarga", MOVE_TYPES, MOVE_TYPES[1]),
        ("21 " + TYPES, MOVE_TYPES, MOVE_TYPES[0]),
        ("211. Kep. Keluarga 3, Kep. Keluarga dan Sbgn. Angg. Keluarga", MOVE_TYPES, MOVE_TYPES[0]),
        ("14 1 Kep. Keluarga 3. Kep. Keluarga dan Sbgn. Angg. Keluarga", MOVE_TYPES, MOVE_TYPES[3]),
        ("1.31 Kep. Keluarga 3. Kep. Keluarga dan Sbgn. Angg. Keluarga", MOVE_TYPES, MOVE_TYPES[2]),
        ("1 " + TYPES, MOVE_TYPES, MOVE_TYPES[0]),
    ],
)
def test_the_number_in_the_box_before_a_printed_list_as_a_scan_reads_it(
    reading: str, options: tuple[str, ...], chosen: str
) -> None:
    assert choice(reading, options) == chosen


@pytest.mark.parametrize(
    ("reading", "options"),
    [
        (REASONS, MOVE_REASONS),  # the box read as nothing: the list alone chooses nothing
        (CLASSES, MOVE_CLASSIFICATIONS),
        ("fgj 1 |. Pekerjaan 3. Keamanan 5. Perumahan", MOVE_REASONS),  # the box read as letters
        ("IG) " + CLASSES, MOVE_CLASSIFICATIONS),
        ("Gg) " + TYPES, MOVE_TYPES),
        ("7 3 " + REASONS, MOVE_REASONS),  # two numbers, neither a colon's glyph: no guess
    ],
)
def test_a_box_read_as_anything_but_one_digit_chooses_nothing(reading: str, options: tuple[str, ...]) -> None:
    assert choice(reading, options) is None
