"""Field grammars: readings corrected to the format the field must have, and readings left alone."""

from __future__ import annotations

import pytest

from ektp.ocr.extract import normalise
from ektp.ocr.grammar import akta_number, blood_type
from tests.unit.ocr.test_ocr_text import word


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        # printed values as read
        ("A", "A"),
        ("AB", "AB"),
        ("O+", "O+"),
        ("B-", "B-"),
        ("-", "-"),
        ("TIDAK TAHU", "TIDAK TAHU"),
        # a small `+` read as a letter or a digit
        ("At", "A+"),
        ("ABt", "AB+"),
        ("Ot", "O+"),
        ("B4", "B+"),
        ("AB4", "AB+"),
        ("A4", "A+"),  # `A` then a `+`, not an `A` read twice
        ("Ox", "O+"),
        # no digit is a blood group; a lone glyph echoed
        ("0", "O"),
        ("8", "B"),
        ("A8", "AB"),
        ("()", "O"),
        ("Oo", "O"),
        ("B8", "B"),
        ("O0-", "O-"),
        ("—", "-"),
        ("TIDAKTARU", "TIDAK TAHU"),
        ("TIDAK TAMU", "TIDAK TAHU"),
    ],
)
def test_blood_type_readings_corrected_to_the_grammar(raw: str, value: str) -> None:
    assert blood_type(raw) == value


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "fe)",  # a lone O misread: garbage, to be read again, not guessed
        "le",
        "1:",
        "AO",  # two groups: no correction makes it one
        "OA",
        "C",
        "AB-#",
        "PETANI",  # a neighbouring cell's word
        "A+-",
    ],
)
def test_blood_type_rejects_what_no_correction_explains(raw: str) -> None:
    assert blood_type(raw) is None


def test_blood_type_is_the_normaliser_of_both_ktp_and_kk() -> None:
    assert normalise("blood_type", "Ot", [word("Ot", 0, 0, 1)], kk=True) is not None
    f = normalise("blood_type", "8", [word("8", 0, 0, 1)])
    assert f is not None and f.value == "B"
    assert normalise("blood_type", "fe)", [word("fe)", 0, 0, 1)], kk=True) is None


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("3205-LT-16121998-3543", "3205-LT-16121998-3543"),
        ("3205-LU-16121998-3543", "3205-LU-16121998-3543"),
        # the kerned `LT` read as one glyph, or the L read as two
        ("3205-4T-16121998-3543", "3205-LT-16121998-3543"),
        ("1501-1T-16051990-4663", "1501-LT-16051990-4663"),
        ("8202-L1T-30062020-5070", "8202-LT-30062020-5070"),
        ("3205-L0-16121998-3543", "3205-LU-16121998-3543"),
        ("3205-|U-16121998-3543", "3205-LU-16121998-3543"),
        # letters in the digit segments, spaces and a leading colon
        ("32O5-LT-1612I998-3543", "3205-LT-16121998-3543"),
        (": 3205 - LT - 16121998 - 3543", "3205-LT-16121998-3543"),
        ("3205—LT—16121998—3543", "3205-LT-16121998-3543"),
    ],
)
def test_akta_number_corrected_to_the_registration_format(raw: str, value: str) -> None:
    assert akta_number(raw) == value


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("3205-LX-16121998-3543", "3205-LX-16121998-3543"),  # letters as near LT as LU: not guessed
        ("3205-AL-16121998-3543", "3205-AL-16121998-3543"),  # another letter code stays as printed
        ("3205-44-16121998-3543", "3205-44-16121998-3543"),  # no code is nearer than another
        ("474.1/123/2005", "474.1/123/2005"),  # an older format: as read
        ("AL.540.0012345", "AL.540.0012345"),
        ("32X5-4T-16121998-3543", "32X5-4T-16121998-3543"),  # a digit segment no confusion explains
        ("32X05-4T-16121998-3543", "32X05-4T-16121998-3543"),  # ... even where the other glyphs make 4
        ("3205-4T-16121998-35X43", "3205-4T-16121998-35X43"),
        ("3205 - 4T | 16121998-3543", "3205-4T16121998-3543"),  # three segments: cleaned as before
        ("3205-4T-161298-3543", "3205-4T-161298-3543"),  # a short date: not this format
    ],
)
def test_akta_number_other_formats_left_as_read(raw: str, value: str) -> None:
    assert akta_number(raw) == value


def test_akta_number_empty() -> None:
    assert akta_number(" : ") is None
