"""A page's words are data, never patterns: a word with a typewriter's struck letter (`ay.h`) is compared
with the sentence's words literally, whatever else it holds (brackets, stars, a backslash), so a page that
prints them (a sworn translation's `(twenty-first`, `[signed]`) is read, not crashed on."""

from __future__ import annotations

import pytest

from ektp.ocr.extract import parse_akta
from ektp.ocr.prose import parse_birth_sentence
from tests.unit.ocr.conftest import ocr_line as _line


@pytest.mark.parametrize("word", ["(twenty-first", "te(l.h", "ay.h)", "a.h[", "*a-y", "ay.h\\", "(a.+)+"])
def test_a_word_with_pattern_characters_and_a_struck_letter_is_read_as_text(word: str) -> None:
    lines = [
        _line(100, "KUTIPAN AKTA KELAHIRAN"),
        _line(140, f"Bahwa di SURABAYA pada tanggal 2 Januari 2001 telah lahir {word} BUDI SANTOSO,"),
        _line(180, "anak ke-1, LAKI-LAKI, dari ayah JOKO WIDODO dan ibu SRI WAHYUNI."),
    ]
    got = {k: f.value for k, f in parse_birth_sentence(lines).items()}
    assert got["place_of_birth"] == "SURABAYA" and got["birth_date"] == "2001-01-02"
    assert got["father_name"] == "JOKO WIDODO" and got["mother_name"] == "SRI WAHYUNI"
    assert parse_akta(lines).as_dict()["place_of_birth"].value == "SURABAYA"


def test_a_struck_letter_still_reads_as_the_sentence_word() -> None:
    # The rule the escaping keeps: `ay.h` is `ayah` with its `a` struck half.
    lines = [
        _line(100, "Bahwa di KEDIRI pada tanggal 2 Januari 2001 telah lahir seorang anak LAKI-LAKI bernama"),
        _line(140, "BUDI SANTOSO, anak ke-1 dari ay.h JOKO WIDODO dan ibu SRI WAHYUNI."),
    ]
    got = {k: f.value for k, f in parse_birth_sentence(lines).items()}
    assert got["father_name"] == "JOKO WIDODO"
