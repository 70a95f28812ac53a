"""The family's biodata form (F-1.01) typed one letter a box: a value's words stand an empty box apart, wider
than the gap that parts a label from its value, and are still read as one value."""

from __future__ import annotations

from ektp.ocr.engine import OcrWord
from ektp.ocr.extract import parse_kk
from ektp.ocr.text import Line

PITCH = 30  # px a box: the letters of a boxed word stand this far apart
HEIGHT = 20


def _label(y: int, text: str) -> list[OcrWord]:
    words, x = [], 60
    for part in text.split():
        words.append(
            OcrWord(text=part, confidence=0.9, left=x, top=y, width=11 * len(part), height=HEIGHT, line=y)
        )
        x += 11 * len(part) + 8
    return words


def _boxed(y: int, value: str, left: int = 400) -> list[OcrWord]:
    """The value's words as an engine reads boxes: each word one box a letter, an empty box between words."""
    words, box = [], 0
    for part in value.split():
        width = round((len(part) - 0.5) * PITCH) if len(part) > 1 else 14
        words.append(
            OcrWord(
                text=part, confidence=0.9, left=left + box * PITCH, top=y, width=width, height=HEIGHT, line=y
            )
        )
        box += len(part) + 1
    return words


def _form(rows: list[tuple[str, str]]) -> list[Line]:
    return [
        Line(_label(100 + 50 * i, label) + _boxed(100 + 50 * i, value))
        for i, (label, value) in enumerate(rows)
    ]


def test_a_boxed_value_of_several_words_is_read_whole() -> None:
    # Before: each word a phrase of its own, the value its first (`ARIF`, `JL.`, `BATIN`, `BATANGHARI`).
    lines = [
        Line(_label(40, "KARTU KELUARGA")),
        *_form(
            [
                ("1. Nomor Kartu Keluarga", "1504040411240019"),
                ("2. Nama Kepala Keluarga", "ARIF SAPUTRA"),
                ("3. Alamat", "JL. GAJAH MADA NO. 119"),
                ("8. Provinsi", "JAMBI"),
                ("9. Kabupaten/Kota", "KABUPATEN BATANGHARI"),
                ("10. Kecamatan", "BATIN XXIV"),
                ("11. Desa/Kelurahan", "HAJRAN"),
            ]
        ),
    ]
    got = {k: f.value for k, f in parse_kk(lines).as_dict().items()}
    assert got["number"] == "1504040411240019"
    assert (got["head_of_family"], got["address"]) == ("ARIF SAPUTRA", "JL. GAJAH MADA NO. 119")
    assert (got["district"], got["regency"], got["province"]) == (
        "BATIN XXIV",
        "KABUPATEN BATANGHARI",
        "JAMBI",
    )


def test_guard_a_value_in_print_keeps_its_columns_apart() -> None:
    # Print sets letters closer than a box: a label column's value and the next column's label stay apart.
    printed = [
        ("ARIF", 400, 48),
        ("SAPUTRA", 456, 84),
        ("Desa/Kelurahan", 700, 154),
        (":", 870, 4),
        ("HAJRAN", 900, 72),
    ]
    line = Line(
        [
            *_label(100, "Nama Kepala Keluarga :"),
            *[
                OcrWord(text=text, confidence=0.9, left=x, top=100, width=w, height=HEIGHT, line=100)
                for text, x, w in printed
            ],
        ]
    )
    got = {k: f.value for k, f in parse_kk([Line(_label(40, "KARTU KELUARGA")), line]).as_dict().items()}
    assert got["head_of_family"] == "ARIF SAPUTRA"
    assert got["village"] == "HAJRAN"
