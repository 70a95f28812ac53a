"""A Kutipan's sentence word the engine read as two pieces (`pa da tanggal`, each piece on an engine line of its
own): made one again, so the place of birth stops before it."""

from __future__ import annotations

from ektp.ocr.engine import OcrWord
from ektp.ocr.extract import parse_akta
from ektp.ocr.text import Line


def _words(y: int, *items: tuple[int, str], line: int | None = None) -> list[OcrWord]:
    return [
        OcrWord(text=text, confidence=0.9, left=x, top=y, width=12 * len(text), height=20, line=line or y)
        for x, text in items
    ]


def _kutipan(date_line: list[OcrWord]) -> list[Line]:
    return [
        Line(_words(100, (300, "KUTIPAN"), (400, "AKTA"), (470, "KELAHIRAN"))),
        Line(_words(160, (100, "bahwa"), (170, "di"), (400, "BENGKULU"), (510, "UTARA"))),
        Line(date_line),
        Line(_words(280, (100, "telah"), (170, "lahir"), (400, "AGUS"), (460, "SAPUTRA"))),
        Line(_words(340, (100, "dari"), (160, "ayah"), (400, "BAYU"), (460, "SANTOSO"))),
    ]


def _read(date_line: list[OcrWord]) -> dict[str, str]:
    return {k: f.value for k, f in parse_akta(_kutipan(date_line)).as_dict().items()}


def test_a_sentence_word_read_in_two_pieces_is_one_word() -> None:
    # Before: the place of birth read `BENGKULU UTARA PA DA`.
    pieces = _words(220, (100, "pa"), line=7) + _words(
        220, (126, "da"), (160, "tanggal"), (400, "8"), (430, "FEBRUARI"), (540, "2010"), line=8
    )
    got = _read(pieces)
    assert (got["place_of_birth"], got["birth_date"]) == ("BENGKULU UTARA", "2010-02-08")


def test_guard_pieces_a_words_gap_apart_stay_two_words() -> None:
    apart = _words(
        220, (100, "pa"), (160, "da"), (200, "tanggal"), (400, "8"), (430, "FEBRUARI"), (540, "2010")
    )
    assert _read(apart).get("place_of_birth") != "BENGKULU UTARA"
