"""The akta kelahiran as a legalised photocopy and as a typewritten folio reads (issue 18, session 9).

Each input is written as a scan reads it: OCR words with their positions (no rendering, no engine). The rules:

- a sentence word in small letters run into the capitals after it (`bernamaARIF SAPUTRA`, `ibu/TIURMA`) is
  the word and then the value: the Kutipan prints its sentence in small letters and its values in capitals;
- a legalisation stamp or signature read after the mother's name (`Dilegalisir oleh Dinas Dukcapil`,
  `ukcapil`) is no part of it: civil documents print names in capitals, so words in small letters after a
  name in capitals are not the name, and a stamp's own words are no name words.
"""

from __future__ import annotations

import pytest

from ektp.ocr.extract import parse_akta
from ektp.ocr.prose import parse_birth_sentence
from tests.unit.ocr.conftest import ocr_line


def _sentence(second: str, third: str) -> dict[str, str]:
    lines = [
        ocr_line(100, "Berdasarkan register akta kelahiran, bahwa di BATANGHARI pada tanggal 07 AGUSTUS"),
        ocr_line(140, second),
        ocr_line(180, third),
    ]
    return {k: f.value for k, f in parse_birth_sentence(lines).items()}


@pytest.mark.parametrize(
    "second",
    [
        "1998 telah dilahirkan seorang anak LAKI-LAKI bernamaARIF SAPUTRA, anak dari ayah",
        "1998 telah dilahirkan seorang anak LAKI-LAKI bernamāARIF SAPUTRA , anak dari ayah",
    ],
)
def test_a_sentence_word_run_into_the_capitals_after_it_is_split_at_the_case_change(second: str) -> None:
    got = _sentence(second, "YOGA SETIAWAN dan ibu FITRI SETIAWAN")
    assert (got["name"], got["father_name"]) == ("ARIF SAPUTRA", "YOGA SETIAWAN")


def test_a_parents_word_run_into_the_name_through_a_mark_is_split() -> None:
    got = _sentence(
        "1998 telah dilahirkan seorang anak LAKI-LAKI bernama ARIF SAPUTRA, anak dari ayah",
        "YOGA SETIAWAN dan ibu/FITRI SETIAWAN",
    )
    assert got["mother_name"] == "FITRI SETIAWAN"


@pytest.mark.parametrize(
    "third",
    [
        "YOGA SETIAWAN dan ibu FITRI SETIAWAN Dilegalisir oleh Dinas Dukcapil",
        "YOGA SETIAWAN dan ibu FITRI SETIAWAN ukcapil",
        "YOGA SETIAWAN dan ibu FITRI SETIAWAN . Dilegalisir oleh Dinas Dukcapil",
        "YOGA SETIAWAN dan ibu FITRI SETIAWAN DILEGALISIR OLEH DINAS DUKCAPIL",
        "YOGA SETIAWAN dan ibu FITRI SETIAWAN UKCAPIL",
    ],
)
def test_a_legalisation_stamp_read_after_the_mother_is_no_part_of_her_name(third: str) -> None:
    got = _sentence(
        "1998 telah dilahirkan seorang anak LAKI-LAKI bernama ARIF SAPUTRA, anak dari ayah", third
    )
    assert got["mother_name"] == "FITRI SETIAWAN"


def test_a_name_printed_in_small_letters_throughout_is_kept_whole() -> None:
    # the rule is a change from capitals to small letters; a print that sets names in title case keeps them
    got = _sentence(
        "1998 telah dilahirkan seorang anak LAKI-LAKI bernama ARIF SAPUTRA, anak dari ayah",
        "Yoga Setiawan dan ibu Fitri Setiawan",
    )
    assert got["mother_name"] == "FITRI SETIAWAN"


def test_a_name_with_one_letter_read_small_is_kept_whole() -> None:
    # `SETIAWaN`: one letter read small inside a capital word is a misread, not the sentence going on
    got = _sentence(
        "1998 telah dilahirkan seorang anak LAKI-LAKI bernama ARIF SAPUTRA, anak dari ayah",
        "YOGA SETIAWAN dan ibu FITRI SETIAWaN",
    )
    assert got["mother_name"] == "FITRI SETIAWAN"


def test_a_number_typed_flush_against_its_no_is_read_without_it() -> None:
    # a typewriter sets `No.` and the number with no space between: the engine reads one word
    lines = [
        ocr_line(60, "KUTIPAN AKTA KELAHIRAN"),
        ocr_line(100, "No.1504-LT-26112002-3879"),
        ocr_line(140, "NIK :1504046611020017"),
        ocr_line(180, "Nama anak : ZAHRA SAPUTRA"),
    ]
    assert parse_akta(lines).as_dict()["number"].value == "1504-LT-26112002-3879"
